/*
 * hammer.c — the load generator of the ThreadSanitizer test (tests/tsan/run.sh).
 *
 *   hammer PORT SECONDS TOKEN INDICATOR
 *
 * Eight threads, each on its own keep-alive connection to 127.0.0.1:PORT, for
 * SECONDS, two of each kind:
 *   cached     the same few pages and API documents over and over, every
 *              other time as a conditional GET (If-None-Match: the last ETag)
 *   uncached   pages and API lists with a query string never used before
 *   api        API reads: lists with pages, one indicator, its observations
 *   write      PATCH /api/v1/indicators/INDICATOR (progress settings) and
 *              POST .../data (a small tidy CSV), with the API token TOKEN;
 *              every write makes the cached responses stale
 * Every response must be complete, well-formed HTTP/1.1 with a status the
 * request may get (reads 200, or 304 for a conditional GET whose ETag still
 * holds, or 404 naming the field "page" for a page past the last of a list;
 * writes 200, or 429/503 when another write holds the lock), and a
 * body in its declared kind; two 200s for one URL with one ETag must carry
 * the same bytes. Prints a line per kind and the first problems; exits 0 only
 * when nothing was wrong and every kind got answers.
 *
 * A test tool: plain C and POSIX sockets, built without sanitizers (the
 * server is what is under test).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define N_THREADS  8
#define MAX_RESP   (16u << 20) /* bytes of one response */
#define IO_TIMEOUT 60          /* seconds a read or write may wait (TSan is slow) */
#define MAX_SEEN   64          /* URLs remembered per thread for the ETag check */
#define MAX_SHOWN  10          /* problems printed */

enum kind { K_CACHED, K_UNCACHED, K_API, K_WRITE, K__MAX };
static const char *const kind_names[K__MAX] = {"cached", "uncached", "api", "write"};

static int port;
static const char *token;
static long indicator;
static double deadline;
static atomic_long ok_count[K__MAX], bad_count[K__MAX], not_modified, refused_writes;
static atomic_int shown;
static atomic_long unique_n;

struct response {
    int status;
    char etag[128];
    char ctype[128];
    bool close;
    char *body;
    size_t body_len;
};

struct seen {
    char *url, *etag;
    uint64_t hash;
    size_t len;
};

