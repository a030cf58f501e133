/*
 * auth.c — who asks (the principal) and the one cache rule that follows from it.
 *
 * Credentials come from sources, asked in the order of the table below; the first one
 * whose credential the request presents decides: a valid credential gives its principal,
 * an invalid one a 401. A request that presents none is anonymous. The principal is
 * established on first use and kept in the request (struct auth, opaque outside this file).
 *
 * The sources: the API token (Authorization: Bearer) and the session cookie a sign-in sets.
 * A request presenting the cookie is never answered from the shared cache, and a page that
 * read a signed-in principal is never stored or answered 304. A session cookie that is no
 * longer valid (signed out, idle, expired) makes a page anonymous, not a refusal: a
 * visitor whose session ended still reads the public site; a write asks them to sign in.
 *
 * Cookies (SECURITY.md): __Host-samverka_session, Secure, HttpOnly, SameSite=Lax, Path=/
 * when public-url is https; samverka_session without the prefix and Secure in plain-HTTP
 * development mode. The CSRF token of a form is a keyed BLAKE2b of a fixed text under the
 * session's token (or, before sign-in, under a random pre-session cookie's value): another
 * session's token does not match, and nothing needs storing.
 *
 * Never: let a handler reach the credentials or the token store (only req_principal);
 * let a response that read a principal other than anonymous into the shared cache.
 */
#include "web/auth.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/log.h"
#include "core/seclog.h"
#include "domain/authz.h"
#include "domain/token.h"
#include "domain/user.h"
#include "web/i18n.h"
#include "web/route.h"

struct auth {
    bool resolved;
    enum err rc;  /* ERR_OK, or why the credentials could not be checked */
    bool invalid; /* credentials were presented and are not valid */
    bool stale;   /* a session cookie no longer valid: anonymous, and the cookie cleared */
    struct principal who;
    const char *session_token; /* the presented session cookie's value, when valid */
    const char *pre;           /* the pre-session cookie's value (presented or set) */
    struct api_client legacy;  /* a legacy API token's client (its role and scope) */
    bool who_loaded;
    enum authz_action asked; /* the last action req_allow allowed; AUTHZ__MAX: none */
    /* what the actions req_allow allowed can change (web_write_scope): the widest of their
     * rules' authz_touches, and the mission of the scope when that is one mission's */
    enum authz_touches touches;
    int64_t touched_mission;
    struct who facts; /* the caller's facts for the authorization table (req_who) */
    bool read;        /* a handler has read the principal: the response depends on who asks */
    bool personal;    /* the response carries something of this visitor's (a CSRF token) */
};

/* ------------------------------------------------------------------ deployment */

/* Set by auth_configure (web_init) before the server's threads start; read-only after. */
static struct {
    bool secure;      /* public-url is https: __Host- cookies, Secure */
    char origin[256]; /* public-url's scheme://host[:port]; "" in development mode */
    int idle;         /* seconds a session may go unused */
} conf = {false, "", USER_SESSION_IDLE};

void
auth_configure(const char *public_url, int session_idle)
{
    size_t n;
    const char *rest;

    conf.secure = public_url != NULL && strncmp(public_url, "https://", 8) == 0;
    conf.origin[0] = '\0';
    if (public_url != NULL && *public_url) {
        rest = strstr(public_url, "://");
        n = rest ? (size_t)(rest + 3 - public_url) + strcspn(rest + 3, "/?#") : 0;
        if (n > 0 && n < sizeof(conf.origin)) {
            memcpy(conf.origin, public_url, n);
            conf.origin[n] = '\0';
        }
    }
    conf.idle = session_idle > 0 ? session_idle : USER_SESSION_IDLE;
}

static const char *
session_cookie_name(void)
{
    return conf.secure ? "__Host-samverka_session" : "samverka_session";
}

static const char *
pre_cookie_name(void)
{
    return conf.secure ? "__Host-samverka_pre" : "samverka_pre";
}

static const char *
pending_cookie_name(void)
{
    return conf.secure ? "__Host-samverka_pending" : "samverka_pending";
}

