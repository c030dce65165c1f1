/* view-er.c — the ER tab: the diagram of er-layout.h drawn with
 * line-drawing characters, panned with the movement keys.  The selected
 * table (the same as in the Tables pane) is highlighted and brought into
 * view when it changes; f jumps to a table by name; Shift+arrows (or
 * H J K L) move it, each move an undoable `layout:` op.
 *
 * The layout is cached by the model's generation: a keystroke that only
 * pans costs a pass over the boxes and lines (clipped to the view), and
 * on large models a changed model is laid out again only when idle.  A
 * move made here re-routes the moved table's lines only. */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "edit.h"
#include "er-layout.h"
#include "ui-dialog.h"

struct er_state {
	struct er_layout lay;
	bool valid;
	unsigned long generation;
	int vx, vy;                 /* the canvas cell at the view's top left */
	size_t synced;              /* the selection last brought into view */
	unsigned long moved_gen;    /* generation after our last move */
	size_t moved_table;
	unsigned char *grid;        /* line directions of the visible cells */
	size_t grid_cap;
};

enum { DIR_UP = 1, DIR_DOWN = 2, DIR_LEFT = 4, DIR_RIGHT = 8 };

static struct er_state *state(struct ui *ui)
{
	if (!ui->er) {
		ui->er = xcalloc(1, sizeof *ui->er);
		ui->er->synced = (size_t)-1;
	}
	return ui->er;
}

static bool fresh(struct ui *ui, struct er_state *st)
{
	return st->valid && st->generation == ui->d->generation &&
	       st->lay.nboxes == ui->d->model->tables.n;
}

static void update(struct ui *ui)
{
	struct er_state *st = state(ui);

	if (fresh(ui, st) || !ui_eager(ui))
		return;
	er_layout_build(&st->lay, ui->d->model);
	st->valid = true;
	st->generation = ui->d->generation;
	st->synced = (size_t)-1;
}

static int view_h(const struct pane *p)
{
	return p->h - 2 > 0 ? p->h - 2 : 1;
}

static void clamp(struct er_state *st, const struct pane *p)
{
	int mx = st->lay.width - p->w, my = st->lay.height - view_h(p);

	if (st->vx > mx)
		st->vx = mx;
	if (st->vy > my)
		st->vy = my;
	if (st->vx < 0)
		st->vx = 0;
	if (st->vy < 0)
		st->vy = 0;
}

/* Bring box i into view (centred when it was not). */
static void show_box(struct er_state *st, const struct pane *p, size_t i)
{
	const struct er_box *b;
	int vh = view_h(p);

	if (i >= st->lay.nboxes)
		return;
	b = &st->lay.boxes[i];
	if (b->x >= st->vx && b->x + b->w <= st->vx + p->w && b->y >= st->vy &&
	    b->y + b->h <= st->vy + vh)
		return;
	st->vx = b->x + b->w / 2 - p->w / 2;
	st->vy = b->y + b->h / 2 - vh / 2;
	if (b->w > p->w)
		st->vx = b->x;
	if (b->h > vh)
		st->vy = b->y;
	clamp(st, p);
}

/* ---- drawing ---- */

static void mark(struct er_state *st, const struct pane *p, int x, int y, unsigned char bits)
{
	int sx = x - st->vx, sy = y - st->vy;

	if (sx >= 0 && sx < p->w && sy >= 0 && sy < view_h(p))
		st->grid[(size_t)sy * (size_t)p->w + (size_t)sx] |= bits;
}

static void mark_segment(struct er_state *st, const struct pane *p, struct er_point a,
			 struct er_point b)
{
	int vh = view_h(p);

	if (a.y == b.y) {
		int lo = a.x < b.x ? a.x : b.x, hi = a.x < b.x ? b.x : a.x;

		if (a.y < st->vy || a.y >= st->vy + vh || hi < st->vx || lo >= st->vx + p->w)
			return;
		if (lo < st->vx - 1)
			lo = st->vx - 1;
		if (hi > st->vx + p->w)
			hi = st->vx + p->w;
		for (int x = lo; x <= hi; x++)
			mark(st, p, x, a.y, (x > lo || lo == st->vx - 1 ? DIR_LEFT : 0) |
					    (x < hi || hi == st->vx + p->w ? DIR_RIGHT : 0));
	} else {
		int lo = a.y < b.y ? a.y : b.y, hi = a.y < b.y ? b.y : a.y;

		if (a.x < st->vx || a.x >= st->vx + p->w || hi < st->vy || lo >= st->vy + vh)
			return;
		if (lo < st->vy - 1)
			lo = st->vy - 1;
		if (hi > st->vy + vh)
			hi = st->vy + vh;
		for (int y = lo; y <= hi; y++)
			mark(st, p, a.x, y, (y > lo || lo == st->vy - 1 ? DIR_UP : 0) |
					    (y < hi || hi == st->vy + vh ? DIR_DOWN : 0));
	}
}

