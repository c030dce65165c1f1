/* export-sqlmodel.c — the model as a Python module of SQLModel classes,
 * in the style of the SQLModel documentation.
 *
 * The module must create exactly the schema `skema ddl` creates (the
 * acceptance test compares the two SQLite databases), so:
 *   - a column whose type SQLModel would infer differently (text, bigint,
 *     char(n), enum(...), verbatim types...) gets sa_column=Column(TYPE, ...),
 *     and types SQLAlchemy has no generic spelling for are declared through
 *     DeclaredType with the SQLite spelling skema's DDL uses;
 *   - defaults are server defaults too (sa_column_kwargs or Column), as
 *     the DDL writes DEFAULT clauses;
 *   - bounds, lengths and enums become the CHECK constraints the DDL
 *     writes, with the same names, in __table_args__, besides the
 *     Field(ge=..., max_length=...) arguments pydantic validates with;
 *   - a referential action needs ForeignKey(..., ondelete=...): Field's
 *     own ondelete exists only from SQLModel 0.0.21 (Debian 12 has 0.0.8),
 *     so such a column is written with sa_column, which every version
 *     accepts; a plain reference stays Field(foreign_key="table.column");
 *   - the columns are created in the model's order: SQLAlchemy orders a
 *     table's columns by when each Column object was made, an sa_column
 *     one when the class body runs, the others when SQLModel's metaclass
 *     builds them afterwards, in pydantic's field order (a base class's
 *     fields first).  So a table with one column in sa_column has all its
 *     columns in sa_column, in declaration order, and so has a --variants
 *     table model whose key would otherwise come after the Base's fields;
 *     Field(...) keeps the arguments pydantic validates with (ge=,
 *     max_length=...) beside sa_column.
 * Names that are not safe Python attribute names get a safe attribute and
 * keep their real name in Column("real name", ...). */
#include "export.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "types.h"

#define IND "    "

struct gen {
	const struct model *m;
	const struct export_options *opt;
	struct diag_list *dl;
	struct strlist imports;      /* "module\tname", or "\tmodule" for `import module` */
	bool declared_type;          /* DeclaredType is used */
	char **class_name;           /* per table index */
	char **enum_class;           /* per enum index */
	char ***attr;                /* per table, per column */
	bool *is_link;               /* table is the `through` of a many_to_many */
	long *emit_pos;              /* table index -> place in the module */
	bool *sa_table;              /* per table: the table model writes every
					column as sa_column=Column(...) */
	char *(*rel)[2];             /* per link: attribute of side 0 (parent, left)
					and side 1 (child, right), or NULL */
};

/* ---- names ---- */

static const char *const py_keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await", "break",
	"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
	"from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
	"pass", "raise", "return", "try", "while", "with", "yield", NULL,
};

/* Attributes of SQLModel and pydantic's BaseModel a field may not shadow. */
static const char *const model_attrs[] = {
	"Config", "construct", "copy", "dict", "fields", "from_orm", "json", "metadata",
	"parse_file", "parse_obj", "parse_raw", "registry", "schema", "schema_json",
	"update_forward_refs", "validate", NULL,
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

static bool is_identifier(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return false;
	for (const char *p = s; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == '_') || (unsigned char)*p >= 0x80)
			return false;
	return !in_list(py_keywords, s);
}

/* A name as an identifier: other characters become '_'; a leading digit
 * or nothing at all gets a prefix. */
static char *identifier_from(const char *name, const char *prefix)
{
	struct strbuf sb;

	sb_init(&sb);
	for (const char *p = name; *p; p++)
		sb_addc(&sb, isalnum((unsigned char)*p) && (unsigned char)*p < 0x80 ? *p : '_');
	if (sb.len == 0 || isdigit((unsigned char)sb.buf[0])) {
		char *s = sb_detach(&sb);

		sb_add(&sb, prefix);
		sb_add(&sb, s);
		free(s);
	}
	return sb_release(&sb);
}

/* A field name pydantic keeps as a field: an identifier, not a keyword,
 * not private (leading '_'), not shadowing a model attribute. */
static char *attr_from(const char *name)
{
	char *s, *t;
	size_t skip = 0;

	if (is_identifier(name) && name[0] != '_' && !in_list(model_attrs, name))
		return xstrdup(name);
	s = identifier_from(name, "c_");
	while (s[skip] == '_')
		skip++;
	if (s[skip] == '\0' || isdigit((unsigned char)s[skip]))
		t = xasprintf("c_%s", s + skip);
	else
		t = xstrdup(s + skip);
	free(s);
	if (in_list(py_keywords, t) || in_list(model_attrs, t)) {
		s = xasprintf("%s_", t);
		free(t);
		t = s;
	}
	return t;
}

/* "hero_power" -> "HeroPower", "Order Details" -> "OrderDetails". */
static char *pascal_from(const char *name, const char *prefix)
{
	struct strbuf sb;
	bool up = true;

	sb_init(&sb);
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		if (!isalnum(ch) || ch >= 0x80) {
			up = true;
			continue;
		}
		sb_addc(&sb, up ? (char)toupper(ch) : *p);
		up = false;
	}
	if (sb.len == 0 || isdigit((unsigned char)sb.buf[0])) {
		char *s = sb_detach(&sb);

		sb_add(&sb, prefix);
		sb_add(&sb, s);
		free(s);
	}
	return sb_release(&sb);
}

/* Make *name unique against taken (appending _2, _3...), then take it. */
static void claim(struct strlist *taken, char **name)
{
	if (strlist_find(taken, *name) >= 0) {
		char *s = xasprintf("%s_", *name);

		if (strlist_find(taken, s) < 0) {
			free(*name);
			*name = s;
			strlist_push(taken, *name);
			return;
		}
		free(s);
		for (int k = 2;; k++) {
			char *alt = xasprintf("%s_%d", *name, k);

			if (strlist_find(taken, alt) < 0) {
				free(*name);
				*name = alt;
				break;
			}
			free(alt);
		}
	}
	strlist_push(taken, *name);
}

/* ---- Python text ---- */

static void py_str_body(struct strbuf *sb, const char *s, bool triple)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '\\': sb_add(sb, "\\\\"); break;
		case '"': sb_add(sb, "\\\""); break;
		case '\n': sb_add(sb, triple ? "\n" : "\\n"); break;
		case '\r': sb_add(sb, "\\r"); break;
		case '\t': sb_add(sb, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_printf(sb, "\\x%02x", *p);
			else
				sb_addc(sb, (char)*p);
		}
	}
}

static void py_str(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '"');
	py_str_body(sb, s ? s : "", false);
	sb_addc(sb, '"');
}

static void docstring(struct strbuf *sb, const char *indent, const char *text)
{
	sb_printf(sb, "%s\"\"\"", indent);
	py_str_body(sb, text, true);
	/* A docstring ending in '"' would close early: \" is escaped above. */
	sb_add(sb, "\"\"\"\n");
}

static void import(struct gen *g, const char *module, const char *name)
{
	char *key = xasprintf("%s\t%s", name ? module : "", name ? name : module);

	if (strlist_find(&g->imports, key) < 0)
		strlist_push(&g->imports, key);
	free(key);
}

/* isort's order within one `from x import`: CONSTANTS, Classes, functions. */
static int name_rank(const char *s)
{
	bool lower = false;

	for (const char *p = s; *p; p++)
		if (islower((unsigned char)*p))
			lower = true;
	if (!lower && strlen(s) > 1)
		return 0;
	return isupper((unsigned char)s[0]) ? 1 : 2;
}

