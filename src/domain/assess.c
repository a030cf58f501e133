/*
 * assess.c — progress of indicators, objectives and missions (see assess.h).
 *
 * An indicator is assessed on its headline series: the observations whose
 * disaggregation equals the configured headline ('' = the rows with every
 * disaggregation cell empty), one series per Series/Units pair, combined as
 * Open SDG combines an indicator's series (the mean of their scores).
 * Objectives and the mission take the weighted mean of their children's
 * scores (PROGRESS.md Part B.2).
 */
#include "domain/assess.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "domain/load.h"

#define MAX_TREE_DEPTH 16

void
indicator_progress_config(const struct indicator *ind, struct progress_config *c)
{
    double target;

    progress_config_default(c);
    c->direction = strcmp(ind->direction, "increase") == 0 ? 1 : -1;
    if (ind->has_base)
        c->base_year = ind->base_year;
    else if (ind->mission_start_year > 0)
        c->base_year = ind->mission_start_year;
    if (ind->target_year > 0)
        c->target_year = ind->target_year;
    else if (ind->mission_deadline_year > 0)
        c->target_year = ind->mission_deadline_year;
    if (ind->has_target && strcmp(ind->target_kind, "relative") == 0 && !ind->has_base) {
        /* relative to the base value found in the data */
        c->target_relative = true;
        c->target_change = ind->target_value;
    } else if (indicator_target_abs(ind, &target)) {
        c->has_target = true;
        c->target = target;
    }
    if (ind->has_limit) {
        c->has_limit = true;
        c->limit = ind->limit_value;
    }
    if (ind->has_thresholds) {
        c->has_thresholds = true;
        c->high = ind->th_high;
        c->med = ind->th_med;
        c->low = ind->th_low;
    }
}

static int
cmp_year(const void *a, const void *b)
{
    const struct progress_point *p = a, *q = b;

    return p->year - q->year;
}

void
indicator_progress_compute(struct arena *a, const struct indicator *ind,
                           const struct observation *obs, int n, struct indicator_progress *out)
{
    struct progress_point *pts;
    struct progress_result *rs;
    int i, k, np, cap = 0;

    memset(out, 0, sizeof(*out));
    out->indicator_id = ind->id;
    indicator_progress_config(ind, &out->cfg);
    pts = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*pts));
    /* one series per distinct (series, unit) among the headline rows */
    for (i = 0; i < n; i++) {
        if (strcmp(obs[i].disagg, ind->headline ? ind->headline : "") != 0)
            continue;
        for (k = 0; k < out->n_series; k++)
            if (strcmp(out->series[k].series, obs[i].series) == 0 &&
                strcmp(out->series[k].unit, obs[i].unit) == 0)
                break;
        if (k < out->n_series)
            continue;
        out->series = ld_grow(a, out->series, out->n_series, &cap, sizeof(*out->series));
        out->series[out->n_series].series = obs[i].series;
        out->series[out->n_series].unit = obs[i].unit;
        out->n_series++;
    }
    rs = arena_alloc(a, (size_t)(out->n_series > 0 ? out->n_series : 1) * sizeof(*rs));
    for (k = 0; k < out->n_series; k++) {
        np = 0;
        for (i = 0; i < n; i++)
            if (strcmp(obs[i].disagg, ind->headline ? ind->headline : "") == 0 &&
                strcmp(obs[i].series, out->series[k].series) == 0 &&
                strcmp(obs[i].unit, out->series[k].unit) == 0) {
                pts[np].year = obs[i].year;
                pts[np].value = obs[i].value;
                np++;
            }
        progress_assess(pts, np, &out->cfg, &out->series[k].r);
        rs[k] = out->series[k].r;
        out->series[k].pts = arena_alloc(a, (size_t)(np > 0 ? np : 1) * sizeof(*pts));
        memcpy(out->series[k].pts, pts, (size_t)np * sizeof(*pts));
        out->series[k].n_pts = np;
        qsort(out->series[k].pts, (size_t)np, sizeof(*pts), cmp_year);
    }
    progress_combine(rs, out->n_series, &out->status, &out->has_score, &out->score);
    out->target_achieved = out->status == PS_TARGET_ACHIEVED;
}

