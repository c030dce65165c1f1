/* edit-table.c — tables (add, edit, rename, delete, reorder), the
 * model's name, enums, unique constraints, and the helpers the other
 * flows share. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "ui-dialog.h"

/* ---- shared helpers ---- */

char *flow_error(const struct diag_list *dl, const char *fallback)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].severity == SEV_ERROR)
			return xstrdup(dl->items[i].message);
	return xstrdup(fallback);
}

void flow_table_names(const struct model *m, struct strlist *out)
{
	for (size_t i = 0; i < m->tables.n; i++)
		strlist_push(out, PLIST_AT(&m->tables, struct table, i)->name);
}

void flow_column_names(const struct table *t, struct strlist *out)
{
	for (size_t i = 0; i < t->columns.n; i++)
		strlist_push(out, PLIST_AT(&t->columns, struct column, i)->name);
}

bool flow_split_list(const char *text, struct strlist *out)
{
	char *copy = xstrdup(text), *save = NULL;

	for (char *t = strtok_r(copy, ", \t", &save); t; t = strtok_r(NULL, ", \t", &save))
		strlist_push(out, t);
	free(copy);
	return out->n > 0;
}

char *flow_join(const struct strlist *l)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < l->n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", l->items[i]);
	return sb_release(&sb);
}

char *flow_bad_name(const char *what, const char *name)
{
	size_t n = strlen(name);

	if (!n)
		return xasprintf("the %s needs a name", what);
	if (isspace((unsigned char)name[0]) || isspace((unsigned char)name[n - 1]))
		return xasprintf("%s name '%s' starts or ends with a blank", what, name);
	if (strpbrk(name, ".\"'`"))
		return xasprintf("%s name '%s' must not contain dots or quotes", what, name);
	return NULL;
}

unsigned flow_done(struct ui *ui, const char *select_table, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	ui_changed(ui, select_table);
	ui_message(ui, ROLE_STATUS, "%s (u undoes)", sb.buf);
	sb_free(&sb);
	return UI_HANDLED | UI_CHANGED;
}

/* ---- tables ---- */

static char *new_table_check(void *ctx, const char *text)
{
	struct ui *ui = ctx;
	char *msg = flow_bad_name("table", text);

	if (!msg && model_table(ui->d->model, text))
		msg = xasprintf("table '%s' already exists", text);
	return msg;
}

unsigned flow_table_add(struct ui *ui)
{
	char *name = NULL;
	unsigned f;

	if (!dlg_prompt(ui, "New table", "table name:", "", new_table_check, ui, NULL, &name))
		return UI_HANDLED;
	f = flow_column_form(ui, NULL, -1, name);
	free(name);
	return f;
}

enum { TF_COMMENT, TF_PKEY, TF_WITHOUT_ROWID, TF_STRICT, TF_WAS, TF_COUNT };

struct table_ctx {
	struct ui *ui;
	size_t index;
};

static char *table_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct table_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	const struct table *t = PLIST_AT(&d->model->tables, struct table, ctx->index);
	struct table *c = table_clone(t);
	struct diag_list why;
	char *msg = NULL;

	(void)n;
	free(c->comment);
	c->comment = *f[TF_COMMENT].text ? xstrdup(f[TF_COMMENT].text) : NULL;
	free(c->was);
	c->was = *f[TF_WAS].text ? xstrdup(f[TF_WAS].text) : NULL;
	c->without_rowid = f[TF_WITHOUT_ROWID].on;
	c->strict = f[TF_STRICT].on;
	strlist_free(&c->primary_key);
	flow_split_list(f[TF_PKEY].text, &c->primary_key);
	for (size_t i = 0; i < c->primary_key.n; i++)
		if (!table_column(c, c->primary_key.items[i])) {
			msg = xasprintf("table '%s' has no column '%s'", c->name,
					c->primary_key.items[i]);
			*bad = TF_PKEY;
			table_free(c);
			return msg;
		}
	diag_list_init(&why);
	if (designer_try(d, op_replace(OL_TABLES, NULL, ctx->index, c), &why) != 0) {
		msg = flow_error(&why, "the table was not accepted");
		*bad = strstr(msg, "primary") ? TF_PKEY : TF_COMMENT;
	}
	diag_list_free(&why);
	return msg;
}

