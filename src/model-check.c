/* model-check.c — see model-check.h.
 *
 * One pass over the model in file order: enums, tables (name, columns,
 * keys, foreign keys, indexes), links, views, layout.  Each diagnostic
 * points at the most precise position known (the offending value, else
 * the object's name) and names the object, so it reads well without one.
 *
 * Name clashes are found case-insensitively: SQLite and MySQL fold the
 * case of identifiers even when quoted, so "Hero" and "hero" collide. */
#include "model-check.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reserved.h"
#include "types.h"

/* A set of names folded to lower case, each mapped to its owner. */
struct name_set {
	struct name_index ix;
	struct strlist keys;        /* owns the folded keys ix points at */
};

struct checker {
	const struct model *m;
	struct diag_list *dl;
	struct name_set tables;     /* folded table name -> struct table */
	struct name_set index_names; /* folded index name -> owning table */
	/* name (as written) -> &reserved_masks[dialects it is reserved in]:
	 * column names repeat across tables, and each miss costs three
	 * binary searches of case-insensitive compares. */
	struct name_index reserved_seen;
};

static const unsigned char reserved_masks[1u << DIALECT_COUNT];

static void name_set_init(struct name_set *s)
{
	name_index_init(&s->ix);
	strlist_init(&s->keys);
}

static void name_set_free(struct name_set *s)
{
	name_index_free(&s->ix);
	strlist_free(&s->keys);
}

static char *fold(const char *name)
{
	char *f = xstrdup(name ? name : "");

	for (char *p = f; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return f;
}

static void *name_set_get(const struct name_set *s, const char *name)
{
	char *f = fold(name);
	void *v = name_index_get(&s->ix, f);

	free(f);
	return v;
}

/* Adds name unless present; returns the earlier owner, or NULL. */
static void *name_set_add(struct name_set *s, const char *name, void *owner)
{
	char *f = fold(name);
	void *prev = name_index_get(&s->ix, f);

	if (prev) {
		free(f);
		return prev;
	}
	strlist_push_owned(&s->keys, f);
	name_index_put(&s->ix, f, owner);
	return NULL;
}

static struct pos pick(struct pos precise, struct pos fallback)
{
	return precise.line ? precise : fallback;
}

static struct pos col_pos(const struct column *c, enum column_key k)
{
	return pick(column_key_pos(c, k), c->pos);
}

static struct pos table_pos(const struct table *t, enum table_key k)
{
	return pick(t->key_pos[k], t->pos);
}

static struct pos link_pos(const struct link *l, enum link_key k)
{
	return pick(l->key_pos[k], l->pos);
}

static const char *nn(const char *s)
{
	return s ? s : "?";
}

/* "(a, b)" — how an unnamed constraint is named in messages. */
static void sb_add_list(struct strbuf *sb, const struct strlist *l)
{
	sb_addc(sb, '(');
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			sb_add(sb, ", ");
		sb_add(sb, l->items[i]);
	}
	sb_addc(sb, ')');
}

/* Warns when name is reserved in any dialect, listing them in dialect
 * order: "... is a reserved word in sqlite, postgres and mysql". */
static void check_reserved(struct checker *ck, struct pos pos,
			   const char *what, const char *name, const char *owner)
{
	const char *in[DIALECT_COUNT];
	const unsigned char *seen = name ? name_index_get(&ck->reserved_seen, name) : NULL;
	unsigned mask = 0;
	struct strbuf sb;
	int n = 0;

	if (seen) {
		mask = (unsigned)(seen - reserved_masks);
	} else {
		for (int d = 0; d < DIALECT_COUNT; d++)
			if (reserved_in((enum dialect_id)d, name))
				mask |= 1u << d;
		if (name)
			name_index_put(&ck->reserved_seen, name, (void *)&reserved_masks[mask]);
	}
	if (mask == 0)
		return;
	for (int d = 0; d < DIALECT_COUNT; d++)
		if (mask & (1u << d))
			in[n++] = dialect_id_name((enum dialect_id)d);
	sb_init(&sb);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			sb_add(&sb, i == n - 1 ? " and " : ", ");
		sb_add(&sb, in[i]);
	}
	if (owner)
		diag_add(ck->dl, SEV_WARNING, pos,
			 "%s name '%s' of table '%s' is a reserved word in %s",
			 what, name, owner, sb.buf);
	else
		diag_add(ck->dl, SEV_WARNING, pos,
			 "%s name '%s' is a reserved word in %s", what, name, sb.buf);
	sb_free(&sb);
}

