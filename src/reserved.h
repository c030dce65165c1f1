/* reserved.h — reserved words of the SQL dialects skema targets.  The
 * checker warns about names that are reserved somewhere (they work, since
 * every identifier is quoted, but they make hand-written SQL painful). */
#ifndef SKEMA_RESERVED_H
#define SKEMA_RESERVED_H

#include <stdbool.h>

enum dialect_id { DIALECT_SQLITE, DIALECT_POSTGRES, DIALECT_MYSQL, DIALECT_COUNT };
const char *dialect_id_name(enum dialect_id d);   /* "sqlite", "postgres", "mysql" */

/* Case-insensitive; binary search over sorted tables. */
bool reserved_in(enum dialect_id d, const char *word);

#endif
