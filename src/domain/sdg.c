/*
 * sdg.c — loaders for the SDG reference data and what relates to a goal.
 */
#include <string.h>

#include "domain/load.h"
#include "domain/model.h"

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

enum err
sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_TARGETS_OF_GOAL);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    return ld_rows(st, a, sizeof(**out), ld_target_row, out, out_n);
}

enum err
sdg_goal_missions(struct db *db, struct arena *a, int goal, struct mission **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_GOAL_MISSIONS);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    return mission_rows(st, a, out, out_n);
}

enum err
sdg_goal_initiatives(struct db *db, struct arena *a, int goal, struct initiative **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_GOAL_INITIATIVES);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    return initiative_rows(st, a, out, out_n);
}
