/* db-postgres.c — see db-postgres.h. */
#include "config.h"

#include "db-postgres.h"

/* The unit tests build this file once more as if libpq were absent. */
#ifdef DB_POSTGRES_WITHOUT_LIBPQ
#undef HAVE_LIBPQ
#endif
#ifndef HAVE_LIBPQ
#define HAVE_LIBPQ 0
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

#if HAVE_LIBPQ

#include "dialect.h"
#include "infer-links.h"
#include "pg-uri.h"
#include "pq-lib.h"
#include "sql-lexer.h"
#include "types.h"

/* The generator whose output import must read back exactly. */
#define GEN (&dialect_postgres)

static const struct pos nopos;

/* A table as the catalogs know it: its oid and its columns' attnums
 * (dropped columns leave gaps), with what is decided only once the
 * primary key is known. */
struct pcol {
	int attnum;
	char *dflt;           /* pg_get_expr of the default, or NULL */
	char identity;        /* attidentity: 'a', 'd' or 0 */
	char generated;       /* attgenerated: 's' or 0 */
};

struct ptable {
	unsigned long oid;
	struct table *t;
	struct pcol *cols;    /* parallel to t->columns */
	size_t cap;
};

struct penum {
	unsigned long oid;
	struct enum_type *e;  /* owned by the model */
};

struct importer {
	PGconn *conn;
	const char *schema;
	const char *name;
	struct model *m;
	struct diag_list *dl;
	char *err;
	bool probes;          /* may we create temporary objects? */
	struct ptable *tables;
	size_t n_tables, cap_tables;
	struct penum *enums;
	size_t n_enums, cap_enums;
};

/* ---- libpq calls ---- */

/* The first line of a libpq message, without "ERROR:  " / "FATAL:  ". */
static char *one_line(const char *msg)
{
	const char *p = msg ? msg : "";
	size_t n;

	for (;;) {
		if (strncmp(p, "ERROR:  ", 8) == 0 || strncmp(p, "FATAL:  ", 8) == 0)
			p += 8;
		else
			break;
	}
	n = strcspn(p, "\n");
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		n--;
	return n ? xstrndup(p, n) : xstrdup("unknown error");
}

static void fail_result(struct importer *im, const PGresult *r)
{
	char *line;

	if (im->err)
		return;
	line = one_line(r ? pq.resultErrorMessage(r) : pq.errorMessage(im->conn));
	im->err = xasprintf("%s: %s", im->name, line);
	free(line);
}

/* Run sql with up to three text parameters.  NULL after a failure, which
 * is recorded unless `quiet` (probes expect failures). */
static PGresult *run(struct importer *im, bool quiet, const char *sql, const char *p1,
		     const char *p2, const char *p3)
{
	const char *params[3] = { p1, p2, p3 };
	int n = p3 ? 3 : p2 ? 2 : p1 ? 1 : 0;
	PGresult *r;
	ExecStatusType st;

	if (im->err)
		return NULL;
	r = pq.execParams(im->conn, sql, n, NULL, params, NULL, NULL, 0);
	st = pq.resultStatus(r);
	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return r;
	if (!quiet)
		fail_result(im, r);
	pq.clear(r);
	return NULL;
}

static PGresult *query(struct importer *im, const char *sql, const char *p1)
{
	return run(im, false, sql, p1, NULL, NULL);
}

static bool exec_ok(struct importer *im, bool quiet, const char *sql)
{
	PGresult *r = run(im, quiet, sql, NULL, NULL, NULL);

	pq.clear(r);
	return r != NULL;
}

static const char *val(const PGresult *r, int row, int col)
{
	return pq.getisnull(r, row, col) ? NULL : pq.getvalue(r, row, col);
}

static bool flag(const PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);

	return v && v[0] == 't';
}

static unsigned long oid_of(const PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);

	return v ? strtoul(v, NULL, 10) : 0;
}

/* ---- small text helpers ---- */

static char *quoted_ident(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(GEN, &sb, name);
	return sb_release(&sb);
}

/* "schema"."name" */
static char *qualified(const struct importer *im, const char *name)
{
	char *s = quoted_ident(im->schema), *n = quoted_ident(name);
	char *q = xasprintf("%s.%s", s, n);

	free(s);
	free(n);
	return q;
}

static char *trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n > 0 && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ';'))
		n--;
	return xstrndup(s, n);
}

struct tokens {
	const char *text;
	struct sql_token *t;
	size_t n, cap;
};

static void tokens_read(struct tokens *tk, const char *text)
{
	struct sql_lexer lx;
	struct sql_token tok;

	memset(tk, 0, sizeof(*tk));
	tk->text = text;
	sql_lexer_init(&lx, text, strlen(text));
	while (sql_lexer_next_code(&lx, &tok)) {
		xgrow(&tk->t, &tk->cap, tk->n + 1, sizeof(*tk->t));
		tk->t[tk->n++] = tok;
	}
}

static bool is_punct(const struct tokens *tk, size_t i, const char *p)
{
	return i < tk->n && sql_token_is_punct(tk->text, &tk->t[i], p);
}

static bool is_cast(const struct tokens *tk, size_t i)
{
	return is_punct(tk, i, ":") && is_punct(tk, i + 1, ":");
}

static bool is_name_token(const struct tokens *tk, size_t i)
{
	return i < tk->n && (tk->t[i].kind == SQL_TOK_WORD || tk->t[i].kind == SQL_TOK_IDENT);
}

/* One pair of parentheses around the whole text is dropped: pg_get_expr
 * wraps some expressions in them. */
