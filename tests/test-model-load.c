/* test-model-load.c — src/model-load.c, src/yaml-tree.c, src/file-io.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model-yaml.h"
#include "yaml-tree.h"

/* ---- helpers ---- */

struct loaded {
	struct model *m;
	struct diag_list dl;
};

static struct loaded load(const char *text)
{
	struct loaded l;

	diag_list_init(&l.dl);
	l.m = model_load_yaml(text, strlen(text), &l.dl);
	return l;
}

static void loaded_free(struct loaded *l)
{
	model_free(l->m);
	diag_list_free(&l->dl);
}

/* All diagnostics, sorted, one "LINE:COL: message" per line. */
static char *messages(struct diag_list *dl)
{
	struct strbuf sb;

	diag_list_sort(dl);
	sb_init(&sb);
	for (size_t i = 0; i < dl->n; i++)
		sb_printf(&sb, "%u:%u: %s\n", (unsigned)dl->items[i].pos.line,
			  (unsigned)dl->items[i].pos.col, dl->items[i].message);
	{
		char *s = sb_detach(&sb);
		sb_free(&sb);
		return s;
	}
}

/* Loads text and expects exactly these diagnostics (all errors). */
static void expect_errors(const char *text, const char *want, bool want_model)
{
	struct loaded l = load(text);
	char *got = messages(&l.dl);

	assert_string_equal(got, want);
	assert_int_equal(l.dl.errors, l.dl.n);
	if (want_model)
		assert_non_null(l.m);
	else
		assert_null(l.m);
	free(got);
	loaded_free(&l);
}

static struct table *table_at(const struct model *m, size_t i)
{
	assert_true(i < m->tables.n);
	return PLIST_AT(&m->tables, struct table, i);
}

static struct column *column_at(const struct table *t, size_t i)
{
	assert_true(i < t->columns.n);
	return PLIST_AT(&t->columns, struct column, i);
}

static void assert_pos(struct pos p, unsigned line, unsigned col)
{
	assert_int_equal(p.line, line);
	assert_int_equal(p.col, col);
}

static void assert_list(const struct strlist *l, const char *joined)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&sb, "%s%s", i ? "," : "", l->items[i]);
	assert_string_equal(sb.buf, joined);
	sb_free(&sb);
}

/* ---- loading every key ---- */

static const char heroes[] =
	"skema: 1\n"
	"name: heroes\n"
	"enums:\n"
	"  alignment: [hero, villain, neutral]\n"
	"tables:\n"
	"  team:\n"
	"    comment: Groups of heroes\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: varchar(100), nullable: false, index: true}\n"
	"      headquarters: text\n"
	"  hero:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      age: {type: integer, ge: 0, le: 150}\n"
	"      created_at: {type: datetime, nullable: false, default_sql: CURRENT_TIMESTAMP}\n"
	"      alignment: {type: enum(alignment), nullable: false, default: hero}\n"
	"      team_id: {type: integer, references: team.id, on_delete: set null}\n"
	"    indexes:\n"
	"      ix_hero_age: {columns: [age, id], unique: true}\n"
	"    checks:\n"
	"      age_ok: \"age < 200\"\n"
	"links:\n"
	"  - {kind: one_to_many, parent: team, child: hero, via: team_id, parent_name: heroes, child_name: team}\n"
	"  - {kind: many_to_many, left: hero, right: team, through: hero_team, left_name: teams, right_name: heroes}\n";

static void test_heroes(void **state)
{
	(void)state;
	struct loaded l = load(heroes);
	struct model *m = l.m;

	assert_non_null(m);
	assert_int_equal(l.dl.n, 0);
	assert_int_equal(m->version, 1);
	assert_pos(m->pos_version, 1, 8);
	assert_string_equal(m->name, "heroes");
	assert_pos(m->pos_name, 2, 7);
	assert_int_equal(m->enums.n, 1);
	struct enum_type *e = PLIST_AT(&m->enums, struct enum_type, 0);
	assert_string_equal(e->name, "alignment");
	assert_list(&e->values, "hero,villain,neutral");
	assert_pos(e->pos, 4, 3);

	assert_int_equal(m->tables.n, 2);
	assert_ptr_equal(model_table(m, "hero"), table_at(m, 1));
	struct table *team = table_at(m, 0);
	assert_string_equal(team->name, "team");
	assert_string_equal(team->comment, "Groups of heroes");
	assert_pos(team->pos, 6, 3);
	assert_pos(team->key_pos[TK_COMMENT], 7, 14);
	assert_pos(team->key_pos[TK_COLUMNS], 9, 7);
	assert_int_equal(team->columns.n, 3);
	struct column *c = column_at(team, 1);
	assert_string_equal(c->name, "name");
	assert_string_equal(c->type, "varchar(100)");
	assert_int_equal(c->nullable, TRI_FALSE);
	assert_true(c->index);
	assert_false(c->primary_key);
	assert_pos(c->pos, 10, 7);
	assert_pos(column_key_pos(c, CK_TYPE), 10, 20);
	assert_pos(column_key_pos(c, CK_NULLABLE), 10, 44);
	assert_pos(column_key_pos(c, CK_INDEX), 10, 58);
	c = column_at(team, 2);
	assert_string_equal(c->type, "text");        /* shorthand */
	assert_int_equal(c->nullable, TRI_UNSET);
	assert_pos(column_key_pos(c, CK_TYPE), 11, 21);
	assert_int_equal(c->min_length, -1);

	struct table *hero = table_at(m, 1);
	c = table_column(hero, "age");
	assert_string_equal(c->bound[BOUND_GE], "0");
	assert_string_equal(c->bound[BOUND_LE], "150");
	assert_null(c->bound[BOUND_GT]);
	c = table_column(hero, "created_at");
	assert_string_equal(c->default_sql, "CURRENT_TIMESTAMP");
	assert_int_equal(c->dflt.kind, VALUE_NONE);
	c = table_column(hero, "alignment");
	assert_int_equal(c->dflt.kind, VALUE_STRING);
	assert_string_equal(c->dflt.text, "hero");
	c = table_column(hero, "team_id");
	assert_string_equal(c->ref_table, "team");
	assert_string_equal(c->ref_column, "id");
	assert_int_equal(c->on_delete, ACTION_SET_NULL);
	assert_int_equal(c->on_update, ACTION_NONE);
	assert_int_equal(hero->indexes.n, 1);
	struct index *ix = PLIST_AT(&hero->indexes, struct index, 0);
	assert_string_equal(ix->name, "ix_hero_age");
	assert_list(&ix->columns, "age,id");
	assert_true(ix->unique);
	assert_null(ix->where);
	assert_pos(ix->pos, 20, 7);
	assert_pos(ix->columns_pos, 20, 30);
	assert_int_equal(hero->checks.n, 1);
	struct check *ck = PLIST_AT(&hero->checks, struct check, 0);
	assert_string_equal(ck->name, "age_ok");
	assert_string_equal(ck->expr, "age < 200");
	assert_pos(ck->pos, 22, 7);

	assert_int_equal(m->links.n, 2);
	struct link *lk = PLIST_AT(&m->links, struct link, 0);
	assert_int_equal(lk->kind, LINK_ONE_TO_MANY);
	assert_string_equal(lk->field[LK_PARENT], "team");
	assert_string_equal(lk->field[LK_CHILD], "hero");
	assert_string_equal(lk->field[LK_VIA], "team_id");
	assert_string_equal(lk->field[LK_PARENT_NAME], "heroes");
	assert_string_equal(lk->field[LK_CHILD_NAME], "team");
	assert_null(lk->field[LK_LEFT]);
	assert_pos(lk->pos, 24, 5);
	assert_pos(lk->key_pos[LK_KIND], 24, 12);
	lk = PLIST_AT(&m->links, struct link, 1);
	assert_int_equal(lk->kind, LINK_MANY_TO_MANY);
	assert_string_equal(lk->field[LK_LEFT], "hero");
	assert_string_equal(lk->field[LK_RIGHT], "team");
	assert_string_equal(lk->field[LK_THROUGH], "hero_team");
	assert_string_equal(lk->field[LK_LEFT_NAME], "teams");
	assert_string_equal(lk->field[LK_RIGHT_NAME], "heroes");
	assert_null(lk->field[LK_PARENT]);
	loaded_free(&l);
}

