/*
 * api_openapi.c — /api/v1/openapi.json, the OpenAPI 3.0.3 description of the
 * JSON API: the document's frame.
 *
 * The paths come from the route table (routes[] in routes.c), so a route
 * cannot exist without being documented: every route under /api/v1 gives a
 * path item with its operation, its declared parameters (schemas from their
 * validators) and its responses. The components are the resources each
 * api_<entity>.c registers (api.h): the same field tables that drive the
 * JSON writer (resource.h), so a response and its schema cannot drift apart.
 * tests/unit/test_openapi.c checks that every route, every $ref and every
 * field of every table is covered.
 *
 * Needs no database and no request state beyond the arena and the body
 * buffer, so the unit test can call it with a bare struct req. Writes only
 * through the JSON writer.
 */
#include <ctype.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/licence.h"
#include "web/api.h"
#include "web/handlers.h"
#include "web/json.h"
#include "web/route.h"

#define API_PREFIX "/api/v1"
#define SCHEMA_REF "#/components/schemas/"
/* the same rule as str_is_slug, for clients that validate before asking */
#define SLUG_PATTERN       "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
#define SDG_TARGET_PATTERN "^[0-9]{1,2}\\.[0-9a-j]{1,2}$"

/* ------------------------------------------------------------ components */

/* The body of every error answer, which resp.c writes (the line and column of an import's
 * error come with api_write.c's refusal); this table describes it. */
/* clang-format off */
static const struct res_field error_fields[] = {
    R_DOC_OBJ("error", R_FIELDS(
        R_DOC("code", RT_STR, 0,
              "invalid_parameter, unauthorized, forbidden, not_found, method_not_allowed, "
              "too_large, unsupported_media_type, unprocessable, invalid_data, "
              "too_many_requests, unavailable or internal_error"),
        R_DOC("message", RT_STR, 0, "For people, in the request's language"),
        R_DOC("field", RT_STR, RES_NULL, "The parameter at fault"),
        R_DOC("line", RT_INT, RES_OPT, "Imports: the line of the file at fault"),
        R_DOC("column", RT_INT, RES_OPT,
              "Imports: the column (field position) at fault, 0 if none")),
        0, NULL),
    R_END,
};
/* clang-format on */

static const struct resource error = {
    .name = "Error",
    .desc = "The body of every 4xx and 5xx answer",
    .fields = error_fields,
};

static const struct resource *const frame_resources[] = {&res_text, &res_page_links, &error, NULL};

const struct resource *const *const api_resources[] = {
    frame_resources,
    api_mission_resources,
    api_network_resources,
    api_indicator_resources,
    api_actor_resources,
    api_person_resources,
    api_initiative_resources,
    api_sdg_resources,
    api_principal_resources,
    api_edit_mission_resources,
    api_edit_resources,
    api_proposal_resources,
    api_site_resources,
    api_commitment_resources,
    api_dialogue_resources,
    api_seminar_resources,
    api_portfolio_resources,
    api_learning_resources,
    NULL,
};

static void
put_ref(struct json *j, struct req *rq, const char *name)
{
    json_kstr(j, "$ref", arena_printf(rq->arena, SCHEMA_REF "%s", name));
}

static void
put_schemas(struct json *j, struct req *rq)
{
    const struct resource *const *const *g, *const *r;

    json_key(j, "schemas");
    json_obj_open(j);
    for (g = api_resources; *g != NULL; g++)
        for (r = *g; *r != NULL; r++) {
            json_key(j, (*r)->name);
            res_schema(j, rq, *r);
        }
    json_obj_close(j); /* schemas */
    json_key(j, "securitySchemes");
    json_obj_open(j);
    json_key(j, "bearerAuth");
    json_obj_open(j);
    json_kstr(j, "type", "http");
    json_kstr(j, "scheme", "bearer");
    json_kstr(j, "description", "An API token from `samverka token create`");
    json_obj_close(j);
    json_obj_close(j); /* securitySchemes */
}

/* ------------------------------------------------------------ paths */

static bool
is_api(const struct route *r)
{
    return strncmp(r->pattern, API_PREFIX "/", sizeof(API_PREFIX)) == 0;
}

