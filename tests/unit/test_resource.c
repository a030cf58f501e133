/*
 * test_resource.c — src/web/resource.c, the field-table engine of the JSON API.
 *
 * The writer: a table over a struct of this test, covering every kind of field
 * (integers of both widths, doubles, booleans, codes, bilingual texts with an
 * untranslated half, inline objects present and absent, arrays of strings,
 * integers, objects and resources, a resource's fields spread in, links with a
 * path and a query argument, a computed value), is written from a struct and
 * read back with jansson: every value is the struct's, absent values are null
 * or left out as declared, the single-resource fields only in RES_AS_ONE. The
 * API's Person resource writes a struct person the same way.
 *
 * The writer against the schema: what the writer makes of each struct here is
 * valid against the schema res_schema makes of the same table (a small
 * validator for the OpenAPI subset the engine uses: $ref, allOf, nullable,
 * type, format-free types, enum, required, properties, additionalProperties,
 * items). That includes the assessment, which the domain writes for the CLI
 * too (assess.c): its table only describes it, and this is what keeps the two
 * in step.
 *
 * The links: every link of every registered resource names a GET route of the
 * route table, and each of its arguments is a parameter that route declares
 * (in the path exactly when the pattern has its {name}).
 */
#include <jansson.h>
#include <string.h>

#include "core/arena.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/person.h"
#include "tap.h"
#include "web/api.h"
#include "web/resource.h"
#include "web/route.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------ a table over every kind */

struct thing {
    int64_t id;
    int count;
    const char *name, *colour;
    double weight;
    bool is_demo;
    enum progress_status status;
    const char *title_sv, *title_en;
    bool has_base;
    int base_year;
    double base_value;
    bool has_limit;
    double limit;
    const char *sni, *sni_label;
    int64_t parent_id;
    const char **tags;
    int n_tags;
    int64_t *ids;
    int n_ids;
    const struct person *people;
    int n_people;
    struct person owner;
    const char *secret;
};

static const struct code colour_codes[] = {{"red", NULL}, {"green", NULL}};
static const struct code_set colours = {.codes = colour_codes, .n = 2};

static const char *
status_name(int code)
{
    return progress_status_name((enum progress_status)code);
}

static void
write_upper(struct json *j, struct req *rq, const void *base)
{
    const struct thing *t = base;

    (void)rq;
    json_str(j, t->colour != NULL && t->colour[0] == 'r' ? "RED" : "OTHER");
}

