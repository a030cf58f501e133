/*
 * test_dialogue.c — a mission's dialogues (domain/dialogue.c) on SQLite and PostgreSQL
 * (both.h): what dialogue_create stores reads back through dialogue_get; its refusals
 * (an unknown or repeated actor, an objective of another mission, a bad date or format,
 * a text too long, a follow-up without an owner) name the field and write nothing; an
 * update's audit entry names exactly the fields that changed; a follow-up marked done
 * leaves the overdue list and comes back when reopened; the reach counts the sectors of
 * the dialogues' actors against the mission's.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/audit.h"
#include "domain/dialogue.h"
#include "domain/indicator.h"
#include "domain/initiative.h"

#define WHO "test"

static int64_t
entries(struct db *db, const char *entity, int64_t id)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (audit_history(db, &a, entity, id, 0, &pg, &e, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

static void
newest(struct db *db, const char *entity, int64_t id, char *action, size_t an, char *changes,
       size_t cn)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total;
    int n = 0;

    action[0] = changes[0] = '\0';
    arena_init(&a);
    if (audit_history(db, &a, entity, id, 0, &pg, &e, &n, &total) == ERR_OK && n == 1) {
        snprintf(action, an, "%s", e[0].action);
        snprintf(changes, cn, "%s", e[0].changes);
    }
    arena_free(&a);
}

static int64_t
dialogues_of(struct db *db, int64_t mission)
{
    struct page pg = {.limit = 100, .offset = 0};
    struct dialogue *d;
    struct arena a;
    int64_t total = -1;
    int n;

    arena_init(&a);
    if (dialogue_list(db, &a, mission, &pg, &d, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

static int64_t
objective(struct db *db, int64_t mission, const char *title)
{
    struct objective_new in = {.mission_id = mission, .title_sv = title, .weight = 1};
    struct write_error e;
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (objective_create(db, &in, WHO, &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
person(struct db *db, const char *name)
{
    struct person_new in = {.name = name};
    struct write_error e;
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (person_create(db, &in, WHO, &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

/* Create through dialogue_create in a transaction of its own (rolled back on refusal). */
static enum err
create(struct db *db, const struct dialogue_new *in, int64_t *id, struct write_error *e)
{
    enum err rc;

    memset(e, 0, sizeof(*e));
    if (db_begin(db) != ERR_OK)
        return ERR_DB;
    rc = dialogue_create(db, in, WHO, (int64_t)time(NULL), id, e);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc;
}

static enum err
update(struct db *db, int64_t id, const struct dialogue_new *in, bool *changed,
       struct write_error *e)
{
    enum err rc;

    memset(e, 0, sizeof(*e));
    if (db_begin(db) != ERR_OK)
        return ERR_DB;
    rc = dialogue_update(db, id, in, WHO, (int64_t)time(NULL), changed, e);
    if (rc == ERR_OK)
        rc = db_commit(db);
    else
        db_rollback(db);
    return rc;
}

static void
refusal(struct db *db, int64_t mission, const struct dialogue_new *in, const char *field,
        const char *what)
{
    struct write_error e;
    int64_t id = 0, before = dialogues_of(db, mission);
    enum err rc = create(db, in, &id, &e);

    ok(rc == ERR_INVALID && e.field != NULL && strcmp(e.field, field) == 0,
       "%s: %s is refused naming %s (%s: %s)", backend, what, field, e.field ? e.field : "-",
       e.msg ? e.msg : "-");
    is_int(dialogues_of(db, mission), before, "  and nothing is written");
}

