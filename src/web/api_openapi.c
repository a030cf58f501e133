/*
 * api_openapi.c — /api/v1/openapi.json, the OpenAPI 3.0.3 description of the
 * JSON API.
 *
 * The paths come from the route table (routes[] in routes.c), so a route
 * cannot exist without being documented: every route under /api/v1 gives a
 * path item with its operation, its declared parameters (schemas from their
 * validators) and its responses. The response shapes are described by the
 * schema table below, which mirrors the writers in api.c and must change with
 * them; tests/unit/test_openapi.c checks that every route and every $ref is
 * covered.
 *
 * Needs no database and no request state beyond the arena and the body
 * buffer, so the unit test can call it with a bare struct req. Writes only
 * through the JSON writer.
 */
#include <ctype.h>
#include <string.h>

#include "domain/codes.h"
#include "web/handlers.h"
#include "web/json.h"
#include "web/route.h"

#define API_PREFIX "/api/v1"
#define SCHEMA_REF "#/components/schemas/"
/* the same rule as str_is_slug, for clients that validate before asking */
#define SLUG_PATTERN       "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
#define SDG_TARGET_PATTERN "^[0-9]{1,2}\\.[0-9a-j]{1,2}$"

/* ------------------------------------------------------------ schema table */

enum ftype {
    F_STR,
    F_INT,
    F_NUM,
    F_BOOL,
    F_DATE,    /* YYYY-MM-DD */
    F_URL,     /* a relative URL */
    F_REF,     /* the schema named by ref */
    F_OBJ,     /* an inline object of sub fields */
    F_ARR_STR, /* array of strings */
    F_ARR_INT,
    F_ARR_REF, /* array of the schema named by ref */
    F_ARR_OBJ, /* array of inline objects of sub fields */
    F_MAP_STR, /* object of string values, keys free */
};

#define FL_NULL 1u /* may be null */
#define FL_OPT  2u /* not in every response (named in the description) */

struct field {
    const char *name;
    enum ftype type;
    unsigned flags;
    const char *ref;              /* F_REF, F_ARR_REF */
    const struct field *sub;      /* F_OBJ, F_ARR_OBJ; ends with a NULL name */
    const struct code_set *codes; /* enumerated strings: the set's codes */
    const char *except;           /* ... but this one (NULL: none) */
    const char *desc;
};

/* one-line initialiser macros, as in routes.c */
/* clang-format off */
#define F(n, t, fl, d) {n, t, fl, NULL, NULL, NULL, NULL, d}
#define FENUM(n, set, fl, d) {n, F_STR, fl, NULL, NULL, set, NULL, d}
#define FENUM_EXCEPT(n, set, x, fl, d) {n, F_STR, fl, NULL, NULL, set, x, d}
#define FREF(n, t, r, fl, d) {n, t, fl, r, NULL, NULL, NULL, d}
#define FSUB(n, t, s, fl, d) {n, t, fl, NULL, s, NULL, NULL, d}
#define FTEXT(n, d) FREF(n, F_REF, "Text", 0, d)
#define FEND {NULL, F_STR, 0, NULL, NULL, NULL, NULL, NULL}
/* clang-format on */

struct schema {
    const char *name;
    const char *desc;
    const char *paged_item; /* non-NULL: the paged list envelope of this schema */
    const struct field *fields;
};

static const struct field text_f[] = {
    F("sv", F_STR, 0, "Swedish (always present)"),
    F("en", F_STR, 0, "English; empty when not translated"),
    FEND,
};

static const struct field page_links_f[] = {
    F("self", F_URL, 0, "This page"),
    F("next", F_URL, FL_NULL, "The next page; null on the last"),
    F("prev", F_URL, FL_NULL, "The previous page; null on the first"),
    FEND,
};

static const struct field mission_counts_f[] = {
    F("objectives", F_INT, 0, NULL),
    F("indicators", F_INT, 0, NULL),
    F("initiatives", F_INT, 0, NULL),
    F("actors", F_INT, 0, "Distinct actors taking part in the mission's initiatives"),
    FEND,
};

static const struct field mission_links_f[] = {
    F("self", F_URL, 0, NULL),
    F("html", F_URL, 0, "The public page"),
    F("objectives", F_URL, 0, NULL),
    F("team", F_URL, 0, NULL),
    F("indicators", F_URL, 0, NULL),
    F("initiatives", F_URL, 0, NULL),
    FEND,
};

static const struct field progress_summary_f[] = {
    FENUM("status", &code_progress_status, 0, "PROGRESS.md status names"),
    F("score", F_NUM, FL_NULL, "From -5 to 5; the weighted mean of the parts' scores"),
    FEND,
};

static const struct field thresholds_f[] = {
    F("high", F_NUM, 0, NULL),
    F("med", F_NUM, 0, NULL),
    F("low", F_NUM, 0, NULL),
    FEND,
};

