/* fuzz-migrate.c — differential libFuzzer harness for migrations.
 *
 * The input gives two models A and B: either two YAML texts separated by
 * a line "#---B---" (A before, B after), or one YAML text A, with B the
 * seeded mutation (tests/mutate-model.h) of A by a hash of the input
 * (once or twice chained).  Both must load and check without an error,
 * and each one's SQLite DDL must run on an empty database; otherwise the
 * input is not interesting here and is dropped.
 *
 * Then, in an in-memory database built from A's DDL, the SQLite plan of
 * diff(A, B) runs the way apply.h runs it (foreign keys off outside the
 * transaction when the plan says so), and the database must then import
 * equal to B with the normalisation the apply engine verifies with: the
 * SQLite plan of diff(database, B) has no statement.  Finally apply.h
 * itself brings a database file built from A's DDL (on $TMPDIR, best a
 * tmpfs) to B and must succeed, and report it up to date afterwards.
 *
 * A plan that is refused with an error (a change SQLite cannot make) is
 * not a failure, nor is a step SQLite refuses because a view or trigger
 * of the model names a column that is not there.  Every failure prints
 * the models and aborts, so libFuzzer keeps the input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "apply.h"
#include "db-sqlite.h"
#include "ddl.h"
#include "dialect.h"
#include "diff.h"
#include "model-check.h"
#include "model-yaml.h"
#include "model.h"
#include "mutate-model.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_migrate_sep[] = "\n#---B---\n";

static const struct model *fuzz_migrate_a, *fuzz_migrate_b;

static void fuzz_migrate_fail(const char *fmt, const char *detail)
{
	char *ya = fuzz_migrate_a ? model_save_yaml(fuzz_migrate_a, NULL) : NULL;
	char *yb = fuzz_migrate_b ? model_save_yaml(fuzz_migrate_b, NULL) : NULL;

	fprintf(stderr, "fuzz-migrate: ");
	fprintf(stderr, fmt, detail ? detail : "");
	fprintf(stderr, "\n--- A ---\n%s\n--- B ---\n%s\n", ya ? ya : "", yb ? yb : "");
	free(ya);
	free(yb);
	abort();
}

/* A model from text, or NULL when it has an error anywhere. */
static struct model *fuzz_migrate_load(const char *text, size_t len)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = model_load_yaml(text, len, &dl);
	if (m && !dl.errors)
		model_check(m, &dl);
	if (m && dl.errors) {
		model_free(m);
		m = NULL;
	}
	diag_list_free(&dl);
	return m;
}

static bool fuzz_migrate_valid(const struct model *m)
{
	struct diag_list dl;
	bool ok;

	diag_list_init(&dl);
	model_check(m, &dl);
	ok = dl.errors == 0;
	diag_list_free(&dl);
	return ok;
}

/* Run the model's SQLite DDL on db; false when SQLite refuses it. */
static bool fuzz_migrate_create(sqlite3 *db, const struct model *m)
{
	struct diag_list dl;
	char *sql;
	bool ok;

	diag_list_init(&dl);
	sql = ddl_model(m, &dialect_sqlite, &dl);
	ok = sql && sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
	free(sql);
	diag_list_free(&dl);
	return ok;
}

static bool fuzz_migrate_ddl_runs(const struct model *m)
{
	sqlite3 *db = NULL;
	bool ok;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		sqlite3_close(db);
		return false;
	}
	ok = fuzz_migrate_create(db, m);
	sqlite3_close(db);
	return ok;
}

static bool fuzz_migrate_all_empty(void *ctx, const char *table)
{
	(void)ctx;
	(void)table;
	return true;
}

/* The apply engine's test of "equal": the plan from db to b is empty. */
static void fuzz_migrate_verify(sqlite3 *db, const struct model *b)
{
	struct plan_options po = { .table_is_empty = fuzz_migrate_all_empty };
	struct change_list cl;
	struct diag_list dl;
	struct model *now = NULL;
	struct plan p;
	char *err = NULL;

	diag_list_init(&dl);
	if (db_sqlite_introspect(db, "fuzz", &now, &dl, &err) != 0)
		fuzz_migrate_fail("cannot introspect the migrated database: %s", err);
	change_list_init(&cl);
	plan_init(&p, &dialect_sqlite);
	diff_models(now, b, &cl);
	if (plan_build_with(now, b, &cl, &dialect_sqlite, &po, &p, &dl) != 0)
		fuzz_migrate_fail("no plan from the migrated database to B: %s",
				  dl.n ? dl.items[dl.n - 1].message : "?");
	if (p.n > 0) {
		char *script = plan_render(&p, &cl, NULL);
		char *yn = model_save_yaml(now, NULL);

		fprintf(stderr, "--- database after the migration ---\n%s\n", yn);
		fuzz_migrate_fail("the migrated database differs from B:\n%s", script);
	}
	plan_free(&p);
	change_list_free(&cl);
	model_free(now);
	diag_list_free(&dl);
}