static char *strip_outer_parens(const char *text)
{
	struct tokens tk;
	char *s = trimmed(text);
	int depth = 0;
	bool whole = false;

	tokens_read(&tk, s);
	if (tk.n >= 2 && is_punct(&tk, 0, "(") && is_punct(&tk, tk.n - 1, ")")) {
		whole = true;
		for (size_t i = 0; i < tk.n; i++) {
			if (is_punct(&tk, i, "("))
				depth++;
			else if (is_punct(&tk, i, ")") && --depth == 0 && i != tk.n - 1)
				whole = false;
		}
	}
	if (whole) {
		char *inner = xstrndup(s + tk.t[0].start + 1,
				       tk.t[tk.n - 1].start - tk.t[0].start - 1);

		free(s);
		s = trimmed(inner);
		free(inner);
	}
	free(tk.t);
	return s;
}

static bool is_number_text(const char *s)
{
	bool digits = false;

	if (*s == '+' || *s == '-')
		s++;
	while (isdigit((unsigned char)*s))
		s++, digits = true;
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s))
			s++, digits = true;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

static bool is_integer_text(const char *s)
{
	if (*s == '+' || *s == '-')
		s++;
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* The expression as a list of words without parentheses and casts:
 * `char_length(label::text) >= 2` -> char_length label >= 2, and
 * `small >= '-10'::integer` -> small >= -10.  Names are unquoted, a
 * string's content stands for itself.  Only used to recognise the simple
 * checks the generator writes for column keys. */
static void flatten(const char *expr, struct strlist *out)
{
	struct tokens tk;

	strlist_init(out);
	tokens_read(&tk, expr);
	for (size_t i = 0; i < tk.n; i++) {
		if (is_punct(&tk, i, "(") || is_punct(&tk, i, ")"))
			continue;
		if (is_cast(&tk, i)) {
			for (i += 2; is_name_token(&tk, i); i++)
				;
			i--;
			continue;
		}
		if (tk.t[i].kind == SQL_TOK_PUNCT || tk.t[i].kind == SQL_TOK_NUMBER)
			strlist_push_owned(out, xstrndup(tk.text + tk.t[i].start, tk.t[i].len));
		else
			strlist_push_owned(out, sql_token_name(tk.text, &tk.t[i]));
	}
	/* A unary minus before a number: one token. */
	for (size_t i = 0; i + 1 < out->n; i++) {
		if (strcmp(out->items[i], "-") == 0 && is_number_text(out->items[i + 1]) &&
		    (i == 0 || !is_number_text(out->items[i - 1]))) {
			char *joined = xasprintf("-%s", out->items[i + 1]);

			free(out->items[i]);
			free(out->items[i + 1]);
			out->items[i] = joined;
			memmove(out->items + i + 1, out->items + i + 2,
				(out->n - i - 2) * sizeof(*out->items));
			out->n--;
		}
	}
	free(tk.t);
}

/* ---- the transaction and the probes ---- */

/* The server's normalised text of `candidate` as a CHECK on a copy of
 * table, or NULL when the probe fails. */
static char *probe_check(struct importer *im, const char *table, const char *candidate)
{
	char *q, *sql, *got = NULL;
	PGresult *r;

	if (!im->probes || !exec_ok(im, false, "SAVEPOINT skema_probe"))
		return NULL;
	q = qualified(im, table);
	sql = xasprintf("CREATE TEMPORARY TABLE skema_probe (LIKE %s)", q);
	if (!exec_ok(im, true, sql)) {
		/* A read-only transaction or no TEMP privilege. */
		im->probes = false;
	} else {
		free(sql);
		sql = xasprintf("ALTER TABLE pg_temp.skema_probe ADD CONSTRAINT skema_probe "
				"CHECK (%s)", candidate);
		if (exec_ok(im, true, sql)) {
			r = query(im, "SELECT pg_get_expr(conbin, conrelid, true) FROM pg_constraint "
				  "WHERE conrelid = 'pg_temp.skema_probe'::regclass "
				  "AND conname = 'skema_probe'", NULL);
			if (r && pq.ntuples(r) == 1 && val(r, 0, 0))
				got = strip_outer_parens(val(r, 0, 0));
			pq.clear(r);
		}
	}
	free(sql);
	free(q);
	exec_ok(im, false, "ROLLBACK TO SAVEPOINT skema_probe");
	exec_ok(im, false, "RELEASE SAVEPOINT skema_probe");
	return got;
}

/* ... of `candidate` as the predicate of an index on column of a copy of
 * table. */
static char *probe_predicate(struct importer *im, const char *table, const char *column,
			     const char *candidate)
{
	char *q = qualified(im, table), *c = quoted_ident(column), *sql, *got = NULL;
	PGresult *r;

	if (!im->probes || !exec_ok(im, false, "SAVEPOINT skema_probe"))
		goto out;
	sql = xasprintf("CREATE TEMPORARY TABLE skema_probe (LIKE %s)", q);
	if (!exec_ok(im, true, sql)) {
		im->probes = false;
	} else {
		free(sql);
		sql = xasprintf("CREATE INDEX skema_probe_ix ON pg_temp.skema_probe (%s) WHERE %s",
				c, candidate);
		if (exec_ok(im, true, sql)) {
			r = query(im, "SELECT pg_get_expr(indpred, indrelid, true) FROM pg_index "
				  "WHERE indexrelid = 'pg_temp.skema_probe_ix'::regclass", NULL);
			if (r && pq.ntuples(r) == 1 && val(r, 0, 0))
				got = strip_outer_parens(val(r, 0, 0));
			pq.clear(r);
		}
	}
	free(sql);
	exec_ok(im, false, "ROLLBACK TO SAVEPOINT skema_probe");
	exec_ok(im, false, "RELEASE SAVEPOINT skema_probe");
out:
	free(q);
	free(c);
	return got;
}

/* ... of `candidate` as a view's query. */
static char *probe_view(struct importer *im, const char *candidate)
{
	char *sql, *got = NULL;
	PGresult *r;

	if (!im->probes || !exec_ok(im, false, "SAVEPOINT skema_probe"))
		return NULL;
	sql = xasprintf("CREATE TEMPORARY VIEW skema_probe AS %s", candidate);
	if (exec_ok(im, true, sql)) {
		r = query(im, "SELECT pg_get_viewdef('pg_temp.skema_probe'::regclass, true)", NULL);
		if (r && pq.ntuples(r) == 1 && val(r, 0, 0))
			got = trimmed(val(r, 0, 0));
		pq.clear(r);
	}
	free(sql);
	exec_ok(im, false, "ROLLBACK TO SAVEPOINT skema_probe");
	exec_ok(im, false, "RELEASE SAVEPOINT skema_probe");
	return got;
}

/* The model's text for a stored expression: the comment (the model text
 * the generator wrote there) when the server normalises it to what is
 * stored, else the stored text. */
static char *model_text(const char *stored, const char *comment, char *normalised_comment)
{
	char *text;

	if (comment && normalised_comment && strcmp(normalised_comment, stored) == 0)
		text = xstrdup(comment);
	else
		text = xstrdup(stored);
	free(normalised_comment);
	return text;
}

/* ---- lookups ---- */

static struct ptable *ptable_of(struct importer *im, unsigned long oid)
{
	size_t lo = 0, hi = im->n_tables;

	/* Tables are read in oid order. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (im->tables[mid].oid == oid)
			return &im->tables[mid];
		if (im->tables[mid].oid < oid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static struct column *column_at(const struct ptable *pt, int attnum)
{
	for (size_t i = 0; i < pt->t->columns.n; i++)
		if (pt->cols[i].attnum == attnum)
			return PLIST_AT(&pt->t->columns, struct column, i);
	return NULL;
}

/* "{1,2}" (int2[]) or "1 2" (int2vector) as column names; false when
 * one is not a column (0: an expression). */
static bool attnum_names(const struct ptable *pt, const char *list, size_t limit,
			 struct strlist *out)
{
	const char *p = list ? list : "";

	strlist_init(out);
	while (*p && out->n < limit) {
		char *end;
		long a;
		struct column *c;

		if (*p == '{' || *p == '}' || *p == ',' || *p == ' ') {
			p++;
			continue;
		}
		a = strtol(p, &end, 10);
		if (end == p)
			break;
		p = end;
		c = column_at(pt, (int)a);
		if (!c) {
			strlist_free(out);
			return false;
		}
		strlist_push(out, c->name);
	}
	return true;
}

/* ---- enums ---- */

static void add_enum(struct importer *im, unsigned long oid, struct enum_type *e)
{
	plist_push(&im->m->enums, e);
	xgrow(&im->enums, &im->cap_enums, im->n_enums + 1, sizeof(*im->enums));
	im->enums[im->n_enums++] = (struct penum){ .oid = oid, .e = e };
}

static void import_enums(struct importer *im)
{
	PGresult *r = query(im, "SELECT t.oid, t.typname, e.enumlabel FROM pg_type t "
			    "JOIN pg_namespace n ON n.oid = t.typnamespace "
			    "JOIN pg_enum e ON e.enumtypid = t.oid "
			    "WHERE n.nspname = $1 ORDER BY t.oid, e.enumsortorder", im->schema);
	struct enum_type *e = NULL;
	unsigned long last = 0;

	for (int i = 0; r && i < pq.ntuples(r); i++) {
		if (!e || oid_of(r, i, 0) != last) {
			last = oid_of(r, i, 0);
			e = enum_type_new(val(r, i, 1));
			add_enum(im, last, e);
		}
		strlist_push(&e->values, val(r, i, 2));
	}
	pq.clear(r);
}

/* The enum of a column's type; one from another schema is declared too
 * (under its own name, unless that is taken). */
static struct enum_type *enum_of(struct importer *im, unsigned long oid, const char *name)
{
	struct enum_type *e;
	PGresult *r;
	char buf[24];

	for (size_t i = 0; i < im->n_enums; i++)
		if (im->enums[i].oid == oid)
			return im->enums[i].e;
	if (model_enum(im->m, name))
		return NULL;
	snprintf(buf, sizeof(buf), "%lu", oid);
	r = query(im, "SELECT enumlabel FROM pg_enum WHERE enumtypid = $1::oid "
		  "ORDER BY enumsortorder", buf);
	if (!r)
		return NULL;
	e = enum_type_new(name);
	for (int i = 0; i < pq.ntuples(r); i++)
		strlist_push(&e->values, val(r, i, 0));
	pq.clear(r);
	add_enum(im, oid, e);
	return e;
}

/* ---- types ---- */

static const struct {
	const char *pg;
	const char *logical;
} plain_types[] = {
	{ "int4", "integer" }, { "int8", "bigint" }, { "int2", "smallint" },
	{ "bool", "boolean" }, { "float4", "real" }, { "float8", "double" },
	{ "text", "text" }, { "date", "date" }, { "time", "time" },
	{ "timestamp", "datetime" }, { "timestamptz", "timestamptz" },
	{ "bytea", "blob" }, { "uuid", "uuid" }, { "json", "json" }, { "jsonb", "json" },
};

/* The logical type of a column, or format_type's spelling. */
static char *column_type(struct importer *im, const char *typname, const char *typnsp,
			 char typtype, long typmod, unsigned long typoid, const char *formatted)
{
	if (typtype == 'e') {
		struct enum_type *e = enum_of(im, typoid, typname);

		if (e)
			return xasprintf("enum(%s)", e->name);
		return xstrdup(formatted);
	}
	if (strcmp(typnsp, "pg_catalog") != 0)
		return xstrdup(formatted);
	for (size_t i = 0; i < sizeof(plain_types) / sizeof(plain_types[0]); i++) {
		/* time(3), timestamp(0): a precision the model cannot hold. */
		if (strcmp(typname, plain_types[i].pg) == 0 && typmod < 0)
			return xstrdup(plain_types[i].logical);
	}
	if (strcmp(typname, "numeric") == 0) {
		long p, s;

		if (typmod < 4)
			return xstrdup("numeric");
		p = ((typmod - 4) >> 16) & 0xffff;
		s = (typmod - 4) & 0xffff;
		if (s > p)   /* PostgreSQL 15 allows negative scales */
			return xstrdup(formatted);
		return s == 0 ? xasprintf("numeric(%ld)", p) : xasprintf("numeric(%ld,%ld)", p, s);
	}
	if (strcmp(typname, "varchar") == 0 && typmod >= 5)
		return xasprintf("varchar(%ld)", typmod - 4);
	if (strcmp(typname, "bpchar") == 0 && typmod >= 5)
		return xasprintf("char(%ld)", typmod - 4);
	return xstrdup(formatted);
}

/* ---- tables and columns ---- */

static void import_tables(struct importer *im)
{
	PGresult *r = query(im, "SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class'), "
			    "c.relkind, c.relispartition FROM pg_class c "
			    "JOIN pg_namespace n ON n.oid = c.relnamespace "
			    "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'f', 'm') "
			    "ORDER BY c.oid", im->schema);
	const char *first_partition = NULL;
	int partitions = 0;

	for (int i = 0; r && i < pq.ntuples(r); i++) {
		const char *name = val(r, i, 1), *kind = val(r, i, 3);
		struct ptable *pt;

		if (strcmp(name, "skema_migrations") == 0)
			continue;
		if (flag(r, i, 4)) {
			if (partitions++ == 0)
				first_partition = name;
			continue;
		}
		if (kind[0] == 'f' || kind[0] == 'm') {
			diag_add(im->dl, SEV_WARNING, nopos, "%s '%s' is not imported",
				 kind[0] == 'f' ? "foreign table" : "materialized view", name);
			continue;
		}
		if (kind[0] == 'p')
			diag_add(im->dl, SEV_WARNING, nopos,
				 "table '%s' is partitioned, which the model does not hold", name);
		xgrow(&im->tables, &im->cap_tables, im->n_tables + 1, sizeof(*im->tables));
		pt = &im->tables[im->n_tables++];
		memset(pt, 0, sizeof(*pt));
		pt->oid = oid_of(r, i, 0);
		pt->t = table_new(name);
		if (val(r, i, 2))
			pt->t->comment = xstrdup(val(r, i, 2));
		model_add_table(im->m, pt->t);
	}
	if (partitions == 1)
		diag_add(im->dl, SEV_WARNING, nopos,
			 "partition '%s' is not imported", first_partition);
	else if (partitions > 1)
		diag_add(im->dl, SEV_WARNING, nopos,
			 "%d partitions ('%s' and others) are not imported", partitions, first_partition);
	pq.clear(r);
}

static void import_columns(struct importer *im)
{
	PGresult *r = query(im,
		"SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.attidentity, "
		"a.attgenerated, format_type(a.atttypid, a.atttypmod), t.typname, tn.nspname, "
		"t.typtype, a.atttypmod, a.atttypid, pg_get_expr(d.adbin, d.adrelid, true), "
		"col_description(a.attrelid, a.attnum) "
		"FROM pg_attribute a "
		"JOIN pg_class c ON c.oid = a.attrelid "
		"JOIN pg_namespace n ON n.oid = c.relnamespace "
		"JOIN pg_type t ON t.oid = a.atttypid "
		"JOIN pg_namespace tn ON tn.oid = t.typnamespace "
		"LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
		"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 "
		"AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum", im->schema);

	for (int i = 0; r && i < pq.ntuples(r); i++) {
		struct ptable *pt = ptable_of(im, oid_of(r, i, 0));
		struct column *c;
		char *type;
		size_t k;

		if (!pt)
			continue;
		type = column_type(im, val(r, i, 7), val(r, i, 8), val(r, i, 9)[0],
				   strtol(val(r, i, 10), NULL, 10), oid_of(r, i, 11), val(r, i, 6));
		c = column_new(val(r, i, 2), type);
		free(type);
		if (flag(r, i, 3))
			c->nullable = TRI_FALSE;
		if (val(r, i, 13))
			c->comment = xstrdup(val(r, i, 13));
		k = pt->t->columns.n;
		table_add_column(pt->t, c);
		xgrow(&pt->cols, &pt->cap, k + 1, sizeof(*pt->cols));
		pt->cols[k] = (struct pcol){
			.attnum = atoi(val(r, i, 1)),
			.dflt = xstrdup(val(r, i, 12)),
			.identity = val(r, i, 4)[0],
			.generated = val(r, i, 5)[0],
		};
	}
	pq.clear(r);
}

static bool single_integer_key(const struct table *t, const struct column *c)
{
	struct logical_type lt;

	return c->primary_key && t->primary_key.n == 0 && logical_type_parse(c->type, &lt) &&
	       lt.cls == TYPE_CLASS_INTEGER;
}

/* 'text'::type -> the text; false for anything else. */
static bool cast_literal(const char *expr, char **text)
{
	struct tokens tk;
	bool ok;
	size_t i = 2;

	tokens_read(&tk, expr);
	ok = tk.n >= 4 && tk.t[0].kind == SQL_TOK_STRING && tk.t[0].start == 0 &&
	     is_cast(&tk, 1);
	if (ok) {
		for (i = 3; i < tk.n && is_name_token(&tk, i); i++)
			;
		ok = i == tk.n && i > 3;
	}
	*text = ok ? sql_token_name(tk.text, &tk.t[0]) : NULL;
	free(tk.t);
	return ok;
}

static void column_default(struct importer *im, struct table *t, struct column *c,
			   const char *expr, char identity, char generated)
{
	struct logical_type lt;
	bool numeric = logical_type_parse(c->type, &lt) &&
		       (lt.cls == TYPE_CLASS_INTEGER || lt.cls == TYPE_CLASS_NUMERIC);
	char *text;

	if (generated) {
		diag_add(im->dl, SEV_WARNING, nopos,
			 "column '%s.%s' is generated (%s), which the model does not hold",
			 t->name, c->name, expr ? expr : "");
		return;
	}
	if (identity) {
		if (single_integer_key(t, c)) {
			c->autoincrement = true;
			if (identity == 'a')
				diag_add(im->dl, SEV_WARNING, nopos,
					 "column '%s.%s' is GENERATED ALWAYS AS IDENTITY; "
					 "imported as autoincrement (BY DEFAULT)", t->name, c->name);
		} else {
			diag_add(im->dl, SEV_WARNING, nopos,
				 "column '%s.%s' is an identity column but not a single integer "
				 "primary key; imported without it", t->name, c->name);
		}
		return;
	}
	if (!expr)
		return;
	if (strncmp(expr, "nextval(", 8) == 0 && single_integer_key(t, c)) {
		c->autoincrement = true;
	} else if (strcmp(expr, "NULL") == 0) {
		value_set(&c->dflt, VALUE_NULL, NULL);
	} else if (strcmp(expr, "true") == 0 || strcmp(expr, "false") == 0) {
		value_set(&c->dflt, VALUE_BOOL, expr);
	} else if (is_integer_text(expr)) {
		value_set(&c->dflt, VALUE_INT, expr);
	} else if (is_number_text(expr)) {
		value_set(&c->dflt, VALUE_FLOAT, expr);
	} else if (cast_literal(expr, &text)) {
		if (numeric && is_integer_text(text))
			value_set(&c->dflt, VALUE_INT, text);
		else if (numeric && is_number_text(text))
			value_set(&c->dflt, VALUE_FLOAT, text);
		else
			value_set(&c->dflt, VALUE_STRING, text);
		free(text);
	} else {
		c->default_sql = xstrdup(expr);
	}
}

static void finish_columns(struct importer *im)
{
	for (size_t i = 0; i < im->n_tables; i++) {
		struct ptable *pt = &im->tables[i];

		for (size_t k = 0; k < pt->t->columns.n; k++) {
			struct column *c = PLIST_AT(&pt->t->columns, struct column, k);

			/* NOT NULL is implied by the key. */
			if (table_column_in_pk(pt->t, c))
				c->nullable = TRI_UNSET;
			column_default(im, pt->t, c, pt->cols[k].dflt, pt->cols[k].identity,
				       pt->cols[k].generated);
		}
	}
}

/* ---- constraints ---- */

static enum fk_action action_of(const char *code)
{
	switch (code ? code[0] : 'a') {
	case 'c': return ACTION_CASCADE;
	case 'n': return ACTION_SET_NULL;
	case 'd': return ACTION_SET_DEFAULT;
	case 'r': return ACTION_RESTRICT;
	default: return ACTION_NONE;   /* 'a', NO ACTION: what nothing said means */
	}
}

static char *gen_name(const char *table, const char *column, const char *key)
{
	char *suffix = key ? xasprintf("%s_%s", column, key) : xstrdup(column);
	char *name = dialect_object_name(GEN, "ck", table, suffix);

	free(suffix);
	return name;
}

static const char *const bound_keys[BOUND_COUNT] = { "ge", "le", "gt", "lt" };
static const char *const bound_ops[BOUND_COUNT] = { ">=", "<=", ">", "<" };

/* A check the generator writes for a column key (ge..lt, min_length,
 * max_length), recognised by its name and shape. */
static bool take_column_key(struct table *t, const char *name, const struct strlist *w)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		struct column *c = PLIST_AT(&t->columns, struct column, i);
		struct logical_type lt;
		bool known = logical_type_parse(c->type, &lt);
		bool done = false;

		for (int k = 0; k < BOUND_COUNT && !done && known &&
		     (lt.cls == TYPE_CLASS_INTEGER || lt.cls == TYPE_CLASS_NUMERIC); k++) {
			char *want = gen_name(t->name, c->name, bound_keys[k]);

			if (!c->bound[k] && strcmp(name, want) == 0 && w->n == 3 &&
			    strcmp(w->items[0], c->name) == 0 &&
			    strcmp(w->items[1], bound_ops[k]) == 0 && is_number_text(w->items[2])) {
				c->bound[k] = xstrdup(w->items[2]);
				done = true;
			}
			free(want);
		}
		for (int k = 0; k < 2 && !done && known && lt.cls == TYPE_CLASS_STRING &&
		     strcmp(lt.base, "uuid") != 0; k++) {
			int64_t *slot = k == 0 ? &c->min_length : &c->max_length;
			char *want = gen_name(t->name, c->name, k == 0 ? "min_length" : "max_length");

			if (*slot < 0 && strcmp(name, want) == 0 && w->n == 4 &&
			    strcasecmp(w->items[0], GEN->length_function) == 0 &&
			    strcmp(w->items[1], c->name) == 0 &&
			    strcmp(w->items[2], k == 0 ? ">=" : "<=") == 0 &&
			    is_integer_text(w->items[3]) && w->items[3][0] != '-' &&
			    strlen(w->items[3]) < 19) {
				*slot = strtoll(w->items[3], NULL, 10);
				done = true;
			}
			free(want);
		}
		if (done)
			return true;
	}
	return false;
}

