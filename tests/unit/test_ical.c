/*
 * test_ical.c — src/core/ical.c: the iCalendar writer. Its output is checked byte for
 * byte (escaping, folding at 75 octets with multibyte characters at the boundary, the
 * sticky error, UTC and Stockholm times across the summer-time changes) and, independently,
 * parsed by Debian's python3-icalendar, whose DTSTART must be the instant written; the
 * Stockholm offset is compared with Python's zoneinfo (the system's tz database) at every
 * change from 1996 to 2037.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/ical.h"
#include "tap.h"

#define PYTHON "/usr/bin/python3"

static struct buf out;
static struct ical c;

static void
fresh(void)
{
    buf_reset(&out);
    ical_init(&c, &out);
}

/* s with every fold (CRLF and one space) taken out: malloc'd. */
static char *
unfold(const char *s)
{
    char *r = malloc(strlen(s) + 1), *o = r;

    if (r == NULL)
        bail_out("out of memory");
    while (*s) {
        if (strncmp(s, "\r\n ", 3) == 0)
            s += 3;
        else
            *o++ = *s++;
    }
    *o = '\0';
    return r;
}

/* The longest physical line of s in octets, and whether each ends in CRLF. */
static size_t
longest(const char *s, bool *crlf)
{
    size_t max = 0, n;
    const char *e;

    *crlf = true;
    while (*s) {
        e = strstr(s, "\r\n");
        if (e == NULL) {
            *crlf = false;
            e = s + strlen(s);
        }
        n = (size_t)(e - s);
        if (n > max)
            max = n;
        s = *e ? e + 2 : e;
    }
    return max;
}

static void
test_text(void)
{
    fresh();
    ical_text(&c, "DESCRIPTION", "a\\b;c,d\ne\r\nf\tg");
    is_str(out.data, "DESCRIPTION:a\\\\b\\;c\\,d\\ne\\nf\tg\r\n",
           "text: backslash, semicolon, comma escaped; LF as \\n; CR dropped; TAB kept");
    is_int(ical_error(&c), ERR_OK, "text: no error");

    fresh();
    ical_raw(&c, "URL;VALUE=URI", "https://example.org/a?b=1,2;c");
    ical_raw(&c, "STATUS", "CONFIRMED");
    is_str(out.data, "URL;VALUE=URI:https://example.org/a?b=1,2;c\r\nSTATUS:CONFIRMED\r\n",
           "raw: the value as it is");

    fresh();
    ical_text(&c, "SUMMARY", "Åtgärd – möte");
    is_str(out.data, "SUMMARY:Åtgärd – möte\r\n", "text: UTF-8 as it is");

    fresh();
    ical_text(&c, "SUMMARY", "ok");
    ical_text(&c, "SUMMARY", "bad \xff byte");
    ical_text(&c, "SUMMARY", "after");
    is_int(ical_error(&c), ERR_INVALID, "sticky: a value that is not UTF-8 is refused");
    is_str(out.data, "SUMMARY:ok\r\n", "sticky: nothing of it, nor anything after it, is written");

    fresh();
    ical_text(&c, "SUMMARY", "bell\x07");
    is_int(ical_error(&c), ERR_INVALID, "text: a control character is refused");
    fresh();
    ical_text(&c, "SUMMARY", "del\x7f");
    is_int(ical_error(&c), ERR_INVALID, "text: DEL is refused");
    fresh();
    ical_raw(&c, "URL", "https://x\r\nATTENDEE:evil");
    is_int(ical_error(&c), ERR_INVALID, "raw: a line break is refused (no property injection)");
    is_int((int64_t)out.len, 0, "raw: ... and nothing written");
    fresh();
    ical_raw(&c, "X-A\nB", "v");
    is_int(ical_error(&c), ERR_INVALID, "raw: a line break in the name is refused");
    fresh();
    ical_text(&c, "SUMMARY", "overlong \xc0\xaf");
    is_int(ical_error(&c), ERR_INVALID, "text: an overlong UTF-8 sequence is refused");

    fresh();
    out.max = 10;
    ical_text(&c, "SUMMARY", "too long for the buffer");
    is_int(ical_error(&c), ERR_LIMIT, "error: the buffer's limit is reported");
    out.max = 0;
    out.err = ERR_OK;
}

