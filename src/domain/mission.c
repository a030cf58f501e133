/*
 * mission.c — loaders for missions, their teams, and what the mission pages
 * list of a mission: its goal tree, indicators, SDG targets and taking-part
 * actors (see mission.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/mission.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/codes.h"
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

/* ------------------------------------------------------------ create */

static enum err
mission_check(struct db *db, const struct mission_new *in, struct write_error *e)
{
    enum err rc;
    bool there;

    if (write_slug(e, "slug", in->slug))
        return ERR_INVALID;
    rc = write_exists_text(db, Q_MISSION_ID_BY_SLUG, in->slug, &there);
    if (rc)
        return rc;
    if (there)
        return write_refuse(e, "slug", "is taken by another mission");
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "goal_sv", in->goal_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "goal_en", in->goal_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "description_sv", in->description_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "description_en", in->description_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    if (in->deadline == NULL)
        return write_refuse(e, "deadline", "is required");
    if (write_date(e, "deadline", in->deadline) || write_year(e, "start_year", in->start_year))
        return ERR_INVALID;
    if (in->start_year > (in->deadline[0] - '0') * 1000 + (in->deadline[1] - '0') * 100 +
                             (in->deadline[2] - '0') * 10 + (in->deadline[3] - '0'))
        return write_refuse(e, "start_year", "must not come after the deadline");
    if (write_code(e, "status", &code_mission_status, in->status))
        return ERR_INVALID;
    rc = write_ref_id(db, e, "owner_id", Q_PERSON_EXISTS, in->owner_id, false,
                      "no person has this id");
    if (rc)
        return rc;
    return write_refs(db, e, "sdg_targets", Q_SDG_TARGET_GET, in->sdg_targets, in->n_sdg_targets,
                      "is not an SDG target");
}

enum err
mission_create(struct db *db, const struct mission_new *in, const char *who, int64_t *out_id,
               struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    rc = mission_check(db, in, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_MISSION_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, in->slug);
    db_bind_text(st, 2, in->title_sv);
    write_bind_str(st, 3, in->title_en);
    db_bind_text(st, 4, in->goal_sv);
    write_bind_str(st, 5, in->goal_en);
    write_bind_str(st, 6, in->description_sv);
    write_bind_str(st, 7, in->description_en);
    db_bind_text(st, 8, in->deadline);
    db_bind_i64(st, 9, in->start_year);
    db_bind_text(st, 10, in->status);
    write_bind_id(st, 11, in->owner_id);
    db_bind_i64(st, 12, in->is_demo);
    db_bind_i64(st, 13, (int64_t)time(NULL));
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_MISSION_SDG_TARGET_ADD, *out_id, in->sdg_targets,
                              in->n_sdg_targets);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "mission", *out_id, *out_id, "");
    return rc;
}

enum err
team_member_create(struct db *db, const struct team_member_new *in, const char *who,
                   struct write_error *err)
{
    struct db_stmt *st;
    int64_t position;
    enum err rc;
    bool row;

    rc = write_ref_id(db, err, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                      "no mission has this id");
    if (rc == ERR_OK)
        rc = write_ref_id(db, err, "person_id", Q_PERSON_EXISTS, in->person_id, true,
                          "no person has this id");
    if (rc == ERR_OK && write_code(err, "role", &code_team_role, in->role))
        rc = ERR_INVALID;
    if (rc)
        return rc;
    st = db_stmt(db, Q_TEAM_MEMBER_EXISTS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_i64(st, 2, in->person_id);
    rc = db_step(st, &row);
    db_done(st);
    if (rc)
        return rc;
    if (row)
        return write_refuse(err, "person_id", "is already in the mission's team");
    st = db_stmt(db, Q_TEAM_NEXT_POSITION);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    rc = ld_count(st, &position);
    if (rc)
        return rc;
    st = db_stmt(db, Q_TEAM_MEMBER_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_i64(st, 2, in->person_id);
    db_bind_text(st, 3, in->role);
    db_bind_i64(st, 4, in->is_contact);
    db_bind_i64(st, 5, position);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = audit_add(db, who, "create", "team_member", in->person_id, in->mission_id, "");
    return rc;
}
