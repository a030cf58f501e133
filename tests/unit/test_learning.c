/*
 * test_learning.c — the learning log and the portfolio reviews (domain/learning.c) on
 * SQLite and PostgreSQL: what an entry and a review are made with and what is refused
 * (nothing written): an initiative of another mission, one named twice, a decision that is
 * not one, a date that does not exist, no hypothesis, a person no one is; an edit's audit
 * entry naming exactly the fields that changed (the link sets among them); an initiative
 * the public does not see (archived, a proposal under review or declined) refused, an
 * accepted proposal not, and a link an entry has kept when its initiative is archived
 * later; and what the public sees: the public entries and reviews only, all of them for
 * the coordinators.
 * An edit is dated a minute ahead, so its audit entry is the latest.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "both.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/learning.h"
#include "domain/person.h"
#include "domain/proposal.h"
#include "tap.h"

#define WHO "learning-test"

static int64_t
new_initiative(struct db *db, int64_t m, const char *slug)
{
    struct initiative_new in = {
        .mission_id = m, .slug = slug, .title_sv = slug, .origin = "top_down", .status = "running"};
    struct write_error e = {0};
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (initiative_create(db, &in, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
new_objective(struct db *db, int64_t m, const char *title)
{
    struct objective_new o = {.mission_id = m, .title_sv = title, .weight = 1};
    struct write_error e = {0};
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (objective_create(db, &o, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static int64_t
new_person(struct db *db, const char *name)
{
    struct person_new p = {.name = name};
    struct write_error e = {0};
    int64_t id = 0;

    if (db_begin(db) != ERR_OK)
        return 0;
    if (person_create(db, &p, "test", &id, &e) != ERR_OK || db_commit(db) != ERR_OK) {
        db_rollback(db);
        return 0;
    }
    return id;
}

static bool
refused_as(enum err rc, const struct write_error *e, const char *field)
{
    return rc == ERR_INVALID && e->field != NULL && strcmp(e->field, field) == 0;
}

/* How many entries mission m has, the non-public ones counted (all) or not; -1 on failure. */
static int64_t
entries(struct db *db, int64_t m, bool all)
{
    struct page pg = {1, 0};
    struct learning_entry *es;
    int64_t total = -1;
    struct arena a;
    int n;

    arena_init(&a);
    if (learning_list(db, &a, m, all, &pg, &es, &n, &total) != ERR_OK)
        total = -1;
    arena_free(&a);
    return total;
}

static int
reviews(struct db *db, int64_t m, bool all)
{
    struct portfolio_review *rs;
    struct arena a;
    int n = -1;

    arena_init(&a);
    if (review_list(db, &a, m, all, REVIEW_LIST_MAX, &rs, &n) != ERR_OK)
        n = -1;
    arena_free(&a);
    return n;
}

static enum err
save(struct db *db, int64_t id, const struct learning_new *in, int64_t *out, struct write_error *e)
{
    memset(e, 0, sizeof(*e));
    return learning_save(db, id, in, WHO, (int64_t)time(NULL) + 60, out, e);
}

static enum err
save_review(struct db *db, int64_t id, const struct review_new *in, int64_t *out,
            struct write_error *e)
{
    memset(e, 0, sizeof(*e));
    return review_save(db, id, in, WHO, (int64_t)time(NULL) + 60, out, e);
}

/* The changes of the latest audit entry of entity id, "" if none; its action in *action. */
static const char *
last_changes(struct db *db, struct arena *a, const char *entity, int64_t id, const char **action)
{
    struct page pg = {1, 0};
    struct audit_entry *es;
    int64_t total;
    int n;

    *action = "";
    if (audit_history(db, a, entity, id, 0, &pg, &es, &n, &total) != ERR_OK || n == 0)
        return "";
    *action = es[0].action;
    return es[0].changes != NULL ? es[0].changes : "";
}

/* Whether the JSON object text names exactly the keys given (and no other). */
static bool
names_exactly(const char *changes, const char *const *keys, int n)
{
    char quoted[64];
    int i, count = 0;
    const char *p;

    for (i = 0; i < n; i++) {
        snprintf(quoted, sizeof(quoted), "\"%s\":", keys[i]);
        if (strstr(changes, quoted) == NULL)
            return false;
    }
    /* top-level keys: each is a "name":[ pair */
    for (p = changes; (p = strstr(p, "\":[")) != NULL; p += 3)
        count++;
    return count == n;
}

