/*
 * generate.c — a large, realistic database for load tests and benchmarks:
 * the demo data set plus N generated actors (spread over sectors, SNI classes
 * and all 290 municipalities), N/10 initiatives in the two missions (each with
 * a lead and three participants, an objective and an SDG target) and 10·N
 * observations in generated indicators of the two missions, each broken down
 * by municipality and age group over 60 years (69,600 rows an indicator).
 *
 * Everything goes through the paths users' data takes: the create functions
 * (actor_create, initiative_create, indicator_create: write.h) and the tidy-CSV import (import.h),
 * inside the caller's transaction. Everything is marked as demo content, and generated indicators
 * weigh nothing in their mission's progress (their rows are breakdowns only,
 * with no headline series); the numbers are reproducible (a fixed seed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/demo.h"
#include "domain/export.h"
#include "domain/import.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"

#define WHO        "generate"
#define MAX_MUNI   400
#define MAX_SNI    1000
#define FIRST_YEAR 1970
#define YEARS      60

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
    unsigned long long seed; /* xorshift state: each run starts from the same one */
};

#define GEN_SEED 0x9e3779b97f4a7c15ULL

static unsigned
rnd(struct gen *g, unsigned n)
{
    g->seed ^= g->seed << 13;
    g->seed ^= g->seed >> 7;
    g->seed ^= g->seed << 17;
    return (unsigned)(g->seed % n);
}

static enum err
load_lists(struct gen *g)
{
    struct db_stmt *st;
    enum err rc;
    bool row;

    st = db_stmt(g->db, Q_MUNICIPALITY_LIST);
    if (st == NULL)
        return ERR_DB;
    while ((rc = db_step(st, &row)) == ERR_OK && row && g->n_muni < MAX_MUNI) {
        g->muni_code[g->n_muni] = db_text_dup(st, 0, &g->a);
        g->muni_name[g->n_muni++] = db_text_dup(st, 1, &g->a);
    }
    db_done(st);
    if (rc)
        return rc;
    st = db_stmt(g->db, Q_SNI_LIST);
    if (st == NULL)
        return ERR_DB;
    while ((rc = db_step(st, &row)) == ERR_OK && row && g->n_sni < MAX_SNI)
        g->sni[g->n_sni++] = db_text_dup(st, 0, &g->a);
    db_done(st);
    return rc == ERR_OK && (g->n_muni == 0 || g->n_sni == 0) ? ERR_NOTFOUND : rc;
}

/* A refusal of generated input is a mistake here, not in any data: say which and stop. */
static enum err
refused(enum err rc, const char *what, const struct write_error *we)
{
    if (rc == ERR_INVALID)
        log_msg(LOG_ERROR, "msg=\"generated data refused\" entity=%s field=%s reason=\"%s\"", what,
                we->field, we->msg);
    return rc;
}

static enum err
gen_actors(struct gen *g, long n)
{
    static const char *const sectors[] = {"public", "private", "academia", "civil_society"};
    struct write_error we;
    struct actor_new in = {0};
    char slug[48], name[96];
    int64_t id = 0;
    enum err rc = ERR_OK;
    long i;
    int m;

    in.description_sv = "Genererad demoaktör för belastningstester.";
    in.description_en = "Generated demo actor for load tests.";
    in.is_demo = true;
    for (i = 0; i < n && rc == ERR_OK; i++) {
        m = (int)rnd(g, (unsigned)g->n_muni);
        snprintf(slug, sizeof(slug), "gen-aktor-%ld", i + 1);
        snprintf(name, sizeof(name), "Exempelaktör %ld i %s (demo)", i + 1, g->muni_name[m]);
        in.slug = slug;
        in.name = name;
        in.sector = sectors[i % 4];
        in.sni = g->sni[rnd(g, (unsigned)g->n_sni)];
        in.municipality = g->muni_code[m];
        rc = refused(actor_create(g->db, &in, WHO, &id, &we), "actor", &we);
        if (i == 0)
            g->first_actor = id;
    }
    g->n_actors = n;
    return rc;
}

