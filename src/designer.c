/* designer.c — see designer.h. */
#include "designer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model-check.h"
#include "model-yaml.h"

static void stack_push(struct op_stack *s, struct op *op)
{
	xgrow(&s->ops, &s->cap, s->n + 1, sizeof(*s->ops));
	s->ops[s->n++] = op;
}

static struct op *stack_pop(struct op_stack *s)
{
	return s->n ? s->ops[--s->n] : NULL;
}

static void stack_clear(struct op_stack *s)
{
	while (s->n)
		op_free(s->ops[--s->n]);
}

static void stack_free(struct op_stack *s)
{
	stack_clear(s);
	free(s->ops);
	s->ops = NULL;
	s->cap = 0;
}

void designer_init(struct designer *d, struct model *m, const char *path)
{
	memset(d, 0, sizeof *d);
	d->model = m ? m : model_new();
	if (!d->model->version)
		d->model->version = 1;
	d->path = xstrdup(path);
	d->saved_reachable = true;
	d->dialect = &dialect_sqlite;
	diag_list_init(&d->diags);
	d->diags_stale = true;
}

void designer_free(struct designer *d)
{
	stack_free(&d->undo);
	stack_free(&d->redo);
	model_free(d->model);
	diag_list_free(&d->diags);
	free(d->path);
	free(d->label);
	memset(d, 0, sizeof *d);
}

static void changed(struct designer *d)
{
	d->generation++;
	d->diags_stale = true;
	d->modified = !(d->saved_reachable && d->undo.n == d->saved_depth);
}

int designer_apply(struct designer *d, struct op *op, bool merge, struct diag_list *dl)
{
	struct op *inv;

	if (op_apply(d->model, op, &inv, dl) != 0)
		return -1;
	if (merge && d->undo.n) {
		struct op *prev = stack_pop(&d->undo), *g;

		if (d->saved_depth > d->undo.n)
			d->saved_reachable = false;
		/* undoing (A then B) is B's inverse, then A's */
		g = op_group(prev->label ? prev->label : inv->label);
		op_group_add(g, inv);
		op_group_add(g, prev);
		stack_push(&d->undo, g);
	} else {
		if (d->saved_depth > d->undo.n)
			d->saved_reachable = false;
		stack_push(&d->undo, inv);
	}
	stack_clear(&d->redo);
	changed(d);
	return 0;
}

/* ---- validation of one edit, in its neighbourhood ---- */

static void names_add(struct strlist *l, const char *name)
{
	if (name && strlist_find(l, name) < 0)
		strlist_push(l, name);
}

/* The tables an op touches, by name, in the model as it is now. */
static void op_tables(const struct model *m, const struct op *op, struct strlist *out)
{
	if (op->kind == OP_GROUP) {
		for (size_t i = 0; i < op->n_ops; i++)
			op_tables(m, op->ops[i], out);
		return;
	}
	if (op->table)
		names_add(out, op->table);
	if (op->list == OL_TABLES) {
		if (op->item)
			names_add(out, ((const struct table *)op->item)->name);
		if ((op->kind == OP_REMOVE || op->kind == OP_REPLACE || op->kind == OP_MOVE) &&
		    op->index < m->tables.n)
			names_add(out, PLIST_AT(&m->tables, struct table, op->index)->name);
	}
	if (op->list == OL_LINKS && op->item) {
		const struct link *l = op->item;

		for (int k = 0; k < LK_COUNT; k++)
			if (k == LK_PARENT || k == LK_CHILD || k == LK_LEFT || k == LK_RIGHT ||
			    k == LK_THROUGH)
				names_add(out, l->field[k]);
	}
}

static void add_table(struct model *n, struct strlist *seen, const struct table *t)
{
	if (t && strlist_find(seen, t->name) < 0) {
		strlist_push(seen, t->name);
		model_add_table(n, table_clone(t));
	}
}

/* Does the message name a table of the whole model that the small model
 * left out?  Then it speaks of the cut, not of the edit. */
static bool about_outside(const struct model *m, const struct model *n, const char *msg)
{
	for (const char *p = strchr(msg, '\''); p; p = strchr(p, '\'')) {
		const char *end = strchr(p + 1, '\'');
		char *tok, *dot;
		bool outside;

		if (!end)
			break;
		tok = xstrndup(p + 1, (size_t)(end - p - 1));
		if ((dot = strchr(tok, '.')))
			*dot = '\0';
		outside = model_table(m, tok) && !model_table(n, tok);
		free(tok);
		if (outside)
			return true;
		p = end + 1;
	}
	return false;
}

/* Errors of model_check over the named tables, the tables they
 * reference and all enums: a small model, so the cost does not grow with
 * the schema. */
