/*
 * change.c — the field-by-field record of one write (see change.h). Builds JSON through
 * the escaping writer only; never reads or writes a table of its own.
 */
#include "domain/change.h"

#include <stdlib.h>
#include <string.h>

void
change_init(struct change_set *c)
{
    buf_init(&c->b, CHANGE_MAX_BYTES);
    json_init(&c->j, &c->b);
    json_obj_open(&c->j);
    c->n = 0;
}

void
change_free(struct change_set *c)
{
    buf_free(&c->b);
}

/* ------------------------------------------------------------ values */

struct change_val
change_text(const char *s)
{
    struct change_val v = {.s = s != NULL ? s : ""};

    return v;
}

struct change_val
change_opt(const char *s)
{
    struct change_val v = {.is_null = s == NULL || *s == '\0', .s = s};

    if (v.is_null)
        v.s = NULL;
    return v;
}

struct change_val
change_int(int64_t i)
{
    struct change_val v = {.i = i};

    return v;
}

struct change_val
change_opt_id(int64_t id)
{
    struct change_val v = {.is_null = id == 0, .i = id};

    return v;
}

struct change_val
change_dbl(double d)
{
    struct change_val v = {.d = d};

    return v;
}

struct change_val
change_opt_int(bool has, int64_t i)
{
    struct change_val v = {.is_null = !has, .i = has ? i : 0};

    return v;
}

struct change_val
change_opt_dbl(bool has, double d)
{
    struct change_val v = {.is_null = !has, .d = has ? d : 0};

    return v;
}

void
change_read(struct db_stmt *st, struct arena *a, const struct change_field *fields, int n,
            struct change_val *out)
{
    int k;

    for (k = 0; k < n; k++) {
        switch (fields[k].kind) {
        case CH_TEXT:
            out[k] = change_text(db_null(st, k) ? "" : db_text_dup(st, k, a));
            break;
        case CH_OPT:
            out[k] = change_opt(db_null(st, k) ? NULL : db_text_dup(st, k, a));
            break;
        case CH_INT:
            out[k] = change_int(db_i64(st, k));
            break;
        case CH_OPT_ID:
            out[k] = change_opt_id(db_null(st, k) ? 0 : db_i64(st, k));
            break;
        case CH_DBL:
            out[k] = change_dbl(db_dbl(st, k));
            break;
        case CH_OPT_INT:
            out[k] = change_opt_int(!db_null(st, k), db_i64(st, k));
            break;
        case CH_OPT_DBL:
            out[k] = change_opt_dbl(!db_null(st, k), db_dbl(st, k));
            break;
        }
    }
}

static bool
val_equal(enum change_kind kind, const struct change_val *x, const struct change_val *y)
{
    if (x->is_null || y->is_null)
        return x->is_null == y->is_null;
    switch (kind) {
    case CH_TEXT:
    case CH_OPT:
        return strcmp(x->s, y->s) == 0;
    case CH_DBL:
    case CH_OPT_DBL:
        return x->d == y->d;
    case CH_INT:
    case CH_OPT_ID:
    case CH_OPT_INT:
        break;
    }
    return x->i == y->i;
}

static void
val_json(struct json *j, const struct change_field *f, const struct change_val *v)
{
    if (v->is_null)
        json_nil(j);
    else if (f->is_private)
        json_bool(j, true);
    else if (f->kind == CH_TEXT || f->kind == CH_OPT)
        json_str(j, v->s);
    else if (f->kind == CH_DBL || f->kind == CH_OPT_DBL)
        json_dbl(j, v->d);
    else
        json_int(j, v->i);
}

struct json *
change_open(struct change_set *c, const char *field)
{
    json_key(&c->j, field);
    json_arr_open(&c->j);
    c->n++;
    return &c->j;
}

void
change_close(struct change_set *c)
{
    json_arr_close(&c->j);
}

int
change_diff(struct change_set *c, const struct change_field *fields, int n,
            const struct change_val *before, const struct change_val *after)
{
    int k, recorded = 0;

    for (k = 0; k < n; k++) {
        if (val_equal(fields[k].kind, &before[k], &after[k]))
            continue;
        change_open(c, fields[k].name);
        val_json(&c->j, &fields[k], &before[k]);
        val_json(&c->j, &fields[k], &after[k]);
        change_close(c);
        recorded++;
    }
    return recorded;
}

void
change_created(struct change_set *c, const struct change_field *fields, int n,
               const struct change_val *after)
{
    int k;

    for (k = 0; k < n; k++) {
        if (after[k].is_null ||
            ((fields[k].kind == CH_TEXT || fields[k].kind == CH_OPT) && *after[k].s == '\0'))
            continue;
        change_open(c, fields[k].name);
        json_nil(&c->j);
        val_json(&c->j, &fields[k], &after[k]);
        change_close(c);
    }
}

