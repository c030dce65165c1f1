/* test-migrate-property-pg.c — the migration property on PostgreSQL.
 *
 * For at least 200 pairs (A, B) — every sample, the stress model and an
 * all-types model, each to a fresh schema (A empty) and to seeded
 * mutations of it (mutate-model.h), and mutations of mutations — a schema
 * built from A's PostgreSQL DDL and filled with generated rows is
 * migrated to B by apply-postgres.h, and then:
 *   1. the schema imports equal to B (both normalised: see normalise());
 *   2. every row of every table present in both survives with the values
 *      of every column present in both, following renames (a multiset
 *      checksum per table before and after);
 *   3. applying B again has nothing to do, and the history holds one row
 *      with B's checksum.
 * (PostgreSQL checks foreign keys on every statement: a migration that
 * broke one would have failed.)
 *
 * Needs a server: SKEMA_TEST_PG_URI=postgresql://... names a database the
 * test may create schemas in (one per pair, p1, p2...; dropped after a
 * pair that passed).  Without it the test is skipped (exit 77);
 * tests/check-apply-postgres.sh runs it on its throw-away server.
 * SKEMA_PROPERTY_SEEDS=N changes the seeds per model (default 24 direct +
 * 16 chained); SKEMA_PROPERTY_ONLY=TEXT runs only the base models whose
 * label contains TEXT; SKEMA_PROPERTY_KEEP=1 keeps every schema. */
#include "config.h"

#include <stdio.h>

#ifndef HAVE_LIBPQ
int main(void)
{
	printf("SKIP: PostgreSQL support was not compiled in\n");
	return 77;
}
#else

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "apply-postgres.h"
#include "db-postgres.h"
#include "ddl.h"
#include "dialect.h"
#include "model-check.h"
#include "model-yaml.h"
#include "mutate-model.h"
#include "rows.h"
#include "types.h"
#include "util.h"

/* ---- the base models ---- */

/* Every logical type PostgreSQL has, keys of every shape, an enum, a
 * view. */
static const char all_types_yaml[] =
	"skema: 1\n"
	"name: all_types\n"
	"enums:\n"
	"  color: [red, green, blue]\n"
	"tables:\n"
	"  owner:\n"
	"    comment: people\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true, autoincrement: true}\n"
	"      name: {type: varchar(40), nullable: false, min_length: 1, max_length: 30}\n"
	"      code: {type: char(6), unique: true}\n"
	"      born: date\n"
	"  thing:\n"
	"    columns:\n"
	"      id: {type: integer, primary_key: true}\n"
	"      owner_id: {type: integer, references: owner.id, on_delete: cascade}\n"
	"      big: bigint\n"
	"      small: {type: smallint, ge: 0, le: 100}\n"
	"      flag: {type: boolean, nullable: false, default: false}\n"
	"      ratio: {type: real, gt: 0, lt: 1}\n"
	"      dbl: {type: double, default: 1.5e2}\n"
	"      price: {type: \"numeric(10,2)\", default: 0}\n"
	"      amount: \"decimal(8,3)\"\n"
	"      label: {type: text, index: true}\n"
	"      at: time\n"
	"      stamp: {type: datetime, nullable: false, default_sql: CURRENT_TIMESTAMP}\n"
	"      tz: timestamptz\n"
	"      raw: blob\n"
	"      uid: {type: uuid, unique: true}\n"
	"      doc: json\n"
	"      color: {type: enum(color), nullable: false, default: red, comment: hue}\n"
	"      odd: {type: integer, check: \"odd IS NULL OR odd >= 0\"}\n"
	"      gone: {type: text, default: null}\n"
	"    indexes:\n"
	"      ix_thing_owner_small: {columns: [owner_id, small]}\n"
	"    checks:\n"
	"      dbl_finite: \"dbl IS NULL OR dbl < 1e300\"\n"
	"  tag:\n"
	"    columns:\n"
	"      a: {type: integer, primary_key: true}\n"
	"      b: {type: text, primary_key: true}\n"
	"      note: text\n"
	"  thing_tag:\n"
	"    columns:\n"
	"      thing_id: {type: integer, nullable: false, references: thing.id}\n"
	"      tag_a: {type: integer, nullable: false}\n"
	"      tag_b: {type: text, nullable: false}\n"
	"    foreign_keys:\n"
	"      - {columns: [tag_a, tag_b], references: tag, ref_columns: [a, b], "
	"on_delete: cascade, on_update: no action}\n"
	"    unique:\n"
	"      - [thing_id, tag_a, tag_b]\n"
	"views:\n"
	"  v_thing: SELECT id, label FROM thing\n";

struct base {
	char *label;
	struct model *m;
};

