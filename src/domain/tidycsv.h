/*
 * tidycsv.h — a streaming reader for Open SDG-style tidy CSV:
 *
 *     Year,[Series],[Units],[disaggregation columns...],[Progress],Value
 *
 * Input is fed in chunks of any size; each data row is handed to a callback
 * as soon as it is complete, so memory stays bounded whatever the file size.
 * Every problem is reported with its line and column (1-based; the column is
 * the field's position, named in the message): invalid UTF-8, NUL bytes,
 * a missing Year or Value column, a repeated or empty column name, a year that
 * does not start with four digits, a value that is not a number, a row with
 * the wrong number of fields, a field or row count over the limits, an empty
 * file.
 */
#ifndef DOMAIN_TIDYCSV_H
#define DOMAIN_TIDYCSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

#define TIDY_MAX_COLUMNS 64
#define TIDY_MAX_FIELD   1024 /* bytes in one field */
#define TIDY_DISAGG_SEP  '\x1f'

struct tidy_header {
    int n_columns;
    const char *names[TIDY_MAX_COLUMNS];
    int year_col, value_col, series_col, units_col, progress_col; /* -1 when absent */
    /* disaggregation columns: every other column, in file order */
    int n_dims;
    int dim_cols[TIDY_MAX_COLUMNS];
};

struct tidy_row {
    long line;
    const char *period;        /* the Year cell as written, "2015-16" */
    int year;                  /* its first four digits */
    const char *series, *unit; /* "" when absent */
    /* the non-empty disaggregation cells as "Field=Value" joined by 0x1f, in
     * column order; "" for a headline row */
    const char *disagg;
    const char *cells[TIDY_MAX_COLUMNS]; /* every cell of the row */
    bool has_value;                      /* false: the Value (or Progress) cell was empty */
    double value;                        /* Progress when the column exists, else Value */
    double raw_value;                    /* the Value column itself (NaN if empty) */
};

struct tidy_error {
    long line;
    int column; /* 0 when the problem is not in one field */
    char msg[200];
};

/* Called once after the header (may return an error to stop, e.g. unknown column). */
typedef enum err (*tidy_header_cb)(void *ctx, const struct tidy_header *h, struct tidy_error *e);
/* Called for every data row; strings are valid only during the call. */
typedef enum err (*tidy_row_cb)(void *ctx, const struct tidy_header *h, const struct tidy_row *r,
                                struct tidy_error *e);

struct tidy_reader;

struct tidy_reader *tidy_new(tidy_header_cb on_header, tidy_row_cb on_row, void *ctx,
                             long max_rows);
/* Feed bytes; ERR_INVALID or ERR_LIMIT with tidy_error() filled on a problem. */
enum err tidy_feed(struct tidy_reader *t, const char *data, size_t len);
/* End of input. */
enum err tidy_finish(struct tidy_reader *t);
const struct tidy_error *tidy_error(const struct tidy_reader *t);
long tidy_rows(const struct tidy_reader *t);
void tidy_free(struct tidy_reader *t);

/* Read a whole file through a reader (chunks of 64 KiB). */
enum err tidy_read_file(const char *path, tidy_header_cb on_header, tidy_row_cb on_row, void *ctx,
                        long max_rows, struct tidy_error *out_err);

#endif
