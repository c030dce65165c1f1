/* model-load.c — the strict format v1 loader (model_load_yaml and
 * model_load_file of model-yaml.h).
 *
 * The text becomes a ydoc tree first (yaml-tree.h), then the tree is
 * walked once.  The tables are the exception: each is loaded as soon as
 * the parser has read it, and its part of the tree freed, so that the
 * tree of the whole `tables:` section never sits beside the model (it was
 * most of the peak memory).  Their diagnostics wait in a list of their own
 * and join the others where the walk reaches `tables:`, so the order is
 * that of the file either way.  Every mapping is checked against the key table of what it
 * describes; a problem is reported at the offending key or value and the
 * walk goes on, so one run shows every mistake.  An object that lacks a
 * required key (a column without a type, an index without columns...) is
 * left out of the model rather than half-built; a key with a bad value is
 * left unset. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model-yaml.h"
#include "yaml-tree.h"

/* What a mapping or value belongs to, described only when a diagnostic
 * needs it (formatting names for every column would cost more than the
 * load itself). */
enum obj_kind {
	OBJ_TOP,
	OBJ_SECTION,        /* a top-level collection: a = 'tables' */
	OBJ_TABLE_SECTION,  /* a = 'columns', b = table */
	OBJ_TABLE,          /* a = table */
	OBJ_COLUMN,         /* a = column, b = table */
	OBJ_INDEX,          /* a = index, b = table */
	OBJ_CHECK,          /* a = check, b = table */
	OBJ_FOREIGN_KEY,    /* i = 1-based item, b = table */
	OBJ_UNIQUE,         /* i = 1-based item, b = table */
	OBJ_LINK,           /* i = 1-based item */
	OBJ_ENUM,           /* a = enum */
	OBJ_VIEW,
	OBJ_TRIGGER,
	OBJ_PLACEMENT,      /* a = table */
};

struct obj {
	enum obj_kind kind;
	const char *a, *b;
	size_t i;
};

/* The mappings with fixed keys. */
enum keyset_id { KS_TOP, KS_TABLE, KS_COLUMN, KS_INDEX, KS_FOREIGN_KEY, KS_LINK, KS_COUNT };

/* A key name -> key number map, built at the start of each load from
 * the name tables (model.h's for columns, tables and links): a model of
 * thousands of tables has hundreds of thousands of keys, and one hash
 * probe beats walking the names with strcmp. */
enum { KEYMAP_SLOTS = 64 };
struct keymap {
	const char *name[KEYMAP_SLOTS];
	size_t len[KEYMAP_SLOTS];
	int key[KEYMAP_SLOTS];
};

struct loader {
	struct diag_list *dl;
	struct diag_list table_dl;   /* the streamed tables' diagnostics */
	struct model *m;
	struct strbuf what;      /* scratch for object descriptions */
	struct strbuf where;
	struct keymap keys[KS_COUNT];
};

/* "column 'hero.name'" */
static const char *obj_name(struct loader *ld, const struct obj *o)
{
	struct strbuf *sb = &ld->what;

	sb_reset(sb);
	switch (o->kind) {
	case OBJ_TOP:
		sb_add(sb, "the top level");
		break;
	case OBJ_SECTION:
		sb_printf(sb, "'%s'", o->a);
		break;
	case OBJ_TABLE_SECTION:
		sb_printf(sb, "'%s' of table '%s'", o->a, o->b);
		break;
	case OBJ_TABLE:
		sb_printf(sb, "table '%s'", o->a);
		break;
	case OBJ_COLUMN:
		sb_printf(sb, "column '%s.%s'", o->b, o->a);
		break;
	case OBJ_INDEX:
		sb_printf(sb, "index '%s' of table '%s'", o->a, o->b);
		break;
	case OBJ_CHECK:
		sb_printf(sb, "check '%s' of table '%s'", o->a, o->b);
		break;
	case OBJ_FOREIGN_KEY:
		sb_printf(sb, "foreign key %zu of table '%s'", o->i, o->b);
		break;
	case OBJ_UNIQUE:
		sb_printf(sb, "unique constraint %zu of table '%s'", o->i, o->b);
		break;
	case OBJ_LINK:
		sb_printf(sb, "link %zu", o->i);
		break;
	case OBJ_ENUM:
		sb_printf(sb, "enum '%s'", o->a);
		break;
	case OBJ_VIEW:
		sb_printf(sb, "view '%s'", o->a);
		break;
	case OBJ_TRIGGER:
		sb_printf(sb, "trigger '%s'", o->a);
		break;
	case OBJ_PLACEMENT:
		sb_printf(sb, "table '%s' in 'layout'", o->a);
		break;
	}
	return sb->buf;
}

/* "in column 'hero.name'", "at the top level" */
static const char *obj_where(struct loader *ld, const struct obj *o)
{
	const char *name = obj_name(ld, o);

	sb_reset(&ld->where);
	sb_add(&ld->where, o->kind == OBJ_TOP ? "at " : "in ");
	sb_add(&ld->where, name);
	return ld->where.buf;
}

