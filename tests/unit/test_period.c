/*
 * test_period.c — the Year cell as publishers write it (domain/period.c).
 *
 * Every expected year and key is written out by hand from the label's meaning, not
 * computed the way the parser does.
 */
#include "domain/period.h"

#include "tap.h"

static void
accepts(const char *label, enum period_kind kind, int year, int64_t key)
{
    struct period p;
    const char *why = NULL;
    bool parsed = period_parse(label, strlen(label), &p, &why);
    char name[160];

    snprintf(name, sizeof(name), "\"%s\" is read", label);
    ok(parsed, "%s", name);
    if (!parsed) {
        diag("why: %s", why ? why : "(none)");
        return;
    }
    snprintf(name, sizeof(name), "\"%s\" is a %s", label, period_kind_name(kind));
    is_str(period_kind_name(p.kind), period_kind_name(kind), name);
    snprintf(name, sizeof(name), "\"%s\" counts in %d", label, year);
    is_int(p.year, year, name);
    snprintf(name, sizeof(name), "\"%s\" sorts at %lld", label, (long long)key);
    is_int(p.key, key, name);
}

static void
refuses(const char *label, const char *why_part)
{
    struct period p;
    const char *why = NULL;
    char name[160];

    snprintf(name, sizeof(name), "\"%s\" is refused", label);
    ok(!period_parse(label, strlen(label), &p, &why), "%s", name);
    snprintf(name, sizeof(name), "\"%s\": the reason says it %s", label, why_part);
    ok(why != NULL && strstr(why, why_part) != NULL, "%s", name);
}

/* Sorting by key puts the periods of a series in time order. */
static void
in_order(const char *const *labels, int n, const char *name)
{
    struct period a, b;
    const char *why;
    bool sorted = true;
    int i;

    for (i = 0; i + 1 < n; i++) {
        if (!period_parse(labels[i], strlen(labels[i]), &a, &why) ||
            !period_parse(labels[i + 1], strlen(labels[i + 1]), &b, &why) || a.key >= b.key) {
            diag("%s does not sort before %s", labels[i], labels[i + 1]);
            sorted = false;
        }
    }
    ok(sorted, "%s", name);
}