static void add_check(struct importer *im, struct ptable *pt, const char *name,
		      const char *stored, const char *comment)
{
	struct table *t = pt->t;
	struct strlist words;
	char *expr = strip_outer_parens(stored), *text;
	bool taken;

	flatten(expr, &words);
	taken = take_column_key(t, name, &words);
	strlist_free(&words);
	if (taken) {
		free(expr);
		return;
	}
	text = model_text(expr, comment, comment ? probe_check(im, t->name, comment) : NULL);
	free(expr);
	for (size_t i = 0; i < t->columns.n; i++) {
		struct column *c = PLIST_AT(&t->columns, struct column, i);
		char *want = gen_name(t->name, c->name, NULL);
		bool mine = !c->check && strcmp(name, want) == 0;

		free(want);
		if (mine) {
			c->check = text;
			return;
		}
	}
	plist_push(&t->checks, check_new(name, text));
	free(text);
}

static void add_primary_key(struct ptable *pt, const struct strlist *cols)
{
	if (cols->n == 1) {
		table_column(pt->t, cols->items[0])->primary_key = true;
		return;
	}
	strlist_copy(&pt->t->primary_key, cols);
}

static void add_unique(struct ptable *pt, const struct strlist *cols)
{
	struct unique *u;

	if (cols->n == 1 && !table_column(pt->t, cols->items[0])->unique) {
		table_column(pt->t, cols->items[0])->unique = true;
		return;
	}
	u = unique_new();
	strlist_copy(&u->columns, cols);
	plist_push(&pt->t->uniques, u);
}