static const struct field progress_config_f[] = {
    F("method", F_STR, 0, NULL),
    FENUM("direction", &code_direction, 0, NULL),
    F("base_year", F_INT, 0, NULL),
    F("target_year", F_INT, 0, NULL),
    F("target", F_NUM, FL_NULL, "Absolute target value"),
    F("target_change_percent", F_NUM, FL_NULL, "A target relative to the base value found"),
    F("limit", F_NUM, FL_NULL, "Natural limit (method 1)"),
    FSUB("thresholds", F_OBJ, thresholds_f, FL_NULL, "Custom status thresholds"),
    FEND,
};

static const struct field projection_f[] = {
    F("year", F_INT, 0, "The target year"),
    F("cagr", F_NUM, FL_NULL, "At the current compound annual rate"),
    F("ols", F_NUM, FL_NULL, "On the least-squares line of all observations"),
    FEND,
};

static const struct field progress_series_f[] = {
    F("series", F_STR, 0, "The Series cell, '' if none"),
    F("unit", F_STR, 0, "The Units cell, '' if none"),
    F("observations", F_INT, 0, NULL),
    F("base_year", F_INT, FL_NULL, NULL),
    F("base_value", F_NUM, FL_NULL, NULL),
    F("current_year", F_INT, FL_NULL, NULL),
    F("current_value", F_NUM, FL_NULL, NULL),
    F("target", F_NUM, FL_NULL, NULL),
    F("target_year", F_INT, 0, NULL),
    F("method", F_INT, 0, "1 without a target, 2 with"),
    F("limit_factor", F_NUM, 0, "C (1 without a limit)"),
    F("progress_value", F_NUM, FL_NULL, "P (method 1) or R (method 2)"),
    FENUM("status", &code_progress_status, 0, NULL),
    F("score", F_NUM, FL_NULL, NULL),
    FSUB("projection", F_OBJ, projection_f, FL_NULL, NULL),
    F("year_reached", F_INT, FL_NULL, "First year the current pace reaches the target"),
    F("rate_current", F_NUM, FL_NULL, "Compound annual rate so far"),
    F("rate_needed", F_NUM, FL_NULL, "Annual rate needed from now to the target year"),
    FEND,
};

static const struct field indicator_progress_f[] = {
    FENUM("status", &code_progress_status, 0, NULL),
    F("score", F_NUM, FL_NULL, "Mean of the series' scores"),
    FSUB("config", F_OBJ, progress_config_f, 0, "The effective inputs"),
    FSUB("series", F_ARR_OBJ, progress_series_f, 0, "The headline series, one per Series/Units"),
    FEND,
};

static const struct field write_result_f[] = {
    F("indicator_id", F_INT, 0, NULL),
    F("observations", F_INT, FL_OPT, "Observations stored (imports only)"),
    FREF("progress", F_REF, "IndicatorProgress", 0, "The new assessment"),
    FEND,
};

static const struct field target_in_f[] = {
    /* no target is null, never {"kind": "none"} */
    FENUM_EXCEPT("kind", &code_target_kind, "none", 0, NULL),
    F("value", F_NUM, 0, "Absolute value, or percent change from the base value"),
    F("year", F_INT, FL_NULL, "Target year; null: the mission's deadline"),
    FEND,
};

static const struct field settings_f[] = {
    F("base_year", F_INT, FL_NULL | FL_OPT, "1900-2200; null: the mission's start year"),
    F("base_value", F_NUM, FL_NULL | FL_OPT, NULL),
    FSUB("target", F_OBJ, target_in_f, FL_NULL | FL_OPT, "null: no target"),
    FENUM("direction", &code_direction, FL_OPT, NULL),
    F("limit", F_NUM, FL_NULL | FL_OPT, NULL),
    FSUB("thresholds", F_OBJ, thresholds_f, FL_NULL | FL_OPT, "high > med > low; null: standard"),
    F("headline", F_MAP_STR, FL_NULL | FL_OPT,
      "Which disaggregation is assessed, e.g. {\"Sex\": \"F\"}; null: the total"),
    FEND,
};

static const struct field mission_f[] = {
    F("id", F_INT, 0, NULL),
    F("slug", F_STR, 0, NULL),
    FTEXT("title", NULL),
    FTEXT("goal", "The measurable goal statement"),
    FTEXT("description", "Markdown source"),
    F("deadline", F_DATE, 0, NULL),
    F("deadline_year", F_INT, 0, NULL),
    F("start_year", F_INT, 0, NULL),
    FENUM("status", &code_mission_status, 0, NULL),
    F("page_owner", F_STR, FL_NULL, "Name of the person who owns the public page"),
    F("is_demo", F_BOOL, 0, "Demonstration content, not real"),
    FSUB("counts", F_OBJ, mission_counts_f, 0, NULL),
    FSUB("progress", F_OBJ, progress_summary_f, 0, "The roll-up of the goal tree"),
    F("sdg_targets", F_ARR_STR, FL_OPT, "SDG target codes (single resource only)"),
    FSUB("links", F_OBJ, mission_links_f, 0, NULL),
    FEND,
};

static const struct field objective_links_f[] = {
    F("self", F_URL, 0, NULL),
    F("html", F_URL, 0, "The mission's public page"),
    F("mission", F_URL, 0, NULL),
    FEND,
};

