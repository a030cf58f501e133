/*
 * test_authz.c — the authorization table (domain/authz.c) against an independent table
 * written here: every action x every role (the public, a signed-in account, a
 * representative, a coordinator, an admin, and the two legacy API tokens) x the caller's
 * own or a foreign mission, actor and owner. A change to authz_rules fails this test
 * until both agree. Then the caller's facts as authz_who_load reads them, on SQLite and
 * on PostgreSQL when tests/run-all.sh has started its throwaway cluster (there the
 * functions commit their own transactions, so names carry a random suffix).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "core/seclog.h"
#include "domain/actor.h"
#include "domain/authz.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/roles.h"
#include "domain/token.h"
#include "domain/user.h"
#include "tap.h"

/* ok() on an error code, with both codes in the diagnostics when they differ. */
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

/* ---------------------------------------------------------------- the matrix */

/* The callers of the matrix, in the order of the expected strings' columns. */
enum caller { PUB, SIGNED, REP, COORD, ADMIN, LEG_ADMIN, LEG_COORD, N_CALLERS };
static const char *const caller_names[N_CALLERS] = {
    "public", "signed-in",          "representative",          "coordinator",
    "admin",  "legacy admin token", "legacy coordinator token"};

#define OWN_MISSION 200
#define OWN_ACTOR   100
#define FOREIGN     999

/*
 * Expected outcomes, written by hand from the issue and authz.h's decisions, not from
 * authz_rules: per caller (columns as enum caller) two characters, own scope then
 * foreign scope, Y allowed and - refused. Own: the caller's mission (the coordinator's),
 * actor (the representative's) and account (owner); foreign: another of each.
 */
static const struct {
    const char *name;
    const char *expect; /* pub signed rep coord admin leg-admin leg-coord */
} matrix[] = {
    {"mission.create", "-- -- -- -- YY YY --"},
    {"mission.edit", "-- -- -- Y- YY YY Y-"},
    {"mission.archive", "-- -- -- -- YY YY --"},
    {"mission.sdg", "-- -- -- Y- YY YY Y-"},
    {"objective.create", "-- -- -- Y- YY YY Y-"},
    {"objective.edit", "-- -- -- Y- YY YY Y-"},
    {"objective.archive", "-- -- -- Y- YY YY Y-"},
    {"indicator.create", "-- -- -- Y- YY YY Y-"},
    {"indicator.edit", "-- -- -- Y- YY YY Y-"},
    {"indicator.settings", "-- -- -- Y- YY YY Y-"},
    {"indicator.archive", "-- -- -- Y- YY YY Y-"},
    {"observation.write", "-- -- -- Y- YY YY Y-"},
    {"team.edit", "-- -- -- Y- YY YY Y-"},
    {"actor.create", "-- -- -- YY YY YY YY"},
    {"actor.edit", "-- -- Y- YY YY YY YY"},
    {"actor.archive", "-- -- -- YY YY YY YY"},
    {"person.create", "-- -- Y- YY YY YY YY"},
    {"person.edit", "-- Y- Y- YY YY YY YY"},
    {"person.archive", "-- -- -- YY YY YY YY"},
    {"initiative.create", "-- -- -- Y- YY YY Y-"},
    {"initiative.edit", "-- -- Y- Y- YY YY Y-"},
    {"initiative.archive", "-- -- -- Y- YY YY Y-"},
    {"proposal.submit", "-- -- Y- -- -- -- --"},
    {"proposal.edit", "-- Y- Y- Y- Y- -- --"},
    {"proposal.review", "-- -- -- Y- YY YY Y-"},
    {"coordinator.assign", "-- -- -- -- YY YY --"},
    {"coordinator.remove", "-- -- -- -- YY YY --"},
    {"representative.request", "-- Y- Y- Y- Y- -- --"},
    {"representative.confirm", "-- -- -- YY YY YY YY"},
    {"representative.revoke", "-- Y- Y- YY YY YY YY"},
    {"admin.grant", "-- -- -- -- YY YY --"},
    {"admin.revoke", "-- -- -- -- YY YY --"},
    {"account.create", "YY YY YY YY YY YY YY"},
    {"account.reset", "YY YY YY YY YY YY YY"},
    {"account.disable", "-- -- -- -- YY YY --"},
    {"account.settings", "-- Y- Y- Y- Y- -- --"},
    {"session.create", "YY YY YY YY YY YY YY"},
    {"session.end", "-- YY YY YY YY -- --"},
    {"token.create", "-- Y- Y- Y- Y- -- --"},
    {"token.revoke", "-- Y- Y- Y- Y- -- --"},
    {"site.edit", "-- -- -- -- YY YY --"},
    {"commitment.create", "-- -- Y- Y- YY YY Y-"},
    {"commitment.edit", "-- -- Y- Y- YY YY Y-"},
    {"commitment.status", "-- -- Y- Y- YY YY Y-"},
    {"commitment.confirm", "-- -- -- Y- YY YY Y-"},
    {"dialogue.create", "-- -- -- Y- YY YY Y-"},
    {"dialogue.edit", "-- -- -- Y- YY YY Y-"},
    {"learning.create", "-- -- -- Y- YY YY Y-"},
    {"learning.edit", "-- -- -- Y- YY YY Y-"},
    {"review.create", "-- -- -- Y- YY YY Y-"},
    {"review.edit", "-- -- -- Y- YY YY Y-"},
    /* seminars: the mission's coordinators announce, edit and mark attendance; anyone
     * registers and cancels by a registration's secret link */
    {"seminar.create", "-- -- -- Y- YY YY Y-"},
    {"seminar.edit", "-- -- -- Y- YY YY Y-"},
    {"seminar.attendance", "-- -- -- Y- YY YY Y-"},
    {"seminar.register", "YY YY YY YY YY YY YY"},
    {"seminar.unregister", "YY YY YY YY YY YY YY"},
};
#define N_MATRIX ((int)(sizeof(matrix) / sizeof(matrix[0])))

