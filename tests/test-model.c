/* test-model.c — constructors, clone/eq/free, lookups and the name index. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static struct column *col(const char *name, const char *type)
{
	return column_new(name, type);
}

static struct column *pk_col(const char *name, const char *type)
{
	struct column *c = column_new(name, type);

	c->primary_key = true;
	return c;
}

/* A small but complete model: every list and most fields are non-empty. */
static struct model *sample_model(void)
{
	struct model *m = model_new();
	struct table *team = table_new("team"), *hero = table_new("hero");
	struct column *c;
	struct index *ix;
	struct unique *u;
	struct foreign_key *fk;
	struct enum_type *e;
	struct link *l;

	m->name = xstrdup("heroes");
	e = enum_type_new("alignment");
	strlist_push(&e->values, "hero");
	strlist_push(&e->values, "villain");
	plist_push(&m->enums, e);

	team->comment = xstrdup("Groups of heroes");
	table_add_column(team, pk_col("id", "integer"));
	c = col("name", "varchar(100)");
	c->nullable = TRI_FALSE;
	c->index = true;
	table_add_column(team, c);
	model_add_table(m, team);

	table_add_column(hero, pk_col("id", "integer"));
	c = col("age", "integer");
	c->bound[BOUND_GE] = xstrdup("0");
	c->bound[BOUND_LE] = xstrdup("150");
	c->check = xstrdup("age < 1000");
	table_add_column(hero, c);
	c = col("alignment", "enum(alignment)");
	value_set(&c->dflt, VALUE_STRING, "hero");
	c->min_length = 1;
	c->max_length = 20;
	table_add_column(hero, c);
	c = col("team_id", "integer");
	c->ref_table = xstrdup("team");
	c->ref_column = xstrdup("id");
	c->on_delete = ACTION_SET_NULL;
	table_add_column(hero, c);
	ix = index_new("ix_hero_age");
	strlist_push(&ix->columns, "age");
	ix->unique = true;
	ix->where = xstrdup("age > 0");
	plist_push(&hero->indexes, ix);
	plist_push(&hero->checks, check_new("age_ok", "age >= 0"));
	u = unique_new();
	strlist_push(&u->columns, "alignment");
	strlist_push(&u->columns, "age");
	plist_push(&hero->uniques, u);
	fk = foreign_key_new();
	fk->name = xstrdup("fk_team");
	strlist_push(&fk->columns, "team_id");
	fk->ref_table = xstrdup("team");
	strlist_push(&fk->ref_columns, "id");
	fk->on_update = ACTION_CASCADE;
	plist_push(&hero->foreign_keys, fk);
	hero->strict = true;
	model_add_table(m, hero);

	l = link_new(LINK_ONE_TO_MANY);
	l->field[LK_PARENT] = xstrdup("team");
	l->field[LK_CHILD] = xstrdup("hero");
	l->field[LK_VIA] = xstrdup("team_id");
	plist_push(&m->links, l);
	plist_push(&m->views, sql_object_new("v_hero", "SELECT * FROM hero"));
	plist_push(&m->triggers, sql_object_new("t_hero", "CREATE TRIGGER t_hero ..."));
	plist_push(&m->layout, placement_new("hero", 10, -4));
	return m;
}

/* ---- actions and key tables ---- */

static void test_fk_actions(void **state)
{
	static const struct { enum fk_action a; const char *name; } cases[] = {
		{ ACTION_CASCADE, "cascade" }, { ACTION_SET_NULL, "set null" },
		{ ACTION_SET_DEFAULT, "set default" }, { ACTION_RESTRICT, "restrict" },
		{ ACTION_NO_ACTION, "no action" },
	};
	enum fk_action a = ACTION_NONE;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_string_equal(fk_action_name(cases[i].a), cases[i].name);
		assert_true(fk_action_parse(cases[i].name, &a));
		assert_int_equal(a, cases[i].a);
	}
	assert_null(fk_action_name(ACTION_NONE));
	a = ACTION_CASCADE;
	assert_false(fk_action_parse("set_null", &a));
	assert_false(fk_action_parse("Cascade", &a));
	assert_false(fk_action_parse("", &a));
	assert_false(fk_action_parse(NULL, &a));
	assert_int_equal(a, ACTION_CASCADE);
}

