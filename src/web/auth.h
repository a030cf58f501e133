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

#include "domain/authz.h"
#include "web/web.h"

enum principal_kind {
    PRINCIPAL_ANONYMOUS, /* no credentials, or none samverka takes */
    PRINCIPAL_TOKEN,     /* an API token (Authorization: Bearer) */
    PRINCIPAL_SESSION,   /* a signed-in user (the session cookie) */
};

/* Who asks, and what they may do. The strings live in the request's arena. */
struct principal {
    enum principal_kind kind;
    int64_t id;         /* the token's or the session's id; 0 when anonymous */
    const char *name;   /* the token's name or the user's e-mail (written into the audit
                         * log); NULL when anonymous */
    const char *role;   /* a token's: admin | coordinator; a user's: admin, or NULL */
    int64_t mission_id; /* a token's scope: a coordinator's one mission; 0 for every mission */
    int64_t user_id;    /* a signed-in user's account; 0 otherwise */
    int64_t person_id;  /* ... and the person it belongs to */
};

/*
 * The principal of rq, established on first use (a token is looked up once per request).
 * Marks the response as depending on who asks (see web_cacheable). *out is anonymous when
 * no credentials were presented. Errors: ERR_INVALID with a 401 refusal when credentials
 * were presented and are not valid; ERR_BUSY or ERR_DB when they cannot be checked.
 */
enum err req_principal(struct req *rq, const struct principal **out);

/*
 * The signed-in user of rq for a page's frame (the header's "signed in as" and sign-out):
 * like req_principal, but never a refusal: NULL when anonymous, when the credentials are
 * not valid or cannot be checked. Reading it makes the response depend on who asks.
 */
const struct principal *req_user(struct req *rq);

/*
 * The caller's facts for the authorization table (domain/authz.h), loaded once per
 * request from the principal: a session's or a user token's account as it is now, a
 * legacy token's role, or the public. Errors as req_principal's; ERR_LIMIT, ERR_DB.
 */
enum err req_who(struct req *rq, const struct who **out);

/*
 * May the caller do action on scope (the resource, read from the database, never from the
 * request)? ERR_OK; else a refusal to return (ERR_INVALID): REFUSE_SIGN_IN for a visitor
 * not signed in (a page sends them to sign in, the API answers 401), REFUSE_FORBIDDEN
 * (403) for one who is.
 */
enum err req_allow(struct req *rq, enum authz_action action, const struct authz_scope *scope);

/* The same as a yes or no: false on any error. */
bool req_may(struct req *rq, enum authz_action action, const struct authz_scope *scope);

/*
 * What a public page offers who asks (an "Edit" link, "Propose an initiative"): req_may,
 * but false at once for a request without credentials, whose page then stays the one
 * shared, cached copy (nothing is read). A signed-in user's page is their own.
 */
bool req_offers(struct req *rq, enum authz_action action, const struct authz_scope *scope);

/*
 * The first actor the caller represents (in the order of their confirmed representations)
 * that action's rule allows within mission_id; 0 when none, or for a caller without
 * credentials. What a representative's write is scoped to when the request names no actor
 * (a commitment, a proposal's lead).
 */
int64_t req_first_actor(struct req *rq, enum authz_action action, int64_t mission_id);

/* ---- sessions and forms: the handlers of the account pages (account.c) and forms */

/*
 * The CSRF token a form of this response carries (the form helper puts it in a hidden
 * field): bound to the session, or for a visitor not signed in to a pre-session cookie this
 * call sets when the request has none. The response becomes personal (never shared).
 */
const char *auth_csrf_token(struct req *rq);

/* Start the session of token (just issued by a sign-in): its cookie on the response. */
void auth_session_start(struct req *rq, const char *token);

/* A sign-in waiting for its second factor (domain/mfa.h): its token in a cookie of five
 * minutes, so that it is never in a page or an address. */
void auth_pending_set(struct req *rq, const char *token);
const char *auth_pending_get(struct req *rq);
void auth_pending_clear(struct req *rq);

/* End the request's session (sign-out): revoked in the database, its cookie cleared.
 * Errors: ERR_DB, ERR_BUSY. */
enum err auth_session_end(struct req *rq);

/* The site's address for links sent out of it (e-mail): public-url's scheme://host[:port],
 * or in development mode http://HOST from the request (NULL when HOST is not a plain
 * host[:port]). In rq's arena or static. */
const char *auth_site_url(struct req *rq);
/* public-url's scheme://host[:port], or "" in development mode: for addresses in a response
 * that may be cached and shared (never the Host header of one client). Static. */
const char *auth_public_origin(void);

/* ---- for the dispatcher (routes.c) and the response seam (resp.c) */

/*
 * For a route that needs a principal (RF_WRITE), before its body is read: establish it and
 * say whether the request has one (the dispatcher's resp_require writes the refusal:
 * docs/internals/web.md). AUTH_NEED_FAILED when the credentials could not be checked
 * (auth_failure says why).
 */
enum auth_need { AUTH_NEED_MET, AUTH_NEED_NONE, AUTH_NEED_INVALID, AUTH_NEED_FAILED };
enum auth_need auth_require(struct req *rq);
enum err auth_failure(const struct req *rq);

/* Did the request present a session cookie that is no longer valid (signed out, idle,
 * expired)? Reads who asks. */
bool auth_session_ended(struct req *rq);

/* The WWW-Authenticate challenge for a 401 to rq (it says when a token was not valid). */
const char *auth_challenge(const struct req *rq);

/*
 * Before a write's body is read: does the request come from this site? A Sec-Fetch-Site of
 * cross-site, or an Origin other than the site's own (public-url's, or the Host header's in
 * development mode), is refused; no Origin at all is not (curl, older browsers: the CSRF
 * token still stands guard).
 */
bool auth_same_origin(const struct req *rq);

/* After a form's body is read: is its CSRF token the one of this request's session (or
 * pre-session cookie)? A cookie-authenticated API write is checked the same way against
 * its X-CSRF-Token header (auth_api_csrf_ok). */
bool auth_csrf_ok(struct req *rq, const char *presented);
bool auth_api_csrf_ok(struct req *rq);

/* Does the request present a session cookie (valid or not)? */
bool auth_has_session_cookie(const struct req *rq);

/* Set once by web_init. */
void auth_configure(const char *public_url, int session_idle);

/* Did req_allow allow the action named action (authz_name) in this request? */
bool auth_allowed(const struct req *rq, const char *action);

/* Has a handler read rq's principal (the response depends on who asks)? */
bool auth_was_read(const struct req *rq);

/* ... and was it someone (not anonymous)? Such a response is personal: never shared. */
bool auth_is_personal(const struct req *rq);

#endif
