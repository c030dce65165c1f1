/* model-ops.c — undoable operations on a model, and the high-level edits
 * built from them.
 *
 * Only the primitives touch the model; an edit is a GROUP of primitives
 * computed from the current model, so its undo is exact by construction:
 * the inverse of a REPLACE carries the very object it displaced. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model-ops.h"

/* ---- what each list holds ---- */

static const char *table_name_of(const void *p) { return ((const struct table *)p)->name; }
static const char *enum_name_of(const void *p) { return ((const struct enum_type *)p)->name; }
static const char *sql_name_of(const void *p) { return ((const struct sql_object *)p)->name; }
static const char *placement_name_of(const void *p) { return ((const struct placement *)p)->table; }
static const char *column_name_of(const void *p) { return ((const struct column *)p)->name; }
static const char *index_name_of(const void *p) { return ((const struct index *)p)->name; }
static const char *check_name_of(const void *p) { return ((const struct check *)p)->name; }

static void table_free_v(void *p) { table_free(p); }
static void enum_free_v(void *p) { enum_type_free(p); }
static void link_free_v(void *p) { link_free(p); }
static void sql_free_v(void *p) { sql_object_free(p); }
static void placement_free_v(void *p) { placement_free(p); }
static void column_free_v(void *p) { column_free(p); }
static void unique_free_v(void *p) { unique_free(p); }
static void fk_free_v(void *p) { foreign_key_free(p); }
static void index_free_v(void *p) { index_free(p); }
static void check_free_v(void *p) { check_free(p); }

struct list_desc {
	const char *what;       /* one item, for messages and labels */
	const char *plural;
	bool in_table;          /* a table's sub-list */
	void (*item_free)(void *);
	/* the name that must be unique in the list, or NULL when unnamed */
	const char *(*name_of)(const void *);
};

static const struct list_desc list_descs[] = {
	[OL_TABLES] = { "table", "tables", false, table_free_v, table_name_of },
	[OL_ENUMS] = { "enum", "enums", false, enum_free_v, enum_name_of },
	[OL_LINKS] = { "link", "links", false, link_free_v, NULL },
	[OL_VIEWS] = { "view", "views", false, sql_free_v, sql_name_of },
	[OL_TRIGGERS] = { "trigger", "triggers", false, sql_free_v, sql_name_of },
	[OL_LAYOUT] = { "layout entry", "layout entries", false, placement_free_v,
			placement_name_of },
	[OL_COLUMNS] = { "column", "columns", true, column_free_v, column_name_of },
	[OL_UNIQUES] = { "unique constraint", "unique constraints", true, unique_free_v, NULL },
	[OL_FOREIGN_KEYS] = { "foreign key", "foreign keys", true, fk_free_v, NULL },
	[OL_INDEXES] = { "index", "indexes", true, index_free_v, index_name_of },
	[OL_CHECKS] = { "check", "checks", true, check_free_v, check_name_of },
};

static const struct list_desc *list_desc(enum op_list l)
{
	if ((size_t)l >= sizeof list_descs / sizeof list_descs[0])
		abort();
	return &list_descs[l];
}

/* ---- construction and destruction ---- */

static struct op *op_new(enum op_kind kind, enum op_list list, const char *table)
{
	struct op *op = xcalloc(1, sizeof *op);

	op->kind = kind;
	op->list = list;
	op->table = xstrdup(table);
	return op;
}

void op_free(struct op *op)
{
	if (!op)
		return;
	if (op->item)
		list_desc(op->list)->item_free(op->item);
	for (size_t i = 0; i < op->n_ops; i++)
		op_free(op->ops[i]);
	free(op->ops);
	free(op->table);
	free(op->text);
	free(op->label);
	free(op);
}

struct op *op_insert(enum op_list list, const char *table, size_t at, void *item)
{
	struct op *op = op_new(OP_INSERT, list, table);

	op->index = at;
	op->item = item;
	return op;
}

struct op *op_remove(enum op_list list, const char *table, size_t at)
{
	struct op *op = op_new(OP_REMOVE, list, table);

	op->index = at;
	return op;
}

struct op *op_move(enum op_list list, const char *table, size_t from, size_t to)
{
	struct op *op = op_new(OP_MOVE, list, table);

	op->index = from;
	op->to = to;
	return op;
}

struct op *op_replace(enum op_list list, const char *table, size_t at, void *item)
{
	struct op *op = op_new(OP_REPLACE, list, table);

	op->index = at;
	op->item = item;
	return op;
}

struct op *op_set_name(const char *name)
{
	struct op *op = op_new(OP_SET_NAME, OL_TABLES, NULL);

