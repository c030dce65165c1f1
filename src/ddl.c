/* ddl.c — see ddl.h.
 *
 * One generator for every dialect: what differs is read from struct
 * dialect.  Every name goes through dialect_quote_ident and every value
 * through dialect_quote_string; only the model's SQL fragments
 * (default_sql, check, where, views, triggers) are written as they are,
 * since SQL is what they hold (but for outer whitespace, and a default's
 * outer parentheses, which an engine does not keep either).
 *
 * Constraints other than the primary key are written at table level and
 * named, so that a migration can later drop exactly the one it means:
 *   uq_<table>_<columns>        UNIQUE
 *   fk_<table>_<columns>        FOREIGN KEY (or the foreign key's `name`)
 *   ck_<table>_<column>         the column's `check`
 *   ck_<table>_<column>_<key>   ge, le, gt, lt, min_length, max_length, enum
 *   ix_<table>_<column>         CREATE INDEX for `index: true`
 * Table checks and indexes keep the names the model gives them. */
#include "ddl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sql-lexer.h"

#define INDENT "  "

struct gen {
	const struct model *m;
	const struct dialect *d;
	struct diag_list *dl;
	struct strbuf *deferred;   /* ALTER TABLE ... ADD CONSTRAINT, after all tables */
	struct ddl_objects *objs;  /* ddl_table_objects: collect named objects */
	bool no_fks;               /* ddl_create_table without foreign keys */
};

static void objs_push(const struct gen *g, enum ddl_object_kind kind, const char *name,
		      const char *sql)
{
	struct ddl_object *o;

	if (!g->objs)
		return;
	xgrow(&g->objs->items, &g->objs->cap, g->objs->n + 1, sizeof(*g->objs->items));
	o = &g->objs->items[g->objs->n++];
	o->kind = kind;
	o->name = xstrdup(name);
	o->sql = xstrdup(sql);
}

/* The text so far as an owned string; sb stays usable. */
static char *take(struct strbuf *sb)
{
	char *s = xstrdup(sb->buf);

	sb_reset(sb);
	return s;
}

static char *take_all(struct strbuf *sb)
{
	char *s = take(sb);

	sb_free(sb);
	return s;
}

static void ident(const struct gen *g, struct strbuf *sb, const char *name)
{
	dialect_quote_ident(g->d, sb, name);
}

static void literal(const struct gen *g, struct strbuf *sb, const char *s)
{
	dialect_quote_string(g->d, sb, s);
}

/* Each line of text as an SQL comment line.  \r ends a comment in some
 * engines' lexers too, so it splits lines here as well: nothing in the
 * text can escape the comment. */
static void comment_lines_at(struct strbuf *sb, const char *first_indent,
			     const char *indent, const char *text)
{
	const char *p = text;

	for (;;) {
		size_t n = strcspn(p, "\r\n");

		sb_add(sb, p == text ? first_indent : indent);
		sb_add(sb, n ? "-- " : "--");
		sb_addn(sb, p, n);
		sb_addc(sb, '\n');
		p += n;
		if (*p == '\0')
			break;
		if (p[0] == '\r' && p[1] == '\n')
			p++;
		p++;
	}
}

static void comment_lines(struct strbuf *sb, const char *indent, const char *text)
{
	comment_lines_at(sb, indent, indent, text);
}

