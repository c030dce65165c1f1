/* export.c — see export.h. */
#include "export.h"

#include <string.h>

static const struct exporter formats[] = {
	{ "sqlmodel", "SQLModel (Python)", ".py", export_sqlmodel },
	{ "mermaid", "Mermaid erDiagram", ".mmd", export_mermaid },
	{ "dot", "Graphviz DOT", ".dot", export_dot },
	{ "dbml", "DBML (dbdiagram.io)", ".dbml", export_dbml },
};

#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const struct exporter *export_find(const char *name)
{
	for (size_t i = 0; name && i < N_FORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

const struct exporter *export_formats(size_t *n)
{
	*n = N_FORMATS;
	return formats;
}

const char *export_names(void)
{
	return "sqlmodel, mermaid, dot or dbml";
}

char *export_model(const struct exporter *e, const struct model *m,
		   const struct export_options *opt, struct diag_list *dl)
{
	static const struct export_options defaults;

	return e->run(m, opt ? opt : &defaults, dl);
}
