/*
 * indicator.c — loaders for objectives, indicators, their dimensions and
 * observations (see indicator.h), and the one rule about an indicator's target
 * that pages, the API and the progress engine share. Pure reads; every string
 * lives in the caller's arena.
 */
#include "domain/indicator.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "domain/load.h"
#include "domain/rows.h"

bool
indicator_target_abs(const struct indicator *ind, double *out)
{
    if (!ind->has_target || strcmp(ind->target_kind, "none") == 0)
        return false;
    if (strcmp(ind->target_kind, "relative") == 0) {
        if (!ind->has_base)
            return false;
        *out = ind->base_value * (1.0 + ind->target_value / 100.0);
        return isfinite(*out);
    }
    *out = ind->target_value;
    return true;
}

/* ------------------------------------------------------------ objectives */

void
objective_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct objective *o = item;

    o->id = db_i64(st, 0);
    o->mission_id = db_i64(st, 1);
    o->parent_id = db_i64(st, 2);
    o->title_sv = ld_str(st, 3, a);
    o->title_en = ld_str(st, 4, a);
    o->description_sv = ld_str(st, 5, a);
    o->description_en = ld_str(st, 6, a);
    o->weight = db_dbl(st, 7);
}

enum err
objective_get(struct db *db, struct arena *a, int64_t id, struct objective *out)
{
    return ld_one_id(db, Q_OBJECTIVE_GET, id, a, objective_row, out);
}

/* ------------------------------------------------------------ indicators */

void
indicator_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct indicator *i = item;

    memset(i, 0, sizeof(*i));
    i->id = db_i64(st, 0);
    i->mission_id = db_i64(st, 1);
    i->objective_id = db_i64(st, 2);
    i->mission_slug = ld_str(st, 3, a);
    i->title_sv = ld_str(st, 4, a);
    i->title_en = ld_str(st, 5, a);
    i->description_sv = ld_str(st, 6, a);
    i->description_en = ld_str(st, 7, a);
    i->unit_sv = ld_str(st, 8, a);
    i->unit_en = ld_str(st, 9, a);
    i->direction = ld_str(st, 10, a);
    i->decimals = (int)db_i64(st, 11);
    i->has_base = !db_null(st, 12) && !db_null(st, 13);
    i->base_year = (int)db_i64(st, 12);
    i->base_value = db_dbl(st, 13);
    i->target_kind = ld_str(st, 14, a);
    i->has_target = !db_null(st, 15);
    i->target_value = db_dbl(st, 15);
    i->target_year = db_null(st, 16) ? 0 : (int)db_i64(st, 16);
    i->has_limit = !db_null(st, 17);
    i->limit_value = db_dbl(st, 17);
    i->source = ld_str(st, 18, a);
    i->source_url = ld_text(st, 19, a);
    i->weight = db_dbl(st, 20);
    i->n_observations = (int)db_i64(st, 21);
    i->has_latest = !db_null(st, 22);
    i->latest_year = (int)db_i64(st, 22);
    i->latest_period = ld_text(st, 23, a);
    i->latest_value = db_dbl(st, 24);
    i->mission_start_year = (int)db_i64(st, 25);
    i->mission_deadline_year = (int)strtol(db_text(st, 26), NULL, 10);
    i->has_thresholds = !db_null(st, 27) && !db_null(st, 28) && !db_null(st, 29);
    i->th_high = db_dbl(st, 27);
    i->th_med = db_dbl(st, 28);
    i->th_low = db_dbl(st, 29);
    i->headline = ld_str(st, 30, a);
}

enum err
indicator_load_dimensions(struct db *db, struct arena *a, struct indicator *ind)
{
    return ld_rows_id(db, Q_INDICATOR_DIMENSIONS, ind->id, a, sizeof(*ind->dimensions), ld_str_row,
                      &ind->dimensions, &ind->n_dimensions);
}

enum err
indicator_get(struct db *db, struct arena *a, int64_t id, struct indicator *out)
{
    enum err rc;

    rc = ld_one_id(db, Q_INDICATOR_GET, id, a, indicator_row, out);
    if (rc)
        return rc;
    return indicator_load_dimensions(db, a, out);
}

enum err
indicator_list(struct db *db, struct arena *a, int64_t mission_id, const struct page *pg,
               struct indicator **out, int *out_n, int64_t *out_total)
{
    return ld_page(db, a, Q_INDICATOR_COUNT, Q_INDICATOR_PAGE, mission_id, pg, sizeof(**out),
                   indicator_row, out, out_n, out_total);
}

/* ------------------------------------------------------------ observations */

static void
observation_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct observation *o = item;

    o->period = ld_str(st, 0, a);
    o->year = (int)db_i64(st, 1);
    o->series = ld_str(st, 2, a);
    o->unit = ld_str(st, 3, a);
    o->disagg = ld_str(st, 4, a);
    o->value = db_dbl(st, 5);
    o->source = ld_str(st, 6, a);
    o->note = ld_str(st, 7, a);
}

enum err
indicator_observations(struct db *db, struct arena *a, int64_t indicator_id,
                       struct observation **out, int *out_n)
{
    return ld_rows_id(db, Q_INDICATOR_OBSERVATIONS, indicator_id, a, sizeof(**out), observation_row,
                      out, out_n);
}

enum err
indicator_observations_first(struct db *db, struct arena *a, int64_t indicator_id, int limit,
                             struct observation **out, int *out_n)
{
    struct db_stmt *st = db_stmt(db, Q_INDICATOR_OBSERVATIONS_FIRST);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, indicator_id);
    db_bind_i64(st, 2, limit);
    return ld_rows(st, a, sizeof(**out), observation_row, out, out_n);
}
