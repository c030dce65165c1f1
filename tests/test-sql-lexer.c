/* test-sql-lexer.c — the SQL tokenizer of src/sql-lexer.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sql-lexer.h"

struct expect {
	enum sql_token_kind kind;
	const char *text;
	uint32_t line, col;
};

static void expect_tokens(const char *sql, const struct expect *want, size_t n)
{
	struct sql_lexer lx;
	struct sql_token t;

	sql_lexer_init(&lx, sql, strlen(sql));
	for (size_t i = 0; i < n; i++) {
		assert_true(sql_lexer_next(&lx, &t));
		assert_int_equal(t.kind, want[i].kind);
		assert_int_equal(t.len, strlen(want[i].text));
		assert_memory_equal(sql + t.start, want[i].text, t.len);
		assert_int_equal(t.line, want[i].line);
		assert_int_equal(t.col, want[i].col);
	}
	assert_false(sql_lexer_next(&lx, &t));
	assert_int_equal(t.kind, SQL_TOK_END);
	assert_int_equal(t.start, strlen(sql));
	/* The end stays the end. */
	assert_false(sql_lexer_next(&lx, &t));
	assert_int_equal(t.kind, SQL_TOK_END);
}

static void test_kinds(void **state)
{
	static const struct expect want[] = {
		{ SQL_TOK_WORD, "CREATE", 1, 1 },
		{ SQL_TOK_WORD, "TABLE", 1, 8 },
		{ SQL_TOK_IDENT, "\"a\"\"b\"", 1, 14 },
		{ SQL_TOK_PUNCT, "(", 1, 21 },
		{ SQL_TOK_IDENT, "[x;y]", 2, 3 },
		{ SQL_TOK_WORD, "TEXT", 2, 9 },
		{ SQL_TOK_WORD, "DEFAULT", 2, 14 },
		{ SQL_TOK_STRING, "'it''s;'", 2, 22 },
		{ SQL_TOK_PUNCT, ",", 2, 30 },
		{ SQL_TOK_LINE_COMMENT, "-- note; (", 2, 32 },
		{ SQL_TOK_IDENT, "`q``r`", 3, 3 },
		{ SQL_TOK_BLOCK_COMMENT, "/* ; ) \n */", 3, 10 },
		{ SQL_TOK_WORD, "BLOB", 4, 5 },
		{ SQL_TOK_WORD, "DEFAULT", 4, 10 },
		{ SQL_TOK_BLOB, "X'00ff'", 4, 18 },
		{ SQL_TOK_PUNCT, ")", 5, 1 },
		{ SQL_TOK_PUNCT, ";", 5, 2 },
	};

	(void)state;
	expect_tokens("CREATE TABLE \"a\"\"b\" (\n"
		      "  [x;y] TEXT DEFAULT 'it''s;', -- note; (\n"
		      "  `q``r` /* ; ) \n */ BLOB DEFAULT X'00ff'\n"
		      ");", want, sizeof(want) / sizeof(want[0]));
}

static void test_numbers_and_operators(void **state)
{
	static const struct expect want[] = {
		{ SQL_TOK_NUMBER, "12", 1, 1 },
		{ SQL_TOK_NUMBER, "1.5", 1, 4 },
		{ SQL_TOK_NUMBER, ".5", 1, 8 },
		{ SQL_TOK_NUMBER, "1e3", 1, 11 },
		{ SQL_TOK_NUMBER, "2E-7", 1, 15 },
		{ SQL_TOK_NUMBER, "0x1F", 1, 20 },
		{ SQL_TOK_PUNCT, ">=", 1, 25 },
		{ SQL_TOK_PUNCT, "<>", 1, 28 },
		{ SQL_TOK_PUNCT, "||", 1, 31 },
		{ SQL_TOK_PUNCT, "->>", 1, 34 },
		{ SQL_TOK_PUNCT, "-", 1, 38 },
		{ SQL_TOK_NUMBER, "1", 1, 39 },
		{ SQL_TOK_WORD, "a_b$1", 1, 41 },
		{ SQL_TOK_PUNCT, ".", 1, 46 },
		{ SQL_TOK_WORD, "c", 1, 47 },
	};

	(void)state;
	expect_tokens("12 1.5 .5 1e3 2E-7 0x1F >= <> || ->> -1 a_b$1.c", want,
		      sizeof(want) / sizeof(want[0]));
}

