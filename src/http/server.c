/*
 * server.c — the HTTP server: libmicrohttpd glue. An epoll listener and a
 * thread pool, the rendered-response cache, page-view counting in memory,
 * security headers, an access log and graceful shutdown. What a request means
 * is web's (web.h); what is stored is domain's; this file only moves requests
 * and responses between libmicrohttpd and web, and calls db only to open and
 * close connections, hold a render's read snapshot and watch for changes
 * (scripts/lint.sh checks it).
 *
 * Security policy (althttpd-style):
 *  - limits: request line + headers fit in HTTP_CONN_MEMORY; Cookie fields
 *    HTTP_MAX_COOKIE; a GET's body is refused; a write's body is checked
 *    before it is read (route, token, type, declared size: web_prepare) and
 *    spooled within the route's limit; connections are capped in total and
 *    per client address; idle connections close after `timeout` seconds.
 *    libmicrohttpd's timeout counts only inactivity, so a client trickling one
 *    header byte every few seconds is never dropped by it: the per-IP cap
 *    bounds what one address can hold, and a public deployment sits behind a
 *    reverse proxy that bounds header time (docs/deployment.md).
 *  - every response carries nosniff, a strict CSP on HTML, Referrer-Policy,
 *    COOP and frame denial; there is no version banner.
 *  - a response that depends on who asks is never kept in or answered from the
 *    shared cache, nor answered 304 (web_cacheable decides; this file asks).
 *  - the server never runs a shell, never reads a path from the request.
 *
 * State: one struct server per http_serve, handed to every callback and
 * thread; nothing mutable at file scope but t_worker (see there).
 *
 * Threads: each pool thread lazily opens its own read connection to the
 * database (prepared statements are per connection) and reuses one arena,
 * reset after every request. Page views are counted in a mutex-guarded table
 * and written every `flush_interval` seconds by the change watcher, through
 * its own connection, so a page view never writes to the database.
 *
 * The cache: responses of routes marked RF_CACHE are kept (as the
 * libmicrohttpd response object itself, which is reference-counted) under the
 * canonical request (web_cache_key). Each entry remembers its scope (one
 * mission's content, or everything) and the generations of that scope it was
 * rendered at (see "The generations" below); a write through this server moves
 * only the generations of what it touched (web_write_scope), a commit from
 * anywhere else (the CLI, another instance) moves them all, and the watcher's
 * own writes of page views move them at most once per `view_count_lag`
 * seconds. A stale entry is re-rendered by one worker while the others keep
 * serving the old copy.
 *
 * libmicrohttpd 0.9.75 sends "Connection: close" when a handler answers on its
 * first call; we always answer on the second call to keep connections alive.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <locale.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/netaddr.h"
#include "core/str.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/licence.h"
#include "domain/mail.h"
#include "domain/seminar.h"
#include "domain/token.h"
#include "domain/user.h"
#include "http/limits.h"
#include "web/seminar_mail.h"
#include "web/web.h"

/* xgettext extracts N_() here: reply_text says these in the request's language */
#define N_(s) (s)

#define CSP                                                                                        \
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "              \
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/* ---------------------------------------------------------------- the server */

/* A pool thread's own: its read connection (opened lazily) and its arena, reset after
 * every request. */
struct worker {
    struct db *db;
    struct arena arena;
    struct worker *next;
};

/* A connection this server writes through, one write at a time (see struct server). */
struct writer {
    pthread_mutex_t mu;
    struct db *db;   /* opened on first use, by a write or the watcher (under mu) */
    uint64_t writes; /* writes handled on it so far (under mu) */
};
/* the edits, the open writes (sign-in, sign-up...), and the mail sender's marks of what it
 * sent (mail_sender; opened only when mail is on) */
enum { WRITER_EDITS, WRITER_OPEN, WRITER_MAIL, N_WRITERS };

/* A rendered response kept in the cache (see cache_publish for who owns resp). */
struct cache_entry {
    char *key;
    int64_t scope;   /* the mission whose content alone it shows; 0: everything */
    uint64_t gen;    /* scope 0: gen_content; else gen_all (both as rendered, see entry_fresh) */
    uint64_t mgen;   /* scope m: the generation of m's content (gen_mission) */
    int64_t expires; /* Unix seconds from which it is stale by the clock (0: never) */
    struct MHD_Response *resp;
    char *etag;
    bool counted;          /* a page view when served */
    _Atomic bool renderer; /* a worker is rendering a fresh copy of this stale entry */
};

/* What a remembered use is of: a signed-in session or a user's API token. */
enum seen_kind { SEEN_SESSION = 1, SEEN_TOKEN };

/* The last use of a session or a user token since the last flush (kind 0: a free slot). */
struct seen_slot {
    enum seen_kind kind;
    int64_t id;
    int64_t at;
};

/* Page views of one page counted since the last flush. */
struct view_slot {
    char *page;
    uint64_t n;
};

/*
 * Every open connection has a slot here, from libmicrohttpd's STARTED notification to its
 * CLOSED one. CLOSED comes before libmicrohttpd closes the socket, and slots change only
 * under live.mu, so while that lock is held a slot's fd is its connection's own. It serves:
 *  - the per-address cap. libmicrohttpd's own cap counts a connection until its worker
 *    gets round to cleaning it up, well after the client closed it: a client opening short
 *    connections one after another was refused under the cap. Here, at the cap, the
 *    connections whose peer has already hung up (POLLRDHUP) are not counted. Workers
 *    accepting from one address at the same instant may each see one slot free, so the cap
 *    can be passed by at most the number of workers, never more.
 *  - shutdown: idle keep-alive connections (no request in progress) are shut down at once
 *    so the process can exit; connections with a request in progress finish it.
 */
struct live_conn {
    bool used;
    int fd;
    uint32_t ip;        /* IPv4, network order */
    _Atomic bool busy;  /* a request is in progress (set by its worker) */
    _Atomic size_t got; /* bytes of a refused GET body read so far */
};

/*
 * Everything a running server holds. http_serve builds one, hands it to libmicrohttpd's
 * callbacks as their cls and to its threads as their argument, and frees what it holds when
 * it returns; nothing of a server lives at file scope. Each part says what guards it.
 */
struct server {
    const struct serve_conf *conf; /* the caller's, valid until http_serve returns */
    /* conf->trusted_proxy read once before any thread starts; read-only after */
    struct netaddr trusted[NETADDR_MAX_TRUSTED];
    int n_trusted;

    pthread_mutex_t workers_mu; /* guards the list (not the workers: each is its thread's) */
    struct worker *workers;
    /* read connections opened and prepared before the daemon starts (warm_connections),
     * each handed to one pool thread at its first request; under workers_mu */
    struct db **spare;
    int n_spare;

    /* the generations (see "The generations" below); atomics, read without a lock */
    _Atomic uint64_t gen_content; /* moves with every commit a public page may show */
    _Atomic uint64_t gen_all;     /* moves with commits to everything, and outside ones */
    _Atomic uint64_t gen_mission[HTTP_MISSION_GENERATIONS]; /* by mission id modulo */
    _Atomic uint64_t request_ids;

    struct {
        pthread_rwlock_t lock; /* readers serve an entry, writers replace one */
        struct cache_entry *slots;
        size_t n; /* fixed at start; 0: no cache */
    } cache;

    struct {
        pthread_mutex_t mu;
        struct view_slot *slots; /* open addressing, cap a power of two */
        size_t cap, used;
        uint64_t dropped; /* views of pages beyond HTTP_MAX_COUNTED_PAGES since the flush */
    } views;

    /* the last uses of sessions and user tokens, written by the watcher with the views
     * (see seen_remember) */
    struct {
        pthread_mutex_t mu;
        struct seen_slot *slots; /* open addressing on the id, cap a power of two */
        size_t cap, used;
    } seen;

    /* the writer connections, each one write at a time: the edits', and the open writes'
     * (sign-in, sign-up, password reset: a password being hashed never holds the
     * connection the edits share). Each is opened as a watcher's (db_opts.watch), so its
     * data version leaves out its own commits: the change watcher reads them (under their
     * locks) to tell this server's writes, whose generations moved as they committed,
     * from everyone else's (watch_check) */
    struct writer writers[N_WRITERS];

    /* the change watcher (which also writes the page views) runs until this goes false */
    _Atomic bool watching;
    /* the mail sender (which also does the seminars' periodic work) runs until this goes
     * false */
    _Atomic bool mailing;
    /* the site's address in the mails the mail thread composes (the seminars' reminders):
     * public-url, else this server's own http://HOST:PORT; set before the thread starts */
    char base_url[300];

    struct {
        pthread_mutex_t mu;
        struct live_conn *v;
        size_t n, hint;
    } live;

    _Atomic int imports_active; /* data uploads being handled (max-imports) */
};

/*
 * The worker of the pool thread running this code. Owner: that thread, which libmicrohttpd
 * started for the one server whose daemon it serves; set on the thread's first request,
 * gone with the thread at MHD_stop_daemon, before http_serve frees the worker itself.
 */
static _Thread_local struct worker *t_worker;

static struct worker *
worker_get(struct server *s)
{
    struct worker *w = t_worker;
    struct db_opts o = {.sync_normal = s->conf->sync_normal};

    if (w == NULL) {
        w = calloc(1, sizeof(*w));
        if (w == NULL)
            die("out of memory");
        arena_init(&w->arena);
        pthread_mutex_lock(&s->workers_mu);
        w->next = s->workers;
        s->workers = w;
        pthread_mutex_unlock(&s->workers_mu);
        t_worker = w;
    }
    if (w->db == NULL) {
        pthread_mutex_lock(&s->workers_mu);
        if (s->n_spare > 0)
            w->db = s->spare[--s->n_spare];
        pthread_mutex_unlock(&s->workers_mu);
    }
    if (w->db == NULL) {
        if (db_open(s->conf->db_url, &o, &w->db) != ERR_OK)
            return w; /* db stays NULL: 503, retried next request */
    }
    return w;
}

