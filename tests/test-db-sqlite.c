/* test-db-sqlite.c — SQLite introspection (src/db-sqlite.c) on databases
 * built here with the sqlite3 API, and .sql loading (src/import-sql.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db-sqlite.h"
#include "import-sql.h"
#include "model.h"

static struct model *introspect(const char *sql, struct diag_list *dl)
{
	sqlite3 *db;
	struct model *m = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("setup SQL failed: %s", err);
	assert_int_equal(db_sqlite_introspect(db, "test.db", &m, dl, &err), 0);
	assert_null(err);
	sqlite3_close(db);
	assert_non_null(m);
	return m;
}

static struct model *introspect_quiet(const char *sql)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = introspect(sql, &dl);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	return m;
}

static struct table *table_at(struct model *m, size_t i)
{
	assert_true(i < m->tables.n);
	return PLIST_AT(&m->tables, struct table, i);
}

static struct column *col(struct model *m, const char *t, const char *c)
{
	struct table *tb = model_table(m, t);

	assert_non_null(tb);
	assert_non_null(table_column(tb, c));
	return table_column(tb, c);
}

static struct check *check_at(struct table *t, size_t i)
{
	assert_true(i < t->checks.n);
	return PLIST_AT(&t->checks, struct check, i);
}

static void test_tables_in_creation_order(void **state)
{
	struct model *m;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE zebra (id INTEGER PRIMARY KEY AUTOINCREMENT);"
		"CREATE TABLE skema_migrations (id INTEGER PRIMARY KEY, sql TEXT);"
		"CREATE TABLE apple (x TEXT);"
		"CREATE TABLE mango (y TEXT);"
		"DROP TABLE apple;"
		"CREATE TABLE apple (x TEXT);"
		"ANALYZE;");
	assert_int_equal(m->tables.n, 3);
	assert_string_equal(table_at(m, 0)->name, "zebra");
	assert_string_equal(table_at(m, 1)->name, "mango");
	assert_string_equal(table_at(m, 2)->name, "apple");
	assert_int_equal(m->links.n, 0);
	model_free(m);
}

static void test_types(void **state)
{
	static const struct {
		const char *declared, *type;
	} cases[] = {
		{ "INTEGER", "integer" }, { "BIGINT", "bigint" }, { "SMALLINT", "smallint" },
		{ "BOOLEAN", "boolean" }, { "REAL", "real" }, { "DOUBLE", "double" },
		{ "NUMERIC", "numeric" }, { "NUMERIC(10,2)", "numeric(10,2)" },
		{ "DECIMAL(5)", "decimal(5)" }, { "TEXT", "text" },
		{ "VARCHAR(100)", "varchar(100)" }, { "CHAR(2)", "char(2)" },
		{ "DATE", "date" }, { "TIME", "time" }, { "DATETIME", "datetime" },
		{ "TIMESTAMP", "timestamp" }, { "TIMESTAMPTZ", "timestamptz" },
		{ "BLOB", "blob" }, { "UUID", "uuid" }, { "JSON", "json" },
		/* Not the generator's spelling: kept as written. */
		{ "NVARCHAR(160)", "NVARCHAR(160)" }, { "INT", "INT" },
		{ "varchar(10)", "varchar(10)" }, { "NUMERIC(10, 2)", "NUMERIC(10, 2)" },
		{ "BLOB SUB_TYPE TEXT", "BLOB SUB_TYPE TEXT" }, { "ENUM", "ENUM" },
	};
	struct strbuf sql;
	struct model *m;
	struct diag_list dl;

	(void)state;
	sb_init(&sql);
	sb_add(&sql, "CREATE TABLE t (");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		sb_printf(&sql, "c%zu %s, ", i, cases[i].declared);
	sb_add(&sql, "untyped);"
		     "CREATE TABLE s (i INTEGER, t TEXT, r REAL, b BLOB, a ANY, n INT) STRICT;");
	diag_list_init(&dl);
	m = introspect(sql.buf, &dl);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char name[16];

		snprintf(name, sizeof(name), "c%zu", i);
		assert_string_equal(col(m, "t", name)->type, cases[i].type);
	}
	assert_string_equal(col(m, "t", "untyped")->type, "blob");
	assert_int_equal(dl.n, 1);
	assert_string_equal(dl.items[0].message,
			    "column 't.untyped' has no declared type; imported as blob");
	assert_true(model_table(m, "s")->strict);
	assert_false(model_table(m, "t")->strict);
	assert_string_equal(col(m, "s", "i")->type, "integer");
	assert_string_equal(col(m, "s", "t")->type, "text");
	assert_string_equal(col(m, "s", "r")->type, "real");
	assert_string_equal(col(m, "s", "b")->type, "blob");
	assert_string_equal(col(m, "s", "a")->type, "ANY");
	assert_string_equal(col(m, "s", "n")->type, "INT");
	model_free(m);
	diag_list_free(&dl);
	sb_free(&sql);
}