	op->text = xstrdup(name);
	return op;
}

struct op *op_group(const char *label)
{
	struct op *op = op_new(OP_GROUP, OL_TABLES, NULL);

	op->label = xstrdup(label);
	return op;
}

void op_group_add(struct op *group, struct op *member)
{
	/* the capacity is not stored: recompute the one xgrow gave, a power
	 * of two from 8 up, so that adding stays amortised O(1) */
	size_t cap = group->ops ? 8 : 0;

	while (cap && cap < group->n_ops)
		cap *= 2;
	xgrow(&group->ops, &cap, group->n_ops + 1, sizeof *group->ops);
	group->ops[group->n_ops++] = member;
}

/* ---- applying primitives ---- */

/* "column 'hero.name'", "table 'hero'", "link team-hero"... */
static char *item_describe(enum op_list list, const char *table, const void *item)
{
	const struct list_desc *d = list_desc(list);
	struct strbuf sb;

	sb_init(&sb);
	switch (list) {
	case OL_LINKS: {
		const struct link *l = item;
		bool o2m = l->kind == LINK_ONE_TO_MANY;
		const char *a = l->field[o2m ? LK_PARENT : LK_LEFT];
		const char *b = l->field[o2m ? LK_CHILD : LK_RIGHT];

		sb_printf(&sb, "link %s-%s", a ? a : "?", b ? b : "?");
		break;
	}
	case OL_LAYOUT:
		sb_printf(&sb, "layout entry of %s", placement_name_of(item));
		break;
	case OL_UNIQUES:
	case OL_FOREIGN_KEYS: {
		const struct strlist *cols = list == OL_UNIQUES ?
			&((const struct unique *)item)->columns :
			&((const struct foreign_key *)item)->columns;

		sb_printf(&sb, "%s %s(", d->what, table);
		for (size_t i = 0; i < cols->n; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", cols->items[i]);
		sb_addc(&sb, ')');
		break;
	}
	default: {
		const char *name = d->name_of(item);

		if (d->in_table)
			sb_printf(&sb, "%s %s.%s", d->what, table, name ? name : "?");
		else
			sb_printf(&sb, "%s %s", d->what, name ? name : "?");
		break;
	}
	}
	return sb_release(&sb);
}

static char *op_default_label(const struct op *op, const void *item)
{
	static const char *const verbs[] = {
		[OP_INSERT] = "add", [OP_REMOVE] = "remove",
		[OP_MOVE] = "move", [OP_REPLACE] = "modify",
	};
	char *what = item_describe(op->list, op->table, item);
	char *label = xasprintf("%s %s", verbs[op->kind], what);

	free(what);
	return label;
}

static void range_error(struct diag_list *dl, const struct op *op, size_t at, size_t n)
{
	const struct list_desc *d = list_desc(op->list);
	const char *items = n == 1 ? d->what : d->plural;
	struct pos nopos = { 0, 0 };

	if (d->in_table)
		diag_add(dl, SEV_ERROR, nopos,
			 "%s position %zu out of range in table '%s' (%zu %s)",
			 d->what, at, op->table, n, items);
	else
		diag_add(dl, SEV_ERROR, nopos, "%s position %zu out of range (%zu %s)",
			 d->what, at, n, items);
}

/* Refuse an item whose name is missing or already used by another item of
 * the list (skip is the index being replaced, or SIZE_MAX). */
static bool name_ok(const struct model *m, const struct plist *l, const struct op *op,
		    const void *item, size_t skip, struct diag_list *dl)
{
	const struct list_desc *d = list_desc(op->list);
	struct pos nopos = { 0, 0 };
	const char *name;
	bool taken = false;

	if (!d->name_of)
		return true;
	name = d->name_of(item);
	if (!name || !*name) {
		if (d->in_table)
			diag_add(dl, SEV_ERROR, nopos, "%s without a name in table '%s'",
				 d->what, op->table);
		else
			diag_add(dl, SEV_ERROR, nopos, "%s without a name", d->what);
		return false;
	}
	if (op->list == OL_TABLES) {
		const struct table *t = model_table(m, name);

		taken = t && !(skip < l->n && l->items[skip] == t);
	} else {
		for (size_t i = 0; i < l->n && !taken; i++)
			taken = i != skip && str_eq_null(d->name_of(l->items[i]), name);
	}
	if (!taken)
		return true;
	if (op->list == OL_LAYOUT)
		diag_add(dl, SEV_ERROR, nopos, "layout entry for table '%s' already exists", name);
	else if (d->in_table)
		diag_add(dl, SEV_ERROR, nopos, "%s '%s.%s' already exists", d->what,
			 op->table, name);
	else
		diag_add(dl, SEV_ERROR, nopos, "%s '%s' already exists", d->what, name);
	return false;
}

static struct plist *op_target(struct model *m, const struct op *op, struct diag_list *dl)
{
	struct table *t;
	struct pos nopos = { 0, 0 };

	switch (op->list) {
	case OL_TABLES: return &m->tables;
	case OL_ENUMS: return &m->enums;
	case OL_LINKS: return &m->links;
	case OL_VIEWS: return &m->views;
	case OL_TRIGGERS: return &m->triggers;
	case OL_LAYOUT: return &m->layout;
	default: break;
	}
	t = op->table ? model_table(m, op->table) : NULL;
	if (!t) {
		diag_add(dl, SEV_ERROR, nopos, "unknown table '%s'",
			 op->table ? op->table : "");
		return NULL;
	}
	switch (op->list) {
	case OL_COLUMNS: return &t->columns;
	case OL_UNIQUES: return &t->uniques;
	case OL_FOREIGN_KEYS: return &t->foreign_keys;
	case OL_INDEXES: return &t->indexes;
	case OL_CHECKS: return &t->checks;
	default: abort();
	}
}

/* Take a table out of the name index; with duplicate names (only a broken
 * file has them) another table of that name takes its place. */
static void index_forget(struct model *m, const struct table *t)
{
	if (model_table(m, t->name) != t)
		return;
	name_index_del(&m->table_by_name, t->name);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *o = PLIST_AT(&m->tables, struct table, i);

		if (o != t && strcmp(o->name, t->name) == 0) {
			name_index_put(&m->table_by_name, o->name, o);
			break;
		}
	}
}

