/*
 * test_progress_log.c — src/domain/progress_log.c through the writes that call it and the
 * feed that reads it: every write that moves an indicator's assessed status from one band
 * to another (an import, one value written or removed, the progress settings, the
 * mission's start year) is one "indicator-progress" entry of the mission's Atom feed, with
 * the status and score before and after; a write that leaves the status where it was is
 * none; a refused import and a data set loaded inside its caller's transaction record
 * nothing. On SQLite and PostgreSQL.
 *
 * The expected statuses and scores are worked out by hand from docs/progress.md (method 1,
 * no target, C = 1; thresholds 1.5 % and 0.5 % a year; score 500·P − 5 above the high
 * threshold, 125·P − 2.5 below zero), not read back from the engine:
 *   2015: 100, 2020: 110         P = 1.1^(1/5) − 1 = 1.9245 %   substantial, 4.6225
 *   ... and 2021: 90             P = 0.9^(1/6) − 1 = −1.7407 %  deterioration, −4.6759
 *   ... and 2021: 89             P = 0.89^(1/6) − 1 = −1.9234 % deterioration, −4.9043
 *   base 2018 (120), 2020: 110   P = (110/120)^(1/2) − 1 = −4.2572 %: deterioration, −5
 *   decrease desired, 100 → 110  P = −1.9245 %                  deterioration, −4.9057
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "both.h"
#include "domain/feed.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/mission_edit.h"
#include "domain/observation.h"
#include "domain/settings.h"
#include "tap.h"

#define WHO "coordinator@example.org"

static int64_t mission_id, mission_created;

/* The mission feed's progress entries of the indicator, newest first, into out (at most
 * max); how many there are. */
static int
changes(struct db *db, struct arena *a, int64_t indicator, struct feed_entry *out, int max)
{
    struct feed fd;
    int i, n = 0;

    if (feed_load(db, a, mission_id, mission_created, &fd) != ERR_OK)
        return -1;
    for (i = 0; i < fd.n; i++)
        if (fd.entries[i].kind == FEED_PROGRESS && fd.entries[i].subject_id == indicator) {
            if (n < max)
                out[n] = fd.entries[i];
            n++;
        }
    return n;
}

static bool
near(double x, double want)
{
    return fabs(x - want) < 5e-4;
}

/* The newest entry of the indicator is before -> after with these scores (NAN: none), and
 * there are n in all. */
static void
entry_is(struct db *db, int64_t indicator, int n, const char *before, double score_before,
         const char *after, double score_after, const char *what)
{
    struct feed_entry e[8];
    struct arena a;
    int got;
    bool good;

    arena_init(&a);
    got = changes(db, &a, indicator, e, 8);
    good = got == n && n > 0 && strcmp(e[0].before, before) == 0 &&
           strcmp(e[0].after, after) == 0 &&
           (isnan(score_before) ? !e[0].has_old
                                : e[0].has_old && near(e[0].old_value, score_before)) &&
           (isnan(score_after) ? !e[0].has_new : e[0].has_new && near(e[0].new_value, score_after));
    ok(good, "%s: %s: entry %d is %s (%g) -> %s (%g)", backend, what, n, before, score_before,
       after, score_after);
    if (!good && got > 0)
        diag("got %d entries, the newest %s (%s%g) -> %s (%s%g)", got, e[0].before,
             e[0].has_old ? "" : "none ", e[0].old_value, e[0].after, e[0].has_new ? "" : "none ",
             e[0].new_value);
    else if (!good)
        diag("got %d entries", got);
    arena_free(&a);
}

static void
count_is(struct db *db, int64_t indicator, int n, const char *what)
{
    struct feed_entry e[8];
    struct arena a;
    int got;

    arena_init(&a);
    got = changes(db, &a, indicator, e, 8);
    ok(got == n, "%s: %s: still %d entries (%d)", backend, what, n, got);
    arena_free(&a);
}