static void test_columns_count_characters(void **state)
{
	/* "é" is two bytes and one column. */
	static const struct expect want[] = {
		{ SQL_TOK_STRING, "'é'", 1, 1 },
		{ SQL_TOK_WORD, "x", 1, 5 },
		{ SQL_TOK_WORD, "y", 2, 1 },
	};

	(void)state;
	expect_tokens("'é' x\r\ny", want, sizeof(want) / sizeof(want[0]));
}

static void test_unterminated(void **state)
{
	const char *cases[] = { "'abc", "\"abc", "[abc", "`abc", "/* abc", "x'00" };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sql_lexer lx;
		struct sql_token t;

		sql_lexer_init(&lx, cases[i], strlen(cases[i]));
		assert_true(sql_lexer_next(&lx, &t));
		assert_int_equal(t.kind, SQL_TOK_UNTERMINATED);
		assert_int_equal(t.len, strlen(cases[i]));
		assert_false(sql_lexer_next(&lx, &t));
	}
}

static void test_next_code_skips_comments(void **state)
{
	const char *sql = "-- a\n/* b */ -- c\n  select";
	struct sql_lexer lx;
	struct sql_token t;

	(void)state;
	sql_lexer_init(&lx, sql, strlen(sql));
	assert_true(sql_lexer_next_code(&lx, &t));
	assert_true(sql_token_is_word(sql, &t, "SELECT"));
	assert_false(sql_token_is_word(sql, &t, "SELEC"));
	assert_int_equal(t.line, 3);
	assert_int_equal(t.col, 3);
	assert_false(sql_lexer_next_code(&lx, &t));
}

static char *name_of(const char *sql)
{
	struct sql_lexer lx;
	struct sql_token t;

	sql_lexer_init(&lx, sql, strlen(sql));
	assert_true(sql_lexer_next(&lx, &t));
	return sql_token_name(sql, &t);
}

static void test_names(void **state)
{
	static const struct {
		const char *sql, *name;
	} cases[] = {
		{ "plain", "plain" },
		{ "\"say \"\"hi\"\"\"", "say \"hi\"" },
		{ "`a``b`", "a`b" },
		{ "[a \"b\"]", "a \"b\"" },
		{ "'it''s'", "it's" },
		{ "''", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *n = name_of(cases[i].sql);

		assert_string_equal(n, cases[i].name);
		free(n);
	}
}

static void test_comment_text(void **state)
{
	const char *sql = "-- line text\r\n/* block */--";
	struct sql_lexer lx;
	struct sql_token t;
	char *s;

	(void)state;
	sql_lexer_init(&lx, sql, strlen(sql));
	assert_true(sql_lexer_next(&lx, &t));
	s = sql_token_comment_text(sql, &t);
	assert_string_equal(s, " line text");
	free(s);
	assert_true(sql_lexer_next(&lx, &t));
	s = sql_token_comment_text(sql, &t);
	assert_string_equal(s, " block ");
	free(s);
	assert_true(sql_lexer_next(&lx, &t));
	s = sql_token_comment_text(sql, &t);
	assert_string_equal(s, "");
	free(s);
}

static void test_punct_match(void **state)
{
	const char *sql = "<=";
	struct sql_lexer lx;
	struct sql_token t;

	(void)state;
	sql_lexer_init(&lx, sql, strlen(sql));
	assert_true(sql_lexer_next(&lx, &t));
	assert_true(sql_token_is_punct(sql, &t, "<="));
	assert_false(sql_token_is_punct(sql, &t, "<"));
	assert_false(sql_token_is_word(sql, &t, "<="));
}

/* The name the engine gives a trigger or view, whatever the model's key. */
static void test_created_name(void **state)
{
	static const struct { const char *sql, *name; } cases[] = {
		{ "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;", "tr" },
		{ "create temp trigger if not exists \"a \"\"b\" before delete on t begin end", "a \"b" },
		{ "CREATE OR REPLACE VIEW main.v AS SELECT 1", "v" },
		{ "-- note\nCREATE TEMPORARY VIEW [x y] AS SELECT 1", "x y" },
		{ "CREATE TABLE t (a)", NULL },
		{ "SELECT 1", NULL },
		{ "CREATE TRIGGER", NULL },
		{ "", NULL },
	};
	(void)state;
	assert_null(sql_created_name(NULL));
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = sql_created_name(cases[i].sql);

		if (cases[i].name)
			assert_string_equal(got, cases[i].name);
		else
			assert_null(got);
		free(got);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_numbers_and_operators),
		cmocka_unit_test(test_columns_count_characters),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_next_code_skips_comments),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_comment_text),
		cmocka_unit_test(test_punct_match),
		cmocka_unit_test(test_created_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
