/* test-designer.c — the designer's state without curses: undo/redo
 * stacks, the modified flag against the saved state, merged edits,
 * validation of an edit in its neighbourhood, the recovery file, and
 * finding the object a diagnostic names. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "designer.h"
#include "model-yaml.h"

static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-designer.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	int rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return rc == 0 ? 0 : -1;
}

static struct op *add_table(const char *name, size_t at)
{
	struct table *t = table_new(name);
	struct column *c = column_new("id", "integer");

	c->primary_key = true;
	table_add_column(t, c);
	return op_insert(OL_TABLES, NULL, at, t);
}

static struct op *add_column(const char *table, size_t at, const char *name, const char *type)
{
	return op_insert(OL_COLUMNS, table, at, column_new(name, type));
}

static void apply_ok(struct designer *d, struct op *op)
{
	struct diag_list dl;

	diag_list_init(&dl);
	assert_int_equal(designer_apply(d, op, false, &dl), 0);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
}

static void test_undo_redo(void **state)
{
	struct designer d;
	struct model *empty, *full;
	struct diag_list dl;
	const char *label;

	(void)state;
	designer_init(&d, NULL, "x.yaml");
	diag_list_init(&dl);
	empty = model_clone(d.model);
	assert_false(d.modified);
	assert_int_equal(designer_undo(&d, &label, &dl), -1);
	assert_int_equal(designer_redo(&d, &label, &dl), -1);

	apply_ok(&d, add_table("team", 0));
	apply_ok(&d, add_column("team", 1, "name", "text"));
	apply_ok(&d, add_table("hero", 1));
	assert_true(d.modified);
	assert_int_equal(d.undo.n, 3);
	full = model_clone(d.model);

	for (int i = 0; i < 3; i++)
		assert_int_equal(designer_undo(&d, &label, &dl), 0);
	assert_true(model_eq(d.model, empty));
	assert_false(d.modified);       /* back where the file was */
	assert_int_equal(designer_undo(&d, &label, &dl), -1);
	assert_int_equal(d.redo.n, 3);

	for (int i = 0; i < 3; i++)
		assert_int_equal(designer_redo(&d, &label, &dl), 0);
	assert_true(model_eq(d.model, full));
	assert_true(d.modified);
	assert_int_equal(designer_redo(&d, &label, &dl), -1);

	/* a new edit after an undo drops the redo stack */
	assert_int_equal(designer_undo(&d, &label, &dl), 0);
	assert_string_equal(label, "add table hero");   /* what is undone */
	apply_ok(&d, add_table("power", 1));
	assert_int_equal(d.redo.n, 0);
	assert_int_equal(designer_redo(&d, &label, &dl), -1);
	assert_non_null(model_table(d.model, "power"));
	assert_null(model_table(d.model, "hero"));

	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	model_free(empty);
	model_free(full);
	designer_free(&d);
}

static void test_modified_follows_saved_state(void **state)
{
	struct designer d;
	struct diag_list dl;
	char *path = xasprintf("%s/m.yaml", tmpdir), *err = NULL;

	(void)state;
	diag_list_init(&dl);
	designer_init(&d, NULL, path);
	apply_ok(&d, add_table("a", 0));
	apply_ok(&d, add_table("b", 1));
	assert_int_equal(designer_save(&d, &err), 0);
	assert_false(d.modified);
	assert_int_equal(access(path, F_OK), 0);

	apply_ok(&d, add_table("c", 2));
	assert_true(d.modified);
	designer_undo(&d, NULL, &dl);
	assert_false(d.modified);
	designer_undo(&d, NULL, &dl);
	assert_true(d.modified);
	designer_redo(&d, NULL, &dl);
	assert_false(d.modified);

	/* undo past the save, then a different edit: the saved state is gone */
	designer_undo(&d, NULL, &dl);
	apply_ok(&d, add_table("z", 1));
	assert_true(d.modified);
	designer_undo(&d, NULL, &dl);
	assert_true(d.modified);
	designer_redo(&d, NULL, &dl);
	assert_true(d.modified);

	diag_list_free(&dl);
	designer_free(&d);
	free(path);
}

static void test_merge_is_one_undo(void **state)
{
	struct designer d;
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	designer_init(&d, NULL, "x.yaml");
	apply_ok(&d, add_table("a", 0));
	assert_int_equal(designer_apply(&d, add_column("a", 1, "b", "text"), true, &dl), 0);
	assert_int_equal(d.undo.n, 1);
	assert_int_equal(designer_undo(&d, NULL, &dl), 0);
	assert_int_equal(d.model->tables.n, 0);
	assert_int_equal(designer_redo(&d, NULL, &dl), 0);
	assert_int_equal(PLIST_AT(&d.model->tables, struct table, 0)->columns.n, 2);
	diag_list_free(&dl);
	designer_free(&d);
}

