/* plan-sqlite.c — plans for engines whose ALTER TABLE can only rename,
 * add a plain column and drop an unused one (struct dialect's
 * rebuild_tables): everything else is the table rebuild of SQLite's
 * documentation (https://sqlite.org/lang_altertable.html, "Making Other
 * Kinds Of Table Schema Changes"):
 *
 *   renames first, with ALTER TABLE (so that foreign keys of other tables,
 *   indexes and triggers follow them), then per table
 *   CREATE TABLE "_skema_new_t" (the new definition)
 *   INSERT INTO "_skema_new_t" (...) SELECT ... FROM "t"
 *   DROP TABLE "t"
 *   ALTER TABLE "_skema_new_t" RENAME TO "t"
 *   CREATE INDEX ... (all of the new table's indexes)
 *
 * Views and triggers that name a changed table are dropped before and
 * created again after, since a rename checks the whole schema.  Foreign
 * key enforcement must be off around the transaction (fk_off_outside).
 *
 * Whether a table needs the rebuild is decided by comparing CREATE TABLE
 * as the DDL generator writes it: for the table as it will be after the
 * cheap ALTERs and for the target. */
#include "plan-internal.h"

#include <stdlib.h>
#include <string.h>

struct tplan {
	const struct table *ta, *tar, *tb;
	bool rebuild;
	bool touched;            /* views and triggers naming it must be recreated */
	const struct change *first;
};

static bool is_plain_new(const struct table *tb, const struct column *c)
{
	for (int k = 0; k < BOUND_COUNT; k++)
		if (c->bound[k])
			return false;
	if (table_column_in_pk(tb, c) || c->unique || c->check || c->ref_table ||
	    c->comment || c->default_sql || c->autoincrement || c->min_length >= 0 ||
	    c->max_length >= 0)
		return false;
	if (strncmp(c->type, "enum(", 5) == 0)
		return false;
	/* ADD COLUMN ... NOT NULL needs a non-NULL default. */
	if (!column_is_nullable(tb, c) && (c->dflt.kind == VALUE_NONE || c->dflt.kind == VALUE_NULL))
		return false;
	for (size_t i = 0; i < tb->uniques.n; i++)
		if (strlist_find(&PLIST_AT(&tb->uniques, struct unique, i)->columns, c->name) >= 0)
			return false;
	for (size_t i = 0; i < tb->foreign_keys.n; i++)
		if (strlist_find(&PLIST_AT(&tb->foreign_keys, struct foreign_key, i)->columns,
				 c->name) >= 0)
			return false;
	return true;
}

/* May ALTER TABLE DROP COLUMN drop it?  Not when anything names it, and
 * not when a column comment is near: SQLite cuts the text from the
 * column's first token to the next column's, so the column's own `--`
 * lines would stay above the next column and the next one's would go. */
static bool can_drop(const struct planner *pl, const struct table *t, const struct column *c)
{
	long at = table_column_index(t, c->name);

	if (c->comment || (at >= 0 && (size_t)at + 1 < t->columns.n &&
			   PLIST_AT(&t->columns, struct column, at + 1)->comment))
		return false;
	for (int k = 0; k < BOUND_COUNT; k++)
		if (c->bound[k])
			return false;
	if (table_column_in_pk(t, c) || c->unique || c->index || c->check || c->ref_table ||
	    c->min_length >= 0 || c->max_length >= 0 || strncmp(c->type, "enum(", 5) == 0)
		return false;
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

		if (strlist_find(&ix->columns, c->name) >= 0 || plan_mentions(ix->where, c->name))
			return false;
	}
	for (size_t i = 0; i < t->uniques.n; i++)
		if (strlist_find(&PLIST_AT(&t->uniques, struct unique, i)->columns, c->name) >= 0)
			return false;
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		if (strlist_find(&PLIST_AT(&t->foreign_keys, struct foreign_key, i)->columns,
				 c->name) >= 0)
			return false;
	for (size_t i = 0; i < t->checks.n; i++)
		if (plan_mentions(PLIST_AT(&t->checks, struct check, i)->expr, c->name))
			return false;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *o = PLIST_AT(&t->columns, struct column, i);

		if (plan_mentions(o->check, c->name) || plan_mentions(o->default_sql, c->name))
			return false;
	}
	/* Referenced from another table. */
	for (size_t i = 0; i < pl->ar->tables.n; i++) {
		const struct table *o = PLIST_AT(&pl->ar->tables, struct table, i);

		for (size_t k = 0; k < o->columns.n; k++) {
			const struct column *oc = PLIST_AT(&o->columns, struct column, k);

			if (oc->ref_table && strcmp(oc->ref_table, t->name) == 0 &&
			    (!oc->ref_column || strcmp(oc->ref_column, c->name) == 0))
				return false;
		}
		for (size_t k = 0; k < o->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&o->foreign_keys, struct foreign_key, k);

			if (strcmp(fk->ref_table, t->name) == 0 &&
			    (fk->ref_columns.n == 0 || strlist_find(&fk->ref_columns, c->name) >= 0))
				return false;
		}
	}
	for (size_t i = 0; i < pl->a->views.n; i++)
		if (plan_mentions(PLIST_AT(&pl->a->views, struct sql_object, i)->sql, c->name))
			return false;
	for (size_t i = 0; i < pl->a->triggers.n; i++)
		if (plan_mentions(PLIST_AT(&pl->a->triggers, struct sql_object, i)->sql, c->name))
			return false;
	return true;
}

