/* yaml-tree.c — see yaml-tree.h.
 *
 * Speed matters here (a 5,000-table model is about a million nodes):
 * nodes, scalar texts and child arrays are carved out of big arena
 * blocks, and children are collected on one shared stack while their
 * container is open, then copied once, at the right size, when it closes.
 *
 * A streamed section's values are built in a second, scratch arena that
 * is emptied after each one is handed over: the tree of a whole model was
 * five times the file's size, and the largest part of the peak memory of a
 * load. */
#include "yaml-tree.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Below glibc's default mmap threshold (128 KiB), so that the blocks of
 * one load are reused by the next instead of being mapped afresh. */
#define ARENA_BLOCK (120 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct arena_block *blocks;   /* the one being filled first */
};

struct ydoc {
	struct arena arena;
	struct ydoc_node *root;
};

/* arena_take() when the current block is full: n bytes from a new one. */
static void *arena_grow(struct arena *a, size_t n)
{
	struct arena_block *b = a->blocks;
	/* An oversized request gets its own block, put second in the chain
	 * so the current block keeps being filled. */
	size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
	struct arena_block *nb = xmalloc(sizeof(*nb) + size);

	nb->used = n;
	nb->size = size;
	if (b && size != ARENA_BLOCK) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		a->blocks = nb;
	}
	return nb->data;
}

/* n bytes aligned to align (a power of two, at most 8). */
static inline void *arena_take(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b = a->blocks;

	if (b) {
		size_t at = (b->used + align - 1) & ~(align - 1);

		if (at <= b->size && b->size - at >= n) {
			b->used = at + n;
			return b->data + at;
		}
	}
	return arena_grow(a, n);
}

static void arena_free(struct arena *a)
{
	for (struct arena_block *b = a->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
}

/* Empties the arena but keeps one standard block for what comes next. */
static void arena_reset(struct arena *a)
{
	struct arena_block *keep = NULL;

	for (struct arena_block *b = a->blocks, *next; b; b = next) {
		next = b->next;
		if (!keep && b->size == ARENA_BLOCK)
			keep = b;
		else
			free(b);
	}
	if (keep) {
		keep->used = 0;
		keep->next = NULL;
	}
	a->blocks = keep;
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	arena_free(&doc->arena);
	free(doc);
}

const struct ydoc_node *ydoc_root(const struct ydoc *doc)
{
	return doc ? doc->root : NULL;
}

/* ---- building ---- */

struct frame {
	struct ydoc_node *node;
	size_t base;               /* first child on the child stack */
};

struct builder {
	struct ydoc *doc;
	struct diag_list *dl;
	bool bad;
	struct frame *frames;
	size_t nframes, frames_cap;
	struct ydoc_node **kids;   /* children of every open container */
	size_t nkids, kids_cap;
	uint32_t *slots;           /* duplicate-key hash table, reused */
	size_t slots_cap;

	/* Where nodes go: &doc->arena, or &scratch while a streamed value
	 * is being built. */
	struct arena *cur;
	struct arena scratch;

	/* Streaming (ydoc_parse_stream): fn is NULL when not asked for. */
	const char *section;
	size_t section_len;
	ydoc_pair_fn *fn;
	void *ctx;
	bool stream_open;          /* frames[1] is the streamed mapping */
	/* Its scalar keys so far, by text: pair index + 1, 0 empty. */
	uint32_t *seen;
	size_t seen_cap, seen_n;
};

static struct pos mark_pos(yaml_mark_t m)
{
	struct pos p = { (uint32_t)m.line + 1, (uint32_t)m.column + 1 };
	return p;
}

static bool key_eq(const struct ydoc_node *a, const struct ydoc_node *b)
{
	return a->n == b->n && memcmp(a->u.text, b->u.text, a->n) == 0;
}

static uint32_t key_hash(const struct ydoc_node *k)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < k->n; i++)
		h = (h ^ (unsigned char)k->u.text[i]) * 16777619u;
	return h;
}

/* True when the next node completes a pair of the streamed mapping. */
static bool at_streamed_value(const struct builder *b)
{
	return b->stream_open && b->nframes == 2 && ((b->nkids - b->frames[1].base) & 1);
}

/* The streamed mapping's key i (a pair index). */
static struct ydoc_node *streamed_key(const struct builder *b, size_t i)
{
	return b->kids[b->frames[1].base + 2 * i];
}

/* The index of an earlier pair of the streamed mapping with the same
 * scalar key as pair i, or -1 after recording pair i as the first. */
