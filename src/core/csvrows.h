/*
 * csvrows.h — read a whole in-memory CSV (RFC 4180, via libcsv) row by row.
 * For small trusted files compiled into the binary (reference data, the demo
 * data set); streaming imports use their own parser with limits.
 */
#ifndef CORE_CSVROWS_H
#define CORE_CSVROWS_H

#include <stddef.h>

#include "core/err.h"

#define CSVROWS_MAX_FIELDS 32

/* Called for a row; fields are NUL-terminated and valid only during the call. line is the
 * line the row starts on, counted as an editor does (a quoted cell may span lines). A
 * non-zero return stops and is returned. */
typedef enum err (*csvrows_cb)(void *ctx, char **fields, int n, long line);

/* Every row after the header to cb. */
enum err csvrows_parse(const char *data, size_t len, csvrows_cb cb, void *ctx);
/* The header row to on_header (if not NULL), then every other row to on_row. *out_line (if
 * not NULL) is the line of the row that stopped the read, or where the CSV is malformed
 * (ERR_INVALID), or 0. */
enum err csvrows_read(const char *data, size_t len, csvrows_cb on_header, csvrows_cb on_row,
                      void *ctx, long *out_line);

#endif
