/* diff.h — the differences between two models as an ordered list of
 * changes.  Nothing here knows SQL: plan.h turns changes into statements
 * for one dialect.
 *
 * Renames come from `was` in the target model B: a table (or column) of B
 * whose `was` names a table of A that B does not have is a rename, never a
 * drop and an add, so data survives.
 *
 * Order: enums added, tables renamed, tables added (in B's order),
 * per table of B (in B's order) column renames, adds, alterations, drops,
 * then constraint and index changes, tables dropped, views and triggers
 * (dropped first, recreated after the tables), enums dropped.  Within that
 * order the list is deterministic. */
#ifndef SKEMA_DIFF_H
#define SKEMA_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

enum change_kind {
	CH_ADD_ENUM, CH_DROP_ENUM, CH_ALTER_ENUM,
	CH_ADD_TABLE, CH_DROP_TABLE, CH_RENAME_TABLE,
	CH_ALTER_TABLE,            /* table options or comment: see aspects */
	CH_ADD_COLUMN, CH_DROP_COLUMN, CH_RENAME_COLUMN, CH_ALTER_COLUMN,
	CH_ALTER_PRIMARY_KEY,      /* membership of the primary key changed */
	CH_ADD_UNIQUE, CH_DROP_UNIQUE,
	CH_ADD_FOREIGN_KEY, CH_DROP_FOREIGN_KEY,   /* composite foreign_keys */
	CH_ADD_CHECK, CH_DROP_CHECK,               /* table checks */
	CH_ADD_INDEX, CH_DROP_INDEX,               /* `indexes:` and `index: true` */
	CH_ADD_VIEW, CH_DROP_VIEW,
	CH_ADD_TRIGGER, CH_DROP_TRIGGER,
};

/* What an CH_ALTER_COLUMN / CH_ALTER_TABLE changes (bit set). */
enum change_aspect {
	ASPECT_TYPE = 1u << 0,
	ASPECT_NULLABLE = 1u << 1,
	ASPECT_DEFAULT = 1u << 2,        /* default or default_sql */
	ASPECT_CHECK = 1u << 3,          /* column check */
	ASPECT_BOUNDS = 1u << 4,         /* ge/le/gt/lt/min_length/max_length */
	ASPECT_UNIQUE = 1u << 5,
	ASPECT_INDEX = 1u << 6,
	ASPECT_REFERENCES = 1u << 7,     /* references / on_delete / on_update */
	ASPECT_AUTOINCREMENT = 1u << 8,
	ASPECT_COMMENT = 1u << 9,
	ASPECT_ENUM_VALUES = 1u << 10,   /* the column's enum type changed */
	ASPECT_TABLE_OPTIONS = 1u << 11, /* without_rowid / strict */
	ASPECT_COLUMN_ORDER = 1u << 12,  /* CH_ALTER_TABLE: surviving columns reordered */
};

struct change {
	enum change_kind kind;
	unsigned aspects;              /* for the ALTER kinds */
	bool destructive;              /* loses data: drop table/column, narrowing type,
					  dropping values of an enum... */
	/* Borrowed pointers into the two models (NULL where not applicable):
	 * the table and object as they are in A (from) and in B (to). */
	const struct table *from_table, *to_table;
	const struct column *from_column, *to_column;
	const void *from_object, *to_object;   /* index, check, unique, foreign_key,
						  sql_object (view/trigger), enum_type */
	char *summary;                 /* "add column hero.age", "rename table a to b" */
	char *loss;                    /* for destructive ones: what is lost, e.g.
					  "drops column user.email"; NULL otherwise */
};

struct change_list {
	struct change *items;
	size_t n;
	size_t cap;
};

void change_list_init(struct change_list *cl);
void change_list_free(struct change_list *cl);

/* The changes that turn a into b.  Both models must be valid (model_check
 * without errors).  Pointers in the changes stay valid while a and b do. */
void diff_models(const struct model *a, const struct model *b, struct change_list *out);

/* A clone of a with the renames of cl (from diff_models(a, b)) carried
 * out: tables and columns under their names in b, and every reference to
 * them (keys, indexes, foreign keys, links, layout) following.  Comparing
 * it with b name by name is what the diff and the plan do.  Caller frees. */
struct model *diff_renamed_model(const struct model *a, const struct change_list *cl);

/* The target of the reverse migration (b back to a): a clone of a whose
 * `was` keys are the renames of forward (= diff_models(a, b)) reversed,
 * and nothing else, so that diff_models(b, result) renames back instead
 * of dropping and adding.  Caller frees; keep it alive with the changes. */
struct model *diff_reverse_target(const struct model *a, const struct change_list *forward);

/* True when there is nothing to do.  Layout and links are design-only and
 * never produce changes; comments do only where a dialect stores them. */
static inline bool change_list_empty(const struct change_list *cl) { return cl->n == 0; }

#endif
