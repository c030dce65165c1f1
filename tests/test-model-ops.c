/* test-model-ops.c — primitive ops, groups and high-level edits: each is
 * applied, its result checked, undone (model_eq with a clone taken before)
 * and redone (model_eq with a clone taken after). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-ops.h"

/* ---- building models ---- */

static struct column *add_col(struct table *t, const char *name, const char *type)
{
	struct column *c = column_new(name, type);

	table_add_column(t, c);
	return c;
}

static struct column *add_ref(struct table *t, const char *name, const char *type,
			      const char *ref_table, const char *ref_column)
{
	struct column *c = add_col(t, name, type);

	c->ref_table = xstrdup(ref_table);
	c->ref_column = xstrdup(ref_column);
	return c;
}

static struct foreign_key *add_fk(struct table *t, const char *name, const char *cols,
				  const char *ref_table, const char *ref_cols)
{
	struct foreign_key *fk = foreign_key_new();
	char *s, *tok, *save;

	fk->name = xstrdup(name);
	s = xstrdup(cols);
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		strlist_push(&fk->columns, tok);
	free(s);
	s = xstrdup(ref_cols);
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		strlist_push(&fk->ref_columns, tok);
	free(s);
	fk->ref_table = xstrdup(ref_table);
	plist_push(&t->foreign_keys, fk);
	return fk;
}

static struct unique *add_unique(struct table *t, const char *a, const char *b)
{
	struct unique *u = unique_new();

	strlist_push(&u->columns, a);
	if (b)
		strlist_push(&u->columns, b);
	plist_push(&t->uniques, u);
	return u;
}

static struct index *add_index(struct table *t, const char *name, const char *a,
			       const char *b, const char *where)
{
	struct index *ix = index_new(name);

	strlist_push(&ix->columns, a);
	if (b)
		strlist_push(&ix->columns, b);
	ix->where = xstrdup(where);
	plist_push(&t->indexes, ix);
	return ix;
}

static struct link *add_link(struct model *m, enum link_kind kind, const char *a,
			     const char *b, const char *via_or_through)
{
	struct link *l = link_new(kind);

	if (kind == LINK_ONE_TO_MANY) {
		l->field[LK_PARENT] = xstrdup(a);
		l->field[LK_CHILD] = xstrdup(b);
		l->field[LK_VIA] = xstrdup(via_or_through);
	} else {
		l->field[LK_LEFT] = xstrdup(a);
		l->field[LK_RIGHT] = xstrdup(b);
		l->field[LK_THROUGH] = xstrdup(via_or_through);
	}
	plist_push(&m->links, l);
	return l;
}

/* The heroes model of DESIGN.md, plus a table with composite keys and at
 * least two items in every list, so that every op has room to work. */
static struct model *heroes(void)
{
	struct model *m = model_new();
	struct table *t;
	struct column *c;
	struct enum_type *e;

	m->name = xstrdup("heroes");
	e = enum_type_new("alignment");
	strlist_push(&e->values, "hero");
	strlist_push(&e->values, "villain");
	plist_push(&m->enums, e);
	e = enum_type_new("mood");
	strlist_push(&e->values, "calm");
	plist_push(&m->enums, e);

	t = table_new("team");                                  /* 0 */
	add_col(t, "id", "integer")->primary_key = true;
	c = add_col(t, "name", "varchar(100)");
	c->nullable = TRI_FALSE;
	c->index = true;
	add_col(t, "headquarters", "text");
	model_add_table(m, t);

	t = table_new("hero");                                  /* 1 */
	add_col(t, "id", "integer")->primary_key = true;
	add_col(t, "name", "varchar(100)")->nullable = TRI_FALSE;
	add_col(t, "secret_name", "text")->check = xstrdup("secret_name <> name");
	add_col(t, "age", "integer")->check = xstrdup("age >= 0");
	add_ref(t, "team_id", "integer", "team", "id")->on_delete = ACTION_SET_NULL;
	add_ref(t, "mentor_id", "integer", "hero", "id");
	add_unique(t, "name", "secret_name");
	add_unique(t, "secret_name", NULL);
	add_fk(t, "fk_team", "team_id", "team", "id");
	add_fk(t, "fk_mentor", "mentor_id", "hero", "id");
	add_index(t, "ix_hero_name_age", "name", "age", "name <> ''");
	add_index(t, "ix_hero_age", "age", NULL, NULL);
	plist_push(&t->checks, check_new("name_not_blank", "length(trim(name)) > 0"));
	plist_push(&t->checks, check_new("age_positive", "\"age\" > 0"));
	model_add_table(m, t);

	t = table_new("power");                                 /* 2 */
	add_col(t, "id", "integer")->primary_key = true;
	add_col(t, "name", "text")->unique = true;
	model_add_table(m, t);

	t = table_new("hero_power");                            /* 3 */
	c = add_ref(t, "hero_id", "integer", "hero", "id");
	c->primary_key = true;
	c->on_delete = ACTION_CASCADE;
	c = add_ref(t, "power_id", "integer", "power", "id");
	c->primary_key = true;
	c->on_delete = ACTION_CASCADE;
	model_add_table(m, t);

	t = table_new("mission");                               /* 4 */
	add_col(t, "code", "text");
	add_col(t, "hero_id", "integer");
	add_col(t, "hero_name", "varchar(100)");
	strlist_push(&t->primary_key, "code");
	strlist_push(&t->primary_key, "hero_name");
	add_fk(t, NULL, "hero_id,hero_name", "hero", "id,name");
	add_index(t, "ix_mission_hero", "hero_name", NULL, NULL);
	model_add_table(m, t);

	add_link(m, LINK_ONE_TO_MANY, "team", "hero", "team_id");
	add_link(m, LINK_MANY_TO_MANY, "hero", "power", "hero_power");
	plist_push(&m->views, sql_object_new("v_heroes", "SELECT name FROM hero"));
	plist_push(&m->views, sql_object_new("v_quiet",
		"SELECT 'hero' AS heroic, superhero, h.id /* hero */ FROM team -- hero\n"));
	plist_push(&m->triggers, sql_object_new("trg_hero",
		"CREATE TRIGGER trg_hero AFTER INSERT ON [hero] BEGIN SELECT 1; END"));
	plist_push(&m->triggers, sql_object_new("trg_team",
		"CREATE TRIGGER trg_team AFTER INSERT ON team BEGIN SELECT `name` FROM team; END"));
	plist_push(&m->layout, placement_new("team", 0, 0));
	plist_push(&m->layout, placement_new("hero", 20, 0));
	plist_push(&m->layout, placement_new("power", 40, 5));
	return m;
}

/* ---- checking ---- */

static void assert_index_ok(const struct model *m)
{
	assert_int_equal(m->table_by_name.n, m->tables.n);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		assert_ptr_equal(model_table(m, t->name), t);
	}
}

static struct op *apply_ok(struct model *m, struct op *op)
{
	struct diag_list dl;
	struct op *inv = NULL;

