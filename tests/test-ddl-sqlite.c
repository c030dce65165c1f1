/* test-ddl-sqlite.c — the SQLite DDL of every sample and of the stress
 * model runs in a fresh database, and SQLite's own view of the result
 * (PRAGMA table_info / foreign_key_list / index_list / index_info) is
 * exactly the model: tables, columns, keys, defaults and indexes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "ddl.h"
#include "model-check.h"
#include "model-yaml.h"

/* The string, and the buffer freed. */
static char *take(struct strbuf *sb)
{
	char *s = xstrdup(sb->buf);

	sb_free(sb);
	return s;
}

static sqlite3 *db_open(void)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys=ON", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

/* One row per call of a query with one text parameter. */
static sqlite3_stmt *query(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	return st;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "";
}

/* What PRAGMA table_info shows as dflt_value: the DEFAULT text as the
 * DDL wrote it, worked out here independently of ddl.c. */
static char *expected_default(const struct column *c)
{
	struct strbuf sb;

	sb_init(&sb);
	if (c->default_sql) {
		bool word = true;

		for (const char *p = c->default_sql; *p; p++)
			word = word && (isalnum((unsigned char)*p) || *p == '_');
		sb_printf(&sb, word ? "%s" : "(%s)", c->default_sql);
	} else {
		switch (c->dflt.kind) {
		case VALUE_NONE:
			sb_free(&sb);
			return NULL;
		case VALUE_NULL:
			sb_add(&sb, "NULL");
			break;
		case VALUE_BOOL:
			sb_add(&sb, strcmp(c->dflt.text, "true") == 0 ? "TRUE" : "FALSE");
			break;
		case VALUE_INT:
		case VALUE_FLOAT:
			sb_add(&sb, c->dflt.text);
			break;
		case VALUE_STRING:
			sb_addc(&sb, '\'');
			for (const char *p = c->dflt.text; *p; p++) {
				if (*p == '\'')
					sb_addc(&sb, '\'');
				sb_addc(&sb, *p);
			}
			sb_addc(&sb, '\'');
			break;
		}
	}
	return take(&sb);
}

static long pk_position(const struct table *t, const struct column *c)
{
	long pos = 0;

	if (t->primary_key.n > 0)
		return strlist_find(&t->primary_key, c->name) + 1;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *k = PLIST_AT(&t->columns, struct column, i);

		if (k->primary_key)
			pos++;
		if (k == c)
			return k->primary_key ? pos : 0;
	}
	return 0;
}

static void check_columns(sqlite3 *db, const struct model *m, const struct table *t)
{
	sqlite3_stmt *st = query(db, "SELECT name, type, \"notnull\", dflt_value, pk "
				     "FROM pragma_table_info(?1) ORDER BY cid", t->name);
	size_t i = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct column *c;
		struct strbuf type;
		struct logical_type lt;
		struct enum_type *e = NULL;
		char *dflt;

		assert_true(i < t->columns.n);
		c = PLIST_AT(&t->columns, struct column, i);
		assert_string_equal(col_text(st, 0), c->name);

		sb_init(&type);
		if (logical_type_parse(c->type, &lt) && lt.cls == TYPE_CLASS_ENUM)
			e = model_enum(m, lt.enum_name);
		if (c->autoincrement)
			sb_add(&type, "INTEGER");
		else
			dialect_type(&dialect_sqlite, &type, c->type, t->strict,
				     e ? &e->values : NULL);
		assert_string_equal(col_text(st, 1), type.buf);
		sb_free(&type);

		assert_int_equal(sqlite3_column_int(st, 2), !column_is_nullable(t, c));
		dflt = expected_default(c);
		if (dflt)
			assert_string_equal(col_text(st, 3), dflt);
		else
			assert_int_equal(sqlite3_column_type(st, 3), SQLITE_NULL);
		free(dflt);
		assert_int_equal(sqlite3_column_int(st, 4), pk_position(t, c));
		i++;
	}
	assert_int_equal(i, t->columns.n);
	sqlite3_finalize(st);
}