static const char *srcdir(void)
{
	const char *s = getenv("srcdir");

	return s && *s ? s : ".";
}

static struct model *checked(struct model *m, const char *label)
{
	struct diag_list dl;

	diag_list_init(&dl);
	if (m)
		model_check(m, &dl);
	if (!m || dl.errors) {
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "%s: %s\n", label, dl.items[i].message);
		fprintf(stderr, "base model %s is not valid\n", label);
		exit(99);
	}
	diag_list_free(&dl);
	return m;
}

static size_t load_bases(struct base *out)
{
	static const char *const yaml[] = { "samples/heroes.yaml", "samples/blog.yaml",
					    "samples/shop.yaml", "tests/models/stress.yaml" };
	struct diag_list dl;
	struct model *m;
	char *path, *err = NULL;
	size_t n = 0;

	for (size_t i = 0; i < sizeof yaml / sizeof yaml[0]; i++) {
		path = xasprintf("%s/%s", srcdir(), yaml[i]);
		diag_list_init(&dl);
		m = NULL;
		if (model_load_file(path, &m, &dl, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			exit(99);
		}
		out[n++] = (struct base){ xstrdup(yaml[i]), checked(m, path) };
		diag_list_free(&dl);
		free(path);
	}
	diag_list_init(&dl);
	m = model_load_yaml(all_types_yaml, strlen(all_types_yaml), &dl);
	out[n++] = (struct base){ xstrdup("all-types"), checked(m, "all-types") };
	diag_list_free(&dl);
	return n;
}

/* ---- the test's own connection ---- */

static PGconn *conn;

static void quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/* Run sql; true when it worked.  *err (when given) gets the message. */
static bool exec_ok(const char *sql, char **err)
{
	PGresult *r = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(r);
	bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;

	if (!ok && err)
		*err = xstrdup(PQresultErrorMessage(r));
	PQclear(r);
	return ok;
}

static char *q(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(&dialect_postgres, &sb, name);
	return sb_release(&sb);
}

/* ---- filling a schema with rows A allows ---- */

struct val {
	bool null;
	char buf[128];
};

/* A value of c as PostgreSQL's text input reads it. */
static void gen_value(struct rows_rng *r, const struct model *m, const struct table *t,
		      const struct column *c, int row, struct val *v)
{
	struct logical_type lt;
	double lo, hi;
	bool key = table_column_in_pk(t, c) || c->unique;

	memset(v, 0, sizeof *v);
	if (column_is_nullable(t, c) && !key && rows_rnd_below(r, 5) == 0) {
		v->null = true;
		return;
	}
	if (!logical_type_parse(c->type, &lt)) {
		/* A type the generator does not know: text input may fit. */
		memset(&lt, 0, sizeof lt);
		lt.cls = TYPE_CLASS_STRING;
		strcpy(lt.base, "text");
	}
	switch (lt.cls) {
	case TYPE_CLASS_INTEGER:
	case TYPE_CLASS_OTHER:
		lo = key ? 1 : -50, hi = key ? 1e6 : 1e5;
		if (strcmp(lt.base, "smallint") == 0)
			hi = 30000;
		rows_numeric_range(c, &lo, &hi, 1);
		snprintf(v->buf, sizeof v->buf, "%lld", (long long)rows_ceil(lo) +
			 (long long)(rows_rnd(r) % (uint64_t)(rows_floor(hi) - rows_ceil(lo) + 1)));
		break;
	case TYPE_CLASS_NUMERIC: {
		double d;

		lo = -1000, hi = 1000;
		/* numeric(p,s) holds less than 10^(p-s). */
		if (lt.nargs >= 1) {
			double lim = 1;

			for (long i = 0; i < lt.args[0] - (lt.nargs == 2 ? lt.args[1] : 0); i++)
				lim *= 10;
			if (lim - 1 < hi)
				hi = lim - 1, lo = -(lim - 1);
		}
		rows_numeric_range(c, &lo, &hi, 1e-2);
		d = lo + (hi - lo) * (double)rows_rnd_below(r, 10000) / 10000.0;
		d = rows_floor(d * 100 + 0.5) / 100;
		if (d < lo || d > hi)
			d = lo;
		/* Two decimals: exact in numeric(p,2+), and in real/double as
		 * texts compare (the checksum reads them back as numbers). */
		if (lt.nargs == 2 && lt.args[1] < 2)
			d = rows_floor(d);
		snprintf(v->buf, sizeof v->buf, "%.2f", d);
		break;
	}
	case TYPE_CLASS_BOOLEAN:
		strcpy(v->buf, rows_rnd_below(r, 2) ? "true" : "false");
		break;
	case TYPE_CLASS_TEMPORAL:
		if (strcmp(lt.base, "date") == 0)
			snprintf(v->buf, sizeof v->buf, "20%02u-%02u-%02u",
				 rows_rnd_below(r, 30), 1 + rows_rnd_below(r, 12), 1 + rows_rnd_below(r, 28));
		else if (strcmp(lt.base, "time") == 0)
			snprintf(v->buf, sizeof v->buf, "%02u:%02u:%02u",
				 rows_rnd_below(r, 24), rows_rnd_below(r, 60), rows_rnd_below(r, 60));
		else
			snprintf(v->buf, sizeof v->buf, "20%02u-%02u-%02u %02u:%02u:%02u",
				 rows_rnd_below(r, 30), 1 + rows_rnd_below(r, 12), 1 + rows_rnd_below(r, 28),
				 rows_rnd_below(r, 24), rows_rnd_below(r, 60), rows_rnd_below(r, 60));
		break;
	case TYPE_CLASS_BLOB: {
		int n = 1 + (int)rows_rnd_below(r, 16), k;

		k = snprintf(v->buf, sizeof v->buf, "\\x");
		for (int i = 0; i < n; i++)
			k += snprintf(v->buf + k, sizeof v->buf - (size_t)k, "%02x",
				      (unsigned)(rows_rnd(r) & 0xff));
		break;
	}
	case TYPE_CLASS_JSON:
		snprintf(v->buf, sizeof v->buf, "{\"n\": %u, \"row\": %d}", rows_rnd_below(r, 1000), row);
		break;
	case TYPE_CLASS_ENUM: {
		const struct enum_type *e = model_enum(m, lt.enum_name);

		if (!e || e->values.n == 0) {
			v->null = true;
			break;
		}
		snprintf(v->buf, sizeof v->buf, "%s",
			 e->values.items[rows_rnd_below(r, (unsigned)e->values.n)]);
		break;
	}
	case TYPE_CLASS_STRING:
		if (strcmp(lt.base, "uuid") == 0)
			snprintf(v->buf, sizeof v->buf, "%08x-%04x-4%03x-a%03x-%012llx",
				 (unsigned)rows_rnd(r), rows_rnd_below(r, 65536), rows_rnd_below(r, 4096),
				 rows_rnd_below(r, 4096),
				 (unsigned long long)(rows_rnd(r) & 0xffffffffffffull));
		else
			rows_string(r, c, lt.nargs > 0 ? lt.args[0] : 0, row, v->buf, sizeof v->buf);
		break;
	}
}

/* A random existing row's values of cols in table (NULL-free). */
static bool pick_parent(struct rows_rng *r, const char *table, const struct strlist *cols,
			struct val *vals)
{
	struct strbuf sb;
	PGresult *res;
	char *qt = q(table);
	bool found = false;

	sb_init(&sb);
	sb_add(&sb, "SELECT ");
	for (size_t i = 0; i < cols->n; i++) {
		char *qc = q(cols->items[i]);

		sb_printf(&sb, "%s%s::text", i ? ", " : "", qc);
		free(qc);
	}
	sb_printf(&sb, " FROM %s", qt);
	for (size_t i = 0; i < cols->n; i++) {
		char *qc = q(cols->items[i]);

		sb_printf(&sb, " %s %s IS NOT NULL", i ? "AND" : "WHERE", qc);
		free(qc);
	}
	res = PQexec(conn, sb.buf);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0) {
		int row = (int)rows_rnd_below(r, (unsigned)PQntuples(res));

		for (size_t i = 0; i < cols->n; i++) {
			vals[i].null = false;
			snprintf(vals[i].buf, sizeof vals[i].buf, "%s",
				 PQgetvalue(res, row, (int)i));
		}
		found = true;
	}
	PQclear(res);
	sb_free(&sb);
	free(qt);
	return found;
}