	diag_list_init(&dl);
	assert_int_equal(op_apply(m, op, &inv, &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_non_null(inv);
	diag_list_free(&dl);
	assert_index_ok(m);
	return inv;
}

/* m is in the state after an op whose inverse is inv; before is a clone
 * of the state before it.  Undo, compare, redo, compare, and undo again:
 * m ends as it was before the op. */
static void undo_redo(struct model *m, struct op *inv, const struct model *before)
{
	struct model *after = model_clone(m);
	struct op *redo, *inv2;

	assert_false(model_eq(before, after));
	redo = apply_ok(m, inv);
	assert_true(model_eq(m, before));
	inv2 = apply_ok(m, redo);
	assert_true(model_eq(m, after));
	redo = apply_ok(m, inv2);
	assert_true(model_eq(m, before));
	op_free(redo);
	model_free(after);
}

/* The op must fail with exactly one error, message msg, and change nothing. */
static void apply_fails(struct model *m, struct op *op, const char *msg)
{
	struct model *before = model_clone(m);
	struct diag_list dl;
	struct op *inv = (struct op *)1;

	diag_list_init(&dl);
	assert_int_equal(op_apply(m, op, &inv, &dl), -1);
	assert_null(inv);
	assert_int_equal(dl.n, 1);
	assert_int_equal(dl.errors, 1);
	assert_int_equal(dl.items[0].severity, SEV_ERROR);
	assert_string_equal(dl.items[0].message, msg);
	assert_true(model_eq(m, before));
	assert_index_ok(m);
	diag_list_free(&dl);
	model_free(before);
}

static struct table *tbl(const struct model *m, const char *name)
{
	struct table *t = model_table(m, name);

	assert_non_null(t);
	return t;
}

static struct column *colm(const struct model *m, const char *table, const char *name)
{
	struct column *c = table_column(tbl(m, table), name);

	assert_non_null(c);
	return c;
}

static void assert_strlist(const struct strlist *l, const char *a, const char *b)
{
	assert_int_equal(l->n, b ? 2 : 1);
	assert_string_equal(l->items[0], a);
	if (b)
		assert_string_equal(l->items[1], b);
}

/* ---- generic access to every list ---- */

static const enum op_list all_lists[] = {
	OL_TABLES, OL_ENUMS, OL_LINKS, OL_VIEWS, OL_TRIGGERS, OL_LAYOUT,
	OL_COLUMNS, OL_UNIQUES, OL_FOREIGN_KEYS, OL_INDEXES, OL_CHECKS,
};
#define N_LISTS (sizeof all_lists / sizeof all_lists[0])

static bool in_table(enum op_list l)
{
	return l >= OL_COLUMNS;
}

static struct plist *list_of(struct model *m, enum op_list l, const char *table)
{
	struct table *t = in_table(l) ? model_table(m, table) : NULL;

	switch (l) {
	case OL_TABLES: return &m->tables;
	case OL_ENUMS: return &m->enums;
	case OL_LINKS: return &m->links;
	case OL_VIEWS: return &m->views;
	case OL_TRIGGERS: return &m->triggers;
	case OL_LAYOUT: return &m->layout;
	case OL_COLUMNS: return &t->columns;
	case OL_UNIQUES: return &t->uniques;
	case OL_FOREIGN_KEYS: return &t->foreign_keys;
	case OL_INDEXES: return &t->indexes;
	case OL_CHECKS: return &t->checks;
	}
	return NULL;
}

/* A fresh item for list l, named (or keyed) by name. */
static void *make_item(enum op_list l, const char *name)
{
	switch (l) {
	case OL_TABLES: {
		struct table *t = table_new(name);

		add_col(t, "id", "integer")->primary_key = true;
		return t;
	}
	case OL_ENUMS: {
		struct enum_type *e = enum_type_new(name);

		strlist_push(&e->values, "x");
		return e;
	}
	case OL_LINKS: {
		struct link *k = link_new(LINK_ONE_TO_MANY);

		k->field[LK_PARENT] = xstrdup(name);
		k->field[LK_CHILD] = xstrdup("hero");
		return k;
	}
	case OL_VIEWS: return sql_object_new(name, "SELECT 1");
	case OL_TRIGGERS: return sql_object_new(name, "CREATE TRIGGER x");
	case OL_LAYOUT: return placement_new(name, 3, 4);
	case OL_COLUMNS: return column_new(name, "text");
	case OL_UNIQUES: {
		struct unique *u = unique_new();

		strlist_push(&u->columns, name);
		return u;
	}
	case OL_FOREIGN_KEYS: {
		struct foreign_key *fk = foreign_key_new();

		fk->name = xstrdup(name);
		strlist_push(&fk->columns, name);
		fk->ref_table = xstrdup("team");
		strlist_push(&fk->ref_columns, "id");
		return fk;
	}
	case OL_INDEXES: {
		struct index *ix = index_new(name);

		strlist_push(&ix->columns, name);
		return ix;
	}
	case OL_CHECKS: return check_new(name, "1 = 1");
	}
	return NULL;
}

static bool item_eq(enum op_list l, const void *a, const void *b)
{
	switch (l) {
	case OL_TABLES: return table_eq(a, b);
	case OL_ENUMS: return enum_type_eq(a, b);
	case OL_LINKS: return link_eq(a, b);
	case OL_VIEWS: case OL_TRIGGERS: return sql_object_eq(a, b);
	case OL_LAYOUT: return placement_eq(a, b);
	case OL_COLUMNS: return column_eq(a, b);
	case OL_UNIQUES: return unique_eq(a, b);
	case OL_FOREIGN_KEYS: return foreign_key_eq(a, b);
	case OL_INDEXES: return index_eq(a, b);
	case OL_CHECKS: return check_eq(a, b);
	}
	return false;
}

/* The name that must be unique in list l, or NULL. */
static const char *item_name(enum op_list l, const void *p)
{
	switch (l) {
	case OL_TABLES: return ((const struct table *)p)->name;
	case OL_ENUMS: return ((const struct enum_type *)p)->name;
	case OL_VIEWS: case OL_TRIGGERS: return ((const struct sql_object *)p)->name;
	case OL_LAYOUT: return ((const struct placement *)p)->table;
	case OL_COLUMNS: return ((const struct column *)p)->name;
	case OL_INDEXES: return ((const struct index *)p)->name;
	case OL_CHECKS: return ((const struct check *)p)->name;
	default: return NULL;
	}
}

static void *clone_item(enum op_list l, const void *p)
{
	switch (l) {
	case OL_TABLES: return table_clone(p);
	case OL_ENUMS: return enum_type_clone(p);
	case OL_LINKS: return link_clone(p);
	case OL_VIEWS: case OL_TRIGGERS: return sql_object_clone(p);
	case OL_LAYOUT: return placement_clone(p);
	case OL_COLUMNS: return column_clone(p);
	case OL_UNIQUES: return unique_clone(p);
	case OL_FOREIGN_KEYS: return foreign_key_clone(p);
	case OL_INDEXES: return index_clone(p);
	case OL_CHECKS: return check_clone(p);
	}
	return NULL;
}

static void free_item(enum op_list l, void *p)
{
	struct op *op = op_insert(l, NULL, 0, p);   /* op_free knows the kinds */

	op_free(op);
}

static const char *const what[] = {
	[OL_TABLES] = "table", [OL_ENUMS] = "enum", [OL_LINKS] = "link",
	[OL_VIEWS] = "view", [OL_TRIGGERS] = "trigger", [OL_LAYOUT] = "layout entry",
	[OL_COLUMNS] = "column", [OL_UNIQUES] = "unique constraint",
	[OL_FOREIGN_KEYS] = "foreign key", [OL_INDEXES] = "index", [OL_CHECKS] = "check",
};
static const char *const plural[] = {
	[OL_TABLES] = "tables", [OL_ENUMS] = "enums", [OL_LINKS] = "links",
	[OL_VIEWS] = "views", [OL_TRIGGERS] = "triggers", [OL_LAYOUT] = "layout entries",
	[OL_COLUMNS] = "columns", [OL_UNIQUES] = "unique constraints",
	[OL_FOREIGN_KEYS] = "foreign keys", [OL_INDEXES] = "indexes", [OL_CHECKS] = "checks",
};

static char *range_msg(enum op_list l, size_t at, size_t n)
{
	if (in_table(l))
		return xasprintf("%s position %zu out of range in table 'hero' (%zu %s)",
				 what[l], at, n, n == 1 ? what[l] : plural[l]);
	return xasprintf("%s position %zu out of range (%zu %s)", what[l], at, n,
			 n == 1 ? what[l] : plural[l]);
}

/* ---- primitives on every list ---- */

static void test_insert_every_list(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_LISTS; k++) {
		enum op_list l = all_lists[k];
		const char *tn = in_table(l) ? "hero" : NULL;
		struct model *m = heroes(), *before;
		struct plist *pl = list_of(m, l, tn);
		size_t n = pl->n;
		void *item = make_item(l, "fresh"), *copy = clone_item(l, item);
		struct op *inv;

		assert_true(n >= 2);
		/* in the middle */
		before = model_clone(m);
		inv = apply_ok(m, op_insert(l, tn, 1, item));
		pl = list_of(m, l, tn);
		assert_int_equal(pl->n, n + 1);
		assert_ptr_equal(pl->items[1], item);
		assert_true(item_eq(l, pl->items[1], copy));
		assert_int_equal(inv->kind, OP_REMOVE);
		assert_int_equal(inv->index, 1);
		undo_redo(m, inv, before);
		model_free(before);

		/* at the end */
		before = model_clone(m);
		inv = apply_ok(m, op_insert(l, tn, n, make_item(l, "last")));
		pl = list_of(m, l, tn);
		assert_int_equal(pl->n, n + 1);
		if (item_name(l, pl->items[n]))
			assert_string_equal(item_name(l, pl->items[n]), "last");
		undo_redo(m, inv, before);
		model_free(before);

		/* past the end */
		{
			char *msg = range_msg(l, n + 1, n);

			apply_fails(m, op_insert(l, tn, n + 1, make_item(l, "far")), msg);
			free(msg);
		}
		free_item(l, copy);
		model_free(m);
	}
}

static void test_remove_every_list(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_LISTS; k++) {
		enum op_list l = all_lists[k];
		const char *tn = in_table(l) ? "hero" : NULL;
		struct model *m = heroes(), *before = model_clone(m);
		struct plist *pl = list_of(m, l, tn);
		size_t n = pl->n;
		void *first = pl->items[0], *second = pl->items[1];
		void *copy = clone_item(l, first);
		struct op *inv;
		char *msg;

		inv = apply_ok(m, op_remove(l, tn, 0));
		pl = list_of(m, l, tn);
		assert_int_equal(pl->n, n - 1);
		assert_ptr_equal(pl->items[0], second);
		assert_int_equal(inv->kind, OP_INSERT);
		assert_int_equal(inv->index, 0);
		assert_ptr_equal(inv->item, first);   /* the very object, kept */
		assert_true(item_eq(l, inv->item, copy));
		undo_redo(m, inv, before);

		msg = range_msg(l, n, n);
		apply_fails(m, op_remove(l, tn, n), msg);
		free(msg);
		free_item(l, copy);
		model_free(before);
		model_free(m);
	}
}