/* A plain decimal number, as a YAML int or float is written in SQL. */
static bool is_number(const char *s)
{
	bool digits = false;

	if (!s)
		return false;
	if (*s == '+' || *s == '-')
		s++;
	while (isdigit((unsigned char)*s)) {
		s++;
		digits = true;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			s++;
			digits = true;
		}
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

/* Types with no length limit: engines with index prefixes need one for
 * them, and MySQL allows them only expression defaults. */
static bool column_is_unbounded(const struct column *c)
{
	struct logical_type lt;

	if (!logical_type_parse(c->type, &lt))
		return false;
	return strcmp(lt.base, "text") == 0 || strcmp(lt.base, "blob") == 0 ||
	       strcmp(lt.base, "json") == 0;
}

static bool column_needs_prefix(const struct gen *g, const struct column *c)
{
	return g->d->text_index_prefix > 0 && column_is_unbounded(c);
}

/* A column of a key or index: its name, with a prefix length where the
 * dialect cannot index a whole TEXT. */
static void key_column(const struct gen *g, struct strbuf *sb, const struct table *t,
		       const char *name)
{
	const struct column *c = table_column(t, name);

	ident(g, sb, name);
	if (c && column_needs_prefix(g, c))
		sb_printf(sb, "(%d)", g->d->text_index_prefix);
}

/* A unique key over a prefix is a weaker promise than the model's. */
static void warn_prefix(const struct gen *g, const struct table *t, const struct strlist *names,
			const char *what, struct pos pos)
{
	for (size_t i = 0; i < names->n; i++) {
		const struct column *c = table_column(t, names->items[i]);

		if (c && column_needs_prefix(g, c))
			diag_add(g->dl, SEV_WARNING, pos.line ? pos : c->pos,
				 "%s on column '%s.%s' covers only its first %d characters on %s",
				 what, t->name, c->name, g->d->text_index_prefix, g->d->title);
	}
}

static void column_list(const struct gen *g, struct strbuf *sb, const struct table *t,
			const struct strlist *names, bool prefixes)
{
	sb_addc(sb, '(');
	for (size_t i = 0; i < names->n; i++) {
		if (i > 0)
			sb_add(sb, ", ");
		if (prefixes && t)
			key_column(g, sb, t, names->items[i]);
		else
			ident(g, sb, names->items[i]);
	}
	sb_addc(sb, ')');
}

static char *names_joined(const struct strlist *names)
{
	struct strbuf sb;
	char *s;

	sb_init(&sb);
	for (size_t i = 0; i < names->n; i++) {
		if (i > 0)
			sb_addc(&sb, '_');
		sb_add(&sb, names->items[i]);
	}
	s = take(&sb);
	sb_free(&sb);
	return s;
}

static void action(struct strbuf *sb, const char *clause, enum fk_action a)
{
	const char *name = fk_action_name(a);

	/* NO ACTION is every engine's default and no engine reports it back,
	 * so writing it would make a database differ from its own import. */
	if (a == ACTION_NONE || a == ACTION_NO_ACTION || !name)
		return;
	sb_printf(sb, " %s ", clause);
	for (; *name; name++)
		sb_addc(sb, (char)toupper((unsigned char)*name));
}

/* Is e[0..n) one parenthesised group, "(" closing at the very end (not
 * "(a) + (b)")?  Read with the SQL lexer, so that a parenthesis inside a
 * string or quoted name does not count; a comment or an unterminated
 * quote makes it "no", which leaves the text as it is. */
static bool is_whole_group(const char *e, size_t n)
{
	struct sql_lexer lx;
	struct sql_token tok;
	int depth = 0;

	sql_lexer_init(&lx, e, n);
	while (sql_lexer_next(&lx, &tok)) {
		if (tok.kind == SQL_TOK_UNTERMINATED || tok.kind == SQL_TOK_LINE_COMMENT ||
		    tok.kind == SQL_TOK_BLOCK_COMMENT)
			return false;
		if (sql_token_is_punct(e, &tok, "("))
			depth++;
		else if (sql_token_is_punct(e, &tok, ")") && depth > 0 && --depth == 0)
			return tok.start + tok.len == n;
		else if (depth == 0)
			return false;
	}
	return false;
}

/* The expression a default_sql holds: without outer whitespace and
 * without parentheses around the whole of it, however many.  That is
 * what SQLite reports for DEFAULT (...) (and `skema import` turns a
 * literal it reports into `default:`), so written so, "(1)" and " 1 "
 * come back as the 1 the database holds: the same CREATE TABLE, no
 * difference.  Empty when there is nothing but that. */
static void default_core(const char *e, const char **start, size_t *len)
{
	size_t n = strlen(e);

	for (;;) {
		while (n > 0 && isspace((unsigned char)*e)) {
			e++;
			n--;
		}
		while (n > 0 && isspace((unsigned char)e[n - 1]))
			n--;
		if (n < 2 || !is_whole_group(e, n))
			break;
		e++;
		n -= 2;
	}
	*start = e;
	*len = n;
}

/* An expression that is not a single word, number, string or
 * parenthesised group gets parentheses, which SQLite and MySQL require
 * around expression defaults and PostgreSQL accepts. */
static bool needs_parens(const char *e)
{
	size_t n = strlen(e);
	struct sql_lexer lx;
	struct sql_token tok, end;
	bool word = n > 0;

	if (is_number(e))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!isalnum((unsigned char)e[i]) && e[i] != '_')
			word = false;
	}
	if (word)
		return false;
	sql_lexer_init(&lx, e, n);
	if (sql_lexer_next(&lx, &tok) && tok.kind == SQL_TOK_STRING && tok.start == 0 &&
	    tok.len == n && !sql_lexer_next(&lx, &end))
		return false;
	return !is_whole_group(e, n);
}

