/*
 * initiative.c — loaders for initiatives and what they link to: actors,
 * objectives, SDG targets (see initiative.h). Pure reads; every string lives
 * in the caller's arena.
 */
#include "domain/initiative.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/audit.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/rows.h"

static void
initiative_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative *n = item;

    memset(n, 0, sizeof(*n));
    n->id = db_i64(st, 0);
    n->mission_id = db_i64(st, 1);
    n->mission_slug = ld_str(st, 2, a);
    n->mission_title_sv = ld_str(st, 3, a);
    n->mission_title_en = ld_str(st, 4, a);
    n->slug = ld_str(st, 5, a);
    n->title_sv = ld_str(st, 6, a);
    n->title_en = ld_str(st, 7, a);
    n->summary_sv = ld_str(st, 8, a);
    n->summary_en = ld_str(st, 9, a);
    n->origin = ld_str(st, 10, a);
    n->status = ld_str(st, 11, a);
    n->lead_actor_id = db_i64(st, 12);
    n->lead_actor_name = ld_text(st, 13, a);
    n->lead_actor_slug = ld_text(st, 14, a);
    n->start_date = ld_text(st, 15, a);
    n->end_date = ld_text(st, 16, a);
    n->has_budget = !db_null(st, 17);
    n->budget_sek = db_i64(st, 17);
    n->funding = ld_str(st, 18, a);
    n->hypotheses_sv = ld_str(st, 19, a);
    n->hypotheses_en = ld_str(st, 20, a);
    n->learnings_sv = ld_str(st, 21, a);
    n->learnings_en = ld_str(st, 22, a);
    n->is_demo = db_i64(st, 23) != 0;
    n->archived_at = db_null(st, 24) ? 0 : db_i64(st, 24);
}

static void
bind_filter(struct db_stmt *st, const struct initiative_filter *f)
{
    db_bind_i64(st, 1, f->mission_id);
    db_bind_text(st, 2, f->origin ? f->origin : "");
    db_bind_text(st, 3, f->status ? f->status : "");
    db_bind_text(st, 4, f->sector ? f->sector : "");
    db_bind_i64(st, 5, f->sdg_goal);
    db_bind_i64(st, 6, f->actor_id);
}

/* whether f filters by mission at most: its total is then migration 0019's stored count */
static bool
by_mission_only(const struct initiative_filter *f)
{
    return (f->origin == NULL || f->origin[0] == '\0') &&
           (f->status == NULL || f->status[0] == '\0') &&
           (f->sector == NULL || f->sector[0] == '\0') && f->sdg_goal == 0 && f->actor_id == 0;
}

enum err
initiative_list(struct db *db, struct arena *a, const struct initiative_filter *f,
                const struct page *pg, struct initiative **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    if (by_mission_only(f)) {
        st = db_stmt(db, Q_INITIATIVE_COUNT_STORED);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, f->mission_id);
    } else {
        st = db_stmt(db, Q_INITIATIVE_COUNT);
        if (st == NULL)
            return ERR_DB;
        bind_filter(st, f);
    }
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INITIATIVE_PAGE);
    if (st == NULL)
        return ERR_DB;
    bind_filter(st, f);
    db_bind_i64(st, 7, pg->limit);
    db_bind_i64(st, 8, pg->offset);
    return ld_rows(st, a, sizeof(**out), initiative_row, out, out_n);
}

/* One row of Q_INITIATIVE_LATEST: what a line of a mission page's list shows. */
static void
initiative_line_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative *n = item;

    memset(n, 0, sizeof(*n));
    n->id = db_i64(st, 0);
    n->title_sv = ld_str(st, 1, a);
    n->title_en = ld_str(st, 2, a);
    n->status = ld_str(st, 3, a);
    n->end_date = ld_text(st, 4, a);
    n->lead_actor_name = ld_text(st, 5, a);
}

enum err
initiative_latest(struct db *db, struct arena *a, int64_t mission_id, const char *origin, int limit,
                  struct initiative **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st = db_stmt(db, Q_INITIATIVE_LATEST);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, origin);
    db_bind_i64(st, 3, limit);
    rc = ld_rows(st, a, sizeof(**out), initiative_line_row, out, out_n);
    if (rc)
        return rc;
    /* fewer than limit: the list is all of them (the count has the same conditions),
     * and the count is a statement saved */
    *out_total = *out_n;
    if (*out_n < limit)
        return ERR_OK;
    st = db_stmt(db, Q_INITIATIVE_LATEST_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, origin);
    return ld_count(st, out_total);
}

