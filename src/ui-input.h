/* ui-input.h — where keys come from.
 *
 * Normally the terminal (wide characters through get_wch).  For tests,
 * the environment variable SKEMA_KEYS names a file of scripted keys: every
 * character is a key, except
 *     <Enter> <Tab> <BTab> <Esc> <Space> <BS> <Del> <Up> <Down> <Left>
 *     <Right> <Home> <End> <PgUp> <PgDn> <F1>..<F12> <C-a>..<C-z> <lt>
 *     <S-Left> <S-Right> <S-Up> <S-Down>
 *     <Resize COLSxLINES>  the terminal changes size
 *     <Click X Y>          a mouse click at column X, line Y (0-based)
 *     <Kill> <Hup>         the process receives SIGTERM / SIGHUP
 *     <Idle>               the program is idle (lazy work runs)
 *     <Dump>               append the screen's text to $SKEMA_DUMP
 * Newlines in the file are ignored, and a line starting with '#' is a
 * comment.  When the script ends, the screen is appended to $SKEMA_DUMP
 * (if set) and the program exits without saving.
 *
 * Keys are ints as actions.h describes (characters, or KEYCODE(KEY_*)). */
#ifndef SKEMA_UI_INPUT_H
#define SKEMA_UI_INPUT_H

#include <stdbool.h>
#include <stdio.h>

/* Special results of input_get besides keys. */
enum {
	INPUT_NONE = -1,      /* timed out: nothing typed (idle) */
	INPUT_END = -2,       /* the script ended */
	INPUT_DUMP = -3,      /* the script asks for a screen dump */
};

/* Reads $SKEMA_KEYS if set; returns -1 and sets *err when it cannot be
 * read or parsed. */
int input_init(char **err);
void input_done(void);
bool input_scripted(void);

/* The next key; waits at most timeout_ms (negative: forever) on a
 * terminal.  A resize arrives as KEYCODE(KEY_RESIZE), a click as
 * KEYCODE(KEY_MOUSE) with input_mouse() telling where. */
int input_get(int timeout_ms);
/* True when a key is ready without waiting (scripts: always until the end). */
bool input_pending(void);
bool input_mouse(int *x, int *y);

/* During a long operation: the next key if it is one of want[] (or a
 * scripted <Dump>, returned as INPUT_DUMP), consumed; else INPUT_NONE
 * without waiting.  A script keeps other keys for later; on a terminal
 * they are dropped (typing while the operation runs does nothing). */
int input_poll(const int *want, size_t n);

/* Write the text of the curses screen, one line per row, trailing blanks
 * removed; used for $SKEMA_DUMP. */
void input_dump_screen(FILE *f);
const char *input_dump_path(void);

#endif
