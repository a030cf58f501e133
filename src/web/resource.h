/*
 * resource.h — an API resource's shape, declared once as a table of fields.
 *
 * Each field gives its JSON name, its type, whether it may be null or absent,
 * its allowed values, its description, and where its value is in the C struct
 * a handler passes (offsetof, with the width of an integer, the has_ flag of an
 * optional value, the English half of a bilingual text, the count of an array,
 * the route and values of a link). Two readers walk the same table:
 *
 *   res_write   the JSON writer (through the escaping writer, core/json.h);
 *   res_schema  the OpenAPI schema (api_openapi.c puts it in the document);
 *
 * so a member renamed, added or made nullable changes the response and its
 * description together. Values that are computed rather than stored (an
 * indicator's assessment, an observation's disaggregation) are written by a
 * callback named in the field; their schema still comes from the table.
 *
 * Links name a route of the route table (routes.c) by its pattern and the fields
 * that fill its parameters: {name} segments are filled in the path, the others
 * become query parameters. tests/unit/test_resource.c checks that every pattern
 * is a GET route declaring those parameters, so renaming a route cannot leave
 * a stale link.
 *
 * Paged lists (res_list) are declared as a resource whose `paged` names the
 * item resource and whose `load` fills one page: the page/per_page parameters,
 * the envelope, its links and the rule past the last page (pager.h) are the
 * same for every list.
 *
 * Writes only through the JSON writer; never runs SQL (loaders do, through the
 * domain); never writes an error (handlers return one for web_handle).
 */
#ifndef WEB_RESOURCE_H
#define WEB_RESOURCE_H

#include <stddef.h>

#include "core/json.h"
#include "domain/codes.h"
#include "domain/paging.h"
#include "web/web.h"

enum res_type {
    RT_STR,    /* const char * (NULL: null); with codes: one of the set's */
    RT_DATE,   /* const char *, YYYY-MM-DD */
    RT_URL,    /* const char *, a relative URL */
    RT_INT,    /* an integer of `size` bytes (int or int64_t) */
    RT_NUM,    /* double (non-finite: null) */
    RT_BOOL,   /* bool */
    RT_CODE,   /* an int code, written as code_name(value), one of the codes */
    RT_TEXT,   /* bilingual: const char * Swedish at off, English at off_en ({"sv", "en"}) */
    RT_OBJ,    /* an inline object: sub fields, offsets from the same base plus off */
    RT_RES,    /* another resource's object (by $ref in the schema) at off */
    RT_SPREAD, /* another resource's fields at off, written into this object */
    RT_ARR,    /* an array: pointer at off, int count at off_n, `item` per element */
    RT_MAP,    /* an object of string values with free keys (needs `write`) */
    RT_LINK,   /* a URL built from `route` and `args` */
};

/* Field flags. */
#define RES_NULL 0x01u /* may be null */
#define RES_OPT  0x02u /* may be absent (not in the schema's required list) */
#define RES_ONE  0x04u /* written for the single resource only, not for list items */
#define RES_PTR  0x08u /* RT_OBJ, RT_RES: off holds a pointer to the object; NULL: absent */
/* Presence: the value is absent (null when RES_NULL, else left out) unless ... */
#define RES_HAS_BOOL 0x10u /* ... the bool at `has` is true */
#define RES_HAS_PTR  0x20u /* ... the pointer at `has` is not NULL */
#define RES_HAS_ID   0x40u /* ... the int64_t at `has` is not 0 */
#define RES_HAS_MASK (RES_HAS_BOOL | RES_HAS_PTR | RES_HAS_ID)

struct req;
struct resource;

/* A value that fills a link's parameter: {name} in the route's path, else ?name=. */
struct res_arg {
    const char *name;
    enum res_type type; /* RT_STR (percent-encoded) or RT_INT */
    unsigned char size; /* RT_INT */
    size_t off;
};

