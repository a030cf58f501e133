/*
 * sdg.h — Agenda 2030: the SDG goals, targets and indicators (reference data,
 * refdata.h). What links to them is its own entity's: mission_list_by_goal,
 * initiative_list_by_goal. Loader conventions: person.h.
 */
#ifndef DOMAIN_SDG_H
#define DOMAIN_SDG_H

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"

struct sdg_goal {
    int code;
    const char *title_en, *short_en, *short_sv, *colour;
};

struct sdg_target {
    const char *code; /* "12.3" */
    int goal;
    const char *title_en;
    /* its goal's short names: mission_sdg_targets fills them (a mission page heads each
     * goal with them), the other reads leave them NULL */
    const char *goal_short_sv, *goal_short_en;
};

struct sdg_indicator {
    const char *code;   /* "12.3.1" */
    const char *target; /* "12.3" */
    int goal;
    const char *title_en, *unsd_code, *status_2025;
};

enum err sdg_goals(struct db *db, struct arena *a, struct sdg_goal **out, int *out_n);
enum err sdg_goal_get(struct db *db, struct arena *a, int code, struct sdg_goal *out);
/* a goal's targets in framework order */
enum err sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out,
                          int *out_n);
/* SDG targets in framework order, a page at a time; goal 0: all goals. */
enum err sdg_target_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                         struct sdg_target **out, int *out_n, int64_t *out_total);
/* SDG indicators in framework order, a page at a time; goal 0: all goals. */
enum err sdg_indicator_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                            struct sdg_indicator **out, int *out_n, int64_t *out_total);
/* The SDG indicators an indicator of ours is linked to (indicator_sdg), in framework order;
 * none is an empty list. */
enum err sdg_indicators_of(struct db *db, struct arena *a, int64_t indicator_id,
                           struct sdg_indicator **out, int *out_n);

#endif
