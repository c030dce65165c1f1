/* test-model-check.c — semantic validation (src/model-check.c) on models
 * built in memory, with positions set by hand where the test is about
 * where a diagnostic points. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model-check.h"
#include "model.h"

static struct pos at(uint32_t line, uint32_t col)
{
	struct pos p = { line, col };

	return p;
}

static struct table *add_table(struct model *m, const char *name)
{
	struct table *t = table_new(name);

	model_add_table(m, t);
	return t;
}

static struct column *add_column(struct table *t, const char *name,
				 const char *type)
{
	struct column *c = column_new(name, type);

	table_add_column(t, c);
	return c;
}

static struct column *add_pk(struct table *t, const char *name)
{
	struct column *c = add_column(t, name, "integer");

	c->primary_key = true;
	return c;
}

static void set_ref(struct column *c, const char *table, const char *column)
{
	free(c->ref_table);
	free(c->ref_column);
	c->ref_table = table ? xstrdup(table) : NULL;
	c->ref_column = column ? xstrdup(column) : NULL;
}

static struct index *add_index(struct table *t, const char *name,
			       const char *col1, const char *col2)
{
	struct index *ix = index_new(name);

	if (col1)
		strlist_push(&ix->columns, col1);
	if (col2)
		strlist_push(&ix->columns, col2);
	plist_push(&t->indexes, ix);
	return ix;
}

static struct link *add_link(struct model *m, enum link_kind kind,
			     const char *a, const char *b, const char *c)
{
	struct link *l = link_new(kind);

	if (kind == LINK_ONE_TO_MANY) {
		l->field[LK_PARENT] = a ? xstrdup(a) : NULL;
		l->field[LK_CHILD] = b ? xstrdup(b) : NULL;
		l->field[LK_VIA] = c ? xstrdup(c) : NULL;
	} else {
		l->field[LK_LEFT] = a ? xstrdup(a) : NULL;
		l->field[LK_RIGHT] = b ? xstrdup(b) : NULL;
		l->field[LK_THROUGH] = c ? xstrdup(c) : NULL;
	}
	plist_push(&m->links, l);
	return l;
}

/* The example model of DESIGN.md: valid, no warnings. */
static struct model *heroes(void)
{
	struct model *m = model_new();
	struct enum_type *e = enum_type_new("alignment");
	struct table *team, *hero, *power, *hp;
	struct column *c;
	struct index *ix;

	m->version = 1;
	strlist_push(&e->values, "hero");
	strlist_push(&e->values, "villain");
	strlist_push(&e->values, "neutral");
	plist_push(&m->enums, e);

	team = add_table(m, "team");
	add_pk(team, "id");
	c = add_column(team, "name", "varchar(100)");
	c->nullable = TRI_FALSE;
	c->index = true;
	add_column(team, "headquarters", "text");

	hero = add_table(m, "hero");
	add_pk(hero, "id");
	c = add_column(hero, "name", "varchar(100)");
	c->nullable = TRI_FALSE;
	c->max_length = 100;
	c->min_length = 1;
	c = add_column(hero, "secret_name", "text");
	c->nullable = TRI_FALSE;
	c = add_column(hero, "age", "integer");
	c->bound[BOUND_GE] = xstrdup("0");
	c->bound[BOUND_LE] = xstrdup("150");
	c = add_column(hero, "created_at", "datetime");
	c->nullable = TRI_FALSE;
	c->default_sql = xstrdup("CURRENT_TIMESTAMP");
	c = add_column(hero, "alignment", "enum(alignment)");
	c->nullable = TRI_FALSE;
	value_set(&c->dflt, VALUE_STRING, "hero");
	c = add_column(hero, "team_id", "integer");
	set_ref(c, "team", "id");
	c->on_delete = ACTION_SET_NULL;
	ix = add_index(hero, "ix_hero_name_age", "name", "age");
	ix->unique = true;
	plist_push(&hero->checks, check_new("name_not_blank", "length(trim(name)) > 0"));

	power = add_table(m, "power");
	add_pk(power, "id");
	c = add_column(power, "name", "text");
	c->nullable = TRI_FALSE;
	c->unique = true;

	hp = add_table(m, "hero_power");
	c = add_pk(hp, "hero_id");
	set_ref(c, "hero", "id");
	c->on_delete = ACTION_CASCADE;
	c = add_pk(hp, "power_id");
	set_ref(c, "power", "id");
	c->on_delete = ACTION_CASCADE;

