/* view-ddl.c — the right pane: the live DDL of the selected table in the
 * current dialect (ddl_table, not the whole model: a keystroke must not
 * cost O(schema)).  Regenerated only when the model, the selection or
 * the dialect changed; scrolled with the movement keys. */
#include <ctype.h>
#include <string.h>

#include <stdlib.h>

#include "ddl.h"
#include "edit.h"

static void ddl_update(struct ui *ui)
{
	struct designer *d = ui->d;
	const struct table *t = designer_table(d);
	struct diag_list dl;
	size_t n = 0;

	if (ui->ddl && ui->ddl_generation == d->generation && ui->ddl_table == t &&
	    ui->ddl_dialect == d->dialect)
		return;
	free(ui->ddl);
	free(ui->ddl_lines);
	ui->ddl = NULL;
	ui->ddl_lines = NULL;
	ui->ddl_nlines = 0;
	ui->ddl_generation = d->generation;
	ui->ddl_table = t;
	ui->ddl_dialect = d->dialect;
	diag_list_init(&dl);
	ui->ddl = t ? ddl_table(d->model, t, d->dialect, &dl) : xstrdup("");
	diag_list_free(&dl);
	for (char *s = ui->ddl; *s; s++)
		n += *s == '\n';
	ui->ddl_lines = xmalloc((n + 2) * sizeof(char *));
	for (char *s = ui->ddl, *nl; *s; s = nl + 1) {
		ui->ddl_lines[ui->ddl_nlines++] = s;
		nl = strchr(s, '\n');
		if (!nl)
			break;
		*nl = '\0';
	}
}

static bool is_keyword(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isupper((unsigned char)w[i]) && w[i] != '_')
			return false;
	return n > 1;
}

/* A line with light syntax colouring: keywords, quoted names, strings,
 * comments. */
static void draw_sql_line(struct pane *p, int y, const char *s, char qopen, char qclose)
{
	int x = 1, w = p->w - 1;

	wmove(p->win, y, x);
	while (*s && x < w) {
		const char *start = s;
		enum role role = ROLE_NORMAL;
		char *tok;

		if (s[0] == '-' && s[1] == '-') {
			s += strlen(s);
			role = ROLE_SQL_COMMENT;
		} else if (*s == '\'') {
			for (s++; *s && !(*s == '\'' && s[1] != '\''); s += (*s == '\'' ? 2 : 1))
				;
			if (*s)
				s++;
			role = ROLE_SQL_STRING;
		} else if (*s == qopen) {
			for (s++; *s && *s != qclose; s++)
				;
			if (*s)
				s++;
			role = ROLE_SQL_IDENTIFIER;
		} else if (isalpha((unsigned char)*s) || *s == '_') {
			while (isalnum((unsigned char)*s) || *s == '_')
				s++;
			if (is_keyword(start, (size_t)(s - start)))
				role = ROLE_SQL_KEYWORD;
		} else {
			s++;
			while (*s && !strchr("-'_", *s) && *s != qopen && !isalpha((unsigned char)*s))
				s++;
		}
		tok = xstrndup(start, (size_t)(s - start));
		x += ui_put(p->win, y, x, w - x, tok, theme_attr(role));
		free(tok);
	}
}

static void ddl_draw(struct ui *ui, struct pane *p)
{
	int rows = p->h - 1;
	char *head;

	ddl_update(ui);
	head = xasprintf("DDL · %s%s", ui->d->dialect->title,
			 ui->ddl_table ? "" : " (no table)");
	ui_pane_heading(ui, p, head);
	free(head);
	if (p->top + (size_t)rows > ui->ddl_nlines)
		p->top = ui->ddl_nlines > (size_t)rows ? ui->ddl_nlines - (size_t)rows : 0;
	for (int r = 0; r < rows && p->top + (size_t)r < ui->ddl_nlines; r++)
		draw_sql_line(p, r + 1, ui->ddl_lines[p->top + (size_t)r],
			      ui->d->dialect->quote_open, ui->d->dialect->quote_close);
}

static unsigned ddl_handle(struct ui *ui, struct pane *p, enum action a)
{
	size_t rows = p->h > 2 ? (size_t)p->h - 2 : 1, n;

	ddl_update(ui);
	n = ui->ddl_nlines;
	switch (a) {
	case ACT_UP: if (p->top) p->top--; break;
	case ACT_DOWN: if (p->top + rows < n) p->top++; break;
	case ACT_PAGE_UP: p->top = p->top > rows ? p->top - rows : 0; break;
	case ACT_PAGE_DOWN: p->top = p->top + 2 * rows < n ? p->top + rows : (n > rows ? n - rows : 0); break;
	case ACT_FIRST: p->top = 0; break;
	case ACT_LAST: p->top = n > rows ? n - rows : 0; break;
	default: return 0;
	}
	return UI_HANDLED | UI_REDRAW;
}

const struct view view_ddl = {
	.name = "ddl",
	.scope = SCOPE_DDL,
	.draw = ddl_draw,
	.handle = ddl_handle,
	.click = NULL,
};
