/*
 * pg.c — the PostgreSQL backend (libpq), behind the same interface as SQLite.
 *
 * Each connection prepares the query table's statements on first use
 * (PQprepare, named "q<N>"), sends values as text parameters and reads results
 * as text. If the server goes away, calls fail with ERR_BUSY (503 to a
 * client); the next use resets the connection, so after a restart it serves
 * again without help, re-preparing what it needs.
 *
 * Cache invalidation across instances: db_data_version is the database's change counter
 * (data_change.n, migration 0020), which every transaction that writes moves at its commit
 * (a statement trigger on every table, a deferred one on the counter), whoever writes
 * (another samverka instance, psql), and which only this database's writes move: a write
 * to another database of the same cluster, or autovacuum, moves nothing. (It was a hash of a
 * snapshot, xmin:xmax:running ids, which is the cluster's: every write anywhere on the server, and
 * every autoanalyze, emptied every cache, and the own-commit test below failed by chance.)
 * Read-only work does not move it. A watcher's connection (db_opts.watch) leaves out its own
 * commits when they were provably the only ones: see pg_begin and pg_commit.
 *
 * samverka expects byte-order collation for identical exports on both
 * backends: create the database with LC_COLLATE "C" (docs/deployment.md).
 *
 * Never: build SQL from runtime strings; run PQexec outside exec_script
 * (migrations), the fixed transaction statements, the change counter's fixed read and
 * pg_plan_all's EXPLAIN EXECUTE (a statement's number and NULLs).
 */
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "db/backend.h"

#define PG_MAX_PARAMS 40 /* the widest statement binds 24 */

struct pg_stmt {
    struct db_stmt base;
    bool prepared;
    int nparams;
    char *values[PG_MAX_PARAMS];
    char nums[PG_MAX_PARAMS][32];
    bool owned[PG_MAX_PARAMS]; /* values[i] was malloc'd (text) */
    PGresult *res;
    int row, nrows;
    bool executed;
};

/* In bulk mode db_run sends statements in libpq's pipeline mode and reads their
 * results in batches of PG_PIPE_BATCH: one round trip per batch, not per row. */
#define PG_PIPE_BATCH 256

struct pg_db {
    struct db base;
    PGconn *conn;
    char *conninfo;
    struct pg_stmt stmts[Q__MAX];
    bool broken;    /* the connection failed: reset before the next use */
    bool bulk;      /* db_bulk(on): pipeline db_run */
    bool piped;     /* the connection is in pipeline mode */
    int queued;     /* statements sent since the last sync */
    long sent;      /* db_run calls since bulk mode began */
    long failed_at; /* the ordinal of the first failed statement, -1 if none */
    enum err pipe_err;
    bool listening; /* LISTEN samverka_changed has been run on this connection */

    /* db_opts.watch: after a commit of this connection that provably was the only one since
     * it last reported a data version, the counter it leaves (alias_from) is reported as the
     * version before it (alias_to); see pg_begin and pg_commit */
    bool watch;
    uint64_t reported; /* the data version last returned; 0: none yet */
    uint64_t alias_from, alias_to;
    uint64_t before; /* the counter when the current write transaction began */
    bool alone;      /* ... and it was the version last reported: nobody had written since */
};

static const struct db_ops pg_ops;

/* Map a failed result to our error codes. */
static enum err
pg_err(struct pg_db *d, PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

    if (PQstatus(d->conn) != CONNECTION_OK) {
        d->broken = true;
        log_msg(LOG_WARN, "msg=\"postgresql connection lost\"");
        return ERR_BUSY;
    }
    if (state != NULL && strncmp(state, "23", 2) == 0)
        return ERR_CONFLICT;
    if (state != NULL && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
                          strcmp(state, "55P03") == 0 || strncmp(state, "57P", 3) == 0 ||
                          strncmp(state, "08", 2) == 0)) {
        if (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0)
            d->broken = true;
        return ERR_BUSY;
    }
    log_msg(LOG_ERROR, "msg=\"postgresql\" sqlstate=%s detail=\"%s\"", state ? state : "-",
            PQerrorMessage(d->conn));
    return ERR_DB;
}

