/*
 * url.c — URL builders (see url.h).
 */
#include "web/url.h"

#include <stdarg.h>
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

static char *
path1(const struct req *rq, const char *prefix, const char *seg, const char *suffix)
{
    struct buf b;

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
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)id);
    return path1(rq, prefix, n, suffix);
}

char *
url_home(const struct req *rq)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/");
    return finish(rq, &b, false);
}

char *
url_mission(const struct req *rq, const char *slug)
{
    return path1(rq, "/missions/", slug, NULL);
}

char *
url_indicator(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, NULL);
}

char *
url_indicator_data_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/data");
}

char *
url_indicator_data_value(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/data/value");
}

char *
url_indicator_data_remove(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/data/remove");
}

char *
url_indicator_data_upload(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/data/upload");
}

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

char *
url_initiative(const struct req *rq, int64_t id)
{
    return pathi(rq, "/initiatives/", id, NULL);
}

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

char *
url_actor(const struct req *rq, int64_t id)
{
    return pathi(rq, "/actors/", id, NULL);
}

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

char *
url_sdg_index(const struct req *rq)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/sdg");
    return finish(rq, &b, false);
}

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

static char *
fixed(const struct req *rq, const char *path)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, path);
    return finish(rq, &b, false);
}

char *
url_sign_in_code(const struct req *rq)
{
    return fixed(rq, "/account/sign-in/code");
}

char *
url_sign_in_new_key(const struct req *rq)
{
    return fixed(rq, "/account/sign-in/new-key");
}

char *
url_sign_up(const struct req *rq)
{
    return fixed(rq, "/account/sign-up");
}

char *
url_sign_out(const struct req *rq)
{
    return fixed(rq, "/account/sign-out");
}

char *
url_account(const struct req *rq)
{
    return fixed(rq, "/account");
}

char *
url_password(const struct req *rq)
{
    return fixed(rq, "/account/password");
}

/* ---- the registry's forms */

char *
url_actor_new(const struct req *rq)
{
    return fixed(rq, "/actors/new");
}

char *
url_actor_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/actors/", id, "/edit");
}

char *
url_actor_archive(const struct req *rq, int64_t id)
{
    return pathi(rq, "/actors/", id, "/archive");
}

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

char *
url_person(const struct req *rq, int64_t id)
{
    return pathi(rq, "/people/", id, NULL);
}

char *
url_person_new(const struct req *rq, int64_t actor_id)
{
    char n[24];

    snprintf(n, sizeof(n), "%lld", (long long)actor_id);
    return with_query(rq, "/people/new", "actor", actor_id > 0 ? n : NULL);
}

char *
url_person_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/people/", id, "/edit");
}

char *
url_person_archive(const struct req *rq, int64_t id)
{
    return pathi(rq, "/people/", id, "/archive");
}

char *
url_initiative_new(const struct req *rq, const char *mission_slug)
{
    return mission_slug != NULL ? path1(rq, "/missions/", mission_slug, "/initiatives/new")
                                : fixed(rq, "/initiatives/new");
}

char *
url_initiative_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/initiatives/", id, "/edit");
}

char *
url_initiative_archive(const struct req *rq, int64_t id)
{
    return pathi(rq, "/initiatives/", id, "/archive");
}

/* ---- proposals and history */

char *
url_propose(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/propose");
}

char *
url_review_queue(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/review");
}

char *
url_mission_history(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/history");
}

char *
url_resubmit(const struct req *rq, int64_t initiative_id)
{
    return pathi(rq, "/initiatives/", initiative_id, "/resubmit");
}

char *
url_review(const struct req *rq, int64_t initiative_id, const char *what)
{
    /* what is one of three literals (url.h), never input */
    return pathi(rq, "/initiatives/", initiative_id, arena_printf(rq->arena, "/review/%s", what));
}

char *
url_initiative_history(const struct req *rq, int64_t initiative_id)
{
    return pathi(rq, "/initiatives/", initiative_id, "/history");
}

char *
url_my_proposals(const struct req *rq)
{
    return fixed(rq, "/account/proposals");
}

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

char *
url_mission_new(const struct req *rq)
{
    struct buf b;

    buf_init(&b, 0);
    buf_adds(&b, "/new-mission");
    return finish(rq, &b, false);
}

char *
url_mission_edit(const struct req *rq, const char *slug)
{
    return path1(rq, "/missions/", slug, "/edit");
}

char *
url_mission_archive(const struct req *rq, const char *slug)
{
    return path1(rq, "/missions/", slug, "/archive");
}

char *
url_mission_sdg(const struct req *rq, const char *slug)
{
    return path1(rq, "/missions/", slug, "/sdg");
}

char *
url_objective_new(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/objectives/new");
}

char *
url_objective_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/objectives/", id, "/edit");
}

char *
url_objective_archive(const struct req *rq, int64_t id)
{
    return pathi(rq, "/objectives/", id, "/archive");
}

char *
url_indicator_new(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/indicators/new");
}

char *
url_indicator_edit(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/edit");
}

char *
url_indicator_archive(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/archive");
}

char *
url_indicator_settings(const struct req *rq, int64_t id)
{
    return pathi(rq, "/indicators/", id, "/settings");
}

char *
url_team(const struct req *rq, const char *mission_slug)
{
    return path1(rq, "/missions/", mission_slug, "/team");
}

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

char *
url_reset_link(const struct req *rq, const char *token)
{
    return path1(rq, "/account/reset/", token, NULL);
}

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

char *
url_tokens(const struct req *rq)
{
    return fixed(rq, "/account/tokens");
}

char *
url_token_revoke(const struct req *rq, int64_t id)
{
    return pathi(rq, "/account/tokens/", id, "/revoke");
}

char *
url_actor_represent(const struct req *rq, int64_t actor_id)
{
    return pathi(rq, "/actors/", actor_id, "/represent");
}

char *
url_admin_requests(const struct req *rq)
{
    return fixed(rq, "/admin/requests");
}

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
