/* test-pg-uri.c — postgres:// URIs: schema=, the password kept out of
 * every printable form (src/pg-uri.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "pg-uri.h"

static void parse_ok(const char *uri, const char *conninfo, const char *schema,
		     const char *display, const char *password)
{
	struct pg_uri u;
	char *err = NULL;

	assert_int_equal(pg_uri_parse(uri, &u, &err), 0);
	assert_null(err);
	assert_string_equal(u.conninfo, conninfo);
	assert_string_equal(u.schema, schema);
	assert_string_equal(u.display, display);
	if (password)
		assert_string_equal(u.password, password);
	else
		assert_null(u.password);
	pg_uri_clear(&u);
}

static void parse_fails(const char *uri, const char *want)
{
	struct pg_uri u;
	char *err = NULL;

	assert_int_equal(pg_uri_parse(uri, &u, &err), -1);
	assert_string_equal(err, want);
	free(err);
}

static void test_is(void **state)
{
	(void)state;
	assert_true(pg_uri_is("postgres://h/db"));
	assert_true(pg_uri_is("postgresql://"));
	assert_false(pg_uri_is("postgre://h"));
	assert_false(pg_uri_is("POSTGRES://h"));
	assert_false(pg_uri_is("sqlite:x.db"));
	assert_false(pg_uri_is(NULL));
}

static void test_plain(void **state)
{
	(void)state;
	parse_ok("postgresql://localhost/dev", "postgresql://localhost/dev", "public",
		 "postgresql://localhost/dev", NULL);
	parse_ok("postgres://", "postgres://", "public", "postgres://", NULL);
	parse_ok("postgresql://bob@db.example:5433/app?sslmode=require",
		 "postgresql://bob@db.example:5433/app?sslmode=require", "public",
		 "postgresql://bob@db.example:5433/app?sslmode=require", NULL);
}

static void test_password(void **state)
{
	(void)state;
	parse_ok("postgresql://bob:s3cr%40t@h:5432/app", "postgresql://bob:s3cr%40t@h:5432/app",
		 "public", "postgresql://bob@h:5432/app", "s3cr@t");
	/* An empty password is still a password field. */
	parse_ok("postgres://bob:@h/app", "postgres://bob:@h/app", "public",
		 "postgres://bob@h/app", "");
	parse_ok("postgresql://h/app?password=hunter2&sslmode=disable",
		 "postgresql://h/app?password=hunter2&sslmode=disable", "public",
		 "postgresql://h/app?sslmode=disable", "hunter2");
	parse_ok("postgresql://h/app?sslmode=disable&password=x%26y",
		 "postgresql://h/app?sslmode=disable&password=x%26y", "public",
		 "postgresql://h/app?sslmode=disable", "x&y");
	/* A '@' after the first '/' is not user information (libpq's rule). */
	parse_ok("postgresql://h/a@b", "postgresql://h/a@b", "public", "postgresql://h/a@b", NULL);
	/* IPv6 and several hosts pass through. */
	parse_ok("postgresql://u:pw@[::1]:5432,other:5433/db",
		 "postgresql://u:pw@[::1]:5432,other:5433/db", "public",
		 "postgresql://u@[::1]:5432,other:5433/db", "pw");
}

static void test_schema(void **state)
{
	(void)state;
	parse_ok("postgresql://h/app?schema=sales", "postgresql://h/app", "sales",
		 "postgresql://h/app?schema=sales", NULL);
	parse_ok("postgresql://u:pw@h/app?sslmode=require&schema=My%20Schema&connect_timeout=3",
		 "postgresql://u:pw@h/app?sslmode=require&connect_timeout=3", "My Schema",
		 "postgresql://u@h/app?sslmode=require&schema=My%20Schema&connect_timeout=3", "pw");
	parse_fails("postgresql://u:pw@h/app?schema=", "postgresql://u@h/app?schema=: schema= names no schema");
	parse_fails("postgresql://u:pw@h/app?schema=%zz",
		    "postgresql://u@h/app?schema=%zz: bad %-escape in schema=");
	parse_fails("postgresql://u:p%4@h/app", "postgresql://u@h/app: bad %-escape in the password");
	parse_fails("mysql://h/app", "not a PostgreSQL URI: expected postgres://... or postgresql://...");
}

static void test_redact(void **state)
{
	char *s;

	(void)state;
	s = pg_uri_redact("postgresql://skema:0123abcd@127.0.0.1:5432/db?password=zz&schema=x");
	assert_string_equal(s, "postgresql://skema@127.0.0.1:5432/db?schema=x");
	free(s);
	/* Even a malformed URI prints without its password. */
	s = pg_uri_redact("postgresql://u:p%4@h/app?password");
	assert_string_equal(s, "postgresql://u@h/app?password");
	free(s);
	s = pg_uri_redact("not a uri:secret");
	assert_string_equal(s, "a PostgreSQL database");
	free(s);
}

static void test_scrub(void **state)
{
	char *s;

	(void)state;
	s = pg_uri_scrub("bad pw 'hunter2' and hunter2!", "hunter2");
	assert_string_equal(s, "bad pw '***' and ***!");
	free(s);
	s = pg_uri_scrub("nothing here", NULL);
	assert_string_equal(s, "nothing here");
	free(s);
	s = pg_uri_scrub("nothing here", "");
	assert_string_equal(s, "nothing here");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_schema),
		cmocka_unit_test(test_redact),
		cmocka_unit_test(test_scrub),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
