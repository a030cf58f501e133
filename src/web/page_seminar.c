/*
 * page_seminar.c — seminars in the browser (issue 14), all of it without JavaScript:
 *   /seminars, /seminars/past            current seminars across missions; the archive
 *   /missions/{slug}/seminars            a mission's, current and past
 *   /seminars/{id}                       one seminar, with the registration form while open
 *   /seminars/{id}/register              the registration (POST, no account)
 *   /seminars/{id}/cancel/{token}        the secret link of the mails: confirm, then cancel
 *   /missions/{slug}/seminars/new, /seminars/{id}/edit      the coordinators' forms
 *   /seminars/{id}/registrations[.csv], /seminars/{id}/attendance   their list, export and
 *                                        attendance after the event
 *   /seminars/{id}/seminar.ics, /missions/{slug}/seminars.ics, /seminars.ics   iCalendar
 * and the mission page's "Current seminars" (page_seminar_current) and an actor's attended
 * seminars (page_seminar_history).
 *
 * Times: entered and shown in Europe/Stockholm, stored in UTC (seminar.h); the form's
 * fields are <input type="datetime-local">, "YYYY-MM-DDTHH:MM" in local time.
 *
 * Who: the coordinators' pages and the CSV hold personal data: rendered per caller
 * (RF_PERSONAL) after req_allow of seminar.edit (the seminar itself is public, so the
 * refusal is the usual sign-in or 403). Registration and the cancel link are open: the
 * link's secret is the credential (seminar.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/ical.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/export.h"
#include "domain/mail.h"
#include "domain/mission.h"
#include "domain/seminar.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/seminar_mail.h"
#include "web/url.h"

#define PAST_PER_PAGE 20
#define ICS_MAX       500 /* seminars in one feed */

/* ------------------------------------------------------------ times */

/* UTC t as local Stockholm time's fields. */
static void
local_tm(int64_t t, struct tm *tm)
{
    time_t l = (time_t)(t + ical_stockholm_offset(t));

    gmtime_r(&l, tm);
}

/* "10 juni 2030 kl. 12.00" / "10 June 2030, 12:00" */
static const char *
fmt_when(struct req *rq, int64_t t)
{
    struct tm tm;
    const char *date = fmt_date_unix(rq, t + ical_stockholm_offset(t));

    local_tm(t, &tm);
    if (rq->lang == LANG_EN)
        return arena_printf(rq->arena, "%s, %02d:%02d", date, tm.tm_hour, tm.tm_min);
    return arena_printf(rq->arena, "%s kl. %02d.%02d", date, tm.tm_hour, tm.tm_min);
}

static const char *
fmt_clock(struct req *rq, int64_t t)
{
    struct tm tm;

    local_tm(t, &tm);
    return arena_printf(rq->arena, rq->lang == LANG_EN ? "%02d:%02d" : "%02d.%02d", tm.tm_hour,
                        tm.tm_min);
}

