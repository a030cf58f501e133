/*
 * fuzz_tidycsv.c — the tidy-CSV reader (src/domain/tidycsv.c) on any bytes.
 *
 * Input: one byte choosing a chunk size (0: the whole input at once), then
 * the CSV. Each input is read twice, whole and in chunks of that size; the
 * invariants:
 *   - the result does not depend on how the input is chunked: the same header,
 *     the same rows with the same values and lines, the same error;
 *   - a header has a Year and a Value column, names are non-empty, distinct
 *     and at most TIDY_MAX_COLUMNS;
 *   - a row's line numbers increase; its period is what period_parse reads in
 *     the Year cell; a present value is finite; every cell is valid UTF-8 of at most
 *     TIDY_MAX_FIELD bytes without NUL;
 *   - disagg holds exactly one "Field=Value" per non-empty disaggregation
 *     cell, attrs one per non-empty attribute cell: no value can add a
 *     separator (TIDY_DISAGG_SEP) of its own;
 *   - an error is ERR_INVALID or ERR_LIMIT with a line and a message, and
 *     feeding more input repeats it.
 */
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "core/str.h"
#include "domain/tidycsv.h"
#include "fuzz.h"

#define MAX_ROWS 200 /* small, so the row limit is reached too */

struct run {
    uint64_t digest; /* FNV-1a over everything the callbacks saw */
    long rows, last_line;
    bool header;
};

static void
mix(struct run *r, const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;

    if (r->digest == 0)
        r->digest = 1469598103934665603ull;
    for (i = 0; i < n; i++) {
        r->digest ^= b[i];
        r->digest *= 1099511628211ull;
    }
}

static void
mix_str(struct run *r, const char *s)
{
    mix(r, s, strlen(s) + 1);
}

static enum err
on_header(void *ctx, const struct tidy_header *h, struct tidy_error *e)
{
    struct run *r = ctx;
    int i, k;

    (void)e;
    FUZZ_CHECK(!r->header, "a second header");
    r->header = true;
    FUZZ_CHECK(h->n_columns >= 2 && h->n_columns <= TIDY_MAX_COLUMNS, "%d columns", h->n_columns);
    FUZZ_CHECK(h->year_col >= 0 && h->year_col < h->n_columns, "year_col %d", h->year_col);
    FUZZ_CHECK(h->value_col >= 0 && h->value_col < h->n_columns, "value_col %d", h->value_col);
    FUZZ_CHECK(strcmp(h->names[h->year_col], "Year") == 0, "Year column named \"%s\"",
               h->names[h->year_col]);
    FUZZ_CHECK(strcmp(h->names[h->value_col], "Value") == 0, "Value column named \"%s\"",
               h->names[h->value_col]);
    for (i = 0; i < h->n_columns; i++) {
        FUZZ_CHECK(h->names[i][0] != '\0', "column %d has an empty name", i + 1);
        for (k = 0; k < i; k++)
            FUZZ_CHECK(strcmp(h->names[i], h->names[k]) != 0, "column \"%s\" twice", h->names[i]);
        mix_str(r, h->names[i]);
    }
    FUZZ_CHECK(h->n_dims >= 0 && h->n_attrs >= 0 && h->n_dims + h->n_attrs <= h->n_columns - 2,
               "%d dims, %d attributes", h->n_dims, h->n_attrs);
    return ERR_OK;
}