static enum err
gen_initiatives(struct gen *g, long n)
{
    static const char *const statuses[] = {"proposed",  "accepted", "running",
                                           "completed", "stopped",  "declined"};
    static const char *const targets[2][3] = {{"12.3", "2.4", "4.7"}, {"11.2", "3.6", "13.2"}};
    struct initiative_part parts[4];
    struct initiative_new in = {0};
    struct write_error we;
    const char *target;
    char slug[48], title[96], start[16], end[16];
    int64_t id, lead, objective;
    enum err rc = ERR_OK;
    long i;
    int k, m, y;

    in.summary_sv = "Genererat demoinitiativ för belastningstester.";
    in.has_budget = true;
    in.parts = parts;
    in.n_parts = 4;
    in.objective_ids = &objective;
    in.sdg_targets = &target;
    in.n_sdg_targets = 1;
    in.is_demo = true;
    for (i = 0; i < n && rc == ERR_OK; i++) {
        m = (int)(i % 2);
        lead = g->first_actor + rnd(g, (unsigned)g->n_actors);
        y = 2019 + (int)rnd(g, 8);
        snprintf(slug, sizeof(slug), "gen-%ld", i + 1);
        snprintf(title, sizeof(title), "Genererat initiativ %ld (demo)", i + 1);
        snprintf(start, sizeof(start), "%d-%02d-01", y, 1 + (int)rnd(g, 12));
        snprintf(end, sizeof(end), "%d-%02d-28", y + 1 + (int)rnd(g, 3), 1 + (int)rnd(g, 12));
        in.mission_id = g->mission[m];
        in.slug = slug;
        in.title_sv = title;
        in.origin = i % 3 == 0 ? "top_down" : "bottom_up";
        in.status = statuses[rnd(g, 6)];
        in.lead_actor_id = lead;
        in.start_date = start;
        in.end_date = end;
        in.budget_sek = 100000 + (int64_t)rnd(g, 5000) * 1000;
        parts[0] = (struct initiative_part){lead, "lead"};
        /* distinct from the lead and from each other: consecutive offsets */
        for (k = 1; k <= 3; k++)
            parts[k] = (struct initiative_part){
                g->first_actor + (lead - g->first_actor + k * 7919) % g->n_actors,
                k == 1 ? "partner" : "participant"};
        in.n_objectives = g->n_objective[m] > 0;
        if (in.n_objectives)
            objective = g->objective[m][rnd(g, (unsigned)g->n_objective[m])];
        target = targets[m][rnd(g, 3)];
        rc = refused(initiative_create(g->db, &in, WHO, &id, &we), "initiative", &we);
    }
    return rc;
}

/* An indicator of mission m for generated rows: broken down by municipality and age. */
static enum err
gen_indicator(struct gen *g, int k, int m, int64_t *out)
{
    static const char *const dims[] = {"Municipality", "Age"};
    struct indicator_new in = {0};
    struct write_error we;
    char title_sv[64], title_en[64];

    snprintf(title_sv, sizeof(title_sv), "Genererad indikator %d (demo)", k);
    snprintf(title_en, sizeof(title_en), "Generated indicator %d (demo)", k);
    in.objective_id = g->objective[m][0];
    in.title_sv = title_sv;
    in.title_en = title_en;
    in.description_sv = "Genererade värden för belastningstester, per kommun och åldersgrupp.";
    in.description_en = "Generated values for load tests, by municipality and age group.";
    in.progress.direction = "increase";
    in.progress.target_kind = "none";
    in.decimals = 1;
    in.source = "samverka generated data";
    in.weight = 0;
    in.dimensions = dims;
    in.n_dimensions = 2;
    return refused(indicator_create(g->db, &in, WHO, out, &we), "indicator", &we);
}

/* Up to n rows into a new indicator of mission m, through the import: municipality x age
 * group x year. */
static enum err
gen_series(struct gen *g, int k, int m, long n, long *done)
{
    static const char *const ages[] = {"0-5", "6-15", "16-64", "65+"};
    struct tidy_error te;
    struct import *im;
    struct buf b;
    int64_t id;
    long rows;
    int mu, a, y, cents;
    enum err rc;

    rc = gen_indicator(g, k, m, &id);
    if (rc == ERR_OK)
        rc = import_begin_in(g->db, id, IMPORT_CSV, WHO, 0, NULL, &im);
    if (rc)
        return rc;
    buf_init(&b, 1 << 20);
    buf_adds(&b, "Year,Municipality,Age,Source,Note,Value\n");
    for (mu = 0; mu < g->n_muni && *done < n; mu++)
        for (a = 0; a < 4 && *done < n; a++)
            for (y = FIRST_YEAR; y < FIRST_YEAR + YEARS && *done < n; y++, (*done)++) {
                /* 25.00 to 74.95 in steps of 0.05, written as cents: exact, and cheap */
                cents = (500 + (int)rnd(g, 1000)) * 5;
                buf_printf(&b, "%d,", y);
                export_csv_cell(&b, g->muni_name[mu], true);
                buf_printf(&b, ",%s,samverka generated data,Demo: generated value,%d.%02d\n",
                           ages[a], cents / 100, cents % 100);
                if (b.len > (1 << 19)) {
                    import_feed(im, b.data, b.len);
                    buf_reset(&b);
                }
            }
    import_feed(im, b.data, b.len);
    rc = buf_err(&b);
    buf_free(&b);
    if (rc) {
        import_abort(im);
        return rc;
    }
    rc = import_finish(im, &rows, &te);
    if (rc)
        log_msg(LOG_ERROR, "msg=\"generated data refused\" line=%ld column=%d reason=\"%s\"",
                te.line, te.column, te.msg);
    return rc;
}

static enum err
gen_observations(struct gen *g, long n)
{
    long done = 0;
    enum err rc = ERR_OK;
    int k;

    for (k = 1; done < n && rc == ERR_OK; k++)
        rc = gen_series(g, k, (k - 1) % 2, n, &done);
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
    g->seed = GEN_SEED;
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
        if (rc == ERR_OK && g->n_objective[k] == 0)
            rc = ERR_NOTFOUND;
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
