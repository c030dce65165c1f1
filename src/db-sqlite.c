/* db-sqlite.c — see db-sqlite.h. */
#include "db-sqlite.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "dialect.h"
#include "infer-links.h"
#include "sql-lexer.h"
#include "types.h"

/* The generator whose output import must read back exactly. */
#define GEN (&dialect_sqlite)

struct importer {
	sqlite3 *db;
	const char *name;
	struct model *m;
	struct diag_list *dl;
	char *err;          /* first failure, one line */
	struct schema_index *ix;   /* sqlite_schema's indexes, by name */
	size_t nix;
	/* Prepared once, reset between tables: preparing the same PRAGMA
	 * queries for every table was a fifth of an import. */
	struct {
		const char *sql;   /* a string literal: compared by address */
		sqlite3_stmt *st;
	} cache[8];
	size_t ncache;
	/* type_from_declared() of the few declared types every table
	 * repeats, by a hash of the text: a tenth of the import once. */
	struct type_memo {
		char *declared;     /* NULL when the slot is empty */
		char *type;
		bool strict;
	} types[64];
};

/* An index's row in sqlite_schema: read once for the whole import, since
 * sqlite_schema has no index on name and a join per table made the
 * import quadratic. */
struct schema_index {
	char *name;
	char *sql;          /* NULL for autoindexes */
	long long rowid;
};

static const struct pos nopos;

/* ---- SQLite calls ---- */

static void fail_sqlite(struct importer *im, int rc)
{
	const char *msg = sqlite3_errmsg(im->db);

	if (im->err)
		return;
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		im->err = xasprintf("%s is not an SQLite database", im->name);
		break;
	case SQLITE_CORRUPT:
		im->err = xasprintf("%s is a corrupt SQLite database (%s)", im->name, msg);
		break;
	default:
		im->err = xasprintf("%s: %s", im->name, msg);
		break;
	}
}

/* Prepare sql with up to one text parameter; NULL after a failure. */
static sqlite3_stmt *query(struct importer *im, const char *sql, const char *param)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (im->err)
		return NULL;
	for (size_t i = 0; i < im->ncache; i++) {
		if (im->cache[i].sql == sql) {
			st = im->cache[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			goto bind;
		}
	}
	rc = sqlite3_prepare_v2(im->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		fail_sqlite(im, rc);
		sqlite3_finalize(st);
		return NULL;
	}
	if (im->ncache < sizeof(im->cache) / sizeof(im->cache[0])) {
		im->cache[im->ncache].sql = sql;
		im->cache[im->ncache].st = st;
		im->ncache++;
	}
bind:
	if (param)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	return st;
}

/* The end of a statement from query(): kept for the next table when
 * cached (reset, so that it holds no read lock), finalized otherwise. */