static int apply_primitive(struct model *m, struct op *op, struct op **inverse,
			   struct diag_list *dl)
{
	struct plist *l = op_target(m, op, dl);
	struct op *inv;
	struct pos nopos = { 0, 0 };
	bool needs_item = op->kind == OP_INSERT || op->kind == OP_REPLACE;
	size_t limit;

	if (!l)
		return -1;
	if (needs_item && !op->item) {
		diag_add(dl, SEV_ERROR, nopos, "nothing to put into the %s",
			 list_desc(op->list)->plural);
		return -1;
	}
	limit = op->kind == OP_INSERT ? l->n + 1 : l->n;
	if (op->index >= limit) {
		range_error(dl, op, op->index, l->n);
		return -1;
	}
	if (op->kind == OP_MOVE && op->to >= l->n) {
		range_error(dl, op, op->to, l->n);
		return -1;
	}
	if (needs_item && !name_ok(m, l, op, op->item,
				   op->kind == OP_REPLACE ? op->index : SIZE_MAX, dl))
		return -1;
	if (!op->label)
		op->label = op_default_label(op, needs_item ? op->item : l->items[op->index]);

	switch (op->kind) {
	case OP_INSERT:
		plist_insert(l, op->index, op->item);
		if (op->list == OL_TABLES) {
			struct table *t = op->item;

			name_index_put(&m->table_by_name, t->name, t);
		}
		op->item = NULL;
		inv = op_remove(op->list, op->table, op->index);
		break;
	case OP_REMOVE: {
		void *old = l->items[op->index];

		if (op->list == OL_TABLES)
			index_forget(m, old);
		plist_remove(l, op->index);
		inv = op_insert(op->list, op->table, op->index, old);
		break;
	}
	case OP_MOVE:
		plist_move(l, op->index, op->to);
		inv = op_move(op->list, op->table, op->to, op->index);
		break;
	case OP_REPLACE: {
		void *old = l->items[op->index];

		if (op->list == OL_TABLES) {
			struct table *t = op->item;

			index_forget(m, old);
			name_index_put(&m->table_by_name, t->name, t);
		}
		l->items[op->index] = op->item;
		op->item = NULL;
		inv = op_replace(op->list, op->table, op->index, old);
		break;
	}
	default:
		abort();
	}
	inv->label = xstrdup(op->label);
	*inverse = inv;
	return 0;
}

static int apply_op(struct model *m, struct op *op, struct op **inverse,
		    struct diag_list *dl);

static int apply_group(struct model *m, struct op *op, struct op **inverse,
		       struct diag_list *dl)
{
	struct op *inv = op_group(op->label);

