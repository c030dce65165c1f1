/* test-apply.c — apply.h: running plans against SQLite databases, and
 * the faults that must leave a database byte for byte as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "apply.h"
#include "diag.h"
#include "model-check.h"
#include "model-yaml.h"

static char dir[] = "/tmp/skema-test-apply-XXXXXX";
static char *db_path;

static int setup(void **state)
{
	(void)state;
	db_path = xasprintf("%s/t.db", dir);
	unlink(db_path);
	unsetenv("SKEMA_TEST_READONLY");
	unsetenv("SKEMA_TEST_MAX_PAGE_COUNT");
	return 0;
}

static int teardown(void **state)
{
	char *j = xasprintf("%s-journal", db_path);

	(void)state;
	unlink(db_path);
	unlink(j);
	free(j);
	free(db_path);
	unsetenv("SKEMA_TEST_READONLY");
	unsetenv("SKEMA_TEST_MAX_PAGE_COUNT");
	return 0;
}

static struct model *model_of(const char *yaml)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = model_load_yaml(yaml, strlen(yaml), &dl);
	assert_non_null(m);
	model_check(m, &dl);
	for (size_t i = 0; i < dl.n; i++)
		if (dl.items[i].severity == SEV_ERROR)
			fail_msg("model: %s", dl.items[i].message);
	diag_list_free(&dl);
	return m;
}

static void exec(const char *sql)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static int64_t scalar(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static char *text_of(const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The file's bytes, to compare before and after a fault. */
static char *file_bytes(size_t *len)
{
	char *data = NULL, *err = NULL;

	if (file_read_all(db_path, &data, len, &err) != 0)
		fail_msg("%s", err);
	return data;
}

static void assert_unchanged(const char *before, size_t len)
{
	size_t now_len;
	char *now = file_bytes(&now_len);
	char *j = xasprintf("%s-journal", db_path);

	assert_int_equal(now_len, len);
	assert_memory_equal(now, before, len);
	assert_int_not_equal(access(j, F_OK), 0);   /* no hot journal left */
	free(j);
	free(now);
}

static bool has(const struct diag_list *dl, const char *text)
{
	for (size_t i = 0; i < dl->n; i++)
		if (strstr(dl->items[i].message, text))
			return true;
	return false;
}

static void print_diags(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		fprintf(stderr, "  diag: %s\n", dl->items[i].message);
}

/* Apply m to db_path: apply_open must succeed; returns apply_run's result. */
static int apply_model(const struct model *m, const struct apply_options *o,
		       struct diag_list *dl)
{
	struct apply ap;
	int rc;

	if (apply_open(&ap, db_path, m, dl) != 0) {
		print_diags(dl);
		fail_msg("apply_open failed");
	}
	rc = apply_up_to_date(&ap) ? APPLY_OK : apply_run(&ap, o, dl);
	apply_close(&ap);
	return rc;
}

static const char heroes[] =
	"skema: 1\n"
	"tables:\n"
	"  team:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: varchar(100), nullable: false, index: true}\n"
	"  hero:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: text, nullable: false}\n"
	"      age: integer\n"
	"      team_id: {type: integer, references: team.id}\n";

static void fill_heroes(void)
{
	exec("INSERT INTO team VALUES (1, 'Avengers'), (2, 'X-Men');"
	     "INSERT INTO hero VALUES (1, 'Thor', 1500, 1), (2, 'Logan', -3, 2),"
	     " (3, 'Nobody', NULL, NULL)");
}

/* ---- the normal path ---- */

static void test_new_database_gets_everything(void **state)
{
	struct model *m = model_of(heroes);
	struct diag_list dl;
	struct apply ap;
	char *sum, *text;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_open(&ap, db_path, m, &dl), 0);
	assert_true(ap.is_new);
	assert_false(apply_up_to_date(&ap));
	assert_int_not_equal(access(db_path, F_OK), 0);   /* planning creates nothing */
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_OK);
	apply_close(&ap);
	assert_int_equal(dl.n, 0);

	assert_int_equal(scalar("SELECT count(*) FROM sqlite_schema WHERE name IN ('team', 'hero', 'ix_team_name')"), 3);
	assert_int_equal(scalar("SELECT count(*) FROM skema_migrations"), 1);
	sum = apply_model_checksum(m);
	assert_int_equal(strlen(sum), 16);
	text = text_of("SELECT checksum FROM skema_migrations");
	assert_string_equal(text, sum);
	free(text);
	text = text_of("SELECT applied_at FROM skema_migrations");
	assert_int_equal(strlen(text), 20);
	assert_int_equal(text[10], 'T');
	assert_int_equal(text[19], 'Z');
	free(text);
	text = text_of("SELECT sql FROM skema_migrations");
	assert_non_null(strstr(text, "CREATE TABLE \"hero\""));
	free(text);

	/* Twice: nothing to do, no new history. */
	assert_int_equal(apply_open(&ap, db_path, m, &dl), 0);
	assert_true(apply_up_to_date(&ap));
	apply_close(&ap);
	assert_int_equal(scalar("SELECT count(*) FROM skema_migrations"), 1);
	free(sum);
	diag_list_free(&dl);
	model_free(m);
}