static void test_column_keys(void **state)
{
	static const char *const names[CK_COUNT] = {
		"type", "nullable", "primary_key", "autoincrement", "unique", "index",
		"default", "default_sql", "check", "ge", "le", "gt", "lt", "min_length",
		"max_length", "references", "on_delete", "on_update", "comment", "was",
	};
	enum column_key k;

	(void)state;
	for (int i = 0; i < CK_COUNT; i++) {
		assert_string_equal(column_key_name((enum column_key)i), names[i]);
		assert_true(column_key_parse(names[i], &k));
		assert_int_equal(k, i);
	}
	assert_int_equal(CK_GE - CK_GE, BOUND_GE);
	assert_int_equal(CK_LT - CK_GE, BOUND_LT);
	assert_false(column_key_parse("nulable", &k));
	assert_false(column_key_parse("Type", &k));
	assert_null(column_key_name(CK_COUNT));
}

static void test_table_keys(void **state)
{
	static const char *const names[TK_COUNT] = {
		"comment", "was", "without_rowid", "strict", "columns", "primary_key",
		"unique", "foreign_keys", "indexes", "checks",
	};
	enum table_key k;

	(void)state;
	for (int i = 0; i < TK_COUNT; i++) {
		assert_string_equal(table_key_name((enum table_key)i), names[i]);
		assert_true(table_key_parse(names[i], &k));
		assert_int_equal(k, i);
	}
	assert_false(table_key_parse("index", &k));
	assert_null(table_key_name(TK_COUNT));
}

static void test_link_keys(void **state)
{
	static const char *const names[LK_COUNT] = {
		"kind", "parent", "child", "via", "parent_name", "child_name",
		"left", "right", "through", "left_name", "right_name",
	};
	enum link_key k;

	(void)state;
	for (int i = 0; i < LK_COUNT; i++) {
		assert_string_equal(link_key_name((enum link_key)i), names[i]);
		assert_true(link_key_parse(names[i], &k));
		assert_int_equal(k, i);
	}
	assert_false(link_key_parse("parents", &k));
	assert_false(link_key_parse(NULL, &k));
}

/* ---- values ---- */

static void test_values(void **state)
{
	struct value a = { VALUE_NONE, NULL }, b = { VALUE_NONE, NULL };

	(void)state;
	assert_true(value_eq(&a, &b));
	value_set(&a, VALUE_FLOAT, "1.50");
	assert_int_equal(a.kind, VALUE_FLOAT);
	assert_string_equal(a.text, "1.50");
	assert_false(value_eq(&a, &b));
	value_copy(&b, &a);
	assert_true(value_eq(&a, &b));
	assert_ptr_not_equal(a.text, b.text);
	value_set(&b, VALUE_STRING, "1.50");     /* same text, other kind */
	assert_false(value_eq(&a, &b));
	value_set(&b, VALUE_STRING, b.text);     /* aliasing its own text */
	assert_string_equal(b.text, "1.50");
	value_set(&a, VALUE_NULL, "ignored");
	assert_null(a.text);
	assert_int_equal(a.kind, VALUE_NULL);
	value_set(&b, VALUE_NULL, NULL);
	assert_true(value_eq(&a, &b));
	value_set(&b, VALUE_BOOL, "true");
	value_clear(&b);
	assert_int_equal(b.kind, VALUE_NONE);
	assert_null(b.text);
	value_clear(&a);
}

/* ---- objects ---- */

