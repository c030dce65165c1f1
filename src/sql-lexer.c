/* sql-lexer.c — see sql-lexer.h.  The rules follow SQLite's tokenizer
 * closely enough for schema text: what matters is never to mistake a
 * quoted ';' or ')' or a commented-out statement for structure. */
#include "sql-lexer.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "util.h"

void sql_lexer_init(struct sql_lexer *lx, const char *text, size_t len)
{
	lx->text = text;
	lx->len = len;
	lx->pos = 0;
	lx->line = 1;
	lx->col = 1;
}

static int peek(const struct sql_lexer *lx, size_t ahead)
{
	size_t i = lx->pos + ahead;

	return i < lx->len ? (unsigned char)lx->text[i] : -1;
}

/* Columns count characters, not bytes: UTF-8 continuation bytes do not
 * advance them. */
static void advance(struct sql_lexer *lx, size_t n)
{
	for (size_t i = 0; i < n && lx->pos < lx->len; i++) {
		unsigned char c = (unsigned char)lx->text[lx->pos++];

		if (c == '\n') {
			lx->line++;
			lx->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			lx->col++;
		}
	}
}

static bool is_word_start(int c)
{
	return c == '_' || (c >= 0 && isalpha(c)) || c >= 0x80;
}

static bool is_word_char(int c)
{
	return is_word_start(c) || (c >= 0 && isdigit(c)) || c == '$';
}

/* A quoted run closed by `close`, where a doubled close stands for one
 * (not for [..], which has no escape).  Returns false if unterminated. */
static bool skip_quoted(struct sql_lexer *lx, int close, bool doubling)
{
	advance(lx, 1);
	while (lx->pos < lx->len) {
		int c = (unsigned char)lx->text[lx->pos++];

		if (c == '\n') {
			lx->line++;
			lx->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			lx->col++;
		}
		if (c != close)
			continue;
		if (doubling && lx->pos < lx->len && lx->text[lx->pos] == close) {
			lx->pos++;
			lx->col++;
			continue;
		}
		return true;
	}
	return false;
}

static void skip_number(struct sql_lexer *lx)
{
	if (peek(lx, 0) == '0' && (peek(lx, 1) == 'x' || peek(lx, 1) == 'X') &&
	    peek(lx, 2) >= 0 && isxdigit(peek(lx, 2))) {
		advance(lx, 2);
		while (peek(lx, 0) >= 0 && (isxdigit(peek(lx, 0)) || peek(lx, 0) == '_'))
			advance(lx, 1);
		return;
	}
	while (peek(lx, 0) >= 0 && (isdigit(peek(lx, 0)) || peek(lx, 0) == '_'))
		advance(lx, 1);
	if (peek(lx, 0) == '.') {
		advance(lx, 1);
		while (peek(lx, 0) >= 0 && isdigit(peek(lx, 0)))
			advance(lx, 1);
	}
	if ((peek(lx, 0) == 'e' || peek(lx, 0) == 'E') &&
	    ((peek(lx, 1) >= 0 && isdigit(peek(lx, 1))) ||
	     ((peek(lx, 1) == '+' || peek(lx, 1) == '-') && peek(lx, 2) >= 0 &&
	      isdigit(peek(lx, 2))))) {
		advance(lx, 2);
		while (peek(lx, 0) >= 0 && isdigit(peek(lx, 0)))
			advance(lx, 1);
	}
}

/* Two- and three-character operators, longest first. */
static size_t punct_len(const struct sql_lexer *lx)
{
	static const char *const ops[] = {
		"->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->", NULL,
	};

	/* Most punctuation is one character: ( ) , ; . */
	if (!strchr("-|<>!=", lx->text[lx->pos]))
		return 1;
	for (size_t i = 0; ops[i]; i++) {
		size_t n = strlen(ops[i]);

		if (lx->pos + n <= lx->len && memcmp(lx->text + lx->pos, ops[i], n) == 0)
			return n;
	}
	return 1;
}

bool sql_lexer_next(struct sql_lexer *lx, struct sql_token *tok)
{
	int c;

	/* Blanks and words are most of a schema's bytes: scanned in place,
	 * lines and columns counted in passing (importing a large database
	 * spent a tenth of its time here). */
	while (lx->pos < lx->len && isspace((unsigned char)lx->text[lx->pos])) {
		if (lx->text[lx->pos++] == '\n') {
			lx->line++;
			lx->col = 1;
		} else {
			lx->col++;
		}
	}
	c = peek(lx, 0);
	tok->start = lx->pos;
	tok->line = lx->line;
	tok->col = lx->col;
	tok->len = 0;
	if (c < 0) {
		tok->kind = SQL_TOK_END;
		return false;
	}

	if (c == '-' && peek(lx, 1) == '-') {
		tok->kind = SQL_TOK_LINE_COMMENT;
		while ((c = peek(lx, 0)) >= 0 && c != '\n')
			advance(lx, 1);
	} else if (c == '/' && peek(lx, 1) == '*') {
		tok->kind = SQL_TOK_UNTERMINATED;
		advance(lx, 2);
		while (peek(lx, 0) >= 0) {
			if (peek(lx, 0) == '*' && peek(lx, 1) == '/') {
				advance(lx, 2);
				tok->kind = SQL_TOK_BLOCK_COMMENT;
				break;
			}
			advance(lx, 1);
		}
	} else if (c == '\'') {
		tok->kind = skip_quoted(lx, '\'', true) ? SQL_TOK_STRING : SQL_TOK_UNTERMINATED;
	} else if (c == '"' || c == '`') {
		tok->kind = skip_quoted(lx, c, true) ? SQL_TOK_IDENT : SQL_TOK_UNTERMINATED;
	} else if (c == '[') {
		tok->kind = skip_quoted(lx, ']', false) ? SQL_TOK_IDENT : SQL_TOK_UNTERMINATED;
	} else if ((c == 'x' || c == 'X') && peek(lx, 1) == '\'') {
		advance(lx, 1);
		tok->kind = skip_quoted(lx, '\'', false) ? SQL_TOK_BLOB : SQL_TOK_UNTERMINATED;
	} else if (isdigit(c) || (c == '.' && peek(lx, 1) >= 0 && isdigit(peek(lx, 1)))) {
		tok->kind = SQL_TOK_NUMBER;
		skip_number(lx);
	} else if (is_word_start(c)) {
		tok->kind = SQL_TOK_WORD;
		while (lx->pos < lx->len && is_word_char((unsigned char)lx->text[lx->pos])) {
			if (((unsigned char)lx->text[lx->pos] & 0xC0) != 0x80)
				lx->col++;
			lx->pos++;
		}
	} else {
		tok->kind = SQL_TOK_PUNCT;
		advance(lx, punct_len(lx));
	}
	tok->len = lx->pos - tok->start;
	return true;
}

