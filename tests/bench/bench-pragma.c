/* bench-pragma.c — the floor of introspecting a SQLite database.
 *
 *     bench-pragma DATABASE
 *
 * Opens the database read-only the way skema import does (URI, NOMUTEX)
 * and runs exactly the catalog queries it runs, in the same form, reading
 * every column of every row as text, and builds nothing from them:
 * sqlite_schema's tables,
 * indexes, views and triggers (one query each), pragma_table_list for
 * shadow tables, then for every table PRAGMA table_info, foreign_key_list
 * and index_list, and PRAGMA index_xinfo of every index that is not the
 * primary key's.  Prints the number of rows and bytes read.  The benchmark
 * driver times the whole process, as it times `skema import`, so that both
 * pay the same start-up and open.
 *
 * The PRAGMAs are statements prepared per object (the form skema uses and
 * the cheapest: a table-valued pragma_x(?) prepared once still prepares
 * that same PRAGMA statement inside every call and copies every value).
 * Until November 2026 this floor prepared pragma_x(?1) anew for every
 * call and read index_list twice, which skema never did: it overstated
 * the floor by about half. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

static sqlite3 *db;
static long rows;
static size_t bytes;

static void fail(void)
{
	fprintf(stderr, "bench-pragma: %s\n", sqlite3_errmsg(db));
	exit(2);
}

static sqlite3_stmt *prepare(const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail();
	return st;
}

/* Steps st to the end, touching every column. */
static void drain(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);

		for (int i = 0; i < n; i++)
			if (sqlite3_column_text(st, i))
				bytes += (size_t)sqlite3_column_bytes(st, i);
		rows++;
	}
	if (rc != SQLITE_DONE)
		fail();
}

/* PRAGMA main.what("object"), as skema builds it. */
static sqlite3_stmt *pragma(const char *what, const char *object)
{
	size_t n = strlen(what) + 2 * strlen(object) + 32, k;
	char *sql = malloc(n);
	sqlite3_stmt *st;

	k = (size_t)snprintf(sql, n, "PRAGMA main.%s(\"", what);
	for (const char *p = object; *p; p++) {
		if (*p == '"')
			sql[k++] = '"';
		sql[k++] = *p;
	}
	memcpy(sql + k, "\")", 3);
	st = prepare(sql);
	free(sql);
	return st;
}

static void table(const char *t)
{
	sqlite3_stmt *st = pragma("table_info", t);

	drain(st);
	sqlite3_finalize(st);
	st = pragma("foreign_key_list", t);
	drain(st);
	sqlite3_finalize(st);
	st = pragma("index_list", t);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *ix = (const char *)sqlite3_column_text(st, 1);
		const char *origin = (const char *)sqlite3_column_text(st, 3);
		sqlite3_stmt *xi;

		rows++;
		for (int i = 0; i < 5; i++)
			if (sqlite3_column_text(st, i))
				bytes += (size_t)sqlite3_column_bytes(st, i);
		if (!ix || !origin || strcmp(origin, "pk") == 0)
			continue;
		xi = pragma("index_xinfo", ix);
		drain(xi);
		sqlite3_finalize(xi);
	}
	sqlite3_finalize(st);
}

int main(int argc, char **argv)
{
	sqlite3_stmt *tables, *st;
	char *uri;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-pragma DATABASE\n");
		return 2;
	}
	uri = sqlite3_mprintf("file:%s?mode=ro&immutable=0", argv[1]);
	if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK)
		fail();
	sqlite3_free(uri);
	tables = prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid");
	st = prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'");
	drain(st);
	sqlite3_finalize(st);
	st = prepare("SELECT name, sql, rowid FROM sqlite_schema "
		     "WHERE type = 'index' AND name IS NOT NULL");
	drain(st);
	sqlite3_finalize(st);
	while (sqlite3_step(tables) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(tables, 0);

		rows++;
		bytes += (size_t)sqlite3_column_bytes(tables, 1);
		if (t && strncmp(t, "sqlite_", 7) != 0)
			table(t);
	}
	sqlite3_finalize(tables);
	st = prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema "
		     "WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY rowid");
	drain(st);
	sqlite3_finalize(st);
	sqlite3_close(db);
	printf("%ld rows, %zu bytes\n", rows, bytes);
	return 0;
}
