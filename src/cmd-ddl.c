/* cmd-ddl.c — `skema ddl SOURCE [-d DIALECT] [-o OUT]`: the CREATE script
 * of a schema source in one dialect, to stdout or atomically to OUT. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ddl.h"
#include "diag.h"
#include "model-yaml.h"
#include "source.h"

int cmd_ddl(int argc, char **argv)
{
	const char *spec = NULL, *out_path = NULL, *dialect_name = "sqlite";
	const struct dialect *d;
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	char *sql;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--dialect") == 0) &&
		    i + 1 < argc) {
			dialect_name = argv[++i];
		} else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
			   i + 1 < argc) {
			out_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "ddl");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("ddl: unknown option or missing value '%s'", argv[i]);
			cmd_usage(stderr, "ddl");
			return EXIT_TROUBLE;
		} else if (spec) {
			cmd_error("ddl: takes one SOURCE, got a second one");
			return EXIT_TROUBLE;
		} else {
			spec = argv[i];
		}
	}
	if (!spec) {
		cmd_usage(stderr, "ddl");
		return EXIT_TROUBLE;
	}
	d = dialect_find(dialect_name);
	if (!d) {
		cmd_error("ddl: unknown dialect '%s' (sqlite, postgres or mysql)", dialect_name);
		return EXIT_TROUBLE;
	}
	if (cmd_load_source(spec, &src, &m, &dl, "no DDL was written") != 0)
		return EXIT_TROUBLE;
	/* The model's own warnings belong to `skema check`; here only what
	 * the dialect could not express. */
	diag_list_free(&dl);
	diag_list_init(&dl);
	sql = ddl_model(m, d, &dl);
	diag_list_print(&dl, source_display(&src), stderr);
	status = cmd_write_output(out_path, sql, strlen(sql));
	free(sql);
	model_free(m);
	diag_list_free(&dl);
	source_clear(&src);
	return status;
}
