/* db-sqlite.h — an SQLite database as a model.
 *
 * The PRAGMAs (table_info, index_list, index_info, index_xinfo,
 * foreign_key_list) give columns, keys, indexes and foreign keys; what they
 * do not tell — CHECK constraints and their names, AUTOINCREMENT, the
 * `-- comments` the DDL generator writes, WITHOUT ROWID / STRICT, a
 * partial index's WHERE, a view's SELECT — is read from the stored CREATE
 * text through sql-lexer.h.
 *
 * The mapping is the inverse of `skema ddl -d sqlite`: a declared type,
 * default, CHECK or index comes back as the model key the generator
 * writes it from whenever the generator would write exactly that text
 * again (VARCHAR(100) -> varchar(100), CONSTRAINT "ck_t_age_ge" CHECK
 * ("age" >= 0) -> ge: 0, "ix_t_name" -> index: true...); anything else is
 * kept verbatim.  So import -> ddl -> import is a fixpoint.
 *
 * Reading never writes: the file is opened read-only. */
#ifndef SKEMA_DB_SQLITE_H
#define SKEMA_DB_SQLITE_H

#include "diag.h"
#include "model.h"

struct sqlite3;

/* Open the database file at path read-only and introspect it, links
 * inferred.  Returns 0 and *out (warnings about what the model cannot
 * hold may be in dl), or -1 and a one-line *err: unreadable file, not an
 * SQLite database, corrupt database.  An empty database is an empty
 * model. */
int db_sqlite_import_file(const char *path, struct model **out, struct diag_list *dl,
			  char **err);

/* Introspect an open connection (links are not inferred).  `name` is
 * what error messages call the database. */
int db_sqlite_introspect(struct sqlite3 *db, const char *name, struct model **out,
			 struct diag_list *dl, char **err);

#endif
