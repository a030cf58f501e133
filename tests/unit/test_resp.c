/*
 * test_resp.c — the response seam (src/web/resp.c): the bounded list of extra headers
 * (resp_header), the one error writer dropping a handler's headers and body, and a
 * response's time limit (resp_expires).
 *
 * Needs no database: requests are bare (an arena and a body buffer) and the errors are
 * API ones (JSON), which need no page frame.
 */
#include <jansson.h>
#include <string.h>

#include "tap.h"

#include "core/arena.h"
#include "web/resp.h"
#include "web/route.h"

static void
bare(struct req *rq, struct arena *a, const char *path)
{
    memset(rq, 0, sizeof(*rq));
    rq->arena = a;
    rq->method = "GET";
    rq->path = path;
    rq->body_fd = -1;
    buf_init(&rq->resp.body, WEB_MAX_BODY_OUT);
    rq->resp.status = 200;
}

/* The value of the header named name in rq's list, or NULL. */
static const char *
header(const struct req *rq, const char *name)
{
    int i;

    for (i = 0; i < rq->resp.n_headers; i++)
        if (strcmp(rq->resp.headers[i].name, name) == 0)
            return rq->resp.headers[i].value;
    return NULL;
}

static void
test_bound(struct arena *a)
{
    struct req rq;
    int i;
    bool all = true;

    bare(&rq, a, "/x");
    for (i = 0; i < WEB_MAX_RESP_HEADERS; i++)
        all = all && resp_header(&rq, "Set-Cookie", arena_printf(a, "c%d=1", i)) == ERR_OK;
    ok(all, "%d headers fit", WEB_MAX_RESP_HEADERS);
    is_int(resp_header(&rq, "Location", "/"), ERR_LIMIT, "one more is ERR_LIMIT, not dropped");
    is_int(rq.resp.n_headers, WEB_MAX_RESP_HEADERS, "... and nothing was added");
    ok(header(&rq, "Location") == NULL, "... Location is not in the list");
    is_str(rq.resp.headers[WEB_MAX_RESP_HEADERS - 1].value,
           arena_printf(a, "c%d=1", WEB_MAX_RESP_HEADERS - 1), "the last one that fit is kept");
    buf_free(&rq.resp.body);
}

static void
test_refused(struct arena *a)
{
    static const char *const bad_names[] = {"", "Set Cookie", "X:Y", "X\r\nY", "Caf\xc3\xa9"};
    static const char *const reserved[] = {
        "Content-Type", "content-length",          "ETag",           "Cache-Control",
        "VARY",         "Content-Security-Policy", "X-Frame-Options"};
    static const char *const bad_values[] = {"a\r\nSet-Cookie: x=1", "a\nb", "a\rb", "a\x01",
                                             "a\x7f"};
    struct req rq;
    size_t i;

    bare(&rq, a, "/x");
    for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
        is_int(resp_header(&rq, bad_names[i], "v"), ERR_INVALID,
               arena_printf(a, "name \"%s\" is refused", bad_names[i]));
    for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
        is_int(resp_header(&rq, reserved[i], "v"), ERR_INVALID,
               arena_printf(a, "%s is the seam's own: refused", reserved[i]));
    for (i = 0; i < sizeof(bad_values) / sizeof(bad_values[0]); i++)
        is_int(resp_header(&rq, "Location", bad_values[i]), ERR_INVALID,
               arena_printf(a, "value %zu with a control character is refused", i));
    is_int(resp_header(&rq, "Location", NULL), ERR_INVALID, "a NULL value is refused");
    is_int(rq.resp.n_headers, 0, "nothing refused was added");
    is_int(resp_header(&rq, "Content-Disposition", "attachment;\tfilename=\"a b.csv\""), ERR_OK,
           "a value with a tab and quotes is fine");
    buf_free(&rq.resp.body);
}

/* The error body as JSON. */
static json_t *
error_json(const struct req *rq)
{
    return json_loadb(rq->resp.body.data, rq->resp.body.len, 0, NULL);
}

static void
test_errors(struct arena *a)
{
    struct req rq;
    json_t *j;

    bare(&rq, a, "/api/v1/x");
    buf_adds(&rq.resp.body, "{\"half\": ");
    resp_header(&rq, "Content-Disposition", "attachment");
    resp_header(&rq, "Set-Cookie", "s=1");
    web_error(&rq, 404, NULL, "gone");
    is_int(rq.resp.status, 404, "web_error sets the status");
    is_int(rq.resp.n_headers, 0, "an error drops the handler's headers (no cookie, no download)");
    j = error_json(&rq);
    ok(j != NULL && json_object_get(json_object_get(j, "error"), "code") != NULL,
       "the half-written body is replaced by the error object");
    json_decref(j);

    web_error(&rq, 503, NULL, "busy");
    is_str(header(&rq, "Retry-After"), "5", "a 503 says when to retry");
    buf_free(&rq.resp.body);

    bare(&rq, a, "/api/v1/x");
    is_int(req_refuse_at(&rq, REFUSE_INVALID_DATA, NULL, "bad value", 7, 3), ERR_INVALID,
           "req_refuse_at returns ERR_INVALID");
    resp_refused(&rq);
    is_int(rq.resp.status, 422, "invalid data: 422");
    j = error_json(&rq);
    ok(j != NULL, "the refusal is JSON");
    is_str(json_string_value(json_object_get(json_object_get(j, "error"), "code")), "invalid_data",
           "code invalid_data");
    ok(json_is_null(json_object_get(json_object_get(j, "error"), "field")), "field null");
    is_int(json_integer_value(json_object_get(json_object_get(j, "error"), "line")), 7, "line");
    is_int(json_integer_value(json_object_get(json_object_get(j, "error"), "column")), 3, "column");
    json_decref(j);
    buf_free(&rq.resp.body);

    bare(&rq, a, "/api/v1/x");
    req_refuse(&rq, REFUSE_FORBIDDEN, NULL, "not yours");
    resp_refused(&rq);
    is_int(rq.resp.status, 403, "forbidden: 403");
    j = error_json(&rq);
    ok(j != NULL && json_object_get(json_object_get(j, "error"), "line") == NULL,
       "no line or column unless a data file was at fault");
    json_decref(j);
    buf_free(&rq.resp.body);
}

/* A response's time limit: the earliest of the times given; an error response has none
 * (it is not cached as the page's). */
static void
test_expires(struct arena *a)
{
    struct req rq;

    bare(&rq, a, "/seminars");
    is_int(rq.resp.expires, 0, "a response has no time limit of its own");
    resp_expires(&rq, 0);
    is_int(rq.resp.expires, 0, "0 (a seminar that has ended) sets none");
    resp_expires(&rq, 2000);
    resp_expires(&rq, 1500);
    resp_expires(&rq, 1800);
    is_int(rq.resp.expires, 1500, "three times given: the earliest");
    resp_expires(&rq, 0);
    is_int(rq.resp.expires, 1500, "0 after them changes nothing");
    web_error(&rq, 500, NULL, "broken");
    is_int(rq.resp.expires, 0, "an error drops the handler's time limit");
    buf_free(&rq.resp.body);
}

int
main(void)
{
    struct arena a;

    arena_init(&a);
    test_bound(&a);
    test_refused(&a);
    test_errors(&a);
    test_expires(&a);
    arena_free(&a);
    return done_testing();
}
