/* model.c — constructors, ownership, equality and lookups of the model.
 *
 * Equality ignores source positions: two models are equal when they would
 * be written as the same canonical file. */
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* ---- referential actions ---- */

static const char *const fk_action_names[] = {
	[ACTION_NONE] = NULL,
	[ACTION_CASCADE] = "cascade",
	[ACTION_SET_NULL] = "set null",
	[ACTION_SET_DEFAULT] = "set default",
	[ACTION_RESTRICT] = "restrict",
	[ACTION_NO_ACTION] = "no action",
};

const char *fk_action_name(enum fk_action a)
{
	if ((size_t)a >= sizeof fk_action_names / sizeof fk_action_names[0])
		return NULL;
	return fk_action_names[a];
}

bool fk_action_parse(const char *s, enum fk_action *out)
{
	if (!s)
		return false;
	for (size_t i = ACTION_CASCADE;
	     i < sizeof fk_action_names / sizeof fk_action_names[0]; i++) {
		if (strcmp(s, fk_action_names[i]) == 0) {
			*out = (enum fk_action)i;
			return true;
		}
	}
	return false;
}

/* ---- values ---- */

void value_set(struct value *v, enum value_kind kind, const char *text)
{
	/* text may point into v->text itself, so copy before freeing */
	char *copy = (kind == VALUE_NONE || kind == VALUE_NULL) ? NULL : xstrdup(text);

	free(v->text);
	v->kind = kind;
	v->text = copy;
}

void value_clear(struct value *v)
{
	free(v->text);
	v->kind = VALUE_NONE;
	v->text = NULL;
}

void value_copy(struct value *dst, const struct value *src)
{
	value_set(dst, src->kind, src->text);
}

bool value_eq(const struct value *a, const struct value *b)
{
	return a->kind == b->kind && str_eq_null(a->text, b->text);
}

/* ---- key-name tables ---- */

static const char *const column_key_names[CK_COUNT] = {
	[CK_TYPE] = "type",
	[CK_NULLABLE] = "nullable",
	[CK_PRIMARY_KEY] = "primary_key",
	[CK_AUTOINCREMENT] = "autoincrement",
	[CK_UNIQUE] = "unique",
	[CK_INDEX] = "index",
	[CK_DEFAULT] = "default",
	[CK_DEFAULT_SQL] = "default_sql",
	[CK_CHECK] = "check",
	[CK_GE] = "ge",
	[CK_LE] = "le",
	[CK_GT] = "gt",
	[CK_LT] = "lt",
	[CK_MIN_LENGTH] = "min_length",
	[CK_MAX_LENGTH] = "max_length",
	[CK_REFERENCES] = "references",
	[CK_ON_DELETE] = "on_delete",
	[CK_ON_UPDATE] = "on_update",
	[CK_COMMENT] = "comment",
	[CK_WAS] = "was",
};

static const char *const table_key_names[TK_COUNT] = {
	[TK_COMMENT] = "comment",
	[TK_WAS] = "was",
	[TK_WITHOUT_ROWID] = "without_rowid",
	[TK_STRICT] = "strict",
	[TK_COLUMNS] = "columns",
	[TK_PRIMARY_KEY] = "primary_key",
	[TK_UNIQUE] = "unique",
	[TK_FOREIGN_KEYS] = "foreign_keys",
	[TK_INDEXES] = "indexes",
	[TK_CHECKS] = "checks",
};

static const char *const link_key_names[LK_COUNT] = {
	[LK_KIND] = "kind",
	[LK_PARENT] = "parent",
	[LK_CHILD] = "child",
	[LK_VIA] = "via",
	[LK_PARENT_NAME] = "parent_name",
	[LK_CHILD_NAME] = "child_name",
	[LK_LEFT] = "left",
	[LK_RIGHT] = "right",
	[LK_THROUGH] = "through",
	[LK_LEFT_NAME] = "left_name",
	[LK_RIGHT_NAME] = "right_name",
};

static bool key_parse(const char *const *names, size_t n, const char *s, int *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	}
	return false;
}

const char *column_key_name(enum column_key k)
{
	return (size_t)k < CK_COUNT ? column_key_names[k] : NULL;
}