static void expect_default(struct model *m, const char *c, enum value_kind kind,
			   const char *text, const char *sql)
{
	struct column *cl = col(m, "d", c);

	assert_int_equal(cl->dflt.kind, kind);
	if (text)
		assert_string_equal(cl->dflt.text, text);
	else
		assert_null(cl->dflt.text);
	if (sql)
		assert_string_equal(cl->default_sql, sql);
	else
		assert_null(cl->default_sql);
}

static void test_nullability_and_defaults(void **state)
{
	struct model *m;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE d ("
		" a INTEGER NOT NULL DEFAULT 0, b INTEGER DEFAULT -12, c REAL DEFAULT 4.99,"
		" e REAL DEFAULT 1e3, f TEXT DEFAULT 'it''s', g TEXT DEFAULT NULL,"
		" h BOOLEAN DEFAULT TRUE, i BOOLEAN DEFAULT FALSE, j DATETIME DEFAULT CURRENT_TIMESTAMP,"
		" k DATE DEFAULT (date('now')), l INTEGER DEFAULT (1 + 2), m TEXT DEFAULT null,"
		" n BLOB DEFAULT X'00', o TEXT DEFAULT '', p INTEGER DEFAULT ((1)), q INTEGER)");
	assert_int_equal(col(m, "d", "a")->nullable, TRI_FALSE);
	assert_int_equal(col(m, "d", "b")->nullable, TRI_UNSET);
	expect_default(m, "a", VALUE_INT, "0", NULL);
	expect_default(m, "b", VALUE_INT, "-12", NULL);
	expect_default(m, "c", VALUE_FLOAT, "4.99", NULL);
	expect_default(m, "e", VALUE_FLOAT, "1e3", NULL);
	expect_default(m, "f", VALUE_STRING, "it's", NULL);
	expect_default(m, "g", VALUE_NULL, NULL, NULL);
	expect_default(m, "h", VALUE_BOOL, "true", NULL);
	expect_default(m, "i", VALUE_BOOL, "false", NULL);
	expect_default(m, "j", VALUE_NONE, NULL, "CURRENT_TIMESTAMP");
	expect_default(m, "k", VALUE_NONE, NULL, "date('now')");
	expect_default(m, "l", VALUE_NONE, NULL, "1 + 2");
	/* Not the generator's NULL: kept as SQL so that it reads back alike. */
	expect_default(m, "m", VALUE_NONE, NULL, "null");
	expect_default(m, "n", VALUE_NONE, NULL, "X'00'");
	expect_default(m, "o", VALUE_STRING, "", NULL);
	expect_default(m, "p", VALUE_NONE, NULL, "((1))");
	expect_default(m, "q", VALUE_NONE, NULL, NULL);
	model_free(m);
}

