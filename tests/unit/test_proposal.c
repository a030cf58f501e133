/*
 * test_proposal.c — bottom-up proposals (domain/proposal.c) on SQLite, and on PostgreSQL
 * when tests/run-all.sh (or the caller) has started its throwaway cluster (there the
 * functions commit their own transactions, so names carry a random suffix): submit,
 * ask for changes, resubmit, accept, decline; the states a step needs; the e-mails to
 * both sides; that nothing is written on a refusal; and that a proposal not accepted is
 * on no public list or mission history.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/proposal.h"
#include "domain/refdata.h"
#include "domain/registry.h"
#include "domain/user.h"
#include "tap.h"

static bool __attribute__((format(printf, 3, 4)))
is_rc(enum err got, enum err want, const char *fmt, ...)
{
    va_list ap;
    bool r;

    va_start(ap, fmt);
    r = tap_vok(got == want, fmt, ap);
    va_end(ap);
    if (!r)
        diag("got %s, expected %s", err_str(got), err_str(want));
    return r;
}

/* ------------------------------------------------------------ fixtures */

static const char *
address(const char *local)
{
    static char buf[4][128];
    static int k;

    k = (k + 1) % 4;
    snprintf(buf[k], sizeof(buf[k]), "%s.%s@example.org", local, suffix);
    return buf[k];
}

/* A new account without a role, never signed in (a fixed PHC string will do). */
static int64_t
account(struct db *db, const char *local)
{
    return both_account(db, address(local), NULL, "Test Person", BOTH_FIXED_HASH, 1000);
}

static bool
coordinator_add(struct db *db, int64_t user, int64_t mission_id)
{
    struct db_stmt *st;
    enum err rc;

    if (db_begin(db) != ERR_OK)
        return false;
    st = db_stmt(db, Q_COORDINATOR_ADD);
    if (st == NULL) {
        db_rollback(db);
        return false;
    }
    db_bind_i64(st, 1, user);
    db_bind_i64(st, 2, mission_id);
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc == ERR_OK;
}

/* Messages queued to addr (whatever their state). */
static int
mails_to(struct db *db, const char *addr)
{
    struct db_stmt *st = db_stmt(db, Q_COPY_MAIL_QUEUE_GET);
    bool row;
    int n = 0;

    if (st == NULL)
        return -1;
    while (db_step(st, &row) == ERR_OK && row)
        n += strcmp(db_text(st, 1), addr) == 0;
    db_done(st);
    return n;
}

/* Whether initiative id is among the public list of its mission. */
static bool
listed(struct db *db, int64_t mission_id, int64_t id)
{
    struct initiative_filter f = {.mission_id = mission_id};
    struct page pg = {.limit = 100, .offset = 0};
    struct initiative *items;
    struct arena a;
    int64_t total;
    bool found = false;
    int n, i;

    arena_init(&a);
    if (initiative_list(db, &a, &f, &pg, &items, &n, &total) == ERR_OK)
        for (i = 0; i < n; i++)
            found |= items[i].id == id;
    arena_free(&a);
    return found;
}

