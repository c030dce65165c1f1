/* actions.h — every command of the designer, declared once.
 *
 * The ACTIONS list below yields the action enum, the names, the default
 * key bindings, the function key, the panes an action belongs to, its
 * help group and its help text.  The help screen (view-help.c) and the
 * function-key bar (ui-keybar.c) are generated from it, so what they say
 * is always what the keys do.  Adding an action touches this list and the
 * handler of the pane that performs it. */
#ifndef SKEMA_ACTIONS_H
#define SKEMA_ACTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* A key as ui-input.c delivers it: a character (a wide character or a
 * control character), or a curses KEY_* code marked with KEYCODE. */
#define KEYCODE(k) ((k) | 0x1000000)
#define IS_KEYCODE(k) (((k) & 0x1000000) != 0)
#define CTRL(c) ((c) & 0x1f)
#define KEY_ESCAPE 27

/* Panes an action applies in; SCOPE_ALL: wherever the focus is. */
enum {
	SCOPE_TABLES = 1 << 0,
	SCOPE_TABLE = 1 << 1,
	SCOPE_DDL = 1 << 2,
	SCOPE_ALL = SCOPE_TABLES | SCOPE_TABLE | SCOPE_DDL,
	SCOPE_EDIT = SCOPE_TABLES | SCOPE_TABLE,
};

enum help_group { HG_GENERAL, HG_MOVE, HG_EDIT, HG_TABLE, HG_COUNT };

/* A(ID, name, scope, group, bar label or NULL, help text); the default
 * keys are in actions.c (they need curses' key codes). */