struct conn {
    int fd;
    int id;
    char *buf; /* bytes read past the previous response */
    size_t len, cap;
    struct seen seen[MAX_SEEN];
    int n_seen;
};

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
problem(enum kind k, const char *fmt, ...)
{
    va_list ap;

    atomic_fetch_add(&bad_count[k], 1);
    if (atomic_fetch_add(&shown, 1) >= MAX_SHOWN)
        return;
    fprintf(stderr, "hammer: %s: ", kind_names[k]);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

static uint64_t
fnv1a(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static bool
dial(struct conn *c)
{
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    struct timeval tv = {.tv_sec = IO_TIMEOUT};
    int one = 1;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0)
        return false;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (connect(c->fd, (struct sockaddr *)&a, sizeof(a)) != 0) {
        close(c->fd);
        c->fd = -1;
        return false;
    }
    c->len = 0;
    return true;
}

static void
hang_up(struct conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
    c->len = 0;
}

/* Read more bytes into c->buf; false on error, timeout or end of stream. */
static bool
fill(struct conn *c)
{
    ssize_t n;

    if (c->cap - c->len < 65536) {
        if (c->cap >= MAX_RESP)
            return false;
        c->cap = c->cap ? c->cap * 2 : 131072;
        c->buf = realloc(c->buf, c->cap);
        if (c->buf == NULL) {
            fprintf(stderr, "hammer: out of memory\n");
            exit(2);
        }
    }
    do
        n = read(c->fd, c->buf + c->len, c->cap - c->len);
    while (n < 0 && errno == EINTR);
    if (n <= 0)
        return false;
    c->len += (size_t)n;
    return true;
}

static bool
send_all(int fd, const char *p, size_t n)
{
    ssize_t w;

    while (n > 0) {
        w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static const char *
header_value(const char *head, const char *end, const char *name, char *out, size_t outsz)
{
    size_t nl = strlen(name), n;
    const char *p, *v, *e;

    for (p = head; p < end; p = e + 2) {
        e = strstr(p, "\r\n");
        if (e == NULL || e > end)
            break;
        if ((size_t)(e - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
            for (v = p + nl + 1; *v == ' '; v++)
                ;
            n = (size_t)(e - v) < outsz - 1 ? (size_t)(e - v) : outsz - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return out;
        }
    }
    return NULL;
}

/*
 * Read one response to a request that was sent; false with *why on anything
 * that is not well-formed HTTP/1.1 (the connection is then unusable).
 */
static bool
read_response(struct conn *c, bool head_only, struct response *r, const char **why)
{
    char *hend, num[32], te[64], cl[32], conn[64], *endp;
    size_t hlen, need;
    long long clen;

    memset(r, 0, sizeof(*r));
    for (;;) {
        if (c->len > 0 && (hend = memmem(c->buf, c->len, "\r\n\r\n", 4)) != NULL)
            break;
        if (!fill(c)) {
            *why = c->len == 0 ? "no response (connection closed or timed out)"
                               : "an incomplete response head";
            return false;
        }
    }
    hlen = (size_t)(hend - c->buf) + 4;
    hend[2] = '\0'; /* the head as a string, its last CRLF kept for header_value */
    if (strncmp(c->buf, "HTTP/1.1 ", 9) != 0 || c->buf[12] != ' ') {
        *why = "a malformed status line";
        return false;
    }
    memcpy(num, c->buf + 9, 3);
    num[3] = '\0';
    r->status = (int)strtol(num, &endp, 10);
    if (*endp != '\0' || r->status < 100) {
        *why = "a malformed status code";
        return false;
    }
    header_value(c->buf, hend + 2, "ETag", r->etag, sizeof(r->etag));
    header_value(c->buf, hend + 2, "Content-Type", r->ctype, sizeof(r->ctype));
    if (header_value(c->buf, hend + 2, "Connection", conn, sizeof(conn)) != NULL &&
        strcasecmp(conn, "close") == 0)
        r->close = true;
    if (header_value(c->buf, hend + 2, "Transfer-Encoding", te, sizeof(te)) != NULL) {
        *why = "a chunked response (the server always knows the length)";
        return false;
    }
    clen = 0;
    if (header_value(c->buf, hend + 2, "Content-Length", cl, sizeof(cl)) != NULL) {
        clen = strtoll(cl, &endp, 10);
        if (*endp != '\0' || clen < 0 || clen > (long long)MAX_RESP) {
            *why = "a bad Content-Length";
            return false;
        }
    } else if (r->status != 304 && r->status != 204) {
        *why = "no Content-Length";
        return false;
    }
    if (head_only || r->status == 304 || r->status == 204)
        clen = 0;
    need = hlen + (size_t)clen;
    while (c->len < need)
        if (!fill(c)) {
            *why = "a body shorter than its Content-Length";
            return false;
        }
    r->body = malloc((size_t)clen + 1);
    if (r->body == NULL) {
        fprintf(stderr, "hammer: out of memory\n");
        exit(2);
    }
    memcpy(r->body, c->buf + hlen, (size_t)clen);
    r->body[clen] = '\0';
    r->body_len = (size_t)clen;
    memmove(c->buf, c->buf + need, c->len - need);
    c->len -= need;
    return true;
}

/* The body is what its Content-Type says: a whole HTML page, or JSON object/array. */
static const char *
body_problem(const struct response *r)
{
    const char *b = r->body, *e;

    if (r->body_len == 0)
        return "an empty body";
    if (strncmp(r->ctype, "text/html", 9) == 0)
        return strstr(b, "</html>") ? NULL : "an HTML page without its end";
    if (strncmp(r->ctype, "application/json", 16) == 0) {
        e = b + r->body_len - 1;
        while (e > b && (*e == '\n' || *e == ' '))
            e--;
        if (!((b[0] == '{' && *e == '}') || (b[0] == '[' && *e == ']')))
            return "a JSON body that is not one object or array";
        return NULL;
    }
    if (r->ctype[0] == '\0')
        return "no Content-Type";
    return NULL;
}

/* Two 200s for one URL with one ETag carry the same bytes. */
static const char *
etag_problem(struct conn *c, const char *url, const struct response *r)
{
    uint64_t h = fnv1a(r->body, r->body_len);
    struct seen *s;
    int i;

    if (r->etag[0] == '\0')
        return NULL;
    for (i = 0; i < c->n_seen; i++) {
        s = &c->seen[i];
        if (strcmp(s->url, url) != 0)
            continue;
        if (strcmp(s->etag, r->etag) == 0 && (s->hash != h || s->len != r->body_len))
            return "another body under the same ETag";
        free(s->etag);
        s->etag = strdup(r->etag);
        s->hash = h;
        s->len = r->body_len;
        return NULL;
    }
    if (c->n_seen < MAX_SEEN) {
        s = &c->seen[c->n_seen++];
        s->url = strdup(url);
        s->etag = strdup(r->etag);
        s->hash = h;
        s->len = r->body_len;
    }
    return NULL;
}

static const char *
last_etag(const struct conn *c, const char *url)
{
    int i;

    for (i = 0; i < c->n_seen; i++)
        if (strcmp(c->seen[i].url, url) == 0)
            return c->seen[i].etag;
    return NULL;
}

/* One request and its checks; reconnects as needed. */
static void
exchange(struct conn *c, enum kind k, const char *method, const char *url, const char *extra,
         const char *body)
{
    char req[4096];
    const char *inm = NULL, *why = NULL;
    struct response r;
    bool write = strcmp(method, "GET") != 0;
    int n;

    if (c->fd < 0 && !dial(c)) {
        problem(k, "%s %s: cannot connect: %s", method, url, strerror(errno));
        usleep(100000);
        return;
    }
    if (!write && (c->id / K__MAX) % 2 == 1) /* the second thread of a kind asks conditionally */
        inm = last_etag(c, url);
    n = snprintf(req, sizeof(req),
                 "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: samverka-tsan-hammer\r\n"
                 "%s%s%s%s",
                 method, url, inm ? "If-None-Match: " : "", inm ? inm : "", inm ? "\r\n" : "",
                 extra ? extra : "");
    if (body != NULL)
        n += snprintf(req + n, sizeof(req) - (size_t)n, "Content-Length: %zu\r\n\r\n%s",
                      strlen(body), body);
    else
        n += snprintf(req + n, sizeof(req) - (size_t)n, "\r\n");
    if ((size_t)n >= sizeof(req)) {
        fprintf(stderr, "hammer: a request too long for its buffer\n");
        exit(2);
    }
    if (!send_all(c->fd, req, (size_t)n) || !read_response(c, false, &r, &why)) {
        problem(k, "%s %s: %s", method, url, why ? why : "the request could not be sent");
        hang_up(c);
        return;
    }
    if (write) {
        if (r.status == 200 && (why = body_problem(&r)) == NULL)
            atomic_fetch_add(&ok_count[k], 1);
        else if (r.status == 429 || r.status == 503)
            atomic_fetch_add(&refused_writes, 1);
        else
            problem(k, "%s %s: status %d: %s (%.200s)", method, url, r.status,
                    why ? why : "unexpected", r.body);
    } else if (r.status == 304 && inm != NULL) {
        atomic_fetch_add(&ok_count[k], 1);
        atomic_fetch_add(&not_modified, 1);
    } else if (r.status == 404 && strstr(url, "page=") != NULL && r.body != NULL &&
               strstr(r.body, "\"field\":\"page\"") != NULL) {
        /* the lists' pages are picked blind: one past the last is refused, as documented */
        atomic_fetch_add(&ok_count[k], 1);
    } else if (r.status != 200) {
        problem(k, "%s %s: status %d (%.200s)", method, url, r.status, r.body);
    } else if ((why = body_problem(&r)) != NULL || (why = etag_problem(c, url, &r)) != NULL) {
        problem(k, "%s %s: %s", method, url, why);
    } else {
        atomic_fetch_add(&ok_count[k], 1);
    }
    free(r.body);
    if (r.close)
        hang_up(c);
}

static void *
run(void *arg)
{
    static const char *const cached[] = {"/",
                                         "/initiatives?page=2",
                                         "/missions/skolmat",
                                         "/api/v1/indicators/6/observations",
                                         "/api/v1/missions",
                                         "/sdg/12",
                                         "/actors?lang=en"};
    /* declared parameters in many combinations (each a page of its own), and query
     * strings never seen before (undeclared parameters: one page each before the cache
     * was keyed on the canonical request, cache hits since) */
    static const char *const statuses[] = {"proposed",  "accepted", "running",
                                           "completed", "stopped",  "declined"};
    static const char *const origins[] = {"top_down", "bottom_up"};
    static const char *const sectors[] = {"public", "private", "academia", "civil_society",
                                          "other"};
    static const char *const patches[] = {
        "{\"thresholds\":{\"high\":0.9,\"med\":0.5,\"low\":0}}",
        "{\"thresholds\":{\"high\":0.8,\"med\":0.4,\"low\":0.1}}",
    };
    static const char *const csvs[] = {
        "Year,Value\n2019,60\n2022,50\n2024,44\n",
        "Year,Value\n2018,70\n2020,61\n2023,47\n",
    };
    struct conn c = {.fd = -1, .id = (int)(intptr_t)arg};
    enum kind k = (enum kind)(c.id % K__MAX);
    char url[256], auth[512];
    unsigned long i;
    long n;
    int j;

    snprintf(auth, sizeof(auth), "Authorization: Bearer %s\r\n", token);
    for (i = 0; now() < deadline; i++) {
        switch (k) {
        case K_CACHED:
            exchange(&c, k, "GET", cached[i % (sizeof(cached) / sizeof(cached[0]))],
                     i % 3 == 0 ? "Accept-Language: en\r\n" : NULL, NULL);
            break;
        case K_UNCACHED:
            n = atomic_fetch_add(&unique_n, 1) + 1;
            switch (i % 5) {
            case 0:
                snprintf(url, sizeof(url), "/initiatives?sdg=%ld&status=%s&origin=%s", n % 17 + 1,
                         statuses[n / 17 % 6], origins[n / 102 % 2]);
                break;
            case 1:
                snprintf(url, sizeof(url), "/?u=%ld", n);
                break;
            case 2:
                snprintf(url, sizeof(url), "/api/v1/initiatives?per_page=%ld&page=%ld", n % 100 + 1,
                         n / 100 % 5 + 1);
                break;
            case 3:
                snprintf(url, sizeof(url), "/api/v1/actors?per_page=%ld&page=%ld&sector=%s",
                         n % 100 + 1, n / 100 % 3 + 1, sectors[n / 300 % 5]);
                break;
            default:
                snprintf(url, sizeof(url), "/missions/skolmat?u=%ld", n);
                break;
            }
            exchange(&c, k, "GET", url, NULL, NULL);
            break;
        case K_API:
            j = (int)(i % 4);
            if (j == 0)
                snprintf(url, sizeof(url), "/api/v1/indicators?page=%lu", i % 2 + 1);
            else if (j == 1)
                snprintf(url, sizeof(url), "/api/v1/indicators/%ld", indicator);
            else if (j == 2)
                snprintf(url, sizeof(url), "/api/v1/indicators/%ld/observations", indicator);
            else
                snprintf(url, sizeof(url), "/api/v1/initiatives?per_page=%lu", i % 20 + 1);
            exchange(&c, k, "GET", url, NULL, NULL);
            break;
        case K_WRITE:
            if (i % 2 == 0) {
                snprintf(url, sizeof(url), "/api/v1/indicators/%ld", indicator);
                snprintf(auth, sizeof(auth),
                         "Authorization: Bearer %s\r\nContent-Type: application/json\r\n", token);
                exchange(&c, k, "PATCH", url, auth, patches[(i / 2) % 2]);
            } else {
                snprintf(url, sizeof(url), "/api/v1/indicators/%ld/data", indicator);
                snprintf(auth, sizeof(auth),
                         "Authorization: Bearer %s\r\nContent-Type: text/csv\r\n", token);
                exchange(&c, k, "POST", url, auth, csvs[(i / 2) % 2]);
            }
            usleep(20000); /* writes are the rare kind */
            break;
        case K__MAX:
            break;
        }
    }
    hang_up(&c);
    free(c.buf);
    for (j = 0; j < c.n_seen; j++) {
        free(c.seen[j].url);
        free(c.seen[j].etag);
    }
    return NULL;
}

int
main(int argc, char **argv)
{
    pthread_t th[N_THREADS];
    long total = 0, bad = 0;
    int i;
    bool every_kind = true;

    if (argc != 5) {
        fprintf(stderr, "usage: hammer PORT SECONDS TOKEN INDICATOR\n");
        return 2;
    }
    port = atoi(argv[1]);
    deadline = now() + atof(argv[2]);
    token = argv[3];
    indicator = atol(argv[4]);
    for (i = 0; i < N_THREADS; i++)
        if (pthread_create(&th[i], NULL, run, (void *)(intptr_t)i) != 0) {
            fprintf(stderr, "hammer: cannot start a thread\n");
            return 2;
        }
    for (i = 0; i < N_THREADS; i++)
        pthread_join(th[i], NULL);
    for (i = 0; i < K__MAX; i++) {
        printf("%-9s %ld answered as expected, %ld wrong\n", kind_names[i],
               atomic_load(&ok_count[i]), atomic_load(&bad_count[i]));
        total += atomic_load(&ok_count[i]);
        bad += atomic_load(&bad_count[i]);
        if (atomic_load(&ok_count[i]) == 0)
            every_kind = false;
    }
    printf("total     %ld answered as expected (%ld of them 304), %ld writes refused as busy, "
           "%ld wrong\n",
           total, atomic_load(&not_modified), atomic_load(&refused_writes), bad);
    return bad == 0 && every_kind ? 0 : 1;
}
