/* ui-dialog.h — modal dialogs drawn over the panes: a one-line prompt
 * with completion and validation, a confirmation, a pick list and a
 * multi-select (both filtered by typing), and a form of fields.
 *
 * A dialog never accepts a value its check rejects: the check's message
 * is shown inside the dialog, which stays open.  Esc cancels.  Keys come
 * through ui_key(), so resizing and scripted dumps work inside dialogs;
 * when a key script ends, open dialogs cancel. */
#ifndef SKEMA_UI_DIALOG_H
#define SKEMA_UI_DIALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

/* Returns NULL when text is acceptable, else a message (the caller of
 * the callback frees it). */
typedef char *(*dlg_check_fn)(void *ctx, const char *text);

/* One line of text.  completions (may be NULL) feed Tab completion and
 * the list of matches shown under the line.  true and *out (owned) on
 * Enter with a value check accepted. */
bool dlg_prompt(struct ui *ui, const char *title, const char *label, const char *initial,
		dlg_check_fn check, void *ctx, const struct strlist *completions, char **out);

/* A question answered with one key: returns 'y', 'n' or 0 (Esc). */
int dlg_confirm(struct ui *ui, const char *title, const char *question, const char *keys);

/* Pick one item; type to filter.  The index in items, or -1. */
long dlg_pick(struct ui *ui, const char *title, const struct strlist *items, long initial);

/* Mark several items with Space, in the order wanted (Enter with none
 * marked takes the one under the cursor).  chosen is in/out. */
bool dlg_multi(struct ui *ui, const char *title, const struct strlist *items,
	       struct strlist *chosen);

enum field_kind { FIELD_TEXT, FIELD_BOOL, FIELD_CHOICE };

struct field {
	const char *label;
	enum field_kind kind;
	char *text;                   /* FIELD_TEXT: owned, never NULL after dlg_form */
	bool on;                      /* FIELD_BOOL */
	const char *const *choices;   /* FIELD_CHOICE: NULL-terminated */
	size_t choice;
	const struct strlist *list;   /* FIELD_TEXT: F4 picks from it */
	bool multi;                   /* F4 picks several, joined with ", " */
	const char *hint;             /* one line about the field */
};

/* Returns NULL when the values were accepted (the callback applied
 * them), else a message and *bad = the field to fix. */
typedef char *(*dlg_form_fn)(void *ctx, struct field *f, size_t n, size_t *bad);

bool dlg_form(struct ui *ui, const char *title, struct field *f, size_t n,
	      dlg_form_fn submit, void *ctx);
void fields_free(struct field *f, size_t n);

#endif
