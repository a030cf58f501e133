/*
 * api_initiative.c — initiatives in the JSON API: /api/v1/initiatives (paged;
 * filtered by mission, origin, status, sector and SDG goal) and
 * /api/v1/initiatives/{id} with the actors taking part, the objectives it
 * serves and its SDG targets.
 *
 * Shapes are declared once, as field tables (resource.h); handlers load
 * through the domain and hand the struct to the engine.
 */
#include <string.h>

#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/route.h"

/* clang-format off */
#define T struct initiative
static const struct res_field initiative_fields[] = {
    R_INT("id", T, id, 0, NULL),
    R_STR("mission", T, mission_slug, 0, "Mission slug"),
    R_STR("slug", T, slug, 0, NULL),
    R_TEXT("title", T, title_sv, title_en, NULL),
    R_TEXT("summary", T, summary_sv, summary_en, "Markdown source"),
    R_ENUM("origin", T, origin, &code_initiative_origin, 0, NULL),
    R_ENUM("status", T, status, &code_initiative_status, 0, NULL),
    R_OBJ_IF_ID("lead_actor", R_FIELDS(
        R_INT("id", T, lead_actor_id, 0, NULL),
        R_STR("slug", T, lead_actor_slug, 0, NULL),
        R_STR("name", T, lead_actor_name, 0, NULL)),
        T, lead_actor_id, RES_NULL, NULL),
    R_DATE("start_date", T, start_date, RES_NULL, NULL),
    R_DATE("end_date", T, end_date, RES_NULL, NULL),
    R_INT_IF("budget_sek", T, budget_sek, has_budget, RES_NULL, "Budget in Swedish kronor"),
    R_STR("funding", T, funding, 0, NULL),
    R_TEXT("hypotheses", T, hypotheses_sv, hypotheses_en, "Markdown source"),
    R_TEXT("learnings", T, learnings_sv, learnings_en, "Markdown source"),
    R_BOOL("is_demo", T, is_demo, 0, "Demonstration content, not real"),
    R_ARR("actors", T, actors, n_actors, struct initiative_actor, R_ITEM_OBJ(R_FIELDS(
        R_INT("id", struct initiative_actor, actor_id, 0, NULL),
        R_STR("slug", struct initiative_actor, actor_slug, 0, NULL),
        R_STR("name", struct initiative_actor, actor_name, 0, NULL),
        R_ENUM("sector", struct initiative_actor, sector, &code_actor_sector, 0, NULL),
        R_ENUM("role", struct initiative_actor, role, &code_initiative_role, 0, NULL))),
        RES_ONE, "Taking part (single resource only)"),
    R_ARR("objective_ids", T, objective_ids, n_objectives, int64_t, R_ITEM_SELF_I64, RES_ONE,
          "Objectives served (single resource only)"),
    R_ARR("sdg_targets", T, sdg_targets, n_sdg_targets, const char *, R_ITEM_SELF_STR, RES_ONE,
          "SDG target codes (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/initiatives/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("html", "/initiatives/{id}", "The public page", R_ARG_INT("id", T, id)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission_slug))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource initiative_res = {
    .name = "Initiative",
    .fields = initiative_fields,
    .size = sizeof(struct initiative),
};

static enum err
initiatives_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    const char *slug = req_str(rq, "mission");
    struct initiative_filter f;
    struct initiative *ns = NULL;
    struct mission m;
    enum err rc;

    memset(&f, 0, sizeof(f));
    if (slug != NULL) {
        rc = mission_get(rq->db, rq->arena, slug, &m);
        if (rc == ERR_NOTFOUND)
            return req_invalid(rq, "mission", _("There is no mission with this slug."));
        if (rc)
            return rc;
        f.mission_id = m.id;
    }
    f.origin = req_str(rq, "origin");
    f.status = req_str(rq, "status");
    f.sector = req_str(rq, "sector");
    f.sdg_goal = (int)req_int(rq, "sdg", 0);
    rc = initiative_list(rq->db, rq->arena, &f, pg, &ns, out_n, out_total);
    *out = ns;
    return rc;
}

static const struct resource initiative_list_res = {
    .name = "InitiativeList",
    .paged = &initiative_res,
    .load = initiatives_load,
};

const struct resource *const api_initiative_resources[] = {&initiative_res, &initiative_list_res,
                                                           NULL};

enum err
api_initiatives(struct req *rq)
{
    return res_list(rq, &initiative_list_res);
}

enum err
api_initiative(struct req *rq)
{
    int64_t id = req_int(rq, "id", 0);
    enum err rc;
    bool hidden;

    /* a proposal under review or declined is on no public page (its writes' responses,
     * api_initiative_respond, are for who made them) */
    rc = proposal_is_hidden(rq->db, id, &hidden);
    if (rc)
        return rc;
    if (hidden)
        return ERR_NOTFOUND;
    return api_initiative_respond(rq, rq->db, id);
}

enum err
api_initiative_respond(struct req *rq, struct db *db, int64_t id)
{
    struct initiative n;
    enum err rc;

    rc = initiative_get(db, rq->arena, id, &n);
    if (rc)
        return rc;
    req_shows_mission(rq, n.mission_id);
    return res_respond(rq, &initiative_res, &n);
}