bool column_key_parse(const char *s, enum column_key *out)
{
	int k;

	if (!key_parse(column_key_names, CK_COUNT, s, &k))
		return false;
	*out = (enum column_key)k;
	return true;
}

const char *table_key_name(enum table_key k)
{
	return (size_t)k < TK_COUNT ? table_key_names[k] : NULL;
}

bool table_key_parse(const char *s, enum table_key *out)
{
	int k;

	if (!key_parse(table_key_names, TK_COUNT, s, &k))
		return false;
	*out = (enum table_key)k;
	return true;
}

const char *link_key_name(enum link_key k)
{
	return (size_t)k < LK_COUNT ? link_key_names[k] : NULL;
}

bool link_key_parse(const char *s, enum link_key *out)
{
	int k;

	if (!key_parse(link_key_names, LK_COUNT, s, &k))
		return false;
	*out = (enum link_key)k;
	return true;
}

/* ---- plist ---- */

void plist_push(struct plist *l, void *item)
{
	xgrow(&l->items, &l->cap, l->n + 1, sizeof *l->items);
	l->items[l->n++] = item;
}

void plist_insert(struct plist *l, size_t at, void *item)
{
	if (at > l->n)
		abort();
	xgrow(&l->items, &l->cap, l->n + 1, sizeof *l->items);
	memmove(l->items + at + 1, l->items + at, (l->n - at) * sizeof *l->items);
	l->items[at] = item;
	l->n++;
}

void *plist_remove(struct plist *l, size_t at)
{
	void *item;

	if (at >= l->n)
		abort();
	item = l->items[at];
	memmove(l->items + at, l->items + at + 1, (l->n - at - 1) * sizeof *l->items);
	l->n--;
	return item;
}

void plist_move(struct plist *l, size_t from, size_t to)
{
	void *item;

	if (from >= l->n || to >= l->n)
		abort();
	if (from == to)
		return;
	item = l->items[from];
	if (from < to)
		memmove(l->items + from, l->items + from + 1, (to - from) * sizeof *l->items);
	else
		memmove(l->items + to + 1, l->items + to, (from - to) * sizeof *l->items);
	l->items[to] = item;
}

/* Free a plist's items with their destructor, then the array itself. */
static void plist_free_items(struct plist *l, void (*item_free)(void *))
{
	for (size_t i = 0; i < l->n; i++)
		item_free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

static void plist_clone_items(struct plist *dst, const struct plist *src,
			      void *(*item_clone)(const void *))
{
	dst->items = NULL;
	dst->n = dst->cap = 0;
	for (size_t i = 0; i < src->n; i++)
		plist_push(dst, item_clone(src->items[i]));
}

static bool plist_eq_items(const struct plist *a, const struct plist *b,
			   bool (*item_eq)(const void *, const void *))
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!item_eq(a->items[i], b->items[i]))
			return false;
	return true;
}

/* Adapters so that the typed functions fit the generic plist helpers. */
#define ITEM_ADAPTERS(prefix) \
	static void prefix##_free_v(void *p) { prefix##_free(p); } \
	static void *prefix##_clone_v(const void *p) { return prefix##_clone(p); } \
	static bool prefix##_eq_v(const void *a, const void *b) { return prefix##_eq(a, b); }

/* ---- column ---- */

struct column *column_new(const char *name, const char *type)
{
	struct column *c = xcalloc(1, sizeof *c);

	c->name = xstrdup(name);
	c->type = xstrdup(type);
	c->min_length = -1;
	c->max_length = -1;
	return c;
}

void column_free(struct column *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->type);
	value_clear(&c->dflt);
	free(c->default_sql);
	free(c->check);
	for (int i = 0; i < BOUND_COUNT; i++)
		free(c->bound[i]);
	free(c->ref_table);
	free(c->ref_column);
	free(c->comment);
	free(c->was);
	free(c->key_far);
	free(c);
}