static bool constraint_names_differ(struct planner *pl, const struct tplan *tp)
{
	struct ddl_objects oa = { 0 }, oar = { 0 };
	bool differ = false;

	ddl_table_objects(pl->a, tp->ta, pl->d, &oa, &pl->scratch);
	ddl_table_objects(pl->ar, tp->tar, pl->d, &oar, &pl->scratch);
	if (oa.n != oar.n)
		differ = true;
	for (size_t i = 0; !differ && i < oa.n; i++)
		if (oa.items[i].kind != DDL_OBJ_INDEX && strcmp(oa.items[i].name, oar.items[i].name) != 0)
			differ = true;
	ddl_objects_free(&oa);
	ddl_objects_free(&oar);
	return differ;
}

static void decide(struct planner *pl, struct tplan *tp)
{
	const struct table *tar = tp->tar, *tb = tp->tb;
	struct table *after;
	bool seen_add = false;
	char *x, *y;

	tp->touched = strcmp(tp->ta->name, tb->name) != 0;
	if (constraint_names_differ(pl, tp)) {
		tp->rebuild = tp->touched = true;
		return;
	}
	after = table_clone(tar);
	for (size_t i = 0; i < tb->columns.n; i++) {
		const struct column *c = PLIST_AT(&tb->columns, struct column, i);
		long at = table_column_index(tar, c->name);

		if (at >= 0) {
			if (strcmp(PLIST_AT(&tp->ta->columns, struct column, at)->name, c->name) != 0)
				tp->touched = true;
			if (seen_add)
				tp->rebuild = true;   /* ADD COLUMN only appends */
			continue;
		}
		seen_add = true;
		if (!is_plain_new(tb, c))
			tp->rebuild = true;
		table_add_column(after, column_clone(c));
	}
	for (size_t i = tar->columns.n; i-- > 0;) {
		const struct column *c = PLIST_AT(&tar->columns, struct column, i);

		if (table_column(tb, c->name))
			continue;
		tp->touched = true;
		if (!can_drop(pl, tar, c))
			tp->rebuild = true;
		column_free(plist_remove(&after->columns, i));
	}
	if (!tp->rebuild) {
		x = ddl_create_table(pl->ar, after, NULL, true, pl->d, &pl->scratch);
		y = ddl_create_table(pl->b, tb, NULL, true, pl->d, &pl->scratch);
		tp->rebuild = strcmp(x, y) != 0;
		free(x);
		free(y);
	}
	table_free(after);
	if (tp->rebuild)
		tp->touched = true;
}

static void create_indexes(struct planner *pl, const struct table *tb, const struct change *ch,
			   const char *note, const struct ddl_objects *skip)
{
	struct ddl_objects ob = { 0 };

	/* Only the indexes: building the CREATE TABLE again would double the
	 * cost of creating a table. */
	ddl_table_index_objects(pl->b, tb, pl->d, &ob, &pl->scratch);
	for (size_t i = 0; i < ob.n; i++) {
		bool kept = false;

		if (ob.items[i].kind != DDL_OBJ_INDEX)
			continue;
		for (size_t k = 0; skip && k < skip->n; k++)
			if (strcmp(skip->items[k].name, ob.items[i].name) == 0)
				kept = true;
		if (kept)
			continue;
		struct plan_step *s = plan_add(pl, ch, xstrdup(ob.items[i].sql));

		if (note)
			s->note = xstrdup(note);
	}
	ddl_objects_free(&ob);
}

