/*
 * url.c — URL builders (see url.h).
 */
#include "web/url.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/str.h"

/* Build from a printf-free list: literal path pieces and encoded segments. */
static char *
finish(const struct req *rq, struct buf *b, bool has_query)
{
    char *s;

    if (rq->lang_in_query) {
        buf_adds(b, has_query ? "&lang=" : "?lang=");
        buf_adds(b, rq->lang == LANG_EN ? "en" : "sv");
    }
    s = arena_strndup(rq->arena, b->data ? b->data : "", b->len);
    buf_free(b);
    return s;
}

/* The characters url_encode leaves as they are (RFC 3986's unreserved). */
static const char unreserved[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";

/* prefix, seg (nothing in it to percent-encode) and suffix (NULL: none) as finish would
 * give them, written once into the arena: a buf cost a malloc and a free for each link,
 * and a mission's page has a hundred */
static char *
plain(const struct req *rq, const char *prefix, const char *seg, const char *suffix)
{
    const char *lang = !rq->lang_in_query ? "" : rq->lang == LANG_EN ? "?lang=en" : "?lang=sv";
    char *s, *o;

    if (suffix == NULL)
        suffix = "";
    s = arena_alloc(rq->arena, strlen(prefix) + strlen(seg) + strlen(suffix) + strlen(lang) + 1);
    o = stpcpy(s, prefix);
    o = stpcpy(o, seg);
    o = stpcpy(o, suffix);
    stpcpy(o, lang);
    return s;
}

static char *
path1(const struct req *rq, const char *prefix, const char *seg, const char *suffix)
{
    struct buf b;
    size_t n = strspn(seg, unreserved);

    if (seg[n] == '\0')
        return plain(rq, prefix, seg, suffix);
    buf_init(&b, 0);
    buf_adds(&b, prefix);
    url_encode(&b, seg);
    if (suffix)
        buf_adds(&b, suffix);
    return finish(rq, &b, false);
}

static char *
pathi(const struct req *rq, const char *prefix, int64_t id, const char *suffix)
{
    char n[24], *p = n + sizeof(n) - 1;
    uint64_t u = id < 0 ? -(uint64_t)id : (uint64_t)id;

    /* the digits as "%lld" writes them, without printf */
    *p = '\0';
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (id < 0)
        *--p = '-';
    return plain(rq, prefix, p, suffix);
}

static char *
fixed(const struct req *rq, const char *path)
{
    return plain(rq, path, "", NULL);
}

/*
 * The builders that are a fixed path, or a prefix, one segment (an id, or a slug
 * percent-encoded) and a suffix (NULL: none), one line each below: the path is all that
 * tells them apart. Their prototypes, with what each is for, are url.h's.
 */
#define URL_FIXED(name, path)                                                                      \
    char *name(const struct req *rq)                                                               \
    {                                                                                              \
        return fixed(rq, path);                                                                    \
    }
#define URL_ID(name, prefix, suffix)                                                               \
    char *name(const struct req *rq, int64_t id)                                                   \
    {                                                                                              \
        return pathi(rq, prefix, id, suffix);                                                      \
    }
#define URL_SLUG(name, prefix, suffix)                                                             \
    char *name(const struct req *rq, const char *slug)                                             \
    {                                                                                              \
        return path1(rq, prefix, slug, suffix);                                                    \
    }

URL_FIXED(url_home, "/")
URL_FIXED(url_open_data, "/data")
URL_SLUG(url_mission, "/missions/", NULL)
URL_ID(url_indicator, "/indicators/", NULL)
URL_ID(url_indicator_data_edit, "/indicators/", "/data")
URL_ID(url_indicator_data_value, "/indicators/", "/data/value")
URL_ID(url_indicator_data_remove, "/indicators/", "/data/remove")
URL_ID(url_indicator_data_upload, "/indicators/", "/data/upload")
URL_ID(url_indicator_datapackage, "/indicators/", "/datapackage.json")

char *
url_indicator_stored(const struct req *rq, int64_t id, long rows)
{
    struct buf b;

    buf_init(&b, 0);
    buf_printf(&b, "/indicators/%lld?stored=%ld", (long long)id, rows);
    return finish(rq, &b, true);
}

char *
url_indicator_data(const struct req *rq, int64_t id, const char *ext)
{
    struct buf b;
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)id);
    buf_init(&b, 0);
    buf_adds(&b, "/indicators/");
    buf_adds(&b, n);
    buf_adds(&b, strcmp(ext, "csv") == 0 ? "/data.csv" : "/data.json");
    {
        char *s = arena_strndup(rq->arena, b.data, b.len);
        buf_free(&b);
        return s;
    }
}

