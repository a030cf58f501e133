/*
 * csvrows.c — libcsv glue (see csvrows.h).
 */
#include "core/csvrows.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

struct state {
    char *fields[CSVROWS_MAX_FIELDS];
    int n;
    long rows;     /* rows read, the header included */
    long line;     /* the line the current row starts on */
    long newlines; /* line breaks inside the current row's quoted cells */
    long stopped;  /* the line of the row whose callback failed */
    csvrows_cb on_header, on_row;
    void *ctx;
    enum err rc;
};

static void
on_field(void *s, size_t len, void *vctx)
{
    struct state *st = vctx;
    const char *c;
    char *f;

    for (c = s; c < (const char *)s + len; c++)
        st->newlines += *c == '\n';
    if (st->n >= CSVROWS_MAX_FIELDS) {
        if (st->rc == ERR_OK)
            st->stopped = st->line;
        st->rc = ERR_LIMIT;
        return;
    }
    f = malloc(len + 1);
    if (f == NULL)
        die("out of memory");
    memcpy(f, s, len);
    f[len] = '\0';
    st->fields[st->n++] = f;
}

static void
row_end(int c, void *vctx)
{
    struct state *st = vctx;
    int i;

    csvrows_cb cb;

    (void)c;
    cb = st->rows++ == 0 ? st->on_header : st->on_row;
    if (st->rc == ERR_OK && cb != NULL) {
        st->rc = cb(st->ctx, st->fields, st->n, st->line);
        if (st->rc)
            st->stopped = st->line;
    }
    for (i = 0; i < st->n; i++)
        free(st->fields[i]);
    st->n = 0;
    st->line += 1 + st->newlines;
    st->newlines = 0;
}

enum err
csvrows_parse(const char *data, size_t len, csvrows_cb cb, void *ctx)
{
    return csvrows_read(data, len, NULL, cb, ctx, NULL);
}

enum err
csvrows_read(const char *data, size_t len, csvrows_cb on_header, csvrows_cb on_row, void *ctx,
             long *out_line)
{
    struct csv_parser p;
    struct state st;

    memset(&st, 0, sizeof(st));
    st.line = 1;
    st.on_header = on_header;
    st.on_row = on_row;
    st.ctx = ctx;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        die("out of memory");
    if (csv_parse(&p, data, len, on_field, row_end, &st) != len ||
        csv_fini(&p, on_field, row_end, &st) != 0) {
        log_msg(LOG_ERROR, "msg=\"csv parse error\" detail=\"%s\" line=%ld",
                csv_strerror(csv_error(&p)), st.line);
        if (st.rc == ERR_OK) {
            st.rc = ERR_INVALID;
            st.stopped = st.line;
        }
    }
    csv_free(&p);
    if (out_line != NULL)
        *out_line = st.rc ? st.stopped : 0;
    return st.rc;
}
