/*
 * coverage.c — a mission's portfolio as a whole: coverage, balance and gaps (see
 * coverage.h). Every count is the database's; C only places the counts.
 */
#include "domain/coverage.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/mission.h"
#include "domain/network.h"
#include "domain/sdg.h"
#include "domain/write.h"

_Static_assert(COVERAGE_SECTORS == 5, "one count per code of code_actor_sector");

static const char *const gap_codes[GAP__MAX] = {
    "no_initiative", "no_commitment",  "stale_data",    "sector_absent",
    "past_end",      "commitment_due", "follow_up_due",
};

const char *
coverage_gap_code(enum coverage_gap_kind kind)
{
    return kind >= 0 && kind < GAP__MAX ? gap_codes[kind] : "";
}

/* The index of a sector code in code_actor_sector, -1 for none. */
static int
sector_index(const char *code)
{
    int i;

    for (i = 0; code != NULL && i < code_actor_sector.n; i++)
        if (strcmp(code_actor_sector.codes[i].code, code) == 0)
            return i;
    return -1;
}

static struct coverage_objective *
objective_of(struct coverage *c, int64_t id)
{
    int i;

    for (i = 0; i < c->n_objs; i++)
        if (c->objs[i].id == id)
            return &c->objs[i];
    return NULL;
}

/* Room for one more gap (the array grows in the arena). */
static struct coverage_gap *
gap_add(struct coverage *c, struct arena *a, int *cap, enum coverage_gap_kind kind)
{
    struct coverage_gap *g;

    if (c->n_gaps == *cap) {
        int ncap = *cap > 0 ? *cap * 2 : 32;

        g = arena_alloc(a, (size_t)ncap * sizeof(*g));
        if (c->n_gaps > 0)
            memcpy(g, c->gaps, (size_t)c->n_gaps * sizeof(*g));
        c->gaps = g;
        *cap = ncap;
    }
    g = &c->gaps[c->n_gaps++];
    memset(g, 0, sizeof(*g));
    g->kind = kind;
    g->code = coverage_gap_code(kind);
    g->date = "";
    return g;
}

/* Run st (its parameters bound) and hand each row to fn. */
static enum err
each_row(struct db_stmt *st, enum err (*fn)(struct db_stmt *st, void *ctx), void *ctx)
{
    enum err rc;
    bool row;

    for (;;) {
        rc = db_step(st, &row);
        if (rc || !row)
            break;
        rc = fn(st, ctx);
        if (rc)
            break;
    }
    db_done(st);
    return rc;
}

struct ctx {
    struct coverage *c;
    struct arena *a;
    int cap;
    int year_now, stale_years, gap_max;
};

static enum err
obj_inits_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;
    struct coverage_objective *o = objective_of(x->c, db_i64(st, 0));

    if (o != NULL) {
        o->n_initiatives = (int)db_i64(st, 1);
        o->n_active = (int)db_i64(st, 2);
    }
    return ERR_OK;
}

static enum err
obj_committed_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;
    struct coverage_objective *o = objective_of(x->c, db_i64(st, 0));

    if (o != NULL)
        o->n_committed = (int)db_i64(st, 1);
    return ERR_OK;
}

static enum err
obj_sectors_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;
    struct coverage_objective *o = objective_of(x->c, db_i64(st, 0));
    int k = sector_index(db_text(st, 1));

    if (o != NULL && k >= 0)
        o->sectors[k] = (int)db_i64(st, 2);
    return ERR_OK;
}

/* An indicator: its objective's newest year, and a stale-data gap when its newest data is
 * older than stale_years years (in December 2026 with 2: before 2024), or it has none. */
static enum err
indicator_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;
    struct coverage_objective *o = objective_of(x->c, db_i64(st, 1));
    int year = (int)db_i64(st, 4);
    struct coverage_gap *g;

    if (o == NULL)
        return ERR_OK;
    o->n_indicators++;
    if (year > o->latest_year)
        o->latest_year = year;
    if (year >= x->year_now - x->stale_years)
        return ERR_OK;
    if (x->c->n_gap[GAP_STALE_DATA]++ >= x->gap_max)
        return ERR_OK;
    g = gap_add(x->c, x->a, &x->cap, GAP_STALE_DATA);
    g->id = db_i64(st, 0);
    g->parent_id = o->id;
    g->title_sv = ld_str(st, 2, x->a);
    g->title_en = ld_str(st, 3, x->a);
    g->date = year > 0 ? arena_printf(x->a, "%d", year) : "";
    return ERR_OK;
}

