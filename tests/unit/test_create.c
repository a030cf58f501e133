/*
 * test_create.c — the create functions of src/domain (actor.c, person.c, mission.c,
 * indicator.c, initiative.c) and write.c: every create function
 * stores what it is given (read back through the loaders the pages use),
 * refuses bad input naming the field and writing nothing, runs inside the
 * caller's transaction (a rollback takes its rows away), and leaves an audit
 * entry; on SQLite, and on PostgreSQL when tests/run-all.sh has started its
 * throwaway cluster (SAMVERKA_TEST_PG_DIR, SAMVERKA_TEST_PG_PORT). On
 * PostgreSQL everything happens in one transaction that is rolled back, so
 * the shared test database keeps nothing.
 *
 * Also the demo loader's reports: a bad demo file fails with its file, line
 * and column, and changes nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "domain/actor.h"
#include "domain/audit.h"
#include "domain/demo.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/refdata.h"
#include "domain/sdg.h"
#include "tap.h"

#define WHO "test"

static const char *backend = "sqlite";

static int64_t
count(struct db *db, enum q q)
{
    struct db_stmt *st = db_stmt(db, q);
    int64_t v = -1;
    bool row = false;

    if (st == NULL)
        return -1;
    if (q == Q_ACTOR_COUNT)
        db_bind_text(st, 1, "");
    if (q == Q_INDICATOR_COUNT)
        db_bind_i64(st, 1, 0);
    if (db_step(st, &row) == ERR_OK && row)
        v = db_i64(st, 0);
    db_done(st);
    return v;
}

/* Rows in the tables the create functions write, summed: unchanged by a refusal. */
static int64_t
rows(struct db *db)
{
    struct initiative_filter f = {0};
    struct page pg = {.limit = 1, .offset = 0};
    struct initiative *in;
    struct mission *ms;
    struct arena a;
    int64_t total = 0, n_init = 0;
    int n = 0, i, k;

    arena_init(&a);
    if (initiative_list(db, &a, &f, &pg, &in, &k, &n_init) != ERR_OK)
        n_init = -1000;
    if (mission_list(db, &a, &ms, &n) != ERR_OK)
        n = -1000;
    for (i = 0; i < n; i++) {
        struct team_member *tm;
        struct objective *o;

        if (mission_team(db, &a, ms[i].id, &tm, &k) == ERR_OK)
            total += k;
        if (mission_objectives(db, &a, ms[i].id, &o, &k) == ERR_OK)
            total += k;
        total += ms[i].n_initiatives + ms[i].n_actors;
    }
    arena_free(&a);
    return total + n + n_init + count(db, Q_ACTOR_COUNT) + count(db, Q_PERSON_COUNT) +
           count(db, Q_INDICATOR_COUNT);
}

/* A refusal: ERR_INVALID naming field (and item, -1 for none), nothing written. */
static void
refused(struct db *db, int64_t before, enum err rc, const struct write_error *e, const char *field,
        int item, const char *what)
{
    ok(rc == ERR_INVALID && e->field != NULL && strcmp(e->field, field) == 0 && e->item == item,
       "%s: %s is refused, naming %s%s (%s: %s, item %d)", backend, what, field,
       item >= 0 ? " and its item" : "", e->field ? e->field : "-", e->msg ? e->msg : "-", e->item);
    is_int(rows(db), before, "  nothing was written");
}

static bool
audited(struct db *db, const char *entity, int64_t id)
{
    struct accountability acc;

    return accountability_get(db, "/", entity, id, 0, &acc) == ERR_OK && acc.last_updated > 0;
}

/* ------------------------------------------------------------ actor, person */

static int64_t actor_a, actor_b, person_a;

