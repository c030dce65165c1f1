/* apply.c — see apply.h. */
#include "apply.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db-sqlite.h"
#include "dialect.h"
#include "model-yaml.h"

static const struct pos nopos;

char *apply_model_checksum(const struct model *m)
{
	size_t len;
	char *text = model_save_yaml(m, &len);
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)text[i];
		h *= 0x100000001b3ull;
	}
	free(text);
	return xasprintf("%016llx", (unsigned long long)h);
}

/* "12,345" */
static void add_count(struct strbuf *sb, int64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			sb_addc(sb, ',');
		sb_addc(sb, digits[i]);
	}
}

static char *quoted(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(&dialect_sqlite, &sb, name);
	return sb_release(&sb);
}

/* One integer from a query, -1 on error. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int64_t count_rows(sqlite3 *db, const char *table)
{
	char *q = quoted(table);
	char *sql = xasprintf("SELECT count(*) FROM %s", q);
	int64_t n = query_int(db, sql);

	free(sql);
	free(q);
	return n;
}

static int64_t count_non_null(sqlite3 *db, const char *table, const char *column)
{
	char *qt = quoted(table), *qc = quoted(column);
	char *sql = xasprintf("SELECT count(%s) FROM %s", qc, qt);
	int64_t n = query_int(db, sql);

	free(sql);
	free(qc);
	free(qt);
	return n;
}

/* What the destructive changes lose on this database, in numbers. */
static void loss_notes(struct apply *ap, sqlite3 *db)
{
	struct strbuf sb;
	int64_t n;

	ap->loss_notes = xcalloc(ap->changes.n ? ap->changes.n : 1, sizeof(char *));
	sb_init(&sb);
	for (size_t i = 0; i < ap->changes.n; i++) {
		const struct change *ch = &ap->changes.items[i];

		if (!ch->destructive || !ch->from_table)
			continue;
		if (ch->kind == CH_DROP_TABLE) {
			if ((n = count_rows(db, ch->from_table->name)) < 0)
				continue;
			sb_reset(&sb);
			add_count(&sb, n);
			sb_add(&sb, n == 1 ? " row" : " rows");
			ap->loss_notes[i] = xstrdup(sb.buf);
		} else if (ch->from_column && (ch->kind == CH_DROP_COLUMN ||
					       ch->kind == CH_ALTER_COLUMN)) {
			n = count_non_null(db, ch->from_table->name, ch->from_column->name);
			if (n < 0)
				continue;
			sb_reset(&sb);
			add_count(&sb, n);
			sb_add(&sb, n == 1 ? " non-null value" : " non-null values");
			ap->loss_notes[i] = xstrdup(sb.buf);
		}
	}
	sb_free(&sb);
}

/* plan_options: a new NOT NULL column without a default is fine on a
 * table without rows. */
static bool table_is_empty(void *ctx, const char *table)
{
	return ctx && count_rows(ctx, table) == 0;
}

int apply_open(struct apply *ap, const char *path, const struct model *m,
	       struct diag_list *dl)
{
	struct stat stbuf;
	sqlite3 *db = NULL;
	char *err = NULL;
	int rc;

	memset(ap, 0, sizeof(*ap));
	ap->path = xstrdup(path);
	ap->model = m;
	change_list_init(&ap->changes);
	plan_init(&ap->plan, &dialect_sqlite);
	ap->checksum = apply_model_checksum(m);

