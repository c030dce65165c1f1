/* test-diff.c — diff_models: the exact changes for each kind of difference. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "model-yaml.h"

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

/* The summaries of diff(a, b), one per line; destructive ones as "!loss". */
static char *changes_of(const char *ya, const char *yb)
{
	struct model *a = load(ya), *b = load(yb);
	struct change_list cl;
	struct strbuf sb;

	change_list_init(&cl);
	diff_models(a, b, &cl);
	sb_init(&sb);
	for (size_t i = 0; i < cl.n; i++) {
		sb_printf(&sb, "%s\n", cl.items[i].summary);
		if (cl.items[i].destructive)
			sb_printf(&sb, "!%s\n", cl.items[i].loss);
	}
	change_list_free(&cl);
	model_free(a);
	model_free(b);
	return sb_release(&sb);
}

#define HEAD "skema: 1\n"

static void expect(const char *ya, const char *yb, const char *want)
{
	char *got = changes_of(ya, yb);

	assert_string_equal(got, want);
	free(got);
}

static void test_equal(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n",
	       HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n", "");
}

static void test_rename_table(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  team:\n    columns:\n      id: integer\n",
	       HEAD "tables:\n  squad:\n    was: team\n    columns:\n      id: integer\n",
	       "rename table team to squad\n");
}

static void test_rename_column(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: text\n",
	       HEAD "tables:\n  t:\n    columns:\n      a: integer\n      c: {type: text, was: b}\n",
	       "rename column t.b to c\n");
}

/* `was` naming a column that is still there is inert: drop nothing. */
static void test_was_inert(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n",
	       HEAD "tables:\n  t:\n    columns:\n      a: integer\n      c: {type: text, was: a}\n",
	       "add column t.c\n");
}

static void test_add_drop(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: text\n  old:\n    columns:\n      x: integer\n",
	       HEAD "tables:\n  t:\n    columns:\n      a: integer\n      n: integer\n  new:\n    columns:\n      y: integer\n",
	       "create table new\n"
	       "add column t.n\n"
	       "drop column t.b\n!drops column t.b\n"
	       "drop table old\n!drops table old\n");
}

static void test_alter_aspects(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: {type: text}\n      b: integer\n      c: {type: integer, nullable: false}\n",
	       HEAD "tables:\n  t:\n    columns:\n      a: {type: varchar(10)}\n      b: {type: bigint, default: 3, ge: 0}\n      c: {type: integer, unique: true, index: true}\n",
	       "alter column t.a: type\n!narrows column t.a from text to varchar(10)\n"
	       "alter column t.b: type, default, bounds\n"
	       "alter column t.c: nullable, unique, index\n");
	expect(HEAD "tables:\n  t:\n    columns:\n      b: bigint\n",
	       HEAD "tables:\n  t:\n    columns:\n      b: integer\n",
	       "alter column t.b: type\n!narrows column t.b from bigint to integer\n");
	expect(HEAD "tables:\n  t:\n    columns:\n      b: numeric(10,2)\n",
	       HEAD "tables:\n  t:\n    columns:\n      b: numeric(8,2)\n",
	       "alter column t.b: type\n!narrows column t.b from numeric(10,2) to numeric(8,2)\n");
}

static void test_references_follow_renames(void **state)
{
	(void)state;
	/* The parent's rename is not a change of the child's reference. */
	expect(HEAD "tables:\n  p:\n    columns:\n      id: {type: integer, primary_key: true}\n"
	       "  c:\n    columns:\n      p_id: {type: integer, references: p.id}\n",
	       HEAD "tables:\n  q:\n    was: p\n    columns:\n      key: {type: integer, primary_key: true, was: id}\n"
	       "  c:\n    columns:\n      p_id: {type: integer, references: q.key}\n",
	       "rename table p to q\nrename column q.id to key\n");
}

