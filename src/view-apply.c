/* view-apply.c — the Apply tab: bring the target database (an SQLite
 * file, or a PostgreSQL schema) to the model with the engine of
 * `skema apply` (apply_open/apply_run, apply_pg_open/apply_pg_run): the
 * plan, then `y` to apply it; a destructive plan also needs the name of
 * each table it loses data in typed.  While rows of rebuilt tables are
 * copied the pane shows the progress, and Esc or c cancels (the engine
 * rolls back).  Below the plan: the log of this session's runs and the
 * database's skema_migrations history (SQLite only).  Errors are shown
 * in the pane; the engine guarantees the database is then unchanged.
 * A PostgreSQL URI is only ever shown without its password. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apply-postgres.h"
#include "apply.h"
#include "edit.h"
#include "history.h"
#include "pg-uri.h"
#include "ui-dialog.h"
#include "ui-input.h"

struct apply_state {
	struct text text;           /* log, plan, history: what the pane shows */
	struct text log;            /* this session's runs */
	char *info;
	enum role info_role;
	bool valid;
	unsigned long generation, epoch;
	char *db;                   /* the target the plan was made for */
	char *shown;                /* db as shown: without a password */
	bool pg;                    /* db is a PostgreSQL URI */

	struct apply lite;
	struct apply_pg pgap;
	struct apply *ap;           /* &lite or &pgap.base */
	bool open;                  /* ap holds a plan */
	size_t destructive;

	bool running;
	struct apply_progress prog;
	double last_draw;
	struct ui *ui;
	struct pane *pane;
};

