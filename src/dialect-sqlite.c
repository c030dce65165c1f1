/* dialect-sqlite.c — SQLite as a description.
 *
 * SQLite keeps a column's declared type as written, and `skema import`
 * reads it back from there, so every logical type is spelled so that it
 * comes back as itself (VARCHAR(100), BOOLEAN, DATETIME, UUID, JSON); the
 * affinity rules still give each a sensible storage class.  STRICT tables
 * accept only the five storage classes, so they get their own map. */
#include "dialect.h"

static const struct type_map sqlite_types[] = {
	{ "integer", 0, "INTEGER" },
	{ "bigint", 0, "BIGINT" },
	{ "smallint", 0, "SMALLINT" },
	{ "boolean", 0, "BOOLEAN" },
	{ "real", 0, "REAL" },
	{ "double", 0, "DOUBLE" },
	{ "numeric", 0, "NUMERIC" },
	{ "numeric", 1, "NUMERIC(%1)" },
	{ "numeric", 2, "NUMERIC(%1,%2)" },
	{ "decimal", 0, "DECIMAL" },
	{ "decimal", 1, "DECIMAL(%1)" },
	{ "decimal", 2, "DECIMAL(%1,%2)" },
	{ "text", 0, "TEXT" },
	{ "varchar", 1, "VARCHAR(%1)" },
	{ "char", 1, "CHAR(%1)" },
	{ "date", 0, "DATE" },
	{ "time", 0, "TIME" },
	{ "datetime", 0, "DATETIME" },
	{ "timestamp", 0, "TIMESTAMP" },
	{ "timestamptz", 0, "TIMESTAMPTZ" },
	{ "blob", 0, "BLOB" },
	{ "uuid", 0, "UUID" },
	{ "json", 0, "JSON" },
	/* The values are a CHECK (enum_style), the type plain text. */
	{ "enum", 0, "TEXT" },
	{ NULL, 0, NULL },
};

/* Dates and times are ISO-8601 text, as SQLite's date functions expect;
 * numeric is ANY so that an exact value given as text is kept as text,
 * not rounded through a double. */
static const struct type_map sqlite_strict_types[] = {
	{ "integer", 0, "INTEGER" },
	{ "bigint", 0, "INTEGER" },
	{ "smallint", 0, "INTEGER" },
	{ "boolean", 0, "INTEGER" },
	{ "real", 0, "REAL" },
	{ "double", 0, "REAL" },
	{ "numeric", 0, "ANY" },
	{ "numeric", 1, "ANY" },
	{ "numeric", 2, "ANY" },
	{ "decimal", 0, "ANY" },
	{ "decimal", 1, "ANY" },
	{ "decimal", 2, "ANY" },
	{ "text", 0, "TEXT" },
	{ "varchar", 1, "TEXT" },
	{ "char", 1, "TEXT" },
	{ "date", 0, "TEXT" },
	{ "time", 0, "TEXT" },
	{ "datetime", 0, "TEXT" },
	{ "timestamp", 0, "TEXT" },
	{ "timestamptz", 0, "TEXT" },
	{ "blob", 0, "BLOB" },
	{ "uuid", 0, "TEXT" },
	{ "json", 0, "TEXT" },
	{ "enum", 0, "TEXT" },
	{ NULL, 0, NULL },
};

/* SQLite recognises these names in any case and reports them back in
 * capitals (PRAGMA table_info), whatever the CREATE TABLE said; the
 * logical ones among them are spelled so already, INT and ANY are not. */
static const char *const sqlite_own_type_names[] = {
	"INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY", NULL,
};

const struct dialect dialect_sqlite = {
	.id = DIALECT_SQLITE,
	.name = "sqlite",
	.title = "SQLite",
	.quote_open = '"',
	.quote_close = '"',
	.backslash_in_strings = false,
	.max_identifier = 0,
	.types = sqlite_types,
	.strict_types = sqlite_strict_types,
	/* TRUE/FALSE since 3.23; they read back as booleans, 1/0 would not. */
	.bool_true = "TRUE",
	.bool_false = "FALSE",
	.autoinc = AUTOINC_SQLITE,
	.autoinc_spelling = " AUTOINCREMENT",
	.comments = COMMENTS_SQL_LINES,
	.enums = ENUMS_CHECK_IN,
	.forward_fk_inline = true,
	.partial_indexes = true,
	.check_constraints = true,
	.table_options = true,
	.triggers_portable = true,
	.text_index_prefix = 0,
	.text_defaults = true,
	.statement_end = ";",
	.length_function = "length",
	/* AUTOINCREMENT is refused on anything but exactly INTEGER PRIMARY KEY. */
	.autoinc_type = "INTEGER",
	.table_suffix = NULL,
	.rebuild_tables = true,
	.reorder_columns = true,
	.alter_column = ALTER_COLUMN_NONE,
	.alter_type_using = false,
	.drop_fk = NULL,
	.drop_unique = NULL,
	.drop_check = NULL,
	.drop_index_on_table = false,
	.rename_index = NULL,
	.rename_constraint = NULL,
	.pk_constraint_suffix = NULL,
	.identity_add = NULL,
	.identity_drop = NULL,
	/* PRAGMA foreign_keys is a no-op inside a transaction. */
	.fk_disable_sql = "PRAGMA foreign_keys = OFF",
	.fk_enable_sql = "PRAGMA foreign_keys = ON",
	.fk_check_sql = "PRAGMA foreign_key_check",
	.own_type_names = sqlite_own_type_names,
};