static void
forget_prepared(struct pg_db *d)
{
    int i;

    for (i = 0; i < Q__MAX; i++)
        d->stmts[i].prepared = false;
}

/* Before a use: a connection that failed gets one reset attempt. */
static bool
usable(struct pg_db *d)
{
    if (!d->broken && PQstatus(d->conn) == CONNECTION_OK)
        return true;
    PQreset(d->conn);
    forget_prepared(d);
    d->listening = false;
    if (PQstatus(d->conn) != CONNECTION_OK) {
        d->broken = true;
        return false;
    }
    d->broken = false;
    d->base.in_tx = false;
    log_msg(LOG_INFO, "msg=\"postgresql connection restored\"");
    return true;
}

/*
 * Sync the pipeline and read every pending result: the first failure is kept
 * (pipe_err, failed_at); statements after it were aborted by the server.
 */
static void
pipe_sync(struct pg_db *d)
{
    PGresult *r;
    ExecStatusType es;
    long base = d->sent - d->queued; /* the ordinal of the oldest pending statement */
    long k = 0;

    if (!d->piped || d->queued == 0)
        return;
    if (PQpipelineSync(d->conn) != 1) {
        d->pipe_err = pg_err(d, NULL);
        d->queued = 0;
        return;
    }
    for (;;) {
        r = PQgetResult(d->conn);
        if (r == NULL) {
            /* the end of one statement's results; never more than were sent */
            if (++k > d->queued || PQstatus(d->conn) != CONNECTION_OK) {
                d->pipe_err = pg_err(d, NULL);
                d->broken = true;
                break;
            }
            continue;
        }
        es = PQresultStatus(r);
        if (es == PGRES_PIPELINE_SYNC) {
            PQclear(r);
            break;
        }
        if (es != PGRES_COMMAND_OK && es != PGRES_TUPLES_OK && es != PGRES_PIPELINE_ABORTED &&
            d->pipe_err == ERR_OK) {
            d->pipe_err = pg_err(d, r);
            d->failed_at = base + k;
        }
        PQclear(r);
        if (PQstatus(d->conn) != CONNECTION_OK) {
            d->pipe_err = ERR_BUSY;
            d->broken = true;
            break;
        }
    }
    d->queued = 0;
}

/* Leave pipeline mode (before anything synchronous). */
static void
pipe_end(struct pg_db *d)
{
    if (!d->piped)
        return;
    pipe_sync(d);
    if (PQexitPipelineMode(d->conn) != 1)
        d->broken = true;
    d->piped = false;
}

