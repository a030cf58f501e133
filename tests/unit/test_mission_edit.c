/*
 * test_mission_edit.c — the transactions around the goal tree's writes
 * (domain/mission_edit.c), which the forms and the API call: a write that succeeds is
 * committed (another read sees it, with its audit entry); a refused one (ERR_INVALID,
 * ERR_CONFLICT, ERR_NOTFOUND) writes nothing and leaves no transaction open, so the next
 * write on the connection works. On SQLite, and on PostgreSQL when tests/run-all.sh has
 * started its throwaway cluster; there the rows stay, so the slugs carry a random suffix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "both.h"
#include "core/log.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/mission_edit.h"
#include "tap.h"

/* The audit entries of a mission. */
static int64_t
audit_count(struct db *db, int64_t mission_id)
{
    struct db_stmt *st = db_stmt(db, Q_AUDIT_MISSION_COUNT);
    bool row = false;
    int64_t n = -1;

    if (st == NULL)
        return -1;
    db_bind_i64(st, 1, mission_id);
    if (db_step(st, &row) == ERR_OK && row)
        n = db_i64(st, 0);
    db_done(st);
    return n;
}

static void
test_all(struct db *db)
{
    char slug[64], slug2[64];
    struct mission_new in = {0};
    struct objective_new on = {0};
    struct write_error we;
    struct mission m;
    struct objective o;
    struct arena a;
    int64_t id = 0, id2 = 0, oa = 0, ob = 0, n0, now = (int64_t)time(NULL);

    arena_init(&a);
    diag("%s", backend);
    snprintf(slug, sizeof(slug), "edit-%s", suffix);
    snprintf(slug2, sizeof(slug2), "edit-b-%s", suffix);
    in.slug = slug;
    in.title_sv = "Titel";
    in.goal_sv = "Mål";
    in.deadline = "2030-12-31";
    in.start_year = 2031;
    in.status = "active";

    is_int(medit_mission_create(db, &in, "test", &id, &we), ERR_INVALID,
           "a start year after the deadline is refused");
    is_str(we.field, "start_year", "  naming the start year");
    is_int(mission_get(db, &a, slug, &m), ERR_NOTFOUND, "  and nothing was written");

    in.start_year = 2025;
    is_int(medit_mission_create(db, &in, "test", &id, &we), ERR_OK,
           "the next write on the connection works (no transaction was left open)");
    ok(mission_get(db, &a, slug, &m) == ERR_OK && m.id == id, "  and is committed");
    is_int(audit_count(db, id), 1, "  with its audit entry");

    in.slug = slug2;
    in.title_sv = "";
    is_int(medit_mission_create(db, &in, "test", &id2, &we), ERR_INVALID,
           "a mission without a title is refused");
    is_str(we.field, "title_sv", "  naming the Swedish title");
    in.title_sv = "Titel";
    in.slug = "other-slug";
    is_int(medit_mission_update(db, id, &in, "test", now, &we), ERR_INVALID,
           "an update changing the slug is refused");
    is_str(we.field, "slug", "  naming the slug");
    in.slug = NULL;
    in.title_sv = "Ny titel";
    is_int(medit_mission_update(db, id, &in, "test", now, &we), ERR_OK,
           "an update without the slug is done");
    ok(mission_get(db, &a, slug, &m) == ERR_OK && strcmp(m.title_sv, "Ny titel") == 0,
       "  and committed");

    on.mission_id = id;
    on.title_sv = "A";
    on.weight = 1;
    is_int(medit_objective_create(db, &on, "test", &oa, &we), ERR_OK, "an objective is created");
    on.parent_id = oa;
    on.title_sv = "B";
    is_int(medit_objective_create(db, &on, "test", &ob, &we), ERR_OK, "  and one under it");
    n0 = audit_count(db, id);
    is_int(medit_objective_archive(db, oa, "test", now), ERR_CONFLICT,
           "archiving an objective with a live child is refused");
    ok(objective_get(db, &a, oa, &o) == ERR_OK && o.archived_at == 0, "  it stays live");
    is_int(audit_count(db, id), n0, "  no audit entry");
    is_int(medit_objective_archive(db, ob, "test", now), ERR_OK, "the child is archived");
    is_int(medit_objective_archive(db, oa, "test", now), ERR_OK, "  then the parent");
    is_int(medit_mission_archive(db, INT64_MAX / 2, "test", now), ERR_NOTFOUND,
           "archiving an unknown mission is ERR_NOTFOUND");
    is_int(medit_mission_archive(db, id, "test", now), ERR_OK,
           "  and the next write works: the mission is archived");
    ok(mission_get(db, &a, slug, &m) == ERR_OK && m.archived_at == now, "  and committed");
    arena_free(&a);
}

int
main(void)
{
    return both_main("medit", test_all);
}
