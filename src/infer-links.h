/* infer-links.h — the links of a model read from a database, inferred
 * from its foreign keys (shared by the SQLite and PostgreSQL importers).
 *
 * - A table whose primary key is exactly two columns, each a foreign key
 *   to the single-column primary key of a table, is the `through` table
 *   of a many_to_many link (left: the table of the first key column).
 *   Its other columns do not matter.
 * - Every other single-column foreign key to a table's single-column
 *   primary key is a one_to_many link from that table (parent) to the
 *   referencing one (child) via the column.
 *
 * Relationship names are identifiers unique on their table (never a
 * column's name): the child side is named after the column without its
 * id suffix (team_id -> team, ArtistId -> Artist) or after the parent
 * table, the parent side after the child table in the plural
 * (hero -> heroes, category -> categories); a many_to_many side after
 * the other key column in the plural (power_id -> powers).  A table that
 * references itself gets `parent` (unless the column names it: manager_id
 * -> manager) and `children`.
 * Links come in the order of their child / through tables. */
#ifndef SKEMA_INFER_LINKS_H
#define SKEMA_INFER_LINKS_H

#include <stddef.h>

#include "model.h"

/* Append the inferred links to m->links; returns how many. */
size_t infer_links(struct model *m);

/* The English plural of a name's last word, keeping its case
 * ("category" -> "categories", "Box" -> "Boxes", "USER" -> "USERS").
 * The caller frees. */
char *infer_links_plural(const char *name);

#endif
