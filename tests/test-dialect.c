/* test-dialect.c — quoting, literal escaping, the type maps and object
 * names of every dialect (src/dialect*.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dialect.h"

static const struct dialect *sq(void) { return dialect_find("sqlite"); }
static const struct dialect *pg(void) { return dialect_find("postgres"); }
static const struct dialect *my(void) { return dialect_find("mysql"); }

static void expect_ident(const struct dialect *d, const char *name, const char *want)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(d, &sb, name);
	assert_string_equal(sb.buf, want);
	sb_free(&sb);
}

static void expect_literal(const struct dialect *d, const char *s, const char *want)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_string(d, &sb, s);
	assert_string_equal(sb.buf, want);
	sb_free(&sb);
}

static void expect_type(const struct dialect *d, const char *type, bool strict,
			const char *want, bool logical)
{
	struct strbuf sb;
	struct strlist values;

	strlist_init(&values);
	strlist_push(&values, "a");
	strlist_push(&values, "it's");
	strlist_push(&values, "b\\c");
	sb_init(&sb);
	assert_int_equal(dialect_type(d, &sb, type, strict, &values), logical);
	assert_string_equal(sb.buf, want);
	sb_free(&sb);
	strlist_free(&values);
}

static void test_find(void **state)
{
	(void)state;
	assert_ptr_equal(dialect_find("sqlite"), &dialect_sqlite);
	assert_ptr_equal(dialect_find("SQLite"), &dialect_sqlite);
	assert_ptr_equal(dialect_find("postgres"), &dialect_postgres);
	assert_ptr_equal(dialect_find("postgresql"), &dialect_postgres);
	assert_ptr_equal(dialect_find("mysql"), &dialect_mysql);
	assert_ptr_equal(dialect_find("mariadb"), &dialect_mysql);
	assert_null(dialect_find("oracle"));
	assert_null(dialect_find(""));
	assert_null(dialect_find(NULL));
	for (int i = 0; i < DIALECT_COUNT; i++) {
		assert_int_equal(dialect_get((enum dialect_id)i)->id, i);
		assert_string_equal(dialect_get((enum dialect_id)i)->name,
				    dialect_id_name((enum dialect_id)i));
	}
	assert_null(dialect_get(DIALECT_COUNT));
}

static void test_quote_ident(void **state)
{
	(void)state;
	expect_ident(sq(), "hero", "\"hero\"");
	expect_ident(sq(), "user id", "\"user id\"");
	expect_ident(sq(), "say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_ident(sq(), "it's", "\"it's\"");
	expect_ident(sq(), "a`b", "\"a`b\"");
	expect_ident(sq(), "back\\slash", "\"back\\slash\"");
	expect_ident(sq(), "café ☕", "\"café ☕\"");
	expect_ident(sq(), "order", "\"order\"");
	expect_ident(pg(), "say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_ident(pg(), "select", "\"select\"");
	expect_ident(pg(), "a`b", "\"a`b\"");
	expect_ident(my(), "group", "`group`");
	expect_ident(my(), "a`b", "`a``b`");
	expect_ident(my(), "say \"hi\"", "`say \"hi\"`");
	expect_ident(my(), "back\\slash", "`back\\slash`");
	expect_ident(my(), "naïve", "`naïve`");
	expect_ident(my(), "", "``");
}

static void test_quote_string(void **state)
{
	(void)state;
	expect_literal(sq(), "plain", "'plain'");
	expect_literal(sq(), "it's", "'it''s'");
	expect_literal(sq(), "''", "''''''");
	expect_literal(sq(), "C:\\temp", "'C:\\temp'");
	expect_literal(pg(), "it's \\ \"x\"", "'it''s \\ \"x\"'");
	expect_literal(my(), "it's", "'it''s'");
	expect_literal(my(), "C:\\temp\\", "'C:\\\\temp\\\\'");
	expect_literal(my(), "a\\'b", "'a\\\\''b'");
	expect_literal(my(), "ünï", "'ünï'");
	expect_literal(my(), "", "''");
}

/* Every logical type of DESIGN.md in every dialect. */
static const struct {
	const char *type;
	const char *sqlite, *strict, *postgres, *mysql;
} types[] = {
	{ "integer", "INTEGER", "INTEGER", "INTEGER", "INT" },
	{ "bigint", "BIGINT", "INTEGER", "BIGINT", "BIGINT" },
	{ "smallint", "SMALLINT", "INTEGER", "SMALLINT", "SMALLINT" },
	{ "boolean", "BOOLEAN", "INTEGER", "BOOLEAN", "BOOLEAN" },
	{ "real", "REAL", "REAL", "REAL", "FLOAT" },
	{ "double", "DOUBLE", "REAL", "DOUBLE PRECISION", "DOUBLE" },
	{ "numeric(10,2)", "NUMERIC(10,2)", "ANY", "NUMERIC(10,2)", "DECIMAL(10,2)" },
	{ "numeric(5)", "NUMERIC(5)", "ANY", "NUMERIC(5)", "DECIMAL(5)" },
	{ "numeric", "NUMERIC", "ANY", "NUMERIC", "DECIMAL(65,30)" },
	{ "decimal(8, 3)", "DECIMAL(8,3)", "ANY", "NUMERIC(8,3)", "DECIMAL(8,3)" },
	{ "decimal", "DECIMAL", "ANY", "NUMERIC", "DECIMAL(65,30)" },
	{ "text", "TEXT", "TEXT", "TEXT", "LONGTEXT" },
	{ "varchar(100)", "VARCHAR(100)", "TEXT", "VARCHAR(100)", "VARCHAR(100)" },
	{ "VARCHAR(7)", "VARCHAR(7)", "TEXT", "VARCHAR(7)", "VARCHAR(7)" },
	{ "char(2)", "CHAR(2)", "TEXT", "CHAR(2)", "CHAR(2)" },
	{ "date", "DATE", "TEXT", "DATE", "DATE" },
	{ "time", "TIME", "TEXT", "TIME", "TIME" },
	{ "datetime", "DATETIME", "TEXT", "TIMESTAMP", "DATETIME" },
	{ "timestamp", "TIMESTAMP", "TEXT", "TIMESTAMP", "DATETIME" },
	{ "timestamptz", "TIMESTAMPTZ", "TEXT", "TIMESTAMPTZ", "TIMESTAMP" },
	{ "blob", "BLOB", "BLOB", "BYTEA", "LONGBLOB" },
	{ "uuid", "UUID", "TEXT", "UUID", "CHAR(36)" },
	{ "json", "JSON", "TEXT", "JSONB", "JSON" },
	{ "enum(my \"mood\")", "TEXT", "TEXT", "\"my \"\"mood\"\"\"",
	  "ENUM('a', 'it''s', 'b\\\\c')" },
};