void
change_bind(struct db_stmt *st, int first, const struct change_field *fields, int n,
            const struct change_val *after)
{
    int k;

    for (k = 0; k < n; k++) {
        if (after[k].is_null)
            db_bind_null(st, first + k);
        else if (fields[k].kind == CH_TEXT || fields[k].kind == CH_OPT)
            db_bind_text(st, first + k, after[k].s);
        else if (fields[k].kind == CH_DBL || fields[k].kind == CH_OPT_DBL)
            db_bind_dbl(st, first + k, after[k].d);
        else
            db_bind_i64(st, first + k, after[k].i);
    }
}

/* ------------------------------------------------------------ lists */

static int
cmp_str(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
cmp_id(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

    return (a > b) - (a < b);
}

/* Whether two lists hold the same items (sorted copies unless ordered). */
static bool
same_texts(const char *const *x, int nx, const char *const *y, int ny, bool ordered)
{
    const char **sx, **sy;
    bool same = true;
    int k;

    if (nx != ny)
        return false;
    if (nx == 0)
        return true;
    sx = malloc((size_t)nx * sizeof(*sx));
    sy = malloc((size_t)ny * sizeof(*sy));
    if (sx == NULL || sy == NULL)
        abort(); /* true OOM (STYLE.md 3.4) */
    memcpy(sx, x, (size_t)nx * sizeof(*sx));
    memcpy(sy, y, (size_t)ny * sizeof(*sy));
    if (!ordered) {
        qsort(sx, (size_t)nx, sizeof(*sx), cmp_str);
        qsort(sy, (size_t)ny, sizeof(*sy), cmp_str);
    }
    for (k = 0; k < nx && same; k++)
        same = strcmp(sx[k], sy[k]) == 0;
    free(sx);
    free(sy);
    return same;
}

bool
change_texts(struct change_set *c, const char *field, const char *const *before, int nb,
             const char *const *after, int na, bool ordered, bool is_create)
{
    int k;

    if (is_create ? na == 0 : same_texts(before, nb, after, na, ordered))
        return false;
    change_open(c, field);
    if (is_create) {
        json_nil(&c->j);
    } else {
        json_arr_open(&c->j);
        for (k = 0; k < nb; k++)
            json_str(&c->j, before[k]);
        json_arr_close(&c->j);
    }
    json_arr_open(&c->j);
    for (k = 0; k < na; k++)
        json_str(&c->j, after[k]);
    json_arr_close(&c->j);
    change_close(c);
    return true;
}

static bool
same_ids(const int64_t *x, int nx, const int64_t *y, int ny)
{
    int64_t *sx, *sy;
    bool same;

    if (nx != ny)
        return false;
    if (nx == 0)
        return true;
    sx = malloc((size_t)nx * sizeof(*sx));
    sy = malloc((size_t)ny * sizeof(*sy));
    if (sx == NULL || sy == NULL)
        abort(); /* true OOM (STYLE.md 3.4) */
    memcpy(sx, x, (size_t)nx * sizeof(*sx));
    memcpy(sy, y, (size_t)ny * sizeof(*sy));
    qsort(sx, (size_t)nx, sizeof(*sx), cmp_id);
    qsort(sy, (size_t)ny, sizeof(*sy), cmp_id);
    same = memcmp(sx, sy, (size_t)nx * sizeof(*sx)) == 0;
    free(sx);
    free(sy);
    return same;
}

bool
change_ids(struct change_set *c, const char *field, const int64_t *before, int nb,
           const int64_t *after, int na, bool is_create)
{
    int k;

    if (is_create ? na == 0 : same_ids(before, nb, after, na))
        return false;
    change_open(c, field);
    if (is_create) {
        json_nil(&c->j);
    } else {
        json_arr_open(&c->j);
        for (k = 0; k < nb; k++)
            json_int(&c->j, before[k]);
        json_arr_close(&c->j);
    }
    json_arr_open(&c->j);
    for (k = 0; k < na; k++)
        json_int(&c->j, after[k]);
    json_arr_close(&c->j);
    change_close(c);
    return true;
}

enum err
change_finish(struct change_set *c, const char **out)
{
    enum err rc;

    *out = "";
    json_obj_close(&c->j);
    rc = json_finish(&c->j);
    if (rc)
        return rc;
    if (c->n > 0)
        *out = c->b.data;
    return ERR_OK;
}