	if (stat(path, &stbuf) != 0) {
		if (errno != ENOENT) {
			diag_add(dl, SEV_ERROR, nopos, "cannot read %s: %s", path, strerror(errno));
			return -1;
		}
		ap->is_new = true;
	} else if (S_ISDIR(stbuf.st_mode)) {
		diag_add(dl, SEV_ERROR, nopos, "%s is a directory, not a database", path);
		return -1;
	} else if (stbuf.st_size == 0) {
		ap->is_new = true;
	}
	if (ap->is_new) {
		ap->current = model_new();
	} else {
		rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
		if (rc != SQLITE_OK) {
			diag_add(dl, SEV_ERROR, nopos, "cannot open %s: %s", path,
				 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
			sqlite3_close(db);
			return -1;
		}
		sqlite3_busy_timeout(db, APPLY_BUSY_TIMEOUT_MS);
		if (db_sqlite_introspect(db, path, &ap->current, dl, &err) != 0) {
			diag_add(dl, SEV_ERROR, nopos, "%s", err);
			free(err);
			sqlite3_close(db);
			return -1;
		}
	}
	diff_models(ap->current, m, &ap->changes);
	{
		struct plan_options po = { .table_is_empty = table_is_empty, .ctx = db };

		rc = plan_build_with(ap->current, m, &ap->changes, &dialect_sqlite, &po,
				     &ap->plan, dl);
	}
	if (db) {
		if (rc == 0)
			loss_notes(ap, db);
		sqlite3_close(db);
	}
	return rc == 0 ? 0 : -1;
}

void apply_close(struct apply *ap)
{
	if (ap->loss_notes)
		for (size_t i = 0; i < ap->changes.n; i++)
			free(ap->loss_notes[i]);
	free(ap->loss_notes);
	plan_free(&ap->plan);
	change_list_free(&ap->changes);
	model_free(ap->current);
	free(ap->checksum);
	free(ap->path);
	memset(ap, 0, sizeof(*ap));
}

bool apply_up_to_date(const struct apply *ap)
{
	return ap->plan.n == 0;
}

char *apply_render(const struct apply *ap)
{
	return plan_render(&ap->plan, &ap->changes,
			   (const char *const *)ap->loss_notes);
}

/* ---- running ---- */

struct runner {
	sqlite3 *db;
	const char *name;              /* the database, as messages call it */
	struct apply *ap;
	const struct apply_options *o;
	struct diag_list *dl;
	sqlite3_stmt *cur;             /* the statement running (progress) */
	struct apply_progress prog;
	bool cancelled;
};

static int progress_handler(void *arg)
{
	struct runner *r = arg;
	int64_t done;

	if (!r->o || !r->o->progress || !r->cur)
		return 0;
	/* The copy reads the old table in one full scan: its steps are the
	 * rows read so far. */
	done = sqlite3_stmt_status(r->cur, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0);
	r->prog.rows_done = done < r->prog.rows_total ? done : r->prog.rows_total;
	if (r->o->progress(&r->prog, r->o->progress_ctx) == APPLY_CANCEL) {
		r->cancelled = true;
		return 1;
	}
	return 0;
}

/* The first change the plan implements, for messages about the whole
 * transaction (BEGIN, COMMIT). */
static const char *first_change(const struct apply *ap)
{
	for (size_t i = 0; i < ap->plan.n; i++)
		if (ap->plan.steps[i].change && ap->plan.steps[i].change->summary)
			return ap->plan.steps[i].change->summary;
	return "the migration";
}

static void fail_statement(struct runner *r, const struct change *ch, const char *sql,
			   const char *why)
{
	if (ch && ch->summary)
		diag_add(r->dl, SEV_ERROR, nopos,
			 "change '%s' failed on %s: %s\n  statement: %s",
			 ch->summary, r->name, why, sql);
	else
		diag_add(r->dl, SEV_ERROR, nopos,
			 "cannot apply '%s' (%zu statement%s) to %s: %s\n  statement: %s",
			 first_change(r->ap), r->ap->plan.n, r->ap->plan.n == 1 ? "" : "s",
			 r->name, why, sql);
}

/* Run sql (every statement in it), binding the texts to ?1, ?2.  On
 * error, a diagnostic naming ch and the statement. */
static int run_sql(struct runner *r, const char *sql, const struct change *ch,
		   const char *bind1, const char *bind2)
{
	const char *tail = sql;
	sqlite3_stmt *st;
	int rc;

	while (tail && *tail) {
		const char *start = tail;

		st = NULL;
		rc = sqlite3_prepare_v2(r->db, start, -1, &st, &tail);
		if (rc != SQLITE_OK) {
			fail_statement(r, ch, start, sqlite3_errmsg(r->db));
			return -1;
		}
		if (!st)        /* whitespace or a comment */
			continue;
		if (bind1)
			sqlite3_bind_text(st, 1, bind1, -1, SQLITE_STATIC);
		if (bind2)
			sqlite3_bind_text(st, 2, bind2, -1, SQLITE_STATIC);
		r->cur = st;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		r->cur = NULL;
		if (rc != SQLITE_DONE) {
			/* A cancel is reported once, by run_on. */
			if (!r->cancelled)
				fail_statement(r, ch, sqlite3_sql(st), sqlite3_errmsg(r->db));
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	return 0;
}

static int run_step(struct runner *r, size_t i)
{
	const struct plan_step *s = &r->ap->plan.steps[i];
	bool watch = s->copies_rows && s->copy_table && r->o && r->o->progress;
	int rc;

	if (watch) {
		r->prog = (struct apply_progress){
			.table = s->copy_table, .step = i, .n_steps = r->ap->plan.n,
			.rows_total = count_rows(r->db, s->copy_table),
		};
		if (r->prog.rows_total < 0)
			r->prog.rows_total = 0;
		sqlite3_progress_handler(r->db, 1000, progress_handler, r);
	}
	rc = run_sql(r, s->sql, s->change, NULL, NULL);
	if (watch) {
		sqlite3_progress_handler(r->db, 0, NULL, NULL);
		if (rc == 0) {
			r->prog.rows_done = r->prog.rows_total;
			r->prog.done = true;
			if (r->o->progress(&r->prog, r->o->progress_ctx) == APPLY_CANCEL) {
				r->cancelled = true;
				rc = -1;
			}
		}
	}
	return rc;
}

/* The plan's statements joined, as the history records them. */
static char *plan_sql(const struct plan *p)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < p->n; i++) {
		sb_add(&sb, p->steps[i].sql);
		sb_add(&sb, ";\n");
	}
	return sb_release(&sb);
}

static int record_history(struct runner *r)
{
	static const char create[] =
		"CREATE TABLE IF NOT EXISTS skema_migrations (\n"
		"  id INTEGER PRIMARY KEY,\n"
		"  applied_at TEXT NOT NULL,\n"
		"  checksum TEXT NOT NULL,\n"
		"  sql TEXT NOT NULL\n"
		")";
	static const char insert[] =
		"INSERT INTO skema_migrations (applied_at, checksum, sql) "
		"VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?1, ?2)";
	char *sql = plan_sql(&r->ap->plan);
	int rc;

	rc = run_sql(r, create, NULL, NULL, NULL);
	if (rc == 0)
		rc = run_sql(r, insert, NULL, r->ap->checksum, sql);
	free(sql);
	return rc;
}

/* The rows PRAGMA foreign_key_check reports, as "table\037rowid\037parent"
 * keys (one per violation), in *keys; with a description of the first
 * few that are not in `known` in *msg.  Returns the number of those, or
 * -1 when the check cannot run. */
static int foreign_key_violations(struct runner *r, struct strlist *keys,
				  const struct strlist *known, struct strbuf *msg)
{
	sqlite3_stmt *st = NULL;
	int n = 0, rc;

	if (sqlite3_prepare_v2(r->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		fail_statement(r, NULL, "PRAGMA foreign_key_check", sqlite3_errmsg(r->db));
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		bool has_rowid = sqlite3_column_type(st, 1) != SQLITE_NULL;
		long long rowid = sqlite3_column_int64(st, 1);
		char *key;

		table = table ? table : "?";
		parent = parent ? parent : "?";
		key = has_rowid ? xasprintf("%s\037%lld\037%s", table, rowid, parent)
			: xasprintf("%s\037\037%s", table, parent);
		if (known && strlist_find(known, key) >= 0) {
			free(key);
			continue;
		}
		if (msg && n < 5) {
			sb_add(msg, n ? "; " : "");
			if (has_rowid)
				sb_printf(msg, "row %lld of '%s'", rowid, table);
			else
				sb_printf(msg, "a row of '%s'", table);
			sb_printf(msg, " references a missing row of '%s'", parent);
		}
		n++;
		if (keys)
			strlist_push_owned(keys, key);
		else
			free(key);
	}
	if (rc != SQLITE_DONE) {
		fail_statement(r, NULL, "PRAGMA foreign_key_check", sqlite3_errmsg(r->db));
		n = -1;
	}
	sqlite3_finalize(st);
	return n;
}

/* Violations the database already had are not the migration's doing and
 * must not block it; a new one fails it. */
static int check_foreign_keys(struct runner *r, const struct strlist *known)
{
	struct strbuf msg;
	int n;

	sb_init(&msg);
	n = foreign_key_violations(r, NULL, known, &msg);
	if (n > 0) {
		if (n > 5)
			sb_printf(&msg, " (and %d more)", n - 5);
		diag_add(r->dl, SEV_ERROR, nopos,
			 "foreign key check failed on %s after the migration: %s", r->name, msg.buf);
	}
	sb_free(&msg);
	return n == 0 ? 0 : -1;
}

/* Introspect the connection (inside the transaction); NULL on error. */
static struct model *introspect(struct runner *r)
{
	struct diag_list scratch;
	struct model *m = NULL;
	char *err = NULL;

	diag_list_init(&scratch);
	if (db_sqlite_introspect(r->db, r->name, &m, &scratch, &err) != 0) {
		diag_add(r->dl, SEV_ERROR, nopos, "cannot read %s back: %s", r->name, err);
		free(err);
		m = NULL;
	}
	diag_list_free(&scratch);
	return m;
}

/* The database now equals the model: the plan from it has no statement. */
static int verify(struct runner *r)
{
	struct model *now = introspect(r);
	struct plan_options po = { .table_is_empty = table_is_empty, .ctx = r->db };
	struct change_list cl;
	struct diag_list scratch;
	struct plan p;
	struct strbuf sb;
	int rc = 0;

	if (!now)
		return -1;
	change_list_init(&cl);
	diag_list_init(&scratch);
	plan_init(&p, &dialect_sqlite);
	diff_models(now, r->ap->model, &cl);
	sb_init(&sb);
	if (plan_build_with(now, r->ap->model, &cl, &dialect_sqlite, &po, &p, &scratch) != 0) {
		for (size_t i = 0; i < scratch.n; i++)
			sb_printf(&sb, "%s%s", i ? "; " : "", scratch.items[i].message);
		rc = -1;
	} else if (p.n > 0) {
		const struct change *last = NULL;

		for (size_t i = 0; i < p.n; i++) {
			if (p.steps[i].change == last || !p.steps[i].change)
				continue;
			last = p.steps[i].change;
			sb_printf(&sb, "%s%s", sb.len ? "; " : "",
				  last->summary ? last->summary : "?");
		}
		rc = -1;
	}
	if (rc != 0)
		diag_add(r->dl, SEV_ERROR, nopos,
			 "%s does not match the model after the migration (%s); "
			 "everything was rolled back", r->name, sb.buf);
	sb_free(&sb);
	plan_free(&p);
	diag_list_free(&scratch);
	change_list_free(&cl);
	model_free(now);
	return rc;
}

/* The database is still what apply_open planned against. */
static int same_as_planned(struct runner *r)
{
	struct model *now = introspect(r);
	int rc = 0;

	if (!now)
		return -1;
	if (!model_eq(now, r->ap->current)) {
		diag_add(r->dl, SEV_ERROR, nopos,
			 "%s changed since the plan was made; run again to see the new plan",
			 r->name);
		rc = -1;
	}
	model_free(now);
	return rc;
}

static void remove_db_files(const char *path)
{
	static const char *const suffixes[] = { "-journal", "-wal", "-shm" };

	unlink(path);
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *p = xasprintf("%s%s", path, suffixes[i]);

		unlink(p);
		free(p);
	}
}

/* Run the plan on the database at path, which messages call name. */
static int run_on(struct apply *ap, const char *path, const char *name,
		  const struct apply_options *o, struct diag_list *dl)
{
	struct runner r = { .name = name, .ap = ap, .o = o, .dl = dl };
	struct stat stbuf;
	bool created = stat(path, &stbuf) != 0 && errno == ENOENT;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	const char *env;
	struct strlist known;
	int64_t fk_before;
	int rc;

	env = getenv("SKEMA_TEST_READONLY");
	if (env && *env && strcmp(env, "0") != 0)
		flags = SQLITE_OPEN_READONLY;
	rc = sqlite3_open_v2(path, &r.db, flags, NULL);
	if (rc != SQLITE_OK) {
		diag_add(dl, SEV_ERROR, nopos, "cannot open %s for '%s': %s", name,
			 first_change(ap), r.db ? sqlite3_errmsg(r.db) : sqlite3_errstr(rc));
		sqlite3_close(r.db);
		if (created)
			remove_db_files(path);
		return APPLY_FAILED;
	}
	sqlite3_busy_timeout(r.db, o && o->busy_timeout_ms > 0 ? o->busy_timeout_ms
			     : APPLY_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(r.db, 1);
	/* A migration reads the whole schema again and again (every CREATE
	 * and ALTER rewrites sqlite_schema): with SQLite's default 2 MiB
	 * page cache, a schema of a thousand tables is read back from the
	 * file, page by page, on each statement. */
	sqlite3_exec(r.db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
	if ((env = getenv("SKEMA_TEST_MAX_PAGE_COUNT")) && *env) {
		char *sql = xasprintf("PRAGMA max_page_count = %lld", strtoll(env, NULL, 10));

		query_int(r.db, sql);
		free(sql);
	}

	/* PRAGMA foreign_keys is a no-op inside a transaction. */
	fk_before = query_int(r.db, "PRAGMA foreign_keys");
	if (ap->plan.fk_off_outside && fk_before == 1)
		sqlite3_exec(r.db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);

	strlist_init(&known);
	rc = run_sql(&r, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == 0) {
		rc = same_as_planned(&r);
		if (rc == 0 && foreign_key_violations(&r, &known, NULL, NULL) < 0)
			rc = -1;
		for (size_t i = 0; rc == 0 && i < ap->plan.n; i++)
			rc = run_step(&r, i);
		if (rc == 0)
			rc = record_history(&r);
		if (rc == 0)
			rc = check_foreign_keys(&r, &known);
		if (rc == 0)
			rc = verify(&r);
		if (rc == 0 && sqlite3_exec(r.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			fail_statement(&r, NULL, "COMMIT", sqlite3_errmsg(r.db));
			rc = -1;
		}
		if (rc != 0 && !sqlite3_get_autocommit(r.db))
			sqlite3_exec(r.db, "ROLLBACK", NULL, NULL, NULL);
	}
	strlist_free(&known);
	if (ap->plan.fk_off_outside && fk_before == 1)
		sqlite3_exec(r.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	sqlite3_close(r.db);
	if (rc != 0 && created)
		remove_db_files(path);
	if (r.cancelled) {
		diag_add(dl, SEV_ERROR, nopos,
			 "cancelled: nothing was changed in %s", name);
		return APPLY_CANCELLED;
	}
	return rc == 0 ? APPLY_OK : APPLY_FAILED;
}

int apply_run(struct apply *ap, const struct apply_options *o, struct diag_list *dl)
{
	char *name = xasprintf("'%s'", ap->path);
	int rc = run_on(ap, ap->path, name, o, dl);

	free(name);
	return rc;
}

/* ---- rehearsal ---- */

void apply_rehearsal_init(struct apply_rehearsal *r)
{
	memset(r, 0, sizeof(*r));
}

void apply_rehearsal_free(struct apply_rehearsal *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->items[i].from);
		free(r->items[i].to);
	}
	free(r->items);
	memset(r, 0, sizeof(*r));
}

static void add_pair(struct apply_rehearsal *r, const char *from, const char *to)
{
	xgrow(&r->items, &r->cap, r->n + 1, sizeof(r->items[0]));
	r->items[r->n++] = (struct apply_count){
		.from = xstrdup(from), .to = xstrdup(to), .before = -1, .after = -1,
	};
}

/* Every table before and after, following renames. */
static void pair_tables(const struct apply *ap, struct apply_rehearsal *r)
{
	const struct model *a = ap->current, *b = ap->model;

	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *t = PLIST_AT(&b->tables, const struct table, i);
		const char *from = model_table(a, t->name) ? t->name : NULL;

		for (size_t k = 0; k < ap->changes.n; k++) {
			const struct change *ch = &ap->changes.items[k];

			if (ch->kind == CH_RENAME_TABLE && ch->to_table == t && ch->from_table)
				from = ch->from_table->name;
		}
		add_pair(r, from, t->name);
	}
	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *t = PLIST_AT(&a->tables, const struct table, i);
		bool seen = false;

		for (size_t k = 0; k < r->n && !seen; k++)
			seen = str_eq_null(r->items[k].from, t->name);
		if (!seen)
			add_pair(r, t->name, NULL);
	}
}

static void take_counts(const char *path, struct apply_rehearsal *r, bool after)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
		for (size_t i = 0; i < r->n; i++) {
			const char *name = after ? r->items[i].to : r->items[i].from;

			if (name) {
				if (after)
					r->items[i].after = count_rows(db, name);
				else
					r->items[i].before = count_rows(db, name);
			}
		}
	}
	sqlite3_close(db);
}

