/*
 * test_db.c — src/db: the $n -> ?n rewrite, migrations, preparing every
 * statement of the query table against a fresh schema, the reference data,
 * transactions and foreign keys. Runs on a SQLite file in a fresh temporary
 * directory, removed at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "db/db.h"
#include "domain/refdata.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
test_rewrite(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", ""},
        {"SELECT 1", "SELECT 1"},
        {"SELECT $1", "SELECT ?1"},
        {"a = $1 AND b = $12", "a = ?1 AND b = ?12"},
        {"($1,$2,$3)", "(?1,?2,?3)"},
        {"x = '$1'", "x = '$1'"},
        {"x = \"$1\"", "x = \"$1\""},
        {"a = $1 AND b = '$2' AND c = $3", "a = ?1 AND b = '$2' AND c = ?3"},
        {"'it''s $1' || $2", "'it''s $1' || ?2"},
        {"\"a'b\" = $1", "\"a'b\" = ?1"},
        {"'a\"b' = $1", "'a\"b' = ?1"},
        {"price > '$' AND $4", "price > '$' AND ?4"},
        {"$0 $ $a $$", "$0 $ $a $$"},
        {"$9$1", "?9?1"},
    };
    char out[128];
    size_t i;

    for (i = 0; i < N(cases); i++) {
        memset(out, 'Z', sizeof(out));
        db_sql_rewrite(cases[i].in, out);
        is_str(out, cases[i].want, cases[i].in[0] ? cases[i].in : "(empty)");
    }
}

/*
 * No two statements of the table have the same SQL on both backends: one
 * statement per thing it does, named for its entity (a second copy under a
 * consumer's name drifts from the first).
 */
static void
test_unique_sql(void)
{
    int a, b, n_same = 0;

    for (a = 0; a < Q__MAX; a++)
        for (b = a + 1; b < Q__MAX; b++)
            if (strcmp(query_sql((enum q)a, DB_SQLITE), query_sql((enum q)b, DB_SQLITE)) == 0 &&
                strcmp(query_sql((enum q)a, DB_PG), query_sql((enum q)b, DB_PG)) == 0) {
                diag("%s and %s have the same SQL", query_name((enum q)a), query_name((enum q)b));
                n_same++;
            }
    ok(n_same == 0, "no two of the %d statements have the same SQL on both backends", Q__MAX);
}

/* One number from a COUNT(*)-style query with up to one integer parameter. */
static int64_t
count(struct db *db, enum q q, bool bind, int64_t arg)
{
    struct db_stmt *st;
    bool row = false;
    int64_t v = -1;

    st = db_stmt(db, q);
    if (st == NULL)
        return -1;
    if (bind)
        db_bind_i64(st, 1, arg);
    if (db_step(st, &row) == ERR_OK && row)
        v = db_i64(st, 0);
    db_done(st);
    return v;
}

/* Municipalities: there is no count query, so look up every four-digit code. */
static int
count_municipalities(struct db *db, const char **out_0114, const char **out_county)
{
    static char name[64], county[64];
    struct db_stmt *st;
    char code[8];
    bool row;
    int i, n = 0;

    *out_0114 = *out_county = NULL;
    for (i = 0; i <= 9999; i++) {
        snprintf(code, sizeof(code), "%04d", i);
        st = db_stmt(db, Q_MUNICIPALITY_GET);
        if (st == NULL)
            return -1;
        db_bind_text(st, 1, code);
        if (db_step(st, &row) != ERR_OK) {
            db_done(st);
            return -1;
        }
        if (row) {
            n++;
            if (i == 114) {
                snprintf(name, sizeof(name), "%s", db_text(st, 1));
                snprintf(county, sizeof(county), "%s", db_text(st, 3));
                *out_0114 = name;
                *out_county = county;
            }
        }
        db_done(st);
    }
    return n;
}

static enum err
add_goal(struct db *db, int64_t code)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_GOAL_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, code);
    db_bind_text(st, 2, "Test goal");
    db_bind_text(st, 3, "Test");
    db_bind_text(st, 4, "Test");
    db_bind_text(st, 5, "#000000");
    return db_run(st);
}

static enum err
add_target(struct db *db, const char *code, int64_t goal)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_TARGET_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, code);
    db_bind_i64(st, 2, goal);
    db_bind_i64(st, 3, 99);
    db_bind_text(st, 4, "Test target");
    return db_run(st);
}

/*
 * db_type reports what each column of a row holds, as the copy binds it: a mission and an
 * objective (integers, texts, a NULL parent, a double weight) inserted in a transaction
 * that is rolled back. A backend reading every value as text, or a double as an integer,
 * fails here (the copy's round trip alone would not notice: both databases convert text
 * to a number on the way in).
 */
