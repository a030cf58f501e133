/*
 * test_collab.c — the collaboration network as collab_load reads it (domain/collab.c,
 * db/q_collab.def): a tie from each source with its count (shared initiatives, lead and
 * participants alike; commitments to the same objective through two of its indicators;
 * a dialogue together), a withdrawn commitment and an archived initiative making none,
 * a mission's network holding only the actors involved in it, the platform's every live
 * actor, and the figures of the small network worked out by hand (betweenness unweighted
 * and with lengths 1 / weight, cross-sector ties, bridging actors), and a tie by a seminar
 * two actors' people attended (issue 14). The commitments and
 * dialogues are made through their create functions. On SQLite, and on PostgreSQL when
 * the test cluster's variables are set.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "both.h"
#include "domain/collab.h"
#include "domain/commitment.h"
#include "domain/dialogue.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/registry.h"
#include "domain/seminar.h"
#include "tap.h"

#define WHO "collab-test"

static int
node(const struct collab_net *g, int64_t id)
{
    int i;

    for (i = 0; i < g->n; i++)
        if (g->nodes[i].id == id)
            return i;
    return -1;
}

/* The tie between actors x and y, NULL when there is none. */
static const struct collab_tie *
tie(const struct collab_net *g, int64_t x, int64_t y)
{
    int a = node(g, x), b = node(g, y), i;

    for (i = 0; a >= 0 && b >= 0 && i < g->m; i++)
        if ((g->ties[i].a == a && g->ties[i].b == b) || (g->ties[i].a == b && g->ties[i].b == a))
            return &g->ties[i];
    return NULL;
}

static void
check_tie(const struct collab_net *g, const char *what, int64_t x, int64_t y, int ni, int no,
          int nd)
{
    const struct collab_tie *t = tie(g, x, y);

    ok(t != NULL && t->initiatives == ni && t->objectives == no && t->dialogues == nd &&
           t->weight == ni + no + nd,
       "%s: %s: %d initiatives, %d objectives, %d dialogues (got %d %d %d)", backend, what, ni, no,
       nd, t ? t->initiatives : -1, t ? t->objectives : -1, t ? t->dialogues : -1);
}

static int64_t
initiative(struct db *db, int64_t mission, const char *name, int64_t lead, const int64_t *parts,
           int n)
{
    struct initiative_part p[4];
    struct initiative_new in = {
        .title_sv = "Samverkan", .origin = "top_down", .status = "running", .mission_id = mission};
    struct write_error e = {0};
    char slug[64];
    int64_t id = 0;
    int i;

    snprintf(slug, sizeof(slug), "%s-%s", name, suffix);
    in.slug = slug;
    in.lead_actor_id = lead;
    for (i = 0; i < n; i++)
        p[i] = (struct initiative_part){.actor_id = parts[i], .role = "partner"};
    in.parts = p;
    in.n_parts = n;
    if (registry_initiative_save(db, 0, &in, WHO, 1000, &id, &e) != ERR_OK)
        diag("initiative: %s %s", e.field ? e.field : "", e.msg ? e.msg : "");
    return id;
}