static const struct field objective_f[] = {
    F("id", F_INT, 0, NULL),
    F("mission", F_STR, 0, "Mission slug"),
    F("parent_id", F_INT, FL_NULL, "The enclosing objective; null at the top of the tree"),
    F("weight", F_NUM, 0, "Weight in the roll-up"),
    FTEXT("title", NULL),
    FTEXT("description", NULL),
    F("indicator_ids", F_ARR_INT, 0, "Indicators directly under this objective"),
    FSUB("progress", F_OBJ, progress_summary_f, 0, "The weighted roll-up of its children"),
    FSUB("links", F_OBJ, objective_links_f, 0, NULL),
    FEND,
};

static const struct field objective_list_f[] = {
    F("mission", F_STR, 0, "Mission slug"),
    FSUB("progress", F_OBJ, progress_summary_f, 0, "The mission's roll-up"),
    FREF("items", F_ARR_REF, "Objective", 0,
         "The goal tree as a flat list in the mission's order; rebuild the tree from parent_id"),
    FEND,
};

static const struct field person_actor_f[] = {
    F("id", F_INT, 0, NULL),
    F("name", F_STR, 0, NULL),
    FEND,
};

static const struct field person_links_f[] = {
    F("self", F_URL, 0, NULL),
    FEND,
};

#define PERSON_FIELDS                                                                              \
    F("id", F_INT, 0, NULL), F("name", F_STR, 0, NULL), FTEXT("title", "Job title"),               \
        FSUB("actor", F_OBJ, person_actor_f, FL_NULL, "The organisation the person belongs to"),   \
        F("email", F_STR, FL_NULL, NULL), F("phone", F_STR, FL_NULL, NULL),                        \
        FSUB("links", F_OBJ, person_links_f, 0, NULL)

static const struct field person_f[] = {
    PERSON_FIELDS,
    FEND,
};

static const struct field team_member_f[] = {
    PERSON_FIELDS,
    FENUM("role", &code_team_role, 0, NULL),
    F("is_contact", F_BOOL, 0, "A public contact; email and phone are null for everyone else"),
    FEND,
};

static const struct field team_list_f[] = {
    F("mission", F_STR, 0, "Mission slug"),
    FREF("items", F_ARR_REF, "TeamMember", 0, NULL),
    FEND,
};

static const struct field baseline_f[] = {
    F("year", F_INT, 0, NULL),
    F("value", F_NUM, 0, NULL),
    FEND,
};

static const struct field target_f[] = {
    /* no target is null, never {"kind": "none"} */
    FENUM_EXCEPT("kind", &code_target_kind, "none", 0, NULL),
    F("value", F_NUM, 0, "The absolute value, or the percent change from the baseline"),
    F("absolute_value", F_NUM, FL_NULL, "The target as a value; null if relative without baseline"),
    F("year", F_INT, FL_NULL, "Target year (the mission's deadline year unless set)"),
    FEND,
};

static const struct field latest_f[] = {
    F("period", F_STR, 0, NULL),
    F("year", F_INT, 0, NULL),
    F("value", F_NUM, 0, NULL),
    FEND,
};

static const struct field indicator_links_f[] = {
    F("self", F_URL, 0, NULL),
    F("html", F_URL, 0, "The public page"),
    F("observations", F_URL, 0, NULL),
    F("csv", F_URL, 0, "Open SDG-style tidy CSV"),
    F("json", F_URL, 0, "The data as JSON"),
    FEND,
};

static const struct field indicator_f[] = {
    F("id", F_INT, 0, NULL),
    F("mission", F_STR, 0, "Mission slug"),
    F("objective_id", F_INT, 0, NULL),
    FTEXT("title", NULL),
    FTEXT("description", NULL),
    FTEXT("unit", NULL),
    FENUM("direction", &code_direction, 0, "The desirable direction"),
    F("decimals", F_INT, 0, "Decimals to show"),
    FSUB("baseline", F_OBJ, baseline_f, FL_NULL, NULL),
    FSUB("target", F_OBJ, target_f, FL_NULL, "null when the indicator has no target"),
    F("limit", F_NUM, FL_NULL, "A value the indicator must not pass"),
    F("source", F_STR, 0, NULL),
    F("source_url", F_STR, FL_NULL, NULL),
    F("weight", F_NUM, 0, "Weight in the roll-up"),
    F("disaggregations", F_ARR_STR, 0, "Disaggregation column names"),
    FSUB("latest", F_OBJ, latest_f, FL_NULL, "The newest headline observation"),
    F("observation_count", F_INT, 0, NULL),
    FREF("progress", F_REF, "IndicatorProgress", 0, "The assessment to the deadline"),
    FSUB("links", F_OBJ, indicator_links_f, 0, NULL),
    FEND,
};

static const struct field observation_f[] = {
    F("period", F_STR, 0, "As reported: '2022', '2015-16'"),
    F("year", F_INT, 0, NULL),
    F("series", F_STR, 0, "Empty for the main series"),
    F("unit", F_STR, 0, "Empty for the indicator's unit"),
    F("disaggregation", F_MAP_STR, 0, "Column name to value; empty for the headline"),
    F("value", F_NUM, 0, NULL),
    F("source", F_STR, 0, NULL),
    F("note", F_STR, 0, NULL),
    FEND,
};

