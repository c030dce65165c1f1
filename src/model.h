/* model.h — the in-memory schema model (format v1 of DESIGN.md).
 *
 * Every schema source becomes a struct model; every output is computed
 * from one.  The model owns everything reachable from it: each object has
 * one owner (its list), and each *_new has a *_free beside it.
 *
 * Names are kept exactly as written.  Order is meaningful everywhere: the
 * order of tables, columns, indexes... is the order of the file and of DDL.
 *
 * Source positions (struct pos) are filled by the YAML loader so that
 * model_check() can point at FILE:LINE:COL; objects built in memory leave
 * them zero ("unknown"), and diagnostics then name the object instead.
 *
 * Mutations that must be undoable go through model-ops.h; the plain
 * constructors here are for loaders and for building objects before an
 * operation inserts them. */
#ifndef SKEMA_MODEL_H
#define SKEMA_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct pos {
	uint32_t line;   /* 1-based; 0 = unknown */
	uint32_t col;    /* 1-based */
};

/* Referential actions; ACTION_NONE means the key is absent. */
enum fk_action {
	ACTION_NONE = 0,
	ACTION_CASCADE,
	ACTION_SET_NULL,
	ACTION_SET_DEFAULT,
	ACTION_RESTRICT,
	ACTION_NO_ACTION,
};
const char *fk_action_name(enum fk_action a);   /* "cascade", "set null"... */
bool fk_action_parse(const char *s, enum fk_action *out);

/* A YAML scalar value as the `default:` key holds it.  The text is kept as
 * written for numbers ("1.50" stays "1.50"); booleans are "true"/"false". */
enum value_kind {
	VALUE_NONE = 0,   /* key absent */
	VALUE_NULL,
	VALUE_BOOL,
	VALUE_INT,
	VALUE_FLOAT,
	VALUE_STRING,
};
struct value {
	enum value_kind kind;
	char *text;       /* NULL for VALUE_NONE and VALUE_NULL */
};
void value_set(struct value *v, enum value_kind kind, const char *text);
void value_clear(struct value *v);
void value_copy(struct value *dst, const struct value *src);
bool value_eq(const struct value *a, const struct value *b);

/* Tri-state for keys whose absence means "the default" (nullable). */
enum tri { TRI_UNSET = 0, TRI_TRUE, TRI_FALSE };

/* Keys of a column mapping, in canonical order.  The table of names lives
 * in model.c (column_key_name); the loader, the saver and the checker all
 * walk it, and pos[] below is indexed by it. */
enum column_key {
	CK_TYPE,
	CK_NULLABLE,
	CK_PRIMARY_KEY,
	CK_AUTOINCREMENT,
	CK_UNIQUE,
	CK_INDEX,
	CK_DEFAULT,
	CK_DEFAULT_SQL,
	CK_CHECK,
	CK_GE,
	CK_LE,
	CK_GT,
	CK_LT,
	CK_MIN_LENGTH,
	CK_MAX_LENGTH,
	CK_REFERENCES,
	CK_ON_DELETE,
	CK_ON_UPDATE,
	CK_COMMENT,
	CK_WAS,
	CK_COUNT
};
const char *column_key_name(enum column_key k);
bool column_key_parse(const char *s, enum column_key *out);

/* Numeric bounds, indexed like the keys CK_GE..CK_LT. */
enum bound { BOUND_GE, BOUND_LE, BOUND_GT, BOUND_LT, BOUND_COUNT };

struct column {
	char *name;
	char *type;                 /* as written: "varchar(100)", "enum(x)" */
	enum tri nullable;          /* TRI_UNSET: the default, see column_is_nullable */
	bool primary_key;
	bool autoincrement;
	bool unique;
	bool index;
	struct value dflt;          /* `default` */
	char *default_sql;
	char *check;
	char *bound[BOUND_COUNT];   /* number text as written, NULL if absent */
	int64_t min_length;         /* -1 if absent */
	int64_t max_length;         /* -1 if absent */
	char *ref_table;            /* `references: table.column`, split */
	char *ref_column;
	enum fk_action on_delete;
	enum fk_action on_update;
	char *comment;
	char *was;

	struct pos pos;             /* of the column's name key */
	/* Where each key's value is, read and set through column_key_pos()
	 * and column_set_key_pos().  Packed, because a 5,000-table model has
	 * 90,000 columns and eight bytes a key made half of each column: two
	 * bytes a key, the line as an offset from key_line (6 bits) and the
	 * column (10 bits); a position that does not fit is kept in key_far. */
	uint32_t key_line;
	uint16_t key_at[CK_COUNT];  /* 0: unknown; COLUMN_KEY_FAR: in key_far */
	struct pos *key_far;        /* CK_COUNT entries, or NULL */
};

