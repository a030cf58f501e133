/*
 * assess.h — the progress engine applied to the database: an indicator's
 * effective settings (PROGRESS.md B.4 defaults), its series, and the
 * weighted roll-up along the goal tree to objectives and the mission.
 */
#ifndef DOMAIN_ASSESS_H
#define DOMAIN_ASSESS_H

#include "domain/indicator.h"
#include "domain/progress.h"

/* One observation of a series as published, for the charts: every period in order. */
struct obs_point {
    const char *label; /* the period as published: "2013 Q1" */
    int64_t key;       /* period.h's sort key */
    int year;          /* the year it counts in */
    double value;      /* the Value column (what the data table and the chart show) */
};

/*
 * A series' assessment. The progress engine works on years: pts are the series folded to
 * one point a year (docs/progress.md, "Periods finer than a year"): a year's value is the
 * mean of its periods' assessed values (the Progress column where the file had one, else
 * the value); when some year has more than one period, the latest year counts only if it
 * has at least as many periods as the year before it, else it is left out and
 * incomplete_year says which (0: none left out), with its periods and the year before's.
 * raw keeps every period as published, sorted by (key, label), for the charts (at x = year
 * + k/m for the k-th of m periods, m = max_periods).
 */
struct series_progress {
    const char *series, *unit; /* the Series and Units cells ("" when none) */
    /* the bounds it was assessed within (indicator_bounds for its unit) */
    bool has_lower, has_upper;
    double lower, upper;
    /* the data has fewer than two years from the default base year on: assessed from its
     * first year instead */
    bool base_from_data;
    struct progress_result r;
    struct progress_point *pts; /* one per year, in year order: what was assessed */
    int n_pts;
    const struct obs_point *raw; /* every period, in (key, label) order */
    int n_raw;
    int max_periods; /* the most periods any year of the series has (1: annual) */
    int incomplete_year, incomplete_n, incomplete_of;
};

/* A setting that no longer fits the indicator's data. */
struct setting_mismatch {
    const char *setting; /* "unit", "base_year", "decimals", "target" */
    char msg[240];       /* English; the page translates by setting */
    /* "decimals": the first headline value (as published) they hide, and the decimals it
     * needs; 0 for the other settings */
    double value;
    int need;
};

/* An assessment keeps at most this many (one per setting). */
#define ASSESS_MAX_MISMATCHES 4

struct indicator_progress {
    int64_t indicator_id;
    struct progress_config cfg; /* the effective inputs (bounds: for the indicator's unit) */
    const char *headline;       /* the disaggregation assessed (canonical; "" = the total) */
    bool headline_chosen;       /* by a coordinator; else by docs/progress.md's rule */
    enum progress_status status;
    bool has_score;
    double score;
    bool target_achieved;
    struct series_progress *series; /* the headline series, one per Series/Units pair */
    int n_series;
    /* the settings that no longer fit the data (indicator_mismatches) */
    struct setting_mismatch mismatch[ASSESS_MAX_MISMATCHES];
    int n_mismatch; /* in all; the first ASSESS_MAX_MISMATCHES are kept */
    /* a base year that leaves no trend, or a target met at the base value: then status is
     * not_available and has_score false, and the assessment without that setting is here */
    bool contradicted, contradicted_base, contradicted_target;
    enum progress_status without_status;
    bool without_has_score;
    double without_score;
    const struct progress_result *without; /* per series, parallel to series; NULL if not */
};

struct objective_progress {
    int64_t objective_id;
    enum progress_status status;
    bool has_score;
    double score;
    int n_scored; /* children with a score */
};

struct mission_progress {
    enum progress_status status;
    bool has_score;
    double score;
    struct indicator_progress *inds; /* parallel to the indicators passed in */
    struct objective_progress *objs; /* parallel to the objectives passed in */
};

/* The progress engine's direction (progress_config.direction: +1 higher is better, -1
 * lower) of a code_direction code ("increase", "decrease"; codes.h), 0 for anything else;
 * and back. */
int progress_direction_of(const char *code);
const char *progress_direction_code(int direction);

/* The effective configuration: the indicator's own settings, else the mission's
 * start year / deadline, else Open SDG's defaults (2015, 2030). */
void indicator_progress_config(const struct indicator *ind, struct progress_config *out);

/*
 * Assess one indicator from its observations (any order). The headline rows are
 * grouped into series by sorting references to them (O(n log n), never a search
 * per row); the series come out in the order of their first row in obs, each
 * with its points in year order. Everything lives in a.
 */
void indicator_progress_compute(struct arena *a, const struct indicator *ind,
                                const struct observation *obs, int n,
                                struct indicator_progress *out);