static bool has_autoincrement(const struct table *t)
{
	for (size_t i = 0; i < t->columns.n; i++)
		if (PLIST_AT(&t->columns, struct column, i)->autoincrement)
			return true;
	return false;
}

/* An AUTOINCREMENT table's counter lives in sqlite_sequence, and DROP
 * TABLE takes it along: the copy only sets the new table's counter to the
 * largest id copied, so ids of deleted rows would be handed out again.
 * Carry the old counter over (the rename then moves it to the old name). */
static void keep_sequence(struct planner *pl, const struct tplan *tp, const char *tmp,
			  const char *note)
{
	struct strbuf lt, lnew;
	struct plan_step *s;

	sb_init(&lt);
	sb_init(&lnew);
	dialect_quote_string(pl->d, &lt, tp->tb->name);
	dialect_quote_string(pl->d, &lnew, tmp);
	s = plan_addf(pl, tp->first,
		      "UPDATE sqlite_sequence SET seq = (SELECT max(seq) FROM sqlite_sequence "
		      "WHERE name IN (%s, %s)) WHERE name = %s", lt.buf, lnew.buf, lnew.buf);
	s->note = xstrdup(note);
	s = plan_addf(pl, tp->first,
		      "INSERT INTO sqlite_sequence (name, seq) SELECT %s, seq FROM sqlite_sequence "
		      "WHERE name = %s AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
		      lnew.buf, lt.buf, lnew.buf);
	s->note = xstrdup(note);
	sb_free(&lt);
	sb_free(&lnew);
}

static void rebuild(struct planner *pl, const struct tplan *tp)
{
	const struct table *tb = tp->tb;
	char *tmp = xasprintf("_skema_new_%s", tb->name);
	char *qtmp = plan_ident(pl, tmp), *qt = plan_ident(pl, tb->name);
	char *note = xasprintf("rebuild table %s", tb->name);
	struct strbuf cols;
	struct plan_step *s;
	bool any = false;

	s = plan_add(pl, tp->first, ddl_create_table(pl->b, tb, tmp, true, pl->d, &pl->scratch));
	s->note = xstrdup(note);

	sb_init(&cols);
	for (size_t i = 0; i < tb->columns.n; i++) {
		const struct column *c = PLIST_AT(&tb->columns, struct column, i);

		if (!table_column(tp->tar, c->name))
			continue;
		if (any)
			sb_add(&cols, ", ");
		dialect_quote_ident(pl->d, &cols, c->name);
		any = true;
	}
	if (any) {
		s = plan_addf(pl, tp->first, "INSERT INTO %s (%s) SELECT %s FROM %s", qtmp, cols.buf,
			      cols.buf, qt);
		s->copies_rows = true;
		s->copy_table = xstrdup(tb->name);
		s->note = xstrdup(note);
	}
	sb_free(&cols);
	if (any && has_autoincrement(tp->tar) && has_autoincrement(tb))
		keep_sequence(pl, tp, tmp, note);
	s = plan_addf(pl, tp->first, "DROP TABLE %s", qt);
	s->note = xstrdup(note);
	s = plan_addf(pl, tp->first, "ALTER TABLE %s RENAME TO %s", qtmp, qt);
	s->note = xstrdup(note);
	create_indexes(pl, tb, tp->first, note, NULL);
	free(note);
	free(qt);
	free(qtmp);
	free(tmp);
}

static const struct change *change_or(const struct planner *pl, enum change_kind kind,
				       const struct table *tb, const char *col,
				       const struct change *fallback)
{
	const struct change *c = plan_find_change(pl, kind, tb->name, col);

	return c ? c : fallback;
}

