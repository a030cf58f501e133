/*
 * period.h — the Year cell of a tidy data file, as statisticians publish it.
 *
 * Open SDG files name periods in many ways: "2015", "2015-16", "2013 Q1",
 * "1993 01", "1993M01", "2019/2", "2023-03-31", "17 May to 11 June 2023",
 * "01.03.2023 - 30.08.2023". samverka keeps every period as published (its
 * label) and derives from it what the rest of the program needs: the calendar
 * year it is assessed in, and a key that sorts the periods of one series in
 * time. The parser is pure (no locale, no allocation) and accepts only what it
 * can place: a label with no year in it is refused with a reason.
 *
 * The rules (docs/progress.md repeats them for users):
 *   - a period belongs to the year it starts in ("2015-16" is 2015; a range
 *     "December 2022 to January 2023" is 2022);
 *   - "YYYY-NN" is a split year when NN is the next year's last two digits
 *     ("2009-10"), otherwise month NN ("2019-03"); "YYYY/NN" is a split year
 *     in the same case, otherwise part NN of the year ("2019/2": a half,
 *     quarter or month the file does not name — its parts sort by number);
 *   - "D/M/YYYY" is read day first unless the second number cannot be a month
 *     (then month first, as in the USA); only the sort order depends on it;
 *   - anything else that holds one plausible year (1800–2199, standing alone)
 *     is that year, sorted at its start ("FY2015", "2015 week 3").
 */
#ifndef DOMAIN_PERIOD_H
#define DOMAIN_PERIOD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum period_kind {
    PERIOD_YEAR,    /* "2015", "2015.0" */
    PERIOD_SPLIT,   /* "2015-16", "2015/2016", "2015-2017": years that start in the first */
    PERIOD_HALF,    /* "2015 H1", "2015-S2" */
    PERIOD_QUARTER, /* "2013 Q1", "2013-Q1", "Q1 2013", "2013K1" */
    PERIOD_MONTH,   /* "1993 01", "1993-01", "1993M01", "January 1993", "jan 1993" */
    PERIOD_PART,    /* "2019/1", "2019/2" */
    PERIOD_DATE,    /* "2023-03-31", "31.03.2023", "31 March 2023" */
    PERIOD_RANGE,   /* "17 May to 11 June 2023", "01.03.2023 - 30.08.2023" */
    PERIOD_OTHER    /* any other label with one clear year in it */
};

struct period {
    enum period_kind kind;
    int year;    /* the calendar year the assessment counts it in: the year it starts */
    int64_t key; /* sort key, YYYYMMDD of its start (a part n: YYYY01nn); periods of one
                  * series sort by (key, label as written) */
};

#define PERIOD_MIN_YEAR 1000
#define PERIOD_MAX_YEAR 2999

/*
 * Parse a Year cell as published: len bytes at s (need not be NUL-terminated;
 * surrounding spaces are allowed). true with *out filled; false, with *why a
 * static English sentence, when it names no year this parser can place: a msgid, to be
 * said through gettext (the import says it in the request's language).
 */
bool period_parse(const char *s, size_t len, struct period *out, const char **why);

/* The English name of a kind ("year", "quarter", ...), for messages and the API. */
const char *period_kind_name(enum period_kind kind);

#endif
