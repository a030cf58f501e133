/*
 * layout.c — the shared page frame and display names (see layout.h).
 */
#include "web/layout.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/licence.h"
#include "domain/site.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/i18n.h"
#include "web/url.h"

/*
 * The header's account part: "Sign in" for a visitor, the account and "Sign out" for a
 * signed-in user. Only a request that presents the session cookie reads who asks, so a
 * public page stays one shared page for every visitor without it (web_cacheable).
 */
static void
account_links(struct req *rq, struct html *h)
{
    const struct principal *u = NULL;

    if (rq->route != NULL && rq->db != NULL && auth_has_session_cookie(rq))
        u = req_user(rq);
    html_open(h, "div", "class", "account", NULL);
    if (u == NULL) {
        html_elem_attr(h, "a", _("Sign in"), "href", url_sign_in(rq, NULL, false), NULL);
    } else {
        html_elem_attr(h, "a", u->name, "href", url_account(rq), NULL);
        form_begin(rq, h, url_sign_out(rq));
        form_submit(h, _("Sign out"));
        form_end(h);
    }
    html_close(h, "div");
}

static void begin(struct req *rq, struct html *h, const char *title, const char *described_by,
                  const char *feed, const char *feed_title);

void
layout_begin(struct req *rq, struct html *h, const char *title)
{
    begin(rq, h, title, NULL, NULL, NULL);
}

void
layout_begin_described(struct req *rq, struct html *h, const char *title, const char *described_by)
{
    begin(rq, h, title, described_by, NULL, NULL);
}

void
layout_begin_feed(struct req *rq, struct html *h, const char *title, const char *feed,
                  const char *feed_title)
{
    begin(rq, h, title, NULL, feed, feed_title);
}

static void
begin(struct req *rq, struct html *h, const char *title, const char *described_by, const char *feed,
      const char *feed_title)
{
    html_lit(h, "<!DOCTYPE html>\n");
    html_open(h, "html", "lang", lang_code(rq->lang), NULL);
    html_open(h, "head", NULL);
    html_void(h, "meta", "charset", "utf-8", NULL);
    html_void(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1",
              NULL);
    html_open(h, "title", NULL);
    html_text(h, title);
    html_text(h, " – samverka");
    html_close(h, "title");
    html_void(h, "link", "rel", "stylesheet", "href", "/static/style.css", NULL);
    html_void(h, "link", "rel", "alternate", "hreflang", "sv", "href", url_lang(rq, LANG_SV), NULL);
    html_void(h, "link", "rel", "alternate", "hreflang", "en", "href", url_lang(rq, LANG_EN), NULL);
    if (described_by != NULL)
        html_void(h, "link", "rel", "describedby", "type", "application/json", "href", described_by,
                  NULL);
    if (feed != NULL)
        html_void(h, "link", "rel", "alternate", "type", "application/atom+xml", "title",
                  feed_title, "href", feed, NULL);
    html_close(h, "head");
    html_open(h, "body", NULL);
    html_elem_attr(h, "a", _("Skip to content"), "class", "skip", "href", "#main", NULL);
    html_open(h, "header", "class", "site", NULL);
    html_open(h, "div", "class", "wrap", NULL);
    html_elem_attr(h, "a", "samverka", "class", "brand", "href", url_home(rq), NULL);
    html_open(h, "nav", "aria-label", _("Main menu"), NULL);
    html_open(h, "ul", NULL);
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Missions"), "href", url_home(rq), NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Initiatives"), "href", url_initiatives(rq, NULL, NULL), NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Actors"), "href", url_actors(rq, NULL), NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Agenda 2030"), "href", url_sdg_index(rq), NULL);
    html_close(h, "li");
    html_close(h, "ul");
    html_close(h, "nav");
    /* the switch names each language in itself, and says so to screen readers */
    html_open(h, "p", "class", "lang", NULL);
    if (rq->lang == LANG_SV)
        html_elem_attr(h, "a", "English", "href", url_lang(rq, LANG_EN), "lang", "en", "hreflang",
                       "en", NULL);
    else
        html_elem_attr(h, "a", "Svenska", "href", url_lang(rq, LANG_SV), "lang", "sv", "hreflang",
                       "sv", NULL);
    html_close(h, "p");
    account_links(rq, h);
    html_close(h, "div");
    html_close(h, "header");
    html_open(h, "main", "id", "main", "class", "wrap", NULL);
}

