/*
 * mission.c — loaders for missions, their goal trees, indicators,
 * observations, SDG targets, teams and taking-part actors (see model.h).
 * Pure reads; every string lives in the caller's arena.
 */
#include <stdlib.h>
#include <string.h>

#include "domain/load.h"
#include "domain/model.h"

/* ------------------------------------------------------------ missions */

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
mission_rows(struct db_stmt *st, struct arena *a, struct mission **out, int *out_n)
{
    return ld_rows(st, a, sizeof(**out), mission_row, out, out_n);
}

enum err
mission_list(struct db *db, struct arena *a, struct mission **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_LIST);

    if (st == NULL)
        return ERR_DB;
    return mission_rows(st, a, out, out_n);
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

/* ------------------------------------------------------------ objectives */

static void
objective_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct objective *o = item;

    o->id = db_i64(st, 0);
    o->mission_id = db_i64(st, 1);
    o->parent_id = db_i64(st, 2);
    o->title_sv = ld_str(st, 3, a);
    o->title_en = ld_str(st, 4, a);
    o->description_sv = ld_str(st, 5, a);
    o->description_en = ld_str(st, 6, a);
    o->weight = db_dbl(st, 7);
}

enum err
mission_objectives(struct db *db, struct arena *a, int64_t mission_id, struct objective **out,
                   int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_OBJECTIVES);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    return ld_rows(st, a, sizeof(**out), objective_row, out, out_n);
}

enum err
objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out)
{
    return ld_one_id(db, Q_OBJECTIVE_GET, id, a, objective_row, out);
}

/* ------------------------------------------------------------ indicators */

static void
indicator_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct indicator *i = item;

    memset(i, 0, sizeof(*i));
    i->id = db_i64(st, 0);
    i->mission_id = db_i64(st, 1);
    i->objective_id = db_i64(st, 2);
    i->mission_slug = ld_str(st, 3, a);
    i->title_sv = ld_str(st, 4, a);
    i->title_en = ld_str(st, 5, a);
    i->description_sv = ld_str(st, 6, a);
    i->description_en = ld_str(st, 7, a);
    i->unit_sv = ld_str(st, 8, a);
    i->unit_en = ld_str(st, 9, a);
    i->direction = ld_str(st, 10, a);
    i->decimals = (int)db_i64(st, 11);
    i->has_base = !db_null(st, 12) && !db_null(st, 13);
    i->base_year = (int)db_i64(st, 12);
    i->base_value = db_dbl(st, 13);
    i->target_kind = ld_str(st, 14, a);
    i->has_target = !db_null(st, 15);
    i->target_value = db_dbl(st, 15);
    i->target_year = db_null(st, 16) ? 0 : (int)db_i64(st, 16);
    i->has_limit = !db_null(st, 17);
    i->limit_value = db_dbl(st, 17);
    i->source = ld_str(st, 18, a);
    i->source_url = ld_text(st, 19, a);
    i->weight = db_dbl(st, 20);
    i->n_observations = (int)db_i64(st, 21);
    i->has_latest = !db_null(st, 22);
    i->latest_year = (int)db_i64(st, 22);
    i->latest_period = ld_text(st, 23, a);
    i->latest_value = db_dbl(st, 24);
    i->mission_start_year = (int)db_i64(st, 25);
    i->mission_deadline_year = (int)strtol(db_text(st, 26), NULL, 10);
    i->has_thresholds = !db_null(st, 27) && !db_null(st, 28) && !db_null(st, 29);
    i->th_high = db_dbl(st, 27);
    i->th_med = db_dbl(st, 28);
    i->th_low = db_dbl(st, 29);
    i->headline = ld_str(st, 30, a);
}

static enum err
indicator_rows(struct db_stmt *st, struct arena *a, struct indicator **out, int *out_n)
{
    return ld_rows(st, a, sizeof(**out), indicator_row, out, out_n);
}

enum err
mission_indicators(struct db *db, struct arena *a, int64_t mission_id, struct indicator **out,
                   int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_INDICATORS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    return indicator_rows(st, a, out, out_n);
}

enum err
indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_DIMENSIONS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, ind->id);
    return ld_rows(st, a, sizeof(*ind->dimensions), ld_str_row, &ind->dimensions,
                   &ind->n_dimensions);
}

enum err
indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INDICATOR_GET, id, a, indicator_row, out);
    if (rc)
        return rc;
    return indicator_load_dimensions(db, a, out);
}

enum err
indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
               struct indicator **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_INDICATOR_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INDICATOR_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    return indicator_rows(st, a, out, out_n);
}

static void
observation_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct observation *o = item;

    o->period = ld_str(st, 0, a);
    o->year = (int)db_i64(st, 1);
    o->series = ld_str(st, 2, a);
    o->unit = ld_str(st, 3, a);
    o->disagg = ld_str(st, 4, a);
    o->value = db_dbl(st, 5);
    o->source = ld_str(st, 6, a);
    o->note = ld_str(st, 7, a);
}

enum err
indicator_observations(struct db *db, struct arena *a, int64_t indicator_id,
                       struct observation **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_OBSERVATIONS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    return ld_rows(st, a, sizeof(**out), observation_row, out, out_n);
}

enum err
indicator_observations_first(struct db *db, struct arena *a, int64_t indicator_id, int limit,
                             struct observation **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_OBSERVATIONS_FIRST);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    db_bind_i64(st, 2, limit);
    return ld_rows(st, a, sizeof(**out), observation_row, out, out_n);
}

/* ------------------------------------------------------------ around a mission */

void
ld_target_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sdg_target *t = item;

    t->code = ld_str(st, 0, a);
    t->goal = (int)db_i64(st, 1);
    t->title_en = ld_str(st, 2, a);
}

enum err
mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id, struct sdg_target **out,
                    int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_SDG_TARGETS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    return ld_rows(st, a, sizeof(**out), ld_target_row, out, out_n);
}

/* Team rows start with the columns of PERSON_COLS, then role and is_contact. */
static void
team_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct team_member *t = item;

    ld_person_row(st, a, &t->person);
    t->role = ld_str(st, 8, a);
    t->is_contact = db_i64(st, 9) != 0;
}

enum err
mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
             int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_TEAM);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    return ld_rows(st, a, sizeof(**out), team_row, out, out_n);
}

enum err
mission_actors(struct db *db, struct arena *a, int64_t mission_id, struct actor **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_ACTORS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    return actor_rows(st, a, out, out_n);
}
