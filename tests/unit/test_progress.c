/*
 * test_progress.c — src/domain/progress.c against the 25 shared vectors
 * (tests/unit/data/synthetic-vectors.csv, computed with sdg-build's own code)
 * to 1e-9 relative, plus the edge cases PROGRESS.md names and Part B.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvrows.h"
#include "core/str.h"
#include "domain/progress.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int n_vectors;

static bool
close_to(double got, double want)
{
    if (got == want)
        return true;
    return fabs(got - want) <= 1e-9 * fabs(want);
}

/* "2015:100;2017:;2016-17:3" -> points (an empty value is NaN: a missing value) */
static int
parse_data(const char *s, struct progress_point *pts, int max)
{
    char buf[512], *tok, *save = NULL, *colon;
    int n = 0;

    snprintf(buf, sizeof(buf), "%s", s);
    for (tok = strtok_r(buf, ";", &save); tok != NULL && n < max;
         tok = strtok_r(NULL, ";", &save)) {
        colon = strchr(tok, ':');
        if (colon == NULL)
            continue;
        *colon = '\0';
        tok[4] = '\0'; /* "2015-16" counts as 2015 */
        pts[n].year = (int)strtol(tok, NULL, 10);
        pts[n].value = colon[1] ? strtod(colon + 1, NULL) : NAN;
        n++;
    }
    return n;
}

static enum err
vector(void *ctx, char **f, int nf, long line)
{
    struct progress_point pts[16];
    struct progress_config c;
    struct progress_result r;
    enum progress_status ist;
    bool has;
    double score;
    int n;

    (void)ctx;
    if (nf < 16)
        bail_out("vector file line %ld has %d fields", line, nf);
    n_vectors++;
    n = parse_data(f[2], pts, (int)N(pts));
    progress_config_default(&c);
    if (strcmp(f[3], "positive") == 0)
        c.direction = 1;
    if (*f[4]) {
        c.has_target = true;
        c.target = strtod(f[4], NULL);
    }
    if (*f[5])
        c.target_year = (int)strtol(f[5], NULL, 10);
    if (*f[6])
        c.base_year = (int)strtol(f[6], NULL, 10);
    if (*f[7]) {
        c.has_limit = true;
        c.limit = strtod(f[7], NULL);
    }
    progress_assess(pts, n, &c, &r);
    is_str(progress_status_name(r.status), f[13], f[0]);
    if (*f[12])
        ok(r.has_progress && close_to(r.progress, strtod(f[12], NULL)),
           "%s progress value %.17g (want %s)", f[0], r.progress, f[12]);
    else
        ok(!r.has_progress, "%s has no progress value", f[0]);
    if (*f[14])
        ok(r.has_score && close_to(r.score, strtod(f[14], NULL)), "%s score %.17g (want %s)", f[0],
           r.score, f[14]);
    else
        ok(!r.has_score, "%s has no score", f[0]);
    is_int(r.base_year, strtol(f[8], NULL, 10), "base year");
    ok(close_to(r.base_value, strtod(f[9], NULL)), "%s base value", f[0]);
    is_int(r.current_year, strtol(f[10], NULL, 10), "current year");
    ok(close_to(r.current_value, strtod(f[11], NULL)), "%s current value", f[0]);
    progress_combine(&r, 1, &ist, &has, &score);
    is_str(progress_status_name(ist), f[15], "indicator status");
    return ERR_OK;
}

static void
test_vectors(void)
{
    static char data[1 << 16];
    char path[512];
    const char *dir = getenv("TEST_DATA_DIR");
    FILE *fp;
    size_t n;

    snprintf(path, sizeof(path), "%s/synthetic-vectors.csv", dir ? dir : "tests/unit/data");
    fp = fopen(path, "rb");
    if (fp == NULL)
        bail_out("cannot open %s (run from the repository root)", path);
    n = fread(data, 1, sizeof(data), fp);
    fclose(fp);
    is_int(csvrows_parse(data, n, vector, NULL), ERR_OK, "vector file parses");
    is_int(n_vectors, 25, "all 25 vectors read");
}

