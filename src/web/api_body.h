/*
 * api_body.h — reading a JSON write's body and answering it, shared by the API's writes
 * that take their members one by one (api_edit.c: actors, people, top-down initiatives;
 * api_proposal.c: proposals and reviews).
 *
 * A body is one JSON object parsed with JSON_REJECT_DUPLICATES (anything else: 400). Its
 * members go through the write's own apply callback, after a member no client sets (ids,
 * is_demo, archived_at, role, owner, origin, mission_id ...: api_body_protected) is refused
 * by name as protected (422, SECURITY.md item 21); an unknown member is 400 naming it, a
 * value of the wrong type 422 naming it. Strings are copied into the request's arena (the
 * body is freed before the handler returns). Nothing here writes to the database or asks
 * the authorization table: the handlers do, before they read the body's values.
 */
#ifndef WEB_API_BODY_H
#define WEB_API_BODY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "domain/initiative.h"
#include "domain/write.h"
#include "web/web.h"

/* The verdict on one member: applied, not a member of this write, or a wrong value. */
enum api_member { API_APPLIED, API_UNKNOWN, API_BAD };

/* A write's member callback: apply member key's value v to ctx (the input being built);
 * on API_BAD, *why may say what the value must be (English, as the API's field reasons). */
typedef enum api_member (*api_member_fn)(struct req *rq, void *ctx, const char *key, json_t *v,
                                         const char **why);

/* Is key a member no client sets, on every entity? */
bool api_body_protected(const char *key);

/* The body as a JSON object (the caller decrefs *out), or a 400 refusal (ERR_INVALID). */
enum err api_body_object(struct req *rq, json_t **out);

/* Walk root's members through apply (a protected one is refused first, then an unknown or
 * bad one). ERR_OK when every member applied; else ERR_INVALID with the refusal set. */
enum err api_body_apply(struct req *rq, json_t *root, void *ctx, api_member_fn apply);

/* api_body_object and api_body_apply on the request's body, the body freed in any case. */
enum err api_body_read(struct req *rq, void *ctx, api_member_fn apply);

/* An archive's (or a removal's) body: nothing, or an object without members (400 naming
 * the first member). */
enum err api_body_empty(struct req *rq);

/* ---- the members' values (copied into rq's arena) */

/* A string (nullable: null is NULL). */
enum api_member api_body_str(struct req *rq, json_t *v, bool nullable, const char **out);
/* A bilingual text {"sv", "en"}: each half given replaces *sv or *en. */
enum api_member api_body_text(struct req *rq, json_t *v, const char **sv, const char **en);
/* An id, a positive integer (nullable: null is 0). */
enum api_member api_body_id(json_t *v, bool nullable, int64_t *out);
/* An array of strings, of ids: at most WRITE_MAX_ITEMS + 1 kept (the domain refuses more). */
enum api_member api_body_strs(struct req *rq, json_t *v, const char *const **out, int *out_n);
enum api_member api_body_ids(struct req *rq, json_t *v, const int64_t **out, int *out_n);
/* An initiative's actors [{"id": actor id, "role": role}] (role default "participant"), as
 * in->parts, after the first `keep` parts already in in->parts (a proposal's lead). */
enum api_member api_body_parts(struct req *rq, json_t *v, struct initiative_new *in, int keep);

/* An update's starting point: the stored initiative n as an initiative_new (the strings
 * and lists borrowed from n; the participants copied into rq's arena). */
void api_body_from_initiative(struct req *rq, const struct initiative *n,
                              struct initiative_new *in);

/* The members an initiative and a proposal share, applied to in: title, summary (bilingual
 * texts), start_date, end_date, budget_sek (whole kronor or null), objective_ids,
 * sdg_targets; API_UNKNOWN for any other key (the caller's own members come first). */
enum api_member api_body_initiative_member(struct req *rq, struct initiative_new *in,
                                           const char *key, json_t *v, const char **why);

/* ---- answers */

/* A domain refusal (an initiative_new's, an actor_new's ... field) as 422 naming the body's
 * member: "title" for title_sv and title_en, "actors" for parts, "mission" for mission_id. */
enum err api_body_refuse_write(struct req *rq, const struct write_error *we);

/*
 * The answer to a save whose result is rc (we: its refusal): a refusal as
 * api_body_refuse_write; a create (id 0) answered 201 with Location prefix + out_id and the
 * resource respond writes; an update 200 with the resource of id. Both read on the writer
 * connection the save wrote on.
 */
struct mission;
/* The live mission of the path's "slug" read through db (the request's or its writer's),
 * or ERR_NOTFOUND for none or an archived one: what a mission's own list or new item
 * stands on. */
enum err api_live_mission(struct req *rq, struct db *db, struct mission *out);

enum err api_body_saved(struct req *rq, enum err rc, const struct write_error *we, int64_t id,
                        int64_t out_id, const char *prefix,
                        enum err (*respond)(struct req *rq, struct db *db, int64_t id));

#endif