/* "'nullable' in column 'hero.name'"; "'tables'" at the top level.  key
 * NULL: the object itself ("table 'hero'"). */
static const char *target(struct loader *ld, const char *key, const struct obj *o)
{
	if (!key)
		return obj_name(ld, o);
	if (o->kind == OBJ_TOP) {
		sb_reset(&ld->where);
		sb_printf(&ld->where, "'%s'", key);
		return ld->where.buf;
	}
	obj_where(ld, o);
	sb_reset(&ld->what);
	sb_printf(&ld->what, "'%s' %s", key, ld->where.buf);
	return ld->what.buf;
}

static void error_at(struct loader *ld, struct pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void error_at(struct loader *ld, struct pos pos, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	diag_add(ld->dl, SEV_ERROR, pos, "%s", sb.buf);
	sb_free(&sb);
}

static void expected(struct loader *ld, const struct ydoc_node *n, const char *what,
		     const char *key, const struct obj *o)
{
	error_at(ld, n->pos, "expected %s for %s", what, target(ld, key, o));
}

static void missing(struct loader *ld, struct pos pos, const char *key, const struct obj *o)
{
	error_at(ld, pos, "missing required key '%s' %s", key, obj_where(ld, o));
}

/* ---- unknown keys and their nearest known neighbour ---- */

/* Optimal string alignment distance (an adjacent swap costs one). */
static size_t edit_distance(const char *a, const char *b)
{
	enum { MAX = 48 };
	size_t la = strlen(a), lb = strlen(b);
	size_t d[MAX + 1][MAX + 1];

	if (la > MAX || lb > MAX)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

struct keyset {
	int count;
	const char *(*name)(int k);
};

/* Keys of the mappings model.h has no table for. */
enum top_key { TOP_SKEMA, TOP_NAME, TOP_ENUMS, TOP_TABLES, TOP_LINKS, TOP_VIEWS,
	       TOP_TRIGGERS, TOP_LAYOUT, TOP_COUNT };
static const char *const top_key_names[TOP_COUNT] = {
	"skema", "name", "enums", "tables", "links", "views", "triggers", "layout",
};
enum index_key { IK_COLUMNS, IK_UNIQUE, IK_WHERE, IK_COUNT };
static const char *const index_key_names[IK_COUNT] = { "columns", "unique", "where" };
enum fk_key { FK_COLUMNS, FK_REFERENCES, FK_REF_COLUMNS, FK_ON_DELETE, FK_ON_UPDATE,
	      FK_NAME, FK_COUNT };
static const char *const fk_key_names[FK_COUNT] = {
	"columns", "references", "ref_columns", "on_delete", "on_update", "name",
};

static const char *top_name(int k) { return top_key_names[k]; }
static const char *ck_name(int k) { return column_key_name((enum column_key)k); }
static const char *tk_name(int k) { return table_key_name((enum table_key)k); }
static const char *ik_name(int k) { return index_key_names[k]; }
static const char *fkk_name(int k) { return fk_key_names[k]; }
static const char *lk_name(int k) { return link_key_name((enum link_key)k); }

static const struct keyset keysets[KS_COUNT] = {
	[KS_TOP] = { TOP_COUNT, top_name },
	[KS_TABLE] = { TK_COUNT, tk_name },
	[KS_COLUMN] = { CK_COUNT, ck_name },
	[KS_INDEX] = { IK_COUNT, ik_name },
	[KS_FOREIGN_KEY] = { FK_COUNT, fkk_name },
	[KS_LINK] = { LK_COUNT, lk_name },
};

static unsigned keymap_hash(const char *s, size_t n)
{
	return (unsigned)(n * 31u + (unsigned char)s[0] * 7u + (unsigned char)s[n - 1] * 3u +
			  (unsigned char)s[n / 2]) & (KEYMAP_SLOTS - 1);
}

static void keymap_build(struct keymap *map, const struct keyset *ks)
{
	memset(map, 0, sizeof(*map));
	for (int k = 0; k < ks->count; k++) {
		const char *name = ks->name(k);
		size_t n = strlen(name);
		unsigned h = keymap_hash(name, n);

		while (map->name[h])
			h = (h + 1) & (KEYMAP_SLOTS - 1);
		map->name[h] = name;
		map->len[h] = n;
		map->key[h] = k;
	}
}

/* The key number of a scalar key node, or -1. */
static int key_find(const struct loader *ld, enum keyset_id id, const struct ydoc_node *key)
{
	const struct keymap *map = &ld->keys[id];
	unsigned h;

	if (key->n == 0)
		return -1;
	for (h = keymap_hash(key->u.text, key->n); map->name[h]; h = (h + 1) & (KEYMAP_SLOTS - 1))
		if (map->len[h] == key->n && memcmp(map->name[h], key->u.text, key->n) == 0)
			return map->key[h];
	return -1;
}

static void unknown_key(struct loader *ld, const struct ydoc_node *key,
			enum keyset_id id, const struct obj *o)
{
	const struct keyset *ks = &keysets[id];
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	/* Close enough to be a typo, not a different word. */
	size_t limit = key->n <= 4 ? 1 : 2;

	for (int k = 0; k < ks->count; k++) {
		size_t d = edit_distance(key->u.text, ks->name(k));
		if (d < best_d) {
			best_d = d;
			best = ks->name(k);
		}
	}
	if (best && best_d <= limit)
		error_at(ld, key->pos, "unknown key '%s' %s (did you mean '%s'?)",
			 key->u.text, obj_where(ld, o), best);
	else
		error_at(ld, key->pos, "unknown key '%s' %s", key->u.text, obj_where(ld, o));
}

/* The key text of a mapping pair, or NULL when the pair is to be skipped
 * (already reported). */
static const char *pair_key(struct loader *ld, const struct ydoc_pair *p, const struct obj *o)
{
	if (p->key->kind != YDOC_SCALAR) {
		error_at(ld, p->key->pos, "expected a name as key %s", obj_where(ld, o));
		return NULL;
	}
	if (p->dup_of) {
		error_at(ld, p->key->pos, "duplicate key '%s' %s (first at line %u)",
			 p->key->u.text, obj_where(ld, o), (unsigned)p->dup_of->key->pos.line);
		return NULL;
	}
	return p->key->u.text;
}

/* ---- values ---- */

static bool is_mapping(struct loader *ld, const struct ydoc_node *n, const char *key,
		       const struct obj *o)
{
	if (n->kind == YDOC_MAPPING)
		return true;
	expected(ld, n, "a mapping", key, o);
	return false;
}

static bool is_sequence(struct loader *ld, const struct ydoc_node *n, const char *what,
			const char *key, const struct obj *o)
{
	if (n->kind == YDOC_SEQUENCE)
		return true;
	expected(ld, n, what, key, o);
	return false;
}

/* Any scalar but null: numbers and booleans are fine as text here
 * (`comment: 2024`, `check: 1`). */
static const char *text_value(struct loader *ld, const struct ydoc_node *n,
			      const char *key, const struct obj *o)
{
	if (n->kind == YDOC_SCALAR && ydoc_scalar_kind(n) != YDOC_NULL)
		return n->u.text;
	expected(ld, n, "a string", key, o);
	return NULL;
}

static bool bool_value(struct loader *ld, const struct ydoc_node *n, bool *out,
		       const char *key, const struct obj *o)
{
	if (n->kind == YDOC_SCALAR && ydoc_scalar_kind(n) == YDOC_BOOL) {
		*out = ydoc_scalar_true(n);
		return true;
	}
	expected(ld, n, "true or false", key, o);
	return false;
}

/* A core-schema integer (decimal, 0o, 0x) that fits int64_t. */
static bool parse_int(const struct ydoc_node *n, int64_t *out)
{
	const char *s = n->u.text;
	unsigned base = 10;
	bool neg = false;
	uint64_t v = 0, limit;

	if (n->kind != YDOC_SCALAR || ydoc_scalar_kind(n) != YDOC_INT)
		return false;
	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o')) {
		base = s[1] == 'x' ? 16 : 8;
		s += 2;
	}
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; *s; s++) {
		unsigned d = *s <= '9' ? (unsigned)(*s - '0')
				       : (unsigned)((*s | 0x20) - 'a' + 10);
		if (v > (limit - d) / base)
			return false;
		v = v * base + d;
	}
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return true;
}

