/*
 * test_openapi.c — the OpenAPI document (src/web/api_openapi.c) against the
 * route table (src/web/routes.c).
 *
 * Builds the document with a bare request (an arena and a body buffer, no
 * database), parses it with jansson and checks, by iterating routes[] rather
 * than a list of its own: every /api/v1 route has a path item with an
 * operation for its method, exactly its declared parameters (name and in,
 * path parameters required, one per {name} of the pattern), a 200 pointing at
 * its response schema, and a unique operationId; every path in the document
 * is a route; every $ref resolves to a defined schema. A route added without
 * being described, or a schema named but not defined, fails here.
 *
 * The components against the field tables (resource.h) they are made from:
 * every registered resource (api.h) is a schema and every schema a registered
 * resource; each table's fields (a spread resource's included, inline objects
 * and arrays of them recursively) are exactly the schema's properties, and the
 * required ones exactly those neither optional nor for the single resource
 * only; a paged list is the envelope around its item's schema. (The writer
 * side, that a table writes what it declares, is test_resource.c's.)
 */
#include <ctype.h>
#include <jansson.h>
#include <string.h>

#include "tap.h"

#include "core/arena.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/resource.h"
#include "web/route.h"

#define API_PREFIX "/api/v1/"
#define SCHEMA_REF "#/components/schemas/"

static bool
str_eq_json(json_t *v, const char *s)
{
    const char *t = json_string_value(v);

    return t != NULL && strcmp(t, s) == 0;
}

/* v["k1"]["k2"]... for a path "k1.k2..." (no key here has a dot); NULL if a step is missing. */
static json_t *
dig(json_t *v, const char *path)
{
    char key[64];
    size_t n;

    while (v != NULL && *path) {
        n = strcspn(path, ".");
        if (n >= sizeof(key))
            return NULL;
        memcpy(key, path, n);
        key[n] = '\0';
        v = json_object_get(v, key);
        path += n + (path[n] == '.');
    }
    return v;
}

static bool
is_api(const struct route *r)
{
    return strncmp(r->pattern, API_PREFIX, strlen(API_PREFIX)) == 0;
}

static void
lower(char *out, size_t n, const char *s)
{
    size_t i;

    for (i = 0; i + 1 < n && s[i]; i++)
        out[i] = (char)tolower((unsigned char)s[i]);
    out[i] = '\0';
}

static int
n_params(const struct route *r)
{
    int k;

    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++)
        ;
    return k;
}

/* The parameter objects of op named name and located in `in`. */
static int
count_param(json_t *params, const char *name, const char *in)
{
    size_t i;
    json_t *p;
    int n = 0;

    for (i = 0; i < json_array_size(params); i++) {
        p = json_array_get(params, i);
        if (str_eq_json(json_object_get(p, "name"), name) &&
            str_eq_json(json_object_get(p, "in"), in))
            n++;
    }
    return n;
}