static void test_every_column_key(void **state)
{
	(void)state;
	struct loaded l = load(
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      c:\n"
		"        type: varchar(10)\n"
		"        nullable: true\n"
		"        primary_key: false\n"
		"        autoincrement: True\n"
		"        unique: TRUE\n"
		"        index: false\n"
		"        default: 1.50\n"
		"        default_sql: lower('x')\n"
		"        check: length(c) > 1\n"
		"        ge: -1\n"
		"        le: 1e3\n"
		"        gt: .5\n"
		"        lt: +7\n"
		"        min_length: 0\n"
		"        max_length: 10\n"
		"        references: other.schema.tab.id\n"
		"        on_delete: cascade\n"
		"        on_update: no action\n"
		"        comment: a column\n"
		"        was: old_c\n");
	struct column *c;

	assert_int_equal(l.dl.n, 0);
	c = column_at(table_at(l.m, 0), 0);
	assert_string_equal(c->type, "varchar(10)");
	assert_int_equal(c->nullable, TRI_TRUE);
	assert_false(c->primary_key);
	assert_true(c->autoincrement);
	assert_true(c->unique);
	assert_false(c->index);
	assert_int_equal(c->dflt.kind, VALUE_FLOAT);
	assert_string_equal(c->dflt.text, "1.50");
	assert_string_equal(c->default_sql, "lower('x')");
	assert_string_equal(c->check, "length(c) > 1");
	assert_string_equal(c->bound[BOUND_GE], "-1");
	assert_string_equal(c->bound[BOUND_LE], "1e3");
	assert_string_equal(c->bound[BOUND_GT], ".5");
	assert_string_equal(c->bound[BOUND_LT], "+7");
	assert_int_equal(c->min_length, 0);
	assert_int_equal(c->max_length, 10);
	/* split at the last dot */
	assert_string_equal(c->ref_table, "other.schema.tab");
	assert_string_equal(c->ref_column, "id");
	assert_int_equal(c->on_delete, ACTION_CASCADE);
	assert_int_equal(c->on_update, ACTION_NO_ACTION);
	assert_string_equal(c->comment, "a column");
	assert_string_equal(c->was, "old_c");
	for (int k = 0; k < CK_COUNT; k++) {
		assert_int_equal(column_key_pos(c, k).line, 6 + k);
		assert_true(column_key_pos(c, k).col > 9);
	}
	assert_pos(column_key_pos(c, CK_WAS), 25, 14);
	loaded_free(&l);
}