static void test_primary_keys(void **state)
{
	struct model *m;
	struct table *t;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE one (id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT);"
		"CREATE TABLE plain (id INTEGER, PRIMARY KEY (id));"
		"CREATE TABLE two (a TEXT NOT NULL, b INTEGER NOT NULL, c TEXT, PRIMARY KEY (b, a));"
		"CREATE TABLE text_key (k TEXT PRIMARY KEY) WITHOUT ROWID;");
	assert_true(col(m, "one", "id")->primary_key);
	assert_true(col(m, "one", "id")->autoincrement);
	assert_false(col(m, "one", "x")->primary_key);
	assert_true(col(m, "plain", "id")->primary_key);
	assert_false(col(m, "plain", "id")->autoincrement);
	t = model_table(m, "two");
	assert_false(col(m, "two", "a")->primary_key);
	assert_int_equal(t->primary_key.n, 2);
	assert_string_equal(t->primary_key.items[0], "b");
	assert_string_equal(t->primary_key.items[1], "a");
	/* Key columns are not nullable by default: no explicit flag. */
	assert_int_equal(col(m, "two", "a")->nullable, TRI_UNSET);
	assert_true(model_table(m, "text_key")->without_rowid);
	assert_true(col(m, "text_key", "k")->primary_key);
	assert_int_equal(model_table(m, "text_key")->indexes.n, 0);
	model_free(m);
}

static void test_unique(void **state)
{
	struct model *m;
	struct table *t;
	struct unique *u;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE u (a TEXT UNIQUE, b TEXT, c TEXT, CONSTRAINT bc UNIQUE (c, b));");
	t = model_table(m, "u");
	assert_true(col(m, "u", "a")->unique);
	assert_false(col(m, "u", "b")->unique);
	assert_int_equal(t->uniques.n, 1);
	u = PLIST_AT(&t->uniques, struct unique, 0);
	assert_int_equal(u->columns.n, 2);
	assert_string_equal(u->columns.items[0], "c");
	assert_string_equal(u->columns.items[1], "b");
	assert_int_equal(t->indexes.n, 0);
	model_free(m);
}

static void test_checks(void **state)
{
	struct model *m;
	struct table *t;
	struct enum_type *e;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE c ("
		" age INTEGER CHECK (age > 0) CHECK (age < 200),"
		" score NUMERIC(5,2), name VARCHAR(20), code TEXT DEFAULT 'b', mood TEXT,"
		" note TEXT CONSTRAINT note_short CHECK (length(note) < 99),"
		" CONSTRAINT \"ck_c_score_ge\" CHECK (\"score\" >= -1.5),"
		" CONSTRAINT \"ck_c_score_le\" CHECK (\"score\" <= 100),"
		" CONSTRAINT \"ck_c_score_gt\" CHECK (\"score\" > -2),"
		" CONSTRAINT \"ck_c_score_lt\" CHECK (\"score\" < 101),"
		" CONSTRAINT \"ck_c_name_min_length\" CHECK (length(\"name\") >= 1),"
		" CONSTRAINT \"ck_c_name_max_length\" CHECK (length(\"name\") <= 20),"
		" CONSTRAINT \"ck_c_code_enum\" CHECK (\"code\" IN ('a', 'b', 'c''d')),"
		" CONSTRAINT \"ck_c_mood\" CHECK (mood <> ''),"
		" CONSTRAINT \"ck_c_name_ge\" CHECK (\"name\" >= 0),"
		" CONSTRAINT \"ck_c_code_min_length\" CHECK (length(code) >= 1),"
		" CONSTRAINT \"ck_c_mood_enum\" CHECK (\"mood\" IN ('x', 'x')),"
		" CONSTRAINT named CHECK ( score * 2 < 500 ),"
		" CHECK (name <> code),"
		" CONSTRAINT \"ck_c_1\" CHECK (1))");
	t = model_table(m, "c");
	assert_string_equal(col(m, "c", "age")->check, "age > 0");
	assert_string_equal(col(m, "c", "score")->bound[BOUND_GE], "-1.5");
	assert_string_equal(col(m, "c", "score")->bound[BOUND_LE], "100");
	assert_string_equal(col(m, "c", "score")->bound[BOUND_GT], "-2");
	assert_string_equal(col(m, "c", "score")->bound[BOUND_LT], "101");
	assert_int_equal(col(m, "c", "name")->min_length, 1);
	assert_int_equal(col(m, "c", "name")->max_length, 20);
	assert_int_equal(col(m, "c", "code")->min_length, -1);
	assert_string_equal(col(m, "c", "code")->type, "enum(code)");
	assert_string_equal(col(m, "c", "mood")->check, "mood <> ''");
	assert_string_equal(col(m, "c", "mood")->type, "text");
	assert_null(col(m, "c", "name")->bound[BOUND_GE]);
	assert_null(col(m, "c", "note")->check);
	e = model_enum(m, "code");
	assert_non_null(e);
	assert_int_equal(e->values.n, 3);
	assert_string_equal(e->values.items[2], "c'd");
	assert_int_equal(m->enums.n, 1);

	/* What is left, in order: the second column check (named after the
	 * explicit ones have claimed theirs), the named column check, the
	 * checks that only look like the generator's, named and unnamed. */
	assert_int_equal(t->checks.n, 8);
	assert_string_equal(check_at(t, 0)->name, "note_short");
	assert_string_equal(check_at(t, 0)->expr, "length(note) < 99");
	assert_string_equal(check_at(t, 1)->name, "ck_c_name_ge");
	assert_string_equal(check_at(t, 2)->name, "ck_c_code_min_length");
	assert_string_equal(check_at(t, 3)->name, "ck_c_mood_enum");
	assert_string_equal(check_at(t, 4)->name, "named");
	assert_string_equal(check_at(t, 4)->expr, "score * 2 < 500");
	assert_string_equal(check_at(t, 5)->name, "ck_c_1");
	assert_string_equal(check_at(t, 6)->name, "ck_c_2");
	assert_string_equal(check_at(t, 6)->expr, "age < 200");
	assert_string_equal(check_at(t, 7)->name, "ck_c_3");
	assert_string_equal(check_at(t, 7)->expr, "name <> code");
	model_free(m);
}