	for (size_t i = 0; i < op->n_ops; i++) {
		struct op *member = op->ops[i], *member_inv;

		op->ops[i] = NULL;
		if (apply_op(m, member, &member_inv, dl) < 0) {
			/* roll back what was applied, newest first */
			while (inv->n_ops > 0) {
				struct op *undo = inv->ops[--inv->n_ops], *redo = NULL;

				if (apply_op(m, undo, &redo, dl) < 0)
					abort();   /* an exact inverse cannot fail */
				op_free(redo);
			}
			op_free(inv);
			return -1;
		}
		op_group_add(inv, member_inv);
	}
	for (size_t i = 0, j = inv->n_ops; i + 1 < j; i++, j--) {
		struct op *tmp = inv->ops[i];

		inv->ops[i] = inv->ops[j - 1];
		inv->ops[j - 1] = tmp;
	}
	*inverse = inv;
	return 0;
}

/* Consumes op whatever happens. */
static int apply_op(struct model *m, struct op *op, struct op **inverse,
		    struct diag_list *dl)
{
	int rc;

	*inverse = NULL;
	switch (op->kind) {
	case OP_SET_NAME: {
		struct op *inv = op_set_name(NULL);

		inv->text = m->name;
		m->name = op->text;
		op->text = NULL;
		if (!op->label)
			op->label = m->name ? xasprintf("rename model to %s", m->name) :
					      xstrdup("clear model name");
		inv->label = xstrdup(op->label);
		*inverse = inv;
		rc = 0;
		break;
	}
	case OP_GROUP:
		rc = apply_group(m, op, inverse, dl);
		break;
	default:
		rc = apply_primitive(m, op, inverse, dl);
		break;
	}
	op_free(op);
	return rc;
}

int op_apply(struct model *m, struct op *op, struct op **inverse, struct diag_list *dl)
{
	return apply_op(m, op, inverse, dl);
}

/* ---- SQL text scanning ---- */

static bool ident_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

static bool word_is(const char *w, size_t n, const char *name)
{
	if (strlen(name) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)w[i]) != tolower((unsigned char)name[i]))
			return false;
	return true;
}

/* A quoted identifier starting at *p (the opening quote); returns whether
 * it spells name and advances *p past the closing quote. */
static bool quoted_is(const char **p, char close, const char *name)
{
	const char *s = *p + 1;
	struct strbuf sb;
	bool same;

	sb_init(&sb);
	for (; *s; s++) {
		if (*s == close) {
			/* a doubled quote stands for itself, except in [x] */
			if (close != ']' && s[1] == close) {
				sb_addc(&sb, close);
				s++;
				continue;
			}
			s++;
			break;
		}
		sb_addc(&sb, *s);
	}
	*p = s;
	same = word_is(sb.buf, sb.len, name);
	sb_free(&sb);
	return same;
}

/* Whether sql uses name as an identifier: a whole word outside string
 * literals and comments, or a quoted identifier.  Case-insensitive, as SQL
 * identifiers are; a false alarm only costs a warning. */
static bool sql_mentions(const char *sql, const char *name)
{
	const char *p = sql;

	if (!sql || !name || !*name)
		return false;
	while (*p) {
		unsigned char c = (unsigned char)*p;

		if (c == '-' && p[1] == '-') {
			while (*p && *p != '\n')
				p++;
		} else if (c == '/' && p[1] == '*') {
			const char *end = strstr(p + 2, "*/");

			p = end ? end + 2 : p + strlen(p);
		} else if (c == '\'') {
			for (p++; *p; p++) {
				if (*p == '\'') {
					if (p[1] != '\'') {
						p++;
						break;
					}
					p++;
				}
			}
		} else if (c == '"' || c == '`' || c == '[') {
			if (quoted_is(&p, c == '[' ? ']' : (char)c, name))
				return true;
		} else if (isdigit(c)) {
			while (ident_char((unsigned char)*p) || *p == '.')
				p++;
		} else if (ident_char(c)) {
			const char *w = p;

			while (ident_char((unsigned char)*p))
				p++;
			if (word_is(w, (size_t)(p - w), name))
				return true;
		} else {
			p++;
		}
	}
	return false;
}

static void warn_sql(struct diag_list *dl, struct pos pos, const char *object,
		     const char *name)
{
	diag_add(dl, SEV_WARNING, pos, "%s mentions '%s'; its SQL text was left as written",
		 object, name);
}

/* Warn about every piece of SQL text that mentions name: the checks and
 * partial-index predicates of table t (when given), views and triggers. */