/* Insert up to `want` rows; a row a constraint rejects is retried with
 * new values (each INSERT is its own transaction). */
static void fill_table(struct rows_rng *r, const struct model *m, const struct table *t, int want)
{
	size_t nc = t->columns.n;
	struct val *vals = xcalloc(nc + 1, sizeof *vals);
	bool *omit = xcalloc(nc + 1, sizeof(bool));
	const char **params = xcalloc(nc + 1, sizeof(char *));
	int got = 0;

	for (int attempt = 0; got < want && attempt < want * 8; attempt++) {
		struct strbuf sb;
		PGresult *res;
		bool ok = true;
		int k = 0;
		char *qt = q(t->name);

		for (size_t i = 0; i < nc; i++) {
			const struct column *c = PLIST_AT(&t->columns, const struct column, i);

			omit[i] = (c->dflt.kind != VALUE_NONE || c->default_sql || c->autoincrement) &&
				  rows_rnd_below(r, 4) == 0;
			gen_value(r, m, t, c, attempt, &vals[i]);
			if (c->ref_table && !vals[i].null) {
				struct strlist one;

				strlist_init(&one);
				strlist_push(&one, c->ref_column ? c->ref_column : "id");
				if (!pick_parent(r, c->ref_table, &one, &vals[i])) {
					vals[i].null = true;
					ok = column_is_nullable(t, c);
				}
				strlist_free(&one);
				omit[i] = false;
			}
		}
		for (size_t f = 0; ok && f < t->foreign_keys.n; f++) {
			const struct foreign_key *fk =
				PLIST_AT(&t->foreign_keys, const struct foreign_key, f);
			struct val *pv = xcalloc(fk->columns.n, sizeof *pv);
			bool have = pick_parent(r, fk->ref_table, &fk->ref_columns, pv);

			for (size_t i = 0; i < fk->columns.n; i++) {
				long at = table_column_index(t, fk->columns.items[i]);

				if (at < 0)
					continue;
				if (have)
					vals[at] = pv[i];
				else
					vals[at].null = true;
				omit[at] = false;
			}
			free(pv);
		}
		if (!ok) {
			free(qt);
			continue;
		}
		sb_init(&sb);
		sb_printf(&sb, "INSERT INTO %s (", qt);
		for (size_t i = 0; i < nc; i++) {
			char *qc;

			if (omit[i])
				continue;
			qc = q(PLIST_AT(&t->columns, const struct column, i)->name);
			sb_printf(&sb, "%s%s", k ? ", " : "", qc);
			params[k++] = vals[i].null ? NULL : vals[i].buf;
			free(qc);
		}
		if (k == 0) {
			sb_reset(&sb);
			sb_printf(&sb, "INSERT INTO %s DEFAULT VALUES", qt);
		} else {
			sb_add(&sb, ") VALUES (");
			for (int i = 0; i < k; i++)
				sb_printf(&sb, "%s$%d", i ? ", " : "", i + 1);
			sb_add(&sb, ")");
		}
		res = PQexecParams(conn, sb.buf, k, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			got++;
		PQclear(res);
		sb_free(&sb);
		free(qt);
	}
	free(params);
	free(omit);
	free(vals);
}

static void fill(struct rows_rng *r, const struct model *m)
{
	const struct table **order = xcalloc(m->tables.n + 1, sizeof *order);

	rows_fill_order(m, order);
	for (size_t i = 0; i < m->tables.n; i++)
		fill_table(r, m, order[i], 3 + (int)rows_rnd_below(r, 8));
	free(order);
}

/* ---- checksums of the rows ---- */

/* A value's text as one spelling: numbers as numbers (1.50 in
 * numeric(10,2) is 1.5000 in numeric(12,4)), text without the padding of
 * char(n). */
static uint64_t hash_value(uint64_t h, const PGresult *res, int row, int col)
{
	char buf[64];
	const char *text;
	char *end;
	size_t n;
	double d;

	if (PQgetisnull(res, row, col))
		return rows_fnv(h, "\1N", 2);
	text = PQgetvalue(res, row, col);
	d = strtod(text, &end);
	if (*text && end != text && *end == '\0' && text[0] != ' ') {
		if (d > -9e15 && d < 9e15 && d == rows_floor(d))
			snprintf(buf, sizeof buf, "%lld", (long long)d);
		else
			snprintf(buf, sizeof buf, "%.6g", d);
		return rows_fnv(rows_fnv(h, "\1#", 2), buf, strlen(buf));
	}
	n = strlen(text);
	while (n > 0 && text[n - 1] == ' ')
		n--;
	return rows_fnv(rows_fnv(h, "\1T", 2), text, n);
}

static int table_checksum(const char *table, const struct strlist *cols, uint64_t *sum,
			  int64_t *rows)
{
	struct strbuf sb;
	PGresult *res;
	char *qt = q(table);
	int rc = -1;

	sb_init(&sb);
	sb_add(&sb, "SELECT ");
	for (size_t i = 0; i < cols->n; i++) {
		char *qc = q(cols->items[i]);

		sb_printf(&sb, "%s%s::text", i ? ", " : "", qc);
		free(qc);
	}
	if (cols->n == 0)
		sb_add(&sb, "1");
	sb_printf(&sb, " FROM %s", qt);
	*sum = 0;
	*rows = 0;
	res = PQexec(conn, sb.buf);
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		for (int i = 0; i < PQntuples(res); i++) {
			uint64_t h = 0xcbf29ce484222325ull;

			for (int k = 0; k < (int)cols->n; k++)
				h = hash_value(h, res, i, k);
			*sum += h;
			(*rows)++;
		}
		rc = 0;
	}
	PQclear(res);
	sb_free(&sb);
	free(qt);
	return rc;
}