static void test_empty_file_is_new(void **state)
{
	struct model *m = model_of(heroes);
	struct diag_list dl;
	struct apply ap;
	FILE *f = fopen(db_path, "w");

	(void)state;
	assert_non_null(f);
	fclose(f);
	diag_list_init(&dl);
	assert_int_equal(apply_open(&ap, db_path, m, &dl), 0);
	assert_true(ap.is_new);
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_OK);
	apply_close(&ap);
	assert_int_equal(scalar("SELECT count(*) FROM hero"), 0);
	diag_list_free(&dl);
	model_free(m);
}

static void test_not_a_database(void **state)
{
	struct model *m = model_of(heroes);
	struct diag_list dl;
	struct apply ap;
	FILE *f = fopen(db_path, "w");

	(void)state;
	fputs("this is not a database, just some text that is long enough\n", f);
	fclose(f);
	diag_list_init(&dl);
	assert_int_equal(apply_open(&ap, db_path, m, &dl), -1);
	apply_close(&ap);
	assert_true(has(&dl, "is not an SQLite database"));
	diag_list_free(&dl);
	model_free(m);
}

static const char heroes_b[] =
	"skema: 1\n"
	"tables:\n"
	"  teams:\n"
	"    was: team\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      title: {type: varchar(100), nullable: false, index: true, was: name}\n"
	"      motto: {type: text, default: none}\n"
	"  hero:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: text, nullable: false}\n"
	"      age: integer\n"
	"      team_id: {type: integer, references: teams.id}\n";