static struct apply_state *state(struct ui *ui)
{
	if (!ui->apply)
		ui->apply = xcalloc(1, sizeof *ui->apply);
	return ui->apply;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The changes the plan carries out (a change may have several steps). */
static size_t count_changes(const struct apply *ap)
{
	const struct change *last = NULL;
	size_t n = 0;

	for (size_t i = 0; i < ap->plan.n; i++)
		if (ap->plan.steps[i].change != last) {
			last = ap->plan.steps[i].change;
			n++;
		}
	return n;
}

static bool has_steps(const struct apply *ap, const struct change *ch)
{
	for (size_t k = 0; k < ap->plan.n; k++)
		if (ap->plan.steps[k].change == ch)
			return true;
	return false;
}

/* The tables destructive changes lose data in, each once. */
static void destructive_tables(const struct apply *ap, struct strlist *out)
{
	for (size_t i = 0; i < ap->changes.n; i++) {
		const struct change *ch = &ap->changes.items[i];
		const char *t;
		bool seen = false;

		if (!ch->destructive || !has_steps(ap, ch))
			continue;
		t = ch->from_table ? ch->from_table->name : ch->to_table ? ch->to_table->name : NULL;
		if (!t)
			continue;
		for (size_t k = 0; k < out->n; k++)
			seen |= strcmp(out->items[k], t) == 0;
		if (!seen)
			strlist_push(out, t);
	}
}

static void set_info(struct apply_state *st, enum role r, char *info)
{
	free(st->info);
	st->info = info;
	st->info_role = r;
}

static void close_target(struct apply_state *st)
{
	if (st->pg)
		apply_pg_close(&st->pgap);
	else
		apply_close(&st->lite);
}

static void close_plan(struct apply_state *st)
{
	if (st->open)
		close_target(st);
	st->open = false;
	st->destructive = 0;
}

static int open_target(struct apply_state *st, const char *path, const struct model *m,
		       struct diag_list *dl)
{
	if (st->pg) {
		st->ap = &st->pgap.base;
		return apply_pg_open(&st->pgap, path, m, dl);
	}
	st->ap = &st->lite;
	return apply_open(&st->lite, path, m, dl);
}

static void add_history(struct apply_state *st, const char *path)
{
	struct history h;
	char *err = NULL;

	history_init(&h);
	text_add(&st->text, ROLE_TABLE_NAME, "\nHistory (skema_migrations)\n");
	if (st->pg) {
		/* read only by `skema apply`'s engine for now */
		text_add(&st->text, ROLE_NORMAL, "  history: see skema_migrations\n");
		return;
	}
	if (history_read(path, &h, &err) != 0) {
		text_addf(&st->text, ROLE_STATUS_ERROR, "  %s\n", err);
		free(err);
	} else if (h.n == 0) {
		text_add(&st->text, ROLE_NORMAL, "  no migrations applied yet\n");
	}
	for (size_t i = 0; i < h.n; i++) {
		size_t n = 1;

		/* Lines, not statements: a trigger body holds several ';'. */
		for (const char *s = h.items[i].sql; *s; s++)
			n += *s == '\n' && s[1] != '\0';
		text_addf(&st->text, ROLE_NORMAL, "  #%lld %s  %zu line%s of SQL  checksum %.12s\n",
			  (long long)h.items[i].id, h.items[i].applied_at, n, n == 1 ? "" : "s",
			  h.items[i].checksum);
	}
	history_free(&h);
}

static bool fresh(struct ui *ui, struct apply_state *st)
{
	return st->valid && st->generation == ui->d->generation && st->epoch == ui_db_epoch() &&
	       str_eq_null(st->db, ui->db);
}

static void update(struct ui *ui)
{
	struct apply_state *st = state(ui);
	struct designer *d = ui->d;
	struct diag_list dl;
	const char *path, *shown;
	bool pg;

	if (st->running || fresh(ui, st) || !ui_eager(ui))
		return;
	close_plan(st);
	text_clear(&st->text);
	st->valid = true;
	st->generation = d->generation;
	st->epoch = ui_db_epoch();
	free(st->db);
	st->db = ui->db ? xstrdup(ui->db) : NULL;
	free(st->shown);
	st->shown = NULL;
	st->pg = false;
	if (st->log.len) {
		text_add(&st->text, ROLE_TABLE_NAME, "Log\n");
		for (size_t i = 0; i < st->log.len; i++) {
			/* copied with its roles */
			char c[2] = { st->log.buf[i], 0 };

			text_add(&st->text, st->log.role[i], c);
		}
		text_add(&st->text, ROLE_NORMAL, "\n");
	}
	if (!ui->db) {
		set_info(st, ROLE_STATUS_WARNING,
			 xstrdup("no database: t chooses one (or start with --db TARGET)"));
		text_finish(&st->text);
		return;
	}
	path = ui_db_path(ui->db, &pg);
	st->pg = pg;
	st->shown = pg ? pg_uri_redact(path) : xstrdup(path);
	shown = st->shown;
	designer_refresh_diags(d);
	ui->status_dirty = true;
	if (d->diags.errors) {
		set_info(st, ROLE_STATUS_ERROR,
			 xstrdup("the model has errors (e shows each): nothing to apply"));
		add_history(st, path);
		text_finish(&st->text);
		return;
	}
	diag_list_init(&dl);
	if (open_target(st, path, d->model, &dl) != 0) {
		close_target(st);
		set_info(st, ROLE_STATUS_ERROR, xasprintf("%s: cannot plan", shown));
		for (size_t i = 0; i < dl.n; i++)
			text_addf(&st->text, ROLE_STATUS_ERROR, "%s\n", dl.items[i].message);
	} else if (apply_up_to_date(st->ap)) {
		close_target(st);
		set_info(st, ROLE_STATUS, xasprintf("%s is up to date", shown));
		text_add(&st->text, ROLE_TABLE_NAME, "Plan\n");
		text_addf(&st->text, ROLE_NORMAL, "  nothing to do: %s is the model\n", shown);
	} else {
		struct strlist tables;
		char *script = apply_render(st->ap);

		st->open = true;
		strlist_init(&tables);
		destructive_tables(st->ap, &tables);
		st->destructive = tables.n;
		set_info(st, tables.n ? ROLE_DESTRUCTIVE : ROLE_STATUS,
			 xasprintf("%s: %zu statement%s%s, y applies", shown, st->ap->plan.n,
				   st->ap->plan.n == 1 ? "" : "s",
				   tables.n ? ", DESTRUCTIVE" : ""));
		strlist_free(&tables);
		text_add(&st->text, ROLE_TABLE_NAME, "Plan\n");
		/* PostgreSQL: what the plan leaves out (a trigger body
		 * written for another engine), as skema apply says it */
		for (size_t i = 0; st->pg && i < dl.n; i++)
			text_addf(&st->text, ROLE_STATUS_WARNING, "  %s\n", dl.items[i].message);
		text_finish(&st->text);
		diff_text(&st->text, script, &st->ap->plan);
		free(script);
	}
	diag_list_free(&dl);
	add_history(st, path);
	text_finish(&st->text);
}

static void apply_draw(struct ui *ui, struct pane *p)
{
	struct apply_state *st = state(ui);
	int rows = p->h - 2;

	update(ui);
	if (st->running) {
		const struct apply_progress *g = &st->prog;
		int pct = g->rows_total ? (int)(100 * g->rows_done / g->rows_total) : 100;
		char *info = xasprintf("copying rows of '%s': %lld of %lld (%d%%), Esc or c cancels",
				       g->table ? g->table : "?", (long long)g->rows_done,
				       (long long)g->rows_total, pct);
		int w = p->w - 4, done = w * pct / 100;

		ui_tab_strip(ui, p, info, theme_attr(ROLE_STATUS_WARNING) | (int)A_BOLD);
		free(info);
		if (rows > 1 && w > 0) {
			wattron(p->win, theme_attr(ROLE_SELECTED));
			mvwhline(p->win, 2, 2, '#', done);
			wattroff(p->win, theme_attr(ROLE_SELECTED));
			mvwhline(p->win, 2, 2 + done, '.', w - done);
		}
		text_draw(p, &st->text, 3, p->top);
		return;
	}
	ui_tab_strip(ui, p, st->valid ? st->info : "planned when idle",
		     theme_attr(st->valid ? st->info_role : ROLE_STATUS) | (int)A_BOLD);
	if (p->top + (size_t)rows > st->text.nlines)
		p->top = st->text.nlines > (size_t)rows ? st->text.nlines - (size_t)rows : 0;
	text_draw(p, &st->text, 2, p->top);
}

static enum apply_verdict on_progress(const struct apply_progress *g, void *ctx)
{
	static const int cancel_keys[] = { KEY_ESCAPE, 'c' };
	struct apply_state *st = ctx;
	double t = now_seconds();
	int k;

