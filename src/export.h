/* export.h — the model as code and diagrams other tools read: SQLModel
 * classes, a Mermaid erDiagram, a Graphviz DOT graph, DBML.
 *
 * The formats are a table (name → function); `skema export -f NAME` and
 * the designer's export action both look a format up here, so adding a
 * format touches export.c and one export-*.c file.  Like every engine
 * module, an exporter never prints: it returns the whole text (the caller
 * frees) and adds a warning to dl for anything the format cannot say. */
#ifndef SKEMA_EXPORT_H
#define SKEMA_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct export_options {
	/* SQLModel: Base (no table), table, Create and Read classes per
	 * table, as the SQLModel docs recommend for FastAPI. */
	bool variants;
};

typedef char *(*export_fn)(const struct model *m, const struct export_options *opt,
			   struct diag_list *dl);

struct exporter {
	const char *name;        /* "sqlmodel", as given to -f */
	const char *title;       /* "SQLModel (Python)", for menus */
	const char *extension;   /* ".py", for a default file name */
	export_fn run;
};

/* By name; NULL if unknown. */
const struct exporter *export_find(const char *name);
/* All formats, in menu order; *n receives the count. */
const struct exporter *export_formats(size_t *n);
/* "sqlmodel, mermaid, dot or dbml", for messages; static storage. */
const char *export_names(void);

/* The exported text (never NULL; the caller frees).  opt may be NULL. */
char *export_model(const struct exporter *e, const struct model *m,
		   const struct export_options *opt, struct diag_list *dl);

char *export_sqlmodel(const struct model *m, const struct export_options *opt,
		      struct diag_list *dl);
char *export_mermaid(const struct model *m, const struct export_options *opt,
		     struct diag_list *dl);
char *export_dot(const struct model *m, const struct export_options *opt,
		 struct diag_list *dl);
char *export_dbml(const struct model *m, const struct export_options *opt,
		  struct diag_list *dl);

#endif