static void column_default(const struct gen *g, struct strbuf *sb, const struct table *t,
			   const struct column *c)
{
	struct strbuf lit;
	bool wrap;

	wrap = !g->d->text_defaults && column_is_unbounded(c);
	if (c->default_sql) {
		const char *start;
		size_t n;
		char *e;

		default_core(c->default_sql, &start, &n);
		e = n > 0 ? xstrndup(start, n) : xstrdup(c->default_sql);
		/* Where the engine wants an expression default (MySQL's TEXT),
		 * even a literal is one. */
		if (needs_parens(e) || (wrap && !is_whole_group(e, strlen(e))))
			sb_printf(sb, " DEFAULT (%s)", e);
		else
			sb_printf(sb, " DEFAULT %s", e);
		free(e);
		return;
	}
	if (c->dflt.kind == VALUE_NONE)
		return;
	if (c->dflt.kind == VALUE_NULL) {
		sb_add(sb, " DEFAULT NULL");
		return;
	}

	sb_init(&lit);
	switch (c->dflt.kind) {
	case VALUE_BOOL:
		sb_add(&lit, str_eq_null(c->dflt.text, "true") ? g->d->bool_true : g->d->bool_false);
		break;
	case VALUE_INT:
	case VALUE_FLOAT:
		if (is_number(c->dflt.text)) {
			sb_add(&lit, c->dflt.text);
			break;
		}
		diag_add(g->dl, SEV_WARNING, column_key_pos(c, CK_DEFAULT),
			 "default of column '%s.%s' is not a plain decimal number; written as the string '%s'",
			 t->name, c->name, c->dflt.text ? c->dflt.text : "");
		literal(g, &lit, c->dflt.text ? c->dflt.text : "");
		break;
	default:
		literal(g, &lit, c->dflt.text ? c->dflt.text : "");
		break;
	}
	sb_printf(sb, wrap ? " DEFAULT (%s)" : " DEFAULT %s", lit.buf);
	sb_free(&lit);
}

/* The primary key columns: the table's list, else the flagged columns. */
static void primary_key_columns(const struct table *t, struct strlist *out)
{
	strlist_init(out);
	if (t->primary_key.n > 0) {
		strlist_copy(out, &t->primary_key);
		return;
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->primary_key)
			strlist_push(out, c->name);
	}
}

/* The items inside CREATE TABLE (...), each with the comment lines that
 * go before it. */
struct body {
	struct strlist items;
	struct strlist before;
};

static void body_add(struct body *b, char *item, char *before)
{
	strlist_push_owned(&b->items, item);
	strlist_push_owned(&b->before, before ? before : xstrdup(""));
}

static void column_line(const struct gen *g, struct body *b, const struct table *t,
			const struct column *c, bool inline_pk)
{
	struct strbuf sb, before;
	struct logical_type lt;
	struct enum_type *e = NULL;
	bool logical = logical_type_parse(c->type, &lt);
	bool autoinc = c->autoincrement;
	bool autoinc_after_pk = g->d->autoinc == AUTOINC_SQLITE;

	sb_init(&sb);
	sb_init(&before);
	if (c->comment && g->d->comments == COMMENTS_SQL_LINES)
		comment_lines(&before, INDENT, c->comment);

	ident(g, &sb, c->name);
	sb_addc(&sb, ' ');
	if (autoinc && autoinc_after_pk && !(inline_pk && lt.cls == TYPE_CLASS_INTEGER)) {
		diag_add(g->dl, SEV_WARNING, column_key_pos(c, CK_AUTOINCREMENT),
			 "column '%s.%s' is not autoincrement on %s: only a single integer primary key can be",
			 t->name, c->name, g->d->title);
		autoinc = false;
	}
	if (autoinc && g->d->autoinc_type && lt.cls == TYPE_CLASS_INTEGER) {
		sb_add(&sb, g->d->autoinc_type);
	} else {
		if (logical && lt.cls == TYPE_CLASS_ENUM)
			e = model_enum(g->m, lt.enum_name);
		if (!dialect_type(g->d, &sb, c->type, t->strict && g->d->table_options,
				  e ? &e->values : NULL))
			diag_add(g->dl, SEV_WARNING, column_key_pos(c, CK_TYPE),
				 "column '%s.%s' has type '%s', which is not a logical type; it is passed to %s as written",
				 t->name, c->name, c->type ? c->type : "", g->d->title);
	}
	if (!column_is_nullable(t, c))
		sb_add(&sb, " NOT NULL");
	column_default(g, &sb, t, c);
	if (autoinc && !autoinc_after_pk)
		sb_add(&sb, g->d->autoinc_spelling);
	if (inline_pk) {
		sb_add(&sb, " PRIMARY KEY");
		if (autoinc && autoinc_after_pk)
			sb_add(&sb, g->d->autoinc_spelling);
	}
	if (c->comment && g->d->comments == COMMENTS_INLINE_OPTION) {
		sb_add(&sb, " COMMENT ");
		literal(g, &sb, c->comment);
	}
	body_add(b, take(&sb), take(&before));
	sb_free(&sb);
	sb_free(&before);
}

/* SQL text of the model (a check, an index's WHERE) without outer
 * whitespace: a YAML block scalar's final newline is no part of it, and
 * SQLite gives the text back without it, so a table written with it
 * would never read back as its own CREATE TABLE. */