struct res_field {
    const char *name; /* NULL ends a table */
    enum res_type type;
    unsigned flags;
    size_t off;
    unsigned char size;                 /* RT_INT */
    size_t has;                         /* RES_HAS_* */
    size_t off_en;                      /* RT_TEXT */
    size_t off_n;                       /* RT_ARR: the count (an int) */
    size_t item_size;                   /* RT_ARR: bytes from one element to the next */
    const struct res_field *item;       /* RT_ARR: one element, offsets from the element */
    const struct res_field *sub;        /* RT_OBJ */
    const struct resource *res;         /* RT_RES, RT_SPREAD */
    const struct code_set *codes;       /* allowed values (RT_STR, RT_CODE; domain/codes.h) */
    const char *except;                 /* ... but this one (NULL: none) */
    const char *(*code_name)(int code); /* RT_CODE */
    const char *route;                  /* RT_LINK: a route pattern of routes.c */
    const struct res_arg *args;         /* RT_LINK: ends with a NULL name */
    /* a computed value: writes it (one JSON value) from the struct at base */
    void (*write)(struct json *j, struct req *rq, const void *base);
    const char *desc; /* English, for the OpenAPI document */
};

struct resource {
    const char *name; /* the schema's name in components/schemas */
    const char *desc;
    const struct res_field *fields; /* ends with a NULL name */
    size_t size;                    /* sizeof the struct the fields read (list items) */
    /* written by a callback instead of the fields (the fields then only describe it) */
    void (*write)(struct json *j, const void *obj);
    /* schema variants: an array of these objects; objects that may hold more members
     * (strings) than the fields name */
    bool array;
    bool more_strings;
    /* a paged list: the envelope {items, page, per_page, total, links} around `paged` */
    const struct resource *paged;
    /* fills the items of page pg (size bytes each, in the arena) and the total over all
     * pages; may refuse the request (req_invalid) for a bad filter */
    enum err (*load)(struct req *rq, const struct page *pg, void **out_items, int *out_n,
                     int64_t *out_total);
};

/* --------------------------------------------------------------- declaring fields */

/*
 * Initialisers for the tables. T is the struct the fields read, m a member
 * designator (`m.slug`, `person.name`). The pointer comparison inside sizeof
 * makes the compiler check m's type ("comparison of distinct pointer types")
 * without evaluating anything. Their arguments are types and member
 * designators, which cannot be put in parentheses: clang-tidy's
 * bugprone-macro-parentheses is off for them.
 */
/* NOLINTBEGIN(bugprone-macro-parentheses) */
#define RES_OFF(T, m, type) (offsetof(T, m) + 0 * sizeof((type *)0 == &((T *)0)->m))
#define RES_SIZE(T, m)      ((unsigned char)sizeof(((T *)0)->m))

