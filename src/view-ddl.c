/* view-ddl.c — the DDL tab: the whole model's CREATE script in the
 * current dialect (ddl_model, what `skema ddl` prints), coloured from the
 * SQL tokens, with the selected table's CREATE TABLE scrolled into view.
 *
 * The script costs O(model): it is rebuilt only when the model or the
 * dialect changed, and on large models only when idle (the old text stays
 * on screen meanwhile).  Following the selection is a lookup in the line
 * index built with the script. */
#include <stdlib.h>
#include <string.h>

#include "ddl.h"
#include "edit.h"
#include "sql-lexer.h"

static bool ddl_fresh(const struct ui *ui)
{
	return ui->ddl_valid && ui->ddl_generation == ui->d->generation &&
	       ui->ddl_dialect == ui->d->dialect;
}

/* The line of each table's CREATE TABLE, from the tokens of the script. */
static void index_tables(struct ui *ui)
{
	const struct model *m = ui->d->model;
	const char *sql = ui->ddl.buf ? ui->ddl.buf : "";
	struct sql_lexer lx;
	struct sql_token tok, prev = { 0 }, prev2 = { 0 };

	free(ui->ddl_table_line);
	ui->ddl_ntables = m->tables.n;
	ui->ddl_table_line = xcalloc(m->tables.n + 1, sizeof(size_t));
	sql_lexer_init(&lx, sql, ui->ddl.len);
	while (sql_lexer_next_code(&lx, &tok)) {
		if (sql_token_is_word(sql, &prev2, "CREATE") && sql_token_is_word(sql, &prev, "TABLE") &&
		    (tok.kind == SQL_TOK_IDENT || tok.kind == SQL_TOK_WORD)) {
			char *name = sql_token_name(sql, &tok);
			long i = model_table_index(m, name);

			if (i >= 0 && !ui->ddl_table_line[i])
				ui->ddl_table_line[i] = prev2.line;   /* 1-based: 0 = not found */
			free(name);
		}
		prev2 = prev;
		prev = tok;
	}
}

static void ddl_update(struct ui *ui)
{
	struct designer *d = ui->d;
	struct diag_list dl;
	char *sql;

	if (ddl_fresh(ui) || !ui_eager(ui))
		return;
	diag_list_init(&dl);
	sql = ddl_model(d->model, d->dialect, &dl);
	diag_list_free(&dl);
	text_clear(&ui->ddl);
	text_add_sql(&ui->ddl, sql);
	text_finish(&ui->ddl);
	free(sql);
	ui->ddl_generation = d->generation;
	ui->ddl_dialect = d->dialect;
	ui->ddl_valid = true;
	index_tables(ui);
	ui->ddl_synced = (size_t)-1;
}

/* Bring the selected table's statement to the top, once per selection. */
static void ddl_follow(struct ui *ui, struct pane *p)
{
	size_t t = ui->d->table;

	if (!ui->ddl_valid || t == ui->ddl_synced || t >= ui->ddl_ntables)
		return;
	ui->ddl_synced = t;
	if (ui->ddl_table_line[t])
		p->top = ui->ddl_table_line[t] - 1;
}

static void ddl_draw(struct ui *ui, struct pane *p)
{
	int rows = p->h - 2;
	const struct table *t = designer_table(ui->d);
	char *info;

	ddl_update(ui);
	ddl_follow(ui, p);
	info = xasprintf("%s%s%s%s", ui->d->dialect->title, t ? " · " : "", t ? t->name : "",
			 !ui->ddl_valid ? " · generated when idle" :
			 !ddl_fresh(ui) ? " · updating" : "");
	ui_tab_strip(ui, p, info, theme_attr(ROLE_STATUS) | (int)A_BOLD);
	free(info);
	if (p->top + (size_t)rows > ui->ddl.nlines)
		p->top = ui->ddl.nlines > (size_t)rows ? ui->ddl.nlines - (size_t)rows : 0;
	text_draw(p, &ui->ddl, 2, p->top);
}

static unsigned ddl_handle(struct ui *ui, struct pane *p, enum action a)
{
	if (a == ACT_WRITE) {
		struct diag_list dl;
		char *sql, *name;
		const char *base = strrchr(ui->d->path, '/'), *dot;

		base = base ? base + 1 : ui->d->path;
		dot = strrchr(base, '.');
		name = xasprintf("%.*s-%s.sql", dot ? (int)(dot - base) : (int)strlen(base), base,
				 ui->d->dialect->name);
		diag_list_init(&dl);
		sql = ddl_model(ui->d->model, ui->d->dialect, &dl);
		diag_list_free(&dl);
		ui_write_text_file(ui, "the DDL", sql, name);
		free(sql);
		free(name);
		return UI_HANDLED;
	}
	ddl_update(ui);
	return text_scroll(&p->top, a, ui->ddl.nlines, p->h - 2);
}

static bool ddl_idle(struct ui *ui, struct pane *p)
{
	(void)p;
	if (ddl_fresh(ui))
		return false;
	ddl_update(ui);
	return true;
}

static void ddl_done(struct ui *ui)
{
	text_free(&ui->ddl);
	free(ui->ddl_table_line);
	ui->ddl_table_line = NULL;
}

const struct view view_ddl = {
	.name = "ddl",
	.scope = SCOPE_DDL,
	.draw = ddl_draw,
	.handle = ddl_handle,
	.click = NULL,
	.idle = ddl_idle,
	.done = ddl_done,
};
