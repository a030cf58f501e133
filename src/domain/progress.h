/*
 * progress.h — the progress engine: "are we on track to the deadline?"
 *
 * Part A is the rate-ratio method of Eurostat / Statistics Canada as
 * implemented in Open SDG (sdg-build 2.4.0), reproduced exactly
 * (docs/progress.md, tests/unit/test_progress.c against the shared vectors).
 * Part B adds projections to the deadline, the year the target is reached at
 * the current pace, the annual rate still needed, and the weighted roll-up
 * along the goal tree.
 *
 * Pure functions: no I/O, no allocation (callers pass arrays).
 */
#ifndef DOMAIN_PROGRESS_H
#define DOMAIN_PROGRESS_H

#include <stdbool.h>

/* worst first (0, the zero value, is "not available"); the names and display labels are
 * code_progress_status (codes.h), which lists them best first */
enum progress_status {
    PS_NOT_AVAILABLE,
    PS_DETERIORATION,
    PS_LIMITED,
    PS_MODERATE,
    PS_SUBSTANTIAL,
    PS_TARGET_ACHIEVED,
    PS__MAX
};

/* "target_achieved", "substantial_progress", ... (PROGRESS.md names) */
const char *progress_status_name(enum progress_status s);
/* parse a name back; false if unknown */
bool progress_status_parse(const char *name, enum progress_status *out);

struct progress_point {
    int year;
    double value;
};

struct progress_config {
    int direction;   /* +1 increase desirable, -1 decrease desirable (Open SDG default -1) */
    int base_year;   /* default 2015 */
    int target_year; /* default 2030 */
    bool has_target;
    double target;
    /* a target relative to the base value: target = base * (1 + change / 100) */
    bool target_relative;
    double target_change;
    bool has_limit;
    double limit;
    bool has_thresholds; /* custom status thresholds (scores keep the fixed lines) */
    double high, med, low;
    /* the values the series can take (0 and 100 for a share in per cent): Part B's
     * projections stop at them, and a target beyond one has no rate needed; Part A does
     * not read them (Open SDG has no bounds) */
    bool has_lower, has_upper;
    double lower, upper;
};

/* Defaults of PROGRESS.md A.2 4.1: decrease, 2015, 2030, no target, no limit. */
void progress_config_default(struct progress_config *c);

struct progress_result {
    enum progress_status status;
    bool assessable; /* base and current found (even if P is none) */
    int base_year, current_year;
    double base_value; /* after the 0 -> 0.001 replacement */
    double current_value;
    bool has_progress; /* P computed */
    double progress;   /* P */
    bool has_score;
    double score; /* [-5, 5] */
    bool target_achieved;
    int method; /* 1 without a target, 2 with */
    bool has_target;
    double target;       /* the absolute target used (relative ones resolved) */
    double limit_factor; /* C (1 without a limit) */
    /* Part B */
    bool has_projection_cagr, has_projection_ols;
    double projection_cagr, projection_ols; /* value at the target year */
    bool has_year_reached;
    int year_reached;     /* first year the CAGR path reaches the target */
    bool has_rate_needed; /* not when the target is reached already, or lies out of bounds */
    double rate_needed;   /* annual growth rate needed from now, e.g. -0.041 */
    bool has_rate_current;
    double rate_current; /* CAGR(current, base) */
};

/*
 * Assess one series. `pts` need not be sorted; years may repeat only if the
 * caller has already rejected that (imports do). Points whose value is not
 * finite are ignored (a missing value, V23).
 */
void progress_assess(const struct progress_point *pts, int n, const struct progress_config *c,
                     struct progress_result *out);

/* Indicator level (A.2 4.7): the mean of the series' scores. */
void progress_combine(const struct progress_result *series, int n, enum progress_status *out_status,
                      bool *out_has_score, double *out_score);

/* Part B roll-up: weighted mean of children's scores; children without a score are skipped. */
struct progress_child {
    bool has_score;
    double score;
    double weight;
    bool target_achieved;
};
void progress_rollup(const struct progress_child *kids, int n, enum progress_status *out_status,
                     bool *out_has_score, double *out_score);

/* Status band of a score (A.2 4.7 bands); target_achieved is the caller's. */
enum progress_status progress_band(double score);

/* CAGR(a, b, t1, t0) = (a / b)^(1 / (t1 - t0)) - 1 */
double progress_cagr(double a, double b, int t1, int t0);

#endif
