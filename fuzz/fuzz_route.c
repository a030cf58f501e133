/*
 * fuzz_route.c — the route table's matcher and parameter validators
 * (src/web/routes.c: web_prepare, param_validate), and the handlers of the
 * read routes behind them, on the in-memory demo database.
 *
 * Input: one flag byte, then NUL-separated parts: the path (a '/' is put in
 * front when missing, as the HTTP layer always gives one), then query
 * parameters "name=value" (already decoded, as the HTTP layer hands them on).
 * Flag bits 0-2 pick the method (GET HEAD POST PATCH DELETE PUT), bit 3 runs
 * the handler of a matched GET/HEAD route, bit 4 gives a valid API token,
 * bits 5-7 an Accept-Language. The invariants:
 *   - param_validate accepts a value exactly when an independent reading of
 *     the type's rule does (every parameter of every route, on the last part);
 *   - web_prepare either routes the request (the route's method, every
 *     required parameter present, every present one valid, integers in range)
 *     or leaves a complete error: a 4xx status that fits (405 with Allow, 401
 *     with WWW-Authenticate), a body, JSON with a message under /api/;
 *   - a read route's handler answers 200/304/400/404 (never 500) with a body in
 *     its declared kind (JSON that parses for the API).
 */
#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/str.h"
#include "domain/token.h"
#include "fuzz.h"
#include "web/route.h"
#include "web/web.h"

#define MAX_PARTS 16

static struct db *db;
static char token[TOKEN_LEN + 7];

struct query {
    int n;
    const char *name[MAX_PARTS], *value[MAX_PARTS];
};

static const char *
query_get(void *ctx, const char *name)
{
    const struct query *q = ctx;
    int i;

    for (i = 0; i < q->n; i++)
        if (strcmp(q->name[i], name) == 0)
            return q->value[i];
    return NULL;
}

/* ------------------------------------------------ the validators' rules, again */

/* ^-?[0-9]+$ with its value, or false on overflow */
static bool
ref_int(const char *s, int64_t *out)
{
    bool neg = *s == '-';
    unsigned __int128 v = 0;
    const char *p = s + neg;

    if (*p == '\0')
        return false;
    for (; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (unsigned)(*p - '0');
        if (v > (unsigned __int128)INT64_MAX + 1)
            return false;
    }
    if (!neg && v > (unsigned __int128)INT64_MAX)
        return false;
    *out = neg ? (int64_t)(0 - (uint64_t)v) : (int64_t)v;
    return true;
}

static bool
ref_slug(const char *s)
{
    size_t n = strlen(s), i;

    if (n < 1 || n > 64 || s[0] == '-' || s[n - 1] == '-')
        return false;
    for (i = 0; i < n; i++)
        if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '-')
            return false;
    return true;
}

/* no C0 control, DEL or C1 control (U+0080-U+009F) */
static bool
ref_plain_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++)
        if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return false;
    return true;
}

/* "1.2", "12.10", "17.a": one or two digits, a dot, one or two digits or a-j */
static bool
ref_sdg_target(const char *s)
{
    size_t g = 0, t = 0;

    while (isdigit((unsigned char)s[g]))
        g++;
    if (g < 1 || g > 2 || s[g] != '.')
        return false;
    s += g + 1;
    if (s[0] >= 'a' && s[0] <= 'j' && s[1] == '\0')
        return true;
    while (isdigit((unsigned char)s[t]))
        t++;
    return t >= 1 && t <= 2 && s[t] == '\0';
}

static bool
ref_accepts(const struct pspec *ps, const char *raw, int64_t *out_i)
{
    size_t n = strlen(raw);
    int k;

    if (n > WEB_MAX_PARAM_LEN || !utf8_valid(raw, n))
        return false;
    switch (ps->type) {
    case P_INT:
        return ref_int(raw, out_i) && *out_i >= ps->min && *out_i <= ps->max;
    case P_SLUG:
        return ref_slug(raw);
    case P_ENUM:
        for (k = 0; ps->codes != NULL && k < ps->codes->n; k++)
            if (strcmp(ps->codes->codes[k].code, raw) == 0)
                return true;
        return false;
    case P_TEXT:
    case P_SECRET: /* text that is never logged: validated as text */
        return ref_plain_text(raw) && (ps->max <= 0 || (int64_t)n <= ps->max);
    case P_SDG_TARGET:
        return ref_sdg_target(raw);
    }
    return false;
}

