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
    struct db_stmt *st;
    enum err rc;

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
    return ld_rows(st, a, sizeof(**out), ld_target_row, out, out_n);
}

static void
indicator_code_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sdg_indicator *x = item;

    x->code = ld_str(st, 0, a);
    x->target = ld_str(st, 1, a);
    x->goal = (int)db_i64(st, 2);
    x->title_en = ld_str(st, 3, a);
    x->unsd_code = ld_str(st, 4, a);
    x->status_2025 = ld_str(st, 5, a);
}

enum err
sdg_indicator_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                   struct sdg_indicator **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

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
    return ld_rows(st, a, sizeof(**out), indicator_code_row, out, out_n);
}
