/* plan-alter.c — plans for engines with a full ALTER TABLE (PostgreSQL,
 * MySQL).  The order never breaks a dependency:
 *
 *   1. drop views that change or name a changed table
 *   2. drop foreign keys that go, change, or lean on a key that changes
 *   3. enum types: create, add values, or rebuild a type that loses values
 *   4. rename tables, then columns, then the objects named after them
 *   5. create new tables (without foreign keys) and their indexes
 *   6. drop indexes, unique and check constraints, primary keys that change
 *   7. add columns, alter columns, drop columns
 *   8. add primary keys, unique and check constraints, indexes
 *   9. drop tables, then enum types nothing uses any more
 *  10. add foreign keys, create views
 *
 * Constraints and indexes are compared as the DDL generator writes them
 * (ddl_table_objects), by name, for the renamed old table and the new one:
 * whatever differs is dropped and added, whatever is only named after a
 * renamed table or column is renamed where the dialect can. */
#include "plan-internal.h"

#include <stdlib.h>
#include <string.h>

#include "types.h"

struct tstate {
	const struct table *ta, *tar, *tb;     /* ta, tar NULL: new table */
	struct ddl_objects oa, oar, ob;
	bool *a_keep;                          /* per object of a: stays */
	bool *b_have;                          /* per object of b: exists already */
	bool key_unstable;                     /* a key others reference may change */
	bool fks_unstable;                     /* its own foreign keys must be re-added */
	const struct change *first;
};

static const struct change *change_or(const struct planner *pl, enum change_kind kind,
				      const struct table *tb, const char *col,
				      const struct change *fallback)
{
	const struct change *c = plan_find_change(pl, kind, tb->name, col);

	return c ? c : fallback;
}

static void mark_instability(struct planner *pl, struct tstate *ts)
{
	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];

		if (c->to_table != ts->tb)
			continue;
		if (c->kind == CH_ALTER_PRIMARY_KEY || c->kind == CH_DROP_UNIQUE ||
		    (c->kind == CH_ALTER_COLUMN && (c->aspects & (ASPECT_UNIQUE | ASPECT_TYPE))))
			ts->key_unstable = true;
		if (c->kind == CH_ALTER_COLUMN && (c->aspects & (ASPECT_TYPE | ASPECT_ENUM_VALUES)))
			ts->fks_unstable = true;
		if (c->kind == CH_DROP_INDEX || c->kind == CH_DROP_UNIQUE ||
		    c->kind == CH_ALTER_PRIMARY_KEY ||
		    (c->kind == CH_ALTER_COLUMN && (c->aspects & (ASPECT_INDEX | ASPECT_UNIQUE))))
			ts->fks_unstable = true;   /* MySQL: an FK may need that index */
	}
}

static const char *rename_template(const struct dialect *d, enum ddl_object_kind k)
{
	switch (k) {
	case DDL_OBJ_INDEX:
		return d->rename_index;
	case DDL_OBJ_UNIQUE:
		return d->rename_constraint ? d->rename_constraint : d->rename_index;
	default:
		return d->rename_constraint;
	}
}

/* Which objects stay; renames of those that stay under a new name are
 * returned as steps later (rename_objects). */
static void decide_objects(struct planner *pl, struct tstate *ts, const struct tstate *all,
			   size_t n_all)
{
	ts->a_keep = xcalloc(ts->oa.n + 1, sizeof(bool));
	ts->b_have = xcalloc(ts->ob.n + 1, sizeof(bool));
	for (size_t i = 0; i < ts->oa.n && i < ts->oar.n; i++) {
		const struct ddl_object *o = &ts->oar.items[i];
		bool same_name = strcmp(ts->oa.items[i].name, o->name) == 0;

		if (o->kind == DDL_OBJ_FOREIGN_KEY) {
			bool unstable = ts->fks_unstable;

			for (size_t t = 0; t < n_all; t++)
				if (all[t].key_unstable && all[t].tb &&
				    (plan_mentions(o->sql, all[t].tb->name)))
					unstable = true;
			if (unstable)
				continue;
		}
		for (size_t k = 0; k < ts->ob.n; k++) {
			if (ts->ob.items[k].kind != o->kind || strcmp(ts->ob.items[k].name, o->name) != 0 ||
			    strcmp(ts->ob.items[k].sql, o->sql) != 0)
				continue;
			if (!same_name && !rename_template(pl->d, o->kind))
				break;
			ts->a_keep[i] = true;
			ts->b_have[k] = true;
		}
	}
}

