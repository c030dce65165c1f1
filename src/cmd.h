/* cmd.h — the subcommands of the command line, one file each (cmd-*.c).
 *
 * A command gets its own argv (argv[0] is the command's name) and returns
 * the process exit status of DESIGN.md: 0 success, 1 "found something"
 * (check errors, diff differences), 2 usage errors and unreadable input. */
#ifndef SKEMA_CMD_H
#define SKEMA_CMD_H

#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "source.h"

enum { EXIT_FOUND = 1, EXIT_TROUBLE = 2 };

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;     /* arguments, after "skema NAME " */
	const char *summary;   /* one line for --help */
};

int cmd_check(int argc, char **argv);
int cmd_fmt(int argc, char **argv);
int cmd_ddl(int argc, char **argv);
/* The designer (cmd-design.c); gets main's whole argv. */
int cmd_design(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_diff(int argc, char **argv);

/* Parse and load a SOURCE (cmd-common.c).  On failure every diagnostic
 * and one line ending in `refusal` ("no DDL was written"; NULL: none) are printed and
 * -1 is returned, with nothing left to free; on success *m, *src and dl
 * (the load's warnings) belong to the caller. */
int cmd_load_source(const char *spec, struct source *src, struct model **m,
		    struct diag_list *dl, const char *refusal);
/* text to path atomically, or to stdout when path is NULL; 0 or
 * EXIT_TROUBLE with the message printed. */
int cmd_write_output(const char *path, const char *text, size_t len);

/* Print "skema: <message>" to stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The command's usage line to f. */
void cmd_usage(FILE *f, const char *name);

#endif
