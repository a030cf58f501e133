/*
 * resp.c — the response around a handler's body: the mapping from each refusal (set by
 * reply.c's req_refuse & co) to its status and code, the one writer of error responses (a
 * page, a JSON object or plain text, by the route's kind), the redirects (POST-redirect-GET,
 * and to sign in: req_sign_in_first, resp_require) and the ETag.
 *
 * Never lets a handler's half-written body, or a header it added, out with an error.
 */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/str.h"
#include "db/db.h"
#include "web/auth.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/json.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* ------------------------------------------------------------------ errors */

static const char *
status_code_name(int status)
{
    switch (status) {
    case 400:
        return "invalid_parameter";
    case 404:
        return "not_found";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 405:
        return "method_not_allowed";
    case 413:
        return "too_large";
    case 415:
        return "unsupported_media_type";
    case 422:
        return "unprocessable";
    case 429:
        return "too_many_requests";
    case 503:
        return "unavailable";
    default:
        return "internal_error";
    }
}

/* Each refusal's status and API error code: the one place they are decided. */
/* clang-format off */
static const struct {
    int status;
    const char *code;
} refusals[REFUSE__MAX] = {
    [REFUSE_PARAM]         = {400, "invalid_parameter"},
    [REFUSE_UNAUTHORIZED]  = {401, "unauthorized"},
    [REFUSE_FORBIDDEN]     = {403, "forbidden"},
    [REFUSE_NOT_FOUND]     = {404, "not_found"},
    [REFUSE_TOO_LARGE]     = {413, "too_large"},
    [REFUSE_UNPROCESSABLE] = {422, "unprocessable"},
    [REFUSE_INVALID_DATA]  = {422, "invalid_data"},
    [REFUSE_SIGN_IN]       = {401, "unauthorized"},
};
/* clang-format on */

/*
 * The one writer of error responses: the body so far and the handler's headers are
 * discarded and the error written in the route's kind. at, when not NULL, is the line and
 * column in a data file (API only). A 503 says when to try again.
 */
static void
error_out(struct req *rq, int status, const char *code, const char *field, const char *msg,
          const long *at)
{
    struct resp *r = &rq->resp;
    enum route_kind kind = rq->route ? rq->route->kind : RK_HTML;
    struct json j;
    struct html h;

    if (kind == RK_HTML && str_has_prefix(rq->path, "/api/"))
        kind = RK_API;
    buf_reset(&r->body);
    r->status = status;
    r->etag = NULL;
    r->n_headers = 0;
    r->expires = 0;
    if (status == 503)
        resp_header(rq, "Retry-After", "5");
    if (kind == RK_API) {
        r->content_type = "application/json; charset=utf-8";
        json_init(&j, &r->body);
        json_obj_open(&j);
        json_key(&j, "error");
        json_obj_open(&j);
        json_kstr(&j, "code", code);
        json_kstr(&j, "message", msg);
        json_kstr(&j, "field", field);
        if (at != NULL) {
            json_kint(&j, "line", at[0]);
            json_kint(&j, "column", at[1]);
        }
        json_obj_close(&j);
        json_obj_close(&j);
        return;
    }
    if (kind == RK_FILE) {
        r->content_type = "text/plain; charset=utf-8";
        if (field != NULL)
            buf_printf(&r->body, "%s: ", field);
        buf_adds(&r->body, msg);
        buf_addc(&r->body, '\n');
        return;
    }
    r->content_type = "text/html; charset=utf-8";
    html_init(&h, &r->body, rq->arena);
    layout_error_page(rq, &h, status, field, msg);
}

void
web_error(struct req *rq, int status, const char *field, const char *msg)
{
    error_out(rq, status, status_code_name(status), field, msg, NULL);
}

void
resp_refused(struct req *rq)
{
    enum refusal k = (unsigned)rq->err_kind < REFUSE__MAX ? rq->err_kind : REFUSE_PARAM;
    long at[2] = {rq->err_line, rq->err_column};

    if (k == REFUSE_SIGN_IN && rq->route != NULL && rq->route->kind == RK_HTML) {
        req_sign_in_first(rq, strcmp(rq->method, "GET") == 0 ? rq->path : NULL);
        return;
    }
    error_out(rq, refusals[k].status, refusals[k].code, rq->err_field, rq->err_msg,
              rq->err_at ? at : NULL);
}

