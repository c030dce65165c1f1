/* edit-link.c — one-to-many and many-to-many links.  Creating one goes
 * through the engine's edit_add_one_to_many / edit_add_many_to_many (the
 * child's key column or the link table is created with it); deleting
 * one asks whether that column or link table goes too. */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "ui-dialog.h"

static const char *const act_choices[] = { "", "cascade", "set null", "set default",
					   "restrict", "no action", NULL };

enum { OF_VIA, OF_PARENT_NAME, OF_CHILD_NAME, OF_ON_DELETE, OF_ON_UPDATE, OF_COUNT };
enum { MF_THROUGH, MF_LEFT_NAME, MF_RIGHT_NAME, MF_COUNT };

struct link_ctx {
	struct ui *ui;
	const char *a, *b;      /* parent/child or left/right */
	long index;             /* editing an existing link, else -1 */
};

static long pick_table(struct ui *ui, const char *title, long initial)
{
	struct strlist tables;
	long r;

	strlist_init(&tables);
	flow_table_names(ui->d->model, &tables);
	r = dlg_pick(ui, title, &tables, initial);
	strlist_free(&tables);
	return r;
}

static char *one_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct link_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	struct diag_list why;
	struct op *op;
	char *msg = NULL;

	(void)n;
	if ((msg = flow_bad_name("column", f[OF_VIA].text))) {
		*bad = OF_VIA;
		return msg;
	}
	diag_list_init(&why);
	op = edit_add_one_to_many(d->model, ctx->a, ctx->b, f[OF_VIA].text,
				  *f[OF_PARENT_NAME].text ? f[OF_PARENT_NAME].text : NULL,
				  *f[OF_CHILD_NAME].text ? f[OF_CHILD_NAME].text : NULL, &why);
	if (!op || designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the link was not accepted");
		*bad = OF_VIA;
		diag_list_free(&why);
		return msg;
	}
	if (f[OF_ON_DELETE].choice || f[OF_ON_UPDATE].choice) {
		/* the actions live on the child's column; one undo reverts both */
		const struct table *c = model_table(d->model, ctx->b);
		const struct column *col = table_column(c, f[OF_VIA].text);
		struct column *nc = column_clone(col);

		nc->on_delete = ACTION_NONE;
		nc->on_update = ACTION_NONE;
		if (f[OF_ON_DELETE].choice)
			fk_action_parse(act_choices[f[OF_ON_DELETE].choice], &nc->on_delete);
		if (f[OF_ON_UPDATE].choice)
			fk_action_parse(act_choices[f[OF_ON_UPDATE].choice], &nc->on_update);
		op = edit_modify_column(d->model, ctx->b, col->name, nc, &why);
		if (op)
			designer_apply(d, op, true, &why);
	}
	diag_list_free(&why);
	return NULL;
}

