/*
 * indicator.h — a mission's goal tree: objectives, the indicators that
 * measure them, their observations and disaggregation dimensions. Loader
 * conventions: person.h. (Their progress is assess.h's.)
 */
#ifndef DOMAIN_INDICATOR_H
#define DOMAIN_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

struct objective {
    int64_t id, mission_id, parent_id; /* parent 0: top level */
    const char *title_sv, *title_en, *description_sv, *description_en;
    double weight;
    int64_t archived_at; /* Unix seconds; 0: live */
};

/* identified by (indicator, series, unit, disagg, period) (migration 0015) */
struct observation {
    const char *period;                 /* as published: "2015", "2015-16", "2013 Q1" */
    int year;                           /* the year the period starts in (period.h) */
    const char *series, *unit, *disagg; /* disagg: "Field=Value" pairs joined by 0x1f */
    double value;
    const char *source, *note;
    int64_t period_key; /* period.h's sort key: a series' periods sort by (key, label) */
    const char *attrs;  /* attribute cells, "Name=Value" pairs joined by 0x1f; "" if none */
    bool has_progress;  /* the Progress column as published, if the file had one */
    double progress;
};

struct indicator {
    int64_t id, mission_id, objective_id;
    const char *mission_slug;
    const char *title_sv, *title_en, *description_sv, *description_en, *unit_sv, *unit_en;
    const char *direction; /* code_direction: increase | decrease */
    int decimals;
    bool has_base;
    int base_year;
    double base_value;
    const char *base_period; /* the base year's period in the headline data ("2009-10"); NULL
                              * when the data has none */
    const char *target_kind; /* code_target_kind: absolute | relative | none */
    bool has_target;
    double target_value; /* absolute value, or percent change when relative */
    int target_year;     /* 0: the mission's deadline year */
    bool has_limit;
    double limit_value;
    const char *source, *source_url;
    double weight;
    const char **dimensions; /* disaggregation column names */
    int n_dimensions;
    /* latest headline observation, if any */
    bool has_latest;
    int latest_year;
    const char *latest_period;
    double latest_value;
    int n_observations;
    /* the progress method's settings (PROGRESS.md B.4) */
    int mission_start_year, mission_deadline_year;
    bool has_thresholds;
    double th_high, th_med, th_low;
    /* canonical disaggregation of the headline series ("" = the rows with every breakdown
     * empty): the one a coordinator chose (headline_chosen), else the one samverka chose by
     * the rule of docs/progress.md (settings_refresh_headline) */
    const char *headline;
    bool headline_chosen;
    int64_t archived_at; /* Unix seconds; 0: live */
    /* the values it can take, as set (bounds_set), else indicator_bounds' default */
    bool bounds_set;
    bool has_lower, has_upper;
    double lower, upper;
};

/* Whether a unit reads as a share in per cent ("%", "percent", "procent", but not a
 * percentage point or a change): such an indicator is bounded by 0 and 100 by default. */
bool indicator_unit_is_percent(const char *unit);

/* The bounds in force for values in unit (the indicator's own unit when unit is NULL or
 * empty): the ones set, else 0 to 100 for a percentage, else none. */
void indicator_bounds(const struct indicator *ind, const char *unit, bool *out_has_lower,
                      double *out_lower, bool *out_has_upper, double *out_upper);

/* The target as an absolute value (relative targets applied to the base). */
bool indicator_target_abs(const struct indicator *ind, double *out);

enum err objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out);
enum err indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out);
/* Count and store the observations of every indicator whose count is not stored
 * (migration 0023's triggers delete an indicator's count whenever its observations are
 * inserted or deleted). Every write of observations calls it inside its transaction,
 * before it commits (mission_counts_refresh calls it too); costs a probe an indicator
 * when nothing is missing. Errors: ERR_DB / ERR_BUSY. */
enum err indicator_counts_refresh(struct db *db);
/* Live indicators: mission_id's, or (0) those of every live mission. indicator_get and
 * objective_get find archived ones. */
enum err indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                        struct indicator **out, int *out_n, int64_t *out_total);
/* ind->dimensions: its disaggregation column names in order (indicator_get loads them;
 * list loaders do not) */
enum err indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind);
/* all observations of an indicator, ordered by series, unit, disagg, period (key, label) */
enum err indicator_observations(struct db *db, struct arena *a, int64_t indicator_id,
                                struct observation **out, int *out_n);
/* the first `limit` of them, in the same order (a page shows a bounded number) */
enum err indicator_observations_first(struct db *db, struct arena *a, int64_t indicator_id,
                                      int limit, struct observation **out, int *out_n);