/* The primary key as a column list: the composite list when given,
 * otherwise the flagged columns in column order. */
static void table_pk(const struct table *t, struct strlist *out)
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

/* Same columns, in any order. */
static bool same_set(const struct strlist *a, char *const *b, size_t nb)
{
	if (a->n != nb)
		return false;
	for (size_t i = 0; i < nb; i++)
		if (strlist_find(a, b[i]) < 0)
			return false;
	return true;
}

/* True when cols is the primary key or a unique key of t: a foreign key
 * may only point at such columns. */
static bool is_unique_key(const struct table *t, char *const *cols, size_t n)
{
	struct strlist pk;
	bool ok;

	table_pk(t, &pk);
	ok = same_set(&pk, cols, n);
	strlist_free(&pk);
	if (ok)
		return true;
	if (n == 1) {
		const struct column *c = table_column(t, cols[0]);

		if (c && c->unique)
			return true;
	}
	for (size_t i = 0; i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);

		if (same_set(&u->columns, cols, n))
			return true;
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

		if (ix->unique && !ix->where && same_set(&ix->columns, cols, n))
			return true;
	}
	return false;
}

/* ---- enums ---- */

static void check_enum(struct checker *ck, const struct enum_type *e)
{
	size_t len = strlen(e->name);

	/* Columns name an enum as enum(NAME): a name with parentheses or
	 * surrounding blanks could never be referred to. */
	if (strpbrk(e->name, "()") || len == 0 || isspace((unsigned char)e->name[0]) ||
	    isspace((unsigned char)e->name[len - 1]))
		diag_add(ck->dl, SEV_ERROR, e->pos,
			 "enum name '%s' cannot be used in a column type 'enum(NAME)': "
			 "no parentheses or surrounding blanks", e->name);
	if (e->values.n == 0) {
		diag_add(ck->dl, SEV_ERROR, e->pos, "enum '%s' has no values", e->name);
		return;
	}
	for (size_t i = 1; i < e->values.n; i++) {
		for (size_t j = 0; j < i; j++) {
			if (strcmp(e->values.items[i], e->values.items[j]) == 0) {
				diag_add(ck->dl, SEV_ERROR, e->pos,
					 "enum '%s' has duplicate value '%s'",
					 e->name, e->values.items[i]);
				break;
			}
		}
	}
}

/* ---- columns ---- */

static const char *const bound_names[BOUND_COUNT] = { "ge", "le", "gt", "lt" };

static bool parse_number(const char *s, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return end != s && *end == '\0' && errno == 0 && isfinite(*out);
}

static void check_bounds(struct checker *ck, const struct table *t,
			 const struct column *c, const struct logical_type *lt,
			 bool known)
{
	double v[BOUND_COUNT];
	bool have[BOUND_COUNT] = { false };
	/* (lower, upper) pairs that must leave room for a value */
	static const int pairs[][2] = {
		{ BOUND_GE, BOUND_LE }, { BOUND_GE, BOUND_LT },
		{ BOUND_GT, BOUND_LE }, { BOUND_GT, BOUND_LT },
	};

	for (int b = 0; b < BOUND_COUNT; b++) {
		struct pos p = col_pos(c, (enum column_key)(CK_GE + b));

		if (!c->bound[b])
			continue;
		if (known && lt->cls != TYPE_CLASS_INTEGER &&
		    lt->cls != TYPE_CLASS_NUMERIC) {
			diag_add(ck->dl, SEV_ERROR, p,
				 "column '%s.%s' has '%s' but its type '%s' is not numeric",
				 t->name, c->name, bound_names[b], c->type);
			continue;
		}
		if (!parse_number(c->bound[b], &v[b])) {
			diag_add(ck->dl, SEV_ERROR, p,
				 "column '%s.%s' has %s '%s', which is not a number",
				 t->name, c->name, bound_names[b], c->bound[b]);
			continue;
		}
		have[b] = true;
	}
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		int lo = pairs[i][0], hi = pairs[i][1];
		bool strict = lo == BOUND_GT || hi == BOUND_LT;

		if (!have[lo] || !have[hi])
			continue;
		if (v[lo] > v[hi])
			diag_add(ck->dl, SEV_ERROR, col_pos(c, (enum column_key)(CK_GE + lo)),
				 "column '%s.%s' has %s %s greater than %s %s",
				 t->name, c->name, bound_names[lo], c->bound[lo],
				 bound_names[hi], c->bound[hi]);
		else if (v[lo] == v[hi] && strict)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, (enum column_key)(CK_GE + lo)),
				 "column '%s.%s' has %s %s and %s %s, which no value satisfies",
				 t->name, c->name, bound_names[lo], c->bound[lo],
				 bound_names[hi], c->bound[hi]);
	}
}