#define COLUMN_KEY_FAR 0xFFFFu

/* The position of key k's value; line 0 when unknown. */
static inline struct pos column_key_pos(const struct column *c, enum column_key k)
{
	unsigned at = c->key_at[k];
	struct pos p = { 0, 0 };

	if (at == COLUMN_KEY_FAR)
		return c->key_far[k];
	if (at) {
		p.line = c->key_line + (at >> 10);
		p.col = at & 1023u;
	}
	return p;
}
/* Records it; a position with line 0 forgets it. */
void column_set_key_pos(struct column *c, enum column_key k, struct pos p);

struct column *column_new(const char *name, const char *type);
void column_free(struct column *c);
struct column *column_clone(const struct column *c);
bool column_eq(const struct column *a, const struct column *b);  /* ignores positions */

/* Keys of a table mapping, in canonical order. */
enum table_key {
	TK_COMMENT,
	TK_WAS,
	TK_WITHOUT_ROWID,
	TK_STRICT,
	TK_COLUMNS,
	TK_PRIMARY_KEY,
	TK_UNIQUE,
	TK_FOREIGN_KEYS,
	TK_INDEXES,
	TK_CHECKS,
	TK_COUNT
};
const char *table_key_name(enum table_key k);
bool table_key_parse(const char *s, enum table_key *out);

struct index {
	char *name;
	struct strlist columns;
	bool unique;
	char *where;                /* partial index predicate, or NULL */
	struct pos pos;             /* of the name key */
	struct pos columns_pos;     /* of the columns list */
};
struct index *index_new(const char *name);
void index_free(struct index *ix);
struct index *index_clone(const struct index *ix);
bool index_eq(const struct index *a, const struct index *b);

struct check {
	char *name;
	char *expr;
	struct pos pos;
};
struct check *check_new(const char *name, const char *expr);
void check_free(struct check *ck);
struct check *check_clone(const struct check *ck);
bool check_eq(const struct check *a, const struct check *b);

/* A composite (table-level) foreign key: `foreign_keys:` list items. */
struct foreign_key {
	char *name;                 /* optional */
	struct strlist columns;
	char *ref_table;
	struct strlist ref_columns;
	enum fk_action on_delete;
	enum fk_action on_update;
	struct pos pos;             /* of the list item */
	struct pos columns_pos, ref_table_pos, ref_columns_pos;
};
struct foreign_key *foreign_key_new(void);
void foreign_key_free(struct foreign_key *fk);
struct foreign_key *foreign_key_clone(const struct foreign_key *fk);
bool foreign_key_eq(const struct foreign_key *a, const struct foreign_key *b);

/* One `unique:` entry (a list of column names). */
struct unique {
	struct strlist columns;
	struct pos pos;
};
struct unique *unique_new(void);
void unique_free(struct unique *u);
struct unique *unique_clone(const struct unique *u);
bool unique_eq(const struct unique *a, const struct unique *b);

/* A list of owned pointers; the element kind decides how to free/clone. */
struct plist {
	void **items;
	size_t n;
	size_t cap;
};
void plist_push(struct plist *l, void *item);
void plist_insert(struct plist *l, size_t at, void *item);  /* at <= n */
void *plist_remove(struct plist *l, size_t at);             /* returns the item */
void plist_move(struct plist *l, size_t from, size_t to);
#define PLIST_AT(l, type, i) ((type *)(l)->items[i])

struct table {
	char *name;
	char *comment;
	char *was;
	bool without_rowid;
	bool strict;
	struct plist columns;       /* struct column * */
	struct strlist primary_key; /* composite key; empty when given per column */
	struct plist uniques;       /* struct unique * */
	struct plist foreign_keys;  /* struct foreign_key * */
	struct plist indexes;       /* struct index * */
	struct plist checks;        /* struct check * */

	struct pos pos;             /* of the table's name key */
	struct pos key_pos[TK_COUNT];
	/* Where model_table_index last found it in its model's list: checked
	 * first, refreshed for every table when stale. */
	size_t slot_hint;
};

