/* import-sql.h — a .sql file as a model: its statements are executed one
 * by one in an in-memory SQLite database, which is then introspected
 * (db-sqlite.h) and its links inferred.
 *
 * Nothing outside that memory is touched: ATTACH and VACUUM INTO, the
 * statements that would write files, are refused. */
#ifndef SKEMA_IMPORT_SQL_H
#define SKEMA_IMPORT_SQL_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* Returns 0 and *out; or -1 with either one error diagnostic in dl, at
 * the line and column where the failing statement starts, carrying
 * SQLite's message (printed as FILE:LINE:COL: error: message), or a
 * one-line *err when the file cannot be read. */
int import_sql_file(const char *path, struct model **out, struct diag_list *dl,
		    char **err);

/* The same for SQL text in memory; `name` is what messages call it. */
int import_sql_text(const char *name, const char *text, size_t len, struct model **out,
		    struct diag_list *dl, char **err);

#endif
