/* model-ops.h — undoable operations on a model.
 *
 * Every edit the designer makes is an op.  op_apply() performs it and
 * hands back its exact inverse; applying the inverse restores the model
 * (model_eq and byte-identical canonical YAML) and hands back the redo.
 * Undo/redo stacks are therefore just lists of ops.
 *
 * Primitive ops work on one list of the model: the top-level lists, or a
 * table's sub-lists (named by the table's name at the time of applying):
 *   INSERT item at index      inverse: REMOVE index
 *   REMOVE index              inverse: INSERT the removed item at index
 *   MOVE from → to            inverse: MOVE to → from
 *   REPLACE index with item   inverse: REPLACE index with the old item
 * plus SET_NAME (the model's `name:`) and GROUP (a sequence applied in
 * order; its inverse is the inverses in reverse order).  Items are owned
 * by the op until applied, then by the model; removed/replaced items move
 * into the inverse op.
 *
 * High-level edits (renames, link creation...) build GROUPs of
 * primitives, so they are undone exactly like anything else. */
#ifndef SKEMA_MODEL_OPS_H
#define SKEMA_MODEL_OPS_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

enum op_kind { OP_INSERT, OP_REMOVE, OP_MOVE, OP_REPLACE, OP_SET_NAME, OP_GROUP };

enum op_list {
	/* model lists */
	OL_TABLES, OL_ENUMS, OL_LINKS, OL_VIEWS, OL_TRIGGERS, OL_LAYOUT,
	/* a table's lists (op->table names the table) */
	OL_COLUMNS, OL_UNIQUES, OL_FOREIGN_KEYS, OL_INDEXES, OL_CHECKS,
};

struct op {
	enum op_kind kind;
	enum op_list list;
	char *table;            /* for table sub-lists */
	size_t index;           /* INSERT/REMOVE/REPLACE position, MOVE from */
	size_t to;              /* MOVE destination */
	void *item;             /* INSERT/REPLACE payload, owned by the op */
	char *text;             /* SET_NAME value (NULL clears) */
	struct op **ops;        /* GROUP members, owned */
	size_t n_ops;
	char *label;            /* human words for the status line, e.g.
				   "rename column hero.name to title" */
};

void op_free(struct op *op);

struct op *op_insert(enum op_list list, const char *table, size_t at, void *item);
struct op *op_remove(enum op_list list, const char *table, size_t at);
struct op *op_move(enum op_list list, const char *table, size_t from, size_t to);
struct op *op_replace(enum op_list list, const char *table, size_t at, void *item);
struct op *op_set_name(const char *name);
struct op *op_group(const char *label);
void op_group_add(struct op *group, struct op *member);   /* takes member */

/* Apply op to m.  On success returns 0, consumes op and sets *inverse.
 * On failure (index out of range, unknown table, a name that would
 * collide) returns -1, leaves m unchanged, frees op and adds an error
 * diagnostic naming the object. */
int op_apply(struct model *m, struct op *op, struct op **inverse, struct diag_list *dl);

/* ---- high-level edits: build an op; the caller applies it ---- */

/* Rename a table: the table's name and `was` (set to the old name unless
 * it already records an earlier one), and every structural reference:
 * column references, composite foreign keys, links, layout.  SQL text in
 * checks, views and triggers that mentions the old name is left as
 * written and a warning naming each such object is added to dl.
 * Returns NULL (with an error in dl) when new_name exists or old is
 * missing. */
struct op *edit_rename_table(const struct model *m, const char *old_name,
			     const char *new_name, struct diag_list *dl);

/* Rename a column, recording `was`; updates the table's composite keys,
 * unique lists, indexes, foreign keys (both the owning side and every
 * reference to it from other tables) and links (`via`). */
struct op *edit_rename_column(const struct model *m, const char *table,
			      const char *old_name, const char *new_name,
			      struct diag_list *dl);

/* Remove a table together with the links and layout entry that name it;
 * references to it from other tables are left (model_check reports them)
 * unless drop_references is true, in which case those columns lose their
 * `references`. */
struct op *edit_remove_table(const struct model *m, const char *table,
			     bool drop_references, struct diag_list *dl);

/* Replace one column of a table by a modified copy (modify any key). */
struct op *edit_modify_column(const struct model *m, const char *table,
			      const char *column, struct column *replacement,
			      struct diag_list *dl);

/* Create a one-to-many link; adds the child's via column (typed like the
 * parent's primary key, referencing it) when it is missing. */
struct op *edit_add_one_to_many(const struct model *m, const char *parent,
				const char *child, const char *via,
				const char *parent_name, const char *child_name,
				struct diag_list *dl);

/* Create a many-to-many link and its link table (one foreign key to each
 * side, composite primary key), named `through`. */
struct op *edit_add_many_to_many(const struct model *m, const char *left,
				 const char *right, const char *through,
				 const char *left_name, const char *right_name,
				 struct diag_list *dl);

#endif
