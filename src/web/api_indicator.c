/*
 * api_indicator.c — a mission's goal tree and its indicators in the JSON API:
 * objectives (/api/v1/missions/{slug}/objectives, /api/v1/objectives/{id}),
 * indicators (/api/v1/indicators, paged and filtered by mission;
 * /api/v1/indicators/{id}), observations (/api/v1/indicators/{id}/observations),
 * and the shapes of an indicator's assessment and of its writes (IndicatorProgress,
 * IndicatorWriteResult, IndicatorSettings, IndicatorData; the writes are
 * api_write.c's).
 *
 * Shapes are declared once, as field tables (resource.h) over the views below;
 * values the domain computes (the assessment, the target as a value) are put
 * into the view by the handler, so the tables only read. Never runs SQL, never
 * writes an error itself.
 */
#include <string.h>

#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/coverage.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/sdg.h"
#include "domain/tidycsv.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/route.h"

/* ------------------------------------------------------------ codes */

static const char *
status_name(int code)
{
    return progress_status_name((enum progress_status)code);
}

/* ------------------------------------------------------------ progress */

const struct res_field api_progress_summary_fields[] = {
    R_CODE("status", struct progress_summary, status, &code_progress_status, status_name, 0,
           "PROGRESS.md status names"),
    R_NUM_IF("score", struct progress_summary, score, has_score, RES_NULL,
             "From -5 to 5; the weighted mean of the parts' scores"),
    R_END,
};

/* An indicator's assessment is written by the domain (assess.c, indicator_progress_json,
 * which the CLI prints too); this table describes what it writes, and test_resource
 * checks a written assessment against the schema made from it. */
/* clang-format off */
static const struct res_field thresholds_fields[] = {
    R_DOC("high", RT_NUM, 0, NULL),
    R_DOC("med", RT_NUM, 0, NULL),
    R_DOC("low", RT_NUM, 0, NULL),
    R_END,
};

static const struct res_field progress_fields[] = {
    R_DOC_ENUM("status", &code_progress_status, 0, NULL),
    R_DOC("score", RT_NUM, RES_NULL, "Mean of the series' scores"),
    R_DOC_OBJ("config", R_FIELDS(
        R_DOC("method", RT_STR, 0, NULL),
        R_DOC_ENUM("direction", &code_direction, 0, NULL),
        R_DOC("base_year", RT_INT, 0, NULL),
        R_DOC("target_year", RT_INT, 0, NULL),
        R_DOC("target", RT_NUM, RES_NULL, "Absolute target value"),
        R_DOC("target_change_percent", RT_NUM, RES_NULL, "A target relative to the base value found"),
        R_DOC("limit", RT_NUM, RES_NULL, "Natural limit (method 1)"),
        R_DOC("lower_bound", RT_NUM, RES_NULL, "Projections stop at it"),
        R_DOC("upper_bound", RT_NUM, RES_NULL, "Projections stop at it"),
        R_DOC_OBJ("thresholds", thresholds_fields, RES_NULL, "Custom status thresholds")),
        0, "The effective inputs"),
    R_DOC("headline", RT_MAP, 0,
          "The disaggregation assessed, e.g. {\"Sex\": \"F\"}; {} for the rows with every "
          "breakdown empty"),
    R_DOC("headline_chosen", RT_BOOL, 0,
          "true: chosen by a coordinator; false: chosen by samverka (docs/progress.md)"),
    R_DOC_ARR("settings_mismatches", R_ITEM_OBJ(R_FIELDS(
        R_DOC("setting", RT_STR, 0, "unit, base_year, decimals or target"),
        R_DOC("message", RT_STR, 0, NULL))),
        0, "Settings that no longer fit the data"),
    R_DOC_OBJ("without_contradicting_settings", R_FIELDS(
        R_DOC_ENUM("status", &code_progress_status, 0, NULL),
        R_DOC("score", RT_NUM, RES_NULL, NULL)),
        RES_NULL, "When a base year or target contradicts the data, no status is stated "
        "(not_available) and this is the assessment without it"),
    R_DOC_ARR("series", R_ITEM_OBJ(R_FIELDS(
        R_DOC("series", RT_STR, 0, "The Series cell, '' if none"),
        R_DOC("unit", RT_STR, 0, "The Units cell, '' if none"),
        R_DOC("observations", RT_INT, 0, NULL),
        R_DOC("base_from_data", RT_BOOL, 0,
              "true: the data has fewer than two years from the default base year on, so the "
              "series is assessed from its first year"),
        R_DOC("base_year", RT_INT, RES_NULL, NULL),
        R_DOC("base_value", RT_NUM, RES_NULL, NULL),
        R_DOC("current_year", RT_INT, RES_NULL, NULL),
        R_DOC("current_value", RT_NUM, RES_NULL, NULL),
        R_DOC("target", RT_NUM, RES_NULL, NULL),
        R_DOC("target_year", RT_INT, 0, NULL),
        R_DOC("method", RT_INT, 0, "1 without a target, 2 with"),
        R_DOC("limit_factor", RT_NUM, 0, "C (1 without a limit)"),
        R_DOC("progress_value", RT_NUM, RES_NULL, "P (method 1) or R (method 2)"),
        R_DOC_ENUM("status", &code_progress_status, 0, NULL),
        R_DOC("score", RT_NUM, RES_NULL, NULL),
        R_DOC_OBJ("projection", R_FIELDS(
            R_DOC("year", RT_INT, 0, "The target year"),
            R_DOC("cagr", RT_NUM, RES_NULL, "At the current compound annual rate"),
            R_DOC("ols", RT_NUM, RES_NULL, "On the least-squares line of all observations")),
            RES_NULL, NULL),
        R_DOC("year_reached", RT_INT, RES_NULL, "First year the current pace reaches the target"),
        R_DOC("rate_current", RT_NUM, RES_NULL, "Compound annual rate so far"),
        R_DOC("rate_needed", RT_NUM, RES_NULL, "Annual rate needed from now to the target year"))),
        0, "The headline series, one per Series/Units"),
    R_END,
};
/* clang-format on */

