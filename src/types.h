/* types.h — the logical column types of format v1 (DESIGN.md), parsed.
 * Shared by the checker, the DDL generator and the exporters. */
#ifndef SKEMA_TYPES_H
#define SKEMA_TYPES_H

#include <stdbool.h>

/* Parses a type string ("varchar(100)",
 * "numeric(10,2)", "enum(alignment)") into its base name and arguments;
 * returns false for a type that is not a logical type (it then passes
 * through verbatim to DDL). */
enum type_class {
	TYPE_CLASS_OTHER,    /* unknown / verbatim */
	TYPE_CLASS_INTEGER,  /* integer, bigint, smallint */
	TYPE_CLASS_NUMERIC,  /* real, double, numeric, decimal */
	TYPE_CLASS_BOOLEAN,
	TYPE_CLASS_STRING,   /* text, varchar, char, uuid */
	TYPE_CLASS_TEMPORAL, /* date, time, datetime, timestamp, timestamptz */
	TYPE_CLASS_BLOB,
	TYPE_CLASS_JSON,
	TYPE_CLASS_ENUM,
};
struct logical_type {
	char base[32];       /* lower-case base name: "varchar", "enum"... */
	enum type_class cls;
	int nargs;           /* 0..2 numeric args; for enum, 0 and enum_name set */
	long args[2];
	char enum_name[128];
};
bool logical_type_parse(const char *type, struct logical_type *out);

/* Two column types that a foreign key may join (same class and, for
 * strings and integers, compatible width). */
bool types_compatible(const char *a, const char *b);

/* A type string that can be pasted into DDL without changing the
 * statement: words, one optional "(numbers)", optional "[]".  Logical
 * types always are; the checker refuses any other type that is not. */
bool type_name_is_safe(const char *type);

#endif
