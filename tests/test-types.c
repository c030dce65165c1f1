/* test-types.c — logical types (src/types.c) and reserved words
 * (src/reserved.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "reserved.h"
#include "types.h"

static void test_parse_plain(void **state)
{
	static const struct {
		const char *text;
		const char *base;
		enum type_class cls;
	} cases[] = {
		{ "integer", "integer", TYPE_CLASS_INTEGER },
		{ "bigint", "bigint", TYPE_CLASS_INTEGER },
		{ "smallint", "smallint", TYPE_CLASS_INTEGER },
		{ "boolean", "boolean", TYPE_CLASS_BOOLEAN },
		{ "real", "real", TYPE_CLASS_NUMERIC },
		{ "double", "double", TYPE_CLASS_NUMERIC },
		{ "numeric", "numeric", TYPE_CLASS_NUMERIC },
		{ "decimal", "decimal", TYPE_CLASS_NUMERIC },
		{ "text", "text", TYPE_CLASS_STRING },
		{ "uuid", "uuid", TYPE_CLASS_STRING },
		{ "date", "date", TYPE_CLASS_TEMPORAL },
		{ "time", "time", TYPE_CLASS_TEMPORAL },
		{ "datetime", "datetime", TYPE_CLASS_TEMPORAL },
		{ "timestamp", "timestamp", TYPE_CLASS_TEMPORAL },
		{ "timestamptz", "timestamptz", TYPE_CLASS_TEMPORAL },
		{ "blob", "blob", TYPE_CLASS_BLOB },
		{ "json", "json", TYPE_CLASS_JSON },
		{ "INTEGER", "integer", TYPE_CLASS_INTEGER },
		{ "  Text  ", "text", TYPE_CLASS_STRING },
	};
	(void)state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct logical_type lt;

		assert_true(logical_type_parse(cases[i].text, &lt));
		assert_string_equal(lt.base, cases[i].base);
		assert_int_equal(lt.cls, cases[i].cls);
		assert_int_equal(lt.nargs, 0);
		assert_string_equal(lt.enum_name, "");
	}
}

static void test_parse_arguments(void **state)
{
	struct logical_type lt;
	(void)state;

	assert_true(logical_type_parse("varchar(100)", &lt));
	assert_string_equal(lt.base, "varchar");
	assert_int_equal(lt.cls, TYPE_CLASS_STRING);
	assert_int_equal(lt.nargs, 1);
	assert_int_equal(lt.args[0], 100);

	assert_true(logical_type_parse(" VARCHAR ( 20 ) ", &lt));
	assert_string_equal(lt.base, "varchar");
	assert_int_equal(lt.args[0], 20);

	assert_true(logical_type_parse("char(2)", &lt));
	assert_string_equal(lt.base, "char");
	assert_int_equal(lt.args[0], 2);

	assert_true(logical_type_parse("numeric(10,2)", &lt));
	assert_string_equal(lt.base, "numeric");
	assert_int_equal(lt.cls, TYPE_CLASS_NUMERIC);
	assert_int_equal(lt.nargs, 2);
	assert_int_equal(lt.args[0], 10);
	assert_int_equal(lt.args[1], 2);

	assert_true(logical_type_parse("Decimal( 8 , 0 )", &lt));
	assert_string_equal(lt.base, "decimal");
	assert_int_equal(lt.nargs, 2);
	assert_int_equal(lt.args[0], 8);
	assert_int_equal(lt.args[1], 0);

	assert_true(logical_type_parse("numeric(12)", &lt));
	assert_int_equal(lt.nargs, 1);
	assert_int_equal(lt.args[0], 12);
}

static void test_parse_enum(void **state)
{
	struct logical_type lt;
	(void)state;

	assert_true(logical_type_parse("enum(alignment)", &lt));
	assert_string_equal(lt.base, "enum");
	assert_int_equal(lt.cls, TYPE_CLASS_ENUM);
	assert_int_equal(lt.nargs, 0);
	assert_string_equal(lt.enum_name, "alignment");

	/* the name keeps its case; only the base name is folded */
	assert_true(logical_type_parse("ENUM ( Mood )", &lt));
	assert_string_equal(lt.base, "enum");
	assert_string_equal(lt.enum_name, "Mood");

	assert_false(logical_type_parse("enum", &lt));
	assert_false(logical_type_parse("enum()", &lt));
	assert_false(logical_type_parse("enum( )", &lt));
	assert_false(logical_type_parse("enum(a,b)", &lt));
	assert_false(logical_type_parse("enum(a) x", &lt));
}

