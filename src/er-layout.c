/* er-layout.c — see er-layout.h. */
#include "er-layout.h"

#include <stdlib.h>
#include <string.h>

#define GAP_X 4            /* columns between boxes of a row */
#define WRAP_WIDTH 200     /* a layer wider than this wraps */

void er_layout_init(struct er_layout *l)
{
	memset(l, 0, sizeof *l);
}

void er_layout_free(struct er_layout *l)
{
	free(l->boxes);
	free(l->edges);
	er_layout_init(l);
}

static bool in_composite_fk(const struct table *t, const struct column *c)
{
	for (size_t i = 0; i < t->foreign_keys.n; i++) {
		const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, i);

		for (size_t k = 0; k < fk->columns.n; k++)
			if (strcmp(fk->columns.items[k], c->name) == 0)
				return true;
	}
	return false;
}

const char *er_column_marker(const struct table *t, const struct column *c)
{
	bool pk = table_column_in_pk(t, c), fk = c->ref_table || in_composite_fk(t, c);

	return pk && fk ? "PF" : pk ? "PK" : fk ? "FK" : "  ";
}

static int text_width(const char *s)
{
	int n = 0;

	/* UTF-8: count the bytes that start a character */
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void box_size(const struct table *t, struct er_box *b)
{
	int w = text_width(t->name) + 4;

	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		int cw = 2 + 1 + text_width(c->name) + 1 + text_width(c->type) + 4;

		if (cw > w)
			w = cw;
	}
	b->w = w < 10 ? 10 : w > ER_MAX_WIDTH ? ER_MAX_WIDTH : w;
	b->h = (int)t->columns.n + 4;
}

static void add_edge(struct er_layout *l, size_t child, size_t parent, long cc, long pc, bool m2m)
{
	struct er_edge *e;

	xgrow(&l->edges, &l->edges_cap, l->nedges + 1, sizeof(*l->edges));
	e = &l->edges[l->nedges++];
	memset(e, 0, sizeof *e);
	e->child = child;
	e->parent = parent;
	e->child_column = cc;
	e->parent_column = pc;
	e->many_to_many = m2m;
}

static bool is_m2m_side(const struct model *m, const char *child, const char *parent)
{
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *k = PLIST_AT(&m->links, struct link, i);

		if (k->kind == LINK_MANY_TO_MANY && str_eq_null(k->field[LK_THROUGH], child) &&
		    (str_eq_null(k->field[LK_LEFT], parent) || str_eq_null(k->field[LK_RIGHT], parent)))
			return true;
	}
	return false;
}

static void collect_edges(struct er_layout *l, const struct model *m)
{
	bool any_m2m = false;

	for (size_t i = 0; i < m->links.n; i++)
		any_m2m |= PLIST_AT(&m->links, struct link, i)->kind == LINK_MANY_TO_MANY;
	for (size_t ti = 0; ti < m->tables.n; ti++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, ti);

		for (size_t ci = 0; ci < t->columns.n; ci++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, ci);
			long pi;
			const struct table *p;

			if (!c->ref_table || (pi = model_table_index(m, c->ref_table)) < 0)
				continue;
			p = PLIST_AT(&m->tables, struct table, pi);
			add_edge(l, ti, (size_t)pi, (long)ci,
				 c->ref_column ? table_column_index(p, c->ref_column) : -1,
				 any_m2m && is_m2m_side(m, t->name, p->name));
		}
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);
			long pi = fk->ref_table ? model_table_index(m, fk->ref_table) : -1;
			const struct table *p;

			if (pi < 0)
				continue;
			p = PLIST_AT(&m->tables, struct table, pi);
			add_edge(l, ti, (size_t)pi,
				 fk->columns.n ? table_column_index(t, fk->columns.items[0]) : -1,
				 fk->ref_columns.n ? table_column_index(p, fk->ref_columns.items[0]) : -1,
				 any_m2m && is_m2m_side(m, t->name, p->name));
		}
	}
}

/* ---- layers: longest path, cycles broken where met ---- */

struct graph {
	size_t n;
	size_t *par_start, *par;     /* CSR: parents of each node */
	size_t *chi_start, *chi;     /* children */
};