static void
initiative_actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative_actor *x = item;

    x->actor_id = db_i64(st, 0);
    x->actor_slug = ld_str(st, 1, a);
    x->actor_name = ld_str(st, 2, a);
    x->sector = ld_str(st, 3, a);
    x->role = ld_str(st, 4, a);
}

enum err
initiative_list_by_goal(struct db *db, struct arena *a, int goal, struct initiative **out,
                        int *out_n)
{
    return ld_rows_id(db, Q_INITIATIVE_LIST_BY_GOAL, goal, a, sizeof(**out), initiative_row, out,
                      out_n);
}

enum err
initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INITIATIVE_GET, id, a, initiative_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_ACTORS, id, a, sizeof(*out->actors), initiative_actor_row,
                        &out->actors, &out->n_actors);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_OBJECTIVES, id, a, sizeof(*out->objective_ids), ld_i64_row,
                        &out->objective_ids, &out->n_objectives);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_SDG_TARGETS, id, a, sizeof(*out->sdg_targets), ld_str_row,
                        &out->sdg_targets, &out->n_sdg_targets);
    return rc;
}

/* ------------------------------------------------------------ create */

static enum err
initiative_check_parts(struct db *db, const struct initiative_new *in, struct write_error *e)
{
    const struct initiative_part *p;
    enum err rc;
    bool there;
    int i, k;

    if (in->n_parts < 0 || in->n_parts > WRITE_MAX_ITEMS)
        return write_refuse_item(e, "parts", WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < in->n_parts; i++) {
        p = &in->parts[i];
        rc = p->actor_id > 0 ? write_exists_id(db, Q_ACTOR_EXISTS, p->actor_id, &there) : ERR_OK;
        if (rc)
            return rc;
        if (p->actor_id <= 0 || !there)
            return write_refuse_item(e, "parts", i, "no actor has this id");
        if (!code_is(&code_initiative_role, p->role))
            return write_refuse_item(e, "parts", i, "the role is not one of the accepted codes");
        if (strcmp(p->role, "lead") == 0 && p->actor_id != in->lead_actor_id)
            return write_refuse_item(e, "parts", i,
                                     "only the initiative's lead actor takes part as lead");
        for (k = 0; k < i; k++)
            if (in->parts[k].actor_id == p->actor_id)
                return write_refuse_item(e, "parts", i, "names the same actor twice");
    }
    return ERR_OK;
}

/* The checks of initiative_create (self 0) and initiative_update (self the initiative's id,
 * in its stored mission `mission`). */
static enum err
initiative_check(struct db *db, const struct initiative_new *in, int64_t self, int64_t mission,
                 struct write_error *e)
{
    struct db_stmt *st;
    int64_t holder = 0, of;
    enum err rc;
    bool row;
    int i, k;

