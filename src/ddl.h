/* ddl.h — CREATE statements for a whole model in one dialect.
 *
 * Tables and columns come in the model's order; a foreign key that names
 * a table created later (or a cycle) is added afterwards with ALTER TABLE
 * where the dialect cannot reference forward inline.  Output is
 * deterministic.  Problems the dialect cannot express (a partial index on
 * MySQL, a SQLite trigger body on PostgreSQL...) become warnings in dl;
 * the SQL produced still runs. */
#ifndef SKEMA_DDL_H
#define SKEMA_DDL_H

#include "diag.h"
#include "dialect.h"
#include "model.h"

/* The whole script, with a header comment naming the model and dialect.
 * The caller frees. */
char *ddl_model(const struct model *m, const struct dialect *d, struct diag_list *dl);

/* One table's CREATE TABLE statement (and its indexes), for previews. */
char *ddl_table(const struct model *m, const struct table *t, const struct dialect *d,
		struct diag_list *dl);

#endif
