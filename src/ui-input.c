/* ui-input.c — see ui-input.h. */
#include "ui-input.h"

#include <curses.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "actions.h"
#include "model-yaml.h"
#include "util.h"

enum script_kind { SK_KEY, SK_RESIZE, SK_CLICK, SK_SIGNAL, SK_IDLE, SK_DUMP };

struct script_item {
	enum script_kind kind;
	int key;          /* SK_KEY; signal number for SK_SIGNAL */
	int a, b;         /* resize cols×lines, click x y */
};

static struct {
	bool scripted;
	struct script_item *items;
	size_t n, cap, next;
	int mouse_x, mouse_y;
	bool have_mouse;
} in;

static const struct { const char *name; int key; } key_names[] = {
	{ "Enter", '\n' }, { "Tab", '\t' }, { "BTab", KEYCODE(KEY_BTAB) },
	{ "Esc", KEY_ESCAPE }, { "Space", ' ' }, { "BS", KEYCODE(KEY_BACKSPACE) },
	{ "Del", KEYCODE(KEY_DC) }, { "Up", KEYCODE(KEY_UP) },
	{ "Down", KEYCODE(KEY_DOWN) }, { "Left", KEYCODE(KEY_LEFT) },
	{ "Right", KEYCODE(KEY_RIGHT) }, { "Home", KEYCODE(KEY_HOME) },
	{ "End", KEYCODE(KEY_END) }, { "PgUp", KEYCODE(KEY_PPAGE) },
	{ "PgDn", KEYCODE(KEY_NPAGE) }, { "lt", '<' },
	{ "S-Left", KEYCODE(KEY_SLEFT) }, { "S-Right", KEYCODE(KEY_SRIGHT) },
	{ "S-Up", KEYCODE(KEY_SR) }, { "S-Down", KEYCODE(KEY_SF) },
};

static void script_push(enum script_kind kind, int key, int a, int b)
{
	xgrow(&in.items, &in.cap, in.n + 1, sizeof(*in.items));
	in.items[in.n++] = (struct script_item){ kind, key, a, b };
}

/* One <...> token, without the brackets. */
static bool script_special(const char *tok)
{
	int a, b;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(tok, key_names[i].name) == 0) {
			script_push(SK_KEY, key_names[i].key, 0, 0);
			return true;
		}
	if (tok[0] == 'F' && (a = atoi(tok + 1)) >= 1 && a <= 12) {
		script_push(SK_KEY, KEYCODE(KEY_F(a)), 0, 0);
		return true;
	}
	if (tok[0] == 'C' && tok[1] == '-' && tok[2] >= 'a' && tok[2] <= 'z' && !tok[3]) {
		script_push(SK_KEY, CTRL(tok[2]), 0, 0);
		return true;
	}
	if (sscanf(tok, "Resize %dx%d", &a, &b) == 2 && a > 0 && b > 0) {
		script_push(SK_RESIZE, 0, a, b);
		return true;
	}
	if (sscanf(tok, "Click %d %d", &a, &b) == 2) {
		script_push(SK_CLICK, 0, a, b);
		return true;
	}
	if (strcmp(tok, "Kill") == 0 || strcmp(tok, "Hup") == 0) {
		script_push(SK_SIGNAL, tok[0] == 'K' ? SIGTERM : SIGHUP, 0, 0);
		return true;
	}
	if (strcmp(tok, "Idle") == 0 || strcmp(tok, "Dump") == 0) {
		script_push(tok[0] == 'I' ? SK_IDLE : SK_DUMP, 0, 0, 0);
		return true;
	}
	return false;
}

static int script_parse(const char *text, char **err)
{
	const char *p = text;
	mbstate_t st;
	int line = 1;

	memset(&st, 0, sizeof st);
	while (*p) {
		if (*p == '\n') {
			line++;
			p++;
			continue;
		}
		if (*p == '#' && (p == text || p[-1] == '\n')) {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		if (*p == '<') {
			const char *end = strchr(p, '>');
			char *tok;
			bool ok;

			if (!end) {
				*err = xasprintf("line %d: '<' without '>' (write <lt> for '<')", line);
				return -1;
			}
			tok = xstrndup(p + 1, (size_t)(end - p - 1));
			ok = script_special(tok);
			if (!ok)
				*err = xasprintf("line %d: unknown key <%s>", line, tok);
			free(tok);
			if (!ok)
				return -1;
			p = end + 1;
			continue;
		}
		{
			wchar_t wc;
			size_t n = mbrtowc(&wc, p, strlen(p), &st);

			if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
				*err = xasprintf("line %d: invalid multibyte character", line);
				return -1;
			}
			script_push(SK_KEY, (int)wc, 0, 0);
			p += n;
		}
	}
	return 0;
}

int input_init(char **err)
{
	const char *path = getenv("SKEMA_KEYS");
	char *text, *rerr = NULL;
	size_t len;

	memset(&in, 0, sizeof in);
	if (!path || !*path)
		return 0;
	in.scripted = true;
	if (file_read_all(path, &text, &len, &rerr) != 0) {
		*err = rerr;
		return -1;
	}
	if (script_parse(text, &rerr) != 0) {
		*err = xasprintf("%s: %s", path, rerr);
		free(rerr);
		free(text);
		return -1;
	}
	free(text);
	return 0;
}

