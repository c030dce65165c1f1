/* model-save.c — the canonical text of a model (`skema fmt`), written
 * through libyaml's emitter.
 *
 * The layout is fixed so that a saved file diffs well in git and saving
 * twice gives the same bytes: block style down to each column, one flow
 * mapping per column (or the `name: type` shorthand), keys in the order
 * of the key enums of model.h, false booleans and empty lists omitted.
 * doc/format.md describes the result.
 *
 * Scalars are plain when YAML allows it and when no YAML 1.1 or 1.2
 * reader could take them for anything but a string; otherwise single
 * quoted (libyaml falls back to double quotes when single quotes cannot
 * hold the text).  Text with a line break is written as a literal block
 * where a block scalar is possible, double quoted inside flow
 * collections. */
#include "model-yaml.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

struct saver {
	yaml_emitter_t em;
	struct strbuf out;
	struct strbuf clean;        /* scratch for save_utf8_clean */
	bool failed;
};

/* Where a scalar goes: block scalars (`|`) exist only outside flow
 * collections and never as keys. */
enum ctx { CTX_BLOCK, CTX_FLOW };

static int save_write(void *data, unsigned char *buf, size_t size)
{
	struct saver *s = data;

	sb_addn(&s->out, (const char *)buf, size);
	return 1;
}

static void save_event(struct saver *s, yaml_event_t *ev, int init_ok)
{
	if (!init_ok) {
		s->failed = true;
		return;
	}
	if (s->failed) {
		yaml_event_delete(ev);
		return;
	}
	/* yaml_emitter_emit takes the event, even on failure. */
	if (!yaml_emitter_emit(&s->em, ev))
		s->failed = true;
}

/* ---- deciding the scalar style ---- */

/* Digits, '_', '.', ':' with at least one digit, then an optional
 * exponent: covers YAML 1.2 ints and floats and YAML 1.1 ints, floats and
 * sexagesimals (1:30).  A few strings no reader takes for a number
 * ("1.2.3") are quoted too, which is harmless. */
static bool save_looks_decimal(const char *p)
{
	size_t digits = 0;

	while (isdigit((unsigned char)*p) || *p == '_' || *p == '.' || *p == ':') {
		if (isdigit((unsigned char)*p))
			digits++;
		p++;
	}
	if (digits == 0)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return *p == '\0';
}

static bool save_looks_number(const char *s)
{
	const char *p = s;
	const char *digits = NULL;

	if (*p == '+' || *p == '-')
		p++;
	if (*p == '.' && (strcasecmp(p + 1, "inf") == 0 ||
			  strcasecmp(p + 1, "nan") == 0))
		return true;
	if (p[0] == '0') {
		switch (p[1]) {
		case 'x': case 'X':
			digits = "0123456789abcdefABCDEF_";
			break;
		case 'o': case 'O':
			digits = "01234567_";
			break;
		case 'b': case 'B':
			digits = "01_";
			break;
		}
	}
	if (digits)
		return p[2] != '\0' && strspn(p + 2, digits) == strlen(p + 2);
	return save_looks_decimal(p);
}

/* YAML 1.1 timestamps start with a date: 2001-12-14, 2001-1-2t... */
static bool save_looks_date(const char *s)
{
	const char *p = s;
	int n;

	for (n = 0; n < 4; n++, p++)
		if (!isdigit((unsigned char)*p))
			return false;
	for (int part = 0; part < 2; part++) {
		if (*p++ != '-')
			return false;
		for (n = 0; isdigit((unsigned char)*p); n++, p++)
			;
		if (n < 1 || n > 2)
			return false;
	}
	return *p == '\0' || *p == 'T' || *p == 't' || *p == ' ' || *p == '\t';
}

/* True when a plain scalar with this text would be read as something
 * other than a string (null, a boolean, a number, a date, a merge key)
 * by a YAML 1.1 or 1.2 reader. */
