/* pg-uri.h — postgres:// and postgresql:// URIs as skema takes them.
 *
 * libpq reads these URIs itself (so PGPASSWORD, .pgpass and service
 * files keep working); what skema adds is:
 *   - `?schema=NAME`, which libpq does not know: it is taken out of the
 *     URI before libpq sees it and names the schema to read (default
 *     public);
 *   - a form without the password, the only one skema ever prints, logs
 *     or stores: the password of `user:password@` and any `password=`
 *     parameter are dropped. */
#ifndef SKEMA_PG_URI_H
#define SKEMA_PG_URI_H

#include <stdbool.h>

struct pg_uri {
	char *conninfo;   /* the URI for libpq: as given, without `schema=` */
	char *schema;     /* decoded; "public" when not given */
	char *display;    /* the URI without its password */
	char *password;   /* decoded, or NULL: scrubbed from server messages */
};

/* Is s a postgres:// or postgresql:// URI? */
bool pg_uri_is(const char *s);

/* Split uri.  Returns 0, or -1 and a one-line *err (which never holds the
 * password): not a PostgreSQL URI, a bad %-escape, an empty schema. */
int pg_uri_parse(const char *uri, struct pg_uri *out, char **err);
void pg_uri_clear(struct pg_uri *u);

/* The URI without its password, for printing; never fails.  The caller
 * frees. */
char *pg_uri_redact(const char *uri);

/* msg with every occurrence of password replaced by "***" (a server
 * message may quote what it was given).  The caller frees. */
char *pg_uri_scrub(const char *msg, const char *password);

#endif
