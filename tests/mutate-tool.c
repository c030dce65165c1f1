/* mutate-tool.c — `mutate-tool MODEL.yaml SEED`: print mutate_model() of
 * the model for that seed as YAML, for the shell tests of migrations. */
#include <stdio.h>
#include <stdlib.h>

#include "model-yaml.h"
#include "mutate-model.h"

int main(int argc, char **argv)
{
	struct diag_list dl;
	struct model *a, *b;
	char *err = NULL, *yaml;
	size_t len;

	if (argc != 3) {
		fprintf(stderr, "usage: mutate-tool MODEL.yaml SEED\n");
		return 2;
	}
	diag_list_init(&dl);
	if (model_load_file(argv[1], &a, &dl, &err) != 0 || dl.errors) {
		fprintf(stderr, "mutate-tool: cannot load %s: %s\n", argv[1], err ? err : "errors");
		free(err);
		diag_list_free(&dl);
		return 2;
	}
	b = mutate_model(a, (unsigned)strtoul(argv[2], NULL, 10));
	yaml = model_save_yaml(b, &len);
	fwrite(yaml, 1, len, stdout);
	free(yaml);
	model_free(b);
	model_free(a);
	diag_list_free(&dl);
	return 0;
}