static void test_table_keys(void **state)
{
	(void)state;
	struct loaded l = load(
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    comment: a table\n"
		"    was: old_t\n"
		"    without_rowid: true\n"
		"    strict: true\n"
		"    columns: {a: integer, b: integer, c: text}\n"
		"    primary_key: [a, b]\n"
		"    unique:\n"
		"      - [c]\n"
		"      - [b, c]\n"
		"    foreign_keys:\n"
		"      - {columns: [a, b], references: u, ref_columns: [x, y], on_delete: set default,\n"
		"         on_update: restrict, name: fk_t_u}\n"
		"      - {columns: [c], references: v}\n"
		"    indexes:\n"
		"      ix_c: {columns: [c], where: c IS NOT NULL}\n"
		"      ix_b: {columns: [b]}\n"
		"    checks:\n"
		"      c1: a > 0\n"
		"      c2: 'b > 0'\n");
	struct table *t;
	struct foreign_key *fk;
	struct unique *u;
	struct index *ix;

	assert_int_equal(l.dl.n, 0);
	t = table_at(l.m, 0);
	assert_string_equal(t->comment, "a table");
	assert_string_equal(t->was, "old_t");
	assert_true(t->without_rowid);
	assert_true(t->strict);
	assert_int_equal(t->columns.n, 3);
	assert_list(&t->primary_key, "a,b");
	assert_pos(t->key_pos[TK_PRIMARY_KEY], 9, 18);
	assert_int_equal(t->uniques.n, 2);
	u = PLIST_AT(&t->uniques, struct unique, 1);
	assert_list(&u->columns, "b,c");
	assert_pos(u->pos, 12, 9);
	assert_int_equal(t->foreign_keys.n, 2);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 0);
	assert_list(&fk->columns, "a,b");
	assert_string_equal(fk->ref_table, "u");
	assert_list(&fk->ref_columns, "x,y");
	assert_int_equal(fk->on_delete, ACTION_SET_DEFAULT);
	assert_int_equal(fk->on_update, ACTION_RESTRICT);
	assert_string_equal(fk->name, "fk_t_u");
	assert_pos(fk->pos, 14, 9);
	assert_pos(fk->columns_pos, 14, 19);
	assert_pos(fk->ref_table_pos, 14, 39);
	assert_pos(fk->ref_columns_pos, 14, 55);
	fk = PLIST_AT(&t->foreign_keys, struct foreign_key, 1);
	assert_null(fk->name);
	assert_int_equal(fk->ref_columns.n, 0);
	assert_int_equal(fk->on_delete, ACTION_NONE);
	assert_int_equal(t->indexes.n, 2);
	ix = PLIST_AT(&t->indexes, struct index, 0);
	assert_string_equal(ix->where, "c IS NOT NULL");
	assert_false(ix->unique);
	assert_int_equal(t->checks.n, 2);
	assert_string_equal(PLIST_AT(&t->checks, struct check, 1)->expr, "b > 0");
	loaded_free(&l);
}

