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
 * view-tables.c, view-table.c, view-ddl.c, view-help.c.  Dialogs
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

enum pane_id { PANE_TABLES, PANE_TABLE, PANE_DDL, PANE_HELP, PANE_COUNT };

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

	/* DDL preview of the selected table */
	char *ddl;
	char **ddl_lines;
	size_t ddl_nlines;
	unsigned long ddl_generation;
	const struct table *ddl_table;
	const struct dialect *ddl_dialect;
};

extern const struct view view_tables, view_table, view_ddl, view_help;

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
void ui_pane_heading(struct ui *ui, struct pane *p, const char *text);
/* Keep p->cursor visible within rows rows of n. */
void ui_scroll_to_cursor(struct pane *p, size_t n, int rows);
/* Move a list cursor for a movement action; true when it moved. */
bool ui_list_move(struct pane *p, enum action a, size_t n, int rows);

#endif