static void drop_object(struct planner *pl, const char *table, const struct ddl_object *o,
			const struct change *ch)
{
	char *qt = plan_ident(pl, table), *qo = plan_ident(pl, o->name);

	switch (o->kind) {
	case DDL_OBJ_INDEX:
		if (pl->d->drop_index_on_table)
			plan_addf(pl, ch, "DROP INDEX %s ON %s", qo, qt);
		else
			plan_addf(pl, ch, "DROP INDEX %s", qo);
		break;
	case DDL_OBJ_FOREIGN_KEY:
		plan_addf(pl, ch, "ALTER TABLE %s %s %s", qt, pl->d->drop_fk, qo);
		break;
	case DDL_OBJ_UNIQUE:
		plan_addf(pl, ch, "ALTER TABLE %s %s %s", qt, pl->d->drop_unique, qo);
		break;
	case DDL_OBJ_CHECK:
		plan_addf(pl, ch, "ALTER TABLE %s %s %s", qt, pl->d->drop_check, qo);
		break;
	}
	free(qt);
	free(qo);
}

/* The model's text of a check or an index predicate, as CREATE writes it
 * after them (ddl_text_comment): without it the engine's normalised text
 * is all an import reads back, and the verification after apply fails.
 * t is the table of o in the model the object comes from. */
static void text_comment(struct planner *pl, const struct change *ch, const struct table *t,
			 const struct ddl_object *o)
{
	char *sql = t ? ddl_text_comment(t, o, pl->d) : NULL;

	if (sql)
		plan_add(pl, ch, sql);
}

/* t: the table in the model o comes from (for the text comment). */
static void add_object(struct planner *pl, const struct table *t, const struct ddl_object *o,
		       const struct change *ch)
{
	char *qt;

	if (o->kind == DDL_OBJ_INDEX) {
		plan_add(pl, ch, xstrdup(o->sql));
	} else {
		qt = plan_ident(pl, t->name);
		plan_addf(pl, ch, "ALTER TABLE %s ADD %s", qt, o->sql);
		free(qt);
	}
	text_comment(pl, ch, t, o);
}

static enum change_kind drop_kind(enum ddl_object_kind k)
{
	return k == DDL_OBJ_INDEX ? CH_DROP_INDEX : k == DDL_OBJ_UNIQUE ? CH_DROP_UNIQUE :
	       k == DDL_OBJ_CHECK ? CH_DROP_CHECK : CH_DROP_FOREIGN_KEY;
}

static enum change_kind add_kind(enum ddl_object_kind k)
{
	return k == DDL_OBJ_INDEX ? CH_ADD_INDEX : k == DDL_OBJ_UNIQUE ? CH_ADD_UNIQUE :
	       k == DDL_OBJ_CHECK ? CH_ADD_CHECK : CH_ADD_FOREIGN_KEY;
}

/* Objects of the old table that go, of one group (foreign keys or not). */
static void drop_objects(struct planner *pl, const struct tstate *ts, bool fks, const char *table)
{
	for (size_t i = 0; i < ts->oa.n; i++) {
		const struct ddl_object *o = &ts->oa.items[i];

		if ((o->kind == DDL_OBJ_FOREIGN_KEY) != fks || (ts->a_keep && ts->a_keep[i]))
			continue;
		drop_object(pl, table, o, change_or(pl, drop_kind(o->kind), ts->tb ? ts->tb : ts->ta,
						    NULL, ts->first));
	}
}

