/* view-tables.c — the left pane: the model's tables, in order.  The
 * cursor is the designer's selected table.  Drawing touches only the
 * visible rows, so it costs the same at 5 or 5,000 tables. */
#include "edit.h"

static void tables_draw(struct ui *ui, struct pane *p)
{
	const struct model *m = ui->d->model;
	int rows = p->h - 1;
	char head[64];

	p->cursor = ui->d->table;
	ui_scroll_to_cursor(p, m->tables.n, rows);
	snprintf(head, sizeof head, "Tables (%zu)", m->tables.n);
	ui_pane_heading(ui, p, head);
	if (m->tables.n == 0) {
		ui_put(p->win, 1, 1, p->w - 2, "(none)", theme_attr(ROLE_NORMAL));
		ui_put(p->win, 2, 1, p->w - 2, "a: add a table", theme_attr(ROLE_STATUS_WARNING));
		ui_put(p->win, 3, 1, p->w - 2, "?: all keys", theme_attr(ROLE_STATUS_WARNING));
		return;
	}
	for (int r = 0; r < rows && p->top + (size_t)r < m->tables.n; r++) {
		size_t i = p->top + (size_t)r;
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		bool cur = i == ui->d->table;
		int attr = cur ? theme_attr(ui->focus == PANE_TABLES ? ROLE_CURSOR : ROLE_SELECTED)
			       : theme_attr(ROLE_TABLE_NAME);

		if (cur) {
			wattron(p->win, attr);
			mvwhline(p->win, r + 1, 0, ' ', p->w - 1);
			wattroff(p->win, attr);
		}
		ui_put(p->win, r + 1, 0, 1, cur ? ">" : " ", attr);
		ui_put(p->win, r + 1, 1, p->w - 2, t->name, attr);
	}
}

static unsigned tables_handle(struct ui *ui, struct pane *p, enum action a)
{
	struct designer *d = ui->d;

	p->cursor = d->table;
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_FIRST: case ACT_LAST:
		if (ui_list_move(p, a, d->model->tables.n, p->h - 1)) {
			d->table = p->cursor;
			ui->pane[PANE_TABLE].cursor = ui->pane[PANE_TABLE].top = 0;
			ui->pane[PANE_DDL].top = 0;
			return UI_HANDLED | UI_SELECTION;
		}
		return UI_HANDLED;
	case ACT_ADD: return flow_table_add(ui);
	case ACT_EDIT: return flow_table_edit(ui);
	case ACT_RENAME: return flow_table_rename(ui);
	case ACT_DELETE: return flow_table_delete(ui);
	case ACT_MOVE_UP: return flow_move(ui, SEC_COUNT, (long)d->table, -1);
	case ACT_MOVE_DOWN: return flow_move(ui, SEC_COUNT, (long)d->table, +1);
	case ACT_ADD_COLUMN: return flow_column_add(ui);
	case ACT_ADD_INDEX: return flow_index_add(ui);
	case ACT_ADD_CHECK: return flow_check_add(ui);
	case ACT_ADD_FKEY: return flow_fkey_add(ui);
	case ACT_ADD_UNIQUE: return flow_unique_add(ui);
	case ACT_LINK_ONE: return flow_link_one(ui);
	case ACT_LINK_MANY: return flow_link_many(ui);
	default: return 0;
	}
}

static unsigned tables_click(struct ui *ui, struct pane *p, int y, int x)
{
	size_t i = p->top + (size_t)(y - 1);

	(void)x;
	if (y < 1 || i >= ui->d->model->tables.n)
		return 0;
	ui->d->table = i;
	ui->pane[PANE_TABLE].cursor = ui->pane[PANE_TABLE].top = 0;
	ui->pane[PANE_DDL].top = 0;
	return UI_SELECTION;
}

const struct view view_tables = {
	.name = "tables",
	.scope = SCOPE_TABLES,
	.draw = tables_draw,
	.handle = tables_handle,
	.click = tables_click,
};