static void sql_trimmed(struct strbuf *sb, const char *text)
{
	size_t n;

	while (isspace((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	sb_addn(sb, text, n);
}

static void add_check(const struct gen *g, struct body *b, const struct table *t,
		      const char *suffix, const char *expr)
{
	struct strbuf sb;
	char *name = dialect_object_name(g->d, "ck", t->name, suffix);

	sb_init(&sb);
	sb_add(&sb, "CONSTRAINT ");
	ident(g, &sb, name);
	sb_printf(&sb, " CHECK (%s)", expr);
	objs_push(g, DDL_OBJ_CHECK, name, sb.buf);
	body_add(b, take(&sb), NULL);
	sb_free(&sb);
	free(name);
}

static const char *const bound_ops[BOUND_COUNT] = {
	[BOUND_GE] = ">=", [BOUND_LE] = "<=", [BOUND_GT] = ">", [BOUND_LT] = "<",
};

static void column_checks(const struct gen *g, struct body *b, const struct table *t,
			  const struct column *c)
{
	struct strbuf expr, suffix;
	struct logical_type lt;

	sb_init(&expr);
	sb_init(&suffix);
	if (c->check) {
		sql_trimmed(&expr, c->check);
		add_check(g, b, t, c->name, expr.buf);
	}
	for (int k = 0; k < BOUND_COUNT; k++) {
		if (!c->bound[k])
			continue;
		if (!is_number(c->bound[k])) {
			diag_add(g->dl, SEV_WARNING, column_key_pos(c, CK_GE + k),
				 "bound '%s' of column '%s.%s' is not a number; no check is written",
				 column_key_name(CK_GE + k), t->name, c->name);
			continue;
		}
		sb_reset(&expr);
		ident(g, &expr, c->name);
		sb_printf(&expr, " %s %s", bound_ops[k], c->bound[k]);
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_%s", c->name, column_key_name(CK_GE + k));
		add_check(g, b, t, suffix.buf, expr.buf);
	}
	for (int k = CK_MIN_LENGTH; k <= CK_MAX_LENGTH; k++) {
		int64_t v = k == CK_MIN_LENGTH ? c->min_length : c->max_length;

		if (v < 0)
			continue;
		sb_reset(&expr);
		sb_printf(&expr, "%s(", g->d->length_function);
		ident(g, &expr, c->name);
		sb_printf(&expr, ") %s %lld", k == CK_MIN_LENGTH ? ">=" : "<=", (long long)v);
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_%s", c->name, column_key_name(k));
		add_check(g, b, t, suffix.buf, expr.buf);
	}
	if (g->d->enums == ENUMS_CHECK_IN && logical_type_parse(c->type, &lt) &&
	    lt.cls == TYPE_CLASS_ENUM) {
		const struct enum_type *e = model_enum(g->m, lt.enum_name);

		sb_reset(&expr);
		ident(g, &expr, c->name);
		sb_add(&expr, " IN (");
		for (size_t i = 0; e && i < e->values.n; i++) {
			if (i > 0)
				sb_add(&expr, ", ");
			literal(g, &expr, e->values.items[i]);
		}
		sb_addc(&expr, ')');
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_enum", c->name);
		add_check(g, b, t, suffix.buf, expr.buf);
	}
	sb_free(&expr);
	sb_free(&suffix);
}

/* "CONSTRAINT name FOREIGN KEY (...) REFERENCES t (...) ON ..." */
static void fk_clause(const struct gen *g, struct strbuf *sb, const char *name,
		      const struct strlist *cols, const char *ref_table,
		      const struct strlist *ref_cols, enum fk_action on_delete,
		      enum fk_action on_update)
{
	sb_add(sb, "CONSTRAINT ");
	ident(g, sb, name);
	sb_add(sb, " FOREIGN KEY ");
	column_list(g, sb, NULL, cols, false);
	sb_add(sb, " REFERENCES ");
	ident(g, sb, ref_table);
	if (ref_cols->n > 0) {
		sb_addc(sb, ' ');
		column_list(g, sb, NULL, ref_cols, false);
	}
	action(sb, "ON DELETE", on_delete);
	action(sb, "ON UPDATE", on_update);
}

/* Inline, or (a later table, a cycle, where the dialect cannot name a
 * table that does not exist yet) an ALTER TABLE after all tables. */
static void add_fk(const struct gen *g, struct body *b, const struct table *t,
		   const char *name, const struct strlist *cols, const char *ref_table,
		   const struct strlist *ref_cols, enum fk_action on_delete,
		   enum fk_action on_update)
{
	struct strbuf sb;
	long self = model_table_index(g->m, t->name);
	long ref = model_table_index(g->m, ref_table);

	sb_init(&sb);
	fk_clause(g, &sb, name, cols, ref_table, ref_cols, on_delete, on_update);
	objs_push(g, DDL_OBJ_FOREIGN_KEY, name, sb.buf);
	if (g->no_fks) {
		sb_free(&sb);
		return;
	}
	if (g->d->forward_fk_inline || ref <= self || self < 0) {
		body_add(b, take(&sb), NULL);
	} else {
		sb_add(g->deferred, "ALTER TABLE ");
		ident(g, g->deferred, t->name);
		sb_printf(g->deferred, " ADD %s%s\n", sb.buf, g->d->statement_end);
	}
	sb_free(&sb);
}

static void table_constraints(const struct gen *g, struct body *b, const struct table *t,
			      const struct strlist *pk, bool inline_pk)
{
	struct strlist one, ref;
	struct strbuf sb;
	char *joined, *name;

	strlist_init(&one);
	strlist_init(&ref);
	sb_init(&sb);

	if (pk->n > 0 && !inline_pk) {
		sb_add(&sb, "PRIMARY KEY ");
		column_list(g, &sb, t, pk, true);
		warn_prefix(g, t, pk, "primary key", t->key_pos[TK_PRIMARY_KEY]);
		body_add(b, take(&sb), NULL);
	}

	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!c->unique)
			continue;
		strlist_free(&one);
		strlist_push(&one, c->name);
		name = dialect_object_name(g->d, "uq", t->name, c->name);
		sb_add(&sb, "CONSTRAINT ");
		ident(g, &sb, name);
		sb_add(&sb, " UNIQUE ");
		column_list(g, &sb, t, &one, true);
		warn_prefix(g, t, &one, "unique key", column_key_pos(c, CK_UNIQUE));
		objs_push(g, DDL_OBJ_UNIQUE, name, sb.buf);
		body_add(b, take(&sb), NULL);
		free(name);
	}
	for (size_t i = 0; i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);

		joined = names_joined(&u->columns);
		name = dialect_object_name(g->d, "uq", t->name, joined);
		sb_add(&sb, "CONSTRAINT ");
		ident(g, &sb, name);
		sb_add(&sb, " UNIQUE ");
		column_list(g, &sb, t, &u->columns, true);
		warn_prefix(g, t, &u->columns, "unique key", u->pos);
		objs_push(g, DDL_OBJ_UNIQUE, name, sb.buf);
		body_add(b, take(&sb), NULL);
		free(name);
		free(joined);
	}

	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!c->ref_table)
			continue;
		strlist_free(&one);
		strlist_push(&one, c->name);
		strlist_free(&ref);
		if (c->ref_column)
			strlist_push(&ref, c->ref_column);
		name = dialect_object_name(g->d, "fk", t->name, c->name);
		add_fk(g, b, t, name, &one, c->ref_table, &ref, c->on_delete, c->on_update);
		free(name);
	}
	for (size_t i = 0; i < t->foreign_keys.n; i++) {
		const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, i);

		if (fk->name) {
			name = xstrdup(fk->name);
		} else {
			joined = names_joined(&fk->columns);
			name = dialect_object_name(g->d, "fk", t->name, joined);
			free(joined);
		}
		add_fk(g, b, t, name, &fk->columns, fk->ref_table, &fk->ref_columns,
		       fk->on_delete, fk->on_update);
		free(name);
	}

	if (g->d->check_constraints) {
		for (size_t i = 0; i < t->columns.n; i++)
			column_checks(g, b, t, PLIST_AT(&t->columns, struct column, i));
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct check *ck = PLIST_AT(&t->checks, struct check, i);

			sb_add(&sb, "CONSTRAINT ");
			ident(g, &sb, ck->name);
			sb_add(&sb, " CHECK (");
			sql_trimmed(&sb, ck->expr);
			sb_addc(&sb, ')');
			objs_push(g, DDL_OBJ_CHECK, ck->name, sb.buf);
			body_add(b, take(&sb), NULL);
		}
	}

	strlist_free(&one);
	strlist_free(&ref);
	sb_free(&sb);
}