/* A GET of path as an anonymous visitor with no headers would send it, rendered on db and
 * thrown away (warm_connections): nothing is cached, counted or logged. */
static const char *
warm_query(void *ctx, const char *name)
{
    (void)ctx;
    (void)name;
    return NULL;
}

static void
warm_render(struct server *s, struct db *db, struct arena *a, const char *path)
{
    struct req rq;
    struct prepared prep;

    memset(&rq, 0, sizeof(rq));
    rq.arena = a;
    rq.db = db;
    rq.method = "GET";
    rq.path = path;
    rq.query = warm_query;
    rq.client_ip = "";
    rq.srv = s;
    rq.content_length = -1;
    rq.body_fd = -1;
    if (web_prepare(&rq, &prep)) {
        db_read_begin(db);
        web_handle(&rq);
        db_read_end(db);
    }
    buf_free(&rq.resp.body);
}

/* The warm-up of each PostgreSQL read connection: at most WARM_PAGES pages
 * (web_warm_paths), and no more once WARM_MS have passed on that connection. */
#define WARM_PAGES 32
#define WARM_MS    150

static long
ms_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)((t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * Before the daemon starts: one read connection for each pool thread, opened and with
 * every statement prepared (db_prepare_all). A thread opened its connection at its first
 * request, and each statement was prepared at its first use, so the first renders after
 * a start paid for both: on bench/scale.sh's database the mission page took 35 ms on
 * SQLite right after a start (its schema read, about 60 statements prepared) where it
 * takes 8 ms once warm, and up to 70 ms on PostgreSQL (a round trip for every prepare).
 * The time moves to the start, before the server listens (logged: four connections on
 * that database took 52 ms on SQLite, half a second on PostgreSQL, on a busy machine). A
 * connection that cannot be opened or prepared is left out: its thread opens its own at
 * its first request, as before.
 *
 * On PostgreSQL each connection then renders the pages a visitor is likeliest to ask for
 * first (web_warm_paths), within WARM_MS, and throws them away, as a connection pool
 * warms its connections. Each connection is a server process of its own, and the first
 * time a process touches a page of PostgreSQL's shared buffers it takes a page fault to
 * map it: measured on bench/scale.sh's database with every buffer already in memory, the
 * mission page's and the largest indicator's statements executed in 13 and 18 ms at a
 * new connection's first render and in 3 and 5 ms at its second, planning alike, and a
 * fork()ed process's first read of a shared page costs 5-6 us on this virtual machine.
 * Only what was rendered is mapped: the first mission's pages and what they share with
 * others. SQLite's connections share the process, and its mapped pages, so it needs none.
 */
static void
warm_connections(struct server *s, int n)
{
    struct db_opts o = {.sync_normal = s->conf->sync_normal};
    struct timespec t0, tc;
    struct arena a, ra; /* the paths; each render, emptied after it */
    const char *paths[WARM_PAGES];
    struct db *db;
    enum q failed;
    int i, j, n_paths = -1, pages = 0;

    s->spare = calloc((size_t)n, sizeof(struct db *)); /* NOLINT(bugprone-sizeof-expression) */
    if (s->spare == NULL)
        die("out of memory");
    arena_init(&a);
    arena_init(&ra);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++) {
        if (db_open(s->conf->db_url, &o, &db) != ERR_OK)
            break;
        if (db_prepare_all(db, &failed) != ERR_OK) {
            log_msg(LOG_WARN, "msg=\"a statement does not prepare\" query=%s", query_name(failed));
            db_close(db);
            break;
        }
        if (db_kind(db) == DB_PG) {
            clock_gettime(CLOCK_MONOTONIC, &tc);
            if (n_paths < 0)
                n_paths = web_warm_paths(db, &a, paths, WARM_PAGES);
            for (j = 0; j < n_paths && ms_since(&tc) < WARM_MS; j++, pages++) {
                warm_render(s, db, &ra, paths[j]);
                arena_reset(&ra);
            }
        }
        s->spare[s->n_spare++] = db;
    }
    arena_free(&ra);
    arena_free(&a);
    uselocale(LC_GLOBAL_LOCALE); /* the renders switched this thread to their language */
    log_msg(LOG_INFO, "msg=\"connections ready\" connections=%d pages=%d ms=%ld", s->n_spare, pages,
            ms_since(&t0));
}

/*
 * The generations. A cached response shows either one mission's content alone (its scope is
 * that mission: web_page_scope) or anything (scope 0: home, lists, actors, SDG pages, the
 * API's lists, /about). Three kinds of counter, each only ever incremented:
 *   gen_content  moves with every commit a public page may show;
 *   gen_all      moves with commits that may change every page (web_write_scope's
 *                WEB_TOUCHES_ALL, and every commit from outside this server's writers);
 *   gen_mission  moves with a write to one mission's content, by mission id modulo
 *                HTTP_MISSION_GENERATIONS (two missions sharing one only re-render more).
 * An entry of scope 0 is fresh while gen_content is what it was rendered at; an entry of
 * mission m while gen_all and gen_mission[m] are. A move increments gen_content *first*,
 * so that a render that read gen_content before it began and finds it unchanged after it
 * ended saw every commit whose other counters it then reads (render_generations).
 *
 * Commits through this server's writer connections move the generations of what they touched
 * at once (bump_touched). Commits by anyone else (the CLI, sqlite3, psql, another samverka
 * instance on the same PostgreSQL, the mail sender's connection) are seen by the watcher
 * thread, which reads the database's data version on its own connection after each
 * db_wait_change: on SQLite every millisecond (an in-process read); on PostgreSQL as soon
 * as any samverka commits (NOTIFY), and every WATCH_FALLBACK_MS for writers that send no
 * notification (psql); they move everything. The watcher's own writes (the page views) are
 * not seen (see watcher). Requests only read the counters, so a cache hit never waits for
 * the database.
 */
#define WATCH_FALLBACK_MS 100
#define TRIM_SECONDS      10 /* how often the watcher gives free memory back (watcher) */

static _Atomic uint64_t *
mission_generation(struct server *s, int64_t mission_id)
{
    return &s->gen_mission[(uint64_t)mission_id % HTTP_MISSION_GENERATIONS];
}

/* Everything cached is stale: an outside commit, a write to everything, old view counts. */
static void
bump_all(struct server *s)
{
    atomic_fetch_add(&s->gen_content, 1); /* first: see render_generations */
    atomic_fetch_add(&s->gen_all, 1);
}

/* After a write through the writer connection: what it touched is stale, at once. */
static void
bump_touched(struct server *s, const struct req *rq)
{
    int64_t m;

    switch (web_write_scope(rq, &m)) {
    case WEB_TOUCHES_NOTHING:
        return;
    case WEB_TOUCHES_MISSION:
        atomic_fetch_add(&s->gen_content, 1); /* first: see render_generations */
        atomic_fetch_add(mission_generation(s, m), 1);
        return;
    case WEB_TOUCHES_ALL:
        break;
    }
    bump_all(s);
}

/* Is the entry as fresh as the counters of its scope, and is its time not up (a page
 * that shows a seminar as open until its deadline: resp_expires)? */
static bool
entry_fresh(struct server *s, const struct cache_entry *e)
{
    if (e->expires != 0 && (int64_t)time(NULL) >= e->expires)
        return false;
    if (e->scope == 0)
        return e->gen == atomic_load(&s->gen_content);
    return e->gen == atomic_load(&s->gen_all) &&
           e->mgen == atomic_load(mission_generation(s, e->scope));
}

/*
 * The scope and generations a response rendered after reading gen_content as content0 is
 * kept at. When nothing moved meanwhile, the counters read now are the ones its render saw
 * (every move increments gen_content first). When something did, it is kept as a copy of
 * everything at content0: stale already, rendered again by the next request.
 */
static void
render_generations(struct server *s, int64_t scope, uint64_t content0, int64_t *out_scope,
                   uint64_t *gen, uint64_t *mgen)
{
    uint64_t all, m;

    *out_scope = 0;
    *gen = content0;
    *mgen = 0;
    if (scope <= 0)
        return;
    all = atomic_load(&s->gen_all);
    m = atomic_load(mission_generation(s, scope));
    if (atomic_load(&s->gen_content) != content0)
        return;
    *out_scope = scope;
    *gen = all;
    *mgen = m;
}

static time_t
monotonic_seconds(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec;
}

/* ---------------------------------------------------------------- cache */

static uint64_t
fnv1a_u64(uint64_t v)
{
    uint64_t h = 1469598103934665603ULL;
    int i;

    for (i = 0; i < 8; i++, v >>= 8) {
        h ^= v & 0xff;
        h *= 1099511628211ULL;
    }
    return h;
}

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

static void
view_count(struct server *s, const char *page)
{
    size_t i;
    uint64_t h;

    pthread_mutex_lock(&s->views.mu);
    h = fnv1a(page);
    for (i = h & (s->views.cap - 1);; i = (i + 1) & (s->views.cap - 1)) {
        if (s->views.slots[i].page == NULL) {
            if (s->views.used >= HTTP_MAX_COUNTED_PAGES) {
                s->views.dropped++;
                break;
            }
            s->views.slots[i].page = strdup(page);
            if (s->views.slots[i].page == NULL)
                die("out of memory");
            s->views.slots[i].n = 1;
            s->views.used++;
            break;
        }
        if (strcmp(s->views.slots[i].page, page) == 0) {
            s->views.slots[i].n++;
            break;
        }
    }
    pthread_mutex_unlock(&s->views.mu);
}

/*
 * Write the views counted since the last flush through db, the watcher's own connection, in
 * one transaction (page_views_add); keep them for the next flush if the write fails. True
 * when views were written. db may be NULL (no connection): the views are kept.
 */
static bool
views_flush(struct server *s, struct db *db)
{
    struct view_slot *taken;
    struct page_count *counts;
    size_t cap, i, n = 0;
    enum err rc;
    uint64_t dropped, k;

    pthread_mutex_lock(&s->views.mu);
    if (s->views.used == 0 || db == NULL) {
        pthread_mutex_unlock(&s->views.mu);
        return false;
    }
    taken = s->views.slots;
    cap = s->views.cap;
    counts = calloc(s->views.used, sizeof(*counts));
    s->views.slots = calloc(s->views.cap, sizeof(*s->views.slots));
    if (s->views.slots == NULL || counts == NULL)
        die("out of memory");
    s->views.used = 0;
    dropped = s->views.dropped;
    s->views.dropped = 0;
    pthread_mutex_unlock(&s->views.mu);

    if (dropped)
        log_msg(LOG_WARN, "msg=\"page views dropped: too many distinct pages\" n=%llu",
                (unsigned long long)dropped);
    for (i = 0; i < cap; i++)
        if (taken[i].page != NULL) {
            counts[n].page = taken[i].page;
            counts[n].n = taken[i].n;
            n++;
        }
    rc = page_views_add(db, time(NULL), counts, n);
    if (rc != ERR_OK) {
        log_msg(LOG_WARN, "msg=\"page views not written; kept for the next flush\" err=\"%s\"",
                err_str(rc));
        for (i = 0; i < n; i++)
            for (k = 0; k < counts[i].n; k++)
                view_count(s, counts[i].page); /* put them back */
    }
    for (i = 0; i < cap; i++)
        free(taken[i].page);
    free(taken);
    free(counts);
    return rc == ERR_OK;
}

/*
 * The remembered last use of a session or a user token, and with now != 0 its use now.
 * Kept here and written by the watcher (seen_flush) on its own connection, whose writes do
 * not move the data version, so a signed-in page view or an API call with a token empties no
 * cache. Past HTTP_MAX_SEEN_SESSIONS distinct sessions and tokens between flushes a use is
 * not remembered: a session's idle time then counts from its last written use, a token's
 * "last used" stays at its last written one (logged).
 */
static int64_t
seen_remember(struct server *s, enum seen_kind kind, int64_t id, int64_t now)
{
    int64_t before = 0;
    size_t i;

    pthread_mutex_lock(&s->seen.mu);
    for (i = (size_t)(fnv1a_u64((uint64_t)id) ^ (uint64_t)kind) & (s->seen.cap - 1);;
         i = (i + 1) & (s->seen.cap - 1)) {
        struct seen_slot *sl = &s->seen.slots[i];

        if (sl->kind == kind && sl->id == id) {
            before = sl->at;
            if (now > sl->at)
                sl->at = now;
            break;
        }
        if (sl->kind == 0) {
            if (now != 0 && s->seen.used < HTTP_MAX_SEEN_SESSIONS) {
                sl->kind = kind;
                sl->id = id;
                sl->at = now;
                s->seen.used++;
            } else if (now != 0) {
                log_msg(LOG_WARN, "msg=\"use not remembered: too many sessions and tokens\"");
            }
            break;
        }
    }
    pthread_mutex_unlock(&s->seen.mu);
    return before;
}

/* web's req_session_seen */
static int64_t
session_seen(void *srv, int64_t id, int64_t now)
{
    return seen_remember(srv, SEEN_SESSION, id, now);
}

/* web's req_token_seen */
static void
token_seen(void *srv, int64_t id, int64_t now)
{
    seen_remember(srv, SEEN_TOKEN, id, now);
}

/* Write the remembered uses through db (the watcher's), sessions and tokens each in one
 * transaction; what could not be written is kept for the next flush. */
static void
seen_flush(struct server *s, struct db *db)
{
    struct seen_slot *taken;
    struct session_seen *sv;
    struct token_seen *tv;
    size_t cap, i, ns = 0, nt = 0;
    enum err rc;

    pthread_mutex_lock(&s->seen.mu);
    if (s->seen.used == 0 || db == NULL) {
        pthread_mutex_unlock(&s->seen.mu);
        return;
    }
    taken = s->seen.slots;
    cap = s->seen.cap;
    sv = calloc(s->seen.used, sizeof(*sv));
    tv = calloc(s->seen.used, sizeof(*tv));
    s->seen.slots = calloc(s->seen.cap, sizeof(*s->seen.slots));
    if (s->seen.slots == NULL || sv == NULL || tv == NULL)
        die("out of memory");
    s->seen.used = 0;
    pthread_mutex_unlock(&s->seen.mu);

    for (i = 0; i < cap; i++) {
        if (taken[i].kind == SEEN_SESSION) {
            sv[ns].session_id = taken[i].id;
            sv[ns].at = taken[i].at;
            ns++;
        } else if (taken[i].kind == SEEN_TOKEN) {
            tv[nt].token_id = taken[i].id;
            tv[nt].at = taken[i].at;
            nt++;
        }
    }
    rc = user_sessions_seen(db, sv, ns);
    if (rc != ERR_OK) {
        log_msg(LOG_WARN, "msg=\"session uses not written; kept for the next flush\" err=\"%s\"",
                err_str(rc));
        for (i = 0; i < ns; i++)
            seen_remember(s, SEEN_SESSION, sv[i].session_id, sv[i].at);
    }
    rc = user_tokens_seen(db, tv, nt);
    if (rc != ERR_OK) {
        log_msg(LOG_WARN, "msg=\"token uses not written; kept for the next flush\" err=\"%s\"",
                err_str(rc));
        for (i = 0; i < nt; i++)
            seen_remember(s, SEEN_TOKEN, tv[i].token_id, tv[i].at);
    }
    free(taken);
    free(sv);
    free(tv);
}

/* Under wr->mu: open the writer connection if it is not open yet. As a watcher's (see
 * struct server): its data version leaves out its own commits. */
static bool
writer_open(struct server *s, struct writer *wr)
{
    struct db_opts o = {.sync_normal = s->conf->sync_normal, .watch = true};

    if (wr->db == NULL && db_open(s->conf->db_url, &o, &wr->db) != ERR_OK)
        wr->db = NULL;
    return wr->db != NULL;
}

/* Whether the server sends email (smtp-url set): a mail sender and its writer. */
static bool
mail_on(const struct serve_conf *c)
{
    return c->smtp_url != NULL && *c->smtp_url != '\0';
}

/* What the change watcher last saw (watch_check). */
struct watch_state {
    uint64_t seen;              /* its own connection's data version; 0: none yet */
    uint64_t wseen[N_WRITERS];  /* each writer connection's; 0: not open, or unknown */
    uint64_t writes[N_WRITERS]; /* their writes then */
};

/* Under every writer's lock: read the writers' data versions into wv (0: not open). */
static void
writers_version(struct server *s, uint64_t *wv)
{
    int i;

    for (i = 0; i < N_WRITERS; i++)
        wv[i] = writer_open(s, &s->writers[i]) ? db_data_version(s->writers[i].db) : 0;
}

/*
 * Under every writer's lock (so no write of this server is under way): did anyone but this
 * server's writers commit since the last look? The watcher's data version leaves out only
 * its own commits, each writer's only its own (all are opened with db_opts.watch). A commit
 * by anyone else moves every one of them; so the watcher's moved for this server's writes
 * alone (whose generations moved as they committed: bump_touched) only when exactly one
 * writer wrote and its own version did not move. Otherwise everything is stale (two
 * writers' writes between two looks, which cannot be told apart from another's, too). The
 * watcher's is read first: a commit after that read moves the writers', seen now or at the
 * next look. The writers are opened here, before a write needs them, so that their first
 * writes are told from others'.
 */
static void
watch_check(struct server *s, struct db *db, struct watch_state *st)
{
    uint64_t dv = db_data_version(db), wv[N_WRITERS];
    int i, wrote = 0, alone = -1;

    if (dv == 0 || dv == st->seen)
        return;
    writers_version(s, wv);
    for (i = 0; i < N_WRITERS; i++) {
        if (s->writers[i].writes != st->writes[i]) {
            wrote++;
            alone = i;
        }
    }
    if (st->seen != 0 && (wrote != 1 || wv[alone] == 0 || wv[alone] != st->wseen[alone]))
        bump_all(s);
    st->seen = dv;
    for (i = 0; i < N_WRITERS; i++) {
        st->wseen[i] = wv[i];
        st->writes[i] = s->writers[i].writes;
    }
}

/*
 * Under every writer's lock, held since watch_check, after the watcher's own flush: the
 * writers' versions moved for the flush; take them as seen. Theirs are read first: a commit
 * by anyone else before that read also moves the watcher's, read after it, which moves
 * everything (no write of this server can have come in between).
 */
static void
watch_rebase(struct server *s, struct db *db, struct watch_state *st)
{
    uint64_t wv[N_WRITERS], dv;
    int i;

    writers_version(s, wv);
    dv = db_data_version(db);
    if (dv == 0 || dv != st->seen)
        bump_all(s);
    st->seen = dv;
    for (i = 0; i < N_WRITERS; i++)
        st->wseen[i] = wv[i];
}

/* Take every writer's lock without waiting; false (none held) when a write is under way. */
static bool
writers_trylock(struct server *s)
{
    int i;

    for (i = 0; i < N_WRITERS; i++) {
        if (pthread_mutex_trylock(&s->writers[i].mu) != 0) {
            while (i-- > 0)
                pthread_mutex_unlock(&s->writers[i].mu);
            return false;
        }
    }
    return true;
}

static void
writers_unlock(struct server *s)
{
    int i;

    for (i = N_WRITERS - 1; i >= 0; i--)
        pthread_mutex_unlock(&s->writers[i].mu);
}

/*
 * The change watcher: one thread with its own connection, opened as the watcher's
 * (db_opts.watch), which reads the data version after each db_wait_change and, when it
 * moved, tells this server's writes from everyone else's (watch_check, under the writers'
 * locks; tried, never waited for: while a write is under way it looks again next time).
 * Every flush_interval it writes the page views through that same connection, under those
 * locks too. Its own flush does not move its data version (see db_opts.watch), so a flush of
 * views alone empties no cache: the counts a cached page shows are refreshed by the next
 * move of everything (gen_all), and at the latest after view_count_lag seconds, when a
 * flush that wrote views moves it itself. At shutdown (watching false) it writes the last
 * views.
 */
static void *
watcher(void *arg)
{
    struct server *s = arg;
    struct db_opts o = {.sync_normal = s->conf->sync_normal, .watch = true, .lean = true};
    struct db *db = NULL;
    struct timespec ts = {0, WATCH_FALLBACK_MS * 1000000L};
    struct watch_state st;
    uint64_t dv, moved_gen = atomic_load(&s->gen_all);
    time_t now = monotonic_seconds(), next_flush = now + s->conf->flush_interval, moved_at = now;
    time_t next_trim = now + TRIM_SECONDS;
    int idle = 0;
    bool wrote;

    memset(&st, 0, sizeof(st));
    while (atomic_load(&s->watching)) {
        if (db == NULL && db_open(s->conf->db_url, &o, &db) != ERR_OK) {
            db = NULL;
            if (++idle % 10 == 1)
                log_msg(LOG_WARN, "msg=\"change watcher cannot reach the database; retrying\"");
            nanosleep(&ts, NULL);
            continue;
        }
        now = monotonic_seconds();
        dv = db_data_version(db);
        if (((dv != 0 && dv != st.seen) || now >= next_flush) && writers_trylock(s)) {
            watch_check(s, db, &st);
            if (atomic_load(&s->gen_all) != moved_gen) {
                /* pages rendered from now on show the counts written so far */
                moved_gen = atomic_load(&s->gen_all);
                moved_at = now;
            }
            if (now >= next_flush) {
                next_flush = now + s->conf->flush_interval;
                seen_flush(s, db);
                wrote = views_flush(s, db);
                watch_rebase(s, db, &st);
                if (wrote && now - moved_at >= s->conf->view_count_lag)
                    bump_all(s); /* the counts pages show are view_count_lag old */
            }
            writers_unlock(s);
        }
        if (now >= next_trim) {
            /*
             * Give the allocator's free pages back. Requests render into arenas of varying
             * size on several threads, and glibc keeps each thread's heap at its high-water
             * mark: measured on PostgreSQL over 600,000 requests, the bytes in use stayed
             * flat (7.45 to 7.55 MB) while the heaps grew by 1.6 MB, a slow rise of RSS with
             * no leak behind it. malloc_trim returns whole free pages in every arena.
             */
            next_trim = now + TRIM_SECONDS;
            malloc_trim(0);
        }
        db_wait_change(db, WATCH_FALLBACK_MS);
    }
    if (db == NULL && db_open(s->conf->db_url, &o, &db) != ERR_OK)
        db = NULL;
    views_flush(s, db);
    seen_flush(s, db);
    pthread_mutex_lock(&s->views.mu);
    if (s->views.used > 0)
        log_msg(LOG_ERROR, "msg=\"page views lost: not written at shutdown\" pages=%zu",
                s->views.used);
    pthread_mutex_unlock(&s->views.mu);
    db_close(db);
    return NULL;
}

/*
 * The mail sender: one thread that delivers the queued email every MAIL_POLL_SECONDS
 * (domain/mail.c: retries with backoff) through the mail writer's connection, under its
 * lock except while a message is on its way: its commits (what it sent or failed to send)
 * are then this server's own, which show on no page, where a connection of its own made
 * every cached page render again after each message (watch_check). It looks at the stop
 * flag every quarter second, so an SMTP exchange in progress (bounded by its timeout)
 * is the longest it holds up a shutdown. User and password come from the environment,
 * read once here, and are never logged.
 *
 * It runs with or without smtp-url: before each round it does the seminars' periodic work
 * (seminar_tick: the reminders queued, the personal data of past seminars deleted after
 * seminar-retention-days), on the same connection under the same lock. Those commits show
 * on no public page either (a reminder's mark; the registrations of a seminar over, whose
 * page shows only the attendance kept), so they count as this server's own like the mail's.
 * Without smtp-url nothing is sent: the queue keeps the mail for `samverka mail send`.
 */
#define MAIL_POLL_SECONDS    10
#define MAIL_TIMEOUT_SECONDS 30

/* mail_conf.hold: the mail writer's lock around each use of its connection; a use that may
 * have committed counts as one of its writes (watch_check), which touch no public page */
static void
mail_hold(void *ctx, bool on, bool wrote)
{
    struct writer *wr = ctx;

    if (on) {
        pthread_mutex_lock(&wr->mu);
        return;
    }
    if (wrote)
        wr->writes++;
    pthread_mutex_unlock(&wr->mu);
}

static void *
mail_sender(void *arg)
{
    struct server *s = arg;
    struct writer *wr = &s->writers[WRITER_MAIL];
    struct mail_conf mc = {.smtp_url = s->conf->smtp_url,
                           .from = s->conf->smtp_from,
                           .user = getenv("SAMVERKA_SMTP_USER"),
                           .password = getenv("SAMVERKA_SMTP_PASSWORD"),
                           .timeout = MAIL_TIMEOUT_SECONDS,
                           .hold = mail_hold,
                           .hold_ctx = wr};
    struct timespec ts = {0, 250000000L};
    struct seminar_mail_ctx smc;
    struct seminar_mailer sm;
    struct db *db;
    int ticks = 0, sent, failed, reminded, purged;
    enum err rc;

    seminar_mail_setup(&smc, s->base_url, &sm);
    while (atomic_load(&s->mailing)) {
        if (ticks-- > 0) {
            nanosleep(&ts, NULL);
            continue;
        }
        ticks = MAIL_POLL_SECONDS * 4;
        pthread_mutex_lock(&wr->mu);
        db = writer_open(s, wr) ? wr->db : NULL;
        reminded = purged = 0;
        rc = db == NULL ? ERR_OK
                        : seminar_tick(db, (int64_t)time(NULL), s->conf->seminar_retention_days,
                                       &sm, &reminded, &purged);
        if (reminded > 0 || purged > 0)
            wr->writes++;
        pthread_mutex_unlock(&wr->mu);
        if (rc != ERR_OK)
            log_msg(LOG_WARN, "msg=\"seminar reminders or deletions failed; retrying\" err=%s",
                    err_str(rc));
        else if (reminded > 0 || purged > 0)
            log_msg(LOG_INFO, "msg=\"seminars\" reminded=%d personal_data_deleted=%d", reminded,
                    purged);
        if (db == NULL || !mail_on(s->conf))
            continue;
        /* db stays open until the server's threads have stopped; used under wr->mu only */
        if (mail_send_due(db, &mc, time(NULL), &sent, &failed) != ERR_OK)
            log_msg(LOG_WARN, "msg=\"mail queue unreadable; retrying\"");
        else if (sent > 0 || failed > 0)
            log_msg(LOG_INFO, "msg=\"mail sent\" sent=%d failed=%d", sent, failed);
    }
    return NULL;
}

/* ---------------------------------------------------------------- responses */

static void
add_headers(struct MHD_Response *r, const char *ctype, const char *etag, const char *cache_control,
            const char *vary)
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
    MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, vary);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
    if (etag != NULL)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
}

