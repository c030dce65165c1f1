/* test-plan.c — plan_build: the exact statements for each kind of change
 * in each dialect, the SQLite rebuild keeping every row, refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "ddl.h"
#include "diff.h"
#include "model-yaml.h"
#include "mutate-model.h"
#include "model-check.h"
#include "plan.h"

static struct model *load(const char *yaml)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = model_load_yaml(yaml, strlen(yaml), &dl);
	assert_non_null(m);
	assert_int_equal(dl.errors, 0);
	diag_list_free(&dl);
	return m;
}

/* The statements of plan(diff(a, b)) in dialect d, one per line. */
static char *steps_of(const char *ya, const char *yb, const char *dialect, bool *fk_off)
{
	struct model *a = load(ya), *b = load(yb);
	const struct dialect *d = dialect_find(dialect);
	struct change_list cl;
	struct diag_list dl;
	struct plan p;
	struct strbuf sb;

	change_list_init(&cl);
	diag_list_init(&dl);
	diff_models(a, b, &cl);
	plan_init(&p, d);
	assert_int_equal(plan_build(a, b, &cl, d, &p, &dl), 0);
	sb_init(&sb);
	for (size_t i = 0; i < p.n; i++)
		sb_printf(&sb, "%s\n", p.steps[i].sql);
	if (fk_off)
		*fk_off = p.fk_off_outside;
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
	return sb_release(&sb);
}

static void expect(const char *ya, const char *yb, const char *dialect, const char *want)
{
	char *got = steps_of(ya, yb, dialect, NULL);

	assert_string_equal(got, want);
	free(got);
}

#define HEAD "skema: 1\n"
#define T1 HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: integer\n"

static void test_rename_table(void **state)
{
	const char *b = HEAD "tables:\n  u:\n    was: t\n    columns:\n      id: {type: integer, primary_key: true}\n      b: integer\n";

	(void)state;
	expect(T1, b, "sqlite", "ALTER TABLE \"t\" RENAME TO \"u\"\n");
	expect(T1, b, "postgres", "ALTER TABLE \"t\" RENAME TO \"u\"\n");
	expect(T1, b, "mysql", "ALTER TABLE `t` RENAME TO `u`\n");
}

static void test_rename_column(void **state)
{
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      c: {type: integer, was: b}\n";

	(void)state;
	expect(T1, b, "sqlite", "ALTER TABLE \"t\" RENAME COLUMN \"b\" TO \"c\"\n");
	expect(T1, b, "mysql", "ALTER TABLE `t` RENAME COLUMN `b` TO `c`\n");
}

/* `was` naming a column that is still there is inert: two columns that
 * trade names are only reordered, which SQLite does by a rebuild. */
static void test_was_swap_is_reorder(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n",
	       HEAD "tables:\n  t:\n    columns:\n      b: {type: integer, was: a}\n      a: {type: integer, was: b}\n",
	       "sqlite",
	       "CREATE TABLE \"_skema_new_t\" (\n  \"b\" INTEGER,\n  \"a\" INTEGER\n)\n"
	       "INSERT INTO \"_skema_new_t\" (\"b\", \"a\") SELECT \"b\", \"a\" FROM \"t\"\n"
	       "DROP TABLE \"t\"\n"
	       "ALTER TABLE \"_skema_new_t\" RENAME TO \"t\"\n");
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n",
	       HEAD "tables:\n  t:\n    columns:\n      b: {type: integer, was: a}\n      a: {type: integer, was: b}\n",
	       "postgres", "");
}

static void test_add_column(void **state)
{
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: integer\n"
			"      n: {type: text, nullable: false, default: x}\n";

	(void)state;
	expect(T1, b, "sqlite", "ALTER TABLE \"t\" ADD COLUMN \"n\" TEXT NOT NULL DEFAULT 'x'\n");
	expect(T1, b, "postgres", "ALTER TABLE \"t\" ADD COLUMN \"n\" TEXT NOT NULL DEFAULT 'x'\n");
	expect(T1, b, "mysql", "ALTER TABLE `t` ADD COLUMN `n` LONGTEXT NOT NULL DEFAULT ('x')\n");
}