static long seen_before(struct builder *b, size_t i)
{
	const struct ydoc_node *key = streamed_key(b, i);
	size_t s;

	if (2 * (b->seen_n + 1) > b->seen_cap) {
		size_t cap = b->seen_cap ? 2 * b->seen_cap : 256;
		uint32_t *old = b->seen;
		size_t old_cap = b->seen_cap;

		b->seen = xcalloc(cap, sizeof(*b->seen));
		b->seen_cap = cap;
		for (size_t j = 0; j < old_cap; j++) {
			if (!old[j])
				continue;
			s = key_hash(streamed_key(b, old[j] - 1)) & (cap - 1);
			while (b->seen[s])
				s = (s + 1) & (cap - 1);
			b->seen[s] = old[j];
		}
		free(old);
	}
	for (s = key_hash(key) & (b->seen_cap - 1); b->seen[s]; s = (s + 1) & (b->seen_cap - 1))
		if (key_eq(streamed_key(b, b->seen[s] - 1), key))
			return (long)b->seen[s] - 1;
	b->seen[s] = (uint32_t)i + 1;
	b->seen_n++;
	return -1;
}

/* Hands a completed pair of the streamed mapping over, then frees its
 * value and keeps an empty stand-in in the tree. */
static void stream_pair(struct builder *b, struct ydoc_node *value)
{
	size_t i = (b->nkids - b->frames[1].base) / 2;
	struct ydoc_pair pair = { streamed_key(b, i), value, NULL };
	struct ydoc_pair first = { NULL, NULL, NULL };
	struct ydoc_node *stub;

	if (pair.key->kind == YDOC_SCALAR) {
		long j = seen_before(b, i);
		if (j >= 0) {
			first.key = streamed_key(b, (size_t)j);
			first.value = b->kids[b->frames[1].base + 2 * (size_t)j + 1];
			pair.dup_of = &first;
		}
	}
	/* After a syntax error the result is thrown away: save the work. */
	if (!b->bad)
		b->fn(b->ctx, &pair);
	b->cur = &b->doc->arena;
	stub = arena_take(b->cur, sizeof(*stub), 8);
	*stub = *value;
	stub->n = 0;
	stub->u.text = value->kind == YDOC_SCALAR ? "" : NULL;
	arena_reset(&b->scratch);
	b->kids[b->nkids++] = stub;
}

static void attach(struct builder *b, struct ydoc_node *n)
{
	if (b->nframes == 0) {
		b->doc->root = n;
		return;
	}
	if (b->nkids == b->kids_cap)
		xgrow(&b->kids, &b->kids_cap, b->nkids + 1, sizeof(*b->kids));
	if (at_streamed_value(b)) {
		stream_pair(b, n);
		return;
	}
	b->kids[b->nkids++] = n;
}

/* Small mappings (columns' flow mappings, the common case) are checked
 * pairwise; large ones (tables, columns) through a hash table. */
static void mark_duplicates(struct builder *b, struct ydoc_pair *p, size_t n)
{
	if (n <= 12) {
		for (size_t i = 1; i < n; i++) {
			if (p[i].key->kind != YDOC_SCALAR)
				continue;
			for (size_t j = 0; j < i; j++) {
				if (p[j].key->kind == YDOC_SCALAR && !p[j].dup_of &&
				    key_eq(p[i].key, p[j].key)) {
					p[i].dup_of = &p[j];
					break;
				}
			}
		}
		return;
	}
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	if (cap > b->slots_cap) {
		free(b->slots);
		b->slots = xmalloc(cap * sizeof(*b->slots));
		b->slots_cap = cap;
	}
	/* Slot values are pair index + 1; 0 is empty. */
	memset(b->slots, 0, cap * sizeof(*b->slots));
	for (size_t i = 0; i < n; i++) {
		if (p[i].key->kind != YDOC_SCALAR)
			continue;
		size_t s = key_hash(p[i].key) & (cap - 1);
		for (;;) {
			uint32_t v = b->slots[s];
			if (v == 0) {
				b->slots[s] = (uint32_t)i + 1;
				break;
			}
			if (key_eq(p[v - 1].key, p[i].key)) {
				p[i].dup_of = &p[v - 1];
				break;
			}
			s = (s + 1) & (cap - 1);
		}
	}
}

