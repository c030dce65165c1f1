/* plan.c — see plan.h.  What every dialect shares: the plan itself,
 * renames, views and triggers, refusals and the rendered script; the
 * statements come from plan-sqlite.c (rebuilds) or plan-alter.c
 * (ALTER TABLE), as struct dialect says. */
#include "plan-internal.h"
#include "sql-lexer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void plan_init(struct plan *p, const struct dialect *d)
{
	memset(p, 0, sizeof(*p));
	p->dialect = d;
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->steps[i].sql);
		free(p->steps[i].copy_table);
		free(p->steps[i].note);
	}
	free(p->steps);
	plan_init(p, p->dialect);
}

struct plan_step *plan_add(struct planner *pl, const struct change *ch, char *sql)
{
	struct plan *p = pl->p;
	struct plan_step *s;

	xgrow(&p->steps, &p->cap, p->n + 1, sizeof(*p->steps));
	s = &p->steps[p->n++];
	memset(s, 0, sizeof(*s));
	s->sql = sql;
	/* Every step names a change, so a failure can always say which. */
	s->change = ch ? ch : (pl->cl->n ? &pl->cl->items[0] : NULL);
	return s;
}

struct plan_step *plan_addf(struct planner *pl, const struct change *ch, const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	return plan_add(pl, ch, sb_release(&sb));
}

char *plan_ident(const struct planner *pl, const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(pl->d, &sb, name);
	return sb_release(&sb);
}

char *plan_template(const struct planner *pl, const char *tmpl, const char *table,
		    const char *old_name, const char *new_name)
{
	struct strbuf sb;

	sb_init(&sb);
	for (const char *p = tmpl; *p; p++) {
		if (p[0] == '%' && (p[1] == 'T' || p[1] == 'O' || p[1] == 'N')) {
			const char *n = p[1] == 'T' ? table : p[1] == 'O' ? old_name : new_name;

			dialect_quote_ident(pl->d, &sb, n ? n : "");
			p++;
			continue;
		}
		sb_addc(&sb, *p);
	}
	return sb_release(&sb);
}

bool plan_mentions(const char *sql, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!sql || n == 0)
		return false;
	for (const char *p = sql; *p; p++) {
		if (strncasecmp(p, name, n) != 0)
			continue;
		if (p > sql && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		if (isalnum((unsigned char)p[n]) || p[n] == '_')
			continue;
		return true;
	}
	return false;
}

static const char *change_table_name(const struct change *c)
{
	const struct table *t = c->to_table ? c->to_table : c->from_table;

	return t ? t->name : NULL;
}

/* Walking the changes naming table (see struct planner), or all changes
 * when table is NULL: first_of, then next_of until cl->n. */
static size_t first_of(const struct planner *pl, const char *table)
{
	const struct change *head;

	if (!table)
		return 0;
	head = name_index_get(&pl->change_head, table);
	return head ? (size_t)(head - pl->cl->items) : pl->cl->n;
}

static size_t next_of(const struct planner *pl, const char *table, size_t i)
{
	if (!table)
		return i + 1;
	return pl->change_next[i] ? pl->change_next[i] - 1 : pl->cl->n;
}

static void plan_index(struct planner *pl)
{
	const struct change_list *cl = pl->cl;
	size_t *tail = xcalloc(cl->n + 1, sizeof(*tail));   /* by head index */

	name_index_init(&pl->ar_slot);
	for (size_t i = 0; i < pl->ar->tables.n; i++) {
		const char *name = PLIST_AT(&pl->ar->tables, struct table, i)->name;

		if (name && !name_index_get(&pl->ar_slot, name))
			name_index_put(&pl->ar_slot, name, &pl->ar->tables.items[i]);
	}
	name_index_init(&pl->change_head);
	pl->change_next = xcalloc(cl->n + 1, sizeof(*pl->change_next));
	for (size_t i = 0; i < cl->n; i++) {
		const char *name = change_table_name(&cl->items[i]);
		const struct change *head;
		size_t h;

		if (!name)
			continue;
		head = name_index_get(&pl->change_head, name);
		if (!head) {
			name_index_put(&pl->change_head, name, (void *)&cl->items[i]);
			h = i;
		} else {
			h = (size_t)(head - cl->items);
			pl->change_next[tail[h]] = i + 1;
		}
		tail[h] = i;
	}
	free(tail);
}

