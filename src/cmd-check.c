/* cmd-check.c — `skema check FILE...`: load and validate each model and
 * print every diagnostic as FILE:LINE:COL: severity: message. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "model-check.h"
#include "model-yaml.h"

/* 0 clean (warnings allowed), 1 errors, 2 unreadable. */
static int check_one(const char *path)
{
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL;
	int status;

	diag_list_init(&dl);
	if (model_load_file(path, &m, &dl, &err) != 0) {
		cmd_error("%s", err);
		free(err);
		diag_list_free(&dl);
		return EXIT_TROUBLE;
	}
	/* Semantic checks only on a model the loader fully understood:
	 * a partial model would only produce echoes of the first errors. */
	if (m && dl.errors == 0)
		model_check(m, &dl);
	diag_list_sort(&dl);
	diag_list_print(&dl, path, stderr);
	status = dl.errors ? EXIT_FOUND : 0;
	model_free(m);
	diag_list_free(&dl);
	return status;
}

int cmd_check(int argc, char **argv)
{
	int worst = 0, nfiles = 0;

	for (int i = 1; i < argc; i++) {
		int st;

		if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "check");
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("check: unknown option '%s'", argv[i]);
			cmd_usage(stderr, "check");
			return EXIT_TROUBLE;
		}
		nfiles++;
		st = check_one(argv[i]);
		if (st > worst)
			worst = st;
	}
	if (nfiles == 0) {
		cmd_usage(stderr, "check");
		return EXIT_TROUBLE;
	}
	return worst;
}