static void test_top_keys(void **state)
{
	(void)state;
	struct loaded l = load(
		"skema: 1\n"
		"views:\n"
		"  v: SELECT 1\n"
		"triggers:\n"
		"  tr: |\n"
		"    CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END\n"
		"layout:\n"
		"  t: [10, -20]\n"
		"  u: [0x10, 0]\n"
		"tables:\n"
		"  t: {columns: {id: integer}}\n"
		"  u: {columns: {id: integer}}\n"
		"enums: {}\n"
		"links: []\n");
	struct placement *p;
	struct sql_object *o;

	assert_int_equal(l.dl.n, 0);
	assert_int_equal(l.m->views.n, 1);
	o = PLIST_AT(&l.m->views, struct sql_object, 0);
	assert_string_equal(o->name, "v");
	assert_string_equal(o->sql, "SELECT 1");
	assert_pos(o->pos, 3, 3);
	o = PLIST_AT(&l.m->triggers, struct sql_object, 0);
	assert_string_equal(o->sql, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END\n");
	assert_int_equal(l.m->layout.n, 2);
	p = PLIST_AT(&l.m->layout, struct placement, 0);
	assert_string_equal(p->table, "t");
	assert_int_equal(p->x, 10);
	assert_int_equal(p->y, -20);
	assert_pos(p->pos, 8, 3);
	p = PLIST_AT(&l.m->layout, struct placement, 1);
	assert_int_equal(p->x, 16);
	assert_null(l.m->name);
	assert_int_equal(l.m->enums.n, 0);
	assert_int_equal(l.m->links.n, 0);
	assert_int_equal(l.m->tables.n, 2);
	loaded_free(&l);
}

/* ---- default: YAML 1.2 core schema ---- */

static void test_default_kinds(void **state)
{
	static const struct {
		const char *yaml;
		enum value_kind kind;
		const char *text;
	} cases[] = {
		{ "null", VALUE_NULL, NULL },
		{ "Null", VALUE_NULL, NULL },
		{ "NULL", VALUE_NULL, NULL },
		{ "~", VALUE_NULL, NULL },
		{ "", VALUE_NULL, NULL },
		{ "nULL", VALUE_STRING, "nULL" },
		{ "true", VALUE_BOOL, "true" },
		{ "True", VALUE_BOOL, "true" },
		{ "TRUE", VALUE_BOOL, "true" },
		{ "false", VALUE_BOOL, "false" },
		{ "False", VALUE_BOOL, "false" },
		{ "FALSE", VALUE_BOOL, "false" },
		{ "yes", VALUE_STRING, "yes" },
		{ "tRUE", VALUE_STRING, "tRUE" },
		{ "0", VALUE_INT, "0" },
		{ "-17", VALUE_INT, "-17" },
		{ "+17", VALUE_INT, "+17" },
		{ "007", VALUE_INT, "007" },
		{ "0o17", VALUE_INT, "0o17" },
		{ "0x1F", VALUE_INT, "0x1F" },
		{ "0x", VALUE_STRING, "0x" },
		{ "0o8", VALUE_STRING, "0o8" },
		{ "1.50", VALUE_FLOAT, "1.50" },
		{ "1.", VALUE_FLOAT, "1." },
		{ ".5", VALUE_FLOAT, ".5" },
		{ "-2.5e-3", VALUE_FLOAT, "-2.5e-3" },
		{ "1e10", VALUE_FLOAT, "1e10" },
		{ ".inf", VALUE_FLOAT, ".inf" },
		{ "-.Inf", VALUE_FLOAT, "-.Inf" },
		{ ".NaN", VALUE_FLOAT, ".NaN" },
		{ ".", VALUE_STRING, "." },
		{ "1e", VALUE_STRING, "1e" },
		{ "1_000", VALUE_STRING, "1_000" },
		{ "hero", VALUE_STRING, "hero" },
		{ "'true'", VALUE_STRING, "true" },
		{ "\"12\"", VALUE_STRING, "12" },
		{ "''", VALUE_STRING, "" },
		{ "!!str 12", VALUE_STRING, "12" },
		{ "\"~\"", VALUE_STRING, "~" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = xasprintf("skema: 1\ntables:\n  t:\n    columns:\n"
				       "      c: {type: text, default: %s}\n", cases[i].yaml);
		struct loaded l = load(text);
		struct column *c;

		assert_int_equal(l.dl.n, 0);
		c = column_at(table_at(l.m, 0), 0);
		if (c->dflt.kind != cases[i].kind)
			fail_msg("default: %s gave kind %d", cases[i].yaml, c->dflt.kind);
		if (cases[i].text)
			assert_string_equal(c->dflt.text, cases[i].text);
		else
			assert_null(c->dflt.text);
		loaded_free(&l);
		free(text);
	}
}

/* ---- errors ---- */

#define HEAD "skema: 1\ntables:\n  t:\n    columns:\n"

static void test_errors(void **state)
{
	static const struct {
		const char *yaml;
		const char *want;
	} cases[] = {
		/* unknown keys, with and without a suggestion */
		{ "skema: 1\nviewz: {}\nfoo: 1\n",
		  "2:1: unknown key 'viewz' at the top level (did you mean 'views'?)\n"
		  "3:1: unknown key 'foo' at the top level\n" },
		{ HEAD "      id: integer\n    checkz: {}\n",
		  "6:5: unknown key 'checkz' in table 't' (did you mean 'checks'?)\n" },
		{ HEAD "      id: {type: integer, nulable: true, primry_key: true, refs: x}\n",
		  "5:27: unknown key 'nulable' in column 't.id' (did you mean 'nullable'?)\n"
		  "5:42: unknown key 'primry_key' in column 't.id' (did you mean 'primary_key'?)\n"
		  "5:60: unknown key 'refs' in column 't.id'\n" },
		{ HEAD "      id: {type: numeric(10,2), nullable: false}\n",
		  "5:29: unknown key '2)' in column 't.id' (quote a type that holds a comma: \"numeric(10,2)\")\n" },
		{ HEAD "      id: {type: integer, tpye: x}\n",
		  "5:27: unknown key 'tpye' in column 't.id' (did you mean 'type'?)\n" },
		{ HEAD "      id: integer\n    indexes:\n      ix: {columns: [id], wher: x}\n",
		  "7:27: unknown key 'wher' in index 'ix' of table 't' (did you mean 'where'?)\n" },
		{ HEAD "      id: integer\n    foreign_keys:\n      - {columns: [id], references: u, refcolumns: [id]}\n",
		  "7:40: unknown key 'refcolumns' in foreign key 1 of table 't' (did you mean 'ref_columns'?)\n" },
		{ "skema: 1\nlinks:\n  - {kind: many_to_many, left: a, rigth: b}\n",
		  "3:35: unknown key 'rigth' in link 1 (did you mean 'right'?)\n" },
		/* duplicates */
		{ "skema: 1\nname: a\nname: b\n",
		  "3:1: duplicate key 'name' at the top level (first at line 2)\n" },
		{ HEAD "      id: integer\n    comment: x\n    comment: y\n",
		  "7:5: duplicate key 'comment' in table 't' (first at line 6)\n" },
		{ "skema: 1\nenums:\n  e: [a]\n  e: [b]\n",
		  "4:3: duplicate key 'e' in 'enums' (first at line 3)\n" },
		{ HEAD "      id: integer\n    indexes:\n      ix: {columns: [id], columns: [id]}\n",
		  "7:27: duplicate key 'columns' in index 'ix' of table 't' (first at line 7)\n" },
		/* wrong kinds */
		{ "skema: 1\nname: [a]\n", "2:7: expected a string for 'name'\n" },
		{ "skema: 1\nname:\n", "2:6: expected a string for 'name'\n" },
		{ "skema: 1\ntables: x\n", "2:9: expected a mapping for 'tables'\n" },
		{ "skema: 1\ntables:\n  t: [a]\n", "3:6: expected a mapping for table 't'\n" },
		{ "skema: 1\ntables:\n  t: {columns: [a]}\n",
		  "3:16: expected a mapping for 'columns' in table 't'\n" },
		{ "skema: 1\nlinks: {}\n", "2:8: expected a list for 'links'\n" },
		{ "skema: 1\nlinks: [a]\n", "2:9: expected a mapping for link 1\n" },
		{ HEAD "      id: {type: [integer]}\n",
		  "5:18: expected a string for 'type' in column 't.id'\n" },
		{ HEAD "      id: {type: integer, unique: 1}\n",
		  "5:35: expected true or false for 'unique' in column 't.id'\n" },
		{ HEAD "      id: {type: integer, ge: 0x10, le: .inf, gt: [1], lt: '1'}\n",
		  "5:31: expected a number for 'ge' in column 't.id'\n"
		  "5:41: expected a number for 'le' in column 't.id'\n"
		  "5:51: expected a number for 'gt' in column 't.id'\n"
		  "5:60: expected a number for 'lt' in column 't.id'\n" },
		{ HEAD "      id: {type: text, min_length: x, max_length: 99999999999999999999}\n",
		  "5:36: expected a non-negative integer for 'min_length' in column 't.id'\n"
		  "5:51: expected a non-negative integer for 'max_length' in column 't.id'\n" },
		{ HEAD "      id: {type: text, default: {a: 1}}\n",
		  "5:33: expected a string, number, boolean or null for 'default' in column 't.id'\n" },
		{ HEAD "      id: integer\n    primary_key: id\n",
		  "6:18: expected a list of column names for 'primary_key' in table 't'\n" },
		{ HEAD "      id: integer\n    unique: [id]\n    foreign_keys: {}\n",
		  "6:14: expected a list of column names for unique constraint 1 of table 't'\n"
		  "7:19: expected a list for 'foreign_keys' in table 't'\n" },
		{ HEAD "      id: integer\n    unique: id\n",
		  "6:13: expected a list of column lists for 'unique' in table 't'\n" },
		{ HEAD "      id: integer\n    indexes:\n      ix: {columns: [[id]], unique: yes}\n",
		  "7:21: expected a list of column names for 'columns' in index 'ix' of table 't'\n"
		  "7:37: expected true or false for 'unique' in index 'ix' of table 't'\n" },
		{ HEAD "      id: integer\n    checks:\n      c: {a: 1}\n",
		  "7:10: expected a string for check 'c' of table 't'\n" },
		{ "skema: 1\nviews:\n  v: [1]\ntriggers: []\n",
		  "3:6: expected a string for view 'v'\n"
		  "4:11: expected a mapping for 'triggers'\n" },
		{ "skema: 1\nlayout:\n  t: [1, 2, 3]\n  u: [1, a]\n  w: 1\n",
		  "3:6: expected [x, y] integers for table 't' in 'layout'\n"
		  "4:6: expected [x, y] integers for table 'u' in 'layout'\n"
		  "5:6: expected [x, y] integers for table 'w' in 'layout'\n" },
		{ "skema: 1\nenums:\n  e: [a, [b]]\n",
		  "3:6: expected a list of values for enum 'e'\n" },
		{ "skema: 1\nlinks:\n  - {kind: one_to_many, parent: [a]}\n",
		  "3:33: expected a string for 'parent' in link 1\n" },
		/* actions, references, kinds */
		{ HEAD "      id: {type: integer, on_update: CASCADE}\n",
		  "5:38: invalid value 'CASCADE' for 'on_update' in column 't.id' (expected cascade, set null, set default, restrict or no action)\n" },
		{ HEAD "      id: integer\n    foreign_keys:\n      - {columns: [id], references: u, on_delete: drop}\n",
		  "7:51: invalid value 'drop' for 'on_delete' in foreign key 1 of table 't' (expected cascade, set null, set default, restrict or no action)\n" },
		{ HEAD "      a: {type: integer, references: .id}\n"
		       "      b: {type: integer, references: u.}\n"
		       "      c: {type: integer, references: u}\n",
		  "5:38: expected table.column for 'references' in column 't.a' (got '.id')\n"
		  "6:38: expected table.column for 'references' in column 't.b' (got 'u.')\n"
		  "7:38: expected table.column for 'references' in column 't.c' (got 'u')\n" },
		{ "skema: 1\nlinks:\n  - {kind: many_to_many, parent: a, via: b}\n",
		  "3:26: key 'parent' does not apply to a many_to_many link in link 1\n"
		  "3:37: key 'via' does not apply to a many_to_many link in link 1\n" },
		/* missing keys */
		{ HEAD "      id: {nullable: false}\n",
		  "5:7: missing required key 'type' in column 't.id'\n" },
		{ "skema: 1\ntables:\n  t: {}\n",
		  "3:3: missing required key 'columns' in table 't'\n" },
		{ HEAD "      id: integer\n    indexes:\n      ix: {unique: true}\n",
		  "7:7: missing required key 'columns' in index 'ix' of table 't'\n" },
		{ HEAD "      id: integer\n    foreign_keys:\n      - {name: x}\n",
		  "7:9: missing required key 'columns' in foreign key 1 of table 't'\n"
		  "7:9: missing required key 'references' in foreign key 1 of table 't'\n" },
		{ "skema: 1\nlinks:\n  - parent: a\n    child: b\n",
		  "3:5: missing required key 'kind' in link 1\n" },
		{ "name: x\n", "1:1: missing required key 'skema' at the top level\n" },
		/* versions */
		{ "skema: 2\n", "1:8: unsupported format version 2 (this skema reads version 1)\n" },
		{ "skema: 0x1\n", "" },
		{ "skema: '1'\n", "1:8: expected an integer for 'skema' (the format version, 1)\n" },
		{ "skema: 1.0\n", "1:8: expected an integer for 'skema' (the format version, 1)\n" },
		/* shapes */
		{ "", "0:0: empty document (expected 'skema: 1')\n" },
		{ "# only a comment\n", "0:0: empty document (expected 'skema: 1')\n" },
		{ "hello\n", "1:1: expected a mapping at the top level (a model starts with 'skema: 1')\n" },
		{ "\n\n- skema\n", "3:1: expected a mapping at the top level (a model starts with 'skema: 1')\n" },
		{ "skema: 1\n[a]: 1\n", "2:1: expected a name as key at the top level\n" },
		/* errors keep going */
		{ "skema: 3\ntables:\n  t:\n    columns:\n      id: {type: integer, nullable: 0}\n"
		  "  u: {columns: {x: {}}, colour: red}\n",
		  "1:8: unsupported format version 3 (this skema reads version 1)\n"
		  "5:37: expected true or false for 'nullable' in column 't.id'\n"
		  "6:17: missing required key 'type' in column 'u.x'\n"
		  "6:25: unknown key 'colour' in table 'u'\n" },
	};
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct loaded l = load(cases[i].yaml);
		char *got = messages(&l.dl);

		assert_non_null(l.m);
		if (strcmp(got, cases[i].want) != 0) {
			print_error("case %zu:\n%s\ngot:\n%s\nwant:\n%s", i, cases[i].yaml, got,
				    cases[i].want);
			bad++;
		}
		assert_int_equal(l.dl.errors, l.dl.n);
		free(got);
		loaded_free(&l);
	}
	assert_int_equal(bad, 0);
}

/* Partial models: what is wrong is left out, the rest is loaded. */
static void test_partial_model(void **state)
{
	(void)state;
	struct loaded l = load(
		HEAD
		"      id: {type: integer, primary_key: true}\n"
		"      bad: {nullable: true}\n"
		"      odd: {type: text, ge: x, max_length: 5}\n"
		"    indexes:\n"
		"      ix1: {unique: true}\n"
		"      ix2: {columns: [id]}\n"
		"links:\n"
		"  - {kind: sideways}\n"
		"  - {kind: one_to_many, parent: t}\n");
	struct table *t;
	struct column *c;

	assert_non_null(l.m);
	assert_int_equal(l.dl.errors, 4);
	t = table_at(l.m, 0);
	assert_int_equal(t->columns.n, 2);
	c = column_at(t, 1);
	assert_string_equal(c->name, "odd");
	assert_null(c->bound[BOUND_GE]);
	assert_int_equal(column_key_pos(c, CK_GE).line, 0);
	assert_int_equal(c->max_length, 5);
	assert_int_equal(t->indexes.n, 1);
	assert_string_equal(PLIST_AT(&t->indexes, struct index, 0)->name, "ix2");
	assert_int_equal(l.m->links.n, 1);
	loaded_free(&l);
}

/* ---- YAML-level rejections (no model) ---- */

static void test_yaml_rejections(void **state)
{
	(void)state;
	expect_errors("skema: 1\ntables:\n  t: {columns: {id: integer}\n",
		      "4:1: syntax error: did not find expected ',' or '}' "
		      "(while parsing a flow mapping at line 3)\n", false);
	expect_errors("skema: 1\n  name: x\n",
		      "2:7: syntax error: mapping values are not allowed in this context\n",
		      false);
	expect_errors("skema: 1\nenums:\n  a: &v [x]\n  b: *v\n  c: *v\n",
		      "3:6: anchors are not supported\n"
		      "4:6: aliases are not supported\n"
		      "5:6: aliases are not supported\n", false);
	expect_errors("skema: 1\n---\nskema: 1\n",
		      "2:1: more than one document (a model file holds one)\n", false);
	expect_errors("---\nskema: 1\n...\n---\nskema: 1\n",
		      "4:1: more than one document (a model file holds one)\n", false);
	expect_errors("skema: 1\nname: !weird x\nviews: !!set {}\n",
		      "2:7: unsupported tag '!weird'\n"
		      "3:8: unsupported tag '!!set'\n", false);
	expect_errors("skema: 1\nname: !!map x\n",
		      "2:7: unsupported tag '!!map'\n", false);
	expect_errors("skema: 1\nname: \"a\\0b\"\n",
		      "2:7: NUL characters are not supported\n", false);
	expect_errors("skema: 1\nname: \xc3\x28\n",
		      "2:8: invalid text: invalid trailing UTF-8 octet (byte 0x28)\n", false);
	expect_errors("skema: 1\nname: a\x01z\n",
		      "2:8: invalid text: control characters are not allowed (byte 0x01)\n",
		      false);
	/* standard tags are fine */
	expect_errors("skema: !!int 1\nname: !!str 12\ntables: !!map {}\nlinks: !!seq []\n", "",
		      true);
}

/* ---- bad input never crashes ---- */

static void load_quietly(const char *text, size_t len)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = model_load_yaml(text, len, &dl);
	/* NULL only with a reason; a model may come with errors */
	if (!m)
		assert_true(dl.errors > 0);
	model_free(m);
	diag_list_free(&dl);
}

