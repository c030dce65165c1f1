/* model-check.h — semantic validation of a model, shared by `skema check`,
 * the designer's status line and every command that reads a model.
 *
 * Appends errors and warnings to dl; positions come from the loader when
 * the model came from a file, otherwise the message names the object
 * ("table hero, column team_id: ...").  Never modifies the model. */
#ifndef SKEMA_MODEL_CHECK_H
#define SKEMA_MODEL_CHECK_H

#include "diag.h"
#include "model.h"

void model_check(const struct model *m, struct diag_list *dl);

#endif
