/* test-model-save.c — the canonical YAML of src/model-save.c: exact text
 * of small models (layout, shorthand, quoting), round trips of random
 * models, and the samples, which must already be canonical. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model-yaml.h"
#include "random-model.h"

static char *save(const struct model *m)
{
	size_t len;
	char *text = model_save_yaml(m, &len);

	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	return text;
}

static void assert_saves_to(const struct model *m, const char *want)
{
	char *text = save(m);

	if (strcmp(text, want) != 0)
		print_error("got:\n%s\nwant:\n%s\n", text, want);
	assert_string_equal(text, want);
	free(text);
}

/* Text → model → text must give the same bytes and an equal model. */
static void assert_round_trip(const struct model *m, const char *text)
{
	struct diag_list dl;
	struct model *back;
	char *again;

	diag_list_init(&dl);
	back = model_load_yaml(text, strlen(text), &dl);
	for (size_t i = 0; i < dl.n; i++)
		print_error("%s\n", dl.items[i].message);
	assert_non_null(back);
	assert_int_equal(dl.errors, 0);
	assert_true(model_eq(m, back));
	again = save(back);
	assert_string_equal(text, again);
	free(again);
	model_free(back);
	diag_list_free(&dl);
}

static struct model *model_with(struct table *t)
{
	struct model *m = model_new();

	m->version = 1;
	model_add_table(m, t);
	return m;
}

static void test_empty_model(void **state)
{
	struct model *m = model_new();

	(void)state;
	m->version = 1;
	assert_saves_to(m, "skema: 1\n");
	model_free(m);
}

static void test_column_shorthand_and_nullable(void **state)
{
	struct table *t = table_new("t");
	struct table *pair = table_new("pair");
	struct model *m;
	struct column *c;

	(void)state;
	c = column_new("id", "integer");
	c->primary_key = true;
	c->nullable = TRI_FALSE;            /* the default for a key: not written */
	table_add_column(t, c);
	table_add_column(t, column_new("bare", "text"));
	c = column_new("explicit_null", "text");
	c->nullable = TRI_TRUE;             /* the default: still the shorthand */
	table_add_column(t, c);
	c = column_new("required", "text");
	c->nullable = TRI_FALSE;
	table_add_column(t, c);
	c = column_new("odd_key", "integer");
	c->primary_key = true;
	c->nullable = TRI_TRUE;
	table_add_column(t, c);

	/* Members of a composite key default to NOT NULL too. */
	c = column_new("a", "integer");
	c->nullable = TRI_FALSE;
	table_add_column(pair, c);
	c = column_new("b", "integer");
	c->nullable = TRI_TRUE;
	table_add_column(pair, c);
	strlist_push(&pair->primary_key, "a");
	strlist_push(&pair->primary_key, "b");

	m = model_with(t);
	model_add_table(m, pair);
	assert_saves_to(m,
		"skema: 1\n"
		"tables:\n"
		"  t:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      bare: text\n"
		"      explicit_null: text\n"
		"      required: {type: text, nullable: false}\n"
		"      odd_key: {type: integer, nullable: true, primary_key: true}\n"
		"  pair:\n"
		"    columns:\n"
		"      a: integer\n"
		"      b: {type: integer, nullable: true}\n"
		"    primary_key: [a, b]\n");
	model_free(m);
}

