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
#include <sodium.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/json.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/load.h"
#include "domain/mission.h"
#include "domain/tidycsv.h"

#define MAX_TREE_DEPTH 16

int
progress_direction_of(const char *code)
{
    if (!code_is(&code_direction, code))
        return 0;
    return strcmp(code, "increase") == 0 ? 1 : -1;
}

const char *
progress_direction_code(int direction)
{
    return direction > 0 ? "increase" : "decrease";
}

void
indicator_progress_config(const struct indicator *ind, struct progress_config *c)
{
    double target;

    progress_config_default(c);
    /* the database holds one of the two (a CHECK); anything else counts as lower is better,
     * Open SDG's default */
    c->direction = progress_direction_of(ind->direction) > 0 ? 1 : -1;
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
    indicator_bounds(ind, NULL, &c->has_lower, &c->lower, &c->has_upper, &c->upper);
}

/* By period: its year, key, then the label as written (period.h; keys start with the year,
 * the year first keeps rows without a key, such as tests', in year order). */
static int
cmp_raw(const void *a, const void *b)
{
    const struct obs_point *p = a, *q = b;

    if (p->year != q->year)
        return (p->year > q->year) - (p->year < q->year);
    if (p->key != q->key)
        return (p->key > q->key) - (p->key < q->key);
    return strcmp(p->label, q->label);
}

/* The value the engine assesses: the Progress column where the file had one (as Open SDG's
 * engine, and `samverka assess`), else the value. */
static double
assessed_value(const struct observation *o)
{
    return o->has_progress ? o->progress : o->value;
}

/* A headline row and its position in the caller's array. */
struct hl_ref {
    const struct observation *o;
    int idx;
};

/* By series, unit, then position: equal (series, unit) rows become one run,
 * each run in the caller's order. */
static int
cmp_ref(const void *a, const void *b)
{
    const struct hl_ref *p = a, *q = b;
    int c;

    c = strcmp(p->o->series, q->o->series);
    if (c == 0)
        c = strcmp(p->o->unit, q->o->unit);
    if (c == 0)
        c = (p->idx > q->idx) - (p->idx < q->idx);
    return c;
}

/* One series: refs[start .. start + len), first = the position of its first row. */
struct hl_run {
    int start, len, first;
};

static int
cmp_run(const void *a, const void *b)
{
    const struct hl_run *p = a, *q = b;

    return (p->first > q->first) - (p->first < q->first);
}

/* The indicator's effective inputs with a series' own bounds (those of its unit). */
static void
series_config(const struct progress_config *c, const struct series_progress *sp,
              struct progress_config *out)
{
    *out = *c;
    out->has_lower = sp->has_lower;
    out->lower = sp->lower;
    out->has_upper = sp->has_upper;
    out->upper = sp->upper;
}

static bool
has_mismatch(const struct indicator_progress *ip, const char *setting)
{
    int i;

    for (i = 0; i < ip->n_mismatch && i < ASSESS_MAX_MISMATCHES; i++)
        if (strcmp(ip->mismatch[i].setting, setting) == 0)
            return true;
    return false;
}

/*
 * The settings that contradict the data (indicator_mismatches), and what follows: a base
 * year that leaves no trend, or a target met already at the base value, leaves the
 * indicator without a stated status (nor a score for the roll-up); the assessment without
 * the setting is kept beside it for the page to show. rs: the series' results, scratch.
 */
static void
contradictions(const struct indicator *ind, const struct observation *obs, int n,
               struct indicator_progress *out, struct progress_result *rs)
{
    struct progress_config cfg;
    struct series_progress *sp;
    bool base, target;
    int k;