/* "SUMMARY:" (8 octets) and n ASCII letters, then tail. */
static const char *
summary(char *dst, size_t size, int n, const char *tail)
{
    char a[200];

    memset(a, 'a', (size_t)n);
    a[n] = '\0';
    snprintf(dst, size, "%s%s", a, tail);
    return dst;
}

static void
test_fold(void)
{
    char v[400], want[400], big[3000], *u;
    size_t i, n;
    bool crlf;

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 67, ""));
    is_int((int64_t)out.len, 75 + 2, "fold: a line of exactly 75 octets is not folded");

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 68, ""));
    snprintf(want, sizeof(want), "SUMMARY:%s\r\n a\r\n", summary(v, sizeof(v), 67, ""));
    is_str(out.data, want, "fold: 76 octets: 75, then CRLF, a space and the last");

    /* "ä" is 2 octets: at 74 + 2 it would pass 75, so it moves whole to the next line */
    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 66, "ä"));
    snprintf(want, sizeof(want), "SUMMARY:%s\r\n ä\r\n", summary(v, sizeof(v), 66, ""));
    is_str(out.data, want, "fold: a 2-octet character that would cross 75 moves whole");

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 65, "ä"));
    is_int((int64_t)out.len, 75 + 2, "fold: a 2-octet character ending at exactly 75 stays");

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 65, "€b"));
    snprintf(want, sizeof(want), "SUMMARY:%s\r\n €b\r\n", summary(v, sizeof(v), 65, ""));
    is_str(out.data, want, "fold: a 3-octet character at 74-76 moves whole");

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 64, "𝄞"));
    snprintf(want, sizeof(want), "SUMMARY:%s\r\n 𝄞\r\n", summary(v, sizeof(v), 64, ""));
    is_str(out.data, want, "fold: a 4-octet character at 73-76 moves whole");

    fresh();
    ical_text(&c, "SUMMARY", summary(v, sizeof(v), 66, ","));
    snprintf(want, sizeof(want), "SUMMARY:%s\r\n \\,\r\n", summary(v, sizeof(v), 66, ""));
    is_str(out.data, want, "fold: an escape is never split");

    /* a long value of mixed widths: every line within 75, CRLF, unfolds to the original */
    big[0] = '\0';
    for (i = 0; i < 60; i++)
        strcat(big, i % 3 == 0 ? "ö€" : (i % 3 == 1 ? "x𝄞y" : "å, ä; "));
    fresh();
    ical_text(&c, "DESCRIPTION", big);
    n = longest(out.data, &crlf);
    ok(n <= 75 && crlf, "fold: a long mixed value: lines of at most 75 octets (%zu), CRLF", n);
    ok(out.len > 3 * 75, "fold: ... on several lines");
    u = unfold(out.data);
    /* the escapes of ", " and "; " aside, the unfolded line is the value */
    ok(strncmp(u, "DESCRIPTION:ö€x𝄞yå\\, ä\\; ö€", strlen("DESCRIPTION:ö€x𝄞yå\\, ä\\; ö€")) == 0,
       "fold: ... and unfolds to the escaped value");
    free(u);
    /* every continuation starts with a space followed by a whole character */
    ok(strstr(out.data, "\r\n \x80") == NULL && strstr(out.data, "\r\n \x82") == NULL &&
           strstr(out.data, "\r\n \x84") == NULL && strstr(out.data, "\r\n \xa4") == NULL &&
           strstr(out.data, "\r\n \x9e") == NULL && strstr(out.data, "\r\n \xb6") == NULL,
       "fold: no continuation begins inside a character");
}