/* The page owner: the page's own (a mission's owner), else the site owner of the site's
 * settings (linked when it has a link), else the administrators. */
static void
owner(struct req *rq, struct html *h, const struct accountability *acc, const struct site *site)
{
    const char *name;

    if (acc->owner_name != NULL) {
        html_elem(h, "dd", acc->owner_name);
        return;
    }
    if (site == NULL || *site->owner_sv == '\0') {
        html_elem(h, "dd", _("The samverka administrators"));
        return;
    }
    name = L(rq, site->owner_sv, site->owner_en);
    html_open(h, "dd", "lang", L_lang(rq, site->owner_en), NULL);
    if (site->owner_url != NULL && url_is_http(site->owner_url))
        html_elem_attr(h, "a", name, "href", site->owner_url, NULL);
    else
        html_text(h, name);
    html_close(h, "dd");
}

static void
accountability(struct req *rq, struct html *h, const struct accountability *acc,
               const struct site *site)
{
    html_open(h, "aside", "class", "accountability", "aria-labelledby", "acc-h", NULL);
    html_elem_attr(h, "h2", _("About this page"), "id", "acc-h", NULL);
    html_open(h, "dl", NULL);
    html_elem(h, "dt", _("Last updated"));
    html_open(h, "dd", NULL);
    if (acc->last_updated > 0) {
        char iso[STR_UTC_TIME_SIZE];

        str_utc_time(iso, sizeof(iso), acc->last_updated);
        html_elem_attr(h, "time", fmt_date_unix(rq, acc->last_updated), "datetime", iso, NULL);
    } else {
        html_text(h, _("Not recorded"));
    }
    html_close(h, "dd");
    html_elem(h, "dt", _("Page owner"));
    owner(rq, h, acc, site);
    html_elem(h, "dt", _("Page views"));
    html_open(h, "dd", NULL);
    html_printf(h, _("%s in the last 30 days, %s in total"), fmt_num(rq, (double)acc->views_30d, 0),
                fmt_num(rq, (double)acc->views_total, 0));
    html_close(h, "dd");
    html_close(h, "dl");
    html_elem_attr(h, "p",
                   _("Views are counted on the server without cookies and without storing IP "
                     "addresses; the count shown is updated with a delay."),
                   "class", "small", NULL);
    html_close(h, "aside");
}

/* The data's licence: set by web_init (layout_set_data_licence) before the server's threads
 * start, read-only after. It lives here, below routes.c, because every page's footer names
 * it. */
static const struct licence *data_licence;

void
layout_set_data_licence(const struct licence *l)
{
    data_licence = l;
}

const struct licence *
web_data_licence(void)
{
    return data_licence != NULL ? data_licence : licence_find(LICENCE_DEFAULT);
}

/* The data's licence (the data-licence setting), on every page: who reuses what a page
 * shows must not have to look for the terms (issue 12). The licence's label is its
 * publisher's and its name is English (lang="en"); the link is rel="license". Beside it,
 * the open-data page and the bulk download itself (downloads.c). */
static void
footer_licence(struct req *rq, struct html *h)
{
    const struct licence *l = web_data_licence();

    html_open(h, "p", "class", "licence", NULL);
    html_text(h, _("Data:"));
    html_text(h, " ");
    html_elem_attr(h, "a", l->label, "href", l->url, "rel", "license", "title", l->name, "lang",
                   "en", NULL);
    html_text(h, " · ");
    html_elem_attr(h, "a", _("Open data and downloads"), "href", url_open_data(rq), NULL);
    html_text(h, " · ");
    html_elem_attr(h, "a", _("All data (zip)"), "href", DATA_BULK_PATH, "type", "application/zip",
                   NULL);
    html_close(h, "p");
}

/* The end of every page; site NULL: the site's settings could not be read (the footer then
 * links the About and contact pages without the mailbox). */
