/* bench-load.c — how fast a model file loads and saves.
 *
 *     bench-load FILE.yaml [RUNS]
 *
 * Times, as the median of RUNS (default 5) runs each:
 *   parse  libyaml's bare event parse of the text (the floor: any loader
 *          built on libyaml pays this),
 *   load   model_load_yaml() of the text,
 *   check  model_check() of the loaded model (the validation),
 *   save   model_save_yaml() of the loaded model,
 * and reports the peak resident set size after the first run of each
 * phase (so "load" includes the text and the parse's peak).  Times are
 * process CPU time.  The load is
 * expected to stay within about 1.5x of the bare parse.  The last line,
 * "bench parse=MS load=MS check=MS save=MS rss=KB", is for run-bench.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <yaml.h>

#include "bench-clock.h"
#include "model-check.h"
#include "model-yaml.h"

#define MAX_RUNS 101

/* Returns the number of events, or -1 on a parse error.  Not inlined, so
 * that profilers can count it (valgrind --toggle-collect=bare_parse). */
__attribute__((noinline)) static long bare_parse(const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	long events = 0;
	int done = 0;

	if (!yaml_parser_initialize(&p))
		return -1;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			events = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		events++;
	}
	yaml_parser_delete(&p);
	return events;
}

int main(int argc, char **argv)
{
	double t_parse[MAX_RUNS], t_load[MAX_RUNS], t_check[MAX_RUNS], t_save[MAX_RUNS];
	long rss_parse, rss_load, rss_save, events = 0;
	size_t len, saved_len = 0, ntables = 0, ncolumns = 0, ndiags = 0;
	char *text, *err = NULL;
	int runs = 5;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench-load FILE.yaml [RUNS]\n");
		return 2;
	}
	if (argc == 3)
		runs = atoi(argv[2]);
	if (runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "bench-load: RUNS must be 1..%d\n", MAX_RUNS);
		return 2;
	}
	if (file_read_all(argv[1], &text, &len, &err) != 0) {
		fprintf(stderr, "bench-load: %s\n", err);
		free(err);
		return 2;
	}

	/* The phases take turns within each run, so that a busy machine
	 * slows them alike; peak RSS is read after the first of each. */
	struct model *m = NULL;
	rss_parse = rss_load = rss_save = 0;
	for (int i = 0; i < runs; i++) {
		struct diag_list dl;
		double t0 = bench_cpu_ms();

		events = bare_parse(text, len);
		t_parse[i] = bench_cpu_ms() - t0;
		if (events < 0) {
			fprintf(stderr, "bench-load: %s is not valid YAML\n", argv[1]);
			return 2;
		}
		if (i == 0)
			rss_parse = bench_peak_rss_kb();

		diag_list_init(&dl);
		model_free(m);
		t0 = bench_cpu_ms();
		m = model_load_yaml(text, len, &dl);
		t_load[i] = bench_cpu_ms() - t0;
		ndiags = dl.n;
		if (!m) {
			fprintf(stderr, "bench-load: %s: the loader rejected the text\n", argv[1]);
			diag_list_print(&dl, argv[1], stderr);
			return 2;
		}
		diag_list_free(&dl);
		if (i == 0)
			rss_load = bench_peak_rss_kb();

		diag_list_init(&dl);
		t0 = bench_cpu_ms();
		model_check(m, &dl);
		t_check[i] = bench_cpu_ms() - t0;
		if (i == 0 && dl.n)
			diag_list_print(&dl, argv[1], stderr);
		diag_list_free(&dl);

		t0 = bench_cpu_ms();
		char *out = model_save_yaml(m, &saved_len);
		t_save[i] = bench_cpu_ms() - t0;
		free(out);
		if (i == 0)
			rss_save = bench_peak_rss_kb();
	}
	ntables = m->tables.n;
	for (size_t i = 0; i < m->tables.n; i++)
		ncolumns += PLIST_AT(&m->tables, struct table, i)->columns.n;

	double mp = bench_median(t_parse, runs), ml = bench_median(t_load, runs);
	double ms = bench_median(t_save, runs), mc = bench_median(t_check, runs);
	double mb = (double)len / (1024.0 * 1024.0);

	printf("file     %s: %.1f MiB, %zu tables, %zu columns, %ld events, %zu diagnostics\n",
	       argv[1], mb, ntables, ncolumns, events, ndiags);
	printf("phase    median CPU ms (%d runs)   MiB/s   x parse   peak RSS MiB\n", runs);
	printf("parse    %22.1f %8.1f %9.2f %14.1f\n", mp, mb / (mp / 1e3), 1.0,
	       rss_parse / 1024.0);
	printf("load     %22.1f %8.1f %9.2f %14.1f\n", ml, mb / (ml / 1e3), ml / mp,
	       rss_load / 1024.0);
	printf("check    %22.1f %8.1f %9.2f\n", mc, mb / (mc / 1e3), mc / mp);
	printf("save     %22.1f %8.1f %9.2f %14.1f   (%.1f MiB written)\n", ms,
	       (double)saved_len / (1024.0 * 1024.0) / (ms / 1e3), ms / mp, rss_save / 1024.0,
	       (double)saved_len / (1024.0 * 1024.0));
	printf("bench parse=%.3f load=%.3f check=%.3f save=%.3f rss=%ld bytes=%zu\n", mp, ml, mc,
	       ms, rss_save, len);
	model_free(m);
	free(text);
	return 0;
}