static void warn_sql_mentions(const struct model *m, const struct table *t,
			      const char *name, struct diag_list *dl)
{
	char *obj;

	if (t) {
		for (size_t i = 0; i < t->columns.n; i++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, i);

			if (sql_mentions(c->check, name)) {
				obj = xasprintf("check of column '%s.%s'", t->name, c->name);
				warn_sql(dl, column_key_pos(c, CK_CHECK), obj, name);
				free(obj);
			}
		}
		for (size_t i = 0; i < t->indexes.n; i++) {
			const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

			if (sql_mentions(ix->where, name)) {
				obj = xasprintf("index '%s.%s'", t->name, ix->name);
				warn_sql(dl, ix->pos, obj, name);
				free(obj);
			}
		}
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct check *ck = PLIST_AT(&t->checks, struct check, i);

			if (sql_mentions(ck->expr, name)) {
				obj = xasprintf("check '%s.%s'", t->name, ck->name);
				warn_sql(dl, ck->pos, obj, name);
				free(obj);
			}
		}
	}
	for (size_t i = 0; i < m->views.n; i++) {
		const struct sql_object *v = PLIST_AT(&m->views, struct sql_object, i);

		if (sql_mentions(v->sql, name)) {
			obj = xasprintf("view '%s'", v->name);
			warn_sql(dl, v->pos, obj, name);
			free(obj);
		}
	}
	for (size_t i = 0; i < m->triggers.n; i++) {
		const struct sql_object *tr = PLIST_AT(&m->triggers, struct sql_object, i);

		if (sql_mentions(tr->sql, name)) {
			obj = xasprintf("trigger '%s'", tr->name);
			warn_sql(dl, tr->pos, obj, name);
			free(obj);
		}
	}
}

/* ---- helpers for the edits ---- */

static const struct pos no_pos = { 0, 0 };

static void set_str(char **dst, const char *src)
{
	char *copy = xstrdup(src);

	free(*dst);
	*dst = copy;
}

/* Rename bookkeeping: keep the earliest name in `was`; renaming back to it
 * means there was no rename at all. */
static void rename_with_was(char **name, char **was, const char *new_name)
{
	if (*was && strcmp(*was, new_name) == 0) {
		free(*was);
		*was = NULL;
	} else if (!*was) {
		*was = *name;
		*name = NULL;
	}
	set_str(name, new_name);
}

static bool strlist_rename(struct strlist *l, const char *old, const char *new_name)
{
	bool changed = false;

	for (size_t i = 0; i < l->n; i++) {
		if (strcmp(l->items[i], old) == 0) {
			set_str(&l->items[i], new_name);
			changed = true;
		}
	}
	return changed;
}

static struct table *clone_once(struct table **clone, const struct table *t)
{
	if (!*clone)
		*clone = table_clone(t);
	return *clone;
}

/* The column of a single-column primary key, or NULL. */
static const struct column *table_single_pk(const struct table *t)
{
	const struct column *found = NULL;

	if (t->primary_key.n > 0)
		return t->primary_key.n == 1 ? table_column(t, t->primary_key.items[0]) : NULL;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->primary_key) {
			if (found)
				return NULL;
			found = c;
		}
	}
	return found;
}

static const struct table *need_table(const struct model *m, const char *name,
				      struct diag_list *dl)
{
	const struct table *t = name ? model_table(m, name) : NULL;

	if (!t)
		diag_add(dl, SEV_ERROR, no_pos, "unknown table '%s'", name ? name : "");
	return t;
}

/* ---- renames ---- */

struct op *edit_rename_table(const struct model *m, const char *old_name,
			     const char *new_name, struct diag_list *dl)
{
	const struct table *target = need_table(m, old_name, dl);
	struct op *g;
	char *label;

	if (!target)
		return NULL;
	if (!new_name || !*new_name) {
		diag_add(dl, SEV_ERROR, no_pos, "table name must not be empty");
		return NULL;
	}
	label = xasprintf("rename table %s to %s", old_name, new_name);
	g = op_group(label);
	free(label);
	if (strcmp(old_name, new_name) == 0)
		return g;
	if (model_table(m, new_name)) {
		diag_add(dl, SEV_ERROR, no_pos, "table '%s' already exists", new_name);
		op_free(g);
		return NULL;
	}

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		struct table *c = NULL;

		if (t == target) {
			clone_once(&c, t);
			rename_with_was(&c->name, &c->was, new_name);
		}
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *col = PLIST_AT(&t->columns, struct column, j);

			if (str_eq_null(col->ref_table, old_name))
				set_str(&PLIST_AT(&clone_once(&c, t)->columns, struct column, j)->ref_table,
					new_name);
		}
		for (size_t j = 0; j < t->foreign_keys.n; j++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, j);

			if (str_eq_null(fk->ref_table, old_name))
				set_str(&PLIST_AT(&clone_once(&c, t)->foreign_keys,
						  struct foreign_key, j)->ref_table, new_name);
		}
		if (c)
			op_group_add(g, op_replace(OL_TABLES, NULL, i, c));
	}
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *l = PLIST_AT(&m->links, struct link, i);
		static const enum link_key keys[] = { LK_PARENT, LK_CHILD, LK_LEFT, LK_RIGHT, LK_THROUGH };
		struct link *c = NULL;

		for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			if (str_eq_null(l->field[keys[k]], old_name)) {
				if (!c)
					c = link_clone(l);
				set_str(&c->field[keys[k]], new_name);
			}
		}
		if (c)
			op_group_add(g, op_replace(OL_LINKS, NULL, i, c));
	}
	for (size_t i = 0; i < m->layout.n; i++) {
		const struct placement *p = PLIST_AT(&m->layout, struct placement, i);

		if (str_eq_null(p->table, old_name)) {
			struct placement *c = placement_clone(p);

			set_str(&c->table, new_name);
			op_group_add(g, op_replace(OL_LAYOUT, NULL, i, c));
		}
	}
	warn_sql_mentions(m, target, old_name, dl);
	return g;
}