static void test_column_new_clone_eq(void **state)
{
	struct column *a = column_new("age", "integer"), *b;

	(void)state;
	assert_string_equal(a->name, "age");
	assert_string_equal(a->type, "integer");
	assert_int_equal(a->min_length, -1);
	assert_int_equal(a->max_length, -1);
	assert_int_equal(a->nullable, TRI_UNSET);
	assert_int_equal(a->dflt.kind, VALUE_NONE);
	assert_null(a->ref_table);

	a->bound[BOUND_GT] = xstrdup("0");
	a->comment = xstrdup("years");
	value_set(&a->dflt, VALUE_INT, "18");
	a->pos.line = 3;
	column_set_key_pos(a, CK_TYPE, (struct pos){ 3, 1 });
	b = column_clone(a);
	assert_ptr_not_equal(a->comment, b->comment);
	assert_true(column_eq(a, b));
	b->pos.line = 99;                   /* positions do not count */
	column_set_key_pos(b, CK_GT, (struct pos){ 200, 7000 });   /* a far one */
	assert_true(column_eq(a, b));

	b->nullable = TRI_TRUE;             /* column_eq is exact */
	assert_false(column_eq(a, b));
	b->nullable = TRI_UNSET;
	free(b->bound[BOUND_GT]);
	b->bound[BOUND_GT] = NULL;
	assert_false(column_eq(a, b));
	b->bound[BOUND_GT] = xstrdup("0");
	b->max_length = 4;
	assert_false(column_eq(a, b));
	b->max_length = -1;
	b->on_update = ACTION_RESTRICT;
	assert_false(column_eq(a, b));
	b->on_update = ACTION_NONE;
	b->was = xstrdup("years");
	assert_false(column_eq(a, b));
	free(b->was);
	b->was = NULL;
	assert_true(column_eq(a, b));
	column_free(a);
	column_free(b);
	column_free(NULL);
}

/* Packed key positions read back exactly, near or far from the first. */
static void test_column_key_pos(void **state)
{
	static const struct { enum column_key k; uint32_t line, col; } cases[] = {
		{ CK_TYPE, 10, 20 },            /* the first: the base line */
		{ CK_NULLABLE, 10, 1023 },      /* the widest packed column */
		{ CK_DEFAULT, 72, 1 },          /* the farthest packed line */
		{ CK_CHECK, 73, 5 },            /* one line too far */
		{ CK_COMMENT, 11, 1024 },       /* one column too wide */
		{ CK_WAS, 9, 3 },               /* before the base line */
		{ CK_GE, 4000000000u, 70000 },
	};
	struct column *c = column_new("c", "text"), *d;
	struct pos p;

	(void)state;
	for (int k = 0; k < CK_COUNT; k++)
		assert_int_equal(column_key_pos(c, k).line, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		column_set_key_pos(c, cases[i].k, (struct pos){ cases[i].line, cases[i].col });
	d = column_clone(c);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		p = column_key_pos(c, cases[i].k);
		assert_int_equal(p.line, cases[i].line);
		assert_int_equal(p.col, cases[i].col);
		p = column_key_pos(d, cases[i].k);
		assert_int_equal(p.line, cases[i].line);
		assert_int_equal(p.col, cases[i].col);
	}
	assert_int_equal(column_key_pos(c, CK_UNIQUE).line, 0);
	/* Overwriting a far one with a near one, and forgetting one. */
	column_set_key_pos(c, CK_CHECK, (struct pos){ 12, 2 });
	column_set_key_pos(c, CK_TYPE, (struct pos){ 0, 0 });
	p = column_key_pos(c, CK_CHECK);
	assert_int_equal(p.line, 12);
	assert_int_equal(p.col, 2);
	assert_int_equal(column_key_pos(c, CK_TYPE).line, 0);
	p = column_key_pos(d, CK_TYPE);
	assert_int_equal(p.line, 10);
	assert_int_equal(p.col, 20);
	column_free(c);
	column_free(d);
}

