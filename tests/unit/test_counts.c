/*
 * test_counts.c — a mission's stored actor counts (migration 0018, mission.c
 * mission_counts_refresh) equal the counts made afresh from the initiatives, after every
 * kind of write that changes them: an initiative created, edited (a participant added),
 * archived; an actor archived, renamed (the stored first actors of a sector are in name
 * order); and a write that does not refresh them (the triggers empty
 * them, and the reads count afresh). On SQLite, and on PostgreSQL when the test cluster's
 * variables are set.
 */
#include <stdio.h>
#include <string.h>

#include "both.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/registry.h"
#include "tap.h"

#define WHO "counts-test"

/* The count of sector in the list, 0 when absent. */
static int
of_sector(const struct sector_count *c, int n, const char *sector)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(c[i].sector, sector) == 0)
            return c[i].n;
    return 0;
}

/* The mission's counts as its page reads them equal those counted afresh, are stored when
 * want_stored says so, and are public and private as given; and its participants are
 * n_actors. */
static void
check(struct db *db, int64_t mission_id, const char *when, bool want_stored, int public,
      int private, int n_actors)
{
    struct sector_count *got, *fresh;
    struct mission m;
    struct arena a;
    int n_got = -1, n_fresh = -2, i;
    bool same;

    arena_init(&a);
    ok(mission_actor_sectors(db, &a, mission_id, &got, &n_got) == ERR_OK &&
           mission_actor_sectors_fresh(db, &a, mission_id, &fresh, &n_fresh) == ERR_OK,
       "%s: %s: both counts read", backend, when);
    same = n_got == n_fresh;
    for (i = 0; same && i < n_got; i++)
        same = strcmp(got[i].sector, fresh[i].sector) == 0 && got[i].n == fresh[i].n;
    ok(same, "%s: %s: the stored counts equal the fresh ones (%d and %d sectors)", backend, when,
       n_got, n_fresh);
    ok(both_has_row(db, Q_MISSION_COUNTED, mission_id) == want_stored, "%s: %s: the counts are %s",
       backend, when, want_stored ? "stored" : "not stored (read afresh)");
    ok(of_sector(got, n_got, "public") == public, "%s: %s: %d public actors (got %d)", backend,
       when, public, of_sector(got, n_got, "public"));
    ok(of_sector(got, n_got, "private") == private, "%s: %s: %d private actors (got %d)", backend,
       when, private, of_sector(got, n_got, "private"));
    for (i = 0; i < 2; i++) {
        const char *sector = i == 0 ? "public" : "private";
        struct actor *first, *first_fresh;
        int n_first = -1, n_first_fresh = -2, k;

        same = mission_sector_actors(db, &a, mission_id, sector, MISSION_SECTOR_FIRST, &first,
                                     &n_first) == ERR_OK &&
               mission_sector_actors_fresh(db, &a, mission_id, sector, MISSION_SECTOR_FIRST,
                                           &first_fresh, &n_first_fresh) == ERR_OK &&
               n_first == n_first_fresh;
        for (k = 0; same && k < n_first; k++)
            same =
                first[k].id == first_fresh[k].id && strcmp(first[k].name, first_fresh[k].name) == 0;
        ok(same, "%s: %s: the stored first %s actors equal the fresh ones (%d and %d)", backend,
           when, sector, n_first, n_first_fresh);
    }
    /* the mission page's read of all sectors at once: the same counts and first actors */
    {
        struct sector_actors *sa;
        struct actor *first;
        int n_sa = -1, n_first, k;

        same = mission_actors_by_sector(db, &a, mission_id, MISSION_SECTOR_FIRST, &sa, &n_sa) ==
                   ERR_OK &&
               n_sa == n_fresh;
        for (i = 0; same && i < n_sa; i++) {
            same = strcmp(sa[i].sector, fresh[i].sector) == 0 && sa[i].n == fresh[i].n &&
                   mission_sector_actors_fresh(db, &a, mission_id, sa[i].sector,
                                               MISSION_SECTOR_FIRST, &first, &n_first) == ERR_OK &&
                   n_first == sa[i].n_first;
            for (k = 0; same && k < n_first; k++)
                same = first[k].id == sa[i].first[k].id &&
                       strcmp(first[k].name, sa[i].first[k].name) == 0;
        }
        ok(same, "%s: %s: every sector's count and first actors at once equal the fresh ones",
           backend, when);
    }
    if (mission_get_id(db, &a, mission_id, &m) != ERR_OK)
        m.n_actors = -1;
    ok(m.n_actors == n_actors, "%s: %s: %d participants (got %d)", backend, when, n_actors,
       m.n_actors);
    arena_free(&a);
}