/* clang-format off */
#define R_STR(n, T, m, fl, d) {.name = n, .type = RT_STR, .flags = fl, .off = RES_OFF(T, m, const char *), .desc = d}
#define R_ENUM(n, T, m, set, fl, d) {.name = n, .type = RT_STR, .flags = fl, .off = RES_OFF(T, m, const char *), .codes = set, .desc = d}
#define R_ENUM_EXCEPT(n, T, m, set, x, fl, d) {.name = n, .type = RT_STR, .flags = fl, .off = RES_OFF(T, m, const char *), .codes = set, .except = x, .desc = d}
#define R_DATE(n, T, m, fl, d) {.name = n, .type = RT_DATE, .flags = fl, .off = RES_OFF(T, m, const char *), .desc = d}
#define R_INT(n, T, m, fl, d) {.name = n, .type = RT_INT, .flags = fl, .off = offsetof(T, m), .size = RES_SIZE(T, m), .desc = d}
#define R_NUM(n, T, m, fl, d) {.name = n, .type = RT_NUM, .flags = fl, .off = RES_OFF(T, m, double), .desc = d}
#define R_BOOL(n, T, m, fl, d) {.name = n, .type = RT_BOOL, .flags = fl, .off = RES_OFF(T, m, bool), .desc = d}
#define R_CODE(n, T, m, set, fn, fl, d) {.name = n, .type = RT_CODE, .flags = fl, .off = offsetof(T, m), .size = RES_SIZE(T, m), .codes = set, .code_name = fn, .desc = d}
#define R_TEXT(n, T, sv, en, d) {.name = n, .type = RT_TEXT, .off = RES_OFF(T, sv, const char *), .off_en = RES_OFF(T, en, const char *), .desc = d}
/* optional values: absent unless the has_ flag hm is true (R_*_IF), or the id is not 0 */
#define R_INT_IF(n, T, m, hm, fl, d) {.name = n, .type = RT_INT, .flags = (fl) | RES_HAS_BOOL, .off = offsetof(T, m), .size = RES_SIZE(T, m), .has = RES_OFF(T, hm, bool), .desc = d}
#define R_NUM_IF(n, T, m, hm, fl, d) {.name = n, .type = RT_NUM, .flags = (fl) | RES_HAS_BOOL, .off = RES_OFF(T, m, double), .has = RES_OFF(T, hm, bool), .desc = d}
#define R_ID_OR_NULL(n, T, m, d) {.name = n, .type = RT_INT, .flags = RES_NULL | RES_HAS_ID, .off = RES_OFF(T, m, int64_t), .size = 8, .has = offsetof(T, m), .desc = d}
/* an inline object over the same struct: sub is a table (or R_FIELDS(...)) */
#define R_OBJ(n, sub_, fl, d) {.name = n, .type = RT_OBJ, .flags = fl, .sub = sub_, .desc = d}
/* ... over a member of T (offsets of sub from that member) */
#define R_OBJ_AT(n, T, m, sub_, fl, d) {.name = n, .type = RT_OBJ, .flags = fl, .off = offsetof(T, m), .sub = sub_, .desc = d}
/* ... present only when the bool hm is true, the pointer hm is not NULL, the id hm not 0 */
#define R_OBJ_IF(n, sub_, T, hm, fl, d) {.name = n, .type = RT_OBJ, .flags = (fl) | RES_HAS_BOOL, .sub = sub_, .has = RES_OFF(T, hm, bool), .desc = d}
#define R_OBJ_IF_PTR(n, sub_, T, hm, fl, d) {.name = n, .type = RT_OBJ, .flags = (fl) | RES_HAS_PTR, .sub = sub_, .has = RES_OFF(T, hm, const char *), .desc = d}
#define R_OBJ_IF_ID(n, sub_, T, hm, fl, d) {.name = n, .type = RT_OBJ, .flags = (fl) | RES_HAS_ID, .sub = sub_, .has = RES_OFF(T, hm, int64_t), .desc = d}
/* another resource: embedded in T (R_RES), through a pointer (R_PTR_RES; NULL: absent),
 * or its fields written into this object (R_SPREAD) */
#define R_RES(n, T, m, r, fl, d) {.name = n, .type = RT_RES, .flags = fl, .off = offsetof(T, m), .res = r, .desc = d}
#define R_PTR_RES(n, T, m, r, fl, d) {.name = n, .type = RT_RES, .flags = (fl) | RES_PTR, .off = offsetof(T, m), .res = r, .desc = d}
#define R_SPREAD(T, m, r) {.name = "", .type = RT_SPREAD, .off = offsetof(T, m), .res = r}
/* arrays: the pointer member m, its int count, the element type E and the element's field */
#define R_ARR(n, T, m, count, E, it, fl, d) {.name = n, .type = RT_ARR, .flags = fl, .off = RES_OFF(T, m, E *), .off_n = RES_OFF(T, count, int), .item_size = sizeof(E), .item = it, .desc = d}
/* the element's field (no name): a member string or integer, the element itself, an
 * inline object over the element, a resource over it */