static void test_parse_rejects(void **state)
{
	static const char *const bad[] = {
		"", "   ", "money", "int", "varchar", "varchar()", "varchar(0)",
		"varchar(x)", "varchar(-1)", "varchar(10", "varchar(10))",
		"varchar(1,2)", "char", "char(0)", "integer(11)", "text(5)",
		"numeric(0)", "numeric(5,6)", "numeric(1,2,3)", "numeric(10,)",
		"numeric(,2)", "numeric(99999999999)", "double precision",
		"timestamp with time zone", "varchar(10) x", "json[]",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct logical_type lt;

		if (logical_type_parse(bad[i], &lt))
			fail_msg("'%s' parsed as a logical type", bad[i]);
		assert_int_equal(lt.cls, TYPE_CLASS_OTHER);
	}
	assert_false(logical_type_parse(NULL, NULL));
	assert_true(logical_type_parse("integer", NULL));
}

static void test_compatible(void **state)
{
	(void)state;

	/* integer family */
	assert_true(types_compatible("integer", "integer"));
	assert_true(types_compatible("integer", "bigint"));
	assert_true(types_compatible("smallint", "BIGINT"));
	/* strings */
	assert_true(types_compatible("text", "varchar(10)"));
	assert_true(types_compatible("char(3)", "varchar(100)"));
	assert_true(types_compatible("uuid", "text"));
	/* numeric and other classes */
	assert_true(types_compatible("numeric(10,2)", "decimal(10,2)"));
	assert_true(types_compatible("date", "date"));
	assert_true(types_compatible("datetime", "timestamp"));
	assert_true(types_compatible("blob", "blob"));
	/* different classes */
	assert_false(types_compatible("integer", "text"));
	assert_false(types_compatible("integer", "numeric"));
	assert_false(types_compatible("boolean", "integer"));
	assert_false(types_compatible("json", "text"));
	assert_false(types_compatible("blob", "text"));
	/* enums: only the same enum */
	assert_true(types_compatible("enum(mood)", "ENUM( mood )"));
	assert_false(types_compatible("enum(mood)", "enum(color)"));
	assert_false(types_compatible("enum(mood)", "text"));
	/* verbatim types: equal text, ignoring case, else SQLite's affinity */
	assert_true(types_compatible("money", "MONEY"));
	assert_true(types_compatible("int", "integer"));
	assert_true(types_compatible("BIGINT UNSIGNED", "bigint"));
	assert_true(types_compatible("NVARCHAR(160)", "text"));
	assert_true(types_compatible("money", "numeric"));
	assert_false(types_compatible("money", "text"));
	assert_false(types_compatible("INT", "text"));
	assert_false(types_compatible("NVARCHAR(10)", "integer"));
	assert_false(types_compatible(NULL, "integer"));
	assert_false(types_compatible(NULL, NULL));
}

static void test_type_name_is_safe(void **state)
{
	(void)state;

	assert_true(type_name_is_safe("money"));
	assert_true(type_name_is_safe("double precision"));
	assert_true(type_name_is_safe("NVARCHAR(160)"));
	assert_true(type_name_is_safe("decimal(10, 2) unsigned"));
	assert_true(type_name_is_safe("text[]"));
	assert_true(type_name_is_safe("timestamp(3) with time zone"));
	assert_false(type_name_is_safe(""));
	assert_false(type_name_is_safe(NULL));
	assert_false(type_name_is_safe(" int"));
	assert_false(type_name_is_safe("text, y blob"));
	assert_false(type_name_is_safe("int); DROP TABLE t; --"));
	assert_false(type_name_is_safe("int -- comment"));
	assert_false(type_name_is_safe("varchar(10"));
	assert_false(type_name_is_safe("text'"));
	assert_false(type_name_is_safe("a\"b"));
	/* a word that starts a column constraint ends the type (fuzz-migrate) */
	assert_false(type_name_is_safe("texparent_name null"));
	assert_false(type_name_is_safe("int NOT NULL"));
	assert_false(type_name_is_safe("text collate nocase"));
	assert_false(type_name_is_safe("int primary key"));
	assert_true(type_name_is_safe("nullable_thing"));
	assert_true(type_name_is_safe("character varying(20)"));
}

