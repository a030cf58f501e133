/*
 * server.c — the HTTP server: libmicrohttpd with an epoll listener and a
 * thread pool, a rendered-response cache, page-view counting in memory,
 * security headers, an access log and graceful shutdown.
 *
 * Security policy (althttpd-style):
 *  - limits: request line + headers fit in HTTP_CONN_MEMORY; bodies are
 *    refused (no route takes one yet); connections are capped in total and per
 *    client address; idle connections close after `timeout` seconds.
 *    libmicrohttpd's timeout counts only inactivity, so a client trickling one
 *    header byte every few seconds is never dropped by it: the per-IP cap
 *    bounds what one address can hold, and a public deployment sits behind a
 *    reverse proxy that bounds header time (docs/deployment.md).
 *  - every response carries nosniff, a strict CSP on HTML, Referrer-Policy,
 *    COOP and frame denial; there is no version banner.
 *  - the server never runs a shell, never reads a path from the request.
 *
 * Threads: each pool thread lazily opens its own read connection to the
 * database (prepared statements are per connection) and reuses one arena,
 * reset after every request. Page views are counted in a mutex-guarded table
 * and written by a flush thread through the single writer connection every
 * `flush_interval` seconds, so a page view never writes to the database.
 *
 * The cache: responses of routes marked RF_CACHE are kept (as the
 * libmicrohttpd response object itself, which is reference-counted) under a
 * key of language + path + query. Each entry remembers the database
 * generation it was rendered at; the generation moves whenever any
 * connection, in this process or another, commits (a watcher thread reads the
 * database's data version every millisecond on its own connection; writes
 * through this server move it at once). A stale entry is re-rendered by one
 * worker while the others keep serving the old copy.
 *
 * libmicrohttpd 0.9.75 sends "Connection: close" when a handler answers on its
 * first call; we always answer on the second call to keep connections alive.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"
#include "http/limits.h"
#include "web/web.h"

#define CSP                                                                                        \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "              \
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

static const struct serve_conf *conf;

/* ---------------------------------------------------------------- workers */

struct worker {
    struct db *db;
    struct arena arena;
    struct worker *next;
};

static pthread_mutex_t workers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct worker *workers;
static _Thread_local struct worker *t_worker;

static _Atomic uint64_t generation = 1;
static _Atomic uint64_t request_ids;

static struct worker *
worker_get(void)
{
    struct worker *w = t_worker;
    struct db_opts o = {.sync_normal = conf->sync_normal};

    if (w == NULL) {
        w = calloc(1, sizeof(*w));
        if (w == NULL)
            die("out of memory");
        arena_init(&w->arena);
        pthread_mutex_lock(&workers_mu);
        w->next = workers;
        workers = w;
        pthread_mutex_unlock(&workers_mu);
        t_worker = w;
    }
    if (w->db == NULL) {
        if (db_open(conf->db_url, &o, &w->db) != ERR_OK)
            return w; /* db stays NULL: 503, retried next request */
    }
    return w;
}

/*
 * The generation moves whenever anything commits. Commits through this
 * server's writer connection move it at once (bump_generation); commits by
 * anyone else (the CLI, sqlite3, psql, another samverka instance on the same
 * PostgreSQL) are seen by the watcher thread, which reads the database's data
 * version on its own connection every WATCH_INTERVAL_NS: such a write shows
 * within about a millisecond. Requests only read the counter, so a cache hit
 * never waits for the database.
 */
#define WATCH_INTERVAL_NS 1000000L

static uint64_t
current_generation(void)
{
    return atomic_load(&generation);
}

/* After a commit through the writer connection: cached responses are stale. */
static void
bump_generation(void)
{
    atomic_fetch_add(&generation, 1);
}

/* ---------------------------------------------------------------- cache */

struct cache_entry {
    char *key;
    uint64_t gen;
    struct MHD_Response *resp;
    char *etag;
    bool counted;          /* a page view when served */
    _Atomic bool renderer; /* a worker is rendering a fresh copy of this stale entry */
};

static struct {
    pthread_rwlock_t lock;
    struct cache_entry *slots;
    size_t n;
} cache = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static uint64_t
fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* ---------------------------------------------------------------- page views */

struct view_slot {
    char *page;
    uint64_t n;
};