void column_set_key_pos(struct column *c, enum column_key k, struct pos p)
{
	uint32_t dline;

	if (p.line == 0) {
		c->key_at[k] = 0;
		return;
	}
	if (c->key_line == 0)
		c->key_line = p.line;
	dline = p.line - c->key_line;
	/* The loader sets keys in file order, mostly on the column's line
	 * or the next few: the far table is for long lines and odd cases. */
	if (p.line >= c->key_line && dline < 63 && p.col >= 1 && p.col < 1024) {
		c->key_at[k] = (uint16_t)(dline << 10 | p.col);
		return;
	}
	if (!c->key_far)
		c->key_far = xcalloc(CK_COUNT, sizeof(*c->key_far));
	c->key_far[k] = p;
	c->key_at[k] = COLUMN_KEY_FAR;
}

struct column *column_clone(const struct column *c)
{
	struct column *n = xmalloc(sizeof *n);

	*n = *c;
	n->name = xstrdup(c->name);
	n->type = xstrdup(c->type);
	n->dflt.kind = VALUE_NONE;
	n->dflt.text = NULL;
	value_copy(&n->dflt, &c->dflt);
	n->default_sql = xstrdup(c->default_sql);
	n->check = xstrdup(c->check);
	for (int i = 0; i < BOUND_COUNT; i++)
		n->bound[i] = xstrdup(c->bound[i]);
	n->ref_table = xstrdup(c->ref_table);
	n->ref_column = xstrdup(c->ref_column);
	n->comment = xstrdup(c->comment);
	n->was = xstrdup(c->was);
	if (c->key_far) {
		n->key_far = xmalloc(CK_COUNT * sizeof(*n->key_far));
		memcpy(n->key_far, c->key_far, CK_COUNT * sizeof(*n->key_far));
	}
	return n;
}

/* Everything but the nullable key and positions. */
static bool column_eq_rest(const struct column *a, const struct column *b)
{
	if (!str_eq_null(a->name, b->name) || !str_eq_null(a->type, b->type) ||
	    a->primary_key != b->primary_key ||
	    a->autoincrement != b->autoincrement ||
	    a->unique != b->unique || a->index != b->index ||
	    !value_eq(&a->dflt, &b->dflt) ||
	    !str_eq_null(a->default_sql, b->default_sql) ||
	    !str_eq_null(a->check, b->check) ||
	    a->min_length != b->min_length || a->max_length != b->max_length ||
	    !str_eq_null(a->ref_table, b->ref_table) ||
	    !str_eq_null(a->ref_column, b->ref_column) ||
	    a->on_delete != b->on_delete || a->on_update != b->on_update ||
	    !str_eq_null(a->comment, b->comment) || !str_eq_null(a->was, b->was))
		return false;
	for (int i = 0; i < BOUND_COUNT; i++)
		if (!str_eq_null(a->bound[i], b->bound[i]))
			return false;
	return true;
}

bool column_eq(const struct column *a, const struct column *b)
{
	return a->nullable == b->nullable && column_eq_rest(a, b);
}

/* ---- index, check, foreign key, unique ---- */

struct index *index_new(const char *name)
{
	struct index *ix = xcalloc(1, sizeof *ix);

	ix->name = xstrdup(name);
	strlist_init(&ix->columns);
	return ix;
}

void index_free(struct index *ix)
{
	if (!ix)
		return;
	free(ix->name);
	strlist_free(&ix->columns);
	free(ix->where);
	free(ix);
}

struct index *index_clone(const struct index *ix)
{
	struct index *n = xmalloc(sizeof *n);

	*n = *ix;
	n->name = xstrdup(ix->name);
	strlist_init(&n->columns);
	strlist_copy(&n->columns, &ix->columns);
	n->where = xstrdup(ix->where);
	return n;
}

bool index_eq(const struct index *a, const struct index *b)
{
	return str_eq_null(a->name, b->name) && strlist_eq(&a->columns, &b->columns) &&
	       a->unique == b->unique && str_eq_null(a->where, b->where);
}

struct check *check_new(const char *name, const char *expr)
{
	struct check *ck = xcalloc(1, sizeof *ck);

	ck->name = xstrdup(name);
	ck->expr = xstrdup(expr);
	return ck;
}

void check_free(struct check *ck)
{
	if (!ck)
		return;
	free(ck->name);
	free(ck->expr);
	free(ck);
}

struct check *check_clone(const struct check *ck)
{
	struct check *n = check_new(ck->name, ck->expr);

	n->pos = ck->pos;
	return n;
}