	add_link(m, LINK_ONE_TO_MANY, "team", "hero", "team_id");
	add_link(m, LINK_MANY_TO_MANY, "hero", "power", "hero_power");
	plist_push(&m->views, sql_object_new("hero_names", "SELECT name FROM hero"));
	plist_push(&m->layout, placement_new("team", 2, 3));
	return m;
}

/* Runs the checker and compares every diagnostic, in order, with
 * "LINE:COL: error|warning: message" lines (pos 0 prints as "-"). */
static void expect_diags(const struct model *m, const char *const *want, size_t n)
{
	struct diag_list dl;
	struct strbuf got;

	diag_list_init(&dl);
	model_check(m, &dl);
	sb_init(&got);
	for (size_t i = 0; i < dl.n; i++) {
		const struct diag *d = &dl.items[i];

		if (d->pos.line)
			sb_printf(&got, "%u:%u: ", (unsigned)d->pos.line,
				  (unsigned)d->pos.col);
		else
			sb_add(&got, "-: ");
		sb_printf(&got, "%s: %s\n",
			  d->severity == SEV_ERROR ? "error" : "warning", d->message);
	}
	{
		struct strbuf exp;

		sb_init(&exp);
		for (size_t i = 0; i < n; i++)
			sb_printf(&exp, "%s\n", want[i]);
		if (strcmp(exp.buf, got.buf) != 0)
			fail_msg("diagnostics differ\n--- expected\n%s--- got\n%s",
				 exp.buf, got.buf);
		sb_free(&exp);
	}
	sb_free(&got);
	diag_list_free(&dl);
}

#define EXPECT(m, ...) do { \
	static const char *const want_[] = { __VA_ARGS__ }; \
	expect_diags((m), want_, sizeof(want_) / sizeof(want_[0])); \
} while (0)
#define EXPECT_NONE(m) expect_diags((m), NULL, 0)

static struct table *tbl(struct model *m, const char *name)
{
	struct table *t = model_table(m, name);

	assert_non_null(t);
	return t;
}

static struct column *col(struct model *m, const char *table, const char *name)
{
	struct column *c = table_column(tbl(m, table), name);

	assert_non_null(c);
	return c;
}

/* ---- valid models ---- */

static void test_valid(void **state)
{
	struct model *m = heroes();
	struct model *empty = model_new();
	(void)state;

	EXPECT_NONE(m);
	EXPECT_NONE(empty);
	model_free(m);
	model_free(empty);
}

static void test_valid_composite_keys(void **state)
{
	struct model *m = model_new();
	struct table *a = add_table(m, "account");
	struct table *b = add_table(m, "entry");
	struct foreign_key *fk = foreign_key_new();
	struct unique *u = unique_new();
	(void)state;

	add_column(a, "region", "text");
	add_column(a, "number", "bigint");
	add_column(a, "code", "char(4)");
	strlist_push(&a->primary_key, "region");
	strlist_push(&a->primary_key, "number");
	strlist_push(&u->columns, "code");
	plist_push(&a->uniques, u);

	add_pk(b, "id");
	add_column(b, "account_region", "varchar(10)");
	add_column(b, "account_number", "integer");
	add_column(b, "account_code", "text");
	set_ref(col(m, "entry", "account_code"), "account", "code");
	strlist_push(&fk->columns, "account_number");
	strlist_push(&fk->columns, "account_region");
	fk->ref_table = xstrdup("account");
	/* any order of the key's columns will do */
	strlist_push(&fk->ref_columns, "number");
	strlist_push(&fk->ref_columns, "region");
	plist_push(&b->foreign_keys, fk);

	EXPECT_NONE(m);
	model_free(m);
}

/* ---- tables and columns ---- */

static void test_table_no_columns(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "draft");
	(void)state;

	t->pos = at(3, 3);
	t->key_pos[TK_COLUMNS] = at(4, 14);
	EXPECT(m, "4:14: error: table 'draft' has no columns");
	t->key_pos[TK_COLUMNS] = at(0, 0);
	EXPECT(m, "3:3: error: table 'draft' has no columns");
	model_free(m);
}

static void test_duplicate_column(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "t");
	struct column *c;
	(void)state;

	add_pk(t, "id");
	add_column(t, "a", "text");
	c = add_column(t, "a", "text");
	c->pos = at(7, 7);
	c = add_column(t, "A", "text");
	EXPECT(m,
	       "7:7: error: duplicate column 'a' in table 't'",
	       "-: error: column 't.A' differs from column 't.a' only in case");
	model_free(m);
}

static void test_duplicate_table(void **state)
{
	struct model *m = model_new();
	struct table *t;
	(void)state;

	add_pk(add_table(m, "hero"), "id");
	t = add_table(m, "Hero");
	add_pk(t, "id");
	t->pos = at(9, 3);
	EXPECT(m, "9:3: error: table 'Hero' differs from table 'hero' only in case");
	model_free(m);
}

