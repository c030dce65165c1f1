/* ui.c — see ui.h: terminal setup, layout, the loop, global actions. */
#include "ui.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "edit.h"
#include "ui-dialog.h"
#include "ui-input.h"

static volatile sig_atomic_t pending_signal;
static SCREEN *script_screen;
static FILE *script_out, *script_in;

static void on_signal(int sig)
{
	pending_signal = sig;
}

static void signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked read returns and the loop sees the flag */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void layout(struct ui *ui)
{
	int lines = LINES, cols = COLS, body, tw, dw, mw;

	ui->too_small = lines < UI_MIN_LINES || cols < UI_MIN_COLS;
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->pane[i].win) {
			delwin(ui->pane[i].win);
			ui->pane[i].win = NULL;
		}
	if (ui->title)
		delwin(ui->title);
	if (ui->status)
		delwin(ui->status);
	if (ui->keybar)
		delwin(ui->keybar);
	ui->title = ui->status = ui->keybar = NULL;
	if (ui->too_small)
		return;
	body = lines - 3;
	tw = cols / 5;
	if (tw < 16)
		tw = 16;
	if (tw > 30)
		tw = 30;
	dw = cols * 3 / 10;
	mw = cols - tw - dw;
	if (ui->zoom) {
		/* the hidden panes keep a window (drawn to nowhere) */
		tw = mw = 1;
		dw = cols - 2;
	}
	ui->title = newwin(1, cols, 0, 0);
	ui->status = newwin(1, cols, lines - 2, 0);
	ui->keybar = newwin(1, cols, lines - 1, 0);
	ui->pane[PANE_TABLES] = (struct pane){ PANE_TABLES, &view_tables, NULL, 1, 0, body, tw,
					       ui->pane[PANE_TABLES].cursor, ui->pane[PANE_TABLES].top, true };
	ui->pane[PANE_TABLE] = (struct pane){ PANE_TABLE, &view_table, NULL, 1, tw, body, mw,
					      ui->pane[PANE_TABLE].cursor, ui->pane[PANE_TABLE].top, true };
	ui->pane[PANE_DDL] = (struct pane){ PANE_DDL, tab_views[ui->tab], NULL, 1,
					    ui->zoom ? 0 : tw + mw, body, ui->zoom ? cols : dw,
					    ui->pane[PANE_DDL].cursor, ui->pane[PANE_DDL].top, true };
	ui->pane[PANE_HELP] = (struct pane){ PANE_HELP, &view_help, NULL, 1, 0, body, cols,
					     ui->pane[PANE_HELP].cursor, ui->pane[PANE_HELP].top, true };
	for (int i = 0; i < PANE_COUNT; i++) {
		struct pane *p = &ui->pane[i];

		p->win = newwin(p->h, p->w, p->y, p->x);
		keypad(p->win, TRUE);
	}
	ui_dirty_all(ui);
}

void ui_dirty_all(struct ui *ui)
{
	for (int i = 0; i < PANE_COUNT; i++)
		ui->pane[i].dirty = true;
	ui->title_dirty = ui->status_dirty = ui->keybar_dirty = true;
}

int ui_init(struct ui *ui, struct designer *d, const struct theme *theme, char **err)
{
	memset(ui, 0, sizeof *ui);
	ui->d = d;
	ui->theme.name = xstrdup(theme->name);
	memcpy(ui->theme.role, theme->role, sizeof theme->role);
	setlocale(LC_ALL, "");
	signals_install();
	if (input_scripted()) {
		/* tig's way: draw to nowhere, keys from the script */
		const char *term = getenv("TERM");

		script_out = fopen("/dev/null", "w");
		script_in = fopen("/dev/null", "r");
		if (!script_out || !script_in) {
			*err = xstrdup("cannot open /dev/null");
			return -1;
		}
		script_screen = newterm(term && *term ? term : "xterm", script_out, script_in);
		if (!script_screen) {
			*err = xasprintf("unknown terminal type '%s'", term ? term : "");
			return -1;
		}
		set_term(script_screen);
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			*err = xstrdup("the designer needs a terminal "
				       "(or SKEMA_KEYS=FILE for scripted keys)");
			return -1;
		}
		if (!initscr()) {
			*err = xstrdup("cannot initialise the terminal");
			return -1;
		}
	}
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	curs_set(0);
	keypad(stdscr, TRUE);
	mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_DOUBLE_CLICKED, NULL);
	mouseinterval(0);
	theme_apply(&ui->theme);
	ui->focus = PANE_TABLES;
	ui->ddl_synced = (size_t)-1;
	/* keys are read through stdscr, and get_wch repaints stdscr when it
	 * was touched: keep it untouched so it never covers the panes */
	wnoutrefresh(stdscr);
	layout(ui);
	return 0;
}

