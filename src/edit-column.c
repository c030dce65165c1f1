/* edit-column.c — adding, editing, renaming and deleting columns.  One
 * form holds every column key of format v1; the type field completes over
 * the logical types and the model's enums, `references` picks from the
 * key columns of all tables.  The edit is applied only when the model
 * check of the tables involved finds no new error. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "types.h"
#include "ui-dialog.h"

static const char *const nullable_choices[] = { "default", "no", "yes", NULL };
static const char *const action_choices[] = { "", "cascade", "set null", "set default",
					      "restrict", "no action", NULL };

enum {
	F_NAME, F_TYPE, F_PK, F_NULLABLE, F_UNIQUE, F_INDEX, F_AUTOINC, F_DEFAULT,
	F_DEFAULT_SQL, F_CHECK, F_REFERENCES, F_ON_DELETE, F_ON_UPDATE, F_GE, F_LE, F_GT,
	F_LT, F_MIN_LENGTH, F_MAX_LENGTH, F_COMMENT, F_COUNT
};

static const char *const logical_types[] = {
	"integer", "bigint", "smallint", "boolean", "real", "double", "numeric(10,2)",
	"decimal(10,2)", "text", "varchar(100)", "char(1)", "date", "time", "datetime",
	"timestamp", "timestamptz", "blob", "uuid", "json", NULL
};

struct column_ctx {
	struct ui *ui;
	const char *table;       /* the table edited or created */
	long column;             /* -1: add */
	const char *new_table;   /* create this table with the column */
	size_t insert_at;
	char *done;              /* message after success */
};

static bool is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return !*s;
}

static bool is_number(const char *s)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	strtod(s, &end);
	return !*end && errno == 0;
}

/* The `default:` field: a YAML scalar as typed. */
static void value_parse(const char *s, struct value *v)
{
	size_t n = strlen(s);

	if (!n)
		value_set(v, VALUE_NONE, NULL);
	else if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0)
		value_set(v, VALUE_NULL, NULL);
	else if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		value_set(v, VALUE_BOOL, s);
	else if (is_int(s))
		value_set(v, VALUE_INT, s);
	else if (is_number(s) && strchr("+-.0123456789", s[0]))
		value_set(v, VALUE_FLOAT, s);
	else if (n >= 2 && (s[0] == '\'' || s[0] == '"') && s[n - 1] == s[0]) {
		char *inner = xstrndup(s + 1, n - 2);

		value_set(v, VALUE_STRING, inner);
		free(inner);
	} else
		value_set(v, VALUE_STRING, s);
}

static char *value_show(const struct value *v)
{
	struct value probe = { 0 };
	char *s;

	switch (v->kind) {
	case VALUE_NONE: return xstrdup("");
	case VALUE_NULL: return xstrdup("null");
	case VALUE_STRING:
		value_parse(v->text, &probe);
		s = probe.kind == VALUE_STRING && strcmp(probe.text, v->text) == 0
			? xstrdup(v->text) : xasprintf("'%s'", v->text);
		value_clear(&probe);
		return s;
	default: return xstrdup(v->text ? v->text : "");
	}
}

static size_t choice_of(enum fk_action a)
{
	for (size_t i = 1; action_choices[i]; i++) {
		enum fk_action p;

		if (fk_action_parse(action_choices[i], &p) && p == a)
			return i;
	}
	return 0;
}

static enum fk_action action_of(size_t choice)
{
	enum fk_action a = ACTION_NONE;

	if (choice > 0)
		fk_action_parse(action_choices[choice], &a);
	return a;
}

static void set_text(char **dst, const char *s)
{
	free(*dst);
	*dst = s && *s ? xstrdup(s) : NULL;
}

/* Fields → column; NULL with *msg and *bad on a value no column can have. */
static struct column *column_from_fields(struct field *f, char **msg, size_t *bad)
{
	struct column *c;
	char *dot;