static void test_no_primary_key(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "log");
	(void)state;

	add_column(t, "message", "text");
	t->pos = at(4, 3);
	EXPECT(m, "4:3: warning: table 'log' has no primary key");
	model_free(m);
}

static void test_primary_key_twice(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "t");
	(void)state;

	add_pk(t, "id");
	add_column(t, "b", "integer");
	strlist_push(&t->primary_key, "id");
	strlist_push(&t->primary_key, "b");
	t->key_pos[TK_PRIMARY_KEY] = at(6, 18);
	EXPECT(m, "6:18: error: table 't' declares its primary key both on "
	       "columns and in 'primary_key'");
	model_free(m);
}

static void test_primary_key_list(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "t");
	(void)state;

	add_column(t, "a", "integer");
	strlist_push(&t->primary_key, "a");
	strlist_push(&t->primary_key, "nope");
	strlist_push(&t->primary_key, "a");
	t->pos = at(2, 3);
	EXPECT(m,
	       "2:3: error: primary key of table 't' names missing column 'nope'",
	       "2:3: error: primary key of table 't' lists column 'a' twice");
	model_free(m);
}

static void test_not_logical_type(void **state)
{
	struct model *m = heroes();
	struct column *c = add_column(tbl(m, "hero"), "wage", "money");
	(void)state;

	c->pos = at(12, 7);
	column_set_key_pos(c, CK_TYPE, at(12, 13));
	EXPECT(m, "12:13: warning: type 'money' of column 'hero.wage' is not a "
	       "logical type; it is passed through verbatim");
	free(c->type);
	c->type = xstrdup("varchar(0)");
	EXPECT(m, "12:13: warning: type 'varchar(0)' of column 'hero.wage' is not "
	       "a logical type; it is passed through verbatim");
	free(c->type);
	c->type = NULL;
	EXPECT(m, "12:13: error: column 'hero.wage' has no type");
	model_free(m);
}

static void test_missing_enum(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "alignment");
	(void)state;

	free(c->type);
	c->type = xstrdup("enum(alignmnt)");
	column_set_key_pos(c, CK_TYPE, at(11, 20));
	EXPECT(m, "11:20: error: column 'hero.alignment' uses missing enum 'alignmnt'");
	model_free(m);
}

static void test_enum_values(void **state)
{
	struct model *m = heroes();
	struct enum_type *e = enum_type_new("empty");
	struct enum_type *dup = enum_type_new("mood");
	(void)state;

	e->pos = at(4, 3);
	plist_push(&m->enums, e);
	strlist_push(&dup->values, "happy");
	strlist_push(&dup->values, "sad");
	strlist_push(&dup->values, "happy");
	plist_push(&m->enums, dup);
	EXPECT(m,
	       "4:3: error: enum 'empty' has no values",
	       "-: error: enum 'mood' has duplicate value 'happy'");
	model_free(m);
}

static void test_enum_default(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "alignment");
	(void)state;

	value_set(&c->dflt, VALUE_STRING, "wizard");
	column_set_key_pos(c, CK_DEFAULT, at(11, 60));
	EXPECT(m, "11:60: error: default 'wizard' of column 'hero.alignment' is "
	       "not a value of enum 'alignment'");
	/* a null default is not an enum value, and needs none */
	value_set(&c->dflt, VALUE_NULL, NULL);
	EXPECT_NONE(m);
	model_free(m);
}

static void test_bounds_type(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "secret_name");
	struct column *age = col(m, "hero", "age");
	(void)state;

	c->bound[BOUND_GT] = xstrdup("0");
	column_set_key_pos(c, CK_GT, at(8, 40));
	age->max_length = 3;
	column_set_key_pos(age, CK_MAX_LENGTH, at(9, 50));
	EXPECT(m,
	       "8:40: error: column 'hero.secret_name' has 'gt' but its type "
	       "'text' is not numeric",
	       "9:50: error: column 'hero.age' has 'max_length' but its type "
	       "'integer' is not a string type");
	model_free(m);
}

static void test_bounds_unknown_type(void **state)
{
	struct model *m = heroes();
	struct column *c = add_column(tbl(m, "hero"), "wage", "money");
	(void)state;

	/* a verbatim type may well be numeric: only the type is reported */
	c->bound[BOUND_GE] = xstrdup("0");
	c->min_length = 1;
	EXPECT(m, "-: warning: type 'money' of column 'hero.wage' is not a "
	       "logical type; it is passed through verbatim");
	model_free(m);
}