unsigned flow_table_edit(struct ui *ui)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	struct table_ctx ctx = { ui, d->table };
	struct field f[TF_COUNT];
	struct strlist cols;
	char *title, *name;
	bool ok;

	if (!t)
		return flow_table_add(ui);
	memset(f, 0, sizeof f);
	strlist_init(&cols);
	flow_column_names(t, &cols);
	f[TF_COMMENT] = (struct field){ .label = "comment", .kind = FIELD_TEXT,
		.text = xstrdup(t->comment ? t->comment : ""),
		.hint = "words about the table (kept in the DDL where the dialect has comments)" };
	f[TF_PKEY] = (struct field){ .label = "primary key", .kind = FIELD_TEXT,
		.text = flow_join(&t->primary_key), .list = &cols, .multi = true,
		.hint = "a composite key: columns in order (F4 picks); empty when columns carry the flag" };
	f[TF_WITHOUT_ROWID] = (struct field){ .label = "without_rowid", .kind = FIELD_BOOL,
		.on = t->without_rowid, .hint = "SQLite table option" };
	f[TF_STRICT] = (struct field){ .label = "strict", .kind = FIELD_BOOL, .on = t->strict,
		.hint = "SQLite table option" };
	f[TF_WAS] = (struct field){ .label = "was", .kind = FIELD_TEXT,
		.text = xstrdup(t->was ? t->was : ""),
		.hint = "the table's previous name (set by rename; migrations rename instead of drop)" };
	name = xstrdup(t->name);
	title = xasprintf("Table %s", name);
	ok = dlg_form(ui, title, f, TF_COUNT, table_submit, &ctx);
	free(title);
	fields_free(f, TF_COUNT);
	strlist_free(&cols);
	if (ok)
		flow_done(ui, name, "changed table %s", name);
	free(name);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

struct trename_ctx {
	struct ui *ui;
	const char *old;
	char *warning;
};

static char *table_rename_check(void *ctxp, const char *text)
{
	struct trename_ctx *ctx = ctxp;
	struct diag_list why;
	struct op *op;
	char *msg;

	if ((msg = flow_bad_name("table", text)))
		return msg;
	if (strcmp(text, ctx->old) == 0)
		return NULL;
	diag_list_init(&why);
	op = edit_rename_table(ctx->ui->d->model, ctx->old, text, &why);
	if (!op || designer_try(ctx->ui->d, op, &why) != 0)
		msg = flow_error(&why, "the name was not accepted");
	else if (why.warnings)
		ctx->warning = xstrdup(why.items[0].message);
	diag_list_free(&why);
	return msg;
}

unsigned flow_table_rename(struct ui *ui)
{
	struct table *t = designer_table(ui->d);
	struct trename_ctx ctx = { ui, NULL, NULL };
	char *old, *name = NULL, *title;
	bool ok;

	if (!t)
		return UI_HANDLED;
	old = xstrdup(t->name);
	ctx.old = old;
	title = xasprintf("Rename table %s", old);
	ok = dlg_prompt(ui, title, "new name (the old one is kept as `was`):", old,
			table_rename_check, &ctx, NULL, &name);
	free(title);
	if (ok && strcmp(name, old) != 0) {
		flow_done(ui, name, "renamed table %s to %s", old, name);
		if (ctx.warning)
			ui_message(ui, ROLE_STATUS_WARNING, "renamed; %s", ctx.warning);
	}
	free(ctx.warning);
	free(name);
	free(old);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

unsigned flow_table_delete(struct ui *ui)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	struct diag_list dl;
	size_t referrers = 0;
	bool drop_refs = false;
	char *q, *name;
	struct op *op;

	if (!t)
		return UI_HANDLED;
	name = xstrdup(t->name);
	for (size_t i = 0; i < d->model->tables.n; i++) {
		const struct table *o = PLIST_AT(&d->model->tables, struct table, i);

		for (size_t j = 0; o != t && j < o->columns.n; j++)
			referrers += str_eq_null(PLIST_AT(&o->columns, struct column, j)->ref_table, name);
		for (size_t j = 0; o != t && j < o->foreign_keys.n; j++)
			referrers += str_eq_null(PLIST_AT(&o->foreign_keys, struct foreign_key,
							  j)->ref_table, name);
	}
	q = xasprintf("Delete table %s with its %zu columns (and the links that name it)?",
		      name, t->columns.n);
	if (dlg_confirm(ui, "Delete", q, "y delete, n keep") != 'y') {
		free(q);
		free(name);
		return UI_HANDLED;
	}
	free(q);
	if (referrers) {
		int c;

		q = xasprintf("%zu reference%s to %s from other tables. Remove %s too?", referrers,
			      referrers == 1 ? "" : "s", name, referrers == 1 ? "it" : "them");
		c = dlg_confirm(ui, "Delete", q, "y remove the references, n leave them (errors), Esc cancel");
		free(q);
		if (!c) {
			free(name);
			return UI_HANDLED;
		}
		drop_refs = c == 'y';
	}
	diag_list_init(&dl);
	op = edit_remove_table(d->model, name, drop_refs, &dl);
	if (op && designer_apply(d, op, false, &dl) == 0)
		flow_done(ui, NULL, "deleted table %s", name);
	else
		ui_message(ui, ROLE_STATUS_ERROR, "%s", dl.n ? dl.items[0].message : "not deleted");
	diag_list_free(&dl);
	free(name);
	return UI_HANDLED | UI_CHANGED;
}