static void
test_matrix(void)
{
    static const int64_t own_mission[] = {OWN_MISSION}, own_actor[] = {OWN_ACTOR};
    struct api_client leg_admin = {.role = "admin"};
    struct api_client leg_coord = {.role = "coordinator", .mission_id = OWN_MISSION};
    struct who w[N_CALLERS];
    struct authz_scope own, foreign;
    struct arena a;
    int i, c, wrong = 0, checked = 0;
    enum authz_action act;
    bool got, want;
    char buf[64];

    arena_init(&a);
    authz_who_public(&w[PUB]);
    authz_who_public(&w[SIGNED]);
    w[SIGNED].user_id = 10;
    authz_who_public(&w[REP]);
    w[REP].user_id = 11;
    w[REP].actors = own_actor;
    w[REP].n_actors = 1;
    authz_who_public(&w[COORD]);
    w[COORD].user_id = 12;
    w[COORD].missions = own_mission;
    w[COORD].n_missions = 1;
    w[COORD].live_coordinator = true;
    authz_who_public(&w[ADMIN]);
    w[ADMIN].user_id = 13;
    w[ADMIN].is_admin = true;
    authz_who_legacy(&a, &leg_admin, &w[LEG_ADMIN]);
    authz_who_legacy(&a, &leg_coord, &w[LEG_COORD]);
    ok(w[LEG_ADMIN].user_id == 0 && w[LEG_ADMIN].is_admin && w[LEG_COORD].user_id == 0 &&
           w[LEG_COORD].n_missions == 1 && w[LEG_COORD].missions[0] == OWN_MISSION,
       "a legacy token holds its role's facts and no user id");

    is_int(authz_n_rules, AUTHZ__MAX, "one rule per action");
    is_int(N_MATRIX, authz_n_rules, "the expected table names as many actions as the rules");
    for (i = 0; i < authz_n_rules; i++)
        if (authz_rules[i].action != (enum authz_action)i)
            break;
    is_int(i, authz_n_rules, "the rules are in the enum's order");
    ok(authz_name(AUTHZ__MAX) == NULL && authz_by_name("nothing.at_all") == AUTHZ__MAX,
       "no name outside the table");

    /* what a write touches, for the response cache (docs/internals/http.md, Scopes) */
    ok(authz_touches(AUTHZ_SESSION_CREATE) == AUTHZ_TOUCHES_NOTHING &&
           authz_touches(AUTHZ_TOKEN_CREATE) == AUTHZ_TOUCHES_NOTHING &&
           authz_touches(AUTHZ_ACCOUNT_SETTINGS) == AUTHZ_TOUCHES_NOTHING &&
           authz_touches(AUTHZ_ACCOUNT_RESET) == AUTHZ_TOUCHES_NOTHING,
       "sign-in, tokens, an account's settings and resets touch nothing a public page shows");
    ok(authz_touches(AUTHZ_OBSERVATION_WRITE) == AUTHZ_TOUCHES_MISSION &&
           authz_touches(AUTHZ_INDICATOR_EDIT) == AUTHZ_TOUCHES_MISSION &&
           authz_touches(AUTHZ_INITIATIVE_EDIT) == AUTHZ_TOUCHES_MISSION,
       "data, indicators and initiatives are one mission's content");
    ok(authz_touches(AUTHZ_MISSION_EDIT) == AUTHZ_TOUCHES_ALL &&
           authz_touches(AUTHZ_ACTOR_EDIT) == AUTHZ_TOUCHES_ALL &&
           authz_touches(AUTHZ_SITE_EDIT) == AUTHZ_TOUCHES_ALL &&
           authz_touches(AUTHZ__MAX) == AUTHZ_TOUCHES_ALL,
       "a mission's own title, the shared registry, the site and the unknown touch everything");

    for (i = 0; i < N_MATRIX; i++) {
        act = authz_by_name(matrix[i].name);
        if (!ok(act != AUTHZ__MAX, "%s is an action", matrix[i].name))
            continue;
        for (c = 0; c < N_CALLERS; c++) {
            own = (struct authz_scope){OWN_MISSION, OWN_ACTOR, w[c].user_id};
            foreign = (struct authz_scope){FOREIGN, FOREIGN, FOREIGN};
            got = authz_allows(&w[c], act, &own);
            want = matrix[i].expect[c * 3] == 'Y';
            checked++;
            if (got != want) {
                wrong++;
                diag("%s, %s, own: %s, expected %s", matrix[i].name, caller_names[c],
                     got ? "allowed" : "refused", want ? "allowed" : "refused");
            }
            got = authz_allows(&w[c], act, &foreign);
            want = matrix[i].expect[c * 3 + 1] == 'Y';
            checked++;
            if (got != want) {
                wrong++;
                diag("%s, %s, foreign: %s, expected %s", matrix[i].name, caller_names[c],
                     got ? "allowed" : "refused", want ? "allowed" : "refused");
            }
        }
    }
    ok(wrong == 0, "%d outcomes (actions x callers x own/foreign) as expected", checked);

    /* a scope without a resource grants nothing by it: a coordinator of mission 0, an owner
     * of account 0 (the public's id) do not exist */
    own = (struct authz_scope){0, 0, 0};
    ok(!authz_allows(&w[COORD], AUTHZ_MISSION_EDIT, &own) &&
           !authz_allows(&w[REP], AUTHZ_ACTOR_EDIT, &own) &&
           !authz_allows(&w[PUB], AUTHZ_TOKEN_CREATE, &own),
       "an empty scope grants no coordinator, representative or owner");
    ok(!authz_allows(&w[COORD], AUTHZ_MISSION_EDIT, NULL) &&
           authz_allows(&w[ADMIN], AUTHZ_MISSION_CREATE, NULL),
       "no scope (NULL) is an empty one");
    ok(!authz_allows(&w[ADMIN], AUTHZ__MAX, &own) &&
           !authz_allows(&w[ADMIN], (enum authz_action) - 1, &own),
       "an action outside the enum is refused, even to an admin");
    snprintf(buf, sizeof(buf), "%s", authz_name(AUTHZ_MISSION_EDIT));
    is_str(buf, "mission.edit", "names are stable");
    arena_free(&a);
}

