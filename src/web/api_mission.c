/*
 * api_mission.c — missions in the JSON API: /api/v1/missions (paged, filtered
 * by status), /api/v1/missions/{slug} and the mission team
 * /api/v1/missions/{slug}/team. (The goal tree, /objectives, is
 * api_indicator.c's.)
 *
 * Shapes are declared once, as field tables (resource.h) over the views
 * below; handlers load through the domain (one mission_tree_load per mission
 * shown) and hand the view to the engine. Never runs SQL, never writes an
 * error itself.
 */
#include <string.h>

#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/mission.h"
#include "domain/sdg.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/route.h"

/* A mission as the API shows it: with its progress roll-up, and (the single resource
 * only) its SDG targets. */
struct mission_view {
    struct mission m;
    struct progress_summary progress;
    const struct sdg_target *targets;
    int n_targets;
};

/* clang-format off */
#define T struct mission_view
static const struct res_field mission_fields[] = {
    R_INT("id", T, m.id, 0, NULL),
    R_STR("slug", T, m.slug, 0, NULL),
    R_TEXT("title", T, m.title_sv, m.title_en, NULL),
    R_TEXT("goal", T, m.goal_sv, m.goal_en, "The measurable goal statement"),
    R_TEXT("description", T, m.description_sv, m.description_en, "Markdown source"),
    R_DATE("deadline", T, m.deadline, 0, NULL),
    R_INT("deadline_year", T, m.deadline_year, 0, NULL),
    R_INT("start_year", T, m.start_year, 0, NULL),
    R_ENUM("status", T, m.status, &code_mission_status, 0, NULL),
    R_STR("page_owner", T, m.owner_name, RES_NULL, "Name of the person who owns the public page"),
    R_BOOL("is_demo", T, m.is_demo, 0, "Demonstration content, not real"),
    R_OBJ("counts", R_FIELDS(
        R_INT("objectives", T, m.n_objectives, 0, NULL),
        R_INT("indicators", T, m.n_indicators, 0, NULL),
        R_INT("initiatives", T, m.n_initiatives, 0, NULL),
        R_INT("actors", T, m.n_actors, 0, "Distinct actors taking part in the mission's initiatives")),
        0, NULL),
    R_OBJ_AT("progress", T, progress, api_progress_summary_fields, 0, "The roll-up of the goal tree"),
    R_ARR("sdg_targets", T, targets, n_targets, const struct sdg_target,
          R_ITEM_STR(struct sdg_target, code), RES_ONE, "SDG target codes (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, m.slug)),
        R_LINK("html", "/missions/{slug}", "The public page", R_ARG_STR("slug", T, m.slug)),
        R_LINK("objectives", "/api/v1/missions/{slug}/objectives", NULL, R_ARG_STR("slug", T, m.slug)),
        R_LINK("team", "/api/v1/missions/{slug}/team", NULL, R_ARG_STR("slug", T, m.slug)),
        R_LINK("indicators", "/api/v1/indicators", NULL, R_ARG_STR("mission", T, m.slug)),
        R_LINK("initiatives", "/api/v1/initiatives", NULL, R_ARG_STR("mission", T, m.slug))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource mission_res = {
    .name = "Mission",
    .fields = mission_fields,
    .size = sizeof(struct mission_view),
};

/* The mission's view: its tree's roll-up, and with full its SDG targets. */
static enum err
mission_view_load(struct req *rq, struct db *db, const struct mission *m, bool full,
                  struct mission_view *out)
{
    struct sdg_target *targets;
    struct mission_tree t;
    enum err rc;

    memset(out, 0, sizeof(*out));
    out->m = *m;
    if (full) {
        rc = mission_sdg_targets(db, rq->arena, m->id, &targets, &out->n_targets);
        if (rc)
            return rc;
        out->targets = targets;
    }
    rc = mission_tree_load(db, rq->arena, m->id, &t);
    if (rc)
        return rc;
    out->progress.status = t.prog.status;
    out->progress.has_score = t.prog.has_score;
    out->progress.score = t.prog.score;
    return ERR_OK;
}

/* A handful of missions: loaded whole, filtered and paged in memory; the tree is loaded
 * for the page's missions only. */
static enum err
missions_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    const char *status = req_str(rq, "status");
    struct mission_view *vs;
    struct mission *ms;
    int n, i, k = 0, from, to;
    enum err rc;

    rc = mission_list(rq->db, rq->arena, &ms, &n);
    if (rc)
        return rc;
    for (i = 0; i < n; i++)
        if (status == NULL || strcmp(ms[i].status, status) == 0)
            ms[k++] = ms[i];
    *out_total = k;
    res_slice(pg, k, &from, &to);
    vs = arena_alloc(rq->arena, (size_t)(to > from ? to - from : 1) * sizeof(*vs));
    for (i = from; i < to; i++) {
        rc = mission_view_load(rq, rq->db, &ms[i], false, &vs[i - from]);
        if (rc)
            return rc;
    }
    *out = vs;
    *out_n = to - from;
    return ERR_OK;
}

static const struct resource mission_list_res = {
    .name = "MissionList",
    .paged = &mission_res,
    .load = missions_load,
};

/* ------------------------------------------------------------ the team */

/* A team member is a person (api_person.c) with a role; email and phone are shown for
 * the team's public contacts only (api_mission_team clears them for the others), and of
 * those only for people who marked them public (person.h). */
static const struct res_field team_member_fields[] = {
    R_SPREAD(struct team_member, person, &api_person_res),
    R_ENUM("role", struct team_member, role, &code_team_role, 0, NULL),
    R_BOOL("is_contact", struct team_member, is_contact, 0,
           "A public contact; email and phone are null for everyone else"),
    R_END,
};

static const struct resource team_member_res = {
    .name = "TeamMember",
    .fields = team_member_fields,
    .size = sizeof(struct team_member),
};

struct team_view {
    const char *mission;
    struct team_member *items;
    int n;
};

static const struct res_field team_list_fields[] = {
    R_STR("mission", struct team_view, mission, 0, "Mission slug"),
    R_ARR("items", struct team_view, items, n, struct team_member, R_ITEM_RES(&team_member_res), 0,
          NULL),
    R_END,
};

static const struct resource team_list_res = {
    .name = "TeamList",
    .fields = team_list_fields,
    .size = sizeof(struct team_view),
};

const struct resource *const api_mission_resources[] = {&mission_res, &mission_list_res,
                                                        &team_member_res, &team_list_res, NULL};

/* ------------------------------------------------------------ handlers */

enum err
api_missions(struct req *rq)
{
    return res_list(rq, &mission_list_res);
}

enum err
api_mission(struct req *rq)
{
    return api_mission_respond(rq, rq->db, req_str(rq, "slug"));
}

enum err
api_mission_respond(struct req *rq, struct db *db, const char *slug)
{
    struct mission_view v;
    struct mission m;
    enum err rc;

    rc = mission_get(db, rq->arena, slug, &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = mission_view_load(rq, db, &m, true, &v);
    if (rc)
        return rc;
    return res_respond(rq, &mission_res, &v);
}

enum err
api_mission_team(struct req *rq)
{
    struct team_view v;
    struct mission m;
    enum err rc;
    int i;

    /* a team write answers with the team (api_edit_mission.c): read it where it wrote */
    struct db *db = rq->wdb != NULL ? rq->wdb : rq->db;

    rc = mission_get(db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = mission_team(db, rq->arena, m.id, &v.items, &v.n);
    if (rc)
        return rc;
    /* public data minimisation: only a contact's email and phone are shown */
    for (i = 0; i < v.n; i++)
        if (!v.items[i].is_contact)
            v.items[i].person.email = v.items[i].person.phone = NULL;
    v.mission = m.slug;
    return res_respond(rq, &team_list_res, &v);
}
