/* gen-schema.c — writes a large, valid format-v1 model to stdout, for the
 * load/save benchmark.
 *
 *     gen-schema TABLES [SEED]
 *
 * The output depends only on the arguments: the pseudo-random generator
 * is a private splitmix64 state, not rand().  The YAML is written with
 * fprintf so that the benchmark of the saver does not depend on it.
 *
 * Every table has an integer key, about twenty columns of mixed types
 * (with bounds, defaults, checks and comments), foreign keys to earlier
 * tables, indexes and a check; every tenth table is the link table of a
 * many-to-many between two earlier tables.
 *
 *     gen-schema -2 TABLES [SEED]
 *
 * writes the second version of the same model: every twentieth table
 * (i % 20 == 7, 5% of them) is changed, in turn by an added column, a
 * column whose type is altered (widened, integer to bigint or a longer
 * varchar, so that the change is not destructive), a dropped index, a new table after it (with a foreign key
 * to it) or an added index.  The changes draw from a generator of their
 * own, so the rest of the output is byte for byte that of version 1. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned rng_below(struct rng *r, unsigned n)
{
	return (unsigned)(rng_next(r) % n);
}

static const char *const nouns[] = {
	"account", "order", "invoice", "product", "customer", "shipment", "ticket",
	"project", "task", "note", "payment", "review", "tag", "category", "vendor",
	"contract", "asset", "device", "sensor", "reading", "message", "channel",
	"event", "booking", "room", "course", "lesson", "student", "teacher", "grade",
};
#define NNOUNS (sizeof(nouns) / sizeof(nouns[0]))

/* Table i's name: unique thanks to the number. */
static void table_name(char *buf, size_t size, unsigned i)
{
	snprintf(buf, size, "%s_%04u", nouns[i % NNOUNS], i);
}

static bool is_link_table(unsigned i)
{
	return i >= 10 && i % 10 == 9;
}

/* What version 2 does to table i. */
enum change {
	CH_NONE,
	CH_ADD_COLUMN,
	CH_ALTER_TYPE,
	CH_DROP_INDEX,
	CH_NEW_TABLE,
	CH_ADD_INDEX,
};

static int version = 1;

static enum change table_change(unsigned i)
{
	if (version < 2 || i % 20 != 7)
		return CH_NONE;
	return (enum change)(CH_ADD_COLUMN + (i / 20) % 5);
}

/* The table version 2 adds after table i. */
static void new_table_name(char *buf, size_t size, unsigned i)
{
	snprintf(buf, size, "extra_%04u", i);
}

struct fk {
	unsigned col;      /* column number on this table */
	unsigned target;   /* referenced table */
};