static enum err
balance_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;
    const char *origin = db_text(st, 0);
    int k = origin != NULL && strcmp(origin, "bottom_up") == 0 ? 1 : 0;

    x->c->n_origin[k] += (int)db_i64(st, 1);
    x->c->budget[k] += db_i64(st, 2);
    x->c->n_budget[k] += (int)db_i64(st, 3);
    return ERR_OK;
}

/* The gaps of a statement listing (id, title sv, title en, date) or, for follow-ups, (id,
 * dialogue, text sv, text en, date). */
struct gap_list {
    struct ctx *x;
    enum coverage_gap_kind kind;
};

static enum err
gap_row(struct db_stmt *st, void *p)
{
    struct gap_list *l = p;
    struct coverage_gap *g = gap_add(l->x->c, l->x->a, &l->x->cap, l->kind);
    int k = 1;

    g->id = db_i64(st, 0);
    if (l->kind == GAP_FOLLOW_UP_DUE)
        g->parent_id = db_i64(st, k++);
    g->title_sv = ld_str(st, k, l->x->a);
    g->title_en = ld_str(st, k + 1, l->x->a);
    g->date = ld_str(st, k + 2, l->x->a);
    return ERR_OK;
}

/* List up to gap_max of a kind through q_list and count all through q_count (both: $1 the
 * mission, $2 today's date; follow-ups: $3 private notes too). */
static enum err
gaps_listed(struct ctx *x, struct db *db, enum coverage_gap_kind kind, enum q q_list,
            enum q q_count, const char *today, bool private_notes)
{
    struct gap_list l = {x, kind};
    struct db_stmt *st = db_stmt(db, q_list);
    bool fu = kind == GAP_FOLLOW_UP_DUE;
    enum err rc;

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, x->c->mission_id);
    db_bind_text(st, 2, today);
    if (fu)
        db_bind_i64(st, 3, private_notes);
    db_bind_i64(st, fu ? 4 : 3, x->gap_max);
    rc = each_row(st, gap_row, &l);
    if (rc)
        return rc;
    st = db_stmt(db, q_count);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, x->c->mission_id);
    db_bind_text(st, 2, today);
    if (fu)
        db_bind_i64(st, 3, private_notes);
    return ld_count(st, &x->c->n_gap[kind]);
}

static enum err
sdg_row(struct db_stmt *st, void *p)
{
    struct ctx *x = p;

    if (x->c->n_sdg_targets < COVERAGE_SDG_MAX)
        x->c->sdg_targets[x->c->n_sdg_targets++] = ld_str(st, 0, x->a);
    return ERR_OK;
}

/* ------------------------------------------------------------ the matrix's page */

struct matrix_ctx {
    struct coverage *c;
    struct arena *a;
};

static void
init_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct coverage_initiative *n = item;

    memset(n, 0, sizeof(*n));
    n->id = db_i64(st, 0);
    n->title_sv = ld_str(st, 1, a);
    n->title_en = ld_str(st, 2, a);
    n->origin = ld_str(st, 3, a);
    n->status = ld_str(st, 4, a);
}

struct link {
    int64_t initiative_id, objective_id;
};

static void
link_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct link *l = item;

    (void)a;
    l->initiative_id = db_i64(st, 0);
    l->objective_id = db_i64(st, 1);
}

static enum err
matrix_load(struct db *db, struct arena *a, const struct page *pg, struct coverage *c)
{
    struct db_stmt *st;
    struct link *links;
    int n_links, i, k, m;
    enum err rc;

    /* every shown initiative has an origin: the balance's counts are the matrix's rows */
    c->total_inits = (int64_t)c->n_origin[0] + c->n_origin[1];
    if (pg->limit <= 0)
        return ERR_OK;
    st = db_stmt(db, Q_COVERAGE_MATRIX_PAGE);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, c->mission_id);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    rc = ld_rows(st, a, sizeof(*c->inits), init_row, &c->inits, &c->n_inits);
    if (rc)
        return rc;
    st = db_stmt(db, Q_COVERAGE_MATRIX_LINKS);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, c->mission_id);
    db_bind_i64(st, 2, pg->limit);
    db_bind_i64(st, 3, pg->offset);
    rc = ld_rows(st, a, sizeof(*links), link_row, &links, &n_links);
    if (rc)
        return rc;
    /* the links are by initiative: each initiative's run of them */
    for (i = 0; i < c->n_inits; i++) {
        struct coverage_initiative *n = &c->inits[i];

        for (k = 0, m = 0; k < n_links; k++)
            m += links[k].initiative_id == n->id;
        n->objective_ids = arena_alloc(a, (size_t)(m > 0 ? m : 1) * sizeof(int64_t));
        for (k = 0; k < n_links; k++)
            if (links[k].initiative_id == n->id)
                n->objective_ids[n->n_objective_ids++] = links[k].objective_id;
    }
    return ERR_OK;
}