static void test_table_objects(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n"
	       "    indexes:\n      ix_a: {columns: [a]}\n    checks:\n      pos: a > 0\n",
	       HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n    primary_key: [a]\n"
	       "    unique: [[a, b]]\n    indexes:\n      ix_a: {columns: [a, b]}\n    checks:\n      pos: a >= 0\n",
	       "alter column t.a: nullable\n"
	       "change primary key of t from () to (a)\n"
	       "add unique t (a, b)\n"
	       "drop check t pos\nadd check t pos\n"
	       "drop index t ix_a\nadd index t ix_a\n");
}

static void test_enums_views(void **state)
{
	(void)state;
	expect(HEAD "enums:\n  e: [a, b, c]\ntables:\n  t:\n    columns:\n      x: enum(e)\nviews:\n  v: SELECT 1\n  w: SELECT 2\n",
	       HEAD "enums:\n  e: [a, c, d]\n  f: [z]\ntables:\n  t:\n    columns:\n      x: enum(e)\nviews:\n  v: SELECT 10\n",
	       "drop view v\ndrop view w\n"
	       "alter enum e\n!drops value 'b' of enum e\n"
	       "create enum f\n"
	       "alter column t.x: enum values\n"
	       "create view v\n");
}

/* A trigger filed under another key with the same text is the same
 * trigger (an import names it as its text does); another text is not. */
static void test_trigger_key_only(void **state)
{
	(void)state;
#define TRIG_T HEAD "tables:\n  t:\n    columns:\n      id: {type: integer, primary_key: true}\n"
	expect(TRIG_T "triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;\n",
	       TRIG_T "triggers:\n  t~r: CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;\n",
	       "");
	expect(TRIG_T "triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;\n",
	       TRIG_T "triggers:\n  t~r: CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 2; END;\n",
	       "drop trigger tr\ncreate trigger t~r\n");
	/* SQLite keeps its own CREATE TRIGGER / CREATE VIEW before the text
	 * from the name on: keyword case, TEMP, IF NOT EXISTS, a schema */
	expect(TRIG_T "triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END\n"
	       "views:\n  v: CREATE VIEW v AS SELECT 1\n",
	       TRIG_T "triggers:\n  tr: create  TRIgger if not exists main.tr AFTER INSERT ON t BEGIN SELECT 1; END;\n"
	       "views:\n  v: Create Temp View v AS SELECT 1\n",
	       "");
	expect(TRIG_T "views:\n  v: CREATE VIEW v AS SELECT 1\n",
	       TRIG_T "views:\n  v: CREATE VIEW v AS select 1\n",
	       "drop view v\ncreate view v\n");
	/* a view kept as its bare SELECT is named by its key (fuzz-migrate) */
	expect(TRIG_T "views:\n  0 v: SELECT id FROM t\n",
	       TRIG_T "views:\n  v: SELECT id FROM t\n",
	       "drop view 0 v\ncreate view v\n");
#undef TRIG_T
}

static void test_column_order(void **state)
{
	(void)state;
	expect(HEAD "tables:\n  t:\n    columns:\n      a: integer\n      b: integer\n",
	       HEAD "tables:\n  t:\n    columns:\n      b: integer\n      a: integer\n",
	       "alter table t: column order\n");
}

/* --down: the reverse renames come from the forward changes. */
static void test_reverse(void **state)
{
	struct model *a = load(HEAD "tables:\n  team:\n    columns:\n      id: integer\n      n: text\n");
	struct model *b = load(HEAD "tables:\n  squad:\n    was: team\n    columns:\n      id: integer\n      name: {type: text, was: n}\n");
	struct change_list fwd, rev;
	struct model *back;

	(void)state;
	change_list_init(&fwd);
	change_list_init(&rev);
	diff_models(a, b, &fwd);
	assert_int_equal(fwd.n, 2);
	back = diff_reverse_target(a, &fwd);
	diff_models(b, back, &rev);
	assert_int_equal(rev.n, 2);
	assert_string_equal(rev.items[0].summary, "rename table squad to team");
	assert_string_equal(rev.items[1].summary, "rename column team.name to n");
	change_list_free(&fwd);
	change_list_free(&rev);
	model_free(back);
	model_free(a);
	model_free(b);
}

/* What the database cannot keep is no difference: a YAML block's final
 * newline or a final ';' of view, trigger and check text, and NO ACTION
 * spelled out.  Other text still is one. */