static struct {
    pthread_mutex_t mu;
    struct view_slot *slots;
    size_t cap, used;
    uint64_t dropped;
} views = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void
view_count(const char *page)
{
    size_t i;
    uint64_t h;

    pthread_mutex_lock(&views.mu);
    h = fnv1a(page);
    for (i = h & (views.cap - 1);; i = (i + 1) & (views.cap - 1)) {
        if (views.slots[i].page == NULL) {
            if (views.used >= HTTP_MAX_COUNTED_PAGES) {
                views.dropped++;
                break;
            }
            views.slots[i].page = strdup(page);
            if (views.slots[i].page == NULL)
                die("out of memory");
            views.slots[i].n = 1;
            views.used++;
            break;
        }
        if (strcmp(views.slots[i].page, page) == 0) {
            views.slots[i].n++;
            break;
        }
    }
    pthread_mutex_unlock(&views.mu);
}

/* the one writer connection: page-view flushes and the API's writes, one at a time */
static struct db *writer;
static pthread_mutex_t writer_mu = PTHREAD_MUTEX_INITIALIZER;

/* Write the counted views in one transaction; keep them if the write fails. */
static void
views_flush(void)
{
    struct view_slot *taken;
    size_t cap, i;
    char day[16];
    time_t t = time(NULL);
    struct tm tm;
    struct db_stmt *st;
    enum err rc = ERR_OK;
    uint64_t dropped;

    pthread_mutex_lock(&views.mu);
    if (views.used == 0) {
        pthread_mutex_unlock(&views.mu);
        return;
    }
    taken = views.slots;
    cap = views.cap;
    views.slots = calloc(views.cap, sizeof(*views.slots));
    if (views.slots == NULL)
        die("out of memory");
    views.used = 0;
    dropped = views.dropped;
    views.dropped = 0;
    pthread_mutex_unlock(&views.mu);

    if (dropped)
        log_msg(LOG_WARN, "msg=\"page views dropped: too many distinct pages\" n=%llu",
                (unsigned long long)dropped);
    gmtime_r(&t, &tm);
    strftime(day, sizeof(day), "%Y-%m-%d", &tm);
    pthread_mutex_lock(&writer_mu);
    if (writer == NULL) {
        struct db_opts o = {.sync_normal = conf->sync_normal};
        if (db_open(conf->db_url, &o, &writer) != ERR_OK)
            rc = ERR_BUSY;
    }
    if (rc == ERR_OK)
        rc = db_begin(writer);
    for (i = 0; i < cap && rc == ERR_OK; i++) {
        if (taken[i].page == NULL)
            continue;
        st = db_stmt(writer, Q_PAGE_VIEW_ADD);
        if (st == NULL) {
            rc = ERR_DB;
            break;
        }
        db_bind_text(st, 1, taken[i].page);
        db_bind_text(st, 2, day);
        db_bind_i64(st, 3, (int64_t)taken[i].n);
        rc = db_run(st);
    }
    if (rc == ERR_OK)
        rc = db_commit(writer);
    if (rc != ERR_OK && writer != NULL)
        db_rollback(writer);
    pthread_mutex_unlock(&writer_mu);
    /* no bump here: the watcher sees this commit within a millisecond, and a page view
     * need not be visible at once (a second bump would re-render every page twice) */
    if (rc != ERR_OK) {
        log_msg(LOG_WARN, "msg=\"page views not written; kept for the next flush\" err=\"%s\"",
                err_str(rc));
        for (i = 0; i < cap; i++)
            if (taken[i].page != NULL) {
                /* put them back */
                uint64_t k;
                for (k = 0; k < taken[i].n; k++)
                    view_count(taken[i].page);
            }
    }
    for (i = 0; i < cap; i++)
        free(taken[i].page);
    free(taken);
}

static _Atomic bool watching;