static bool save_ambiguous(const char *s, size_t len)
{
	static const struct {
		const char *w;
		size_t len;
	} words[] = {
		{ "null", 4 }, { "~", 1 }, { "true", 4 }, { "false", 5 },
		{ "yes", 3 }, { "no", 2 }, { "on", 2 }, { "off", 3 },
		{ "y", 1 }, { "n", 1 }, { "<<", 2 }, { "=", 1 },
	};

	if (len == 0)
		return true;
	/* Every word is at most 5 bytes long and starts with one of these:
	 * most names are neither, and skip the comparisons (a tenth of a
	 * save otherwise). */
	if (len <= 5 && strchr("nNtTfFyYoO~<=", s[0]))
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (words[i].len == len && strcasecmp(s, words[i].w) == 0)
				return true;
	/* What save_looks_number() and save_looks_date() take starts with
	 * a digit or one of these. */
	if (!isdigit((unsigned char)s[0]) && !strchr("+-._:", s[0]))
		return false;
	return save_looks_number(s) || save_looks_date(s);
}

/* The emitter refuses invalid UTF-8, and a save must not fail over one
 * bad byte in a name imported from some database: such bytes become
 * U+FFFD.  Returns s itself when it is valid. */
static const char *save_utf8_clean(struct saver *s, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	bool valid = true;

	for (size_t n; *p; p += n) {
		n = utf8_seq_len(p);
		if (n == 0) {
			valid = false;
			break;
		}
	}
	if (valid)
		return text;
	sb_reset(&s->clean);
	for (p = (const unsigned char *)text; *p;) {
		size_t n = utf8_seq_len(p);

		if (n == 0) {
			sb_add(&s->clean, "\xEF\xBF\xBD");
			p++;
		} else {
			sb_addn(&s->clean, (const char *)p, n);
			p += n;
		}
	}
	return s->clean.buf;
}

/* text of len bytes; ascii when it has no byte above 0x7F, so is valid
 * UTF-8 as it is. */
static void save_scalar_len(struct saver *s, const char *text, size_t len, bool ascii,
			    yaml_scalar_style_t style)
{
	yaml_event_t ev;
	const char *t = text;
	int ok;

	if (!ascii) {
		t = save_utf8_clean(s, text);
		if (t != text)
			len = strlen(t);
	}
	ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)t, (int)len,
					  1, 1, style);
	save_event(s, &ev, ok);
}

static void save_scalar(struct saver *s, const char *text, yaml_scalar_style_t style)
{
	save_scalar_len(s, text, strlen(text), false, style);
}

/* Line breaks other than '\n' are read back as '\n' from anything but
 * a double-quoted scalar, where they are escaped. */
static bool save_has_odd_break(const char *text)
{
	return strchr(text, '\r') || strstr(text, "\xC2\x85") ||
	       strstr(text, "\xE2\x80\xA8") || strstr(text, "\xE2\x80\xA9");
}

/* A literal block needs `|+` for trailing blank lines, and libyaml then
 * ends the whole stream with a `...` marker; such text is double quoted
 * instead. */
static bool save_literal_fits(const char *text)
{
	size_t len = strlen(text);

	return !(len >= 2 && text[len - 1] == '\n' && text[len - 2] == '\n') &&
	       strcmp(text, "\n") != 0;
}

/* A string: plain when that stays a string, quoted otherwise; text with
 * line breaks as a literal block where one fits (libyaml itself falls
 * back to double quotes when a block cannot hold the text). */
