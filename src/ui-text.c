/* ui-text.c — a scrollable text with a colour role per byte, for the
 * right pane's DDL, migration scripts and logs.  SQL is coloured from the
 * tokens of sql-lexer.h (never from patterns over the text), once when
 * the text is built; drawing touches only the visible lines. */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sql-lexer.h"
#include "ui-dialog.h"
#include "model-yaml.h"
#include "ui.h"

void text_init(struct text *t)
{
	memset(t, 0, sizeof *t);
}

void text_free(struct text *t)
{
	free(t->buf);
	free(t->role);
	free(t->line);
	text_init(t);
}

void text_clear(struct text *t)
{
	t->len = 0;
	t->nlines = 0;
	if (t->buf)
		t->buf[0] = '\0';
}

static void grow(struct text *t, size_t more)
{
	size_t cap = t->cap;

	if (t->len + more + 1 <= cap)
		return;
	while (cap < t->len + more + 1)
		cap = cap ? cap * 2 : 256;
	t->buf = xrealloc(t->buf, cap);
	t->role = xrealloc(t->role, cap);
	t->cap = cap;
}

static void add_n(struct text *t, enum role r, const char *s, size_t n)
{
	grow(t, n);
	memcpy(t->buf + t->len, s, n);
	memset(t->role + t->len, (int)r, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

void text_add(struct text *t, enum role r, const char *s)
{
	add_n(t, r, s, strlen(s));
}

void text_addf(struct text *t, enum role r, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb;

	sb_init(&sb);
	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	add_n(t, r, sb.buf, sb.len);
	sb_free(&sb);
}

/* Keywords come out of the generators in capitals; names are quoted or
 * written as the model spells them. */
static bool word_is_keyword(const char *s, size_t n)
{
	bool letter = false;

	for (size_t i = 0; i < n; i++) {
		if (islower((unsigned char)s[i]))
			return false;
		letter |= isupper((unsigned char)s[i]) != 0;
	}
	return letter;
}

void text_add_sql(struct text *t, const char *sql)
{
	struct sql_lexer lx;
	struct sql_token tok;
	size_t len = strlen(sql), base = t->len;

	add_n(t, ROLE_NORMAL, sql, len);
	sql_lexer_init(&lx, sql, len);
	while (sql_lexer_next(&lx, &tok)) {
		enum role r;

		switch (tok.kind) {
		case SQL_TOK_WORD:
			r = word_is_keyword(sql + tok.start, tok.len) ? ROLE_SQL_KEYWORD
								      : ROLE_SQL_IDENTIFIER;
			break;
		case SQL_TOK_IDENT: r = ROLE_SQL_IDENTIFIER; break;
		case SQL_TOK_STRING: case SQL_TOK_BLOB: r = ROLE_SQL_STRING; break;
		case SQL_TOK_LINE_COMMENT: case SQL_TOK_BLOCK_COMMENT: r = ROLE_SQL_COMMENT; break;
		default: r = ROLE_NORMAL; break;
		}
		memset(t->role + base + tok.start, (int)r, tok.len);
	}
}

void text_finish(struct text *t)
{
	size_t i = 0;

	t->nlines = 0;
	while (i < t->len) {
		const char *nl;

		xgrow(&t->line, &t->line_cap, t->nlines + 1, sizeof(*t->line));
		t->line[t->nlines++] = i;
		nl = memchr(t->buf + i, '\n', t->len - i);
		if (!nl)
			break;
		i = (size_t)(nl - t->buf) + 1;
	}
}

const char *text_line(const struct text *t, size_t i, size_t *len)
{
	const char *s = t->buf + t->line[i];
	const char *nl = memchr(s, '\n', t->len - t->line[i]);

	*len = nl ? (size_t)(nl - s) : t->len - t->line[i];
	return s;
}

void text_mark_lines(struct text *t, size_t from, size_t to, enum role r)
{
	for (size_t i = from; i < to && i < t->nlines; i++) {
		size_t len, off = t->line[i];

		text_line(t, i, &len);
		for (size_t k = 0; k < len; k++)
			if (t->role[off + k] == ROLE_NORMAL || t->role[off + k] >= ROLE_SQL_KEYWORD)
				t->role[off + k] = (unsigned char)r;
	}
}

void text_draw(struct pane *p, const struct text *t, int y0, size_t top)
{
	for (int y = y0; y < p->h && top + (size_t)(y - y0) < t->nlines; y++) {
		size_t i = top + (size_t)(y - y0), len, off = t->line[i], k = 0;
		int x = 1;

		text_line(t, i, &len);
		while (k < len && x < p->w - 1) {
			size_t run = k;
			enum role r = t->role[off + k];

			while (run < len && t->role[off + run] == r)
				run++;
			x += ui_putn(p->win, y, x, p->w - 1 - x, t->buf + off + k, run - k,
				     theme_attr(r));
			k = run;
		}
	}
}

unsigned text_scroll(size_t *top, enum action a, size_t n, int rows)
{
	size_t r = rows > 1 ? (size_t)rows : 1;
	size_t max = n > r ? n - r : 0;

	switch (a) {
	case ACT_UP: if (*top) (*top)--; break;
	case ACT_DOWN: if (*top < max) (*top)++; break;
	case ACT_PAGE_UP: *top = *top > r ? *top - r : 0; break;
	case ACT_PAGE_DOWN: *top = *top + r < max ? *top + r : max; break;
	case ACT_FIRST: *top = 0; break;
	case ACT_LAST: *top = max; break;
	default: return 0;
	}
	return UI_HANDLED | UI_REDRAW;
}

unsigned ui_write_text_file(struct ui *ui, const char *what, const char *text,
			    const char *default_name)
{
	char *path = NULL, *err = NULL, *title = xasprintf("Write %s", what);

	if (!dlg_prompt(ui, title, "file:", default_name, NULL, NULL, NULL, &path)) {
		free(title);
		return UI_HANDLED;
	}
	free(title);
	if (!*path)
		ui_message(ui, ROLE_STATUS_WARNING, "no file named: nothing written");
	else if (file_write_atomic(path, text, strlen(text), &err) != 0)
		ui_message(ui, ROLE_STATUS_ERROR, "not written: %s", err);
	else
		ui_message(ui, ROLE_STATUS, "wrote %s to %s", what, path);
	free(err);
	free(path);
	return UI_HANDLED;
}
