/* history.h — the migrations `skema apply` recorded in a database's
 * skema_migrations table (apply.h writes it), read back for display. */
#ifndef SKEMA_HISTORY_H
#define SKEMA_HISTORY_H

#include <stddef.h>
#include <stdint.h>

struct migration {
	int64_t id;
	char *applied_at;       /* "2024-05-01T12:00:00Z" */
	char *checksum;         /* of the model applied */
	char *sql;              /* the statements run */
};

struct history {
	struct migration *items;   /* newest first */
	size_t n, cap;
};

void history_init(struct history *h);
void history_free(struct history *h);

/* Read the history of the SQLite database at path, read-only.  A missing
 * file or a database without the table has an empty history.  0, or -1
 * with *err (the caller frees). */
int history_read(const char *path, struct history *h, char **err);

#endif
