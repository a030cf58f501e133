/*
 * test_commitment.c — actors' commitments (domain/commitment.c) on SQLite and PostgreSQL:
 * what a commitment is made with and what is refused (nothing written), the moves of its
 * status and the ones refused, an edit's audit entry naming exactly the fields that
 * changed, a closed commitment refusing edits, the committers by sector, and the
 * commitment gap of an indicator worked out by hand: latest 40 toward a target of 100
 * leaves 60; confirmed 15 and in progress 15 cover 30 of it (50 %), the pledged 10 stays
 * apart, the delivered and the withdrawn ones count for nothing.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/assess.h"
#include "domain/audit.h"
#include "domain/commitment.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "tap.h"

#define WHO "commitment-test"

static int64_t
new_indicator(struct db *db, int64_t objective, const char *title, const char *target_kind,
              double target)
{
    struct indicator_new ind = {.title_sv = title,
                                .decimals = 0,
                                .weight = 1,
                                .progress = {.target_kind = target_kind,
                                             .has_target_value = strcmp(target_kind, "none") != 0,
                                             .target_value = target,
                                             .direction = "increase"}};
    struct write_error e = {0};
    int64_t id = 0;

    ind.objective_id = objective;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (indicator_create(db, &ind, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* Make a commitment in its own transaction: the answer, and the refusal in *e. */
static enum err
make(struct db *db, const struct commitment_new *in, int64_t *id, struct write_error *e)
{
    memset(e, 0, sizeof(*e));
    *id = 0;
    return commitment_save(db, 0, in, WHO, 1000, id, e);
}

/* How many commitments mission m has (any status), -1 on failure. */
static int64_t
how_many(struct db *db, int64_t m)
{
    struct page pg = {1, 0};
    struct commitment *cs;
    int64_t total = -1;
    struct arena a;
    int n;

    arena_init(&a);
    if (commitment_list(db, &a, m, NULL, &pg, &cs, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

static bool
refused_as(enum err rc, const struct write_error *e, const char *field)
{
    return rc == ERR_INVALID && e->field != NULL && strcmp(e->field, field) == 0;
}

static void
test_refusals(struct db *db, int64_t m, int64_t other_m, int64_t actor, int64_t ind,
              int64_t foreign_ind)
{
    struct commitment_new in = {.mission_id = m, .actor_id = actor, .statement_sv = "Vi gör"};
    struct write_error e;
    char long_text[WRITE_MAX_TEXT + 2];
    int64_t id, before = how_many(db, m);
    enum err rc;

    (void)other_m;
    in.statement_sv = "";
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "statement_sv"), "%s: a commitment without a statement is refused",
       backend);
    memset(long_text, 'x', sizeof(long_text) - 1);
    long_text[sizeof(long_text) - 1] = '\0';
    in.statement_sv = long_text;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "statement_sv"), "%s: a statement past 4,000 bytes is refused", backend);
    in.statement_sv = "Vi gör";

    in.actor_id = 999999999;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "actor_id"), "%s: an unknown actor is refused", backend);
    in.actor_id = actor;

    in.mission_id = 999999999;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "mission_id"), "%s: an unknown mission is refused", backend);
    in.mission_id = m;

    in.indicator_id = foreign_ind;
    in.has_amount = true;
    in.amount = 5;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "indicator_id"), "%s: an indicator of another mission is refused",
       backend);
    in.indicator_id = ind;
    in.has_amount = false;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "amount"), "%s: an indicator without an amount is refused", backend);
    in.indicator_id = 0;
    in.has_amount = true;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "indicator_id"), "%s: an amount without an indicator is refused",
       backend);
    in.indicator_id = ind;
    in.amount = -1;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "amount"), "%s: a negative amount is refused", backend);
    in.amount = NAN;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "amount"), "%s: an amount that is not a number is refused", backend);
    in.amount = 5;

    in.by_date = "2027-02-30";
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "by_date"), "%s: a date that does not exist is refused", backend);
    in.by_date = NULL;
    in.evidence_url = "javascript:alert(1)";
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "evidence_url"), "%s: evidence that is not an http address is refused",
       backend);
    in.evidence_url = NULL;
    in.status = "confirmed";
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "status"), "%s: a commitment is not made confirmed (only pledged)",
       backend);
    in.status = "promised";
    in.is_demo = true;
    rc = make(db, &in, &id, &e);
    ok(refused_as(rc, &e, "status"), "%s: an unknown status is refused, even for the demo",
       backend);
    ok(how_many(db, m) == before, "%s: no refusal wrote anything", backend);
}

/* The audit entry's changes of the latest action on commitment id, "" if none. */
static const char *
last_changes(struct db *db, struct arena *a, int64_t id, const char **action)
{
    struct page pg = {1, 0};
    struct audit_entry *es;
    int64_t total;
    int n;

    if (audit_history(db, a, "commitment", id, 0, &pg, &es, &n, &total) != ERR_OK || n == 0)
        return "";
    *action = es[0].action;
    return es[0].changes != NULL ? es[0].changes : "";
}

