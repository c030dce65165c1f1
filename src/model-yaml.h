/* model-yaml.h — format v1 on disk: load through libyaml's parser events,
 * save through libyaml's emitter in the canonical layout of `skema fmt`.
 *
 * Loading is strict: unknown keys, duplicate keys, wrong value kinds are
 * errors with a position.  The loader keeps going after an error so that
 * one run reports everything it can; it returns a model whenever the text
 * was well-formed YAML (possibly partial when errors were found), and NULL
 * only when the YAML itself could not be parsed.  Semantic checks
 * (dangling references, links, types) are model_check()'s job.
 *
 * Saving is deterministic byte for byte, and the saved text loads back to
 * a model_eq() model. */
#ifndef SKEMA_MODEL_YAML_H
#define SKEMA_MODEL_YAML_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct model *model_load_yaml(const char *text, size_t len, struct diag_list *dl);

/* Read and load a file.  Returns 0 and *out (possibly with error
 * diagnostics in dl), or -1 with *err set to one line ("cannot read
 * FILE: reason") when the file cannot be read; the caller frees *err. */
int model_load_file(const char *path, struct model **out, struct diag_list *dl,
		    char **err);

/* The canonical text; the caller frees.  *len may be NULL. */
char *model_save_yaml(const struct model *m, size_t *len);

/* Write the canonical text atomically: a temporary file in the same
 * directory, fsync, rename over path (then fsync of the directory).  On
 * failure the old file is untouched, returns -1 and sets *err. */
int model_save_file(const struct model *m, const char *path, char **err);

/* Write any bytes atomically to path; shared by `fmt -w` and save. */
int file_write_atomic(const char *path, const char *data, size_t len, char **err);

/* Read a whole file; NUL-terminated.  -1 with *err on failure. */
int file_read_all(const char *path, char **data, size_t *len, char **err);

#endif
