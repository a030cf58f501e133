/*
 * mission.c — loaders for missions, their teams, and what the mission pages
 * list of a mission: its goal tree, indicators, SDG targets and taking-part
 * actors (see mission.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/mission.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
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
    m->archived_at = db_null(st, 19) ? 0 : db_i64(st, 19);
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
mission_get_uncounted(struct db *db, struct arena *a, const char *slug, struct mission *out)
{
    struct db_stmt *st = db_stmt(db, Q_MISSION_GET_UNCOUNTED);

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

/* a mission's target with its place in the goal's list, for the sort */
struct sdg_target_at {
    struct sdg_target t;
    int64_t position;
};

static void
mission_target_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sdg_target_at *t = item;

    sdg_target_row(st, a, &t->t);
    t->t.goal_short_sv = ld_str(st, 3, a);
    t->t.goal_short_en = ld_str(st, 4, a);
    t->position = db_i64(st, 5);
}

/* By goal, then the target's place in its goal's list (2.1 ... 2.5, 2.a, 2.b, 2.c); the
 * code last, for a total order whatever the table holds. */
static int
cmp_target_at(const void *a, const void *b)
{
    const struct sdg_target_at *p = a, *q = b;

    if (p->t.goal != q->t.goal)
        return p->t.goal < q->t.goal ? -1 : 1;
    if (p->position != q->position)
        return p->position < q->position ? -1 : 1;
    return strcmp(p->t.code, q->t.code);
}

enum err
mission_sdg_targets(struct db *db, struct arena *a, int64_t mission_id, struct sdg_target **out,
                    int *out_n)
{
    struct sdg_target_at *at;
    enum err rc;
    int i;

    rc = ld_rows_id(db, Q_MISSION_SDG_TARGETS, mission_id, a, sizeof(*at), mission_target_row, &at,
                    out_n);
    if (rc != ERR_OK) {
        *out = NULL;
        *out_n = 0;
        return rc;
    }
    if (*out_n > 1)
        qsort(at, (size_t)*out_n, sizeof(*at), cmp_target_at);
    *out = arena_alloc(a, (size_t)(*out_n > 0 ? *out_n : 1) * sizeof(**out));
    for (i = 0; i < *out_n; i++)
        (*out)[i] = at[i].t;
    return ERR_OK;
}

/* Team rows start with the columns of PERSON_COLS (listed last), then role and
 * is_contact. */
static void
team_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct team_member *t = item;

    person_row(st, a, &t->person);
    t->role = ld_str(st, 11, a);
    t->is_contact = db_i64(st, 12) != 0;
}

enum err
mission_team(struct db *db, struct arena *a, int64_t mission_id, struct team_member **out,
             int *out_n)
{
    return ld_rows_id(db, Q_MISSION_TEAM, mission_id, a, sizeof(**out), team_row, out, out_n);
}

static void
sector_count_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sector_count *c = item;

    c->sector = ld_str(st, 0, a);
    c->n = (int)db_i64(st, 1);
}

enum err
mission_actor_sectors_fresh(struct db *db, struct arena *a, int64_t mission_id,
                            struct sector_count **out, int *out_n)
{
    return ld_rows_id(db, Q_MISSION_ACTOR_SECTORS, mission_id, a, sizeof(**out), sector_count_row,
                      out, out_n);
}

/* Whether q returns a row (bound to id unless id is 0). */
static enum err
has_row(struct db *db, enum q q, int64_t id, bool *out)
{
    struct db_stmt *st = db_stmt(db, q);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    if (id != 0)
        db_bind_i64(st, 1, id);
    rc = db_step(st, out);
    db_done(st);
    return rc;
}

enum err
mission_actor_sectors(struct db *db, struct arena *a, int64_t mission_id, struct sector_count **out,
                      int *out_n)
{
    enum err rc;
    bool stored;

    rc = has_row(db, Q_MISSION_COUNTED, mission_id, &stored);
    if (rc)
        return rc;
    if (!stored)
        return mission_actor_sectors_fresh(db, a, mission_id, out, out_n);
    return ld_rows_id(db, Q_MISSION_SECTOR_COUNTS, mission_id, a, sizeof(**out), sector_count_row,
                      out, out_n);
}