static void alter_in_place(struct planner *pl, const struct tplan *tp,
			   const struct strlist *dropped)
{
	struct ddl_objects oa = { 0 }, oar = { 0 }, ob = { 0 }, kept = { 0 };
	char *qt = plan_ident(pl, tp->tb->name);

	ddl_table_objects(pl->a, tp->ta, pl->d, &oa, &pl->scratch);
	ddl_table_objects(pl->ar, tp->tar, pl->d, &oar, &pl->scratch);
	ddl_table_objects(pl->b, tp->tb, pl->d, &ob, &pl->scratch);
	for (size_t i = 0; i < oa.n && i < oar.n; i++) {
		bool keep = false;

		if (oa.items[i].kind != DDL_OBJ_INDEX)
			continue;
		for (size_t k = 0; k < ob.n; k++)
			if (ob.items[k].kind == DDL_OBJ_INDEX &&
			    strcmp(ob.items[k].name, oa.items[i].name) == 0 &&
			    strcmp(ob.items[k].sql, oar.items[i].sql) == 0)
				keep = true;
		if (strlist_find(dropped, oa.items[i].name) >= 0)
			continue;
		if (keep) {
			xgrow(&kept.items, &kept.cap, kept.n + 1, sizeof(*kept.items));
			kept.items[kept.n].kind = DDL_OBJ_INDEX;
			kept.items[kept.n].name = xstrdup(oa.items[i].name);
			kept.items[kept.n++].sql = xstrdup("");
			continue;
		}
		char *qi = plan_ident(pl, oa.items[i].name);

		plan_addf(pl, change_or(pl, CH_DROP_INDEX, tp->tb, NULL, tp->first), "DROP INDEX %s", qi);
		free(qi);
	}
	for (size_t i = 0; i < tp->tb->columns.n; i++) {
		const struct column *c = PLIST_AT(&tp->tb->columns, struct column, i);

		char *def;

		if (table_column(tp->tar, c->name))
			continue;
		def = ddl_column_definition(pl->b, tp->tb, c, pl->d, &pl->scratch);
		plan_addf(pl, change_or(pl, CH_ADD_COLUMN, tp->tb, c->name, tp->first),
			  "ALTER TABLE %s ADD COLUMN %s", qt, def);
		free(def);
	}
	for (size_t i = 0; i < tp->tar->columns.n; i++) {
		const struct column *c = PLIST_AT(&tp->tar->columns, struct column, i);
		char *qc;

		if (table_column(tp->tb, c->name))
			continue;
		qc = plan_ident(pl, c->name);
		plan_addf(pl, change_or(pl, CH_DROP_COLUMN, tp->tb, PLIST_AT(&tp->ta->columns,
			  struct column, i)->name, tp->first), "ALTER TABLE %s DROP COLUMN %s", qt, qc);
		free(qc);
	}
	create_indexes(pl, tp->tb, change_or(pl, CH_ADD_INDEX, tp->tb, NULL, tp->first), NULL, &kept);
	ddl_objects_free(&oa);
	ddl_objects_free(&oar);
	ddl_objects_free(&ob);
	ddl_objects_free(&kept);
	free(qt);
}

/* Views and triggers of a that name a table being changed. */
static bool names_any(const char *sql, const struct strlist *names)
{
	for (size_t i = 0; i < names->n; i++)
		if (plan_mentions(sql, names->items[i]))
			return true;
	return false;
}

static void drop_sql_objects(struct planner *pl, const struct plist *objs, enum change_kind drop,
			     const char *what, const struct strlist *touched, struct strlist *redo)
{
	for (size_t i = 0; i < objs->n; i++) {
		const struct sql_object *o = PLIST_AT(objs, struct sql_object, i);
		const struct change *ch = NULL;
		char *q, *note = NULL, *name;

		for (size_t k = 0; k < pl->cl->n; k++)
			if (pl->cl->items[k].kind == drop && pl->cl->items[k].from_object == o)
				ch = &pl->cl->items[k];
		if (!ch && !names_any(o->sql, touched))
			continue;
		name = plan_object_db_name(o);
		if (!ch) {
			strlist_push(redo, name);
			note = xasprintf("drop %s %s for now: it names a table that changes", what, o->name);
		}
		q = plan_ident(pl, name);
		free(name);
		struct plan_step *s = plan_addf(pl, ch, "DROP %s %s", what[0] == 'v' ? "VIEW" : "TRIGGER", q);

		s->note = note;
		free(q);
	}
}

/* Index names are per schema: one that moves to another table (or to a
 * new table, or whose table goes) must be free before any table creates
 * its indexes.  Such indexes are dropped first and named in dropped. */