/* 304 for the full response full: the ETag, Vary and Cache-Control it would have carried. */
static enum MHD_Result
reply_304(struct MHD_Connection *c, struct MHD_Response *full)
{
    /* and CORS's, so a script of another origin may read the 304 too (web_open_headers) */
    static const char *const kept[] = {MHD_HTTP_HEADER_ETAG, MHD_HTTP_HEADER_VARY,
                                       MHD_HTTP_HEADER_CACHE_CONTROL, "Access-Control-Allow-Origin",
                                       "Access-Control-Expose-Headers"};
    struct MHD_Response *r;
    enum MHD_Result ret;
    const char *v;
    size_t i;

    r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
        v = MHD_get_response_header(full, kept[i]);
        if (v != NULL)
            MHD_add_response_header(r, kept[i], v); /* copied: full may go after this */
    }
    ret = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
    MHD_destroy_response(r);
    return ret;
}

static void access_log(struct server *s, const char *method, const char *path, unsigned status,
                       size_t bytes, bool hit, struct timespec *t0);

/* A short plain-text answer the server gives before any routing (bad path, no database):
 * text is a msgid, said in the language Accept-Language asks for (web_plain_text). */
static enum MHD_Result
reply_text(struct server *s, struct MHD_Connection *c, const char *method, const char *url,
           unsigned status, const char *text)
{
    struct MHD_Response *r;
    enum MHD_Result ret;

    /* a translation lives as long as the process: the buffer stays persistent */
    text = web_plain_text(
        text, MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE),
        url);
    r = MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    add_headers(r, "text/plain; charset=utf-8", NULL, "no-store", "Accept-Language");
    if (status == 503)
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "5");
    ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    access_log(s, method, url, status, strlen(text), false, NULL);
    return ret;
}