/* A number for a bound: it is written into CHECK constraints and
 * exports as is, so only decimal notation (no 0x, 0o, .inf, .nan). */
static bool is_decimal_number(const struct ydoc_node *n)
{
	enum ydoc_scalar_kind k;

	if (n->kind != YDOC_SCALAR)
		return false;
	k = ydoc_scalar_kind(n);
	return (k == YDOC_INT || k == YDOC_FLOAT) && !strpbrk(n->u.text, "xoiInN");
}

static bool name_list(struct loader *ld, const struct ydoc_node *n, struct strlist *out,
		      const char *key, const struct obj *o)
{
	if (n->kind == YDOC_SEQUENCE) {
		size_t i;

		for (i = 0; i < n->n; i++) {
			const struct ydoc_node *it = n->u.items[i];
			if (it->kind != YDOC_SCALAR || ydoc_scalar_kind(it) == YDOC_NULL)
				break;
		}
		if (i == n->n) {
			for (i = 0; i < n->n; i++)
				strlist_push(out, n->u.items[i]->u.text);
			return true;
		}
	}
	expected(ld, n, "a list of column names", key, o);
	return false;
}

static bool action_value(struct loader *ld, const struct ydoc_node *n, enum fk_action *out,
			 const char *key, const struct obj *o)
{
	const char *s = text_value(ld, n, key, o);
	struct strbuf valid;

	if (!s)
		return false;
	if (fk_action_parse(s, out))
		return true;
	sb_init(&valid);
	for (int a = ACTION_CASCADE; fk_action_name((enum fk_action)a); a++) {
		if (a > ACTION_CASCADE)
			sb_add(&valid, fk_action_name((enum fk_action)(a + 1)) ? ", " : " or ");
		sb_add(&valid, fk_action_name((enum fk_action)a));
	}
	error_at(ld, n->pos, "invalid value '%s' for %s (expected %s)", s,
		 target(ld, key, o), valid.buf);
	sb_free(&valid);
	return false;
}

