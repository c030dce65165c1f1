/* diff.c — see diff.h.
 *
 * Renames are found first (from `was` in b) and carried out on a clone of
 * a (diff_renamed_model); everything else is then a comparison by name
 * between that clone and b.  The clone has the same shape as a, position
 * for position, so the changes can point back into a itself. */
#include "diff.h"
#include "sql-lexer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddl.h"
#include "types.h"

void change_list_init(struct change_list *cl)
{
	cl->items = NULL;
	cl->n = cl->cap = 0;
}

void change_list_free(struct change_list *cl)
{
	for (size_t i = 0; i < cl->n; i++) {
		free(cl->items[i].summary);
		free(cl->items[i].loss);
	}
	free(cl->items);
	change_list_init(cl);
}

static struct change *change_push(struct change_list *cl, enum change_kind kind,
				  const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static struct change *change_push(struct change_list *cl, enum change_kind kind,
				  const char *fmt, ...)
{
	struct change *c;
	struct strbuf sb;
	va_list ap;

	xgrow(&cl->items, &cl->cap, cl->n + 1, sizeof(*cl->items));
	c = &cl->items[cl->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	c->summary = sb_release(&sb);
	return c;
}

static void change_loss(struct change *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void change_loss(struct change *c, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	free(c->loss);
	c->loss = sb_release(&sb);
	c->destructive = true;
}

/* ---- renames ---- */

/* For each table of a: its name in b (NULL when dropped); for each of its
 * columns the same. */
struct renames {
	const struct model *a;
	const char **table_to;          /* by a's table index */
	const char ***column_to;        /* [table][column] */
	struct name_index slot;         /* a's table name -> its slot in a->tables */
};

/* name -> &m->tables.items[i] of the first table of that name (the one
 * model_table finds): positions by name without a scan per lookup, which
 * made the diff quadratic in the number of tables. */
static void slot_index(struct name_index *ix, const struct model *m)
{
	name_index_init(ix);
	for (size_t i = 0; i < m->tables.n; i++) {
		const char *name = PLIST_AT(&m->tables, struct table, i)->name;

		if (name && !name_index_get(ix, name))
			name_index_put(ix, name, &m->tables.items[i]);
	}
}

static long slot_of(const struct name_index *ix, const struct model *m, const char *name)
{
	void **slot = name ? name_index_get(ix, name) : NULL;

	return slot ? (long)(slot - m->tables.items) : -1;
}

static void renames_free(struct renames *r)
{
	for (size_t i = 0; r->column_to && i < r->a->tables.n; i++)
		free(r->column_to[i]);
	free(r->column_to);
	free(r->table_to);
	name_index_free(&r->slot);
}

/* The table of b that a's table becomes, or NULL. */
static const struct table *match_table(const struct model *a, const struct model *b,
				       const struct table *ta)
{
	const struct table *tb = model_table(b, ta->name);

	if (tb)
		return tb;
	for (size_t i = 0; i < b->tables.n; i++) {
		tb = PLIST_AT(&b->tables, struct table, i);
		if (tb->was && strcmp(tb->was, ta->name) == 0 && !model_table(a, tb->name))
			return tb;
	}
	return NULL;
}

static const struct column *match_column(const struct table *ta, const struct table *tb,
					 const struct column *ca)
{
	const struct column *cb = table_column(tb, ca->name);

	if (cb)
		return cb;
	for (size_t i = 0; i < tb->columns.n; i++) {
		cb = PLIST_AT(&tb->columns, struct column, i);
		if (cb->was && strcmp(cb->was, ca->name) == 0 && !table_column(ta, cb->name))
			return cb;
	}
	return NULL;
}

static void renames_from_models(struct renames *r, const struct model *a, const struct model *b)
{
	r->a = a;
	slot_index(&r->slot, a);
	r->table_to = xcalloc(a->tables.n + 1, sizeof(*r->table_to));
	r->column_to = xcalloc(a->tables.n + 1, sizeof(*r->column_to));
	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *ta = PLIST_AT(&a->tables, struct table, i);
		const struct table *tb = match_table(a, b, ta);

		r->column_to[i] = xcalloc(ta->columns.n + 1, sizeof(**r->column_to));
		if (!tb)
			continue;
		r->table_to[i] = tb->name;
		for (size_t k = 0; k < ta->columns.n; k++) {
			const struct column *cb = match_column(ta, tb,
							       PLIST_AT(&ta->columns, struct column, k));

			r->column_to[i][k] = cb ? cb->name : NULL;
		}
	}
}

/* Renames as a change list states them. */
static void renames_from_changes(struct renames *r, const struct model *a,
				 const struct change_list *cl)
{
	r->a = a;
	slot_index(&r->slot, a);
	r->table_to = xcalloc(a->tables.n + 1, sizeof(*r->table_to));
	r->column_to = xcalloc(a->tables.n + 1, sizeof(*r->column_to));
	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *ta = PLIST_AT(&a->tables, struct table, i);

		r->table_to[i] = ta->name;
		r->column_to[i] = xcalloc(ta->columns.n + 1, sizeof(**r->column_to));
		for (size_t k = 0; k < ta->columns.n; k++)
			r->column_to[i][k] = PLIST_AT(&ta->columns, struct column, k)->name;
	}
	for (size_t n = 0; n < cl->n; n++) {
		const struct change *c = &cl->items[n];
		long ti = c->from_table ? slot_of(&r->slot, a, c->from_table->name) : -1;

		if (ti < 0)
			continue;
		if (c->kind == CH_RENAME_TABLE) {
			r->table_to[ti] = c->to_table->name;
		} else if (c->kind == CH_RENAME_COLUMN) {
			long ci = table_column_index(c->from_table, c->from_column->name);

			if (ci >= 0)
				r->column_to[ti][ci] = c->to_column->name;
		}
	}
}

static const char *ren_table(const struct renames *r, const char *name)
{
	long i = slot_of(&r->slot, r->a, name);

	return i >= 0 && r->table_to[i] ? r->table_to[i] : name;
}

static const char *ren_column(const struct renames *r, const char *table, const char *col)
{
	long i = slot_of(&r->slot, r->a, table), k;

	if (i < 0)
		return col;
	k = table_column_index(PLIST_AT(&r->a->tables, struct table, i), col);
	return k >= 0 && r->column_to[i][k] ? r->column_to[i][k] : col;
}

static void set_name(char **field, const char *s)
{
	if (*field && s && strcmp(*field, s) == 0)
		return;
	free(*field);
	*field = xstrdup(s);
}

static void ren_list(const struct renames *r, const char *table, struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		set_name(&l->items[i], ren_column(r, table, l->items[i]));
}

/* a's names in the clone (same positions) follow the renames. */
static struct model *apply_renames(const struct model *a, const struct renames *r)
{
	struct model *m = model_clone(a);

	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);
		const struct table *ta = PLIST_AT(&a->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);

			set_name(&c->name, ren_column(r, ta->name, c->name));
			if (c->ref_table) {
				if (c->ref_column)
					set_name(&c->ref_column, ren_column(r, c->ref_table, c->ref_column));
				set_name(&c->ref_table, ren_table(r, c->ref_table));
			}
		}
		ren_list(r, ta->name, &t->primary_key);
		for (size_t k = 0; k < t->uniques.n; k++)
			ren_list(r, ta->name, &PLIST_AT(&t->uniques, struct unique, k)->columns);
		for (size_t k = 0; k < t->indexes.n; k++)
			ren_list(r, ta->name, &PLIST_AT(&t->indexes, struct index, k)->columns);
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);

			ren_list(r, ta->name, &fk->columns);
			ren_list(r, fk->ref_table, &fk->ref_columns);
			set_name(&fk->ref_table, ren_table(r, fk->ref_table));
		}
		set_name(&t->name, ren_table(r, ta->name));
	}
	for (size_t i = 0; i < m->links.n; i++) {
		struct link *l = PLIST_AT(&m->links, struct link, i);

		if (l->field[LK_VIA] && l->field[LK_CHILD])
			set_name(&l->field[LK_VIA], ren_column(r, l->field[LK_CHILD], l->field[LK_VIA]));
		for (int k = LK_PARENT; k < LK_COUNT; k++) {
			if (k == LK_VIA || k == LK_PARENT_NAME || k == LK_CHILD_NAME ||
			    k == LK_LEFT_NAME || k == LK_RIGHT_NAME || !l->field[k])
				continue;
			set_name(&l->field[k], ren_table(r, l->field[k]));
		}
	}
	for (size_t i = 0; i < m->layout.n; i++) {
		struct placement *p = PLIST_AT(&m->layout, struct placement, i);

		set_name(&p->table, ren_table(r, p->table));
	}
	model_reindex(m);
	return m;
}

