/*
 * soak.c — the load client of `make soak` (tests/soak/README.md).
 *
 *   soak --port PORT --plan FILE [--requests N] [--conns C] [--pid PID]
 *        [--warmup W] [--timeout-ms MS] [--seed S]
 *
 * C threads, one keep-alive HTTP/1.1 connection each (plain blocking sockets
 * with poll deadlines), send N requests in all to 127.0.0.1:PORT. Each request
 * is drawn at random (by weight) from the plan: a table of request templates,
 * each with the statuses it may get. Anything else — another status, a socket
 * error, a connection closed without an answer, no answer within the timeout,
 * a malformed response — is an error, counted by class and reported with its
 * plan line (the first few as they happen).
 *
 * With --pid, the server's resident memory (VmRSS) is read when W requests
 * are done (after the warm-up: caches filled, threads started), every second
 * (the peak) and at the end; and a connection failure checks whether the
 * server is still there: when it is gone the run stops at once. So does a
 * run in which no request got any answer for SOAK_STALL_S seconds (a hang).
 *
 * The client's own memory is fixed after start-up: buffers per thread sized
 * from the plan, latencies in a fixed histogram; it prints its own VmRSS at
 * start and end to show it. The results go to stdout as "key value" lines for
 * tests/soak/run.sh; progress and error examples go to stderr.
 *
 * Plan file: one template a line, '#' starts a comment, seven tab-separated
 * fields:
 *
 *   WEIGHT CLASS EXPECT METHOD TARGET HEADERS BODY
 *
 *   CLASS    page, api, cond, head, uncached, write or hostile. "cond" sends
 *            If-None-Match with the ETag this connection last got for the
 *            template (a plain GET the first time): 304 with the same ETag,
 *            or 200 with a new ETag after a write changed the resource; a 200
 *            with the ETag it was sent is an error. "write" requests are sent
 *            one at a time (a client-wide lock): the server's concurrency caps
 *            for writes are the integration suite's business, every write
 *            here must succeed.
 *   EXPECT   the accepted statuses, separated by '|': 200, 400|414.
 *   TARGET   the request target; {n} becomes the request's number (a query
 *            string never seen before), {rep:COUNT:TEXT} TEXT repeated COUNT
 *            times (e.g. 600 query parameters).
 *   HEADERS  "-" or header lines separated by \n (the escape, two characters).
 *   BODY     "-" or the body; escapes \n \r \t \\ \xHH. A body is sent with
 *            Content-Length, whatever the method.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SOAK_MAX_TEMPLATES 1024          /* lines in a plan */
#define SOAK_MAX_PLAN_LINE (64 * 1024)   /* one plan line, before expansion */
#define SOAK_MAX_EXPANDED  (1024 * 1024) /* one template's target after {rep:...} */
#define SOAK_MAX_EXPECT    4
#define SOAK_MAX_CONNS     256
#define SOAK_RBUF          (64 * 1024) /* the response head must fit */
#define SOAK_ETAG_MAX      128
#define SOAK_EXAMPLES      20 /* errors printed as they happen */
#define SOAK_STALL_S       30 /* no answer at all for this long (plus a timeout): stop */

enum cls { C_PAGE, C_API, C_COND, C_HEAD, C_UNCACHED, C_WRITE, C_HOSTILE, C__MAX };
static const char *const cls_names[C__MAX] = {"page",     "api",   "cond",   "head",
                                              "uncached", "write", "hostile"};

enum fail {
    FAIL_NONE,
    FAIL_STATUS,
    FAIL_ETAG,
    FAIL_RESET,
    FAIL_TIMEOUT,
    FAIL_CONNECT,
    FAIL_PROTOCOL,
    FAIL__MAX
};
static const char *const fail_names[FAIL__MAX] = {"ok",      "status",  "etag",    "reset",
                                                  "timeout", "connect", "protocol"};

struct tmpl {
    unsigned weight;
    enum cls cls;
    int expect[SOAK_MAX_EXPECT];
    int n_expect;
    char method[16];
    char *target; /* {n} still in it */
    size_t n_subst;
    char *headers; /* each line ending in \r\n */
    char *body;
    size_t body_len;
    bool has_body;
    int lineno;
    atomic_ulong errors;
};

/* latency histogram: 1 µs buckets below 1 ms, 10 µs below 100 ms, 1 ms below 10 s */
#define H_US1  1000
#define H_US10 100000
#define H_MS   10000000
#define H_SIZE (H_US1 + (H_US10 - H_US1) / 10 + (H_MS - H_US10) / 1000 + 1)

struct worker {
    int idx;
    pthread_t th;
    int fd;
    uint64_t rng;
    char *sbuf;
    size_t sbuf_cap;
    char rbuf[SOAK_RBUF];
    size_t rpos, rlen;
    char (*etags)[SOAK_ETAG_MAX]; /* per template: the last ETag this connection got */
    uint64_t *hist;
    uint64_t lat_max_us;
    uint64_t n_cls[C__MAX], e_cls[C__MAX], n_fail[FAIL__MAX];
    uint64_t n_done;
};

struct resp {
    int status;
    int64_t clen;
    bool chunked;
    bool close;
    bool has_etag;
    char etag[SOAK_ETAG_MAX];
};

static struct tmpl *plan;
static int n_plan;
static uint64_t *cum_weight;
static uint64_t total_weight;
static size_t max_request;