static int cmp_names(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int rx = name_rank(x), ry = name_rank(y);

	if (rx != ry)
		return rx - ry;
	return strcasecmp(x, y) ? strcasecmp(x, y) : strcmp(x, y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_stdlib(const char *module)
{
	return strcmp(module, "sqlalchemy") != 0 && strncmp(module, "sqlalchemy.", 11) != 0 &&
	       strcmp(module, "sqlmodel") != 0;
}

/* One section (stdlib or third party), isort style: `import x` lines
 * first, then `from x import a, b` by module. */
static void import_section(const struct gen *g, struct strbuf *out, bool stdlib)
{
	struct strlist plain, modules;

	strlist_init(&plain);
	strlist_init(&modules);
	for (size_t i = 0; i < g->imports.n; i++) {
		const char *e = g->imports.items[i], *tab = strchr(e, '\t');
		char *module = xstrndup(e, (size_t)(tab - e));

		if (*module == '\0') {
			if (is_stdlib(tab + 1) == stdlib)
				strlist_push(&plain, tab + 1);
		} else if (is_stdlib(module) == stdlib && strlist_find(&modules, module) < 0) {
			strlist_push(&modules, module);
		}
		free(module);
	}
	if (plain.n > 1)
		qsort(plain.items, plain.n, sizeof(char *), cmp_str);
	if (modules.n > 1)
		qsort(modules.items, modules.n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < plain.n; i++)
		sb_printf(out, "import %s\n", plain.items[i]);
	for (size_t i = 0; i < modules.n; i++) {
		struct strlist names;
		size_t mlen = strlen(modules.items[i]);

		strlist_init(&names);
		for (size_t k = 0; k < g->imports.n; k++) {
			const char *e = g->imports.items[k];

			if (strncmp(e, modules.items[i], mlen) == 0 && e[mlen] == '\t')
				strlist_push(&names, e + mlen + 1);
		}
		if (names.n > 1)
			qsort(names.items, names.n, sizeof(char *), cmp_names);
		sb_printf(out, "from %s import ", modules.items[i]);
		for (size_t k = 0; k < names.n; k++)
			sb_printf(out, "%s%s", k ? ", " : "", names.items[k]);
		sb_addc(out, '\n');
		strlist_free(&names);
	}
	strlist_free(&plain);
	strlist_free(&modules);
}

/* ---- numbers and defaults ---- */

static bool is_number(const char *s)
{
	bool digits = false;

	if (!s)
		return false;
	if (*s == '+' || *s == '-')
		s++;
	for (; isdigit((unsigned char)*s); s++)
		digits = true;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			digits = true;
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!isdigit((unsigned char)*s))
			return false;
		while (isdigit((unsigned char)*s))
			s++;
	}
	return *s == '\0';
}

/* A number as a Python literal: Python refuses leading zeros ("007"). */
static void py_number(struct strbuf *sb, const char *s)
{
	const char *p = s;

	if (*p == '+' || *p == '-')
		sb_addc(sb, *p++);
	while (p[0] == '0' && isdigit((unsigned char)p[1]))
		p++;
	sb_add(sb, p);
}

/* The same test ddl.c applies: SQLite wants parentheses around an
 * expression default, and the DDL adds them. */
static bool needs_parens(const char *e)
{
	size_t n = strlen(e);
	int depth = 0;
	bool word = n > 0;

	if (is_number(e))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)e[i]) && e[i] != '_')
			word = false;
	if (word)
		return false;
	if (n >= 2 && e[0] == '\'' && e[n - 1] == '\'' && !memchr(e + 1, '\'', n - 2))
		return false;
	if (n >= 2 && e[0] == '(') {
		for (size_t i = 0; i < n; i++) {
			if (e[i] == '(')
				depth++;
			else if (e[i] == ')' && --depth == 0)
				return i != n - 1;
		}
	}
	return true;
}

/* ---- types ---- */

struct pytype {
	const char *py;          /* annotation: "int", "str", enum class... */
	const char *sa;          /* SQLAlchemy type when SQLModel would infer another; else NULL */
	char *sa_owned;          /* ... when it is built (CHAR(2), DeclaredType(...)) */
	long varchar;            /* varchar(n): n, else -1 */
	bool is_decimal;
	bool is_enum;
	bool is_integer;
};

static void pytype_clear(struct pytype *pt)
{
	free(pt->sa_owned);
}

static void declared(struct gen *g, struct pytype *pt, const struct table *t,
		     const struct column *c)
{
	struct strbuf sb, spelled;

	sb_init(&sb);
	sb_init(&spelled);
	dialect_type(&dialect_sqlite, &spelled, c->type, t->strict, NULL);
	sb_add(&sb, "DeclaredType(");
	py_str(&sb, spelled.buf);
	sb_addc(&sb, ')');
	pt->sa_owned = sb_release(&sb);
	pt->sa = pt->sa_owned;
	sb_free(&spelled);
	g->declared_type = true;
}

/* SQLite's affinity rules, for the Python type of a verbatim type. */
static const char *affinity_py(const char *type)
{
	char up[256];
	size_t i;

	for (i = 0; type[i] && i + 1 < sizeof(up); i++)
		up[i] = (char)toupper((unsigned char)type[i]);
	up[i] = '\0';
	if (strstr(up, "INT"))
		return "int";
	if (strstr(up, "CHAR") || strstr(up, "CLOB") || strstr(up, "TEXT"))
		return "str";
	if (strstr(up, "BLOB") || up[0] == '\0')
		return "bytes";
	if (strstr(up, "REAL") || strstr(up, "FLOA") || strstr(up, "DOUB"))
		return "float";
	return "Decimal";
}

static void column_type(struct gen *g, const struct table *t, const struct column *c,
			struct pytype *pt)
{
	struct logical_type lt;
	const char *b;