static void test_enum_names(void **state)
{
	struct model *m;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE a (s TEXT CONSTRAINT \"ck_a_s_enum\" CHECK (\"s\" IN ('x', 'y')));"
		"CREATE TABLE b (s TEXT CONSTRAINT \"ck_b_s_enum\" CHECK (\"s\" IN ('x', 'y')));"
		"CREATE TABLE c (s TEXT CONSTRAINT \"ck_c_s_enum\" CHECK (\"s\" IN ('z')),"
		"                d TEXT DEFAULT 'q' CONSTRAINT \"ck_c_d_enum\" CHECK (\"d\" IN ('z')));");
	assert_string_equal(col(m, "a", "s")->type, "enum(s)");
	assert_string_equal(col(m, "b", "s")->type, "enum(s)");
	assert_string_equal(col(m, "c", "s")->type, "enum(c_s)");
	/* A default outside the values: not an enum. */
	assert_string_equal(col(m, "c", "d")->type, "text");
	assert_int_equal(m->enums.n, 2);
	model_free(m);
}

static void test_indexes(void **state)
{
	struct model *m;
	struct table *t;
	struct index *ix;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	m = introspect("CREATE TABLE t (a TEXT UNIQUE, b INTEGER, c TEXT);"
		       "CREATE INDEX \"ix_t_b\" ON t (b);"
		       "CREATE INDEX ix_t_c ON t (c) WHERE c IS NOT NULL;"
		       "CREATE UNIQUE INDEX t_bc ON t (b, c);"
		       "CREATE INDEX t_lower ON t (lower(c));"
		       "CREATE INDEX t_desc ON t (b DESC);", &dl);
	t = model_table(m, "t");
	assert_true(col(m, "t", "b")->index);
	assert_false(col(m, "t", "c")->index);
	assert_int_equal(t->indexes.n, 3);
	ix = PLIST_AT(&t->indexes, struct index, 0);
	assert_string_equal(ix->name, "ix_t_c");
	assert_string_equal(ix->where, "c IS NOT NULL");
	assert_false(ix->unique);
	ix = PLIST_AT(&t->indexes, struct index, 1);
	assert_string_equal(ix->name, "t_bc");
	assert_true(ix->unique);
	assert_null(ix->where);
	assert_int_equal(ix->columns.n, 2);
	assert_string_equal(ix->columns.items[1], "c");
	ix = PLIST_AT(&t->indexes, struct index, 2);
	assert_string_equal(ix->name, "t_desc");
	assert_int_equal(dl.n, 2);
	assert_string_equal(dl.items[0].message,
			    "index 't_lower' on table 't' has an expression key; it is not imported");
	assert_string_equal(dl.items[1].message,
			    "index 't_desc' on table 't' orders column 'b' with DESC or COLLATE, "
			    "which the model does not hold");
	model_free(m);
	diag_list_free(&dl);
}

