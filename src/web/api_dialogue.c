/*
 * api_dialogue.c — a mission's dialogues in the JSON API (issue 13):
 * GET /api/v1/missions/{slug}/dialogues (paged, newest first), GET /api/v1/dialogues/{id}
 * with its actors, objectives and follow-ups, POST /api/v1/missions/{slug}/dialogues
 * (create: 201 with Location) and PATCH /api/v1/dialogues/{id} (only the members given
 * change).
 *
 * The notes (summary, outcomes, follow-ups) of a dialogue not marked public are empty for
 * a caller who may not edit it (dialogue_hide_notes); the writes follow api_edit.c's rules
 * (api_body.h): the mission from the path, the rule asked before the body is read, one
 * transaction, a refusal naming the body's member.
 */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/dialogue.h"
#include "domain/mission.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"

/* clang-format off */
#define T struct dialogue
#define FU struct follow_up
static const struct res_field dialogue_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_DATE("held_on", T, held_on, 0, NULL),
    R_ENUM("format", T, format, &code_dialogue_format, 0, NULL),
    R_TEXT("title", T, title_sv, title_en, NULL),
    R_BOOL("is_public", T, is_public, 0, "The notes are public; if not, they are empty "
           "for all but the mission's coordinators"),
    R_TEXT("summary", T, summary_sv, summary_en, "Markdown source"),
    R_TEXT("outcomes", T, outcomes_sv, outcomes_en, "Markdown source"),
    R_INT("n_actors", T, n_actors, 0, "Actors taking part"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_ARR("actors", T, actors, n_actors_loaded, struct dialogue_actor, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", struct dialogue_actor, id, 0, NULL),
        R_STR("slug", struct dialogue_actor, slug, 0, NULL),
        R_STR("name", struct dialogue_actor, name, 0, NULL),
        R_ENUM("sector", struct dialogue_actor, sector, &code_actor_sector, 0, NULL))),
        RES_ONE, "Taking part (single resource only)"),
    R_ARR("objectives", T, objectives, n_objectives, struct dialogue_objective,
        R_ITEM_OBJ(R_FIELDS(
        R_INT("id", struct dialogue_objective, id, 0, NULL),
        R_TEXT("title", struct dialogue_objective, title_sv, title_en, NULL))),
        RES_ONE, "Objectives touched (single resource only)"),
    R_ARR("follow_ups", T, follow_ups, n_follow_ups, FU, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", FU, id, 0, NULL),
        R_TEXT("text", FU, text_sv, text_en, NULL),
        R_ID_OR_NULL("owner_id", FU, owner_id, "A person"),
        R_STR("owner_name", FU, owner_name, RES_NULL, NULL),
        R_DATE("due_on", FU, due_on, 0, NULL),
        R_BOOL("done", FU, done, 0, NULL))),
        RES_ONE, "Follow-ups, by due date (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/dialogues/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("html", "/dialogues/{id}", "The page", R_ARG_INT("id", T, id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef FU
#undef T

