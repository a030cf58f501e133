/*
 * person.c — loaders for people (see person.h). Pure reads; every string
 * lives in the caller's arena.
 */
#include "domain/person.h"

#include "domain/load.h"
#include "domain/rows.h"

void
person_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct person *p = item;

    p->id = db_i64(st, 0);
    p->actor_id = db_i64(st, 1);
    p->actor_name = ld_text(st, 2, a);
    p->name = ld_str(st, 3, a);
    p->title_sv = ld_str(st, 4, a);
    p->title_en = ld_str(st, 5, a);
    p->email = ld_text(st, 6, a);
    p->phone = ld_text(st, 7, a);
}

enum err
person_list(struct db *db, struct arena *a, const struct page *pg, struct person **out, int *out_n,
            int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_PERSON_COUNT);
    if (st == NULL)
        return ERR_DB;
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_PERSON_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, pg->limit);
    db_bind_i64(st, 2, pg->offset);
    return ld_rows(st, a, sizeof(**out), person_row, out, out_n);
}

enum err
person_get(struct db *db, struct arena *a, int64_t id, struct person *out)
{
    return ld_one_id(db, Q_PERSON_GET, id, a, person_row, out);
}