/* The column renamed in its table (with `was`) and in the table's own keys. */
static void rename_in_own_table(struct table *c, const char *old_name, const char *new_name)
{
	struct column *col = table_column(c, old_name);

	rename_with_was(&col->name, &col->was, new_name);
	strlist_rename(&c->primary_key, old_name, new_name);
	for (size_t j = 0; j < c->uniques.n; j++)
		strlist_rename(&PLIST_AT(&c->uniques, struct unique, j)->columns, old_name, new_name);
	for (size_t j = 0; j < c->indexes.n; j++)
		strlist_rename(&PLIST_AT(&c->indexes, struct index, j)->columns, old_name, new_name);
	for (size_t j = 0; j < c->foreign_keys.n; j++)
		strlist_rename(&PLIST_AT(&c->foreign_keys, struct foreign_key, j)->columns,
			       old_name, new_name);
}

struct op *edit_rename_column(const struct model *m, const char *table,
			      const char *old_name, const char *new_name,
			      struct diag_list *dl)
{
	const struct table *target = need_table(m, table, dl);
	struct op *g;
	char *label;

	if (!target)
		return NULL;
	if (!old_name || !table_column(target, old_name)) {
		diag_add(dl, SEV_ERROR, no_pos, "unknown column '%s.%s'", table,
			 old_name ? old_name : "");
		return NULL;
	}
	if (!new_name || !*new_name) {
		diag_add(dl, SEV_ERROR, no_pos, "column name must not be empty");
		return NULL;
	}
	label = xasprintf("rename column %s.%s to %s", table, old_name, new_name);
	g = op_group(label);
	free(label);
	if (strcmp(old_name, new_name) == 0)
		return g;
	if (table_column(target, new_name)) {
		diag_add(dl, SEV_ERROR, no_pos, "column '%s.%s' already exists", table, new_name);
		op_free(g);
		return NULL;
	}

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		struct table *c = NULL;

		if (t == target)
			rename_in_own_table(clone_once(&c, t), old_name, new_name);
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *col = PLIST_AT(&t->columns, struct column, j);

			if (str_eq_null(col->ref_table, table) &&
			    str_eq_null(col->ref_column, old_name))
				set_str(&PLIST_AT(&clone_once(&c, t)->columns, struct column, j)->ref_column,
					new_name);
		}
		for (size_t j = 0; j < t->foreign_keys.n; j++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, j);

			if (str_eq_null(fk->ref_table, table) &&
			    strlist_find(&fk->ref_columns, old_name) >= 0)
				strlist_rename(&PLIST_AT(&clone_once(&c, t)->foreign_keys,
							 struct foreign_key, j)->ref_columns,
					       old_name, new_name);
		}
		if (c)
			op_group_add(g, op_replace(OL_TABLES, NULL, i, c));
	}
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *l = PLIST_AT(&m->links, struct link, i);

		if (l->kind == LINK_ONE_TO_MANY && str_eq_null(l->field[LK_CHILD], table) &&
		    str_eq_null(l->field[LK_VIA], old_name)) {
			struct link *c = link_clone(l);

			set_str(&c->field[LK_VIA], new_name);
			op_group_add(g, op_replace(OL_LINKS, NULL, i, c));
		}
	}
	warn_sql_mentions(m, target, old_name, dl);
	return g;
}

/* ---- removal and modification ---- */

static bool link_names_table(const struct link *l, const char *name)
{
	static const enum link_key keys[] = { LK_PARENT, LK_CHILD, LK_LEFT, LK_RIGHT, LK_THROUGH };

	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
		if (str_eq_null(l->field[keys[k]], name))
			return true;
	return false;
}

