/*
 * auth.h — who asks: the principal a request is made by, and what follows from it for
 * caching (auth.c).
 *
 * A request's principal is established from its credentials by the sources in auth.c's
 * table: today the API token (Authorization: Bearer), next a login session (the Cookie
 * header). Handlers read only the principal, through req_principal, never the
 * Authorization or Cookie header nor the token store; reading it makes the response depend
 * on who asks, so that it is never kept in the shared cache nor answered 304 for a
 * signed-in request (web_cacheable, web.h). No handler can forget: there is no other way
 * to the principal.
 */
#ifndef WEB_AUTH_H
#define WEB_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "web/web.h"

enum principal_kind {
    PRINCIPAL_ANONYMOUS, /* no credentials, or none samverka takes */
    PRINCIPAL_TOKEN,     /* an API token (Authorization: Bearer) */
};

/* Who asks, and what they may do. The strings live in the request's arena. */
struct principal {
    enum principal_kind kind;
    int64_t id;         /* the token's id; 0 when anonymous */
    const char *name;   /* the token's name (written into the audit log); NULL when anonymous */
    const char *role;   /* admin | coordinator; NULL when anonymous */
    int64_t mission_id; /* the scope: a coordinator's one mission; 0 for every mission */
};

/*
 * The principal of rq, established on first use (a token is looked up once per request).
 * Marks the response as depending on who asks (see web_cacheable). *out is anonymous when
 * no credentials were presented. Errors: ERR_INVALID with a 401 refusal when credentials
 * were presented and are not valid; ERR_BUSY or ERR_DB when they cannot be checked.
 */
enum err req_principal(struct req *rq, const struct principal **out);

/* May p change the data of mission_id? (The role rule is the domain's: token_may_write.) */
bool principal_may_write(const struct principal *p, int64_t mission_id);

/* ---- for the dispatcher (routes.c) and the response seam (resp.c) */

/*
 * For a route that needs a principal (RF_WRITE), before its body is read: establish it,
 * or write the refusal (401 with WWW-Authenticate, or 503/500) and return false.
 */
bool auth_require(struct req *rq);

/* The WWW-Authenticate challenge for a 401 to rq (it says when a token was not valid). */
const char *auth_challenge(const struct req *rq);

/* Has a handler read rq's principal (the response depends on who asks)? */
bool auth_was_read(const struct req *rq);

/* ... and was it someone (not anonymous)? Such a response is personal: never shared. */
bool auth_is_personal(const struct req *rq);

#endif