static void neighbourhood_errors(const struct model *m, const struct strlist *names,
				 struct strlist *errors, struct diag_list *all)
{
	struct model *n = model_new();
	struct strlist seen;
	struct diag_list dl;

	strlist_init(&seen);
	n->version = m->version;
	for (size_t i = 0; i < m->enums.n; i++)
		plist_push(&n->enums, enum_type_clone(PLIST_AT(&m->enums, struct enum_type, i)));
	for (size_t i = 0; i < names->n; i++)
		add_table(n, &seen, model_table(m, names->items[i]));
	for (size_t i = 0; i < names->n; i++) {
		const struct table *t = model_table(m, names->items[i]);

		for (size_t c = 0; t && c < t->columns.n; c++) {
			const struct column *col = PLIST_AT(&t->columns, struct column, c);

			if (col->ref_table)
				add_table(n, &seen, model_table(m, col->ref_table));
		}
		for (size_t f = 0; t && f < t->foreign_keys.n; f++)
			add_table(n, &seen, model_table(m, PLIST_AT(&t->foreign_keys,
					struct foreign_key, f)->ref_table));
	}
	diag_list_init(&dl);
	model_check(n, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		if (dl.items[i].severity != SEV_ERROR || about_outside(m, n, dl.items[i].message))
			continue;
		strlist_push(errors, dl.items[i].message);
		if (all)
			diag_add(all, SEV_ERROR, dl.items[i].pos, "%s", dl.items[i].message);
	}
	diag_list_free(&dl);
	strlist_free(&seen);
	model_free(n);
}

/* Can op change the index names of the model?  Only index and whole-table
 * ops can: any other edit leaves the names as they were, so it cannot
 * make a clash (and one already in the file is not the edit's doing). */
static bool op_names_indexes(const struct op *op)
{
	if (op->kind == OP_GROUP) {
		for (size_t i = 0; i < op->n_ops; i++)
			if (op_names_indexes(op->ops[i]))
				return true;
		return false;
	}
	return op->list == OL_INDEXES || op->list == OL_TABLES;
}

/* An index name used by another table than the one that owns ix. */
static void index_names_clash(const struct model *m, const struct strlist *names,
			      struct diag_list *why)
{
	for (size_t i = 0; i < names->n; i++) {
		const struct table *t = model_table(m, names->items[i]);

		for (size_t x = 0; t && x < t->indexes.n; x++) {
			const struct index *ix = PLIST_AT(&t->indexes, struct index, x);

			for (size_t j = 0; j < m->tables.n; j++) {
				const struct table *o = PLIST_AT(&m->tables, struct table, j);

				if (o == t)
					continue;
				for (size_t y = 0; y < o->indexes.n; y++)
					if (strcmp(PLIST_AT(&o->indexes, struct index, y)->name,
						   ix->name) == 0)
						diag_add(why, SEV_ERROR, (struct pos){ 0, 0 },
							 "index name '%s' is already used by table '%s'",
							 ix->name, o->name);
			}
		}
	}
}

int designer_try(struct designer *d, struct op *op, struct diag_list *why)
{
	struct strlist names, before, after;
	struct diag_list all;
	struct op *inv;
	size_t new_errors = 0, index_errors;
	bool touches_indexes = false;

	strlist_init(&names);
	strlist_init(&before);
	strlist_init(&after);
	diag_list_init(&all);
	op_tables(d->model, op, &names);
	touches_indexes = op_names_indexes(op);
	neighbourhood_errors(d->model, &names, &before, NULL);
	if (op_apply(d->model, op, &inv, why) != 0) {
		strlist_free(&names);
		strlist_free(&before);
		strlist_free(&after);
		return -1;
	}
	op_tables(d->model, inv, &names);
	neighbourhood_errors(d->model, &names, &after, &all);
	for (size_t i = 0; i < after.n; i++) {
		long j = strlist_find(&before, after.items[i]);

		if (j >= 0) {
			/* one occurrence each: a multiset difference */
			free(before.items[j]);
			before.items[j] = xstrdup("");
			continue;
		}
		diag_add(why, SEV_ERROR, all.items[i].pos, "%s", after.items[i]);
		new_errors++;
	}
	index_errors = why->errors;
	if (touches_indexes)
		index_names_clash(d->model, &names, why);
	new_errors += why->errors - index_errors;
	strlist_free(&names);
	strlist_free(&before);
	strlist_free(&after);
	diag_list_free(&all);

	if (new_errors) {
		struct op *redo;
		struct diag_list ignore;

		diag_list_init(&ignore);
		op_apply(d->model, inv, &redo, &ignore);
		op_free(redo);
		diag_list_free(&ignore);
		return -1;
	}
	/* accepted: record it like designer_apply does */
	if (d->saved_depth > d->undo.n)
		d->saved_reachable = false;
	stack_push(&d->undo, inv);
	stack_clear(&d->redo);
	changed(d);
	return 0;
}