static void test_foreign_keys(void **state)
{
	struct model *m;
	struct table *t;
	struct foreign_key *fk;
	struct column *c;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE p (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, UNIQUE (a, b));"
		"CREATE TABLE k (id INTEGER PRIMARY KEY,"
		" p_id INTEGER REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL,"
		" q INTEGER REFERENCES p, r INTEGER REFERENCES p (id) ON DELETE NO ACTION,"
		" x INTEGER, y INTEGER, v INTEGER, w INTEGER,"
		" CONSTRAINT k_xy FOREIGN KEY (x, y) REFERENCES p (a, b) ON DELETE SET DEFAULT,"
		" CONSTRAINT \"fk_k_v_w\" FOREIGN KEY (v, w) REFERENCES p (a, b) ON UPDATE RESTRICT);");
	c = col(m, "k", "p_id");
	assert_string_equal(c->ref_table, "p");
	assert_string_equal(c->ref_column, "id");
	assert_int_equal(c->on_delete, ACTION_CASCADE);
	assert_int_equal(c->on_update, ACTION_SET_NULL);
	c = col(m, "k", "r");
	assert_string_equal(c->ref_table, "p");
	assert_int_equal(c->on_delete, ACTION_NONE);
	t = model_table(m, "k");
	assert_int_equal(t->foreign_keys.n, 3);
	/* REFERENCES p without columns stays that way. */
	assert_null(col(m, "k", "q")->ref_table);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 0);
	assert_string_equal(fk->columns.items[0], "q");
	assert_string_equal(fk->ref_table, "p");
	assert_int_equal(fk->ref_columns.n, 0);
	assert_null(fk->name);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 1);
	assert_string_equal(fk->name, "k_xy");
	assert_string_equal(fk->columns.items[0], "x");
	assert_string_equal(fk->columns.items[1], "y");
	assert_string_equal(fk->ref_table, "p");
	assert_string_equal(fk->ref_columns.items[1], "b");
	assert_int_equal(fk->on_delete, ACTION_SET_DEFAULT);
	assert_int_equal(fk->on_update, ACTION_NONE);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 2);
	/* The generator's own name is not repeated in the model. */
	assert_null(fk->name);
	assert_int_equal(fk->on_update, ACTION_RESTRICT);
	model_free(m);
}

/* A single-column key with a name of its own stays in foreign_keys, where
 * the name can be said; the generator's fk_<table>_<column> becomes the
 * column's references.  Names pair with keys by declaration order, so two
 * keys on the same columns keep theirs. */
