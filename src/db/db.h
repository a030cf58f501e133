/*
 * db.h — the backend-neutral storage interface.
 *
 * Every statement lives in the query table (db/queries.h, one enum value per
 * statement) and is prepared once per connection, on first use; values are
 * always bound, never spliced. SQL text uses $1, $2 ... placeholders; the
 * SQLite backend rewrites them to ?1, ?2 (db_sql_rewrite).
 *
 * A connection belongs to one thread at a time. The server gives each worker
 * thread its own read connection and routes writes through one writer
 * connection (db_begin takes the write lock: BEGIN IMMEDIATE on SQLite).
 *
 * This layer never formats SQL from runtime strings and never calls upward.
 */
#ifndef DB_DB_H
#define DB_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/queries.h"

enum db_kind { DB_SQLITE, DB_PG };

struct db;
struct db_stmt;

struct db_opts {
    bool create;         /* create the file if missing (init) */
    bool sync_normal;    /* synchronous=NORMAL instead of FULL (documented RPO) */
    int busy_timeout_ms; /* 0: 5000 */
    /*
     * The change watcher's own connection, which also writes (the server's page views), and
     * the server's writer, whose writes the watcher tells from others' by it: its
     * own commits do not move its db_data_version when no other connection can have
     * committed meanwhile, so that a write only the caller's cache does not care about
     * empties nothing. SQLite: exactly so (PRAGMA data_version ignores the connection's own
     * commits). PostgreSQL: when no transaction held an id as the write began, the data
     * version was the last one this connection reported, and the commit took exactly the
     * next transaction id; anything less certain moves it (a needless invalidation is safe,
     * a missed one is not).
     */
    bool watch;
    /* A connection that reads little (the change watcher's): a small page cache (SQLite). */
    bool lean;
};

/*
 * Open a connection. `url` is a file path, `sqlite:PATH` or `postgres://...`.
 * Errors: ERR_INVALID (unknown scheme), ERR_NOTFOUND (file missing and not
 * create), ERR_DB. On error *out is NULL and a message was logged.
 */
enum err db_open(const char *url, const struct db_opts *opts, struct db **out);
void db_close(struct db *db);
enum db_kind db_kind(const struct db *db);

/*
 * The prepared statement for `q`, reset and with bindings cleared. Owned by the
 * connection; valid until the next db_stmt() for the same q or db_close.
 * Returns NULL if it cannot be prepared (logged).
 */
struct db_stmt *db_stmt(struct db *db, enum q q);
/* Prepare every statement of the table now (tests, and `samverka check`). */
enum err db_prepare_all(struct db *db, enum q *out_failed);

/* Bind the 1-based parameter i. Text is copied; NULL text binds SQL NULL. */
void db_bind_i64(struct db_stmt *st, int i, int64_t v);
void db_bind_dbl(struct db_stmt *st, int i, double v);
void db_bind_text(struct db_stmt *st, int i, const char *s);
void db_bind_null(struct db_stmt *st, int i);
/* Bind text without copying: s must stay unchanged until the statement is next reset
 * (db_run / db_done / db_stmt). For hot loops such as imports. */
void db_bind_text_ref(struct db_stmt *st, int i, const char *s);

/*
 * Run or advance. *out_row is true while a row is ready.
 * Errors: ERR_CONFLICT (constraint), ERR_BUSY (locked or server away), ERR_DB.
 */
enum err db_step(struct db_stmt *st, bool *out_row);
/* Step to completion, ignoring rows (for INSERT/UPDATE/DELETE). */
enum err db_run(struct db_stmt *st);

/* Column access for the current row (0-based). Text is NULL for SQL NULL and
 * valid until the next step; use db_text_dup to keep it. */
bool db_null(struct db_stmt *st, int col);
int64_t db_i64(struct db_stmt *st, int col);
double db_dbl(struct db_stmt *st, int col);
const char *db_text(struct db_stmt *st, int col);
/* db_text and its length in bytes (0 for NULL): a copy needs no strlen */
const char *db_textn(struct db_stmt *st, int col, size_t *len);
char *db_text_dup(struct db_stmt *st, int col, struct arena *a);

