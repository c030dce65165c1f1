/* edit-check.c — a table's named checks (SQL expressions). */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "ui-dialog.h"

enum { CF_NAME, CF_EXPR, CF_COUNT };

struct check_ctx {
	struct ui *ui;
	const char *table;
	long index;
};

static char *check_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct check_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	const struct table *t = model_table(d->model, ctx->table);
	struct diag_list why;
	struct op *op;
	char *msg;

	(void)n;
	if ((msg = flow_bad_name("check", f[CF_NAME].text))) {
		*bad = CF_NAME;
		return msg;
	}
	for (size_t i = 0; i < t->checks.n; i++)
		if ((long)i != ctx->index &&
		    strcmp(PLIST_AT(&t->checks, struct check, i)->name, f[CF_NAME].text) == 0) {
			*bad = CF_NAME;
			return xasprintf("table '%s' already has a check '%s'", t->name,
					 f[CF_NAME].text);
		}
	if (!*f[CF_EXPR].text) {
		*bad = CF_EXPR;
		return xstrdup("a check needs an SQL expression, e.g. length(name) > 0");
	}
	op = ctx->index < 0
		? op_insert(OL_CHECKS, ctx->table, t->checks.n, check_new(f[CF_NAME].text, f[CF_EXPR].text))
		: op_replace(OL_CHECKS, ctx->table, (size_t)ctx->index,
			     check_new(f[CF_NAME].text, f[CF_EXPR].text));
	diag_list_init(&why);
	if (designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the check was not accepted");
		*bad = CF_EXPR;
	}
	diag_list_free(&why);
	return msg;
}

static unsigned check_form(struct ui *ui, long index)
{
	struct table *t = designer_table(ui->d);
	struct check_ctx ctx = { ui, NULL, index };
	struct field f[CF_COUNT];
	char *tname, *title;
	bool ok;

	if (!t)
		return UI_HANDLED;
	tname = xstrdup(t->name);
	ctx.table = tname;
	memset(f, 0, sizeof f);
	f[CF_NAME] = (struct field){ .label = "name", .kind = FIELD_TEXT,
		.hint = "names the constraint, e.g. name_not_blank" };
	f[CF_EXPR] = (struct field){ .label = "expression", .kind = FIELD_TEXT,
		.hint = "SQL that must hold for every row, e.g. length(trim(name)) > 0" };
	if (index >= 0) {
		const struct check *ck = PLIST_AT(&t->checks, struct check, index);

		f[CF_NAME].text = xstrdup(ck->name);
		f[CF_EXPR].text = xstrdup(ck->expr);
	} else {
		f[CF_NAME].text = xasprintf("ck_%s_%zu", tname, t->checks.n + 1);
	}
	title = index < 0 ? xasprintf("New check on %s", tname) : xasprintf("Check of %s", tname);
	ok = dlg_form(ui, title, f, CF_COUNT, check_submit, &ctx);
	free(title);
	if (ok) {
		flow_done(ui, tname, "%s check %s", index < 0 ? "added" : "changed", f[CF_NAME].text);
		t = designer_table(ui->d);
		table_rows_update(ui);
		table_row_select(ui, SEC_CHECKS, index >= 0 ? index : (long)t->checks.n - 1);
	}
	fields_free(f, CF_COUNT);
	free(tname);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

unsigned flow_check_add(struct ui *ui)
{
	return check_form(ui, -1);
}

unsigned flow_check_edit(struct ui *ui, size_t i)
{
	return check_form(ui, (long)i);
}

unsigned flow_check_delete(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct diag_list dl;
	char *q, *tname, *name;

	if (!t || i >= t->checks.n)
		return UI_HANDLED;
	name = xstrdup(PLIST_AT(&t->checks, struct check, i)->name);
	q = xasprintf("Delete check %s?", name);
	if (dlg_confirm(ui, "Delete", q, "y delete, n keep") != 'y') {
		free(q);
		free(name);
		return UI_HANDLED;
	}
	free(q);
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(ui->d, op_remove(OL_CHECKS, tname, i), false, &dl) == 0)
		flow_done(ui, tname, "deleted check %s", name);
	diag_list_free(&dl);
	free(tname);
	free(name);
	return UI_HANDLED | UI_CHANGED;
}
