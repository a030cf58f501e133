/*
 * file_feed.c — the Atom feeds (RFC 4287): GET /missions/{slug}/feed.atom, a mission's, and
 * GET /feed.atom, every live mission's. What they hold, and where each entry comes from, is
 * domain/feed.h's; this file writes it in the request's language (?lang=, Accept-Language,
 * as the pages), every text through core/xml.c's escaper.
 *
 * Ids never change between renders: tag URIs (RFC 4151) of the site's host (public-url's;
 * FEED_TAG_HOST_DEV in development mode, a name no one owns, RFC 2606), dated by the day
 * the thing they name began (the entry's event, the mission's creation, the platform's
 * first audit entry), and ending in the feed's or the entry's own path (feed_tag_path: its
 * kind, subject and event). Links are absolute with public-url, else absolute paths (a
 * cached response is shared by every client, so no request's Host header goes into it,
 * as in file_describe.c). Cached and given an ETag like the site's other files
 * (RF_CACHE); a mission's is of its mission's content alone (RF_ONE_MISSION).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/ical.h"
#include "core/str.h"
#include "core/xml.h"
#include "domain/codes.h"
#include "domain/feed.h"
#include "domain/mission.h"
#include "domain/site.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/progress_view.h"
#include "web/route.h"
#include "web/url.h"

/* the tag authority without public-url: reserved, so never another site's (RFC 2606) */
#define FEED_TAG_HOST_DEV "samverka.invalid"

struct atom {
    struct req *rq;
    struct buf *b;
    const char *origin; /* public-url's scheme://host[:port], or "" */
    const char *host;   /* the tag URIs' authority */
};

/* The tag URIs' authority: public-url's host when it is a DNS name (letters, digits, '.' and
 * '-'; not an address literal nor one with a port), else FEED_TAG_HOST_DEV. */