URL_ID(url_initiative, "/initiatives/", NULL)

char *
url_initiatives(const struct req *rq, const char *mission_slug, const char *origin)
{
    struct buf b;
    bool q = false;

    buf_init(&b, 0);
    buf_adds(&b, "/initiatives");
    if (mission_slug) {
        buf_adds(&b, "?mission=");
        url_encode(&b, mission_slug);
        q = true;
    }
    if (origin) {
        buf_adds(&b, q ? "&origin=" : "?origin=");
        url_encode(&b, origin);
        q = true;
    }
    return finish(rq, &b, q);
}

URL_ID(url_actor, "/actors/", NULL)

char *
url_actors(const struct req *rq, const char *sector)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/actors");
    if (sector) {
        buf_adds(&b, "?sector=");
        url_encode(&b, sector);
    }
    return finish(rq, &b, sector != NULL);
}

URL_FIXED(url_sdg_index, "/sdg")
URL_FIXED(url_about, "/about")
URL_FIXED(url_contact, "/contact")
URL_FIXED(url_site_edit, "/admin/site")

char *
url_sdg_goal(const struct req *rq, int goal)
{
    return pathi(rq, "/sdg/", goal, NULL);
}

/* the API's links carry no ?lang= (its resources are bilingual already) */
static char *
api_path(const struct req *rq, const char *prefix, const char *seg)
{
    struct buf b;
    char *s;

    buf_init(&b, 0);
    buf_adds(&b, prefix);
    url_encode(&b, seg);
    s = arena_strndup(rq->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
    return s;
}

char *
url_api_mission(const struct req *rq, const char *slug)
{
    return api_path(rq, "/api/v1/missions/", slug);
}

char *
url_api_indicator(const struct req *rq, int64_t id)
{
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)id);
    return api_path(rq, "/api/v1/indicators/", n);
}