void ui_done(struct ui *ui)
{
	for (int i = 0; i < PANE_COUNT; i++)
		if (ui->pane[i].win)
			delwin(ui->pane[i].win);
	if (ui->title)
		delwin(ui->title);
	if (ui->status)
		delwin(ui->status);
	if (ui->keybar)
		delwin(ui->keybar);
	endwin();
	if (script_screen) {
		delscreen(script_screen);
		script_screen = NULL;
		fclose(script_out);
		fclose(script_in);
	}
	free(ui->message);
	free(ui->search);
	free(ui->rows);
	for (int t = 0; t < TAB_COUNT; t++)
		if (tab_views[t]->done)
			tab_views[t]->done(ui);
	free(ui->db);
	theme_free(&ui->theme);
}

void ui_message(struct ui *ui, enum role role, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	free(ui->message);
	ui->message = sb_release(&sb);
	ui->message_role = role;
	ui->status_dirty = true;
}

void ui_changed(struct ui *ui, const char *select_table)
{
	if (select_table)
		designer_select(ui->d, select_table);
	designer_table(ui->d);   /* clamps */
	ui->pane[PANE_TABLES].cursor = ui->d->table;
	ui_dirty_all(ui);
}

/* ---- drawing ---- */

int ui_put(WINDOW *w, int y, int x, int width, const char *s, int attr)
{
	return s ? ui_putn(w, y, x, width, s, strlen(s), attr) : 0;
}

int ui_putn(WINDOW *w, int y, int x, int width, const char *s, size_t len, int attr)
{
	mbstate_t st;
	const char *end = s + len;
	int used = 0;

	memset(&st, 0, sizeof st);
	if (width <= 0 || !s)
		return 0;
	wattron(w, attr);
	wmove(w, y, x);
	while (s < end && *s) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, (size_t)(end - s), &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = L'?';
			n = 1;
			memset(&st, 0, sizeof st);
		}
		if (wc == L'\t' || wc == L'\n')
			wc = L' ';
		cw = wcwidth(wc);
		if (cw < 0) {
			wc = L'?';
			cw = 1;
		}
		if (used + cw > width)
			break;
		waddnwstr(w, &wc, 1);
		used += cw;
		s += n;
	}
	wattroff(w, attr);
	return used;
}

void ui_pane_heading(struct ui *ui, struct pane *p, const char *text)
{
	bool focused = ui->focus == p->id || p->id == PANE_HELP;
	int attr = focused ? theme_attr(ROLE_TITLE) : (theme_attr(ROLE_BORDER) | (int)A_BOLD);

	wattron(p->win, attr);
	mvwhline(p->win, 0, 0, ' ', p->w);
	wattroff(p->win, attr);
	ui_put(p->win, 0, 1, p->w - 2, text, attr);
	/* the separator on the right edge keeps panes apart */
	if (p->id != PANE_DDL && p->id != PANE_HELP) {
		wattron(p->win, theme_attr(ROLE_BORDER));
		mvwvline(p->win, 1, p->w - 1, ACS_VLINE, p->h - 1);
		wattroff(p->win, theme_attr(ROLE_BORDER));
	}
}

void ui_scroll_to_cursor(struct pane *p, size_t n, int rows)
{
	if (rows < 1)
		rows = 1;
	if (n == 0) {
		p->cursor = p->top = 0;
		return;
	}
	if (p->cursor >= n)
		p->cursor = n - 1;
	if (p->cursor < p->top)
		p->top = p->cursor;
	if (p->cursor >= p->top + (size_t)rows)
		p->top = p->cursor - (size_t)rows + 1;
	if (p->top + (size_t)rows > n)
		p->top = n > (size_t)rows ? n - (size_t)rows : 0;
}