static void
test_life(struct db *db, int64_t m, int64_t actor, int64_t ind)
{
    struct commitment_new in = {.mission_id = m,
                                .actor_id = actor,
                                .statement_sv = "Vi bidrar",
                                .indicator_id = ind,
                                .has_amount = true,
                                .amount = 12.5,
                                .by_date = "2028-06-30"};
    struct write_error e;
    struct commitment c;
    const char *action = "", *changes;
    struct arena a;
    bool changed = false;
    int64_t id, t0;
    enum err rc;

    arena_init(&a);
    t0 = (int64_t)time(NULL);
    rc = make(db, &in, &id, &e);
    ok(rc == ERR_OK && id > 0, "%s: a commitment is made", backend);
    ok(commitment_get(db, &a, id, &c) == ERR_OK && strcmp(c.status, "pledged") == 0 &&
           c.has_amount && c.amount == 12.5 && c.indicator_id == ind && c.n_steps == 1 &&
           strcmp(c.steps[0].status, "pledged") == 0,
       "%s: it is pledged, with its contribution and one step", backend);

    /* moves */
    rc = commitment_save_move(db, id, "delivered", "", 0, WHO, t0 + 1100, &e);
    ok(refused_as(rc, &e, "status"), "%s: a pledged commitment cannot be delivered at once",
       backend);
    rc = commitment_save_move(db, id, "confirmed", "Bekräftat på mötet", 0, WHO, t0 + 1200, &e);
    ok(rc == ERR_OK, "%s: pledged -> confirmed", backend);
    rc = commitment_save_move(db, id, "pledged", "", 0, WHO, t0 + 1300, &e);
    ok(refused_as(rc, &e, "status"), "%s: confirmed cannot go back to pledged", backend);
    ok(commitment_get(db, &a, id, &c) == ERR_OK && strcmp(c.status, "confirmed") == 0 &&
           c.n_steps == 2 && strcmp(c.steps[1].note, "Bekräftat på mötet") == 0,
       "%s: the refused move changed nothing; the confirmation is a step with its note", backend);
    changes = last_changes(db, &a, id, &action);
    ok(strcmp(action, "status") == 0 && strstr(changes, "\"confirmed\"") != NULL,
       "%s: the move is in the audit log (%s)", backend, changes);

    /* an edit names exactly what changed */
    in.amount = 20;
    in.statement_en = "We contribute";
    rc = commitment_update(db, id, &in, WHO, t0 + 1400, &changed, &e);
    ok(rc == ERR_OK && changed, "%s: an edit of the amount and the English statement", backend);
    changes = last_changes(db, &a, id, &action);
    ok(strcmp(action, "update") == 0 && strstr(changes, "\"amount\"") != NULL &&
           strstr(changes, "\"statement_en\"") != NULL &&
           strstr(changes, "\"statement_sv\"") == NULL && strstr(changes, "\"by_date\"") == NULL,
       "%s: its audit entry names amount and statement_en only (%s)", backend, changes);
    rc = commitment_update(db, id, &in, WHO, t0 + 1500, &changed, &e);
    ok(rc == ERR_OK && !changed, "%s: the same edit again changes nothing", backend);
    in.actor_id = actor + 1;
    rc = commitment_update(db, id, &in, WHO, t0 + 1500, &changed, &e);
    ok(refused_as(rc, &e, "actor_id"), "%s: the actor of a commitment cannot change", backend);
    in.actor_id = actor;
    in.status = "delivered";
    rc = commitment_update(db, id, &in, WHO, t0 + 1500, &changed, &e);
    ok(refused_as(rc, &e, "status"), "%s: the status does not change by an edit", backend);
    in.status = NULL;

    ok(commitment_save_move(db, id, "in_progress", "", 0, WHO, t0 + 1600, &e) == ERR_OK &&
           commitment_save_move(db, id, "withdrawn", "Budgeten drogs in", 0, WHO, t0 + 1700, &e) ==
               ERR_OK,
       "%s: confirmed -> in progress -> withdrawn", backend);
    rc = commitment_save_move(db, id, "in_progress", "", 0, WHO, t0 + 1800, &e);
    ok(refused_as(rc, &e, "status"), "%s: a withdrawn commitment moves no more", backend);
    in.amount = 30;
    rc = commitment_update(db, id, &in, WHO, t0 + 1900, &changed, &e);
    ok(refused_as(rc, &e, "status"), "%s: a withdrawn commitment is not edited", backend);
    ok(commitment_get(db, &a, id, &c) == ERR_OK && c.amount == 20 && c.n_steps == 4,
       "%s: four steps, and the amount as it was", backend);
    arena_free(&a);
}

