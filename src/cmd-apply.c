/* cmd-apply.c — `skema apply FILE.yaml --db TARGET [--dry-run]
 * [--allow-destructive] [-y] [--rehearse]`: bring an SQLite database or a
 * PostgreSQL schema (postgres:// or postgresql://, see apply-postgres.h)
 * to the model.  The plan goes to stdout; questions, progress and
 * messages to stderr.  A PostgreSQL target is only ever named by its URI
 * without the password.  Exit 0 when the database is (now) the model, 2
 * otherwise. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "apply.h"
#include "apply-postgres.h"
#include "cmd.h"
#include "diag.h"
#include "source.h"

/* Progress of a rebuild's row copy, on a terminal only, and only once a
 * copy has taken long enough to be worth watching. */
struct meter {
	double started;
	double last;
	size_t step;
	bool shown;
	bool open;      /* a progress line without its newline yet */
};

/* End a progress line cut short (a failure, a cancel) before a message. */
static void meter_close(struct meter *m)
{
	if (m->open)
		fputc('\n', stderr);
	*m = (struct meter){ 0 };
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static enum apply_verdict show_progress(const struct apply_progress *p, void *ctx)
{
	struct meter *m = ctx;
	double t = now_seconds();

	if (p->step != m->step || m->started == 0) {
		m->step = p->step;
		m->started = t;
		m->shown = false;
	}
	if (!p->done && (t - m->started < 0.5 || t - m->last < 0.1))
		return APPLY_CONTINUE;
	if (p->done && !m->shown)
		return APPLY_CONTINUE;
	m->last = t;
	m->shown = true;
	m->open = !p->done;
	fprintf(stderr, "\rskema: copying rows of '%s': %lld of %lld (%d%%)%s", p->table,
		(long long)p->rows_done, (long long)p->rows_total,
		p->rows_total ? (int)(100 * p->rows_done / p->rows_total) : 100,
		p->done ? "\n" : "");
	fflush(stderr);
	return APPLY_CONTINUE;
}

static void print_errors(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		cmd_error("%s%s", dl->items[i].severity == SEV_WARNING ? "warning: " : "",
			  dl->items[i].message);
}

/* Destructive changes that the plan carries out.  On SQLite a change may
 * have no statement of its own when a table rebuild does it (a dropped
 * column); only the enum types themselves are not stored by SQLite (their
 * values live in the columns' CHECKs, which are changes of their own). */
static size_t list_destructive(const struct apply *ap, FILE *f)
{
	size_t n = 0;

	for (size_t i = 0; i < ap->changes.n; i++) {
		const struct change *ch = &ap->changes.items[i];
		bool has_steps = false;

		for (size_t k = 0; k < ap->plan.n && !has_steps; k++)
			has_steps = ap->plan.steps[k].change == ch;
		if (!ch->destructive)
			continue;
		if (!has_steps && (ch->kind == CH_ADD_ENUM || ch->kind == CH_DROP_ENUM ||
				   ch->kind == CH_ALTER_ENUM))
			continue;
		n++;
		if (!f)
			continue;
		fprintf(f, "  %s", ch->loss ? ch->loss : ch->summary);
		if (ap->loss_notes && ap->loss_notes[i])
			fprintf(f, ": %s", ap->loss_notes[i]);
		fputc('\n', f);
	}
	return n;
}

static size_t count_changes(const struct apply *ap)
{
	size_t n = 0;
	const struct change *last = NULL;

	for (size_t i = 0; i < ap->plan.n; i++)
		if (ap->plan.steps[i].change != last) {
			last = ap->plan.steps[i].change;
			n++;
		}
	return n;
}

static bool confirm(const struct apply *ap)
{
	char line[64];

	fprintf(stderr, "Apply %zu statement%s to '%s'? [y/N] ", ap->plan.n,
		ap->plan.n == 1 ? "" : "s", ap->path);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return false;
	line[strcspn(line, "\r\n")] = '\0';
	return strcasecmp(line, "y") == 0 || strcasecmp(line, "yes") == 0;
}

static void print_count(const char *what, int64_t n)
{
	if (n < 0)
		printf("%s", what);
	else
		printf("%lld row%s", (long long)n, n == 1 ? "" : "s");
}

static void print_rehearsal(const struct apply *ap, bool postgres,
			    const struct apply_rehearsal *r)
{
	if (postgres)
		printf("-- rehearsal on '%s', in a transaction rolled back:\n", ap->path);
	else
		printf("-- rehearsal on a copy of '%s':\n", ap->path);
	for (size_t i = 0; i < r->n; i++) {
		const struct apply_count *c = &r->items[i];

		if (c->from && c->to && strcmp(c->from, c->to) != 0)
			printf("--   %s -> %s: ", c->from, c->to);
		else
			printf("--   %s: ", c->to ? c->to : c->from);
		print_count("new table", c->from ? c->before : -1);
		printf(" before, ");
		if (!r->clean)
			printf("not reached");
		else
			print_count("dropped", c->to ? c->after : -1);
		printf(" after\n");
	}
	printf("--   foreign key check: %s\n", r->clean ? "clean" : "failed or not reached");
}

/* The target: an SQLite file or a PostgreSQL schema; `a` is the engine's
 * common part either way. */
struct target {
	bool postgres;
	struct apply lite;
	struct apply_pg pg;
	struct apply *a;
};

static int target_open(struct target *t, const char *where, const struct model *m,
		       struct diag_list *dl)
{
	int rc;

	if (t->postgres) {
		rc = apply_pg_open(&t->pg, where, m, dl);
		t->a = &t->pg.base;
	} else {
		rc = apply_open(&t->lite, where, m, dl);
		t->a = &t->lite;
	}
	return rc;
}

static void target_close(struct target *t)
{
	if (!t->a)
		return;
	if (t->postgres)
		apply_pg_close(&t->pg);
	else
		apply_close(&t->lite);
	t->a = NULL;
}

static int target_run(struct target *t, const struct apply_options *o, struct diag_list *dl)
{
	return t->postgres ? apply_pg_run(&t->pg, o, dl) : apply_run(&t->lite, o, dl);
}

/* Rehearse (on a copy of an SQLite file, in a transaction rolled back on
 * PostgreSQL) and print the counts; 0 when it was clean. */
static int rehearse_and_report(struct target *t, const struct apply_options *opts,
			       struct diag_list *dl)
{
	struct apply *ap = t->a;
	struct apply_rehearsal reh;
	int rc;

	apply_rehearsal_init(&reh);
	rc = t->postgres ? apply_pg_rehearse(&t->pg, opts, &reh, dl)
			 : apply_rehearse(ap, opts, &reh, dl);
	meter_close(opts->progress_ctx);
	print_rehearsal(ap, t->postgres, &reh);
	fflush(stdout);
	apply_rehearsal_free(&reh);
	if (rc != APPLY_OK) {
		print_errors(dl);
		cmd_error("the rehearsal failed: '%s' was not changed", ap->path);
		return -1;
	}
	return 0;
}

/* TARGET as a path: sqlite:PATH, sqlite:///PATH or a plain path; a
 * PostgreSQL URI as it is. */
static const char *target_path(const char *target, bool *postgres)
{
	*postgres = strncmp(target, "postgres://", 11) == 0 ||
		    strncmp(target, "postgresql://", 13) == 0;
	if (*postgres)
		return target;
	if (strncmp(target, "sqlite:///", 10) == 0)
		target += strlen("sqlite://");
	else if (strncmp(target, "sqlite:", 7) == 0)
		target += strlen("sqlite:");
	if (*target == '\0') {
		cmd_error("apply: the target names no file");
		return NULL;
	}
	return target;
}

int cmd_apply(int argc, char **argv)
{
	const char *spec = NULL, *target = NULL, *path;
	bool dry_run = false, allow_destructive = false, yes = false, rehearse = false;
	struct meter meter = { 0 };
	struct apply_options opts = { .progress_ctx = &meter };
	struct source src;
	struct diag_list dl;
	struct model *m = NULL;
	struct target tg = { 0 };
	struct apply *ap = NULL;
	char *err = NULL, *text;
	size_t destructive;
	int status = EXIT_TROUBLE, rc;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			target = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			target = argv[i] + 5;
		} else if (strcmp(argv[i], "--dry-run") == 0 || strcmp(argv[i], "-n") == 0) {
			dry_run = true;
		} else if (strcmp(argv[i], "--allow-destructive") == 0) {
			allow_destructive = true;
		} else if (strcmp(argv[i], "-y") == 0 || strcmp(argv[i], "--yes") == 0) {
			yes = true;
		} else if (strcmp(argv[i], "--rehearse") == 0) {
			rehearse = true;
		} else if (strcmp(argv[i], "--help") == 0) {
			cmd_usage(stdout, "apply");
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			cmd_error("apply: unknown option or missing value '%s'", argv[i]);
			cmd_usage(stderr, "apply");
			return EXIT_TROUBLE;
		} else if (spec) {
			cmd_error("apply: one model only ('%s' and '%s')", spec, argv[i]);
			return EXIT_TROUBLE;
		} else {
			spec = argv[i];
		}
	}
	if (!spec || !target) {
		if (spec)
			cmd_error("apply: which database? (--db TARGET)");
		cmd_usage(stderr, "apply");
		return EXIT_TROUBLE;
	}
	if (!(path = target_path(target, &tg.postgres)))
		return EXIT_TROUBLE;
	if (source_parse(spec, &src, &err) != 0) {
		cmd_error("%s", err);
		free(err);
		return EXIT_TROUBLE;
	}
	diag_list_init(&dl);
	if (source_load(&src, &m, &dl, &err) != 0) {
		diag_list_sort(&dl);
		diag_list_print(&dl, source_display(&src), stderr);
		if (err)
			cmd_error("%s", err);
		else if (dl.errors == 0)
			cmd_error("%s cannot be read", source_display(&src));
		free(err);
		diag_list_free(&dl);
		source_clear(&src);
		return EXIT_TROUBLE;
	}
	/* Warnings only: a type SQLite will take as written... */
	diag_list_print(&dl, source_display(&src), stderr);
	diag_list_free(&dl);
	diag_list_init(&dl);

	if (target_open(&tg, path, m, &dl) != 0) {
		print_errors(&dl);
		goto out;
	}
	ap = tg.a;
	/* PostgreSQL: what the plan leaves out (a trigger body written for
	 * another engine) and what the model cannot hold (a partition). */
	if (tg.postgres) {
		print_errors(&dl);
		diag_list_free(&dl);
		diag_list_init(&dl);
	}
	if (apply_up_to_date(ap)) {
		cmd_error("'%s' is already up to date", ap->path);
		status = 0;
		goto out;
	}
	text = apply_render(ap);
	fputs(text, stdout);
	free(text);
	fflush(stdout);

	destructive = list_destructive(ap, NULL);
	if (isatty(STDERR_FILENO))
		opts.progress = show_progress;
	if (dry_run) {
		if (destructive && !allow_destructive)
			cmd_error("%zu destructive change%s would need --allow-destructive",
				  destructive, destructive == 1 ? "" : "s");
		/* A rehearsal only touches a copy: --dry-run --rehearse runs it. */
		if (rehearse && rehearse_and_report(&tg, &opts, &dl) != 0)
			goto out;
		cmd_error("dry run: nothing was changed in '%s'", ap->path);
		status = 0;
		goto out;
	}
	if (destructive && !allow_destructive) {
		cmd_error("refusing %zu destructive change%s without --allow-destructive:",
			  destructive, destructive == 1 ? "" : "s");
		list_destructive(ap, stderr);
		goto out;
	}
	if (!yes && !isatty(STDIN_FILENO)) {
		cmd_error("not applying to '%s' without confirmation: stdin is not a "
			  "terminal; pass -y to apply", ap->path);
		goto out;
	}
	if (rehearse && rehearse_and_report(&tg, &opts, &dl) != 0)
		goto out;
	if (!yes && !confirm(ap)) {
		cmd_error("nothing was changed in '%s'", ap->path);
		goto out;
	}
	rc = target_run(&tg, &opts, &dl);
	meter_close(&meter);
	if (rc != APPLY_OK) {
		print_errors(&dl);
		goto out;
	}
	cmd_error("applied %zu change%s (%zu statement%s) to '%s'", count_changes(ap),
		  count_changes(ap) == 1 ? "" : "s", ap->plan.n, ap->plan.n == 1 ? "" : "s",
		  ap->path);
	status = 0;
out:
	target_close(&tg);
	model_free(m);
	diag_list_free(&dl);
	source_clear(&src);
	return status;
}
