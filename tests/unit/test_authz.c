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

#include "core/log.h"
#include "domain/actor.h"
#include "domain/authz.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/token.h"
#include "domain/user.h"
#include "tap.h"

static const char *backend = "sqlite";
static char suffix[17];

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
    ok(!authz_allows(&w[ADMIN], AUTHZ__MAX, &own) &&
           !authz_allows(&w[ADMIN], (enum authz_action) - 1, &own),
       "an action outside the enum is refused, even to an admin");
    snprintf(buf, sizeof(buf), "%s", authz_name(AUTHZ_MISSION_EDIT));
    is_str(buf, "mission.edit", "names are stable");
    arena_free(&a);
}

/* ------------------------------------------------------------ the facts loaded */

/* A new account (password hashing is another suite's; a fixed PHC string will do). */
static int64_t
account(struct db *db, const char *local, const char *role)
{
    static const char hash[] = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                               "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
    struct person_new p = {.name = "Test Person"};
    struct user_new u = {.password_hash = hash, .role = role};
    struct write_error e;
    char email[128];
    int64_t pid = 0, uid = 0;

    snprintf(email, sizeof(email), "%s.%s@example.org", local, suffix);
    u.email = email;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (person_create(db, &p, "test", &pid, &e) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    u.person_id = pid;
    if (user_create(db, &u, "test", 1000, &uid, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return uid;
}

static int64_t
mission(struct db *db, const char *name)
{
    char slug[64];
    struct mission_new in = {.title_sv = "Uppdrag",
                             .title_en = "Mission",
                             .goal_sv = "Mål",
                             .goal_en = "Goal",
                             .deadline = "2030-12-31",
                             .start_year = 2024,
                             .status = "active"};
    struct write_error e;
    int64_t id = 0;

    snprintf(slug, sizeof(slug), "%s-%s", name, suffix);
    in.slug = slug;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (mission_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
actor(struct db *db, const char *name)
{
    char slug[64];
    struct actor_new in = {.name = "Aktör", .sector = "public"};
    struct write_error e;
    int64_t id = 0;

    snprintf(slug, sizeof(slug), "%s-%s", name, suffix);
    in.slug = slug;
    if (db_begin(db) != ERR_OK)
        return 0;
    if (actor_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
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
    m1 = mission(db, "m1");
    m2 = mission(db, "m2");
    a1 = actor(db, "a1");
    a2 = actor(db, "a2");
    if (!ok(plain && coord && admin && rep && m1 && m2 && a1 && a2,
            "%s: four accounts, two missions, two actors", backend))
        goto out;
    ok(link_add(db, Q_COPY_MISSION_COORDINATOR_PUT, coord, m2, NULL) &&
           link_add(db, Q_COPY_MISSION_COORDINATOR_PUT, coord, m1, NULL) &&
           link_add(db, Q_COPY_ACTOR_REPRESENTATIVE_PUT, rep, a1, "confirmed") &&
           link_add(db, Q_COPY_ACTOR_REPRESENTATIVE_PUT, rep, a2, "requested"),
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

    is_rc(authz_who_load(db, &a, 987654321, &w), ERR_NOTFOUND,
          "%s: an unknown account is not found", backend);
    ok(w.user_id == 0 && !w.is_admin, "  and is the public");
    is_rc(user_disable(db, admin, "test", 2000), ERR_OK, "%s: the admin is disabled", backend);
    is_rc(authz_who_load(db, &a, admin, &w), ERR_NOTFOUND, "  and loads as not found");
    ok(w.user_id == 0 && !w.is_admin, "  with no rights at all");
out:
    arena_free(&a);
}

int
main(void)
{
    const char *tmp = getenv("TMPDIR"), *dir, *port;
    struct db_opts o = {.create = true};
    char tdir[512], path[600], side[640], url[700];
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
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    test_load(db);
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
    db_close(db);
    return done_testing();
}
