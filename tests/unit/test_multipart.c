/*
 * test_multipart.c — src/core/multipart.c: multipart/form-data bodies as browsers send
 * them, fed whole and split at every byte (a boundary, a CRLF, a header cut anywhere),
 * the events the same every time; the boundary of a Content-Type; pausing after the first
 * part and resuming; and the refusals: no closing boundary, a header block over its
 * limit, a name given twice, too many parts, a text field over its limit, parts that are
 * not form-data or have no name, folded headers, a bare LF after a boundary.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/multipart.h"
#include "tap.h"

/* What the callback saw, as text: F(name=value) for a field, B(name,file,type)[data]E for
 * a file; data events are concatenated, so the transcript does not depend on chunking. */
struct seen {
    struct buf t;
    int pause_after; /* pause after the event of this part index (-1: never) */
};

static enum err
record(void *ctx, enum multipart_event ev, const struct multipart_part *p, const char *data,
       size_t len)
{
    struct seen *s = ctx;

    switch (ev) {
    case MP_FIELD:
        buf_printf(&s->t, "F(%s=", p->name);
        buf_add(&s->t, data, len);
        buf_adds(&s->t, ")");
        break;
    case MP_FILE_BEGIN:
        buf_printf(&s->t, "B(%s,%s,%s)[", p->name, p->filename, p->content_type);
        break;
    case MP_FILE_DATA:
        buf_add(&s->t, data, len);
        break;
    case MP_FILE_END:
        buf_adds(&s->t, "]E");
        break;
    }
    return ERR_OK;
}

/* Read body in chunks of step bytes (0: whole); the transcript into out (a fresh buf). */
static enum err
read_body(const char *boundary, const char *body, size_t len, size_t step, struct buf *out,
          const char **msg)
{
    struct multipart m;
    struct seen s = {.pause_after = -1};
    size_t off = 0, k;
    enum err rc = ERR_OK;

    buf_init(&s.t, 1 << 20);
    multipart_init(&m, boundary, record, &s);
    while (rc == ERR_OK && off < len) {
        k = step == 0 || len - off < step ? len - off : step;
        rc = multipart_feed(&m, body + off, k, NULL);
        off += k;
    }
    if (rc == ERR_OK)
        rc = multipart_finish(&m);
    *msg = multipart_error(&m);
    *out = s.t;
    return rc;
}

#define B  "----WebKitFormBoundaryA1b2C3"
#define BX "----WebKitFormBoundaryA1b2CX" /* all but the last character */

/* What Firefox and Chromium send for the upload form: csrf first, then a select, then the
 * file, whose content holds what looks like (but is not) a boundary. */
static const char browser[] =
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n"
    "\r\n"
    "tok123\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"format\"\r\n"
    "\r\n"
    "csv\r\n"
    "--" B "\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"data \\\"x\\\".csv\"\r\n"
    "Content-Type: text/csv\r\n"
    "\r\n"
    "Year,Value\r\n2020,1\r\n--" BX " is not the end\r\n\r\n-x--" B " \r\r\n2021,2\r\n"
    "\r\n"
    "--" B "--\r\n";

static const char browser_seen[] =
    "F(csrf=tok123)F(format=csv)B(file,data \"x\".csv,text/csv)["
    "Year,Value\r\n2020,1\r\n--" BX " is not the end\r\n\r\n-x--" B " \r\r\n2021,2\r\n]E";

static void
test_browser(void)
{
    struct buf t;
    const char *msg;
    size_t step, len = sizeof(browser) - 1;
    bool same = true;
    enum err rc;

    rc = read_body(B, browser, len, 0, &t, &msg);
    ok(rc == ERR_OK, "a browser's upload body is read (%s)", msg ? msg : "ok");
    ok(t.len == sizeof(browser_seen) - 1 && memcmp(t.data, browser_seen, t.len) == 0,
       "its fields whole, its file's bytes exactly, boundary look-alikes kept as data");
    buf_free(&t);
    for (step = 1; step <= len; step++) {
        rc = read_body(B, browser, len, step, &t, &msg);
        if (rc != ERR_OK || t.len != sizeof(browser_seen) - 1 ||
            memcmp(t.data, browser_seen, t.len) != 0) {
            same = false;
            diag("differs in chunks of %zu", step);
        }
        buf_free(&t);
        if (!same)
            break;
    }
    ok(same, "the same in chunks of every size from 1 to %zu bytes", len);
}