enum err
indicator_progress_load(struct db *db, struct arena *a, const struct indicator *ind,
                        struct indicator_progress *out)
{
    struct observation *obs;
    int n;
    enum err rc;

    rc = indicator_observations(db, a, ind->id, &obs, &n);
    if (rc)
        return rc;
    indicator_progress_compute(a, ind, obs, n, out);
    return ERR_OK;
}

/* Roll up objective o: its indicators and its sub-objectives, weighted. */
static void
rollup(struct arena *a, const struct objective *objs, int n_objs, const struct indicator *inds,
       int n_inds, struct mission_progress *mp, int o, int depth)
{
    struct progress_child *kids;
    struct objective_progress *op = &mp->objs[o];
    int i, k = 0;

    kids = arena_alloc(a, (size_t)(n_inds + n_objs + 1) * sizeof(*kids));
    if (depth > MAX_TREE_DEPTH) {
        op->status = PS_NOT_AVAILABLE;
        return;
    }
    for (i = 0; i < n_inds; i++) {
        if (inds[i].objective_id != objs[o].id)
            continue;
        kids[k].has_score = mp->inds[i].has_score;
        kids[k].score = mp->inds[i].score;
        kids[k].weight = inds[i].weight;
        kids[k].target_achieved = mp->inds[i].target_achieved;
        k++;
    }
    for (i = 0; i < n_objs; i++) {
        if (objs[i].parent_id != objs[o].id || i == o)
            continue;
        rollup(a, objs, n_objs, inds, n_inds, mp, i, depth + 1);
        kids[k].has_score = mp->objs[i].has_score;
        kids[k].score = mp->objs[i].score;
        kids[k].weight = objs[i].weight;
        kids[k].target_achieved = mp->objs[i].status == PS_TARGET_ACHIEVED;
        k++;
    }
    progress_rollup(kids, k, &op->status, &op->has_score, &op->score);
    op->n_scored = 0;
    for (i = 0; i < k; i++)
        op->n_scored += kids[i].has_score && kids[i].weight > 0;
}

enum err
mission_progress_load(struct db *db, struct arena *a, int64_t mission_id,
                      const struct objective *objs, int n_objs, const struct indicator *inds,
                      int n_inds, struct mission_progress *out)
{
    struct db_stmt *st;
    struct observation *obs = NULL;
    int64_t *owner = NULL;
    struct progress_child *kids;
    int n = 0, cap = 0, i, j, start, k;
    enum err rc;
    bool row;

    memset(out, 0, sizeof(*out));
    out->inds = arena_alloc(a, (size_t)(n_inds > 0 ? n_inds : 1) * sizeof(*out->inds));
    out->objs = arena_alloc(a, (size_t)(n_objs > 0 ? n_objs : 1) * sizeof(*out->objs));
    st = db_stmt(db, Q_MISSION_OBSERVATIONS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        int oldcap = cap;

        obs = ld_grow(a, obs, n, &cap, sizeof(*obs));
        if (cap != oldcap)
            owner = ld_grow(a, owner, n, &oldcap, sizeof(*owner));
        memset(&obs[n], 0, sizeof(obs[n]));
        owner[n] = db_i64(st, 0);
        obs[n].year = (int)db_i64(st, 1);
        obs[n].series = ld_str(st, 2, a);
        obs[n].unit = ld_str(st, 3, a);
        obs[n].disagg = ld_str(st, 4, a);
        obs[n].value = db_dbl(st, 5);
        n++;
    }
    db_done(st);
    if (rc)
        return rc;
    /* observations come ordered by indicator: hand each indicator its run */
    for (i = 0; i < n_inds; i++) {
        for (start = 0; start < n && owner[start] != inds[i].id; start++)
            ;
        for (j = start; j < n && owner[j] == inds[i].id; j++)
            ;
        indicator_progress_compute(a, &inds[i], obs + start, j - start, &out->inds[i]);
    }
    for (i = 0; i < n_objs; i++) {
        out->objs[i].objective_id = objs[i].id;
        if (objs[i].parent_id == 0)
            rollup(a, objs, n_objs, inds, n_inds, out, i, 0);
    }
    kids = arena_alloc(a, (size_t)(n_objs > 0 ? n_objs : 1) * sizeof(*kids));
    for (i = 0, k = 0; i < n_objs; i++) {
        if (objs[i].parent_id != 0)
            continue;
        kids[k].has_score = out->objs[i].has_score;
        kids[k].score = out->objs[i].score;
        kids[k].weight = objs[i].weight;
        kids[k].target_achieved = out->objs[i].status == PS_TARGET_ACHIEVED;
        k++;
    }
    progress_rollup(kids, k, &out->status, &out->has_score, &out->score);
    return ERR_OK;
}

