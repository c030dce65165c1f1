/* view-diff.c — the Diff tab: the migration script from the last saved
 * version of the file, or from the target database, to the model in the
 * designer, with a one-line summary and the destructive changes in the
 * theme's `destructive` colour.
 *
 * The text is what the engines give `skema diff` (diff_models, plan_build,
 * plan_render); against an SQLite database it is the plan `skema apply`
 * runs (apply_open, apply_render), which also counts what destructive
 * changes lose there; against PostgreSQL likewise (apply_pg_open), the
 * URI shown without its password.  Recomputed when the model, the dialect or the
 * source changed; on large models only when idle. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "apply-postgres.h"
#include "apply.h"
#include "diff.h"
#include "edit.h"
#include "model-yaml.h"
#include "pg-uri.h"
#include "plan.h"
#include "source.h"
#include "ui-dialog.h"

struct diff_state {
	struct text text;
	char *script;               /* what w writes: exactly the script shown */
	char *summary;
	bool destructive;
	bool valid;
	unsigned long generation;
	const struct dialect *dialect;
	bool from_db;
	unsigned long epoch;        /* of the sources, see view_diff_reload */

	/* the saved file's model, reloaded when the file changes */
	struct model *saved;
	bool saved_loaded;
	struct timespec saved_mtime;
	off_t saved_size;
	char *saved_problem;
};


static struct diff_state *state(struct ui *ui)
{
	if (!ui->diff)
		ui->diff = xcalloc(1, sizeof *ui->diff);
	return ui->diff;
}

/* "2 tables added, 3 columns altered, 1 destructive" */
char *diff_summary(const struct change_list *cl)
{
	static const struct { enum change_kind kind; const char *one, *many; } words[] = {
		{ CH_ADD_TABLE, "table added", "tables added" },
		{ CH_RENAME_TABLE, "table renamed", "tables renamed" },
		{ CH_DROP_TABLE, "table dropped", "tables dropped" },
		{ CH_ADD_COLUMN, "column added", "columns added" },
		{ CH_ALTER_COLUMN, "column altered", "columns altered" },
		{ CH_RENAME_COLUMN, "column renamed", "columns renamed" },
		{ CH_DROP_COLUMN, "column dropped", "columns dropped" },
		{ CH_ADD_INDEX, "index added", "indexes added" },
		{ CH_DROP_INDEX, "index dropped", "indexes dropped" },
	};
	size_t n = sizeof words / sizeof words[0], counted = 0, destructive = 0;
	struct strbuf sb;

	if (cl->n == 0)
		return xstrdup("no differences");
	sb_init(&sb);
	for (size_t w = 0; w < n; w++) {
		size_t k = 0;

		for (size_t i = 0; i < cl->n; i++)
			k += cl->items[i].kind == words[w].kind;
		if (k)
			sb_printf(&sb, "%s%zu %s", sb.len ? ", " : "", k,
				  k == 1 ? words[w].one : words[w].many);
		counted += k;
	}
	if (cl->n > counted)
		sb_printf(&sb, "%s%zu other change%s", sb.len ? ", " : "", cl->n - counted,
			  cl->n - counted == 1 ? "" : "s");
	for (size_t i = 0; i < cl->n; i++)
		destructive += cl->items[i].destructive;
	if (destructive)
		sb_printf(&sb, ", %zu destructive", destructive);
	return sb_release(&sb);
}

/* The rendered script into t, the statements of destructive changes and
 * the comments that name them marked. */