/* The value of cookie name in the request's Cookie header (arena copy), or NULL. */
static const char *
cookie_value(struct req *rq, const char *name)
{
    const char *p = rq->cookie;
    size_t n = strlen(name), v;

    while (p != NULL && *p) {
        p += strspn(p, " \t;");
        if (strncmp(p, name, n) == 0 && p[n] == '=') {
            v = strcspn(p + n + 1, ";");
            while (v > 0 && (p[n + v] == ' ' || p[n + v] == '\t'))
                v--;
            return arena_strndup(rq->arena, p + n + 1, v);
        }
        p = strchr(p, ';');
    }
    return NULL;
}

/* Set-Cookie for name=value (value NULL: cleared; max_age 0: until the browser closes),
 * with the attributes SECURITY.md asks. */
static void
set_cookie_for(struct req *rq, const char *name, const char *value, int max_age)
{
    const char *age = value == NULL ? "; Max-Age=0"
                      : max_age > 0 ? arena_printf(rq->arena, "; Max-Age=%d", max_age)
                                    : "";
    const char *c = arena_printf(rq->arena, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name,
                                 value ? value : "", age, conf.secure ? "; Secure" : "");

    if (resp_header(rq, "Set-Cookie", c) != ERR_OK)
        log_msg(LOG_ERROR, "msg=\"Set-Cookie not added\"");
}

static void
set_cookie(struct req *rq, const char *name, const char *value)
{
    set_cookie_for(rq, name, value, 0);
}

static bool presents_credentials(const struct req *rq);

/* ------------------------------------------------------------------ sources */

enum verdict {
    V_ABSENT,  /* the request presents no credential of this source */
    V_VALID,   /* *out is who presented it */
    V_INVALID, /* presented, and not valid (unknown, revoked, malformed) */
};

/* Authorization: Bearer <API token>: a legacy token (its own role) or a user's own (acting
 * as its owner). Another scheme is not a credential samverka takes. */
static enum verdict
bearer(struct req *rq, struct principal *out, enum err *rc)
{
    const char *h = rq->authorization;
    struct bearer b;

    if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
        return V_ABSENT;
    *rc = token_resolve(rq->db, rq->arena, h + 7, &b);
    if (*rc == ERR_NOTFOUND) {
        *rc = ERR_OK;
        return V_INVALID;
    }
    if (*rc)
        return V_INVALID;
    if (b.user_id != 0 && rq->token_seen)
        rq->token_seen(rq->srv, b.token_id, (int64_t)time(NULL));
    out->kind = PRINCIPAL_TOKEN;
    out->id = b.token_id;
    out->name = b.name;
    out->user_id = b.user_id;
    out->role = b.user_id ? NULL : b.legacy.role;
    out->mission_id = b.user_id ? 0 : b.legacy.mission_id;
    rq->auth->legacy = b.legacy;
    return V_VALID;
}

/*
 * The session cookie. Checked without a write (user_session_peek): the idle limit counts
 * from the later of the database's last use and the server's memory of later ones
 * (rq->session_seen), which the server writes in batches. A cookie no longer valid is
 * V_ABSENT with rq->auth->stale set: the request is anonymous and the cookie is cleared.
 */
static enum verdict
session(struct req *rq, struct principal *out, enum err *rc)
{
    const char *tok = cookie_value(rq, session_cookie_name());
    struct user_session us;
    struct user u;
    int64_t now = (int64_t)time(NULL), seen;

    if (tok == NULL)
        return V_ABSENT;
    *rc = user_session_peek(rq->db, tok, now, &us);
    if (*rc == ERR_OK) {
        seen = rq->session_seen ? rq->session_seen(rq->srv, us.id, 0) : 0;
        if (seen < us.last_seen_at)
            seen = us.last_seen_at;
        if (seen <= now - conf.idle)
            *rc = ERR_NOTFOUND;
    }
    if (*rc == ERR_OK)
        *rc = user_get(rq->db, rq->arena, us.user_id, &u);
    if (*rc == ERR_NOTFOUND) {
        *rc = ERR_OK;
        rq->auth->stale = true;
        return V_ABSENT;
    }
    if (*rc)
        return V_INVALID;
    if (rq->session_seen)
        rq->session_seen(rq->srv, us.id, now);
    out->kind = PRINCIPAL_SESSION;
    out->id = us.id;
    out->name = u.email;
    out->role = strcmp(u.role, "admin") == 0 ? u.role : NULL;
    out->user_id = u.id;
    out->person_id = u.person_id;
    rq->auth->session_token = tok;
    return V_VALID;
}