static void test_bounds_order(void **state)
{
	struct model *m = heroes();
	struct column *age = col(m, "hero", "age");
	struct column *name = col(m, "hero", "name");
	(void)state;

	free(age->bound[BOUND_GE]);
	age->bound[BOUND_GE] = xstrdup("200");
	column_set_key_pos(age, CK_GE, at(9, 30));
	name->min_length = 10;
	name->max_length = 5;
	column_set_key_pos(name, CK_MIN_LENGTH, at(6, 50));
	EXPECT(m,
	       "6:50: error: column 'hero.name' has min_length 10 greater than "
	       "max_length 5",
	       "9:30: error: column 'hero.age' has ge 200 greater than le 150");
	model_free(m);
}

static void test_bounds_strict(void **state)
{
	struct model *m = heroes();
	struct column *age = col(m, "hero", "age");
	(void)state;

	free(age->bound[BOUND_GE]);
	free(age->bound[BOUND_LE]);
	age->bound[BOUND_GE] = NULL;
	age->bound[BOUND_LE] = xstrdup("1.5");
	age->bound[BOUND_GT] = xstrdup("1.50");
	EXPECT(m, "-: error: column 'hero.age' has gt 1.50 and le 1.5, which no "
	       "value satisfies");
	free(age->bound[BOUND_LE]);
	age->bound[BOUND_LE] = xstrdup("2");
	EXPECT_NONE(m);
	free(age->bound[BOUND_LE]);
	age->bound[BOUND_LE] = xstrdup("ten");
	EXPECT(m, "-: error: column 'hero.age' has le 'ten', which is not a number");
	model_free(m);
}

static void test_max_length_over_varchar(void **state)
{
	struct model *m = heroes();
	struct column *name = col(m, "hero", "name");
	(void)state;

	name->max_length = 200;
	column_set_key_pos(name, CK_MAX_LENGTH, at(6, 60));
	EXPECT(m, "6:60: warning: column 'hero.name' has max_length 200 larger "
	       "than its type 'varchar(100)'");
	model_free(m);
}

static void test_default_and_default_sql(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "created_at");
	(void)state;

	value_set(&c->dflt, VALUE_STRING, "2020-01-01");
	c->pos = at(10, 7);
	EXPECT(m, "10:7: error: column 'hero.created_at' has both 'default' and "
	       "'default_sql'");
	column_set_key_pos(c, CK_DEFAULT_SQL, at(10, 70));
	EXPECT(m, "10:70: error: column 'hero.created_at' has both 'default' and "
	       "'default_sql'");
	model_free(m);
}

static void test_autoincrement(void **state)
{
	struct model *m = heroes();
	struct column *id = col(m, "hero", "id");
	struct column *hp = col(m, "hero_power", "hero_id");
	struct column *age = col(m, "hero", "age");
	(void)state;

	id->autoincrement = true;
	EXPECT_NONE(m);
	hp->autoincrement = true;
	column_set_key_pos(hp, CK_AUTOINCREMENT, at(20, 30));
	age->autoincrement = true;
	EXPECT(m,
	       "-: error: column 'hero.age' has 'autoincrement' but is not a single "
	       "integer primary key",
	       "20:30: error: column 'hero_power.hero_id' has 'autoincrement' but "
	       "is not a single integer primary key");
	hp->autoincrement = false;
	age->autoincrement = false;
	free(id->type);
	id->type = xstrdup("text");
	EXPECT(m,
	       "-: error: column 'hero.id' has 'autoincrement' but is not a "
	       "single integer primary key",
	       "-: error: column 'hero_power.hero_id' has type 'integer' but "
	       "references 'hero.id' of type 'text'");
	model_free(m);
}

static void test_nullable_primary_key(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero_power", "power_id");
	(void)state;

	c->nullable = TRI_TRUE;
	column_set_key_pos(c, CK_NULLABLE, at(21, 40));
	EXPECT(m, "21:40: error: column 'hero_power.power_id' is in the primary "
	       "key and cannot be nullable");
	model_free(m);
}

static void test_action_without_references(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "age");
	(void)state;

	c->on_delete = ACTION_CASCADE;
	c->on_update = ACTION_RESTRICT;
	column_set_key_pos(c, CK_ON_DELETE, at(9, 40));
	column_set_key_pos(c, CK_ON_UPDATE, at(9, 60));
	EXPECT(m,
	       "9:40: error: column 'hero.age' has 'on_delete' but no 'references'",
	       "9:60: error: column 'hero.age' has 'on_update' but no 'references'");
	model_free(m);
}

