/* cmd-export.c — `skema export SOURCE -f FORMAT [-o OUT] [--variants]`:
 * a schema source as SQLModel classes, a Mermaid or Graphviz diagram, or
 * DBML, to stdout or atomically to OUT. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "export.h"
#include "model-yaml.h"
#include "source.h"

int cmd_export(int argc, char **argv)
{
	const char *spec = NULL, *out_path = NULL, *format = NULL;
	const struct exporter *e;
	struct export_options opt = { 0 };
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	char *text;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--format") == 0) &&
		    i + 1 < argc) {
			format = argv[++i];
		} else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
			   i + 1 < argc) {
			out_path = argv[++i];
		} else if (strcmp(argv[i], "--variants") == 0) {
			opt.variants = true;
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "export");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("export: unknown option or missing value '%s'", argv[i]);
			cmd_usage(stderr, "export");
			return EXIT_TROUBLE;
		} else if (spec) {
			cmd_error("export: takes one SOURCE, got a second one");
			return EXIT_TROUBLE;
		} else {
			spec = argv[i];
		}
	}
	if (!spec || !format) {
		if (spec)
			cmd_error("export: which format? (-f %s)", export_names());
		cmd_usage(stderr, "export");
		return EXIT_TROUBLE;
	}
	e = export_find(format);
	if (!e) {
		cmd_error("export: unknown format '%s' (%s)", format, export_names());
		return EXIT_TROUBLE;
	}
	if (opt.variants && strcmp(e->name, "sqlmodel") != 0) {
		cmd_error("export: --variants is for -f sqlmodel only");
		return EXIT_TROUBLE;
	}
	if (cmd_load_source(spec, &src, &m, &dl, "nothing was exported") != 0)
		return EXIT_TROUBLE;
	/* The model's own warnings belong to `skema check`; here only what
	 * the format could not say. */
	diag_list_free(&dl);
	diag_list_init(&dl);
	text = export_model(e, m, &opt, &dl);
	diag_list_print(&dl, source_display(&src), stderr);
	status = cmd_write_output(out_path, text, strlen(text));
	free(text);
	model_free(m);
	diag_list_free(&dl);
	source_clear(&src);
	return status;
}