static void test_move_every_list(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_LISTS; k++) {
		enum op_list l = all_lists[k];
		const char *tn = in_table(l) ? "hero" : NULL;
		struct model *m = heroes(), *before = model_clone(m);
		struct plist *pl = list_of(m, l, tn);
		size_t n = pl->n;
		void *first = pl->items[0], *second = pl->items[1];
		struct op *inv;
		char *msg;

		inv = apply_ok(m, op_move(l, tn, 0, n - 1));
		pl = list_of(m, l, tn);
		assert_int_equal(pl->n, n);
		assert_ptr_equal(pl->items[n - 1], first);
		assert_ptr_equal(pl->items[0], second);
		assert_int_equal(inv->kind, OP_MOVE);
		assert_int_equal(inv->index, n - 1);
		assert_int_equal(inv->to, 0);
		undo_redo(m, inv, before);

		msg = range_msg(l, n, n);
		apply_fails(m, op_move(l, tn, 0, n), msg);
		apply_fails(m, op_move(l, tn, n, 0), msg);
		free(msg);
		model_free(before);
		model_free(m);
	}
}

static void test_replace_every_list(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_LISTS; k++) {
		enum op_list l = all_lists[k];
		const char *tn = in_table(l) ? "hero" : NULL;
		struct model *m = heroes(), *before = model_clone(m);
		struct plist *pl = list_of(m, l, tn);
		size_t n = pl->n;
		void *old = pl->items[1], *item = make_item(l, "other");
		struct op *inv;
		char *msg;

		inv = apply_ok(m, op_replace(l, tn, 1, item));
		pl = list_of(m, l, tn);
		assert_int_equal(pl->n, n);
		assert_ptr_equal(pl->items[1], item);
		assert_int_equal(inv->kind, OP_REPLACE);
		assert_int_equal(inv->index, 1);
		assert_ptr_equal(inv->item, old);
		undo_redo(m, inv, before);

		msg = range_msg(l, n, n);
		apply_fails(m, op_replace(l, tn, n, make_item(l, "x")), msg);
		free(msg);
		model_free(before);
		model_free(m);
	}
}

static void test_unknown_table(void **state)
{
	struct model *m = heroes();

	(void)state;
	for (size_t k = 0; k < N_LISTS; k++) {
		enum op_list l = all_lists[k];

		if (!in_table(l))
			continue;
		apply_fails(m, op_insert(l, "villain", 0, make_item(l, "a")),
			    "unknown table 'villain'");
		apply_fails(m, op_remove(l, "villain", 0), "unknown table 'villain'");
		apply_fails(m, op_move(l, "villain", 0, 1), "unknown table 'villain'");
		apply_fails(m, op_replace(l, "villain", 0, make_item(l, "a")),
			    "unknown table 'villain'");
		apply_fails(m, op_remove(l, NULL, 0), "unknown table ''");
	}
	model_free(m);
}

static void test_name_collisions(void **state)
{
	static const struct {
		enum op_list l;
		const char *name;      /* taken, and not at index 0 */
		const char *msg;
	} cases[] = {
		{ OL_TABLES, "hero", "table 'hero' already exists" },
		{ OL_ENUMS, "mood", "enum 'mood' already exists" },
		{ OL_VIEWS, "v_quiet", "view 'v_quiet' already exists" },
		{ OL_TRIGGERS, "trg_team", "trigger 'trg_team' already exists" },
		{ OL_LAYOUT, "hero", "layout entry for table 'hero' already exists" },
		{ OL_COLUMNS, "age", "column 'hero.age' already exists" },
		{ OL_INDEXES, "ix_hero_age", "index 'hero.ix_hero_age' already exists" },
		{ OL_CHECKS, "age_positive", "check 'hero.age_positive' already exists" },
	};
	struct model *m = heroes(), *before;
	struct op *inv;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum op_list l = cases[i].l;
		const char *tn = in_table(l) ? "hero" : NULL;

		apply_fails(m, op_insert(l, tn, 0, make_item(l, cases[i].name)), cases[i].msg);
		apply_fails(m, op_replace(l, tn, 0, make_item(l, cases[i].name)), cases[i].msg);
		apply_fails(m, op_insert(l, tn, 0, make_item(l, "")),
			    in_table(l) ? (l == OL_COLUMNS ? "column without a name in table 'hero'" :
					   l == OL_INDEXES ? "index without a name in table 'hero'" :
					   "check without a name in table 'hero'") :
			    l == OL_TABLES ? "table without a name" :
			    l == OL_ENUMS ? "enum without a name" :
			    l == OL_VIEWS ? "view without a name" :
			    l == OL_TRIGGERS ? "trigger without a name" :
			    "layout entry without a name");
	}
	/* a name is free to stay where it is */
	before = model_clone(m);
	inv = apply_ok(m, op_replace(OL_COLUMNS, "hero", 3, column_new("age", "smallint")));
	assert_string_equal(colm(m, "hero", "age")->type, "smallint");
	undo_redo(m, inv, before);
	model_free(before);
	/* unnamed lists accept duplicates */
	before = model_clone(m);
	inv = apply_ok(m, op_insert(OL_UNIQUES, "hero", 0, make_item(OL_UNIQUES, "age")));
	op_free(apply_ok(m, op_insert(OL_UNIQUES, "hero", 0, make_item(OL_UNIQUES, "age"))));
	op_free(apply_ok(m, op_remove(OL_UNIQUES, "hero", 0)));
	undo_redo(m, inv, before);
	model_free(before);
	/* the item must be given */
	apply_fails(m, op_insert(OL_CHECKS, "hero", 0, NULL), "nothing to put into the checks");
	model_free(m);
}

