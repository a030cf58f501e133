/*
 * mission.h — missions (DESIGN.md §3): one bold, measurable goal with a
 * deadline, its team, and what hangs off it (objectives and indicators are in
 * indicator.h, initiatives in initiative.h). Loader conventions: person.h.
 */
#ifndef DOMAIN_MISSION_H
#define DOMAIN_MISSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/person.h"
#include "domain/write.h"

struct objective;
struct indicator;
struct sdg_target;
struct actor;

struct mission {
    int64_t id;
    const char *slug;
    const char *title_sv, *title_en, *goal_sv, *goal_en, *description_sv, *description_en;
    const char *deadline; /* YYYY-MM-DD */
    int deadline_year;
    int start_year;
    const char *status; /* code_mission_status */
    int64_t owner_id;   /* 0: none */
    const char *owner_name;
    bool is_demo;
    int64_t created_at;
    /* summary counts, filled by mission_list and mission_get */
    int n_objectives, n_indicators, n_initiatives, n_actors;
};

struct team_member {
    struct person person;
    const char *role; /* code_team_role */
    bool is_contact;
};

/* Every mission, in the order the site lists them. */
enum err mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n);
/* missions whose SDG targets include one of the goal's, in the same order */
enum err mission_list_by_goal(struct db *db, struct arena *a, int goal, struct mission **out,
                              int *out_n);
enum err mission_get(struct db *db, struct arena *a, const char *slug, struct mission *out);
enum err mission_get_id(struct db *db, struct arena *a, int64_t id, struct mission *out);
/* The goal tree, in order (parent_id 0: top level). */
enum err mission_objectives(struct db *db, struct arena *a, int64_t mission_id,
                            struct objective **out, int *out_n);
/* The indicators, by objective and position, with their latest headline value (no
 * dimensions: indicator_load_dimensions). */
enum err mission_indicators(struct db *db, struct arena *a, int64_t mission_id,
                            struct indicator **out, int *out_n);
enum err mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id,
                             struct sdg_target **out, int *out_n);
enum err mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
                      int *out_n);
/* actors taking part in the mission's initiatives (lead or participant), by sector then name */
enum err mission_actors(struct db *db, struct arena *a, int64_t mission_id, struct actor **out,
                        int *out_n);

/* ---- creating (the conventions of every create function: write.h) ---- */

struct mission_new {
    const char *slug, *title_sv, *title_en, *goal_sv, *goal_en;
    const char *description_sv, *description_en; /* Markdown, optional */
    const char *deadline;                        /* YYYY-MM-DD */
    int start_year;                              /* not after the deadline's year */
    const char *status;                          /* code_mission_status */
    int64_t owner_id;                            /* 0: none; a person */
    const char *const *sdg_targets;              /* codes of SDG targets ("12.3") */
    int n_sdg_targets;
    bool is_demo;
};

/* The new mission comes after the others (its position). */
enum err mission_create(struct db *db, const struct mission_new *in, const char *who,
                        int64_t *out_id, struct write_error *err);

struct team_member_new {
    int64_t mission_id, person_id; /* a person is in a mission's team at most once */
    const char *role;              /* code_team_role */
    bool is_contact;               /* the person's e-mail and phone are shown publicly */
};

/* The new member comes after the others of the team. No id: the pair is the key. */
enum err team_member_create(struct db *db, const struct team_member_new *in, const char *who,
                            struct write_error *err);

#endif
