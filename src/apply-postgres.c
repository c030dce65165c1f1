/* apply-postgres.c — see apply-postgres.h. */
#include "config.h"

#include "apply-postgres.h"

#ifndef HAVE_LIBPQ
#define HAVE_LIBPQ 0
#endif

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-postgres.h"
#include "dialect.h"
#include "pg-uri.h"
#include "types.h"
#include "util.h"

static const struct pos nopos;

/* ---- one spelling (no server needed) ---- */

static void normalise_type(struct column *c)
{
	struct logical_type lt;
	const char *base;

	if (!logical_type_parse(c->type, &lt) || lt.cls == TYPE_CLASS_ENUM)
		return;
	base = strcmp(lt.base, "decimal") == 0 ? "numeric"
	     : strcmp(lt.base, "timestamp") == 0 ? "datetime" : lt.base;
	free(c->type);
	if (lt.nargs == 2)
		c->type = xasprintf("%s(%ld,%ld)", base, lt.args[0], lt.args[1]);
	else if (lt.nargs == 1)
		c->type = xasprintf("%s(%ld)", base, lt.args[0]);
	else
		c->type = xstrdup(base);
}

/* A number literal as PostgreSQL's numeric type reads it back: plain
 * decimal, the exponent applied, the scale of the literal kept ("-2.5e3"
 * -> "-2500", "0.0" -> "0.0", "1e-3" -> "0.001", "+007" -> "7").  NULL
 * when text is no plain number. */
static char *decimal_text(const char *text)
{
	const char *p = text;
	struct strbuf digits, out;
	bool neg = false;
	long exp = 0, frac = 0, point, scale;
	char *end;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	sb_init(&digits);
	for (; isdigit((unsigned char)*p); p++)
		sb_addc(&digits, *p);
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++, frac++)
			sb_addc(&digits, *p);
	if (digits.len == 0 || digits.len > 200) {
		sb_free(&digits);
		return NULL;
	}
	if (*p == 'e' || *p == 'E') {
		exp = strtol(p + 1, &end, 10);
		if (end == p + 1 || exp > 200 || exp < -200) {
			sb_free(&digits);
			return NULL;
		}
		p = end;
	}
	if (*p) {
		sb_free(&digits);
		return NULL;
	}
	/* The value is digits * 10^(exp - frac). */
	scale = frac - exp > 0 ? frac - exp : 0;
	point = (long)digits.len - frac + exp;        /* digits before the point */
	sb_init(&out);
	for (long i = 0; i < point; i++)
		sb_addc(&out, i < (long)digits.len ? digits.buf[i] : '0');
	if (point <= 0)
		sb_addc(&out, '0');
	if (scale > 0) {
		sb_addc(&out, '.');
		for (long i = point; i < point + scale; i++)
			sb_addc(&out, i >= 0 && i < (long)digits.len ? digits.buf[i] : '0');
	}
	sb_free(&digits);
	/* No leading zeros; no minus on a zero. */
	{
		size_t z = 0;
		bool zero = true;

		while (out.buf[z] == '0' && out.buf[z + 1] && out.buf[z + 1] != '.')
			z++;
		for (size_t i = z; out.buf[i]; i++)
			if (out.buf[i] != '0' && out.buf[i] != '.')
				zero = false;
		end = xasprintf("%s%s", neg && !zero ? "-" : "", out.buf + z);
	}
	sb_free(&out);
	return end;
}

static void normalise_default(struct column *c)
{
	char *text;

	if (c->dflt.kind == VALUE_NULL) {
		value_clear(&c->dflt);
		return;
	}
	if (c->dflt.kind != VALUE_INT && c->dflt.kind != VALUE_FLOAT)
		return;
	if (!(text = decimal_text(c->dflt.text)))
		return;
	value_set(&c->dflt, strchr(text, '.') ? VALUE_FLOAT : VALUE_INT, text);
	free(text);
}

/* A date or time default as PostgreSQL's ISO output spells it:
 * '2001-02-03' in a datetime column is '2001-02-03 00:00:00', a 'T'
 * separator a space, '12:30' in a time column '12:30:00'. */
