/*
 * buf.h — a growable byte buffer with a maximum size and a sticky error.
 *
 * Appending past `max` does not silently drop data (kilo's abAppend did):
 * it sets b->err = ERR_LIMIT and every later append is a no-op, so a writer
 * can append freely and check once at the end (buf_err). The data is always
 * NUL-terminated. Owned by whoever called buf_init; free with buf_free.
 */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "core/err.h"

struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max; /* 0: no limit beyond memory */
    enum err err;
};

void buf_init(struct buf *b, size_t max);
void buf_free(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, err cleared, memory kept */
/* Hand the data to the caller (malloc'd, NUL-terminated); the buf is emptied. */
char *buf_steal(struct buf *b, size_t *out_len);

/* Make room for n more bytes at once (a writer that knows roughly how much it will write:
 * one malloc instead of a doubling from 256 bytes); the limit and the error as buf_add's. */
void buf_reserve(struct buf *b, size_t n);
void buf_add_grow(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);

/* Append n bytes. Inline for the common case, room already there (an HTML page is made of
 * some ten thousand small appends); buf_add_grow grows the buffer or sets the error. */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
    if (b->err == ERR_OK && b->data != NULL && b->len + n < b->cap &&
        (b->max == 0 || b->len + n <= b->max)) {
        if (n > 0)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    buf_add_grow(b, p, n);
}

/* Room for n more bytes (and the NUL after them): where to write them, or NULL when b is in
 * error or they would pass its limit (then b->err is set, as buf_add sets it). Write at most
 * n there, then buf_commit what was written. For a writer that puts several small pieces
 * together (an HTML tag and its attributes): one check instead of one per piece. */
char *buf_room_grow(struct buf *b, size_t n);
static inline char *
buf_room(struct buf *b, size_t n)
{
    if (b->err == ERR_OK && b->data != NULL && b->len + n < b->cap &&
        (b->max == 0 || b->len + n <= b->max))
        return b->data + b->len;
    return buf_room_grow(b, n);
}

/* The n bytes written at buf_room's pointer are part of b now. */
static inline void
buf_commit(struct buf *b, size_t n)
{
    b->len += n;
    b->data[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, char c)
{
    buf_add(b, &c, 1);
}
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static inline enum err
buf_err(const struct buf *b)
{
    return b->err;
}

#endif