	memset(pt, 0, sizeof(*pt));
	pt->varchar = -1;
	if (!logical_type_parse(c->type, &lt) || (t->strict && lt.cls != TYPE_CLASS_ENUM)) {
		/* Verbatim, or a STRICT table's storage class: as declared. */
		pt->py = logical_type_parse(c->type, &lt) ? NULL : affinity_py(c->type);
		if (!pt->py) {
			switch (lt.cls) {
			case TYPE_CLASS_INTEGER: pt->py = "int"; break;
			case TYPE_CLASS_BOOLEAN: pt->py = "bool"; break;
			case TYPE_CLASS_BLOB: pt->py = "bytes"; break;
			case TYPE_CLASS_NUMERIC:
				pt->py = strcmp(lt.base, "real") == 0 || strcmp(lt.base, "double") == 0 ?
					 "float" : "Decimal";
				break;
			default: pt->py = "str"; break;
			}
		}
		pt->is_integer = strcmp(pt->py, "int") == 0;
		pt->is_decimal = strcmp(pt->py, "Decimal") == 0;
		declared(g, pt, t, c);
		return;
	}
	b = lt.base;
	if (lt.cls == TYPE_CLASS_INTEGER) {
		pt->py = "int";
		pt->is_integer = true;
		/* An autoincrement key is INTEGER whatever its width (ddl.c). */
		if (c->autoincrement && table_column_in_pk(t, c))
			pt->sa = NULL;
		else
			pt->sa = strcmp(b, "bigint") == 0 ? "BigInteger" :
				 strcmp(b, "smallint") == 0 ? "SmallInteger" : NULL;
	} else if (lt.cls == TYPE_CLASS_BOOLEAN) {
		pt->py = "bool";
	} else if (strcmp(b, "real") == 0) {
		pt->py = "float";
		pt->sa = "REAL";
	} else if (strcmp(b, "double") == 0) {
		pt->py = "float";
		declared(g, pt, t, c);
	} else if (lt.cls == TYPE_CLASS_NUMERIC) {
		pt->py = "Decimal";
		pt->is_decimal = true;
		if (lt.nargs > 0)
			declared(g, pt, t, c);
		else if (strcmp(b, "decimal") == 0)
			pt->sa = "DECIMAL";
	} else if (strcmp(b, "text") == 0) {
		pt->py = "str";
		pt->sa = "Text";
	} else if (strcmp(b, "varchar") == 0) {
		pt->py = "str";
		pt->varchar = lt.args[0];
		if (c->max_length >= 0 && c->max_length != lt.args[0]) {
			pt->sa_owned = xasprintf("String(%ld)", lt.args[0]);
			pt->sa = pt->sa_owned;
			import(g, "sqlalchemy", "String");
		}
	} else if (strcmp(b, "char") == 0) {
		pt->py = "str";
		pt->sa_owned = xasprintf("CHAR(%ld)", lt.args[0]);
		pt->sa = pt->sa_owned;
		import(g, "sqlalchemy", "CHAR");
	} else if (strcmp(b, "date") == 0) {
		pt->py = "date";
	} else if (strcmp(b, "time") == 0) {
		pt->py = "time";
	} else if (strcmp(b, "datetime") == 0) {
		pt->py = "datetime";
	} else if (strcmp(b, "timestamp") == 0) {
		pt->py = "datetime";
		pt->sa = "TIMESTAMP";
	} else if (lt.cls == TYPE_CLASS_TEMPORAL) {
		pt->py = "datetime";
		declared(g, pt, t, c);
	} else if (lt.cls == TYPE_CLASS_BLOB) {
		pt->py = "bytes";
	} else if (strcmp(b, "uuid") == 0) {
		pt->py = "uuid.UUID";
		declared(g, pt, t, c);
	} else if (lt.cls == TYPE_CLASS_JSON) {
		pt->py = "Any";
		pt->sa = "JSON";
	} else if (lt.cls == TYPE_CLASS_ENUM) {
		long k = -1;

		for (size_t i = 0; i < g->m->enums.n; i++)
			if (strcmp(PLIST_AT(&g->m->enums, struct enum_type, i)->name,
				   lt.enum_name) == 0)
				k = (long)i;
		pt->py = k >= 0 ? g->enum_class[k] : "str";
		pt->is_enum = k >= 0;
		pt->sa = "Text";
	} else {
		pt->py = "str";
		declared(g, pt, t, c);
	}

	if (strcmp(pt->py, "date") == 0 || strcmp(pt->py, "time") == 0 ||
	    strcmp(pt->py, "datetime") == 0)
		import(g, "datetime", pt->py);
	else if (pt->is_decimal)
		import(g, "decimal", "Decimal");
	else if (strcmp(pt->py, "uuid.UUID") == 0)
		import(g, "uuid", NULL);
	else if (strcmp(pt->py, "Any") == 0)
		import(g, "typing", "Any");
	if (pt->sa && !pt->sa_owned)
		import(g, "sqlalchemy", pt->sa);
}

/* ---- one column ---- */

static const struct table *find_table(const struct gen *g, const char *name, long *index)
{
	long i = model_table_index(g->m, name);

	if (index)
		*index = i;
	return i >= 0 ? PLIST_AT(&g->m->tables, struct table, (size_t)i) : NULL;
}

/* The referenced column: as written, else the single primary key column. */
static const char *ref_column_of(const struct gen *g, const struct column *c)
{
	const struct table *p = find_table(g, c->ref_table, NULL);

	if (c->ref_column)
		return c->ref_column;
	if (!p)
		return NULL;
	if (p->primary_key.n == 1)
		return p->primary_key.items[0];
	for (size_t i = 0; i < p->columns.n; i++) {
		const struct column *k = PLIST_AT(&p->columns, struct column, i);

		if (k->primary_key)
			return k->name;
	}
	return NULL;
}

static void action_upper(struct strbuf *sb, enum fk_action a)
{
	for (const char *p = fk_action_name(a); p && *p; p++)
		sb_addc(sb, (char)toupper((unsigned char)*p));
}

/* ForeignKey("t.c", ondelete="CASCADE") */
static void foreign_key_call(struct strbuf *sb, const char *target, enum fk_action del,
			     enum fk_action upd)
{
	sb_add(sb, "ForeignKey(");
	py_str(sb, target);
	if (del != ACTION_NONE) {
		sb_add(sb, ", ondelete=\"");
		action_upper(sb, del);
		sb_addc(sb, '"');
	}
	if (upd != ACTION_NONE) {
		sb_add(sb, ", onupdate=\"");
		action_upper(sb, upd);
		sb_addc(sb, '"');
	}
	sb_addc(sb, ')');
}

/* The enum member a value names (see enum_block). */
static char *member_name(const struct enum_type *e, const char *value)
{
	struct strlist taken;
	char *found = NULL;

	strlist_init(&taken);
	for (size_t i = 0; i < e->values.n && !found; i++) {
		char *n = attr_from(e->values.items[i]);

		if (strcmp(n, "mro") == 0) {
			free(n);
			n = xstrdup("mro_");
		}
		claim(&taken, &n);
		if (strcmp(e->values.items[i], value) == 0)
			found = n;
		else
			free(n);
	}
	strlist_free(&taken);
	return found;
}

static const struct enum_type *enum_of(const struct gen *g, const struct column *c)
{
	struct logical_type lt;

	if (!logical_type_parse(c->type, &lt) || lt.cls != TYPE_CLASS_ENUM)
		return NULL;
	return model_enum(g->m, lt.enum_name);
}

/* The Python value of `default:`. */
static void python_default(const struct gen *g, struct strbuf *sb, const struct column *c,
			   const struct pytype *pt)
{
	const struct enum_type *e = enum_of(g, c);
	char *member;

	switch (c->dflt.kind) {
	case VALUE_BOOL:
		sb_add(sb, str_eq_null(c->dflt.text, "true") ? "True" : "False");
		return;
	case VALUE_INT:
	case VALUE_FLOAT:
		if (!is_number(c->dflt.text)) {
			py_str(sb, c->dflt.text);
		} else if (pt->is_decimal) {
			sb_add(sb, "Decimal(");
			py_str(sb, c->dflt.text);
			sb_addc(sb, ')');
		} else if (strcmp(pt->py, "float") == 0 && c->dflt.kind == VALUE_INT) {
			py_number(sb, c->dflt.text);
			sb_add(sb, ".0");
		} else {
			py_number(sb, c->dflt.text);
		}
		return;
	case VALUE_STRING:
		member = e && pt->is_enum ? member_name(e, c->dflt.text) : NULL;
		if (member)
			sb_printf(sb, "%s.%s", pt->py, member);
		else
			py_str(sb, c->dflt.text);
		free(member);
		return;
	default:
		sb_add(sb, "None");
	}
}