/* COMMENT ON kind name [ON table] IS 'text', without terminator: the
 * model's own SQL text of an object the engine keeps only normalised
 * (see sql_text_comments).  The one spelling of these comments, for the
 * script and for migration plans alike. */
static void text_comment(const struct dialect *d, struct strbuf *out, const char *kind,
			 const char *name, const char *table, const char *text)
{
	sb_printf(out, "COMMENT ON %s ", kind);
	dialect_quote_ident(d, out, name);
	if (table) {
		sb_add(out, " ON ");
		dialect_quote_ident(d, out, table);
	}
	sb_add(out, " IS ");
	dialect_quote_string(d, out, text);
}

static void create_index(const struct gen *g, struct strbuf *out, const struct table *t,
			 const char *name, const struct strlist *cols, bool unique,
			 const char *where, struct pos pos)
{
	size_t start = out->len;

	sb_add(out, unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
	ident(g, out, name);
	sb_add(out, " ON ");
	ident(g, out, t->name);
	sb_addc(out, ' ');
	column_list(g, out, t, cols, true);
	if (unique)
		warn_prefix(g, t, cols, "unique index", pos);
	if (where && g->d->partial_indexes) {
		sb_add(out, " WHERE ");
		sql_trimmed(out, where);
	} else if (where) {
		diag_add(g->dl, SEV_WARNING, pos,
			 "index '%s.%s' is created without its WHERE clause: %s has no partial indexes",
			 t->name, name, g->d->title);
	}
	objs_push(g, DDL_OBJ_INDEX, name, out->buf + start);
	sb_printf(out, "%s\n", g->d->statement_end);
	if (where && g->d->partial_indexes && g->d->sql_text_comments) {
		text_comment(g->d, out, "INDEX", name, NULL, where);
		sb_printf(out, "%s\n", g->d->statement_end);
	}
}

static void table_indexes(const struct gen *g, struct strbuf *out, const struct table *t)
{
	struct strlist one;

	strlist_init(&one);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		char *name;

		if (!c->index)
			continue;
		strlist_free(&one);
		strlist_push(&one, c->name);
		name = dialect_object_name(g->d, "ix", t->name, c->name);
		create_index(g, out, t, name, &one, false, NULL, column_key_pos(c, CK_INDEX));
		free(name);
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

		create_index(g, out, t, ix->name, &ix->columns, ix->unique, ix->where, ix->pos);
	}
	strlist_free(&one);
}