void diff_text(struct text *t, const char *script, const struct plan *p)
{
	size_t first = t->nlines, pos = 0;
	const char *s;

	text_add_sql(t, script);
	text_finish(t);
	/* the plan's statements appear in order: find each one */
	for (size_t i = 0; i < p->n; i++) {
		const char *at = strstr(script + pos, p->steps[i].sql);
		size_t from = first, to;

		if (!at)
			continue;
		pos = (size_t)(at - script);
		while (from + 1 < t->nlines && t->line[from + 1] - t->line[first] <= pos)
			from++;
		pos += strlen(p->steps[i].sql);
		to = from;
		while (to < t->nlines && t->line[to] - t->line[first] < pos)
			to++;
		if (p->steps[i].change && p->steps[i].change->destructive)
			text_mark_lines(t, from, to, ROLE_DESTRUCTIVE);
	}
	for (size_t i = first; i < t->nlines; i++) {
		size_t len;

		s = text_line(t, i, &len);
		if (len > 2 && s[0] == '-' && s[1] == '-' && memmem(s, len, "DESTRUCTIVE", 11)) {
			text_mark_lines(t, i, i + 1, ROLE_DESTRUCTIVE);
			/* the header names the change on the next line */
			if (i + 1 < t->nlines && (s = text_line(t, i + 1, &len)) && len > 5 &&
			    strncmp(s, "--   ", 5) == 0 && !memmem(s, len, "DESTRUCTIVE", 11))
				text_mark_lines(t, i + 1, i + 2, ROLE_DESTRUCTIVE);
		}
	}
}

const char *ui_db_path(const char *spec, bool *postgres)
{
	*postgres = strncmp(spec, "postgres://", 11) == 0 || strncmp(spec, "postgresql://", 13) == 0;
	if (*postgres)
		return spec;
	if (strncmp(spec, "sqlite:///", 10) == 0)
		return spec + strlen("sqlite://");
	if (strncmp(spec, "sqlite:", 7) == 0)
		return spec + strlen("sqlite:");
	return spec;
}