struct model *diff_renamed_model(const struct model *a, const struct change_list *cl)
{
	struct renames r;
	struct model *m;

	renames_from_changes(&r, a, cl);
	m = apply_renames(a, &r);
	renames_free(&r);
	return m;
}

struct model *diff_reverse_target(const struct model *a, const struct change_list *forward)
{
	struct model *m = model_clone(a);

	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		free(t->was);
		t->was = NULL;
		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);

			free(c->was);
			c->was = NULL;
		}
	}
	for (size_t n = 0; n < forward->n; n++) {
		const struct change *c = &forward->items[n];
		struct table *t = c->from_table ? model_table(m, c->from_table->name) : NULL;
		struct column *col;

		if (!t)
			continue;
		if (c->kind == CH_RENAME_TABLE) {
			t->was = xstrdup(c->to_table->name);
		} else if (c->kind == CH_RENAME_COLUMN) {
			col = table_column(t, c->from_column->name);
			if (col)
				col->was = xstrdup(c->to_column->name);
		}
	}
	return m;
}

/* ---- comparing ---- */

/* No action is what a foreign key does without the clause: the two
 * spellings are one rule (and a database reads back without the clause). */
static enum fk_action fk_rule(enum fk_action a)
{
	return a == ACTION_NO_ACTION ? ACTION_NONE : a;
}

