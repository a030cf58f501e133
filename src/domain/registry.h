/*
 * registry.h — the writes of the registry the missions share (actors, people) and of
 * initiatives, each in a transaction of its own, for the edit forms and the API
 * (web/edit_*.c, web/api_edit.c). The create, update and archive functions (actor.h,
 * person.h, initiative.h) run inside their caller's transaction, so that the demo loader
 * can batch them; a form or an API call is one write, committed whole or not at all.
 *
 * Each function: begins a write transaction on db (the writer connection), calls the
 * entity's function, commits; on any error rolls back, so a refusal (ERR_INVALID with
 * *err naming the input struct's field) changes nothing. who is the audit log's "who"
 * (the signed-in user's e-mail, the token's name). Errors as the entity's function's,
 * and ERR_DB / ERR_BUSY from the transaction.
 *
 * Never: decide who may write (the web layer asks the authorization table first).
 */
#ifndef DOMAIN_REGISTRY_H
#define DOMAIN_REGISTRY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/actor.h"
#include "domain/initiative.h"
#include "domain/person.h"
#include "domain/write.h"

/* id 0: create (*out_id the new id); else update that live entity (*out_id = id). */
enum err registry_actor_save(struct db *db, int64_t id, const struct actor_new *in, const char *who,
                             int64_t now, int64_t *out_id, struct write_error *err);
enum err registry_person_save(struct db *db, int64_t id, const struct person_new *in,
                              const char *who, int64_t now, int64_t *out_id,
                              struct write_error *err);
enum err registry_initiative_save(struct db *db, int64_t id, const struct initiative_new *in,
                                  const char *who, int64_t now, int64_t *out_id,
                                  struct write_error *err);

/* Archive a live entity (one already archived is left alone: ERR_OK). An initiative that
 * is a proposal not accepted is ERR_CONFLICT: it leaves the review queue only by a decline,
 * which the proposer is told of. */
enum err registry_actor_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err registry_person_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err registry_initiative_archive(struct db *db, int64_t id, const char *who, int64_t now);

/* ---- what the forms offer */

/* A slug made from a name (for a new actor or initiative given none): lower case,
 * Latin-1 letters without their accents (å ä to a, ö to o, é to e ...), ASCII letters and
 * digits kept, everything else one '-', at most 64 bytes; "" when nothing is left. In a. */
const char *registry_slug(struct arena *a, const char *name);

struct municipality_item {
    const char *code, *name;
};
/* The municipalities of the reference data, by name (arrays in a). ERR_DB, ERR_BUSY. */
enum err registry_municipalities(struct db *db, struct arena *a, struct municipality_item **out,
                                 int *out_n);

#endif