static void test_drop_column(void **state)
{
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n";

	(void)state;
	expect(T1, b, "sqlite", "ALTER TABLE \"t\" DROP COLUMN \"b\"\n");
	expect(T1, b, "postgres", "ALTER TABLE \"t\" DROP COLUMN \"b\"\n");
}

static void test_alter_type(void **state)
{
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: {type: bigint, nullable: false, default: 0}\n";
	bool fk_off = false;
	char *got;

	(void)state;
	expect(T1, b, "postgres",
	       "ALTER TABLE \"t\" ALTER COLUMN \"b\" TYPE BIGINT USING \"b\"::BIGINT\n"
	       "ALTER TABLE \"t\" ALTER COLUMN \"b\" SET NOT NULL\n"
	       "ALTER TABLE \"t\" ALTER COLUMN \"b\" SET DEFAULT 0\n");
	expect(T1, b, "mysql", "ALTER TABLE `t` MODIFY COLUMN `b` BIGINT NOT NULL DEFAULT 0\n");
	got = steps_of(T1, b, "sqlite", &fk_off);
	assert_string_equal(got,
			    "CREATE TABLE \"_skema_new_t\" (\n"
			    "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
			    "  \"b\" BIGINT NOT NULL DEFAULT 0\n)\n"
			    "INSERT INTO \"_skema_new_t\" (\"id\", \"b\") SELECT \"id\", \"b\" FROM \"t\"\n"
			    "DROP TABLE \"t\"\n"
			    "ALTER TABLE \"_skema_new_t\" RENAME TO \"t\"\n");
	assert_true(fk_off);
	free(got);
}

static void test_constraints(void **state)
{
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: {type: integer, ge: 1, unique: true, index: true}\n";

	(void)state;
	expect(T1, b, "postgres",
	       "ALTER TABLE \"t\" ADD CONSTRAINT \"uq_t_b\" UNIQUE (\"b\")\n"
	       "ALTER TABLE \"t\" ADD CONSTRAINT \"ck_t_b_ge\" CHECK (\"b\" >= 1)\n"
	       "CREATE INDEX \"ix_t_b\" ON \"t\" (\"b\")\n");
	expect(b, T1, "mysql",
	       "ALTER TABLE `t` DROP INDEX `uq_t_b`\n"
	       "ALTER TABLE `t` DROP CONSTRAINT `ck_t_b_ge`\n"
	       "DROP INDEX `ix_t_b` ON `t`\n");
}

static void test_foreign_key_order(void **state)
{
	(void)state;
	/* The new table exists before the key that names it. */
	expect(T1, HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
	       "      b: {type: integer, references: p.id}\n  p:\n    columns:\n      id: {type: integer, primary_key: true}\n",
	       "postgres",
	       "CREATE TABLE \"p\" (\n  \"id\" INTEGER NOT NULL PRIMARY KEY\n)\n"
	       "ALTER TABLE \"t\" ADD CONSTRAINT \"fk_t_b\" FOREIGN KEY (\"b\") REFERENCES \"p\" (\"id\")\n");
}

/* A view over a view over a changed table: both go, users first, and
 * come back in dependency order, whatever order the model lists them. */
static void test_views_over_views(void **state)
{
	const char *a = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      x: integer\nviews:\n  v2: SELECT x FROM v1\n  v1: SELECT x FROM t\n"
			"  other: SELECT 1\n";
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      x: bigint\nviews:\n  v2: SELECT x FROM v1\n  v1: SELECT x FROM t\n"
			"  other: SELECT 1\n";

	(void)state;
	expect(a, b, "postgres",
	       "DROP VIEW \"v2\"\n"
	       "DROP VIEW \"v1\"\n"
	       "ALTER TABLE \"t\" ALTER COLUMN \"x\" TYPE BIGINT USING \"x\"::BIGINT\n"
	       "CREATE VIEW \"v1\" AS SELECT x FROM t\n"
	       "COMMENT ON VIEW \"v1\" IS 'SELECT x FROM t'\n"
	       "CREATE VIEW \"v2\" AS SELECT x FROM v1\n"
	       "COMMENT ON VIEW \"v2\" IS 'SELECT x FROM v1'\n");
}