    out->n_mismatch = indicator_mismatches(ind, obs, n, out->mismatch, ASSESS_MAX_MISMATCHES);
    base = has_mismatch(out, "base_year") && out->n_series > 0 &&
           (!out->series[0].r.assessable ||
            out->series[0].r.current_year <= out->series[0].r.base_year);
    target = has_mismatch(out, "target");
    if (!base && !target)
        return;
    out->contradicted = true;
    out->contradicted_base = base;
    out->contradicted_target = target;
    for (k = 0; k < out->n_series; k++) {
        sp = &out->series[k];
        series_config(&out->cfg, sp, &cfg);
        if (base)
            cfg.base_year = 0; /* from the first year of data */
        if (target)
            cfg.has_target = cfg.target_relative = false;
        progress_assess(sp->pts, sp->n_pts, &cfg, &rs[k]);
    }
    progress_combine(rs, out->n_series, &out->without_status, &out->without_has_score,
                     &out->without_score);
    out->without = rs;
    out->status = PS_NOT_AVAILABLE;
    out->has_score = false;
    out->score = 0;
    out->target_achieved = false;
}

/*
 * One series' rows (refs[0..n)) into sp: raw, every period in (key, label) order, and pts,
 * the series folded to years (assess.h, docs/progress.md): a year's value is the mean of its
 * periods' assessed values; with periods finer than a year, a latest year with fewer
 * periods than the year before it is left out (incomplete_year). Annual data (one period a
 * year) is its own fold. Linear after the sort.
 */
static void
fold_series(struct arena *a, const struct hl_ref *refs, int n, struct series_progress *sp)
{
    struct obs_point *raw;
    double *assessed, sum;
    int *count, i, j, k, m = 1, n_years = 0;

    raw = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*raw));
    /* the assessed value travels with its row through the sort: sort indexes, not copies */
    assessed = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*assessed));
    for (i = 0; i < n; i++) {
        raw[i].label = refs[i].o->period != NULL ? refs[i].o->period : "";
        raw[i].key = refs[i].o->period_key;
        raw[i].year = refs[i].o->year;
        raw[i].value = refs[i].o->value;
    }
    /* rows come in key order from every loader (their ORDER BY); sort only when not, so
     * the common case stays linear; the assessed values follow the same permutation */
    for (i = 1; i < n && cmp_raw(&raw[i - 1], &raw[i]) <= 0; i++)
        ;
    if (i < n) {
        struct {
            struct obs_point p;
            double v;
        } *tmp = arena_alloc(a, (size_t)n * sizeof(*tmp));

        for (i = 0; i < n; i++) {
            tmp[i].p = raw[i];
            tmp[i].v = assessed_value(refs[i].o);
        }
        /* the obs_point is the struct's first member: cmp_raw reads it */
        qsort(tmp, (size_t)n, sizeof(*tmp), cmp_raw);
        for (i = 0; i < n; i++) {
            raw[i] = tmp[i].p;
            assessed[i] = tmp[i].v;
        }
    } else {
        for (i = 0; i < n; i++)
            assessed[i] = assessed_value(refs[i].o);
    }
    sp->raw = raw;
    sp->n_raw = n;
    /* one point a year, in year order: keys start with the year (YYYYMMDD), so a year's
     * periods are adjacent */
    sp->pts = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*sp->pts));
    count = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*count));
    for (i = 0; i < n; i = j) {
        sum = 0;
        for (j = i; j < n && raw[j].year == raw[i].year; j++)
            sum += assessed[j];
        sp->pts[n_years].year = raw[i].year;
        sp->pts[n_years].value = sum / (j - i);
        count[n_years] = j - i;
        if (j - i > m)
            m = j - i;
        n_years++;
    }
    sp->max_periods = m;
    sp->incomplete_year = sp->incomplete_n = sp->incomplete_of = 0;
    k = n_years - 1;
    if (m > 1 && k >= 1 && count[k] < count[k - 1]) {
        sp->incomplete_year = sp->pts[k].year;
        sp->incomplete_n = count[k];
        sp->incomplete_of = count[k - 1];
        n_years--;
    }
    sp->n_pts = n_years;
}