static void test_try_rejects_new_error(void **state)
{
	struct designer d;
	struct diag_list why;
	struct column *c;
	struct model *before;
	unsigned long gen;

	(void)state;
	designer_init(&d, NULL, "x.yaml");
	apply_ok(&d, add_table("hero", 0));
	before = model_clone(d.model);
	gen = d.generation;

	diag_list_init(&why);
	c = column_new("team_id", "integer");
	c->ref_table = xstrdup("team");
	c->ref_column = xstrdup("id");
	assert_int_equal(designer_try(&d, op_insert(OL_COLUMNS, "hero", 1, c), &why), -1);
	assert_true(why.errors >= 1);
	assert_non_null(strstr(why.items[0].message, "references missing table 'team'"));
	assert_true(model_eq(d.model, before));
	assert_int_equal(d.undo.n, 1);
	assert_int_equal(d.generation, gen);
	diag_list_free(&why);

	/* with the table there, the same edit is accepted and undoable */
	apply_ok(&d, add_table("team", 0));
	diag_list_init(&why);
	c = column_new("team_id", "integer");
	c->ref_table = xstrdup("team");
	c->ref_column = xstrdup("id");
	assert_int_equal(designer_try(&d, op_insert(OL_COLUMNS, "hero", 1, c), &why), 0);
	assert_int_equal(why.errors, 0);
	assert_int_equal(d.undo.n, 3);
	assert_int_equal(designer_undo(&d, NULL, &why), 0);
	assert_null(table_column(model_table(d.model, "hero"), "team_id"));
	diag_list_free(&why);
	model_free(before);
	designer_free(&d);
}

/* Problems outside the edited table's neighbourhood do not block it. */
static void test_try_ignores_rest_of_model(void **state)
{
	struct designer d;
	struct diag_list why;
	struct column *c;

	(void)state;
	designer_init(&d, NULL, "x.yaml");
	apply_ok(&d, add_table("a", 0));
	apply_ok(&d, add_table("b", 1));
	apply_ok(&d, add_table("c", 2));
	/* b → c, and an unrelated broken reference in c */
	c = column_new("c_id", "integer");
	c->ref_table = xstrdup("c");
	c->ref_column = xstrdup("id");
	apply_ok(&d, op_insert(OL_COLUMNS, "b", 1, c));
	c = column_new("ghost_id", "integer");
	c->ref_table = xstrdup("ghost");
	c->ref_column = xstrdup("id");
	apply_ok(&d, op_insert(OL_COLUMNS, "c", 1, c));

	diag_list_init(&why);
	c = column_new("b_id", "integer");
	c->ref_table = xstrdup("b");
	c->ref_column = xstrdup("id");
	assert_int_equal(designer_try(&d, op_insert(OL_COLUMNS, "a", 1, c), &why), 0);
	assert_int_equal(why.errors, 0);
	/* but a new problem in the edited table is caught */
	assert_int_equal(designer_try(&d, add_column("a", 1, "b_id", "text"), &why), -1);
	assert_true(why.errors >= 1);
	diag_list_free(&why);

	designer_refresh_diags(&d);
	assert_false(d.diags_stale);
	assert_true(d.diags.errors >= 1);   /* ghost */
	designer_free(&d);
}

static void test_recovery(void **state)
{
	struct designer d, e;
	struct diag_list dl;
	char *path = xasprintf("%s/heroes.yaml", tmpdir), *rec, *err = NULL, *want;

	(void)state;
	rec = designer_recovery_path("heroes.yaml");
	assert_string_equal(rec, ".heroes.yaml.skema-recover");
	free(rec);
	rec = designer_recovery_path("/a/b/heroes.yaml");
	assert_string_equal(rec, "/a/b/.heroes.yaml.skema-recover");
	free(rec);

	designer_init(&d, NULL, path);
	apply_ok(&d, add_table("team", 0));
	apply_ok(&d, add_column("team", 1, "name", "text"));
	assert_int_equal(designer_write_recovery(&d), 0);
	rec = designer_recovery_path(path);
	assert_int_equal(access(rec, F_OK), 0);
	assert_int_not_equal(access(path, F_OK), 0);   /* the model file is not written */

	designer_init(&e, NULL, path);
	diag_list_init(&dl);
	assert_int_equal(designer_restore_recovery(&e, &dl, &err), 0);
	assert_int_equal(dl.errors, 0);
	assert_true(model_eq(e.model, d.model));
	assert_true(e.modified);
	want = model_save_yaml(d.model, NULL);
	free(want);

	/* saving removes the recovery file */
	assert_int_equal(designer_save(&e, &err), 0);
	assert_int_not_equal(access(rec, F_OK), 0);
	diag_list_free(&dl);
	designer_free(&e);
	designer_free(&d);
	free(rec);
	free(path);
}

static void test_locate(void **state)
{
	struct designer d;
	size_t t;
	long c;

	(void)state;
	designer_init(&d, NULL, "x.yaml");
	apply_ok(&d, add_table("team", 0));
	apply_ok(&d, add_table("hero", 1));
	apply_ok(&d, add_column("hero", 1, "team_id", "integer"));
	assert_true(designer_locate(&d, "column 'hero.team_id' references missing table 'teams'",
				    &t, &c));
	assert_int_equal(t, 1);
	assert_int_equal(c, 1);
	assert_true(designer_locate(&d, "link names missing table 'x' and 'team'", &t, &c));
	assert_int_equal(t, 0);
	assert_int_equal(c, -1);
	assert_false(designer_locate(&d, "enum 'colour' is empty", &t, &c));
	assert_true(designer_select(&d, "hero"));
	assert_int_equal(d.table, 1);
	assert_false(designer_select(&d, "nope"));
	designer_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_modified_follows_saved_state),
		cmocka_unit_test(test_merge_is_one_undo),
		cmocka_unit_test(test_try_rejects_new_error),
		cmocka_unit_test(test_try_ignores_rest_of_model),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_locate),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