static void add_foreign_key(struct importer *im, struct ptable *pt, const char *name,
			    const PGresult *r, int i)
{
	struct ptable *ref = ptable_of(im, oid_of(r, i, 4));
	const char *ref_name = val(r, i, 5);
	struct strlist cols, ref_cols;
	struct foreign_key *fk;
	struct column *c;
	char *joined, *dflt;

	if (!attnum_names(pt, val(r, i, 3), 32, &cols))
		return;
	strlist_init(&ref_cols);
	if (ref) {
		attnum_names(ref, val(r, i, 7), 32, &ref_cols);
	} else {
		diag_add(im->dl, SEV_WARNING, nopos,
			 "foreign key '%s' of table '%s' references '%s.%s' outside schema '%s'",
			 name, pt->t->name, val(r, i, 6) ? val(r, i, 6) : "", ref_name ? ref_name : "",
			 im->schema);
	}
	c = cols.n == 1 ? table_column(pt->t, cols.items[0]) : NULL;
	if (c && !c->ref_table && ref_cols.n == 1) {
		c->ref_table = xstrdup(ref_name);
		c->ref_column = xstrdup(ref_cols.items[0]);
		c->on_update = action_of(val(r, i, 8));
		c->on_delete = action_of(val(r, i, 9));
		strlist_free(&cols);
		strlist_free(&ref_cols);
		return;
	}
	fk = foreign_key_new();
	strlist_copy(&fk->columns, &cols);
	strlist_copy(&fk->ref_columns, &ref_cols);
	fk->ref_table = xstrdup(ref_name);
	fk->on_update = action_of(val(r, i, 8));
	fk->on_delete = action_of(val(r, i, 9));
	joined = xstrdup("");
	for (size_t k = 0; k < cols.n; k++) {
		char *next = xasprintf("%s%s%s", joined, k ? "_" : "", cols.items[k]);

		free(joined);
		joined = next;
	}
	dflt = dialect_object_name(GEN, "fk", pt->t->name, joined);
	if (strcmp(dflt, name) != 0)
		fk->name = xstrdup(name);
	free(dflt);
	free(joined);
	plist_push(&pt->t->foreign_keys, fk);
	strlist_free(&cols);
	strlist_free(&ref_cols);
}