void
indicator_progress_compute(struct arena *a, const struct indicator *ind,
                           const struct observation *obs, int n, struct indicator_progress *out)
{
    const char *headline = ind->headline ? ind->headline : "";
    struct progress_config scfg;
    struct progress_result *rs;
    struct series_progress *sp;
    struct hl_ref *refs;
    struct hl_run *runs;
    int i, k, n_refs = 0, n_runs = 0;

    memset(out, 0, sizeof(*out));
    out->indicator_id = ind->id;
    out->headline = headline;
    out->headline_chosen = ind->headline_chosen;
    indicator_progress_config(ind, &out->cfg);
    /* the headline rows, sorted into runs of one (series, unit) each */
    refs = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*refs));
    for (i = 0; i < n; i++)
        if (strcmp(obs[i].disagg, headline) == 0) {
            refs[n_refs].o = &obs[i];
            refs[n_refs].idx = i;
            n_refs++;
        }
    qsort(refs, (size_t)n_refs, sizeof(*refs), cmp_ref);
    runs = arena_alloc(a, (size_t)(n_refs > 0 ? n_refs : 1) * sizeof(*runs));
    for (i = 0; i < n_refs; i++) {
        if (i == 0 || strcmp(refs[i].o->series, refs[i - 1].o->series) != 0 ||
            strcmp(refs[i].o->unit, refs[i - 1].o->unit) != 0) {
            runs[n_runs].start = i;
            runs[n_runs].first = refs[i].idx;
            n_runs++;
        }
        runs[n_runs - 1].len++;
    }
    /* the series in the order of their first row, as the caller's query ordered them */
    qsort(runs, (size_t)n_runs, sizeof(*runs), cmp_run);
    out->n_series = n_runs;
    out->series = arena_alloc(a, (size_t)(n_runs > 0 ? n_runs : 1) * sizeof(*out->series));
    rs = arena_alloc(a, (size_t)(n_runs > 0 ? n_runs : 1) * sizeof(*rs));
    for (k = 0; k < n_runs; k++) {
        sp = &out->series[k];
        sp->series = refs[runs[k].start].o->series;
        sp->unit = refs[runs[k].start].o->unit;
        fold_series(a, refs + runs[k].start, runs[k].len, sp);
        /* each series within the bounds of its own unit (a count beside a share) */
        indicator_bounds(ind, sp->unit, &sp->has_lower, &sp->lower, &sp->has_upper, &sp->upper);
        series_config(&out->cfg, sp, &scfg);
        progress_assess(sp->pts, sp->n_pts, &scfg, &sp->r);
        /* data with fewer than two years from a default base year (the mission's start, or
         * 2015) on is assessed from its first year, and says so, rather than not at all; a
         * base year the indicator sets is kept, right or wrong (indicator_mismatches names
         * it) */
        if (!ind->has_base && sp->n_pts > 1 &&
            (!sp->r.assessable || sp->r.current_year <= sp->r.base_year)) {
            scfg.base_year = 0;
            progress_assess(sp->pts, sp->n_pts, &scfg, &sp->r);
            sp->base_from_data = sp->r.assessable;
        }
        rs[k] = sp->r;
    }
    progress_combine(rs, out->n_series, &out->status, &out->has_score, &out->score);
    out->target_achieved = out->status == PS_TARGET_ACHIEVED;
    contradictions(ind, obs, n, out, rs);
}

/* A headline row from column c on (HEADLINE_COLS: year, series, unit, disagg, value,
 * period, period_key, progress): what the assessment reads. */
static void
headline_row_at(struct db_stmt *st, struct arena *a, struct observation *o, int c)
{
    o->year = (int)db_i64(st, c);
    o->series = ld_str(st, c + 1, a);
    o->unit = ld_str(st, c + 2, a);
    o->disagg = ld_str(st, c + 3, a);
    o->value = db_dbl(st, c + 4);
    o->period = ld_str(st, c + 5, a);
    o->period_key = db_i64(st, c + 6);
    o->has_progress = db_type(st, c + 7) != DB_NULL;
    o->progress = o->has_progress ? db_dbl(st, c + 7) : 0;
    o->source = "";
    o->note = "";
    o->attrs = "";
}

/* One row of Q_INDICATOR_HEADLINE_OBSERVATIONS. */
static void
headline_row(struct db_stmt *st, struct arena *a, void *item)
{
    headline_row_at(st, a, item, 0);
}

