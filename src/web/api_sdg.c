/*
 * api_sdg.c — the SDG framework in the JSON API: /api/v1/sdg/goals (the 17
 * goals), /api/v1/sdg/goals/{goal} with its targets, and the paged target and
 * indicator lists (/api/v1/sdg/targets, /api/v1/sdg/indicators, filtered by
 * goal).
 *
 * Shapes are declared once, as field tables (resource.h); handlers load
 * through the domain and hand the struct to the engine.
 */
#include <string.h>

#include "domain/sdg.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/route.h"

/* A goal as the API shows it: the single resource adds its targets. */
struct goal_view {
    struct sdg_goal g;
    const struct sdg_target *targets;
    int n_targets;
};

/* clang-format off */
#define T struct goal_view
static const struct res_field goal_fields[] = {
    R_INT("code", T, g.code, 0, "1-17"),
    R_TEXT("short", T, g.short_sv, g.short_en, "Short name"),
    R_STR("title_en", T, g.title_en, 0, NULL),
    R_STR("colour", T, g.colour, 0, "#RRGGBB, the UN palette"),
    R_ARR("targets", T, targets, n_targets, const struct sdg_target, R_ITEM_OBJ(R_FIELDS(
        R_STR("code", struct sdg_target, code, 0, NULL),
        R_STR("title_en", struct sdg_target, title_en, 0, NULL))),
        RES_ONE, "Single resource only"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/sdg/goals/{goal}", NULL, R_ARG_INT("goal", T, g.code)),
        R_LINK("html", "/sdg/{goal}", "The public page", R_ARG_INT("goal", T, g.code))),
        0, NULL),
    R_END,
};
#undef T

static const struct res_field target_fields[] = {
    R_STR("code", struct sdg_target, code, 0, "'12.3', '17.a'"),
    R_INT("goal", struct sdg_target, goal, 0, NULL),
    R_STR("title_en", struct sdg_target, title_en, 0, NULL),
    R_END,
};

static const struct res_field indicator_fields[] = {
    R_STR("code", struct sdg_indicator, code, 0, "'12.3.1'"),
    R_STR("target", struct sdg_indicator, target, 0, NULL),
    R_INT("goal", struct sdg_indicator, goal, 0, NULL),
    R_STR("title_en", struct sdg_indicator, title_en, 0, NULL),
    R_STR("unsd_code", struct sdg_indicator, unsd_code, 0, NULL),
    R_STR("status_2025", struct sdg_indicator, status_2025, 0, NULL),
    R_END,
};
/* clang-format on */

static const struct resource goal_res = {
    .name = "SdgGoal",
    .fields = goal_fields,
    .size = sizeof(struct goal_view),
};

static const struct resource target_res = {
    .name = "SdgTarget",
    .fields = target_fields,
    .size = sizeof(struct sdg_target),
};

static const struct resource indicator_res = {
    .name = "SdgIndicator",
    .fields = indicator_fields,
    .size = sizeof(struct sdg_indicator),
};

/* The 17 goals: loaded whole and paged in memory. */
static enum err
goals_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct goal_view *vs;
    struct sdg_goal *gs;
    int n, i, from, to;
    enum err rc;

    rc = sdg_goals(rq->db, rq->arena, &gs, &n);
    if (rc)
        return rc;
    *out_total = n;
    res_slice(pg, n, &from, &to);
    vs = arena_alloc(rq->arena, (size_t)(to > from ? to - from : 1) * sizeof(*vs));
    for (i = from; i < to; i++)
        vs[i - from].g = gs[i];
    *out = vs;
    *out_n = to - from;
    return ERR_OK;
}

static enum err
targets_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct sdg_target *ts = NULL;
    enum err rc;

    rc = sdg_target_list(rq->db, rq->arena, (int)req_int(rq, "goal", 0), pg, &ts, out_n, out_total);
    *out = ts;
    return rc;
}

static enum err
indicators_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    struct sdg_indicator *xs = NULL;
    enum err rc;

    rc = sdg_indicator_list(rq->db, rq->arena, (int)req_int(rq, "goal", 0), pg, &xs, out_n,
                            out_total);
    *out = xs;
    return rc;
}

static const struct resource goal_list_res = {
    .name = "SdgGoalList", .paged = &goal_res, .load = goals_load};
static const struct resource target_list_res = {
    .name = "SdgTargetList", .paged = &target_res, .load = targets_load};
static const struct resource indicator_list_res = {
    .name = "SdgIndicatorList", .paged = &indicator_res, .load = indicators_load};

const struct resource *const api_sdg_resources[] = {
    &goal_res,      &goal_list_res,      &target_res, &target_list_res,
    &indicator_res, &indicator_list_res, NULL,
};

enum err
api_sdg_goals(struct req *rq)
{
    return res_list(rq, &goal_list_res);
}

enum err
api_sdg_goal(struct req *rq)
{
    struct sdg_target *targets;
    struct goal_view v;
    enum err rc;

    memset(&v, 0, sizeof(v));
    rc = sdg_goal_get(rq->db, rq->arena, (int)req_int(rq, "goal", 0), &v.g);
    if (rc)
        return rc;
    rc = sdg_goal_targets(rq->db, rq->arena, v.g.code, &targets, &v.n_targets);
    if (rc)
        return rc;
    v.targets = targets;
    return res_respond(rq, &goal_res, &v);
}

enum err
api_sdg_targets(struct req *rq)
{
    return res_list(rq, &target_list_res);
}

enum err
api_sdg_indicators(struct req *rq)
{
    return res_list(rq, &indicator_list_res);
}