static void set_text(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

/* ---- columns ---- */

static void column_default(struct loader *ld, struct column *c, const struct ydoc_node *v,
			   const struct obj *o)
{
	if (v->kind != YDOC_SCALAR) {
		expected(ld, v, "a string, number, boolean or null", "default", o);
		return;
	}
	switch (ydoc_scalar_kind(v)) {
	case YDOC_NULL:
		value_set(&c->dflt, VALUE_NULL, NULL);
		break;
	case YDOC_BOOL:
		value_set(&c->dflt, VALUE_BOOL, ydoc_scalar_true(v) ? "true" : "false");
		break;
	case YDOC_INT:
		value_set(&c->dflt, VALUE_INT, v->u.text);
		break;
	case YDOC_FLOAT:
		value_set(&c->dflt, VALUE_FLOAT, v->u.text);
		break;
	case YDOC_STR:
		value_set(&c->dflt, VALUE_STRING, v->u.text);
		break;
	}
}

static void column_key(struct loader *ld, struct column *c, enum column_key k,
		       const struct ydoc_node *v, const struct obj *o)
{
	const char *key = column_key_name(k);
	const char *s;
	bool b;
	int64_t i;

	switch (k) {
	case CK_TYPE:
		if (!(s = text_value(ld, v, key, o)))
			return;
		set_text(&c->type, s);
		break;
	case CK_NULLABLE:
		if (!bool_value(ld, v, &b, key, o))
			return;
		c->nullable = b ? TRI_TRUE : TRI_FALSE;
		break;
	case CK_PRIMARY_KEY:
	case CK_AUTOINCREMENT:
	case CK_UNIQUE:
	case CK_INDEX:
		if (!bool_value(ld, v, &b, key, o))
			return;
		*(k == CK_PRIMARY_KEY ? &c->primary_key
		  : k == CK_AUTOINCREMENT ? &c->autoincrement
		  : k == CK_UNIQUE ? &c->unique : &c->index) = b;
		break;
	case CK_DEFAULT:
		column_default(ld, c, v, o);
		if (c->dflt.kind == VALUE_NONE)
			return;
		break;
	case CK_DEFAULT_SQL:
	case CK_CHECK:
	case CK_COMMENT:
	case CK_WAS:
		if (!(s = text_value(ld, v, key, o)))
			return;
		set_text(k == CK_DEFAULT_SQL ? &c->default_sql
			 : k == CK_CHECK ? &c->check
			 : k == CK_COMMENT ? &c->comment : &c->was, s);
		break;
	case CK_GE:
	case CK_LE:
	case CK_GT:
	case CK_LT:
		if (!is_decimal_number(v)) {
			expected(ld, v, "a number", key, o);
			return;
		}
		set_text(&c->bound[k - CK_GE], v->u.text);
		break;
	case CK_MIN_LENGTH:
	case CK_MAX_LENGTH:
		if (!parse_int(v, &i) || i < 0) {
			expected(ld, v, "a non-negative integer", key, o);
			return;
		}
		*(k == CK_MIN_LENGTH ? &c->min_length : &c->max_length) = i;
		break;
	case CK_REFERENCES: {
		const char *dot;

		if (!(s = text_value(ld, v, key, o)))
			return;
		/* The last dot: a table name may hold dots, a column
		 * name rarely does. */
		dot = strrchr(s, '.');
		if (!dot || dot == s || dot[1] == '\0') {
			error_at(ld, v->pos, "expected table.column for %s (got '%s')",
				 target(ld, key, o), s);
			return;
		}
		free(c->ref_table);
		c->ref_table = xstrndup(s, (size_t)(dot - s));
		set_text(&c->ref_column, dot + 1);
		break;
	}
	case CK_ON_DELETE:
	case CK_ON_UPDATE:
		if (!action_value(ld, v, k == CK_ON_DELETE ? &c->on_delete : &c->on_update,
				  key, o))
			return;
		break;
	case CK_COUNT:
		return;
	}
	column_set_key_pos(c, k, v->pos);
}

static void load_column(struct loader *ld, struct table *t, const struct ydoc_pair *p)
{
	struct obj o = { OBJ_COLUMN, p->key->u.text, t->name, 0 };
	const struct ydoc_node *v = p->value;
	bool type_given = false;
	struct column *c;

	if (v->kind == YDOC_SCALAR) {
		/* The shorthand `name: type`. */
		if (ydoc_scalar_kind(v) == YDOC_NULL) {
			expected(ld, v, "a type or a mapping", NULL, &o);
			return;
		}
		c = column_new(p->key->u.text, v->u.text);
		c->pos = p->key->pos;
		column_set_key_pos(c, CK_TYPE, v->pos);
		table_add_column(t, c);
		return;
	}
	if (v->kind != YDOC_MAPPING) {
		expected(ld, v, "a type or a mapping", NULL, &o);
		return;
	}
	c = column_new(p->key->u.text, NULL);
	c->pos = p->key->pos;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		const char *key = pair_key(ld, q, &o);
		int k;

		if (!key)
			continue;
		if ((k = key_find(ld, KS_COLUMN, q->key)) < 0) {
			/* {type: numeric(10,2)} splits at the comma in a flow
			 * mapping: say so rather than puzzle over key '2)'. */
			if (c->type && strchr(c->type, '(') && !strchr(c->type, ')') &&
			    strchr(key, ')') && !strchr(key, '('))
				error_at(ld, q->key->pos, "unknown key '%s' %s (quote a type that "
					 "holds a comma: \"%s,%s\")", key, obj_where(ld, &o),
					 c->type, key);
			else
				unknown_key(ld, q->key, KS_COLUMN, &o);
			continue;
		}
		if (k == CK_TYPE)
			type_given = true;
		column_key(ld, c, (enum column_key)k, q->value, &o);
	}
	if (!c->type) {
		/* No column without a type reaches the model. */
		if (!type_given)
			missing(ld, c->pos, "type", &o);
		column_free(c);
		return;
	}
	table_add_column(t, c);
}

