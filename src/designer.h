/* designer.h — the designer's state, without any curses: the model and
 * its file, undo/redo, the modified flag, the selection, the preview's
 * dialect and the model's diagnostics.  The unit tests drive it directly.
 *
 * Every edit is an op (model-ops.h).  designer_apply() applies it and
 * pushes the inverse on the undo stack; undo applies that inverse and
 * pushes what it returns on the redo stack, and so on.  The stacks are
 * unlimited.
 *
 * Work that costs O(model) is done lazily: the full model_check runs in
 * designer_refresh_diags() (the loop calls it when idle), and dialogs
 * validate an edit with designer_try(), which checks only the tables the
 * edit touches and their neighbours. */
#ifndef SKEMA_DESIGNER_H
#define SKEMA_DESIGNER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "dialect.h"
#include "model-ops.h"
#include "model.h"

struct op_stack {
	struct op **ops;
	size_t n, cap;
};

struct designer {
	struct model *model;
	char *path;                 /* the model file; may not exist yet */
	bool file_invalid;          /* it had errors when loaded: ask before overwriting */
	bool modified;
	bool recovery_deferred;     /* the user left the recovery file for later */
	struct op_stack undo, redo;
	size_t saved_depth;         /* undo.n when last saved or loaded */
	bool saved_reachable;       /* saved_depth still names that state */
	unsigned long generation;   /* bumped by every change of the model */
	char *label;                /* of the last edit undone or redone */

	const struct dialect *dialect;

	struct diag_list diags;     /* of the whole model, see diags_stale */
	bool diags_stale;
	size_t diag_cursor;         /* the next one the jump key visits */

	size_t table;               /* selected table (index in model->tables) */
};

/* Start with a model (taken) or an empty one when m is NULL. */
void designer_init(struct designer *d, struct model *m, const char *path);
void designer_free(struct designer *d);

/* Apply op; on success the inverse goes on the undo stack, the redo
 * stack is cleared and 0 is returned.  On failure -1 with errors in dl
 * (the op is consumed either way).  With merge, the edit joins the
 * previous undo entry (one undo reverts both). */
int designer_apply(struct designer *d, struct op *op, bool merge, struct diag_list *dl);

/* Like designer_apply, but first validates: an edit that adds an error
 * (of model_check) in the tables it touches or their neighbours is
 * reverted, its errors are put in why, and -1 is returned. */
int designer_try(struct designer *d, struct op *op, struct diag_list *why);

/* Undo/redo one edit; the label of the edit goes to *label (not owned,
 * valid until the next change).  -1 when there is nothing to do. */
int designer_undo(struct designer *d, const char **label, struct diag_list *dl);
int designer_redo(struct designer *d, const char **label, struct diag_list *dl);

/* Save to d->path atomically; clears modified and removes the recovery
 * file.  -1 with *err on failure. */
int designer_save(struct designer *d, char **err);

/* Recompute the model's diagnostics when stale. */
void designer_refresh_diags(struct designer *d);

/* The recovery file beside the model: DIR/.BASE.skema-recover */
char *designer_recovery_path(const char *path);
/* Write the current model there (atomically).  0 or -1. */
int designer_write_recovery(const struct designer *d);
/* Replace the model by the recovery file's; it stays modified. */
int designer_restore_recovery(struct designer *d, struct diag_list *dl, char **err);
void designer_remove_recovery(const struct designer *d);

/* The selected table or NULL; clamps the selection. */
struct table *designer_table(struct designer *d);
/* Select a table by name; false when absent. */
bool designer_select(struct designer *d, const char *name);

/* Names the diagnostic message is about: the first quoted 'table' or
 * 'table.column' that exists.  Sets *table (index) and *column (index or
 * -1); false when nothing matches. */
bool designer_locate(const struct designer *d, const char *message, size_t *table,
		     long *column);

#endif