unsigned flow_link_one(struct ui *ui)
{
	struct designer *d = ui->d;
	struct link_ctx ctx = { ui, NULL, NULL, -1 };
	struct field f[OF_COUNT];
	long parent, child;
	char *title;
	bool ok;

	if (d->model->tables.n == 0)
		return UI_HANDLED;
	parent = pick_table(ui, "One-to-many: the parent (the one side)", -1);
	if (parent < 0)
		return UI_HANDLED;
	child = pick_table(ui, "One-to-many: the child (the many side, gets the key column)",
			   (long)d->table);
	if (child < 0)
		return UI_HANDLED;
	ctx.a = PLIST_AT(&d->model->tables, struct table, parent)->name;
	ctx.b = PLIST_AT(&d->model->tables, struct table, child)->name;
	memset(f, 0, sizeof f);
	f[OF_VIA] = (struct field){ .label = "via column", .kind = FIELD_TEXT,
		.text = xasprintf("%s_id", ctx.a),
		.hint = "the child's column that references the parent (created when missing)" };
	f[OF_PARENT_NAME] = (struct field){ .label = "parent_name", .kind = FIELD_TEXT,
		.text = xasprintf("%ss", ctx.b),
		.hint = "the parent's attribute listing its children (exports)" };
	f[OF_CHILD_NAME] = (struct field){ .label = "child_name", .kind = FIELD_TEXT,
		.text = xstrdup(ctx.a), .hint = "the child's attribute naming its parent (exports)" };
	f[OF_ON_DELETE] = (struct field){ .label = "on delete", .kind = FIELD_CHOICE,
		.choices = act_choices, .hint = "when the parent row is deleted" };
	f[OF_ON_UPDATE] = (struct field){ .label = "on update", .kind = FIELD_CHOICE,
		.choices = act_choices };
	/* names are copied: the model may move under the dialog */
	ctx.a = xstrdup(ctx.a);
	ctx.b = xstrdup(ctx.b);
	title = xasprintf("Link %s 1─N %s", ctx.a, ctx.b);
	ok = dlg_form(ui, title, f, OF_COUNT, one_submit, &ctx);
	free(title);
	if (ok)
		flow_done(ui, ctx.b, "linked %s 1─N %s via %s", ctx.a, ctx.b, f[OF_VIA].text);
	fields_free(f, OF_COUNT);
	free((char *)ctx.a);
	free((char *)ctx.b);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

static char *many_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct link_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	struct diag_list why;
	struct op *op;
	char *msg = NULL;

	(void)n;
	if ((msg = flow_bad_name("table", f[MF_THROUGH].text))) {
		*bad = MF_THROUGH;
		return msg;
	}
	diag_list_init(&why);
	op = edit_add_many_to_many(d->model, ctx->a, ctx->b, f[MF_THROUGH].text,
				   *f[MF_LEFT_NAME].text ? f[MF_LEFT_NAME].text : NULL,
				   *f[MF_RIGHT_NAME].text ? f[MF_RIGHT_NAME].text : NULL, &why);
	if (!op || designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the link was not accepted");
		*bad = MF_THROUGH;
	}
	diag_list_free(&why);
	return msg;
}

unsigned flow_link_many(struct ui *ui)
{
	struct designer *d = ui->d;
	struct link_ctx ctx = { ui, NULL, NULL, -1 };
	struct field f[MF_COUNT];
	long left, right;
	char *title;
	bool ok;

	if (d->model->tables.n < 2) {
		ui_message(ui, ROLE_STATUS_WARNING, "a many-to-many link needs two tables");
		return UI_HANDLED;
	}
	left = pick_table(ui, "Many-to-many: the left table", (long)d->table);
	if (left < 0)
		return UI_HANDLED;
	right = pick_table(ui, "Many-to-many: the right table", -1);
	if (right < 0)
		return UI_HANDLED;
	ctx.a = xstrdup(PLIST_AT(&d->model->tables, struct table, left)->name);
	ctx.b = xstrdup(PLIST_AT(&d->model->tables, struct table, right)->name);
	memset(f, 0, sizeof f);
	f[MF_THROUGH] = (struct field){ .label = "link table", .kind = FIELD_TEXT,
		.text = xasprintf("%s_%s", ctx.a, ctx.b),
		.hint = "created with a key column to each side (a composite primary key)" };
	f[MF_LEFT_NAME] = (struct field){ .label = "left_name", .kind = FIELD_TEXT,
		.text = xasprintf("%ss", ctx.b), .hint = "the left table's attribute (exports)" };
	f[MF_RIGHT_NAME] = (struct field){ .label = "right_name", .kind = FIELD_TEXT,
		.text = xasprintf("%ss", ctx.a), .hint = "the right table's attribute (exports)" };
	title = xasprintf("Link %s N─N %s", ctx.a, ctx.b);
	ok = dlg_form(ui, title, f, MF_COUNT, many_submit, &ctx);
	free(title);
	if (ok)
		flow_done(ui, f[MF_THROUGH].text, "linked %s N─N %s through %s", ctx.a, ctx.b,
			  f[MF_THROUGH].text);
	fields_free(f, MF_COUNT);
	free((char *)ctx.a);
	free((char *)ctx.b);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

enum { LF_A, LF_B, LF_COUNT };

static char *edit_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct link_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	struct link *l = link_clone(PLIST_AT(&d->model->links, struct link, ctx->index));
	enum link_key ka = l->kind == LINK_ONE_TO_MANY ? LK_PARENT_NAME : LK_LEFT_NAME;
	enum link_key kb = l->kind == LINK_ONE_TO_MANY ? LK_CHILD_NAME : LK_RIGHT_NAME;
	struct diag_list why;
	char *msg = NULL;

	(void)n;
	free(l->field[ka]);
	free(l->field[kb]);
	l->field[ka] = *f[LF_A].text ? xstrdup(f[LF_A].text) : NULL;
	l->field[kb] = *f[LF_B].text ? xstrdup(f[LF_B].text) : NULL;
	diag_list_init(&why);
	if (designer_try(d, op_replace(OL_LINKS, NULL, (size_t)ctx->index, l), &why) != 0) {
		msg = flow_error(&why, "not accepted");
		*bad = LF_A;
	}
	diag_list_free(&why);
	return msg;
}