/* ------------------------------------------------------------ the load */

static bool
has_code(const char *const *v, int n, const char *code)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(v[i], code) == 0)
            return true;
    return false;
}

/* A sector (index k of code_actor_sector) absent from the mission (o NULL) or from one of
 * its objectives. */
static void
sector_gap(struct ctx *x, int k, const struct coverage_objective *o)
{
    struct coverage_gap *g;

    if (x->c->n_gap[GAP_SECTOR_ABSENT]++ >= x->gap_max)
        return;
    g = gap_add(x->c, x->a, &x->cap, GAP_SECTOR_ABSENT);
    g->sector = code_actor_sector.codes[k].code;
    if (o != NULL) {
        g->parent_id = o->id;
        g->title_sv = o->title_sv;
        g->title_en = o->title_en;
    } else {
        g->title_sv = g->title_en = "";
    }
}

static enum err
objective_gaps(struct ctx *x)
{
    struct coverage *c = x->c;
    struct coverage_gap *g;
    int i;

    for (i = 0; i < c->n_objs; i++) {
        const struct coverage_objective *o = &c->objs[i];

        if (o->n_active == 0 && c->n_gap[GAP_NO_INITIATIVE]++ < x->gap_max) {
            g = gap_add(c, x->a, &x->cap, GAP_NO_INITIATIVE);
            g->id = o->id;
            g->title_sv = o->title_sv;
            g->title_en = o->title_en;
        }
        if (o->n_committed == 0 && c->n_gap[GAP_NO_COMMITMENT]++ < x->gap_max) {
            g = gap_add(c, x->a, &x->cap, GAP_NO_COMMITMENT);
            g->id = o->id;
            g->title_sv = o->title_sv;
            g->title_en = o->title_en;
        }
    }
    return ERR_OK;
}

enum err
coverage_load(struct db *db, struct arena *a, int64_t mission_id, const struct coverage_opts *o,
              struct coverage *out)
{
    struct objective *objs;
    struct sector_count *sc;
    struct sdg_target *mt;
    struct db_stmt *st;
    struct ctx x;
    struct tm tm;
    time_t t = (time_t)o->now;
    char today[11];
    int i, k, n_objs, n_sc, n_mt;
    enum err rc;

    memset(out, 0, sizeof(*out));
    out->mission_id = mission_id;
    out->stale_years = o->stale_years;
    if (gmtime_r(&t, &tm) == NULL || strftime(today, sizeof(today), "%Y-%m-%d", &tm) != 10)
        return ERR_INVALID;
    memset(&x, 0, sizeof(x));
    x.c = out;
    x.a = a;
    x.year_now = tm.tm_year + 1900;
    x.stale_years = o->stale_years;
    x.gap_max = o->gap_max;

    /* the objectives, and what the database counts of each */
    rc = mission_objectives(db, a, mission_id, &objs, &n_objs);
    if (rc)
        return rc;
    out->objs = arena_alloc(a, (size_t)(n_objs > 0 ? n_objs : 1) * sizeof(*out->objs));
    for (i = 0; i < n_objs; i++) {
        struct coverage_objective *co = &out->objs[out->n_objs++];

        memset(co, 0, sizeof(*co));
        co->id = objs[i].id;
        co->parent_id = objs[i].parent_id;
        co->title_sv = objs[i].title_sv;
        co->title_en = objs[i].title_en;
    }
    {
        static const struct {
            enum q q;
            enum err (*fn)(struct db_stmt *, void *);
        } per_objective[] = {
            {Q_COVERAGE_OBJ_INITIATIVES, obj_inits_row},
            {Q_COVERAGE_OBJ_COMMITTED, obj_committed_row},
            {Q_COVERAGE_OBJ_SECTORS, obj_sectors_row},
            {Q_COVERAGE_INDICATORS, indicator_row},
            {Q_COVERAGE_BALANCE, balance_row},
        };

        for (i = 0; i < (int)(sizeof(per_objective) / sizeof(per_objective[0])); i++) {
            st = db_stmt(db, per_objective[i].q);
            if (st == NULL)
                return ERR_DB;
            db_bind_i64(st, 1, mission_id);
            rc = each_row(st, per_objective[i].fn, &x);
            if (rc)
                return rc;
        }
    }
    rc = objective_gaps(&x);
    if (rc)
        return rc;