bool check_eq(const struct check *a, const struct check *b)
{
	return str_eq_null(a->name, b->name) && str_eq_null(a->expr, b->expr);
}

struct foreign_key *foreign_key_new(void)
{
	struct foreign_key *fk = xcalloc(1, sizeof *fk);

	strlist_init(&fk->columns);
	strlist_init(&fk->ref_columns);
	return fk;
}

void foreign_key_free(struct foreign_key *fk)
{
	if (!fk)
		return;
	free(fk->name);
	strlist_free(&fk->columns);
	free(fk->ref_table);
	strlist_free(&fk->ref_columns);
	free(fk);
}

struct foreign_key *foreign_key_clone(const struct foreign_key *fk)
{
	struct foreign_key *n = xmalloc(sizeof *n);

	*n = *fk;
	n->name = xstrdup(fk->name);
	strlist_init(&n->columns);
	strlist_copy(&n->columns, &fk->columns);
	n->ref_table = xstrdup(fk->ref_table);
	strlist_init(&n->ref_columns);
	strlist_copy(&n->ref_columns, &fk->ref_columns);
	return n;
}

bool foreign_key_eq(const struct foreign_key *a, const struct foreign_key *b)
{
	return str_eq_null(a->name, b->name) && strlist_eq(&a->columns, &b->columns) &&
	       str_eq_null(a->ref_table, b->ref_table) &&
	       strlist_eq(&a->ref_columns, &b->ref_columns) &&
	       a->on_delete == b->on_delete && a->on_update == b->on_update;
}

struct unique *unique_new(void)
{
	struct unique *u = xcalloc(1, sizeof *u);

	strlist_init(&u->columns);
	return u;
}

void unique_free(struct unique *u)
{
	if (!u)
		return;
	strlist_free(&u->columns);
	free(u);
}

struct unique *unique_clone(const struct unique *u)
{
	struct unique *n = unique_new();

	strlist_copy(&n->columns, &u->columns);
	n->pos = u->pos;
	return n;
}

bool unique_eq(const struct unique *a, const struct unique *b)
{
	return strlist_eq(&a->columns, &b->columns);
}

static void column_free_v(void *p) { column_free(p); }
static void *column_clone_v(const void *p) { return column_clone(p); }
ITEM_ADAPTERS(unique)
ITEM_ADAPTERS(foreign_key)
ITEM_ADAPTERS(index)
ITEM_ADAPTERS(check)

/* ---- table ---- */

struct table *table_new(const char *name)
{
	struct table *t = xcalloc(1, sizeof *t);

	t->name = xstrdup(name);
	strlist_init(&t->primary_key);
	return t;
}

void table_free(struct table *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->comment);
	free(t->was);
	plist_free_items(&t->columns, column_free_v);
	strlist_free(&t->primary_key);
	plist_free_items(&t->uniques, unique_free_v);
	plist_free_items(&t->foreign_keys, foreign_key_free_v);
	plist_free_items(&t->indexes, index_free_v);
	plist_free_items(&t->checks, check_free_v);
	free(t);
}

struct table *table_clone(const struct table *t)
{
	struct table *n = xmalloc(sizeof *n);

	*n = *t;
	n->name = xstrdup(t->name);
	n->comment = xstrdup(t->comment);
	n->was = xstrdup(t->was);
	plist_clone_items(&n->columns, &t->columns, column_clone_v);
	strlist_init(&n->primary_key);
	strlist_copy(&n->primary_key, &t->primary_key);
	plist_clone_items(&n->uniques, &t->uniques, unique_clone_v);
	plist_clone_items(&n->foreign_keys, &t->foreign_keys, foreign_key_clone_v);
	plist_clone_items(&n->indexes, &t->indexes, index_clone_v);
	plist_clone_items(&n->checks, &t->checks, check_clone_v);
	return n;
}

/* Like model_eq, nullability is compared by effective value: `nullable:
 * false` on a key column says nothing new. */
