/*
 * pages_extra.c — loaders only the public pages use (see pages_extra.h).
 * Pure reads; every string lives in the caller's arena.
 */
#include "domain/pages_extra.h"

#include "domain/load.h"

static void
role_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct actor_role *r = item;

    r->initiative_id = db_i64(st, 0);
    r->role = ld_str(st, 1, a);
}

enum err
actor_initiative_roles(struct db *db, struct arena *a, int64_t actor_id, struct actor_role **out,
                       int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_ACTOR_INITIATIVE_ROLES);

    *out = NULL;
    *out_n = 0;
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, actor_id);
    return ld_rows(st, a, sizeof(**out), role_row, out, out_n);
}