static void
test_actor(struct db *db)
{
    static const char *const disc[] = {"urban design", "cycling"};
    static const char *const twice[] = {"cycling", "cycling"};
    struct actor_new in = {.slug = "test-aktor",
                           .name = "Testaktören",
                           .orgnr = "2021005216",
                           .sector = "academia",
                           .sni = "72190",
                           .municipality = "0180",
                           .website = "https://example.org/a",
                           .description_sv = "Två\nrader.",
                           .description_en = "",
                           .disciplines = disc,
                           .n_disciplines = 2,
                           .is_demo = false};
    struct actor_new bad;
    struct write_error e;
    struct actor x;
    struct arena a;
    char long_name[WRITE_MAX_LINE + 2];
    int64_t before;
    enum err rc;

    arena_init(&a);
    rc = actor_create(db, &in, WHO, &actor_a, &e);
    ok(rc == ERR_OK && actor_a > 0, "%s: actor_create stores an actor (%s)", backend,
       rc ? e.msg : "ok");
    ok(actor_get(db, &a, actor_a, &x) == ERR_OK, "%s: it reads back", backend);
    ok(strcmp(x.slug, "test-aktor") == 0 && strcmp(x.name, "Testaktören") == 0 &&
           strcmp(x.sector, "academia") == 0 && strcmp(x.sni, "72190") == 0 &&
           strcmp(x.municipality, "0180") == 0 && strcmp(x.website, "https://example.org/a") == 0 &&
           strcmp(x.description_sv, "Två\nrader.") == 0 && !x.is_demo,
       "%s: every field as given", backend);
    is_str(x.orgnr, "202100-5216", "  the organisation number in its canonical form");
    ok(x.n_disciplines == 2 && strcmp(x.disciplines[0], "cycling") == 0 &&
           strcmp(x.disciplines[1], "urban design") == 0,
       "  its disciplines");
    ok(audited(db, "actor", actor_a), "  and an audit entry");
    in.slug = "test-aktor-b";
    in.orgnr = NULL;
    in.sector = "private";
    in.sni = in.municipality = in.website = NULL;
    in.n_disciplines = 0;
    rc = actor_create(db, &in, WHO, &actor_b, &e);
    ok(rc == ERR_OK && actor_b > actor_a, "%s: an actor with only the required fields", backend);
    ok(actor_get(db, &a, actor_b, &x) == ERR_OK && x.orgnr == NULL && x.website == NULL &&
           x.sni == NULL && x.municipality == NULL,
       "  its optional fields are none (NULL)");

    before = rows(db);
    memset(long_name, 'x', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
#define BAD(field, item, what, change)                                                             \
    do {                                                                                           \
        int64_t id_ = 0;                                                                           \
        bad = in;                                                                                  \
        bad.slug = "test-aktor-c";                                                                 \
        change;                                                                                    \
        rc = actor_create(db, &bad, WHO, &id_, &e);                                                \
        refused(db, before, rc, &e, field, item, what);                                            \
    } while (0)
    BAD("slug", -1, "a slug with capitals and a space", bad.slug = "Test Aktor");
    BAD("slug", -1, "a slug that is taken", bad.slug = "test-aktor");
    BAD("name", -1, "an empty name", bad.name = "");
    BAD("name", -1, "a name over WRITE_MAX_LINE bytes", bad.name = long_name);
    is_str(e.msg, "is longer than 300 bytes", "  the message gives the limit");
    BAD("name", -1, "a name with a control character", bad.name = "a\x1b[1mb");
    BAD("name", -1, "a name with a line break", bad.name = "a\nb");
    BAD("orgnr", -1, "an organisation number with a wrong check digit", bad.orgnr = "2021005217");
    BAD("orgnr", -1, "an organisation number that is taken", bad.orgnr = "202100-5216");
    BAD("sector", -1, "an unknown sector", bad.sector = "government");
    BAD("sni", -1, "an unknown SNI code", bad.sni = "99999");
    BAD("municipality", -1, "an unknown municipality", bad.municipality = "9999");
    BAD("website", -1, "a javascript: website", bad.website = "javascript:alert(1)");
    BAD("description_sv", -1, "a description that is not UTF-8", bad.description_sv = "\xff");
    BAD("disciplines", 1, "a discipline twice", (bad.disciplines = twice, bad.n_disciplines = 2));
#undef BAD
    arena_free(&a);
}

static void
test_person(struct db *db)
{
    struct person_new in = {.actor_id = 0,
                            .name = "Testa Person",
                            .title_sv = "Testare",
                            .title_en = "Tester",
                            .email = "testa@example.org",
                            .phone = "+46 70-000 00 99",
                            .is_demo = true};
    struct person_new bad;
    struct write_error e;
    struct person p;
    struct arena a;
    int64_t before, id;
    enum err rc;

    arena_init(&a);
    in.actor_id = actor_a;
    rc = person_create(db, &in, WHO, &person_a, &e);
    ok(rc == ERR_OK && person_a > 0, "%s: person_create stores a person (%s)", backend,
       rc ? e.msg : "ok");
    ok(person_get(db, &a, person_a, &p) == ERR_OK && p.actor_id == actor_a &&
           strcmp(p.name, "Testa Person") == 0 && strcmp(p.title_en, "Tester") == 0,
       "%s: it reads back with its actor", backend);
    before = rows(db);
    bad = in;
    bad.actor_id = 99999999;
    rc = person_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "actor_id", -1, "an actor that does not exist");
    bad = in;
    bad.email = "testa.example.org";
    rc = person_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "email", -1, "an e-mail address without @");
    bad = in;
    bad.email = "a@b@c";
    rc = person_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "email", -1, "an e-mail address with two @");
    bad = in;
    bad.phone = "call me";
    rc = person_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "phone", -1, "a phone number with letters");
    bad = in;
    bad.name = NULL;
    rc = person_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "name", -1, "no name");
    arena_free(&a);
}

