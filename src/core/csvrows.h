/*
 * csvrows.h — read a whole in-memory CSV (RFC 4180, via libcsv) row by row.
 * For small trusted files (reference data); streaming imports use their own
 * parser with limits.
 */
#ifndef CORE_CSVROWS_H
#define CORE_CSVROWS_H

#include <stddef.h>

#include "core/err.h"

#define CSVROWS_MAX_FIELDS 32

/* Called for each row after the header; fields are NUL-terminated and valid
 * only during the call. A non-zero return stops and is returned. */
typedef enum err (*csvrows_cb)(void *ctx, char **fields, int n, long line);

enum err csvrows_parse(const char *data, size_t len, csvrows_cb cb, void *ctx);

#endif