unsigned flow_link_edit(struct ui *ui, size_t i)
{
	struct designer *d = ui->d;
	const struct link *l;
	struct link_ctx ctx = { ui, NULL, NULL, (long)i };
	struct field f[LF_COUNT];
	bool one, ok;

	if (i >= d->model->links.n)
		return UI_HANDLED;
	l = PLIST_AT(&d->model->links, struct link, i);
	one = l->kind == LINK_ONE_TO_MANY;
	memset(f, 0, sizeof f);
	f[LF_A] = (struct field){ .label = one ? "parent_name" : "left_name", .kind = FIELD_TEXT,
		.text = xstrdup(l->field[one ? LK_PARENT_NAME : LK_LEFT_NAME] ?
				l->field[one ? LK_PARENT_NAME : LK_LEFT_NAME] : ""),
		.hint = "relationship attribute names, used by exports" };
	f[LF_B] = (struct field){ .label = one ? "child_name" : "right_name", .kind = FIELD_TEXT,
		.text = xstrdup(l->field[one ? LK_CHILD_NAME : LK_RIGHT_NAME] ?
				l->field[one ? LK_CHILD_NAME : LK_RIGHT_NAME] : ""),
		.hint = "relationship attribute names, used by exports" };
	ok = dlg_form(ui, one ? "One-to-many link" : "Many-to-many link", f, LF_COUNT,
		      edit_submit, &ctx);
	if (ok)
		flow_done(ui, NULL, "changed the link's names");
	fields_free(f, LF_COUNT);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

unsigned flow_link_delete(struct ui *ui, size_t i)
{
	struct designer *d = ui->d;
	const struct link *l;
	struct diag_list dl;
	struct op *op = NULL;
	char *q, *what, *table;
	int c;

	if (i >= d->model->links.n)
		return UI_HANDLED;
	l = PLIST_AT(&d->model->links, struct link, i);
	if (dlg_confirm(ui, "Delete", "Delete this link?", "y delete, n keep") != 'y')
		return UI_HANDLED;
	l = PLIST_AT(&d->model->links, struct link, i);
	if (l->kind == LINK_ONE_TO_MANY) {
		what = xasprintf("column %s.%s", l->field[LK_CHILD], l->field[LK_VIA]);
		table = xstrdup(l->field[LK_CHILD]);
	} else {
		what = xasprintf("link table %s", l->field[LK_THROUGH]);
		table = xstrdup(l->field[LK_THROUGH]);
	}
	q = xasprintf("Remove the %s too?", what);
	c = dlg_confirm(ui, "Delete", q, "y remove it, n keep it, Esc cancel");
	free(q);
	if (!c) {
		free(what);
		free(table);
		return UI_HANDLED;
	}
	l = PLIST_AT(&d->model->links, struct link, i);
	diag_list_init(&dl);
	if (c == 'y' && l->kind == LINK_MANY_TO_MANY && model_table(d->model, table)) {
		/* removing the link table removes the links that name it */
		op = edit_remove_table(d->model, table, false, &dl);
	} else {
		const struct table *t = model_table(d->model, table);
		long ci = t && l->kind == LINK_ONE_TO_MANY ? table_column_index(t, l->field[LK_VIA]) : -1;

		op = op_group("delete link");
		op_group_add(op, op_remove(OL_LINKS, NULL, i));
		if (c == 'y' && ci >= 0)
			op_group_add(op, op_remove(OL_COLUMNS, table, (size_t)ci));
	}
	if (op && designer_apply(d, op, false, &dl) == 0)
		flow_done(ui, NULL, "deleted the link%s%s", c == 'y' ? " and the " : "",
			  c == 'y' ? what : "");
	else
		ui_message(ui, ROLE_STATUS_ERROR, "%s", dl.n ? dl.items[0].message : "not deleted");
	diag_list_free(&dl);
	free(what);
	free(table);
	return UI_HANDLED | UI_CHANGED;
}