/* ---- reordering ---- */

unsigned flow_move(struct ui *ui, enum section sec, long index, int delta)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	enum op_list list;
	size_t n, to;
	struct diag_list dl;
	char *tname;

	if (!t || index < 0)
		return UI_HANDLED;
	switch (sec) {
	case SEC_COUNT: list = OL_TABLES; n = d->model->tables.n; break;
	case SEC_COLUMNS: list = OL_COLUMNS; n = t->columns.n; break;
	case SEC_INDEXES: list = OL_INDEXES; n = t->indexes.n; break;
	case SEC_CHECKS: list = OL_CHECKS; n = t->checks.n; break;
	case SEC_FKEYS: list = OL_FOREIGN_KEYS; n = t->foreign_keys.n; break;
	case SEC_UNIQUES: list = OL_UNIQUES; n = t->uniques.n; break;
	case SEC_LINKS: list = OL_LINKS; n = d->model->links.n; break;
	default: return UI_HANDLED;
	}
	if ((delta < 0 && index == 0) || (delta > 0 && (size_t)index + 1 >= n)) {
		ui_message(ui, ROLE_STATUS_WARNING, "already %s", delta < 0 ? "first" : "last");
		return UI_HANDLED;
	}
	to = (size_t)(index + delta);
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(d, op_move(list, list >= OL_COLUMNS ? tname : NULL, (size_t)index, to),
			   false, &dl) != 0) {
		ui_message(ui, ROLE_STATUS_ERROR, "%s", dl.n ? dl.items[0].message : "not moved");
	} else if (sec == SEC_COUNT) {
		flow_done(ui, tname, "moved table %s %s", tname, delta < 0 ? "up" : "down");
	} else {
		flow_done(ui, tname, "moved %s", delta < 0 ? "up" : "down");
		table_rows_update(ui);
		table_row_select(ui, sec, (long)to);
	}
	diag_list_free(&dl);
	free(tname);
	return UI_HANDLED | UI_CHANGED;
}

/* ---- the model's name ---- */

unsigned flow_model_name(struct ui *ui)
{
	struct designer *d = ui->d;
	struct diag_list dl;
	char *name = NULL;

	if (!dlg_prompt(ui, "Model name", "name (empty: none):", d->model->name ? d->model->name : "",
			NULL, NULL, NULL, &name))
		return UI_HANDLED;
	diag_list_init(&dl);
	if (designer_apply(d, op_set_name(*name ? name : NULL), false, &dl) == 0)
		flow_done(ui, NULL, "model name set to '%s'", name);
	diag_list_free(&dl);
	free(name);
	return UI_HANDLED | UI_CHANGED;
}

/* ---- enums ---- */

enum { EF_NAME, EF_VALUES, EF_DELETE, EF_COUNT };

struct enum_ctx {
	struct ui *ui;
	long index;           /* -1: new */
};

