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
ld_rows_id(struct db *db, enum q q, int64_t id, struct arena *a, size_t size, ld_row_fn fn,
           void *out_arr, int *out_n)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL) {
        *(void **)out_arr = NULL;
        *out_n = 0;
        return ERR_DB;
    }
    db_bind_i64(st, 1, id);
    return ld_rows(st, a, size, fn, out_arr, out_n);
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

enum err
ld_page(struct db *db, struct arena *a, enum q q_count, enum q q_page, int64_t filter,
        const struct page *pg, size_t size, ld_row_fn fn, void *out_arr, int *out_n,
        int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    *(void **)out_arr = NULL;
    *out_n = 0;
    st = db_stmt(db, q_count);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, filter);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, q_page);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, filter);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    return ld_rows(st, a, size, fn, out_arr, out_n);
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
