/* test-migrate-property.c — the acceptance property of migrations.
 *
 * For at least 500 pairs (A, B) — every sample, every corpus script
 * imported, an all-types model, each to a fresh database (A empty) and to
 * seeded mutations of it (mutate-model.h), and mutations of mutations —
 * a database built from A's DDL and filled with generated rows is
 * migrated to B by apply.h, and then:
 *   1. the database imports equal to B (after normalise(), below);
 *   2. every row of every table present in both survives with the values
 *      of every column present in both, following renames (a multiset
 *      checksum per table before and after);
 *   3. PRAGMA foreign_key_check is clean;
 *   4. applying B again has nothing to do, and the history holds one row
 *      with B's checksum.
 * Failures are collected and the first ones printed, so one run shows
 * the lead everything that is wrong.
 *
 * SKEMA_PROPERTY_SEEDS=N changes the number of seeds per model (default
 * 40 direct + 32 chained); SKEMA_PROPERTY_ONLY=TEXT runs only the base
 * models whose label contains TEXT. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "apply.h"
#include "db-sqlite.h"
#include "ddl.h"
#include "dialect.h"
#include "import-sql.h"
#include "model-check.h"
#include "model-yaml.h"
#include "mutate-model.h"
#include "rows.h"
#include "types.h"

/* ---- the base models ---- */

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
	"      dbl: double\n"
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
	"      odd: {type: \"mytype(3)\", check: \"odd IS NULL OR odd >= 0\"}\n"
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
	"      - {columns: [tag_a, tag_b], references: tag, ref_columns: [a, b], on_delete: cascade}\n"
	"    unique:\n"
	"      - [thing_id, tag_a, tag_b]\n"
	"views:\n"
	"  v_thing: SELECT id, label FROM thing\n"
	"triggers:\n"
	"  tr_owner_name: CREATE TRIGGER tr_owner_name AFTER UPDATE OF name ON owner "
	"BEGIN SELECT 1; END\n";

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
		fail_msg("base model %s is not valid", label);
	}
	diag_list_free(&dl);
	return m;
}

static size_t load_bases(struct base *out)
{
	static const char *const yaml[] = { "samples/heroes.yaml", "samples/blog.yaml",
					    "samples/shop.yaml" };
	static const char *const sql[] = { "tests/corpus/chinook.sql",
					   "tests/corpus/northwind.sql",
					   "tests/corpus/sakila.sql" };
	struct diag_list dl;
	struct model *m;
	char *path, *err = NULL;
	size_t n = 0;

	for (size_t i = 0; i < sizeof yaml / sizeof yaml[0]; i++) {
		path = xasprintf("%s/%s", srcdir(), yaml[i]);
		diag_list_init(&dl);
		m = NULL;
		if (model_load_file(path, &m, &dl, &err) != 0)
			fail_msg("%s", err);
		out[n++] = (struct base){ xstrdup(yaml[i]), checked(m, path) };
		diag_list_free(&dl);
		free(path);
	}
	for (size_t i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		path = xasprintf("%s/%s", srcdir(), sql[i]);
		diag_list_init(&dl);
		m = NULL;
		if (import_sql_file(path, &m, &dl, &err) != 0)
			fail_msg("cannot import %s", path);
		out[n++] = (struct base){ xstrdup(sql[i]), checked(m, path) };
		diag_list_free(&dl);
		free(path);
	}
	diag_list_init(&dl);
	m = model_load_yaml(all_types_yaml, strlen(all_types_yaml), &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, "all-types: %u:%u: %s\n", dl.items[i].pos.line,
			dl.items[i].pos.col, dl.items[i].message);
	assert_int_equal(dl.errors, 0);
	out[n++] = (struct base){ xstrdup("all-types"), checked(m, "all-types") };
	diag_list_free(&dl);
	return n;
}

/* ---- filling a database with rows A allows ---- */

struct val {
	int kind;            /* SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_NULL */
	int64_t i;
	double d;
	char buf[96];
	int len;
};