/* Load one indicator's observations and assess it. */
enum err indicator_progress_load(struct db *db, struct arena *a, const struct indicator *ind,
                                 struct indicator_progress *out);

/* Assess every indicator of a mission and roll up to objectives and the mission; completes
 * inds (as mission_indicators loads them) with their latest headline value and base period,
 * from the same rows. */
enum err mission_progress_load(struct db *db, struct arena *a, int64_t mission_id,
                               const struct objective *objs, int n_objs, struct indicator *inds,
                               int n_inds, struct mission_progress *out);

/* A mission's goal tree with every part assessed: what its page and its API resources show. */
struct mission_tree {
    struct objective *objs; /* in the mission's order */
    int n_objs;
    struct indicator *inds; /* by objective, then position */
    int n_inds;
    struct mission_progress prog; /* its objs and inds are parallel to the two above */
};

/* Load the mission's objectives and indicators and assess them (three reads, whatever the
 * size of the tree). Everything lives in a. Errors: ERR_DB / ERR_BUSY. */
enum err mission_tree_load(struct db *db, struct arena *a, int64_t mission_id,
                           struct mission_tree *out);

/*
 * A page of indicators (as indicator_list pages them: mission_id 0 for all) with what
 * their API resource shows: each one's disaggregation names and its assessment
 * (*out_progress, parallel to *out). Four reads whatever the page's size, where loading
 * them one by one took two per indicator. Everything lives in a. Errors: ERR_DB /
 * ERR_BUSY.
 */
enum err indicator_page_load(struct db *db, struct arena *a, int64_t mission_id,
                             const struct page *pg, struct indicator **out,
                             struct indicator_progress **out_progress, int *out_n,
                             int64_t *out_total);

/* ------------------------------------------------------------ the series bound */

/*
 * An indicator holds at most ASSESS_MAX_SERIES series: distinct (Series, Units,
 * disaggregation), the key of an observation without its year. An import is
 * refused at the first row that would open one more (422, nothing stored).
 * Why 100,000: every uncached read of the indicator (its page, its API resource,
 * the mission's roll-up) does work in proportion to its series, and the API
 * resource lists every headline series (about 330 bytes each): 100,000 of them
 * stay far inside the 64 MiB response limit (web.h WEB_MAX_BODY_OUT) and render
 * in a fraction of a second (bench/series.sh), while a breakdown of every
 * municipality (290) by four age groups and a few series needs a few thousand.
 */
#define ASSESS_MAX_SERIES 100000

/* The distinct series one import has written so far, kept as 64-bit keyed
 * BLAKE2b digests (a random key per set, so no input can force collisions; a
 * chance collision only counts two series as one). Memory: about 16 bytes per
 * series. Owned by the caller: series_count_free. */
struct series_count;
struct series_count *series_count_new(void);
/* Note the series of one row; returns how many distinct series have been noted. */
long series_count_add(struct series_count *sc, const char *series, const char *unit,
                      const char *disagg);
void series_count_free(struct series_count *sc);

/* ------------------------------------------------------------ settings vs data */

/*
 * The settings of ind that contradict its observations obs[0 .. n) (the headline rows, or
 * all of them: only those of ind->headline are read): a unit that none of the data's Units
 * cells names; a base year outside the data's years, or one that leaves fewer than two;
 * decimals that hide the values (4.76 shown as "5"); a target already met at the base
 * value in the desired direction (a rising series where lower is better would read
 * "target achieved"). Writes up to max of them to out and returns how many there are in
 * all. Pure.
 */
int indicator_mismatches(const struct indicator *ind, const struct observation *obs, int n,
                         struct setting_mismatch *out, int max);

/* Whether v shown with d decimals stays within half a per cent of itself (0 shows as 0). */
bool assess_shows_faithfully(double v, int d);

/* The fewest decimals (0 to 6) that show every value of obs[0 .. n) within half a per cent
 * of itself; what a "decimals" mismatch proposes. Pure. */
int assess_decimals_needed(const struct observation *obs, int n);

struct json;
/* Write one series' result as JSON members (inside an object the caller opened):
 * base_year, base_value, current_year, current_value, target, target_year, method,
 * limit_factor, progress_value, status, score, projection {year, cagr, ols},
 * year_reached, rate_current, rate_needed; null where a value cannot be computed. */
void progress_json_members(struct json *j, const struct progress_result *r, int target_year);
/* The effective configuration as a JSON object. */
void progress_json_config(struct json *j, const struct progress_config *c);
/* An indicator's assessment: {status, score, config, series: [...]} */
void indicator_progress_json(struct json *j, const struct indicator_progress *ip);

#endif