/* SQL text as the database keeps it: a YAML block scalar's final newline,
 * outer whitespace and a final ';' are not part of the statement (SQLite
 * stores a view or trigger without them, and an importer reads a CHECK
 * back without them), so they never make a change. */
static void sql_text_span(const char *s, const char **start, size_t *len)
{
	size_t n;

	while (*s && isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ';'))
		n--;
	*start = s;
	*len = n;
}

static bool sql_text_eq(const char *a, const char *b)
{
	const char *sa, *sb;
	size_t na, nb;

	if (!a || !b)
		return a == b;
	sql_text_span(a, &sa, &na);
	sql_text_span(b, &sb, &nb);
	return na == nb && memcmp(sa, sb, na) == 0;
}

/* A view's or trigger's text as SQLite keeps it: its own "CREATE
 * TRIGGER " / "CREATE VIEW " (keywords in capitals, no TEMP, no IF NOT
 * EXISTS, no schema) before the text from the name on. */
static bool sql_object_text_eq(const char *a, const char *b)
{
	const char *ba = a ? sql_created_body(a) : NULL;
	const char *bb = b ? sql_created_body(b) : NULL;

	return ba && bb ? sql_text_eq(ba, bb) : sql_text_eq(a, b);
}

static bool int_rank(const char *base, int *rank)
{
	static const char *const order[] = { "smallint", "integer", "bigint" };

	for (int i = 0; i < 3; i++)
		if (strcmp(base, order[i]) == 0) {
			*rank = i;
			return true;
		}
	return false;
}

/* Characters a string type holds; -1 = unbounded. */
static long string_length(const struct logical_type *lt)
{
	if (strcmp(lt->base, "uuid") == 0)
		return 36;
	if ((strcmp(lt->base, "varchar") == 0 || strcmp(lt->base, "char") == 0) && lt->nargs > 0)
		return lt->args[0];
	return -1;
}

static bool same_type(const char *a, const char *b)
{
	struct logical_type la, lb;

	if (!logical_type_parse(a, &la) || !logical_type_parse(b, &lb))
		return strcasecmp(a ? a : "", b ? b : "") == 0;
	if (strcmp(la.base, lb.base) != 0 || la.nargs != lb.nargs)
		return false;
	for (int i = 0; i < la.nargs; i++)
		if (la.args[i] != lb.args[i])
			return false;
	return strcmp(la.enum_name, lb.enum_name) == 0;
}