static void save_str(struct saver *s, const char *text, enum ctx ctx)
{
	yaml_scalar_style_t style;
	const unsigned char *p = (const unsigned char *)text;
	bool high = false, cr = false, nl = false;

	/* One pass for what the style depends on: most scalars are short
	 * ASCII names, where a search per question cost more than this. */
	for (; *p; p++) {
		if (*p >= 0x80)
			high = true;
		else if (*p == '\n')
			nl = true;
		else if (*p == '\r')
			cr = true;
	}
	if (cr || (high && save_has_odd_break(text)))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (nl)
		style = ctx == CTX_BLOCK && save_literal_fits(text)
			? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (save_ambiguous(text, (size_t)(p - (const unsigned char *)text)))
		style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
	else
		style = YAML_PLAIN_SCALAR_STYLE;
	save_scalar_len(s, text, (size_t)(p - (const unsigned char *)text), !high, style);
}

/* Keys are never block scalars. */
static void save_key(struct saver *s, const char *text)
{
	save_str(s, text, CTX_FLOW);
}

/* Numbers, booleans and null are written as they are. */
static void save_plain(struct saver *s, const char *text)
{
	save_scalar(s, text, YAML_PLAIN_SCALAR_STYLE);
}

static void save_int(struct saver *s, int64_t v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%" PRId64, v);
	save_plain(s, buf);
}

static void save_map_start(struct saver *s, bool flow)
{
	yaml_event_t ev;
	int ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);

	save_event(s, &ev, ok);
}

static void save_map_end(struct saver *s)
{
	yaml_event_t ev;
	int ok = yaml_mapping_end_event_initialize(&ev);

	save_event(s, &ev, ok);
}

static void save_seq_start(struct saver *s, bool flow)
{
	yaml_event_t ev;
	int ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);

	save_event(s, &ev, ok);
}

static void save_seq_end(struct saver *s)
{
	yaml_event_t ev;
	int ok = yaml_sequence_end_event_initialize(&ev);

	save_event(s, &ev, ok);
}

static void save_names(struct saver *s, const struct strlist *l)
{
	save_seq_start(s, true);
	for (size_t i = 0; i < l->n; i++)
		save_str(s, l->items[i], CTX_FLOW);
	save_seq_end(s);
}

/* ---- columns ---- */

/* Whether the canonical form writes key k of column c. */
static bool column_writes_key(const struct table *t, const struct column *c,
			      enum column_key k)
{
	switch (k) {
	case CK_TYPE:
		return c->type != NULL;
	case CK_NULLABLE:
		/* Only a difference from the default is worth a key. */
		if (c->nullable == TRI_UNSET)
			return false;
		return (c->nullable == TRI_TRUE) != !table_column_in_pk(t, c);
	case CK_PRIMARY_KEY:
		return c->primary_key;
	case CK_AUTOINCREMENT:
		return c->autoincrement;
	case CK_UNIQUE:
		return c->unique;
	case CK_INDEX:
		return c->index;
	case CK_DEFAULT:
		return c->dflt.kind != VALUE_NONE;
	case CK_DEFAULT_SQL:
		return c->default_sql != NULL;
	case CK_CHECK:
		return c->check != NULL;
	case CK_GE:
	case CK_LE:
	case CK_GT:
	case CK_LT:
		return c->bound[k - CK_GE] != NULL;
	case CK_MIN_LENGTH:
		return c->min_length >= 0;
	case CK_MAX_LENGTH:
		return c->max_length >= 0;
	case CK_REFERENCES:
		return c->ref_table != NULL;
	case CK_ON_DELETE:
		return c->on_delete != ACTION_NONE;
	case CK_ON_UPDATE:
		return c->on_update != ACTION_NONE;
	case CK_COMMENT:
		return c->comment != NULL;
	case CK_WAS:
		return c->was != NULL;
	case CK_COUNT:
		break;
	}
	return false;
}

static void save_default(struct saver *s, const struct value *v)
{
	switch (v->kind) {
	case VALUE_STRING:
		save_str(s, v->text ? v->text : "", CTX_FLOW);
		break;
	case VALUE_BOOL:
	case VALUE_INT:
	case VALUE_FLOAT:
		save_plain(s, v->text ? v->text : "null");
		break;
	case VALUE_NONE:
	case VALUE_NULL:
		save_plain(s, "null");
		break;
	}
}