/* SQLite's affinity rules for a type that is not a logical one. */
static enum type_class affinity_class(const char *type)
{
	char up[128];
	size_t i;

	for (i = 0; type[i] && i + 1 < sizeof up; i++)
		up[i] = (char)((type[i] >= 'a' && type[i] <= 'z') ? type[i] - 32 : type[i]);
	up[i] = '\0';
	if (strstr(up, "INT"))
		return TYPE_CLASS_INTEGER;
	if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT"))
		return TYPE_CLASS_STRING;
	if (strstr(up, "BLOB") || !*up)
		return TYPE_CLASS_BLOB;
	if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
		return TYPE_CLASS_NUMERIC;
	return TYPE_CLASS_INTEGER;
}

static void gen_string(struct rows_rng *r, const struct column *c, long width, int row,
		       struct val *v)
{
	v->len = rows_string(r, c, width, row, v->buf, sizeof v->buf);
	v->kind = SQLITE_TEXT;
}

static void gen_value(struct rows_rng *r, const struct model *m, const struct table *t,
		      const struct column *c, int row, struct val *v)
{
	struct logical_type lt;
	enum type_class cls;
	double lo, hi;
	bool key = table_column_in_pk(t, c) || c->unique;

	memset(v, 0, sizeof *v);
	if (column_is_nullable(t, c) && !key && rows_rnd_below(r, 5) == 0) {
		v->kind = SQLITE_NULL;
		return;
	}
	if (!logical_type_parse(c->type, &lt))
		memset(&lt, 0, sizeof lt), lt.cls = affinity_class(c->type);
	cls = lt.cls;
	switch (cls) {
	case TYPE_CLASS_INTEGER:
	case TYPE_CLASS_OTHER:
		lo = key ? 1 : -50, hi = key ? 1e6 : 1e5;
		if (strcmp(lt.base, "smallint") == 0)
			hi = 30000;
		rows_numeric_range(c, &lo, &hi, 1);
		v->kind = SQLITE_INTEGER;
		v->i = (int64_t)rows_ceil(lo) +
		       (int64_t)(rows_rnd(r) % (uint64_t)(rows_floor(hi) - rows_ceil(lo) + 1));
		break;
	case TYPE_CLASS_NUMERIC:
		lo = -1000, hi = 1000;
		rows_numeric_range(c, &lo, &hi, 1e-3);
		v->kind = SQLITE_FLOAT;
		v->d = lo + (hi - lo) * (double)rows_rnd_below(r, 10000) / 10000.0;
		v->d = rows_floor(v->d * 100 + 0.5) / 100;
		if (v->d < lo || v->d > hi)
			v->d = lo;
		break;
	case TYPE_CLASS_BOOLEAN:
		v->kind = SQLITE_INTEGER;
		v->i = rows_rnd_below(r, 2);
		break;
	case TYPE_CLASS_TEMPORAL:
		v->kind = SQLITE_TEXT;
		if (strcmp(lt.base, "date") == 0)
			v->len = snprintf(v->buf, sizeof v->buf, "20%02u-%02u-%02u",
					  rows_rnd_below(r, 30), 1 + rows_rnd_below(r, 12), 1 + rows_rnd_below(r, 28));
		else if (strcmp(lt.base, "time") == 0)
			v->len = snprintf(v->buf, sizeof v->buf, "%02u:%02u:%02u",
					  rows_rnd_below(r, 24), rows_rnd_below(r, 60), rows_rnd_below(r, 60));
		else
			v->len = snprintf(v->buf, sizeof v->buf, "20%02u-%02u-%02u %02u:%02u:%02u",
					  rows_rnd_below(r, 30), 1 + rows_rnd_below(r, 12), 1 + rows_rnd_below(r, 28),
					  rows_rnd_below(r, 24), rows_rnd_below(r, 60), rows_rnd_below(r, 60));
		break;
	case TYPE_CLASS_BLOB:
		v->kind = SQLITE_BLOB;
		v->len = 1 + (int)rows_rnd_below(r, 16);
		for (int i = 0; i < v->len; i++)
			v->buf[i] = (char)rows_rnd(r);
		break;
	case TYPE_CLASS_JSON:
		v->kind = SQLITE_TEXT;
		v->len = snprintf(v->buf, sizeof v->buf, "{\"row\": %d, \"n\": %u}", row,
				  rows_rnd_below(r, 1000));
		break;
	case TYPE_CLASS_ENUM: {
		const struct enum_type *e = model_enum(m, lt.enum_name);

		if (!e || e->values.n == 0) {
			v->kind = SQLITE_NULL;
			break;
		}
		v->kind = SQLITE_TEXT;
		v->len = snprintf(v->buf, sizeof v->buf, "%s",
				  e->values.items[rows_rnd_below(r, (unsigned)e->values.n)]);
		break;
	}
	case TYPE_CLASS_STRING:
		if (strcmp(lt.base, "uuid") == 0) {
			v->kind = SQLITE_TEXT;
			v->len = snprintf(v->buf, sizeof v->buf,
					  "%08x-%04x-4%03x-a%03x-%012llx", (unsigned)rows_rnd(r),
					  rows_rnd_below(r, 65536), rows_rnd_below(r, 4096), rows_rnd_below(r, 4096),
					  (unsigned long long)(rows_rnd(r) & 0xffffffffffffull));
		} else {
			gen_string(r, c, lt.nargs > 0 ? lt.args[0] : 0, row, v);
		}
		break;
	}
}

