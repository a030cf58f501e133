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
    struct db_stmt *st = db_stmt(db, Q_SDG_GOAL_GET);
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, code);
    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_NOTFOUND;
    if (rc == ERR_OK)
        goal_row(st, a, out);
    db_done(st);
    return rc;
}

enum err
sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_SDG_TARGETS_OF_GOAL);
    struct sdg_target *arr = NULL;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, goal);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, sizeof(*arr));
        arr[n].code = ld_str(st, 0, a);
        arr[n].goal = goal;
        arr[n].title_en = ld_str(st, 1, a);
        n++;
    }
    db_done(st);
    *out = arr;
    *out_n = n;
    return rc;
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