static const char *
tag_host(struct req *rq, const char *origin)
{
    const char *h = strstr(origin, "://"), *p;
    size_t n;

    if (h == NULL)
        return FEED_TAG_HOST_DEV;
    h += 3;
    n = strcspn(h, ":/");
    if (n == 0)
        return FEED_TAG_HOST_DEV;
    for (p = h; p < h + n; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-'))
            return FEED_TAG_HOST_DEV;
    return arena_strndup(rq->arena, h, n);
}

/* <name>text</name> */
static void
elem(struct atom *f, const char *name, const char *text)
{
    buf_printf(f->b, "<%s>", name);
    xml_text(f->b, text);
    buf_printf(f->b, "</%s>\n", name);
}

/* <name type="text">text</name> */
static void
text_elem(struct atom *f, const char *name, const char *text)
{
    buf_printf(f->b, "<%s type=\"text\">", name);
    xml_text(f->b, text);
    buf_printf(f->b, "</%s>\n", name);
}

/* <updated>RFC 3339</updated> */
static void
updated(struct atom *f, int64_t t)
{
    char when[STR_UTC_TIME_SIZE];

    str_utc_time(when, sizeof(when), t);
    elem(f, "updated", when);
}

/* <link rel= type= href=origin+path/> */
static void
link(struct atom *f, const char *rel, const char *type, const char *path)
{
    buf_printf(f->b, "<link rel=\"%s\" type=\"%s\" href=\"", rel, type);
    xml_text(f->b, f->origin);
    xml_text(f->b, path);
    buf_adds(f->b, "\"/>\n");
}

/* <id>tag:host,YYYY-MM-DD:path</id>, dated by the UTC day of t */
static void
tag_id(struct atom *f, int64_t t, const char *path)
{
    char day[STR_UTC_TIME_SIZE];

    str_utc_time(day, sizeof(day), t > 0 ? t : 0);
    day[10] = '\0';
    buf_adds(f->b, "<id>tag:");
    xml_text(f->b, f->host);
    buf_printf(f->b, ",%s:", day);
    xml_text(f->b, path);
    buf_adds(f->b, "</id>\n");
}

/* A value as the reader's language writes numbers, with as few decimals (up to 6) as show it. */
static const char *
value_text(struct req *rq, double v)
{
    int d;

    for (d = 0; d < 6; d++) {
        double k = pow(10, d);

        if (fabs(round(v * k) / k - v) <= 1e-9 * fmax(1, fabs(v)))
            break;
    }
    return fmt_num(rq, v, d);
}

/* An assessment as a feed says it: "moderate progress (1.2 of 5)", the status alone when
 * it has no score. */
static const char *
assessed_text(struct req *rq, const char *status, bool has_score, double score)
{
    const char *label = label_code(&code_progress_status, status);

    return has_score ? arena_printf(rq->arena, "%s (%s)", label, fmt_score(rq, score)) : label;
}

/* The entry's title and summary in the request's language. */
static void
entry_words(struct req *rq, const struct feed_entry *e, const char **title, const char **summary)
{
    const char *subject = L(rq, e->title_sv, e->title_en);
    const char *mission = L(rq, e->mission_title_sv, e->mission_title_en);
    struct arena *a = rq->arena;

    switch (e->kind) {
    case FEED_INITIATIVE_NEW:
        *title = arena_printf(a, _("New initiative: %s"), subject);
        *summary = strcmp(e->action, "accepted") == 0
                       ? arena_printf(a,
                                      _("A proposal from an actor was accepted as an initiative "
                                        "of the mission %s."),
                                      mission)
                       : arena_printf(a, _("A new initiative of the mission %s."), mission);
        return;
    case FEED_INITIATIVE_STATUS:
        *title =
            arena_printf(a, _("%s: %s"), subject, label_code(&code_initiative_status, e->after));
        /* TRANSLATORS: the initiative's status before and after, then the mission's title */
        *summary = arena_printf(a, _("The initiative's status changed from %s to %s (mission %s)."),
                                label_code(&code_initiative_status, e->before),
                                label_code(&code_initiative_status, e->after), mission);
        return;
    case FEED_MISSION_STATUS:
        *title = arena_printf(a, _("%s: %s"), subject, label_code(&code_mission_status, e->after));
        *summary = arena_printf(a, _("The mission's status changed from %s to %s."),
                                label_code(&code_mission_status, e->before),
                                label_code(&code_mission_status, e->after));
        return;
    case FEED_DATA:
        *title = arena_printf(a, _("New data: %s"), subject);
        /* TRANSLATORS: counts of values an import added, changed and removed */
        *summary = arena_printf(a,
                                _("An import of the indicator's data: %ld values added, %ld "
                                  "changed, %ld removed. Progress is assessed from the new "
                                  "data; the indicator's page shows the assessment."),
                                e->inserted, e->changed, e->removed);
        return;
    case FEED_VALUE:
        *title = arena_printf(a, _("New value: %s"), subject);
        if (e->has_old && e->has_new)
            /* TRANSLATORS: the value's period (and series), the new value, the old one */
            *summary = arena_printf(a, _("%s: %s (was %s)."), e->detail,
                                    value_text(rq, e->new_value), value_text(rq, e->old_value));
        else if (e->has_new)
            *summary = arena_printf(a, _("%s: %s (a new value)."), e->detail,
                                    value_text(rq, e->new_value));
        else
            *summary = arena_printf(a, _("%s: the value %s was removed."), e->detail,
                                    value_text(rq, e->old_value));
        *summary = arena_printf(a, "%s %s", *summary,
                                _("Progress is assessed from the new data; the indicator's page "
                                  "shows the assessment."));
        return;
    case FEED_SEMINAR: {
        int64_t local = e->starts_at + ical_stockholm_offset(e->starts_at);

        *title = arena_printf(a, _("Seminar: %s"), subject);
        /* TRANSLATORS: the seminar's day, its start (HH:MM), where, then the mission */
        *summary = arena_printf(a,
                                _("%s at %02d:%02d Swedish time, %s. A seminar of the mission "
                                  "%s: anyone may register on its page."),
                                fmt_date_unix(rq, local), (int)(local % 86400 / 3600),
                                (int)(local % 3600 / 60), e->detail, mission);
        return;
    }
    case FEED_PROGRESS:
        /* TRANSLATORS: the indicator's title, then its assessed progress now */
        *title = arena_printf(a, _("Progress of %s: %s"), subject,
                              label_code(&code_progress_status, e->after));
        /* TRANSLATORS: the assessment before and after (each "moderate progress (1.2 of
         * 5)"), then the mission's title */
        *summary = arena_printf(a,
                                _("The assessment of the indicator's progress changed from %s "
                                  "to %s (mission %s)."),
                                assessed_text(rq, e->before, e->has_old, e->old_value),
                                assessed_text(rq, e->after, e->has_new, e->new_value), mission);
        return;
    case FEED__KINDS:
        break;
    }
    *title = subject;
    *summary = "";
}

/* The public page of the entry's subject. */
static const char *
entry_link(struct req *rq, const struct feed_entry *e)
{
    switch (e->kind) {
    case FEED_INITIATIVE_NEW:
    case FEED_INITIATIVE_STATUS:
        return url_initiative(rq, e->subject_id);
    case FEED_DATA:
    case FEED_VALUE:
    case FEED_PROGRESS:
        return url_indicator(rq, e->subject_id);
    case FEED_SEMINAR:
        return url_seminar(rq, e->subject_id);
    case FEED_MISSION_STATUS:
    case FEED__KINDS:
        break;
    }
    return url_mission(rq, e->mission_slug);
}

static void
entry(struct atom *f, const struct feed_entry *e)
{
    const char *title, *summary;
    char path[96];

    entry_words(f->rq, e, &title, &summary);
    buf_adds(f->b, "<entry>\n");
    if (feed_tag_path(e, path, sizeof(path)))
        tag_id(f, e->at, path);
    text_elem(f, "title", title);
    updated(f, e->at);
    link(f, "alternate", "text/html", entry_link(f->rq, e));
    text_elem(f, "summary", summary);
    buf_printf(f->b, "<category term=\"%s\"/>\n", feed_kind_name(e->kind));
    buf_adds(f->b, "</entry>\n");
}

/*
 * The whole document: m the mission (NULL: the platform's feed), fd its entries.
 */
static enum err
write_feed(struct req *rq, const struct mission *m, const struct feed *fd)
{
    struct atom f = {.rq = rq, .b = &rq->resp.body, .origin = auth_public_origin()};
    struct site site;
    const char *owner, *title;
    enum err rc;
    int i;

    rc = site_get_footer(rq->db, rq->arena, &site);
    if (rc)
        return rc;
    f.host = tag_host(rq, f.origin);
    owner = L(rq, site.owner_sv != NULL ? site.owner_sv : "",
              site.owner_en != NULL ? site.owner_en : "");
    title = m != NULL ? arena_printf(rq->arena, _("%s: news"), L(rq, m->title_sv, m->title_en))
                      : _("Missions: news");
    buf_adds(f.b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    buf_printf(f.b, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"%s\">\n",
               lang_code(rq->lang));
    if (m != NULL)
        tag_id(&f, fd->since, arena_printf(rq->arena, "mission/%lld/feed", (long long)m->id));
    else
        tag_id(&f, fd->since, "feed");
    text_elem(&f, "title", arena_printf(rq->arena, "%s – samverka", title));
    text_elem(&f, "subtitle",
              _("New initiatives, status changes of initiatives and missions, and new data of "
                "the indicators."));
    updated(&f, fd->n > 0 ? fd->entries[0].at : fd->since);
    buf_adds(f.b, "<author>\n");
    elem(&f, "name", *owner ? owner : "samverka");
    if (*owner && site.owner_url != NULL && *site.owner_url)
        elem(&f, "uri", site.owner_url);
    buf_adds(f.b, "</author>\n");
    link(&f, "self", "application/atom+xml", url_feed(rq, m != NULL ? m->slug : NULL));
    link(&f, "alternate", "text/html", m != NULL ? url_mission(rq, m->slug) : url_home(rq));
    buf_adds(f.b, "<generator>samverka</generator>\n");
    for (i = 0; i < fd->n; i++)
        entry(&f, &fd->entries[i]);
    buf_adds(f.b, "</feed>\n");
    rq->resp.content_type = "application/atom+xml; charset=utf-8";
    return ERR_OK;
}

enum err
file_mission_feed(struct req *rq)
{
    struct mission m;
    struct feed fd;
    enum err rc;

    rc = mission_get_uncounted(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    rc = feed_load(rq->db, rq->arena, m.id, m.created_at, &fd);
    if (rc)
        return rc;
    return write_feed(rq, &m, &fd);
}

enum err
file_platform_feed(struct req *rq)
{
    struct feed fd;
    enum err rc;

    rc = feed_load(rq->db, rq->arena, 0, 0, &fd);
    if (rc)
        return rc;
    return write_feed(rq, NULL, &fd);
}