int
main(void)
{
    static const char *const quarters[] = {"2012 Q4", "2013 Q1", "2013 Q2",
                                           "2013 Q3", "2013 Q4", "2014 Q1"};
    static const char *const months[] = {"1992 12", "1993 01", "1993 02", "1993 10", "1994 01"};
    static const char *const parts[] = {"2018/2", "2019/1", "2019/2", "2019/3", "2020/1"};
    static const char *const mixed[] = {"2014", "2015-16", "2016-17", "2017/18", "2019"};

    /* years, as written and as spreadsheets write them */
    accepts("2015", PERIOD_YEAR, 2015, 20150101);
    accepts(" 2015 ", PERIOD_YEAR, 2015, 20150101);
    accepts("2015.0", PERIOD_YEAR, 2015, 20150101);
    /* split years (financial, academic): the year they start in */
    accepts("2009-10", PERIOD_SPLIT, 2009, 20090101);
    accepts("2021-22", PERIOD_SPLIT, 2021, 20210101);
    accepts("1999-00", PERIOD_SPLIT, 1999, 19990101);
    accepts("2015/16", PERIOD_SPLIT, 2015, 20150101);
    accepts("2015/2016", PERIOD_SPLIT, 2015, 20150101);
    accepts("2015-2017", PERIOD_SPLIT, 2015, 20150101);
    accepts("2015\xe2\x80\x93"
            "16",
            PERIOD_SPLIT, 2015, 20150101); /* en dash */
    /* quarters, in the ways publishers write them */
    accepts("2013 Q1", PERIOD_QUARTER, 2013, 20130101);
    accepts("2013 Q2", PERIOD_QUARTER, 2013, 20130401);
    accepts("2013-Q3", PERIOD_QUARTER, 2013, 20130701);
    accepts("2013Q4", PERIOD_QUARTER, 2013, 20131001);
    accepts("Q2 2013", PERIOD_QUARTER, 2013, 20130401);
    accepts("q3-2013", PERIOD_QUARTER, 2013, 20130701);
    accepts("2013K2", PERIOD_QUARTER, 2013, 20130401);
    /* halves */
    accepts("2015 H2", PERIOD_HALF, 2015, 20150701);
    accepts("2015-S1", PERIOD_HALF, 2015, 20150101);
    /* months */
    accepts("1993 01", PERIOD_MONTH, 1993, 19930101);
    accepts("1993 12", PERIOD_MONTH, 1993, 19931201);
    accepts("1993-02", PERIOD_MONTH, 1993, 19930201);
    accepts("2019-03", PERIOD_MONTH, 2019, 20190301);
    accepts("1993M07", PERIOD_MONTH, 1993, 19930701);
    accepts("January 1993", PERIOD_MONTH, 1993, 19930101);
    accepts("sep 2020", PERIOD_MONTH, 2020, 20200901);
    accepts("oktober 2020", PERIOD_MONTH, 2020, 20201001);
    accepts("2020 May", PERIOD_MONTH, 2020, 20200501);
    /* parts the file does not name */
    accepts("2019/1", PERIOD_PART, 2019, 20190101);
    accepts("2019/2", PERIOD_PART, 2019, 20190102);
    /* dates */
    accepts("2023-03-31", PERIOD_DATE, 2023, 20230331);
    accepts("31.03.2023", PERIOD_DATE, 2023, 20230331);
    accepts("31/03/2023", PERIOD_DATE, 2023, 20230331);
    accepts("03/31/2023", PERIOD_DATE, 2023, 20230331); /* the second cannot be a month */
    accepts("31 March 2023", PERIOD_DATE, 2023, 20230331);
    accepts("March 31, 2023", PERIOD_DATE, 2023, 20230331);
    accepts("29 February 2024", PERIOD_DATE, 2024, 20240229);
    /* date ranges carry a year: they import with their label */
    accepts("17 May to 11 June 2023", PERIOD_RANGE, 2023, 20230517);
    accepts("01.03.2023 - 30.08.2023", PERIOD_RANGE, 2023, 20230301);
    accepts("01.03.2023-30.08.2023", PERIOD_RANGE, 2023, 20230301);
    accepts("1 maj till 30 juni 2021", PERIOD_RANGE, 2021, 20210501);
    accepts("December 2022 to January 2023", PERIOD_RANGE, 2022, 20221201);
    accepts("December to January 2023", PERIOD_RANGE, 2022, 20221201);
    accepts("2015 to 2017", PERIOD_RANGE, 2015, 20150101);
    accepts("1 March \xe2\x80\x93 30 April 2020", PERIOD_RANGE, 2020, 20200301);
    /* anything else with one plausible year */
    accepts("FY2015", PERIOD_OTHER, 2015, 20150101);
    accepts("2015 (provisional)", PERIOD_OTHER, 2015, 20150101);
    accepts("Week 3 2015", PERIOD_OTHER, 2015, 20150101);

    refuses("", "names no year");
    refuses("Q1", "names no year");
    refuses("total", "names no year");
    refuses("15", "names no year");
    refuses("12345", "names no year");
    refuses("1750 or so", "names no year");
    refuses("2015 and 2019", "more than one year");
    /* a date that does not exist is no date; it still has its year, read as a plain label */
    accepts("31.02.2023", PERIOD_OTHER, 2023, 20230101);
    accepts("29 February 2023", PERIOD_OTHER, 2023, 20230101);
    /* a range that ends before it starts is only its year */
    refuses("30.08.2023 - 01.03.2022", "more than one year");

    in_order(quarters, 6, "quarters sort in time order across years");
    in_order(months, 5, "months sort in time order across years");
    in_order(parts, 5, "parts of a year sort by number, then year");
    in_order(mixed, 5, "years and split years sort together");
    return done_testing();
}