static void test_truncated(void **state)
{
	(void)state;
	size_t len = strlen(heroes);

	for (size_t i = 0; i <= len; i++) {
		char *copy = xstrndup(heroes, i);  /* no terminator beyond i */
		load_quietly(copy, i);
		free(copy);
	}
}

static void test_junk(void **state)
{
	(void)state;
	uint32_t x = 12345;
	char buf[512];

	for (int round = 0; round < 300; round++) {
		for (size_t i = 0; i < sizeof(buf); i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		load_quietly(buf, sizeof(buf));
	}
	/* junk made of YAML punctuation reaches deeper into the parser */
	static const char punct[] = "{}[]:,-?&*!|>'\"%@` \n\tab#";
	for (int round = 0; round < 500; round++) {
		for (size_t i = 0; i < 120; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = punct[(x >> 16) % (sizeof(punct) - 1)];
		}
		load_quietly(buf, 120);
	}
}

static void test_deep_and_huge(void **state)
{
	(void)state;
	enum { DEPTH = 20000, HUGE = 4 << 20 };
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "skema: 1\nname: ");
	for (int i = 0; i < DEPTH; i++)
		sb_addc(&sb, '[');
	for (int i = 0; i < DEPTH; i++)
		sb_addc(&sb, ']');
	sb_addc(&sb, '\n');
	expect_errors(sb.buf, "2:7: expected a string for 'name'\n", true);

	sb_reset(&sb);
	sb_add(&sb, "skema: 1\ntables:\n");
	for (int i = 0; i < 2000; i++)
		sb_printf(&sb, "%*st%d:\n%*scolumns:\n", 2 * i + 2, "", i, 2 * i + 4, "");
	load_quietly(sb.buf, sb.len);

	sb_reset(&sb);
	sb_add(&sb, "skema: 1\nname: ");
	for (int i = 0; i < HUGE; i++)
		sb_addc(&sb, (char)('a' + i % 26));
	sb_addc(&sb, '\n');
	{
		struct loaded l = load(sb.buf);
		assert_int_equal(l.dl.n, 0);
		assert_int_equal(strlen(l.m->name), HUGE);
		loaded_free(&l);
	}
	sb_free(&sb);
}

