/* theme.c — see theme.h. */
#include "theme.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "model-yaml.h"
#include "util.h"

#define THEME_NAME(id, name) name,
static const char *const role_names[ROLE_COUNT] = { THEME_ROLES(THEME_NAME) };
#undef THEME_NAME

/* The default theme, also the values of roles a file leaves out. */
static const struct role_style fallback[ROLE_COUNT] = {
	[ROLE_NORMAL] = { -1, -1, 0 },
	[ROLE_BORDER] = { COLOR_BLUE, -1, 0 },
	[ROLE_TITLE] = { COLOR_WHITE, COLOR_BLUE, THEME_BOLD },
	[ROLE_TITLE_MODIFIED] = { COLOR_YELLOW, COLOR_BLUE, THEME_BOLD },
	[ROLE_STATUS] = { -1, -1, 0 },
	[ROLE_STATUS_ERROR] = { COLOR_RED, -1, THEME_BOLD },
	[ROLE_STATUS_WARNING] = { COLOR_YELLOW, -1, 0 },
	[ROLE_KEYBAR_KEY] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[ROLE_KEYBAR_LABEL] = { -1, -1, 0 },
	[ROLE_CURSOR] = { COLOR_BLACK, COLOR_CYAN, 0 },
	[ROLE_SELECTED] = { -1, -1, THEME_REVERSE },
	[ROLE_TABLE_NAME] = { COLOR_CYAN, -1, THEME_BOLD },
	[ROLE_COLUMN_NAME] = { -1, -1, 0 },
	[ROLE_TYPE] = { COLOR_GREEN, -1, 0 },
	[ROLE_PK] = { COLOR_YELLOW, -1, THEME_BOLD },
	[ROLE_FK] = { COLOR_MAGENTA, -1, 0 },
	[ROLE_INDEX] = { COLOR_BLUE, -1, 0 },
	[ROLE_SQL_KEYWORD] = { COLOR_BLUE, -1, THEME_BOLD },
	[ROLE_SQL_IDENTIFIER] = { COLOR_CYAN, -1, 0 },
	[ROLE_SQL_STRING] = { COLOR_GREEN, -1, 0 },
	[ROLE_SQL_COMMENT] = { COLOR_WHITE, -1, THEME_DIM },
	[ROLE_DESTRUCTIVE] = { COLOR_RED, -1, THEME_BOLD },
};

/* Without colour, these roles still have to be told apart. */
static const unsigned mono_attrs[ROLE_COUNT] = {
	[ROLE_TITLE] = THEME_REVERSE | THEME_BOLD,
	[ROLE_TITLE_MODIFIED] = THEME_REVERSE | THEME_BOLD,
	[ROLE_STATUS_ERROR] = THEME_BOLD,
	[ROLE_KEYBAR_KEY] = THEME_REVERSE,
	[ROLE_CURSOR] = THEME_REVERSE,
	[ROLE_SELECTED] = THEME_REVERSE,
	[ROLE_TABLE_NAME] = THEME_BOLD,
	[ROLE_PK] = THEME_BOLD,
	[ROLE_SQL_KEYWORD] = THEME_BOLD,
	[ROLE_DESTRUCTIVE] = THEME_BOLD,
};

static int role_attr[ROLE_COUNT];

const char *theme_role_name(enum role r)
{
	return r < ROLE_COUNT ? role_names[r] : "";
}

void theme_default(struct theme *t)
{
	t->name = xstrdup("default");
	memcpy(t->role, fallback, sizeof fallback);
}

void theme_free(struct theme *t)
{
	free(t->name);
	t->name = NULL;
}

static bool parse_colour(const char *s, short *out)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue",
					     "magenta", "cyan", "white" };
	char *end;
	long v;

	if (strcasecmp(s, "default") == 0) {
		*out = -1;
		return true;
	}
	for (short i = 0; i < 8; i++)
		if (strcasecmp(s, names[i]) == 0) {
			*out = i;
			return true;
		}
	v = strtol(s, &end, 10);
	if (*s && !*end && v >= 0 && v <= 255) {
		*out = (short)v;
		return true;
	}
	return false;
}

static bool parse_attr(const char *s, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } attrs[] = {
		{ "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "underline", THEME_UNDERLINE },
		{ "reverse", THEME_REVERSE }, { "italic", THEME_ITALIC },
	};

	for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
		if (strcasecmp(s, attrs[i].name) == 0) {
			*out |= attrs[i].bit;
			return true;
		}
	return false;
}

