/* dialect.c — see dialect.h.  The shared machinery: lookup by name,
 * quoting, type-template expansion and object names.  What differs per
 * engine lives in dialect-*.c as data. */
#include "dialect.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static const struct dialect *const dialects[DIALECT_COUNT] = {
	[DIALECT_SQLITE] = &dialect_sqlite,
	[DIALECT_POSTGRES] = &dialect_postgres,
	[DIALECT_MYSQL] = &dialect_mysql,
};

/* Names people type besides the canonical ones. */
static const struct {
	const char *alias;
	enum dialect_id id;
} dialect_aliases[] = {
	{ "sqlite3", DIALECT_SQLITE },
	{ "postgresql", DIALECT_POSTGRES },
	{ "pg", DIALECT_POSTGRES },
	{ "mariadb", DIALECT_MYSQL },
};

const struct dialect *dialect_find(const char *name)
{
	if (!name)
		return NULL;
	for (int i = 0; i < DIALECT_COUNT; i++) {
		if (strcasecmp(dialects[i]->name, name) == 0)
			return dialects[i];
	}
	for (size_t i = 0; i < sizeof(dialect_aliases) / sizeof(dialect_aliases[0]); i++) {
		if (strcasecmp(dialect_aliases[i].alias, name) == 0)
			return dialects[dialect_aliases[i].id];
	}
	return NULL;
}

const struct dialect *dialect_get(enum dialect_id id)
{
	if ((int)id < 0 || id >= DIALECT_COUNT)
		return NULL;
	return dialects[id];
}

void dialect_quote_ident(const struct dialect *d, struct strbuf *sb, const char *name)
{
	sb_addc(sb, d->quote_open);
	for (const char *p = name; *p; p++) {
		if (*p == d->quote_close)
			sb_addc(sb, *p);
		sb_addc(sb, *p);
	}
	sb_addc(sb, d->quote_close);
}

void dialect_quote_string(const struct dialect *d, struct strbuf *sb, const char *s)
{
	sb_addc(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '\'' || (*p == '\\' && d->backslash_in_strings))
			sb_addc(sb, *p);
		sb_addc(sb, *p);
	}
	sb_addc(sb, '\'');
}

static const struct type_map *type_lookup(const struct type_map *map,
					  const struct logical_type *lt)
{
	for (; map && map->base; map++) {
		if (strcmp(map->base, lt->base) == 0 && map->nargs == lt->nargs)
			return map;
	}
	return NULL;
}

static void expand_template(const struct dialect *d, struct strbuf *sb, const char *tpl,
			    const struct logical_type *lt, const struct strlist *enum_values)
{
	for (const char *p = tpl; *p; p++) {
		if (p[0] != '%' || p[1] == '\0') {
			sb_addc(sb, *p);
			continue;
		}
		p++;
		switch (*p) {
		case '1':
			sb_printf(sb, "%ld", lt->args[0]);
			break;
		case '2':
			sb_printf(sb, "%ld", lt->args[1]);
			break;
		case 'E':
			dialect_quote_ident(d, sb, lt->enum_name);
			break;
		case 'V':
			for (size_t i = 0; enum_values && i < enum_values->n; i++) {
				if (i > 0)
					sb_add(sb, ", ");
				dialect_quote_string(d, sb, enum_values->items[i]);
			}
			break;
		default:
			sb_addc(sb, '%');
			sb_addc(sb, *p);
			break;
		}
	}
}

bool dialect_type(const struct dialect *d, struct strbuf *sb, const char *type,
		  bool strict_table, const struct strlist *enum_values)
{
	struct logical_type lt;
	const struct type_map *tm = NULL;

	if (!logical_type_parse(type, &lt)) {
		for (const char *const *own = d->own_type_names; type && own && *own; own++) {
			if (strcasecmp(type, *own) == 0) {
				type = *own;
				break;
			}
		}
		sb_add(sb, type ? type : "");
		return false;
	}
	if (strict_table && d->strict_types)
		tm = type_lookup(d->strict_types, &lt);
	if (!tm)
		tm = type_lookup(d->types, &lt);
	if (!tm) {
		/* A logical type the description forgot: better verbatim than
		 * nothing, and the tests of every type catch it. */
		sb_add(sb, type);
		return false;
	}
	expand_template(d, sb, tm->spelling, &lt, enum_values);
	return true;
}

/* FNV-1a, 32 bits: stable across platforms and runs, which is all a
 * name suffix needs. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

char *dialect_object_name(const struct dialect *d, const char *prefix,
			  const char *table, const char *suffix)
{
	struct strbuf sb;
	const char *parts[3] = { prefix, table, suffix };
	size_t keep, limit = d->max_identifier > 0 ? (size_t)d->max_identifier : 0;
	uint32_t h;
	char *name;

	sb_init(&sb);
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		if (sb.len > 0)
			sb_addc(&sb, '_');
		sb_add(&sb, parts[i]);
	}
	if (limit == 0 || sb.len <= limit)
		goto done;

	/* Too long: keep a readable head, cut on a UTF-8 character
	 * boundary, and make it unique again with a hash of the whole. */
	h = fnv1a(sb.buf);
	keep = limit > 9 ? limit - 9 : 0;
	while (keep > 0 && ((unsigned char)sb.buf[keep] & 0xC0) == 0x80)
		keep--;
	sb.len = keep;
	sb.buf[keep] = '\0';
	sb_printf(&sb, "_%08x", (unsigned)h);
done:
	name = sb_detach(&sb);
	sb_free(&sb);
	return name;
}