static void close_container(struct builder *b)
{
	struct frame *f = &b->frames[--b->nframes];
	struct ydoc_node *n = f->node;
	size_t count = b->nkids - f->base;
	/* No child collected yet: kids is NULL, and NULL + 0 is undefined. */
	struct ydoc_node **kids = b->kids ? b->kids + f->base : NULL;

	if (b->stream_open && b->nframes == 1) {
		b->stream_open = false;
		n->streamed = true;
	}
	if (n->kind == YDOC_MAPPING) {
		n->n = (uint32_t)(count / 2);
		n->u.pairs = arena_take(b->cur, n->n * sizeof(*n->u.pairs) + 1, 8);
		for (size_t i = 0; i < n->n; i++) {
			n->u.pairs[i].key = kids[2 * i];
			n->u.pairs[i].value = kids[2 * i + 1];
			n->u.pairs[i].dup_of = NULL;
		}
		mark_duplicates(b, n->u.pairs, n->n);
	} else {
		n->n = (uint32_t)count;
		n->u.items = arena_take(b->cur, count * sizeof(*n->u.items) + 1, 8);
		if (count)      /* kids is NULL before any child */
			memcpy(n->u.items, kids, count * sizeof(*kids));
	}
	b->nkids = f->base;
	attach(b, n);
}

/* A node, followed by extra bytes (a scalar's text: one allocation). */
static struct ydoc_node *new_node(struct builder *b, enum ydoc_kind kind,
				  yaml_mark_t start, size_t extra)
{
	struct ydoc_node *n;

	/* A streamed value begins: it and all it holds go to scratch. */
	if (at_streamed_value(b))
		b->cur = &b->scratch;
	n = arena_take(b->cur, sizeof(*n) + extra, 8);
	n->kind = kind;
	n->plain = false;
	n->streamed = false;
	n->pos = mark_pos(start);
	n->n = 0;
	n->u.text = NULL;
	return n;
}

/* Whether the mapping n, about to open, is the section to stream: the
 * value of the root mapping's first pair with that key. */
static bool is_section(const struct builder *b, const struct ydoc_node *n)
{
	const struct ydoc_node *key;
	size_t base;

	if (!b->fn || b->nframes != 1 || n->kind != YDOC_MAPPING ||
	    b->frames[0].node->kind != YDOC_MAPPING)
		return false;
	base = b->frames[0].base;
	if (!((b->nkids - base) & 1))
		return false;           /* n is a key */
	key = b->kids[b->nkids - 1];
	if (key->kind != YDOC_SCALAR || key->n != b->section_len ||
	    memcmp(key->u.text, b->section, b->section_len) != 0)
		return false;
	for (size_t i = base; i + 1 < b->nkids; i += 2)
		if (b->kids[i]->kind == YDOC_SCALAR && key_eq(b->kids[i], key))
			return false;   /* a duplicate: the loader skips it */
	return true;
}

static void open_container(struct builder *b, struct ydoc_node *n)
{
	if (is_section(b, n))
		b->stream_open = true;
	if (b->nframes == b->frames_cap)
		xgrow(&b->frames, &b->frames_cap, b->nframes + 1, sizeof(*b->frames));
	b->frames[b->nframes].node = n;
	b->frames[b->nframes].base = b->nkids;
	b->nframes++;
}

static void error_at(struct builder *b, yaml_mark_t m, const char *msg)
{
	diag_add(b->dl, SEV_ERROR, mark_pos(m), "%s", msg);
	b->bad = true;
}

#define CORE_TAG "tag:yaml.org,2002:"

/* Returns the standard tag's short name ("str", "map"...), NULL when there
 * is no tag, or "" for a tag we do not accept. */
static const char *tag_name(const yaml_char_t *tag)
{
	static const char *const known[] = {
		"str", "int", "float", "bool", "null", "map", "seq",
	};
	const char *t = (const char *)tag;

	if (!t)
		return NULL;
	if (strncmp(t, CORE_TAG, sizeof(CORE_TAG) - 1) != 0)
		return "";
	t += sizeof(CORE_TAG) - 1;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(t, known[i]) == 0)
			return known[i];
	return "";
}

static void bad_tag(struct builder *b, yaml_mark_t m, const yaml_char_t *tag)
{
	const char *t = (const char *)tag;
	bool core = strncmp(t, CORE_TAG, sizeof(CORE_TAG) - 1) == 0;

	diag_add(b->dl, SEV_ERROR, mark_pos(m), "unsupported tag '%s%s'", core ? "!!" : "",
		 core ? t + sizeof(CORE_TAG) - 1 : t);
	b->bad = true;
}

