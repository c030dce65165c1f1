/* ui.h — the screen manager and the contract between it and the views.
 *
 * One loop (ui_run) reads a key, maps it to an action through the action
 * table, offers it to the focused pane's view, then to the global
 * handler; handlers return flags (handled, what to redraw, quit) and the
 * loop repaints only the dirty windows (wnoutrefresh each, one doupdate).
 * KEY_RESIZE is handled in one place (ui_key).  Below the minimum size a
 * "terminal too small" screen replaces everything.
 *
 * Views are tables of functions (struct view), one file each:
 * view-tables.c, view-table.c, view-help.c, and the right pane's tabs
 * view-ddl.c, view-diff.c, view-apply.c, view-er.c (the pane shows the
 * view of the current tab under a tab strip).  Work that costs O(model)
 * (the whole DDL, the diff, the ER layout) is cached by the model's
 * generation and, on large models, recomputed only when idle (the view's
 * idle function), so that a keystroke stays cheap at 5,000 tables.  Dialogs
 * (ui-dialog.h) run their own small loops but read keys through ui_key,
 * so resizes, signals and scripted screen dumps work inside them too. */
#ifndef SKEMA_UI_H
#define SKEMA_UI_H

#include <curses.h>
#include <stdbool.h>

#include "actions.h"
#include "designer.h"
#include "theme.h"

#define UI_MIN_COLS 60
#define UI_MIN_LINES 16

/* PANE_DDL is the right pane, whatever tab it shows. */
enum pane_id { PANE_TABLES, PANE_TABLE, PANE_DDL, PANE_HELP, PANE_COUNT };

enum tab { TAB_DDL, TAB_DIFF, TAB_APPLY, TAB_ER, TAB_COUNT };

/* Up to this many tables, O(model) work is done at once; above, when
 * idle. */
#define UI_EAGER_TABLES 400

/* Handler results. */
enum {
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,      /* the pane itself */
	UI_SELECTION = 1 << 2,   /* the selected table changed: dependants */
	UI_CHANGED = 1 << 3,     /* the model changed: everything */
	UI_QUIT = 1 << 4,
};

struct ui;
struct pane;

struct view {
	const char *name;
	unsigned scope;                        /* SCOPE_* of its key bindings */
	void (*draw)(struct ui *ui, struct pane *p);
	unsigned (*handle)(struct ui *ui, struct pane *p, enum action a);
	unsigned (*click)(struct ui *ui, struct pane *p, int y, int x);
	/* Deferred work (may be NULL): true when something was recomputed. */
	bool (*idle)(struct ui *ui, struct pane *p);
	/* Free the view's state in struct ui (may be NULL). */
	void (*done)(struct ui *ui);
};

/* A scrollable text with a colour role per byte (ui-text.c): the DDL,
 * migration scripts, logs. */
struct text {
	char *buf;
	unsigned char *role;
	size_t len, cap;
	size_t *line;            /* byte offset where each line starts */
	size_t nlines, line_cap;
};

struct pane {
	enum pane_id id;
	const struct view *view;
	WINDOW *win;
	int y, x, h, w;
	size_t cursor, top;      /* the row under the cursor, the first shown */
	bool dirty;
};

/* A row of the Table pane. */
enum section { SEC_COLUMNS, SEC_PKEY, SEC_INDEXES, SEC_CHECKS, SEC_FKEYS, SEC_UNIQUES,
	       SEC_LINKS, SEC_COUNT };
struct trow {
	enum section sec;
	long index;              /* -1: the section's heading */
};

struct ui {
	struct designer *d;
	struct theme theme;
	struct pane pane[PANE_COUNT];
	enum pane_id focus;
	bool help_open;
	WINDOW *title, *status, *keybar;
	bool title_dirty, status_dirty, keybar_dirty;
	bool too_small;
	bool quit;

	char *message;           /* shown in the status line until the next key */
	enum role message_role;
	char *search;            /* the last search */

	/* Table pane rows, rebuilt when the model or the selection changes */
	struct trow *rows;
	size_t nrows, rows_cap;
	unsigned long rows_generation;
	const struct table *rows_table;
	size_t rows_index;

	/* The right pane */
	enum tab tab;
	bool zoom;               /* it covers the whole width */
	bool idle_now;           /* inside ui_idle: deferred work may run */
	char *db;                /* the target database (--db or chosen), or NULL */
	bool diff_from_db;       /* the Diff tab compares from the database */

	/* DDL tab (view-ddl.c): the whole model's script */
	struct text ddl;
	size_t *ddl_table_line;  /* per table: the line of its CREATE TABLE */
	size_t ddl_ntables;
	unsigned long ddl_generation;
	const struct dialect *ddl_dialect;
	bool ddl_valid;
	size_t ddl_synced;       /* the selection the view last scrolled to */

	struct diff_state *diff;    /* view-diff.c */
	struct apply_state *apply;  /* view-apply.c */
	struct er_state *er;        /* view-er.c */
};

extern const struct view view_tables, view_table, view_ddl, view_help;
extern const struct view view_diff, view_apply, view_er;
/* The view of each tab, and its name in the tab strip. */
extern const struct view *const tab_views[TAB_COUNT];

