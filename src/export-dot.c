/* export-dot.c — the model as a Graphviz graph: one HTML-like table node
 * per table (PK/FK markers, types), one edge per foreign key from the
 * referencing column's row to the referenced column's row.
 *
 * Nodes and ports get generated ids (t0, c0...), so no name ever needs
 * DOT quoting rules; names appear only inside HTML labels, escaped. */
#include "export.h"

#include <stdlib.h>
#include <string.h>

/* Text inside an HTML-like label: the XML entities, line breaks as <BR/>,
 * other control characters dropped (Graphviz refuses them). */
static void html(struct strbuf *sb, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': sb_add(sb, "&amp;"); break;
		case '<': sb_add(sb, "&lt;"); break;
		case '>': sb_add(sb, "&gt;"); break;
		case '"': sb_add(sb, "&quot;"); break;
		case '\'': sb_add(sb, "&#39;"); break;
		case '\n': sb_add(sb, "<BR/>"); break;
		case ']': sb_add(sb, "&#93;"); break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				sb_addc(sb, *s);
			else if (*s == '\t')
				sb_addc(sb, ' ');
		}
	}
}

/* A DOT "..." string: only '"' and '\' need care. */
static void dot_string(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			sb_addc(sb, '\\');
		if (*s == '\n' || *s == '\r')
			sb_addc(sb, ' ');
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '"');
}

static bool column_in_fk(const struct table *t, const struct column *c)
{
	if (c->ref_table)
		return true;
	for (size_t i = 0; i < t->foreign_keys.n; i++)
		if (strlist_find(&PLIST_AT(&t->foreign_keys, struct foreign_key, i)->columns,
				 c->name) >= 0)
			return true;
	return false;
}

/* The referenced table's port for column name (its first key column when
 * the reference names none). */
static long port_of(const struct table *t, const char *column)
{
	if (column)
		return table_column_index(t, column);
	for (size_t i = 0; i < t->columns.n; i++)
		if (table_column_in_pk(t, PLIST_AT(&t->columns, struct column, i)))
			return (long)i;
	return -1;
}

static void edge(struct strbuf *out, const struct model *m, long ti, long ci,
		 const char *ref_table, const char *ref_column, const char *label,
		 enum fk_action del)
{
	long pi = model_table_index(m, ref_table);
	long port;

	if (pi < 0)
		return;
	port = port_of(PLIST_AT(&m->tables, struct table, (size_t)pi), ref_column);
	sb_printf(out, "  t%ld:c%ld -> t%ld", ti, ci, pi);
	if (port >= 0)
		sb_printf(out, ":c%ld", port);
	sb_add(out, " [tooltip=");
	dot_string(out, label);
	if (del == ACTION_CASCADE)
		sb_add(out, ", style=bold");
	sb_add(out, "];\n");
}

char *export_dot(const struct model *m, const struct export_options *opt,
		 struct diag_list *dl)
{
	struct strbuf out;

	(void)opt;
	(void)dl;
	sb_init(&out);
	sb_add(&out, "// skema export -f dot\ndigraph ");
	dot_string(&out, m->name ? m->name : "unnamed model");
	sb_add(&out, " {\n"
	       "  graph [rankdir=LR];\n"
	       "  node [shape=plain];\n"
	       "  edge [arrowhead=normal, arrowtail=crow, dir=both];\n");
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		sb_printf(&out, "  t%zu [label=<\n"
			  "    <TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\">\n"
			  "      <TR><TD COLSPAN=\"3\" BGCOLOR=\"lightgrey\"><B>", i);
		html(&out, t->name);
		sb_add(&out, "</B></TD></TR>\n");
		if (t->comment) {
			sb_add(&out, "      <TR><TD COLSPAN=\"3\"><I>");
			html(&out, t->comment);
			sb_add(&out, "</I></TD></TR>\n");
		}
		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);
			bool pk = table_column_in_pk(t, c), fk = column_in_fk(t, c);

			sb_printf(&out, "      <TR><TD>%s%s%s</TD><TD ALIGN=\"LEFT\" PORT=\"c%zu\">",
				  pk ? "PK" : "", pk && fk ? " " : "", fk ? "FK" : "", k);
			if (pk)
				sb_add(&out, "<U>");
			html(&out, c->name);
			if (pk)
				sb_add(&out, "</U>");
			sb_add(&out, "</TD><TD ALIGN=\"LEFT\">");
			html(&out, c->type);
			if (!column_is_nullable(t, c) && !pk)
				sb_add(&out, " NOT NULL");
			sb_add(&out, "</TD></TR>\n");
		}
		sb_add(&out, "    </TABLE>>");
		if (t->comment) {
			sb_add(&out, ", tooltip=");
			dot_string(&out, t->comment);
		}
		sb_add(&out, "];\n");
	}
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, k);
			char *label;

			if (!c->ref_table)
				continue;
			label = xasprintf("%s.%s -> %s%s%s", t->name, c->name, c->ref_table,
					  c->ref_column ? "." : "", c->ref_column ? c->ref_column : "");
			edge(&out, m, (long)i, (long)k, c->ref_table, c->ref_column, label,
			     c->on_delete);
			free(label);
		}
		for (size_t k = 0; k < t->foreign_keys.n; k++) {
			const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, k);
			long ci = fk->columns.n ? table_column_index(t, fk->columns.items[0]) : -1;
			char *label;

			if (ci < 0)
				continue;
			label = xasprintf("%s: %s -> %s", t->name, fk->name ? fk->name : "foreign key",
					  fk->ref_table);
			edge(&out, m, (long)i, ci, fk->ref_table,
			     fk->ref_columns.n ? fk->ref_columns.items[0] : NULL, label, fk->on_delete);
			free(label);
		}
	}
	sb_add(&out, "}\n");
	return sb_release(&out);
}
