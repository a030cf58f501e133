/*
 * test_auth.c — who asks and the one cache rule (src/web/auth.c): the principal from a
 * bearer token, reading it marking the response, and web_cacheable / web_caching for an
 * anonymous request, one with a token that is not read, one whose principal is read, and
 * one with a token that is not valid.
 *
 * Uses an in-memory SQLite database with the schema and two admin tokens; no server.
 */
#include <string.h>

#include "domain/authz.h"
#include "tap.h"

#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/token.h"
#include "web/auth.h"
#include "web/route.h"

static struct db *db;
static const struct route *me; /* GET /api/v1/me: a cacheable route that reads the principal */

/* A request for /api/v1/me as routing leaves it, with an Authorization header or none. */
static void
request(struct req *rq, struct arena *a, const char *authorization)
{
    memset(rq, 0, sizeof(*rq));
    rq->arena = a;
    rq->db = db;
    rq->method = "GET";
    rq->path = "/api/v1/me";
    rq->authorization = authorization;
    rq->body_fd = -1;
    rq->route = me;
    rq->prepared = true;
    buf_init(&rq->resp.body, WEB_MAX_BODY_OUT);
    rq->resp.status = 200;
}

/* After a handler: a 200 with its ETag. */
static void
rendered(struct req *rq)
{
    rq->resp.etag = "\"e\"";
}

static void
test_anonymous(struct arena *a)
{
    const struct principal *p = NULL;
    const char *cc, *vary;
    struct req rq;

    request(&rq, a, NULL);
    ok(web_cacheable(&rq, CACHE_LOOKUP), "anonymous: may be answered from the cache");
    rendered(&rq);
    ok(web_cacheable(&rq, CACHE_STORE) && web_cacheable(&rq, CACHE_REVALIDATE),
       "anonymous, principal not read: stored, 304");
    web_caching(&rq, &cc, &vary);
    ok(strcmp(cc, "no-cache") == 0 && strcmp(vary, "Accept-Language") == 0,
       "... no-cache, Vary: Accept-Language");

    is_int(req_principal(&rq, &p), ERR_OK, "anonymous: req_principal succeeds");
    ok(p != NULL && p->kind == PRINCIPAL_ANONYMOUS && p->name == NULL, "... anonymous");
    ok(auth_was_read(&rq) && !auth_is_personal(&rq), "... read, not personal");
    ok(web_cacheable(&rq, CACHE_STORE) && web_cacheable(&rq, CACHE_REVALIDATE),
       "anonymous, principal read: still stored and 304 (the shared, anonymous copy)");
    web_caching(&rq, &cc, &vary);
    ok(strcmp(cc, "no-cache") == 0 && strstr(vary, "Authorization") && strstr(vary, "Cookie"),
       "... no-cache, Vary names Authorization and Cookie");
    buf_free(&rq.resp.body);

    request(&rq, a, "Basic dXNlcjpwYXNz");
    ok(!web_cacheable(&rq, CACHE_LOOKUP), "any Authorization header: never from the cache");
    is_int(req_principal(&rq, &p), ERR_OK, "Basic: req_principal succeeds");
    ok(p != NULL && p->kind == PRINCIPAL_ANONYMOUS, "... anonymous (not a credential we take)");
    buf_free(&rq.resp.body);
}