/* ------------------------------------------------------------ mission, objective */

static int64_t mission_a, mission_b, objective_a, objective_b, objective_other;

static void
test_mission(struct db *db)
{
    static const char *const targets[] = {"12.3", "2.1"};
    static const char *const unknown[] = {"12.3", "99.9"};
    struct mission_new in = {.slug = "testmission",
                             .title_sv = "Testmission",
                             .title_en = "Test mission",
                             .goal_sv = "Allt ska testas",
                             .goal_en = "Everything is tested",
                             .description_sv = "*Markdown*\n\nmed stycken",
                             .deadline = "2030-12-31",
                             .start_year = 2024,
                             .status = "active",
                             .sdg_targets = targets,
                             .n_sdg_targets = 2};
    struct mission_new bad;
    struct sdg_target *t;
    struct write_error e;
    struct mission m, *ms;
    struct arena a;
    int64_t before, id;
    enum err rc;
    int n;

    arena_init(&a);
    in.owner_id = person_a;
    rc = mission_create(db, &in, WHO, &mission_a, &e);
    ok(rc == ERR_OK && mission_a > 0, "%s: mission_create stores a mission (%s)", backend,
       rc ? e.msg : "ok");
    ok(mission_get(db, &a, "testmission", &m) == ERR_OK && m.id == mission_a &&
           strcmp(m.goal_en, "Everything is tested") == 0 &&
           strcmp(m.deadline, "2030-12-31") == 0 && m.start_year == 2024 &&
           m.owner_id == person_a && !m.is_demo,
       "%s: it reads back", backend);
    ok(mission_sdg_targets(db, &a, mission_a, &t, &n) == ERR_OK && n == 2 &&
           strcmp(t[0].code, "2.1") == 0 && strcmp(t[1].code, "12.3") == 0,
       "  with its SDG targets");
    ok(audited(db, "mission", mission_a), "  and an audit entry");
    in.slug = "testmission-b";
    in.owner_id = 0;
    in.n_sdg_targets = 0;
    rc = mission_create(db, &in, WHO, &mission_b, &e);
    ok(rc == ERR_OK && mission_list(db, &a, &ms, &n) == ERR_OK && n >= 2 &&
           ms[n - 2].id == mission_a && ms[n - 1].id == mission_b,
       "%s: a new mission comes after the others", backend);

    before = rows(db);
#define BAD(field, item, what, change)                                                             \
    do {                                                                                           \
        bad = in;                                                                                  \
        bad.slug = "testmission-c";                                                                \
        change;                                                                                    \
        rc = mission_create(db, &bad, WHO, &id, &e);                                               \
        refused(db, before, rc, &e, field, item, what);                                            \
    } while (0)
    BAD("slug", -1, "a slug that is taken", bad.slug = "testmission");
    BAD("slug", -1, "a slug ending with -", bad.slug = "test-");
    BAD("title_sv", -1, "no Swedish title", bad.title_sv = "");
    BAD("goal_sv", -1, "no goal", bad.goal_sv = NULL);
    BAD("deadline", -1, "no deadline", bad.deadline = NULL);
    BAD("deadline", -1, "30 February", bad.deadline = "2030-02-30");
    BAD("deadline", -1, "a deadline that is no date", bad.deadline = "2030-1-1");
    BAD("start_year", -1, "a start after the deadline", bad.start_year = 2031);
    BAD("start_year", -1, "a start year before 1900", bad.start_year = 1066);
    BAD("status", -1, "an unknown status", bad.status = "done");
    BAD("owner_id", -1, "an owner who does not exist", bad.owner_id = 99999999);
    BAD("sdg_targets", 1, "an unknown SDG target",
        (bad.sdg_targets = unknown, bad.n_sdg_targets = 2));
#undef BAD
    arena_free(&a);
}

