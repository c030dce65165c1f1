/* source.h — the schema sources of DESIGN.md, as named on the command
 * line: a .yaml/.yml model, a .sql file, sqlite:PATH, sqlite:///PATH, a
 * path to an SQLite database file (recognised by its header), or a
 * postgres:// / postgresql:// URI.  Every command that takes a SOURCE
 * turns it into a model here. */
#ifndef SKEMA_SOURCE_H
#define SKEMA_SOURCE_H

#include "diag.h"
#include "model.h"

enum source_kind {
	SOURCE_YAML,
	SOURCE_SQL,
	SOURCE_SQLITE,
	SOURCE_POSTGRES,
};

struct source {
	enum source_kind kind;
	char *spec;        /* as given */
	char *location;    /* the path (or the URI for postgres) */
	char *display;     /* what messages call it: the URI without its password */
};

/* Classify spec.  A bare path that is neither .yaml/.yml nor .sql must be
 * an existing SQLite database (its 16-byte header) or an error. */
int source_parse(const char *spec, struct source *out, char **err);
void source_clear(struct source *s);

/* The name diagnostics use for the source (the path, never a password). */
const char *source_display(const struct source *s);

/* Load the source as a model.  YAML models are loaded and checked: loader
 * and checker diagnostics land in dl, and the load fails when there is any
 * error.  Returns 0 and *out, or -1 with either error diagnostics in dl or
 * a one-line *err (unreadable file, unsupported source). */
int source_load(const struct source *s, struct model **out, struct diag_list *dl,
		char **err);

#endif