int theme_parse(struct theme *t, const char *text, char **err)
{
	char *copy = xstrdup(text), *save = NULL, *line;
	int lineno = 0, rc = 0;

	/* strtok_r on "\n" would skip empty lines and miscount */
	for (char *p = copy; p && rc == 0; p = line) {
		char *nl = strchr(p, '\n'), *words[8], *tok;
		size_t nw = 0;
		long r = -1;

		line = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if ((tok = strchr(p, '#')))
			*tok = '\0';
		for (tok = strtok_r(p, " \t\r", &save); tok && nw < 8; tok = strtok_r(NULL, " \t\r", &save))
			words[nw++] = tok;
		if (nw == 0)
			continue;
		for (int i = 0; i < ROLE_COUNT; i++)
			if (strcmp(words[0], role_names[i]) == 0)
				r = i;
		if (r < 0) {
			*err = xasprintf("line %d: unknown colour role '%s'", lineno, words[0]);
			rc = -1;
		} else if (nw < 3) {
			*err = xasprintf("line %d: role '%s' needs a foreground and a background",
					 lineno, words[0]);
			rc = -1;
		} else if (!parse_colour(words[1], &t->role[r].fg) ||
			   !parse_colour(words[2], &t->role[r].bg)) {
			*err = xasprintf("line %d: unknown colour in '%s' (use default, black, red, "
					 "green, yellow, blue, magenta, cyan, white or 0-255)",
					 lineno, words[0]);
			rc = -1;
		} else {
			t->role[r].attrs = 0;
			for (size_t i = 3; i < nw && rc == 0; i++)
				if (!parse_attr(words[i], &t->role[r].attrs)) {
					*err = xasprintf("line %d: unknown attribute '%s'", lineno,
							 words[i]);
					rc = -1;
				}
		}
	}
	free(copy);
	return rc;
}

static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

char *theme_find(const char *name)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char *dirs[6] = { 0 }, *found = NULL, *exe;
	size_t nd = 0;

	if (strchr(name, '/'))
		return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
	if (xdg && *xdg)
		dirs[nd++] = xasprintf("%s/skema/themes", xdg);
	else if (home && *home)
		dirs[nd++] = xasprintf("%s/.config/skema/themes", home);
#ifdef SKEMA_DATADIR
	dirs[nd++] = xstrdup(SKEMA_DATADIR "/themes");
#endif
#ifdef SKEMA_SRCDIR
	dirs[nd++] = xstrdup(SKEMA_SRCDIR "/themes");
#endif
	/* running uninstalled: the binary sits in the source or build tree */
	if ((exe = exe_dir())) {
		dirs[nd++] = xasprintf("%s/themes", exe);
		dirs[nd++] = xasprintf("%s/../themes", exe);
		free(exe);
	}
	for (size_t i = 0; i < nd; i++) {
		char *p = xasprintf("%s/%s.theme", dirs[i], name);

		if (!found && access(p, R_OK) == 0)
			found = p;
		else
			free(p);
		free(dirs[i]);
	}
	return found;
}

int theme_load(struct theme *t, const char *name, char **err)
{
	char *path = theme_find(name), *text, *perr = NULL;
	size_t len;
	int rc;

	if (!path) {
		*err = xasprintf("theme '%s' not found", name);
		return -1;
	}
	if (file_read_all(path, &text, &len, err) != 0) {
		free(path);
		return -1;
	}
	rc = theme_parse(t, text, &perr);
	if (rc != 0) {
		*err = xasprintf("%s: %s", path, perr);
		free(perr);
	} else {
		free(t->name);
		t->name = xstrdup(name);
	}
	free(text);
	free(path);
	return rc;
}

static int attrs_of(unsigned a)
{
	int r = 0;

	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

/* 256-colour numbers on an 8-colour terminal: the basic colour of the
 * same family (8-15 are the bright ones; the cube is rounded). */
static short colour_fit(short c)
{
	if (c < 0 || c < COLORS)
		return c;
	if (c < 16)
		return (short)(c - 8);
	if (c >= 232)
		return c >= 244 ? COLOR_WHITE : COLOR_BLACK;
	c = (short)(c - 16);
	return (short)(((c / 36) >= 3 ? 1 : 0) | (((c / 6) % 6) >= 3 ? 2 : 0) |
		       ((c % 6) >= 3 ? 4 : 0));
}

void theme_apply(const struct theme *t)
{
	const char *nc = getenv("NO_COLOR");
	bool colour = has_colors() && !(nc && *nc);

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (int r = 0; r < ROLE_COUNT; r++) {
		if (!colour || COLOR_PAIRS <= r + 1) {
			role_attr[r] = attrs_of(t->role[r].attrs | mono_attrs[r]);
			continue;
		}
		init_pair((short)(r + 1), colour_fit(t->role[r].fg), colour_fit(t->role[r].bg));
		role_attr[r] = (int)COLOR_PAIR(r + 1) | attrs_of(t->role[r].attrs);
	}
}

int theme_attr(enum role r)
{
	return r < ROLE_COUNT ? role_attr[r] : 0;
}