/* ---- what PostgreSQL cannot store ---- */

static int by_table_name(const void *x, const void *y)
{
	return strcmp((*(struct table *const *)x)->name, (*(struct table *const *)y)->name);
}

static int by_column_name(const void *x, const void *y)
{
	return strcmp((*(struct column *const *)x)->name, (*(struct column *const *)y)->name);
}

static int by_index_name(const void *x, const void *y)
{
	return strcmp((*(struct index *const *)x)->name, (*(struct index *const *)y)->name);
}

static int by_check_name(const void *x, const void *y)
{
	return strcmp((*(struct check *const *)x)->name, (*(struct check *const *)y)->name);
}

static int by_object_name(const void *x, const void *y)
{
	return strcmp((*(struct sql_object *const *)x)->name,
		      (*(struct sql_object *const *)y)->name);
}

static int by_enum_name(const void *x, const void *y)
{
	return strcmp((*(struct enum_type *const *)x)->name,
		      (*(struct enum_type *const *)y)->name);
}

static void sort_plist(struct plist *l, int (*cmp)(const void *, const void *))
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof l->items[0], cmp);
}

/* One spelling of the primary key (flag or list). */
static void canonical_key(struct table *t)
{
	struct strlist key;

	strlist_init(&key);
	if (t->primary_key.n)
		strlist_copy(&key, &t->primary_key);
	else
		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);

			if (c->primary_key)
				strlist_push(&key, c->name);
		}
	strlist_free(&t->primary_key);
	strlist_init(&t->primary_key);
	for (size_t k = 0; k < t->columns.n; k++) {
		struct column *c = PLIST_AT(&t->columns, struct column, k);
		bool in = strlist_find(&key, c->name) >= 0;

		if (in && c->nullable == TRI_UNSET)
			c->nullable = TRI_FALSE;
		c->primary_key = in && key.n == 1;
	}
	if (key.n > 1)
		strlist_copy(&t->primary_key, &key);
	strlist_free(&key);
}