bool ui_list_move(struct pane *p, enum action a, size_t n, int rows)
{
	size_t old = p->cursor, page = rows > 1 ? (size_t)rows - 1 : 1;

	if (n == 0)
		return false;
	switch (a) {
	case ACT_UP: if (p->cursor > 0) p->cursor--; break;
	case ACT_DOWN: if (p->cursor + 1 < n) p->cursor++; break;
	case ACT_PAGE_UP: p->cursor = p->cursor > page ? p->cursor - page : 0; break;
	case ACT_PAGE_DOWN: p->cursor = p->cursor + page < n ? p->cursor + page : n - 1; break;
	case ACT_FIRST: p->cursor = 0; break;
	case ACT_LAST: p->cursor = n - 1; break;
	default: return false;
	}
	ui_scroll_to_cursor(p, n, rows);
	return p->cursor != old;
}

static void draw_too_small(void)
{
	const char *l1 = "terminal too small";
	char l2[64];
	int y = LINES / 2 - 1;

	snprintf(l2, sizeof l2, "need %dx%d, have %dx%d", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
	erase();
	if (y < 0)
		y = 0;
	mvaddnstr(y, (COLS - (int)strlen(l1)) / 2 > 0 ? (COLS - (int)strlen(l1)) / 2 : 0, l1, COLS);
	if (LINES > 1)
		mvaddnstr(y + 1, (COLS - (int)strlen(l2)) / 2 > 0 ? (COLS - (int)strlen(l2)) / 2 : 0,
			  l2, COLS);
	wnoutrefresh(stdscr);
}

void ui_draw(struct ui *ui)
{
	if (ui->too_small) {
		draw_too_small();
		doupdate();
		return;
	}
	if (ui->title_dirty) {
		title_draw(ui);
		wnoutrefresh(ui->title);
		ui->title_dirty = false;
	}
	if (ui->help_open) {
		struct pane *p = &ui->pane[PANE_HELP];

		if (p->dirty) {
			werase(p->win);
			p->view->draw(ui, p);
			wnoutrefresh(p->win);
			p->dirty = false;
		}
	} else {
		for (int i = PANE_TABLES; i <= PANE_DDL; i++) {
			struct pane *p = &ui->pane[i];

			if (!p->dirty || (ui->zoom && i != PANE_DDL))
				continue;
			werase(p->win);
			p->view->draw(ui, p);
			wnoutrefresh(p->win);
			p->dirty = false;
		}
	}
	if (ui->status_dirty) {
		status_draw(ui);
		wnoutrefresh(ui->status);
		ui->status_dirty = false;
	}
	if (ui->keybar_dirty) {
		keybar_draw(ui);
		wnoutrefresh(ui->keybar);
		ui->keybar_dirty = false;
	}
	doupdate();
}

/* ---- keys ---- */

static void dump_screen(void)
{
	const char *path = input_dump_path();
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	input_dump_screen(f);
	fclose(f);
}

void ui_dump(struct ui *ui)
{
	ui_draw(ui);
	dump_screen();
}

static unsigned long db_epoch = 1;

void ui_db_changed(struct ui *ui)
{
	(void)ui;
	db_epoch++;
}

unsigned long ui_db_epoch(void)
{
	return db_epoch;
}

/* SIGTERM/SIGHUP: keep the user's work, leave the terminal usable. */
static void die_of_signal(struct ui *ui, int sig)
{
	if (ui->d->modified)
		designer_write_recovery(ui->d);
	endwin();
	fprintf(stderr, "skema: %s: %s\n", strsignal(sig),
		ui->d->modified ? "unsaved changes written to the recovery file" : "no unsaved changes");
	_exit(128 + sig);
}

int ui_key(struct ui *ui, int timeout_ms)
{
	for (;;) {
		int k;

		if (pending_signal)
			die_of_signal(ui, pending_signal);
		/* never block for long: a signal must be noticed even if the
		 * terminal restarts the interrupted read */
		k = input_get(input_scripted() ? -1 : timeout_ms < 0 ? 500 : timeout_ms);
		if (pending_signal)
			die_of_signal(ui, pending_signal);
		if (k == INPUT_NONE && timeout_ms < 0 && !input_scripted())
			continue;
		if (k == INPUT_DUMP) {
			ui_draw(ui);
			dump_screen();
			continue;
		}
		if (k == INPUT_END)
			return k;
		if (k == KEYCODE(KEY_RESIZE)) {
			/* the one place a resize is handled */
			layout(ui);
			clear();
			wnoutrefresh(stdscr);
			ui_draw(ui);
			return k;
		}
		return k;
	}
}

/* ---- global actions ---- */

static unsigned do_quit(struct ui *ui)
{
	if (ui->d->modified) {
		int c = dlg_confirm(ui, "Quit",
				    "There are unsaved changes. Save before quitting?",
				    "y save and quit, n quit without saving, Esc stay");

		if (c == 'y') {
			char *err = NULL;

			if (designer_save(ui->d, &err) != 0) {
				ui_message(ui, ROLE_STATUS_ERROR, "not saved: %s", err);
				free(err);
				return UI_HANDLED;
			}
		} else if (c != 'n') {
			return UI_HANDLED;
		}
	}
	if (!ui->d->recovery_deferred)
		designer_remove_recovery(ui->d);
	return UI_HANDLED | UI_QUIT;
}

static unsigned do_save(struct ui *ui)
{
	char *err = NULL;

	if (ui->d->file_invalid &&
	    dlg_confirm(ui, "Save", "The file had errors when it was opened. Overwrite it?",
			"y overwrite, n cancel") != 'y')
		return UI_HANDLED;
	designer_refresh_diags(ui->d);
	if (ui->d->diags.errors &&
	    dlg_confirm(ui, "Save", "The model has errors (e jumps to each). Save anyway?",
			"y save, n cancel") != 'y')
		return UI_HANDLED;
	if (designer_save(ui->d, &err) != 0) {
		ui_message(ui, ROLE_STATUS_ERROR, "not saved: %s", err);
		free(err);
	} else {
		ui_message(ui, ROLE_STATUS, "saved %s", ui->d->path);
	}
	ui->title_dirty = true;
	return UI_HANDLED;
}

static unsigned do_step(struct ui *ui, bool redo)
{
	struct diag_list dl;
	const char *label = NULL;
	int rc;

	diag_list_init(&dl);
	rc = redo ? designer_redo(ui->d, &label, &dl) : designer_undo(ui->d, &label, &dl);
	if (rc != 0)
		ui_message(ui, ROLE_STATUS_WARNING, "%s",
			   dl.n ? dl.items[0].message : redo ? "nothing to redo" : "nothing to undo");
	else
		ui_message(ui, ROLE_STATUS, "%s: %s", redo ? "redone" : "undone", label);
	diag_list_free(&dl);
	ui_changed(ui, NULL);
	return UI_HANDLED | UI_CHANGED;
}

static bool name_matches(const char *name, const char *needle)
{
	return strcasestr(name, needle) != NULL;
}

/* Search from the position after the cursor, wrapping once around. */
static unsigned do_search_next(struct ui *ui)
{
	const struct model *m = ui->d->model;
	size_t n = m->tables.n, start = ui->d->table;
	long start_col = -1;
	const struct trow *r;

	if (!ui->search || !*ui->search || n == 0)
		return UI_HANDLED;
	table_rows_update(ui);
	if (ui->focus == PANE_TABLE && (r = table_row_current(ui)) && r->sec == SEC_COLUMNS)
		start_col = r->index;
	for (size_t k = 0; k <= n; k++) {
		size_t ti = (start + k) % n;
		const struct table *t = PLIST_AT(&m->tables, struct table, ti);
		long from = k == 0 ? start_col + 1 : 0;

		if (k > 0 && name_matches(t->name, ui->search)) {
			ui->d->table = ti;
			ui->focus = PANE_TABLES;
			ui_changed(ui, NULL);
			ui_message(ui, ROLE_STATUS, "table %s", t->name);
			return UI_HANDLED | UI_SELECTION;
		}
		for (size_t c = (size_t)(from < 0 ? 0 : from); c < t->columns.n; c++) {
			const struct column *col = PLIST_AT(&t->columns, struct column, c);

			if (name_matches(col->name, ui->search)) {
				ui->d->table = ti;
				ui_changed(ui, NULL);
				ui->focus = PANE_TABLE;
				table_rows_update(ui);
				table_row_select(ui, SEC_COLUMNS, (long)c);
				ui_message(ui, ROLE_STATUS, "column %s.%s", t->name, col->name);
				return UI_HANDLED | UI_SELECTION;
			}
		}
	}
	ui_message(ui, ROLE_STATUS_WARNING, "'%s' not found", ui->search);
	return UI_HANDLED;
}

static unsigned do_search(struct ui *ui)
{
	char *text = NULL;

	if (!dlg_prompt(ui, "Search", "table or column name contains:",
			ui->search ? ui->search : "", NULL, NULL, NULL, &text))
		return UI_HANDLED;
	free(ui->search);
	ui->search = text;
	/* the current table counts as a match too */
	if (ui->d->model->tables.n &&
	    name_matches(PLIST_AT(&ui->d->model->tables, struct table, ui->d->table)->name, text) &&
	    ui->focus == PANE_TABLES) {
		ui_message(ui, ROLE_STATUS, "table %s",
			   PLIST_AT(&ui->d->model->tables, struct table, ui->d->table)->name);
		return UI_HANDLED;
	}
	return do_search_next(ui);
}

static unsigned do_next_diag(struct ui *ui)
{
	struct designer *d = ui->d;
	const struct diag *dg;
	size_t ti;
	long ci;

	designer_refresh_diags(d);
	if (d->diags.n == 0) {
		ui_message(ui, ROLE_STATUS, "no errors or warnings");
		return UI_HANDLED;
	}
	if (d->diag_cursor >= d->diags.n)
		d->diag_cursor = 0;
	dg = &d->diags.items[d->diag_cursor];
	ui_message(ui, dg->severity == SEV_ERROR ? ROLE_STATUS_ERROR : ROLE_STATUS_WARNING,
		   "%zu/%zu %s: %s", d->diag_cursor + 1, d->diags.n,
		   dg->severity == SEV_ERROR ? "error" : "warning", dg->message);
	d->diag_cursor++;
	if (designer_locate(d, dg->message, &ti, &ci)) {
		d->table = ti;
		ui_changed(ui, NULL);
		if (ci >= 0) {
			ui->focus = PANE_TABLE;
			table_rows_update(ui);
			table_row_select(ui, SEC_COLUMNS, ci);
		}
		ui->status_dirty = true;
		return UI_HANDLED | UI_SELECTION;
	}
	return UI_HANDLED;
}

static unsigned do_dialect(struct ui *ui)
{
	const struct dialect *order[] = { &dialect_sqlite, &dialect_postgres, &dialect_mysql };
	size_t n = sizeof order / sizeof order[0];

	for (size_t i = 0; i < n; i++)
		if (ui->d->dialect == order[i]) {
			ui->d->dialect = order[(i + 1) % n];
			break;
		}
	ui_message(ui, ROLE_STATUS, "DDL preview in %s", ui->d->dialect->title);
	ui->pane[PANE_DDL].top = 0;
	ui->pane[PANE_DDL].dirty = true;
	ui->ddl_synced = (size_t)-1;   /* scroll to the selected table again */
	ui->title_dirty = true;
	return UI_HANDLED;
}

const struct view *const tab_views[TAB_COUNT] = {
	[TAB_DDL] = &view_ddl,
	[TAB_DIFF] = &view_diff,
	[TAB_APPLY] = &view_apply,
	[TAB_ER] = &view_er,
};

static const char *const tab_names[TAB_COUNT] = {
	[TAB_DDL] = "DDL", [TAB_DIFF] = "Diff", [TAB_APPLY] = "Apply", [TAB_ER] = "ER",
};

void ui_show_tab(struct ui *ui, enum tab t, bool focus)
{
	struct pane *p = &ui->pane[PANE_DDL];

	if (ui->tab != t) {
		ui->tab = t;
		p->view = tab_views[t];
		p->top = p->cursor = 0;
		ui->ddl_synced = (size_t)-1;
	}
	if (focus)
		ui->focus = PANE_DDL;
	if (ui->help_open)
		ui->help_open = false;
	ui_dirty_all(ui);
}

bool ui_eager(const struct ui *ui)
{
	return ui->idle_now || ui->d->model->tables.n <= UI_EAGER_TABLES;
}

void ui_tab_strip(struct ui *ui, struct pane *p, const char *info, int info_attr)
{
	bool focused = ui->focus == p->id;
	int head = focused ? theme_attr(ROLE_TITLE) : (theme_attr(ROLE_BORDER) | (int)A_BOLD);
	int x = 1;

	wattron(p->win, head);
	mvwhline(p->win, 0, 0, ' ', p->w);
	wattroff(p->win, head);
	for (int t = 0; t < TAB_COUNT && x < p->w - 1; t++) {
		bool on = (enum tab)t == ui->tab;
		int attr = on ? theme_attr(ROLE_SELECTED) | (int)A_BOLD : head;

		/* brackets too: the current tab must show without colour */
		x += ui_put(p->win, 0, x, p->w - 1 - x, on ? "[" : " ", head);
		x += ui_put(p->win, 0, x, p->w - 1 - x, tab_names[t], attr);
		x += ui_put(p->win, 0, x, p->w - 1 - x, on ? "]" : " ", head);
	}
	if (info)
		ui_put(p->win, 1, 1, p->w - 2, info, info_attr);
}

static unsigned global_action(struct ui *ui, enum action a)
{
	switch (a) {
	case ACT_HELP:
		ui->help_open = !ui->help_open;
		ui->pane[PANE_HELP].cursor = ui->pane[PANE_HELP].top = 0;
		ui_dirty_all(ui);
		return UI_HANDLED;
	case ACT_SAVE: return do_save(ui);
	case ACT_QUIT: return do_quit(ui);
	case ACT_UNDO: return do_step(ui, false);
	case ACT_REDO: return do_step(ui, true);
	case ACT_SEARCH: return do_search(ui);
	case ACT_SEARCH_NEXT: return do_search_next(ui);
	case ACT_NEXT_DIAG: return do_next_diag(ui);
	case ACT_DIALECT: return do_dialect(ui);
	case ACT_ENUMS: return flow_enums(ui);
	case ACT_MODEL_NAME: return flow_model_name(ui);
	case ACT_VIEWS: return flow_sql_objects(ui, false);
	case ACT_TRIGGERS: return flow_sql_objects(ui, true);
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		ui_dirty_all(ui);
		return UI_HANDLED;
	case ACT_TAB_DDL: ui_show_tab(ui, TAB_DDL, true); return UI_HANDLED;
	case ACT_TAB_DIFF: ui_show_tab(ui, TAB_DIFF, true); return UI_HANDLED;
	case ACT_TAB_APPLY: ui_show_tab(ui, TAB_APPLY, true); return UI_HANDLED;
	case ACT_TAB_ER: ui_show_tab(ui, TAB_ER, true); return UI_HANDLED;
	case ACT_TAB_NEXT:
		ui_show_tab(ui, (ui->tab + 1) % TAB_COUNT, true);
		return UI_HANDLED;
	case ACT_TAB_PREV:
		ui_show_tab(ui, (ui->tab + TAB_COUNT - 1) % TAB_COUNT, true);
		return UI_HANDLED;
	case ACT_ZOOM:
		ui->zoom = !ui->zoom;
		ui->focus = PANE_DDL;
		layout(ui);
		clear();
		wnoutrefresh(stdscr);
		return UI_HANDLED;
	case ACT_EXPORT: return ui_export(ui);
	case ACT_PANE_NEXT:
	case ACT_RIGHT:
		if (ui->zoom) {
			ui->zoom = false;
			layout(ui);
		}
		ui->focus = ui->focus == PANE_DDL ? PANE_TABLES : ui->focus + 1;
		ui_dirty_all(ui);
		return UI_HANDLED;
	case ACT_PANE_PREV:
	case ACT_LEFT:
		if (ui->zoom) {
			ui->zoom = false;
			layout(ui);
		}
		ui->focus = ui->focus == PANE_TABLES ? PANE_DDL : ui->focus - 1;
		ui_dirty_all(ui);
		return UI_HANDLED;
	default:
		return 0;
	}
}

static unsigned click(struct ui *ui)
{
	int x, y;

	if (!input_mouse(&x, &y) || ui->too_small || ui->help_open)
		return 0;
	for (int i = ui->zoom ? PANE_DDL : PANE_TABLES; i <= PANE_DDL; i++) {
		struct pane *p = &ui->pane[i];

		if (y >= p->y && y < p->y + p->h && x >= p->x && x < p->x + p->w) {
			unsigned f = UI_HANDLED;

			if (ui->focus != p->id) {
				ui->focus = p->id;
				ui_dirty_all(ui);
			}
			if (p->view->click)
				f |= p->view->click(ui, p, y - p->y, x - p->x);
			return f;
		}
	}
	return 0;
}

static void apply_flags(struct ui *ui, unsigned f)
{
	if (f & UI_CHANGED) {
		ui_dirty_all(ui);
		return;
	}
	if (f & UI_SELECTION) {
		ui->pane[PANE_TABLES].dirty = true;
		ui->pane[PANE_TABLE].dirty = true;
		ui->pane[PANE_DDL].dirty = true;
		ui->status_dirty = true;
	}
	if (f & UI_REDRAW)
		ui->pane[ui->help_open ? PANE_HELP : ui->focus].dirty = true;
}

void ui_handle_key(struct ui *ui, int k)
{
	struct pane *p;
	unsigned scope, f = 0;
	enum action a;

	if (k == KEYCODE(KEY_RESIZE) || ui->too_small) {
		if (k == 'q' || k == KEYCODE(KEY_F(10)))
			f = global_action(ui, ACT_QUIT);
		ui->quit = f & UI_QUIT;
		return;
	}
	if (ui->message) {
		free(ui->message);
		ui->message = NULL;
		ui->status_dirty = true;
	}
	if (k == KEYCODE(KEY_MOUSE)) {
		apply_flags(ui, click(ui));
		return;
	}
	p = &ui->pane[ui->help_open ? PANE_HELP : ui->focus];
	scope = p->view->scope;
	a = action_for_key(k, scope);
	if (ui->help_open && (k == KEY_ESCAPE || k == 'q'))
		a = ACT_HELP;   /* leaving help is the natural thing to try */
	if (a == ACT_NONE) {
		ui_message(ui, ROLE_STATUS_WARNING, "%s: no action here (? shows the keys)",
			   key_name(k));
		return;
	}
	if (p->view->handle)
		f = p->view->handle(ui, p, a);
	if (!(f & UI_HANDLED)) {
		if (ui->help_open && a != ACT_HELP && a != ACT_QUIT && a != ACT_REDRAW) {
			ui->help_open = false;
			ui_dirty_all(ui);
		}
		f = global_action(ui, a);
	}
	if (!(f & UI_HANDLED))
		ui_message(ui, ROLE_STATUS_WARNING, "%s: not available in this pane",
			   action_get(a)->name);
	apply_flags(ui, f);
	if (f & UI_QUIT)
		ui->quit = true;
}

void ui_idle(struct ui *ui)
{
	struct pane *p = &ui->pane[PANE_DDL];

	/* the O(model) check runs now, not per keystroke */
	if (ui->d->diags_stale) {
		designer_refresh_diags(ui->d);
		ui->status_dirty = true;
	}
	/* and so does the shown tab's O(model) work on large models */
	ui->idle_now = true;
	if (p->view->idle && !ui->too_small && p->view->idle(ui, p))
		p->dirty = true;
	ui->idle_now = false;
}

void ui_run(struct ui *ui)
{
	while (!ui->quit) {
		int k;

		ui_draw(ui);
		k = ui_key(ui, 300);
		if (k == INPUT_END)
			break;
		if (k == INPUT_NONE)
			ui_idle(ui);
		else
			ui_handle_key(ui, k);
	}
	if (input_scripted()) {
		ui_idle(ui);
		ui_draw(ui);
		dump_screen();
	}
}
