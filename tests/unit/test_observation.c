/*
 * test_observation.c — src/domain/observation.c, one observation at a time: a new value
 * and a changed one are stored and logged with exactly the fields that changed (value,
 * source, note), the same value again writes nothing, the breakdown values make their own
 * series, a removal is logged with what it removed, and every refusal names the input's
 * field and changes nothing. On SQLite, and on PostgreSQL when tests/run-all.sh has started
 * its throwaway cluster (a mission of its own each run, so the shared database is no
 * bother).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "both.h"
#include "core/log.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/observation.h"
#include "domain/refdata.h"
#include "tap.h"

#define WHO "coordinator@example.org"

static int64_t
entries(struct db *db, int64_t indicator)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (audit_history(db, &a, "observation", indicator, 0, &pg, &e, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

/* The newest entry of the indicator's observations is action with detail and changes. */
static void
logged(struct db *db, int64_t indicator, const char *action, const char *detail,
       const char *changes, const char *what)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total;
    int n = 0;
    bool good;

    arena_init(&a);
    good = audit_history(db, &a, "observation", indicator, 0, &pg, &e, &n, &total) == ERR_OK &&
           n == 1 && strcmp(e[0].action, action) == 0 && strcmp(e[0].detail, detail) == 0 &&
           strcmp(e[0].changes, changes) == 0 && strcmp(e[0].who, WHO) == 0;
    ok(good, "%s: %s: logged as %s \"%s\" %s", backend, what, action, detail, changes);
    if (!good && n == 1)
        diag("got %s \"%s\" %s by %s", e[0].action, e[0].detail, e[0].changes, e[0].who);
    arena_free(&a);
}