static void add_objects(struct planner *pl, const struct tstate *ts, bool fks)
{
	for (size_t i = 0; i < ts->ob.n; i++) {
		const struct ddl_object *o = &ts->ob.items[i];

		if ((o->kind == DDL_OBJ_FOREIGN_KEY) != fks || (ts->b_have && ts->b_have[i]))
			continue;
		if (!fks && o->kind == DDL_OBJ_INDEX && !ts->ta)
			continue;   /* created with the new table */
		add_object(pl, ts->tb, o, change_or(pl, add_kind(o->kind), ts->tb, NULL,
							  ts->first));
	}
}

static void rename_objects(struct planner *pl, const struct tstate *ts)
{
	for (size_t i = 0; i < ts->oa.n && i < ts->oar.n; i++) {
		const char *from = ts->oa.items[i].name, *to = ts->oar.items[i].name;
		const char *tmpl = rename_template(pl->d, ts->oa.items[i].kind);

		if (!ts->a_keep[i] || strcmp(from, to) == 0 || !tmpl)
			continue;
		plan_add(pl, ts->first, plan_template(pl, tmpl, ts->tb->name, from, to));
	}
}

static void type_text(const struct planner *pl, struct strbuf *sb, const struct column *c)
{
	struct logical_type lt;
	const struct enum_type *e = NULL;

	if (logical_type_parse(c->type, &lt) && lt.cls == TYPE_CLASS_ENUM)
		e = model_enum(pl->b, lt.enum_name);
	dialect_type(pl->d, sb, c->type, false, e ? &e->values : NULL);
}

static void comment_on(struct planner *pl, const struct change *ch, const char *table,
		       const char *column, const char *text)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, column ? "COMMENT ON COLUMN " : "COMMENT ON TABLE ");
	dialect_quote_ident(pl->d, &sb, table);
	if (column) {
		sb_addc(&sb, '.');
		dialect_quote_ident(pl->d, &sb, column);
	}
	sb_add(&sb, " IS ");
	if (text)
		dialect_quote_string(pl->d, &sb, text);
	else
		sb_add(&sb, "NULL");
	plan_add(pl, ch, sb_release(&sb));
}

static void alter_column(struct planner *pl, const struct change *ch, const struct column *car)
{
	const struct table *tb = ch->to_table;
	const struct column *cb = ch->to_column;
	unsigned as = ch->aspects;
	char *qt = plan_ident(pl, tb->name), *qc = plan_ident(pl, cb->name);
	bool reset_default = false;

	if (pl->d->alter_column == ALTER_COLUMN_MODIFY) {
		if (as & (ASPECT_TYPE | ASPECT_ENUM_VALUES | ASPECT_NULLABLE | ASPECT_DEFAULT |
			  ASPECT_AUTOINCREMENT | ASPECT_COMMENT)) {
			char *def = ddl_column_definition(pl->b, tb, cb, pl->d, &pl->scratch);

			plan_addf(pl, ch, "ALTER TABLE %s MODIFY COLUMN %s", qt, def);
			free(def);
		}
		goto out;
	}
	if ((as & ASPECT_AUTOINCREMENT) && car->autoincrement && pl->d->identity_drop)
		plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s %s", qt, qc, pl->d->identity_drop);
	if (as & ASPECT_TYPE) {
		struct strbuf ty;

		sb_init(&ty);
		type_text(pl, &ty, cb);
		if (car->dflt.kind != VALUE_NONE || car->default_sql) {
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", qt, qc);
			reset_default = true;
		}
		if (pl->d->alter_type_using)
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s", qt, qc,
				  ty.buf, qc, ty.buf);
		else
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s TYPE %s", qt, qc, ty.buf);
		sb_free(&ty);
	}
	if (as & ASPECT_NULLABLE)
		plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s %s NOT NULL", qt, qc,
			  column_is_nullable(tb, cb) ? "DROP" : "SET");
	if ((as & ASPECT_DEFAULT) || reset_default) {
		char *def = ddl_column_default(pl->b, tb, cb, pl->d, &pl->scratch);

		if (def)
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", qt, qc, def);
		else if (as & ASPECT_DEFAULT)
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", qt, qc);
		free(def);
	}
	if ((as & ASPECT_AUTOINCREMENT) && cb->autoincrement && pl->d->identity_add)
		plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s %s", qt, qc, pl->d->identity_add);
	if ((as & ASPECT_COMMENT) && pl->d->comments == COMMENTS_COMMENT_ON)
		comment_on(pl, ch, tb->name, cb->name, cb->comment);