/* The DDL's DEFAULT as a server_default value. */
static void server_default(struct gen *g, struct strbuf *sb, const struct column *c)
{
	if (c->default_sql) {
		import(g, "sqlalchemy", "text");
		sb_add(sb, "text(");
		if (needs_parens(c->default_sql)) {
			char *s = xasprintf("(%s)", c->default_sql);

			py_str(sb, s);
			free(s);
		} else {
			py_str(sb, c->default_sql);
		}
		sb_addc(sb, ')');
		return;
	}
	switch (c->dflt.kind) {
	case VALUE_NULL:
	case VALUE_BOOL:
		import(g, "sqlalchemy", "text");
		sb_printf(sb, "text(\"%s\")", c->dflt.kind == VALUE_NULL ? "NULL" :
			  str_eq_null(c->dflt.text, "true") ? "TRUE" : "FALSE");
		return;
	case VALUE_INT:
	case VALUE_FLOAT:
		if (is_number(c->dflt.text)) {
			import(g, "sqlalchemy", "text");
			sb_add(sb, "text(");
			py_str(sb, c->dflt.text);
			sb_addc(sb, ')');
			return;
		}
		/* The DDL writes it as a string. */
		py_str(sb, c->dflt.text);
		return;
	default:
		py_str(sb, c->dflt.text);
	}
}

static bool has_server_default(const struct column *c)
{
	return c->default_sql || c->dflt.kind != VALUE_NONE;
}

static bool single_integer_pk(const struct table *t, const struct column *c,
			      const struct pytype *pt)
{
	size_t n = t->primary_key.n;

	if (n == 0)
		for (size_t i = 0; i < t->columns.n; i++)
			n += PLIST_AT(&t->columns, struct column, i)->primary_key;
	return n == 1 && table_column_in_pk(t, c) && pt->is_integer;
}

/* Does the table's key follow column order, so that per-column
 * primary_key flags give the same PRIMARY KEY (...)?  (Columns are
 * created in the model's order: see sa_tables_setup.) */
static bool pk_in_column_order(const struct table *t)
{
	size_t k = 0;

	if (t->primary_key.n == 0)
		return true;
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (strlist_find(&t->primary_key, c->name) >= 0) {
			if (k >= t->primary_key.n || strcmp(t->primary_key.items[k], c->name) != 0)
				return false;
			k++;
		}
	}
	return k == t->primary_key.n;
}

static bool references_plain(const struct gen *g, const struct column *c)
{
	const char *rc = ref_column_of(g, c);

	return c->ref_table && rc && !strchr(c->ref_table, '.');
}

enum field_mode {
	FIELD_FULL,       /* the table model's field */
	FIELD_READ,       /* the Read model's key: `id: int` */
	FIELD_PYDANTIC,   /* a Base model's field whose column the table model declares */
};

/* A column SQLModel would not create as the DDL does from Field(...)
 * alone: its type, its SQL name or its referential action needs a
 * Column of its own. */
static bool column_needs_sa(struct gen *g, const struct table *t, const struct column *c)
{
	struct pytype pt;
	bool sa;

	column_type(g, t, c, &pt);
	sa = pt.sa || strcmp(g->attr[model_table_index(g->m, t->name)][table_column_index(t, c->name)],
			     c->name) != 0 ||
	     (c->ref_table && (c->on_delete != ACTION_NONE || c->on_update != ACTION_NONE));
	pytype_clear(&pt);
	return sa;
}

/* Columns made by SQLModel's metaclass follow pydantic's field order:
 * with --variants the Base's fields (all but the key) come first and the
 * table model's own key after them. */
static bool key_after_base_fields_ok(const struct table *t)
{
	bool non_key_seen_after = false;

	for (size_t i = t->columns.n; i-- > 0;) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (!table_column_in_pk(t, c))
			non_key_seen_after = true;
		else if (non_key_seen_after)
			return false;
	}
	return true;
}

/* Whether table ti's model writes all its columns with sa_column (see
 * the top of the file): decided once, before any class is written. */
static void sa_tables_setup(struct gen *g)
{
	const struct model *m = g->m;

	g->sa_table = xcalloc(m->tables.n + 1, sizeof(bool));
	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		bool sa = g->opt->variants && !g->is_link[i] && !key_after_base_fields_ok(t);

		for (size_t k = 0; k < t->columns.n && !sa; k++)
			sa = column_needs_sa(g, t, PLIST_AT(&t->columns, struct column, k));
		g->sa_table[i] = sa;
	}
}

static bool table_sa(const struct gen *g, const struct table *t)
{
	return g->sa_table[model_table_index(g->m, t->name)];
}

/* `name: T = Field(...)` */
static void column_field(struct gen *g, struct strbuf *out, const struct table *t, size_t ci,
			 enum field_mode mode)
{
	bool read_model = mode == FIELD_READ;
	const struct column *c = PLIST_AT(&t->columns, struct column, ci);
	const char *attr = g->attr[model_table_index(g->m, t->name)][ci];
	struct pytype pt;
	struct strbuf args, col, kw;
	bool nullable = column_is_nullable(t, c);
	bool in_pk = table_column_in_pk(t, c);
	bool flag_pk = in_pk && pk_in_column_order(t);
	bool sa_column, optional, has_default, py_default_none = false;
	char *target = NULL;

	column_type(g, t, c, &pt);
	if (read_model) {
		/* The Read model's key: always there once stored. */
		sb_printf(out, IND "%s: %s\n", attr, pt.py);
		pytype_clear(&pt);
		return;
	}
	sb_init(&args);
	sb_init(&col);
	sb_init(&kw);
	/* Field(ondelete=) is SQLModel 0.0.21+, and a ForeignKey object in
	 * sa_column_args is attached twice by older versions: an action
	 * takes the whole column into sa_column, and with it the table's
	 * other columns (sa_tables_setup). */
	sa_column = mode == FIELD_FULL && table_sa(g, t);

	if (c->ref_table) {
		const char *rc = ref_column_of(g, c);

		if (!references_plain(g, c))
			diag_add(g->dl, SEV_WARNING, column_key_pos(c, CK_REFERENCES),
				 "foreign key of column '%s.%s' is not exported to SQLModel: SQLAlchemy cannot name table '%s' in a \"table.column\" reference",
				 t->name, c->name, c->ref_table);
		else
			target = xasprintf("%s.%s", c->ref_table, rc);
	}

	/* Python default and Optional[...] */
	if (c->dflt.kind != VALUE_NONE) {
		has_default = true;
		python_default(g, &args, c, &pt);
		py_default_none = c->dflt.kind == VALUE_NULL;
	} else if (nullable || c->default_sql || single_integer_pk(t, c, &pt)) {
		has_default = true;
		py_default_none = true;
		sb_add(&args, "None");
	} else {
		has_default = false;
	}
	optional = nullable || py_default_none;
	if (has_default) {
		char *v = sb_detach(&args);

		sb_printf(&args, "default=%s", v);
		free(v);
	}