static void
check_route(json_t *paths, const struct route *r, json_t *op_ids)
{
    json_t *item, *op, *params, *p, *schema;
    const char *name, *in, *brace, *ref;
    char method[16], want_ref[128], pname[64], label[256];
    bool all_declared = true, required_ok = true, is_create;
    size_t i, n;
    int k;

    item = json_object_get(paths, r->pattern);
    if (!ok(json_is_object(item), "%s has a path item", r->pattern))
        return;
    lower(method, sizeof(method), r->method);
    op = json_object_get(item, method);
    if (!ok(json_is_object(op), "%s has a %s operation", r->pattern, method))
        return;
    snprintf(label, sizeof(label), "%s: summary from the route table", r->pattern);
    is_str(json_string_value(json_object_get(op, "summary")), r->summary, label);

    /* operationId present and unique */
    name = json_string_value(json_object_get(op, "operationId"));
    if (ok(name != NULL && *name != '\0', "%s has an operationId", r->pattern)) {
        ok(json_object_get(op_ids, name) == NULL, "operationId %s is unique", name);
        json_object_set_new(op_ids, name, json_true());
    }

    /* exactly the declared parameters */
    params = json_object_get(op, "parameters");
    n = json_is_array(params) ? json_array_size(params) : 0;
    snprintf(label, sizeof(label), "%s: as many parameters as the route declares", r->pattern);
    is_int((int64_t)n, n_params(r), label);
    for (k = 0; k < n_params(r); k++) {
        in = r->params[k].in == PIN_PATH ? "path" : "query";
        if (count_param(params, r->params[k].name, in) != 1) {
            diag("%s: parameter %s in %s missing or repeated", r->pattern, r->params[k].name, in);
            all_declared = false;
        }
    }
    ok(all_declared, "%s documents each declared parameter once", r->pattern);
    for (i = 0; i < json_array_size(params); i++) {
        p = json_array_get(params, i);
        in = json_string_value(json_object_get(p, "in"));
        if (in != NULL && strcmp(in, "path") == 0 && !json_is_true(json_object_get(p, "required")))
            required_ok = false;
        if (!json_is_object(json_object_get(p, "schema")))
            required_ok = false;
    }
    ok(required_ok, "%s: every parameter has a schema, path ones are required", r->pattern);

    /* every {name} of the pattern is a path parameter (OpenAPI requires it) */
    for (brace = strchr(r->pattern, '{'); brace != NULL; brace = strchr(brace + 1, '{')) {
        n = strcspn(brace + 1, "}");
        if (n >= sizeof(pname))
            n = sizeof(pname) - 1;
        memcpy(pname, brace + 1, n);
        pname[n] = '\0';
        snprintf(label, sizeof(label), "%s: {%s} is a path parameter", r->pattern, pname);
        is_int(count_param(params, pname, "path"), 1, label);
    }

    /* the success (201 for a create: a write POSTed to a collection or flagged RF_CREATE,
     * with Location; else 200) names the route's schema; errors use Error */
    schema = json_object_get(op, "responses");
    is_create = (r->flags & RF_WRITE) && strcmp(method, "post") == 0 &&
                (strchr(r->pattern, '{') == NULL || (r->flags & RF_CREATE));
    ok(json_is_object(json_object_get(schema, is_create ? "201" : "200")), "%s documents %s",
       r->pattern, is_create ? "201" : "200");
    if (is_create)
        ok(json_is_object(dig(schema, "201.headers.Location")), "%s documents Location",
           r->pattern);
    if (r->flags & RF_WRITE) {
        /* a write: the token scheme, the body it takes, and how it is refused */
        ok(json_is_array(json_object_get(op, "security")), "%s %s requires a token", method,
           r->pattern);
        ok(json_is_object(dig(op, "requestBody.content.application/json.schema")),
           "%s %s documents its JSON body", method, r->pattern);
        ok(json_is_object(json_object_get(schema, "401")) &&
               json_is_object(json_object_get(schema, "403")) &&
               json_is_object(json_object_get(schema, "422")),
           "%s %s documents 401, 403 and 422", method, r->pattern);
        if (r->body == BODY_DATA)
            ok(json_is_object(dig(op, "requestBody.content.text/csv")), "%s %s takes CSV too",
               method, r->pattern);
    } else {
        ok(json_is_object(json_object_get(schema, "304")), "%s documents 304", r->pattern);
    }
    if (r->schema != NULL) {
        snprintf(want_ref, sizeof(want_ref), SCHEMA_REF "%s", r->schema);
        ref =
            json_string_value(dig(schema, is_create ? "201.content.application/json.schema.$ref"
                                                    : "200.content.application/json.schema.$ref"));
        snprintf(label, sizeof(label), "%s: %s refers to %s", r->pattern, is_create ? "201" : "200",
                 r->schema);
        is_str(ref, want_ref, label);
    }
}

/* Every "$ref" anywhere under v; counts them and the ones that resolve. */
static void
walk_refs(json_t *v, json_t *schemas, int *n_refs, int *n_bad)
{
    const char *key, *ref;
    json_t *child;
    void *it;
    size_t i;

    if (json_is_object(v)) {
        for (it = json_object_iter(v); it != NULL; it = json_object_iter_next(v, it)) {
            key = json_object_iter_key(it);
            child = json_object_iter_value(it);
            if (strcmp(key, "$ref") == 0) {
                ref = json_string_value(child);
                (*n_refs)++;
                if (ref == NULL || strncmp(ref, SCHEMA_REF, strlen(SCHEMA_REF)) != 0 ||
                    json_object_get(schemas, ref + strlen(SCHEMA_REF)) == NULL) {
                    diag("unresolved $ref %s", ref ? ref : "(not a string)");
                    (*n_bad)++;
                }
                continue;
            }
            walk_refs(child, schemas, n_refs, n_bad);
        }
    } else if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++)
            walk_refs(json_array_get(v, i), schemas, n_refs, n_bad);
    }
}

