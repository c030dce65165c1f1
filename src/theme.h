/* theme.h — colour roles named by meaning, set from theme files.
 *
 * A theme file (themes/NAME.theme) has one role per line:
 *     ROLE  FOREGROUND  BACKGROUND  [ATTRIBUTES...]
 * colours: default black red green yellow blue magenta cyan white or
 * 0-255; attributes: bold dim underline reverse italic.  Roles missing
 * from a file keep the compiled-in default theme's values.  On terminals
 * with 8 colours, numbers above 7 fall back to their basic colour; with
 * NO_COLOR set (or no colours at all) only the attributes are used, and
 * roles that need to stand out (cursor, selected, titles) get reverse or
 * bold so that the screen stays readable. */
#ifndef SKEMA_THEME_H
#define SKEMA_THEME_H

#include <stdbool.h>

#define THEME_ROLES(R) \
	R(NORMAL, "normal") \
	R(BORDER, "border") \
	R(TITLE, "title") \
	R(TITLE_MODIFIED, "title-modified") \
	R(STATUS, "status") \
	R(STATUS_ERROR, "status-error") \
	R(STATUS_WARNING, "status-warning") \
	R(KEYBAR_KEY, "keybar-key") \
	R(KEYBAR_LABEL, "keybar-label") \
	R(CURSOR, "cursor") \
	R(SELECTED, "selected") \
	R(TABLE_NAME, "table-name") \
	R(COLUMN_NAME, "column-name") \
	R(TYPE, "type") \
	R(PK, "pk") \
	R(FK, "fk") \
	R(INDEX, "index") \
	R(SQL_KEYWORD, "sql-keyword") \
	R(SQL_IDENTIFIER, "sql-identifier") \
	R(SQL_STRING, "sql-string") \
	R(SQL_COMMENT, "sql-comment") \
	R(DESTRUCTIVE, "destructive")

#define THEME_ENUM(id, name) ROLE_##id,
enum role { THEME_ROLES(THEME_ENUM) ROLE_COUNT };
#undef THEME_ENUM

struct role_style {
	short fg, bg;        /* -1 = the terminal's default; 0-255 */
	unsigned attrs;      /* THEME_BOLD... */
};

enum { THEME_BOLD = 1, THEME_DIM = 2, THEME_UNDERLINE = 4, THEME_REVERSE = 8,
       THEME_ITALIC = 16 };

struct theme {
	char *name;
	struct role_style role[ROLE_COUNT];
};

const char *theme_role_name(enum role r);
/* The compiled-in default. */
void theme_default(struct theme *t);
void theme_free(struct theme *t);
/* Parse theme text over the current values of t; returns -1 and *err
 * ("line N: ...") on the first bad line. */
int theme_parse(struct theme *t, const char *text, char **err);
/* Find NAME.theme in ~/.config/skema/themes, the installed themes, then
 * the source tree's themes/; NAME may also be a path to a file.  Returns
 * the path or NULL; the caller frees. */
char *theme_find(const char *name);
int theme_load(struct theme *t, const char *name, char **err);

/* curses side: set up the colour pairs (after initscr) and get the
 * attributes of a role. */
void theme_apply(const struct theme *t);
int theme_attr(enum role r);

#endif