static void graph_build(struct graph *g, const struct er_layout *l)
{
	size_t *pc, *cc;

	g->n = l->nboxes;
	g->par_start = xcalloc(g->n + 1, sizeof(size_t));
	g->chi_start = xcalloc(g->n + 1, sizeof(size_t));
	for (size_t i = 0; i < l->nedges; i++)
		if (l->edges[i].child != l->edges[i].parent) {
			g->par_start[l->edges[i].child + 1]++;
			g->chi_start[l->edges[i].parent + 1]++;
		}
	for (size_t i = 0; i < g->n; i++) {
		g->par_start[i + 1] += g->par_start[i];
		g->chi_start[i + 1] += g->chi_start[i];
	}
	g->par = xmalloc((g->par_start[g->n] + 1) * sizeof(size_t));
	g->chi = xmalloc((g->chi_start[g->n] + 1) * sizeof(size_t));
	pc = xmalloc((g->n + 1) * sizeof(size_t));
	cc = xmalloc((g->n + 1) * sizeof(size_t));
	memcpy(pc, g->par_start, g->n * sizeof(size_t));
	memcpy(cc, g->chi_start, g->n * sizeof(size_t));
	for (size_t i = 0; i < l->nedges; i++) {
		const struct er_edge *e = &l->edges[i];

		if (e->child == e->parent)
			continue;
		g->par[pc[e->child]++] = e->parent;
		g->chi[cc[e->parent]++] = e->child;
	}
	free(pc);
	free(cc);
}

static void graph_free(struct graph *g)
{
	free(g->par_start);
	free(g->par);
	free(g->chi_start);
	free(g->chi);
}

/* Kahn's order from the roots; when only cycles are left, the first
 * remaining table is taken as if its open references were not there. */
static void assign_layers(const struct graph *g, int *layer)
{
	size_t n = g->n, head = 0, tail = 0, next_forced = 0;
	size_t *queue = xmalloc((n + 1) * sizeof(size_t)), *missing = xmalloc((n + 1) * sizeof(size_t));
	bool *done = xcalloc(n + 1, sizeof(bool));

	for (size_t v = 0; v < n; v++) {
		layer[v] = 0;
		missing[v] = g->par_start[v + 1] - g->par_start[v];
		if (missing[v] == 0)
			queue[tail++] = v;
	}
	while (head < n) {
		size_t v;

		if (head == tail) {
			while (next_forced < n && (done[next_forced] || missing[next_forced] == 0))
				next_forced++;
			if (next_forced >= n)
				break;
			missing[next_forced] = 0;
			queue[tail++] = next_forced;
		}
		v = queue[head++];
		if (done[v])
			continue;
		done[v] = true;
		for (size_t k = g->chi_start[v]; k < g->chi_start[v + 1]; k++) {
			size_t c = g->chi[k];

			if (done[c])
				continue;
			if (layer[c] < layer[v] + 1)
				layer[c] = layer[v] + 1;
			if (missing[c] && --missing[c] == 0)
				queue[tail++] = c;
		}
	}
	free(queue);
	free(missing);
	free(done);
}

/* ---- order within layers: barycentric sweeps ---- */

static const double *sort_key;

