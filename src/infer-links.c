/* infer-links.c — see infer-links.h. */
#include "infer-links.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* Names already used on each table (columns, then relationships). */
struct names {
	struct strlist *used;      /* per table, indexed like m->tables */
	size_t n;
};

static bool vowel(char c)
{
	return strchr("aeiouAEIOU", c) != NULL;
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

char *infer_links_plural(const char *name)
{
	static const struct {
		const char *one, *many;
	} irregular[] = {
		{ "person", "people" }, { "child", "children" }, { "man", "men" },
		{ "woman", "women" }, { "mouse", "mice" }, { "foot", "feet" },
		{ "tooth", "teeth" }, { "goose", "geese" }, { "datum", "data" },
		{ "index", "indices" }, { "matrix", "matrices" }, { "vertex", "vertices" },
	};
	/* -o words that take a plain -s. */
	static const char *const o_plain[] = {
		"photo", "piano", "memo", "logo", "demo", "auto", "info", "todo",
		"promo", "euro", "kilo", "disco", "zero", "halo", "solo", "typo",
	};
	size_t n = strlen(name), word;
	bool upper;
	struct strbuf sb;

	if (n == 0)
		return xstrdup("items");
	upper = isupper((unsigned char)name[n - 1]) && (n < 2 || !islower((unsigned char)name[n - 2]));
	for (word = n; word > 0 && isalpha((unsigned char)name[word - 1]); word--)
		;
	/* CamelCase: the last word starts at the last capital. */
	if (!upper)
		for (size_t i = n; i > word; i--)
			if (isupper((unsigned char)name[i - 1])) {
				word = i - 1;
				break;
			}
	sb_init(&sb);
	for (size_t i = 0; i < sizeof(irregular) / sizeof(irregular[0]); i++) {
		if (strcasecmp(name + word, irregular[i].one) != 0)
			continue;
		sb_addn(&sb, name, word);
		for (size_t k = 0; irregular[i].many[k]; k++) {
			char c = irregular[i].many[k];
			bool cap = upper || (k == 0 && isupper((unsigned char)name[word]));

			sb_addc(&sb, cap ? (char)toupper((unsigned char)c) : c);
		}
		return sb_release(&sb);
	}
	sb_add(&sb, name);
	if (ends_with(name, n, "ss") || ends_with(name, n, "us") || ends_with(name, n, "is") ||
	    ends_with(name, n, "x") || ends_with(name, n, "z") || ends_with(name, n, "ch") ||
	    ends_with(name, n, "sh")) {
		sb_add(&sb, upper ? "ES" : "es");
	} else if (ends_with(name, n, "s")) {
		/* Already plural ("Customers"). */
	} else if (n >= 2 && (name[n - 1] == 'y' || name[n - 1] == 'Y') && !vowel(name[n - 2])) {
		sb.len--;
		sb.buf[sb.len] = '\0';
		sb_add(&sb, upper ? "IES" : "ies");
	} else if (n >= 2 && (name[n - 1] == 'o' || name[n - 1] == 'O') && !vowel(name[n - 2])) {
		bool plain = false;

		for (size_t i = 0; i < sizeof(o_plain) / sizeof(o_plain[0]); i++)
			plain = plain || ends_with(name, n, o_plain[i]);
		sb_add(&sb, plain ? (upper ? "S" : "s") : (upper ? "ES" : "es"));
	} else {
		sb_add(&sb, upper ? "S" : "s");
	}
	return sb_release(&sb);
}

/* An identifier: letters, digits and '_'; never starting with a digit. */
static char *identifier(const char *s)
{
	struct strbuf sb;

	sb_init(&sb);
	if (isdigit((unsigned char)s[0]))
		sb_addc(&sb, '_');
	for (; *s; s++)
		sb_addc(&sb, isalnum((unsigned char)*s) || *s == '_' ? *s : '_');
	if (sb.len == 0)
		sb_add(&sb, "link");
	return sb_release(&sb);
}

/* The column's name without an id suffix ("team_id", "ArtistId",
 * "CustomerID"); NULL when it has none. */
static char *column_stem(const char *col)
{
	size_t n = strlen(col);

	if (n > 3 && ends_with(col, n, "_id"))
		return xstrndup(col, n - 3);
	if (n > 2 && (strcmp(col + n - 2, "Id") == 0 || strcmp(col + n - 2, "ID") == 0) &&
	    islower((unsigned char)col[n - 3]))
		return xstrndup(col, n - 2);
	return NULL;
}

/* Claim base (made an identifier) on table ti, numbered if taken. */
static char *claim(struct names *nm, size_t ti, const char *base)
{
	char *id = identifier(base), *name = xstrdup(id);

	for (int k = 2; strlist_find(&nm->used[ti], name) >= 0; k++) {
		free(name);
		name = xasprintf("%s_%d", id, k);
	}
	free(id);
	strlist_push(&nm->used[ti], name);
	return name;
}

static bool taken(const struct names *nm, size_t ti, const char *base)
{
	char *id = identifier(base);
	bool t = strlist_find(&nm->used[ti], id) >= 0;

	free(id);
	return t;
}

/* The single primary key column of t, or NULL. */
static const char *single_pk(const struct table *t)
{
	const char *pk = NULL;

	if (t->primary_key.n > 0)
		return t->primary_key.n == 1 ? t->primary_key.items[0] : NULL;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!c->primary_key)
			continue;
		if (pk)
			return NULL;
		pk = c->name;
	}
	return pk;
}

/* The table whose single-column primary key column `col` of t references
 * (by `references` or a one-column foreign_keys entry), or -1. */