static void test_small_objects(void **state)
{
	struct index *ix = index_new("ix"), *ix2;
	struct check *ck = check_new("c", "a > 0"), *ck2;
	struct foreign_key *fk = foreign_key_new(), *fk2;
	struct unique *u = unique_new(), *u2;
	struct enum_type *e = enum_type_new("mood"), *e2;
	struct link *l = link_new(LINK_MANY_TO_MANY), *l2;
	struct sql_object *o = sql_object_new("v", "SELECT 1"), *o2;
	struct placement *p = placement_new("hero", 1, 2), *p2;

	(void)state;
	strlist_push(&ix->columns, "a");
	ix2 = index_clone(ix);
	assert_true(index_eq(ix, ix2));
	ix2->where = xstrdup("a > 0");
	assert_false(index_eq(ix, ix2));

	ck2 = check_clone(ck);
	ck2->pos.line = 4;
	assert_true(check_eq(ck, ck2));
	free(ck2->expr);
	ck2->expr = xstrdup("a >= 0");
	assert_false(check_eq(ck, ck2));

	strlist_push(&fk->columns, "x");
	fk->ref_table = xstrdup("t");
	strlist_push(&fk->ref_columns, "y");
	fk2 = foreign_key_clone(fk);
	assert_true(foreign_key_eq(fk, fk2));
	fk2->on_delete = ACTION_CASCADE;
	assert_false(foreign_key_eq(fk, fk2));

	strlist_push(&u->columns, "a");
	u2 = unique_clone(u);
	assert_true(unique_eq(u, u2));
	strlist_push(&u2->columns, "b");
	assert_false(unique_eq(u, u2));

	strlist_push(&e->values, "happy");
	e2 = enum_type_clone(e);
	assert_true(enum_type_eq(e, e2));
	strlist_push(&e2->values, "sad");
	assert_false(enum_type_eq(e, e2));

	l->field[LK_LEFT] = xstrdup("hero");
	l2 = link_clone(l);
	assert_true(link_eq(l, l2));
	l2->kind = LINK_ONE_TO_MANY;
	assert_false(link_eq(l, l2));
	l2->kind = LINK_MANY_TO_MANY;
	l2->field[LK_RIGHT_NAME] = xstrdup("x");
	assert_false(link_eq(l, l2));

	o2 = sql_object_clone(o);
	assert_true(sql_object_eq(o, o2));
	free(o2->name);
	o2->name = xstrdup("w");
	assert_false(sql_object_eq(o, o2));

	p2 = placement_clone(p);
	assert_true(placement_eq(p, p2));
	p2->y = 3;
	assert_false(placement_eq(p, p2));

	index_free(ix); index_free(ix2);
	check_free(ck); check_free(ck2);
	foreign_key_free(fk); foreign_key_free(fk2);
	unique_free(u); unique_free(u2);
	enum_type_free(e); enum_type_free(e2);
	link_free(l); link_free(l2);
	sql_object_free(o); sql_object_free(o2);
	placement_free(p); placement_free(p2);
}

static void test_plist(void **state)
{
	struct plist l = { NULL, 0, 0 };
	int v[5] = { 0, 1, 2, 3, 4 };

	(void)state;
	plist_push(&l, &v[1]);
	plist_push(&l, &v[3]);
	plist_insert(&l, 0, &v[0]);
	plist_insert(&l, 2, &v[2]);
	plist_insert(&l, 4, &v[4]);
	assert_int_equal(l.n, 5);
	for (int i = 0; i < 5; i++)
		assert_ptr_equal(l.items[i], &v[i]);
	plist_move(&l, 0, 4);        /* 1 2 3 4 0 */
	assert_ptr_equal(l.items[0], &v[1]);
	assert_ptr_equal(l.items[4], &v[0]);
	plist_move(&l, 4, 1);        /* 1 0 2 3 4 */
	assert_ptr_equal(l.items[1], &v[0]);
	assert_ptr_equal(l.items[2], &v[2]);
	plist_move(&l, 2, 2);
	assert_ptr_equal(l.items[2], &v[2]);
	assert_ptr_equal(plist_remove(&l, 1), &v[0]);
	assert_ptr_equal(plist_remove(&l, 3), &v[4]);
	assert_int_equal(l.n, 3);
	assert_ptr_equal(l.items[0], &v[1]);
	assert_ptr_equal(l.items[2], &v[3]);
	free(l.items);
}

