/*
 * mission_edit.h — the writes of a mission and its goal tree, each in a transaction of its
 * own, for the forms and the API (web/ never begins or commits): the create, update and
 * archive functions of mission.h and indicator.h run inside the caller's transaction, so a
 * refusal part-way through leaves the caller to roll back. Each function here begins on db
 * (the writer connection), calls its namesake and commits only when it succeeded: on any
 * error (ERR_INVALID with err filled, ERR_CONFLICT, ERR_NOTFOUND ...) nothing is written.
 * now is the caller's clock (Unix seconds).
 */
#ifndef DOMAIN_MISSION_EDIT_H
#define DOMAIN_MISSION_EDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "db/db.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/write.h"

enum err medit_mission_create(struct db *db, const struct mission_new *in, const char *who,
                              int64_t *out_id, struct write_error *err);
enum err medit_mission_update(struct db *db, int64_t id, const struct mission_new *in,
                              const char *who, int64_t now, struct write_error *err);
enum err medit_mission_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err medit_mission_sdg(struct db *db, int64_t id, const char *const *targets, int n,
                           const char *who, int64_t now, struct write_error *err);

enum err medit_objective_create(struct db *db, const struct objective_new *in, const char *who,
                                int64_t *out_id, struct write_error *err);
enum err medit_objective_update(struct db *db, int64_t id, const struct objective_new *in,
                                const char *who, int64_t now, struct write_error *err);
/* ERR_CONFLICT while the objective has a live sub-objective or indicator. */
enum err medit_objective_archive(struct db *db, int64_t id, const char *who, int64_t now);

enum err medit_indicator_create(struct db *db, const struct indicator_new *in, const char *who,
                                int64_t *out_id, struct write_error *err);
enum err medit_indicator_update(struct db *db, int64_t id, const struct indicator_new *in,
                                const char *who, int64_t now, struct write_error *err);
enum err medit_indicator_archive(struct db *db, int64_t id, const char *who, int64_t now);
/* The indicator's SDG indicator codes, in order (an update replaces them as a set, so an
 * edit form shows them): *out in a. */
enum err medit_indicator_sdg_codes(struct db *db, struct arena *a, int64_t id, const char ***out,
                                   int *out_n);

enum err medit_team_add(struct db *db, const struct team_member_new *in, const char *who,
                        struct write_error *err);
enum err medit_team_update(struct db *db, const struct team_member_new *in, const char *who,
                           int64_t now, struct write_error *err);
enum err medit_team_remove(struct db *db, int64_t mission_id, int64_t person_id, const char *who,
                           int64_t now);

#endif