/* ISO 8601 in UTC for <time datetime>. */
static const char *
iso_utc(struct req *rq, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    return arena_printf(rq->arena, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                        tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The start and end: the end's clock alone when it is the same local day. */
static void
when_range(struct req *rq, struct html *h, const struct seminar *s)
{
    struct tm a, b;

    local_tm(s->starts_at, &a);
    local_tm(s->ends_at, &b);
    html_elem_attr(h, "time", fmt_when(rq, s->starts_at), "datetime", iso_utc(rq, s->starts_at),
                   NULL);
    html_text(h, "–");
    if (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday)
        html_elem_attr(h, "time", fmt_clock(rq, s->ends_at), "datetime", iso_utc(rq, s->ends_at),
                       NULL);
    else
        html_elem_attr(h, "time", fmt_when(rq, s->ends_at), "datetime", iso_utc(rq, s->ends_at),
                       NULL);
}

/* "YYYY-MM-DDTHH:MM" (local) for a datetime-local field; "" for 0. */
static const char *
local_field(struct req *rq, int64_t t)
{
    struct tm tm;

    if (t == 0)
        return "";
    local_tm(t, &tm);
    return arena_printf(rq->arena, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                        tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* A datetime-local value (local Stockholm time) to UTC; false when it is none. In the
 * autumn's repeated hour the first (summer time) is meant; a time in the spring's gap is
 * read as winter time. */
static bool
parse_local(const char *s, int64_t *out)
{
    struct str_datetime d;
    struct tm tm = {0};
    const char *rest;
    int64_t t;
    int off;

    /* seconds, which some browsers add (":00"), are allowed and ignored */
    if (!str_datetime_prefix(s, &d, &rest) ||
        !(*rest == '\0' || (rest[0] == ':' && rest[1] >= '0' && rest[1] <= '5' && rest[2] >= '0' &&
                            rest[2] <= '9' && rest[3] == '\0')))
        return false;
    if (d.year < 2000 || d.year > 2199)
        return false;
    tm.tm_year = d.year - 1900;
    tm.tm_mon = d.month - 1;
    tm.tm_mday = d.day;
    tm.tm_hour = d.hour;
    tm.tm_min = d.minute;
    t = (int64_t)timegm(&tm);
    if (tm.tm_mday != d.day) /* 31 February */
        return false;
    off = ical_stockholm_offset(t - 7200);
    if (ical_stockholm_offset(t - off) != off)
        off = ical_stockholm_offset(t - off);
    *out = t - off;
    return true;
}

/* ------------------------------------------------------------ lists */

static const char *
state_badge(const struct seminar *s, int64_t now)
{
    switch (seminar_open(s, now)) {
    case SEMINAR_CANCELLED:
        return _("Cancelled");
    case SEMINAR_STARTED:
        return now < s->ends_at ? _("Under way") : _("Held");
    case SEMINAR_CLOSED:
        return _("Registration closed");
    case SEMINAR_OPEN:
        break;
    }
    if (seminar_places_left(s) == 0)
        return _("Full: waiting list");
    return NULL;
}

/* One seminar in a list: title, time, place, mission (when mission), state. */
static void
seminar_item(struct req *rq, struct html *h, const struct seminar *s, bool mission, int64_t now)
{
    const char *badge = state_badge(s, now);

    /* the badge changes at the deadline, the start and the end: so does the page */
    resp_expires(rq, seminar_changes_at(s, now));
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", L(rq, s->title_sv, s->title_en), "href", url_seminar(rq, s->id), "lang",
                   L_lang(rq, s->title_en), NULL);
    html_text(h, " — ");
    when_range(rq, h, s);
    html_text(h, ", ");
    html_text(h, !str_empty(s->place) ? s->place : _("online"));
    if (mission) {
        html_text(h, " (");
        html_elem_attr(h, "a", L(rq, s->mission_title_sv, s->mission_title_en), "href",
                       url_mission(rq, s->mission_slug), "lang", L_lang(rq, s->mission_title_en),
                       NULL);
        html_text(h, ")");
    }
    if (badge != NULL) {
        html_text(h, " ");
        html_elem_attr(h, "span", badge, "class", "badge", NULL);
    }
    html_close(h, "li");
}

static void
seminar_list(struct req *rq, struct html *h, const struct seminar *s, int n, bool mission,
             int64_t now)
{
    int i;

    html_open(h, "ul", "class", "seminars", NULL);
    for (i = 0; i < n; i++)
        seminar_item(rq, h, &s[i], mission, now);
    html_close(h, "ul");
}

void
page_seminar_current(struct req *rq, struct html *h, int64_t mission_id, const char *slug)
{
    struct seminar *s;
    int64_t now = (int64_t)time(NULL);
    int n = 0;

    if (seminar_current(rq->db, rq->arena, mission_id, now, 5, &s, &n) != ERR_OK)
        n = 0;
    html_open(h, "section", "aria-labelledby", "seminars-h", NULL);
    html_elem_attr(h, "h2", _("Current seminars"), "id", "seminars-h", NULL);
    if (n == 0)
        html_elem(h, "p", _("No seminars are announced right now."));
    else
        seminar_list(rq, h, s, n, false, now);
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("All the mission's seminars, past ones too"), "href",
                   url_mission_seminars(rq, slug), NULL);
    html_text(h, " · ");
    html_elem_attr(h, "a", _("Seminars in your calendar (iCalendar)"), "href",
                   url_mission_seminars_ics(rq, slug), "type", "text/calendar", NULL);
    html_close(h, "p");
    html_close(h, "section");
}

void
page_seminar_history(struct req *rq, struct html *h, int64_t actor_id)
{
    struct seminar_attended *x;
    int n = 0, i;

    if (seminar_of_actor(rq->db, rq->arena, actor_id, &x, &n) != ERR_OK || n == 0)
        return; /* nothing to say: most actors attend none */
    html_open(h, "section", "aria-labelledby", "attended-h", NULL);
    html_elem_attr(h, "h2", _("Seminars attended"), "id", "attended-h", NULL);
    html_open(h, "ul", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", L(rq, x[i].title_sv, x[i].title_en), "href",
                       url_seminar(rq, x[i].seminar_id), "lang", L_lang(rq, x[i].title_en), NULL);
        html_text(h, " — ");
        html_text(h, fmt_date_unix(rq, x[i].starts_at + ical_stockholm_offset(x[i].starts_at)));
        html_text(h, ", ");
        html_elem_attr(h, "span", L(rq, x[i].mission_title_sv, x[i].mission_title_en), "lang",
                       L_lang(rq, x[i].mission_title_en), NULL);
        html_text(h, " · ");
        html_printf(h,
                    ngettext("%lld person attended", "%lld people attended", (unsigned long)x[i].n),
                    (long long)x[i].n);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
}

enum err
page_seminars(struct req *rq)
{
    struct seminar *s;
    struct html h;
    int64_t now = (int64_t)time(NULL);
    int n = 0;
    enum err rc;

    rc = seminar_current(rq->db, rq->arena, 0, now, SEMINAR_LIST_MAX, &s, &n);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Current seminars"));
    html_elem(&h, "h1", _("Current seminars"));
    html_elem(&h, "p",
              _("The missions' teams meet the actors they work with at seminars. Anyone may "
                "register, without an account."));
    if (n == 0)
        html_elem(&h, "p", _("No seminars are announced right now."));
    else
        seminar_list(rq, &h, s, n, true, now);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Past seminars"), "href", url_seminars_past(rq), NULL);
    html_text(&h, " · ");
    html_elem_attr(&h, "a", _("Every mission's seminars in your calendar (iCalendar)"), "href",
                   url_seminars_ics(rq), "type", "text/calendar", NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static enum err
past_section(struct req *rq, struct html *h, int64_t mission_id, const char *base, int64_t now)
{
    struct seminar *s;
    struct pager p;
    int64_t next_end;
    int n = 0;
    enum err rc;

    pager_read(rq, &p, PAST_PER_PAGE);
    rc = seminar_past(rq->db, rq->arena, mission_id, now, &p.pg, &s, &n, &p.total);
    /* the list grows as the next seminar ends */
    if (rc == ERR_OK)
        rc = seminar_next_end(rq->db, mission_id, now, &next_end);
    if (rc == ERR_OK)
        resp_expires(rq, next_end);
    if (rc == ERR_OK)
        rc = pager_check(rq, &p);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "past-h", NULL);
    html_elem_attr(h, "h2", mission_id == 0 ? _("Held") : _("Past seminars"), "id", "past-h", NULL);
    if (n == 0)
        html_elem(h, "p", _("No seminars have been held yet."));
    else
        seminar_list(rq, h, s, n, mission_id == 0, now);
    layout_pager(rq, h, p.page, p.pages, p.page > 1 ? url_paged(rq, base, p.page - 1, NULL) : NULL,
                 p.page < p.pages ? url_paged(rq, base, p.page + 1, NULL) : NULL);
    html_close(h, "section");
    return ERR_OK;
}

enum err
page_seminars_past(struct req *rq)
{
    struct html h;
    enum err rc;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Past seminars"));
    html_elem(&h, "h1", _("Past seminars"));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Current seminars"), "href", url_seminars(rq), NULL);
    html_close(&h, "p");
    rc = past_section(rq, &h, 0, url_seminars_past(rq), (int64_t)time(NULL));
    if (rc)
        return rc;
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_mission_seminars(struct req *rq)
{
    struct authz_scope scope = {0};
    struct seminar *s;
    struct mission m;
    struct html h;
    const char *title;
    int64_t now = (int64_t)time(NULL);
    int n = 0;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND;
    req_shows_mission(rq, m.id);
    rc = seminar_current(rq->db, rq->arena, m.id, now, SEMINAR_LIST_MAX, &s, &n);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Seminars: %s"), L(rq, m.title_sv, m.title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the mission"), "href", url_mission(rq, m.slug), NULL);
    html_text(&h, " · ");
    html_elem_attr(&h, "a", _("Seminars in your calendar (iCalendar)"), "href",
                   url_mission_seminars_ics(rq, m.slug), "type", "text/calendar", NULL);
    html_close(&h, "p");
    scope.mission_id = m.id;
    regform_actions(
        &h, _("Announce a seminar"),
        req_offers(rq, AUTHZ_SEMINAR_CREATE, &scope) ? url_seminar_new(rq, m.slug) : NULL, NULL);
    html_open(&h, "section", "aria-labelledby", "current-h", NULL);
    html_elem_attr(&h, "h2", _("Current seminars"), "id", "current-h", NULL);
    if (n == 0)
        html_elem(&h, "p", _("No seminars are announced right now."));
    else
        seminar_list(rq, &h, s, n, false, now);
    html_close(&h, "section");
    rc = past_section(rq, &h, m.id, url_mission_seminars(rq, m.slug), now);
    if (rc)
        return rc;
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------ one seminar */

struct signup_form {
    struct seminar_signup in; /* the consent box too: in.consent */
};

static void
signup_read(struct req *rq, int64_t seminar, struct signup_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.seminar_id = seminar;
    f->in.name = edit_field(rq, "name");
    f->in.email = edit_field(rq, "email");
    f->in.organisation = edit_field(rq, "organisation");
    f->in.needs_diet = edit_field(rq, "needs_diet");
    f->in.needs_access = edit_field(rq, "needs_access");
    f->in.lang = lang_code(rq->lang);
    f->in.consent = strcmp(edit_field(rq, "consent"), "1") == 0;
    f->in.address = rq->client_ip; /* throttled per client address (seminar.h) */
}

/* The registration form: name, address, organisation (matched to the registry's actor of
 * that name, seminar.c), needs, consent. */
static void
signup_form(struct req *rq, struct html *h, const struct seminar *s, const struct signup_form *f,
            const struct form_errors *fe)
{
    if (seminar_places_left(s) == 0)
        html_elem(h, "p",
                  _("The seminar is full. If you register, you are put on the waiting list and "
                    "get a place by e-mail as soon as one comes free."));
    form_begin(rq, h, url_seminar_register(rq, s->id));
    form_input(h, fe, "name", _("Name"), NULL, FT_TEXT, f ? f->in.name : NULL, true, "name");
    form_input(h, fe, "email", _("E-mail"),
               _("Your confirmation, and a link to cancel, are sent here."), FT_EMAIL,
               f ? f->in.email : NULL, true, "email");
    form_input(h, fe, "organisation", _("Organisation"), _("Optional."), FT_TEXT,
               f ? f->in.organisation : NULL, false, "organization");
    form_textarea(h, fe, "needs_diet", _("Dietary needs"), _("Optional."),
                  f ? f->in.needs_diet : NULL, false, 2);
    form_textarea(h, fe, "needs_access", _("Accessibility needs"), _("Optional."),
                  f ? f->in.needs_access : NULL, false, 2);
    form_fieldset_begin(h, fe, "consent", _("Privacy"));
    html_elem(h, "p",
              _("We keep your registration to run the seminar: the mission's coordinators see "
                "it, and it is deleted a while after the seminar. If your organisation is in "
                "the registry, its attendance is counted on its page, without names."));
    form_checkbox(h, "consent", "1", _("I have read this and agree"), f != NULL && f->in.consent);
    form_fieldset_end(h);
    form_submit(h, _("Register"));
    form_end(h);
}

static void
facts(struct req *rq, struct html *h, const struct seminar *s, int64_t now)
{
    const char *acc = L(rq, s->accessibility_sv, s->accessibility_en);

    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Mission"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "a", L(rq, s->mission_title_sv, s->mission_title_en), "href",
                   url_mission(rq, s->mission_slug), "lang", L_lang(rq, s->mission_title_en), NULL);
    html_close(h, "dd");
    html_elem(h, "dt", _("When"));
    html_open(h, "dd", NULL);
    when_range(rq, h, s);
    html_text(h, " ");
    html_text(h, _("(Swedish time)"));
    html_close(h, "dd");
    if (!str_empty(s->place)) {
        html_elem(h, "dt", _("Place"));
        html_elem_attr(h, "dd", s->place, "lang", sv_only(rq, s->place), NULL);
    }
    if (!str_empty(s->online_url)) {
        html_elem(h, "dt", _("Online"));
        html_open(h, "dd", NULL);
        html_elem_attr(h, "a", s->online_url, "href", s->online_url, "rel", "nofollow", NULL);
        html_close(h, "dd");
    }
    html_elem(h, "dt", _("Language"));
    html_elem(h, "dd", label_code(&code_seminar_language, s->language));
    html_elem(h, "dt", _("Places"));
    html_open(h, "dd", NULL);
    if (seminar_open(s, now) == SEMINAR_STARTED && s->attended_total > 0)
        html_printf(h, _("%lld attended"), (long long)s->attended_total);
    else if (seminar_places_left(s) > 0)
        html_printf(h, _("%lld of %lld left"), (long long)seminar_places_left(s),
                    (long long)s->capacity);
    else
        html_printf(h, _("Full (%lld); %lld on the waiting list"), (long long)s->capacity,
                    (long long)s->n_waiting);
    html_close(h, "dd");
    html_elem(h, "dt", _("Registration closes"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "time", fmt_when(rq, s->closes_at), "datetime", iso_utc(rq, s->closes_at),
                   NULL);
    html_close(h, "dd");
    if (!str_empty(acc)) {
        html_elem(h, "dt", _("Accessibility"));
        html_elem_attr(h, "dd", acc, "lang", L_lang(rq, s->accessibility_en), NULL);
    }
    html_close(h, "dl");
}

/* The seminar's page: shared by every visitor (no form on it: a form's CSRF token would
 * make it personal and set a cookie for every reader), with a link to register. */
static enum err
seminar_page(struct req *rq, const struct seminar *s)
{
    struct authz_scope scope = {.mission_id = s->mission_id};
    const char *title = L(rq, s->title_sv, s->title_en), *desc;
    int64_t now = (int64_t)time(NULL);
    enum seminar_state_open st = seminar_open(s, now);
    struct html h;
    bool may_edit = req_offers(rq, AUTHZ_SEMINAR_EDIT, &scope);

    /* the link to register goes at the deadline or the start */
    resp_expires(rq, seminar_changes_at(s, now));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem_attr(&h, "h1", title, "lang", L_lang(rq, s->title_en), NULL);
    regform_actions(&h, _("Edit the seminar"), may_edit ? url_seminar_edit(rq, s->id) : NULL,
                    _("Registrations and attendance"),
                    may_edit ? url_seminar_registrations(rq, s->id) : NULL, NULL);
    if (s->is_demo)
        layout_demo_note(rq, &h);
    if (st == SEMINAR_CANCELLED)
        html_elem_attr(&h, "p", _("This seminar is cancelled."), "class", "notice", NULL);
    facts(rq, &h, s, now);
    desc = L(rq, s->description_sv, s->description_en);
    if (!str_empty(desc)) {
        html_open(&h, "div", "class", "prose", "lang", L_lang(rq, s->description_en), NULL);
        html_markdown(&h, desc);
        html_close(&h, "div");
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Add to your calendar (iCalendar)"), "href",
                   url_seminar_ics(rq, s->id), "type", "text/calendar", NULL);
    html_close(&h, "p");
    switch (st) {
    case SEMINAR_OPEN:
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a",
                       seminar_places_left(s) > 0 ? _("Register") : _("Join the waiting list"),
                       "href", url_seminar_register(rq, s->id), "class", "button", NULL);
        html_close(&h, "p");
        break;
    case SEMINAR_CLOSED:
        html_elem(&h, "p", _("Registration has closed."));
        break;
    case SEMINAR_STARTED:
    case SEMINAR_CANCELLED:
        break;
    }
    return layout_end_for(rq, &h, "seminar", s->id, s->mission_id, NULL);
}

enum err
page_seminar(struct req *rq)
{
    struct seminar s;
    enum err rc;

    rc = seminar_get(rq->db, rq->arena, req_int(rq, "id", 0), &s);
    if (rc)
        return rc;
    req_shows_mission(rq, s.mission_id);
    return seminar_page(rq, &s);
}

/* The registration page: the seminar's when and where, its places, and the form while
 * registration is open (else why not); with the refusal beside its field after a post. */
static enum err
register_page(struct req *rq, const struct seminar *s, const struct signup_form *f,
              const struct form_errors *fe)
{
    const char *title = arena_printf(rq->arena, _("Register: %s"), L(rq, s->title_sv, s->title_en));
    int64_t now = (int64_t)time(NULL);
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, fe, title));
    html_elem(&h, "h1", title);
    if (fe != NULL)
        form_summary(rq, &h, fe);
    facts(rq, &h, s, now);
    switch (seminar_open(s, now)) {
    case SEMINAR_OPEN:
        signup_form(rq, &h, s, f, fe);
        break;
    case SEMINAR_CLOSED:
    case SEMINAR_STARTED:
        html_elem(&h, "p", _("Registration has closed."));
        break;
    case SEMINAR_CANCELLED:
        html_elem(&h, "p", _("This seminar is cancelled."));
        break;
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the seminar"), "href", url_seminar(rq, s->id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_seminar_register(struct req *rq)
{
    struct seminar s;
    enum err rc;

    rc = seminar_get(rq->db, rq->arena, req_int(rq, "id", 0), &s);
    if (rc)
        return rc;
    return register_page(rq, &s, NULL, NULL);
}

/* The message beside the field a registration was refused for. */
static const char *
signup_refusal(const struct write_error *we, const char **field)
{
    const char *x = we->field != NULL ? we->field : "";

    *field = x;
    if (strcmp(x, "name") == 0)
        return _("Enter your name, in at most 300 characters.");
    if (strcmp(x, "email") == 0)
        return strstr(we->msg, "already") != NULL
                   ? _("This e-mail address is already registered for the seminar. The e-mail "
                       "we sent has a link to cancel.")
                   : _("Enter an e-mail address such as name@example.se.");
    if (strcmp(x, "organisation") == 0)
        return _("Enter at most 300 characters.");
    if (strcmp(x, "needs_diet") == 0 || strcmp(x, "needs_access") == 0)
        return _("Enter at most 1,000 characters.");
    if (strcmp(x, "consent") == 0)
        return _("Tick the box to accept the privacy notice: we cannot register you without.");
    *field = "name";
    if (strstr(we->msg, "cancelled") != NULL)
        return _("This seminar is cancelled.");
    return _("Registration has closed.");
}

/* Too many registrations from the client's address: 429 with Retry-After, the message in
 * the form's summary (and beside the first field, as the seminar's own refusals). */
static void
signup_throttled(struct req *rq, struct form_errors *fe, int64_t now)
{
    int64_t wait = 0, minutes;
    char retry[24];

    /* read again after the refused transaction: it ended before the wait could be told */
    (void)seminar_signup_throttled(edit_db(rq), rq->client_ip, now, &wait);
    if (wait < 1)
        wait = 1;
    minutes = (wait + 59) / 60;
    snprintf(retry, sizeof(retry), "%lld", (long long)wait);
    form_error(fe, "name",
               arena_printf(rq->arena,
                            ngettext("Too many registrations have been made from your "
                                     "connection within the hour. Please wait %lld minute and "
                                     "try again.",
                                     "Too many registrations have been made from your "
                                     "connection within the hour. Please wait %lld minutes and "
                                     "try again.",
                                     (unsigned long)minutes),
                            (long long)minutes));
    rq->resp.status = 429;
    resp_header(rq, "Retry-After", arena_strdup(rq->arena, retry));
}

enum err
post_seminar_register(struct req *rq)
{
    struct authz_scope scope = {0};
    struct seminar_registration r;
    struct seminar_mailer m;
    struct form_errors fe = {0};
    struct write_error we = {0};
    struct signup_form f;
    struct seminar s;
    struct html h;
    const char *field, *msg;
    int64_t now;
    enum err rc;

    rc = seminar_get(edit_db(rq), rq->arena, req_int(rq, "id", 0), &s);
    if (rc)
        return rc;
    scope.mission_id = s.mission_id;
    rc = req_allow(rq, AUTHZ_SEMINAR_REGISTER, &scope);
    if (rc)
        return rc;
    signup_read(rq, s.id, &f);
    /* what a person most often leaves out, all at once (the domain stops at the first) */
    if (str_empty(f.in.name))
        form_error(&fe, "name", _("Enter your name, in at most 300 characters."));
    if (!mail_is_address(f.in.email))
        form_error(&fe, "email", _("Enter an e-mail address such as name@example.se."));
    if (!f.in.consent)
        form_error(&fe, "consent",
                   _("Tick the box to accept the privacy notice: we cannot register you "
                     "without."));
    if (fe.n > 0) {
        rq->resp.status = 422;
        return register_page(rq, &s, &f, &fe);
    }
    seminar_mailer_of(rq, &m);
    now = (int64_t)time(NULL);
    rc = seminar_register(edit_db(rq), rq->arena, &f.in, now, &m, &r, &we);
    i18n_use(rq->lang);
    if (rc == ERR_LIMIT) {
        signup_throttled(rq, &fe, now);
        return register_page(rq, &s, &f, &fe);
    }
    if (rc == ERR_INVALID) {
        msg = signup_refusal(&we, &field);
        form_error(&fe, field, msg);
        rq->resp.status = 422;
        (void)seminar_get(edit_db(rq), rq->arena, s.id, &s);
        return register_page(rq, &s, &f, &fe);
    }
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    if (strcmp(r.state, "registered") == 0) {
        layout_begin(rq, &h, _("You are registered"));
        html_elem(&h, "h1", _("You are registered"));
        html_open(&h, "p", NULL);
        html_printf(&h,
                    _("You have a place at %s. We have sent a confirmation to %s, with the "
                      "seminar for your calendar and a link to cancel."),
                    L(rq, s.title_sv, s.title_en), r.email);
        html_close(&h, "p");
    } else {
        layout_begin(rq, &h, _("You are on the waiting list"));
        html_elem(&h, "h1", _("You are on the waiting list"));
        html_open(&h, "p", NULL);
        html_printf(&h,
                    _("%s is full. You are number %lld on the waiting list: when a place comes "
                      "free it is yours, and we tell you by e-mail at %s."),
                    L(rq, s.title_sv, s.title_en), (long long)r.position, r.email);
        html_close(&h, "p");
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the seminar"), "href", url_seminar(rq, s.id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------ the cancel link */

static enum err
cancel_load(struct req *rq, struct db *db, struct seminar_registration *r, struct seminar *s)
{
    enum err rc = seminar_registration_by_token(db, rq->arena, req_str(rq, "token"), r);

    if (rc == ERR_OK && r->seminar_id != req_int(rq, "id", 0))
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        rc = seminar_get(db, rq->arena, r->seminar_id, s);
    return rc;
}

enum err
page_seminar_cancel(struct req *rq)
{
    struct seminar_registration r;
    struct seminar s;
    struct html h;
    enum err rc;

    rc = cancel_load(rq, rq->db, &r, &s);
    if (rc == ERR_NOTFOUND) {
        /* as a password reset link: a page that says why, for whoever follows an old link */
        html_init(&h, &rq->resp.body, rq->arena);
        layout_begin(rq, &h, _("The link does not work"));
        html_elem(&h, "h1", _("The link does not work"));
        html_elem(&h, "p",
                  _("This cancel link belongs to no registration: it may be incomplete, or the "
                    "registration was deleted after the seminar. If you registered for a "
                    "seminar to come, use the link in the latest e-mail we sent you."));
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a", _("Current seminars"), "href", url_seminars(rq), NULL);
        html_close(&h, "p");
        layout_end(rq, &h, NULL);
        return ERR_OK;
    }
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Cancel your registration"));
    html_elem(&h, "h1", _("Cancel your registration"));
    html_open(&h, "p", NULL);
    html_printf(&h, _("Registration of %s for %s."), r.name, L(rq, s.title_sv, s.title_en));
    html_close(&h, "p");
    if (strcmp(r.state, "cancelled") == 0) {
        html_elem(&h, "p", _("This registration is already cancelled."));
    } else if ((int64_t)time(NULL) >= s.starts_at) {
        html_elem(&h, "p",
                  _("The seminar has begun: the registration can no longer be cancelled."));
    } else {
        html_elem(&h, "p",
                  strcmp(r.state, "registered") == 0
                      ? _("You have a place. If you cancel, it goes to the first on the waiting "
                          "list.")
                      : _("You are on the waiting list. If you cancel, you leave it."));
        form_begin(rq, &h, url_seminar_cancel(rq, s.id, r.token));
        form_submit(&h, _("Cancel my registration"));
        form_end(&h);
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the seminar"), "href", url_seminar(rq, s.id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
post_seminar_cancel(struct req *rq)
{
    struct authz_scope scope = {0};
    struct seminar_registration r;
    struct seminar_mailer m;
    struct seminar s;
    struct html h;
    int64_t sem = 0, promoted = 0;
    enum err rc;

    rc = cancel_load(rq, edit_db(rq), &r, &s);
    if (rc)
        return rc;
    scope.mission_id = s.mission_id;
    rc = req_allow(rq, AUTHZ_SEMINAR_UNREGISTER, &scope);
    if (rc)
        return rc;
    seminar_mailer_of(rq, &m);
    rc = seminar_cancel(edit_db(rq), rq->arena, req_str(rq, "token"), (int64_t)time(NULL), &m, &sem,
                        &promoted);
    i18n_use(rq->lang);
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_UNPROCESSABLE, NULL,
                          _("The seminar has begun: the registration can no longer be cancelled."));
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Your registration is cancelled"));
    html_elem(&h, "h1", _("Your registration is cancelled"));
    html_open(&h, "p", NULL);
    html_printf(&h, _("You are no longer registered for %s."), L(rq, s.title_sv, s.title_en));
    html_close(&h, "p");
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the seminar"), "href", url_seminar(rq, s.id), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------ the coordinators' forms */

struct seminar_form {
    struct seminar_new in;
    const char *starts, *ends, *closes, *capacity;
};

static void
form_read(struct req *rq, int64_t mission_id, struct seminar_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->in.title_sv = edit_field(rq, "title_sv");
    f->in.title_en = edit_field(rq, "title_en");
    f->in.description_sv = edit_field(rq, "description_sv");
    f->in.description_en = edit_field(rq, "description_en");
    f->in.place = edit_field(rq, "place");
    f->in.online_url = edit_field(rq, "online_url");
    f->in.language = edit_field(rq, "language");
    f->in.accessibility_sv = edit_field(rq, "accessibility_sv");
    f->in.accessibility_en = edit_field(rq, "accessibility_en");
    f->in.cancelled = strcmp(edit_field(rq, "cancelled"), "1") == 0;
    f->starts = edit_field(rq, "starts_at");
    f->ends = edit_field(rq, "ends_at");
    f->closes = edit_field(rq, "closes_at");
    f->capacity = edit_field(rq, "capacity");
}

static void
form_fill(struct req *rq, const struct seminar *s, struct seminar_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.mission_id = s->mission_id;
    f->in.title_sv = s->title_sv;
    f->in.title_en = s->title_en;
    f->in.description_sv = s->description_sv;
    f->in.description_en = s->description_en;
    f->in.place = s->place;
    f->in.online_url = s->online_url;
    f->in.language = s->language;
    f->in.accessibility_sv = s->accessibility_sv;
    f->in.accessibility_en = s->accessibility_en;
    f->in.cancelled = s->cancelled_at != 0;
    f->starts = local_field(rq, s->starts_at);
    f->ends = local_field(rq, s->ends_at);
    f->closes = local_field(rq, s->closes_at);
    f->capacity = arena_printf(rq->arena, "%lld", (long long)s->capacity);
}

/* The form's times and capacity into f->in; false with the field's message in fe. */
static bool
times_parse(struct seminar_form *f, struct form_errors *fe)
{
    const char *msg = _("Enter a date and time such as 2030-06-10 13:00.");

    if (!parse_local(f->starts, &f->in.starts_at)) {
        form_error(fe, "starts_at", msg);
        return false;
    }
    if (!parse_local(f->ends, &f->in.ends_at)) {
        form_error(fe, "ends_at", msg);
        return false;
    }
    if (!str_empty(f->closes) && !parse_local(f->closes, &f->in.closes_at)) {
        form_error(fe, "closes_at", msg);
        return false;
    }
    if (!edit_int(f->capacity, 1, SEMINAR_MAX_CAPACITY, &f->in.capacity)) {
        form_error(fe, "capacity", _("Enter the number of places, a whole number from 1."));
        return false;
    }
    return true;
}

static const char *
form_refusal(const struct write_error *we, const char **field)
{
    const char *x = we->field != NULL ? we->field : "";

    *field = x;
    if (strcmp(x, "title_sv") == 0)
        return _("Enter a title in Swedish of at most 300 characters.");
    if (strcmp(x, "title_en") == 0)
        return _("Enter a title in English of at most 300 characters, or leave it empty.");
    if (strcmp(x, "starts_at") == 0)
        return _("Enter a date and time such as 2030-06-10 13:00.");
    if (strcmp(x, "ends_at") == 0)
        return strstr(we->msg, "years") != NULL ? _("A seminar lasts at most ten years.")
                                                : _("The end must be after the start.");
    if (strcmp(x, "closes_at") == 0)
        return _("Registration must close at the start or before it.");
    if (strcmp(x, "place") == 0)
        return _("Enter a place, an online link, or both.");
    if (strcmp(x, "online_url") == 0)
        return _("Enter a web address beginning with https:// or http://.");
    if (strcmp(x, "language") == 0)
        return _("Choose the language.");
    if (strcmp(x, "capacity") == 0)
        return _("Enter the number of places, a whole number from 1.");
    if (strncmp(x, "description", 11) == 0)
        return _("Enter at most 20,000 characters.");
    if (strncmp(x, "accessibility", 13) == 0)
        return _("Enter at most 4,000 characters.");
    return _("Check this value.");
}

static enum err
form_page(struct req *rq, const char *title, const char *action, const struct mission *m,
          const struct seminar_form *f, bool existing, const struct form_errors *fe)
{
    struct html h;

    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href",
                   url_mission_seminars(rq, m->slug), "lang", L_lang(rq, m->title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    form_input(&h, fe, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, f->in.title_sv, true,
               "off");
    form_input(&h, fe, "title_en", _("Title in English"), _("Optional."), FT_TEXT, f->in.title_en,
               false, "off");
    form_textarea(&h, fe, "description_sv", _("Description in Swedish"), _("Markdown. Optional."),
                  f->in.description_sv, false, 6);
    form_textarea(&h, fe, "description_en", _("Description in English"), _("Markdown. Optional."),
                  f->in.description_en, false, 6);
    form_input(&h, fe, "starts_at", _("Starts"), _("Swedish time: YYYY-MM-DD HH:MM."), FT_DATETIME,
               f->starts, true, "off");
    form_input(&h, fe, "ends_at", _("Ends"), _("Swedish time: YYYY-MM-DD HH:MM."), FT_DATETIME,
               f->ends, true, "off");
    form_input(&h, fe, "closes_at", _("Registration closes"),
               _("Swedish time. Empty: at the start."), FT_DATETIME, f->closes, false, "off");
    form_input(&h, fe, "place", _("Place"), _("An address. Optional when there is an online link."),
               FT_TEXT, f->in.place, false, "off");
    form_input(&h, fe, "online_url", _("Online link"), _("Optional when there is a place."), FT_URL,
               f->in.online_url, false, "off");
    form_select(&h, fe, "language", _("Language"), NULL, edit_codes(rq, &code_seminar_language),
                code_seminar_language.n, f->in.language, _("Choose a language"));
    form_input(&h, fe, "capacity", _("Places"), _("More registrations go on a waiting list."),
               FT_NUMBER, f->capacity, true, "off");
    form_textarea(&h, fe, "accessibility_sv", _("Accessibility in Swedish"),
                  _("Step-free access, hearing loop, interpretation ... Optional."),
                  f->in.accessibility_sv, false, 3);
    form_textarea(&h, fe, "accessibility_en", _("Accessibility in English"), _("Optional."),
                  f->in.accessibility_en, false, 3);
    if (existing)
        form_flag(&h, "cancelled", _("The seminar is cancelled"),
                  _("Registration closes and the calendars show it as cancelled."),
                  f->in.cancelled);
    form_submit(&h, _("Save"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static enum err
form_save(struct req *rq, int64_t id, const struct mission *m, struct seminar_form *f,
          const char *title, const char *action)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const char *who, *field, *msg;
    int64_t out_id = id;
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    if (!times_parse(f, &fe)) {
        rq->resp.status = 422;
        return form_page(rq, title, action, m, f, id != 0, &fe);
    }
    rc = seminar_save(rq->wdb, id, &f->in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID) {
        msg = form_refusal(&we, &field);
        form_error(&fe, field, msg);
        rq->resp.status = 422;
        return form_page(rq, title, action, m, f, id != 0, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_seminar(rq, out_id));
}

/* The live mission of the path, the caller allowed to announce a seminar in it. */
static enum err
new_in_mission(struct req *rq, struct mission *m)
{
    enum err rc = edit_mission_allowed(rq, AUTHZ_SEMINAR_CREATE, m);

    return rc == ERR_OK && m->archived_at != 0 ? ERR_NOTFOUND : rc;
}

enum err
page_seminar_new(struct req *rq)
{
    struct seminar_form f;
    struct mission m;
    enum err rc;

    rc = new_in_mission(rq, &m);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    f.in.language = "sv";
    return form_page(rq, _("Announce a seminar"), url_seminar_new(rq, m.slug), &m, &f, false, NULL);
}

enum err
post_seminar_new(struct req *rq)
{
    struct seminar_form f;
    struct mission m;
    enum err rc;

    rc = new_in_mission(rq, &m);
    if (rc)
        return rc;
    form_read(rq, m.id, &f);
    return form_save(rq, 0, &m, &f, _("Announce a seminar"), url_seminar_new(rq, m.slug));
}

/* The seminar of the path and its mission, the caller allowed action on it. */
static enum err
of_path(struct req *rq, struct db *db, enum authz_action action, struct seminar *s,
        struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = seminar_get(db, rq->arena, req_int(rq, "id", 0), s);
    if (rc == ERR_OK)
        rc = mission_get_id(db, rq->arena, s->mission_id, m);
    if (rc)
        return rc;
    scope.mission_id = s->mission_id;
    return req_allow(rq, action, &scope);
}

enum err
page_seminar_edit(struct req *rq)
{
    struct seminar_form f;
    struct mission m;
    struct seminar s;
    enum err rc;

    rc = of_path(rq, rq->db, AUTHZ_SEMINAR_EDIT, &s, &m);
    if (rc)
        return rc;
    form_fill(rq, &s, &f);
    return form_page(rq, arena_printf(rq->arena, _("Edit %s"), L(rq, s.title_sv, s.title_en)),
                     url_seminar_edit(rq, s.id), &m, &f, true, NULL);
}

enum err
post_seminar_edit(struct req *rq)
{
    struct seminar_form f;
    struct mission m;
    struct seminar s;
    enum err rc;

    rc = of_path(rq, rq->wdb, AUTHZ_SEMINAR_EDIT, &s, &m);
    if (rc)
        return rc;
    form_read(rq, s.mission_id, &f);
    return form_save(rq, s.id, &m, &f,
                     arena_printf(rq->arena, _("Edit %s"), L(rq, s.title_sv, s.title_en)),
                     url_seminar_edit(rq, s.id));
}

/* ------------------------------------------------------------ registrations, attendance */

static enum err
registrations_page(struct req *rq, const struct seminar *s, const struct form_errors *fe)
{
    struct seminar_registration *rs;
    const char *title;
    struct html h;
    int64_t now = (int64_t)time(NULL);
    bool marking = now >= s->starts_at && s->data_deleted_at == 0;
    int n = 0, i;
    enum err rc;

    rc = seminar_registrations(rq->db, rq->arena, s->id, &rs, &n);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Registrations: %s"), L(rq, s->title_sv, s->title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, fe, title));
    html_elem(&h, "h1", title);
    if (fe != NULL)
        form_summary(rq, &h, fe);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the seminar"), "href", url_seminar(rq, s->id), NULL);
    html_text(&h, " · ");
    html_elem_attr(&h, "a", _("Download the list (CSV)"), "href",
                   url_seminar_registrations_csv(rq, s->id), "type", "text/csv", NULL);
    html_close(&h, "p");
    html_open(&h, "p", NULL);
    html_printf(&h, _("%lld registered of %lld places, %lld waiting."), (long long)s->n_registered,
                (long long)s->capacity, (long long)s->n_waiting);
    html_close(&h, "p");
    if (s->data_deleted_at != 0) {
        html_open(&h, "p", NULL);
        html_printf(&h,
                    _("The registrations' personal data were deleted on %s. %lld people "
                      "attended."),
                    fmt_date_unix(rq, s->data_deleted_at), (long long)s->attended_total);
        html_close(&h, "p");
    }
    if (n == 0) {
        html_elem(&h, "p", _("No registrations."));
        layout_end(rq, &h, NULL);
        return ERR_OK;
    }
    if (marking) {
        form_begin(rq, &h, url_seminar_attendance(rq, s->id));
        html_elem(&h, "p", _("Tick those who attended and save."));
    }
    html_open(&h, "div", "class", "tablewrap", NULL);
    html_open(&h, "table", "aria-labelledby", "regs-h", NULL);
    html_elem_attr(&h, "caption", _("Registrations"), "id", "regs-h", NULL);
    html_open(&h, "thead", NULL);
    html_open(&h, "tr", NULL);
    html_elem_attr(&h, "th", _("Name"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("E-mail"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Organisation"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Needs"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("State"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Attended"), "scope", "col", NULL);
    html_close(&h, "tr");
    html_close(&h, "thead");
    html_open(&h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        const struct seminar_registration *r = &rs[i];
        bool live = strcmp(r->state, "cancelled") != 0;

        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", r->name, "scope", "row", NULL);
        html_elem(&h, "td", r->email);
        html_open(&h, "td", NULL);
        if (r->actor_id != 0)
            html_elem_attr(&h, "a", r->actor_name, "href", url_actor(rq, r->actor_id), NULL);
        else
            html_text(&h, r->organisation);
        html_close(&h, "td");
        html_open(&h, "td", NULL);
        html_text(&h, r->needs_diet);
        if (!str_empty(r->needs_diet) && !str_empty(r->needs_access))
            html_text(&h, "; ");
        html_text(&h, r->needs_access);
        html_close(&h, "td");
        html_open(&h, "td", NULL);
        html_text(&h, label_code(&code_registration_state, r->state));
        if (r->position > 0)
            html_printf(&h, " (%lld)", (long long)r->position);
        html_close(&h, "td");
        html_open(&h, "td", NULL);
        if (marking && live)
            form_checkbox(&h, "attended", arena_printf(rq->arena, "%lld", (long long)r->id),
                          arena_printf(rq->arena, _("%s attended"), r->name), r->attended);
        else
            html_text(&h, r->attended ? _("Yes") : "");
        html_close(&h, "td");
        html_close(&h, "tr");
    }
    html_close(&h, "tbody");
    html_close(&h, "table");
    html_close(&h, "div");
    if (marking) {
        form_submit(&h, _("Save attendance"));
        form_end(&h);
    }
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_seminar_registrations(struct req *rq)
{
    struct mission m;
    struct seminar s;
    enum err rc;

    rc = of_path(rq, rq->db, AUTHZ_SEMINAR_EDIT, &s, &m);
    if (rc)
        return rc;
    return registrations_page(rq, &s, NULL);
}

enum err
post_seminar_attendance(struct req *rq)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const char **vals;
    const char *who;
    struct mission m;
    struct seminar s;
    int64_t *ids;
    int n, i;
    enum err rc;

    rc = of_path(rq, rq->wdb, AUTHZ_SEMINAR_ATTENDANCE, &s, &m);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc)
        return rc;
    vals = arena_alloc(rq->arena, (SEMINAR_MAX_CAPACITY + 1) * sizeof(*vals));
    n = rq->form ? form_get_all(rq->form, "attended", vals, SEMINAR_MAX_CAPACITY + 1) : 0;
    ids = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof(*ids));
    for (i = 0; i < n; i++)
        if (!edit_int(vals[i], 1, INT64_MAX, &ids[i]))
            ids[i] = 0;
    rc = seminar_attendance(rq->wdb, s.id, ids, n, who, (int64_t)time(NULL), &we);
    if (rc == ERR_INVALID) {
        form_error(&fe, "attended",
                   strcmp(we.field, "seminar_id") == 0
                       ? _("Attendance is marked after the seminar has begun, and not after its "
                           "registrations were deleted.")
                       : _("Tick only registrations of this seminar that stand."));
        rq->resp.status = 422;
        return registrations_page(rq, &s, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_seminar_registrations(rq, s.id));
}

enum err
file_seminar_registrations(struct req *rq)
{
    struct seminar_registration *rs;
    struct buf *b = &rq->resp.body;
    struct mission m;
    struct seminar s;
    int n = 0, i;
    enum err rc;

    rc = of_path(rq, rq->db, AUTHZ_SEMINAR_EDIT, &s, &m);
    if (rc == ERR_OK)
        rc = seminar_registrations(rq->db, rq->arena, s.id, &rs, &n);
    if (rc)
        return rc;
    buf_adds(b, "name,email,organisation,actor_id,needs_diet,needs_access,state,position,"
                "registered_at,attended\r\n");
    for (i = 0; i < n; i++) {
        export_csv_cell(b, rs[i].name, true);
        buf_addc(b, ',');
        export_csv_cell(b, rs[i].email, true);
        buf_addc(b, ',');
        export_csv_cell(b, rs[i].organisation, true);
        buf_printf(b, ",%s",
                   rs[i].actor_id ? arena_printf(rq->arena, "%lld", (long long)rs[i].actor_id)
                                  : "");
        buf_addc(b, ',');
        export_csv_cell(b, rs[i].needs_diet, true);
        buf_addc(b, ',');
        export_csv_cell(b, rs[i].needs_access, true);
        buf_printf(b, ",%s,%lld,%s,%d\r\n", rs[i].state, (long long)rs[i].position,
                   iso_utc(rq, rs[i].created_at), rs[i].attended ? 1 : 0);
    }
    if (buf_err(b))
        return ERR_LIMIT;
    rq->resp.content_type = "text/csv; charset=utf-8";
    return resp_header(rq, "Content-Disposition",
                       arena_printf(rq->arena,
                                    "attachment; filename=\"seminar-%lld-registrations.csv\"",
                                    (long long)s.id));
}

/* ------------------------------------------------------------ iCalendar */

static enum err
ics_reply(struct req *rq, const struct seminar *s, int n, const char *name, const char *file)
{
    struct seminar_ics_opts o;
    enum err rc;

    seminar_ics_opts_of(rq, &o);
    rc = seminar_ics(&rq->resp.body, s, n, "PUBLISH", name, &o, (int64_t)time(NULL));
    if (rc)
        return rc;
    rq->resp.content_type = "text/calendar; charset=utf-8";
    return resp_header(rq, "Content-Disposition",
                       arena_printf(rq->arena, "inline; filename=\"%s\"", file));
}

enum err
file_seminar_ics(struct req *rq)
{
    struct seminar s;
    enum err rc;

    rc = seminar_get(rq->db, rq->arena, req_int(rq, "id", 0), &s);
    if (rc)
        return rc;
    req_shows_mission(rq, s.mission_id);
    return ics_reply(rq, &s, 1, NULL, arena_printf(rq->arena, "seminar-%lld.ics", (long long)s.id));
}

enum err
file_mission_seminars_ics(struct req *rq)
{
    struct seminar *s;
    struct mission m;
    int n = 0;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND;
    req_shows_mission(rq, m.id);
    /* what a calendar needs: the coming seminars and those of the last year (those not
     * ended a year ago) */
    rc = seminar_current(rq->db, rq->arena, m.id, (int64_t)time(NULL) - 365 * 86400LL, ICS_MAX, &s,
                         &n);
    if (rc)
        return rc;
    return ics_reply(rq, s, n,
                     arena_printf(rq->arena, _("Seminars: %s"), L(rq, m.title_sv, m.title_en)),
                     arena_printf(rq->arena, "seminars-%s.ics", m.slug));
}

enum err
file_seminars_ics(struct req *rq)
{
    struct seminar *s;
    int n = 0;
    enum err rc;

    /* as a mission's calendar: the coming seminars and those of the last year */
    rc =
        seminar_current(rq->db, rq->arena, 0, (int64_t)time(NULL) - 365 * 86400LL, ICS_MAX, &s, &n);
    if (rc)
        return rc;
    return ics_reply(rq, s, n, _("Seminars of the missions"), "seminars.ics");
}
