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

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dialect.h"
#include "model.h"

/* The whole script, with a header comment naming the model and dialect.
 * The caller frees. */
char *ddl_model(const struct model *m, const struct dialect *d, struct diag_list *dl);

/* One table's CREATE TABLE statement (and its indexes), for previews. */
char *ddl_table(const struct model *m, const struct table *t, const struct dialect *d,
		struct diag_list *dl);

/* ---- Pieces shared with migration planning (plan.c), so that a rebuilt
 * or altered table is spelled exactly as CREATE spells it. ---- */

/* The CREATE TABLE statement of t alone, without terminator, indexes or
 * COMMENT ON; named as_name instead of t->name when as_name is given
 * (constraint names still come from t->name).  Without with_fks the
 * foreign keys are left out (the caller adds them later). */
char *ddl_create_table(const struct model *m, const struct table *t, const char *as_name,
		       bool with_fks, const struct dialect *d, struct diag_list *dl);

/* One column as in CREATE TABLE: name, type, NOT NULL, DEFAULT,
 * autoincrement, inline comment; never PRIMARY KEY. */
char *ddl_column_definition(const struct model *m, const struct table *t,
			    const struct column *c, const struct dialect *d,
			    struct diag_list *dl);

/* The column's default as an SQL expression (what follows DEFAULT), or
 * NULL when it has none. */
char *ddl_column_default(const struct model *m, const struct table *t,
			 const struct column *c, const struct dialect *d,
			 struct diag_list *dl);

/* The named objects of a table, in DDL order: constraints as their
 * "CONSTRAINT name ..." clause, indexes as their CREATE INDEX statement
 * (no terminator).  Every foreign key is listed, also those CREATE adds
 * afterwards with ALTER TABLE. */
enum ddl_object_kind { DDL_OBJ_UNIQUE, DDL_OBJ_FOREIGN_KEY, DDL_OBJ_CHECK, DDL_OBJ_INDEX };
struct ddl_object {
	enum ddl_object_kind kind;
	char *name;
	char *sql;
};
struct ddl_objects {
	struct ddl_object *items;
	size_t n;
	size_t cap;
};
void ddl_table_objects(const struct model *m, const struct table *t, const struct dialect *d,
		       struct ddl_objects *out, struct diag_list *dl);
/* Only the indexes of ddl_table_objects (same names, texts and order),
 * without the cost of the CREATE TABLE around them. */
void ddl_table_index_objects(const struct model *m, const struct table *t,
			     const struct dialect *d, struct ddl_objects *out,
			     struct diag_list *dl);
void ddl_objects_free(struct ddl_objects *o);

/* Where the engine keeps a CHECK, an index predicate or a view only
 * normalised (dialect->sql_text_comments), CREATE writes the model's own
 * text after it as COMMENT ON ... IS '<text>'; a plan that creates one
 * writes the same.  The statement without terminator, or NULL when the
 * dialect or the object (of table t, from ddl_table_objects) has none. */
char *ddl_text_comment(const struct table *t, const struct ddl_object *o,
		       const struct dialect *d);
char *ddl_view_text_comment(const struct sql_object *v, const struct dialect *d);

#endif