/* One spelling of a one-column index or unique constraint: the flag. */
static void canonical_flags(struct table *t)
{
	for (size_t i = t->indexes.n; i-- > 0;) {
		struct index *ix = PLIST_AT(&t->indexes, struct index, i);
		struct column *c = ix->columns.n == 1 ? table_column(t, ix->columns.items[0]) : NULL;
		char *flag_name;

		if (!c || ix->unique || ix->where)
			continue;
		flag_name = dialect_object_name(&dialect_postgres, "ix", t->name, c->name);
		if (strcmp(flag_name, ix->name) == 0) {
			c->index = true;
			index_free(plist_remove(&t->indexes, i));
		}
		free(flag_name);
	}
	for (size_t i = t->uniques.n; i-- > 0;) {
		struct unique *u = PLIST_AT(&t->uniques, struct unique, i);
		struct column *c = u->columns.n == 1 ? table_column(t, u->columns.items[0]) : NULL;

		if (c) {
			c->unique = true;
			unique_free(plist_remove(&t->uniques, i));
		}
	}
}

static void trim_sql(struct plist *objs)
{
	for (size_t i = 0; i < objs->n; i++) {
		struct sql_object *o = PLIST_AT(objs, struct sql_object, i);
		size_t n = strlen(o->sql);

		while (n > 0 && strchr(" \t\r\n;", o->sql[n - 1]))
			o->sql[--n] = '\0';
	}
}

/* Make a model comparable with what a PostgreSQL schema imports as:
 * - apply_pg_normalise (types, NULL defaults, numbers, no action);
 * - the model's name and every `was` are not stored;
 * - objects come back in catalog (creation) order and PostgreSQL adds a
 *   new column at the end and cannot reorder columns: tables, columns,
 *   indexes, checks, enums, views compare sorted by name;
 * - the key and one-column indexes/uniques in one spelling;
 * - trigger bodies of the samples are SQLite's: the PostgreSQL plan
 *   leaves every model trigger out (with a warning), so none compare;
 * - a view's text loses the trailing newline of a YAML block. */
static void normalise(struct model *m)
{
	apply_pg_normalise(m);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		free(t->was);
		t->was = NULL;
		canonical_key(t);
		canonical_flags(t);
		sort_plist(&t->indexes, by_index_name);
		sort_plist(&t->checks, by_check_name);
		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);

			free(c->was);
			c->was = NULL;
		}
		sort_plist(&t->columns, by_column_name);
	}
	sort_plist(&m->tables, by_table_name);
	sort_plist(&m->enums, by_enum_name);
	model_reindex(m);
	sort_plist(&m->views, by_object_name);
	trim_sql(&m->views);
	while (m->triggers.n)
		sql_object_free(plist_remove(&m->triggers, m->triggers.n - 1));
	free(m->name);
	m->name = NULL;
}