static void test_set_null_not_nullable(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "team_id");
	(void)state;

	c->nullable = TRI_FALSE;
	c->on_update = ACTION_SET_NULL;
	column_set_key_pos(c, CK_ON_DELETE, at(13, 50));
	EXPECT(m,
	       "13:50: error: column 'hero.team_id' has on_delete 'set null' but "
	       "is not nullable",
	       "-: error: column 'hero.team_id' has on_update 'set null' but is "
	       "not nullable");
	model_free(m);
}

/* ---- references ---- */

static void test_missing_reference(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "team_id");
	(void)state;

	set_ref(c, "teams", "id");
	column_set_key_pos(c, CK_REFERENCES, at(13, 40));
	EXPECT(m,
	       "13:40: error: column 'hero.team_id' references missing table 'teams'",
	       "-: error: one_to_many link 'team' -> 'hero': column 'hero.team_id' "
	       "does not reference the primary key of table 'team'");
	set_ref(c, "team", "idx");
	EXPECT(m,
	       "13:40: error: column 'hero.team_id' references missing column 'team.idx'",
	       "-: error: one_to_many link 'team' -> 'hero': column 'hero.team_id' "
	       "does not reference the primary key of table 'team'");
	/* a bare table means its primary key */
	set_ref(c, "team", NULL);
	EXPECT_NONE(m);
	set_ref(c, "hero_power", NULL);
	EXPECT(m,
	       "13:40: error: column 'hero.team_id' references table 'hero_power', "
	       "whose primary key is not a single column",
	       "-: error: one_to_many link 'team' -> 'hero': column 'hero.team_id' "
	       "does not reference the primary key of table 'team'");
	model_free(m);
}

static void test_reference_not_unique(void **state)
{
	struct model *m = heroes();
	struct column *c = add_column(tbl(m, "hero"), "team_name", "text");
	struct index *ix;
	(void)state;

	set_ref(c, "team", "name");
	column_set_key_pos(c, CK_REFERENCES, at(14, 40));
	EXPECT(m, "14:40: error: column 'hero.team_name' references 'team.name', "
	       "which is neither the primary key nor unique");
	/* a partial unique index does not make it a key */
	ix = add_index(tbl(m, "team"), "ux_team_name", "name", NULL);
	ix->unique = true;
	ix->where = xstrdup("name <> ''");
	EXPECT(m, "14:40: error: column 'hero.team_name' references 'team.name', "
	       "which is neither the primary key nor unique");
	free(ix->where);
	ix->where = NULL;
	EXPECT_NONE(m);
	model_free(m);
}

static void test_reference_type_mismatch(void **state)
{
	struct model *m = heroes();
	struct column *c = col(m, "hero", "team_id");
	(void)state;

	free(c->type);
	c->type = xstrdup("text");
	column_set_key_pos(c, CK_REFERENCES, at(13, 40));
	EXPECT(m, "13:40: error: column 'hero.team_id' has type 'text' but "
	       "references 'team.id' of type 'integer'");
	free(c->type);
	c->type = xstrdup("bigint");
	EXPECT_NONE(m);
	model_free(m);
}

static struct foreign_key *add_fk(struct table *t, const char *c1, const char *c2,
				  const char *ref, const char *r1, const char *r2)
{
	struct foreign_key *fk = foreign_key_new();

	if (c1)
		strlist_push(&fk->columns, c1);
	if (c2)
		strlist_push(&fk->columns, c2);
	fk->ref_table = ref ? xstrdup(ref) : NULL;
	if (r1)
		strlist_push(&fk->ref_columns, r1);
	if (r2)
		strlist_push(&fk->ref_columns, r2);
	plist_push(&t->foreign_keys, fk);
	return fk;
}

/* account(region, number) keyed by both; entry refers to it. */
static struct model *accounts(void)
{
	struct model *m = model_new();
	struct table *a = add_table(m, "account");
	struct table *e = add_table(m, "entry");

	add_column(a, "region", "text");
	add_column(a, "number", "integer");
	add_column(a, "label", "text");
	strlist_push(&a->primary_key, "region");
	strlist_push(&a->primary_key, "number");
	add_pk(e, "id");
	add_column(e, "a_region", "text");
	add_column(e, "a_number", "integer");
	return m;
}