static void test_every_column_key(void **state)
{
	struct table *t = table_new("team");
	struct table *h = table_new("hero");
	struct model *m;
	struct column *c;
	char *text;

	(void)state;
	c = column_new("id", "integer");
	c->primary_key = true;
	c->autoincrement = true;
	table_add_column(t, c);

	c = column_new("everything", "varchar(20)");
	c->nullable = TRI_FALSE;
	c->unique = true;
	c->index = true;
	value_set(&c->dflt, VALUE_STRING, "none");
	c->default_sql = xstrdup("'none'");
	c->check = xstrdup("everything <> ''");
	c->bound[BOUND_GE] = xstrdup("0");
	c->bound[BOUND_LE] = xstrdup("1.50");
	c->bound[BOUND_GT] = xstrdup("-1");
	c->bound[BOUND_LT] = xstrdup("2e3");
	c->min_length = 1;
	c->max_length = 20;
	c->ref_table = xstrdup("team");
	c->ref_column = xstrdup("id");
	c->on_delete = ACTION_SET_NULL;
	c->on_update = ACTION_NO_ACTION;
	c->comment = xstrdup("all keys: in order");
	c->was = xstrdup("old");
	table_add_column(h, c);

	m = model_with(t);
	model_add_table(m, h);
	text = save(m);
	assert_string_equal(text,
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true, autoincrement: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      everything: {type: varchar(20), nullable: false, unique: true, "
		"index: true, default: none, default_sql: '''none''', "
		"check: everything <> '', ge: 0, le: 1.50, gt: -1, lt: 2e3, "
		"min_length: 1, max_length: 20, references: team.id, "
		"on_delete: set null, on_update: no action, "
		"comment: 'all keys: in order', was: old}\n");
	assert_round_trip(m, text);
	free(text);
	model_free(m);
}

static void test_default_kinds(void **state)
{
	static const struct {
		enum value_kind kind;
		const char *text;
		const char *yaml;
	} cases[] = {
		{ VALUE_NULL, NULL, "null" },
		{ VALUE_BOOL, "true", "true" },
		{ VALUE_BOOL, "false", "false" },
		{ VALUE_INT, "42", "42" },
		{ VALUE_INT, "-7", "-7" },
		{ VALUE_FLOAT, "1.50", "1.50" },
		{ VALUE_STRING, "hero", "hero" },
		{ VALUE_STRING, "true", "'true'" },
		{ VALUE_STRING, "null", "'null'" },
		{ VALUE_STRING, "42", "'42'" },
		{ VALUE_STRING, "", "''" },
		{ VALUE_STRING, "it's", "it's" },
		{ VALUE_STRING, "a, b", "'a, b'" },
		{ VALUE_STRING, "two\nlines", "\"two\\nlines\"" },
	};
	struct table *t = table_new("t");
	struct strbuf want;
	struct model *m;
	char *text;

	(void)state;
	sb_init(&want);
	sb_add(&want, "skema: 1\ntables:\n  t:\n    columns:\n");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char name[16];
		struct column *c;

		snprintf(name, sizeof name, "c%zu", i);
		c = column_new(name, "text");
		value_set(&c->dflt, cases[i].kind, cases[i].text);
		table_add_column(t, c);
		sb_printf(&want, "      %s: {type: text, default: %s}\n", name, cases[i].yaml);
	}
	m = model_with(t);
	text = save(m);
	assert_string_equal(text, want.buf);
	assert_round_trip(m, text);
	free(text);
	sb_free(&want);
	model_free(m);
}

/* Every string a YAML 1.1 or 1.2 reader would take for something else is
 * quoted, keys included; everything else stays plain. */
static void test_scalar_quoting(void **state)
{
	static const char *const ambiguous[] = {
		"", "null", "Null", "NULL", "nUlL", "~", "true", "False", "TRUE",
		"yes", "No", "on", "OFF", "y", "N", "0", "123", "-7", "+1", "0x1F",
		"0o17", "0b101", "1_000", "3.14", ".5", "1.", "1e3", "-2E+5",
		".inf", "-.Inf", ".NaN", "1:30", "2001-01-01", "2001-1-2",
		"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43", "<<", "=",
		"_1", ":30",
	};
	static const char *const plain[] = {
		"hero", "nully", "yess", "0x", "1.2.3a", "e3", "1e", "inf",
		"2001-01", "v1.2", "+", "-x", "a:b", "a#b", "it's", "ünïcødé",
		"名前", "x y",
	};
	struct model *m = model_new();
	struct enum_type *e;
	struct table *t;
	char *text;

	(void)state;
	m->version = 1;
	e = enum_type_new("ambiguous");
	for (size_t i = 0; i < sizeof ambiguous / sizeof ambiguous[0]; i++)
		strlist_push(&e->values, ambiguous[i]);
	plist_push(&m->enums, e);
	e = enum_type_new("plain");
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		strlist_push(&e->values, plain[i]);
	plist_push(&m->enums, e);
	/* Keys: a table named true, columns named 123 and null. */
	t = table_new("true");
	table_add_column(t, column_new("123", "integer"));
	table_add_column(t, column_new("null", "no"));
	table_add_column(t, column_new("a: b", "text"));
	table_add_column(t, column_new(" lead", "text"));
	table_add_column(t, column_new("hash #", "text"));
	table_add_column(t, column_new("'q'", "text"));
	table_add_column(t, column_new("[x]", "numeric(10, 2)"));
	table_add_column(t, column_new("tab\there", "text"));
	model_add_table(m, t);
	text = save(m);
	assert_string_equal(text,
		"skema: 1\n"
		"enums:\n"
		"  ambiguous: ['', 'null', 'Null', 'NULL', 'nUlL', '~', 'true', "
		"'False', 'TRUE', 'yes', 'No', 'on', 'OFF', 'y', 'N', '0', '123', "
		"'-7', '+1', '0x1F', '0o17', '0b101', '1_000', '3.14', '.5', '1.', "
		"'1e3', '-2E+5', '.inf', '-.Inf', '.NaN', '1:30', '2001-01-01', "
		"'2001-1-2', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43', "
		"'<<', '=', '_1', ':30']\n"
		"  plain: [hero, nully, yess, 0x, 1.2.3a, e3, 1e, inf, 2001-01, v1.2, "
		"+, -x, 'a:b', a#b, it's, ünïcødé, 名前, x y]\n"
		"tables:\n"
		"  'true':\n"
		"    columns:\n"
		"      '123': integer\n"
		"      'null': 'no'\n"
		"      'a: b': text\n"
		"      ' lead': text\n"
		"      'hash #': text\n"
		"      '''q''': text\n"
		"      '[x]': numeric(10, 2)\n"
		"      \"tab\\there\": text\n");
	assert_round_trip(m, text);
	free(text);
	model_free(m);
}

