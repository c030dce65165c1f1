/* bench-import.c — how fast a SQLite database becomes a model, in process.
 *
 *     bench-import DATABASE [RUNS]
 *
 * Times, as the median of RUNS (default 5) runs each, in CPU time:
 *   import  db_sqlite_import_file(): open, the catalog queries, the model
 *           built, links inferred, closed — `skema import` without process
 *           start-up and without writing YAML, so the figure to set
 *           against bench-pragma's floor (which builds nothing),
 *   save    model_save_yaml() of that model (what the command adds).
 * and the peak resident set size after the runs.  Every run opens the
 * database afresh, so SQLite reads and parses the schema each time, as
 * the command does.  The last line, "bench import=MS save=MS rss=KB
 * tables=N", is for bench-run.py. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-clock.h"
#include "db-sqlite.h"
#include "model-yaml.h"

#define MAX_RUNS 101

int main(int argc, char **argv)
{
	double t_import[MAX_RUNS], t_save[MAX_RUNS];
	size_t tables = 0;
	int runs = 5;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-import DATABASE [RUNS]\n");
		return 2;
	}
	if (argc == 3)
		runs = atoi(argv[2]);
	if (runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "bench-import: RUNS must be 1..%d\n", MAX_RUNS);
		return 2;
	}
	for (int i = 0; i < runs; i++) {
		struct model *m = NULL;
		struct diag_list dl;
		char *err = NULL, *yaml;
		size_t len;
		double t0 = bench_cpu_ms(), t1, t2;

		diag_list_init(&dl);
		if (db_sqlite_import_file(argv[1], &m, &dl, &err) != 0) {
			fprintf(stderr, "bench-import: %s\n", err);
			free(err);
			diag_list_free(&dl);
			return 2;
		}
		t1 = bench_cpu_ms();
		yaml = model_save_yaml(m, &len);
		t2 = bench_cpu_ms();
		t_import[i] = t1 - t0;
		t_save[i] = t2 - t1;
		tables = m->tables.n;
		free(yaml);
		model_free(m);
		diag_list_free(&dl);
	}
	long rss = bench_peak_rss_kb();
	printf("import %.1f ms, save %.1f ms (median CPU of %d), %zu tables, peak RSS %.1f MiB\n",
	       bench_median(t_import, runs), bench_median(t_save, runs), runs, tables,
	       rss / 1024.0);
	printf("bench import=%.3f save=%.3f rss=%ld tables=%zu\n", bench_median(t_import, runs),
	       bench_median(t_save, runs), rss, tables);
	return 0;
}