static char *first_difference(const char *x, const char *y)
{
	int line = 1;
	const char *lx = x, *ly = y;

	while (*x && *x == *y) {
		if (*x == '\n') {
			line++;
			lx = x + 1;
			ly = y + 1;
		}
		x++, y++;
	}
	return xasprintf("line %d: database '%.*s' vs model '%.*s'", line,
			 (int)strcspn(lx, "\n"), lx, (int)strcspn(ly, "\n"), ly);
}

/* ---- one pair ---- */

struct run {
	const char *base_uri;
	unsigned n;                    /* schemas made */
	size_t pairs, failures, empty_plans, steps;
	int64_t rows;
	bool keep;
	struct strbuf report;
};

static void failure(struct run *rn, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void failure(struct run *rn, const char *label, const char *fmt, ...)
{
	va_list ap;

	rn->failures++;
	if (rn->failures > 25)
		return;
	sb_printf(&rn->report, "FAIL %s: ", label);
	va_start(ap, fmt);
	sb_vprintf(&rn->report, fmt, ap);
	va_end(ap);
	sb_addc(&rn->report, '\n');
}

static const char *first_error(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].severity == SEV_ERROR)
			return dl->items[i].message;
	return "?";
}

static void check_pair(struct run *rn, const struct model *a, const struct model *b,
		       const char *label, unsigned seed)
{
	struct rows_survivor *sv = xcalloc(b->tables.n + 1, sizeof *sv);
	size_t nsv = 0, failures = rn->failures;
	struct diag_list dl;
	struct apply_pg ap;
	struct rows_rng r = { 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed * 0x100000001b3ull) };
	struct model *got = NULL, *want = NULL;
	char *schema = xasprintf("p%u", ++rn->n);
	char *qs = q(schema);
	char *uri = xasprintf("%s%sschema=%s", rn->base_uri,
			      strchr(rn->base_uri, '?') ? "&" : "?", schema);
	char *err = NULL, *sql;
	bool ran;

	rn->pairs++;
	diag_list_init(&dl);
	sql = xasprintf("DROP SCHEMA IF EXISTS %s CASCADE", qs);
	exec_ok(sql, NULL);
	free(sql);

	/* The schema of A, filled.  (No A: apply creates the schema.) */
	if (a) {
		char *ddl = ddl_model(a, &dialect_postgres, &dl);

		sql = xasprintf("CREATE SCHEMA %s; SET search_path = %s; %s", qs, qs, ddl);
		free(ddl);
		if (!exec_ok(sql, &err)) {
			failure(rn, label, "A's DDL does not run: %s", err);
			free(err);
			free(sql);
			goto out;
		}
		free(sql);
		fill(&r, a);
		nsv = rows_survivors(a, b, sv);
		for (size_t i = 0; i < nsv; i++)
			if (table_checksum(sv[i].ta->name, &sv[i].cols_a, &sv[i].sum,
					   &sv[i].rows) != 0)
				failure(rn, label, "cannot read table '%s' of A", sv[i].ta->name);
	}

	/* Migrate. */
	diag_list_free(&dl);
	diag_list_init(&dl);
	if (apply_pg_open(&ap, uri, b, &dl) != 0) {
		failure(rn, label, "apply_pg_open: %s", first_error(&dl));
		apply_pg_close(&ap);
		goto out;
	}
	rn->steps += ap.base.plan.n;
	ran = !apply_up_to_date(&ap.base);
	if (!ran) {
		rn->empty_plans++;
	} else if (apply_pg_run(&ap, NULL, &dl) != APPLY_OK) {
		char *text = apply_render(&ap.base);

		failure(rn, label, "apply_pg_run: %s\n%s", first_error(&dl), text);
		free(text);
		apply_pg_close(&ap);
		goto out;
	}
	apply_pg_close(&ap);

	/* 1. The schema is B. */
	sql = xasprintf("SET search_path = %s", qs);
	exec_ok(sql, NULL);
	free(sql);
	if (db_postgres_introspect(conn, schema, schema, &got, &dl, &err) != 0) {
		failure(rn, label, "cannot import the result: %s", err);
		free(err);
		goto out;
	}
	want = model_clone(b);
	normalise(got);
	normalise(want);
	if (!model_eq(got, want)) {
		char *x = model_save_yaml(got, NULL), *y = model_save_yaml(want, NULL);
		char *d = first_difference(x, y);

		failure(rn, label, "the schema does not import as B: %s", d);
		free(d);
		free(x);
		free(y);
	}

	/* 2. Rows and values survive. */
	for (size_t i = 0; i < nsv; i++) {
		uint64_t sum;
		int64_t rows;

		if (table_checksum(sv[i].tb->name, &sv[i].cols_b, &sum, &rows) != 0)
			failure(rn, label, "cannot read table '%s' of B", sv[i].tb->name);
		else if (rows != sv[i].rows)
			failure(rn, label, "table '%s' had %lld rows, now '%s' has %lld",
				sv[i].ta->name, (long long)sv[i].rows, sv[i].tb->name,
				(long long)rows);
		else if ((rn->rows += rows, sum != sv[i].sum))
			failure(rn, label, "values of table '%s' changed (columns kept: %zu)",
				sv[i].tb->name, sv[i].cols_b.n);
	}

	/* 3. Once is enough, and the history says what was applied. */
	{
		char *sum = apply_model_checksum(b);
		PGresult *res;

		sql = xasprintf("SELECT count(*), min(checksum) FROM %s.skema_migrations", qs);
		res = PQexec(conn, sql);
		free(sql);
		if (!ran) {
			if (PQresultStatus(res) == PGRES_TUPLES_OK)
				failure(rn, label, "nothing to do, but skema_migrations exists");
		} else if (PQresultStatus(res) != PGRES_TUPLES_OK ||
			   strcmp(PQgetvalue(res, 0, 0), "1") != 0 ||
			   strcmp(PQgetvalue(res, 0, 1), sum) != 0) {
			failure(rn, label, "skema_migrations does not hold one row with B's checksum %s",
				sum);
		}
		PQclear(res);
		free(sum);
		diag_list_free(&dl);
		diag_list_init(&dl);
		if (apply_pg_open(&ap, uri, b, &dl) != 0 || !apply_up_to_date(&ap.base)) {
			char *text = apply_render(&ap.base);

			failure(rn, label, "a second apply is not a no-op: %s\n%s",
				dl.errors ? first_error(&dl) : "", text);
			free(text);
		}
		apply_pg_close(&ap);
	}
