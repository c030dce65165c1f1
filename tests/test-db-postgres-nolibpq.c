/* test-db-postgres-nolibpq.c — skema built without libpq: every
 * PostgreSQL entry point, and a postgres:// source, fail with one clear
 * message.  Built with src/db-postgres.c compiled again with
 * -DDB_POSTGRES_WITHOUT_LIBPQ, whose definitions take the place of the
 * library's. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "db-postgres.h"
#include "source.h"

#define MISSING "PostgreSQL support was not compiled in (rebuild with libpq-dev installed)"

static void test_entry_points(void **state)
{
	struct pg_conn *conn = (struct pg_conn *)1;
	struct model *m = (struct model *)1;
	struct diag_list dl;
	char *schema = (char *)1, *err = NULL;

	(void)state;
	assert_false(db_postgres_available());
	assert_int_equal(db_postgres_connect("postgresql://u:pw@h/db", &conn, &schema, &err), -1);
	assert_null(conn);
	assert_null(schema);
	assert_string_equal(err, MISSING);
	free(err);

	diag_list_init(&dl);
	err = NULL;
	assert_int_equal(db_postgres_import_uri("postgresql://h/db", &m, &dl, &err), -1);
	assert_null(m);
	assert_string_equal(err, MISSING);
	free(err);
	err = NULL;
	m = (struct model *)1;
	assert_int_equal(db_postgres_introspect(NULL, "public", "db", &m, &dl, &err), -1);
	assert_null(m);
	assert_string_equal(err, MISSING);
	free(err);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	db_postgres_disconnect(NULL);
}

static void test_source(void **state)
{
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL;

	(void)state;
	assert_int_equal(source_parse("postgres://bob:hunter2@db/app?schema=s", &src, &err), 0);
	assert_string_equal(source_display(&src), "postgres://bob@db/app?schema=s");
	diag_list_init(&dl);
	assert_int_equal(source_load(&src, &m, &dl, &err), -1);
	assert_null(m);
	assert_string_equal(err, MISSING);
	free(err);
	diag_list_free(&dl);
	source_clear(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry_points),
		cmocka_unit_test(test_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