static chtype line_char(unsigned char b)
{
	switch (b) {
	case DIR_LEFT | DIR_RIGHT: case DIR_LEFT: case DIR_RIGHT: return ACS_HLINE;
	case DIR_UP | DIR_DOWN: case DIR_UP: case DIR_DOWN: return ACS_VLINE;
	case DIR_DOWN | DIR_RIGHT: return ACS_ULCORNER;
	case DIR_DOWN | DIR_LEFT: return ACS_URCORNER;
	case DIR_UP | DIR_RIGHT: return ACS_LLCORNER;
	case DIR_UP | DIR_LEFT: return ACS_LRCORNER;
	case DIR_UP | DIR_DOWN | DIR_RIGHT: return ACS_LTEE;
	case DIR_UP | DIR_DOWN | DIR_LEFT: return ACS_RTEE;
	case DIR_LEFT | DIR_RIGHT | DIR_DOWN: return ACS_TTEE;
	case DIR_LEFT | DIR_RIGHT | DIR_UP: return ACS_BTEE;
	default: return ACS_PLUS;
	}
}

/* One canvas cell, if visible. */
static void put_cell(struct er_state *st, struct pane *p, int x, int y, chtype ch, int attr)
{
	int sx = x - st->vx, sy = y - st->vy;

	if (sx >= 0 && sx < p->w && sy >= 0 && sy < view_h(p))
		mvwaddch(p->win, sy + 2, sx, ch | (chtype)attr);
}

/* Text on the canvas from x, at most width cells, clipped to the view. */
static int put_text(struct er_state *st, struct pane *p, int x, int y, int width, const char *s,
		    int attr)
{
	int sy = y - st->vy, used = 0;
	mbstate_t mb;

	if (sy < 0 || sy >= view_h(p))
		return 0;
	memset(&mb, 0, sizeof mb);
	while (*s && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, strlen(s), &mb);
		int sx = x + used - st->vx;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			wc = L'?';
			n = 1;
			memset(&mb, 0, sizeof mb);
		}
		if (sx >= 0 && sx < p->w) {
			wattron(p->win, attr);
			mvwaddnwstr(p->win, sy + 2, sx, &wc, 1);
			wattroff(p->win, attr);
		}
		used++;
		s += n;
	}
	return used;
}

static bool box_visible(const struct er_state *st, const struct pane *p, const struct er_box *b)
{
	return b->x < st->vx + p->w && b->x + b->w > st->vx && b->y < st->vy + view_h(p) &&
	       b->y + b->h > st->vy;
}

static void draw_box(struct ui *ui, struct er_state *st, struct pane *p, size_t i)
{
	const struct er_box *b = &st->lay.boxes[i];
	const struct model *m = ui->d->model;
	const struct table *t;
	bool sel = i == ui->d->table;
	int border = sel ? theme_attr(ROLE_TABLE_NAME) | (int)A_BOLD : theme_attr(ROLE_BORDER);
	int iw = b->w - 2;

	if (i >= m->tables.n)
		return;
	t = PLIST_AT(&m->tables, struct table, i);
	for (int y = b->y; y < b->y + b->h; y++) {
		bool top = y == b->y, bottom = y == b->y + b->h - 1, sep = y == b->y + 2;

		for (int x = b->x; x < b->x + b->w; x++) {
			bool left = x == b->x, right = x == b->x + b->w - 1;
			chtype ch = ' ';
			int attr = border;

			if (top || bottom || sep) {
				ch = ACS_HLINE;
				if (left)
					ch = top ? ACS_ULCORNER : bottom ? ACS_LLCORNER : ACS_LTEE;
				else if (right)
					ch = top ? ACS_URCORNER : bottom ? ACS_LRCORNER : ACS_RTEE;
			} else if (left || right) {
				ch = ACS_VLINE;
			} else {
				attr = sel && y == b->y + 1 ? theme_attr(ROLE_CURSOR)
							    : theme_attr(ROLE_NORMAL);
			}
			put_cell(st, p, x, y, ch, attr);
		}
	}
	put_text(st, p, b->x + 2, b->y + 1, iw - 2, t->name,
		 sel ? theme_attr(ROLE_CURSOR) | (int)A_BOLD : theme_attr(ROLE_TABLE_NAME));
	for (size_t c = 0; c < t->columns.n && (int)c + 4 < b->h + 1; c++) {
		const struct column *col = PLIST_AT(&t->columns, struct column, c);
		const char *mk = er_column_marker(t, col);
		int y = b->y + er_column_row((long)c), x = b->x + 2, room = iw - 2, n;

		if (y >= b->y + b->h - 1)
			break;
		n = put_text(st, p, x, y, room, mk,
			     theme_attr(mk[0] == 'F' ? ROLE_FK : ROLE_PK));
		x += n + 1;
		room -= n + 1;
		n = put_text(st, p, x, y, room, col->name, theme_attr(ROLE_COLUMN_NAME));
		x += n + 1;
		room -= n + 1;
		if (room > 0)
			put_text(st, p, x, y, room, col->type, theme_attr(ROLE_TYPE));
	}
}

