/*
 * test_assess.c — src/domain/assess.c: grouping an indicator's observations
 * into series (which rows, in which order, with which points), that the
 * grouping stays fast with 100,000 series in any order, and the count of
 * distinct series an import keeps against ASSESS_MAX_SERIES; bounds, the settings that no
 * longer fit the data, and the headline series samverka chooses.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "domain/assess.h"
#include "domain/progress.h"
#include "domain/settings.h"
#include "tap.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void
ind_init(struct indicator *ind)
{
    memset(ind, 0, sizeof(*ind));
    ind->id = 7;
    ind->direction = "increase";
    ind->target_kind = "none";
    ind->headline = "";
}

static struct observation
obs(const char *series, const char *unit, const char *disagg, int year, double value)
{
    struct observation o = {.period = "",
                            .series = series,
                            .unit = unit,
                            .disagg = disagg,
                            .year = year,
                            .value = value,
                            .source = "",
                            .note = ""};

    return o;
}

/* The result of assessing pts alone, as the indicator's series k must have it. */
static void
same_as_alone(const struct indicator_progress *ip, int k, const struct progress_point *pts, int n,
              const char *name)
{
    struct progress_result want;
    const struct progress_result *got = &ip->series[k].r;

    progress_assess(pts, n, &ip->cfg, &want);
    ok(got->status == want.status && got->has_score == want.has_score &&
           (!want.has_score || got->score == want.score) && got->base_year == want.base_year &&
           got->current_year == want.current_year,
       "%s: the series is assessed on exactly its own points", name);
}

static void
test_grouping(void)
{
    struct arena a;
    struct indicator ind;
    struct indicator_progress ip;
    /* three headline series in no order, rows of a breakdown in between */
    const struct observation rows[] = {
        obs("B", "", "", 2020, 30),        obs("A", "kg", "", 2018, 12),
        obs("B", "", "Sex=F", 2015, 99),   obs("B", "", "", 2015, 20),
        obs("A", "t", "", 2016, 5),        obs("A", "kg", "", 2015, 10),
        obs("A", "kg", "Sex=M", 2016, 77), obs("B", "", "", 2017, 25),
        obs("A", "kg", "", 2016, 11),
    };
    const struct progress_point b[] = {{2020, 30}, {2015, 20}, {2017, 25}};
    const struct progress_point akg[] = {{2018, 12}, {2015, 10}, {2016, 11}};
    const struct progress_point at[] = {{2016, 5}};

    arena_init(&a);
    ind_init(&ind);
    indicator_progress_compute(&a, &ind, rows, (int)N(rows), &ip);
    is_int(ip.indicator_id, 7, "the indicator's id is kept");
    is_int(ip.n_series, 3, "one series per (Series, Units) among the headline rows");
    is_str(ip.series[0].series, "B", "series 1 is the first to appear (B)");
    is_str(ip.series[1].series, "A", "series 2 is A ...");
    is_str(ip.series[1].unit, "kg", "... in kg (it appears before A in t)");
    is_str(ip.series[2].unit, "t", "series 3 is A in t");
    is_int(ip.series[0].n_pts, 3, "B has its three headline points, not the breakdown's");
    ok(ip.series[0].pts[0].year == 2015 && ip.series[0].pts[1].year == 2017 &&
           ip.series[0].pts[2].year == 2020,
       "B's points are in year order");
    is_dbl(ip.series[0].pts[1].value, 25, 0, "B's 2017 value is its own");
    is_int(ip.series[1].n_pts, 3, "A/kg has its three headline points");
    ok(ip.series[1].pts[0].year == 2015 && ip.series[1].pts[2].year == 2018,
       "A/kg's points are in year order");
    is_int(ip.series[2].n_pts, 1, "A/t has one point");
    same_as_alone(&ip, 0, b, (int)N(b), "B");
    same_as_alone(&ip, 1, akg, (int)N(akg), "A/kg");
    same_as_alone(&ip, 2, at, (int)N(at), "A/t");

    /* another headline: only the rows of that breakdown count */
    ind.headline = "Sex=F";
    indicator_progress_compute(&a, &ind, rows, (int)N(rows), &ip);
    is_int(ip.n_series, 1, "headline Sex=F: one series");
    ok(ip.n_series == 1 && ip.series[0].n_pts == 1 && ip.series[0].pts[0].value == 99,
       "headline Sex=F: its one row");

    /* nothing to assess */
    ind.headline = NULL;
    indicator_progress_compute(&a, &ind, rows, 0, &ip);
    is_int(ip.n_series, 0, "no observations: no series");
    ok(ip.status == PS_NOT_AVAILABLE && !ip.has_score, "no observations: not available");
    arena_free(&a);
}