static void test_foreign_key_missing(void **state)
{
	struct model *m = accounts();
	struct foreign_key *fk;
	(void)state;

	fk = add_fk(tbl(m, "entry"), "a_region", "a_nr", "accounts", "region", "number");
	fk->pos = at(10, 9);
	fk->columns_pos = at(10, 19);
	fk->ref_table_pos = at(10, 50);
	fk->ref_columns_pos = at(10, 74);
	EXPECT(m,
	       "10:19: error: foreign key (a_region, a_nr) of table 'entry' names "
	       "missing column 'a_nr'",
	       "10:50: error: foreign key (a_region, a_nr) of table 'entry' "
	       "references missing table 'accounts'");
	free(fk->ref_table);
	fk->ref_table = xstrdup("account");
	free(fk->columns.items[1]);
	fk->columns.items[1] = xstrdup("a_number");
	free(fk->ref_columns.items[1]);
	fk->ref_columns.items[1] = xstrdup("nr");
	fk->name = xstrdup("fk_entry_account");
	EXPECT(m, "10:74: error: foreign key 'fk_entry_account' of table 'entry' "
	       "references missing column 'account.nr'");
	model_free(m);
}

static void test_foreign_key_count(void **state)
{
	struct model *m = accounts();
	struct foreign_key *fk;
	(void)state;

	fk = add_fk(tbl(m, "entry"), "a_region", "a_number", "account", "region", NULL);
	fk->pos = at(10, 9);
	EXPECT(m, "10:9: error: foreign key (a_region, a_number) of table 'entry' "
	       "has 2 columns but references 1");
	/* without ref_columns: the primary key, which has two */
	strlist_free(&fk->ref_columns);
	EXPECT_NONE(m);
	strlist_free(&fk->columns);
	strlist_push(&fk->columns, "a_region");
	EXPECT(m, "10:9: error: foreign key (a_region) of table 'entry' has 1 "
	       "column but references 2");
	model_free(m);
}

static void test_foreign_key_not_unique(void **state)
{
	struct model *m = accounts();
	struct foreign_key *fk;
	struct unique *u = unique_new();
	(void)state;

	fk = add_fk(tbl(m, "entry"), "a_region", "a_number", "account", "region", "label");
	fk->ref_columns_pos = at(10, 74);
	EXPECT(m,
	       "10:74: error: foreign key (a_region, a_number) of table 'entry' "
	       "references (region, label) of table 'account', which is neither "
	       "the primary key nor unique",
	       "10:74: error: foreign key (a_region, a_number) of table 'entry': "
	       "column 'a_number' has type 'integer' but references 'account.label' "
	       "of type 'text'");
	strlist_push(&u->columns, "label");
	strlist_push(&u->columns, "region");
	plist_push(&tbl(m, "account")->uniques, u);
	EXPECT(m, "10:74: error: foreign key (a_region, a_number) of table 'entry': "
	       "column 'a_number' has type 'integer' but references 'account.label' "
	       "of type 'text'");
	model_free(m);
}

static void test_foreign_key_set_null(void **state)
{
	struct model *m = accounts();
	struct foreign_key *fk;
	(void)state;

	fk = add_fk(tbl(m, "entry"), "a_region", "a_number", "account", NULL, NULL);
	fk->on_delete = ACTION_SET_NULL;
	fk->pos = at(10, 9);
	col(m, "entry", "a_number")->nullable = TRI_FALSE;
	EXPECT(m, "10:9: error: foreign key (a_region, a_number) of table 'entry' "
	       "has on_delete 'set null' but column 'entry.a_number' is not nullable");
	model_free(m);
}

/* ---- lists: unique, index ---- */

static void test_unique_list(void **state)
{
	struct model *m = heroes();
	struct unique *u = unique_new();
	(void)state;

	strlist_push(&u->columns, "name");
	strlist_push(&u->columns, "nickname");
	strlist_push(&u->columns, "name");
	u->pos = at(15, 14);
	plist_push(&tbl(m, "hero")->uniques, u);
	EXPECT(m,
	       "15:14: error: unique constraint (name, nickname, name) of table "
	       "'hero' names missing column 'nickname'",
	       "15:14: error: unique constraint (name, nickname, name) of table "
	       "'hero' lists column 'name' twice");
	model_free(m);
}

static void test_index_columns(void **state)
{
	struct model *m = heroes();
	struct index *ix = add_index(tbl(m, "team"), "ix_team", "name", "nam");
	struct index *dup = add_index(tbl(m, "team"), "ix_team2", "name", "name");
	struct index *none = add_index(tbl(m, "team"), "ix_team3", NULL, NULL);
	(void)state;

	ix->pos = at(8, 7);
	ix->columns_pos = at(8, 26);
	dup->pos = at(9, 7);
	none->pos = at(10, 7);
	EXPECT(m,
	       "8:26: error: index 'ix_team' on table 'team' names missing column 'nam'",
	       "9:7: error: index 'ix_team2' on table 'team' lists column 'name' twice",
	       "10:7: error: index 'ix_team3' on table 'team' has no columns");
	model_free(m);
}