/* Asked in order: an API client's token decides before a browser's cookie. */
static enum verdict (*const sources[])(struct req *, struct principal *, enum err *) = {
    bearer,
    session,
};

static struct auth *
resolve(struct req *rq)
{
    struct auth *a = rq->auth;
    enum verdict v = V_ABSENT;
    size_t i;

    if (a == NULL) {
        a = arena_alloc(rq->arena, sizeof(*a));
        memset(a, 0, sizeof(*a));
        a->asked = AUTHZ__MAX;
        a->touches = AUTHZ_TOUCHES_NOTHING;
        rq->auth = a;
    }
    if (a->resolved)
        return a;
    a->resolved = true;
    a->who.kind = PRINCIPAL_ANONYMOUS;
    if (rq->db == NULL)
        return a; /* no database (a 503 being written): nobody can be checked */
    for (i = 0; i < sizeof(sources) / sizeof(sources[0]) && v == V_ABSENT; i++)
        v = sources[i](rq, &a->who, &a->rc);
    if (v == V_INVALID) {
        memset(&a->who, 0, sizeof(a->who));
        a->invalid = a->rc == ERR_OK;
    }
    if (a->stale)
        set_cookie(rq, session_cookie_name(), NULL);
    return a;
}

/* ------------------------------------------------------------------ handlers */

enum err
req_principal(struct req *rq, const struct principal **out)
{
    struct auth *a = resolve(rq);

    a->read = true;
    *out = NULL;
    if (a->rc)
        return a->rc;
    if (a->invalid)
        return req_refuse(rq, REFUSE_UNAUTHORIZED, NULL, _("The API token is not valid."));
    *out = &a->who;
    return ERR_OK;
}

const struct principal *
req_user(struct req *rq)
{
    struct auth *a = resolve(rq);

    a->read = true;
    if (a->rc || a->invalid || a->who.kind != PRINCIPAL_SESSION)
        return NULL;
    return &a->who;
}

enum err
req_who(struct req *rq, const struct who **out)
{
    const struct principal *p;
    struct auth *a;
    enum err rc;

    *out = NULL;
    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    if (p == NULL)
        return ERR_INVALID; /* not reached: req_principal gives one when it succeeds */
    a = rq->auth;
    if (a->who_loaded) {
        *out = &a->facts;
        return ERR_OK;
    }
    if (p->kind == PRINCIPAL_ANONYMOUS) {
        authz_who_public(&a->facts);
    } else if (p->user_id == 0) {
        authz_who_legacy(rq->arena, &a->legacy, &a->facts);
    } else {
        /* a user's session or own token: the account's roles as they are now */
        rc = authz_who_load(rq->db, rq->arena, p->user_id, &a->facts);
        if (rc == ERR_NOTFOUND)
            authz_who_public(&a->facts);
        else if (rc)
            return rc;
        a->facts.session_id = p->kind == PRINCIPAL_SESSION ? p->id : 0;
        a->facts.token_id = p->kind == PRINCIPAL_TOKEN ? p->id : 0;
    }
    a->who_loaded = true;
    *out = &a->facts;
    return ERR_OK;
}

/* Widen what the request's write touches by an allowed action's rule (web_write_scope). */
static void
auth_touch(struct auth *a, enum authz_action action, const struct authz_scope *scope)
{
    enum authz_touches t = authz_touches(action);
    int64_t m = scope != NULL ? scope->mission_id : 0;

    if (t == AUTHZ_TOUCHES_MISSION && m <= 0)
        t = AUTHZ_TOUCHES_ALL; /* a mission's content, but no mission named */
    if (t == AUTHZ_TOUCHES_MISSION && a->touches == AUTHZ_TOUCHES_MISSION &&
        a->touched_mission != m)
        t = AUTHZ_TOUCHES_ALL; /* two missions' content: several */
    if (t > a->touches)
        a->touches = t;
    if (a->touches == AUTHZ_TOUCHES_MISSION)
        a->touched_mission = m;
}