/* ------------------------------------------------------------ the facts loaded */

/* A new account (password hashing is another suite's: a fixed PHC string will do). */
static int64_t
account(struct db *db, const char *local, const char *role)
{
    char email[128];

    return both_account(db, both_address(email, sizeof(email), local), role, "Test Person",
                        BOTH_FIXED_HASH, 1000);
}

/* Insert one link row through a copy statement (the roles functions are tested below). */
static bool
link_add(struct db *db, enum q q, int64_t a, int64_t b, const char *state)
{
    struct db_stmt *st;
    enum err rc;

    if (db_begin(db) != ERR_OK)
        return false;
    st = db_stmt(db, q);
    if (st == NULL) {
        db_rollback(db);
        return false;
    }
    db_bind_i64(st, 1, a);
    db_bind_i64(st, 2, b);
    if (state != NULL) {
        db_bind_text(st, 3, state);
        db_bind_null(st, 4);
        db_bind_null(st, 5);
    }
    rc = db_run(st);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc == ERR_OK;
}

static void
test_load(struct db *db)
{
    int64_t plain, coord, admin, rep, m1, m2, a1, a2;
    struct authz_scope s = {0};
    struct arena a;
    struct who w;

    arena_init(&a);
    plain = account(db, "plain", NULL);
    coord = account(db, "coord", NULL);
    admin = account(db, "admin", "admin");
    rep = account(db, "rep", NULL);
    m1 = both_mission(db, "m1");
    m2 = both_mission(db, "m2");
    a1 = both_actor(db, "a1");
    a2 = both_actor(db, "a2");
    if (!ok(plain && coord && admin && rep && m1 && m2 && a1 && a2,
            "%s: four accounts, two missions, two actors", backend))
        goto out;
    ok(link_add(db, Q_COORDINATOR_ADD, coord, m2, NULL) &&
           link_add(db, Q_COORDINATOR_ADD, coord, m1, NULL) &&
           link_add(db, Q_REPRESENTATIVE_ADD, rep, a1, "confirmed") &&
           link_add(db, Q_REPRESENTATIVE_ADD, rep, a2, "requested"),
       "%s: coordinator of both missions, representative of one actor, asked for another", backend);

    is_rc(authz_who_load(db, &a, plain, &w), ERR_OK, "%s: a plain account loads", backend);
    ok(w.user_id == plain && !w.is_admin && w.n_missions == 0 && w.n_actors == 0,
       "  signed in, with no role");
    is_rc(authz_who_load(db, &a, coord, &w), ERR_OK, "%s: a coordinator loads", backend);
    ok(w.n_missions == 2 && w.missions[0] == (m1 < m2 ? m1 : m2) &&
           w.missions[1] == (m1 < m2 ? m2 : m1),
       "  with both missions, ascending");
    s.mission_id = m2;
    ok(authz_allows(&w, AUTHZ_MISSION_EDIT, &s), "  and may edit either");
    is_rc(authz_who_load(db, &a, admin, &w), ERR_OK, "%s: an admin loads", backend);
    ok(w.is_admin && w.n_missions == 0, "  as admin");
    is_rc(authz_who_load(db, &a, rep, &w), ERR_OK, "%s: a representative loads", backend);
    ok(w.n_actors == 1 && w.actors[0] == a1, "  with the confirmed actor only");
    s.actor_id = a2;
    ok(!authz_allows(&w, AUTHZ_ACTOR_EDIT, &s), "  an actor asked for is not represented");

    /* a coordinator of archived missions only keeps them, but curates no registry */
    ok(mission_archive(db, m1, "test", 1500) == ERR_OK &&
           mission_archive(db, m2, "test", 1500) == ERR_OK,
       "%s: both missions are archived", backend);
    is_rc(authz_who_load(db, &a, coord, &w), ERR_OK, "  the coordinator loads");
    s.mission_id = m2;
    ok(w.n_missions == 2 && authz_allows(&w, AUTHZ_MISSION_EDIT, &s),
       "  still the coordinator of its missions");
    ok(!w.live_coordinator && !authz_allows(&w, AUTHZ_ACTOR_CREATE, NULL) &&
           !authz_allows(&w, AUTHZ_REPRESENTATIVE_CONFIRM, NULL),
       "  but with no live mission it may not curate the registry or confirm representatives");
    ok(mission_unarchive(db, m2, "test", 1600) == ERR_OK, "%s: one comes back", backend);
    authz_who_load(db, &a, coord, &w);
    ok(w.live_coordinator && authz_allows(&w, AUTHZ_ACTOR_CREATE, NULL),
       "  and with it the registry rights");

    is_rc(authz_who_load(db, &a, 987654321, &w), ERR_NOTFOUND,
          "%s: an unknown account is not found", backend);
    ok(w.user_id == 0 && !w.is_admin, "  and is the public");
    is_rc(user_disable(db, admin, "test", 2000), ERR_OK, "%s: the admin is disabled", backend);
    is_rc(authz_who_load(db, &a, admin, &w), ERR_NOTFOUND, "  and loads as not found");
    ok(w.user_id == 0 && !w.is_admin, "  with no rights at all");
out:
    arena_free(&a);
}