enum err
mission_counts_refresh(struct db *db)
{
    struct db_stmt *st;
    enum err rc;
    bool missing;

    /* the indicators' counts of observations (0023) and the lists' totals (0019) first:
     * each statement does nothing while they are full */
    rc = indicator_counts_refresh(db);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ACTOR_COUNTS_FILL);
    if (st == NULL)
        return ERR_DB;
    rc = db_run(st);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INITIATIVE_COUNTS_FILL);
    if (st == NULL)
        return ERR_DB;
    rc = db_run(st);
    if (rc)
        return rc;
    /* the portfolios' counts (0025), the marks last */
    rc = has_row(db, Q_COVERAGE_COUNTS_MISSING, 0, &missing);
    if (rc)
        return rc;
    if (missing) {
        static const enum q fill[] = {
            Q_COVERAGE_COUNTS_FILL_SECTORS, Q_COVERAGE_COUNTS_FILL_OBJECTIVES,
            Q_COVERAGE_COUNTS_FILL_ORIGINS, Q_COVERAGE_COUNTS_FILL_SDG, Q_COVERAGE_COUNTS_FILL};
        size_t i;

        for (i = 0; i < sizeof(fill) / sizeof(fill[0]); i++) {
            st = db_stmt(db, fill[i]);
            if (st == NULL)
                return ERR_DB;
            rc = db_run(st);
            if (rc)
                return rc;
        }
    }
    rc = has_row(db, Q_MISSION_COUNTS_MISSING, 0, &missing);
    if (rc || !missing)
        return rc;
    st = db_stmt(db, Q_MISSION_COUNTS_FILL_SECTORS);
    if (st == NULL)
        return ERR_DB;
    rc = db_run(st);
    if (rc)
        return rc;
    st = db_stmt(db, Q_MISSION_COUNTS_FILL_FIRST);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, MISSION_SECTOR_FIRST);
    rc = db_run(st);
    if (rc)
        return rc;
    st = db_stmt(db, Q_MISSION_COUNTS_FILL);
    if (st == NULL)
        return ERR_DB;
    return db_run(st);
}

enum err
mission_counts_commit(struct db *db, enum err rc)
{
    if (rc == ERR_OK)
        rc = mission_counts_refresh(db);
    if (rc == ERR_OK)
        rc = db_commit(db);
    if (rc)
        db_rollback(db);
    return rc;
}

static void
sector_actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct actor *x = item;

    memset(x, 0, sizeof(*x));
    x->id = db_i64(st, 0);
    x->name = ld_str(st, 1, a);
    x->municipality_name = ld_text(st, 2, a);
}

static enum err has_row(struct db *db, enum q q, int64_t id, bool *out);

static enum err
sector_actors(struct db *db, enum q q, struct arena *a, int64_t mission_id, const char *sector,
              int limit, struct actor **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, sector);
    db_bind_i64(st, 3, limit);
    return ld_rows(st, a, sizeof(**out), sector_actor_row, out, out_n);
}

enum err
mission_sector_actors_fresh(struct db *db, struct arena *a, int64_t mission_id, const char *sector,
                            int limit, struct actor **out, int *out_n)
{
    return sector_actors(db, Q_MISSION_SECTOR_ACTORS, a, mission_id, sector, limit, out, out_n);
}

enum err
mission_sector_actors(struct db *db, struct arena *a, int64_t mission_id, const char *sector,
                      int limit, struct actor **out, int *out_n)
{
    enum err rc;
    bool stored = false;

    rc = limit <= MISSION_SECTOR_FIRST ? has_row(db, Q_MISSION_COUNTED, mission_id, &stored)
                                       : ERR_OK;
    if (rc)
        return rc;
    return sector_actors(db, stored ? Q_MISSION_SECTOR_FIRST : Q_MISSION_SECTOR_ACTORS, a,
                         mission_id, sector, limit, out, out_n);
}