struct op *edit_remove_table(const struct model *m, const char *table,
			     bool drop_references, struct diag_list *dl)
{
	const struct table *target = need_table(m, table, dl);
	struct op *g;
	char *label;

	if (!target)
		return NULL;
	label = xasprintf("remove table %s", table);
	g = op_group(label);
	free(label);

	/* replacements first: they address tables by position, which the
	 * removal at the end would shift */
	for (size_t i = 0; drop_references && i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		struct table *c = NULL;

		if (t == target)
			continue;
		for (size_t j = 0; j < t->columns.n; j++) {
			const struct column *col = PLIST_AT(&t->columns, struct column, j);

			if (str_eq_null(col->ref_table, table)) {
				struct column *cc = PLIST_AT(&clone_once(&c, t)->columns,
							     struct column, j);

				set_str(&cc->ref_table, NULL);
				set_str(&cc->ref_column, NULL);
				cc->on_delete = ACTION_NONE;
				cc->on_update = ACTION_NONE;
			}
		}
		for (size_t j = t->foreign_keys.n; j-- > 0;) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, j);

			if (str_eq_null(fk->ref_table, table))
				foreign_key_free(plist_remove(&clone_once(&c, t)->foreign_keys, j));
		}
		if (c)
			op_group_add(g, op_replace(OL_TABLES, NULL, i, c));
	}
	for (size_t i = m->links.n; i-- > 0;)
		if (link_names_table(PLIST_AT(&m->links, struct link, i), table))
			op_group_add(g, op_remove(OL_LINKS, NULL, i));
	for (size_t i = m->layout.n; i-- > 0;)
		if (str_eq_null(PLIST_AT(&m->layout, struct placement, i)->table, table))
			op_group_add(g, op_remove(OL_LAYOUT, NULL, i));
	op_group_add(g, op_remove(OL_TABLES, NULL, (size_t)model_table_index(m, table)));
	warn_sql_mentions(m, NULL, table, dl);
	return g;
}

struct op *edit_modify_column(const struct model *m, const char *table,
			      const char *column, struct column *replacement,
			      struct diag_list *dl)
{
	const struct table *t = need_table(m, table, dl);
	const struct column *orig;
	long ci;
	char *label;
	struct op *g, *rename;

	if (!t)
		goto fail;
	ci = column ? table_column_index(t, column) : -1;
	if (ci < 0) {
		diag_add(dl, SEV_ERROR, no_pos, "unknown column '%s.%s'", table,
			 column ? column : "");
		goto fail;
	}
	orig = PLIST_AT(&t->columns, struct column, ci);
	if (!replacement || !replacement->name || !*replacement->name) {
		diag_add(dl, SEV_ERROR, no_pos, "column name must not be empty");
		goto fail;
	}
	label = xasprintf("modify column %s.%s", table, column);
	if (strcmp(replacement->name, column) == 0) {
		g = op_replace(OL_COLUMNS, table, (size_t)ci, replacement);
		g->label = label;
		return g;
	}

	/* A new name is a rename: references follow it, and `was` records it
	 * unless the caller set `was` itself. */
	rename = edit_rename_column(m, table, column, replacement->name, dl);
	if (!rename) {
		free(label);
		goto fail;
	}
	if (str_eq_null(replacement->was, orig->was)) {
		char *name = xstrdup(column);

		rename_with_was(&name, &replacement->was, replacement->name);
		free(name);
	}
	g = op_group(label);
	free(label);
	op_group_add(g, rename);
	op_group_add(g, op_replace(OL_COLUMNS, table, (size_t)ci, replacement));
	return g;
fail:
	column_free(replacement);
	return NULL;
}

/* ---- links ---- */

struct op *edit_add_one_to_many(const struct model *m, const char *parent,
				const char *child, const char *via,
				const char *parent_name, const char *child_name,
				struct diag_list *dl)
{
	const struct table *p = need_table(m, parent, dl);
	const struct table *c = p ? need_table(m, child, dl) : NULL;
	const struct column *pk, *vc;
	char *via_default = NULL, *label;
	struct link *l;
	struct op *g = NULL;

	if (!p || !c)
		return NULL;
	pk = table_single_pk(p);
	if (!pk) {
		diag_add(dl, SEV_ERROR, no_pos, "table '%s' has no single-column primary key",
			 parent);
		return NULL;
	}
	if (!via)
		via = via_default = xasprintf("%s_id", parent);
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *o = PLIST_AT(&m->links, struct link, i);