bool sql_lexer_next_code(struct sql_lexer *lx, struct sql_token *tok)
{
	bool more;

	do {
		more = sql_lexer_next(lx, tok);
	} while (more && (tok->kind == SQL_TOK_LINE_COMMENT ||
			  tok->kind == SQL_TOK_BLOCK_COMMENT));
	return more;
}

bool sql_token_is_word(const char *text, const struct sql_token *tok, const char *word)
{
	return tok->kind == SQL_TOK_WORD && strlen(word) == tok->len &&
	       strncasecmp(text + tok->start, word, tok->len) == 0;
}

bool sql_token_is_punct(const char *text, const struct sql_token *tok, const char *p)
{
	return tok->kind == SQL_TOK_PUNCT && strlen(p) == tok->len &&
	       memcmp(text + tok->start, p, tok->len) == 0;
}

char *sql_token_name(const char *text, const struct sql_token *tok)
{
	const char *s = text + tok->start;
	struct strbuf sb;
	char close;

	if (tok->kind != SQL_TOK_IDENT && tok->kind != SQL_TOK_STRING)
		return xstrndup(s, tok->len);
	if (tok->len < 2)
		return xstrdup("");
	close = s[0] == '[' ? ']' : s[0];
	sb_init(&sb);
	for (size_t i = 1; i + 1 < tok->len; i++) {
		sb_addc(&sb, s[i]);
		if (close != ']' && s[i] == close && s[i + 1] == close)
			i++;
	}
	return sb_release(&sb);
}

char *sql_token_comment_text(const char *text, const struct sql_token *tok)
{
	const char *s = text + tok->start;

	if (tok->kind == SQL_TOK_LINE_COMMENT) {
		size_t n = tok->len - 2;

		/* A CRLF file leaves the \r in the comment. */
		if (n > 0 && s[1 + n] == '\r')
			n--;
		return xstrndup(s + 2, n);
	}
	if (tok->kind == SQL_TOK_BLOCK_COMMENT && tok->len >= 4)
		return xstrndup(s + 2, tok->len - 4);
	return xstrdup("");
}

/* Finds the name token of a CREATE [OR REPLACE] [TEMP|TEMPORARY]
 * TRIGGER|VIEW [IF NOT EXISTS] [schema.]name statement. */
static bool sql_created_token(const char *sql, struct sql_token *out)
{
	struct sql_lexer lx;
	struct sql_token tok, dot, name;

	if (!sql)
		return false;
	sql_lexer_init(&lx, sql, strlen(sql));
	if (!sql_lexer_next_code(&lx, &tok) || !sql_token_is_word(sql, &tok, "CREATE") ||
	    !sql_lexer_next_code(&lx, &tok))
		return false;
	if (sql_token_is_word(sql, &tok, "OR") &&
	    (!sql_lexer_next_code(&lx, &tok) || !sql_token_is_word(sql, &tok, "REPLACE") ||
	     !sql_lexer_next_code(&lx, &tok)))
		return false;
	if ((sql_token_is_word(sql, &tok, "TEMP") || sql_token_is_word(sql, &tok, "TEMPORARY")) &&
	    !sql_lexer_next_code(&lx, &tok))
		return false;
	if ((!sql_token_is_word(sql, &tok, "TRIGGER") && !sql_token_is_word(sql, &tok, "VIEW")) ||
	    !sql_lexer_next_code(&lx, &tok))
		return false;
	if (sql_token_is_word(sql, &tok, "IF")) {
		/* IF NOT EXISTS name */
		for (int i = 0; i < 3; i++)
			if (!sql_lexer_next_code(&lx, &tok))
				return false;
	}
	if (tok.kind != SQL_TOK_WORD && tok.kind != SQL_TOK_IDENT)
		return false;
	/* schema.name: the name is the part after the dot */
	if (sql_lexer_next_code(&lx, &dot) && sql_token_is_punct(sql, &dot, ".") &&
	    sql_lexer_next_code(&lx, &name) &&
	    (name.kind == SQL_TOK_WORD || name.kind == SQL_TOK_IDENT))
		tok = name;
	*out = tok;
	return true;
}

char *sql_created_name(const char *sql)
{
	struct sql_token tok;

	return sql_created_token(sql, &tok) ? sql_token_name(sql, &tok) : NULL;
}

const char *sql_created_body(const char *sql)
{
	struct sql_token tok;

	return sql_created_token(sql, &tok) ? sql + tok.start : NULL;
}
