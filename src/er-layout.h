/* er-layout.h — the ER diagram of a model as boxes and orthogonal lines
 * on a grid of character cells (no curses here: view-er.c draws it).
 *
 * Each table is a box: a border, its name, a separator, one row per
 * column.  Each foreign key (a column's `references` or a composite
 * `foreign_keys` entry) is a line from the child's box to the parent's,
 * labelled 1─N, or N─M when the child is the link table of a
 * many_to_many link.
 *
 * Automatic placement is layered by foreign-key dependency: a table's
 * layer is the longest chain of references above it (cycles broken
 * where first met), parents above children; the order within a layer is
 * improved by barycentric sweeps to reduce crossings; very wide layers
 * wrap into several rows.  Lines between consecutive rows run down from
 * the parent, along their own track in the channel above the child row,
 * and down into the child.  A table with an entry in `layout:` is put
 * where it says, and its lines are routed as elbows between the boxes.
 *
 * Building costs O(tables + foreign keys) (plus sorting); the view keeps
 * the result until the model changes. */
#ifndef SKEMA_ER_LAYOUT_H
#define SKEMA_ER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define ER_MAX_WIDTH 30          /* a box's widest, borders included */

struct er_point {
	int x, y;
};

struct er_box {
	int x, y, w, h;
	bool placed;                 /* from `layout:` */
	int row;                     /* automatic row (wrapped layer) */
};

struct er_edge {
	size_t child, parent;        /* table indexes (= box indexes) */
	long child_column;           /* the key column's index in the child, or -1 */
	long parent_column;          /* the referenced column in the parent, or -1 */
	bool many_to_many;
	struct er_point pt[4];       /* the polyline; first on the child's border */
	int npt;                     /* 0: not drawn (overlapping boxes) */
	struct er_point label;       /* where the 3-cell label starts */
	bool has_label;
};

struct er_layout {
	struct er_box *boxes;        /* one per table, in model order */
	size_t nboxes;
	struct er_edge *edges;
	size_t nedges, edges_cap;
	int width, height;           /* the extent of the drawing */
};

void er_layout_init(struct er_layout *l);
void er_layout_free(struct er_layout *l);

/* Lay the model out (replacing what l held). */
void er_layout_build(struct er_layout *l, const struct model *m);

/* Put table ti's box at x, y (as a `layout:` entry says) and route its
 * lines again: cheap, for moving one table. */
void er_layout_place(struct er_layout *l, const struct model *m, size_t ti, int x, int y);

/* The box row of column ci of a table (0 = the top border). */
static inline int er_column_row(long ci) { return ci < 0 ? 1 : 3 + (int)ci; }

/* "PK", "FK", "PF" (both) or "  ". */
const char *er_column_marker(const struct table *t, const struct column *c);

/* The box under cell x, y, or -1. */
long er_box_at(const struct er_layout *l, int x, int y);

#endif
