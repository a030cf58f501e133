/*
 * buf.c — growable buffer with a limit and a sticky error (see buf.h).
 */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

void
buf_init(struct buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
    b->err = ERR_OK;
}

void
buf_free(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
    b->len = 0;
    b->err = ERR_OK;
    if (b->data != NULL)
        b->data[0] = '\0';
}

char *
buf_steal(struct buf *b, size_t *out_len)
{
    char *p;

    if (b->data == NULL)
        buf_add(b, "", 0);
    p = b->data;
    if (out_len != NULL)
        *out_len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

static bool
grow(struct buf *b, size_t need)
{
    size_t cap;
    char *p;

    if (b->err)
        return false;
    if (need > b->max && b->max != 0) {
        b->err = ERR_LIMIT;
        return false;
    }
    if (need + 1 <= b->cap)
        return true;
    cap = b->cap ? b->cap : 256;
    while (cap < need + 1)
        cap *= 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        die("out of memory (%zu bytes)", cap);
    b->data = p;
    b->cap = cap;
    return true;
}

char *
buf_room_grow(struct buf *b, size_t n)
{
    if (!grow(b, b->len + n))
        return NULL;
    return b->data + b->len;
}

void
buf_reserve(struct buf *b, size_t n)
{
    if (b->max != 0 && b->len + n > b->max)
        n = b->max - (b->len < b->max ? b->len : b->max);
    grow(b, b->len + n);
}

void
buf_add_grow(struct buf *b, const void *p, size_t n)
{
    if (!grow(b, b->len + n))
        return;
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
    buf_add(b, s, strlen(s));
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    int n;

    va_copy(ap2, ap);
    n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || !grow(b, b->len + (size_t)n))
        return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}
