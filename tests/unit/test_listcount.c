/*
 * test_listcount.c — the stored totals of the lists of actors and initiatives (migration
 * 0019: actor_count, initiative_count, emptied by triggers and refilled by
 * mission_counts_refresh) are stored after every samverka write, equal the totals counted
 * afresh, and move as they should, after every kind of write that changes them: an actor
 * created, moved to another sector, archived; an initiative created and archived; a
 * proposal submitted (hidden), accepted (shown) and declined (still hidden); and a write
 * that does not refresh them (the triggers empty them, and the lists count afresh). On
 * SQLite, and on PostgreSQL when the test cluster's variables are set.
 */
#include <stdio.h>
#include <string.h>

#include "both.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "domain/registry.h"
#include "tap.h"

#define WHO "listcount-test"

static const char *const sectors[] = {"",         "public",        "private",
                                      "academia", "civil_society", "other"};

/* The one integer statement st answers once its text parameter 1 is bound, -1 on failure. */
static int64_t
count_of(struct db_stmt *st)
{
    int64_t n = -1;
    bool row = false;

    if (st == NULL)
        return -1;
    if (db_step(st, &row) == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

/* The live actors of sector ('' all) counted afresh. */
static int64_t
actors_fresh(struct db *db, const char *sector)
{
    struct db_stmt *st = db_stmt(db, Q_ACTOR_COUNT_FRESH);

    if (st != NULL)
        db_bind_text(st, 1, sector);
    return count_of(st);
}

/* The total the list of actors of sector shows (the stored one). */
static int64_t
actors_listed(struct db *db, const char *sector)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct actor *xs;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (actor_list(db, &a, sector, &pg, &xs, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

/* The shown initiatives of mission_id (0: of every live mission) counted afresh. */
static int64_t
initiatives_fresh(struct db *db, int64_t mission_id)
{
    struct db_stmt *st = db_stmt(db, Q_INITIATIVE_COUNT);

    if (st == NULL)
        return -1;
    db_bind_i64(st, 1, mission_id);
    db_bind_text(st, 2, "");
    db_bind_text(st, 3, "");
    db_bind_text(st, 4, "");
    db_bind_i64(st, 5, 0);
    db_bind_i64(st, 6, 0);
    return count_of(st);
}

/* The total the list of initiatives of mission_id shows (the stored one). */
static int64_t
initiatives_listed(struct db *db, int64_t mission_id)
{
    struct initiative_filter f = {.mission_id = mission_id};
    struct page pg = {.limit = 1, .offset = 0};
    struct initiative *xs;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (initiative_list(db, &a, &f, &pg, &xs, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

/* Every listed total equals the fresh one; the actors' total is actors, the mission's
 * initiatives are initiatives; both tables are stored when want_stored says so. */
static void
check(struct db *db, int64_t mission_id, const char *when, bool want_stored, int64_t actors,
      int64_t initiatives)
{
    size_t i;
    bool same = true;

    ok(both_has_row(db, Q_ACTOR_COUNTS_STORED, 0) == want_stored &&
           both_has_row(db, Q_INITIATIVE_COUNTS_STORED, 0) == want_stored,
       "%s: %s: the totals are %s", backend, when,
       want_stored ? "stored" : "not stored (counted afresh)");

    for (i = 0; i < sizeof(sectors) / sizeof(*sectors); i++)
        if (actors_listed(db, sectors[i]) != actors_fresh(db, sectors[i])) {
            same = false;
            diag("sector '%s': listed %lld, fresh %lld", sectors[i],
                 (long long)actors_listed(db, sectors[i]), (long long)actors_fresh(db, sectors[i]));
        }
    ok(same, "%s: %s: the actors' stored totals equal the fresh ones, every sector", backend, when);
    ok(actors_listed(db, "") == actors, "%s: %s: %lld live actors (listed %lld)", backend, when,
       (long long)actors, (long long)actors_listed(db, ""));
    ok(initiatives_listed(db, 0) == initiatives_fresh(db, 0),
       "%s: %s: every mission's initiatives: stored %lld, fresh %lld", backend, when,
       (long long)initiatives_listed(db, 0), (long long)initiatives_fresh(db, 0));
    ok(initiatives_listed(db, mission_id) == initiatives_fresh(db, mission_id),
       "%s: %s: the mission's initiatives: stored %lld, fresh %lld", backend, when,
       (long long)initiatives_listed(db, mission_id), (long long)initiatives_fresh(db, mission_id));
    ok(initiatives_listed(db, mission_id) == initiatives,
       "%s: %s: the mission shows %lld initiatives (listed %lld)", backend, when,
       (long long)initiatives, (long long)initiatives_listed(db, mission_id));
}

static void
test_all(struct db *db)
{
    static const struct proposal_notice note = {"Förslag", "Ett förslag."};
    char slug[64], actor_slug[64], email[128];
    struct actor_new an = {.name = "Rå Aktör", .sector = "civil_society"};
    struct initiative_new in = {
        .title_sv = "Listas", .title_en = "Listed", .origin = "top_down", .status = "running"};
    struct write_error e = {0};
    int64_t mission_id, lead, actor, base, proposer, reviewer, init_id = 0, p1 = 0, p2 = 0, id = 0;

    mission_id = both_mission(db, "listcount");
    lead = both_actor(db, "listcount-lead");
    proposer = both_account(db, both_address(email, sizeof(email), "listcount-proposer"), NULL,
                            "Förslagsställare", BOTH_FIXED_HASH, 1000);
    reviewer = both_account(db, both_address(email, sizeof(email), "listcount-reviewer"), "admin",
                            "Granskare", BOTH_FIXED_HASH, 1000);
    base = actors_fresh(db, "");
    /* the fixtures write without the refresh of the registry's writes */
    ok(mission_id > 0 && lead > 0 && proposer > 0 && reviewer > 0 && base > 0 &&
           db_begin(db) == ERR_OK && mission_counts_refresh(db) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "%s: a mission, an actor and two accounts", backend);
    check(db, mission_id, "a new mission", true, base, 0);

    snprintf(actor_slug, sizeof(actor_slug), "listcount-actor-%s", suffix);
    an.slug = actor_slug;
    actor = 0;
    ok(registry_actor_save(db, 0, &an, WHO, 1010, &actor, &e) == ERR_OK && actor > 0,
       "%s: an actor is created", backend);
    check(db, mission_id, "after an actor's creation", true, base + 1, 0);
    ok(both_actor_resave(db, actor, NULL, "academia", WHO, 1010), "%s: the actor moves to academia",
       backend);
    check(db, mission_id, "after a change of sector", true, base + 1, 0);
    ok(registry_actor_archive(db, actor, WHO, 1011) == ERR_OK, "%s: the actor is archived",
       backend);
    check(db, mission_id, "after an actor's archival", true, base, 0);

    snprintf(slug, sizeof(slug), "listcount-%s", suffix);
    in.mission_id = mission_id;
    in.slug = slug;
    in.lead_actor_id = lead;
    ok(registry_initiative_save(db, 0, &in, WHO, 1012, &init_id, &e) == ERR_OK && init_id > 0,
       "%s: an initiative is created", backend);
    check(db, mission_id, "after an initiative's creation", true, base, 1);

    in.slug = NULL;
    in.title_sv = "Föreslaget";
    ok(proposal_submit(db, &in, proposer, WHO, 1013, &note, &p1, &e) == ERR_OK && p1 > 0,
       "%s: a proposal is submitted", backend);
    check(db, mission_id, "with a proposal under review", true, base, 1);
    ok(proposal_review(db, p1, PROPOSAL_ACCEPT, NULL, reviewer, WHO, 1014, &note, &e) == ERR_OK,
       "%s: the proposal is accepted", backend);
    check(db, mission_id, "after its acceptance", true, base, 2);
    in.title_sv = "Avböjt";
    ok(proposal_submit(db, &in, proposer, WHO, 1015, &note, &p2, &e) == ERR_OK && p2 > 0 &&
           proposal_review(db, p2, PROPOSAL_DECLINE, "Nej.", reviewer, WHO, 1016, &note, &e) ==
               ERR_OK,
       "%s: a second proposal is submitted and declined", backend);
    check(db, mission_id, "after a declined proposal", true, base, 2);

    ok(registry_initiative_archive(db, init_id, WHO, 1017) == ERR_OK,
       "%s: the first initiative is archived", backend);
    check(db, mission_id, "after an initiative's archival", true, base, 1);

    /* a write that does not refresh them: the triggers empty them, the lists count afresh */
    snprintf(slug, sizeof(slug), "listcount-raw-%s", suffix);
    in.slug = slug;
    in.title_sv = "Rått";
    snprintf(actor_slug, sizeof(actor_slug), "listcount-raw-%s", suffix);
    an.slug = actor_slug;
    ok(db_begin(db) == ERR_OK && actor_create(db, &an, WHO, &actor, &e) == ERR_OK &&
           initiative_create(db, &in, WHO, &id, &e) == ERR_OK && db_commit(db) == ERR_OK,
       "%s: an actor and an initiative are created without the refresh", backend);
    check(db, mission_id, "after a write that does not refresh", false, base + 1, 2);
    ok(registry_initiative_archive(db, id, WHO, 1018) == ERR_OK,
       "%s: the initiative is archived through the registry", backend);
    check(db, mission_id, "after the next write", true, base + 1, 1);
}

int
main(void)
{
    return both_main("listcount", test_all);
}
