/*
 * load.c — the row loops shared by the domain's loaders (see load.h).
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

enum err
ld_one(struct db_stmt *st, struct arena *a, ld_row_fn fn, void *item)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        fn(st, a, item);
    db_done(st);
    return rc;
}

enum err
ld_one_id(struct db *db, enum q q, int64_t id, struct arena *a, ld_row_fn fn, void *item)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return ld_one(st, a, fn, item);
}

void
ld_str_row(struct db_stmt *st, struct arena *a, void *item)
{
    *(const char **)item = ld_str(st, 0, a);
}

void
ld_i64_row(struct db_stmt *st, struct arena *a, void *item)
{
    (void)a;
    *(int64_t *)item = db_i64(st, 0);
}
