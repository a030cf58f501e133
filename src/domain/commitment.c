/*
 * commitment.c — actors' commitments to a mission, their status steps and the commitment
 * gap of the mission's indicators (see commitment.h). Strings live in the caller's arena.
 */
#include "domain/commitment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/mission.h"
#include "domain/progress.h"

static void
commitment_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct commitment *c = item;

    memset(c, 0, sizeof(*c));
    c->id = db_i64(st, 0);
    c->mission_id = db_i64(st, 1);
    c->mission_slug = ld_str(st, 2, a);
    c->mission_title_sv = ld_str(st, 3, a);
    c->mission_title_en = ld_str(st, 4, a);
    c->actor_id = db_i64(st, 5);
    c->actor_slug = ld_str(st, 6, a);
    c->actor_name = ld_str(st, 7, a);
    c->actor_sector = ld_str(st, 8, a);
    c->statement_sv = ld_str(st, 9, a);
    c->statement_en = ld_str(st, 10, a);
    c->indicator_id = db_i64(st, 11);
    c->indicator_title_sv = ld_text(st, 12, a);
    c->indicator_title_en = ld_text(st, 13, a);
    c->unit_sv = ld_text(st, 14, a);
    c->unit_en = ld_text(st, 15, a);
    c->decimals = (int)db_i64(st, 16);
    c->has_amount = !db_null(st, 17);
    c->amount = c->has_amount ? db_dbl(st, 17) : 0;
    c->by_date = ld_text(st, 18, a);
    c->evidence_url = ld_text(st, 19, a);
    c->status = ld_str(st, 20, a);
    c->created_at = db_i64(st, 21);
    c->updated_at = db_i64(st, 22);
    c->is_demo = db_i64(st, 23) != 0;
}

enum err
commitment_list(struct db *db, struct arena *a, int64_t mission_id, const char *status,
                const struct page *pg, struct commitment **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st = db_stmt(db, Q_COMMITMENT_COUNT);
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, status != NULL ? status : "");
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_COMMITMENT_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, status != NULL ? status : "");
    db_bind_i64(st, 3, pg->limit);
    db_bind_i64(st, 4, pg->offset);
    return ld_rows(st, a, sizeof(**out), commitment_row, out, out_n);
}

static enum err
limited(struct db *db, enum q q, int64_t id, int limit, struct arena *a, struct commitment **out,
        int *out_n)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, limit);
    return ld_rows(st, a, sizeof(**out), commitment_row, out, out_n);
}

enum err
commitment_by_actor(struct db *db, struct arena *a, int64_t actor_id, int limit,
                    struct commitment **out, int *out_n)
{
    return limited(db, Q_COMMITMENT_BY_ACTOR, actor_id, limit, a, out, out_n);
}

enum err
commitment_by_indicator(struct db *db, struct arena *a, int64_t indicator_id, int limit,
                        struct commitment **out, int *out_n)
{
    return limited(db, Q_COMMITMENT_BY_INDICATOR, indicator_id, limit, a, out, out_n);
}

static void
step_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct commitment_step *s = item;

    s->id = db_i64(st, 0);
    s->at = db_i64(st, 1);
    s->status = ld_str(st, 2, a);
    s->note = ld_str(st, 3, a);
    s->by = ld_text(st, 4, a);
}

enum err
commitment_get(struct db *db, struct arena *a, int64_t id, struct commitment *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_COMMITMENT_GET, id, a, commitment_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_COMMITMENT_STEPS, id, a, sizeof(*out->steps), step_row, &out->steps,
                        &out->n_steps);
    return rc;
}

static void
committer_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct committer *c = item;

    c->sector = ld_str(st, 0, a);
    c->actor_id = db_i64(st, 1);
    c->actor_slug = ld_str(st, 2, a);
    c->actor_name = ld_str(st, 3, a);
    c->n = (int)db_i64(st, 4);
}

enum err
commitment_committers(struct db *db, struct arena *a, int64_t mission_id, int limit,
                      struct committer **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_COMMITMENT_COMMITTERS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    db_bind_i64(st, 2, limit);
    return ld_rows(st, a, sizeof(**out), committer_row, out, out_n);
}

/* ------------------------------------------------------------ the gap */

enum commitment_state
commitment_state_of(const char *status)
{
    static const char *const names[CS__MAX] = {"pledged", "confirmed", "in_progress", "delivered",
                                               "withdrawn"};
    int i;

    for (i = 0; status != NULL && i < CS__MAX; i++)
        if (strcmp(status, names[i]) == 0)
            return (enum commitment_state)i;
    return CS__MAX;
}

