/*
 * api_learning.c — the learning log and the portfolio reviews in the JSON API: a mission's
 * entries (/api/v1/missions/{slug}/learning, paged, the latest decision first), one entry
 * (/api/v1/learning/{id}), a mission's reviews (/api/v1/missions/{slug}/portfolio_reviews);
 * and the writes: POST to the two lists (201 with Location) and PATCH of one (the members
 * given).
 *
 * What is not public (is_public false) is shown to the mission's coordinators and admins
 * alone (req_offers: a request without credentials reads the shared, cached public copy);
 * to anyone else a non-public entry is not there (404), to a PATCH as to a GET: a 403
 * would tell that it exists. The writes follow the forms' rules (page_learning.c):
 * req_allow for the route's rule on the mission of the path or the entry, one
 * transaction, nothing written on a refusal, which names the body's member.
 */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/learning.h"
#include "domain/mission.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/resp.h"
#include "web/route.h"

/* clang-format off */
#define T struct learning_entry
#define L struct learning_link
static const struct res_field entry_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_DATE("decided_on", T, decided_on, 0, "When the decision was taken"),
    R_TEXT("hypothesis", T, hypothesis_sv, hypothesis_en, "The hypothesis tested"),
    R_TEXT("done", T, done_sv, done_en, "What was done to test it"),
    R_TEXT("learned", T, learned_sv, learned_en, "What was learned"),
    R_ENUM("decision", T, decision, &code_learning_decision, 0, "The decision taken"),
    R_BOOL("is_public", T, is_public, 0, "Shown to the public; else to the mission's coordinators alone"),
    R_STR("by", T, by, RES_NULL, "Who wrote it"),
    R_INT("created_at", T, created_at, 0, "Unix seconds"),
    R_INT("updated_at", T, updated_at, 0, "Unix seconds"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_ARR("initiatives", T, initiatives, n_initiatives, L, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", L, id, 0, NULL),
        R_STR("slug", L, slug, 0, NULL),
        R_TEXT("title", L, title_sv, title_en, NULL))),
        0, "The initiatives of the mission it concerns"),
    R_ARR("objectives", T, objectives, n_objectives, L, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", L, id, 0, NULL),
        R_TEXT("title", L, title_sv, title_en, NULL))),
        0, "The objectives of the mission it concerns"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/learning/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("html", "/learning/{id}", "The entry's page", R_ARG_INT("id", T, id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef L
#undef T

#define T struct portfolio_review
#define P struct review_person
static const struct res_field review_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_DATE("held_on", T, held_on, 0, NULL),
    R_TEXT("decisions", T, decisions_sv, decisions_en, "What the review decided"),
    R_BOOL("is_public", T, is_public, 0, "Shown to the public; else to the mission's coordinators alone"),
    R_STR("by", T, by, RES_NULL, "Who recorded it"),
    R_INT("created_at", T, created_at, 0, "Unix seconds"),
    R_INT("updated_at", T, updated_at, 0, "Unix seconds"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_ARR("people", T, people, n_people, P, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", P, id, 0, NULL),
        R_STR("name", P, name, 0, NULL),
        R_LINK("self", "/api/v1/people/{id}", NULL, R_ARG_INT("id", P, id)))),
        0, "Who took part, by name"),
    R_OBJ("links", R_FIELDS(
        R_LINK("html", "/missions/{slug}/learning", "The mission's learning log",
               R_ARG_STR("slug", T, mission_slug)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef P
#undef T

struct review_view {
    const char *mission;
    struct portfolio_review *items;
    int n;
};

static const struct resource review_res = {
    .name = "PortfolioReview",
    .fields = review_fields,
    .size = sizeof(struct portfolio_review),
};

#define T struct review_view
static const struct res_field review_list_fields[] = {
    R_STR("mission", T, mission, 0, "Mission slug"),
    R_ARR("items", T, items, n, struct portfolio_review, R_ITEM_RES(&review_res), 0,
          "The mission's reviews, the latest first (at most 200)"),
    R_END,
};
#undef T

static const struct res_field entry_write_fields[] = {
    R_DOC("decided_on", RT_DATE, RES_OPT, "Required to create"),
    R_DOC("hypothesis", RT_TEXT, RES_OPT, "Plain text; Swedish required to create"),
    R_DOC("done", RT_TEXT, RES_OPT, NULL),
    R_DOC("learned", RT_TEXT, RES_OPT, NULL),
    R_DOC_ENUM("decision", &code_learning_decision, RES_OPT, "Required to create"),
    R_DOC("is_public", RT_BOOL, RES_OPT, "false when not given to create"),
    R_DOC_ARR("initiative_ids", R_DOC_ITEM(RT_INT), RES_OPT,
              "Initiatives of the mission the public sees (not archived, not a proposal that "
              "is not accepted), each once"),
    R_DOC_ARR("objective_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Objectives of the mission, each once"),
    R_END,
};

static const struct res_field review_write_fields[] = {
    R_DOC("held_on", RT_DATE, RES_OPT, "Required to create"),
    R_DOC("decisions", RT_TEXT, RES_OPT, NULL),
    R_DOC("is_public", RT_BOOL, RES_OPT, "false when not given to create"),
    R_DOC_ARR("person_ids", R_DOC_ITEM(RT_INT), RES_OPT, "Who took part: people of the registry"),
    R_END,
};
/* clang-format on */

static const struct resource entry_res = {
    .name = "LearningEntry",
    .fields = entry_fields,
    .size = sizeof(struct learning_entry),
};

/* Whether who asks sees what of mission_id is not public. */
static bool
sees_all(struct req *rq, int64_t mission_id)
{
    struct authz_scope scope = {.mission_id = mission_id};

    return req_offers(rq, AUTHZ_LEARNING_EDIT, &scope);
}

static enum err
entries_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct learning_entry *es = NULL;
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = learning_list(rq->db, rq->arena, m.id, sees_all(rq, m.id), pg, &es, out_n, out_total);
    *out = es;
    return rc;
}

static const struct resource entry_list_res = {
    .name = "LearningEntryList",
    .paged = &entry_res,
    .load = entries_load,
};

static const struct resource review_list_res = {
    .name = "PortfolioReviewList",
    .fields = review_list_fields,
    .size = sizeof(struct review_view),
};

static const struct resource entry_write_res = {
    .name = "LearningEntryWrite",
    .desc = "A learning log entry to add, or the members to change; the mission is the "
            "address's and cannot change",
    .fields = entry_write_fields,
};

static const struct resource review_write_res = {
    .name = "PortfolioReviewWrite",
    .desc = "A portfolio review to record, or the members to change; the mission is the "
            "address's and cannot change",
    .fields = review_write_fields,
};

const struct resource *const api_learning_resources[] = {
    &entry_res,       &entry_list_res,   &review_res, &review_list_res,
    &entry_write_res, &review_write_res, NULL};

/* ------------------------------------------------------------ reads */

enum err
api_mission_learning(struct req *rq)
{
    return res_list(rq, &entry_list_res);
}

static enum err
entry_respond(struct req *rq, struct db *db, int64_t id)
{
    struct learning_entry e;
    enum err rc;

    rc = learning_get(db, rq->arena, id, &e);
    if (rc)
        return rc;
    req_shows_mission(rq, e.mission_id);
    if (!e.is_public && !sees_all(rq, e.mission_id))
        return ERR_NOTFOUND;
    return res_respond(rq, &entry_res, &e);
}

enum err
api_learning_entry(struct req *rq)
{
    return entry_respond(rq, rq->db, req_int(rq, "id", 0));
}

enum err
api_mission_reviews(struct req *rq)
{
    struct review_view v;
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    v.mission = m.slug;
    rc = review_list(rq->db, rq->arena, m.id, sees_all(rq, m.id), REVIEW_LIST_MAX, &v.items, &v.n);
    if (rc)
        return rc;
    return res_respond(rq, &review_list_res, &v);
}

static enum err
review_respond(struct req *rq, struct db *db, int64_t id)
{
    struct portfolio_review r;
    enum err rc;

    rc = review_get(db, rq->arena, id, &r);
    if (rc)
        return rc;
    req_shows_mission(rq, r.mission_id);
    if (!r.is_public && !sees_all(rq, r.mission_id))
        return ERR_NOTFOUND;
    return res_respond(rq, &review_res, &r);
}

enum err
api_review(struct req *rq)
{
    return review_respond(rq, rq->db, req_int(rq, "id", 0));
}

/* ------------------------------------------------------------ writes */

static enum api_member
body_bool(json_t *v, bool *out)
{
    if (!json_is_boolean(v))
        return API_BAD;
    *out = json_is_true(v);
    return API_APPLIED;
}

static enum api_member
entry_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct learning_new *in = ctx;

    if (strcmp(key, "decided_on") == 0)
        return api_body_str(rq, v, false, &in->decided_on);
    if (strcmp(key, "hypothesis") == 0 || strcmp(key, "done") == 0 || strcmp(key, "learned") == 0) {
        *why = N_("must be {\"sv\": text, \"en\": text}");
        if (strcmp(key, "hypothesis") == 0)
            return api_body_text(rq, v, &in->hypothesis_sv, &in->hypothesis_en);
        if (strcmp(key, "done") == 0)
            return api_body_text(rq, v, &in->done_sv, &in->done_en);
        return api_body_text(rq, v, &in->learned_sv, &in->learned_en);
    }
    if (strcmp(key, "decision") == 0)
        return api_body_str(rq, v, false, &in->decision);
    if (strcmp(key, "is_public") == 0) {
        *why = N_("must be true or false");
        return body_bool(v, &in->is_public);
    }
    if (strcmp(key, "initiative_ids") == 0) {
        *why = N_("must be an array of ids");
        return api_body_ids(rq, v, &in->initiative_ids, &in->n_initiatives);
    }
    if (strcmp(key, "objective_ids") == 0) {
        *why = N_("must be an array of ids");
        return api_body_ids(rq, v, &in->objective_ids, &in->n_objectives);
    }
    if (strcmp(key, "mission") == 0) {
        *why = N_("is protected: the mission is the address's");
        return API_BAD;
    }
    return API_UNKNOWN;
}

static enum api_member
review_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct review_new *in = ctx;

    if (strcmp(key, "held_on") == 0)
        return api_body_str(rq, v, false, &in->held_on);
    if (strcmp(key, "decisions") == 0) {
        *why = N_("must be {\"sv\": text, \"en\": text}");
        return api_body_text(rq, v, &in->decisions_sv, &in->decisions_en);
    }
    if (strcmp(key, "is_public") == 0) {
        *why = N_("must be true or false");
        return body_bool(v, &in->is_public);
    }
    if (strcmp(key, "person_ids") == 0) {
        *why = N_("must be an array of ids");
        return api_body_ids(rq, v, &in->person_ids, &in->n_people);
    }
    if (strcmp(key, "mission") == 0) {
        *why = N_("is protected: the mission is the address's");
        return API_BAD;
    }
    return API_UNKNOWN;
}

/* A domain field named as the body's member: a text's halves are the text. */
static void
member_of(struct write_error *we)
{
    static const char *const texts[] = {"hypothesis", "done", "learned", "decisions"};
    size_t i, n;

    if (we->field == NULL)
        return;
    for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        n = strlen(texts[i]);
        if (strncmp(we->field, texts[i], n) == 0 && we->field[n] == '_')
            we->field = texts[i];
    }
}

