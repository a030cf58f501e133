/*
 * fuzz_multipart.c — the multipart/form-data reader (src/core/multipart.c) on any bytes,
 * framed by the boundary "AaB03x" (RFC 7578's example).
 *
 * Input: one byte choosing a chunk size (0: the whole input at once), then the body. Each
 * input is read twice, whole and in chunks of that size; the invariants:
 *   - the result does not depend on how the body is chunked: the same events (a file's
 *     bytes concatenated), the same error and message;
 *   - a part's name is 1 to MULTIPART_MAX_NAME bytes of UTF-8, its file name UTF-8 of at
 *     most MULTIPART_MAX_FILENAME bytes, no two parts share a name, there are at most
 *     MULTIPART_MAX_PARTS, and a text field is at most MULTIPART_MAX_FIELD bytes;
 *   - file events come in order (begin, data..., end) and a file never has more bytes than
 *     the body;
 *   - an error is ERR_INVALID or ERR_LIMIT with a message, and feeding more repeats it.
 */
#include <stdbool.h>
#include <string.h>

#include "core/multipart.h"
#include "core/utf8.h"
#include "fuzz.h"

#define BOUNDARY "AaB03x"

struct run {
    uint64_t digest; /* FNV-1a over every event */
    size_t body_len, file_bytes;
    int parts, last_index;
    bool in_file;
    char names[MULTIPART_MAX_PARTS][MULTIPART_MAX_NAME + 1];
};

static void
mix(struct run *r, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    if (r->digest == 0)
        r->digest = 1469598103934665603ull;
    for (i = 0; i < n; i++) {
        r->digest ^= b[i];
        r->digest *= 1099511628211ull;
    }
}

static void
new_part(struct run *r, const struct multipart_part *p)
{
    size_t n = strlen(p->name);
    int i;

    FUZZ_CHECK(p->index == r->last_index + 1, "part %d after %d", p->index, r->last_index);
    r->last_index = p->index;
    FUZZ_CHECK(p->index < MULTIPART_MAX_PARTS, "part %d", p->index);
    FUZZ_CHECK(n >= 1 && n <= MULTIPART_MAX_NAME && utf8_valid(p->name, n), "name of %zu bytes", n);
    if (p->filename != NULL)
        FUZZ_CHECK(strlen(p->filename) <= MULTIPART_MAX_FILENAME &&
                       utf8_valid(p->filename, strlen(p->filename)),
                   "a file name of %zu bytes", strlen(p->filename));
    for (i = 0; i < r->parts; i++)
        FUZZ_CHECK(strcmp(r->names[i], p->name) != 0, "two parts named %s", p->name);
    memcpy(r->names[r->parts++], p->name, n + 1);
    mix(r, p->name, n + 1);
    if (p->filename != NULL)
        mix(r, p->filename, strlen(p->filename) + 1);
    mix(r, p->content_type, strlen(p->content_type) + 1);
}

static enum err
on_event(void *ctx, enum multipart_event ev, const struct multipart_part *p, const char *data,
         size_t len)
{
    struct run *r = ctx;

    mix(r, &ev, sizeof(ev) * (ev != MP_FILE_DATA));
    switch (ev) {
    case MP_FIELD:
        FUZZ_CHECK(!r->in_file && p->filename == NULL, "a field inside a file");
        new_part(r, p);
        FUZZ_CHECK(len <= MULTIPART_MAX_FIELD && data[len] == '\0', "a field of %zu bytes", len);
        mix(r, data, len);
        break;
    case MP_FILE_BEGIN:
        FUZZ_CHECK(!r->in_file && p->filename != NULL, "a file begins inside a file");
        new_part(r, p);
        r->in_file = true;
        break;
    case MP_FILE_DATA:
        FUZZ_CHECK(r->in_file && len > 0, "file data outside a file, or empty");
        r->file_bytes += len;
        FUZZ_CHECK(r->file_bytes <= r->body_len, "more file bytes than the body");
        mix(r, data, len);
        break;
    case MP_FILE_END:
        FUZZ_CHECK(r->in_file, "a file ends that did not begin");
        r->in_file = false;
        r->file_bytes = 0;
        break;
    }
    return ERR_OK;
}

struct outcome {
    enum err rc;
    const char *msg;
    struct run run;
};

static void
read_body(const char *s, size_t n, size_t chunk, struct outcome *out)
{
    static struct multipart m; /* about 4 KiB: not on the fuzzer's stack */
    size_t off = 0, k;
    enum err rc = ERR_OK;

    memset(out, 0, sizeof(*out));
    out->run.body_len = n;
    out->run.last_index = -1;
    multipart_init(&m, BOUNDARY, on_event, &out->run);
    while (rc == ERR_OK && off < n) {
        k = chunk == 0 || n - off < chunk ? n - off : chunk;
        rc = multipart_feed(&m, s + off, k, NULL);
        off += k;
    }
    if (rc == ERR_OK)
        rc = multipart_finish(&m);
    out->rc = rc;
    out->msg = multipart_error(&m);
    if (rc != ERR_OK) {
        FUZZ_CHECK(rc == ERR_INVALID || rc == ERR_LIMIT, "error %d", (int)rc);
        FUZZ_CHECK(out->msg != NULL && out->msg[0] != '\0', "an error without a message");
        FUZZ_CHECK(multipart_feed(&m, "--AaB03x--", 10, NULL) == rc, "an error that does not "
                                                                     "stick");
    } else {
        FUZZ_CHECK(!out->run.in_file, "a body that ends inside a file is accepted");
    }
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct outcome whole, chunked;
    char *s;

    if (size < 1)
        return 0;
    s = fuzz_strndup(data + 1, size - 1);
    read_body(s, size - 1, 0, &whole);
    if (data[0] != 0) {
        read_body(s, size - 1, data[0], &chunked);
        FUZZ_CHECK(whole.rc == chunked.rc, "rc %d whole, %d in chunks of %d", (int)whole.rc,
                   (int)chunked.rc, data[0]);
        FUZZ_CHECK(whole.run.digest == chunked.run.digest && whole.run.parts == chunked.run.parts,
                   "different events whole (%d parts) and in chunks of %d (%d parts)",
                   whole.run.parts, data[0], chunked.run.parts);
        FUZZ_CHECK(
            (whole.msg == NULL && chunked.msg == NULL) ||
                (whole.msg != NULL && chunked.msg != NULL && strcmp(whole.msg, chunked.msg) == 0),
            "error \"%s\" whole, \"%s\" in chunks of %d", whole.msg ? whole.msg : "-",
            chunked.msg ? chunked.msg : "-", data[0]);
    }
    free(s);
    return 0;
}