static void test_scalar_kind(void **state)
{
	(void)state;
	struct diag_list dl;
	struct ydoc *doc;
	const struct ydoc_node *root, *seq;

	diag_list_init(&dl);
	static const char text[] =
		"a:\n  - ~\n  - 'x'\n  - 1\n  - 2.0\n  - true\n  - |\n    lit\nb: 1\na: 2\n";

	doc = ydoc_parse(text, sizeof(text) - 1, &dl);
	assert_non_null(doc);
	root = ydoc_root(doc);
	assert_int_equal(root->kind, YDOC_MAPPING);
	assert_int_equal(root->n, 3);
	assert_null(root->u.pairs[1].dup_of);
	assert_ptr_equal(root->u.pairs[2].dup_of, &root->u.pairs[0]);
	seq = root->u.pairs[0].value;
	assert_int_equal(seq->kind, YDOC_SEQUENCE);
	assert_int_equal(seq->n, 6);
	assert_int_equal(ydoc_scalar_kind(seq->u.items[0]), YDOC_NULL);
	assert_int_equal(ydoc_scalar_kind(seq->u.items[1]), YDOC_STR);
	assert_int_equal(ydoc_scalar_kind(seq->u.items[2]), YDOC_INT);
	assert_int_equal(ydoc_scalar_kind(seq->u.items[3]), YDOC_FLOAT);
	assert_int_equal(ydoc_scalar_kind(seq->u.items[4]), YDOC_BOOL);
	assert_true(ydoc_scalar_true(seq->u.items[4]));
	assert_int_equal(ydoc_scalar_kind(seq->u.items[5]), YDOC_STR);
	assert_false(seq->u.items[5]->plain);
	assert_string_equal(seq->u.items[5]->u.text, "lit\n");
	assert_int_equal(seq->u.items[5]->n, 4);
	assert_pos(seq->u.items[5]->pos, 7, 5);
	ydoc_free(doc);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
}