static void *
watcher(void *arg)
{
    struct db_opts o = {.sync_normal = false};
    struct db *db = NULL;
    struct timespec ts = {0, WATCH_INTERVAL_NS};
    uint64_t seen = 0, dv;
    int idle = 0;

    (void)arg;
    while (atomic_load(&watching)) {
        if (db == NULL && db_open(conf->db_url, &o, &db) != ERR_OK) {
            db = NULL;
            if (++idle % 1000 == 1)
                log_msg(LOG_WARN, "msg=\"change watcher cannot reach the database; retrying\"");
        } else if (db != NULL) {
            dv = db_data_version(db);
            if (dv != 0 && dv != seen) {
                if (seen != 0)
                    atomic_fetch_add(&generation, 1);
                seen = dv;
            }
        }
        nanosleep(&ts, NULL);
    }
    db_close(db);
    return NULL;
}

static pthread_mutex_t flush_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t flush_cv = PTHREAD_COND_INITIALIZER;
static bool stopping;

static void *
flusher(void *arg)
{
    struct timespec ts;

    (void)arg;
    pthread_mutex_lock(&flush_mu);
    while (!stopping) {
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += conf->flush_interval;
        pthread_cond_timedwait(&flush_cv, &flush_mu, &ts);
        if (stopping)
            break;
        pthread_mutex_unlock(&flush_mu);
        views_flush();
        pthread_mutex_lock(&flush_mu);
    }
    pthread_mutex_unlock(&flush_mu);
    return NULL;
}

/* ---------------------------------------------------------------- responses */

static void
add_headers(struct MHD_Response *r, const char *ctype, const char *etag, const char *cache_control)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "strict-origin-when-cross-origin");
    MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    if (str_has_prefix(ctype, "text/html"))
        MHD_add_response_header(r, "Content-Security-Policy", CSP);
    else
        MHD_add_response_header(r, "Content-Security-Policy",
                                "default-src 'none'; frame-ancestors 'none'");
    MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Language");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    if (etag != NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

static enum MHD_Result
reply_304(struct MHD_Connection *c, const char *etag)
{
    struct MHD_Response *r;
    enum MHD_Result ret;

    r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Language");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    ret = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
    MHD_destroy_response(r);
    return ret;
}

static void access_log(const char *method, const char *path, unsigned status, size_t bytes,
                       bool hit, struct timespec *t0);

/* A short plain-text answer the server gives before any routing (bad path, no database). */
static enum MHD_Result
reply_text(struct MHD_Connection *c, const char *method, const char *url, unsigned status,
           const char *text)
{
    struct MHD_Response *r;
    enum MHD_Result ret;

    r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    add_headers(r, "text/plain; charset=utf-8", NULL, "no-store");
    if (status == 503)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    access_log(method, url, status, strlen(text), false, NULL);
    return ret;
}

static bool
etag_match(const char *inm, const char *etag)
{
    return inm != NULL && etag != NULL && (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0);
}

static void
access_log(const char *method, const char *path, unsigned status, size_t bytes, bool hit,
           struct timespec *t0)
{
    struct timespec t1;
    char p[256];
    long us;

    if (!conf->access_log)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    us = t0 == NULL ? 0 : (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000;
    log_msg(LOG_INFO, "event=access method=%s path=\"%s\" status=%u bytes=%zu cache=%s us=%ld",
            method, log_repr(p, sizeof(p), path, strlen(path)), status, bytes, hit ? "hit" : "miss",
            us);
}

/* ---------------------------------------------------------------- requests */

struct key_ctx {
    struct buf *b;
    int n;
};

static enum MHD_Result
key_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct key_ctx *k = cls;

    (void)kind;
    buf_addc(k->b, k->n++ ? '&' : '?');
    url_encode(k->b, key);
    if (value != NULL) {
        buf_addc(k->b, '=');
        url_encode(k->b, value);
    }
    return MHD_YES;
}

static const char *
query_get(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* The libmicrohttpd response for rq->resp (the body moves into it). */
static struct MHD_Response *
make_response(struct req *rq, size_t *out_len)
{
    struct MHD_Response *resp;
    char *body;

    body = buf_steal(&rq->resp.body, out_len);
    resp = MHD_create_response_from_buffer_with_free_callback(*out_len, body, free);
    /* public pages revalidate with their ETag; errors and authenticated answers are not kept */
    add_headers(resp, rq->resp.content_type, rq->resp.etag,
                rq->resp.status != 200 || rq->client.token_id != 0 ? "no-store" : "no-cache");
    if (rq->resp.allow != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, rq->resp.allow);
    if (rq->resp.content_disposition != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_DISPOSITION,
                                rq->resp.content_disposition);
    if (rq->resp.www_authenticate != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE, rq->resp.www_authenticate);
    if (rq->resp.status == 503 || rq->resp.status == 429)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER,
                                rq->resp.retry_after ? rq->resp.retry_after : "5");
    return resp;
}