static void test_table_helpers(void **state)
{
	struct table *t = table_new("hero"), *t2;
	struct column *id = pk_col("id", "integer");
	struct column *a = col("a", "text"), *b = col("b", "text");

	(void)state;
	table_add_column(t, id);
	table_add_column(t, a);
	table_add_column(t, b);
	assert_ptr_equal(table_column(t, "a"), a);
	assert_null(table_column(t, "A"));
	assert_null(table_column(t, NULL));
	assert_int_equal(table_column_index(t, "b"), 2);
	assert_int_equal(table_column_index(t, "zz"), -1);

	/* the nullability rule: explicit value, else not null in the key */
	assert_true(table_column_in_pk(t, id));
	assert_false(table_column_in_pk(t, a));
	assert_false(column_is_nullable(t, id));
	assert_true(column_is_nullable(t, a));
	id->nullable = TRI_TRUE;
	assert_true(column_is_nullable(t, id));
	a->nullable = TRI_FALSE;
	assert_false(column_is_nullable(t, a));
	id->nullable = TRI_UNSET;
	a->nullable = TRI_UNSET;
	strlist_push(&t->primary_key, "b");     /* composite key member */
	assert_true(table_column_in_pk(t, b));
	assert_false(column_is_nullable(t, b));
	b->nullable = TRI_TRUE;
	assert_true(column_is_nullable(t, b));

	t2 = table_clone(t);
	assert_true(table_eq(t, t2));
	assert_ptr_not_equal(t2->columns.items[0], t->columns.items[0]);
	PLIST_AT(&t2->columns, struct column, 0)->nullable = TRI_FALSE;  /* same effect */
	assert_true(table_eq(t, t2));
	PLIST_AT(&t2->columns, struct column, 1)->nullable = TRI_FALSE;  /* differs */
	assert_false(table_eq(t, t2));
	PLIST_AT(&t2->columns, struct column, 1)->nullable = TRI_UNSET;
	t2->without_rowid = true;
	assert_false(table_eq(t, t2));
	t2->without_rowid = false;
	plist_move(&t2->columns, 1, 2);         /* order matters */
	assert_false(table_eq(t, t2));
	table_free(t);
	table_free(t2);
	table_free(NULL);
}

/* ---- name index ---- */

static void test_name_index_basic(void **state)
{
	struct name_index ix;
	char a[] = "alpha", a2[] = "alpha";
	int x, y;

	(void)state;
	name_index_init(&ix);
	assert_null(name_index_get(&ix, "alpha"));
	name_index_del(&ix, "alpha");             /* harmless when empty */
	name_index_put(&ix, a, &x);
	assert_ptr_equal(name_index_get(&ix, "alpha"), &x);
	assert_null(name_index_get(&ix, "Alpha"));
	assert_null(name_index_get(&ix, NULL));
	name_index_put(&ix, a2, &y);              /* replaces, key too */
	assert_int_equal(ix.n, 1);
	assert_ptr_equal(name_index_get(&ix, "alpha"), &y);
	name_index_del(&ix, "beta");
	assert_int_equal(ix.n, 1);
	name_index_del(&ix, "alpha");
	assert_int_equal(ix.n, 0);
	assert_null(name_index_get(&ix, "alpha"));
	name_index_free(&ix);
	assert_int_equal(ix.cap, 0);
}

#define BIG 100000

static void test_name_index_100k(void **state)
{
	struct name_index ix;
	char **keys = xmalloc(BIG * sizeof *keys);
	size_t i;

	(void)state;
	name_index_init(&ix);
	for (i = 0; i < BIG; i++) {
		keys[i] = xasprintf("table_%zu", i);
		name_index_put(&ix, keys[i], keys[i]);
	}
	assert_int_equal(ix.n, BIG);
	assert_true(ix.cap >= 2 * BIG);
	assert_int_equal(ix.cap & (ix.cap - 1), 0);
	for (i = 0; i < BIG; i++)
		assert_ptr_equal(name_index_get(&ix, keys[i]), keys[i]);

	/* delete every third key: the rest must stay reachable */
	for (i = 0; i < BIG; i += 3)
		name_index_del(&ix, keys[i]);
	assert_int_equal(ix.n, BIG - (BIG + 2) / 3);
	for (i = 0; i < BIG; i++) {
		if (i % 3 == 0)
			assert_null(name_index_get(&ix, keys[i]));
		else
			assert_ptr_equal(name_index_get(&ix, keys[i]), keys[i]);
	}
	/* put them back, then empty the index completely */
	for (i = 0; i < BIG; i += 3)
		name_index_put(&ix, keys[i], keys[i]);
	assert_int_equal(ix.n, BIG);
	for (i = 0; i < BIG; i++)
		assert_ptr_equal(name_index_get(&ix, keys[i]), keys[i]);
	for (i = BIG; i-- > 0;)
		name_index_del(&ix, keys[i]);
	assert_int_equal(ix.n, 0);
	for (i = 0; i < ix.cap; i++)
		assert_null(ix.keys[i]);
	name_index_free(&ix);
	for (i = 0; i < BIG; i++)
		free(keys[i]);
	free(keys);
}