/* clang-format off */
#define T struct thing
static const struct res_field thing_fields[] = {
    R_INT("id", T, id, 0, "An id"),
    R_INT("count", T, count, 0, NULL),
    R_STR("name", T, name, 0, NULL),
    R_ENUM("colour", T, colour, &colours, RES_NULL, NULL),
    R_NUM("weight", T, weight, 0, NULL),
    R_BOOL("is_demo", T, is_demo, 0, NULL),
    R_CODE("status", T, status, &code_progress_status, status_name, 0, NULL),
    R_TEXT("title", T, title_sv, title_en, "A title"),
    R_OBJ_IF("baseline", R_FIELDS(
        R_INT("year", T, base_year, 0, NULL),
        R_NUM("value", T, base_value, 0, NULL)),
        T, has_base, RES_NULL, NULL),
    R_NUM_IF("limit", T, limit, has_limit, RES_NULL, NULL),
    R_OBJ_IF_PTR("sni", R_FIELDS(
        R_STR("code", T, sni, 0, NULL),
        R_STR("label", T, sni_label, RES_NULL, NULL)),
        T, sni, RES_NULL, NULL),
    R_ID_OR_NULL("parent_id", T, parent_id, NULL),
    R_ARR("tags", T, tags, n_tags, const char *, R_ITEM_SELF_STR, 0, NULL),
    R_ARR("ids", T, ids, n_ids, int64_t, R_ITEM_SELF_I64, RES_ONE, "Single only"),
    R_ARR("people", T, people, n_people, const struct person, R_ITEM_RES(&api_person_res), 0, NULL),
    R_RES("owner", T, owner, &api_person_res, 0, NULL),
    R_CALC("shout", RT_STR, write_upper, 0, NULL),
    R_OBJ("links", R_FIELDS(
        R_LINK("self", "/api/v1/people/{id}", NULL, R_ARG_INT("id", T, id)),
        R_LINK("by_name", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, name)),
        R_LINK("list", "/api/v1/initiatives", NULL, R_ARG_STR("mission", T, name))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource thing = {
    .name = "Thing",
    .fields = thing_fields,
    .size = sizeof(struct thing),
};

/* a person's fields spread into another object */
struct member {
    struct person person;
    const char *role;
};

static const struct res_field member_fields[] = {
    R_SPREAD(struct member, person, &api_person_res),
    R_STR("role", struct member, role, 0, NULL),
    R_END,
};

static const struct resource member = {
    .name = "Member",
    .fields = member_fields,
    .size = sizeof(struct member),
};

/* ------------------------------------------------------------ helpers */

static struct arena arena;
static struct req rq;

static json_t *
written(const struct resource *r, const void *obj, enum res_mode mode, const char *name)
{
    json_error_t jerr;
    struct json j;
    json_t *v;

    buf_reset(&rq.resp.body);
    json_init(&j, &rq.resp.body);
    res_write(&j, &rq, r, obj, mode);
    if (!ok(res_finish(&j, &rq) == ERR_OK, "%s: the writer finishes", name))
        return NULL;
    v = json_loadb(rq.resp.body.data, rq.resp.body.len, JSON_REJECT_DUPLICATES, &jerr);
    ok(v != NULL, "%s: the output is JSON without duplicate keys", name);
    if (v == NULL)
        diag("%.*s", (int)rq.resp.body.len, rq.resp.body.data);
    return v;
}

static json_t *
schema_of(const struct resource *r)
{
    json_error_t jerr;
    struct json j;

    buf_reset(&rq.resp.body);
    json_init(&j, &rq.resp.body);
    res_schema(&j, &rq, r);
    if (json_finish(&j) != ERR_OK)
        return NULL;
    return json_loadb(rq.resp.body.data, rq.resp.body.len, 0, &jerr);
}

static const char *
sget(json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static int64_t
iget(json_t *o, const char *k)
{
    return json_integer_value(json_object_get(o, k));
}

/* ------------------------------------------------------------ a validator */

/* Every schema a resource refers to, by name (the registered ones and this test's). */
static json_t *components;

static void
add_component(const struct resource *r)
{
    json_t *s;

    if (json_object_get(components, r->name) != NULL)
        return;
    s = schema_of(r);
    if (s == NULL)
        bail_out("no schema for %s", r->name);
    json_object_set_new(components, r->name, s);
}

/* Why instance v does not fit schema s (at path), or NULL. */
static const char *
invalid(json_t *v, json_t *s, const char *path, char *why, size_t n)
{
    const char *type, *ref, *k, *w;
    json_t *x, *props, *extra;
    size_t i;
    void *it;
    char sub[256];

    ref = sget(s, "$ref");
    if (ref != NULL) {
        x = json_object_get(components, strrchr(ref, '/') + 1);
        if (x == NULL) {
            snprintf(why, n, "%s: unknown $ref %s", path, ref);
            return why;
        }
        return invalid(v, x, path, why, n);
    }
    if (json_is_null(v)) {
        if (json_is_true(json_object_get(s, "nullable")))
            return NULL;
        snprintf(why, n, "%s: null, but not nullable", path);
        return why;
    }
    x = json_object_get(s, "allOf");
    for (i = 0; i < json_array_size(x); i++)
        if ((w = invalid(v, json_array_get(x, i), path, why, n)) != NULL)
            return w;
    type = sget(s, "type");
    if (type == NULL)
        return NULL;
    if ((strcmp(type, "object") == 0 && !json_is_object(v)) ||
        (strcmp(type, "array") == 0 && !json_is_array(v)) ||
        (strcmp(type, "string") == 0 && !json_is_string(v)) ||
        (strcmp(type, "integer") == 0 && !json_is_integer(v)) ||
        (strcmp(type, "number") == 0 && !json_is_number(v)) ||
        (strcmp(type, "boolean") == 0 && !json_is_boolean(v))) {
        snprintf(why, n, "%s: not of type %s", path, type);
        return why;
    }
    x = json_object_get(s, "enum");
    if (x != NULL) {
        for (i = 0; i < json_array_size(x); i++)
            if (json_equal(json_array_get(x, i), v))
                break;
        if (i == json_array_size(x)) {
            snprintf(why, n, "%s: %s is not one of the enum", path, json_string_value(v));
            return why;
        }
    }
    if (json_is_array(v))
        for (i = 0; i < json_array_size(v); i++) {
            snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
            if ((w = invalid(json_array_get(v, i), json_object_get(s, "items"), sub, why, n)))
                return w;
        }
    if (!json_is_object(v))
        return NULL;
    x = json_object_get(s, "required");
    for (i = 0; i < json_array_size(x); i++)
        if (json_object_get(v, json_string_value(json_array_get(x, i))) == NULL) {
            snprintf(why, n, "%s: no %s, which is required", path,
                     json_string_value(json_array_get(x, i)));
            return why;
        }
    props = json_object_get(s, "properties");
    extra = json_object_get(s, "additionalProperties");
    for (it = json_object_iter(v); it != NULL; it = json_object_iter_next(v, it)) {
        k = json_object_iter_key(it);
        snprintf(sub, sizeof(sub), "%s.%s", path, k);
        x = props != NULL ? json_object_get(props, k) : NULL;
        if (x == NULL)
            x = extra;
        if (x == NULL) {
            snprintf(why, n, "%s: not a property of the schema", sub);
            return why;
        }
        if ((w = invalid(json_object_iter_value(it), x, sub, why, n)) != NULL)
            return w;
    }
    return NULL;
}

/* The written object of r fits r's schema. */
static void
fits(const struct resource *r, json_t *v, const char *name)
{
    char why[512];
    const char *w;

    add_component(r);
    w = invalid(v, json_object_get(components, r->name), name, why, sizeof(why));
    ok(w == NULL, "%s: fits its schema", name);
    if (w != NULL)
        diag("%s", w);
}

/* ------------------------------------------------------------ the writer */

static void
test_writer(void)
{
    const char *tags[] = {"a", "b\"c"};
    int64_t ids[] = {7, 9000000000};
    struct person people[2], owner;
    struct thing t;
    json_t *v, *x;

    memset(&owner, 0, sizeof(owner));
    owner.id = 3;
    owner.name = "Owner";
    owner.title_sv = "Ägare";
    owner.title_en = "";
    memset(people, 0, sizeof(people));
    people[0] = owner;
    people[0].id = 4;
    people[0].actor_id = 12;
    people[0].actor_name = "Org";
    people[0].email = "x@example.org";
    people[1] = owner;
    people[1].id = 5;

    memset(&t, 0, sizeof(t));
    t.id = 42;
    t.count = -3;
    t.name = "a b/c";
    t.colour = "red";
    t.weight = 0.25;
    t.is_demo = true;
    t.status = PS_MODERATE;
    t.title_sv = "Titel";
    t.title_en = NULL;
    t.has_base = true;
    t.base_year = 2015;
    t.base_value = 1.5;
    t.has_limit = false;
    t.limit = 99;
    t.sni = NULL;
    t.parent_id = 0;
    t.tags = tags;
    t.n_tags = 2;
    t.ids = ids;
    t.n_ids = 2;
    t.people = people;
    t.n_people = 2;
    t.owner = owner;
    t.secret = "never written";

    v = written(&thing, &t, RES_AS_ONE, "thing");
    if (v == NULL)
        return;
    is_int(json_object_size(v), 18, "thing: one member per field of the table");
    is_int(iget(v, "id"), 42, "thing: an int64_t");
    is_int(iget(v, "count"), -3, "thing: an int");
    is_str(sget(v, "name"), "a b/c", "thing: a string");
    is_str(sget(v, "colour"), "red", "thing: a code");
    is_dbl(json_number_value(json_object_get(v, "weight")), 0.25, 0, "thing: a double");
    ok(json_is_true(json_object_get(v, "is_demo")), "thing: a bool");
    is_str(sget(v, "status"), "moderate_progress", "thing: an int code by its name");
    x = json_object_get(v, "title");
    ok(json_object_size(x) == 2 && strcmp(sget(x, "sv"), "Titel") == 0 &&
           strcmp(sget(x, "en"), "") == 0,
       "thing: a bilingual text, the untranslated English as \"\"");
    x = json_object_get(v, "baseline");
    ok(iget(x, "year") == 2015 && json_number_value(json_object_get(x, "value")) == 1.5,
       "thing: an inline object present (its has_ flag set)");
    ok(json_is_null(json_object_get(v, "limit")), "thing: a number absent is null, not 99");
    ok(json_is_null(json_object_get(v, "sni")), "thing: an object absent (NULL pointer) is null");
    ok(json_is_null(json_object_get(v, "parent_id")), "thing: id 0 is null");
    x = json_object_get(v, "tags");
    ok(json_array_size(x) == 2 && strcmp(json_string_value(json_array_get(x, 1)), "b\"c") == 0,
       "thing: an array of strings");
    x = json_object_get(v, "ids");
    ok(json_array_size(x) == 2 && json_integer_value(json_array_get(x, 1)) == 9000000000,
       "thing: an array of int64_t");
    x = json_object_get(v, "people");
    ok(json_array_size(x) == 2 && iget(json_array_get(x, 0), "id") == 4 &&
           iget(json_array_get(x, 1), "id") == 5,
       "thing: an array of resources, each its element");
    x = json_object_get(json_array_get(json_object_get(v, "people"), 0), "actor");
    ok(iget(x, "id") == 12 && strcmp(sget(x, "name"), "Org") == 0,
       "thing: person 4's actor from its actor_id and actor_name");
    ok(json_is_null(json_object_get(json_array_get(json_object_get(v, "people"), 1), "actor")),
       "thing: person 5 has no actor: null");
    is_int(iget(json_object_get(v, "owner"), "id"), 3, "thing: an embedded resource");
    is_str(sget(v, "shout"), "RED", "thing: a computed value from its callback");
    x = json_object_get(v, "links");
    is_str(sget(x, "self"), "/api/v1/people/42", "thing: a link with an integer in the path");
    is_str(sget(x, "by_name"), "/api/v1/missions/a%20b%2Fc",
           "thing: a link with a string in the path, percent-encoded");
    is_str(sget(x, "list"), "/api/v1/initiatives?mission=a%20b%2Fc",
           "thing: an argument the path does not name becomes the query");
    ok(json_object_get(v, "secret") == NULL, "thing: a member not in the table is not written");
    fits(&thing, v, "thing");
    json_decref(v);

    /* the other branches: as a list item, values present where they were absent */
    t.has_limit = true;
    t.sni = "01.110";
    t.sni_label = NULL;
    t.parent_id = 8;
    t.colour = NULL;
    t.has_base = false;
    t.title_en = "Title";
    v = written(&thing, &t, RES_AS_ITEM, "thing as an item");
    if (v == NULL)
        return;
    ok(json_object_get(v, "ids") == NULL, "thing as an item: a RES_ONE field is left out");
    is_int(json_object_size(v), 17, "thing as an item: every other field is there");
    is_dbl(json_number_value(json_object_get(v, "limit")), 99, 0, "thing: its has_ flag set: 99");
    x = json_object_get(v, "sni");
    ok(strcmp(sget(x, "code"), "01.110") == 0 && json_is_null(json_object_get(x, "label")),
       "thing: an object present (pointer set), a NULL string in it is null");
    is_int(iget(v, "parent_id"), 8, "thing: an id not 0 is written");
    ok(json_is_null(json_object_get(v, "colour")), "thing: a NULL string is null");
    ok(json_is_null(json_object_get(v, "baseline")),
       "thing: an object absent (has_ false) is null");
    is_str(sget(json_object_get(v, "title"), "en"), "Title", "thing: the English text");
    fits(&thing, v, "thing as an item");
    json_decref(v);
}

static void
test_spread_and_person(void)
{
    struct member m;
    struct person p;
    json_t *v;

    memset(&p, 0, sizeof(p));
    p.id = 17;
    p.name = "Ada";
    p.title_sv = "Analytiker";
    p.title_en = "Analyst";
    p.actor_id = 2;
    p.actor_name = "Vinnova";
    p.email = "ada@example.org";
    p.phone = NULL;
    v = written(&api_person_res, &p, RES_AS_ONE, "Person");
    if (v == NULL)
        return;
    is_int(iget(v, "id"), 17, "Person: id from struct person");
    is_str(sget(v, "name"), "Ada", "Person: name");
    is_str(sget(json_object_get(v, "title"), "en"), "Analyst", "Person: title.en");
    is_str(sget(json_object_get(v, "actor"), "name"), "Vinnova", "Person: actor.name");
    is_str(sget(v, "email"), "ada@example.org", "Person: email");
    ok(json_is_null(json_object_get(v, "phone")), "Person: no phone: null");
    is_str(sget(json_object_get(v, "links"), "self"), "/api/v1/people/17",
           "Person: links.self from the route /api/v1/people/{id}");
    fits(&api_person_res, v, "Person");
    json_decref(v);

    m.person = p;
    m.role = "analyst";
    v = written(&member, &m, RES_AS_ONE, "spread");
    if (v == NULL)
        return;
    ok(iget(v, "id") == 17 && strcmp(sget(v, "role"), "analyst") == 0 &&
           json_object_get(v, "person") == NULL,
       "spread: the person's fields and the member's in one object");
    is_int(json_object_size(v), 9, "spread: 8 person fields and the role");
    fits(&member, v, "spread");
    json_decref(v);
}

/* The assessment is written by the domain (indicator_progress_json); its schema comes from
 * a table that only describes it: a real assessment, of two series with a target, must
 * fit. */
static void
test_progress_fits(void)
{
    const struct observation rows[] = {
        {.period = "2015", .year = 2015, .series = "", .unit = "", .disagg = "", .value = 10},
        {.period = "2018", .year = 2018, .series = "", .unit = "", .disagg = "", .value = 12},
        {.period = "2020", .year = 2020, .series = "", .unit = "", .disagg = "", .value = 15},
        {.period = "2016", .year = 2016, .series = "B", .unit = "t", .disagg = "", .value = 3},
    };
    struct indicator_write_result wr;
    struct indicator_progress ip;
    struct indicator ind;
    json_t *v;

    memset(&ind, 0, sizeof(ind));
    ind.id = 7;
    ind.direction = "increase";
    ind.target_kind = "absolute";
    ind.has_target = true;
    ind.target_value = 20;
    ind.target_year = 2030;
    ind.headline = "";
    ind.has_thresholds = true;
    ind.th_high = 0.9;
    ind.th_med = 0.5;
    ind.th_low = 0.1;
    indicator_progress_compute(&arena, &ind, rows, (int)N(rows), &ip);
    v = written(&api_progress_res, &ip, RES_AS_ONE, "IndicatorProgress");
    if (v == NULL)
        return;
    is_int(json_array_size(json_object_get(v, "series")), 2, "IndicatorProgress: two series");
    fits(&api_progress_res, v, "IndicatorProgress (assess.c's writer)");
    json_decref(v);

    memset(&wr, 0, sizeof(wr));
    wr.indicator_id = 7;
    wr.has_rows = true;
    wr.rows = 4;
    wr.progress = &ip;
    v = written(&api_write_result_res, &wr, RES_AS_ONE, "IndicatorWriteResult");
    if (v == NULL)
        return;
    ok(iget(v, "indicator_id") == 7 && iget(v, "observations") == 4,
       "IndicatorWriteResult: the indicator and the rows an import stored");
    fits(&api_write_result_res, v, "IndicatorWriteResult");
    json_decref(v);
    wr.has_rows = false;
    v = written(&api_write_result_res, &wr, RES_AS_ONE, "IndicatorWriteResult (a PATCH)");
    if (v == NULL)
        return;
    ok(json_object_get(v, "observations") == NULL,
       "IndicatorWriteResult (a PATCH): observations left out, not null");
    fits(&api_write_result_res, v, "IndicatorWriteResult (a PATCH)");
    json_decref(v);
}

/* ------------------------------------------------------------ the links */

struct link_check {
    int n, n_bad;
};

static const struct route *
get_route(const char *pattern)
{
    int i;

    for (i = 0; i < n_routes; i++)
        if (strcmp(routes[i].method, "GET") == 0 && strcmp(routes[i].pattern, pattern) == 0)
            return &routes[i];
    return NULL;
}

static bool
check_link(const struct res_field *f, void *ctx)
{
    struct link_check *lc = ctx;
    const struct route *r = get_route(f->route);
    const struct res_arg *a;
    char brace[80];
    int k;

    lc->n++;
    if (r == NULL) {
        diag("link %s: %s is not a GET route", f->name, f->route);
        lc->n_bad++;
        return true;
    }
    for (a = f->args; a->name != NULL; a++) {
        snprintf(brace, sizeof(brace), "{%s}", a->name);
        for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++)
            if (strcmp(r->params[k].name, a->name) == 0)
                break;
        if (k == WEB_MAX_PARAMS || r->params[k].name == NULL) {
            diag("link %s: %s declares no parameter %s", f->name, f->route, a->name);
            lc->n_bad++;
        } else if ((r->params[k].in == PIN_PATH) != (strstr(f->route, brace) != NULL)) {
            diag("link %s: %s is in the path of %s exactly when it has {%s}", f->name, a->name,
                 f->route, a->name);
            lc->n_bad++;
        }
    }
    /* every {name} of the pattern has its argument */
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        if (r->params[k].in != PIN_PATH)
            continue;
        for (a = f->args; a->name != NULL && strcmp(a->name, r->params[k].name) != 0; a++)
            ;
        if (a->name == NULL) {
            diag("link %s: nothing fills {%s} of %s", f->name, r->params[k].name, f->route);
            lc->n_bad++;
        }
    }
    return true;
}

/* two wrong links: a route that does not exist, an argument the route does not declare */
static const struct res_field bad_fields[] = {
    R_LINK("gone", "/api/v1/missions/{slug}/gone", NULL, R_ARG_STR("slug", struct person, name)),
    R_LINK("wrong", "/api/v1/indicators", NULL, R_ARG_STR("slug", struct person, name)),
    R_END,
};

static const struct resource bad = {.name = "Bad", .fields = bad_fields};

static void
test_links(void)
{
    const struct resource *const *const *g, *const *r;
    struct link_check lc = {0, 0}, lb = {0, 0};

    for (g = api_resources; *g != NULL; g++)
        for (r = *g; *r != NULL; r++)
            res_each_link(*r, check_link, &lc);
    ok(lc.n >= 20, "the API's resources have links (%d)", lc.n);
    is_int(lc.n_bad, 0, "every link names a GET route and fills exactly its parameters");

    /* the check itself: a link to a route that does not exist is found */
    res_each_link(&bad, check_link, &lb);
    is_int(lb.n_bad, 2, "a link to no route, and one with an undeclared argument, are found");
}

int
main(void)
{
    arena_init(&arena);
    memset(&rq, 0, sizeof(rq));
    rq.arena = &arena;
    rq.method = "GET";
    rq.path = "/";
    buf_init(&rq.resp.body, WEB_MAX_BODY_OUT);
    components = json_object();
    {
        const struct resource *const *const *g, *const *r;

        for (g = api_resources; *g != NULL; g++)
            for (r = *g; *r != NULL; r++)
                add_component(*r);
    }

    test_writer();
    test_spread_and_person();
    test_progress_fits();
    test_links();

    json_decref(components);
    buf_free(&rq.resp.body);
    arena_free(&arena);
    return done_testing();
}