static void test_types(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		expect_type(sq(), types[i].type, false, types[i].sqlite, true);
		expect_type(sq(), types[i].type, true, types[i].strict, true);
		expect_type(pg(), types[i].type, false, types[i].postgres, true);
		/* STRICT means nothing outside SQLite. */
		expect_type(pg(), types[i].type, true, types[i].postgres, true);
		expect_type(my(), types[i].type, false, types[i].mysql, true);
	}
}

static void test_types_verbatim(void **state)
{
	(void)state;
	expect_type(sq(), "geometry", false, "geometry", false);
	expect_type(pg(), "int4range", false, "int4range", false);
	expect_type(my(), "varchar", false, "varchar", false);
	expect_type(my(), "MEDIUMTEXT", false, "MEDIUMTEXT", false);
}

/* SQLite reports its own type names in capitals whatever the CREATE TABLE
 * said, so they are written so (a table rebuilt from `int` would never
 * read back as itself); other names and other dialects keep the case. */
static void test_types_own_names(void **state)
{
	(void)state;
	expect_type(sq(), "int", false, "INT", false);
	expect_type(sq(), "Int", true, "INT", false);
	expect_type(sq(), "any", true, "ANY", false);
	expect_type(sq(), "aNy", false, "ANY", false);
	expect_type(sq(), "int unsigned", false, "int unsigned", false);
	expect_type(sq(), "integ", false, "integ", false);
	expect_type(sq(), "anything", false, "anything", false);
	expect_type(sq(), "integer", false, "INTEGER", true);
	expect_type(pg(), "int", false, "int", false);
	expect_type(my(), "int", false, "int", false);
}

static void test_object_name(void **state)
{
	char *name;
	char long_table[100];

	(void)state;
	name = dialect_object_name(sq(), "ck", "hero", "age_ge");
	assert_string_equal(name, "ck_hero_age_ge");
	free(name);
	name = dialect_object_name(pg(), "ix", "hero", NULL);
	assert_string_equal(name, "ix_hero");
	free(name);

	memset(long_table, 'x', 80);
	long_table[80] = '\0';
	/* SQLite has no limit. */
	name = dialect_object_name(sq(), "ck", long_table, "age_ge");
	assert_int_equal(strlen(name), 3 + 80 + 7);
	free(name);

	name = dialect_object_name(pg(), "ck", long_table, "age_ge");
	assert_int_equal(strlen(name), 63);
	assert_memory_equal(name, "ck_xxxx", 7);
	assert_int_equal(name[54], '_');
	for (int i = 55; i < 63; i++)
		assert_non_null(strchr("0123456789abcdef", name[i]));
	{
		/* Deterministic, and different for a different full name. */
		char *again = dialect_object_name(pg(), "ck", long_table, "age_ge");
		char *other = dialect_object_name(pg(), "ck", long_table, "age_le");

		assert_string_equal(name, again);
		assert_string_not_equal(name, other);
		assert_memory_equal(name, other, 54);
		free(again);
		free(other);
	}
	free(name);

	name = dialect_object_name(my(), "fk", long_table, "team_id");
	assert_int_equal(strlen(name), 64);
	free(name);

	/* A name of exactly the limit stays as it is. */
	memset(long_table, 'y', 60);
	long_table[60] = '\0';
	name = dialect_object_name(pg(), "ix", long_table, NULL);
	assert_int_equal(strlen(name), 63);
	assert_memory_equal(name + 3, long_table, 60);
	free(name);
}

static void test_object_name_utf8(void **state)
{
	struct strbuf table;
	char *name;
	size_t len;

	(void)state;
	sb_init(&table);
	for (int i = 0; i < 40; i++)
		sb_add(&table, "é");   /* two bytes each */
	name = dialect_object_name(pg(), "ix", table.buf, NULL);
	len = strlen(name);
	assert_true(len <= 63);
	/* The cut falls between characters: the head is whole "é"s. */
	assert_int_equal((len - 9 - 3) % 2, 0);
	for (size_t i = 3; i < len - 9; i += 2)
		assert_memory_equal(name + i, "é", 2);
	free(name);
	sb_free(&table);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_quote_ident),
		cmocka_unit_test(test_quote_string),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_types_verbatim),
		cmocka_unit_test(test_types_own_names),
		cmocka_unit_test(test_object_name),
		cmocka_unit_test(test_object_name_utf8),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
