/* import-sql.c — see import-sql.h. */
#include "import-sql.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db-sqlite.h"
#include "infer-links.h"
#include "model-yaml.h"
#include "sql-lexer.h"

static int refuse_files(void *unused, int action, const char *a, const char *b,
			const char *c, const char *d)
{
	(void)unused, (void)a, (void)b, (void)c, (void)d;
	/* VACUUM INTO asks for SQLITE_ATTACH too. */
	return action == SQLITE_ATTACH ? SQLITE_DENY : SQLITE_OK;
}

/* Where the statement that begins at offset `at` really starts: after
 * blanks and comments.  *line and *col are those of offset `from` on
 * entry (from <= at) and move along. */
static struct pos statement_pos(const char *text, size_t len, size_t from, size_t at,
				uint32_t *line, uint32_t *col)
{
	struct sql_lexer lx;
	struct sql_token tok;
	struct pos p;

	for (size_t i = from; i < at; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
	sql_lexer_init(&lx, text + at, len - at);
	sql_lexer_next_code(&lx, &tok);
	p.line = *line + tok.line - 1;
	p.col = tok.line == 1 ? *col + tok.col - 1 : tok.col;
	return p;
}

static void statement_error(sqlite3 *db, int rc, struct pos p, struct diag_list *dl)
{
	if (rc == SQLITE_AUTH)
		diag_add(dl, SEV_ERROR, p, "ATTACH and VACUUM INTO are not allowed in an "
			 "imported file: they would write to disk");
	else
		diag_add(dl, SEV_ERROR, p, "%s", sqlite3_errmsg(db));
}

/* Run every statement; false after the first failure (in dl). */
static bool run_all(sqlite3 *db, const char *text, size_t len, struct diag_list *dl)
{
	size_t at = 0, seen = 0;
	uint32_t line = 1, col = 1;

	while (at < len) {
		sqlite3_stmt *st = NULL;
		const char *tail = NULL;
		struct pos p = statement_pos(text, len, seen, at, &line, &col);
		int rc;

		seen = at;
		rc = sqlite3_prepare_v2(db, text + at, (int)(len - at), &st, &tail);
		if (rc != SQLITE_OK) {
			statement_error(db, rc, p, dl);
			sqlite3_finalize(st);
			return false;
		}
		while (st && (rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		if (st && rc != SQLITE_DONE) {
			statement_error(db, rc, p, dl);
			return false;
		}
		if (!tail || tail <= text + at)
			break;
		at = (size_t)(tail - text);
	}
	return true;
}

int import_sql_text(const char *name, const char *text, size_t len, struct model **out,
		    struct diag_list *dl, char **err)
{
	sqlite3 *db = NULL;
	int rc;

	*out = NULL;
	if (len > 0x7fffffff) {
		*err = xasprintf("%s is too large", name);
		return -1;
	}
	rc = sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		*err = xasprintf("%s: cannot create an in-memory database: %s", name,
				 sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	sqlite3_set_authorizer(db, refuse_files, NULL);
	if (!run_all(db, text, len, dl)) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_set_authorizer(db, NULL, NULL);
	rc = db_sqlite_introspect(db, name, out, dl, err);
	sqlite3_close(db);
	if (rc == 0)
		infer_links(*out);
	return rc;
}

int import_sql_file(const char *path, struct model **out, struct diag_list *dl, char **err)
{
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	if (file_read_all(path, &text, &len, err) != 0)
		return -1;
	rc = import_sql_text(path, text, len, out, dl, err);
	free(text);
	return rc;
}