static const struct field observation_list_f[] = {
    F("indicator_id", F_INT, 0, NULL),
    FREF("items", F_ARR_REF, "Observation", 0,
         "Every observation, by series, unit, disaggregation and year (not paged)"),
    FEND,
};

static const struct field sni_f[] = {
    F("code", F_STR, 0, "SNI 2007 code"),
    F("label", F_STR, FL_NULL, "Swedish label"),
    FEND,
};

static const struct field municipality_f[] = {
    F("code", F_STR, 0, "SCB municipality code"),
    F("name", F_STR, FL_NULL, NULL),
    F("county", F_STR, FL_NULL, "County name"),
    FEND,
};

static const struct field html_links_f[] = {
    F("self", F_URL, 0, NULL),
    F("html", F_URL, 0, "The public page"),
    FEND,
};

static const struct field actor_f[] = {
    F("id", F_INT, 0, NULL),
    F("slug", F_STR, 0, NULL),
    F("name", F_STR, 0, NULL),
    F("orgnr", F_STR, FL_NULL, "Swedish organisation number, NNNNNN-NNNN"),
    FENUM("sector", &code_actor_sector, 0, NULL),
    FSUB("sni", F_OBJ, sni_f, FL_NULL, "Industry (SNI 2007)"),
    FSUB("municipality", F_OBJ, municipality_f, FL_NULL, NULL),
    F("website", F_STR, FL_NULL, NULL),
    FTEXT("description", NULL),
    F("initiative_count", F_INT, 0, NULL),
    F("is_demo", F_BOOL, 0, "Demonstration content, not real"),
    F("disciplines", F_ARR_STR, FL_OPT, "Single resource only"),
    FREF("people", F_ARR_REF, "Person", FL_OPT, "Contacts (single resource only)"),
    FSUB("links", F_OBJ, html_links_f, 0, NULL),
    FEND,
};

static const struct field lead_actor_f[] = {
    F("id", F_INT, 0, NULL),
    F("slug", F_STR, 0, NULL),
    F("name", F_STR, 0, NULL),
    FEND,
};

static const struct field initiative_actor_f[] = {
    F("id", F_INT, 0, NULL),
    F("slug", F_STR, 0, NULL),
    F("name", F_STR, 0, NULL),
    FENUM("sector", &code_actor_sector, 0, NULL),
    FENUM("role", &code_initiative_role, 0, NULL),
    FEND,
};

static const struct field initiative_links_f[] = {
    F("self", F_URL, 0, NULL),
    F("html", F_URL, 0, "The public page"),
    F("mission", F_URL, 0, NULL),
    FEND,
};

static const struct field initiative_f[] = {
    F("id", F_INT, 0, NULL),
    F("mission", F_STR, 0, "Mission slug"),
    F("slug", F_STR, 0, NULL),
    FTEXT("title", NULL),
    FTEXT("summary", "Markdown source"),
    FENUM("origin", &code_initiative_origin, 0, NULL),
    FENUM("status", &code_initiative_status, 0, NULL),
    FSUB("lead_actor", F_OBJ, lead_actor_f, FL_NULL, NULL),
    F("start_date", F_DATE, FL_NULL, NULL),
    F("end_date", F_DATE, FL_NULL, NULL),
    F("budget_sek", F_INT, FL_NULL, "Budget in Swedish kronor"),
    F("funding", F_STR, 0, NULL),
    FTEXT("hypotheses", "Markdown source"),
    FTEXT("learnings", "Markdown source"),
    F("is_demo", F_BOOL, 0, "Demonstration content, not real"),
    FSUB("actors", F_ARR_OBJ, initiative_actor_f, FL_OPT, "Taking part (single resource only)"),
    F("objective_ids", F_ARR_INT, FL_OPT, "Objectives served (single resource only)"),
    F("sdg_targets", F_ARR_STR, FL_OPT, "SDG target codes (single resource only)"),
    FSUB("links", F_OBJ, initiative_links_f, 0, NULL),
    FEND,
};

static const struct field goal_target_f[] = {
    F("code", F_STR, 0, NULL),
    F("title_en", F_STR, 0, NULL),
    FEND,
};

static const struct field sdg_goal_f[] = {
    F("code", F_INT, 0, "1-17"),
    FTEXT("short", "Short name"),
    F("title_en", F_STR, 0, NULL),
    F("colour", F_STR, 0, "#RRGGBB, the UN palette"),
    FSUB("targets", F_ARR_OBJ, goal_target_f, FL_OPT, "Single resource only"),
    FSUB("links", F_OBJ, html_links_f, 0, NULL),
    FEND,
};

static const struct field sdg_target_f[] = {
    F("code", F_STR, 0, "'12.3', '17.a'"),
    F("goal", F_INT, 0, NULL),
    F("title_en", F_STR, 0, NULL),
    FEND,
};

static const struct field sdg_indicator_f[] = {
    F("code", F_STR, 0, "'12.3.1'"),
    F("target", F_STR, 0, NULL),
    F("goal", F_INT, 0, NULL),
    F("title_en", F_STR, 0, NULL),
    F("unsd_code", F_STR, 0, NULL),
    F("status_2025", F_STR, 0, NULL),
    FEND,
};

