/*
 * sqlite.c — the SQLite backend (see db.h).
 *
 * Each connection: WAL, synchronous=FULL (NORMAL only when configured, with the
 * RPO documented in docs/deployment.md), foreign keys on, trusted_schema off,
 * defensive mode, a busy timeout, a bounded WAL. Statements are prepared once,
 * on first use, with SQLITE_PREPARE_PERSISTENT, and kept until close.
 * Writes start with BEGIN IMMEDIATE so a busy writer waits (busy timeout)
 * instead of failing later with SQLITE_BUSY_SNAPSHOT.
 *
 * Never: build SQL from runtime strings; run sqlite3_exec (migrate.c only, via
 * exec_script).
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "db/backend.h"

struct sq_stmt {
    struct db_stmt base;
    sqlite3_stmt *st;
};

struct sq_db {
    struct db base;
    sqlite3 *h;
    struct sq_stmt stmts[Q__MAX];
    struct sq_stmt begin, commit, rollback, dv, rbegin;
    bool watch; /* db_opts.watch: the data version leaves out this connection's commits */
};

static const struct db_ops sq_ops;

static enum err
sq_rc(sqlite3 *h, int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return ERR_OK;
    case SQLITE_CONSTRAINT:
        return ERR_CONFLICT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return ERR_BUSY;
    case SQLITE_FULL:
    case SQLITE_IOERR:
        log_msg(LOG_ERROR, "msg=\"sqlite i/o\" detail=\"%s\"", sqlite3_errmsg(h));
        return ERR_IO;
    default:
        log_msg(LOG_ERROR, "msg=\"sqlite\" code=%d detail=\"%s\"", rc, sqlite3_errmsg(h));
        return ERR_DB;
    }
}