static void test_tables_keep_index(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct table *hero = tbl(m, "hero"), *heroes_t;
	struct op *inv, *inv2;

	(void)state;
	/* replace with a renamed table: the old name disappears */
	heroes_t = table_clone(hero);
	free(heroes_t->name);
	heroes_t->name = xstrdup("heroes");
	inv = apply_ok(m, op_replace(OL_TABLES, NULL, 1, heroes_t));
	assert_null(model_table(m, "hero"));
	assert_ptr_equal(model_table(m, "heroes"), heroes_t);
	assert_ptr_equal(inv->item, hero);
	/* sub-list ops now find it under its new name only */
	apply_fails(m, op_remove(OL_COLUMNS, "hero", 0), "unknown table 'hero'");
	inv2 = apply_ok(m, op_remove(OL_COLUMNS, "heroes", 0));
	op_free(apply_ok(m, inv2));
	undo_redo(m, inv, before);

	/* remove and insert */
	inv = apply_ok(m, op_remove(OL_TABLES, NULL, 0));
	assert_null(model_table(m, "team"));
	assert_int_equal(model_table_index(m, "hero"), 0);
	undo_redo(m, inv, before);
	inv = apply_ok(m, op_insert(OL_TABLES, NULL, 0, make_item(OL_TABLES, "villain")));
	assert_int_equal(model_table_index(m, "villain"), 0);
	assert_int_equal(model_table_index(m, "team"), 1);
	undo_redo(m, inv, before);

	/* a table cannot take the name of another one by replacement */
	heroes_t = table_clone(hero);
	free(heroes_t->name);
	heroes_t->name = xstrdup("team");
	apply_fails(m, op_replace(OL_TABLES, NULL, 1, heroes_t), "table 'team' already exists");
	model_free(before);
	model_free(m);
}

static void test_set_name(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct op *inv;

	(void)state;
	inv = apply_ok(m, op_set_name("legends"));
	assert_string_equal(m->name, "legends");
	assert_string_equal(inv->label, "rename model to legends");
	assert_string_equal(inv->text, "heroes");
	undo_redo(m, inv, before);
	inv = apply_ok(m, op_set_name(NULL));
	assert_null(m->name);
	assert_string_equal(inv->label, "clear model name");
	undo_redo(m, inv, before);
	model_free(before);
	model_free(m);
}

static void test_default_labels(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct op *inv, *redo, *op;

	(void)state;
	inv = apply_ok(m, op_insert(OL_COLUMNS, "hero", 4, column_new("power", "text")));
	assert_string_equal(inv->label, "add column hero.power");
	redo = apply_ok(m, inv);
	assert_string_equal(redo->label, "add column hero.power");
	op_free(redo);

	op = op_remove(OL_TABLES, NULL, 2);
	assert_null(op->label);
	inv = apply_ok(m, op);
	assert_string_equal(inv->label, "remove table power");
	op_free(apply_ok(m, inv));

	inv = apply_ok(m, op_move(OL_INDEXES, "hero", 0, 1));
	assert_string_equal(inv->label, "move index hero.ix_hero_name_age");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_replace(OL_CHECKS, "hero", 0, check_new("c", "1")));
	assert_string_equal(inv->label, "modify check hero.c");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_UNIQUES, "hero", 0));
	assert_string_equal(inv->label, "remove unique constraint hero(name, secret_name)");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_FOREIGN_KEYS, "mission", 0));
	assert_string_equal(inv->label, "remove foreign key mission(hero_id, hero_name)");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_LINKS, NULL, 1));
	assert_string_equal(inv->label, "remove link hero-power");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_LAYOUT, NULL, 1));
	assert_string_equal(inv->label, "remove layout entry of hero");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_ENUMS, NULL, 1));
	assert_string_equal(inv->label, "remove enum mood");
	op_free(apply_ok(m, inv));
	inv = apply_ok(m, op_remove(OL_VIEWS, NULL, 1));
	assert_string_equal(inv->label, "remove view v_quiet");
	op_free(apply_ok(m, inv));

	/* a label given by the caller is kept */
	op = op_remove(OL_TRIGGERS, NULL, 0);
	op->label = xstrdup("drop the trigger");
	inv = apply_ok(m, op);
	assert_string_equal(inv->label, "drop the trigger");
	op_free(apply_ok(m, inv));
	assert_true(model_eq(m, before));
	model_free(before);
	model_free(m);
}

/* ---- groups ---- */

static void test_group(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct table *renamed = table_clone(tbl(m, "hero"));
	struct op *g = op_group("several things"), *inner = op_group("inner"), *inv;

	(void)state;
	free(renamed->name);
	renamed->name = xstrdup("heroes");
	/* later members see the effect of earlier ones: the new table name */
	op_group_add(g, op_replace(OL_TABLES, NULL, 1, renamed));
	op_group_add(g, op_insert(OL_COLUMNS, "heroes", 0, column_new("uuid", "uuid")));
	op_group_add(inner, op_move(OL_COLUMNS, "heroes", 0, 2));
	op_group_add(inner, op_set_name("legends"));
	op_group_add(g, inner);
	op_group_add(g, op_remove(OL_LAYOUT, NULL, 0));
	assert_int_equal(g->n_ops, 4);

	inv = apply_ok(m, g);
	assert_int_equal(inv->kind, OP_GROUP);
	assert_string_equal(inv->label, "several things");
	assert_int_equal(inv->n_ops, 4);
	assert_int_equal(inv->ops[0]->kind, OP_INSERT);    /* undo of the layout removal */
	assert_int_equal(inv->ops[3]->kind, OP_REPLACE);
	assert_int_equal(inv->ops[1]->kind, OP_GROUP);
	assert_int_equal(inv->ops[1]->ops[0]->kind, OP_SET_NAME);
	assert_string_equal(m->name, "legends");
	assert_int_equal(table_column_index(tbl(m, "heroes"), "uuid"), 2);
	assert_int_equal(table_column_index(tbl(m, "heroes"), "id"), 0);
	assert_int_equal(m->layout.n, 2);
	undo_redo(m, inv, before);

	/* an empty group is a valid no-op */
	inv = apply_ok(m, op_group("nothing"));
	assert_int_equal(inv->n_ops, 0);
	op_free(apply_ok(m, inv));
	assert_true(model_eq(m, before));
	model_free(before);
	model_free(m);
}

static void test_group_rollback(void **state)
{
	struct model *m = heroes();
	struct op *g = op_group("doomed"), *inner = op_group("inner");

	(void)state;
	op_group_add(g, op_set_name("other"));
	op_group_add(g, op_insert(OL_COLUMNS, "hero", 0, column_new("a", "text")));
	op_group_add(g, op_remove(OL_TABLES, NULL, 0));
	op_group_add(inner, op_move(OL_LINKS, NULL, 0, 1));
	op_group_add(inner, op_insert(OL_COLUMNS, "hero", 1, column_new("name", "text")));
	op_group_add(g, inner);
	op_group_add(g, op_remove(OL_VIEWS, NULL, 0));    /* never reached */
	apply_fails(m, g, "column 'hero.name' already exists");

	g = op_group("doomed too");
	op_group_add(g, op_remove(OL_TABLES, NULL, 4));
	op_group_add(g, op_insert(OL_COLUMNS, "mission", 0, column_new("a", "text")));
	apply_fails(m, g, "unknown table 'mission'");

	g = op_group("out of range");
	op_group_add(g, op_move(OL_TABLES, NULL, 0, 4));
	op_group_add(g, op_remove(OL_LAYOUT, NULL, 3));
	apply_fails(m, g, "layout entry position 3 out of range (3 layout entries)");
	model_free(m);
}