static void save_column_value(struct saver *s, const struct column *c,
			      enum column_key k)
{
	struct strbuf ref;

	switch (k) {
	case CK_TYPE:
		save_str(s, c->type, CTX_FLOW);
		break;
	case CK_NULLABLE:
		save_plain(s, c->nullable == TRI_TRUE ? "true" : "false");
		break;
	case CK_PRIMARY_KEY:
	case CK_AUTOINCREMENT:
	case CK_UNIQUE:
	case CK_INDEX:
		save_plain(s, "true");
		break;
	case CK_DEFAULT:
		save_default(s, &c->dflt);
		break;
	case CK_DEFAULT_SQL:
		save_str(s, c->default_sql, CTX_FLOW);
		break;
	case CK_CHECK:
		save_str(s, c->check, CTX_FLOW);
		break;
	case CK_GE:
	case CK_LE:
	case CK_GT:
	case CK_LT:
		save_plain(s, c->bound[k - CK_GE]);
		break;
	case CK_MIN_LENGTH:
		save_int(s, c->min_length);
		break;
	case CK_MAX_LENGTH:
		save_int(s, c->max_length);
		break;
	case CK_REFERENCES:
		sb_init(&ref);
		sb_add(&ref, c->ref_table);
		if (c->ref_column) {
			sb_addc(&ref, '.');
			sb_add(&ref, c->ref_column);
		}
		save_str(s, ref.buf, CTX_FLOW);
		sb_free(&ref);
		break;
	case CK_ON_DELETE:
		save_str(s, fk_action_name(c->on_delete), CTX_FLOW);
		break;
	case CK_ON_UPDATE:
		save_str(s, fk_action_name(c->on_update), CTX_FLOW);
		break;
	case CK_COMMENT:
		save_str(s, c->comment, CTX_FLOW);
		break;
	case CK_WAS:
		save_str(s, c->was, CTX_FLOW);
		break;
	case CK_COUNT:
		break;
	}
}

static void save_column(struct saver *s, const struct table *t, const struct column *c)
{
	size_t others = 0;

	for (enum column_key k = CK_TYPE + 1; k < CK_COUNT; k++)
		if (column_writes_key(t, c, k))
			others++;
	save_key(s, c->name);
	if (others == 0 && c->type) {
		save_str(s, c->type, CTX_BLOCK);
		return;
	}
	save_map_start(s, true);
	for (enum column_key k = 0; k < CK_COUNT; k++) {
		if (!column_writes_key(t, c, k))
			continue;
		save_key(s, column_key_name(k));
		save_column_value(s, c, k);
	}
	save_map_end(s);
}

/* ---- tables ---- */

static void save_foreign_key(struct saver *s, const struct foreign_key *fk)
{
	save_map_start(s, true);
	if (fk->columns.n) {
		save_key(s, "columns");
		save_names(s, &fk->columns);
	}
	if (fk->ref_table) {
		save_key(s, "references");
		save_str(s, fk->ref_table, CTX_FLOW);
	}
	if (fk->ref_columns.n) {
		save_key(s, "ref_columns");
		save_names(s, &fk->ref_columns);
	}
	if (fk->on_delete != ACTION_NONE) {
		save_key(s, "on_delete");
		save_str(s, fk_action_name(fk->on_delete), CTX_FLOW);
	}
	if (fk->on_update != ACTION_NONE) {
		save_key(s, "on_update");
		save_str(s, fk_action_name(fk->on_update), CTX_FLOW);
	}
	if (fk->name) {
		save_key(s, "name");
		save_str(s, fk->name, CTX_FLOW);
	}
	save_map_end(s);
}