static char *enum_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct enum_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	struct diag_list why;
	struct enum_type *e;
	struct op *op;
	char *msg = NULL;
	long other;

	(void)n;
	diag_list_init(&why);
	if (ctx->index >= 0 && f[EF_DELETE].on) {
		designer_apply(d, op_remove(OL_ENUMS, NULL, (size_t)ctx->index), false, &why);
		diag_list_free(&why);
		return NULL;
	}
	if ((msg = flow_bad_name("enum", f[EF_NAME].text))) {
		*bad = EF_NAME;
		return msg;
	}
	for (other = 0; other < (long)d->model->enums.n; other++)
		if (other != ctx->index &&
		    strcmp(PLIST_AT(&d->model->enums, struct enum_type, other)->name,
			   f[EF_NAME].text) == 0) {
			*bad = EF_NAME;
			return xasprintf("enum '%s' already exists", f[EF_NAME].text);
		}
	e = enum_type_new(f[EF_NAME].text);
	if (!flow_split_list(f[EF_VALUES].text, &e->values)) {
		enum_type_free(e);
		*bad = EF_VALUES;
		return xstrdup("an enum needs at least one value");
	}
	for (size_t i = 0; i < e->values.n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(e->values.items[i], e->values.items[j]) == 0) {
				msg = xasprintf("value '%s' is listed twice", e->values.items[i]);
				enum_type_free(e);
				*bad = EF_VALUES;
				return msg;
			}
	op = ctx->index < 0 ? op_insert(OL_ENUMS, NULL, d->model->enums.n, e)
			    : op_replace(OL_ENUMS, NULL, (size_t)ctx->index, e);
	if (designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the enum was not accepted");
		*bad = EF_VALUES;
	}
	diag_list_free(&why);
	return msg;
}

unsigned flow_enums(struct ui *ui)
{
	struct designer *d = ui->d;
	struct strlist items;
	struct field f[EF_COUNT];
	struct enum_ctx ctx = { ui, -1 };
	long pick;
	bool ok;

	strlist_init(&items);
	strlist_push(&items, "<new enum>");
	for (size_t i = 0; i < d->model->enums.n; i++) {
		const struct enum_type *e = PLIST_AT(&d->model->enums, struct enum_type, i);
		char *vals = flow_join(&e->values);

		strlist_push_owned(&items, xasprintf("%s: %s", e->name, vals));
		free(vals);
	}
	pick = dlg_pick(ui, "Enums", &items, d->model->enums.n ? 1 : 0);
	strlist_free(&items);
	if (pick < 0)
		return UI_HANDLED;
	ctx.index = pick - 1;
	memset(f, 0, sizeof f);
	f[EF_NAME] = (struct field){ .label = "name", .kind = FIELD_TEXT,
		.hint = "columns use it as type enum(NAME)" };
	f[EF_VALUES] = (struct field){ .label = "values", .kind = FIELD_TEXT,
		.hint = "the allowed values, separated by commas" };
	f[EF_DELETE] = (struct field){ .label = "delete it", .kind = FIELD_BOOL,
		.hint = "remove this enum (columns using it then show errors)" };
	if (ctx.index >= 0) {
		const struct enum_type *e = PLIST_AT(&d->model->enums, struct enum_type, ctx.index);

		f[EF_NAME].text = xstrdup(e->name);
		f[EF_VALUES].text = flow_join(&e->values);
	}
	ok = dlg_form(ui, ctx.index < 0 ? "New enum" : "Enum", f,
		      ctx.index < 0 ? EF_DELETE : EF_COUNT, enum_submit, &ctx);
	if (ok)
		flow_done(ui, NULL, "%s enum %s", f[EF_DELETE].on ? "deleted" :
			  ctx.index < 0 ? "added" : "changed", f[EF_NAME].text);
	fields_free(f, EF_COUNT);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

/* ---- views and triggers ---- */

enum { SF_NAME, SF_SQL, SF_DELETE, SF_COUNT };

struct sql_ctx {
	struct ui *ui;
	bool triggers;
	long index;
};

static char *sql_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct sql_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	enum op_list list = ctx->triggers ? OL_TRIGGERS : OL_VIEWS;
	const struct plist *l = ctx->triggers ? &d->model->triggers : &d->model->views;
	const char *what = ctx->triggers ? "trigger" : "view";
	struct diag_list why;
	struct op *op;
	char *msg = NULL;

	(void)n;
	diag_list_init(&why);
	if (ctx->index >= 0 && f[SF_DELETE].on) {
		designer_apply(d, op_remove(list, NULL, (size_t)ctx->index), false, &why);
		diag_list_free(&why);
		return NULL;
	}
	if ((msg = flow_bad_name(what, f[SF_NAME].text))) {
		*bad = SF_NAME;
		return msg;
	}
	for (size_t i = 0; i < l->n; i++)
		if ((long)i != ctx->index &&
		    strcmp(PLIST_AT(l, struct sql_object, i)->name, f[SF_NAME].text) == 0) {
			*bad = SF_NAME;
			return xasprintf("%s '%s' already exists", what, f[SF_NAME].text);
		}
	if (!*f[SF_SQL].text) {
		*bad = SF_SQL;
		return xasprintf("a %s needs its SQL text", what);
	}
	op = ctx->index < 0
		? op_insert(list, NULL, l->n, sql_object_new(f[SF_NAME].text, f[SF_SQL].text))
		: op_replace(list, NULL, (size_t)ctx->index,
			     sql_object_new(f[SF_NAME].text, f[SF_SQL].text));
	if (designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "not accepted");
		*bad = SF_NAME;
	}
	diag_list_free(&why);
	return msg;
}