static int64_t
indicator(struct db *db, int64_t objective, const char *title)
{
    struct indicator_new ind = {.title_sv = title,
                                .decimals = 1,
                                .weight = 1,
                                .progress = {.target_kind = "none", .direction = "increase"}};
    struct write_error e = {0};
    int64_t id = 0;

    ind.objective_id = objective;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &ind, WHO, &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* A commitment of actor to mission with a contribution to indicator ind, in status (made
 * through commitment_create as the demo loader does: any status) */
static bool
commitment(struct db *db, int64_t mission, int64_t actor, int64_t ind, const char *status)
{
    struct commitment_new in = {.mission_id = mission,
                                .actor_id = actor,
                                .statement_sv = "Åtagande",
                                .indicator_id = ind,
                                .has_amount = true,
                                .amount = 1,
                                .status = status,
                                .is_demo = true};
    struct write_error e = {0};
    int64_t id = 0;

    return commitment_save(db, 0, &in, WHO, 1000, &id, &e) == ERR_OK && id > 0;
}

/* A dialogue of mission with the n actors taking part (dialogue_create) */
static bool
dialogue(struct db *db, int64_t mission, const int64_t *actors, int n)
{
    struct dialogue_new in = {.mission_id = mission,
                              .held_on = "2026-03-01",
                              .format = "meeting",
                              .title_sv = "Dialog",
                              .actor_ids = actors,
                              .n_actors = n};
    struct write_error e = {0};
    int64_t id = 0;

    return dialogue_save(db, 0, &in, WHO, 1000, &id, &e) == ERR_OK && id > 0;
}

static bool
near(double x, double y)
{
    return fabs(x - y) < 1e-12;
}

static void
test_all(struct db *db)
{
    struct objective_new on = {.title_sv = "Mål", .weight = 1};
    struct write_error e = {0};
    struct collab_net g;
    struct arena a;
    int64_t m, m2, A, B, C, D, E, F, obj = 0, i1, i2, archived;
    int64_t ab[2], bc[2], ed[1], acd[3], f[1];
    int ia, ic;

    arena_init(&a);
    m = both_mission(db, "collab");
    m2 = both_mission(db, "collab-other");
    A = both_actor(db, "collab-a");
    B = both_actor(db, "collab-b");
    C = both_actor(db, "collab-c");
    D = both_actor(db, "collab-d");
    E = both_actor(db, "collab-e");
    F = both_actor(db, "collab-f");
    ok(m > 0 && m2 > 0 && A > 0 && B > 0 && C > 0 && D > 0 && E > 0 && F > 0 &&
           both_actor_resave(db, C, NULL, "private", WHO, 1000),
       "%s: two missions and six actors, one private", backend);

    /* (a) initiatives: A leads B and C, then A leads B again; E's is archived */
    bc[0] = B;
    bc[1] = C;
    ab[0] = B;
    ok(initiative(db, m, "collab-1", A, bc, 2) > 0 && initiative(db, m, "collab-2", A, ab, 1) > 0,
       "%s: two initiatives", backend);
    ed[0] = D;
    archived = initiative(db, m, "collab-3", E, ed, 1);
    ok(archived > 0 && registry_initiative_archive(db, archived, WHO, 1001) == ERR_OK,
       "%s: a third, archived", backend);
    /* F takes part in the other mission only */
    f[0] = F;
    ok(initiative(db, m2, "collab-4", 0, f, 1) > 0, "%s: an initiative of another mission",
       backend);

    /* (b) commitments: A and D to two indicators of one objective, B's withdrawn */
    on.mission_id = m;
    ok(db_begin(db) == ERR_OK && objective_create(db, &on, WHO, &obj, &e) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "%s: an objective", backend);
    i1 = indicator(db, obj, "Ett");
    i2 = indicator(db, obj, "Två");
    ok(i1 > 0 && i2 > 0 && commitment(db, m, A, i1, "pledged") &&
           commitment(db, m, A, i2, "delivered") && commitment(db, m, D, i2, "confirmed") &&
           commitment(db, m, B, i1, "withdrawn"),
       "%s: four commitments", backend);

    /* (c) a dialogue of A, C and D */
    acd[0] = A;
    acd[1] = C;
    acd[2] = D;
    ok(dialogue(db, m, acd, 3), "%s: a dialogue", backend);

    ok(collab_load(db, &a, m, &g) == ERR_OK, "%s: the mission's network loads", backend);
    ok(g.n == 4 && node(&g, A) >= 0 && node(&g, B) >= 0 && node(&g, C) >= 0 && node(&g, D) >= 0,
       "%s: its actors are the four involved (got %d)", backend, g.n);
    ok(g.m == 5, "%s: five ties (got %d)", backend, g.m);
    check_tie(&g, "A and B share two initiatives", A, B, 2, 0, 0);
    check_tie(&g, "A and C: an initiative and a dialogue", A, C, 1, 0, 1);
    check_tie(&g, "B and C: an initiative", B, C, 1, 0, 0);
    check_tie(&g, "A and D: an objective and a dialogue", A, D, 0, 1, 1);
    check_tie(&g, "C and D: a dialogue", C, D, 0, 0, 1);
    ok(tie(&g, B, D) == NULL, "%s: a withdrawn commitment makes no tie", backend);
    ok(node(&g, E) < 0, "%s: an archived initiative involves no one", backend);
    ok(g.components == 1 && g.cross == 3 && g.bridging == 4 && g.isolated == 0 && !g.estimated,
       "%s: one component, 3 cross-sector ties (of C), 4 bridging, none isolated (got %d %d %d %d)",
       backend, g.components, g.cross, g.bridging, g.isolated);
    ia = node(&g, A);
    ic = node(&g, C);
    /* B-D's shortest paths: through A and through C, 1/2 each over 3 pairs; weighted (a
     * tie's length 1 / weight), A is on every shortest path between B, C and D: B-D, and
     * half of B-C's and C-D's (B-A-C and C-A-D are as short as the direct tie) */
    ok(ia >= 0 && ic >= 0 && near(g.nodes[ia].betweenness, 1.0 / 6) &&
           near(g.nodes[ic].betweenness, 1.0 / 6) && near(g.nodes[node(&g, B)].betweenness, 0) &&
           near(g.nodes[ia].betweenness_w, 2.0 / 3) && near(g.nodes[ic].betweenness_w, 0),
       "%s: betweenness as worked out by hand", backend);
    ok(ia >= 0 && g.nodes[ia].degree == 3 && near(g.nodes[ia].strength, 6) &&
           g.nodes[ia].reach == 1,
       "%s: A's degree 3, weighted degree 6, reaches one other sector", backend);

    /* the platform: every live actor, the same ties between these */
    ok(collab_load(db, &a, 0, &g) == ERR_OK, "%s: the platform's network loads", backend);
    ok(node(&g, E) >= 0 && g.nodes[node(&g, E)].degree == 0 && node(&g, F) >= 0,
       "%s: an actor without ties is in the platform's network", backend);
    check_tie(&g, "platform: A and B", A, B, 2, 0, 0);
    check_tie(&g, "platform: A and D", A, D, 0, 1, 1);
    ok(g.isolated >= 2, "%s: isolated actors counted (%d)", backend, g.isolated);

    /* (d) a seminar of the other mission that people of E and F attended (issue 14): their
     * actors are tied there by it alone */
    {
        struct seminar_new sn = {.mission_id = m2,
                                 .title_sv = "Seminarium",
                                 .starts_at = 2000000000,
                                 .ends_at = 2000003600,
                                 .place = "Stockholm",
                                 .language = "sv",
                                 .capacity = 10};
        struct seminar_signup su = {.name = "Eva", .lang = "sv", .consent = true};
        struct seminar_registration r;
        char ename[64], fname[64], email[96];
        int64_t sem = 0, regs[2];
        int k;

        snprintf(ename, sizeof(ename), "Collab E %s", suffix);
        snprintf(fname, sizeof(fname), "Collab F %s", suffix);
        ok(both_actor_resave(db, E, ename, NULL, WHO, 1002) &&
               both_actor_resave(db, F, fname, NULL, WHO, 1002) &&
               seminar_save(db, 0, &sn, WHO, 1003, &sem, &e) == ERR_OK,
           "%s: a seminar of the other mission", backend);
        su.seminar_id = sem;
        for (k = 0; k < 2; k++) {
            su.organisation = k == 0 ? ename : fname;
            su.email = both_address(email, sizeof(email), k == 0 ? "collab-e" : "collab-f");
            regs[k] = seminar_register(db, &a, &su, 1004, NULL, &r, &e) == ERR_OK ? r.id : 0;
        }
        ok(regs[0] > 0 && regs[1] > 0 &&
               seminar_attendance(db, sem, regs, 2, WHO, 2000003600, &e) == ERR_OK,
           "%s: one of E and one of F registered and attended", backend);
        ok(collab_load(db, &a, m2, &g) == ERR_OK, "%s: the other mission's network loads", backend);
        ok(node(&g, E) >= 0, "%s: E is in it, by the seminar alone", backend);
        {
            const struct collab_tie *t = tie(&g, E, F);

            ok(t != NULL && t->seminars == 1 && t->weight == 1 && t->initiatives == 0 &&
                   t->dialogues == 0,
               "%s: E and F: one seminar attended together, weight 1", backend);
        }
        ok(collab_load(db, &a, m, &g) == ERR_OK && node(&g, E) < 0 && g.m == 5,
           "%s: the first mission's network is as it was", backend);
    }

    arena_free(&a);
}

int
main(void)
{
    return both_main("collab", test_all);
}
