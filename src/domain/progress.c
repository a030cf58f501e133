/*
 * progress.c — the progress engine (see progress.h and docs/progress.md).
 *
 * Part A follows sdg-build 2.4.0 `ProgressMeasure.py` step by step; the
 * constants of the score lines (7.1429, 4.2857, 4.1667) are literals there and
 * are kept as written so results match to the last bit.
 */
#include "domain/progress.h"

#include <math.h>
#include <string.h>

#include "domain/codes.h"

/* code_progress_status lists the statuses best first, the enum worst first (codes.h) */
const char *
progress_status_name(enum progress_status s)
{
    if ((unsigned)s >= PS__MAX)
        s = PS_NOT_AVAILABLE;
    return code_progress_status.codes[PS__MAX - 1 - s].code;
}

bool
progress_status_parse(const char *name, enum progress_status *out)
{
    int i;

    for (i = 0; i < PS__MAX; i++)
        if (strcmp(progress_status_name((enum progress_status)i), name) == 0) {
            *out = (enum progress_status)i;
            return true;
        }
    return false;
}

void
progress_config_default(struct progress_config *c)
{
    memset(c, 0, sizeof(*c));
    c->direction = -1;
    c->base_year = 2015;
    c->target_year = 2030;
}

double
progress_cagr(double a, double b, int t1, int t0)
{
    return pow(a / b, 1.0 / (double)(t1 - t0)) - 1.0;
}

/* Limit scaling factor C (A.2 4.5). */
static double
limit_factor(double base, double limit)
{
    const double a = 4.44;
    double b = fabs(base), l = fabs(limit);

    if (b >= 2 * l)
        return 1.0;
    if (b <= l)
        return 1.0 - pow(b / l, a);
    return 1.0 - pow((2 * l - b) / l, a);
}

static double
score_of(const struct progress_result *r, double high, double med, double low)
{
    double p = r->progress, c = r->limit_factor, s;

    if (r->method == 1) {
        if (p < low) {
            s = 125 * p - 2.5;
            return s < -5 ? -5 : s;
        }
        if (c == 0)
            return 5;
        if (p >= high) {
            s = 500 * p / c - 5;
            return s > 5 ? 5 : s;
        }
        if (p >= med)
            return 250 * p / c - 1.25;
        return 500 * p / c - 2.5;
    }
    if (p >= 0.6) {
        s = 7.1429 * p - 4.2857;
        return s > 5 ? 5 : s;
    }
    s = 4.1667 * p - 2.5;
    return s < -5 ? -5 : s;
}

/* Least-squares line through the points from base to current year. */
static bool
ols_at(const struct progress_point *pts, int n, int from, int to, int at, double *out)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0, den, slope, icpt;
    int i;

    for (i = 0; i < n; i++) {
        if (!isfinite(pts[i].value) || pts[i].year < from || pts[i].year > to)
            continue;
        sx += pts[i].year;
        sy += pts[i].value;
        sxx += (double)pts[i].year * pts[i].year;
        sxy += pts[i].year * pts[i].value;
        k++;
    }
    if (k < 3)
        return false;
    den = k * sxx - sx * sx;
    if (den == 0)
        return false;
    slope = (k * sxy - sx * sy) / den;
    icpt = (sy - slope * sx) / k;
    *out = icpt + slope * at;
    return isfinite(*out);
}

/* v within the configured bounds */
static double
bounded(const struct progress_config *c, double v)
{
    if (c->has_upper && v > c->upper)
        return c->upper;
    if (c->has_lower && v < c->lower)
        return c->lower;
    return v;
}

static void
part_b(const struct progress_point *pts, int n, const struct progress_config *c,
       struct progress_result *r, double raw_base)
{
    double xb = raw_base, xc = r->current_value, cagr, v;
    int y;

    if (r->current_year <= r->base_year)
        return;
    if (xb > 0 && xc > 0) {
        cagr = progress_cagr(xc, xb, r->current_year, r->base_year);
        r->has_rate_current = isfinite(cagr);
        r->rate_current = cagr;
        if (c->target_year >= r->current_year) {
            r->projection_cagr = bounded(c, xc * pow(1 + cagr, c->target_year - r->current_year));
            r->has_projection_cagr = isfinite(r->projection_cagr);
        }
        if (c->has_target && c->target > 0 && cagr != 0) {
            /* first year the current pace reaches the target, within a century. The pace's
             * values are monotonic in the year (and stay put once bounded clamps them), so
             * the search stops as soon as they can no longer reach it: when they move away
             * from the target, or stop moving; the answer is the same as from all 101 years
             * (test_progress), and an off-track indicator costs one pow, not 101 */
            bool away = (c->direction > 0) != (cagr > 0);
            double last = 0;

            for (y = r->current_year; y <= r->current_year + 100; y++) {
                v = bounded(c, xc * pow(1 + cagr, y - r->current_year));
                if ((c->direction > 0 && v >= c->target) || (c->direction < 0 && v <= c->target)) {
                    r->has_year_reached = true;
                    r->year_reached = y;
                    break;
                }
                if (away || (y > r->current_year && v == last))
                    break;
                last = v;
            }
        }
        if (c->has_target && c->target > 0 && c->target_year > r->current_year &&
            bounded(c, c->target) == c->target) {
            r->rate_needed = progress_cagr(c->target, xc, c->target_year, r->current_year);
            r->has_rate_needed = isfinite(r->rate_needed);
        }
    }
    if (ols_at(pts, n, r->base_year, r->current_year, c->target_year, &v)) {
        r->has_projection_ols = true;
        r->projection_ols = bounded(c, v);
    } else if (r->has_projection_cagr) {
        r->has_projection_ols = true;
        r->projection_ols = r->projection_cagr;
    }
}