	if (sa_column) {
		/* Column(["name", ]TYPE, ForeignKey(...), primary_key=True, ...) */
		sb_add(&col, "Column(");
		if (strcmp(attr, c->name) != 0) {
			py_str(&col, c->name);
			sb_add(&col, ", ");
		}
		if (pt.sa) {
			sb_add(&col, pt.sa);
		} else if (pt.varchar >= 0) {
			import(g, "sqlalchemy", "String");
			sb_printf(&col, "String(%ld)", pt.varchar);
		} else {
			static const struct { const char *py, *sa; } natural[] = {
				{ "int", "Integer" }, { "bool", "Boolean" }, { "date", "Date" },
				{ "time", "Time" }, { "datetime", "DateTime" },
				{ "bytes", "LargeBinary" }, { "Decimal", "Numeric" },
			};
			const char *sa = "Text";

			for (size_t i = 0; i < sizeof(natural) / sizeof(natural[0]); i++)
				if (strcmp(natural[i].py, pt.py) == 0)
					sa = natural[i].sa;
			import(g, "sqlalchemy", sa);
			sb_add(&col, sa);
		}
		if (target) {
			import(g, "sqlalchemy", "ForeignKey");
			sb_add(&col, ", ");
			foreign_key_call(&col, target, c->on_delete, c->on_update);
		}
		if (flag_pk)
			sb_add(&col, ", primary_key=True");
		else if (!nullable)
			sb_add(&col, ", nullable=False");
		if (flag_pk && nullable)
			sb_add(&col, ", nullable=True");
		if (c->index)
			sb_add(&col, ", index=True");
		if (c->unique)
			sb_add(&col, ", unique=True");
		if (has_server_default(c)) {
			sb_add(&col, ", server_default=");
			server_default(g, &col, c);
		}
		if (c->comment) {
			sb_add(&col, ", comment=");
			py_str(&col, c->comment);
		}
		sb_addc(&col, ')');
		import(g, "sqlalchemy", "Column");
	} else if (mode == FIELD_FULL) {
		if (flag_pk)
			sb_printf(&args, "%sprimary_key=True", args.len ? ", " : "");
		if (target && c->on_delete == ACTION_NONE && c->on_update == ACTION_NONE) {
			sb_printf(&args, "%sforeign_key=", args.len ? ", " : "");
			py_str(&args, target);
		}
		if (c->index)
			sb_printf(&args, "%sindex=True", args.len ? ", " : "");
		if (c->unique)
			sb_printf(&args, "%sunique=True", args.len ? ", " : "");
		/* SQLModel infers NULL from Optional[...] with a default. */
		if (!flag_pk && nullable != (optional && has_default))
			sb_printf(&args, "%snullable=%s", args.len ? ", " : "",
				  nullable ? "True" : "False");
		if (flag_pk && nullable)
			sb_printf(&args, "%snullable=True", args.len ? ", " : "");
	}

	for (int k = 0; k < BOUND_COUNT; k++) {
		if (!c->bound[k] || !is_number(c->bound[k]))
			continue;
		sb_printf(&args, "%s%s=", args.len ? ", " : "", column_key_name(CK_GE + k));
		py_number(&args, c->bound[k]);
	}
	if (c->min_length >= 0)
		sb_printf(&args, "%smin_length=%lld", args.len ? ", " : "",
			  (long long)c->min_length);
	if (c->max_length >= 0)
		sb_printf(&args, "%smax_length=%lld", args.len ? ", " : "",
			  (long long)c->max_length);
	else if (pt.varchar >= 0)
		sb_printf(&args, "%smax_length=%ld", args.len ? ", " : "", pt.varchar);
	if (c->comment) {
		sb_printf(&args, "%sdescription=", args.len ? ", " : "");
		py_str(&args, c->comment);
	}
	if (sa_column) {
		sb_printf(&args, "%ssa_column=%s", args.len ? ", " : "", col.buf);
	} else if (mode == FIELD_FULL) {
		if (has_server_default(c) || c->comment) {
			sb_printf(&kw, "%ssa_column_kwargs={", args.len || kw.len ? ", " : "");
			if (has_server_default(c)) {
				sb_add(&kw, "\"server_default\": ");
				server_default(g, &kw, c);
			}
			if (c->comment) {
				sb_add(&kw, has_server_default(c) ? ", \"comment\": " : "\"comment\": ");
				py_str(&kw, c->comment);
			}
			sb_addc(&kw, '}');
		}
		sb_add(&args, kw.buf);
	}

	if (optional)
		import(g, "typing", "Optional");
	sb_printf(out, IND "%s: %s%s%s", attr, optional ? "Optional[" : "", pt.py,
		  optional ? "]" : "");
	/* A required field with nothing to say is a bare annotation. */
	if (args.len > 0) {
		import(g, "sqlmodel", "Field");
		sb_printf(out, " = Field(%s)", args.buf);
	}
	sb_addc(out, '\n');
	free(target);
	sb_free(&args);
	sb_free(&col);
	sb_free(&kw);
	pytype_clear(&pt);
}

/* ---- __table_args__ ---- */

/* Constraints in __table_args__ name columns by their SQL name (the key
 * of table.c); relationships name them by attribute (attr_of). */
static void name_list(struct strbuf *sb, const struct strlist *cols)
{
	for (size_t i = 0; i < cols->n; i++) {
		if (i > 0)
			sb_add(sb, ", ");
		py_str(sb, cols->items[i]);
	}
}

static const char *attr_of(const struct gen *g, const struct table *t, const char *column)
{
	long ti = model_table_index(g->m, t->name);
	long ci = table_column_index(t, column);

	return ti >= 0 && ci >= 0 ? g->attr[ti][ci] : column;
}

static void check_arg(struct gen *g, struct strlist *out, const struct table *t,
		      const char *suffix, const char *expr)
{
	struct strbuf sb;
	char *name = suffix ? dialect_object_name(&dialect_sqlite, "ck", t->name, suffix) : NULL;

	import(g, "sqlalchemy", "CheckConstraint");
	sb_init(&sb);
	sb_add(&sb, "CheckConstraint(");
	py_str(&sb, expr);
	sb_add(&sb, ", name=");
	py_str(&sb, name);
	sb_addc(&sb, ')');
	strlist_push_owned(out, sb_release(&sb));
	free(name);
}

/* The checks ddl.c writes for a column, in its order. */
static void column_check_args(struct gen *g, struct strlist *out, const struct table *t,
			      const struct column *c)
{
	static const char *const ops[BOUND_COUNT] = { ">=", "<=", ">", "<" };
	const struct enum_type *e;
	struct strbuf expr, suffix;

	sb_init(&expr);
	sb_init(&suffix);
	if (c->check)
		check_arg(g, out, t, c->name, c->check);
	for (int k = 0; k < BOUND_COUNT; k++) {
		if (!c->bound[k] || !is_number(c->bound[k]))
			continue;
		sb_reset(&expr);
		dialect_quote_ident(&dialect_sqlite, &expr, c->name);
		sb_printf(&expr, " %s %s", ops[k], c->bound[k]);
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_%s", c->name, column_key_name(CK_GE + k));
		check_arg(g, out, t, suffix.buf, expr.buf);
	}
	for (int k = CK_MIN_LENGTH; k <= CK_MAX_LENGTH; k++) {
		int64_t v = k == CK_MIN_LENGTH ? c->min_length : c->max_length;

		if (v < 0)
			continue;
		sb_reset(&expr);
		sb_add(&expr, "length(");
		dialect_quote_ident(&dialect_sqlite, &expr, c->name);
		sb_printf(&expr, ") %s %lld", k == CK_MIN_LENGTH ? ">=" : "<=", (long long)v);
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_%s", c->name, column_key_name(k));
		check_arg(g, out, t, suffix.buf, expr.buf);
	}
	e = enum_of(g, c);
	if (e) {
		sb_reset(&expr);
		dialect_quote_ident(&dialect_sqlite, &expr, c->name);
		sb_add(&expr, " IN (");
		for (size_t i = 0; i < e->values.n; i++) {
			if (i > 0)
				sb_add(&expr, ", ");
			dialect_quote_string(&dialect_sqlite, &expr, e->values.items[i]);
		}
		sb_addc(&expr, ')');
		sb_reset(&suffix);
		sb_printf(&suffix, "%s_enum", c->name);
		check_arg(g, out, t, suffix.buf, expr.buf);
	}
	sb_free(&expr);
	sb_free(&suffix);
}

static bool table_autoincrement(const struct table *t)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);
		struct logical_type lt;

		if (c->autoincrement && c->primary_key && t->primary_key.n == 0 &&
		    logical_type_parse(c->type, &lt) && lt.cls == TYPE_CLASS_INTEGER)
			return true;
	}
	return false;
}

