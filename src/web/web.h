/*
 * web.h — the boundary between the HTTP glue (src/http) and the application.
 *
 * http fills a struct req from the wire (method, path, query parameters,
 * the few headers we use) and calls web_handle(); web finds the route in the
 * route table (routes.c), validates the declared parameters into typed values,
 * runs the handler and leaves the response in req->resp. web knows nothing
 * of libmicrohttpd.
 */
#ifndef WEB_WEB_H
#define WEB_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct licence; /* domain/licence.h */

/* The storage connection a request reads through: web passes it on to domain/, and does
 * not call db/ itself beyond the seams scripts/lint.sh allows. */
struct db;

enum lang { LANG_SV, LANG_EN, LANG__MAX };

/* Limits at the application boundary (the HTTP ones are in http/limits.h). */
#define WEB_MAX_PARAMS       12          /* declared parameters per route */
#define WEB_MAX_PARAM_LEN    256         /* bytes in one parameter value */
#define WEB_MAX_BODY_OUT     (64u << 20) /* a response (an export of a large indicator) */
#define WEB_MAX_JSON_IN      (1u << 20)  /* a JSON request body */
#define WEB_MAX_DATA_IN      (25u << 20) /* an uploaded data file */
#define WEB_MAX_FORM_IN      (1u << 20)  /* a form (application/x-www-form-urlencoded) */
#define WEB_MAX_RESP_HEADERS 8           /* headers in resp.headers: Set-Cookie, Location ... */
/* a data file posted by the upload form (multipart/form-data): the file's limit, and room
 * for the form's other parts and framing, so a file the API takes the form takes too */
#define WEB_MAX_UPLOAD_IN (WEB_MAX_DATA_IN + (64u << 10))

/* A validated parameter value. */
struct pval {
    bool present;
    const char *s; /* the value as text (validated) */
    int64_t i;     /* P_INT, P_YEAR */
};

/* Why a request is refused (see req_refuse in route.h); the status and code are routes.c's. */
enum refusal {
    REFUSE_PARAM,         /* 400 invalid_parameter: a parameter, or the body's syntax */
    REFUSE_UNAUTHORIZED,  /* 401 unauthorized: no credentials, or not valid ones */
    REFUSE_FORBIDDEN,     /* 403 forbidden: who asks may not do this */
    REFUSE_NOT_FOUND,     /* 404 not_found: a page past the last of a list (field: page) */
    REFUSE_TOO_LARGE,     /* 413 too_large: a data file over a limit */
    REFUSE_UNPROCESSABLE, /* 422 unprocessable: well-formed, but a value is wrong */
    REFUSE_INVALID_DATA,  /* 422 invalid_data: a data file, with line and column */
    REFUSE_SIGN_IN,       /* a page: 303 to the sign-in page and back; elsewhere 401 */
    REFUSE__MAX
};

/* What a request body is, as the route declares it. */
enum body_kind {
    BODY_NONE,
    BODY_JSON,
    BODY_DATA,
    BODY_FORM,
    BODY_UPLOAD, /* multipart/form-data with a file: spooled to a file like BODY_DATA */
};

struct req;
struct auth;
struct form;
struct upload;

/* A response header other than those the seam sets itself (see resp_header). */
struct resp_header {
    const char *name;
    const char *value;
};

struct resp {
    int status;
    const char *content_type;
    struct buf body;
    const char *etag; /* set by web_handle for every 200 */
    /* Content-Disposition, Allow, WWW-Authenticate, Retry-After, Set-Cookie, Location ...:
     * added with resp_header, applied by http to every response alike; an error response
     * starts with none of the handler's */
    struct resp_header headers[WEB_MAX_RESP_HEADERS];
    int n_headers;
    /* Unix seconds from which the body is no longer true by the clock alone, whatever is
     * written meanwhile (a seminar's registration closing, its start, its end); 0: never.
     * A cached copy is rendered again from then (http). Set with resp_expires. */
    int64_t expires;
};

/*
 * Add a header to rq's response. name and value are borrowed: they must live as long as the
 * request (a literal or the request's arena). Errors, with nothing added: ERR_LIMIT past
 * WEB_MAX_RESP_HEADERS; ERR_INVALID for a name that is not an HTTP token or is one the seam
 * sets itself (Content-Type, ETag, Cache-Control, Vary, the security headers ...), or a
 * value with a control character (no header can be split or injected).
 */
enum err resp_header(struct req *rq, const char *name, const char *value);

/* The response stops being true at Unix second at (a time the page shows as ahead: a
 * deadline, a start, an end): rq->resp.expires becomes the earliest such time given. */
void resp_expires(struct req *rq, int64_t at);

/* Supplied by the caller (http): raw query-string lookup. */
typedef const char *(*req_getter)(void *ctx, const char *name);

/*
 * Supplied by the caller (http): record that session_id was used at now and return the
 * latest earlier use the caller remembers (0: none). The server keeps these in memory and
 * writes them in batches (user_sessions_seen), so a signed-in page view is no write of its
 * own; web checks the idle limit against the later of this and the database's time.
 */
