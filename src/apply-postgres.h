/* apply-postgres.h — bring a PostgreSQL schema to a model.
 *
 * The same contract as apply.h (SQLite), on a postgres:// or
 * postgresql:// URI (its ?schema= names the schema, default public):
 * apply_pg_open connects, introspects the schema (a schema that does not
 * exist yet is new: it gets the whole model), diffs it against the model
 * and builds the PostgreSQL plan; the caller shows the plan (apply_render
 * on ap->base), refuses destructive changes unless told otherwise, asks,
 * and then calls apply_pg_run, which runs everything in ONE transaction,
 * thanks to PostgreSQL's transactional DDL:
 *     BEGIN
 *       SET LOCAL lock_timeout (SKEMA_LOCK_TIMEOUT, default 5s),
 *                 statement_timeout (generous), search_path (the schema)
 *       LOCK every table of the schema IN ACCESS SHARE MODE, one by one,
 *         so that a table another session holds gives a message naming it
 *       CREATE SCHEMA (a new schema only)
 *       check the schema is still what apply_pg_open saw
 *       the plan's statements, one by one
 *       CREATE TABLE IF NOT EXISTS skema_migrations
 *       introspect again (in a savepoint): the schema must equal the model
 *       one history row (last: its identity is not transactional)
 *     COMMIT
 * Any failure rolls back — nothing changed — and adds one error naming
 * the change, the statement and the server's error (a lock timeout says
 * that another session holds the table).  apply_pg_open itself also waits
 * at most the lock timeout for a table another session holds.
 *
 * "Equal" means the PostgreSQL plan of diff(schema, model) has no
 * statement, after both sides went through apply_pg_normalise: what
 * PostgreSQL stores in one spelling only (see there) never counts.
 *
 * The URI's password appears in no message and nowhere in the database:
 * messages call the database by the URI without it (ap->base.path).
 * skema_migrations (id identity, applied_at timestamptz, checksum text,
 * sql text) lives in the target schema; the importer skips it.
 *
 * struct apply_options is taken for symmetry with apply_run; PostgreSQL
 * plans have no row copies, so no progress is reported.
 *
 * Built without libpq, apply_pg_open fails with DB_POSTGRES_MISSING. */
#ifndef SKEMA_APPLY_POSTGRES_H
#define SKEMA_APPLY_POSTGRES_H

#include <stdbool.h>

#include "apply.h"
#include "diag.h"
#include "model.h"

/* What a run waits for another session's lock, unless SKEMA_LOCK_TIMEOUT
 * (a PostgreSQL duration: "5s", "500ms", "1min") says otherwise. */
#define APPLY_PG_LOCK_TIMEOUT "5s"
/* What one statement may take (a type change rewrites its table). */
#define APPLY_PG_STATEMENT_TIMEOUT "1h"

struct apply_pg {
	/* path: the URI without its password; model: the normalised copy
	 * below; current: the schema as introspected, normalised; checksum:
	 * of the model as given.  apply_up_to_date and apply_render take
	 * &ap->base. */
	struct apply base;
	char *uri;                   /* as given (may hold a password) */
	char *schema;
	struct model *target;        /* the model, normalised (owned) */
	bool new_schema;             /* the schema does not exist yet */
};

/* Connect, introspect, diff, plan.  Returns 0, or -1 with one error in dl
 * (cannot connect, a table locked by another session, a change
 * PostgreSQL cannot make).  The model must be valid; it may be freed
 * after this call.  apply_pg_close in every case. */
int apply_pg_open(struct apply_pg *ap, const char *uri, const struct model *m,
		  struct diag_list *dl);
void apply_pg_close(struct apply_pg *ap);

/* Run the plan for real: APPLY_OK or APPLY_FAILED (rolled back). */
int apply_pg_run(struct apply_pg *ap, const struct apply_options *o, struct diag_list *dl);

/* A rehearsal: the same run without the history row, rolled back at the
 * end instead of committed.  r gets every table's row count before and after (inside
 * the transaction); r->clean when the run, the final check included,
 * succeeded.  APPLY_OK when clean, else APPLY_FAILED with the errors in
 * dl.  The database is never changed. */
int apply_pg_rehearse(struct apply_pg *ap, const struct apply_options *o,
		      struct apply_rehearsal *r, struct diag_list *dl);

/* Rewrite m into the one spelling PostgreSQL gives back, so that a model
 * and its import compare equal:
 *   - logical types by the importer's name (decimal -> numeric,
 *     timestamp -> datetime), arguments as numbers;
 *   - `default: null` dropped (PostgreSQL does not keep it);
 *   - date and time defaults in ISO output form ('2001-02-03' in a
 *     datetime column is '2001-02-03 00:00:00');
 *   - a one-column primary key on its column, a one-column unique
 *     constraint and an index named as `index: true` names it as flags
 *     (what the importer reads them as);
 *   - numeric defaults of real/double/numeric columns as numbers
 *     (-2.5e3 and -2500 are one value);
 *   - an explicit `no action` foreign-key action dropped (the default);
 *   - SQLite's table options (without_rowid, strict) dropped;
 *   - links and layout dropped (design-only; never in the database). */
void apply_pg_normalise(struct model *m);

#endif
