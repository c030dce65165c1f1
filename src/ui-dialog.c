/* ui-dialog.c — see ui-dialog.h. */
#include "ui-dialog.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#include "ui-input.h"

/* ---- a line editor over wide characters ---- */

struct line_edit {
	wchar_t *buf;
	size_t len, cap, cur, scroll;
	bool fresh;     /* text just set: typing replaces it, as in most forms */
};

static void le_set(struct line_edit *le, const char *s)
{
	size_t n = mbstowcs(NULL, s ? s : "", 0);

	if (n == (size_t)-1)
		n = 0;
	le->cap = n + 16;
	le->buf = xrealloc(le->buf, le->cap * sizeof(wchar_t));
	le->len = n ? mbstowcs(le->buf, s, le->cap) : 0;
	le->buf[le->len] = 0;
	le->cur = le->len;
	le->scroll = 0;
	le->fresh = true;
}

static char *le_text(const struct line_edit *le)
{
	size_t n;
	char *s;

	if (!le->buf)
		return xstrdup("");
	n = wcstombs(NULL, le->buf, 0);
	if (n == (size_t)-1)
		return xstrdup("");
	s = xmalloc(n + 1);
	wcstombs(s, le->buf, n + 1);
	return s;
}

static void le_free(struct line_edit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

static bool le_key(struct line_edit *le, int k)
{
	if (!le->buf)
		le_set(le, "");
	if (le->fresh && !IS_KEYCODE(k) && k >= 32 && k != 127) {
		le->len = le->cur = 0;
		le->buf[0] = 0;
	}
	le->fresh = false;
	if (!IS_KEYCODE(k) && k >= 32 && k != 127) {
		xgrow(&le->buf, &le->cap, le->len + 2, sizeof(wchar_t));
		memmove(le->buf + le->cur + 1, le->buf + le->cur,
			(le->len - le->cur + 1) * sizeof(wchar_t));
		le->buf[le->cur++] = (wchar_t)k;
		le->len++;
		return true;
	}
	if (k == KEYCODE(KEY_BACKSPACE) || k == 127 || k == CTRL('h')) {
		if (!le->cur)
			return true;
		memmove(le->buf + le->cur - 1, le->buf + le->cur,
			(le->len - le->cur + 1) * sizeof(wchar_t));
		le->cur--;
		le->len--;
		return true;
	}
	if (k == KEYCODE(KEY_DC) || k == CTRL('d')) {
		if (le->cur < le->len) {
			memmove(le->buf + le->cur, le->buf + le->cur + 1,
				(le->len - le->cur) * sizeof(wchar_t));
			le->len--;
		}
		return true;
	}
	if (k == KEYCODE(KEY_LEFT) || k == CTRL('b')) {
		if (le->cur)
			le->cur--;
		return true;
	}
	if (k == KEYCODE(KEY_RIGHT) || k == CTRL('f')) {
		if (le->cur < le->len)
			le->cur++;
		return true;
	}
	if (k == KEYCODE(KEY_HOME) || k == CTRL('a')) {
		le->cur = 0;
		return true;
	}
	if (k == KEYCODE(KEY_END) || k == CTRL('e')) {
		le->cur = le->len;
		return true;
	}
	if (k == CTRL('u')) {
		memmove(le->buf, le->buf + le->cur, (le->len - le->cur + 1) * sizeof(wchar_t));
		le->len -= le->cur;
		le->cur = 0;
		return true;
	}
	if (k == CTRL('k')) {
		le->len = le->cur;
		le->buf[le->len] = 0;
		return true;
	}
	return false;
}

static void le_draw(WINDOW *w, int y, int x, int width, struct line_edit *le, bool focused,
		    int attr)
{
	if (width < 2)
		return;
	if (le->cur < le->scroll)
		le->scroll = le->cur;
	if (le->cur - le->scroll >= (size_t)width - 1)
		le->scroll = le->cur - (size_t)width + 2;
	wattron(w, attr);
	mvwhline(w, y, x, ' ', width);
	for (int i = 0; i < width && le->scroll + (size_t)i <= le->len; i++) {
		size_t at = le->scroll + (size_t)i;
		wchar_t c = at < le->len ? le->buf[at] : L' ';
		/* the cursor, or the whole text while typing would replace it */
		bool mark = focused && (at == le->cur || (le->fresh && at < le->len));

		if (mark)
			wattron(w, A_REVERSE);
		mvwaddnwstr(w, y, x + i, &c, 1);
		if (mark)
			wattroff(w, A_REVERSE);
	}
	wattroff(w, attr);
}

/* ---- frames ---- */

static WINDOW *frame(struct ui *ui, int h, int w, const char *title)
{
	WINDOW *win;
	int attr = theme_attr(ROLE_BORDER);

	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	if (w < 10 || h < 3)
		return NULL;
	(void)ui;
	win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	keypad(win, TRUE);
	wbkgdset(win, ' ' | theme_attr(ROLE_NORMAL));
	werase(win);
	wattron(win, attr);
	box(win, 0, 0);
	wattroff(win, attr);
	{
		char *t = xasprintf(" %s ", title);

		ui_put(win, 0, 2, w - 4, t, theme_attr(ROLE_TITLE));
		free(t);
	}
	return win;
}

static void frame_show(WINDOW *win)
{
	wnoutrefresh(win);
	doupdate();
	delwin(win);
}

/* Wrap text into lines of at most width bytes (words kept whole). */
static int put_wrapped(WINDOW *w, int y, int x, int width, int max_lines, const char *s, int attr)
{
	int lines = 0;

	while (*s && lines < max_lines) {
		size_t len = strlen(s), cut = len;
		char *part;

		if ((int)len > width) {
			cut = (size_t)width;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = (size_t)width;
		}
		part = xstrndup(s, cut);
		ui_put(w, y + lines, x, width, part, attr);
		free(part);
		s += cut;
		while (*s == ' ')
			s++;
		lines++;
	}
	return lines;
}

static int dialog_width(void)
{
	int w = COLS - 8;

	return w > 76 ? 76 : w;
}

static bool prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- prompt ---- */

bool dlg_prompt(struct ui *ui, const char *title, const char *label, const char *initial,
		dlg_check_fn check, void *ctx, const struct strlist *completions, char **out)
{
	struct line_edit le = { 0 };
	char *error = NULL;
	bool ok = false;

	le_set(&le, initial);
	for (;;) {
		int w = dialog_width(), k;
		WINDOW *win;

		ui_draw(ui);
		if (!ui->too_small && (win = frame(ui, 8, w, title))) {
			int iw = getmaxx(win) - 4;

			ui_put(win, 1, 2, iw, label, A_BOLD);
			le_draw(win, 2, 2, iw, &le, true, theme_attr(ROLE_SELECTED));
			if (error) {
				put_wrapped(win, 3, 2, iw, 2, error, theme_attr(ROLE_STATUS_ERROR));
			} else if (completions && completions->n) {
				char *text = le_text(&le);
				struct strbuf sb;
				size_t shown = 0;

				sb_init(&sb);
				for (size_t i = 0; i < completions->n && sb.len < (size_t)iw * 2; i++)
					if (prefix_ci(completions->items[i], text)) {
						sb_printf(&sb, "%s%s", shown++ ? " " : "",
							  completions->items[i]);
					}
				put_wrapped(win, 3, 2, iw, 2, sb.buf, A_DIM);
				sb_free(&sb);
				free(text);
			}
			ui_put(win, 6, 2, iw,
			       completions ? "Enter OK  Esc cancel  Tab complete" : "Enter OK  Esc cancel",
			       A_DIM);
			frame_show(win);
		}
		k = ui_key(ui, -1);
		if (k == INPUT_END || k == KEY_ESCAPE)
			break;
		if (k == INPUT_NONE || k == KEYCODE(KEY_RESIZE))
			continue;
		free(error);
		error = NULL;
		if (k == '\n') {
			char *text = le_text(&le);

			error = check ? check(ctx, text) : NULL;
			if (!error) {
				*out = text;
				ok = true;
				break;
			}
			free(text);
			continue;
		}
		if (k == '\t' && completions) {
			char *text = le_text(&le);
			const char *first = NULL;
			size_t common = 0, matches = 0;

			for (size_t i = 0; i < completions->n; i++) {
				const char *c = completions->items[i];
				size_t j = 0;

				if (!prefix_ci(c, text))
					continue;
				if (!first) {
					first = c;
					common = strlen(c);
				}
				while (j < common && c[j] == first[j])
					j++;
				common = j;
				matches++;
			}
			if (first && common >= strlen(text)) {
				char *t = xstrndup(first, common);

				le_set(&le, t);
				free(t);
			}
			if (!matches)
				error = xasprintf("nothing starts with '%s'", text);
			free(text);
			continue;
		}
		le_key(&le, k);
	}
	free(error);
	le_free(&le);
	ui_dirty_all(ui);
	return ok;
}

/* ---- confirm ---- */

int dlg_confirm(struct ui *ui, const char *title, const char *question, const char *keys)
{
	int answer = 0;

	for (;;) {
		int k;
		WINDOW *win;

		ui_draw(ui);
		if (!ui->too_small && (win = frame(ui, 7, dialog_width(), title))) {
			int iw = getmaxx(win) - 4;

			put_wrapped(win, 1, 2, iw, 3, question, A_BOLD);
			ui_put(win, 5, 2, iw, keys, theme_attr(ROLE_STATUS_WARNING));
			frame_show(win);
		}
		k = ui_key(ui, -1);
		if (k == INPUT_END || k == KEY_ESCAPE)
			break;
		if (k == 'y' || k == 'Y' || k == 'n' || k == 'N') {
			answer = k | 0x20;
			break;
		}
	}
	ui_dirty_all(ui);
	return answer;
}

/* ---- pick lists ---- */

struct picker {
	const struct strlist *items;
	size_t *shown;           /* indexes of the items that pass the filter */
	size_t nshown;
	size_t cursor, top;
	struct line_edit filter;
};

static void picker_filter(struct picker *pk, long keep)
{
	char *f = le_text(&pk->filter);

	pk->nshown = 0;
	for (size_t i = 0; i < pk->items->n; i++)
		if (!*f || strcasestr(pk->items->items[i], f)) {
			if ((long)i == keep)
				pk->cursor = pk->nshown;
			pk->shown[pk->nshown++] = i;
		}
	if (pk->cursor >= pk->nshown)
		pk->cursor = pk->nshown ? pk->nshown - 1 : 0;
	free(f);
}

static bool picker_move(struct picker *pk, int k, int rows)
{
	size_t page = rows > 1 ? (size_t)rows - 1 : 1;

	if (!pk->nshown)
		return k == KEYCODE(KEY_UP) || k == KEYCODE(KEY_DOWN);
	if (k == KEYCODE(KEY_UP))
		pk->cursor = pk->cursor ? pk->cursor - 1 : 0;
	else if (k == KEYCODE(KEY_DOWN))
		pk->cursor = pk->cursor + 1 < pk->nshown ? pk->cursor + 1 : pk->cursor;
	else if (k == KEYCODE(KEY_PPAGE))
		pk->cursor = pk->cursor > page ? pk->cursor - page : 0;
	else if (k == KEYCODE(KEY_NPAGE))
		pk->cursor = pk->cursor + page < pk->nshown ? pk->cursor + page : pk->nshown - 1;
	else if (k == KEYCODE(KEY_HOME))
		pk->cursor = 0;
	else if (k == KEYCODE(KEY_END))
		pk->cursor = pk->nshown - 1;
	else
		return false;
	return true;
}

static void picker_draw(struct ui *ui, struct picker *pk, const char *title,
			const struct strlist *marked, const char *keys)
{
	int h = (int)pk->nshown + 5, rows;
	WINDOW *win;

	if (h < 8)
		h = 8;
	ui_draw(ui);
	if (ui->too_small || !(win = frame(ui, h, dialog_width() < 60 ? dialog_width() : 60, title)))
		return;
	rows = getmaxy(win) - 4;
	if (pk->cursor < pk->top)
		pk->top = pk->cursor;
	if (pk->cursor >= pk->top + (size_t)rows)
		pk->top = pk->cursor - (size_t)rows + 1;
	{
		char *f = le_text(&pk->filter);
		char *line = xasprintf("filter: %s", f);

		ui_put(win, 1, 2, getmaxx(win) - 4, line, *f ? A_BOLD : A_DIM);
		free(line);
		free(f);
	}
	for (int r = 0; r < rows && pk->top + (size_t)r < pk->nshown; r++) {
		size_t at = pk->top + (size_t)r, i = pk->shown[at];
		int attr = at == pk->cursor ? theme_attr(ROLE_CURSOR) : theme_attr(ROLE_NORMAL);
		char *line;

		if (marked) {
			long pos = strlist_find(marked, pk->items->items[i]);

			line = pos >= 0 ? xasprintf("[%ld] %s", pos + 1, pk->items->items[i])
					: xasprintf("[ ] %s", pk->items->items[i]);
		} else {
			line = xstrdup(pk->items->items[i]);
		}
		wattron(win, attr);
		mvwhline(win, 2 + r, 1, ' ', getmaxx(win) - 2);
		wattroff(win, attr);
		ui_put(win, 2 + r, 2, getmaxx(win) - 4, line, attr);
		free(line);
	}
	if (!pk->nshown)
		ui_put(win, 2, 2, getmaxx(win) - 4, "(nothing matches)", A_DIM);
	ui_put(win, getmaxy(win) - 2, 2, getmaxx(win) - 4, keys, A_DIM);
	frame_show(win);
}

long dlg_pick(struct ui *ui, const char *title, const struct strlist *items, long initial)
{
	struct picker pk = { .items = items };
	long result = -1;

	pk.shown = xmalloc((items->n + 1) * sizeof(size_t));
	picker_filter(&pk, initial);
	for (;;) {
		int k;

		picker_draw(ui, &pk, title, NULL, "Enter choose  Esc cancel  type to filter");
		k = ui_key(ui, -1);
		if (k == INPUT_END || k == KEY_ESCAPE)
			break;
		if (k == '\n') {
			if (pk.nshown) {
				result = (long)pk.shown[pk.cursor];
				break;
			}
			continue;
		}
		if (picker_move(&pk, k, LINES - 8))
			continue;
		if (le_key(&pk.filter, k))
			picker_filter(&pk, pk.nshown ? (long)pk.shown[pk.cursor] : -1);
	}
	le_free(&pk.filter);
	free(pk.shown);
	ui_dirty_all(ui);
	return result;
}

bool dlg_multi(struct ui *ui, const char *title, const struct strlist *items,
	       struct strlist *chosen)
{
	struct picker pk = { .items = items };
	struct strlist marked;
	bool ok = false;

	strlist_init(&marked);
	strlist_copy(&marked, chosen);
	pk.shown = xmalloc((items->n + 1) * sizeof(size_t));
	picker_filter(&pk, 0);
	for (;;) {
		int k;

		picker_draw(ui, &pk, title, &marked,
			    "Space mark (in order)  Enter done  Esc cancel  type to filter");
		k = ui_key(ui, -1);
		if (k == INPUT_END || k == KEY_ESCAPE)
			break;
		if (k == '\n') {
			if (!marked.n && pk.nshown)
				strlist_push(&marked, items->items[pk.shown[pk.cursor]]);
			if (!marked.n)
				continue;
			strlist_free(chosen);
			strlist_copy(chosen, &marked);
			ok = true;
			break;
		}
		if (k == ' ') {
			if (pk.nshown) {
				const char *s = items->items[pk.shown[pk.cursor]];
				long at = strlist_find(&marked, s);

				if (at >= 0) {
					free(marked.items[at]);
					memmove(marked.items + at, marked.items + at + 1,
						(marked.n - (size_t)at - 1) * sizeof(char *));
					marked.n--;
				} else {
					strlist_push(&marked, s);
				}
				if (pk.cursor + 1 < pk.nshown)
					pk.cursor++;
			}
			continue;
		}
		if (picker_move(&pk, k, LINES - 8))
			continue;
		if (le_key(&pk.filter, k))
			picker_filter(&pk, pk.nshown ? (long)pk.shown[pk.cursor] : -1);
	}
	strlist_free(&marked);
	le_free(&pk.filter);
	free(pk.shown);
	ui_dirty_all(ui);
	return ok;
}

/* ---- forms ---- */

static size_t choice_count(const struct field *f)
{
	size_t n = 0;

	while (f->choices && f->choices[n])
		n++;
	return n;
}

/* F4 on a field: choose from its list. */
static void form_pick(struct ui *ui, struct field *f, struct line_edit *le)
{
	if (f->kind == FIELD_CHOICE) {
		struct strlist l;
		long r;

		strlist_init(&l);
		for (size_t i = 0; f->choices[i]; i++)
			strlist_push(&l, *f->choices[i] ? f->choices[i] : "(none)");
		r = dlg_pick(ui, f->label, &l, (long)f->choice);
		if (r >= 0)
			f->choice = (size_t)r;
		strlist_free(&l);
		return;
	}
	if (f->kind != FIELD_TEXT || !f->list)
		return;
	if (f->multi) {
		struct strlist chosen;
		char *cur = le_text(le), *save = NULL;

		strlist_init(&chosen);
		for (char *t = strtok_r(cur, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
			strlist_push(&chosen, t);
		free(cur);
		if (dlg_multi(ui, f->label, f->list, &chosen)) {
			struct strbuf sb;

			sb_init(&sb);
			for (size_t i = 0; i < chosen.n; i++)
				sb_printf(&sb, "%s%s", i ? ", " : "", chosen.items[i]);
			le_set(le, sb.buf);
			sb_free(&sb);
		}
		strlist_free(&chosen);
	} else {
		char *cur = le_text(le);
		long initial = strlist_find(f->list, cur), r;

		free(cur);
		r = dlg_pick(ui, f->label, f->list, initial);
		if (r >= 0)
			le_set(le, f->list->items[r]);
	}
}

static void form_draw(struct ui *ui, const char *title, struct field *f, size_t n, size_t cur,
		      struct line_edit *le, const char *error, size_t *top)
{
	int lw = 0, h = (int)n + 6, rows, iw;
	WINDOW *win;

	ui_draw(ui);
	if (ui->too_small || !(win = frame(ui, h, dialog_width(), title)))
		return;
	iw = getmaxx(win) - 4;
	rows = getmaxy(win) - 5;
	for (size_t i = 0; i < n; i++)
		if ((int)strlen(f[i].label) > lw)
			lw = (int)strlen(f[i].label);
	if (cur < *top)
		*top = cur;
	if (cur >= *top + (size_t)rows)
		*top = cur - (size_t)rows + 1;
	for (int r = 0; r < rows && *top + (size_t)r < n; r++) {
		size_t i = *top + (size_t)r;
		struct field *fi = &f[i];
		int y = 1 + r, x = 2 + lw + 2, vw = iw - lw - 2;
		int attr = i == cur ? theme_attr(ROLE_CURSOR) : theme_attr(ROLE_NORMAL);

		ui_put(win, y, 2, lw, fi->label, i == cur ? A_BOLD : 0);
		if (fi->kind == FIELD_TEXT) {
			if (i == cur) {
				le_draw(win, y, x, vw, le, true, theme_attr(ROLE_SELECTED));
			} else {
				ui_put(win, y, x, vw, fi->text ? fi->text : "", theme_attr(ROLE_NORMAL));
			}
		} else if (fi->kind == FIELD_BOOL) {
			ui_put(win, y, x, vw, fi->on ? "[x] yes" : "[ ] no", attr);
		} else {
			const char *c = fi->choices[fi->choice];
			char *s = xasprintf("< %s >", *c ? c : "(none)");

			ui_put(win, y, x, vw, s, attr);
			free(s);
		}
	}
	if (error)
		put_wrapped(win, getmaxy(win) - 4, 2, iw, 2, error, theme_attr(ROLE_STATUS_ERROR));
	else if (f[cur].hint)
		put_wrapped(win, getmaxy(win) - 4, 2, iw, 2, f[cur].hint, A_DIM);
	ui_put(win, getmaxy(win) - 2, 2, iw,
	       f[cur].kind == FIELD_BOOL ? "Enter OK  Esc cancel  Tab/Up/Down move  Space toggle" :
	       f[cur].kind == FIELD_CHOICE ? "Enter OK  Esc cancel  Tab/Up/Down move  Space/Left/Right change  F4 list" :
	       f[cur].list ? "Enter OK  Esc cancel  Tab/Up/Down move  F4 list" :
			     "Enter OK  Esc cancel  Tab/Up/Down move", A_DIM);
	frame_show(win);
}

bool dlg_form(struct ui *ui, const char *title, struct field *f, size_t n,
	      dlg_form_fn submit, void *ctx)
{
	struct line_edit le = { 0 };
	size_t cur = 0, top = 0;
	char *error = NULL;
	bool ok = false;

	for (size_t i = 0; i < n; i++)
		if (f[i].kind == FIELD_TEXT && !f[i].text)
			f[i].text = xstrdup("");
	if (f[cur].kind == FIELD_TEXT)
		le_set(&le, f[cur].text);
	for (;;) {
		size_t next = cur;
		int k;

		form_draw(ui, title, f, n, cur, &le, error, &top);
		k = ui_key(ui, -1);
		if (k == INPUT_END || k == KEY_ESCAPE)
			break;
		if (k == INPUT_NONE || k == KEYCODE(KEY_RESIZE))
			continue;
		if (f[cur].kind == FIELD_TEXT) {
			free(f[cur].text);
			f[cur].text = le_text(&le);
		}
		if (k == '\n') {
			size_t bad = cur;

			free(error);
			error = submit(ctx, f, n, &bad);
			if (!error) {
				ok = true;
				break;
			}
			next = bad < n ? bad : cur;
		} else if (k == '\t' || k == KEYCODE(KEY_DOWN)) {
			next = (cur + 1) % n;
		} else if (k == KEYCODE(KEY_BTAB) || k == KEYCODE(KEY_UP)) {
			next = (cur + n - 1) % n;
		} else if (k == KEYCODE(KEY_F(4))) {
			form_pick(ui, &f[cur], &le);
			if (f[cur].kind == FIELD_TEXT) {
				free(f[cur].text);
				f[cur].text = le_text(&le);
			}
		} else if (f[cur].kind == FIELD_BOOL) {
			if (k == ' ' || k == 'x')
				f[cur].on = !f[cur].on;
			else if (k == 'y')
				f[cur].on = true;
			else if (k == 'n')
				f[cur].on = false;
		} else if (f[cur].kind == FIELD_CHOICE) {
			size_t nc = choice_count(&f[cur]);

			if (k == ' ' || k == KEYCODE(KEY_RIGHT))
				f[cur].choice = (f[cur].choice + 1) % nc;
			else if (k == KEYCODE(KEY_LEFT))
				f[cur].choice = (f[cur].choice + nc - 1) % nc;
		} else if (le_key(&le, k)) {
			free(f[cur].text);
			f[cur].text = le_text(&le);
			free(error);
			error = NULL;
		}
		if (next != cur) {
			cur = next;
			if (f[cur].kind == FIELD_TEXT)
				le_set(&le, f[cur].text);
		}
	}
	free(error);
	le_free(&le);
	ui_dirty_all(ui);
	return ok;
}

void fields_free(struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].text);
		f[i].text = NULL;
	}
}