/* ---- table parts ---- */

static void load_index(struct loader *ld, struct table *t, const struct ydoc_pair *p)
{
	struct obj o = { OBJ_INDEX, p->key->u.text, t->name, 0 };
	const struct ydoc_node *v = p->value;
	struct index *ix;
	bool have_columns = false, columns_given = false;

	if (!is_mapping(ld, v, NULL, &o))
		return;
	ix = index_new(p->key->u.text);
	ix->pos = p->key->pos;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		const char *key = pair_key(ld, q, &o);
		const char *s;

		if (!key)
			continue;
		switch (key_find(ld, KS_INDEX, q->key)) {
		case IK_COLUMNS:
			columns_given = true;
			if (name_list(ld, q->value, &ix->columns, key, &o)) {
				have_columns = true;
				ix->columns_pos = q->value->pos;
			}
			break;
		case IK_UNIQUE:
			bool_value(ld, q->value, &ix->unique, key, &o);
			break;
		case IK_WHERE:
			if ((s = text_value(ld, q->value, key, &o)))
				set_text(&ix->where, s);
			break;
		default:
			unknown_key(ld, q->key, KS_INDEX, &o);
			break;
		}
	}
	if (!columns_given)
		missing(ld, ix->pos, "columns", &o);
	if (!have_columns) {
		index_free(ix);
		return;
	}
	plist_push(&t->indexes, ix);
}

static void load_foreign_key(struct loader *ld, struct table *t, const struct ydoc_node *v,
			     size_t item)
{
	struct obj o = { OBJ_FOREIGN_KEY, NULL, t->name, item };
	struct foreign_key *fk;
	bool columns_given = false, ref_given = false, bad = false;

	if (!is_mapping(ld, v, NULL, &o))
		return;
	fk = foreign_key_new();
	fk->pos = v->pos;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		const char *key = pair_key(ld, q, &o);
		const char *s;

		if (!key)
			continue;
		switch (key_find(ld, KS_FOREIGN_KEY, q->key)) {
		case FK_COLUMNS:
			columns_given = true;
			if (name_list(ld, q->value, &fk->columns, key, &o))
				fk->columns_pos = q->value->pos;
			else
				bad = true;
			break;
		case FK_REFERENCES:
			ref_given = true;
			if ((s = text_value(ld, q->value, key, &o))) {
				set_text(&fk->ref_table, s);
				fk->ref_table_pos = q->value->pos;
			} else {
				bad = true;
			}
			break;
		case FK_REF_COLUMNS:
			if (name_list(ld, q->value, &fk->ref_columns, key, &o))
				fk->ref_columns_pos = q->value->pos;
			break;
		case FK_ON_DELETE:
			action_value(ld, q->value, &fk->on_delete, key, &o);
			break;
		case FK_ON_UPDATE:
			action_value(ld, q->value, &fk->on_update, key, &o);
			break;
		case FK_NAME:
			if ((s = text_value(ld, q->value, key, &o)))
				set_text(&fk->name, s);
			break;
		default:
			unknown_key(ld, q->key, KS_FOREIGN_KEY, &o);
			break;
		}
	}
	if (!columns_given)
		missing(ld, fk->pos, "columns", &o);
	if (!ref_given)
		missing(ld, fk->pos, "references", &o);
	if (bad || !columns_given || !ref_given) {
		foreign_key_free(fk);
		return;
	}
	plist_push(&t->foreign_keys, fk);
}