/* Checks a node's anchor and tag; false when the tag does not fit. */
static bool check_props(struct builder *b, yaml_mark_t m, const yaml_char_t *anchor,
			const yaml_char_t *tag, const char *const *fits)
{
	const char *name = tag_name(tag);

	if (anchor)
		error_at(b, m, "anchors are not supported");
	if (!name)
		return true;
	for (; *fits; fits++)
		if (strcmp(name, *fits) == 0)
			return true;
	bad_tag(b, m, tag);
	return false;
}

static void add_scalar(struct builder *b, const yaml_event_t *ev)
{
	static const char *const scalar_tags[] = {
		"str", "int", "float", "bool", "null", NULL,
	};
	const yaml_char_t *tag = ev->data.scalar.tag;
	size_t len = ev->data.scalar.length;
	/* The text right after its node.  Repeated short texts were once
	 * shared through a small cache; with the tables streamed the tree
	 * stays small, and the cache's misses cost more than the copies. */
	struct ydoc_node *n = new_node(b, YDOC_SCALAR, ev->start_mark, len + 1);
	char *text = (char *)(n + 1);

	if (ev->data.scalar.anchor || tag)
		check_props(b, ev->start_mark, ev->data.scalar.anchor, tag, scalar_tags);
	/* Only an escape in a double-quoted scalar can produce a NUL. */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(ev->data.scalar.value, '\0', len))
		error_at(b, ev->start_mark, "NUL characters are not supported");
	memcpy(text, ev->data.scalar.value, len);
	text[len] = '\0';
	n->u.text = text;
	n->n = (uint32_t)len;
	if (tag && tag_name(tag) && strcmp(tag_name(tag), "str") != 0)
		n->plain = true;        /* !!int "5": the tag asks for resolution */
	else
		n->plain = !tag && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	attach(b, n);
}

/* libyaml reports reader errors (bad UTF-8, control characters) by byte
 * offset only. */
static struct pos offset_pos(const char *text, size_t len, size_t off)
{
	struct pos p = { 1, 1 };

	if (off > len)
		off = len;
	for (size_t i = 0; i < off; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			p.line++;
			p.col = 1;
		} else if ((c & 0xC0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

static void parser_error(struct builder *b, const yaml_parser_t *p,
			 const char *text, size_t len)
{
	const char *problem = p->problem ? p->problem : "cannot parse the text";

	b->bad = true;
	if (p->error == YAML_READER_ERROR) {
		struct pos at = offset_pos(text, len, p->problem_offset);
		if (p->problem_value >= 0)
			diag_add(b->dl, SEV_ERROR, at, "invalid text: %s (byte 0x%02x)",
				 problem, (unsigned)p->problem_value & 0xFFu);
		else
			diag_add(b->dl, SEV_ERROR, at, "invalid text: %s", problem);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		diag_add(b->dl, SEV_ERROR, (struct pos){ 0, 0 }, "out of memory while parsing");
		return;
	}
	if (p->context)
		diag_add(b->dl, SEV_ERROR, mark_pos(p->problem_mark),
			 "syntax error: %s (%s at line %u)", problem, p->context,
			 (unsigned)p->context_mark.line + 1);
	else
		diag_add(b->dl, SEV_ERROR, mark_pos(p->problem_mark),
			 "syntax error: %s", problem);
}

struct ydoc *ydoc_parse(const char *text, size_t len, struct diag_list *dl)
{
	return ydoc_parse_stream(text, len, dl, NULL, NULL, NULL);
}

struct ydoc *ydoc_parse_stream(const char *text, size_t len, struct diag_list *dl,
			       const char *section, ydoc_pair_fn *fn, void *ctx)
{
	static const char *const map_tags[] = { "map", NULL };
	static const char *const seq_tags[] = { "seq", NULL };
	struct builder b = { 0 };
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0;
	bool done = false;

	b.doc = xcalloc(1, sizeof(*b.doc));
	b.dl = dl;
	b.cur = &b.doc->arena;
	if (section && fn) {
		b.section = section;
		b.section_len = strlen(section);
		b.fn = fn;
		b.ctx = ctx;
	}
	/* Counts and lengths are 32-bit; a model is far smaller. */
	if (len > UINT32_MAX) {
		diag_add(dl, SEV_ERROR, (struct pos){ 0, 0 }, "the text is too large (over 4 GiB)");
		ydoc_free(b.doc);
		return NULL;
	}
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(&b, &parser, text, len);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				error_at(&b, ev.start_mark,
					 "more than one document (a model file holds one)");
				done = true;
			}
			break;
		case YAML_SCALAR_EVENT:
			add_scalar(&b, &ev);
			break;
		case YAML_ALIAS_EVENT: {
			/* A stand-in keeps the tree's shape so that parsing
			 * goes on and reports every problem. */
			struct ydoc_node *n = new_node(&b, YDOC_SCALAR, ev.start_mark, 0);
			n->u.text = "";
			n->plain = true;
			error_at(&b, ev.start_mark, "aliases are not supported");
			attach(&b, n);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
			if (ev.data.sequence_start.anchor || ev.data.sequence_start.tag)
				check_props(&b, ev.start_mark, ev.data.sequence_start.anchor,
					    ev.data.sequence_start.tag, seq_tags);
			open_container(&b, new_node(&b, YDOC_SEQUENCE, ev.start_mark, 0));
			break;
		case YAML_MAPPING_START_EVENT:
			if (ev.data.mapping_start.anchor || ev.data.mapping_start.tag)
				check_props(&b, ev.start_mark, ev.data.mapping_start.anchor,
					    ev.data.mapping_start.tag, map_tags);
			open_container(&b, new_node(&b, YDOC_MAPPING, ev.start_mark, 0));
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			close_container(&b);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.frames);
	free(b.kids);
	free(b.slots);
	free(b.seen);
	arena_free(&b.scratch);
	if (b.bad) {
		ydoc_free(b.doc);
		return NULL;
	}
	return b.doc;
}

/* ---- YAML 1.2 core schema ---- */

static bool is_digits(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]) || s[i] == '\0')
			return false;
	return true;
}