static int first_call_marker;

/* ---------------------------------------------------------------- requests with bodies */

/*
 * A request other than GET/HEAD spans several calls: headers, body chunks, the
 * end. Its state lives in a struct conn hung on the connection and freed when
 * libmicrohttpd reports the request complete. Bodies are checked before they
 * are read (route, token, type, declared size: web_prepare) and then spooled:
 * JSON into a bounded buffer, data files into an unlinked temporary file, so
 * memory stays small whatever is uploaded. The handler then runs holding the
 * writer connection, so the write lock is never held while a client uploads.
 */
struct conn {
    struct req rq;
    struct arena arena;
    struct prepared prep;
    struct buf body;
    int fd;
    size_t got;
    bool too_large, io_error, holds_import;
    struct timespec t0;
};

static _Atomic int imports_active;

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct conn *k = *con_cls;

    (void)cls;
    (void)c;
    (void)toe;
    if (k == NULL || (void *)k == (void *)&first_call_marker)
        return;
    if (k->fd >= 0)
        close(k->fd);
    if (k->holds_import)
        atomic_fetch_sub(&imports_active, 1);
    buf_free(&k->body);
    buf_free(&k->rq.resp.body);
    arena_free(&k->arena);
    free(k);
    *con_cls = NULL;
}

static int
spool_open(void)
{
    const char *dir = getenv("TMPDIR");
    char path[512];
    int fd;

    int n;

    n = snprintf(path, sizeof(path), "%s/samverka-upload-", dir && *dir ? dir : "/tmp");
    if (n < 0 || (size_t)n + 7 > sizeof(path))
        return -1;
    memset(path + n, 'X', 6); /* mkstemp's template: six characters it replaces */
    path[n + 6] = '\0';
    fd = mkstemp(path);
    if (fd >= 0)
        unlink(path); /* the file lives as long as the descriptor, never under a user's name */
    return fd;
}

static enum MHD_Result
queue_conn(struct MHD_Connection *c, struct conn *k, const char *method, const char *url)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    unsigned status = (unsigned)k->rq.resp.status;
    size_t blen;

    resp = make_response(&k->rq, &blen);
    ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    access_log(method, url, status, blen, false, &k->t0);
    log_set_request(0);
    return ret;
}

static int64_t
content_length(struct MHD_Connection *c)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    int64_t n;

    return v != NULL && str_to_i64(v, &n) == ERR_OK && n >= 0 ? n : -1;
}

