/*
 * form.c — application/x-www-form-urlencoded bodies (see form.h).
 */
#include "core/form.h"

#include <string.h>

#include "core/str.h"
#include "core/utf8.h"

/* Decode one name or value (n bytes at s) into the arena; NULL with *msg on refusal. */
static const char *
decode(struct arena *a, const char *s, size_t n, const char **msg)
{
    char *d;
    size_t len;

    if (memchr(s, '\0', n) != NULL) {
        *msg = "contains a NUL character";
        return NULL;
    }
    d = arena_strndup(a, s, n);
    if (url_decode(d, true, &len) != ERR_OK) {
        *msg = "has a malformed %-escape (or an encoded NUL)";
        return NULL;
    }
    if (!utf8_valid(d, len)) {
        *msg = "is not valid UTF-8";
        return NULL;
    }
    return d;
}

enum err
form_parse(struct arena *a, const char *body, size_t len, struct form *out, const char **out_msg)
{
    const char *p = body, *end = body + len, *amp, *eq;
    int cap = 0;

    out->fields = NULL;
    out->n = 0;
    *out_msg = NULL;
    /* count first, so the array is one allocation of the right size */
    for (p = body; p < end; p = amp + 1) {
        amp = memchr(p, '&', (size_t)(end - p));
        if (amp == NULL)
            amp = end;
        if (amp > p)
            cap++;
        if (cap > FORM_MAX_FIELDS) {
            *out_msg = "has too many fields";
            return ERR_LIMIT;
        }
    }
    if (cap == 0)
        return ERR_OK;
    out->fields = arena_alloc(a, sizeof(*out->fields) * (size_t)cap);
    for (p = body; p < end; p = amp + 1) {
        struct form_field *f;
        size_t nlen;

        amp = memchr(p, '&', (size_t)(end - p));
        if (amp == NULL)
            amp = end;
        if (amp == p)
            continue; /* "a=1&&b=2": an empty pair is nothing */
        eq = memchr(p, '=', (size_t)(amp - p));
        nlen = (size_t)((eq ? eq : amp) - p);
        if (nlen == 0) {
            *out_msg = "has a field without a name";
            goto refuse;
        }
        if (nlen > FORM_MAX_NAME * 3) {
            *out_msg = "has a field name that is too long";
            out->n = 0;
            return ERR_LIMIT;
        }
        f = &out->fields[out->n];
        f->name = decode(a, p, nlen, out_msg);
        if (f->name == NULL)
            goto refuse;
        if (strlen(f->name) > FORM_MAX_NAME) {
            *out_msg = "has a field name that is too long";
            out->n = 0;
            return ERR_LIMIT;
        }
        f->value = eq ? decode(a, eq + 1, (size_t)(amp - eq - 1), out_msg) : "";
        if (f->value == NULL)
            goto refuse;
        out->n++;
    }
    return ERR_OK;
refuse:
    out->n = 0;
    return ERR_INVALID;
}

const char *
form_get(const struct form *f, const char *name)
{
    int i;

    for (i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value;
    return NULL;
}

int
form_get_all(const struct form *f, const char *name, const char **out, int max)
{
    int i, n = 0;

    for (i = 0; i < f->n && n < max; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            out[n++] = f->fields[i].value;
    return n;
}