static void plan_index_free(struct planner *pl)
{
	name_index_free(&pl->ar_slot);
	name_index_free(&pl->change_head);
	free(pl->change_next);
}

const struct change *plan_find_change(const struct planner *pl, enum change_kind kind,
				      const char *b_table, const char *column)
{
	for (size_t i = first_of(pl, b_table); i < pl->cl->n; i = next_of(pl, b_table, i)) {
		const struct change *c = &pl->cl->items[i];
		const char *t = change_table_name(c);
		const struct column *col = c->to_column ? c->to_column : c->from_column;

		if (c->kind != kind)
			continue;
		if (b_table && (!t || strcmp(t, b_table) != 0))
			continue;
		if (column && (!col || strcmp(col->name, column) != 0))
			continue;
		return c;
	}
	return NULL;
}

const struct change *plan_first_change(const struct planner *pl, const struct table *tb)
{
	for (size_t i = first_of(pl, tb->name); i < pl->cl->n; i = next_of(pl, tb->name, i))
		if (pl->cl->items[i].to_table == tb)
			return &pl->cl->items[i];
	return NULL;
}

long plan_a_index(const struct planner *pl, const struct table *tb)
{
	void **slot = tb->name ? name_index_get(&pl->ar_slot, tb->name) : NULL;

	return slot ? (long)(slot - pl->ar->tables.items) : -1;
}

/* One round of renames, through temporary names when a new name is one
 * of the old ones (a swap). */
struct rename_pair {
	const char *from, *to;
	const struct change *ch;
};

static bool pairs_collide(const struct rename_pair *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < n; k++)
			if (strcasecmp(r[i].to, r[k].from) == 0)
				return true;
	return false;
}

static void rename_round(struct planner *pl, const char *table, const struct rename_pair *r,
			 size_t n)
{
	const char *kw = table ? " RENAME COLUMN " : " RENAME TO ";
	char *qt = table ? plan_ident(pl, table) : NULL;
	bool two = pairs_collide(r, n);

	for (int round = 0; round < (two ? 2 : 1); round++) {
		for (size_t i = 0; i < n; i++) {
			char *tmp = xasprintf("_skema_rename_%zu", i);
			const char *from = round == 1 ? tmp : r[i].from;
			const char *to = two && round == 0 ? tmp : r[i].to;
			char *qf = plan_ident(pl, from), *qto = plan_ident(pl, to);

			if (table)
				plan_addf(pl, r[i].ch, "ALTER TABLE %s%s%s TO %s", qt, kw, qf, qto);
			else
				plan_addf(pl, r[i].ch, "ALTER TABLE %s%s%s", qf, kw, qto);
			free(qf);
			free(qto);
			free(tmp);
		}
	}
	free(qt);
}

void plan_renames(struct planner *pl)
{
	const struct change_list *cl = pl->cl;
	struct rename_pair *r = xcalloc(cl->n + 1, sizeof(*r));
	size_t n = 0;

	for (size_t i = 0; i < cl->n; i++) {
		if (cl->items[i].kind != CH_RENAME_TABLE)
			continue;
		r[n].from = cl->items[i].from_table->name;
		r[n].to = cl->items[i].to_table->name;
		r[n++].ch = &cl->items[i];
	}
	if (n)
		rename_round(pl, NULL, r, n);
	for (size_t t = 0; t < pl->b->tables.n; t++) {
		const struct table *tb = PLIST_AT(&pl->b->tables, struct table, t);

		n = 0;
		for (size_t i = first_of(pl, tb->name); i < cl->n; i = next_of(pl, tb->name, i)) {
			if (cl->items[i].kind != CH_RENAME_COLUMN || cl->items[i].to_table != tb)
				continue;
			r[n].from = cl->items[i].from_column->name;
			r[n].to = cl->items[i].to_column->name;
			r[n++].ch = &cl->items[i];
		}
		if (n)
			rename_round(pl, tb->name, r, n);
	}
	free(r);
}