static bool
etag_match(const char *inm, const char *etag)
{
    return inm != NULL && etag != NULL && (strstr(inm, etag) != NULL || strcmp(inm, "*") == 0);
}

static void
access_log(struct server *s, const char *method, const char *path, unsigned status, size_t bytes,
           bool hit, struct timespec *t0)
{
    struct timespec t1;
    char p[256], m[64], masked[1100];
    long us;

    if (!s->conf->access_log)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    us = t0 == NULL ? 0 : (t1.tv_sec - t0->tv_sec) * 1000000L + (t1.tv_nsec - t0->tv_nsec) / 1000;
    /* every field that comes from the client is quoted and escaped: no request can add a
     * field or a line, or put a control byte in the log */
    /* a reset link's token in the path is a password for an hour: logged as {token} */
    path = web_log_path(path, masked, sizeof(masked));
    log_msg(LOG_INFO, "event=access method=\"%s\" path=\"%s\" status=%u bytes=%zu cache=%s us=%ld",
            log_repr(m, sizeof(m), method, strlen(method)),
            log_repr(p, sizeof(p), path, strlen(path)), status, bytes, hit ? "hit" : "miss", us);
}

/* ---------------------------------------------------------------- requests */

static const char *
query_get(void *ctx, const char *name)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* The libmicrohttpd response for rq->resp (the body moves into it), for every request alike:
 * a GET's, a body's and a refusal's. */
