/* test-pq-lib.c — libpq opened at run time (src/pq-lib.c).
 *
 * Built twice: tests/test-pq-lib against the engine as it is, where
 * libpq.so.5 must load, fill every member of the table and answer a real
 * (refused) connection; and tests/test-pq-lib-missing with src/pq-lib.c
 * compiled again with -DPQ_LIB_SONAME naming a library that does not
 * exist, where every PostgreSQL entry point must fail with the one
 * message that says what to install. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "db-postgres.h"
#include "pq-lib.h"
#include "source.h"

#define MISSING "postgresql support needs libpq (apt-get install libpq5): "

#ifndef PQ_LIB_SONAME

static void test_loads(void **state)
{
	char *err = NULL;
	void (*clear)(PGresult *);

	(void)state;
	assert_null(pq.exec);   /* nothing before the first use */
	assert_int_equal(pq_lib_load(&err), 0);
	assert_null(err);
#define MEMBER_SET(name) assert_non_null(pq.name);
	PQ_LIB_FUNCTIONS(MEMBER_SET)
#undef MEMBER_SET
	/* Once only: a second call finds the same table. */
	clear = pq.clear;
	assert_int_equal(pq_lib_load(NULL), 0);
	assert_ptr_equal(pq.clear, clear);
	assert_true(db_postgres_available());
}

/* The functions work: a refused connection gives libpq's reason. */
static void test_connect_refused(void **state)
{
	struct pg_conn *conn = (struct pg_conn *)1;
	char *schema = (char *)1, *err = NULL;

	(void)state;
	assert_int_equal(db_postgres_connect("postgresql://u:hunter2@127.0.0.1:1/x", &conn,
					     &schema, &err), -1);
	assert_null(conn);
	assert_null(schema);
	assert_non_null(err);
	assert_true(strncmp(err, "cannot connect to postgresql://u@127.0.0.1:1/x: ", 48) == 0);
	assert_null(strstr(err, "hunter2"));
	free(err);
}

#else /* a libpq that cannot be found */

static void assert_missing(const char *err)
{
	assert_non_null(err);
	assert_true(strncmp(err, MISSING, strlen(MISSING)) == 0);
	assert_non_null(strstr(err, PQ_LIB_SONAME));
	assert_null(strchr(err, '\n'));
}

static void test_load_fails(void **state)
{
	char *err = NULL;

	(void)state;
	assert_int_equal(pq_lib_load(&err), -1);
	assert_missing(err);
	free(err);
	assert_null(pq.exec);
	/* The outcome is kept: the same message again, no second attempt. */
	err = NULL;
	assert_int_equal(pq_lib_load(&err), -1);
	assert_missing(err);
	free(err);
	assert_int_equal(pq_lib_load(NULL), -1);
	assert_false(db_postgres_available());
}

static void test_entry_points(void **state)
{
	struct pg_conn *conn = (struct pg_conn *)1;
	struct model *m = (struct model *)1;
	struct diag_list dl;
	char *schema = (char *)1, *err = NULL;

	(void)state;
	assert_int_equal(db_postgres_connect("postgresql://u:hunter2@h/db", &conn, &schema,
					     &err), -1);
	assert_null(conn);
	assert_null(schema);
	assert_missing(err);
	assert_null(strstr(err, "hunter2"));
	free(err);

	diag_list_init(&dl);
	err = NULL;
	assert_int_equal(db_postgres_import_uri("postgresql://h/db", &m, &dl, &err), -1);
	assert_null(m);
	assert_missing(err);
	free(err);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	db_postgres_disconnect(NULL);   /* harmless with libpq never loaded */
}

static void test_source(void **state)
{
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(source_parse("postgres://bob:hunter2@db/app?schema=s", &src, &err), 0);
	diag_list_init(&dl);
	assert_int_equal(source_load(&src, &m, &dl, &err), -1);
	assert_null(m);
	assert_missing(err);
	free(err);
	diag_list_free(&dl);
	source_clear(&src);
}

#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
#ifndef PQ_LIB_SONAME
		cmocka_unit_test(test_loads),
		cmocka_unit_test(test_connect_refused),
#else
		cmocka_unit_test(test_load_fails),
		cmocka_unit_test(test_entry_points),
		cmocka_unit_test(test_source),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