/* An object schema's "required" names must all be among its "properties". */
static void
walk_required(json_t *v, int *n_bad)
{
    json_t *req, *props, *child;
    void *it;
    size_t i;

    if (json_is_object(v)) {
        req = json_object_get(v, "required");
        props = json_object_get(v, "properties");
        if (json_is_array(req)) {
            for (i = 0; i < json_array_size(req); i++) {
                child = json_array_get(req, i);
                if (json_object_get(props, json_string_value(child)) == NULL) {
                    diag("required %s is not a property", json_string_value(child));
                    (*n_bad)++;
                }
            }
        }
        for (it = json_object_iter(v); it != NULL; it = json_object_iter_next(v, it))
            walk_required(json_object_iter_value(it), n_bad);
    } else if (json_is_array(v)) {
        for (i = 0; i < json_array_size(v); i++)
            walk_required(json_array_get(v, i), n_bad);
    }
}

/* ------------------------------------------------------------ tables against schemas */

/* The names a table gives an object, spreads expanded, into names (a JSON object used as a
 * set), and the required ones into req. */
static void
table_names(const struct res_field *fields, json_t *names, json_t *req)
{
    const struct res_field *f;

    for (f = fields; f->name != NULL; f++) {
        if (f->type == RT_SPREAD) {
            table_names(f->res->fields, names, req);
            continue;
        }
        json_object_set_new(names, f->name, json_true());
        if (!(f->flags & (RES_OPT | RES_ONE)))
            json_object_set_new(req, f->name, json_true());
    }
}

/* The object schema s (inline, or through one allOf/$ref hop) describes exactly fields. */
static int
same_fields(json_t *schemas, json_t *s, const struct res_field *fields, const char *where)
{
    json_t *names = json_object(), *req = json_object(), *props, *sreq, *sub;
    const struct res_field *f;
    const char *k;
    int n_bad = 0;
    size_t i;
    void *it;

    table_names(fields, names, req);
    props = json_object_get(s, "properties");
    sreq = json_object_get(s, "required");
    for (it = json_object_iter(names); it != NULL; it = json_object_iter_next(names, it)) {
        k = json_object_iter_key(it);
        if (json_object_get(props, k) == NULL) {
            diag("%s: field %s is not a property of the schema", where, k);
            n_bad++;
        }
    }
    for (it = json_object_iter(props); it != NULL; it = json_object_iter_next(props, it)) {
        k = json_object_iter_key(it);
        if (json_object_get(names, k) == NULL) {
            diag("%s: property %s is no field of the table", where, k);
            n_bad++;
        }
    }
    if (json_array_size(sreq) != json_object_size(req)) {
        diag("%s: %zu required in the schema, %zu in the table", where, json_array_size(sreq),
             json_object_size(req));
        n_bad++;
    }
    for (i = 0; i < json_array_size(sreq); i++)
        if (json_object_get(req, json_string_value(json_array_get(sreq, i))) == NULL) {
            diag("%s: %s is required by the schema, optional in the table", where,
                 json_string_value(json_array_get(sreq, i)));
            n_bad++;
        }
    /* inline objects, and arrays of them, recursively */
    for (f = fields; f->name != NULL; f++) {
        char sub_where[256];

        sub = json_object_get(props, f->name);
        snprintf(sub_where, sizeof(sub_where), "%s.%s", where, f->name);
        if (f->type == RT_OBJ && f->sub != NULL)
            n_bad += same_fields(schemas, sub, f->sub, sub_where);
        else if (f->type == RT_ARR && f->item != NULL && f->item->type == RT_OBJ)
            n_bad += same_fields(schemas, json_object_get(sub, "items"), f->item->sub, sub_where);
    }
    json_decref(names);
    json_decref(req);
    return n_bad;
}

static void
check_components(json_t *schemas)
{
    const struct resource *const *const *g, *const *r;
    json_t *s, *registered = json_object();
    int n = 0, n_bad = 0;
    const char *key;
    char ref[128];
    void *it;
    int i;

    for (g = api_resources; *g != NULL; g++)
        for (r = *g; *r != NULL; r++) {
            n++;
            ok(json_object_get(registered, (*r)->name) == NULL, "resource %s is registered once",
               (*r)->name);
            json_object_set_new(registered, (*r)->name, json_true());
            s = json_object_get(schemas, (*r)->name);
            if (!ok(json_is_object(s), "resource %s is a schema", (*r)->name))
                continue;
            if ((*r)->paged != NULL) {
                snprintf(ref, sizeof(ref), SCHEMA_REF "%s", (*r)->paged->name);
                is_str(json_string_value(dig(s, "properties.items.items.$ref")), ref,
                       "paged list: items are its item resource");
                ok(json_is_object(dig(s, "properties.page")) &&
                       json_is_object(dig(s, "properties.total")) &&
                       json_is_object(dig(s, "properties.links")),
                   "paged list %s: page, total and links", (*r)->name);
                continue;
            }
            if ((*r)->array)
                s = json_object_get(s, "items");
            ok(same_fields(schemas, s, (*r)->fields, (*r)->name) == 0,
               "resource %s: its table's fields are exactly the schema's properties", (*r)->name);
        }
    ok(n >= 25, "the API registers its resources (%d)", n);
    for (it = json_object_iter(schemas); it != NULL; it = json_object_iter_next(schemas, it)) {
        key = json_object_iter_key(it);
        if (json_object_get(registered, key) == NULL) {
            diag("schema %s is no registered resource", key);
            n_bad++;
        }
    }
    is_int(n_bad, 0, "every schema is a registered resource's");
    n_bad = 0;
    for (i = 0; i < n_routes; i++) {
        if (routes[i].schema != NULL && json_object_get(registered, routes[i].schema) == NULL) {
            diag("route %s names %s, no registered resource", routes[i].pattern, routes[i].schema);
            n_bad++;
        }
        if (routes[i].body_schema != NULL &&
            json_object_get(registered, routes[i].body_schema) == NULL) {
            diag("route %s takes %s, no registered resource", routes[i].pattern,
                 routes[i].body_schema);
            n_bad++;
        }
    }
    is_int(n_bad, 0, "every schema a route names is a registered resource");
    json_decref(registered);
}

