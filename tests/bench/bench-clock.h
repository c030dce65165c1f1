/* bench-clock.h — the clock, the median and the peak memory the bench
 * programs report, one definition for all of them (header-only: each
 * bench program is a single source file). */
#ifndef SKEMA_BENCH_CLOCK_H
#define SKEMA_BENCH_CLOCK_H

#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

/* CPU time of the process in milliseconds: steadier than wall time on a
 * shared machine, and the work measured is single-threaded. */
static inline double bench_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline long bench_peak_rss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;   /* kilobytes on Linux */
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts v. */
static inline double bench_median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

#endif
