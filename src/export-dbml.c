/* export-dbml.c — the model as DBML, the language of dbdiagram.io.
 *
 * Tables with column settings ([pk, not null, unique, increment, default,
 * note, ref]), an Indexes block, Enums, Ref lines for foreign keys with
 * actions and for composite ones, Notes from comments.  A name that is
 * not a plain word is written "quoted"; notes are 'strings' (''' for
 * several lines); SQL defaults are `expressions`.  DBML has no CHECK
 * constraints nor partial indexes: checks are kept in the table's note,
 * an index's WHERE in its note. */
#include "export.h"

#include "types.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool plain(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == '_') || (unsigned char)*s >= 0x80)
			return false;
	return true;
}

static void name(struct strbuf *sb, const char *s)
{
	if (plain(s)) {
		sb_add(sb, s);
		return;
	}
	sb_addc(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(sb, '\\');
		if (*s == '\n')
			sb_add(sb, "\\n");
		else if (*s == '\r' || *s == '\t')
			sb_addc(sb, ' ');
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

/* 'text', or '''text''' when it has line breaks. */
static void string(struct strbuf *sb, const char *s)
{
	bool multi = strchr(s, '\n') != NULL;

	sb_add(sb, multi ? "'''" : "'");
	for (; *s; s++) {
		if (*s == '\\' || *s == '\'')
			sb_addc(sb, '\\');
		if (*s == '\r' || *s == '\t')
			sb_addc(sb, ' ');
		else
			sb_addc(sb, *s);
	}
	sb_add(sb, multi ? "'''" : "'");
}

/* A column type: DBML reads a word with an optional (...) of its own;
 * anything else is quoted. */
static void type(struct strbuf *sb, const char *t)
{
	const char *p = t;

	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	if (p > t && !isdigit((unsigned char)*t) && (*p == '\0' ||
	    (*p == '(' && strspn(p + 1, "0123456789, ") == strlen(p + 1) - 1 &&
	     p[strlen(p) - 1] == ')')))
		sb_add(sb, t);
	else
		name(sb, t);
}

static const char *action(enum fk_action a)
{
	return fk_action_name(a);
}

static void ref_line(struct strbuf *out, const char *fkname, const char *table,
		     const struct strlist *cols, const char *ref_table,
		     const struct strlist *ref_cols, enum fk_action del, enum fk_action upd)
{
	sb_add(out, "\nRef");
	if (fkname) {
		sb_addc(out, ' ');
		name(out, fkname);
	}
	sb_add(out, ": ");
	name(out, table);
	sb_addc(out, '.');
	if (cols->n == 1) {
		name(out, cols->items[0]);
	} else {
		sb_addc(out, '(');
		for (size_t i = 0; i < cols->n; i++) {
			sb_add(out, i ? ", " : "");
			name(out, cols->items[i]);
		}
		sb_addc(out, ')');
	}
	sb_add(out, " > ");
	name(out, ref_table);
	sb_addc(out, '.');
	if (ref_cols->n == 1) {
		name(out, ref_cols->items[0]);
	} else {
		sb_addc(out, '(');
		for (size_t i = 0; i < ref_cols->n; i++) {
			sb_add(out, i ? ", " : "");
			name(out, ref_cols->items[i]);
		}
		sb_addc(out, ')');
	}
	if (del != ACTION_NONE || upd != ACTION_NONE) {
		sb_add(out, " [");
		if (del != ACTION_NONE)
			sb_printf(out, "delete: %s", action(del));
		if (upd != ACTION_NONE)
			sb_printf(out, "%supdate: %s", del != ACTION_NONE ? ", " : "", action(upd));
		sb_addc(out, ']');
	}
	sb_addc(out, '\n');
}

/* The referenced column of a `references: table` with no column: the
 * table's single key column. */
static const char *ref_column(const struct model *m, const struct column *c)
{
	const struct table *p = model_table(m, c->ref_table);

	if (c->ref_column)
		return c->ref_column;
	for (size_t i = 0; p && i < p->columns.n; i++)
		if (table_column_in_pk(p, PLIST_AT(&p->columns, struct column, i)))
			return PLIST_AT(&p->columns, struct column, i)->name;
	return NULL;
}

static void column_line(struct strbuf *out, const struct model *m, const struct table *t,
			const struct column *c, bool single_pk)
{
	struct strlist settings;
	struct strbuf sb;
	struct logical_type lt;

	strlist_init(&settings);
	sb_init(&sb);
	sb_add(out, "  ");
	name(out, c->name);
	sb_addc(out, ' ');
	if (logical_type_parse(c->type, &lt) && lt.cls == TYPE_CLASS_ENUM)
		name(out, lt.enum_name);
	else
		type(out, c->type ? c->type : "");
	if (single_pk && table_column_in_pk(t, c))
		strlist_push(&settings, "pk");
	if (c->autoincrement)
		strlist_push(&settings, "increment");
	if (!column_is_nullable(t, c) && !(single_pk && table_column_in_pk(t, c)))
		strlist_push(&settings, "not null");
	if (c->unique)
		strlist_push(&settings, "unique");
	if (c->default_sql || (c->dflt.kind != VALUE_NONE)) {
		sb_add(&sb, "default: ");
		if (c->default_sql) {
			/* A backtick expression cannot hold a backtick. */
			sb_addc(&sb, '`');
			for (const char *p = c->default_sql; *p; p++)
				sb_addc(&sb, *p == '`' ? '\'' : (*p == '\n' ? ' ' : *p));
			sb_addc(&sb, '`');
		} else if (c->dflt.kind == VALUE_NULL) {
			sb_add(&sb, "null");
		} else if (c->dflt.kind == VALUE_STRING) {
			string(&sb, c->dflt.text);
		} else if (c->dflt.kind == VALUE_BOOL) {
			sb_add(&sb, c->dflt.text);
		} else {
			const char *p = c->dflt.text;
			bool number = *p == '-' || isdigit((unsigned char)*p);

			for (p += *p == '-'; *p && number; p++)
				number = isdigit((unsigned char)*p) || *p == '.';
			if (number)
				sb_add(&sb, c->dflt.text);
			else
				string(&sb, c->dflt.text);
		}
		strlist_push_owned(&settings, sb_detach(&sb));
	}
	if (c->ref_table && c->on_delete == ACTION_NONE && c->on_update == ACTION_NONE &&
	    ref_column(m, c)) {
		sb_add(&sb, "ref: > ");
		name(&sb, c->ref_table);
		sb_addc(&sb, '.');
		name(&sb, ref_column(m, c));
		strlist_push_owned(&settings, sb_detach(&sb));
	}
	if (c->comment) {
		sb_add(&sb, "note: ");
		string(&sb, c->comment);
		strlist_push_owned(&settings, sb_detach(&sb));
	}
	if (settings.n > 0) {
		sb_add(out, " [");
		for (size_t i = 0; i < settings.n; i++)
			sb_printf(out, "%s%s", i ? ", " : "", settings.items[i]);
		sb_addc(out, ']');
	}
	sb_addc(out, '\n');
	strlist_free(&settings);
	sb_free(&sb);
}

static void index_line(struct strbuf *out, const struct strlist *cols, bool pk, bool unique,
		       const char *ixname, const char *note)
{
	sb_add(out, "    ");
	if (cols->n == 1) {
		name(out, cols->items[0]);
	} else {
		sb_addc(out, '(');
		for (size_t i = 0; i < cols->n; i++) {
			sb_add(out, i ? ", " : "");
			name(out, cols->items[i]);
		}
		sb_addc(out, ')');
	}
	sb_add(out, " [");
	if (pk)
		sb_add(out, "pk");
	if (unique)
		sb_add(out, "unique");
	if (ixname) {
		sb_add(out, unique ? ", name: " : "name: ");
		string(out, ixname);
	}
	if (note) {
		sb_add(out, ", note: ");
		string(out, note);
	}
	sb_add(out, "]\n");
}

static void table_block(struct strbuf *out, const struct model *m, const struct table *t)
{
	struct strlist pk;
	bool indexes;

	strlist_init(&pk);
	if (t->primary_key.n > 0)
		strlist_copy(&pk, &t->primary_key);
	for (size_t i = 0; t->primary_key.n == 0 && i < t->columns.n; i++)
		if (PLIST_AT(&t->columns, struct column, i)->primary_key)
			strlist_push(&pk, PLIST_AT(&t->columns, struct column, i)->name);

	sb_add(out, "\nTable ");
	name(out, t->name);
	sb_add(out, " {\n");
	for (size_t i = 0; i < t->columns.n; i++)
		column_line(out, m, t, PLIST_AT(&t->columns, struct column, i), pk.n == 1);

	indexes = pk.n > 1 || t->uniques.n > 0 || t->indexes.n > 0;
	for (size_t i = 0; i < t->columns.n; i++)
		indexes = indexes || PLIST_AT(&t->columns, struct column, i)->index;
	if (indexes) {
		sb_add(out, "\n  Indexes {\n");
		if (pk.n > 1)
			index_line(out, &pk, true, false, NULL, NULL);
		for (size_t i = 0; i < t->uniques.n; i++)
			index_line(out, &PLIST_AT(&t->uniques, struct unique, i)->columns, false,
				   true, NULL, NULL);
		for (size_t i = 0; i < t->columns.n; i++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, i);
			struct strlist one;
			char *ixname;

			if (!c->index)
				continue;
			strlist_init(&one);
			strlist_push(&one, c->name);
			ixname = xasprintf("ix_%s_%s", t->name, c->name);
			index_line(out, &one, false, false, ixname, NULL);
			free(ixname);
			strlist_free(&one);
		}
		for (size_t i = 0; i < t->indexes.n; i++) {
			const struct index *ix = PLIST_AT(&t->indexes, struct index, i);
			char *note = ix->where ? xasprintf("where %s", ix->where) : NULL;

			index_line(out, &ix->columns, false, ix->unique, ix->name, note);
			free(note);
		}
		sb_add(out, "  }\n");
	}
	if (t->comment || t->checks.n > 0) {
		struct strbuf note;

		sb_init(&note);
		if (t->comment)
			sb_add(&note, t->comment);
		for (size_t i = 0; i < t->checks.n; i++) {
			const struct check *ck = PLIST_AT(&t->checks, struct check, i);

			sb_printf(&note, "%scheck %s: %s", note.len ? "\n" : "", ck->name, ck->expr);
		}
		sb_add(out, "\n  Note: ");
		string(out, note.buf);
		sb_addc(out, '\n');
		sb_free(&note);
	}
	sb_add(out, "}\n");
	strlist_free(&pk);
}

char *export_dbml(const struct model *m, const struct export_options *opt,
		  struct diag_list *dl)
{
	struct strbuf out;

	(void)opt;
	(void)dl;
	sb_init(&out);
	sb_add(&out, "// skema export -f dbml\nProject ");
	name(&out, m->name ? m->name : "unnamed");
	sb_add(&out, " {\n  Note: ");
	string(&out, m->name ? m->name : "unnamed model");
	sb_add(&out, "\n}\n");
	for (size_t i = 0; i < m->enums.n; i++) {
		const struct enum_type *e = PLIST_AT(&m->enums, struct enum_type, i);

		sb_add(&out, "\nEnum ");
		name(&out, e->name);
		sb_add(&out, " {\n");
		for (size_t k = 0; k < e->values.n; k++) {
			sb_add(&out, "  ");
			/* Enum values are always quoted: a word could be a keyword. */
			sb_addc(&out, '"');
			for (const char *p = e->values.items[k]; *p; p++) {
				if (*p == '"' || *p == '\\')
					sb_addc(&out, '\\');
				sb_addc(&out, *p == '\n' ? ' ' : *p);
			}
			sb_add(&out, "\"\n");
		}
		sb_add(&out, "}\n");
	}
	for (size_t i = 0; i < m->tables.n; i++)
		table_block(&out, m, PLIST_AT(&m->tables, struct table, i));
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);
			struct strlist one, ref;
			char *fkname;

			if (!c->ref_table || (c->on_delete == ACTION_NONE && c->on_update == ACTION_NONE) ||
			    !ref_column(m, c))
				continue;
			strlist_init(&one);
			strlist_init(&ref);
			strlist_push(&one, c->name);
			strlist_push(&ref, ref_column(m, c));
			fkname = xasprintf("fk_%s_%s", t->name, c->name);
			ref_line(&out, fkname, t->name, &one, c->ref_table, &ref, c->on_delete,
				 c->on_update);
			free(fkname);
			strlist_free(&one);
			strlist_free(&ref);
		}
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);

			if (fk->ref_columns.n != fk->columns.n)
				continue;
			ref_line(&out, fk->name, t->name, &fk->columns, fk->ref_table,
				 &fk->ref_columns, fk->on_delete, fk->on_update);
		}
	}
	return sb_release(&out);
}