static struct MHD_Response *
make_response(struct req *rq, size_t *out_len)
{
    struct MHD_Response *resp;
    const char *cache_control, *vary, *open_name[WEB_OPEN_HEADERS], *open_value[WEB_OPEN_HEADERS];
    char *body;
    int i, n_open;

    body = buf_steal(&rq->resp.body, out_len);
    resp = MHD_create_response_from_buffer_with_free_callback(*out_len, body, free);
    /* public pages revalidate with their ETag; errors and answers for someone are not kept */
    web_caching(rq, &cache_control, &vary);
    add_headers(resp, rq->resp.content_type, rq->resp.etag, cache_control, vary);
    /* open data: CORS and the licence (web decides which routes) */
    n_open = web_open_headers(rq, open_name, open_value);
    for (i = 0; i < n_open; i++)
        MHD_add_response_header(resp, open_name[i], open_value[i]);
    /* the headers web added (resp_header checked each name and value) */
    for (i = 0; i < rq->resp.n_headers; i++)
        if (MHD_add_response_header(resp, rq->resp.headers[i].name, rq->resp.headers[i].value) !=
            MHD_YES)
            log_msg(LOG_ERROR, "msg=\"response header refused\" name=\"%s\"",
                    rq->resp.headers[i].name);
    return resp;
}

static int first_call_marker;

/* ---------------------------------------------------------------- connections */

static struct live_conn *
conn_slot(struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

    return ci != NULL ? ci->socket_context : NULL;
}

static void
conn_set_busy(struct MHD_Connection *c, bool busy)
{
    struct live_conn *lc = conn_slot(c);

    if (lc != NULL) {
        atomic_store(&lc->busy, busy);
        if (!busy)
            atomic_store(&lc->got, 0);
    }
}

static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
              enum MHD_ConnectionNotificationCode code)
{
    struct server *s = cls;
    const union MHD_ConnectionInfo *fd, *addr;
    struct live_conn *lc = NULL;
    size_t i;

    if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        lc = *socket_context;
        if (lc != NULL) {
            pthread_mutex_lock(&s->live.mu);
            lc->used = false;
            pthread_mutex_unlock(&s->live.mu);
        }
        *socket_context = NULL;
        return;
    }
    fd = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
    addr = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    pthread_mutex_lock(&s->live.mu);
    for (i = 0; i < s->live.n && fd != NULL; i++) {
        size_t k = (s->live.hint + i) % s->live.n;

        if (!s->live.v[k].used) {
            lc = &s->live.v[k];
            lc->used = true;
            lc->fd = fd->connect_fd;
            lc->ip =
                addr != NULL && addr->client_addr->sa_family == AF_INET
                    ? ((const struct sockaddr_in *)(const void *)addr->client_addr)->sin_addr.s_addr
                    : 0;
            atomic_store(&lc->busy, false);
            atomic_store(&lc->got, 0);
            s->live.hint = k + 1;
            break;
        }
    }
    pthread_mutex_unlock(&s->live.mu);
    *socket_context = lc;
}

/* Has the peer of this socket closed its side? */
static bool
peer_gone(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN | POLLRDHUP};

    return poll(&p, 1, 0) == 1 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static enum MHD_Result
accept_policy(void *cls, const struct sockaddr *addr, socklen_t len)
{
    struct server *s = cls;
    uint32_t ip;
    size_t i, open = 0;
    bool ok = true;

    if (addr == NULL || addr->sa_family != AF_INET || len < sizeof(struct sockaddr_in))
        return MHD_YES;
    ip = ((const struct sockaddr_in *)(const void *)addr)->sin_addr.s_addr;
    pthread_mutex_lock(&s->live.mu);
    for (i = 0; i < s->live.n; i++)
        if (s->live.v[i].used && s->live.v[i].ip == ip)
            open++;
    if (open >= (size_t)s->conf->max_per_ip) {
        /* at the cap: count only the connections the client still holds open */
        open = 0;
        for (i = 0; i < s->live.n; i++)
            if (s->live.v[i].used && s->live.v[i].ip == ip && !peer_gone(s->live.v[i].fd))
                open++;
        ok = open < (size_t)s->conf->max_per_ip;
    }
    pthread_mutex_unlock(&s->live.mu);
    if (!ok)
        log_msg(LOG_WARN, "msg=\"connection refused: too many from one address\" open=%zu", open);
    return ok ? MHD_YES : MHD_NO;
}

/* At shutdown: end every connection that has no request in progress. */
static void
close_idle_connections(struct server *s)
{
    size_t i;

    pthread_mutex_lock(&s->live.mu);
    for (i = 0; i < s->live.n; i++)
        if (s->live.v[i].used && !atomic_load(&s->live.v[i].busy))
            shutdown(s->live.v[i].fd, SHUT_RDWR); /* libmicrohttpd sees the end and closes it */
    pthread_mutex_unlock(&s->live.mu);
}

/* ---------------------------------------------------------------- request heads */

/*
 * What the raw request line says before libmicrohttpd decodes it, handed to the first
 * call of on_request as *con_cls (libmicrohttpd's URI log callback, which runs before the
 * request line is taken apart).
 */
struct verdict {
    unsigned status; /* 0: go on */
    const char *text;
};

static const struct verdict uri_ok = {0, NULL};
static const struct verdict uri_nul = {MHD_HTTP_BAD_REQUEST, N_("Bad request path.\n")};
static const struct verdict uri_params = {MHD_HTTP_URI_TOO_LONG,
                                          N_("Too many query parameters.\n")};
static int get_body_marker, get_refused_marker;

static bool
is_verdict(const void *p)
{
    return p == &uri_ok || p == &uri_nul || p == &uri_params;
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    const char *q, *p;
    size_t n = 1;

    (void)cls;
    (void)c;
    /* a NUL would cut the decoded path or value short: /indicators/1%00x is not /indicators/1 */
    if (strcasestr(uri, "%00") != NULL)
        return (void *)&uri_nul;
    q = strchr(uri, '?');
    if (q == NULL)
        return (void *)&uri_ok;
    for (p = q + 1; *p; p++)
        n += *p == '&';
    if (n <= HTTP_MAX_QUERY_PARAMS)
        return (void *)&uri_ok;
    /*
     * libmicrohttpd (0.9.75) keeps each query parameter in the connection's fixed memory
     * pool and, when the pool runs out, neither answers nor closes: the connection hangs
     * until its timeout. The request is refused anyway, so its query is cut off before it
     * is parsed. The string is libmicrohttpd's own read buffer, which it writes into itself
     * right after this call (it puts a NUL where the '?' is).
     */
    ((char *)q)[1] = '\0';
    return (void *)&uri_params;
}

/* ---------------------------------------------------------------- requests with bodies */

/*
 * A request other than GET/HEAD spans several calls: headers, body chunks, the
 * end. Its state lives in a struct conn hung on the connection and freed when
 * libmicrohttpd reports the request complete. Bodies are checked before they
 * are read (route, token, type, declared size: web_prepare) and then spooled:
 * JSON and forms into a bounded buffer, data files and forms with a file
 * (multipart/form-data) into an unlinked temporary file, so
 * memory stays small whatever is uploaded. The handler then runs holding the
 * writer connection, so the write lock is never held while a client uploads.
 */
struct conn {
    struct req rq;
    struct arena arena;
    struct prepared prep;
    struct buf body;
    int fd;
    size_t got, dropped;
    bool too_large, io_error, holds_import, queued;
    struct timespec t0;
};

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct server *s = cls;
    struct conn *k = *con_cls;

    (void)toe;
    conn_set_busy(c, false);
    if (k == NULL || (void *)k == (void *)&first_call_marker || (void *)k == &get_body_marker ||
        (void *)k == &get_refused_marker || is_verdict(k))
        return;
    if (k->fd >= 0)
        close(k->fd);
    if (k->holds_import)
        atomic_fetch_sub(&s->imports_active, 1);
    buf_free(&k->body);
    buf_free(&k->rq.resp.body);
    arena_free(&k->arena);
    free(k);
    *con_cls = NULL;
}

static int64_t
content_length(struct MHD_Connection *c)
{
    const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    int64_t n;

    return v != NULL && str_to_i64(v, &n) == ERR_OK && n >= 0 ? n : -1;
}

/* The Cookie header fields of a request: how many bytes they hold together, and the first. */
struct cookies {
    size_t n, len;
    const char *first;
};

static enum MHD_Result
cookie_field(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct cookies *ck = cls;

    (void)kind;
    if (key != NULL && value != NULL && strcasecmp(key, MHD_HTTP_HEADER_COOKIE) == 0) {
        ck->len += strlen(value) + (ck->n > 0 ? 2 : 0); /* joined with "; " */
        if (ck->n++ == 0)
            ck->first = value;
    }
    return MHD_YES;
}

