/* view-table.c — the middle pane: the selected table's columns (name,
 * type, flags PK NN UQ IX FK, reference, default), primary key, indexes,
 * checks, foreign keys, unique constraints and links.  Each section has
 * a heading row; `a` adds to the section under the cursor.  Rows are
 * rebuilt only when the model or the selected table changes. */
#include <string.h>

#include <stdlib.h>

#include "edit.h"

static const char *const section_title[SEC_COUNT] = {
	[SEC_COLUMNS] = "Columns",
	[SEC_PKEY] = "Primary key",
	[SEC_INDEXES] = "Indexes",
	[SEC_CHECKS] = "Checks",
	[SEC_FKEYS] = "Foreign keys",
	[SEC_UNIQUES] = "Unique",
	[SEC_LINKS] = "Links",
};

static const char *const section_hint[SEC_COUNT] = {
	[SEC_COLUMNS] = "a: add a column",
	[SEC_PKEY] = "",
	[SEC_INDEXES] = "a or i: add",
	[SEC_CHECKS] = "a or c: add",
	[SEC_FKEYS] = "a or f: add",
	[SEC_UNIQUES] = "",
	[SEC_LINKS] = "o: 1-N, m: N-N",
};

size_t table_links(const struct model *m, const struct table *t, size_t *out, size_t max)
{
	static const enum link_key keys[] = { LK_PARENT, LK_CHILD, LK_LEFT, LK_RIGHT, LK_THROUGH };
	size_t n = 0;

	const char *name = t->name;

	/* Every link of the model, at each redraw after an edit: the first
	 * byte decides most comparisons without a call. */
	for (size_t i = 0; name && i < m->links.n; i++) {
		const struct link *l = PLIST_AT(&m->links, struct link, i);

		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			const char *f = l->field[keys[k]];

			if (f && f[0] == name[0] && strcmp(f, name) == 0) {
				if (n < max)
					out[n] = i;
				n++;
				break;
			}
		}
	}
	return n;
}

static void row_push(struct ui *ui, enum section sec, long index)
{
	xgrow(&ui->rows, &ui->rows_cap, ui->nrows + 1, sizeof(*ui->rows));
	ui->rows[ui->nrows++] = (struct trow){ sec, index };
}

void table_rows_update(struct ui *ui)
{
	struct designer *d = ui->d;
	const struct table *t = designer_table(d);
	struct pane *p = &ui->pane[PANE_TABLE];
	struct trow keep = { SEC_COLUMNS, -1 };
	size_t nl;

	if (ui->rows_generation == d->generation && ui->rows_table == t && ui->nrows)
		return;
	/* an edit replaces the table object; the same position is the same table */
	if (ui->nrows && p->cursor < ui->nrows && ui->rows_index == d->table)
		keep = ui->rows[p->cursor];
	ui->rows_index = d->table;
	ui->nrows = 0;
	ui->rows_generation = d->generation;
	ui->rows_table = t;
	if (!t)
		return;
	row_push(ui, SEC_COLUMNS, -1);
	for (size_t i = 0; i < t->columns.n; i++)
		row_push(ui, SEC_COLUMNS, (long)i);
	if (t->primary_key.n) {
		row_push(ui, SEC_PKEY, -1);
		row_push(ui, SEC_PKEY, 0);
	}
	row_push(ui, SEC_INDEXES, -1);
	for (size_t i = 0; i < t->indexes.n; i++)
		row_push(ui, SEC_INDEXES, (long)i);
	row_push(ui, SEC_CHECKS, -1);
	for (size_t i = 0; i < t->checks.n; i++)
		row_push(ui, SEC_CHECKS, (long)i);
	row_push(ui, SEC_FKEYS, -1);
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		row_push(ui, SEC_FKEYS, (long)i);
	if (t->uniques.n) {
		row_push(ui, SEC_UNIQUES, -1);
		for (size_t i = 0; i < t->uniques.n; i++)
			row_push(ui, SEC_UNIQUES, (long)i);
	}
	row_push(ui, SEC_LINKS, -1);
	{
		/* one pass over the links in the common case of a few */
		size_t few[64], *li = few;

		nl = table_links(d->model, t, few, sizeof few / sizeof few[0]);
		if (nl > sizeof few / sizeof few[0]) {
			li = xmalloc(nl * sizeof *li);
			table_links(d->model, t, li, nl);
		}
		for (size_t i = 0; i < nl; i++)
			row_push(ui, SEC_LINKS, (long)li[i]);
		if (li != few)
			free(li);
	}
	table_row_select(ui, keep.sec, keep.index);
}

