/* mutate-model.c — see mutate-model.h.
 *
 * Each mutation looks for a target it can change safely and returns false
 * when there is none; mutate_model() draws kinds until enough of them
 * apply.  "Safely" means: B stays valid, and data valid in A stays valid
 * and keeps its values.  Objects named in SQL text (checks, defaults,
 * index predicates, views, triggers) are never renamed or dropped, since
 * that text would have to be rewritten too. */
#include "mutate-model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reserved.h"
#include "types.h"

struct mut {
	struct model *m;
	const struct model *a;   /* the input: `was` names what is there */
	uint64_t state;
	unsigned seed;
	unsigned fresh;
};

static uint32_t mut_next(struct mut *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return (uint32_t)((z ^ (z >> 31)) >> 16);
}

static unsigned below(struct mut *r, unsigned n)
{
	return n ? mut_next(r) % n : 0;
}

static bool chance(struct mut *r, unsigned percent)
{
	return below(r, 100) < percent;
}

/* A name no model of the tests uses: lower case, not a keyword. */
static char *fresh_name(struct mut *r, const char *prefix)
{
	return xasprintf("%s%u_%u", prefix, r->seed % 100000, ++r->fresh);
}

static void set_str(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s);
}

/* Whole-word, case-insensitive: is name used in the SQL text? */
static bool word_in(const char *text, const char *name)
{
	size_t n = strlen(name);

	if (!text || n == 0)
		return false;
	for (const char *p = text; *p; p++) {
		if (strncasecmp(p, name, n) != 0)
			continue;
		if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		if (isalnum((unsigned char)p[n]) || p[n] == '_')
			continue;
		return true;
	}
	return false;
}

static bool model_mentions(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);

			if (word_in(c->check, name) || word_in(c->default_sql, name))
				return true;
		}
		for (size_t k = 0; k < t->checks.n; k++)
			if (word_in(PLIST_AT(&t->checks, struct check, k)->expr, name))
				return true;
		for (size_t k = 0; k < t->indexes.n; k++)
			if (word_in(PLIST_AT(&t->indexes, struct index, k)->where, name))
				return true;
	}
	for (size_t i = 0; i < m->views.n; i++)
		if (word_in(PLIST_AT(&m->views, struct sql_object, i)->sql, name))
			return true;
	for (size_t i = 0; i < m->triggers.n; i++)
		if (word_in(PLIST_AT(&m->triggers, struct sql_object, i)->sql, name))
			return true;
	return false;
}

static bool in_links(const struct model *m, const char *table, const char *column)
{
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *l = PLIST_AT(&m->links, struct link, i);

		for (int k = 0; k < LK_COUNT; k++) {
			if (!l->field[k])
				continue;
			if (!column && strcmp(l->field[k], table) == 0)
				return true;
		}
		if (column && l->field[LK_CHILD] && strcmp(l->field[LK_CHILD], table) == 0 &&
		    l->field[LK_VIA] && strcmp(l->field[LK_VIA], column) == 0)
			return true;
		if (column && l->field[LK_THROUGH] && strcmp(l->field[LK_THROUGH], table) == 0)
			return true;
	}
	return false;
}

static struct table *pick_table(struct mut *r)
{
	if (r->m->tables.n == 0)
		return NULL;
	return PLIST_AT(&r->m->tables, struct table, below(r, (unsigned)r->m->tables.n));
}

/* Does any foreign key (of any table, t's own included) point at t? */
static bool table_is_referenced(const struct model *m, const struct table *t, bool count_self)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *o = PLIST_AT(&m->tables, struct table, i);

		if (o == t && !count_self)
			continue;
		for (size_t k = 0; k < o->columns.n; k++) {
			const struct column *c = PLIST_AT(&o->columns, struct column, k);

			if (c->ref_table && strcmp(c->ref_table, t->name) == 0)
				return true;
		}
		for (size_t k = 0; k < o->foreign_keys.n; k++)
			if (strcmp(PLIST_AT(&o->foreign_keys, struct foreign_key, k)->ref_table,
				   t->name) == 0)
				return true;
	}
	return false;
}