/* Can a value of type a fail to fit in type b? */
static bool type_narrows(const struct model *ma, const struct model *mb, const char *a,
			 const char *b)
{
	struct logical_type la, lb;
	int ra, rb;

	if (!logical_type_parse(a, &la) || !logical_type_parse(b, &lb))
		return true;
	if (lb.cls == TYPE_CLASS_STRING && string_length(&lb) < 0 && la.cls != TYPE_CLASS_BLOB)
		return false;   /* everything has a text form */
	if (la.cls != lb.cls)
		return !(la.cls == TYPE_CLASS_INTEGER && lb.cls == TYPE_CLASS_NUMERIC &&
			 (strcmp(lb.base, "double") == 0 || lb.nargs == 0));
	switch (la.cls) {
	case TYPE_CLASS_INTEGER:
		return int_rank(la.base, &ra) && int_rank(lb.base, &rb) && rb < ra;
	case TYPE_CLASS_STRING: {
		long na = string_length(&la), nb = string_length(&lb);

		return nb >= 0 && (na < 0 || nb < na);
	}
	case TYPE_CLASS_NUMERIC: {
		bool fa = strcmp(la.base, "real") == 0 || strcmp(la.base, "double") == 0;
		bool fb = strcmp(lb.base, "real") == 0 || strcmp(lb.base, "double") == 0;

		if (fa && fb)
			return strcmp(lb.base, "real") == 0 && strcmp(la.base, "double") == 0;
		if (fa != fb)
			return true;
		if (lb.nargs == 0)
			return false;
		if (la.nargs == 0)
			return true;
		return lb.args[0] < la.args[0] ||
		       (la.nargs > 1 ? la.args[1] : 0) > (lb.nargs > 1 ? lb.args[1] : 0);
	}
	case TYPE_CLASS_ENUM: {
		const struct enum_type *ea = model_enum(ma, la.enum_name);
		const struct enum_type *eb = model_enum(mb, lb.enum_name);

		if (!ea || !eb)
			return true;
		for (size_t i = 0; i < ea->values.n; i++)
			if (strlist_find(&eb->values, ea->values.items[i]) < 0)
				return true;
		return false;
	}
	case TYPE_CLASS_TEMPORAL: {
		bool da = strcmp(la.base, "datetime") == 0 || strcmp(la.base, "timestamp") == 0;
		bool db = strcmp(lb.base, "datetime") == 0 || strcmp(lb.base, "timestamp") == 0;

		return !(da && db) && strcmp(la.base, lb.base) != 0 &&
		       !(strcmp(la.base, "date") == 0 && (db || strcmp(lb.base, "timestamptz") == 0));
	}
	default:
		return strcmp(la.base, lb.base) != 0;
	}
}

static bool enum_values_changed(const struct model *ma, const struct model *mb,
				const char *ta, const char *tb)
{
	struct logical_type la, lb;
	const struct enum_type *ea, *eb;

	if (!logical_type_parse(ta, &la) || la.cls != TYPE_CLASS_ENUM ||
	    !logical_type_parse(tb, &lb) || lb.cls != TYPE_CLASS_ENUM ||
	    strcmp(la.enum_name, lb.enum_name) != 0)
		return false;
	ea = model_enum(ma, la.enum_name);
	eb = model_enum(mb, lb.enum_name);
	return ea && eb && !strlist_eq(&ea->values, &eb->values);
}

/* Two defaults are one when they are the same SQL: `default_sql: (1)`,
 * `default_sql: " 1 "` and `default: 1` are all DEFAULT 1, which is what
 * a database gives back (SQLite drops the parentheses and `skema import`
 * reads a literal as `default:`), so apply then diff must find nothing.
 * Compared as the generator writes them for SQLite, whose literals
 * (numbers, '' in strings, TRUE, NULL) every engine reads alike. */
static bool defaults_same(const struct model *ma, const struct table *ta,
			  const struct column *a, const struct model *mb,
			  const struct table *tb, const struct column *b)
{
	struct diag_list dl;
	char *sa, *sb;
	bool same;

	if (value_eq(&a->dflt, &b->dflt) && str_eq_null(a->default_sql, b->default_sql))
		return true;
	diag_list_init(&dl);
	sa = ddl_column_default(ma, ta, a, &dialect_sqlite, &dl);
	sb = ddl_column_default(mb, tb, b, &dialect_sqlite, &dl);
	same = sa && sb && strcmp(sa, sb) == 0;
	free(sa);
	free(sb);
	diag_list_free(&dl);
	return same;
}