static void
test_objective(struct db *db)
{
    struct objective_new in = {.title_sv = "Delmål", .title_en = "Objective", .weight = 1};
    struct objective_new bad;
    struct objective *o;
    struct write_error e;
    struct arena a;
    int64_t before, id, second;
    enum err rc;
    int n;

    arena_init(&a);
    in.mission_id = mission_a;
    rc = objective_create(db, &in, WHO, &objective_a, &e);
    ok(rc == ERR_OK, "%s: objective_create stores a top-level objective (%s)", backend,
       rc ? e.msg : "ok");
    in.parent_id = objective_a;
    in.weight = 0.5;
    rc = objective_create(db, &in, WHO, &objective_b, &e);
    ok(rc == ERR_OK, "%s: and one under it", backend);
    in.parent_id = 0;
    rc = objective_create(db, &in, WHO, &second, &e);
    ok(rc == ERR_OK && mission_objectives(db, &a, mission_a, &o, &n) == ERR_OK && n == 3 &&
           o[0].id == objective_a && o[0].parent_id == 0 && o[1].id == objective_b &&
           o[1].parent_id == objective_a && o[1].weight == 0.5 && o[2].id == second,
       "%s: they read back in order: the first of each level before the next", backend);
    in.mission_id = mission_b;
    rc = objective_create(db, &in, WHO, &objective_other, &e);
    ok(rc == ERR_OK, "%s: an objective of the other mission", backend);

    before = rows(db);
    bad = in;
    bad.mission_id = mission_a;
    bad.parent_id = objective_other;
    rc = objective_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "parent_id", -1, "a parent of another mission");
    bad = in;
    bad.mission_id = 0;
    rc = objective_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "mission_id", -1, "no mission");
    bad = in;
    bad.weight = -1;
    rc = objective_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "weight", -1, "a negative weight");
    bad = in;
    bad.weight = NAN;
    rc = objective_create(db, &bad, WHO, &id, &e);
    refused(db, before, rc, &e, "weight", -1, "a weight that is not a number");
    arena_free(&a);
}

/* ------------------------------------------------------------ indicator */