/* Where a line meets a border: a tee pointing at the line. */
static void draw_port(struct er_state *st, struct pane *p, const struct er_box *b,
		      struct er_point pt, int attr)
{
	chtype ch;

	if (pt.y == b->y && pt.x > b->x && pt.x < b->x + b->w - 1)
		ch = ACS_BTEE;
	else if (pt.y == b->y + b->h - 1 && pt.x > b->x && pt.x < b->x + b->w - 1)
		ch = ACS_TTEE;
	else if (pt.x == b->x && pt.y > b->y && pt.y < b->y + b->h - 1)
		ch = ACS_RTEE;
	else if (pt.x == b->x + b->w - 1 && pt.y > b->y && pt.y < b->y + b->h - 1)
		ch = ACS_LTEE;
	else
		return;
	put_cell(st, p, pt.x, pt.y, ch, attr);
}

static void er_draw(struct ui *ui, struct pane *p)
{
	struct er_state *st = state(ui);
	const struct er_layout *l = &st->lay;
	size_t cells = (size_t)p->w * (size_t)view_h(p);
	int line_attr = theme_attr(ROLE_FK);
	char *info;

	update(ui);
	if (st->valid && ui->d->table != st->synced) {
		st->synced = ui->d->table;
		show_box(st, p, ui->d->table);
	}
	clamp(st, p);
	if (!st->valid)
		info = xstrdup("laid out when idle");
	else
		info = xasprintf("%zu tables, %zu lines%s · arrows pan, f finds, S-arrows move",
				 l->nboxes, l->nedges, fresh(ui, st) ? "" : " (updating)");
	ui_tab_strip(ui, p, info, theme_attr(ROLE_STATUS) | (int)A_BOLD);
	free(info);
	if (!st->valid)
		return;

	xgrow(&st->grid, &st->grid_cap, cells + 1, 1);
	memset(st->grid, 0, cells);
	for (size_t i = 0; i < l->nedges; i++)
		for (int k = 0; k + 1 < l->edges[i].npt; k++)
			mark_segment(st, p, l->edges[i].pt[k], l->edges[i].pt[k + 1]);
	for (int sy = 0; sy < view_h(p); sy++)
		for (int sx = 0; sx < p->w; sx++) {
			unsigned char b = st->grid[(size_t)sy * (size_t)p->w + (size_t)sx];

			if (b)
				mvwaddch(p->win, sy + 2, sx, line_char(b) | (chtype)line_attr);
		}
	for (size_t i = 0; i < l->nedges; i++) {
		const struct er_edge *e = &l->edges[i];

		if (!e->has_label || e->npt == 0)
			continue;
		put_cell(st, p, e->label.x, e->label.y, e->many_to_many ? 'N' : '1', line_attr | (int)A_BOLD);
		put_cell(st, p, e->label.x + 1, e->label.y, ACS_HLINE, line_attr);
		put_cell(st, p, e->label.x + 2, e->label.y, e->many_to_many ? 'M' : 'N',
			 line_attr | (int)A_BOLD);
	}
	for (size_t i = 0; i < l->nboxes; i++)
		if (box_visible(st, p, &l->boxes[i]))
			draw_box(ui, st, p, i);
	for (size_t i = 0; i < l->nedges; i++) {
		const struct er_edge *e = &l->edges[i];

		if (e->npt < 2)
			continue;
		draw_port(st, p, &l->boxes[e->child], e->pt[0], line_attr);
		draw_port(st, p, &l->boxes[e->parent], e->pt[e->npt - 1], line_attr);
	}
}

/* ---- keys ---- */