static void
page_end(struct req *rq, struct html *h, const struct accountability *acc, const struct site *site)
{
    const char *mail = site != NULL ? url_mailto(rq, site->contact_email) : NULL;

    if (acc != NULL)
        accountability(rq, h, acc, site);
    html_close(h, "main");
    html_open(h, "footer", "class", "site", NULL);
    html_open(h, "div", "class", "wrap", NULL);
    html_open(h, "p", NULL);
    html_text(h, _("samverka – an open platform for mission-oriented collaboration."));
    html_text(h, " ");
    html_elem_attr(h, "a", _("Open data (JSON API)"), "href", "/api/v1/openapi.json", NULL);
    html_close(h, "p");
    /* the site's own pages and its functional mailbox (page_site.c) */
    html_open(h, "p", "class", "site-contact", NULL);
    html_elem_attr(h, "a", _("About missions"), "href", url_about(rq), NULL);
    html_text(h, " · ");
    html_elem_attr(h, "a", _("Contact"), "href", url_contact(rq), NULL);
    if (mail != NULL) {
        html_text(h, " · ");
        html_elem_attr(h, "a", site->contact_email, "href", mail, NULL);
    }
    html_close(h, "p");
    footer_licence(rq, h);
    html_close(h, "div");
    html_close(h, "footer");
    html_close(h, "body");
    html_close(h, "html");
    html_lit(h, "\n");
}

void
layout_end(struct req *rq, struct html *h, const struct accountability *acc)
{
    struct site site;

    /* a form or an error page: the footer without the mailbox rather than no page at all
     * (the error page may be the database's own failure) */
    if (rq->db == NULL || site_get_footer(rq->db, rq->arena, &site) != ERR_OK) {
        page_end(rq, h, acc, NULL);
        return;
    }
    page_end(rq, h, acc, &site);
}

enum err
layout_end_for(struct req *rq, struct html *h, const char *entity, int64_t entity_id,
               int64_t mission_id, const char *owner_name)
{
    struct accountability acc;
    struct site site;
    enum err rc;

    memset(&acc, 0, sizeof(acc));
    /* a page whose accountability cannot be read is not shown without it: the database
     * failed under this render, and the error page (503 or 500) says so */
    rc = accountability_get(rq->db, rq->page_key ? rq->page_key : rq->path, entity, entity_id,
                            mission_id, &acc);
    if (rc)
        return rc;
    if (owner_name != NULL)
        acc.owner_name = owner_name;
    rc = site_get_footer(rq->db, rq->arena, &site);
    if (rc)
        return rc;
    page_end(rq, h, &acc, &site);
    return ERR_OK;
}

void
layout_error_page(struct req *rq, struct html *h, int status, const char *field, const char *msg)
{
    const char *title;

    switch (status) {
    case 400:
        title = _("The request could not be understood");
        break;
    case 404:
        title = _("Page not found");
        break;
    case 401:
        title = _("Sign-in needed");
        break;
    case 403:
        title = _("Not allowed");
        break;
    case 405:
        title = _("Method not allowed");
        break;
    case 413:
        title = _("Too large");
        break;
    case 415:
        title = _("Unsupported format");
        break;
    case 422:
        title = _("The data could not be used");
        break;
    case 429:
        title = _("Too many requests");
        break;
    case 503:
        title = _("Temporarily unavailable");
        break;
    default:
        title = _("Something went wrong");
        break;
    }
    layout_begin(rq, h, title);
    html_elem(h, "h1", title);
    html_open(h, "p", "class", "error-msg", NULL);
    if (field != NULL) {
        html_elem(h, "code", field);
        html_text(h, ": ");
    }
    html_text(h, msg);
    html_close(h, "p");
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("Go to the missions"), "href", url_home(rq), NULL);
    html_close(h, "p");
    layout_end(rq, h, NULL);
}

void
layout_pager(struct req *rq, struct html *h, int64_t page, int64_t pages, const char *prev,
             const char *next)
{
    if (pages <= 1)
        return;
    html_open(h, "nav", "aria-label", _("Pages"), NULL);
    html_open(h, "ul", "class", "pager", NULL);
    if (prev != NULL) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", _("Previous"), "href", prev, "rel", "prev", NULL);
        html_close(h, "li");
    }
    html_open(h, "li", NULL);
    html_printf(h, _("Page %s of %s"), fmt_num(rq, (double)page, 0), fmt_num(rq, (double)pages, 0));
    html_close(h, "li");
    if (next != NULL) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", _("Next"), "href", next, "rel", "next", NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "nav");
}

