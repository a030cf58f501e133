/*
 * tidycsv.c — streaming tidy-CSV reader on libcsv (see tidycsv.h).
 *
 * libcsv hands us fields and row ends; we keep one row's fields at a time.
 * Physical line numbers are tracked by counting the newlines inside quoted
 * fields, so an error on a row after a multi-line cell still names the line
 * an editor shows.
 */
#include "domain/tidycsv.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"

struct tidy_reader {
    struct csv_parser p;
    tidy_header_cb on_header;
    tidy_row_cb on_row;
    void *ctx;
    long max_rows;
    struct tidy_header h;
    bool have_header;
    char *fields[TIDY_MAX_COLUMNS];
    size_t lens[TIDY_MAX_COLUMNS];
    size_t caps[TIDY_MAX_COLUMNS]; /* field buffers are kept and reused row after row */
    int n;
    bool too_many;
    long line;     /* physical line where the current row starts */
    long newlines; /* newlines inside the current row's fields */
    long rows;
    struct buf disagg;
    enum err rc;
    struct tidy_error err;
    bool bom_checked;
};

static enum err
fail(struct tidy_reader *t, enum err rc, long line, int column, const char *fmt, ...)
{
    va_list ap;

    if (t->rc)
        return t->rc;
    t->rc = rc;
    t->err.line = line;
    t->err.column = column;
    va_start(ap, fmt);
    vsnprintf(t->err.msg, sizeof(t->err.msg), fmt, ap);
    va_end(ap);
    return rc;
}

static void
on_field(void *s, size_t len, void *vt)
{
    struct tidy_reader *t = vt;
    size_t i;

    if (t->rc)
        return;
    for (i = 0; i < len; i++)
        if (((char *)s)[i] == '\n')
            t->newlines++;
    if (t->n >= TIDY_MAX_COLUMNS) {
        fail(t, ERR_LIMIT, t->line, t->n + 1, "more than %d columns", TIDY_MAX_COLUMNS);
        return;
    }
    if (len > TIDY_MAX_FIELD) {
        fail(t, ERR_LIMIT, t->line, t->n + 1, "field longer than %d bytes", TIDY_MAX_FIELD);
        return;
    }
    if (memchr(s, '\0', len) != NULL) {
        fail(t, ERR_INVALID, t->line, t->n + 1, "NUL byte in field");
        return;
    }
    if (!utf8_valid(s, len)) {
        fail(t, ERR_INVALID, t->line, t->n + 1, "invalid UTF-8");
        return;
    }
    if (t->fields[t->n] == NULL || t->caps[t->n] < len + 1) {
        t->caps[t->n] = len + 1 < 32 ? 32 : len + 1;
        t->fields[t->n] = realloc(t->fields[t->n], t->caps[t->n]);
        if (t->fields[t->n] == NULL)
            die("out of memory");
    }
    memcpy(t->fields[t->n], s, len);
    t->fields[t->n][len] = '\0';
    t->lens[t->n] = len;
    t->n++;
}

static const char *
col_name(const struct tidy_reader *t, int c)
{
    return t->have_header && c < t->h.n_columns ? t->h.names[c] : "?";
}