static void table_args(struct gen *g, struct strbuf *out, const struct table *t)
{
	struct strlist items;
	struct strbuf sb;

	strlist_init(&items);
	sb_init(&sb);
	if (!pk_in_column_order(t)) {
		struct strlist pk;

		strlist_init(&pk);
		if (t->primary_key.n > 0)
			strlist_copy(&pk, &t->primary_key);
		for (size_t i = 0; t->primary_key.n == 0 && i < t->columns.n; i++)
			if (PLIST_AT(&t->columns, struct column, i)->primary_key)
				strlist_push(&pk, PLIST_AT(&t->columns, struct column, i)->name);
		import(g, "sqlalchemy", "PrimaryKeyConstraint");
		sb_add(&sb, "PrimaryKeyConstraint(");
		name_list(&sb, &pk);
		sb_addc(&sb, ')');
		strlist_push_owned(&items, sb_detach(&sb));
		strlist_free(&pk);
	}
	for (size_t i = 0; i < t->uniques.n; i++) {
		const struct unique *u = PLIST_AT(&t->uniques, struct unique, i);
		struct strbuf joined;
		char *name;

		sb_init(&joined);
		for (size_t k = 0; k < u->columns.n; k++)
			sb_printf(&joined, "%s%s", k ? "_" : "", u->columns.items[k]);
		name = dialect_object_name(&dialect_sqlite, "uq", t->name, joined.buf);
		import(g, "sqlalchemy", "UniqueConstraint");
		sb_add(&sb, "UniqueConstraint(");
		name_list(&sb, &u->columns);
		sb_add(&sb, ", name=");
		py_str(&sb, name);
		sb_addc(&sb, ')');
		strlist_push_owned(&items, sb_detach(&sb));
		free(name);
		sb_free(&joined);
	}
	for (size_t i = 0; i < t->foreign_keys.n; i++) {
		const struct foreign_key *fk = PLIST_AT(&t->foreign_keys, struct foreign_key, i);

		if (strchr(fk->ref_table, '.') || fk->ref_columns.n != fk->columns.n) {
			diag_add(g->dl, SEV_WARNING, fk->pos,
				 "foreign key of table '%s' to '%s' is not exported to SQLModel: SQLAlchemy needs its referenced columns named",
				 t->name, fk->ref_table);
			continue;
		}
		import(g, "sqlalchemy", "ForeignKeyConstraint");
		sb_add(&sb, "ForeignKeyConstraint([");
		name_list(&sb, &fk->columns);
		sb_add(&sb, "], [");
		for (size_t k = 0; k < fk->ref_columns.n; k++) {
			char *s = xasprintf("%s.%s", fk->ref_table, fk->ref_columns.items[k]);

			sb_add(&sb, k ? ", " : "");
			py_str(&sb, s);
			free(s);
		}
		sb_addc(&sb, ']');
		if (fk->name) {
			sb_add(&sb, ", name=");
			py_str(&sb, fk->name);
		}
		if (fk->on_delete != ACTION_NONE) {
			sb_add(&sb, ", ondelete=\"");
			action_upper(&sb, fk->on_delete);
			sb_addc(&sb, '"');
		}
		if (fk->on_update != ACTION_NONE) {
			sb_add(&sb, ", onupdate=\"");
			action_upper(&sb, fk->on_update);
			sb_addc(&sb, '"');
		}
		sb_addc(&sb, ')');
		strlist_push_owned(&items, sb_detach(&sb));
	}
	for (size_t i = 0; i < t->columns.n; i++)
		column_check_args(g, &items, t, PLIST_AT(&t->columns, struct column, i));
	for (size_t i = 0; i < t->checks.n; i++) {
		const struct check *ck = PLIST_AT(&t->checks, struct check, i);

		import(g, "sqlalchemy", "CheckConstraint");
		sb_add(&sb, "CheckConstraint(");
		py_str(&sb, ck->expr);
		sb_add(&sb, ", name=");
		py_str(&sb, ck->name);
		sb_addc(&sb, ')');
		strlist_push_owned(&items, sb_detach(&sb));
	}
	for (size_t i = 0; i < t->indexes.n; i++) {
		const struct index *ix = PLIST_AT(&t->indexes, struct index, i);

		import(g, "sqlalchemy", "Index");
		sb_add(&sb, "Index(");
		py_str(&sb, ix->name);
		sb_add(&sb, ", ");
		name_list(&sb, &ix->columns);
		if (ix->unique)
			sb_add(&sb, ", unique=True");
		if (ix->where) {
			import(g, "sqlalchemy", "text");
			sb_add(&sb, ", sqlite_where=text(");
			py_str(&sb, ix->where);
			sb_add(&sb, "), postgresql_where=text(");
			py_str(&sb, ix->where);
			sb_addc(&sb, ')');
		}
		sb_addc(&sb, ')');
		strlist_push_owned(&items, sb_detach(&sb));
	}
	if (table_autoincrement(t) || t->comment) {
		sb_addc(&sb, '{');
		if (table_autoincrement(t))
			sb_add(&sb, "\"sqlite_autoincrement\": True");
		if (t->comment) {
			sb_add(&sb, table_autoincrement(t) ? ", \"comment\": " : "\"comment\": ");
			py_str(&sb, t->comment);
		}
		sb_addc(&sb, '}');
		strlist_push_owned(&items, sb_detach(&sb));
	}
	if (t->without_rowid || t->strict)
		diag_add(g->dl, SEV_WARNING, t->pos,
			 "table '%s' is exported to SQLModel without its SQLite options (without_rowid, strict)",
			 t->name);

	if (items.n > 0) {
		sb_add(out, IND "__table_args__ = (\n");
		for (size_t i = 0; i < items.n; i++)
			sb_printf(out, IND IND "%s,\n", items.items[i]);
		sb_add(out, IND ")\n");
	}
	strlist_free(&items);
	sb_free(&sb);
}

/* ---- relationships ---- */

/* How many foreign keys lead from child to parent: more than one, and
 * SQLAlchemy must be told which one a relationship follows. */
static size_t fk_paths(const struct table *child, const char *parent)
{
	size_t n = 0;

	for (size_t i = 0; i < child->columns.n; i++) {
		const struct column *c = PLIST_AT(&child->columns, struct column, i);

		n += c->ref_table && strcmp(c->ref_table, parent) == 0;
	}
	for (size_t i = 0; i < child->foreign_keys.n; i++)
		n += strcmp(PLIST_AT(&child->foreign_keys, struct foreign_key, i)->ref_table,
			    parent) == 0;
	return n;
}

/* Foreign keys either way between two tables: SQLAlchemy needs to be
 * told which one a relationship follows when there is more than one. */
static size_t fk_paths_between(const struct gen *g, const struct table *a,
			       const struct table *b)
{
	size_t n = fk_paths(a, b->name);

	(void)g;
	if (a != b)
		n += fk_paths(b, a->name);
	return n;
}

static void rel_type(const struct gen *g, struct strbuf *sb, long self, long target, bool list)
{
	const char *cls = g->class_name[target];
	bool forward = g->emit_pos[target] >= g->emit_pos[self];

	import((struct gen *)g, "typing", list ? "List" : "Optional");
	sb_printf(sb, list ? "List[%s%s%s]" : "Optional[%s%s%s]", forward ? "\"" : "", cls,
		  forward ? "\"" : "");
}

