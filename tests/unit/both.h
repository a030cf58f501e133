/*
 * both.h — for the unit tests of the domain that run on SQLite and on PostgreSQL: the run
 * itself (both_main) and the records most of them start from (an account, a mission, an
 * actor).
 *
 * both_main runs a file's checks on a fresh SQLite database in a temporary directory, then
 * on the throwaway PostgreSQL cluster that tests/run-all.sh starts (SAMVERKA_TEST_PG_DIR
 * and SAMVERKA_TEST_PG_PORT; without them it says so and stops after SQLite). That
 * database lives for the whole run-all, shared by every file, so every address and slug a
 * fixture makes carries this run's random suffix: two files, or two runs, never collide on
 * a unique key.
 *
 * It includes tap.h. Unlike tap.h this depends on src/: a fixture that fails returns 0,
 * and the check that used it fails saying so.
 */
#ifndef BOTH_H
#define BOTH_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sodium.h>

#include "core/log.h"
#include "db/db.h"
#include "domain/actor.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/registry.h"
#include "domain/user.h"
#include "tap.h"

/* the backend being tested, for the checks' names: "sqlite", then "postgres" */
static const char *backend __attribute__((unused)) = "sqlite";
/* this run's: a number, set by both_main before any check */
static char suffix[17];
/* the database being tested, for a check that opens more connections to it (db_open) */
static char both_url[700] __attribute__((unused));

/* the password of both_account's accounts (when it hashes one) */
#define BOTH_PW "correct horse battery"
/* a well-formed argon2id PHC string of no known password, for accounts that never sign in */
#define BOTH_FIXED_HASH                                                                            \
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"                                       \
    "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"

/* local.SUFFIX@example.org in buf */
TAP_FN const char *
both_address(char *buf, size_t size, const char *local)
{
    snprintf(buf, size, "%s.%s@example.org", local, suffix);
    return buf;
}

/*
 * A new account at email with role (NULL: none) and a person of its own named name, its
 * password BOTH_PW hashed (hash NULL: an argon2id hash costs tens of milliseconds) or the
 * given PHC string. Its id, 0 on failure.
 */