/* "get" + each segment after /api/v1 in CamelCase, "{x}" as "ByX": getMissionsBySlugTeam */
static const char *
operation_id(struct req *rq, const struct route *r)
{
    const char *p = r->pattern + strlen(API_PREFIX);
    bool up = true;
    struct buf b;
    const char *s;

    buf_init(&b, 0);
    for (s = r->method; *s; s++)
        buf_addc(&b, (char)tolower((unsigned char)*s));
    for (; *p; p++) {
        if (*p == '{') {
            buf_adds(&b, "By");
            up = true;
        } else if (isalnum((unsigned char)*p)) {
            buf_addc(&b, up ? (char)toupper((unsigned char)*p) : *p);
            up = false;
        } else {
            up = true;
        }
    }
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

static void
put_param_schema(struct json *j, const struct pspec *ps)
{
    json_key(j, "schema");
    json_obj_open(j);
    switch (ps->type) {
    case P_INT:
        json_kstr(j, "type", "integer");
        json_kstr(j, "format", "int64");
        json_kint(j, "minimum", ps->min);
        json_kint(j, "maximum", ps->max);
        break;
    case P_SLUG:
        json_kstr(j, "type", "string");
        json_kstr(j, "pattern", SLUG_PATTERN);
        break;
    case P_ENUM:
        json_kstr(j, "type", "string");
        res_put_enum(j, ps->codes, NULL);
        break;
    case P_TEXT:
    case P_SECRET:
        json_kstr(j, "type", "string");
        json_kint(j, "maxLength",
                  ps->max > 0 && ps->max < WEB_MAX_PARAM_LEN ? ps->max : WEB_MAX_PARAM_LEN);
        break;
    case P_SDG_TARGET:
        json_kstr(j, "type", "string");
        json_kstr(j, "pattern", SDG_TARGET_PATTERN);
        break;
    }
    json_obj_close(j);
}

static void
put_error_response(struct json *j, struct req *rq, const char *status, const char *desc)
{
    json_key(j, status);
    json_obj_open(j);
    json_kstr(j, "description", desc);
    json_key(j, "content");
    json_obj_open(j);
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    put_ref(j, rq, "Error");
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
}

static void
put_request_body(struct json *j, struct req *rq, const struct route *r)
{
    json_key(j, "requestBody");
    json_obj_open(j);
    json_kbool(j, "required", true);
    json_key(j, "content");
    json_obj_open(j);
    if (r->body == BODY_DATA) {
        json_key(j, "text/csv");
        json_obj_open(j);
        json_key(j, "schema");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_kstr(j, "description",
                  "Open SDG-style tidy CSV: Year, optional Series and Units, disaggregation "
                  "columns, optional Source and Note (each value's), Value (at most 25 MiB)");
        json_obj_close(j);
        json_obj_close(j);
    }
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    put_ref(j, rq, r->body_schema);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
}

/* A create: a write POSTed to a collection (a path without parameters, e.g.
 * /api/v1/missions), or one the route table says creates (RF_CREATE). Its handler answers
 * 201 with Location. */
static bool
is_create(const struct route *r)
{
    return (r->flags & RF_WRITE) && strcmp(r->method, "POST") == 0 &&
           (strchr(r->pattern, '{') == NULL || (r->flags & RF_CREATE));
}

static void
put_operation(struct json *j, struct req *rq, const struct route *r)
{
    bool has_params = false, has_path = false, paged = false;
    const struct pspec *ps;
    int k;

    json_obj_open(j);
    json_kstr(j, "summary", r->summary);
    json_kstr(j, "operationId", operation_id(rq, r));
    json_key(j, "parameters");
    json_arr_open(j);
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        ps = &r->params[k];
        has_params = true;
        has_path = has_path || ps->in == PIN_PATH;
        paged = paged || strcmp(ps->name, "page") == 0;
        json_obj_open(j);
        json_kstr(j, "name", ps->name);
        json_kstr(j, "in", ps->in == PIN_PATH ? "path" : "query");
        json_kbool(j, "required", ps->in == PIN_PATH || ps->required);
        json_kstr(j, "description", ps->desc);
        put_param_schema(j, ps);
        json_obj_close(j);
    }
    json_arr_close(j);

    if (r->flags & (RF_WRITE | RF_PERSONAL)) {
        json_key(j, "security");
        json_arr_open(j);
        if (!(r->flags & RF_WRITE)) {
            json_obj_open(j); /* the token is optional: without one, the answer is anonymous */
            json_obj_close(j);
        }
        json_obj_open(j);
        json_key(j, "bearerAuth");
        json_arr_open(j);
        json_arr_close(j);
        json_obj_close(j);
        json_arr_close(j);
    }
    if (r->body != BODY_NONE)
        put_request_body(j, rq, r);

    json_key(j, "responses");
    json_obj_open(j);
    /* a POST to a collection (no parameter in its path) creates: 201 with Location */
    json_key(j, is_create(r) ? "201" : "200");
    json_obj_open(j);
    json_kstr(j, "description", is_create(r) ? "Created; Location names the new resource" : "OK");
    if (is_create(r)) {
        json_key(j, "headers");
        json_obj_open(j);
        json_key(j, "Location");
        json_obj_open(j);
        json_kstr(j, "description", "The new resource's address in the API");
        json_key(j, "schema");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_obj_close(j);
        json_obj_close(j);
        json_obj_close(j);
    }
    if (r->flags & RF_WRITE)
        goto content;
    json_key(j, "headers");
    json_obj_open(j);
    json_key(j, "ETag");
    json_obj_open(j);
    json_kstr(j, "description",
              r->flags & RF_PERSONAL
                  ? "Send it back in If-None-Match to get 304 while unchanged; never 304 to a "
                    "request with a token (its answer is private)"
                  : "Send it back in If-None-Match to get 304 while unchanged");
    json_key(j, "schema");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
content:
    json_key(j, "content");
    json_obj_open(j);
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    if (r->schema != NULL) {
        put_ref(j, rq, r->schema);
    } else {
        json_kstr(j, "type", "object");
        json_kstr(j, "description", "An OpenAPI 3.0.3 document");
    }
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    if (r->flags & RF_WRITE) {
        put_error_response(j, rq, "401", "No API token, or not a valid one");
        put_error_response(j, rq, "403",
                           "The token may not change this mission, or the request "
                           "came from another site");
        put_error_response(j, rq, "413", "The body is too large");
        put_error_response(j, rq, "415", "The body's Content-Type is not accepted");
        put_error_response(j, rq, "422",
                           "The body could not be used; nothing was changed. "
                           "Imports give line and column");
        if (r->flags & RF_IMPORT)
            put_error_response(j, rq, "429", "Too many imports at once; see Retry-After");
    } else {
        json_key(j, "304");
        json_obj_open(j);
        json_kstr(j, "description", "Not modified: If-None-Match named the current ETag");
        json_obj_close(j);
        if (r->flags & RF_PERSONAL)
            put_error_response(j, rq, "401", "The API token given is not valid");
    }
    if (has_params || r->body == BODY_JSON)
        put_error_response(j, rq, "400",
                           r->body == BODY_JSON
                               ? "A parameter is not valid, the body is not JSON, or it has a "
                                 "member that is not one of the schema's; error.field names it"
                               : "A parameter is not valid; error.field names it");
    if (has_path)
        put_error_response(j, rq, "404", "No such resource");
    else if (paged)
        put_error_response(j, rq, "404",
                           "A page past the last (error.field is page); page 1 of an empty "
                           "list is 200 with no items");
    put_error_response(j, rq, "default", "Server error (500) or busy (503)");
    json_obj_close(j);
    json_obj_close(j);
}