/* Is the column part of any key, index or foreign key, either way? */
static bool column_is_involved(const struct model *m, const struct table *t,
			       const struct column *c)
{
	if (table_column_in_pk(t, c) || c->ref_table || c->unique || c->index)
		return true;
	for (size_t k = 0; k < t->uniques.n; k++)
		if (strlist_find(&PLIST_AT(&t->uniques, struct unique, k)->columns, c->name) >= 0)
			return true;
	for (size_t k = 0; k < t->indexes.n; k++)
		if (strlist_find(&PLIST_AT(&t->indexes, struct index, k)->columns, c->name) >= 0)
			return true;
	for (size_t k = 0; k < t->foreign_keys.n; k++)
		if (strlist_find(&PLIST_AT(&t->foreign_keys, struct foreign_key, k)->columns,
				 c->name) >= 0)
			return true;
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *o = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < o->columns.n; k++) {
			const struct column *oc = PLIST_AT(&o->columns, struct column, k);

			if (oc->ref_table && strcmp(oc->ref_table, t->name) == 0 &&
			    (!oc->ref_column || strcmp(oc->ref_column, c->name) == 0))
				return true;
		}
		for (size_t k = 0; k < o->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&o->foreign_keys, struct foreign_key, k);

			if (strcmp(fk->ref_table, t->name) == 0 &&
			    (fk->ref_columns.n == 0 || strlist_find(&fk->ref_columns, c->name) >= 0))
				return true;
		}
	}
	return in_links(m, t->name, c->name);
}

static size_t pk_count(const struct table *t)
{
	size_t n = 0;

	if (t->primary_key.n > 0)
		return t->primary_key.n;
	for (size_t k = 0; k < t->columns.n; k++)
		if (PLIST_AT(&t->columns, struct column, k)->primary_key)
			n++;
	return n;
}

static bool table_has_autoinc(const struct table *t)
{
	for (size_t k = 0; k < t->columns.n; k++)
		if (PLIST_AT(&t->columns, struct column, k)->autoincrement)
			return true;
	return false;
}

/* The single primary key column of t, or NULL. */
static struct column *single_pk(const struct table *t)
{
	struct column *found = NULL;

	if (t->primary_key.n > 1)
		return NULL;
	if (t->primary_key.n == 1)
		return table_column(t, t->primary_key.items[0]);
	for (size_t k = 0; k < t->columns.n; k++) {
		struct column *c = PLIST_AT(&t->columns, struct column, k);

		if (!c->primary_key)
			continue;
		if (found)
			return NULL;
		found = c;
	}
	return found;
}

static bool simple_ident(const char *s)
{
	for (int d = 0; d < DIALECT_COUNT; d++)
		if (reserved_in((enum dialect_id)d, s))
			return false;
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_'))
			return false;
	return true;
}

static void rename_in_list(struct strlist *l, const char *from, const char *to)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->items[i], from) == 0)
			set_str(&l->items[i], to);
}

/* Had table t (under its input name) a column of that name in the input? */
static bool input_has_column(const struct mut *r, const struct table *t, const char *name)
{
	const struct table *ta = model_table(r->a, t->was ? t->was : t->name);

	return ta && table_column(ta, name);
}

/* ---- the mutations ---- */