/* How many of a sector's first actors the page gets: the ones it has, up to limit. */
static int
sector_room(const struct sector_actors *s, int limit)
{
    return s->n < limit ? s->n : limit;
}

enum err
mission_actors_by_sector(struct db *db, struct arena *a, int64_t mission_id, int limit,
                         struct sector_actors **out, int *out_n)
{
    struct sector_count *counts;
    struct sector_actors *sa;
    struct db_stmt *st;
    struct actor *x;
    const char *sector;
    int n, i, k = 0;
    enum err rc;
    bool stored, row;

    *out = NULL;
    *out_n = 0;
    if (limit > MISSION_SECTOR_FIRST)
        limit = MISSION_SECTOR_FIRST;
    rc = has_row(db, Q_MISSION_COUNTED, mission_id, &stored);
    if (rc == ERR_OK)
        rc = stored ? ld_rows_id(db, Q_MISSION_SECTOR_COUNTS, mission_id, a, sizeof(*counts),
                                 sector_count_row, &counts, &n)
                    : mission_actor_sectors_fresh(db, a, mission_id, &counts, &n);
    if (rc)
        return rc;
    sa = arena_alloc(a, (size_t)(n > 0 ? n : 1) * sizeof(*sa));
    for (i = 0; i < n; i++) {
        sa[i].sector = counts[i].sector;
        sa[i].n = counts[i].n;
        if (stored) {
            /* room for the ones the sector has, up to limit (zeroed: a struct actor is large,
             * and 25 of one for each sector were most of the page's memset) */
            int room = sector_room(&sa[i], limit);

            sa[i].first = arena_alloc(a, (size_t)(room > 0 ? room : 1) * sizeof(*sa[i].first));
        } else {
            rc = mission_sector_actors_fresh(db, a, mission_id, counts[i].sector, limit,
                                             &sa[i].first, &sa[i].n_first);
            if (rc)
                return rc;
        }
    }
    if (stored) {
        /* the rows come by sector as the counts do (both ORDER BY sector) */
        st = db_stmt(db, Q_MISSION_SECTOR_FIRST_ALL);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission_id);
        db_bind_i64(st, 2, limit);
        while ((rc = db_step(st, &row)) == ERR_OK && row) {
            sector = db_text(st, 0);
            while (k < n && strcmp(sa[k].sector, sector) != 0)
                k++;
            if (k == n || sa[k].n_first >= sector_room(&sa[k], limit))
                continue;
            x = &sa[k].first[sa[k].n_first++];
            memset(x, 0, sizeof(*x));
            x->id = db_i64(st, 1);
            x->name = ld_str(st, 2, a);
            x->municipality_name = ld_text(st, 3, a);
        }
        db_done(st);
        if (rc)
            return rc;
    }
    *out = sa;
    *out_n = n;
    return ERR_OK;
}

/* ------------------------------------------------------------ create */

/* The SDG targets of a mission (field "sdg_targets"): create, update and replacement. */
static enum err
mission_check_targets(struct db *db, const char *const *targets, int n, struct write_error *e)
{
    return write_refs(db, e, "sdg_targets", Q_SDG_TARGET_GET, targets, n, "is not an SDG target");
}

/* The checks of mission_create (self 0) and mission_update (self the mission's id). */
static enum err
mission_check(struct db *db, const struct mission_new *in, int64_t self, struct write_error *e)
{
    int64_t holder = 0;
    enum err rc;

    if (self != 0) {
        rc = str_empty(in->slug) ? ERR_OK
                                 : write_id_by_text(db, Q_MISSION_ID_BY_SLUG, in->slug, &holder);
        if (rc)
            return rc;
        if (!str_empty(in->slug) && holder != self)
            return write_refuse(e, "slug",
                                "is the mission's address (its pages' and API's URL) and cannot "
                                "change");
    } else {
        if (write_slug(e, "slug", in->slug))
            return ERR_INVALID;
        rc = write_id_by_text(db, Q_MISSION_ID_BY_SLUG, in->slug, &holder);
        if (rc)
            return rc;
        if (holder != 0)
            return write_refuse(e, "slug", "is taken by another mission");
    }
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
    return mission_check_targets(db, in->sdg_targets, in->n_sdg_targets, e);
}

