/* settings.h — the user's configuration file, ~/.config/skema/config
 * ($XDG_CONFIG_HOME/skema/config when that is set):
 *     # comment
 *     theme NAME
 *     dialect sqlite|postgres|mysql
 * Command-line options override it.  A bad line is reported, not fatal. */
#ifndef SKEMA_SETTINGS_H
#define SKEMA_SETTINGS_H

#include "util.h"

struct settings {
	char *theme;     /* NULL: not set */
	char *dialect;
};

void settings_init(struct settings *s);
void settings_free(struct settings *s);
/* Parse text; problems go to warnings as "config:LINE: ..." lines. */
void settings_parse(struct settings *s, const char *text, struct strlist *warnings);
/* Read the user's file if it exists. */
void settings_load(struct settings *s, struct strlist *warnings);

#endif