    /* the sector mix of the actors taking part (the stored counts), its diversity, and the
     * sectors absent */
    rc = mission_actor_sectors(db, a, mission_id, &sc, &n_sc);
    if (rc)
        return rc;
    for (i = 0; i < n_sc; i++) {
        int j = sector_index(sc[i].sector);

        if (j >= 0)
            out->sector_actors[j] = sc[i].n;
    }
    out->has_evenness =
        net_diversity(out->sector_actors, COVERAGE_SECTORS, &out->diversity, &out->evenness);
    for (i = 0; i < COVERAGE_SECTORS; i++) {
        /* "other" is not a sector a mission lacks */
        if (out->sector_actors[i] > 0 || strcmp(code_actor_sector.codes[i].code, "other") == 0)
            continue;
        sector_gap(&x, i, NULL);
    }
    /* ... and the sectors absent from an objective that has actors of others */
    for (k = 0; k < out->n_objs; k++) {
        const struct coverage_objective *co = &out->objs[k];
        int any = 0;

        for (i = 0; i < COVERAGE_SECTORS; i++)
            any += co->sectors[i];
        for (i = 0; any > 0 && i < COVERAGE_SECTORS; i++)
            if (co->sectors[i] == 0 && strcmp(code_actor_sector.codes[i].code, "other") != 0)
                sector_gap(&x, i, co);
    }

    /* the SDG targets served, against the mission's own */
    out->sdg_targets = arena_alloc(a, COVERAGE_SDG_MAX * sizeof(*out->sdg_targets));
    st = db_stmt(db, Q_COVERAGE_SDG);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, mission_id);
    rc = each_row(st, sdg_row, &x);
    if (rc)
        return rc;
    rc = mission_sdg_targets(db, a, mission_id, &mt, &n_mt);
    if (rc)
        return rc;
    out->n_mission_targets = n_mt;
    for (i = 0; i < n_mt; i++)
        out->n_mission_targets_served += has_code(out->sdg_targets, out->n_sdg_targets, mt[i].code);

    /* what is past its date */
    rc = gaps_listed(&x, db, GAP_PAST_END, Q_COVERAGE_PAST_END, Q_COVERAGE_PAST_END_COUNT, today,
                     false);
    if (rc == ERR_OK)
        rc = gaps_listed(&x, db, GAP_COMMITMENT_DUE, Q_COVERAGE_COMMITMENTS_DUE,
                         Q_COVERAGE_COMMITMENTS_DUE_COUNT, today, false);
    if (rc == ERR_OK)
        rc = gaps_listed(&x, db, GAP_FOLLOW_UP_DUE, Q_COVERAGE_FOLLOW_UPS_DUE,
                         Q_COVERAGE_FOLLOW_UPS_DUE_COUNT, today, o->private_notes);
    if (rc == ERR_OK)
        rc = matrix_load(db, a, &o->matrix, out);
    return rc;
}

/* ------------------------------------------------------------ the matrix, whole */

enum err
coverage_matrix_each(struct db *db, struct arena *a, int64_t mission_id, coverage_row_fn fn,
                     void *ctx)
{
    struct db_stmt *st = db_stmt(db, Q_COVERAGE_MATRIX_ALL);
    struct coverage_initiative n;
    int64_t ids[WRITE_MAX_ITEMS];
    enum err rc = ERR_OK;
    bool row, have = false;

    if (st == NULL)
        return ERR_DB;
    memset(&n, 0, sizeof(n));
    db_bind_i64(st, 1, mission_id);
    /* the rows are by initiative: one call per run of them */
    for (;;) {
        rc = db_step(st, &row);
        if (rc)
            break;
        if (have && (!row || db_i64(st, 0) != n.id)) {
            n.objective_ids = ids;
            rc = fn(ctx, &n);
            if (rc)
                break;
            have = false;
        }
        if (!row)
            break;
        if (!have) {
            memset(&n, 0, sizeof(n));
            n.id = db_i64(st, 0);
            n.title_sv = ld_str(st, 1, a);
            n.title_en = ld_str(st, 2, a);
            n.origin = ld_str(st, 3, a);
            n.status = ld_str(st, 4, a);
            have = true;
        }
        if (!db_null(st, 5) && n.n_objective_ids < WRITE_MAX_ITEMS)
            ids[n.n_objective_ids++] = db_i64(st, 5);
    }
    db_done(st);
    return rc;
}

static void
pair_row(struct db_stmt *st, struct arena *a, void *item)
{
    struct coverage_link *l = item;

    (void)a;
    l->objective_id = db_i64(st, 0);
    l->initiative_id = db_i64(st, 1);
}

enum err
coverage_objective_initiatives(struct db *db, struct arena *a, int64_t mission_id,
                               struct coverage_link **out, int *out_n)
{
    return ld_rows_id(db, Q_COVERAGE_OBJ_INITIATIVE_IDS, mission_id, a, sizeof(**out), pair_row,
                      out, out_n);
}