/*
 * What the current row holds in column col, as the backend stored it: SQLite's storage
 * class of the value (INTEGER, REAL, TEXT; a BLOB counts as text); PostgreSQL's column type
 * (int2/int4/int8 and bool are integers, float4/float8/numeric doubles, anything else
 * text). DB_NULL for SQL NULL. For code that moves rows without knowing their tables
 * (domain/copy.c).
 */
enum db_type { DB_NULL, DB_INTEGER, DB_DOUBLE, DB_TEXT };
enum db_type db_type(struct db_stmt *st, int col);
/* The number of columns of the statement's result. */
int db_columns(struct db_stmt *st);

/* Release the statement's read snapshot early (also done by the next db_stmt). */
void db_done(struct db_stmt *st);

/* For a large write transaction (an import): a bigger page cache, so SQLite does not
 * spill pages to the WAL mid-transaction and read them back (bounded: 64 MiB). */
void db_bulk(struct db *db, bool on);

/* A read transaction around a whole request: one snapshot, and the shared lock taken
 * once instead of once per statement. */
enum err db_read_begin(struct db *db);
void db_read_end(struct db *db);

/* One consistent snapshot for a long read of many statements (the bulk download): every
 * statement until db_snapshot_end sees the database as of the first. SQLite: the read
 * transaction (db_read_begin's; already one is kept); PostgreSQL: a REPEATABLE READ, READ
 * ONLY transaction (its statements otherwise each take their own). Errors: ERR_BUSY,
 * ERR_DB. */
enum err db_snapshot_begin(struct db *db);
void db_snapshot_end(struct db *db);

/* In bulk mode a backend may send db_run's statements without waiting for each result
 * (PostgreSQL's pipeline); a failure then surfaces on a later db_run or the commit.
 * This gives the ordinal (0-based, counted from db_bulk(db, true)) of the db_run call
 * that failed, or -1 when the failure belongs to the call that reported it. */
long db_bulk_failed_at(struct db *db);
/* Wait for every statement sent in bulk mode; their first failure, if any. */
enum err db_bulk_sync(struct db *db);

/* Write transactions. db_begin takes the write lock at once. */
enum err db_begin(struct db *db);
enum err db_commit(struct db *db);
void db_rollback(struct db *db);

/*
 * A number that changes whenever any connection (in this process or another)
 * commits to the database; used to invalidate cached pages. On a connection opened
 * with db_opts.watch, not for its own commits (see there).
 */
uint64_t db_data_version(struct db *db);

/*
 * Wait until the data version may have moved, or timeout_ms have passed (the change
 * watcher's pace). PostgreSQL: samverka's own commits announce themselves (NOTIFY), so
 * this returns as soon as any instance commits, and at the latest after timeout_ms for
 * writers that do not (psql). SQLite: the version is a cheap in-process read; this sleeps
 * a millisecond.
 */
void db_wait_change(struct db *db, int timeout_ms);

/* After a bulk load (copy, generate): refresh the planner's statistics
 * (ANALYZE on PostgreSQL, PRAGMA optimize on SQLite), so queries use the
 * indexes and autovacuum has no reason to analyze right away. */
void db_optimize(struct db *db);

/* True while the database server cannot be reached (PostgreSQL); such failures are
 * reported as "try again" (503), not as errors of the program. */
bool db_unavailable(struct db *db);

/* Rewrite $n placeholders to ?n outside string literals; out must hold strlen(sql)+1. */
void db_sql_rewrite(const char *sql, char *out);

/* Apply pending migrations (db/migrate.c). */
enum err db_migrate(struct db *db, int *out_applied);
/* The highest applied migration, 0 if none. */
int db_schema_version(struct db *db);
/*
 * The health probe: can this connection read the database now? One real round trip (it
 * reads the schema version, and unlike db_schema_version writes nothing). ERR_OK, or
 * ERR_BUSY when the server cannot be reached, ERR_DB when the database cannot be read.
 */
enum err db_ping(struct db *db);

#endif