/* SQL shown on one line: the form edits one line of text. */
static char *one_line(const char *sql)
{
	char *s = xstrdup(sql), *p;

	for (p = s; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	while (p > s && p[-1] == ' ')
		*--p = '\0';
	return s;
}

unsigned flow_sql_objects(struct ui *ui, bool triggers)
{
	struct designer *d = ui->d;
	const struct plist *l = triggers ? &d->model->triggers : &d->model->views;
	struct sql_ctx ctx = { ui, triggers, -1 };
	struct field f[SF_COUNT];
	struct strlist items;
	long pick;
	bool ok;

	strlist_init(&items);
	strlist_push(&items, triggers ? "<new trigger>" : "<new view>");
	for (size_t i = 0; i < l->n; i++)
		strlist_push(&items, PLIST_AT(l, struct sql_object, i)->name);
	pick = dlg_pick(ui, triggers ? "Triggers" : "Views", &items, l->n ? 1 : 0);
	strlist_free(&items);
	if (pick < 0)
		return UI_HANDLED;
	ctx.index = pick - 1;
	memset(f, 0, sizeof f);
	f[SF_NAME] = (struct field){ .label = "name", .kind = FIELD_TEXT };
	f[SF_SQL] = (struct field){ .label = triggers ? "CREATE TRIGGER" : "SELECT", .kind = FIELD_TEXT,
		.hint = triggers ? "the whole CREATE TRIGGER statement, kept as written"
				 : "the view's query (SELECT ...), kept as written" };
	f[SF_DELETE] = (struct field){ .label = "delete it", .kind = FIELD_BOOL };
	if (ctx.index >= 0) {
		const struct sql_object *o = PLIST_AT(l, struct sql_object, ctx.index);

		f[SF_NAME].text = xstrdup(o->name);
		f[SF_SQL].text = one_line(o->sql);
	}
	ok = dlg_form(ui, triggers ? "Trigger" : "View", f,
		      ctx.index < 0 ? SF_DELETE : SF_COUNT, sql_submit, &ctx);
	if (ok)
		flow_done(ui, NULL, "%s %s %s", f[SF_DELETE].on ? "deleted" :
			  ctx.index < 0 ? "added" : "changed", triggers ? "trigger" : "view",
			  f[SF_NAME].text);
	fields_free(f, SF_COUNT);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

/* ---- unique constraints and the composite primary key ---- */

unsigned flow_unique_add(struct ui *ui)
{
	struct designer *d = ui->d;
	struct table *t = designer_table(d);
	struct strlist cols;
	struct unique *u;
	struct diag_list why;
	char *tname, *msg;

	if (!t)
		return UI_HANDLED;
	strlist_init(&cols);
	flow_column_names(t, &cols);
	u = unique_new();
	if (!dlg_multi(ui, "Unique: its columns", &cols, &u->columns)) {
		unique_free(u);
		strlist_free(&cols);
		return UI_HANDLED;
	}
	strlist_free(&cols);
	tname = xstrdup(t->name);
	diag_list_init(&why);
	if (designer_try(d, op_insert(OL_UNIQUES, tname, t->uniques.n, u), &why) == 0) {
		flow_done(ui, tname, "added a unique constraint to %s", tname);
	} else {
		msg = flow_error(&why, "not accepted");
		ui_message(ui, ROLE_STATUS_ERROR, "%s", msg);
		free(msg);
	}
	diag_list_free(&why);
	free(tname);
	return UI_HANDLED | UI_CHANGED;
}

unsigned flow_unique_delete(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct diag_list dl;
	char *tname;

	if (!t || i >= t->uniques.n ||
	    dlg_confirm(ui, "Delete", "Delete this unique constraint?", "y delete, n keep") != 'y')
		return UI_HANDLED;
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(ui->d, op_remove(OL_UNIQUES, tname, i), false, &dl) == 0)
		flow_done(ui, tname, "deleted a unique constraint of %s", tname);
	diag_list_free(&dl);
	free(tname);
	return UI_HANDLED | UI_CHANGED;
}

unsigned flow_pkey_edit(struct ui *ui)
{
	return flow_table_edit(ui);
}
