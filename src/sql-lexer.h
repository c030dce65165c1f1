/* sql-lexer.h — a small SQL tokenizer for reading SQLite's stored schema
 * text (CREATE TABLE / INDEX / VIEW) and for locating statements in a
 * .sql file.
 *
 * It knows what changes the meaning of bytes: identifiers quoted with
 * "..", `..` or [..]; string literals '..' with '' inside; blob literals
 * X'..'; numbers; -- comments and C-style block comments.  Everything else is
 * a word or punctuation.  Tokens are slices of the caller's text with
 * byte offsets and 1-based line and column numbers, so callers can cut
 * the original text (a CHECK expression, a view's SELECT) exactly as it
 * was written.  No regular expressions over SQL anywhere. */
#ifndef SKEMA_SQL_LEXER_H
#define SKEMA_SQL_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sql_token_kind {
	SQL_TOK_END,          /* end of text */
	SQL_TOK_WORD,         /* a bare word: keyword or identifier */
	SQL_TOK_IDENT,        /* a quoted identifier: "x", `x` or [x] */
	SQL_TOK_STRING,       /* 'text' */
	SQL_TOK_BLOB,         /* X'00ff' */
	SQL_TOK_NUMBER,       /* 12, 1.5, .5, 1e3, 0x1F */
	SQL_TOK_PUNCT,        /* ( ) , ; . and operators (<=, ||, ...) */
	SQL_TOK_LINE_COMMENT, /* -- to the end of the line (newline excluded) */
	SQL_TOK_BLOCK_COMMENT,/* a C-style block comment */
	SQL_TOK_UNTERMINATED, /* a quote or comment that never closes */
};

struct sql_token {
	enum sql_token_kind kind;
	size_t start;         /* byte offset in the text */
	size_t len;
	uint32_t line, col;   /* of the first byte, 1-based */
};

struct sql_lexer {
	const char *text;
	size_t len;
	size_t pos;
	uint32_t line, col;
};

void sql_lexer_init(struct sql_lexer *lx, const char *text, size_t len);

/* The next token, comments included; SQL_TOK_END at the end (again and
 * again).  Returns false at the end. */
bool sql_lexer_next(struct sql_lexer *lx, struct sql_token *tok);

/* The next token that is not a comment. */
bool sql_lexer_next_code(struct sql_lexer *lx, struct sql_token *tok);

/* Is the token the bare word `word` (ASCII case-insensitive)? */
bool sql_token_is_word(const char *text, const struct sql_token *tok, const char *word);

/* Is the token the punctuation `p` exactly? */
bool sql_token_is_punct(const char *text, const struct sql_token *tok, const char *p);

/* The name a word, quoted identifier or string token stands for: quotes
 * removed and doubled quotes undone.  The caller frees. */
char *sql_token_name(const char *text, const struct sql_token *tok);

/* The name a CREATE [OR REPLACE] [TEMP|TEMPORARY] TRIGGER|VIEW [IF NOT
 * EXISTS] [schema.]name statement gives its object: the engine's name
 * for it, whatever key the model files it under.  NULL when the text
 * does not start that way.  The caller frees. */
char *sql_created_name(const char *sql);

/* Where that name starts in sql: SQLite stores such a statement as its own
 * "CREATE TRIGGER " or "CREATE VIEW " followed by the text from here, so
 * two texts with the same body are the same object.  NULL as above. */
const char *sql_created_body(const char *sql);

/* The text of a comment without its markers (-- or the block's).  The caller
 * frees. */
char *sql_token_comment_text(const char *text, const struct sql_token *tok);

#endif
