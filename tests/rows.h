/* rows.h — what the migration property tests share (test-migrate-property.c
 * on SQLite, test-migrate-property-pg.c on PostgreSQL): a deterministic
 * generator for rows a model allows, the order tables are filled in, and
 * the tables and columns of A that a migration to B keeps, whose rows are
 * checksummed before and after.  Each test keeps what is its engine's own:
 * the values' representation, the inserts and the queries. */
#ifndef SKEMA_TESTS_ROWS_H
#define SKEMA_TESTS_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* xorshift64*: the same rows for the same seed on every platform. */
struct rows_rng {
	uint64_t s;                 /* never 0 */
};

uint64_t rows_rnd(struct rows_rng *r);
unsigned rows_rnd_below(struct rows_rng *r, unsigned n);   /* 0 when n is 0 */

/* Whole-number rounding without libm (values here are far below 2^53). */
double rows_floor(double x);
double rows_ceil(double x);

/* Narrow [lo, hi] to what the column's bounds allow; a strict bound (gt,
 * lt) moves by step (1 for integers, the smallest fraction the test
 * writes otherwise). */
void rows_numeric_range(const struct column *c, double *lo, double *hi, double step);

/* A string for row `row` of c into buf (cap bytes), returns its length:
 * the row number first (uniqueness survives a cut), an '@' for the
 * e-mail checks of the samples, a quote and sometimes a non-ASCII
 * letter, padded or cut to the column's lengths (and width, when > 0)
 * without cutting a UTF-8 sequence. */
int rows_string(struct rows_rng *r, const struct column *c, long width, int row,
		char *buf, size_t cap);

/* m's tables, parents before the tables whose foreign keys name them (a
 * cycle is broken at the first table left): order has m->tables.n slots. */
void rows_fill_order(const struct model *m, const struct table **order);

/* FNV-1a, 64 bits, continuing from h. */
uint64_t rows_fnv(uint64_t h, const void *p, size_t n);

/* A table of A and its table in B, with the columns both have (A's and
 * B's names, in B's order), following renames (`was`); sum and rows are
 * the test's checksum of A's rows. */
struct rows_survivor {
	const struct table *ta, *tb;
	struct strlist cols_a, cols_b;
	uint64_t sum;
	int64_t rows;
};

/* Into out (b->tables.n slots); returns how many.  The caller frees each
 * one's cols_a and cols_b. */
size_t rows_survivors(const struct model *a, const struct model *b, struct rows_survivor *out);

#endif