/* Many deletions in a small, crowded table, checked against a plain array:
 * exercises the backward shift across wrap-around clusters. */
static void test_name_index_churn(void **state)
{
	enum { N = 200 };
	struct name_index ix;
	char *keys[N];
	bool present[N] = { false };
	unsigned r = 12345;

	(void)state;
	name_index_init(&ix);
	for (int i = 0; i < N; i++)
		keys[i] = xasprintf("k%d", i);
	for (int step = 0; step < 20000; step++) {
		int k;

		r = r * 1103515245u + 12345u;
		k = (int)((r >> 8) % N);
		if (present[k])
			name_index_del(&ix, keys[k]);
		else
			name_index_put(&ix, keys[k], &present[k]);
		present[k] = !present[k];
		if (step % 97 == 0) {
			size_t count = 0;

			for (int i = 0; i < N; i++) {
				count += present[i];
				if (present[i])
					assert_ptr_equal(name_index_get(&ix, keys[i]), &present[i]);
				else
					assert_null(name_index_get(&ix, keys[i]));
			}
			assert_int_equal(ix.n, count);
		}
	}
	name_index_free(&ix);
	for (int i = 0; i < N; i++)
		free(keys[i]);
}

/* ---- model ---- */

static void test_model_new_free(void **state)
{
	struct model *m = model_new();

	(void)state;
	assert_int_equal(m->version, 1);
	assert_null(m->name);
	assert_int_equal(m->tables.n, 0);
	assert_null(model_table(m, "x"));
	assert_int_equal(model_table_index(m, "x"), -1);
	model_free(m);
	model_free(NULL);
}

static void test_model_clone_eq(void **state)
{
	struct model *m = sample_model(), *c = model_clone(m);
	struct table *hero;

	(void)state;
	assert_true(model_eq(m, c));
	assert_true(model_eq(c, m));
	hero = model_table(c, "hero");
	assert_non_null(hero);
	assert_ptr_not_equal(hero, model_table(m, "hero"));
	assert_ptr_equal(hero, c->tables.items[1]);

	/* positions are ignored */
	hero->pos.line = 12;
	PLIST_AT(&c->layout, struct placement, 0)->pos.col = 3;
	assert_true(model_eq(m, c));

	/* effective nullability: `nullable: false` on a key column is no change */
	PLIST_AT(&hero->columns, struct column, 0)->nullable = TRI_FALSE;
	assert_true(model_eq(m, c));
	PLIST_AT(&hero->columns, struct column, 0)->nullable = TRI_TRUE;
	assert_false(model_eq(m, c));
	PLIST_AT(&hero->columns, struct column, 0)->nullable = TRI_UNSET;
	PLIST_AT(&hero->columns, struct column, 1)->nullable = TRI_TRUE;  /* already nullable */
	assert_true(model_eq(m, c));

	free(c->name);
	c->name = NULL;
	assert_false(model_eq(m, c));
	c->name = xstrdup("heroes");
	assert_true(model_eq(m, c));
	PLIST_AT(&c->views, struct sql_object, 0)->sql[0] = 's';
	assert_false(model_eq(m, c));
	model_free(c);

	c = model_clone(m);
	plist_move(&c->tables, 0, 1);           /* order of tables matters */
	model_reindex(c);
	assert_false(model_eq(m, c));
	model_free(c);

	c = model_clone(m);
	c->version = 2;
	assert_false(model_eq(m, c));
	model_free(c);

	c = model_clone(m);
	PLIST_AT(&c->layout, struct placement, 0)->x = 11;
	assert_false(model_eq(m, c));
	model_free(c);

	c = model_clone(m);
	PLIST_AT(&c->links, struct link, 0)->field[LK_CHILD_NAME] = xstrdup("team");
	assert_false(model_eq(m, c));
	model_free(c);

	c = model_clone(m);
	strlist_push(&PLIST_AT(&c->enums, struct enum_type, 0)->values, "neutral");
	assert_false(model_eq(m, c));
	model_free(c);
	model_free(m);
}