out:
	free(qt);
	free(qc);
}

static void pk_list(const struct table *t, struct strlist *out)
{
	strlist_init(out);
	if (t->primary_key.n > 0) {
		strlist_copy(out, &t->primary_key);
		return;
	}
	for (size_t i = 0; i < t->columns.n; i++)
		if (PLIST_AT(&t->columns, struct column, i)->primary_key)
			strlist_push(out, PLIST_AT(&t->columns, struct column, i)->name);
}

static void enum_values_sql(const struct planner *pl, struct strbuf *sb, const struct strlist *v)
{
	sb_addc(sb, '(');
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			sb_add(sb, ", ");
		dialect_quote_string(pl->d, sb, v->items[i]);
	}
	sb_addc(sb, ')');
}

static void create_type(struct planner *pl, const struct change *ch, const struct enum_type *e)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "CREATE TYPE ");
	dialect_quote_ident(pl->d, &sb, e->name);
	sb_add(&sb, " AS ENUM ");
	enum_values_sql(pl, &sb, &e->values);
	plan_add(pl, ch, sb_release(&sb));
}

/* Only additions, each in its place: ALTER TYPE ... ADD VALUE. */
static bool only_additions(const struct enum_type *ea, const struct enum_type *eb)
{
	long last = -1;

	for (size_t i = 0; i < ea->values.n; i++) {
		long at = strlist_find(&eb->values, ea->values.items[i]);

		if (at <= last)
			return false;
		last = at;
	}
	return true;
}

