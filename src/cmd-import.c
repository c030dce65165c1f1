/* cmd-import.c — `skema import SOURCE [-o FILE.yaml]`: a database or a
 * .sql file as a model, in canonical YAML to stdout or atomically to
 * FILE.  Nothing is written after an error. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "model-yaml.h"
#include "source.h"

int cmd_import(int argc, char **argv)
{
	const char *spec = NULL, *out_path = NULL;
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	char *yaml;
	size_t len;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		    i + 1 < argc) {
			out_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "import");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("import: unknown option or missing value '%s'", argv[i]);
			cmd_usage(stderr, "import");
			return EXIT_TROUBLE;
		} else if (spec) {
			cmd_error("import: takes one SOURCE, got a second one");
			return EXIT_TROUBLE;
		} else {
			spec = argv[i];
		}
	}
	if (!spec) {
		cmd_usage(stderr, "import");
		return EXIT_TROUBLE;
	}
	if (cmd_load_source(spec, &src, &m, &dl, NULL) != 0)
		return EXIT_TROUBLE;
	/* What the model could not hold (a COLLATE, an expression index). */
	diag_list_print(&dl, source_display(&src), stderr);
	yaml = model_save_yaml(m, &len);
	status = cmd_write_output(out_path, yaml, len);
	free(yaml);
	model_free(m);
	diag_list_free(&dl);
	source_clear(&src);
	return status;
}