void input_done(void)
{
	free(in.items);
	memset(&in, 0, sizeof in);
}

bool input_scripted(void)
{
	return in.scripted;
}

bool input_pending(void)
{
	return in.scripted && in.next < in.n && in.items[in.next].kind != SK_IDLE;
}

const char *input_dump_path(void)
{
	const char *p = getenv("SKEMA_DUMP");

	return p && *p ? p : NULL;
}

static int script_next(void)
{
	for (;;) {
		struct script_item *it;

		if (in.next >= in.n)
			return INPUT_END;
		it = &in.items[in.next++];
		switch (it->kind) {
		case SK_KEY:
			return it->key;
		case SK_RESIZE:
			resize_term(it->b, it->a);
			return KEYCODE(KEY_RESIZE);
		case SK_CLICK:
			in.mouse_x = it->a;
			in.mouse_y = it->b;
			in.have_mouse = true;
			return KEYCODE(KEY_MOUSE);
		case SK_SIGNAL:
			raise(it->key);
			continue;   /* the handler set a flag; the loop sees it */
		case SK_IDLE:
			return INPUT_NONE;
		case SK_DUMP:
			return INPUT_DUMP;
		}
	}
}

int input_get(int timeout_ms)
{
	wint_t wc;
	int r;

	if (in.scripted)
		return script_next();
	timeout(timeout_ms);
	r = get_wch(&wc);
	if (r == ERR)
		return INPUT_NONE;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_MOUSE) {
			MEVENT ev;

			if (getmouse(&ev) != OK ||
			    !(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED |
					   BUTTON1_RELEASED | BUTTON1_DOUBLE_CLICKED)))
				return INPUT_NONE;
			in.mouse_x = ev.x;
			in.mouse_y = ev.y;
			in.have_mouse = true;
		}
		if (wc == KEY_ENTER)
			return '\n';
		return KEYCODE((int)wc);
	}
	if (wc == '\r')
		return '\n';
	if (wc == 127 || wc == 8)
		return KEYCODE(KEY_BACKSPACE);
	return (int)wc;
}

int input_poll(const int *want, size_t n)
{
	int k;

	if (in.scripted) {
		const struct script_item *it = in.next < in.n ? &in.items[in.next] : NULL;

		if (it && it->kind == SK_DUMP) {
			in.next++;
			return INPUT_DUMP;
		}
		if (!it || it->kind != SK_KEY)
			return INPUT_NONE;
		for (size_t i = 0; i < n; i++)
			if (it->key == want[i]) {
				in.next++;
				return it->key;
			}
		return INPUT_NONE;
	}
	while ((k = input_get(0)) != INPUT_NONE)
		for (size_t i = 0; i < n; i++)
			if (k == want[i])
				return k;
	return INPUT_NONE;
}

bool input_mouse(int *x, int *y)
{
	if (!in.have_mouse)
		return false;
	*x = in.mouse_x;
	*y = in.mouse_y;
	in.have_mouse = false;
	return true;
}

/* Line-drawing characters as the terminal would show them. */
static wchar_t acs_to_unicode(wchar_t c)
{
	static const struct { char acs; wchar_t uni; } map[] = {
		{ 'x', L'│' }, { 'q', L'─' }, { 'l', L'┌' }, { 'k', L'┐' }, { 'm', L'└' },
		{ 'j', L'┘' }, { 't', L'├' }, { 'u', L'┤' }, { 'w', L'┬' }, { 'v', L'┴' },
		{ 'n', L'┼' },
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].acs == c)
			return map[i].uni;
	return c;
}

void input_dump_screen(FILE *f)
{
	for (int y = 0; y < LINES; y++) {
		struct strbuf sb;
		size_t keep = 0;

		sb_init(&sb);
		for (int x = 0; x < COLS; x++) {
			cchar_t cc;
			wchar_t wch[CCHARW_MAX + 1];
			attr_t attrs;
			short pair;
			char mb[MB_LEN_MAX * (CCHARW_MAX + 1) + 1];
			size_t n;

			if (mvwin_wch(curscr, y, x, &cc) == ERR)
				break;
			if (getcchar(&cc, wch, &attrs, &pair, NULL) == ERR || !wch[0])
				continue;   /* the second cell of a wide character */
			if ((attrs & A_ALTCHARSET) && !wch[1])
				wch[0] = acs_to_unicode(wch[0]);
			n = wcstombs(mb, wch, sizeof mb);
			if (n == (size_t)-1)
				sb_addc(&sb, '?');
			else
				sb_addn(&sb, mb, n);
			if (!(wch[0] == L' ' && !wch[1]))
				keep = sb.len;
		}
		fwrite(sb.buf, 1, keep, f);
		fputc('\n', f);
		sb_free(&sb);
	}
}