static int cmp_key(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_key[x] != sort_key[y])
		return sort_key[x] < sort_key[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void order_layers(const struct graph *g, const int *layer, int nlayers, size_t *order,
			 size_t *lstart)
{
	size_t n = g->n;
	double *norm = xmalloc((n + 1) * sizeof(double)), *key = xmalloc((n + 1) * sizeof(double));
	size_t *fill = xcalloc((size_t)nlayers + 1, sizeof(size_t));

	/* bucket by layer, in model order */
	memset(lstart, 0, ((size_t)nlayers + 1) * sizeof(size_t));
	for (size_t v = 0; v < n; v++)
		lstart[layer[v] + 1]++;
	for (int L = 0; L < nlayers; L++)
		lstart[L + 1] += lstart[L];
	for (size_t v = 0; v < n; v++)
		order[lstart[layer[v]] + fill[layer[v]]++] = v;
	free(fill);
	for (int L = 0; L < nlayers; L++)
		for (size_t i = lstart[L]; i < lstart[L + 1]; i++)
			norm[order[i]] = ((double)(i - lstart[L]) + 0.5) / (double)(lstart[L + 1] - lstart[L]);

	sort_key = key;
	for (int sweep = 0; sweep < 4; sweep++) {
		bool down = sweep % 2 == 0;

		for (int s = 1; s < nlayers; s++) {
			int L = down ? s : nlayers - 1 - s;

			for (size_t i = lstart[L]; i < lstart[L + 1]; i++) {
				size_t v = order[i], a = down ? g->par_start[v] : g->chi_start[v];
				size_t b = down ? g->par_start[v + 1] : g->chi_start[v + 1];
				const size_t *nb = down ? g->par : g->chi;
				double sum = 0;

				for (size_t k = a; k < b; k++)
					sum += norm[nb[k]];
				key[v] = b > a ? sum / (double)(b - a) : norm[v];
			}
			qsort(order + lstart[L], lstart[L + 1] - lstart[L], sizeof(size_t), cmp_key);
			for (size_t i = lstart[L]; i < lstart[L + 1]; i++)
				norm[order[i]] = ((double)(i - lstart[L]) + 0.5) /
						 (double)(lstart[L + 1] - lstart[L]);
		}
	}
	sort_key = NULL;
	free(norm);
	free(key);
}

/* ---- routing ---- */

static int mid(int a, int b)
{
	return a + (b - a) / 2;
}

static int port_row(const struct er_box *b, long column)
{
	int r = er_column_row(column);

	return b->y + (r < b->h - 1 ? r : 1);
}

static void set_label(struct er_edge *e)
{
	int best = -1, len = 0;

	/* on the longest horizontal part, else beside the middle of a vertical */
	for (int i = 0; i + 1 < e->npt; i++)
		if (e->pt[i].y == e->pt[i + 1].y) {
			int d = abs(e->pt[i].x - e->pt[i + 1].x);

			if (d > len) {
				len = d;
				best = i;
			}
		}
	e->has_label = true;
	if (best >= 0 && len >= 6) {
		int a = e->pt[best].x < e->pt[best + 1].x ? e->pt[best].x : e->pt[best + 1].x;

		e->label = (struct er_point){ a + (len - 3) / 2 + 1 - 1, e->pt[best].y };
		if (e->label.x <= a)
			e->label.x = a + 1;
		return;
	}
	for (int i = 0; i + 1 < e->npt; i++)
		if (e->pt[i].x == e->pt[i + 1].x && abs(e->pt[i].y - e->pt[i + 1].y) >= 2) {
			e->label = (struct er_point){ e->pt[i].x + 1, mid(e->pt[i].y, e->pt[i + 1].y) };
			return;
		}
	e->has_label = false;
}

/* A label's three cells clear of every box (placed tables only: O(boxes)). */
static bool label_clear(const struct er_layout *l, struct er_point at)
{
	for (size_t i = 0; i < l->nboxes; i++) {
		const struct er_box *b = &l->boxes[i];

		if (at.y >= b->y && at.y < b->y + b->h && at.x + 2 >= b->x && at.x < b->x + b->w)
			return false;
	}
	return true;
}

static void fit_label(const struct er_layout *l, struct er_edge *e)
{
	struct er_point alt;

	if (!e->has_label || label_clear(l, e->label))
		return;
	alt = (struct er_point){ e->label.x - 4, e->label.y };   /* the other side */
	if (alt.x >= 0 && label_clear(l, alt))
		e->label = alt;
	else
		e->has_label = false;
}

/* Elbows between two boxes wherever they are. */
static void route_elbow(struct er_edge *e, const struct er_box *c, const struct er_box *p)
{
	int a = port_row(c, e->child_column), b = port_row(p, e->parent_column);
	int cx = c->x + c->w / 2, px = p->x + p->w / 2;

	e->npt = 0;
	if (c == p) {
		int x0 = c->x + c->w - 1, x1 = c->x + c->w + 1;

		if (a == b)
			b = c->y + 1;
		e->pt[0] = (struct er_point){ x0, a };
		e->pt[1] = (struct er_point){ x1, a };
		e->pt[2] = (struct er_point){ x1, b };
		e->pt[3] = (struct er_point){ x0, b };
		e->npt = 4;
		e->label = (struct er_point){ x1 + 1, mid(a, b) };
		e->has_label = true;
		return;
	}
	if (c->x + c->w < p->x || p->x + p->w < c->x) {
		bool right = c->x < p->x;
		int sx = right ? c->x + c->w - 1 : c->x, ex = right ? p->x : p->x + p->w - 1;
		int jx = right ? mid(c->x + c->w, p->x - 1) : mid(p->x + p->w, c->x - 1);

		e->pt[0] = (struct er_point){ sx, a };
		e->pt[1] = (struct er_point){ jx, a };
		e->pt[2] = (struct er_point){ jx, b };
		e->pt[3] = (struct er_point){ ex, b };
		e->npt = 4;
	} else if (p->y + p->h < c->y || c->y + c->h < p->y) {
		bool above = p->y < c->y;
		int sy = above ? c->y : c->y + c->h - 1, ey = above ? p->y + p->h - 1 : p->y;
		int jy = above ? mid(p->y + p->h, c->y - 1) : mid(c->y + c->h, p->y - 1);

		e->pt[0] = (struct er_point){ cx, sy };
		e->pt[1] = (struct er_point){ cx, jy };
		e->pt[2] = (struct er_point){ px, jy };
		e->pt[3] = (struct er_point){ px, ey };
		e->npt = 4;
	} else {
		return;   /* the boxes touch: no room for a line */
	}
	set_label(e);
}

static void route_track(struct er_edge *e, const struct er_box *c, const struct er_box *p, int ty)
{
	int cx = c->x + c->w / 2, px = p->x + p->w / 2;

	e->pt[0] = (struct er_point){ cx, c->y };
	e->pt[1] = (struct er_point){ cx, ty };
	e->pt[2] = (struct er_point){ px, ty };
	e->pt[3] = (struct er_point){ px, p->y + p->h - 1 };
	e->npt = 4;
	set_label(e);
	if (!e->has_label || e->label.y != ty) {
		/* short: beside the line just above the child */
		e->label = (struct er_point){ cx + 1, c->y - 1 };
		e->has_label = true;
	}
}

static bool auto_routed(const struct er_layout *l, const struct er_edge *e)
{
	const struct er_box *c = &l->boxes[e->child], *p = &l->boxes[e->parent];

	return !c->placed && !p->placed && p->row < c->row;
}

static void extent(struct er_layout *l)
{
	l->width = l->height = 0;
	for (size_t i = 0; i < l->nboxes; i++) {
		const struct er_box *b = &l->boxes[i];

		if (b->x + b->w + 5 > l->width)
			l->width = b->x + b->w + 5;
		if (b->y + b->h + 1 > l->height)
			l->height = b->y + b->h + 1;
	}
}

struct interval {
	int lo, hi;
	size_t edge;
};

static int cmp_interval(const void *a, const void *b)
{
	const struct interval *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->edge < y->edge ? -1 : x->edge > y->edge;
}

void er_layout_build(struct er_layout *l, const struct model *m)
{
	struct graph g;
	int *layer, nlayers = 0, nrows = 0, x = 0, row = 0;
	size_t *order, *lstart, n = m->tables.n;
	int *row_width, *row_height, *row_tracks, *row_y, *track_of;
	struct interval *iv;
	size_t niv;

	er_layout_free(l);
	l->nboxes = n;
	l->boxes = xcalloc(n + 1, sizeof(*l->boxes));
	for (size_t i = 0; i < n; i++)
		box_size(PLIST_AT(&m->tables, struct table, i), &l->boxes[i]);
	collect_edges(l, m);

	graph_build(&g, l);
	layer = xmalloc((n + 1) * sizeof(int));
	assign_layers(&g, layer);
	for (size_t v = 0; v < n; v++)
		if (layer[v] + 1 > nlayers)
			nlayers = layer[v] + 1;
	order = xmalloc((n + 1) * sizeof(size_t));
	lstart = xmalloc(((size_t)nlayers + 2) * sizeof(size_t));
	order_layers(&g, layer, nlayers, order, lstart);

	/* x within rows; a layer wider than WRAP_WIDTH continues on a new row */
	row_width = xcalloc(n + 2, sizeof(int));
	for (int L = 0; L < nlayers; L++) {
		if (L > 0) {
			row++;
			x = 0;
		}
		for (size_t i = lstart[L]; i < lstart[L + 1]; i++) {
			struct er_box *b = &l->boxes[order[i]];

			if (x > 0 && x + b->w > WRAP_WIDTH) {
				row++;
				x = 0;
			}
			b->x = x;
			b->row = row;
			x += b->w + GAP_X;
			row_width[row] = x - GAP_X;
		}
	}
	nrows = n ? row + 1 : 0;
	{
		int widest = 0;

		for (int r = 0; r < nrows; r++)
			if (row_width[r] > widest)
				widest = row_width[r];
		for (size_t v = 0; v < n; v++)
			l->boxes[v].x += 2 + (widest - row_width[l->boxes[v].row]) / 2;
	}

	/* tracks: the lines into a row run in the channel above it, each on
	 * a track of its own where they would overlap */
	row_tracks = xcalloc((size_t)nrows + 1, sizeof(int));
	row_height = xcalloc((size_t)nrows + 1, sizeof(int));
	row_y = xcalloc((size_t)nrows + 1, sizeof(int));
	track_of = xcalloc(l->nedges + 1, sizeof(int));
	iv = xmalloc((l->nedges + 1) * sizeof(*iv));
	for (size_t v = 0; v < n; v++)
		if (l->boxes[v].h > row_height[l->boxes[v].row])
			row_height[l->boxes[v].row] = l->boxes[v].h;
	{
		/* edges grouped by the child's row */
		size_t *start = xcalloc((size_t)nrows + 2, sizeof(size_t)), *fill;
		size_t *by_row = xmalloc((l->nedges + 1) * sizeof(size_t));
		int *ends = NULL;
		size_t ends_cap = 0;

		for (size_t i = 0; i < l->nedges; i++)
			if (auto_routed(l, &l->edges[i]))
				start[l->boxes[l->edges[i].child].row + 1]++;
		for (int r = 0; r < nrows; r++)
			start[r + 1] += start[r];
		fill = xcalloc((size_t)nrows + 1, sizeof(size_t));
		for (size_t i = 0; i < l->nedges; i++)
			if (auto_routed(l, &l->edges[i])) {
				int r = l->boxes[l->edges[i].child].row;

				by_row[start[r] + fill[r]++] = i;
			}
		for (int r = 0; r < nrows; r++) {
			int ntracks = 0;

			niv = 0;
			for (size_t k = start[r]; k < start[r + 1]; k++) {
				const struct er_edge *e = &l->edges[by_row[k]];
				const struct er_box *c = &l->boxes[e->child], *p = &l->boxes[e->parent];
				int cx = c->x + c->w / 2, px = p->x + p->w / 2;

				iv[niv++] = (struct interval){ cx < px ? cx : px, cx < px ? px : cx,
							       by_row[k] };
			}
			qsort(iv, niv, sizeof(*iv), cmp_interval);
			for (size_t k = 0; k < niv; k++) {
				int t = 0;

				/* first fit, a cell of space between lines on a track */
				while (t < ntracks && ends[t] >= iv[k].lo - 1)
					t++;
				if (t == ntracks) {
					xgrow(&ends, &ends_cap, (size_t)ntracks + 1, sizeof(int));
					ntracks++;
				}
				ends[t] = iv[k].hi;
				track_of[iv[k].edge] = t;
			}
			row_tracks[r] = ntracks;
		}
		free(ends);
		free(fill);
		free(start);
		free(by_row);
	}
	{
		int y = 1;

		for (int r = 0; r < nrows; r++) {
			if (r > 0)
				y += row_tracks[r] + 3;
			row_y[r] = y;
			y += row_height[r];
		}
	}
	/* Placements by table, first one of a name wins (as model_placement):
	 * looking each table up in the list would be quadratic. */
	struct name_index placed;

	name_index_init(&placed);
	for (size_t i = 0; i < m->layout.n; i++) {
		struct placement *p = PLIST_AT(&m->layout, struct placement, i);

		if (p->table && !name_index_get(&placed, p->table))
			name_index_put(&placed, p->table, p);
	}
	for (size_t v = 0; v < n; v++) {
		struct er_box *b = &l->boxes[v];
		const char *tname = PLIST_AT(&m->tables, struct table, v)->name;
		const struct placement *pl = tname ? name_index_get(&placed, tname) : NULL;

		b->y = row_y[b->row];
		if (pl) {
			b->placed = true;
			b->x = pl->x < 0 ? 0 : pl->x > 100000 ? 100000 : (int)pl->x;
			b->y = pl->y < 0 ? 0 : pl->y > 100000 ? 100000 : (int)pl->y;
		}
	}
	name_index_free(&placed);
	for (size_t i = 0; i < l->nedges; i++) {
		struct er_edge *e = &l->edges[i];
		const struct er_box *c = &l->boxes[e->child], *p = &l->boxes[e->parent];

		if (auto_routed(l, e)) {
			route_track(e, c, p, c->y - 2 - track_of[i]);
		} else {
			route_elbow(e, c, p);
			fit_label(l, e);
		}
	}
	extent(l);

	free(iv);
	free(track_of);
	free(row_y);
	free(row_height);
	free(row_tracks);
	free(row_width);
	free(order);
	free(lstart);
	free(layer);
	graph_free(&g);
}

void er_layout_place(struct er_layout *l, const struct model *m, size_t ti, int x, int y)
{
	(void)m;
	if (ti >= l->nboxes)
		return;
	l->boxes[ti].x = x < 0 ? 0 : x;
	l->boxes[ti].y = y < 0 ? 0 : y;
	l->boxes[ti].placed = true;
	for (size_t i = 0; i < l->nedges; i++) {
		struct er_edge *e = &l->edges[i];

		if (e->child == ti || e->parent == ti) {
			route_elbow(e, &l->boxes[e->child], &l->boxes[e->parent]);
			fit_label(l, e);
		}
	}
	extent(l);
}

long er_box_at(const struct er_layout *l, int x, int y)
{
	for (size_t i = l->nboxes; i-- > 0;) {
		const struct er_box *b = &l->boxes[i];

		if (x >= b->x && x < b->x + b->w && y >= b->y && y < b->y + b->h)
			return (long)i;
	}
	return -1;
}