/* ------------------------------------------------------------------- the roles */

/* A session of account uid (its id in *out_id, its token in tok). */
static bool
session(struct db *db, int64_t uid, int64_t now, char tok[USER_TOKEN_LEN], int64_t *out_id)
{
    return user_session_create(db, uid, now, tok, out_id) == ERR_OK;
}

/* Whether the session of tok is alive at now. */
static bool
alive(struct db *db, const char *tok, int64_t now)
{
    struct user_session s;

    return user_session_find(db, tok, now, USER_SESSION_IDLE, &s) == ERR_OK;
}

/* The facts of account uid as a request with session sid would load them. */
static struct who
as(struct db *db, struct arena *a, int64_t uid, int64_t sid)
{
    struct who w;

    if (authz_who_load(db, a, uid, &w) != ERR_OK)
        diag("cannot load account %lld", (long long)uid);
    w.session_id = sid;
    return w;
}

static void
test_roles(struct db *db)
{
    char t_admin[USER_TOKEN_LEN], t_admin2[USER_TOKEN_LEN], t_plain[USER_TOKEN_LEN],
        t_rep[USER_TOKEN_LEN], t_rep2[USER_TOKEN_LEN];
    int64_t admin, plain, rep, m1, a1, s_admin, s_admin2, s_plain, s_rep, s_rep2, now = 5000;
    struct representative_request *rq;
    struct held_role *held_m, *held_a;
    struct account_row *rows, one;
    struct page pg = {.limit = 100000, .offset = 0};
    int64_t total = 0;
    struct write_error e;
    struct who w_admin, w_plain, w_rep, w;
    struct arena a;
    int i, n, nm, na;
    bool found;

    arena_init(&a);
    admin = account(db, "r-admin", "admin");
    plain = account(db, "r-plain", NULL);
    rep = account(db, "r-rep", NULL);
    m1 = both_mission(db, "r-m1");
    a1 = both_actor(db, "r-a1");
    if (!ok(admin && plain && rep && m1 && a1 && session(db, admin, now, t_admin, &s_admin) &&
                session(db, admin, now, t_admin2, &s_admin2) &&
                session(db, plain, now, t_plain, &s_plain) &&
                session(db, rep, now, t_rep, &s_rep) && session(db, rep, now, t_rep2, &s_rep2),
            "%s: an admin, two plain accounts, a mission, an actor, their sessions", backend))
        goto out;
    w_admin = as(db, &a, admin, s_admin);
    w_plain = as(db, &a, plain, s_plain);
    w_rep = as(db, &a, rep, s_rep);

    /* coordinators */
    is_rc(roles_coordinator_add(db, &w_plain, plain, m1, now, &e), ERR_INVALID,
          "%s: a plain account may not make itself a coordinator", backend);
    is_str(e.field, "by", "  the refusal names the caller");
    w = as(db, &a, plain, 0);
    ok(w.n_missions == 0 && alive(db, t_plain, now), "  nothing changed, its session lives");
    is_rc(roles_coordinator_add(db, &w_admin, plain, 987654321, now, &e), ERR_INVALID,
          "%s: no coordinator of a mission that does not exist", backend);
    is_str(e.field, "mission_id", "  naming mission_id");
    is_rc(roles_coordinator_add(db, &w_admin, 987654321, m1, now, &e), ERR_INVALID,
          "%s: nor for an account that does not exist", backend);
    is_str(e.field, "user_id", "  naming user_id");
    is_rc(roles_coordinator_add(db, &w_admin, plain, m1, now, &e), ERR_OK,
          "%s: an admin makes an account a coordinator", backend);
    w = as(db, &a, plain, 0);
    ok(w.n_missions == 1 && w.missions[0] == m1, "  it coordinates the mission at once");
    ok(!alive(db, t_plain, now), "  its session ended (a new id at a privilege change)");
    ok(alive(db, t_admin, now), "  the admin's session lives");
    is_rc(roles_coordinator_add(db, &w_admin, plain, m1, now, &e), ERR_CONFLICT,
          "%s: a coordinator twice is a conflict", backend);
    session(db, plain, now, t_plain, &s_plain);
    w_plain = as(db, &a, plain, s_plain);

    /* representatives */
    is_rc(roles_representative_request(db, &w_rep, a1, now, &e), ERR_OK,
          "%s: an account asks to represent an actor", backend);
    ok(alive(db, t_rep, now) && alive(db, t_rep2, now), "  a request ends no session");
    ok(as(db, &a, rep, 0).n_actors == 0, "  and gives no rights yet");
    is_rc(roles_representative_request(db, &w_rep, a1, now, &e), ERR_CONFLICT,
          "%s: asking twice is a conflict", backend);
    is_rc(roles_representative_request(db, &w_rep, 987654321, now, &e), ERR_INVALID,
          "%s: no request for an actor that does not exist", backend);
    authz_who_public(&w);
    is_rc(roles_representative_request(db, &w, a1, now, &e), ERR_INVALID,
          "%s: the public cannot ask", backend);
    is_rc(roles_representative_confirm(db, &w_rep, rep, a1, now, &e), ERR_INVALID,
          "%s: an account cannot confirm itself", backend);
    found = false;
    is_rc(roles_representative_requests(db, &a, &rq, &n), ERR_OK, "%s: the requests list", backend);
    for (i = 0; i < n; i++)
        found |= rq[i].user_id == rep && rq[i].actor_id == a1 && strstr(rq[i].email, "r-rep");
    ok(found, "  holds the request, with the account's address");
    is_rc(roles_of(db, &a, rep, &held_m, &nm, &held_a, &na), ERR_OK, "%s: an account's own roles",
          backend);
    ok(nm == 0 && na == 1 && held_a[0].id == a1 && !held_a[0].is_confirmed &&
           strcmp(held_a[0].name_sv, "Aktör") == 0,
       "  hold its request, by the actor's name, not yet confirmed");
    roles_of(db, &a, plain, &held_m, &nm, &held_a, &na);
    ok(nm == 1 && held_m[0].id == m1 && held_m[0].is_coordinator && held_m[0].slug != NULL &&
           na == 0,
       "  and a coordinator's, its mission");
    is_rc(roles_representative_confirm(db, &w_plain, rep, a1, now, &e), ERR_OK,
          "%s: a coordinator confirms it", backend);
    roles_of(db, &a, rep, &held_m, &nm, &held_a, &na);
    ok(na == 1 && held_a[0].is_confirmed, "  its own roles say it is confirmed");
    w = as(db, &a, rep, 0);
    ok(w.n_actors == 1 && w.actors[0] == a1, "  the account represents the actor");
    ok(!alive(db, t_rep, now) && !alive(db, t_rep2, now), "  and its sessions ended");
    is_rc(roles_representative_confirm(db, &w_plain, rep, a1, now, &e), ERR_CONFLICT,
          "%s: confirming twice is a conflict", backend);
    is_rc(roles_representative_request(db, &w_plain, a1, now, &e), ERR_OK,
          "%s: a coordinator asks to represent the actor", backend);
    is_rc(roles_representative_confirm(db, &w_plain, plain, a1, now, &e), ERR_INVALID,
          "%s: a coordinator may not confirm its own request", backend);
    is_rc(roles_representative_confirm(db, &w_admin, plain, a1, now, &e), ERR_OK, "  an admin may");
    is_rc(roles_representative_request(db, &w_admin, a1, now, &e), ERR_OK,
          "%s: an admin asks to represent the actor", backend);
    is_rc(roles_representative_confirm(db, &w_admin, admin, a1, now, &e), ERR_INVALID,
          "  and may not confirm its own request either");
    session(db, rep, now, t_rep, &s_rep);
    session(db, rep, now, t_rep2, &s_rep2);
    w_rep = as(db, &a, rep, s_rep);
    is_rc(roles_representative_revoke(db, &w_rep, rep, a1, now, &e), ERR_OK,
          "%s: a representative withdraws", backend);
    ok(as(db, &a, rep, 0).n_actors == 0, "  and represents the actor no more");
    ok(alive(db, t_rep, now) && !alive(db, t_rep2, now),
       "  the session it withdrew in lives, its other one ended");
    is_rc(roles_representative_revoke(db, &w_rep, rep, a1, now, &e), ERR_NOTFOUND,
          "%s: nothing to withdraw twice", backend);
    is_rc(roles_representative_revoke(db, &w_rep, plain, a1, now, &e), ERR_INVALID,
          "%s: nor may it revoke another's", backend);

    /* admins */
    is_rc(roles_admin_grant(db, &w_plain, plain, now, &e), ERR_INVALID,
          "%s: a coordinator cannot make itself an admin", backend);
    is_rc(roles_admin_grant(db, &w_admin, rep, now, &e), ERR_OK, "%s: an admin makes another",
          backend);
    ok(as(db, &a, rep, 0).is_admin && !alive(db, t_rep, now), "  who is admin, signed out");
    is_rc(roles_admin_grant(db, &w_admin, rep, now, &e), ERR_CONFLICT, "  twice is a conflict");
    is_rc(roles_admin_revoke(db, &w_admin, admin, now, &e), ERR_OK, "%s: an admin gives up admin",
          backend);
    ok(!as(db, &a, admin, 0).is_admin && alive(db, t_admin, now) && !alive(db, t_admin2, now),
       "  keeping the session it did it in, and no other");
    w = as(db, &a, admin, s_admin);
    is_rc(roles_admin_revoke(db, &w, rep, now, &e), ERR_INVALID,
          "  and may take admin from no one now");
    if (strcmp(backend, "sqlite") == 0) {
        w = as(db, &a, rep, 0);
        is_rc(roles_admin_revoke(db, &w, rep, now, &e), ERR_CONFLICT,
              "sqlite: the last admin cannot give up admin");
        is_str(e.msg, "is the last admin", "  saying so");
    }
    is_rc(roles_coordinator_remove(db, &w_admin, rep, m1, now, &e), ERR_NOTFOUND,
          "%s: removing a coordinator who is none is not found", backend);
    w = as(db, &a, rep, 0);
    is_rc(roles_coordinator_remove(db, &w, plain, m1, now, &e), ERR_OK,
          "%s: an admin removes a coordinator", backend);
    ok(as(db, &a, plain, 0).n_missions == 0, "  who coordinates nothing now");

    /* the admins' list of accounts, and disabling one */
    is_rc(roles_accounts(db, &a, &pg, &rows, &n, &total), ERR_OK,
          "%s: the admins' list of accounts", backend);
    found = false;
    for (i = 0; i < n; i++)
        found |= rows[i].id == rep && rows[i].is_admin && rows[i].is_active &&
                 strstr(rows[i].email, "r-rep") != NULL;
    ok(found && total >= n, "  holds each account with its address, role and status");
    w = as(db, &a, rep, 0);
    is_rc(roles_account_disable(db, &w_plain, admin, now, &e), ERR_INVALID,
          "%s: only an admin disables an account", backend);
    is_rc(roles_account_disable(db, &w, rep, now, &e), ERR_CONFLICT,
          "  an admin does not disable its own");
    session(db, plain, now, t_plain, &s_plain);
    is_rc(roles_account_disable(db, &w, plain, now, &e), ERR_OK, "%s: an admin disables one",
          backend);
    ok(!alive(db, t_plain, now), "  whose sessions end");
    ok(roles_account(db, &a, plain, &one) == ERR_OK && !one.is_active, "  and which is disabled");
    is_rc(roles_account_disable(db, &w, plain, now, &e), ERR_NOTFOUND,
          "  a disabled one is not found");
out:
    arena_free(&a);
}