static void
test_framing(void)
{
    static const struct {
        const char *body, *seen;
        const char *what;
    } good[] = {
        {"preamble text\r\n--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b--\r\n"
         "epilogue",
         "F(a=1)", "a preamble and an epilogue are ignored; a token name"},
        {"--b  \t\r\ncontent-disposition: FORM-DATA ; name=\"a\"\r\nX-Other: y\r\n\r\n\r\n--b--",
         "F(a=)", "padding after a boundary, any case, other headers ignored, empty value"},
        {"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\n\r\n\r\n--b--",
         "B(f,,)[]E", "a file input with no file chosen is a file part with an empty name"},
        {"--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.csv\"\r\n\r\n"
         "\r\r\n-\r\n--\r\n--c\r\n--b--",
         "B(f,a.csv,)[\r\r\n-\r\n--\r\n--c]E", "CRs and dashes before the boundary are data"},
    };
    static const struct {
        const char *body;
        enum err rc;
        const char *what;
    } bad[] = {
        {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n", ERR_INVALID,
         "a body without its closing boundary"},
        {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b", ERR_INVALID,
         "a body that ends right after a boundary"},
        {"", ERR_INVALID, "an empty body"},
        {"--b\nContent-Disposition: form-data; name=a\n\n1\n--b--", ERR_INVALID, "LF line ends"},
        {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--b\r\n"
         "Content-Disposition: form-data; name=a\r\n\r\n2\r\n--b--",
         ERR_INVALID, "a part named twice"},
        {"--b\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a part with two names"},
        {"--b\r\nContent-Disposition: attachment; name=a\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a part that is not form-data"},
        {"--b\r\nContent-Disposition: form-data; filename=a\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a part without a name"},
        {"--b\r\nContent-Type: text/plain\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a part without Content-Disposition"},
        {"--b\r\n\r\n1\r\n--b--", ERR_INVALID, "a part without headers"},
        {"--b\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a folded header"},
        {"--b\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a name with a control character"},
        {"--b\r\nContent-Disposition: form-data; name=\"\xff\"\r\n\r\n1\r\n--b--", ERR_INVALID,
         "a name that is not UTF-8"},
        {"--b\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--b--", ERR_INVALID,
         "an unterminated quoted name"},
        {"--b\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--bX\r\n", ERR_INVALID,
         "a boundary followed by other text"},
    };
    struct buf t;
    const char *msg;
    size_t i;
    enum err rc;

    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        rc = read_body("b", good[i].body, strlen(good[i].body), 0, &t, &msg);
        ok(rc == ERR_OK && t.len == strlen(good[i].seen) &&
               memcmp(t.data, good[i].seen, t.len) == 0,
           "%s", good[i].what);
        if (rc != ERR_OK || t.len != strlen(good[i].seen))
            diag("rc %d (%s), seen %.*s", (int)rc, msg ? msg : "-", (int)t.len,
                 t.data ? t.data : "");
        buf_free(&t);
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        rc = read_body("b", bad[i].body, strlen(bad[i].body), 0, &t, &msg);
        ok(rc == bad[i].rc && msg != NULL, "%s is refused (%s)", bad[i].what, msg ? msg : "-");
        buf_free(&t);
    }
}

static void
test_limits(void)
{
    struct buf body, t;
    const char *msg;
    enum err rc;
    int i;

    /* a header block over MULTIPART_MAX_HEAD */
    buf_init(&body, 1 << 20);
    buf_adds(&body, "--b\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ");
    for (i = 0; i < MULTIPART_MAX_HEAD; i++)
        buf_addc(&body, 'x');
    buf_adds(&body, "\r\n\r\n1\r\n--b--");
    rc = read_body("b", body.data, body.len, 100, &t, &msg);
    ok(rc == ERR_LIMIT, "a part's header block over %d bytes is ERR_LIMIT (%s)", MULTIPART_MAX_HEAD,
       msg ? msg : "-");
    buf_free(&t);

    /* too many parts */
    buf_reset(&body);
    for (i = 0; i <= MULTIPART_MAX_PARTS; i++)
        buf_printf(&body, "--b\r\nContent-Disposition: form-data; name=p%d\r\n\r\nv\r\n", i);
    buf_adds(&body, "--b--");
    rc = read_body("b", body.data, body.len, 0, &t, &msg);
    ok(rc == ERR_LIMIT, "%d parts are ERR_LIMIT (%s)", MULTIPART_MAX_PARTS + 1, msg ? msg : "-");
    buf_free(&t);

    /* a text field over MULTIPART_MAX_FIELD; a file of the same size is fine */
    buf_reset(&body);
    buf_adds(&body, "--b\r\nContent-Disposition: form-data; name=a\r\n\r\n");
    for (i = 0; i <= MULTIPART_MAX_FIELD; i++)
        buf_addc(&body, 'x');
    buf_adds(&body, "\r\n--b--");
    rc = read_body("b", body.data, body.len, 7, &t, &msg);
    ok(rc == ERR_LIMIT, "a text field over %d bytes is ERR_LIMIT (%s)", MULTIPART_MAX_FIELD,
       msg ? msg : "-");
    buf_free(&t);
    buf_reset(&body);
    buf_adds(&body, "--b\r\nContent-Disposition: form-data; name=a; filename=a\r\n\r\n");
    for (i = 0; i < 200000; i++)
        buf_addc(&body, (char)('a' + i % 26));
    buf_adds(&body, "\r\n--b--");
    rc = read_body("b", body.data, body.len, 4096, &t, &msg);
    ok(rc == ERR_OK && t.len == 200000 + strlen("B(a,a,)[]E"),
       "a file of 200000 bytes streams through whole");
    buf_free(&t);

    /* a name over MULTIPART_MAX_NAME */
    buf_reset(&body);
    buf_adds(&body, "--b\r\nContent-Disposition: form-data; name=");
    for (i = 0; i <= MULTIPART_MAX_NAME; i++)
        buf_addc(&body, 'n');
    buf_adds(&body, "\r\n\r\n1\r\n--b--");
    rc = read_body("b", body.data, body.len, 0, &t, &msg);
    ok(rc == ERR_LIMIT, "a name over %d bytes is ERR_LIMIT (%s)", MULTIPART_MAX_NAME,
       msg ? msg : "-");
    buf_free(&t);
    buf_free(&body);
}

