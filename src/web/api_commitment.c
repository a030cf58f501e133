/*
 * api_commitment.c — commitments in the JSON API: a mission's commitments
 * (/api/v1/missions/{slug}/commitments, paged, filtered by status), the commitment gap of
 * its indicators (/api/v1/missions/{slug}/commitment_gaps), one commitment with its steps
 * (/api/v1/commitments/{id}); and the writes: commit (POST .../commitments: 201 with
 * Location), change (PATCH /api/v1/commitments/{id}: the members given) and move on
 * (POST /api/v1/commitments/{id}/status).
 *
 * The same rules as the forms (page_commitment.c): the resource read from the path and the
 * database, req_allow asked for the route's rule before anything is written (and for
 * confirming, the coordinators' rule too), one transaction per write, nothing changed on
 * any refusal; unknown members refused by name (400), protected ones (ids, the mission,
 * the actor on update, the status outside a move) refused by name (422).
 */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/commitment.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "web/api.h"
#include "web/api_body.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/pager.h"
#include "web/resp.h"
#include "web/route.h"

/* clang-format off */
#define T struct commitment
#define S struct commitment_step
static const struct res_field commitment_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_OBJ("actor", R_FIELDS(
        R_INT("id", T, actor_id, 0, NULL),
        R_STR("slug", T, actor_slug, 0, NULL),
        R_STR("name", T, actor_name, 0, NULL),
        R_ENUM("sector", T, actor_sector, &code_actor_sector, 0, NULL)),
        0, "The actor that commits"),
    R_TEXT("statement", T, statement_sv, statement_en, "What the actor commits to"),
    R_OBJ_IF_ID("contribution", R_FIELDS(
        R_INT("indicator_id", T, indicator_id, 0, NULL),
        R_TEXT("indicator_title", T, indicator_title_sv, indicator_title_en, NULL),
        R_TEXT("unit", T, unit_sv, unit_en, "The indicator's unit"),
        R_NUM("amount", T, amount, 0, "Toward the target, in the indicator's unit")),
        T, indicator_id, RES_NULL, "A quantified contribution to one indicator, or null"),
    R_DATE("by_date", T, by_date, RES_NULL, NULL),
    R_STR("evidence_url", T, evidence_url, RES_NULL, NULL),
    R_ENUM("status", T, status, &code_commitment_status, 0, NULL),
    R_INT("created_at", T, created_at, 0, "Unix seconds"),
    R_INT("updated_at", T, updated_at, 0, "Unix seconds"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_ARR("steps", T, steps, n_steps, S, R_ITEM_OBJ(R_FIELDS(
        R_INT("at", S, at, 0, "Unix seconds"),
        R_ENUM("status", S, status, &code_commitment_step, 0, NULL),
        R_STR("note", S, note, 0, NULL),
        R_STR("by", S, by, RES_NULL, "Who took the step"))),
        RES_ONE, "Its status moves, oldest first (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/commitments/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("html", "/commitments/{id}", "The public page", R_ARG_INT("id", T, id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef S
#undef T

/* One indicator's gap (commitment.h), as commitment_gaps_view lists them. */
struct gap_item {
    int64_t indicator_id;
    const char *title_sv, *title_en, *unit_sv, *unit_en;
    struct commitment_gap g;
    bool has_coverage;
};

#define T struct gap_item
static const struct res_field gap_fields[] = {
    R_INT("indicator_id", T, indicator_id, 0, NULL),
    R_TEXT("indicator_title", T, title_sv, title_en, NULL),
    R_TEXT("unit", T, unit_sv, unit_en, NULL),
    R_BOOL("has_gap", T, g.has_gap, 0,
           "A latest value and a target, not yet reached: the numbers below are set"),
    R_BOOL("reached", T, g.reached, 0, "The latest value is at or past the target"),
    R_NUM_IF("remaining", T, g.remaining, g.has_gap, RES_NULL,
             "The distance left from the latest value to the target"),
    R_NUM("covered", T, g.covered, 0, "The confirmed and in-progress contributions"),
    R_NUM("pledged", T, g.pledged, 0, "The contributions pledged, not yet confirmed"),
    R_NUM_IF("gap", T, g.gap, g.has_gap, RES_NULL, "remaining - covered; below 0 when over-committed"),
    R_NUM_IF("coverage", T, g.coverage, has_coverage, RES_NULL, "covered / remaining (1 = all)"),
    R_END,
};
#undef T

struct gap_view {
    const char *mission;
    struct gap_item *items;
    int n;
};

static const struct resource gap_res = {
    .name = "CommitmentGap",
    .fields = gap_fields,
    .size = sizeof(struct gap_item),
};

#define T struct gap_view
static const struct res_field gap_list_fields[] = {
    R_STR("mission", T, mission, 0, "Mission slug"),
    R_ARR("items", T, items, n, struct gap_item, R_ITEM_RES(&gap_res), 0,
          "Every indicator of the mission, in its goal tree's order"),
    R_END,
};
#undef T

static const struct res_field commitment_write_fields[] = {
    R_DOC("actor_id", RT_INT, RES_OPT, "The actor that commits; required to create, protected on update"),
    R_DOC("statement", RT_TEXT, RES_OPT, "Plain text; Swedish required to create"),
    R_DOC("indicator_id", RT_INT, RES_OPT | RES_NULL, "An indicator of the mission, with amount"),
    R_DOC("amount", RT_NUM, RES_OPT | RES_NULL, "In the indicator's unit, 0 or more"),
    R_DOC("by_date", RT_DATE, RES_OPT | RES_NULL, NULL),
    R_DOC("evidence_url", RT_STR, RES_OPT | RES_NULL, "http or https"),
    R_END,
};

static const struct res_field status_write_fields[] = {
    R_DOC_ENUM("status", &code_commitment_status, 0,
               "The status to move to: from pledged, confirmed (coordinators) or withdrawn; "
               "from confirmed, in_progress, delivered or withdrawn; from in_progress, "
               "delivered or withdrawn"),
    R_DOC("note", RT_STR, RES_OPT, "What happened, for the record"),
    R_END,
};
/* clang-format on */

static const struct resource commitment_res = {
    .name = "Commitment",
    .fields = commitment_fields,
    .size = sizeof(struct commitment),
};

static enum err
commitments_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct commitment *cs = NULL;
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = commitment_list(rq->db, rq->arena, m.id, req_str(rq, "status"), pg, &cs, out_n, out_total);
    *out = cs;
    return rc;
}

static const struct resource commitment_list_res = {
    .name = "CommitmentList",
    .paged = &commitment_res,
    .load = commitments_load,
};

static const struct resource gap_list_res = {
    .name = "CommitmentGapList",
    .fields = gap_list_fields,
    .size = sizeof(struct gap_view),
};

static const struct resource commitment_write_res = {
    .name = "CommitmentWrite",
    .desc = "A commitment to make (it is made pledged), or the members to change; the "
            "mission and, on update, the actor are protected, and so is the status (it moves "
            "by POST .../status)",
    .fields = commitment_write_fields,
};

static const struct resource status_write_res = {
    .name = "CommitmentStatusWrite",
    .desc = "A commitment's next status, and a note",
    .fields = status_write_fields,
};

const struct resource *const api_commitment_resources[] = {
    &commitment_res,       &commitment_list_res, &gap_res, &gap_list_res,
    &commitment_write_res, &status_write_res,    NULL};

/* ------------------------------------------------------------ reads */

enum err
api_mission_commitments(struct req *rq)
{
    return res_list(rq, &commitment_list_res);
}

enum err
api_mission_commitment_gaps(struct req *rq)
{
    struct commitment_gap *gaps;
    struct mission_tree t;
    struct gap_view v;
    struct mission m;
    enum err rc;
    int i;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = mission_tree_load(rq->db, rq->arena, m.id, &t);
    if (rc)
        return rc;
    gaps = arena_alloc(rq->arena, (size_t)(t.n_inds > 0 ? t.n_inds : 1) * sizeof(*gaps));
    rc = commitment_gaps(rq->db, rq->arena, m.id, t.inds, t.n_inds, gaps);
    if (rc)
        return rc;
    v.mission = m.slug;
    v.n = t.n_inds;
    v.items = arena_alloc(rq->arena, (size_t)(t.n_inds > 0 ? t.n_inds : 1) * sizeof(*v.items));
    for (i = 0; i < t.n_inds; i++) {
        v.items[i] = (struct gap_item){t.inds[i].id,      t.inds[i].title_sv, t.inds[i].title_en,
                                       t.inds[i].unit_sv, t.inds[i].unit_en,  gaps[i],
                                       gaps[i].has_gap};
    }
    return res_respond(rq, &gap_list_res, &v);
}

static enum err
commitment_respond(struct req *rq, struct db *db, int64_t id)
{
    struct commitment c;
    enum err rc;

    rc = commitment_get(db, rq->arena, id, &c);
    if (rc)
        return rc;
    req_shows_mission(rq, c.mission_id);
    return res_respond(rq, &commitment_res, &c);
}

enum err
api_commitment(struct req *rq)
{
    return commitment_respond(rq, rq->db, req_int(rq, "id", 0));
}

/* ------------------------------------------------------------ writes */

struct commitment_body {
    struct commitment_new in;
    bool is_update;
};

static enum api_member
commitment_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct commitment_body *b = ctx;
    struct commitment_new *in = &b->in;

    if (strcmp(key, "actor_id") == 0) {
        if (b->is_update) {
            *why = N_("is protected: a commitment stays the actor's that made it");
            return API_BAD;
        }
        *why = N_("must be an actor's id");
        return api_body_id(v, false, &in->actor_id);
    }
    if (strcmp(key, "statement") == 0) {
        *why = N_("must be {\"sv\": text, \"en\": text}");
        return api_body_text(rq, v, &in->statement_sv, &in->statement_en);
    }
    if (strcmp(key, "indicator_id") == 0) {
        *why = N_("must be an indicator's id or null");
        return api_body_id(v, true, &in->indicator_id);
    }
    if (strcmp(key, "amount") == 0) {
        *why = N_("must be a number or null");
        if (json_is_null(v)) {
            in->has_amount = false;
            return API_APPLIED;
        }
        if (!json_is_number(v))
            return API_BAD;
        in->has_amount = true;
        in->amount = json_number_value(v);
        return API_APPLIED;
    }
    if (strcmp(key, "by_date") == 0)
        return api_body_str(rq, v, true, &in->by_date);
    if (strcmp(key, "evidence_url") == 0)
        return api_body_str(rq, v, true, &in->evidence_url);
    if (strcmp(key, "mission") == 0 || strcmp(key, "status") == 0) {
        *why = strcmp(key, "mission") == 0
                   ? N_("is protected: the mission is the address's")
                   : N_("is protected: the status moves by POST /api/v1/commitments/{id}/status");
        return API_BAD;
    }
    return API_UNKNOWN;
}