static bool is_string_type(const struct logical_type *lt)
{
	return strcmp(lt->base, "text") == 0 || strcmp(lt->base, "varchar") == 0 ||
	       strcmp(lt->base, "char") == 0;
}

static void check_lengths(struct checker *ck, const struct table *t,
			  const struct column *c, const struct logical_type *lt,
			  bool known)
{
	static const struct {
		enum column_key key;
		const char *name;
	} keys[] = { { CK_MIN_LENGTH, "min_length" }, { CK_MAX_LENGTH, "max_length" } };
	bool bad_type = false;

	for (size_t i = 0; i < 2; i++) {
		int64_t v = keys[i].key == CK_MIN_LENGTH ? c->min_length : c->max_length;

		if (v >= 0 && known && !is_string_type(lt)) {
			diag_add(ck->dl, SEV_ERROR, col_pos(c, keys[i].key),
				 "column '%s.%s' has '%s' but its type '%s' is not a string type",
				 t->name, c->name, keys[i].name, c->type);
			bad_type = true;
		}
	}
	if (bad_type)
		return;
	if (c->min_length >= 0 && c->max_length >= 0 && c->min_length > c->max_length)
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_MIN_LENGTH),
			 "column '%s.%s' has min_length %lld greater than max_length %lld",
			 t->name, c->name, (long long)c->min_length,
			 (long long)c->max_length);
	if (c->max_length >= 0 && known && lt->nargs == 1 &&
	    (strcmp(lt->base, "varchar") == 0 || strcmp(lt->base, "char") == 0) &&
	    c->max_length > lt->args[0])
		diag_add(ck->dl, SEV_WARNING, col_pos(c, CK_MAX_LENGTH),
			 "column '%s.%s' has max_length %lld larger than its type '%s'",
			 t->name, c->name, (long long)c->max_length, c->type);
}

/* Parses the column's type into lt (*known when it is a logical type)
 * and finds the enum it names, if any (*en). */
static void check_column_type(struct checker *ck, const struct table *t,
			      const struct column *c, struct logical_type *lt,
			      bool *known, const struct enum_type **en)
{
	*en = NULL;
	*known = false;
	if (!c->type || !*c->type) {
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_TYPE),
			 "column '%s.%s' has no type", t->name, c->name);
		return;
	}
	*known = logical_type_parse(c->type, lt);
	if (!*known && !type_name_is_safe(c->type)) {
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_TYPE),
			 "type '%s' of column '%s.%s' is not a type name (words, then numbers "
			 "in parentheses; no constraint word such as NULL)",
			 c->type, t->name, c->name);
		return;
	}
	if (!*known) {
		diag_add(ck->dl, SEV_WARNING, col_pos(c, CK_TYPE),
			 "type '%s' of column '%s.%s' is not a logical type; "
			 "it is passed through verbatim", c->type, t->name, c->name);
		return;
	}
	if (lt->cls == TYPE_CLASS_ENUM) {
		*en = model_enum(ck->m, lt->enum_name);
		if (!*en)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_TYPE),
				 "column '%s.%s' uses missing enum '%s'",
				 t->name, c->name, lt->enum_name);
	}
}