static void
test_column_types(struct db *db, const char *label)
{
    static const enum db_type want[] = {DB_INTEGER, DB_INTEGER, DB_NULL, DB_INTEGER, DB_TEXT,
                                        DB_TEXT,    DB_TEXT,    DB_TEXT, DB_DOUBLE,  DB_NULL};
    struct db_stmt *st;
    /* the objective's four texts, and their lengths in bytes as written here */
    static const char *const texts[] = {"", "\xc3\xa5", "M\xc3\xa5let", "o"};
    static const size_t text_bytes[] = {0, 2, 6, 1};
    bool row = false;
    int c, n_bad = 0;
    size_t len;

    if (!ok(db_begin(db) == ERR_OK, "%s: db_begin for the column types", label))
        return;
    st = db_stmt(db, Q_COPY_MISSION_PUT);
    db_bind_i64(st, 1, 7001);
    db_bind_text(st, 2, "types");
    for (c = 3; c <= 8; c++)
        db_bind_text(st, c, "t");
    db_bind_text(st, 9, "2030-12-31");
    db_bind_i64(st, 10, 2020);
    db_bind_text(st, 11, "active");
    db_bind_null(st, 12);
    db_bind_i64(st, 13, 1);
    db_bind_i64(st, 14, 0);
    db_bind_i64(st, 15, 1700000000);
    db_bind_null(st, 16);
    ok(db_run(st) == ERR_OK, "%s: insert a mission", label);
    st = db_stmt(db, Q_COPY_OBJECTIVE_PUT);
    db_bind_i64(st, 1, 7002);
    db_bind_i64(st, 2, 7001);
    db_bind_null(st, 3);
    db_bind_i64(st, 4, 3);
    for (c = 5; c <= 8; c++)
        db_bind_text(st, c, texts[c - 5]);
    db_bind_dbl(st, 9, 1.5);
    db_bind_null(st, 10);
    ok(db_run(st) == ERR_OK, "%s: insert an objective", label);
    st = db_stmt(db, Q_COPY_OBJECTIVE_GET);
    /* other suites may have committed objectives on the shared PostgreSQL cluster: this
     * test's is the one with its id */
    while (st != NULL && db_step(st, &row) == ERR_OK && row && db_i64(st, 0) != 7002)
        ;
    if (ok(st != NULL && row && db_i64(st, 0) == 7002, "%s: read the objective back", label)) {
        ok(db_columns(st) == (int)N(want), "%s: db_columns counts the result's %d columns", label,
           (int)N(want));
        for (c = 0; c < (int)N(want); c++)
            if (db_type(st, c) != want[c]) {
                diag("%s: column %d is of type %d, not %d", label, c, (int)db_type(st, c),
                     (int)want[c]);
                n_bad++;
            }
        ok(n_bad == 0, "%s: db_type gives integer, NULL, text and double as stored", label);
        ok(db_dbl(st, 8) == 1.5, "%s: the double reads back as 1.5", label);
        for (c = 0, n_bad = 0; c < 4; c++) {
            const char *t = db_textn(st, 4 + c, &len);

            if (t == NULL || len != text_bytes[c] || memcmp(t, texts[c], len + 1) != 0) {
                diag("%s: text column %d: %zu bytes", label, 4 + c, len);
                n_bad++;
            }
        }
        len = 99;
        ok(n_bad == 0 && db_textn(st, 2, &len) == NULL && len == 0,
           "%s: db_textn gives each text's length in bytes (UTF-8, empty), and 0 for NULL", label);
    }
    if (st != NULL)
        db_done(st);
    db_rollback(db);
}

static int64_t
views_total(struct db *db, const char *page)
{
    struct db_stmt *st = db_stmt(db, Q_PAGE_VIEWS);
    bool row = false;
    int64_t v = -1;

    if (st == NULL)
        return -1;
    db_bind_text(st, 1, page);
    db_bind_text(st, 2, "9999-12-31");
    if (db_step(st, &row) == ERR_OK && row && db_i64(st, 0) == 0)
        v = db_i64(st, 1);
    db_done(st);
    return v;
}

/*
 * db_snapshot_begin: a write another connection commits meanwhile is not seen until
 * db_snapshot_end (the bulk download reads many tables in one snapshot). On PostgreSQL a
 * plain BEGIN (READ COMMITTED) would see it: this fails then.
 */