/* A save's answer, the domain's field named as the body's member. */
static enum err
saved(struct req *rq, enum err rc, struct write_error *we, int64_t id, int64_t out_id)
{
    if (rc == ERR_INVALID && we->field != NULL && strncmp(we->field, "statement_", 10) == 0)
        we->field = "statement";
    return api_body_saved(rq, rc, we, id, out_id, "/api/v1/commitments/", commitment_respond);
}

enum err
api_commitment_create(struct req *rq)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    const struct principal *u;
    struct commitment_body b;
    struct mission m;
    int64_t id = 0;
    json_t *root;
    enum err rc;

    memset(&b, 0, sizeof(b));
    rc = mission_get(rq->wdb, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    rc = api_body_object(rq, &root);
    if (rc)
        return rc;
    /* the scope: the mission of the address and the actor the body names (else the first
     * the caller represents), asked before anything else of the body is read */
    if (json_is_integer(json_object_get(root, "actor_id")))
        scope.actor_id = json_integer_value(json_object_get(root, "actor_id"));
    if (scope.actor_id <= 0)
        scope.actor_id = req_first_actor(rq, AUTHZ_COMMITMENT_CREATE, m.id);
    scope.mission_id = m.id;
    rc = req_allow(rq, AUTHZ_COMMITMENT_CREATE, &scope);
    if (rc == ERR_OK && m.archived_at != 0)
        rc = req_refuse(rq, REFUSE_UNPROCESSABLE, "mission", _("names no live mission"));
    if (rc == ERR_OK)
        rc = api_body_apply(rq, root, &b, commitment_member);
    json_decref(root);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    b.in.mission_id = m.id;
    b.in.user_id = u->user_id;
    rc = commitment_save(rq->wdb, 0, &b.in, edit_who(rq), (int64_t)time(NULL), &id, &we);
    return saved(rq, rc, &we, 0, id);
}

