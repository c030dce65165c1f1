/* ui-status.c — the title line (file, [+] when modified, dialect) and the
 * status line (the last message, else the model's problem count). */
#include <string.h>

#include <stdlib.h>

#include "ui.h"

void title_draw(struct ui *ui)
{
	const struct designer *d = ui->d;
	const char *base = strrchr(d->path, '/');
	int attr = theme_attr(d->modified ? ROLE_TITLE_MODIFIED : ROLE_TITLE);
	char *left, *right;
	int w = COLS;

	base = base ? base + 1 : d->path;
	left = xasprintf(" skema — %s%s%s", base, d->modified ? " [+]" : "",
			 d->model->name ? "" : "");
	right = xasprintf("%s%s%zu tables  %s ", d->model->name ? d->model->name : "",
			  d->model->name ? "  " : "", d->model->tables.n, d->dialect->name);
	werase(ui->title);
	wattron(ui->title, attr);
	mvwhline(ui->title, 0, 0, ' ', w);
	wattroff(ui->title, attr);
	ui_put(ui->title, 0, 0, w, left, attr);
	if ((int)strlen(right) + (int)strlen(left) < w)
		ui_put(ui->title, 0, w - (int)strlen(right), (int)strlen(right), right, attr);
	free(left);
	free(right);
}

void status_draw(struct ui *ui)
{
	struct designer *d = ui->d;
	int w = COLS;

	werase(ui->status);
	if (ui->message) {
		ui_put(ui->status, 0, 1, w - 2, ui->message, theme_attr(ui->message_role));
		return;
	}
	if (d->diags_stale) {
		ui_put(ui->status, 0, 1, w - 2, "checking...", theme_attr(ROLE_STATUS));
	} else if (d->diags.n == 0) {
		ui_put(ui->status, 0, 1, w - 2, "no problems", theme_attr(ROLE_STATUS));
	} else {
		char *s = xasprintf("%zu error%s, %zu warning%s (e: next)", d->diags.errors,
				    d->diags.errors == 1 ? "" : "s", d->diags.warnings,
				    d->diags.warnings == 1 ? "" : "s");

		ui_put(ui->status, 0, 1, w - 2, s,
		       theme_attr(d->diags.errors ? ROLE_STATUS_ERROR : ROLE_STATUS_WARNING));
		free(s);
	}
}
