/*
 * sdg.c — loaders for the SDG reference data: goals, targets, indicators
 * (see sdg.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/sdg.h"

#include "domain/load.h"
#include "domain/rows.h"

static void
goal_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sdg_goal *g = item;

    g->code = (int)db_i64(st, 0);
    g->title_en = ld_str(st, 1, a);
    g->short_en = ld_str(st, 2, a);
    g->short_sv = ld_str(st, 3, a);
    g->colour = ld_str(st, 4, a);
}

enum err
sdg_goals(struct db *db, struct arena *a, struct sdg_goal **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_GOALS);

    if (st == NULL)
        return ERR_DB;
    return ld_rows(st, a, sizeof(**out), goal_row, out, out_n);
}

enum err
sdg_goal_get(struct db *db, struct arena *a, int code, struct sdg_goal *out)
{
    return ld_one_id(db, Q_SDG_GOAL_GET, code, a, goal_row, out);
}

void
sdg_target_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct sdg_target *t = item;

    t->code = ld_str(st, 0, a);
    t->goal = (int)db_i64(st, 1);
    t->title_en = ld_str(st, 2, a);
}

enum err
sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out, int *out_n)
{
    return ld_rows_id(db, Q_SDG_TARGETS_OF_GOAL, goal, a, sizeof(**out), sdg_target_row, out,
                      out_n);
}

enum err
sdg_target_list(struct db *db, struct arena *a, int goal, const struct page *pg,
                struct sdg_target **out, int *out_n, int64_t *out_total)
{
    return ld_page(db, a, Q_SDG_TARGETS_COUNT, Q_SDG_TARGETS_PAGE, goal, pg, sizeof(**out),
                   sdg_target_row, out, out_n, out_total);
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
    return ld_page(db, a, Q_SDG_INDICATORS_COUNT, Q_SDG_INDICATORS_PAGE, goal, pg, sizeof(**out),
                   indicator_code_row, out, out_n, out_total);
}

enum err
sdg_indicators_of(struct db *db, struct arena *a, int64_t indicator_id, struct sdg_indicator **out,
                  int *out_n)
{
    return ld_rows_id(db, Q_SDG_INDICATORS_OF, indicator_id, a, sizeof(**out), indicator_code_row,
                      out, out_n);
}