bool table_eq(const struct table *a, const struct table *b)
{
	if (!str_eq_null(a->name, b->name) || !str_eq_null(a->comment, b->comment) ||
	    !str_eq_null(a->was, b->was) || a->without_rowid != b->without_rowid ||
	    a->strict != b->strict || a->columns.n != b->columns.n ||
	    !strlist_eq(&a->primary_key, &b->primary_key))
		return false;
	for (size_t i = 0; i < a->columns.n; i++) {
		const struct column *ca = PLIST_AT(&a->columns, struct column, i);
		const struct column *cb = PLIST_AT(&b->columns, struct column, i);

		if (!column_eq_rest(ca, cb) ||
		    column_is_nullable(a, ca) != column_is_nullable(b, cb))
			return false;
	}
	return plist_eq_items(&a->uniques, &b->uniques, unique_eq_v) &&
	       plist_eq_items(&a->foreign_keys, &b->foreign_keys, foreign_key_eq_v) &&
	       plist_eq_items(&a->indexes, &b->indexes, index_eq_v) &&
	       plist_eq_items(&a->checks, &b->checks, check_eq_v);
}

long table_column_index(const struct table *t, const char *name)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < t->columns.n; i++)
		if (strcmp(PLIST_AT(&t->columns, struct column, i)->name, name) == 0)
			return (long)i;
	return -1;
}

struct column *table_column(const struct table *t, const char *name)
{
	long i = table_column_index(t, name);

	return i < 0 ? NULL : PLIST_AT(&t->columns, struct column, i);
}

void table_add_column(struct table *t, struct column *c)
{
	plist_push(&t->columns, c);
}

bool table_column_in_pk(const struct table *t, const struct column *c)
{
	return c->primary_key || strlist_find(&t->primary_key, c->name) >= 0;
}

bool column_is_nullable(const struct table *t, const struct column *c)
{
	switch (c->nullable) {
	case TRI_TRUE:
		return true;
	case TRI_FALSE:
		return false;
	case TRI_UNSET:
		break;
	}
	return !table_column_in_pk(t, c);
}

/* ---- enum, link, sql object, placement ---- */

struct enum_type *enum_type_new(const char *name)
{
	struct enum_type *e = xcalloc(1, sizeof *e);

	e->name = xstrdup(name);
	strlist_init(&e->values);
	return e;
}

void enum_type_free(struct enum_type *e)
{
	if (!e)
		return;
	free(e->name);
	strlist_free(&e->values);
	free(e);
}

struct enum_type *enum_type_clone(const struct enum_type *e)
{
	struct enum_type *n = enum_type_new(e->name);

	strlist_copy(&n->values, &e->values);
	n->pos = e->pos;
	return n;
}

bool enum_type_eq(const struct enum_type *a, const struct enum_type *b)
{
	return str_eq_null(a->name, b->name) && strlist_eq(&a->values, &b->values);
}

struct link *link_new(enum link_kind kind)
{
	struct link *l = xcalloc(1, sizeof *l);

	l->kind = kind;
	return l;
}

void link_free(struct link *l)
{
	if (!l)
		return;
	for (int i = 0; i < LK_COUNT; i++)
		free(l->field[i]);
	free(l);
}

struct link *link_clone(const struct link *l)
{
	struct link *n = xmalloc(sizeof *n);

	*n = *l;
	for (int i = 0; i < LK_COUNT; i++)
		n->field[i] = xstrdup(l->field[i]);
	return n;
}

bool link_eq(const struct link *a, const struct link *b)
{
	if (a->kind != b->kind)
		return false;
	for (int i = 0; i < LK_COUNT; i++)
		if (i != LK_KIND && !str_eq_null(a->field[i], b->field[i]))
			return false;
	return true;
}

struct sql_object *sql_object_new(const char *name, const char *sql)
{
	struct sql_object *o = xcalloc(1, sizeof *o);

	o->name = xstrdup(name);
	o->sql = xstrdup(sql);
	return o;
}

void sql_object_free(struct sql_object *o)
{
	if (!o)
		return;
	free(o->name);
	free(o->sql);
	free(o);
}

struct sql_object *sql_object_clone(const struct sql_object *o)
{
	struct sql_object *n = sql_object_new(o->name, o->sql);

	n->pos = o->pos;
	return n;
}

bool sql_object_eq(const struct sql_object *a, const struct sql_object *b)
{
	return str_eq_null(a->name, b->name) && str_eq_null(a->sql, b->sql);
}

