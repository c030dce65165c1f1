/* edit-fkey.c — table-level (composite) foreign keys: pick the local
 * columns, the referenced table and its columns, then name and actions.
 * A single-column reference is simpler in the column form
 * (`references`). */
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "ui-dialog.h"

static const char *const fk_choices[] = { "", "cascade", "set null", "set default",
					  "restrict", "no action", NULL };

enum { KF_COLUMNS, KF_TABLE, KF_REF_COLUMNS, KF_ON_DELETE, KF_ON_UPDATE, KF_NAME, KF_COUNT };

struct fkey_ctx {
	struct ui *ui;
	const char *table;
	long index;
};

static size_t fk_choice(enum fk_action a)
{
	for (size_t i = 1; fk_choices[i]; i++) {
		enum fk_action p;

		if (fk_action_parse(fk_choices[i], &p) && p == a)
			return i;
	}
	return 0;
}

static char *fkey_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct fkey_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	const struct table *t = model_table(d->model, ctx->table), *rt;
	struct foreign_key *fk = foreign_key_new();
	struct diag_list why;
	struct op *op;
	char *msg = NULL;

	(void)n;
	if (!flow_split_list(f[KF_COLUMNS].text, &fk->columns)) {
		*bad = KF_COLUMNS;
		msg = xstrdup("a foreign key needs columns of this table (F4 picks)");
		goto fail;
	}
	rt = model_table(d->model, f[KF_TABLE].text);
	if (!rt) {
		*bad = KF_TABLE;
		msg = xasprintf("no table '%s' (F4 lists the tables)", f[KF_TABLE].text);
		goto fail;
	}
	fk->ref_table = xstrdup(rt->name);
	if (!flow_split_list(f[KF_REF_COLUMNS].text, &fk->ref_columns) ||
	    fk->ref_columns.n != fk->columns.n) {
		*bad = KF_REF_COLUMNS;
		msg = xasprintf("give as many referenced columns as columns (%zu)", fk->columns.n);
		goto fail;
	}
	for (size_t i = 0; i < fk->columns.n; i++)
		if (!table_column(t, fk->columns.items[i])) {
			*bad = KF_COLUMNS;
			msg = xasprintf("table '%s' has no column '%s'", t->name, fk->columns.items[i]);
			goto fail;
		}
	if (f[KF_ON_DELETE].choice)
		fk_action_parse(fk_choices[f[KF_ON_DELETE].choice], &fk->on_delete);
	if (f[KF_ON_UPDATE].choice)
		fk_action_parse(fk_choices[f[KF_ON_UPDATE].choice], &fk->on_update);
	fk->name = *f[KF_NAME].text ? xstrdup(f[KF_NAME].text) : NULL;
	op = ctx->index < 0 ? op_insert(OL_FOREIGN_KEYS, ctx->table, t->foreign_keys.n, fk)
			    : op_replace(OL_FOREIGN_KEYS, ctx->table, (size_t)ctx->index, fk);
	diag_list_init(&why);
	if (designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the foreign key was not accepted");
		*bad = KF_REF_COLUMNS;
	}
	diag_list_free(&why);
	return msg;
fail:
	foreign_key_free(fk);
	return msg;
}