static void test_named_single_column_foreign_keys(void **state)
{
	struct model *m;
	struct table *t;
	struct foreign_key *fk;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE p (a INTEGER PRIMARY KEY);"
		"CREATE TABLE c (id INTEGER PRIMARY KEY, a INTEGER,"
		" b INTEGER CONSTRAINT inl REFERENCES p (a),"
		" CONSTRAINT \"fk_c_a\" FOREIGN KEY (a) REFERENCES p (a) ON DELETE CASCADE,"
		" CONSTRAINT my_fk FOREIGN KEY (a) REFERENCES p (a) ON DELETE RESTRICT);");
	t = model_table(m, "c");
	assert_null(col(m, "c", "b")->ref_table);
	assert_string_equal(col(m, "c", "a")->ref_table, "p");
	assert_int_equal(col(m, "c", "a")->on_delete, ACTION_CASCADE);
	assert_int_equal(t->foreign_keys.n, 2);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 0);
	assert_string_equal(fk->name, "inl");
	assert_string_equal(fk->columns.items[0], "b");
	assert_string_equal(fk->ref_columns.items[0], "a");
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 1);
	assert_string_equal(fk->name, "my_fk");
	assert_string_equal(fk->columns.items[0], "a");
	assert_int_equal(fk->on_delete, ACTION_RESTRICT);
	model_free(m);
}