static void
assess(const char *data, int dir, double target, bool has_target, struct progress_config *c,
       struct progress_result *r)
{
    struct progress_point pts[32];

    progress_config_default(c);
    c->direction = dir;
    c->has_target = has_target;
    c->target = target;
    progress_assess(pts, parse_data(data, pts, 32), c, r);
}

static void
test_edges(void)
{
    struct progress_config c;
    struct progress_result r, r2;

    /* no year at or after the base year: not available, no crash */
    assess("2010:5;2012:6", 1, 0, false, &c, &r);
    is_str(progress_status_name(r.status), "not_available", "no year >= base year");
    ok(!r.has_score && !r.assessable, "nothing assessed");

    /* empty series */
    progress_assess(NULL, 0, &c, &r);
    is_str(progress_status_name(r.status), "not_available", "empty series");

    /* custom thresholds decide the status, not the score (PROGRESS.md A.2 4.6) */
    assess("2015:80;2020:85", 1, 100, true, &c, &r);
    c.has_thresholds = true;
    c.high = 0.5;
    c.med = 0.3;
    c.low = 0;
    progress_assess((struct progress_point[]){{2015, 80}, {2020, 85}}, 2, &c, &r2);
    is_str(progress_status_name(r.status), "moderate_progress", "default thresholds");
    is_str(progress_status_name(r2.status), "substantial_progress", "custom thresholds");
    is_dbl(r2.score, r.score, 1e-12, "score unchanged by thresholds");

    /* relative target: -50 % of the base */
    progress_config_default(&c);
    c.target_relative = true;
    c.target_change = -50;
    progress_assess((struct progress_point[]){{2015, 100}, {2020, 80}}, 2, &c, &r);
    ok(r.has_target && r.target == 50, "relative target resolved to 50 (%g)", r.target);
    is_int(r.method, 2, "relative target uses method 2");

    /* Part B: rate needed and current, year reached, projections */
    progress_config_default(&c);
    c.has_target = true;
    c.target = 50;
    progress_assess((struct progress_point[]){{2015, 100}, {2020, 80}}, 2, &c, &r);
    ok(r.has_rate_current && fabs(r.rate_current - (pow(0.8, 0.2) - 1)) < 1e-12,
       "current rate is the CAGR");
    ok(r.has_rate_needed && fabs(r.rate_needed - (pow(50.0 / 80, 0.1) - 1)) < 1e-12,
       "rate needed from now to 2030");
    ok(r.has_projection_cagr && fabs(r.projection_cagr - 80 * pow(0.8, 2)) < 1e-9,
       "CAGR projection to 2030 (%g)", r.projection_cagr);
    ok(r.has_year_reached && r.year_reached == 2031, "target reached in 2031 at this pace (%d)",
       r.year_reached);
    /* OLS needs three points: a straight line 100, 90, 80 reaches 30 in 2030 */
    progress_assess((struct progress_point[]){{2015, 100}, {2016, 90}, {2017, 80}}, 3, &c, &r);
    ok(r.has_projection_ols && fabs(r.projection_ols - (-50)) < 1e-9, "OLS projection (%g)",
       r.projection_ols);
    /* moving away: never reached */
    progress_assess((struct progress_point[]){{2015, 100}, {2020, 110}}, 2, &c, &r);
    ok(!r.has_year_reached, "never reached when moving away");
    is_str(progress_status_name(r.status), "deterioration", "moving away deteriorates");
}

static void
test_rollup(void)
{
    struct progress_child kids[3] = {
        {true, 5, 1, true},
        {true, -1, 3, false},
        {false, 0, 1, false},
    };
    struct progress_child done[2] = {{true, 5, 1, true}, {true, 5, 2, true}};
    enum progress_status st;
    bool has;
    double score;

    progress_rollup(kids, 3, &st, &has, &score);
    ok(has && fabs(score - 0.5) < 1e-12, "weighted mean (5*1 - 1*3) / 4 = 0.5 (%g)", score);
    is_str(progress_status_name(st), "moderate_progress", "band of 0.5");
    progress_rollup(done, 2, &st, &has, &score);
    is_str(progress_status_name(st), "target_achieved", "all achieved");
    progress_rollup(kids + 2, 1, &st, &has, &score);
    ok(!has, "no scored child, no score");
    is_str(progress_status_name(st), "not_available", "no scored child");
    kids[1].weight = 0;
    progress_rollup(kids, 2, &st, &has, &score);
    is_str(progress_status_name(st), "target_achieved", "weight 0 children do not count");
    is_str(progress_status_name(progress_band(2.5)), "substantial_progress", "2.5 is on track");
    is_str(progress_status_name(progress_band(-2.5)), "limited_progress", "-2.5 is limited");
    is_str(progress_status_name(progress_band(-2.5001)), "deterioration", "below -2.5");
}