static void gen_regular(FILE *out, struct rng *r, unsigned i, struct fk *fks, unsigned *nfk)
{
	static const char *const actions[] = { "cascade", "set null", "restrict", "no action" };
	char name[64], ref[64];
	unsigned ncols = 16 + rng_below(r, 8);
	char cols[24][32];
	unsigned nplain = 0;
	enum change ch = table_change(i);
	bool altered = false;

	table_name(name, sizeof(name), i);
	fprintf(out, "  %s:\n", name);
	if (rng_below(r, 3) == 0)
		fprintf(out, "    comment: Records of %s number %u\n", nouns[i % NNOUNS], i);
	fprintf(out, "    columns:\n");
	fprintf(out, "      id: {type: integer, primary_key: true, autoincrement: true}\n");
	*nfk = 0;
	for (unsigned c = 1; c < ncols; c++) {
		unsigned kind = rng_below(r, 12);

		/* Foreign keys to earlier (regular) tables. */
		if (i > 0 && *nfk < 3 && rng_below(r, 6) == 0) {
			unsigned target = rng_below(r, i);
			if (is_link_table(target))
				target--;
			table_name(ref, sizeof(ref), target);
			fprintf(out, "      %s_id_%u: {type: integer, references: %s.id, on_delete: %s, "
				"index: true}\n", nouns[target % NNOUNS], c, ref,
				actions[rng_below(r, 4)]);
			fks[*nfk].col = c;
			fks[*nfk].target = target;
			(*nfk)++;
			continue;
		}
		/* plain columns are named PREFIX_c; remember them for indexes */
		static const char *const prefixes[] = {
			"title", "qty", "price", "is_active", "created_at", "notes", "state",
			"code", "ratio", "born_on", "ext_ref", "payload",
		};
		snprintf(cols[nplain++], sizeof(cols[0]), "%s_%u", prefixes[kind], c);
		switch (kind) {
		case 0: {
			/* one draw per statement: the order in which function
			 * arguments are evaluated is unspecified */
			unsigned width = 50 + 10 * rng_below(r, 20);
			unsigned max = width - 10 * rng_below(r, 3);
			if (ch == CH_ALTER_TYPE && !altered) {
				/* widened: not a destructive change */
				altered = true;
				width += 200;
			}
			fprintf(out, "      title_%u: {type: varchar(%u), nullable: false, "
				"min_length: 1, max_length: %u}\n", c, width, max);
			break;
		}
		case 1:
			fprintf(out, "      qty_%u: {type: %s, nullable: false, default: 0, "
				"ge: 0, le: %u}\n", c,
				ch == CH_ALTER_TYPE && !altered ? (altered = true, "bigint") : "integer",
				100 + rng_below(r, 100000));
			break;
		case 2: {
			unsigned units = rng_below(r, 1000);
			unsigned cents = rng_below(r, 100);
			fprintf(out, "      price_%u: {type: \"numeric(10,2)\", default: %u.%02u, "
				"gt: 0}\n", c, units, cents);
			break;
		}
		case 3:
			fprintf(out, "      is_active_%u: {type: boolean, nullable: false, "
				"default: %s}\n", c, rng_below(r, 2) ? "true" : "false");
			break;
		case 4:
			fprintf(out, "      created_at_%u: {type: datetime, nullable: false, "
				"default_sql: CURRENT_TIMESTAMP}\n", c);
			break;
		case 5:
			fprintf(out, "      notes_%u: text\n", c);
			break;
		case 6:
			fprintf(out, "      state_%u: {type: enum(state), nullable: false, "
				"default: draft}\n", c);
			break;
		case 7:
			fprintf(out, "      code_%u: {type: char(8), unique: true, "
				"comment: \"external code: %u\"}\n", c, rng_below(r, 1000000));
			break;
		case 8:
			fprintf(out, "      ratio_%u: {type: double, ge: -1.5, lt: 1e6}\n", c);
			break;
		case 9:
			fprintf(out, "      born_on_%u: {type: date, check: \"born_on_%u > '1900-01-01'\"}\n",
				c, c);
			break;
		case 10:
			fprintf(out, "      ext_ref_%u: {type: uuid, nullable: true, default: null}\n", c);
			break;
		default:
			fprintf(out, "      payload_%u: {type: json, comment: 'free-form'}\n", c);
			break;
		}
	}
	if (ch == CH_ADD_COLUMN || (ch == CH_ALTER_TYPE && !altered))
		fprintf(out, "      added_%u: {type: varchar(40), "
			"comment: added in version 2}\n", ncols);
	{
		/* draw first, print after: version 2 may leave no index */
		const char *col_a = cols[rng_below(r, nplain)];
		const char *col_b = rng_below(r, 2) ? cols[rng_below(r, nplain)] : NULL;

		if (ch != CH_DROP_INDEX || col_b || ch == CH_ADD_INDEX)
			fprintf(out, "    indexes:\n");
		if (ch != CH_DROP_INDEX)
			fprintf(out, "      ix_%04u_a: {columns: [%s, id], unique: true}\n", i,
				col_a);
		if (col_b)
			fprintf(out, "      ix_%04u_b: {columns: [%s], where: %s IS NOT NULL}\n", i,
				col_b, col_b);
	}
	if (ch == CH_ADD_INDEX)
		fprintf(out, "      ix_%04u_new: {columns: [%s]}\n", i, cols[nplain - 1]);
	fprintf(out, "    checks:\n");
	fprintf(out, "      ck_%04u_id: \"id > 0\"\n", i);
	if (ch == CH_NEW_TABLE) {
		char extra[64];

		new_table_name(extra, sizeof(extra), i);
		fprintf(out, "  %s:\n", extra);
		fprintf(out, "    comment: Added in version 2\n");
		fprintf(out, "    columns:\n");
		fprintf(out, "      id: {type: integer, primary_key: true, autoincrement: true}\n");
		fprintf(out, "      owner_id: {type: integer, nullable: false, references: %s.id, "
			"on_delete: cascade, index: true}\n", name);
		fprintf(out, "      label: {type: varchar(80), nullable: false, min_length: 1}\n");
		fprintf(out, "      amount: {type: \"numeric(12,2)\", default: 0, ge: 0}\n");
		fprintf(out, "      created_at: {type: datetime, nullable: false, "
			"default_sql: CURRENT_TIMESTAMP}\n");
	}
}