void
progress_assess(const struct progress_point *pts, int n, const struct progress_config *cfg,
                struct progress_result *r)
{
    struct progress_config rel;
    const struct progress_config *c = cfg;
    double y0 = 0, yi = 0, target, high, med, low, cagr_t, s;
    int t0 = 0, ti = 0, i, d = c->direction >= 0 ? 1 : -1;
    bool have_t0 = false, have_ti = false;

    memset(r, 0, sizeof(*r));
    r->status = PS_NOT_AVAILABLE;
    r->method = c->has_target || c->target_relative ? 2 : 1;
    r->limit_factor = 1.0;
    for (i = 0; i < n; i++) {
        if (!isfinite(pts[i].value))
            continue;
        if (!have_ti || pts[i].year > ti) {
            ti = pts[i].year;
            yi = pts[i].value;
            have_ti = true;
        }
        if (pts[i].year >= c->base_year && (!have_t0 || pts[i].year < t0)) {
            t0 = pts[i].year;
            y0 = pts[i].value;
            have_t0 = true;
        }
    }
    if (!have_t0 || !have_ti)
        return; /* no year at or after the base year: not available */
    if (cfg->target_relative) {
        rel = *cfg;
        rel.has_target = true;
        rel.target = y0 * (1.0 + cfg->target_change / 100.0);
        c = &rel;
        r->method = 2;
    }
    r->has_target = c->has_target;
    r->target = c->target;
    r->assessable = true;
    r->base_year = t0;
    r->current_year = ti;
    r->current_value = yi;
    s = y0 < 0 ? -1 : 1; /* sign before the zero replacement */
    part_b(pts, n, c, r, y0);
    if (y0 == 0)
        y0 = 0.001;
    r->base_value = y0;
    target = c->target == 0 ? 0.001 : c->target;
    if (c->has_target)
        r->target_achieved = (d < 0 && yi <= target) || (d > 0 && yi >= target);
    /* nothing more is needed to reach a target that is reached */
    if (r->target_achieved)
        r->has_rate_needed = false;

    if (!(y0 * yi < 0) && t0 <= ti && ti - t0 >= 1) {
        double cagr_i = progress_cagr(yi, y0, ti, t0);

        if (!c->has_target) {
            r->progress = s * d * cagr_i;
            r->has_progress = true;
        } else {
            cagr_t = progress_cagr(target, y0, c->target_year, t0);
            if (cagr_t != 0 && isfinite(cagr_t)) {
                r->progress = s * d * cagr_i / fabs(cagr_t);
                r->has_progress = true;
            }
        }
        if (r->has_progress && !isfinite(r->progress))
            r->has_progress = false;
    }

    if (r->method == 1) {
        if (c->has_limit)
            r->limit_factor = limit_factor(y0, c->limit);
        high = 0.015 * r->limit_factor;
        med = 0.005 * r->limit_factor;
        low = 0;
    } else {
        high = 0.95;
        med = 0.60;
        low = 0;
    }

    if (r->target_achieved) {
        r->status = PS_TARGET_ACHIEVED;
        r->has_score = true;
        r->score = 5;
        return;
    }
    if (!r->has_progress)
        return;
    r->has_score = true;
    r->score = score_of(r, high, med, low);
    if (c->has_thresholds) {
        /* custom thresholds decide the status only (the score keeps the fixed lines) */
        high = c->high;
        med = c->med;
        low = c->low;
    }
    if (r->progress >= high)
        r->status = PS_SUBSTANTIAL;
    else if (r->progress >= med)
        r->status = PS_MODERATE;
    else if (r->progress >= low)
        r->status = PS_LIMITED;
    else
        r->status = PS_DETERIORATION;
}

enum progress_status
progress_band(double score)
{
    if (score >= 2.5)
        return PS_SUBSTANTIAL;
    if (score >= 0)
        return PS_MODERATE;
    if (score >= -2.5)
        return PS_LIMITED;
    return PS_DETERIORATION;
}

void
progress_combine(const struct progress_result *series, int n, enum progress_status *out_status,
                 bool *out_has_score, double *out_score)
{
    double sum = 0;
    int k = 0, i;
    bool all_achieved = true;

    for (i = 0; i < n; i++) {
        if (!series[i].has_score)
            continue;
        sum += series[i].score;
        k++;
        all_achieved = all_achieved && series[i].target_achieved;
    }
    *out_has_score = k > 0;
    *out_score = k > 0 ? sum / k : 0;
    if (k == 0)
        *out_status = PS_NOT_AVAILABLE;
    else if (all_achieved)
        *out_status = PS_TARGET_ACHIEVED;
    else
        *out_status = progress_band(*out_score);
}

void
progress_rollup(const struct progress_child *kids, int n, enum progress_status *out_status,
                bool *out_has_score, double *out_score)
{
    double sum = 0, wsum = 0;
    int i, k = 0;
    bool all_achieved = true;

    for (i = 0; i < n; i++) {
        if (!kids[i].has_score || kids[i].weight <= 0)
            continue;
        sum += kids[i].weight * kids[i].score;
        wsum += kids[i].weight;
        k++;
        all_achieved = all_achieved && kids[i].target_achieved;
    }
    *out_has_score = k > 0 && wsum > 0;
    *out_score = *out_has_score ? sum / wsum : 0;
    if (!*out_has_score)
        *out_status = PS_NOT_AVAILABLE;
    else if (all_achieved)
        *out_status = PS_TARGET_ACHIEVED;
    else
        *out_status = progress_band(*out_score);
}