static void load_uniques(struct loader *ld, struct table *t, const struct ydoc_node *v,
			 const struct obj *to)
{
	if (!is_sequence(ld, v, "a list of column lists", "unique", to))
		return;
	for (size_t i = 0; i < v->n; i++) {
		struct obj o = { OBJ_UNIQUE, NULL, t->name, i + 1 };
		struct unique *u = unique_new();

		u->pos = v->u.items[i]->pos;
		if (!name_list(ld, v->u.items[i], &u->columns, NULL, &o)) {
			unique_free(u);
			continue;
		}
		plist_push(&t->uniques, u);
	}
}

static void load_table_key(struct loader *ld, struct table *t, enum table_key k,
			   const struct ydoc_node *v, const struct obj *to)
{
	const char *key = table_key_name(k);
	const char *s;
	bool b;

	switch (k) {
	case TK_COMMENT:
	case TK_WAS:
		if (!(s = text_value(ld, v, key, to)))
			return;
		set_text(k == TK_COMMENT ? &t->comment : &t->was, s);
		break;
	case TK_WITHOUT_ROWID:
	case TK_STRICT:
		if (!bool_value(ld, v, &b, key, to))
			return;
		*(k == TK_STRICT ? &t->strict : &t->without_rowid) = b;
		break;
	case TK_COLUMNS: {
		struct obj so = { OBJ_TABLE_SECTION, "columns", t->name, 0 };
		if (!is_mapping(ld, v, key, to))
			return;
		xgrow(&t->columns.items, &t->columns.cap, t->columns.n + v->n,
		      sizeof(*t->columns.items));
		for (size_t i = 0; i < v->n; i++)
			if (pair_key(ld, &v->u.pairs[i], &so))
				load_column(ld, t, &v->u.pairs[i]);
		break;
	}
	case TK_PRIMARY_KEY:
		if (!name_list(ld, v, &t->primary_key, key, to))
			return;
		break;
	case TK_UNIQUE:
		load_uniques(ld, t, v, to);
		break;
	case TK_FOREIGN_KEYS:
		if (!is_sequence(ld, v, "a list", key, to))
			return;
		for (size_t i = 0; i < v->n; i++)
			load_foreign_key(ld, t, v->u.items[i], i + 1);
		break;
	case TK_INDEXES: {
		struct obj so = { OBJ_TABLE_SECTION, "indexes", t->name, 0 };
		if (!is_mapping(ld, v, key, to))
			return;
		for (size_t i = 0; i < v->n; i++)
			if (pair_key(ld, &v->u.pairs[i], &so))
				load_index(ld, t, &v->u.pairs[i]);
		break;
	}
	case TK_CHECKS: {
		struct obj so = { OBJ_TABLE_SECTION, "checks", t->name, 0 };
		if (!is_mapping(ld, v, key, to))
			return;
		for (size_t i = 0; i < v->n; i++) {
			const struct ydoc_pair *q = &v->u.pairs[i];
			struct obj co = { OBJ_CHECK, q->key->u.text, t->name, 0 };
			struct check *ck;

			if (!pair_key(ld, q, &so) || !(s = text_value(ld, q->value, NULL, &co)))
				continue;
			ck = check_new(q->key->u.text, s);
			ck->pos = q->key->pos;
			plist_push(&t->checks, ck);
		}
		break;
	}
	case TK_COUNT:
		return;
	}
	t->key_pos[k] = v->pos;
}

static void load_table(struct loader *ld, const struct ydoc_pair *p)
{
	struct obj o = { OBJ_TABLE, p->key->u.text, NULL, 0 };
	const struct ydoc_node *v = p->value;
	bool columns_given = false;
	struct table *t;

	if (!is_mapping(ld, v, NULL, &o))
		return;
	t = table_new(p->key->u.text);
	t->pos = p->key->pos;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		const char *key = pair_key(ld, q, &o);
		int k;

		if (!key)
			continue;
		if ((k = key_find(ld, KS_TABLE, q->key)) < 0) {
			unknown_key(ld, q->key, KS_TABLE, &o);
			continue;
		}
		if (k == TK_COLUMNS)
			columns_given = true;
		load_table_key(ld, t, (enum table_key)k, q->value, &o);
	}
	if (!columns_given)
		missing(ld, t->pos, "columns", &o);
	model_add_table(ld->m, t);
}

/* ---- links ---- */

static bool link_key_fits(enum link_kind kind, enum link_key k)
{
	if (k == LK_KIND)
		return true;
	if (kind == LINK_ONE_TO_MANY)
		return k >= LK_PARENT && k <= LK_CHILD_NAME;
	return k >= LK_LEFT && k <= LK_RIGHT_NAME;
}