/* ---- renaming tables ---- */

static void assert_diag(const struct diag_list *dl, size_t i, enum severity sev,
			const char *msg)
{
	assert_true(i < dl->n);
	assert_int_equal(dl->items[i].severity, sev);
	assert_string_equal(dl->items[i].message, msg);
}

static void test_rename_table(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *op, *inv;
	struct table *t;

	(void)state;
	diag_list_init(&dl);
	op = edit_rename_table(m, "hero", "heroes", &dl);
	assert_non_null(op);
	assert_string_equal(op->label, "rename table hero to heroes");
	/* SQL text is left alone, and said so; word boundaries, strings and
	 * comments are respected (v_quiet mentions only heroic, superhero...) */
	assert_int_equal(dl.n, 2);
	assert_int_equal(dl.errors, 0);
	assert_diag(&dl, 0, SEV_WARNING,
		    "view 'v_heroes' mentions 'hero'; its SQL text was left as written");
	assert_diag(&dl, 1, SEV_WARNING,
		    "trigger 'trg_hero' mentions 'hero'; its SQL text was left as written");
	diag_list_free(&dl);

	inv = apply_ok(m, op);
	assert_string_equal(inv->label, "rename table hero to heroes");
	assert_null(model_table(m, "hero"));
	t = tbl(m, "heroes");
	assert_int_equal(model_table_index(m, "heroes"), 1);
	assert_string_equal(t->was, "hero");
	assert_string_equal(colm(m, "heroes", "mentor_id")->ref_table, "heroes");
	assert_string_equal(colm(m, "heroes", "team_id")->ref_table, "team");
	assert_string_equal(PLIST_AT(&t->foreign_keys, struct foreign_key, 1)->ref_table, "heroes");
	assert_string_equal(PLIST_AT(&t->foreign_keys, struct foreign_key, 0)->ref_table, "team");
	assert_string_equal(colm(m, "hero_power", "hero_id")->ref_table, "heroes");
	assert_string_equal(colm(m, "hero_power", "power_id")->ref_table, "power");
	assert_string_equal(PLIST_AT(&tbl(m, "mission")->foreign_keys, struct foreign_key, 0)->ref_table,
			    "heroes");
	assert_string_equal(PLIST_AT(&m->links, struct link, 0)->field[LK_CHILD], "heroes");
	assert_string_equal(PLIST_AT(&m->links, struct link, 0)->field[LK_PARENT], "team");
	assert_string_equal(PLIST_AT(&m->links, struct link, 1)->field[LK_LEFT], "heroes");
	assert_string_equal(PLIST_AT(&m->layout, struct placement, 1)->table, "heroes");
	assert_string_equal(PLIST_AT(&m->views, struct sql_object, 0)->sql, "SELECT name FROM hero");
	assert_null(tbl(m, "team")->was);
	undo_redo(m, inv, before);

	/* a second rename keeps the earliest name */
	diag_list_init(&dl);
	op_free(apply_ok(m, edit_rename_table(m, "hero", "heroes", &dl)));
	diag_list_free(&dl);
	diag_list_init(&dl);
	inv = apply_ok(m, edit_rename_table(m, "heroes", "champions", &dl));
	assert_int_equal(dl.n, 0);                      /* nothing says 'heroes' */
	assert_string_equal(tbl(m, "champions")->was, "hero");
	op_free(inv);
	/* and renaming back to it forgets the rename */
	inv = apply_ok(m, edit_rename_table(m, "champions", "hero", &dl));
	op_free(inv);
	assert_null(tbl(m, "hero")->was);
	assert_true(model_eq(m, before));
	diag_list_free(&dl);

	/* a table of a model without references: just the REPLACE */
	diag_list_init(&dl);
	op = edit_rename_table(m, "power", "ability", &dl);
	assert_int_equal(dl.n, 0);
	inv = apply_ok(m, op);
	assert_string_equal(colm(m, "hero_power", "power_id")->ref_table, "ability");
	assert_string_equal(PLIST_AT(&m->links, struct link, 1)->field[LK_RIGHT], "ability");
	assert_string_equal(PLIST_AT(&m->layout, struct placement, 2)->table, "ability");
	undo_redo(m, inv, before);
	/* the link table of a many-to-many */
	inv = apply_ok(m, edit_rename_table(m, "hero_power", "powers_of_heroes", &dl));
	assert_string_equal(PLIST_AT(&m->links, struct link, 1)->field[LK_THROUGH],
			    "powers_of_heroes");
	undo_redo(m, inv, before);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

static void test_rename_table_errors(void **state)
{
	struct model *m = heroes();
	struct diag_list dl;
	struct op *op, *inv;

	(void)state;
	diag_list_init(&dl);
	assert_null(edit_rename_table(m, "villain", "x", &dl));
	assert_null(edit_rename_table(m, "hero", "team", &dl));
	assert_null(edit_rename_table(m, "hero", "", &dl));
	assert_int_equal(dl.errors, 3);
	assert_diag(&dl, 0, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 1, SEV_ERROR, "table 'team' already exists");
	assert_diag(&dl, 2, SEV_ERROR, "table name must not be empty");
	/* to its own name: an empty group */
	op = edit_rename_table(m, "team", "team", &dl);
	assert_int_equal(op->n_ops, 0);
	inv = apply_ok(m, op);
	op_free(inv);
	assert_int_equal(dl.n, 3);
	diag_list_free(&dl);
	model_free(m);
}

/* ---- renaming columns ---- */

static void test_rename_column(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *op, *inv;
	struct table *hero, *mission;

	(void)state;
	diag_list_init(&dl);
	op = edit_rename_column(m, "hero", "name", "title", &dl);
	assert_non_null(op);
	assert_string_equal(op->label, "rename column hero.name to title");
	assert_int_equal(dl.n, 5);
	assert_int_equal(dl.warnings, 5);
	assert_diag(&dl, 0, SEV_WARNING, "check of column 'hero.secret_name' mentions 'name'; "
		    "its SQL text was left as written");
	assert_diag(&dl, 1, SEV_WARNING, "index 'hero.ix_hero_name_age' mentions 'name'; "
		    "its SQL text was left as written");
	assert_diag(&dl, 2, SEV_WARNING, "check 'hero.name_not_blank' mentions 'name'; "
		    "its SQL text was left as written");
	assert_diag(&dl, 3, SEV_WARNING, "view 'v_heroes' mentions 'name'; "
		    "its SQL text was left as written");
	assert_diag(&dl, 4, SEV_WARNING, "trigger 'trg_team' mentions 'name'; "
		    "its SQL text was left as written");
	diag_list_free(&dl);

	inv = apply_ok(m, op);
	hero = tbl(m, "hero");
	assert_int_equal(table_column_index(hero, "title"), 1);
	assert_int_equal(table_column_index(hero, "name"), -1);
	assert_string_equal(colm(m, "hero", "title")->was, "name");
	assert_strlist(&PLIST_AT(&hero->uniques, struct unique, 0)->columns, "title", "secret_name");
	assert_strlist(&PLIST_AT(&hero->indexes, struct index, 0)->columns, "title", "age");
	assert_string_equal(PLIST_AT(&hero->indexes, struct index, 0)->where, "name <> ''");
	assert_string_equal(PLIST_AT(&hero->checks, struct check, 0)->expr,
			    "length(trim(name)) > 0");
	mission = tbl(m, "mission");
	assert_strlist(&PLIST_AT(&mission->foreign_keys, struct foreign_key, 0)->ref_columns,
		       "id", "title");
	assert_strlist(&PLIST_AT(&mission->foreign_keys, struct foreign_key, 0)->columns,
		       "hero_id", "hero_name");
	/* other tables' columns called `name` are not touched */
	assert_non_null(table_column(tbl(m, "team"), "name"));
	assert_non_null(table_column(tbl(m, "power"), "name"));
	undo_redo(m, inv, before);

	/* renaming back clears `was`; renaming twice keeps the first name */
	diag_list_init(&dl);
	op_free(apply_ok(m, edit_rename_column(m, "hero", "name", "title", &dl)));
	op_free(apply_ok(m, edit_rename_column(m, "hero", "title", "label", &dl)));
	assert_string_equal(colm(m, "hero", "label")->was, "name");
	op_free(apply_ok(m, edit_rename_column(m, "hero", "label", "name", &dl)));
	assert_null(colm(m, "hero", "name")->was);
	assert_true(model_eq(m, before));
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

static void test_rename_referenced_column(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *inv;
	struct table *hero;

	(void)state;
	diag_list_init(&dl);
	/* hero.id: referenced from hero itself, hero_power and mission */
	inv = apply_ok(m, edit_rename_column(m, "hero", "id", "hero_key", &dl));
	assert_int_equal(dl.n, 1);      /* h.id in v_quiet: a false alarm, but said */
	assert_diag(&dl, 0, SEV_WARNING, "view 'v_quiet' mentions 'id'; "
		    "its SQL text was left as written");
	hero = tbl(m, "hero");
	assert_string_equal(colm(m, "hero", "hero_key")->was, "id");
	assert_string_equal(colm(m, "hero", "mentor_id")->ref_column, "hero_key");
	assert_strlist(&PLIST_AT(&hero->foreign_keys, struct foreign_key, 1)->ref_columns,
		       "hero_key", NULL);
	assert_strlist(&PLIST_AT(&hero->foreign_keys, struct foreign_key, 0)->ref_columns,
		       "id", NULL);    /* that one references team.id */
	assert_string_equal(colm(m, "hero", "team_id")->ref_column, "id");
	assert_string_equal(colm(m, "hero_power", "hero_id")->ref_column, "hero_key");
	assert_string_equal(colm(m, "hero_power", "power_id")->ref_column, "id");
	assert_strlist(&PLIST_AT(&tbl(m, "mission")->foreign_keys, struct foreign_key, 0)->ref_columns,
		       "hero_key", "name");
	assert_string_equal(colm(m, "team", "id")->name, "id");
	undo_redo(m, inv, before);
	diag_list_free(&dl);

	/* hero.team_id: the link's via and the table's own foreign key */
	diag_list_init(&dl);
	inv = apply_ok(m, edit_rename_column(m, "hero", "team_id", "squad_id", &dl));
	assert_int_equal(dl.n, 0);
	assert_string_equal(PLIST_AT(&m->links, struct link, 0)->field[LK_VIA], "squad_id");
	assert_strlist(&PLIST_AT(&tbl(m, "hero")->foreign_keys, struct foreign_key, 0)->columns,
		       "squad_id", NULL);
	undo_redo(m, inv, before);

	/* mission.hero_name: a composite primary key, an index, a foreign key */
	inv = apply_ok(m, edit_rename_column(m, "mission", "hero_name", "alias", &dl));
	assert_int_equal(dl.n, 0);
	assert_strlist(&tbl(m, "mission")->primary_key, "code", "alias");
	assert_strlist(&PLIST_AT(&tbl(m, "mission")->foreign_keys, struct foreign_key, 0)->columns,
		       "hero_id", "alias");
	assert_strlist(&PLIST_AT(&tbl(m, "mission")->indexes, struct index, 0)->columns,
		       "alias", NULL);
	assert_false(column_is_nullable(tbl(m, "mission"), colm(m, "mission", "alias")));
	undo_redo(m, inv, before);

	/* a quoted identifier counts: "age" in the check age_positive */
	inv = apply_ok(m, edit_rename_column(m, "hero", "age", "years", &dl));
	assert_int_equal(dl.n, 2);
	assert_diag(&dl, 0, SEV_WARNING, "check of column 'hero.age' mentions 'age'; "
		    "its SQL text was left as written");
	assert_diag(&dl, 1, SEV_WARNING, "check 'hero.age_positive' mentions 'age'; "
		    "its SQL text was left as written");
	undo_redo(m, inv, before);
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

static void test_rename_column_errors(void **state)
{
	struct model *m = heroes();
	struct diag_list dl;
	struct op *op;

	(void)state;
	diag_list_init(&dl);
	assert_null(edit_rename_column(m, "villain", "id", "x", &dl));
	assert_null(edit_rename_column(m, "hero", "nope", "x", &dl));
	assert_null(edit_rename_column(m, "hero", "name", "age", &dl));
	assert_null(edit_rename_column(m, "hero", "name", "", &dl));
	assert_int_equal(dl.n, 4);
	assert_diag(&dl, 0, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 1, SEV_ERROR, "unknown column 'hero.nope'");
	assert_diag(&dl, 2, SEV_ERROR, "column 'hero.age' already exists");
	assert_diag(&dl, 3, SEV_ERROR, "column name must not be empty");
	op = edit_rename_column(m, "hero", "name", "name", &dl);
	assert_int_equal(op->n_ops, 0);
	op_free(op);
	diag_list_free(&dl);
	model_free(m);
}

/* ---- removing tables, modifying columns ---- */

static void test_remove_table(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *op, *inv;

	(void)state;
	diag_list_init(&dl);
	op = edit_remove_table(m, "hero", false, &dl);
	assert_string_equal(op->label, "remove table hero");
	assert_int_equal(dl.n, 2);
	assert_diag(&dl, 0, SEV_WARNING,
		    "view 'v_heroes' mentions 'hero'; its SQL text was left as written");
	inv = apply_ok(m, op);
	assert_null(model_table(m, "hero"));
	assert_int_equal(m->tables.n, 4);
	assert_int_equal(m->links.n, 0);
	assert_int_equal(m->layout.n, 2);
	assert_null(model_placement(m, "hero"));
	/* references are left for model_check to report */
	assert_string_equal(colm(m, "hero_power", "hero_id")->ref_table, "hero");
	assert_int_equal(tbl(m, "mission")->foreign_keys.n, 1);
	undo_redo(m, inv, before);
	diag_list_free(&dl);

	diag_list_init(&dl);
	inv = apply_ok(m, edit_remove_table(m, "hero", true, &dl));
	assert_null(colm(m, "hero_power", "hero_id")->ref_table);
	assert_null(colm(m, "hero_power", "hero_id")->ref_column);
	assert_int_equal(colm(m, "hero_power", "hero_id")->on_delete, ACTION_NONE);
	assert_string_equal(colm(m, "hero_power", "power_id")->ref_table, "power");
	assert_int_equal(tbl(m, "mission")->foreign_keys.n, 0);
	assert_int_equal(m->tables.n, 4);
	undo_redo(m, inv, before);

	/* a table no one names */
	inv = apply_ok(m, edit_remove_table(m, "mission", true, &dl));
	assert_int_equal(m->tables.n, 4);
	assert_int_equal(m->links.n, 2);
	undo_redo(m, inv, before);
	diag_list_free(&dl);

	diag_list_init(&dl);
	assert_null(edit_remove_table(m, "villain", false, &dl));
	assert_int_equal(dl.n, 1);
	assert_diag(&dl, 0, SEV_ERROR, "unknown table 'villain'");
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

static void test_modify_column(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct column *c;
	struct op *op, *inv;

	(void)state;
	diag_list_init(&dl);
	c = column_clone(colm(m, "hero", "age"));
	free(c->type);
	c->type = xstrdup("smallint");
	c->nullable = TRI_FALSE;
	c->bound[BOUND_LT] = xstrdup("200");
	op = edit_modify_column(m, "hero", "age", c, &dl);
	assert_string_equal(op->label, "modify column hero.age");
	inv = apply_ok(m, op);
	assert_ptr_equal(colm(m, "hero", "age"), c);
	assert_string_equal(c->type, "smallint");
	assert_false(column_is_nullable(tbl(m, "hero"), c));
	assert_string_equal(inv->label, "modify column hero.age");
	undo_redo(m, inv, before);
	assert_int_equal(dl.n, 0);

	/* with a new name, references follow and `was` records it */
	c = column_clone(colm(m, "hero", "id"));
	free(c->name);
	c->name = xstrdup("hero_key");
	c->comment = xstrdup("the key");
	inv = apply_ok(m, edit_modify_column(m, "hero", "id", c, &dl));
	assert_string_equal(inv->label, "modify column hero.id");
	c = colm(m, "hero", "hero_key");
	assert_string_equal(c->was, "id");
	assert_string_equal(c->comment, "the key");
	assert_int_equal(table_column_index(tbl(m, "hero"), "hero_key"), 0);
	assert_string_equal(colm(m, "hero_power", "hero_id")->ref_column, "hero_key");
	undo_redo(m, inv, before);
	diag_list_free(&dl);

	diag_list_init(&dl);
	assert_null(edit_modify_column(m, "villain", "id", column_new("id", "integer"), &dl));
	assert_null(edit_modify_column(m, "hero", "nope", column_new("id", "integer"), &dl));
	assert_null(edit_modify_column(m, "hero", "id", column_new("age", "integer"), &dl));
	assert_null(edit_modify_column(m, "hero", "id", column_new("", "integer"), &dl));
	assert_int_equal(dl.n, 4);
	assert_diag(&dl, 0, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 1, SEV_ERROR, "unknown column 'hero.nope'");
	assert_diag(&dl, 2, SEV_ERROR, "column 'hero.age' already exists");
	assert_diag(&dl, 3, SEV_ERROR, "column name must not be empty");
	assert_true(model_eq(m, before));
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

/* ---- links ---- */

static void test_add_one_to_many(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *op, *inv;
	struct column *c;
	struct link *l;

	(void)state;
	diag_list_init(&dl);
	op = edit_add_one_to_many(m, "team", "power", NULL, NULL, NULL, &dl);
	assert_non_null(op);
	assert_string_equal(op->label, "add one-to-many link team-power");
	inv = apply_ok(m, op);
	assert_int_equal(tbl(m, "power")->columns.n, 3);
	c = PLIST_AT(&tbl(m, "power")->columns, struct column, 2);
	assert_string_equal(c->name, "team_id");
	assert_string_equal(c->type, "integer");
	assert_string_equal(c->ref_table, "team");
	assert_string_equal(c->ref_column, "id");
	assert_true(column_is_nullable(tbl(m, "power"), c));
	assert_false(c->primary_key);
	assert_int_equal(m->links.n, 3);
	l = PLIST_AT(&m->links, struct link, 2);
	assert_int_equal(l->kind, LINK_ONE_TO_MANY);
	assert_string_equal(l->field[LK_PARENT], "team");
	assert_string_equal(l->field[LK_CHILD], "power");
	assert_string_equal(l->field[LK_VIA], "team_id");
	assert_string_equal(l->field[LK_PARENT_NAME], "powers");
	assert_string_equal(l->field[LK_CHILD_NAME], "team");
	assert_null(l->field[LK_LEFT]);
	undo_redo(m, inv, before);

	/* names given; the pk type is copied as written */
	free(colm(m, "hero", "id")->type);
	colm(m, "hero", "id")->type = xstrdup("bigint");
	model_free(before);
	before = model_clone(m);
	inv = apply_ok(m, edit_add_one_to_many(m, "hero", "mission", "leader",
					       "led_missions", "leader", &dl));
	c = colm(m, "mission", "leader");
	assert_string_equal(c->type, "bigint");
	assert_string_equal(c->ref_table, "hero");
	l = PLIST_AT(&m->links, struct link, 2);
	assert_string_equal(l->field[LK_VIA], "leader");
	assert_string_equal(l->field[LK_PARENT_NAME], "led_missions");
	assert_string_equal(l->field[LK_CHILD_NAME], "leader");
	undo_redo(m, inv, before);

	/* the via column exists and already references the parent: link only */
	inv = apply_ok(m, edit_add_one_to_many(m, "hero", "hero", "mentor_id",
					       "pupils", "mentor", &dl));
	assert_int_equal(tbl(m, "hero")->columns.n, 6);
	assert_int_equal(inv->n_ops, 1);
	undo_redo(m, inv, before);

	/* the via column exists without a reference: it gets one */
	inv = apply_ok(m, edit_add_one_to_many(m, "hero", "mission", "hero_id", NULL, NULL, &dl));
	c = colm(m, "mission", "hero_id");
	assert_string_equal(c->ref_table, "hero");
	assert_string_equal(c->ref_column, "id");
	assert_string_equal(c->type, "integer");     /* kept as it was */
	assert_int_equal(tbl(m, "mission")->columns.n, 3);
	undo_redo(m, inv, before);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);

	diag_list_init(&dl);
	assert_null(edit_add_one_to_many(m, "villain", "hero", NULL, NULL, NULL, &dl));
	assert_null(edit_add_one_to_many(m, "team", "villain", NULL, NULL, NULL, &dl));
	assert_null(edit_add_one_to_many(m, "hero_power", "team", NULL, NULL, NULL, &dl));
	assert_null(edit_add_one_to_many(m, "mission", "team", NULL, NULL, NULL, &dl));
	assert_null(edit_add_one_to_many(m, "power", "hero", "team_id", NULL, NULL, &dl));
	assert_null(edit_add_one_to_many(m, "team", "hero", NULL, NULL, NULL, &dl));
	assert_int_equal(dl.n, 6);
	assert_diag(&dl, 0, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 1, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 2, SEV_ERROR, "table 'hero_power' has no single-column primary key");
	assert_diag(&dl, 3, SEV_ERROR, "table 'mission' has no single-column primary key");
	assert_diag(&dl, 4, SEV_ERROR,
		    "column 'hero.team_id' already references 'team.id', not 'power.id'");
	assert_diag(&dl, 5, SEV_ERROR,
		    "one-to-many link from 'team' to 'hero' via 'team_id' already exists");
	assert_true(model_eq(m, before));
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

static void test_add_many_to_many(void **state)
{
	struct model *m = heroes(), *before = model_clone(m);
	struct diag_list dl;
	struct op *op, *inv;
	struct table *t;
	struct column *c;
	struct link *l;

	(void)state;
	diag_list_init(&dl);
	op = edit_add_many_to_many(m, "power", "team", NULL, NULL, NULL, &dl);
	assert_string_equal(op->label, "add many-to-many link power-team");
	inv = apply_ok(m, op);
	/* after the right-most of the two: power is at 2, team at 0 */
	assert_int_equal(model_table_index(m, "power_team"), 3);
	assert_int_equal(model_table_index(m, "hero_power"), 4);
	t = tbl(m, "power_team");
	assert_int_equal(t->columns.n, 2);
	c = PLIST_AT(&t->columns, struct column, 0);
	assert_string_equal(c->name, "power_id");
	assert_string_equal(c->type, "integer");
	assert_true(c->primary_key);
	assert_string_equal(c->ref_table, "power");
	assert_string_equal(c->ref_column, "id");
	assert_int_equal(c->on_delete, ACTION_CASCADE);
	assert_false(column_is_nullable(t, c));
	c = PLIST_AT(&t->columns, struct column, 1);
	assert_string_equal(c->name, "team_id");
	assert_string_equal(c->ref_table, "team");
	assert_int_equal(c->on_delete, ACTION_CASCADE);
	l = PLIST_AT(&m->links, struct link, 2);
	assert_int_equal(l->kind, LINK_MANY_TO_MANY);
	assert_string_equal(l->field[LK_LEFT], "power");
	assert_string_equal(l->field[LK_RIGHT], "team");
	assert_string_equal(l->field[LK_THROUGH], "power_team");
	assert_string_equal(l->field[LK_LEFT_NAME], "teams");
	assert_string_equal(l->field[LK_RIGHT_NAME], "powers");
	assert_null(l->field[LK_PARENT]);
	undo_redo(m, inv, before);

	inv = apply_ok(m, edit_add_many_to_many(m, "team", "hero", "membership",
						"members", "teams", &dl));
	assert_int_equal(model_table_index(m, "membership"), 2);
	l = PLIST_AT(&m->links, struct link, 2);
	assert_string_equal(l->field[LK_THROUGH], "membership");
	assert_string_equal(l->field[LK_LEFT_NAME], "members");
	assert_string_equal(l->field[LK_RIGHT_NAME], "teams");
	assert_non_null(colm(m, "membership", "team_id"));
	assert_non_null(colm(m, "membership", "hero_id"));
	undo_redo(m, inv, before);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);

	diag_list_init(&dl);
	assert_null(edit_add_many_to_many(m, "hero", "power", NULL, NULL, NULL, &dl));
	assert_null(edit_add_many_to_many(m, "hero", "hero", NULL, NULL, NULL, &dl));
	assert_null(edit_add_many_to_many(m, "hero", "mission", NULL, NULL, NULL, &dl));
	assert_null(edit_add_many_to_many(m, "villain", "hero", NULL, NULL, NULL, &dl));
	assert_null(edit_add_many_to_many(m, "hero", "villain", NULL, NULL, NULL, &dl));
	assert_int_equal(dl.n, 5);
	assert_diag(&dl, 0, SEV_ERROR, "table 'hero_power' already exists");
	assert_diag(&dl, 1, SEV_ERROR,
		    "cannot link table 'hero' to itself: both link table columns would be 'hero_id'");
	assert_diag(&dl, 2, SEV_ERROR, "table 'mission' has no single-column primary key");
	assert_diag(&dl, 3, SEV_ERROR, "unknown table 'villain'");
	assert_diag(&dl, 4, SEV_ERROR, "unknown table 'villain'");
	assert_true(model_eq(m, before));
	diag_list_free(&dl);
	model_free(before);
	model_free(m);
}

/* ---- a long random session, undone back to the start ---- */

static unsigned rnd_state;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static const char *random_table(const struct model *m)
{
	if (m->tables.n == 0 || rnd(20) == 0)
		return "nowhere";
	return PLIST_AT(&m->tables, struct table, rnd((unsigned)m->tables.n))->name;
}

static const char *random_column(const struct model *m, const char *table)
{
	const struct table *t = model_table(m, table);

	if (!t || t->columns.n == 0 || rnd(20) == 0)
		return "nothing";
	return PLIST_AT(&t->columns, struct column, rnd((unsigned)t->columns.n))->name;
}

static struct op *random_op(const struct model *m, unsigned step, struct diag_list *dl)
{
	char name[32];
	unsigned kind = rnd(14);

	snprintf(name, sizeof name, "n%u", step);
	if (kind < 8) {
		enum op_list l = all_lists[rnd(N_LISTS)];
		const char *tn = in_table(l) ? random_table(m) : NULL;
		struct model *mm = (struct model *)m;
		size_t n = in_table(l) ? (model_table(m, tn) ? list_of(mm, l, tn)->n : 0) :
					 list_of(mm, l, NULL)->n;
		size_t at = rnd((unsigned)n + 2);   /* sometimes out of range */

		/* keep the lists populated so that most ops have work to do */
		if (kind % 4 == 1 && n < 3)
			kind = 0;
		switch (kind % 4) {
		case 0: return op_insert(l, tn, at, make_item(l, rnd(10) ? name : "id"));
		case 1: return op_remove(l, tn, at);
		case 2: return op_move(l, tn, at, rnd((unsigned)n + 1));
		default: return op_replace(l, tn, at, make_item(l, rnd(10) ? name : "id"));
		}
	}
	switch (kind) {
	case 8: {
		const char *t = random_table(m);

		return edit_rename_table(m, t, rnd(4) ? name : random_table(m), dl);
	}
	case 9: {
		const char *t = random_table(m);

		return edit_rename_column(m, t, random_column(m, t),
					  rnd(4) ? name : random_column(m, t), dl);
	}
	case 10:
		return rnd(3) ? edit_add_one_to_many(m, random_table(m), random_table(m),
						     rnd(2) ? name : NULL, NULL, NULL, dl)
			      : edit_add_many_to_many(m, random_table(m), random_table(m),
						      rnd(2) ? name : NULL, NULL, NULL, dl);
	case 11:
		if (m->tables.n < 4)
			return op_insert(OL_TABLES, NULL, rnd((unsigned)m->tables.n + 1),
					 make_item(OL_TABLES, name));
		return edit_remove_table(m, random_table(m), rnd(2), dl);
	case 12: {
		const char *t = random_table(m), *c = random_column(m, t);
		struct column *nc = column_new(rnd(3) ? c : name, rnd(2) ? "text" : "integer");

		nc->nullable = (enum tri)rnd(3);
		return edit_modify_column(m, t, c, nc, dl);
	}
	default:
		return op_set_name(rnd(3) ? name : NULL);
	}
}

static void test_random_session(void **state)
{
	enum { STEPS = 1000 };
	struct model *m = heroes(), *start = model_clone(m), *end;
	struct op **undo = xcalloc(STEPS, sizeof *undo);
	struct op **redo = xcalloc(STEPS, sizeof *redo);
	size_t n_undo = 0, failed = 0;

	(void)state;
	rnd_state = 20261125;
	for (unsigned step = 0; step < STEPS; step++) {
		struct diag_list dl;
		struct model *before = model_clone(m);
		struct op *op, *inv = NULL;

		diag_list_init(&dl);
		op = random_op(m, step, &dl);
		if (!op) {
			assert_true(dl.errors > 0);
			failed++;
		} else if (op_apply(m, op, &inv, &dl) == 0) {
			undo[n_undo++] = inv;
		} else {
			assert_null(inv);
			assert_true(dl.errors > 0);
			assert_true(model_eq(m, before));
			failed++;
		}
		assert_index_ok(m);
		diag_list_free(&dl);
		model_free(before);
	}
	printf("random session: %zu ops applied, %zu refused\n", n_undo, failed);
	assert_true(n_undo >= 500);
	assert_true(failed > 0);
	assert_false(model_eq(m, start));

	/* undo everything, newest first */
	end = model_clone(m);
	for (size_t i = n_undo; i-- > 0;) {
		redo[i] = apply_ok(m, undo[i]);
	}
	assert_true(model_eq(m, start));
	/* and redo everything */
	for (size_t i = 0; i < n_undo; i++)
		op_free(apply_ok(m, redo[i]));
	assert_true(model_eq(m, end));

	model_free(end);
	model_free(start);
	model_free(m);
	free(undo);
	free(redo);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_every_list),
		cmocka_unit_test(test_remove_every_list),
		cmocka_unit_test(test_move_every_list),
		cmocka_unit_test(test_replace_every_list),
		cmocka_unit_test(test_unknown_table),
		cmocka_unit_test(test_name_collisions),
		cmocka_unit_test(test_tables_keep_index),
		cmocka_unit_test(test_set_name),
		cmocka_unit_test(test_default_labels),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_group_rollback),
		cmocka_unit_test(test_rename_table),
		cmocka_unit_test(test_rename_table_errors),
		cmocka_unit_test(test_rename_column),
		cmocka_unit_test(test_rename_referenced_column),
		cmocka_unit_test(test_rename_column_errors),
		cmocka_unit_test(test_remove_table),
		cmocka_unit_test(test_modify_column),
		cmocka_unit_test(test_add_one_to_many),
		cmocka_unit_test(test_add_many_to_many),
		cmocka_unit_test(test_random_session),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