enum err
req_allow(struct req *rq, enum authz_action action, const struct authz_scope *scope)
{
    const struct who *w;
    enum err rc;

    rc = req_who(rq, &w);
    if (rc)
        return rc;
    if (authz_allows(w, action, scope)) {
        rq->auth->asked = action;
        auth_touch(rq->auth, action, scope);
        return ERR_OK;
    }
    if (rq->auth->who.kind == PRINCIPAL_ANONYMOUS)
        return req_refuse(rq, REFUSE_SIGN_IN, NULL, _("Please sign in first."));
    return req_refuse(rq, REFUSE_FORBIDDEN, NULL, _("You may not make this change."));
}

bool
req_may(struct req *rq, enum authz_action action, const struct authz_scope *scope)
{
    const struct who *w;

    return req_who(rq, &w) == ERR_OK && authz_allows(w, action, scope);
}

bool
req_offers(struct req *rq, enum authz_action action, const struct authz_scope *scope)
{
    /* a visitor without credentials is offered nothing, and their page stays the one shared
     * copy: nothing is read */
    if (!presents_credentials(rq))
        return false;
    return req_may(rq, action, scope);
}

int64_t
req_first_actor(struct req *rq, enum authz_action action, int64_t mission_id)
{
    const struct who *w;
    int i;

    if (req_who(rq, &w) != ERR_OK)
        return 0;
    for (i = 0; i < w->n_actors; i++) {
        struct authz_scope s = {.mission_id = mission_id, .actor_id = w->actors[i]};

        if (authz_allows(w, action, &s))
            return w->actors[i];
    }
    return 0;
}

bool
auth_session_ended(struct req *rq)
{
    struct auth *a = resolve(rq);

    a->read = true;
    return a->stale;
}

/* ------------------------------------------------------------------ sessions, CSRF */

