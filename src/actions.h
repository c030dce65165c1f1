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
	SCOPE_DDL = 1 << 2,      /* the right pane's tabs, one scope each */
	SCOPE_DIFF = 1 << 3,
	SCOPE_APPLY = 1 << 4,
	SCOPE_ER = 1 << 5,
	SCOPE_HELP = 1 << 6,
	SCOPE_RIGHT = SCOPE_DDL | SCOPE_DIFF | SCOPE_APPLY | SCOPE_ER,
	SCOPE_ALL = SCOPE_TABLES | SCOPE_TABLE | SCOPE_RIGHT | SCOPE_HELP,
	SCOPE_EDIT = SCOPE_TABLES | SCOPE_TABLE,
};

enum help_group { HG_GENERAL, HG_MOVE, HG_EDIT, HG_TABLE, HG_TABS, HG_COUNT };

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
	A(DIALECT,    "dialect",     SCOPE_ALL,   HG_GENERAL, "Dialect", "switch the dialect of the DDL and of the Diff against the saved file (sqlite, postgres, mysql)") \
	A(EXPORT,     "export",      SCOPE_ALL,   HG_GENERAL, "Export",  "export the model to a file: SQLModel classes, Mermaid, Graphviz DOT or DBML (choose the format, then the path)") \
	A(ENUMS,      "enums",       SCOPE_ALL,   HG_GENERAL, "Enums",   "add, edit or delete an enum (a named list of values)") \
	A(VIEWS,      "views",       SCOPE_ALL,   HG_GENERAL, NULL,      "add, edit or delete a view (a name and its SELECT)") \
	A(TRIGGERS,   "triggers",    SCOPE_ALL,   HG_GENERAL, NULL,      "add, edit or delete a trigger (its full CREATE TRIGGER text)") \
	A(MODEL_NAME, "model-name",  SCOPE_ALL,   HG_GENERAL, NULL,      "set the model's name") \
	A(REDRAW,     "redraw",      SCOPE_ALL,   HG_GENERAL, NULL,      "redraw the screen") \
	A(PANE_NEXT,  "pane-next",   SCOPE_ALL,   HG_MOVE,    NULL,      "focus the next pane (tables, table, the right pane)") \
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
	A(LINK_MANY,  "link-many-to-many", SCOPE_EDIT, HG_TABLE, "N-N",  "link many-to-many: pick two tables; the link table is created") \
	A(TAB_DDL,    "tab-ddl",     SCOPE_ALL,   HG_TABS,    "DDL",     "show the DDL tab: the model's CREATE script, the selected table's statement in view") \
	A(TAB_DIFF,   "tab-diff",    SCOPE_ALL,   HG_TABS,    "Diff",    "show the Diff tab: the migration from the saved file or the database to the model (as skema diff)") \
	A(TAB_APPLY,  "tab-apply",   SCOPE_ALL,   HG_TABS,    "Apply",   "show the Apply tab: the plan for the database, then y applies it (as skema apply)") \
	A(TAB_ER,     "tab-er",      SCOPE_ALL,   HG_TABS,    "ER",      "show the ER tab: tables as boxes, foreign keys and links as lines") \
	A(TAB_PREV,   "tab-prev",    SCOPE_ALL,   HG_TABS,    NULL,      "show the previous tab of the right pane") \
	A(TAB_NEXT,   "tab-next",    SCOPE_ALL,   HG_TABS,    NULL,      "show the next tab of the right pane") \
	A(APPLY_RUN,  "apply",       SCOPE_APPLY, HG_TABS,    "Run",     "apply the plan to the database after a confirmation; a destructive plan needs the table's name typed; Esc or c cancels while tables are rebuilt") \
	A(WRITE,      "write",       SCOPE_DDL | SCOPE_DIFF, HG_TABS, "Write", "write the DDL script (DDL tab) or the migration script (Diff tab) to a file") \
	A(ER_FIND,    "er-find",     SCOPE_ER,    HG_TABS,    "Find",    "ER: jump to a table by name (it becomes the selected table)") \
	A(TARGET,     "target",      SCOPE_DIFF | SCOPE_APPLY, HG_TABS, "Target", "Diff: compare from the saved file or from the database; Apply: choose the database (a path or sqlite:PATH)") \
	A(ZOOM,       "zoom",        SCOPE_RIGHT, HG_TABS,    "Zoom",    "widen the right pane to the whole screen, or back") \
	A(RELOAD,     "reload",      SCOPE_DIFF | SCOPE_APPLY, HG_TABS, "Reload", "read the saved file and the database again") \
	A(ER_LEFT,    "er-move-left",  SCOPE_ER,  HG_TABS,    NULL,      "ER: move the selected table left (its place is saved in `layout:`; u undoes)") \
	A(ER_RIGHT,   "er-move-right", SCOPE_ER,  HG_TABS,    NULL,      "ER: move the selected table right") \
	A(ER_UP,      "er-move-up",    SCOPE_ER,  HG_TABS,    NULL,      "ER: move the selected table up") \
	A(ER_DOWN,    "er-move-down",  SCOPE_ER,  HG_TABS,    NULL,      "ER: move the selected table down")

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