typedef int64_t (*req_session_seen)(void *srv, int64_t session_id, int64_t now);

/*
 * Supplied by the caller (http): record that the user token token_id was used at now. Kept
 * in memory and written in batches (user_tokens_seen) like a session's use, so that an API
 * read with a token is no write and empties no cache; "last used" on the account's token
 * page is then at most one flush interval behind.
 */
typedef void (*req_token_seen)(void *srv, int64_t token_id, int64_t now);

struct req {
    struct arena *arena;
    struct db *db;
    uint64_t id;
    const char *method;
    const char *path;     /* decoded, starts with '/' */
    const char *log_path; /* path as logs may show it (web_log_path); set when it is routed */
    req_getter query;
    void *ctx;
    const char *accept_language;
    /* credentials as presented: only the authentication (auth.c) reads them */
    const char *authorization;
    const char *cookie; /* the Cookie header, raw (at most HTTP_MAX_COOKIE bytes) */
    const char *content_type;
    const char *sec_fetch_site;
    const char *origin;            /* the Origin header: checked on every write */
    const char *host;              /* the Host header (the expected origin without public-url) */
    const char *csrf_header;       /* X-CSRF-Token: a cookie-authenticated API write carries it */
    const char *client_ip;         /* the peer's address as text (throttling, the security log) */
    req_session_seen session_seen; /* NULL: no memory of uses (each check reads the database) */
    req_token_seen token_seen;     /* NULL: a user token's use is not recorded */
    void *srv;
    int64_t content_length; /* -1: not given */
    /* the request body, spooled by the caller before web_handle: in memory
     * (body, body_len) for JSON and forms, in a file (body_fd) for data and uploads */
    const char *body;
    size_t body_len;
    int body_fd;
    struct db *wdb;    /* the writer connection (routes with RF_WRITE), held exclusively */
    struct form *form; /* a BODY_FORM route's fields, parsed and CSRF-checked by web_handle */
    /* a BODY_UPLOAD route's body (web/upload.h): its csrf part read and checked by
     * web_handle, the rest for the handler to read */
    struct upload *upload;

    /* filled by web_handle */
    enum lang lang;
    bool lang_in_query; /* ?lang= given: links carry it on */
    const struct route *route;
    struct pval params[WEB_MAX_PARAMS];
    const char *page_key; /* page-view key (the path) for counted pages, else NULL */
    /* req_shows_mission: the one mission the page shows (0: none named, -1: several) */
    int64_t shown_mission;
    /* set by req_invalid / req_refuse / req_refuse_at for a handler that returns ERR_INVALID */
    enum refusal err_kind;
    const char *err_field;
    const char *err_msg;
    bool err_at; /* err_line and err_column say where in a data file */
    long err_line, err_column;
    struct auth *auth; /* who asks, once established (auth.c's; see web/auth.h) */
    bool prepared;     /* web_prepare succeeded: web_handle need not route again */
    struct resp resp;
};

/* What web_prepare tells the caller about a request before its body arrives. */
struct prepared {
    enum body_kind body;
    size_t body_max;
    bool write;  /* run with the writer connection, one at a time */
    bool open;   /* an open write (RF_OPEN: sign-in...): on a writer of its own, one at a time */
    bool import; /* an expensive upload: counts against the import limit */
};

/*
 * Pick the language: ?lang=sv|en, else Accept-Language by its quality values (RFC 9110
 * §12.5.4; a header that names neither Swedish nor English gets English), else, when the
 * request states no preference, unset: web_lang_unset(path). *out_explicit: ?lang= decided.
 */
enum lang web_pick_lang(const char *query_lang, const char *accept_language, enum lang unset,
                        bool *out_explicit);

/*
 * The language of a request to path that states none: English under /api/ (programs read
 * the API; English is what an API's messages are expected in), Swedish for the pages (the
 * site publishes Swedish missions for a Swedish public; English is the translation).
 */
enum lang web_lang_unset(const char *path);

/*
 * msgid in the language of a request refused on its head alone (the http layer's plain-text
 * answers): by accept_language (NULL: none) and path, as web_pick_lang without ?lang= (the
 * query is not read yet). Switches the calling thread's locale. The result lives as long as
 * the process (gettext's catalogue) or is msgid itself.
 */
const char *web_plain_text(const char *msgid, const char *accept_language, const char *path);

/*
 * Before a body is read: route, validate parameters, authenticate and check the
 * declared content type and length. Returns true to go on (reading the body as
 * *out says); false with an error response in rq->resp.
 */
bool web_prepare(struct req *rq, struct prepared *out);

/*
 * After a successful web_prepare of a GET: the key under which its response may be cached,
 * built from what the handler can see (language, the route, its declared and validated
 * parameters), so that an undeclared query parameter neither forces a render nor takes a
 * second entry. False (key unusable) when the route is not cacheable or the key too long.
 */
bool web_cache_key(const struct req *rq, struct buf *key);