static const struct field error_detail_f[] = {
    F("code", F_STR, 0,
      "invalid_parameter, unauthorized, forbidden, not_found, method_not_allowed, too_large, "
      "unsupported_media_type, unprocessable, invalid_data, too_many_requests, unavailable or "
      "internal_error"),
    F("message", F_STR, 0, "For people, in the request's language"),
    F("field", F_STR, FL_NULL, "The parameter at fault"),
    F("line", F_INT, FL_OPT, "Imports: the line of the file at fault"),
    F("column", F_INT, FL_OPT, "Imports: the column (field position) at fault, 0 if none"),
    FEND,
};

static const struct field error_f[] = {
    FSUB("error", F_OBJ, error_detail_f, 0, NULL),
    FEND,
};

/* the kinds of enum principal_kind (web/auth.h), as api_principal.c writes them */
static const struct code principal_kind_codes[] = {{"anonymous", NULL}, {"token", NULL}};
static const struct code_set principal_kinds = {NULL, NULL, principal_kind_codes, 2};

static const struct field principal_f[] = {
    FENUM("kind", &principal_kinds, 0,
          "anonymous: no credentials, or none samverka takes; token: an API token"),
    F("id", F_INT, FL_NULL, "The token's id; null when anonymous"),
    F("name", F_STR, FL_NULL, "The token's name, as the audit log records its changes"),
    FENUM("role", &code_token_role, FL_NULL, "admin: every mission; coordinator: one mission"),
    F("mission_id", F_INT, FL_NULL, "A coordinator's mission; null for an admin"),
    FEND,
};

static const struct schema schemas[] = {
    {"Text", "A bilingual text", NULL, text_f},
    {"PageLinks", "Relative URLs of neighbouring pages, filters kept", NULL, page_links_f},
    {"Mission", NULL, NULL, mission_f},
    {"MissionList", NULL, "Mission", NULL},
    {"Objective", "A node of a mission's goal tree", NULL, objective_f},
    {"ObjectiveList", NULL, NULL, objective_list_f},
    {"Person", "A contact person", NULL, person_f},
    {"TeamMember", NULL, NULL, team_member_f},
    {"TeamList", NULL, NULL, team_list_f},
    {"Indicator", NULL, NULL, indicator_f},
    {"IndicatorList", NULL, "Indicator", NULL},
    {"Observation", NULL, NULL, observation_f},
    {"ObservationList", NULL, NULL, observation_list_f},
    {"Actor", "An organisation", NULL, actor_f},
    {"ActorList", NULL, "Actor", NULL},
    {"PersonList", NULL, "Person", NULL},
    {"Initiative", NULL, NULL, initiative_f},
    {"InitiativeList", NULL, "Initiative", NULL},
    {"SdgGoal", NULL, NULL, sdg_goal_f},
    {"SdgGoalList", NULL, "SdgGoal", NULL},
    {"SdgTarget", NULL, NULL, sdg_target_f},
    {"SdgTargetList", NULL, "SdgTarget", NULL},
    {"SdgIndicator", NULL, NULL, sdg_indicator_f},
    {"SdgIndicatorList", NULL, "SdgIndicator", NULL},
    {"Error", "The body of every 4xx and 5xx answer", NULL, error_f},
    {"IndicatorProgress", "The rate-ratio assessment (docs/progress.md)", NULL,
     indicator_progress_f},
    {"IndicatorWriteResult", NULL, NULL, write_result_f},
    {"IndicatorSettings", "Only the members given change; unknown members are refused", NULL,
     settings_f},
    {"Principal", "Who a request is authenticated as (GET /api/v1/me)", NULL, principal_f},
};

/* ------------------------------------------------------------ schema writers */

static void
put_ref(struct json *j, struct req *rq, const char *name)
{
    json_kstr(j, "$ref", arena_printf(rq->arena, SCHEMA_REF "%s", name));
}

static void put_object(struct json *j, struct req *rq, const struct field *fields, const char *desc,
                       bool nullable);

/* "enum": the codes of set, in its order, but except (NULL: none) */
static void
put_values(struct json *j, const struct code_set *set, const char *except)
{
    int i;

    json_key(j, "enum");
    json_arr_open(j);
    for (i = 0; i < set->n; i++)
        if (except == NULL || strcmp(set->codes[i].code, except) != 0)
            json_str(j, set->codes[i].code);
    json_arr_close(j);
}

