/*
 * pages_extra.c — loaders only the public pages use (see pages_extra.h).
 * Pure reads; every string lives in the caller's arena.
 */
#include "domain/pages_extra.h"

#include "domain/load.h"

enum err
actor_initiative_roles(struct db *db, struct arena *a, int64_t actor_id, struct actor_role **out,
                       int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_ACTOR_INITIATIVE_ROLES);
    struct actor_role *arr = NULL;
    int n = 0, cap = 0;
    enum err rc;
    bool row;

    *out = NULL;
    *out_n = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, actor_id);
    while ((rc = db_step(st, &row)) == ERR_OK && row) {
        arr = ld_grow(a, arr, n, &cap, sizeof(*arr));
        arr[n].initiative_id = db_i64(st, 0);
        arr[n].role = ld_str(st, 1, a);
        n++;
    }
    db_done(st);
    *out = arr;
    *out_n = n;
    return rc;
}
