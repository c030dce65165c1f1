/* view-help.c — every key, grouped, generated from the action table and
 * the bindings, so it always says what the keys do. */
#include <string.h>

#include "edit.h"

#define KEY_COL 20

/* "  KEYS   text", the text wrapped to width under its own column. */
static void help_entry(struct strlist *out, const char *keys, const char *text, int width)
{
	int tw = width - KEY_COL - 3;
	struct strbuf sb;
	bool first = true;

	if (tw < 20)
		tw = 20;
	sb_init(&sb);
	while (first || *text) {
		size_t len = strlen(text), cut = len;

		if ((int)len > tw) {
			cut = (size_t)tw;
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)tw;
		}
		sb_reset(&sb);
		sb_printf(&sb, "  %-*s %.*s", KEY_COL, first ? keys : "", (int)cut, text);
		strlist_push(out, sb.buf);
		text += cut;
		while (*text == ' ')
			text++;
		first = false;
	}
	sb_free(&sb);
}

/* Lines of the help text for a pane width; rebuilt per draw (small). */
static void help_lines(struct strlist *out, int width)
{
	static const char *const dialog_keys[][2] = {
		{ "Enter", "accept (a form checks every field and shows the problems in it)" },
		{ "Esc", "cancel" },
		{ "Tab S-Tab Up Down", "move between the fields of a form" },
		{ "Space", "toggle a yes/no field, change a choice field" },
		{ "F4", "pick from a list: types, tables, key columns, columns" },
		{ "Tab (in a prompt)", "complete the word from the choices" },
		{ "letters", "filter pick lists; Space marks columns in a multi-select" },
	};

	strlist_push(out, "skema designer: every key.  Esc, q or ? closes this help; arrows scroll.");
	strlist_push(out, "");
	strlist_push(out, "To start: a adds a table (with its first column, id integer primary key);");
	strlist_push(out, "C adds a column (or Tab to the Table pane, then a). The column form has the");
	strlist_push(out, "type, the flags and `references` (table.column) for a foreign key; F4 lists");
	strlist_push(out, "choices. o links two tables one-to-many, m many-to-many. s saves.");
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
			for (size_t i = 0; i < n; i++)
				sb_printf(&sb, "%s%s", i ? " " : "", key_name(keys[i]));
			help_entry(out, sb.buf, def->help, width);
			sb_free(&sb);
		}
	}
	strlist_push(out, "");
	strlist_push(out, "In dialogs and forms");
	for (size_t i = 0; i < sizeof dialog_keys / sizeof dialog_keys[0]; i++)
		help_entry(out, dialog_keys[i][0], dialog_keys[i][1], width);
}

static void help_draw(struct ui *ui, struct pane *p)
{
	struct strlist lines;
	int rows = p->h - 1;

	strlist_init(&lines);
	help_lines(&lines, p->w - 2);
	ui_pane_heading(ui, p, "Help");
	if (p->top + (size_t)rows > lines.n)
		p->top = lines.n > (size_t)rows ? lines.n - (size_t)rows : 0;
	for (int r = 0; r < rows && p->top + (size_t)r < lines.n; r++) {
		const char *s = lines.items[p->top + (size_t)r];
		bool heading = s[0] && s[0] != ' ' && p->top + (size_t)r > 0;

		ui_put(p->win, r + 1, 1, p->w - 2, s, heading ? (int)A_BOLD : theme_attr(ROLE_NORMAL));
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
	.scope = SCOPE_HELP,
	.draw = help_draw,
	.handle = help_handle,
	.click = NULL,
};