static const struct res_field dialogue_write_fields[] = {
    R_DOC("held_on", RT_DATE, RES_OPT, "Required to create"),
    R_DOC_ENUM("format", &code_dialogue_format, RES_OPT, "Required to create"),
    R_DOC("title", RT_TEXT, RES_OPT, "Swedish required to create"),
    R_DOC("summary", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC("outcomes", RT_TEXT, RES_OPT, "Markdown"),
    R_DOC("is_public", RT_BOOL, RES_OPT, "The notes are public (default false)"),
    R_DOC_ARR("actor_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Actors taking part, each once"),
    R_DOC_ARR("objective_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Objectives of its mission"),
    R_DOC_ARR("follow_ups", (&(const struct res_field){.type = RT_OBJ, .sub = R_FIELDS(
        R_DOC("id", RT_INT, RES_OPT, "A stored follow-up of the dialogue to keep; none: a new one"),
        R_DOC("text", RT_TEXT, 0, "Swedish required"),
        R_DOC("owner_id", RT_INT, 0, "A person"),
        R_DOC("due_on", RT_DATE, 0, NULL))}),
              RES_OPT, "Replaces the follow-ups: stored ones not named are removed"),
    R_END,
};
/* clang-format on */

static const struct resource dialogue_res = {
    .name = "Dialogue",
    .fields = dialogue_fields,
    .size = sizeof(struct dialogue),
};

static const struct resource dialogue_write_res = {
    .name = "DialogueWrite",
    .desc = "A dialogue to log, or the members to change; unknown and protected members are "
            "refused",
    .fields = dialogue_write_fields,
};

static enum err
dialogues_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct authz_scope scope = {0};
    struct dialogue *ds = NULL;
    struct mission m;
    bool all;
    enum err rc;
    int i;

    rc = api_live_mission(rq, rq->db, &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = dialogue_list(rq->db, rq->arena, m.id, pg, &ds, out_n, out_total);
    scope.mission_id = m.id;
    all = rc == ERR_OK && req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    for (i = 0; rc == ERR_OK && i < *out_n; i++)
        dialogue_hide_notes(&ds[i], all);
    *out = ds;
    return rc;
}

static const struct resource dialogue_list_res = {
    .name = "DialogueList",
    .paged = &dialogue_res,
    .load = dialogues_load,
};

const struct resource *const api_dialogue_resources[] = {&dialogue_res, &dialogue_list_res,
                                                         &dialogue_write_res, NULL};

enum err
api_mission_dialogues(struct req *rq)
{
    return res_list(rq, &dialogue_list_res);
}

static enum err
respond(struct req *rq, struct db *db, int64_t id)
{
    struct authz_scope scope = {0};
    struct dialogue d;
    enum err rc;

    rc = dialogue_get(db, rq->arena, id, &d);
    if (rc)
        return rc;
    req_shows_mission(rq, d.mission_id);
    scope.mission_id = d.mission_id;
    dialogue_hide_notes(&d, req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope));
    return res_respond(rq, &dialogue_res, &d);
}

enum err
api_dialogue(struct req *rq)
{
    return respond(rq, rq->db, req_int(rq, "id", 0));
}

/* ------------------------------------------------------------ writes */

static enum api_member
follow_ups_member(struct req *rq, json_t *v, struct dialogue_new *in)
{
    struct follow_up_new *fus;
    json_t *item, *x;
    size_t i, n;
    const char *key;

    if (!json_is_array(v))
        return API_BAD;
    n = json_array_size(v);
    if (n > WRITE_MAX_ITEMS + 1)
        n = WRITE_MAX_ITEMS + 1;
    fus = arena_alloc(rq->arena, (n > 0 ? n : 1) * sizeof(*fus));
    for (i = 0; i < n; i++) {
        item = json_array_get(v, i);
        memset(&fus[i], 0, sizeof(fus[i]));
        if (!json_is_object(item))
            return API_BAD;
        json_object_foreach(item, key, x)
        {
            enum api_member r;

            if (strcmp(key, "id") == 0)
                r = api_body_id(x, true, &fus[i].id);
            else if (strcmp(key, "text") == 0)
                r = api_body_text(rq, x, &fus[i].text_sv, &fus[i].text_en);
            else if (strcmp(key, "owner_id") == 0)
                r = api_body_id(x, true, &fus[i].owner_id);
            else if (strcmp(key, "due_on") == 0)
                r = api_body_str(rq, x, true, &fus[i].due_on);
            else
                r = API_BAD;
            if (r != API_APPLIED)
                return API_BAD;
        }
    }
    in->follow_ups = fus;
    in->n_follow_ups = (int)n;
    return API_APPLIED;
}

