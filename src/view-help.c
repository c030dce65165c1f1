/* view-help.c — every key, grouped, generated from the action table and
 * the bindings, so it always says what the keys do. */
#include <string.h>

#include "edit.h"

/* Lines of the help text; rebuilt per draw (it is small). */
static void help_lines(struct strlist *out)
{
	strlist_push(out, "skema designer — keys.  Esc, q or ? closes this help; arrows scroll.");
	strlist_push(out, "");
	strlist_push(out, "To start: a adds a table (with its first column), Tab moves to the Table pane,");
	strlist_push(out, "a adds a column (its form has type, flags and `references` for a foreign key;");
	strlist_push(out, "F4 in a form lists choices), o links two tables one-to-many, s saves.");
	for (int g = 0; g < HG_COUNT; g++) {
		strlist_push(out, "");
		strlist_push(out, help_group_title((enum help_group)g));
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			const struct action_def *def = action_get(a);
			int keys[6];
			size_t n = action_keys(a, keys, 6);
			struct strbuf sb;

			if (def->group != (enum help_group)g)
				continue;
			sb_init(&sb);
			sb_add(&sb, "  ");
			for (size_t i = 0; i < n; i++) {
				if (i)
					sb_add(&sb, " ");
				sb_add(&sb, key_name(keys[i]));
			}
			while (sb.len < 20)
				sb_addc(&sb, ' ');
			sb_printf(&sb, " %s", def->help);
			strlist_push_owned(out, sb_detach(&sb));
			sb_free(&sb);
		}
	}
	strlist_push(out, "");
	strlist_push(out, "In dialogs and forms");
	strlist_push(out, "  Enter               accept (a form checks every field; problems are shown in it)");
	strlist_push(out, "  Esc                 cancel");
	strlist_push(out, "  Tab S-Tab Up Down   move between form fields");
	strlist_push(out, "  Space               toggle a yes/no field, cycle a choice field");
	strlist_push(out, "  F4                  pick from a list: types, tables, columns, actions");
	strlist_push(out, "  Tab (prompt)        complete the word from the choices");
	strlist_push(out, "  type to filter      in pick lists; Space marks columns in multi-select");
}

static void help_draw(struct ui *ui, struct pane *p)
{
	struct strlist lines;
	int rows = p->h - 1;

	strlist_init(&lines);
	help_lines(&lines);
	ui_pane_heading(ui, p, "Help");
	if (p->top + (size_t)rows > lines.n)
		p->top = lines.n > (size_t)rows ? lines.n - (size_t)rows : 0;
	for (int r = 0; r < rows && p->top + (size_t)r < lines.n; r++) {
		const char *s = lines.items[p->top + (size_t)r];
		bool heading = s[0] && s[0] != ' ' && p->top + (size_t)r > 0;

		ui_put(p->win, r + 1, 1, p->w - 2, s, heading ? A_BOLD : theme_attr(ROLE_NORMAL));
	}
	strlist_free(&lines);
}

static unsigned help_handle(struct ui *ui, struct pane *p, enum action a)
{
	size_t rows = p->h > 2 ? (size_t)p->h - 2 : 1;

	(void)ui;
	switch (a) {
	case ACT_UP: if (p->top) p->top--; break;
	case ACT_DOWN: p->top++; break;
	case ACT_PAGE_UP: p->top = p->top > rows ? p->top - rows : 0; break;
	case ACT_PAGE_DOWN: p->top += rows; break;
	case ACT_FIRST: p->top = 0; break;
	case ACT_LAST: p->top = (size_t)-1 / 2; break;
	default: return 0;
	}
	return UI_HANDLED | UI_REDRAW;
}

const struct view view_help = {
	.name = "help",
	.scope = SCOPE_DDL,
	.draw = help_draw,
	.handle = help_handle,
	.click = NULL,
};