static void check_column_reference(struct checker *ck, const struct table *t,
				   const struct column *c)
{
	struct pos p = col_pos(c, CK_REFERENCES);
	const struct table *rt;
	const struct column *rc;
	char *ref;

	rt = model_table(ck->m, c->ref_table);
	if (!rt) {
		diag_add(ck->dl, SEV_ERROR, p,
			 "column '%s.%s' references missing table '%s'",
			 t->name, c->name, c->ref_table);
		return;
	}
	if (c->ref_column) {
		rc = table_column(rt, c->ref_column);
		if (!rc) {
			diag_add(ck->dl, SEV_ERROR, p,
				 "column '%s.%s' references missing column '%s.%s'",
				 t->name, c->name, rt->name, c->ref_column);
			return;
		}
	} else {
		/* `references: table` alone means its primary key. */
		struct strlist pk;

		table_pk(rt, &pk);
		rc = pk.n == 1 ? table_column(rt, pk.items[0]) : NULL;
		strlist_free(&pk);
		if (!rc) {
			diag_add(ck->dl, SEV_ERROR, p,
				 "column '%s.%s' references table '%s', whose primary key "
				 "is not a single column", t->name, c->name, rt->name);
			return;
		}
	}
	ref = rc->name;
	if (!is_unique_key(rt, &ref, 1))
		diag_add(ck->dl, SEV_ERROR, p,
			 "column '%s.%s' references '%s.%s', which is neither the "
			 "primary key nor unique", t->name, c->name, rt->name, rc->name);
	if (!types_compatible(c->type, rc->type))
		diag_add(ck->dl, SEV_ERROR, p,
			 "column '%s.%s' has type '%s' but references '%s.%s' of type '%s'",
			 t->name, c->name, nn(c->type), rt->name, rc->name, nn(rc->type));
}

static void check_column(struct checker *ck, const struct table *t,
			 const struct column *c, const struct strlist *pk)
{
	struct logical_type lt;
	const struct enum_type *en;
	bool known, in_pk = strlist_find(pk, c->name) >= 0;

	check_reserved(ck, c->pos, "column", c->name, t->name);
	check_column_type(ck, t, c, &lt, &known, &en);
	check_bounds(ck, t, c, &lt, known);
	check_lengths(ck, t, c, &lt, known);

	if (c->dflt.kind != VALUE_NONE && c->default_sql)
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_DEFAULT_SQL),
			 "column '%s.%s' has both 'default' and 'default_sql'",
			 t->name, c->name);
	if (en && c->dflt.kind != VALUE_NONE && c->dflt.kind != VALUE_NULL &&
	    strlist_find(&en->values, c->dflt.text) < 0)
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_DEFAULT),
			 "default '%s' of column '%s.%s' is not a value of enum '%s'",
			 c->dflt.text, t->name, c->name, en->name);
	if (c->autoincrement &&
	    !(in_pk && pk->n == 1 && known && lt.cls == TYPE_CLASS_INTEGER))
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_AUTOINCREMENT),
			 "column '%s.%s' has 'autoincrement' but is not a single "
			 "integer primary key", t->name, c->name);
	if (in_pk && c->nullable == TRI_TRUE)
		diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_NULLABLE),
			 "column '%s.%s' is in the primary key and cannot be nullable",
			 t->name, c->name);

	if (!c->ref_table) {
		if (c->on_delete != ACTION_NONE)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_ON_DELETE),
				 "column '%s.%s' has 'on_delete' but no 'references'",
				 t->name, c->name);
		if (c->on_update != ACTION_NONE)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_ON_UPDATE),
				 "column '%s.%s' has 'on_update' but no 'references'",
				 t->name, c->name);
		return;
	}
	check_column_reference(ck, t, c);
	if (!column_is_nullable(t, c)) {
		if (c->on_delete == ACTION_SET_NULL)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_ON_DELETE),
				 "column '%s.%s' has on_delete 'set null' but is not nullable",
				 t->name, c->name);
		if (c->on_update == ACTION_SET_NULL)
			diag_add(ck->dl, SEV_ERROR, col_pos(c, CK_ON_UPDATE),
				 "column '%s.%s' has on_update 'set null' but is not nullable",
				 t->name, c->name);
	}
}

/* ---- table-level lists ---- */

/* Reports names of list that are not columns of t, and repeats.
 * what: "index 'ix' of table 't'", "primary key of table 't'"... */
