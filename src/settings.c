/* settings.c — see settings.h. */
#include "settings.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model-yaml.h"

void settings_init(struct settings *s)
{
	s->theme = NULL;
	s->dialect = NULL;
}

void settings_free(struct settings *s)
{
	free(s->theme);
	free(s->dialect);
	settings_init(s);
}

void settings_parse(struct settings *s, const char *text, struct strlist *warnings)
{
	char *copy = xstrdup(text), *next;
	int lineno = 0;

	for (char *p = copy; p; p = next) {
		char *nl = strchr(p, '\n'), *key, *val, *save = NULL, *hash;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if ((hash = strchr(p, '#')))
			*hash = '\0';
		key = strtok_r(p, " \t\r", &save);
		if (!key)
			continue;
		val = strtok_r(NULL, " \t\r", &save);
		if (!val || strtok_r(NULL, " \t\r", &save)) {
			strlist_push_owned(warnings, xasprintf(
				"config:%d: '%s' takes one value", lineno, key));
		} else if (strcmp(key, "theme") == 0) {
			free(s->theme);
			s->theme = xstrdup(val);
		} else if (strcmp(key, "dialect") == 0) {
			free(s->dialect);
			s->dialect = xstrdup(val);
		} else {
			strlist_push_owned(warnings, xasprintf(
				"config:%d: unknown setting '%s' (known: theme, dialect)",
				lineno, key));
		}
	}
	free(copy);
}

void settings_load(struct settings *s, struct strlist *warnings)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char *path, *text, *err = NULL;
	size_t len;

	if (xdg && *xdg)
		path = xasprintf("%s/skema/config", xdg);
	else if (home && *home)
		path = xasprintf("%s/.config/skema/config", home);
	else
		return;
	if (access(path, F_OK) != 0) {
		free(path);
		return;
	}
	if (file_read_all(path, &text, &len, &err) != 0) {
		strlist_push_owned(warnings, err);
	} else {
		settings_parse(s, text, warnings);
		free(text);
	}
	free(path);
}
