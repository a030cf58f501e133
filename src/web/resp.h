/*
 * resp.h — the response seam inside web (resp.c): what the dispatcher (routes.c) and the
 * authentication (auth.c) need beyond web.h. Handlers do not use it: they add headers with
 * resp_header (web.h) and refuse with req_refuse (route.h).
 */
#ifndef WEB_RESP_H
#define WEB_RESP_H

#include "web/web.h"

/* Replace the response with the error for rq's refusal (rq->err_kind, set by req_refuse). */
void resp_refused(struct req *rq);

/* Make this process's ETag key (web_init, before any thread runs). */
void resp_init(void);

/* Set the ETag of a complete 200 response: a strong one, SipHash-128 of the body under the
 * process's random key (so valid for as long as this server runs). */
void resp_set_etag(struct req *rq);

/* A 303 See Other to location (a path of this site, built by url.c): after a form post
 * (POST-redirect-GET) and to the sign-in page. Keeps the headers already added (a cookie). */
void resp_redirect(struct req *rq, const char *location);

/*
 * The refusal of a route that needs a principal when auth_require says the request has
 * none: a page sends the visitor to sign in and back; elsewhere 401 with the challenge (503
 * or 500 when the credentials could not be checked). True when the request may go on.
 */
bool resp_require(struct req *rq);

#endif
