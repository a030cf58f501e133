/*
 * test_obscount.c — an indicator's stored count of observations (migration 0023:
 * observation_count, a row emptied by triggers whenever the indicator's observations are
 * inserted or deleted, refilled by indicator_counts_refresh before every samverka write of
 * observations commits). After every kind of write (a value added, changed and removed one
 * at a time, an import that replaces, one that merges, one that removes everything) the
 * count is stored and is what indicator_get says, and both equal the number of rows written
 * as the test counts them itself; a write of another indicator leaves this one's stored
 * count alone; a write that does not refresh (psql, say) empties the row and the read
 * counts afresh, right, until the next samverka write stores it again. On SQLite, and on
 * PostgreSQL when the test cluster's variables are set.
 */
#include <stdio.h>
#include <string.h>

#include "both.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/observation.h"
#include "tap.h"

#define WHO "obscount-test"

/* The count stored for indicator id, -1 when none is stored (or on failure). */
static int64_t
stored(struct db *db, int64_t id)
{
    struct db_stmt *st = db_stmt(db, Q_OBSERVATION_COUNT_STORED);
    int64_t n = -1;
    bool row = false;

    if (st == NULL)
        return -1;
    db_bind_i64(st, 1, id);
    if (db_step(st, &row) == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

/* What indicator_get says of indicator id's observations, -1 on failure. */
static int64_t
shown(struct db *db, int64_t id)
{
    struct indicator ind;
    struct arena a;
    int64_t n = -1;

    arena_init(&a);
    if (indicator_get(db, &a, id, &ind) == ERR_OK)
        n = ind.n_observations;
    arena_free(&a);
    return n;
}

/* Import data (CSV) into indicator id in mode; true when it committed. */
static bool
import(struct db *db, int64_t id, const char *data, enum import_mode mode, bool allow_empty)
{
    struct import_opts o = {.mode = mode, .allow_empty = allow_empty};
    struct import_result r;
    struct tidy_error e = {0};
    struct import *im;

    if (import_begin(db, id, IMPORT_CSV, WHO, 0, &o, &im) != ERR_OK)
        return false;
    if (import_feed(im, data, strlen(data)) != ERR_OK) {
        import_abort(im);
        return false;
    }
    if (import_finish_result(im, &r, &e) != ERR_OK) {
        diag("import: line %ld column %d: %s", e.line, e.column, e.msg);
        return false;
    }
    return true;
}

/* The count of indicator id is stored, shown and n. */
static void
check(struct db *db, int64_t id, const char *when, int64_t n)
{
    ok(stored(db, id) == n && shown(db, id) == n,
       "%s: %s: %lld observations, stored (%lld) and shown (%lld)", backend, when, (long long)n,
       (long long)stored(db, id), (long long)shown(db, id));
}

static int64_t
new_indicator(struct db *db, int64_t objective, const char *title)
{
    struct indicator_new ind = {.title_sv = title,
                                .decimals = 1,
                                .weight = 1,
                                .progress = {.target_kind = "none", .direction = "increase"}};
    struct write_error e = {0};
    int64_t id = 0;

    ind.objective_id = objective;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &ind, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static void
test_all(struct db *db)
{
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    struct observation_in in = {.key = {.year = 2024}, .value = 12.5};
    struct write_error e = {0};
    int64_t mission, objective = 0, ind, other;
    bool created = false;

    mission = both_mission(db, "obscount");
    o.mission_id = mission;
    ok(mission > 0 && db_begin(db) == ERR_OK &&
           objective_create(db, &o, "test", &objective, &e) == ERR_OK && db_commit(db) == ERR_OK,
       "%s: a mission and an objective", backend);
    ind = new_indicator(db, objective, "Räknad");
    other = new_indicator(db, objective, "Granne");
    ok(ind > 0 && other > 0, "%s: two indicators", backend);
    ok(shown(db, ind) == 0, "%s: a new indicator has no observations", backend);

    /* the neighbour's count, stored before anything is written to the first */
    ok(import(db, other, "Year,Value\n2020,1\n2021,2\n2022,3\n", IMPORT_REPLACE, false),
       "%s: three values are imported into the second indicator", backend);
    check(db, other, "the second indicator", 3);

    ok(observation_put(db, ind, &in, WHO, 1000, &created, &e) == ERR_OK && created,
       "%s: a value is added", backend);
    check(db, ind, "after a value added", 1);
    in.key.year = 2025;
    ok(observation_put(db, ind, &in, WHO, 1001, &created, &e) == ERR_OK && created,
       "%s: a second value is added", backend);
    check(db, ind, "after a second value", 2);
    in.value = 13;
    ok(observation_put(db, ind, &in, WHO, 1002, &created, &e) == ERR_OK && !created,
       "%s: the second value is changed", backend);
    check(db, ind, "after a change of value", 2);
    ok(observation_remove(db, ind, &in.key, WHO, 1003, &e) == ERR_OK,
       "%s: the second value is removed", backend);
    check(db, ind, "after a removal", 1);

    ok(import(db, ind, "Year,Sex,Value\n2018,,1\n2019,,2\n2020,,3\n2018,F,4\n2019,F,5\n2020,F,6\n",
              IMPORT_REPLACE, false),
       "%s: a file of six values replaces them", backend);
    check(db, ind, "after an import that replaces", 6);
    ok(import(db, ind, "Year,Value\n2020,30\n2021,31\n", IMPORT_MERGE, false),
       "%s: a file of two values, one of them new, is merged", backend);
    check(db, ind, "after an import that merges", 7);
    check(db, other, "the second indicator, after the first one's writes", 3);

    /* a write that does not refresh (as psql would): the row is emptied, the read counts */
    ok(db_begin(db) == ERR_OK, "%s: a raw insert begins", backend);
    ok(both_observation_raw(db, ind, 2030, 1) && db_commit(db) == ERR_OK,
       "%s: a value is inserted without the refresh", backend);
    ok(stored(db, ind) == -1, "%s:   its indicator's stored count is gone", backend);
    ok(shown(db, ind) == 8, "%s:   and the read counts afresh: 8 (%lld)", backend,
       (long long)shown(db, ind));
    check(db, other, "the second indicator, after the raw insert", 3);
    ok(db_begin(db) == ERR_OK && mission_counts_refresh(db) == ERR_OK && db_commit(db) == ERR_OK,
       "%s: the refresh of the next write", backend);
    check(db, ind, "after the next write's refresh", 8);

    ok(import(db, ind, "Year,Value\n", IMPORT_REPLACE, true),
       "%s: an empty file replaces everything", backend);
    check(db, ind, "after an import that removes everything", 0);
}

int
main(void)
{
    return both_main("obscount", test_all);
}