struct placement *placement_new(const char *table, int64_t x, int64_t y)
{
	struct placement *p = xcalloc(1, sizeof *p);

	p->table = xstrdup(table);
	p->x = x;
	p->y = y;
	return p;
}

void placement_free(struct placement *p)
{
	if (!p)
		return;
	free(p->table);
	free(p);
}

struct placement *placement_clone(const struct placement *p)
{
	struct placement *n = placement_new(p->table, p->x, p->y);

	n->pos = p->pos;
	return n;
}

bool placement_eq(const struct placement *a, const struct placement *b)
{
	return str_eq_null(a->table, b->table) && a->x == b->x && a->y == b->y;
}

ITEM_ADAPTERS(table)
ITEM_ADAPTERS(enum_type)
ITEM_ADAPTERS(link)
ITEM_ADAPTERS(sql_object)
ITEM_ADAPTERS(placement)

/* ---- name_index: linear probing, backward-shift deletion ---- */

static size_t name_hash(const char *s)
{
	/* FNV-1a, 64-bit */
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return (size_t)(h ^ (h >> 29));
}

void name_index_init(struct name_index *ix)
{
	ix->keys = NULL;
	ix->vals = NULL;
	ix->cap = 0;
	ix->n = 0;
}

void name_index_free(struct name_index *ix)
{
	free(ix->keys);
	free(ix->vals);
	name_index_init(ix);
}

/* The slot holding key, or the empty slot where it would go. */
static size_t name_index_slot(const struct name_index *ix, const char *key)
{
	size_t mask = ix->cap - 1;
	size_t i = name_hash(key) & mask;

	while (ix->keys[i] && strcmp(ix->keys[i], key) != 0)
		i = (i + 1) & mask;
	return i;
}

static void name_index_grow(struct name_index *ix)
{
	struct name_index old = *ix;

	ix->cap = old.cap ? old.cap * 2 : 16;
	ix->keys = xcalloc(ix->cap, sizeof *ix->keys);
	ix->vals = xcalloc(ix->cap, sizeof *ix->vals);
	for (size_t i = 0; i < old.cap; i++) {
		if (old.keys[i]) {
			size_t s = name_index_slot(ix, old.keys[i]);

			ix->keys[s] = old.keys[i];
			ix->vals[s] = old.vals[i];
		}
	}
	free(old.keys);
	free(old.vals);
}

void name_index_put(struct name_index *ix, const char *key, void *val)
{
	size_t s;

	if (!key)
		return;
	/* keep the load factor at most 1/2 so that probes stay short */
	if ((ix->n + 1) * 2 > ix->cap)
		name_index_grow(ix);
	s = name_index_slot(ix, key);
	if (!ix->keys[s])
		ix->n++;
	/* the key pointer is replaced too: it belongs to the new item */
	ix->keys[s] = key;
	ix->vals[s] = val;
}

void *name_index_get(const struct name_index *ix, const char *key)
{
	size_t s;

	if (!ix->cap || !key)
		return NULL;
	s = name_index_slot(ix, key);
	return ix->keys[s] ? ix->vals[s] : NULL;
}

void name_index_del(struct name_index *ix, const char *key)
{
	size_t mask, i, j;

	if (!ix->cap || !key)
		return;
	mask = ix->cap - 1;
	i = name_index_slot(ix, key);
	if (!ix->keys[i])
		return;
	ix->keys[i] = NULL;
	ix->vals[i] = NULL;
	ix->n--;
	/* Shift back every later entry of the cluster that would become
	 * unreachable through the hole at i. */
	for (j = (i + 1) & mask; ix->keys[j]; j = (j + 1) & mask) {
		size_t home = name_hash(ix->keys[j]) & mask;

		/* j stays if its home lies cyclically in (i, j] */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		ix->keys[i] = ix->keys[j];
		ix->vals[i] = ix->vals[j];
		ix->keys[j] = NULL;
		ix->vals[j] = NULL;
		i = j;
	}
}

/* ---- model ---- */

struct model *model_new(void)
{
	struct model *m = xcalloc(1, sizeof *m);