static void test_index_names(void **state)
{
	struct model *m = heroes();
	struct index *a = add_index(tbl(m, "team"), "IX_HERO_NAME_AGE", "name", NULL);
	struct index *b = add_index(tbl(m, "power"), "hero", "name", NULL);
	(void)state;

	a->pos = at(7, 7);
	b->pos = at(30, 7);
	/* team comes first, so the index of hero is the duplicate */
	EXPECT(m,
	       "-: error: duplicate index name 'ix_hero_name_age' on table 'hero' "
	       "(already used on table 'team')",
	       "30:7: error: index 'hero' on table 'power' has the same name as "
	       "table 'hero'");
	model_free(m);
}

/* ---- links ---- */

static void test_link_missing_tables(void **state)
{
	struct model *m = heroes();
	struct link *l = add_link(m, LINK_ONE_TO_MANY, "teams", "heroes", "team_id");
	struct link *mm = add_link(m, LINK_MANY_TO_MANY, "hero", "powers", "hp");
	(void)state;

	l->pos = at(40, 5);
	l->key_pos[LK_PARENT] = at(40, 36);
	l->key_pos[LK_CHILD] = at(40, 51);
	mm->key_pos[LK_RIGHT] = at(41, 45);
	mm->key_pos[LK_THROUGH] = at(41, 62);
	EXPECT(m,
	       "40:36: error: one_to_many link 'teams' -> 'heroes' names missing "
	       "table 'teams'",
	       "40:51: error: one_to_many link 'teams' -> 'heroes' names missing "
	       "table 'heroes'",
	       "41:45: error: many_to_many link 'hero' <-> 'powers' names missing "
	       "table 'powers'",
	       "41:62: error: many_to_many link 'hero' <-> 'powers' names missing "
	       "table 'hp'");
	model_free(m);
}

static void test_link_missing_keys(void **state)
{
	struct model *m = heroes();
	struct link *l = add_link(m, LINK_ONE_TO_MANY, "team", NULL, NULL);
	(void)state;

	l->pos = at(40, 5);
	EXPECT(m,
	       "40:5: error: one_to_many link 'team' -> '?' has no 'child'",
	       "40:5: error: one_to_many link 'team' -> '?' has no 'via'");
	model_free(m);
}

static void test_link_via(void **state)
{
	struct model *m = heroes();
	struct link *l = PLIST_AT(&m->links, struct link, 0);
	struct column *c;
	(void)state;

	free(l->field[LK_VIA]);
	l->field[LK_VIA] = xstrdup("team");
	l->key_pos[LK_VIA] = at(40, 60);
	EXPECT(m, "40:60: error: one_to_many link 'team' -> 'hero' names missing "
	       "column 'hero.team'");
	free(l->field[LK_VIA]);
	l->field[LK_VIA] = xstrdup("age");
	EXPECT(m, "40:60: error: one_to_many link 'team' -> 'hero': column "
	       "'hero.age' does not reference the primary key of table 'team'");
	/* a one-column foreign_keys entry counts as the reference */
	c = col(m, "hero", "team_id");
	set_ref(c, NULL, NULL);
	c->on_delete = ACTION_NONE;
	free(l->field[LK_VIA]);
	l->field[LK_VIA] = xstrdup("team_id");
	add_fk(tbl(m, "hero"), "team_id", NULL, "team", NULL, NULL);
	EXPECT_NONE(m);
	model_free(m);
}

static void test_link_through(void **state)
{
	struct model *m = heroes();
	struct link *l = PLIST_AT(&m->links, struct link, 1);
	struct column *c = col(m, "hero_power", "power_id");
	(void)state;

	set_ref(c, NULL, NULL);
	c->on_delete = ACTION_NONE;
	l->key_pos[LK_THROUGH] = at(41, 60);
	EXPECT(m, "41:60: error: many_to_many link 'hero' <-> 'power': table "
	       "'hero_power' has no foreign key to table 'power'");
	/* a self link needs two keys to the same table */
	free(l->field[LK_RIGHT]);
	l->field[LK_RIGHT] = xstrdup("hero");
	EXPECT(m, "41:60: error: many_to_many link 'hero' <-> 'hero': table "
	       "'hero_power' needs two foreign keys to table 'hero'");
	set_ref(c, "hero", "id");
	EXPECT_NONE(m);
	model_free(m);
}

/* ---- views, layout, reserved words ---- */