static void relationship_kwargs(struct strbuf *sb, const char *remote_side,
				const char *foreign_keys)
{
	if (!remote_side && !foreign_keys)
		return;
	sb_add(sb, ", sa_relationship_kwargs={");
	if (remote_side) {
		sb_add(sb, "\"remote_side\": ");
		py_str(sb, remote_side);
	}
	if (foreign_keys) {
		sb_add(sb, remote_side ? ", \"foreign_keys\": " : "\"foreign_keys\": ");
		py_str(sb, foreign_keys);
	}
	sb_addc(sb, '}');
}

/* The Relationship() attributes of table ti, link by link. */
static void relationships(struct gen *g, struct strbuf *out, long ti)
{
	const struct table *t = PLIST_AT(&g->m->tables, struct table, (size_t)ti);

	for (size_t li = 0; li < g->m->links.n; li++) {
		const struct link *l = PLIST_AT(&g->m->links, struct link, li);
		bool o2m = l->kind == LINK_ONE_TO_MANY;
		const char *side_table[2] = {
			l->field[o2m ? LK_PARENT : LK_LEFT], l->field[o2m ? LK_CHILD : LK_RIGHT],
		};

		for (int side = 0; side < 2; side++) {
			long oi;
			const char *back = g->rel[li][1 - side];
			char *remote = NULL, *fks = NULL;

			if (!g->rel[li][side] || strcmp(side_table[side], t->name) != 0)
				continue;
			find_table(g, side_table[1 - side], &oi);
			sb_printf(out, IND "%s: ", g->rel[li][side]);
			rel_type(g, out, ti, oi, !o2m || side == 0);
			sb_add(out, " = Relationship(");
			if (back) {
				sb_add(out, "back_populates=");
				py_str(out, back);
			}
			if (!o2m) {
				long thi;

				find_table(g, l->field[LK_THROUGH], &thi);
				sb_printf(out, "%slink_model=%s", back ? ", " : "",
					  g->class_name[thi]);
			} else {
				long pi, ci;
				const struct table *child = find_table(g, side_table[1], &ci);
				const struct table *parent = find_table(g, side_table[0], &pi);
				long vi = table_column_index(child, l->field[LK_VIA]);
				const struct column *via = PLIST_AT(&child->columns, struct column,
								    (size_t)vi);
				const char *rc = ref_column_of(g, via);

				if (pi == ci && side == 1 && rc)
					remote = xasprintf("%s.%s", g->class_name[pi],
							   attr_of(g, parent, rc));
				if (fk_paths_between(g, child, parent) > 1)
					fks = xasprintf("[%s.%s]", g->class_name[ci],
							g->attr[ci][vi]);
				if (!back && (remote || fks))
					sb_add(out, "sa_relationship_kwargs={}");
				relationship_kwargs(out, remote, fks);
			}
			sb_add(out, ")\n");
			free(remote);
			free(fks);
		}
	}
}

/* ---- classes ---- */

static bool is_pk_field(const struct table *t, const struct column *c)
{
	return table_column_in_pk(t, c);
}

static void class_block(struct gen *g, struct strbuf *out, long ti)
{
	const struct table *t = PLIST_AT(&g->m->tables, struct table, (size_t)ti);
	const char *cls = g->class_name[ti];
	char *lower = xstrdup(cls);
	bool variants = g->opt->variants && !g->is_link[ti];
	/* With --variants, the table model declares again, in order, every
	 * column of a table whose columns are all sa_column ones: the Base
	 * keeps what pydantic validates, for Create and Read. */
	bool redeclare = variants && g->sa_table[ti];
	bool any_pk = false;
	size_t body;

	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	import(g, "sqlmodel", "SQLModel");

	if (variants) {
		sb_printf(out, "\n\nclass %sBase(SQLModel):\n", cls);
		size_t before = out->len;

		for (size_t i = 0; i < t->columns.n; i++) {
			const struct column *c = PLIST_AT(&t->columns, struct column, i);

			if (!is_pk_field(t, c))
				column_field(g, out, t, i, redeclare ? FIELD_PYDANTIC : FIELD_FULL);
		}
		if (out->len == before)
			sb_add(out, IND "pass\n");
		sb_printf(out, "\n\nclass %s(%sBase, table=True):\n", cls, cls);
	} else {
		sb_printf(out, "\n\nclass %s(SQLModel, table=True):\n", cls);
	}
	body = out->len;
	if (t->comment)
		docstring(out, IND, t->comment);
	if (strcmp(lower, t->name) != 0) {
		sb_add(out, IND "__tablename__ = ");
		py_str(out, t->name);
		sb_addc(out, '\n');
	}
	table_args(g, out, t);
	for (size_t i = 0; i < t->columns.n; i++) {
		const struct column *c = PLIST_AT(&t->columns, struct column, i);

		if (is_pk_field(t, c))
			any_pk = true;
		if (!variants || is_pk_field(t, c) || redeclare)
			column_field(g, out, t, i, FIELD_FULL);
	}
	if (g->m->links.n > 0)
		import(g, "sqlmodel", "Relationship");
	relationships(g, out, ti);
	if (out->len == body)
		sb_add(out, IND "pass\n");

	if (variants) {
		sb_printf(out, "\n\nclass %sCreate(%sBase):\n" IND "pass\n", cls, cls);
		sb_printf(out, "\n\nclass %sRead(%sBase):\n", cls, cls);
		for (size_t i = 0; i < t->columns.n; i++)
			if (is_pk_field(t, PLIST_AT(&t->columns, struct column, i)))
				column_field(g, out, t, i, FIELD_READ);
		if (!any_pk)
			sb_add(out, IND "pass\n");
	}
	free(lower);
}

static void enum_block(struct gen *g, struct strbuf *out, size_t ei)
{
	const struct enum_type *e = PLIST_AT(&g->m->enums, struct enum_type, ei);

	import(g, "enum", NULL);
	sb_printf(out, "\n\nclass %s(str, enum.Enum):\n", g->enum_class[ei]);
	for (size_t i = 0; i < e->values.n; i++) {
		char *member = member_name(e, e->values.items[i]);

		sb_printf(out, IND "%s = ", member);
		py_str(out, e->values.items[i]);
		sb_addc(out, '\n');
		free(member);
	}
	if (e->values.n == 0)
		sb_add(out, IND "pass\n");
}

static const char declared_type_class[] =
	"\n\n"
	"class DeclaredType(UserDefinedType):\n"
	IND "\"\"\"A column type SQLAlchemy has no generic type for, declared as skema declares it.\"\"\"\n"
	"\n"
	IND "cache_ok = True\n"
	"\n"
	IND "def __init__(self, declared: str) -> None:\n"
	IND IND "self.declared = declared\n"
	"\n"
	IND "def get_col_spec(self, **kw: Any) -> str:\n"
	IND IND "return self.declared\n"
	"\n"
	IND "def bind_processor(self, dialect: Any) -> Any:\n"
	IND IND "def process(value: Any) -> Any:\n"
	IND IND IND "if value is None or isinstance(value, (bool, int, float, str, bytes)):\n"
	IND IND IND IND "return value\n"
	IND IND IND "return str(value)\n"
	"\n"
	IND IND "return process\n";

/* ---- setup ---- */

