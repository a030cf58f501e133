/*
 * seminar_mail.c — the mails of seminar registrations and the addresses they carry (see
 * seminar_mail.h). The texts are plain text, one per kind of event; each names the seminar,
 * when and where it is (Swedish time), and carries the cancel link while one is of use.
 */
#include "web/seminar_mail.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ical.h"
#include "core/str.h"
#include "web/auth.h"
#include "web/i18n.h"

static const char *
page_url(void *ctx, int64_t seminar)
{
    struct seminar_mail_ctx *c = ctx;

    if (*c->base == '\0')
        return NULL; /* no absolute address known: no URL rather than a relative one */
    snprintf(c->url, sizeof(c->url), "%s/seminars/%lld", c->base, (long long)seminar);
    return c->url;
}

/* "2030-06-10 12:00–15:00" in Stockholm time (the end's date too when another day). */
static const char *
when(struct arena *a, const struct seminar *s)
{
    time_t t0 = (time_t)(s->starts_at + ical_stockholm_offset(s->starts_at));
    time_t t1 = (time_t)(s->ends_at + ical_stockholm_offset(s->ends_at));
    struct tm x, y;

    gmtime_r(&t0, &x);
    gmtime_r(&t1, &y);
    if (x.tm_year == y.tm_year && x.tm_yday == y.tm_yday)
        return arena_printf(a, "%04d-%02d-%02d %02d:%02d–%02d:%02d", x.tm_year + 1900, x.tm_mon + 1,
                            x.tm_mday, x.tm_hour, x.tm_min, y.tm_hour, y.tm_min);
    return arena_printf(a, "%04d-%02d-%02d %02d:%02d – %04d-%02d-%02d %02d:%02d", x.tm_year + 1900,
                        x.tm_mon + 1, x.tm_mday, x.tm_hour, x.tm_min, y.tm_year + 1900,
                        y.tm_mon + 1, y.tm_mday, y.tm_hour, y.tm_min);
}

static enum err
compose(void *ctx, struct arena *a, enum seminar_mail_kind kind, const struct seminar *s,
        const struct seminar_registration *r, struct seminar_mail *out)
{
    struct seminar_mail_ctx *c = ctx;
    bool en = strcmp(r->lang, "en") == 0;
    const char *title = en && !str_empty(s->title_en) ? s->title_en : s->title_sv;
    const char *page, *cancel, *where, *lead = "", *subject = "", *tail;

    i18n_use(en ? LANG_EN : LANG_SV);
    page = arena_printf(a, "%s/seminars/%lld%s", c->base, (long long)s->id, en ? "?lang=en" : "");
    cancel = arena_printf(a, "%s/seminars/%lld/cancel/%s%s", c->base, (long long)s->id, r->token,
                          en ? "?lang=en" : "");
    where = !str_empty(s->place) ? s->place : s->online_url;
    tail = arena_printf(a,
                        _("Cannot come after all? Cancel your registration here, so that "
                          "someone else gets the place:\n%s\n"),
                        cancel);
    switch (kind) {
    case SEMINAR_MAIL_REGISTERED:
        subject = arena_printf(a, _("Registered: %s"), title);
        lead = arena_printf(a,
                            _("You have a place at %s. The seminar is attached, for your "
                              "calendar."),
                            title);
        break;
    case SEMINAR_MAIL_WAITING:
        subject = arena_printf(a, _("Waiting list: %s"), title);
        lead = arena_printf(a,
                            _("%s is full, so you are on the waiting list, as number %lld. If a "
                              "place comes free it is yours, and we tell you by e-mail."),
                            title, (long long)r->position);
        tail = arena_printf(a, _("To leave the waiting list:\n%s\n"), cancel);
        break;
    case SEMINAR_MAIL_MOVED_UP:
        subject = arena_printf(a, _("You have a place: %s"), title);
        lead = arena_printf(a,
                            _("A place came free at %s, and it is yours now. The seminar is "
                              "attached, for your calendar."),
                            title);
        break;
    case SEMINAR_MAIL_CANCELLED:
        subject = arena_printf(a, _("Cancelled: %s"), title);
        lead = arena_printf(a, _("Your registration for %s is cancelled."), title);
        tail = "";
        break;
    case SEMINAR_MAIL_REMINDER:
        /* sent as the seminar comes within a day: "tomorrow" would be wrong after a server
         * was down, so the day and time are said instead */
        subject = arena_printf(a, _("Reminder: %s"), title);
        lead = arena_printf(a, _("A reminder: %s is on %s (Swedish time), and you have a place."),
                            title, when(a, s));
        break;
    }
    out->subject = subject;
    out->event_url = page;
    out->body = arena_printf(a, "%s\n\n%s\n\n%s %s %s\n%s %s\n%s %s\n\n%s", r->name, lead,
                             _("When:"), when(a, s), _("(Swedish time)"), _("Where:"), where,
                             _("Seminar page:"), page, tail);
    return ERR_OK;
}

void
seminar_mail_setup(struct seminar_mail_ctx *c, const char *base, struct seminar_mailer *m)
{
    const char *h;
    size_t n;

    memset(c, 0, sizeof(*c));
    c->base = base != NULL ? base : "";
    h = strstr(c->base, "://");
    h = h != NULL ? h + 3 : c->base;
    n = strcspn(h, ":/");
    snprintf(c->host, sizeof(c->host), "%.*s", (int)(n < sizeof(c->host) ? n : 0), h);
    c->ics.url = page_url;
    c->ics.ctx = c;
    c->ics.host = c->host;
    m->compose = compose;
    m->ctx = c;
    m->ics = &c->ics;
}

void
seminar_mailer_of(struct req *rq, struct seminar_mailer *m)
{
    struct seminar_mail_ctx *c = arena_alloc(rq->arena, sizeof(*c));
    const char *base = auth_site_url(rq);

    seminar_mail_setup(c, base != NULL ? base : "", m);
}

void
seminar_ics_opts_of(struct req *rq, struct seminar_ics_opts *o)
{
    struct seminar_mailer m;

    seminar_mailer_of(rq, &m);
    *o = *m.ics;
    o->english = rq->lang == LANG_EN;
}
