/* test-er-layout.c — the ER diagram's layout (src/er-layout.c): every
 * table a box, every foreign key a line, no two boxes overlapping, layers
 * by dependency, `layout:` places honoured, a move re-routing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er-layout.h"
#include "model-yaml.h"

#ifndef SAMPLES
#define SAMPLES "samples"
#endif

static struct model *load(const char *name)
{
	char *path = xasprintf("%s/%s", getenv("SAMPLES_DIR") ? getenv("SAMPLES_DIR") : SAMPLES,
			       name);
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL;

	diag_list_init(&dl);
	assert_int_equal(model_load_file(path, &m, &dl, &err), 0);
	assert_non_null(m);
	assert_int_equal(dl.errors, 0);
	diag_list_free(&dl);
	free(path);
	return m;
}

static void drop_layout(struct model *m)
{
	while (m->layout.n)
		placement_free(plist_remove(&m->layout, m->layout.n - 1));
}

static void assert_no_overlap(const struct er_layout *l)
{
	for (size_t i = 0; i < l->nboxes; i++)
		for (size_t k = i + 1; k < l->nboxes; k++) {
			const struct er_box *a = &l->boxes[i], *b = &l->boxes[k];
			bool apart = a->x + a->w <= b->x || b->x + b->w <= a->x ||
				     a->y + a->h <= b->y || b->y + b->h <= a->y;

			if (!apart)
				fail_msg("boxes %zu and %zu overlap", i, k);
		}
}

/* Lines are orthogonal, start on the child's border, end on the parent's. */
static void assert_lines(const struct er_layout *l)
{
	for (size_t i = 0; i < l->nedges; i++) {
		const struct er_edge *e = &l->edges[i];
		const struct er_box *c = &l->boxes[e->child], *p = &l->boxes[e->parent];

		assert_int_equal(e->npt, 4);
		for (int k = 0; k + 1 < e->npt; k++)
			assert_true(e->pt[k].x == e->pt[k + 1].x || e->pt[k].y == e->pt[k + 1].y);
		assert_true(e->pt[0].x >= c->x && e->pt[0].x < c->x + c->w);
		assert_true(e->pt[0].y >= c->y && e->pt[0].y < c->y + c->h);
		assert_true(e->pt[3].x >= p->x && e->pt[3].x < p->x + p->w);
		assert_true(e->pt[3].y >= p->y && e->pt[3].y < p->y + p->h);
	}
}

static void test_heroes_auto(void **state)
{
	struct model *m = load("heroes.yaml");
	struct er_layout l;
	long team = model_table_index(m, "team"), hero = model_table_index(m, "hero");
	long hp = model_table_index(m, "hero_power");
	size_t m2m = 0;

	(void)state;
	er_layout_init(&l);
	er_layout_build(&l, m);
	assert_int_equal(l.nboxes, 4);
	assert_int_equal(l.nedges, 3);   /* hero.team_id, hero_power's two keys */
	assert_no_overlap(&l);
	assert_lines(&l);
	/* parents above children */
	assert_true(l.boxes[team].y + l.boxes[team].h <= l.boxes[hero].y);
	assert_true(l.boxes[hero].y + l.boxes[hero].h <= l.boxes[hp].y);
	for (size_t i = 0; i < l.nedges; i++)
		m2m += l.edges[i].many_to_many;
	assert_int_equal(m2m, 2);
	/* box: border, name, separator, a row per column, border */
	assert_int_equal(l.boxes[hero].h, (int)PLIST_AT(&m->tables, struct table, hero)->columns.n + 4);
	er_layout_free(&l);
	model_free(m);
}

static void test_shop_placed_and_auto(void **state)
{
	struct model *m = load("shop.yaml");
	struct er_layout l;
	long cat = model_table_index(m, "categories");

	(void)state;
	er_layout_init(&l);
	er_layout_build(&l, m);
	assert_int_equal(l.nboxes, 8);
	assert_int_equal(l.nedges, 9);
	assert_true(l.boxes[cat].placed);
	assert_int_equal(l.boxes[cat].x, 98);
	assert_int_equal(l.boxes[cat].y, 30);
	assert_no_overlap(&l);
	assert_lines(&l);
	assert_true(l.width <= 160 && l.height <= 47);   /* fits a 160x50 screen */
	drop_layout(m);
	er_layout_build(&l, m);
	assert_no_overlap(&l);
	assert_lines(&l);
	er_layout_free(&l);
	model_free(m);
}

static void test_place_reroutes(void **state)
{
	struct model *m = load("heroes.yaml");
	struct er_layout l;
	long team = model_table_index(m, "team");

	(void)state;
	er_layout_init(&l);
	er_layout_build(&l, m);
	er_layout_place(&l, m, (size_t)team, 100, 40);
	assert_true(l.boxes[team].placed);
	assert_int_equal(l.boxes[team].x, 100);
	assert_int_equal(l.boxes[team].y, 40);
	assert_lines(&l);
	assert_true(l.width >= 100 + l.boxes[team].w);
	assert_int_equal(er_box_at(&l, 101, 41), team);
	er_layout_free(&l);
	model_free(m);
}

static void test_cycle_and_self(void **state)
{
	struct model *m = model_new();
	struct table *a = table_new("a"), *b = table_new("b");
	struct column *c;
	struct er_layout l;

	(void)state;
	table_add_column(a, column_new("id", "integer"));
	c = column_new("b_id", "integer");
	c->ref_table = xstrdup("b");
	c->ref_column = xstrdup("id");
	table_add_column(a, c);
	c = column_new("parent", "integer");
	c->ref_table = xstrdup("a");
	c->ref_column = xstrdup("id");
	table_add_column(a, c);
	table_add_column(b, column_new("id", "integer"));
	c = column_new("a_id", "integer");
	c->ref_table = xstrdup("a");
	c->ref_column = xstrdup("id");
	table_add_column(b, c);
	model_add_table(m, a);
	model_add_table(m, b);
	er_layout_init(&l);
	er_layout_build(&l, m);
	assert_int_equal(l.nedges, 3);
	assert_no_overlap(&l);
	assert_lines(&l);
	assert_string_equal(er_column_marker(a, PLIST_AT(&a->columns, struct column, 1)), "FK");
	er_layout_free(&l);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heroes_auto),
		cmocka_unit_test(test_shop_placed_and_auto),
		cmocka_unit_test(test_place_reroutes),
		cmocka_unit_test(test_cycle_and_self),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
