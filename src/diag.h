/* diag.h — diagnostics: the engine's way of saying what is wrong.
 *
 * The engine never prints.  Loaders, the checker and operations append
 * diagnostics to a list; the command line prints them as
 *     FILE:LINE:COL: error|warning: message
 * and the designer shows them in its status line.  A diagnostic without a
 * position (line 0) prints as FILE: error|warning: message. */
#ifndef SKEMA_DIAG_H
#define SKEMA_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

enum severity { SEV_WARNING, SEV_ERROR };

struct diag {
	enum severity severity;
	struct pos pos;
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t n;
	size_t cap;
	size_t errors;
	size_t warnings;
};

void diag_list_init(struct diag_list *dl);
void diag_list_free(struct diag_list *dl);
void diag_add(struct diag_list *dl, enum severity sev, struct pos pos,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Stable sort by line, then column (diagnostics are found out of order). */
void diag_list_sort(struct diag_list *dl);
/* Print every diagnostic as FILE:LINE:COL: severity: message. */
void diag_list_print(const struct diag_list *dl, const char *file, FILE *out);
/* Format one, without a trailing newline; the caller frees. */
char *diag_format(const struct diag *d, const char *file);

#endif