/* Show a tab in the right pane (and focus it when focus). */
void ui_show_tab(struct ui *ui, enum tab t, bool focus);
/* May O(model) work run now?  (small model, or idle) */
bool ui_eager(const struct ui *ui);
/* The tab strip on the right pane's first row, an info line on the
 * second (NULL: none); the content starts on row 2. */
void ui_tab_strip(struct ui *ui, struct pane *p, const char *info, int info_attr);

/* ui-text.c */
void text_init(struct text *t);
void text_free(struct text *t);
void text_clear(struct text *t);
void text_add(struct text *t, enum role r, const char *s);
void text_addf(struct text *t, enum role r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* SQL coloured by token (sql-lexer.h): keywords, identifiers, strings,
 * comments. */
void text_add_sql(struct text *t, const char *sql);
/* Index the lines; call after adding. */
void text_finish(struct text *t);
/* The line's text (not NUL-terminated) and its length. */
const char *text_line(const struct text *t, size_t i, size_t *len);
/* Give lines [from, to) role r where they have the normal role or an SQL
 * role (destructive changes). */
void text_mark_lines(struct text *t, size_t from, size_t to, enum role r);
/* Draw lines top.. into p from window row y0 to the bottom. */
void text_draw(struct pane *p, const struct text *t, int y0, size_t top);
/* Scroll *top for a movement action over n lines shown in rows rows;
 * UI_HANDLED|UI_REDRAW, or 0 for other actions. */
unsigned text_scroll(size_t *top, enum action a, size_t n, int rows);
/* Write t's text to a file chosen in a prompt (default name given). */
unsigned ui_write_text_file(struct ui *ui, const char *what, const char *text,
			    const char *default_name);
/* The sources of the Diff and Apply tabs changed (a database was
 * applied to, chosen, or reload asked for): read them again when next
 * shown.  The epoch counts those events. */
void ui_db_changed(struct ui *ui);
unsigned long ui_db_epoch(void);
/* Repaint, then append the screen to $SKEMA_DUMP (scripted tests). */
void ui_dump(struct ui *ui);
/* "2 tables added, 3 columns altered, 1 destructive" (owned). */
struct change_list;
struct plan;
char *diff_summary(const struct change_list *cl);
/* A migration script into t, destructive changes marked. */
void diff_text(struct text *t, const char *script, const struct plan *p);
/* TARGET as a path (sqlite:PATH, sqlite:///PATH, PATH) or a postgres URI. */
const char *ui_db_path(const char *spec, bool *postgres);
/* Prompt for the target database; UI_HANDLED when one was chosen. */
unsigned ui_choose_db(struct ui *ui);
/* export (ui-export.c) */
unsigned ui_export(struct ui *ui);

/* Set up the terminal (setlocale, initscr or newterm on /dev/null in
 * script mode, mouse, theme); -1 with *err on failure. */
int ui_init(struct ui *ui, struct designer *d, const struct theme *theme, char **err);
void ui_done(struct ui *ui);
/* The loop; returns when the user quits or the script ends. */
void ui_run(struct ui *ui);
/* One turn of the loop: map the key to an action and run it (the loop
 * and the benchmark use it).  Then ui_draw repaints what it dirtied. */
void ui_handle_key(struct ui *ui, int key);
/* Work deferred to idle time: the whole-model check. */
void ui_idle(struct ui *ui);

/* The next key for any loop: handles resize (relayout and redraw under
 * dialogs), pending signals (recovery file, exit) and screen dumps.
 * Returns a key, KEYCODE(KEY_RESIZE) after a resize (redraw yourself),
 * INPUT_NONE when idle, or INPUT_END when the script ended (cancel). */
int ui_key(struct ui *ui, int timeout_ms);
/* Repaint what is dirty, then doupdate. */
void ui_draw(struct ui *ui);
/* Everything dirty (after a dialog closed, a resize, a model change). */
void ui_dirty_all(struct ui *ui);
void ui_message(struct ui *ui, enum role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* After an edit: select name when given, rebuild caches, redraw. */
void ui_changed(struct ui *ui, const char *select_table);

/* Table pane rows (view-table.c); rebuilt lazily. */
void table_rows_update(struct ui *ui);
const struct trow *table_row_current(struct ui *ui);
void table_row_select(struct ui *ui, enum section sec, long index);
/* Links that name table t, as indexes in model->links. */
size_t table_links(const struct model *m, const struct table *t, size_t *out, size_t max);

/* The status line and the key bar (ui-status.c, ui-keybar.c). */
void status_draw(struct ui *ui);
void keybar_draw(struct ui *ui);
void title_draw(struct ui *ui);

/* Shared drawing helpers: put UTF-8 text at y,x clipped to w columns;
 * returns the columns used. */
int ui_put(WINDOW *w, int y, int x, int width, const char *s, int attr);
/* The same for the first len bytes of s. */
int ui_putn(WINDOW *w, int y, int x, int width, const char *s, size_t len, int attr);
void ui_pane_heading(struct ui *ui, struct pane *p, const char *text);
/* Keep p->cursor visible within rows rows of n. */
void ui_scroll_to_cursor(struct pane *p, size_t n, int rows);
/* Move a list cursor for a movement action; true when it moved. */
bool ui_list_move(struct pane *p, enum action a, size_t n, int rows);

#endif
