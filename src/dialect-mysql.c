/* dialect-mysql.c — MySQL 8 and MariaDB (10.11) as one description.
 *
 * Choices that work on both: text and blob are LONGTEXT/LONGBLOB (the
 * other engines' text has no 64 KiB limit); json is JSON, a real type on
 * MySQL and an alias of LONGTEXT with a validity check on MariaDB; uuid is
 * CHAR(36); datetime/timestamp are DATETIME (TIMESTAMP ends in 2038 and
 * converts time zones), which is exactly why timestamptz is TIMESTAMP;
 * real is FLOAT because MySQL's REAL means DOUBLE; a bare numeric is the
 * widest DECIMAL, since DECIMAL alone would mean DECIMAL(10,0).  Tables
 * are utf8mb4 explicitly: MariaDB still defaults to latin1. */
#include "dialect.h"

static const struct type_map mysql_types[] = {
	{ "integer", 0, "INT" },
	{ "bigint", 0, "BIGINT" },
	{ "smallint", 0, "SMALLINT" },
	{ "boolean", 0, "BOOLEAN" },
	{ "real", 0, "FLOAT" },
	{ "double", 0, "DOUBLE" },
	{ "numeric", 0, "DECIMAL(65,30)" },
	{ "numeric", 1, "DECIMAL(%1)" },
	{ "numeric", 2, "DECIMAL(%1,%2)" },
	{ "decimal", 0, "DECIMAL(65,30)" },
	{ "decimal", 1, "DECIMAL(%1)" },
	{ "decimal", 2, "DECIMAL(%1,%2)" },
	{ "text", 0, "LONGTEXT" },
	{ "varchar", 1, "VARCHAR(%1)" },
	{ "char", 1, "CHAR(%1)" },
	{ "date", 0, "DATE" },
	{ "time", 0, "TIME" },
	{ "datetime", 0, "DATETIME" },
	{ "timestamp", 0, "DATETIME" },
	{ "timestamptz", 0, "TIMESTAMP" },
	{ "blob", 0, "LONGBLOB" },
	{ "uuid", 0, "CHAR(36)" },
	{ "json", 0, "JSON" },
	{ "enum", 0, "ENUM(%V)" },
	{ NULL, 0, NULL },
};

const struct dialect dialect_mysql = {
	.id = DIALECT_MYSQL,
	.name = "mysql",
	.title = "MySQL",
	.quote_open = '`',
	.quote_close = '`',
	.backslash_in_strings = true,
	.max_identifier = 64,
	.types = mysql_types,
	.strict_types = NULL,
	.bool_true = "TRUE",
	.bool_false = "FALSE",
	.autoinc = AUTOINC_KEYWORD,
	.autoinc_spelling = " AUTO_INCREMENT",
	.comments = COMMENTS_INLINE_OPTION,
	.enums = ENUMS_INLINE,
	.forward_fk_inline = false,
	.partial_indexes = false,
	.check_constraints = true,
	.table_options = false,
	.triggers_portable = false,
	/* 255 characters of utf8mb4 are 1020 bytes, under InnoDB's 3072. */
	.text_index_prefix = 255,
	/* Only expression defaults, DEFAULT ('x'), on TEXT/BLOB/JSON. */
	.text_defaults = false,
	.statement_end = ";",
	.length_function = "CHAR_LENGTH",
	.autoinc_type = NULL,
	.table_suffix = " DEFAULT CHARSET=utf8mb4",
	.rebuild_tables = false,
	.reorder_columns = false,
	.alter_column = ALTER_COLUMN_MODIFY,
	.alter_type_using = false,
	.drop_fk = "DROP FOREIGN KEY",
	.drop_unique = "DROP INDEX",
	/* MariaDB and MySQL 8.0.19+ */
	.drop_check = "DROP CONSTRAINT",
	.drop_index_on_table = true,
	.rename_index = "ALTER TABLE %T RENAME INDEX %O TO %N",
	.rename_constraint = NULL,
	.pk_constraint_suffix = NULL,
	.identity_add = NULL,
	.identity_drop = NULL,
	.fk_disable_sql = NULL,
	.fk_enable_sql = NULL,
	.fk_check_sql = NULL,
};