static void table_comments_on(const struct gen *g, struct strbuf *out, const struct table *t)
{
	if (g->d->comments != COMMENTS_COMMENT_ON)
		return;
	if (t->comment) {
		sb_add(out, "COMMENT ON TABLE ");
		ident(g, out, t->name);
		sb_add(out, " IS ");
		literal(g, out, t->comment);
		sb_printf(out, "%s\n", g->d->statement_end);
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!c->comment)
			continue;
		sb_add(out, "COMMENT ON COLUMN ");
		ident(g, out, t->name);
		sb_addc(out, '.');
		ident(g, out, c->name);
		sb_add(out, " IS ");
		literal(g, out, c->comment);
		sb_printf(out, "%s\n", g->d->statement_end);
	}
}

/* CREATE TABLE alone (under as_name when given), without terminator. */
static void create_table(const struct gen *g, struct strbuf *out, const struct table *t,
			 const char *as_name)
{
	struct body b;
	struct strlist pk;
	bool inline_pk;

	strlist_init(&b.items);
	strlist_init(&b.before);
	primary_key_columns(t, &pk);
	inline_pk = pk.n == 1 && t->primary_key.n == 0 &&
		    !column_needs_prefix(g, table_column(t, pk.items[0]));

	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		column_line(g, &b, t, c, inline_pk && c->primary_key);
	}
	table_constraints(g, &b, t, &pk, inline_pk);

	sb_add(out, "CREATE TABLE ");
	ident(g, out, as_name ? as_name : t->name);
	sb_add(out, " (");
	if (t->comment && g->d->comments == COMMENTS_SQL_LINES)
		comment_lines_at(out, " ", INDENT, t->comment);
	else
		sb_addc(out, '\n');
	for (size_t i = 0; i < b.items.n; i++) {
		sb_add(out, b.before.items[i]);
		sb_printf(out, INDENT "%s%s\n", b.items.items[i], i + 1 < b.items.n ? "," : "");
	}
	sb_addc(out, ')');
	if (g->d->table_suffix)
		sb_add(out, g->d->table_suffix);
	if (t->comment && g->d->comments == COMMENTS_INLINE_OPTION) {
		sb_add(out, " COMMENT=");
		literal(g, out, t->comment);
	}
	if (g->d->table_options) {
		if (t->without_rowid)
			sb_add(out, " WITHOUT ROWID");
		if (t->without_rowid && t->strict)
			sb_addc(out, ',');
		if (t->strict)
			sb_add(out, " STRICT");
	}
	strlist_free(&b.items);
	strlist_free(&b.before);
	strlist_free(&pk);
}

/* COMMENT ON CONSTRAINT name ON table IS 'text' (see sql_text_comments). */
static void constraint_text(const struct gen *g, struct strbuf *out, const struct table *t,
			    const char *name, const char *text)
{
	text_comment(g->d, out, "CONSTRAINT", name, t->name, text);
	sb_printf(out, "%s\n", g->d->statement_end);
}

/* The model's text of the checks the engine keeps only normalised. */
static void check_texts(const struct gen *g, struct strbuf *out, const struct table *t)
{
	if (!g->d->sql_text_comments || !g->d->check_constraints)
		return;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		char *name;

		if (!c->check)
			continue;
		name = dialect_object_name(g->d, "ck", t->name, c->name);
		constraint_text(g, out, t, name, c->check);
		free(name);
	}
	for (size_t i = 0; i < t->checks.n; i++) {
		const struct check *ck = PLIST_AT(&t->checks, struct check, i);

		constraint_text(g, out, t, ck->name, ck->expr);
	}
}