/* ------------------------------------------------------------ users' own tokens */

static void
test_tokens(struct db *db)
{
    char tok[TOKEN_LEN], other[TOKEN_LEN], legacy[TOKEN_LEN], name[64], dead[TOKEN_LEN];
    int64_t owner, stranger, coord, m, id, other_id, leg_id, now = 7000;
    struct authz_scope s = {0};
    struct user_token *list;
    struct token_seen seen[2];
    struct write_error e;
    struct bearer b;
    struct db_stmt *st;
    struct arena a;
    struct who w, w_admin;
    int i, n;
    bool row, stored_raw = false;
    enum err rc = ERR_OK;

    arena_init(&a);
    owner = account(db, "t-owner", NULL);
    stranger = account(db, "t-stranger", NULL);
    coord = account(db, "t-coord", NULL);
    m = both_mission(db, "t-m");
    if (!ok(owner && stranger && coord && m, "%s: accounts and a mission for tokens", backend))
        goto out;

    is_rc(user_token_create(db, owner, "ci", now, tok, &id, &e), ERR_OK,
          "%s: an account creates a token", backend);
    ok(strncmp(tok, "svku_", 5) == 0 && strlen(tok) == 48, "  svku_ and 43 characters (%zu)",
       strlen(tok));
    st = db_stmt(db, Q_COPY_USER_TOKEN_GET);
    while (st != NULL && db_step(st, &row) == ERR_OK && row)
        if (strcmp(db_text(st, 3), tok) == 0 || strstr(db_text(st, 2), "svku_") != NULL)
            stored_raw = true;
    if (st != NULL)
        db_done(st);
    ok(!stored_raw, "  only its hash is stored");
    is_rc(token_resolve(db, &a, tok, &b), ERR_OK, "%s: it resolves", backend);
    ok(b.user_id == owner && b.token_id == id && strcmp(b.name, "ci") == 0 && b.legacy.role == NULL,
       "  to its owner, as a user token");
    is_rc(user_token_list(db, &a, owner, &list, &n), ERR_OK, "%s: the owner's list", backend);
    ok(n == 1 && list[0].id == id && strcmp(list[0].name, "ci") == 0 && list[0].created_at == now &&
           list[0].last_used_at == 0,
       "  holds it, unused: resolving writes nothing");
    seen[0] = (struct token_seen){id, now + 60};
    seen[1] = (struct token_seen){id, now + 30};
    is_rc(user_tokens_seen(db, seen, 2), ERR_OK, "%s: its last uses are written", backend);
    user_token_list(db, &a, owner, &list, &n);
    ok(n == 1 && list[0].last_used_at == now + 60, "  the latest one kept (%lld)",
       n == 1 ? (long long)list[0].last_used_at : -1LL);
    is_rc(user_token_list(db, &a, stranger, &list, &n), ERR_OK, "%s: another's list", backend);
    is_int(n, 0, "  does not");

    is_rc(user_token_create(db, owner, "", now, other, NULL, &e), ERR_INVALID,
          "%s: a token needs a name", backend);
    is_str(e.field, "name", "  naming it");
    is_rc(user_token_create(db, owner, "two\nlines", now, other, NULL, &e), ERR_INVALID,
          "%s: a name is one line", backend);
    is_rc(user_token_create(db, 987654321, "x", now, other, NULL, &e), ERR_INVALID,
          "%s: no token for an account that does not exist", backend);
    is_str(e.field, "user_id", "  naming user_id");
    ok(other[0] == '\0', "  and no token is handed out");

    for (i = 1; i < TOKEN_USER_MAX; i++) {
        snprintf(name, sizeof(name), "t%d", i);
        rc = user_token_create(db, owner, name, now, other, &other_id, &e);
        if (rc)
            break;
    }
    is_rc(rc, ERR_OK, "%s: %d live tokens", backend, TOKEN_USER_MAX);
    is_rc(user_token_create(db, owner, "one more", now, dead, NULL, &e), ERR_LIMIT,
          "  one more is refused");
    is_rc(user_token_revoke(db, stranger, other_id, now), ERR_NOTFOUND,
          "%s: another account cannot revoke it", backend);
    is_rc(token_resolve(db, &a, other, &b), ERR_OK, "  it still works");
    is_rc(user_token_revoke(db, owner, other_id, now), ERR_OK, "%s: its owner revokes it", backend);
    is_rc(token_resolve(db, &a, other, &b), ERR_NOTFOUND, "  it works no more");
    ok(b.user_id == 0 && b.token_id == 0, "  and resolves to no one");
    is_rc(user_token_revoke(db, owner, other_id, now), ERR_NOTFOUND, "  revoking twice: not found");
    is_rc(user_token_create(db, owner, "room again", now, other, NULL, &e), ERR_OK,
          "  and there is room for one more");

    /* the owner's rights at the time of use, never more; a token made before a right was
     * gained does not carry it (roles.h) */
    w_admin.user_id = 0;
    {
        struct api_client c = {.token_id = 1, .role = "admin"};

        authz_who_legacy(&a, &c, &w_admin);
    }
    is_rc(user_token_create(db, coord, "sync", now, tok, &id, &e), ERR_OK,
          "%s: a coordinator-to-be makes a token", backend);
    s.mission_id = m;
    is_rc(token_resolve(db, &a, tok, &b), ERR_OK, "  it resolves");
    authz_who_load(db, &a, b.user_id, &w);
    ok(!authz_allows(&w, AUTHZ_MISSION_EDIT, &s), "  and may not edit the mission yet");
    is_rc(roles_coordinator_add(db, &w_admin, coord, m, now, &e), ERR_OK,
          "%s: the account becomes its coordinator", backend);
    is_rc(token_resolve(db, &a, tok, &b), ERR_NOTFOUND,
          "  the token made before is revoked: it never carries the new right");
    is_rc(user_token_create(db, coord, "sync again", now, tok, &id, &e), ERR_OK,
          "  a token made now");
    token_resolve(db, &a, tok, &b);
    authz_who_load(db, &a, b.user_id, &w);
    ok(authz_allows(&w, AUTHZ_MISSION_EDIT, &s), "  may edit the mission");
    is_rc(roles_coordinator_remove(db, &w_admin, coord, m, now, &e), ERR_OK, "%s: and is removed",
          backend);
    is_rc(token_resolve(db, &a, tok, &b), ERR_OK, "  losing a right revokes no token");
    authz_who_load(db, &a, b.user_id, &w);
    ok(!authz_allows(&w, AUTHZ_MISSION_EDIT, &s), "  but its token lost the right with it");
    is_rc(user_disable(db, coord, "test", now), ERR_OK, "%s: the account is disabled", backend);
    is_rc(token_resolve(db, &a, tok, &b), ERR_NOTFOUND, "  its token stops working");
    is_rc(user_token_create(db, coord, "again", now, other, NULL, &e), ERR_INVALID,
          "  and it can make no new one");

    /* the legacy kind, and what is no token */
    snprintf(name, sizeof(name), "legacy-%s", suffix);
    is_rc(token_create(db, name, "coordinator", m, legacy, &leg_id), ERR_OK, "%s: a legacy token",
          backend);
    is_rc(token_resolve(db, &a, legacy, &b), ERR_OK, "  resolves");
    ok(b.user_id == 0 && b.token_id == leg_id && b.legacy.role != NULL &&
           strcmp(b.legacy.role, "coordinator") == 0 && b.legacy.mission_id == m,
       "  as a legacy token, with its role and mission and no user");
    authz_who_legacy(&a, &b.legacy, &w);
    ok(authz_allows(&w, AUTHZ_OBSERVATION_WRITE, &s) && w.token_id == leg_id,
       "  whose facts let it write its mission's data");
    is_rc(token_resolve(db, &a, "svku_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", &b),
          ERR_NOTFOUND, "%s: an unknown user token is not found", backend);
    is_rc(token_resolve(db, &a, NULL, &b), ERR_NOTFOUND, "  nor is no token");
    memset(dead, 'x', sizeof(dead) - 1);
    dead[sizeof(dead) - 1] = '\0';
    memcpy(dead, "svku_", 5);
    is_rc(token_resolve(db, &a, dead, &b), ERR_NOTFOUND, "  nor one too long");
out:
    arena_free(&a);
}

