/*
 * generate.c — a large, realistic database for load tests and benchmarks:
 * the demo data set plus N generated actors (spread over sectors, SNI classes
 * and all 290 municipalities), N/10 initiatives in the two missions (each
 * with a lead and three participants, an objective and an SDG target) and
 * 10·N observations: every demo indicator broken down by municipality and age
 * group over the years. Everything is marked as demo content; the numbers are
 * reproducible (a fixed seed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "domain/codes.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/load.h"
#include "domain/mission.h"
#include "domain/tidycsv.h"

#define MAX_MUNI 400
#define MAX_SNI  1000

static unsigned long long seed = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (unsigned)(seed % n);
}

struct gen {
    struct db *db;
    struct arena a;
    char *muni_code[MAX_MUNI], *muni_name[MAX_MUNI];
    int n_muni;
    char *sni[MAX_SNI];
    int n_sni;
    int64_t first_actor, n_actors;
    int64_t mission[2], objective[2][16];
    int n_objective[2];
};

static enum err
load_lists(struct gen *g)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    st = db_stmt(g->db, Q_GEN_MUNICIPALITIES);
    if (st == NULL)
        return ERR_DB;
    while ((rc = db_step(st, &row)) == ERR_OK && row && g->n_muni < MAX_MUNI) {
        g->muni_code[g->n_muni] = db_text_dup(st, 0, &g->a);
        g->muni_name[g->n_muni++] = db_text_dup(st, 1, &g->a);
    }
    db_done(st);
    if (rc)
        return rc;
    st = db_stmt(g->db, Q_GEN_SNI);
    if (st == NULL)
        return ERR_DB;
    while ((rc = db_step(st, &row)) == ERR_OK && row && g->n_sni < MAX_SNI)
        g->sni[g->n_sni++] = db_text_dup(st, 0, &g->a);
    db_done(st);
    return rc == ERR_OK && (g->n_muni == 0 || g->n_sni == 0) ? ERR_NOTFOUND : rc;
}

static enum err
insert_id(struct db_stmt *st, int64_t *out)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    if (rc == ERR_OK && row)
        *out = db_i64(st, 0);
    db_done(st);
    return rc;
}

static enum err
gen_actors(struct gen *g, long n)
{
    static const char *const sectors[] = {"public", "private", "academia", "civil_society"};
    char slug[48], name[96];
    struct db_stmt *st;
    int64_t id = 0;
    enum err rc = ERR_OK;
    long i;

    for (i = 0; i < n && rc == ERR_OK; i++) {
        int m = (int)rnd((unsigned)g->n_muni);

        st = db_stmt(g->db, Q_DEMO_ACTOR_ADD);
        if (st == NULL)
            return ERR_DB;
        snprintf(slug, sizeof(slug), "gen-aktor-%ld", i + 1);
        snprintf(name, sizeof(name), "Exempelaktör %ld i %s (demo)", i + 1, g->muni_name[m]);
        db_bind_text(st, 1, slug);
        db_bind_text(st, 2, name);
        db_bind_null(st, 3);
        db_bind_text(st, 4, sectors[i % 4]);
        db_bind_text(st, 5, g->sni[rnd((unsigned)g->n_sni)]);
        db_bind_text(st, 6, g->muni_code[m]);
        db_bind_null(st, 7);
        db_bind_text(st, 8, "Genererad demoaktör för belastningstester.");
        db_bind_text(st, 9, "Generated demo actor for load tests.");
        db_bind_i64(st, 10, (int64_t)time(NULL));
        rc = insert_id(st, &id);
        if (i == 0)
            g->first_actor = id;
    }
    g->n_actors = n;
    return rc;
}

static enum err
link(struct db *db, enum q q, int64_t a, int64_t b, const char *text)
{
    struct db_stmt *st = db_stmt(db, q);

    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, a);
    if (text != NULL && b == 0)
        db_bind_text(st, 2, text);
    else
        db_bind_i64(st, 2, b);
    if (text != NULL && b != 0)
        db_bind_text(st, 3, text);
    return db_run(st);
}

static enum err
gen_initiatives(struct gen *g, long n)
{
    static const char *const targets[2][3] = {{"12.3", "2.4", "4.7"}, {"11.2", "3.6", "13.2"}};
    char slug[48], title[96], start[16], end[16];
    struct db_stmt *st;
    int64_t id = 0, lead, other;
    enum err rc = ERR_OK;
    long i;
    int k, m, y;

    for (i = 0; i < n && rc == ERR_OK; i++) {
        m = (int)(i % 2);
        lead = g->first_actor + rnd((unsigned)g->n_actors);
        y = 2019 + (int)rnd(8);
        st = db_stmt(g->db, Q_DEMO_INITIATIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        snprintf(slug, sizeof(slug), "gen-%ld", i + 1);
        snprintf(title, sizeof(title), "Genererat initiativ %ld (demo)", i + 1);
        snprintf(start, sizeof(start), "%d-%02d-01", y, 1 + (int)rnd(12));
        snprintf(end, sizeof(end), "%d-%02d-28", y + 1 + (int)rnd(3), 1 + (int)rnd(12));
        db_bind_i64(st, 1, g->mission[m]);
        db_bind_text(st, 2, slug);
        db_bind_text(st, 3, title);
        db_bind_text(st, 4, "");
        db_bind_text(st, 5, "Genererat demoinitiativ för belastningstester.");
        db_bind_text(st, 6, "");
        db_bind_text(st, 7, i % 3 == 0 ? "top_down" : "bottom_up");
        db_bind_text(st, 8,
                     code_initiative_status.codes[rnd((unsigned)code_initiative_status.n)].code);
        db_bind_i64(st, 9, lead);
        db_bind_text(st, 10, start);
        db_bind_text(st, 11, end);
        db_bind_i64(st, 12, 100000 + (int64_t)rnd(5000) * 1000);
        db_bind_text(st, 13, "");
        db_bind_text(st, 14, "");
        db_bind_text(st, 15, "");
        db_bind_text(st, 16, "");
        db_bind_text(st, 17, "");
        db_bind_i64(st, 18, (int64_t)time(NULL));
        rc = insert_id(st, &id);
        if (rc == ERR_OK)
            rc = link(g->db, Q_INITIATIVE_ACTOR_ADD, id, lead, "lead");
        for (k = 1; k <= 3 && rc == ERR_OK; k++) {
            /* distinct from the lead and from each other: consecutive offsets */
            other = g->first_actor + (lead - g->first_actor + k * 7919) % g->n_actors;
            rc = link(g->db, Q_INITIATIVE_ACTOR_ADD, id, other, k == 1 ? "partner" : "participant");
        }
        if (rc == ERR_OK && g->n_objective[m] > 0)
            rc = link(g->db, Q_INITIATIVE_OBJECTIVE_ADD, id,
                      g->objective[m][rnd((unsigned)g->n_objective[m])], NULL);
        if (rc == ERR_OK)
            rc = link(g->db, Q_INITIATIVE_SDG_TARGET_ADD, id, 0, targets[m][rnd(3)]);
    }
    return rc;
}