	if ((*msg = flow_bad_name("column", f[F_NAME].text))) {
		*bad = F_NAME;
		return NULL;
	}
	if (!*f[F_TYPE].text) {
		*msg = xstrdup("a column needs a type (F4 lists them)");
		*bad = F_TYPE;
		return NULL;
	}
	for (int b = 0; b < BOUND_COUNT; b++)
		if (*f[F_GE + b].text && !is_number(f[F_GE + b].text)) {
			*msg = xasprintf("%s must be a number, not '%s'", f[F_GE + b].label,
					 f[F_GE + b].text);
			*bad = (size_t)(F_GE + b);
			return NULL;
		}
	for (int i = 0; i < 2; i++) {
		const char *s = f[F_MIN_LENGTH + i].text;

		if (*s && (!is_int(s) || s[0] == '-')) {
			*msg = xasprintf("%s must be a whole number >= 0, not '%s'",
					 f[F_MIN_LENGTH + i].label, s);
			*bad = (size_t)(F_MIN_LENGTH + i);
			return NULL;
		}
	}
	dot = strchr(f[F_REFERENCES].text, '.');
	if (*f[F_REFERENCES].text && (!dot || dot == f[F_REFERENCES].text || !dot[1])) {
		*msg = xasprintf("references must be table.column, not '%s' (F4 lists the keys)",
				 f[F_REFERENCES].text);
		*bad = F_REFERENCES;
		return NULL;
	}
	if (!*f[F_REFERENCES].text && (f[F_ON_DELETE].choice || f[F_ON_UPDATE].choice)) {
		*msg = xstrdup("on delete/on update need a reference");
		*bad = F_REFERENCES;
		return NULL;
	}
	c = column_new(f[F_NAME].text, f[F_TYPE].text);
	c->primary_key = f[F_PK].on;
	c->nullable = f[F_NULLABLE].choice == 0 ? TRI_UNSET
		      : f[F_NULLABLE].choice == 1 ? TRI_FALSE : TRI_TRUE;
	c->unique = f[F_UNIQUE].on;
	c->index = f[F_INDEX].on;
	c->autoincrement = f[F_AUTOINC].on;
	value_parse(f[F_DEFAULT].text, &c->dflt);
	set_text(&c->default_sql, f[F_DEFAULT_SQL].text);
	set_text(&c->check, f[F_CHECK].text);
	for (int b = 0; b < BOUND_COUNT; b++)
		set_text(&c->bound[b], f[F_GE + b].text);
	c->min_length = *f[F_MIN_LENGTH].text ? strtoll(f[F_MIN_LENGTH].text, NULL, 10) : -1;
	c->max_length = *f[F_MAX_LENGTH].text ? strtoll(f[F_MAX_LENGTH].text, NULL, 10) : -1;
	if (dot) {
		c->ref_table = xstrndup(f[F_REFERENCES].text, (size_t)(dot - f[F_REFERENCES].text));
		c->ref_column = xstrdup(dot + 1);
	}
	c->on_delete = action_of(f[F_ON_DELETE].choice);
	c->on_update = action_of(f[F_ON_UPDATE].choice);
	set_text(&c->comment, f[F_COMMENT].text);
	if (f[F_DEFAULT].text[0] && c->default_sql) {
		*msg = xstrdup("give default or default_sql, not both");
		*bad = F_DEFAULT;
		column_free(c);
		return NULL;
	}
	return c;
}

static char *column_submit(void *ctxp, struct field *f, size_t n, size_t *bad)
{
	struct column_ctx *ctx = ctxp;
	struct designer *d = ctx->ui->d;
	struct diag_list why;
	struct column *c;
	struct op *op;
	char *msg = NULL;

	(void)n;
	c = column_from_fields(f, &msg, bad);
	if (!c)
		return msg;
	diag_list_init(&why);
	if (ctx->new_table) {
		struct table *t = table_new(ctx->new_table);

		table_add_column(t, c);
		op = op_insert(OL_TABLES, NULL, ctx->insert_at, t);
		ctx->done = xasprintf("added table %s", ctx->new_table);
	} else if (ctx->column < 0) {
		char *name = xstrdup(c->name);

		op = op_insert(OL_COLUMNS, ctx->table, ctx->insert_at, c);
		ctx->done = xasprintf("added column %s.%s", ctx->table, name);
		free(name);
	} else {
		const struct table *t = model_table(d->model, ctx->table);
		const struct column *old = PLIST_AT(&t->columns, struct column, ctx->column);

		/* keys the form does not show survive the edit */
		set_text(&c->was, old->was);
		op = edit_modify_column(d->model, ctx->table, old->name, c, &why);
		ctx->done = xasprintf("changed column %s.%s", ctx->table, f[F_NAME].text);
	}
	if (!op || designer_try(d, op, &why) != 0) {
		msg = flow_error(&why, "the column was not accepted");
		*bad = F_TYPE;
		if (strstr(msg, "reference") || strstr(msg, "references"))
			*bad = F_REFERENCES;
		else if (strstr(msg, "name") && !strstr(msg, "type"))
			*bad = F_NAME;
		else if (strstr(msg, "default"))
			*bad = F_DEFAULT;
		free(ctx->done);
		ctx->done = NULL;
	}
	diag_list_free(&why);
	return msg;
}