/* 22 characters of URL-safe base64 for 16 bytes. */
static const char *
b64(struct req *rq, const unsigned char *v, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(rq->arena, len);

    sodium_bin2base64(out, len, v, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

/* The token of a binding secret: BLAKE2b-128 of a fixed text, keyed by the secret. */
static const char *
csrf_of(struct req *rq, const char *secret)
{
    static const char what[] = "samverka csrf v1";
    unsigned char mac[16];
    size_t klen = strlen(secret);

    if (klen > crypto_generichash_KEYBYTES_MAX)
        klen = crypto_generichash_KEYBYTES_MAX;
    crypto_generichash(mac, sizeof(mac), (const unsigned char *)what, sizeof(what) - 1,
                       (const unsigned char *)secret, klen);
    return b64(rq, mac, sizeof(mac));
}

const char *
auth_csrf_token(struct req *rq)
{
    struct auth *a = resolve(rq);
    unsigned char r[16];

    a->read = true;
    a->personal = true;
    if (a->session_token != NULL)
        return csrf_of(rq, a->session_token);
    if (a->pre == NULL)
        a->pre = cookie_value(rq, pre_cookie_name());
    /* a pre-session value is 22 characters of base64; anything else is replaced */
    if (a->pre == NULL || strlen(a->pre) != 22 ||
        strspn(a->pre, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm"
                       "nopqrstuvwxyz0123456789-_") != 22) {
        randombytes_buf(r, sizeof(r));
        a->pre = b64(rq, r, sizeof(r));
        set_cookie(rq, pre_cookie_name(), a->pre);
    }
    return csrf_of(rq, a->pre);
}

bool
auth_csrf_ok(struct req *rq, const char *presented)
{
    struct auth *a = resolve(rq);
    const char *secret = a->session_token, *want;

    if (secret == NULL && a->who.kind == PRINCIPAL_ANONYMOUS)
        secret = a->pre != NULL ? a->pre : (a->pre = cookie_value(rq, pre_cookie_name()));
    if (secret == NULL || presented == NULL)
        return false;
    want = csrf_of(rq, secret);
    return strlen(presented) == strlen(want) && sodium_memcmp(presented, want, strlen(want)) == 0;
}

bool
auth_api_csrf_ok(struct req *rq)
{
    struct auth *a = resolve(rq);

    /* only a cookie-authenticated call needs it: a bearer token is no ambient credential */
    return a->who.kind != PRINCIPAL_SESSION || auth_csrf_ok(rq, rq->csrf_header);
}

void
auth_session_start(struct req *rq, const char *token)
{
    struct auth *a = resolve(rq);

    a->personal = true;
    a->session_token = arena_strdup(rq->arena, token);
    set_cookie(rq, session_cookie_name(), token);
    /* the pre-session value has done its work: a new one comes with the next anonymous form */
    if (cookie_value(rq, pre_cookie_name()) != NULL)
        set_cookie(rq, pre_cookie_name(), NULL);
}

void
auth_pending_set(struct req *rq, const char *token)
{
    resolve(rq)->personal = true;
    set_cookie_for(rq, pending_cookie_name(), token, 300);
}

const char *
auth_pending_get(struct req *rq)
{
    resolve(rq)->personal = true;
    return cookie_value(rq, pending_cookie_name());
}

void
auth_pending_clear(struct req *rq)
{
    if (cookie_value(rq, pending_cookie_name()) != NULL)
        set_cookie(rq, pending_cookie_name(), NULL);
}

enum err
auth_session_end(struct req *rq)
{
    struct auth *a = resolve(rq);
    enum err rc = ERR_OK;

    a->personal = true;
    if (a->session_token != NULL)
        rc = user_session_revoke(rq->wdb ? rq->wdb : rq->db, a->session_token, (int64_t)time(NULL));
    if (rc == ERR_OK)
        set_cookie(rq, session_cookie_name(), NULL);
    return rc;
}

bool
auth_has_session_cookie(const struct req *rq)
{
    const char *p = rq->cookie, *name = session_cookie_name();
    size_t n = strlen(name);

    /* a header test, no database and no arena: the cache lookup asks it */
    for (; p != NULL && (p = strstr(p, name)) != NULL; p += n)
        if ((p == rq->cookie || p[-1] == ' ' || p[-1] == ';') && p[n] == '=')
            return true;
    return false;
}

bool
auth_same_origin(const struct req *rq)
{
    const char *o = rq->origin;
    size_t n;

    if (rq->sec_fetch_site != NULL && strcmp(rq->sec_fetch_site, "cross-site") == 0)
        return false;
    if (o == NULL)
        return true;
    if (conf.origin[0])
        return strcmp(o, conf.origin) == 0;
    /* development mode: http://HOST as the client addressed us */
    if (rq->host == NULL || strncmp(o, "http://", 7) != 0)
        return false;
    n = strlen(rq->host);
    return strncmp(o + 7, rq->host, n) == 0 && o[7 + n] == '\0';
}

/*
 * The site's own address for a link sent out of the site (a password reset e-mail):
 * public-url's origin; in development mode http://HOST as the client addressed us, when
 * HOST is a plain host[:port] (letters, digits, '.', '-', ':', '[', ']': nothing that
 * could turn the link into another site's, like '@' or '/').
 */
const char *
auth_site_url(struct req *rq)
{
    const char *p;

    if (conf.origin[0])
        return conf.origin;
    if (rq->host == NULL || *rq->host == '\0' || strlen(rq->host) > 255)
        return NULL;
    for (p = rq->host; *p; p++)
        if (!isalnum((unsigned char)*p) && strchr(".-:[]", *p) == NULL)
            return NULL;
    return arena_printf(rq->arena, "http://%s", rq->host);
}

const char *
auth_public_origin(void)
{
    return conf.origin;
}

/* ------------------------------------------------------------------ dispatcher */

enum auth_need
auth_require(struct req *rq)
{
    struct auth *a = resolve(rq);

    if (a->rc)
        return AUTH_NEED_FAILED;
    if (a->who.kind == PRINCIPAL_TOKEN)
        seclog_event((int64_t)time(NULL), "token.use", a->who.user_id, NULL, rq->client_ip,
                     (struct seclog_field[]){
                         SECLOG_INT("token", a->who.id), SECLOG_STR("token_name", a->who.name),
                         SECLOG_STR("path", rq->log_path != NULL ? rq->log_path : rq->path)},
                     3);
    if (a->who.kind != PRINCIPAL_ANONYMOUS)
        return AUTH_NEED_MET;
    return a->invalid ? AUTH_NEED_INVALID : AUTH_NEED_NONE;
}

enum err
auth_failure(const struct req *rq)
{
    return rq->auth != NULL ? rq->auth->rc : ERR_OK;
}

const char *
auth_challenge(const struct req *rq)
{
    return rq->auth != NULL && rq->auth->invalid
               ? "Bearer realm=\"samverka\", error=\"invalid_token\""
               : "Bearer realm=\"samverka\"";
}

bool
auth_allowed(const struct req *rq, const char *action)
{
    return action != NULL && rq->auth != NULL && rq->auth->asked != AUTHZ__MAX &&
           strcmp(authz_name(rq->auth->asked), action) == 0;
}

bool
auth_was_read(const struct req *rq)
{
    return rq->auth != NULL && rq->auth->read;
}

bool
auth_is_personal(const struct req *rq)
{
    /* read, and someone: an invalid credential read gives a 401, which is never stored; a
     * CSRF token or a cookie set is this visitor's alone */
    return auth_was_read(rq) &&
           (rq->auth->invalid || rq->auth->rc != ERR_OK || rq->auth->personal || rq->auth->stale ||
            rq->auth->who.kind != PRINCIPAL_ANONYMOUS);
}

/* ------------------------------------------------------------------ the cache rule */

enum web_touches
web_write_scope(const struct req *rq, int64_t *mission_id)
{
    const struct auth *a = rq->auth;

    *mission_id = 0;
    if (a == NULL || a->asked == AUTHZ__MAX)
        return WEB_TOUCHES_ALL; /* no rule was allowed: nothing says what it touched */
    switch (a->touches) {
    case AUTHZ_TOUCHES_NOTHING:
        return WEB_TOUCHES_NOTHING;
    case AUTHZ_TOUCHES_MISSION:
        *mission_id = a->touched_mission;
        return WEB_TOUCHES_MISSION;
    case AUTHZ_TOUCHES_ALL:
        break;
    }
    return WEB_TOUCHES_ALL;
}

int64_t
web_page_scope(const struct req *rq)
{
    if (rq->route == NULL || !(rq->route->flags & RF_ONE_MISSION) || rq->shown_mission <= 0)
        return 0;
    return rq->shown_mission;
}

/* Does the request present anything that may be a credential? No database: a header test. */
static bool
presents_credentials(const struct req *rq)
{
    /* any Authorization header, whatever its scheme (a shared cache must not answer it,
     * RFC 9111 3.5), and the session cookie (the pre-session one is no credential) */
    return rq->authorization != NULL || auth_has_session_cookie(rq);
}

bool
web_cacheable(const struct req *rq, enum cache_use use)
{
    const struct route *r = rq->route;
    bool ok_200 = rq->resp.status == 200 && rq->resp.etag != NULL;

    switch (use) {
    case CACHE_LOOKUP:
        /* the shared cache holds only what anonymous visitors may see: a request with
         * credentials is rendered for whoever it is */
        return rq->prepared && r != NULL && (r->flags & RF_CACHE) && !presents_credentials(rq);
    case CACHE_STORE:
        return r != NULL && (r->flags & RF_CACHE) && ok_200 && !auth_is_personal(rq);
    case CACHE_REVALIDATE:
        return ok_200 && !auth_is_personal(rq);
    }
    return false;
}

void
web_caching(const struct req *rq, const char **out_cache_control, const char **out_vary)
{
    /* a response that read the principal differs by the credentials: downstream caches must
     * key it on them; one read for someone is theirs alone */
    *out_vary = auth_was_read(rq) ? "Accept-Language, Authorization, Cookie" : "Accept-Language";
    if (rq->resp.status != 200)
        *out_cache_control = "no-store";
    else if (auth_is_personal(rq))
        *out_cache_control = "private, no-store";
    else
        *out_cache_control = "no-cache";
}