/* A fixed command (transaction control). */
static enum err
pg_command(struct pg_db *d, const char *sql)
{
    PGresult *r;
    enum err rc = ERR_OK;

    pipe_end(d);
    if (!usable(d))
        return ERR_BUSY;
    r = PQexec(d->conn, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
        rc = pg_err(d, r);
    PQclear(r);
    return rc;
}

static enum err pg_open(const char *conninfo, const struct db_opts *opts, struct db **out);

static bool
pg_claims(const char *url)
{
    return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

const struct db_backend db_pg_backend = {"postgresql", pg_claims, pg_open};

static enum err
pg_open(const char *conninfo, const struct db_opts *opts, struct db **out)
{
    struct pg_db *d;
    int i;

    *out = NULL;
    d = calloc(1, sizeof(*d));
    if (d == NULL)
        die("out of memory");
    d->watch = opts->watch;
    d->base.ops = &pg_ops;
    d->base.kind = DB_PG;
    for (i = 0; i < Q__MAX; i++) {
        d->stmts[i].base.db = &d->base;
        d->stmts[i].base.q = (enum q)i;
    }
    d->failed_at = -1;
    d->conninfo = strdup(conninfo);
    if (d->conninfo == NULL)
        die("out of memory");
    d->conn = PQconnectdb(conninfo);
    if (d->conn == NULL || PQstatus(d->conn) != CONNECTION_OK) {
        log_msg(LOG_ERROR, "msg=\"cannot connect to postgresql\" detail=\"%s\"",
                d->conn ? PQerrorMessage(d->conn) : "out of memory");
        PQfinish(d->conn);
        free(d->conninfo);
        free(d);
        return ERR_BUSY;
    }
    /* our own messages are in the log; keep the server's notices out of stderr */
    PQsetNoticeProcessor(d->conn, NULL, NULL);
    if (pg_command(d, "SET client_min_messages = warning") != ERR_OK) {
        PQfinish(d->conn);
        free(d->conninfo);
        free(d);
        return ERR_DB;
    }
    *out = &d->base;
    return ERR_OK;
}

static void
clear_params(struct pg_stmt *s)
{
    int i;

    for (i = 0; i < PG_MAX_PARAMS; i++) {
        if (s->owned[i])
            free(s->values[i]);
        s->values[i] = NULL;
        s->owned[i] = false;
    }
    s->nparams = 0;
}

static void
pg_done(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    PQclear(s->res);
    s->res = NULL;
    s->executed = false;
    s->row = s->nrows = 0;
}

static void
pg_close(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;
    int i;

    for (i = 0; i < Q__MAX; i++) {
        pg_done(&d->stmts[i].base);
        clear_params(&d->stmts[i]);
    }
    PQfinish(d->conn);
    free(d->conninfo);
    free(d);
}

/*
 * After a failure rc: did the server restart since this connection's last use, and is it
 * back? Outside a transaction the statement may then be tried once more, on a new
 * connection (which this resets).
 */
static bool
may_retry(struct pg_db *d, enum err rc)
{
    return rc == ERR_BUSY && d->broken && !d->base.in_tx && usable(d);
}

/* Prepare q on a (new) connection; false if that fails (logged). */
static bool
reprepare(struct pg_db *d, enum q q)
{
    char name[16];
    PGresult *r;
    bool ok;

    snprintf(name, sizeof(name), "q%d", (int)q);
    r = PQprepare(d->conn, name, query_sql(q, DB_PG), 0, NULL);
    ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        pg_err(d, r);
    PQclear(r);
    d->stmts[q].prepared = ok;
    return ok;
}

static struct db_stmt *
pg_stmt(struct db *db, enum q q)
{
    struct pg_db *d = (struct pg_db *)db;
    struct pg_stmt *s;
    char name[16];
    PGresult *r;
    const char *sql;

    if ((unsigned)q >= Q__MAX || !usable(d))
        return NULL;
    s = &d->stmts[q];
    pg_done(&s->base);
    clear_params(s);
    if (!s->prepared) {
        pipe_end(d);
        sql = query_sql(q, DB_PG);
        snprintf(name, sizeof(name), "q%d", (int)q);
        r = PQprepare(d->conn, name, sql, 0, NULL);
        if (PQresultStatus(r) != PGRES_COMMAND_OK && may_retry(d, pg_err(d, r))) {
            /* the server restarted since this connection's last use (found by this first
             * statement of its kind): outside a transaction, reconnect and prepare again,
             * as pg_step does for statements already prepared */
            PQclear(r);
            r = PQprepare(d->conn, name, sql, 0, NULL);
        }
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            pg_err(d, r);
            log_msg(LOG_ERROR, "msg=\"cannot prepare query\" query=%s", query_name(q));
            PQclear(r);
            return NULL;
        }
        PQclear(r);
        s->prepared = true;
    }
    s->nparams = db_sql_max_param(query_sql(q, DB_PG));
    if (s->nparams > PG_MAX_PARAMS) {
        log_msg(LOG_ERROR, "msg=\"query has too many parameters\" query=%s", query_name(q));
        return NULL;
    }
    return &s->base;
}

static void
set_param(struct pg_stmt *s, int i, char *v, bool owned)
{
    if (i < 1 || i > PG_MAX_PARAMS)
        return;
    if (s->owned[i - 1])
        free(s->values[i - 1]);
    s->values[i - 1] = v;
    s->owned[i - 1] = owned;
}

static void
pg_bind_i64(struct db_stmt *st, int i, int64_t v)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    if (i < 1 || i > PG_MAX_PARAMS)
        return;
    snprintf(s->nums[i - 1], sizeof(s->nums[i - 1]), "%lld", (long long)v);
    set_param(s, i, s->nums[i - 1], false);
}