static void fill_fields(struct field *f, const struct column *c)
{
	static const char *const labels[F_COUNT] = {
		"name", "type", "primary key", "nullable", "unique", "index", "autoincrement",
		"default", "default_sql", "check", "references", "on delete", "on update",
		"ge (>=)", "le (<=)", "gt (>)", "lt (<)", "min_length", "max_length", "comment",
	};
	static const char *const hints[F_COUNT] = {
		[F_NAME] = "the column's name",
		[F_TYPE] = "integer, text, varchar(n), numeric(p,s), datetime, enum(NAME)...: F4 lists them",
		[F_PK] = "part of the primary key (several columns make a composite key)",
		[F_NULLABLE] = "default: nullable, except primary key columns; no = NOT NULL",
		[F_DEFAULT] = "a value: 0, 1.5, true, null, or text (quote '0' for the text 0)",
		[F_DEFAULT_SQL] = "an SQL expression, e.g. CURRENT_TIMESTAMP",
		[F_CHECK] = "an SQL expression the value must satisfy",
		[F_REFERENCES] = "a foreign key: table.column (F4 lists the key columns)",
		[F_ON_DELETE] = "what happens to this row when the referenced row is deleted",
		[F_ON_UPDATE] = "what happens when the referenced key changes",
		[F_MIN_LENGTH] = "string length bounds (become CHECK constraints)",
		[F_MAX_LENGTH] = "string length bounds (become CHECK constraints)",
	};

	memset(f, 0, F_COUNT * sizeof *f);
	for (int i = 0; i < F_COUNT; i++) {
		f[i].label = labels[i];
		f[i].kind = FIELD_TEXT;
		f[i].hint = hints[i];
	}
	f[F_PK].kind = f[F_UNIQUE].kind = f[F_INDEX].kind = f[F_AUTOINC].kind = FIELD_BOOL;
	f[F_NULLABLE].kind = f[F_ON_DELETE].kind = f[F_ON_UPDATE].kind = FIELD_CHOICE;
	f[F_NULLABLE].choices = nullable_choices;
	f[F_ON_DELETE].choices = f[F_ON_UPDATE].choices = action_choices;
	if (!c)
		return;
	f[F_NAME].text = xstrdup(c->name);
	f[F_TYPE].text = xstrdup(c->type);
	f[F_PK].on = c->primary_key;
	f[F_NULLABLE].choice = c->nullable == TRI_UNSET ? 0 : c->nullable == TRI_FALSE ? 1 : 2;
	f[F_UNIQUE].on = c->unique;
	f[F_INDEX].on = c->index;
	f[F_AUTOINC].on = c->autoincrement;
	f[F_DEFAULT].text = value_show(&c->dflt);
	f[F_DEFAULT_SQL].text = xstrdup(c->default_sql ? c->default_sql : "");
	f[F_CHECK].text = xstrdup(c->check ? c->check : "");
	f[F_REFERENCES].text = c->ref_table ? xasprintf("%s.%s", c->ref_table,
							  c->ref_column ? c->ref_column : "")
					    : xstrdup("");
	f[F_ON_DELETE].choice = choice_of(c->on_delete);
	f[F_ON_UPDATE].choice = choice_of(c->on_update);
	for (int b = 0; b < BOUND_COUNT; b++)
		f[F_GE + b].text = xstrdup(c->bound[b] ? c->bound[b] : "");
	f[F_MIN_LENGTH].text = c->min_length >= 0 ? xasprintf("%lld", (long long)c->min_length)
						  : xstrdup("");
	f[F_MAX_LENGTH].text = c->max_length >= 0 ? xasprintf("%lld", (long long)c->max_length)
						  : xstrdup("");
	f[F_COMMENT].text = xstrdup(c->comment ? c->comment : "");
}

/* Candidates for `references`: every table's key columns (a single
 * primary key, else each unique column), "table.column". */
static void key_columns(const struct model *m, struct strlist *out)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, j);

			if (table_column_in_pk(t, c) || c->unique)
				strlist_push_owned(out, xasprintf("%s.%s", t->name, c->name));
		}
	}
}