static void
on_alarm(int sig)
{
    static const char msg[] = "not ok - grouping 100,000 series did not finish within 10 s "
                              "(a search per row: quadratic)\n";

    (void)sig;
    if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
        _exit(2);
    _exit(1);
}

/*
 * 100,000 series of two points each, in the reverse of their sorted order,
 * with every row of a breakdown in between. A search over the series found so
 * far for every row (the old grouping) needs some 10^10 comparisons here,
 * minutes; one sort needs a few million, well under a second. The alarm is
 * 10 s: generous for a busy machine, far below the quadratic time.
 */
static void
test_scale(void)
{
    enum { NS = 100000 };
    struct arena a;
    struct indicator ind;
    struct indicator_progress ip;
    struct observation *rows;
    char(*names)[16];
    int i, k, bad = 0;

    arena_init(&a);
    ind_init(&ind);
    rows = calloc(4 * NS, sizeof(*rows));
    names = calloc(NS, sizeof(*names));
    if (rows == NULL || names == NULL)
        bail_out("out of memory");
    for (i = 0; i < NS; i++) {
        snprintf(names[i], sizeof(names[i]), "S%06d", NS - 1 - i);
        rows[4 * i] = obs(names[i], "", "", 2020, i + 2.0);
        rows[4 * i + 1] = obs(names[i], "", "Region=North", 2020, 1);
        rows[4 * i + 2] = obs(names[i], "", "", 2015, i + 1.0);
        rows[4 * i + 3] = obs(names[i], "", "Region=South", 2015, 1);
    }
    signal(SIGALRM, on_alarm);
    alarm(10);
    indicator_progress_compute(&a, &ind, rows, 4 * NS, &ip);
    alarm(0);
    is_int(ip.n_series, NS, "100,000 series grouped");
    for (k = 0; k < ip.n_series && !bad; k++)
        bad = ip.series[k].series != names[k] || ip.series[k].n_pts != 2 ||
              ip.series[k].pts[0].year != 2015 || ip.series[k].pts[1].value != k + 2.0;
    ok(!bad, "each in the order of its first row, with its own two points in year order");
    ok(ip.has_score, "the indicator has a score (the mean over its series)");
    free(rows);
    free(names);
    arena_free(&a);
}

static void
test_series_count(void)
{
    struct series_count *sc;
    char s[16];
    long n;
    int i;

    sc = series_count_new();
    is_int(series_count_add(sc, "A", "kg", ""), 1, "a first series counts 1");
    is_int(series_count_add(sc, "A", "kg", ""), 1, "the same series again: still 1");
    is_int(series_count_add(sc, "A", "t", ""), 2, "another unit is another series");
    is_int(series_count_add(sc, "A", "kg", "Sex=F"), 3, "another breakdown is another series");
    is_int(series_count_add(sc, "B", "kg", ""), 4, "another Series is another series");
    is_int(series_count_add(sc, "Ak", "g", ""), 5, "(Ak, g) is not (A, kg)");
    is_int(series_count_add(sc, "", "", ""), 6, "the empty series counts");
    is_int(series_count_add(sc, "", "", ""), 6, "... once");
    for (i = 0; i < 5000; i++) {
        snprintf(s, sizeof(s), "X%d", i);
        series_count_add(sc, s, "", "");
    }
    is_int(series_count_add(sc, "A", "t", ""), 5006, "5,000 more: counted past every resize");
    n = 0;
    for (i = 0; i < 5000; i++) {
        snprintf(s, sizeof(s), "X%d", i);
        n = series_count_add(sc, s, "", "");
    }
    is_int(n, 5006, "the 5,000 again add nothing");
    series_count_free(sc);
    series_count_free(NULL);
    ok(ASSESS_MAX_SERIES >= 100000, "the bound allows the benchmark's 100,000 series");
}