static void
test_entries(struct db *db, int64_t m, int64_t other, int64_t ini, int64_t ini2,
             int64_t foreign_ini, int64_t obj, int64_t foreign_obj)
{
    int64_t inis[WRITE_MAX_ITEMS + 1], objs[] = {obj}, id = 0, id2 = 0, before;
    struct learning_new in = {.mission_id = m,
                              .decided_on = "2025-04-30",
                              .hypothesis_sv = "Prototypskolor visar vägen",
                              .decision = "scale_up",
                              .is_public = true,
                              .initiative_ids = inis,
                              .n_initiatives = 1,
                              .objective_ids = objs,
                              .n_objectives = 1};
    const char *action = "", *changes;
    struct learning_entry e;
    struct write_error we;
    struct arena a;
    enum err rc;
    int i;

    (void)other;
    arena_init(&a);
    inis[0] = ini;
    before = entries(db, m, true);

    inis[0] = foreign_ini;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 0,
       "%s: an initiative of another mission is refused, naming the item", backend);
    inis[0] = ini;
    inis[1] = ini;
    in.n_initiatives = 2;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 1,
       "%s: an initiative named twice is refused at its second place", backend);
    for (i = 0; i <= WRITE_MAX_ITEMS; i++)
        inis[i] = ini;
    in.n_initiatives = WRITE_MAX_ITEMS + 1;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids"), "%s: more than 64 initiatives are refused", backend);
    in.n_initiatives = 1;
    objs[0] = foreign_obj;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "objective_ids"), "%s: an objective of another mission is refused",
       backend);
    objs[0] = obj;
    in.decision = "continue";
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "decision"), "%s: a decision that is not one is refused", backend);
    in.decision = "scale_up";
    in.decided_on = "2025-02-30";
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "decided_on"), "%s: a date that does not exist is refused", backend);
    in.decided_on = NULL;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "decided_on"), "%s: an entry without a date is refused", backend);
    in.decided_on = "2025-04-30";
    in.hypothesis_sv = "";
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "hypothesis_sv"), "%s: an entry without a hypothesis is refused",
       backend);
    in.hypothesis_sv = "Prototypskolor visar vägen";
    in.mission_id = 999999999;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "mission_id"), "%s: an unknown mission is refused", backend);
    in.mission_id = m;
    ok(entries(db, m, true) == before, "%s: no refusal wrote anything", backend);

    /* made, read back, attributed to no account here (user 0) */
    rc = save(db, 0, &in, &id, &we);
    ok(rc == ERR_OK && id > 0, "%s: an entry is made", backend);
    ok(learning_get(db, &a, id, &e) == ERR_OK && strcmp(e.decision, "scale_up") == 0 &&
           e.is_public && e.n_initiatives == 1 && e.initiatives[0].id == ini &&
           e.n_objectives == 1 && e.objectives[0].id == obj && e.by == NULL,
       "%s: it reads back with its decision, initiative and objective", backend);
    changes = last_changes(db, &a, "learning_entry", id, &action);
    ok(strcmp(action, "create") == 0 && strstr(changes, "\"initiative_ids\":[null,[") != NULL,
       "%s: its creation is in the audit log with its initiatives", backend);

    /* an edit: the decision and the initiatives change, nothing else */
    in.decision = "adjust";
    inis[0] = ini2;
    inis[1] = ini;
    in.n_initiatives = 2;
    rc = save(db, id, &in, &id2, &we);
    changes = last_changes(db, &a, "learning_entry", id, &action);
    ok(rc == ERR_OK && strcmp(action, "update") == 0 &&
           names_exactly(changes, (const char *const[]){"decision", "initiative_ids"}, 2),
       "%s: an edit's audit entry names exactly decision and initiative_ids (%s)", backend,
       changes);
    {
        /* the same set in another order, the same values: no change, no entry */
        int64_t swapped[] = {ini, ini2};
        bool changed = true;

        in.initiative_ids = swapped;
        memset(&we, 0, sizeof(we));
        rc = db_begin(db);
        if (rc == ERR_OK)
            rc = learning_update(db, id, &in, WHO, (int64_t)time(NULL) + 120, &changed, &we);
        if (rc == ERR_OK)
            rc = db_commit(db);
        else
            db_rollback(db);
        ok(rc == ERR_OK && !changed, "%s: the same initiatives in another order change nothing",
           backend);
        in.initiative_ids = inis;
    }
    in.mission_id = other;
    rc = save(db, id, &in, &id2, &we);
    ok(refused_as(rc, &we, "mission_id"), "%s: the mission of an entry cannot change", backend);
    in.mission_id = m;
    in.hypothesis_sv = "";
    rc = save(db, id, &in, &id2, &we);
    ok(refused_as(rc, &we, "hypothesis_sv") && learning_get(db, &a, id, &e) == ERR_OK &&
           strcmp(e.hypothesis_sv, "Prototypskolor visar vägen") == 0,
       "%s: an edit without a hypothesis is refused, the entry as it was", backend);
    in.hypothesis_sv = "Prototypskolor visar vägen";
    ok(save(db, 999999999, &in, &id2, &we) == ERR_NOTFOUND, "%s: an unknown entry is not found",
       backend);

    /* what the public sees */
    in.is_public = false;
    in.decision = "stop";
    in.decided_on = "2026-01-15";
    in.n_initiatives = 0;
    in.n_objectives = 0;
    rc = save(db, 0, &in, &id2, &we);
    ok(rc == ERR_OK && entries(db, m, true) == before + 2 && entries(db, m, false) == before + 1,
       "%s: a non-public entry is counted for the coordinators, not for the public", backend);
    {
        struct page pg = {10, 0};
        struct learning_entry *es;
        int64_t total;
        int n;

        ok(learning_list(db, &a, m, false, &pg, &es, &n, &total) == ERR_OK && n == 1 &&
               es[0].id == id && es[0].n_initiatives == 2,
           "%s: the public list has the public entry alone, with its two initiatives", backend);
        ok(learning_list(db, &a, m, true, &pg, &es, &n, &total) == ERR_OK && n == 2 &&
               es[0].id == id2 && es[1].id == id && es[0].n_initiatives == 0,
           "%s: the full list has the latest decision first", backend);
    }
    arena_free(&a);
}

