/*
 * db.c — the dispatcher: db_open finds the backend that claims a URL (backends.c), and
 * every other call goes through the connection's ops table (backend.h).
 */
#include "db/db.h"

#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/str.h"
#include "db/backend.h"

enum err
db_open(const char *url, const struct db_opts *opts, struct db **out)
{
    static const struct db_opts defaults;
    const struct db_backend *const *b;

    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    if (url == NULL || *url == '\0') {
        log_msg(LOG_ERROR, "msg=\"no database given\"");
        return ERR_INVALID;
    }
    for (b = db_backends; *b != NULL; b++)
        if ((*b)->claims(url))
            return (*b)->open(url, opts, out);
    log_msg(LOG_ERROR, "msg=\"unknown database URL scheme\"");
    return ERR_INVALID;
}

void
db_close(struct db *db)
{
    if (db != NULL)
        db->ops->close(db);
}

enum db_kind
db_kind(const struct db *db)
{
    return db->kind;
}

struct db_stmt *
db_stmt(struct db *db, enum q q)
{
    return db->ops->stmt(db, q);
}

enum err
db_prepare_all(struct db *db, enum q *out_failed)
{
    int q;
    struct db_stmt *st;

    for (q = 0; q < Q__MAX; q++) {
        st = db_stmt(db, (enum q)q);
        if (st == NULL) {
            if (out_failed != NULL)
                *out_failed = (enum q)q;
            return ERR_DB;
        }
        db_done(st);
    }
    if (db->ops->plan_all != NULL)
        db->ops->plan_all(db);
    return ERR_OK;
}

void
db_bind_i64(struct db_stmt *st, int i, int64_t v)
{
    st->db->ops->bind_i64(st, i, v);
}

void
db_bind_dbl(struct db_stmt *st, int i, double v)
{
    st->db->ops->bind_dbl(st, i, v);
}

void
db_bind_text(struct db_stmt *st, int i, const char *s)
{
    if (s == NULL)
        st->db->ops->bind_null(st, i);
    else
        st->db->ops->bind_text(st, i, s);
}

void
db_bind_text_ref(struct db_stmt *st, int i, const char *s)
{
    if (s == NULL)
        st->db->ops->bind_null(st, i);
    else if (st->db->ops->bind_text_ref != NULL)
        st->db->ops->bind_text_ref(st, i, s);
    else
        st->db->ops->bind_text(st, i, s);
}

void
db_bind_null(struct db_stmt *st, int i)
{
    st->db->ops->bind_null(st, i);
}

enum err
db_step(struct db_stmt *st, bool *out_row)
{
    return st->db->ops->step(st, out_row);
}

enum err
db_run(struct db_stmt *st)
{
    enum err rc;
    bool row;

    if (st->db->ops->run != NULL)
        return st->db->ops->run(st);
    do {
        rc = db_step(st, &row);
    } while (rc == ERR_OK && row);
    db_done(st);
    return rc;
}

bool
db_null(struct db_stmt *st, int col)
{
    return st->db->ops->is_null(st, col);
}

int64_t
db_i64(struct db_stmt *st, int col)
{
    return st->db->ops->col_i64(st, col);
}

double
db_dbl(struct db_stmt *st, int col)
{
    return st->db->ops->col_dbl(st, col);
}

const char *
db_text(struct db_stmt *st, int col)
{
    return st->db->ops->col_text(st, col, NULL);
}

const char *
db_textn(struct db_stmt *st, int col, size_t *len)
{
    return st->db->ops->col_text(st, col, len);
}

enum db_type
db_type(struct db_stmt *st, int col)
{
    return st->db->ops->col_type(st, col);
}

int
db_columns(struct db_stmt *st)
{
    return st->db->ops->columns(st);
}

char *
db_text_dup(struct db_stmt *st, int col, struct arena *a)
{
    size_t n;
    const char *t = db_textn(st, col, &n);

    return t == NULL ? NULL : arena_strndup(a, t, n);
}

void
db_done(struct db_stmt *st)
{
    st->db->ops->done(st);
}

enum err
db_begin(struct db *db)
{
    enum err rc;

    rc = db->ops->begin(db);
    if (rc == ERR_OK)
        db->in_tx = true;
    return rc;
}

enum err
db_commit(struct db *db)
{
    enum err rc;

    rc = db->ops->commit(db);
    if (rc == ERR_OK)
        db->in_tx = false;
    return rc;
}

void
db_rollback(struct db *db)
{
    if (db->in_tx)
        db->ops->rollback(db);
    db->in_tx = false;
}

enum err
db_bulk_sync(struct db *db)
{
    return db->ops->bulk_sync != NULL ? db->ops->bulk_sync(db) : ERR_OK;
}

long
db_bulk_failed_at(struct db *db)
{
    return db->ops->bulk_failed_at != NULL ? db->ops->bulk_failed_at(db) : -1;
}

void
db_optimize(struct db *db)
{
    if (db->ops->optimize != NULL)
        db->ops->optimize(db);
}

bool
db_unavailable(struct db *db)
{
    return db != NULL && db->ops->unavailable != NULL && db->ops->unavailable(db);
}

enum err
db_read_begin(struct db *db)
{
    return db->ops->read_begin != NULL ? db->ops->read_begin(db) : ERR_OK;
}

void
db_read_end(struct db *db)
{
    if (db->ops->read_end != NULL)
        db->ops->read_end(db);
}

enum err
db_snapshot_begin(struct db *db)
{
    return db->ops->snapshot_begin != NULL ? db->ops->snapshot_begin(db) : db_read_begin(db);
}

void
db_snapshot_end(struct db *db)
{
    if (db->ops->snapshot_end != NULL)
        db->ops->snapshot_end(db);
    else
        db_read_end(db);
}

void
db_bulk(struct db *db, bool on)
{
    if (db->ops->bulk != NULL)
        db->ops->bulk(db, on);
}

uint64_t
db_data_version(struct db *db)
{
    return db->ops->data_version(db);
}

void
db_wait_change(struct db *db, int timeout_ms)
{
    struct timespec ts = {0, 1000000L};

    if (db != NULL && db->ops->wait_change != NULL) {
        db->ops->wait_change(db, timeout_ms);
        return;
    }
    nanosleep(&ts, NULL);
}

enum err
db_exec_script(struct db *db, const char *sql)
{
    return db->ops->exec_script(db, sql);
}