static int64_t
count(struct db *db, int64_t indicator)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_OBSERVATION_COUNT);
    int64_t n = -1;
    bool row;

    if (st == NULL)
        return -1;
    db_bind_i64(st, 1, indicator);
    if (db_step(st, &row) == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

/* A refusal: ERR_INVALID naming field, no row and no audit entry more. */
static void
refused(struct db *db, int64_t indicator, const struct observation_in *in, const char *field,
        const char *what)
{
    struct write_error e = {0};
    int64_t rows = count(db, indicator), logs = entries(db, indicator);
    bool created = true;
    enum err rc;

    rc = observation_put(db, indicator, in, WHO, 1000, &created, &e);
    ok(rc == ERR_INVALID && e.field != NULL && strcmp(e.field, field) == 0 && !created,
       "%s: %s is refused, naming %s (%s: %s)", backend, what, field, e.field ? e.field : "-",
       e.msg ? e.msg : "-");
    ok(count(db, indicator) == rows && entries(db, indicator) == logs,
       "%s:   and nothing is stored or logged", backend);
}

static void
test_all(struct db *db)
{
    struct mission_new m = {.title_sv = "Enstaka värden",
                            .goal_sv = "Mål",
                            .deadline = "2030-12-31",
                            .start_year = 2024,
                            .status = "active"};
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    static const char *const dims[] = {"Kön", "Ålder"};
    struct indicator_new ind = {.title_sv = "Andel",
                                .decimals = 1,
                                .weight = 1,
                                .dimensions = dims,
                                .n_dimensions = 2,
                                .progress = {.target_kind = "none", .direction = "increase"}};
    struct observation_in in = {.key = {.year = 2024}, .value = 12.5};
    struct write_error e = {0};
    struct observation ob;
    struct arena a;
    char slug[64], longtext[1100];
    int64_t mission, objective, indicator;
    bool created = false;
    const char *cells[3] = {"Flickor", "", "x"};

    snprintf(slug, sizeof(slug), "obs-%lld-%ld", (long long)time(NULL), (long)getpid());
    m.slug = slug;
    if (db_begin(db) != ERR_OK || mission_create(db, &m, "test", &mission, &e) != ERR_OK)
        bail_out("%s: cannot create the mission", backend);
    o.mission_id = mission;
    if (objective_create(db, &o, "test", &objective, &e) != ERR_OK)
        bail_out("%s: cannot create the objective", backend);
    ind.objective_id = objective;
    if (indicator_create(db, &ind, "test", &indicator, &e) != ERR_OK || db_commit(db) != ERR_OK)
        bail_out("%s: cannot create the indicator (%s: %s)", backend, e.field, e.msg);
    arena_init(&a);

    /* a new value of the total */
    ok((observation_put(db, indicator, &in, WHO, 1000, &created, &e)) == (ERR_OK),
       "%s: a new value is stored", backend);
    ok(created, "%s:   as a new observation", backend);
    logged(db, indicator, "create", "2024", "{\"value\":[null,12.5]}", "a new value");
    ok(observation_find(db, &a, indicator, &in.key, &ob, &e) == ERR_OK && ob.value == 12.5 &&
           strcmp(ob.period, "2024") == 0 && strcmp(ob.disagg, "") == 0,
       "%s:   and found at its key, period 2024, the total", backend);

    /* the same again: nothing */
    ok((observation_put(db, indicator, &in, WHO, 1001, &created, &e)) == (ERR_OK),
       "%s: the same value again succeeds", backend);
    ok(!created && entries(db, indicator) == 1, "%s:   and writes and logs nothing", backend);

    /* a change of the value and a note */
    in.value = 13;
    in.note = "preliminärt";
    ok((observation_put(db, indicator, &in, WHO, 1002, &created, &e)) == (ERR_OK),
       "%s: a changed value is stored", backend);
    ok(!created && count(db, indicator) == 1, "%s:   in place of the old one", backend);
    logged(db, indicator, "update", "2024", "{\"value\":[12.5,13],\"note\":[null,\"preliminärt\"]}",
           "a changed value and a new note");

    /* a breakdown: its own series */
    in.key.cells = cells;
    in.key.n_cells = 2;
    in.value = 7.25;
    in.note = NULL;
    in.source = "SCB";
    ok((observation_put(db, indicator, &in, WHO, 1003, &created, &e)) == (ERR_OK),
       "%s: a value for girls is stored", backend);
    ok(created && count(db, indicator) == 2, "%s:   as a second observation", backend);
    logged(db, indicator, "create", "2024 Kön=Flickor",
           "{\"value\":[null,7.25],\"source\":[null,\"SCB\"]}", "a value of a breakdown");
    ok(observation_find(db, &a, indicator, &in.key, &ob, &e) == ERR_OK && ob.value == 7.25 &&
           strcmp(ob.disagg, "Kön=Flickor") == 0 && strcmp(ob.source, "SCB") == 0,
       "%s:   stored with the canonical breakdown Kön=Flickor", backend);

    /* refusals */
    in.key.year = 1800;
    refused(db, indicator, &in, "year", "a year before 1900");
    in.key.year = 2024;
    in.value = NAN;
    refused(db, indicator, &in, "value", "a value that is not a number");
    in.value = 2e15;
    refused(db, indicator, &in, "value", "a value over 1e15");
    in.value = 1;
    in.key.n_cells = 3;
    refused(db, indicator, &in, "cells", "more breakdown values than the indicator has");
    in.key.n_cells = 1;
    cells[0] = "a\x1f"
               "b";
    refused(db, indicator, &in, "cells", "a breakdown value with the separator");
    cells[0] = "Flickor";
    memset(longtext, 'x', sizeof(longtext) - 1);
    longtext[sizeof(longtext) - 1] = '\0';
    in.source = longtext;
    refused(db, indicator, &in, "source", "a source over 1024 bytes");
    in.source = NULL;
    in.note = "\xff";
    refused(db, indicator, &in, "note", "a note that is not UTF-8");
    in.note = NULL;
    ok((observation_put(db, indicator + 100000, &in, WHO, 1004, &created, &e)) == (ERR_NOTFOUND),
       "%s: a value for an unknown indicator is ERR_NOTFOUND", backend);

    /* removal */
    in.key.n_cells = 2;
    ok((observation_remove(db, indicator, &in.key, WHO, 1005, &e)) == (ERR_OK),
       "%s: a value is removed", backend);
    ok(count(db, indicator) == 1 &&
           observation_find(db, &a, indicator, &in.key, &ob, &e) == ERR_NOTFOUND,
       "%s:   and is gone, the other kept", backend);
    logged(db, indicator, "remove", "2024 Kön=Flickor",
           "{\"value\":[7.25,null],\"source\":[\"SCB\",null]}", "a removal");
    ok((observation_remove(db, indicator, &in.key, WHO, 1006, &e)) == (ERR_NOTFOUND),
       "%s: removing it again is ERR_NOTFOUND", backend);
    ok((entries(db, indicator)) == (4), "%s:   and logs nothing", backend);
    arena_free(&a);
}

int
main(void)
{
    return both_main("obs", test_all);
}