/* PostgreSQL keeps checks, predicates and views only normalised: a plan
 * writes the model's text after them as `skema ddl` does, for import. */
static void test_text_comments(void **state)
{
	const char *a = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      x: integer\n";
	const char *b = HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      x: {type: integer, check: x>0}\n"
			"    indexes:\n      ix_pos: {columns: [x], where: x > 0}\n"
			"    checks:\n      small: x<10\n"
			"  u:\n    columns:\n      id: {type: integer, primary_key: true, check: id<>0}\n"
			"    indexes:\n      ix_u: {columns: [id], where: id>1}\n"
			"views:\n  v: SELECT x FROM t\n";

	(void)state;
	expect(a, b, "postgres",
	       "CREATE TABLE \"u\" (\n"
	       "  \"id\" INTEGER NOT NULL PRIMARY KEY,\n"
	       "  CONSTRAINT \"ck_u_id\" CHECK (id<>0)\n"
	       ")\n"
	       "COMMENT ON CONSTRAINT \"ck_u_id\" ON \"u\" IS 'id<>0'\n"
	       "CREATE INDEX \"ix_u\" ON \"u\" (\"id\") WHERE id>1\n"
	       "COMMENT ON INDEX \"ix_u\" IS 'id>1'\n"
	       "ALTER TABLE \"t\" ADD CONSTRAINT \"ck_t_x\" CHECK (x>0)\n"
	       "COMMENT ON CONSTRAINT \"ck_t_x\" ON \"t\" IS 'x>0'\n"
	       "ALTER TABLE \"t\" ADD CONSTRAINT \"small\" CHECK (x<10)\n"
	       "COMMENT ON CONSTRAINT \"small\" ON \"t\" IS 'x<10'\n"
	       "CREATE INDEX \"ix_pos\" ON \"t\" (\"x\") WHERE x > 0\n"
	       "COMMENT ON INDEX \"ix_pos\" IS 'x > 0'\n"
	       "CREATE VIEW \"v\" AS SELECT x FROM t\n"
	       "COMMENT ON VIEW \"v\" IS 'SELECT x FROM t'\n");
	/* MySQL keeps the text as written: no comments. */
	expect(a, b, "mysql",
	       "CREATE TABLE `u` (\n"
	       "  `id` INT NOT NULL PRIMARY KEY,\n"
	       "  CONSTRAINT `ck_u_id` CHECK (id<>0)\n"
	       ") DEFAULT CHARSET=utf8mb4\n"
	       "CREATE INDEX `ix_u` ON `u` (`id`)\n"
	       "ALTER TABLE `t` ADD CONSTRAINT `ck_t_x` CHECK (x>0)\n"
	       "ALTER TABLE `t` ADD CONSTRAINT `small` CHECK (x<10)\n"
	       "CREATE INDEX `ix_pos` ON `t` (`x`)\n"
	       "CREATE VIEW `v` AS SELECT x FROM t\n");
}

/* PostgreSQL and MySQL cannot reorder columns: a new order alone gives
 * no statement (not even the views over the table), or the plan would
 * never come out empty; SQLite rebuilds the table. */
static void test_column_order_only(void **state)
{
	const char *a = HEAD "tables:\n  p:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      x: integer\n      y: {type: integer, references: p.id}\n"
			"views:\n  v: SELECT x, y FROM t\n";
	const char *b = HEAD "tables:\n  p:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			"      y: {type: integer, references: p.id}\n      x: integer\n"
			"views:\n  v: SELECT x, y FROM t\n";
	char *s;

	(void)state;
	expect(a, b, "postgres", "");
	expect(a, b, "mysql", "");
	s = steps_of(a, b, "sqlite", NULL);
	assert_non_null(strstr(s, "CREATE TABLE \"_skema_new_t\""));
	assert_non_null(strstr(s, "DROP VIEW \"v\""));
	free(s);
}