static void import_constraints(struct importer *im)
{
	PGresult *r = query(im,
		"SELECT con.conrelid, con.conname, con.contype, con.conkey::text, con.confrelid, "
		"fc.relname, fn.nspname, con.confkey::text, con.confupdtype, con.confdeltype, "
		"pg_get_expr(con.conbin, con.conrelid, true), "
		"obj_description(con.oid, 'pg_constraint') "
		"FROM pg_constraint con "
		"JOIN pg_class c ON c.oid = con.conrelid "
		"JOIN pg_namespace n ON n.oid = c.relnamespace "
		"LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
		"LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
		"WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'c', 'f', 'x') "
		"ORDER BY con.conrelid, "
		/* Keys first: ge/le and the rest look at the key columns. */
		"CASE con.contype WHEN 'p' THEN 0 ELSE 1 END, con.oid", im->schema);

	for (int i = 0; r && i < pq.ntuples(r) && !im->err; i++) {
		struct ptable *pt = ptable_of(im, oid_of(r, i, 0));
		const char *name = val(r, i, 1);
		char type = val(r, i, 2)[0];
		struct strlist cols;

		if (!pt)
			continue;
		switch (type) {
		case 'p':
		case 'u':
			if (!attnum_names(pt, val(r, i, 3), 1600, &cols) || cols.n == 0) {
				strlist_free(&cols);
				break;
			}
			if (type == 'p')
				add_primary_key(pt, &cols);
			else
				add_unique(pt, &cols);
			strlist_free(&cols);
			break;
		case 'c':
			if (val(r, i, 10))
				add_check(im, pt, name, val(r, i, 10), val(r, i, 11));
			break;
		case 'f':
			add_foreign_key(im, pt, name, r, i);
			break;
		default:
			diag_add(im->dl, SEV_WARNING, nopos,
				 "exclusion constraint '%s' of table '%s' is not imported",
				 name, pt->t->name);
			break;
		}
	}
	pq.clear(r);
}