static void
put_field(struct json *j, struct req *rq, const struct field *f)
{
    bool nullable = (f->flags & FL_NULL) != 0;

    switch (f->type) {
    case F_OBJ:
        put_object(j, rq, f->sub, f->desc, nullable);
        return;
    case F_REF:
        json_obj_open(j);
        if (nullable) {
            /* $ref ignores siblings in OpenAPI 3.0: wrap it to add nullable */
            json_key(j, "allOf");
            json_arr_open(j);
            json_obj_open(j);
            put_ref(j, rq, f->ref);
            json_obj_close(j);
            json_arr_close(j);
            json_kbool(j, "nullable", true);
        } else if (f->desc == NULL) {
            put_ref(j, rq, f->ref);
        } else {
            json_key(j, "allOf");
            json_arr_open(j);
            json_obj_open(j);
            put_ref(j, rq, f->ref);
            json_obj_close(j);
            json_arr_close(j);
        }
        if (f->desc != NULL)
            json_kstr(j, "description", f->desc);
        json_obj_close(j);
        return;
    default:
        break;
    }
    json_obj_open(j);
    switch (f->type) {
    case F_STR:
        json_kstr(j, "type", "string");
        break;
    case F_INT:
        json_kstr(j, "type", "integer");
        json_kstr(j, "format", "int64");
        break;
    case F_NUM:
        json_kstr(j, "type", "number");
        break;
    case F_BOOL:
        json_kstr(j, "type", "boolean");
        break;
    case F_DATE:
        json_kstr(j, "type", "string");
        json_kstr(j, "format", "date");
        break;
    case F_URL:
        json_kstr(j, "type", "string");
        json_kstr(j, "format", "uri-reference");
        break;
    case F_ARR_STR:
    case F_ARR_INT:
        json_kstr(j, "type", "array");
        json_key(j, "items");
        json_obj_open(j);
        json_kstr(j, "type", f->type == F_ARR_STR ? "string" : "integer");
        json_obj_close(j);
        break;
    case F_ARR_REF:
        json_kstr(j, "type", "array");
        json_key(j, "items");
        json_obj_open(j);
        put_ref(j, rq, f->ref);
        json_obj_close(j);
        break;
    case F_ARR_OBJ:
        json_kstr(j, "type", "array");
        json_key(j, "items");
        put_object(j, rq, f->sub, NULL, false);
        break;
    case F_MAP_STR:
        json_kstr(j, "type", "object");
        json_key(j, "additionalProperties");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_obj_close(j);
        break;
    case F_OBJ:
    case F_REF:
        break;
    }
    if (f->codes != NULL)
        put_values(j, f->codes, f->except);
    if (nullable)
        json_kbool(j, "nullable", true);
    if (f->desc != NULL)
        json_kstr(j, "description", f->desc);
    json_obj_close(j);
}

static void
put_object(struct json *j, struct req *rq, const struct field *fields, const char *desc,
           bool nullable)
{
    const struct field *f;

    json_obj_open(j);
    json_kstr(j, "type", "object");
    if (nullable)
        json_kbool(j, "nullable", true);
    if (desc != NULL)
        json_kstr(j, "description", desc);
    json_key(j, "required");
    json_arr_open(j);
    for (f = fields; f->name != NULL; f++)
        if (!(f->flags & FL_OPT))
            json_str(j, f->name);
    json_arr_close(j);
    json_key(j, "properties");
    json_obj_open(j);
    for (f = fields; f->name != NULL; f++) {
        json_key(j, f->name);
        put_field(j, rq, f);
    }
    json_obj_close(j);
    json_obj_close(j);
}

/* The envelope every paged list shares, around items of schema `item`. */
static void
put_paged(struct json *j, struct req *rq, const char *item)
{
    const struct field envelope[] = {
        FREF("items", F_ARR_REF, item, 0, "Empty on a page beyond the end"),
        F("page", F_INT, 0, NULL),
        F("per_page", F_INT, 0, NULL),
        F("total", F_INT, 0, "Items matching the filters, on all pages"),
        FREF("links", F_REF, "PageLinks", 0, NULL),
        FEND,
    };

    put_object(j, rq, envelope, NULL, false);
}

static void
put_schemas(struct json *j, struct req *rq)
{
    size_t i;

    json_key(j, "schemas");
    json_obj_open(j);
    for (i = 0; i < sizeof(schemas) / sizeof(schemas[0]); i++) {
        json_key(j, schemas[i].name);
        if (schemas[i].paged_item != NULL)
            put_paged(j, rq, schemas[i].paged_item);
        else
            put_object(j, rq, schemas[i].fields, schemas[i].desc, false);
    }
    /* an array of records with free disaggregation columns: written out by hand */
    json_key(j, "IndicatorData");
    json_obj_open(j);
    json_kstr(j, "type", "array");
    json_kstr(j, "description",
              "Open SDG-style records; every key other than Year, Series, Units, Source, Note "
              "and Value is a disaggregation column");
    json_key(j, "items");
    json_obj_open(j);
    json_kstr(j, "type", "object");
    json_key(j, "required");
    json_arr_open(j);
    json_str(j, "Year");
    json_arr_close(j);
    json_key(j, "properties");
    json_obj_open(j);
    json_key(j, "Year");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_kstr(j, "description", "A year or a period starting with one, e.g. 2015-16");
    json_obj_close(j);
    json_key(j, "Series");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_obj_close(j);
    json_key(j, "Units");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_obj_close(j);
    json_key(j, "Source");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_kbool(j, "nullable", true);
    json_kstr(j, "description", "Where this value comes from");
    json_obj_close(j);
    json_key(j, "Note");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_kbool(j, "nullable", true);
    json_kstr(j, "description", "What to know about this value");
    json_obj_close(j);
    json_key(j, "Value");
    json_obj_open(j);
    json_kstr(j, "type", "number");
    json_kbool(j, "nullable", true);
    json_obj_close(j);
    json_obj_close(j);
    json_key(j, "additionalProperties");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j); /* schemas */
    json_key(j, "securitySchemes");
    json_obj_open(j);
    json_key(j, "bearerAuth");
    json_obj_open(j);
    json_kstr(j, "type", "http");
    json_kstr(j, "scheme", "bearer");
    json_kstr(j, "description", "An API token from `samverka token create`");
    json_obj_close(j);
    json_obj_close(j); /* securitySchemes */
}