/* Bounds: projections stop at them, a reached target needs no rate, and a percentage unit
 * is bounded by 0 and 100 by default (the demo's indicator 13: 70, 72, 76, 81 % towards
 * 75 %, which projected 114 % before). */
static void
test_bounds(void)
{
    struct observation o[] = {obs("", "", "", 2020, 70), obs("", "", "", 2021, 72),
                              obs("", "", "", 2022, 76), obs("", "", "", 2023, 81)};
    struct indicator ind;
    struct indicator_progress ip;
    struct arena a;
    const struct progress_result *r;

    arena_init(&a);
    ind_init(&ind);
    ind.unit_sv = "% av de svarande";
    ind.unit_en = "% of respondents";
    ind.has_target = true;
    ind.target_kind = "absolute";
    ind.target_value = 75;
    ind.mission_start_year = 2020;
    ind.mission_deadline_year = 2030;
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    r = &ip.series[0].r;
    ok(ip.series[0].has_lower && ip.series[0].lower == 0 && ip.series[0].has_upper &&
           ip.series[0].upper == 100,
       "a percentage unit is bounded by 0 and 100");
    ok(r->has_projection_cagr && r->projection_cagr == 100, "the CAGR projection stops at 100");
    ok(r->has_projection_ols && r->projection_ols <= 100, "the trend-line projection too");
    ok(r->target_achieved && !r->has_rate_needed, "a reached target has no rate needed");
    is_int(r->status, PS_TARGET_ACHIEVED, "the bounds change no status (Part A)");

    ind.unit_sv = ind.unit_en = "procentenheter";
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(!ip.series[0].has_upper && ip.series[0].r.projection_cagr > 100,
       "percentage points are not bounded by default");
    ind.bounds_set = true;
    ind.has_upper = true;
    ind.upper = 90;
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(ip.series[0].r.projection_cagr == 90, "bounds that are set count whatever the unit");
    ok(indicator_unit_is_percent("%") && indicator_unit_is_percent("Percent") &&
           indicator_unit_is_percent("procent av eleverna") &&
           !indicator_unit_is_percent("percentage points") &&
           !indicator_unit_is_percent("% change") && !indicator_unit_is_percent("kg"),
       "what reads as a percentage");
    {
        /* the same words in any ASCII case, Swedish ones with their own letters, and a unit
         * longer than the folding buffer (128 bytes) read the same way */
        char longer[300];

        memset(longer, 'x', sizeof(longer) - 1);
        longer[sizeof(longer) - 1] = '\0';
        memcpy(longer + 200, "PROCENT", 7);
        ok(indicator_unit_is_percent("PROCENT") && indicator_unit_is_percent("Andel i %") &&
               !indicator_unit_is_percent("Procentenheter") &&
               !indicator_unit_is_percent("Förändring i procent") &&
               !indicator_unit_is_percent("Percent GROWTH") &&
               !indicator_unit_is_percent("procent, MINSKNING") &&
               !indicator_unit_is_percent("CHANGE in %") && !indicator_unit_is_percent(NULL) &&
               !indicator_unit_is_percent("") && indicator_unit_is_percent(longer),
           "a percentage in any case of its ASCII letters, and in a unit of 299 bytes");
        memcpy(longer + 100, "Point", 5);
        ok(!indicator_unit_is_percent(longer), "a long unit's other words count too");
    }
    arena_free(&a);
}