/* Large mappings go through the hash table for duplicates. */
static void test_many_duplicates(void **state)
{
	(void)state;
	struct strbuf sb;
	struct loaded l;

	sb_init(&sb);
	sb_add(&sb, "skema: 1\ntables:\n");
	for (int i = 0; i < 500; i++)
		sb_printf(&sb, "  t%d: {columns: {id: integer}}\n", i % 400);
	l = load(sb.buf);
	assert_int_equal(l.dl.errors, 100);
	assert_int_equal(l.m->tables.n, 400);
	assert_string_equal(l.dl.items[0].message, "duplicate key 't0' in 'tables' (first at line 3)");
	assert_pos(l.dl.items[0].pos, 403, 3);
	loaded_free(&l);
	sb_free(&sb);
}

/* The tables are loaded while the parser reads them (ydoc_parse_stream):
 * the diagnostics keep the file's order, a later syntax error leaves
 * nothing behind, and the odd shapes of `tables:` load as a tree would. */
static void test_streamed_tables(void **state)
{
	static const char order[] =
		"skema: 1\n"
		"name: [x]\n"
		"tables:\n"
		"  a: {columns: {id: {type: integer, nulable: true}}}\n"
		"  b: 5\n"
		"  a: {columns: {id: integer}}\n"
		"  c: {columns: {id: integer}, colour: red}\n"
		"foo: 1\n";
	static const char *const want[] = {
		"expected a string for 'name'",
		"unknown key 'nulable' in column 'a.id' (did you mean 'nullable'?)",
		"expected a mapping for table 'b'",
		"duplicate key 'a' in 'tables' (first at line 4)",
		"unknown key 'colour' in table 'c'",
		"unknown key 'foo' at the top level",
	};
	struct loaded l;
	struct strbuf sb;

	(void)state;
	/* In file order, not sorted: the tables' wait for the walk. */
	l = load(order);
	assert_non_null(l.m);
	assert_int_equal(l.dl.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < l.dl.n; i++)
		assert_string_equal(l.dl.items[i].message, want[i]);
	assert_pos(l.dl.items[3].pos, 6, 3);
	assert_int_equal(l.m->tables.n, 2);
	assert_string_equal(table_at(l.m, 1)->name, "c");
	assert_pos(l.m->pos_tables, 4, 3);
	loaded_free(&l);

	/* A syntax error after the tables: no model, and only that error. */
	expect_errors("skema: 1\ntables:\n  t: {columns: {id: {type: integer, nulable: 1}}}\n"
		      "links: [\n",
		      "5:1: syntax error: did not find expected node content "
		      "(while parsing a flow node at line 5)\n", false);
	/* Only the first `tables:` streams; the second is a duplicate,
	 * whose table (with its unknown key) is not looked at. */
	l = load("skema: 1\n\"tables\": {t: {columns: {id: integer}}}\n"
		 "tables: {u: {colour: 1}}\n");
	assert_int_equal(l.dl.n, 1);
	assert_string_equal(l.dl.items[0].message,
			    "duplicate key 'tables' at the top level (first at line 2)");
	assert_int_equal(l.m->tables.n, 1);
	assert_string_equal(table_at(l.m, 0)->name, "t");
	loaded_free(&l);
	/* Not a mapping: nothing streams, the walk reports it. */
	expect_errors("skema: 1\ntables: [t]\n",
		      "2:9: expected a mapping for 'tables'\n", true);
	expect_errors("skema: 1\ntables:\n", "2:8: expected a mapping for 'tables'\n", true);
	/* A key that is not a name, inside the streamed section. */
	expect_errors("skema: 1\ntables:\n  ? [x]\n  : {columns: {id: integer}}\n"
		      "  t: {columns: {id: integer}}\n",
		      "3:5: expected a name as key in 'tables'\n", true);

	/* Tables bigger than a scratch block, and a scalar bigger than a
	 * quarter of one (its own block): each table is loaded whole. */
	sb_init(&sb);
	sb_add(&sb, "skema: 1\ntables:\n");
	for (int t = 0; t < 3; t++) {
		sb_printf(&sb, "  t%d:\n    comment: '", t);
		for (int i = 0; i < 40000 * (t + 1); i++)
			sb_add(&sb, "x");
		sb_add(&sb, "'\n    columns:\n");
		for (int c = 0; c < 3000; c++)
			sb_printf(&sb, "      c%d: {type: integer, nullable: false}\n", c);
	}
	l = load(sb.buf);
	assert_int_equal(l.dl.n, 0);
	assert_int_equal(l.m->tables.n, 3);
	for (int t = 0; t < 3; t++) {
		struct table *tb = table_at(l.m, (size_t)t);
		struct column *c = column_at(tb, 2999);

		assert_int_equal(strlen(tb->comment), 40000 * (t + 1));
		assert_int_equal(tb->columns.n, 3000);
		assert_string_equal(c->name, "c2999");
		assert_pos(column_key_pos(c, CK_NULLABLE),
			   (unsigned)(3005 + t * 3003), 40);
	}
	loaded_free(&l);
	sb_free(&sb);
}

/* ---- the files under tests/data ---- */

static char *data_dir(void)
{
	const char *srcdir = getenv("srcdir");

	return xasprintf("%s/tests/data", srcdir ? srcdir : ".");
}

static char *slurp(const char *path)
{
	char *data = NULL, *err = NULL;
	size_t len;

	if (file_read_all(path, &data, &len, &err) != 0)
		fail_msg("%s", err);
	return data;
}

/* The loader's part of `skema check` on each malformed file: when the
 * loader finds errors, the checker does not run, so the expected output
 * is exactly the loader's. */