static void normalise_temporal(struct column *c)
{
	struct logical_type lt;
	const char *v = c->dflt.text;
	char buf[64];
	size_t n;

	if (c->dflt.kind != VALUE_STRING || !v || !logical_type_parse(c->type, &lt) ||
	    lt.cls != TYPE_CLASS_TEMPORAL || (n = strlen(v)) >= 40)
		return;
	if (strcmp(lt.base, "datetime") == 0 || strcmp(lt.base, "timestamp") == 0) {
		if (n == 10 && v[4] == '-' && v[7] == '-')
			snprintf(buf, sizeof buf, "%s 00:00:00", v);
		else if (n > 10 && v[4] == '-' && v[10] == 'T')
			snprintf(buf, sizeof buf, "%.10s %s", v, v + 11);
		else
			return;
	} else if (strcmp(lt.base, "time") == 0 && n == 5 && v[2] == ':') {
		snprintf(buf, sizeof buf, "%s:00", v);
	} else {
		return;
	}
	value_set(&c->dflt, VALUE_STRING, buf);
}

/* The importer's spelling of keys and one-column indexes: a one-column
 * primary key on its column, a one-column unique constraint as
 * `unique: true`, an index named as `index: true` names it as the flag. */
static void normalise_keys(struct table *t)
{
	if (t->primary_key.n == 1) {
		struct column *c = table_column(t, t->primary_key.items[0]);

		if (c) {
			c->primary_key = true;
			strlist_free(&t->primary_key);
			strlist_init(&t->primary_key);
		}
	}
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

static enum fk_action normalise_action(enum fk_action a)
{
	return a == ACTION_NO_ACTION ? ACTION_NONE : a;
}

void apply_pg_normalise(struct model *m)
{
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			struct column *c = PLIST_AT(&t->columns, struct column, k);

			normalise_type(c);
			normalise_default(c);
			normalise_temporal(c);
			c->on_delete = normalise_action(c->on_delete);
			c->on_update = normalise_action(c->on_update);
		}
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);

			fk->on_delete = normalise_action(fk->on_delete);
			fk->on_update = normalise_action(fk->on_update);
		}
		normalise_keys(t);
		t->without_rowid = false;
		t->strict = false;
	}
	while (m->links.n)
		link_free(plist_remove(&m->links, m->links.n - 1));
	while (m->layout.n)
		placement_free(plist_remove(&m->layout, m->layout.n - 1));
}

static void apply_pg_init(struct apply_pg *ap, const char *uri, const struct model *m)
{
	memset(ap, 0, sizeof(*ap));
	ap->base.path = pg_uri_redact(uri);
	ap->uri = xstrdup(uri);
	ap->target = model_clone(m);
	apply_pg_normalise(ap->target);
	ap->base.model = ap->target;
	ap->base.checksum = apply_model_checksum(m);
	change_list_init(&ap->base.changes);
	plan_init(&ap->base.plan, &dialect_postgres);
}

void apply_pg_close(struct apply_pg *ap)
{
	apply_close(&ap->base);
	model_free(ap->target);
	free(ap->uri);
	free(ap->schema);
	memset(ap, 0, sizeof(*ap));
}

#if HAVE_LIBPQ

#include "pq-lib.h"

/* A connection and what messages need. */
struct pgrun {
	PGconn *conn;
	struct apply_pg *ap;
	const char *name;        /* the URI without its password */
	char *password;          /* scrubbed from server messages, or NULL */
	const char *lock_timeout;
	struct diag_list *dl;
	bool failed;             /* an error is in dl */
};