static unsigned fkey_form(struct ui *ui, long index, const struct foreign_key *initial)
{
	struct table *t = designer_table(ui->d);
	struct fkey_ctx ctx = { ui, NULL, index };
	struct field f[KF_COUNT];
	struct strlist cols, tables;
	char *tname = xstrdup(t->name), *title;
	bool ok;

	ctx.table = tname;
	strlist_init(&cols);
	strlist_init(&tables);
	flow_column_names(t, &cols);
	flow_table_names(ui->d->model, &tables);
	memset(f, 0, sizeof f);
	f[KF_COLUMNS] = (struct field){ .label = "columns", .kind = FIELD_TEXT, .list = &cols,
		.multi = true, .text = flow_join(&initial->columns),
		.hint = "this table's columns, in order (F4 picks)" };
	f[KF_TABLE] = (struct field){ .label = "references", .kind = FIELD_TEXT, .list = &tables,
		.text = xstrdup(initial->ref_table ? initial->ref_table : ""),
		.hint = "the referenced table (F4 lists them)" };
	f[KF_REF_COLUMNS] = (struct field){ .label = "its columns", .kind = FIELD_TEXT,
		.text = flow_join(&initial->ref_columns),
		.hint = "the referenced columns, as many as columns, usually its key" };
	f[KF_ON_DELETE] = (struct field){ .label = "on delete", .kind = FIELD_CHOICE,
		.choices = fk_choices, .choice = fk_choice(initial->on_delete) };
	f[KF_ON_UPDATE] = (struct field){ .label = "on update", .kind = FIELD_CHOICE,
		.choices = fk_choices, .choice = fk_choice(initial->on_update) };
	f[KF_NAME] = (struct field){ .label = "name", .kind = FIELD_TEXT,
		.text = xstrdup(initial->name ? initial->name : ""),
		.hint = "optional constraint name" };
	title = index < 0 ? xasprintf("New foreign key of %s", tname)
			  : xasprintf("Foreign key of %s", tname);
	ok = dlg_form(ui, title, f, KF_COUNT, fkey_submit, &ctx);
	free(title);
	if (ok) {
		flow_done(ui, tname, "%s foreign key %s → %s", index < 0 ? "added" : "changed",
			  f[KF_COLUMNS].text, f[KF_TABLE].text);
		t = designer_table(ui->d);
		table_rows_update(ui);
		table_row_select(ui, SEC_FKEYS, index >= 0 ? index : (long)t->foreign_keys.n - 1);
	}
	fields_free(f, KF_COUNT);
	strlist_free(&cols);
	strlist_free(&tables);
	free(tname);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

/* The key columns of t: its composite key, else its primary key columns. */
static void key_of(const struct table *t, struct strlist *out)
{
	if (t->primary_key.n) {
		strlist_copy(out, &t->primary_key);
		return;
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->primary_key)
			strlist_push(out, c->name);
	}
}

unsigned flow_fkey_add(struct ui *ui)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	struct foreign_key *fk;
	struct strlist cols, tables;
	unsigned f = UI_HANDLED;
	long pick;

	if (!t)
		return UI_HANDLED;
	fk = foreign_key_new();
	strlist_init(&cols);
	strlist_init(&tables);
	flow_column_names(t, &cols);
	flow_table_names(d->model, &tables);
	if (!dlg_multi(ui, "Foreign key: mark this table's columns", &cols, &fk->columns))
		goto out;
	pick = dlg_pick(ui, "Foreign key: the referenced table", &tables, -1);
	if (pick < 0)
		goto out;
	fk->ref_table = xstrdup(tables.items[pick]);
	key_of(PLIST_AT(&d->model->tables, struct table, pick), &fk->ref_columns);
	f = fkey_form(ui, -1, fk);
out:
	foreign_key_free(fk);
	strlist_free(&cols);
	strlist_free(&tables);
	return f;
}

unsigned flow_fkey_edit(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct foreign_key *copy;
	unsigned f;

	if (!t || i >= t->foreign_keys.n)
		return UI_HANDLED;
	copy = foreign_key_clone(PLIST_AT(&t->foreign_keys, struct foreign_key, i));
	f = fkey_form(ui, (long)i, copy);
	foreign_key_free(copy);
	return f;
}

unsigned flow_fkey_delete(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct diag_list dl;
	char *tname;

	if (!t || i >= t->foreign_keys.n ||
	    dlg_confirm(ui, "Delete", "Delete this foreign key?", "y delete, n keep") != 'y')
		return UI_HANDLED;
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(ui->d, op_remove(OL_FOREIGN_KEYS, tname, i), false, &dl) == 0)
		flow_done(ui, tname, "deleted a foreign key of %s", tname);
	diag_list_free(&dl);
	free(tname);
	return UI_HANDLED | UI_CHANGED;
}
