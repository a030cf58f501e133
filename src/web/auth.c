/*
 * auth.c — who asks (the principal) and the one cache rule that follows from it.
 *
 * Credentials come from sources, asked in the order of the table below; the first one
 * whose credential the request presents decides: a valid credential gives its principal,
 * an invalid one a 401. A request that presents none is anonymous. The principal is
 * established on first use and kept in the request (struct auth, opaque outside this file).
 *
 * Where issue 10 plugs in: a login session is one more source (presented: the session
 * cookie in rq->cookie; resolve: the session store), and its principal one more kind. The
 * cache rule needs no change: a request presenting the cookie is never answered from the
 * shared cache, and a page that read a signed-in principal is never stored or answered 304.
 *
 * Never: let a handler reach the credentials or the token store (only req_principal);
 * let a response that read a principal other than anonymous into the shared cache.
 */
#include "web/auth.h"

#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "domain/token.h"
#include "web/i18n.h"
#include "web/route.h"

struct auth {
    bool resolved;
    enum err rc;  /* ERR_OK, or why the credentials could not be checked */
    bool invalid; /* credentials were presented and are not valid */
    struct principal who;
    bool read; /* a handler has read the principal: the response depends on who asks */
};

/* ------------------------------------------------------------------ sources */

enum verdict {
    V_ABSENT,  /* the request presents no credential of this source */
    V_VALID,   /* *out is who presented it */
    V_INVALID, /* presented, and not valid (unknown, revoked, malformed) */
};

/* Authorization: Bearer <API token>. Another scheme is not a credential samverka takes. */
static enum verdict
bearer(struct req *rq, struct principal *out, enum err *rc)
{
    const char *h = rq->authorization;
    struct api_client c;

    if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
        return V_ABSENT;
    *rc = token_find(rq->db, rq->arena, h + 7, &c);
    if (*rc == ERR_NOTFOUND) {
        *rc = ERR_OK;
        return V_INVALID;
    }
    if (*rc)
        return V_INVALID;
    out->kind = PRINCIPAL_TOKEN;
    out->id = c.token_id;
    out->name = c.name;
    out->role = c.role;
    out->mission_id = c.mission_id;
    return V_VALID;
}

/* Asked in order; issue 10 adds the session (the Cookie header) after the bearer token. */
static enum verdict (*const sources[])(struct req *, struct principal *, enum err *) = {
    bearer,
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
        rq->auth = a;
    }
    if (a->resolved)
        return a;
    a->resolved = true;
    a->who.kind = PRINCIPAL_ANONYMOUS;
    for (i = 0; i < sizeof(sources) / sizeof(sources[0]) && v == V_ABSENT; i++)
        v = sources[i](rq, &a->who, &a->rc);
    if (v == V_INVALID) {
        memset(&a->who, 0, sizeof(a->who));
        a->invalid = a->rc == ERR_OK;
    }
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

bool
principal_may_write(const struct principal *p, int64_t mission_id)
{
    struct api_client c = {p->id, p->name, p->role, p->mission_id};

    return p->kind != PRINCIPAL_ANONYMOUS && token_may_write(&c, mission_id);
}

/* ------------------------------------------------------------------ dispatcher */

bool
auth_require(struct req *rq)
{
    struct auth *a = resolve(rq);

    if (a->rc) {
        web_error(rq, a->rc == ERR_BUSY || db_unavailable(rq->db) ? 503 : 500, NULL,
                  _("The service is busy. Please try again in a moment."));
        return false;
    }
    if (a->who.kind != PRINCIPAL_ANONYMOUS)
        return true;
    web_error(rq, 401, NULL,
              a->invalid ? _("The API token is not valid.")
                         : _("This needs an API token: Authorization: Bearer <token>."));
    resp_header(rq, "WWW-Authenticate", auth_challenge(rq));
    return false;
}

const char *
auth_challenge(const struct req *rq)
{
    return rq->auth != NULL && rq->auth->invalid
               ? "Bearer realm=\"samverka\", error=\"invalid_token\""
               : "Bearer realm=\"samverka\"";
}

bool
auth_was_read(const struct req *rq)
{
    return rq->auth != NULL && rq->auth->read;
}

bool
auth_is_personal(const struct req *rq)
{
    /* read, and someone: an invalid credential read gives a 401, which is never stored */
    return auth_was_read(rq) && (rq->auth->invalid || rq->auth->rc != ERR_OK ||
                                 rq->auth->who.kind != PRINCIPAL_ANONYMOUS);
}

/* ------------------------------------------------------------------ the cache rule */

/* Does the request present anything that may be a credential? No database: a header test. */
static bool
presents_credentials(const struct req *rq)
{
    /* any Authorization header, whatever its scheme (a shared cache must not answer it,
     * RFC 9111 3.5); issue 10 adds the session cookie here */
    return rq->authorization != NULL;
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