unsigned flow_column_form(struct ui *ui, const char *table, long column, const char *new_table)
{
	struct designer *d = ui->d;
	struct column_ctx ctx = { .ui = ui, .table = table, .column = column,
				  .new_table = new_table };
	struct field f[F_COUNT];
	struct strlist types, keys;
	const struct table *t = table ? model_table(d->model, table) : NULL;
	const struct column *c = t && column >= 0 ? PLIST_AT(&t->columns, struct column, column)
						   : NULL;
	char *title, *select = NULL;
	bool ok;

	strlist_init(&types);
	strlist_init(&keys);
	for (size_t i = 0; logical_types[i]; i++)
		strlist_push(&types, logical_types[i]);
	for (size_t i = 0; i < d->model->enums.n; i++)
		strlist_push_owned(&types, xasprintf("enum(%s)",
			PLIST_AT(&d->model->enums, struct enum_type, i)->name));
	key_columns(d->model, &keys);
	fill_fields(f, c);
	f[F_TYPE].list = &types;
	f[F_REFERENCES].list = &keys;
	if (new_table) {
		/* most tables start with an integer key */
		f[F_NAME].text = xstrdup("id");
		f[F_TYPE].text = xstrdup("integer");
		f[F_PK].on = true;
		ctx.insert_at = d->model->tables.n ? d->table + 1 : 0;
		title = xasprintf("New table %s: its first column", new_table);
	} else if (column < 0) {
		const struct trow *r = ui->focus == PANE_TABLE ? table_row_current(ui) : NULL;

		f[F_TYPE].text = xstrdup("text");
		ctx.insert_at = r && r->sec == SEC_COLUMNS && r->index >= 0 ? (size_t)r->index + 1
									 : t->columns.n;
		title = xasprintf("New column in %s", table);
	} else {
		title = xasprintf("Column %s.%s", table, c->name);
	}
	ok = dlg_form(ui, title, f, F_COUNT, column_submit, &ctx);
	free(title);
	if (ok && ctx.column < 0 && !ctx.new_table)
		select = xstrdup(f[F_NAME].text);
	fields_free(f, F_COUNT);
	strlist_free(&types);
	strlist_free(&keys);
	if (!ok) {
		free(select);
		return UI_HANDLED;
	}
	flow_done(ui, new_table ? new_table : table, "%s", ctx.done);
	free(ctx.done);
	if (new_table) {
		ui->focus = PANE_TABLES;
	} else {
		const struct table *nt = model_table(d->model, table);
		long ci = select && nt ? table_column_index(nt, select) : column;

		table_rows_update(ui);
		table_row_select(ui, SEC_COLUMNS, ci);
	}
	free(select);
	return UI_HANDLED | UI_CHANGED;
}

unsigned flow_column_add(struct ui *ui)
{
	struct table *t = designer_table(ui->d);

	if (!t)
		return flow_table_add(ui);
	return flow_column_form(ui, t->name, -1, NULL);
}

unsigned flow_column_edit(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);

	if (!t || i >= t->columns.n)
		return UI_HANDLED;
	return flow_column_form(ui, t->name, (long)i, NULL);
}

struct rename_ctx {
	struct ui *ui;
	const char *table;
	const char *old;
};

static char *rename_check(void *ctxp, const char *text)
{
	struct rename_ctx *ctx = ctxp;
	struct diag_list why;
	struct op *op;
	char *msg;

	if ((msg = flow_bad_name("column", text)))
		return msg;
	if (strcmp(text, ctx->old) == 0)
		return NULL;
	diag_list_init(&why);
	op = edit_rename_column(ctx->ui->d->model, ctx->table, ctx->old, text, &why);
	if (!op || designer_try(ctx->ui->d, op, &why) != 0)
		msg = flow_error(&why, "the name was not accepted");
	diag_list_free(&why);
	return msg;
}

unsigned flow_column_rename(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct rename_ctx ctx = { ui, NULL, NULL };
	char *tname, *old, *name = NULL, *title;
	bool ok;

	if (!t || i >= t->columns.n)
		return UI_HANDLED;
	tname = xstrdup(t->name);
	old = xstrdup(PLIST_AT(&t->columns, struct column, i)->name);
	ctx.table = tname;
	ctx.old = old;
	title = xasprintf("Rename column %s.%s", tname, old);
	ok = dlg_prompt(ui, title, "new name (the old one is kept as `was`):", old, rename_check,
			&ctx, NULL, &name);
	free(title);
	if (ok && strcmp(name, old) != 0)
		flow_done(ui, tname, "renamed column %s.%s to %s", tname, old, name);
	free(name);
	free(tname);
	free(old);
	return UI_HANDLED | (ok ? UI_CHANGED : 0);
}

unsigned flow_column_delete(struct ui *ui, size_t i)
{
	struct table *t = designer_table(ui->d);
	struct diag_list dl;
	char *q, *tname, *cname;
	int rc;

	if (!t || i >= t->columns.n)
		return UI_HANDLED;
	cname = xstrdup(PLIST_AT(&t->columns, struct column, i)->name);
	q = xasprintf("Delete column %s.%s?", t->name, cname);
	rc = dlg_confirm(ui, "Delete", q, "y delete, n keep");
	free(q);
	if (rc != 'y') {
		free(cname);
		return UI_HANDLED;
	}
	tname = xstrdup(t->name);
	diag_list_init(&dl);
	if (designer_apply(ui->d, op_remove(OL_COLUMNS, tname, i), false, &dl) == 0)
		flow_done(ui, tname, "deleted column %s.%s", tname, cname);
	else
		ui_message(ui, ROLE_STATUS_ERROR, "%s", dl.n ? dl.items[0].message : "not deleted");
	diag_list_free(&dl);
	free(tname);
	free(cname);
	return UI_HANDLED | UI_CHANGED;
}