static unsigned column_aspects(const struct model *ma, const struct model *mb,
			       const struct table *ta, const struct column *a,
			       const struct table *tb, const struct column *b)
{
	unsigned as = 0;

	if (!same_type(a->type, b->type))
		as |= ASPECT_TYPE;
	else if (enum_values_changed(ma, mb, a->type, b->type))
		as |= ASPECT_ENUM_VALUES;
	if (column_is_nullable(ta, a) != column_is_nullable(tb, b))
		as |= ASPECT_NULLABLE;
	if (!defaults_same(ma, ta, a, mb, tb, b))
		as |= ASPECT_DEFAULT;
	if (!sql_text_eq(a->check, b->check))
		as |= ASPECT_CHECK;
	for (int k = 0; k < BOUND_COUNT; k++)
		if (!str_eq_null(a->bound[k], b->bound[k]))
			as |= ASPECT_BOUNDS;
	if (a->min_length != b->min_length || a->max_length != b->max_length)
		as |= ASPECT_BOUNDS;
	if (a->unique != b->unique)
		as |= ASPECT_UNIQUE;
	if (a->index != b->index)
		as |= ASPECT_INDEX;
	if (!str_eq_null(a->ref_table, b->ref_table) || !str_eq_null(a->ref_column, b->ref_column) ||
	    fk_rule(a->on_delete) != fk_rule(b->on_delete) ||
	    fk_rule(a->on_update) != fk_rule(b->on_update))
		as |= ASPECT_REFERENCES;
	if (a->autoincrement != b->autoincrement)
		as |= ASPECT_AUTOINCREMENT;
	if (!str_eq_null(a->comment, b->comment))
		as |= ASPECT_COMMENT;
	return as;
}

static const char *const aspect_names[] = {
	"type", "nullable", "default", "check", "bounds", "unique", "index",
	"references", "autoincrement", "comment", "enum values", "table options",
	"column order",
};

static void aspects_text(struct strbuf *sb, unsigned as)
{
	bool first = true;

	for (unsigned i = 0; i < sizeof(aspect_names) / sizeof(aspect_names[0]); i++) {
		if (!(as & (1u << i)))
			continue;
		sb_add(sb, first ? "" : ", ");
		sb_add(sb, aspect_names[i]);
		first = false;
	}
}

static void pk_columns(const struct table *t, struct strlist *out)
{
	strlist_init(out);
	if (t->primary_key.n > 0) {
		strlist_copy(out, &t->primary_key);
		return;
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->primary_key)
			strlist_push(out, c->name);
	}
}

static void list_text(struct strbuf *sb, const struct strlist *l)
{
	sb_addc(sb, '(');
	for (size_t i = 0; i < l->n; i++) {
		sb_add(sb, i ? ", " : "");
		sb_add(sb, l->items[i]);
	}
	sb_addc(sb, ')');
}

struct differ {
	const struct model *a, *b;
	const struct model *ar;          /* a renamed */
	struct change_list *out;
};

/* The object of a at the position the renamed clone's object has. */
static const void *back(const struct plist *a_list, const struct plist *ar_list, const void *obj)
{
	for (size_t i = 0; i < ar_list->n; i++)
		if (ar_list->items[i] == obj)
			return a_list->items[i];
	return NULL;
}

