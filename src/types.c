/* types.c — see types.h.
 *
 * A type string is NAME, optionally followed by (ARGS); case and blanks
 * around the parts do not matter.  The table below says which names are
 * logical types and how many arguments each takes; anything else is a
 * type the dialects pass through verbatim. */
#include "types.h"

#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

struct type_def {
	const char *name;
	enum type_class cls;
	int min_args, max_args;
};

static const struct type_def type_defs[] = {
	{ "integer",     TYPE_CLASS_INTEGER,  0, 0 },
	{ "bigint",      TYPE_CLASS_INTEGER,  0, 0 },
	{ "smallint",    TYPE_CLASS_INTEGER,  0, 0 },
	{ "boolean",     TYPE_CLASS_BOOLEAN,  0, 0 },
	{ "real",        TYPE_CLASS_NUMERIC,  0, 0 },
	{ "double",      TYPE_CLASS_NUMERIC,  0, 0 },
	{ "numeric",     TYPE_CLASS_NUMERIC,  0, 2 },
	{ "decimal",     TYPE_CLASS_NUMERIC,  0, 2 },
	{ "text",        TYPE_CLASS_STRING,   0, 0 },
	{ "varchar",     TYPE_CLASS_STRING,   1, 1 },
	{ "char",        TYPE_CLASS_STRING,   1, 1 },
	{ "uuid",        TYPE_CLASS_STRING,   0, 0 },
	{ "date",        TYPE_CLASS_TEMPORAL, 0, 0 },
	{ "time",        TYPE_CLASS_TEMPORAL, 0, 0 },
	{ "datetime",    TYPE_CLASS_TEMPORAL, 0, 0 },
	{ "timestamp",   TYPE_CLASS_TEMPORAL, 0, 0 },
	{ "timestamptz", TYPE_CLASS_TEMPORAL, 0, 0 },
	{ "blob",        TYPE_CLASS_BLOB,     0, 0 },
	{ "json",        TYPE_CLASS_JSON,     0, 0 },
	{ "enum",        TYPE_CLASS_ENUM,     0, 0 },
};