/*
 * The one cache rule, asked by http at each use of the shared response cache and of
 * conditional GET. The shared cache holds only what anonymous visitors see:
 *  - CACHE_LOOKUP: may this request be answered from the cache? Not when it presents
 *    credentials (an Authorization header; next, a session cookie), whose answer may
 *    differ by who asks.
 *  - CACHE_STORE: may this response be kept? A 200 of a route marked RF_CACHE, unless the
 *    handler read a principal other than anonymous (req_principal).
 *  - CACHE_REVALIDATE: may it be answered 304 on a matching If-None-Match? The same,
 *    whatever the route.
 */
enum cache_use { CACHE_LOOKUP, CACHE_STORE, CACHE_REVALIDATE };
bool web_cacheable(const struct req *rq, enum cache_use use);

/*
 * The scopes of the response cache (docs/internals/http.md, "Scopes"). web_page_scope: the
 * one mission whose content alone a rendered response shows (an RF_ONE_MISSION route whose
 * handler named exactly one mission), else 0: it depends on everything. web_write_scope:
 * what a handled write can have changed of the public pages, by the authorization table's
 * rules it was allowed (authz_touches); *mission_id is set for WEB_TOUCHES_MISSION. A write
 * that was allowed no rule touches everything (when unsure, everything).
 */
enum web_touches { WEB_TOUCHES_NOTHING, WEB_TOUCHES_MISSION, WEB_TOUCHES_ALL };
int64_t web_page_scope(const struct req *rq);
enum web_touches web_write_scope(const struct req *rq, int64_t *mission_id);

/*
 * The Cache-Control and Vary of rq's response, by the same rule: no-cache for a 200 anyone
 * may see, "private, no-store" for one read for someone, no-store for an error; Vary names
 * Authorization and Cookie when the principal was read. Static strings.
 */
void web_caching(const struct req *rq, const char **out_cache_control, const char **out_vary);

/* Refusals the HTTP glue decides on; web words them (translated) in the route's kind, or
 * for a request not yet routed, as JSON under /api/ and as an HTML page elsewhere. */
enum web_refusal {
    WR_TOO_LARGE,          /* 413: the body is over the route's limit */
    WR_TOO_MANY_IMPORTS,   /* 429: --max-imports uploads are running */
    WR_UPLOAD_UNAVAILABLE, /* 503: no temporary file for the upload */
    WR_UPLOAD_FAILED,      /* 503: writing the upload failed */
    WR_DB_UNAVAILABLE,     /* 503: no database connection */
};
void web_refuse(struct req *rq, enum web_refusal why);

/* Replace the response with an error page (HTML, JSON or text by route kind). */
void web_error(struct req *rq, int status, const char *field, const char *msg);

/* Route, validate, handle. Always leaves a complete response in rq->resp. */
void web_handle(struct req *rq);

/*
 * path as it may be written to a log: a path parameter that is a credential (a password
 * reset link's token) replaced by its name in braces ("/account/reset/{token}"); out (of
 * size bytes) holds the result when it differs, else path itself is returned. The routes
 * with such a parameter are found once by web_init, which must have run.
 */
const char *web_log_path(const char *path, char *out, size_t size);

/*
 * What web needs to know of the deployment, set once by web_init before any request (the
 * server's threads only read it).
 */
struct web_conf {
    const char *locale_dir;
    /* the site's public address, e.g. https://uppdrag.example.se: with https the cookies
     * are __Host- and Secure; writes must come from its origin. "" or NULL: plain-HTTP
     * development mode (cookies without the prefix and Secure; the Host header's origin) */
    const char *public_url;
    int session_idle; /* seconds a session may go unused; 0: USER_SESSION_IDLE */
    /* the licence of the published data (domain/licence.h; NULL: LICENCE_DEFAULT's) */
    const struct licence *data_licence;
};

/* One-time setup: gettext catalogues and locales, the deployment; false if a locale is
 * missing. */
bool web_init(const struct web_conf *conf);
/* The licence of the published data (web_conf's; before web_init, the default). Static. */
const struct licence *web_data_licence(void);

/*
 * The open-data headers of rq's response, for http to add to it (and to its 304): on a
 * public data route (RF_DATA without RF_PERSONAL) Access-Control-Allow-Origin: * with
 * Access-Control-Expose-Headers, whatever the status and whoever asks (never
 * Allow-Credentials: docs/security.md), and on its 200 Link: <licence>; rel="license".
 * Writes up to WEB_OPEN_HEADERS names and values (static strings) and returns how many.
 */
#define WEB_OPEN_HEADERS 3
int web_open_headers(const struct req *rq, const char *out_name[WEB_OPEN_HEADERS],
                     const char *out_value[WEB_OPEN_HEADERS]);
void web_fini(void);

/*
 * The warm-up of a new PostgreSQL read connection (http's warm_connections): the paths of
 * the public pages a visitor is likeliest to ask for first, in the order to render them —
 * the list of missions, the first mission's page, then its indicators' pages in the
 * mission page's order — at most max, read through db, the strings in a. Returns how many
 * (the list of missions alone when there is no mission or a read fails).
 */
int web_warm_paths(struct db *db, struct arena *a, const char **out, int max);

#endif