void table_row_select(struct ui *ui, enum section sec, long index)
{
	struct pane *p = &ui->pane[PANE_TABLE];
	size_t best = 0;
	bool found = false;

	for (size_t i = 0; i < ui->nrows; i++) {
		if (ui->rows[i].sec != sec)
			continue;
		if (!found || ui->rows[i].index <= index) {
			best = i;
			found = true;
		}
	}
	if (!found && p->cursor < ui->nrows)
		best = p->cursor;
	p->cursor = best;
	ui_scroll_to_cursor(p, ui->nrows, p->h - 2);
	p->dirty = true;
}

const struct trow *table_row_current(struct ui *ui)
{
	struct pane *p = &ui->pane[PANE_TABLE];

	table_rows_update(ui);
	if (p->cursor >= ui->nrows)
		return NULL;
	return &ui->rows[p->cursor];
}

static void join(struct strbuf *sb, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sb_add(sb, ", ");
		sb_add(sb, l->items[i]);
	}
}

static void describe_value(struct strbuf *sb, const struct value *v)
{
	if (v->kind == VALUE_NULL)
		sb_add(sb, "null");
	else if (v->kind == VALUE_STRING)
		sb_printf(sb, "'%s'", v->text);
	else if (v->text)
		sb_add(sb, v->text);
}

/* Draw a column row: name, type, flags, then details as space allows. */
static void draw_column(struct pane *p, int y, const struct table *t,
			const struct column *c, int wn, int wt, int base)
{
	struct strbuf sb;
	int x = 2, w = p->w - 3;

	ui_put(p->win, y, x, wn < w - x ? wn : w - x, c->name, base | theme_attr(ROLE_COLUMN_NAME));
	x = 2 + wn + 1;
	if (x >= w)
		return;
	ui_put(p->win, y, x, wt < w - x ? wt : w - x, c->type, base | theme_attr(ROLE_TYPE));
	x += wt + 1;
	if (x >= w)
		return;
	sb_init(&sb);
	if (table_column_in_pk(t, c))
		x += ui_put(p->win, y, x, w - x, "PK ", base | theme_attr(ROLE_PK));
	if (!column_is_nullable(t, c) && !table_column_in_pk(t, c))
		x += ui_put(p->win, y, x, w - x, "NN ", base);
	if (c->autoincrement)
		x += ui_put(p->win, y, x, w - x, "AI ", base);
	if (c->unique)
		x += ui_put(p->win, y, x, w - x, "UQ ", base | theme_attr(ROLE_INDEX));
	if (c->index)
		x += ui_put(p->win, y, x, w - x, "IX ", base | theme_attr(ROLE_INDEX));
	if (c->ref_table) {
		sb_printf(&sb, "FK→%s%s%s", c->ref_table, c->ref_column ? "." : "",
			  c->ref_column ? c->ref_column : "");
		if (c->on_delete)
			sb_printf(&sb, " del:%s", fk_action_name(c->on_delete));
		sb_addc(&sb, ' ');
		x += ui_put(p->win, y, x, w - x, sb.buf, base | theme_attr(ROLE_FK));
		sb_reset(&sb);
	}
	if (c->dflt.kind != VALUE_NONE) {
		sb_add(&sb, "=");
		describe_value(&sb, &c->dflt);
		sb_addc(&sb, ' ');
	}
	if (c->default_sql)
		sb_printf(&sb, "=%s ", c->default_sql);
	for (int b = 0; b < BOUND_COUNT; b++)
		if (c->bound[b])
			sb_printf(&sb, "%s%s ", (const char *[]){ ">=", "<=", ">", "<" }[b], c->bound[b]);
	if (c->check)
		sb_printf(&sb, "check(%s) ", c->check);
	if (c->comment)
		sb_printf(&sb, "# %s", c->comment);
	ui_put(p->win, y, x, w - x, sb.buf, base);
	sb_free(&sb);
}

static void link_text(struct strbuf *sb, const struct link *l)
{
	if (l->kind == LINK_ONE_TO_MANY)
		sb_printf(sb, "%s 1─N %s via %s (%s / %s)", l->field[LK_PARENT],
			  l->field[LK_CHILD], l->field[LK_VIA] ? l->field[LK_VIA] : "?",
			  l->field[LK_PARENT_NAME] ? l->field[LK_PARENT_NAME] : "-",
			  l->field[LK_CHILD_NAME] ? l->field[LK_CHILD_NAME] : "-");
	else
		sb_printf(sb, "%s N─N %s through %s (%s / %s)", l->field[LK_LEFT],
			  l->field[LK_RIGHT], l->field[LK_THROUGH] ? l->field[LK_THROUGH] : "?",
			  l->field[LK_LEFT_NAME] ? l->field[LK_LEFT_NAME] : "-",
			  l->field[LK_RIGHT_NAME] ? l->field[LK_RIGHT_NAME] : "-");
}

