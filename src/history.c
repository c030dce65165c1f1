/* history.c — see history.h. */
#include "history.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

void history_init(struct history *h)
{
	memset(h, 0, sizeof *h);
}

void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->items[i].applied_at);
		free(h->items[i].checksum);
		free(h->items[i].sql);
	}
	free(h->items);
	history_init(h);
}

static char *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return xstrdup(s ? (const char *)s : "");
}

int history_read(const char *path, struct history *h, char **err)
{
	static const char sql[] =
		"SELECT id, applied_at, checksum, sql FROM skema_migrations ORDER BY id DESC";
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc;

	if (access(path, F_OK) != 0)
		return 0;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		*err = xasprintf("cannot open '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 1000);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		/* no such table: nothing applied yet */
		const char *msg = sqlite3_errmsg(db);
		int status = strstr(msg, "no such table") ? 0 : -1;

		if (status)
			*err = xasprintf("cannot read the history of '%s': %s", path, msg);
		sqlite3_close(db);
		return status;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct migration *m;

		xgrow(&h->items, &h->cap, h->n + 1, sizeof(*h->items));
		m = &h->items[h->n++];
		m->id = sqlite3_column_int64(st, 0);
		m->applied_at = column_text(st, 1);
		m->checksum = column_text(st, 2);
		m->sql = column_text(st, 3);
	}
	if (rc != SQLITE_DONE) {
		*err = xasprintf("cannot read the history of '%s': %s", path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}
