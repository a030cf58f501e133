/*
 * arena.c — chunked bump allocator (see arena.h). Never returns NULL.
 */
#include "core/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

#define ARENA_CHUNK 8192
#define ARENA_ALIGN 16
/* the standard chunks arena_reset keeps: the uncached demo mission page fills 15, and
 * malloc and free of each were 1 % of its time */
#define ARENA_SPARE 24

struct arena_chunk {
    struct arena_chunk *next;
    size_t size; /* usable bytes in data */
    size_t used;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void
arena_init(struct arena *a)
{
    a->head = NULL;
    a->spare = NULL;
    a->total = 0;
}

static struct arena_chunk *
chunk_new(struct arena *a, size_t size)
{
    struct arena_chunk *c;

    if (size == ARENA_CHUNK && a->spare != NULL) {
        c = a->spare;
        a->spare = c->next;
        c->next = NULL;
        c->used = 0;
        return c;
    }
    c = malloc(sizeof(*c) + size);
    if (c == NULL)
        die("out of memory (%zu bytes)", size);
    a->total += size;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void
arena_reset(struct arena *a)
{
    struct arena_chunk *c, *next;
    size_t n = 0;

    for (c = a->spare; c != NULL; c = c->next)
        n++;
    for (c = a->head; c != NULL; c = next) {
        next = c->next;
        if (c->size == ARENA_CHUNK && n < ARENA_SPARE) {
            c->next = a->spare;
            a->spare = c;
            n++;
            continue;
        }
        free(c);
    }
    a->head = NULL;
    a->total = n * ARENA_CHUNK;
}

void
arena_free(struct arena *a)
{
    struct arena_chunk *c, *next;

    for (c = a->head; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    for (c = a->spare; c != NULL; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
    a->spare = NULL;
    a->total = 0;
}

/* arena_alloc without the zeroing, for what is written whole at once (a copied string) */
static void *
alloc_raw(struct arena *a, size_t n)
{
    struct arena_chunk *c;
    size_t off, size;
    void *p;

    if (n > SIZE_MAX / 2)
        die("arena: absurd allocation of %zu bytes", n);
    if (n == 0)
        n = 1;
    c = a->head;
    if (c != NULL) {
        off = (c->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        if (off + n <= c->size) {
            c->used = off + n;
            p = c->data + off;
            return p;
        }
    }
    size = n > ARENA_CHUNK / 2 ? n : ARENA_CHUNK;
    c = chunk_new(a, size);
    if (n > ARENA_CHUNK / 2 && a->head != NULL) {
        /* a big block: put it behind the current chunk so its free space stays usable */
        c->next = a->head->next;
        a->head->next = c;
    } else {
        c->next = a->head;
        a->head = c;
    }
    c->used = n;
    return c->data;
}

void *
arena_alloc(struct arena *a, size_t n)
{
    void *p = alloc_raw(a, n);

    memset(p, 0, n > 0 ? n : 1);
    return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p;

    p = alloc_raw(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
    if (s == NULL)
        return NULL;
    return arena_strndup(a, s, strlen(s));
}

/* Write n's digits (and sign) ending just before end; returns where they start. */
static char *
digits(char *end, unsigned long long u, bool neg)
{
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (neg)
        *--end = '-';
    return end;
}

/* Append the len bytes of s to dst (cap bytes, *n used); false when they and a NUL do not
 * fit. */
static bool
put(char *dst, size_t cap, size_t *n, const char *s, size_t len)
{
    if (len >= cap - *n)
        return false;
    memcpy(dst + *n, s, len);
    *n += len;
    return true;
}

/*
 * fmt formatted into dst (cap bytes, NUL included) when it uses only the conversions the
 * program's strings use most: %s (not NULL), %d %i %u with no, l, ll or z length, and %%,
 * with no flag, width, precision or argument number. Returns the length written, or -1
 * when fmt has anything else (or a NULL string), -2 when it does not fit: then vsnprintf
 * does it all, from the caller's untouched va_list. Why: glibc's vsnprintf costs about
 * 1,000 instructions for "%s (%d)", and the uncached mission page formats some 200
 * strings (9 % of its instructions); this loop costs a few per byte. test_core compares
 * the two on every conversion it takes and on those it declines.
 */
static int
fmt_fast(char *dst, size_t cap, const char *fmt, va_list ap)
{
    char num[24], *d;
    const char *p = fmt, *pct, *s;
    unsigned long long u;
    long long v;
    size_t n = 0;
    bool neg;

    for (;;) {
        pct = strchr(p, '%');
        if (!put(dst, cap, &n, p, pct != NULL ? (size_t)(pct - p) : strlen(p)))
            return -2;
        if (pct == NULL)
            break;
        p = pct + 1;
        s = NULL;
        neg = false;
        switch (*p) {
        case '%':
            s = "%";
            break;
        case 's':
            s = va_arg(ap, const char *);
            if (s == NULL)
                return -1;
            break;
        case 'd':
        case 'i':
            v = va_arg(ap, int);
            goto sign;
        case 'u':
            u = va_arg(ap, unsigned);
            goto unsign;
        case 'z':
            if (p[1] != 'u')
                return -1;
            p++;
            u = va_arg(ap, size_t);
            goto unsign;
        case 'l':
            if (p[1] == 'l') {
                p++;
                if (p[1] == 'd' || p[1] == 'i') {
                    p++;
                    v = va_arg(ap, long long);
                    goto sign;
                }
                if (p[1] != 'u')
                    return -1;
                p++;
                u = va_arg(ap, unsigned long long);
                goto unsign;
            }
            if (p[1] == 'd' || p[1] == 'i') {
                p++;
                v = va_arg(ap, long);
                goto sign;
            }
            if (p[1] != 'u')
                return -1;
            p++;
            u = va_arg(ap, unsigned long);
            goto unsign;
        default:
            return -1;
        }
        goto text;
    sign:
        neg = v < 0;
        u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    unsign:
        d = digits(num + sizeof(num), u, neg);
        if (!put(dst, cap, &n, d, (size_t)(num + sizeof(num) - d)))
            return -2;
        p++;
        continue;
    text:
        if (!put(dst, cap, &n, s, strlen(s)))
            return -2;
        p++;
    }
    dst[n] = '\0';
    return (int)n;
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    struct arena_chunk *c = a->head;
    va_list ap2;
    size_t off = 0;
    int n;
    char *p;

    /* formatted straight into the current chunk's free space, which is kept when it
     * fits: one pass instead of one to measure and one to write (the uncached mission
     * page formats a few hundred strings), by fmt_fast when it can */
    if (c != NULL)
        off = (c->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (c != NULL && off < c->size) {
        va_copy(ap2, ap);
        n = fmt_fast((char *)c->data + off, c->size - off, fmt, ap2);
        va_end(ap2);
        if (n >= 0) {
            c->used = off + (size_t)n + 1;
            return (char *)c->data + off;
        }
    }
    va_copy(ap2, ap);
    if (c != NULL && off < c->size) {
        n = vsnprintf((char *)c->data + off, c->size - off, fmt, ap2);
        if (n >= 0 && (size_t)n < c->size - off) {
            va_end(ap2);
            c->used = off + (size_t)n + 1;
            return (char *)c->data + off;
        }
    } else {
        n = vsnprintf(NULL, 0, fmt, ap2);
    }
    va_end(ap2);
    if (n < 0)
        die("arena_vprintf: bad format");
    p = alloc_raw(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