/* ------------------------------------------------------------ the security log */

/* How many lines of text hold needle. */
static int
count_lines(const char *text, const char *needle)
{
    const char *p = text, *nl;
    int n = 0;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    return n;
}

/* The events the roles and tokens above logged on SQLite (the log's format is
 * test_seclog's). */
static void
test_log(const char *path)
{
    char text[65536];
    FILE *f = fopen(path, "rb");
    size_t n = 0;

    if (f != NULL) {
        n = fread(text, 1, sizeof(text) - 1, f);
        fclose(f);
    }
    text[n] = '\0';
    is_int(count_lines(text, "\"event\":\"role.change\""), 12,
           "the security log: a role.change for each of the 12 role changes");
    ok(strstr(text, "\"change\":\"representative.confirm\",\"target\":") != NULL,
       "  saying which change, and whose");
    is_int(count_lines(text, "\"event\":\"token.create\""), 23,
           "  a token.create for each of the 23 tokens made");
    is_int(count_lines(text, "\"event\":\"token.revoke\""), 1, "  a token.revoke");
    ok(strstr(text, "svku_") == NULL && strstr(text, "svk_") == NULL, "  and no token itself");
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR"), *dir, *port;
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640], url[700], logp[600];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    struct db *db;
    size_t i;

    log_threshold = LOG_ERROR + 1;
    if (sodium_init() < 0)
        bail_out("sodium_init");
    snprintf(suffix, sizeof(suffix), "%u", (unsigned)randombytes_uniform(1000000) + 1);
    test_matrix();

    snprintf(tdir, sizeof(tdir), "%s/samverka-test-authz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(path, sizeof(path), "%s/t.db", tdir);
    snprintf(logp, sizeof(logp), "%s/security.log", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    test_load(db);
    if (seclog_open(logp) != 0)
        bail_out("cannot open %s", logp);
    test_roles(db);
    test_tokens(db);
    seclog_close();
    test_log(logp);
    unlink(logp);
    db_close(db);
    for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        snprintf(side, sizeof(side), "%s%s", path, suffixes[i]);
        unlink(side);
    }
    rmdir(tdir);

    dir = getenv("SAMVERKA_TEST_PG_DIR");
    port = getenv("SAMVERKA_TEST_PG_PORT");
    if (dir == NULL || port == NULL) {
        diag("no PostgreSQL test cluster: the PostgreSQL checks run under tests/run-all.sh");
        return done_testing();
    }
    backend = "postgres";
    snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", dir, port);
    if (!ok(db_open(url, NULL, &db) == ERR_OK, "postgres: connects to the test cluster"))
        return done_testing();
    if (db_migrate(db, NULL) != ERR_OK)
        bail_out("postgres: migrations do not apply");
    test_load(db);
    test_roles(db);
    test_tokens(db);
    db_close(db);
    return done_testing();
}