static void problem(struct diff_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void problem(struct diff_state *st, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	free(st->summary);
	st->summary = sb_release(&sb);
	st->destructive = false;
}

static void load_saved(struct ui *ui, struct diff_state *st)
{
	struct stat sb;
	struct source src;
	struct diag_list dl;
	char *err = NULL;

	if (stat(ui->d->path, &sb) != 0) {
		model_free(st->saved);
		st->saved = model_new();
		st->saved->version = 1;
		st->saved_loaded = true;
		free(st->saved_problem);
		st->saved_problem = NULL;
		memset(&st->saved_mtime, 0, sizeof st->saved_mtime);
		st->saved_size = -1;
		return;
	}
	if (st->saved_loaded && sb.st_size == st->saved_size &&
	    sb.st_mtim.tv_sec == st->saved_mtime.tv_sec &&
	    sb.st_mtim.tv_nsec == st->saved_mtime.tv_nsec)
		return;
	st->saved_loaded = true;
	st->saved_mtime = sb.st_mtim;
	st->saved_size = sb.st_size;
	model_free(st->saved);
	st->saved = NULL;
	free(st->saved_problem);
	st->saved_problem = NULL;
	diag_list_init(&dl);
	if (source_parse(ui->d->path, &src, &err) == 0) {
		if (source_load(&src, &st->saved, &dl, &err) != 0) {
			model_free(st->saved);
			st->saved = NULL;
			st->saved_problem = err ? err : xstrdup(dl.n ? dl.items[0].message : "errors");
			err = NULL;
		}
		source_clear(&src);
	} else {
		st->saved_problem = err;
		err = NULL;
	}
	free(err);
	diag_list_free(&dl);
}

static void render(struct diff_state *st, const struct model *a, const struct model *b,
		   const struct dialect *d)
{
	struct change_list cl;
	struct diag_list dl;
	struct plan p;

	change_list_init(&cl);
	diag_list_init(&dl);
	plan_init(&p, d);
	diff_models(a, b, &cl);
	if (plan_build(a, b, &cl, d, &p, &dl) != 0) {
		problem(st, "no migration can be written: %s", dl.n ? dl.items[0].message : "?");
	} else {
		st->script = plan_render(&p, &cl, NULL);
		diff_text(&st->text, st->script, &p);
		free(st->summary);
		st->summary = diff_summary(&cl);
		for (size_t i = 0; i < cl.n; i++)
			st->destructive |= cl.items[i].destructive;
	}
	plan_free(&p);
	diag_list_free(&dl);
	change_list_free(&cl);
}

static void render_sqlite(struct diff_state *st, const char *path, const struct model *m)
{
	struct apply ap;
	struct diag_list dl;

	diag_list_init(&dl);
	if (apply_open(&ap, path, m, &dl) != 0) {
		problem(st, "%s", dl.n ? dl.items[0].message : "cannot read the database");
	} else {
		st->script = apply_render(&ap);
		diff_text(&st->text, st->script, &ap.plan);
		free(st->summary);
		st->summary = diff_summary(&ap.changes);
		for (size_t i = 0; i < ap.changes.n; i++)
			st->destructive |= ap.changes.items[i].destructive;
	}
	apply_close(&ap);
	diag_list_free(&dl);
}

/* The plan `skema apply` would run on a PostgreSQL schema: its messages
 * name the database by the URI without the password. */
static void render_pg(struct diff_state *st, const char *uri, const struct model *m)
{
	struct apply_pg ap;
	struct diag_list dl;

	diag_list_init(&dl);
	if (apply_pg_open(&ap, uri, m, &dl) != 0) {
		problem(st, "%s", dl.n ? dl.items[0].message : "cannot read the database");
	} else {
		st->script = apply_render(&ap.base);
		diff_text(&st->text, st->script, &ap.base.plan);
		free(st->summary);
		st->summary = diff_summary(&ap.base.changes);
		for (size_t i = 0; i < ap.base.changes.n; i++)
			st->destructive |= ap.base.changes.items[i].destructive;
	}
	apply_pg_close(&ap);
	diag_list_free(&dl);
}

static bool fresh(struct ui *ui, struct diff_state *st)
{
	return st->valid && st->generation == ui->d->generation && st->from_db == ui->diff_from_db &&
	       st->epoch == ui_db_epoch() && (ui->diff_from_db || st->dialect == ui->d->dialect);
}

static bool saved_changed(struct ui *ui, struct diff_state *st)
{
	struct stat sb;

	if (stat(ui->d->path, &sb) != 0)
		return st->saved_size != -1;
	return sb.st_size != st->saved_size || sb.st_mtim.tv_sec != st->saved_mtime.tv_sec ||
	       sb.st_mtim.tv_nsec != st->saved_mtime.tv_nsec;
}

/* Up to date, the saved file included (one stat: cheap per draw). */
static bool current(struct ui *ui, struct diff_state *st)
{
	return fresh(ui, st) && (ui->diff_from_db || !st->saved_loaded || !saved_changed(ui, st));
}

static void update(struct ui *ui)
{
	struct diff_state *st = state(ui);
	struct designer *d = ui->d;

	if (current(ui, st))
		return;
	if (!ui_eager(ui))
		return;
	text_clear(&st->text);
	free(st->script);
	st->script = NULL;
	st->destructive = false;
	st->valid = true;
	st->generation = d->generation;
	st->dialect = d->dialect;
	st->from_db = ui->diff_from_db;
	st->epoch = ui_db_epoch();
	designer_refresh_diags(d);
	ui->status_dirty = true;
	if (d->diags.errors) {
		problem(st, "the model has errors (e shows each): %s", "no migration");
		return;
	}
	if (!ui->diff_from_db) {
		load_saved(ui, st);
		if (!st->saved) {
			problem(st, "the saved file cannot be read: %s", st->saved_problem);
			return;
		}
		render(st, st->saved, d->model, d->dialect);
		return;
	}
	if (!ui->db) {
		problem(st, "%s", "no database: t chooses one (or start with --db TARGET)");
		return;
	}
	{
		bool pg;
		const char *path = ui_db_path(ui->db, &pg);

		if (pg)
			render_pg(st, path, d->model);
		else
			render_sqlite(st, path, d->model);
	}
}

static void diff_draw(struct ui *ui, struct pane *p)
{
	struct diff_state *st = state(ui);
	int rows = p->h - 2;
	char *info;

	update(ui);
	info = xasprintf("%s%s: %s", ui->diff_from_db ? "from the database" : "from the saved file",
			 !st->valid ? "" : current(ui, st) ? "" : " (updating)",
			 st->valid ? st->summary : "computed when idle");
	ui_tab_strip(ui, p, info, theme_attr(st->destructive ? ROLE_DESTRUCTIVE : ROLE_STATUS) |
			 (int)A_BOLD);
	free(info);
	if (p->top + (size_t)rows > st->text.nlines)
		p->top = st->text.nlines > (size_t)rows ? st->text.nlines - (size_t)rows : 0;
	text_draw(p, &st->text, 2, p->top);
}

unsigned ui_choose_db(struct ui *ui)
{
	char *spec = NULL;

	if (!dlg_prompt(ui, "Database", "SQLite path, sqlite:PATH or postgres://URI:",
			ui->db ? ui->db : "", NULL, NULL, NULL, &spec))
		return 0;
	if (!*spec) {
		free(spec);
		return 0;
	}
	free(ui->db);
	ui->db = spec;
	ui_db_changed(ui);
	return UI_HANDLED;
}

static unsigned diff_handle(struct ui *ui, struct pane *p, enum action a)
{
	struct diff_state *st = state(ui);

	switch (a) {
	case ACT_TARGET:
		if (!ui->diff_from_db && !ui->db && !ui_choose_db(ui))
			return UI_HANDLED;
		ui->diff_from_db = !ui->diff_from_db;
		p->top = 0;
		if (ui->diff_from_db) {
			bool pg;
			const char *path = ui_db_path(ui->db, &pg);
			char *shown = pg ? pg_uri_redact(path) : xstrdup(ui->db);

			ui_message(ui, ROLE_STATUS, "the Diff compares from %s", shown);
			free(shown);
		} else {
			ui_message(ui, ROLE_STATUS, "the Diff compares from the saved file");
		}
		return UI_HANDLED | UI_REDRAW;
	case ACT_RELOAD:
		ui_db_changed(ui);
		st->saved_loaded = false;
		return UI_HANDLED | UI_REDRAW;
	case ACT_WRITE: {
		const char *base = strrchr(ui->d->path, '/'), *dot;
		char *name;

		ui->idle_now = true;   /* asked for: compute now, whatever the size */
		update(ui);
		ui->idle_now = false;
		if (!st->script) {
			ui_message(ui, ROLE_STATUS_WARNING, "no migration to write: %s", st->summary);
			return UI_HANDLED | UI_REDRAW;
		}
		base = base ? base + 1 : ui->d->path;
		dot = strrchr(base, '.');
		name = xasprintf("%.*s-migration.sql", dot ? (int)(dot - base) : (int)strlen(base),
				 base);
		ui_write_text_file(ui, "the migration", st->script, name);
		free(name);
		return UI_HANDLED | UI_REDRAW;
	}
	default:
		return text_scroll(&p->top, a, st->text.nlines, p->h - 2);
	}
}

static bool diff_idle(struct ui *ui, struct pane *p)
{
	(void)p;
	if (current(ui, state(ui)))
		return false;
	update(ui);
	return true;
}

static void diff_done(struct ui *ui)
{
	struct diff_state *st = ui->diff;

	if (!st)
		return;
	text_free(&st->text);
	free(st->script);
	free(st->summary);
	model_free(st->saved);
	free(st->saved_problem);
	free(st);
	ui->diff = NULL;
}

const struct view view_diff = {
	.name = "diff",
	.scope = SCOPE_DIFF,
	.draw = diff_draw,
	.handle = diff_handle,
	.click = NULL,
	.idle = diff_idle,
	.done = diff_done,
};