static void bind_val(sqlite3_stmt *st, int i, const struct val *v)
{
	switch (v->kind) {
	case SQLITE_INTEGER:
		sqlite3_bind_int64(st, i, v->i);
		break;
	case SQLITE_FLOAT:
		sqlite3_bind_double(st, i, v->d);
		break;
	case SQLITE_TEXT:
		sqlite3_bind_text(st, i, v->buf, v->len, SQLITE_TRANSIENT);
		break;
	case SQLITE_BLOB:
		sqlite3_bind_blob(st, i, v->buf, v->len, SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_bind_null(st, i);
	}
}

static char *q(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(&dialect_sqlite, &sb, name);
	return sb_release(&sb);
}

/* A random existing row's values of cols in table, into vals; false when
 * the table has no row with all of them set. */
static bool pick_parent(sqlite3 *db, struct rows_rng *r, const char *table,
			const struct strlist *cols, struct val *vals)
{
	struct strbuf sb;
	sqlite3_stmt *st = NULL;
	bool found = false;
	int64_t n;
	char *qt = q(table);

	sb_init(&sb);
	sb_printf(&sb, "SELECT count(*) FROM %s", qt);
	for (size_t i = 0; i < cols->n; i++) {
		char *qc = q(cols->items[i]);

		sb_printf(&sb, " %s %s IS NOT NULL", i ? "AND" : "WHERE", qc);
		free(qc);
	}
	if (sqlite3_prepare_v2(db, sb.buf, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		sb_free(&sb);
		free(qt);
		return false;
	}
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (n > 0) {
		struct strbuf sel;
		const char *where = strstr(sb.buf, " WHERE");

		sb_init(&sel);
		sb_add(&sel, "SELECT ");
		for (size_t i = 0; i < cols->n; i++) {
			char *qc = q(cols->items[i]);

			sb_printf(&sel, "%s%s", i ? ", " : "", qc);
			free(qc);
		}
		sb_printf(&sel, " FROM %s%s LIMIT 1 OFFSET %u", qt, where ? where : "",
			  rows_rnd_below(r, (unsigned)n));
		if (sqlite3_prepare_v2(db, sel.buf, -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			for (size_t i = 0; i < cols->n; i++) {
				struct val *v = &vals[i];
				int k = sqlite3_column_type(st, (int)i);

				memset(v, 0, sizeof *v);
				v->kind = k;
				if (k == SQLITE_INTEGER)
					v->i = sqlite3_column_int64(st, (int)i);
				else if (k == SQLITE_FLOAT)
					v->d = sqlite3_column_double(st, (int)i);
				else if (k == SQLITE_TEXT || k == SQLITE_BLOB) {
					const void *p = k == SQLITE_TEXT
						? (const void *)sqlite3_column_text(st, (int)i)
						: sqlite3_column_blob(st, (int)i);
					int len = sqlite3_column_bytes(st, (int)i);

					if (len >= (int)sizeof v->buf)
						len = (int)sizeof v->buf - 1;
					if (p)
						memcpy(v->buf, p, (size_t)len);
					v->len = len;
				}
			}
			found = true;
		}
		sqlite3_finalize(st);
		sb_free(&sel);
	}
	sb_free(&sb);
	free(qt);
	return found;
}

/* Insert up to `want` rows into t; rows a constraint rejects (a check
 * the generator cannot read, a duplicate) are retried with new values. */
static void fill_table(sqlite3 *db, struct rows_rng *r, const struct model *m,
		       const struct table *t, int want)
{
	size_t nc = t->columns.n;
	struct val *vals = xcalloc(nc, sizeof *vals);
	bool *omit = xcalloc(nc, sizeof(bool));
	int got = 0;

	for (int attempt = 0; got < want && attempt < want * 8; attempt++) {
		struct strbuf sb;
		sqlite3_stmt *st = NULL;
		bool ok = true;
		int k = 0;

		for (size_t i = 0; i < nc; i++) {
			const struct column *c = PLIST_AT(&t->columns, const struct column, i);

			omit[i] = (c->dflt.kind != VALUE_NONE || c->default_sql) &&
				  rows_rnd_below(r, 4) == 0;
			gen_value(r, m, t, c, attempt, &vals[i]);
			if (c->ref_table && vals[i].kind != SQLITE_NULL) {
				struct strlist one;

				strlist_init(&one);
				strlist_push(&one, c->ref_column ? c->ref_column : "id");
				if (!pick_parent(db, r, c->ref_table, &one, &vals[i])) {
					vals[i].kind = SQLITE_NULL;
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

			if (pick_parent(db, r, fk->ref_table, &fk->ref_columns, pv)) {
				for (size_t i = 0; i < fk->columns.n; i++) {
					long at = table_column_index(t, fk->columns.items[i]);

					if (at >= 0) {
						vals[at] = pv[i];
						omit[at] = false;
					}
				}
			} else {
				for (size_t i = 0; i < fk->columns.n; i++) {
					long at = table_column_index(t, fk->columns.items[i]);

					if (at >= 0)
						vals[at].kind = SQLITE_NULL;
				}
			}
			free(pv);
		}
		if (!ok)
			continue;
		sb_init(&sb);
		{
			char *qt = q(t->name);

			sb_printf(&sb, "INSERT INTO %s (", qt);
			free(qt);
		}
		for (size_t i = 0; i < nc; i++) {
			char *qc;

			if (omit[i])
				continue;
			qc = q(PLIST_AT(&t->columns, const struct column, i)->name);
			sb_printf(&sb, "%s%s", k++ ? ", " : "", qc);
			free(qc);
		}
		if (k == 0) {
			sb_reset(&sb);
			{
				char *qt = q(t->name);

				sb_printf(&sb, "INSERT INTO %s DEFAULT VALUES", qt);
				free(qt);
			}
		} else {
			sb_add(&sb, ") VALUES (");
			for (int i = 0; i < k; i++)
				sb_add(&sb, i ? ", ?" : "?");
			sb_add(&sb, ")");
		}
		if (sqlite3_prepare_v2(db, sb.buf, -1, &st, NULL) == SQLITE_OK) {
			k = 0;
			for (size_t i = 0; i < nc; i++)
				if (!omit[i])
					bind_val(st, ++k, &vals[i]);
			if (sqlite3_step(st) == SQLITE_DONE)
				got++;
		}
		sqlite3_finalize(st);
		sb_free(&sb);
	}
	free(omit);
	free(vals);
}

static int fill(sqlite3 *db, struct rows_rng *r, const struct model *m)
{
	const struct table **order = xcalloc(m->tables.n + 1, sizeof *order);

	sqlite3_exec(db, "PRAGMA foreign_keys = ON; BEGIN", NULL, NULL, NULL);
	rows_fill_order(m, order);
	for (size_t i = 0; i < m->tables.n; i++)
		fill_table(db, r, m, order[i], 3 + (int)rows_rnd_below(r, 10));
	sqlite3_exec(db, "COMMIT; PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
	free(order);
	return 0;
}

/* ---- row checksums ---- */

/* A value as text, so that a type change that only changes its storage
 * class keeps its checksum: SQLite converts 5 to 5.0 (REAL affinity), 5.0
 * to '5.0' (TEXT), '12' to 12 (INTEGER), which are the same value. */
static uint64_t hash_value(uint64_t h, sqlite3_stmt *st, int i)
{
	char buf[64];
	const char *text;
	char *end;
	double d;
	int k = sqlite3_column_type(st, i);

	if (k == SQLITE_NULL)
		return rows_fnv(h, "\1N", 2);
	if (k == SQLITE_BLOB)
		return rows_fnv(rows_fnv(h, "\1B", 2), sqlite3_column_blob(st, i),
			   (size_t)sqlite3_column_bytes(st, i));
	text = (const char *)sqlite3_column_text(st, i);
	d = strtod(text, &end);
	if (k != SQLITE_TEXT || (*text && *end == '\0' && end != text && text[0] != ' ')) {
		if (k == SQLITE_INTEGER)
			snprintf(buf, sizeof buf, "%lld", (long long)sqlite3_column_int64(st, i));
		else if (k == SQLITE_FLOAT)
			d = sqlite3_column_double(st, i);
		if (k != SQLITE_INTEGER) {
			if (d > -9e15 && d < 9e15 && d == rows_floor(d))
				snprintf(buf, sizeof buf, "%lld", (long long)d);
			else
				snprintf(buf, sizeof buf, "%.15g", d);
		}
		return rows_fnv(rows_fnv(h, "\1#", 2), buf, strlen(buf));
	}
	return rows_fnv(rows_fnv(h, "\1T", 2), text, (size_t)sqlite3_column_bytes(st, i));
}

/* Order-free: the sum of the rows' hashes (a multiset checksum). */
static int table_checksum(sqlite3 *db, const char *table, const struct strlist *cols,
			  uint64_t *sum, int64_t *rows)
{
	struct strbuf sb;
	sqlite3_stmt *st = NULL;
	char *qt = q(table);
	int rc;

	sb_init(&sb);
	sb_add(&sb, "SELECT ");
	for (size_t i = 0; i < cols->n; i++) {
		char *qc = q(cols->items[i]);

		sb_printf(&sb, "%s%s", i ? ", " : "", qc);
		free(qc);
	}
	if (cols->n == 0)
		sb_add(&sb, "1");
	sb_printf(&sb, " FROM %s", qt);
	*sum = 0;
	*rows = 0;
	rc = sqlite3_prepare_v2(db, sb.buf, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			uint64_t h = 0xcbf29ce484222325ull;

			for (int i = 0; i < (int)cols->n; i++)
				h = hash_value(h, st, i);
			*sum += h;
			(*rows)++;
		}
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	sb_free(&sb);
	free(qt);
	return rc == SQLITE_OK ? 0 : -1;
}

/* ---- what SQLite cannot store ---- */

static int by_table_name(const void *x, const void *y)
{
	return strcmp((*(struct table *const *)x)->name, (*(struct table *const *)y)->name);
}

static int by_index_name(const void *x, const void *y)
{
	return strcmp((*(struct index *const *)x)->name, (*(struct index *const *)y)->name);
}

static int by_object_name(const void *x, const void *y)
{
	return strcmp((*(struct sql_object *const *)x)->name,
		      (*(struct sql_object *const *)y)->name);
}

static void sort_plist(struct plist *l, int (*cmp)(const void *, const void *))
{
	if (l->n > 1)
		qsort(l->items, l->n, sizeof l->items[0], cmp);
}

/* One spelling of the primary key: a single key column carries the flag,
 * a composite key is the table's list.  Both mean the same to SQLite. */
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

		/* Effective nullability: a key column is NOT NULL either way. */
		if (in && c->nullable == TRI_UNSET)
			c->nullable = TRI_FALSE;
		c->primary_key = in && key.n == 1;
	}
	if (key.n > 1)
		strlist_copy(&t->primary_key, &key);
	strlist_free(&key);
}

/* One spelling of a one-column index or unique constraint: the column's
 * `index: true` / `unique: true` rather than an `indexes:` entry with the
 * name the DDL generator gives the flag, or a one-column `unique:` list.
 * The database holds the same index either way. */
static void canonical_flags(struct table *t)
{
	for (size_t i = t->indexes.n; i-- > 0;) {
		struct index *ix = PLIST_AT(&t->indexes, struct index, i);
		struct column *c = ix->columns.n == 1 ? table_column(t, ix->columns.items[0]) : NULL;
		char *flag_name;

		if (!c || ix->unique || ix->where)
			continue;
		flag_name = dialect_object_name(&dialect_sqlite, "ix", t->name, c->name);
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

/* Make a model comparable with what an SQLite database imports as:
 * - links and layout are design-only (the importer infers links anew);
 * - the model's name and every `was` are not stored in the database;
 * - an enum's name is not stored, only its values in a CHECK: the
 *   importer names the enum after the column, so enum columns compare by
 *   their value lists and the `enums:` map is dropped;
 * - the order of tables, indexes, views and triggers is the order of
 *   sqlite_schema, where a rebuilt or renamed object moves to the end:
 *   they compare sorted by name (columns, checks and foreign keys keep
 *   their order: the CREATE TABLE text holds it);
 * - a single-column primary key may be written on the column or as the
 *   table's list (canonical_key), a one-column index or unique
 *   constraint as a flag or as an entry (canonical_flags);
 * - SQLite keeps a view's or trigger's text without the trailing newline
 *   of a YAML block scalar or a final ';'. */
static void normalise(struct model *m)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		free(t->was);
		t->was = NULL;
		canonical_key(t);
		canonical_flags(t);
		sort_plist(&t->indexes, by_index_name);
		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);
			struct logical_type lt;

			free(c->was);
			c->was = NULL;
			if (logical_type_parse(c->type, &lt) && lt.cls == TYPE_CLASS_ENUM) {
				const struct enum_type *e = model_enum(m, lt.enum_name);
				struct strbuf sb;

				sb_init(&sb);
				sb_add(&sb, "enum[");
				for (size_t v = 0; e && v < e->values.n; v++)
					sb_printf(&sb, "%s%s", v ? "," : "", e->values.items[v]);
				sb_add(&sb, "]");
				free(c->type);
				c->type = sb_release(&sb);
			}
		}
	}
	sort_plist(&m->tables, by_table_name);
	model_reindex(m);
	sort_plist(&m->views, by_object_name);
	sort_plist(&m->triggers, by_object_name);
	trim_sql(&m->views);
	trim_sql(&m->triggers);
	while (m->enums.n)
		enum_type_free(plist_remove(&m->enums, m->enums.n - 1));
	while (m->links.n)
		link_free(plist_remove(&m->links, m->links.n - 1));
	while (m->layout.n)
		placement_free(plist_remove(&m->layout, m->layout.n - 1));
	free(m->name);
	m->name = NULL;
}

/* The first line where two texts differ, for failure messages. */
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
	char *dir;
	char *path;
	size_t pairs, failures, empty_plans, steps;
	int64_t rows;                  /* rows of A compared after the migration */
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

/* The first error (apply_open passes warnings on too). */
static const char *first_error(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].severity == SEV_ERROR)
			return dl->items[i].message;
	return "?";
}

