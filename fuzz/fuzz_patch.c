/*
 * fuzz_patch.c — the JSON write body of PATCH /api/v1/indicators/{id} (an
 * indicator's progress settings: src/web/api_write.c and
 * src/domain/settings.c), through web_prepare and web_handle as the server
 * runs it, with an admin token, on the in-memory demo database.
 *
 * Input: one byte choosing the indicator (with or without disaggregation
 * columns), then the body. The invariants:
 *   - the answer is 200, 400 or 422 (never 500, never a crash), in JSON; an
 *     error has a message, and a 422 names the field;
 *   - a refused body changes nothing: the indicator as the API shows it is
 *     byte for byte what it was;
 *   - an accepted one answers with the indicator's id and its progress.
 * Accepted settings are put back (settings_apply with the original ones), so
 * every input starts from the same state.
 */
#include <jansson.h>
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "domain/settings.h"
#include "domain/token.h"
#include "fuzz.h"
#include "web/route.h"
#include "web/web.h"

static struct db *db;
static char token[TOKEN_LEN + 7];
static int64_t ind_id[2];
static char *shown[2]; /* GET /api/v1/indicators/{id} at the start */
static struct arena original_arena;
static struct indicator_settings original[2];

static const char *
no_query(void *ctx, const char *name)
{
    (void)ctx;
    (void)name;
    return NULL;
}

/* One request through the web layer as server.c makes it; the body goes in rq. */
static void
request(struct req *rq, struct arena *a, const char *method, int64_t id, const char *body,
        size_t len)
{
    struct prepared p;

    memset(rq, 0, sizeof(*rq));
    rq->arena = a;
    rq->db = db;
    rq->method = method;
    rq->path = arena_printf(a, "/api/v1/indicators/%lld", (long long)id);
    rq->query = no_query;
    rq->authorization = token;
    rq->content_type = "application/json";
    rq->content_length = body ? (int64_t)len : -1;
    rq->body = body;
    rq->body_len = len;
    rq->body_fd = -1;
    if (!web_prepare(rq, &p))
        return;
    if (p.write)
        rq->wdb = db;
    web_handle(rq);
}

static char *
show(int64_t id)
{
    struct arena a;
    struct req rq;
    char *s;

    arena_init(&a);
    request(&rq, &a, "GET", id, NULL, 0);
    FUZZ_CHECK(rq.resp.status == 200, "GET indicator %lld: %d", (long long)id, rq.resp.status);
    s = strndup(rq.resp.body.data, rq.resp.body.len);
    FUZZ_CHECK(s != NULL, "out of memory");
    buf_free(&rq.resp.body);
    arena_free(&a);
    return s;
}

/* Put the original settings back after an accepted body. */
static void
restore(int which)
{
    struct arena a;
    const char *field = NULL, *msg = NULL;
    char *now;
    enum err rc;

    arena_init(&a);
    rc = settings_apply(db, &a, ind_id[which], &original[which], "fuzz", &field, &msg);
    FUZZ_CHECK(rc == ERR_OK, "the original settings do not apply again: %s %s", err_str(rc),
               msg ? msg : "");
    arena_free(&a);
    now = show(ind_id[which]);
    FUZZ_CHECK(strcmp(now, shown[which]) == 0, "the original settings did not come back");
    free(now);
}

static void
check_answer(const struct req *rq, int which, bool *out_changed)
{
    json_error_t je;
    json_t *root, *err, *m, *f;
    int s = rq->resp.status;
    char *now;

    FUZZ_CHECK(s == 200 || s == 400 || s == 422, "answered %d", s);
    root = json_loadb(rq->resp.body.data, rq->resp.body.len, 0, &je);
    FUZZ_CHECK(root != NULL, "%d: the body is not JSON (%s)", s, je.text);
    *out_changed = s == 200;
    if (s == 200) {
        FUZZ_CHECK(json_integer_value(json_object_get(root, "indicator_id")) == ind_id[which] &&
                       json_is_object(json_object_get(root, "progress")),
                   "200 without the indicator's id and progress");
    } else {
        err = json_object_get(root, "error");
        m = json_object_get(err, "message");
        f = json_object_get(err, "field");
        FUZZ_CHECK(json_is_string(m) && json_string_length(m) > 0, "%d without a message", s);
        if (s == 422)
            FUZZ_CHECK(json_is_string(f), "422 without a field"); /* "" for a member named "" */
        now = show(ind_id[which]);
        FUZZ_CHECK(strcmp(now, shown[which]) == 0, "a refused body changed the indicator (%s)",
                   json_string_value(m));
        free(now);
    }
    json_decref(root);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char tok[TOKEN_LEN];
    struct indicator ind;
    struct arena a;
    int64_t id, tid;
    int i;

    (void)argc;
    (void)argv;
    fuzz_quiet();
    struct web_conf wc = {SAMVERKA_LOCALEDIR, NULL, 0};

    if (!web_init(&wc))
        fprintf(stderr, "fuzz: a locale is missing; messages fall back to English\n");
    db = fuzz_demo_db();
    if (token_create(db, "fuzz", "admin", 0, tok, &tid) != ERR_OK) {
        fprintf(stderr, "fuzz: cannot create a token\n");
        exit(1);
    }
    snprintf(token, sizeof(token), "Bearer %s", tok);
    for (id = 1; id < 1000 && (ind_id[0] == 0 || ind_id[1] == 0); id++) {
        arena_init(&a);
        if (indicator_get(db, &a, id, &ind) == ERR_OK) {
            i = ind.n_dimensions > 0 ? 0 : 1;
            if (ind_id[i] == 0)
                ind_id[i] = id;
        }
        arena_free(&a);
    }
    if (ind_id[0] == 0 || ind_id[1] == 0) {
        fprintf(stderr, "fuzz: the demo data lacks an indicator with and one without columns\n");
        exit(1);
    }
    arena_init(&original_arena);
    for (i = 0; i < 2; i++) {
        shown[i] = show(ind_id[i]);
        if (indicator_get(db, &original_arena, ind_id[i], &ind) != ERR_OK) {
            fprintf(stderr, "fuzz: indicator %lld went away\n", (long long)ind_id[i]);
            exit(1);
        }
        settings_from_indicator(&ind, &original[i]);
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a;
    struct req rq;
    char *body;
    int which;
    bool changed;

    if (size < 1)
        return 0;
    which = data[0] & 1;
    body = fuzz_strndup(data + 1, size - 1);
    arena_init(&a);
    request(&rq, &a, "PATCH", ind_id[which], body, size - 1);
    check_answer(&rq, which, &changed);
    buf_free(&rq.resp.body);
    arena_free(&a);
    if (changed)
        restore(which);
    free(body);
    return 0;
}