static bool is_word(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

/* The three spellings the core schema allows: "null", "Null", "NULL". */
static bool is_spelling(const char *s, size_t n, const char *lower, const char *title,
			const char *upper)
{
	return is_word(s, n, lower) || is_word(s, n, title) || is_word(s, n, upper);
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool is_float(const char *s, size_t n)
{
	size_t i = 0, mant = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, mant++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, mant++;
	}
	if (mant == 0)
		return false;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		if (i >= n || !(s[i] >= '0' && s[i] <= '9'))
			return false;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

enum ydoc_scalar_kind ydoc_scalar_kind(const struct ydoc_node *node)
{
	const char *s = node->u.text;
	size_t n = node->n;

	if (node->kind != YDOC_SCALAR || !node->plain)
		return YDOC_STR;
	if (n == 0)
		return YDOC_NULL;
	/* Most scalars are names and types: the first character rules
	 * them out at once (the loader asks for every value). */
	switch (s[0]) {
	case '~':
		return n == 1 ? YDOC_NULL : YDOC_STR;
	case 'n': case 'N':
		return n == 4 && is_spelling(s, n, "null", "Null", "NULL") ? YDOC_NULL : YDOC_STR;
	case 't': case 'T':
		return n == 4 && is_spelling(s, n, "true", "True", "TRUE") ? YDOC_BOOL : YDOC_STR;
	case 'f': case 'F':
		return n == 5 && is_spelling(s, n, "false", "False", "FALSE") ? YDOC_BOOL
									   : YDOC_STR;
	case '.': case '+': case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		break;
	default:
		return YDOC_STR;
	}
	if (n > 2 && s[0] == '0' && s[1] == 'o' && is_digits(s + 2, n - 2, "01234567"))
		return YDOC_INT;
	if (n > 2 && s[0] == '0' && s[1] == 'x' &&
	    is_digits(s + 2, n - 2, "0123456789abcdefABCDEF"))
		return YDOC_INT;
	if ((s[0] == '-' || s[0] == '+') ? is_digits(s + 1, n - 1, "0123456789")
					 : is_digits(s, n, "0123456789"))
		return YDOC_INT;
	if (is_float(s, n))
		return YDOC_FLOAT;
	{
		/* .inf, +.inf, -.inf and .nan in their three spellings */
		const char *t = s + (s[0] == '-' || s[0] == '+');
		size_t m = n - (size_t)(t - s);

		if (m == 4 && (is_spelling(t, m, ".inf", ".Inf", ".INF") ||
			       (t == s && is_spelling(t, m, ".nan", ".NaN", ".NAN"))))
			return YDOC_FLOAT;
	}
	return YDOC_STR;
}

bool ydoc_scalar_true(const struct ydoc_node *n)
{
	return n->n == 4 && (n->u.text[0] == 't' || n->u.text[0] == 'T');
}