static bool mut_rename_table(struct mut *r)
{
	struct table *t = pick_table(r);
	struct model *m = r->m;
	char *old, *name;

	if (!t || model_mentions(m, t->name))
		return false;
	old = xstrdup(t->name);
	name = fresh_name(r, "rt");
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *o = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < o->columns.n; k++) {
			struct column *c = PLIST_AT(&o->columns, struct column, k);

			if (c->ref_table && strcmp(c->ref_table, old) == 0)
				set_str(&c->ref_table, name);
		}
		for (size_t k = 0; k < o->foreign_keys.n; k++) {
			struct foreign_key *fk = PLIST_AT(&o->foreign_keys, struct foreign_key, k);

			if (strcmp(fk->ref_table, old) == 0)
				set_str(&fk->ref_table, name);
		}
	}
	for (size_t i = 0; i < m->links.n; i++) {
		struct link *l = PLIST_AT(&m->links, struct link, i);

		for (int k = 0; k < LK_COUNT; k++) {
			if (k == LK_VIA || k == LK_PARENT_NAME || k == LK_CHILD_NAME ||
			    k == LK_LEFT_NAME || k == LK_RIGHT_NAME)
				continue;
			if (l->field[k] && strcmp(l->field[k], old) == 0)
				set_str(&l->field[k], name);
		}
	}
	for (size_t i = 0; i < m->layout.n; i++) {
		struct placement *p = PLIST_AT(&m->layout, struct placement, i);

		if (strcmp(p->table, old) == 0)
			set_str(&p->table, name);
	}
	set_str(&t->name, name);
	/* Renamed twice, or new here: `was` still names the input's table. */
	if (!t->was && model_table(r->a, old))
		t->was = old;
	else
		free(old);
	free(name);
	model_reindex(m);
	return true;
}

static bool mut_rename_column(struct mut *r)
{
	struct table *t = pick_table(r);
	struct model *m = r->m;
	struct column *c;
	char *old, *name;

	if (!t)
		return false;
	c = PLIST_AT(&t->columns, struct column, below(r, (unsigned)t->columns.n));
	if (model_mentions(m, c->name))
		return false;
	old = xstrdup(c->name);
	name = fresh_name(r, "rc");
	rename_in_list(&t->primary_key, old, name);
	for (size_t k = 0; k < t->uniques.n; k++)
		rename_in_list(&PLIST_AT(&t->uniques, struct unique, k)->columns, old, name);
	for (size_t k = 0; k < t->indexes.n; k++)
		rename_in_list(&PLIST_AT(&t->indexes, struct index, k)->columns, old, name);
	for (size_t k = 0; k < t->foreign_keys.n; k++)
		rename_in_list(&PLIST_AT(&t->foreign_keys, struct foreign_key, k)->columns, old, name);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *o = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < o->columns.n; k++) {
			struct column *oc = PLIST_AT(&o->columns, struct column, k);

			if (oc->ref_table && strcmp(oc->ref_table, t->name) == 0 &&
			    oc->ref_column && strcmp(oc->ref_column, old) == 0)
				set_str(&oc->ref_column, name);
		}
		for (size_t k = 0; k < o->foreign_keys.n; k++) {
			struct foreign_key *fk = PLIST_AT(&o->foreign_keys, struct foreign_key, k);

			if (strcmp(fk->ref_table, t->name) == 0)
				rename_in_list(&fk->ref_columns, old, name);
		}
	}
	for (size_t i = 0; i < m->links.n; i++) {
		struct link *l = PLIST_AT(&m->links, struct link, i);

		if (l->field[LK_CHILD] && strcmp(l->field[LK_CHILD], t->name) == 0 &&
		    l->field[LK_VIA] && strcmp(l->field[LK_VIA], old) == 0)
			set_str(&l->field[LK_VIA], name);
	}
	set_str(&c->name, name);
	if (!c->was && input_has_column(r, t, old))
		c->was = old;
	else
		free(old);
	free(name);
	return true;
}

static const char *const add_types[] = {
	"integer", "text", "varchar(40)", "boolean", "double", "numeric(8,2)",
	"date", "bigint", "datetime",
};