static void diff_columns(struct differ *df, const struct table *ta, const struct table *tar,
			 const struct table *tb)
{
	struct strbuf sb;
	long last = -1;
	bool reordered = false;

	sb_init(&sb);
	/* Renames. */
	for (size_t k = 0; k < ta->columns.n; k++) {
		const struct column *ca = PLIST_AT(&ta->columns, struct column, k);
		const struct column *car = PLIST_AT(&tar->columns, struct column, k);
		const struct column *cb = table_column(tb, car->name);
		struct change *c;

		if (!cb || strcmp(ca->name, car->name) == 0)
			continue;
		c = change_push(df->out, CH_RENAME_COLUMN, "rename column %s.%s to %s",
				tb->name, ca->name, cb->name);
		c->from_table = ta;
		c->to_table = tb;
		c->from_column = ca;
		c->to_column = cb;
	}
	/* Adds, in b's order. */
	for (size_t k = 0; k < tb->columns.n; k++) {
		const struct column *cb = PLIST_AT(&tb->columns, struct column, k);
		long at = table_column_index(tar, cb->name);
		struct change *c;

		if (at >= 0) {
			if (at < last)
				reordered = true;
			last = at;
			continue;
		}
		c = change_push(df->out, CH_ADD_COLUMN, "add column %s.%s", tb->name, cb->name);
		c->from_table = ta;
		c->to_table = tb;
		c->to_column = cb;
	}
	/* Alterations. */
	for (size_t k = 0; k < tb->columns.n; k++) {
		const struct column *cb = PLIST_AT(&tb->columns, struct column, k);
		long at = table_column_index(tar, cb->name);
		const struct column *car, *ca;
		struct change *c;
		unsigned as;

		if (at < 0)
			continue;
		car = PLIST_AT(&tar->columns, struct column, at);
		ca = PLIST_AT(&ta->columns, struct column, at);
		as = column_aspects(df->ar, df->b, tar, car, tb, cb);
		if (!as)
			continue;
		sb_reset(&sb);
		aspects_text(&sb, as);
		c = change_push(df->out, CH_ALTER_COLUMN, "alter column %s.%s: %s", tb->name,
				cb->name, sb.buf);
		c->aspects = as;
		c->from_table = ta;
		c->to_table = tb;
		c->from_column = ca;
		c->to_column = cb;
		if ((as & ASPECT_TYPE) && type_narrows(df->a, df->b, car->type, cb->type))
			change_loss(c, "narrows column %s.%s from %s to %s", tb->name, cb->name,
				    car->type, cb->type);
	}
	/* Drops. */
	for (size_t k = 0; k < tar->columns.n; k++) {
		const struct column *car = PLIST_AT(&tar->columns, struct column, k);
		const struct column *ca = PLIST_AT(&ta->columns, struct column, k);
		struct change *c;

		if (table_column(tb, car->name))
			continue;
		c = change_push(df->out, CH_DROP_COLUMN, "drop column %s.%s", tb->name, ca->name);
		c->from_table = ta;
		c->to_table = tb;
		c->from_column = ca;
		change_loss(c, "drops column %s.%s", ta->name, ca->name);
	}
	if (reordered) {
		struct change *c = change_push(df->out, CH_ALTER_TABLE,
					       "alter table %s: column order", tb->name);

		c->aspects = ASPECT_COLUMN_ORDER;
		c->from_table = ta;
		c->to_table = tb;
	}
	sb_free(&sb);
}

typedef bool (*eq_fn)(const void *, const void *);

static bool unique_eq_v(const void *a, const void *b) { return unique_eq(a, b); }


static bool fk_eq_v(const void *a, const void *b)
{
	const struct foreign_key *x = a, *y = b;

	return str_eq_null(x->name, y->name) && strlist_eq(&x->columns, &y->columns) &&
	       str_eq_null(x->ref_table, y->ref_table) &&
	       strlist_eq(&x->ref_columns, &y->ref_columns) &&
	       fk_rule(x->on_delete) == fk_rule(y->on_delete) &&
	       fk_rule(x->on_update) == fk_rule(y->on_update);
}

static bool check_eq_v(const void *a, const void *b)
{
	const struct check *x = a, *y = b;

	return str_eq_null(x->name, y->name) && sql_text_eq(x->expr, y->expr);
}
static bool index_eq_v(const void *a, const void *b) { return index_eq(a, b); }

static bool in_list(const struct plist *l, const void *x, eq_fn eq)
{
	for (size_t i = 0; i < l->n; i++)
		if (eq(l->items[i], x))
			return true;
	return false;
}

static void object_text(struct strbuf *sb, enum change_kind kind, const void *o)
{
	switch (kind) {
	case CH_ADD_UNIQUE: case CH_DROP_UNIQUE:
		list_text(sb, &((const struct unique *)o)->columns);
		break;
	case CH_ADD_FOREIGN_KEY: case CH_DROP_FOREIGN_KEY: {
		const struct foreign_key *fk = o;

		list_text(sb, &fk->columns);
		sb_printf(sb, " references %s", fk->ref_table);
		break;
	}
	case CH_ADD_CHECK: case CH_DROP_CHECK:
		sb_add(sb, ((const struct check *)o)->name);
		break;
	default:
		sb_add(sb, ((const struct index *)o)->name);
		break;
	}
}