/* Whether the mission's history has an entry of initiative id. */
static bool
in_history(struct db *db, int64_t mission_id, int64_t id)
{
    struct page pg = {.limit = 100, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total;
    bool found = false;
    int n, i;

    arena_init(&a);
    if (audit_history(db, &a, NULL, 0, mission_id, &pg, &e, &n, &total) == ERR_OK)
        for (i = 0; i < n; i++)
            found |= strcmp(e[i].entity, "initiative") == 0 && e[i].entity_id == id;
    arena_free(&a);
    return found;
}

static const char *
state_of(struct db *db, struct arena *a, int64_t id, int *out_steps)
{
    struct proposal p;

    if (proposal_get(db, a, id, &p) != ERR_OK)
        return "(none)";
    if (out_steps != NULL)
        *out_steps = p.n_steps;
    return p.state;
}

/* ------------------------------------------------------------ the journey */

/* The SDG framework, once per database (a proposal names SDG targets). */
static void
reference_data(struct db *db)
{
    struct db_stmt *st;
    int64_t goals = 0;
    bool row;

    if (db_begin(db) != ERR_OK)
        bail_out("%s: cannot begin", backend);
    st = db_stmt(db, Q_SDG_GOAL_COUNT);
    if (st != NULL && db_step(st, &row) == ERR_OK && row)
        goals = db_i64(st, 0);
    db_done(st);
    if (goals == 0 && refdata_load(db) != ERR_OK)
        bail_out("%s: cannot load the reference data", backend);
    if (db_commit(db) != ERR_OK)
        bail_out("%s: cannot commit the reference data", backend);
}

static void
test_journey(struct db *db)
{
    static const struct proposal_notice note = {"Förslag", "Ett förslag har ändrats."};
    static const struct proposal_notice bad = {"Two\r\nlines", "body"};
    struct initiative_part parts[1];
    struct initiative_new in = {0};
    struct write_error e;
    struct initiative n;
    struct proposal p, *list;
    struct page pg = {.limit = 10, .offset = 0};
    struct arena a;
    int64_t proposer, other, coord, coord2, m1, m2, a1, a2, id = 0, id2 = 0, total;
    int64_t objectives[1];
    const char *targets[] = {"2.1"};
    int steps = 0, n_list, mp, mc, mc2;

    arena_init(&a);
    reference_data(db);
    proposer = account(db, "proposer");
    other = account(db, "other");
    coord = account(db, "coord");
    coord2 = account(db, "coord2");
    m1 = both_mission(db, "m1");
    m2 = both_mission(db, "m2");
    a1 = both_actor(db, "a1");
    a2 = both_actor(db, "a2");
    if (!ok(proposer && other && coord && coord2 && m1 && m2 && a1 && a2 &&
                coordinator_add(db, coord, m1) && coordinator_add(db, coord2, m2),
            "%s: four accounts, two missions with a coordinator each, two actors", backend))
        return;
    {
        struct objective_new o = {.mission_id = m1, .title_sv = "Mål 1", .weight = 1};

        if (db_begin(db) != ERR_OK || objective_create(db, &o, "test", &objectives[0], &e) ||
            db_commit(db) != ERR_OK)
            bail_out("%s: an objective", backend);
    }

    parts[0].actor_id = a2;
    parts[0].role = "partner";
    in.mission_id = m1;
    in.title_sv = "Skolmåltider på riktigt!";
    in.summary_sv = "Vi vill <b>pröva</b>.";
    in.lead_actor_id = a1;
    in.parts = parts;
    in.n_parts = 1;
    in.objective_ids = objectives;
    in.n_objectives = 1;
    in.sdg_targets = targets;
    in.n_sdg_targets = 1;
    in.start_date = "2026-01-01";
    in.end_date = "2027-12-31";
    in.has_budget = true;
    in.budget_sek = 250000;
    /* what the caller cannot choose */
    in.origin = "top_down";
    in.status = "running";
    in.is_demo = true;

    /* refusals first: nothing is written */
    {
        struct initiative_new x = in;

        x.lead_actor_id = 0;
        is_rc(proposal_submit(db, &x, proposer, "p", 2000, &note, &id, &e), ERR_INVALID,
              "%s: a proposal without a lead actor is refused", backend);
        is_str(e.field, "lead_actor_id", "... naming lead_actor_id");
        x = in;
        x.title_sv = "";
        is_rc(proposal_submit(db, &x, proposer, "p", 2000, &note, &id, &e), ERR_INVALID,
              "%s: a proposal without a title is refused", backend);
        is_str(e.field, "title_sv", "... naming title_sv");
        is_rc(proposal_submit(db, &in, proposer, "p", 2000, &bad, &id, &e), ERR_INVALID,
              "%s: a subject with a line break is refused", backend);
        x = in;
        x.mission_id = 999999999;
        is_rc(proposal_submit(db, &x, proposer, "p", 2000, &note, &id, &e), ERR_NOTFOUND,
              "%s: a proposal to no mission is not found", backend);
        is_rc(proposal_list_mine(db, &a, proposer, &pg, &list, &n_list, &total), ERR_OK,
              "%s: the proposer's list", backend);
        is_int(total, 0, "... holds nothing after the refusals");
        is_int(mails_to(db, address("proposer")), 0, "... and nothing was mailed");
    }

    is_rc(proposal_submit(db, &in, proposer, address("proposer"), 2000, &note, &id, &e), ERR_OK,
          "%s: a representative proposes an initiative", backend);
    ok(id > 0 && initiative_get(db, &a, id, &n) == ERR_OK, "... it is an initiative");
    is_str(n.origin, "bottom_up", "... bottom-up, whatever was asked");
    is_str(n.status, "proposed", "... with status proposed");
    ok(!n.is_demo, "... never demo data");
    is_str(n.slug, "skolmaltider-pa-riktigt", "... its slug made from the title");
    ok(n.n_actors == 1 && n.n_objectives == 1 && n.n_sdg_targets == 1 && n.has_budget,
       "... with its participant, objective, SDG target and budget");
    is_str(state_of(db, &a, id, &steps), "submitted", "... waiting for review");
    is_int(steps, 1, "... one step");
    ok(!listed(db, m1, id), "... on no public list while under review");
    ok(!in_history(db, m1, id), "... nor in the mission's history");
    {
        bool hidden = false;

        ok(proposal_is_hidden(db, id, &hidden) == ERR_OK && hidden, "... hidden");
    }
    is_rc(registry_initiative_archive(db, id, "coord", 2000), ERR_CONFLICT,
          "%s: it cannot be archived out of the queue (only a decline ends it)", backend);
    ok(initiative_get(db, &a, id, &n) == ERR_OK && n.archived_at == 0 &&
           strcmp(state_of(db, &a, id, &steps), "submitted") == 0,
       "... it is still live and waiting for review");
    mp = mails_to(db, address("proposer"));
    mc = mails_to(db, address("coord"));
    mc2 = mails_to(db, address("coord2"));
    ok(mp == 1 && mc == 1 && mc2 == 0,
       "%s: the proposer and the mission's coordinator got an e-mail, not another mission's "
       "(%d %d %d)",
       backend, mp, mc, mc2);

    /* a second proposal with the same title gets another slug */
    is_rc(proposal_submit(db, &in, proposer, address("proposer"), 2001, &note, &id2, &e), ERR_OK,
          "%s: a second proposal with the same title", backend);
    ok(initiative_get(db, &a, id2, &n) == ERR_OK &&
           strcmp(n.slug, "skolmaltider-pa-riktigt-2") == 0,
       "... its slug is the next free one");

    /* the review queue */
    is_rc(proposal_list_mission(db, &a, m1, "submitted", &pg, &list, &n_list, &total), ERR_OK,
          "%s: the review queue", backend);
    ok(total == 2 && n_list == 2 && list[0].initiative_id == id &&
           strcmp(list[0].proposer_email, address("proposer")) == 0,
       "... holds both, oldest first, with the proposer");
    is_rc(proposal_list_mission(db, &a, m2, NULL, &pg, &list, &n_list, &total), ERR_OK,
          "%s: another mission's queue", backend);
    is_int(total, 0, "... is empty");

    /* ask for changes */
    is_rc(proposal_review(db, id, PROPOSAL_CHANGES, "", coord, "c", 2100, &note, &e), ERR_INVALID,
          "%s: asking for changes without a comment is refused", backend);
    is_str(e.field, "comment", "... naming comment");
    is_rc(proposal_review(db, id, PROPOSAL_CHANGES, " \r\n\t ", coord, "c", 2100, &note, &e),
          ERR_INVALID, "%s: a comment of spaces and line breaks alone is no comment", backend);
    is_rc(proposal_review(db, id, PROPOSAL_CHANGES, "Lägg till en budget\x01", coord, "c", 2100,
                          &note, &e),
          ERR_INVALID, "%s: a comment with a control character is refused", backend);
    is_rc(proposal_resubmit(db, id, &in, proposer, "p", 2100, &note, &e), ERR_CONFLICT,
          "%s: nothing to resubmit before changes are asked for", backend);
    is_rc(proposal_review(db, id, PROPOSAL_CHANGES, "Lägg till <script>en</script> budget.\nTack",
                          coord, address("coord"), 2200, &note, &e),
          ERR_OK, "%s: the coordinator asks for changes with a comment", backend);
    is_str(state_of(db, &a, id, NULL), "changes_requested", "... changes are asked for");
    ok(initiative_get(db, &a, id, &n) == ERR_OK && strcmp(n.status, "proposed") == 0,
       "... the initiative is still proposed");
    is_rc(proposal_review(db, id, PROPOSAL_ACCEPT, NULL, coord, "c", 2250, &note, &e), ERR_CONFLICT,
          "%s: no decision while the proposer has it", backend);
    ok(mails_to(db, address("proposer")) == mp + 2 && mails_to(db, address("coord")) == mc + 2,
       "%s: both sides got an e-mail at the step (and at the second proposal)", backend);

    /* resubmit */
    {
        struct initiative_new x = in;

        x.title_sv = "Skolmåltider, andra försöket";
        is_rc(proposal_resubmit(db, id, &x, other, "o", 2300, &note, &e), ERR_NOTFOUND,
              "%s: another account cannot resubmit it", backend);
        x.lead_actor_id = a2;
        is_rc(proposal_resubmit(db, id, &x, proposer, "p", 2300, &note, &e), ERR_INVALID,
              "%s: the lead actor cannot change", backend);
        is_str(e.field, "lead_actor_id", "... naming lead_actor_id");
        x.lead_actor_id = a1;
        x.mission_id = m2;
        is_rc(proposal_resubmit(db, id, &x, proposer, "p", 2300, &note, &e), ERR_INVALID,
              "%s: nor the mission", backend);
        is_str(e.field, "mission_id", "... naming mission_id");
        x.mission_id = 0;
        x.end_date = "2020-01-01";
        is_rc(proposal_resubmit(db, id, &x, proposer, "p", 2300, &note, &e), ERR_INVALID,
              "%s: an edit the initiative's checks refuse is refused", backend);
        is_str(state_of(db, &a, id, NULL), "changes_requested", "... and changes nothing");
        x.end_date = in.end_date;
        is_rc(proposal_resubmit(db, id, &x, proposer, address("proposer"), 2400, &note, &e), ERR_OK,
              "%s: the proposer edits and sends it again", backend);
        is_str(state_of(db, &a, id, NULL), "submitted", "... waiting for review again");
        ok(initiative_get(db, &a, id, &n) == ERR_OK &&
               strcmp(n.title_sv, "Skolmåltider, andra försöket") == 0 &&
               strcmp(n.origin, "bottom_up") == 0 && strcmp(n.status, "proposed") == 0,
           "... with the new title, still a bottom-up proposal");
    }

    /* accept */
    is_rc(proposal_review(db, id, PROPOSAL_ACCEPT, NULL, coord, address("coord"), 2500, &note, &e),
          ERR_OK, "%s: the coordinator accepts it", backend);
    is_str(state_of(db, &a, id, &steps), "accepted", "... accepted");
    is_int(steps, 4, "... after four steps");
    ok(proposal_get(db, &a, id, &p) == ERR_OK && p.n_steps == 4 &&
           strcmp(p.steps[1].action, "changes_requested") == 0 &&
           strcmp(p.steps[1].comment, "Lägg till <script>en</script> budget.\nTack") == 0 &&
           p.steps[1].user_id == coord && strcmp(p.steps[2].action, "resubmitted") == 0,
       "... the steps keep who asked for what, with the comment as written");
    ok(initiative_get(db, &a, id, &n) == ERR_OK && strcmp(n.status, "accepted") == 0 &&
           strcmp(n.origin, "bottom_up") == 0,
       "... the initiative is accepted, bottom-up");
    ok(listed(db, m1, id), "... and on the mission's public list");
    ok(in_history(db, m1, id), "... and in its history");
    is_rc(proposal_review(db, id, PROPOSAL_DECLINE, "late", coord, "c", 2600, &note, &e),
          ERR_CONFLICT, "%s: a decided proposal is decided", backend);

    /* decline the second */
    is_rc(proposal_review(db, id2, PROPOSAL_DECLINE, NULL, coord, "c", 2700, &note, &e),
          ERR_INVALID, "%s: declining without a reason is refused", backend);
    is_rc(proposal_review(db, id2, PROPOSAL_DECLINE, "Utanför uppdraget.", coord, address("coord"),
                          2700, &note, &e),
          ERR_OK, "%s: the coordinator declines the second with a reason", backend);
    is_str(state_of(db, &a, id2, NULL), "declined", "... declined");
    ok(initiative_get(db, &a, id2, &n) == ERR_OK && strcmp(n.status, "declined") == 0,
       "... its initiative declined");
    ok(!listed(db, m1, id2) && !in_history(db, m1, id2), "... on no public list or history");
    is_rc(proposal_list_mine(db, &a, proposer, &pg, &list, &n_list, &total), ERR_OK,
          "%s: the proposer's list", backend);
    ok(total == 2 && list[0].initiative_id == id2 && strcmp(list[0].state, "declined") == 0,
       "... both, the latest change first");
    is_rc(proposal_review(db, 999999999, PROPOSAL_ACCEPT, NULL, coord, "c", 2800, &note, &e),
          ERR_NOTFOUND, "%s: an unknown proposal is not found", backend);
    ok(mails_to(db, address("proposer")) == mp + 5 && mails_to(db, address("coord")) == mc + 5 &&
           mails_to(db, address("coord2")) == 0,
       "%s: an e-mail to each side at every step", backend);
    arena_free(&a);
}

int
main(void)
{
    return both_main("proposal", test_journey);
}