int apply_rehearse(struct apply *ap, const struct apply_options *o,
		   struct apply_rehearsal *r, struct diag_list *dl)
{
	const char *tmpdir = getenv("TMPDIR");
	char *copy, *name;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int fd, rc = APPLY_OK;

	r->clean = false;
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	copy = xasprintf("%s/skema-rehearsal-XXXXXX", tmpdir);
	if ((fd = mkstemp(copy)) < 0) {
		diag_add(dl, SEV_ERROR, nopos, "cannot create a copy for the rehearsal in %s: %s",
			 tmpdir, strerror(errno));
		free(copy);
		return APPLY_FAILED;
	}
	close(fd);
	/* VACUUM INTO writes a consistent copy, even while others write. */
	if (!ap->is_new) {
		if (sqlite3_open_v2(ap->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
		    sqlite3_busy_timeout(db, APPLY_BUSY_TIMEOUT_MS) != SQLITE_OK ||
		    sqlite3_prepare_v2(db, "VACUUM INTO ?1", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_bind_text(st, 1, copy, -1, SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE) {
			diag_add(dl, SEV_ERROR, nopos, "cannot copy '%s' for the rehearsal: %s",
				 ap->path, db ? sqlite3_errmsg(db) : "out of memory");
			rc = APPLY_FAILED;
		}
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	if (rc == APPLY_OK) {
		pair_tables(ap, r);
		take_counts(copy, r, false);
		name = xasprintf("the rehearsal copy of '%s'", ap->path);
		rc = run_on(ap, copy, name, o, dl);
		free(name);
		if (rc == APPLY_OK) {
			take_counts(copy, r, true);
			r->clean = true;
		}
	}
	remove_db_files(copy);
	free(copy);
	return rc;
}