static enum err
on_row(void *ctx, const struct tidy_header *h, const struct tidy_row *row, struct tidy_error *e)
{
    struct run *r = ctx;
    size_t seps = 0, nonempty = 0, n;
    const char *q, *why;
    struct period p;
    int i;

    (void)e;
    FUZZ_CHECK(r->header, "a row before the header");
    FUZZ_CHECK(row->line > r->last_line && row->line >= 2, "line %ld after %ld", row->line,
               r->last_line);
    r->last_line = row->line;
    r->rows++;
    FUZZ_CHECK(r->rows <= MAX_ROWS, "more rows than the limit");
    for (i = 0; i < h->n_columns; i++) {
        n = strlen(row->cells[i]);
        FUZZ_CHECK(n <= TIDY_MAX_FIELD, "a cell of %zu bytes", n);
        FUZZ_CHECK(utf8_valid(row->cells[i], n), "a cell that is not UTF-8");
        mix_str(r, row->cells[i]);
    }
    FUZZ_CHECK(strcmp(row->period, row->cells[h->year_col]) == 0, "period is not the Year cell");
    FUZZ_CHECK(period_parse(row->period, strlen(row->period), &p, &why) && p.year == row->p.year &&
                   p.key == row->p.key && p.kind == row->p.kind && row->year == p.year,
               "period \"%s\" is not what period_parse reads", row->period);
    if (row->has_value)
        FUZZ_CHECK(isfinite(row->value), "a present value that is not finite");
    for (i = 0; i < h->n_dims; i++)
        if (row->cells[h->dim_cols[i]][0] != '\0')
            nonempty++;
    for (q = row->disagg; *q; q++)
        if (*q == TIDY_DISAGG_SEP)
            seps++;
    FUZZ_CHECK(nonempty == 0 ? row->disagg[0] == '\0' : seps == nonempty - 1,
               "disagg has %zu separators for %zu non-empty disaggregation cells", seps, nonempty);
    nonempty = seps = 0;
    for (i = 0; i < h->n_attrs; i++) {
        FUZZ_CHECK(tidy_is_attribute(h->names[h->attr_cols[i]]),
                   "column \"%s\" taken for an attribute", h->names[h->attr_cols[i]]);
        if (row->cells[h->attr_cols[i]][0] != '\0')
            nonempty++;
    }
    for (q = row->attrs; *q; q++)
        if (*q == TIDY_DISAGG_SEP)
            seps++;
    FUZZ_CHECK(nonempty == 0 ? row->attrs[0] == '\0' : seps == nonempty - 1,
               "attrs has %zu separators for %zu non-empty attribute cells", seps, nonempty);
    if (row->has_progress)
        FUZZ_CHECK(isfinite(row->progress), "a present Progress that is not finite");
    mix_str(r, row->disagg);
    mix_str(r, row->attrs);
    mix_str(r, row->series);
    mix_str(r, row->unit);
    mix(r, &row->line, sizeof(row->line));
    mix(r, &row->has_value, sizeof(row->has_value));
    if (row->has_value)
        mix(r, &row->value, sizeof(row->value));
    mix(r, &row->has_progress, sizeof(row->has_progress));
    if (row->has_progress)
        mix(r, &row->progress, sizeof(row->progress));
    mix(r, &row->p.kind, sizeof(row->p.kind));
    mix(r, &row->p.year, sizeof(row->p.year));
    mix(r, &row->p.key, sizeof(row->p.key));
    return ERR_OK;
}

struct outcome {
    enum err rc;
    struct tidy_error err;
    struct run run;
};

static void
read_csv(const char *s, size_t n, size_t chunk, struct outcome *out)
{
    struct tidy_reader *t;
    size_t off = 0, k;
    enum err rc = ERR_OK;

    memset(out, 0, sizeof(*out));
    t = tidy_new(on_header, on_row, &out->run, MAX_ROWS);
    while (rc == ERR_OK && off < n) {
        k = chunk == 0 || n - off < chunk ? n - off : chunk;
        rc = tidy_feed(t, s + off, k);
        off += k;
    }
    if (rc == ERR_OK)
        rc = tidy_finish(t);
    out->rc = rc;
    if (rc != ERR_OK) {
        out->err = *tidy_error(t);
        FUZZ_CHECK(rc == ERR_INVALID || rc == ERR_LIMIT, "error %d", (int)rc);
        FUZZ_CHECK(out->err.line >= 1 && out->err.column >= 0, "error at %ld:%d", out->err.line,
                   out->err.column);
        FUZZ_CHECK(out->err.msg[0] != '\0', "an error without a message");
        FUZZ_CHECK(tidy_feed(t, "Year,Value\n", 11) == rc, "an error that does not stick");
    } else {
        FUZZ_CHECK(out->run.header, "success without a header");
    }
    FUZZ_CHECK(tidy_rows(t) >= out->run.rows, "tidy_rows %ld below %ld delivered", tidy_rows(t),
               out->run.rows);
    tidy_free(t);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_quiet();
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct outcome whole, chunked;
    char *s;

    if (size < 1)
        return 0;
    s = fuzz_strndup(data + 1, size - 1);
    read_csv(s, size - 1, 0, &whole);
    if (data[0] != 0) {
        read_csv(s, size - 1, data[0], &chunked);
        FUZZ_CHECK(whole.rc == chunked.rc, "rc %d whole, %d in chunks of %d", (int)whole.rc,
                   (int)chunked.rc, data[0]);
        FUZZ_CHECK(whole.run.digest == chunked.run.digest && whole.run.rows == chunked.run.rows,
                   "different rows whole (%ld) and in chunks of %d (%ld)", whole.run.rows, data[0],
                   chunked.run.rows);
        FUZZ_CHECK(whole.err.line == chunked.err.line && whole.err.column == chunked.err.column &&
                       strcmp(whole.err.msg, chunked.err.msg) == 0,
                   "error %ld:%d \"%s\" whole, %ld:%d \"%s\" in chunks of %d", whole.err.line,
                   whole.err.column, whole.err.msg, chunked.err.line, chunked.err.column,
                   chunked.err.msg, data[0]);
    }
    free(s);
    return 0;
}
