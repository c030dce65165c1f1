/* mutate-model.h — a seeded random variant B of a valid model A, for the
 * migration tests (diff, plan, apply).
 *
 * B is valid (model_check finds no errors) and differs from A by one to
 * five changes drawn from every kind the diff knows: tables and columns
 * added, dropped and renamed (with `was`), types widened and narrowed,
 * nullability, defaults, checks, bounds, unique, index, primary-key
 * membership, foreign keys and their actions, named indexes and checks,
 * enums, views, triggers, comments and column order.
 *
 * Every change keeps rows that were valid in A valid in B and keeps the
 * values of every surviving column: constraints are only loosened, or
 * added where no existing row can break them (a new column is NULL or its
 * default everywhere).  So a database built from A and filled with any
 * rows A allows can be migrated to B without losing or rejecting a row.
 * The same (A, seed) always gives the same B.  The caller frees B. */
#ifndef SKEMA_MUTATE_MODEL_H
#define SKEMA_MUTATE_MODEL_H

#include "model.h"

struct model *mutate_model(const struct model *a, unsigned seed);

#endif
