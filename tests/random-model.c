/* random-model.c — see random-model.h.
 *
 * Names and text come from pools of awkward strings (YAML keywords,
 * numbers, indicators, quotes, unicode, spaces at either end, multi-line
 * text) so that every quoting and block-scalar path of the saver is
 * walked.  `references: table.column` splits at the last '.', so a
 * column whose name has a '.' is never referenced that way. */
#include "random-model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rng {
	uint64_t state;
};

/* splitmix64: tiny, and the same everywhere. */
static uint32_t rng_next(struct rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return (uint32_t)((z ^ (z >> 31)) >> 16);
}

static unsigned rng_below(struct rng *r, unsigned n)
{
	return n ? rng_next(r) % n : 0;
}

static bool rng_chance(struct rng *r, unsigned percent)
{
	return rng_below(r, 100) < percent;
}

#define PICK(r, arr) ((arr)[rng_below((r), sizeof(arr) / sizeof((arr)[0]))])

static const char *const names[] = {
	"id", "name", "hero", "team", "order", "user", "group", "select",
	"true", "false", "null", "Null", "~", "yes", "No", "on", "OFF", "y", "n",
	"123", "-7", "0x1F", "0o17", "1e3", "1_000", ".inf", "-.INF", ".nan",
	"3.14", "1:30", "2001-01-01", "2001-12-14t21:59:43", "<<", "=",
	"with space", "colon: inside", "colon:tight", "trailing colon:",
	"hash # inside", "#start", "hash#tight", "quote'single", "quote\"double",
	"'quoted'", "\"dq\"", " leading space", "trailing space ", "ünïcødé",
	"名前", "emoji 😀", "-dash", "- dash space", "? question", "a, b",
	"[bracket]", "{brace}", "*star", "&anchor", "!bang", "%percent",
	"@at", "`tick", "|pipe", ">gt", "---", "back\\slash",
	"tab\there", "x", "CamelCase", "snake_case_name",
	/* Over 128 characters: libyaml writes it as an explicit `? key`. */
	"a_name_long_enough_to_stop_being_a_simple_key_in_libyaml_which_"
	"allows_at_most_one_hundred_and_twenty_eight_characters_for_those_"
	"keys",
};

static const char *const types[] = {
	"integer", "bigint", "smallint", "boolean", "real", "double",
	"numeric(10,2)", "decimal(8, 3)", "text", "varchar(100)", "char(2)",
	"date", "time", "datetime", "timestamp", "timestamptz", "blob",
	"uuid", "json", "enum(alignment)", "double precision", "geometry",
	"123", "true",
};

static const char *const texts[] = {
	"length(trim(name)) > 0",
	"age >= 0 AND age <= 150",
	"x IN ('a', 'b')",
	"status <> 'done: yes'",
	"a # not a comment",
	"price > 0\nAND price < 1000",
	"first line\n  indented line\nlast line",
	"  leading spaces\nsecond",
	"ends with newline\n",
	"ends with blank lines\n\n\n",
	"\nstarts with newline",
	"trailing spaces  \nsecond",
	"tab\tinside\nsecond",
	"---\n...\n# hash line",
	"ünïcødé ✓\n名前",
	"true",
	"123",
	"",
	"it's",
	"CURRENT_TIMESTAMP",
	"carriage\r\nreturn",
	"next\xC2\x85line\nand\xE2\x80\xA8separator",
	"\n",
	"a\n\n",
	"x: y\n  - z\n",
	"length(name) > 0 AND length(name) < 100 AND name NOT LIKE '% %' AND "
	"name NOT IN ('admin', 'root', 'system') AND lower(name) = name AND "
	"substr(name, 1, 1) BETWEEN 'a' AND 'z'",
};

static const char *const sql_texts[] = {
	"SELECT id, name FROM hero",
	"SELECT h.id,\n       h.name\nFROM hero h\nWHERE h.age > 18\n",
	"CREATE TRIGGER touch AFTER UPDATE ON hero\nBEGIN\n  UPDATE hero SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;\nEND;",
	"SELECT 'a: b' AS c -- comment\n",
	"  SELECT 1\n",
	"SELECT 1\n\n",
	"SELECT\n\n  2",
};

static const char *const string_defaults[] = {
	"hero", "true", "false", "null", "~", "123", "1.5", "", "yes", "it's",
	"line\nbreak", "a: b", "  spaced", "#x", "2001-01-01", "ünï", "0x10",
	"a, b", "[x]",
};
static const char *const int_defaults[] = { "0", "42", "-7", "1000000" };
static const char *const float_defaults[] = { "1.50", "-0.25", "3.0", "0.001" };
static const char *const bounds[] = { "0", "150", "-1.5", "0.001", "100", "1" };