    if (self != 0) {
        if (in->mission_id != 0 && in->mission_id != mission)
            return write_refuse(e, "mission_id",
                                "is the mission the initiative belongs to and cannot change");
        rc = ERR_OK;
    } else {
        rc = write_ref_id(db, e, "mission_id", Q_MISSION_EXISTS, in->mission_id, true,
                          "no mission has this id");
        mission = in->mission_id;
    }
    if (rc || write_slug(e, "slug", in->slug))
        return rc ? rc : ERR_INVALID;
    st = db_stmt(db, Q_INITIATIVE_ID_BY_SLUG);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission);
    db_bind_text(st, 2, in->slug);
    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        holder = db_i64(st, 0);
    db_done(st);
    if (rc)
        return rc;
    if (holder != 0 && holder != self)
        return write_refuse(e, "slug", "is taken by another initiative of the mission");
    if (write_text(e, "title_sv", in->title_sv, WRITE_MAX_LINE, true, false) ||
        write_text(e, "title_en", in->title_en, WRITE_MAX_LINE, false, false) ||
        write_text(e, "summary_sv", in->summary_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "summary_en", in->summary_en, WRITE_MAX_MD, false, true) ||
        write_code(e, "origin", &code_initiative_origin, in->origin) ||
        write_code(e, "status", &code_initiative_status, in->status))
        return ERR_INVALID;
    rc = write_ref_id(db, e, "lead_actor_id", Q_ACTOR_EXISTS, in->lead_actor_id, false,
                      "no actor has this id");
    if (rc)
        return rc;
    if (write_date(e, "start_date", in->start_date) || write_date(e, "end_date", in->end_date))
        return ERR_INVALID;
    if (in->start_date != NULL && in->end_date != NULL && strcmp(in->end_date, in->start_date) < 0)
        return write_refuse(e, "end_date", "must not come before the start date");
    if (in->has_budget && (in->budget_sek < 0 || (double)in->budget_sek > WRITE_MAX_MONEY))
        return write_refuse(e, "budget_sek", "must be whole kronor from 0 to 1e15");
    if (write_text(e, "funding", in->funding, WRITE_MAX_LINE, false, false) ||
        write_text(e, "hypotheses_sv", in->hypotheses_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "hypotheses_en", in->hypotheses_en, WRITE_MAX_MD, false, true) ||
        write_text(e, "learnings_sv", in->learnings_sv, WRITE_MAX_MD, false, true) ||
        write_text(e, "learnings_en", in->learnings_en, WRITE_MAX_MD, false, true))
        return ERR_INVALID;
    rc = initiative_check_parts(db, in, e);
    if (rc)
        return rc;
    if (in->n_objectives < 0 || in->n_objectives > WRITE_MAX_ITEMS)
        return write_refuse_item(e, "objective_ids", WRITE_MAX_ITEMS, "has more than 64 items");
    for (i = 0; i < in->n_objectives; i++) {
        rc = objective_mission(db, in->objective_ids[i], &of);
        if (rc)
            return rc;
        if (of != mission)
            return write_refuse_item(e, "objective_ids", i, "is not an objective of the mission");
        for (k = 0; k < i; k++)
            if (in->objective_ids[k] == in->objective_ids[i])
                return write_refuse_item(e, "objective_ids", i, "names the same objective twice");
    }
    return write_refs(db, e, "sdg_targets", Q_SDG_TARGET_GET, in->sdg_targets, in->n_sdg_targets,
                      "is not an SDG target");
}

static enum err
initiative_add_parts(struct db *db, const struct initiative_new *in, int64_t id)
{
    struct db_stmt *st;
    enum err rc = ERR_OK;
    int i;

    for (i = 0; rc == ERR_OK && i < in->n_parts; i++) {
        st = db_stmt(db, Q_INITIATIVE_ACTOR_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, in->parts[i].actor_id);
        db_bind_text(st, 3, in->parts[i].role);
        rc = db_run(st);
    }
    return rc;
}

static enum err
initiative_add_objectives(struct db *db, const struct initiative_new *in, int64_t id)
{
    struct db_stmt *st;
    enum err rc = ERR_OK;
    int i;

    for (i = 0; rc == ERR_OK && i < in->n_objectives; i++) {
        st = db_stmt(db, Q_INITIATIVE_OBJECTIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, in->objective_ids[i]);
        rc = db_run(st);
    }
    return rc;
}

/* The editable columns: Q_INITIATIVE_STORED's and Q_INITIATIVE_UPDATE's order. */
static const struct change_field initiative_fields[] = {
    {"slug", CH_TEXT, false},          {"title_sv", CH_TEXT, false},
    {"title_en", CH_TEXT, false},      {"summary_sv", CH_TEXT, false},
    {"summary_en", CH_TEXT, false},    {"origin", CH_TEXT, false},
    {"status", CH_TEXT, false},        {"lead_actor_id", CH_OPT_ID, false},
    {"start_date", CH_OPT, false},     {"end_date", CH_OPT, false},
    {"budget_sek", CH_OPT_INT, false}, {"funding", CH_TEXT, false},
    {"hypotheses_sv", CH_TEXT, false}, {"hypotheses_en", CH_TEXT, false},
    {"learnings_sv", CH_TEXT, false},  {"learnings_en", CH_TEXT, false},
};
#define N_INITIATIVE_FIELDS ((int)(sizeof(initiative_fields) / sizeof(initiative_fields[0])))

static void
initiative_values(const struct initiative_new *in, struct change_val *v)
{
    v[0] = change_text(in->slug);
    v[1] = change_text(in->title_sv);
    v[2] = change_text(in->title_en);
    v[3] = change_text(in->summary_sv);
    v[4] = change_text(in->summary_en);
    v[5] = change_text(in->origin);
    v[6] = change_text(in->status);
    v[7] = change_opt_id(in->lead_actor_id);
    v[8] = change_opt(in->start_date);
    v[9] = change_opt(in->end_date);
    v[10] = change_opt_int(in->has_budget, in->budget_sek);
    v[11] = change_text(in->funding);
    v[12] = change_text(in->hypotheses_sv);
    v[13] = change_text(in->hypotheses_en);
    v[14] = change_text(in->learnings_sv);
    v[15] = change_text(in->learnings_en);
}