/* A foreign key as text: "cols->table(refcols) del upd", for comparing
 * sets (SQLite numbers them in its own order). */
static char *fk_text(const struct strlist *cols, const char *ref_table,
		     const struct strlist *ref_cols, const char *on_delete,
		     const char *on_update)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < cols->n; i++)
		sb_printf(&sb, "%s|", cols->items[i]);
	sb_printf(&sb, "->%s(", ref_table);
	for (size_t i = 0; i < ref_cols->n; i++)
		sb_printf(&sb, "%s|", ref_cols->items[i]);
	sb_printf(&sb, ") %s %s", on_delete, on_update);
	return take(&sb);
}

static const char *action_upper(enum fk_action a)
{
	static const char *const names[] = {
		[ACTION_NONE] = "NO ACTION", [ACTION_CASCADE] = "CASCADE",
		[ACTION_SET_NULL] = "SET NULL", [ACTION_SET_DEFAULT] = "SET DEFAULT",
		[ACTION_RESTRICT] = "RESTRICT", [ACTION_NO_ACTION] = "NO ACTION",
	};
	return names[a];
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void strlist_sort(struct strlist *l)
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof(l->items[0]), cmp_str);
}

static void check_foreign_keys(sqlite3 *db, const struct table *t)
{
	struct strlist want, got, cols, refs;
	sqlite3_stmt *st;
	int id = -1;
	char del[32] = "", upd[32] = "", table[512] = "";

	strlist_init(&want);
	strlist_init(&got);
	strlist_init(&cols);
	strlist_init(&refs);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!c->ref_table)
			continue;
		strlist_free(&cols);
		strlist_free(&refs);
		strlist_push(&cols, c->name);
		strlist_push(&refs, c->ref_column);
		strlist_push_owned(&want, fk_text(&cols, c->ref_table, &refs,
						  action_upper(c->on_delete),
						  action_upper(c->on_update)));
	}
	for (size_t i = 0; i < t->foreign_keys.n; i++) {
		const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, i);

		strlist_push_owned(&want, fk_text(&fk->columns, fk->ref_table, &fk->ref_columns,
						  action_upper(fk->on_delete),
						  action_upper(fk->on_update)));
	}

	strlist_free(&cols);
	strlist_free(&refs);
	st = query(db, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
		       "FROM pragma_foreign_key_list(?1) ORDER BY id, seq", t->name);
	for (;;) {
		int rc = sqlite3_step(st);

		if (rc != SQLITE_ROW || sqlite3_column_int(st, 0) != id) {
			if (id >= 0)
				strlist_push_owned(&got, fk_text(&cols, table, &refs, del, upd));
			strlist_free(&cols);
			strlist_free(&refs);
			if (rc != SQLITE_ROW)
				break;
			id = sqlite3_column_int(st, 0);
			snprintf(table, sizeof(table), "%s", col_text(st, 1));
			snprintf(upd, sizeof(upd), "%s", col_text(st, 4));
			snprintf(del, sizeof(del), "%s", col_text(st, 5));
		}
		strlist_push(&cols, col_text(st, 2));
		strlist_push(&refs, col_text(st, 3));
	}
	sqlite3_finalize(st);

	strlist_sort(&want);
	strlist_sort(&got);
	assert_int_equal(got.n, want.n);
	for (size_t i = 0; i < want.n; i++)
		assert_string_equal(got.items[i], want.items[i]);
	strlist_free(&want);
	strlist_free(&got);
	strlist_free(&cols);
	strlist_free(&refs);
}

static void index_columns(sqlite3 *db, const char *index, struct strlist *out)
{
	sqlite3_stmt *st = query(db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
				 index);

	strlist_init(out);
	while (sqlite3_step(st) == SQLITE_ROW)
		strlist_push(out, col_text(st, 0));
	sqlite3_finalize(st);
}