/* A name from the pool, made unique within `used`. */
static const char *rand_name(struct rng *r, struct strlist *used)
{
	const char *base = PICK(r, names);

	if (strlist_find(used, base) < 0) {
		strlist_push(used, base);
	} else {
		for (unsigned i = 2;; i++) {
			char cand[128];

			snprintf(cand, sizeof cand, "%s_%u", base, i);
			if (strlist_find(used, cand) < 0) {
				strlist_push(used, cand);
				break;
			}
		}
	}
	return used->items[used->n - 1];
}

static char *rand_text(struct rng *r)
{
	return xstrdup(PICK(r, texts));
}

static enum fk_action rand_action(struct rng *r)
{
	return (enum fk_action)rng_below(r, ACTION_NO_ACTION + 1);
}

static void rand_default(struct rng *r, struct column *c)
{
	switch (rng_below(r, 7)) {
	case 0:
		value_set(&c->dflt, VALUE_NULL, NULL);
		break;
	case 1:
		value_set(&c->dflt, VALUE_BOOL, rng_chance(r, 50) ? "true" : "false");
		break;
	case 2:
		value_set(&c->dflt, VALUE_INT, PICK(r, int_defaults));
		break;
	case 3:
		value_set(&c->dflt, VALUE_FLOAT, PICK(r, float_defaults));
		break;
	case 4:
	case 5:
		value_set(&c->dflt, VALUE_STRING, PICK(r, string_defaults));
		break;
	default:
		break;
	}
}

/* Column names of the tables built so far, for references. */
static struct column *rand_column(struct rng *r, const char *name,
				  const struct model *m)
{
	struct column *c = column_new(name, PICK(r, types));

	/* Half the columns stay bare, to exercise the shorthand. */
	if (rng_chance(r, 40))
		return c;
	c->nullable = (enum tri)rng_below(r, 3);
	c->primary_key = rng_chance(r, 15);
	c->autoincrement = rng_chance(r, 10);
	c->unique = rng_chance(r, 15);
	c->index = rng_chance(r, 15);
	if (rng_chance(r, 40))
		rand_default(r, c);
	if (rng_chance(r, 15))
		c->default_sql = xstrdup(rng_chance(r, 50) ? "CURRENT_TIMESTAMP" : "(1 + 2)");
	if (rng_chance(r, 15))
		c->check = rand_text(r);
	for (int b = 0; b < BOUND_COUNT; b++)
		if (rng_chance(r, 12))
			c->bound[b] = xstrdup(PICK(r, bounds));
	if (rng_chance(r, 12))
		c->min_length = rng_below(r, 5);
	if (rng_chance(r, 12))
		c->max_length = rng_below(r, 300);
	if (m->tables.n && rng_chance(r, 25)) {
		const struct table *t = PLIST_AT(&m->tables, struct table,
						 rng_below(r, (unsigned)m->tables.n));

		const struct column *rc = t->columns.n == 0 ? NULL :
			PLIST_AT(&t->columns, struct column, rng_below(r, (unsigned)t->columns.n));

		/* `table.column` splits at the last '.'. */
		if (rc && !strchr(rc->name, '.')) {
			c->ref_table = xstrdup(t->name);
			c->ref_column = xstrdup(rc->name);
			c->on_delete = rand_action(r);
			c->on_update = rand_action(r);
		}
	}
	if (rng_chance(r, 15))
		c->comment = rand_text(r);
	if (rng_chance(r, 10))
		c->was = xstrdup(PICK(r, names));
	return c;
}

static void rand_subset(struct rng *r, const struct table *t, struct strlist *out)
{
	unsigned n = 1 + rng_below(r, 3);

	for (unsigned i = 0; i < n && i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column,
						  rng_below(r, (unsigned)t->columns.n));

		if (strlist_find(out, c->name) < 0)
			strlist_push(out, c->name);
	}
}

static struct table *rand_table(struct rng *r, const char *name, const struct model *m)
{
	struct table *t = table_new(name);
	struct strlist used;
	unsigned ncols = 1 + rng_below(r, 6);

	strlist_init(&used);
	if (rng_chance(r, 25))
		t->comment = rand_text(r);
	if (rng_chance(r, 10))
		t->was = xstrdup(PICK(r, names));
	t->without_rowid = rng_chance(r, 10);
	t->strict = rng_chance(r, 10);
	for (unsigned i = 0; i < ncols; i++)
		table_add_column(t, rand_column(r, rand_name(r, &used), m));
	strlist_free(&used);

