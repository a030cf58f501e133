/*
 * backend.h — what a storage backend implements (private to src/db).
 */
#ifndef DB_BACKEND_H
#define DB_BACKEND_H

#include "db/db.h"

struct db_ops {
    void (*close)(struct db *);
    struct db_stmt *(*stmt)(struct db *, enum q);
    void (*bind_i64)(struct db_stmt *, int, int64_t);
    void (*bind_dbl)(struct db_stmt *, int, double);
    void (*bind_text)(struct db_stmt *, int, const char *);
    void (*bind_null)(struct db_stmt *, int);
    void (*bind_text_ref)(struct db_stmt *, int, const char *);
    enum err (*step)(struct db_stmt *, bool *);
    bool (*is_null)(struct db_stmt *, int);
    int64_t (*col_i64)(struct db_stmt *, int);
    double (*col_dbl)(struct db_stmt *, int);
    /* len, when not NULL: the text's bytes (0 for NULL), which the backend knows already */
    const char *(*col_text)(struct db_stmt *, int, size_t *len);
    enum db_type (*col_type)(struct db_stmt *, int);
    int (*columns)(struct db_stmt *);
    void (*done)(struct db_stmt *);
    enum err (*exec_script)(struct db *, const char *sql); /* migrations only */
    enum err (*begin)(struct db *);
    enum err (*commit)(struct db *);
    void (*rollback)(struct db *);
    uint64_t (*data_version)(struct db *);
    void (*wait_change)(struct db *, int timeout_ms); /* optional: else a 1 ms sleep */
    void (*bulk)(struct db *, bool);
    enum err (*read_begin)(struct db *);
    void (*read_end)(struct db *);
    /* optional: one snapshot for several statements (db_snapshot_begin); else read_begin's */
    enum err (*snapshot_begin)(struct db *);
    void (*snapshot_end)(struct db *);
    bool (*unavailable)(struct db *);
    void (*optimize)(struct db *);
    /* optional: plan every prepared statement once without running it (db_prepare_all) */
    void (*plan_all)(struct db *);
    /* optional: run a statement whose rows are not wanted; may defer its result in bulk
     * mode (PostgreSQL pipelines), reporting a failure on a later call */
    enum err (*run)(struct db_stmt *);
    long (*bulk_failed_at)(struct db *);
    enum err (*bulk_sync)(struct db *);
};

/* Every backend's struct db starts with this header. */
struct db {
    const struct db_ops *ops;
    enum db_kind kind;
    bool in_tx;
};

/* Every backend's struct db_stmt starts with this header. */
struct db_stmt {
    struct db *db;
    enum q q;
};

/*
 * A backend registers itself with one of these (sqlite.c, pg.c); backends.c lists them
 * for db_open, which asks each in turn whether it claims a URL. So the dispatcher names no
 * backend, and a backend uses no part of the dispatcher: shared helpers are in sqltext.c.
 */
struct db_backend {
    const char *name;
    bool (*claims)(const char *url);
    enum err (*open)(const char *url, const struct db_opts *opts, struct db **out);
};

extern const struct db_backend db_sqlite_backend, db_pg_backend;

/* SQL text (sqltext.c): the next $n placeholder outside quoted literals, or NULL; the
 * highest n in a statement. db_sql_rewrite (db.h) uses the same scan. */
const char *db_sql_placeholder(const char *sql);
int db_sql_max_param(const char *sql);
extern const struct db_backend *const db_backends[]; /* NULL-terminated, asked in order */
enum err db_exec_script(struct db *db, const char *sql);

#endif