static void test_table_keys(void **state)
{
	struct table *a = table_new("a");
	struct table *b = table_new("b");
	struct foreign_key *fk;
	struct unique *u;
	struct index *ix;
	struct column *c;
	struct model *m;
	char *text;

	(void)state;
	table_add_column(a, column_new("x", "integer"));
	table_add_column(a, column_new("y", "integer"));
	strlist_push(&a->primary_key, "x");
	strlist_push(&a->primary_key, "y");

	b->comment = xstrdup("Every table key");
	b->was = xstrdup("b_old");
	b->without_rowid = true;
	b->strict = true;
	c = column_new("id", "integer");
	c->primary_key = true;
	table_add_column(b, c);
	table_add_column(b, column_new("ax", "integer"));
	table_add_column(b, column_new("ay", "integer"));
	u = unique_new();
	strlist_push(&u->columns, "ax");
	strlist_push(&u->columns, "ay");
	plist_push(&b->uniques, u);
	u = unique_new();
	strlist_push(&u->columns, "id");
	plist_push(&b->uniques, u);
	fk = foreign_key_new();
	strlist_push(&fk->columns, "ax");
	strlist_push(&fk->columns, "ay");
	fk->ref_table = xstrdup("a");
	strlist_push(&fk->ref_columns, "x");
	strlist_push(&fk->ref_columns, "y");
	fk->on_delete = ACTION_CASCADE;
	fk->on_update = ACTION_RESTRICT;
	fk->name = xstrdup("fk_b_a");
	plist_push(&b->foreign_keys, fk);
	fk = foreign_key_new();
	strlist_push(&fk->columns, "ax");
	fk->ref_table = xstrdup("a");
	plist_push(&b->foreign_keys, fk);
	ix = index_new("ix_b_axy");
	strlist_push(&ix->columns, "ax");
	strlist_push(&ix->columns, "ay");
	ix->unique = true;
	ix->where = xstrdup("ax IS NOT NULL");
	plist_push(&b->indexes, ix);
	ix = index_new("ix_b_ay");
	strlist_push(&ix->columns, "ay");
	plist_push(&b->indexes, ix);
	plist_push(&b->checks, check_new("positive", "ax > 0"));
	plist_push(&b->checks, check_new("multi", "ax > 0\nOR ay > 0"));

	m = model_with(a);
	model_add_table(m, b);
	text = save(m);
	assert_string_equal(text,
		"skema: 1\n"
		"tables:\n"
		"  a:\n"
		"    columns:\n"
		"      x: integer\n"
		"      'y': integer\n"
		"    primary_key: [x, 'y']\n"
		"  b:\n"
		"    comment: Every table key\n"
		"    was: b_old\n"
		"    without_rowid: true\n"
		"    strict: true\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      ax: integer\n"
		"      ay: integer\n"
		"    unique:\n"
		"    - [ax, ay]\n"
		"    - [id]\n"
		"    foreign_keys:\n"
		"    - {columns: [ax, ay], references: a, ref_columns: [x, 'y'], "
		"on_delete: cascade, on_update: restrict, name: fk_b_a}\n"
		"    - {columns: [ax], references: a}\n"
		"    indexes:\n"
		"      ix_b_axy: {columns: [ax, ay], unique: true, where: ax IS NOT NULL}\n"
		"      ix_b_ay: {columns: [ay]}\n"
		"    checks:\n"
		"      positive: ax > 0\n"
		"      multi: |-\n"
		"        ax > 0\n"
		"        OR ay > 0\n");
	assert_round_trip(m, text);
	free(text);
	model_free(m);
}

