/* reserved.c — see reserved.h.
 *
 * Each table holds the words a dialect refuses as a bare table or column
 * name, lower case, sorted in byte order (which is strcasecmp order for
 * lower-case ASCII, so the binary search below holds).
 *
 * SQLite: the keywords of lang_keywords.html that its parser does not fall
 * back to an identifier for (CREATE TABLE / SELECT fail unquoted).
 * PostgreSQL: Appendix C, "reserved" and "reserved (can be function or
 * type)".  MySQL: the words marked (R) in the 8.0 manual. */
#include "reserved.h"

#include <stddef.h>
#include <strings.h>

static const char *const sqlite_words[] = {
	"add", "all", "alter", "and", "as", "autoincrement", "between", "case",
	"cast", "check", "collate", "commit", "constraint", "create", "default",
	"deferrable", "delete", "distinct", "drop", "else", "escape", "except",
	"exists", "foreign", "from", "group", "having", "if", "in", "index",
	"insert", "intersect", "into", "is", "isnull", "join", "limit", "not",
	"nothing", "notnull", "null", "on", "or", "order", "primary", "raise",
	"references", "returning", "select", "set", "table", "then", "to",
	"transaction", "union", "unique", "update", "using", "values", "when",
	"where",
};

static const char *const postgres_words[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc",
	"asymmetric", "authorization", "binary", "both", "case", "cast", "check",
	"collate", "collation", "column", "concurrently", "constraint", "create",
	"cross", "current_catalog", "current_date", "current_role", "current_schema",
	"current_time", "current_timestamp", "current_user", "default", "deferrable",
	"desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
	"foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
	"in", "initially", "inner", "intersect", "into", "is", "isnull", "join",
	"lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp",
	"natural", "not", "notnull", "null", "offset", "on", "only", "or", "order",
	"outer", "overlaps", "placing", "primary", "references", "returning",
	"right", "select", "session_user", "similar", "some", "symmetric",
	"system_user", "table", "tablesample", "then", "to", "trailing", "true",
	"union", "unique", "user", "using", "variadic", "verbose", "when", "where",
	"window", "with",
};

static const char *const mysql_words[] = {
	"accessible", "add", "all", "alter", "analyze", "and", "as", "asc",
	"asensitive", "before", "between", "bigint", "binary", "blob", "both", "by",
	"call", "cascade", "case", "change", "char", "character", "check", "collate",
	"column", "condition", "constraint", "continue", "convert", "create",
	"cross", "cube", "cume_dist", "current_date", "current_time",
	"current_timestamp", "current_user", "cursor", "database", "databases",
	"day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal",
	"declare", "default", "delayed", "delete", "dense_rank", "desc", "describe",
	"deterministic", "distinct", "distinctrow", "div", "double", "drop", "dual",
	"each", "else", "elseif", "empty", "enclosed", "escaped", "except", "exists",
	"exit", "explain", "false", "fetch", "first_value", "float", "float4",
	"float8", "for", "force", "foreign", "from", "fulltext", "function",
	"generated", "get", "grant", "group", "grouping", "groups", "having",
	"high_priority", "hour_microsecond", "hour_minute", "hour_second", "if",
	"ignore", "in", "index", "infile", "inner", "inout", "insensitive", "insert",
	"int", "int1", "int2", "int3", "int4", "int8", "integer", "intersect",
	"interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate",
	"join", "json_table", "key", "keys", "kill", "lag", "last_value", "lateral",
	"lead", "leading", "leave", "left", "like", "limit", "linear", "lines",
	"load", "localtime", "localtimestamp", "lock", "long", "longblob",
	"longtext", "loop", "low_priority", "master_bind",
	"master_ssl_verify_server_cert", "match", "maxvalue", "mediumblob",
	"mediumint", "mediumtext", "middleint", "minute_microsecond",
	"minute_second", "mod", "modifies", "natural", "no_write_to_binlog", "not",
	"nth_value", "ntile", "null", "numeric", "of", "on", "optimize",
	"optimizer_costs", "option", "optionally", "or", "order", "out", "outer",
	"outfile", "over", "partition", "percent_rank", "precision", "primary",
	"procedure", "purge", "range", "rank", "read", "read_write", "reads", "real",
	"recursive", "references", "regexp", "release", "rename", "repeat",
	"replace", "require", "resignal", "restrict", "return", "revoke", "right",
	"rlike", "row", "row_number", "rows", "schema", "schemas",
	"second_microsecond", "select", "sensitive", "separator", "set", "show",
	"signal", "smallint", "spatial", "specific", "sql", "sql_big_result",
	"sql_calc_found_rows", "sql_small_result", "sqlexception", "sqlstate",
	"sqlwarning", "ssl", "starting", "stored", "straight_join", "system",
	"table", "terminated", "then", "tinyblob", "tinyint", "tinytext", "to",
	"trailing", "trigger", "true", "undo", "union", "unique", "unlock",
	"unsigned", "update", "usage", "use", "using", "utc_date", "utc_time",
	"utc_timestamp", "values", "varbinary", "varchar", "varcharacter", "varying",
	"virtual", "when", "where", "while", "window", "with", "write", "xor",
	"year_month", "zerofill",
};

struct word_table {
	const char *const *words;
	size_t n;
};

#define WORD_TABLE(a) { a, sizeof(a) / sizeof(a[0]) }

static const struct word_table tables[DIALECT_COUNT] = {
	[DIALECT_SQLITE] = WORD_TABLE(sqlite_words),
	[DIALECT_POSTGRES] = WORD_TABLE(postgres_words),
	[DIALECT_MYSQL] = WORD_TABLE(mysql_words),
};

static const char *const dialect_names[DIALECT_COUNT] = {
	[DIALECT_SQLITE] = "sqlite",
	[DIALECT_POSTGRES] = "postgres",
	[DIALECT_MYSQL] = "mysql",
};

const char *dialect_id_name(enum dialect_id d)
{
	if ((unsigned)d >= DIALECT_COUNT)
		return "unknown";
	return dialect_names[d];
}

bool reserved_in(enum dialect_id d, const char *word)
{
	const struct word_table *t;
	size_t lo = 0, hi;

	if ((unsigned)d >= DIALECT_COUNT || !word)
		return false;
	t = &tables[d];
	hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(word, t->words[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}
