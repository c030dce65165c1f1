/* plan.h — changes → SQL statements for one dialect.
 *
 * A plan is what `skema diff` prints and what `skema apply` runs.  Each
 * step is one statement with the change it implements, so a failure can
 * name the change, the statement and the engine's error.
 *
 * SQLite: ALTER TABLE where SQLite can (ADD COLUMN when allowed, RENAME
 * TABLE/COLUMN, DROP COLUMN when allowed), otherwise the twelve-step table
 * rebuild of SQLite's documentation (create new table, copy rows, drop,
 * rename, recreate indexes, triggers and dependent views).  Because
 * `PRAGMA foreign_keys` cannot change inside a transaction, the plan says
 * whether foreign-key enforcement must be switched off around the
 * transaction (fk_off_outside); the runner does that, and runs
 * `PRAGMA foreign_key_check` before COMMIT.
 *
 * PostgreSQL and MySQL: ALTER TABLE ... ADD/DROP/ALTER COLUMN, SET/DROP NOT
 * NULL, SET/DROP DEFAULT, ADD/DROP CONSTRAINT, RENAME, CREATE/DROP INDEX, in
 * an order that never violates a dependency. */
#ifndef SKEMA_PLAN_H
#define SKEMA_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dialect.h"
#include "diff.h"
#include "model.h"

struct plan_step {
	char *sql;                     /* one statement, without the trailing ';' */
	const struct change *change;   /* the change it implements (borrowed) */
	bool copies_rows;              /* a rebuild's INSERT ... SELECT */
	char *copy_table;              /* for copies_rows: the source table (progress) */
	char *note;                    /* what the step does when it is not the change
					  alone ("rebuild table hero"), or NULL */
};

struct plan {
	const struct dialect *dialect;
	struct plan_step *steps;
	size_t n;
	size_t cap;
	bool fk_off_outside;           /* SQLite rebuilds: PRAGMA foreign_keys=OFF
					  before BEGIN, back ON after COMMIT */
	size_t destructive;            /* number of destructive changes */
};

void plan_init(struct plan *p, const struct dialect *d);
void plan_free(struct plan *p);

/* Build the plan for changes (from diff_models(a, b)).  Returns 0, or -1
 * with an error in dl when a change cannot be done in this dialect (e.g.
 * a new NOT NULL column without a default on a table that may hold rows:
 * the message names the column and says to give it a default). */
int plan_build(const struct model *a, const struct model *b,
	       const struct change_list *changes, const struct dialect *d,
	       struct plan *out, struct diag_list *dl);

/* Choices plan_build leaves to the caller (all optional). */
struct plan_options {
	/* A new NOT NULL column without a default is refused unless this says
	 * the table (named as in a) holds no rows.  NULL: assume it has rows. */
	bool (*table_is_empty)(void *ctx, const char *table);
	void *ctx;
};

/* plan_build with options (opt may be NULL: plan_build's behaviour). */
int plan_build_with(const struct model *a, const struct model *b,
		    const struct change_list *changes, const struct dialect *d,
		    const struct plan_options *opt, struct plan *out, struct diag_list *dl);

/* The commented SQL script: a header, then for each change a comment
 * naming it (`-- DESTRUCTIVE: drops column user.email` for destructive
 * ones, with loss_notes[i] appended when given — e.g. "12,345 non-null
 * values" counted on a live database), then its statements with ';'.
 * loss_notes may be NULL. */
char *plan_render(const struct plan *p, const struct change_list *changes,
		  const char *const *loss_notes);

#endif