static unsigned move_table(struct ui *ui, struct pane *p, int dx, int dy)
{
	struct er_state *st = state(ui);
	struct designer *d = ui->d;
	const struct table *t = designer_table(d);
	struct diag_list dl;
	struct op *op;
	long at = -1;
	int x, y;
	bool merge;

	ui->idle_now = true;
	update(ui);
	ui->idle_now = false;
	if (!t || d->table >= st->lay.nboxes)
		return UI_HANDLED;
	x = st->lay.boxes[d->table].x + dx;
	y = st->lay.boxes[d->table].y + dy;
	if (x < 0 || y < 0)
		return UI_HANDLED;
	for (size_t i = 0; i < d->model->layout.n; i++)
		if (strcmp(PLIST_AT(&d->model->layout, struct placement, i)->table, t->name) == 0)
			at = (long)i;
	op = at >= 0 ? op_replace(OL_LAYOUT, NULL, (size_t)at, placement_new(t->name, x, y))
		     : op_insert(OL_LAYOUT, NULL, d->model->layout.n, placement_new(t->name, x, y));
	op->label = xasprintf("move table %s in the ER diagram", t->name);
	/* a run of moves of one table is one undo step */
	merge = st->moved_gen == d->generation && st->moved_table == d->table && d->undo.n;
	diag_list_init(&dl);
	if (designer_apply(d, op, merge, &dl) != 0) {
		ui_message(ui, ROLE_STATUS_ERROR, "%s", dl.n ? dl.items[0].message : "cannot move");
		diag_list_free(&dl);
		return UI_HANDLED;
	}
	diag_list_free(&dl);
	/* only a place changed: keep the layout, re-route this table's lines */
	er_layout_place(&st->lay, d->model, d->table, x, y);
	st->generation = st->moved_gen = d->generation;
	st->moved_table = d->table;
	st->synced = d->table;
	show_box(st, p, d->table);
	ui->title_dirty = true;
	ui_message(ui, ROLE_STATUS, "%s at %d,%d (u undoes)", t->name, x, y);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned find_table(struct ui *ui, struct pane *p)
{
	struct strlist names;
	char *name = NULL;

	strlist_init(&names);
	flow_table_names(ui->d->model, &names);
	if (dlg_prompt(ui, "Find table", "table name:", "", NULL, NULL, &names, &name)) {
		long i = model_table_index(ui->d->model, name);

		if (i < 0) {
			/* a unique prefix or part is enough */
			for (size_t k = 0; k < names.n && i < 0; k++)
				if (strcasestr(names.items[k], name))
					i = (long)k;
		}
		if (i >= 0) {
			ui->d->table = (size_t)i;
			ui->pane[PANE_TABLE].cursor = ui->pane[PANE_TABLE].top = 0;
			show_box(state(ui), p, (size_t)i);
			ui_message(ui, ROLE_STATUS, "table %s",
				   PLIST_AT(&ui->d->model->tables, struct table, i)->name);
		} else {
			ui_message(ui, ROLE_STATUS_WARNING, "no table '%s'", name);
		}
		free(name);
	}
	strlist_free(&names);
	ui_dirty_all(ui);
	return UI_HANDLED | UI_SELECTION;
}

static unsigned er_handle(struct ui *ui, struct pane *p, enum action a)
{
	struct er_state *st = state(ui);
	int vh = view_h(p);

	update(ui);
	switch (a) {
	case ACT_UP: st->vy -= 2; break;
	case ACT_DOWN: st->vy += 2; break;
	case ACT_LEFT: st->vx -= 8; break;
	case ACT_RIGHT: st->vx += 8; break;
	case ACT_PAGE_UP: st->vy -= vh > 2 ? vh - 1 : 1; break;
	case ACT_PAGE_DOWN: st->vy += vh > 2 ? vh - 1 : 1; break;
	case ACT_FIRST: st->vx = st->vy = 0; break;
	case ACT_LAST: st->vy = st->lay.height; break;
	case ACT_ER_FIND: return find_table(ui, p);
	case ACT_ER_LEFT: return move_table(ui, p, -2, 0);
	case ACT_ER_RIGHT: return move_table(ui, p, 2, 0);
	case ACT_ER_UP: return move_table(ui, p, 0, -1);
	case ACT_ER_DOWN: return move_table(ui, p, 0, 1);
	default: return 0;
	}
	clamp(st, p);
	return UI_HANDLED | UI_REDRAW;
}

static unsigned er_click(struct ui *ui, struct pane *p, int y, int x)
{
	struct er_state *st = state(ui);
	long i;

	(void)p;
	if (!st->valid || y < 2)
		return 0;
	i = er_box_at(&st->lay, x + st->vx, y - 2 + st->vy);
	if (i < 0 || (size_t)i >= ui->d->model->tables.n)
		return 0;
	ui->d->table = (size_t)i;
	st->synced = (size_t)i;
	ui->pane[PANE_TABLE].cursor = ui->pane[PANE_TABLE].top = 0;
	return UI_SELECTION;
}

static bool er_idle(struct ui *ui, struct pane *p)
{
	(void)p;
	if (fresh(ui, state(ui)))
		return false;
	update(ui);
	return true;
}

static void er_done(struct ui *ui)
{
	struct er_state *st = ui->er;

	if (!st)
		return;
	er_layout_free(&st->lay);
	free(st->grid);
	free(st);
	ui->er = NULL;
}

const struct view view_er = {
	.name = "er",
	.scope = SCOPE_ER,
	.draw = er_draw,
	.handle = er_handle,
	.click = er_click,
	.idle = er_idle,
	.done = er_done,
};
