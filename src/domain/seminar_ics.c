/*
 * seminar_ics.c — seminars as iCalendar (RFC 5545) events, through core/ical.h: the feeds
 * of one seminar, a mission and every mission, and the .ics a registration's mail carries.
 *
 * Each seminar is one VEVENT whose UID (seminar-<id>@<host>) never changes, so a calendar
 * that subscribed updates it in place; SEQUENCE grows with each edit (seconds since it was
 * created, at its last update), and a cancelled seminar stays, with STATUS:CANCELLED, so
 * calendars remove it rather than keep a stale copy. Times are local to Europe/Stockholm
 * with the VTIMEZONE in the calendar (ical_calendar_begin), DTSTAMP in UTC.
 */
#include <stdio.h>
#include <string.h>

#include "core/ical.h"
#include "core/str.h"
#include "domain/seminar.h"

static const char *
pick(bool english, const char *sv, const char *en)
{
    return english && !str_empty(en) ? en : sv;
}

static void
event(struct ical *c, const struct seminar *s, const struct seminar_ics_opts *o, int64_t now)
{
    const char *url;
    char uid[128];

    snprintf(uid, sizeof(uid), "seminar-%lld@%s", (long long)s->id,
             str_empty(o->host) ? "samverka" : o->host);
    ical_begin(c, "VEVENT");
    ical_text(c, "UID", uid);
    ical_utc(c, "DTSTAMP", now);
    ical_local(c, "DTSTART", s->starts_at);
    ical_local(c, "DTEND", s->ends_at);
    ical_text(c, "SUMMARY", pick(o->english, s->title_sv, s->title_en));
    if (!str_empty(pick(o->english, s->description_sv, s->description_en)))
        ical_text(c, "DESCRIPTION", pick(o->english, s->description_sv, s->description_en));
    if (!str_empty(s->place))
        ical_text(c, "LOCATION", s->place);
    else
        ical_text(c, "LOCATION", s->online_url);
    url = o->url != NULL ? o->url(o->ctx, s->id) : NULL;
    if (url != NULL)
        ical_raw(c, "URL", url);
    ical_raw(c, "STATUS", s->cancelled_at != 0 ? "CANCELLED" : "CONFIRMED");
    ical_utc(c, "CREATED", s->created_at);
    ical_utc(c, "LAST-MODIFIED", s->updated_at);
    {
        char seq[24];

        snprintf(seq, sizeof(seq), "%lld",
                 (long long)(s->updated_at > s->created_at ? s->updated_at - s->created_at : 0));
        ical_raw(c, "SEQUENCE", seq);
    }
    ical_end(c, "VEVENT");
}

enum err
seminar_ics(struct buf *out, const struct seminar *s, int n, const char *method, const char *name,
            const struct seminar_ics_opts *o, int64_t now)
{
    struct ical c;
    int i;

    ical_init(&c, out);
    ical_calendar_begin(&c, "-//samverka//seminars//SV", method, name);
    for (i = 0; i < n; i++)
        event(&c, &s[i], o, now);
    ical_calendar_end(&c);
    return ical_error(&c);
}
