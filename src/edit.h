/* edit.h — the dialog flows that turn the user's answers into model
 * operations (edit-*.c).  The prefix is flow_ because edit_ names the
 * engine's high-level ops in model-ops.h.  Every flow validates in its
 * dialog (designer_try or targeted checks), explains what is wrong there
 * and never applies an invalid value; each returns UI_* flags. */
#ifndef SKEMA_EDIT_H
#define SKEMA_EDIT_H

#include "ui.h"

/* edit-table.c: tables, the model's name, enums, moving items */
unsigned flow_table_add(struct ui *ui);
unsigned flow_table_edit(struct ui *ui);
unsigned flow_table_rename(struct ui *ui);
unsigned flow_table_delete(struct ui *ui);
unsigned flow_move(struct ui *ui, enum section sec, long index, int delta);
unsigned flow_model_name(struct ui *ui);
unsigned flow_enums(struct ui *ui);
/* Views (triggers false) or triggers: SQL text kept as written. */
unsigned flow_sql_objects(struct ui *ui, bool triggers);
unsigned flow_unique_add(struct ui *ui);
unsigned flow_unique_delete(struct ui *ui, size_t i);
unsigned flow_pkey_edit(struct ui *ui);

/* edit-column.c */
unsigned flow_column_add(struct ui *ui);
unsigned flow_column_edit(struct ui *ui, size_t i);
unsigned flow_column_rename(struct ui *ui, size_t i);
unsigned flow_column_delete(struct ui *ui, size_t i);

/* edit-index.c */
unsigned flow_index_add(struct ui *ui);
unsigned flow_index_edit(struct ui *ui, size_t i);
unsigned flow_index_delete(struct ui *ui, size_t i);

/* edit-check.c */
unsigned flow_check_add(struct ui *ui);
unsigned flow_check_edit(struct ui *ui, size_t i);
unsigned flow_check_delete(struct ui *ui, size_t i);

/* edit-fkey.c: composite foreign keys */
unsigned flow_fkey_add(struct ui *ui);
unsigned flow_fkey_edit(struct ui *ui, size_t i);
unsigned flow_fkey_delete(struct ui *ui, size_t i);

/* edit-link.c: link is an index in model->links */
unsigned flow_link_one(struct ui *ui);
unsigned flow_link_many(struct ui *ui);
unsigned flow_link_edit(struct ui *ui, size_t link);
unsigned flow_link_delete(struct ui *ui, size_t link);

/* Shared by the flows (edit-table.c). */
char *flow_error(const struct diag_list *dl, const char *fallback);   /* owned */
void flow_table_names(const struct model *m, struct strlist *out);
void flow_column_names(const struct table *t, struct strlist *out);
/* "a, b c" → [a, b, c]; false when empty. */
bool flow_split_list(const char *text, struct strlist *out);
char *flow_join(const struct strlist *l);
/* A name typed in a dialog: not empty, no blanks around it, no quotes or
 * dots; NULL when fine, else the message. */
char *flow_bad_name(const char *what, const char *name);
/* After an accepted edit: refresh and say what happened. */
unsigned flow_done(struct ui *ui, const char *select_table, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The column form, shared by adding a table (its first column) and
 * adding or editing a column; new_table names a table to create. */
unsigned flow_column_form(struct ui *ui, const char *table, long column, const char *new_table);

#endif
