/*
 * ical.h — an RFC 5545 iCalendar writer into a struct buf.
 *
 * Every content line it writes ends in CRLF and is folded at 75 octets (a continuation
 * line begins with one space), never inside a UTF-8 character or an escape. TEXT values
 * are escaped (backslash, semicolon, comma, newline as \n; CR dropped). Like the other
 * writers it has a sticky error: a value that is not valid UTF-8, or that holds a control
 * character a property cannot carry, sets c->err = ERR_INVALID, and every later call
 * writes nothing; the caller checks once at the end with ical_error. The times are
 * written in UTC or as Europe/Stockholm local time with a TZID, whose VTIMEZONE
 * ical_calendar_begin writes. Pure: no clock, no TZ environment, no localtime.
 *
 *     struct ical c;
 *     ical_init(&c, &out);
 *     ical_calendar_begin(&c, "-//samverka//seminars//SV", NULL, "Seminarier");
 *     ical_begin(&c, "VEVENT");
 *     ical_text(&c, "UID", "seminar-12@samverka.example");
 *     ical_utc(&c, "DTSTAMP", now);
 *     ical_local(&c, "DTSTART", start);
 *     ical_text(&c, "SUMMARY", title);
 *     ical_end(&c, "VEVENT");
 *     ical_calendar_end(&c);
 *     if (ical_error(&c)) ...
 */
#ifndef CORE_ICAL_H
#define CORE_ICAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"

#define ICAL_LINE 75 /* octets of a content line before it is folded (RFC 5545 3.1) */
#define ICAL_TZID "Europe/Stockholm"

struct ical {
    struct buf *out; /* borrowed: the caller's */
    int err;         /* enum err: ERR_OK, or ERR_INVALID once a value was refused */
    size_t col;      /* octets on the content line being written */
};

void ical_init(struct ical *c, struct buf *out);
/* BEGIN:VCALENDAR, VERSION:2.0, PRODID, CALSCALE:GREGORIAN, METHOD (when method is not
 * NULL), X-WR-CALNAME (when calname is not NULL) and the VTIMEZONE of Europe/Stockholm
 * (the EU rule: CEST from the last Sunday of March, CET from the last Sunday of October). */
void ical_calendar_begin(struct ical *c, const char *prodid, const char *method,
                         const char *calname);
void ical_calendar_end(struct ical *c);
/* BEGIN:component and END:component (VEVENT, VALARM ...). */
void ical_begin(struct ical *c, const char *component);
void ical_end(struct ical *c, const char *component);
/* NAME:value with value a TEXT (escaped). Refused: not UTF-8, or a control character
 * other than LF (written \n), TAB or CR (dropped). */
void ical_text(struct ical *c, const char *name, const char *value);
/* name_and_params:value with value written as it is (a URI, STATUS:CONFIRMED, an
 * ORGANIZER's mailto:): the caller knows it is valid for the property. Refused: not
 * UTF-8, or a control character other than TAB. */
void ical_raw(struct ical *c, const char *name_and_params, const char *value);
/* NAME:YYYYMMDDTHHMMSSZ, t in seconds since the epoch (years 1-9999). */
void ical_utc(struct ical *c, const char *name, int64_t t);
/* NAME;TZID=Europe/Stockholm:YYYYMMDDTHHMMSS, t's local time in Stockholm. */
void ical_local(struct ical *c, const char *name, int64_t t);
/* Seconds east of UTC in Stockholm at the instant utc: 7200 from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC, else 3600 (the EU rule, every year). */
int ical_stockholm_offset(int64_t utc);
/* ERR_OK, ERR_INVALID (a value refused) or the buffer's error (ERR_LIMIT). */
enum err ical_error(const struct ical *c);

#endif
