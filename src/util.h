/* util.h — allocation wrappers, growable string buffer, string lists.
 *
 * Allocation failure is not a recoverable condition in skema: the x*
 * wrappers print one line and abort, so callers never test for NULL. */
#ifndef SKEMA_UTIL_H
#define SKEMA_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);          /* NULL in, NULL out */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *items (of elem_size bytes each) so that it holds at least need
 * elements; *cap is updated.  Amortised doubling. */
void xgrow(void *items_ptr, size_t *cap, size_t need, size_t elem_size);

/* Compare two possibly-NULL strings; NULL sorts first and equals NULL. */
int str_cmp_null(const char *a, const char *b);
bool str_eq_null(const char *a, const char *b);

/* Length of the valid UTF-8 sequence at p (NUL-terminated), 0 if it is
 * not one: overlong forms, surrogates and anything above U+10FFFF are
 * invalid, as for the YAML reader and emitter. */
size_t utf8_seq_len(const unsigned char *p);

/* ---- strbuf: an owned, always NUL-terminated, growable string ---- */
struct strbuf {
	char *buf;     /* never NULL after sb_init */
	size_t len;
	size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);                 /* len = 0, keeps memory */
void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
char *sb_detach(struct strbuf *sb);               /* caller owns; sb re-initialised */
char *sb_release(struct strbuf *sb);              /* caller owns; sb is done (no sb_free) */

/* ---- strlist: an ordered list of owned strings ---- */
struct strlist {
	char **items;
	size_t n;
	size_t cap;
};

void strlist_init(struct strlist *l);
void strlist_free(struct strlist *l);             /* frees the strings */
void strlist_push(struct strlist *l, const char *s);   /* copies s */
void strlist_push_owned(struct strlist *l, char *s);   /* takes s */
void strlist_copy(struct strlist *dst, const struct strlist *src);
bool strlist_eq(const struct strlist *a, const struct strlist *b);
long strlist_find(const struct strlist *l, const char *s);  /* -1: absent */

#endif