static void check_column_list(struct checker *ck, const struct table *t,
			      const struct strlist *list, struct pos pos,
			      const char *what)
{
	if (list->n == 0) {
		diag_add(ck->dl, SEV_ERROR, pos, "%s has no columns", what);
		return;
	}
	for (size_t i = 0; i < list->n; i++) {
		bool repeat = false;

		for (size_t j = 0; j < i && !repeat; j++)
			repeat = strcmp(list->items[i], list->items[j]) == 0;
		if (repeat)
			diag_add(ck->dl, SEV_ERROR, pos, "%s lists column '%s' twice",
				 what, list->items[i]);
		else if (!table_column(t, list->items[i]))
			diag_add(ck->dl, SEV_ERROR, pos, "%s names missing column '%s'",
				 what, list->items[i]);
	}
}

static void check_primary_key(struct checker *ck, const struct table *t)
{
	size_t flagged = 0;

	for (size_t i = 0; i < t->columns.n; i++)
		if (PLIST_AT(&t->columns, struct column, i)->primary_key)
			flagged++;
	if (flagged > 0 && t->primary_key.n > 0)
		diag_add(ck->dl, SEV_ERROR, table_pos(t, TK_PRIMARY_KEY),
			 "table '%s' declares its primary key both on columns and "
			 "in 'primary_key'", t->name);
	if (t->primary_key.n > 0) {
		struct strbuf what;

		sb_init(&what);
		sb_printf(&what, "primary key of table '%s'", t->name);
		check_column_list(ck, t, &t->primary_key,
				  table_pos(t, TK_PRIMARY_KEY), what.buf);
		sb_free(&what);
	} else if (flagged == 0 && t->columns.n > 0) {
		diag_add(ck->dl, SEV_WARNING, t->pos,
			 "table '%s' has no primary key", t->name);
	}
}

static void check_uniques(struct checker *ck, const struct table *t)
{
	for (size_t i = 0; i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);
		struct strbuf sb;

		sb_init(&sb);
		sb_add(&sb, "unique constraint ");
		sb_add_list(&sb, &u->columns);
		sb_printf(&sb, " of table '%s'", t->name);
		check_column_list(ck, t, &u->columns,
				  pick(u->pos, table_pos(t, TK_UNIQUE)), sb.buf);
		sb_free(&sb);
	}
}

static void check_foreign_key(struct checker *ck, const struct table *t,
			      const struct foreign_key *fk)
{
	struct pos pos = pick(fk->pos, table_pos(t, TK_FOREIGN_KEYS));
	struct pos rpos = pick(fk->ref_columns_pos, pick(fk->ref_table_pos, pos));
	const struct table *rt;
	struct strlist refs;
	struct strbuf sb;
	bool ok = true;

	sb_init(&sb);
	if (fk->name)
		sb_printf(&sb, "foreign key '%s'", fk->name);
	else {
		sb_add(&sb, "foreign key ");
		sb_add_list(&sb, &fk->columns);
	}
	sb_printf(&sb, " of table '%s'", t->name);

	if (fk->columns.n == 0) {
		diag_add(ck->dl, SEV_ERROR, pick(fk->columns_pos, pos),
			 "%s has no columns", sb.buf);
		ok = false;
	}
	for (size_t i = 0; i < fk->columns.n; i++) {
		if (!table_column(t, fk->columns.items[i])) {
			diag_add(ck->dl, SEV_ERROR, pick(fk->columns_pos, pos),
				 "%s names missing column '%s'", sb.buf,
				 fk->columns.items[i]);
			ok = false;
		}
	}
	if (!fk->ref_table) {
		diag_add(ck->dl, SEV_ERROR, pos, "%s has no 'references'", sb.buf);
		sb_free(&sb);
		return;
	}
	rt = model_table(ck->m, fk->ref_table);
	if (!rt) {
		diag_add(ck->dl, SEV_ERROR, pick(fk->ref_table_pos, pos),
			 "%s references missing table '%s'", sb.buf, fk->ref_table);
		sb_free(&sb);
		return;
	}
	/* Without ref_columns the key points at the primary key. */
	if (fk->ref_columns.n > 0) {
		strlist_init(&refs);
		strlist_copy(&refs, &fk->ref_columns);
	} else {
		table_pk(rt, &refs);
	}
	for (size_t i = 0; i < refs.n; i++) {
		if (!table_column(rt, refs.items[i])) {
			diag_add(ck->dl, SEV_ERROR, rpos,
				 "%s references missing column '%s.%s'", sb.buf,
				 rt->name, refs.items[i]);
			ok = false;
		}
	}
	if (refs.n != fk->columns.n) {
		diag_add(ck->dl, SEV_ERROR, rpos,
			 "%s has %zu column%s but references %zu", sb.buf,
			 fk->columns.n, fk->columns.n == 1 ? "" : "s", refs.n);
		ok = false;
	}
	if (ok && !is_unique_key(rt, refs.items, refs.n)) {
		struct strbuf rl;

		sb_init(&rl);
		sb_add_list(&rl, &refs);
		diag_add(ck->dl, SEV_ERROR, rpos,
			 "%s references %s of table '%s', which is neither the "
			 "primary key nor unique", sb.buf, rl.buf, rt->name);
		sb_free(&rl);
	}
	for (size_t i = 0; ok && i < refs.n; i++) {
		const struct column *c = table_column(t, fk->columns.items[i]);
		const struct column *rc = table_column(rt, refs.items[i]);

		if (!types_compatible(c->type, rc->type))
			diag_add(ck->dl, SEV_ERROR, rpos,
				 "%s: column '%s' has type '%s' but references '%s.%s' "
				 "of type '%s'", sb.buf, c->name, nn(c->type),
				 rt->name, rc->name, nn(rc->type));
	}
	for (size_t i = 0; i < fk->columns.n; i++) {
		const struct column *c = table_column(t, fk->columns.items[i]);

		if (!c || column_is_nullable(t, c))
			continue;
		if (fk->on_delete == ACTION_SET_NULL)
			diag_add(ck->dl, SEV_ERROR, pos,
				 "%s has on_delete 'set null' but column '%s.%s' is "
				 "not nullable", sb.buf, t->name, c->name);
		if (fk->on_update == ACTION_SET_NULL)
			diag_add(ck->dl, SEV_ERROR, pos,
				 "%s has on_update 'set null' but column '%s.%s' is "
				 "not nullable", sb.buf, t->name, c->name);
	}
	strlist_free(&refs);
	sb_free(&sb);
}