/* ------------------------------------------------------------ paths */

static bool
is_api(const struct route *r)
{
    return strncmp(r->pattern, API_PREFIX "/", sizeof(API_PREFIX)) == 0;
}

/* "get" + each segment after /api/v1 in CamelCase, "{x}" as "ByX": getMissionsBySlugTeam */
static const char *
operation_id(struct req *rq, const struct route *r)
{
    const char *p = r->pattern + strlen(API_PREFIX);
    bool up = true;
    struct buf b;
    const char *s;

    buf_init(&b, 0);
    for (s = r->method; *s; s++)
        buf_addc(&b, (char)tolower((unsigned char)*s));
    for (; *p; p++) {
        if (*p == '{') {
            buf_adds(&b, "By");
            up = true;
        } else if (isalnum((unsigned char)*p)) {
            buf_addc(&b, up ? (char)toupper((unsigned char)*p) : *p);
            up = false;
        } else {
            up = true;
        }
    }
    s = arena_strndup(rq->arena, b.data, b.len);
    buf_free(&b);
    return s;
}

static void
put_param_schema(struct json *j, const struct pspec *ps)
{
    json_key(j, "schema");
    json_obj_open(j);
    switch (ps->type) {
    case P_INT:
        json_kstr(j, "type", "integer");
        json_kstr(j, "format", "int64");
        json_kint(j, "minimum", ps->min);
        json_kint(j, "maximum", ps->max);
        break;
    case P_SLUG:
        json_kstr(j, "type", "string");
        json_kstr(j, "pattern", SLUG_PATTERN);
        break;
    case P_ENUM:
        json_kstr(j, "type", "string");
        put_values(j, ps->codes, NULL);
        break;
    case P_TEXT:
        json_kstr(j, "type", "string");
        json_kint(j, "maxLength",
                  ps->max > 0 && ps->max < WEB_MAX_PARAM_LEN ? ps->max : WEB_MAX_PARAM_LEN);
        break;
    case P_SDG_TARGET:
        json_kstr(j, "type", "string");
        json_kstr(j, "pattern", SDG_TARGET_PATTERN);
        break;
    }
    json_obj_close(j);
}

static void
put_error_response(struct json *j, struct req *rq, const char *status, const char *desc)
{
    json_key(j, status);
    json_obj_open(j);
    json_kstr(j, "description", desc);
    json_key(j, "content");
    json_obj_open(j);
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    put_ref(j, rq, "Error");
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
}

static void
put_request_body(struct json *j, struct req *rq, const struct route *r)
{
    json_key(j, "requestBody");
    json_obj_open(j);
    json_kbool(j, "required", true);
    json_key(j, "content");
    json_obj_open(j);
    if (r->body == BODY_DATA) {
        json_key(j, "text/csv");
        json_obj_open(j);
        json_key(j, "schema");
        json_obj_open(j);
        json_kstr(j, "type", "string");
        json_kstr(j, "description",
                  "Open SDG-style tidy CSV: Year, optional Series and Units, disaggregation "
                  "columns, optional Source and Note (each value's), Value (at most 25 MiB)");
        json_obj_close(j);
        json_obj_close(j);
    }
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    put_ref(j, rq, r->body_schema);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
}