enum err
indicator_progress_load(struct db *db, struct arena *a, const struct indicator *ind,
                        struct indicator_progress *out)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_HEADLINE_OBSERVATIONS);
    struct observation *obs;
    int n;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, ind->id);
    db_bind_text(st, 2, ind->headline ? ind->headline : "");
    rc = ld_rows(st, a, sizeof(*obs), headline_row, &obs, &n);
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

/* The rows of one indicator in the mission's observations: [start, end). */
struct owner_run {
    int64_t owner;
    int start, end;
};

static int
cmp_owner(const void *a, const void *b)
{
    const struct owner_run *p = a, *q = b;

    return (p->owner > q->owner) - (p->owner < q->owner);
}

/*
 * What the indicator statements read with one look-up each (q_indicator.def LATEST and
 * BASE_PERIOD), from ind's headline rows obs[0 .. n): the latest value is the row of the
 * newest (period_key, period), the first (series, unit) among equals, compared byte by byte
 * as SQLite's and a C-collated PostgreSQL's ORDER BY compare them; the base period is the
 * base year's period when the year has one (several: NULL, the year stands for them).
 */
static int
cmp_latest(const struct observation *p, const struct observation *q)
{
    int c;

    if (p->period_key != q->period_key)
        return p->period_key > q->period_key ? 1 : -1;
    if ((c = strcmp(p->period, q->period)) != 0)
        return c;
    if ((c = strcmp(q->series, p->series)) != 0)
        return c;
    return strcmp(q->unit, p->unit);
}

static void
latest_from_rows(struct indicator *ind, const struct observation *obs, int n)
{
    const struct observation *best = NULL;
    const char *base = NULL;
    bool several = false;
    int j;

    for (j = 0; j < n; j++) {
        if (best == NULL || cmp_latest(&obs[j], best) > 0)
            best = &obs[j];
        if (ind->base_year != 0 && obs[j].year == ind->base_year) { /* 0: NULL */
            if (base == NULL)
                base = obs[j].period;
            else if (strcmp(base, obs[j].period) != 0)
                several = true;
        }
    }
    ind->has_latest = best != NULL;
    ind->latest_year = best != NULL ? best->year : 0;
    ind->latest_period = best != NULL ? best->period : NULL;
    ind->latest_value = best != NULL ? best->value : 0;
    ind->base_period = several ? NULL : base;
}