/* ---- indexes ---- */

static void import_indexes(struct importer *im)
{
	PGresult *r = query(im,
		"SELECT i.indrelid, ic.relname, i.indisunique, i.indkey::text, i.indnkeyatts, "
		"pg_get_expr(i.indpred, i.indrelid, true), i.indexprs IS NOT NULL, "
		"obj_description(ic.oid, 'pg_class'), am.amname, i.indoption::text, "
		"pg_get_indexdef(i.indexrelid) "
		"FROM pg_index i "
		"JOIN pg_class ic ON ic.oid = i.indexrelid "
		"JOIN pg_class c ON c.oid = i.indrelid "
		"JOIN pg_namespace n ON n.oid = c.relnamespace "
		"JOIN pg_am am ON am.oid = ic.relam "
		"WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') "
		"AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
		"AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
		"ORDER BY i.indrelid, ic.oid", im->schema);

	for (int i = 0; r && i < pq.ntuples(r) && !im->err; i++) {
		struct ptable *pt = ptable_of(im, oid_of(r, i, 0));
		const char *name = val(r, i, 1), *pred = val(r, i, 5), *comment = val(r, i, 7);
		const char *options = val(r, i, 9);
		bool unique = flag(r, i, 2);
		struct strlist cols;
		struct column *c;
		char *ix_name, *where = NULL;

		if (!pt)
			continue;
		if (flag(r, i, 6) || strcmp(val(r, i, 8), "btree") != 0 ||
		    !attnum_names(pt, val(r, i, 3), (size_t)atoi(val(r, i, 4)), &cols)) {
			diag_add(im->dl, SEV_WARNING, nopos,
				 "index '%s' of table '%s' is not imported: the model holds btree "
				 "indexes on columns only (%s)", name, pt->t->name, val(r, i, 10));
			continue;
		}
		/* indoption: bit 0 DESC, bit 1 NULLS FIRST. */
		for (const char *p = options; p && *p; p++) {
			if (isdigit((unsigned char)*p) && (*p - '0') & 3) {
				diag_add(im->dl, SEV_WARNING, nopos,
					 "index '%s' of table '%s' orders a column with DESC or NULLS "
					 "FIRST, which the model does not hold", name, pt->t->name);
				break;
			}
		}
		if (pred) {
			char *stored = strip_outer_parens(pred);

			where = model_text(stored, comment,
					   comment ? probe_predicate(im, pt->t->name, cols.items[0],
								     comment) : NULL);
			free(stored);
		}
		c = cols.n == 1 ? table_column(pt->t, cols.items[0]) : NULL;
		ix_name = c ? dialect_object_name(GEN, "ix", pt->t->name, c->name) : NULL;
		if (c && !unique && !where && !c->index && strcmp(ix_name, name) == 0) {
			c->index = true;
		} else {
			struct index *ix = index_new(name);

			strlist_copy(&ix->columns, &cols);
			ix->unique = unique;
			ix->where = where;
			where = NULL;
			plist_push(&pt->t->indexes, ix);
		}
		free(where);
		free(ix_name);
		strlist_free(&cols);
	}
	pq.clear(r);
}

