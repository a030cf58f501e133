/*
 * progress_log.c — indicators' assessed progress kept over time (see progress_log.h).
 */
#include "domain/progress_log.h"

#include <string.h>

#include "domain/indicator.h"
#include "domain/load.h"

/* An assessment as the record keeps it. */
struct assessed {
    enum progress_status status;
    bool has_score;
    double score;
};

static void
assessed_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct assessed *r = item;

    (void)a;
    /* a name no longer known (a later version's) reads as none, and is replaced */
    if (!progress_status_parse(db_text(st, 0), &r->status))
        r->status = PS_NOT_AVAILABLE;
    r->has_score = !db_null(st, 1);
    r->score = r->has_score ? db_dbl(st, 1) : 0;
}

/* The record of the indicator: ERR_NOTFOUND when there is none. */
static enum err
record_get(struct db *db, int64_t indicator_id, struct assessed *out)
{
    struct arena a;
    enum err rc;

    arena_init(&a);
    rc = ld_one_id(db, Q_ASSESSED_GET, indicator_id, &a, assessed_row, out);
    arena_free(&a);
    return rc;
}

static void
bind_score(struct db_stmt *st, int i, const struct assessed *r)
{
    if (r->has_score)
        db_bind_dbl(st, i, r->score);
    else
        db_bind_null(st, i);
}

static enum err
record_put(struct db *db, int64_t indicator_id, const struct assessed *r, int64_t now)
{
    struct db_stmt *st = db_stmt(db, Q_ASSESSED_PUT);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    db_bind_text(st, 2, progress_status_name(r->status));
    bind_score(st, 3, r);
    db_bind_i64(st, 4, now);
    return db_run(st);
}

/* The indicator's assessment now, from the data as the transaction sees it (ip when the
 * caller has it). ERR_NOTFOUND when there is no such indicator. */
static enum err
assess_now(struct db *db, int64_t indicator_id, const struct indicator_progress *ip,
           struct assessed *out)
{
    struct indicator_progress mine;
    struct indicator ind;
    struct arena a;
    enum err rc = ERR_OK;

    arena_init(&a);
    if (ip == NULL) {
        rc = indicator_get(db, &a, indicator_id, &ind);
        if (rc == ERR_OK)
            rc = indicator_progress_load(db, &a, &ind, &mine);
        ip = &mine;
    }
    if (rc == ERR_OK) {
        out->status = ip->status;
        out->has_score = ip->has_score;
        out->score = ip->has_score ? ip->score : 0;
    }
    arena_free(&a);
    return rc;
}

enum err
progress_log_before(struct db *db, int64_t indicator_id, int64_t now)
{
    struct assessed r;
    enum err rc = record_get(db, indicator_id, &r);

    if (rc != ERR_NOTFOUND)
        return rc;
    rc = assess_now(db, indicator_id, NULL, &r);
    if (rc == ERR_NOTFOUND)
        return ERR_OK;
    return rc ? rc : record_put(db, indicator_id, &r, now);
}

enum err
progress_log_after(struct db *db, int64_t indicator_id, const struct indicator_progress *ip,
                   int64_t now, bool *out_changed)
{
    struct assessed was, is;
    struct db_stmt *st;
    enum err rc;
    bool known;

    if (out_changed != NULL)
        *out_changed = false;
    rc = assess_now(db, indicator_id, ip, &is);
    if (rc == ERR_NOTFOUND)
        return ERR_OK;
    if (rc == ERR_OK)
        rc = record_get(db, indicator_id, &was);
    known = rc == ERR_OK;
    if (rc && rc != ERR_NOTFOUND)
        return rc;
    /* without a record (no progress_log_before) there is nothing to compare with: the
     * record starts here */
    if (known && was.status != is.status) {
        st = db_stmt(db, Q_PROGRESS_CHANGE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, indicator_id);
        db_bind_i64(st, 2, now);
        db_bind_text(st, 3, progress_status_name(was.status));
        db_bind_text(st, 4, progress_status_name(is.status));
        bind_score(st, 5, &was);
        bind_score(st, 6, &is);
        rc = db_run(st);
        if (rc)
            return rc;
        if (out_changed != NULL)
            *out_changed = true;
    }
    /* the same assessment is not written again: a write that moves nothing writes nothing */
    if (known && was.status == is.status && was.has_score == is.has_score &&
        (!is.has_score || was.score == is.score))
        return ERR_OK;
    return record_put(db, indicator_id, &is, now);
}

enum err
progress_log_forget(struct db *db, int64_t indicator_id)
{
    struct db_stmt *st = db_stmt(db, Q_ASSESSED_FORGET);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    return db_run(st);
}

/* Every live indicator of the mission, with f. */
static enum err
each_indicator(struct db *db, int64_t mission_id, int64_t now,
               enum err (*f)(struct db *, int64_t, int64_t))
{
    struct arena a;
    int64_t *ids;
    enum err rc;
    int i, n;

    arena_init(&a);
    rc = ld_rows_id(db, Q_ASSESSED_MISSION_INDICATORS, mission_id, &a, sizeof(*ids), ld_i64_row,
                    &ids, &n);
    for (i = 0; rc == ERR_OK && i < n; i++)
        rc = f(db, ids[i], now);
    arena_free(&a);
    return rc;
}

static enum err
after_one(struct db *db, int64_t indicator_id, int64_t now)
{
    return progress_log_after(db, indicator_id, NULL, now, NULL);
}

enum err
progress_log_mission_before(struct db *db, int64_t mission_id, int64_t now)
{
    return each_indicator(db, mission_id, now, progress_log_before);
}

enum err
progress_log_mission_after(struct db *db, int64_t mission_id, int64_t now)
{
    return each_indicator(db, mission_id, now, after_one);
}