static void test_data_files(void **state)
{
	(void)state;
	char *dir = data_dir();
	DIR *d = opendir(dir);
	struct dirent *de;
	int seen = 0;

	if (!d)
		fail_msg("cannot open %s (run from the source tree or set srcdir)", dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		struct diag_list dl;
		struct model *m = NULL;
		struct strbuf got;
		char *path, *exp_path, *want, *err = NULL;

		if (strncmp(de->d_name, "load-", 5) != 0 || n < 6 ||
		    strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		exp_path = xasprintf("%s/%.*s.expected", dir, (int)(n - 5), de->d_name);
		want = slurp(exp_path);
		diag_list_init(&dl);
		assert_int_equal(model_load_file(path, &m, &dl, &err), 0);
		assert_true(dl.errors > 0);
		diag_list_sort(&dl);
		sb_init(&got);
		for (size_t i = 0; i < dl.n; i++) {
			char *line = diag_format(&dl.items[i], de->d_name);
			sb_printf(&got, "%s\n", line);
			free(line);
		}
		if (strcmp(got.buf, want) != 0)
			fail_msg("%s:\ngot:\n%s\nwant:\n%s", de->d_name, got.buf, want);
		sb_free(&got);
		model_free(m);
		diag_list_free(&dl);
		free(want);
		free(path);
		free(exp_path);
		seen++;
	}
	closedir(d);
	free(dir);
	assert_true(seen >= 20);
}

/* ---- file-io ---- */

static char *make_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = xasprintf("%s/skema-load-XXXXXX", base && *base ? base : "/tmp");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void test_read_missing(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/none.yaml", dir);
	char *want = xasprintf("cannot read %s: No such file or directory", path);
	char *data = (char *)1, *err = NULL;
	size_t len = 7;
	struct diag_list dl;
	struct model *m = (struct model *)1;

	assert_int_equal(file_read_all(path, &data, &len, &err), -1);
	assert_null(data);
	assert_string_equal(err, want);
	free(err);
	err = NULL;
	diag_list_init(&dl);
	assert_int_equal(model_load_file(path, &m, &dl, &err), -1);
	assert_null(m);
	assert_string_equal(err, want);
	assert_int_equal(dl.n, 0);
	free(err);
	err = NULL;
	/* a directory cannot be read either */
	assert_int_equal(file_read_all(dir, &data, &len, &err), -1);
	assert_non_null(strstr(err, "cannot read "));
	assert_non_null(strstr(err, strerror(EISDIR)));
	free(err);
	rmdir(dir);
	free(want);
	free(path);
	free(dir);
}

static void test_read_write(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/m.yaml", dir);
	char *data = NULL, *err = NULL;
	size_t len = 0;
	struct stat st;
	mode_t mask = umask(022);

	umask(mask);
	/* a new file: 0644 less the umask */
	assert_int_equal(file_write_atomic(path, "abc\0def", 7, &err), 0);
	assert_int_equal(file_read_all(path, &data, &len, &err), 0);
	assert_int_equal(len, 7);
	assert_memory_equal(data, "abc\0def", 8);
	free(data);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644 & ~mask);
	/* an existing file keeps its mode */
	assert_int_equal(chmod(path, 0600), 0);
	assert_int_equal(file_write_atomic(path, "new text\n", 9, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(file_read_all(path, &data, &len, &err), 0);
	assert_string_equal(data, "new text\n");
	free(data);
	/* an empty write */
	assert_int_equal(file_write_atomic(path, "", 0, &err), 0);
	assert_int_equal(file_read_all(path, &data, &len, &err), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	free(data);
	/* no temporary file is left behind */
	{
		DIR *d = opendir(dir);
		struct dirent *de;
		int n = 0;

		while ((de = readdir(d)))
			if (de->d_name[0] != '.' || strncmp(de->d_name, ".m.yaml.", 8) == 0)
				n++;
		closedir(d);
		assert_int_equal(n, 1);
	}
	unlink(path);
	rmdir(dir);
	free(path);
	free(dir);
}

static void test_write_failures(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *path = xasprintf("%s/m.yaml", dir);
	char *bad = xasprintf("%s/no/such/dir/m.yaml", dir);
	char *want = xasprintf("cannot write %s: No such file or directory", bad);
	char *data = NULL, *err = NULL;
	size_t len;

	assert_int_equal(file_write_atomic(bad, "x", 1, &err), -1);
	assert_string_equal(err, want);
	free(err);
	err = NULL;

	assert_int_equal(file_write_atomic(path, "old\n", 4, &err), 0);
	if (geteuid() == 0) {
		/* root writes into read-only directories anyway */
		unlink(path);
		rmdir(dir);
		free(want);
		free(bad);
		free(path);
		free(dir);
		skip();
	}
	assert_int_equal(chmod(dir, 0555), 0);
	assert_int_equal(file_write_atomic(path, "new\n", 4, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot write "));
	assert_non_null(strstr(err, "Permission denied"));
	free(err);
	assert_int_equal(file_read_all(path, &data, &len, &err), 0);
	assert_string_equal(data, "old\n");
	free(data);
	chmod(dir, 0755);
	unlink(path);
	rmdir(dir);
	free(want);
	free(bad);
	free(path);
	free(dir);
}

static void test_write_through_symlink(void **state)
{
	(void)state;
	char *dir = make_tmpdir();
	char *real = xasprintf("%s/real.yaml", dir);
	char *link = xasprintf("%s/link.yaml", dir);
	char *data = NULL, *err = NULL;
	size_t len;
	struct stat st;

	assert_int_equal(file_write_atomic(real, "one\n", 4, &err), 0);
	assert_int_equal(symlink("real.yaml", link), 0);
	assert_int_equal(file_write_atomic(link, "two\n", 4, &err), 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	assert_int_equal(file_read_all(real, &data, &len, &err), 0);
	assert_string_equal(data, "two\n");
	free(data);
	unlink(link);
	unlink(real);
	rmdir(dir);
	free(real);
	free(link);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heroes),
		cmocka_unit_test(test_every_column_key),
		cmocka_unit_test(test_table_keys),
		cmocka_unit_test(test_top_keys),
		cmocka_unit_test(test_default_kinds),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_partial_model),
		cmocka_unit_test(test_yaml_rejections),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_deep_and_huge),
		cmocka_unit_test(test_scalar_kind),
		cmocka_unit_test(test_many_duplicates),
		cmocka_unit_test(test_streamed_tables),
		cmocka_unit_test(test_data_files),
		cmocka_unit_test(test_read_missing),
		cmocka_unit_test(test_read_write),
		cmocka_unit_test(test_write_failures),
		cmocka_unit_test(test_write_through_symlink),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