static void
pg_bind_dbl(struct db_stmt *st, int i, double v)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    if (i < 1 || i > PG_MAX_PARAMS)
        return;
    snprintf(s->nums[i - 1], sizeof(s->nums[i - 1]), "%.17g", v);
    set_param(s, i, s->nums[i - 1], false);
}

static void
pg_bind_text(struct db_stmt *st, int i, const char *v)
{
    char *copy;

    if (i < 1 || i > PG_MAX_PARAMS)
        return; /* as the other binders: before the copy, which nothing would own */
    copy = strdup(v);
    if (copy == NULL)
        die("out of memory");
    set_param((struct pg_stmt *)st, i, copy, true);
}

static void
pg_bind_text_ref(struct db_stmt *st, int i, const char *v)
{
    set_param((struct pg_stmt *)st, i, (char *)v, false);
}

static void
pg_bind_null(struct db_stmt *st, int i)
{
    set_param((struct pg_stmt *)st, i, NULL, false);
}

static enum err
pg_step(struct db_stmt *st, bool *out_row)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    struct pg_db *d = (struct pg_db *)st->db;
    char name[16];
    ExecStatusType es;
    enum err rc;

    *out_row = false;
    if (!s->executed) {
        pipe_end(d);
        if (d->pipe_err)
            return d->pipe_err;
        if (!usable(d))
            return ERR_BUSY;
        snprintf(name, sizeof(name), "q%d", (int)st->q);
        s->res = PQexecPrepared(d->conn, name, s->nparams, (const char *const *)s->values, NULL,
                                NULL, 0);
        es = PQresultStatus(s->res);
        if (es != PGRES_TUPLES_OK && es != PGRES_COMMAND_OK) {
            rc = pg_err(d, s->res);
            PQclear(s->res);
            s->res = NULL;
            /* the server restarted since this connection's last use: outside a
             * transaction, reconnect, prepare again and retry once */
            if (may_retry(d, rc) && reprepare(d, st->q)) {
                s->res = PQexecPrepared(d->conn, name, s->nparams, (const char *const *)s->values,
                                        NULL, NULL, 0);
                es = PQresultStatus(s->res);
                rc = es == PGRES_TUPLES_OK || es == PGRES_COMMAND_OK ? ERR_OK : pg_err(d, s->res);
            }
            if (rc) {
                PQclear(s->res);
                s->res = NULL;
                return rc;
            }
        }
        s->executed = true;
        s->row = -1;
        s->nrows = es == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
    }
    s->row++;
    *out_row = s->row < s->nrows;
    return ERR_OK;
}

static bool
pg_is_null(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    return s->res == NULL || s->row >= s->nrows || PQgetisnull(s->res, s->row, col);
}

static const char *
pg_col_text(struct db_stmt *st, int col, size_t *len)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    if (pg_is_null(st, col)) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = (size_t)PQgetlength(s->res, s->row, col);
    return PQgetvalue(s->res, s->row, col);
}

static int64_t
pg_col_i64(struct db_stmt *st, int col)
{
    const char *v = pg_col_text(st, col, NULL);

    if (v == NULL)
        return 0;
    if (v[0] == 't' && v[1] == '\0')
        return 1; /* a boolean */
    return strtoll(v, NULL, 10);
}

static double
pg_col_dbl(struct db_stmt *st, int col)
{
    const char *v = pg_col_text(st, col, NULL);

    return v == NULL ? 0 : strtod(v, NULL);
}

/* Type OIDs from PostgreSQL's catalog (pg_type.dat); they are fixed across versions, and
 * libpq does not ship the header that names them. */
#define PG_OID_BOOL    16
#define PG_OID_INT8    20
#define PG_OID_INT2    21
#define PG_OID_INT4    23
#define PG_OID_FLOAT4  700
#define PG_OID_FLOAT8  701
#define PG_OID_NUMERIC 1700