static enum MHD_Result
cookie_join(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct buf *b = cls;

    (void)kind;
    if (key != NULL && value != NULL && strcasecmp(key, MHD_HTTP_HEADER_COOKIE) == 0) {
        if (b->len > 0)
            buf_adds(b, "; ");
        buf_adds(b, value);
    }
    return MHD_YES;
}

/*
 * What the request head may not be, checked before anything is routed, for GET and body
 * requests alike: a path over HTTP_MAX_PATH, not absolute or not UTF-8 (400), Cookie fields
 * over HTTP_MAX_COOKIE bytes together (431). NULL when the head is acceptable.
 */
static const struct verdict *
head_refused(struct MHD_Connection *c, const char *url)
{
    static const struct verdict bad_path = {MHD_HTTP_BAD_REQUEST, N_("Bad request path.\n")};
    static const struct verdict big_cookie = {MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                                              N_("The Cookie header is too large.\n")};
    struct cookies ck = {0, 0, NULL};

    if (strlen(url) > HTTP_MAX_PATH || url[0] != '/' || !utf8_valid(url, strlen(url)))
        return &bad_path;
    MHD_get_connection_values(c, MHD_HEADER_KIND, cookie_field, &ck);
    if (ck.len > HTTP_MAX_COOKIE)
        return &big_cookie;
    return NULL;
}

/* The client's address as text, in the arena ("" when unknown): the peer's, or behind a
 * trusted proxy the one its X-Forwarded-For names (core/netaddr.h). */
static const char *
client_ip(const struct server *s, struct MHD_Connection *c, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    struct netaddr peer = {0}, client;
    char text[NETADDR_TEXT] = "";

    if (ci != NULL && ci->client_addr->sa_family == AF_INET) {
        peer.family = AF_INET;
        memcpy(peer.bytes, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr,
               4);
    } else if (ci != NULL && ci->client_addr->sa_family == AF_INET6) {
        char v6[NETADDR_TEXT];

        /* through the text, so an IPv4-mapped peer compares as IPv4 */
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, v6,
                  sizeof(v6));
        if (!netaddr_parse(v6, strlen(v6), &peer))
            peer.family = 0;
    }
    if (peer.family == 0)
        return "";
    netaddr_client(&peer,
                   s->n_trusted > 0
                       ? MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For")
                       : NULL,
                   s->trusted, s->n_trusted, &client);
    netaddr_text(&client, text);
    return arena_strdup(a, text);
}

/*
 * A request as web sees it, from its connection: the one place struct req is filled from the
 * wire, for GET and body requests alike (the body itself is the caller's). The header values
 * are libmicrohttpd's and live as long as the request; several Cookie fields (as an HTTP/2
 * proxy may send) are joined with "; " in the arena, bounded by head_refused.
 */
static void
req_init(struct server *s, struct req *rq, struct MHD_Connection *c, struct arena *a, struct db *db,
         const char *method, const char *url)
{
    struct cookies ck = {0, 0, NULL};
    struct buf joined;

    memset(rq, 0, sizeof(*rq));
    rq->arena = a;
    rq->db = db;
    rq->id = atomic_fetch_add(&s->request_ids, 1) + 1;
    rq->method = method;
    rq->path = url;
    rq->query = query_get;
    rq->ctx = c;
    rq->accept_language =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_LANGUAGE);
    rq->authorization =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    MHD_get_connection_values(c, MHD_HEADER_KIND, cookie_field, &ck);
    rq->cookie = ck.first;
    if (ck.n > 1) {
        buf_init(&joined, HTTP_MAX_COOKIE + 1);
        MHD_get_connection_values(c, MHD_HEADER_KIND, cookie_join, &joined);
        rq->cookie = buf_err(&joined) ? NULL : arena_strndup(a, joined.data, joined.len);
        buf_free(&joined);
    }
    rq->content_type =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    rq->sec_fetch_site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    rq->origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    rq->host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
    rq->csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    rq->client_ip = client_ip(s, c, a);
    rq->session_seen = session_seen;
    rq->token_seen = token_seen;
    rq->srv = s;
    rq->content_length = content_length(c);
    rq->body_fd = -1;
}

/* 503 when this worker has no database connection: JSON under /api/, else a page. */
static enum MHD_Result
reply_unavailable(struct server *s, struct MHD_Connection *c, struct worker *w, const char *method,
                  const char *url)
{
    struct req rq;
    struct MHD_Response *resp;
    enum MHD_Result ret;
    size_t blen;

    req_init(s, &rq, c, &w->arena, NULL, method, url);
    web_refuse(&rq, WR_DB_UNAVAILABLE);
    resp = make_response(&rq, &blen);
    ret = MHD_queue_response(c, MHD_HTTP_SERVICE_UNAVAILABLE, resp);
    MHD_destroy_response(resp);
    access_log(s, method, url, MHD_HTTP_SERVICE_UNAVAILABLE, blen, false, NULL);
    buf_free(&rq.resp.body);
    arena_reset(&w->arena);
    return ret;
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
queue_conn(struct server *s, struct MHD_Connection *c, struct conn *k, const char *method,
           const char *url)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    unsigned status = (unsigned)k->rq.resp.status;
    size_t blen;

    k->queued = true;

    resp = make_response(&k->rq, &blen);
    ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    access_log(s, method, url, status, blen, false, &k->t0);
    log_set_request(0);
    return ret;
}