static int port;
static long server_pid;
static uint64_t n_requests = 1000000;
static int n_conns = 8;
static uint64_t warmup;
static int timeout_ms = 10000;
static uint64_t seed = 1;

static atomic_ullong issued;
static atomic_ullong done;
static atomic_ullong n_errors;
static atomic_uint examples;
static atomic_bool stop;
static atomic_bool server_gone;
static atomic_long rss_start_kb = -1;
static atomic_long rss_peak_kb;
static atomic_long client_rss_start_kb = -1;
static atomic_uint connect_streak;
static atomic_ullong last_answer_us; /* when a request last got a complete answer */
static atomic_bool stalled;
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;

static void
die(const char *msg)
{
    fprintf(stderr, "soak: %s\n", msg);
    exit(2);
}

static void *
xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);

    if (p == NULL)
        die("out of memory");
    return p;
}

/* zeroed and resident now: calloc's pages (and malloc + memset, which the compiler
 * may turn into calloc) only become resident as the run first touches them */
static void *
xmalloc_resident(size_t n)
{
    void *p = malloc(n ? n : 1);

    if (p == NULL)
        die("out of memory");
    explicit_bzero(p, n);
    return p;
}

static uint64_t
now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ------------------------------------------------------------------ /proc */

/* VmRSS of a process in kB; -1 when it is gone (or a zombie: it has none) */
static long
rss_kb(const char *pid)
{
    char path[64], line[256];
    FILE *f;
    long kb = -1;

    snprintf(path, sizeof(path), "/proc/%s/status", pid);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof(line), f) != NULL)
        if (strncmp(line, "VmRSS:", 6) == 0) {
            kb = strtol(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return kb;
}

static long
server_rss_kb(void)
{
    char pid[32];

    if (server_pid <= 0)
        return -1;
    snprintf(pid, sizeof(pid), "%ld", server_pid);
    return rss_kb(pid);
}

/* true when the server process is gone (exited, or a zombie waiting for its parent) */
static bool
check_server_gone(void)
{
    if (server_pid <= 0)
        return false;
    if (server_rss_kb() >= 0)
        return false;
    if (!atomic_exchange(&server_gone, true))
        fprintf(stderr, "soak: the server (pid %ld) is gone: stopping\n", server_pid);
    atomic_store(&stop, true);
    return true;
}

/* ------------------------------------------------------------------ plan */

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* decode \n \r \t \\ \xHH in place; returns the new length, or -1 */
static long
unescape(char *s)
{
    char *w = s;
    const char *r = s;
    int h, l;

    while (*r) {
        if (*r != '\\') {
            *w++ = *r++;
            continue;
        }
        r++;
        switch (*r) {
        case 'n':
            *w++ = '\n';
            break;
        case 'r':
            *w++ = '\r';
            break;
        case 't':
            *w++ = '\t';
            break;
        case '\\':
            *w++ = '\\';
            break;
        case 'x':
            h = hexval(r[1]);
            l = h < 0 ? -1 : hexval(r[2]);
            if (l < 0)
                return -1;
            *w++ = (char)(h * 16 + l);
            r += 2;
            break;
        default:
            return -1;
        }
        r++;
    }
    *w = '\0';
    return (long)(w - s);
}

/* expand {rep:COUNT:TEXT}; count the {n} left for the request */
static char *
expand_target(const char *in, size_t *out_n_subst, const char **out_err)
{
    size_t cap = strlen(in) + 1, len = 0, tlen, i;
    char *out = xmalloc(cap), *end;
    const char *p = in, *text;
    long count;

    *out_n_subst = 0;
    while (*p) {
        if (strncmp(p, "{rep:", 5) == 0) {
            count = strtol(p + 5, &end, 10);
            if (end == p + 5 || *end != ':' || count < 0 || count > 100000) {
                *out_err = "bad {rep:COUNT:TEXT}";
                free(out);
                return NULL;
            }
            text = end + 1;
            end = strchr(text, '}');
            if (end == NULL) {
                *out_err = "unclosed {rep:";
                free(out);
                return NULL;
            }
            tlen = (size_t)(end - text);
            if (len + tlen * (size_t)count + strlen(end) >= SOAK_MAX_EXPANDED) {
                *out_err = "target too long after {rep:...}";
                free(out);
                return NULL;
            }
            if (len + tlen * (size_t)count + strlen(end) + 1 > cap) {
                cap = len + tlen * (size_t)count + strlen(end) + 1;
                out = realloc(out, cap);
                if (out == NULL)
                    die("out of memory");
            }
            for (i = 0; i < (size_t)count; i++) {
                memcpy(out + len, text, tlen);
                len += tlen;
            }
            p = end + 1;
            continue;
        }
        if (strncmp(p, "{n}", 3) == 0)
            (*out_n_subst)++;
        out[len++] = *p++;
    }
    out[len] = '\0';
    return out;
}

static bool
parse_expect(struct tmpl *t, char *s)
{
    char *tok, *save = NULL, *end;
    long v;

    for (tok = strtok_r(s, "|", &save); tok != NULL; tok = strtok_r(NULL, "|", &save)) {
        v = strtol(tok, &end, 10);
        if (*end != '\0' || v < 100 || v > 599 || t->n_expect == SOAK_MAX_EXPECT)
            return false;
        t->expect[t->n_expect++] = (int)v;
    }
    return t->n_expect > 0;
}

static void
plan_error(const char *file, int lineno, const char *msg)
{
    fprintf(stderr, "%s:%d: %s\n", file, lineno, msg);
    exit(2);
}

static void
load_plan(const char *file)
{
    FILE *f = fopen(file, "r");
    char *line = xmalloc(SOAK_MAX_PLAN_LINE), *field[7], *p, *tab, *end;
    int lineno = 0, i, k;
    long n;
    size_t need, hl;
    struct tmpl *t;
    const char *err = NULL;

    if (f == NULL) {
        perror(file);
        exit(2);
    }
    plan = xmalloc(sizeof(*plan) * SOAK_MAX_TEMPLATES);
    while (fgets(line, SOAK_MAX_PLAN_LINE, f) != NULL) {
        lineno++;
        p = line + strlen(line);
        if (p > line && p[-1] != '\n' && !feof(f))
            plan_error(file, lineno, "line too long");
        while (p > line && (p[-1] == '\n' || p[-1] == '\r'))
            *--p = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (n_plan == SOAK_MAX_TEMPLATES)
            plan_error(file, lineno, "too many templates");
        p = line;
        for (i = 0; i < 7; i++) {
            field[i] = p;
            tab = strchr(p, '\t');
            if (i < 6 && tab == NULL)
                plan_error(file, lineno, "expected 7 tab-separated fields");
            if (tab != NULL) {
                if (i == 6)
                    plan_error(file, lineno, "more than 7 fields");
                *tab = '\0';
                p = tab + 1;
            }
        }
        t = &plan[n_plan];
        t->lineno = lineno;
        n = strtol(field[0], &end, 10);
        if (*end != '\0' || n < 1 || n > 1000000)
            plan_error(file, lineno, "weight must be 1-1000000");
        t->weight = (unsigned)n;
        for (k = 0; k < C__MAX && strcmp(cls_names[k], field[1]) != 0; k++)
            ;
        if (k == C__MAX)
            plan_error(file, lineno, "unknown class");
        t->cls = (enum cls)k;
        if (!parse_expect(t, field[2]))
            plan_error(file, lineno, "EXPECT must be statuses separated by |");
        if (strlen(field[3]) == 0 || strlen(field[3]) >= sizeof(t->method))
            plan_error(file, lineno, "bad method");
        snprintf(t->method, sizeof(t->method), "%s", field[3]);
        if (t->cls == C_HEAD && strcmp(t->method, "HEAD") != 0)
            plan_error(file, lineno, "class head needs method HEAD");
        if (t->cls == C_COND && strcmp(t->method, "GET") != 0)
            plan_error(file, lineno, "class cond needs method GET");
        t->target = expand_target(field[4], &t->n_subst, &err);
        if (t->target == NULL)
            plan_error(file, lineno, err);
        if (t->target[0] == '\0')
            plan_error(file, lineno, "empty target");
        /* headers: \n-separated lines, each sent with CRLF */
        if (strcmp(field[5], "-") == 0) {
            t->headers = xmalloc(1);
        } else {
            if (unescape(field[5]) < 0)
                plan_error(file, lineno, "bad escape in HEADERS");
            hl = strlen(field[5]);
            t->headers = xmalloc(2 * hl + 3);
            for (p = field[5], end = t->headers; *p; p++) {
                if (*p == '\n') {
                    *end++ = '\r';
                    *end++ = '\n';
                } else {
                    *end++ = *p;
                }
            }
            memcpy(end, "\r\n", 3);
        }
        if (strcmp(field[6], "-") != 0) {
            n = unescape(field[6]);
            if (n < 0)
                plan_error(file, lineno, "bad escape in BODY");
            t->body = xmalloc((size_t)n + 1);
            memcpy(t->body, field[6], (size_t)n);
            t->body_len = (size_t)n;
            t->has_body = true;
        }
        need = strlen(t->method) + strlen(t->target) + 24 * t->n_subst + strlen(t->headers) +
               t->body_len + 256 + SOAK_ETAG_MAX;
        if (need > max_request)
            max_request = need;
        n_plan++;
    }
    fclose(f);
    free(line);
    if (n_plan == 0)
        plan_error(file, lineno, "no templates");
    cum_weight = xmalloc(sizeof(*cum_weight) * (size_t)n_plan);
    for (i = 0; i < n_plan; i++) {
        total_weight += plan[i].weight;
        cum_weight[i] = total_weight;
    }
}

/* ------------------------------------------------------------------ I/O */

static uint64_t
rng_next(uint64_t *s)
{
    /* xorshift64* */
    uint64_t x = *s;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 2685821657736338717ull;
}

static int
pick(struct worker *wk)
{
    uint64_t r = rng_next(&wk->rng) % total_weight;
    int lo = 0, hi = n_plan - 1, mid;

    while (lo < hi) {
        mid = (lo + hi) / 2;
        if (cum_weight[mid] > r)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void
conn_close(struct worker *wk)
{
    if (wk->fd >= 0)
        close(wk->fd);
    wk->fd = -1;
    wk->rpos = wk->rlen = 0;
}

static enum fail
conn_open(struct worker *wk)
{
    struct sockaddr_in sa;
    int one = 1;

    wk->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (wk->fd < 0)
        return FAIL_CONNECT;
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(wk->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    if (connect(wk->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
        conn_close(wk);
        return FAIL_CONNECT;
    }
    return FAIL_NONE;
}

/* wait until fd is ready for ev or the deadline passes */
static enum fail
wait_fd(int fd, short ev, uint64_t deadline)
{
    struct pollfd pf = {.fd = fd, .events = ev};
    uint64_t now;
    int rc;

    for (;;) {
        now = now_us();
        if (now >= deadline)
            return FAIL_TIMEOUT;
        rc = poll(&pf, 1, (int)((deadline - now + 999) / 1000));
        if (rc > 0)
            return FAIL_NONE;
        if (rc == 0)
            return FAIL_TIMEOUT;
        if (errno != EINTR)
            return FAIL_RESET;
    }
}

static enum fail
send_all(struct worker *wk, const char *p, size_t n, uint64_t deadline)
{
    ssize_t w;
    enum fail f;

    while (n > 0) {
        w = send(wk->fd, p, n, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            f = wait_fd(wk->fd, POLLOUT, deadline);
            if (f != FAIL_NONE)
                return f;
            continue;
        }
        return FAIL_RESET;
    }
    return FAIL_NONE;
}

/* read more bytes into rbuf (compacting first); FAIL_RESET on EOF or error */
static enum fail
fill(struct worker *wk, uint64_t deadline)
{
    ssize_t r;
    enum fail f;

    if (wk->rpos > 0) {
        memmove(wk->rbuf, wk->rbuf + wk->rpos, wk->rlen - wk->rpos);
        wk->rlen -= wk->rpos;
        wk->rpos = 0;
    }
    if (wk->rlen == sizeof(wk->rbuf))
        return FAIL_PROTOCOL; /* a line longer than the buffer */
    for (;;) {
        r = recv(wk->fd, wk->rbuf + wk->rlen, sizeof(wk->rbuf) - wk->rlen, MSG_DONTWAIT);
        if (r > 0) {
            wk->rlen += (size_t)r;
            return FAIL_NONE;
        }
        if (r == 0)
            return FAIL_RESET;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            return FAIL_RESET;
        f = wait_fd(wk->fd, POLLIN, deadline);
        if (f != FAIL_NONE)
            return f;
    }
}

/* the next CRLF-terminated line (without the CRLF), valid until the next read */
static enum fail
read_line(struct worker *wk, uint64_t deadline, char **out_line, size_t *out_len)
{
    char *nl;
    enum fail f;

    for (;;) {
        nl = memchr(wk->rbuf + wk->rpos, '\n', wk->rlen - wk->rpos);
        if (nl != NULL) {
            *out_line = wk->rbuf + wk->rpos;
            *out_len = (size_t)(nl - *out_line);
            if (*out_len == 0 || nl[-1] != '\r')
                return FAIL_PROTOCOL;
            (*out_len)--;
            wk->rpos = (size_t)(nl - wk->rbuf) + 1;
            return FAIL_NONE;
        }
        f = fill(wk, deadline);
        if (f != FAIL_NONE)
            return f;
    }
}

static enum fail
skip_bytes(struct worker *wk, uint64_t n, uint64_t deadline)
{
    size_t avail;
    enum fail f;

    for (;;) {
        avail = wk->rlen - wk->rpos;
        if ((uint64_t)avail >= n) {
            wk->rpos += (size_t)n;
            return FAIL_NONE;
        }
        n -= avail;
        wk->rpos = wk->rlen = 0;
        f = fill(wk, deadline);
        if (f != FAIL_NONE)
            return f;
    }
}

static bool
header_is(const char *line, size_t len, const char *name, const char **out_value, size_t *out_vlen)
{
    size_t n = strlen(name);
    const char *v, *e = line + len;

    if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
        return false;
    for (v = line + n + 1; v < e && (*v == ' ' || *v == '\t'); v++)
        ;
    while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    *out_value = v;
    *out_vlen = (size_t)(e - v);
    return true;
}

/* a token in a comma-separated header value, case-insensitive */
static bool
has_token(const char *v, size_t vlen, const char *tok)
{
    size_t n = strlen(tok), i = 0, s;

    while (i < vlen) {
        while (i < vlen && (v[i] == ' ' || v[i] == ','))
            i++;
        s = i;
        while (i < vlen && v[i] != ',')
            i++;
        while (i > s && v[i - 1] == ' ')
            i--;
        if (i - s == n && strncasecmp(v + s, tok, n) == 0)
            return true;
        while (i < vlen && v[i] != ',')
            i++;
    }
    return false;
}

static enum fail
read_head(struct worker *wk, uint64_t deadline, struct resp *r)
{
    char *line;
    size_t len, vlen, i;
    const char *v;
    enum fail f;
    uint64_t n;

    memset(r, 0, sizeof(*r));
    r->clen = -1;
    f = read_line(wk, deadline, &line, &len);
    if (f != FAIL_NONE)
        return f;
    if (len < 12 || strncmp(line, "HTTP/1.", 7) != 0 || (line[7] != '0' && line[7] != '1') ||
        line[8] != ' ' || line[9] < '1' || line[9] > '5' || line[10] < '0' || line[10] > '9' ||
        line[11] < '0' || line[11] > '9' || (len > 12 && line[12] != ' '))
        return FAIL_PROTOCOL;
    r->status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    r->close = line[7] == '0'; /* HTTP/1.0: closes unless it says keep-alive */
    for (;;) {
        f = read_line(wk, deadline, &line, &len);
        if (f != FAIL_NONE)
            return f;
        if (len == 0)
            return FAIL_NONE;
        if (memchr(line, ':', len) == NULL)
            return FAIL_PROTOCOL;
        if (header_is(line, len, "Content-Length", &v, &vlen)) {
            if (vlen == 0 || vlen > 18 || r->clen >= 0)
                return FAIL_PROTOCOL;
            for (n = 0, i = 0; i < vlen; i++) {
                if (v[i] < '0' || v[i] > '9')
                    return FAIL_PROTOCOL;
                n = n * 10 + (uint64_t)(v[i] - '0');
            }
            r->clen = (int64_t)n;
        } else if (header_is(line, len, "Transfer-Encoding", &v, &vlen)) {
            if (!has_token(v, vlen, "chunked"))
                return FAIL_PROTOCOL;
            r->chunked = true;
        } else if (header_is(line, len, "Connection", &v, &vlen)) {
            if (has_token(v, vlen, "close"))
                r->close = true;
            else if (has_token(v, vlen, "keep-alive"))
                r->close = false;
        } else if (header_is(line, len, "ETag", &v, &vlen)) {
            if (vlen == 0 || vlen >= SOAK_ETAG_MAX)
                return FAIL_PROTOCOL;
            memcpy(r->etag, v, vlen);
            r->etag[vlen] = '\0';
            r->has_etag = true;
        }
    }
}

static enum fail
read_chunked(struct worker *wk, uint64_t deadline)
{
    char *line, *end;
    size_t len;
    unsigned long long n;
    enum fail f;

    for (;;) {
        f = read_line(wk, deadline, &line, &len);
        if (f != FAIL_NONE)
            return f;
        if (len == 0 || hexval((unsigned char)line[0]) < 0)
            return FAIL_PROTOCOL;
        line[len] = '\0'; /* the CR: inside the buffer */
        n = strtoull(line, &end, 16);
        if (*end != '\0' && *end != ';')
            return FAIL_PROTOCOL;
        if (n == 0)
            break;
        f = skip_bytes(wk, n, deadline);
        if (f != FAIL_NONE)
            return f;
        f = read_line(wk, deadline, &line, &len);
        if (f != FAIL_NONE)
            return f;
        if (len != 0)
            return FAIL_PROTOCOL;
    }
    for (;;) { /* trailers */
        f = read_line(wk, deadline, &line, &len);
        if (f != FAIL_NONE)
            return f;
        if (len == 0)
            return FAIL_NONE;
    }
}

static enum fail
read_response(struct worker *wk, bool is_head, uint64_t deadline, struct resp *r)
{
    enum fail f;

    for (;;) {
        f = read_head(wk, deadline, r);
        if (f != FAIL_NONE)
            return f;
        if (r->status >= 200)
            break;
        /* 1xx: no body, the real answer follows */
    }
    if (is_head || r->status == 204 || r->status == 304)
        return FAIL_NONE;
    if (r->chunked)
        return read_chunked(wk, deadline);
    if (r->clen >= 0)
        return skip_bytes(wk, (uint64_t)r->clen, deadline);
    /* neither: the body runs to the end of the connection */
    r->close = true;
    for (;;) {
        wk->rpos = wk->rlen = 0;
        f = fill(wk, deadline);
        if (f == FAIL_RESET)
            return FAIL_NONE;
        if (f != FAIL_NONE)
            return f;
    }
}

/* ------------------------------------------------------------------ requests */

static void
add(struct worker *wk, size_t *len, const char *s, size_t n)
{
    if (*len + n + 1 > wk->sbuf_cap)
        die("request buffer too small (a bug: it is sized from the plan)");
    memcpy(wk->sbuf + *len, s, n);
    *len += n;
}

static void
adds(struct worker *wk, size_t *len, const char *s)
{
    add(wk, len, s, strlen(s));
}

static size_t
build_request(struct worker *wk, const struct tmpl *t, uint64_t num, const char *etag)
{
    size_t len = 0;
    const char *p = t->target, *q;
    char tmp[64];

    adds(wk, &len, t->method);
    adds(wk, &len, " ");
    while ((q = strstr(p, "{n}")) != NULL) {
        add(wk, &len, p, (size_t)(q - p));
        snprintf(tmp, sizeof(tmp), "%llu", (unsigned long long)num);
        adds(wk, &len, tmp);
        p = q + 3;
    }
    adds(wk, &len, p);
    snprintf(tmp, sizeof(tmp), " HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n", port);
    adds(wk, &len, tmp);
    adds(wk, &len, t->headers);
    if (etag != NULL) {
        adds(wk, &len, "If-None-Match: ");
        adds(wk, &len, etag);
        adds(wk, &len, "\r\n");
    }
    if (t->has_body) {
        snprintf(tmp, sizeof(tmp), "Content-Length: %zu\r\n", t->body_len);
        adds(wk, &len, tmp);
    }
    adds(wk, &len, "\r\n");
    if (t->has_body)
        add(wk, &len, t->body, t->body_len);
    return len;
}

static bool
expected(const struct tmpl *t, int status)
{
    int i;

    for (i = 0; i < t->n_expect; i++)
        if (t->expect[i] == status)
            return true;
    return false;
}

static void
report_error(const struct tmpl *t, enum fail f, const struct resp *r, const char *detail)
{
    unsigned k = atomic_fetch_add(&examples, 1);
    char want[64] = "";
    int i;

    if (k >= SOAK_EXAMPLES)
        return;
    for (i = 0; i < t->n_expect; i++)
        snprintf(want + strlen(want), sizeof(want) - strlen(want), "%s%d", i ? "|" : "",
                 t->expect[i]);
    pthread_mutex_lock(&out_mu);
    fprintf(stderr, "soak: error: %s (plan line %d, %s): %s %.120s%s -> ", fail_names[f], t->lineno,
            cls_names[t->cls], t->method, t->target, strlen(t->target) > 120 ? "..." : "");
    if (r != NULL && r->status)
        fprintf(stderr, "%d, expected %s", r->status, want);
    else
        fprintf(stderr, "no response, expected %s", want);
    if (detail != NULL)
        fprintf(stderr, " (%s)", detail);
    fputc('\n', stderr);
    if (k + 1 == SOAK_EXAMPLES)
        fprintf(stderr, "soak: (further errors are only counted)\n");
    pthread_mutex_unlock(&out_mu);
}

static void
record_latency(struct worker *wk, uint64_t us)
{
    size_t b;

    if (us < H_US1)
        b = (size_t)us;
    else if (us < H_US10)
        b = H_US1 + (size_t)(us - H_US1) / 10;
    else if (us < H_MS)
        b = H_US1 + (H_US10 - H_US1) / 10 + (size_t)(us - H_US10) / 1000;
    else
        b = H_SIZE - 1;
    wk->hist[b]++;
    if (us > wk->lat_max_us)
        wk->lat_max_us = us;
}

/* the lower edge of a histogram bucket, in µs */
static uint64_t
bucket_us(size_t b)
{
    if (b < H_US1)
        return b;
    b -= H_US1;
    if (b < (H_US10 - H_US1) / 10)
        return H_US1 + b * 10;
    b -= (H_US10 - H_US1) / 10;
    return H_US10 + b * 1000;
}

static enum fail
do_request(struct worker *wk, int ti, uint64_t num, struct resp *r, const char **out_detail)
{
    struct tmpl *t = &plan[ti];
    const char *etag = NULL;
    char *stored = wk->etags[ti];
    uint64_t t0 = now_us(), deadline = t0 + (uint64_t)timeout_ms * 1000;
    size_t len;
    enum fail f;

    memset(r, 0, sizeof(*r));
    *out_detail = NULL;
    if (t->cls == C_COND && stored[0] != '\0')
        etag = stored;
    if (wk->fd < 0) {
        f = conn_open(wk);
        if (f != FAIL_NONE)
            return f;
    }
    len = build_request(wk, t, num, etag);
    f = send_all(wk, wk->sbuf, len, deadline);
    if (f == FAIL_NONE)
        f = read_response(wk, strcmp(t->method, "HEAD") == 0, deadline, r);
    if (f == FAIL_NONE && wk->rpos != wk->rlen) {
        f = FAIL_PROTOCOL;
        *out_detail = "bytes after the response";
    }
    if (f != FAIL_NONE || r->close)
        conn_close(wk);
    if (f == FAIL_PROTOCOL && *out_detail == NULL)
        *out_detail = "malformed response";
    if (f == FAIL_RESET && r->status == 0)
        *out_detail = "connection closed or reset without an answer";
    if (f == FAIL_RESET && r->status != 0)
        *out_detail = "connection closed or reset during the answer";
    if (f == FAIL_TIMEOUT)
        *out_detail = "no complete answer in time";
    if (f != FAIL_NONE)
        return f;
    record_latency(wk, now_us() - t0);
    if (!expected(t, r->status) && !(t->cls == C_COND && r->status == 200))
        return FAIL_STATUS;
    if (t->cls == C_COND) {
        if (r->status == 304) {
            if (etag == NULL) {
                *out_detail = "304 to a request without If-None-Match";
                return FAIL_ETAG;
            }
            if (r->has_etag && strcmp(r->etag, etag) != 0) {
                *out_detail = "304 with another ETag than the one sent";
                return FAIL_ETAG;
            }
        } else if (r->status == 200) {
            if (!r->has_etag) {
                *out_detail = "200 without an ETag";
                stored[0] = '\0';
                return FAIL_ETAG;
            }
            if (etag != NULL && strcmp(r->etag, etag) == 0) {
                *out_detail = "200 with the very ETag sent in If-None-Match";
                return FAIL_ETAG;
            }
            memcpy(stored, r->etag, sizeof(r->etag));
        }
    }
    return FAIL_NONE;
}

static void *
worker_main(void *arg)
{
    struct worker *wk = arg;
    struct resp r;
    const char *detail;
    uint64_t num, d;
    enum fail f;
    int ti;
    long kb;

    while (!atomic_load(&stop)) {
        num = atomic_fetch_add(&issued, 1);
        if (num >= n_requests)
            break;
        ti = pick(wk);
        if (plan[ti].cls == C_WRITE)
            pthread_mutex_lock(&write_mu);
        f = do_request(wk, ti, num, &r, &detail);
        if (plan[ti].cls == C_WRITE)
            pthread_mutex_unlock(&write_mu);
        if (f == FAIL_CONNECT) {
            if (check_server_gone())
                break;
            if (server_pid <= 0 && atomic_fetch_add(&connect_streak, 1) > 1000) {
                fprintf(stderr, "soak: no connection for 1000 attempts in a row: stopping\n");
                atomic_store(&stop, true);
            }
            usleep(1000);
        } else {
            atomic_store(&connect_streak, 0);
        }
        if (f == FAIL_RESET || f == FAIL_TIMEOUT)
            check_server_gone();
        if (f == FAIL_NONE || f == FAIL_STATUS || f == FAIL_ETAG)
            atomic_store(&last_answer_us, now_us());
        wk->n_cls[plan[ti].cls]++;
        wk->n_fail[f]++;
        wk->n_done++;
        if (f != FAIL_NONE) {
            wk->e_cls[plan[ti].cls]++;
            atomic_fetch_add(&plan[ti].errors, 1);
            atomic_fetch_add(&n_errors, 1);
            report_error(&plan[ti], f, &r, detail);
        }
        d = atomic_fetch_add(&done, 1) + 1;
        if (d == warmup) {
            kb = server_rss_kb();
            atomic_store(&rss_start_kb, kb);
            atomic_store(&client_rss_start_kb, rss_kb("self"));
        }
    }
    conn_close(wk);
    return NULL;
}

/* ------------------------------------------------------------------ main */

static void
usage(void)
{
    fprintf(stderr, "usage: soak --port PORT --plan FILE [--requests N] [--conns C] [--pid PID]\n"
                    "            [--warmup W] [--timeout-ms MS] [--seed S]\n");
    exit(2);
}

static uint64_t
num_arg(const char *s, uint64_t min, uint64_t max)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno || *end != '\0' || s[0] == '-' || v < min || v > max)
        usage();
    return v;
}

int
main(int argc, char **argv)
{
    const char *plan_file = NULL;
    struct worker *wk;
    uint64_t t0, t1, last_print, cnt, sum, d, p50 = 0, p99 = 0, p999 = 0, lat_max = 0;
    uint64_t n_cls[C__MAX] = {0}, e_cls[C__MAX] = {0}, n_fail[FAIL__MAX] = {0};
    long client_rss0, client_rss1, kb, end_kb;
    double secs;
    int i, k;
    size_t b;

    for (i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--port") == 0)
            port = (int)num_arg(argv[++i], 1, 65535);
        else if (strcmp(argv[i], "--plan") == 0)
            plan_file = argv[++i];
        else if (strcmp(argv[i], "--requests") == 0)
            n_requests = num_arg(argv[++i], 1, UINT64_MAX / 2);
        else if (strcmp(argv[i], "--conns") == 0)
            n_conns = (int)num_arg(argv[++i], 1, SOAK_MAX_CONNS);
        else if (strcmp(argv[i], "--pid") == 0)
            server_pid = (long)num_arg(argv[++i], 1, 1u << 30);
        else if (strcmp(argv[i], "--warmup") == 0)
            warmup = num_arg(argv[++i], 0, UINT64_MAX / 2);
        else if (strcmp(argv[i], "--timeout-ms") == 0)
            timeout_ms = (int)num_arg(argv[++i], 1, 3600000);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = num_arg(argv[++i], 0, UINT64_MAX);
        else
            usage();
    }
    if (port == 0 || plan_file == NULL)
        usage();
    if (warmup >= n_requests)
        warmup = n_requests / 10;
    load_plan(plan_file);

    wk = xmalloc_resident(sizeof(*wk) * (size_t)n_conns);
    for (i = 0; i < n_conns; i++) {
        wk[i].idx = i;
        wk[i].fd = -1;
        wk[i].rng = (seed + 1) * 0x9E3779B97F4A7C15ull + (uint64_t)i * 0xBF58476D1CE4E5B9ull;
        if (wk[i].rng == 0)
            wk[i].rng = 1;
        wk[i].sbuf_cap = max_request;
        /* everything resident now, so that the RSS at start is the RSS for good */
        wk[i].sbuf = xmalloc_resident(max_request);
        wk[i].etags = xmalloc_resident(sizeof(*wk[i].etags) * (size_t)n_plan);
        wk[i].hist = xmalloc_resident(sizeof(uint64_t) * H_SIZE);
    }
    client_rss0 = rss_kb("self");
    if (warmup == 0) {
        atomic_store(&rss_start_kb, server_rss_kb());
        atomic_store(&client_rss_start_kb, client_rss0);
    }
    fprintf(stderr, "soak: %llu requests, %d connections, %d templates, port %d\n",
            (unsigned long long)n_requests, n_conns, n_plan, port);
    for (k = 0; k < C__MAX; k++) {
        for (sum = 0, i = 0; i < n_plan; i++)
            if (plan[i].cls == (enum cls)k)
                sum += plan[i].weight;
        fprintf(stderr, "soak:   %-9s %5.1f %% of requests\n", cls_names[k],
                100.0 * (double)sum / (double)total_weight);
    }

    t0 = now_us();
    atomic_store(&last_answer_us, t0);
    for (i = 0; i < n_conns; i++)
        if (pthread_create(&wk[i].th, NULL, worker_main, &wk[i]) != 0)
            die("cannot start a thread");
    /* the monitor: peak RSS, the server's presence, progress every 10 s */
    last_print = t0;
    for (;;) {
        d = atomic_load(&done);
        if (d >= n_requests || atomic_load(&stop))
            break;
        usleep(200000);
        kb = server_rss_kb();
        if (kb > atomic_load(&rss_peak_kb))
            atomic_store(&rss_peak_kb, kb);
        if (server_pid > 0 && kb < 0)
            check_server_gone();
        if (now_us() - atomic_load(&last_answer_us) >
            (uint64_t)SOAK_STALL_S * 1000000 + (uint64_t)timeout_ms * 1000) {
            fprintf(stderr, "soak: no answer for %d s: stopping (does the server hang?)\n",
                    SOAK_STALL_S + timeout_ms / 1000);
            atomic_store(&stalled, true);
            atomic_store(&stop, true);
        }
        if (now_us() - last_print >= 10000000) {
            last_print = now_us();
            fprintf(stderr, "soak: %llu/%llu requests, %.0f/s, %llu errors, server RSS %ld kB\n",
                    (unsigned long long)d, (unsigned long long)n_requests,
                    (double)d / ((double)(last_print - t0) / 1e6),
                    (unsigned long long)atomic_load(&n_errors), kb);
        }
    }
    for (i = 0; i < n_conns; i++)
        pthread_join(wk[i].th, NULL);
    t1 = now_us();
    end_kb = server_rss_kb();
    if (end_kb > atomic_load(&rss_peak_kb))
        atomic_store(&rss_peak_kb, end_kb);
    client_rss1 = rss_kb("self");

    /* merge */
    for (i = 0; i < n_conns; i++) {
        for (k = 0; k < C__MAX; k++) {
            n_cls[k] += wk[i].n_cls[k];
            e_cls[k] += wk[i].e_cls[k];
        }
        for (k = 0; k < FAIL__MAX; k++)
            n_fail[k] += wk[i].n_fail[k];
        if (wk[i].lat_max_us > lat_max)
            lat_max = wk[i].lat_max_us;
        if (i > 0)
            for (b = 0; b < H_SIZE; b++)
                wk[0].hist[b] += wk[i].hist[b];
    }
    for (cnt = 0, b = 0; b < H_SIZE; b++)
        cnt += wk[0].hist[b];
    for (sum = 0, b = 0; b < H_SIZE && cnt > 0; b++) {
        sum += wk[0].hist[b];
        if (p50 == 0 && sum * 100 >= cnt * 50)
            p50 = bucket_us(b) + 1;
        if (p99 == 0 && sum * 100 >= cnt * 99)
            p99 = bucket_us(b) + 1;
        if (p999 == 0 && sum * 1000 >= cnt * 999)
            p999 = bucket_us(b) + 1;
    }
    d = atomic_load(&done);
    secs = (double)(t1 - t0) / 1e6;

    for (i = 0; i < n_plan; i++)
        if (atomic_load(&plan[i].errors) > 0)
            fprintf(stderr, "soak: plan line %d (%s %s %.100s): %lu errors\n", plan[i].lineno,
                    cls_names[plan[i].cls], plan[i].method, plan[i].target,
                    atomic_load(&plan[i].errors));

    printf("requests %llu\n", (unsigned long long)d);
    printf("not_sent %llu\n", (unsigned long long)(n_requests - d));
    printf("seconds %.2f\n", secs);
    printf("rate %.0f\n", secs > 0 ? (double)d / secs : 0.0);
    printf("errors %llu\n", (unsigned long long)atomic_load(&n_errors));
    for (k = 1; k < FAIL__MAX; k++)
        printf("errors_%s %llu\n", fail_names[k], (unsigned long long)n_fail[k]);
    for (k = 0; k < C__MAX; k++)
        printf("class_%s %llu %llu\n", cls_names[k], (unsigned long long)n_cls[k],
               (unsigned long long)e_cls[k]);
    printf("latency_p50_ms %.3f\n", (double)p50 / 1000.0);
    printf("latency_p99_ms %.3f\n", (double)p99 / 1000.0);
    printf("latency_p999_ms %.3f\n", (double)p999 / 1000.0);
    printf("latency_max_ms %.3f\n", (double)lat_max / 1000.0);
    printf("server_rss_start_kb %ld\n", atomic_load(&rss_start_kb));
    printf("server_rss_peak_kb %ld\n", atomic_load(&rss_peak_kb));
    printf("server_rss_end_kb %ld\n", end_kb);
    printf("server_gone %d\n", atomic_load(&server_gone) ? 1 : 0);
    printf("stalled %d\n", atomic_load(&stalled) ? 1 : 0);
    printf("client_rss_setup_kb %ld\n", client_rss0);
    printf("client_rss_start_kb %ld\n", atomic_load(&client_rss_start_kb));
    printf("client_rss_end_kb %ld\n", client_rss1);

    for (i = 0; i < n_conns; i++) {
        free(wk[i].sbuf);
        free(wk[i].etags);
        free(wk[i].hist);
    }
    free(wk);
    for (i = 0; i < n_plan; i++) {
        free(plan[i].target);
        free(plan[i].headers);
        free(plan[i].body);
    }
    free(plan);
    free(cum_weight);
    return atomic_load(&n_errors) == 0 && !atomic_load(&server_gone) && d == n_requests ? 0 : 1;
}