static long fk_target(const struct model *m, const struct table *t, const char *col)
{
	const struct column *c = table_column(t, col);
	const char *ref_table = NULL, *ref_col = NULL;
	const struct table *rt;
	const char *pk;

	if (c && c->ref_table) {
		ref_table = c->ref_table;
		ref_col = c->ref_column;
	} else {
		for (size_t i = 0; i < t->foreign_keys.n; i++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, i);

			if (fk->columns.n == 1 && strcmp(fk->columns.items[0], col) == 0 &&
			    fk->ref_columns.n <= 1) {
				ref_table = fk->ref_table;
				ref_col = fk->ref_columns.n ? fk->ref_columns.items[0] : NULL;
				break;
			}
		}
	}
	if (!ref_table)
		return -1;
	rt = model_table(m, ref_table);
	pk = rt ? single_pk(rt) : NULL;
	if (!pk || (ref_col && strcmp(ref_col, pk) != 0))
		return -1;
	return model_table_index(m, ref_table);
}

/* The two key columns of a through table, or false. */
static bool through_keys(const struct model *m, const struct table *t, const char *key[2],
			 long target[2])
{
	size_t n = 0;

	if (t->primary_key.n > 0) {
		if (t->primary_key.n != 2)
			return false;
		key[0] = t->primary_key.items[0];
		key[1] = t->primary_key.items[1];
		n = 2;
	} else {
		for (size_t i = 0; i < t->columns.n; i++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, i);

			if (!c->primary_key)
				continue;
			if (n == 2)
				return false;
			key[n++] = c->name;
		}
	}
	if (n != 2)
		return false;
	target[0] = fk_target(m, t, key[0]);
	target[1] = fk_target(m, t, key[1]);
	return target[0] >= 0 && target[1] >= 0;
}

/* "powers" for the key column power_id, else the table's name, plural. */
static char *side_name(const struct table *other, const char *key)
{
	char *stem = column_stem(key);
	char *plural = infer_links_plural(stem ? stem : other->name);

	free(stem);
	return plural;
}

static void many_to_many(struct model *m, struct names *nm, size_t ti, const char *key[2],
			 const long target[2])
{
	const struct table *t = PLIST_AT(&m->tables, struct table, ti);
	const struct table *left = PLIST_AT(&m->tables, struct table, target[0]);
	const struct table *right = PLIST_AT(&m->tables, struct table, target[1]);
	struct link *l = link_new(LINK_MANY_TO_MANY);
	char *base;

	l->field[LK_LEFT] = xstrdup(left->name);
	l->field[LK_RIGHT] = xstrdup(right->name);
	l->field[LK_THROUGH] = xstrdup(t->name);
	base = side_name(right, key[1]);
	l->field[LK_LEFT_NAME] = claim(nm, (size_t)target[0], base);
	free(base);
	base = side_name(left, key[0]);
	l->field[LK_RIGHT_NAME] = claim(nm, (size_t)target[1], base);
	free(base);
	plist_push(&m->links, l);
}

static void one_to_many(struct model *m, struct names *nm, size_t ti, const char *via,
			long parent_i)
{
	const struct table *child = PLIST_AT(&m->tables, struct table, ti);
	const struct table *parent = PLIST_AT(&m->tables, struct table, parent_i);
	struct link *l = link_new(LINK_ONE_TO_MANY);
	char *stem = column_stem(via);
	char *plural = infer_links_plural(child->name);

	l->field[LK_PARENT] = xstrdup(parent->name);
	l->field[LK_CHILD] = xstrdup(child->name);
	l->field[LK_VIA] = xstrdup(via);
	/* child.team -> the parent row */
	if (stem && !taken(nm, ti, stem))
		l->field[LK_CHILD_NAME] = claim(nm, ti, stem);
	else
		l->field[LK_CHILD_NAME] = claim(nm, ti, (size_t)parent_i == ti ? "parent" : parent->name);
	/* parent.heroes -> the child rows; a tree's are its children; a
	 * second link between the same tables says which column it
	 * follows: original_language_films. */
	if ((size_t)parent_i == ti && !taken(nm, ti, "children")) {
		l->field[LK_PARENT_NAME] = claim(nm, ti, "children");
	} else if (taken(nm, (size_t)parent_i, plural) && stem) {
		char *qualified = xasprintf("%s_%s", stem, plural);

		l->field[LK_PARENT_NAME] = claim(nm, (size_t)parent_i, qualified);
		free(qualified);
	} else {
		l->field[LK_PARENT_NAME] = claim(nm, (size_t)parent_i, plural);
	}
	free(plural);
	free(stem);
	plist_push(&m->links, l);
}

size_t infer_links(struct model *m)
{
	struct names nm = { .n = m->tables.n };
	size_t before = m->links.n;

	nm.used = xcalloc(nm.n ? nm.n : 1, sizeof(*nm.used));
	for (size_t i = 0; i < nm.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		strlist_init(&nm.used[i]);
		for (size_t k = 0; k < t->columns.n; k++)
			strlist_push(&nm.used[i], PLIST_AT(&t->columns, struct column, k)->name);
	}

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		const char *key[2] = { NULL, NULL };
		long target[2];
		bool through = through_keys(m, t, key, target);

		if (through)
			many_to_many(m, &nm, i, key, target);
		for (size_t k = 0; k < t->columns.n; k++) {
			const char *col = PLIST_AT(&t->columns, struct column, k)->name;
			long parent;

			if (through && (strcmp(col, key[0]) == 0 || strcmp(col, key[1]) == 0))
				continue;
			parent = fk_target(m, t, col);
			if (parent >= 0)
				one_to_many(m, &nm, i, col, parent);
		}
	}

	for (size_t i = 0; i < nm.n; i++)
		strlist_free(&nm.used[i]);
	free(nm.used);
	return m->links.n - before;
}
