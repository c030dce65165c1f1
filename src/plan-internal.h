/* plan-internal.h — shared by plan.c, plan-sqlite.c and plan-alter.c. */
#ifndef SKEMA_PLAN_INTERNAL_H
#define SKEMA_PLAN_INTERNAL_H

#include "ddl.h"
#include "plan.h"
#include "util.h"

struct planner {
	const struct model *a;          /* the database as it is */
	const struct model *ar;         /* a with the renames done */
	const struct model *b;          /* the target */
	const struct change_list *cl;
	const struct dialect *d;
	struct plan *p;
	struct diag_list *dl;
	struct diag_list scratch;       /* DDL warnings already given by `skema ddl` */

	/* Lookups that would otherwise scan a whole list per table (quadratic
	 * at thousands of tables): ar's table name -> slot in ar->tables.items
	 * (first of a name, as model_table finds it), and per table name the
	 * changes naming it (to_table, else from_table), in order, chained
	 * through change_next (index + 1; 0 ends). */
	struct name_index ar_slot;
	struct name_index change_head;
	size_t *change_next;
};

/* Append one statement (takes sql) for change ch (may be NULL). */
struct plan_step *plan_add(struct planner *pl, const struct change *ch, char *sql);
struct plan_step *plan_addf(struct planner *pl, const struct change *ch, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Quoted identifier as an owned string. */
char *plan_ident(const struct planner *pl, const char *name);
/* A template of struct dialect with %T, %O, %N filled in (quoted). */
char *plan_template(const struct planner *pl, const char *tmpl, const char *table,
		    const char *old_name, const char *new_name);

/* Whole-word, case-insensitive: does the SQL text use name? */
bool plan_mentions(const char *sql, const char *name);

/* The first change of kind about the table named (in b) / the object. */
const struct change *plan_find_change(const struct planner *pl, enum change_kind kind,
				      const char *b_table, const char *column);

/* The first change whose to_table is tb, or NULL. */
const struct change *plan_first_change(const struct planner *pl, const struct table *tb);

/* A's table (and the renamed one) that becomes b's table tb, or NULL. */
long plan_a_index(const struct planner *pl, const struct table *tb);

/* Renames in the database: tables, then columns; through temporary names
 * when a new name is still taken by another object. */
void plan_renames(struct planner *pl);

/* Views that must go when the marked ones go: every view that names a
 * marked view, transitively (a rename checks every view, and PostgreSQL
 * will not drop a view another one uses).  mark is per view of views. */
void plan_view_closure(const struct plist *views, bool *mark);
/* The marked views in dependency order, a view after the views it names;
 * fills order (room for views->n) and returns how many. */
size_t plan_view_order(const struct plist *views, const bool *mark, size_t *order);

/* View / trigger text as CREATE statements (no terminator). */
char *plan_view_sql(const struct planner *pl, const struct sql_object *v);
char *plan_trigger_sql(const struct sql_object *t);

int plan_build_sqlite(struct planner *pl);
int plan_build_alter(struct planner *pl);

/* The name the database knows a view or trigger by: the one in its text
 * (the model's key may differ).  The caller frees. */
char *plan_object_db_name(const struct sql_object *o);

#endif