static enum err
sq_prepare_raw(struct sq_db *d, const char *sql, sqlite3_stmt **out)
{
    char *rw;
    int rc;

    rw = malloc(strlen(sql) + 1);
    if (rw == NULL)
        die("out of memory");
    db_sql_rewrite(sql, rw);
    rc = sqlite3_prepare_v3(d->h, rw, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    free(rw);
    if (rc != SQLITE_OK) {
        log_msg(LOG_ERROR, "msg=\"prepare failed\" detail=\"%s\"", sqlite3_errmsg(d->h));
        *out = NULL;
        return ERR_DB;
    }
    return ERR_OK;
}

/* A fixed pragma (never runtime text). */
static enum err
sq_pragma(struct sq_db *d, const char *sql)
{
    sqlite3_stmt *st;
    int rc;

    if (sqlite3_prepare_v2(d->h, sql, -1, &st, NULL) != SQLITE_OK)
        return sq_rc(d->h, sqlite3_errcode(d->h));
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? ERR_OK : sq_rc(d->h, rc);
}

/* Process-wide SQLite settings, before the first connection: no memory statistics
 * (they take a global mutex on every allocation, which worker threads contend for). */
static void
sq_global_init(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

static enum err sq_open(const char *url, const struct db_opts *opts, struct db **out);

/* sqlite:PATH, or a plain path (anything that is not another scheme's URL) */
static bool
sq_claims(const char *url)
{
    return strncmp(url, "sqlite:", 7) == 0 || strstr(url, "://") == NULL;
}

const struct db_backend db_sqlite_backend = {"sqlite", sq_claims, sq_open};

static enum err
sq_open(const char *url, const struct db_opts *opts, struct db **out)
{
    const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct sq_db *d;
    int flags, rc, i;
    enum err e;

    *out = NULL;
    pthread_once(&once, sq_global_init);
    if (!opts->create && access(path, F_OK) != 0) {
        log_msg(LOG_ERROR, "msg=\"database file does not exist (run samverka init)\"");
        return ERR_NOTFOUND;
    }
    d = calloc(1, sizeof(*d));
    if (d == NULL)
        die("out of memory");
    d->base.ops = &sq_ops;
    d->base.kind = DB_SQLITE;
    for (i = 0; i < Q__MAX; i++) {
        d->stmts[i].base.db = &d->base;
        d->stmts[i].base.q = (enum q)i;
    }
    d->dv.base.db = &d->base;
    d->watch = opts->watch;
    flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (opts->create ? SQLITE_OPEN_CREATE : 0);
    rc = sqlite3_open_v2(path, &d->h, flags, NULL);
    if (rc != SQLITE_OK) {
        log_msg(LOG_ERROR, "msg=\"cannot open database\" detail=\"%s\"",
                d->h ? sqlite3_errmsg(d->h) : "out of memory");
        sqlite3_close(d->h);
        free(d);
        return ERR_DB;
    }
    sqlite3_extended_result_codes(d->h, 1);
    sqlite3_busy_timeout(d->h, opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 5000);
    sqlite3_db_config(d->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(d->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    e = sq_pragma(d, "PRAGMA journal_mode=WAL");
    if (e == ERR_OK)
        e = sq_pragma(d,
                      opts->sync_normal ? "PRAGMA synchronous=NORMAL" : "PRAGMA synchronous=FULL");
    if (e == ERR_OK)
        e = sq_pragma(d, "PRAGMA foreign_keys=ON");
    if (e == ERR_OK)
        e = sq_pragma(d, "PRAGMA journal_size_limit=67108864");
    /* the change watcher's connection only reads the data version and upserts a few
     * page_view rows a minute: 256 kB of page cache serve that, where the default 2 MB would
     * fill slowly as page_view grows, one more cache of a reader's size to the process */
    if (e == ERR_OK && opts->lean)
        e = sq_pragma(d, "PRAGMA cache_size=-256");
    /* reads straight from the operating system's page cache (up to the first GiB of the
     * file) rather than copied into each connection's own: a connection's first read of a
     * page costs no system call, and a commit elsewhere leaves less to read again. The
     * mission page on bench/scale.sh's database: 7.8 -> 6.2 ms warm, 11.4 -> 6.0 ms after
     * another connection's commit. An I/O error on a mapped page would be a SIGBUS instead
     * of SQLITE_IOERR (sqlite.org/mmap.html); the file is local by design. */
    if (e == ERR_OK)
        e = sq_pragma(d, "PRAGMA mmap_size=1073741824");
    if (e == ERR_OK)
        e = sq_prepare_raw(d, "BEGIN IMMEDIATE", &d->begin.st);
    if (e == ERR_OK)
        e = sq_prepare_raw(d, "COMMIT", &d->commit.st);
    if (e == ERR_OK)
        e = sq_prepare_raw(d, "ROLLBACK", &d->rollback.st);
    if (e == ERR_OK)
        e = sq_prepare_raw(d, "PRAGMA data_version", &d->dv.st);
    if (e == ERR_OK)
        e = sq_prepare_raw(d, "BEGIN", &d->rbegin.st);
    if (e != ERR_OK) {
        log_msg(LOG_ERROR, "msg=\"cannot set up database\" detail=\"%s\"", sqlite3_errmsg(d->h));
        sq_ops.close(&d->base);
        return e;
    }
    *out = &d->base;
    return ERR_OK;
}

static void
sq_close(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;
    int i;

    for (i = 0; i < Q__MAX; i++)
        sqlite3_finalize(d->stmts[i].st);
    sqlite3_finalize(d->begin.st);
    sqlite3_finalize(d->commit.st);
    sqlite3_finalize(d->rollback.st);
    sqlite3_finalize(d->dv.st);
    sqlite3_finalize(d->rbegin.st);
    sqlite3_close(d->h);
    free(d);
}

static struct db_stmt *
sq_stmt(struct db *db, enum q q)
{
    struct sq_db *d = (struct sq_db *)db;
    struct sq_stmt *s;

    if ((unsigned)q >= Q__MAX)
        return NULL;
    s = &d->stmts[q];
    if (s->st == NULL) {
        if (sq_prepare_raw(d, query_sql(q, DB_SQLITE), &s->st) != ERR_OK) {
            log_msg(LOG_ERROR, "msg=\"cannot prepare query\" query=%s", query_name(q));
            return NULL;
        }
    } else {
        sqlite3_reset(s->st);
        sqlite3_clear_bindings(s->st);
    }
    return &s->base;
}

#define SQ(st) (((struct sq_stmt *)(st))->st)

static void
sq_bind_i64(struct db_stmt *st, int i, int64_t v)
{
    sqlite3_bind_int64(SQ(st), i, v);
}

static void
sq_bind_dbl(struct db_stmt *st, int i, double v)
{
    sqlite3_bind_double(SQ(st), i, v);
}

static void
sq_bind_text(struct db_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(SQ(st), i, s, -1, SQLITE_TRANSIENT);
}

static void
sq_bind_text_ref(struct db_stmt *st, int i, const char *s)
{
    sqlite3_bind_text(SQ(st), i, s, -1, SQLITE_STATIC);
}

static void
sq_bind_null(struct db_stmt *st, int i)
{
    sqlite3_bind_null(SQ(st), i);
}

static enum err
sq_step(struct db_stmt *st, bool *out_row)
{
    int rc;

    rc = sqlite3_step(SQ(st));
    *out_row = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        return ERR_OK;
    sqlite3_reset(SQ(st));
    return sq_rc(sqlite3_db_handle(SQ(st)), rc);
}

static bool
sq_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(SQ(st), col) == SQLITE_NULL;
}

static int64_t
sq_col_i64(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(SQ(st), col);
}

static double
sq_col_dbl(struct db_stmt *st, int col)
{
    return sqlite3_column_double(SQ(st), col);
}

static const char *
sq_col_text(struct db_stmt *st, int col, size_t *len)
{
    const char *t = (const char *)sqlite3_column_text(SQ(st), col);

    /* after sqlite3_column_text, as its documentation asks: the length of the UTF-8 text */
    if (len != NULL)
        *len = t != NULL ? (size_t)sqlite3_column_bytes(SQ(st), col) : 0;
    return t;
}

static enum db_type
sq_col_type(struct db_stmt *st, int col)
{
    switch (sqlite3_column_type(SQ(st), col)) {
    case SQLITE_NULL:
        return DB_NULL;
    case SQLITE_INTEGER:
        return DB_INTEGER;
    case SQLITE_FLOAT:
        return DB_DOUBLE;
    default:
        return DB_TEXT;
    }
}

static int
sq_columns(struct db_stmt *st)
{
    return sqlite3_column_count(SQ(st));
}

static void
sq_done(struct db_stmt *st)
{
    sqlite3_reset(SQ(st));
}

static enum err
sq_exec_script(struct db *db, const char *sql)
{
    struct sq_db *d = (struct sq_db *)db;
    char *msg = NULL;
    int rc;

    rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        log_msg(LOG_ERROR, "msg=\"migration failed\" detail=\"%s\"", msg ? msg : "?");
        sqlite3_free(msg);
        return ERR_DB;
    }
    return ERR_OK;
}

static enum err
sq_run_fixed(struct sq_db *d, sqlite3_stmt *st)
{
    int rc;

    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? ERR_OK : sq_rc(d->h, rc);
}

static enum err
sq_begin(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;

    return sq_run_fixed(d, d->begin.st);
}

static enum err
sq_commit(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;
    enum err e;

    e = sq_run_fixed(d, d->commit.st);
    if (e != ERR_OK)
        sq_run_fixed(d, d->rollback.st);
    return e;
}

static void
sq_rollback(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;

    if (!sqlite3_get_autocommit(d->h))
        sq_run_fixed(d, d->rollback.st);
}

static uint64_t
sq_data_version(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;
    uint64_t v = 0;

    if (sqlite3_step(d->dv.st) == SQLITE_ROW)
        v = (uint64_t)sqlite3_column_int64(d->dv.st, 0);
    sqlite3_reset(d->dv.st);
    /* data_version ignores this connection's own commits, which is what a watcher wants;
     * any other connection's reader adds sqlite3_total_changes, which counts them */
    if (d->watch)
        return v;
    return (v << 32) ^ (uint64_t)sqlite3_total_changes64(d->h);
}

static enum err
sq_read_begin(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;

    if (!sqlite3_get_autocommit(d->h))
        return ERR_OK; /* already in a transaction */
    return sq_run_fixed(d, d->rbegin.st);
}

static void
sq_read_end(struct db *db)
{
    struct sq_db *d = (struct sq_db *)db;

    if (sqlite3_get_autocommit(d->h))
        return;
    if (sq_run_fixed(d, d->commit.st) != ERR_OK)
        sq_run_fixed(d, d->rollback.st);
}

static void
sq_optimize(struct db *db)
{
    sq_pragma((struct sq_db *)db, "PRAGMA optimize");
}

static void
sq_bulk(struct db *db, bool on)
{
    sq_pragma((struct sq_db *)db, on ? "PRAGMA cache_size=-65536" : "PRAGMA cache_size=-2000");
}

static const struct db_ops sq_ops = {
    .close = sq_close,
    .stmt = sq_stmt,
    .bind_i64 = sq_bind_i64,
    .bind_dbl = sq_bind_dbl,
    .bind_text = sq_bind_text,
    .bind_null = sq_bind_null,
    .bind_text_ref = sq_bind_text_ref,
    .step = sq_step,
    .is_null = sq_is_null,
    .col_i64 = sq_col_i64,
    .col_dbl = sq_col_dbl,
    .col_text = sq_col_text,
    .col_type = sq_col_type,
    .columns = sq_columns,
    .done = sq_done,
    .exec_script = sq_exec_script,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .data_version = sq_data_version,
    .bulk = sq_bulk,
    .optimize = sq_optimize,
    .read_begin = sq_read_begin,
    .read_end = sq_read_end,
};