static int64_t history_rows(const char *path)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM skema_migrations", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	else if (db && strstr(sqlite3_errmsg(db), "no such table"))
		n = 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static bool history_checksum_is(const char *path, const char *sum)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	bool same = false;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT checksum, applied_at FROM skema_migrations", -1,
			       &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *at = (const char *)sqlite3_column_text(st, 1);

		/* UTC ISO-8601: 2026-11-25T13:52:28Z */
		same = strcmp((const char *)sqlite3_column_text(st, 0), sum) == 0 &&
		       at && strlen(at) == 20 && at[10] == 'T' && at[19] == 'Z';
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return same;
}

static void check_pair(struct run *rn, const struct model *a, const struct model *b,
		       const char *label, unsigned seed)
{
	struct rows_survivor *sv = xcalloc(b->tables.n + 1, sizeof *sv);
	size_t nsv = 0;
	struct diag_list dl;
	struct apply ap;
	struct rows_rng r = { 0x9e3779b97f4a7c15ull ^ ((uint64_t)seed * 0x100000001b3ull) };
	sqlite3 *db = NULL;
	struct model *got = NULL, *want = NULL;
	char *err = NULL, *sql;
	bool ran = false;
	int rc;

	rn->pairs++;
	diag_list_init(&dl);
	unlink(rn->path);

	/* The database of A, filled. */
	if (a) {
		sql = ddl_model(a, &dialect_sqlite, &dl);
		if (sqlite3_open(rn->path, &db) != SQLITE_OK ||
		    sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
			failure(rn, label, "A's DDL does not run: %s", err ? err : "?");
			sqlite3_free(err);
			free(sql);
			sqlite3_close(db);
			goto out;
		}
		free(sql);
		sqlite3_exec(db, "PRAGMA synchronous = OFF", NULL, NULL, NULL);
		fill(db, &r, a);
		nsv = rows_survivors(a, b, sv);
		for (size_t i = 0; i < nsv; i++)
			if (table_checksum(db, sv[i].ta->name, &sv[i].cols_a, &sv[i].sum,
					   &sv[i].rows) != 0)
				failure(rn, label, "cannot read table '%s' of A", sv[i].ta->name);
		sqlite3_close(db);
		db = NULL;
	}

	/* Migrate. */
	rc = apply_open(&ap, rn->path, b, &dl);
	if (rc != 0) {
		failure(rn, label, "apply_open: %s", first_error(&dl));
		apply_close(&ap);
		goto out;
	}
	rn->steps += ap.plan.n;
	ran = !apply_up_to_date(&ap);
	if (!ran)
		rn->empty_plans++;
	else if ((rc = apply_run(&ap, NULL, &dl)) != APPLY_OK) {
		char *text = apply_render(&ap);

		failure(rn, label, "apply_run: %s\n%s", first_error(&dl), text);
		free(text);
		apply_close(&ap);
		goto out;
	}
	apply_close(&ap);

	/* 1. The database is B. */
	if (db_sqlite_import_file(rn->path, &got, &dl, &err) != 0) {
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

		failure(rn, label, "the database does not import as B: %s", d);
		free(d);
		free(x);
		free(y);
	}

	/* 2. Rows and values survive; 3. foreign keys hold. */
	if (sqlite3_open_v2(rn->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		failure(rn, label, "cannot open the result");
		goto out;
	}
	for (size_t i = 0; i < nsv; i++) {
		uint64_t sum;
		int64_t rows;

		if (table_checksum(db, sv[i].tb->name, &sv[i].cols_b, &sum, &rows) != 0)
			failure(rn, label, "cannot read table '%s' of B", sv[i].tb->name);
		else if (rows != sv[i].rows)
			failure(rn, label, "table '%s' had %lld rows, now '%s' has %lld",
				sv[i].ta->name, (long long)sv[i].rows, sv[i].tb->name,
				(long long)rows);
		else if ((rn->rows += rows, sum != sv[i].sum))
			failure(rn, label, "values of table '%s' changed (columns kept: %zu)",
				sv[i].tb->name, sv[i].cols_b.n);
	}
	{
		sqlite3_stmt *st = NULL;

		if (sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE)
			failure(rn, label, "PRAGMA foreign_key_check is not clean");
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	db = NULL;

	/* 4. Once is enough, and the history says what was applied. */
	{
		int64_t rows = history_rows(rn->path);
		char *sum = apply_model_checksum(b);

		if (rows != (ran ? 1 : 0))
			failure(rn, label, "skema_migrations has %lld rows, expected %d",
				(long long)rows, ran ? 1 : 0);
		else if (ran && !history_checksum_is(rn->path, sum))
			failure(rn, label, "skema_migrations does not record B's checksum %s", sum);
		free(sum);
		if (apply_open(&ap, rn->path, b, &dl) != 0 || !apply_up_to_date(&ap)) {
			char *text = apply_render(&ap);

			failure(rn, label, "a second apply is not a no-op:\n%s", text);
			free(text);
		}
		apply_close(&ap);
	}
out:
	for (size_t i = 0; i < nsv; i++) {
		strlist_free(&sv[i].cols_a);
		strlist_free(&sv[i].cols_b);
	}
	free(sv);
	model_free(got);
	model_free(want);
	diag_list_free(&dl);
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

static void test_property(void **state)
{
	struct base bases[8];
	size_t nb = load_bases(bases);
	const char *env = getenv("SKEMA_PROPERTY_SEEDS");
	const char *only = getenv("SKEMA_PROPERTY_ONLY");   /* a base's label, to debug */
	unsigned direct = 40, chained = 32;
	struct run rn = { 0 };
	char tmpl[] = "/tmp/skema-property-XXXXXX";
	const char *shm = "/dev/shm";
	struct stat stbuf;

	(void)state;
	if (env && atoi(env) > 0) {
		direct = (unsigned)atoi(env);
		chained = direct;
	}
	/* Memory-backed when there is one: 500 commits with fsync add up. */
	if (stat(shm, &stbuf) == 0 && S_ISDIR(stbuf.st_mode) && access(shm, W_OK) == 0)
		memcpy(tmpl, "/dev/shm/skema-pp-XXXXXX", sizeof "/dev/shm/skema-pp-XXXXXX");
	rn.dir = mkdtemp(tmpl);
	assert_non_null(rn.dir);
	rn.path = xasprintf("%s/pair.db", rn.dir);
	sb_init(&rn.report);

	for (size_t i = 0; i < nb; i++) {
		char *label;

		if (only && !strstr(bases[i].label, only))
			continue;
		label = xasprintf("%s (empty -> A)", bases[i].label);

		/* A fresh database gets the whole schema. */
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
	fprintf(stderr, "%zu pairs, %zu with nothing to do for SQLite, %zu statements, "
		"%lld rows compared, %zu failures\n", rn.pairs, rn.empty_plans, rn.steps,
		(long long)rn.rows, rn.failures);
	if (rn.failures)
		fprintf(stderr, "%s%s", rn.report.buf,
			rn.failures > 25 ? "(only the first 25 failures are shown)\n" : "");
	unlink(rn.path);
	rmdir(rn.dir);
	free(rn.path);
	sb_free(&rn.report);
	for (size_t i = 0; i < nb; i++) {
		free(bases[i].label);
		model_free(bases[i].m);
	}
	assert_true(rn.pairs >= 500 || (env && atoi(env) > 0) || only);
	assert_int_equal(rn.failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
