/* bench-pragma.c — the floor of introspecting a SQLite database.
 *
 *     bench-pragma DATABASE
 *
 * Opens the database read-only and runs the PRAGMAs skema import runs
 * (table_info, index_list, index_info of every index, foreign_key_list)
 * over every table listed in sqlite_schema, reading every column of every
 * row as text, and builds nothing from them.  Prints the number of rows
 * read.  The benchmark driver times the whole process, as it times
 * `skema import`, so that both pay the same start-up and open. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static sqlite3 *db;

/* Steps STMT to the end, touching every column; returns rows or -1. */
static long drain(sqlite3_stmt *st, size_t *bytes)
{
	long rows = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);

		for (int i = 0; i < n; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);

			if (v)
				*bytes += (size_t)sqlite3_column_bytes(st, i);
		}
		rows++;
	}
	return rc == SQLITE_DONE ? rows : -1;
}

static long pragma(const char *sql, const char *arg, size_t *bytes)
{
	sqlite3_stmt *st;
	long rows;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	rows = drain(st, bytes);
	sqlite3_finalize(st);
	return rows;
}

int main(int argc, char **argv)
{
	sqlite3_stmt *tables, *ixl;
	long rows = 0, r;
	size_t bytes = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-pragma DATABASE\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-pragma: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 2;
	}
	if (sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
			       "AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &tables,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT name FROM pragma_index_list(?1)", -1, &ixl,
			       NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-pragma: %s\n", sqlite3_errmsg(db));
		return 2;
	}
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);

		bytes += (size_t)sqlite3_column_bytes(tables, 1);
		if ((r = pragma("SELECT * FROM pragma_table_info(?1)", t, &bytes)) < 0)
			goto fail;
		rows += r;
		if ((r = pragma("SELECT * FROM pragma_index_list(?1)", t, &bytes)) < 0)
			goto fail;
		rows += r;
		sqlite3_bind_text(ixl, 1, t, -1, SQLITE_STATIC);
		while (sqlite3_step(ixl) == SQLITE_ROW) {
			const char *ix = (const char *)sqlite3_column_text(ixl, 0);

			if ((r = pragma("SELECT * FROM pragma_index_info(?1)", ix, &bytes)) < 0)
				goto fail;
			rows += r;
		}
		sqlite3_reset(ixl);
		if ((r = pragma("SELECT * FROM pragma_foreign_key_list(?1)", t, &bytes)) < 0)
			goto fail;
		rows += r;
	}
	sqlite3_finalize(ixl);
	sqlite3_finalize(tables);
	sqlite3_close(db);
	printf("%ld rows, %zu bytes\n", rows, bytes);
	return 0;
fail:
	fprintf(stderr, "bench-pragma: %s\n", sqlite3_errmsg(db));
	return 2;
}