static void quiet_notices(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

static char *quoted(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(&dialect_postgres, &sb, name);
	return sb_release(&sb);
}

/* "schema"."name" */
static char *qualified(const struct pgrun *r, const char *name)
{
	char *s = quoted(r->ap->schema), *n = quoted(name);
	char *q = xasprintf("%s.%s", s, n);

	free(s);
	free(n);
	return q;
}

/* The server's message in one line, without the password. */
static char *server_message(const struct pgrun *r, const PGresult *res)
{
	const char *primary = res ? pq.resultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *msg = primary ? primary : pq.errorMessage(r->conn);
	size_t n;
	char *line, *clean;

	if (strncmp(msg, "ERROR:  ", 8) == 0 || strncmp(msg, "FATAL:  ", 8) == 0)
		msg += 8;
	n = strcspn(msg, "\n");
	while (n > 0 && isspace((unsigned char)msg[n - 1]))
		n--;
	line = n ? xstrndup(msg, n) : xstrdup("unknown error");
	clean = pg_uri_scrub(line, r->password);
	free(line);
	return clean;
}

static bool is_lock_timeout(const PGresult *res)
{
	const char *state = res ? pq.resultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return state && strcmp(state, "55P03") == 0;
}

static void fail(struct pgrun *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct pgrun *r, const char *fmt, ...)
{
	struct strbuf sb;
	va_list va;

	if (r->failed)
		return;
	r->failed = true;
	sb_init(&sb);
	va_start(va, fmt);
	sb_vprintf(&sb, fmt, va);
	va_end(va);
	diag_add(r->dl, SEV_ERROR, nopos, "%s", sb.buf);
	sb_free(&sb);
}

/* The first change the plan implements, for messages about the whole
 * transaction. */
static const char *first_change(const struct apply *ap)
{
	for (size_t i = 0; i < ap->plan.n; i++)
		if (ap->plan.steps[i].change && ap->plan.steps[i].change->summary)
			return ap->plan.steps[i].change->summary;
	return "the migration";
}

/* Run sql with up to two text parameters; NULL on failure (the result is
 * handed to *failed_res when asked, else cleared). */
static PGresult *exec2(struct pgrun *r, const char *sql, const char *p1, const char *p2,
		       PGresult **failed_res)
{
	const char *params[2] = { p1, p2 };
	int n = p2 ? 2 : p1 ? 1 : 0;
	PGresult *res = n ? pq.execParams(r->conn, sql, n, NULL, params, NULL, NULL, 0)
			  : pq.exec(r->conn, sql);
	ExecStatusType st = pq.resultStatus(res);

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return res;
	if (failed_res)
		*failed_res = res;
	else
		pq.clear(res);
	return NULL;
}

/* A statement of skema's own (not the plan's) failed. */
static void fail_own(struct pgrun *r, const char *sql, PGresult *res)
{
	char *why = server_message(r, res);

	fail(r, "cannot apply '%s' (%zu statement%s) to %s: %s\n  statement: %s",
	     first_change(&r->ap->base), r->ap->base.plan.n, r->ap->base.plan.n == 1 ? "" : "s",
	     r->name, why, sql);
	free(why);
	pq.clear(res);
}

/* Run one of skema's own statements; -1 (and an error) on failure. */
static int run_own(struct pgrun *r, const char *sql, const char *p1, const char *p2)
{
	PGresult *bad = NULL, *res = exec2(r, sql, p1, p2, &bad);

	if (!res) {
		fail_own(r, sql, bad);
		return -1;
	}
	pq.clear(res);
	return 0;
}

static int64_t query_int(struct pgrun *r, const char *sql, const char *p1)
{
	PGresult *res = exec2(r, sql, p1, NULL, NULL);
	int64_t v = -1;

	if (res && pq.ntuples(res) == 1 && !pq.getisnull(res, 0, 0))
		v = strtoll(pq.getvalue(res, 0, 0), NULL, 10);
	pq.clear(res);
	return v;
}

/* ---- connecting ---- */

static void pg_disconnect(struct pgrun *r)
{
	if (r->conn)
		db_postgres_disconnect((struct pg_conn *)r->conn);
	r->conn = NULL;
	free(r->password);
	r->password = NULL;
}

static int pg_connect(struct pgrun *r, struct apply_pg *ap, struct diag_list *dl)
{
	struct pg_uri u;
	struct pg_conn *conn = NULL;
	char *err = NULL, *schema = NULL;
	const char *lt = getenv("SKEMA_LOCK_TIMEOUT");

	memset(r, 0, sizeof(*r));
	r->ap = ap;
	r->name = ap->base.path;
	r->dl = dl;
	r->lock_timeout = lt && *lt ? lt : APPLY_PG_LOCK_TIMEOUT;
	if (pg_uri_parse(ap->uri, &u, &err) != 0) {
		diag_add(dl, SEV_ERROR, nopos, "%s", err);
		free(err);
		return -1;
	}
	r->password = u.password ? xstrdup(u.password) : NULL;
	pg_uri_clear(&u);
	if (db_postgres_connect(ap->uri, &conn, &schema, &err) != 0) {
		diag_add(dl, SEV_ERROR, nopos, "%s", err);
		free(err);
		pg_disconnect(r);
		return -1;
	}
	r->conn = (PGconn *)conn;
	pq.setNoticeProcessor(r->conn, quiet_notices, NULL);
	if (!ap->schema)
		ap->schema = schema;
	else
		free(schema);
	return 0;
}

/* SET [LOCAL] lock_timeout and the rest, from inside a transaction. */
static int set_limits(struct pgrun *r)
{
	PGresult *bad = NULL, *res;

	res = exec2(r, "SELECT set_config('lock_timeout', $1, true)", r->lock_timeout, NULL,
		    &bad);
	if (!res) {
		char *why = server_message(r, bad);

		fail(r, "SKEMA_LOCK_TIMEOUT: %s", why);
		free(why);
		pq.clear(bad);
		return -1;
	}
	pq.clear(res);
	return run_own(r, "SELECT set_config('statement_timeout', $1, true), "
		       "set_config('client_min_messages', 'warning', true)",
		       APPLY_PG_STATEMENT_TIMEOUT, NULL);
}

static bool schema_exists(struct pgrun *r)
{
	return query_int(r, "SELECT count(*) FROM pg_namespace WHERE nspname = $1",
			 r->ap->schema) > 0;
}

/* Every table of the schema IN ACCESS SHARE MODE, one at a time so that
 * the message names the one another session holds.  Introspection then
 * never waits (its probes copy tables), and no DDL of others can change
 * the tables under us. */
static int lock_tables(struct pgrun *r)
{
	PGresult *bad = NULL, *res;
	int rc = 0;

	res = exec2(r, "SELECT c.relname FROM pg_class c "
		    "JOIN pg_namespace n ON n.oid = c.relnamespace "
		    "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname",
		    r->ap->schema, NULL, &bad);
	if (!res) {
		fail_own(r, "SELECT ... FROM pg_class", bad);
		return -1;
	}
	for (int i = 0; rc == 0 && i < pq.ntuples(res); i++) {
		const char *table = pq.getvalue(res, i, 0);
		char *q = qualified(r, table);
		char *sql = xasprintf("LOCK TABLE %s IN ACCESS SHARE MODE", q);
		PGresult *lres = exec2(r, sql, NULL, NULL, &bad);

		if (!lres && is_lock_timeout(bad)) {
			fail(r, "table '%s' is locked by another session: gave up after %s "
			     "(SKEMA_LOCK_TIMEOUT); nothing was changed in %s",
			     table, r->lock_timeout, r->name);
			pq.clear(bad);
			rc = -1;
		} else if (!lres) {
			fail_own(r, sql, bad);
			rc = -1;
		}
		pq.clear(lres);
		free(sql);
		free(q);
	}
	pq.clear(res);
	return rc;
}

/* The schema as a normalised model, read inside the open transaction;
 * NULL (and an error) on failure. */
static struct model *introspect(struct pgrun *r, struct diag_list *warnings)
{
	struct model *m = NULL;
	char *err = NULL;

	if (db_postgres_introspect((struct pg_conn *)r->conn, r->ap->schema, r->name, &m,
				   warnings, &err) != 0) {
		char *clean = pg_uri_scrub(err, r->password);

		fail(r, "cannot read %s: %s", r->name, clean);
		free(clean);
		free(err);
		return NULL;
	}
	apply_pg_normalise(m);
	return m;
}

/* ---- what changes lose, and empty tables ---- */

static int64_t count_rows(struct pgrun *r, const char *table, const char *column)
{
	char *qt = qualified(r, table), *qc = column ? quoted(column) : NULL;
	char *sql = xasprintf("SELECT count(%s) FROM %s", qc ? qc : "*", qt);
	int64_t n = query_int(r, sql, NULL);

	free(sql);
	free(qc);
	free(qt);
	return n;
}

static bool table_is_empty(void *ctx, const char *table)
{
	struct pgrun *r = ctx;
	char *qt = qualified(r, table);
	char *sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) s", qt);
	int64_t n = query_int(r, sql, NULL);

	free(sql);
	free(qt);
	return n == 0;
}