static void
put_paths(struct json *j, struct req *rq)
{
    char method[16];
    int i, k;
    size_t m;

    json_key(j, "paths");
    json_obj_open(j);
    for (i = 0; i < n_routes; i++) {
        if (!is_api(&routes[i]))
            continue;
        /* one path item per pattern, holding every method routed to it */
        for (k = 0; k < i; k++)
            if (is_api(&routes[k]) && strcmp(routes[k].pattern, routes[i].pattern) == 0)
                break;
        if (k < i)
            continue;
        json_key(j, routes[i].pattern);
        json_obj_open(j);
        for (k = i; k < n_routes; k++) {
            if (strcmp(routes[k].pattern, routes[i].pattern) != 0)
                continue;
            for (m = 0; m + 1 < sizeof(method) && routes[k].method[m]; m++)
                method[m] = (char)tolower((unsigned char)routes[k].method[m]);
            method[m] = '\0';
            json_key(j, method);
            put_operation(j, rq, &routes[k]);
        }
        json_obj_close(j);
    }
    json_obj_close(j);
}

/* ------------------------------------------------------------ handler */

enum err
api_openapi(struct req *rq)
{
    struct json j;

    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_kstr(&j, "openapi", "3.0.3");
    json_key(&j, "info");
    json_obj_open(&j);
    json_kstr(&j, "title", "samverka API");
    json_kstr(&j, "version", "1.0.0");
    json_kstr(&j, "description",
              "JSON API of samverka: missions with their goal trees and progress, indicators "
              "with their assessment and observations, actors and people, initiatives, mission "
              "teams and the SDG framework. Reads are public; writes (an indicator's data and "
              "progress settings) need an API token (Authorization: Bearer). Lists are paged "
              "(page, per_page up to 100, default 20) and carry links to neighbouring pages; "
              "a page past the last is 404. Every 200 has an ETag; send it in If-None-Match "
              "for a 304. Errors are {\"error\": {\"code\", \"message\", \"field\"}}; the "
              "message is in the request's language: ?lang=sv or ?lang=en, else the one of "
              "Swedish and English Accept-Language weighs higher, else English. "
              "Bilingual texts are {\"sv\", \"en\"}. The data are published under the "
              "licence below: every public read and download says so in a Link header "
              "(rel=\"license\"). Everything public is also one download, "
              "/data/samverka-data.zip: CSV and JSON per table with a Frictionless "
              "datapackage.json. Public reads may be called from any origin (CORS, "
              "Access-Control-Allow-Origin: *, never with credentials).");
    /* the data's licence (the data-licence setting): its SPDX name and text */
    json_key(&j, "license");
    json_obj_open(&j);
    json_kstr(&j, "name", web_data_licence()->name);
    json_kstr(&j, "url", web_data_licence()->url);
    json_obj_close(&j);
    json_obj_close(&j);
    json_key(&j, "servers");
    json_arr_open(&j);
    json_obj_open(&j);
    json_kstr(&j, "url", "/");
    json_obj_close(&j);
    json_arr_close(&j);
    put_paths(&j, rq);
    json_key(&j, "components");
    json_obj_open(&j);
    put_schemas(&j, rq);
    json_obj_close(&j);
    json_obj_close(&j);
    return json_finish(&j);
}
