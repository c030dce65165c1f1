/* cmd-diff.c — `skema diff FROM TO [-d DIALECT] [--down]`: the migration
 * script that turns FROM into TO, every change named in a comment and the
 * destructive ones marked; counted on the database when FROM is an SQLite
 * database ("drops column user.email: 12,345 non-null values").  With
 * --down, the reverse migration follows.  Exit 0 when the schemas are
 * equal, 1 when they differ, 2 on error. */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "diag.h"
#include "diff.h"
#include "plan.h"
#include "source.h"

static int load(const char *spec, struct source *src, struct model **m)
{
	struct diag_list dl;

	if (cmd_load_source(spec, src, m, &dl, "no migration was written") != 0)
		return -1;
	diag_list_free(&dl);
	return 0;
}

/* 12345 -> "12,345" */
static char *grouped(long long v)
{
	char digits[32];
	struct strbuf sb;
	int n = snprintf(digits, sizeof(digits), "%lld", v < 0 ? -v : v);

	sb_init(&sb);
	if (v < 0)
		sb_addc(&sb, '-');
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			sb_addc(&sb, ',');
		sb_addc(&sb, digits[i]);
	}
	return sb_release(&sb);
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* What each destructive change loses, counted on the database. */
static char **loss_notes(const char *path, const struct change_list *cl)
{
	const struct dialect *d = &dialect_sqlite;
	char **notes = xcalloc(cl->n + 1, sizeof(*notes));
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return notes;
	}
	for (size_t i = 0; i < cl->n; i++) {
		const struct change *c = &cl->items[i];
		struct strbuf sql;
		const char *unit = NULL;
		long long v;
		char *num;

		if (!c->destructive || !c->from_table)
			continue;
		sb_init(&sql);
		if (c->kind == CH_DROP_TABLE) {
			sb_add(&sql, "SELECT count(*) FROM ");
			unit = "rows";
		} else if (c->from_column) {
			sb_add(&sql, "SELECT count(");
			dialect_quote_ident(d, &sql, c->from_column->name);
			sb_add(&sql, ") FROM ");
			unit = "non-null values";
		}
		if (unit) {
			dialect_quote_ident(d, &sql, c->from_table->name);
			v = count(db, sql.buf);
			if (v >= 0) {
				num = grouped(v);
				notes[i] = xasprintf("%s %s", num, v == 1 ? (c->kind == CH_DROP_TABLE ?
						     "row" : "non-null value") : unit);
				free(num);
			}
		}
		sb_free(&sql);
	}
	sqlite3_close(db);
	return notes;
}

static void free_notes(char **notes, size_t n)
{
	for (size_t i = 0; notes && i < n; i++)
		free(notes[i]);
	free(notes);
}

/* Plan and print one direction; -1 on a refusal (diagnostics printed).
 * *steps (may be NULL) receives the number of statements planned. */
static int print_plan(const struct model *a, const struct model *b, const struct change_list *cl,
		      const struct dialect *d, const char *const *notes, const char *title,
		      const char *name, size_t *steps)
{
	struct diag_list dl;
	struct plan p;
	char *text;
	int status = 0;

	diag_list_init(&dl);
	plan_init(&p, d);
	if (plan_build(a, b, cl, d, &p, &dl) != 0) {
		diag_list_print(&dl, name, stderr);
		cmd_error("diff: no migration can be written for these changes");
		status = -1;
	} else {
		diag_list_print(&dl, name, stderr);
		if (title)
			printf("\n-- %s\n", title);
		if (steps)
			*steps = p.n;
		text = plan_render(&p, cl, notes);
		fputs(text, stdout);
		free(text);
	}
	plan_free(&p);
	diag_list_free(&dl);
	return status;
}

int cmd_diff(int argc, char **argv)
{
	const char *from_spec = NULL, *to_spec = NULL, *dialect_name = NULL;
	bool down = false;
	struct source from, to;
	struct model *a = NULL, *b = NULL;
	const struct dialect *d;
	struct change_list cl;
	char **notes = NULL;
	size_t steps = 0;
	int status;

	for (int i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-d") == 0 || strcmp(argv[i], "--dialect") == 0) && i + 1 < argc) {
			dialect_name = argv[++i];
		} else if (strcmp(argv[i], "--down") == 0) {
			down = true;
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "diff");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("diff: unknown option or missing value '%s'", argv[i]);
			cmd_usage(stderr, "diff");
			return EXIT_TROUBLE;
		} else if (!from_spec) {
			from_spec = argv[i];
		} else if (!to_spec) {
			to_spec = argv[i];
		} else {
			cmd_error("diff: two sources only (FROM and TO), not '%s'", argv[i]);
			return EXIT_TROUBLE;
		}
	}
	if (!to_spec) {
		cmd_usage(stderr, "diff");
		return EXIT_TROUBLE;
	}
	if (dialect_name && !dialect_find(dialect_name)) {
		cmd_error("diff: unknown dialect '%s' (sqlite, postgres or mysql)", dialect_name);
		return EXIT_TROUBLE;
	}
	if (load(from_spec, &from, &a) != 0)
		return EXIT_TROUBLE;
	if (load(to_spec, &to, &b) != 0) {
		model_free(a);
		source_clear(&from);
		return EXIT_TROUBLE;
	}
	/* A database side decides the dialect unless -d does. */
	if (dialect_name)
		d = dialect_find(dialect_name);
	else if (from.kind == SOURCE_POSTGRES || to.kind == SOURCE_POSTGRES)
		d = &dialect_postgres;
	else
		d = &dialect_sqlite;

	change_list_init(&cl);
	diff_models(a, b, &cl);
	if (from.kind == SOURCE_SQLITE)
		notes = loss_notes(from.location, &cl);
	status = change_list_empty(&cl) ? 0 : EXIT_FOUND;
	if (print_plan(a, b, &cl, d, (const char *const *)notes, NULL, source_display(&to),
		       &steps) != 0)
		status = EXIT_TROUBLE;
	/* A database cannot hold everything a model says (SQLite keeps no
	 * enum names, for one): against a database, "equal" means that no
	 * statement would change it — the same test `skema apply` uses. */
	else if (status == EXIT_FOUND && steps == 0 &&
		 (from.kind != SOURCE_YAML || to.kind != SOURCE_YAML))
		status = 0;
	if (down && status == EXIT_FOUND) {
		struct model *back = diff_reverse_target(a, &cl);
		struct change_list rev;

		change_list_init(&rev);
		diff_models(b, back, &rev);
		if (print_plan(b, back, &rev, d, NULL, "down: the reverse migration",
			       source_display(&from), NULL) != 0)
			status = EXIT_TROUBLE;
		change_list_free(&rev);
		model_free(back);
	}
	if (fflush(stdout) != 0)
		status = EXIT_TROUBLE;
	free_notes(notes, cl.n);
	change_list_free(&cl);
	model_free(a);
	model_free(b);
	source_clear(&from);
	source_clear(&to);
	return status;
}