static bool mut_add_column(struct mut *r)
{
	struct table *t = pick_table(r);
	struct column *c;
	char *name;
	unsigned variant = below(r, 9);
	struct logical_type lt;

	if (!t)
		return false;
	name = fresh_name(r, "ac");
	c = column_new(name, add_types[below(r, sizeof(add_types) / sizeof(add_types[0]))]);
	free(name);
	logical_type_parse(c->type, &lt);
	switch (variant) {
	case 1: /* nullable with a default */
	case 2: /* NOT NULL with a default */
		if (lt.cls == TYPE_CLASS_INTEGER || lt.cls == TYPE_CLASS_NUMERIC)
			value_set(&c->dflt, VALUE_INT, "7");
		else if (lt.cls == TYPE_CLASS_BOOLEAN)
			value_set(&c->dflt, VALUE_BOOL, "false");
		else if (lt.cls == TYPE_CLASS_TEMPORAL)
			value_set(&c->dflt, VALUE_STRING, "2001-02-03");
		else
			value_set(&c->dflt, VALUE_STRING, "none");
		if (variant == 2)
			c->nullable = TRI_FALSE;
		break;
	case 3:
		c->unique = true;
		break;
	case 4:
		c->index = true;
		break;
	case 5:
		if (lt.cls == TYPE_CLASS_INTEGER || lt.cls == TYPE_CLASS_NUMERIC)
			c->bound[BOUND_GE] = xstrdup("0");
		else if (lt.cls == TYPE_CLASS_STRING)
			c->max_length = 30;
		break;
	case 6:
		c->comment = xstrdup("added by a mutation");
		break;
	case 7: { /* a foreign key to a table with a one-column key */
		struct table *p = pick_table(r);
		struct column *pk = p ? single_pk(p) : NULL;

		if (pk && logical_type_parse(pk->type, &lt) && lt.cls == TYPE_CLASS_INTEGER) {
			set_str(&c->type, pk->type);
			c->ref_table = xstrdup(p->name);
			c->ref_column = xstrdup(pk->name);
			c->on_delete = chance(r, 50) ? ACTION_SET_NULL : ACTION_CASCADE;
		}
		break;
	}
	case 8:
		if (r->m->enums.n > 0) {
			const struct enum_type *e = PLIST_AT(&r->m->enums, struct enum_type,
							     below(r, (unsigned)r->m->enums.n));

			free(c->type);
			c->type = xasprintf("enum(%s)", e->name);
		}
		break;
	default:
		break;
	}
	if (chance(r, 70))
		plist_push(&t->columns, c);
	else
		plist_insert(&t->columns, below(r, (unsigned)t->columns.n + 1), c);
	return true;
}

static bool mut_drop_column(struct mut *r)
{
	struct table *t = pick_table(r);
	size_t at;
	struct column *c;

	if (!t || t->columns.n < 2)
		return false;
	at = below(r, (unsigned)t->columns.n);
	c = PLIST_AT(&t->columns, struct column, at);
	if (column_is_involved(r->m, t, c) || model_mentions(r->m, c->name))
		return false;
	column_free(plist_remove(&t->columns, at));
	return true;
}

static bool mut_add_table(struct mut *r)
{
	char *name = fresh_name(r, "nt");
	struct table *t = table_new(name);
	struct column *c = column_new("id", "integer");
	struct table *p = pick_table(r);
	struct column *pk = p ? single_pk(p) : NULL;
	struct logical_type lt;

	free(name);
	c->primary_key = true;
	c->autoincrement = chance(r, 30);
	table_add_column(t, c);
	c = column_new("label", "varchar(50)");
	c->index = chance(r, 30);
	table_add_column(t, c);
	if (pk && logical_type_parse(pk->type, &lt) && lt.cls == TYPE_CLASS_INTEGER && chance(r, 60)) {
		c = column_new("parent_id", pk->type);
		c->ref_table = xstrdup(p->name);
		c->ref_column = xstrdup(pk->name);
		c->on_delete = ACTION_CASCADE;
		table_add_column(t, c);
	}
	if (chance(r, 30))
		t->comment = xstrdup("a new table");
	if (chance(r, 50))
		model_add_table(r->m, t);
	else {
		plist_insert(&r->m->tables, below(r, (unsigned)r->m->tables.n + 1), t);
		model_reindex(r->m);
	}
	return true;
}

