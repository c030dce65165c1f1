/* source.c — see source.h. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-postgres.h"
#include "db-sqlite.h"
#include "import-sql.h"
#include "model-check.h"
#include "model-yaml.h"
#include "pg-uri.h"

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* SQLite files start with the 16 bytes "SQLite format 3\0". */
static int sqlite_header(const char *path, bool *is_sqlite, char **err)
{
	static const char magic[16] = "SQLite format 3";
	char buf[16];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	*is_sqlite = n == sizeof(buf) && memcmp(buf, magic, sizeof(buf)) == 0;
	return 0;
}

int source_parse(const char *spec, struct source *out, char **err)
{
	bool is_sqlite = false;

	memset(out, 0, sizeof(*out));
	out->spec = xstrdup(spec);
	if (pg_uri_is(spec)) {
		out->kind = SOURCE_POSTGRES;
		out->location = xstrdup(spec);
		out->display = pg_uri_redact(spec);
	} else if (has_prefix(spec, "sqlite:///")) {
		out->kind = SOURCE_SQLITE;
		out->location = xstrdup(spec + strlen("sqlite://"));
	} else if (has_prefix(spec, "sqlite:")) {
		out->kind = SOURCE_SQLITE;
		out->location = xstrdup(spec + strlen("sqlite:"));
	} else if (has_suffix(spec, ".yaml") || has_suffix(spec, ".yml")) {
		out->kind = SOURCE_YAML;
		out->location = xstrdup(spec);
	} else if (has_suffix(spec, ".sql")) {
		out->kind = SOURCE_SQL;
		out->location = xstrdup(spec);
	} else {
		if (sqlite_header(spec, &is_sqlite, err) != 0) {
			source_clear(out);
			return -1;
		}
		if (!is_sqlite) {
			*err = xasprintf("%s is not a schema source: expected a .yaml or "
					 ".sql file, an SQLite database, sqlite:PATH or "
					 "postgres://...", spec);
			source_clear(out);
			return -1;
		}
		out->kind = SOURCE_SQLITE;
		out->location = xstrdup(spec);
	}
	if (out->location[0] == '\0') {
		*err = xasprintf("%s: the source names no file", spec);
		source_clear(out);
		return -1;
	}
	return 0;
}

void source_clear(struct source *s)
{
	free(s->spec);
	free(s->location);
	free(s->display);
	memset(s, 0, sizeof(*s));
}

const char *source_display(const struct source *s)
{
	return s->display ? s->display : s->location;
}

static int load_yaml(const struct source *s, struct model **out,
		     struct diag_list *dl, char **err)
{
	struct model *m = NULL;

	if (model_load_file(s->location, &m, dl, err) != 0)
		return -1;
	if (m && dl->errors == 0)
		model_check(m, dl);
	if (!m || dl->errors) {
		model_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

int source_load(const struct source *s, struct model **out, struct diag_list *dl,
		char **err)
{
	*out = NULL;
	switch (s->kind) {
	case SOURCE_YAML:
		return load_yaml(s, out, dl, err);
	case SOURCE_SQL:
		return import_sql_file(s->location, out, dl, err);
	case SOURCE_SQLITE:
		return db_sqlite_import_file(s->location, out, dl, err);
	case SOURCE_POSTGRES:
		return db_postgres_import_uri(s->location, out, dl, err);
	}
	*err = xstrdup("unknown source kind");
	return -1;
}
