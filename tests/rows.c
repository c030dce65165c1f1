/* rows.c — see rows.h. */
#include "rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint64_t rows_rnd(struct rows_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

unsigned rows_rnd_below(struct rows_rng *r, unsigned n)
{
	return n ? (unsigned)(rows_rnd(r) % n) : 0;
}

double rows_floor(double x)
{
	double t = (double)(long long)x;

	return t > x ? t - 1 : t;
}

double rows_ceil(double x)
{
	double t = (double)(long long)x;

	return t < x ? t + 1 : t;
}

static bool rows_bound(const struct column *c, enum bound b, double *out)
{
	if (!c->bound[b])
		return false;
	*out = strtod(c->bound[b], NULL);
	return true;
}

void rows_numeric_range(const struct column *c, double *lo, double *hi, double step)
{
	double v;

	if (rows_bound(c, BOUND_GE, &v) && v > *lo)
		*lo = v;
	if (rows_bound(c, BOUND_GT, &v) && v + step > *lo)
		*lo = v + step;
	if (rows_bound(c, BOUND_LE, &v) && v < *hi)
		*hi = v;
	if (rows_bound(c, BOUND_LT, &v) && v - step < *hi)
		*hi = v - step;
	if (*hi < *lo)
		*hi = *lo;
}

int rows_string(struct rows_rng *r, const struct column *c, long width, int row,
		char *buf, size_t cap)
{
	long lo = c->min_length > 0 ? c->min_length : 1;
	long hi = 24;
	int n;

	if (width > 0 && width < hi)
		hi = width;
	if (c->max_length >= 0 && c->max_length < hi)
		hi = c->max_length;
	if (hi < lo)
		hi = lo;
	n = snprintf(buf, cap, "r%d x%u@b'%s", row, rows_rnd_below(r, 100000),
		     rows_rnd_below(r, 4) == 0 ? " é" : "");
	if (n >= (int)cap)
		n = (int)cap - 1;
	while (n < lo && n + 1 < (int)cap)
		buf[n++] = (char)('a' + rows_rnd_below(r, 26));
	/* A cut keeps the row number (uniqueness) and the random tail. */
	if (n > hi)
		n = (int)hi;
	while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80)
		n--;
	buf[n] = '\0';
	return n;
}

static bool rows_depends_on(const struct table *t, const char *other)
{
	if (strcmp(t->name, other) == 0)
		return false;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, const struct column, i);

		if (c->ref_table && strcmp(c->ref_table, other) == 0)
			return true;
	}
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		if (strcmp(PLIST_AT(&t->foreign_keys, const struct foreign_key, i)->ref_table,
			   other) == 0)
			return true;
	return false;
}

void rows_fill_order(const struct model *m, const struct table **order)
{
	size_t n = m->tables.n, done = 0;
	bool *placed = xcalloc(n ? n : 1, sizeof(bool));

	while (done < n) {
		size_t before = done;

		for (size_t i = 0; i < n; i++) {
			const struct table *t = PLIST_AT(&m->tables, const struct table, i);
			bool ready = !placed[i];

			for (size_t k = 0; ready && k < n; k++)
				if (!placed[k] && k != i &&
				    rows_depends_on(t, PLIST_AT(&m->tables, const struct table, k)->name))
					ready = false;
			if (ready) {
				placed[i] = true;
				order[done++] = t;
			}
		}
		if (done == before)     /* a cycle: take the first left */
			for (size_t i = 0; i < n; i++)
				if (!placed[i]) {
					placed[i] = true;
					order[done++] = PLIST_AT(&m->tables, const struct table, i);
					break;
				}
	}
	free(placed);
}

uint64_t rows_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

size_t rows_survivors(const struct model *a, const struct model *b, struct rows_survivor *out)
{
	size_t n = 0;

	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *tb = PLIST_AT(&b->tables, const struct table, i);
		const struct table *ta = model_table(a, tb->name);

		if (!ta && tb->was && !model_table(b, tb->was))
			ta = model_table(a, tb->was);
		if (!ta)
			continue;
		out[n] = (struct rows_survivor){ .ta = ta, .tb = tb };
		strlist_init(&out[n].cols_a);
		strlist_init(&out[n].cols_b);
		for (size_t k = 0; k < tb->columns.n; k++) {
			const struct column *cb = PLIST_AT(&tb->columns, const struct column, k);
			const struct column *ca = table_column(ta, cb->name);

			if (!ca && cb->was && !table_column(tb, cb->was))
				ca = table_column(ta, cb->was);
			if (!ca)
				continue;
			strlist_push(&out[n].cols_a, ca->name);
			strlist_push(&out[n].cols_b, cb->name);
		}
		n++;
	}
	return n;
}