static void
check_validators(const char *raw)
{
    const struct pspec *ps;
    const char *msg;
    struct pval v;
    int64_t want = 0;
    bool ok, ref;
    int r, k;

    for (r = 0; r < n_routes; r++)
        for (k = 0; k < WEB_MAX_PARAMS && routes[r].params[k].name != NULL; k++) {
            ps = &routes[r].params[k];
            msg = NULL;
            memset(&v, 0, sizeof(v));
            ok = param_validate(ps, raw, &v, &msg);
            ref = ref_accepts(ps, raw, &want);
            FUZZ_CHECK(ok == ref, "%s %s: param_validate says %d, the rule %d (%s)",
                       routes[r].pattern, ps->name, ok, ref, msg ? msg : "");
            if (ok)
                FUZZ_CHECK(v.present && v.s == raw && (ps->type != P_INT || v.i == want),
                           "%s %s: accepted value not kept as given", routes[r].pattern, ps->name);
            else
                FUZZ_CHECK(msg != NULL && msg[0] != '\0', "%s %s: refused without a reason",
                           routes[r].pattern, ps->name);
        }
}

/* ------------------------------------------------------------ web_prepare */

static bool
is_api(const char *path)
{
    return strncmp(path, "/api/", 5) == 0;
}

static void
check_json_error(const struct req *rq)
{
    json_error_t je;
    json_t *root, *m;

    root = json_loadb(rq->resp.body.data, rq->resp.body.len, 0, &je);
    FUZZ_CHECK(root != NULL, "%d: the error body is not JSON (%s)", rq->resp.status, je.text);
    m = json_object_get(json_object_get(root, "error"), "message");
    FUZZ_CHECK(json_is_string(m) && json_string_length(m) > 0, "%d: an error without a message",
               rq->resp.status);
    json_decref(root);
}

static void
check_routed(const struct req *rq, const struct prepared *p)
{
    const struct route *r = rq->route;
    const struct pspec *ps;
    const char *msg;
    struct pval v;
    int k;

    FUZZ_CHECK(r != NULL, "routed without a route");
    FUZZ_CHECK(strcmp(r->method, rq->method) == 0 ||
                   (strcmp(r->method, "GET") == 0 && strcmp(rq->method, "HEAD") == 0),
               "%s routed to %s %s", rq->method, r->method, r->pattern);
    /* an open write (sign-in, sign-up) runs on the worker's own connection */
    FUZZ_CHECK(p->write == ((r->flags & RF_WRITE) != 0 && !(r->flags & RF_OPEN)), "write flag");
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        ps = &r->params[k];
        if (!rq->params[k].present) {
            FUZZ_CHECK(!ps->required, "%s: required %s missing", r->pattern, ps->name);
            continue;
        }
        FUZZ_CHECK(rq->params[k].s != NULL, "%s: %s present without a value", r->pattern, ps->name);
        FUZZ_CHECK(param_validate(ps, rq->params[k].s, &v, &msg), "%s: %s=\"%s\" not valid",
                   r->pattern, ps->name, rq->params[k].s);
        if (ps->type == P_INT)
            FUZZ_CHECK(rq->params[k].i == v.i && v.i >= ps->min && v.i <= ps->max,
                       "%s: %s out of range", r->pattern, ps->name);
    }
}

/* The value of the response header name (resp.headers), or NULL. */
static const char *
resp_value(const struct req *rq, const char *name)
{
    int i;

    for (i = 0; i < rq->resp.n_headers; i++)
        if (strcasecmp(rq->resp.headers[i].name, name) == 0)
            return rq->resp.headers[i].value;
    return NULL;
}

static void
check_refused(const struct req *rq)
{
    int s = rq->resp.status;

    FUZZ_CHECK(s == 400 || s == 401 || s == 403 || s == 404 || s == 405 || s == 413 || s == 415,
               "%s %s refused with %d", rq->method, rq->path, s);
    FUZZ_CHECK(rq->resp.body.len > 0 && !buf_err(&rq->resp.body), "%d without a body", s);
    if (s == 405)
        FUZZ_CHECK(resp_value(rq, "Allow") != NULL && resp_value(rq, "Allow")[0] != '\0',
                   "405 without Allow");
    if (s == 401)
        FUZZ_CHECK(resp_value(rq, "WWW-Authenticate") != NULL, "401 without WWW-Authenticate");
    if (is_api(rq->path))
        check_json_error(rq);
}

