/*
 * initiative.c — loaders for initiatives and what they link to: actors,
 * objectives, SDG targets (see initiative.h). Pure reads; every string lives
 * in the caller's arena.
 */
#include "domain/initiative.h"

#include <string.h>

#include "domain/load.h"
#include "domain/rows.h"

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
    return ld_rows(st, a, sizeof(**out), initiative_row, out, out_n);
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

enum err
initiative_list_by_goal(struct db *db, struct arena *a, int goal, struct initiative **out,
                        int *out_n)
{
    return ld_rows_id(db, Q_INITIATIVE_LIST_BY_GOAL, goal, a, sizeof(**out), initiative_row, out,
                      out_n);
}

enum err
initiative_get(struct db *db, struct arena *a, int64_t id, struct initiative *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INITIATIVE_GET, id, a, initiative_row, out);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_ACTORS, id, a, sizeof(*out->actors), initiative_actor_row,
                        &out->actors, &out->n_actors);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_OBJECTIVES, id, a, sizeof(*out->objective_ids), ld_i64_row,
                        &out->objective_ids, &out->n_objectives);
    if (rc == ERR_OK)
        rc = ld_rows_id(db, Q_INITIATIVE_SDG_TARGETS, id, a, sizeof(*out->sdg_targets), ld_str_row,
                        &out->sdg_targets, &out->n_sdg_targets);
    return rc;
}