#define R_ITEM_STR(E, m) (&(const struct res_field){.type = RT_STR, .off = RES_OFF(E, m, const char *)})
#define R_ITEM_INT(E, m) (&(const struct res_field){.type = RT_INT, .off = offsetof(E, m), .size = RES_SIZE(E, m)})
#define R_ITEM_SELF_STR (&(const struct res_field){.type = RT_STR})
#define R_ITEM_SELF_I64 (&(const struct res_field){.type = RT_INT, .size = sizeof(int64_t)})
#define R_ITEM_OBJ(sub_) (&(const struct res_field){.type = RT_OBJ, .sub = sub_})
#define R_ITEM_RES(r) (&(const struct res_field){.type = RT_RES, .res = r})
/* a computed value of type t (its schema: sub for RT_OBJ, res for RT_RES), written by fn */
#define R_CALC(n, t, fn, fl, d) {.name = n, .type = t, .flags = fl, .write = fn, .desc = d}
/* a link: a route's pattern and the values of its parameters */
#define R_LINK(n, route_, d, ...) {.name = n, .type = RT_LINK, .route = route_, .args = (const struct res_arg[]){__VA_ARGS__, {NULL, RT_STR, 0, 0}}, .desc = d}
#define R_ARG_STR(n, T, m) {n, RT_STR, 0, RES_OFF(T, m, const char *)}
#define R_ARG_INT(n, T, m) {n, RT_INT, RES_SIZE(T, m), offsetof(T, m)}
/* a table written inline (a compound literal: static storage at file scope) */
#define R_FIELDS(...) ((const struct res_field[]){__VA_ARGS__, R_END})
/* a field the writer never reads, describing what a resource's write callback writes */
#define R_DOC(n, t, fl, d) {.name = n, .type = t, .flags = fl, .desc = d}
#define R_DOC_ENUM(n, set, fl, d) {.name = n, .type = RT_STR, .flags = fl, .codes = set, .desc = d}
#define R_DOC_ENUM_EXCEPT(n, set, x, fl, d) {.name = n, .type = RT_STR, .flags = fl, .codes = set, .except = x, .desc = d}
#define R_DOC_OBJ(n, sub_, fl, d) {.name = n, .type = RT_OBJ, .flags = fl, .sub = sub_, .desc = d}
#define R_DOC_ARR(n, it, fl, d) {.name = n, .type = RT_ARR, .flags = fl, .item = it, .desc = d}
#define R_DOC_ITEM(t) (&(const struct res_field){.type = t})
#define R_DOC_TEXT(n, d) {.name = n, .type = RT_TEXT, .desc = d}
#define R_END {.name = NULL}
/* clang-format on */
/* NOLINTEND(bugprone-macro-parentheses) */

/* The bilingual text {"sv", "en"} and the page links of paged lists (schemas only). */
extern const struct resource res_text, res_page_links;

/* --------------------------------------------------------------- writing */

enum res_mode {
    RES_AS_ONE,  /* the single resource: every field */
    RES_AS_ITEM, /* an item of a list, or nested: without RES_ONE fields */
};

/* Write obj (the struct r's fields read) as one JSON object. */
void res_write(struct json *j, struct req *rq, const struct resource *r, const void *obj,
               enum res_mode mode);

/* A handler's whole answer: obj as the single resource r, in rq->resp.body. */
enum err res_respond(struct req *rq, const struct resource *r, const void *obj);

/*
 * A paged list's whole answer: reads page and per_page (pager.h), asks
 * list->load for that page, refuses a page past the last (404 naming "page"),
 * then writes {"items", "page", "per_page", "total", "links": {"self", "next",
 * "prev"}}; the links keep every filter the request carried.
 */
enum err res_list(struct req *rq, const struct resource *list);

/*
 * The part [*from, *to) of an in-memory list of n items that page pg shows (for
 * loaders of small sets that load them whole, such as the missions).
 */
void res_slice(const struct page *pg, int n, int *from, int *to);

/*
 * The writer's verdict as a handler result. Its ERR_INVALID (text from the
 * database that is not UTF-8, or broken nesting) is our fault, never the
 * client's: a logged 500, not the 400 that ERR_INVALID means to web_handle.
 */
enum err res_finish(struct json *j, struct req *rq);

/* --------------------------------------------------------------- describing */

/* The OpenAPI schema of r (an object, an array of objects, or a paged envelope). */
void res_schema(struct json *j, struct req *rq, const struct resource *r);

/* "enum": [the codes of set, in its order, but except (NULL: none)], as a member of the
 * object being written (a schema's, or a parameter's in api_openapi.c). */
void res_put_enum(struct json *j, const struct code_set *set, const char *except);

/* For tests: every link field of r and of the resources and objects r nests, in table
 * order, through fn; stops and returns false when fn does. */
bool res_each_link(const struct resource *r, bool (*fn)(const struct res_field *f, void *ctx),
                   void *ctx);

#endif
