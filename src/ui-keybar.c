/* ui-keybar.c — the function-key bar, generated from the action table:
 * first the actions on function keys, then the labelled actions of the
 * focused pane with their first key, as many as fit. */
#include <string.h>

#include "ui.h"

static bool is_fkey(int k)
{
	return IS_KEYCODE(k) && (k & ~KEYCODE(0)) >= KEY_F(1) && (k & ~KEYCODE(0)) <= KEY_F(12);
}

/* Draw "KEY Label" at *x; false when it does not fit. */
static bool item(struct ui *ui, int *x, const char *key, const char *label)
{
	int need = (int)strlen(key) + 1 + (int)strlen(label) + 1;

	if (*x + need > COLS)
		return false;
	*x += ui_put(ui->keybar, 0, *x, COLS - *x, key, theme_attr(ROLE_KEYBAR_KEY));
	*x += ui_put(ui->keybar, 0, *x, COLS - *x, " ", theme_attr(ROLE_KEYBAR_LABEL));
	*x += ui_put(ui->keybar, 0, *x, COLS - *x, label, theme_attr(ROLE_KEYBAR_LABEL));
	*x += ui_put(ui->keybar, 0, *x, COLS - *x, " ", theme_attr(ROLE_KEYBAR_LABEL));
	return true;
}

void keybar_draw(struct ui *ui)
{
	unsigned scope = ui->pane[ui->help_open ? PANE_HELP : ui->focus].view->scope;
	int x = 0;

	werase(ui->keybar);
	/* function keys first, in order: they are the same everywhere */
	for (int f = 1; f <= 12; f++)
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			const struct action_def *def = action_get(a);
			int keys[4];
			size_t n = action_keys(a, keys, 4);

			if (!def->bar || !(def->scope & scope))
				continue;
			for (size_t i = 0; i < n; i++)
				if (keys[i] == KEYCODE(KEY_F(f)) && !item(ui, &x, key_name(keys[i]), def->bar))
					return;
		}
	/* then letters: this pane's own actions before the global ones */
	for (int pass = 0; pass < 2; pass++)
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			const struct action_def *def = action_get(a);
			int keys[4];
			size_t n = action_keys(a, keys, 4);
			bool has_f = false;

			if (!def->bar || !(def->scope & scope) || (pass == 0) != (def->scope != SCOPE_ALL))
				continue;
			for (size_t i = 0; i < n; i++)
				has_f |= is_fkey(keys[i]);
			if (has_f || n == 0)
				continue;
			if (!item(ui, &x, key_name(keys[0]), def->bar))
				return;
		}
}