static bool mut_drop_table(struct mut *r)
{
	struct table *t = pick_table(r);
	long at;

	if (!t || table_is_referenced(r->m, t, false) || in_links(r->m, t->name, NULL) ||
	    model_mentions(r->m, t->name) || r->m->tables.n < 2)
		return false;
	for (size_t i = 0; i < r->m->layout.n; i++) {
		struct placement *p = PLIST_AT(&r->m->layout, struct placement, i);

		if (strcmp(p->table, t->name) == 0) {
			placement_free(plist_remove(&r->m->layout, i));
			break;
		}
	}
	at = model_table_index(r->m, t->name);
	table_free(plist_remove(&r->m->tables, (size_t)at));
	model_reindex(r->m);
	return true;
}

static struct column *pick_column(struct mut *r, struct table **tp)
{
	struct table *t = pick_table(r);

	*tp = t;
	if (!t)
		return NULL;
	return PLIST_AT(&t->columns, struct column, below(r, (unsigned)t->columns.n));
}

static bool mut_change_type(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);
	struct logical_type lt;
	char *type = NULL;

	if (!c || column_is_involved(r->m, t, c) || c->autoincrement ||
	    !logical_type_parse(c->type, &lt))
		return false;
	if (strcmp(lt.base, "integer") == 0)
		type = xstrdup("bigint");
	else if (strcmp(lt.base, "bigint") == 0 || strcmp(lt.base, "smallint") == 0)
		type = xstrdup("integer");
	else if (strcmp(lt.base, "varchar") == 0 && chance(r, 50))
		type = xstrdup("text");
	else if (strcmp(lt.base, "varchar") == 0)
		type = xasprintf("varchar(%ld)", lt.args[0] + 10);
	else if (strcmp(lt.base, "text") == 0 && c->max_length < 0 && c->min_length < 0)
		type = xstrdup("varchar(255)");
	else if (strcmp(lt.base, "real") == 0)
		type = xstrdup("double");
	else if (strcmp(lt.base, "double") == 0)
		type = xstrdup("real");
	else if ((strcmp(lt.base, "numeric") == 0 || strcmp(lt.base, "decimal") == 0) &&
		 lt.nargs == 2)
		type = xasprintf("numeric(%ld,%ld)", lt.args[0] + 2, lt.args[1]);
	if (!type)
		return false;
	free(c->type);
	c->type = type;
	return true;
}

static bool mut_loosen_null(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);

	if (!c || table_column_in_pk(t, c) || column_is_nullable(t, c))
		return false;
	c->nullable = chance(r, 50) ? TRI_UNSET : TRI_TRUE;
	return true;
}

static bool mut_default(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);
	struct logical_type lt;

	if (!c || table_column_in_pk(t, c) || c->autoincrement || c->default_sql || c->check ||
	    !logical_type_parse(c->type, &lt))
		return false;
	for (int k = 0; k < BOUND_COUNT; k++)
		if (c->bound[k])
			return false;
	if (c->min_length >= 0 || c->max_length >= 0)
		return false;
	if (c->dflt.kind != VALUE_NONE && chance(r, 40)) {
		value_clear(&c->dflt);
		return true;
	}
	if (lt.cls == TYPE_CLASS_INTEGER)
		value_set(&c->dflt, VALUE_INT, c->dflt.text && strcmp(c->dflt.text, "3") == 0 ? "4" : "3");
	else if (lt.cls == TYPE_CLASS_BOOLEAN)
		value_set(&c->dflt, VALUE_BOOL,
			  c->dflt.text && strcmp(c->dflt.text, "true") == 0 ? "false" : "true");
	else if (lt.cls == TYPE_CLASS_STRING && strcmp(lt.base, "uuid") != 0 &&
		 (lt.nargs == 0 || lt.args[0] >= 2))
		value_set(&c->dflt, VALUE_STRING, c->dflt.text && strcmp(c->dflt.text, "dd") == 0 ? "ee" : "dd");
	else
		return false;
	return true;
}

