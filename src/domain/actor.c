/*
 * actor.c — loaders for actors, people and initiatives (see model.h).
 */
#include <string.h>

#include "domain/load.h"
#include "domain/model.h"

/* ------------------------------------------------------------ actors */

static void
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
actor_rows(struct db_stmt *st, struct arena *a, struct actor **out, int *out_n)
{
    return ld_rows(st, a, sizeof(**out), actor_row, out, out_n);
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
    return actor_rows(st, a, out, out_n);
}

enum err
actor_get(struct db *db, struct arena *a, int64_t id, struct actor *out)
{
    struct db_stmt *st;
    enum err rc;

    rc = ld_one_id(db, Q_ACTOR_GET, id, a, actor_row, out);
    if (rc)
        return rc;
    st = db_stmt(db, Q_ACTOR_DISCIPLINES);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return ld_rows(st, a, sizeof(*out->disciplines), ld_str_row, &out->disciplines,
                   &out->n_disciplines);
}

/* ------------------------------------------------------------ people */

void
ld_person_row(struct db_stmt *st, struct arena *a, void *item)
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

static enum err
person_rows(struct db_stmt *st, struct arena *a, struct person **out, int *out_n)
{
    return ld_rows(st, a, sizeof(**out), ld_person_row, out, out_n);
}

enum err
actor_people(struct db *db, struct arena *a, int64_t actor_id, struct person **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_ACTOR_PEOPLE);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, actor_id);
    return person_rows(st, a, out, out_n);
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
    return person_rows(st, a, out, out_n);
}

enum err
person_get(struct db *db, struct arena *a, int64_t id, struct person *out)
{
    return ld_one_id(db, Q_PERSON_GET, id, a, ld_person_row, out);
}

/* ------------------------------------------------------------ initiatives */

static void
initiative_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative *n = item;

    memset(n, 0, sizeof(*n));
    n->id = db_i64(st, 0);
    n->mission_id = db_i64(st, 1);
    n->mission_slug = ld_str(st, 2, a);
    n->mission_title_sv = ld_str(st, 3, a);
    n->mission_title_en = ld_str(st, 4, a);
    n->slug = ld_str(st, 5, a);
    n->title_sv = ld_str(st, 6, a);
    n->title_en = ld_str(st, 7, a);
    n->summary_sv = ld_str(st, 8, a);
    n->summary_en = ld_str(st, 9, a);
    n->origin = ld_str(st, 10, a);
    n->status = ld_str(st, 11, a);
    n->lead_actor_id = db_i64(st, 12);
    n->lead_actor_name = ld_text(st, 13, a);
    n->lead_actor_slug = ld_text(st, 14, a);
    n->start_date = ld_text(st, 15, a);
    n->end_date = ld_text(st, 16, a);
    n->has_budget = !db_null(st, 17);
    n->budget_sek = db_i64(st, 17);
    n->funding = ld_str(st, 18, a);
    n->hypotheses_sv = ld_str(st, 19, a);
    n->hypotheses_en = ld_str(st, 20, a);
    n->learnings_sv = ld_str(st, 21, a);
    n->learnings_en = ld_str(st, 22, a);
    n->is_demo = db_i64(st, 23) != 0;
}

enum err
initiative_rows(struct db_stmt *st, struct arena *a, struct initiative **out, int *out_n)
{
    return ld_rows(st, a, sizeof(**out), initiative_row, out, out_n);
}

static void
bind_filter(struct db_stmt *st, const struct initiative_filter *f)
{
    db_bind_i64(st, 1, f->mission_id);
    db_bind_text(st, 2, f->origin ? f->origin : "");
    db_bind_text(st, 3, f->status ? f->status : "");
    db_bind_text(st, 4, f->sector ? f->sector : "");
    db_bind_i64(st, 5, f->sdg_goal);
    db_bind_i64(st, 6, f->actor_id);
}

enum err
initiative_list(struct db *db, struct arena *a, const struct initiative_filter *f,
                const struct page *pg, struct initiative **out, int *out_n, int64_t *out_total)
{
    struct db_stmt *st;
    enum err rc;

    st = db_stmt(db, Q_INITIATIVE_COUNT);
    if (st == NULL)
        return ERR_DB;
    bind_filter(st, f);
    rc = ld_count(st, out_total);
    if (rc)
        return rc;
    st = db_stmt(db, Q_INITIATIVE_PAGE);
    if (st == NULL)
        return ERR_DB;
    bind_filter(st, f);
    db_bind_i64(st, 7, pg->limit);
    db_bind_i64(st, 8, pg->offset);
    return initiative_rows(st, a, out, out_n);
}

static void
initiative_actor_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct initiative_actor *x = item;

    x->actor_id = db_i64(st, 0);
    x->actor_slug = ld_str(st, 1, a);
    x->actor_name = ld_str(st, 2, a);
    x->sector = ld_str(st, 3, a);
    x->role = ld_str(st, 4, a);
}

/* The rows of q ($1 = the initiative) read with fn into an arena array. */
static enum err
relation(struct db *db, struct arena *a, enum q q, int64_t id, size_t size, ld_row_fn fn,
         void *out_arr, int *out_n)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, id);
    return ld_rows(st, a, size, fn, out_arr, out_n);
}

enum err
initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INITIATIVE_GET, id, a, initiative_row, out);
    if (rc == ERR_OK)
        rc = relation(db, a, Q_INITIATIVE_ACTORS, id, sizeof(*out->actors), initiative_actor_row,
                      &out->actors, &out->n_actors);
    if (rc == ERR_OK)
        rc = relation(db, a, Q_INITIATIVE_OBJECTIVES, id, sizeof(*out->objective_ids), ld_i64_row,
                      &out->objective_ids, &out->n_objectives);
    if (rc == ERR_OK)
        rc = relation(db, a, Q_INITIATIVE_SDG_TARGETS, id, sizeof(*out->sdg_targets), ld_str_row,
                      &out->sdg_targets, &out->n_sdg_targets);
    return rc;
}
