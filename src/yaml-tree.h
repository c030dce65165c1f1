/* yaml-tree.h — a YAML document as a small tree of nodes, built from
 * libyaml's parser events.
 *
 * The tree keeps what the model loader needs to be strict and precise:
 * each node's 1-based position, the scalar text exactly as written, and
 * whether a scalar was plain (only plain scalars resolve to null, booleans
 * and numbers; "true" quoted is a string).  Mapping pairs stay in file
 * order, and a pair whose scalar key repeats an earlier key of the same
 * mapping points at that first pair, so the loader can report duplicates
 * with its own wording.
 *
 * Only the subset of YAML that a model file needs is accepted: one
 * document, no anchors or aliases, no tags other than the standard
 * !!str/!!int/!!float/!!bool/!!null/!!map/!!seq.  Anything else, and any
 * syntax error, is a diagnostic at its position and ydoc_parse() returns
 * NULL.
 *
 * All nodes and texts live in one arena owned by the struct ydoc; they
 * are valid until ydoc_free() (except a streamed section's, see
 * ydoc_parse_stream). */
#ifndef SKEMA_YAML_TREE_H
#define SKEMA_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

enum ydoc_kind { YDOC_SCALAR, YDOC_MAPPING, YDOC_SEQUENCE };

struct ydoc_node;

struct ydoc_pair {
	struct ydoc_node *key;
	struct ydoc_node *value;
	/* An earlier pair of the same mapping with the same scalar key, or
	 * NULL: the first occurrence wins, this one is a duplicate. */
	const struct ydoc_pair *dup_of;
};

/* Kept to 24 bytes: a 5,000-table model is about a million nodes. */
struct ydoc_node {
	struct pos pos;            /* start of the node, 1-based */
	uint32_t n;                /* scalar length, or number of items */
	uint8_t kind;              /* enum ydoc_kind */
	/* Scalars: written without quotes, block indicator or !!str tag, so
	 * that the core schema (null, bool, int, float) applies. */
	bool plain;
	/* The streamed section's mapping (ydoc_parse_stream): its pairs were
	 * handed over one by one and their values are now empty stand-ins. */
	bool streamed;
	union {
		const char *text;                /* scalar, NUL-terminated */
		struct ydoc_pair *pairs;         /* mapping */
		struct ydoc_node **items;        /* sequence */
	} u;
};

struct ydoc;

/* Parse text (len bytes, need not be NUL-terminated).  On success the
 * document; its root is NULL for an empty stream.  On failure NULL, with
 * the reasons appended to dl as errors. */
struct ydoc *ydoc_parse(const char *text, size_t len, struct diag_list *dl);

/* Called with each pair of the streamed section as soon as its value is
 * complete.  The pair and its nodes are valid only during the call. */
typedef void ydoc_pair_fn(void *ctx, const struct ydoc_pair *pair);

/* ydoc_parse(), except that the pairs of one top-level mapping are handed
 * to fn as they complete and then freed, so that the whole tree of a big
 * section (a model's `tables:`) never exists at once.  The section is the
 * value of the root mapping's first pair whose key is the scalar `section`,
 * when that value is a mapping.  fn sees the pairs in file order, with
 * dup_of set as in the tree (pointing at a pair that holds the first
 * occurrence's key).  In the returned tree that mapping node has streamed
 * set, and each of its pairs keeps its key but has as value an empty node
 * of the same kind and position.  fn may have been called even when the
 * parse fails (NULL): the caller then discards what it built. */
struct ydoc *ydoc_parse_stream(const char *text, size_t len, struct diag_list *dl,
			       const char *section, ydoc_pair_fn *fn, void *ctx);
void ydoc_free(struct ydoc *doc);
const struct ydoc_node *ydoc_root(const struct ydoc *doc);

/* YAML 1.2 core schema resolution of a scalar.  Quoted scalars are always
 * strings. */
enum ydoc_scalar_kind {
	YDOC_STR,
	YDOC_NULL,
	YDOC_BOOL,
	YDOC_INT,
	YDOC_FLOAT,
};
enum ydoc_scalar_kind ydoc_scalar_kind(const struct ydoc_node *n);
/* For a plain boolean scalar: its value.  Only meaningful when
 * ydoc_scalar_kind() returned YDOC_BOOL. */
bool ydoc_scalar_true(const struct ydoc_node *n);

#endif