/* "12,345" */
static void add_count(struct strbuf *sb, int64_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && digits[i - 1] != '-' && (len - i) % 3 == 0)
			sb_addc(sb, ',');
		sb_addc(sb, digits[i]);
	}
}

static void loss_notes(struct pgrun *r)
{
	struct apply *ap = &r->ap->base;
	struct strbuf sb;
	int64_t n;

	ap->loss_notes = xcalloc(ap->changes.n ? ap->changes.n : 1, sizeof(char *));
	sb_init(&sb);
	for (size_t i = 0; i < ap->changes.n; i++) {
		const struct change *ch = &ap->changes.items[i];
		bool column = ch->from_column && (ch->kind == CH_DROP_COLUMN ||
						   ch->kind == CH_ALTER_COLUMN);

		if (!ch->destructive || !ch->from_table ||
		    (ch->kind != CH_DROP_TABLE && !column))
			continue;
		n = count_rows(r, ch->from_table->name,
			       ch->kind == CH_DROP_TABLE ? NULL : ch->from_column->name);
		if (n < 0)
			continue;
		sb_reset(&sb);
		add_count(&sb, n);
		if (ch->kind == CH_DROP_TABLE)
			sb_add(&sb, n == 1 ? " row" : " rows");
		else
			sb_add(&sb, n == 1 ? " non-null value" : " non-null values");
		ap->loss_notes[i] = xstrdup(sb.buf);
	}
	sb_free(&sb);
}