enum err
mission_progress_load(struct db *db, struct arena *a, int64_t mission_id,
                      const struct objective *objs, int n_objs, struct indicator *inds, int n_inds,
                      struct mission_progress *out)
{
    struct db_stmt *st;
    struct observation *obs = NULL;
    int64_t *owner = NULL;
    struct progress_child *kids;
    struct owner_run *runs, *run, key;
    int n = 0, cap = 0, i, j, start, k, n_runs = 0;
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
        headline_row_at(st, a, &obs[n], 1);
        n++;
    }
    db_done(st);
    if (rc)
        return rc;
    /* observations come ordered by indicator: note each indicator's run once, then
     * hand every indicator its run by binary search (never a scan per indicator) */
    runs = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*runs));
    for (j = 0; j < n; j++) {
        if (j == 0 || owner[j] != owner[j - 1]) {
            runs[n_runs].owner = owner[j];
            runs[n_runs].start = j;
            n_runs++;
        }
        runs[n_runs - 1].end = j + 1;
    }
    for (i = 0; i < n_inds; i++) {
        key.owner = inds[i].id;
        run = n_runs > 0 ? bsearch(&key, runs, (size_t)n_runs, sizeof(*runs), cmp_owner) : NULL;
        start = run != NULL ? run->start : 0;
        /* no rows at all: obs is NULL, and NULL + 0 is undefined behaviour */
        latest_from_rows(&inds[i], run != NULL ? obs + start : obs,
                         run != NULL ? run->end - start : 0);
        indicator_progress_compute(a, &inds[i], run != NULL ? obs + start : obs,
                                   run != NULL ? run->end - start : 0, &out->inds[i]);
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

enum err
mission_tree_load(struct db *db, struct arena *a, int64_t mission_id, struct mission_tree *out)
{
    enum err rc;

    memset(out, 0, sizeof(*out));
    rc = mission_objectives(db, a, mission_id, &out->objs, &out->n_objs);
    if (rc)
        return rc;
    rc = mission_indicators(db, a, mission_id, &out->inds, &out->n_inds);
    if (rc)
        return rc;
    return mission_progress_load(db, a, mission_id, out->objs, out->n_objs, out->inds, out->n_inds,
                                 &out->prog);
}

/* An indicator of a page by id: the page's order is the mission's, the rows come by id. */
struct page_slot {
    int64_t id;
    int k; /* its index in the page */
};

static int
cmp_slot(const void *a, const void *b)
{
    const struct page_slot *p = a, *q = b;

    return (p->id > q->id) - (p->id < q->id);
}

static void
page_bind(struct db_stmt *st, int64_t mission_id, const struct page *pg)
{
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
}

/* The page's disaggregation names: rows by indicator id, merged with the sorted slots. */
static enum err
page_dimensions(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                struct indicator *inds, const struct page_slot *slots, int n)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_PAGE_DIMENSIONS);
    struct indicator *ind;
    int s = 0, *cap;
    int64_t id;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    cap = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*cap));
    page_bind(st, mission_id, pg);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        id = db_i64(st, 0);
        while (s < n && slots[s].id < id)
            s++;
        if (s == n || slots[s].id != id)
            continue;
        ind = &inds[slots[s].k];
        ind->dimensions = ld_grow(a, ind->dimensions, ind->n_dimensions, &cap[slots[s].k],
                                  sizeof(*ind->dimensions));
        ind->dimensions[ind->n_dimensions++] = ld_str(st, 1, a);
    }
    db_done(st);
    return rc;
}

enum err
indicator_page_load(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                    struct indicator **out, struct indicator_progress **out_progress, int *out_n,
                    int64_t *out_total)
{
    struct indicator_progress *ips;
    struct observation *obs = NULL;
    struct page_slot *slots;
    struct indicator *inds;
    struct db_stmt *st;
    int64_t *owner = NULL;
    int n, n_obs = 0, cap = 0, i, s, start;
    enum err rc;
    bool row;

    rc = indicator_list(db, a, mission_id, pg, &inds, &n, out_total);
    if (rc)
        return rc;
    slots = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*slots));
    for (i = 0; i < n; i++) {
        slots[i].id = inds[i].id;
        slots[i].k = i;
        inds[i].dimensions = NULL;
        inds[i].n_dimensions = 0;
    }
    qsort(slots, (size_t)n, sizeof(*slots), cmp_slot);
    rc = page_dimensions(db, a, mission_id, pg, inds, slots, n);
    if (rc)
        return rc;

    st = db_stmt(db, Q_INDICATOR_PAGE_OBSERVATIONS);
    if (st == NULL)
        return ERR_DB;
    page_bind(st, mission_id, pg);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        int oldcap = cap;

        obs = ld_grow(a, obs, n_obs, &cap, sizeof(*obs));
        if (cap != oldcap)
            owner = ld_grow(a, owner, n_obs, &oldcap, sizeof(*owner));
        owner[n_obs] = db_i64(st, 0);
        headline_row_at(st, a, &obs[n_obs], 1);
        n_obs++;
    }
    db_done(st);
    if (rc)
        return rc;

    /* the rows come by indicator id: each slot's run, in one merge walk */
    ips = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*ips));
    for (s = 0, start = 0; s < n; s++) {
        i = start;
        while (i < n_obs && owner[i] < slots[s].id)
            i++;
        start = i;
        while (i < n_obs && owner[i] == slots[s].id)
            i++;
        /* no rows: obs may be NULL, and NULL + 0 is undefined behaviour */
        indicator_progress_compute(a, &inds[slots[s].k], i > start ? obs + start : obs, i - start,
                                   &ips[slots[s].k]);
        start = i;
    }
    *out = inds;
    *out_progress = ips;
    *out_n = n;
    return ERR_OK;
}