void plan_view_closure(const struct plist *views, bool *mark)
{
	bool grew = true;

	while (grew) {
		grew = false;
		for (size_t i = 0; i < views->n; i++) {
			const struct sql_object *v = PLIST_AT(views, struct sql_object, i);

			for (size_t k = 0; !mark[i] && k < views->n; k++)
				if (mark[k] && k != i &&
				    plan_mentions(v->sql, PLIST_AT(views, struct sql_object, k)->name))
					mark[i] = grew = true;
		}
	}
}

size_t plan_view_order(const struct plist *views, const bool *mark, size_t *order)
{
	bool *placed = xcalloc(views->n + 1, sizeof(*placed));
	size_t n = 0, want = 0;

	for (size_t i = 0; i < views->n; i++)
		want += mark[i];
	while (n < want) {
		size_t pick = views->n;

		for (size_t i = 0; pick == views->n && i < views->n; i++) {
			const struct sql_object *v = PLIST_AT(views, struct sql_object, i);
			bool ready = mark[i] && !placed[i];

			for (size_t k = 0; ready && k < views->n; k++)
				if (k != i && mark[k] && !placed[k] &&
				    plan_mentions(v->sql, PLIST_AT(views, struct sql_object, k)->name))
					ready = false;
			if (ready)
				pick = i;
		}
		/* A cycle cannot be created anyway: keep the model's order. */
		for (size_t i = 0; pick == views->n && i < views->n; i++)
			if (mark[i] && !placed[i])
				pick = i;
		placed[pick] = true;
		order[n++] = pick;
	}
	free(placed);
	return n;
}

static size_t sql_len(const char *sql)
{
	size_t n = strlen(sql);

	while (n > 0 && (isspace((unsigned char)sql[n - 1]) || sql[n - 1] == ';'))
		n--;
	return n;
}

/* Spelled as ddl.c spells it, so that the database reads back the same. */
char *plan_view_sql(const struct planner *pl, const struct sql_object *v)
{
	const char *sql = v->sql ? v->sql : "";
	size_t n = sql_len(sql);
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, "CREATE VIEW ");
	dialect_quote_ident(pl->d, &sb, v->name);
	sb_add(&sb, memchr(sql, '\n', n) ? " AS\n" : " AS ");
	sb_addn(&sb, sql, n);
	return sb_release(&sb);
}

char *plan_trigger_sql(const struct sql_object *t)
{
	const char *sql = t->sql ? t->sql : "";

	return xstrndup(sql, sql_len(sql));
}

static bool column_has_default(const struct column *c)
{
	return c->default_sql || (c->dflt.kind != VALUE_NONE && c->dflt.kind != VALUE_NULL) ||
	       c->autoincrement;
}

/* New NOT NULL columns need a value for the rows already there. */
static int check_new_not_null(struct planner *pl, const struct plan_options *opt)
{
	int status = 0;

	for (size_t i = 0; i < pl->cl->n; i++) {
		const struct change *c = &pl->cl->items[i];

		if (c->kind != CH_ADD_COLUMN || column_is_nullable(c->to_table, c->to_column) ||
		    column_has_default(c->to_column))
			continue;
		if (opt && opt->table_is_empty && opt->table_is_empty(opt->ctx, c->from_table->name))
			continue;
		diag_add(pl->dl, SEV_ERROR, c->to_column->pos,
			 "new column '%s.%s' is NOT NULL and has no default: the rows already in "
			 "table '%s' would have no value; give it a default or make it nullable",
			 c->to_table->name, c->to_column->name, c->from_table->name);
		status = -1;
	}
	return status;
}

