/*
 * route.h — the route table's types. Each route declares its method, path
 * pattern ({name} segments), the parameters it accepts with their validators,
 * what kind of response it gives and its handler. Undeclared parameters are
 * dropped; handlers read only typed, validated values (req_param & co).
 * The OpenAPI document (api_openapi.c) is generated from this table.
 */
#ifndef WEB_ROUTE_H
#define WEB_ROUTE_H

#include "domain/codes.h"
#include "web/web.h"

enum ptype {
    P_INT,        /* decimal integer in [min, max] */
    P_SLUG,       /* [a-z0-9-], 1-64 */
    P_ENUM,       /* one of the codes of a code set (domain/codes.h) */
    P_TEXT,       /* UTF-8 text, no control characters, at most max bytes */
    P_SECRET,     /* as P_TEXT, and a credential: never logged (web_log_path) */
    P_SDG_TARGET, /* "12.3", "17.a" */
};

enum pin { PIN_PATH, PIN_QUERY };

struct pspec {
    const char *name;
    enum ptype type;
    enum pin in;
    bool required;
    int64_t min, max;
    const struct code_set *codes; /* P_ENUM */
    const char *desc;             /* for OpenAPI, English */
};

enum route_kind {
    RK_HTML, /* errors as HTML pages */
    RK_API,  /* errors as {"error": {...}} */
    RK_FILE, /* downloads and plain text; errors as plain text */
};

#define RF_CACHE  1u /* response may be cached until the next database change */
#define RF_COUNT  2u /* counts as a page view */
#define RF_WRITE  4u /* changes data: needs an API token, runs on the writer connection */
#define RF_IMPORT 8u /* an expensive upload: limited concurrency */
/* answers who asks (its handler reads the principal): OpenAPI documents the optional API
 * token and its 401; the caching follows from the read itself (web_cacheable) */
#define RF_PERSONAL 16u
/* an HTML form post (BODY_FORM): its CSRF token is checked before the handler runs */
#define RF_FORM 32u
/* a write anyone may make (sign in, sign up, ask for a password reset): RF_WRITE without a
 * principal; still RF_FORM's token and the origin checks */
#define RF_OPEN 64u
/* a write that creates below a resource (POST /api/v1/missions/{slug}/proposals): 201 with
 * Location, as a POST to a collection without parameters is without saying (OpenAPI) */
#define RF_CREATE 128u
/* open data: a public read (the API's, a data download) published under the data licence
 * and readable by scripts of any origin: Link rel="license" and CORS (web_open_data), an
 * OPTIONS preflight answered (docs/security.md, "Open data and CORS"). Never with
 * RF_WRITE; with RF_PERSONAL the route is not public and gets neither. */
#define RF_DATA 256u
/* a cached page of one mission's content alone (its page, an indicator's, an initiative's,
 * their downloads): its handler names the mission (req_shows_mission), and the cached copy
 * goes stale only with a write to that mission's content or to everything (web_page_scope) */
#define RF_ONE_MISSION 512u

struct route {
    const char *method;
    const char *pattern;
    enum err (*fn)(struct req *rq);
    enum route_kind kind;
    unsigned flags;
    const char *summary; /* OpenAPI summary, English */
    const char *schema;  /* OpenAPI response schema name (api routes) */
    struct pspec params[WEB_MAX_PARAMS];
    enum body_kind body;     /* what the request body is (writes) */
    const char *body_schema; /* OpenAPI request schema name */
    /* a write's rule in the authorization table (domain/authz.h), by its stable name
     * ("mission.edit"): its handler must ask req_allow for exactly it before it answers
     * (web_handle turns a success that did not into a logged 500), `samverka routes` prints
     * it and the authorization matrix test walks it */
    const char *authz;
};

extern const struct route routes[];
extern const int n_routes;

/* The names `samverka routes` prints for a kind ("html", "api", "file") and for one RF_
 * flag bit ("cache", "count", "write", "import", "personal", "form", "open", "create",
 * "data", "one-mission"); NULL for a bit that is no flag. Static. */
const char *route_kind_name(enum route_kind k);
const char *route_flag_name(unsigned flag);

/* Typed access to validated parameters (NULL / default when absent). */
const struct pval *req_param(const struct req *rq, const char *name);
const char *req_str(const struct req *rq, const char *name);
int64_t req_int(const struct req *rq, const char *name, int64_t dflt);

/* The page being rendered shows mission_id's content (see RF_ONE_MISSION); a page that names
 * two missions shows several, and depends on everything. */
void req_shows_mission(struct req *rq, int64_t mission_id);

/*
 * A refusal: the request's fault, said to the client. A handler sets one and returns
 * ERR_INVALID (`return req_invalid(...)`); web_handle turns the kind into the status and
 * error code, in one table (routes.c). field may be NULL; msg is for people (translated).
 */
enum err req_invalid(struct req *rq, const char *field, const char *msg); /* REFUSE_PARAM */
enum err req_refuse(struct req *rq, enum refusal why, const char *field, const char *msg);
/* The same for a data file, saying where in it: line and column (0 when not one field). */
enum err req_refuse_at(struct req *rq, enum refusal why, const char *field, const char *msg,
                       long line, long column);

/* Send a visitor who must sign in to the sign-in page, and back to next (a path of this
 * site; NULL: the account) afterwards: a 303, and the page says so when their session has
 * just ended. The handler then returns ERR_OK. */
void req_sign_in_first(struct req *rq, const char *next);

/* Validate one raw value against a spec; on failure *out_msg says why (English, static). */
bool param_validate(const struct pspec *ps, const char *raw, struct pval *out,
                    const char **out_msg);

#endif
