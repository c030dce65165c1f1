/* cmd-fmt.c — `skema fmt FILE... [-w] [--prune]`: the canonical form of
 * each model, to stdout or written back in place (atomically, and only
 * when it changes, so an unchanged file keeps its timestamp). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "model-yaml.h"

/* `was` is inert once the migration that used it has been applied; the
 * file cannot know the target, so --prune is the person saying so. */
static void prune_renames(struct model *m)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.items[i];

		free(t->was);
		t->was = NULL;
		for (size_t j = 0; j < t->columns.n; j++) {
			struct column *c = t->columns.items[j];

			free(c->was);
			c->was = NULL;
		}
	}
}

static int fmt_one(const char *path, bool write, bool prune)
{
	struct diag_list dl;
	struct model *m = NULL;
	char *err = NULL, *text, *old = NULL;
	size_t len, old_len = 0;
	int status = 0;

	diag_list_init(&dl);
	if (file_read_all(path, &old, &old_len, &err) != 0) {
		cmd_error("%s", err);
		free(err);
		diag_list_free(&dl);
		return EXIT_TROUBLE;
	}
	m = model_load_yaml(old, old_len, &dl);
	if (!m || dl.errors) {
		/* Formatting a file we did not fully understand would lose
		 * what we did not understand: refuse and say why. */
		diag_list_sort(&dl);
		diag_list_print(&dl, path, stderr);
		cmd_error("%s was not formatted: it has errors", path);
		model_free(m);
		free(old);
		diag_list_free(&dl);
		return EXIT_TROUBLE;
	}
	if (prune)
		prune_renames(m);
	text = model_save_yaml(m, &len);
	if (!write) {
		fwrite(text, 1, len, stdout);
	} else if (len != old_len || memcmp(text, old, len) != 0) {
		if (file_write_atomic(path, text, len, &err) != 0) {
			cmd_error("%s", err);
			free(err);
			status = EXIT_TROUBLE;
		}
	}
	free(text);
	free(old);
	model_free(m);
	diag_list_free(&dl);
	return status;
}

int cmd_fmt(int argc, char **argv)
{
	bool write = false, prune = false;
	int worst = 0, nfiles = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-w") == 0 || strcmp(argv[i], "--write") == 0) {
			write = true;
		} else if (strcmp(argv[i], "--prune") == 0) {
			prune = true;
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "fmt");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("fmt: unknown option '%s'", argv[i]);
			cmd_usage(stderr, "fmt");
			return EXIT_TROUBLE;
		} else {
			nfiles++;
		}
	}
	if (nfiles == 0) {
		cmd_usage(stderr, "fmt");
		return EXIT_TROUBLE;
	}
	for (int i = 1; i < argc; i++) {
		int st;

		if (argv[i][0] == '-' && argv[i][1] != '\0')
			continue;
		st = fmt_one(argv[i], write, prune);
		if (st > worst)
			worst = st;
	}
	fflush(stdout);
	return worst;
}
