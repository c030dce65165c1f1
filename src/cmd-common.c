/* cmd-common.c — what every command that reads a SOURCE or writes an
 * OUT does the same way: load with every diagnostic printed, and write
 * atomically or to stdout. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model-yaml.h"

int cmd_load_source(const char *spec, struct source *src, struct model **m,
		    struct diag_list *dl, const char *refusal)
{
	char *err = NULL;

	diag_list_init(dl);
	if (source_parse(spec, src, &err) != 0) {
		cmd_error("%s", err);
		free(err);
		return -1;
	}
	if (source_load(src, m, dl, &err) != 0) {
		diag_list_sort(dl);
		diag_list_print(dl, source_display(src), stderr);
		/* Diagnostics with errors are the message (a .sql statement
		 * that failed says all there is to say); a refusal line adds
		 * what was not done, for commands that name one. */
		if (err)
			cmd_error("%s", err);
		else if (dl->errors == 0)
			cmd_error("%s cannot be read as a schema", source_display(src));
		else if (refusal)
			cmd_error("%s has errors; %s", source_display(src), refusal);
		free(err);
		diag_list_free(dl);
		source_clear(src);
		return -1;
	}
	return 0;
}

int cmd_write_output(const char *path, const char *text, size_t len)
{
	char *err = NULL;

	if (path) {
		if (file_write_atomic(path, text, len, &err) != 0) {
			cmd_error("%s", err);
			free(err);
			return EXIT_TROUBLE;
		}
		return 0;
	}
	if (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0) {
		cmd_error("cannot write to standard output");
		return EXIT_TROUBLE;
	}
	return 0;
}