static void test_model_lookups(void **state)
{
	struct model *m = sample_model();
	struct table *dup;

	(void)state;
	assert_string_equal(model_table(m, "team")->name, "team");
	assert_int_equal(model_table_index(m, "team"), 0);
	assert_int_equal(model_table_index(m, "hero"), 1);
	assert_null(model_table(m, "Hero"));
	assert_null(model_table(m, NULL));
	assert_string_equal(model_enum(m, "alignment")->name, "alignment");
	assert_null(model_enum(m, "mood"));
	assert_string_equal(model_view(m, "v_hero")->sql, "SELECT * FROM hero");
	assert_null(model_view(m, "t_hero"));
	assert_string_equal(model_trigger(m, "t_hero")->name, "t_hero");
	assert_null(model_trigger(m, "v_hero"));
	assert_int_equal(model_placement(m, "hero")->x, 10);
	assert_null(model_placement(m, "team"));

	/* a broken file may repeat a name: the first table is the one found */
	dup = table_new("team");
	model_add_table(m, dup);
	assert_ptr_equal(model_table(m, "team"), m->tables.items[0]);
	assert_int_equal(model_table_index(m, "team"), 0);

	/* tables edited directly, then reindexed */
	table_free(plist_remove(&m->tables, 0));
	model_reindex(m);
	assert_ptr_equal(model_table(m, "team"), dup);
	assert_int_equal(model_table_index(m, "team"), 1);
	free(dup->name);
	dup->name = xstrdup("crew");
	model_reindex(m);
	assert_null(model_table(m, "team"));
	assert_ptr_equal(model_table(m, "crew"), dup);
	model_free(m);
}

static void test_model_many_tables(void **state)
{
	enum { N = 20000 };
	struct model *m = model_new(), *c;
	char name[32];

	(void)state;
	for (int i = 0; i < N; i++) {
		struct table *t;

		snprintf(name, sizeof name, "t%05d", i);
		t = table_new(name);
		table_add_column(t, pk_col("id", "integer"));
		model_add_table(m, t);
	}
	for (int i = 0; i < N; i += 7) {
		snprintf(name, sizeof name, "t%05d", i);
		assert_ptr_equal(model_table(m, name), m->tables.items[i]);
	}
	c = model_clone(m);
	assert_true(model_eq(m, c));
	assert_int_equal(c->table_by_name.n, N);
	assert_ptr_equal(model_table(c, "t19999"), c->tables.items[N - 1]);
	model_free(c);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fk_actions),
		cmocka_unit_test(test_column_keys),
		cmocka_unit_test(test_table_keys),
		cmocka_unit_test(test_link_keys),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_column_new_clone_eq),
		cmocka_unit_test(test_column_key_pos),
		cmocka_unit_test(test_small_objects),
		cmocka_unit_test(test_plist),
		cmocka_unit_test(test_table_helpers),
		cmocka_unit_test(test_name_index_basic),
		cmocka_unit_test(test_name_index_100k),
		cmocka_unit_test(test_name_index_churn),
		cmocka_unit_test(test_model_new_free),
		cmocka_unit_test(test_model_clone_eq),
		cmocka_unit_test(test_model_lookups),
		cmocka_unit_test(test_model_many_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