/* The mission of the path, live, and the caller allowed action on it. */
static enum err
mission_allowed(struct req *rq, enum authz_action action, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = mission_get(rq->wdb, rq->arena, req_str(rq, "slug"), m);
    if (rc)
        return rc;
    scope.mission_id = m->id;
    rc = req_allow(rq, action, &scope);
    if (rc == ERR_OK && m->archived_at != 0)
        rc = req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", _("names no live mission"));
    return rc;
}

/*
 * What an entry's writes and a review's differ in; the rest of the path (the mission and
 * the rule asked before the body is read, the body's members applied over what is stored,
 * one save, the answer) is theirs alike: kind_create and kind_update below.
 */
union learning_in {
    struct learning_new entry;
    struct review_new review;
};

/* What an update reads of the stored one before asking the rule. */
struct learning_stored {
    int64_t id, mission_id;
    bool is_public;
};

struct learning_kind {
    enum authz_action create, edit;
    api_member_fn member;
    /* The stored one of id as the input an update starts from; its id, mission and
     * whether it is public in *out. ERR_NOTFOUND: none. */
    enum err (*stored)(struct req *rq, int64_t id, union learning_in *in,
                       struct learning_stored *out);
    /* The domain's save (id 0: create) of in, made in the mission by user (0: an update,
     * whose author stays). */
    enum err (*save)(struct req *rq, int64_t id, union learning_in *in, int64_t mission_id,
                     int64_t user_id, int64_t *out_id, struct write_error *we);
    const char *location; /* a created one's address: this and its id */
    enum err (*respond)(struct req *rq, struct db *db, int64_t id);
};