/* ---- open ---- */

int apply_pg_open(struct apply_pg *ap, const char *uri, const struct model *m,
		  struct diag_list *dl)
{
	struct pgrun r;
	struct plan_options po;
	int rc = -1;

	apply_pg_init(ap, uri, m);
	if (pg_connect(&r, ap, dl) != 0)
		return -1;
	if (run_own(&r, "BEGIN ISOLATION LEVEL REPEATABLE READ", NULL, NULL) != 0 ||
	    set_limits(&r) != 0)
		goto out;
	ap->new_schema = !schema_exists(&r);
	if (ap->new_schema) {
		ap->base.is_new = true;
		ap->base.current = model_new();
	} else {
		if (lock_tables(&r) != 0 || !(ap->base.current = introspect(&r, dl)))
			goto out;
		ap->base.is_new = ap->base.current->tables.n == 0 &&
				  ap->base.current->views.n == 0;
	}
	diff_models(ap->base.current, ap->target, &ap->base.changes);
	po = (struct plan_options){ .table_is_empty = table_is_empty, .ctx = &r };
	if (plan_build_with(ap->base.current, ap->target, &ap->base.changes, &dialect_postgres,
			    &po, &ap->base.plan, dl) != 0)
		goto out;
	loss_notes(&r);
	rc = 0;
out:
	pq.clear(pq.exec(r.conn, "ROLLBACK"));
	pg_disconnect(&r);
	return rc;
}

/* ---- running ---- */

static void fail_step(struct pgrun *r, const struct change *ch, const char *sql,
		      PGresult *res)
{
	char *why = server_message(r, res);
	const char *what = ch && ch->summary ? ch->summary : first_change(&r->ap->base);

	if (is_lock_timeout(res))
		fail(r, "change '%s' failed on %s: another session holds a lock on the table; "
		     "gave up after %s (SKEMA_LOCK_TIMEOUT); nothing was changed\n  statement: %s",
		     what, r->name, r->lock_timeout, sql);
	else
		fail(r, "change '%s' failed on %s: %s; nothing was changed\n  statement: %s",
		     what, r->name, why, sql);
	free(why);
	pq.clear(res);
}

static int run_steps(struct pgrun *r)
{
	const struct plan *p = &r->ap->base.plan;

	for (size_t i = 0; i < p->n; i++) {
		PGresult *bad = NULL, *res = exec2(r, p->steps[i].sql, NULL, NULL, &bad);

		if (!res) {
			fail_step(r, p->steps[i].change, p->steps[i].sql, bad);
			return -1;
		}
		pq.clear(res);
	}
	return 0;
}

static char *plan_sql(const struct plan *p)
{
	struct strbuf sb;

	sb_init(&sb);
	for (size_t i = 0; i < p->n; i++) {
		sb_add(&sb, p->steps[i].sql);
		sb_add(&sb, ";\n");
	}
	return sb_release(&sb);
}

/* The table, then (insert) the row.  The row goes in last, after the
 * final check: a sequence is not transactional, so a run that fails
 * before leaves even the identity's counter as it was. */