static enum MHD_Result
on_other(struct server *s, struct MHD_Connection *c, const char *url, const char *method,
         const char *data, size_t *size, void **con_cls)
{
    struct conn *k = *con_cls;
    struct worker *w;
    ssize_t n;

    if (k == NULL) {
        const struct verdict *bad = head_refused(c, url);

        if (bad != NULL)
            return reply_text(s, c, method, url, bad->status, bad->text);
        w = worker_get(s);
        if (w->db == NULL)
            return reply_unavailable(s, c, w, method, url);
        k = calloc(1, sizeof(*k));
        if (k == NULL)
            die("out of memory");
        *con_cls = k;
        clock_gettime(CLOCK_MONOTONIC, &k->t0);
        arena_init(&k->arena);
        k->fd = -1;
        req_init(s, &k->rq, c, &k->arena, w->db, method, url);
        log_set_request(k->rq.id);
        if (!web_prepare(&k->rq, &k->prep))
            return queue_conn(s, c, k, method, url);
        if (k->prep.import) {
            if (atomic_fetch_add(&s->imports_active, 1) >= s->conf->max_imports) {
                atomic_fetch_sub(&s->imports_active, 1);
                web_refuse(&k->rq, WR_TOO_MANY_IMPORTS);
                return queue_conn(s, c, k, method, url);
            }
            k->holds_import = true;
        }
        /* a data file, and a form with a file: never held in memory */
        if (k->prep.body == BODY_DATA || k->prep.body == BODY_UPLOAD) {
            k->fd = spool_open();
            if (k->fd < 0) {
                web_refuse(&k->rq, WR_UPLOAD_UNAVAILABLE);
                return queue_conn(s, c, k, method, url);
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
            /* over the limit without a Content-Length that said so (chunked): dropped as it
             * comes and answered 413 at its end, since libmicrohttpd 0.9.75 cannot queue a
             * response while a body is arriving. One that goes on past twice the limit is
             * cut off: the connection closes unanswered. */
            k->too_large = true;
            k->dropped += *size;
            if (!k->queued && k->dropped > k->prep.body_max) {
                log_msg(LOG_WARN, "msg=\"request body cut off: far over the limit\" bytes=%zu",
                        k->got + k->dropped);
                *size = 0;
                return MHD_NO;
            }
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
        web_refuse(&k->rq, WR_TOO_LARGE);
        return queue_conn(s, c, k, method, url);
    }
    if (k->io_error) {
        web_refuse(&k->rq, WR_UPLOAD_FAILED);
        return queue_conn(s, c, k, method, url);
    }
    k->rq.body = k->body.data;
    k->rq.body_len = k->body.len;
    k->rq.body_fd = k->fd;
    if (k->prep.write || k->prep.open) {
        struct writer *wr = &s->writers[k->prep.write ? WRITER_EDITS : WRITER_OPEN];

        pthread_mutex_lock(&wr->mu);
        if (!writer_open(s, wr)) {
            pthread_mutex_unlock(&wr->mu);
            web_refuse(&k->rq, WR_DB_UNAVAILABLE);
            return queue_conn(s, c, k, method, url);
        }
        if (k->prep.write)
            k->rq.wdb = wr->db;
        else
            k->rq.db = wr->db; /* an open write reads and writes on its own connection */
        web_handle(&k->rq);
        wr->writes++;
        bump_touched(s, &k->rq); /* what the handler committed is visible at once */
        pthread_mutex_unlock(&wr->mu);
    } else {
        web_handle(&k->rq);
    }
    return queue_conn(s, c, k, method, url);
}

/*
 * The cache's ownership rule. An entry owns exactly one reference to its libmicrohttpd
 * response: the one MHD_create_response gave the worker that rendered it. A connection
 * owns its own reference from MHD_queue_response (libmicrohttpd counts them under the
 * response's mutex and frees the response when the last one goes). So:
 *  - a hit queues the entry's response while holding the read lock: the entry cannot
 *    be replaced (which needs the write lock) before the connection holds its own ref;
 *  - a miss queues its fresh response on its own connection first, and only then
 *    publishes it, handing over its creator reference; after that the worker never
 *    touches it again (another worker may replace and release it at any moment);
 *  - an entry's reference is dropped only by whoever replaced it, outside the lock.
 * A response is never used by a thread that does not own a reference to it.
 */
static void
cache_publish(struct server *s, size_t slot, const char *key, const char *etag, int64_t scope,
              uint64_t gen, uint64_t mgen, int64_t expires, bool counted, struct MHD_Response *resp)
{
    struct cache_entry *e = &s->cache.slots[slot];
    struct MHD_Response *old;
    char *k = strdup(key), *t = strdup(etag), *old_key, *old_etag;

    if (k == NULL || t == NULL)
        die("out of memory");
    pthread_rwlock_wrlock(&s->cache.lock);
    old = e->resp;
    old_key = e->key;
    old_etag = e->etag;
    e->key = k;
    e->etag = t;
    e->scope = scope;
    e->gen = gen;
    e->mgen = mgen;
    e->expires = expires;
    e->resp = resp;
    e->counted = counted;
    atomic_store(&e->renderer, false);
    pthread_rwlock_unlock(&s->cache.lock);
    if (old != NULL)
        MHD_destroy_response(old); /* connections still sending it hold their own refs */
    free(old_key);
    free(old_etag);
}

/* A worker that claimed a stale entry to re-render it, and could not: let another try. */
static void
cache_unclaim(struct server *s, size_t slot, const char *key)
{
    pthread_rwlock_rdlock(&s->cache.lock);
    if (s->cache.slots[slot].key != NULL && strcmp(s->cache.slots[slot].key, key) == 0)
        atomic_store(&s->cache.slots[slot].renderer, false);
    pthread_rwlock_unlock(&s->cache.lock);
}

/*
 * Serve from the cache if the entry for key is there and fresh (or being re-rendered by
 * another worker). Returns true with *ret set when it answered; sets *claimed when this
 * worker is to render a fresh copy of a stale entry.
 */
static bool
cache_serve(struct server *s, struct MHD_Connection *c, size_t slot, const char *key,
            const char *inm, enum MHD_Result *ret, unsigned *status, bool *counted, bool *claimed)
{
    struct cache_entry *e;
    bool fresh = false, expected = false;

    pthread_rwlock_rdlock(&s->cache.lock);
    e = &s->cache.slots[slot];
    if (e->resp != NULL && strcmp(e->key, key) == 0) {
        /* stale while revalidating: one worker renders the new copy, the others keep
         * serving the old one meanwhile instead of all rendering at once */
        fresh = entry_fresh(s, e) || !atomic_compare_exchange_strong(&e->renderer, &expected, true);
        *claimed = !fresh;
    }
    if (!fresh) {
        pthread_rwlock_unlock(&s->cache.lock);
        return false;
    }
    *counted = e->counted;
    if (etag_match(inm, e->etag)) {
        /* an entry was stored by web_cacheable's rule, which is also the rule for a 304 */
        *ret = reply_304(c, e->resp); /* under the lock: the entry's headers are read */
        pthread_rwlock_unlock(&s->cache.lock);
        *status = 304;
    } else {
        *ret = MHD_queue_response(c, MHD_HTTP_OK, e->resp); /* under the lock: see above */
        pthread_rwlock_unlock(&s->cache.lock);
        *status = 200;
    }
    return true;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    struct server *s = cls;
    struct worker *w;
    struct timespec t0;
    struct req rq;
    struct prepared prep;
    struct buf key;
    struct MHD_Response *resp;
    const char *inm;
    bool is_get, keyed = false, claimed = false, counted = false;
    uint64_t content0, gen, mgen;
    int64_t scope;
    size_t slot = 0, blen = 0;
    unsigned status;
    enum MHD_Result ret;

    (void)version;
    if (is_verdict(*con_cls)) {
        /* the first call for this request: its head has arrived */
        const struct verdict *v = *con_cls;

        conn_set_busy(c, true);
        if (v->status != 0)
            return reply_text(s, c, method, url, v->status, v->text);
        *con_cls = NULL;
    }
    is_get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    if (!is_get)
        return on_other(s, c, url, method, upload_data, upload_size, con_cls);
    if (*con_cls == NULL) {
        /* a GET that declares a body too large to read and drop, or a body its client
         * will not send before "100 Continue", is refused before the body is sent */
        bool expect = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_EXPECT);
        bool chunked =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);

        if (content_length(c) > (int64_t)HTTP_MAX_BODY ||
            (expect && (content_length(c) > 0 || chunked))) {
            *con_cls = &get_refused_marker;
            return reply_text(s, c, method, url, MHD_HTTP_CONTENT_TOO_LARGE,
                              N_("A GET request cannot have a body.\n"));
        }
        *con_cls = &first_call_marker; /* answer on the second call: keep-alive */
        return MHD_YES;
    }
    if (*upload_size != 0 || *con_cls == &get_body_marker || *con_cls == &get_refused_marker) {
        /* a GET with a body: its body is read and dropped, then refused with 400, so that
         * the answer reaches the client instead of a reset (one that declared more than
         * HTTP_MAX_BODY was refused with 413 before it was sent) */
        struct live_conn *lc = conn_slot(c);
        size_t got = *upload_size;

        *upload_size = 0;
        if (*con_cls == &get_refused_marker)
            return MHD_YES;
        *con_cls = &get_body_marker;
        if (got == 0)
            return reply_text(s, c, method, url, MHD_HTTP_BAD_REQUEST,
                              N_("A GET request cannot have a body.\n"));
        if (lc == NULL || atomic_fetch_add(&lc->got, got) + got <= HTTP_MAX_BODY)
            return MHD_YES;
        /* a chunked GET body past the limit: libmicrohttpd 0.9.75 cannot queue an answer
         * while a body is arriving, so the connection is closed unanswered */
        *con_cls = &get_refused_marker;
        log_msg(LOG_WARN, "msg=\"GET body cut off: over the limit\"");
        return MHD_NO;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    {
        const struct verdict *bad = head_refused(c, url);

        if (bad != NULL)
            return reply_text(s, c, method, url, bad->status, bad->text);
    }

    w = worker_get(s);
    if (w->db == NULL)
        return reply_unavailable(s, c, w, method, url);
    content0 = atomic_load(&s->gen_content); /* before the render: see render_generations */
    inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);

    req_init(s, &rq, c, &w->arena, w->db, method, url);
    log_set_request(rq.id);
    buf_init(&key, HTTP_MAX_CACHE_KEY);

    /* route and validate first: the cache key is the canonical request */
    if (web_prepare(&rq, &prep)) {
        keyed = s->cache.n > 0 && web_cache_key(&rq, &key);
        if (keyed)
            slot = fnv1a(key.data) % s->cache.n;
        if (keyed && web_cacheable(&rq, CACHE_LOOKUP) &&
            cache_serve(s, c, slot, key.data, inm, &ret, &status, &counted, &claimed)) {
            if (counted)
                view_count(s, url);
            access_log(s, method, url, status, 0, true, &t0);
            goto done;
        }
        /* one read transaction for the whole render: one snapshot, one lock */
        db_read_begin(w->db);
        web_handle(&rq);
        db_read_end(w->db);
    }

    status = (unsigned)rq.resp.status;
    resp = make_response(&rq, &blen);
    /* this connection's own reference first (see the ownership rule above) */
    if (web_cacheable(&rq, CACHE_REVALIDATE) && etag_match(inm, rq.resp.etag)) {
        ret = reply_304(c, resp);
        status = 304;
    } else {
        ret = MHD_queue_response(c, status, resp);
    }
    if (keyed && web_cacheable(&rq, CACHE_STORE)) {
        render_generations(s, web_page_scope(&rq), content0, &scope, &gen, &mgen);
        cache_publish(s, slot, key.data, rq.resp.etag, scope, gen, mgen, rq.resp.expires,
                      rq.page_key != NULL, resp);
    } else {
        if (claimed)
            cache_unclaim(s, slot, key.data); /* not to be kept (an error): the next may try */
        MHD_destroy_response(resp);
    }
    if (rq.page_key != NULL && (status == 200 || status == 304))
        view_count(s, rq.page_key);
    access_log(s, method, url, status, blen, false, &t0);
done:
    log_set_request(0);
    buf_free(&key);
    buf_free(&rq.resp.body);
    arena_reset(&w->arena);
    return ret;
}

/* ---------------------------------------------------------------- lifecycle */

/*
 * The allocator's policy for a server, set before any thread runs. glibc gives a thread
 * heap's free top back to the kernel (madvise) as soon as it passes the trim threshold,
 * and serves blocks above the mmap threshold from fresh mappings; a request renders into
 * arenas that grow and are freed again each time, so on its own glibc handed the same pages
 * back and faulted them in again on every uncached request: measured on the demo mission
 * page without the cache, 36 % of the server's time was the kernel's (page faults, and the
 * TLB shoot-downs of madvise on the other cores), and the page ran at half the rate it
 * runs at now. Both thresholds fixed well above what one request uses (this also stops
 * glibc from moving them by itself): 8 MiB of free top before a heap is trimmed, blocks of
 * 4 MiB and more (a bulk package, a large export) mapped on their own. The watcher's
 * malloc_trim every TRIM_SECONDS returns what stays free in between: with 64 and 32 MiB and
 * a trim a minute the PostgreSQL soak's resident size grew 10.8 % over 1,000,000 requests
 * (goal: under 10 %); with these and a trim every 10 s, 7.2 % over 300,000 (tests/soak).
 */
static void
malloc_policy(void)
{
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
}