	if (rng_chance(r, 25))
		rand_subset(r, t, &t->primary_key);
	for (unsigned n = rng_below(r, 3), i = 0; i < n; i++) {
		struct unique *u = unique_new();

		rand_subset(r, t, &u->columns);
		plist_push(&t->uniques, u);
	}
	if (m->tables.n && rng_chance(r, 30)) {
		const struct table *target = PLIST_AT(&m->tables, struct table,
						      rng_below(r, (unsigned)m->tables.n));
		struct foreign_key *fk = foreign_key_new();

		rand_subset(r, t, &fk->columns);
		fk->ref_table = xstrdup(target->name);
		rand_subset(r, target, &fk->ref_columns);
		fk->on_delete = rand_action(r);
		fk->on_update = rand_action(r);
		if (rng_chance(r, 50))
			fk->name = xstrdup(PICK(r, names));
		plist_push(&t->foreign_keys, fk);
	}
	strlist_init(&used);
	for (unsigned n = rng_below(r, 3), i = 0; i < n; i++) {
		struct index *ix = index_new(rand_name(r, &used));

		rand_subset(r, t, &ix->columns);
		ix->unique = rng_chance(r, 40);
		if (rng_chance(r, 30))
			ix->where = rand_text(r);
		plist_push(&t->indexes, ix);
	}
	strlist_free(&used);
	strlist_init(&used);
	for (unsigned n = rng_below(r, 3), i = 0; i < n; i++) {
		const char *cn = rand_name(r, &used);
		const char *expr = PICK(r, texts);

		plist_push(&t->checks, check_new(cn, expr));
	}
	strlist_free(&used);
	return t;
}

static const char *rand_table_name(struct rng *r, const struct model *m)
{
	if (m->tables.n == 0 || rng_chance(r, 10))
		return PICK(r, names);
	return PLIST_AT(&m->tables, struct table, rng_below(r, (unsigned)m->tables.n))->name;
}

static struct link *rand_link(struct rng *r, const struct model *m)
{
	bool many = rng_chance(r, 40);
	struct link *l = link_new(many ? LINK_MANY_TO_MANY : LINK_ONE_TO_MANY);
	enum link_key first = many ? LK_LEFT : LK_PARENT;

	for (enum link_key k = first; k < first + 5; k++) {
		const char *v;

		/* The table keys are nearly always there, the names often not. */
		if (!rng_chance(r, k < first + 3 ? 95 : 60))
			continue;
		if (k == LK_PARENT || k == LK_CHILD || k == LK_LEFT || k == LK_RIGHT ||
		    k == LK_THROUGH)
			v = rand_table_name(r, m);
		else
			v = PICK(r, names);
		l->field[k] = xstrdup(v);
	}
	return l;
}

struct model *random_model(unsigned seed)
{
	struct rng r = { .state = seed * 0x2545F4914F6CDD1DULL + 1 };
	struct model *m = model_new();
	struct strlist used;
	unsigned n;

	m->version = 1;
	if (rng_chance(&r, 70))
		m->name = xstrdup(PICK(&r, names));

	strlist_init(&used);
	for (n = rng_below(&r, 3); n > 0; n--) {
		struct enum_type *e = enum_type_new(rand_name(&r, &used));
		unsigned nv = rng_below(&r, 5);

		for (unsigned i = 0; i < nv; i++)
			strlist_push(&e->values, PICK(&r, names));
		plist_push(&m->enums, e);
	}
	strlist_free(&used);

	strlist_init(&used);
	for (n = rng_below(&r, 6); n > 0; n--)
		model_add_table(m, rand_table(&r, rand_name(&r, &used), m));
	strlist_free(&used);

	for (n = rng_below(&r, 4); n > 0; n--)
		plist_push(&m->links, rand_link(&r, m));

	strlist_init(&used);
	for (n = rng_below(&r, 3); n > 0; n--)
		plist_push(&m->views, sql_object_new(rand_name(&r, &used),
						     PICK(&r, sql_texts)));
	strlist_free(&used);
	strlist_init(&used);
	for (n = rng_below(&r, 3); n > 0; n--)
		plist_push(&m->triggers, sql_object_new(rand_name(&r, &used),
							PICK(&r, sql_texts)));
	strlist_free(&used);

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		if (rng_chance(&r, 60))
			plist_push(&m->layout,
				   placement_new(t->name, (int64_t)rng_below(&r, 200) - 20,
						 (int64_t)rng_below(&r, 100)));
	}
	return m;
}