static void
test_time(void)
{
    /* 2026: CEST from 03-29 01:00:00Z to 10-25 01:00:00Z */
    is_int(ical_stockholm_offset(1774745999), 3600, "offset: 2026-03-29 00:59:59Z is CET");
    is_int(ical_stockholm_offset(1774746000), 7200, "offset: 2026-03-29 01:00:00Z is CEST");
    is_int(ical_stockholm_offset(1792889999), 7200, "offset: 2026-10-25 00:59:59Z is CEST");
    is_int(ical_stockholm_offset(1792890000), 3600, "offset: 2026-10-25 01:00:00Z is CET");
    is_int(ical_stockholm_offset(0), 3600, "offset: 1970-01-01 is CET");
    is_int(ical_stockholm_offset(1782864000), 7200, "offset: 2026-07-01 is CEST");
    is_int(ical_stockholm_offset(INT64_MAX), 3600, "offset: far out of range: no overflow");
    is_int(ical_stockholm_offset(INT64_MIN), 3600, "offset: far before: no overflow");

    fresh();
    ical_utc(&c, "DTSTAMP", 1774746000);
    ical_utc(&c, "DTSTAMP", 0);
    ical_utc(&c, "DTSTAMP", -1);
    ical_utc(&c, "DTSTAMP", 951782400); /* 2000-02-29, a leap day of a century */
    is_str(out.data,
           "DTSTAMP:20260329T010000Z\r\nDTSTAMP:19700101T000000Z\r\n"
           "DTSTAMP:19691231T235959Z\r\nDTSTAMP:20000229T000000Z\r\n",
           "utc: YYYYMMDDTHHMMSSZ");

    fresh();
    ical_local(&c, "DTSTART", 1774745999);
    ical_local(&c, "DTSTART", 1774746000);
    ical_local(&c, "DTEND", 1792889999);
    ical_local(&c, "DTEND", 1792890000);
    is_str(out.data,
           "DTSTART;TZID=Europe/Stockholm:20260329T015959\r\n"
           "DTSTART;TZID=Europe/Stockholm:20260329T030000\r\n"
           "DTEND;TZID=Europe/Stockholm:20261025T025959\r\n"
           "DTEND;TZID=Europe/Stockholm:20261025T020000\r\n",
           "local: Stockholm time across the two changes of 2026");

    fresh();
    ical_local(&c, "DTSTART", (int64_t)300000 * 86400 * 365);
    is_int(ical_error(&c), ERR_INVALID, "local: a year past 9999 is refused");
    fresh();
    ical_utc(&c, "DTSTART", INT64_MIN);
    is_int(ical_error(&c), ERR_INVALID, "utc: INT64_MIN is refused");
}

static void
test_calendar(void)
{
    fresh();
    ical_calendar_begin(&c, "-//samverka//test//SV", "PUBLISH", "Seminarier, våren");
    ical_calendar_end(&c);
    is_str(out.data,
           "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//samverka//test//SV\r\n"
           "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Seminarier\\, våren\r\n"
           "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"
           "BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
           "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
           "BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
           "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n"
           "END:VTIMEZONE\r\nEND:VCALENDAR\r\n",
           "calendar: the header, the VTIMEZONE of Europe/Stockholm, the end");

    fresh();
    ical_calendar_begin(&c, "-//samverka//test//SV", NULL, NULL);
    ok(strstr(out.data, "METHOD") == NULL && strstr(out.data, "X-WR-CALNAME") == NULL,
       "calendar: no METHOD nor X-WR-CALNAME when not given");
}

/* ------------------------------------------------------------------------------------ */
/* An independent reader: python3-icalendar, and zoneinfo for the offsets                 */

static const char py_script[] =
    "import sys, datetime, zoneinfo\n"
    "from icalendar import Calendar\n"
    "utc = datetime.timezone.utc\n"
    "cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "for ev in cal.walk('VEVENT'):\n"
    "    for k in ('DTSTART', 'DTEND'):\n"
    "        dt = ev.decoded(k)\n"
    "        aware = dt.tzinfo is not None and dt.tzinfo.utcoffset(dt) is not None\n"
    "        print(k, 'aware' if aware else 'naive', int(dt.astimezone(utc).timestamp()) "
    "if aware else 0)\n"
    "    print('SUMMARY', str(ev['SUMMARY']).encode('unicode_escape').decode())\n"
    "    print('DESCRIPTION', str(ev['DESCRIPTION']).encode('unicode_escape').decode())\n"
    "tz = zoneinfo.ZoneInfo('Europe/Stockholm')\n"
    "for line in open(sys.argv[2]):\n"
    "    t = int(line)\n"
    "    d = datetime.datetime.fromtimestamp(t, tz)\n"
    "    print('OFFSET', t, int(d.utcoffset().total_seconds()))\n";