static void drop_moving_indexes(struct planner *pl, struct strlist *dropped)
{
	const struct model *b = pl->b;
	struct ddl_objects *ob = xcalloc(b->tables.n + 1, sizeof(*ob));
	struct name_index owners;   /* index name -> b's first table that has it */

	name_index_init(&owners);
	for (size_t i = 0; i < b->tables.n; i++) {
		struct table *tb = PLIST_AT(&b->tables, struct table, i);

		ddl_table_index_objects(b, tb, pl->d, &ob[i], &pl->scratch);
		for (size_t j = 0; j < ob[i].n; j++)
			if (!name_index_get(&owners, ob[i].items[j].name))
				name_index_put(&owners, ob[i].items[j].name, tb);
	}
	for (size_t i = 0; i < pl->a->tables.n; i++) {
		const struct table *ta = PLIST_AT(&pl->a->tables, struct table, i);
		const struct table *tar = PLIST_AT(&pl->ar->tables, struct table, i);
		struct ddl_objects oa = { 0 };

		ddl_table_index_objects(pl->a, ta, pl->d, &oa, &pl->scratch);
		for (size_t k = 0; k < oa.n; k++) {
			const struct table *owner = name_index_get(&owners, oa.items[k].name);
			const struct change *ch;
			char *q;

			if (!owner || strcmp(owner->name, tar->name) == 0)
				continue;
			ch = plan_find_change(pl, CH_ADD_INDEX, owner->name, NULL);
			if (!ch)
				ch = plan_first_change(pl, owner);
			q = plan_ident(pl, oa.items[k].name);
			plan_addf(pl, ch, "DROP INDEX %s", q);
			free(q);
			strlist_push(dropped, oa.items[k].name);
		}
		ddl_objects_free(&oa);
	}
	name_index_free(&owners);
	for (size_t i = 0; i < b->tables.n; i++)
		ddl_objects_free(&ob[i]);
	free(ob);
}

/* Views of a that go before the tables change: those a change drops or
 * replaces, those naming a changed table, and the views over those.  Their
 * names join touched, so that triggers naming them go too.  Dropped with
 * the views that use them first. */
static void drop_views(struct planner *pl, struct strlist *touched, struct strlist *redo,
		       struct strlist *redo_triggers)
{
	const struct plist *vs = &pl->a->views;
	bool *mark = xcalloc(vs->n + 1, sizeof(*mark));
	const struct change **ch = xcalloc(vs->n + 1, sizeof(*ch));
	size_t *order = xcalloc(vs->n + 1, sizeof(*order));
	size_t n;

	for (size_t i = 0; i < vs->n; i++) {
		const struct sql_object *o = PLIST_AT(vs, struct sql_object, i);

		for (size_t k = 0; k < pl->cl->n; k++)
			if (pl->cl->items[k].kind == CH_DROP_VIEW && pl->cl->items[k].from_object == o)
				ch[i] = &pl->cl->items[k];
		mark[i] = ch[i] || names_any(o->sql, touched);
	}
	plan_view_closure(vs, mark);
	n = plan_view_order(vs, mark, order);
	for (size_t i = 0; i < n; i++)
		strlist_push(touched, PLIST_AT(vs, struct sql_object, order[i])->name);
	drop_sql_objects(pl, &pl->a->triggers, CH_DROP_TRIGGER, "trigger", touched,
			 redo_triggers);
	while (n-- > 0) {
		const struct sql_object *o = PLIST_AT(vs, struct sql_object, order[n]);
		char *q = plan_ident(pl, o->name);
		struct plan_step *s = plan_addf(pl, ch[order[n]], "DROP VIEW %s", q);

		if (!ch[order[n]]) {
			strlist_push(redo, o->name);
			s->note = xasprintf("drop view %s for now: it depends on a table that changes",
					    o->name);
		}
		free(q);
	}
	free(order);
	free(ch);
	free(mark);
}

static const struct change *added_by(const struct planner *pl, enum change_kind add,
				     const struct sql_object *o)
{
	for (size_t k = 0; k < pl->cl->n; k++)
		if (pl->cl->items[k].kind == add && pl->cl->items[k].to_object == o)
			return &pl->cl->items[k];
	return NULL;
}

/* b's views that are new, changed or dropped for now, each after the views
 * it names. */