static void
test_snapshot(struct db *a, struct db *b, const char *label)
{
    struct db_stmt *st;
    char page[64];
    int64_t t1, t2;

    snprintf(page, sizeof(page), "/test-snapshot-%ld", (long)getpid());
    ok(db_snapshot_begin(a) == ERR_OK, "%s: db_snapshot_begin", label);
    t1 = views_total(a, page);
    ok(db_begin(b) == ERR_OK, "%s: another connection begins a write", label);
    st = db_stmt(b, Q_PAGE_VIEW_ADD);
    if (st != NULL) {
        db_bind_text(st, 1, page);
        db_bind_text(st, 2, "2026-01-01");
        db_bind_i64(st, 3, 5);
    }
    ok(st != NULL && db_run(st) == ERR_OK, "%s: ... adds 5 views", label);
    ok(db_commit(b) == ERR_OK, "%s: ... and commits", label);
    t2 = views_total(a, page);
    ok(t1 >= 0 && t2 == t1, "%s: inside the snapshot the commit is not seen (%lld, %lld)", label,
       (long long)t1, (long long)t2);
    db_snapshot_end(a);
    ok(views_total(a, page) == t1 + 5, "%s: after db_snapshot_end it is", label);
}

static void
test_database(const char *path)
{
    struct db_opts opts = {.create = true};
    struct db *db = NULL;
    enum q failed = Q__MAX;
    enum err rc;
    int applied = -1, version, q, n_bad = 0;
    const char *name, *county;
    struct db_stmt *st;
    bool row;

    rc = db_open(path, &opts, &db);
    if (rc != ERR_OK || db == NULL)
        bail_out("cannot open a SQLite database at %s (%s)", path, err_str(rc));
    ok(access(path, F_OK) == 0, "db_open with create makes the file");
    is_int(db_kind(db), DB_SQLITE, "a file path opens the SQLite backend");

    /* migrations */
    is_int(db_migrate(db, &applied), ERR_OK, "db_migrate on a fresh file succeeds");
    ok(applied >= 1, "db_migrate applied %d migration(s)", applied);
    version = db_schema_version(db);
    ok(version >= 1, "schema version is %d (>= 1)", version);
    applied = -1;
    is_int(db_migrate(db, &applied), ERR_OK, "db_migrate again succeeds");
    is_int(applied, 0, "the second db_migrate applies nothing");
    is_int(db_schema_version(db), version, "the schema version is unchanged");

    /* every statement of the query table prepares against the fresh schema */
    for (q = 0; q < Q__MAX; q++) {
        st = db_stmt(db, (enum q)q);
        if (!ok(st != NULL, "prepare %s", query_name((enum q)q)))
            n_bad++;
        if (st != NULL)
            db_done(st);
    }
    rc = db_prepare_all(db, &failed);
    ok(rc == ERR_OK, "db_prepare_all: all %d statements prepare", Q__MAX);
    if (rc != ERR_OK)
        diag("first failing query: %s", failed < Q__MAX ? query_name(failed) : "?");
    ok(db_stmt(db, Q__MAX) == NULL, "db_stmt(Q__MAX) is NULL, not out of bounds");

    /* a rolled-back transaction leaves nothing */
    is_int(count(db, Q_SDG_GOAL_COUNT, false, 0), 0, "a fresh schema has no goals");
    is_int(db_begin(db), ERR_OK, "db_begin");
    is_int(add_goal(db, 1), ERR_OK, "insert a goal inside the transaction");
    is_int(count(db, Q_SDG_GOAL_COUNT, false, 0), 1, "the transaction sees its own insert");
    db_rollback(db);
    is_int(count(db, Q_SDG_GOAL_COUNT, false, 0), 0, "after db_rollback the goal is gone");
    db_rollback(db); /* outside a transaction: a no-op */
    is_int(db_begin(db), ERR_OK, "a second db_rollback is a no-op: db_begin works after it");
    db_rollback(db);

    /* the reference data */
    is_int(db_begin(db), ERR_OK, "db_begin for refdata_load");
    rc = refdata_load(db);
    is_int(rc, ERR_OK, "refdata_load succeeds");
    if (rc == ERR_OK)
        is_int(db_commit(db), ERR_OK, "db_commit");
    else
        db_rollback(db);
    is_int(count(db, Q_SDG_GOAL_COUNT, false, 0), 17, "17 SDG goals");
    is_int(count(db, Q_SDG_TARGETS_COUNT, true, 0), 169, "169 SDG targets");
    is_int(count(db, Q_SDG_TARGETS_COUNT, true, 17), 19, "goal 17 has 19 targets");
    is_int(count(db, Q_SDG_INDICATORS_COUNT, true, 0), 254, "254 SDG indicator rows");
    is_int(count_municipalities(db, &name, &county), 290, "290 municipalities");
    is_str(name, "Upplands V\xc3\xa4sby", "municipality 0114 has its short name");
    is_str(county, "Stockholms l\xc3\xa4n", "municipality 0114 joins its county");

    st = db_stmt(db, Q_SDG_GOAL_GET);
    db_bind_i64(st, 1, 13);
    row = false;
    ok(db_step(st, &row) == ERR_OK && row && strcmp(db_text(st, 4), "#3F7E44") == 0,
       "goal 13 has the UN colour #3F7E44");
    db_done(st);

    /* constraints: duplicate primary key, and foreign keys are enforced */
    is_int(add_goal(db, 1), ERR_CONFLICT, "inserting goal 1 again is ERR_CONFLICT");
    is_int(add_target(db, "99.1", 99), ERR_CONFLICT,
           "a target of a goal that does not exist is ERR_CONFLICT (foreign_keys on)");
    st = db_stmt(db, Q_SDG_TARGET_GET);
    db_bind_text(st, 1, "99.1");
    row = true;
    ok(db_step(st, &row) == ERR_OK && !row, "and it was not stored");
    db_done(st);
    is_int(db_begin(db), ERR_OK, "db_begin (control)");
    is_int(add_target(db, "1.z", 1), ERR_OK, "the same insert with an existing goal succeeds");
    db_rollback(db);
    is_int(count(db, Q_SDG_TARGETS_COUNT, true, 1), 7, "goal 1 still has 7 targets after rollback");
    test_column_types(db, "sqlite");
    {
        struct db *b = NULL;

        opts.create = false;
        if (ok(db_open(path, &opts, &b) == ERR_OK, "sqlite: a second connection opens"))
            test_snapshot(db, b, "sqlite");
        if (b != NULL)
            db_close(b);
        opts.create = true;
    }

    db_close(db);

    /* reopen without create: the data is there */
    opts.create = false;
    rc = db_open(path, &opts, &db);
    ok(rc == ERR_OK && db != NULL, "db_open of the existing file without create");
    if (db != NULL) {
        is_int(count(db, Q_SDG_GOAL_COUNT, false, 0), 17, "the committed goals persist");
        db_close(db);
    }
}