static bool
write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    bool good;

    if (f == NULL)
        return false;
    good = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && good;
}

/* The UTC instant of 01:00 on the last Sunday of month (31 days) in year y, by brute force
 * on ical_stockholm_offset's neighbour: the day whose 01:00 UTC is a Sunday, last in the
 * month. 1970-01-04 was a Sunday. */
static int64_t
last_sunday(int y, int month)
{
    /* days from 1970-01-01 to y-month-31 by counting (test code: slow and obvious) */
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t days = 0, d;
    int yy, m;

    for (yy = 1970; yy < y; yy++)
        days += (yy % 4 == 0 && (yy % 100 != 0 || yy % 400 == 0)) ? 366 : 365;
    for (m = 1; m < month; m++)
        days += mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
    d = days + 30;           /* the 31st */
    while ((d - 3) % 7 != 0) /* day 3 (1970-01-04) was a Sunday */
        d--;
    return d * 86400 + 3600;
}

static void
test_python(void)
{
    const char *tmp = getenv("TMPDIR");
    char dir[512], cal[600], py[600], times[600], cmd[2000], line[600];
    struct buf tb;
    int64_t start = 1774746000, end = 1774746000 + 5400; /* 03:00-04:30 CEST, 2026-03-29 */
    int64_t winter = 1767268800;                         /* 2026-01-01 12:00Z, CET */
    int64_t t, want_off;
    int y, m, pass_dt = 0, aware = 0, offsets = 0, offsets_ok = 0, events = 0;
    bool summary_ok = false, desc_ok = false;
    long long got_t;
    int got_off;
    FILE *p;

    if (access(PYTHON, X_OK) != 0 ||
        (p = popen(PYTHON " -c 'import icalendar' 2>/dev/null", "r")) == NULL || pclose(p) != 0) {
        ok(true, "python: # SKIP " PYTHON " lacks icalendar (Debian's python3-icalendar)");
        return;
    }
    snprintf(dir, sizeof(dir), "%s/samverka-test-ical.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(dir) == NULL)
        bail_out("mkdtemp %s failed", dir);
    snprintf(cal, sizeof(cal), "%s/t.ics", dir);
    snprintf(py, sizeof(py), "%s/read.py", dir);
    snprintf(times, sizeof(times), "%s/times", dir);

    fresh();
    ical_calendar_begin(&c, "-//samverka//test//SV", "PUBLISH", "Seminarier");
    ical_begin(&c, "VEVENT");
    ical_text(&c, "UID", "seminar-1@samverka.example");
    ical_utc(&c, "DTSTAMP", 1767268800);
    ical_local(&c, "DTSTART", start);
    ical_local(&c, "DTEND", end);
    ical_text(&c, "SUMMARY", "Skolmåltider: möte, del 1; \"öppet\" \\ alla");
    ical_text(&c, "DESCRIPTION",
              "Första raden.\nAndra raden med en lång text som måste vikas över flera rader "
              "eftersom den är längre än sjuttiofem oktetter: åäö ÅÄÖ € 𝄞 och så vidare.");
    ical_end(&c, "VEVENT");
    ical_begin(&c, "VEVENT");
    ical_text(&c, "UID", "seminar-2@samverka.example");
    ical_utc(&c, "DTSTAMP", 1767268800);
    ical_local(&c, "DTSTART", winter);
    ical_utc(&c, "DTEND", winter + 3600);
    ical_text(&c, "SUMMARY", "Vinter");
    ical_text(&c, "DESCRIPTION", "");
    ical_end(&c, "VEVENT");
    ical_calendar_end(&c);
    is_int(ical_error(&c), ERR_OK, "python: the sample calendar is written");

    buf_init(&tb, 0);
    for (y = 1996; y <= 2037; y++)
        for (m = 3; m <= 10; m += 7) {
            t = last_sunday(y, m);
            buf_printf(&tb, "%lld\n%lld\n", (long long)(t - 1), (long long)t);
        }
    buf_printf(&tb, "%lld\n", (long long)1782864000);
    if (!write_file(cal, out.data, out.len) || !write_file(py, py_script, strlen(py_script)) ||
        !write_file(times, tb.data, tb.len))
        bail_out("cannot write to %s", dir);
    snprintf(cmd, sizeof(cmd), PYTHON " %s %s %s 2>&1", py, cal, times);
    p = popen(cmd, "r");
    if (p == NULL)
        bail_out("popen failed");
    while (fgets(line, sizeof(line), p) != NULL) {
        char kind[16], how[16];

        if (sscanf(line, "OFFSET %lld %d", &got_t, &got_off) == 2) {
            offsets++;
            want_off = ical_stockholm_offset((int64_t)got_t);
            if (want_off == got_off)
                offsets_ok++;
            else
                diag("offset at %lld: ical %lld, zoneinfo %d", got_t, (long long)want_off, got_off);
        } else if (sscanf(line, "%15s %15s %lld", kind, how, &got_t) == 3) {
            aware += strcmp(how, "aware") == 0;
            if (strcmp(kind, "DTSTART") == 0)
                events++;
            if ((events == 1 && strcmp(kind, "DTSTART") == 0 && got_t == start) ||
                (events == 1 && strcmp(kind, "DTEND") == 0 && got_t == end) ||
                (events == 2 && strcmp(kind, "DTSTART") == 0 && got_t == winter) ||
                (events == 2 && strcmp(kind, "DTEND") == 0 && got_t == winter + 3600))
                pass_dt++;
        } else if (strncmp(line, "SUMMARY ", 8) == 0 && events == 1) {
            summary_ok = strcmp(line + 8, "Skolm\\xe5ltider: m\\xf6te, del 1; \"\\xf6ppet\" "
                                          "\\\\ alla\n") == 0;
            if (!summary_ok)
                diag("python read SUMMARY %s", line + 8);
        } else if (strncmp(line, "DESCRIPTION ", 12) == 0 && events == 1) {
            desc_ok = strncmp(line + 12, "F\\xf6rsta raden.\\nAndra raden", 27) == 0 &&
                      strstr(line, "\\u20ac \\U0001d11e och s\\xe5 vidare.\n") != NULL;
            if (!desc_ok)
                diag("python read DESCRIPTION %s", line + 12);
        } else if (strncmp(line, "SUMMARY ", 8) != 0 && strncmp(line, "DESCRIPTION ", 12) != 0) {
            diag("python: %s", line);
        }
    }
    is_int(pclose(p), 0, "python: python3-icalendar reads the calendar");
    is_int(events, 2, "python: two events");
    is_int(aware, 4, "python: DTSTART and DTEND are aware datetimes");
    is_int(pass_dt, 4, "python: each is the UTC instant written (CEST, CET, and UTC)");
    ok(summary_ok, "python: SUMMARY unescaped to the original text");
    ok(desc_ok, "python: DESCRIPTION unfolded and unescaped, multibyte characters whole");
    ok(offsets == 2 * 2 * (2037 - 1996 + 1) + 1 && offsets_ok == offsets,
       "python: the Stockholm offset agrees with zoneinfo at each change 1996-2037 (%d of %d)",
       offsets_ok, offsets);
    buf_free(&tb);
    unlink(cal);
    unlink(py);
    unlink(times);
    rmdir(dir);
}

int
main(void)
{
    buf_init(&out, 0);
    test_text();
    test_fold();
    test_time();
    test_calendar();
    test_python();
    buf_free(&out);
    return done_testing();
}