/* ------------------------------------------------------------ settings vs data */

/* Case-insensitive equality with surrounding spaces ignored. */
static bool
same_text(const char *a, const char *b)
{
    size_t la, lb;

    while (*a == ' ')
        a++;
    while (*b == ' ')
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la > 0 && a[la - 1] == ' ')
        la--;
    while (lb > 0 && b[lb - 1] == ' ')
        lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

bool
assess_shows_faithfully(double v, int d)
{
    double scale = pow(10, d), shown = round(v * scale) / scale;

    if (!isfinite(v) || v == 0)
        return true;
    return fabs(shown - v) <= 0.005 * fabs(v);
}

int
assess_decimals_needed(const struct observation *obs, int n)
{
    int d, i;

    for (d = 0; d < 6; d++) {
        for (i = 0; i < n && assess_shows_faithfully(obs[i].value, d); i++)
            ;
        if (i == n)
            return d;
    }
    return 6;
}

static struct setting_mismatch *mismatch_add(struct setting_mismatch *out, int max, int *k,
                                             const char *setting, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Add one to out (while there is room: then it is returned, else NULL) and count it in *k. */
static struct setting_mismatch *
mismatch_add(struct setting_mismatch *out, int max, int *k, const char *setting, const char *fmt,
             ...)
{
    struct setting_mismatch *m = NULL;
    va_list ap;

    if (*k < max) {
        m = &out[*k];
        m->setting = setting;
        va_start(ap, fmt);
        vsnprintf(m->msg, sizeof(m->msg), fmt, ap);
        va_end(ap);
        m->value = 0;
        m->need = 0;
    }
    (*k)++;
    return m;
}

int
indicator_mismatches(const struct indicator *ind, const struct observation *obs, int n,
                     struct setting_mismatch *out, int max)
{
    const char *headline = ind->headline ? ind->headline : "";
    const char *unit_shown = !str_empty(ind->unit_en) ? ind->unit_en : ind->unit_sv;
    const struct observation *first = NULL, *o;
    struct setting_mismatch *mm;
    struct progress_config cfg;
    /* the base year counts when it is set with its value (indicator_progress_config) */
    bool unit_named = false, any_unit = false, set_base = ind->has_base;
    int i, k = 0, y_min = 0, y_max = 0, n_hl = 0, base_at = 0, dec_bad = -1, need, dir;
    double base_v = 0, target;

    indicator_progress_config(ind, &cfg);
    for (i = 0; i < n; i++) {
        o = &obs[i];
        if (strcmp(o->disagg, headline) != 0 || !isfinite(o->value))
            continue;
        if (first == NULL)
            first = o;
        n_hl++;
        if (n_hl == 1 || o->year < y_min)
            y_min = o->year;
        if (n_hl == 1 || o->year > y_max)
            y_max = o->year;
        if (*o->unit) {
            any_unit = true;
            unit_named = unit_named || same_text(o->unit, ind->unit_sv ? ind->unit_sv : "") ||
                         same_text(o->unit, ind->unit_en ? ind->unit_en : "");
        }
        if (dec_bad < 0 && !assess_shows_faithfully(o->value, ind->decimals))
            dec_bad = i;
        /* the base value the assessment finds: the first series' (the Series and Units of
         * the first headline row) first value from the base year on */
        if (strcmp(o->series, first->series) == 0 && strcmp(o->unit, first->unit) == 0 &&
            o->year >= cfg.base_year && (base_at == 0 || o->year < base_at)) {
            base_at = o->year;
            base_v = o->value;
        }
    }
    if (n_hl == 0)
        return 0;
    if (any_unit && !unit_named && !str_empty(unit_shown))
        mismatch_add(out, max, &k, "unit",
                     "the unit is set to \"%s\", but the data's Units column says \"%s\"",
                     unit_shown, first->unit);
    if (set_base && ind->base_year > y_max)
        mismatch_add(out, max, &k, "base_year",
                     "the base year is set to %d, after the data's latest year (%d); without it "
                     "the assessment would start at %d",
                     ind->base_year, y_max, y_min);
    else if (set_base && ind->base_year == y_max && y_min < y_max)
        mismatch_add(out, max, &k, "base_year",
                     "the base year is set to %d, the latest year, which leaves one year to "
                     "assess; without it the assessment would start at %d",
                     ind->base_year, y_min);
    else if (set_base && ind->base_year < y_min)
        mismatch_add(out, max, &k, "base_year",
                     "the base year is set to %d, before the data's first year (%d): the "
                     "assessment starts at %d",
                     ind->base_year, y_min, y_min);
    if (dec_bad >= 0) {
        need = assess_decimals_needed(obs + dec_bad, 1);
        mm = mismatch_add(
            out, max, &k, "decimals", "%d decimals show %.*f as %.*f; that value needs at least %d",
            ind->decimals, need, obs[dec_bad].value, ind->decimals, obs[dec_bad].value, need);
        if (mm != NULL) {
            mm->value = obs[dec_bad].value;
            mm->need = need;
        }
    }
    /* a target met already at the base value, in the desired direction: "target achieved"
     * would say nothing about the trend (a rising series where lower is better) */
    dir = progress_direction_of(ind->direction) > 0 ? 1 : -1;
    if (base_at != 0 && cfg.has_target) {
        target = cfg.target;
        if ((dir > 0 && base_v >= target) || (dir < 0 && base_v <= target))
            mismatch_add(out, max, &k, "target",
                         "the target (%g) is already met by the base value (%g in %d) although "
                         "%s is better: it says nothing about the trend",
                         target, base_v, base_at, dir > 0 ? "higher" : "lower");
    }
    return k;
}

/* ------------------------------------------------------------ the series bound */

struct series_count {
    unsigned char key[crypto_generichash_KEYBYTES];
    uint64_t *slots; /* open addressing, linear probing; 0 = empty */
    size_t cap;      /* a power of two, at least twice n */
    long n;
};

struct series_count *
series_count_new(void)
{
    struct series_count *sc = calloc(1, sizeof(*sc));

    if (sc == NULL || sodium_init() < 0)
        die("out of memory");
    randombytes_buf(sc->key, sizeof(sc->key));
    sc->cap = 1024;
    sc->slots = calloc(sc->cap, sizeof(*sc->slots));
    if (sc->slots == NULL)
        die("out of memory");
    return sc;
}

/* Put digest h (non-zero) in the table; true when it was not there. */
static bool
sc_insert(uint64_t *slots, size_t cap, uint64_t h)
{
    size_t i;

    for (i = (size_t)h & (cap - 1); slots[i] != 0; i = (i + 1) & (cap - 1))
        if (slots[i] == h)
            return false;
    slots[i] = h;
    return true;
}

long
series_count_add(struct series_count *sc, const char *series, const char *unit, const char *disagg)
{
    crypto_generichash_state st;
    unsigned char d[crypto_generichash_BYTES_MIN];
    uint64_t h, *bigger;
    size_t i;

    /* the three strings with their terminating NULs: distinct triples, distinct inputs */
    crypto_generichash_init(&st, sc->key, sizeof(sc->key), sizeof(d));
    crypto_generichash_update(&st, (const unsigned char *)series, strlen(series) + 1);
    crypto_generichash_update(&st, (const unsigned char *)unit, strlen(unit) + 1);
    crypto_generichash_update(&st, (const unsigned char *)disagg, strlen(disagg) + 1);
    crypto_generichash_final(&st, d, sizeof(d));
    memcpy(&h, d, sizeof(h));
    if (h == 0)
        h = 1;
    if (!sc_insert(sc->slots, sc->cap, h))
        return sc->n;
    sc->n++;
    if ((size_t)sc->n * 2 > sc->cap) {
        bigger = calloc(sc->cap * 2, sizeof(*bigger));
        if (bigger == NULL)
            die("out of memory");
        for (i = 0; i < sc->cap; i++)
            if (sc->slots[i] != 0)
                sc_insert(bigger, sc->cap * 2, sc->slots[i]);
        free(sc->slots);
        sc->slots = bigger;
        sc->cap *= 2;
    }
    return sc->n;
}

void
series_count_free(struct series_count *sc)
{
    if (sc == NULL)
        return;
    free(sc->slots);
    free(sc);
}

/* ------------------------------------------------------------ JSON */

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
    json_kdbl_or_null(j, "target", r->has_target, r->target);
    json_kint(j, "target_year", target_year);
    json_kint(j, "method", r->method);
    json_kdbl(j, "limit_factor", r->limit_factor);
    json_kdbl_or_null(j, "progress_value", r->has_progress, r->progress);
    json_kstr(j, "status", progress_status_name(r->status));
    json_kdbl_or_null(j, "score", r->has_score, r->score);
    json_key(j, "projection");
    if (r->has_projection_cagr || r->has_projection_ols) {
        json_obj_open(j);
        json_kint(j, "year", target_year);
        json_kdbl_or_null(j, "cagr", r->has_projection_cagr, r->projection_cagr);
        json_kdbl_or_null(j, "ols", r->has_projection_ols, r->projection_ols);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    if (r->has_year_reached)
        json_kint(j, "year_reached", r->year_reached);
    else
        json_knull(j, "year_reached");
    json_kdbl_or_null(j, "rate_current", r->has_rate_current, r->rate_current);
    json_kdbl_or_null(j, "rate_needed", r->has_rate_needed, r->rate_needed);
}

void
progress_json_config(struct json *j, const struct progress_config *c)
{
    json_obj_open(j);
    json_kstr(j, "method", "rate-ratio (Open SDG 2.4.0 / Statistics Canada / Eurostat)");
    json_kstr(j, "direction", progress_direction_code(c->direction));
    json_kint(j, "base_year", c->base_year);
    json_kint(j, "target_year", c->target_year);
    json_kdbl_or_null(j, "target", c->has_target, c->target);
    json_kdbl_or_null(j, "target_change_percent", c->target_relative, c->target_change);
    json_kdbl_or_null(j, "limit", c->has_limit, c->limit);
    json_kdbl_or_null(j, "lower_bound", c->has_lower, c->lower);
    json_kdbl_or_null(j, "upper_bound", c->has_upper, c->upper);
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
    json_kdbl_or_null(j, "score", ip->has_score, ip->score);
    json_key(j, "config");
    progress_json_config(j, &ip->cfg);
    json_key(j, "headline"); /* {} for the total */
    json_pairs(j, ip->headline, TIDY_DISAGG_SEP);
    json_kbool(j, "headline_chosen", ip->headline_chosen);
    json_key(j, "settings_mismatches");
    json_arr_open(j);
    for (k = 0; k < ip->n_mismatch && k < ASSESS_MAX_MISMATCHES; k++) {
        json_obj_open(j);
        json_kstr(j, "setting", ip->mismatch[k].setting);
        json_kstr(j, "message", ip->mismatch[k].msg);
        json_obj_close(j);
    }
    json_arr_close(j);
    json_key(j, "without_contradicting_settings");
    if (ip->contradicted) {
        json_obj_open(j);
        json_kstr(j, "status", progress_status_name(ip->without_status));
        json_kdbl_or_null(j, "score", ip->without_has_score, ip->without_score);
        json_obj_close(j);
    } else {
        json_nil(j);
    }
    json_key(j, "series");
    json_arr_open(j);
    for (k = 0; k < ip->n_series; k++) {
        json_obj_open(j);
        json_kstr(j, "series", ip->series[k].series);
        json_kstr(j, "unit", ip->series[k].unit);
        json_kint(j, "observations", ip->series[k].n_pts);
        json_kbool(j, "base_from_data", ip->series[k].base_from_data);
        progress_json_members(j, &ip->series[k].r, ip->cfg.target_year);
        json_obj_close(j);
    }
    json_arr_close(j);
    json_obj_close(j);
}