static void
header_row(struct tidy_reader *t)
{
    struct tidy_header *h = &t->h;
    int i, k;
    char *name;

    h->n_columns = t->n;
    h->year_col = h->value_col = h->series_col = h->units_col = h->progress_col = -1;
    for (i = 0; i < t->n; i++) {
        name = t->fields[i];
        t->fields[i] = NULL; /* the header keeps the names */
        t->caps[i] = 0;
        /* a UTF-8 byte-order mark before the first name is tolerated */
        if (i == 0 && strncmp(name, "\xef\xbb\xbf", 3) == 0)
            memmove(name, name + 3, strlen(name) - 2);
        h->names[i] = name;
        if (*name == '\0') {
            fail(t, ERR_INVALID, t->line, i + 1, "empty column name");
            return;
        }
        for (k = 0; k < i; k++)
            if (strcmp(h->names[k], name) == 0) {
                fail(t, ERR_INVALID, t->line, i + 1, "column \"%s\" appears twice", name);
                return;
            }
        if (strcmp(name, "Year") == 0)
            h->year_col = i;
        else if (strcmp(name, "Value") == 0)
            h->value_col = i;
        else if (strcmp(name, "Series") == 0)
            h->series_col = i;
        else if (strcmp(name, "Units") == 0)
            h->units_col = i;
        else if (strcmp(name, "Progress") == 0)
            h->progress_col = i;
        else
            h->dim_cols[h->n_dims++] = i;
    }
    if (h->year_col < 0) {
        fail(t, ERR_INVALID, t->line, 0, "no Year column");
        return;
    }
    if (h->value_col < 0) {
        fail(t, ERR_INVALID, t->line, 0, "no Value column");
        return;
    }
    t->have_header = true;
    if (t->on_header != NULL) {
        struct tidy_error e = {t->line, 0, ""};
        enum err rc = t->on_header(t->ctx, h, &e);
        if (rc)
            fail(t, rc, e.line, e.column, "%s", e.msg);
    }
}

static bool
parse_number(struct tidy_reader *t, int col, double *out, bool *present)
{
    const char *s = t->fields[col];

    *present = *s != '\0';
    if (!*present)
        return true;
    if (str_to_double(s, out) != ERR_OK) {
        fail(t, ERR_INVALID, t->line, col + 1, "%s \"%s\" is not a number", col_name(t, col), s);
        return false;
    }
    return true;
}

static void
data_row(struct tidy_reader *t)
{
    const struct tidy_header *h = &t->h;
    struct tidy_row r;
    struct tidy_error e;
    double v, pv;
    bool hv, hp;
    int i, c;
    enum err rc;

    if (t->n != h->n_columns) {
        fail(t, ERR_INVALID, t->line, 0, "%d fields where the header has %d", t->n, h->n_columns);
        return;
    }
    if (t->max_rows > 0 && t->rows >= t->max_rows) {
        fail(t, ERR_LIMIT, t->line, 0, "more than %ld rows", t->max_rows);
        return;
    }
    memset(&r, 0, sizeof(r));
    r.line = t->line;
    r.period = t->fields[h->year_col];
    for (i = 0; i < 4; i++)
        if (r.period[i] < '0' || r.period[i] > '9') {
            fail(t, ERR_INVALID, t->line, h->year_col + 1,
                 "Year \"%s\" does not start with a four-digit year", r.period);
            return;
        }
    r.year = (r.period[0] - '0') * 1000 + (r.period[1] - '0') * 100 + (r.period[2] - '0') * 10 +
             (r.period[3] - '0');
    if (!parse_number(t, h->value_col, &v, &hv))
        return;
    r.raw_value = hv ? v : NAN;
    r.has_value = hv;
    r.value = v;
    if (h->progress_col >= 0) {
        if (!parse_number(t, h->progress_col, &pv, &hp))
            return;
        r.has_value = hp;
        r.value = pv;
    }
    r.series = h->series_col >= 0 ? t->fields[h->series_col] : "";
    r.unit = h->units_col >= 0 ? t->fields[h->units_col] : "";
    buf_reset(&t->disagg);
    for (i = 0; i < h->n_dims; i++) {
        c = h->dim_cols[i];
        if (*t->fields[c] == '\0')
            continue;
        if (t->disagg.len > 0)
            buf_addc(&t->disagg, TIDY_DISAGG_SEP);
        buf_adds(&t->disagg, h->names[c]);
        buf_addc(&t->disagg, '=');
        buf_adds(&t->disagg, t->fields[c]);
    }
    r.disagg = t->disagg.data ? t->disagg.data : "";
    for (i = 0; i < t->n; i++)
        r.cells[i] = t->fields[i];
    t->rows++;
    if (t->on_row != NULL) {
        e.line = t->line;
        e.column = 0;
        e.msg[0] = '\0';
        rc = t->on_row(t->ctx, h, &r, &e);
        if (rc)
            fail(t, rc, e.line, e.column, "%s", e.msg);
    }
}