static void table_draw(struct ui *ui, struct pane *p)
{
	const struct table *t;
	int rows = p->h - 1, wn = 4, wt = 4;
	char *head;

	table_rows_update(ui);
	t = ui->rows_table;
	if (!t) {
		ui_pane_heading(ui, p, "Table");
		ui_put(p->win, 2, 2, p->w - 3, "no table yet: press a in the Tables pane",
		       theme_attr(ROLE_STATUS_WARNING));
		return;
	}
	head = t->comment ? xasprintf("%s — %s", t->name, t->comment) : xstrdup(t->name);
	ui_pane_heading(ui, p, head);
	free(head);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		int n = (int)strlen(c->name), ty = (int)strlen(c->type);

		wn = n > wn ? n : wn;
		wt = ty > wt ? ty : wt;
	}
	if (wn > p->w / 3)
		wn = p->w / 3;
	if (wt > p->w / 3)
		wt = p->w / 3;
	ui_scroll_to_cursor(p, ui->nrows, rows);
	for (int r = 0; r < rows && p->top + (size_t)r < ui->nrows; r++) {
		size_t i = p->top + (size_t)r;
		const struct trow *row = &ui->rows[i];
		bool cur = i == p->cursor;
		int base = cur ? theme_attr(ui->focus == PANE_TABLE ? ROLE_CURSOR : ROLE_SELECTED) : 0;
		int y = r + 1;
		struct strbuf sb;

		if (cur) {
			wattron(p->win, base);
			mvwhline(p->win, y, 0, ' ', p->w - 1);
			wattroff(p->win, base);
		}
		sb_init(&sb);
		if (row->index < 0) {
			bool empty = i + 1 >= ui->nrows || ui->rows[i + 1].sec != row->sec;
			int x = 1 + ui_put(p->win, y, 1, p->w - 3, section_title[row->sec],
					   base | A_BOLD);

			if (row->sec == SEC_COLUMNS) {
				ui_put(p->win, y, 2 + wn + 1, p->w - 4 - wn, "type",
				       base | A_BOLD);
				if (2 + wn + 1 + wt + 1 < p->w - 3)
					ui_put(p->win, y, 2 + wn + 1 + wt + 1,
					       p->w - 4 - wn - wt - 1, "flags", base | A_BOLD);
			} else if (empty || cur) {
				ui_put(p->win, y, x + 2, p->w - x - 5, section_hint[row->sec],
				       base | (cur ? 0 : A_DIM));
			}
			sb_free(&sb);
			continue;
		}
		switch (row->sec) {
		case SEC_COLUMNS:
			draw_column(p, y, t, PLIST_AT(&t->columns, struct column, row->index),
				    wn, wt, base);
			break;
		case SEC_PKEY:
			sb_add(&sb, "(");
			join(&sb, &t->primary_key);
			sb_add(&sb, ")");
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base | theme_attr(ROLE_PK));
			break;
		case SEC_INDEXES: {
			const struct index *ix = PLIST_AT(&t->indexes, struct index, row->index);

			sb_printf(&sb, "%s (", ix->name);
			join(&sb, &ix->columns);
			sb_printf(&sb, ")%s", ix->unique ? " unique" : "");
			if (ix->where)
				sb_printf(&sb, " where %s", ix->where);
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base | theme_attr(ROLE_INDEX));
			break;
		}
		case SEC_CHECKS: {
			const struct check *ck = PLIST_AT(&t->checks, struct check, row->index);

			sb_printf(&sb, "%s: %s", ck->name, ck->expr);
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base);
			break;
		}
		case SEC_FKEYS: {
			const struct foreign_key *fk =
				PLIST_AT(&t->foreign_keys, struct foreign_key, row->index);

			sb_add(&sb, "(");
			join(&sb, &fk->columns);
			sb_printf(&sb, ") → %s(", fk->ref_table ? fk->ref_table : "?");
			join(&sb, &fk->ref_columns);
			sb_add(&sb, ")");
			if (fk->on_delete)
				sb_printf(&sb, " on delete %s", fk_action_name(fk->on_delete));
			if (fk->on_update)
				sb_printf(&sb, " on update %s", fk_action_name(fk->on_update));
			if (fk->name)
				sb_printf(&sb, " [%s]", fk->name);
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base | theme_attr(ROLE_FK));
			break;
		}
		case SEC_UNIQUES: {
			const struct unique *u = PLIST_AT(&t->uniques, struct unique, row->index);

			sb_add(&sb, "(");
			join(&sb, &u->columns);
			sb_add(&sb, ")");
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base | theme_attr(ROLE_INDEX));
			break;
		}
		case SEC_LINKS:
			link_text(&sb, PLIST_AT(&ui->d->model->links, struct link, row->index));
			ui_put(p->win, y, 2, p->w - 3, sb.buf, base | theme_attr(ROLE_FK));
			break;
		case SEC_COUNT:
			break;
		}
		sb_free(&sb);
	}
}