/* PostgreSQL's limit; no dialect accepts more digits. */
#define NUMERIC_MAX_PRECISION 1000

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A decimal number without sign; false on overflow or no digits. */
static bool parse_count(const char **sp, long *out)
{
	const char *s = *sp;
	long v = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s)) {
		int d = *s - '0';

		if (v > (INT_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		s++;
	}
	*sp = s;
	*out = v;
	return true;
}

/* Numbers separated by commas up to ')'; s points after '('. */
static bool parse_args(const char **sp, struct logical_type *lt)
{
	const char *s = skip_blanks(*sp);

	lt->nargs = 0;
	for (;;) {
		long v;

		if (lt->nargs == 2 || !parse_count(&s, &v))
			return false;
		lt->args[lt->nargs++] = v;
		s = skip_blanks(s);
		if (*s == ')')
			break;
		if (*s != ',')
			return false;
		s = skip_blanks(s + 1);
	}
	*sp = s + 1;
	return true;
}

/* The enum's name: everything up to ')', trimmed, without nesting. */
static bool parse_enum_name(const char **sp, struct logical_type *lt)
{
	const char *s = skip_blanks(*sp);
	const char *end = strchr(s, ')');
	size_t n;

	if (!end)
		return false;
	n = (size_t)(end - s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(lt->enum_name) || memchr(s, '(', n) ||
	    memchr(s, ',', n))
		return false;
	memcpy(lt->enum_name, s, n);
	lt->enum_name[n] = '\0';
	*sp = end + 1;
	return true;
}

static bool args_valid(const struct logical_type *lt)
{
	if (strcmp(lt->base, "varchar") == 0 || strcmp(lt->base, "char") == 0)
		return lt->args[0] >= 1;
	if (lt->nargs >= 1 &&
	    (lt->args[0] < 1 || lt->args[0] > NUMERIC_MAX_PRECISION))
		return false;
	if (lt->nargs == 2 && lt->args[1] > lt->args[0])
		return false;
	return true;
}

bool logical_type_parse(const char *type, struct logical_type *out)
{
	struct logical_type lt;
	const struct type_def *def = NULL;
	const char *s;
	size_t n = 0;

	memset(&lt, 0, sizeof(lt));
	if (out)
		*out = lt;
	if (!type)
		return false;
	s = skip_blanks(type);
	while (isalpha((unsigned char)s[n]))
		n++;
	if (n == 0 || n >= sizeof(lt.base))
		return false;
	for (size_t i = 0; i < n; i++)
		lt.base[i] = (char)tolower((unsigned char)s[i]);
	s = skip_blanks(s + n);

	for (size_t i = 0; i < sizeof(type_defs) / sizeof(type_defs[0]); i++) {
		/* first letters first: this runs for every column of every
		 * DDL, check and diff */
		if (type_defs[i].name[0] == lt.base[0] && strcmp(type_defs[i].name, lt.base) == 0) {
			def = &type_defs[i];
			break;
		}
	}
	if (!def)
		return false;
	lt.cls = def->cls;

	if (def->cls == TYPE_CLASS_ENUM) {
		if (*s != '(')
			return false;
		s++;
		if (!parse_enum_name(&s, &lt))
			return false;
	} else if (*s == '(') {
		s++;
		if (!parse_args(&s, &lt))
			return false;
	}
	if (*skip_blanks(s) != '\0')
		return false;
	if (def->cls != TYPE_CLASS_ENUM &&
	    (lt.nargs < def->min_args || lt.nargs > def->max_args ||
	     !args_valid(&lt)))
		return false;
	if (out)
		*out = lt;
	return true;
}

/* A type skema does not know is judged the way SQLite judges any declared
 * type: by its affinity (the rules of "Determination Of Column Affinity"),
 * so an imported INT column may reference an integer key. */
static enum type_class affinity_class(const char *type)
{
	if (!type || !*type || strcasestr(type, "BLOB"))
		return TYPE_CLASS_BLOB;
	if (strcasestr(type, "INT"))
		return TYPE_CLASS_INTEGER;
	if (strcasestr(type, "CHAR") || strcasestr(type, "CLOB") || strcasestr(type, "TEXT"))
		return TYPE_CLASS_STRING;
	return TYPE_CLASS_NUMERIC;
}

bool types_compatible(const char *a, const char *b)
{
	struct logical_type la, lb;
	bool ka = logical_type_parse(a, &la);
	bool kb = logical_type_parse(b, &lb);
	enum type_class ca = ka ? la.cls : affinity_class(a);
	enum type_class cb = kb ? lb.cls : affinity_class(b);

	if (!a || !b)
		return false;
	if (!ka && !kb && a && b && strcasecmp(a, b) == 0)
		return true;
	if (ca != cb)
		return false;
	if (ca == TYPE_CLASS_ENUM)
		return strcmp(la.enum_name, lb.enum_name) == 0;
	return true;
}

/* A verbatim type goes into every CREATE TABLE as written, so it must be a
 * type name and nothing more: words ("double precision", "mytype"), then
 * optionally numbers in one pair of parentheses and more words
 * ("decimal(10, 2) unsigned"), then optionally array brackets ("text[]").
 * Anything else ("text, y blob", "int); DROP TABLE t; --") would change
 * the statement around it. */
/* Words that end a type name in a column definition and start a
 * constraint: `x null` would be read as type x with NULL allowed. */
static bool type_word_is_constraint(const unsigned char *w, size_t n)
{
	static const char *const words[] = {
		"as", "check", "collate", "constraint", "default", "generated", "not",
		"null", "primary", "references", "unique",
	};

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncasecmp((const char *)w, words[i], n) == 0)
			return true;
	return false;
}

bool type_name_is_safe(const char *type)
{
	const unsigned char *p = (const unsigned char *)type;

	if (!p || !*p || *p == ' ')
		return false;
	for (const unsigned char *w = p; *w;) {
		size_t n = 0;

		while (isalnum(w[n]) || w[n] == '_' || w[n] >= 0x80)
			n++;
		if (n > 0 && type_word_is_constraint(w, n))
			return false;
		w += n ? n : 1;
	}
	while (isalnum(*p) || *p == '_' || *p == ' ' || *p >= 0x80)
		p++;
	if (*p == '(') {
		p++;
		while (isdigit(*p) || *p == ',' || *p == ' ' || *p == '+' || *p == '-')
			p++;
		if (*p++ != ')')
			return false;
		while (isalnum(*p) || *p == '_' || *p == ' ')
			p++;
	}
	while (p[0] == '[' && p[1] == ']')
		p += 2;
	return *p == '\0';
}