static char *joined(const struct strlist *l)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&sb, "%s|", l->items[i]);
	return take(&sb);
}

/* Named indexes (origin 'c') by name, uniqueness, columns, partiality;
 * UNIQUE constraints (origin 'u') by their column lists; the primary key
 * index (origin 'pk', when SQLite makes one) by its columns. */
static void check_indexes(sqlite3 *db, const struct table *t)
{
	struct strlist want_c, got_c, want_u, got_u, cols, pk;
	sqlite3_stmt *st;

	strlist_init(&want_c);
	strlist_init(&got_c);
	strlist_init(&want_u);
	strlist_init(&got_u);
	strlist_init(&pk);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->index)
			strlist_push_owned(&want_c, xasprintf("ix_%s_%s 0 0 %s|", t->name,
							      c->name, c->name));
		if (c->unique)
			strlist_push_owned(&want_u, xasprintf("%s|", c->name));
		if (table_column_in_pk(t, c) && t->primary_key.n == 0)
			strlist_push(&pk, c->name);
	}
	if (t->primary_key.n > 0)
		strlist_copy(&pk, &t->primary_key);
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);
		char *cl = joined(&ix->columns);

		strlist_push_owned(&want_c, xasprintf("%s %d %d %s", ix->name, ix->unique,
						      ix->where != NULL, cl));
		free(cl);
	}
	for (size_t i = 0; i < t->uniques.n; i++)
		strlist_push_owned(&want_u,
				   joined(&PLIST_AT(&t->uniques, struct unique, i)->columns));

	st = query(db, "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)",
		   t->name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *origin = col_text(st, 2);
		char *cl;

		index_columns(db, col_text(st, 0), &cols);
		cl = joined(&cols);
		if (strcmp(origin, "c") == 0) {
			strlist_push_owned(&got_c, xasprintf("%s %d %d %s", col_text(st, 0),
							     sqlite3_column_int(st, 1),
							     sqlite3_column_int(st, 3), cl));
		} else if (strcmp(origin, "u") == 0) {
			assert_int_equal(sqlite3_column_int(st, 1), 1);
			strlist_push(&got_u, cl);
		} else {
			char *want = joined(&pk);

			assert_string_equal(origin, "pk");
			assert_string_equal(cl, want);
			free(want);
		}
		free(cl);
		strlist_free(&cols);
	}
	sqlite3_finalize(st);

	strlist_sort(&want_c);
	strlist_sort(&got_c);
	strlist_sort(&want_u);
	strlist_sort(&got_u);
	assert_int_equal(got_c.n, want_c.n);
	for (size_t i = 0; i < want_c.n; i++)
		assert_string_equal(got_c.items[i], want_c.items[i]);
	assert_int_equal(got_u.n, want_u.n);
	for (size_t i = 0; i < want_u.n; i++)
		assert_string_equal(got_u.items[i], want_u.items[i]);
	strlist_free(&want_c);
	strlist_free(&got_c);
	strlist_free(&want_u);
	strlist_free(&got_u);
	strlist_free(&pk);
}