static void check_index(struct checker *ck, const struct table *t,
			const struct index *ix)
{
	const struct table *other;
	struct strbuf what;

	check_reserved(ck, ix->pos, "index", ix->name, t->name);
	other = name_set_add(&ck->index_names, ix->name, (void *)t);
	if (other)
		diag_add(ck->dl, SEV_ERROR, ix->pos,
			 "duplicate index name '%s' on table '%s' (already used "
			 "on table '%s')", ix->name, t->name, other->name);
	other = name_set_get(&ck->tables, ix->name);
	if (other)
		diag_add(ck->dl, SEV_ERROR, ix->pos,
			 "index '%s' on table '%s' has the same name as table '%s'",
			 ix->name, t->name, other->name);
	sb_init(&what);
	sb_printf(&what, "index '%s' on table '%s'", ix->name, t->name);
	check_column_list(ck, t, &ix->columns, pick(ix->columns_pos, ix->pos),
			  what.buf);
	sb_free(&what);
}

/* Columns up to which duplicate names are found pairwise. */
#define SMALL_TABLE 48

static uint32_t folded_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; s && *s; s++)
		h = (h ^ (uint32_t)tolower((unsigned char)*s)) * 16777619u;
	return h;
}

static void check_table(struct checker *ck, const struct table *t)
{
	uint32_t hash[SMALL_TABLE];
	struct name_set cols;
	struct strlist pk;

	check_reserved(ck, t->pos, "table", t->name, NULL);
	if (t->columns.n == 0)
		diag_add(ck->dl, SEV_ERROR, table_pos(t, TK_COLUMNS),
			 "table '%s' has no columns", t->name);

	name_set_init(&cols);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		const struct column *prev = NULL;

		/* The first earlier column of the same folded name: compared
		 * pairwise (by folded hash first) in tables of usual size,
		 * where building a hash set per table costs more than it saves. */
		if (t->columns.n <= SMALL_TABLE) {
			hash[i] = folded_hash(c->name);
			for (size_t j = 0; j < i && !prev; j++) {
				const struct column *o = PLIST_AT(&t->columns, struct column, j);

				if (hash[j] == hash[i] &&
				    strcasecmp(o->name ? o->name : "", c->name ? c->name : "") == 0)
					prev = o;
			}
		} else {
			prev = name_set_add(&cols, c->name, (void *)c);
		}

		if (prev && strcmp(prev->name, c->name) == 0)
			diag_add(ck->dl, SEV_ERROR, c->pos,
				 "duplicate column '%s' in table '%s'", c->name, t->name);
		else if (prev)
			diag_add(ck->dl, SEV_ERROR, c->pos,
				 "column '%s.%s' differs from column '%s.%s' only in case",
				 t->name, c->name, t->name, prev->name);
	}
	name_set_free(&cols);

	table_pk(t, &pk);
	for (size_t i = 0; i < t->columns.n; i++)
		check_column(ck, t, PLIST_AT(&t->columns, struct column, i), &pk);
	strlist_free(&pk);

	check_primary_key(ck, t);
	check_uniques(ck, t);
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		check_foreign_key(ck, t, PLIST_AT(&t->foreign_keys, struct foreign_key, i));
	for (size_t i = 0; i < t->indexes.n; i++)
		check_index(ck, t, PLIST_AT(&t->indexes, struct index, i));
}