static void save_index(struct saver *s, const struct index *ix)
{
	save_key(s, ix->name);
	save_map_start(s, true);
	if (ix->columns.n) {
		save_key(s, "columns");
		save_names(s, &ix->columns);
	}
	if (ix->unique) {
		save_key(s, "unique");
		save_plain(s, "true");
	}
	if (ix->where) {
		save_key(s, "where");
		save_str(s, ix->where, CTX_FLOW);
	}
	save_map_end(s);
}

static bool table_writes_key(const struct table *t, enum table_key k)
{
	switch (k) {
	case TK_COMMENT:
		return t->comment != NULL;
	case TK_WAS:
		return t->was != NULL;
	case TK_WITHOUT_ROWID:
		return t->without_rowid;
	case TK_STRICT:
		return t->strict;
	case TK_COLUMNS:
		/* Required: an empty table still shows `columns: {}`. */
		return true;
	case TK_PRIMARY_KEY:
		return t->primary_key.n > 0;
	case TK_UNIQUE:
		return t->uniques.n > 0;
	case TK_FOREIGN_KEYS:
		return t->foreign_keys.n > 0;
	case TK_INDEXES:
		return t->indexes.n > 0;
	case TK_CHECKS:
		return t->checks.n > 0;
	case TK_COUNT:
		break;
	}
	return false;
}

static void save_table_value(struct saver *s, const struct table *t, enum table_key k)
{
	size_t i;

	switch (k) {
	case TK_COMMENT:
		save_str(s, t->comment, CTX_BLOCK);
		break;
	case TK_WAS:
		save_str(s, t->was, CTX_BLOCK);
		break;
	case TK_WITHOUT_ROWID:
	case TK_STRICT:
		save_plain(s, "true");
		break;
	case TK_COLUMNS:
		save_map_start(s, false);
		for (i = 0; i < t->columns.n; i++)
			save_column(s, t, PLIST_AT(&t->columns, struct column, i));
		save_map_end(s);
		break;
	case TK_PRIMARY_KEY:
		save_names(s, &t->primary_key);
		break;
	case TK_UNIQUE:
		save_seq_start(s, false);
		for (i = 0; i < t->uniques.n; i++)
			save_names(s, &PLIST_AT(&t->uniques, struct unique, i)->columns);
		save_seq_end(s);
		break;
	case TK_FOREIGN_KEYS:
		save_seq_start(s, false);
		for (i = 0; i < t->foreign_keys.n; i++)
			save_foreign_key(s, PLIST_AT(&t->foreign_keys, struct foreign_key, i));
		save_seq_end(s);
		break;
	case TK_INDEXES:
		save_map_start(s, false);
		for (i = 0; i < t->indexes.n; i++)
			save_index(s, PLIST_AT(&t->indexes, struct index, i));
		save_map_end(s);
		break;
	case TK_CHECKS:
		save_map_start(s, false);
		for (i = 0; i < t->checks.n; i++) {
			const struct check *ck = PLIST_AT(&t->checks, struct check, i);

			save_key(s, ck->name);
			save_str(s, ck->expr ? ck->expr : "", CTX_BLOCK);
		}
		save_map_end(s);
		break;
	case TK_COUNT:
		break;
	}
}

static void save_table(struct saver *s, const struct table *t)
{
	save_key(s, t->name);
	save_map_start(s, false);
	for (enum table_key k = 0; k < TK_COUNT; k++) {
		if (!table_writes_key(t, k))
			continue;
		save_key(s, table_key_name(k));
		save_table_value(s, t, k);
	}
	save_map_end(s);
}

/* ---- the top level ---- */

static void save_link(struct saver *s, const struct link *l)
{
	save_map_start(s, true);
	save_key(s, link_key_name(LK_KIND));
	save_plain(s, l->kind == LINK_MANY_TO_MANY ? "many_to_many" : "one_to_many");
	for (enum link_key k = LK_KIND + 1; k < LK_COUNT; k++) {
		if (!l->field[k])
			continue;
		save_key(s, link_key_name(k));
		save_str(s, l->field[k], CTX_FLOW);
	}
	save_map_end(s);
}