/*
 * The year the current pace reaches the target, against the search of every year of the
 * century PROGRESS.md describes, written here on its own: 20,000 random series (two points,
 * a pace up or down, a target above or below, either direction, with and without bounds
 * that clamp the path, rates from tiny to large) must give the same answer. progress.c
 * stops early where the path can no longer reach the target.
 */
static bool
reached_by_search(const struct progress_result *r, const struct progress_config *c, int *out)
{
    double xc = r->current_value, cagr = r->rate_current, v;
    int y;

    for (y = r->current_year; y <= r->current_year + 100; y++) {
        v = xc * pow(1 + cagr, y - r->current_year);
        if (c->has_upper && v > c->upper)
            v = c->upper;
        if (c->has_lower && v < c->lower)
            v = c->lower;
        if ((c->direction > 0 && v >= c->target) || (c->direction < 0 && v <= c->target)) {
            *out = y;
            return true;
        }
    }
    return false;
}

static void
test_year_reached(void)
{
    static const double rates[] = {1e-9, 1e-4, 0.003, 0.02, 0.07, 0.3, 1.5};
    struct progress_config c;
    struct progress_result r;
    unsigned seed = 12345;
    int i, want = 0, n_reached = 0, n_same = 0, n_cases = 0;
    bool has;

    for (i = 0; i < 20000; i++) {
        double base, rate, cur;
        struct progress_point pts[2];

        seed = seed * 1103515245u + 12345u;
        progress_config_default(&c);
        c.direction = (seed >> 16) & 1 ? 1 : -1;
        base = 1 + (double)((seed >> 8) % 1000);
        rate = rates[(seed >> 4) % 7] * ((seed >> 20) & 1 ? 1 : -1);
        cur = base * pow(1 + rate, 5);
        pts[0] = (struct progress_point){2015, base};
        pts[1] = (struct progress_point){2020, cur};
        c.has_target = true;
        c.target = cur * (0.2 + (double)((seed >> 12) % 400) / 100);
        c.target_year = 2030;
        if ((seed >> 24) % 3 == 0) {
            c.has_upper = true;
            c.upper = cur * (1 + (double)((seed >> 5) % 300) / 100);
        }
        if ((seed >> 26) % 3 == 0) {
            c.has_lower = true;
            c.lower = cur * (double)((seed >> 7) % 100) / 100;
        }
        progress_assess(pts, 2, &c, &r);
        if (!r.has_rate_current)
            continue;
        n_cases++;
        has = reached_by_search(&r, &c, &want);
        n_reached += has;
        if (has == r.has_year_reached && (!has || want == r.year_reached))
            n_same++;
        else if (n_cases - n_same <= 5)
            diag("case %d: dir %d base %g cur %g target %g rate %g bounds %d/%d: search %d %d, "
                 "engine %d %d",
                 i, c.direction, base, cur, c.target, r.rate_current, c.has_lower, c.has_upper, has,
                 want, r.has_year_reached, r.year_reached);
    }
    ok(n_cases > 15000 && n_reached > 2000 && n_cases - n_reached > 2000,
       "year reached: %d random series, %d reach their target within a century", n_cases,
       n_reached);
    ok(n_same == n_cases,
       "year reached: the engine's answer is the century's search's, every time "
       "(%d of %d)",
       n_same, n_cases);
}

int
main(void)
{
    test_vectors();
    test_edges();
    test_rollup();
    test_year_reached();
    return done_testing();
}
