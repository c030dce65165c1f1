/* apply.h — bring an SQLite database to a model.
 *
 * apply_open introspects the target (a missing path or an empty file is a
 * new database: it gets the whole schema), diffs it against the model and
 * builds the SQLite plan; the caller shows the plan, refuses destructive
 * changes unless told otherwise, asks, and then calls apply_run.
 *
 * apply_run runs the whole plan in one transaction:
 *     PRAGMA foreign_keys=OFF (when the plan rebuilds tables)
 *     BEGIN IMMEDIATE
 *       check the database is still what apply_open saw
 *       the plan's statements, one by one
 *       CREATE TABLE IF NOT EXISTS skema_migrations; one history row
 *       PRAGMA foreign_key_check (violations the database already had
 *         before the migration are not its doing and do not count)
 *       introspect again: the database must now equal the model
 *     COMMIT
 *     foreign_keys restored
 * Any failure rolls back, so the file is left exactly as it was, and adds
 * an error naming the change, the statement and SQLite's error.  A
 * database created by the run is removed again when the run fails.
 *
 * "Equal" means the SQLite plan of diff(database, model) has no statement:
 * what SQLite cannot store (enum names, links, layout) never counts.
 *
 * Test hooks, read from the environment by apply_run (tests only):
 *   SKEMA_TEST_MAX_PAGE_COUNT=N   PRAGMA max_page_count=N on the connection
 *                                 (SQLite clamps it to the current size), to
 *                                 simulate a full disk;
 *   SKEMA_TEST_READONLY=1         open the database read-only, as a file
 *                                 without write permission would be (root
 *                                 ignores chmod).
 *
 * The engine never prints: progress goes through a callback, errors into
 * a diag_list. */
#ifndef SKEMA_APPLY_H
#define SKEMA_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "diff.h"
#include "model.h"
#include "plan.h"

/* How long a run waits for another connection's lock before failing. */
#define APPLY_BUSY_TIMEOUT_MS 3000

/* Row copies of table rebuilds report progress through this. */
struct apply_progress {
	const char *table;      /* the table whose rows are copied */
	size_t step;            /* index of the running step in the plan */
	size_t n_steps;
	int64_t rows_done;      /* rows read so far (an estimate while running) */
	int64_t rows_total;     /* rows in the table when the copy started */
	bool done;              /* the copy finished: the last call for it */
};

enum apply_verdict { APPLY_CONTINUE, APPLY_CANCEL };

/* Return APPLY_CANCEL to stop: the run rolls back and returns
 * APPLY_CANCELLED.  Called often; keep it cheap. */
typedef enum apply_verdict (*apply_progress_fn)(const struct apply_progress *p, void *ctx);

struct apply_options {
	apply_progress_fn progress;   /* or NULL */
	void *progress_ctx;
	int busy_timeout_ms;          /* 0: APPLY_BUSY_TIMEOUT_MS */
};

/* Results of apply_run / apply_rehearse. */
enum {
	APPLY_OK = 0,
	APPLY_FAILED = -1,      /* rolled back; the reason is in dl */
	APPLY_CANCELLED = 1,    /* the progress callback said so; rolled back */
};

struct apply {
	char *path;                  /* the database file */
	bool is_new;                 /* missing or empty when opened */
	const struct model *model;   /* the target model (borrowed) */
	struct model *current;       /* the database as introspected */
	struct change_list changes;  /* diff(current, model) */
	struct plan plan;            /* SQLite plan of the changes */
	char *checksum;              /* of the model's canonical text */
	char **loss_notes;           /* per change: what a destructive one loses
					here ("12,345 rows"), or NULL */
};

/* Introspect path, diff, plan.  Returns 0, or -1 with errors in dl (an
 * unreadable file, not a database, a change SQLite cannot make).  The
 * model must be valid and must outlive ap.  apply_close in every case. */
int apply_open(struct apply *ap, const char *path, const struct model *m,
	       struct diag_list *dl);
void apply_close(struct apply *ap);

/* Nothing to do: the plan has no statement. */
bool apply_up_to_date(const struct apply *ap);

/* The plan as a commented SQL script (plan_render); the caller frees. */
char *apply_render(const struct apply *ap);

/* Run the plan for real.  APPLY_OK, APPLY_FAILED or APPLY_CANCELLED. */
int apply_run(struct apply *ap, const struct apply_options *o, struct diag_list *dl);

/* A rehearsal: the plan run on a copy of the database (VACUUM INTO a
 * temporary file in $TMPDIR, removed afterwards). */
struct apply_count {
	char *from;             /* the table's name before (NULL: a new table) */
	char *to;               /* after (NULL: dropped) */
	int64_t before, after;  /* row counts; -1 where the table does not exist */
};
struct apply_rehearsal {
	struct apply_count *items;
	size_t n, cap;
	bool clean;             /* the run on the copy succeeded, including
				   PRAGMA foreign_key_check and the final check */
};
void apply_rehearsal_init(struct apply_rehearsal *r);
void apply_rehearsal_free(struct apply_rehearsal *r);

/* Returns APPLY_OK when the rehearsal was clean; otherwise the errors of
 * the failed run are in dl (naming the copy's failure, never touching the
 * real database) and r holds the counts taken before it failed. */
int apply_rehearse(struct apply *ap, const struct apply_options *o,
		   struct apply_rehearsal *r, struct diag_list *dl);

/* Hex of the FNV-1a 64-bit hash of the model's canonical YAML (the
 * checksum skema_migrations records).  The caller frees. */
char *apply_model_checksum(const struct model *m);

#endif