char *
url_lang(const struct req *rq, enum lang lang)
{
    struct buf b;
    const char *p;
    char *s;

    buf_init(&b, 0);
    /* the path as received, re-encoded segment by segment */
    for (p = rq->path; *p;) {
        size_t n = strcspn(p + 1, "/");
        char *seg = arena_strndup(rq->arena, p + 1, n);

        buf_addc(&b, '/');
        url_encode(&b, seg);
        p += n + 1;
    }
    if (b.len == 0)
        buf_addc(&b, '/');
    buf_adds(&b, lang == LANG_EN ? "?lang=en" : "?lang=sv");
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

char *
url_paged(const struct req *rq, const char *path, int64_t page, ...)
{
    struct buf b;
    va_list ap;
    const char *name, *value;
    bool q = false;

    buf_init(&b, 0);
    buf_adds(&b, path);
    va_start(ap, page);
    while ((name = va_arg(ap, const char *)) != NULL) {
        value = va_arg(ap, const char *);
        if (value == NULL)
            continue;
        buf_addc(&b, q ? '&' : '?');
        url_encode(&b, name);
        buf_addc(&b, '=');
        url_encode(&b, value);
        q = true;
    }
    va_end(ap);
    if (page > 1) {
        buf_printf(&b, "%cpage=%lld", q ? '&' : '?', (long long)page);
        q = true;
    }
    return finish(rq, &b, q);
}

bool
url_is_http(const char *s)
{
    return str_is_http_url(s);
}

/*
 * "mailto:local@domain" with both parts percent-encoded, or NULL unless the
 * address has exactly one @ with text on both sides and no space, quote,
 * angle bracket or control character (so a link never carries a second
 * recipient, headers or markup).
 */
char *
url_mailto(const struct req *rq, const char *addr)
{
    const char *at = NULL, *p;
    struct buf b;
    char *local, *s;

    if (str_empty(addr))
        return NULL;
    for (p = addr; *p; p++) {
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p == 0x7f || strchr("\"'`<>\\", *p))
            return NULL;
        if (*p == '@') {
            if (at != NULL)
                return NULL;
            at = p;
        }
    }
    if (at == NULL || at == addr || at[1] == '\0')
        return NULL;
    local = arena_strndup(rq->arena, addr, (size_t)(at - addr));
    buf_init(&b, 0);
    buf_adds(&b, "mailto:");
    url_encode(&b, local);
    buf_addc(&b, '@');
    url_encode(&b, at + 1);
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

char *
url_sign_in(const struct req *rq, const char *next, bool ended)
{
    struct buf b;
    bool q = false;

    buf_init(&b, 0);
    buf_adds(&b, "/account/sign-in");
    if (next != NULL && url_is_local_path(next) && strcmp(next, "/account/sign-in") != 0) {
        buf_adds(&b, "?next=");
        url_encode(&b, next);
        q = true;
    }
    if (ended) {
        buf_adds(&b, q ? "&ended=1" : "?ended=1");
        q = true;
    }
    return finish(rq, &b, q);
}

URL_FIXED(url_sign_in_code, "/account/sign-in/code")
URL_FIXED(url_sign_in_new_key, "/account/sign-in/new-key")
URL_FIXED(url_sign_up, "/account/sign-up")
URL_FIXED(url_sign_out, "/account/sign-out")
URL_FIXED(url_account, "/account")
URL_FIXED(url_password, "/account/password")

/* ---- the registry's forms */

URL_FIXED(url_actor_new, "/actors/new")
URL_ID(url_actor_edit, "/actors/", "/edit")
URL_ID(url_actor_archive, "/actors/", "/archive")

/* path?name=value (value percent-encoded; nothing when value is NULL), ?lang= carried on */
static char *
with_query(const struct req *rq, const char *path, const char *name, const char *value)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, path);
    if (value != NULL) {
        buf_printf(&b, "?%s=", name);
        url_encode(&b, value);
    }
    return finish(rq, &b, value != NULL);
}

URL_ID(url_person, "/people/", NULL)

char *
url_person_new(const struct req *rq, int64_t actor_id)
{
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)actor_id);
    return with_query(rq, "/people/new", "actor", actor_id > 0 ? n : NULL);
}

URL_ID(url_person_edit, "/people/", "/edit")
URL_ID(url_person_archive, "/people/", "/archive")

char *
url_initiative_new(const struct req *rq, const char *mission_slug)
{
    return mission_slug != NULL ? path1(rq, "/missions/", mission_slug, "/initiatives/new")
                                : fixed(rq, "/initiatives/new");
}

URL_ID(url_initiative_edit, "/initiatives/", "/edit")
URL_ID(url_initiative_archive, "/initiatives/", "/archive")

/* ---- proposals and history */

URL_SLUG(url_propose, "/missions/", "/propose")
URL_SLUG(url_review_queue, "/missions/", "/review")
URL_SLUG(url_mission_history, "/missions/", "/history")
URL_SLUG(url_mission_network, "/missions/", "/network")
URL_SLUG(url_mission_graphml, "/missions/", "/network.graphml")
URL_FIXED(url_network, "/network")
URL_FIXED(url_network_graphml, "/network.graphml")

char *
url_feed(const struct req *rq, const char *mission_slug)
{
    return mission_slug != NULL ? path1(rq, "/missions/", mission_slug, "/feed.atom")
                                : fixed(rq, "/feed.atom");
}

char *
url_feed_subscribe(const struct req *rq, const char *mission_slug)
{
    struct req pinned = *rq;

    pinned.lang_in_query = true;
    return url_feed(&pinned, mission_slug);
}
URL_ID(url_resubmit, "/initiatives/", "/resubmit")

char *
url_review(const struct req *rq, int64_t initiative_id, const char *what)
{
    /* what is one of three literals (url.h), never input */
    return pathi(rq, "/initiatives/", initiative_id, arena_printf(rq->arena, "/review/%s", what));
}

URL_ID(url_initiative_history, "/initiatives/", "/history")
URL_FIXED(url_my_proposals, "/account/proposals")