static void gen_link_table(FILE *out, struct rng *r, unsigned i, unsigned *left,
			   unsigned *right)
{
	char name[64], a[64], b[64];

	table_name(name, sizeof(name), i);
	*left = rng_below(r, i);
	do {
		*right = rng_below(r, i);
	} while (*right == *left);
	if (is_link_table(*left))
		(*left)--;
	if (is_link_table(*right))
		(*right)--;
	if (*left == *right)
		*right = *left == 0 ? 1 : *left - 1;
	table_name(a, sizeof(a), *left);
	table_name(b, sizeof(b), *right);
	fprintf(out, "  %s:\n", name);
	fprintf(out, "    comment: Links %s and %s\n", a, b);
	fprintf(out, "    columns:\n");
	fprintf(out, "      left_id: {type: integer, references: %s.id, on_delete: cascade}\n", a);
	fprintf(out, "      right_id: {type: integer, references: %s.id, on_delete: cascade}\n", b);
	fprintf(out, "      since: {type: datetime, default_sql: CURRENT_TIMESTAMP}\n");
	fprintf(out, "    primary_key: [left_id, right_id]\n");
	fprintf(out, "    indexes:\n");
	fprintf(out, "      ix_%04u_right: {columns: [right_id, left_id]}\n", i);
}

int main(int argc, char **argv)
{
	struct rng r;
	unsigned n, *left, *right;
	struct fk (*fks)[3];
	unsigned *nfk;
	char a[64], b[64], name[64];
	FILE *out = stdout;

	if (argc > 1 && strcmp(argv[1], "-2") == 0) {
		version = 2;
		argc--;
		argv++;
	}
	if (argc < 2 || argc > 3 || atoi(argv[1]) < 2) {
		fprintf(stderr, "usage: gen-schema [-2] TABLES [SEED]   (TABLES >= 2)\n");
		return 2;
	}
	n = (unsigned)atoi(argv[1]);
	r.s = argc == 3 ? strtoull(argv[2], NULL, 10) : 1;
	left = calloc(n, sizeof(*left));
	right = calloc(n, sizeof(*right));
	fks = calloc(n, sizeof(*fks));
	nfk = calloc(n, sizeof(*nfk));
	if (!left || !right || !fks || !nfk) {
		fprintf(stderr, "gen-schema: out of memory\n");
		return 2;
	}

	fprintf(out, "skema: 1\n");
	fprintf(out, "name: bench_%u\n", n);
	fprintf(out, "enums:\n");
	fprintf(out, "  state: [draft, active, archived, deleted]\n");
	fprintf(out, "tables:\n");
	for (unsigned i = 0; i < n; i++) {
		if (is_link_table(i))
			gen_link_table(out, &r, i, &left[i], &right[i]);
		else
			gen_regular(out, &r, i, fks[i], &nfk[i]);
	}

	fprintf(out, "links:\n");
	for (unsigned i = 0; i < n; i++) {
		table_name(name, sizeof(name), i);
		if (is_link_table(i)) {
			table_name(a, sizeof(a), left[i]);
			table_name(b, sizeof(b), right[i]);
			fprintf(out, "  - {kind: many_to_many, left: %s, right: %s, through: %s, "
				"left_name: rights_%u, right_name: lefts_%u}\n", a, b, name, i, i);
			continue;
		}
		/* one link per table with a foreign key */
		if (nfk[i] > 0) {
			unsigned t = fks[i][0].target;
			table_name(a, sizeof(a), t);
			fprintf(out, "  - {kind: one_to_many, parent: %s, child: %s, via: %s_id_%u, "
				"parent_name: children_%u, child_name: parent_%u}\n",
				a, name, nouns[t % NNOUNS], fks[i][0].col, i, i);
		}
	}

	fprintf(out, "layout:\n");
	for (unsigned i = 0; i < n; i++) {
		table_name(name, sizeof(name), i);
		fprintf(out, "  %s: [%u, %u]\n", name, (i % 50) * 30, (i / 50) * 20);
		if (table_change(i) == CH_NEW_TABLE) {
			new_table_name(name, sizeof(name), i);
			fprintf(out, "  %s: [%u, %u]\n", name, (i % 50) * 30 + 15,
				(i / 50) * 20 + 10);
		}
	}
	free(left);
	free(right);
	free(fks);
	free(nfk);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "gen-schema: write error\n");
		return 2;
	}
	return 0;
}
