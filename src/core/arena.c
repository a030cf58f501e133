/*
 * arena.c — chunked bump allocator (see arena.h). Never returns NULL.
 */
#include "core/arena.h"

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

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    struct arena_chunk *c = a->head;
    va_list ap2;
    size_t off = 0;
    int n;
    char *p;

    /* formatted straight into the current chunk's free space, which is kept when it
     * fits: one pass of vsnprintf instead of one to measure and one to write (the
     * uncached mission page formats a few hundred strings) */
    if (c != NULL)
        off = (c->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
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