/* Objects of one kind: dropped ones (in a, not in b) then added ones. */
static void diff_objects(struct differ *df, const struct table *ta, const struct table *tb, const struct plist *la, const struct plist *lar,
			 const struct plist *lb, eq_fn eq, enum change_kind add,
			 enum change_kind drop, const char *what)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < lar->n; i++) {
		struct change *c;

		if (in_list(lb, lar->items[i], eq))
			continue;
		sb_reset(&sb);
		object_text(&sb, drop, lar->items[i]);
		c = change_push(df->out, drop, "drop %s %s %s", what, tb->name, sb.buf);
		c->from_table = ta;
		c->to_table = tb;
		c->from_object = back(la, lar, lar->items[i]);
	}
	for (size_t i = 0; i < lb->n; i++) {
		struct change *c;

		if (in_list(lar, lb->items[i], eq))
			continue;
		sb_reset(&sb);
		object_text(&sb, add, lb->items[i]);
		c = change_push(df->out, add, "add %s %s %s", what, tb->name, sb.buf);
		c->from_table = ta;
		c->to_table = tb;
		c->to_object = lb->items[i];
	}
	sb_free(&sb);
}

static void diff_table(struct differ *df, const struct table *ta, const struct table *tar,
		       const struct table *tb)
{
	struct strlist pa, pb;
	unsigned as = 0;

	diff_columns(df, ta, tar, tb);
	pk_columns(tar, &pa);
	pk_columns(tb, &pb);
	if (!strlist_eq(&pa, &pb)) {
		struct strbuf sb;
		struct change *c;

		sb_init(&sb);
		list_text(&sb, &pa);
		sb_add(&sb, " to ");
		list_text(&sb, &pb);
		c = change_push(df->out, CH_ALTER_PRIMARY_KEY, "change primary key of %s from %s",
				tb->name, sb.buf);
		c->from_table = ta;
		c->to_table = tb;
		sb_free(&sb);
	}
	strlist_free(&pa);
	strlist_free(&pb);
	if (tar->without_rowid != tb->without_rowid || tar->strict != tb->strict)
		as |= ASPECT_TABLE_OPTIONS;
	if (!str_eq_null(tar->comment, tb->comment))
		as |= ASPECT_COMMENT;
	if (as) {
		struct strbuf sb;
		struct change *c;

		sb_init(&sb);
		aspects_text(&sb, as);
		c = change_push(df->out, CH_ALTER_TABLE, "alter table %s: %s", tb->name, sb.buf);
		c->aspects = as;
		c->from_table = ta;
		c->to_table = tb;
		sb_free(&sb);
	}
	diff_objects(df, ta, tb, &ta->uniques, &tar->uniques, &tb->uniques, unique_eq_v,
		     CH_ADD_UNIQUE, CH_DROP_UNIQUE, "unique");
	diff_objects(df, ta, tb, &ta->foreign_keys, &tar->foreign_keys, &tb->foreign_keys,
		     fk_eq_v, CH_ADD_FOREIGN_KEY, CH_DROP_FOREIGN_KEY, "foreign key");
	diff_objects(df, ta, tb, &ta->checks, &tar->checks, &tb->checks, check_eq_v,
		     CH_ADD_CHECK, CH_DROP_CHECK, "check");
	diff_objects(df, ta, tb, &ta->indexes, &tar->indexes, &tb->indexes, index_eq_v,
		     CH_ADD_INDEX, CH_DROP_INDEX, "index");
}

/* Is o's text, under another key, in list?  The key is the model's label;
 * the engine knows the object by the name in its text, and an import
 * files it under that name: the same text is the same object. */
static bool sql_object_same_text(const struct plist *list, const struct sql_object *o)
{
	/* Only a text that names its object (CREATE ... name): a view kept as
	 * its bare SELECT is named by its key alone. */
	if (!o->sql || !sql_created_body(o->sql))
		return false;
	for (size_t k = 0; k < list->n; k++)
		if (sql_object_text_eq(((const struct sql_object *)list->items[k])->sql, o->sql))
			return true;
	return false;
}

