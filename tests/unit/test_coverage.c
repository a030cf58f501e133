/*
 * test_coverage.c — a mission's portfolio as coverage_load reads it (domain/coverage.c,
 * db/q_coverage.def), on a small mission worked out by hand, on SQLite and on PostgreSQL
 * when the test cluster's variables are set:
 *
 *   actors A public, B business, C academia, D civil society;
 *   I1 top-down, running, budget 100, lead A, B taking part, serves O1, SDG 12.3;
 *   I2 bottom-up, completed, no budget, lead C, serves O1 and O2, SDG 2.1;
 *   I3 top-down, accepted, budget 50, ended 2020-01-01, lead A, serves O2;
 *   D commits to O2's indicator (pledged, by 2020-06-30); O3 has nothing;
 *   O1's indicator has data of 2010 only, O2's of this year;
 *   a dialogue that is not public has a follow-up due 2020-01-01, not done.
 *
 * Expected: O1 2 initiatives (1 active), no committed actor, sectors A B C; O2 2 (1 active),
 * 1 committed, sectors A C D; O3 none. Balance: top-down 2 with 150 kronor from 2,
 * bottom-up 1 with none; the actors of the initiatives are A, B and C, one per sector, so
 * the entropy is ln 3 and the evenness 1. Gaps: O3 without an active initiative; O1 and O3
 * without a commitment; O1's indicator stale; civil society absent from the initiatives,
 * from O1 (business is there, D is not) and business from O2; I3 past its end; D's
 * commitment past its date; the follow-up past due only when private notes are asked for.
 *
 * The counts are read from what migration 0025 stores after a samverka write (each refreshes
 * them before it commits; the checks above read them so), and counted afresh after a write
 * that does not: D's commitment withdrawn outside commitment_save_move (O2: A C), then C
 * archived through the registry (stored again; O1: A B, O2: A).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/commitment.h"
#include "domain/coverage.h"
#include "domain/dialogue.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/refdata.h"
#include "domain/registry.h"
#include "tap.h"

#define WHO "coverage-test"

/* Whether objective o of c has exactly the sectors' counts want (public, private,
 * academia, civil society). */
static bool
sectors_are(const struct coverage_objective *o, int p, int b, int ac, int cs)
{
    return o != NULL && o->sectors[0] == p && o->sectors[1] == b && o->sectors[2] == ac &&
           o->sectors[3] == cs;
}

