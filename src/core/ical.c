/*
 * ical.c — the RFC 5545 iCalendar writer (see ical.h). It never writes a line it has not
 * checked first: a value is validated whole before its line starts, so a refused value
 * leaves no half line behind, and nothing is written after it.
 */
#include "core/ical.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

/* The VTIMEZONE of Europe/Stockholm: the EU rule (summer time from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October), written as RRULEs from
 * 1970 as the tz database's exports (tzurl.org) do; a reader with its own tz data uses
 * that, the others this. */
static const char *const vtimezone[][2] = {
    {"BEGIN", "VTIMEZONE"},
    {"TZID", ICAL_TZID},
    {"BEGIN", "DAYLIGHT"},
    {"TZOFFSETFROM", "+0100"},
    {"TZOFFSETTO", "+0200"},
    {"TZNAME", "CEST"},
    {"DTSTART", "19700329T020000"},
    {"RRULE", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"},
    {"END", "DAYLIGHT"},
    {"BEGIN", "STANDARD"},
    {"TZOFFSETFROM", "+0200"},
    {"TZOFFSETTO", "+0100"},
    {"TZNAME", "CET"},
    {"DTSTART", "19701025T030000"},
    {"RRULE", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"},
    {"END", "STANDARD"},
    {"END", "VTIMEZONE"},
};

void
ical_init(struct ical *c, struct buf *out)
{
    c->out = out;
    c->err = ERR_OK;
    c->col = 0;
}

enum err
ical_error(const struct ical *c)
{
    return c->err != ERR_OK ? (enum err)c->err : buf_err(c->out);
}

/* ------------------------------------------------------------------------------------ */
/* Content lines                                                                          */

/* Valid UTF-8 without a control character, except those allowed ("\t", "\t\n\r"). */
static bool
is_clean(const char *s, const char *allowed)
{
    const unsigned char *p;

    if (s == NULL || !utf8_valid(s, strlen(s)))
        return false;
    for (p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 || *p == 0x7f) && strchr(allowed, *p) == NULL)
            return false;
    return true;
}

/* n bytes that stay on one line (one character, or one escape): folded before them when
 * they would take the line past ICAL_LINE octets. */
static void
put(struct ical *c, const char *s, size_t n)
{
    if (c->col + n > ICAL_LINE) {
        buf_add(c->out, "\r\n ", 3);
        c->col = 1;
    }
    buf_add(c->out, s, n);
    c->col += n;
}

/* s, valid UTF-8, one character at a time; with escape, as TEXT (RFC 5545 3.3.11). */
static void
put_str(struct ical *c, const char *s, bool escape)
{
    size_t n = strlen(s), i = 0, k;

    while (i < n) {
        if (escape && (s[i] == '\\' || s[i] == ';' || s[i] == ',')) {
            char e[2] = {'\\', s[i]};
            put(c, e, 2);
            i++;
            continue;
        }
        if (escape && s[i] == '\n') {
            put(c, "\\n", 2);
            i++;
            continue;
        }
        if (escape && s[i] == '\r') {
            i++;
            continue;
        }
        k = (unsigned char)s[i] < 0x80 ? 1 : utf8_seq_len(s + i, n - i);
        if (k == 0) /* cannot happen: validated */
            k = 1;
        put(c, s + i, k);
        i += k;
    }
}

static void
line(struct ical *c, const char *name, const char *value, bool escape)
{
    if (c->err)
        return;
    if (!is_clean(name, "") || *name == '\0' || !is_clean(value, escape ? "\t\n\r" : "\t")) {
        c->err = ERR_INVALID;
        return;
    }
    c->col = 0;
    put_str(c, name, false);
    put(c, ":", 1);
    put_str(c, value, escape);
    buf_add(c->out, "\r\n", 2);
    c->col = 0;
}

void
ical_text(struct ical *c, const char *name, const char *value)
{
    line(c, name, value, true);
}

void
ical_raw(struct ical *c, const char *name_and_params, const char *value)
{
    line(c, name_and_params, value, false);
}

void
ical_begin(struct ical *c, const char *component)
{
    line(c, "BEGIN", component, false);
}

void
ical_end(struct ical *c, const char *component)
{
    line(c, "END", component, false);
}

void
ical_calendar_begin(struct ical *c, const char *prodid, const char *method, const char *calname)
{
    size_t i;

    ical_begin(c, "VCALENDAR");
    ical_raw(c, "VERSION", "2.0");
    ical_text(c, "PRODID", prodid);
    ical_raw(c, "CALSCALE", "GREGORIAN");
    if (method != NULL)
        ical_raw(c, "METHOD", method);
    if (calname != NULL)
        ical_text(c, "X-WR-CALNAME", calname);
    for (i = 0; i < sizeof(vtimezone) / sizeof(vtimezone[0]); i++)
        ical_raw(c, vtimezone[i][0], vtimezone[i][1]);
}

void
ical_calendar_end(struct ical *c)
{
    ical_end(c, "VCALENDAR");
}

/* ------------------------------------------------------------------------------------ */
/* Dates: the proleptic Gregorian calendar by arithmetic (H. Hinnant's civil algorithms)  */

static int64_t
floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 of y-m-d. */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = floor_div(y, 400);
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    int64_t era, doe, yoe, doy, mp;

    z += 719468;
    era = floor_div(z, 146097);
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* The instant 01:00 UTC on the last Sunday of month (31 days long) of year y. */
static int64_t
last_sunday_0100(int64_t y, int month)
{
    int64_t last = days_from_civil(y, month, 31);
    int64_t wday = last + 4 - floor_div(last + 4, 7) * 7; /* 1970-01-01 was a Thursday */

    return (last - wday) * 86400 + 3600;
}

int
ical_stockholm_offset(int64_t utc)
{
    int64_t y;
    int m, d;

    if (utc < -((int64_t)1 << 50) || utc > (int64_t)1 << 50) /* ~35 million years: no rule */
        return 3600;
    civil_from_days(floor_div(utc, 86400), &y, &m, &d);
    return utc >= last_sunday_0100(y, 3) && utc < last_sunday_0100(y, 10) ? 7200 : 3600;
}

/* t as YYYYMMDDTHHMMSS in s[STAMP] (15 characters and a NUL, room for a "Z" after them);
 * false when its year is not 1-9999. */
#define STAMP 32
static bool
stamp(int64_t t, char s[STAMP])
{
    int64_t y, days = floor_div(t, 86400), secs = t - days * 86400;
    int m, d;

    civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return false;
    snprintf(s, STAMP, "%04d%02d%02dT%02d%02d%02d", (int)y, m, d, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    return true;
}

void
ical_utc(struct ical *c, const char *name, int64_t t)
{
    char s[STAMP];

    if (c->err)
        return;
    if (t < INT64_MIN / 2 || t > INT64_MAX / 2 || !stamp(t, s)) {
        c->err = ERR_INVALID;
        return;
    }
    s[15] = 'Z';
    s[16] = '\0';
    line(c, name, s, false);
}

void
ical_local(struct ical *c, const char *name, int64_t t)
{
    char s[STAMP], n[128];

    if (c->err)
        return;
    if (t < INT64_MIN / 2 || t > INT64_MAX / 2 || !stamp(t + ical_stockholm_offset(t), s) ||
        strlen(name) + sizeof(";TZID=" ICAL_TZID) > sizeof(n)) {
        c->err = ERR_INVALID;
        return;
    }
    snprintf(n, sizeof(n), "%s;TZID=%s", name, ICAL_TZID);
    line(c, n, s, false);
}