		if (o->kind == LINK_ONE_TO_MANY && str_eq_null(o->field[LK_PARENT], parent) &&
		    str_eq_null(o->field[LK_CHILD], child) && str_eq_null(o->field[LK_VIA], via)) {
			diag_add(dl, SEV_ERROR, no_pos,
				 "one-to-many link from '%s' to '%s' via '%s' already exists",
				 parent, child, via);
			goto out;
		}
	}
	vc = table_column(c, via);
	if (vc && vc->ref_table && !(strcmp(vc->ref_table, parent) == 0 &&
				     (!vc->ref_column || strcmp(vc->ref_column, pk->name) == 0))) {
		diag_add(dl, SEV_ERROR, no_pos,
			 "column '%s.%s' already references '%s%s%s', not '%s.%s'",
			 child, via, vc->ref_table, vc->ref_column ? "." : "",
			 vc->ref_column ? vc->ref_column : "", parent, pk->name);
		goto out;
	}

	label = xasprintf("add one-to-many link %s-%s", parent, child);
	g = op_group(label);
	free(label);
	if (!vc) {
		struct column *nc = column_new(via, pk->type);

		nc->ref_table = xstrdup(parent);
		nc->ref_column = xstrdup(pk->name);
		op_group_add(g, op_insert(OL_COLUMNS, child, c->columns.n, nc));
	} else if (!vc->ref_table) {
		/* an existing plain column becomes the foreign key */
		struct column *nc = column_clone(vc);

		nc->ref_table = xstrdup(parent);
		nc->ref_column = xstrdup(pk->name);
		op_group_add(g, op_replace(OL_COLUMNS, child,
					   (size_t)table_column_index(c, via), nc));
	}
	l = link_new(LINK_ONE_TO_MANY);
	l->field[LK_PARENT] = xstrdup(parent);
	l->field[LK_CHILD] = xstrdup(child);
	l->field[LK_VIA] = xstrdup(via);
	l->field[LK_PARENT_NAME] = parent_name ? xstrdup(parent_name) : xasprintf("%ss", child);
	l->field[LK_CHILD_NAME] = xstrdup(child_name ? child_name : parent);
	op_group_add(g, op_insert(OL_LINKS, NULL, m->links.n, l));
out:
	free(via_default);
	return g;
}

static struct column *link_table_column(const char *side, const struct column *pk)
{
	char *name = xasprintf("%s_id", side);
	struct column *c = column_new(name, pk->type);

	free(name);
	c->primary_key = true;
	c->ref_table = xstrdup(side);
	c->ref_column = xstrdup(pk->name);
	c->on_delete = ACTION_CASCADE;
	return c;
}

struct op *edit_add_many_to_many(const struct model *m, const char *left,
				 const char *right, const char *through,
				 const char *left_name, const char *right_name,
				 struct diag_list *dl)
{
	const struct table *lt = need_table(m, left, dl);
	const struct table *rt = lt ? need_table(m, right, dl) : NULL;
	const struct column *lpk, *rpk;
	char *through_default = NULL, *label;
	struct table *t;
	struct link *l;
	struct op *g = NULL;
	long li, ri;

	if (!lt || !rt)
		return NULL;
	if (strcmp(left, right) == 0) {
		diag_add(dl, SEV_ERROR, no_pos,
			 "cannot link table '%s' to itself: both link table columns would be '%s_id'",
			 left, left);
		return NULL;
	}
	lpk = table_single_pk(lt);
	rpk = table_single_pk(rt);
	if (!lpk || !rpk) {
		diag_add(dl, SEV_ERROR, no_pos, "table '%s' has no single-column primary key",
			 lpk ? right : left);
		return NULL;
	}
	if (!through)
		through = through_default = xasprintf("%s_%s", left, right);
	if (model_table(m, through)) {
		diag_add(dl, SEV_ERROR, no_pos, "table '%s' already exists", through);
		goto out;
	}

	t = table_new(through);
	table_add_column(t, link_table_column(left, lpk));
	table_add_column(t, link_table_column(right, rpk));
	li = model_table_index(m, left);
	ri = model_table_index(m, right);

	l = link_new(LINK_MANY_TO_MANY);
	l->field[LK_LEFT] = xstrdup(left);
	l->field[LK_RIGHT] = xstrdup(right);
	l->field[LK_THROUGH] = xstrdup(through);
	l->field[LK_LEFT_NAME] = left_name ? xstrdup(left_name) : xasprintf("%ss", right);
	l->field[LK_RIGHT_NAME] = right_name ? xstrdup(right_name) : xasprintf("%ss", left);

	label = xasprintf("add many-to-many link %s-%s", left, right);
	g = op_group(label);
	free(label);
	op_group_add(g, op_insert(OL_TABLES, NULL, (size_t)(li > ri ? li : ri) + 1, t));
	op_group_add(g, op_insert(OL_LINKS, NULL, m->links.n, l));
out:
	free(through_default);
	return g;
}
