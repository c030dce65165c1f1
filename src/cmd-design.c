/* cmd-design.c — `skema [FILE.yaml] [--db TARGET] [--theme NAME] [-d DIALECT]`:
 * read the settings, the theme and the model, offer a recovery file left
 * by a killed session, then run the designer's loop. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "designer.h"
#include "model-yaml.h"
#include "settings.h"
#include "theme.h"
#include "ui-dialog.h"
#include "ui-input.h"
#include "ui.h"

static const char usage[] =
	"usage: skema [FILE.yaml] [--db TARGET] [--theme NAME] [-d sqlite|postgres|mysql]\n";

struct design_args {
	const char *file, *db, *theme, *dialect;
};

static int parse_args(int argc, char **argv, struct design_args *a)
{
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		const char **slot = NULL;

		if (strcmp(s, "--db") == 0)
			slot = &a->db;
		else if (strcmp(s, "--theme") == 0)
			slot = &a->theme;
		else if (strcmp(s, "-d") == 0 || strcmp(s, "--dialect") == 0)
			slot = &a->dialect;
		else if (strncmp(s, "--db=", 5) == 0)
			a->db = s + 5;
		else if (strncmp(s, "--theme=", 8) == 0)
			a->theme = s + 8;
		else if (strncmp(s, "--dialect=", 10) == 0)
			a->dialect = s + 10;
		else if (s[0] == '-' && s[1]) {
			cmd_error("unknown option '%s'", s);
			return -1;
		} else if (a->file) {
			cmd_error("one model file at a time ('%s' and '%s')", a->file, s);
			return -1;
		} else {
			a->file = s;
		}
		if (slot) {
			if (i + 1 >= argc) {
				cmd_error("%s needs a value", s);
				return -1;
			}
			*slot = argv[++i];
		}
	}
	if (!a->file) {
		cmd_error("the designer needs a model file (it is created on first save)");
		return -1;
	}
	return 0;
}

/* Show the problems a file had when it was opened, in a list. */
static void show_load_problems(struct ui *ui, const struct diag_list *dl, const char *file)
{
	struct strlist lines;
	char *title;

	strlist_init(&lines);
	for (size_t i = 0; i < dl->n; i++)
		strlist_push_owned(&lines, diag_format(&dl->items[i], file));
	title = xasprintf("%s has errors: it will not be overwritten unless you confirm", file);
	dlg_pick(ui, title, &lines, 0);
	free(title);
	strlist_free(&lines);
}

static void offer_recovery(struct ui *ui)
{
	struct designer *d = ui->d;
	char *path = designer_recovery_path(d->path), *q, *err = NULL;
	struct diag_list dl;
	int c;

	if (access(path, F_OK) != 0) {
		free(path);
		return;
	}
	q = xasprintf("A recovery file from an interrupted session exists (%s). Restore the unsaved "
		      "changes from it?", path);
	c = dlg_confirm(ui, "Recover", q, "y restore, n discard it, Esc decide later");
	free(q);
	diag_list_init(&dl);
	if (c == 'y') {
		if (designer_restore_recovery(d, &dl, &err) == 0) {
			ui_changed(ui, NULL);
			ui_message(ui, ROLE_STATUS_WARNING,
				   "restored unsaved changes from %s (s saves them)", path);
		} else {
			ui_message(ui, ROLE_STATUS_ERROR, "cannot restore: %s", err);
			free(err);
		}
	} else if (c == 'n') {
		designer_remove_recovery(d);
		ui_message(ui, ROLE_STATUS, "discarded %s", path);
	} else {
		d->recovery_deferred = true;
		ui_message(ui, ROLE_STATUS_WARNING, "kept %s for the next start", path);
	}
	diag_list_free(&dl);
	free(path);
}

int cmd_design(int argc, char **argv)
{
	struct design_args a = { 0 };
	struct settings set;
	struct strlist warnings;
	struct theme theme;
	struct diag_list load_dl;
	struct designer d;
	struct model *m = NULL;
	struct ui ui;
	const struct dialect *dialect;
	const char *theme_name;
	char *err = NULL;
	bool invalid = false;
	int rc = 0;

	if (parse_args(argc, argv, &a) != 0) {
		fputs(usage, stderr);
		return EXIT_TROUBLE;
	}
	settings_init(&set);
	strlist_init(&warnings);
	settings_load(&set, &warnings);

	dialect = dialect_find(a.dialect ? a.dialect : set.dialect ? set.dialect : "sqlite");
	if (!dialect) {
		cmd_error("unknown dialect '%s' (sqlite, postgres, mysql)",
			  a.dialect ? a.dialect : set.dialect);
		rc = EXIT_TROUBLE;
		goto out_settings;
	}
	theme_default(&theme);
	theme_name = a.theme ? a.theme : set.theme ? set.theme : "default";
	if (theme_load(&theme, theme_name, &err) != 0) {
		if (a.theme) {
			cmd_error("%s", err);
			free(err);
			theme_free(&theme);
			rc = EXIT_TROUBLE;
			goto out_settings;
		}
		/* the compiled-in default stands in for a missing file */
		if (strcmp(theme_name, "default") != 0)
			strlist_push_owned(&warnings, xasprintf("%s; using the default theme", err));
		free(err);
		err = NULL;
	}

	diag_list_init(&load_dl);
	if (access(a.file, F_OK) == 0) {
		if (model_load_file(a.file, &m, &load_dl, &err) != 0) {
			cmd_error("%s", err);
			free(err);
			rc = EXIT_TROUBLE;
			goto out_theme;
		}
		invalid = !m || load_dl.errors > 0;
	} else if (errno != ENOENT) {
		cmd_error("cannot open %s: %s", a.file, strerror(errno));
		rc = EXIT_TROUBLE;
		goto out_theme;
	}
	designer_init(&d, m, a.file);
	d.file_invalid = invalid;
	d.dialect = dialect;

	if (input_init(&err) != 0) {
		cmd_error("%s", err);
		free(err);
		rc = EXIT_TROUBLE;
		goto out_designer;
	}
	if (ui_init(&ui, &d, &theme, &err) != 0) {
		cmd_error("%s", err);
		free(err);
		rc = EXIT_TROUBLE;
		goto out_input;
	}
	if (load_dl.n && invalid)
		show_load_problems(&ui, &load_dl, a.file);
	else if (load_dl.n)
		ui_message(&ui, ROLE_STATUS_WARNING, "%s: %s", a.file, load_dl.items[0].message);
	if (warnings.n)
		ui_message(&ui, ROLE_STATUS_WARNING, "%s", warnings.items[0]);
	if (a.db) {
		/* the Diff and Apply tabs' target; the Diff starts from it */
		ui.db = xstrdup(a.db);
		ui.diff_from_db = true;
	}
	offer_recovery(&ui);
	ui_run(&ui);
	ui_done(&ui);
out_input:
	input_done();
out_designer:
	designer_free(&d);
out_theme:
	diag_list_free(&load_dl);
	theme_free(&theme);
out_settings:
	strlist_free(&warnings);
	settings_free(&set);
	return rc;
}