static void
test_gap(struct db *db, int64_t m, int64_t objective)
{
    static const struct {
        double amount;
        const char *status;
    } cs[] = {{15, "confirmed"},
              {15, "in_progress"},
              {10, "pledged"},
              {5, "delivered"},
              {20, "withdrawn"}};
    struct commitment_gap *gaps;
    struct committer *who;
    struct mission_tree t;
    struct write_error e;
    struct arena a;
    int64_t ind, none, id, actors[5];
    char name[32];
    int i, k, n_who;

    ind = new_indicator(db, objective, "Med mål", "absolute", 100);
    none = new_indicator(db, objective, "Utan mål", "none", 0);
    ok(ind > 0 && none > 0 && both_observation_raw(db, ind, 2024, 40) &&
           both_observation_raw(db, none, 2024, 3),
       "%s: an indicator at 40 toward 100, another without a target", backend);
    for (i = 0; i < 5; i++) {
        struct commitment_new in = {.mission_id = m,
                                    .statement_sv = "Bidrag",
                                    .indicator_id = ind,
                                    .has_amount = true,
                                    .amount = cs[i].amount,
                                    .status = cs[i].status,
                                    .is_demo = true};

        snprintf(name, sizeof(name), "gap-%d", i);
        actors[i] = both_actor(db, name);
        in.actor_id = actors[i];
        ok(actors[i] > 0 && make(db, &in, &id, &e) == ERR_OK, "%s: a commitment of %g, %s", backend,
           cs[i].amount, cs[i].status);
    }
    arena_init(&a);
    ok(mission_tree_load(db, &a, m, &t) == ERR_OK, "%s: the mission's tree", backend);
    gaps = arena_alloc(&a, (size_t)(t.n_inds + 1) * sizeof(*gaps));
    ok(commitment_gaps(db, &a, m, t.inds, t.n_inds, gaps) == ERR_OK, "%s: the gaps", backend);
    for (i = 0, k = -1; i < t.n_inds; i++)
        if (t.inds[i].id == ind)
            k = i;
    ok(k >= 0 && gaps[k].has_gap && fabs(gaps[k].remaining - 60) < 1e-9 &&
           fabs(gaps[k].covered - 30) < 1e-9 && fabs(gaps[k].pledged - 10) < 1e-9 &&
           fabs(gaps[k].gap - 30) < 1e-9 && fabs(gaps[k].coverage - 0.5) < 1e-9,
       "%s: 60 left, 30 covered (50 %%), 10 pledged apart", backend);
    for (i = 0, k = -1; i < t.n_inds; i++)
        if (t.inds[i].id == none)
            k = i;
    ok(k >= 0 && !gaps[k].has_gap && !gaps[k].reached, "%s: no target, no gap", backend);

    /* the committers: every actor but the withdrawn one, each once */
    ok(commitment_committers(db, &a, m, 1000, &who, &n_who) == ERR_OK, "%s: the committers",
       backend);
    for (i = 0, k = 0; i < n_who; i++)
        k += who[i].actor_id == actors[4] ? 100 : who[i].actor_id == actors[0] ? 1 : 0;
    ok(k == 1, "%s: a withdrawn commitment does not make a committer", backend);
    arena_free(&a);
}

static void
test_moves(void)
{
    static const char *const st[] = {"pledged", "confirmed", "in_progress", "delivered",
                                     "withdrawn"};
    /* by hand: from (row) to (column) */
    static const char allowed[5][6] = {"-YN-Y", "--YYY", "---YY", "-----", "-----"};
    int i, j, wrong = 0;

    for (i = 0; i < 5; i++)
        for (j = 0; j < 5; j++)
            if (commitment_move_allowed(st[i], st[j]) != (allowed[i][j] == 'Y'))
                wrong++;
    ok(wrong == 0, "the moves a commitment may make are the five of the rule (%d wrong)", wrong);
    ok(!commitment_move_allowed("pledged", "nonsense") &&
           !commitment_move_allowed(NULL, "confirmed"),
       "an unknown status moves nowhere");
}

static void
test_all(struct db *db)
{
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    struct write_error e = {0};
    int64_t m, other, objective = 0, other_obj = 0, actor, ind, foreign_ind;

    test_moves();
    m = both_mission(db, "commit");
    other = both_mission(db, "commit-other");
    actor = both_actor(db, "committer");
    o.mission_id = m;
    ok(m > 0 && other > 0 && actor > 0 && db_begin(db) == ERR_OK &&
           objective_create(db, &o, "test", &objective, &e) == ERR_OK && db_commit(db) == ERR_OK,
       "%s: two missions, an actor, an objective", backend);
    o.mission_id = other;
    ok(db_begin(db) == ERR_OK && objective_create(db, &o, "test", &other_obj, &e) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "%s: an objective of the other mission", backend);
    ind = new_indicator(db, objective, "Bidragen", "absolute", 50);
    foreign_ind = new_indicator(db, other_obj, "Främmande", "absolute", 50);
    ok(ind > 0 && foreign_ind > 0, "%s: an indicator in each", backend);
    test_refusals(db, m, other, actor, ind, foreign_ind);
    test_life(db, m, actor, ind);
    test_gap(db, other, other_obj);
}

int
main(void)
{
    return both_main("commitment", test_all);
}