static void
test_token(struct arena *a, const char *bearer, const char *name)
{
    const struct principal *p = NULL;
    const char *cc, *vary;
    struct req rq;

    request(&rq, a, bearer);
    ok(!web_cacheable(&rq, CACHE_LOOKUP), "%s: never answered from the cache", name);
    rendered(&rq);
    ok(web_cacheable(&rq, CACHE_STORE) && web_cacheable(&rq, CACHE_REVALIDATE),
       "%s, principal not read: the answer is anyone's (stored, 304)", name);

    is_int(req_principal(&rq, &p), ERR_OK, "req_principal for a valid token");
    ok(p != NULL && p->kind == PRINCIPAL_TOKEN && p->name != NULL && strcmp(p->name, name) == 0 &&
           strcmp(p->role, "admin") == 0 && p->id > 0,
       "%s: the token's principal", name);
    ok(auth_is_personal(&rq), "%s: read, so personal", name);
    ok(!web_cacheable(&rq, CACHE_STORE), "%s, principal read: never stored", name);
    ok(!web_cacheable(&rq, CACHE_REVALIDATE), "%s, principal read: never 304", name);
    web_caching(&rq, &cc, &vary);
    ok(strcmp(cc, "private, no-store") == 0 && strstr(vary, "Authorization") &&
           strstr(vary, "Cookie"),
       "%s: private, no-store; Vary names Authorization and Cookie", name);
    buf_free(&rq.resp.body);
}

static void
test_invalid(struct arena *a)
{
    const struct principal *p = NULL;
    const char *cc, *vary;
    struct req rq;

    request(&rq, a, "Bearer svk_not-a-token");
    is_int(req_principal(&rq, &p), ERR_INVALID, "an invalid token: ERR_INVALID");
    ok(p == NULL && rq.err_kind == REFUSE_UNAUTHORIZED, "... a 401 refusal, no principal");
    ok(strstr(auth_challenge(&rq), "invalid_token") != NULL, "... the challenge says so");
    rendered(&rq);
    ok(!web_cacheable(&rq, CACHE_STORE) && !web_cacheable(&rq, CACHE_REVALIDATE),
       "... never stored or 304");
    rq.resp.status = 401;
    rq.resp.etag = NULL;
    web_caching(&rq, &cc, &vary);
    is_str(cc, "no-store", "an error: no-store");
    buf_free(&rq.resp.body);

    request(&rq, a, NULL);
    ok(strstr(auth_challenge(&rq), "invalid_token") == NULL, "no token: a plain challenge");
    buf_free(&rq.resp.body);
}

/* Every write route names its rule in the authorization table, and only writes do: the
 * dispatcher refuses a write whose handler did not ask for exactly it. */
static void
test_route_rules(void)
{
    int i, bad = 0;

    for (i = 0; i < n_routes; i++) {
        const struct route *r = &routes[i];
        bool write = (r->flags & RF_WRITE) != 0;

        if (write && (r->authz == NULL || authz_by_name(r->authz) == AUTHZ__MAX)) {
            diag("%s %s: no rule of the table (%s)", r->method, r->pattern,
                 r->authz ? r->authz : "none");
            bad++;
        }
        if (!write && r->authz != NULL) {
            diag("%s %s names %s but is no write", r->method, r->pattern, r->authz);
            bad++;
        }
    }
    is_int(bad, 0, "every write route names a rule of the authorization table, and only they");
}

int
main(void)
{
    struct db_opts o = {.create = true};
    char ta[TOKEN_LEN], tb[TOKEN_LEN];
    struct arena a;
    int i;

    log_threshold = LOG_ERROR + 1; /* the migrations' lines; keep the TAP output clean */
    for (i = 0; i < n_routes && me == NULL; i++)
        if (strcmp(routes[i].pattern, "/api/v1/me") == 0)
            me = &routes[i];
    if (!ok(me != NULL && (me->flags & RF_CACHE), "GET /api/v1/me is a cacheable route"))
        bail_out("no /api/v1/me route");
    if (db_open(":memory:", &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create the in-memory database");
    if (token_create(db, "alpha", "admin", 0, ta, NULL) != ERR_OK ||
        token_create(db, "beta", "admin", 0, tb, NULL) != ERR_OK)
        bail_out("cannot create the tokens");

    arena_init(&a);
    test_anonymous(&a);
    test_token(&a, arena_printf(&a, "Bearer %s", ta), "alpha");
    test_token(&a, arena_printf(&a, "bearer %s", tb), "beta");
    test_invalid(&a);
    test_route_rules();
    arena_free(&a);
    db_close(db);
    return done_testing();
}
