/*
 * test_edit.c — the update and archive functions of src/domain (actor.c, person.c,
 * mission.c, indicator.c, initiative.c; write.c and change.c) and the audit history
 * (audit.c): each update changes exactly the fields it is given and records exactly
 * those in the audit entry's changes; an update that changes nothing writes nothing;
 * refusals name the field and change nothing; protected fields are refused by name;
 * archiving hides from the lists but not from the direct loads; an unknown or archived
 * id is ERR_NOTFOUND; the history comes newest first, a page at a time. On SQLite, and
 * on PostgreSQL when tests/run-all.sh has started its throwaway cluster; everything
 * happens in one transaction that is rolled back, so the shared test database keeps
 * nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "both.h"
#include "core/log.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/refdata.h"
#include "domain/settings.h"
#include "tap.h"

#define WHO "editor"

static int64_t t0; /* the clock the updates are given, moved forward by each */

/* The number of audit entries of one entity. */
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

/* The newest audit entry of one entity: its action and changes, copied into the buffers. */
static void
newest(struct db *db, const char *entity, int64_t id, char *action, size_t action_size,
       char *changes, size_t changes_size)
{
    struct page pg = {.limit = 1, .offset = 0};
    struct audit_entry *e;
    struct arena a;
    int64_t total;
    int n = 0;

    action[0] = changes[0] = '\0';
    arena_init(&a);
    if (audit_history(db, &a, entity, id, 0, &pg, &e, &n, &total) == ERR_OK && n == 1) {
        snprintf(action, action_size, "%s", e[0].action);
        snprintf(changes, changes_size, "%s", e[0].changes);
    }
    arena_free(&a);
}

/* The newest entry of an entity is `action` with exactly `changes`. */
static void
logged(struct db *db, const char *entity, int64_t id, const char *action, const char *changes,
       const char *what)
{
    char got_action[32], got[4096];

    newest(db, entity, id, got_action, sizeof(got_action), got, sizeof(got));
    ok(strcmp(got_action, action) == 0 && strcmp(got, changes) == 0,
       "%s: %s: the audit entry is %s with exactly the changed fields", backend, what, action);
    if (strcmp(got_action, action) != 0 || strcmp(got, changes) != 0)
        diag("got %s %s\n  want %s %s", got_action, got, action, changes);
}

/* A refusal: ERR_INVALID naming field, and no new audit entry of the entity. */
static void
refused(struct db *db, enum err rc, const struct write_error *e, const char *field,
        const char *entity, int64_t id, int64_t n_before, const char *what)
{
    ok(rc == ERR_INVALID && e->field != NULL && strcmp(e->field, field) == 0,
       "%s: %s is refused, naming %s (%s: %s)", backend, what, field, e->field ? e->field : "-",
       e->msg ? e->msg : "-");
    is_int(entries(db, entity, id), n_before, "  and leaves no audit entry");
}

static bool
in_actor_list(struct db *db, int64_t id)
{
    struct page pg = {.limit = 1000, .offset = 0};
    struct actor *xs;
    struct arena a;
    int64_t total;
    bool found = false;
    int n = 0, i;

    arena_init(&a);
    if (actor_list(db, &a, NULL, &pg, &xs, &n, &total) == ERR_OK)
        for (i = 0; i < n; i++)
            found = found || xs[i].id == id;
    arena_free(&a);
    return found;
}

/* ------------------------------------------------------------ actor */

static int64_t actor_a, actor_b;