static int
cmp_part(const void *x, const void *y)
{
    int64_t a = ((const struct initiative_part *)x)->actor_id;
    int64_t b = ((const struct initiative_part *)y)->actor_id;

    return (a > b) - (a < b);
}

static void
parts_json(struct json *j, const struct initiative_part *p, int n)
{
    int i;

    json_arr_open(j);
    for (i = 0; i < n; i++) {
        json_obj_open(j);
        json_kint(j, "actor_id", p[i].actor_id);
        json_kstr(j, "role", p[i].role);
        json_obj_close(j);
    }
    json_arr_close(j);
}

/*
 * Record the participants in c when the set of (actor, role) pairs differs from the stored
 * one (before: by actor id; NULL with is_create). Returns whether it recorded.
 */
static bool
change_parts(struct change_set *c, struct arena *a, const struct initiative_part *before, int nb,
             const struct initiative_part *after, int na, bool is_create)
{
    struct initiative_part *sorted;
    bool same = !is_create && nb == na;
    int i;

    if (is_create && na == 0)
        return false;
    sorted = arena_alloc(a, (size_t)(na > 0 ? na : 1) * sizeof(*sorted));
    if (na > 0)
        memcpy(sorted, after, (size_t)na * sizeof(*sorted));
    qsort(sorted, (size_t)na, sizeof(*sorted), cmp_part);
    for (i = 0; same && i < na; i++)
        same =
            before[i].actor_id == sorted[i].actor_id && strcmp(before[i].role, sorted[i].role) == 0;
    if (same)
        return false;
    change_open(c, "parts");
    if (is_create)
        json_nil(&c->j);
    else
        parts_json(&c->j, before, nb);
    parts_json(&c->j, sorted, na);
    change_close(c);
    return true;
}

static void
part_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative_part *p = item;

    p->actor_id = db_i64(st, 0);
    p->role = ld_str(st, 1, a);
}

/* Replace the participants, objectives and SDG targets of initiative id where their sets
 * differ from in's, recording each in c. */
static enum err
initiative_replace_links(struct db *db, struct arena *a, int64_t id,
                         const struct initiative_new *in, struct change_set *c)
{
    struct initiative_part *parts;
    int64_t *objectives;
    const char **targets;
    int n_parts, n_objectives, n_targets;
    enum err rc;

    rc = ld_rows_id(db, Q_INITIATIVE_PARTS, id, a, sizeof(*parts), part_row, &parts, &n_parts);
    if (rc == ERR_OK && change_parts(c, a, parts, n_parts, in->parts, in->n_parts, false)) {
        rc = write_clear(db, Q_INITIATIVE_ACTORS_CLEAR, id);
        if (rc == ERR_OK)
            rc = initiative_add_parts(db, in, id);
    }
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_OBJECTIVES, id, a, sizeof(*objectives), ld_i64_row,
                        &objectives, &n_objectives);
    if (rc == ERR_OK && change_ids(c, "objective_ids", objectives, n_objectives, in->objective_ids,
                                   in->n_objectives, false)) {
        rc = write_clear(db, Q_INITIATIVE_OBJECTIVES_CLEAR, id);
        if (rc == ERR_OK)
            rc = initiative_add_objectives(db, in, id);
    }
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_SDG_TARGET_CODES, id, a, sizeof(*targets), ld_str_row,
                        &targets, &n_targets);
    if (rc == ERR_OK && change_texts(c, "sdg_targets", targets, n_targets, in->sdg_targets,
                                     in->n_sdg_targets, false, false)) {
        rc = write_clear(db, Q_INITIATIVE_SDG_TARGETS_CLEAR, id);
        if (rc == ERR_OK)
            rc = write_link_texts(db, Q_INITIATIVE_SDG_TARGET_ADD, id, in->sdg_targets,
                                  in->n_sdg_targets);
    }
    return rc;
}

enum err
initiative_create(struct db *db, const struct initiative_new *in, const char *who, int64_t *out_id,
                  struct write_error *err)
{
    struct db_stmt *st;
    enum err rc;