static enum db_type
pg_col_type(struct db_stmt *st, int col)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    if (pg_is_null(st, col))
        return DB_NULL;
    switch (PQftype(s->res, col)) {
    case PG_OID_BOOL: /* pg_col_i64 reads "t" as 1 */
    case PG_OID_INT2:
    case PG_OID_INT4:
    case PG_OID_INT8:
        return DB_INTEGER;
    case PG_OID_FLOAT4:
    case PG_OID_FLOAT8:
    case PG_OID_NUMERIC:
        return DB_DOUBLE;
    default:
        return DB_TEXT;
    }
}

static int
pg_columns(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;

    return s->res == NULL ? 0 : PQnfields(s->res);
}

static enum err
pg_exec_script(struct db *db, const char *sql)
{
    struct pg_db *d = (struct pg_db *)db;
    PGresult *r;
    enum err rc = ERR_OK;

    pipe_end(d);
    if (!usable(d))
        return ERR_BUSY;
    r = PQexec(d->conn, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        rc = pg_err(d, r);
        log_msg(LOG_ERROR, "msg=\"migration failed\" detail=\"%s\"", PQerrorMessage(d->conn));
    }
    PQclear(r);
    return rc;
}

/*
 * The change counter (data_change.n, migration 0020) as this connection sees it now: outside
 * a transaction, the last committed; inside one, with this transaction's own move once it
 * was made (pg_commit). *out_mine (may be NULL) says whether this transaction wrote: the
 * trigger marks that in the transaction-local setting samverka.changed. False when it cannot be
 * read (a schema before 0020). Inside a transaction a failed read aborts it: only read there what
 * was read at its beginning (pg_commit), and pg_commit checks that COMMIT committed.
 */
static bool
pg_counter(struct pg_db *d, uint64_t *out_n, bool *out_mine)
{
    PGresult *r;
    char *end;
    bool ok = false;

    pipe_end(d);
    if (!usable(d))
        return false;
    r = PQexec(d->conn, "SELECT n, current_setting('samverka.changed', true) = '1' "
                        "FROM data_change WHERE id = 1");
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
        *out_n = strtoull(PQgetvalue(r, 0, 0), &end, 10);
        ok = *end == '\0' && *out_n != 0;
        if (out_mine != NULL)
            *out_mine = strcmp(PQgetvalue(r, 0, 1), "t") == 0;
    } else {
        pg_err(d, r);
    }
    PQclear(r);
    return ok;
}

static enum err
pg_begin(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;
    uint64_t n;

    if (d->watch) {
        /* alone so far: nobody has written since the watcher last looked */
        d->alone = pg_counter(d, &n, NULL) && d->reported != 0 &&
                   (n == d->alias_from ? d->alias_to : n) == d->reported;
        d->before = d->alone ? n : 0;
    }
    return pg_command(d, "BEGIN");
}

/* db_snapshot_begin: the server's reads run without a transaction (each statement its own
 * snapshot); a long read that must not be torn by a concurrent write takes one. Inside a
 * transaction already, that one is kept. */