static void
test_actor(struct db *db)
{
    static const char *const disc[] = {"urban design", "cycling"};
    static const char *const disc2[] = {"cycling", "planning"};
    struct actor_new in = {.slug = "edit-a",
                           .name = "Gatukontoret",
                           .orgnr = "212000-0142",
                           .sector = "public",
                           .municipality = "0180",
                           .disciplines = disc,
                           .n_disciplines = 2};
    struct actor_new b = {.slug = "edit-b", .name = "Cykelfrämjandet", .sector = "civil_society"};
    struct write_error e = {0};
    struct arena a;
    struct actor x;
    char action[32], changes[4096];
    int64_t n;
    bool changed = true;
    enum err rc;

    if (actor_create(db, &in, WHO, &actor_a, &e) != ERR_OK ||
        actor_create(db, &b, WHO, &actor_b, &e) != ERR_OK)
        bail_out("%s: cannot create the actors (%s: %s)", backend, e.field, e.msg);
    newest(db, "actor", actor_a, action, sizeof(action), changes, sizeof(changes));
    ok(strcmp(action, "create") == 0 &&
           strcmp(changes, "{\"slug\":[null,\"edit-a\"],\"name\":[null,\"Gatukontoret\"],"
                           "\"orgnr\":[null,\"212000-0142\"],\"sector\":[null,\"public\"],"
                           "\"municipality\":[null,\"0180\"],"
                           "\"disciplines\":[null,[\"urban design\",\"cycling\"]]}") == 0,
       "%s: a create records its values, before null (%s)", backend, changes);

    /* the same input again: nothing written, nothing logged */
    n = entries(db, "actor", actor_a);
    is_int(actor_update(db, actor_a, &in, WHO, t0, &changed, &e), ERR_OK,
           "an update with the stored values succeeds");
    ok(!changed, "  says nothing changed");
    is_int(entries(db, "actor", actor_a), n, "  and leaves no audit entry");
    /* the disciplines in another order are the same set */
    in.disciplines = (const char *const[]){"cycling", "urban design"};
    actor_update(db, actor_a, &in, WHO, t0, &changed, &e);
    ok(!changed, "  the same disciplines in another order are no change");

    in.name = "Trafikkontoret";
    in.disciplines = disc2;
    rc = actor_update(db, actor_a, &in, WHO, ++t0, &changed, &e);
    ok(rc == ERR_OK && changed, "%s: actor_update of the name and disciplines", backend);
    arena_init(&a);
    rc = actor_get(db, &a, actor_a, &x);
    ok(rc == ERR_OK && strcmp(x.name, "Trafikkontoret") == 0 && strcmp(x.slug, "edit-a") == 0 &&
           strcmp(x.orgnr, "212000-0142") == 0 && strcmp(x.municipality, "0180") == 0 &&
           x.n_disciplines == 2 && strcmp(x.disciplines[0], "cycling") == 0 &&
           strcmp(x.disciplines[1], "planning") == 0,
       "  the loader shows the new name and disciplines, the rest as it was");
    arena_free(&a);
    logged(db, "actor", actor_a, "update",
           "{\"name\":[\"Gatukontoret\",\"Trafikkontoret\"],"
           "\"disciplines\":[[\"cycling\",\"urban design\"],[\"cycling\",\"planning\"]]}",
           "actor name and disciplines");

    n = entries(db, "actor", actor_a);
    in.slug = "edit-b";
    in.name = "Not written";
    refused(db, actor_update(db, actor_a, &in, WHO, ++t0, &changed, &e), &e, "slug", "actor",
            actor_a, n, "another actor's slug");
    in.slug = "edit-a";
    in.orgnr = "bad";
    refused(db, actor_update(db, actor_a, &in, WHO, ++t0, &changed, &e), &e, "orgnr", "actor",
            actor_a, n, "a bad organisation number (the create check, shared)");
    in.orgnr = "212000-0142";
    in.sector = "guild";
    refused(db, actor_update(db, actor_a, &in, WHO, ++t0, &changed, &e), &e, "sector", "actor",
            actor_a, n, "an unknown sector");
    arena_init(&a);
    ok(actor_get(db, &a, actor_a, &x) == ERR_OK && strcmp(x.name, "Trafikkontoret") == 0 &&
           strcmp(x.sector, "public") == 0,
       "  the refusals changed nothing");
    arena_free(&a);
    in.sector = "public";
    in.name = "Trafikkontoret";
    is_int(actor_update(db, 999999, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "an unknown actor is ERR_NOTFOUND");

    /* archive */
    ok(in_actor_list(db, actor_a), "%s: the actor is listed", backend);
    is_int(actor_archive(db, actor_a, WHO, ++t0), ERR_OK, "actor_archive");
    ok(!in_actor_list(db, actor_a), "  the archived actor leaves the list");
    ok(in_actor_list(db, actor_b), "  the other stays");
    arena_init(&a);
    ok(actor_get(db, &a, actor_a, &x) == ERR_OK && x.archived_at == t0,
       "  actor_get still finds it, with archived_at");
    arena_free(&a);
    snprintf(changes, sizeof(changes), "{\"archived_at\":[null,%lld]}", (long long)t0);
    logged(db, "actor", actor_a, "archive", changes, "archive");
    n = entries(db, "actor", actor_a);
    is_int(actor_archive(db, actor_a, WHO, t0 + 1), ERR_OK, "  archiving it again is ERR_OK");
    is_int(entries(db, "actor", actor_a), n, "  and records nothing");
    is_int(actor_update(db, actor_a, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "  an update of the archived actor is ERR_NOTFOUND");
    is_int(actor_archive(db, 999999, WHO, t0), ERR_NOTFOUND,
           "archiving an unknown actor is ERR_NOTFOUND");
    is_int(actor_unarchive(db, actor_a, WHO, ++t0), ERR_OK, "actor_unarchive");
    ok(in_actor_list(db, actor_a), "  it is listed again");
    arena_init(&a);
    ok(actor_get(db, &a, actor_a, &x) == ERR_OK && x.archived_at == 0, "  and live");
    arena_free(&a);
}

/* ------------------------------------------------------------ person */

static int64_t person_p;

static void
test_person(struct db *db)
{
    struct person_new in = {.actor_id = 0,
                            .name = "Anna Berg",
                            .title_sv = "Samordnare",
                            .email = "anna.berg@example.org",
                            .phone = "+46 8 123 45"};
    struct write_error e = {0};
    char action[32], changes[4096];
    struct person *ps;
    struct page pg = {.limit = 1000, .offset = 0};
    struct arena a;
    struct person x;
    int64_t total, n;
    bool changed, listed;
    int np, i;

    if (person_create(db, &in, WHO, &person_p, &e) != ERR_OK)
        bail_out("%s: cannot create a person", backend);
    newest(db, "person", person_p, action, sizeof(action), changes, sizeof(changes));
    ok(strstr(changes, "@") == NULL && strstr(changes, "123") == NULL &&
           strstr(changes, "\"email\":[null,true]") != NULL &&
           strstr(changes, "\"phone\":[null,true]") != NULL,
       "%s: a person's create withholds the e-mail and phone (%s)", backend, changes);

    in.email = "anna@example.com";
    in.actor_id = actor_a;
    ok(person_update(db, person_p, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: person_update of the actor and e-mail", backend);
    snprintf(changes, sizeof(changes), "{\"actor_id\":[null,%lld],\"email\":[true,true]}",
             (long long)actor_a);
    logged(db, "person", person_p, "update", changes, "person actor and e-mail, value withheld");

    n = entries(db, "person", person_p);
    in.phone = "call me";
    refused(db, person_update(db, person_p, &in, WHO, ++t0, &changed, &e), &e, "phone", "person",
            person_p, n, "a phone number with letters");
    in.phone = NULL;
    in.actor_id = 999999;
    refused(db, person_update(db, person_p, &in, WHO, ++t0, &changed, &e), &e, "actor_id", "person",
            person_p, n, "an unknown actor");

    is_int(person_archive(db, person_p, WHO, ++t0), ERR_OK, "person_archive");
    arena_init(&a);
    listed = false;
    if (person_list(db, &a, &pg, &ps, &np, &total) == ERR_OK)
        for (i = 0; i < np; i++)
            listed = listed || ps[i].id == person_p;
    ok(!listed, "  the archived person leaves the list of people");
    ok(person_get(db, &a, person_p, &x) == ERR_OK && x.archived_at == t0,
       "  person_get still finds it, with archived_at");
    arena_free(&a);
    is_int(person_unarchive(db, person_p, WHO, ++t0), ERR_OK, "person_unarchive");
}

/* ------------------------------------------------------------ mission and team */

static int64_t mission_m, mission_other;

static bool
in_mission_list(struct db *db, int64_t id)
{
    struct mission *ms;
    struct arena a;
    bool found = false;
    int n = 0, i;

    arena_init(&a);
    if (mission_list(db, &a, &ms, &n) == ERR_OK)
        for (i = 0; i < n; i++)
            found = found || ms[i].id == id;
    arena_free(&a);
    return found;
}

static void
test_mission(struct db *db)
{
    static const char *const targets[] = {"11.2", "13.2"};
    static const char *const targets2[] = {"13.2", "3.6"};
    static const char *const bad_targets[] = {"11.2", "99.9"};
    struct mission_new in = {.slug = "edit-m",
                             .title_sv = "Gröna gator",
                             .goal_sv = "Hälften av resorna med cykel",
                             .deadline = "2030-12-31",
                             .start_year = 2024,
                             .status = "active",
                             .sdg_targets = targets,
                             .n_sdg_targets = 2};
    struct mission_new other = in;
    struct write_error e = {0};
    struct arena a;
    struct mission m;
    int64_t n;
    bool changed;

    other.slug = "edit-other";
    if (mission_create(db, &in, WHO, &mission_m, &e) != ERR_OK ||
        mission_create(db, &other, WHO, &mission_other, &e) != ERR_OK)
        bail_out("%s: cannot create the missions", backend);

    in.title_en = "Green streets";
    in.status = "in_dialogue";
    in.sdg_targets = targets2;
    ok(mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: mission_update of the English title, status and SDG targets", backend);
    arena_init(&a);
    ok(mission_get_id(db, &a, mission_m, &m) == ERR_OK &&
           strcmp(m.title_en, "Green streets") == 0 && strcmp(m.status, "in_dialogue") == 0 &&
           strcmp(m.title_sv, "Gröna gator") == 0 && strcmp(m.deadline, "2030-12-31") == 0 &&
           strcmp(m.slug, "edit-m") == 0,
       "  the loader shows them, the rest as it was");
    arena_free(&a);
    logged(db, "mission", mission_m, "update",
           "{\"title_en\":[\"\",\"Green streets\"],\"status\":[\"active\",\"in_dialogue\"],"
           "\"sdg_targets\":[[\"11.2\",\"13.2\"],[\"13.2\",\"3.6\"]]}",
           "mission");

    n = entries(db, "mission", mission_m);
    in.slug = "edit-renamed";
    in.title_sv = "Not written";
    refused(db, mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e), &e, "slug", "mission",
            mission_m, n, "a new slug (the mission's address)");
    in.slug = "edit-other";
    refused(db, mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e), &e, "slug", "mission",
            mission_m, n, "another mission's slug");
    in.slug = NULL;
    in.title_sv = "Gröna gator";
    in.deadline = "2030-02-30";
    refused(db, mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e), &e, "deadline",
            "mission", mission_m, n, "a deadline that is no day (the create check, shared)");
    in.deadline = "2030-12-31";
    in.start_year = 2031;
    refused(db, mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e), &e, "start_year",
            "mission", mission_m, n, "a start after the deadline");
    in.start_year = 2024;
    ok(mission_update(db, mission_m, &in, WHO, ++t0, &changed, &e) == ERR_OK && !changed,
       "%s: the slug left out (NULL) is accepted, and nothing changed", backend);
    is_int(entries(db, "mission", mission_m), n, "  nothing logged");

    refused(db, mission_set_sdg_targets(db, mission_m, bad_targets, 2, WHO, ++t0, &changed, &e), &e,
            "sdg_targets", "mission", mission_m, n, "an unknown SDG target");
    ok(e.item == 1, "  naming the item");
    ok(mission_set_sdg_targets(db, mission_m, targets, 2, WHO, ++t0, &changed, &e) == ERR_OK &&
           changed,
       "mission_set_sdg_targets replaces the set");
    logged(db, "mission", mission_m, "update",
           "{\"sdg_targets\":[[\"13.2\",\"3.6\"],[\"11.2\",\"13.2\"]]}", "SDG targets");

    is_int(mission_update(db, 999999, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "an unknown mission is ERR_NOTFOUND");
    is_int(mission_archive(db, mission_other, WHO, ++t0), ERR_OK, "mission_archive");
    ok(!in_mission_list(db, mission_other) && in_mission_list(db, mission_m),
       "  the archived mission leaves the list, the other stays");
    arena_init(&a);
    ok(mission_get(db, &a, "edit-other", &m) == ERR_OK && m.archived_at == t0,
       "  mission_get by slug still finds it, with archived_at");
    arena_free(&a);
    is_int(mission_update(db, mission_other, &other, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "  an update of the archived mission is ERR_NOTFOUND");
    is_int(mission_unarchive(db, mission_other, WHO, ++t0), ERR_OK, "mission_unarchive");
    ok(in_mission_list(db, mission_other), "  it is listed again");
}

static void
test_team(struct db *db)
{
    struct team_member_new in = {.mission_id = mission_m, .person_id = person_p, .role = "member"};
    struct team_member *tm;
    struct write_error e = {0};
    struct arena a;
    int64_t n;
    bool changed;
    int k = 0;

    if (team_member_create(db, &in, WHO, &e) != ERR_OK)
        bail_out("%s: cannot add a team member", backend);
    in.role = "analyst";
    in.is_contact = true;
    ok(team_member_update(db, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: team_member_update of the role and contact flag", backend);
    logged(db, "team_member", person_p, "update",
           "{\"role\":[\"member\",\"analyst\"],\"is_contact\":[0,1]}", "team member");
    n = entries(db, "team_member", person_p);
    in.role = "boss";
    refused(db, team_member_update(db, &in, WHO, ++t0, &changed, &e), &e, "role", "team_member",
            person_p, n, "an unknown team role");
    in.role = "analyst";
    in.person_id = 999999;
    is_int(team_member_update(db, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "someone not in the team is ERR_NOTFOUND");
    is_int(team_member_remove(db, mission_m, person_p, WHO, ++t0), ERR_OK, "team_member_remove");
    arena_init(&a);
    ok(mission_team(db, &a, mission_m, &tm, &k) == ERR_OK && k == 0,
       "  the team no longer lists the person");
    ok(person_get(db, &a, person_p, &(struct person){0}) == ERR_OK, "  the person stays");
    arena_free(&a);
    logged(db, "team_member", person_p, "remove",
           "{\"role\":[\"analyst\",null],\"is_contact\":[1,null]}", "removal");
    is_int(team_member_remove(db, mission_m, person_p, WHO, ++t0), ERR_NOTFOUND,
           "  removing again is ERR_NOTFOUND");
}

/* ------------------------------------------------------------ objective and indicator */

static int64_t objective_top, objective_sub, indicator_i;

static bool
has_indicator(struct db *db, int64_t mission, int64_t id)
{
    struct page pg = {.limit = 1000, .offset = 0};
    struct indicator *xs;
    struct arena a;
    int64_t total;
    bool in_mission = false, in_all = false;
    int n = 0, i;

    arena_init(&a);
    if (mission_indicators(db, &a, mission, &xs, &n) == ERR_OK)
        for (i = 0; i < n; i++)
            in_mission = in_mission || xs[i].id == id;
    if (indicator_list(db, &a, 0, &pg, &xs, &n, &total) == ERR_OK)
        for (i = 0; i < n; i++)
            in_all = in_all || xs[i].id == id;
    arena_free(&a);
    if (in_mission != in_all)
        diag("the mission's indicators and the list of all disagree");
    return in_mission && in_all;
}

static void
test_goal_tree(struct db *db)
{
    static const char *const dims[] = {"Kön"};
    static const char *const dims2[] = {"Kön", "Ålder"};
    struct objective_new o = {.mission_id = mission_m, .title_sv = "Fler cyklar", .weight = 1};
    struct indicator_new in = {.title_sv = "Andel cykelresor",
                               .unit_sv = "procent",
                               .decimals = 1,
                               .weight = 1,
                               .dimensions = dims,
                               .n_dimensions = 1,
                               .progress = {.target_kind = "none", .direction = "increase"}};
    struct write_error e = {0};
    struct objective_new other_o = o;
    struct objective *os;
    struct indicator ind;
    struct arena a;
    char changes[512];
    int64_t n, objective_elsewhere;
    bool changed, listed;
    int k, i;

    if (objective_create(db, &o, WHO, &objective_top, &e) != ERR_OK)
        bail_out("%s: cannot create an objective", backend);
    o.parent_id = objective_top;
    o.title_sv = "Säkra cykelvägar";
    if (objective_create(db, &o, WHO, &objective_sub, &e) != ERR_OK)
        bail_out("%s: cannot create a sub-objective", backend);
    other_o.mission_id = mission_other;
    if (objective_create(db, &other_o, WHO, &objective_elsewhere, &e) != ERR_OK)
        bail_out("%s: cannot create an objective elsewhere", backend);

    o.weight = 0.5;
    o.parent_id = 0;
    ok(objective_update(db, objective_sub, &o, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: objective_update of the weight and parent", backend);
    snprintf(changes, sizeof(changes), "{\"parent_id\":[%lld,null],\"weight\":[1,0.5]}",
             (long long)objective_top);
    logged(db, "objective", objective_sub, "update", changes, "objective");
    o.parent_id = objective_top;
    objective_update(db, objective_sub, &o, WHO, ++t0, &changed, &e);

    n = entries(db, "objective", objective_top);
    o.title_sv = "Fler cyklar";
    o.weight = 1;
    o.parent_id = objective_sub;
    refused(db, objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), &e, "parent_id",
            "objective", objective_top, n, "a parent under the objective itself (a cycle)");
    o.parent_id = objective_top;
    refused(db, objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), &e, "parent_id",
            "objective", objective_top, n, "the objective as its own parent");
    o.parent_id = objective_elsewhere;
    refused(db, objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), &e, "parent_id",
            "objective", objective_top, n, "a parent of another mission");
    o.parent_id = 0;
    o.mission_id = mission_other;
    refused(db, objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), &e, "mission_id",
            "objective", objective_top, n, "another mission (protected)");
    o.mission_id = 0;
    o.weight = -1;
    refused(db, objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), &e, "weight",
            "objective", objective_top, n, "a negative weight");

    in.objective_id = objective_sub;
    if (indicator_create(db, &in, WHO, &indicator_i, &e) != ERR_OK)
        bail_out("%s: cannot create an indicator (%s: %s)", backend, e.field, e.msg);
    /* the progress settings are settings_apply's: an update neither checks nor applies them */
    in.progress.target_kind = NULL;
    in.progress.direction = "sideways";
    in.unit_sv = "%";
    in.decimals = 0;
    in.source = "Trafikanalys";
    in.dimensions = dims2;
    in.n_dimensions = 2;
    ok(indicator_update(db, indicator_i, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: indicator_update of the unit, decimals, source and dimensions", backend);
    arena_init(&a);
    ok(indicator_get(db, &a, indicator_i, &ind) == ERR_OK && strcmp(ind.unit_sv, "%") == 0 &&
           ind.decimals == 0 && strcmp(ind.source, "Trafikanalys") == 0 &&
           strcmp(ind.direction, "increase") == 0 && ind.n_dimensions == 2 &&
           strcmp(ind.title_sv, "Andel cykelresor") == 0,
       "  the loader shows them; the direction (a progress setting) is as it was");
    arena_free(&a);
    logged(db, "indicator", indicator_i, "update",
           "{\"unit_sv\":[\"procent\",\"%\"],\"decimals\":[1,0],\"source\":[\"\",\"Trafikanalys\"],"
           "\"dimensions\":[[\"Kön\"],[\"Kön\",\"Ålder\"]]}",
           "indicator");

    if (!both_observation_raw(db, indicator_i, 2024, 12.5))
        bail_out("%s: cannot add an observation", backend);
    n = entries(db, "indicator", indicator_i);
    in.dimensions = dims;
    in.n_dimensions = 1;
    refused(db, indicator_update(db, indicator_i, &in, WHO, ++t0, &changed, &e), &e, "dimensions",
            "indicator", indicator_i, n, "new dimensions while there is data");
    in.dimensions = dims2;
    in.n_dimensions = 2;
    in.objective_id = objective_elsewhere;
    refused(db, indicator_update(db, indicator_i, &in, WHO, ++t0, &changed, &e), &e, "objective_id",
            "indicator", indicator_i, n, "an objective of another mission");
    in.objective_id = objective_top;
    in.decimals = 9;
    refused(db, indicator_update(db, indicator_i, &in, WHO, ++t0, &changed, &e), &e, "decimals",
            "indicator", indicator_i, n, "9 decimals (the create check, shared)");
    in.decimals = 0;
    ok(indicator_update(db, indicator_i, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: an indicator moves to another objective of its mission", backend);
    snprintf(changes, sizeof(changes), "{\"objective_id\":[%lld,%lld]}", (long long)objective_sub,
             (long long)objective_top);
    logged(db, "indicator", indicator_i, "update", changes, "indicator's objective");
    is_int(indicator_update(db, 999999, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "an unknown indicator is ERR_NOTFOUND");

    /* archiving: an objective with a live indicator or sub-objective is refused */
    is_int(objective_archive(db, objective_top, WHO, ++t0), ERR_CONFLICT,
           "an objective with a live sub-objective and indicator cannot be archived");
    ok(has_indicator(db, mission_m, indicator_i), "the indicator is listed");
    is_int(indicator_archive(db, indicator_i, WHO, ++t0), ERR_OK, "indicator_archive");
    ok(!has_indicator(db, mission_m, indicator_i),
       "  the archived indicator leaves the mission's indicators and the list of all");
    arena_init(&a);
    ok(indicator_get(db, &a, indicator_i, &ind) == ERR_OK && ind.archived_at == t0,
       "  indicator_get still finds it, with archived_at");
    arena_free(&a);
    is_int(objective_archive(db, objective_sub, WHO, ++t0), ERR_OK, "objective_archive");
    is_int(objective_archive(db, objective_top, WHO, ++t0), ERR_OK,
           "  the top one too, once nothing live hangs off it");
    arena_init(&a);
    listed = false;
    if (mission_objectives(db, &a, mission_m, &os, &k) == ERR_OK)
        for (i = 0; i < k; i++)
            listed = listed || os[i].id == objective_sub || os[i].id == objective_top;
    ok(!listed, "  archived objectives leave the goal tree");
    arena_free(&a);
    is_int(objective_update(db, objective_top, &o, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "  an update of an archived objective is ERR_NOTFOUND");
    o.mission_id = mission_m;
    o.parent_id = objective_top;
    o.weight = 1;
    n = entries(db, "objective", objective_top);
    refused(db, objective_create(db, &o, WHO, &objective_elsewhere, &e), &e, "parent_id",
            "objective", objective_top, n, "an archived parent");
    is_int(indicator_unarchive(db, indicator_i, WHO, ++t0), ERR_CONFLICT,
           "an indicator of an archived objective cannot be brought back");
    is_int(objective_unarchive(db, objective_sub, WHO, ++t0), ERR_CONFLICT,
           "  nor an objective under an archived one");
    is_int(objective_unarchive(db, objective_top, WHO, ++t0), ERR_OK, "objective_unarchive");
    is_int(objective_unarchive(db, objective_sub, WHO, ++t0), ERR_OK, "  and its sub-objective");
    is_int(indicator_unarchive(db, indicator_i, WHO, ++t0), ERR_OK, "indicator_unarchive");
    ok(has_indicator(db, mission_m, indicator_i), "  the indicator is listed again");
}

/* ------------------------------------------------------------ initiative, history */

static bool
in_initiatives(struct db *db, int64_t mission, int64_t id)
{
    struct initiative_filter f = {.mission_id = mission};
    struct page pg = {.limit = 1000, .offset = 0};
    struct initiative *xs;
    struct arena a;
    int64_t total;
    bool found = false;
    int n = 0, i;

    arena_init(&a);
    if (initiative_list(db, &a, &f, &pg, &xs, &n, &total) == ERR_OK)
        for (i = 0; i < n; i++)
            found = found || xs[i].id == id;
    arena_free(&a);
    return found;
}

static void
test_initiative(struct db *db)
{
    static const char *const targets[] = {"11.2"};
    static const char *const targets2[] = {"11.2", "13.2"};
    struct initiative_part parts[] = {{actor_b, "partner"}};
    struct initiative_part parts2[] = {{actor_a, "lead"}, {actor_b, "funder"}};
    int64_t objectives[] = {objective_top};
    struct initiative_new in = {.mission_id = mission_m,
                                .slug = "cykelgata",
                                .title_sv = "Cykelgata på Götgatan",
                                .origin = "top_down",
                                .status = "proposed",
                                .parts = parts,
                                .n_parts = 1,
                                .objective_ids = objectives,
                                .n_objectives = 1,
                                .sdg_targets = targets,
                                .n_sdg_targets = 1};
    struct initiative_new second = in;
    struct page pg = {.limit = 2, .offset = 0};
    struct audit_entry *h, *h2;
    struct write_error e = {0};
    struct initiative x;
    struct arena a;
    char changes[1024];
    int64_t id, id2, n, total, total2;
    bool changed;
    int nh, nh2;

    if (initiative_create(db, &in, WHO, &id, &e) != ERR_OK)
        bail_out("%s: cannot create an initiative (%s: %s)", backend, e.field, e.msg);
    second.slug = "laddgata";
    if (initiative_create(db, &second, WHO, &id2, &e) != ERR_OK)
        bail_out("%s: cannot create a second initiative", backend);

    in.status = "running";
    in.lead_actor_id = actor_a;
    in.has_budget = true;
    in.budget_sek = 250000;
    in.parts = parts2;
    in.n_parts = 2;
    in.n_objectives = 0;
    in.sdg_targets = targets2;
    in.n_sdg_targets = 2;
    ok(initiative_update(db, id, &in, WHO, ++t0, &changed, &e) == ERR_OK && changed,
       "%s: initiative_update of the status, lead, budget and every link", backend);
    arena_init(&a);
    ok(initiative_get(db, &a, id, &x) == ERR_OK && strcmp(x.status, "running") == 0 &&
           x.lead_actor_id == actor_a && x.has_budget && x.budget_sek == 250000 &&
           x.n_actors == 2 && x.n_objectives == 0 && x.n_sdg_targets == 2 &&
           strcmp(x.slug, "cykelgata") == 0 && strcmp(x.origin, "top_down") == 0,
       "  the loader shows them, the rest as it was");
    arena_free(&a);
    snprintf(changes, sizeof(changes),
             "{\"status\":[\"proposed\",\"running\"],\"lead_actor_id\":[null,%lld],"
             "\"budget_sek\":[null,250000],"
             "\"parts\":[[{\"actor_id\":%lld,\"role\":\"partner\"}],"
             "[{\"actor_id\":%lld,\"role\":\"lead\"},{\"actor_id\":%lld,\"role\":\"funder\"}]],"
             "\"objective_ids\":[[%lld],[]],\"sdg_targets\":[[\"11.2\"],[\"11.2\",\"13.2\"]]}",
             (long long)actor_a, (long long)actor_b, (long long)actor_a, (long long)actor_b,
             (long long)objective_top);
    logged(db, "initiative", id, "update", changes, "initiative");
    ok(initiative_update(db, id, &in, WHO, ++t0, &changed, &e) == ERR_OK && !changed,
       "  the same again changes nothing");

    n = entries(db, "initiative", id);
    in.slug = "laddgata";
    refused(db, initiative_update(db, id, &in, WHO, ++t0, &changed, &e), &e, "slug", "initiative",
            id, n, "another initiative's slug");
    in.slug = "cykelgata";
    in.mission_id = mission_other;
    refused(db, initiative_update(db, id, &in, WHO, ++t0, &changed, &e), &e, "mission_id",
            "initiative", id, n, "another mission (protected)");
    in.mission_id = 0;
    in.parts = (struct initiative_part[]){{actor_b, "lead"}};
    in.n_parts = 1;
    refused(db, initiative_update(db, id, &in, WHO, ++t0, &changed, &e), &e, "parts", "initiative",
            id, n, "a lead that is not the lead actor (the create check, shared)");
    in.parts = parts2;
    in.n_parts = 2;
    in.end_date = "2020-01-01";
    in.start_date = "2021-01-01";
    refused(db, initiative_update(db, id, &in, WHO, ++t0, &changed, &e), &e, "end_date",
            "initiative", id, n, "an end before the start");
    in.start_date = in.end_date = NULL;
    is_int(initiative_update(db, 999999, &in, WHO, ++t0, &changed, &e), ERR_NOTFOUND,
           "an unknown initiative is ERR_NOTFOUND");

    is_int(initiative_archive(db, id, WHO, ++t0), ERR_OK, "initiative_archive");
    ok(!in_initiatives(db, 0, id) && !in_initiatives(db, mission_m, id),
       "  the archived initiative leaves the lists, of all and of its mission");
    ok(in_initiatives(db, 0, id2), "  the other stays");
    arena_init(&a);
    ok(initiative_get(db, &a, id, &x) == ERR_OK && x.archived_at == t0,
       "  initiative_get still finds it, with archived_at");
    arena_free(&a);
    is_int(initiative_unarchive(db, id, WHO, ++t0), ERR_OK, "initiative_unarchive");

    /* an archived mission: the lists across missions leave its initiatives out, its own do not */
    is_int(mission_archive(db, mission_m, WHO, ++t0), ERR_OK, "the mission archived");
    ok(!in_initiatives(db, 0, id2), "  its initiatives leave the list across missions");
    ok(in_initiatives(db, mission_m, id2), "  its own list still has them (no cascade)");
    {
        struct page all = {.limit = 1000, .offset = 0};
        struct indicator *xs;
        int64_t n_all;
        bool in_all = false, in_own = false;
        int k, i;

        arena_init(&a);
        if (indicator_list(db, &a, 0, &all, &xs, &k, &n_all) == ERR_OK)
            for (i = 0; i < k; i++)
                in_all = in_all || xs[i].id == indicator_i;
        if (indicator_list(db, &a, mission_m, &all, &xs, &k, &n_all) == ERR_OK)
            for (i = 0; i < k; i++)
                in_own = in_own || xs[i].id == indicator_i;
        ok(!in_all && in_own, "  its indicators leave the list of all, not the mission's own");
        ok(in_mission_list(db, mission_other), "  the other mission is still listed");
        arena_free(&a);
    }
    is_int(mission_unarchive(db, mission_m, WHO, ++t0), ERR_OK, "  and brought back");

    /* history: newest first, paged */
    arena_init(&a);
    ok(audit_history(db, &a, "initiative", id, 0, &pg, &h, &nh, &total) == ERR_OK && total == 4 &&
           nh == 2 && strcmp(h[0].action, "unarchive") == 0 &&
           strcmp(h[1].action, "archive") == 0 && h[0].at > h[1].at && strcmp(h[0].who, WHO) == 0 &&
           h[0].entity_id == id && h[0].mission_id == mission_m,
       "%s: an initiative's history, newest first: unarchive, archive (of %lld)", backend,
       (long long)total);
    pg.offset = 2;
    ok(audit_history(db, &a, "initiative", id, 0, &pg, &h2, &nh2, &total2) == ERR_OK &&
           total2 == 4 && nh2 == 2 && strcmp(h2[0].action, "update") == 0 &&
           strcmp(h2[1].action, "create") == 0 && h2[0].id != h[1].id,
       "  the second page: update, create");
    pg.offset = 0;
    pg.limit = 100;
    ok(audit_history(db, &a, NULL, 0, mission_m, &pg, &h, &nh, &total) == ERR_OK && total == nh &&
           nh >= 10,
       "the mission's history holds everything of it (%d entries)", nh);
    {
        bool ordered = true, has_team = false, has_indicator_entry = false, has_initiative = false;
        int i;

        for (i = 0; i < nh; i++) {
            if (i > 0 &&
                (h[i].at > h[i - 1].at || (h[i].at == h[i - 1].at && h[i].id > h[i - 1].id)))
                ordered = false;
            has_team = has_team || strcmp(h[i].entity, "team_member") == 0;
            has_indicator_entry = has_indicator_entry || strcmp(h[i].entity, "indicator") == 0;
            has_initiative = has_initiative || strcmp(h[i].entity, "initiative") == 0;
        }
        ok(ordered, "  newest first");
        ok(has_team && has_indicator_entry && has_initiative,
           "  with its team, indicators and initiatives");
    }
    arena_free(&a);
}

/* settings_apply commits its own transaction: its fixtures are committed, with a slug of
 * this run (on PostgreSQL the test cluster is shared by the suites). */
static void
test_settings(struct db *db)
{
    struct mission_new m = {.title_sv = "Inställningar",
                            .goal_sv = "Mål",
                            .deadline = "2030-12-31",
                            .start_year = 2024,
                            .status = "active"};
    struct objective_new o = {.title_sv = "Delmål", .weight = 1};
    struct indicator_new in = {.title_sv = "Mått",
                               .decimals = 1,
                               .weight = 1,
                               .progress = {.target_kind = "none", .direction = "increase"}};
    struct indicator_settings s = {.target_kind = "absolute",
                                   .has_target_value = true,
                                   .target_value = 50,
                                   .target_year = 2030,
                                   .direction = "increase"};
    struct write_error e = {0};
    const char *field, *msg;
    struct arena a;
    char slug[64];
    int64_t mission, objective, indicator;

    snprintf(slug, sizeof(slug), "edit-settings-%lld-%ld", (long long)time(NULL), (long)getpid());
    m.slug = slug;
    if (db_begin(db) != ERR_OK || mission_create(db, &m, WHO, &mission, &e) != ERR_OK)
        bail_out("%s: cannot create the settings mission", backend);
    o.mission_id = mission;
    if (objective_create(db, &o, WHO, &objective, &e) != ERR_OK)
        bail_out("%s: cannot create the settings objective", backend);
    in.objective_id = objective;
    if (indicator_create(db, &in, WHO, &indicator, &e) != ERR_OK || db_commit(db) != ERR_OK)
        bail_out("%s: cannot create the settings indicator", backend);
    arena_init(&a);
    is_int(settings_apply(db, &a, indicator, &s, WHO, &field, &msg), ERR_OK,
           "settings_apply of a target");
    logged(db, "indicator", indicator, "update",
           "{\"target_kind\":[\"none\",\"absolute\"],\"target_value\":[null,50],"
           "\"target_year\":[null,2030]}",
           "progress settings");
    s.has_thresholds = true;
    s.high = 2;
    s.med = 1;
    s.low = 0.5;
    settings_apply(db, &a, indicator, &s, WHO, &field, &msg);
    logged(db, "indicator", indicator, "update",
           "{\"threshold_high\":[null,2],\"threshold_med\":[null,1],"
           "\"threshold_low\":[null,0.5]}",
           "progress thresholds");
    arena_free(&a);
}

static void
test_all(struct db *db)
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
    t0 = (int64_t)time(NULL) + 1000;
    test_actor(db);
    test_person(db);
    test_mission(db);
    test_team(db);
    test_goal_tree(db);
    test_initiative(db);
    db_rollback(db);
    test_settings(db);
}

int
main(void)
{
    return both_main("edit", test_all);
}