static void
test_all(struct db *db)
{
    int64_t m = both_mission(db, "dlg"), other = both_mission(db, "dlg-other");
    int64_t x1 = both_actor(db, "dlg-a"), x2 = both_actor(db, "dlg-b");
    int64_t o1 = objective(db, m, "Mål ett"), o_other = objective(db, other, "Annat mål");
    int64_t owner = person(db, "Ägare");
    int64_t actors[2] = {x1, x2}, twice[2] = {x1, x1}, unknown[1] = {999999999};
    int64_t objs[1] = {o1}, foreign[1] = {o_other};
    struct follow_up_new fu[2] = {
        {0, "Skicka underlag", "Send the material", owner, "2025-03-01"},
        {0, "Boka nästa möte", "", owner, "2030-06-30"},
    };
    struct dialogue_new in = {.mission_id = m,
                              .held_on = "2025-01-15",
                              .format = "workshop",
                              .title_sv = "Verkstad om upphandling",
                              .summary_sv = "Vi talade om **krav**.",
                              .outcomes_sv = "Två åtaganden.",
                              .is_public = false,
                              .actor_ids = actors,
                              .n_actors = 2,
                              .objective_ids = objs,
                              .n_objectives = 1,
                              .follow_ups = fu,
                              .n_follow_ups = 2};
    struct dialogue_new bad;
    struct write_error e;
    struct dialogue d;
    struct follow_up *od;
    struct dialogue_reach r;
    struct arena a;
    char action[32], changes[4096], big[WRITE_MAX_LINE + 2];
    int64_t id = 0, n0, fid[2];
    int n, i;
    bool changed = false, seen_public = false, seen_academia = false;

    if (!ok(m && other && x1 && x2 && o1 && o_other && owner, "%s: fixtures", backend))
        return;
    ok(create(db, &in, &id, &e) == ERR_OK && id > 0, "%s: a dialogue is created", backend);
    arena_init(&a);
    ok(dialogue_get(db, &a, id, &d) == ERR_OK && strcmp(d.held_on, "2025-01-15") == 0 &&
           strcmp(d.format, "workshop") == 0 && d.n_actors_loaded == 2 && d.n_objectives == 1 &&
           d.objectives[0].id == o1 && d.n_follow_ups == 2 && !d.is_public &&
           strcmp(d.follow_ups[0].due_on, "2025-03-01") == 0 && d.follow_ups[0].owner_id == owner,
       "%s: dialogue_get reads back what was stored", backend);
    ok(entries(db, "dialogue", id) == 1, "%s: one audit entry, the create", backend);
    fid[0] = d.n_follow_ups == 2 ? d.follow_ups[0].id : 0;
    fid[1] = d.n_follow_ups == 2 ? d.follow_ups[1].id : 0;
    dialogue_hide_notes(&d, false);
    ok(d.summary_sv[0] == '\0' && d.n_follow_ups == 0,
       "%s: a non-public dialogue's notes are hidden from the public", backend);

    /* refusals */
    bad = in;
    bad.actor_ids = unknown;
    bad.n_actors = 1;
    refusal(db, m, &bad, "actor_ids", "an unknown actor");
    bad = in;
    bad.actor_ids = twice;
    refusal(db, m, &bad, "actor_ids", "an actor twice");
    bad = in;
    bad.objective_ids = foreign;
    refusal(db, m, &bad, "objective_ids", "an objective of another mission");
    bad = in;
    bad.held_on = "2025-02-30";
    refusal(db, m, &bad, "held_on", "a date that does not exist");
    bad = in;
    bad.held_on = NULL;
    refusal(db, m, &bad, "held_on", "no date");
    bad = in;
    bad.format = "party";
    refusal(db, m, &bad, "format", "a format not among the codes");
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    bad = in;
    bad.title_sv = big;
    refusal(db, m, &bad, "title_sv", "a title too long");
    bad = in;
    bad.mission_id = 0;
    refusal(db, m, &bad, "mission_id", "no mission");
    {
        struct follow_up_new f2[1] = {{0, "Utan ägare", "", 0, "2025-03-01"}};
        struct follow_up_new f3[1] = {{0, "Fel datum", "", owner, "första mars"}};

        bad = in;
        bad.follow_ups = f2;
        bad.n_follow_ups = 1;
        refusal(db, m, &bad, "follow_ups", "a follow-up without an owner");
        bad.follow_ups = f3;
        refusal(db, m, &bad, "follow_ups", "a follow-up with a bad due date");
    }

    /* an update lists exactly what changed */
    {
        struct follow_up_new kept[2];
        struct dialogue_new up = in;

        kept[0] = fu[0];
        kept[0].id = fid[0];
        kept[1] = fu[1];
        kept[1].id = fid[1];
        up.follow_ups = kept;
        n0 = entries(db, "dialogue", id);
        ok(update(db, id, &up, &changed, &e) == ERR_OK && !changed &&
               entries(db, "dialogue", id) == n0,
           "%s: an update that changes nothing writes nothing", backend);
        up.title_sv = "Verkstad om offentlig upphandling";
        up.is_public = true;
        up.n_actors = 1;
        ok(update(db, id, &up, &changed, &e) == ERR_OK && changed,
           "%s: an update of the title, publicity and actors is saved", backend);
        newest(db, "dialogue", id, action, sizeof(action), changes, sizeof(changes));
        snprintf(
            big, sizeof(big),
            "{\"title_sv\":[\"Verkstad om upphandling\",\"Verkstad om offentlig upphandling\"],"
            "\"is_public\":[0,1],\"actor_ids\":[[%lld,%lld],[%lld]]}",
            (long long)(x1 < x2 ? x1 : x2), (long long)(x1 < x2 ? x2 : x1), (long long)x1);
        ok(strcmp(action, "update") == 0 && strcmp(changes, big) == 0,
           "%s: the audit entry names exactly the changed fields", backend);
        if (strcmp(changes, big) != 0)
            diag("got %s\nwant %s", changes, big);
        /* a follow-up of another dialogue is refused */
        kept[0].id = 999999999;
        ok(update(db, id, &up, &changed, &e) == ERR_INVALID && strcmp(e.field, "follow_ups") == 0 &&
               e.item == 0,
           "%s: a follow-up id not of the dialogue is refused", backend);
    }

    /* overdue: the 2025 one is, the 2030 one is not; done, it leaves the list */
    ok(dialogue_overdue(db, &a, m, (int64_t)time(NULL), &od, &n) == ERR_OK && n == 1 &&
           strcmp(od[0].due_on, "2025-03-01") == 0 && od[0].dialogue_id == id,
       "%s: the overdue list has the follow-up past due and not the one due in 2030", backend);
    if (db_begin(db) == ERR_OK) {
        ok(follow_up_done(db, od[0].id, true, WHO, (int64_t)time(NULL), NULL, NULL) == ERR_OK &&
               db_commit(db) == ERR_OK,
           "%s: a follow-up is marked done", backend);
    }
    ok(dialogue_overdue(db, &a, m, (int64_t)time(NULL), &od, &n) == ERR_OK && n == 0,
       "%s: done, it is no longer overdue", backend);
    newest(db, "follow_up", fid[0], action, sizeof(action), changes, sizeof(changes));
    ok(strcmp(action, "done") == 0, "%s: marking it done is in the audit log", backend);
    if (db_begin(db) == ERR_OK)
        ok(follow_up_done(db, fid[0], false, WHO, (int64_t)time(NULL), NULL, NULL) == ERR_OK &&
               db_commit(db) == ERR_OK,
           "%s: and reopened", backend);
    ok(dialogue_overdue(db, &a, m, (int64_t)time(NULL), &od, &n) == ERR_OK && n == 1,
       "%s: reopened, it is overdue again", backend);
    ok(dialogue_overdue(db, &a, m, 1735689600 /* 2025-01-01 */, &od, &n) == ERR_OK && n == 0,
       "%s: overdue is relative to the date asked", backend);

    /* reach: x1 leads an initiative of the mission (public sector); x2, academia, only
     * took part in a dialogue (x1 was removed from it above) */
    {
        struct initiative_new ni = {.mission_id = m,
                                    .slug = "dlg-init",
                                    .title_sv = "Initiativ",
                                    .origin = "top_down",
                                    .status = "running",
                                    .lead_actor_id = x2};
        int64_t nid;

        ok(both_actor_resave(db, x1, NULL, "academia", WHO, (int64_t)time(NULL)),
           "%s: the dialogue's actor is of academia", backend);
        if (db_begin(db) == ERR_OK) {
            if (initiative_create(db, &ni, WHO, &nid, &e) == ERR_OK)
                db_commit(db);
            else
                db_rollback(db);
        }
    }
    ok(dialogue_reach(db, &a, m, &r) == ERR_OK, "%s: the reach is read", backend);
    for (i = 0; i < r.n_sectors; i++) {
        if (strcmp(r.sectors[i].code, "public") == 0)
            seen_public = r.sectors[i].in_mission == 1 && r.sectors[i].reached == 0;
        if (strcmp(r.sectors[i].code, "academia") == 0)
            seen_academia = r.sectors[i].in_mission == 0 && r.sectors[i].reached == 1;
    }
    ok(r.n_sectors == 2 && seen_public && seen_academia,
       "%s: the reach: public in the mission and not reached, academia reached", backend);
    ok(r.n_industries == 0 && r.n_counties == 0,
       "%s: actors without an industry or municipality count in neither", backend);
    arena_free(&a);
}

int
main(void)
{
    return both_main("dialogue", test_all);
}