static unsigned add_in_section(struct ui *ui, enum section sec)
{
	switch (sec) {
	case SEC_COLUMNS: return flow_column_add(ui);
	case SEC_PKEY: return flow_pkey_edit(ui);
	case SEC_INDEXES: return flow_index_add(ui);
	case SEC_CHECKS: return flow_check_add(ui);
	case SEC_FKEYS: return flow_fkey_add(ui);
	case SEC_UNIQUES: return flow_unique_add(ui);
	case SEC_LINKS: return flow_link_one(ui);
	case SEC_COUNT: break;
	}
	return 0;
}

static unsigned table_handle(struct ui *ui, struct pane *p, enum action a)
{
	const struct trow *row;
	struct trow r;

	table_rows_update(ui);
	row = table_row_current(ui);
	if (!ui->rows_table) {
		if (a == ACT_ADD || a == ACT_ADD_COLUMN)
			return flow_table_add(ui);
		return 0;
	}
	r = row ? *row : (struct trow){ SEC_COLUMNS, -1 };
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_FIRST: case ACT_LAST:
		ui_list_move(p, a, ui->nrows, p->h - 1);
		return UI_HANDLED | UI_REDRAW;
	case ACT_ADD:
		return add_in_section(ui, r.sec);
	case ACT_EDIT:
		if (r.index < 0)
			return add_in_section(ui, r.sec);
		switch (r.sec) {
		case SEC_COLUMNS: return flow_column_edit(ui, (size_t)r.index);
		case SEC_PKEY: return flow_pkey_edit(ui);
		case SEC_INDEXES: return flow_index_edit(ui, (size_t)r.index);
		case SEC_CHECKS: return flow_check_edit(ui, (size_t)r.index);
		case SEC_FKEYS: return flow_fkey_edit(ui, (size_t)r.index);
		case SEC_LINKS: return flow_link_edit(ui, (size_t)r.index);
		default:
			ui_message(ui, ROLE_STATUS_WARNING, "delete it (d) and add it again");
			return UI_HANDLED;
		}
	case ACT_RENAME:
		if (r.sec == SEC_COLUMNS && r.index >= 0)
			return flow_column_rename(ui, (size_t)r.index);
		if (r.index >= 0 && r.sec != SEC_COLUMNS)
			return table_handle(ui, p, ACT_EDIT);
		return flow_table_rename(ui);
	case ACT_DELETE:
		if (r.index < 0) {
			ui_message(ui, ROLE_STATUS_WARNING,
				   "move to an item to delete it (the table: d in the Tables pane)");
			return UI_HANDLED;
		}
		switch (r.sec) {
		case SEC_COLUMNS: return flow_column_delete(ui, (size_t)r.index);
		case SEC_PKEY: return flow_pkey_edit(ui);
		case SEC_INDEXES: return flow_index_delete(ui, (size_t)r.index);
		case SEC_CHECKS: return flow_check_delete(ui, (size_t)r.index);
		case SEC_FKEYS: return flow_fkey_delete(ui, (size_t)r.index);
		case SEC_UNIQUES: return flow_unique_delete(ui, (size_t)r.index);
		case SEC_LINKS: return flow_link_delete(ui, (size_t)r.index);
		case SEC_COUNT: break;
		}
		return 0;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		if (r.index < 0 || r.sec == SEC_PKEY)
			return UI_HANDLED;
		return flow_move(ui, r.sec, r.index, a == ACT_MOVE_UP ? -1 : +1);
	case ACT_ADD_COLUMN: return flow_column_add(ui);
	case ACT_ADD_INDEX: return flow_index_add(ui);
	case ACT_ADD_CHECK: return flow_check_add(ui);
	case ACT_ADD_FKEY: return flow_fkey_add(ui);
	case ACT_ADD_UNIQUE: return flow_unique_add(ui);
	case ACT_LINK_ONE: return flow_link_one(ui);
	case ACT_LINK_MANY: return flow_link_many(ui);
	default:
		return 0;
	}
}

static unsigned table_click(struct ui *ui, struct pane *p, int y, int x)
{
	size_t i = p->top + (size_t)(y - 1);

	(void)x;
	table_rows_update(ui);
	if (y < 1 || i >= ui->nrows)
		return 0;
	p->cursor = i;
	return UI_REDRAW;
}

const struct view view_table = {
	.name = "table",
	.scope = SCOPE_TABLE,
	.draw = table_draw,
	.handle = table_handle,
	.click = table_click,
};
