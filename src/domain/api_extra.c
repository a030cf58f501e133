/*
 * api_extra.c — loaders for the JSON API (see api_extra.h). Pure reads
 * through the query table; never formats SQL.
 */
#include "domain/api_extra.h"

#include "domain/load.h"

enum err
sdg_target_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                struct sdg_target **out, int *out_n, int64_t *out_total)
{
    struct sdg_target *arr = NULL;
    struct db_stmt *st;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    *out = NULL;
    *out_n = 0;
    st = db_stmt(db, Q_SDG_TARGETS_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SDG_TARGETS_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, sizeof(*arr));
        arr[n].code = ld_str(st, 0, a);
        arr[n].goal = (int)db_i64(st, 1);
        arr[n].title_en = ld_str(st, 2, a);
        n++;
    }
    db_done(st);
    *out = arr;
    *out_n = n;
    return rc;
}

enum err
sdg_indicator_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                   struct sdg_indicator **out, int *out_n, int64_t *out_total)
{
    struct sdg_indicator *arr = NULL, *x;
    struct db_stmt *st;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    *out = NULL;
    *out_n = 0;
    st = db_stmt(db, Q_SDG_INDICATORS_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_SDG_INDICATORS_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, sizeof(*arr));
        x = &arr[n++];
        x->code = ld_str(st, 0, a);
        x->target = ld_str(st, 1, a);
        x->goal = (int)db_i64(st, 2);
        x->title_en = ld_str(st, 3, a);
        x->unsd_code = ld_str(st, 4, a);
        x->status_2025 = ld_str(st, 5, a);
    }
    db_done(st);
    *out = arr;
    *out_n = n;
    return rc;
}

enum err
indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_DIMENSIONS);
    const char **arr = NULL;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, ind->id);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, sizeof(*arr));
        arr[n++] = ld_str(st, 0, a);
    }
    db_done(st);
    ind->dimensions = arr;
    ind->n_dimensions = n;
    return rc;
}
