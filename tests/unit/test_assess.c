/*
 * test_assess.c — src/domain/assess.c: grouping an indicator's observations
 * into series (which rows, in which order, with which points), that the
 * grouping stays fast with 100,000 series in any order, and the count of
 * distinct series an import keeps against ASSESS_MAX_SERIES.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "domain/assess.h"
#include "domain/progress.h"
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

int
main(void)
{
    test_grouping();
    test_scale();
    test_series_count();
    return done_testing();
}