    struct change_val v[N_INITIATIVE_FIELDS];
    struct change_set c;
    struct arena a;
    int64_t now = (int64_t)time(NULL);

    rc = initiative_check(db, in, 0, 0, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INITIATIVE_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_text(st, 2, in->slug);
    db_bind_text(st, 3, in->title_sv);
    write_bind_str(st, 4, in->title_en);
    write_bind_str(st, 5, in->summary_sv);
    write_bind_str(st, 6, in->summary_en);
    db_bind_text(st, 7, in->origin);
    db_bind_text(st, 8, in->status);
    write_bind_id(st, 9, in->lead_actor_id);
    write_bind_opt(st, 10, in->start_date);
    write_bind_opt(st, 11, in->end_date);
    if (in->has_budget)
        db_bind_i64(st, 12, in->budget_sek);
    else
        db_bind_null(st, 12);
    write_bind_str(st, 13, in->funding);
    write_bind_str(st, 14, in->hypotheses_sv);
    write_bind_str(st, 15, in->hypotheses_en);
    write_bind_str(st, 16, in->learnings_sv);
    write_bind_str(st, 17, in->learnings_en);
    db_bind_i64(st, 18, in->is_demo);
    db_bind_i64(st, 19, now);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = initiative_add_parts(db, in, *out_id);
    if (rc == ERR_OK)
        rc = initiative_add_objectives(db, in, *out_id);
    if (rc == ERR_OK)
        rc = write_link_texts(db, Q_INITIATIVE_SDG_TARGET_ADD, *out_id, in->sdg_targets,
                              in->n_sdg_targets);
    if (rc)
        return rc;
    arena_init(&a);
    change_init(&c);
    initiative_values(in, v);
    change_created(&c, initiative_fields, N_INITIATIVE_FIELDS, v);
    change_parts(&c, &a, NULL, 0, in->parts, in->n_parts, true);
    change_ids(&c, "objective_ids", NULL, 0, in->objective_ids, in->n_objectives, true);
    change_texts(&c, "sdg_targets", NULL, 0, in->sdg_targets, in->n_sdg_targets, false, true);
    rc = write_log(db, &c, now, who, "create", "initiative", *out_id, in->mission_id, NULL);
    change_free(&c);
    arena_free(&a);
    return rc;
}

/* ------------------------------------------------------------ update and archive */

enum err
initiative_update(struct db *db, int64_t id, const struct initiative_new *in, const char *who,
                  int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_INITIATIVE_FIELDS], after[N_INITIATIVE_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    int64_t mission = 0;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = write_stored(db, Q_INITIATIVE_STORED, id, &a, initiative_fields, N_INITIATIVE_FIELDS,
                      before);
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_INITIATIVE_MISSION);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            rc = ld_count(st, &mission);
        }
    }
    if (rc == ERR_OK)
        rc = initiative_check(db, in, id, mission, err);
    if (rc == ERR_OK) {
        initiative_values(in, after);
        if (change_diff(&c, initiative_fields, N_INITIATIVE_FIELDS, before, after) > 0)
            rc = write_update_row(db, Q_INITIATIVE_UPDATE, id, initiative_fields,
                                  N_INITIATIVE_FIELDS, after);
    }
    if (rc == ERR_OK)
        rc = initiative_replace_links(db, &a, id, in, &c);
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "initiative", id, mission, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

enum err
initiative_archive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_INITIATIVE_ARCHIVE_STATE, Q_INITIATIVE_SET_ARCHIVED, "initiative",
                         id, who, now, true);
}

enum err
initiative_unarchive(struct db *db, int64_t id, const char *who, int64_t now)
{
    return write_archive(db, Q_INITIATIVE_ARCHIVE_STATE, Q_INITIATIVE_SET_ARCHIVED, "initiative",
                         id, who, now, false);
}

bool
initiative_past_end(const char *status, const char *end_date, int64_t now)
{
    time_t t = (time_t)now;
    struct tm tm;
    char today[11];

    if (status == NULL || end_date == NULL || strlen(end_date) != 10 ||
        (strcmp(status, "accepted") != 0 && strcmp(status, "running") != 0))
        return false;
    if (gmtime_r(&t, &tm) == NULL || strftime(today, sizeof(today), "%Y-%m-%d", &tm) != 10)
        return false;
    /* YYYY-MM-DD compares as text in date order */
    return strcmp(end_date, today) < 0;
}