static int step(struct designer *d, struct op_stack *from, struct op_stack *to,
		const char **label, struct diag_list *dl)
{
	struct op *op = stack_pop(from), *inv;

	if (!op)
		return -1;
	free(d->label);
	d->label = xstrdup(op->label ? op->label : "edit");
	if (op_apply(d->model, op, &inv, dl) != 0) {
		/* cannot happen with exact inverses; drop the history rather
		 * than leave a stack that no longer matches the model */
		stack_clear(from);
		stack_clear(to);
		d->saved_reachable = false;
		changed(d);
		return -1;
	}
	stack_push(to, inv);
	if (label)
		*label = d->label;
	changed(d);
	return 0;
}

int designer_undo(struct designer *d, const char **label, struct diag_list *dl)
{
	return step(d, &d->undo, &d->redo, label, dl);
}

int designer_redo(struct designer *d, const char **label, struct diag_list *dl)
{
	return step(d, &d->redo, &d->undo, label, dl);
}

int designer_save(struct designer *d, char **err)
{
	if (model_save_file(d->model, d->path, err) != 0)
		return -1;
	d->saved_depth = d->undo.n;
	d->saved_reachable = true;
	d->modified = false;
	d->file_invalid = false;
	designer_remove_recovery(d);
	return 0;
}

void designer_refresh_diags(struct designer *d)
{
	if (!d->diags_stale)
		return;
	diag_list_free(&d->diags);
	model_check(d->model, &d->diags);
	d->diags_stale = false;
	if (d->diag_cursor >= d->diags.n)
		d->diag_cursor = 0;
}

char *designer_recovery_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xasprintf(".%s.skema-recover", path);
	return xasprintf("%.*s/.%s.skema-recover", (int)(slash - path), path, slash + 1);
}

int designer_write_recovery(const struct designer *d)
{
	char *path = designer_recovery_path(d->path), *text, *err = NULL;
	size_t len;
	int rc;

	text = model_save_yaml(d->model, &len);
	rc = file_write_atomic(path, text, len, &err);
	free(err);
	free(text);
	free(path);
	return rc;
}

int designer_restore_recovery(struct designer *d, struct diag_list *dl, char **err)
{
	char *path = designer_recovery_path(d->path);
	struct model *m = NULL;
	int rc = model_load_file(path, &m, dl, err);

	free(path);
	if (rc != 0)
		return -1;
	if (!m) {
		*err = xstrdup("the recovery file is not valid YAML");
		return -1;
	}
	model_free(d->model);
	d->model = m;
	stack_clear(&d->undo);
	stack_clear(&d->redo);
	d->saved_depth = 0;
	d->saved_reachable = false;   /* the file on disk is another state */
	d->table = 0;
	changed(d);
	return 0;
}

void designer_remove_recovery(const struct designer *d)
{
	char *path = designer_recovery_path(d->path);

	if (unlink(path) != 0 && errno != ENOENT) {
		/* nothing useful to do: a stale file is offered next time */
	}
	free(path);
}

struct table *designer_table(struct designer *d)
{
	if (d->model->tables.n == 0) {
		d->table = 0;
		return NULL;
	}
	if (d->table >= d->model->tables.n)
		d->table = d->model->tables.n - 1;
	return PLIST_AT(&d->model->tables, struct table, d->table);
}

bool designer_select(struct designer *d, const char *name)
{
	long i = model_table_index(d->model, name);

	if (i < 0)
		return false;
	d->table = (size_t)i;
	return true;
}

bool designer_locate(const struct designer *d, const char *message, size_t *table,
		     long *column)
{
	const char *p = message;

	while ((p = strchr(p, '\''))) {
		const char *end = strchr(p + 1, '\'');
		char *tok, *dot;
		long ti;

		if (!end)
			break;
		tok = xstrndup(p + 1, (size_t)(end - p - 1));
		dot = strchr(tok, '.');
		if (dot)
			*dot = '\0';
		ti = model_table_index(d->model, tok);
		if (ti >= 0) {
			const struct table *t = PLIST_AT(&d->model->tables, struct table, ti);

			*table = (size_t)ti;
			*column = dot ? table_column_index(t, dot + 1) : -1;
			free(tok);
			return true;
		}
		free(tok);
		p = end + 1;
	}
	return false;
}