static void
test_indicator(struct db *db)
{
    static const char *const dims[] = {"Sex", "Age"};
    static const char *const sdg[] = {"12.3.1"};
    static const char *const source_dim[] = {"Sex", "Source"};
    static const char *const formula_dim[] = {"=cmd"};
    static const char *const unknown_sdg[] = {"99.9.9"};
    struct indicator_new in = {.title_sv = "Indikator",
                               .title_en = "Indicator",
                               .unit_sv = "procent",
                               .decimals = 1,
                               .source = "SCB",
                               .source_url = "https://www.scb.se",
                               .weight = 1,
                               .dimensions = dims,
                               .n_dimensions = 2,
                               .sdg_indicators = sdg,
                               .n_sdg_indicators = 1};
    struct indicator_new bad;
    struct write_error e;
    struct indicator ind;
    struct arena a;
    int64_t before, id, first;
    enum err rc;

    arena_init(&a);
    in.objective_id = objective_b;
    in.progress = (struct indicator_settings){.has_base_year = true,
                                              .base_year = 2020,
                                              .has_base_value = true,
                                              .base_value = 40,
                                              .target_kind = "relative",
                                              .has_target_value = true,
                                              .target_value = -50,
                                              .target_year = 2030,
                                              .direction = "decrease"};
    rc = indicator_create(db, &in, WHO, &first, &e);
    ok(rc == ERR_OK, "%s: indicator_create stores an indicator (%s)", backend, rc ? e.msg : "ok");
    ok(indicator_get(db, &a, first, &ind) == ERR_OK && ind.mission_id == mission_a &&
           ind.objective_id == objective_b && strcmp(ind.direction, "decrease") == 0 &&
           ind.has_base && ind.base_year == 2020 && ind.base_value == 40 &&
           strcmp(ind.target_kind, "relative") == 0 && ind.target_value == -50 &&
           ind.target_year == 2030 && ind.decimals == 1 && strcmp(ind.source, "SCB") == 0,
       "%s: it reads back, in its objective's mission", backend);
    ok(ind.n_dimensions == 2 && strcmp(ind.dimensions[0], "Sex") == 0 &&
           strcmp(ind.dimensions[1], "Age") == 0,
       "  with its disaggregation columns in order");
    ok(audited(db, "indicator", first), "  and an audit entry");
    in.progress.target_kind = "none";
    in.progress.has_target_value = false;
    in.progress.has_base_year = in.progress.has_base_value = false;
    in.n_dimensions = in.n_sdg_indicators = 0;
    in.source_url = NULL;
    rc = indicator_create(db, &in, WHO, &id, &e);
    ok(rc == ERR_OK && indicator_get(db, &a, id, &ind) == ERR_OK && !ind.has_base &&
           !ind.has_target && ind.source_url == NULL && ind.n_dimensions == 0,
       "%s: an indicator without base, target or breakdowns", backend);

    before = rows(db);
    in.progress.target_kind = "absolute";
    in.progress.has_target_value = true;
    in.progress.target_value = 10;
#define BAD(field, item, what, change)                                                             \
    do {                                                                                           \
        bad = in;                                                                                  \
        change;                                                                                    \
        rc = indicator_create(db, &bad, WHO, &id, &e);                                             \
        refused(db, before, rc, &e, field, item, what);                                            \
    } while (0)
    BAD("objective_id", -1, "an objective that does not exist", bad.objective_id = 99999999);
    BAD("direction", -1, "an unknown direction", bad.progress.direction = "up");
    BAD("target_kind", -1, "an unknown kind of target", bad.progress.target_kind = "double");
    BAD("target_year", -1, "a target year before the base year",
        (bad.progress.has_base_year = true, bad.progress.base_year = 2020,
         bad.progress.target_year = 2019));
    BAD("headline", -1, "a headline before there is data", bad.progress.headline = "Sex=F");
    BAD("decimals", -1, "7 decimals", bad.decimals = 7);
    BAD("source_url", -1, "a source address without a scheme", bad.source_url = "www.scb.se");
    BAD("dimensions", 1, "a column the data format reserves (Source)",
        (bad.dimensions = source_dim, bad.n_dimensions = 2));
    BAD("dimensions", 0, "a column name a spreadsheet runs",
        (bad.dimensions = formula_dim, bad.n_dimensions = 1));
    BAD("sdg_indicators", 0, "an unknown SDG indicator",
        (bad.sdg_indicators = unknown_sdg, bad.n_sdg_indicators = 1));
#undef BAD
    arena_free(&a);
}

/* ------------------------------------------------------------ initiative, team */