static enum MHD_Result
on_other(struct MHD_Connection *c, const char *url, const char *method, const char *data,
         size_t *size, void **con_cls)
{
    struct conn *k = *con_cls;
    struct worker *w;
    struct db_opts o = {.sync_normal = conf->sync_normal};
    ssize_t n;

    if (k == NULL) {
        if (strlen(url) > HTTP_MAX_PATH || url[0] != '/' || !utf8_valid(url, strlen(url)))
            return reply_text(c, method, url, MHD_HTTP_BAD_REQUEST, "Bad request path.\n");
        w = worker_get();
        if (w->db == NULL)
            return reply_text(c, method, url, MHD_HTTP_SERVICE_UNAVAILABLE,
                              "The database is not available. Please try again shortly.\n");
        k = calloc(1, sizeof(*k));
        if (k == NULL)
            die("out of memory");
        *con_cls = k;
        clock_gettime(CLOCK_MONOTONIC, &k->t0);
        arena_init(&k->arena);
        k->fd = -1;
        k->rq.arena = &k->arena;
        k->rq.db = w->db;
        k->rq.id = atomic_fetch_add(&request_ids, 1) + 1;
        k->rq.method = method;
        k->rq.path = url;
        k->rq.query = query_get;
        k->rq.ctx = c;
        k->rq.accept_language =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
        k->rq.authorization =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
        k->rq.content_type =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
        k->rq.sec_fetch_site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
        k->rq.content_length = content_length(c);
        k->rq.body_fd = -1;
        log_set_request(k->rq.id);
        if (!web_prepare(&k->rq, &k->prep))
            return queue_conn(c, k, method, url);
        if (k->prep.import) {
            if (atomic_fetch_add(&imports_active, 1) >= conf->max_imports) {
                atomic_fetch_sub(&imports_active, 1);
                k->rq.resp.retry_after = "10";
                web_error(&k->rq, 429, NULL, "Too many imports at once. Please try again shortly.");
                return queue_conn(c, k, method, url);
            }
            k->holds_import = true;
        }
        if (k->prep.body == BODY_DATA) {
            k->fd = spool_open();
            if (k->fd < 0) {
                web_error(&k->rq, 503, NULL, "The upload cannot be stored right now.");
                return queue_conn(c, k, method, url);
            }
        } else {
            buf_init(&k->body, k->prep.body_max);
        }
        log_set_request(0);
        return MHD_YES;
    }
    if (*size > 0) {
        /* a response already queued (an early refusal): drop what still comes */
        if (k->got + *size > k->prep.body_max) {
            k->too_large = true;
        } else if (!k->too_large && !k->io_error) {
            if (k->fd >= 0) {
                n = write(k->fd, data, *size);
                k->io_error = n < 0 || (size_t)n != *size;
            } else {
                buf_add(&k->body, data, *size);
            }
            k->got += *size;
        }
        *size = 0;
        return MHD_YES;
    }
    log_set_request(k->rq.id);
    if (k->too_large) {
        web_error(&k->rq, 413, NULL, "The body is larger than this service accepts.");
        return queue_conn(c, k, method, url);
    }
    if (k->io_error) {
        web_error(&k->rq, 503, NULL, "The upload could not be stored.");
        return queue_conn(c, k, method, url);
    }
    k->rq.body = k->body.data;
    k->rq.body_len = k->body.len;
    k->rq.body_fd = k->fd;
    if (k->prep.write) {
        pthread_mutex_lock(&writer_mu);
        if (writer == NULL && db_open(conf->db_url, &o, &writer) != ERR_OK)
            writer = NULL;
        if (writer == NULL) {
            pthread_mutex_unlock(&writer_mu);
            web_error(&k->rq, 503, NULL,
                      "The database is not available. Please try again shortly.");
            return queue_conn(c, k, method, url);
        }
        k->rq.wdb = writer;
        web_handle(&k->rq);
        pthread_mutex_unlock(&writer_mu);
        bump_generation(); /* whatever the handler committed is visible at once */
    } else {
        web_handle(&k->rq);
    }
    return queue_conn(c, k, method, url);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct worker *w;
    struct timespec t0;
    struct req rq;
    struct buf key;
    struct key_ctx kc;
    struct MHD_Response *resp;
    const char *inm, *lang_q, *accept;
    enum lang lang;
    bool lang_explicit, is_get, cacheable, resp_cached = false, claimed = false;
    uint64_t gen, h;
    size_t slot = 0, blen;
    unsigned status;
    enum MHD_Result ret;

    (void)cls;
    (void)version;
    (void)upload_data;
    is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (!is_get)
        return on_other(c, url, method, upload_data, upload_size, con_cls);
    if (*con_cls == NULL) {
        *con_cls = &first_call_marker; /* answer on the second call: keep-alive */
        return MHD_YES;
    }
    if (*upload_size != 0) {
        /* a GET with a body: refuse it (the connection is closed after) */
        *upload_size = 0;
        return reply_text(c, method, url, MHD_HTTP_CONTENT_TOO_LARGE,
                          "Request bodies are not accepted here.\n");
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (strlen(url) > HTTP_MAX_PATH || url[0] != '/' || !utf8_valid(url, strlen(url)))
        return reply_text(c, method, url, MHD_HTTP_BAD_REQUEST, "Bad request path.\n");

    w = worker_get();
    if (w->db == NULL)
        return reply_text(c, method, url, MHD_HTTP_SERVICE_UNAVAILABLE,
                          "The database is not available. Please try again shortly.\n");
    gen = current_generation();
    inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    lang_q = query_get(c, "lang");
    accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
    lang = web_pick_lang(lang_q, accept, &lang_explicit);

    cacheable = is_get && cache.n > 0;
    buf_init(&key, HTTP_MAX_CACHE_KEY);
    if (cacheable) {
        buf_adds(&key, lang == LANG_EN ? "en " : "sv ");
        buf_adds(&key, url);
        kc.b = &key;
        kc.n = 0;
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, key_arg, &kc);
        if (buf_err(&key))
            cacheable = false;
    }
    if (cacheable) {
        h = fnv1a(key.data);
        slot = h % cache.n;
        pthread_rwlock_rdlock(&cache.lock);
        struct cache_entry *e = &cache.slots[slot];
        bool fresh = false, expected = false;

        if (e->resp != NULL && strcmp(e->key, key.data) == 0) {
            /* stale while revalidating: one worker renders the new copy, the others
             * keep serving the old one meanwhile instead of all rendering at once */
            fresh = e->gen == gen || !atomic_compare_exchange_strong(&e->renderer, &expected, true);
            claimed = !fresh;
        }
        if (fresh) {
            bool counted = e->counted;
            if (etag_match(inm, e->etag)) {
                char etag[64];
                snprintf(etag, sizeof(etag), "%s", e->etag);
                pthread_rwlock_unlock(&cache.lock);
                ret = reply_304(c, etag);
                status = 304;
            } else {
                ret = MHD_queue_response(c, MHD_HTTP_OK, e->resp);
                pthread_rwlock_unlock(&cache.lock);
                status = 200;
            }
            if (counted)
                view_count(url);
            buf_free(&key);
            access_log(method, url, status, 0, true, &t0);
            return ret;
        }
        pthread_rwlock_unlock(&cache.lock);
    }

    memset(&rq, 0, sizeof(rq));
    rq.arena = &w->arena;
    rq.db = w->db;
    rq.id = atomic_fetch_add(&request_ids, 1) + 1;
    rq.method = method;
    rq.path = url;
    rq.query = query_get;
    rq.ctx = c;
    rq.accept_language = accept;
    rq.if_none_match = NULL; /* checked below, after caching the full response */
    log_set_request(rq.id);
    /* one read transaction for the whole render: one snapshot, one lock */
    db_read_begin(w->db);
    web_handle(&rq);
    db_read_end(w->db);

    status = (unsigned)rq.resp.status;
    resp = make_response(&rq, &blen);

    if (cacheable && status == 200 && rq.resp.cacheable && rq.resp.etag != NULL) {
        pthread_rwlock_wrlock(&cache.lock);
        struct cache_entry *e = &cache.slots[slot];
        if (e->resp != NULL)
            MHD_destroy_response(e->resp);
        free(e->key);
        free(e->etag);
        e->key = strdup(key.data);
        e->etag = strdup(rq.resp.etag);
        if (e->key == NULL || e->etag == NULL)
            die("out of memory");
        e->gen = gen;
        e->resp = resp;
        e->counted = rq.page_key != NULL;
        atomic_store(&e->renderer, false);
        pthread_rwlock_unlock(&cache.lock);
        resp_cached = true; /* our reference now belongs to the cache */
        claimed = false;
    }
    if (claimed) {
        /* rendered but not cacheable (an error): let the next request try again */
        pthread_rwlock_rdlock(&cache.lock);
        atomic_store(&cache.slots[slot].renderer, false);
        pthread_rwlock_unlock(&cache.lock);
    }
    if (status == 200 && etag_match(inm, rq.resp.etag)) {
        ret = reply_304(c, rq.resp.etag);
        status = 304;
    } else {
        ret = MHD_queue_response(c, status, resp);
    }
    if (!resp_cached)
        MHD_destroy_response(resp);
    if (rq.page_key != NULL && (status == 200 || status == 304))
        view_count(rq.page_key);
    access_log(method, url, status, blen, false, &t0);
    log_set_request(0);
    buf_free(&key);
    arena_reset(&w->arena);
    return ret;
}

