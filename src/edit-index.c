/* edit-index.c — a table's indexes: pick the columns (in order), then
 * name, unique and the partial-index predicate in a form. */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "ui-dialog.h"

enum { IF_NAME, IF_COLUMNS, IF_UNIQUE, IF_WHERE, IF_COUNT };

struct index_ctx {
	struct ui *ui;
	const char *table;
	long index;             /* -1: new */
};

static char *index_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct index_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	const struct table *t = model_table(d->model, ctx->table);
	struct diag_list why;
	struct index *ix;
	struct op *op;
	char *msg = NULL;

	(void)n;
	if ((msg = flow_bad_name("index", f[IF_NAME].text))) {
		*bad = IF_NAME;
		return msg;
	}
	for (size_t i = 0; i < t->indexes.n; i++)
		if ((long)i != ctx->index &&
		    strcmp(PLIST_AT(&t->indexes, struct index, i)->name, f[IF_NAME].text) == 0) {
			*bad = IF_NAME;
			return xasprintf("table '%s' already has an index '%s'", t->name,
					 f[IF_NAME].text);
		}
	ix = index_new(f[IF_NAME].text);
	if (!flow_split_list(f[IF_COLUMNS].text, &ix->columns)) {
		index_free(ix);
		*bad = IF_COLUMNS;
		return xstrdup("an index needs at least one column (F4 picks)");
	}
	for (size_t i = 0; i < ix->columns.n; i++)
		if (!table_column(t, ix->columns.items[i])) {
			msg = xasprintf("table '%s' has no column '%s'", t->name, ix->columns.items[i]);
			index_free(ix);
			*bad = IF_COLUMNS;
			return msg;
		}
	ix->unique = f[IF_UNIQUE].on;
	ix->where = *f[IF_WHERE].text ? xstrdup(f[IF_WHERE].text) : NULL;
	op = ctx->index < 0 ? op_insert(OL_INDEXES, ctx->table, t->indexes.n, ix)
			    : op_replace(OL_INDEXES, ctx->table, (size_t)ctx->index, ix);
	diag_list_init(&why);
	if (designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the index was not accepted");
		*bad = strstr(msg, "name") ? IF_NAME : IF_COLUMNS;
	}
	diag_list_free(&why);
	return msg;
}

static unsigned index_form(struct ui *ui, long index, struct strlist *initial_cols)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	struct index_ctx ctx = { ui, NULL, index };
	struct field f[IF_COUNT];
	struct strlist cols;
	char *tname = xstrdup(t->name), *title;
	bool ok;
	long sel;

	ctx.table = tname;
	strlist_init(&cols);
	flow_column_names(t, &cols);
	memset(f, 0, sizeof f);
	f[IF_NAME] = (struct field){ .label = "name", .kind = FIELD_TEXT,
		.hint = "index names are unique in the whole schema" };
	f[IF_COLUMNS] = (struct field){ .label = "columns", .kind = FIELD_TEXT, .list = &cols,
		.multi = true, .hint = "in order, separated by commas (F4 picks)" };
	f[IF_UNIQUE] = (struct field){ .label = "unique", .kind = FIELD_BOOL };
	f[IF_WHERE] = (struct field){ .label = "where", .kind = FIELD_TEXT,
		.hint = "a partial index: an SQL condition (empty: every row)" };
	if (index >= 0) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, index);

		f[IF_NAME].text = xstrdup(ix->name);
		f[IF_COLUMNS].text = flow_join(&ix->columns);
		f[IF_UNIQUE].on = ix->unique;
		f[IF_WHERE].text = xstrdup(ix->where ? ix->where : "");
	} else {
		struct strbuf sb;

		sb_init(&sb);
		sb_printf(&sb, "ix_%s", tname);
		for (size_t i = 0; i < initial_cols->n; i++)
			sb_printf(&sb, "_%s", initial_cols->items[i]);
		f[IF_NAME].text = sb_release(&sb);
		f[IF_COLUMNS].text = flow_join(initial_cols);
	}
	title = index < 0 ? xasprintf("New index on %s", tname) : xasprintf("Index of %s", tname);
	ok = dlg_form(ui, title, f, IF_COUNT, index_submit, &ctx);
	free(title);
	if (ok) {
		flow_done(ui, tname, "%s index %s", index < 0 ? "added" : "changed", f[IF_NAME].text);
		t = designer_table(d);
		sel = index >= 0 ? index : (long)t->indexes.n - 1;
		table_rows_update(ui);
		table_row_select(ui, SEC_INDEXES, sel);
	}
	fields_free(f, IF_COUNT);
	strlist_free(&cols);
	free(tname);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

unsigned flow_index_add(struct ui *ui)
{
	struct table *t = designer_table(ui->d);
	struct strlist cols, chosen;
	unsigned f = UI_HANDLED;

	if (!t)
		return UI_HANDLED;
	strlist_init(&cols);
	strlist_init(&chosen);
	flow_column_names(t, &cols);
	if (dlg_multi(ui, "New index: mark its columns in order", &cols, &chosen))
		f = index_form(ui, -1, &chosen);
	strlist_free(&cols);
	strlist_free(&chosen);
	return f;
}

unsigned flow_index_edit(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);

	if (!t || i >= t->indexes.n)
		return UI_HANDLED;
	return index_form(ui, (long)i, NULL);
}

unsigned flow_index_delete(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct diag_list dl;
	char *q, *tname, *name;

	if (!t || i >= t->indexes.n)
		return UI_HANDLED;
	name = xstrdup(PLIST_AT(&t->indexes, struct index, i)->name);
	q = xasprintf("Delete index %s?", name);
	if (dlg_confirm(ui, "Delete", q, "y delete, n keep") != 'y') {
		free(q);
		free(name);
		return UI_HANDLED;
	}
	free(q);
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(ui->d, op_remove(OL_INDEXES, tname, i), false, &dl) == 0)
		flow_done(ui, tname, "deleted index %s", name);
	diag_list_free(&dl);
	free(tname);
	free(name);
	return UI_HANDLED | UI_CHANGED;
}