static enum err
gen_observations(struct gen *g, long n)
{
    static const char *const ages[] = {"0-5", "6-15", "16-64", "65+"};
    struct indicator *inds;
    struct page pg = {.limit = 1000, .offset = 0};
    struct db_stmt *st;
    char disagg[256], period[8];
    int n_inds, i, m, a, y;
    int64_t total;
    long done = 0;
    double base;
    enum err rc;

    rc = indicator_list(g->db, &g->a, 0, &pg, &inds, &n_inds, &total);
    if (rc || n_inds == 0)
        return rc;
    for (i = 0; i < n_inds && rc == ERR_OK; i++) {
        st = db_stmt(g->db, Q_DIMENSION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, inds[i].id);
        db_bind_i64(st, 2, 10);
        db_bind_text(st, 3, "Municipality");
        rc = db_run(st);
        st = rc ? NULL : db_stmt(g->db, Q_DIMENSION_ADD);
        if (st == NULL)
            return rc ? rc : ERR_DB;
        db_bind_i64(st, 1, inds[i].id);
        db_bind_i64(st, 2, 11);
        db_bind_text(st, 3, "Age");
        rc = db_run(st);
    }
    /* municipality x age group x year, indicator after indicator, until n rows */
    for (i = 0; i < n_inds && done < n && rc == ERR_OK; i++) {
        base = inds[i].has_base && inds[i].base_value > 0 ? inds[i].base_value : 50;
        for (m = 0; m < g->n_muni && done < n && rc == ERR_OK; m++)
            for (a = 0; a < 4 && done < n && rc == ERR_OK; a++) {
                snprintf(disagg, sizeof(disagg), "Municipality=%s%cAge=%s", g->muni_name[m],
                         TIDY_DISAGG_SEP, ages[a]);
                for (y = 1970; y < 2030 && done < n && rc == ERR_OK; y++, done++) {
                    st = db_stmt(g->db, Q_OBSERVATION_ADD);
                    if (st == NULL)
                        return ERR_DB;
                    snprintf(period, sizeof(period), "%d", y);
                    db_bind_i64(st, 1, inds[i].id);
                    db_bind_text_ref(st, 2, period);
                    db_bind_i64(st, 3, y);
                    db_bind_text_ref(st, 4, "");
                    db_bind_text_ref(st, 5, "");
                    db_bind_text_ref(st, 6, disagg);
                    db_bind_dbl(st, 7, base * (0.5 + rnd(1000) / 1000.0));
                    db_bind_text_ref(st, 8, "samverka generated data");
                    db_bind_text_ref(st, 9, "Demo: generated value");
                    rc = db_run(st);
                }
            }
    }
    if (rc == ERR_OK && done < n)
        log_msg(LOG_WARN, "msg=\"fewer observations than asked: every combination is used\" n=%ld",
                done);
    return rc;
}

enum err
demo_generate(struct db *db, long n)
{
    struct gen *g;
    struct mission *ms;
    struct objective *objs;
    int n_ms, n_objs, k, i;
    enum err rc;

    g = calloc(1, sizeof(*g));
    if (g == NULL)
        die("out of memory");
    g->db = db;
    arena_init(&g->a);
    rc = load_lists(g);
    if (rc == ERR_OK)
        rc = mission_list(db, &g->a, &ms, &n_ms);
    if (rc == ERR_OK && n_ms < 2)
        rc = ERR_NOTFOUND;
    for (k = 0; rc == ERR_OK && k < 2; k++) {
        g->mission[k] = ms[k].id;
        rc = mission_objectives(db, &g->a, ms[k].id, &objs, &n_objs);
        for (i = 0; rc == ERR_OK && i < n_objs && i < 16; i++)
            g->objective[k][g->n_objective[k]++] = objs[i].id;
    }
    if (rc == ERR_OK)
        rc = gen_actors(g, n);
    if (rc == ERR_OK)
        rc = gen_initiatives(g, n / 10);
    if (rc == ERR_OK)
        rc = gen_observations(g, n * 10);
    arena_free(&g->a);
    free(g);
    return rc;
}