static int record_history(struct pgrun *r, bool insert_row)
{
	char *table = qualified(r, "skema_migrations");
	char *create = xasprintf(
		"CREATE TABLE IF NOT EXISTS %s (\n"
		"  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
		"  applied_at timestamptz NOT NULL DEFAULT now(),\n"
		"  checksum text NOT NULL,\n"
		"  sql text NOT NULL\n"
		")", table);
	char *insert = xasprintf("INSERT INTO %s (checksum, sql) VALUES ($1, $2)", table);
	char *sql = plan_sql(&r->ap->base.plan);
	/* The plan holds no password; scrub anyway, as everything else. */
	char *clean = pg_uri_scrub(sql, r->password);
	int rc = insert_row ? 0 : run_own(r, create, NULL, NULL);

	if (rc == 0 && insert_row)
		rc = run_own(r, insert, r->ap->base.checksum, clean);
	free(clean);
	free(sql);
	free(insert);
	free(create);
	free(table);
	return rc;
}

/* The schema is still what apply_pg_open planned against. */
static int same_as_planned(struct pgrun *r)
{
	struct diag_list scratch;
	struct model *now;
	int rc = 0;

	if (r->ap->new_schema) {
		if (schema_exists(r)) {
			fail(r, "%s changed since the plan was made (schema '%s' was created); "
			     "run again to see the new plan", r->name, r->ap->schema);
			return -1;
		}
		return 0;
	}
	diag_list_init(&scratch);
	now = introspect(r, &scratch);
	diag_list_free(&scratch);
	if (!now)
		return -1;
	if (!model_eq(now, r->ap->base.current)) {
		fail(r, "%s changed since the plan was made; run again to see the new plan",
		     r->name);
		rc = -1;
	}
	model_free(now);
	return rc;
}

/* The schema now equals the model: the plan from it has no statement. */
static int verify(struct pgrun *r)
{
	struct diag_list scratch;
	struct change_list cl;
	struct plan p;
	struct plan_options po = { .table_is_empty = table_is_empty, .ctx = r };
	struct strbuf sb;
	struct model *now;
	int rc = 0;

	diag_list_init(&scratch);
	now = introspect(r, &scratch);
	if (!now) {
		diag_list_free(&scratch);
		return -1;
	}
	change_list_init(&cl);
	plan_init(&p, &dialect_postgres);
	diff_models(now, r->ap->target, &cl);
	sb_init(&sb);
	diag_list_free(&scratch);
	diag_list_init(&scratch);
	if (plan_build_with(now, r->ap->target, &cl, &dialect_postgres, &po, &p, &scratch) != 0) {
		for (size_t i = 0; i < scratch.n; i++)
			if (scratch.items[i].severity == SEV_ERROR)
				sb_printf(&sb, "%s%s", sb.len ? "; " : "", scratch.items[i].message);
		rc = -1;
	} else if (p.n > 0) {
		const struct change *last = NULL;

		for (size_t i = 0; i < p.n; i++) {
			if (p.steps[i].change == last || !p.steps[i].change)
				continue;
			last = p.steps[i].change;
			sb_printf(&sb, "%s%s", sb.len ? "; " : "",
				  last->summary ? last->summary : "?");
		}
		rc = -1;
	}
	if (rc != 0)
		fail(r, "%s does not match the model after the migration (%s); "
		     "everything was rolled back", r->name, sb.buf);
	sb_free(&sb);
	plan_free(&p);
	diag_list_free(&scratch);
	change_list_free(&cl);
	model_free(now);
	return rc;
}

/* ---- rehearsal counts ---- */

static void add_pair(struct apply_rehearsal *rh, const char *from, const char *to)
{
	xgrow(&rh->items, &rh->cap, rh->n + 1, sizeof(rh->items[0]));
	rh->items[rh->n++] = (struct apply_count){
		.from = from ? xstrdup(from) : NULL, .to = to ? xstrdup(to) : NULL,
		.before = -1, .after = -1,
	};
}

/* Every table before and after, following renames. */
static void pair_tables(const struct apply *ap, struct apply_rehearsal *rh)
{
	const struct model *a = ap->current, *b = ap->model;

	for (size_t i = 0; i < b->tables.n; i++) {
		const struct table *t = PLIST_AT(&b->tables, const struct table, i);
		const char *from = model_table(a, t->name) ? t->name : NULL;

		for (size_t k = 0; k < ap->changes.n; k++) {
			const struct change *ch = &ap->changes.items[k];

			if (ch->kind == CH_RENAME_TABLE && ch->to_table == t && ch->from_table)
				from = ch->from_table->name;
		}
		add_pair(rh, from, t->name);
	}
	for (size_t i = 0; i < a->tables.n; i++) {
		const struct table *t = PLIST_AT(&a->tables, const struct table, i);
		bool seen = false;

		for (size_t k = 0; k < rh->n && !seen; k++)
			seen = str_eq_null(rh->items[k].from, t->name);
		if (!seen)
			add_pair(rh, t->name, NULL);
	}
}