static enum err
entry_stored(struct req *rq, int64_t id, union learning_in *u, struct learning_stored *out)
{
    struct learning_new *in = &u->entry;
    struct learning_entry e;
    int64_t *ini, *obj;
    enum err rc;
    int i;

    rc = learning_get(rq->wdb, rq->arena, id, &e);
    if (rc)
        return rc;
    out->id = e.id;
    out->mission_id = e.mission_id;
    out->is_public = e.is_public;
    in->decided_on = e.decided_on;
    in->hypothesis_sv = e.hypothesis_sv;
    in->hypothesis_en = e.hypothesis_en;
    in->done_sv = e.done_sv;
    in->done_en = e.done_en;
    in->learned_sv = e.learned_sv;
    in->learned_en = e.learned_en;
    in->decision = e.decision;
    in->is_public = e.is_public;
    ini = arena_alloc(rq->arena, (size_t)(e.n_initiatives + 1) * sizeof(*ini));
    obj = arena_alloc(rq->arena, (size_t)(e.n_objectives + 1) * sizeof(*obj));
    for (i = 0; i < e.n_initiatives; i++)
        ini[i] = e.initiatives[i].id;
    for (i = 0; i < e.n_objectives; i++)
        obj[i] = e.objectives[i].id;
    in->initiative_ids = ini;
    in->n_initiatives = e.n_initiatives;
    in->objective_ids = obj;
    in->n_objectives = e.n_objectives;
    return ERR_OK;
}