TAP_FN int64_t
both_account(struct db *db, const char *email, const char *role, const char *name, const char *hash,
             int64_t now)
{
    struct person_new p = {.name = name};
    struct user_new u = {.email = email, .role = role};
    struct write_error e;
    char own[USER_HASH_LEN];
    int64_t pid = 0, uid = 0;

    if (hash == NULL) {
        if (user_password_hash(&e, "password", BOTH_PW, own) != ERR_OK)
            return 0;
        hash = own;
    }
    u.password_hash = hash;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (person_create(db, &p, "test", &pid, &e) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    u.person_id = pid;
    if (user_create(db, &u, "test", now, &uid, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return uid;
}

/* A new active mission with the slug name-SUFFIX; its id, 0 on failure. */
TAP_FN int64_t
both_mission(struct db *db, const char *name)
{
    char slug[64];
    struct mission_new in = {.title_sv = "Uppdrag",
                             .title_en = "Mission",
                             .goal_sv = "Mål",
                             .goal_en = "Goal",
                             .deadline = "2030-12-31",
                             .start_year = 2024,
                             .status = "active"};
    struct write_error e;
    int64_t id = 0;

    snprintf(slug, sizeof(slug), "%s-%s", name, suffix);
    in.slug = slug;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (mission_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* A new public-sector actor with the slug name-SUFFIX; its id, 0 on failure. */
TAP_FN int64_t
both_actor(struct db *db, const char *name)
{
    char slug[64];
    struct actor_new in = {.name = "Aktör", .sector = "public"};
    struct write_error e;
    int64_t id = 0;

    snprintf(slug, sizeof(slug), "%s-%s", name, suffix);
    in.slug = slug;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (actor_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* Save actor id through the registry as an editor would, with its name or sector changed
 * (NULL: as stored) and the rest as stored; by who at now. False when it was not saved. */
TAP_FN bool
both_actor_resave(struct db *db, int64_t id, const char *name, const char *sector, const char *who,
                  int64_t now)
{
    struct actor_new in = {0};
    struct write_error e = {0};
    struct actor x;
    struct arena a;
    int64_t out;
    bool done;

    arena_init(&a);
    done = actor_get(db, &a, id, &x) == ERR_OK;
    if (done) {
        in.slug = x.slug;
        in.name = name != NULL ? name : x.name;
        in.sector = sector != NULL ? sector : x.sector;
        in.orgnr = x.orgnr;
        in.municipality = x.municipality;
        in.sni = x.sni;
        in.website = x.website;
        in.description_sv = x.description_sv;
        in.description_en = x.description_en;
        done = registry_actor_save(db, id, &in, who, now, &out, &e) == ERR_OK;
    }
    arena_free(&a);
    return done;
}

/* Whether statement q answers a row, bound to id as its parameter 1 unless id is 0 (a stored
 * count's mark: what the reads of stored counts test first); false on any error. */
TAP_FN bool
both_has_row(struct db *db, enum q q, int64_t id)
{
    struct db_stmt *st = db_stmt(db, q);
    bool row = false;

    if (st == NULL)
        return false;
    if (id != 0)
        db_bind_i64(st, 1, id);
    if (db_step(st, &row) != ERR_OK)
        row = false;
    db_done(st);
    return row;
}

/* Insert the total's value for year straight through Q_OBSERVATION_ADD, as psql would: no
 * audit entry, no refresh of what samverka keeps in step (inside the caller's transaction,
 * if any). Whether it was written. */
TAP_FN bool
both_observation_raw(struct db *db, int64_t indicator_id, int year, double value)
{
    struct db_stmt *st = db_stmt(db, Q_OBSERVATION_ADD);
    char period[16];

    if (st == NULL)
        return false;
    snprintf(period, sizeof(period), "%d", year);
    db_bind_i64(st, 1, indicator_id);
    db_bind_text(st, 2, period);
    db_bind_i64(st, 3, year);
    db_bind_text(st, 4, "");
    db_bind_text(st, 5, "");
    db_bind_text(st, 6, "");
    db_bind_dbl(st, 7, value);
    db_bind_text(st, 8, "");
    db_bind_text(st, 9, "");
    db_bind_i64(st, 10, (int64_t)year * 10000 + 101); /* period.h's key: YYYYMMDD of its start */
    db_bind_text(st, 11, "");
    db_bind_null(st, 12);
    return db_run(st) == ERR_OK;
}

/* Run test_all on SQLite and then PostgreSQL as the header says; done_testing()'s status. */
TAP_FN int
both_main(const char *name, void (*test_all)(struct db *db))
{
    const char *tmp = getenv("TMPDIR"), *dir, *port;
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640], url[700];
    static const char *const sides[] = {"", "-wal", "-shm"};
    struct db *db;
    size_t i;

    log_threshold = LOG_ERROR + 1;
    if (sodium_init() < 0)
        bail_out("sodium_init");
    snprintf(suffix, sizeof(suffix), "%u", (unsigned)randombytes_uniform(1000000) + 1);
    snprintf(tdir, sizeof(tdir), "%s/samverka-test-%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(path, sizeof(path), "%s/t.db", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    backend = "sqlite";
    snprintf(both_url, sizeof(both_url), "%s", path);
    test_all(db);
    db_close(db);
    for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, sides[i]);
        unlink(side);
    }
    rmdir(tdir);

    dir = getenv("SAMVERKA_TEST_PG_DIR");
    port = getenv("SAMVERKA_TEST_PG_PORT");
    if (dir == NULL || port == NULL) {
        diag("no PostgreSQL test cluster: the PostgreSQL checks run under tests/run-all.sh");
        return done_testing();
    }
    backend = "postgres";
    snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", dir, port);
    snprintf(both_url, sizeof(both_url), "%s", url);
    if (!ok(db_open(url, NULL, &db) == ERR_OK, "postgres: connects to the test cluster"))
        return done_testing();
    if (db_migrate(db, NULL) != ERR_OK)
        bail_out("postgres: migrations do not apply");
    test_all(db);
    db_close(db);
    return done_testing();
}

#endif