out:
	if (rn->failures == failures && !rn->keep) {
		sql = xasprintf("DROP SCHEMA IF EXISTS %s CASCADE", qs);
		exec_ok(sql, NULL);
		free(sql);
	} else if (rn->failures != failures && rn->failures <= 25) {
		sb_printf(&rn->report, "  (schema %s kept)\n", schema);
	}
	exec_ok("RESET search_path", NULL);
	for (size_t i = 0; i < nsv; i++) {
		strlist_free(&sv[i].cols_a);
		strlist_free(&sv[i].cols_b);
	}
	free(sv);
	model_free(got);
	model_free(want);
	diag_list_free(&dl);
	free(uri);
	free(qs);
	free(schema);
}

static struct model *mutated(struct run *rn, const struct model *a, unsigned seed,
			     const char *label)
{
	struct model *b = mutate_model(a, seed);
	struct diag_list dl;

	diag_list_init(&dl);
	model_check(b, &dl);
	if (dl.errors) {
		failure(rn, label, "mutate_model(seed %u) gave an invalid model: %s", seed,
			dl.items[0].message);
		model_free(b);
		b = NULL;
	}
	diag_list_free(&dl);
	return b;
}

/* apply_pg_normalise on a model that spells everything the other way
 * (no server needed). */
static int check_normalise(void)
{
	static const char in[] =
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    without_rowid: true\n"
		"    columns:\n"
		"      id: {type: integer}\n"
		"      a: {type: double, default: -2.5e3}\n"
		"      b: {type: real, default: 0.0}\n"
		"      c: {type: 'decimal(8, 3)', default: 1e-3}\n"
		"      d: {type: integer, default: +007}\n"
		"      e: {type: double, default: -0.0e1}\n"
		"      f: {type: timestamp, default: '2001-02-03'}\n"
		"      g: {type: datetime, default: '2001-02-03T04:05:06'}\n"
		"      h: {type: time, default: '12:30'}\n"
		"      i: {type: text, default: null, index: true}\n"
		"      j: {type: integer, references: u.id, on_delete: no action}\n"
		"      k: integer\n"
		"    primary_key: [id]\n"
		"    unique:\n"
		"      - [k]\n"
		"    indexes:\n"
		"      ix_t_k: {columns: [k]}\n"
		"      other: {columns: [k]}\n"
		"  u:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n";
	static const char want[] =
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      a: {type: double, default: -2500}\n"
		"      b: {type: real, default: 0.0}\n"
		"      c: {type: 'numeric(8,3)', default: 0.001}\n"
		"      d: {type: integer, default: 7}\n"
		"      e: {type: double, default: 0}\n"
		"      f: {type: datetime, default: '2001-02-03 00:00:00'}\n"
		"      g: {type: datetime, default: '2001-02-03 04:05:06'}\n"
		"      h: {type: time, default: '12:30:00'}\n"
		"      i: {type: text, index: true}\n"
		"      j: {type: integer, references: u.id}\n"
		"      k: {type: integer, unique: true, index: true}\n"
		"    indexes:\n"
		"      other: {columns: [k]}\n"
		"  u:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n";
	struct diag_list dl;
	struct model *m;
	char *text;
	int rc = 0;

	diag_list_init(&dl);
	m = model_load_yaml(in, strlen(in), &dl);
	if (!m || dl.errors) {
		fprintf(stderr, "check_normalise: the input does not load: %s\n",
			dl.n ? dl.items[0].message : "?");
		diag_list_free(&dl);
		model_free(m);
		return 1;
	}
	apply_pg_normalise(m);
	text = model_save_yaml(m, NULL);
	if (strcmp(text, want) != 0) {
		char *d = first_difference(text, want);

		fprintf(stderr, "apply_pg_normalise: %s\n", d);
		free(d);
		rc = 1;
	}
	free(text);
	model_free(m);
	diag_list_free(&dl);
	return rc;
}