static void load_link(struct loader *ld, const struct ydoc_node *v, size_t item)
{
	static const char *const kind_names[] = { "one_to_many", "many_to_many" };
	struct obj o = { OBJ_LINK, NULL, NULL, item };
	const struct ydoc_pair *kind_pair = NULL;
	enum link_kind kind = LINK_ONE_TO_MANY;
	bool kind_ok = false;
	struct link *l;

	if (!is_mapping(ld, v, NULL, &o))
		return;
	/* The kind decides which keys belong, wherever it is written. */
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		if (q->key->kind == YDOC_SCALAR && !q->dup_of &&
		    strcmp(q->key->u.text, link_key_name(LK_KIND)) == 0)
			kind_pair = q;
	}
	if (!kind_pair) {
		missing(ld, v->pos, "kind", &o);
	} else {
		const char *s = text_value(ld, kind_pair->value, "kind", &o);
		if (s) {
			for (int i = 0; i < 2; i++)
				if (strcmp(s, kind_names[i]) == 0) {
					kind = i == 0 ? LINK_ONE_TO_MANY : LINK_MANY_TO_MANY;
					kind_ok = true;
				}
			if (!kind_ok)
				error_at(ld, kind_pair->value->pos,
					 "invalid value '%s' for %s (expected one_to_many or many_to_many)",
					 s, target(ld, "kind", &o));
		}
	}
	l = link_new(kind);
	l->pos = v->pos;
	if (kind_pair)
		l->key_pos[LK_KIND] = kind_pair->value->pos;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		const char *key = pair_key(ld, q, &o);
		const char *s;
		int k;

		if (!key)
			continue;
		if ((k = key_find(ld, KS_LINK, q->key)) < 0) {
			unknown_key(ld, q->key, KS_LINK, &o);
			continue;
		}
		if (k == LK_KIND)
			continue;
		if (kind_ok && !link_key_fits(kind, (enum link_key)k)) {
			error_at(ld, q->key->pos, "key '%s' does not apply to a %s link in link %zu",
				 key, kind_names[kind == LINK_ONE_TO_MANY ? 0 : 1], item);
			continue;
		}
		if (!(s = text_value(ld, q->value, key, &o)))
			continue;
		set_text(&l->field[k], s);
		l->key_pos[k] = q->value->pos;
	}
	if (!kind_ok) {
		link_free(l);
		return;
	}
	plist_push(&ld->m->links, l);
}

/* ---- top level ---- */

static void load_enum(struct loader *ld, const struct ydoc_pair *p)
{
	struct obj o = { OBJ_ENUM, p->key->u.text, NULL, 0 };
	const struct ydoc_node *v = p->value;
	struct enum_type *e;
	size_t i;

	if (v->kind == YDOC_SEQUENCE) {
		for (i = 0; i < v->n; i++) {
			const struct ydoc_node *it = v->u.items[i];
			if (it->kind != YDOC_SCALAR || ydoc_scalar_kind(it) == YDOC_NULL)
				break;
		}
		if (i == v->n) {
			e = enum_type_new(p->key->u.text);
			e->pos = p->key->pos;
			for (i = 0; i < v->n; i++)
				strlist_push(&e->values, v->u.items[i]->u.text);
			plist_push(&ld->m->enums, e);
			return;
		}
	}
	expected(ld, v, "a list of values", NULL, &o);
}

static void load_sql_objects(struct loader *ld, const struct ydoc_node *v, const char *key,
			     enum obj_kind kind, struct plist *out)
{
	struct obj top = { OBJ_TOP, NULL, NULL, 0 };
	struct obj so = { OBJ_SECTION, key, NULL, 0 };

	if (!is_mapping(ld, v, key, &top))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct ydoc_pair *q = &v->u.pairs[i];
		struct obj o = { kind, q->key->u.text, NULL, 0 };
		struct sql_object *so_;
		const char *s;

		if (!pair_key(ld, q, &so) || !(s = text_value(ld, q->value, NULL, &o)))
			continue;
		so_ = sql_object_new(q->key->u.text, s);
		so_->pos = q->key->pos;
		plist_push(out, so_);
	}
}

static void load_placement(struct loader *ld, const struct ydoc_pair *p)
{
	struct obj o = { OBJ_PLACEMENT, p->key->u.text, NULL, 0 };
	const struct ydoc_node *v = p->value;
	int64_t x, y;
	struct placement *pl;

	if (v->kind != YDOC_SEQUENCE || v->n != 2 || !parse_int(v->u.items[0], &x) ||
	    !parse_int(v->u.items[1], &y)) {
		expected(ld, v, "[x, y] integers", NULL, &o);
		return;
	}
	pl = placement_new(p->key->u.text, x, y);
	pl->pos = p->key->pos;
	plist_push(&ld->m->layout, pl);
}

static void load_version(struct loader *ld, const struct ydoc_node *v)
{
	int64_t n;

	if (!parse_int(v, &n)) {
		error_at(ld, v->pos, "expected an integer for 'skema' (the format version, 1)");
		return;
	}
	if (n != 1) {
		error_at(ld, v->pos, "unsupported format version %s (this skema reads version 1)",
			 v->u.text);
		return;
	}
	ld->m->version = 1;
	ld->m->pos_version = v->pos;
}