static int64_t fuzz_migrate_pragma(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* diff(A, B) planned and run on an in-memory database made from A. */
static bool fuzz_migrate_in_memory(const struct model *a, const struct model *b)
{
	struct plan_options po = { .table_is_empty = fuzz_migrate_all_empty };
	struct change_list cl;
	struct diag_list dl;
	struct plan p;
	sqlite3 *db = NULL;
	bool planned;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		fuzz_migrate_fail("cannot open an in-memory database%s", "");
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (!fuzz_migrate_create(db, a))
		fuzz_migrate_fail("A's DDL ran on its own but not again: %s", sqlite3_errmsg(db));

	diag_list_init(&dl);
	change_list_init(&cl);
	plan_init(&p, &dialect_sqlite);
	diff_models(a, b, &cl);
	planned = plan_build_with(a, b, &cl, &dialect_sqlite, &po, &p, &dl) == 0;
	if (planned) {
		if (p.fk_off_outside)
			sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
		if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			fuzz_migrate_fail("BEGIN failed: %s", sqlite3_errmsg(db));
		for (size_t i = 0; planned && i < p.n; i++) {
			if (sqlite3_exec(db, p.steps[i].sql, NULL, NULL, NULL) != SQLITE_OK) {
				const char *msg = sqlite3_errmsg(db);

				/* A view or trigger whose own SQL is wrong (it names
				 * a column that is not there) is created without a
				 * complaint, and refused when a table is renamed:
				 * the model's fault, written as it is; not a finding. */
				if (strncmp(msg, "error in view ", 14) == 0 ||
				    strncmp(msg, "error in trigger ", 17) == 0) {
					planned = false;
					break;
				}
				fprintf(stderr, "statement: %s\nSQLite: %s\n", p.steps[i].sql, msg);
				fuzz_migrate_fail("a step of the plan failed (%s)",
						  p.steps[i].change && p.steps[i].change->summary
						  ? p.steps[i].change->summary : "?");
			}
		}
	}
	if (planned) {
		if (fuzz_migrate_pragma(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
			fuzz_migrate_fail("foreign key violations after the migration%s", "");
		fuzz_migrate_verify(db, b);
		if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			fuzz_migrate_fail("COMMIT failed: %s", sqlite3_errmsg(db));
		if (p.fk_off_outside)
			sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	}
	plan_free(&p);
	change_list_free(&cl);
	diag_list_free(&dl);
	sqlite3_close(db);
	return planned;
}

/* apply.h on a database file made from A. */
static void fuzz_migrate_apply(const struct model *a, const struct model *b)
{
	const char *tmp = getenv("TMPDIR");
	struct diag_list dl;
	struct apply ap, again;
	sqlite3 *db = NULL;
	char *path;
	int rc;

	if (!tmp || !*tmp)
		tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	path = xasprintf("%s/fuzz-migrate-%ld.db", tmp, (long)getpid());
	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK || !fuzz_migrate_create(db, a))
		fuzz_migrate_fail("cannot create the database file from A: %s", path);
	sqlite3_close(db);

	diag_list_init(&dl);
	memset(&ap, 0, sizeof ap);
	rc = apply_open(&ap, path, b, &dl);
	if (rc == 0)
		rc = apply_run(&ap, NULL, &dl);
	if (rc != 0) {
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "apply: %s\n", dl.items[i].message);
		unlink(path);
		fuzz_migrate_fail("apply from A's database to B failed%s", "");
	}
	apply_close(&ap);
	memset(&again, 0, sizeof again);
	if (apply_open(&again, path, b, &dl) != 0 || !apply_up_to_date(&again)) {
		char *script = apply_render(&again);

		unlink(path);
		fuzz_migrate_fail("after apply, B is not up to date:\n%s", script);
	}
	apply_close(&again);
	diag_list_free(&dl);
	unlink(path);
	free(path);
}

static uint32_t fuzz_migrate_hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *sep = memmem(text, size, fuzz_migrate_sep, sizeof fuzz_migrate_sep - 1);
	struct model *a, *b = NULL;

	if (sep) {
		size_t alen = (size_t)(sep - text) + 1;
		size_t skip = alen + sizeof fuzz_migrate_sep - 2;

		a = fuzz_migrate_load(text, alen);
		if (a)
			b = fuzz_migrate_load(text + skip, size - skip);
	} else {
		uint32_t h = fuzz_migrate_hash(data, size);

		a = fuzz_migrate_load(text, size);
		if (a) {
			b = mutate_model(a, h);
			if (b && (h & 0x80000000u)) {
				struct model *c = mutate_model(b, h ^ 0x5bd1e995u);

				model_free(b);
				b = c;
			}
			fuzz_migrate_a = a;
			fuzz_migrate_b = b;
			if (!b || !fuzz_migrate_valid(b))
				fuzz_migrate_fail("mutate_model gave an invalid model%s", "");
		}
	}
	fuzz_migrate_a = a;
	fuzz_migrate_b = b;
	if (a && b && fuzz_migrate_ddl_runs(a) && fuzz_migrate_ddl_runs(b) &&
	    fuzz_migrate_in_memory(a, b))
		fuzz_migrate_apply(a, b);
	fuzz_migrate_a = fuzz_migrate_b = NULL;
	model_free(b);
	model_free(a);
	return 0;
}
