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

#include "db-sqlite.h"
#include "model-yaml.h"

#define MAX_RUNS 101

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	double t_import[MAX_RUNS], t_save[MAX_RUNS];
	size_t tables = 0;
	int runs = 5;
	struct rusage ru;

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
		double t0 = now_ms(), t1, t2;

		diag_list_init(&dl);
		if (db_sqlite_import_file(argv[1], &m, &dl, &err) != 0) {
			fprintf(stderr, "bench-import: %s\n", err);
			free(err);
			diag_list_free(&dl);
			return 2;
		}
		t1 = now_ms();
		yaml = model_save_yaml(m, &len);
		t2 = now_ms();
		t_import[i] = t1 - t0;
		t_save[i] = t2 - t1;
		tables = m->tables.n;
		free(yaml);
		model_free(m);
		diag_list_free(&dl);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("import %.1f ms, save %.1f ms (median CPU of %d), %zu tables, peak RSS %.1f MiB\n",
	       median(t_import, runs), median(t_save, runs), runs, tables, ru.ru_maxrss / 1024.0);
	printf("bench import=%.3f save=%.3f rss=%ld tables=%zu\n", median(t_import, runs),
	       median(t_save, runs), ru.ru_maxrss, tables);
	return 0;
}
