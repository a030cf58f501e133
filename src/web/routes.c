/*
 * routes.c — the route table and the dispatcher.
 *
 * web_handle: pick the language, match the path against the table (405 with
 * Allow when only the method is wrong), validate the declared parameters
 * (400 naming the field otherwise), run the handler, map its error to a
 * status and an error page in the route's kind, and add an ETag to 200s
 * (conditional GET is the http layer's: it answers 304 from the ETag, for a
 * rendered and a cached response alike). Never lets a handler's half-written
 * body out on error.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/form.h"
#include "core/log.h"
#include "core/multipart.h"
#include "core/seclog.h"
#include "core/str.h"
#include "db/db.h"
#include "domain/coverage.h"
#include "domain/import.h"
#include "domain/licence.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/json.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/upload.h"

/* The table reads best one route to a few lines; keep clang-format out of it. */
/* clang-format off */
#define ID(name, what) {name, P_INT, PIN_PATH, true, 1, INT64_MAX, NULL, what}
#define SLUG(name, what) {name, P_SLUG, PIN_PATH, true, 0, 0, NULL, what}
#define PAGING                                                                                     \
    {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"},                     \
        {"per_page", P_INT, PIN_QUERY, false, 1, 100, NULL, "Items per page (1-100, default 20)"}
#define RESET_TOKEN {"token", P_SECRET, PIN_PATH, true, 0, 64, NULL, "The link's token"}
#define GOAL {"goal", P_INT, PIN_PATH, true, 1, 17, NULL, "SDG goal number (1-17)"}

#define HTML_PAGE (RF_CACHE | RF_COUNT)
/* a page of one mission's content alone: its handler names the mission (RF_ONE_MISSION) */
#define MISSION_PAGE (HTML_PAGE | RF_ONE_MISSION)
/* an indicator's data download: open data, of its mission's content alone */
#define DOWNLOAD (RF_CACHE | RF_DATA | RF_ONE_MISSION)

/* a path as logged (web_log_path): the longest the server passes on, with room for a
 * secret's {name} in place of a shorter value */
#define LOG_PATH_MAX 1100
/* An HTML form's post to path: a write with a form body and its CSRF token. */
#define FORM(path, handler, extra, rule, what)                                                 \
    {.method = "POST", .pattern = (path), .fn = (handler), .kind = RK_HTML,                      \
     .flags = RF_WRITE | RF_FORM | (extra), .summary = (what), .body = BODY_FORM, .authz = (rule)}
/* The same, for a path with parameters (declared as a GET route's are). */
#define FORMP(path, handler, rule, what, ...)                                                   \
    {.method = "POST", .pattern = (path), .fn = (handler), .kind = RK_HTML,                      \
     .flags = RF_WRITE | RF_FORM, .summary = (what), .body = BODY_FORM, .authz = (rule),         \
     .params = {__VA_ARGS__}}
#define PERSON ID("person", "Person id")
#define ACCOUNT ID("id", "Account id")
#define API (RF_CACHE | RF_DATA)
/* a resource of one mission's content alone, as its page (MISSION_PAGE) */
#define API_ONE (API | RF_ONE_MISSION)

const struct route routes[] = {
    /* the registry's forms (edit_actor.c, edit_person.c, edit_initiative.c): adding, editing
     * and archiving actors, people and initiatives. First in the table: /actors/new must
     * match before /actors/{id} does. */
    {"GET", "/actors/new", page_actor_new, RK_HTML, RF_PERSONAL, "Add an actor", NULL, {{0}}},
    FORM("/actors/new", post_actor_new, 0, "actor.create", "Add an actor"),
    {"GET", "/actors/{id}/edit", page_actor_edit, RK_HTML, RF_PERSONAL, "Edit an actor", NULL,
     {ID("id", "Actor id")}},
    {.method = "POST", .pattern = "/actors/{id}/edit", .fn = post_actor_edit, .kind = RK_HTML,
     .flags = RF_WRITE | RF_FORM, .summary = "Edit an actor", .params = {ID("id", "Actor id")},
     .body = BODY_FORM, .authz = "actor.edit"},
    {"GET", "/actors/{id}/archive", page_actor_archive, RK_HTML, RF_PERSONAL, "Archive an actor",
     NULL, {ID("id", "Actor id")}},
    {.method = "POST", .pattern = "/actors/{id}/archive", .fn = post_actor_archive,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Archive an actor",
     .params = {ID("id", "Actor id")}, .body = BODY_FORM, .authz = "actor.archive"},
    {"GET", "/people/new", page_person_new, RK_HTML, RF_PERSONAL, "Add a person", NULL,
     {{"actor", P_INT, PIN_QUERY, false, 1, INT64_MAX, NULL, "The person's organisation"}}},
    FORM("/people/new", post_person_new, 0, "person.create", "Add a person"),
    {"GET", "/people/{id}", page_person, RK_HTML, HTML_PAGE, "Person page", NULL,
     {ID("id", "Person id")}},
    {"GET", "/people/{id}/edit", page_person_edit, RK_HTML, RF_PERSONAL, "Edit a person", NULL,
     {ID("id", "Person id")}},
    {.method = "POST", .pattern = "/people/{id}/edit", .fn = post_person_edit, .kind = RK_HTML,
     .flags = RF_WRITE | RF_FORM, .summary = "Edit a person", .params = {ID("id", "Person id")},
     .body = BODY_FORM, .authz = "person.edit"},
    {"GET", "/people/{id}/archive", page_person_archive, RK_HTML, RF_PERSONAL, "Archive a person",
     NULL, {ID("id", "Person id")}},
    {.method = "POST", .pattern = "/people/{id}/archive", .fn = post_person_archive,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Archive a person",
     .params = {ID("id", "Person id")}, .body = BODY_FORM, .authz = "person.archive"},
    {"GET", "/initiatives/new", page_initiative_choose, RK_HTML, RF_PERSONAL,
     "Add an initiative: choose its mission", NULL, {{0}}},
    {"GET", "/missions/{slug}/initiatives/new", page_initiative_new, RK_HTML, RF_PERSONAL,
     "Add an initiative", NULL, {SLUG("slug", "Mission slug")}},
    {.method = "POST", .pattern = "/missions/{slug}/initiatives/new", .fn = post_initiative_new,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Add a top-down initiative",
     .params = {SLUG("slug", "Mission slug")}, .body = BODY_FORM, .authz = "initiative.create"},
    /* seminars (page_seminar.c): the fixed paths and forms before /seminars/{id} */
    {"GET", "/seminars", page_seminars, RK_HTML, HTML_PAGE, "Current seminars of every mission",
     NULL, {{0}}},
    {"GET", "/seminars/past", page_seminars_past, RK_HTML, HTML_PAGE, "Past seminars", NULL,
     {PAGING}},
    {"GET", "/seminars.ics", file_seminars_ics, RK_FILE, RF_CACHE,
     "Every mission's seminars (iCalendar)", NULL, {{0}}},
    {"GET", "/missions/{slug}/seminars/new", page_seminar_new, RK_HTML, RF_PERSONAL,
     "Announce a seminar", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/seminars/new", post_seminar_new, "seminar.create",
          "Announce a seminar", SLUG("slug", "Mission slug")),
    {"GET", "/missions/{slug}/seminars", page_mission_seminars, RK_HTML, MISSION_PAGE,
     "A mission's seminars", NULL, {PAGING, SLUG("slug", "Mission slug")}},
    {"GET", "/missions/{slug}/seminars.ics", file_mission_seminars_ics, RK_FILE,
     RF_CACHE | RF_ONE_MISSION, "A mission's seminars (iCalendar)", NULL,
     {SLUG("slug", "Mission slug")}},
    {"GET", "/seminars/{id}/edit", page_seminar_edit, RK_HTML, RF_PERSONAL, "Edit a seminar",
     NULL, {ID("id", "Seminar id")}},
    FORMP("/seminars/{id}/edit", post_seminar_edit, "seminar.edit", "Edit a seminar",
          ID("id", "Seminar id")),
    {"GET", "/seminars/{id}/registrations", page_seminar_registrations, RK_HTML, RF_PERSONAL,
     "A seminar's registrations and attendance", NULL, {ID("id", "Seminar id")}},
    {"GET", "/seminars/{id}/registrations.csv", file_seminar_registrations, RK_FILE, RF_PERSONAL,
     "A seminar's registrations (CSV)", NULL, {ID("id", "Seminar id")}},
    FORMP("/seminars/{id}/attendance", post_seminar_attendance, "seminar.attendance",
          "Mark who attended a seminar", ID("id", "Seminar id")),
    /* the form's CSRF token sets a pre-session cookie: its own page, not the seminar's */
    {"GET", "/seminars/{id}/register", page_seminar_register, RK_HTML, RF_PERSONAL,
     "Register for a seminar: the form", NULL, {ID("id", "Seminar id")}},
    {.method = "POST", .pattern = "/seminars/{id}/register", .fn = post_seminar_register,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM | RF_OPEN, .summary = "Register for a seminar",
     .params = {ID("id", "Seminar id")}, .body = BODY_FORM, .authz = "seminar.register"},
    {"GET", "/seminars/{id}/cancel/{token}", page_seminar_cancel, RK_HTML, RF_PERSONAL,
     "A registration's cancel link: the confirmation", NULL,
     {ID("id", "Seminar id"), {"token", P_SECRET, PIN_PATH, true, 0, 64, NULL,
                               "The link's secret"}}},
    {.method = "POST", .pattern = "/seminars/{id}/cancel/{token}", .fn = post_seminar_cancel,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM | RF_OPEN,
     .summary = "Cancel a registration by its link",
     .params = {ID("id", "Seminar id"), {"token", P_SECRET, PIN_PATH, true, 0, 64, NULL,
                                          "The link's secret"}},
     .body = BODY_FORM, .authz = "seminar.unregister"},
    {"GET", "/seminars/{id}/seminar.ics", file_seminar_ics, RK_FILE, RF_CACHE | RF_ONE_MISSION,
     "One seminar (iCalendar)", NULL, {ID("id", "Seminar id")}},
    {"GET", "/seminars/{id}", page_seminar, RK_HTML, MISSION_PAGE, "Seminar page", NULL,
     {ID("id", "Seminar id")}},
    /* a mission's dialogues (page_dialogue.c): the forms, before /dialogues/{id} */
    {"GET", "/missions/{slug}/dialogues/new", page_dialogue_new, RK_HTML, RF_PERSONAL,
     "Log a dialogue", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/dialogues/new", post_dialogue_new, "dialogue.create",
          "Log a dialogue", SLUG("slug", "Mission slug")),
    {"GET", "/dialogues/{id}/edit", page_dialogue_edit, RK_HTML, RF_PERSONAL, "Edit a dialogue",
     NULL, {ID("id", "Dialogue id")}},
    FORMP("/dialogues/{id}/edit", post_dialogue_edit, "dialogue.edit", "Edit a dialogue",
          ID("id", "Dialogue id")),
    FORMP("/follow-ups/{id}/done", post_follow_up_done, "dialogue.edit",
          "Mark a follow-up done or open", ID("id", "Follow-up id")),
    {"GET", "/missions/{slug}/dialogues", page_mission_dialogues, RK_HTML, MISSION_PAGE,
     "A mission's dialogues", NULL, {PAGING, SLUG("slug", "Mission slug")}},
    {"GET", "/dialogues/{id}", page_dialogue, RK_HTML, MISSION_PAGE, "Dialogue page", NULL,
     {ID("id", "Dialogue id")}},
    {"GET", "/initiatives/{id}/edit", page_initiative_edit, RK_HTML, RF_PERSONAL,
     "Edit an initiative", NULL, {ID("id", "Initiative id")}},
    {.method = "POST", .pattern = "/initiatives/{id}/edit", .fn = post_initiative_edit,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Edit an initiative",
     .params = {ID("id", "Initiative id")}, .body = BODY_FORM, .authz = "initiative.edit"},
    {"GET", "/initiatives/{id}/archive", page_initiative_archive, RK_HTML, RF_PERSONAL,
     "Archive an initiative", NULL, {ID("id", "Initiative id")}},
    {.method = "POST", .pattern = "/initiatives/{id}/archive", .fn = post_initiative_archive,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Archive an initiative",
     .params = {ID("id", "Initiative id")}, .body = BODY_FORM, .authz = "initiative.archive"},

    /* public pages */
    {"GET", "/", page_index, RK_HTML, HTML_PAGE, "Missions", NULL, {{0}}},
    {"GET", "/missions/{slug}", page_mission, RK_HTML, MISSION_PAGE, "Mission page", NULL,
     {SLUG("slug", "Mission slug")}},
    {"GET", "/indicators/{id}", page_indicator, RK_HTML, MISSION_PAGE, "Indicator page", NULL,
     {ID("id", "Indicator id"),
      {"stored", P_INT, PIN_QUERY, false, 0, IMPORT_MAX_ROWS, NULL,
       "After an upload: how many observations were stored (shown to who may write them)"}}},
    {"GET", "/indicators/{id}/data.csv", file_indicator_csv, RK_FILE, DOWNLOAD,
     "Indicator data as Open SDG-style CSV", NULL, {ID("id", "Indicator id")}},
    {"GET", "/indicators/{id}/data.json", file_indicator_json, RK_FILE, DOWNLOAD,
     "Indicator data as JSON", NULL, {ID("id", "Indicator id")}},
    {"GET", "/indicators/{id}/datapackage.json", file_indicator_datapackage, RK_FILE, DOWNLOAD,
     "The CSV's Frictionless Data Package descriptor (its columns, unit, source, licence)",
     NULL, {ID("id", "Indicator id")}},
    /* open data (downloads.c): the page and the bulk package of every public table */
    {"GET", "/data", page_open_data, RK_HTML, HTML_PAGE, "Open data", NULL, {{0}}},
    {"GET", "/data/samverka-data.zip", file_bulk_zip, RK_FILE, RF_CACHE | RF_DATA,
     "All public data: a zip of CSV and JSON per table with a Frictionless datapackage.json", NULL,
     {{0}}},
    /* the collaboration network (page_network.c): per mission and the platform's */
    {"GET", "/missions/{slug}/network", page_mission_network, RK_HTML, MISSION_PAGE,
     "A mission's collaboration network", NULL, {SLUG("slug", "Mission slug")}},
    {"GET", "/missions/{slug}/network.graphml", file_mission_graphml, RK_FILE, DOWNLOAD,
     "A mission's collaboration network as GraphML", NULL, {SLUG("slug", "Mission slug")}},
    {"GET", "/network", page_network, RK_HTML, HTML_PAGE, "The collaboration network", NULL,
     {{0}}},
    {"GET", "/network.graphml", file_network_graphml, RK_FILE, RF_CACHE | RF_DATA,
     "The collaboration network as GraphML", NULL, {{0}}},
    /* the Atom feeds (file_feed.c): per mission and the platform's */
    {"GET", "/missions/{slug}/feed.atom", file_mission_feed, RK_FILE, DOWNLOAD,
     "A mission's news as an Atom feed: new initiatives, status changes, new data", NULL,
     {SLUG("slug", "Mission slug")}},
    {"GET", "/feed.atom", file_platform_feed, RK_FILE, RF_CACHE | RF_DATA,
     "The news of every mission as an Atom feed", NULL, {{0}}},
    {"GET", "/initiatives", page_initiatives, RK_HTML, HTML_PAGE, "Initiatives", NULL,
     {{"mission", P_SLUG, PIN_QUERY, false, 0, 0, NULL, "Mission slug"},
      {"origin", P_ENUM, PIN_QUERY, false, 0, 0, &code_initiative_origin, "Origin"},
      {"status", P_ENUM, PIN_QUERY, false, 0, 0, &code_initiative_status, "Lifecycle status"},
      {"sector", P_ENUM, PIN_QUERY, false, 0, 0, &code_actor_sector,
       "Sector of the lead actor or of any participant"},
      {"sdg", P_INT, PIN_QUERY, false, 1, 17, NULL, "SDG goal"},
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/initiatives/{id}", page_initiative, RK_HTML, MISSION_PAGE, "Initiative page", NULL,
     {ID("id", "Initiative id")}},
    /* commitments (page_commitment.c): the mission's list and one commitment, public; the
     * forms to commit, to edit one and to move it on */
    {"GET", "/missions/{slug}/commitments", page_commitments, RK_HTML, MISSION_PAGE,
     "A mission's commitments and the commitment gap of its indicators", NULL,
     {SLUG("slug", "Mission slug"),
      {"status", P_ENUM, PIN_QUERY, false, 0, 0, &code_commitment_status, "Commitment status"},
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    /* a mission's portfolio (page_portfolio.c) */
#define STALE {"stale", P_INT, PIN_QUERY, false, 1, COVERAGE_STALE_MAX, NULL, \
               "Years without a newer value that make an indicator's data stale (default 2)"}
    {"GET", "/missions/{slug}/portfolio", page_portfolio, RK_HTML, MISSION_PAGE,
     "A mission's portfolio: balance, coverage of its objectives, gaps", NULL,
     {SLUG("slug", "Mission slug"), STALE,
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page of the initiative matrix, from 1"}}},
    {"GET", "/missions/{slug}/portfolio/matrix.csv", file_portfolio_matrix, RK_FILE, DOWNLOAD,
     "The initiatives by objective of a mission, as CSV", NULL, {SLUG("slug", "Mission slug")}},
    {"GET", "/missions/{slug}/portfolio/gaps.csv", file_portfolio_gaps, RK_FILE, DOWNLOAD,
     "The gaps of a mission's portfolio, as CSV", NULL, {SLUG("slug", "Mission slug"), STALE}},
    {"GET", "/commitments/{id}", page_commitment, RK_HTML, MISSION_PAGE, "Commitment page", NULL,
     {ID("id", "Commitment id")}},
    {"GET", "/missions/{slug}/commitments/new", page_commitment_new, RK_HTML, RF_PERSONAL,
     "Commit to a mission", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/commitments/new", post_commitment_new, "commitment.create",
          "Commit to a mission", SLUG("slug", "Mission slug")),
    {"GET", "/commitments/{id}/edit", page_commitment_edit, RK_HTML, RF_PERSONAL,
     "Edit a commitment", NULL, {ID("id", "Commitment id")}},
    FORMP("/commitments/{id}/edit", post_commitment_edit, "commitment.edit", "Edit a commitment",
          ID("id", "Commitment id")),
    FORMP("/commitments/{id}/status", post_commitment_status, "commitment.status",
          "Move a commitment on (confirming one is the coordinators')", ID("id", "Commitment id")),
    /* the learning log (page_learning.c): a mission's log with its portfolio reviews and one
     * entry, public (the non-public ones for the mission's coordinators alone); the forms of
     * an entry and of a review */
    {"GET", "/missions/{slug}/learning", page_learning, RK_HTML, MISSION_PAGE,
     "A mission's learning log and portfolio reviews", NULL,
     {SLUG("slug", "Mission slug"),
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/learning/{id}", page_learning_entry, RK_HTML, MISSION_PAGE, "Learning log entry",
     NULL, {ID("id", "Entry id")}},
    {"GET", "/missions/{slug}/learning/new", page_learning_new, RK_HTML, RF_PERSONAL,
     "Add a learning log entry", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/learning/new", post_learning_new, "learning.create",
          "Add a learning log entry", SLUG("slug", "Mission slug")),
    {"GET", "/learning/{id}/edit", page_learning_edit, RK_HTML, RF_PERSONAL,
     "Edit a learning log entry", NULL, {ID("id", "Entry id")}},
    FORMP("/learning/{id}/edit", post_learning_edit, "learning.edit", "Edit a learning log entry",
          ID("id", "Entry id")),
    {"GET", "/missions/{slug}/reviews/new", page_review_new, RK_HTML, RF_PERSONAL,
     "Record a portfolio review", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/reviews/new", post_review_new, "review.create",
          "Record a portfolio review", SLUG("slug", "Mission slug")),
    {"GET", "/reviews/{id}/edit", page_review_edit, RK_HTML, RF_PERSONAL,
     "Edit a portfolio review", NULL, {ID("id", "Review id")}},
    FORMP("/reviews/{id}/edit", post_review_edit, "review.edit", "Edit a portfolio review",
          ID("id", "Review id")),
    {"GET", "/actors", page_actors, RK_HTML, HTML_PAGE, "Actors", NULL,
     {{"sector", P_ENUM, PIN_QUERY, false, 0, 0, &code_actor_sector, "Sector"},
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/actors/{id}", page_actor, RK_HTML, HTML_PAGE, "Actor page", NULL,
     {ID("id", "Actor id")}},
    {"GET", "/sdg", page_sdg_index, RK_HTML, HTML_PAGE, "Agenda 2030 goals", NULL, {{0}}},
    {"GET", "/sdg/{goal}", page_sdg_goal, RK_HTML, HTML_PAGE, "SDG goal page", NULL, {GOAL}},
    /* the site's own pages and the admins' form of their settings (page_site.c) */
    {"GET", "/about", page_about, RK_HTML, HTML_PAGE, "About missions", NULL, {{0}}},
    {"GET", "/contact", page_contact, RK_HTML, HTML_PAGE, "Contact", NULL, {{0}}},
    {"GET", "/admin/site", page_site_edit, RK_HTML, RF_PERSONAL,
     "The site's texts, contact and owner (admins)", NULL, {{0}}},
    FORM("/admin/site", post_site_edit, 0, "site.edit",
         "Change the site's texts, contact and owner"),

    /* accounts (page_account.c): forms post back to their own address */
    {"GET", "/account/sign-in", page_sign_in, RK_HTML, RF_PERSONAL, "Sign in", NULL,
     {{"next", P_TEXT, PIN_QUERY, false, 0, 512, NULL, "Where to go after signing in (a path)"},
      {"ended", P_INT, PIN_QUERY, false, 0, 1, NULL, "1: say that a session has ended"},
      {"reset", P_INT, PIN_QUERY, false, 0, 1, NULL, "1: say that the password was reset"}}},
    FORM("/account/sign-in", post_sign_in, RF_OPEN, "session.create", "Sign in"),
    {"GET", "/account/sign-in/code", page_sign_in_code, RK_HTML, RF_PERSONAL,
     "Sign in: the second factor", NULL,
     {{"next", P_TEXT, PIN_QUERY, false, 0, 512, NULL, "Where to go after signing in (a path)"}}},
    FORM("/account/sign-in/code", post_sign_in_code, RF_OPEN, "session.create",
         "Sign in: the second factor"),
    FORM("/account/sign-in/new-key", post_sign_in_new_key, RF_OPEN, "session.create",
         "Sign in: set up a new authenticator key"),
    {"GET", "/account/sign-up", page_sign_up, RK_HTML, RF_PERSONAL, "Create an account", NULL,
     {{0}}},
    FORM("/account/sign-up", post_sign_up, RF_OPEN, "account.create", "Create an account"),
    FORM("/account/sign-out", post_sign_out, 0, "session.end", "Sign out"),
    {"GET", "/account", page_account, RK_HTML, RF_PERSONAL, "Your account", NULL, {{0}}},
    {"GET", "/account/password", page_password, RK_HTML, RF_PERSONAL, "Change your password",
     NULL, {{0}}},
    FORM("/account/password", post_password, 0, "account.settings", "Change your password"),

    /* missions and their goal trees: the editing forms (edit_mission.c, edit_indicator.c) */
    {"GET", "/new-mission", page_mission_new, RK_HTML, RF_PERSONAL, "Create a mission", NULL,
     {{0}}},
    FORM("/new-mission", post_mission_new, 0, "mission.create", "Create a mission"),
    {"GET", "/missions/{slug}/edit", page_mission_edit, RK_HTML, RF_PERSONAL, "Edit a mission",
     NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/edit", post_mission_edit, "mission.edit", "Edit a mission",
          SLUG("slug", "Mission slug")),
    {"GET", "/missions/{slug}/archive", page_mission_archive, RK_HTML, RF_PERSONAL,
     "Archive a mission: confirm", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/archive", post_mission_archive, "mission.archive", "Archive a mission",
          SLUG("slug", "Mission slug")),
    {"GET", "/missions/{slug}/sdg", page_mission_sdg, RK_HTML, RF_PERSONAL,
     "A mission's SDG targets", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/sdg", post_mission_sdg, "mission.sdg", "Set a mission's SDG targets",
          SLUG("slug", "Mission slug")),
    {"GET", "/missions/{slug}/team", page_team, RK_HTML, RF_PERSONAL, "A mission's team", NULL,
     {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/team", post_team_add, "team.edit", "Add a team member",
          SLUG("slug", "Mission slug")),
    FORMP("/missions/{slug}/team/{person}", post_team_update, "team.edit",
          "Change a team member's role", SLUG("slug", "Mission slug"), PERSON),
    FORMP("/missions/{slug}/team/{person}/remove", post_team_remove, "team.edit",
          "Take a person out of a mission's team", SLUG("slug", "Mission slug"), PERSON),
    {"GET", "/missions/{slug}/objectives/new", page_objective_new, RK_HTML, RF_PERSONAL,
     "Add an objective", NULL,
     {SLUG("slug", "Mission slug"),
      {"parent", P_INT, PIN_QUERY, false, 1, INT64_MAX, NULL, "The objective it goes under"}}},
    FORMP("/missions/{slug}/objectives/new", post_objective_new, "objective.create",
          "Add an objective", SLUG("slug", "Mission slug")),
    {"GET", "/objectives/{id}/edit", page_objective_edit, RK_HTML, RF_PERSONAL,
     "Edit an objective", NULL, {ID("id", "Objective id")}},
    FORMP("/objectives/{id}/edit", post_objective_edit, "objective.edit", "Edit an objective",
          ID("id", "Objective id")),
    {"GET", "/objectives/{id}/archive", page_objective_archive, RK_HTML, RF_PERSONAL,
     "Archive an objective: confirm", NULL, {ID("id", "Objective id")}},
    FORMP("/objectives/{id}/archive", post_objective_archive, "objective.archive",
          "Archive an objective", ID("id", "Objective id")),
    {"GET", "/missions/{slug}/indicators/new", page_indicator_new, RK_HTML, RF_PERSONAL,
     "Add an indicator", NULL,
     {SLUG("slug", "Mission slug"),
      {"objective", P_INT, PIN_QUERY, false, 1, INT64_MAX, NULL, "The objective it measures"}}},
    FORMP("/missions/{slug}/indicators/new", post_indicator_new, "indicator.create",
          "Add an indicator", SLUG("slug", "Mission slug")),
    {"GET", "/indicators/{id}/edit", page_indicator_edit, RK_HTML, RF_PERSONAL,
     "Edit an indicator", NULL, {ID("id", "Indicator id")}},
    FORMP("/indicators/{id}/edit", post_indicator_edit, "indicator.edit", "Edit an indicator",
          ID("id", "Indicator id")),
    {"GET", "/indicators/{id}/settings", page_indicator_settings, RK_HTML, RF_PERSONAL,
     "An indicator's progress settings", NULL, {ID("id", "Indicator id")}},
    FORMP("/indicators/{id}/settings", post_indicator_settings, "indicator.settings",
          "Change an indicator's progress settings", ID("id", "Indicator id")),
    {"GET", "/indicators/{id}/archive", page_indicator_archive, RK_HTML, RF_PERSONAL,
     "Archive an indicator: confirm", NULL, {ID("id", "Indicator id")}},
    FORMP("/indicators/{id}/archive", post_indicator_archive, "indicator.archive",
          "Archive an indicator", ID("id", "Indicator id")),
    /* an indicator's observations (page_data.c): single values and a file through the
     * importer, for who may write them (observation.write) */
    {"GET", "/indicators/{id}/data", page_data_edit, RK_HTML, RF_PERSONAL,
     "Edit an indicator's data", NULL, {ID("id", "Indicator id")}},
    {.method = "POST", .pattern = "/indicators/{id}/data/value", .fn = post_data_value,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM, .summary = "Add or change one value",
     .params = {ID("id", "Indicator id")}, .body = BODY_FORM, .authz = "observation.write"},
    {.method = "POST", .pattern = "/indicators/{id}/data/remove", .fn = post_data_remove,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM,
     .summary = "Remove one value (asks first; removes when confirmed)",
     .params = {ID("id", "Indicator id")}, .body = BODY_FORM, .authz = "observation.write"},
    {.method = "POST", .pattern = "/indicators/{id}/data/upload", .fn = post_data_upload,
     .kind = RK_HTML, .flags = RF_WRITE | RF_FORM | RF_IMPORT,
     .summary = "Replace the observations with a file (tidy CSV or JSON, all or nothing)",
     .params = {ID("id", "Indicator id")}, .body = BODY_UPLOAD, .authz = "observation.write"},
    /* the account's self-service (page_account.c, page_mfa.c, page_tokens.c, page_privacy.c),
     * the roles (page_roles.c) and the admins' account pages (page_admin.c) */
    {"GET", "/account/reset", page_reset, RK_HTML, RF_PERSONAL, "Forgot your password", NULL,
     {{"sent", P_INT, PIN_QUERY, false, 0, 1, NULL, "1: say that a link was sent"}}},
    FORM("/account/reset", post_reset, RF_OPEN, "account.reset", "Ask for a password reset link"),
    {"GET", "/account/reset/{token}", page_reset_link, RK_HTML, RF_PERSONAL,
     "A password reset link: the new password's form", NULL, {RESET_TOKEN}},
    {.method = "POST", .pattern = "/account/reset/{token}", .fn = post_reset_link, .kind = RK_HTML,
     .flags = RF_WRITE | RF_FORM | RF_OPEN, .summary = "Set a new password with a reset link",
     .params = {RESET_TOKEN}, .body = BODY_FORM, .authz = "account.reset"},
    {"GET", "/account/two-factor", page_two_factor, RK_HTML, RF_PERSONAL, "Two-factor sign-in",
     NULL, {{0}}},
    FORM("/account/two-factor/begin", post_two_factor_begin, 0, "account.settings",
         "Set up or replace the two-factor key"),
    FORM("/account/two-factor/confirm", post_two_factor_confirm, 0, "account.settings",
         "Turn two-factor sign-in on with the new key's first code"),
    FORM("/account/two-factor/recovery", post_two_factor_recovery, 0, "account.settings",
         "New recovery codes"),
    FORM("/account/two-factor/disable", post_two_factor_disable, 0, "account.settings",
         "Turn two-factor sign-in off"),
    {"GET", "/account/tokens", page_tokens, RK_HTML, RF_PERSONAL, "Your API tokens", NULL, {{0}}},
    FORM("/account/tokens", post_tokens, 0, "token.create", "Create an API token"),
    FORMP("/account/tokens/{id}/revoke", post_token_revoke, "token.revoke", "Revoke an API token",
          ID("id", "Token id")),
    {"GET", "/account/data", page_account_data, RK_HTML, RF_PERSONAL, "Your personal data", NULL,
     {{0}}},
    {"GET", "/account/data.json", file_account_data, RK_FILE, RF_PERSONAL,
     "Your personal data as JSON (a download)", NULL, {{0}}},
    FORM("/account/data/delete", post_account_data_delete, 0, "account.settings",
         "Ask for your personal data to be deleted"),
    FORMP("/actors/{id}/represent", post_actor_represent, "representative.request",
          "Ask to represent an actor", ID("id", "Actor id")),
    {"GET", "/admin/requests", page_admin_requests, RK_HTML, RF_PERSONAL,
     "Requests waiting for an admin or a coordinator", NULL, {{0}}},
    FORMP("/actors/{id}/representatives/{user}/confirm", post_representative_confirm,
          "representative.confirm", "Confirm a request to represent an actor",
          ID("id", "Actor id"), ID("user", "Account id")),
    FORMP("/actors/{id}/representatives/{user}/revoke", post_representative_revoke,
          "representative.revoke",
          "Refuse or end a representation of an actor (or withdraw one's own)",
          ID("id", "Actor id"), ID("user", "Account id")),
    {"GET", "/admin/users", page_admin_users, RK_HTML, RF_PERSONAL, "Accounts (admins)", NULL,
     {{"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/admin/users/{id}", page_admin_user, RK_HTML, RF_PERSONAL,
     "An account and its roles (admins)", NULL, {ACCOUNT}},
    FORMP("/admin/users/{id}/admin", post_admin_grant, "admin.grant", "Make an administrator",
          ACCOUNT),
    FORMP("/admin/users/{id}/admin/revoke", post_admin_revoke, "admin.revoke",
          "Take administrator away", ACCOUNT),
    FORMP("/admin/users/{id}/missions", post_coordinator_assign, "coordinator.assign",
          "Make an account a coordinator of a mission", ACCOUNT),
    FORMP("/admin/users/{id}/missions/{mission}/remove", post_coordinator_remove,
          "coordinator.remove", "Remove a coordinator of a mission", ACCOUNT,
          ID("mission", "Mission id")),
    {"GET", "/admin/users/{id}/disable", page_admin_disable, RK_HTML, RF_PERSONAL,
     "Disable an account: the confirmation (admins)", NULL, {ACCOUNT}},
    FORMP("/admin/users/{id}/disable", post_admin_disable, "account.disable", "Disable an account",
          ACCOUNT),
    {"GET", "/admin/users/{id}/erase", page_admin_erase, RK_HTML, RF_PERSONAL,
     "Carry out a deletion request: the confirmation (admins)", NULL, {ACCOUNT}},
    FORMP("/admin/users/{id}/erase", post_admin_erase, "account.disable",
          "Carry out a request to delete an account's personal data", ACCOUNT),
    /* proposals (page_proposal.c): a representative proposes, follows and resubmits; the
     * mission's coordinators review; history (page_history.c): public, who for reviewers */
    {"GET", "/missions/{slug}/propose", page_proposal_new, RK_HTML, RF_PERSONAL,
     "Propose an initiative", NULL, {SLUG("slug", "Mission slug")}},
    FORMP("/missions/{slug}/propose", post_proposal_new, "proposal.submit",
            "Propose an initiative", SLUG("slug", "Mission slug")),
    {"GET", "/account/proposals", page_proposals_mine, RK_HTML, RF_PERSONAL, "My proposals",
     NULL, {{"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/initiatives/{id}/resubmit", page_proposal_resubmit, RK_HTML, RF_PERSONAL,
     "Edit a proposal and send it again", NULL, {ID("id", "Initiative id")}},
    FORMP("/initiatives/{id}/resubmit", post_proposal_resubmit, "proposal.edit",
            "Edit a proposal and send it again", ID("id", "Initiative id")),
    {"GET", "/missions/{slug}/review", page_review_queue, RK_HTML, RF_PERSONAL,
     "Proposals to review", NULL,
     {SLUG("slug", "Mission slug"),
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    FORMP("/initiatives/{id}/review/changes", post_review_changes, "proposal.review",
            "Ask for changes to a proposal", ID("id", "Initiative id")),
    {"GET", "/initiatives/{id}/review/accept", page_review_accept, RK_HTML, RF_PERSONAL,
     "Accept a proposal?", NULL, {ID("id", "Initiative id")}},
    FORMP("/initiatives/{id}/review/accept", post_review_accept, "proposal.review",
            "Accept a proposal", ID("id", "Initiative id")),
    {"GET", "/initiatives/{id}/review/decline", page_review_decline, RK_HTML, RF_PERSONAL,
     "Decline a proposal?", NULL, {ID("id", "Initiative id")}},
    FORMP("/initiatives/{id}/review/decline", post_review_decline, "proposal.review",
            "Decline a proposal", ID("id", "Initiative id")),
    {"GET", "/missions/{slug}/history", page_mission_history, RK_HTML, HTML_PAGE,
     "A mission's history of changes", NULL,
     {SLUG("slug", "Mission slug"),
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},
    {"GET", "/initiatives/{id}/history", page_initiative_history, RK_HTML, HTML_PAGE,
     "An initiative's history of changes", NULL,
     {ID("id", "Initiative id"),
      {"page", P_INT, PIN_QUERY, false, 1, 100000, NULL, "Page number, from 1"}}},

    /* operations and assets */
    {"GET", "/healthz", ops_health_probe, RK_FILE, 0, "Health check", NULL, {{0}}},
    {"GET", "/static/style.css", file_style_css, RK_FILE, RF_CACHE, "Style sheet", NULL, {{0}}},
    {"GET", "/robots.txt", ops_robots_txt, RK_FILE, RF_CACHE, "Robots", NULL, {{0}}},

    /* JSON API, read */
    {"GET", "/api/v1/openapi.json", api_openapi, RK_API, API, "This OpenAPI document", NULL, {{0}}},
    {"GET", "/api/v1/me", api_me, RK_API, API | RF_PERSONAL,
     "Who the request is authenticated as: anonymous, or the API token's name and scope",
     "Principal", {{0}}},
    {"GET", "/api/v1/missions", api_missions, RK_API, API, "List missions", "MissionList",
     {PAGING, {"status", P_ENUM, PIN_QUERY, false, 0, 0, &code_mission_status, "Mission status"}}},
    {"GET", "/api/v1/missions/{slug}", api_mission, RK_API, API_ONE, "One mission", "Mission",
     {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/missions/{slug}/objectives", api_mission_objectives, RK_API, API_ONE,
     "The mission's goal tree", "ObjectiveList", {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/missions/{slug}/team", api_mission_team, RK_API, API_ONE, "The mission team",
     "TeamList", {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/missions/{slug}/commitments", api_mission_commitments, RK_API, API_ONE,
     "A mission's commitments, by the actor's sector", "CommitmentList",
     {SLUG("slug", "Mission slug"), PAGING,
      {"status", P_ENUM, PIN_QUERY, false, 0, 0, &code_commitment_status, "Commitment status"}}},
    {"GET", "/api/v1/missions/{slug}/commitment_gaps", api_mission_commitment_gaps, RK_API,
     API_ONE, "The commitment gap of each of a mission's indicators", "CommitmentGapList",
     {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/missions/{slug}/portfolio", api_mission_portfolio, RK_API, API_ONE,
     "A mission's portfolio: balance, coverage of its objectives, gaps", "Portfolio",
     {SLUG("slug", "Mission slug"), STALE,
      {"matrix_page", P_INT, PIN_QUERY, false, 1, 100000, NULL,
       "Page of the initiative matrix, from 1"},
      {"matrix_per_page", P_INT, PIN_QUERY, false, 1, 100, NULL,
       "Initiatives per page of the matrix (1-100, default 20)"}}},
    {"GET", "/api/v1/commitments/{id}", api_commitment, RK_API, API_ONE,
     "One commitment, with its steps", "Commitment", {ID("id", "Commitment id")}},
    {"GET", "/api/v1/missions/{slug}/network", api_mission_network, RK_API, API_ONE,
     "A mission's collaboration network", "Network", {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/network", api_network, RK_API, API,
     "The collaboration network of every mission", "Network", {{0}}},
    {"GET", "/api/v1/missions/{slug}/learning", api_mission_learning, RK_API, API_ONE,
     "A mission's learning log, the latest decision first", "LearningEntryList",
     {SLUG("slug", "Mission slug"), PAGING}},
    {"GET", "/api/v1/learning/{id}", api_learning_entry, RK_API, API_ONE,
     "One learning log entry", "LearningEntry", {ID("id", "Entry id")}},
    {"GET", "/api/v1/missions/{slug}/portfolio_reviews", api_mission_reviews, RK_API, API_ONE,
     "A mission's portfolio reviews, the latest first", "PortfolioReviewList",
     {SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/portfolio_reviews/{id}", api_review, RK_API, API_ONE,
     "One portfolio review", "PortfolioReview", {ID("id", "Review id")}},
    {"GET", "/api/v1/objectives/{id}", api_objective, RK_API, API_ONE, "One objective", "Objective",
     {ID("id", "Objective id")}},
    {"GET", "/api/v1/indicators", api_indicators, RK_API, API, "List indicators", "IndicatorList",
     {PAGING, {"mission", P_SLUG, PIN_QUERY, false, 0, 0, NULL, "Mission slug"}}},
    {"GET", "/api/v1/indicators/{id}", api_indicator, RK_API, API_ONE, "One indicator", "Indicator",
     {ID("id", "Indicator id")}},
    {.method = "PATCH", .pattern = "/api/v1/indicators/{id}", .fn = api_indicator_patch,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Change an indicator's progress settings",
     .schema = "IndicatorWriteResult", .params = {ID("id", "Indicator id")}, .body = BODY_JSON,
     .body_schema = "IndicatorSettings", .authz = "indicator.settings"},
    {.method = "POST", .pattern = "/api/v1/indicators/{id}/data", .fn = api_indicator_data_post,
     .kind = RK_API, .flags = RF_WRITE | RF_IMPORT,
     .summary = "Replace or merge an indicator's observations (tidy CSV or JSON, all or nothing)",
     .schema = "IndicatorWriteResult",
     .params = {ID("id", "Indicator id"),
                {"mode", P_TEXT, PIN_QUERY, false, 0, 7, NULL,
                 "replace (default): the indicator's observations and disaggregation columns "
                 "become the file's; merge: insert or update by period and disaggregation, "
                 "nothing removed"},
                {"allow_empty", P_INT, PIN_QUERY, false, 0, 1, NULL,
                 "1: accept a file with no data rows (a replace then removes every "
                 "observation); refused otherwise"}},
     .body = BODY_DATA,
     .body_schema = "IndicatorData", .authz = "observation.write"},
    {"GET", "/api/v1/indicators/{id}/observations", api_indicator_observations, RK_API, API_ONE,
     "An indicator's observations", "ObservationList", {ID("id", "Indicator id")}},
    /* missions and their goal trees: the API's writes (api_edit_mission.c) */
#define APIW(m, path, handler, what, result, input, rule, ...)                                    \
    {.method = (m), .pattern = (path), .fn = (handler), .kind = RK_API, .flags = RF_WRITE,       \
     .summary = (what), .schema = (result), .params = {__VA_ARGS__}, .body = BODY_JSON,          \
     .body_schema = (input), .authz = (rule)}
    /* commitments (api_commitment.c) */
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/commitments",
     .fn = api_commitment_create, .kind = RK_API, .flags = RF_WRITE | RF_CREATE,
     .summary = "Commit an actor to a mission (made pledged)", .schema = "Commitment",
     .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "CommitmentWrite", .authz = "commitment.create"},
    APIW("PATCH", "/api/v1/commitments/{id}", api_commitment_update,
         "Change a commitment's statement, contribution, date or evidence", "Commitment",
         "CommitmentWrite", "commitment.edit", ID("id", "Commitment id")),
    APIW("POST", "/api/v1/commitments/{id}/status", api_commitment_status,
         "Move a commitment on (confirming one is the coordinators')", "Commitment",
         "CommitmentStatusWrite", "commitment.status", ID("id", "Commitment id")),
    /* the learning log and the portfolio reviews (api_learning.c) */
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/learning", .fn = api_learning_create,
     .kind = RK_API, .flags = RF_WRITE | RF_CREATE, .summary = "Add a learning log entry",
     .schema = "LearningEntry", .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "LearningEntryWrite", .authz = "learning.create"},
    APIW("PATCH", "/api/v1/learning/{id}", api_learning_update, "Change a learning log entry",
         "LearningEntry", "LearningEntryWrite", "learning.edit", ID("id", "Entry id")),
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/portfolio_reviews",
     .fn = api_review_create, .kind = RK_API, .flags = RF_WRITE | RF_CREATE,
     .summary = "Record a portfolio review", .schema = "PortfolioReview",
     .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "PortfolioReviewWrite", .authz = "review.create"},
    APIW("PATCH", "/api/v1/portfolio_reviews/{id}", api_review_update,
         "Change a portfolio review", "PortfolioReview", "PortfolioReviewWrite", "review.edit",
         ID("id", "Review id")),
    APIW("POST", "/api/v1/missions", api_mission_create, "Create a mission", "Mission",
         "MissionInput", "mission.create", {0}),
    APIW("PATCH", "/api/v1/missions/{slug}", api_mission_update,
         "Change a mission (not its slug nor its SDG targets)", "Mission", "MissionInput",
         "mission.edit", SLUG("slug", "Mission slug")),
    APIW("POST", "/api/v1/missions/{slug}/archive", api_mission_archive, "Archive a mission",
         "Mission", "ArchiveRequest", "mission.archive", SLUG("slug", "Mission slug")),
    APIW("PUT", "/api/v1/missions/{slug}/sdg_targets", api_mission_sdg,
         "Replace a mission's SDG targets", "Mission", "MissionSdgTargets", "mission.sdg",
         SLUG("slug", "Mission slug")),
    APIW("POST", "/api/v1/missions/{slug}/team", api_team_add, "Add a person to a mission's team",
         "TeamList", "TeamMemberInput", "team.edit", SLUG("slug", "Mission slug")),
    APIW("PATCH", "/api/v1/missions/{slug}/team/{person}", api_team_update,
         "Change a team member's role or contact flag", "TeamList", "TeamMemberInput",
         "team.edit", SLUG("slug", "Mission slug"), PERSON),
    APIW("POST", "/api/v1/missions/{slug}/team/{person}/remove", api_team_remove,
         "Take a person out of a mission's team", "TeamList", "ArchiveRequest", "team.edit",
         SLUG("slug", "Mission slug"), PERSON),
    APIW("POST", "/api/v1/objectives", api_objective_create, "Create an objective", "Objective",
         "ObjectiveInput", "objective.create", {0}),
    APIW("PATCH", "/api/v1/objectives/{id}", api_objective_update, "Change an objective",
         "Objective", "ObjectiveInput", "objective.edit", ID("id", "Objective id")),
    APIW("POST", "/api/v1/objectives/{id}/archive", api_objective_archive,
         "Archive an objective (refused while it has live children)", "Objective",
         "ArchiveRequest", "objective.archive", ID("id", "Objective id")),
    APIW("POST", "/api/v1/indicators", api_indicator_create, "Create an indicator", "Indicator",
         "IndicatorInput", "indicator.create", {0}),
    APIW("PATCH", "/api/v1/indicators/{id}/metadata", api_indicator_update,
         "Change an indicator's descriptive fields (its progress settings: PATCH "
         "/api/v1/indicators/{id})", "Indicator", "IndicatorInput", "indicator.edit",
         ID("id", "Indicator id")),
    APIW("POST", "/api/v1/indicators/{id}/archive", api_indicator_archive, "Archive an indicator",
         "Indicator", "ArchiveRequest", "indicator.archive", ID("id", "Indicator id")),
#undef APIW
    {"GET", "/api/v1/actors", api_actors, RK_API, API, "List actors", "ActorList",
     {PAGING, {"sector", P_ENUM, PIN_QUERY, false, 0, 0, &code_actor_sector, "Sector"}}},
    {"GET", "/api/v1/actors/{id}", api_actor, RK_API, API, "One actor", "Actor",
     {ID("id", "Actor id")}},
    {"GET", "/api/v1/people", api_people, RK_API, API, "List people (contacts)", "PersonList",
     {PAGING}},
    {"GET", "/api/v1/people/{id}", api_person, RK_API, API, "One person", "Person",
     {ID("id", "Person id")}},
    {"GET", "/api/v1/initiatives", api_initiatives, RK_API, API, "List initiatives",
     "InitiativeList",
     {PAGING,
      {"mission", P_SLUG, PIN_QUERY, false, 0, 0, NULL, "Mission slug"},
      {"origin", P_ENUM, PIN_QUERY, false, 0, 0, &code_initiative_origin, "Origin"},
      {"status", P_ENUM, PIN_QUERY, false, 0, 0, &code_initiative_status, "Lifecycle status"},
      {"sector", P_ENUM, PIN_QUERY, false, 0, 0, &code_actor_sector,
       "Sector of the lead actor or of any participant"},
      {"sdg", P_INT, PIN_QUERY, false, 1, 17, NULL, "SDG goal"}}},
    {"GET", "/api/v1/initiatives/{id}", api_initiative, RK_API, API_ONE, "One initiative",
     "Initiative", {ID("id", "Initiative id")}},
    {"GET", "/api/v1/missions/{slug}/dialogues", api_mission_dialogues, RK_API, API_ONE,
     "A mission's dialogues, newest first", "DialogueList",
     {PAGING, SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/dialogues/{id}", api_dialogue, RK_API, API_ONE, "One dialogue", "Dialogue",
     {ID("id", "Dialogue id")}},
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/dialogues", .fn = api_dialogue_create,
     .kind = RK_API, .flags = RF_WRITE | RF_CREATE, .summary = "Log a dialogue",
     .schema = "Dialogue",
     .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "DialogueWrite", .authz = "dialogue.create"},
    {.method = "PATCH", .pattern = "/api/v1/dialogues/{id}", .fn = api_dialogue_update,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Change a dialogue", .schema = "Dialogue",
     .params = {ID("id", "Dialogue id")}, .body = BODY_JSON, .body_schema = "DialogueWrite",
     .authz = "dialogue.edit"},
    /* JSON API, seminars (api_seminar.c): registration is the pages' (people, not scripts) */
    {"GET", "/api/v1/seminars", api_seminars, RK_API, API,
     "Every live mission's seminars, the latest start first", "SeminarList", {PAGING}},
    {"GET", "/api/v1/missions/{slug}/seminars", api_seminars, RK_API, API_ONE,
     "A mission's seminars, the latest start first", "SeminarList",
     {PAGING, SLUG("slug", "Mission slug")}},
    {"GET", "/api/v1/seminars/{id}", api_seminar, RK_API, API_ONE, "One seminar", "Seminar",
     {ID("id", "Seminar id")}},
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/seminars", .fn = api_seminar_create,
     .kind = RK_API, .flags = RF_WRITE | RF_CREATE, .summary = "Announce a seminar",
     .schema = "Seminar", .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "SeminarWrite", .authz = "seminar.create"},
    {.method = "PATCH", .pattern = "/api/v1/seminars/{id}", .fn = api_seminar_update,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Change or call off a seminar",
     .schema = "Seminar", .params = {ID("id", "Seminar id")}, .body = BODY_JSON,
     .body_schema = "SeminarWrite", .authz = "seminar.edit"},
    /* JSON API, the site's settings (api_site.c): read by anyone, changed by admins */
    {"GET", "/api/v1/site", api_site, RK_API, API,
     "The site's settings: About text, general contact, site owner", "Site", {{0}}},
    {.method = "PATCH", .pattern = "/api/v1/site", .fn = api_site_update, .kind = RK_API,
     .flags = RF_WRITE, .summary = "Change the site's settings", .schema = "Site",
     .body = BODY_JSON, .body_schema = "SiteWrite", .authz = "site.edit"},
    /* JSON API, the registry's writes (api_edit.c): actors, people, top-down initiatives */
    {.method = "POST", .pattern = "/api/v1/actors", .fn = api_actor_create, .kind = RK_API,
     .flags = RF_WRITE, .summary = "Create an actor", .schema = "Actor",
     .body = BODY_JSON, .body_schema = "ActorWrite", .authz = "actor.create"},
    {.method = "PATCH", .pattern = "/api/v1/actors/{id}", .fn = api_actor_update, .kind = RK_API,
     .flags = RF_WRITE, .summary = "Change an actor", .schema = "Actor",
     .params = {ID("id", "Actor id")}, .body = BODY_JSON, .body_schema = "ActorWrite",
     .authz = "actor.edit"},
    {.method = "POST", .pattern = "/api/v1/actors/{id}/archive", .fn = api_actor_archive,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Archive an actor", .schema = "Actor",
     .params = {ID("id", "Actor id")}, .body = BODY_JSON,
     .body_schema = "ArchiveRequest", .authz = "actor.archive"},
    {.method = "POST", .pattern = "/api/v1/people", .fn = api_person_create, .kind = RK_API,
     .flags = RF_WRITE, .summary = "Create a person", .schema = "Person",
     .body = BODY_JSON, .body_schema = "PersonWrite", .authz = "person.create"},
    {.method = "PATCH", .pattern = "/api/v1/people/{id}", .fn = api_person_update, .kind = RK_API,
     .flags = RF_WRITE, .summary = "Change a person", .schema = "Person",
     .params = {ID("id", "Person id")}, .body = BODY_JSON, .body_schema = "PersonWrite",
     .authz = "person.edit"},
    {.method = "POST", .pattern = "/api/v1/people/{id}/archive", .fn = api_person_archive,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Archive a person", .schema = "Person",
     .params = {ID("id", "Person id")}, .body = BODY_JSON,
     .body_schema = "ArchiveRequest", .authz = "person.archive"},
    {.method = "POST", .pattern = "/api/v1/initiatives", .fn = api_initiative_create,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Create a top-down initiative",
     .schema = "Initiative", .body = BODY_JSON, .body_schema = "InitiativeWrite",
     .authz = "initiative.create"},
    {.method = "PATCH", .pattern = "/api/v1/initiatives/{id}", .fn = api_initiative_update,
     .kind = RK_API, .flags = RF_WRITE, .summary = "Change an initiative",
     .schema = "Initiative", .params = {ID("id", "Initiative id")}, .body = BODY_JSON,
     .body_schema = "InitiativeWrite", .authz = "initiative.edit"},
    {.method = "POST", .pattern = "/api/v1/initiatives/{id}/archive",
     .fn = api_initiative_archive, .kind = RK_API, .flags = RF_WRITE,
     .summary = "Archive an initiative", .schema = "Initiative",
     .params = {ID("id", "Initiative id")}, .body = BODY_JSON,
     .body_schema = "ArchiveRequest", .authz = "initiative.archive"},
    /* JSON API, proposals and their review (api_proposal.c): the forms' steps, the same rules */
    {.method = "POST", .pattern = "/api/v1/missions/{slug}/proposals", .fn = api_proposal_create,
     .kind = RK_API, .flags = RF_WRITE | RF_CREATE, .summary = "Propose an initiative (a representative)",
     .schema = "Proposal", .params = {SLUG("slug", "Mission slug")}, .body = BODY_JSON,
     .body_schema = "ProposalWrite", .authz = "proposal.submit"},
    {"GET", "/api/v1/missions/{slug}/proposals", api_mission_proposals, RK_API, RF_PERSONAL,
     "A mission's proposals (its coordinators and admins)", "ProposalList",
     {SLUG("slug", "Mission slug"), PAGING,
      {"state", P_ENUM, PIN_QUERY, false, 0, 0, &code_proposal_state,
       "Only proposals in this state (submitted: the review queue)"}}},
    {"GET", "/api/v1/proposals", api_proposals_mine, RK_API, RF_PERSONAL,
     "The caller's own proposals, the latest change first", "ProposalList", {PAGING}},
    {"GET", "/api/v1/initiatives/{id}/proposal", api_proposal_get, RK_API, RF_PERSONAL,
     "A proposal with its steps (its proposer and its mission's reviewers)", "Proposal",
     {ID("id", "Initiative id")}},
    {.method = "PATCH", .pattern = "/api/v1/initiatives/{id}/proposal",
     .fn = api_proposal_update, .kind = RK_API, .flags = RF_WRITE,
     .summary = "Edit a proposal and send it again (its proposer, while changes are asked for)",
     .schema = "Proposal", .params = {ID("id", "Initiative id")}, .body = BODY_JSON,
     .body_schema = "ProposalWrite", .authz = "proposal.edit"},
    {.method = "POST", .pattern = "/api/v1/initiatives/{id}/review", .fn = api_proposal_review,
     .kind = RK_API, .flags = RF_WRITE,
     .summary = "Accept a proposal, ask for changes or decline it (its mission's reviewers)",
     .schema = "Proposal", .params = {ID("id", "Initiative id")}, .body = BODY_JSON,
     .body_schema = "ReviewRequest", .authz = "proposal.review"},
    {"GET", "/api/v1/sdg/goals", api_sdg_goals, RK_API, API, "The 17 SDG goals", "SdgGoalList",
     {{0}}},
    {"GET", "/api/v1/sdg/goals/{goal}", api_sdg_goal, RK_API, API, "One SDG goal with its targets",
     "SdgGoal", {GOAL}},
    {"GET", "/api/v1/sdg/targets", api_sdg_targets, RK_API, API, "SDG targets", "SdgTargetList",
     {PAGING, {"goal", P_INT, PIN_QUERY, false, 1, 17, NULL, "SDG goal"}}},
    {"GET", "/api/v1/sdg/indicators", api_sdg_indicators, RK_API, API, "SDG indicators",
     "SdgIndicatorList",
     {PAGING, {"goal", P_INT, PIN_QUERY, false, 1, 17, NULL, "SDG goal"}}},
};
/* clang-format on */
const int n_routes = (int)(sizeof(routes) / sizeof(routes[0]));

/* ------------------------------------------------------------------ params */

const struct pval *
req_param(const struct req *rq, const char *name)
{
    int i;

    if (rq->route == NULL)
        return NULL;
    for (i = 0; i < WEB_MAX_PARAMS && rq->route->params[i].name != NULL; i++)
        if (strcmp(rq->route->params[i].name, name) == 0)
            return rq->params[i].present ? &rq->params[i] : NULL;
    return NULL;
}

const char *
req_str(const struct req *rq, const char *name)
{
    const struct pval *p = req_param(rq, name);

    return p ? p->s : NULL;
}

int64_t
req_int(const struct req *rq, const char *name, int64_t dflt)
{
    const struct pval *p = req_param(rq, name);

    return p ? p->i : dflt;
}

static bool
is_sdg_target(const char *s)
{
    const char *dot = strchr(s, '.');
    size_t i, tail;

    if (dot == NULL || dot == s || dot - s > 2)
        return false;
    for (i = 0; s + i < dot; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    tail = strlen(dot + 1);
    /* "12.3", "12.10" or "17.a": one or two digits, or one letter a-j */
    if (tail == 1 && dot[1] >= 'a' && dot[1] <= 'j')
        return true;
    if (tail < 1 || tail > 2)
        return false;
    for (i = 1; dot[i]; i++)
        if (!isdigit((unsigned char)dot[i]))
            return false;
    return true;
}

bool
param_validate(const struct pspec *ps, const char *raw, struct pval *out, const char **out_msg)
{
    size_t n = strlen(raw), i;

    out->present = true;
    out->s = raw;
    out->i = 0;
    if (n > WEB_MAX_PARAM_LEN) {
        *out_msg = N_("is too long");
        return false;
    }
    if (!utf8_valid(raw, n)) {
        *out_msg = N_("is not valid UTF-8");
        return false;
    }
    switch (ps->type) {
    case P_INT:
        if (str_to_i64(raw, &out->i) != ERR_OK) {
            *out_msg = N_("must be a whole number");
            return false;
        }
        if (out->i < ps->min || out->i > ps->max) {
            *out_msg = N_("is out of range");
            return false;
        }
        return true;
    case P_SLUG:
        if (!str_is_slug(raw)) {
            *out_msg = N_("must be 1-64 lower-case letters, digits or hyphens");
            return false;
        }
        return true;
    case P_ENUM:
        if (!code_is(ps->codes, raw)) {
            *out_msg = N_("is not one of the allowed values");
            return false;
        }
        return true;
    case P_TEXT:
    case P_SECRET:
        for (i = 0; i < n; i++)
            /* C0 controls, DEL, and C1 controls (U+0080-U+009F, UTF-8 C2 80-9F) */
            if ((unsigned char)raw[i] < 0x20 || raw[i] == 0x7f ||
                ((unsigned char)raw[i] == 0xc2 && i + 1 < n && (unsigned char)raw[i + 1] >= 0x80 &&
                 (unsigned char)raw[i + 1] <= 0x9f)) {
                *out_msg = N_("contains control characters");
                return false;
            }
        if (ps->max > 0 && (int64_t)n > ps->max) {
            *out_msg = N_("is too long");
            return false;
        }
        return true;
    case P_SDG_TARGET:
        if (!is_sdg_target(raw)) {
            *out_msg = N_("must be an SDG target code such as 12.3");
            return false;
        }
        return true;
    }
    *out_msg = N_("is not accepted");
    return false;
}

/* ---------------------------------------------------------------- matching */

/* Match path against pattern; path parameters are copied into rq->params. */
static bool
match(struct req *rq, const struct route *r)
{
    const char *pp = r->pattern, *sp = rq->path, *close;
    char name[32];
    size_t n, seg;
    int i;
    char *val;

    while (*pp && *sp) {
        if (*pp == '{') {
            close = strchr(pp, '}');
            n = (size_t)(close - pp - 1);
            memcpy(name, pp + 1, n);
            name[n] = '\0';
            seg = strcspn(sp, "/");
            if (seg == 0)
                return false;
            val = arena_strndup(rq->arena, sp, seg);
            for (i = 0; i < WEB_MAX_PARAMS && r->params[i].name != NULL; i++) {
                if (strcmp(r->params[i].name, name) != 0)
                    continue;
                rq->params[i].s = val;
                rq->params[i].present = true;
            }
            pp = close + 1;
            sp += seg;
            continue;
        }
        if (*pp != *sp)
            return false;
        pp++;
        sp++;
    }
    return *pp == '\0' && *sp == '\0';
}

/* The type of route r's path parameter named by the n bytes at name (P_INT if none). */
static enum ptype
param_type(const struct route *r, const char *name, size_t n)
{
    int i;

    for (i = 0; i < WEB_MAX_PARAMS && r->params[i].name != NULL; i++)
        if (strlen(r->params[i].name) == n && memcmp(r->params[i].name, name, n) == 0)
            return r->params[i].type;
    return P_INT;
}

/* path written to out as route r's pattern matches it, each P_SECRET segment as its
 * {name}; false if r does not match path. */
static bool
mask_secrets(const struct route *r, const char *path, struct buf *out)
{
    const char *pp = r->pattern, *sp = path, *close;
    size_t seg;

    while (*pp && *sp) {
        if (*pp == '{') {
            close = strchr(pp, '}');
            seg = strcspn(sp, "/");
            if (seg == 0)
                return false;
            if (param_type(r, pp + 1, (size_t)(close - pp - 1)) == P_SECRET)
                buf_add(out, pp, (size_t)(close - pp + 1));
            else
                buf_add(out, sp, seg);
            pp = close + 1;
            sp += seg;
            continue;
        }
        if (*pp != *sp)
            return false;
        buf_add(out, pp, 1);
        pp++;
        sp++;
    }
    return *pp == '\0' && *sp == '\0';
}

/* The routes with a secret in their path, found once by web_init (before any request, so
 * the server's threads only read them): logging a request then looks at these few, not at
 * every route. */
#define MAX_SECRET_ROUTES 8
static const struct route *secret_routes[MAX_SECRET_ROUTES];
static int n_secret_routes;

static bool
find_secret_routes(void)
{
    int i, j;

    n_secret_routes = 0;
    for (i = 0; i < n_routes; i++) {
        for (j = 0; j < WEB_MAX_PARAMS && routes[i].params[j].name != NULL; j++)
            if (routes[i].params[j].type == P_SECRET && routes[i].params[j].in == PIN_PATH)
                break;
        if (j == WEB_MAX_PARAMS || routes[i].params[j].name == NULL)
            continue;
        if (n_secret_routes == MAX_SECRET_ROUTES)
            return false; /* a table this file's author must widen, found at start-up */
        secret_routes[n_secret_routes++] = &routes[i];
    }
    return true;
}

const char *
web_log_path(const char *path, char *out, size_t size)
{
    struct buf b;
    int i;

    for (i = 0; i < n_secret_routes; i++) {
        buf_init(&b, 128);
        if (mask_secrets(secret_routes[i], path, &b) && !buf_err(&b)) {
            snprintf(out, size, "%.*s", (int)b.len, b.data);
            buf_free(&b);
            return out;
        }
        buf_free(&b);
    }
    return path;
}

static void
clear_params(struct req *rq)
{
    memset(rq->params, 0, sizeof(rq->params));
}

/* --------------------------------------------------------------- dispatch */

static bool
method_is(const struct req *rq, const char *m)
{
    return strcmp(rq->method, m) == 0 || (strcmp(m, "GET") == 0 && strcmp(rq->method, "HEAD") == 0);
}

/* The media type of a Content-Type header, without parameters, lower case. */
static bool
ctype_is(const char *ct, const char *want)
{
    size_t n = strlen(want);

    return ct != NULL && strncasecmp(ct, want, n) == 0 &&
           (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

static size_t body_max(enum body_kind k);

/* Is r a public open-data read (route.h, RF_DATA)? */
static bool
is_open_data(const struct route *r)
{
    return r != NULL && (r->flags & RF_DATA) && !(r->flags & (RF_PERSONAL | RF_WRITE));
}

/*
 * A CORS preflight (OPTIONS) of an open-data read: 204 allowing GET and HEAD with the
 * request headers a read may use, nothing else (no Authorization, no write method). The
 * route is set so that web_open_headers adds Access-Control-Allow-Origin; nothing is
 * cached (a 204). An OPTIONS anywhere else is the 405 it always was.
 */
static void
preflight(struct req *rq, const struct route *r)
{
    rq->route = r;
    rq->resp.status = 204;
    resp_header(rq, "Allow", "GET, HEAD, OPTIONS");
    resp_header(rq, "Access-Control-Allow-Methods", "GET, HEAD");
    resp_header(rq, "Access-Control-Allow-Headers", "Accept, Accept-Language, If-None-Match");
    resp_header(rq, "Access-Control-Max-Age", "86400");
}

/*
 * Everything that can be decided before a body is read: language, route and
 * method, parameters, the API token and the body's declared type and size.
 * Leaves an error response and returns false, or returns true with rq->route.
 */
static bool
prepare(struct req *rq)
{
    const struct route *r = NULL;
    const char *msg = NULL, *raw;
    char allow[64] = "", boundary[MULTIPART_MAX_BOUNDARY + 1];
    int i, k;

    /* the address the security events of this request name (core/seclog.h), and its path
     * as they may show it: a reset link's token never (web_log_path) */
    seclog_set_address(rq->client_ip);
    rq->log_path = web_log_path(rq->path, arena_alloc(rq->arena, LOG_PATH_MAX), LOG_PATH_MAX);
    rq->lang = web_pick_lang(rq->query(rq->ctx, "lang"), rq->accept_language,
                             web_lang_unset(rq->path), &rq->lang_in_query);
    i18n_use(rq->lang);
    if (rq->resp.body.max == 0)
        buf_init(&rq->resp.body, WEB_MAX_BODY_OUT);
    rq->resp.status = 200;
    rq->resp.content_type = "text/html; charset=utf-8";

    for (i = 0; i < n_routes; i++) {
        clear_params(rq);
        if (!match(rq, &routes[i]))
            continue;
        if (method_is(rq, routes[i].method)) {
            r = &routes[i];
            break;
        }
        if (strcmp(rq->method, "OPTIONS") == 0 && strcmp(routes[i].method, "GET") == 0 &&
            is_open_data(&routes[i])) {
            preflight(rq, &routes[i]);
            return false;
        }
        if (strstr(allow, routes[i].method) == NULL) {
            if (allow[0])
                strncat(allow, ", ", sizeof(allow) - strlen(allow) - 1);
            strncat(allow, routes[i].method, sizeof(allow) - strlen(allow) - 1);
            if (strcmp(routes[i].method, "GET") == 0)
                strncat(allow, ", HEAD", sizeof(allow) - strlen(allow) - 1);
        }
    }
    if (r == NULL) {
        if (allow[0]) {
            web_error(rq, 405, NULL, _("This method is not allowed here."));
            resp_header(rq, "Allow", arena_strdup(rq->arena, allow));
        } else {
            web_error(rq, 404, NULL, _("There is no page at this address."));
        }
        return false;
    }
    rq->route = r;

    /* validate: path values were captured by match(); query values are looked up */
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        const struct pspec *ps = &r->params[k];

        raw = ps->in == PIN_PATH ? rq->params[k].s : rq->query(rq->ctx, ps->name);
        if (raw == NULL || (ps->in == PIN_QUERY && *raw == '\0')) {
            rq->params[k].present = false;
            if (ps->required) {
                web_error(rq, 400, ps->name, _("This parameter is required."));
                return false;
            }
            continue;
        }
        if (!param_validate(ps, raw, &rq->params[k], &msg)) {
            /* TRANSLATORS: a parameter's name and why it is refused ("page must be a whole
             * number.") */
            web_error(rq, 400, ps->name, arena_printf(rq->arena, _("%s %s."), ps->name, _(msg)));
            return false;
        }
        /* one address per page: /indicators/01 is not /indicators/1 under another name (it
         * would be a second cache entry and a second page-view counter); every path number
         * is at least 1, so a leading zero is the only other spelling str_to_i64 takes */
        if (ps->in == PIN_PATH && ps->type == P_INT && raw[0] == '0') {
            web_error(rq, 404, NULL, _("There is no page at this address."));
            return false;
        }
    }
    if (!(r->flags & RF_WRITE))
        return true;

    /* writes: a request from another site is refused whatever it carries (SECURITY.md 14) */
    if (!auth_same_origin(rq)) {
        seclog_event(
            (int64_t)time(NULL), "csrf.refused", 0, NULL, rq->client_ip,
            (struct seclog_field[]){SECLOG_STR("path", rq->log_path), {"why", "origin", 0}}, 2);
        web_error(rq, 403, NULL, _("Cross-site requests cannot change data."));
        return false;
    }
    /* who asks, before a byte of the body is read; a form's own CSRF token is checked once
     * its body is in (web_handle), an API call made with the session cookie carries its
     * token in X-CSRF-Token (SECURITY.md 15) */
    if (!(r->flags & RF_OPEN) && !resp_require(rq))
        return false;
    if (r->kind == RK_API && !auth_api_csrf_ok(rq)) {
        web_error(rq, 403, "X-CSRF-Token",
                  _("A request signed in with the session cookie needs its X-CSRF-Token."));
        return false;
    }
    if (r->body == BODY_FORM && !ctype_is(rq->content_type, "application/x-www-form-urlencoded")) {
        web_error(rq, 415, "Content-Type",
                  _("The body must be a form (application/x-www-form-urlencoded)."));
        return false;
    }
    if (r->body == BODY_JSON && !ctype_is(rq->content_type, "application/json")) {
        web_error(rq, 415, "Content-Type",
                  _("The body must be JSON (Content-Type: application/json)."));
        return false;
    }
    if (r->body == BODY_UPLOAD &&
        multipart_boundary(rq->content_type, boundary, sizeof(boundary)) != ERR_OK) {
        web_error(rq, 415, "Content-Type",
                  _("The body must be a form with a file (multipart/form-data)."));
        return false;
    }
    if (r->body == BODY_DATA && !ctype_is(rq->content_type, "text/csv") &&
        !ctype_is(rq->content_type, "application/json")) {
        web_error(rq, 415, "Content-Type",
                  _("The body must be tidy CSV (text/csv) or JSON (application/json)."));
        return false;
    }
    if (rq->content_length > (int64_t)body_max(r->body)) {
        web_error(rq, 413, NULL, _("The body is larger than this service accepts."));
        return false;
    }
    return true;
}

static size_t
body_max(enum body_kind k)
{
    static const size_t max[] = {
        [BODY_NONE] = 0,
        [BODY_JSON] = WEB_MAX_JSON_IN,
        [BODY_DATA] = WEB_MAX_DATA_IN,
        [BODY_FORM] = WEB_MAX_FORM_IN,
        [BODY_UPLOAD] = WEB_MAX_UPLOAD_IN,
    };

    return (unsigned)k < sizeof(max) / sizeof(max[0]) ? max[k] : 0;
}

bool
web_prepare(struct req *rq, struct prepared *out)
{
    memset(out, 0, sizeof(*out));
    if (!prepare(rq))
        return false;
    rq->prepared = true;
    out->body = rq->route->body;
    out->body_max = body_max(rq->route->body);
    /* an open write (sign-in, sign-up) runs on a writer connection of its own: a password
     * being hashed never holds the writer connection the edits share */
    out->write = (rq->route->flags & RF_WRITE) && !(rq->route->flags & RF_OPEN);
    out->open = (rq->route->flags & RF_WRITE) && (rq->route->flags & RF_OPEN);
    out->import = (rq->route->flags & RF_IMPORT) != 0;
    return true;
}

bool
web_cache_key(const struct req *rq, struct buf *key)
{
    const struct route *r = rq->route;
    int k, n = 0;

    if (!rq->prepared || r == NULL || !(r->flags & RF_CACHE))
        return false;
    /* language, whether ?lang= was given (links then carry it on), the route, and each
     * declared parameter as validated (numbers in canonical form); nothing else of the
     * request reaches a handler, so nothing else may tell two entries apart */
    buf_printf(key, "%c%c%d", rq->lang == LANG_EN ? 'e' : 's', rq->lang_in_query ? '!' : ' ',
               (int)(r - routes));
    /* and today's date (UTC days): a page reads the clock as well as the database ("4 years
     * left", an initiative past its end date, views in the last 30 days), so what was
     * rendered yesterday is not served today even when no write came in between */
    buf_printf(key, "@%lld", (long long)(time(NULL) / 86400));
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        if (!rq->params[k].present)
            continue;
        buf_addc(key, n++ ? '&' : '?');
        buf_adds(key, r->params[k].name);
        buf_addc(key, '=');
        if (r->params[k].type == P_INT)
            buf_printf(key, "%lld", (long long)rq->params[k].i);
        else
            url_encode(key, rq->params[k].s);
    }
    return !buf_err(key);
}

/*
 * A form's body: parsed into rq->form, and its CSRF token checked (a post without it, or with
 * another session's, changes nothing: 403). False with the refusal written.
 */
static bool
form_in(struct req *rq)
{
    struct form *f = arena_alloc(rq->arena, sizeof(*f));
    const char *msg;
    enum err rc;

    rc = form_parse(rq->arena, rq->body ? rq->body : "", rq->body_len, f, &msg);
    if (rc) {
        web_error(rq, rc == ERR_LIMIT ? 413 : 400, NULL,
                  _("The form could not be read. Please reload the page and try again."));
        log_msg(LOG_INFO, "msg=\"form refused\" why=\"%s\"", msg);
        return false;
    }
    rq->form = f;
    if (!auth_csrf_ok(rq, form_get(f, "csrf"))) {
        seclog_event((int64_t)time(NULL), "csrf.refused", 0, NULL, rq->client_ip,
                     (struct seclog_field[]){SECLOG_STR("path", rq->log_path), {"why", "token", 0}},
                     2);
        web_error(rq, 403, "csrf",
                  _("This form has expired or did not come from this site. Please reload the page "
                    "and send it again."));
        return false;
    }
    return true;
}

void
web_handle(struct req *rq)
{
    const struct route *r;
    enum err rc;

    /* a request with a body was routed and authenticated before its body was read: only
     * the language needs setting again, as other requests ran on this thread meanwhile */
    if (rq->prepared) {
        i18n_use(rq->lang);
        seclog_set_address(rq->client_ip);
    } else if (!prepare(rq))
        return;
    r = rq->route;
    if (r->body == BODY_FORM && !form_in(rq))
        return;
    if (r->body == BODY_UPLOAD && !upload_in(rq))
        return;
    if (r->flags & RF_COUNT)
        rq->page_key = rq->path;
    if (r->kind == RK_API)
        rq->resp.content_type = "application/json; charset=utf-8";

    rc = r->fn(rq);
    switch (rc) {
    case ERR_OK:
        break;
    case ERR_NOTFOUND:
        rq->page_key = NULL;
        web_error(rq, 404, NULL, _("There is no page at this address."));
        return;
    case ERR_INVALID:
        rq->page_key = NULL;
        if (rq->err_msg == NULL) {
            /* not the request's fault (e.g. a writer refused bad stored text): a server error */
            log_msg(LOG_ERROR, "msg=\"handler produced invalid output\" route=\"%s\"", r->pattern);
            web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
            return;
        }
        resp_refused(rq);
        if (rq->err_kind == REFUSE_UNAUTHORIZED ||
            (rq->err_kind == REFUSE_SIGN_IN && rq->resp.status == 401))
            resp_header(rq, "WWW-Authenticate", auth_challenge(rq));
        return;
    case ERR_BUSY:
        rq->page_key = NULL;
        web_error(rq, 503, NULL, _("The service is busy. Please try again in a moment."));
        return;
    default:
        rq->page_key = NULL;
        if (db_unavailable(rq->db) || (rq->wdb != NULL && db_unavailable(rq->wdb))) {
            web_error(rq, 503, NULL, _("The database is not available. Please try again shortly."));
            return;
        }
        log_msg(LOG_ERROR, "msg=\"handler failed\" route=\"%s\" err=\"%s\"", r->pattern,
                err_str(rc));
        web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
        return;
    }
    /* every write asks the authorization table for its route's rule: one that answered
     * without is a defect, and fails closed */
    if ((r->flags & RF_WRITE) && !auth_allowed(rq, r->authz)) {
        log_msg(LOG_ERROR, "msg=\"write answered without its authorization\" route=\"%s\"",
                r->pattern);
        web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
        return;
    }
    if (buf_err(&rq->resp.body)) {
        rq->page_key = NULL;
        log_msg(LOG_ERROR, "msg=\"response too large or invalid\" route=\"%s\"", r->pattern);
        web_error(rq, 500, NULL, _("Something went wrong on our side. It has been logged."));
        return;
    }
    if (rq->resp.status == 200)
        resp_set_etag(rq);
}

/* the Link header naming the data's licence, rel="license" (RFC 4946), on every open-data
 * 200; set by web_init before the server's threads start, read-only after */
static char licence_link[256];

bool
web_init(const struct web_conf *c)
{
    if (sodium_init() < 0 || !find_secret_routes())
        return false;
    resp_init();
    auth_configure(c->public_url, c->session_idle);
    layout_set_data_licence(c->data_licence);
    snprintf(licence_link, sizeof(licence_link), "<%s>; rel=\"license\"", web_data_licence()->url);
    return i18n_init(c->locale_dir);
}

int
web_open_headers(const struct req *rq, const char *out_name[WEB_OPEN_HEADERS],
                 const char *out_value[WEB_OPEN_HEADERS])
{
    int n = 0;

    if (!is_open_data(rq->route))
        return 0;
    /* "*", never an echoed Origin and never Allow-Credentials: a browser then exposes the
     * response to another origin's script only for a request made without cookies or
     * Authorization, so the same public copy serves everyone (and the shared cache keeps
     * one entry); docs/security.md */
    out_name[n] = "Access-Control-Allow-Origin";
    out_value[n++] = "*";
    out_name[n] = "Access-Control-Expose-Headers";
    out_value[n++] = "ETag, Link, Content-Disposition";
    if (rq->resp.status == 200 && licence_link[0] != '\0') {
        out_name[n] = "Link";
        out_value[n++] = licence_link;
    }
    return n;
}

void
web_fini(void)
{
    i18n_fini();
}

/* ------------------------------------------------------------------ names */

const char *
route_kind_name(enum route_kind k)
{
    switch (k) {
    case RK_HTML:
        return "html";
    case RK_API:
        return "api";
    case RK_FILE:
        return "file";
    }
    return "?";
}

void
req_shows_mission(struct req *rq, int64_t mission_id)
{
    if (rq->shown_mission == 0)
        rq->shown_mission = mission_id;
    else if (rq->shown_mission != mission_id)
        rq->shown_mission = -1;
}

const char *
route_flag_name(unsigned flag)
{
    switch (flag) {
    case RF_CACHE:
        return "cache";
    case RF_COUNT:
        return "count";
    case RF_WRITE:
        return "write";
    case RF_IMPORT:
        return "import";
    case RF_PERSONAL:
        return "personal";
    case RF_FORM:
        return "form";
    case RF_OPEN:
        return "open";
    case RF_CREATE:
        return "create";
    case RF_DATA:
        return "data";
    case RF_ONE_MISSION:
        return "one-mission";
    }
    return NULL;
}