/* ---- views and triggers ---- */

static void import_views(struct importer *im)
{
	PGresult *r = query(im, "SELECT c.relname, pg_get_viewdef(c.oid, true), "
			    "obj_description(c.oid, 'pg_class') FROM pg_class c "
			    "JOIN pg_namespace n ON n.oid = c.relnamespace "
			    "WHERE n.nspname = $1 AND c.relkind = 'v' ORDER BY c.oid", im->schema);

	for (int i = 0; r && i < pq.ntuples(r) && !im->err; i++) {
		const char *comment = val(r, i, 2);
		char *stored = trimmed(val(r, i, 1) ? val(r, i, 1) : "");
		char *text = model_text(stored, comment, comment ? probe_view(im, comment) : NULL);

		plist_push(&im->m->views, sql_object_new(val(r, i, 0), text));
		free(stored);
		free(text);
	}
	pq.clear(r);
}

static void import_triggers(struct importer *im)
{
	PGresult *r = query(im, "SELECT t.tgname, pg_get_triggerdef(t.oid, true), c.relname "
			    "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
			    "JOIN pg_namespace n ON n.oid = c.relnamespace "
			    "WHERE n.nspname = $1 AND NOT t.tgisinternal ORDER BY t.oid",
			    im->schema);

	for (int i = 0; r && i < pq.ntuples(r); i++) {
		/* Trigger names are per table in PostgreSQL, the model's are
		 * global: a repeated one is told apart by its table. */
		char *name = xstrdup(val(r, i, 0));

		for (int k = 2; model_trigger(im->m, name); k++) {
			free(name);
			name = k == 2 ? xasprintf("%s_%s", val(r, i, 0), val(r, i, 2))
				      : xasprintf("%s_%s_%d", val(r, i, 0), val(r, i, 2), k);
		}
		plist_push(&im->m->triggers, sql_object_new(name, val(r, i, 1)));
		free(name);
	}
	pq.clear(r);
}

/* ---- the schema ---- */

static void importer_free(struct importer *im)
{
	for (size_t i = 0; i < im->n_tables; i++) {
		struct ptable *pt = &im->tables[i];

		for (size_t k = 0; k < pt->t->columns.n; k++)
			free(pt->cols[k].dflt);
		free(pt->cols);
	}
	free(im->tables);
	free(im->enums);
}

int db_postgres_introspect(struct pg_conn *conn, const char *schema, const char *name,
			   struct model **out, struct diag_list *dl, char **err)
{
	struct importer im = {
		.conn = conn, .schema = schema, .name = name, .dl = dl, .probes = true,
	};
	PGTransactionStatusType ts = pq.transactionStatus(conn);
	bool own = ts == PQTRANS_IDLE;
	PGresult *r;

