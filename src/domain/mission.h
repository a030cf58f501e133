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
    int64_t archived_at; /* Unix seconds; 0: live */
    /* summary counts (of what is live), filled by mission_list and mission_get (not by
     * mission_get_uncounted) */
    int n_objectives, n_indicators, n_initiatives, n_actors;
};

struct team_member {
    struct person person;
    const char *role; /* code_team_role */
    bool is_contact;
};

/* Every live mission, in the order the site lists them. (The lists of this file leave
 * archived rows out: archived missions, and a mission's archived objectives, indicators,
 * team members (archived people) and actors; mission_get and mission_get_id find an
 * archived mission, its archived_at set, so its page can say so.) */
enum err mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n);
/* missions whose SDG targets include one of the goal's, in the same order */
enum err mission_list_by_goal(struct db *db, struct arena *a, int goal, struct mission **out,
                              int *out_n);
enum err mission_get(struct db *db, struct arena *a, const char *slug, struct mission *out);
/* mission_get without the summary counts (left 0), for a reader that counts what it lists
 * itself: the mission page (the four counts were half the statement's time). */
enum err mission_get_uncounted(struct db *db, struct arena *a, const char *slug,
                               struct mission *out);
enum err mission_get_id(struct db *db, struct arena *a, int64_t id, struct mission *out);
/* The goal tree, in order (parent_id 0: top level). */
enum err mission_objectives(struct db *db, struct arena *a, int64_t mission_id,
                            struct objective **out, int *out_n);
/* The indicators, by objective and position, as mission_progress_load (assess.h) takes them:
 * it adds their latest headline value and base period from the rows it reads anyway (no
 * dimensions: indicator_load_dimensions; no observation count: n_observations is 0, as
 * counting walks every observation — indicator_get and indicator_list count them). */
enum err mission_indicators(struct db *db, struct arena *a, int64_t mission_id,
                            struct indicator **out, int *out_n);
enum err mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id,
                             struct sdg_target **out, int *out_n);
enum err mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
                      int *out_n);
/* How many actors take part in the mission's initiatives (lead or participant) in each
 * sector that has any, by sector code. Everything lives in a. Errors: ERR_DB / ERR_BUSY. */
struct sector_count {
    const char *sector; /* code_actor_sector */
    int n;
};
enum err mission_actor_sectors(struct db *db, struct arena *a, int64_t mission_id,
                               struct sector_count **out, int *out_n);
/* The same, always counted afresh (mission_actor_sectors reads the stored counts when the
 * mission has them: migration 0018): what the stored ones must equal. */
enum err mission_actor_sectors_fresh(struct db *db, struct arena *a, int64_t mission_id,
                                     struct sector_count **out, int *out_n);
/* Count and store the actor counts of every mission that has none stored (0018's triggers
 * empty them whenever what they count changes), and the totals of the lists of actors and
 * initiatives when 0019's triggers emptied them, and the portfolios' counts (0025, read by
 * coverage.c). Every write that can change them calls it inside its
 * transaction, before it commits; costs a few index probes when nothing is missing.
 * Errors: ERR_DB / ERR_BUSY. */
enum err mission_counts_refresh(struct db *db);
/* The end of a write transaction: after a success (rc ERR_OK), mission_counts_refresh and
 * commit; after anything else, or when either fails, roll back. rc's error wins. Every
 * domain write that begins a transaction ends it here, so whatever it changed, the stored
 * counts are whole again when it commits. */
enum err mission_counts_commit(struct db *db, enum err rc);
/* The first limit of those actors in one sector, by name (then id): only id, name and
 * municipality_name are filled (the rest zero). Read from the stored first
 * MISSION_SECTOR_FIRST when the mission's counts are stored and limit is no more, else
 * found afresh. Everything lives in a. Errors: ERR_DB / ERR_BUSY. */
#define MISSION_SECTOR_FIRST 25
enum err mission_sector_actors(struct db *db, struct arena *a, int64_t mission_id,
                               const char *sector, int limit, struct actor **out, int *out_n);
/* The same, always found afresh: what the stored ones must equal. */
enum err mission_sector_actors_fresh(struct db *db, struct arena *a, int64_t mission_id,
                                     const char *sector, int limit, struct actor **out, int *out_n);

/* A mission page's actors taking part: each sector that has any (in code order of the
 * counts' sectors), how many, and its first limit (at most MISSION_SECTOR_FIRST) by name as
 * mission_sector_actors gives them. Three reads when the mission's counts are stored,
 * where one sector at a time took two reads a sector more; else counted and found afresh.
 * Everything lives in a. Errors: ERR_DB / ERR_BUSY. */
struct sector_actors {
    const char *sector;
    int n;
    struct actor *first;
    int n_first;
};
enum err mission_actors_by_sector(struct db *db, struct arena *a, int64_t mission_id, int limit,
                                  struct sector_actors **out, int *out_n);

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

/* ---- updating and archiving (the conventions of every update function: write.h) ---- */

/*
 * Update mission id with in: every field but the slug, which is the mission's address (the
 * URL of its pages and of its API resource, in links, bookmarks, caches and other sites):
 * changing it would break them all, so in->slug must be NULL, "" or the stored slug
 * (else ERR_INVALID, field "slug"). The SDG targets are replaced by in's (as a set).
 * is_demo is ignored. *out_changed (may be NULL): whether anything was written.
 */
enum err mission_update(struct db *db, int64_t id, const struct mission_new *in, const char *who,
                        int64_t now, bool *out_changed, struct write_error *err);
/* Replace the mission's SDG targets by the n codes (checked as mission_create checks
 * them, field "sdg_targets"); an audit entry "update" when the set differs. */
enum err mission_set_sdg_targets(struct db *db, int64_t id, const char *const *targets, int n,
                                 const char *who, int64_t now, bool *out_changed,
                                 struct write_error *err);
/*
 * Archive a mission (or bring it back): it leaves the lists of missions (the index, by SDG
 * goal, the API's), and the lists across missions leave out its initiatives and
 * indicators; its own page and everything under it stay where they were, and nothing of
 * it is archived with it (bringing it back restores it as it was). ERR_NOTFOUND for an
 * unknown id; an audit entry "archive" / "unarchive".
 */
enum err mission_archive(struct db *db, int64_t id, const char *who, int64_t now);
enum err mission_unarchive(struct db *db, int64_t id, const char *who, int64_t now);

/* A member's role and is_contact (the pair names the member: ERR_NOTFOUND if the person is
 * not in the mission's team). Entity "team_member", id the person, as team_member_create. */
enum err team_member_update(struct db *db, const struct team_member_new *in, const char *who,
                            int64_t now, bool *out_changed, struct write_error *err);
/* Take the person out of the mission's team (a team_member row is a link; the person stays):
 * an audit entry "remove" with the role and is_contact it had. ERR_NOTFOUND if not a member. */
enum err team_member_remove(struct db *db, int64_t mission_id, int64_t person_id, const char *who,
                            int64_t now);

#endif
