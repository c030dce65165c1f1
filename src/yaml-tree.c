/* yaml-tree.c — see yaml-tree.h.
 *
 * Speed matters here (a 5,000-table model is about a million nodes):
 * nodes, scalar texts and child arrays are carved out of big arena
 * blocks, and children are collected on one shared stack while their
 * container is open, then copied once, at the right size, when it closes. */
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

struct ydoc {
	struct arena_block *blocks;
	struct ydoc_node *root;
};

/* n bytes aligned to align (a power of two, at most 8).  Scalar texts
 * take byte alignment: rounding each to 8 cost 2.5 MB at 5,000 tables. */
static void *arena_take(struct ydoc *doc, size_t n, size_t align)
{
	struct arena_block *b = doc->blocks;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;

	if (!b || at > b->size || b->size - at < n) {
		/* An oversized request gets its own block, put second in
		 * the chain so the current block keeps being filled. */
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		struct arena_block *nb = xmalloc(sizeof(*nb) + size);

		nb->used = 0;
		nb->size = size;
		if (b && size != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			doc->blocks = nb;
		}
		b = nb;
		at = 0;
	}
	void *p = b->data + at;
	b->used = at + n;
	return p;
}

static void *arena_alloc(struct ydoc *doc, size_t n)
{
	return arena_take(doc, n, 8);
}

void ydoc_free(struct ydoc *doc)
{
	if (!doc)
		return;
	for (struct arena_block *b = doc->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
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
	/* Short scalar texts, stored once: keys and common values ("type",
	 * "integer", "true") repeat on every column, and a 5,000-table
	 * model has 700,000 scalars. */
	struct interned *interned;   /* INTERN_SLOTS entries, or NULL */
};

struct interned {
	const char *text;          /* NULL: empty slot */
	uint32_t len;
	uint32_t hash;
};

#define INTERN_MAX 32
#define INTERN_SLOTS 4096   /* a power of two */

static struct pos mark_pos(yaml_mark_t m)
{
	struct pos p = { (uint32_t)m.line + 1, (uint32_t)m.column + 1 };
	return p;
}

static void attach(struct builder *b, struct ydoc_node *n)
{
	if (b->nframes == 0) {
		b->doc->root = n;
		return;
	}
	if (b->nkids == b->kids_cap)
		xgrow(&b->kids, &b->kids_cap, b->nkids + 1, sizeof(*b->kids));
	b->kids[b->nkids++] = n;
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
	struct ydoc_node **kids = b->kids + f->base;

	if (n->kind == YDOC_MAPPING) {
		n->n = (uint32_t)(count / 2);
		n->u.pairs = arena_alloc(b->doc, n->n * sizeof(*n->u.pairs) + 1);
		for (size_t i = 0; i < n->n; i++) {
			n->u.pairs[i].key = kids[2 * i];
			n->u.pairs[i].value = kids[2 * i + 1];
			n->u.pairs[i].dup_of = NULL;
		}
		mark_duplicates(b, n->u.pairs, n->n);
	} else {
		n->n = (uint32_t)count;
		n->u.items = arena_alloc(b->doc, count * sizeof(*n->u.items) + 1);
		memcpy(n->u.items, kids, count * sizeof(*kids));
	}
	b->nkids = f->base;
	attach(b, n);
}

static struct ydoc_node *new_node(struct builder *b, enum ydoc_kind kind,
				  yaml_mark_t start)
{
	struct ydoc_node *n = arena_alloc(b->doc, sizeof(*n));

	n->kind = kind;
	n->plain = false;
	n->pos = mark_pos(start);
	n->n = 0;
	n->u.text = NULL;
	return n;
}

static void open_container(struct builder *b, struct ydoc_node *n)
{
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

static uint32_t text_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The arena copy of s (len bytes, NUL added), shared with an earlier
 * scalar of the same short text when the cache still holds it.  A small
 * direct-mapped cache, without probing or growth: the texts that repeat
 * (keys, "integer", "true") stay in it, and it stays in the CPU cache. */
static const char *intern(struct builder *b, const char *s, size_t len)
{
	struct interned *e = NULL;
	char *copy;

	if (len <= INTERN_MAX) {
		uint32_t h = text_hash(s, len);

		if (!b->interned)
			b->interned = xcalloc(INTERN_SLOTS, sizeof(*b->interned));
		e = &b->interned[h & (INTERN_SLOTS - 1)];
		if (e->text && e->hash == h && e->len == len && memcmp(e->text, s, len) == 0)
			return e->text;
		e->hash = h;
		e->len = (uint32_t)len;
	}
	copy = arena_take(b->doc, len + 1, 1);
	memcpy(copy, s, len);
	copy[len] = '\0';
	if (e)
		e->text = copy;
	return copy;
}

static void add_scalar(struct builder *b, const yaml_event_t *ev)
{
	static const char *const scalar_tags[] = {
		"str", "int", "float", "bool", "null", NULL,
	};
	const yaml_char_t *tag = ev->data.scalar.tag;
	struct ydoc_node *n = new_node(b, YDOC_SCALAR, ev->start_mark);
	size_t len = ev->data.scalar.length;
	char *text;


	check_props(b, ev->start_mark, ev->data.scalar.anchor, tag, scalar_tags);
	/* Only an escape in a double-quoted scalar can produce a NUL. */
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(ev->data.scalar.value, '\0', len)) {
		error_at(b, ev->start_mark, "NUL characters are not supported");
		text = arena_take(b->doc, len + 1, 1);
		memcpy(text, ev->data.scalar.value, len);
		text[len] = '\0';
		n->u.text = text;
	} else {
		n->u.text = intern(b, (const char *)ev->data.scalar.value, len);
	}
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
	static const char *const map_tags[] = { "map", NULL };
	static const char *const seq_tags[] = { "seq", NULL };
	struct builder b = { 0 };
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0;
	bool done = false;

	b.doc = xcalloc(1, sizeof(*b.doc));
	b.dl = dl;
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
			struct ydoc_node *n = new_node(&b, YDOC_SCALAR, ev.start_mark);
			n->u.text = "";
			n->plain = true;
			error_at(&b, ev.start_mark, "aliases are not supported");
			attach(&b, n);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
			check_props(&b, ev.start_mark, ev.data.sequence_start.anchor,
				    ev.data.sequence_start.tag, seq_tags);
			open_container(&b, new_node(&b, YDOC_SEQUENCE, ev.start_mark));
			break;
		case YAML_MAPPING_START_EVENT:
			check_props(&b, ev.start_mark, ev.data.mapping_start.anchor,
				    ev.data.mapping_start.tag, map_tags);
			open_container(&b, new_node(&b, YDOC_MAPPING, ev.start_mark));
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
	free(b.interned);
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
	if (n == 0 || (n == 1 && s[0] == '~'))
		return YDOC_NULL;
	/* Most scalars are names and types: rule them out at once. */
	if (!strchr("nNtTfF.+-0123456789", s[0]))
		return YDOC_STR;
	if (n == 4 && is_spelling(s, n, "null", "Null", "NULL"))
		return YDOC_NULL;
	if ((n == 4 && is_spelling(s, n, "true", "True", "TRUE")) ||
	    (n == 5 && is_spelling(s, n, "false", "False", "FALSE")))
		return YDOC_BOOL;
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