static void
test_reviews(struct db *db, int64_t m, int64_t other)
{
    int64_t people[3], id = 0, id2 = 0, p0, p1, p2;
    struct review_new in = {.mission_id = m,
                            .held_on = "2025-11-20",
                            .decisions_sv = "Vi skalar upp prototypskolorna.",
                            .is_public = false,
                            .person_ids = people,
                            .n_people = 2};
    const char *action = "", *changes;
    struct portfolio_review r;
    struct write_error we;
    struct arena a;
    enum err rc;

    arena_init(&a);
    p0 = new_person(db, "Greta Granskare");
    p1 = new_person(db, "Hugo Helhet");
    p2 = new_person(db, "Ines Insikt");
    ok(p0 > 0 && p1 > 0 && p2 > 0, "%s: three people", backend);
    people[0] = p0;

    people[1] = 999999999;
    rc = save_review(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "person_ids") && we.item == 1, "%s: an unknown person is refused",
       backend);
    people[1] = people[0];
    rc = save_review(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "person_ids"), "%s: a person named twice is refused", backend);
    people[1] = p1;
    in.held_on = "2025-13-01";
    rc = save_review(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "held_on"), "%s: a review on a date that does not exist is refused",
       backend);
    in.held_on = "";
    rc = save_review(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "held_on"), "%s: a review without a date is refused", backend);
    in.held_on = "2025-11-20";
    ok(reviews(db, m, true) == 0, "%s: no refusal wrote a review", backend);

    rc = save_review(db, 0, &in, &id, &we);
    ok(rc == ERR_OK && review_get(db, &a, id, &r) == ERR_OK && r.n_people == 2 && !r.is_public,
       "%s: a review is recorded with its two people", backend);
    ok(reviews(db, m, true) == 1 && reviews(db, m, false) == 0,
       "%s: a non-public review is the coordinators' alone", backend);

    people[2] = p2;
    in.n_people = 3;
    in.is_public = true;
    rc = save_review(db, id, &in, &id2, &we);
    changes = last_changes(db, &a, "portfolio_review", id, &action);
    ok(rc == ERR_OK && strcmp(action, "update") == 0 &&
           names_exactly(changes, (const char *const[]){"is_public", "person_ids"}, 2),
       "%s: a review's edit names exactly is_public and person_ids (%s)", backend, changes);
    ok(reviews(db, m, false) == 1 && reviews(db, other, true) == 0,
       "%s: now public, and none in the other mission", backend);
    in.mission_id = other;
    rc = save_review(db, id, &in, &id2, &we);
    ok(refused_as(rc, &we, "mission_id"), "%s: the mission of a review cannot change", backend);
    arena_free(&a);
}

/* A proposal to mission m by a new account for a new actor, accepted or declined by a new
 * admin (d < 0: left under review); its initiative's id, 0 on failure. */
static int64_t
new_proposal(struct db *db, int64_t m, const char *name, int d)
{
    static const struct proposal_notice note = {"Förslag", "Ett förslag."};
    struct initiative_new in = {.mission_id = m, .title_sv = name, .origin = "bottom_up"};
    struct write_error e = {0};
    char email[128], local[32];
    int64_t proposer, reviewer, id = 0;

    snprintf(local, sizeof(local), "learning-%s-p", name);
    proposer = both_account(db, both_address(email, sizeof(email), local), NULL, "Förslag",
                            BOTH_FIXED_HASH, 1000);
    snprintf(local, sizeof(local), "learning-%s-r", name);
    reviewer = both_account(db, both_address(email, sizeof(email), local), "admin", "Granskare",
                            BOTH_FIXED_HASH, 1000);
    in.lead_actor_id = both_actor(db, local);
    if (proposer == 0 || reviewer == 0 || in.lead_actor_id == 0 ||
        proposal_submit(db, &in, proposer, WHO, 1000, &note, &id, &e) != ERR_OK)
        return 0;
    if (d >= 0 && proposal_review(db, id, (enum proposal_decision)d, "Beslut.", reviewer, WHO, 1001,
                                  &note, &e) != ERR_OK)
        return 0;
    return id;
}