static bool mut_loosen_column(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);
	bool unique;

	if (!c)
		return false;
	for (int k = 0; k < BOUND_COUNT; k++) {
		if (c->bound[k]) {
			free(c->bound[k]);
			c->bound[k] = NULL;
			return true;
		}
	}
	if (c->min_length >= 0 || c->max_length >= 0) {
		c->min_length = c->max_length = -1;
		return true;
	}
	if (c->check) {
		free(c->check);
		c->check = NULL;
		return true;
	}
	if (c->index) {
		c->index = false;
		return true;
	}
	if (c->unique) {
		/* Only when no foreign key relies on it being unique. */
		c->unique = false;
		unique = !column_is_involved(r->m, t, c);
		c->unique = !unique;
		return unique;
	}
	if (!table_column_in_pk(t, c) && !c->ref_table) {
		c->index = true;
		return true;
	}
	return false;
}

static bool mut_named_index(struct mut *r)
{
	struct table *t = pick_table(r);
	struct index *ix;
	char *name;

	if (!t)
		return false;
	for (size_t k = 0; k < t->indexes.n && chance(r, 50); k++) {
		ix = PLIST_AT(&t->indexes, struct index, k);
		if (!ix->unique) {
			index_free(plist_remove(&t->indexes, k));
			return true;
		}
	}
	name = fresh_name(r, "ix_m");
	ix = index_new(name);
	free(name);
	strlist_push(&ix->columns, PLIST_AT(&t->columns, struct column,
					    below(r, (unsigned)t->columns.n))->name);
	if (t->columns.n > 1 && chance(r, 40)) {
		const char *second = PLIST_AT(&t->columns, struct column,
					      below(r, (unsigned)t->columns.n))->name;

		if (strlist_find(&ix->columns, second) < 0)
			strlist_push(&ix->columns, second);
	}
	plist_push(&t->indexes, ix);
	return true;
}

static bool mut_table_check(struct mut *r)
{
	struct table *t = pick_table(r);
	char *name;

	if (!t)
		return false;
	if (t->checks.n > 0 && chance(r, 50)) {
		check_free(plist_remove(&t->checks, below(r, (unsigned)t->checks.n)));
		return true;
	}
	name = fresh_name(r, "ck_m");
	plist_push(&t->checks, check_new(name, "1 = 1"));
	free(name);
	return true;
}

static bool mut_fk_action(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);

	if (!c || !c->ref_table)
		return false;
	if (c->on_delete == ACTION_CASCADE)
		c->on_delete = column_is_nullable(t, c) ? ACTION_SET_NULL : ACTION_RESTRICT;
	else
		c->on_delete = ACTION_CASCADE;
	return true;
}

static bool mut_enum(struct mut *r)
{
	struct enum_type *e;
	char *name;

	if (r->m->enums.n > 0 && chance(r, 60)) {
		e = PLIST_AT(&r->m->enums, struct enum_type, below(r, (unsigned)r->m->enums.n));
		name = fresh_name(r, "v");
		strlist_push_owned(&e->values, name);
		return true;
	}
	name = fresh_name(r, "en");
	e = enum_type_new(name);
	strlist_push(&e->values, "one");
	strlist_push(&e->values, "two");
	plist_push(&r->m->enums, e);
	{
		struct table *t = pick_table(r);
		char *cname = fresh_name(r, "ec");
		char *type = xasprintf("enum(%s)", name);
		struct column *c = column_new(cname, type);

		free(cname);
		free(type);
		if (t)
			table_add_column(t, c);
		else
			column_free(c);
	}
	free(name);
	return true;
}

static bool mut_view(struct mut *r)
{
	struct table *t = pick_table(r);
	char *name, *sql;

	if (r->m->views.n > 0 && chance(r, 50)) {
		size_t at = below(r, (unsigned)r->m->views.n);
		struct sql_object *v = PLIST_AT(&r->m->views, struct sql_object, at);
		bool used = false;

		for (size_t i = 0; i < r->m->views.n; i++)
			if (i != at && word_in(PLIST_AT(&r->m->views, struct sql_object, i)->sql, v->name))
				used = true;
		for (size_t i = 0; i < r->m->triggers.n; i++)
			if (word_in(PLIST_AT(&r->m->triggers, struct sql_object, i)->sql, v->name))
				used = true;
		if (used)
			return false;
		sql_object_free(plist_remove(&r->m->views, at));
		return true;
	}
	if (!t || !simple_ident(t->name))
		return false;
	name = fresh_name(r, "v_m");
	sql = xasprintf("SELECT * FROM %s", t->name);
	plist_push(&r->m->views, sql_object_new(name, sql));
	free(name);
	free(sql);
	return true;
}