static void
check_handled(const struct req *rq)
{
    int s = rq->resp.status;
    json_error_t je;
    json_t *root;

    /* a route that answers who asks (RF_PERSONAL: /api/v1/me) refuses a token that is not
     * valid, with its challenge; a page for signed-in users sends a visitor to sign in */
    if (s == 401 && rq->route != NULL && (rq->route->flags & RF_PERSONAL)) {
        FUZZ_CHECK(resp_value(rq, "WWW-Authenticate") != NULL, "401 without WWW-Authenticate");
        return;
    }
    if (s == 303 && rq->route != NULL && (rq->route->flags & RF_PERSONAL)) {
        FUZZ_CHECK(resp_value(rq, "Location") != NULL && resp_value(rq, "Location")[0] == '/',
                   "303 without a Location of this site");
        return;
    }
    FUZZ_CHECK(s == 200 || s == 304 || s == 400 || s == 404, "%s %s answered %d", rq->method,
               rq->path, s);
    FUZZ_CHECK(!buf_err(&rq->resp.body), "a response body over its limit");
    if (s == 304)
        return;
    FUZZ_CHECK(rq->resp.body.len > 0, "%d without a body", s);
    if (s == 200)
        FUZZ_CHECK(rq->resp.etag != NULL, "200 without an ETag");
    if (rq->route->kind == RK_API || (s != 200 && is_api(rq->path))) {
        root = json_loadb(rq->resp.body.data, rq->resp.body.len, 0, &je);
        FUZZ_CHECK(root != NULL, "%s: not JSON (%s)", rq->path, je.text);
        json_decref(root);
    }
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char tok[TOKEN_LEN];
    int64_t id;

    (void)argc;
    (void)argv;
    fuzz_quiet();
    struct web_conf wc = {SAMVERKA_LOCALEDIR, NULL, 0};

    if (!web_init(&wc))
        fprintf(stderr, "fuzz: a locale is missing; pages fall back to English\n");
    db = fuzz_demo_db();
    if (token_create(db, "fuzz", "admin", 0, tok, &id) != ERR_OK) {
        fprintf(stderr, "fuzz: cannot create a token\n");
        exit(1);
    }
    snprintf(token, sizeof(token), "Bearer %s", tok);
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {"GET", "HEAD", "POST", "PATCH", "DELETE", "PUT"};
    static const char *const langs[] = {
        NULL, "en", "sv", "en-GB,en;q=0.9", "de, en;q=0.5", "*", "sv;q=0, en;q=0", "EN-us"};
    struct query q = {0};
    struct prepared p;
    struct arena a;
    struct req rq;
    char *s, *parts[MAX_PARTS], *path, *eq;
    size_t i, start;
    int n = 0;
    bool routed;

    if (size < 1 || size > 4096)
        return 0;
    s = fuzz_strndup(data + 1, size - 1);
    for (i = start = 0; i <= size - 1 && n < MAX_PARTS; i++)
        if (i == size - 1 || s[i] == '\0') {
            parts[n++] = s + start;
            start = i + 1;
        }
    check_validators(parts[n - 1]);

    arena_init(&a);
    path = parts[0][0] == '/' ? parts[0] : arena_printf(&a, "/%s", parts[0]);
    for (i = 1; i < (size_t)n; i++) {
        eq = strchr(parts[i], '=');
        if (eq == NULL)
            continue;
        *eq = '\0';
        q.name[q.n] = parts[i];
        q.value[q.n++] = eq + 1;
    }
    memset(&rq, 0, sizeof(rq));
    rq.arena = &a;
    rq.db = db;
    rq.method = methods[(data[0] & 7) % 6];
    rq.path = path;
    rq.query = query_get;
    rq.ctx = &q;
    rq.accept_language = langs[data[0] >> 5];
    rq.authorization = data[0] & 16 ? token : "Bearer svk_not_a_token";
    rq.content_type = "application/json";
    rq.content_length = -1;
    rq.body_fd = -1;

    routed = web_prepare(&rq, &p);
    if (routed)
        check_routed(&rq, &p);
    else
        check_refused(&rq);
    if (routed && (data[0] & 8) && !p.write) {
        web_handle(&rq);
        check_handled(&rq);
    }
    buf_free(&rq.resp.body);
    arena_free(&a);
    free(s);
    return 0;
}
