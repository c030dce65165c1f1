/* diag.c — see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_list_init(struct diag_list *dl)
{
	memset(dl, 0, sizeof(*dl));
}

void diag_list_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		free(dl->items[i].message);
	free(dl->items);
	diag_list_init(dl);
}

void diag_add(struct diag_list *dl, enum severity sev, struct pos pos,
	      const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&dl->items, &dl->cap, dl->n + 1, sizeof(*dl->items));
	dl->items[dl->n].severity = sev;
	dl->items[dl->n].pos = pos;
	dl->items[dl->n].message = sb_release(&sb);
	dl->n++;
	if (sev == SEV_ERROR)
		dl->errors++;
	else
		dl->warnings++;
}

static int pos_cmp(const struct pos *a, const struct pos *b)
{
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

/* Insertion sort: stable, and lists are short and nearly sorted. */
void diag_list_sort(struct diag_list *dl)
{
	for (size_t i = 1; i < dl->n; i++) {
		struct diag d = dl->items[i];
		size_t j = i;

		while (j > 0 && pos_cmp(&dl->items[j - 1].pos, &d.pos) > 0) {
			dl->items[j] = dl->items[j - 1];
			j--;
		}
		dl->items[j] = d;
	}
}

char *diag_format(const struct diag *d, const char *file)
{
	const char *sev = d->severity == SEV_ERROR ? "error" : "warning";

	if (d->pos.line == 0)
		return xasprintf("%s: %s: %s", file, sev, d->message);
	return xasprintf("%s:%u:%u: %s: %s", file, (unsigned)d->pos.line,
			 (unsigned)d->pos.col, sev, d->message);
}

void diag_list_print(const struct diag_list *dl, const char *file, FILE *out)
{
	for (size_t i = 0; i < dl->n; i++) {
		char *s = diag_format(&dl->items[i], file);

		fprintf(out, "%s\n", s);
		free(s);
	}
}
