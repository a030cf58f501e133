/*
 * test_latest.c — an indicator's latest headline value and base period, as a mission's goal
 * tree shows them (mission_tree_load reads them off the headline rows it assesses) and as
 * one indicator's own statement reads them (indicator_get, with an index look-up each): the
 * same for every indicator, and what the data says:
 *  - two series in the latest year: the first by Series name ("Alfa" before "Beta");
 *  - a breakdown's later year is not the headline's latest;
 *  - quarters: the latest quarter; a base year of four quarters has no base period (the
 *    year stands for them); a financial year "2009-10" is the base year's period;
 *  - no data: no latest value, no base period.
 * On SQLite, and on PostgreSQL when tests/run-all.sh has started its throwaway cluster.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "both.h"
#include "domain/assess.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/settings.h"
#include "tap.h"

static int64_t
indicator_with(struct db *db, int64_t objective, const char *title, int base_year, const char *csv)
{
    static const char *const dims[] = {"Kön"};
    struct indicator_new in = {.title_sv = title,
                               .decimals = 1,
                               .weight = 1,
                               .dimensions = dims,
                               .n_dimensions = 1,
                               .objective_id = objective,
                               .progress = {.target_kind = "none", .direction = "increase"}};
    struct indicator_settings s = {.target_kind = "none", .direction = "increase"};
    struct write_error e = {0};
    struct tidy_error te;
    struct import *im;
    const char *field, *msg;
    struct arena a;
    int64_t id = 0;
    enum err rc;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    arena_init(&a);
    s.has_base_year = base_year != 0;
    s.base_year = base_year;
    rc = settings_apply(db, &a, id, &s, "test", &field, &msg);
    arena_free(&a);
    if (rc != ERR_OK)
        return 0;
    if (csv == NULL)
        return id;
    if (import_begin(db, id, IMPORT_CSV, "test", 0, NULL, &im) != ERR_OK)
        return 0;
    import_feed(im, csv, strlen(csv));
    return import_finish(im, NULL, &te) == ERR_OK ? id : 0;
}

/* What the tree says of indicator id, against the indicator's own statement and against
 * the data: latest period and value (period NULL: none), base period (NULL: none). */
static void
check(struct db *db, const struct mission_tree *t, int64_t id, const char *what, const char *latest,
      double value, const char *base)
{
    const struct indicator *ti = NULL;
    struct indicator one;
    struct arena a;
    bool same;
    int i;

    for (i = 0; i < t->n_inds; i++)
        if (t->inds[i].id == id)
            ti = &t->inds[i];
    if (ti == NULL) {
        ok(0, "%s: %s: in the tree", backend, what);
        return;
    }
    if (latest == NULL)
        ok(!ti->has_latest, "%s: %s: no latest value", backend, what);
    else
        ok(ti->has_latest && ti->latest_period != NULL && strcmp(ti->latest_period, latest) == 0 &&
               ti->latest_value == value,
           "%s: %s: latest %s = %g (got %s = %g)", backend, what, latest, value,
           ti->has_latest ? ti->latest_period : "none", ti->latest_value);
    ok(base == NULL ? ti->base_period == NULL
                    : ti->base_period != NULL && strcmp(ti->base_period, base) == 0,
       "%s: %s: base period %s (got %s)", backend, what, base ? base : "none",
       ti->base_period ? ti->base_period : "none");
    arena_init(&a);
    same = indicator_get(db, &a, id, &one) == ERR_OK && one.has_latest == ti->has_latest &&
           one.latest_year == ti->latest_year && one.latest_value == ti->latest_value &&
           (one.latest_period == NULL) == (ti->latest_period == NULL) &&
           (one.latest_period == NULL || strcmp(one.latest_period, ti->latest_period) == 0) &&
           (one.base_period == NULL) == (ti->base_period == NULL) &&
           (one.base_period == NULL || strcmp(one.base_period, ti->base_period) == 0);
    ok(same, "%s: %s: the same as the indicator's own statement reads", backend, what);
    arena_free(&a);
}

static void
test_all(struct db *db)
{
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    struct write_error e = {0};
    struct mission_tree t;
    struct arena a;
    int64_t mission, objective, two, quarters, financial, empty;

    mission = both_mission(db, "latest");
    if (mission == 0)
        bail_out("%s: cannot create the mission", backend);
    o.mission_id = mission;
    if (db_begin(db) != ERR_OK || objective_create(db, &o, "test", &objective, &e) != ERR_OK ||
        db_commit(db) != ERR_OK)
        bail_out("%s: cannot create the objective", backend);
    two = indicator_with(db, objective, "Två serier", 2016,
                         "Year,Series,Units,Kön,Value\n"
                         "2015,Beta,st,,10\n2016,Beta,st,,11\n2020,Beta,st,,14\n"
                         "2015,Alfa,st,,20\n2016,Alfa,st,,21\n2020,Alfa,st,,24\n"
                         "2021,Alfa,st,Flickor,99\n");
    quarters = indicator_with(db, objective, "Kvartal", 2019,
                              "Year,Value\n2019 Q1,1\n2019 Q2,2\n2019 Q3,3\n2019 Q4,4\n"
                              "2020 Q1,5\n2020 Q2,6.5\n");
    financial = indicator_with(db, objective, "Budgetår", 2009,
                               "Year,Value\n2009-10,1.5\n2010-11,2.5\n2011-12,3.25\n");
    empty = indicator_with(db, objective, "Utan data", 0, NULL);
    if (two == 0 || quarters == 0 || financial == 0 || empty == 0)
        bail_out("%s: cannot create the indicators", backend);

    arena_init(&a);
    ok(mission_tree_load(db, &a, mission, &t) == ERR_OK && t.n_inds == 4,
       "%s: the mission's tree loads with its four indicators", backend);
    check(db, &t, two, "two series", "2020", 24, "2016");
    check(db, &t, quarters, "quarters", "2020 Q2", 6.5, NULL);
    check(db, &t, financial, "financial years", "2011-12", 3.25, "2009-10");
    check(db, &t, empty, "no data", NULL, 0, NULL);
    arena_free(&a);
}

int
main(void)
{
    return both_main("latest", test_all);
}