static void
test_initiative(struct db *db)
{
    static const char *const targets[] = {"11.2"};
    struct initiative_part parts[] = {{0, "partner"}, {0, "funder"}};
    struct initiative_part bad_parts[2];
    int64_t objectives[] = {0, 0};
    struct initiative_new in = {.slug = "testinitiativ",
                                .title_sv = "Testinitiativ",
                                .summary_sv = "- en\n- lista",
                                .origin = "bottom_up",
                                .status = "running",
                                .start_date = "2024-02-29",
                                .end_date = "2025-01-31",
                                .has_budget = true,
                                .budget_sek = 1500000,
                                .funding = "Vinnova",
                                .parts = parts,
                                .n_parts = 1,
                                .objective_ids = objectives,
                                .n_objectives = 2,
                                .sdg_targets = targets,
                                .n_sdg_targets = 1};
    struct initiative_filter f = {0};
    struct page pg = {.limit = 100, .offset = 0};
    struct initiative_new bad;
    struct initiative n, *list;
    struct write_error e;
    struct arena a;
    int64_t before, id, other, total;
    enum err rc;
    int k, i;
    bool found;

    arena_init(&a);
    in.mission_id = mission_a;
    in.lead_actor_id = actor_a;  /* academia */
    parts[0].actor_id = actor_b; /* private */
    objectives[0] = objective_b;
    objectives[1] = objective_a;
    rc = initiative_create(db, &in, WHO, &id, &e);
    ok(rc == ERR_OK, "%s: initiative_create stores an initiative whose lead is no participant (%s)",
       backend, rc ? e.msg : "ok");
    ok(initiative_get(db, &a, id, &n) == ERR_OK && n.lead_actor_id == actor_a && n.n_actors == 1 &&
           n.actors[0].actor_id == actor_b && strcmp(n.actors[0].role, "partner") == 0 &&
           n.has_budget && n.budget_sek == 1500000 && strcmp(n.start_date, "2024-02-29") == 0 &&
           n.n_objectives == 2 && n.n_sdg_targets == 1 && strcmp(n.sdg_targets[0], "11.2") == 0,
       "%s: it reads back: the lead, one participant, both objectives, its SDG target", backend);
    ok(audited(db, "initiative", id), "  and an audit entry");
    f.sector = "academia";
    found = false;
    if (initiative_list(db, &a, &f, &pg, &list, &k, &total) == ERR_OK)
        for (i = 0; i < k; i++)
            found = found || list[i].id == id;
    ok(found, "%s: the sector filter lists it under its lead's sector", backend);
    f.sector = "private";
    found = false;
    if (initiative_list(db, &a, &f, &pg, &list, &k, &total) == ERR_OK)
        for (i = 0; i < k; i++)
            found = found || list[i].id == id;
    ok(found, "%s: and under its participant's", backend);
    f.sector = "civil_society";
    found = false;
    if (initiative_list(db, &a, &f, &pg, &list, &k, &total) == ERR_OK)
        for (i = 0; i < k; i++)
            found = found || list[i].id == id;
    ok(!found, "%s: but not under a sector none of its actors has", backend);
    in.mission_id = mission_b;
    in.n_objectives = 0;
    in.lead_actor_id = 0;
    in.n_parts = 0;
    in.start_date = in.end_date = NULL;
    in.has_budget = false;
    rc = initiative_create(db, &in, WHO, &other, &e);
    ok(rc == ERR_OK && initiative_get(db, &a, other, &n) == ERR_OK && n.lead_actor_id == 0 &&
           n.start_date == NULL && !n.has_budget,
       "%s: the same slug in another mission, with no lead, dates or budget", backend);

    before = rows(db);
    in.mission_id = mission_a;
    in.lead_actor_id = actor_a;
    in.n_parts = 1;
    in.n_objectives = 2;
    in.start_date = "2024-02-29";
    in.end_date = "2025-01-31";
    in.has_budget = true;
#define BAD(field, item, what, change)                                                             \
    do {                                                                                           \
        bad = in;                                                                                  \
        bad.slug = "testinitiativ-b";                                                              \
        change;                                                                                    \
        rc = initiative_create(db, &bad, WHO, &id, &e);                                            \
        refused(db, before, rc, &e, field, item, what);                                            \
    } while (0)
    BAD("slug", -1, "a slug taken in the same mission", bad.slug = "testinitiativ");
    BAD("mission_id", -1, "a mission that does not exist", bad.mission_id = 99999999);
    BAD("origin", -1, "an unknown origin", bad.origin = "sideways");
    BAD("status", -1, "an unknown status", bad.status = "paused");
    BAD("lead_actor_id", -1, "a lead that does not exist", bad.lead_actor_id = 99999999);
    BAD("start_date", -1, "month 13", bad.start_date = "2025-13-01");
    BAD("end_date", -1, "an end before the start", bad.end_date = "2024-01-01");
    BAD("budget_sek", -1, "a negative budget", bad.budget_sek = -1);
    memcpy(bad_parts, parts, sizeof(parts));
    bad_parts[1] = (struct initiative_part){99999999, "partner"};
    BAD("parts", 1, "a participant that does not exist", (bad.parts = bad_parts, bad.n_parts = 2));
    bad_parts[1] = (struct initiative_part){actor_a, "boss"};
    BAD("parts", 1, "an unknown role", (bad.parts = bad_parts, bad.n_parts = 2));
    bad_parts[1] = (struct initiative_part){actor_b, "participant"};
    BAD("parts", 1, "the same actor twice", (bad.parts = bad_parts, bad.n_parts = 2));
    bad_parts[0] = (struct initiative_part){actor_b, "lead"};
    BAD("parts", 0, "the role lead for an actor that is not the lead",
        (bad.parts = bad_parts, bad.n_parts = 1));
    objectives[1] = objective_other;
    BAD("objective_ids", 1, "an objective of another mission", (void)0);
    objectives[1] = objective_b;
    BAD("objective_ids", 1, "the same objective twice", (void)0);
    objectives[1] = objective_a;
#undef BAD
    arena_free(&a);
}