static void test_views_triggers_options_comments(void **state)
{
	struct model *m;
	struct sql_object *o;
	struct table *t;

	(void)state;
	m = introspect_quiet(
		"CREATE TABLE \"t\" ( -- Things, kept\n"
		"  -- the key\n"
		"  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
		"  -- two\n"
		"  --\n"
		"  -- lines\n"
		"  \"x\" TEXT, -- trailing\n"
		"  y TEXT /* not a comment key */,\n"
		"  z TEXT -- last\n"
		") WITHOUT ROWID, STRICT;\n"
		"CREATE VIEW v (a) AS\n  SELECT x AS a FROM t ;\n"
		"CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;");
	t = model_table(m, "t");
	assert_string_equal(t->comment, "Things, kept");
	assert_true(t->without_rowid);
	assert_true(t->strict);
	assert_string_equal(col(m, "t", "id")->comment, "the key");
	assert_string_equal(col(m, "t", "x")->comment, "two\n\nlines\ntrailing");
	assert_null(col(m, "t", "y")->comment);
	assert_string_equal(col(m, "t", "z")->comment, "last");
	assert_int_equal(m->views.n, 1);
	o = PLIST_AT(&m->views, struct sql_object, 0);
	assert_string_equal(o->name, "v");
	assert_string_equal(o->sql, "SELECT x AS a FROM t");
	assert_int_equal(m->triggers.n, 1);
	o = PLIST_AT(&m->triggers, struct sql_object, 0);
	assert_string_equal(o->name, "tr");
	assert_string_equal(o->sql, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END");
	model_free(m);
}

/* ---- files ---- */

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-db-sqlite.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static char *tmp_path(const char *name)
{
	return xasprintf("%s/%s", tmpdir, name);
}

static void write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static void make_db(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void expect_file_error(const char *path, const char *want)
{
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL;

	diag_list_init(&dl);
	assert_int_equal(db_sqlite_import_file(path, &m, &dl, &err), -1);
	assert_null(m);
	assert_non_null(err);
	assert_string_equal(err, want);
	assert_int_equal(dl.n, 0);
	free(err);
	diag_list_free(&dl);
}

static void test_file_errors(void **state)
{
	char *missing = tmp_path("missing.db"), *text = tmp_path("text.db");
	char *corrupt = tmp_path("corrupt.db"), *want;
	FILE *f;

	(void)state;
	want = xasprintf("cannot read %s: No such file or directory", missing);
	expect_file_error(missing, want);
	free(want);

	write_file(text, "hello, world\n", 13);
	want = xasprintf("%s is not an SQLite database", text);
	expect_file_error(text, want);
	free(want);

	make_db(corrupt, "CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT); CREATE TABLE b (z);");
	f = fopen(corrupt, "r+b");
	assert_non_null(f);
	/* The first page's b-tree header: the schema cannot be read. */
	assert_int_equal(fseek(f, 100, SEEK_SET), 0);
	assert_int_equal(fwrite("\xff\xff\xff\xff\xff\xff\xff\xff", 1, 8, f), 8);
	assert_int_equal(fclose(f), 0);
	want = xasprintf("%s is a corrupt SQLite database (database disk image is malformed)",
			 corrupt);
	expect_file_error(corrupt, want);
	free(want);
	free(missing);
	free(text);
	free(corrupt);
}

static void test_empty_database(void **state)
{
	char *zero = tmp_path("zero.db"), *empty = tmp_path("empty.db");
	const char *paths[2] = { zero, empty };

	(void)state;
	write_file(zero, "", 0);
	make_db(empty, "CREATE TABLE x (a); DROP TABLE x;");
	for (int i = 0; i < 2; i++) {
		struct model *m = NULL;
		struct diag_list dl;
		char *err = NULL;

		diag_list_init(&dl);
		assert_int_equal(db_sqlite_import_file(paths[i], &m, &dl, &err), 0);
		assert_null(err);
		assert_non_null(m);
		assert_int_equal(m->tables.n, 0);
		assert_int_equal(m->views.n, 0);
		assert_int_equal(dl.n, 0);
		model_free(m);
		diag_list_free(&dl);
	}
	free(zero);
	free(empty);
}

static void test_read_only_file_unchanged(void **state)
{
	char *path = tmp_path("ro dir?#%.db");
	struct stat before, after;
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL, *bytes_before, *bytes_after;
	FILE *f;

	(void)state;
	make_db(path, "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
		      "CREATE TABLE hero (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team (id));");
	assert_int_equal(chmod(path, 0444), 0);
	assert_int_equal(stat(path, &before), 0);
	bytes_before = xcalloc(1, (size_t)before.st_size);
	f = fopen(path, "rb");
	assert_int_equal(fread(bytes_before, 1, (size_t)before.st_size, f), (size_t)before.st_size);
	fclose(f);

	diag_list_init(&dl);
	assert_int_equal(db_sqlite_import_file(path, &m, &dl, &err), 0);
	assert_int_equal(m->tables.n, 2);
	/* The file import infers links. */
	assert_int_equal(m->links.n, 1);

	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_size, before.st_size);
	assert_int_equal(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
	assert_int_equal(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	bytes_after = xcalloc(1, (size_t)after.st_size);
	f = fopen(path, "rb");
	assert_int_equal(fread(bytes_after, 1, (size_t)after.st_size, f), (size_t)after.st_size);
	fclose(f);
	assert_memory_equal(bytes_before, bytes_after, (size_t)after.st_size);

	free(bytes_before);
	free(bytes_after);
	model_free(m);
	diag_list_free(&dl);
	free(path);
}

/* ---- .sql ---- */

static void expect_sql_error(const char *sql, uint32_t line, uint32_t col, const char *msg)
{
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL;

	diag_list_init(&dl);
	assert_int_equal(import_sql_text("x.sql", sql, strlen(sql), &m, &dl, &err), -1);
	assert_null(m);
	assert_null(err);
	assert_int_equal(dl.n, 1);
	assert_int_equal(dl.errors, 1);
	assert_int_equal(dl.items[0].pos.line, line);
	assert_int_equal(dl.items[0].pos.col, col);
	assert_string_equal(dl.items[0].message, msg);
	diag_list_free(&dl);
}

static void test_sql_text(void **state)
{
	const char *ok = "-- comment; here\nCREATE TABLE a (x TEXT DEFAULT ';');\n"
			 "INSERT INTO a VALUES ('1');\n/* trailing */\n";
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(import_sql_text("x.sql", ok, strlen(ok), &m, &dl, &err), 0);
	assert_int_equal(m->tables.n, 1);
	assert_int_equal(dl.n, 0);
	model_free(m);
	diag_list_free(&dl);

	expect_sql_error("CREATE TABLE a (x);\n\n/* c;\n */ CREATE TABL b (y);\n", 4, 5,
			 "near \"TABL\": syntax error");
	expect_sql_error("CREATE TABLE a (x NOT NULL);\n  INSERT INTO a\n VALUES (NULL);", 2, 3,
			 "NOT NULL constraint failed: a.x");
	expect_sql_error("CREATE TABLE a (x); CREATE TABLE a (y);", 1, 21,
			 "table a already exists");
	expect_sql_error("VACUUM INTO '/tmp/never-written.db';", 1, 1,
			 "ATTACH and VACUUM INTO are not allowed in an imported file: "
			 "they would write to disk");
	assert_int_equal(access("/tmp/never-written.db", F_OK), -1);
}

/* Names and CREATE text that are not UTF-8 are refused, naming the
 * object with the bytes escaped: the model file is UTF-8, and saving
 * would otherwise turn the bytes into U+FFFD, a silent rename. */
static void expect_utf8_error(const char *sql, const char *msg)
{
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL;

	diag_list_init(&dl);
	assert_int_equal(import_sql_text("x.sql", sql, strlen(sql), &m, &dl, &err), -1);
	assert_null(m);
	assert_non_null(err);
	assert_string_equal(err, msg);
	assert_int_equal(dl.errors, 0);
	free(err);
	diag_list_free(&dl);
}

static void test_invalid_utf8(void **state)
{
	const char *ok = "CREATE TABLE \"caf\xc3\xa9\" (\"\xe2\x82\xac\" TEXT); -- \xf0\x9f\x98\x80\n";
	struct model *m = NULL;
	struct diag_list dl;
	char *err = NULL;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(import_sql_text("x.sql", ok, strlen(ok), &m, &dl, &err), 0);
	assert_string_equal(PLIST_AT(&m->tables, struct table, 0)->name, "caf\xc3\xa9");
	model_free(m);
	diag_list_free(&dl);

	expect_utf8_error("CREATE TABLE t (id INTEGER PRIMARY KEY, \"a\xff" "b\" TEXT);",
			  "x.sql: table 't' has text that is not valid UTF-8 in its definition: "
			  "\"a\\xff" "b\"");
	expect_utf8_error("CREATE TABLE \"t\xfe\\\" (a TEXT);",
			  "x.sql: table 't\\xfe\\x5c' has a name that is not valid UTF-8");
	/* Overlong '/' and a UTF-16 surrogate. */
	expect_utf8_error("CREATE TABLE t (a TEXT);\nCREATE INDEX \"i\xc0\xaf\" ON t (a);",
			  "x.sql: index 'i\\xc0\\xaf' has a name that is not valid UTF-8");
	expect_utf8_error("CREATE TABLE t (a TEXT);\n"
			  "CREATE VIEW v AS SELECT a AS \"\xed\xa0\x80\" FROM t;",
			  "x.sql: view 'v' has text that is not valid UTF-8 in its definition: "
			  "\"\\xed\\xa0\\x80\"");
	expect_utf8_error("CREATE TABLE t (a TEXT -- caf\xe9\n);",
			  "x.sql: table 't' has text that is not valid UTF-8 in its definition: "
			  "-- caf\\xe9");
	expect_utf8_error("CREATE TABLE t (a TEXT);\nCREATE TRIGGER \"g\x80\" AFTER INSERT ON t "
			  "BEGIN SELECT 1; END;",
			  "x.sql: trigger 'g\\x80' has a name that is not valid UTF-8");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_in_creation_order),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_nullability_and_defaults),
		cmocka_unit_test(test_primary_keys),
		cmocka_unit_test(test_unique),
		cmocka_unit_test(test_checks),
		cmocka_unit_test(test_enum_names),
		cmocka_unit_test(test_indexes),
		cmocka_unit_test(test_foreign_keys),
		cmocka_unit_test(test_named_single_column_foreign_keys),
		cmocka_unit_test(test_views_triggers_options_comments),
		cmocka_unit_test(test_file_errors),
		cmocka_unit_test(test_empty_database),
		cmocka_unit_test(test_read_only_file_unchanged),
		cmocka_unit_test(test_sql_text),
		cmocka_unit_test(test_invalid_utf8),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