static void alter_enum(struct planner *pl, const struct change *ch)
{
	const struct enum_type *ea = ch->from_object, *eb = ch->to_object;
	char *qe = plan_ident(pl, eb->name);

	if (only_additions(ea, eb)) {
		for (size_t i = 0; i < eb->values.n; i++) {
			struct strbuf sb;
			const char *next = NULL;

			if (strlist_find(&ea->values, eb->values.items[i]) >= 0)
				continue;
			for (size_t k = i + 1; k < eb->values.n && !next; k++)
				if (strlist_find(&ea->values, eb->values.items[k]) >= 0)
					next = eb->values.items[k];
			sb_init(&sb);
			sb_printf(&sb, "ALTER TYPE %s ADD VALUE ", qe);
			dialect_quote_string(pl->d, &sb, eb->values.items[i]);
			if (next) {
				sb_add(&sb, " BEFORE ");
				dialect_quote_string(pl->d, &sb, next);
			}
			plan_add(pl, ch, sb_release(&sb));
		}
		free(qe);
		return;
	}
	/* Values go or move: a new type, and every column converted to it. */
	char *old = xasprintf("%s__skema_old", eb->name);
	char *qold = plan_ident(pl, old);

	plan_addf(pl, ch, "ALTER TYPE %s RENAME TO %s", qe, qold);
	create_type(pl, ch, eb);
	for (size_t t = 0; t < pl->a->tables.n; t++) {
		const struct table *ta = PLIST_AT(&pl->a->tables, struct table, t);
		char *qt = plan_ident(pl, ta->name);

		for (size_t k = 0; k < ta->columns.n; k++) {
			const struct column *c = PLIST_AT(&ta->columns, struct column, k);
			struct logical_type lt;
			char *qc;
			bool dflt = c->dflt.kind == VALUE_STRING;

			if (!logical_type_parse(c->type, &lt) || lt.cls != TYPE_CLASS_ENUM ||
			    strcmp(lt.enum_name, eb->name) != 0)
				continue;
			qc = plan_ident(pl, c->name);
			/* Checks and predicates compare with values of the old type:
			 * they are dropped around the conversion. */
			struct ddl_objects objs = { 0 };

			ddl_table_objects(pl->a, ta, pl->d, &objs, &pl->scratch);
			for (size_t o = 0; o < objs.n; o++)
				if ((objs.items[o].kind == DDL_OBJ_CHECK || objs.items[o].kind == DDL_OBJ_INDEX) &&
				    plan_mentions(objs.items[o].sql, c->name))
					drop_object(pl, ta->name, &objs.items[o], ch);
			if (c->dflt.kind != VALUE_NONE || c->default_sql)
				plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", qt, qc);
			plan_addf(pl, ch, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s",
				  qt, qc, qe, qc, qe);
			for (size_t o = 0; o < objs.n; o++)
				if ((objs.items[o].kind == DDL_OBJ_CHECK || objs.items[o].kind == DDL_OBJ_INDEX) &&
				    plan_mentions(objs.items[o].sql, c->name))
					add_object(pl, ta, &objs.items[o], ch);
			ddl_objects_free(&objs);
			if (dflt && strlist_find(&eb->values, c->dflt.text) >= 0) {
				struct strbuf sb;

				sb_init(&sb);
				sb_printf(&sb, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT ", qt, qc);
				dialect_quote_string(pl->d, &sb, c->dflt.text);
				plan_add(pl, ch, sb_release(&sb));
			}
			free(qc);
		}
		free(qt);
	}
	plan_addf(pl, ch, "DROP TYPE %s", qold);
	free(old);
	free(qold);
	free(qe);
}

/* A change of the table alone that no view can notice: its comment, SQLite
 * table options (nothing here), or a new column order the dialect cannot
 * give (reorder_columns), which must produce no statement at all, or a
 * plan would never come out empty again. */
static bool change_is_invisible(const struct planner *pl, const struct change *c)
{
	unsigned quiet = ASPECT_COMMENT | ASPECT_TABLE_OPTIONS;

	if (!pl->d->reorder_columns)
		quiet |= ASPECT_COLUMN_ORDER;
	return c->kind == CH_ALTER_TABLE && (c->aspects & ~quiet) == 0;
}

static bool table_touched(const struct planner *pl, const struct table *ta, const struct table *tb)
{
	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];

		if (change_is_invisible(pl, c))
			continue;
		if ((tb && c->to_table == tb) || (ta && c->from_table == ta))
			return true;
	}
	return false;
}