void
commitment_indicator_gap(const struct indicator *ind, const struct contribution *c, int n,
                         struct commitment_gap *out)
{
    struct progress_config cfg;
    bool has_target;
    double target;

    indicator_progress_config(ind, &cfg);
    has_target = cfg.has_target;
    target = cfg.target;
    /* a target relative to the base value is a value once the base is known */
    if (has_target && cfg.target_relative) {
        has_target = ind->has_base;
        target = ind->base_value * (1 + cfg.target_change / 100);
    }
    commitment_gap(ind->has_latest, ind->latest_value, has_target, target, cfg.direction, c, n,
                   out);
}

struct contribution_row {
    int64_t indicator_id;
    struct contribution c;
};

static void
contribution_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct contribution_row *r = item;

    (void)a;
    r->indicator_id = db_i64(st, 0);
    r->c.amount = db_dbl(st, 1);
    r->c.state = commitment_state_of((const char *)db_text(st, 2));
}

enum err
commitment_gaps(struct db *db, struct arena *a, int64_t mission_id, const struct indicator *inds,
                int n, struct commitment_gap *out)
{
    struct contribution_row *rows;
    struct contribution *c;
    struct db_stmt *st;
    int n_rows, i, k, m;
    enum err rc;

    st = db_stmt(db, Q_COMMITMENT_CONTRIBUTIONS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    rc = ld_rows(st, a, sizeof(*rows), contribution_row, &rows, &n_rows);
    if (rc)
        return rc;
    c = arena_alloc(a, (size_t)(n_rows > 0 ? n_rows : 1) * sizeof(*c));
    for (i = 0; i < n; i++) {
        /* the rows are by indicator: a linear pass per indicator is n x rows at worst, and
         * a mission has tens of indicators */
        for (k = 0, m = 0; k < n_rows; k++)
            if (rows[k].indicator_id == inds[i].id && rows[k].c.state != CS__MAX)
                c[m++] = rows[k].c;
        commitment_indicator_gap(&inds[i], c, m, &out[i]);
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ writes */

static const struct change_field commitment_fields[] = {
    {"statement_sv", CH_TEXT, false},   {"statement_en", CH_TEXT, false},
    {"indicator_id", CH_OPT_ID, false}, {"amount", CH_OPT_DBL, false},
    {"by_date", CH_OPT, false},         {"evidence_url", CH_OPT, false},
};
#define N_COMMITMENT_FIELDS ((int)(sizeof(commitment_fields) / sizeof(commitment_fields[0])))

static void
commitment_values(const struct commitment_new *in, struct change_val *v)
{
    v[0] = change_text(in->statement_sv);
    v[1] = change_text(in->statement_en);
    v[2] = change_opt_id(in->indicator_id);
    v[3] = change_opt_dbl(in->has_amount, in->amount);
    v[4] = change_opt(in->by_date);
    v[5] = change_opt(in->evidence_url);
}

/* The checks of a create and an update (mission: the commitment's mission). */
static enum err
commitment_check(struct db *db, const struct commitment_new *in, int64_t mission,
                 struct write_error *e)
{
    struct db_stmt *st;
    int64_t of = 0;
    enum err rc;
    bool row;

    if (write_text(e, "statement_sv", in->statement_sv, WRITE_MAX_TEXT, true, true) ||
        write_text(e, "statement_en", in->statement_en, WRITE_MAX_TEXT, false, true))
        return ERR_INVALID;
    if (in->indicator_id != 0) {
        st = db_stmt(db, Q_INDICATOR_EXISTS);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, in->indicator_id);
        rc = db_step(st, &row);
        if (rc == ERR_OK && row)
            of = db_i64(st, 0);
        db_done(st);
        if (rc)
            return rc;
        if (of != mission)
            return write_refuse(e, "indicator_id", "is not an indicator of the mission");
        if (!in->has_amount)
            return write_refuse(e, "amount",
                                "is required with an indicator: the contribution in its unit");
    } else if (in->has_amount) {
        return write_refuse(e, "indicator_id",
                            "is required with an amount: the indicator it contributes to");
    }
    if (in->has_amount && !write_in_range(in->amount, 0, WRITE_MAX_MONEY))
        return write_refuse(e, "amount", "must be a number from 0 to 1e15");
    if (write_date(e, "by_date", in->by_date) || write_url(e, "evidence_url", in->evidence_url))
        return ERR_INVALID;
    return ERR_OK;
}

static enum err
step_add(struct db *db, int64_t id, int64_t now, int64_t user_id, const char *status,
         const char *note)
{
    struct db_stmt *st = db_stmt(db, Q_COMMITMENT_STEP_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    db_bind_i64(st, 2, now);
    write_bind_id(st, 3, user_id);
    db_bind_text(st, 4, status);
    write_bind_str(st, 5, note);
    return db_run(st);
}

enum err
commitment_create(struct db *db, const struct commitment_new *in, const char *who, int64_t *out_id,
                  struct write_error *err)
{
    struct change_val v[N_COMMITMENT_FIELDS];
    struct change_set c;
    struct db_stmt *st;
    int64_t now = (int64_t)time(NULL);
    const char *status = in->status != NULL ? in->status : "pledged";
    enum err rc;

    rc = write_ref_id(db, err, "mission_id", Q_PROPOSAL_MISSION_LIVE, in->mission_id, true,
                      "no live mission has this id");
    if (rc == ERR_OK)
        rc = write_ref_id(db, err, "actor_id", Q_COMMITMENT_ACTOR_LIVE, in->actor_id, true,
                          "no live actor has this id");
    if (rc == ERR_OK && write_code(err, "status", &code_commitment_status, status))
        rc = ERR_INVALID;
    if (rc == ERR_OK && !in->is_demo && strcmp(status, "pledged") != 0)
        rc = write_refuse(err, "status",
                          "is pledged when made: a coordinator confirms it afterwards");
    if (rc == ERR_OK)
        rc = commitment_check(db, in, in->mission_id, err);
    if (rc)
        return rc;
    st = db_stmt(db, Q_COMMITMENT_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, in->mission_id);
    db_bind_i64(st, 2, in->actor_id);
    db_bind_text(st, 3, in->statement_sv);
    write_bind_str(st, 4, in->statement_en);
    write_bind_id(st, 5, in->indicator_id);
    if (in->has_amount)
        db_bind_dbl(st, 6, in->amount);
    else
        db_bind_null(st, 6);
    write_bind_opt(st, 7, in->by_date);
    write_bind_opt(st, 8, in->evidence_url);
    db_bind_text(st, 9, status);
    write_bind_id(st, 10, in->user_id);
    db_bind_i64(st, 11, now);
    db_bind_i64(st, 12, in->is_demo);
    rc = write_insert_id(st, out_id);
    if (rc == ERR_OK)
        rc = step_add(db, *out_id, now, in->user_id, status, "");
    if (rc)
        return rc;
    change_init(&c);
    commitment_values(in, v);
    change_created(&c, commitment_fields, N_COMMITMENT_FIELDS, v);
    change_open(&c, "actor_id");
    json_nil(&c.j);
    json_int(&c.j, in->actor_id);
    change_close(&c);
    change_open(&c, "status");
    json_nil(&c.j);
    json_str(&c.j, status);
    change_close(&c);
    rc = write_log(db, &c, now, who, "create", "commitment", *out_id, in->mission_id, NULL);
    change_free(&c);
    return rc;
}

enum err
commitment_state(struct db *db, struct arena *a, int64_t id, const char **status,
                 int64_t *mission_id, int64_t *actor_id)
{
    struct db_stmt *st = db_stmt(db, Q_COMMITMENT_STATE);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK) {
        *status = ld_str(st, 0, a);
        *mission_id = db_i64(st, 1);
        *actor_id = db_i64(st, 2);
    }
    db_done(st);
    return rc;
}

static bool
closed(const char *status)
{
    return strcmp(status, "delivered") == 0 || strcmp(status, "withdrawn") == 0;
}

enum err
commitment_update(struct db *db, int64_t id, const struct commitment_new *in, const char *who,
                  int64_t now, bool *out_changed, struct write_error *err)
{
    struct change_val before[N_COMMITMENT_FIELDS], after[N_COMMITMENT_FIELDS];
    int64_t mission = 0, actor = 0;
    const char *status = NULL;
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    enum err rc;

    if (out_changed != NULL)
        *out_changed = false;
    arena_init(&a);
    change_init(&c);
    rc = commitment_state(db, &a, id, &status, &mission, &actor);
    if (rc == ERR_OK)
        rc = write_stored(db, Q_COMMITMENT_STORED, id, &a, commitment_fields, N_COMMITMENT_FIELDS,
                          before);
    if (rc == ERR_OK && in->mission_id != 0 && in->mission_id != mission)
        rc = write_refuse(err, "mission_id", "is the mission committed to and cannot change");
    if (rc == ERR_OK && in->actor_id != 0 && in->actor_id != actor)
        rc = write_refuse(err, "actor_id", "is the actor that committed and cannot change");
    if (rc == ERR_OK && in->status != NULL && strcmp(in->status, status) != 0)
        rc = write_refuse(err, "status", "changes by a status step, not by an edit");
    if (rc == ERR_OK && closed(status))
        rc = write_refuse(err, "status", "is delivered or withdrawn: the commitment is closed");
    if (rc == ERR_OK)
        rc = commitment_check(db, in, mission, err);
    if (rc == ERR_OK) {
        commitment_values(in, after);
        if (change_diff(&c, commitment_fields, N_COMMITMENT_FIELDS, before, after) > 0) {
            rc = write_update_row(db, Q_COMMITMENT_UPDATE, id, commitment_fields,
                                  N_COMMITMENT_FIELDS, after);
            st = rc == ERR_OK ? db_stmt(db, Q_COMMITMENT_TOUCH) : NULL;
            if (rc == ERR_OK && st == NULL)
                rc = ERR_DB;
            if (rc == ERR_OK) {
                db_bind_i64(st, 1, id);
                db_bind_i64(st, 2, now);
                rc = db_run(st);
            }
        }
    }
    if (rc == ERR_OK)
        rc = write_log(db, &c, now, who, "update", "commitment", id, mission, out_changed);
    change_free(&c);
    arena_free(&a);
    return rc;
}

bool
commitment_move_allowed(const char *from, const char *to)
{
    enum commitment_state f = commitment_state_of(from), t = commitment_state_of(to);

    if (f == CS__MAX || t == CS__MAX || f == t)
        return false;
    switch (f) {
    case CS_PLEDGED:
        return t == CS_CONFIRMED || t == CS_WITHDRAWN;
    case CS_CONFIRMED:
        return t == CS_IN_PROGRESS || t == CS_DELIVERED || t == CS_WITHDRAWN;
    case CS_IN_PROGRESS:
        return t == CS_DELIVERED || t == CS_WITHDRAWN;
    default:
        return false;
    }
}

enum err
commitment_move(struct db *db, int64_t id, const char *to, const char *note, int64_t user_id,
                const char *who, int64_t now, struct write_error *err)
{
    int64_t mission = 0, actor = 0;
    const char *from = NULL;
    struct change_set c;
    struct db_stmt *st;
    struct arena a;
    enum err rc;

    arena_init(&a);
    rc = commitment_state(db, &a, id, &from, &mission, &actor);
    if (rc == ERR_OK && write_code(err, "status", &code_commitment_status, to))
        rc = ERR_INVALID;
    if (rc == ERR_OK && !commitment_move_allowed(from, to))
        rc = write_refuse(err, "status", "is not a move this commitment can make from its status");
    if (rc == ERR_OK && write_text(err, "note", note, WRITE_MAX_TEXT, false, true))
        rc = ERR_INVALID;
    if (rc == ERR_OK) {
        st = db_stmt(db, Q_COMMITMENT_SET_STATUS);
        if (st == NULL) {
            rc = ERR_DB;
        } else {
            db_bind_i64(st, 1, id);
            db_bind_text(st, 2, to);
            db_bind_i64(st, 3, now);
            rc = db_run(st);
        }
    }
    if (rc == ERR_OK)
        rc = step_add(db, id, now, user_id, to, note);
    if (rc == ERR_OK) {
        change_init(&c);
        change_open(&c, "status");
        json_str(&c.j, from);
        json_str(&c.j, to);
        change_close(&c);
        rc = write_log(db, &c, now, who, "status", "commitment", id, mission, NULL);
        change_free(&c);
    }
    arena_free(&a);
    return rc;
}

enum err
commitment_save(struct db *db, int64_t id, const struct commitment_new *in, const char *who,
                int64_t now, int64_t *out_id, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    *out_id = id;
    if (id == 0)
        rc = commitment_create(db, in, who, out_id, err);
    else
        rc = commitment_update(db, id, in, who, now, NULL, err);
    return mission_counts_commit(db, rc);
}

enum err
commitment_save_move(struct db *db, int64_t id, const char *to, const char *note, int64_t user_id,
                     const char *who, int64_t now, struct write_error *err)
{
    enum err rc = db_begin(db);

    if (rc)
        return rc;
    return mission_counts_commit(db, commitment_move(db, id, to, note, user_id, who, now, err));
}