int main(void)
{
	struct base bases[8];
	const char *uri = getenv("SKEMA_TEST_PG_URI");
	const char *env = getenv("SKEMA_PROPERTY_SEEDS");
	const char *only = getenv("SKEMA_PROPERTY_ONLY");
	const char *keep = getenv("SKEMA_PROPERTY_KEEP");
	unsigned direct = 24, chained = 16;
	struct run rn = { 0 };
	size_t nb;
	char *err = NULL;

	if (check_normalise() != 0)
		return 1;
	if (!uri || !*uri) {
		printf("SKIP: SKEMA_TEST_PG_URI names no PostgreSQL database\n");
		return 77;
	}
	if (!db_postgres_available()) {
		printf("SKIP: %s\n", DB_POSTGRES_MISSING);
		return 77;
	}
	{
		struct pg_conn *c;
		char *schema;

		if (db_postgres_connect(uri, &c, &schema, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			free(err);
			return 99;
		}
		free(schema);
		conn = c;
	}
	PQsetNoticeProcessor(conn, quiet, NULL);
	exec_ok("SET TimeZone = 'UTC'", NULL);
	if (env && atoi(env) > 0) {
		direct = (unsigned)atoi(env);
		chained = direct;
	}
	rn.base_uri = uri;
	rn.keep = keep && *keep && strcmp(keep, "0") != 0;
	sb_init(&rn.report);
	nb = load_bases(bases);
	for (size_t i = 0; i < nb; i++) {
		char *label;

		if (only && !strstr(bases[i].label, only))
			continue;
		label = xasprintf("%s (empty -> A)", bases[i].label);
		check_pair(&rn, NULL, bases[i].m, label, 0);
		free(label);
		for (unsigned s = 1; s <= direct; s++) {
			struct model *b;

			label = xasprintf("%s seed %u", bases[i].label, s);
			if ((b = mutated(&rn, bases[i].m, s, label)))
				check_pair(&rn, bases[i].m, b, label, s);
			model_free(b);
			free(label);
		}
		for (unsigned s = 1; s <= chained; s++) {
			struct model *b, *c = NULL;

			label = xasprintf("%s seed %u then %u", bases[i].label, 1000 + s, 2000 + s);
			if ((b = mutated(&rn, bases[i].m, 1000 + s, label)) &&
			    (c = mutated(&rn, b, 2000 + s, label)))
				check_pair(&rn, b, c, label, 2000 + s);
			model_free(c);
			model_free(b);
			free(label);
		}
	}
	fprintf(stderr, "%zu pairs, %zu with nothing to do for PostgreSQL, %zu statements, "
		"%lld rows compared, %zu failures\n", rn.pairs, rn.empty_plans, rn.steps,
		(long long)rn.rows, rn.failures);
	if (rn.failures)
		fprintf(stderr, "%s%s", rn.report.buf,
			rn.failures > 25 ? "(only the first 25 failures are shown)\n" : "");
	sb_free(&rn.report);
	for (size_t i = 0; i < nb; i++) {
		free(bases[i].label);
		model_free(bases[i].m);
	}
	db_postgres_disconnect(conn);
	if (rn.pairs < 200 && !(env && atoi(env) > 0) && !only) {
		fprintf(stderr, "only %zu pairs (at least 200 wanted)\n", rn.pairs);
		return 1;
	}
	return rn.failures ? 1 : 0;
}

#endif