/* ---- progress settings (PROGRESS.md B.4; stored by settings_apply, settings.h) ---- */

struct indicator_settings {
    bool has_base_year;
    int base_year;
    bool has_base_value;
    double base_value;
    const char *target_kind; /* absolute | relative | none */
    bool has_target_value;
    double target_value;   /* absolute value, or percent change for relative */
    int target_year;       /* 0: the mission's deadline */
    const char *direction; /* increase | decrease */
    bool has_limit;
    double limit;
    bool has_thresholds;
    double high, med, low;
    /* canonical "Field=Value" pairs joined by 0x1f; "" = samverka chooses (the rows with
     * every breakdown empty, else docs/progress.md's default) */
    const char *headline;
    /* the values the indicator can take: false = the default (indicator_bounds); true =
     * has_lower/lower and has_upper/upper, each bound optional */
    bool bounds_set;
    bool has_lower, has_upper;
    double lower, upper;
};

/*
 * Check the settings by themselves (ranges, codes, a target after its base year); on
 * ERR_INVALID *out_field names the setting and *out_msg says why (English, static). The
 * rules of settings_apply, and of an indicator's settings when it is created.
 */
enum err indicator_settings_check(const struct indicator_settings *s, const char **out_field,
                                  const char **out_msg);

/* ---- creating (the conventions of every create function: write.h) ---- */

struct objective_new {
    int64_t mission_id;
    int64_t parent_id; /* 0: top level; else an objective of the same mission */
    const char *title_sv, *title_en, *description_sv, *description_en;
    double weight; /* 0 to WRITE_MAX_WEIGHT */
};

/* The new objective comes after its siblings (same mission and parent). */
enum err objective_create(struct db *db, const struct objective_new *in, const char *who,
                          int64_t *out_id, struct write_error *err);

struct indicator_new {
    int64_t objective_id; /* the indicator belongs to its objective's mission */
    const char *title_sv, *title_en, *description_sv, *description_en, *unit_sv, *unit_en;
    /* base, target, direction, limit and thresholds, checked as settings_apply checks
     * them; the headline is chosen once there is data, so it is "" (or NULL) here */
    struct indicator_settings progress;
    int decimals;                    /* 0 to 6 */
    const char *source, *source_url; /* the URL is optional */
    double weight;
    /* disaggregation columns of its data, in order: tidy-format column names other
     * than the reserved ones (Year, Series, Units, Source, Note, Progress, Value) */
    const char *const *dimensions;
    int n_dimensions;
    const char *const *sdg_indicators; /* UN indicator codes ("12.3.1") */
    int n_sdg_indicators;
};

/* The new indicator comes after the others of its objective. */
enum err indicator_create(struct db *db, const struct indicator_new *in, const char *who,
                          int64_t *out_id, struct write_error *err);

/* ---- updating and archiving (the conventions of every update function: write.h) ---- */

/* Every field of in but the mission (0 or the stored one, else refused: "mission_id"); a
 * new parent is a live objective of the same mission, neither the objective itself nor
 * one under it. */
enum err objective_update(struct db *db, int64_t id, const struct objective_new *in,
                          const char *who, int64_t now, bool *out_changed, struct write_error *err);
/* Archive an objective: ERR_CONFLICT while it has a live sub-objective or indicator
 * (archive those first: the goal tree a page draws never has a hidden branch). An archived
 * objective leaves its mission's goal tree; a parent or an indicator's objective must be
 * live. */
enum err objective_archive(struct db *db, int64_t id, const char *who, int64_t now);
/* ERR_CONFLICT while its parent is archived (bring the parent back first). */
enum err objective_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

/*
 * An indicator's descriptive fields: objective_id (another live objective of the same
 * mission), titles, descriptions, units, decimals, source, source URL, weight, its
 * dimensions (refused, "dimensions", while it has data: the rows are keyed by them) and
 * SDG indicators (a set). in->progress is NOT applied or checked: the progress settings
 * are settings_apply's (settings.h), which checks them against the data.
 */
enum err indicator_update(struct db *db, int64_t id, const struct indicator_new *in,
                          const char *who, int64_t now, bool *out_changed, struct write_error *err);
/* An archived indicator leaves its mission's indicators, the indicator lists and the
 * mission's progress roll-up (which reads those lists); its page and data stay. */
enum err indicator_archive(struct db *db, int64_t id, const char *who, int64_t now);
/* ERR_CONFLICT while its objective is archived (bring the objective back first). */
enum err indicator_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

/* The mission of an objective (*out 0 when there is no such objective). */
enum err objective_mission(struct db *db, int64_t objective_id, int64_t *out);

#endif