static void query_done(struct importer *im, sqlite3_stmt *st)
{
	for (size_t i = 0; i < im->ncache; i++) {
		if (im->cache[i].st == st) {
			sqlite3_reset(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

static void query_cache_free(struct importer *im)
{
	for (size_t i = 0; i < im->ncache; i++)
		sqlite3_finalize(im->cache[i].st);
	im->ncache = 0;
}

/* `PRAGMA main.<what>("<object>")`, rows in the PRAGMA's own order;
 * finalize with query_done().  The statement form, not the table-valued
 * pragma_<what>(?): that one prepares this very statement for every call
 * anyway, then copies every value it yields, which made it a third more
 * expensive (the PRAGMA is coded with its result rows at prepare time, so
 * there is nothing to gain from preparing it once). */
static sqlite3_stmt *pragma(struct importer *im, const char *what, const char *object)
{
	struct strbuf sql;
	sqlite3_stmt *st = NULL;
	int rc;

	if (im->err)
		return NULL;
	sb_init(&sql);
	sb_printf(&sql, "PRAGMA main.%s(\"", what);
	for (const char *p = object; *p; p++) {
		if (*p == '"')
			sb_addc(&sql, '"');
		sb_addc(&sql, *p);
	}
	sb_add(&sql, "\")");
	rc = sqlite3_prepare_v2(im->db, sql.buf, (int)sql.len, &st, NULL);
	sb_free(&sql);
	if (rc != SQLITE_OK) {
		fail_sqlite(im, rc);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Step: true for a row; false at the end or on failure (recorded). */
static bool row(struct importer *im, sqlite3_stmt *st)
{
	int rc;

	if (!st)
		return false;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return true;
	if (rc != SQLITE_DONE)
		fail_sqlite(im, rc);
	return false;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

/* ---- UTF-8 ---- */

/* Offset of the first byte of s that is not valid UTF-8, or -1. */
static long utf8_bad(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n;

	for (;; i += n) {
		/* ASCII eight bytes at a time: every object's whole text goes
		 * through here. */
		for (uint64_t w; i + 8 <= len; i += 8) {
			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080u)
				break;
		}
		while (i < len && p[i] < 0x80)
			i++;
		if (i >= len)
			return -1;
		n = utf8_seq_len(p + i);
		if (n == 0)
			return (long)i;
	}
}

/* n bytes of s for a message: invalid bytes, controls and '\' as \xHH. */
static void utf8_escaped(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		size_t k = *p < 0x80 ? 1 : utf8_seq_len(p);

		if (k == 0 || p + k > end || *p < 0x20 || *p == 0x7f || *p == '\\') {
			sb_printf(sb, "\\x%02x", *p++);
		} else {
			sb_addn(sb, (const char *)p, k);
			p += k;
		}
	}
}

/* An object's name and its CREATE text must be UTF-8: everything the
 * model holds comes from them, and the model file is UTF-8.  (A saved
 * model would otherwise carry U+FFFD in place of the bytes: a silent
 * rename.)  False, with the one-line error naming the object and showing
 * the bytes escaped, when they are not. */
static bool utf8_object(struct importer *im, const char *type, const char *name,
			const char *sql)
{
	struct strbuf sb;
	long bad;

	if (im->err)
		return false;
	if (utf8_bad(name) < 0 && (!sql || utf8_bad(sql) < 0))
		return true;
	sb_init(&sb);
	if (utf8_bad(name) >= 0) {
		utf8_escaped(&sb, name, strlen(name));
		im->err = xasprintf("%s: %s '%s' has a name that is not valid UTF-8", im->name,
				    type, sb.buf);
	} else if (sql && (bad = utf8_bad(sql)) >= 0) {
		/* Show the token around the bad byte: usually the name. */
		struct sql_lexer lx;
		struct sql_token tok;
		size_t from = (size_t)bad, to = from + 1;

		sql_lexer_init(&lx, sql, strlen(sql));
		while (sql_lexer_next(&lx, &tok)) {
			if (tok.start + tok.len > (size_t)bad) {
				if (tok.start <= (size_t)bad && tok.len <= 80)
					from = tok.start, to = tok.start + tok.len;
				break;
			}
		}
		utf8_escaped(&sb, sql + from, to - from);
		im->err = xasprintf("%s: %s '%s' has text that is not valid UTF-8 in its "
				    "definition: %s", im->name, type, name, sb.buf);
	}
	sb_free(&sb);
	return !im->err;
}

/* ---- reading CREATE text ---- */

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
	tk->text = text ? text : "";
	sql_lexer_init(&lx, tk->text, strlen(tk->text));
	while (sql_lexer_next(&lx, &tok)) {
		if (tk->n == tk->cap)
			xgrow(&tk->t, &tk->cap, tk->n + 1, sizeof(*tk->t));
		tk->t[tk->n++] = tok;
	}
}

static void tokens_free(struct tokens *tk)
{
	free(tk->t);
}

static bool is_comment(const struct sql_token *t)
{
	return t->kind == SQL_TOK_LINE_COMMENT || t->kind == SQL_TOK_BLOCK_COMMENT;
}

/* The next code token at or after i, or tk->n. */
static size_t next_code(const struct tokens *tk, size_t i)
{
	while (i < tk->n && is_comment(&tk->t[i]))
		i++;
	return i;
}

/* is_word() and is_punct() test the kind and length before calling the
 * lexer's comparison, and are inline so that strlen() of the literal
 * folds: they run for every token of every CREATE TABLE, mostly to
 * answer no. */
static inline bool is_word(const struct tokens *tk, size_t i, const char *w)
{
	return i < tk->n && tk->t[i].kind == SQL_TOK_WORD && tk->t[i].len == strlen(w) &&
	       sql_token_is_word(tk->text, &tk->t[i], w);
}

static inline bool is_punct(const struct tokens *tk, size_t i, const char *p)
{
	return i < tk->n && tk->t[i].kind == SQL_TOK_PUNCT && tk->t[i].len == strlen(p) &&
	       memcmp(tk->text + tk->t[i].start, p, tk->t[i].len) == 0;
}

/* The ')' matching the '(' at i, or tk->n. */
static size_t matching_paren(const struct tokens *tk, size_t i)
{
	int depth = 0;

	for (; i < tk->n; i++) {
		if (is_punct(tk, i, "("))
			depth++;
		else if (is_punct(tk, i, ")") && --depth == 0)
			return i;
	}
	return tk->n;
}

/* The text strictly between tokens a and b, blanks trimmed. */
static char *text_between(const struct tokens *tk, size_t a, size_t b)
{
	size_t from = tk->t[a].start + tk->t[a].len;
	size_t to = b < tk->n ? tk->t[b].start : strlen(tk->text);

	while (from < to && isspace((unsigned char)tk->text[from]))
		from++;
	while (to > from && isspace((unsigned char)tk->text[to - 1]))
		to--;
	return xstrndup(tk->text + from, to - from);
}

/* The text after token a to the end, blanks and ';' trimmed. */
static char *text_after(const struct tokens *tk, size_t a)
{
	char *s = text_between(tk, a, tk->n);
	size_t n = strlen(s);

	while (n > 0 && (isspace((unsigned char)s[n - 1]) || s[n - 1] == ';'))
		s[--n] = '\0';
	return s;
}

static char *token_name(const struct tokens *tk, size_t i)
{
	const struct sql_token *t = &tk->t[i];
	const char *s = tk->text + t->start;

	/* A quoted name without a doubled quote inside is the text between
	 * the quotes: copied at once rather than byte by byte as
	 * sql_token_name() must ("[x]" never doubles its ']'). */
	if ((t->kind == SQL_TOK_IDENT || t->kind == SQL_TOK_STRING) && t->len >= 2 &&
	    (s[0] == '[' || !memchr(s + 1, s[0], t->len - 2)))
		return xstrndup(s + 1, t->len - 2);
	return sql_token_name(tk->text, t);
}

/* "(a, b)" at i: the names into out; returns the index after ')'. */
static size_t name_list(const struct tokens *tk, size_t i, struct strlist *out)
{
	size_t close;

	i = next_code(tk, i);
	if (!is_punct(tk, i, "("))
		return i;
	close = matching_paren(tk, i);
	for (size_t k = i + 1; k < close; k++) {
		if (is_comment(&tk->t[k]) || is_punct(tk, k, ","))
			continue;
		strlist_push_owned(out, token_name(tk, k));
		/* Skip COLLATE x / ASC / DESC up to the next comma. */
		while (k + 1 < close && !is_punct(tk, k + 1, ","))
			k++;
	}
	return close < tk->n ? close + 1 : close;
}

/* What a CREATE TABLE's text says beyond the PRAGMAs. */
struct text_check {
	char *name;         /* NULL when unnamed */
	char *expr;
	char *column;       /* written inside this column's definition */
};

struct text_fk {
	char *name;
	struct strlist columns;
	char *ref_table;
};

struct table_text {
	struct text_check *checks;
	size_t n_checks, cap_checks;
	struct text_fk *fks;
	size_t n_fks, cap_fks;
	struct strlist autoinc;          /* columns with AUTOINCREMENT */
	struct strlist collate;          /* columns with a COLLATE */
	struct strlist comment_cols;     /* column comments, parallel lists */
	struct strlist comment_texts;
	struct strbuf table_comment;
	bool without_rowid, strict;
};

static void table_text_init(struct table_text *tt)
{
	memset(tt, 0, sizeof(*tt));
	strlist_init(&tt->autoinc);
	strlist_init(&tt->collate);
	strlist_init(&tt->comment_cols);
	strlist_init(&tt->comment_texts);
	sb_init(&tt->table_comment);
}

static void table_text_free(struct table_text *tt)
{
	for (size_t i = 0; i < tt->n_checks; i++) {
		free(tt->checks[i].name);
		free(tt->checks[i].expr);
		free(tt->checks[i].column);
	}
	free(tt->checks);
	for (size_t i = 0; i < tt->n_fks; i++) {
		free(tt->fks[i].name);
		strlist_free(&tt->fks[i].columns);
		free(tt->fks[i].ref_table);
	}
	free(tt->fks);
	strlist_free(&tt->autoinc);
	strlist_free(&tt->collate);
	strlist_free(&tt->comment_cols);
	strlist_free(&tt->comment_texts);
	sb_free(&tt->table_comment);
}

static void add_text_check(struct table_text *tt, char *name, char *expr, const char *column)
{
	xgrow(&tt->checks, &tt->cap_checks, tt->n_checks + 1, sizeof(*tt->checks));
	tt->checks[tt->n_checks++] = (struct text_check){
		.name = name, .expr = expr, .column = xstrdup(column),
	};
}

/* "CHECK (" at i (the word): the expression; returns the index after ')'. */
static size_t read_check(const struct tokens *tk, size_t i, char **expr)
{
	size_t open = next_code(tk, i + 1), close;

	*expr = NULL;
	if (!is_punct(tk, open, "("))
		return open;
	close = matching_paren(tk, open);
	*expr = text_between(tk, open, close);
	return close < tk->n ? close + 1 : close;
}

/* One comma-separated item of the table body: [first, last] code tokens
 * and the `--` comment lines that belong to it. */
struct item {
	size_t first, last;
	struct strbuf comment;
};

static void comment_append(struct strbuf *sb, const struct tokens *tk, size_t i)
{
	char *s = sql_token_comment_text(tk->text, &tk->t[i]);
	const char *p = s[0] == ' ' ? s + 1 : s;   /* "-- text" is written with one blank */

	if (sb->len > 0)
		sb_addc(sb, '\n');
	sb_add(sb, p);
	free(s);
}

static void read_table_constraint(struct table_text *tt, const struct tokens *tk,
				  const struct item *it)
{
	size_t i = it->first;
	char *name = NULL, *expr;

	if (is_word(tk, i, "CONSTRAINT")) {
		i = next_code(tk, i + 1);
		if (i <= it->last)
			name = token_name(tk, i);
		i = next_code(tk, i + 1);
	}
	if (is_word(tk, i, "CHECK")) {
		read_check(tk, i, &expr);
		if (expr) {
			add_text_check(tt, name, expr, NULL);
			return;
		}
	} else if (is_word(tk, i, "FOREIGN")) {
		struct text_fk fk = { .name = name };

		strlist_init(&fk.columns);
		i = next_code(tk, i + 1);
		if (is_word(tk, i, "KEY"))
			i++;
		i = next_code(tk, name_list(tk, i, &fk.columns));
		if (is_word(tk, i, "REFERENCES")) {
			i = next_code(tk, i + 1);
			if (i <= it->last)
				fk.ref_table = token_name(tk, i);
		}
		xgrow(&tt->fks, &tt->cap_fks, tt->n_fks + 1, sizeof(*tt->fks));
		tt->fks[tt->n_fks++] = fk;
		return;
	}
	free(name);
}

static void read_column_def(struct table_text *tt, const struct tokens *tk,
			    const struct item *it)
{
	char *col = token_name(tk, it->first);
	char *cname = NULL;

	if (it->comment.len > 0) {
		strlist_push(&tt->comment_cols, col);
		strlist_push(&tt->comment_texts, it->comment.buf);
	}
	for (size_t i = next_code(tk, it->first + 1); i <= it->last && i < tk->n;
	     i = next_code(tk, i + 1)) {
		if (is_word(tk, i, "CONSTRAINT")) {
			free(cname);
			i = next_code(tk, i + 1);
			cname = i <= it->last ? token_name(tk, i) : NULL;
			continue;
		}
		if (is_word(tk, i, "CHECK")) {
			char *expr;
			size_t next = read_check(tk, i, &expr);

			if (expr)
				add_text_check(tt, cname, expr, col);
			else
				free(cname);
			cname = NULL;
			i = next > i ? next - 1 : i;
			continue;
		}
		if (is_word(tk, i, "REFERENCES")) {
			/* Kept in declaration order with the table-level ones:
			 * text_fk_name pairs them with the PRAGMA's by position. */
			struct text_fk fk = { .name = cname };
			size_t ref = next_code(tk, i + 1);

			strlist_init(&fk.columns);
			strlist_push(&fk.columns, col);
			if (ref <= it->last && ref < tk->n)
				fk.ref_table = token_name(tk, ref);
			xgrow(&tt->fks, &tt->cap_fks, tt->n_fks + 1, sizeof(*tt->fks));
			tt->fks[tt->n_fks++] = fk;
			cname = NULL;
			continue;
		}
		if (is_word(tk, i, "AUTOINCREMENT"))
			strlist_push(&tt->autoinc, col);
		else if (is_word(tk, i, "COLLATE"))
			strlist_push(&tt->collate, col);
		if (is_punct(tk, i, "(")) {
			i = matching_paren(tk, i);
			continue;
		}
		/* A constraint name belongs to the constraint right after it. */
		free(cname);
		cname = NULL;
	}
	free(cname);
	free(col);
}

static bool starts_table_constraint(const struct tokens *tk, size_t i)
{
	return is_word(tk, i, "CONSTRAINT") || is_word(tk, i, "PRIMARY") ||
	       is_word(tk, i, "UNIQUE") || is_word(tk, i, "CHECK") ||
	       is_word(tk, i, "FOREIGN");
}

/* Comments: one on the line of the body's '(' is the table's (that is
 * where the generator writes it); one on the line of an item's last
 * token trails that item; one on a line of its own leads the next item. */
static void read_create_table(struct table_text *tt, const char *sql)
{
	struct tokens tk;
	struct item *items = NULL;
	size_t n_items = 0, cap_items = 0, open, i, prev;
	struct strbuf pending;
	bool in_item = false;
	int depth = 1;

	tokens_read(&tk, sql);
	sb_init(&pending);
	for (open = 0; open < tk.n && !is_punct(&tk, open, "("); open++) {
		if (is_word(&tk, open, "AS"))
			goto done;   /* CREATE TABLE ... AS SELECT */
	}
	if (open == tk.n)
		goto done;

	prev = open;
	for (i = open + 1; i < tk.n; i++) {
		const struct sql_token *t = &tk.t[i];

		if (is_comment(t)) {
			if (t->kind != SQL_TOK_LINE_COMMENT || depth != 1)
				continue;
			if (tk.t[prev].line != t->line)
				comment_append(&pending, &tk, i);
			else if (prev == open)
				comment_append(&tt->table_comment, &tk, i);
			else if (n_items > 0)
				comment_append(&items[n_items - 1].comment, &tk, i);
			continue;
		}
		if (depth == 1 && !in_item && !is_punct(&tk, i, ")")) {
			xgrow(&items, &cap_items, n_items + 1, sizeof(*items));
			items[n_items].first = i;
			items[n_items].last = i;
			sb_init(&items[n_items].comment);
			sb_add(&items[n_items].comment, pending.buf);
			sb_reset(&pending);
			n_items++;
			in_item = true;
		}
		if (is_punct(&tk, i, "(")) {
			depth++;
		} else if (is_punct(&tk, i, ")")) {
			if (--depth == 0)
				break;
		} else if (depth == 1 && is_punct(&tk, i, ",")) {
			in_item = false;
			prev = i;
			continue;
		}
		if (in_item)
			items[n_items - 1].last = i;
		prev = i;
	}

	for (size_t k = 0; k < n_items; k++) {
		if (starts_table_constraint(&tk, items[k].first))
			read_table_constraint(tt, &tk, &items[k]);
		else
			read_column_def(tt, &tk, &items[k]);
	}

	/* Table options after the body: WITHOUT ROWID, STRICT. */
	for (i = next_code(&tk, i + 1); i < tk.n; i = next_code(&tk, i + 1)) {
		if (is_word(&tk, i, "WITHOUT") && is_word(&tk, next_code(&tk, i + 1), "ROWID"))
			tt->without_rowid = true;
		else if (is_word(&tk, i, "STRICT"))
			tt->strict = true;
	}
done:
	for (size_t k = 0; k < n_items; k++)
		sb_free(&items[k].comment);
	free(items);
	sb_free(&pending);
	tokens_free(&tk);
}

/* ---- types and defaults ---- */

/* The logical type whose SQLite spelling is exactly `declared`, or the
 * declared text itself. */
static char *type_from_declared(const char *declared, bool strict)
{
	struct logical_type lt;
	struct strbuf canon, spelled;
	char *type;

	if (!logical_type_parse(declared, &lt) || lt.cls == TYPE_CLASS_ENUM)
		return xstrdup(declared);
	sb_init(&canon);
	sb_add(&canon, lt.base);
	if (lt.nargs == 1)
		sb_printf(&canon, "(%ld)", lt.args[0]);
	else if (lt.nargs == 2)
		sb_printf(&canon, "(%ld,%ld)", lt.args[0], lt.args[1]);
	sb_init(&spelled);
	dialect_type(GEN, &spelled, canon.buf, strict, NULL);
	if (strcmp(spelled.buf, declared) == 0)
		type = sb_detach(&canon);
	else
		type = xstrdup(declared);
	sb_free(&canon);
	sb_free(&spelled);
	return type;
}

/* type_from_declared(), remembered; owned by im. */
static const char *type_memo_get(struct importer *im, const char *declared, bool strict)
{
	uint32_t h = strict ? 1 : 0;
	struct type_memo *e;

	for (const unsigned char *p = (const unsigned char *)declared; *p; p++)
		h = h * 31 + *p;
	e = &im->types[h % (sizeof(im->types) / sizeof(im->types[0]))];
	if (!e->declared || e->strict != strict || strcmp(e->declared, declared) != 0) {
		free(e->declared);
		free(e->type);
		e->declared = xstrdup(declared);
		e->type = type_from_declared(declared, strict);
		e->strict = strict;
	}
	return e->type;
}

static void type_memo_free(struct importer *im)
{
	for (size_t i = 0; i < sizeof(im->types) / sizeof(im->types[0]); i++) {
		free(im->types[i].declared);
		free(im->types[i].type);
	}
}

static bool is_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* [+-]digits */
static bool is_integer_text(const char *s)
{
	return is_digits(*s == '+' || *s == '-' ? s + 1 : s);
}

/* A decimal number as the generator writes one verbatim. */
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

/* Does text consist of exactly one token of kind k? */
static bool single_token(const char *text, enum sql_token_kind k, struct sql_token *tok)
{
	struct sql_lexer lx;
	struct sql_token end;

	sql_lexer_init(&lx, text, strlen(text));
	if (!sql_lexer_next(&lx, tok) || tok->kind != k || tok->start != 0)
		return false;
	return !sql_lexer_next(&lx, &end) && tok->len == strlen(text);
}

/* "( ... )" closing at the very end. */
static bool is_group(const char *text)
{
	struct tokens tk;
	bool group;

	tokens_read(&tk, text);
	group = tk.n > 0 && is_punct(&tk, 0, "(") && matching_paren(&tk, 0) == tk.n - 1;
	tokens_free(&tk);
	return group;
}

/* PRAGMA table_info's dflt_value is the DEFAULT text without the outer
 * parentheses of an expression.  A literal the generator writes the same
 * way becomes `default`; anything else `default_sql`, which the generator
 * writes bare or parenthesised so that SQLite reports the same text. */
static void column_default(struct column *c, const char *text)
{
	struct sql_token tok;

	if (!text)
		return;
	if (strcmp(text, "NULL") == 0) {
		value_set(&c->dflt, VALUE_NULL, NULL);
	} else if (strcmp(text, "TRUE") == 0 || strcmp(text, "FALSE") == 0) {
		value_set(&c->dflt, VALUE_BOOL, text[0] == 'T' ? "true" : "false");
	} else if (is_integer_text(text)) {
		value_set(&c->dflt, VALUE_INT, text);
	} else if (is_number_text(text)) {
		value_set(&c->dflt, VALUE_FLOAT, text);
	} else if (single_token(text, SQL_TOK_STRING, &tok)) {
		char *s = sql_token_name(text, &tok);

		value_set(&c->dflt, VALUE_STRING, s);
		free(s);
	} else if (is_group(text)) {
		/* Written bare, SQLite would strip these parentheses. */
		c->default_sql = xasprintf("(%s)", text);
	} else {
		c->default_sql = xstrdup(text);
	}
}

/* ---- checks back to column keys ---- */

static char *gen_name(const char *table, const char *column, const char *key)
{
	char *suffix = key ? xasprintf("%s_%s", column, key) : xstrdup(column);
	char *name = dialect_object_name(GEN, "ck", table, suffix);

	free(suffix);
	return name;
}

/* p past the prefix w, or NULL when p does not start with w. */
static const char *skip_prefix(const char *p, const char *w)
{
	size_t n = strlen(w);

	return strncmp(p, w, n) == 0 ? p + n : NULL;
}

/* strcmp(name, gen_name(table, column, key)) == 0, without building the
 * name when the dialect never shortens one: the checks of every column
 * were compared with every name a key could give them. */
static bool gen_name_is(const char *name, const char *table, const char *column,
			const char *key)
{
	const char *p = name;

	if (GEN->max_identifier > 0) {
		char *want = gen_name(table, column, key);
		bool eq = strcmp(name, want) == 0;

		free(want);
		return eq;
	}
	/* dialect_object_name(): "ck", table, suffix joined by '_', the
	 * empty parts left out; the suffix is column_key or column. */
	p = skip_prefix(p, "ck");
	if (p && *table && *p++ == '_')
		p = skip_prefix(p, table);
	else if (*table)
		return false;
	if (p && key) {
		if (*p++ != '_')
			return false;
		p = skip_prefix(p, column);
		if (p && *p++ == '_')
			p = skip_prefix(p, key);
		else
			return false;
	} else if (p && *column) {
		if (*p++ != '_')
			return false;
		p = skip_prefix(p, column);
	}
	return p && *p == '\0';
}

static char *quoted(const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	dialect_quote_ident(GEN, &sb, name);
	return sb_release(&sb);
}

static bool type_is(const struct column *c, enum type_class cls1, enum type_class cls2)
{
	struct logical_type lt;

	return logical_type_parse(c->type, &lt) && (lt.cls == cls1 || lt.cls == cls2);
}

static bool type_is_string(const struct column *c)
{
	struct logical_type lt;

	return logical_type_parse(c->type, &lt) &&
	       (strcmp(lt.base, "text") == 0 || strcmp(lt.base, "varchar") == 0 ||
		strcmp(lt.base, "char") == 0);
}

static const char *const bound_keys[BOUND_COUNT] = { "ge", "le", "gt", "lt" };
static const char *const bound_ops[BOUND_COUNT] = { ">=", "<=", ">", "<" };

/* `"c" >= 0` as the generator writes `ge: 0`. */
static bool take_bound(const struct table *t, struct column *c, const char *name,
		       const char *expr)
{
	bool done = false;

	int k;

	/* The name first: it rules out all but one key, without parsing. */
	for (k = 0; k < BOUND_COUNT; k++)
		if (!c->bound[k] && gen_name_is(name, t->name, c->name, bound_keys[k]))
			break;
	if (k == BOUND_COUNT)
		return false;
	/* A verbatim type may carry bounds too (model-check allows them). */
	if (logical_type_parse(c->type, NULL) &&
	    !type_is(c, TYPE_CLASS_INTEGER, TYPE_CLASS_NUMERIC))
		return false;
	for (; k < BOUND_COUNT && !done; k++) {
		char *q, *prefix;
		size_t n;

		if (c->bound[k] || !gen_name_is(name, t->name, c->name, bound_keys[k]))
			continue;
		q = quoted(c->name);
		prefix = xasprintf("%s %s ", q, bound_ops[k]);
		n = strlen(prefix);
		if (strncmp(expr, prefix, n) == 0 && is_number_text(expr + n)) {
			c->bound[k] = xstrdup(expr + n);
			done = true;
		}
		free(q);
		free(prefix);
	}
	return done;
}

/* `length("c") >= 3` as the generator writes `min_length: 3`. */
static bool take_length(const struct table *t, struct column *c, const char *name,
			const char *expr)
{
	bool done = false;

	static const char *const keys[2] = { "min_length", "max_length" };
	int k;

	for (k = 0; k < 2; k++)
		if ((k == 0 ? c->min_length : c->max_length) < 0 &&
		    gen_name_is(name, t->name, c->name, keys[k]))
			break;
	if (k == 2)
		return false;
	/* A verbatim type may carry lengths too (model-check allows them). */
	if (logical_type_parse(c->type, NULL) && !type_is_string(c))
		return false;
	for (; k < 2 && !done; k++) {
		int64_t *slot = k == 0 ? &c->min_length : &c->max_length;
		char *q, *prefix;
		const char *num;
		size_t n;

		if (*slot >= 0 || !gen_name_is(name, t->name, c->name, keys[k]))
			continue;
		q = quoted(c->name);
		prefix = xasprintf("%s(%s) %s ", GEN->length_function, q, k == 0 ? ">=" : "<=");
		n = strlen(prefix);
		num = expr + n;
		if (strncmp(expr, prefix, n) == 0 &&
		    is_digits(num) && strlen(num) < 19 && (num[0] != '0' || num[1] == '\0')) {
			*slot = strtoll(num, NULL, 10);
			done = true;
		}
		free(q);
		free(prefix);
	}
	return done;
}

/* The values of `"c" IN ('a', 'b')`, if expr is exactly that. */
static bool enum_values(const char *expr, const char *column, struct strlist *values)
{
	struct tokens tk;
	struct strbuf again;
	size_t i;
	bool ok = false;

	tokens_read(&tk, expr);
	sb_init(&again);
	if (tk.n < 5 || !is_word(&tk, 1, "IN") || !is_punct(&tk, 2, "("))
		goto out;
	for (i = 3; i < tk.n; i += 2) {
		char *v;

		if (tk.t[i].kind != SQL_TOK_STRING)
			goto out;
		v = token_name(&tk, i);
		if (strlist_find(values, v) >= 0) {
			free(v);
			goto out;
		}
		strlist_push_owned(values, v);
		if (is_punct(&tk, i + 1, ")") && i + 2 == tk.n)
			break;
		if (!is_punct(&tk, i + 1, ","))
			goto out;
	}
	if (i >= tk.n)
		goto out;
	/* Only what the generator would write again, byte for byte. */
	dialect_quote_ident(GEN, &again, column);
	sb_add(&again, " IN (");
	for (size_t k = 0; k < values->n; k++) {
		if (k > 0)
			sb_add(&again, ", ");
		dialect_quote_string(GEN, &again, values->items[k]);
	}
	sb_addc(&again, ')');
	ok = strcmp(again.buf, expr) == 0;
out:
	if (!ok)
		strlist_free(values);
	sb_free(&again);
	tokens_free(&tk);
	return ok;
}

/* An enum for the values: one with the same values, else a new one named
 * after the column (or table_column when that name is taken). */
static const char *enum_for(struct model *m, const struct table *t, const struct column *c,
			    struct strlist *values)
{
	struct enum_type *e;
	char *name;

	for (size_t i = 0; i < m->enums.n; i++) {
		e = PLIST_AT(&m->enums, struct enum_type, i);
		if (strcmp(e->name, c->name) == 0 && strlist_eq(&e->values, values))
			return e->name;
	}
	if (!model_enum(m, c->name)) {
		name = xstrdup(c->name);
	} else {
		name = xasprintf("%s_%s", t->name, c->name);
		for (int k = 2; model_enum(m, name); k++) {
			free(name);
			name = xasprintf("%s_%s_%d", t->name, c->name, k);
		}
	}
	e = enum_type_new(name);
	free(name);
	strlist_copy(&e->values, values);
	plist_push(&m->enums, e);
	return e->name;
}

static bool enum_name_ok(const char *s)
{
	return *s && strlen(s) < 120 && !strpbrk(s, "(),") &&
	       !isspace((unsigned char)s[0]) && !isspace((unsigned char)s[strlen(s) - 1]);
}

/* `"c" IN ('a', 'b')` named ck_<t>_<c>_enum on a TEXT column. */
static bool take_enum(struct model *m, const struct table *t, struct column *c,
		      const char *name, const char *expr)
{
	struct strlist values;
	bool ok = false;

	strlist_init(&values);
	if (strcmp(c->type, "text") == 0 && gen_name_is(name, t->name, c->name, "enum") &&
	    enum_name_ok(c->name) && enum_values(expr, c->name, &values)) {
		ok = c->dflt.kind == VALUE_NONE || c->dflt.kind == VALUE_NULL ||
		     (c->dflt.kind == VALUE_STRING && strlist_find(&values, c->dflt.text) >= 0);
		if (ok) {
			const char *en = enum_for(m, t, c, &values);

			free(c->type);
			c->type = xasprintf("enum(%s)", en);
		}
	}
	strlist_free(&values);
	return ok;
}

/* A named CHECK the generator writes for a column key, back into it. */
/* False when name cannot be one of the names gen_name() gives column's
 * checks: it neither starts with "ck_<table>_<column>" nor has the
 * hashed tail of a shortened name.  Spares building every candidate name
 * for every column and every check, which was a fifth of an import. */
struct check_name {
	bool hashed;        /* ends like a shortened name: any column may fit */
	const char *rest;   /* after "ck_<table>_", or NULL */
};

/* What may_be_column_check() needs of name, worked out once per check
 * rather than once per column. */
static void check_name_init(struct check_name *cn, const char *name, const char *table)
{
	size_t n = strlen(name), tl = strlen(table);

	cn->hashed = n >= 9 && name[n - 9] == '_' &&
		     strspn(name + n - 8, "0123456789abcdef") == 8;
	cn->rest = n >= 3 + tl + 1 && strncmp(name, "ck_", 3) == 0 &&
		   strncmp(name + 3, table, tl) == 0 && name[3 + tl] == '_'
		   ? name + 4 + tl : NULL;
}

static bool may_be_column_check(const struct check_name *cn, const char *column)
{
	return cn->hashed || (cn->rest && strncmp(cn->rest, column, strlen(column)) == 0);
}

static bool take_column_check(struct model *m, struct table *t, const char *name,
			      const char *expr)
{
	struct check_name cn;

	check_name_init(&cn, name, t->name);
	if (!cn.hashed && !cn.rest)
		return false;
	for (size_t i = 0; i < t->columns.n; i++) {
		struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!may_be_column_check(&cn, c->name))
			continue;
		if (take_bound(t, c, name, expr) || take_length(t, c, name, expr) ||
		    take_enum(m, t, c, name, expr))
			return true;
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (c->check || !may_be_column_check(&cn, c->name))
			continue;
		if (gen_name_is(name, t->name, c->name, NULL)) {
			c->check = xstrdup(expr);
			return true;
		}
	}
	return false;
}

static bool check_named(const struct table *t, const char *name)
{
	for (size_t i = 0; i < t->checks.n; i++)
		if (strcmp(PLIST_AT(&t->checks, struct check, i)->name, name) == 0)
			return true;
	return false;
}

static void apply_checks(struct importer *im, struct table *t, struct table_text *tt)
{
	struct plist unnamed = { 0 };
	int n = 0;

	for (size_t i = 0; i < tt->n_checks; i++) {
		struct text_check *ck = &tt->checks[i];
		struct column *c = ck->column ? table_column(t, ck->column) : NULL;

		if (ck->name) {
			if (!take_column_check(im->m, t, ck->name, ck->expr))
				plist_push(&t->checks, check_new(ck->name, ck->expr));
		} else if (c && !c->check) {
			c->check = xstrdup(ck->expr);
		} else {
			plist_push(&unnamed, check_new("", ck->expr));
		}
	}
	/* Unnamed table checks get ck_<table>_<n>, after the named ones
	 * have claimed their names. */
	for (size_t i = 0; i < unnamed.n; i++) {
		struct check *ck = PLIST_AT(&unnamed, struct check, i);
		char *name = NULL;

		do {
			char num[24];

			free(name);
			snprintf(num, sizeof(num), "%d", ++n);
			name = dialect_object_name(GEN, "ck", t->name, num);
		} while (check_named(t, name));
		free(ck->name);
		ck->name = name;
		plist_push(&t->checks, ck);
	}
	free(unnamed.items);
}

/* ---- tables ---- */

static enum fk_action action_from(const char *s)
{
	static const struct {
		const char *sql;
		enum fk_action a;
	} map[] = {
		{ "CASCADE", ACTION_CASCADE },
		{ "SET NULL", ACTION_SET_NULL },
		{ "SET DEFAULT", ACTION_SET_DEFAULT },
		{ "RESTRICT", ACTION_RESTRICT },
	};

	/* NO ACTION is also what SQLite reports when nothing was said. */
	for (size_t i = 0; s && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcasecmp(s, map[i].sql) == 0)
			return map[i].a;
	return ACTION_NONE;
}

static void import_columns(struct importer *im, struct table *t, const struct table_text *tt)
{
	/* cid, name, type, notnull, dflt_value, pk; in cid order */
	sqlite3_stmt *st = pragma(im, "table_info", t->name);
	struct strlist pk_order;
	long pk_pos[64];
	size_t n_pk = 0;

	strlist_init(&pk_order);
	while (row(im, st)) {
		const char *name = col_text(st, 1);
		const char *declared = col_text(st, 2) ? col_text(st, 2) : "";
		struct column *c;
		const char *type;

		if (!*declared) {
			diag_add(im->dl, SEV_WARNING, nopos,
				 "column '%s.%s' has no declared type; imported as blob",
				 t->name, name);
			type = "blob";
		} else {
			type = type_memo_get(im, declared, tt->strict);
		}
		c = column_new(name, type);
		if (sqlite3_column_int(st, 5) > 0) {
			if (n_pk < sizeof(pk_pos) / sizeof(pk_pos[0])) {
				pk_pos[n_pk++] = sqlite3_column_int(st, 5);
				strlist_push(&pk_order, name);
			}
		} else if (sqlite3_column_int(st, 3)) {
			c->nullable = TRI_FALSE;
		}
		column_default(c, col_text(st, 4));
		if (strlist_find(&tt->collate, name) >= 0)
			diag_add(im->dl, SEV_WARNING, nopos,
				 "column '%s.%s' has a COLLATE clause, which the model does not hold",
				 t->name, name);
		table_add_column(t, c);
	}
	query_done(im, st);

	if (n_pk == 1) {
		struct column *c = table_column(t, pk_order.items[0]);

		c->primary_key = true;
		c->autoincrement = strlist_find(&tt->autoinc, c->name) >= 0;
	} else {
		/* In key order, which need not be column order. */
		for (long k = 1; k <= (long)n_pk; k++)
			for (size_t i = 0; i < n_pk; i++)
				if (pk_pos[i] == k)
					strlist_push(&t->primary_key, pk_order.items[i]);
	}
	strlist_free(&pk_order);
}

static bool text_fk_is(const struct text_fk *f, const struct foreign_key *fk)
{
	return f->ref_table && strcasecmp(f->ref_table, fk->ref_table) == 0 &&
	       strlist_eq(&f->columns, &fk->columns);
}

/* The constraint name of foreign key i of n (declaration order) in the
 * CREATE TABLE text, which lists column and table-level keys in that
 * order too: matched by position, which tells apart two keys on the same
 * columns; by columns and table only when the text was not read as
 * expected. */
static const char *text_fk_name(const struct table_text *tt, const struct foreign_key *fk,
				size_t i, size_t n)
{
	if (tt->n_fks == n) {
		if (text_fk_is(&tt->fks[i], fk))
			return tt->fks[i].name;
	}
	for (size_t k = 0; k < tt->n_fks; k++)
		if (tt->fks[k].name && text_fk_is(&tt->fks[k], fk))
			return tt->fks[k].name;
	return NULL;
}

/* The name to keep in the model: the constraint's, unless it is the one
 * the DDL generator would give it anyway.  Caller frees. */
static char *fk_model_name(const struct table *t, const struct foreign_key *fk, const char *name)
{
	struct strbuf joined;
	char *dflt, *keep = NULL;

	if (!name)
		return NULL;
	sb_init(&joined);
	for (size_t k = 0; k < fk->columns.n; k++) {
		if (k > 0)
			sb_addc(&joined, '_');
		sb_add(&joined, fk->columns.items[k]);
	}
	dflt = dialect_object_name(GEN, "fk", t->name, joined.buf);
	if (strcmp(dflt, name) != 0)
		keep = xstrdup(name);
	free(dflt);
	sb_free(&joined);
	return keep;
}

static void import_foreign_keys(struct importer *im, struct table *t,
				const struct table_text *tt)
{
	/* id, seq, table, from, to, on_update, on_delete, match; by id
	 * then seq */
	sqlite3_stmt *st = pragma(im, "foreign_key_list", t->name);
	struct plist fks = { 0 };
	int last_id = -1;
	struct foreign_key *fk = NULL;

	while (row(im, st)) {
		if (!fk || sqlite3_column_int(st, 0) != last_id) {
			fk = foreign_key_new();
			fk->ref_table = xstrdup(col_text(st, 2));
			fk->on_update = action_from(col_text(st, 5));
			fk->on_delete = action_from(col_text(st, 6));
			plist_push(&fks, fk);
			last_id = sqlite3_column_int(st, 0);
		}
		strlist_push(&fk->columns, col_text(st, 3));
		if (col_text(st, 4))
			strlist_push(&fk->ref_columns, col_text(st, 4));
	}
	query_done(im, st);
	/* SQLite numbers foreign keys from the last declared one: back to
	 * declaration order. */
	for (size_t i = 0, j = fks.n; i + 1 < j; i++, j--) {
		void *x = fks.items[i];

		fks.items[i] = fks.items[j - 1];
		fks.items[j - 1] = x;
	}

	for (size_t i = 0; i < fks.n; i++) {
		struct column *c;
		char *name;

		fk = PLIST_AT(&fks, struct foreign_key, i);
		c = fk->columns.n == 1 ? table_column(t, fk->columns.items[0]) : NULL;
		name = fk_model_name(t, fk, text_fk_name(tt, fk, i, fks.n));
		/* REFERENCES t without columns (t's primary key) is kept as
		 * such: `references:` always names the column.  A name of its
		 * own keeps the key in foreign_keys, where a name can be said. */
		if (c && !c->ref_table && fk->ref_columns.n == 1 && !name) {
			c->ref_table = xstrdup(fk->ref_table);
			c->ref_column = xstrdup(fk->ref_columns.items[0]);
			c->on_delete = fk->on_delete;
			c->on_update = fk->on_update;
			foreign_key_free(fk);
			continue;
		}
		if (fk->ref_columns.n > 0 && fk->ref_columns.n != fk->columns.n) {
			/* Not expressible; SQLite accepted it only lazily. */
			strlist_free(&fk->ref_columns);
		}
		fk->name = name;
		plist_push(&t->foreign_keys, fk);
	}
	free(fks.items);
}

static void add_unique(struct table *t, struct strlist *cols)
{
	struct unique *u;

	if (cols->n == 1 && table_column(t, cols->items[0])) {
		table_column(t, cols->items[0])->unique = true;
		return;
	}
	u = unique_new();
	strlist_copy(&u->columns, cols);
	plist_push(&t->uniques, u);
}

/* The WHERE of a partial index, from its CREATE INDEX text. */
static char *index_where(const char *sql)
{
	struct tokens tk;
	char *where = NULL;
	size_t i;

	tokens_read(&tk, sql);
	for (i = 0; i < tk.n && !is_punct(&tk, i, "("); i++)
		;
	i = next_code(&tk, matching_paren(&tk, i) + 1);
	if (is_word(&tk, i, "WHERE"))
		where = text_after(&tk, i);
	tokens_free(&tk);
	return where;
}

/* Key columns of an index; false (and a warning) when one is an
 * expression or has a sort order or collation the model cannot hold. */
static bool index_columns(struct importer *im, const struct table *t, const char *index,
			  struct strlist *cols)
{
	/* seqno, cid, name, desc, coll, key; in seqno order */
	sqlite3_stmt *st = pragma(im, "index_xinfo", index);
	bool ok = true;

	while (row(im, st)) {
		if (!sqlite3_column_int(st, 5))
			continue;   /* the rowid or primary key the index rows carry */
		if (sqlite3_column_int(st, 1) < 0 || !col_text(st, 2)) {
			if (ok)
				diag_add(im->dl, SEV_WARNING, nopos,
					 "index '%s' on table '%s' has an expression key; it is not imported",
					 index, t->name);
			ok = false;
			continue;
		}
		if (sqlite3_column_int(st, 3) ||
		    (col_text(st, 4) && strcasecmp(col_text(st, 4), "BINARY") != 0))
			diag_add(im->dl, SEV_WARNING, nopos,
				 "index '%s' on table '%s' orders column '%s' with DESC or COLLATE, "
				 "which the model does not hold", index, t->name, col_text(st, 2));
		strlist_push(cols, col_text(st, 2));
	}
	query_done(im, st);
	return ok && !im->err;
}

static int schema_index_cmp(const void *a, const void *b)
{
	return strcmp(((const struct schema_index *)a)->name,
		      ((const struct schema_index *)b)->name);
}

static void schema_indexes_read(struct importer *im)
{
	sqlite3_stmt *st = query(im, "SELECT name, sql, rowid FROM sqlite_schema "
				 "WHERE type = 'index' AND name IS NOT NULL", NULL);
	size_t cap = 0;

	while (row(im, st)) {
		struct schema_index *e;

		if (!utf8_object(im, "index", col_text(st, 0), col_text(st, 1)))
			break;
		if (im->nix == cap) {
			cap = cap ? 2 * cap : 64;
			im->ix = xrealloc(im->ix, cap * sizeof(*im->ix));
		}
		e = &im->ix[im->nix++];
		e->name = xstrdup(col_text(st, 0));
		e->sql = col_text(st, 1) ? xstrdup(col_text(st, 1)) : NULL;
		e->rowid = sqlite3_column_int64(st, 2);
	}
	query_done(im, st);
	if (im->nix)
		qsort(im->ix, im->nix, sizeof(*im->ix), schema_index_cmp);
}

static void schema_indexes_free(struct importer *im)
{
	for (size_t i = 0; i < im->nix; i++) {
		free(im->ix[i].name);
		free(im->ix[i].sql);
	}
	free(im->ix);
	im->ix = NULL;
	im->nix = 0;
}

static const struct schema_index *schema_index_find(const struct importer *im,
						    const char *name)
{
	struct schema_index key = { .name = (char *)name };

	if (!im->nix)
		return NULL;
	return bsearch(&key, im->ix, im->nix, sizeof(*im->ix), schema_index_cmp);
}

/* One row of pragma_index_list, with its sqlite_schema entry. */
struct index_row {
	char *name;
	char *origin;
	int unique;
	int seq;
	const struct schema_index *schema;
};

/* Creation order (the schema's rowid; an index it does not list first),
 * then the list's own order reversed, as the importer always read them. */
static int index_row_cmp(const void *a, const void *b)
{
	const struct index_row *x = a, *y = b;
	long long rx = x->schema ? x->schema->rowid : -1;
	long long ry = y->schema ? y->schema->rowid : -1;

	if (!x->schema != !y->schema)
		return x->schema ? 1 : -1;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return (x->seq < y->seq) - (x->seq > y->seq);
}

static void import_indexes(struct importer *im, struct table *t)
{
	/* Creation order; autoindexes (UNIQUE, PRIMARY KEY) have no text. */
	/* seq, name, unique, origin, partial */
	sqlite3_stmt *st = pragma(im, "index_list", t->name);
	struct index_row *rows = NULL;
	size_t n = 0, cap = 0;

	while (row(im, st)) {
		struct index_row *r;

		if (!col_text(st, 1))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			rows = xrealloc(rows, cap * sizeof(*rows));
		}
		r = &rows[n++];
		r->name = xstrdup(col_text(st, 1));
		r->unique = sqlite3_column_int(st, 2);
		r->origin = col_text(st, 3) ? xstrdup(col_text(st, 3)) : NULL;
		r->seq = sqlite3_column_int(st, 0);
		r->schema = schema_index_find(im, r->name);
	}
	query_done(im, st);
	if (n)
		qsort(rows, n, sizeof(*rows), index_row_cmp);

	for (size_t k = 0; k < n && !im->err; k++) {
		const char *name = rows[k].name, *origin = rows[k].origin;
		const char *ixsql = rows[k].schema ? rows[k].schema->sql : NULL;
		struct strlist cols;

		strlist_init(&cols);
		if (!origin || strcmp(origin, "pk") == 0 ||
		    !index_columns(im, t, name, &cols)) {
			strlist_free(&cols);
			continue;
		}
		if (strcmp(origin, "u") == 0) {
			add_unique(t, &cols);
		} else {
			char *where = ixsql ? index_where(ixsql) : NULL;
			bool unique = rows[k].unique != 0;
			struct column *c = cols.n == 1 ? table_column(t, cols.items[0]) : NULL;
			char *ix_name = c ? dialect_object_name(GEN, "ix", t->name, c->name) : NULL;

			if (c && !unique && !where && !c->index && strcmp(ix_name, name) == 0) {
				c->index = true;
			} else {
				struct index *ix = index_new(name);

				strlist_copy(&ix->columns, &cols);
				ix->unique = unique;
				ix->where = where;
				where = NULL;
				plist_push(&t->indexes, ix);
			}
			free(where);
			free(ix_name);
		}
		strlist_free(&cols);
	}
	for (size_t k = 0; k < n; k++) {
		free(rows[k].name);
		free(rows[k].origin);
	}
	free(rows);
}

static void import_table(struct importer *im, const char *name, const char *sql)
{
	struct table *t = table_new(name);
	struct table_text tt;

	table_text_init(&tt);
	read_create_table(&tt, sql);
	t->without_rowid = tt.without_rowid;
	t->strict = tt.strict;
	if (tt.table_comment.len > 0)
		t->comment = xstrdup(tt.table_comment.buf);
	model_add_table(im->m, t);

	import_columns(im, t, &tt);
	for (size_t i = 0; i < tt.comment_cols.n; i++) {
		struct column *c = table_column(t, tt.comment_cols.items[i]);

		if (c && !c->comment)
			c->comment = xstrdup(tt.comment_texts.items[i]);
	}
	import_foreign_keys(im, t, &tt);
	import_indexes(im, t);
	apply_checks(im, t, &tt);
	table_text_free(&tt);
}

/* ---- the schema ---- */

static bool internal_table(const char *name)
{
	return strncasecmp(name, "sqlite_", 7) == 0 || strcmp(name, "skema_migrations") == 0;
}

/* CREATE VIRTUAL TABLE: only the second code token is read (lexing the
 * whole text here cost as much as reading the table). */
static bool is_virtual(const char *sql)
{
	struct sql_lexer lx;
	struct sql_token tok;

	sql_lexer_init(&lx, sql, strlen(sql));
	return sql_lexer_next_code(&lx, &tok) && sql_lexer_next_code(&lx, &tok) &&
	       sql_token_is_word(sql, &tok, "VIRTUAL");
}

/* Shadow tables of virtual tables (pragma table_list knows them, from
 * SQLite 3.37 on; older versions simply import them).  One query for all
 * of them: pragma_table_list walks every table of every schema, so asking
 * it once per table made the import quadratic (7 s at 1,000 tables). */
static void shadow_tables(struct importer *im, struct strlist *out)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(im->db, "SELECT name FROM pragma_table_list "
			       "WHERE schema = 'main' AND type = 'shadow'", -1, &st,
			       NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		if (col_text(st, 0))
			strlist_push(out, col_text(st, 0));
	sqlite3_finalize(st);
}

static void import_tables(struct importer *im)
{
	sqlite3_stmt *st = query(im, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
				 "ORDER BY rowid", NULL);
	struct strlist names, sqls, shadows;

	strlist_init(&names);
	strlist_init(&sqls);
	strlist_init(&shadows);
	while (row(im, st)) {
		const char *name = col_text(st, 0), *sql = col_text(st, 1);

		if (!name || internal_table(name))
			continue;
		if (!utf8_object(im, "table", name, sql))
			break;
		if (sql && is_virtual(sql)) {
			diag_add(im->dl, SEV_WARNING, nopos,
				 "table '%s' is a virtual table; it is not imported", name);
			continue;
		}
		strlist_push(&names, name);
		strlist_push(&sqls, sql ? sql : "");
	}
	query_done(im, st);
	if (!im->err)
		shadow_tables(im, &shadows);
	if (!im->err)
		schema_indexes_read(im);
	for (size_t i = 0; i < names.n && !im->err; i++)
		if (strlist_find(&shadows, names.items[i]) < 0)
			import_table(im, names.items[i], sqls.items[i]);
	strlist_free(&names);
	strlist_free(&sqls);
	strlist_free(&shadows);
	schema_indexes_free(im);
}

/* The SELECT of CREATE VIEW name [(columns)] AS select. */
static char *view_select(const char *sql)
{
	struct tokens tk;
	char *select = NULL;

	tokens_read(&tk, sql);
	for (size_t i = 0; i < tk.n; i++) {
		if (is_punct(&tk, i, "(")) {
			i = matching_paren(&tk, i);
		} else if (is_word(&tk, i, "AS")) {
			select = text_after(&tk, i);
			break;
		}
	}
	tokens_free(&tk);
	return select ? select : xstrdup(sql);
}

static void import_views_triggers(struct importer *im)
{
	sqlite3_stmt *st = query(im, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
				 "WHERE type IN ('view', 'trigger') AND sql IS NOT NULL "
				 "ORDER BY rowid", NULL);

	while (row(im, st)) {
		const char *type = col_text(st, 0), *name = col_text(st, 1);
		const char *table = col_text(st, 2), *sql = col_text(st, 3);

		if (strcmp(type, "view") != 0 && internal_table(table))
			continue;
		if (!utf8_object(im, type, name, sql))
			break;
		if (strcmp(type, "view") == 0) {
			char *select = view_select(sql);

			plist_push(&im->m->views, sql_object_new(name, select));
			free(select);
		} else {
			char *text = xstrdup(sql);
			size_t n = strlen(text);

			while (n > 0 && (isspace((unsigned char)text[n - 1]) || text[n - 1] == ';'))
				text[--n] = '\0';
			plist_push(&im->m->triggers, sql_object_new(name, text));
			free(text);
		}
	}
	query_done(im, st);
}

int db_sqlite_introspect(struct sqlite3 *db, const char *name, struct model **out,
			 struct diag_list *dl, char **err)
{
	struct importer im = { .db = db, .name = name, .dl = dl };

	*out = NULL;
	im.m = model_new();
	import_tables(&im);
	import_views_triggers(&im);
	query_cache_free(&im);
	type_memo_free(&im);
	if (im.err) {
		model_free(im.m);
		*err = im.err;
		return -1;
	}
	*out = im.m;
	return 0;
}

/* ---- opening ---- */

/* "file:" URI for path, with the characters URIs reserve escaped. */
static char *file_uri(const char *path)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_add(&sb, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (isalnum(*p) || strchr("/._~-", *p))
			sb_addc(&sb, (char)*p);
		else
			sb_printf(&sb, "%%%02X", *p);
	}
	/* immutable=0: SQLite must still honour other processes' locks. */
	sb_add(&sb, "?mode=ro&immutable=0");
	return sb_release(&sb);
}

/* Readable, and an SQLite file (or empty, which SQLite reads as an
 * empty database). */
static int check_file(const char *path, char **err)
{
	static const char magic[16] = "SQLite format 3";
	char buf[16];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f) {
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf), f);
	if (ferror(f)) {
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	if (n != 0 && (n != sizeof(buf) || memcmp(buf, magic, sizeof(buf)) != 0)) {
		*err = xasprintf("%s is not an SQLite database", path);
		return -1;
	}
	return 0;
}

int db_sqlite_import_file(const char *path, struct model **out, struct diag_list *dl,
			  char **err)
{
	sqlite3 *db = NULL;
	char *uri;
	int rc;

	*out = NULL;
	if (check_file(path, err) != 0)
		return -1;
	uri = file_uri(path);
	/* NOMUTEX: the connection never leaves this thread, and SQLite's
	 * locking of it was a twentieth of an import. */
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
			     NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		*err = xasprintf("cannot open %s: %s", path,
				 db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
		sqlite3_close(db);
		return -1;
	}
	rc = db_sqlite_introspect(db, path, out, dl, err);
	sqlite3_close(db);
	if (rc == 0)
		infer_links(*out);
	return rc;
}