static bool
has_setting(const struct setting_mismatch *m, int n, const char *setting)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(m[i].setting, setting) == 0)
            return true;
    return false;
}

/* Settings that no longer fit the data, and what the assessment makes of them. */
static void
test_mismatches(void)
{
    struct observation o[] = {obs("", "", "", 2020, 4.76), obs("", "", "", 2021, 5.1),
                              obs("", "", "", 2022, 6), obs("", "", "", 2023, 8),
                              obs("", "", "Sex=F", 2023, 1)};
    struct observation u[] = {obs("", "tonnes", "", 2020, 4), obs("", "tonnes", "", 2023, 5)};
    struct setting_mismatch m[ASSESS_MAX_MISMATCHES];
    struct indicator ind;
    struct indicator_progress ip;
    struct arena a;
    int n;

    arena_init(&a);
    ind_init(&ind);
    ind.decimals = 2;
    ind.mission_start_year = 2020;
    ind.mission_deadline_year = 2030;
    is_int(indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES), 0,
           "settings that fit the data: none");

    /* the demo's indicator 11: the base year set to the latest of four */
    ind.has_base = true;
    ind.base_year = 2023;
    ind.base_value = 8;
    n = indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES);
    ok(n == 1 && has_setting(m, n, "base_year") && strstr(m[0].msg, "2023") &&
           strstr(m[0].msg, "2020"),
       "a base year at the latest year is named, with where it would start: %s", n ? m[0].msg : "");
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(ip.contradicted_base && ip.status == PS_NOT_AVAILABLE && !ip.has_score,
       "... and no status is stated from it");
    ok(ip.without_status == PS_SUBSTANTIAL && ip.without_has_score && ip.without != NULL &&
           ip.without[0].base_year == 2020,
       "... the assessment without it starts at the first year");
    ind.base_year = 2010;
    ind.base_value = 4;
    n = indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES);
    ok(n == 1 && has_setting(m, n, "base_year"), "a base year before the data is named");
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(!ip.contradicted && ip.status != PS_NOT_AVAILABLE, "... and still assessed from 2020");
    ind.has_base = false;
    ind.base_year = 0;

    ind.decimals = 0;
    n = indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES);
    ok(n == 1 && has_setting(m, n, "decimals") && strstr(m[0].msg, "4.76") &&
           strstr(m[0].msg, " 5;"),
       "decimals that show 4.76 as 5 are named: %s", n ? m[0].msg : "");
    ok(n == 1 && m[0].value == 4.76 && m[0].need == 2,
       "... with the value and the decimals it needs, for the page");
    is_int(assess_decimals_needed(o, 4), 2, "the values need two decimals");
    ind.decimals = 2;

    /* lower is better, the target met at the base already, the series rising */
    ind.direction = "decrease";
    ind.has_target = true;
    ind.target_kind = "absolute";
    ind.target_value = 10;
    n = indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES);
    ok(n == 1 && has_setting(m, n, "target"), "a target met at the base value is named");
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(ip.contradicted_target && ip.status == PS_NOT_AVAILABLE && !ip.target_achieved,
       "a rising series where lower is better does not read \"target achieved\"");
    is_int(ip.without_status, PS_DETERIORATION, "... without the target it is deteriorating");
    ind.target_value = 3;
    is_int(indicator_mismatches(&ind, o, (int)N(o), m, ASSESS_MAX_MISMATCHES), 0,
           "a target below the base where lower is better fits");

    ind_init(&ind);
    ind.decimals = 1;
    ind.unit_sv = ind.unit_en = "kg";
    n = indicator_mismatches(&ind, u, (int)N(u), m, ASSESS_MAX_MISMATCHES);
    ok(n == 1 && has_setting(m, n, "unit") && strstr(m[0].msg, "tonnes"),
       "a unit the data's Units column does not name: %s", n ? m[0].msg : "");
    ind.unit_en = "Tonnes ";
    is_int(indicator_mismatches(&ind, u, (int)N(u), m, ASSESS_MAX_MISMATCHES), 0,
           "the same unit in another case and spacing fits");
    is_int(indicator_mismatches(&ind, u, 0, m, ASSESS_MAX_MISMATCHES), 0, "no data: nothing");
    arena_free(&a);
}