static void diff_sql_objects(struct differ *df, const struct plist *la, const struct plist *lb,
			     enum change_kind kind, const char *what, bool dropping)
{
	for (size_t i = 0; i < (dropping ? la->n : lb->n); i++) {
		const struct sql_object *o = (dropping ? la : lb)->items[i];
		const struct sql_object *other = NULL;
		struct change *c;

		for (size_t k = 0; k < (dropping ? lb->n : la->n); k++) {
			const struct sql_object *x = (dropping ? lb : la)->items[k];

			if (strcmp(x->name, o->name) == 0)
				other = x;
		}
		if (other && sql_object_text_eq(o->sql, other->sql))
			continue;
		if (!other && sql_object_same_text(dropping ? lb : la, o))
			continue;
		c = change_push(df->out, kind, "%s %s %s", dropping ? "drop" : "create", what, o->name);
		if (dropping)
			c->from_object = o;
		else
			c->to_object = o;
	}
}

void diff_models(const struct model *a, const struct model *b, struct change_list *out)
{
	struct renames r;
	struct differ df = { .a = a, .b = b, .out = out };
	struct name_index ar_slot;
	struct model *ar;

	renames_from_models(&r, a, b);
	ar = apply_renames(a, &r);
	df.ar = ar;
	slot_index(&ar_slot, ar);

	diff_sql_objects(&df, &a->views, &b->views, CH_DROP_VIEW, "view", true);
	diff_sql_objects(&df, &a->triggers, &b->triggers, CH_DROP_TRIGGER, "trigger", true);

	for (size_t i = 0; i < b->enums.n; i++) {
		const struct enum_type *eb = PLIST_AT(&b->enums, struct enum_type, i);
		const struct enum_type *ea = model_enum(a, eb->name);
		struct change *c;

		if (!ea) {
			c = change_push(out, CH_ADD_ENUM, "create enum %s", eb->name);
			c->to_object = eb;
		} else if (!strlist_eq(&ea->values, &eb->values)) {
			struct strbuf lost;

			c = change_push(out, CH_ALTER_ENUM, "alter enum %s", eb->name);
			c->from_object = ea;
			c->to_object = eb;
			sb_init(&lost);
			for (size_t k = 0; k < ea->values.n; k++) {
				if (strlist_find(&eb->values, ea->values.items[k]) >= 0)
					continue;
				sb_printf(&lost, "%s'%s'", lost.len ? ", " : "", ea->values.items[k]);
			}
			if (lost.len)
				change_loss(c, "drops value%s %s of enum %s",
					    strchr(lost.buf, ',') ? "s" : "", lost.buf, eb->name);
			sb_free(&lost);
		}
	}

	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *ta = PLIST_AT(&a->tables, struct table, i);
		const struct table *tar = PLIST_AT(&ar->tables, struct table, i);
		struct change *c;

		if (!r.table_to[i] || strcmp(ta->name, tar->name) == 0)
			continue;
		c = change_push(out, CH_RENAME_TABLE, "rename table %s to %s", ta->name, tar->name);
		c->from_table = ta;
		c->to_table = model_table(b, tar->name);
	}
	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *tb = PLIST_AT(&b->tables, struct table, i);
		struct change *c;

		if (model_table(ar, tb->name))
			continue;
		c = change_push(out, CH_ADD_TABLE, "create table %s", tb->name);
		c->to_table = tb;
	}
	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *tb = PLIST_AT(&b->tables, struct table, i);
		long at = slot_of(&ar_slot, ar, tb->name);

		if (at < 0)
			continue;
		diff_table(&df, PLIST_AT(&a->tables, struct table, at),
			   PLIST_AT(&ar->tables, struct table, at), tb);
	}
	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *ta = PLIST_AT(&a->tables, struct table, i);
		struct change *c;

		if (r.table_to[i])
			continue;
		c = change_push(out, CH_DROP_TABLE, "drop table %s", ta->name);
		c->from_table = ta;
		change_loss(c, "drops table %s", ta->name);
	}

	diff_sql_objects(&df, &a->views, &b->views, CH_ADD_VIEW, "view", false);
	diff_sql_objects(&df, &a->triggers, &b->triggers, CH_ADD_TRIGGER, "trigger", false);

	for (size_t i = 0; i < a->enums.n; i++) {
		const struct enum_type *ea = PLIST_AT(&a->enums, struct enum_type, i);
		struct change *c;

		if (model_enum(b, ea->name))
			continue;
		c = change_push(out, CH_DROP_ENUM, "drop enum %s", ea->name);
		c->from_object = ea;
	}

	name_index_free(&ar_slot);
	model_free(ar);
	renames_free(&r);
}