bool
url_is_local_path(const char *s)
{
    const unsigned char *p;

    if (s == NULL || s[0] != '/' || s[1] == '/' || strlen(s) > 512)
        return false;
    for (p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            return false;
    return true;
}

/* ---- the editing pages of a mission and its goal tree */

URL_FIXED(url_mission_new, "/new-mission")
URL_SLUG(url_mission_edit, "/missions/", "/edit")
URL_SLUG(url_mission_archive, "/missions/", "/archive")
URL_SLUG(url_mission_sdg, "/missions/", "/sdg")
URL_SLUG(url_objective_new, "/missions/", "/objectives/new")
URL_ID(url_objective_edit, "/objectives/", "/edit")
URL_ID(url_objective_archive, "/objectives/", "/archive")
URL_SLUG(url_indicator_new, "/missions/", "/indicators/new")
URL_ID(url_indicator_edit, "/indicators/", "/edit")
URL_ID(url_indicator_archive, "/indicators/", "/archive")
URL_ID(url_indicator_settings, "/indicators/", "/settings")
URL_SLUG(url_team, "/missions/", "/team")

/* /missions/SLUG/team/PERSON[suffix] */
static char *
team_path(const struct req *rq, const char *mission_slug, int64_t person_id, const char *suffix)
{
    struct buf b;
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)person_id);
    buf_init(&b, 0);
    buf_adds(&b, "/missions/");
    url_encode(&b, mission_slug);
    buf_adds(&b, "/team/");
    buf_adds(&b, n);
    if (suffix != NULL)
        buf_adds(&b, suffix);
    return finish(rq, &b, false);
}

char *
url_team_member(const struct req *rq, const char *mission_slug, int64_t person_id)
{
    return team_path(rq, mission_slug, person_id, NULL);
}

char *
url_team_remove(const struct req *rq, const char *mission_slug, int64_t person_id)
{
    return team_path(rq, mission_slug, person_id, "/remove");
}

/* ------------------------------------------------------------------ account self-service */

char *
url_reset(const struct req *rq, bool sent)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, sent ? "/account/reset?sent=1" : "/account/reset");
    return finish(rq, &b, sent);
}

URL_SLUG(url_reset_link, "/account/reset/", NULL)

char *
url_sign_in_reset(const struct req *rq)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/account/sign-in?reset=1");
    return finish(rq, &b, true);
}

char *
url_two_factor(const struct req *rq, const char *step)
{
    return step != NULL ? path1(rq, "/account/two-factor/", step, NULL)
                        : fixed(rq, "/account/two-factor");
}

URL_FIXED(url_tokens, "/account/tokens")
URL_ID(url_token_revoke, "/account/tokens/", "/revoke")
URL_ID(url_actor_represent, "/actors/", "/represent")
URL_FIXED(url_admin_requests, "/admin/requests")

char *
url_admin_users(const struct req *rq, int64_t page)
{
    return page > 1 ? url_paged(rq, "/admin/users", page, NULL) : fixed(rq, "/admin/users");
}

char *
url_admin_user(const struct req *rq, int64_t user_id, const char *action)
{
    char n[24];
    struct buf b;

    snprintf(n, sizeof(n), "%lld", (long long)user_id);
    buf_init(&b, 0);
    buf_adds(&b, "/admin/users/");
    buf_adds(&b, n);
    if (action != NULL) {
        buf_addc(&b, '/');
        buf_adds(&b, action); /* a literal path tail ("admin/revoke") */
    }
    return finish(rq, &b, false);
}

char *
url_admin_coordinator_remove(const struct req *rq, int64_t user_id, int64_t mission_id)
{
    char n[64];

    snprintf(n, sizeof(n), "%lld/missions/%lld/remove", (long long)user_id, (long long)mission_id);
    return path1(rq, "/admin/users/", "", n);
}

char *
url_account_data(const struct req *rq, const char *suffix)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/account/data");
    if (suffix != NULL)
        buf_adds(&b, suffix);
    return finish(rq, &b, false);
}