static void
test_team(struct db *db)
{
    struct team_member_new in = {.role = "coordinator", .is_contact = true};
    struct person_new p = {.name = "Andra Person"};
    struct team_member_new bad;
    struct team_member *tm;
    struct write_error e;
    struct arena a;
    int64_t before, second;
    enum err rc;
    int n;

    arena_init(&a);
    in.mission_id = mission_a;
    in.person_id = person_a;
    rc = team_member_create(db, &in, WHO, &e);
    ok(rc == ERR_OK, "%s: team_member_create adds a person to a team (%s)", backend,
       rc ? e.msg : "ok");
    rc = person_create(db, &p, WHO, &second, &e);
    in.person_id = second;
    in.role = "member";
    in.is_contact = false;
    if (rc == ERR_OK)
        rc = team_member_create(db, &in, WHO, &e);
    ok(rc == ERR_OK && mission_team(db, &a, mission_a, &tm, &n) == ERR_OK && n == 2 &&
           tm[0].person.id == person_a && strcmp(tm[0].role, "coordinator") == 0 &&
           tm[0].is_contact && tm[1].person.id == second && !tm[1].is_contact,
       "%s: the team reads back in the order the members were added", backend);
    before = rows(db);
    bad = in;
    rc = team_member_create(db, &bad, WHO, &e);
    refused(db, before, rc, &e, "person_id", -1, "a person already in the team");
    bad = in;
    bad.mission_id = mission_b;
    bad.role = "chief";
    rc = team_member_create(db, &bad, WHO, &e);
    refused(db, before, rc, &e, "role", -1, "an unknown role");
    bad.role = "member";
    bad.person_id = 99999999;
    rc = team_member_create(db, &bad, WHO, &e);
    refused(db, before, rc, &e, "person_id", -1, "a person who does not exist");
    arena_free(&a);
}

/* Every create of one backend, inside one transaction that is rolled back at the end. */
static void
test_creates(struct db *db)
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
    test_actor(db);
    test_person(db);
    test_mission(db);
    test_objective(db);
    test_indicator(db);
    test_initiative(db);
    test_team(db);
    db_rollback(db);
    ok(actor_a > 0 && write_exists_id(db, Q_ACTOR_EXISTS, actor_a, &row) == ERR_OK && !row,
       "%s: the caller's rollback takes everything away: nothing was committed", backend);
}

/* ------------------------------------------------------------ the demo files */

/* The embedded files with name's content replaced by text. */
static struct embed_file *
with(const char *name, const char *text)
{
    struct embed_file *v;
    size_t n = 0, i;

    while (embedded[n].name != NULL)
        n++;
    v = calloc(n + 1, sizeof(*v));
    if (v == NULL)
        bail_out("out of memory");
    for (i = 0; i < n; i++) {
        v[i] = embedded[i];
        if (strcmp(v[i].name, name) == 0) {
            v[i].data = text;
            v[i].len = strlen(text);
        }
    }
    return v;
}

/* The embedded file name with the first occurrence of from replaced by to. */
static char *
edited(const char *name, const char *from, const char *to)
{
    const struct embed_file *f = embed_get(name);
    const char *at;
    char *s;

    if (f == NULL)
        bail_out("%s is not embedded", name);
    at = strstr(f->data, from);
    if (at == NULL)
        bail_out("%s has no \"%s\"", name, from);
    s = malloc(f->len + strlen(to) + 1);
    if (s == NULL)
        bail_out("out of memory");
    memcpy(s, f->data, (size_t)(at - f->data));
    strcpy(s + (at - f->data), to);
    memcpy(s + (at - f->data) + strlen(to), at + strlen(from),
           f->len - (size_t)(at - f->data) - strlen(from));
    s[f->len - strlen(from) + strlen(to)] = '\0';
    return s;
}

