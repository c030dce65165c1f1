/* test-infer-links.c — links inferred from foreign keys (src/infer-links.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "infer-links.h"
#include "model-check.h"
#include "model-yaml.h"

static struct model *load(const char *yaml)
{
	struct diag_list dl;
	struct model *m;

	diag_list_init(&dl);
	m = model_load_yaml(yaml, strlen(yaml), &dl);
	assert_non_null(m);
	assert_int_equal(dl.errors, 0);
	diag_list_free(&dl);
	return m;
}

/* The links as the YAML flow lines model_save_yaml writes. */
static void expect_links(struct model *m, const char *want)
{
	char *yaml = model_save_yaml(m, NULL);
	const char *links = strstr(yaml, "links:\n");
	struct diag_list dl;

	assert_non_null(links);
	assert_string_equal(links, want);
	free(yaml);
	/* Whatever was inferred passes the checker. */
	diag_list_init(&dl);
	model_check(m, &dl);
	assert_int_equal(dl.errors, 0);
	diag_list_free(&dl);
}

static void test_one_to_many_and_many_to_many(void **state)
{
	struct model *m = load(
		"skema: 1\n"
		"tables:\n"
		"  team:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  hero:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      team_id: {type: integer, references: team.id}\n"
		"  power:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  hero_power:\n"
		"    columns:\n"
		"      hero_id: {type: integer, references: hero.id}\n"
		"      power_id: integer\n"
		"      since: date\n"
		"      granted_by: {type: integer, references: hero.id}\n"
		"    primary_key: [hero_id, power_id]\n"
		"    foreign_keys:\n"
		"    - {columns: [power_id], references: power}\n");

	(void)state;
	assert_int_equal(infer_links(m), 3);
	expect_links(m,
		"links:\n"
		"- {kind: one_to_many, parent: team, child: hero, via: team_id, parent_name: heroes, child_name: team}\n"
		"- {kind: many_to_many, left: hero, right: power, through: hero_power, left_name: powers, right_name: heroes}\n"
		"- {kind: one_to_many, parent: hero, child: hero_power, via: granted_by, parent_name: hero_powers, child_name: hero}\n");
	model_free(m);
}

static void test_names_stay_unique(void **state)
{
	struct model *m = load(
		"skema: 1\n"
		"tables:\n"
		"  Language:\n"
		"    columns:\n"
		"      LanguageId: {type: integer, primary_key: true}\n"
		"      films: text\n"
		"  Film:\n"
		"    columns:\n"
		"      FilmID: {type: integer, primary_key: true}\n"
		"      LanguageId: {type: integer, references: Language.LanguageId}\n"
		"      OriginalLanguageId: {type: integer, references: Language.LanguageId}\n"
		"      ReportsTo: {type: integer, references: Film.FilmID}\n"
		"  category:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      manager_id: {type: integer, references: category.id}\n"
		"  Order Details:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      category_id: {type: integer, references: category.id}\n");

	(void)state;
	assert_int_equal(infer_links(m), 5);
	expect_links(m,
		"links:\n"
		"- {kind: one_to_many, parent: Language, child: Film, via: LanguageId, parent_name: Films, child_name: Language}\n"
		"- {kind: one_to_many, parent: Language, child: Film, via: OriginalLanguageId, parent_name: OriginalLanguage_Films, child_name: OriginalLanguage}\n"
		"- {kind: one_to_many, parent: Film, child: Film, via: ReportsTo, parent_name: children, child_name: parent}\n"
		"- {kind: one_to_many, parent: category, child: category, via: manager_id, parent_name: children, child_name: manager}\n"
		"- {kind: one_to_many, parent: category, child: Order Details, via: category_id, parent_name: Order_Details, child_name: category}\n");
	model_free(m);
}

static void test_what_is_not_a_link(void **state)
{
	struct model *m = load(
		"skema: 1\n"
		"tables:\n"
		"  a:\n"
		"    columns:\n"
		"      x: {type: integer, nullable: false}\n"
		"      y: {type: integer, nullable: false}\n"
		"      code: {type: text, unique: true}\n"
		"    primary_key: [x, y]\n"
		"  b:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"      a_code: {type: text, references: a.code}\n"
		"      ax: integer\n"
		"      ay: integer\n"
		"    foreign_keys:\n"
		"    - {columns: [ax, ay], references: a, ref_columns: [x, y]}\n"
		"  c:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  three:\n"
		"    columns:\n"
		"      p: {type: integer, references: c.id}\n"
		"      q: {type: integer, references: c.id}\n"
		"      r: {type: integer, references: c.id}\n"
		"    primary_key: [p, q, r]\n");

	(void)state;
	/* Not to a primary key, composite, or a key of three: only the
	 * three single foreign keys of `three` to c. */
	assert_int_equal(infer_links(m), 3);
	expect_links(m,
		"links:\n"
		"- {kind: one_to_many, parent: c, child: three, via: p, parent_name: threes, child_name: c}\n"
		"- {kind: one_to_many, parent: c, child: three, via: q, parent_name: threes_2, child_name: c_2}\n"
		"- {kind: one_to_many, parent: c, child: three, via: r, parent_name: threes_3, child_name: c_3}\n");
	model_free(m);
}

static void test_self_many_to_many_and_foreign_keys_list(void **state)
{
	struct model *m = load(
		"skema: 1\n"
		"tables:\n"
		"  person:\n"
		"    columns:\n"
		"      id: {type: integer, primary_key: true}\n"
		"  friendship:\n"
		"    columns:\n"
		"      person_id: integer\n"
		"      friend_id: {type: integer, references: person.id}\n"
		"    primary_key: [person_id, friend_id]\n"
		"    foreign_keys:\n"
		"    - {columns: [person_id], references: person, ref_columns: [id]}\n");

	(void)state;
	assert_int_equal(infer_links(m), 1);
	expect_links(m,
		"links:\n"
		"- {kind: many_to_many, left: person, right: person, through: friendship, left_name: friends, right_name: people}\n");
	model_free(m);
}

static void test_no_links(void **state)
{
	struct model *m = model_new();

	(void)state;
	assert_int_equal(infer_links(m), 0);
	assert_int_equal(m->links.n, 0);
	model_free(m);
}

static void test_plural(void **state)
{
	static const struct {
		const char *one, *many;
	} cases[] = {
		{ "hero", "heroes" }, { "photo", "photos" }, { "category", "categories" },
		{ "day", "days" }, { "address", "addresses" }, { "status", "statuses" },
		{ "box", "boxes" }, { "match", "matches" }, { "Customers", "Customers" },
		{ "InvoiceLine", "InvoiceLines" }, { "person", "people" },
		{ "SalesPerson", "SalesPeople" }, { "child", "children" }, { "USER", "USERS" },
		{ "COUNTRY", "COUNTRIES" }, { "staff", "staffs" }, { "analysis", "analysises" },
		{ "", "items" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *p = infer_links_plural(cases[i].one);

		assert_string_equal(p, cases[i].many);
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_to_many_and_many_to_many),
		cmocka_unit_test(test_names_stay_unique),
		cmocka_unit_test(test_what_is_not_a_link),
		cmocka_unit_test(test_self_many_to_many_and_foreign_keys_list),
		cmocka_unit_test(test_no_links),
		cmocka_unit_test(test_plural),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