	st->prog = *g;
	while ((k = input_poll(cancel_keys, 2)) != INPUT_NONE) {
		if (k == INPUT_DUMP) {
			st->pane->dirty = true;
			ui_dump(st->ui);
			continue;
		}
		return APPLY_CANCEL;
	}
	if (t - st->last_draw >= 0.05 || g->done) {
		st->last_draw = t;
		st->pane->dirty = true;
		ui_draw(st->ui);
	}
	return APPLY_CONTINUE;
}

static void log_line(struct apply_state *st, enum role r, const char *s)
{
	text_addf(&st->log, r, "  %s\n", s);
}

/* Each table a destructive change loses data in, typed to confirm. */
static char *check_name(void *ctx, const char *text)
{
	const char *want = ctx;

	return strcmp(text, want) == 0 ? NULL
		: xasprintf("type '%s' exactly to apply (Esc cancels)", want);
}

static bool confirm_destructive(struct ui *ui, struct apply_state *st)
{
	struct strlist tables, losses;
	bool ok = true;

	strlist_init(&tables);
	strlist_init(&losses);
	destructive_tables(st->ap, &tables);
	for (size_t i = 0; i < st->ap->changes.n; i++) {
		const struct change *ch = &st->ap->changes.items[i];

		if (ch->destructive && has_steps(st->ap, ch))
			strlist_push_owned(&losses, xasprintf("%s%s%s", ch->loss ? ch->loss : ch->summary,
							      st->ap->loss_notes && st->ap->loss_notes[i] ? ": " : "",
							      st->ap->loss_notes && st->ap->loss_notes[i] ?
							      st->ap->loss_notes[i] : ""));
	}
	for (size_t t = 0; t < tables.n && ok; t++) {
		struct strbuf q;
		char *typed = NULL, *title;

		sb_init(&q);
		sb_add(&q, "loses data: ");
		for (size_t i = 0; i < losses.n; i++)
			sb_printf(&q, "%s%s", i ? "; " : "", losses.items[i]);
		title = xasprintf("Destructive: type the table's name '%s' to apply",
				  tables.items[t]);
		ok = dlg_prompt(ui, title, q.buf, "", check_name, tables.items[t], NULL, &typed);
		free(title);
		free(typed);
		sb_free(&q);
	}
	strlist_free(&tables);
	strlist_free(&losses);
	return ok;
}

static unsigned run(struct ui *ui, struct pane *p)
{
	struct apply_state *st = state(ui);
	struct apply_options o = { .progress = on_progress, .progress_ctx = st };
	struct diag_list dl;
	const char *path;
	int rc;

	ui->idle_now = true;   /* asked for: plan now, whatever the size */
	update(ui);
	ui->idle_now = false;
	if (!st->open) {
		ui_message(ui, ROLE_STATUS_WARNING, "nothing to apply: %s", st->info);
		return UI_HANDLED | UI_REDRAW;
	}
	path = st->shown;
	if (st->destructive && !confirm_destructive(ui, st)) {
		ui_message(ui, ROLE_STATUS_WARNING, "not applied: nothing was changed in '%s'", path);
		ui_dirty_all(ui);
		return UI_HANDLED;
	}
	ui_dirty_all(ui);
	diag_list_init(&dl);
	st->running = true;
	st->ui = ui;
	st->pane = p;
	st->last_draw = 0;
	st->prog = (struct apply_progress){ 0 };
	rc = st->pg ? apply_pg_run(&st->pgap, &o, &dl) : apply_run(&st->lite, &o, &dl);
	st->running = false;
	if (rc == APPLY_OK) {
		char *s = xasprintf("applied %zu change%s (%zu statement%s) to '%s'",
				    count_changes(st->ap), count_changes(st->ap) == 1 ? "" : "s",
				    st->ap->plan.n, st->ap->plan.n == 1 ? "" : "s", path);

		log_line(st, ROLE_STATUS, s);
		ui_message(ui, ROLE_STATUS, "%s", s);
		free(s);
	} else if (rc == APPLY_CANCELLED) {
		log_line(st, ROLE_STATUS_WARNING, "cancelled: the database is unchanged");
		ui_message(ui, ROLE_STATUS_WARNING, "cancelled: '%s' is unchanged", path);
	} else {
		for (size_t i = 0; i < dl.n; i++)
			log_line(st, ROLE_STATUS_ERROR, dl.items[i].message);
		log_line(st, ROLE_STATUS_ERROR, "failed: the database is unchanged");
		ui_message(ui, ROLE_STATUS_ERROR, "failed: '%s' is unchanged (the log says why)", path);
	}
	diag_list_free(&dl);
	ui_db_changed(ui);
	p->top = 0;
	ui_dirty_all(ui);
	return UI_HANDLED;
}

static unsigned apply_handle(struct ui *ui, struct pane *p, enum action a)
{
	struct apply_state *st = state(ui);

	switch (a) {
	case ACT_APPLY_RUN:
		return run(ui, p);
	case ACT_TARGET:
		if (ui_choose_db(ui)) {
			bool pg;
			const char *path = ui_db_path(ui->db, &pg);
			char *shown = pg ? pg_uri_redact(path) : xstrdup(ui->db);

			ui_message(ui, ROLE_STATUS, "target: %s", shown);
			free(shown);
		}
		return UI_HANDLED | UI_REDRAW;
	case ACT_RELOAD:
		ui_db_changed(ui);
		return UI_HANDLED | UI_REDRAW;
	default:
		return text_scroll(&p->top, a, st->text.nlines, p->h - 2);
	}
}

static bool apply_idle(struct ui *ui, struct pane *p)
{
	(void)p;
	if (fresh(ui, state(ui)))
		return false;
	update(ui);
	return true;
}

static void apply_done(struct ui *ui)
{
	struct apply_state *st = ui->apply;

	if (!st)
		return;
	close_plan(st);
	text_free(&st->text);
	text_free(&st->log);
	free(st->info);
	free(st->db);
	free(st->shown);
	free(st);
	ui->apply = NULL;
}

const struct view view_apply = {
	.name = "apply",
	.scope = SCOPE_APPLY,
	.draw = apply_draw,
	.handle = apply_handle,
	.click = NULL,
	.idle = apply_idle,
	.done = apply_done,
};
