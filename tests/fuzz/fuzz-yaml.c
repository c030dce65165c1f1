/* fuzz-yaml.c — libFuzzer harness for the model loader.
 *
 * The property, beyond "no crash, no leak": whenever the loader accepts
 * the text without an error, model_check runs on it, and the canonical
 * text model_save_yaml writes loads back without an error to a model_eq
 * model, and saving that again gives the same bytes (save is a
 * fixpoint).  A failure aborts, so libFuzzer keeps the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model-check.h"
#include "model-yaml.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_yaml_fail(const char *what, const char *first, const char *second)
{
	fprintf(stderr, "fuzz-yaml: %s\n--- first text ---\n%s\n--- second text ---\n%s\n",
		what, first ? first : "(none)", second ? second : "(none)");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl, dl2;
	struct model *m, *back;
	char *text, *again;
	size_t len, len2;

	diag_list_init(&dl);
	m = model_load_yaml((const char *)data, size, &dl);
	if (!m || dl.errors) {
		/* A partial model must still be checkable without harm. */
		if (m)
			model_check(m, &dl);
		model_free(m);
		diag_list_free(&dl);
		return 0;
	}
	model_check(m, &dl);

	text = model_save_yaml(m, &len);
	if (!text || strlen(text) != len)
		fuzz_yaml_fail("model_save_yaml returned no text or a wrong length", text, NULL);
	diag_list_init(&dl2);
	back = model_load_yaml(text, len, &dl2);
	if (!back || dl2.errors)
		fuzz_yaml_fail(dl2.n ? dl2.items[0].message : "saved text does not load",
			       text, NULL);
	if (!model_eq(m, back))
		fuzz_yaml_fail("saved text loads to a different model", text, NULL);
	again = model_save_yaml(back, &len2);
	if (len2 != len || memcmp(text, again, len) != 0)
		fuzz_yaml_fail("saving the reloaded model gives other text", text, again);

	free(again);
	free(text);
	model_free(back);
	diag_list_free(&dl2);
	model_free(m);
	diag_list_free(&dl);
	return 0;
}