/* Data with fewer than two years from a default base year on is assessed from its first
 * year, and says so; a base year the indicator sets is kept. */
static void
test_base_from_data(void)
{
    struct observation o[] = {obs("", "", "", 2010, 48.4), obs("", "", "", 2013, 45.2)};
    struct observation p[] = {obs("", "", "", 2012, 10), obs("", "", "", 2016, 12),
                              obs("", "", "", 2021, 14)};
    struct indicator ind;
    struct indicator_progress ip;
    struct arena a;

    arena_init(&a);
    ind_init(&ind);
    ind.mission_start_year = 2020;
    ind.mission_deadline_year = 2030;
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(ip.series[0].base_from_data && ip.series[0].r.base_year == 2010 &&
           ip.series[0].r.current_year == 2013 && ip.status != PS_NOT_AVAILABLE,
       "data that ends before the mission's start is assessed from its first year");
    indicator_progress_compute(&a, &ind, p, (int)N(p), &ip);
    ok(ip.series[0].base_from_data && ip.series[0].r.base_year == 2012,
       "one year from the default base year on: from the first year too");
    ind.mission_start_year = 2015;
    indicator_progress_compute(&a, &ind, p, (int)N(p), &ip);
    ok(!ip.series[0].base_from_data && ip.series[0].r.base_year == 2016,
       "two years from the base year on: the base year as set");
    ind.has_base = true;
    ind.base_year = 2020;
    ind.base_value = 14;
    indicator_progress_compute(&a, &ind, o, (int)N(o), &ip);
    ok(!ip.series[0].base_from_data && ip.status == PS_NOT_AVAILABLE,
       "a base year the indicator sets is kept");
    arena_free(&a);
}

/* The headline series samverka chooses (settings.c; docs/progress.md). */
static void
test_headline_pick(void)
{
    struct headline_candidate none[] = {{"Sex=F\x1f"
                                         "Age=15-24",
                                         9},
                                        {"Sex=M", 3},
                                        {"Sex=F", 3},
                                        {"Sex=A", 1},
                                        {"Age=15-24", 5}};
    struct headline_candidate total[] = {{"Sex=F", 9}, {"", 2}};
    struct headline_candidate point[] = {{"Sex=F", 9}, {"", 1}};
    struct headline_candidate one[] = {{"Sex=F", 1},
                                       {"Sex=F\x1f"
                                        "Age=1",
                                        2}};

    is_int(settings_headline_pick(none, 0), -1, "no data: no choice");
    is_int(settings_headline_pick(total, (int)N(total)), 1,
           "the total whenever it has a trend, however long the others'");
    is_int(settings_headline_pick(point, (int)N(point)), 0,
           "a total of one period loses to a breakdown with a trend (what can be assessed is)");
    is_int(settings_headline_pick(none, (int)N(none)), 4,
           "else the fewest breakdowns, then the most periods");
    none[4].n_periods = 3;
    is_int(settings_headline_pick(none, (int)N(none)), 4, "ties go to the first in byte order");
    is_int(settings_headline_pick(one, (int)N(one)), 1,
           "a series with a trend before one with a single period");
    settings_headline_order(none, (int)N(none));
    ok(strcmp(none[0].disagg, "Age=15-24") == 0 && strcmp(none[4].disagg, "Sex=A") == 0,
       "the order puts the choice first and a single period last");
}

int
main(void)
{
    test_grouping();
    test_scale();
    test_series_count();
    test_bounds();
    test_mismatches();
    test_base_from_data();
    test_headline_pick();
    return done_testing();
}