/* The pause needs the reader: this context carries both. */
struct pausing {
    struct seen s;
    struct multipart m;
};

static enum err
pause_cb(void *ctx, enum multipart_event ev, const struct multipart_part *p, const char *data,
         size_t len)
{
    struct pausing *ps = ctx;
    enum err rc = record(&ps->s, ev, p, data, len);

    if (p->index == ps->s.pause_after && (ev == MP_FIELD || ev == MP_FILE_END))
        multipart_pause(&ps->m);
    return rc;
}

static void
test_pause(void)
{
    static struct pausing ps;
    size_t len = sizeof(browser) - 1, used = 0, first;
    const char *after_csrf = strstr(browser, "tok123\r\n--" B) + strlen("tok123\r\n--" B);
    enum err rc;

    memset(&ps, 0, sizeof(ps));
    buf_init(&ps.s.t, 1 << 20);
    ps.s.pause_after = 0;
    multipart_init(&ps.m, B, pause_cb, &ps);
    rc = multipart_feed(&ps.m, browser, len, &used);
    first = used;
    ok(rc == ERR_OK && used == (size_t)(after_csrf - browser),
       "a pause after the first field stops right after its boundary (%zu of %zu bytes)", used,
       len);
    ok(ps.s.t.len == strlen("F(csrf=tok123)") && memcmp(ps.s.t.data, "F(csrf=tok123)", 14) == 0,
       "  having handed over the first field only");
    ps.s.pause_after = -1;
    rc = multipart_feed(&ps.m, browser + first, len - first, &used);
    ok(rc == ERR_OK && used == len - first && multipart_finish(&ps.m) == ERR_OK &&
           ps.s.t.len == sizeof(browser_seen) - 1 &&
           memcmp(ps.s.t.data, browser_seen, ps.s.t.len) == 0,
       "resuming with the rest gives the rest, as if read at once");
    buf_free(&ps.s.t);
}

static void
test_boundary(void)
{
    static const struct {
        const char *ct, *want;
    } cases[] = {
        {"multipart/form-data; boundary=" B, B},
        {"Multipart/Form-Data;boundary=\"a b:c\"", "a b:c"},
        {"multipart/form-data; charset=utf-8; boundary=x", "x"},
        {"multipart/form-data", NULL},
        {"text/csv; boundary=x", NULL},
        {"multipart/form-data; boundary=", NULL},
        {"multipart/form-data; boundary=\"a \"", NULL},
        {"multipart/form-data; boundary=\"a\r\"", NULL},
        {"multipart/form-data; boundary=\"a\\\"\"", NULL},
        {"multipart/form-data; boundary="
         "12345678901234567890123456789012345678901234567890123456789012345678901",
         NULL},
    };
    char out[MULTIPART_MAX_BOUNDARY + 1];
    size_t i;
    enum err rc;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        rc = multipart_boundary(cases[i].ct, out, sizeof(out));
        if (cases[i].want != NULL)
            ok(rc == ERR_OK && strcmp(out, cases[i].want) == 0, "boundary of %s", cases[i].ct);
        else
            ok(rc == ERR_INVALID, "no boundary in %s", cases[i].ct);
    }
}

int
main(void)
{
    test_boundary();
    test_browser();
    test_framing();
    test_limits();
    test_pause();
    return done_testing();
}
