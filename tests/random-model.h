/* random-model.h — pseudo-random models for round-trip tests.
 *
 * The same seed always gives the same model.  The models are valid
 * enough for the YAML layer (unique names in every mapping, well-formed
 * values) but exercise every field of format v1 with awkward names and
 * text; they are not meant to pass model_check(). */
#ifndef SKEMA_RANDOM_MODEL_H
#define SKEMA_RANDOM_MODEL_H

#include "model.h"

struct model *random_model(unsigned seed);

#endif
