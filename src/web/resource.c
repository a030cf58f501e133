/*
 * resource.c — the field-table engine of the JSON API (see resource.h): the
 * JSON writer and the OpenAPI schema writer over the same tables, links from
 * the route table, and paged lists.
 *
 * Values are read from the caller's struct with memcpy at the table's offsets
 * (the offsets come from offsetof on typed members, see RES_OFF), so nothing
 * here depends on the struct beyond what its table says. Never runs SQL and
 * never writes an error response.
 */
#include "web/resource.h"

#include <assert.h>
#include <string.h>

#include "core/log.h"
#include "core/str.h"
#include "web/pager.h"
#include "web/route.h"

#define RES_PER_PAGE 20   /* the documented default of per_page (routes.c PAGING) */
#define RES_MAX_LINK 4096 /* bytes in one link: validated filters and slugs, far below */
#define RES_MAX_ARGS 8    /* arguments of one link (test_resource checks the tables) */
#define SCHEMA_REF   "#/components/schemas/"

/* ------------------------------------------------------------ reading the struct */

static const char *
get_str(const char *p)
{
    const char *s;

    memcpy(&s, p, sizeof(s));
    return s;
}

static const char *
get_ptr(const char *p)
{
    const void *v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static int64_t
get_int(const char *p, unsigned size)
{
    int64_t v64;
    int v;

    if (size == sizeof(int64_t)) {
        memcpy(&v64, p, sizeof(v64));
        return v64;
    }
    assert(size == sizeof(int));
    memcpy(&v, p, sizeof(v));
    return v;
}

static double
get_dbl(const char *p)
{
    double v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static bool
get_bool(const char *p)
{
    bool v;

    memcpy(&v, p, sizeof(v));
    return v;
}

/* Whether f has a value in the struct at base (see RES_HAS_* and RES_PTR). */
static bool
is_present(const struct res_field *f, const char *base)
{
    switch (f->flags & RES_HAS_MASK) {
    case RES_HAS_BOOL:
        return get_bool(base + f->has);
    case RES_HAS_PTR:
        return get_ptr(base + f->has) != NULL;
    case RES_HAS_ID:
        return get_int(base + f->has, sizeof(int64_t)) != 0;
    default:
        break;
    }
    if (f->flags & RES_PTR)
        return get_ptr(base + f->off) != NULL;
    return true;
}

/* ------------------------------------------------------------ links */

static void
put_arg(struct buf *b, const struct res_arg *a, const char *base)
{
    const char *s;

    if (a->type == RT_INT) {
        buf_printf(b, "%lld", (long long)get_int(base + a->off, a->size));
        return;
    }
    s = get_str(base + a->off);
    url_encode(b, s != NULL ? s : "");
}

/*
 * The route's pattern with each {name} replaced by its argument, percent-encoded,
 * and the arguments the path does not name as a query string. NULL (and the
 * writer failed) if it would pass RES_MAX_LINK bytes.
 */
/* A built link in the request's arena, b freed; a link past RES_MAX_LINK fails the response
 * (logged with the route it was built for) and gives NULL. */
static const char *
link_finish(struct json *j, struct req *rq, struct buf *b, const char *route)
{
    const char *s = NULL;

    if (buf_err(b)) {
        log_msg(LOG_ERROR, "msg=\"link too long\" route=\"%s\"", route);
        json_fail(j, ERR_LIMIT);
    } else {
        s = arena_strndup(rq->arena, b->data, b->len);
    }
    buf_free(b);
    return s;
}

static const char *
link_build(struct json *j, struct req *rq, const struct res_field *f, const char *base)
{
    const struct res_arg *a;
    const char *p, *end;
    bool used[RES_MAX_ARGS] = {false};
    char sep = '?';
    struct buf b;
    size_t n;
    int k;

    buf_init(&b, RES_MAX_LINK);
    for (p = f->route; *p; p++) {
        if (*p != '{' || (end = strchr(p, '}')) == NULL) {
            buf_addc(&b, *p);
            continue;
        }
        n = (size_t)(end - p - 1);
        for (a = f->args, k = 0; a->name != NULL; a++, k++)
            if (strlen(a->name) == n && strncmp(a->name, p + 1, n) == 0)
                break;
        assert(a->name != NULL && k < RES_MAX_ARGS); /* test_resource checks them */
        put_arg(&b, a, base);
        used[k] = true;
        p = end;
    }
    for (a = f->args, k = 0; a->name != NULL && k < RES_MAX_ARGS; a++, k++) {
        if (used[k])
            continue;
        buf_addc(&b, sep);
        sep = '&';
        url_encode(&b, a->name);
        buf_addc(&b, '=');
        put_arg(&b, a, base);
    }
    return link_finish(j, rq, &b, f->route);
}

/* ------------------------------------------------------------ the JSON writer */

static void write_members(struct json *j, struct req *rq, const struct res_field *fields,
                          const char *base, enum res_mode mode);

struct text_pair {
    const char *sv, *en;
};

static const struct res_field text_fields[] = {
    R_STR("sv", struct text_pair, sv, 0, "Swedish (always present)"),
    R_STR("en", struct text_pair, en, 0, "English; empty when not translated"),
    R_END,
};

const struct resource res_text = {
    .name = "Text",
    .desc = "A bilingual text",
    .fields = text_fields,
    .size = sizeof(struct text_pair),
};

static void
write_object(struct json *j, struct req *rq, const struct resource *r, const char *obj,
             enum res_mode mode)
{
    if (r->write != NULL) {
        r->write(j, obj);
        return;
    }
    json_obj_open(j);
    write_members(j, rq, r->fields, obj, mode);
    json_obj_close(j);
}

/* One value of f (the key is written): the struct at base holds it at f's offsets. */
static void
write_value(struct json *j, struct req *rq, const struct res_field *f, const char *base,
            enum res_mode mode)
{
    const char *p = base + f->off, *arr;
    struct text_pair tp;
    int64_t i, n;

    if (f->write != NULL) {
        f->write(j, rq, base);
        return;
    }
    switch (f->type) {
    case RT_STR:
    case RT_DATE:
    case RT_URL:
        json_str(j, get_str(p));
        return;
    case RT_INT:
        json_int(j, get_int(p, f->size));
        return;
    case RT_NUM:
        json_dbl(j, get_dbl(p));
        return;
    case RT_BOOL:
        json_bool(j, get_bool(p));
        return;
    case RT_CODE:
        json_str(j, f->code_name((int)get_int(p, f->size)));
        return;
    case RT_TEXT:
        /* an untranslated text is "" in English, never null */
        tp.sv = get_str(p);
        tp.en = get_str(base + f->off_en);
        if (tp.en == NULL)
            tp.en = "";
        write_object(j, rq, &res_text, (const char *)&tp, RES_AS_ITEM);
        return;
    case RT_OBJ:
        json_obj_open(j);
        write_members(j, rq, f->sub, f->flags & RES_PTR ? get_ptr(p) : p, mode);
        json_obj_close(j);
        return;
    case RT_RES:
        write_object(j, rq, f->res, f->flags & RES_PTR ? get_ptr(p) : p, RES_AS_ITEM);
        return;
    case RT_ARR:
        arr = get_ptr(p);
        n = get_int(base + f->off_n, sizeof(int));
        json_arr_open(j);
        for (i = 0; i < n; i++)
            write_value(j, rq, f->item, arr + i * (int64_t)f->item_size, mode);
        json_arr_close(j);
        return;
    case RT_LINK:
        json_str(j, link_build(j, rq, f, base));
        return;
    case RT_MAP:
    case RT_SPREAD:
        break;
    }
    assert(!"a field type without a value of its own (RT_MAP needs a write callback)");
    json_fail(j, ERR_INVALID);
}

static void
write_members(struct json *j, struct req *rq, const struct res_field *fields, const char *base,
              enum res_mode mode)
{
    const struct res_field *f;

    for (f = fields; f->name != NULL; f++) {
        if ((f->flags & RES_ONE) && mode != RES_AS_ONE)
            continue;
        if (f->type == RT_SPREAD) {
            write_members(j, rq, f->res->fields, base + f->off, mode);
            continue;
        }
        if (!is_present(f, base)) {
            if (f->flags & RES_NULL)
                json_knull(j, f->name);
            continue;
        }
        json_key(j, f->name);
        write_value(j, rq, f, base, mode);
    }
}

void
res_write(struct json *j, struct req *rq, const struct resource *r, const void *obj,
          enum res_mode mode)
{
    write_object(j, rq, r, obj, mode);
}

enum err
res_finish(struct json *j, struct req *rq)
{
    enum err rc = json_finish(j);

    if (rc != ERR_INVALID)
        return rc;
    log_msg(LOG_ERROR, "msg=\"json writer refused the response\" route=\"%s\"",
            rq->route ? rq->route->pattern : "");
    return ERR_DB;
}

enum err
res_respond(struct req *rq, const struct resource *r, const void *obj)
{
    struct json j;

    json_init(&j, &rq->resp.body);
    res_write(&j, rq, r, obj, RES_AS_ONE);
    return res_finish(&j, rq);
}

/* ------------------------------------------------------------ paged lists */

struct page_links {
    const char *self, *next, *prev;
};

static const struct res_field page_links_fields[] = {
    {.name = "self",
     .type = RT_URL,
     .off = RES_OFF(struct page_links, self, const char *),
     .desc = "This page"},
    {.name = "next",
     .type = RT_URL,
     .flags = RES_NULL,
     .off = RES_OFF(struct page_links, next, const char *),
     .desc = "The next page; null on the last"},
    {.name = "prev",
     .type = RT_URL,
     .flags = RES_NULL,
     .off = RES_OFF(struct page_links, prev, const char *),
     .desc = "The previous page; null on the first"},
    R_END,
};

const struct resource res_page_links = {
    .name = "PageLinks",
    .desc = "Relative URLs of neighbouring pages, filters kept",
    .fields = page_links_fields,
    .size = sizeof(struct page_links),
};

/* The envelope of every paged list, around the items of one resource. */
struct envelope {
    const char *items;
    int n;
    int64_t page, per_page, total;
    struct page_links links;
};

/* The envelope's table for items of `item` (out: 6 fields; item_out: the element). */
static void
envelope_fields(const struct resource *item, struct res_field out[6], struct res_field *item_out)
{
    static const struct res_field rest[] = {
        R_INT("page", struct envelope, page, 0, NULL),
        R_INT("per_page", struct envelope, per_page, 0, NULL),
        R_INT("total", struct envelope, total, 0, "Items matching the filters, on all pages"),
        R_RES("links", struct envelope, links, &res_page_links, 0, NULL),
        R_END,
    };

    memset(item_out, 0, sizeof(*item_out));
    item_out->type = RT_RES;
    item_out->res = item;
    memset(&out[0], 0, sizeof(out[0]));
    out[0].name = "items";
    out[0].type = RT_ARR;
    out[0].off = offsetof(struct envelope, items);
    out[0].off_n = offsetof(struct envelope, n);
    out[0].item_size = item->size;
    out[0].item = item_out;
    out[0].desc = "This page's items; a page past the last is 404, page 1 of an empty list "
                  "has none";
    memcpy(&out[1], rest, sizeof(rest));
}

/*
 * This list at another page: the route's pattern (list routes have no path
 * parameters) with every filter the request carried, percent-encoded, then
 * page and per_page if the route takes them.
 */
static const char *
list_link(struct json *j, struct req *rq, int64_t page, int64_t per_page)
{
    const struct route *r = rq->route;
    const struct pspec *ps;
    bool paged = false;
    char sep = '?';
    struct buf b;
    int k;

    buf_init(&b, RES_MAX_LINK);
    buf_adds(&b, r->pattern);
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        ps = &r->params[k];
        if (ps->in != PIN_QUERY)
            continue;
        if (strcmp(ps->name, "page") == 0 || strcmp(ps->name, "per_page") == 0) {
            paged = true;
            continue;
        }
        if (!rq->params[k].present)
            continue;
        buf_addc(&b, sep);
        sep = '&';
        url_encode(&b, ps->name);
        buf_addc(&b, '=');
        url_encode(&b, rq->params[k].s);
    }
    if (paged)
        buf_printf(&b, "%cpage=%lld&per_page=%lld", sep, (long long)page, (long long)per_page);
    return link_finish(j, rq, &b, r->pattern);
}

enum err
res_list(struct req *rq, const struct resource *list)
{
    struct res_field fields[6], item;
    struct envelope e;
    struct pager p;
    struct json j;
    void *items = NULL;
    int64_t last;
    enum err rc;

    assert(list->paged != NULL && list->load != NULL);
    pager_read(rq, &p, RES_PER_PAGE);
    e.n = 0;
    rc = list->load(rq, &p.pg, &items, &e.n, &p.total);
    if (rc)
        return rc;
    rc = pager_check(rq, &p);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    e.items = items;
    e.page = p.page;
    e.per_page = p.per_page;
    e.total = p.total;
    /* page 1 of an empty list is its last; the only page past the last left here is one
     * of an empty list, whose prev is page 1 */
    last = p.pages > 0 ? p.pages : 1;
    e.links.self = list_link(&j, rq, p.page, p.per_page);
    e.links.next = p.page < last ? list_link(&j, rq, p.page + 1, p.per_page) : NULL;
    e.links.prev =
        p.page > 1 ? list_link(&j, rq, p.page - 1 < last ? p.page - 1 : last, p.per_page) : NULL;
    envelope_fields(list->paged, fields, &item);
    json_obj_open(&j);
    write_members(&j, rq, fields, (const char *)&e, RES_AS_ITEM);
    json_obj_close(&j);
    return res_finish(&j, rq);
}

void
res_slice(const struct page *pg, int n, int *from, int *to)
{
    int64_t f = pg->offset, t;

    if (f > n)
        f = n;
    t = f + pg->limit;
    if (t > n)
        t = n;
    *from = (int)f;
    *to = (int)t;
}

/* ------------------------------------------------------------ the OpenAPI schema */

static void
put_ref(struct json *j, struct req *rq, const char *name)
{
    json_kstr(j, "$ref", arena_printf(rq->arena, SCHEMA_REF "%s", name));
}

void
res_put_enum(struct json *j, const struct code_set *set, const char *except)
{
    int i;

    json_key(j, "enum");
    json_arr_open(j);
    for (i = 0; i < set->n; i++)
        if (except == NULL || strcmp(set->codes[i].code, except) != 0)
            json_str(j, set->codes[i].code);
    json_arr_close(j);
}

static void put_object(struct json *j, struct req *rq, const struct res_field *fields,
                       const char *desc, bool nullable, bool more_strings);

/* $ref to a component; wrapped in allOf when it is nullable or described ($ref ignores
 * siblings in OpenAPI 3.0) */
static void
put_ref_field(struct json *j, struct req *rq, const char *name, bool nullable, const char *desc)
{
    json_obj_open(j);
    if (nullable || desc != NULL) {
        json_key(j, "allOf");
        json_arr_open(j);
        json_obj_open(j);
        put_ref(j, rq, name);
        json_obj_close(j);
        json_arr_close(j);
        if (nullable)
            json_kbool(j, "nullable", true);
    } else {
        put_ref(j, rq, name);
    }
    if (desc != NULL)
        json_kstr(j, "description", desc);
    json_obj_close(j);
}

static void
put_field(struct json *j, struct req *rq, const struct res_field *f)
{
    bool nullable = (f->flags & RES_NULL) != 0;

    switch (f->type) {
    case RT_OBJ:
        put_object(j, rq, f->sub, f->desc, nullable, false);
        return;
    case RT_TEXT:
        put_ref_field(j, rq, res_text.name, nullable, f->desc);
        return;
    case RT_RES:
        put_ref_field(j, rq, f->res->name, nullable, f->desc);
        return;
    default:
        break;
    }
    json_obj_open(j);
    switch (f->type) {
    case RT_STR:
    case RT_CODE:
        json_kstr(j, "type", "string");
        break;
    case RT_INT:
        json_kstr(j, "type", "integer");
        json_kstr(j, "format", "int64");
        break;
    case RT_NUM:
        json_kstr(j, "type", "number");
        break;
    case RT_BOOL:
        json_kstr(j, "type", "boolean");
        break;
    case RT_DATE:
        json_kstr(j, "type", "string");
        json_kstr(j, "format", "date");
        break;
    case RT_URL:
    case RT_LINK:
        json_kstr(j, "type", "string");
        json_kstr(j, "format", "uri-reference");
        break;
    case RT_ARR:
        json_kstr(j, "type", "array");
        json_key(j, "items");
        put_field(j, rq, f->item);
        break;
    case RT_MAP:
        json_kstr(j, "type", "object");
        json_key(j, "additionalProperties");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_obj_close(j);
        break;
    case RT_OBJ:
    case RT_TEXT:
    case RT_RES:
    case RT_SPREAD:
        break;
    }
    if (f->codes != NULL)
        res_put_enum(j, f->codes, f->except);
    if (nullable)
        json_kbool(j, "nullable", true);
    if (f->desc != NULL)
        json_kstr(j, "description", f->desc);
    json_obj_close(j);
}

/* The names of fields (spreads included) that every object carries. */
static void
put_required(struct json *j, const struct res_field *fields)
{
    const struct res_field *f;

    for (f = fields; f->name != NULL; f++)
        if (f->type == RT_SPREAD)
            put_required(j, f->res->fields);
        else if (!(f->flags & (RES_OPT | RES_ONE)))
            json_str(j, f->name);
}

static void
put_properties(struct json *j, struct req *rq, const struct res_field *fields)
{
    const struct res_field *f;

    for (f = fields; f->name != NULL; f++) {
        if (f->type == RT_SPREAD) {
            put_properties(j, rq, f->res->fields);
            continue;
        }
        json_key(j, f->name);
        put_field(j, rq, f);
    }
}

static void
put_object(struct json *j, struct req *rq, const struct res_field *fields, const char *desc,
           bool nullable, bool more_strings)
{
    json_obj_open(j);
    json_kstr(j, "type", "object");
    if (nullable)
        json_kbool(j, "nullable", true);
    if (desc != NULL)
        json_kstr(j, "description", desc);
    json_key(j, "required");
    json_arr_open(j);
    put_required(j, fields);
    json_arr_close(j);
    json_key(j, "properties");
    json_obj_open(j);
    put_properties(j, rq, fields);
    json_obj_close(j);
    if (more_strings) {
        json_key(j, "additionalProperties");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_obj_close(j);
    }
    json_obj_close(j);
}

void
res_schema(struct json *j, struct req *rq, const struct resource *r)
{
    struct res_field fields[6], item;

    if (r->paged != NULL) {
        envelope_fields(r->paged, fields, &item);
        put_object(j, rq, fields, r->desc, false, false);
    } else if (r->array) {
        json_obj_open(j);
        json_kstr(j, "type", "array");
        if (r->desc != NULL)
            json_kstr(j, "description", r->desc);
        json_key(j, "items");
        put_object(j, rq, r->fields, NULL, false, r->more_strings);
        json_obj_close(j);
    } else {
        put_object(j, rq, r->fields, r->desc, false, r->more_strings);
    }
}

/* ------------------------------------------------------------ walking the links */

static bool
each_link(const struct res_field *fields, bool (*fn)(const struct res_field *f, void *ctx),
          void *ctx)
{
    const struct res_field *f;

    for (f = fields; f->name != NULL; f++) {
        if (f->type == RT_LINK && !fn(f, ctx))
            return false;
        if (f->type == RT_OBJ && f->sub != NULL && !each_link(f->sub, fn, ctx))
            return false;
        if ((f->type == RT_RES || f->type == RT_SPREAD) && !res_each_link(f->res, fn, ctx))
            return false;
        if (f->type == RT_ARR && f->item != NULL && f->item->type == RT_RES &&
            !res_each_link(f->item->res, fn, ctx))
            return false;
        if (f->type == RT_ARR && f->item != NULL && f->item->type == RT_OBJ &&
            !each_link(f->item->sub, fn, ctx))
            return false;
    }
    return true;
}

bool
res_each_link(const struct resource *r, bool (*fn)(const struct res_field *f, void *ctx), void *ctx)
{
    if (r->paged != NULL)
        return res_each_link(r->paged, fn, ctx);
    return each_link(r->fields, fn, ctx);
}
