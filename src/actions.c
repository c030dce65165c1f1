/* actions.c — the action table and the default key bindings (data). */
#include "actions.h"

#include <curses.h>
#include <stdio.h>

#define ACTION_DEF(id, name, scope, group, bar, help) \
	[ACT_##id] = { ACT_##id, name, scope, group, bar, help },
static const struct action_def action_defs[ACT_COUNT] = {
	ACTIONS(ACTION_DEF)
};
#undef ACTION_DEF

#define K(k) KEYCODE(k)
/* Order matters twice: the first key of an action is the one shown in the
 * bar, and pane-specific lines are looked up before SCOPE_ALL ones. */
static const struct binding bindings[] = {
	{ K(KEY_F(1)), ACT_HELP, SCOPE_ALL },
	{ '?', ACT_HELP, SCOPE_ALL },
	{ K(KEY_F(2)), ACT_SAVE, SCOPE_ALL },
	{ 's', ACT_SAVE, SCOPE_ALL },
	{ CTRL('s'), ACT_SAVE, SCOPE_ALL },
	{ K(KEY_F(10)), ACT_QUIT, SCOPE_ALL },
	{ 'q', ACT_QUIT, SCOPE_ALL },
	{ 'u', ACT_UNDO, SCOPE_ALL },
	{ CTRL('r'), ACT_REDO, SCOPE_ALL },
	{ '/', ACT_SEARCH, SCOPE_ALL },
	{ 'n', ACT_SEARCH_NEXT, SCOPE_ALL },
	{ 'e', ACT_NEXT_DIAG, SCOPE_ALL },
	{ K(KEY_F(3)), ACT_TAB_DDL, SCOPE_ALL },
	{ K(KEY_F(4)), ACT_TAB_DIFF, SCOPE_ALL },
	{ K(KEY_F(5)), ACT_TAB_APPLY, SCOPE_ALL },
	{ K(KEY_F(6)), ACT_TAB_ER, SCOPE_ALL },
	{ '[', ACT_TAB_PREV, SCOPE_ALL },
	{ ']', ACT_TAB_NEXT, SCOPE_ALL },
	{ K(KEY_F(7)), ACT_DIALECT, SCOPE_ALL },
	{ 'x', ACT_EXPORT, SCOPE_ALL },
	/* the right pane's own keys: before the global ones they shadow */
	{ 'z', ACT_ZOOM, SCOPE_RIGHT },
	{ 'w', ACT_WRITE, SCOPE_DDL | SCOPE_DIFF },
	{ 't', ACT_TARGET, SCOPE_DIFF | SCOPE_APPLY },
	{ 'R', ACT_RELOAD, SCOPE_DIFF | SCOPE_APPLY },
	{ 'y', ACT_APPLY_RUN, SCOPE_APPLY },
	{ 'f', ACT_ER_FIND, SCOPE_ER },
	{ K(KEY_SLEFT), ACT_ER_LEFT, SCOPE_ER },
	{ 'H', ACT_ER_LEFT, SCOPE_ER },
	{ K(KEY_SRIGHT), ACT_ER_RIGHT, SCOPE_ER },
	{ 'L', ACT_ER_RIGHT, SCOPE_ER },
	{ K(KEY_SR), ACT_ER_UP, SCOPE_ER },
	{ 'K', ACT_ER_UP, SCOPE_ER },
	{ K(KEY_SF), ACT_ER_DOWN, SCOPE_ER },
	{ 'J', ACT_ER_DOWN, SCOPE_ER },
	{ 'E', ACT_ENUMS, SCOPE_ALL },
	{ 'V', ACT_VIEWS, SCOPE_ALL },
	{ 'T', ACT_TRIGGERS, SCOPE_ALL },
	{ 'N', ACT_MODEL_NAME, SCOPE_ALL },
	{ CTRL('l'), ACT_REDRAW, SCOPE_ALL },
	{ '\t', ACT_PANE_NEXT, SCOPE_ALL },
	{ K(KEY_BTAB), ACT_PANE_PREV, SCOPE_ALL },
	{ K(KEY_UP), ACT_UP, SCOPE_ALL },
	{ 'k', ACT_UP, SCOPE_ALL },
	{ K(KEY_DOWN), ACT_DOWN, SCOPE_ALL },
	{ 'j', ACT_DOWN, SCOPE_ALL },
	{ K(KEY_LEFT), ACT_LEFT, SCOPE_ALL },
	{ 'h', ACT_LEFT, SCOPE_ALL },
	{ K(KEY_RIGHT), ACT_RIGHT, SCOPE_ALL },
	{ 'l', ACT_RIGHT, SCOPE_ALL },
	{ K(KEY_PPAGE), ACT_PAGE_UP, SCOPE_ALL },
	{ K(KEY_NPAGE), ACT_PAGE_DOWN, SCOPE_ALL },
	{ K(KEY_HOME), ACT_FIRST, SCOPE_ALL },
	{ 'g', ACT_FIRST, SCOPE_ALL },
	{ K(KEY_END), ACT_LAST, SCOPE_ALL },
	{ 'G', ACT_LAST, SCOPE_ALL },
	{ 'a', ACT_ADD, SCOPE_EDIT },
	{ '\n', ACT_EDIT, SCOPE_EDIT },
	{ 'r', ACT_RENAME, SCOPE_EDIT },
	{ 'd', ACT_DELETE, SCOPE_EDIT },
	{ K(KEY_DC), ACT_DELETE, SCOPE_EDIT },
	{ 'K', ACT_MOVE_UP, SCOPE_EDIT },
	{ 'J', ACT_MOVE_DOWN, SCOPE_EDIT },
	{ 'C', ACT_ADD_COLUMN, SCOPE_EDIT },
	{ 'i', ACT_ADD_INDEX, SCOPE_EDIT },
	{ 'c', ACT_ADD_CHECK, SCOPE_EDIT },
	{ 'f', ACT_ADD_FKEY, SCOPE_EDIT },
	{ 'U', ACT_ADD_UNIQUE, SCOPE_EDIT },
	{ 'o', ACT_LINK_ONE, SCOPE_EDIT },
	{ 'm', ACT_LINK_MANY, SCOPE_EDIT },
};
#undef K
#define N_BINDINGS (sizeof(bindings) / sizeof(bindings[0]))

static const char *const group_titles[HG_COUNT] = {
	[HG_GENERAL] = "General",
	[HG_MOVE] = "Moving around",
	[HG_EDIT] = "Editing (Tables and Table panes)",
	[HG_TABLE] = "The selected table",
	[HG_TABS] = "The right pane: DDL, Diff, Apply and ER tabs",
};

const struct action_def *action_get(enum action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return NULL;
	return &action_defs[a];
}

const char *help_group_title(enum help_group g)
{
	return g < HG_COUNT ? group_titles[g] : "";
}

enum action action_for_key(int key, unsigned scope)
{
	for (size_t i = 0; i < N_BINDINGS; i++)
		if (bindings[i].key == key && (bindings[i].scope & scope) &&
		    (action_defs[bindings[i].action].scope & scope))
			return bindings[i].action;
	return ACT_NONE;
}

size_t action_keys(enum action a, int *keys, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < N_BINDINGS; i++)
		if (bindings[i].action == a) {
			if (n < max)
				keys[n] = bindings[i].key;
			n++;
		}
	return n < max ? n : max;
}