void
web_refuse(struct req *rq, enum web_refusal why)
{
    if (!rq->prepared && rq->route == NULL) {
        /* refused before routing (no database): the language and the body still */
        rq->lang = web_pick_lang(rq->query != NULL ? rq->query(rq->ctx, "lang") : NULL,
                                 rq->accept_language, web_lang_unset(rq->path), &rq->lang_in_query);
        if (rq->resp.body.max == 0)
            buf_init(&rq->resp.body, WEB_MAX_BODY_OUT);
    }
    /* another thread may have run other requests since this one was prepared */
    i18n_use(rq->lang);
    switch (why) {
    case WR_TOO_LARGE:
        web_error(rq, 413, NULL, _("The body is larger than this service accepts."));
        return;
    case WR_TOO_MANY_IMPORTS:
        web_error(rq, 429, NULL, _("Too many imports at once. Please try again shortly."));
        resp_header(rq, "Retry-After", "10");
        return;
    case WR_UPLOAD_UNAVAILABLE:
        web_error(rq, 503, NULL, _("The upload cannot be stored right now."));
        return;
    case WR_UPLOAD_FAILED:
        web_error(rq, 503, NULL, _("The upload could not be stored."));
        return;
    case WR_DB_UNAVAILABLE:
        web_error(rq, 503, NULL, _("The database is not available. Please try again shortly."));
        return;
    }
}

/* ------------------------------------------------------------------ ETag */

void
req_sign_in_first(struct req *rq, const char *next)
{
    resp_redirect(rq, url_sign_in(rq, next, auth_session_ended(rq)));
}

bool
resp_require(struct req *rq)
{
    switch (auth_require(rq)) {
    case AUTH_NEED_MET:
        return true;
    case AUTH_NEED_FAILED:
        web_error(rq, auth_failure(rq) == ERR_BUSY || db_unavailable(rq->db) ? 503 : 500, NULL,
                  _("The service is busy. Please try again in a moment."));
        return false;
    case AUTH_NEED_NONE:
    case AUTH_NEED_INVALID:
        break;
    }
    if (rq->route != NULL && rq->route->kind == RK_HTML) {
        /* a browser is sent to sign in (a session that ended is said so there) and back */
        req_sign_in_first(rq, rq->method[0] == 'G' ? rq->path : NULL);
        return false;
    }
    web_error(rq, 401, NULL,
              auth_require(rq) == AUTH_NEED_INVALID
                  ? _("The API token is not valid.")
                  : _("This needs an API token: Authorization: Bearer <token>."));
    resp_header(rq, "WWW-Authenticate", auth_challenge(rq));
    return false;
}

void
resp_expires(struct req *rq, int64_t at)
{
    if (at > 0 && (rq->resp.expires == 0 || at < rq->resp.expires))
        rq->resp.expires = at;
}

void
resp_redirect(struct req *rq, const char *location)
{
    struct html h;

    buf_reset(&rq->resp.body);
    rq->resp.status = 303;
    rq->resp.etag = NULL;
    rq->resp.content_type = "text/html; charset=utf-8";
    if (resp_header(rq, "Location", location) != ERR_OK) {
        web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
        return;
    }
    /* for a client that does not follow it: the link, in a page of its own */
    html_init(&h, &rq->resp.body, rq->arena);
    html_lit(&h, "<!DOCTYPE html>\n");
    html_open(&h, "html", "lang", lang_code(rq->lang), NULL);
    html_open(&h, "head", NULL);
    html_void(&h, "meta", "charset", "utf-8", NULL);
    html_elem(&h, "title", _("See other"));
    html_close(&h, "head");
    html_open(&h, "body", NULL);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Continue"), "href", location, NULL);
    html_close_all(&h);
}

/*
 * The ETag's key: random, made once by resp_init before the server's threads start and only
 * read after that. SipHash-128 (crypto_shorthash_siphashx24) where BLAKE2b took 48 µs for
 * the 30 kB demo mission page, 14 % of its uncached render; 10 µs now. SipHash is a keyed
 * function, collision-resistant only while its key is secret: a fixed key in this source
 * would let whoever writes a page's text craft a second version with the same ETag, which a
 * client holding the first would then keep (304). The cost of a key per process: after a
 * restart, or from another instance, a client's conditional GET gets the whole page (200)
 * once.
 */
static unsigned char etag_key[crypto_shorthash_siphashx24_KEYBYTES];

void
resp_init(void)
{
    randombytes_buf(etag_key, sizeof(etag_key));
}

void
resp_set_etag(struct req *rq)
{
    unsigned char hash[crypto_shorthash_siphashx24_BYTES];
    char hex[2 * sizeof(hash) + 1];

    crypto_shorthash_siphashx24(hash, (const unsigned char *)rq->resp.body.data, rq->resp.body.len,
                                etag_key);
    sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
    rq->resp.etag = arena_printf(rq->arena, "\"%s\"", hex);
}