static void
on_row(int c, void *vt)
{
    struct tidy_reader *t = vt;

    (void)c;
    if (t->rc == ERR_OK) {
        if (!t->have_header)
            header_row(t);
        else if (!(t->n == 1 && t->lens[0] == 0))
            data_row(t); /* a blank line is skipped */
    }
    t->n = 0;
    t->line += 1 + t->newlines;
    t->newlines = 0;
}

struct tidy_reader *
tidy_new(tidy_header_cb on_header, tidy_row_cb on_row_cb, void *ctx, long max_rows)
{
    struct tidy_reader *t = calloc(1, sizeof(*t));

    if (t == NULL)
        die("out of memory");
    if (csv_init(&t->p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        die("out of memory");
    t->on_header = on_header;
    t->on_row = on_row_cb;
    t->ctx = ctx;
    t->max_rows = max_rows;
    t->line = 1;
    buf_init(&t->disagg, TIDY_MAX_COLUMNS * (TIDY_MAX_FIELD + 2));
    return t;
}

enum err
tidy_feed(struct tidy_reader *t, const char *data, size_t len)
{
    size_t done;

    if (t->rc)
        return t->rc;
    done = csv_parse(&t->p, data, len, on_field, on_row, t);
    if (t->rc)
        return t->rc;
    if (done != len)
        return fail(t, ERR_INVALID, t->line, t->n + 1, "malformed CSV (%s)",
                    csv_strerror(csv_error(&t->p)));
    return ERR_OK;
}

enum err
tidy_finish(struct tidy_reader *t)
{
    if (t->rc)
        return t->rc;
    if (csv_fini(&t->p, on_field, on_row, t) != 0 && t->rc == ERR_OK)
        return fail(t, ERR_INVALID, t->line, t->n + 1, "malformed CSV (%s)",
                    csv_strerror(csv_error(&t->p)));
    if (t->rc)
        return t->rc;
    if (!t->have_header)
        return fail(t, ERR_INVALID, 1, 0, "empty file");
    return ERR_OK;
}

const struct tidy_error *
tidy_error(const struct tidy_reader *t)
{
    return &t->err;
}

long
tidy_rows(const struct tidy_reader *t)
{
    return t->rows;
}

void
tidy_free(struct tidy_reader *t)
{
    int i;

    if (t == NULL)
        return;
    csv_free(&t->p);
    for (i = 0; i < TIDY_MAX_COLUMNS; i++) {
        free(t->fields[i]);
        free((char *)t->h.names[i]);
    }
    buf_free(&t->disagg);
    free(t);
}

enum err
tidy_read_file(const char *path, tidy_header_cb on_header, tidy_row_cb on_row_cb, void *ctx,
               long max_rows, struct tidy_error *out_err)
{
    struct tidy_reader *t;
    char chunk[65536];
    size_t n;
    FILE *f;
    enum err rc = ERR_OK;

    memset(out_err, 0, sizeof(*out_err));
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        snprintf(out_err->msg, sizeof(out_err->msg), "%s", strerror(errno));
        return ERR_IO;
    }
    t = tidy_new(on_header, on_row_cb, ctx, max_rows);
    while (rc == ERR_OK && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        rc = tidy_feed(t, chunk, n);
    if (rc == ERR_OK && ferror(f)) {
        snprintf(out_err->msg, sizeof(out_err->msg), "read error: %s", strerror(errno));
        rc = ERR_IO;
    }
    if (rc == ERR_OK)
        rc = tidy_finish(t);
    if (rc && rc != ERR_IO)
        *out_err = t->err;
    tidy_free(t);
    if (f != stdin)
        fclose(f);
    return rc;
}
