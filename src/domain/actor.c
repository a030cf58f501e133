/*
 * actor.c — loaders for actors, their people and their roles in initiatives
 * (see actor.h). Pure reads; every string lives in the caller's arena.
 */
#include "domain/actor.h"

#include <string.h>

#include "domain/load.h"
#include "domain/person.h"
#include "domain/rows.h"

void
actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct actor *x = item;

    memset(x, 0, sizeof(*x));
    x->id = db_i64(st, 0);
    x->slug = ld_str(st, 1, a);
    x->name = ld_str(st, 2, a);
    x->orgnr = ld_text(st, 3, a);
    x->sector = ld_str(st, 4, a);
    x->sni = ld_text(st, 5, a);
    x->sni_label = ld_text(st, 6, a);
    x->municipality = ld_text(st, 7, a);
    x->municipality_name = ld_text(st, 8, a);
    x->county_name = ld_text(st, 9, a);
    x->website = ld_text(st, 10, a);
    x->description_sv = ld_str(st, 11, a);
    x->description_en = ld_str(st, 12, a);
    x->is_demo = db_i64(st, 13) != 0;
    x->n_initiatives = (int)db_i64(st, 14);
}

enum err
actor_list(struct db *db, struct arena *a, const char *sector, const struct page *pg,
           struct actor **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_ACTOR_COUNT);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, sector ? sector : "");
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ACTOR_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_text(st, 1, sector ? sector : "");
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    return ld_rows(st, a, sizeof(**out), actor_row, out, out_n);
}

enum err
actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_ACTOR_GET, id, a, actor_row, out);
    if (rc)
        return rc;
    return ld_rows_id(db, Q_ACTOR_DISCIPLINES, id, a, sizeof(*out->disciplines), ld_str_row,
                      &out->disciplines, &out->n_disciplines);
}

enum err
actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out, int *out_n)
{
    return ld_rows_id(db, Q_ACTOR_PEOPLE, actor_id, a, sizeof(**out), person_row, out, out_n);
}

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
    return ld_rows_id(db, Q_ACTOR_INITIATIVE_ROLES, actor_id, a, sizeof(**out), role_row, out,
                      out_n);
}
