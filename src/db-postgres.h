/* db-postgres.h — a PostgreSQL schema as a model, read from the system
 * catalogs through libpq.
 *
 * The mapping is the inverse of `skema ddl -d postgres`: types by their
 * pg_type name (int4 -> integer, varchar(n), bpchar(n) -> char(n),
 * timestamp -> datetime, bytea -> blob, jsonb -> json, an enum type ->
 * enum(NAME) declared under enums:, anything else as format_type spells
 * it), identity and nextval() keys -> autoincrement, 'x'::type defaults ->
 * default, other defaults -> default_sql, the generator's named CHECKs ->
 * ge/le/gt/lt/min_length/max_length/check, ix_<table>_<column> -> index:
 * true, COMMENT ON -> comment.
 *
 * PostgreSQL keeps a CHECK, an index predicate or a view only in a
 * normalised form (pg_get_constraintdef, pg_get_viewdef): casts and
 * parentheses added, keywords rewritten.  The DDL generator therefore
 * also writes the model's text as the COMMENT of that constraint, index
 * or view; the importer takes such a comment instead of the normalised
 * form only after the server confirmed that it normalises to exactly
 * what is stored (a probe in a temporary table or view, rolled back).
 * Otherwise, or where the probe cannot run (a read-only standby), the
 * normalised text is the model's.
 *
 * Reading never changes the database: everything runs in one
 * transaction that is rolled back.  Passwords appear in no message.
 *
 * libpq itself is opened at the first connection (pq-lib.h); where
 * libpq.so.5 is missing, connecting fails with PQ_LIB_MISSING.  Built
 * without libpq's headers (HAVE_LIBPQ unset), every function fails with
 * DB_POSTGRES_MISSING. */
#ifndef SKEMA_DB_POSTGRES_H
#define SKEMA_DB_POSTGRES_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

#define DB_POSTGRES_MISSING \
	"PostgreSQL support was not compiled in (rebuild with libpq-dev installed)"

struct pg_conn;   /* libpq's PGconn */

/* Can skema reach PostgreSQL: built with libpq, and libpq.so.5 loads? */
bool db_postgres_available(void);

/* Connect to uri (postgres://... with an optional ?schema=).  Returns 0
 * with *conn and the schema to read (*schema, the caller frees), or -1
 * and one line in *err: "cannot connect to URI-WITHOUT-PASSWORD: reason". */
int db_postgres_connect(const char *uri, struct pg_conn **conn, char **schema, char **err);
void db_postgres_disconnect(struct pg_conn *conn);

/* Introspect `schema` on an open connection (links are not inferred).
 * Outside a transaction it opens one and rolls it back; inside one (the
 * caller's, e.g. apply's, after its DDL) it works in a savepoint that is
 * rolled back, so the caller's transaction goes on untouched.  `name` is
 * what messages call the database.  Returns 0 and *out (warnings about
 * what the model cannot hold in dl), or -1 and a one-line *err. */
int db_postgres_introspect(struct pg_conn *conn, const char *schema, const char *name,
			   struct model **out, struct diag_list *dl, char **err);

/* Connect, introspect, infer links, disconnect. */
int db_postgres_import_uri(const char *uri, struct model **out, struct diag_list *dl,
			   char **err);

#endif