static void
test_demo_files(struct db *db)
{
    static const struct {
        const char *file, *from, *to, *what, *msg;
        long line;
        int column;
    } bad[] = {
        {"actors.csv", "livsmedelsverket,Livsmedelsverket,202100-1850,public",
         "livsmedelsverket,Livsmedelsverket,202100-1850,publik", "an unknown sector",
         "sector is not one of", 2, 4},
        {"people.csv", "erik-lindgren,arkdes,", "erik-lindgren,arkdes-x,",
         "an actor key that is not in actors.csv", "no row of actors.csv", 7, 2},
        {"missions.csv", "gator,active,2020,2030-12-31", "gator,active,2020,2030-12-32",
         "a deadline that is no day", "deadline is not a day", 19, 4},
        {"objectives.csv", "f-procure,skolmat,f-meals,0.6", "f-procure,gator,f-meals,0.6",
         "a parent of another mission", "parent is not an objective of the same mission", 3, 3},
        {"indicators.csv", "i-ev-share,m-climate,increase,0", "i-ev-share,m-climate,upward,0",
         "an unknown direction", "direction", 12, 3},
        {"observations/i-ev-share.csv", "2021,", "20x1,", "a bad year in a series",
         "Year \"20x1\" names no year", 3, 1},
        {"initiative_actors.csv", "skolmat,ett-nytt-recept,vinnova,funder",
         "skolmat,ett-nytt-recept,vinnova,owner", "an unknown role",
         "the role is not one of the accepted codes", 3, 4},
        {"initiative_actors.csv", "skolmat,ett-nytt-recept,vinnova,funder",
         "skolmat,ett-nytt-recpt,vinnova,funder", "a row for no initiative",
         "no row of initiatives.csv", 3, 2},
        {"teams.csv", "skolmat,maria-holm,mission_lead,1", "skolmat,maria-holm,mission_lead,yes",
         "is_contact that is not 0 or 1", "is_contact must be 0 or 1", 2, 4},
        {"teams.csv", "mission,person,role,is_contact", "mission,person,role,contact",
         "a column with a wrong name", "unknown column", 1, 4},
        {"accounts.csv", "demo-actor-2026", "demo-actor", "a demo password under 12 bytes",
         "password is shorter than 12 bytes", 4, 3},
        {"accounts.csv", "SAMVERKADEMOADMINSECRETKEY234567", "SAMVERKA-DEMO",
         "a TOTP secret that is not base32", "totp_secret is not base32", 2, 7},
        {"accounts.csv", "maria-holm,coordinator@example.org,demo-coordinator-2026,none,skolmat",
         "maria-holm,coordinator@example.org,demo-coordinator-2026,none,skolmatt",
         "a coordinator of no mission", "no row of missions.csv", 3, 5},
    };
    struct demo_error de;
    struct embed_file *files;
    char path[128], *text;
    int64_t before;
    enum err rc;
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        snprintf(path, sizeof(path), "data/demo/%s", bad[i].file);
        text = edited(path, bad[i].from, bad[i].to);
        files = with(path, text);
        if (db_begin(db) != ERR_OK)
            bail_out("cannot begin");
        before = rows(db);
        rc = demo_load_files(db, files, &de);
        ok(rc == ERR_INVALID && de.file != NULL && strcmp(de.file, path) == 0 &&
               de.line == bad[i].line && de.column == bad[i].column &&
               strstr(de.msg, bad[i].msg) != NULL,
           "demo: %s in %s fails at %s:%ld:%d (%s:%ld:%d: %s)", bad[i].what, bad[i].file,
           bad[i].file, bad[i].line, bad[i].column, de.file ? de.file : "-", de.line, de.column,
           de.msg);
        db_rollback(db);
        is_int(rows(db), before, "  the caller's rollback leaves nothing of it");
        free(files);
        free(text);
    }
    if (db_begin(db) != ERR_OK)
        bail_out("cannot begin");
    rc = demo_load(db, &de);
    ok(rc == ERR_OK, "demo: the data set as built loads (%s:%ld:%d: %s)", de.file ? de.file : "-",
       de.line, de.column, de.msg);
    db_rollback(db);
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
    snprintf(tdir, sizeof(tdir), "%s/samverka-test-create.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(tdir) == NULL)
        bail_out("mkdtemp %s failed", tdir);
    snprintf(path, sizeof(path), "%s/t.db", tdir);
    if (db_open(path, &o, &db) != ERR_OK || db_migrate(db, NULL) != ERR_OK)
        bail_out("cannot create a database");
    if (db_begin(db) != ERR_OK || refdata_load(db) != ERR_OK || db_commit(db) != ERR_OK)
        bail_out("cannot load the reference data");
    test_creates(db);
    test_demo_files(db);
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
    actor_a = actor_b = person_a = mission_a = mission_b = 0;
    snprintf(url, sizeof(url), "postgres://samverka@/samverka?host=%s&port=%s", dir, port);
    if (!ok(db_open(url, NULL, &db) == ERR_OK, "postgres: connects to the test cluster"))
        return done_testing();
    if (db_migrate(db, NULL) != ERR_OK)
        bail_out("postgres: migrations do not apply");
    test_creates(db);
    db_close(db);
    return done_testing();
}
