/* ui-export.c — the export action: choose a format (export_formats),
 * then a path; the text is export_model's, as `skema export -f FORMAT`
 * writes it, and the file is written atomically. */
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "model-yaml.h"
#include "ui-dialog.h"
#include "ui.h"

unsigned ui_export(struct ui *ui)
{
	const struct exporter *formats, *e;
	struct strlist items;
	struct diag_list dl;
	size_t n;
	long pick;
	const char *base = strrchr(ui->d->path, '/'), *dot;
	char *name, *path = NULL, *text, *err = NULL;

	formats = export_formats(&n);
	strlist_init(&items);
	for (size_t i = 0; i < n; i++)
		strlist_push_owned(&items, xasprintf("%-9s %s", formats[i].name, formats[i].title));
	pick = dlg_pick(ui, "Export the model as", &items, 0);
	strlist_free(&items);
	ui_dirty_all(ui);
	if (pick < 0 || (size_t)pick >= n)
		return UI_HANDLED;
	e = &formats[pick];
	base = base ? base + 1 : ui->d->path;
	dot = strrchr(base, '.');
	name = xasprintf("%.*s%s", dot ? (int)(dot - base) : (int)strlen(base), base, e->extension);
	if (!dlg_prompt(ui, e->title, "file:", name, NULL, NULL, NULL, &path) || !*path) {
		free(name);
		free(path);
		return UI_HANDLED;
	}
	free(name);
	diag_list_init(&dl);
	text = export_model(e, ui->d->model, NULL, &dl);
	if (file_write_atomic(path, text, strlen(text), &err) != 0)
		ui_message(ui, ROLE_STATUS_ERROR, "not exported: %s", err);
	else if (dl.n)
		ui_message(ui, ROLE_STATUS_WARNING, "wrote %s (%s) with %zu warning%s: %s", path,
			   e->name, dl.n, dl.n == 1 ? "" : "s", dl.items[0].message);
	else
		ui_message(ui, ROLE_STATUS, "wrote %s (%s)", path, e->name);
	diag_list_free(&dl);
	free(err);
	free(text);
	free(path);
	return UI_HANDLED;
}