/* ---- links ---- */

/* "one_to_many link 'team' -> 'hero'" */
static void link_desc(struct strbuf *sb, const struct link *l)
{
	if (l->kind == LINK_ONE_TO_MANY)
		sb_printf(sb, "one_to_many link '%s' -> '%s'",
			  nn(l->field[LK_PARENT]), nn(l->field[LK_CHILD]));
	else
		sb_printf(sb, "many_to_many link '%s' <-> '%s'",
			  nn(l->field[LK_LEFT]), nn(l->field[LK_RIGHT]));
}

/* The table a link key names; reports a missing key or table. */
static const struct table *link_table(struct checker *ck, const struct link *l,
				      enum link_key k, const char *desc)
{
	const struct table *t;

	if (!l->field[k]) {
		diag_add(ck->dl, SEV_ERROR, l->pos, "%s has no '%s'", desc,
			 link_key_name(k));
		return NULL;
	}
	t = model_table(ck->m, l->field[k]);
	if (!t)
		diag_add(ck->dl, SEV_ERROR, link_pos(l, k),
			 "%s names missing table '%s'", desc, l->field[k]);
	return t;
}

/* Does column via of child reference the single-column primary key of
 * parent, by its own `references` or by a one-column foreign_keys entry? */
static bool references_pk(const struct table *child, const struct column *via,
			  const struct table *parent)
{
	struct strlist pk;
	bool ok = false;

	table_pk(parent, &pk);
	if (pk.n != 1)
		goto out;
	if (via->ref_table && strcmp(via->ref_table, parent->name) == 0 &&
	    (!via->ref_column || strcmp(via->ref_column, pk.items[0]) == 0)) {
		ok = true;
		goto out;
	}
	for (size_t i = 0; i < child->foreign_keys.n && !ok; i++) {
		const struct foreign_key *fk =
			PLIST_AT(&child->foreign_keys, struct foreign_key, i);

		ok = fk->columns.n == 1 && strcmp(fk->columns.items[0], via->name) == 0 &&
		     fk->ref_table && strcmp(fk->ref_table, parent->name) == 0 &&
		     (fk->ref_columns.n == 0 ||
		      (fk->ref_columns.n == 1 &&
		       strcmp(fk->ref_columns.items[0], pk.items[0]) == 0));
	}
out:
	strlist_free(&pk);
	return ok;
}

static size_t foreign_keys_to(const struct table *t, const char *target)
{
	size_t n = 0;

	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->ref_table && strcmp(c->ref_table, target) == 0)
			n++;
	}
	for (size_t i = 0; i < t->foreign_keys.n; i++) {
		const struct foreign_key *fk =
			PLIST_AT(&t->foreign_keys, struct foreign_key, i);

		if (fk->ref_table && strcmp(fk->ref_table, target) == 0)
			n++;
	}
	return n;
}