int plan_build_alter(struct planner *pl)
{
	const struct model *a = pl->a, *b = pl->b;
	size_t nb = b->tables.n, na = a->tables.n;
	struct tstate *ts = xcalloc(nb + na + 1, sizeof(*ts));   /* b's tables, then dropped ones */
	size_t n = nb;
	struct strlist redo;
	bool enums_typed = pl->d->enums == ENUMS_CREATE_TYPE;

	strlist_init(&redo);
	for (size_t i = 0; i < nb; i++) {
		long at;

		ts[i].tb = PLIST_AT(&b->tables, struct table, i);
		ts[i].first = plan_first_change(pl, ts[i].tb);
		ddl_table_objects(b, ts[i].tb, pl->d, &ts[i].ob, &pl->scratch);
		at = plan_a_index(pl, ts[i].tb);
		if (at < 0)
			continue;
		ts[i].ta = PLIST_AT(&a->tables, struct table, at);
		ts[i].tar = PLIST_AT(&pl->ar->tables, struct table, at);
		ddl_table_objects(a, ts[i].ta, pl->d, &ts[i].oa, &pl->scratch);
		ddl_table_objects(pl->ar, ts[i].tar, pl->d, &ts[i].oar, &pl->scratch);
		mark_instability(pl, &ts[i]);
	}
	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];

		if (c->kind != CH_DROP_TABLE)
			continue;
		ts[n].ta = c->from_table;
		ts[n].first = c;
		ddl_table_objects(a, c->from_table, pl->d, &ts[n].oa, &pl->scratch);
		n++;
	}
	for (size_t i = 0; i < nb; i++)
		if (ts[i].ta)
			decide_objects(pl, &ts[i], ts, nb);

	/* 1. views, those over the views that go with them, users first */
	{
		const struct plist *vs = &a->views;
		bool *mark = xcalloc(vs->n + 1, sizeof(*mark));
		const struct change **vch = xcalloc(vs->n + 1, sizeof(*vch));
		size_t *order = xcalloc(vs->n + 1, sizeof(*order));
		size_t nv;

		for (size_t i = 0; i < vs->n; i++) {
			const struct sql_object *v = PLIST_AT(vs, struct sql_object, i);

			for (size_t k = 0; k < pl->cl->n; k++)
				if (pl->cl->items[k].kind == CH_DROP_VIEW &&
				    pl->cl->items[k].from_object == v)
					vch[i] = &pl->cl->items[k];
			for (size_t t = 0; !vch[i] && !mark[i] && t < n; t++) {
				const struct table *tx = ts[t].ta;

				if (tx && table_touched(pl, tx, ts[t].tb) && plan_mentions(v->sql, tx->name))
					mark[i] = true;
			}
			mark[i] = mark[i] || vch[i];
		}
		plan_view_closure(vs, mark);
		nv = plan_view_order(vs, mark, order);
		while (nv-- > 0) {
			const struct sql_object *v = PLIST_AT(vs, struct sql_object, order[nv]);
			char *q = plan_ident(pl, v->name);
			struct plan_step *s = plan_addf(pl, vch[order[nv]], "DROP VIEW %s", q);

			free(q);
			if (!vch[order[nv]]) {
				s->note = xasprintf("drop view %s for now: it depends on a table that changes",
						    v->name);
				strlist_push(&redo, v->name);
			}
		}
		free(order);
		free(vch);
		free(mark);
	}
	/* 2. foreign keys that go or must be re-added (tables under a's names) */
	for (size_t i = 0; i < n; i++)
		if (ts[i].ta)
			drop_objects(pl, &ts[i], true, ts[i].ta->name);
	/* 3. enum types */
	for (size_t i = 0; enums_typed && i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];

		if (c->kind == CH_ADD_ENUM)
			create_type(pl, c, c->to_object);
		else if (c->kind == CH_ALTER_ENUM)
			alter_enum(pl, c);
	}
	/* 4. renames */
	plan_renames(pl);
	for (size_t i = 0; i < nb; i++)
		if (ts[i].ta)
			rename_objects(pl, &ts[i]);
	/* 5. new tables */
	for (size_t i = 0; i < nb; i++) {
		const struct table *tb = ts[i].tb;
		const struct change *ch;

		if (ts[i].ta)
			continue;
		ch = plan_find_change(pl, CH_ADD_TABLE, tb->name, NULL);
		plan_add(pl, ch, ddl_create_table(b, tb, NULL, false, pl->d, &pl->scratch));
		if (pl->d->comments == COMMENTS_COMMENT_ON) {
			if (tb->comment)
				comment_on(pl, ch, tb->name, NULL, tb->comment);
			for (size_t k = 0; k < tb->columns.n; k++) {
				const struct column *c = PLIST_AT(&tb->columns, struct column, k);

				if (c->comment)
					comment_on(pl, ch, tb->name, c->name, c->comment);
			}
		}
		/* In CREATE's order: the texts of its checks, then the indexes. */
		for (size_t k = 0; k < ts[i].ob.n; k++)
			if (ts[i].ob.items[k].kind == DDL_OBJ_CHECK)
				text_comment(pl, ch, tb, &ts[i].ob.items[k]);
		for (size_t k = 0; k < ts[i].ob.n; k++)
			if (ts[i].ob.items[k].kind == DDL_OBJ_INDEX)
				add_object(pl, tb, &ts[i].ob.items[k], ch);
	}
	/* 6.-8. per table */
	for (size_t i = 0; i < nb; i++) {
		struct tstate *t = &ts[i];
		const struct change *pkc;
		char *qt;

		if (!t->ta)
			continue;
		qt = plan_ident(pl, t->tb->name);
		drop_objects(pl, t, false, t->tb->name);
		pkc = plan_find_change(pl, CH_ALTER_PRIMARY_KEY, t->tb->name, NULL);
		if (pkc) {
			struct strlist old;

			pk_list(t->tar, &old);
			if (old.n > 0 && pl->d->pk_constraint_suffix) {
				char *name = xasprintf("%s%s", t->ta->name, pl->d->pk_constraint_suffix);
				char *qn = plan_ident(pl, name);

				plan_addf(pl, pkc, "ALTER TABLE %s DROP CONSTRAINT %s", qt, qn);
				free(qn);
				free(name);
			} else if (old.n > 0) {
				plan_addf(pl, pkc, "ALTER TABLE %s DROP PRIMARY KEY", qt);
			}
			strlist_free(&old);
		}
		for (size_t k = 0; k < t->tb->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->tb->columns, struct column, k);
			const struct change *ch;
			char *def;

			if (table_column(t->tar, c->name))
				continue;
			ch = change_or(pl, CH_ADD_COLUMN, t->tb, c->name, t->first);
			def = ddl_column_definition(b, t->tb, c, pl->d, &pl->scratch);
			plan_addf(pl, ch, "ALTER TABLE %s ADD COLUMN %s", qt, def);
			free(def);
			if (c->comment && pl->d->comments == COMMENTS_COMMENT_ON)
				comment_on(pl, ch, t->tb->name, c->name, c->comment);
		}
		for (size_t k = 0; k < pl->cl->n; k++) {
			const struct change *c = &pl->cl->items[k];
			long at;

			if (c->kind != CH_ALTER_COLUMN || c->to_table != t->tb)
				continue;
			at = table_column_index(t->tar, c->to_column->name);
			if (at >= 0)
				alter_column(pl, c, PLIST_AT(&t->tar->columns, struct column, at));
		}
		for (size_t k = 0; k < pl->cl->n; k++) {
			const struct change *c = &pl->cl->items[k];

			if (c->kind != CH_ALTER_TABLE || c->to_table != t->tb ||
			    !(c->aspects & ASPECT_COMMENT))
				continue;
			if (pl->d->comments == COMMENTS_COMMENT_ON) {
				comment_on(pl, c, t->tb->name, NULL, t->tb->comment);
			} else if (pl->d->comments == COMMENTS_INLINE_OPTION) {
				struct strbuf sb;

				sb_init(&sb);
				sb_printf(&sb, "ALTER TABLE %s COMMENT = ", qt);
				dialect_quote_string(pl->d, &sb, t->tb->comment ? t->tb->comment : "");
				plan_add(pl, c, sb_release(&sb));
			}
		}
		for (size_t k = 0; k < t->tar->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->tar->columns, struct column, k);
			char *qc;

			if (table_column(t->tb, c->name))
				continue;
			qc = plan_ident(pl, c->name);
			plan_addf(pl, change_or(pl, CH_DROP_COLUMN, t->tb,
						PLIST_AT(&t->ta->columns, struct column, k)->name, t->first),
				  "ALTER TABLE %s DROP COLUMN %s", qt, qc);
			free(qc);
		}
		if (pkc) {
			struct strlist cols;

			pk_list(t->tb, &cols);
			if (cols.n > 0) {
				struct strbuf sb;

				sb_init(&sb);
				sb_printf(&sb, "ALTER TABLE %s ADD PRIMARY KEY (", qt);
				for (size_t k = 0; k < cols.n; k++) {
					if (k)
						sb_add(&sb, ", ");
					dialect_quote_ident(pl->d, &sb, cols.items[k]);
				}
				sb_addc(&sb, ')');
				plan_add(pl, pkc, sb_release(&sb));
			}
			strlist_free(&cols);
		}
		add_objects(pl, t, false);
		free(qt);
	}
	/* 9. dropped tables, enum types */
	for (size_t i = nb; i < n; i++) {
		char *q = plan_ident(pl, ts[i].ta->name);

		plan_addf(pl, ts[i].first, "DROP TABLE %s", q);
		free(q);
	}
	for (size_t i = 0; enums_typed && i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];
		char *q;

		if (c->kind != CH_DROP_ENUM)
			continue;
		q = plan_ident(pl, ((const struct enum_type *)c->from_object)->name);
		plan_addf(pl, c, "DROP TYPE %s", q);
		free(q);
	}
	/* 10. foreign keys, views, triggers */
	for (size_t i = 0; i < nb; i++)
		add_objects(pl, &ts[i], true);
	{
		const struct plist *vs = &b->views;
		bool *mark = xcalloc(vs->n + 1, sizeof(*mark));
		const struct change **vch = xcalloc(vs->n + 1, sizeof(*vch));
		size_t *order = xcalloc(vs->n + 1, sizeof(*order));
		size_t nv;

		for (size_t i = 0; i < vs->n; i++) {
			const struct sql_object *v = PLIST_AT(vs, struct sql_object, i);

			for (size_t k = 0; k < pl->cl->n; k++)
				if (pl->cl->items[k].kind == CH_ADD_VIEW && pl->cl->items[k].to_object == v)
					vch[i] = &pl->cl->items[k];
			mark[i] = vch[i] || strlist_find(&redo, v->name) >= 0;
		}
		nv = plan_view_order(vs, mark, order);
		for (size_t i = 0; i < nv; i++) {
			const struct sql_object *v = PLIST_AT(vs, struct sql_object, order[i]);
			struct plan_step *s = plan_add(pl, vch[order[i]], plan_view_sql(pl, v));
			char *text = ddl_view_text_comment(v, pl->d);

			if (!vch[order[i]])
				s->note = xasprintf("create view %s again", v->name);
			if (text) {
				s = plan_add(pl, vch[order[i]], text);
				if (!vch[order[i]])
					s->note = xasprintf("create view %s again", v->name);
			}
		}
		free(order);
		free(vch);
		free(mark);
	}
	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];
		const struct sql_object *o = c->to_object ? c->to_object : c->from_object;

		if (c->kind != CH_ADD_TRIGGER && c->kind != CH_DROP_TRIGGER)
			continue;
		if (!pl->d->triggers_portable) {
			diag_add(pl->dl, SEV_WARNING, o->pos,
				 "trigger '%s' is left out: trigger bodies are dialect-specific; adapt it for %s",
				 o->name, pl->d->title);
			continue;
		}
		if (c->kind == CH_ADD_TRIGGER) {
			plan_add(pl, c, plan_trigger_sql(o));
		} else {
			char *name = plan_object_db_name(o);
			char *q = plan_ident(pl, name);

			plan_addf(pl, c, "DROP TRIGGER %s", q);
			free(q);
			free(name);
		}
	}

	for (size_t i = 0; i < n; i++) {
		ddl_objects_free(&ts[i].oa);
		ddl_objects_free(&ts[i].oar);
		ddl_objects_free(&ts[i].ob);
		free(ts[i].a_keep);
		free(ts[i].b_have);
	}
	free(ts);
	strlist_free(&redo);
	return 0;
}