static int64_t
objective(struct db *db, int64_t mission, const char *title)
{
    struct objective_new o = {.mission_id = mission, .title_sv = title, .weight = 1};
    struct write_error e = {0};
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (objective_create(db, &o, WHO, &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
indicator(struct db *db, int64_t objective_id, const char *title, int year)
{
    struct indicator_new ind = {.title_sv = title,
                                .weight = 1,
                                .progress = {.target_kind = "none", .direction = "increase"}};
    struct write_error e = {0};
    int64_t id = 0;

    ind.objective_id = objective_id;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &ind, WHO, &id, &e) != ERR_OK ||
        !both_observation_raw(db, id, year, 1) || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
initiative(struct db *db, struct initiative_new *in)
{
    struct write_error e = {0};
    int64_t id = 0;

    if (registry_initiative_save(db, 0, in, WHO, 1000, &id, &e) != ERR_OK) {
        diag("%s: initiative %s refused: %s %s", backend, in->slug, e.field ? e.field : "",
             e.msg ? e.msg : "");
        return 0;
    }
    return id;
}

/* The reference data (the SDG targets the initiatives name), loaded once: the PostgreSQL
 * database is shared by the files of a run. */
static bool
sdg_ready(struct db *db)
{
    struct db_stmt *st;
    int64_t goals = 0;
    bool row = false;

    if (db_begin(db) != ERR_OK)
        return false;
    st = db_stmt(db, Q_SDG_GOAL_COUNT);
    if (st != NULL && db_step(st, &row) == ERR_OK && row)
        goals = db_i64(st, 0);
    db_done(st);
    if ((goals == 0 && refdata_load(db) != ERR_OK) || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return false;
    }
    return true;
}

static int
gaps_of(const struct coverage *c, enum coverage_gap_kind kind, int64_t id)
{
    int i, n = 0;

    for (i = 0; i < c->n_gaps; i++)
        n += c->gaps[i].kind == kind && (id == 0 || c->gaps[i].id == id);
    return n;
}

static const struct coverage_objective *
obj(const struct coverage *c, int64_t id)
{
    int i;

    for (i = 0; i < c->n_objs; i++)
        if (c->objs[i].id == id)
            return &c->objs[i];
    return NULL;
}

/* A sector gap of sector (by code) for objective o (0: the whole mission). */
static bool
sector_gap(const struct coverage *c, const char *sector, int64_t o)
{
    int i;

    for (i = 0; i < c->n_gaps; i++)
        if (c->gaps[i].kind == GAP_SECTOR_ABSENT && strcmp(c->gaps[i].sector, sector) == 0 &&
            c->gaps[i].parent_id == o)
            return true;
    return false;
}

static void
test_all(struct db *db)
{
    static const char *const sdg1[] = {"12.3"}, *const sdg2[] = {"2.1"};
    int64_t m, o1, o2, o3, a, b, cc, d, i1, i2, i3, ind1, ind2, owner = 0, id = 0, pledge = 0;
    struct coverage_opts opts = {0};
    struct write_error e = {0};
    const struct coverage_objective *x;
    struct coverage c;
    struct arena ar;
    int year = 0;
    time_t now = time(NULL);
    struct tm tm;

    if (gmtime_r(&now, &tm) != NULL)
        year = tm.tm_year + 1900;
    ok(sdg_ready(db), "%s: the SDG targets are loaded", backend);
    m = both_mission(db, "coverage");
    o1 = objective(db, m, "O1");
    o2 = objective(db, m, "O2");
    o3 = objective(db, m, "O3");
    a = both_actor(db, "cov-a");
    b = both_actor(db, "cov-b");
    cc = both_actor(db, "cov-c");
    d = both_actor(db, "cov-d");
    ok(m > 0 && o1 > 0 && o2 > 0 && o3 > 0 && a > 0 && b > 0 && cc > 0 && d > 0 &&
           both_actor_resave(db, b, NULL, "private", WHO, 1000) &&
           both_actor_resave(db, cc, NULL, "academia", WHO, 1000) &&
           both_actor_resave(db, d, NULL, "civil_society", WHO, 1000),
       "%s: a mission, three objectives, four actors of four sectors", backend);
    ind1 = indicator(db, o1, "Gammal", 2010);
    ind2 = indicator(db, o2, "Färsk", year);
    ok(ind1 > 0 && ind2 > 0, "%s: O1's indicator with data of 2010, O2's of this year", backend);
    {
        struct initiative_part p1[] = {{a, "lead"}, {b, "participant"}};
        struct initiative_part p2[] = {{cc, "lead"}};
        struct initiative_part p3[] = {{a, "lead"}};
        int64_t ob1[] = {o1}, ob2[] = {o1, o2}, ob3[] = {o2};
        struct initiative_new n1 = {.mission_id = m,
                                    .slug = "i1",
                                    .title_sv = "I1",
                                    .origin = "top_down",
                                    .status = "running",
                                    .lead_actor_id = a,
                                    .has_budget = true,
                                    .budget_sek = 100,
                                    .parts = p1,
                                    .n_parts = 2,
                                    .objective_ids = ob1,
                                    .n_objectives = 1,
                                    .sdg_targets = sdg1,
                                    .n_sdg_targets = 1};
        struct initiative_new n2 = {.mission_id = m,
                                    .slug = "i2",
                                    .title_sv = "I2",
                                    .origin = "bottom_up",
                                    .status = "completed",
                                    .lead_actor_id = cc,
                                    .parts = p2,
                                    .n_parts = 1,
                                    .objective_ids = ob2,
                                    .n_objectives = 2,
                                    .sdg_targets = sdg2,
                                    .n_sdg_targets = 1};
        struct initiative_new n3 = {.mission_id = m,
                                    .slug = "i3",
                                    .title_sv = "I3",
                                    .origin = "top_down",
                                    .status = "accepted",
                                    .lead_actor_id = a,
                                    .end_date = "2020-01-01",
                                    .has_budget = true,
                                    .budget_sek = 50,
                                    .parts = p3,
                                    .n_parts = 1,
                                    .objective_ids = ob3,
                                    .n_objectives = 1};

        i1 = initiative(db, &n1);
        i2 = initiative(db, &n2);
        i3 = initiative(db, &n3);
    }
    ok(i1 > 0 && i2 > 0 && i3 > 0, "%s: three initiatives", backend);
    {
        struct commitment_new in = {.mission_id = m,
                                    .actor_id = d,
                                    .statement_sv = "Vi bidrar",
                                    .indicator_id = ind2,
                                    .has_amount = true,
                                    .amount = 1,
                                    .by_date = "2020-06-30"};

        ok(commitment_save(db, 0, &in, WHO, 1000, &pledge, &e) == ERR_OK,
           "%s: D commits to O2's indicator, by 2020-06-30", backend);
    }
    {
        struct person_new p = {.name = "Ägare"};

        ok(registry_person_save(db, 0, &p, WHO, 1000, &owner, &e) == ERR_OK, "%s: a person",
           backend);
    }
    {
        struct follow_up_new fu = {
            .text_sv = "Följ upp", .owner_id = owner, .due_on = "2020-01-01"};
        struct dialogue_new dn = {.mission_id = m,
                                  .held_on = "2019-12-01",
                                  .format = "meeting",
                                  .title_sv = "Möte",
                                  .follow_ups = &fu,
                                  .n_follow_ups = 1};

        ok(dialogue_save(db, 0, &dn, WHO, 1000, &id, &e) == ERR_OK,
           "%s: a dialogue, not public, with a follow-up due 2020-01-01", backend);
    }

    arena_init(&ar);
    opts.now = (int64_t)now;
    opts.stale_years = 2;
    opts.gap_max = 100;
    opts.matrix.limit = 2;
    ok(both_has_row(db, Q_COVERAGE_COUNTED, m),
       "%s: the portfolio's counts are stored after the writes", backend);
    ok(coverage_load(db, &ar, m, &opts, &c) == ERR_OK && c.n_objs == 3,
       "%s: the portfolio, three objectives", backend);
    x = obj(&c, o1);
    ok(x != NULL && x->n_initiatives == 2 && x->n_active == 1 && x->n_committed == 0 &&
           x->sectors[0] == 1 && x->sectors[1] == 1 && x->sectors[2] == 1 && x->sectors[3] == 0 &&
           x->n_indicators == 1 && x->latest_year == 2010,
       "%s: O1: 2 initiatives, 1 active, none committed, A B C, data of 2010", backend);
    x = obj(&c, o2);
    ok(x != NULL && x->n_initiatives == 2 && x->n_active == 1 && x->n_committed == 1 &&
           x->sectors[0] == 1 && x->sectors[1] == 0 && x->sectors[2] == 1 && x->sectors[3] == 1 &&
           x->latest_year == year,
       "%s: O2: 2 initiatives, 1 active, D committed, A C D, data of this year", backend);
    x = obj(&c, o3);
    ok(x != NULL && x->n_initiatives == 0 && x->n_committed == 0 && x->n_indicators == 0 &&
           x->sectors[0] + x->sectors[1] + x->sectors[2] + x->sectors[3] == 0,
       "%s: O3: nothing", backend);
    ok(c.n_origin[0] == 2 && c.budget[0] == 150 && c.n_budget[0] == 2 && c.n_origin[1] == 1 &&
           c.budget[1] == 0 && c.n_budget[1] == 0,
       "%s: balance: top-down 2 with 150 kronor from 2, bottom-up 1 with none", backend);
    ok(c.sector_actors[0] == 1 && c.sector_actors[1] == 1 && c.sector_actors[2] == 1 &&
           c.sector_actors[3] == 0 && fabs(c.diversity - log(3)) < 1e-12 && c.has_evenness &&
           fabs(c.evenness - 1) < 1e-12,
       "%s: the initiatives' actors are one per sector of three: entropy ln 3, evenness 1",
       backend);
    ok(c.n_sdg_targets == 2 && strcmp(c.sdg_targets[0], "2.1") == 0 &&
           strcmp(c.sdg_targets[1], "12.3") == 0,
       "%s: SDG targets served 2.1 and 12.3, in code order", backend);

    ok(c.n_gap[GAP_NO_INITIATIVE] == 1 && gaps_of(&c, GAP_NO_INITIATIVE, o3) == 1,
       "%s: gap: O3 without an active initiative", backend);
    ok(c.n_gap[GAP_NO_COMMITMENT] == 2 && gaps_of(&c, GAP_NO_COMMITMENT, o1) == 1 &&
           gaps_of(&c, GAP_NO_COMMITMENT, o3) == 1,
       "%s: gaps: O1 and O3 without a commitment", backend);
    ok(c.n_gap[GAP_STALE_DATA] == 1 && gaps_of(&c, GAP_STALE_DATA, ind1) == 1,
       "%s: gap: O1's indicator has no data newer than 2 years", backend);
    ok(c.n_gap[GAP_SECTOR_ABSENT] == 3 && sector_gap(&c, "civil_society", 0) &&
           sector_gap(&c, "civil_society", o1) && sector_gap(&c, "private", o2),
       "%s: gaps: civil society absent from the initiatives and from O1, business from O2",
       backend);
    ok(c.n_gap[GAP_PAST_END] == 1 && gaps_of(&c, GAP_PAST_END, i3) == 1,
       "%s: gap: I3 past its end, still accepted", backend);
    ok(c.n_gap[GAP_COMMITMENT_DUE] == 1, "%s: gap: D's commitment past its date", backend);
    ok(c.n_gap[GAP_FOLLOW_UP_DUE] == 0,
       "%s: the follow-up of a dialogue that is not public is not listed for the public", backend);
    ok(c.total_inits == 3 && c.n_inits == 2, "%s: the matrix's first page: 2 of 3", backend);

    opts.private_notes = true;
    opts.stale_years = 50;
    opts.matrix.offset = 2;
    ok(coverage_load(db, &ar, m, &opts, &c) == ERR_OK && c.n_gap[GAP_FOLLOW_UP_DUE] == 1 &&
           c.n_gap[GAP_STALE_DATA] == 0 && c.n_inits == 1,
       "%s: with private notes the follow-up is listed; stale after 50 years none is; the "
       "matrix's second page holds the third",
       backend);

    /* a write that does not refresh the counts: the triggers of 0025 empty them */
    ok(db_begin(db) == ERR_OK &&
           commitment_move(db, pledge, "withdrawn", "", 0, WHO, 1100, &e) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "%s: D's commitment withdrawn, the counts not refreshed", backend);
    ok(!both_has_row(db, Q_COVERAGE_COUNTED, m), "%s: ... so they are not stored", backend);
    ok(coverage_load(db, &ar, m, &opts, &c) == ERR_OK && sectors_are(obj(&c, o1), 1, 1, 1, 0) &&
           sectors_are(obj(&c, o2), 1, 0, 1, 0) && obj(&c, o2)->n_committed == 0,
       "%s: counted afresh: O1 A B C, O2 A C (a withdrawn commitment does not count)", backend);
    ok(obj(&c, o1)->n_initiatives == 2 && obj(&c, o1)->n_active == 1 &&
           obj(&c, o2)->n_initiatives == 2 && c.n_origin[0] == 2 && c.budget[0] == 150 &&
           c.n_origin[1] == 1 && c.n_sdg_targets == 2 && c.total_inits == 3,
       "%s: ... and the initiatives per objective, the balance, the SDG targets and the "
       "matrix's total as stored",
       backend);
    /* a samverka write stores them again */
    ok(registry_actor_archive(db, cc, WHO, 1200) == ERR_OK &&
           both_has_row(db, Q_COVERAGE_COUNTED, m),
       "%s: C archived through the registry: the counts are stored again", backend);
    ok(coverage_load(db, &ar, m, &opts, &c) == ERR_OK && sectors_are(obj(&c, o1), 1, 1, 0, 0) &&
           sectors_are(obj(&c, o2), 1, 0, 0, 0) && sectors_are(obj(&c, o3), 0, 0, 0, 0),
       "%s: stored: O1 A B, O2 A, O3 none (an archived actor does not count)", backend);
    ok(obj(&c, o1)->n_initiatives == 2 && obj(&c, o1)->n_active == 1 &&
           obj(&c, o2)->n_initiatives == 2 && obj(&c, o3)->n_initiatives == 0 &&
           c.n_origin[0] == 2 && c.budget[0] == 150 && c.n_budget[0] == 2 && c.n_origin[1] == 1 &&
           c.n_sdg_targets == 2 && strcmp(c.sdg_targets[0], "2.1") == 0 && c.total_inits == 3,
       "%s: ... the rest of the portfolio's counts stored as counted", backend);
    arena_free(&ar);
}

int
main(void)
{
    return both_main("coverage", test_all);
}
