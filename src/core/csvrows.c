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
    long line;
    csvrows_cb cb;
    void *ctx;
    enum err rc;
};

static void
on_field(void *s, size_t len, void *vctx)
{
    struct state *st = vctx;
    char *f;

    if (st->n >= CSVROWS_MAX_FIELDS) {
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
on_row(int c, void *vctx)
{
    struct state *st = vctx;
    int i;

    (void)c;
    st->line++;
    if (st->rc == ERR_OK && st->line > 1)
        st->rc = st->cb(st->ctx, st->fields, st->n, st->line);
    for (i = 0; i < st->n; i++)
        free(st->fields[i]);
    st->n = 0;
}

enum err
csvrows_parse(const char *data, size_t len, csvrows_cb cb, void *ctx)
{
    struct csv_parser p;
    struct state st;

    memset(&st, 0, sizeof(st));
    st.cb = cb;
    st.ctx = ctx;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        die("out of memory");
    if (csv_parse(&p, data, len, on_field, on_row, &st) != len ||
        csv_fini(&p, on_field, on_row, &st) != 0) {
        log_msg(LOG_ERROR, "msg=\"csv parse error\" detail=\"%s\" line=%ld",
                csv_strerror(csv_error(&p)), st.line + 1);
        if (st.rc == ERR_OK)
            st.rc = ERR_INVALID;
    }
    csv_free(&p);
    return st.rc;
}