/* An index name is per schema in SQLite: the one moving to another table
 * is dropped before any table creates its indexes. */
static void test_index_moves(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  a:\n    columns:\n      id: {type: integer, primary_key: true}\n      x: text\n"
	       "  b:\n    columns:\n      id: {type: integer, primary_key: true}\n      x: text\n"
	       "    indexes:\n      ix_x: {columns: [x]}\n",
	       HEAD "tables:\n  a:\n    columns:\n      id: {type: integer, primary_key: true}\n      x: text\n"
	       "    indexes:\n      ix_x: {columns: [x]}\n"
	       "  b:\n    columns:\n      id: {type: integer, primary_key: true}\n      x: text\n",
	       "sqlite", "DROP INDEX \"ix_x\"\nCREATE INDEX \"ix_x\" ON \"a\" (\"x\")\n");
}

static void test_enums(void **state)
{
	const char *a = HEAD "enums:\n  e: [x, z]\ntables:\n  t:\n    columns:\n      v: enum(e)\n";

	(void)state;
	expect(a, HEAD "enums:\n  e: [x, y, z, w]\ntables:\n  t:\n    columns:\n      v: enum(e)\n", "postgres",
	       "ALTER TYPE \"e\" ADD VALUE 'y' BEFORE 'z'\n"
	       "ALTER TYPE \"e\" ADD VALUE 'w'\n");
	expect(a, HEAD "enums:\n  e: [x]\ntables:\n  t:\n    columns:\n      v: enum(e)\n", "postgres",
	       "ALTER TYPE \"e\" RENAME TO \"e__skema_old\"\n"
	       "CREATE TYPE \"e\" AS ENUM ('x')\n"
	       "ALTER TABLE \"t\" ALTER COLUMN \"v\" TYPE \"e\" USING \"v\"::text::\"e\"\n"
	       "DROP TYPE \"e__skema_old\"\n");
	expect(a, HEAD "enums:\n  e: [x, y, z]\ntables:\n  t:\n    columns:\n      v: enum(e)\n", "mysql",
	       "ALTER TABLE `t` MODIFY COLUMN `v` ENUM('x', 'y', 'z')\n");
}