/* The editable columns: Q_MISSION_STORED's and Q_MISSION_UPDATE's order. */
static const struct change_field mission_fields[] = {
    {"title_sv", CH_TEXT, false},       {"title_en", CH_TEXT, false},
    {"goal_sv", CH_TEXT, false},        {"goal_en", CH_TEXT, false},
    {"description_sv", CH_TEXT, false}, {"description_en", CH_TEXT, false},
    {"deadline", CH_TEXT, false},       {"start_year", CH_INT, false},
    {"status", CH_TEXT, false},         {"owner_id", CH_OPT_ID, false},
};
#define N_MISSION_FIELDS ((int)(sizeof(mission_fields) / sizeof(mission_fields[0])))

static void
mission_values(const struct mission_new *in, struct change_val *v)
{
    v[0] = change_text(in->title_sv);
    v[1] = change_text(in->title_en);
    v[2] = change_text(in->goal_sv);
    v[3] = change_text(in->goal_en);
    v[4] = change_text(in->description_sv);
    v[5] = change_text(in->description_en);
    v[6] = change_text(in->deadline);
    v[7] = change_int(in->start_year);
    v[8] = change_text(in->status);
    v[9] = change_opt_id(in->owner_id);
}

enum err
mission_create(struct db *db, const struct mission_new *in, const char *who, int64_t *out_id,
               struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    struct change_val v[N_MISSION_FIELDS];
    struct change_set c;
    int64_t now = (int64_t)time(NULL);

    rc = mission_check(db, in, 0, err);
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
    db_bind_i64(st, 13, now);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_MISSION_SDG_TARGET_ADD, *out_id, in->sdg_targets,
                              in->n_sdg_targets);
    if (rc)
        return rc;
    change_init(&c);
    change_open(&c, "slug");
    json_nil(&c.j);
    json_str(&c.j, in->slug);
    change_close(&c);
    mission_values(in, v);
    change_created(&c, mission_fields, N_MISSION_FIELDS, v);
    change_texts(&c, "sdg_targets", NULL, 0, in->sdg_targets, in->n_sdg_targets, false, true);
    rc = write_log(db, &c, now, who, "create", "mission", *out_id, *out_id, NULL);
    change_free(&c);
    return rc;
}

/* A team member's editable columns: Q_TEAM_MEMBER_STORED's and Q_TEAM_MEMBER_UPDATE's order. */
static const struct change_field team_fields[] = {
    {"role", CH_TEXT, false},
    {"is_contact", CH_INT, false},
};

static void
team_values(const struct team_member_new *in, struct change_val *v)
{
    v[0] = change_text(in->role);
    v[1] = change_int(in->is_contact);
}

enum err
team_member_create(struct db *db, const struct team_member_new *in, const char *who,
                   struct write_error *err)
{
    struct change_val v[2];
    struct change_set c;
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
    if (rc)
        return rc;
    change_init(&c);
    team_values(in, v);
    change_created(&c, team_fields, 2, v);
    rc = write_log(db, &c, (int64_t)time(NULL), who, "create", "team_member", in->person_id,
                   in->mission_id, NULL);
    change_free(&c);
    return rc;
}

/* ------------------------------------------------------------ update and archive */

/* Replace the stored SDG targets of mission id by targets[n] when the set differs,
 * recording it in c. */
static enum err
mission_replace_targets(struct db *db, struct arena *a, int64_t id, const char *const *targets,
                        int n, struct change_set *c)
{
    const char **stored;
    int n_stored;
    enum err rc;

    rc = ld_rows_id(db, Q_MISSION_SDG_TARGET_CODES, id, a, sizeof(*stored), ld_str_row, &stored,
                    &n_stored);
    if (rc)
        return rc;
    if (!change_texts(c, "sdg_targets", stored, n_stored, targets, n, false, false))
        return ERR_OK;
    rc = write_clear(db, Q_MISSION_SDG_TARGETS_CLEAR, id);
    if (rc)
        return rc;
    return write_link_texts(db, Q_MISSION_SDG_TARGET_ADD, id, targets, n);
}