const char *key_name(int key)
{
	static char buf[32];
	static const struct { int code; const char *name; } names[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" },
		{ KEY_RIGHT, "Right" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
		{ KEY_HOME, "Home" }, { KEY_END, "End" }, { KEY_DC, "Del" },
		{ KEY_BTAB, "S-Tab" }, { KEY_SLEFT, "S-Left" }, { KEY_SRIGHT, "S-Right" },
		{ KEY_SR, "S-Up" }, { KEY_SF, "S-Down" }, { KEY_BACKSPACE, "BS" }, { KEY_ENTER, "Enter" },
	};

	if (IS_KEYCODE(key)) {
		int code = key & ~KEYCODE(0);

		if (code >= KEY_F(1) && code <= KEY_F(12)) {
			snprintf(buf, sizeof buf, "F%d", code - KEY_F0);
			return buf;
		}
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (names[i].code == code)
				return names[i].name;
		snprintf(buf, sizeof buf, "key%d", code);
		return buf;
	}
	switch (key) {
	case '\n': return "Enter";
	case '\t': return "Tab";
	case ' ': return "Space";
	case KEY_ESCAPE: return "Esc";
	case 127: return "BS";
	}
	if (key > 0 && key < 32) {
		snprintf(buf, sizeof buf, "C-%c", key + 'a' - 1);
		return buf;
	}
	if (key < 128) {
		snprintf(buf, sizeof buf, "%c", key);
		return buf;
	}
	snprintf(buf, sizeof buf, "U+%04X", (unsigned)key);
	return buf;
}