/*
 * The same schema and query table on PostgreSQL, when tests/run-all.sh has
 * started its throwaway cluster (SAMVERKA_TEST_PG_DIR, SAMVERKA_TEST_PG_PORT):
 * migrations apply (and a second run applies none), and every statement of
 * the table prepares.
 */
static void
test_postgres(void)
{
    const char *dir = getenv("SAMVERKA_TEST_PG_DIR"), *port = getenv("SAMVERKA_TEST_PG_PORT");
    char url[600];
    struct db *db;
    enum q failed = Q__MAX;
    int n = -1;

    if (dir == NULL || port == NULL) {
        diag("no PostgreSQL test cluster: the PostgreSQL checks run under tests/run-all.sh");
        return;
    }
    snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", dir, port);
    if (!ok(db_open(url, NULL, &db) == ERR_OK, "postgres: connects to the test cluster"))
        return;
    is_int(db_kind(db), DB_PG, "postgres: the URL selects the PostgreSQL backend");
    ok(db_migrate(db, &n) == ERR_OK, "postgres: migrations apply");
    ok(db_migrate(db, &n) == ERR_OK && n == 0, "postgres: a second run applies none");
    ok(db_schema_version(db) >= 4, "postgres: schema version tracked (%d)", db_schema_version(db));
    ok(db_prepare_all(db, &failed) == ERR_OK, "postgres: every statement of the table prepares%s%s",
       failed < Q__MAX ? ": failed at " : "", failed < Q__MAX ? query_name(failed) : "");
    test_column_types(db, "postgres");
    {
        struct db *b = NULL;

        if (ok(db_open(url, NULL, &b) == ERR_OK, "postgres: a second connection opens"))
            test_snapshot(db, b, "postgres");
        if (b != NULL)
            db_close(b);
    }
    db_close(db);
}

static void
test_open_errors(const char *dir)
{
    struct db_opts opts = {.create = false};
    struct db *db = (struct db *)1;
    char path[600];

    snprintf(path, sizeof(path), "%s/missing.db", dir);
    is_int(db_open(path, &opts, &db), ERR_NOTFOUND, "db_open of a missing file is ERR_NOTFOUND");
    ok(db == NULL, "and *out is NULL");
    ok(access(path, F_OK) != 0, "and no file was created");
    db = (struct db *)1;
    is_int(db_open("mysql://x", &opts, &db), ERR_INVALID, "an unknown URL scheme is ERR_INVALID");
    ok(db == NULL, "and *out is NULL");
    is_int(db_open("", &opts, &db), ERR_INVALID, "an empty URL is ERR_INVALID");
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], path[560], side[600];
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    size_t i;

    log_threshold = LOG_ERROR + 1; /* expected failures log; keep the TAP output clean */
    test_rewrite();
    test_unique_sql();

    snprintf(dir, sizeof(dir), "%s/samverka-test-db.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp %s failed", dir);
    snprintf(path, sizeof(path), "%s/test.db", dir);
    test_database(path);
    test_open_errors(dir);
    test_postgres();

    for (i = 0; i < N(suffixes); i++) {
        snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
        unlink(side);
    }
    if (rmdir(dir) != 0)
        diag("could not remove %s", dir);
    return done_testing();
}