/* The initiatives an entry may name: those the public sees (INITIATIVE_SHOWN), and those it
 * already names. */
static void
test_shown(struct db *db, int64_t m, int64_t ini)
{
    int64_t inis[2] = {ini, 0}, id = 0, id2 = 0, archived, pending, declined, accepted, later;
    struct learning_new in = {.mission_id = m,
                              .decided_on = "2025-06-30",
                              .hypothesis_sv = "Bara synliga initiativ",
                              .decision = "adjust",
                              .initiative_ids = inis,
                              .n_initiatives = 2};
    const char *action = "", *changes;
    struct learning_entry e;
    struct write_error we;
    struct arena a;
    int64_t before;
    enum err rc;

    arena_init(&a);
    archived = new_initiative(db, m, "arkiverat");
    later = new_initiative(db, m, "arkiveras-sedan");
    pending = new_proposal(db, m, "granskas", -1);
    declined = new_proposal(db, m, "avslaget", PROPOSAL_DECLINE);
    accepted = new_proposal(db, m, "antaget", PROPOSAL_ACCEPT);
    ok(archived > 0 && later > 0 && pending > 0 && declined > 0 && accepted > 0 &&
           registry_initiative_archive(db, archived, WHO, 1002) == ERR_OK,
       "%s: an archived initiative, proposals under review, declined and accepted", backend);
    before = entries(db, m, true);

    inis[1] = archived;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 1,
       "%s: an archived initiative is refused, naming the item", backend);
    inis[1] = pending;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 1,
       "%s: a proposal under review is refused", backend);
    inis[1] = declined;
    rc = save(db, 0, &in, &id, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 1, "%s: a declined proposal is refused",
       backend);
    ok(entries(db, m, true) == before, "%s: no refusal wrote anything", backend);
    inis[1] = accepted;
    rc = save(db, 0, &in, &id, &we);
    ok(rc == ERR_OK && learning_get(db, &a, id, &e) == ERR_OK && e.n_initiatives == 2,
       "%s: an accepted proposal is an initiative like any other", backend);

    /* an edit that would add one is refused, the entry as it was */
    inis[1] = archived;
    rc = save(db, id, &in, &id2, &we);
    ok(refused_as(rc, &we, "initiative_ids") && we.item == 1 &&
           learning_get(db, &a, id, &e) == ERR_OK && e.n_initiatives == 2 &&
           (e.initiatives[0].id == accepted || e.initiatives[1].id == accepted),
       "%s: an edit adding an archived initiative is refused, the entry as it was", backend);

    /* an initiative archived after the entry named it stays in its record */
    inis[1] = later;
    rc = save(db, id, &in, &id2, &we);
    ok(rc == ERR_OK && registry_initiative_archive(db, later, WHO, 1003) == ERR_OK,
       "%s: an entry names a live initiative, archived afterwards", backend);
    in.decision = "stop";
    rc = save(db, id, &in, &id2, &we);
    changes = last_changes(db, &a, "learning_entry", id, &action);
    ok(rc == ERR_OK && names_exactly(changes, (const char *const[]){"decision"}, 1),
       "%s: an edit that keeps it is saved, its audit entry naming the decision alone (%s)",
       backend, changes);
    arena_free(&a);
}

static void
test_all(struct db *db)
{
    int64_t m, other, ini, ini2, foreign_ini, obj, foreign_obj;

    m = both_mission(db, "learn");
    other = both_mission(db, "learn-other");
    ini = new_initiative(db, m, "prototypskolor");
    ini2 = new_initiative(db, m, "svinnjakten");
    foreign_ini = new_initiative(db, other, "gatuflytt");
    obj = new_objective(db, m, "Goda måltider");
    foreign_obj = new_objective(db, other, "Levande gator");
    ok(m > 0 && other > 0 && ini > 0 && ini2 > 0 && foreign_ini > 0 && obj > 0 && foreign_obj > 0,
       "%s: two missions, their initiatives and objectives", backend);
    test_entries(db, m, other, ini, ini2, foreign_ini, obj, foreign_obj);
    test_shown(db, m, ini);
    test_reviews(db, m, other);
}

int
main(void)
{
    return both_main("learning", test_all);
}