static void check_one_to_many(struct checker *ck, const struct link *l,
			      const char *desc)
{
	const struct table *parent = link_table(ck, l, LK_PARENT, desc);
	const struct table *child = link_table(ck, l, LK_CHILD, desc);
	const struct column *via;

	if (!l->field[LK_VIA]) {
		diag_add(ck->dl, SEV_ERROR, l->pos, "%s has no 'via'", desc);
		return;
	}
	if (!child)
		return;
	via = table_column(child, l->field[LK_VIA]);
	if (!via) {
		diag_add(ck->dl, SEV_ERROR, link_pos(l, LK_VIA),
			 "%s names missing column '%s.%s'", desc, child->name,
			 l->field[LK_VIA]);
		return;
	}
	if (parent && !references_pk(child, via, parent))
		diag_add(ck->dl, SEV_ERROR, link_pos(l, LK_VIA),
			 "%s: column '%s.%s' does not reference the primary key "
			 "of table '%s'", desc, child->name, via->name, parent->name);
}

static void check_many_to_many(struct checker *ck, const struct link *l,
			       const char *desc)
{
	const struct table *left = link_table(ck, l, LK_LEFT, desc);
	const struct table *right = link_table(ck, l, LK_RIGHT, desc);
	const struct table *through = link_table(ck, l, LK_THROUGH, desc);
	struct pos p = link_pos(l, LK_THROUGH);

	if (!through)
		return;
	if (left && right && left == right) {
		if (foreign_keys_to(through, left->name) < 2)
			diag_add(ck->dl, SEV_ERROR, p,
				 "%s: table '%s' needs two foreign keys to table '%s'",
				 desc, through->name, left->name);
		return;
	}
	if (left && foreign_keys_to(through, left->name) == 0)
		diag_add(ck->dl, SEV_ERROR, p,
			 "%s: table '%s' has no foreign key to table '%s'",
			 desc, through->name, left->name);
	if (right && foreign_keys_to(through, right->name) == 0)
		diag_add(ck->dl, SEV_ERROR, p,
			 "%s: table '%s' has no foreign key to table '%s'",
			 desc, through->name, right->name);
}

static void check_link(struct checker *ck, const struct link *l)
{
	struct strbuf desc;

	sb_init(&desc);
	link_desc(&desc, l);
	if (l->kind == LINK_ONE_TO_MANY)
		check_one_to_many(ck, l, desc.buf);
	else
		check_many_to_many(ck, l, desc.buf);
	sb_free(&desc);
}

/* ---- the model ---- */

static void check_tables_unique(struct checker *ck)
{
	for (size_t i = 0; i < ck->m->tables.n; i++) {
		const struct table *t = PLIST_AT(&ck->m->tables, struct table, i);
		const struct table *prev = name_set_add(&ck->tables, t->name, (void *)t);

		if (prev && strcmp(prev->name, t->name) == 0)
			diag_add(ck->dl, SEV_ERROR, t->pos,
				 "duplicate table '%s'", t->name);
		else if (prev)
			diag_add(ck->dl, SEV_ERROR, t->pos,
				 "table '%s' differs from table '%s' only in case",
				 t->name, prev->name);
	}
}

void model_check(const struct model *m, struct diag_list *dl)
{
	struct checker ck = { .m = m, .dl = dl };

	name_set_init(&ck.tables);
	name_set_init(&ck.index_names);
	name_index_init(&ck.reserved_seen);

	for (size_t i = 0; i < m->enums.n; i++)
		check_enum(&ck, PLIST_AT(&m->enums, struct enum_type, i));
	check_tables_unique(&ck);
	for (size_t i = 0; i < m->tables.n; i++)
		check_table(&ck, PLIST_AT(&m->tables, struct table, i));
	for (size_t i = 0; i < m->links.n; i++)
		check_link(&ck, PLIST_AT(&m->links, struct link, i));
	for (size_t i = 0; i < m->views.n; i++) {
		const struct sql_object *v = PLIST_AT(&m->views, struct sql_object, i);
		const struct table *t = name_set_get(&ck.tables, v->name);

		check_reserved(&ck, v->pos, "view", v->name, NULL);
		if (t)
			diag_add(dl, SEV_ERROR, v->pos,
				 "view '%s' has the same name as table '%s'",
				 v->name, t->name);
	}
	for (size_t i = 0; i < m->layout.n; i++) {
		const struct placement *p = PLIST_AT(&m->layout, struct placement, i);

		if (!model_table(m, p->table))
			diag_add(dl, SEV_WARNING, p->pos,
				 "layout names missing table '%s'", p->table);
	}

	name_set_free(&ck.tables);
	name_set_free(&ck.index_names);
	name_index_free(&ck.reserved_seen);
}
