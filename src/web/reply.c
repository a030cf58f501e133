/*
 * reply.c — what a handler sets on its response before the dispatcher writes it: a header
 * it adds (resp_header, web.h) and a refusal (req_refuse & co, route.h). No writing of
 * pages here, so that whatever sets a cookie or a refusal (auth.c among them) depends on
 * nothing that draws a page (resp.c, layout.c).
 *
 * Never lets a header be added that could split the response or contradict the seam's own.
 */
#include <string.h>
#include <strings.h>

#include "web/i18n.h"
#include "web/route.h"
#include "web/web.h"

/* ------------------------------------------------------------------ headers */

/* Set by http or by web itself: a handler's copy would contradict them. */
static const char *const reserved[] = {
    "Content-Type",
    "Content-Length",
    "Transfer-Encoding",
    "Connection",
    "Date",
    "ETag",
    "Cache-Control",
    "Vary",
    "Content-Security-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
    "Access-Control-Allow-Origin",
    "Access-Control-Expose-Headers",
    NULL,
};

/* An HTTP token (RFC 9110 5.6.2): what a field name may be. */
static bool
is_token(const char *s)
{
    if (*s == '\0')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              strchr("!#$%&'*+-.^_`|~", *s) != NULL))
            return false;
    return true;
}

enum err
resp_header(struct req *rq, const char *name, const char *value)
{
    struct resp *r = &rq->resp;
    const unsigned char *v;
    size_t i;

    if (name == NULL || value == NULL || !is_token(name))
        return ERR_INVALID;
    for (i = 0; reserved[i] != NULL; i++)
        if (strcasecmp(name, reserved[i]) == 0)
            return ERR_INVALID;
    /* a CR or LF would end the header and start another: the value may come from a request */
    for (v = (const unsigned char *)value; *v; v++)
        if ((*v < 0x20 && *v != '\t') || *v == 0x7f)
            return ERR_INVALID;
    if (r->n_headers >= WEB_MAX_RESP_HEADERS)
        return ERR_LIMIT;
    r->headers[r->n_headers].name = name;
    r->headers[r->n_headers].value = value;
    r->n_headers++;
    return ERR_OK;
}

/* ------------------------------------------------------------------ refusals */

enum err
req_refuse(struct req *rq, enum refusal why, const char *field, const char *msg)
{
    rq->err_kind = why;
    rq->err_field = field;
    /* in the request's language (the thread's locale is the request's, web_handle): a
     * message is an English msgid (the API's field messages, the domain's refusals in
     * write.h and settings.h, marked for xgettext by `make pot`'s keywords) or a text
     * already translated, which gettext returns as it is */
    rq->err_msg = msg != NULL ? gettext(msg) : NULL;
    rq->err_at = false;
    return ERR_INVALID;
}

enum err
req_invalid(struct req *rq, const char *field, const char *msg)
{
    return req_refuse(rq, REFUSE_PARAM, field, msg);
}

enum err
req_refuse_at(struct req *rq, enum refusal why, const char *field, const char *msg, long line,
              long column)
{
    req_refuse(rq, why, field, msg);
    rq->err_at = true;
    rq->err_line = line;
    rq->err_column = column;
    return ERR_INVALID;
}