static enum err
pg_snapshot_begin(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    pipe_end(d);
    if (!usable(d))
        return ERR_BUSY;
    if (PQtransactionStatus(d->conn) != PQTRANS_IDLE)
        return ERR_OK;
    return pg_command(d, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

static void
pg_snapshot_end(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    if (d->conn != NULL && PQtransactionStatus(d->conn) != PQTRANS_IDLE &&
        pg_command(d, "COMMIT") != ERR_OK)
        pg_command(d, "ROLLBACK");
}

/* COMMIT, which must have committed: PostgreSQL ends a failed transaction with a ROLLBACK
 * that it reports as a successful COMMIT command (its tag says ROLLBACK) */
static enum err
pg_commit_now(struct pg_db *d)
{
    PGresult *r;
    enum err rc = ERR_OK;

    if (!usable(d))
        return ERR_BUSY;
    r = PQexec(d->conn, "COMMIT");
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        rc = pg_err(d, r);
    else if (strcmp(PQcmdStatus(r), "COMMIT") != 0) {
        log_msg(LOG_ERROR, "msg=\"postgresql rolled the transaction back at commit\"");
        rc = ERR_DB;
    }
    PQclear(r);
    return rc;
}

static enum err
pg_commit(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;
    uint64_t n = 0;
    bool mine = false, only = false;
    enum err rc;

    pipe_end(d);
    if (d->pipe_err) {
        /* a pipelined statement failed: the transaction cannot commit */
        pg_command(d, "ROLLBACK");
        return d->pipe_err;
    }
    /* announce the commit to every instance's change watcher (delivered only if the
     * transaction commits; identical notifications in one transaction are one) */
    rc = pg_command(d, "NOTIFY samverka_changed");
    /* our move of the counter, due at the commit, made now: from here the row is ours until
     * we commit, so one past the counter at BEGIN means nobody else wrote in between, and the
     * version the watcher reported still holds for the counter we leave (only when the
     * counter was read at BEGIN: a schema without it would fail the SET and the transaction) */
    if (rc == ERR_OK && d->watch && d->alone) {
        rc = pg_command(d, "SET CONSTRAINTS data_change_commit IMMEDIATE");
        only = rc == ERR_OK && pg_counter(d, &n, &mine) && mine && n == d->before + 1;
    }
    if (rc == ERR_OK)
        rc = pg_commit_now(d);

    if (rc != ERR_OK && !d->broken)
        pg_command(d, "ROLLBACK");
    if (rc == ERR_OK && only) {
        d->alias_from = n;
        d->alias_to = d->reported;
    }
    d->alone = false;
    return rc;
}

static void
pg_rollback(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    pipe_end(d);
    d->pipe_err = ERR_OK; /* the transaction and its failure end here */
    d->failed_at = -1;
    if (!d->broken)
        pg_command(d, "ROLLBACK");
}

static uint64_t
pg_data_version(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;
    uint64_t v;

    if (!pg_counter(d, &v, NULL))
        return 0;
    if (d->watch) {
        if (v == d->alias_from)
            v = d->alias_to;
        d->reported = v;
    }
    return v;
}

/*
 * The change watcher's wait: LISTEN once per connection (again after a reset), then sleep
 * on the socket until a notification arrives or timeout_ms pass. Notifications only wake
 * the watcher; the data version stays the truth (a commit by psql sends none and is seen
 * at the next timeout).
 */
static void
pg_wait_change(struct db *db, int timeout_ms)
{
    struct pg_db *d = (struct pg_db *)db;
    struct pollfd p;
    PGnotify *n;
    bool got = false;

    pipe_end(d);
    if (!usable(d)) {
        d->listening = false;
        poll(NULL, 0, timeout_ms);
        return;
    }
    if (!d->listening)
        d->listening = pg_command(d, "LISTEN samverka_changed") == ERR_OK;
    /* notifications that came with earlier results are already queued */
    while ((n = PQnotifies(d->conn)) != NULL) {
        PQfreemem(n);
        got = true;
    }
    if (got)
        return;
    p.fd = PQsocket(d->conn);
    p.events = POLLIN;
    p.revents = 0;
    if (p.fd < 0 || poll(&p, 1, timeout_ms) <= 0)
        return;
    if (PQconsumeInput(d->conn) != 1) {
        d->broken = true;
        d->listening = false;
        return;
    }
    while ((n = PQnotifies(d->conn)) != NULL)
        PQfreemem(n);
}

/* db_run: in bulk mode, send without waiting; else execute and wait. */
static enum err
pg_run(struct db_stmt *st)
{
    struct pg_stmt *s = (struct pg_stmt *)st;
    struct pg_db *d = (struct pg_db *)st->db;
    char name[16];
    bool row;
    enum err rc;

    if (!d->bulk) {
        do {
            rc = pg_step(st, &row);
        } while (rc == ERR_OK && row);
        pg_done(st);
        return rc;
    }
    if (d->pipe_err)
        return d->pipe_err;
    if (!usable(d))
        return ERR_BUSY;
    if (!d->piped) {
        if (PQenterPipelineMode(d->conn) != 1)
            return pg_err(d, NULL);
        d->piped = true;
    }
    snprintf(name, sizeof(name), "q%d", (int)st->q);
    if (PQsendQueryPrepared(d->conn, name, s->nparams, (const char *const *)s->values, NULL, NULL,
                            0) != 1) {
        d->failed_at = d->sent;
        d->pipe_err = pg_err(d, NULL);
        return d->pipe_err;
    }
    d->sent++;
    d->queued++;
    if (d->queued >= PG_PIPE_BATCH)
        pipe_sync(d);
    return d->pipe_err;
}

static enum err
pg_bulk_sync(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    pipe_sync(d);
    return d->pipe_err;
}

static long
pg_bulk_failed_at(struct db *db)
{
    return ((struct pg_db *)db)->failed_at;
}

static void
pg_bulk(struct db *db, bool on)
{
    struct pg_db *d = (struct pg_db *)db;

    pipe_end(d);
    d->bulk = on;
    d->sent = 0;
    d->queued = 0;
    d->failed_at = -1;
    d->pipe_err = ERR_OK;
}

static void
pg_optimize(struct db *db)
{
    pg_command((struct pg_db *)db, "ANALYZE");
}

/*
 * Plan every prepared statement once without running it: EXPLAIN EXECUTE with every
 * parameter NULL (EXPLAIN without ANALYZE executes nothing, writes included). A backend
 * loads the catalog and statistics entries a plan needs into caches of its own, and plans
 * a statement at its first execution, not at its PREPARE: on bench/scale.sh's database a
 * new connection's first executions of the mission page's three largest reads took 11 ms,
 * 4.4 ms after this. Reads only: the connections this serves are the workers', which
 * never write (the writers' have their own). What fails to plan is skipped (it fails the
 * same way when run, and says so then). The one SQL text composed at run time, from a
 * statement's number and its parameter count, never from input.
 */
static void
pg_plan_all(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;
    char sql[32 + 6 * PG_MAX_PARAMS];
    PGresult *r;
    const char *text;
    int q, i, n;
    size_t len;

    pipe_end(d);
    for (q = 0; q < Q__MAX && usable(d); q++) {
        text = query_sql((enum q)q, DB_PG);
        if (!d->stmts[q].prepared ||
            (strncmp(text, "SELECT", 6) != 0 && strncmp(text, "WITH", 4) != 0))
            continue;
        n = db_sql_max_param(text);
        if (n > PG_MAX_PARAMS)
            continue;
        len = (size_t)snprintf(sql, sizeof(sql), "EXPLAIN EXECUTE q%d", q);
        for (i = 0; i < n; i++)
            len += (size_t)snprintf(sql + len, sizeof(sql) - len, "%sNULL", i ? ", " : "(");
        if (n > 0)
            snprintf(sql + len, sizeof(sql) - len, ")");
        r = PQexec(d->conn, sql);
        PQclear(r);
    }
}

static bool
pg_unavailable(struct db *db)
{
    struct pg_db *d = (struct pg_db *)db;

    return d->broken || PQstatus(d->conn) != CONNECTION_OK;
}

static const struct db_ops pg_ops = {
    .close = pg_close,
    .stmt = pg_stmt,
    .bind_i64 = pg_bind_i64,
    .bind_dbl = pg_bind_dbl,
    .bind_text = pg_bind_text,
    .bind_text_ref = pg_bind_text_ref,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .is_null = pg_is_null,
    .col_i64 = pg_col_i64,
    .col_dbl = pg_col_dbl,
    .col_text = pg_col_text,
    .col_type = pg_col_type,
    .columns = pg_columns,
    .done = pg_done,
    .exec_script = pg_exec_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .data_version = pg_data_version,
    .wait_change = pg_wait_change,
    .unavailable = pg_unavailable,
    .optimize = pg_optimize,
    .plan_all = pg_plan_all,
    .run = pg_run,
    .bulk_failed_at = pg_bulk_failed_at,
    .bulk_sync = pg_bulk_sync,
    .snapshot_begin = pg_snapshot_begin,
    .snapshot_end = pg_snapshot_end,
    .bulk = pg_bulk,
};