/* ---------------------------------------------------------------- lifecycle */

static void
free_all(void)
{
    struct worker *w, *next;
    size_t i;

    for (w = workers; w != NULL; w = next) {
        next = w->next;
        db_close(w->db);
        arena_free(&w->arena);
        free(w);
    }
    workers = NULL;
    for (i = 0; i < cache.n; i++) {
        if (cache.slots[i].resp != NULL)
            MHD_destroy_response(cache.slots[i].resp);
        free(cache.slots[i].key);
        free(cache.slots[i].etag);
    }
    free(cache.slots);
    cache.slots = NULL;
    cache.n = 0;
    for (i = 0; i < views.cap; i++)
        free(views.slots[i].page);
    free(views.slots);
    views.slots = NULL;
    db_close(writer);
    writer = NULL;
}

int
http_serve(const struct serve_conf *c)
{
    struct MHD_Daemon *d;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *info;
    pthread_t flush_thread, watch_thread;
    sigset_t sigs;
    struct db *probe;
    struct db_opts o = {.sync_normal = c->sync_normal};
    int sig, threads, waited;
    unsigned flags;

    conf = c;
    /* fail at start, not on the first request, if the database is unusable */
    if (db_open(c->db_url, &o, &probe) != ERR_OK)
        return 1;
    if (db_schema_version(probe) <= 0) {
        log_msg(LOG_ERROR, "msg=\"the database has no schema: run samverka init or migrate\"");
        db_close(probe);
        return 1;
    }
    db_close(probe);
    if (!web_init(c->locale_dir))
        log_msg(LOG_WARN, "msg=\"running without some translations\"");

    cache.n = c->cache_entries > 0 ? (size_t)c->cache_entries : 0;
    if (cache.n > 0) {
        cache.slots = calloc(cache.n, sizeof(*cache.slots));
        if (cache.slots == NULL)
            die("out of memory");
    }
    views.cap = 2 * HTTP_MAX_COUNTED_PAGES;
    views.slots = calloc(views.cap, sizeof(*views.slots));
    if (views.slots == NULL)
        die("out of memory");

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)c->port);
    if (inet_pton(AF_INET, c->host, &sa.sin_addr) != 1) {
        log_msg(LOG_ERROR, "msg=\"listen address must be an IPv4 address\"");
        return 1;
    }

    /* signals are taken by the main thread only (sigwait below) */
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    /* twice the cores by default: a worker that renders a page (or waits for a remote
     * database) holds up only the connections it serves, so more of them keep the others
     * flowing; cache hits cost no database round trip either way */
    threads = c->threads > 0 ? c->threads : 2 * (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1)
        threads = 1;
    flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO;
    d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_NOTIFY_COMPLETED,
                         on_completed, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                         MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned int)c->max_connections,
                         MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)c->max_per_ip,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)c->timeout,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONN_MEMORY,
                         MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024, MHD_OPTION_END);
    if (d == NULL) {
        log_msg(LOG_ERROR, "msg=\"cannot listen\" host=%s port=%d", c->host, c->port);
        free_all();
        return 1;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    log_msg(LOG_INFO, "msg=\"listening\" url=http://%s:%u/ threads=%d", c->host,
            info ? (unsigned)info->port : (unsigned)c->port, threads);
    fprintf(stdout, "samverka: listening on http://%s:%u/\n", c->host,
            info ? (unsigned)info->port : (unsigned)c->port);
    fflush(stdout);

    if (pthread_create(&flush_thread, NULL, flusher, NULL) != 0)
        die("cannot start the flush thread");
    atomic_store(&watching, true);
    if (pthread_create(&watch_thread, NULL, watcher, NULL) != 0)
        die("cannot start the change watcher");

    sig = 0;
    sigwait(&sigs, &sig);
    log_msg(LOG_INFO, "msg=\"shutting down\" signal=%d", sig);

    /* stop accepting, let in-flight requests finish (bounded), then stop */
    MHD_quiesce_daemon(d);
    for (waited = 0; waited < c->drain_seconds * 10; waited++) {
        info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (info == NULL || info->num_connections == 0)
            break;
        usleep(100000);
    }
    MHD_stop_daemon(d);

    pthread_mutex_lock(&flush_mu);
    stopping = true;
    pthread_cond_signal(&flush_cv);
    pthread_mutex_unlock(&flush_mu);
    pthread_join(flush_thread, NULL);
    atomic_store(&watching, false);
    pthread_join(watch_thread, NULL);
    views_flush();
    free_all();
    web_fini();
    log_msg(LOG_INFO, "msg=\"stopped\"");
    return 0;
}