char *
url_representative(const struct req *rq, int64_t actor_id, int64_t user_id, const char *action)
{
    char n[24];
    struct buf b;

    buf_init(&b, 0);
    snprintf(n, sizeof(n), "%lld", (long long)actor_id);
    buf_adds(&b, "/actors/");
    buf_adds(&b, n);
    snprintf(n, sizeof(n), "%lld", (long long)user_id);
    buf_adds(&b, "/representatives/");
    buf_adds(&b, n);
    buf_addc(&b, '/');
    url_encode(&b, action);
    return finish(rq, &b, false);
}

/* ---- commitments (page_commitment.c) */

URL_SLUG(url_commitments, "/missions/", "/commitments")
URL_SLUG(url_commitment_new, "/missions/", "/commitments/new")
URL_ID(url_commitment, "/commitments/", NULL)
URL_ID(url_commitment_edit, "/commitments/", "/edit")
URL_ID(url_commitment_status, "/commitments/", "/status")
URL_SLUG(url_learning, "/missions/", "/learning")
URL_SLUG(url_learning_new, "/missions/", "/learning/new")
URL_ID(url_learning_entry, "/learning/", NULL)
URL_ID(url_learning_edit, "/learning/", "/edit")
URL_SLUG(url_review_new, "/missions/", "/reviews/new")
URL_ID(url_review_edit, "/reviews/", "/edit")

char *
url_learning_page(const struct req *rq, const char *mission_slug, int64_t page)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/missions/");
    url_encode(&b, mission_slug);
    buf_adds(&b, "/learning");
    if (page > 1)
        buf_printf(&b, "?page=%lld", (long long)page);
    return finish(rq, &b, page > 1);
}

char *
url_commitments_page(const struct req *rq, const char *mission_slug, const char *status,
                     int64_t page)
{
    struct buf b;
    bool q = false;

    buf_init(&b, 0);
    buf_adds(&b, "/missions/");
    url_encode(&b, mission_slug);
    buf_adds(&b, "/commitments");
    if (status != NULL) {
        buf_adds(&b, "?status=");
        url_encode(&b, status);
        q = true;
    }
    if (page > 1) {
        buf_printf(&b, "%spage=%lld", q ? "&" : "?", (long long)page);
        q = true;
    }
    return finish(rq, &b, q);
}
/* ---- dialogues (page_dialogue.c) */

URL_SLUG(url_mission_dialogues, "/missions/", "/dialogues")
URL_SLUG(url_dialogue_new, "/missions/", "/dialogues/new")
URL_ID(url_dialogue, "/dialogues/", NULL)
URL_ID(url_dialogue_edit, "/dialogues/", "/edit")
URL_ID(url_follow_up_done, "/follow-ups/", "/done")

/* ---- seminars (page_seminar.c) */

URL_FIXED(url_seminars, "/seminars")
URL_FIXED(url_seminars_past, "/seminars/past")
URL_FIXED(url_seminars_ics, "/seminars.ics")
URL_SLUG(url_mission_seminars, "/missions/", "/seminars")
URL_SLUG(url_mission_seminars_ics, "/missions/", "/seminars.ics")
URL_SLUG(url_seminar_new, "/missions/", "/seminars/new")
URL_ID(url_seminar, "/seminars/", NULL)
URL_ID(url_seminar_register, "/seminars/", "/register")
URL_ID(url_seminar_edit, "/seminars/", "/edit")
URL_ID(url_seminar_registrations, "/seminars/", "/registrations")
URL_ID(url_seminar_registrations_csv, "/seminars/", "/registrations.csv")
URL_ID(url_seminar_attendance, "/seminars/", "/attendance")
URL_ID(url_seminar_ics, "/seminars/", "/seminar.ics")

char *
url_seminar_cancel(const struct req *rq, int64_t id, const char *token)
{
    char *mid = arena_printf(rq->arena, "/cancel/%s", token);

    return pathi(rq, "/seminars/", id, mid);
}

/* ---- the portfolio (page_portfolio.c) */

URL_SLUG(url_portfolio, "/missions/", "/portfolio")
URL_SLUG(url_portfolio_matrix_csv, "/missions/", "/portfolio/matrix.csv")
URL_SLUG(url_portfolio_gaps_csv, "/missions/", "/portfolio/gaps.csv")
URL_SLUG(url_api_portfolio, "/api/v1/missions/", "/portfolio")