static enum err
build(struct arena *a, struct req *rq)
{
    memset(rq, 0, sizeof(*rq));
    rq->arena = a;
    rq->db = NULL; /* the document must not need one */
    rq->method = "GET";
    rq->path = "/api/v1/openapi.json";
    buf_init(&rq->resp.body, WEB_MAX_BODY_OUT);
    return api_openapi(rq);
}

int
main(void)
{
    json_t *doc, *paths, *schemas, *op_ids;
    struct req rq, rq2;
    json_error_t jerr;
    struct arena a;
    const char *key;
    void *it;
    int i, n_api = 0, n_refs = 0, n_bad = 0;
    bool found;

    arena_init(&a);
    is_int(build(&a, &rq), ERR_OK, "api_openapi succeeds without a database");
    doc = json_loadb(rq.resp.body.data, rq.resp.body.len, JSON_REJECT_DUPLICATES, &jerr);
    if (!ok(doc != NULL, "the document is JSON without duplicate keys"))
        bail_out("parse error at line %d: %s", jerr.line, jerr.text);

    is_int(build(&a, &rq2), ERR_OK, "built twice");
    ok(rq.resp.body.len == rq2.resp.body.len &&
           memcmp(rq.resp.body.data, rq2.resp.body.data, rq.resp.body.len) == 0,
       "the document is the same every time (stable ETag)");

    is_str(json_string_value(json_object_get(doc, "openapi")), "3.0.3", "openapi 3.0.3");
    is_str(json_string_value(dig(doc, "info.title")), "samverka API", "info.title");
    is_str(json_string_value(dig(doc, "info.version")), "1.0.0", "info.version");
    is_str(json_string_value(
               json_object_get(json_array_get(json_object_get(doc, "servers"), 0), "url")),
           "/", "servers[0].url");

    paths = json_object_get(doc, "paths");
    schemas = dig(doc, "components.schemas");
    if (!ok(json_is_object(paths) && json_is_object(schemas), "paths and components.schemas"))
        bail_out("no paths or schemas");

    op_ids = json_object();
    for (i = 0; i < n_routes; i++) {
        if (!is_api(&routes[i]))
            continue;
        n_api++;
        check_route(paths, &routes[i], op_ids);
        if (routes[i].schema != NULL)
            ok(json_is_object(json_object_get(schemas, routes[i].schema)), "schema %s is defined",
               routes[i].schema);
    }
    ok(n_api > 0, "the route table has API routes (%d)", n_api);

    for (it = json_object_iter(paths); it != NULL; it = json_object_iter_next(paths, it)) {
        key = json_object_iter_key(it);
        found = false;
        for (i = 0; i < n_routes; i++)
            if (is_api(&routes[i]) && strcmp(routes[i].pattern, key) == 0)
                found = true;
        ok(found, "path %s is a route", key);
    }

    walk_refs(doc, schemas, &n_refs, &n_bad);
    ok(n_refs > 0, "the document uses $ref (%d)", n_refs);
    is_int(n_bad, 0, "every $ref resolves to a defined schema");
    n_bad = 0;
    walk_required(schemas, &n_bad);
    is_int(n_bad, 0, "every required name is a property");
    ok(json_is_object(json_object_get(schemas, "Error")), "Error is defined");
    check_components(schemas);

    json_decref(op_ids);
    json_decref(doc);
    buf_free(&rq.resp.body);
    buf_free(&rq2.resp.body);
    arena_free(&a);
    return done_testing();
}