static enum api_member
dialogue_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct dialogue_new *in = ctx;
    static const char *const text_why = N_("must be {\"sv\": text, \"en\": text}");

    if (strcmp(key, "held_on") == 0)
        return api_body_str(rq, v, false, &in->held_on);
    if (strcmp(key, "format") == 0)
        return api_body_str(rq, v, false, &in->format);
    if (strcmp(key, "title") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->title_sv, &in->title_en);
    }
    if (strcmp(key, "summary") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->summary_sv, &in->summary_en);
    }
    if (strcmp(key, "outcomes") == 0) {
        *why = text_why;
        return api_body_text(rq, v, &in->outcomes_sv, &in->outcomes_en);
    }
    if (strcmp(key, "is_public") == 0) {
        if (!json_is_boolean(v))
            return API_BAD;
        in->is_public = json_is_true(v);
        return API_APPLIED;
    }
    if (strcmp(key, "actor_ids") == 0) {
        *why = N_("must be an array of actor ids");
        return api_body_ids(rq, v, &in->actor_ids, &in->n_actors);
    }
    if (strcmp(key, "objective_ids") == 0) {
        *why = N_("must be an array of objective ids");
        return api_body_ids(rq, v, &in->objective_ids, &in->n_objectives);
    }
    if (strcmp(key, "follow_ups") == 0) {
        *why = N_("must be an array of {\"id\", \"text\", \"owner_id\", \"due_on\"}");
        return follow_ups_member(rq, v, in);
    }
    return API_UNKNOWN;
}

/* Save in (id 0: create) and answer. */
static enum err
dialogue_write(struct req *rq, int64_t id, struct dialogue_new *in)
{
    struct write_error we = {0};
    const char *who;
    int64_t out_id = 0, now = (int64_t)time(NULL);
    enum err rc;

    rc = api_body_read(rq, in, dialogue_member);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = dialogue_save(rq->wdb, id, in, who, now, &out_id, &we);
    if (rc == ERR_INVALID && we.field != NULL && strncmp(we.field, "outcomes_", 9) == 0)
        we.field = "outcomes";
    return api_body_saved(rq, rc, &we, id, out_id, "/api/v1/dialogues/", respond);
}

enum err
api_dialogue_create(struct req *rq)
{
    struct authz_scope scope = {0};
    struct dialogue_new in = {0};
    struct mission m;
    enum err rc;

    rc = api_live_mission(rq, rq->wdb, &m);
    if (rc)
        return rc;
    scope.mission_id = m.id;
    rc = req_allow(rq, AUTHZ_DIALOGUE_CREATE, &scope);
    if (rc)
        return rc;
    in.mission_id = m.id;
    return dialogue_write(rq, 0, &in);
}

enum err
api_dialogue_update(struct req *rq)
{
    struct authz_scope scope = {0};
    struct follow_up_new *fus;
    struct dialogue_new in = {0};
    struct dialogue d;
    int64_t *ids;
    enum err rc;
    int i;

    rc = dialogue_get(rq->wdb, rq->arena, req_int(rq, "id", 0), &d);
    if (rc)
        return rc;
    scope.mission_id = d.mission_id;
    rc = req_allow(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    if (rc)
        return rc;
    /* what is stored, for the members not given */
    in.held_on = d.held_on;
    in.format = d.format;
    in.title_sv = d.title_sv;
    in.title_en = d.title_en;
    in.summary_sv = d.summary_sv;
    in.summary_en = d.summary_en;
    in.outcomes_sv = d.outcomes_sv;
    in.outcomes_en = d.outcomes_en;
    in.is_public = d.is_public;
    ids = arena_alloc(rq->arena, (size_t)(d.n_actors_loaded + 1) * sizeof(*ids));
    for (i = 0; i < d.n_actors_loaded; i++)
        ids[i] = d.actors[i].id;
    in.actor_ids = ids;
    in.n_actors = d.n_actors_loaded;
    ids = arena_alloc(rq->arena, (size_t)(d.n_objectives + 1) * sizeof(*ids));
    for (i = 0; i < d.n_objectives; i++)
        ids[i] = d.objectives[i].id;
    in.objective_ids = ids;
    in.n_objectives = d.n_objectives;
    fus = arena_alloc(rq->arena, (size_t)(d.n_follow_ups + 1) * sizeof(*fus));
    for (i = 0; i < d.n_follow_ups; i++)
        fus[i] = (struct follow_up_new){d.follow_ups[i].id, d.follow_ups[i].text_sv,
                                        d.follow_ups[i].text_en, d.follow_ups[i].owner_id,
                                        d.follow_ups[i].due_on};
    in.follow_ups = fus;
    in.n_follow_ups = d.n_follow_ups;
    return dialogue_write(rq, d.id, &in);
}
