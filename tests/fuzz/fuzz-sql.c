/* fuzz-sql.c — libFuzzer harness for the SQL tokenizer and the .sql
 * importer.
 *
 * The tokenizer must cover the text exactly: tokens come in order, do
 * not overlap, stay inside the text, only whitespace lies between them,
 * line/column numbers agree with the bytes, and SQL_TOK_END repeats.
 * Every word, identifier, string and comment can be named.  Then the
 * text goes through import_sql_text: it either fails with exactly one
 * error diagnostic or returns a model that saves to text which loads back
 * model_eq.  A failure aborts, so libFuzzer keeps the input.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "import-sql.h"
#include "model-yaml.h"
#include "model.h"
#include "sql-lexer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_sql_fail(const char *what, size_t at)
{
	fprintf(stderr, "fuzz-sql: %s (at byte %zu)\n", what, at);
	abort();
}

static int fuzz_sql_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Columns count characters: UTF-8 continuation bytes do not move them. */
static void fuzz_sql_advance(char c, uint32_t *line, uint32_t *col)
{
	if (c == '\n') {
		(*line)++;
		*col = 1;
	} else if (((unsigned char)c & 0xC0) != 0x80) {
		(*col)++;
	}
}

static void fuzz_sql_lex(const char *text, size_t len)
{
	struct sql_lexer lx;
	struct sql_token tok;
	size_t pos = 0;
	uint32_t line = 1, col = 1;
	size_t guard = 0;

	sql_lexer_init(&lx, text, len);
	while (sql_lexer_next(&lx, &tok)) {
		if (tok.kind == SQL_TOK_END)
			fuzz_sql_fail("END returned with true", tok.start);
		if (tok.start < pos || tok.start > len || tok.len > len - tok.start)
			fuzz_sql_fail("token outside the text or overlapping", tok.start);
		if (tok.len == 0)
			fuzz_sql_fail("empty token", tok.start);
		for (; pos < tok.start; pos++) {
			if (!fuzz_sql_space((unsigned char)text[pos]))
				fuzz_sql_fail("non-space byte skipped between tokens", pos);
			fuzz_sql_advance(text[pos], &line, &col);
		}
		if (tok.line != line || tok.col != col) {
			fprintf(stderr, "fuzz-sql: token at %u:%u, bytes say %u:%u\n",
				tok.line, tok.col, line, col);
			fuzz_sql_fail("wrong line or column", tok.start);
		}
		for (; pos < tok.start + tok.len; pos++) {
			fuzz_sql_advance(text[pos], &line, &col);
		}
		switch (tok.kind) {
		case SQL_TOK_WORD:
		case SQL_TOK_IDENT:
		case SQL_TOK_STRING:
			free(sql_token_name(text, &tok));
			break;
		case SQL_TOK_LINE_COMMENT:
		case SQL_TOK_BLOCK_COMMENT:
			free(sql_token_comment_text(text, &tok));
			break;
		default:
			break;
		}
		(void)sql_token_is_word(text, &tok, "create");
		(void)sql_token_is_punct(text, &tok, "(");
		if (++guard > len + 1)
			fuzz_sql_fail("more tokens than bytes", tok.start);
	}
	if (tok.kind != SQL_TOK_END)
		fuzz_sql_fail("false without END", tok.start);
	for (; pos < len; pos++)
		if (!fuzz_sql_space((unsigned char)text[pos]))
			fuzz_sql_fail("text left after END", pos);
	if (sql_lexer_next(&lx, &tok) || tok.kind != SQL_TOK_END)
		fuzz_sql_fail("END does not repeat", len);

	/* The code-only walk ends too, and never returns a comment. */
	sql_lexer_init(&lx, text, len);
	guard = 0;
	while (sql_lexer_next_code(&lx, &tok)) {
		if (tok.kind == SQL_TOK_LINE_COMMENT || tok.kind == SQL_TOK_BLOCK_COMMENT)
			fuzz_sql_fail("next_code returned a comment", tok.start);
		if (++guard > len + 1)
			fuzz_sql_fail("next_code: more tokens than bytes", tok.start);
	}
}

static void fuzz_sql_import(const char *text, size_t len)
{
	struct diag_list dl, dl2;
	struct model *m = NULL, *back;
	char *err = NULL, *yaml;
	size_t ylen;
	int rc;

	diag_list_init(&dl);
	rc = import_sql_text("fuzz.sql", text, len, &m, &dl, &err);
	if (rc != 0) {
		if (m)
			fuzz_sql_fail("import failed but returned a model", 0);
		if (!err && dl.errors != 1)
			fuzz_sql_fail("import failed without exactly one error", 0);
	} else {
		if (!m)
			fuzz_sql_fail("import succeeded without a model", 0);
		yaml = model_save_yaml(m, &ylen);
		diag_list_init(&dl2);
		back = model_load_yaml(yaml, ylen, &dl2);
		if (!back || dl2.errors || !model_eq(m, back)) {
			fprintf(stderr, "%s\n", yaml);
			for (size_t i = 0; i < dl2.n; i++)
				fprintf(stderr, "%u:%u: %s\n", dl2.items[i].pos.line,
					dl2.items[i].pos.col, dl2.items[i].message);
			fuzz_sql_fail("imported model does not save and load back equal", 0);
		}
		model_free(back);
		diag_list_free(&dl2);
		free(yaml);
	}
	free(err);
	model_free(m);
	diag_list_free(&dl);
}

/* SQL that SQLite itself may take unbounded time or memory to run
 * (recursive queries, huge blobs and strings) says nothing about the
 * importer; such texts are only tokenized. */
static bool fuzz_sql_expensive(const char *text, size_t len)
{
	static const char *const words[] = { "recursive", "blob(", "printf(", "format(",
					     "replace(", "repeat" };

	for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
		size_t n = strlen(words[w]);

		for (size_t i = 0; i + n <= len; i++)
			if (strncasecmp(text + i, words[w], n) == 0)
				return true;
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The lexer takes a length; the importer may want a terminator. */
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_sql_lex(text, size);
	if (!fuzz_sql_expensive(text, size))
		fuzz_sql_import(text, size);
	free(text);
	return 0;
}
