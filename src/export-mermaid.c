/* export-mermaid.c — the model as a Mermaid erDiagram.
 *
 * Mermaid's ER grammar is narrow: entity and attribute names are words
 * ([A-Za-z0-9_-]), a type is a word that may carry (...), a comment is a
 * "..." with no '"' in it.  Names outside that are written as a safe word
 * (an entity keeps its real name as its label), and comments lose what
 * they cannot hold.  One relationship per foreign key, child to parent,
 * with the cardinality its nullability and uniqueness give. */
#include "export.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool is_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '-') ||
		    (unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* A word for s: other characters become '_'. */
static char *word(const char *s, bool type)
{
	struct strbuf sb;

	sb_init(&sb);
	for (const char *p = s; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if ((isalnum(ch) && ch < 0x80) || ch == '_' || ch == '-' ||
		    (type && (ch == '(' || ch == ')')))
			sb_addc(&sb, *p);
		else
			sb_addc(&sb, '_');
	}
	if (sb.len == 0)
		sb_addc(&sb, '_');
	/* A word must not start with a digit, '-' or '('. */
	if (!(isalpha((unsigned char)sb.buf[0]) || sb.buf[0] == '_')) {
		char *t = sb_detach(&sb);

		sb_printf(&sb, "_%s", t);
		free(t);
	}
	return sb_release(&sb);
}

/* A "..." string: '"' has no escape in Mermaid, so it becomes '\''; line
 * breaks become spaces. */
static void quoted(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(sb, '\'');
		else if (*s == '\n' || *s == '\r' || *s == '\t')
			sb_addc(sb, ' ');
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

static bool in_composite_fk(const struct table *t, const char *col)
{
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		if (strlist_find(&PLIST_AT(&t->foreign_keys, struct foreign_key, i)->columns, col) >= 0)
			return true;
	return false;
}

static bool single_unique(const struct table *t, const struct column *c)
{
	if (c->unique)
		return true;
	for (size_t i = 0; i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);

		if (u->columns.n == 1 && strcmp(u->columns.items[0], c->name) == 0)
			return true;
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

		if (ix->unique && !ix->where && ix->columns.n == 1 &&
		    strcmp(ix->columns.items[0], c->name) == 0)
			return true;
	}
	return false;
}

/* Does this list of columns identify at most one row (a key or unique)? */
static bool columns_unique(const struct table *t, const struct strlist *cols)
{
	struct strlist pk;

	if (cols->n == 1) {
		const struct column *c = table_column(t, cols->items[0]);

		if (c && single_unique(t, c))
			return true;
	}
	strlist_init(&pk);
	if (t->primary_key.n > 0)
		strlist_copy(&pk, &t->primary_key);
	for (size_t i = 0; t->primary_key.n == 0 && i < t->columns.n; i++)
		if (PLIST_AT(&t->columns, struct column, i)->primary_key)
			strlist_push(&pk, PLIST_AT(&t->columns, struct column, i)->name);
	bool same = pk.n == cols->n;

	for (size_t i = 0; same && i < cols->n; i++)
		same = strlist_find(&pk, cols->items[i]) >= 0;
	for (size_t i = 0; !same && i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);

		same = strlist_eq(&u->columns, cols);
	}
	strlist_free(&pk);
	return same;
}

/* child }o--|| parent : "label" */
static void relation(struct strbuf *out, char **ids, const struct model *m,
		     const struct table *child, const struct strlist *cols,
		     const char *parent, const char *label)
{
	long pi = model_table_index(m, parent);
	long ci = model_table_index(m, child->name);
	bool optional = false;

	if (pi < 0)
		return;
	for (size_t i = 0; i < cols->n; i++) {
		const struct column *c = table_column(child, cols->items[i]);

		if (!c || column_is_nullable(child, c))
			optional = true;
	}
	sb_printf(out, "    %s %s--%s %s : ", ids[ci], columns_unique(child, cols) ? "|o" : "}o",
		  optional ? "o|" : "||", ids[pi]);
	quoted(out, label);
	sb_addc(out, '\n');
}

char *export_mermaid(const struct model *m, const struct export_options *opt,
		     struct diag_list *dl)
{
	struct strbuf out;
	struct strlist taken;
	char **ids = xcalloc(m->tables.n + 1, sizeof(char *));

	(void)opt;
	(void)dl;
	sb_init(&out);
	strlist_init(&taken);
	/* The title is YAML front matter: a single-quoted scalar on one line. */
	sb_add(&out, "---\ntitle: '");
	for (const char *p = m->name ? m->name : "unnamed model"; *p; p++) {
		if (*p == '\'')
			sb_add(&out, "''");
		else
			sb_addc(&out, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
	}
	sb_add(&out, "'\n---\nerDiagram\n");

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		ids[i] = word(t->name, false);
		for (int k = 2; strlist_find(&taken, ids[i]) >= 0; k++) {
			char *s = word(t->name, false), *u = xasprintf("%s_%d", s, k);

			free(s);
			free(ids[i]);
			ids[i] = u;
		}
		strlist_push(&taken, ids[i]);
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		sb_printf(&out, "    %s", ids[i]);
		if (!is_word(t->name) || strcmp(ids[i], t->name) != 0) {
			sb_addc(&out, '[');
			quoted(&out, t->name);
			sb_addc(&out, ']');
		}
		sb_add(&out, " {\n");
		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);
			char *ty = word(c->type ? c->type : "", true), *nm = word(c->name, false);
			const char *keys[3];
			size_t nk = 0;
			struct strbuf note;

			if (table_column_in_pk(t, c))
				keys[nk++] = "PK";
			if (c->ref_table || in_composite_fk(t, c->name))
				keys[nk++] = "FK";
			if (single_unique(t, c))
				keys[nk++] = "UK";
			sb_printf(&out, "        %s %s", ty, nm);
			for (size_t j = 0; j < nk; j++)
				sb_printf(&out, "%s%s", j ? ", " : " ", keys[j]);
			sb_init(&note);
			if (strcmp(nm, c->name) != 0)
				sb_printf(&note, "%s", c->name);
			if (c->comment)
				sb_printf(&note, "%s%s", note.len ? ": " : "", c->comment);
			if (!column_is_nullable(t, c) && !table_column_in_pk(t, c))
				sb_printf(&note, "%snot null", note.len ? "; " : "");
			if (note.len) {
				sb_addc(&out, ' ');
				quoted(&out, note.buf);
			}
			sb_addc(&out, '\n');
			sb_free(&note);
			free(ty);
			free(nm);
		}
		sb_add(&out, "    }\n");
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);
			struct strlist one;

			if (!c->ref_table)
				continue;
			strlist_init(&one);
			strlist_push(&one, c->name);
			relation(&out, ids, m, t, &one, c->ref_table, c->name);
			strlist_free(&one);
		}
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);
			struct strbuf label;

			sb_init(&label);
			for (size_t j = 0; j < fk->columns.n; j++)
				sb_printf(&label, "%s%s", j ? ", " : "", fk->columns.items[j]);
			relation(&out, ids, m, t, &fk->columns, fk->ref_table,
				 fk->name ? fk->name : label.buf);
			sb_free(&label);
		}
	}
	for (size_t i = 0; i < m->tables.n; i++)
		free(ids[i]);
	free(ids);
	strlist_free(&taken);
	return sb_release(&out);
}