/* What http_serve built, before any of its threads run and after all have stopped. */
static void
server_init(struct server *s, const struct serve_conf *c)
{
    size_t i;

    memset(s, 0, sizeof(*s));
    s->conf = c;
    pthread_mutex_init(&s->workers_mu, NULL);
    atomic_init(&s->gen_content, 1);
    atomic_init(&s->gen_all, 1);
    for (i = 0; i < HTTP_MISSION_GENERATIONS; i++)
        atomic_init(&s->gen_mission[i], 1);
    atomic_init(&s->request_ids, 0);
    pthread_rwlock_init(&s->cache.lock, NULL);
    s->cache.n = c->cache_entries > 0 ? (size_t)c->cache_entries : 0;
    if (s->cache.n > 0) {
        s->cache.slots = calloc(s->cache.n, sizeof(*s->cache.slots));
        if (s->cache.slots == NULL)
            die("out of memory");
    }
    pthread_mutex_init(&s->views.mu, NULL);
    s->views.cap = 2 * HTTP_MAX_COUNTED_PAGES;
    s->views.slots = calloc(s->views.cap, sizeof(*s->views.slots));
    if (s->views.slots == NULL)
        die("out of memory");
    pthread_mutex_init(&s->seen.mu, NULL);
    s->seen.cap = 2 * HTTP_MAX_SEEN_SESSIONS;
    s->seen.slots = calloc(s->seen.cap, sizeof(*s->seen.slots));
    if (s->seen.slots == NULL)
        die("out of memory");
    for (i = 0; i < N_WRITERS; i++)
        pthread_mutex_init(&s->writers[i].mu, NULL);
    atomic_init(&s->watching, false);
    atomic_init(&s->mailing, false);
    pthread_mutex_init(&s->live.mu, NULL);
    /* the per-address cap is ours (accept_policy), not libmicrohttpd's: see live_conn */
    s->live.n = (size_t)c->max_connections + 64;
    s->live.v = calloc(s->live.n, sizeof(*s->live.v));
    if (s->live.v == NULL)
        die("out of memory");
    atomic_init(&s->imports_active, 0);
}

static void
server_free(struct server *s)
{
    struct worker *w, *next;
    size_t i;

    for (w = s->workers; w != NULL; w = next) {
        next = w->next;
        db_close(w->db);
        arena_free(&w->arena);
        free(w);
    }
    while (s->n_spare > 0)
        db_close(s->spare[--s->n_spare]);
    free(s->spare);
    for (i = 0; i < s->cache.n; i++) {
        if (s->cache.slots[i].resp != NULL)
            MHD_destroy_response(s->cache.slots[i].resp);
        free(s->cache.slots[i].key);
        free(s->cache.slots[i].etag);
    }
    free(s->cache.slots);
    free(s->live.v);
    for (i = 0; i < s->views.cap; i++)
        free(s->views.slots[i].page);
    free(s->views.slots);
    free(s->seen.slots);
    pthread_mutex_destroy(&s->seen.mu);
    for (i = 0; i < N_WRITERS; i++) {
        db_close(s->writers[i].db);
        pthread_mutex_destroy(&s->writers[i].mu);
    }
    pthread_mutex_destroy(&s->workers_mu);
    pthread_rwlock_destroy(&s->cache.lock);
    pthread_mutex_destroy(&s->views.mu);
    pthread_mutex_destroy(&s->live.mu);
    memset(s, 0, sizeof(*s));
}

int
http_serve(const struct serve_conf *c)
{
    struct server srv, *s = &srv;
    struct MHD_Daemon *d;
    struct sockaddr_in sa;
    const union MHD_DaemonInfo *info;
    pthread_t watch_thread, mail_thread;
    bool mailing = mail_on(c);
    sigset_t sigs;
    struct db *probe;
    struct db_opts o = {.sync_normal = c->sync_normal};
    int sig, threads, waited, trusted_n;
    unsigned flags;
    MHD_socket listen_fd;
    struct netaddr trusted[NETADDR_MAX_TRUSTED];

    /* fail at start, not on the first request, if the database is unusable */
    if (db_open(c->db_url, &o, &probe) != ERR_OK)
        return 1;
    if (db_schema_version(probe) <= 0) {
        log_msg(LOG_ERROR, "msg=\"the database has no schema: run samverka init or migrate\"");
        db_close(probe);
        return 1;
    }
    db_close(probe);
    if (mailing &&
        (c->smtp_from == NULL || !mail_is_address(c->smtp_from) ||
         (strncmp(c->smtp_url, "smtp://", 7) != 0 && strncmp(c->smtp_url, "smtps://", 8) != 0))) {
        log_msg(LOG_ERROR, "msg=\"smtp-url must be smtp://HOST:PORT or smtps://HOST:PORT, with "
                           "smtp-from an address\"");
        return 1;
    }
    /* the data's licence: refused below unless it is one of licence.c's */
    const char *licence_id = c->data_licence != NULL ? c->data_licence : LICENCE_DEFAULT;
    struct web_conf wc = {c->locale_dir, c->public_url, c->session_idle, licence_find(licence_id)};

    /* the cookies' attributes and the origin writes must come from follow from it */
    if (c->public_url != NULL && *c->public_url &&
        (!str_is_http_url(c->public_url) || strlen(c->public_url) > 200)) {
        log_msg(LOG_ERROR, "msg=\"public-url must be the site's http:// or https:// address\"");
        return 1;
    }
    if (wc.data_licence == NULL) {
        struct buf known;
        char got[160];

        buf_init(&known, 0);
        licence_known(&known);
        log_repr(got, sizeof(got), licence_id, strlen(licence_id));
        log_msg(LOG_ERROR, "msg=\"data-licence must be an SPDX identifier of: %s\" got=\"%s\"",
                buf_err(&known) ? "" : known.data, got);
        buf_free(&known);
        return 1;
    }
    /* the proxies whose X-Forwarded-For names the client (netaddr.h) */
    {
        struct netaddr proxies[NETADDR_MAX_TRUSTED];
        char bad[80], shown[160];
        int n = netaddr_list(c->trusted_proxy != NULL ? c->trusted_proxy : "", proxies,
                             NETADDR_MAX_TRUSTED, bad, sizeof(bad));

        if (n < 0) {
            log_repr(shown, sizeof(shown), bad, strlen(bad));
            log_msg(LOG_ERROR,
                    "msg=\"trusted-proxy must be at most %d IP addresses, separated by commas\" "
                    "got=\"%s\"",
                    NETADDR_MAX_TRUSTED, shown);
            return 1;
        }
        trusted_n = n;
        memcpy(trusted, proxies, sizeof(proxies));
    }
    if (!web_init(&wc))
        log_msg(LOG_WARN, "msg=\"running without some translations\"");

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)c->port);
    if (inet_pton(AF_INET, c->host, &sa.sin_addr) != 1) {
        log_msg(LOG_ERROR, "msg=\"listen address must be an IPv4 address\"");
        return 1;
    }
    server_init(s, c);
    memcpy(s->trusted, trusted, sizeof(trusted));
    s->n_trusted = trusted_n;
    malloc_policy();

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
    if (c->warm_connections)
        warm_connections(s, threads);
    flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_TURBO;
    d = MHD_start_daemon(flags, 0, accept_policy, s, on_request, s, MHD_OPTION_NOTIFY_COMPLETED,
                         on_completed, s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                         MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
                         MHD_OPTION_CONNECTION_LIMIT, (unsigned int)c->max_connections,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)c->timeout,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_CONN_MEMORY,
                         MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024, MHD_OPTION_END);
    if (d == NULL) {
        log_msg(LOG_ERROR, "msg=\"cannot listen\" host=%s port=%d", c->host, c->port);
        server_free(s);
        return 1;
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    log_msg(LOG_INFO, "msg=\"listening\" url=http://%s:%u/ threads=%d", c->host,
            info ? (unsigned)info->port : (unsigned)c->port, threads);
    fprintf(stdout, "samverka: listening on http://%s:%u/\n", c->host,
            info ? (unsigned)info->port : (unsigned)c->port);
    fflush(stdout);

    atomic_store(&s->watching, true);
    if (pthread_create(&watch_thread, NULL, watcher, s) != 0)
        die("cannot start the change watcher");
    /* curl_global_init is thread-safe from libcurl 7.84 (Debian 12 has 7.88), and no other
     * thread uses libcurl */
    if (mailing && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        die("libcurl cannot start");
    if (c->public_url != NULL && *c->public_url != '\0')
        snprintf(s->base_url, sizeof(s->base_url), "%.*s", (int)strcspn(c->public_url, "?#"),
                 c->public_url);
    else
        snprintf(s->base_url, sizeof(s->base_url), "http://%s:%u", c->host,
                 info ? (unsigned)info->port : (unsigned)c->port);
    while (*s->base_url != '\0' && s->base_url[strlen(s->base_url) - 1] == '/')
        s->base_url[strlen(s->base_url) - 1] = '\0';
    atomic_store(&s->mailing, true);
    if (pthread_create(&mail_thread, NULL, mail_sender, s) != 0)
        die("cannot start the mail sender");

    sig = 0;
    sigwait(&sigs, &sig);
    log_msg(LOG_INFO, "msg=\"shutting down\" signal=%d", sig);

    /* stop accepting (and close the listening socket, so that new connections are
     * refused at once instead of waiting in its backlog), end idle keep-alive connections,
     * let requests in progress finish (bounded), then stop */
    listen_fd = MHD_quiesce_daemon(d);
    if (listen_fd != MHD_INVALID_SOCKET)
        close(listen_fd);
    for (waited = 0; waited < c->drain_seconds * 20; waited++) {
        close_idle_connections(s);
        info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (info == NULL || info->num_connections == 0)
            break;
        usleep(50000);
    }
    MHD_stop_daemon(d);

    /* the watcher writes the views still in memory on its way out */
    atomic_store(&s->watching, false);
    pthread_join(watch_thread, NULL);
    atomic_store(&s->mailing, false);
    pthread_join(mail_thread, NULL);
    if (mailing)
        curl_global_cleanup();
    server_free(s);
    web_fini();
    log_msg(LOG_INFO, "msg=\"stopped\"");
    return 0;
}