/* The commitment of the path, the caller allowed action on it (its mission and actor). */
static enum err
of_path(struct req *rq, enum authz_action action, struct commitment *c)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = commitment_get(rq->wdb, rq->arena, req_int(rq, "id", 0), c);
    if (rc)
        return rc;
    scope.mission_id = c->mission_id;
    scope.actor_id = c->actor_id;
    return req_allow(rq, action, &scope);
}

enum err
api_commitment_update(struct req *rq)
{
    struct write_error we = {0};
    struct commitment_body b;
    struct commitment c;
    int64_t id = 0;
    enum err rc;

    rc = of_path(rq, AUTHZ_COMMITMENT_EDIT, &c);
    if (rc)
        return rc;
    memset(&b, 0, sizeof(b));
    b.is_update = true;
    b.in.mission_id = c.mission_id;
    b.in.actor_id = c.actor_id;
    b.in.statement_sv = c.statement_sv;
    b.in.statement_en = c.statement_en;
    b.in.indicator_id = c.indicator_id;
    b.in.has_amount = c.has_amount;
    b.in.amount = c.amount;
    b.in.by_date = c.by_date;
    b.in.evidence_url = c.evidence_url;
    rc = api_body_read(rq, &b, commitment_member);
    if (rc)
        return rc;
    rc = commitment_save(rq->wdb, c.id, &b.in, edit_who(rq), (int64_t)time(NULL), &id, &we);
    return saved(rq, rc, &we, c.id, id);
}

