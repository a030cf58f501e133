/*
 * test_db_watch.c — the change watcher's connection (db_opts.watch, src/db/sqlite.c and
 * pg.c): its own commits (the page views it writes) do not move its data version, while
 * every other connection's do, also one that came between the watcher's last look and its
 * own write; on PostgreSQL also one still running while the watcher writes, and one that
 * took its id before a newer transaction and commits after it. An ordinary connection's own
 * commits still move its own data version.
 *
 * SQLite on a temporary file; PostgreSQL too when tests/run-all.sh has started its test
 * cluster (SAMVERKA_TEST_PG_DIR, SAMVERKA_TEST_PG_PORT).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#include "core/log.h"
#include "db/db.h"
#include "domain/audit.h"

/* One write through db, as the server's flush makes it. */
static enum err
write_view(struct db *db, const char *page)
{
    struct page_count c = {page, 1};

    return page_views_add(db, 86400 * 20000, &c, 1);
}

/* A write inside the caller's transaction (it takes a transaction id and holds it). */
static enum err
insert_view(struct db *db, const char *page)
{
    struct db_stmt *st = db_stmt(db, Q_PAGE_VIEW_ADD);

    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, page);
    db_bind_text(st, 2, "2024-10-04");
    db_bind_i64(st, 3, 1);
    return db_run(st);
}

/*
 * PostgreSQL: a transaction that began writing before a newer one committed, and commits
 * after it, still moves the data version (xmax, one past the newest completed transaction
 * id, did not: the reason the version became a snapshot, then a counter moved at commit);
 * also when it commits while the watcher's own write is under way. Neither waits for the
 * other (one thread runs them all: a wait would hang the test).
 */
static void
test_pg_order(const char *url, struct db *w, struct db *other)
{
    struct db *third = NULL, *reader = NULL;
    uint64_t v;

    if (!ok(db_open(url, NULL, &third) == ERR_OK && db_open(url, NULL, &reader) == ERR_OK,
            "postgres: two more connections"))
        goto out;
    ok(db_begin(other) == ERR_OK && insert_view(other, "/y1") == ERR_OK, "an older transaction");
    is_int(write_view(third, "/z1"), ERR_OK, "a newer one commits first");
    v = db_data_version(reader);
    is_int(db_commit(other), ERR_OK, "then the older one commits");
    ok(db_data_version(reader) != v, "postgres: the older commit moves the data version");

    ok(db_begin(other) == ERR_OK && insert_view(other, "/y2") == ERR_OK, "an older transaction");
    is_int(write_view(third, "/z2"), ERR_OK, "a newer one commits first");
    v = db_data_version(w);
    ok(db_begin(w) == ERR_OK && insert_view(w, "/w9") == ERR_OK, "the watcher begins a write");
    is_int(db_commit(other), ERR_OK, "the older transaction commits meanwhile");
    is_int(db_commit(w), ERR_OK, "the watcher commits");
    ok(db_data_version(w) != v, "postgres: the commit made during the watcher's write moves it");
out:
    db_close(third);
    db_close(reader);
}

static void
test_backend(const char *name, const char *url, bool create)
{
    struct db_opts wo = {.create = create, .watch = true}, oo = {.create = create};
    struct db *w = NULL, *other = NULL;
    uint64_t v0, v1, v2, v3, v4, o0;
    int n;

    if (!ok(db_open(url, &oo, &other) == ERR_OK && db_migrate(other, &n) == ERR_OK,
            "%s: a database with the schema", name))
        return;
    if (!ok(db_open(url, &wo, &w) == ERR_OK, "%s: a watcher's connection opens", name)) {
        db_close(other);
        return;
    }
    v0 = db_data_version(w);
    ok(v0 != 0, "%s: the watcher reads a data version", name);
    is_int(write_view(w, "/w1"), ERR_OK, "watcher writes views");
    v1 = db_data_version(w);
    ok(v1 == v0, "%s: its own write alone does not move its data version", name);
    is_int(write_view(w, "/w2"), ERR_OK, "watcher writes views again");
    ok(db_data_version(w) == v0, "%s: nor a second one", name);

    is_int(write_view(other, "/o1"), ERR_OK, "another connection writes");
    v2 = db_data_version(w);
    ok(v2 != v1, "%s: another connection's commit moves it", name);

    /* another commit the watcher has not looked at yet, then its own write */
    is_int(write_view(other, "/o2"), ERR_OK, "another connection writes, unseen");
    is_int(write_view(w, "/w3"), ERR_OK, "then the watcher writes");
    v3 = db_data_version(w);
    ok(v3 != v2, "%s: the unseen commit still moves it after the watcher's own write", name);

    if (db_kind(w) == DB_PG) {
        /* another transaction has written and not committed while the watcher writes: the
         * watcher's commit is still provably the only one (the change counter moves at a
         * commit; the snapshot it was before counted the open one too, and the watcher's own
         * write moved the version for nothing), and neither waits for the other */
        ok(db_begin(other) == ERR_OK && insert_view(other, "/o3") == ERR_OK,
           "%s: another transaction has written and is still open", name);
        is_int(write_view(w, "/w4"), ERR_OK, "the watcher writes meanwhile, without waiting");
        v4 = db_data_version(w);
        ok(v4 == v3, "%s: so its own write alone does not move it", name);
        is_int(db_commit(other), ERR_OK, "the other transaction commits");
        ok(db_data_version(w) != v4, "%s: and its commit moves it again", name);
        test_pg_order(url, w, other);
    }

    o0 = db_data_version(other);
    is_int(write_view(other, "/o4"), ERR_OK, "an ordinary connection writes");
    ok(db_data_version(other) != o0, "%s: its own commit moves its own data version", name);
    db_close(w);
    db_close(other);
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR"), *pgdir = getenv("SAMVERKA_TEST_PG_DIR"),
               *pgport = getenv("SAMVERKA_TEST_PG_PORT");
    char dir[512], path[560], url[600];
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    size_t i;

    log_threshold = LOG_ERROR + 1; /* the migrations' lines; keep the TAP output clean */
    snprintf(dir, sizeof(dir), "%s/samverka-test-watch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp %s failed", dir);
    snprintf(path, sizeof(path), "%s/watch.db", dir);
    test_backend("sqlite", path, true);
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(url, sizeof(url), "%s%s", path, suffixes[i]);
        unlink(url);
    }
    rmdir(dir);

    if (pgdir == NULL || pgport == NULL) {
        diag("no PostgreSQL test cluster: the PostgreSQL checks run under tests/run-all.sh");
    } else {
        snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", pgdir, pgport);
        test_backend("postgres", url, false);
    }
    return done_testing();
}
