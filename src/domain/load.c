/*
 * load.c — the row loop shared by the domain's list loaders (see load.h).
 */
#include "domain/load.h"

enum err
ld_rows(struct db_stmt *st, struct arena *a, size_t size, ld_row_fn fn, void *out_arr, int *out_n)
{
    char *arr = NULL;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, size);
        fn(st, a, arr + (size_t)n * size);
        n++;
    }
    db_done(st);
    *(void **)out_arr = arr;
    *out_n = n;
    return rc;
}
