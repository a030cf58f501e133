/*
 * arena.h — a bump allocator. One arena per request (and per CLI command):
 * everything allocated from it is freed at once by arena_free. Handlers and
 * views never call free().
 *
 * arena_alloc never returns NULL: running out of memory aborts (as in Redis
 * and h2o). Size limits belong at the input boundary, not here.
 */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
    struct arena_chunk *head;
    /* standard chunks arena_reset kept (up to ARENA_SPARE), handed out before malloc */
    struct arena_chunk *spare;
    size_t total; /* bytes held in chunks, for metrics */
};

void arena_init(struct arena *a);
/* Free every chunk but keep a few standard ones, so a reused arena (a worker's, one request
 * after another) costs no malloc. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

/* Zeroed memory aligned for any type; owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