static void
progress_write(struct json *j, const void *obj)
{
    indicator_progress_json(j, obj);
}

const struct resource api_progress_res = {
    .name = "IndicatorProgress",
    .desc = "The rate-ratio assessment (docs/progress.md)",
    .fields = progress_fields,
    .size = sizeof(struct indicator_progress),
    .write = progress_write,
};

static void
summary_of(struct progress_summary *out, enum progress_status status, bool has_score, double score)
{
    out->status = status;
    out->has_score = has_score;
    out->score = score;
}

/* ------------------------------------------------------------ objectives */

/* A node of the goal tree as the API shows it: with its mission's slug, the indicators
 * directly under it and its roll-up. */
struct objective_view {
    struct objective o;
    const char *mission; /* slug */
    int64_t *indicator_ids;
    int n_indicator_ids;
    int64_t *initiative_ids;
    int n_initiative_ids;
    struct progress_summary progress;
};

/* clang-format off */
#define T struct objective_view
static const struct res_field objective_fields[] = {
    R_INT("id", T, o.id, 0, NULL),
    R_STR("mission", T, mission, 0, "Mission slug"),
    R_ID_OR_NULL("parent_id", T, o.parent_id, "The enclosing objective; null at the top of the tree"),
    R_NUM("weight", T, o.weight, 0, "Weight in the roll-up"),
    R_TEXT("title", T, o.title_sv, o.title_en, NULL),
    R_TEXT("description", T, o.description_sv, o.description_en, NULL),
    R_ARR("indicator_ids", T, indicator_ids, n_indicator_ids, int64_t, R_ITEM_SELF_I64, 0,
          "Indicators directly under this objective"),
    R_ARR("initiative_ids", T, initiative_ids, n_initiative_ids, int64_t, R_ITEM_SELF_I64, 0,
          "The mission's shown initiatives that serve it"),
    R_OBJ_AT("progress", T, progress, api_progress_summary_fields, 0, "The weighted roll-up of its children"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/objectives/{id}", NULL, R_ARG_INT("id", T, o.id)),
        R_LINK("html", "/missions/{slug}", "The mission's public page", R_ARG_STR("slug", T, mission)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource objective_res = {
    .name = "Objective",
    .desc = "A node of a mission's goal tree",
    .fields = objective_fields,
    .size = sizeof(struct objective_view),
};

/* The goal tree: {"mission", "progress", "items"}, a flat list in the mission's order. */
struct tree_view {
    const char *mission;
    struct progress_summary progress;
    struct objective_view *items;
    int n;
};

static const struct res_field objective_list_fields[] = {
    R_STR("mission", struct tree_view, mission, 0, "Mission slug"),
    R_OBJ_AT("progress", struct tree_view, progress, api_progress_summary_fields, 0,
             "The mission's roll-up"),
    R_ARR("items", struct tree_view, items, n, struct objective_view, R_ITEM_RES(&objective_res), 0,
          "The goal tree as a flat list in the mission's order; rebuild the tree from parent_id"),
    R_END,
};

static const struct resource objective_list_res = {
    .name = "ObjectiveList",
    .fields = objective_list_fields,
    .size = sizeof(struct tree_view),
};

/* Objective k of the tree t of the mission with this slug; links: the mission's (objective,
 * initiative) pairs (coverage.h). */
static void
objective_view(struct req *rq, const struct mission_tree *t, int k, const char *slug,
               const struct coverage_link *links, int n_links, struct objective_view *out)
{
    int i, n = 0;

    memset(out, 0, sizeof(*out));
    out->o = t->objs[k];
    out->mission = slug;
    for (i = 0; i < t->n_inds; i++)
        if (t->inds[i].objective_id == out->o.id)
            n++;
    out->indicator_ids = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(int64_t));
    for (i = 0; i < t->n_inds; i++)
        if (t->inds[i].objective_id == out->o.id)
            out->indicator_ids[out->n_indicator_ids++] = t->inds[i].id;
    for (i = 0, n = 0; i < n_links; i++)
        n += links[i].objective_id == out->o.id;
    out->initiative_ids = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(int64_t));
    for (i = 0; i < n_links; i++)
        if (links[i].objective_id == out->o.id)
            out->initiative_ids[out->n_initiative_ids++] = links[i].initiative_id;
    summary_of(&out->progress, t->prog.objs[k].status, t->prog.objs[k].has_score,
               t->prog.objs[k].score);
}

enum err
api_mission_objectives(struct req *rq)
{
    struct coverage_link *links = NULL;
    struct mission_tree t;
    struct tree_view v;
    struct mission m;
    int i, n_links = 0;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = mission_tree_load(rq->db, rq->arena, m.id, &t);
    if (rc == ERR_OK)
        rc = coverage_objective_initiatives(rq->db, rq->arena, m.id, &links, &n_links);
    if (rc)
        return rc;
    v.mission = m.slug;
    summary_of(&v.progress, t.prog.status, t.prog.has_score, t.prog.score);
    v.n = t.n_objs;
    v.items = arena_alloc(rq->arena, (size_t)(t.n_objs > 0 ? t.n_objs : 1) * sizeof(*v.items));
    for (i = 0; i < t.n_objs; i++)
        objective_view(rq, &t, i, m.slug, links, n_links, &v.items[i]);
    return res_respond(rq, &objective_list_res, &v);
}

enum err
api_objective(struct req *rq)
{
    return api_objective_respond(rq, rq->db, req_int(rq, "id", 0), false);
}

enum err
api_objective_respond(struct req *rq, struct db *db, int64_t id, bool archived)
{
    struct coverage_link *links = NULL;
    struct objective_view v;
    struct mission_tree t;
    struct objective o;
    struct mission m;
    int k, n_links = 0;
    enum err rc;

    rc = objective_get(db, rq->arena, id, &o);
    if (rc)
        return rc;
    rc = mission_get_id(db, rq->arena, o.mission_id, &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = mission_tree_load(db, rq->arena, m.id, &t);
    if (rc)
        return rc;
    for (k = 0; k < t.n_objs && t.objs[k].id != o.id; k++)
        ;
    if (k == t.n_objs && archived && o.archived_at != 0) {
        /* the answer to its archive: it has left the tree, with nothing under it */
        memset(&v, 0, sizeof(v));
        v.o = o;
        v.mission = m.slug;
        v.indicator_ids = arena_alloc(rq->arena, sizeof(int64_t));
        v.initiative_ids = v.indicator_ids;
        summary_of(&v.progress, PS_NOT_AVAILABLE, false, 0);
        return res_respond(rq, &objective_res, &v);
    }
    if (k == t.n_objs)
        return ERR_NOTFOUND; /* removed between the two reads, or archived */
    rc = coverage_objective_initiatives(db, rq->arena, m.id, &links, &n_links);
    if (rc)
        return rc;
    objective_view(rq, &t, k, m.slug, links, n_links, &v);
    return res_respond(rq, &objective_res, &v);
}

/* ------------------------------------------------------------ indicators */

/* An SDG indicator an indicator of ours is linked to, with where it is shown (issue 12: the
 * mapping was stored but on no page or API object). */
/* clang-format off */
#define T struct sdg_indicator
static const struct res_field sdg_link_fields[] = {
    R_STR("code", T, code, 0, "The UN indicator code, e.g. '12.3.1'"),
    R_STR("target", T, target, 0, "Its SDG target, e.g. '12.3'"),
    R_INT("goal", T, goal, 0, "Its goal, 1 to 17"),
    R_STR("title_en", T, title_en, 0, "The UN's title (English only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("html", "/sdg/{goal}", "The goal's public page", R_ARG_INT("goal", T, goal)),
        R_LINK("goal", "/api/v1/sdg/goals/{goal}", NULL, R_ARG_INT("goal", T, goal))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource sdg_link_res = {
    .name = "IndicatorSdgLink",
    .desc = "An Agenda 2030 (SDG) indicator an indicator is linked to",
    .fields = sdg_link_fields,
    .size = sizeof(struct sdg_indicator),
};

/* An indicator as the API shows it: its target as shown (kind "none" is no target; the
 * year falls back to the mission's deadline) and its assessment. */
struct indicator_view {
    struct indicator ind;
    bool has_target, has_target_abs, has_target_year;
    double target_abs;
    int target_year;
    /* the bounds in force (indicator_bounds) */
    bool has_lower, has_upper;
    double lower, upper;
    const struct indicator_progress *progress;
    struct sdg_indicator *sdgs; /* the single resource's SDG indicators (sdg_indicators_of) */
    int n_sdgs;
};

/* clang-format off */
#define T struct indicator_view
static const struct res_field indicator_fields[] = {
    R_INT("id", T, ind.id, 0, NULL),
    R_STR("mission", T, ind.mission_slug, 0, "Mission slug"),
    R_INT("objective_id", T, ind.objective_id, 0, NULL),
    R_TEXT("title", T, ind.title_sv, ind.title_en, NULL),
    R_TEXT("description", T, ind.description_sv, ind.description_en, NULL),
    R_TEXT("unit", T, ind.unit_sv, ind.unit_en, NULL),
    R_ENUM("direction", T, ind.direction, &code_direction, 0, "The desirable direction"),
    R_INT("decimals", T, ind.decimals, 0, "Decimals to show"),
    R_OBJ_IF("baseline", R_FIELDS(
        R_INT("year", T, ind.base_year, 0, NULL),
        R_NUM("value", T, ind.base_value, 0, NULL)),
        T, ind.has_base, RES_NULL, NULL),
    R_OBJ_IF("target", R_FIELDS(
        /* no target is null, never {"kind": "none"} */
        R_ENUM_EXCEPT("kind", T, ind.target_kind, &code_target_kind, "none", 0, NULL),
        R_NUM("value", T, ind.target_value, 0, "The absolute value, or the percent change from the baseline"),
        R_NUM_IF("absolute_value", T, target_abs, has_target_abs, RES_NULL,
                 "The target as a value; null if relative without baseline"),
        R_INT_IF("year", T, target_year, has_target_year, RES_NULL,
                 "Target year (the mission's deadline year unless set)")),
        T, has_target, RES_NULL, "null when the indicator has no target"),
    R_NUM_IF("limit", T, ind.limit_value, ind.has_limit, RES_NULL, "A value the indicator must not pass"),
    R_OBJ("bounds", R_FIELDS(
        R_NUM_IF("lower", T, lower, has_lower, RES_NULL, "null: no lower bound"),
        R_NUM_IF("upper", T, upper, has_upper, RES_NULL, "null: no upper bound"),
        R_BOOL("set", T, ind.bounds_set, 0,
               "false: the default, 0 to 100 when the unit is a percentage, else none")),
        0, "The values the indicator can take; projections stop at them"),
    R_STR("source", T, ind.source, 0, NULL),
    R_STR("source_url", T, ind.source_url, RES_NULL, NULL),
    R_NUM("weight", T, ind.weight, 0, "Weight in the roll-up"),
    R_ARR("disaggregations", T, ind.dimensions, ind.n_dimensions, const char *, R_ITEM_SELF_STR, 0,
          "Disaggregation column names"),
    R_OBJ_IF("latest", R_FIELDS(
        R_STR("period", T, ind.latest_period, 0, NULL),
        R_INT("year", T, ind.latest_year, 0, NULL),
        R_NUM("value", T, ind.latest_value, 0, NULL)),
        T, ind.has_latest, RES_NULL, "The newest headline observation"),
    R_INT("observation_count", T, ind.n_observations, 0, NULL),
    R_PTR_RES("progress", T, progress, &api_progress_res, 0, "The assessment to the deadline"),
    R_ARR("sdg_indicators", T, sdgs, n_sdgs, struct sdg_indicator, R_ITEM_RES(&sdg_link_res),
          RES_ONE, "The Agenda 2030 indicators it is linked to, in framework order (single resource only)"),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/indicators/{id}", NULL, R_ARG_INT("id", T, ind.id)),
        R_LINK("html", "/indicators/{id}", "The public page", R_ARG_INT("id", T, ind.id)),
        R_LINK("observations", "/api/v1/indicators/{id}/observations", NULL, R_ARG_INT("id", T, ind.id)),
        R_LINK("csv", "/indicators/{id}/data.csv", "Open SDG-style tidy CSV", R_ARG_INT("id", T, ind.id)),
        R_LINK("json", "/indicators/{id}/data.json", "The data as JSON", R_ARG_INT("id", T, ind.id)),
        R_LINK("datapackage", "/indicators/{id}/datapackage.json",
               "The CSV's Frictionless Data Package descriptor", R_ARG_INT("id", T, ind.id))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource indicator_res = {
    .name = "Indicator",
    .fields = indicator_fields,
    .size = sizeof(struct indicator_view),
};

static void
indicator_view(const struct indicator *ind, const struct indicator_progress *ip,
               struct indicator_view *out)
{
    memset(out, 0, sizeof(*out));
    out->ind = *ind;
    out->progress = ip;
    out->has_target = ind->has_target && strcmp(ind->target_kind, "none") != 0;
    out->has_target_abs = indicator_target_abs(ind, &out->target_abs);
    out->target_year = ind->target_year ? ind->target_year : ind->mission_deadline_year;
    out->has_target_year = out->target_year != 0;
    indicator_bounds(ind, NULL, &out->has_lower, &out->lower, &out->has_upper, &out->upper);
}

static enum err
indicators_load(struct req *rq, const struct page *pg, void **out, int *out_n, int64_t *out_total)
{
    const char *slug = req_str(rq, "mission");
    struct indicator_progress *ips;
    struct indicator_view *vs;
    struct indicator *inds;
    struct mission m;
    enum err rc;
    int n, i;

    m.id = 0;
    if (slug != NULL) {
        rc = mission_get(rq->db, rq->arena, slug, &m);
        if (rc == ERR_NOTFOUND)
            return req_invalid(rq, "mission", _("There is no mission with this slug."));
        if (rc)
            return rc;
    }
    rc = indicator_page_load(rq->db, rq->arena, m.id, pg, &inds, &ips, &n, out_total);
    if (rc)
        return rc;
    vs = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*vs));
    for (i = 0; i < n; i++)
        indicator_view(&inds[i], &ips[i], &vs[i]);
    *out = vs;
    *out_n = n;
    return ERR_OK;
}

static const struct resource indicator_list_res = {
    .name = "IndicatorList",
    .paged = &indicator_res,
    .load = indicators_load,
};

enum err
api_indicators(struct req *rq)
{
    return res_list(rq, &indicator_list_res);
}

enum err
api_indicator(struct req *rq)
{
    return api_indicator_respond(rq, rq->db, req_int(rq, "id", 0));
}

enum err
api_indicator_respond(struct req *rq, struct db *db, int64_t id)
{
    struct indicator_progress ip;
    struct indicator_view v;
    struct indicator ind;
    enum err rc;

    rc = indicator_get(db, rq->arena, id, &ind);
    if (rc)
        return rc;
    req_shows_mission(rq, ind.mission_id);
    rc = indicator_progress_load(db, rq->arena, &ind, &ip);
    if (rc)
        return rc;
    indicator_view(&ind, &ip, &v);
    rc = sdg_indicators_of(db, rq->arena, id, &v.sdgs, &v.n_sdgs);
    if (rc)
        return rc;
    return res_respond(rq, &indicator_res, &v);
}

/* ------------------------------------------------------------ observations */

/* disagg: "" for the headline series */
static void
write_disagg(struct json *j, struct req *rq, const void *base)
{
    (void)rq;
    json_pairs(j, ((const struct observation *)base)->disagg, TIDY_DISAGG_SEP);
}

/* Open SDG's attribute cells (Observation status, Unit multiplier ...): not a breakdown */
static void
write_attrs(struct json *j, struct req *rq, const void *base)
{
    const struct observation *o = base;

    (void)rq;
    json_pairs(j, o->attrs, TIDY_DISAGG_SEP);
}

static const struct res_field observation_fields[] = {
    R_STR("period", struct observation, period, 0, "As reported: '2022', '2015-16'"),
    R_INT("year", struct observation, year, 0, NULL),
    R_STR("series", struct observation, series, 0, "Empty for the main series"),
    R_STR("unit", struct observation, unit, 0, "Empty for the indicator's unit"),
    R_CALC("disaggregation", RT_MAP, write_disagg, 0,
           "Column name to value; empty for the headline"),
    R_CALC("attributes", RT_MAP, write_attrs, 0,
           "Open SDG's attribute columns of the value as published (Observation status, Unit "
           "multiplier, Unit measure, COMMENT_OBS ...), column name to value; not a breakdown"),
    R_NUM("value", struct observation, value, 0, NULL),
    R_STR("source", struct observation, source, 0, NULL),
    R_STR("note", struct observation, note, 0, NULL),
    R_END,
};

static const struct resource observation_res = {
    .name = "Observation",
    .fields = observation_fields,
    .size = sizeof(struct observation),
};

struct series_view {
    int64_t indicator_id;
    struct observation *items;
    int n;
};

static const struct res_field observation_list_fields[] = {
    R_INT("indicator_id", struct series_view, indicator_id, 0, NULL),
    R_ARR("items", struct series_view, items, n, struct observation, R_ITEM_RES(&observation_res),
          0, "Every observation, by series, unit, disaggregation and year (not paged)"),
    R_END,
};

static const struct resource observation_list_res = {
    .name = "ObservationList",
    .fields = observation_list_fields,
    .size = sizeof(struct series_view),
};

enum err
api_indicator_observations(struct req *rq)
{
    struct series_view v;
    struct indicator ind;
    enum err rc;

    rc = indicator_get(rq->db, rq->arena, req_int(rq, "id", 0), &ind);
    if (rc)
        return rc;
    req_shows_mission(rq, ind.mission_id);
    rc = indicator_observations(rq->db, rq->arena, ind.id, &v.items, &v.n);
    if (rc)
        return rc;
    v.indicator_id = ind.id;
    return res_respond(rq, &observation_list_res, &v);
}

/* ------------------------------------------------------------ writes (api_write.c) */

static const struct res_field write_notice_fields[] = {
    R_INT("line", struct write_notice, line, 0, "0: the whole file"),
    R_INT("column", struct write_notice, column, 0, "0: not one field"),
    R_STR("message", struct write_notice, message, 0,
          "For people, in the request's language (a setting's notice is English)"),
    R_END,
};

static const struct res_field write_result_fields[] = {
    R_INT("indicator_id", struct indicator_write_result, indicator_id, 0, NULL),
    R_INT_IF("observations", struct indicator_write_result, rows, has_rows, RES_OPT,
             "Observations in the file, each key once (imports only)"),
    R_INT_IF("inserted", struct indicator_write_result, inserted, has_rows, RES_OPT,
             "Observations the import added (imports only)"),
    R_INT_IF("changed", struct indicator_write_result, changed, has_rows, RES_OPT,
             "Observations whose value, source, note, attributes or Progress it changed"),
    R_INT_IF("removed", struct indicator_write_result, removed, has_rows, RES_OPT,
             "Observations it removed (a replace: those the file does not have)"),
    R_INT_IF("unchanged", struct indicator_write_result, unchanged, has_rows, RES_OPT,
             "Observations the file gave as they were stored"),
    /* R_ARR, present only for an import (has_rows) */
    {.name = "notices",
     .type = RT_ARR,
     .flags = RES_OPT | RES_HAS_BOOL,
     .off = RES_OFF(struct indicator_write_result, notices, const struct write_notice *),
     .off_n = RES_OFF(struct indicator_write_result, n_notices, int),
     .item_size = sizeof(struct write_notice),
     .item = R_ITEM_OBJ(write_notice_fields),
     .has = RES_OFF(struct indicator_write_result, has_rows, bool),
     .desc = "What the import accepted but you should know (imports only): repeated rows kept "
             "once, columns ignored, the counts; at most 20"},
    R_PTR_RES("progress", struct indicator_write_result, progress, &api_progress_res, 0,
              "The new assessment"),
    R_END,
};

const struct resource api_write_result_res = {
    .name = "IndicatorWriteResult",
    .fields = write_result_fields,
    .size = sizeof(struct indicator_write_result),
};

/* The PATCH body, parsed member by member by api_write.c (settings.c checks it). */
/* clang-format off */
static const struct res_field settings_fields[] = {
    R_DOC("base_year", RT_INT, RES_NULL | RES_OPT, "1900-2200; null: the mission's start year"),
    R_DOC("base_value", RT_NUM, RES_NULL | RES_OPT, NULL),
    R_DOC_OBJ("target", R_FIELDS(
        R_DOC_ENUM_EXCEPT("kind", &code_target_kind, "none", 0, NULL),
        R_DOC("value", RT_NUM, 0, "Absolute value, or percent change from the base value"),
        R_DOC("year", RT_INT, RES_NULL, "Target year; null: the mission's deadline")),
        RES_NULL | RES_OPT, "null: no target"),
    R_DOC_ENUM("direction", &code_direction, RES_OPT, NULL),
    R_DOC("limit", RT_NUM, RES_NULL | RES_OPT, NULL),
    R_DOC_OBJ("thresholds", thresholds_fields, RES_NULL | RES_OPT, "high > med > low; null: standard"),
    R_DOC("headline", RT_MAP, RES_NULL | RES_OPT,
          "Which disaggregation is assessed, e.g. {\"Sex\": \"F\"} (values may hold commas); "
          "null: samverka chooses (the total when there is one)"),
    R_DOC_OBJ("bounds", R_FIELDS(
        R_DOC("lower", RT_NUM, RES_NULL | RES_OPT, "null: no lower bound"),
        R_DOC("upper", RT_NUM, RES_NULL | RES_OPT, "null: no upper bound")),
        RES_NULL | RES_OPT, "The values the indicator can take; null: the default (0 to 100 "
        "for a percentage, else none)"),
    R_END,
};
/* clang-format on */

static const struct resource settings_res = {
    .name = "IndicatorSettings",
    .desc = "Only the members given change; unknown members are refused",
    .fields = settings_fields,
};

/* The POST body as JSON (import.c reads it; CSV has the same columns). */
static const struct res_field data_fields[] = {
    R_DOC("Year", RT_STR, 0,
          "The period as published: a year, 2015-16, 2013 Q1, 1993 01, 2019/2, a date range"),
    R_DOC("Series", RT_STR, RES_OPT, NULL),
    R_DOC("Units", RT_STR, RES_OPT, NULL),
    R_DOC("Source", RT_STR, RES_OPT | RES_NULL, "Where this value comes from"),
    R_DOC("Note", RT_STR, RES_OPT | RES_NULL, "What to know about this value"),
    R_DOC("Value", RT_NUM, RES_OPT | RES_NULL, NULL),
    R_END,
};

static const struct resource data_res = {
    .name = "IndicatorData",
    .desc = "Open SDG-style records; every key other than Year, Series, Units, Source, Note "
            "and Value is a disaggregation column. A record without Source (Note) keeps the "
            "stored source (note) of a value it leaves unchanged",
    .fields = data_fields,
    .array = true,
    .more_strings = true,
};

const struct resource *const api_indicator_resources[] = {
    &objective_res,        &objective_list_res, &indicator_res,
    &indicator_list_res,   &sdg_link_res,       &observation_res,
    &observation_list_res, &api_progress_res,   &api_write_result_res,
    &settings_res,         &data_res,           NULL,
};