static void save_sql_objects(struct saver *s, const char *key, const struct plist *l)
{
	if (l->n == 0)
		return;
	save_key(s, key);
	save_map_start(s, false);
	for (size_t i = 0; i < l->n; i++) {
		const struct sql_object *o = PLIST_AT(l, struct sql_object, i);

		save_key(s, o->name);
		save_str(s, o->sql ? o->sql : "", CTX_BLOCK);
	}
	save_map_end(s);
}

static void save_model(struct saver *s, const struct model *m)
{
	size_t i;

	save_map_start(s, false);
	save_key(s, "skema");
	save_int(s, m->version);
	if (m->name) {
		save_key(s, "name");
		save_str(s, m->name, CTX_BLOCK);
	}
	if (m->enums.n) {
		save_key(s, "enums");
		save_map_start(s, false);
		for (i = 0; i < m->enums.n; i++) {
			const struct enum_type *e = PLIST_AT(&m->enums, struct enum_type, i);

			save_key(s, e->name);
			save_names(s, &e->values);
		}
		save_map_end(s);
	}
	if (m->tables.n) {
		save_key(s, "tables");
		save_map_start(s, false);
		for (i = 0; i < m->tables.n; i++)
			save_table(s, PLIST_AT(&m->tables, struct table, i));
		save_map_end(s);
	}
	if (m->links.n) {
		save_key(s, "links");
		save_seq_start(s, false);
		for (i = 0; i < m->links.n; i++)
			save_link(s, PLIST_AT(&m->links, struct link, i));
		save_seq_end(s);
	}
	save_sql_objects(s, "views", &m->views);
	save_sql_objects(s, "triggers", &m->triggers);
	if (m->layout.n) {
		save_key(s, "layout");
		save_map_start(s, false);
		for (i = 0; i < m->layout.n; i++) {
			const struct placement *p = PLIST_AT(&m->layout, struct placement, i);

			save_key(s, p->table);
			save_seq_start(s, true);
			save_int(s, p->x);
			save_int(s, p->y);
			save_seq_end(s);
		}
		save_map_end(s);
	}
	save_map_end(s);
}

char *model_save_yaml(const struct model *m, size_t *len)
{
	struct saver s;
	yaml_event_t ev;
	int ok;

	memset(&s, 0, sizeof s);
	sb_init(&s.out);
	sb_init(&s.clean);
	if (!yaml_emitter_initialize(&s.em)) {
		sb_free(&s.out);
		sb_free(&s.clean);
		return NULL;
	}
	yaml_emitter_set_output(&s.em, save_write, &s);
	yaml_emitter_set_encoding(&s.em, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&s.em, 1);
	yaml_emitter_set_width(&s.em, -1);      /* never fold long text */
	yaml_emitter_set_indent(&s.em, 2);
	yaml_emitter_set_break(&s.em, YAML_LN_BREAK);

	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	save_event(&s, &ev, ok);
	ok = yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	save_event(&s, &ev, ok);
	save_model(&s, m);
	ok = yaml_document_end_event_initialize(&ev, 1);
	save_event(&s, &ev, ok);
	ok = yaml_stream_end_event_initialize(&ev);
	save_event(&s, &ev, ok);
	if (!s.failed && !yaml_emitter_flush(&s.em))
		s.failed = true;
	yaml_emitter_delete(&s.em);
	sb_free(&s.clean);
	if (s.failed) {
		sb_free(&s.out);
		return NULL;
	}
	if (len)
		*len = s.out.len;
	return sb_release(&s.out);
}

int model_save_file(const struct model *m, const char *path, char **err)
{
	size_t len;
	char *text = model_save_yaml(m, &len);
	int rc;

	if (!text) {
		*err = xasprintf("cannot save %s: the model cannot be written as YAML", path);
		return -1;
	}
	rc = file_write_atomic(path, text, len, err);
	free(text);
	return rc;
}