void
layout_demo_note(struct req *rq, struct html *h)
{
    (void)rq;
    html_elem_attr(h, "p",
                   _("Demonstration content: built from public facts for showing samverka; "
                     "people and some figures are fictional."),
                   "class", "demo-note", NULL);
}

/* ------------------------------------------------------------ labels */

const char *
label_code(const struct code_set *set, const char *code)
{
    const char *msgid = code_label(set, code);

    /* a code set's labels are string literals in static tables (codes.c): i18n_lit's memo
     * holds them, as it does _()'s (a page of indicators asks for the same few labels
     * dozens of times; through gettext they took 3 % of the uncached mission page) */
    if (msgid != NULL)
        return i18n_lit(msgid);
    return code ? code : "";
}

/* ------------------------------------------------------------ formats */

static const char *const months_sv[] = {"januari",   "februari", "mars",     "april",
                                        "maj",       "juni",     "juli",     "augusti",
                                        "september", "oktober",  "november", "december"};
static const char *const months_en[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

static char *
fmt_ymd(struct req *rq, int y, int m, int d)
{
    if (m < 1 || m > 12)
        return arena_printf(rq->arena, "%04d", y);
    if (rq->lang == LANG_SV)
        return arena_printf(rq->arena, "%d %s %d", d, months_sv[m - 1], y);
    return arena_printf(rq->arena, "%d %s %d", d, months_en[m - 1], y);
}

char *
fmt_date_unix(struct req *rq, int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;

    gmtime_r(&tt, &tm);
    return fmt_ymd(rq, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* How many of the parts of "YYYY-MM-DD" start s (digits only, as the database stores
 * dates: "2030" gives 1, "2030-06" 2, "2030-06-30" 3); each part read is stored. */
static int
iso_date_parts(const char *s, int *y, int *m, int *d)
{
    static const int width[3] = {4, 2, 2};
    int *part[3] = {y, m, d};
    int i, k, v;

    for (i = 0; i < 3; i++) {
        if (i > 0 && *s++ != '-')
            return i;
        for (v = 0, k = 0; k < width[i]; k++, s++) {
            if (!isdigit((unsigned char)*s))
                return i;
            v = v * 10 + (*s - '0');
        }
        *part[i] = v;
    }
    return 3;
}

char *
fmt_date_iso(struct req *rq, const char *iso)
{
    int y = 0, m = 0, d = 0, n;

    if (iso == NULL)
        return arena_strdup(rq->arena, "");
    n = iso_date_parts(iso, &y, &m, &d);
    if (n == 3)
        return fmt_ymd(rq, y, m, d);
    if (n == 2) {
        if (m >= 1 && m <= 12)
            return arena_printf(rq->arena, "%s %d",
                                rq->lang == LANG_SV ? months_sv[m - 1] : months_en[m - 1], y);
    }
    return arena_strdup(rq->arena, iso);
}

char *
fmt_sek(struct req *rq, int64_t v)
{
    char *n = fmt_num(rq, (double)v, 0);

    if (rq->lang == LANG_SV)
        return arena_printf(rq->arena, "%s\xc2\xa0kr", n);
    return arena_printf(rq->arena, "SEK\xc2\xa0%s", n);
}

int
years_left(const char *deadline)
{
    int y = 0, m = 12, d = 31;
    time_t now = time(NULL);
    struct tm tm;
    int years;

    if (deadline == NULL || iso_date_parts(deadline, &y, &m, &d) < 1)
        return 0;
    gmtime_r(&now, &tm);
    years = y - (tm.tm_year + 1900);
    if (m - 1 < tm.tm_mon || (m - 1 == tm.tm_mon && d < tm.tm_mday))
        years--;
    return years > 0 ? years : 0;
}

const char *
initiative_status_text(struct req *rq, const char *status, const char *end_date)
{
    const char *label = label_code(&code_initiative_status, status);

    if (!initiative_past_end(status, end_date, (int64_t)time(NULL)))
        return label;
    /* TRANSLATORS: an initiative's status, then a warning that its end date has passed */
    return arena_printf(rq->arena, _("%s · end date passed"), label);
}
