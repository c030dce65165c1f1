/* sqlite-schema.c — print what tests/check-import.sh compares between two
 * SQLite databases, one sorted line per fact, straight from the PRAGMAs:
 * tables, columns (declared type, nullability, default, key position),
 * foreign keys with actions, indexes with their columns, uniqueness and
 * WHERE, CHECK texts, table options, views and triggers.
 *
 * Autoindex names depend on the order constraints were declared in, so
 * UNIQUE / PRIMARY KEY indexes are compared by their columns.  A key
 * column counts as NOT NULL: the model cannot say otherwise (SQLite's
 * nullable non-integer primary keys are a legacy quirk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "sql-lexer.h"
#include "util.h"

static sqlite3 *db;

static sqlite3_stmt *prep(const char *sql, const char *param)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite-schema: %s\n", sqlite3_errmsg(db));
		exit(2);
	}
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	return st;
}

static const char *txt(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? s : "<null>";
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void flush(struct strlist *lines)
{
	if (lines->n > 1)
		qsort(lines->items, lines->n, sizeof(char *), cmp);
	for (size_t i = 0; i < lines->n; i++)
		printf("%s\n", lines->items[i]);
	strlist_free(lines);
}

/* The text inside every CHECK (...) of a CREATE TABLE, trimmed. */
static void checks(const char *table, const char *sql, struct strlist *lines)
{
	struct sql_lexer lx;
	struct sql_token t;
	size_t n = strlen(sql);
	bool after_check = false;

	sql_lexer_init(&lx, sql, n);
	while (sql_lexer_next_code(&lx, &t)) {
		if (after_check && sql_token_is_punct(sql, &t, "(")) {
			size_t from = t.start + 1, to;
			int depth = 1;

			while (depth > 0 && sql_lexer_next_code(&lx, &t)) {
				if (sql_token_is_punct(sql, &t, "("))
					depth++;
				else if (sql_token_is_punct(sql, &t, ")"))
					depth--;
			}
			to = t.start;
			while (from < to && strchr(" \t\r\n", sql[from]))
				from++;
			while (to > from && strchr(" \t\r\n", sql[to - 1]))
				to--;
			strlist_push_owned(lines, xasprintf("%s check %.*s", table,
							    (int)(to - from), sql + from));
		}
		after_check = sql_token_is_word(sql, &t, "CHECK");
	}
}

static void table(const char *name, const char *sql)
{
	struct strlist lines;
	sqlite3_stmt *st, *cols;

	strlist_init(&lines);
	printf("table %s\n", name);
	st = prep("SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)",
		  name);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s column %d %s|%s|%s|%s|pk=%d\n", name, sqlite3_column_int(st, 0),
		       txt(st, 1), txt(st, 2),
		       sqlite3_column_int(st, 3) || sqlite3_column_int(st, 5) ? "not null" : "null",
		       txt(st, 4), sqlite3_column_int(st, 5));
	sqlite3_finalize(st);

	st = prep("SELECT id, group_concat(\"from\", ','), \"table\", group_concat(\"to\", ','), "
		  "on_update, on_delete, \"match\" FROM "
		  "(SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq) GROUP BY id", name);
	while (sqlite3_step(st) == SQLITE_ROW)
		strlist_push_owned(&lines, xasprintf("%s fk (%s) -> %s(%s) on update %s on delete %s match %s",
						     name, txt(st, 1), txt(st, 2), txt(st, 3),
						     txt(st, 4), txt(st, 5), txt(st, 6)));
	sqlite3_finalize(st);

	st = prep("SELECT il.name, il.\"unique\", il.origin, il.partial, s.sql "
		  "FROM pragma_index_list(?) il LEFT JOIN sqlite_schema s "
		  "ON s.type = 'index' AND s.name = il.name", name);
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct strbuf sb;
		const char *origin = txt(st, 2);

		sb_init(&sb);
		if (strcmp(origin, "c") == 0)
			sb_printf(&sb, "%s index %s unique=%d partial=%d", name, txt(st, 0),
				  sqlite3_column_int(st, 1), sqlite3_column_int(st, 3));
		else
			sb_printf(&sb, "%s constraint-index origin=%s", name, origin);
		cols = prep("SELECT cid, name, \"desc\", coll, key FROM pragma_index_xinfo(?) "
			    "ORDER BY seqno", txt(st, 0));
		while (sqlite3_step(cols) == SQLITE_ROW)
			sb_printf(&sb, " [%d %s desc=%d %s key=%d]", sqlite3_column_int(cols, 0),
				  txt(cols, 1), sqlite3_column_int(cols, 2), txt(cols, 3),
				  sqlite3_column_int(cols, 4));
		sqlite3_finalize(cols);
		if (sqlite3_column_int(st, 3)) {
			/* The WHERE text: after the word WHERE at depth 0. */
			const char *isql = txt(st, 4), *where = NULL;
			struct sql_lexer lx;
			struct sql_token t;
			int depth = 0;

			sql_lexer_init(&lx, isql, strlen(isql));
			while (!where && sql_lexer_next_code(&lx, &t)) {
				if (sql_token_is_punct(isql, &t, "("))
					depth++;
				else if (sql_token_is_punct(isql, &t, ")"))
					depth--;
				else if (depth == 0 && sql_token_is_word(isql, &t, "WHERE"))
					where = isql + t.start + t.len;
			}
			while (where && strchr(" \t\r\n", *where) && *where)
				where++;
			sb_printf(&sb, " where %s", where ? where : "?");
		}
		strlist_push_owned(&lines, sb_release(&sb));
	}
	sqlite3_finalize(st);

	checks(name, sql, &lines);

	st = prep("SELECT wr, strict FROM pragma_table_list WHERE schema = 'main' AND name = ?", name);
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s options without_rowid=%d strict=%d\n", name, sqlite3_column_int(st, 0),
		       sqlite3_column_int(st, 1));
	sqlite3_finalize(st);
	flush(&lines);
}

int main(int argc, char **argv)
{
	struct strlist names, sqls, others;
	sqlite3_stmt *st;

	if (argc != 2) {
		fprintf(stderr, "usage: sqlite-schema DATABASE\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite-schema: %s: %s\n", argv[1], sqlite3_errmsg(db));
		return 2;
	}
	strlist_init(&names);
	strlist_init(&sqls);
	strlist_init(&others);
	st = prep("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
		  "ESCAPE '\\' AND name <> 'skema_migrations' ORDER BY name", NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *type = txt(st, 0);

		if (strcmp(type, "table") == 0) {
			strlist_push(&names, txt(st, 1));
			strlist_push(&sqls, txt(st, 2));
		} else if (strcmp(type, "trigger") == 0) {
			strlist_push_owned(&others, xasprintf("trigger %s: %s", txt(st, 1), txt(st, 2)));
		} else if (strcmp(type, "view") == 0) {
			sqlite3_stmt *cols = prep("SELECT group_concat(name, ',') FROM "
						  "pragma_table_info(?)", txt(st, 1));

			if (sqlite3_step(cols) == SQLITE_ROW)
				strlist_push_owned(&others, xasprintf("view %s (%s)", txt(st, 1),
								      txt(cols, 0)));
			sqlite3_finalize(cols);
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < names.n; i++)
		table(names.items[i], sqls.items[i]);
	flush(&others);
	strlist_free(&names);
	strlist_free(&sqls);
	sqlite3_close(db);
	return 0;
}