	m->version = 1;
	name_index_init(&m->table_by_name);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	free(m->name);
	plist_free_items(&m->enums, enum_type_free_v);
	plist_free_items(&m->tables, table_free_v);
	plist_free_items(&m->links, link_free_v);
	plist_free_items(&m->views, sql_object_free_v);
	plist_free_items(&m->triggers, sql_object_free_v);
	plist_free_items(&m->layout, placement_free_v);
	name_index_free(&m->table_by_name);
	free(m);
}

struct model *model_clone(const struct model *m)
{
	struct model *n = xmalloc(sizeof *n);

	*n = *m;
	n->name = xstrdup(m->name);
	plist_clone_items(&n->enums, &m->enums, enum_type_clone_v);
	plist_clone_items(&n->tables, &m->tables, table_clone_v);
	plist_clone_items(&n->links, &m->links, link_clone_v);
	plist_clone_items(&n->views, &m->views, sql_object_clone_v);
	plist_clone_items(&n->triggers, &m->triggers, sql_object_clone_v);
	plist_clone_items(&n->layout, &m->layout, placement_clone_v);
	name_index_init(&n->table_by_name);
	model_reindex(n);
	return n;
}

bool model_eq(const struct model *a, const struct model *b)
{
	return a->version == b->version && str_eq_null(a->name, b->name) &&
	       plist_eq_items(&a->enums, &b->enums, enum_type_eq_v) &&
	       plist_eq_items(&a->tables, &b->tables, table_eq_v) &&
	       plist_eq_items(&a->links, &b->links, link_eq_v) &&
	       plist_eq_items(&a->views, &b->views, sql_object_eq_v) &&
	       plist_eq_items(&a->triggers, &b->triggers, sql_object_eq_v) &&
	       plist_eq_items(&a->layout, &b->layout, placement_eq_v);
}

struct table *model_table(const struct model *m, const char *name)
{
	return name_index_get(&m->table_by_name, name);
}

long model_table_index(const struct model *m, const char *name)
{
	const struct table *t = model_table(m, name);

	if (!t)
		return -1;
	if (t->slot_hint < m->tables.n && m->tables.items[t->slot_hint] == t)
		return (long)t->slot_hint;
	/* The list changed since the hints were set (an insert, a move, a
	 * removal): one pass sets them all, so diff and DDL, which ask for
	 * every table and reference, stay linear. */
	for (size_t i = 0; i < m->tables.n; i++)
		((struct table *)m->tables.items[i])->slot_hint = i;
	if (t->slot_hint < m->tables.n && m->tables.items[t->slot_hint] == t)
		return (long)t->slot_hint;
	return -1;
}

void model_add_table(struct model *m, struct table *t)
{
	plist_push(&m->tables, t);
	t->slot_hint = m->tables.n - 1;
	/* with duplicate names (a broken file), the first one is found */
	if (t->name && !name_index_get(&m->table_by_name, t->name))
		name_index_put(&m->table_by_name, t->name, t);
}

void model_reindex(struct model *m)
{
	name_index_free(&m->table_by_name);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		if (t->name && !name_index_get(&m->table_by_name, t->name))
			name_index_put(&m->table_by_name, t->name, t);
	}
}

struct enum_type *model_enum(const struct model *m, const char *name)
{
	for (size_t i = 0; name && i < m->enums.n; i++)
		if (str_eq_null(PLIST_AT(&m->enums, struct enum_type, i)->name, name))
			return PLIST_AT(&m->enums, struct enum_type, i);
	return NULL;
}

static struct sql_object *sql_object_find(const struct plist *l, const char *name)
{
	for (size_t i = 0; name && i < l->n; i++)
		if (str_eq_null(PLIST_AT(l, struct sql_object, i)->name, name))
			return PLIST_AT(l, struct sql_object, i);
	return NULL;
}

struct sql_object *model_view(const struct model *m, const char *name)
{
	return sql_object_find(&m->views, name);
}

struct sql_object *model_trigger(const struct model *m, const char *name)
{
	return sql_object_find(&m->triggers, name);
}

struct placement *model_placement(const struct model *m, const char *table)
{
	for (size_t i = 0; table && i < m->layout.n; i++)
		if (str_eq_null(PLIST_AT(&m->layout, struct placement, i)->table, table))
			return PLIST_AT(&m->layout, struct placement, i);
	return NULL;
}
