/*
 * initiative.h — initiatives: what actors do towards a mission, top-down or
 * bottom-up, with their lead, taking-part actors, objectives and SDG targets.
 * Loader conventions: person.h.
 */
#ifndef DOMAIN_INITIATIVE_H
#define DOMAIN_INITIATIVE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

struct initiative_actor {
    int64_t actor_id;
    const char *actor_slug, *actor_name;
    const char *sector; /* code_actor_sector */
    const char *role;   /* code_initiative_role */
};

struct initiative {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    const char *slug, *title_sv, *title_en, *summary_sv, *summary_en;
    const char *origin;    /* code_initiative_origin */
    const char *status;    /* code_initiative_status */
    int64_t lead_actor_id; /* 0: none */
    const char *lead_actor_name, *lead_actor_slug;
    const char *start_date, *end_date; /* NULL if unset */
    bool has_budget;
    int64_t budget_sek;
    const char *funding, *hypotheses_sv, *hypotheses_en, *learnings_sv, *learnings_en;
    bool is_demo;
    int64_t archived_at; /* Unix seconds; 0: live */
    /* filled by initiative_get only */
    struct initiative_actor *actors;
    int n_actors;
    int64_t *objective_ids;
    int n_objectives;
    const char **sdg_targets;
    int n_sdg_targets;
};

struct initiative_filter {
    int64_t mission_id; /* 0: any */
    const char *origin; /* NULL: any */
    const char *status;
    const char *sector; /* lead actor's or any participant's sector */
    int sdg_goal;       /* 0: any */
    int64_t actor_id;   /* 0: any; lead or participant */
};

/* Live initiatives (of f->mission_id, or of every live mission when it is 0); the lists
 * by goal likewise; initiative_get finds archived ones. */
enum err initiative_list(struct db *db, struct arena *a, const struct initiative_filter *f,
                         const struct page *pg, struct initiative **out, int *out_n,
                         int64_t *out_total);
/* A mission page's list of one origin ("top_down", "bottom_up"): the newest limit shown
 * initiatives as initiative_list orders them, with only id, titles, status, end date and
 * the lead's name filled, and how many there are. */
enum err initiative_latest(struct db *db, struct arena *a, int64_t mission_id, const char *origin,
                           int limit, struct initiative **out, int *out_n, int64_t *out_total);
/* initiatives with a target of the goal, by mission */
enum err initiative_list_by_goal(struct db *db, struct arena *a, int goal, struct initiative **out,
                                 int *out_n);
enum err initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out);

/* ---- creating (the conventions of every create function: write.h) ---- */

struct initiative_part {
    int64_t actor_id;
    const char *role; /* code_initiative_role; "lead" only for the initiative's lead actor */
};

struct initiative_new {
    int64_t mission_id;
    const char *slug;                                          /* unique within the mission */
    const char *title_sv, *title_en, *summary_sv, *summary_en; /* summaries: Markdown */
    const char *origin;                                        /* code_initiative_origin */
    const char *status;                                        /* code_initiative_status */
    int64_t lead_actor_id;             /* 0: none; need not be among the parts */
    const char *start_date, *end_date; /* optional; YYYY-MM-DD, start <= end */
    bool has_budget;
    int64_t budget_sek; /* whole kronor, 0 to WRITE_MAX_MONEY */
    const char *funding;
    const char *hypotheses_sv, *hypotheses_en, *learnings_sv, *learnings_en; /* Markdown */
    const struct initiative_part *parts; /* the actors taking part, an actor at most once */
    int n_parts;
    const int64_t *objective_ids; /* objectives of the same mission */
    int n_objectives;
    const char *const *sdg_targets;
    int n_sdg_targets;
    bool is_demo;
};

/*
 * Whether an initiative still says it is under way (accepted or running) although its end
 * date is before today's date (UTC) at now: the pages say so beside the status, so a
 * reader is not told "running" of work that ended. The stored status is left as it is:
 * only the mission's coordinators can say what became of the work.
 */
bool initiative_past_end(const char *status, const char *end_date, int64_t now);

enum err initiative_create(struct db *db, const struct initiative_new *in, const char *who,
                           int64_t *out_id, struct write_error *err);

/* ---- updating and archiving (the conventions of every update function: write.h) ---- */

/*
 * Every field of in but the mission (0 or the stored one, else refused: "mission_id": an
 * initiative does not move between missions, whose coordinators answer for it) and is_demo;
 * the slug stays unique in the mission (its own is free). The participants with their
 * roles, the objectives and the SDG targets are replaced by in's, each compared as a set.
 */
enum err initiative_update(struct db *db, int64_t id, const struct initiative_new *in,
                           const char *who, int64_t now, bool *out_changed,
                           struct write_error *err);
/* An archived initiative leaves the lists of initiatives, the counts of missions and
 * actors and the actors of its mission; its page stays. */
enum err initiative_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err initiative_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

#endif
