/*
 * model.h — the entities of DESIGN.md §3 as the rest of the program sees them,
 * and the read functions that load them.
 *
 * Every loader takes the database connection and an arena first; all strings
 * and arrays it returns live in that arena. Errors: ERR_NOTFOUND when the
 * thing named does not exist, ERR_DB / ERR_BUSY from the database.
 * Lists come back as arena arrays with a count (out_n).
 *
 * Bilingual fields come in pairs (_sv, _en; en may be ""). Optional numbers
 * carry a has_ flag. Enumerated values are the database's text codes
 * ("top_down", "running", ...); their display names are the web layer's.
 */
#ifndef DOMAIN_MODEL_H
#define DOMAIN_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"

/* ---- enumerations (the database codes) ---- */
extern const char *const mission_statuses[]; /* exploring, in_dialogue, active, concluded, NULL */
extern const char
    *const actor_sectors[]; /* public, private, academia, civil_society, other, NULL */
extern const char *const initiative_origins[]; /* top_down, bottom_up, NULL */
extern const char *const
    initiative_statuses[]; /* proposed, accepted, running, completed, stopped, declined, NULL */
extern const char
    *const initiative_roles[]; /* lead, partner, funder, financier, participant, NULL */
extern const char
    *const team_roles[]; /* mission_lead, coordinator, analyst, communications, member, NULL */
bool model_is_code(const char *const *codes, const char *s);

/* ---- entities ---- */
struct person {
    int64_t id;
    int64_t actor_id; /* 0: none */
    const char *actor_name;
    const char *name, *title_sv, *title_en, *email, *phone;
};

struct team_member {
    struct person person;
    const char *role;
    bool is_contact;
};

struct mission {
    int64_t id;
    const char *slug;
    const char *title_sv, *title_en, *goal_sv, *goal_en, *description_sv, *description_en;
    const char *deadline; /* YYYY-MM-DD */
    int deadline_year;
    int start_year;
    const char *status;
    int64_t owner_id; /* 0: none */
    const char *owner_name;
    bool is_demo;
    int64_t created_at;
    /* summary counts, filled by mission_list and mission_get */
    int n_objectives, n_indicators, n_initiatives, n_actors;
};

struct objective {
    int64_t id, mission_id, parent_id; /* parent 0: top level */
    const char *title_sv, *title_en, *description_sv, *description_en;
    double weight;
};

/* identified by (indicator, series, unit, disagg, year) */
struct observation {
    const char *period;
    int year;
    const char *series, *unit, *disagg; /* disagg: "Field=Value" pairs joined by 0x1f */
    double value;
    const char *source, *note;
};

struct indicator {
    int64_t id, mission_id, objective_id;
    const char *mission_slug;
    const char *title_sv, *title_en, *description_sv, *description_en, *unit_sv, *unit_en;
    const char *direction; /* increase | decrease */
    int decimals;
    bool has_base;
    int base_year;
    double base_value;
    const char *target_kind; /* absolute | relative | none */
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
    const char *headline; /* canonical disaggregation of the headline series; "" = none */
};

/* The target as an absolute value (relative targets applied to the base). */
bool indicator_target_abs(const struct indicator *ind, double *out);

struct actor {
    int64_t id;
    const char *slug, *name, *orgnr, *sector, *sni, *sni_label, *municipality, *municipality_name,
        *county_name, *website, *description_sv, *description_en;
    const char **disciplines;
    int n_disciplines;
    bool is_demo;
    int n_initiatives;
};

struct initiative_actor {
    int64_t actor_id;
    const char *actor_slug, *actor_name, *sector, *role;
};

struct initiative {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    const char *slug, *title_sv, *title_en, *summary_sv, *summary_en;
    const char *origin, *status;
    int64_t lead_actor_id; /* 0: none */
    const char *lead_actor_name, *lead_actor_slug;
    const char *start_date, *end_date; /* NULL if unset */
    bool has_budget;
    int64_t budget_sek;
    const char *funding, *hypotheses_sv, *hypotheses_en, *learnings_sv, *learnings_en;
    bool is_demo;
    /* filled by initiative_get only */
    struct initiative_actor *actors;
    int n_actors;
    int64_t *objective_ids;
    int n_objectives;
    const char **sdg_targets;
    int n_sdg_targets;
};

struct sdg_goal {
    int code;
    const char *title_en, *short_en, *short_sv, *colour;
};