	*out = NULL;
	if (ts != PQTRANS_IDLE && ts != PQTRANS_INTRANS) {
		*err = xasprintf("%s: the connection is not ready (a failed transaction?)", name);
		return -1;
	}
	if (!exec_ok(&im, false, own ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
			       : "SAVEPOINT skema_introspect")) {
		*err = im.err;
		return -1;
	}
	/* Names in the schema read come out unqualified in the deparsed
	 * text (pg_get_expr, pg_get_viewdef), as the model writes them. */
	r = run(&im, false, "SELECT set_config('search_path', quote_ident($1), true), "
		"(SELECT count(*) FROM pg_namespace WHERE nspname = $1)", schema, NULL, NULL);
	if (r && strcmp(val(r, 0, 1), "0") == 0)
		im.err = xasprintf("%s has no schema '%s'", name, schema);
	pq.clear(r);

	im.m = model_new();
	if (!im.err) {
		import_enums(&im);
		import_tables(&im);
		import_columns(&im);
		import_constraints(&im);
		finish_columns(&im);
		import_indexes(&im);
		import_views(&im);
		import_triggers(&im);
	}
	importer_free(&im);

	/* Whatever happened: nothing stays behind. */
	r = pq.exec(conn, own ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT skema_introspect");
	pq.clear(r);
	if (!own) {
		r = pq.exec(conn, "RELEASE SAVEPOINT skema_introspect");
		pq.clear(r);
	}
	if (im.err) {
		model_free(im.m);
		*err = im.err;
		return -1;
	}
	*out = im.m;
	return 0;
}

/* ---- connecting ---- */

bool db_postgres_available(void)
{
	return pq_lib_load(NULL) == 0;
}

/* libpq's message in one line: "connection to server at "h", port 5
 * failed: FATAL:  password authentication failed..." -> the reason. */
static char *connect_reason(const char *msg, const char *password)
{
	const char *p = msg ? msg : "";
	const char *failed = strstr(p, " failed: ");
	char *line, *scrubbed;

	if (strncmp(p, "connection to server", 20) == 0 && failed &&
	    (size_t)(failed - p) < strcspn(p, "\n"))
		p = failed + strlen(" failed: ");
	line = one_line(p);
	scrubbed = pg_uri_scrub(line, password);
	free(line);
	return scrubbed;
}

int db_postgres_connect(const char *uri, struct pg_conn **conn, char **schema, char **err)
{
	/* Later keywords win: the URI may override ours; an environment
	 * variable counts only where we say nothing. */
	const char *keys[5], *vals[5];
	struct pg_uri u;
	PGconn *pc;
	int n = 0;

	*conn = NULL;
	*schema = NULL;
	if (pq_lib_load(err) != 0 || pg_uri_parse(uri, &u, err) != 0)
		return -1;
	keys[n] = "fallback_application_name", vals[n++] = "skema";
	keys[n] = "client_encoding", vals[n++] = "UTF8";
	if (!getenv("PGCONNECT_TIMEOUT"))
		keys[n] = "connect_timeout", vals[n++] = "10";
	keys[n] = "dbname", vals[n++] = u.conninfo;
	keys[n] = NULL, vals[n] = NULL;
	pc = pq.connectdbParams(keys, vals, 1);
	if (!pc || pq.status(pc) != CONNECTION_OK) {
		char *reason = connect_reason(pc ? pq.errorMessage(pc) : "out of memory",
					      u.password);

		*err = xasprintf("cannot connect to %s: %s", u.display, reason);
		free(reason);
		pq.finish(pc);
		pg_uri_clear(&u);
		return -1;
	}
	*conn = pc;
	*schema = xstrdup(u.schema);
	pg_uri_clear(&u);
	return 0;
}

void db_postgres_disconnect(struct pg_conn *conn)
{
	if (conn)   /* without a connection libpq may never have been loaded */
		pq.finish(conn);
}

int db_postgres_import_uri(const char *uri, struct model **out, struct diag_list *dl,
			   char **err)
{
	struct pg_conn *conn;
	struct pg_uri u;
	char *schema, *msg = NULL;
	int rc;

	*out = NULL;
	if (pg_uri_parse(uri, &u, err) != 0)
		return -1;
	if (db_postgres_connect(uri, &conn, &schema, err) != 0) {
		pg_uri_clear(&u);
		return -1;
	}
	rc = db_postgres_introspect(conn, schema, u.display, out, dl, &msg);
	if (rc != 0) {
		/* A server message never quotes the password, but be sure. */
		*err = pg_uri_scrub(msg, u.password);
		free(msg);
	} else {
		infer_links(*out);
	}
	db_postgres_disconnect(conn);
	free(schema);
	pg_uri_clear(&u);
	return rc;
}

#else /* !HAVE_LIBPQ */

bool db_postgres_available(void)
{
	return false;
}

int db_postgres_connect(const char *uri, struct pg_conn **conn, char **schema, char **err)
{
	(void)uri;
	*conn = NULL;
	*schema = NULL;
	*err = xstrdup(DB_POSTGRES_MISSING);
	return -1;
}

void db_postgres_disconnect(struct pg_conn *conn)
{
	(void)conn;
}

int db_postgres_introspect(struct pg_conn *conn, const char *schema, const char *name,
			   struct model **out, struct diag_list *dl, char **err)
{
	(void)conn;
	(void)schema;
	(void)name;
	(void)dl;
	*out = NULL;
	*err = xstrdup(DB_POSTGRES_MISSING);
	return -1;
}

int db_postgres_import_uri(const char *uri, struct model **out, struct diag_list *dl,
			   char **err)
{
	(void)uri;
	(void)dl;
	*out = NULL;
	*err = xstrdup(DB_POSTGRES_MISSING);
	return -1;
}

#endif