/* CREATE TABLE, then its comments and indexes. */
static void table_block(const struct gen *g, struct strbuf *out, const struct table *t)
{
	create_table(g, out, t, NULL);
	sb_printf(out, "%s\n", g->d->statement_end);
	table_comments_on(g, out, t);
	check_texts(g, out, t);
	table_indexes(g, out, t);
}

static void create_enum_types(const struct gen *g, struct strbuf *out)
{
	if (g->d->enums != ENUMS_CREATE_TYPE || g->m->enums.n == 0)
		return;
	for (size_t i = 0; i < g->m->enums.n; i++) {
		const struct enum_type *e = PLIST_AT(&g->m->enums, struct enum_type, i);

		sb_add(out, "CREATE TYPE ");
		ident(g, out, e->name);
		sb_add(out, " AS ENUM (");
		for (size_t k = 0; k < e->values.n; k++) {
			if (k > 0)
				sb_add(out, ", ");
			literal(g, out, e->values.items[k]);
		}
		sb_printf(out, ")%s\n", g->d->statement_end);
	}
	sb_addc(out, '\n');
}

/* SQL text without the trailing blanks and statement terminators that
 * would double the one added here. */
static size_t sql_trimmed_len(const char *sql)
{
	size_t n = strlen(sql);

	while (n > 0 && (isspace((unsigned char)sql[n - 1]) || sql[n - 1] == ';'))
		n--;
	return n;
}

static void create_views(const struct gen *g, struct strbuf *out)
{
	for (size_t i = 0; i < g->m->views.n; i++) {
		const struct sql_object *v = PLIST_AT(&g->m->views, struct sql_object, i);
		const char *sql = v->sql ? v->sql : "";
		size_t n = sql_trimmed_len(sql);

		sb_add(out, "\nCREATE VIEW ");
		ident(g, out, v->name);
		sb_add(out, memchr(sql, '\n', n) ? " AS\n" : " AS ");
		sb_addn(out, sql, n);
		sb_printf(out, "%s\n", g->d->statement_end);
		if (g->d->sql_text_comments) {
			/* Exactly the model's text, trailing newline included. */
			text_comment(g->d, out, "VIEW", v->name, NULL, sql);
			sb_printf(out, "%s\n", g->d->statement_end);
		}
	}
}

static void create_triggers(const struct gen *g, struct strbuf *out)
{
	for (size_t i = 0; i < g->m->triggers.n; i++) {
		const struct sql_object *tr = PLIST_AT(&g->m->triggers, struct sql_object, i);
		const char *sql = tr->sql ? tr->sql : "";
		size_t n = sql_trimmed_len(sql);
		char *text = xstrndup(sql, n);

		sb_addc(out, '\n');
		if (g->d->triggers_portable) {
			sb_printf(out, "%s%s\n", text, g->d->statement_end);
		} else {
			struct strbuf note;

			sb_init(&note);
			sb_add(&note, "trigger ");
			ident(g, &note, tr->name);
			sb_printf(&note, " is not created: trigger bodies are dialect-specific; adapt it for %s",
				  g->d->title);
			comment_lines(out, "", note.buf);
			sb_free(&note);
			comment_lines(out, "", text);
			diag_add(g->dl, SEV_WARNING, tr->pos,
				 "trigger '%s' is written out commented for %s: trigger bodies are dialect-specific",
				 tr->name, g->d->title);
		}
		free(text);
	}
}

char *ddl_model(const struct model *m, const struct dialect *d, struct diag_list *dl)
{
	struct strbuf out, deferred;
	struct gen g = { .m = m, .d = d, .dl = dl, .deferred = &deferred };
	char *title;

	sb_init(&out);
	sb_init(&deferred);
	sb_printf(&out, "-- skema DDL for %s\n", d->title);
	title = xasprintf("model: %s", m->name ? m->name : "unnamed model");
	comment_lines(&out, "", title);
	free(title);
	sb_addc(&out, '\n');

	create_enum_types(&g, &out);
	for (size_t i = 0; i < m->tables.n; i++) {
		if (i > 0)
			sb_addc(&out, '\n');
		table_block(&g, &out, PLIST_AT(&m->tables, struct table, i));
	}
	if (deferred.len > 0) {
		sb_add(&out, "\n-- Foreign keys to tables created after theirs\n");
		sb_add(&out, deferred.buf);
	}
	create_views(&g, &out);
	create_triggers(&g, &out);
	sb_free(&deferred);
	return take_all(&out);
}

