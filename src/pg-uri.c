/* pg-uri.c — see pg-uri.h.  The split follows libpq's own reading of a
 * URI: the user information ends at the first '@' before any '/', the
 * parameters start at the first '?' after it. */
#include "pg-uri.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const prefixes[] = { "postgresql://", "postgres://" };

static size_t prefix_len(const char *s)
{
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
			return strlen(prefixes[i]);
	return 0;
}

bool pg_uri_is(const char *s)
{
	return s && prefix_len(s) > 0;
}

static int hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* %-decode n bytes; NULL on a bad escape or an escaped NUL. */
static char *decode(const char *s, size_t n)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '%') {
			sb_addc(&sb, s[i]);
			continue;
		}
		int hi = i + 2 < n ? hex(s[i + 1]) : -1;
		int lo = hi < 0 ? -1 : hex(s[i + 2]);

		if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
			sb_free(&sb);
			return NULL;
		}
		sb_addc(&sb, (char)(hi * 16 + lo));
		i += 2;
	}
	return sb_release(&sb);
}

/* The parts of a URI, as offsets into it. */
struct parts {
	size_t prefix;               /* length of "postgresql://" */
	size_t user_end;             /* end of the user name (before ':' or '@'); 0: none */
	bool has_pass;               /* user:password@, even an empty one */
	size_t pass_start, pass_end; /* the password */
	size_t host_start;           /* after '@' or the prefix */
	size_t query;                /* the '?', or the length */
};

static void split(const char *uri, struct parts *p)
{
	size_t n = strlen(uri), i;

	memset(p, 0, sizeof(*p));
	p->prefix = prefix_len(uri);
	p->host_start = p->prefix;
	for (i = p->prefix; i < n && uri[i] != '@' && uri[i] != '/'; i++)
		;
	if (i < n && uri[i] == '@') {
		const char *colon = memchr(uri + p->prefix, ':', i - p->prefix);

		p->user_end = colon ? (size_t)(colon - uri) : i;
		if (colon) {
			p->has_pass = true;
			p->pass_start = p->user_end + 1;
			p->pass_end = i;
		}
		p->host_start = i + 1;
	}
	const char *q = strchr(uri + p->host_start, '?');

	p->query = q ? (size_t)(q - uri) : n;
}

static bool param_is(const char *param, size_t n, const char *key)
{
	size_t k = strlen(key);

	return n > k && strncmp(param, key, k) == 0 && param[k] == '=';
}

/* The URI rebuilt without the password (display) or without schema=
 * (conninfo); the dropped parameter's value is returned through *value
 * (raw, still %-encoded) when asked. */
enum rebuild { FOR_DISPLAY, FOR_LIBPQ };

static char *rebuild(const char *uri, const struct parts *p, enum rebuild how,
		     const char **value, size_t *value_len)
{
	struct strbuf sb;
	const char *drop = how == FOR_DISPLAY ? "password" : "schema";
	const char *s;
	bool first = true;

	sb_init(&sb);
	if (how == FOR_DISPLAY && p->has_pass) {
		sb_addn(&sb, uri, p->user_end);
		sb_addc(&sb, '@');
		sb_addn(&sb, uri + p->host_start, p->query - p->host_start);
	} else {
		sb_addn(&sb, uri, p->query);
	}
	if (!uri[p->query])
		return sb_release(&sb);
	s = uri + p->query + 1;
	while (*s) {
		size_t n = strcspn(s, "&");

		if (param_is(s, n, drop)) {
			if (value) {
				*value = s + strlen(drop) + 1;
				*value_len = n - strlen(drop) - 1;
			}
		} else if (n > 0) {
			sb_addc(&sb, first ? '?' : '&');
			sb_addn(&sb, s, n);
			first = false;
		}
		s += n;
		if (*s == '&')
			s++;
	}
	return sb_release(&sb);
}

char *pg_uri_redact(const char *uri)
{
	struct parts p;

	if (!pg_uri_is(uri))
		return xstrdup("a PostgreSQL database");
	split(uri, &p);
	return rebuild(uri, &p, FOR_DISPLAY, NULL, NULL);
}

int pg_uri_parse(const char *uri, struct pg_uri *out, char **err)
{
	struct parts p;
	const char *schema = NULL, *pw = NULL;
	size_t schema_len = 0, pw_len = 0;

	memset(out, 0, sizeof(*out));
	if (!pg_uri_is(uri)) {
		*err = xstrdup("not a PostgreSQL URI: expected postgres://... or postgresql://...");
		return -1;
	}
	split(uri, &p);
	out->display = rebuild(uri, &p, FOR_DISPLAY, &pw, &pw_len);
	out->conninfo = rebuild(uri, &p, FOR_LIBPQ, &schema, &schema_len);
	if (p.has_pass) {
		pw = uri + p.pass_start;
		pw_len = p.pass_end - p.pass_start;
	}
	if (pw) {
		out->password = decode(pw, pw_len);
		if (!out->password) {
			*err = xasprintf("%s: bad %%-escape in the password", out->display);
			pg_uri_clear(out);
			return -1;
		}
	}
	if (schema) {
		out->schema = decode(schema, schema_len);
		if (!out->schema) {
			*err = xasprintf("%s: bad %%-escape in schema=", out->display);
			pg_uri_clear(out);
			return -1;
		}
		if (!out->schema[0]) {
			*err = xasprintf("%s: schema= names no schema", out->display);
			pg_uri_clear(out);
			return -1;
		}
	} else {
		out->schema = xstrdup("public");
	}
	return 0;
}

void pg_uri_clear(struct pg_uri *u)
{
	free(u->conninfo);
	free(u->schema);
	free(u->display);
	if (u->password) {
		/* Not kept in freed memory longer than needed. */
		memset(u->password, 0, strlen(u->password));
		free(u->password);
	}
	memset(u, 0, sizeof(*u));
}

char *pg_uri_scrub(const char *msg, const char *password)
{
	struct strbuf sb;
	size_t k = password ? strlen(password) : 0;
	const char *s = msg, *hit;

	if (k == 0)
		return xstrdup(msg);
	sb_init(&sb);
	while ((hit = strstr(s, password)) != NULL) {
		sb_addn(&sb, s, (size_t)(hit - s));
		sb_add(&sb, "***");
		s = hit + k;
	}
	sb_add(&sb, s);
	return sb_release(&sb);
}