/* ------------------------------------------------------------ JSON */

static void
opt_num(struct json *j, const char *k, bool has, double v)
{
    if (has)
        json_kdbl(j, k, v);
    else
        json_knull(j, k);
}

void
progress_json_members(struct json *j, const struct progress_result *r, int target_year)
{
    if (r->assessable) {
        json_kint(j, "base_year", r->base_year);
        json_kdbl(j, "base_value", r->base_value);
        json_kint(j, "current_year", r->current_year);
        json_kdbl(j, "current_value", r->current_value);
    } else {
        json_knull(j, "base_year");
        json_knull(j, "base_value");
        json_knull(j, "current_year");
        json_knull(j, "current_value");
    }
    opt_num(j, "target", r->has_target, r->target);
    json_kint(j, "target_year", target_year);
    json_kint(j, "method", r->method);
    json_kdbl(j, "limit_factor", r->limit_factor);
    opt_num(j, "progress_value", r->has_progress, r->progress);
    json_kstr(j, "status", progress_status_name(r->status));
    opt_num(j, "score", r->has_score, r->score);
    json_key(j, "projection");
    if (r->has_projection_cagr || r->has_projection_ols) {
        json_obj_open(j);
        json_kint(j, "year", target_year);
        opt_num(j, "cagr", r->has_projection_cagr, r->projection_cagr);
        opt_num(j, "ols", r->has_projection_ols, r->projection_ols);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    if (r->has_year_reached)
        json_kint(j, "year_reached", r->year_reached);
    else
        json_knull(j, "year_reached");
    opt_num(j, "rate_current", r->has_rate_current, r->rate_current);
    opt_num(j, "rate_needed", r->has_rate_needed, r->rate_needed);
}

void
progress_json_config(struct json *j, const struct progress_config *c)
{
    json_obj_open(j);
    json_kstr(j, "method", "rate-ratio (Open SDG 2.4.0 / Statistics Canada / Eurostat)");
    json_kstr(j, "direction", c->direction > 0 ? "increase" : "decrease");
    json_kint(j, "base_year", c->base_year);
    json_kint(j, "target_year", c->target_year);
    opt_num(j, "target", c->has_target, c->target);
    opt_num(j, "target_change_percent", c->target_relative, c->target_change);
    opt_num(j, "limit", c->has_limit, c->limit);
    json_key(j, "thresholds");
    if (c->has_thresholds) {
        json_obj_open(j);
        json_kdbl(j, "high", c->high);
        json_kdbl(j, "med", c->med);
        json_kdbl(j, "low", c->low);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_obj_close(j);
}

void
indicator_progress_json(struct json *j, const struct indicator_progress *ip)
{
    int k;

    json_obj_open(j);
    json_kstr(j, "status", progress_status_name(ip->status));
    opt_num(j, "score", ip->has_score, ip->score);
    json_key(j, "config");
    progress_json_config(j, &ip->cfg);
    json_key(j, "series");
    json_arr_open(j);
    for (k = 0; k < ip->n_series; k++) {
        json_obj_open(j);
        json_kstr(j, "series", ip->series[k].series);
        json_kstr(j, "unit", ip->series[k].unit);
        json_kint(j, "observations", ip->series[k].n_pts);
        progress_json_members(j, &ip->series[k].r, ip->cfg.target_year);
        json_obj_close(j);
    }
    json_arr_close(j);
    json_obj_close(j);
}