char *ddl_table(const struct model *m, const struct table *t, const struct dialect *d,
		struct diag_list *dl)
{
	struct strbuf out, deferred;
	struct gen g = { .m = m, .d = d, .dl = dl, .deferred = &deferred };

	sb_init(&out);
	sb_init(&deferred);
	table_block(&g, &out, t);
	sb_add(&out, deferred.buf);
	sb_free(&deferred);
	return take_all(&out);
}

char *ddl_create_table(const struct model *m, const struct table *t, const char *as_name,
		       bool with_fks, const struct dialect *d, struct diag_list *dl)
{
	struct strbuf out, deferred;
	struct gen g = { .m = m, .d = d, .dl = dl, .deferred = &deferred, .no_fks = !with_fks };

	sb_init(&out);
	sb_init(&deferred);
	create_table(&g, &out, t, as_name);
	sb_free(&deferred);
	return take_all(&out);
}

char *ddl_column_definition(const struct model *m, const struct table *t,
			    const struct column *c, const struct dialect *d,
			    struct diag_list *dl)
{
	struct gen g = { .m = m, .d = d, .dl = dl };
	struct body b;
	char *s;

	strlist_init(&b.items);
	strlist_init(&b.before);
	column_line(&g, &b, t, c, false);
	s = b.items.items[0];
	b.items.items[0] = NULL;
	b.items.n = 0;
	strlist_free(&b.items);
	strlist_free(&b.before);
	return s;
}

char *ddl_column_default(const struct model *m, const struct table *t,
			 const struct column *c, const struct dialect *d,
			 struct diag_list *dl)
{
	struct gen g = { .m = m, .d = d, .dl = dl };
	struct strbuf sb;

	sb_init(&sb);
	column_default(&g, &sb, t, c);
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	/* Without the leading " DEFAULT ". */
	{
		char *s = xstrdup(sb.buf + strlen(" DEFAULT "));

		sb_free(&sb);
		return s;
	}
}

void ddl_table_objects(const struct model *m, const struct table *t, const struct dialect *d,
		       struct ddl_objects *out, struct diag_list *dl)
{
	struct strbuf sink, deferred;
	struct gen g = { .m = m, .d = d, .dl = dl, .deferred = &deferred, .objs = out };

	sb_init(&sink);
	sb_init(&deferred);
	create_table(&g, &sink, t, NULL);
	table_indexes(&g, &sink, t);
	sb_free(&sink);
	sb_free(&deferred);
}

void ddl_table_index_objects(const struct model *m, const struct table *t,
			     const struct dialect *d, struct ddl_objects *out,
			     struct diag_list *dl)
{
	struct strbuf sink, deferred;
	struct gen g = { .m = m, .d = d, .dl = dl, .deferred = &deferred, .objs = out };

	sb_init(&sink);
	sb_init(&deferred);
	table_indexes(&g, &sink, t);
	sb_free(&sink);
	sb_free(&deferred);
}

void ddl_objects_free(struct ddl_objects *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->items[i].name);
		free(o->items[i].sql);
	}
	free(o->items);
	o->items = NULL;
	o->n = o->cap = 0;
}

char *ddl_text_comment(const struct table *t, const struct ddl_object *o,
		       const struct dialect *d)
{
	struct strbuf sb;
	const char *text = NULL, *on = NULL, *kind = NULL;

	if (!d->sql_text_comments)
		return NULL;
	if (o->kind == DDL_OBJ_CHECK && d->check_constraints) {
		/* As check_texts writes them: column checks, then table checks. */
		for (size_t i = 0; !text && i < t->columns.n; i++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, i);
			char *name;

			if (!c->check)
				continue;
			name = dialect_object_name(d, "ck", t->name, c->name);
			if (strcmp(name, o->name) == 0)
				text = c->check;
			free(name);
		}
		for (size_t i = 0; !text && i < t->checks.n; i++) {
			const struct check *ck = PLIST_AT(&t->checks, struct check, i);

			if (strcmp(ck->name, o->name) == 0)
				text = ck->expr;
		}
		kind = "CONSTRAINT";
		on = t->name;
	} else if (o->kind == DDL_OBJ_INDEX && d->partial_indexes) {
		for (size_t i = 0; !text && i < t->indexes.n; i++) {
			const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

			if (strcmp(ix->name, o->name) == 0)
				text = ix->where;
		}
		kind = "INDEX";
	}
	if (!text)
		return NULL;
	sb_init(&sb);
	text_comment(d, &sb, kind, o->name, on, text);
	return take_all(&sb);
}

char *ddl_view_text_comment(const struct sql_object *v, const struct dialect *d)
{
	struct strbuf sb;

	if (!d->sql_text_comments)
		return NULL;
	sb_init(&sb);
	text_comment(d, &sb, "VIEW", v->name, NULL, v->sql ? v->sql : "");
	return take_all(&sb);
}