static bool mut_trigger(struct mut *r)
{
	struct table *t = pick_table(r);
	char *name, *sql;

	if (r->m->triggers.n > 0 && chance(r, 50)) {
		sql_object_free(plist_remove(&r->m->triggers, below(r, (unsigned)r->m->triggers.n)));
		return true;
	}
	if (!t || !simple_ident(t->name))
		return false;
	name = fresh_name(r, "tg_m");
	sql = xasprintf("CREATE TRIGGER %s AFTER UPDATE ON %s BEGIN SELECT 1; END", name, t->name);
	plist_push(&r->m->triggers, sql_object_new(name, sql));
	free(name);
	free(sql);
	return true;
}

/* A new NOT NULL column with a default joins the primary key: the old key
 * was unique, so the longer one is too. */
static bool mut_extend_pk(struct mut *r)
{
	struct table *t = pick_table(r);
	struct column *c;
	char *name;

	if (!t || pk_count(t) == 0 || table_has_autoinc(t) || t->without_rowid ||
	    table_is_referenced(r->m, t, true) || in_links(r->m, t->name, NULL))
		return false;
	name = fresh_name(r, "pk");
	c = column_new(name, "integer");
	c->nullable = TRI_FALSE;
	value_set(&c->dflt, VALUE_INT, "0");
	if (t->primary_key.n > 0)
		strlist_push(&t->primary_key, name);
	else
		c->primary_key = true;
	free(name);
	table_add_column(t, c);
	return true;
}

static bool mut_comment(struct mut *r)
{
	struct table *t;
	struct column *c = pick_column(r, &t);
	char **field;

	if (!c)
		return false;
	field = chance(r, 50) ? &t->comment : &c->comment;
	if (*field && chance(r, 50)) {
		free(*field);
		*field = NULL;
	} else {
		set_str(field, *field ? "changed comment" : "new comment");
	}
	return true;
}

static bool mut_move_column(struct mut *r)
{
	struct table *t = pick_table(r);
	size_t from, to;

	if (!t || t->columns.n < 2)
		return false;
	from = below(r, (unsigned)t->columns.n);
	to = below(r, (unsigned)t->columns.n);
	if (from == to)
		return false;
	plist_move(&t->columns, from, to);
	return true;
}

static bool (*const mutations[])(struct mut *) = {
	mut_rename_table, mut_rename_column, mut_add_column, mut_drop_column,
	mut_add_table, mut_drop_table, mut_change_type, mut_loosen_null,
	mut_default, mut_loosen_column, mut_named_index, mut_table_check,
	mut_fk_action, mut_enum, mut_view, mut_trigger, mut_extend_pk,
	mut_comment, mut_move_column,
};
#define N_MUTATIONS (sizeof(mutations) / sizeof(mutations[0]))

/* `was` of A says how A came about; for B only the renames made here may
 * count, or an old name could be taken for a rename a second time. */
static void clear_was(struct model *m)
{
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
}

struct model *mutate_model(const struct model *a, unsigned seed)
{
	struct mut r = { .m = model_clone(a), .a = a, .state = seed * 2654435761u + 1, .seed = seed };
	unsigned want, done = 0;

	clear_was(r.m);
	want = 1 + below(&r, 5);
	for (unsigned tries = 0; done < want && tries < 200; tries++)
		if (mutations[below(&r, N_MUTATIONS)](&r))
			done++;
	if (done == 0)
		mut_add_table(&r);
	model_reindex(r.m);
	return r.m;
}