struct table *table_new(const char *name);
void table_free(struct table *t);
struct table *table_clone(const struct table *t);
bool table_eq(const struct table *a, const struct table *b);
struct column *table_column(const struct table *t, const char *name);
long table_column_index(const struct table *t, const char *name);  /* -1 */
void table_add_column(struct table *t, struct column *c);          /* takes c */
/* True when the column belongs to the primary key (flag or composite). */
bool table_column_in_pk(const struct table *t, const struct column *c);
/* Effective nullability: explicit value, else false for key columns. */
bool column_is_nullable(const struct table *t, const struct column *c);

struct enum_type {
	char *name;
	struct strlist values;
	struct pos pos;
};
struct enum_type *enum_type_new(const char *name);
void enum_type_free(struct enum_type *e);
struct enum_type *enum_type_clone(const struct enum_type *e);
bool enum_type_eq(const struct enum_type *a, const struct enum_type *b);

enum link_kind { LINK_ONE_TO_MANY, LINK_MANY_TO_MANY };

/* Keys of a link mapping, in canonical order (kind first). */
enum link_key {
	LK_KIND,
	LK_PARENT, LK_CHILD, LK_VIA, LK_PARENT_NAME, LK_CHILD_NAME,
	LK_LEFT, LK_RIGHT, LK_THROUGH, LK_LEFT_NAME, LK_RIGHT_NAME,
	LK_COUNT
};
const char *link_key_name(enum link_key k);
bool link_key_parse(const char *s, enum link_key *out);

/* One struct for both kinds; the keys that do not belong to the kind are
 * NULL.  field[LK_KIND] is unused (kind holds it). */
struct link {
	enum link_kind kind;
	char *field[LK_COUNT];
	struct pos pos;             /* of the list item */
	struct pos key_pos[LK_COUNT];
};
struct link *link_new(enum link_kind kind);
void link_free(struct link *l);
struct link *link_clone(const struct link *l);
bool link_eq(const struct link *a, const struct link *b);

/* A named piece of SQL text: a view (its SELECT) or a trigger (full text). */
struct sql_object {
	char *name;
	char *sql;
	struct pos pos;
};
struct sql_object *sql_object_new(const char *name, const char *sql);
void sql_object_free(struct sql_object *o);
struct sql_object *sql_object_clone(const struct sql_object *o);
bool sql_object_eq(const struct sql_object *a, const struct sql_object *b);

/* `layout:` entry: a table's place in the ER diagram. */
struct placement {
	char *table;
	int64_t x, y;
	struct pos pos;
};
struct placement *placement_new(const char *table, int64_t x, int64_t y);
void placement_free(struct placement *p);
struct placement *placement_clone(const struct placement *p);
bool placement_eq(const struct placement *a, const struct placement *b);

/* A name → item map for fast lookup at thousands of tables.  Not owning:
 * it indexes items owned by a plist.  Open addressing, string keys. */
struct name_index {
	const char **keys;
	void **vals;
	size_t cap;                 /* power of two or 0 */
	size_t n;
};
void name_index_init(struct name_index *ix);
void name_index_free(struct name_index *ix);
void name_index_put(struct name_index *ix, const char *key, void *val);  /* key not copied */
void *name_index_get(const struct name_index *ix, const char *key);
void name_index_del(struct name_index *ix, const char *key);

struct model {
	int version;                /* `skema:`, 1 */
	char *name;
	struct plist enums;         /* struct enum_type * */
	struct plist tables;        /* struct table * */
	struct plist links;         /* struct link * */
	struct plist views;         /* struct sql_object * */
	struct plist triggers;      /* struct sql_object * */
	struct plist layout;        /* struct placement * */

	/* Kept in step with tables by model_table_* helpers and model-ops;
	 * code that edits tables.items directly calls model_reindex(). */
	struct name_index table_by_name;

	struct pos pos_version, pos_name;
	struct pos pos_links, pos_tables;
};

struct model *model_new(void);
void model_free(struct model *m);
struct model *model_clone(const struct model *m);
/* Structural equality of everything format v1 stores; positions ignored.
 * Nullability is compared by effective value. */
bool model_eq(const struct model *a, const struct model *b);

struct table *model_table(const struct model *m, const char *name);
long model_table_index(const struct model *m, const char *name);   /* -1 */
void model_add_table(struct model *m, struct table *t);            /* takes t */
void model_reindex(struct model *m);
struct enum_type *model_enum(const struct model *m, const char *name);
struct sql_object *model_view(const struct model *m, const char *name);
struct sql_object *model_trigger(const struct model *m, const char *name);
struct placement *model_placement(const struct model *m, const char *table);

#endif