static void names_setup(struct gen *g)
{
	const struct model *m = g->m;
	struct strlist classes;
	long pos = 0;

	strlist_init(&classes);
	/* Names the module itself imports or defines. */
	{
		static const char *const used[] = {
			"Any", "DeclaredType", "Decimal", "Field", "List", "Optional",
			"Relationship", "SQLModel", "UserDefinedType", NULL,
		};
		for (size_t i = 0; used[i]; i++)
			strlist_push(&classes, used[i]);
	}
	g->class_name = xcalloc(m->tables.n + 1, sizeof(char *));
	g->enum_class = xcalloc(m->enums.n + 1, sizeof(char *));
	g->attr = xcalloc(m->tables.n + 1, sizeof(char **));
	g->is_link = xcalloc(m->tables.n + 1, sizeof(bool));
	g->emit_pos = xcalloc(m->tables.n + 1, sizeof(long));
	g->rel = xcalloc(m->links.n + 1, sizeof(*g->rel));

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		g->class_name[i] = pascal_from(t->name, "T");
		if (in_list(py_keywords, g->class_name[i])) {
			char *s = xasprintf("%s_", g->class_name[i]);

			free(g->class_name[i]);
			g->class_name[i] = s;
		}
		claim(&classes, &g->class_name[i]);
	}
	for (size_t i = 0; i < m->enums.n; i++) {
		const struct enum_type *e = PLIST_AT(&m->enums, struct enum_type, i);
		char *base = pascal_from(e->name, "E");

		g->enum_class[i] = base;
		if (strlist_find(&classes, base) >= 0 || in_list(py_keywords, base)) {
			g->enum_class[i] = xasprintf("%sEnum", base);
			free(base);
		}
		claim(&classes, &g->enum_class[i]);
	}
	for (size_t i = 0; i < m->links.n; i++) {
		const struct link *l = PLIST_AT(&m->links, struct link, i);
		long ti;

		if (l->kind == LINK_MANY_TO_MANY && l->field[LK_THROUGH] &&
		    find_table(g, l->field[LK_THROUGH], &ti))
			g->is_link[ti] = true;
	}
	/* Link models first: link_model= needs the class itself. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < m->tables.n; i++)
			if (g->is_link[i] == (pass == 0))
				g->emit_pos[i] = pos++;

	for (size_t i = 0; i < m->tables.n; i++) {
		static const char *const module_names[] = {
			"date", "datetime", "time", "uuid", "enum", "text", "Column", "Text",
			"ForeignKey", "Index", "CheckConstraint", "UniqueConstraint",
			"PrimaryKeyConstraint", "ForeignKeyConstraint", "BigInteger", "SmallInteger",
			"Integer", "Boolean", "Date", "Time", "DateTime", "LargeBinary", "Numeric",
			"String", "AutoString", "REAL", "DECIMAL", "TIMESTAMP", "CHAR", "JSON", NULL,
		};
		const struct table *t = PLIST_AT(&m->tables, struct table, i);
		struct strlist taken;

		/* A field named like a class or type the module uses would
		 * shadow it for the annotations after it in the class body. */
		strlist_init(&taken);
		strlist_copy(&taken, &classes);
		for (size_t k = 0; module_names[k]; k++)
			strlist_push(&taken, module_names[k]);
		g->attr[i] = xcalloc(t->columns.n + 1, sizeof(char *));
		for (size_t k = 0; k < t->columns.n; k++) {
			g->attr[i][k] = attr_from(PLIST_AT(&t->columns, struct column, k)->name);
			claim(&taken, &g->attr[i][k]);
		}
		for (size_t li = 0; li < m->links.n; li++) {
			const struct link *l = PLIST_AT(&m->links, struct link, li);
			bool o2m = l->kind == LINK_ONE_TO_MANY;
			const char *tabs[2] = { l->field[o2m ? LK_PARENT : LK_LEFT],
						l->field[o2m ? LK_CHILD : LK_RIGHT] };
			const char *names[2] = { l->field[o2m ? LK_PARENT_NAME : LK_LEFT_NAME],
						 l->field[o2m ? LK_CHILD_NAME : LK_RIGHT_NAME] };

			if (!tabs[0] || !tabs[1] || !find_table(g, tabs[0], NULL) ||
			    !find_table(g, tabs[1], NULL))
				continue;
			if (o2m) {
				const struct table *child = find_table(g, tabs[1], NULL);

				if (!l->field[LK_VIA] || table_column_index(child, l->field[LK_VIA]) < 0)
					continue;
			} else {
				if (!l->field[LK_THROUGH] || !find_table(g, l->field[LK_THROUGH], NULL))
					continue;
				if (strcmp(tabs[0], tabs[1]) == 0) {
					if (strcmp(tabs[0], t->name) == 0)
						diag_add(g->dl, SEV_WARNING, l->pos,
							 "many-to-many link of table '%s' with itself is not exported as SQLModel relationships",
							 t->name);
					continue;
				}
			}
			for (int side = 0; side < 2; side++) {
				if (!names[side] || strcmp(tabs[side], t->name) != 0)
					continue;
				g->rel[li][side] = attr_from(names[side]);
				claim(&taken, &g->rel[li][side]);
			}
		}
		strlist_free(&taken);
	}
	strlist_free(&classes);
}

static void names_free(struct gen *g)
{
	const struct model *m = g->m;

	for (size_t i = 0; i < m->tables.n; i++) {
		const struct table *t = PLIST_AT(&m->tables, struct table, i);

		for (size_t k = 0; k < t->columns.n; k++)
			free(g->attr[i][k]);
		free(g->attr[i]);
		free(g->class_name[i]);
	}
	for (size_t i = 0; i < m->enums.n; i++)
		free(g->enum_class[i]);
	for (size_t i = 0; i < m->links.n; i++) {
		free(g->rel[i][0]);
		free(g->rel[i][1]);
	}
	free(g->attr);
	free(g->class_name);
	free(g->enum_class);
	free(g->is_link);
	free(g->emit_pos);
	free(g->rel);
	free(g->sa_table);
}

char *export_sqlmodel(const struct model *m, const struct export_options *opt,
		      struct diag_list *dl)
{
	static const struct export_options defaults;
	struct gen g = { .m = m, .opt = opt ? opt : &defaults, .dl = dl };
	struct strbuf out, body, title;
	long n = (long)m->tables.n;

	strlist_init(&g.imports);
	names_setup(&g);
	sa_tables_setup(&g);
	sb_init(&out);
	sb_init(&body);
	sb_init(&title);

	for (size_t i = 0; i < m->enums.n; i++)
		enum_block(&g, &body, i);
	for (long pos = 0; pos < n; pos++)
		for (long i = 0; i < n; i++)
			if (g.emit_pos[i] == pos)
				class_block(&g, &body, i);
	if (g.declared_type) {
		import(&g, "sqlalchemy.types", "UserDefinedType");
		import(&g, "typing", "Any");
	}
	if (m->views.n > 0 || m->triggers.n > 0)
		diag_add(dl, SEV_WARNING, (struct pos){ 0, 0 },
			 "views and triggers are not exported to SQLModel: create them with `skema ddl`");

	sb_printf(&title, "SQLModel classes for the %s model.", m->name ? m->name : "unnamed");
	sb_add(&out, "\"\"\"");
	py_str_body(&out, title.buf, true);
	sb_add(&out, "\n\nGenerated by skema export -f sqlmodel; edit the model, not this file.\n\"\"\"\n\n");
	{
		size_t mark = out.len;

		import_section(&g, &out, true);
		if (out.len > mark)
			sb_addc(&out, '\n');
	}
	import_section(&g, &out, false);
	if (g.declared_type)
		sb_add(&out, declared_type_class);
	sb_add(&out, body.buf);

	sb_free(&body);
	sb_free(&title);
	strlist_free(&g.imports);
	names_free(&g);
	return sb_release(&out);
}
