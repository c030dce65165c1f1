/* main.c — dispatch `skema COMMAND ...` to cmd-*.c; help and version are
 * generated from the command table so they cannot drift from it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static const struct command commands[] = {
	{ "check", cmd_check, "FILE...",
	  "validate models; diagnostics as FILE:LINE:COL: error|warning: text" },
	{ "fmt", cmd_fmt, "FILE... [-w] [--prune]",
	  "print the canonical form (in place, atomically, with -w)" },
	{ "ddl", cmd_ddl, "SOURCE [-d sqlite|postgres|mysql] [-o OUT]",
	  "the CREATE script of a model in one dialect" },
	{ "import", cmd_import, "SOURCE [-o FILE.yaml]",
	  "a database or .sql file as a model" },
	{ "diff", cmd_diff, "FROM TO [-d sqlite|postgres|mysql] [--down]",
	  "the migration SQL that turns FROM into TO (exit 1 when they differ)" },
	{ "apply", cmd_apply, "FILE.yaml --db TARGET [--dry-run] [--allow-destructive] [-y] [--rehearse]",
	  "bring an SQLite database to the model, in one transaction" },
	{ "export", cmd_export, "SOURCE -f sqlmodel|mermaid|dot|dbml [-o OUT] [--variants]",
	  "the model as SQLModel classes, a Mermaid or Graphviz diagram, or DBML" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

void cmd_error(const char *fmt, ...)
{
	va_list ap;

	fputs("skema: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cmd_usage(FILE *f, const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			fprintf(f, "usage: skema %s %s\n", name, commands[i].usage);
}

static void print_help(FILE *f)
{
	fprintf(f, "skema %s — design relational schemas in the terminal\n\n",
		PACKAGE_VERSION);
	fprintf(f, "usage: skema [FILE.yaml] [--db TARGET] [--theme NAME] [-d DIALECT]\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "       skema %s %s\n", commands[i].name, commands[i].usage);
	fprintf(f, "       skema --help | --version\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nexit status: 0 success (diff: no differences), 1 check found "
		"errors or diff found differences,\n2 usage error, unreadable input "
		"or a failed apply\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		print_help(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("skema %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);

	/* Anything else opens the designer, which reports its own bad
	 * options; a bare word that names no file is more likely a
	 * mistyped command than a new model without an extension. */
	if (argv[1][0] != '-' && !strchr(argv[1], '.') && !strchr(argv[1], '/') &&
	    access(argv[1], F_OK) != 0) {
		cmd_error("unknown command '%s' (see skema --help)", argv[1]);
		return EXIT_TROUBLE;
	}
	return cmd_design(argc, argv);
}
