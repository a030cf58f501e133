/* sdg.c — placeholder until its issue-2 work is merged. */
#include "domain/model.h"
#include "domain/demo.h"

enum err
sdg_goals(struct db *db, struct arena *a, struct sdg_goal **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
sdg_goal_get(struct db *db, struct arena *a, int code, struct sdg_goal *out)
{
    (void)db;
    (void)a;
    (void)code;
    (void)out;
    return ERR_NOTFOUND;
}

enum err
sdg_goal_targets(struct db *db, struct arena *a, int goal, struct sdg_target **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)goal;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
sdg_goal_missions(struct db *db, struct arena *a, int goal, struct mission **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)goal;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

enum err
sdg_goal_initiatives(struct db *db, struct arena *a, int goal, struct initiative **out, int *out_n)
{
    (void)db;
    (void)a;
    (void)goal;
    (void)out;
    (void)out_n;
    return ERR_NOTFOUND;
}