struct sdg_target {
    const char *code;
    int goal;
    const char *title_en;
};

/* ---- filters and paging ---- */
struct page {
    int64_t limit;  /* rows per page */
    int64_t offset; /* rows skipped */
};

struct initiative_filter {
    int64_t mission_id; /* 0: any */
    const char *origin; /* NULL: any */
    const char *status;
    const char *sector; /* lead actor's or any participant's sector */
    int sdg_goal;       /* 0: any */
    int64_t actor_id;   /* 0: any; lead or participant */
};

/* ---- loaders (domain/mission.c) ---- */
enum err mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n);
enum err mission_get(struct db *db, struct arena *a, const char *slug, struct mission *out);
enum err mission_get_id(struct db *db, struct arena *a, int64_t id, struct mission *out);
enum err mission_objectives(struct db *db, struct arena *a, int64_t mission_id,
                            struct objective **out, int *out_n);
enum err mission_indicators(struct db *db, struct arena *a, int64_t mission_id,
                            struct indicator **out, int *out_n);
enum err mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id,
                             struct sdg_target **out, int *out_n);
enum err mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
                      int *out_n);
/* actors taking part in the mission's initiatives (lead or participant), by sector then name */
enum err mission_actors(struct db *db, struct arena *a, int64_t mission_id, struct actor **out,
                        int *out_n);
enum err objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out);
enum err indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out);
enum err indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
                        struct indicator **out, int *out_n, int64_t *out_total);
/* ind->dimensions: its disaggregation column names in order (indicator_get loads them;
 * list loaders do not) */
enum err indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind);
/* all observations of an indicator, ordered by series, unit, disagg, year */
enum err indicator_observations(struct db *db, struct arena *a, int64_t indicator_id,
                                struct observation **out, int *out_n);
/* the first `limit` of them, in the same order (a page shows a bounded number) */
enum err indicator_observations_first(struct db *db, struct arena *a, int64_t indicator_id,
                                      int limit, struct observation **out, int *out_n);

/* ---- loaders (domain/actor.c) ---- */
enum err actor_list(struct db *db, struct arena *a, const char *sector, const struct page *pg,
                    struct actor **out, int *out_n, int64_t *out_total);
enum err actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out);
enum err actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out,
                      int *out_n);
enum err person_list(struct db *db, struct arena *a, const struct page *pg, struct person **out,
                     int *out_n, int64_t *out_total);
enum err person_get(struct db *db, struct arena *a, int64_t id, struct person *out);
enum err initiative_list(struct db *db, struct arena *a, const struct initiative_filter *f,
                         const struct page *pg, struct initiative **out, int *out_n,
                         int64_t *out_total);
enum err initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out);

/* ---- loaders (domain/sdg.c) ---- */
enum err sdg_goals(struct db *db, struct arena *a, struct sdg_goal **out, int *out_n);
enum err sdg_goal_get(struct db *db, struct arena *a, int code, struct sdg_goal *out);
enum err sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out,
                          int *out_n);
/* missions whose SDG targets include one of the goal's */
enum err sdg_goal_missions(struct db *db, struct arena *a, int goal, struct mission **out,
                           int *out_n);
enum err sdg_goal_initiatives(struct db *db, struct arena *a, int goal, struct initiative **out,
                              int *out_n);

/* ---- accountability (domain/audit.c) ---- */
struct accountability {
    int64_t last_updated;   /* Unix seconds, 0: never */
    const char *owner_name; /* NULL: none */
    int64_t views_30d, views_total;
};
/* entity: "mission", "indicator", ... ; mission_id != 0 counts every change in the mission */
enum err accountability_get(struct db *db, const char *page_key, const char *entity,
                            int64_t entity_id, int64_t mission_id, struct accountability *out);
enum err audit_add(struct db *db, const char *who, const char *action, const char *entity,
                   int64_t entity_id, int64_t mission_id, const char *detail);

/* ---- organisation numbers (domain/orgnr.c) ---- */
/* Accepts NNNNNN-NNNN or NNNNNNNNNN (also with a 16 century prefix); checks the
 * Luhn digit and that the third digit is >= 2 for legal persons is NOT required
 * (sole traders use personal numbers). Writes the canonical NNNNNN-NNNN to out (12 bytes). */
bool orgnr_valid(const char *s, char out[12]);

/* ---- reference data (domain/refdata.c) ---- */
enum err refdata_load(struct db *db);

#endif