static void check_model_file(const char *path)
{
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL, *sql, *errmsg = NULL;
	sqlite3 *db;
	sqlite3_stmt *st;
	size_t i = 0;

	diag_list_init(&dl);
	if (model_load_file(path, &m, &dl, &err) != 0)
		fail_msg("%s", err);
	assert_non_null(m);
	model_check(m, &dl);
	if (dl.errors > 0)
		fail_msg("%s has errors", path);
	sql = ddl_model(m, &dialect_sqlite, &dl);

	db = db_open();
	if (sqlite3_exec(db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
		fail_msg("%s: %s\n%s", path, errmsg, sql);

	/* Exactly the model's tables, in its order. */
	st = query(db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
		       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid", NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct table *t;

		assert_true(i < m->tables.n);
		t = PLIST_AT(&m->tables, struct table, i);
		assert_string_equal(col_text(st, 0), t->name);
		check_columns(db, m, t);
		check_foreign_keys(db, t);
		check_indexes(db, t);
		i++;
	}
	sqlite3_finalize(st);
	assert_int_equal(i, m->tables.n);

	/* And the views, and the triggers as written. */
	st = query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'", NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), m->views.n);
	sqlite3_finalize(st);
	st = query(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'", NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), m->triggers.n);
	sqlite3_finalize(st);

	/* Nothing dangles. */
	st = query(db, "PRAGMA foreign_key_check", NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);

	sqlite3_close(db);
	free(sql);
	model_free(m);
	diag_list_free(&dl);
}

static const char *srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

static void test_samples(void **state)
{
	char *dir = xasprintf("%s/samples", srcdir());
	DIR *d = opendir(dir);
	struct dirent *e;
	struct strlist files;

	(void)state;
	if (!d)
		fail_msg("cannot open %s (run from the source tree or set srcdir)", dir);
	strlist_init(&files);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0)
			strlist_push_owned(&files, xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	strlist_sort(&files);
	assert_true(files.n >= 3);
	for (size_t i = 0; i < files.n; i++)
		check_model_file(files.items[i]);
	strlist_free(&files);
	free(dir);
}

static void test_stress(void **state)
{
	char *path = xasprintf("%s/tests/models/stress.yaml", srcdir());

	(void)state;
	check_model_file(path);
	free(path);
}

/* The constraints are real: SQLite refuses what the model forbids. */
static void test_stress_constraints(void **state)
{
	char *path = xasprintf("%s/tests/models/stress.yaml", srcdir());
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL, *sql;
	sqlite3 *db;
	static const struct {
		const char *sql;
		bool ok;
	} cases[] = {
		{ "INSERT INTO \"group\" (id) VALUES (1)", true },
		{ "INSERT INTO \"group\" (id, small) VALUES (2, 11)", false },
		{ "INSERT INTO \"group\" (id, small) VALUES (3, 7)", false },
		{ "INSERT INTO \"group\" (id, label) VALUES (4, 'x')", false },
		{ "INSERT INTO \"group\" (id, mood) VALUES (5, 'sad')", false },
		{ "INSERT INTO \"group\" (id, mood) VALUES (6, 'it''s complicated')", true },
		{ "INSERT INTO \"group\" (id, \"weird \"\"col\"\"\") VALUES (7, -1)", false },
		{ "INSERT INTO \"user\" (id, \"name `with` backticks\") VALUES (1, 'a')", true },
		{ "INSERT INTO \"order\" (\"user id\") VALUES (2)", false },
		{ "INSERT INTO \"order\" (\"user id\") VALUES (1)", true },
		{ "INSERT INTO \"user\" (id, \"name `with` backticks\") VALUES (2, '')", false },
	};

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(model_load_file(path, &m, &dl, &err), 0);
	sql = ddl_model(m, &dialect_sqlite, &dl);
	db = db_open();
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = sqlite3_exec(db, cases[i].sql, NULL, NULL, NULL);

		if ((rc == SQLITE_OK) != cases[i].ok)
			fail_msg("%s: %s", cases[i].sql, sqlite3_errmsg(db));
	}
	{
		/* The defaults come back as the model wrote them. */
		sqlite3_stmt *st = query(db, "SELECT label, code, doc, flag, money FROM \"group\" "
					     "WHERE id = 1", NULL);

		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal(col_text(st, 0), "back\\slash 'single' \"double\"");
		assert_string_equal(col_text(st, 1), "a\"b");
		assert_string_equal(col_text(st, 2), "{\"k\": \"it's \\\\ ok\"}");
		assert_int_equal(sqlite3_column_int(st, 3), 1);
		assert_true(sqlite3_column_double(st, 4) == 12.5);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	free(sql);
	model_free(m);
	diag_list_free(&dl);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_stress),
		cmocka_unit_test(test_stress_constraints),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