static void create_views(struct planner *pl, const struct strlist *redo)
{
	const struct plist *vs = &pl->b->views;
	bool *mark = xcalloc(vs->n + 1, sizeof(*mark));
	size_t *order = xcalloc(vs->n + 1, sizeof(*order));
	size_t n;

	for (size_t i = 0; i < vs->n; i++) {
		const struct sql_object *o = PLIST_AT(vs, struct sql_object, i);

		mark[i] = added_by(pl, CH_ADD_VIEW, o) || strlist_find(redo, o->name) >= 0;
	}
	n = plan_view_order(vs, mark, order);
	for (size_t i = 0; i < n; i++) {
		const struct sql_object *o = PLIST_AT(vs, struct sql_object, order[i]);
		const struct change *ch = added_by(pl, CH_ADD_VIEW, o);
		struct plan_step *s = plan_add(pl, ch, plan_view_sql(pl, o));

		if (!ch)
			s->note = xasprintf("create view %s again", o->name);
	}
	free(order);
	free(mark);
}

static void create_triggers(struct planner *pl, const struct strlist *redo)
{
	for (size_t i = 0; i < pl->b->triggers.n; i++) {
		const struct sql_object *o = PLIST_AT(&pl->b->triggers, struct sql_object, i);
		const struct change *ch = added_by(pl, CH_ADD_TRIGGER, o);
		struct plan_step *s;
		char *name = plan_object_db_name(o);
		bool again = strlist_find(redo, name) >= 0;

		free(name);
		if (!ch && !again)
			continue;
		if (!pl->d->triggers_portable) {
			diag_add(pl->dl, SEV_WARNING, o->pos,
				 "trigger '%s' is not created: trigger bodies are dialect-specific; adapt it for %s",
				 o->name, pl->d->title);
			continue;
		}
		s = plan_add(pl, ch, plan_trigger_sql(o));
		if (!ch)
			s->note = xasprintf("create trigger %s again", o->name);
	}
}

int plan_build_sqlite(struct planner *pl)
{
	const struct model *b = pl->b;
	struct tplan *tps = xcalloc(b->tables.n + 1, sizeof(*tps));
	struct strlist touched, redo_views, redo_triggers, moved;

	strlist_init(&moved);
	strlist_init(&touched);
	strlist_init(&redo_views);
	strlist_init(&redo_triggers);
	for (size_t i = 0; i < b->tables.n; i++) {
		struct tplan *tp = &tps[i];
		long at;

		tp->tb = PLIST_AT(&b->tables, struct table, i);
		at = plan_a_index(pl, tp->tb);
		if (at < 0)
			continue;
		tp->ta = PLIST_AT(&pl->a->tables, struct table, at);
		tp->tar = PLIST_AT(&pl->ar->tables, struct table, at);
		tp->first = plan_first_change(pl, tp->tb);
		/* No change names it: the database already has it (its text may
		 * differ in what the diff ignores, e.g. a CHECK's final newline). */
		if (!tp->first)
			continue;
		decide(pl, tp);
		if (tp->rebuild)
			pl->p->fk_off_outside = true;
		if (tp->touched) {
			strlist_push(&touched, tp->ta->name);
			strlist_push(&touched, tp->tb->name);
		}
	}
	for (size_t i = 0; i < pl->cl->n; i++) {
		if (pl->cl->items[i].kind != CH_DROP_TABLE)
			continue;
		strlist_push(&touched, pl->cl->items[i].from_table->name);
		pl->p->fk_off_outside = true;
	}

	drop_views(pl, &touched, &redo_views, &redo_triggers);
	plan_renames(pl);
	drop_moving_indexes(pl, &moved);
	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *tb = PLIST_AT(&b->tables, struct table, i);
		const struct change *ch;

		if (tps[i].ta)
			continue;
		ch = plan_find_change(pl, CH_ADD_TABLE, tb->name, NULL);
		plan_add(pl, ch, ddl_create_table(b, tb, NULL, true, pl->d, &pl->scratch));
		create_indexes(pl, tb, ch, NULL, NULL);
	}
	for (size_t i = 0; i < b->tables.n; i++) {
		if (!tps[i].ta || !tps[i].first)
			continue;
		if (tps[i].rebuild)
			rebuild(pl, &tps[i]);
		else
			alter_in_place(pl, &tps[i], &moved);
	}
	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];
		char *q;

		if (c->kind != CH_DROP_TABLE)
			continue;
		q = plan_ident(pl, c->from_table->name);
		plan_addf(pl, c, "DROP TABLE %s", q);
		free(q);
	}
	create_views(pl, &redo_views);
	create_triggers(pl, &redo_triggers);

	strlist_free(&moved);
	strlist_free(&touched);
	strlist_free(&redo_views);
	strlist_free(&redo_triggers);
	free(tps);
	return 0;
}