struct status_body {
    const char *status, *note;
};

static enum api_member
status_member(struct req *rq, void *ctx, const char *key, json_t *v, const char **why)
{
    struct status_body *b = ctx;

    (void)why;
    if (strcmp(key, "status") == 0)
        return api_body_str(rq, v, false, &b->status);
    if (strcmp(key, "note") == 0)
        return api_body_str(rq, v, false, &b->note);
    return API_UNKNOWN;
}

enum err
api_commitment_status(struct req *rq)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    const struct principal *u;
    struct status_body b = {0};
    struct commitment c;
    enum err rc;

    rc = of_path(rq, AUTHZ_COMMITMENT_STATUS, &c);
    if (rc == ERR_OK)
        rc = api_body_read(rq, &b, status_member);
    if (rc)
        return rc;
    if (b.status == NULL)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, "status", _("is required"));
    scope.mission_id = c.mission_id;
    scope.actor_id = c.actor_id;
    /* confirming is the coordinators' too; the route's own rule is asked again last, as
     * the route layer checks that the last rule allowed is the route's */
    if (strcmp(b.status, "confirmed") == 0) {
        rc = req_allow(rq, AUTHZ_COMMITMENT_CONFIRM, &scope);
        if (rc == ERR_OK)
            rc = req_allow(rq, AUTHZ_COMMITMENT_STATUS, &scope);
        if (rc)
            return rc;
    }
    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    rc = commitment_save_move(rq->wdb, c.id, b.status, b.note, u->user_id, edit_who(rq),
                              (int64_t)time(NULL), &we);
    return saved(rq, rc, &we, c.id, 0);
}