static void test_renames_keep_rows(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	struct diag_list dl;
	char *t;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	if (apply_model(b, NULL, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail();
	}
	assert_int_equal(scalar("SELECT count(*) FROM teams"), 2);
	t = text_of("SELECT title || '/' || motto FROM teams WHERE id = 2");
	assert_string_equal(t, "X-Men/none");
	free(t);
	assert_int_equal(scalar("SELECT count(*) FROM hero h JOIN teams t ON t.id = h.team_id"), 2);
	assert_int_equal(scalar("SELECT count(*) FROM skema_migrations"), 2);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_loss_notes_count_rows(void **state)
{
	static const char dropped[] =
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      name: {type: varchar(100), nullable: false, index: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      name: {type: text, nullable: false}\n"
		"      team_id: {type: integer, references: team.id}\n";
	struct model *a = model_of(heroes), *b = model_of(dropped);
	struct diag_list dl;
	struct apply ap;
	char *text;
	bool found = false;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	for (size_t i = 0; i < ap.changes.n; i++)
		if (ap.changes.items[i].destructive && ap.loss_notes[i]) {
			assert_string_equal(ap.loss_notes[i], "2 non-null values");
			found = true;
		}
	assert_true(found);
	text = apply_render(&ap);
	assert_non_null(strstr(text, "2 non-null values"));
	free(text);
	apply_close(&ap);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

/* ---- faults: each leaves the file exactly as it was ---- */

/* A built from heroes with rows; then apply b and expect a failure whose
 * messages contain every one of the texts. */
static void expect_fault(const char *b_yaml, const char *env, const char *value,
			 const struct apply_options *o, int want, const char *const *texts)
{
	struct model *a = model_of(heroes), *b = model_of(b_yaml);
	struct diag_list dl;
	struct apply ap;
	size_t len;
	char *before;

	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	if (env)
		setenv(env, value, 1);
	assert_int_equal(apply_run(&ap, o, &dl), want);
	apply_close(&ap);
	for (size_t i = 0; texts[i]; i++)
		if (!has(&dl, texts[i])) {
			print_diags(&dl);
			fail_msg("no diagnostic says '%s'", texts[i]);
		}
	assert_unchanged(before, len);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static const char heroes_age_checked[] =
	"skema: 1\n"
	"tables:\n"
	"  team:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: varchar(100), nullable: false, index: true}\n"
	"  hero:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      name: {type: text, nullable: false}\n"
	"      age: {type: integer, ge: 0}\n"
	"      team_id: {type: integer, references: team.id}\n";

static void test_fault_check_violated(void **state)
{
	static const char *const texts[] = {
		"change '", "hero", "CHECK constraint failed", "statement: ", NULL
	};

	(void)state;
	expect_fault(heroes_age_checked, NULL, NULL, NULL, APPLY_FAILED, texts);
}

static void test_fault_not_null_violated(void **state)
{
	static const char b[] =
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      name: {type: varchar(100), nullable: false, index: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      name: {type: text, nullable: false}\n"
		"      age: {type: integer, nullable: false}\n"
		"      team_id: {type: integer, references: team.id}\n";
	static const char *const texts[] = {
		"change '", "hero.age", "NOT NULL constraint failed", "statement: ", NULL
	};

	(void)state;
	expect_fault(b, NULL, NULL, NULL, APPLY_FAILED, texts);
}

static void test_fault_full_disk(void **state)
{
	static const char *const texts[] = {
		"change 'create table power'", "database or disk is full",
		"statement: CREATE TABLE \"power\"", NULL
	};
	/* Renames fit in the pages there are: a new table needs one more. */
	char *b = xasprintf("%s  power:\n    columns:\n      id: {type: integer, primary_key: true}\n",
			    heroes);

	(void)state;
	expect_fault(b, "SKEMA_TEST_MAX_PAGE_COUNT", "1", NULL, APPLY_FAILED, texts);
	free(b);
}

static void test_fault_read_only(void **state)
{
	static const char *const texts[] = {
		"change 'rename table team to teams'", "attempt to write a readonly database",
		"statement: ALTER TABLE \"team\" RENAME TO \"teams\"", NULL
	};

	(void)state;
	expect_fault(heroes_b, "SKEMA_TEST_READONLY", "1", NULL, APPLY_FAILED, texts);
}

static void test_fault_locked(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	struct apply_options o = { .busy_timeout_ms = 200 };
	struct diag_list dl;
	struct apply ap;
	sqlite3 *other = NULL;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	/* Another connection holds the write lock with a change in flight. */
	assert_int_equal(sqlite3_open(db_path, &other), SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO team VALUES (3, 'X')",
				      NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(apply_run(&ap, &o, &dl), APPLY_FAILED);
	assert_true(has(&dl, "database is locked"));
	assert_true(has(&dl, "BEGIN IMMEDIATE"));
	assert_true(has(&dl, "rename table team"));
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	assert_unchanged(before, len);
	apply_close(&ap);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_fault_new_database_left_missing(void **state)
{
	struct model *m = model_of(heroes);
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	setenv("SKEMA_TEST_MAX_PAGE_COUNT", "1", 1);
	assert_int_equal(apply_model(m, NULL, &dl), APPLY_FAILED);
	assert_true(has(&dl, "database or disk is full"));
	assert_int_not_equal(access(db_path, F_OK), 0);
	diag_list_free(&dl);
	model_free(m);
}

static void test_fault_new_foreign_key_violation(void **state)
{
	static const char a_yaml[] =
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      team_id: integer\n";
	static const char b_yaml[] =
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      team_id: {type: integer, references: team.id}\n";
	struct model *a = model_of(a_yaml), *b = model_of(b_yaml);
	struct diag_list dl;
	struct apply ap;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	exec("INSERT INTO team VALUES (1); INSERT INTO hero VALUES (1, 1), (7, 42)");
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_FAILED);
	apply_close(&ap);
	if (!has(&dl, "row 7 of 'hero' references a missing row of 'team'")) {
		print_diags(&dl);
		fail();
	}
	assert_unchanged(before, len);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_old_foreign_key_violations_do_not_block(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_age_checked);
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	exec("INSERT INTO hero VALUES (1, 'Orphan', 3, 99)");
	if (apply_model(b, NULL, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail();
	}
	assert_int_equal(scalar("SELECT team_id FROM hero"), 99);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_fault_changed_since_plan(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	struct diag_list dl;
	struct apply ap;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	exec("CREATE TABLE intruder (x)");
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_FAILED);
	assert_true(has(&dl, "changed since the plan was made"));
	apply_close(&ap);
	assert_int_equal(scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'team'"), 1);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

/* A plan that does not reach the model is caught by the final check. */
static void test_fault_residual_difference(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	struct diag_list dl;
	struct apply ap;
	struct plan_step *last;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	assert_true(ap.plan.n > 0);
	last = &ap.plan.steps[ap.plan.n - 1];
	free(last->sql);
	last->sql = xstrdup("SELECT 1");
	last->copies_rows = false;
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_FAILED);
	apply_close(&ap);
	assert_true(has(&dl, "does not match the model after the migration"));
	assert_unchanged(before, len);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

/* ---- progress and cancel ---- */

struct seen {
	int calls, running, done;
	int64_t total, last_done;
	bool cancel;
};

static enum apply_verdict on_progress(const struct apply_progress *p, void *ctx)
{
	struct seen *s = ctx;

	s->calls++;
	s->total = p->rows_total;
	s->last_done = p->rows_done;
	assert_true(p->rows_done <= p->rows_total);
	assert_string_equal(p->table, "hero");
	if (p->done)
		s->done++;
	else if (p->rows_done > 0 && p->rows_done < p->rows_total)
		s->running++;
	return s->cancel ? APPLY_CANCEL : APPLY_CONTINUE;
}

static void big_heroes(const struct model *a, struct diag_list *dl)
{
	assert_int_equal(apply_model(a, NULL, dl), APPLY_OK);
	exec("INSERT INTO team VALUES (1, 'T');"
	     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)"
	     " INSERT INTO hero SELECT i, 'h' || i, i % 90, 1 FROM n");
}

static void test_progress_of_row_copies(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_age_checked);
	struct seen s = { 0 };
	struct apply_options o = { .progress = on_progress, .progress_ctx = &s };
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	big_heroes(a, &dl);
	assert_int_equal(apply_model(b, &o, &dl), APPLY_OK);
	assert_int_equal(s.done, 1);
	assert_true(s.running > 0);
	assert_int_equal(s.total, 20000);
	assert_int_equal(s.last_done, 20000);
	assert_int_equal(scalar("SELECT count(*) FROM hero"), 20000);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_cancel_rolls_back(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_age_checked);
	struct seen s = { .cancel = true };
	struct apply_options o = { .progress = on_progress, .progress_ctx = &s };
	struct diag_list dl;
	struct apply ap;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	big_heroes(a, &dl);
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	assert_int_equal(apply_run(&ap, &o, &dl), APPLY_CANCELLED);
	apply_close(&ap);
	assert_int_equal(s.calls, 1);
	assert_int_equal(dl.n, 1);
	assert_true(has(&dl, "cancelled: nothing was changed"));
	assert_unchanged(before, len);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

/* ---- rehearsal ---- */

static void test_rehearsal_counts(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	struct apply_rehearsal r;
	struct diag_list dl;
	struct apply ap;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	apply_rehearsal_init(&r);
	if (apply_rehearse(&ap, NULL, &r, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail();
	}
	assert_true(r.clean);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.items[0].from, "team");
	assert_string_equal(r.items[0].to, "teams");
	assert_int_equal(r.items[0].before, 2);
	assert_int_equal(r.items[0].after, 2);
	assert_string_equal(r.items[1].from, "hero");
	assert_int_equal(r.items[1].before, 3);
	assert_int_equal(r.items[1].after, 3);
	apply_rehearsal_free(&r);
	assert_unchanged(before, len);     /* only the copy was touched */
	assert_int_equal(apply_run(&ap, NULL, &dl), APPLY_OK);
	apply_close(&ap);
	assert_int_equal(scalar("SELECT count(*) FROM teams"), 2);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_rehearsal_failure_touches_nothing(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_age_checked);
	struct apply_rehearsal r;
	struct diag_list dl;
	struct apply ap;
	size_t len;
	char *before;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	fill_heroes();
	before = file_bytes(&len);
	assert_int_equal(apply_open(&ap, db_path, b, &dl), 0);
	apply_rehearsal_init(&r);
	assert_int_equal(apply_rehearse(&ap, NULL, &r, &dl), APPLY_FAILED);
	assert_false(r.clean);
	assert_true(has(&dl, "the rehearsal copy of"));
	assert_true(has(&dl, "CHECK constraint failed"));
	assert_int_equal(r.items[1].before, 3);
	apply_rehearsal_free(&r);
	apply_close(&ap);
	assert_unchanged(before, len);
	free(before);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_rehearsal_of_new_database(void **state)
{
	struct model *m = model_of(heroes);
	struct apply_rehearsal r;
	struct diag_list dl;
	struct apply ap;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_open(&ap, db_path, m, &dl), 0);
	apply_rehearsal_init(&r);
	assert_int_equal(apply_rehearse(&ap, NULL, &r, &dl), APPLY_OK);
	assert_int_equal(r.n, 2);
	assert_null(r.items[0].from);
	assert_int_equal(r.items[0].before, -1);
	assert_int_equal(r.items[0].after, 0);
	apply_rehearsal_free(&r);
	apply_close(&ap);
	assert_int_not_equal(access(db_path, F_OK), 0);
	diag_list_free(&dl);
	model_free(m);
}

/* ---- cases the diff and plan must get right (found by the property
 * test; minimal reproductions) ---- */

/* A view written as a YAML block scalar ends in a newline that SQLite
 * does not keep: the database must still count as equal to the model. */
static void test_view_with_trailing_newline(void **state)
{
	struct model *m = model_of(
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"views:\n"
		"  v: |\n"
		"    SELECT id FROM t\n");
	struct diag_list dl;
	struct apply ap;

	(void)state;
	diag_list_init(&dl);
	if (apply_model(m, NULL, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail_msg("a view with a trailing newline cannot be applied");
	}
	assert_int_equal(apply_open(&ap, db_path, m, &dl), 0);
	assert_true(apply_up_to_date(&ap));
	apply_close(&ap);
	diag_list_free(&dl);
	model_free(m);
}

/* A view over a view over a rebuilt table: every view that names a view
 * the plan drops must be dropped (and recreated) too, or SQLite's ALTER
 * TABLE fails with "error in view v2: no such table: main.v1". */
static void test_rebuild_under_a_view_of_a_view(void **state)
{
	static const char a_yaml[] =
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      x: integer\n"
		"views:\n"
		"  v1: SELECT x FROM t\n"
		"  v2: SELECT x FROM v1\n";
	char *b_yaml = xstrdup(a_yaml);
	struct model *a = model_of(a_yaml), *b;
	struct diag_list dl;

	(void)state;
	memcpy(strstr(b_yaml, "x: integer"), "x: text   ", 10);   /* a rebuild */
	b = model_of(b_yaml);
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	exec("INSERT INTO t VALUES (1, 2)");
	if (apply_model(b, NULL, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail_msg("a rebuild under a view of a view fails");
	}
	assert_int_equal(scalar("SELECT x FROM v2"), 2);
	free(b_yaml);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

/* SQLite's DROP COLUMN removes the text up to the next column, and the
 * `-- comment` line the DDL writes before that next column with it: the
 * plan must rebuild instead (or the comment is lost and the final check
 * finds "alter column t.b: comment"). */
static void test_drop_column_before_a_commented_column(void **state)
{
	struct model *a = model_of(
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      a: text\n"
		"      b: {type: text, comment: hue}\n");
	struct model *b = model_of(
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      b: {type: text, comment: hue}\n");
	struct diag_list dl;

	(void)state;
	diag_list_init(&dl);
	assert_int_equal(apply_model(a, NULL, &dl), APPLY_OK);
	exec("INSERT INTO t VALUES (1, 'x', 'y')");
	if (apply_model(b, NULL, &dl) != APPLY_OK) {
		print_diags(&dl);
		fail_msg("dropping the column before a commented one fails");
	}
	assert_int_equal(scalar("SELECT count(*) FROM t WHERE b = 'y'"), 1);
	diag_list_free(&dl);
	model_free(a);
	model_free(b);
}

static void test_checksum_follows_the_model(void **state)
{
	struct model *a = model_of(heroes), *b = model_of(heroes_b);
	char *x = apply_model_checksum(a), *y = apply_model_checksum(b);
	char *x2 = apply_model_checksum(a);

	(void)state;
	assert_string_equal(x, x2);
	assert_string_not_equal(x, y);
	assert_int_equal(strspn(x, "0123456789abcdef"), 16);
	free(x);
	free(x2);
	free(y);
	model_free(a);
	model_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_new_database_gets_everything),
		T(test_empty_file_is_new),
		T(test_not_a_database),
		T(test_renames_keep_rows),
		T(test_loss_notes_count_rows),
		T(test_fault_check_violated),
		T(test_fault_not_null_violated),
		T(test_fault_full_disk),
		T(test_fault_read_only),
		T(test_fault_locked),
		T(test_fault_new_database_left_missing),
		T(test_fault_new_foreign_key_violation),
		T(test_old_foreign_key_violations_do_not_block),
		T(test_fault_changed_since_plan),
		T(test_fault_residual_difference),
		T(test_progress_of_row_copies),
		T(test_cancel_rolls_back),
		T(test_rehearsal_counts),
		T(test_rehearsal_failure_touches_nothing),
		T(test_rehearsal_of_new_database),
		T(test_checksum_follows_the_model),
		T(test_view_with_trailing_newline),
		T(test_rebuild_under_a_view_of_a_view),
		T(test_drop_column_before_a_commented_column),
#undef T
	};
	int rc;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