/* Entries of a top-level name → thing mapping. */
static void load_section(struct loader *ld, const struct ydoc_node *v, const char *key,
			 void (*one)(struct loader *, const struct ydoc_pair *))
{
	struct obj top = { OBJ_TOP, NULL, NULL, 0 };
	struct obj so = { OBJ_SECTION, key, NULL, 0 };

	if (!is_mapping(ld, v, key, &top))
		return;
	for (size_t i = 0; i < v->n; i++)
		if (pair_key(ld, &v->u.pairs[i], &so))
			one(ld, &v->u.pairs[i]);
}

/* A table of `tables:` as the parser completes it (ydoc_parse_stream). */
static void stream_table(void *ctx, const struct ydoc_pair *p)
{
	struct loader *ld = ctx;
	struct obj so = { OBJ_SECTION, "tables", NULL, 0 };

	if (pair_key(ld, p, &so))
		load_table(ld, p);
}

/* Moves the streamed tables' diagnostics to the end of the real list. */
static void take_table_diags(struct loader *ld)
{
	struct diag_list *from = &ld->table_dl;

	for (size_t i = 0; i < from->n; i++)
		diag_add(ld->dl, from->items[i].severity, from->items[i].pos, "%s",
			 from->items[i].message);
	diag_list_free(from);
	diag_list_init(from);
}

static void load_top(struct loader *ld, const struct ydoc_node *root)
{
	struct obj top = { OBJ_TOP, NULL, NULL, 0 };
	bool have_version = false;
	const char *s;

	if (!root) {
		error_at(ld, (struct pos){ 0, 0 }, "empty document (expected 'skema: 1')");
		return;
	}
	if (root->kind != YDOC_MAPPING) {
		error_at(ld, root->pos,
			 "expected a mapping at the top level (a model starts with 'skema: 1')");
		return;
	}
	for (size_t i = 0; i < root->n; i++) {
		const struct ydoc_pair *p = &root->u.pairs[i];
		const struct ydoc_node *v = p->value;
		const char *key = pair_key(ld, p, &top);

		if (!key)
			continue;
		switch (key_find(ld, KS_TOP, p->key)) {
		case TOP_SKEMA:
			have_version = true;
			load_version(ld, v);
			break;
		case TOP_NAME:
			if ((s = text_value(ld, v, key, &top))) {
				set_text(&ld->m->name, s);
				ld->m->pos_name = v->pos;
			}
			break;
		case TOP_ENUMS:
			load_section(ld, v, key, load_enum);
			break;
		case TOP_TABLES:
			ld->m->pos_tables = v->pos;
			if (v->streamed)
				take_table_diags(ld);
			else
				load_section(ld, v, key, load_table);
			break;
		case TOP_LINKS:
			if (!is_sequence(ld, v, "a list", key, &top))
				break;
			ld->m->pos_links = v->pos;
			for (size_t j = 0; j < v->n; j++)
				load_link(ld, v->u.items[j], j + 1);
			break;
		case TOP_VIEWS:
			load_sql_objects(ld, v, key, OBJ_VIEW, &ld->m->views);
			break;
		case TOP_TRIGGERS:
			load_sql_objects(ld, v, key, OBJ_TRIGGER, &ld->m->triggers);
			break;
		case TOP_LAYOUT:
			load_section(ld, v, key, load_placement);
			break;
		default:
			unknown_key(ld, p->key, KS_TOP, &top);
			break;
		}
	}
	if (!have_version)
		missing(ld, root->pos, "skema", &top);
}

/* Parses the text and builds the model, the tables while parsing. */
static struct model *load_text(const char *text, size_t len, struct diag_list *dl)
{
	struct loader ld;
	struct ydoc *doc;

	ld.m = model_new();
	ld.dl = &ld.table_dl;
	diag_list_init(&ld.table_dl);
	for (int id = 0; id < KS_COUNT; id++)
		keymap_build(&ld.keys[id], &keysets[id]);
	sb_init(&ld.what);
	sb_init(&ld.where);
	doc = ydoc_parse_stream(text, len, dl, "tables", stream_table, &ld);
	ld.dl = dl;
	if (doc) {
		load_top(&ld, ydoc_root(doc));
		ydoc_free(doc);
	} else {
		/* The parse failed: the tables streamed so far go too. */
		model_free(ld.m);
		ld.m = NULL;
	}
	diag_list_free(&ld.table_dl);
	sb_free(&ld.what);
	sb_free(&ld.where);
	return ld.m;
}

struct model *model_load_yaml(const char *text, size_t len, struct diag_list *dl)
{
	return load_text(text, len, dl);
}

int model_load_file(const char *path, struct model **out, struct diag_list *dl, char **err)
{
	char *text;
	size_t len;

	*out = NULL;
	if (file_read_all(path, &text, &len, err) != 0)
		return -1;
	*out = load_text(text, len, dl);
	free(text);
	return 0;
}