static void take_counts(struct pgrun *r, struct apply_rehearsal *rh, bool after)
{
	for (size_t i = 0; i < rh->n; i++) {
		const char *name = after ? rh->items[i].to : rh->items[i].from;

		if (!name)
			continue;
		if (after)
			rh->items[i].after = count_rows(r, name, NULL);
		else
			rh->items[i].before = count_rows(r, name, NULL);
	}
}

/* The run; rolled back at the end when rh (a rehearsal) is given. */
static int run(struct apply_pg *ap, struct apply_rehearsal *rh, struct diag_list *dl)
{
	struct pgrun r;
	int rc;

	if (!ap->schema) {
		diag_add(dl, SEV_ERROR, nopos, "%s was not opened", ap->base.path);
		return APPLY_FAILED;
	}
	if (pg_connect(&r, ap, dl) != 0)
		return APPLY_FAILED;
	rc = run_own(&r, "BEGIN", NULL, NULL);
	if (rc == 0)
		rc = set_limits(&r);
	/* Before anything reads the tables: introspection's probes copy them. */
	if (rc == 0 && !ap->new_schema)
		rc = lock_tables(&r);
	if (rc == 0)
		rc = same_as_planned(&r);
	if (rc == 0 && ap->new_schema) {
		char *q = quoted(ap->schema), *sql = xasprintf("CREATE SCHEMA %s", q);

		rc = run_own(&r, sql, NULL, NULL);
		free(sql);
		free(q);
	}
	/* The plan names objects without their schema. */
	if (rc == 0)
		rc = run_own(&r, strcmp(ap->schema, "public") == 0
			     ? "SELECT set_config('search_path', quote_ident($1), true)"
			     : "SELECT set_config('search_path', quote_ident($1) || ', public', true)",
			     ap->schema, NULL);
	if (rc == 0 && rh) {
		pair_tables(&ap->base, rh);
		take_counts(&r, rh, false);
	}
	if (rc == 0)
		rc = run_steps(&r);
	if (rc == 0)
		rc = record_history(&r, false);
	if (rc == 0)
		rc = verify(&r);
	if (rc == 0 && rh) {
		take_counts(&r, rh, true);
		rh->clean = true;
	}
	/* A rehearsal leaves out only the row, which would use up an id. */
	if (rc == 0 && !rh)
		rc = record_history(&r, true);
	if (rc == 0 && !rh)
		rc = run_own(&r, "COMMIT", NULL, NULL);
	if ((rc != 0 || rh) && pq.transactionStatus(r.conn) != PQTRANS_IDLE)
		pq.clear(pq.exec(r.conn, "ROLLBACK"));
	pg_disconnect(&r);
	return rc == 0 ? APPLY_OK : APPLY_FAILED;
}

int apply_pg_run(struct apply_pg *ap, const struct apply_options *o, struct diag_list *dl)
{
	(void)o;
	return run(ap, NULL, dl);
}

int apply_pg_rehearse(struct apply_pg *ap, const struct apply_options *o,
		      struct apply_rehearsal *r, struct diag_list *dl)
{
	(void)o;
	r->clean = false;
	return run(ap, r, dl);
}

#else /* !HAVE_LIBPQ */

int apply_pg_open(struct apply_pg *ap, const char *uri, const struct model *m,
		  struct diag_list *dl)
{
	apply_pg_init(ap, uri, m);
	diag_add(dl, SEV_ERROR, nopos, "%s", DB_POSTGRES_MISSING);
	return -1;
}

int apply_pg_run(struct apply_pg *ap, const struct apply_options *o, struct diag_list *dl)
{
	(void)ap;
	(void)o;
	diag_add(dl, SEV_ERROR, nopos, "%s", DB_POSTGRES_MISSING);
	return APPLY_FAILED;
}

int apply_pg_rehearse(struct apply_pg *ap, const struct apply_options *o,
		      struct apply_rehearsal *r, struct diag_list *dl)
{
	(void)ap;
	(void)o;
	(void)r;
	diag_add(dl, SEV_ERROR, nopos, "%s", DB_POSTGRES_MISSING);
	return APPLY_FAILED;
}

#endif