enum err
mission_update(struct db *db, int64_t id, const struct mission_new *in, const char *who,
               int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_MISSION_FIELDS], after[N_MISSION_FIELDS];
    struct change_set c;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_MISSION_STORED, id, &a, mission_fields, N_MISSION_FIELDS, before);
    if (rc == ERR_OK)
        rc = mission_check(db, in, id, err);
    if (rc == ERR_OK) {
        mission_values(in, after);
        if (change_diff(&c, mission_fields, N_MISSION_FIELDS, before, after) > 0)
            rc =
                write_update_row(db, Q_MISSION_UPDATE, id, mission_fields, N_MISSION_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = mission_replace_targets(db, &a, id, in->sdg_targets, in->n_sdg_targets, &c);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "mission", id, id, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
mission_set_sdg_targets(struct db *db, int64_t id, const char *const *targets, int n,
                        const char *who, int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_MISSION_FIELDS];
    struct change_set c;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_MISSION_STORED, id, &a, mission_fields, N_MISSION_FIELDS, before);
    if (rc == ERR_OK)
        rc = mission_check_targets(db, targets, n, err);
    if (rc == ERR_OK)
        rc = mission_replace_targets(db, &a, id, targets, n, &c);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "mission", id, id, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
mission_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_MISSION_ARCHIVE_STATE, Q_MISSION_SET_ARCHIVED, "mission", id, who,
                         now, true);
}

enum err
mission_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_MISSION_ARCHIVE_STATE, Q_MISSION_SET_ARCHIVED, "mission", id, who,
                         now, false);
}

/* Read the role and is_contact of a team member (ERR_NOTFOUND: not in the team). */
static enum err
team_stored(struct db *db, struct arena *a, int64_t mission_id, int64_t person_id,
            struct change_val *v)
{
    struct db_stmt *st = db_stmt(db, Q_TEAM_MEMBER_STORED);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, person_id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        change_read(st, a, team_fields, 2, v);
    db_done(st);
    return rc;
}

enum err
team_member_update(struct db *db, const struct team_member_new *in, const char *who, int64_t now,
                   bool *out_changed, struct write_error *err)
{
    struct change_val before[2], after[2];
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = team_stored(db, &a, in->mission_id, in->person_id, before);
    if (rc == ERR_OK && write_code(err, "role", &code_team_role, in->role))
        rc = ERR_INVALID;
    if (rc == ERR_OK) {
        team_values(in, after);
        if (change_diff(&c, team_fields, 2, before, after) > 0) {
            st = db_stmt(db, Q_TEAM_MEMBER_UPDATE);
            if (st == NULL) {
                rc = ERR_DB;
            } else {
                db_bind_i64(st, 1, in->mission_id);
                db_bind_i64(st, 2, in->person_id);
                change_bind(st, 3, team_fields, 2, after);
                rc = db_run(st);
            }
        }
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "team_member", in->person_id, in->mission_id,
                       out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
team_member_remove(struct db *db, int64_t mission_id, int64_t person_id, const char *who,
                   int64_t now)
{
    struct change_val before[2], after[2] = {{.is_null = true}, {.is_null = true}};
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    enum err rc;

    arena_init(&a);
    change_init(&c);
    rc = team_stored(db, &a, mission_id, person_id, before);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_TEAM_MEMBER_REMOVE);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, mission_id);
            db_bind_i64(st, 2, person_id);
            rc = db_run(st);
        }
    }
    if (rc == ERR_OK) {
        change_diff(&c, team_fields, 2, before, after);
        rc = write_log(db, &c, now, who, "remove", "team_member", person_id, mission_id, NULL);
    }
    change_free(&c);
    arena_free(&a);
    return rc;
}