static void test_reserved(void **state)
{
	(void)state;

	assert_string_equal(dialect_id_name(DIALECT_SQLITE), "sqlite");
	assert_string_equal(dialect_id_name(DIALECT_POSTGRES), "postgres");
	assert_string_equal(dialect_id_name(DIALECT_MYSQL), "mysql");

	/* reserved everywhere, in any case */
	for (enum dialect_id d = DIALECT_SQLITE; d < DIALECT_COUNT; d++) {
		assert_true(reserved_in(d, "group"));
		assert_true(reserved_in(d, "ORDER"));
		assert_true(reserved_in(d, "Select"));
		assert_true(reserved_in(d, "table"));
		assert_true(reserved_in(d, "where"));
		assert_false(reserved_in(d, "hero"));
		assert_false(reserved_in(d, "name"));
		assert_false(reserved_in(d, "id"));
		assert_false(reserved_in(d, ""));
		assert_false(reserved_in(d, NULL));
	}
	/* first and last entries of each table, so the search covers ends */
	assert_true(reserved_in(DIALECT_SQLITE, "add"));
	assert_true(reserved_in(DIALECT_SQLITE, "where"));
	assert_true(reserved_in(DIALECT_POSTGRES, "all"));
	assert_true(reserved_in(DIALECT_POSTGRES, "with"));
	assert_true(reserved_in(DIALECT_MYSQL, "accessible"));
	assert_true(reserved_in(DIALECT_MYSQL, "zerofill"));

	/* words with underscores sort differently by case: both must work */
	assert_true(reserved_in(DIALECT_POSTGRES, "CURRENT_USER"));
	assert_true(reserved_in(DIALECT_POSTGRES, "current_timestamp"));
	assert_true(reserved_in(DIALECT_MYSQL, "MASTER_SSL_VERIFY_SERVER_CERT"));
	assert_true(reserved_in(DIALECT_MYSQL, "sql_big_result"));
	assert_true(reserved_in(DIALECT_MYSQL, "SQLEXCEPTION"));
	assert_true(reserved_in(DIALECT_MYSQL, "read_write"));
	assert_true(reserved_in(DIALECT_MYSQL, "reads"));

	/* dialect-specific */
	assert_true(reserved_in(DIALECT_POSTGRES, "user"));
	assert_false(reserved_in(DIALECT_SQLITE, "user"));
	assert_false(reserved_in(DIALECT_MYSQL, "user"));
	assert_true(reserved_in(DIALECT_MYSQL, "rank"));
	assert_false(reserved_in(DIALECT_POSTGRES, "rank"));
	assert_true(reserved_in(DIALECT_MYSQL, "key"));
	assert_false(reserved_in(DIALECT_SQLITE, "key"));
	assert_true(reserved_in(DIALECT_SQLITE, "autoincrement"));
	assert_false(reserved_in(DIALECT_SQLITE, "abort"));
	assert_true(reserved_in(DIALECT_POSTGRES, "left"));
	assert_false(reserved_in(DIALECT_SQLITE, "left"));
	assert_false(reserved_in(DIALECT_POSTGRES, "values"));
	assert_true(reserved_in(DIALECT_SQLITE, "values"));
	assert_false(reserved_in(DIALECT_COUNT, "select"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_plain),
		cmocka_unit_test(test_parse_arguments),
		cmocka_unit_test(test_parse_enum),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_compatible),
		cmocka_unit_test(test_type_name_is_safe),
		cmocka_unit_test(test_reserved),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