static enum err
entry_save(struct req *rq, int64_t id, union learning_in *u, int64_t mission_id, int64_t user_id,
           int64_t *out_id, struct write_error *we)
{
    u->entry.mission_id = mission_id;
    u->entry.user_id = user_id;
    return learning_save(rq->wdb, id, &u->entry, edit_who(rq), (int64_t)time(NULL), out_id, we);
}

static enum err
review_stored(struct req *rq, int64_t id, union learning_in *u, struct learning_stored *out)
{
    struct review_new *in = &u->review;
    struct portfolio_review r;
    int64_t *people;
    enum err rc;
    int i;

    rc = review_get(rq->wdb, rq->arena, id, &r);
    if (rc)
        return rc;
    out->id = r.id;
    out->mission_id = r.mission_id;
    out->is_public = r.is_public;
    in->held_on = r.held_on;
    in->decisions_sv = r.decisions_sv;
    in->decisions_en = r.decisions_en;
    in->is_public = r.is_public;
    people = arena_alloc(rq->arena, (size_t)(r.n_people + 1) * sizeof(*people));
    for (i = 0; i < r.n_people; i++)
        people[i] = r.people[i].id;
    in->person_ids = people;
    in->n_people = r.n_people;
    return ERR_OK;
}

static enum err
review_save_in(struct req *rq, int64_t id, union learning_in *u, int64_t mission_id,
               int64_t user_id, int64_t *out_id, struct write_error *we)
{
    u->review.mission_id = mission_id;
    u->review.user_id = user_id;
    return review_save(rq->wdb, id, &u->review, edit_who(rq), (int64_t)time(NULL), out_id, we);
}

static const struct learning_kind entry_kind = {
    .create = AUTHZ_LEARNING_CREATE,
    .edit = AUTHZ_LEARNING_EDIT,
    .member = entry_member,
    .stored = entry_stored,
    .save = entry_save,
    .location = "/api/v1/learning/",
    .respond = entry_respond,
};

static const struct learning_kind review_kind = {
    .create = AUTHZ_REVIEW_CREATE,
    .edit = AUTHZ_REVIEW_EDIT,
    .member = review_member,
    .stored = review_stored,
    .save = review_save_in,
    .location = "/api/v1/portfolio_reviews/",
    .respond = review_respond,
};

/* POST to the mission's list: the rule on the mission of the path, then the body, then
 * the save as who asks (the author of record). */
static enum err
kind_create(struct req *rq, const struct learning_kind *k)
{
    struct write_error we = {0};
    const struct principal *u;
    union learning_in in;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    memset(&in, 0, sizeof(in));
    rc = mission_allowed(rq, k->create, &m);
    if (rc == ERR_OK)
        rc = api_body_read(rq, &in, k->member);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    rc = k->save(rq, 0, &in, m.id, u->user_id, &id, &we);
    member_of(&we);
    return api_body_saved(rq, rc, &we, 0, id, k->location, k->respond);
}

/* PATCH of one: not found unless the caller may read it, then the rule on its stored
 * mission, then the body's members over what is stored, then the save. */
static enum err
kind_update(struct req *rq, const struct learning_kind *k)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    struct learning_stored s = {0};
    union learning_in in;
    int64_t id = 0;
    enum err rc;

    memset(&in, 0, sizeof(in));
    rc = k->stored(rq, req_int(rq, "id", 0), &in, &s);
    if (rc)
        return rc;
    /* what the caller may not read is not there for them, as its GET says: a 403 would
     * tell that a non-public one exists */
    if (!s.is_public && !sees_all(rq, s.mission_id))
        return ERR_NOTFOUND;
    scope.mission_id = s.mission_id;
    rc = req_allow(rq, k->edit, &scope);
    if (rc)
        return rc;
    rc = api_body_read(rq, &in, k->member);
    if (rc)
        return rc;
    rc = k->save(rq, s.id, &in, s.mission_id, 0, &id, &we);
    member_of(&we);
    return api_body_saved(rq, rc, &we, s.id, id, k->location, k->respond);
}

enum err
api_learning_create(struct req *rq)
{
    return kind_create(rq, &entry_kind);
}

enum err
api_learning_update(struct req *rq)
{
    return kind_update(rq, &entry_kind);
}

enum err
api_review_create(struct req *rq)
{
    return kind_create(rq, &review_kind);
}

enum err
api_review_update(struct req *rq)
{
    return kind_update(rq, &review_kind);
}