static void test_refuse_not_null(void **state)
{
	struct model *a = load(T1);
	struct model *b = load(HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: integer\n      n: {type: text, nullable: false}\n");
	struct change_list cl;
	struct diag_list dl;
	struct plan p;

	(void)state;
	change_list_init(&cl);
	diag_list_init(&dl);
	diff_models(a, b, &cl);
	plan_init(&p, &dialect_sqlite);
	assert_int_equal(plan_build(a, b, &cl, &dialect_sqlite, &p, &dl), -1);
	assert_int_equal(dl.errors, 1);
	assert_string_equal(dl.items[0].message,
			    "new column 't.n' is NOT NULL and has no default: the rows already in table 't' "
			    "would have no value; give it a default or make it nullable");
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
}

static bool always_empty(void *ctx, const char *table)
{
	(void)ctx;
	(void)table;
	return true;
}

static void test_empty_table_hook(void **state)
{
	struct model *a = load(T1);
	struct model *b = load(HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n      b: integer\n      n: {type: text, nullable: false}\n");
	struct plan_options opt = { .table_is_empty = always_empty };
	struct change_list cl;
	struct diag_list dl;
	struct plan p;

	(void)state;
	change_list_init(&cl);
	diag_list_init(&dl);
	diff_models(a, b, &cl);
	plan_init(&p, &dialect_sqlite);
	assert_int_equal(plan_build_with(a, b, &cl, &dialect_sqlite, &opt, &p, &dl), 0);
	/* ADD COLUMN cannot add it: a rebuild does. */
	assert_true(p.fk_off_outside);
	assert_non_null(strstr(p.steps[0].sql, "CREATE TABLE \"_skema_new_t\""));
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
}

static void test_render(void **state)
{
	struct model *a = load(T1);
	struct model *b = load(HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n");
	struct change_list cl;
	struct diag_list dl;
	struct plan p;
	const char *notes[] = { "12,345 non-null values" };
	char *s;

	(void)state;
	change_list_init(&cl);
	diag_list_init(&dl);
	diff_models(a, a, &cl);
	plan_init(&p, &dialect_sqlite);
	s = plan_render(&p, &cl, NULL);
	assert_string_equal(s, "-- no differences\n");
	free(s);
	diff_models(a, b, &cl);
	assert_int_equal(plan_build(a, b, &cl, &dialect_sqlite, &p, &dl), 0);
	s = plan_render(&p, &cl, notes);
	assert_string_equal(s,
			    "-- skema migration for SQLite: 1 change, 1 destructive\n"
			    "--   DESTRUCTIVE: drops column t.b: 12,345 non-null values\n"
			    "--   drop column t.b\n"
			    "\nBEGIN;\n"
			    "\n-- DESTRUCTIVE: drops column t.b: 12,345 non-null values\n"
			    "-- drop column t.b\n"
			    "ALTER TABLE \"t\" DROP COLUMN \"b\";\n"
			    "\nCOMMIT;\n");
	free(s);
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
}

/* ---- on a real SQLite database: every row and value survives ---- */

static void exec_ok(sqlite3 *db, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

static char *query_text(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	struct strbuf sb;

	sb_init(&sb);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++)
			sb_printf(&sb, "%s%s", sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "NULL",
				  i + 1 < sqlite3_column_count(st) ? "|" : "\n");
	sqlite3_finalize(st);
	return sb_release(&sb);
}

static void run_plan(sqlite3 *db, const struct plan *p)
{
	if (p->fk_off_outside)
		exec_ok(db, "PRAGMA foreign_keys = OFF");
	exec_ok(db, "BEGIN");
	for (size_t i = 0; i < p->n; i++)
		exec_ok(db, p->steps[i].sql);
	exec_ok(db, "COMMIT");
	exec_ok(db, "PRAGMA foreign_keys = ON");
}

static void test_sqlite_rows_survive(void **state)
{
	struct model *a = load(HEAD "tables:\n  team:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: {type: text, index: true}\n"
			       "  hero:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: text\n      age: integer\n"
			       "      team_id: {type: integer, references: team.id}\n");
	struct model *b = load(HEAD "tables:\n  squad:\n    was: team\n    columns:\n      id: {type: integer, primary_key: true}\n"
			       "      title: {type: varchar(50), was: name, index: true}\n"
			       "  hero:\n    columns:\n      id: {type: integer, primary_key: true}\n      alias: {type: text, was: name, nullable: false, default: x}\n"
			       "      team_id: {type: integer, references: squad.id, on_delete: cascade}\n      age: {type: bigint, ge: 0}\n");
	struct change_list cl;
	struct diag_list dl;
	struct plan p;
	sqlite3 *db;
	char *ddl, *got;

	(void)state;
	change_list_init(&cl);
	diag_list_init(&dl);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	ddl = ddl_model(a, &dialect_sqlite, &dl);
	exec_ok(db, ddl);
	free(ddl);
	exec_ok(db, "PRAGMA foreign_keys = ON");
	exec_ok(db, "INSERT INTO team VALUES (1, 'red'), (2, 'blue');"
		    "INSERT INTO hero VALUES (1, 'ann', 30, 1), (2, 'bob', NULL, 2), (3, 'cy', 5, NULL)");
	diff_models(a, b, &cl);
	plan_init(&p, &dialect_sqlite);
	assert_int_equal(plan_build(a, b, &cl, &dialect_sqlite, &p, &dl), 0);
	run_plan(db, &p);
	got = query_text(db, "SELECT id, title FROM squad ORDER BY id");
	assert_string_equal(got, "1|red\n2|blue\n");
	free(got);
	got = query_text(db, "SELECT id, alias, team_id, age FROM hero ORDER BY id");
	assert_string_equal(got, "1|ann|1|30\n2|bob|2|NULL\n3|cy|NULL|5\n");
	free(got);
	got = query_text(db, "PRAGMA foreign_key_check");
	assert_string_equal(got, "");
	free(got);
	/* The foreign key of hero follows the renamed table. */
	got = query_text(db, "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('hero')");
	assert_string_equal(got, "squad|team_id|id|CASCADE\n");
	free(got);
	sqlite3_close(db);
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
}

/* Mutations of a model: each plan runs on SQLite, rows included. */
static void test_sqlite_mutations(void **state)
{
	struct model *a = load(HEAD "enums:\n  st: [on, off]\ntables:\n"
			       "  p:\n    columns:\n      id: {type: integer, primary_key: true}\n      name: {type: varchar(20), unique: true}\n"
			       "      note: text\n      st: {type: enum(st), default: 'on'}\n"
			       "  c:\n    columns:\n      id: {type: integer, primary_key: true, autoincrement: true}\n"
			       "      p_id: {type: integer, references: p.id, on_delete: cascade}\n      qty: {type: integer, ge: 0, nullable: false, default: 1}\n"
			       "    indexes:\n      ix_c_qty: {columns: [qty]}\n");

	(void)state;
	for (unsigned seed = 0; seed < 150; seed++) {
		struct model *b = mutate_model(a, seed);
		struct change_list cl;
		struct diag_list dl;
		struct plan p;
		sqlite3 *db;
		char *ddl, *got;

		change_list_init(&cl);
		diag_list_init(&dl);
		model_check(b, &dl);
		assert_int_equal(dl.errors, 0);
		assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
		ddl = ddl_model(a, &dialect_sqlite, &dl);
		exec_ok(db, ddl);
		free(ddl);
		exec_ok(db, "INSERT INTO p VALUES (1, 'a', 'x', 'on'), (2, 'b', NULL, 'off');"
			    "INSERT INTO c VALUES (1, 1, 3), (2, 2, 0), (3, NULL, 9)");
		diff_models(a, b, &cl);
		plan_init(&p, &dialect_sqlite);
		assert_int_equal(plan_build(a, b, &cl, &dialect_sqlite, &p, &dl), 0);
		run_plan(db, &p);
		got = query_text(db, "PRAGMA foreign_key_check");
		assert_string_equal(got, "");
		free(got);
		for (size_t i = 0; i < b->tables.n; i++) {
			const struct table *t = PLIST_AT(&b->tables, struct table, i);
			char *sql = xasprintf("SELECT count(*) FROM \"%s\"", t->name);
			const char *want = t->was && strcmp(t->was, "p") == 0 ? "2\n" :
					   t->was && strcmp(t->was, "c") == 0 ? "3\n" :
					   strcmp(t->name, "p") == 0 ? "2\n" : strcmp(t->name, "c") == 0 ? "3\n" : "0\n";

			got = query_text(db, sql);
			assert_string_equal(got, want);
			free(got);
			free(sql);
		}
		sqlite3_close(db);
		plan_free(&p);
		diag_list_free(&dl);
		change_list_free(&cl);
		model_free(b);
	}
	model_free(a);
}

/* A rebuild keeps an AUTOINCREMENT table's counter: the ids of rows
 * deleted before the migration are never handed out again, also when
 * the table is renamed on the way or holds no rows at all. */
static void test_sqlite_rebuild_keeps_sequence(void **state)
{
	static const char a_yaml[] = HEAD "tables:\n  t:\n    columns:\n"
		"      id: {type: integer, primary_key: true, autoincrement: true}\n"
		"      x: integer\n"
		"  e:\n    columns:\n"
		"      id: {type: integer, primary_key: true, autoincrement: true}\n"
		"      x: integer\n";
	static const char b_yaml[] = HEAD "tables:\n  t2:\n    was: t\n    columns:\n"
		"      id: {type: integer, primary_key: true, autoincrement: true}\n"
		"      x: text\n"
		"  e:\n    columns:\n"
		"      id: {type: integer, primary_key: true, autoincrement: true}\n"
		"      x: text\n";
	struct model *a = load(a_yaml), *b = load(b_yaml);
	struct change_list cl;
	struct diag_list dl;
	struct plan p;
	sqlite3 *db;
	char *ddl, *got;

	(void)state;
	change_list_init(&cl);
	diag_list_init(&dl);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	ddl = ddl_model(a, &dialect_sqlite, &dl);
	exec_ok(db, ddl);
	free(ddl);
	exec_ok(db, "INSERT INTO t (x) VALUES (1), (2), (3), (4); DELETE FROM t WHERE id >= 3;"
		    "INSERT INTO e (x) VALUES (1), (2); DELETE FROM e");
	diff_models(a, b, &cl);
	plan_init(&p, &dialect_sqlite);
	assert_int_equal(plan_build(a, b, &cl, &dialect_sqlite, &p, &dl), 0);
	run_plan(db, &p);
	exec_ok(db, "INSERT INTO t2 (x) VALUES ('new'); INSERT INTO e (x) VALUES ('new')");
	got = query_text(db, "SELECT id FROM t2 WHERE x = 'new' UNION ALL "
			     "SELECT id FROM e WHERE x = 'new'");
	assert_string_equal(got, "5\n3\n");
	free(got);
	got = query_text(db, "SELECT name || ' ' || seq FROM sqlite_sequence ORDER BY name");
	assert_string_equal(got, "e 3\nt2 5\n");
	free(got);
	sqlite3_close(db);
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
}

/* `was` in a mutation names the table or column as it is in the input,
 * also when the mutation renames it twice (chained mutations of a model
 * with many tables rename often). */
static void test_mutation_was_names_the_input(void **state)
{
	struct strbuf y;
	struct model *a;
	unsigned renamed = 0;

	(void)state;
	sb_init(&y);
	sb_add(&y, HEAD "tables:\n");
	for (int i = 0; i < 3; i++)
		sb_printf(&y, "  t%d:\n    columns:\n      id: {type: integer, primary_key: true}\n"
			  "      x: text\n", i);
	a = load(y.buf);
	sb_free(&y);
	for (unsigned seed = 0; seed < 400; seed++) {
		struct model *b = mutate_model(a, seed);

		for (size_t i = 0; i < b->tables.n; i++) {
			const struct table *t = PLIST_AT(&b->tables, struct table, i);
			const struct table *ta = model_table(a, t->was ? t->was : t->name);

			if (t->was) {
				renamed++;
				assert_non_null(ta);
				assert_null(model_table(a, t->name));
			}
			for (size_t k = 0; k < t->columns.n; k++) {
				const struct column *c = PLIST_AT(&t->columns, struct column, k);

				if (!c->was)
					continue;
				assert_non_null(ta);
				assert_non_null(table_column(ta, c->was));
				assert_null(table_column(ta, c->name));
			}
		}
		model_free(b);
	}
	assert_true(renamed > 0);
	model_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rename_table),
		cmocka_unit_test(test_rename_column),
		cmocka_unit_test(test_was_swap_is_reorder),
		cmocka_unit_test(test_add_column),
		cmocka_unit_test(test_drop_column),
		cmocka_unit_test(test_alter_type),
		cmocka_unit_test(test_constraints),
		cmocka_unit_test(test_foreign_key_order),
		cmocka_unit_test(test_views_over_views),
		cmocka_unit_test(test_text_comments),
		cmocka_unit_test(test_column_order_only),
		cmocka_unit_test(test_index_moves),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_refuse_not_null),
		cmocka_unit_test(test_empty_table_hook),
		cmocka_unit_test(test_render),
		cmocka_unit_test(test_sqlite_rows_survive),
		cmocka_unit_test(test_sqlite_mutations),
		cmocka_unit_test(test_mutation_was_names_the_input),
		cmocka_unit_test(test_sqlite_rebuild_keeps_sequence),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