/* Import csv into the indicator (replace, in its own transaction); the import's result. */
static enum err
import_text(struct db *db, int64_t indicator, const char *csv, enum import_mode mode)
{
    struct import_opts opts = {.mode = mode};
    struct import_result r;
    struct tidy_error te;
    char path[] = "/tmp/samverka-plog-XXXXXX";
    int fd = mkstemp(path);
    enum err rc;
    FILE *f;

    if (fd < 0)
        return ERR_DB;
    f = fdopen(fd, "w");
    if (f == NULL) {
        close(fd);
        unlink(path);
        return ERR_DB;
    }
    fputs(csv, f);
    fclose(f);
    rc = import_file(db, indicator, IMPORT_CSV, path, WHO, 0, &opts, &r, &te);
    unlink(path);
    return rc;
}

static int64_t
new_indicator(struct db *db, int64_t objective, const char *title)
{
    struct indicator_new in = {.title_sv = title,
                               .decimals = 1,
                               .weight = 1,
                               .progress = {.target_kind = "none", .direction = "increase"}};
    struct write_error e = {0};
    int64_t id = 0;

    in.objective_id = objective;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* Save the mission with start year y (everything else as it is). */
static bool
mission_years(struct db *db, int start_year, const char *title)
{
    struct mission_new in = {0};
    struct write_error e = {0};
    struct mission m;
    struct arena a;
    bool done;

    arena_init(&a);
    done = mission_get_id(db, &a, mission_id, &m) == ERR_OK;
    if (done) {
        in.slug = m.slug;
        in.title_sv = title;
        in.title_en = m.title_en;
        in.goal_sv = m.goal_sv;
        in.goal_en = m.goal_en;
        in.description_sv = m.description_sv;
        in.description_en = m.description_en;
        in.deadline = m.deadline;
        in.start_year = start_year;
        in.status = m.status;
        done = medit_mission_update(db, mission_id, &in, WHO, (int64_t)time(NULL), &e) == ERR_OK;
        if (!done)
            diag("mission update: %s: %s", e.field ? e.field : "-", e.msg ? e.msg : "-");
    }
    arena_free(&a);
    return done;
}

static void
test_all(struct db *db)
{
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    struct observation_in in = {.key = {.year = 2021}, .value = 90};
    struct indicator_settings s;
    struct write_error e = {0};
    struct indicator ind;
    struct mission m;
    struct arena a;
    const char *field, *msg;
    int64_t objective, indicator, other;
    bool created;
    struct import *im;
    struct tidy_error te;
    static const char load[] = "Year,Value\n2015,100\n2020,110\n";

    mission_id = both_mission(db, "plog");
    if (mission_id == 0)
        bail_out("%s: cannot create the mission", backend);
    arena_init(&a);
    if (mission_get_id(db, &a, mission_id, &m) != ERR_OK)
        bail_out("%s: cannot read the mission", backend);
    mission_created = m.created_at;
    /* the mission's start year is the indicators' base year */
    if (!mission_years(db, 2015, "Uppdrag"))
        bail_out("%s: cannot set the mission's start year", backend);
    o.mission_id = mission_id;
    if (db_begin(db) != ERR_OK || objective_create(db, &o, "test", &objective, &e) != ERR_OK ||
        db_commit(db) != ERR_OK)
        bail_out("%s: cannot create the objective", backend);
    indicator = new_indicator(db, objective, "Andel");
    other = new_indicator(db, objective, "Annan");
    if (indicator == 0 || other == 0)
        bail_out("%s: cannot create the indicators", backend);
    count_is(db, indicator, 0, "a new indicator");

    /* an import that makes the indicator assessable */
    ok(import_text(db, indicator, "Year,Value\n2015,100\n2020,110\n", IMPORT_REPLACE) == ERR_OK,
       "%s: an import of 2015 and 2020", backend);
    entry_is(db, indicator, 1, "not_available", NAN, "substantial_progress", 4.6225,
             "the first data");

    /* the same data again, and a value that keeps the band */
    ok(import_text(db, indicator, "Year,Value\n2015,100\n2020,110\n", IMPORT_MERGE) == ERR_OK,
       "%s: the same import again", backend);
    count_is(db, indicator, 1, "an import that changes nothing");

    /* one value crossing a threshold, then another within its new band */
    ok(observation_put(db, indicator, &in, WHO, (int64_t)time(NULL), &created, &e) == ERR_OK &&
           created,
       "%s: 2021: 90 written on the data page", backend);
    entry_is(db, indicator, 2, "substantial_progress", 4.6225, "deterioration", -4.6759,
             "a value that falls");
    in.value = 89;
    ok(observation_put(db, indicator, &in, WHO, (int64_t)time(NULL), &created, &e) == ERR_OK &&
           !created,
       "%s: 2021: 89", backend);
    count_is(db, indicator, 2, "a value that stays deterioration");

    /* its removal: back, from the score the last write left (not the last change's) */
    ok(observation_remove(db, indicator, &in.key, WHO, (int64_t)time(NULL), &e) == ERR_OK,
       "%s: 2021 removed", backend);
    entry_is(db, indicator, 3, "deterioration", -4.9043, "substantial_progress", 4.6225,
             "the removal");

    /* a value that does not move the latest year: nothing */
    in.key.year = 2018;
    in.value = 120;
    ok(observation_put(db, indicator, &in, WHO, (int64_t)time(NULL), &created, &e) == ERR_OK &&
           created,
       "%s: 2018: 120", backend);
    count_is(db, indicator, 3, "a value between base and latest");

    /* the mission's start year is the base year: 2018's 120 falls to 110 */
    ok(mission_years(db, 2018, "Uppdrag"), "%s: the mission's start year to 2018", backend);
    entry_is(db, indicator, 4, "substantial_progress", 4.6225, "deterioration", -5,
             "the mission's start year");
    ok(mission_years(db, 2018, "Uppdrag, nytt namn"), "%s: a new title only", backend);
    count_is(db, indicator, 4, "a mission update that keeps its years");
    ok(mission_years(db, 2015, "Uppdrag"), "%s: the start year back to 2015", backend);
    entry_is(db, indicator, 5, "deterioration", -5, "substantial_progress", 4.6225,
             "the start year back");

    /* the progress settings: lower is better now */
    if (indicator_get(db, &a, indicator, &ind) != ERR_OK)
        bail_out("%s: cannot read the indicator", backend);
    settings_from_indicator(&ind, &s);
    s.direction = "decrease";
    ok(settings_apply(db, &a, indicator, &s, WHO, &field, &msg) == ERR_OK,
       "%s: the direction set to decrease", backend);
    entry_is(db, indicator, 6, "substantial_progress", 4.6225, "deterioration", -4.9057,
             "the direction");

    /* a refused import changes nothing, the record included */
    ok(import_text(db, indicator, "Year,Value\n2015,100\n2021,x\n", IMPORT_REPLACE) == ERR_INVALID,
       "%s: an import with a value that is not a number is refused", backend);
    count_is(db, indicator, 6, "the refused import");
    ok(import_text(db, indicator, "Year,Value\n2015,100\n2020,90\n", IMPORT_REPLACE) == ERR_OK,
       "%s: an import where the value falls (good, now)", backend);
    entry_is(db, indicator, 7, "deterioration", -4.9057, "substantial_progress", 5,
             "the next import starts from the last good record");

    /* loaded inside its caller's transaction (the demo's way): not recorded */
    ok(db_begin(db) == ERR_OK &&
           import_begin_in(db, other, IMPORT_CSV, "demo", 0, NULL, &im) == ERR_OK &&
           import_feed(im, load, strlen(load)) == ERR_OK &&
           import_finish(im, NULL, &te) == ERR_OK && db_commit(db) == ERR_OK,
       "%s: data loaded inside the caller's transaction", backend);
    count_is(db, other, 0, "the demo's load");
    /* the first write after it starts from the assessment it left */
    in.key.year = 2021;
    in.value = 90;
    ok(observation_put(db, other, &in, WHO, (int64_t)time(NULL), &created, &e) == ERR_OK,
       "%s: 2021: 90 for the other", backend);
    entry_is(db, other, 1, "substantial_progress", 4.6225, "deterioration", -4.6759,
             "the first write after a load");

    /* an archived indicator's entries leave the feed */
    ok(indicator_archive(db, other, WHO, 2005) == ERR_OK, "%s: the other archived", backend);
    count_is(db, other, 0, "an archived indicator");
    arena_free(&a);
}

int
main(void)
{
    return both_main("plog", test_all);
}