int plan_build_with(const struct model *a, const struct model *b,
		    const struct change_list *changes, const struct dialect *d,
		    const struct plan_options *opt, struct plan *out, struct diag_list *dl)
{
	struct planner pl = { .a = a, .b = b, .cl = changes, .d = d, .p = out, .dl = dl };
	struct model *ar;
	int status;

	out->dialect = d;
	if (check_new_not_null(&pl, opt) != 0)
		return -1;
	ar = diff_renamed_model(a, changes);
	pl.ar = ar;
	plan_index(&pl);
	diag_list_init(&pl.scratch);
	status = d->rebuild_tables ? plan_build_sqlite(&pl) : plan_build_alter(&pl);
	out->destructive = 0;
	for (size_t i = 0; i < changes->n; i++)
		if (changes->items[i].destructive)
			out->destructive++;
	diag_list_free(&pl.scratch);
	plan_index_free(&pl);
	model_free(ar);
	return status;
}

int plan_build(const struct model *a, const struct model *b,
	       const struct change_list *changes, const struct dialect *d,
	       struct plan *out, struct diag_list *dl)
{
	return plan_build_with(a, b, changes, d, NULL, out, dl);
}

static void render_destructive(struct strbuf *sb, const char *prefix, const struct change_list *cl,
			       size_t i, const char *const *loss_notes)
{
	const struct change *c = &cl->items[i];

	sb_printf(sb, "%sDESTRUCTIVE: %s", prefix, c->loss ? c->loss : c->summary);
	if (loss_notes && loss_notes[i])
		sb_printf(sb, ": %s", loss_notes[i]);
	sb_addc(sb, '\n');
}

char *plan_render(const struct plan *p, const struct change_list *changes,
		  const char *const *loss_notes)
{
	const struct dialect *d = p->dialect;
	const char *end = d && d->statement_end ? d->statement_end : ";";
	bool wrap = d && d->fk_disable_sql;   /* engines whose DDL is transactional here */
	const struct plan_step *prev = NULL;
	struct strbuf sb;

	sb_init(&sb);
	if (changes->n == 0) {
		sb_add(&sb, "-- no differences\n");
		return sb_release(&sb);
	}
	sb_printf(&sb, "-- skema migration for %s: %zu change%s", d ? d->title : "SQL",
		  changes->n, changes->n == 1 ? "" : "s");
	if (p->destructive)
		sb_printf(&sb, ", %zu destructive", p->destructive);
	sb_addc(&sb, '\n');
	for (size_t i = 0; i < changes->n; i++) {
		if (changes->items[i].destructive) {
			render_destructive(&sb, "--   ", changes, i, loss_notes);
		}
		sb_printf(&sb, "--   %s\n", changes->items[i].summary);
	}
	if (p->n == 0)   /* a column order the dialect keeps, a trigger left out */
		sb_printf(&sb, "\n-- no statement to run for %s\n", d ? d->title : "SQL");
	if (p->fk_off_outside && d && d->fk_disable_sql)
		sb_printf(&sb, "\n%s%s\n", d->fk_disable_sql, end);
	if (wrap)
		sb_printf(&sb, "%sBEGIN%s\n", p->fk_off_outside ? "" : "\n", end);
	for (size_t i = 0; i < p->n; i++) {
		const struct plan_step *s = &p->steps[i];

		if (!prev || prev->change != s->change || !str_eq_null(prev->note, s->note)) {
			size_t ci = s->change ? (size_t)(s->change - changes->items) : changes->n;

			sb_addc(&sb, '\n');
			if (!s->note && ci < changes->n && s->change->destructive)
				render_destructive(&sb, "-- ", changes, ci, loss_notes);
			if (s->note)
				sb_printf(&sb, "-- %s\n", s->note);
			else if (s->change)
				sb_printf(&sb, "-- %s\n", s->change->summary);
		}
		sb_printf(&sb, "%s%s\n", s->sql, end);
		prev = s;
	}
	if (wrap) {
		sb_addc(&sb, '\n');
		if (p->fk_off_outside && d->fk_check_sql)
			sb_printf(&sb, "%s%s\n", d->fk_check_sql, end);
		sb_printf(&sb, "COMMIT%s\n", end);
	}
	if (p->fk_off_outside && d && d->fk_enable_sql)
		sb_printf(&sb, "%s%s\n", d->fk_enable_sql, end);
	return sb_release(&sb);
}

char *plan_object_db_name(const struct sql_object *o)
{
	char *name = sql_created_name(o->sql);

	return name ? name : xstrdup(o->name);
}