static void
test_all(struct db *db)
{
    char slug[64], name[64];
    struct actor_new an = {.sector = "private"};
    struct initiative_part parts[2];
    struct initiative_new in = {
        .title_sv = "Räknas", .title_en = "Counted", .origin = "bottom_up", .status = "running"};
    struct write_error e = {0};
    int64_t mission_id, lead, private, other, fourth, init_id = 0, id, id2 = 0;

    mission_id = both_mission(db, "counts");
    lead = both_actor(db, "counts-lead");
    other = both_actor(db, "counts-other");
    fourth = both_actor(db, "counts-fourth");
    snprintf(slug, sizeof(slug), "counts-private-%s", suffix);
    snprintf(name, sizeof(name), "Counts Private %s", suffix);
    an.slug = slug;
    an.name = name;
    private = 0;
    ok(mission_id > 0 && lead > 0 && other > 0 && fourth > 0 &&
           registry_actor_save(db, 0, &an, WHO, 1000, &private, &e) == ERR_OK && private > 0,
       "%s: a mission and four actors", backend);
    check(db, mission_id, "a new mission", true, 0, 0, 0);

    /* an initiative led by a public actor with a private participant */
    snprintf(slug, sizeof(slug), "counts-%s", suffix);
    in.mission_id = mission_id;
    in.slug = slug;
    in.lead_actor_id = lead;
    parts[0] = (struct initiative_part){.actor_id = private, .role = "participant"};
    in.parts = parts;
    in.n_parts = 1;
    ok(registry_initiative_save(db, 0, &in, WHO, 1001, &init_id, &e) == ERR_OK && init_id > 0,
       "%s: an initiative is created (%s %s)", backend, e.field ? e.field : "", e.msg ? e.msg : "");
    check(db, mission_id, "after a create", true, 1, 1, 1);

    /* a second participant, public */
    parts[1] = (struct initiative_part){.actor_id = other, .role = "partner"};
    in.n_parts = 2;
    ok(registry_initiative_save(db, init_id, &in, WHO, 1002, &id, &e) == ERR_OK,
       "%s: the initiative gains a participant", backend);
    check(db, mission_id, "after an edit", true, 2, 1, 2);

    /* the private actor archived: no longer taking part (still a participant of record) */
    ok(registry_actor_archive(db, private, WHO, 1003) == ERR_OK, "%s: an actor is archived",
       backend);
    check(db, mission_id, "after an actor's archival", true, 2, 0, 2);

    /* a rename reorders the first actors by name */
    snprintf(name, sizeof(name), "AAA Counts Other %s", suffix);
    ok(both_actor_resave(db, other, name, NULL, WHO, 1010), "%s: an actor is renamed", backend);
    check(db, mission_id, "after a rename", true, 2, 0, 2);

    /* a write that does not refresh the counts: the triggers empty them, reads count afresh */
    snprintf(slug, sizeof(slug), "counts-raw-%s", suffix);
    in.slug = slug;
    in.lead_actor_id = fourth;
    in.n_parts = 0;
    ok(db_begin(db) == ERR_OK && initiative_create(db, &in, WHO, &id2, &e) == ERR_OK &&
           db_commit(db) == ERR_OK,
       "%s: an initiative is created without the refresh", backend);
    check(db, mission_id, "after a write that does not refresh", false, 3, 0, 2);

    /* the first initiative archived: only the second's lead takes part */
    ok(registry_initiative_archive(db, init_id, WHO, 1004) == ERR_OK,
       "%s: the initiative is archived", backend);
    check(db, mission_id, "after an initiative's archival", true, 1, 0, 0);
}

int
main(void)
{
    return both_main("counts", test_all);
}