#define ACTIONS(A) \
	A(HELP,       "help",        SCOPE_ALL,   HG_GENERAL, "Help",    "show this help: every key, grouped") \
	A(SAVE,       "save",        SCOPE_ALL,   HG_GENERAL, "Save",    "save the model file (atomically, canonical form)") \
	A(QUIT,       "quit",        SCOPE_ALL,   HG_GENERAL, "Quit",    "quit (asks when there are unsaved changes)") \
	A(UNDO,       "undo",        SCOPE_ALL,   HG_GENERAL, "Undo",    "undo the last edit (unlimited)") \
	A(REDO,       "redo",        SCOPE_ALL,   HG_GENERAL, "Redo",    "redo the edit undone last") \
	A(SEARCH,     "search",      SCOPE_ALL,   HG_GENERAL, "Search",  "search table and column names") \
	A(SEARCH_NEXT,"search-next", SCOPE_ALL,   HG_GENERAL, NULL,      "next match of the last search") \
	A(NEXT_DIAG,  "next-problem",SCOPE_ALL,   HG_GENERAL, "Problem", "jump to the next error or warning of the model") \
	A(DIALECT,    "dialect",     SCOPE_ALL,   HG_GENERAL, "Dialect", "switch the DDL preview's dialect (sqlite, postgres, mysql)") \
	A(ENUMS,      "enums",       SCOPE_ALL,   HG_GENERAL, "Enums",   "add, edit or delete an enum (a named list of values)") \
	A(VIEWS,      "views",       SCOPE_ALL,   HG_GENERAL, NULL,      "add, edit or delete a view (a name and its SELECT)") \
	A(TRIGGERS,   "triggers",    SCOPE_ALL,   HG_GENERAL, NULL,      "add, edit or delete a trigger (its full CREATE TRIGGER text)") \
	A(MODEL_NAME, "model-name",  SCOPE_ALL,   HG_GENERAL, NULL,      "set the model's name") \
	A(REDRAW,     "redraw",      SCOPE_ALL,   HG_GENERAL, NULL,      "redraw the screen") \
	A(PANE_NEXT,  "pane-next",   SCOPE_ALL,   HG_MOVE,    NULL,      "focus the next pane (tables, table, DDL)") \
	A(PANE_PREV,  "pane-prev",   SCOPE_ALL,   HG_MOVE,    NULL,      "focus the previous pane") \
	A(UP,         "up",          SCOPE_ALL,   HG_MOVE,    NULL,      "move up") \
	A(DOWN,       "down",        SCOPE_ALL,   HG_MOVE,    NULL,      "move down") \
	A(LEFT,       "left",        SCOPE_ALL,   HG_MOVE,    NULL,      "focus the pane to the left") \
	A(RIGHT,      "right",       SCOPE_ALL,   HG_MOVE,    NULL,      "focus the pane to the right") \
	A(PAGE_UP,    "page-up",     SCOPE_ALL,   HG_MOVE,    NULL,      "move up a page") \
	A(PAGE_DOWN,  "page-down",   SCOPE_ALL,   HG_MOVE,    NULL,      "move down a page") \
	A(FIRST,      "first",       SCOPE_ALL,   HG_MOVE,    NULL,      "go to the first line") \
	A(LAST,       "last",        SCOPE_ALL,   HG_MOVE,    NULL,      "go to the last line") \
	A(ADD,        "add",         SCOPE_EDIT,  HG_EDIT,    "Add",     "add: a table (Tables pane); a column, index, check, foreign key or link, by the section under the cursor (Table pane)") \
	A(EDIT,       "edit",        SCOPE_EDIT,  HG_EDIT,    "Edit",    "edit the item under the cursor in a form: a table's comment and keys, a column's type, flags, default, bounds, reference...") \
	A(RENAME,     "rename",      SCOPE_EDIT,  HG_EDIT,    "Rename",  "rename the table or column (records `was` so migrations rename)") \
	A(DELETE,     "delete",      SCOPE_EDIT,  HG_EDIT,    "Delete",  "delete the item under the cursor (asks first)") \
	A(MOVE_UP,    "move-up",     SCOPE_EDIT,  HG_EDIT,    NULL,      "move the item up (table or column order is DDL order)") \
	A(MOVE_DOWN,  "move-down",   SCOPE_EDIT,  HG_EDIT,    NULL,      "move the item down") \
	A(ADD_COLUMN, "add-column",  SCOPE_EDIT,  HG_TABLE,   NULL,      "add a column to the selected table (name, type, flags, reference)") \
	A(ADD_INDEX,  "add-index",   SCOPE_EDIT,  HG_TABLE,   "Index",   "add an index: pick its columns, then name, unique, where") \
	A(ADD_CHECK,  "add-check",   SCOPE_EDIT,  HG_TABLE,   "Check",   "add a table check (a named SQL expression)") \
	A(ADD_FKEY,   "add-foreign-key", SCOPE_EDIT, HG_TABLE, "FKey",   "add a foreign key: pick columns, the referenced table and its columns") \
	A(ADD_UNIQUE, "add-unique",  SCOPE_EDIT,  HG_TABLE,   NULL,      "add a unique constraint over several columns") \
	A(LINK_ONE,   "link-one-to-many", SCOPE_EDIT, HG_TABLE, "1-N",   "link one-to-many: pick parent and child; the child's key column is created when missing") \
	A(LINK_MANY,  "link-many-to-many", SCOPE_EDIT, HG_TABLE, "N-N",  "link many-to-many: pick two tables; the link table is created")

#define ACTION_ENUM(id, ...) ACT_##id,
enum action { ACT_NONE = 0, ACTIONS(ACTION_ENUM) ACT_COUNT };
#undef ACTION_ENUM

struct action_def {
	enum action id;
	const char *name;
	unsigned scope;
	enum help_group group;
	const char *bar;      /* label in the function-key bar, or NULL */
	const char *help;
};

/* A default key binding: key → action, in the panes of scope. */
struct binding {
	int key;
	enum action action;
	unsigned scope;
};

const struct action_def *action_get(enum action a);
const char *help_group_title(enum help_group g);

/* The action bound to key in the pane of scope (pane bindings win over
 * ones for every pane); ACT_NONE when unbound. */
enum action action_for_key(int key, unsigned scope);

/* The keys of an action, in declaration order (the first is the one the
 * bar shows); at most max are stored, the count is returned. */
size_t action_keys(enum action a, int *keys, size_t max);

/* A readable key name: "a", "Enter", "F2", "C-r", "S-Tab"; static buffer. */
const char *key_name(int key);

#endif