static void
put_operation(struct json *j, struct req *rq, const struct route *r)
{
    bool has_params = false, has_path = false;
    const struct pspec *ps;
    int k;

    json_obj_open(j);
    json_kstr(j, "summary", r->summary);
    json_kstr(j, "operationId", operation_id(rq, r));
    json_key(j, "parameters");
    json_arr_open(j);
    for (k = 0; k < WEB_MAX_PARAMS && r->params[k].name != NULL; k++) {
        ps = &r->params[k];
        has_params = true;
        has_path = has_path || ps->in == PIN_PATH;
        json_obj_open(j);
        json_kstr(j, "name", ps->name);
        json_kstr(j, "in", ps->in == PIN_PATH ? "path" : "query");
        json_kbool(j, "required", ps->in == PIN_PATH || ps->required);
        json_kstr(j, "description", ps->desc);
        put_param_schema(j, ps);
        json_obj_close(j);
    }
    json_arr_close(j);

    if (r->flags & (RF_WRITE | RF_PERSONAL)) {
        json_key(j, "security");
        json_arr_open(j);
        if (!(r->flags & RF_WRITE)) {
            json_obj_open(j); /* the token is optional: without one, the answer is anonymous */
            json_obj_close(j);
        }
        json_obj_open(j);
        json_key(j, "bearerAuth");
        json_arr_open(j);
        json_arr_close(j);
        json_obj_close(j);
        json_arr_close(j);
    }
    if (r->body != BODY_NONE)
        put_request_body(j, rq, r);

    json_key(j, "responses");
    json_obj_open(j);
    json_key(j, "200");
    json_obj_open(j);
    json_kstr(j, "description", "OK");
    if (r->flags & RF_WRITE)
        goto content;
    json_key(j, "headers");
    json_obj_open(j);
    json_key(j, "ETag");
    json_obj_open(j);
    json_kstr(j, "description",
              r->flags & RF_PERSONAL
                  ? "Send it back in If-None-Match to get 304 while unchanged; never 304 to a "
                    "request with a token (its answer is private)"
                  : "Send it back in If-None-Match to get 304 while unchanged");
    json_key(j, "schema");
    json_obj_open(j);
    json_kstr(j, "type", "string");
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
content:
    json_key(j, "content");
    json_obj_open(j);
    json_key(j, "application/json");
    json_obj_open(j);
    json_key(j, "schema");
    json_obj_open(j);
    if (r->schema != NULL) {
        put_ref(j, rq, r->schema);
    } else {
        json_kstr(j, "type", "object");
        json_kstr(j, "description", "An OpenAPI 3.0.3 document");
    }
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    json_obj_close(j);
    if (r->flags & RF_WRITE) {
        put_error_response(j, rq, "401", "No API token, or not a valid one");
        put_error_response(j, rq, "403",
                           "The token may not change this mission, or the request "
                           "came from another site");
        put_error_response(j, rq, "413", "The body is too large");
        put_error_response(j, rq, "415", "The body's Content-Type is not accepted");
        put_error_response(j, rq, "422",
                           "The body could not be used; nothing was changed. "
                           "Imports give line and column");
        if (r->flags & RF_IMPORT)
            put_error_response(j, rq, "429", "Too many imports at once; see Retry-After");
    } else {
        json_key(j, "304");
        json_obj_open(j);
        json_kstr(j, "description", "Not modified: If-None-Match named the current ETag");
        json_obj_close(j);
        if (r->flags & RF_PERSONAL)
            put_error_response(j, rq, "401", "The API token given is not valid");
    }
    if (has_params)
        put_error_response(j, rq, "400", "A parameter is not valid; error.field names it");
    if (has_path)
        put_error_response(j, rq, "404", "No such resource");
    put_error_response(j, rq, "default", "Server error (500) or busy (503)");
    json_obj_close(j);
    json_obj_close(j);
}

static void
put_paths(struct json *j, struct req *rq)
{
    char method[16];
    int i, k;
    size_t m;

    json_key(j, "paths");
    json_obj_open(j);
    for (i = 0; i < n_routes; i++) {
        if (!is_api(&routes[i]))
            continue;
        /* one path item per pattern, holding every method routed to it */
        for (k = 0; k < i; k++)
            if (is_api(&routes[k]) && strcmp(routes[k].pattern, routes[i].pattern) == 0)
                break;
        if (k < i)
            continue;
        json_key(j, routes[i].pattern);
        json_obj_open(j);
        for (k = i; k < n_routes; k++) {
            if (strcmp(routes[k].pattern, routes[i].pattern) != 0)
                continue;
            for (m = 0; m + 1 < sizeof(method) && routes[k].method[m]; m++)
                method[m] = (char)tolower((unsigned char)routes[k].method[m]);
            method[m] = '\0';
            json_key(j, method);
            put_operation(j, rq, &routes[k]);
        }
        json_obj_close(j);
    }
    json_obj_close(j);
}

/* ------------------------------------------------------------ handler */

enum err
api_openapi(struct req *rq)
{
    struct json j;

    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_kstr(&j, "openapi", "3.0.3");
    json_key(&j, "info");
    json_obj_open(&j);
    json_kstr(&j, "title", "samverka API");
    json_kstr(&j, "version", "1.0.0");
    json_kstr(&j, "description",
              "JSON API of samverka: missions with their goal trees and progress, indicators "
              "with their assessment and observations, actors and people, initiatives, mission "
              "teams and the SDG framework. Reads are public; writes (an indicator's data and "
              "progress settings) need an API token (Authorization: Bearer). Lists are paged "
              "(page, per_page up to 100, default 20) and carry "
              "links to neighbouring pages. Every 200 has an ETag; send it in If-None-Match "
              "for a 304. Errors are {\"error\": {\"code\", \"message\", \"field\"}}. "
              "Bilingual texts are {\"sv\", \"en\"}.");
    json_obj_close(&j);
    json_key(&j, "servers");
    json_arr_open(&j);
    json_obj_open(&j);
    json_kstr(&j, "url", "/");
    json_obj_close(&j);
    json_arr_close(&j);
    put_paths(&j, rq);
    json_key(&j, "components");
    json_obj_open(&j);
    put_schemas(&j, rq);
    json_obj_close(&j);
    json_obj_close(&j);
    return json_finish(&j);
}
