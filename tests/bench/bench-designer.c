/* bench-designer.c — keystroke-to-redraw work of the designer at scale.
 *
 *     bench-designer FILE.yaml [KEYS]      (FILE from gen-schema 5000)
 *
 * Runs the real screen manager on a curses screen drawn to /dev/null
 * (script mode, 120x40) and times, per keystroke, the handling of the key
 * plus the repaint (ui_handle_key + ui_draw), as process CPU time:
 *   down       j in the Tables pane (new selected table: table pane and
 *              DDL preview of that table are rebuilt)
 *   page-down  PgDn in the Tables pane
 *   table-down j in the Table pane
 *   edit       adding a column, validated in its neighbourhood
 *              (designer_try), then the repaint
 *   undo       u, then the repaint
 * and, for comparison, the O(model) work the designer keeps off the
 * keystroke path: the whole-model check (run when idle) and the DDL of
 * the whole model (the DDL tab's text, generated when idle above
 * UI_EAGER_TABLES).  Then the right pane's tabs:
 *   diff idle  the Diff tab's migration from the saved file, when idle
 *   er layout  the ER tab's layout, when idle (once per model change)
 *   er redraw  repainting the ER tab (the cached layout, clipped)
 *   er pan     an arrow key in the ER tab, then the repaint
 *   er move    S-Right: a `layout:` op, re-routing one table's lines */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddl.h"
#include "bench-clock.h"
#include "designer.h"
#include "model-check.h"
#include "model-yaml.h"
#include "theme.h"
#include "ui-input.h"
#include "ui.h"

static double now_us(void)
{
	struct timespec ts;

	/* CPU time of the process (single-threaded): the target is CPU per
	 * key, and a busy machine must not inflate it with preemption. */
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void report(const char *what, double *t, int n)
{
	double sum = 0;

	for (int i = 0; i < n; i++)
		sum += t[i];
	qsort(t, (size_t)n, sizeof *t, bench_cmp_double);
	printf("%-12s %6d keys  mean %8.1f us  median %8.1f us  p99 %8.1f us  max %8.1f us\n",
	       what, n, sum / n, t[n / 2], t[n * 99 / 100], t[n - 1]);
}

static void keys(struct ui *ui, const char *what, int key, int n)
{
	double *t = malloc((size_t)n * sizeof *t);

	for (int i = 0; i < n; i++) {
		double t0 = now_us();

		ui_handle_key(ui, key);
		ui_draw(ui);
		t[i] = now_us() - t0;
	}
	report(what, t, n);
	free(t);
}

/* One edit: a column added to the selected table, validated, repainted.
 * A function of its own so that a profiler can select it
 * (valgrind --tool=callgrind --toggle-collect=edit_key). */
static __attribute__((noinline)) void edit_key(struct ui *ui, struct designer *d, int i)
{
	const struct table *tb = designer_table(d);
	struct diag_list dl;
	char name[32];
	struct op *op;

	snprintf(name, sizeof name, "bench_%d", i);
	op = op_insert(OL_COLUMNS, tb->name, tb->columns.n, column_new(name, "integer"));
	diag_list_init(&dl);
	if (designer_try(d, op, &dl) != 0)
		fprintf(stderr, "edit rejected: %s\n", dl.n ? dl.items[0].message : "?");
	diag_list_free(&dl);
	ui_changed(ui, NULL);
	ui_draw(ui);
}

int main(int argc, char **argv)
{
	struct designer d;
	struct model *m = NULL;
	struct diag_list dl;
	struct theme theme;
	struct ui ui;
	char *err = NULL, *sql;
	int n = argc > 2 ? atoi(argv[2]) : 1000;
	double t0, *t;

	if (argc < 2 || n < 10) {
		fprintf(stderr, "usage: bench-designer FILE.yaml [KEYS>=10]\n");
		return 2;
	}
	diag_list_init(&dl);
	t0 = now_us();
	if (model_load_file(argv[1], &m, &dl, &err) != 0 || !m) {
		fprintf(stderr, "bench-designer: %s\n", err ? err : "cannot load");
		return 2;
	}
	printf("load         %zu tables in %.1f ms\n", m->tables.n, (now_us() - t0) / 1e3);
	diag_list_free(&dl);

	setenv("SKEMA_KEYS", "/dev/null", 1);   /* script mode: curses to /dev/null */
	setenv("LINES", "40", 1);
	setenv("COLUMNS", "120", 1);
	if (!getenv("TERM"))
		setenv("TERM", "xterm", 1);
	designer_init(&d, m, argv[1]);
	theme_default(&theme);
	if (input_init(&err) != 0 || ui_init(&ui, &d, &theme, &err) != 0) {
		fprintf(stderr, "bench-designer: %s\n", err);
		return 2;
	}
	t0 = now_us();
	ui_draw(&ui);
	printf("first draw   %.1f us\n", now_us() - t0);

	keys(&ui, "down", 'j', n);
	keys(&ui, "page-down", KEYCODE(KEY_NPAGE), n / 10);
	ui_handle_key(&ui, '\t');
	ui_draw(&ui);
	keys(&ui, "table-down", 'j', n);

	t = malloc((size_t)n * sizeof *t);
	for (int i = 0; i < n; i++) {
		d.table = (size_t)(i * 7919) % m->tables.n;
		t0 = now_us();
		edit_key(&ui, &d, i);
		t[i] = now_us() - t0;
	}
	report("edit", t, n);
	free(t);
	keys(&ui, "undo", 'u', n);

	diag_list_init(&dl);
	t0 = now_us();
	model_check(d.model, &dl);
	printf("idle check   %.1f ms (whole model, %zu diagnostics; once per edit, when idle)\n",
	       (now_us() - t0) / 1e3, dl.n);
	diag_list_free(&dl);
	diag_list_init(&dl);
	t0 = now_us();
	sql = ddl_model(d.model, d.dialect, &dl);
	printf("ddl_model    %.1f ms (whole model; the preview never does this)\n",
	       (now_us() - t0) / 1e3);
	free(sql);
	diag_list_free(&dl);

	/* the right pane's tabs: O(model) work when idle, keys cheap */
	ui_show_tab(&ui, TAB_DIFF, true);
	t0 = now_us();
	ui_idle(&ui);
	ui_draw(&ui);
	printf("diff idle    %.1f ms (saved file vs model, diff + plan + render)\n",
	       (now_us() - t0) / 1e3);
	ui_show_tab(&ui, TAB_DDL, true);
	t0 = now_us();
	ui_idle(&ui);
	ui_draw(&ui);
	printf("ddl idle     %.1f ms (the DDL tab's whole script, coloured, indexed)\n",
	       (now_us() - t0) / 1e3);
	ui_show_tab(&ui, TAB_ER, true);
	t0 = now_us();
	ui_idle(&ui);
	ui_draw(&ui);
	printf("er layout    %.1f ms (layers, ordering, routing; once per model change)\n",
	       (now_us() - t0) / 1e3);
	t = malloc((size_t)n * sizeof *t);
	for (int i = 0; i < n; i++) {
		t0 = now_us();
		ui.pane[PANE_DDL].dirty = true;
		ui_draw(&ui);
		t[i] = now_us() - t0;
	}
	report("er redraw", t, n);
	free(t);
	keys(&ui, "er pan", KEYCODE(KEY_RIGHT), n / 2);
	keys(&ui, "er pan down", KEYCODE(KEY_DOWN), n / 2);
	keys(&ui, "er move", KEYCODE(KEY_SRIGHT), n / 10);

	ui_done(&ui);
	input_done();
	designer_free(&d);
	theme_free(&theme);
	return 0;
}