static void test_equal_as_stored(void **state)
{
	static const char a[] = HEAD "tables:\n  p:\n    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      q: {type: integer, check: q > 0, references: p.id}\n"
		"    checks:\n      pos: id > 0\n"
		"    foreign_keys:\n      - {columns: [q], references: p, ref_columns: [id]}\n"
		"views:\n  v: SELECT id FROM p\n"
		"triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON p BEGIN SELECT 1; END\n";
	static const char b[] = HEAD "tables:\n  p:\n    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      q: {type: integer, check: \"q > 0\\n\", references: p.id, on_update: no action}\n"
		"    checks:\n      pos: |\n        id > 0\n"
		"    foreign_keys:\n      - {columns: [q], references: p, ref_columns: [id], on_delete: no action}\n"
		"views:\n  v: |\n    SELECT id FROM p;\n"
		"triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON p BEGIN SELECT 1; END;\n";

	(void)state;
	expect(a, b, "");
	expect(b, a, "");
	expect(a, HEAD "tables:\n  p:\n    columns:\n"
	       "      id: {type: integer, primary_key: true}\n"
	       "      q: {type: integer, check: q > 0, references: p.id}\n"
	       "    checks:\n      pos: id > 0\n"
	       "    foreign_keys:\n      - {columns: [q], references: p, ref_columns: [id]}\n"
	       "views:\n  v: SELECT id FROM p WHERE 1\n"
	       "triggers:\n  tr: CREATE TRIGGER tr AFTER INSERT ON p BEGIN SELECT 1; END\n",
	       "drop view v\ncreate view v\n");
}

/* A default is the SQL it stands for: a default_sql that is only a
 * literal, in parentheses or blanks (SQLite keeps the bare literal and
 * `skema import` reads it as `default:`), equals that `default:`; a
 * different literal, kind of literal or expression does not. */
static void test_default_as_stored(void **state)
{
	static const char cols[] = HEAD "tables:\n  t:\n    columns:\n"
		"      a: {type: integer, %s}\n";
	static const struct { const char *x, *y; bool same; } cases[] = {
		{ "default_sql: (1)", "default: 1", true },
		{ "default_sql: \" 1 \"", "default: 1", true },
		{ "default_sql: ((-2))", "default: -2", true },
		{ "default_sql: '1'", "default: 1", true },
		{ "default_sql: (2.50)", "default: 2.50", true },
		{ "default_sql: \"('it''s')\"", "default: it's", true },
		{ "default_sql: (NULL)", "default: null", true },
		{ "default_sql: (TRUE)", "default: true", true },
		{ "default_sql: (CURRENT_TIMESTAMP)", "default_sql: CURRENT_TIMESTAMP", true },
		{ "default_sql: ( 1 + 2 )", "default_sql: 1 + 2", true },
		{ "default_sql: (1)", "default: 2", false },
		{ "default_sql: (1)", "default: '1'", false },
		{ "default_sql: (1)", "default: 1.0", false },
		{ "default_sql: 1 + 2", "default: 3", false },
		{ "default_sql: (NULL)", "nullable: true", false },
		{ "default_sql: (1)", "nullable: true", false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *x = xasprintf(cols, cases[i].x);
		char *y = xasprintf(cols, cases[i].y);
		const char *want = cases[i].same ? "" : "alter column t.a: default\n";

		expect(x, y, want);
		expect(y, x, want);
		free(x);
		free(y);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_rename_table),
		cmocka_unit_test(test_rename_column),
		cmocka_unit_test(test_was_inert),
		cmocka_unit_test(test_add_drop),
		cmocka_unit_test(test_alter_aspects),
		cmocka_unit_test(test_references_follow_renames),
		cmocka_unit_test(test_table_objects),
		cmocka_unit_test(test_enums_views),
		cmocka_unit_test(test_trigger_key_only),
		cmocka_unit_test(test_column_order),
		cmocka_unit_test(test_reverse),
		cmocka_unit_test(test_equal_as_stored),
		cmocka_unit_test(test_default_as_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
