/*
 * mission.c — loaders for missions, their teams, and what the mission pages
 * list of a mission: its goal tree, indicators, SDG targets and taking-part
 * actors (see mission.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/mission.h"

#include <stdlib.h>
#include <string.h>

#include "domain/actor.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/rows.h"
#include "domain/sdg.h"

static void
mission_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct mission *m = item;

    memset(m, 0, sizeof(*m));
    m->id = db_i64(st, 0);
    m->slug = ld_str(st, 1, a);
    m->title_sv = ld_str(st, 2, a);
    m->title_en = ld_str(st, 3, a);
    m->goal_sv = ld_str(st, 4, a);
    m->goal_en = ld_str(st, 5, a);
    m->description_sv = ld_str(st, 6, a);
    m->description_en = ld_str(st, 7, a);
    m->deadline = ld_str(st, 8, a);
    m->deadline_year = (int)strtol(m->deadline, NULL, 10);
    m->start_year = (int)db_i64(st, 9);
    m->status = ld_str(st, 10, a);
    m->owner_id = db_null(st, 11) ? 0 : db_i64(st, 11);
    m->owner_name = ld_text(st, 12, a);
    m->is_demo = db_i64(st, 13) != 0;
    m->created_at = db_i64(st, 14);
    m->n_objectives = (int)db_i64(st, 15);
    m->n_indicators = (int)db_i64(st, 16);
    m->n_initiatives = (int)db_i64(st, 17);
    m->n_actors = (int)db_i64(st, 18);
}

enum err
mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_LIST);

    if (st == NULL)
        return ERR_DB;
    return ld_rows(st, a, sizeof(**out), mission_row, out, out_n);
}

enum err
mission_list_by_goal(struct db *db, struct arena *a, int goal, struct mission **out, int *out_n)
{
    return ld_rows_id(db, Q_MISSION_LIST_BY_GOAL, goal, a, sizeof(**out), mission_row, out, out_n);
}

enum err
mission_get(struct db *db, struct arena *a, const char *slug, struct mission *out)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_GET);

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, slug);
    return ld_one(st, a, mission_row, out);
}

enum err
mission_get_id(struct db *db, struct arena *a, int64_t id, struct mission *out)
{
    return ld_one_id(db, Q_MISSION_GET_ID, id, a, mission_row, out);
}

enum err
mission_objectives(struct db *db, struct arena *a, int64_t mission_id, struct objective **out,
                   int *out_n)
{
    return ld_rows_id(db, Q_MISSION_OBJECTIVES, mission_id, a, sizeof(**out), objective_row, out,
                      out_n);
}

enum err
mission_indicators(struct db *db, struct arena *a, int64_t mission_id, struct indicator **out,
                   int *out_n)
{
    return ld_rows_id(db, Q_MISSION_INDICATORS, mission_id, a, sizeof(**out), indicator_row, out,
                      out_n);
}

enum err
mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id, struct sdg_target **out,
                    int *out_n)
{
    return ld_rows_id(db, Q_MISSION_SDG_TARGETS, mission_id, a, sizeof(**out), sdg_target_row, out,
                      out_n);
}

/* Team rows start with the columns of PERSON_COLS, then role and is_contact. */
static void
team_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct team_member *t = item;

    person_row(st, a, &t->person);
    t->role = ld_str(st, 8, a);
    t->is_contact = db_i64(st, 9) != 0;
}

enum err
mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
             int *out_n)
{
    return ld_rows_id(db, Q_MISSION_TEAM, mission_id, a, sizeof(**out), team_row, out, out_n);
}

enum err
mission_actors(struct db *db, struct arena *a, int64_t mission_id, struct actor **out, int *out_n)
{
    return ld_rows_id(db, Q_MISSION_ACTORS, mission_id, a, sizeof(**out), actor_row, out, out_n);
}