static void test_view_named_like_table(void **state)
{
	struct model *m = heroes();
	struct sql_object *v = sql_object_new("Power", "SELECT 1");
	(void)state;

	v->pos = at(50, 3);
	plist_push(&m->views, v);
	EXPECT(m, "50:3: error: view 'Power' has the same name as table 'power'");
	model_free(m);
}

static void test_layout_missing_table(void **state)
{
	struct model *m = heroes();
	struct placement *p = placement_new("teams", 0, 0);
	(void)state;

	p->pos = at(60, 3);
	plist_push(&m->layout, p);
	EXPECT(m, "60:3: warning: layout names missing table 'teams'");
	model_free(m);
}

static void test_reserved_words(void **state)
{
	struct model *m = model_new();
	struct table *t = add_table(m, "order");
	struct column *c;
	struct index *ix;
	struct sql_object *v = sql_object_new("user", "SELECT 1");
	(void)state;

	t->pos = at(3, 3);
	c = add_pk(t, "id");
	c = add_column(t, "rank", "integer");
	c->pos = at(6, 7);
	c = add_column(t, "group", "text");
	c->pos = at(7, 7);
	c = add_column(t, "left", "text");
	c->pos = at(8, 7);
	ix = add_index(t, "select", "rank", NULL);
	ix->pos = at(10, 7);
	v->pos = at(12, 3);
	plist_push(&m->views, v);
	EXPECT(m,
	       "3:3: warning: table name 'order' is a reserved word in sqlite, "
	       "postgres and mysql",
	       "6:7: warning: column name 'rank' of table 'order' is a reserved "
	       "word in mysql",
	       "7:7: warning: column name 'group' of table 'order' is a reserved "
	       "word in sqlite, postgres and mysql",
	       "8:7: warning: column name 'left' of table 'order' is a reserved "
	       "word in postgres and mysql",
	       "10:7: warning: index name 'select' of table 'order' is a reserved "
	       "word in sqlite, postgres and mysql",
	       "12:3: warning: view name 'user' is a reserved word in postgres");
	model_free(m);
}

static void test_does_not_modify(void **state)
{
	struct model *m = heroes();
	struct model *copy = model_clone(m);
	struct diag_list dl;
	(void)state;

	set_ref(col(m, "hero", "team_id"), "nowhere", "id");
	model_free(copy);
	copy = model_clone(m);
	diag_list_init(&dl);
	model_check(m, &dl);
	assert_int_equal(dl.errors, 2);
	assert_int_equal(dl.warnings, 0);
	assert_true(model_eq(m, copy));
	diag_list_free(&dl);
	model_free(copy);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_valid_composite_keys),
		cmocka_unit_test(test_table_no_columns),
		cmocka_unit_test(test_duplicate_column),
		cmocka_unit_test(test_duplicate_table),
		cmocka_unit_test(test_no_primary_key),
		cmocka_unit_test(test_primary_key_twice),
		cmocka_unit_test(test_primary_key_list),
		cmocka_unit_test(test_not_logical_type),
		cmocka_unit_test(test_missing_enum),
		cmocka_unit_test(test_enum_values),
		cmocka_unit_test(test_enum_default),
		cmocka_unit_test(test_bounds_type),
		cmocka_unit_test(test_bounds_unknown_type),
		cmocka_unit_test(test_bounds_order),
		cmocka_unit_test(test_bounds_strict),
		cmocka_unit_test(test_max_length_over_varchar),
		cmocka_unit_test(test_default_and_default_sql),
		cmocka_unit_test(test_autoincrement),
		cmocka_unit_test(test_nullable_primary_key),
		cmocka_unit_test(test_action_without_references),
		cmocka_unit_test(test_set_null_not_nullable),
		cmocka_unit_test(test_missing_reference),
		cmocka_unit_test(test_reference_not_unique),
		cmocka_unit_test(test_reference_type_mismatch),
		cmocka_unit_test(test_foreign_key_missing),
		cmocka_unit_test(test_foreign_key_count),
		cmocka_unit_test(test_foreign_key_not_unique),
		cmocka_unit_test(test_foreign_key_set_null),
		cmocka_unit_test(test_unique_list),
		cmocka_unit_test(test_index_columns),
		cmocka_unit_test(test_index_names),
		cmocka_unit_test(test_link_missing_tables),
		cmocka_unit_test(test_link_missing_keys),
		cmocka_unit_test(test_link_via),
		cmocka_unit_test(test_link_through),
		cmocka_unit_test(test_view_named_like_table),
		cmocka_unit_test(test_layout_missing_table),
		cmocka_unit_test(test_reserved_words),
		cmocka_unit_test(test_does_not_modify),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