static void test_top_level(void **state)
{
	struct model *m = model_new();
	struct enum_type *e;
	struct table *t;
	struct link *l;
	char *text;
	char longexpr[400];

	(void)state;
	m->version = 1;
	m->name = xstrdup("demo");
	e = enum_type_new("mood");
	strlist_push(&e->values, "happy");
	strlist_push(&e->values, "sad");
	plist_push(&m->enums, e);
	t = table_new("t");
	table_add_column(t, column_new("id", "integer"));
	model_add_table(m, t);
	l = link_new(LINK_ONE_TO_MANY);
	l->field[LK_PARENT] = xstrdup("t");
	l->field[LK_CHILD] = xstrdup("u");
	l->field[LK_VIA] = xstrdup("t_id");
	plist_push(&m->links, l);
	l = link_new(LINK_MANY_TO_MANY);
	l->field[LK_LEFT] = xstrdup("t");
	l->field[LK_RIGHT] = xstrdup("v");
	l->field[LK_THROUGH] = xstrdup("t_v");
	l->field[LK_LEFT_NAME] = xstrdup("vs");
	l->field[LK_RIGHT_NAME] = xstrdup("ts");
	plist_push(&m->links, l);
	plist_push(&m->views, sql_object_new("v_one", "SELECT id FROM t"));
	plist_push(&m->views, sql_object_new("v_two", "SELECT id\nFROM t\n"));
	/* A long line is never folded, whatever the width. */
	memset(longexpr, 0, sizeof longexpr);
	strcpy(longexpr, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1");
	while (strlen(longexpr) < 300)
		strcat(longexpr, ", 1");
	strcat(longexpr, "; END");
	plist_push(&m->triggers, sql_object_new("tr", longexpr));
	plist_push(&m->layout, placement_new("t", 10, 4));
	plist_push(&m->layout, placement_new("u", -3, 0));
	text = save(m);
	{
		struct strbuf want;

		sb_init(&want);
		sb_add(&want,
			"skema: 1\n"
			"name: demo\n"
			"enums:\n"
			"  mood: [happy, sad]\n"
			"tables:\n"
			"  t:\n"
			"    columns:\n"
			"      id: integer\n"
			"links:\n"
			"- {kind: one_to_many, parent: t, child: u, via: t_id}\n"
			"- {kind: many_to_many, left: t, right: v, through: t_v, "
			"left_name: vs, right_name: ts}\n"
			"views:\n"
			"  v_one: SELECT id FROM t\n"
			"  v_two: |\n"
			"    SELECT id\n"
			"    FROM t\n"
			"triggers:\n"
			"  tr: ");
		sb_add(&want, longexpr);
		sb_add(&want,
			"\n"
			"layout:\n"
			"  t: [10, 4]\n"
			"  u: [-3, 0]\n");
		assert_string_equal(text, want.buf);
		sb_free(&want);
	}
	assert_round_trip(m, text);
	free(text);
	model_free(m);
}

/* Block scalars where they fit; double quotes where a block would
 * change the text on reading or end the stream with `...`. */
static void test_multiline_text(void **state)
{
	struct model *m = model_new();
	char *text;

	(void)state;
	m->version = 1;
	plist_push(&m->views, sql_object_new("keep", "SELECT 1\n\n"));
	plist_push(&m->views, sql_object_new("indented", "  SELECT 1\nFROM t"));
	plist_push(&m->views, sql_object_new("cr", "SELECT 1\r\nFROM t"));
	plist_push(&m->views, sql_object_new("spaces", "SELECT 1 \nFROM t"));
	plist_push(&m->views, sql_object_new("newline", "\n"));
	text = save(m);
	assert_string_equal(text,
		"skema: 1\n"
		"views:\n"
		"  keep: \"SELECT 1\\n\\n\"\n"
		"  indented: |2-\n"
		"      SELECT 1\n"
		"    FROM t\n"
		"  cr: \"SELECT 1\\r\\nFROM t\"\n"
		"  spaces: \"SELECT 1 \\nFROM t\"\n"
		"  newline: \"\\n\"\n");
	assert_round_trip(m, text);
	free(text);
	model_free(m);
}

/* UTF-8 stays as it is (libyaml escapes characters beyond the BMP), and
 * an invalid byte becomes U+FFFD instead of failing the save. */
static void test_unicode(void **state)
{
	struct table *t = table_new("h\xC3\xA9ros");
	struct model *m;
	char *text;

	(void)state;
	table_add_column(t, column_new("\xE5\x90\x8D\xE5\x89\x8D", "text"));
	table_add_column(t, column_new("bad\xFFname", "text"));
	table_add_column(t, column_new("emoji \xF0\x9F\x98\x80", "text"));
	m = model_with(t);
	text = save(m);
	assert_string_equal(text,
		"skema: 1\n"
		"tables:\n"
		"  h\xC3\xA9ros:\n"
		"    columns:\n"
		"      \xE5\x90\x8D\xE5\x89\x8D: text\n"
		"      bad\xEF\xBF\xBDname: text\n"
		"      \"emoji \\U0001F600\": text\n");
	free(text);
	model_free(m);
}

static void test_random_round_trips(void **state)
{
	(void)state;
	for (unsigned seed = 0; seed < 250; seed++) {
		struct model *m = random_model(seed);
		char *text = save(m);
		char *twice = save(m);

		/* Deterministic: the same model gives the same bytes. */
		assert_string_equal(text, twice);
		assert_round_trip(m, text);
		free(twice);
		free(text);
		model_free(m);
	}
}

static char *read_sample(const char *name, size_t *len)
{
	const char *srcdir = getenv("srcdir");
	char path[4096];
	FILE *f;
	char *buf;
	long n;

	snprintf(path, sizeof path, "%s/samples/%s", srcdir ? srcdir : ".", name);
	f = fopen(path, "rb");
	if (!f)
		print_error("cannot open %s\n", path);
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void check_sample(const char *name)
{
	struct diag_list dl;
	struct model *m;
	size_t len;
	char *orig = read_sample(name, &len);
	char *text;

	diag_list_init(&dl);
	m = model_load_yaml(orig, len, &dl);
	for (size_t i = 0; i < dl.n; i++)
		print_error("%s:%u:%u: %s\n", name, dl.items[i].pos.line,
			    dl.items[i].pos.col, dl.items[i].message);
	assert_non_null(m);
	assert_int_equal(dl.n, 0);
	text = save(m);
	if (strcmp(text, orig) != 0)
		print_error("%s is not canonical; saved:\n%s\n", name, text);
	assert_string_equal(text, orig);
	free(text);
	free(orig);
	model_free(m);
	diag_list_free(&dl);
}

static void test_sample_heroes(void **state)
{
	(void)state;
	check_sample("heroes.yaml");
}

static void test_sample_blog(void **state)
{
	(void)state;
	check_sample("blog.yaml");
}

static void test_sample_shop(void **state)
{
	(void)state;
	check_sample("shop.yaml");
}

static void test_save_file(void **state)
{
	char dir[] = "/tmp/skema-save-XXXXXX";
	char path[64], *err = NULL, *data = NULL, *text;
	struct model *m = random_model(7);
	size_t len;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/m.yaml", dir);
	assert_int_equal(model_save_file(m, path, &err), 0);
	assert_null(err);
	assert_int_equal(file_read_all(path, &data, &len, &err), 0);
	text = save(m);
	assert_string_equal(data, text);
	assert_int_equal(unlink(path), 0);

	/* A directory that does not exist: an error, nothing written. */
	snprintf(path, sizeof path, "%s/missing/m.yaml", dir);
	assert_int_equal(model_save_file(m, path, &err), -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(rmdir(dir), 0);
	free(text);
	free(data);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_model),
		cmocka_unit_test(test_column_shorthand_and_nullable),
		cmocka_unit_test(test_every_column_key),
		cmocka_unit_test(test_default_kinds),
		cmocka_unit_test(test_scalar_quoting),
		cmocka_unit_test(test_table_keys),
		cmocka_unit_test(test_top_level),
		cmocka_unit_test(test_multiline_text),
		cmocka_unit_test(test_unicode),
		cmocka_unit_test(test_random_round_trips),
		cmocka_unit_test(test_sample_heroes),
		cmocka_unit_test(test_sample_blog),
		cmocka_unit_test(test_sample_shop),
		cmocka_unit_test(test_save_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
