/*
 * api_portfolio.c — a mission's portfolio in the JSON API (/api/v1/missions/{slug}/portfolio):
 * what the page shows (page_portfolio.c), as numbers: each objective's coverage, the
 * balance, the gaps (counted, and up to COVERAGE_GAP_MAX of each kind listed) and a page of
 * the matrix of initiatives by objective (matrix_page, matrix_per_page). The follow-ups of
 * dialogues that are not public are listed for who may edit the mission's dialogues only.
 */
#include <string.h>
#include <time.h>

#include "domain/codes.h"
#include "domain/coverage.h"
#include "domain/mission.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/resp.h"
#include "web/route.h"

struct portfolio_view {
    const char *mission;
    struct coverage c;
    int64_t page, per_page;
};

/* clang-format off */
#define O struct coverage_objective
static const struct res_field objective_fields[] = {
    R_INT("id", O, id, 0, NULL),
    R_ID_OR_NULL("parent_id", O, parent_id, NULL),
    R_TEXT("title", O, title_sv, title_en, NULL),
    R_INT("initiatives", O, n_initiatives, 0, "Shown initiatives serving it"),
    R_INT("active_initiatives", O, n_active, 0, "Of them, accepted or running"),
    R_INT("committed_actors", O, n_committed, 0, "Actors committed to one of its indicators"),
    R_OBJ("sectors", R_FIELDS(
        R_INT("public", O, sectors[0], 0, NULL),
        R_INT("private", O, sectors[1], 0, NULL),
        R_INT("academia", O, sectors[2], 0, NULL),
        R_INT("civil_society", O, sectors[3], 0, NULL),
        R_INT("other", O, sectors[4], 0, NULL)),
        0, "Actors per sector: of its initiatives (lead, participants) and commitments, each once"),
    R_INT("indicators", O, n_indicators, 0, NULL),
    R_INT("latest_year", O, latest_year, 0, "The newest year of data of its indicators; 0: none"),
    R_END,
};
#undef O

#define N struct coverage_initiative
static const struct res_field initiative_fields[] = {
    R_INT("id", N, id, 0, NULL),
    R_TEXT("title", N, title_sv, title_en, NULL),
    R_ENUM("origin", N, origin, &code_initiative_origin, 0, NULL),
    R_ENUM("status", N, status, &code_initiative_status, 0, NULL),
    R_ARR("objective_ids", N, objective_ids, n_objective_ids, int64_t, R_ITEM_SELF_I64, 0,
          "The objectives it serves"),
    R_END,
};
#undef N

#define G struct coverage_gap
static const struct res_field gap_fields[] = {
    R_STR("gap", G, code, 0,
          "no_initiative, no_commitment (an objective), stale_data (an indicator), "
          "sector_absent, past_end (an initiative), commitment_due, follow_up_due"),
    R_INT("id", G, id, 0, "The objective, indicator, initiative, commitment or follow-up; 0 for a sector"),
    R_TEXT("title", G, title_sv, title_en,
           "What it is (a commitment: its actor's name; a sector gap: its objective's title, "
           "empty for the whole mission)"),
    R_STR("date", G, date, 0, "The end, due or by date, or the newest data's year; empty: none"),
    R_STR("sector", G, sector, RES_NULL, "sector_absent: the sector's code"),
    R_INT("parent_id", G, parent_id, 0,
          "A stale indicator's objective; a sector gap's objective (0: the whole mission); "
          "a follow-up's dialogue; else 0"),
    R_END,
};
#undef G

#define T struct portfolio_view
static const struct res_field portfolio_fields[] = {
    R_STR("mission", T, mission, 0, "Mission slug"),
    R_ARR("objectives", T, c.objs, c.n_objs, struct coverage_objective,
          R_ITEM_OBJ(objective_fields), 0, "The live objectives in the goal tree's order"),
    R_OBJ("balance", R_FIELDS(
        R_OBJ("top_down", R_FIELDS(
            R_INT("initiatives", T, c.n_origin[0], 0, NULL),
            R_INT("budget_sek", T, c.budget[0], 0, "Summed over those that give one"),
            R_INT("with_budget", T, c.n_budget[0], 0, NULL)), 0, NULL),
        R_OBJ("bottom_up", R_FIELDS(
            R_INT("initiatives", T, c.n_origin[1], 0, NULL),
            R_INT("budget_sek", T, c.budget[1], 0, "Summed over those that give one"),
            R_INT("with_budget", T, c.n_budget[1], 0, NULL)), 0, NULL),
        R_OBJ("sector_actors", R_FIELDS(
            R_INT("public", T, c.sector_actors[0], 0, NULL),
            R_INT("private", T, c.sector_actors[1], 0, NULL),
            R_INT("academia", T, c.sector_actors[2], 0, NULL),
            R_INT("civil_society", T, c.sector_actors[3], 0, NULL),
            R_INT("other", T, c.sector_actors[4], 0, NULL)),
            0, "Actors taking part in its initiatives, per sector"),
        R_NUM("diversity", T, c.diversity, 0, "Shannon entropy of the sector mix (natural log)"),
        R_NUM_IF("evenness", T, c.evenness, c.has_evenness, RES_NULL,
                 "Pielou's evenness: entropy / ln(sectors present); null with fewer than two"),
        R_ARR("sdg_targets", T, c.sdg_targets, c.n_sdg_targets, const char *, R_ITEM_SELF_STR, 0,
              "The SDG targets its initiatives serve"),
        R_INT("mission_sdg_targets", T, c.n_mission_targets, 0, "The mission's own SDG targets"),
        R_INT("mission_sdg_targets_served", T, c.n_mission_targets_served, 0,
              "Of them, those an initiative serves")),
        0, NULL),
    R_INT("stale_years", T, c.stale_years, 0, "Years without newer data that make an indicator stale"),
    R_OBJ("gap_counts", R_FIELDS(
        R_INT("no_initiative", T, c.n_gap[GAP_NO_INITIATIVE], 0, NULL),
        R_INT("no_commitment", T, c.n_gap[GAP_NO_COMMITMENT], 0, NULL),
        R_INT("stale_data", T, c.n_gap[GAP_STALE_DATA], 0, NULL),
        R_INT("sector_absent", T, c.n_gap[GAP_SECTOR_ABSENT], 0, NULL),
        R_INT("past_end", T, c.n_gap[GAP_PAST_END], 0, NULL),
        R_INT("commitment_due", T, c.n_gap[GAP_COMMITMENT_DUE], 0, NULL),
        R_INT("follow_up_due", T, c.n_gap[GAP_FOLLOW_UP_DUE], 0, NULL)),
        0, "How many of each kind of gap there are"),
    R_ARR("gaps", T, c.gaps, c.n_gaps, struct coverage_gap, R_ITEM_OBJ(gap_fields), 0,
          "Up to 200 of each kind"),
    R_OBJ("matrix", R_FIELDS(
        R_INT("total", T, c.total_inits, 0, "Shown initiatives"),
        R_INT("page", T, page, 0, NULL),
        R_INT("per_page", T, per_page, 0, NULL),
        R_ARR("items", T, c.inits, c.n_inits, struct coverage_initiative,
              R_ITEM_OBJ(initiative_fields), 0, "This page of them, as the lists order them")),
        0, "Initiatives by objective, a page at a time"),
    R_OBJ("links", R_FIELDS(
        R_LINK("html", "/missions/{slug}/portfolio", "The portfolio page", R_ARG_STR("slug", T, mission)),
        R_LINK("mission", "/api/v1/missions/{slug}", NULL, R_ARG_STR("slug", T, mission))),
        0, NULL),
    R_END,
};
#undef T
/* clang-format on */

static const struct resource portfolio_res = {
    .name = "Portfolio",
    .desc = "A mission's portfolio as a whole: coverage, balance and gaps",
    .fields = portfolio_fields,
    .size = sizeof(struct portfolio_view),
};

const struct resource *const api_portfolio_resources[] = {&portfolio_res, NULL};

enum err
api_mission_portfolio(struct req *rq)
{
    struct authz_scope scope = {0};
    struct coverage_opts o = {0};
    struct portfolio_view v;
    struct mission m;
    int64_t page, per_page;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    scope.mission_id = m.id;
    /* the matrix's page: its own parameters (page and per_page are a list's, and this
     * resource is one object) */
    page = req_int(rq, "matrix_page", 1);
    per_page = req_int(rq, "matrix_per_page", 20);
    o.now = (int64_t)time(NULL);
    o.stale_years = (int)req_int(rq, "stale", COVERAGE_STALE_DEFAULT);
    o.private_notes = req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    o.gap_max = COVERAGE_GAP_MAX;
    o.matrix.limit = per_page;
    o.matrix.offset = (page - 1) * per_page;
    memset(&v, 0, sizeof(v));
    rc = coverage_load(rq->db, rq->arena, m.id, &o, &v.c);
    if (rc)
        return rc;
    if (page > 1 && o.matrix.offset >= v.c.total_inits)
        return req_refuse(rq, REFUSE_NOT_FOUND, "matrix_page",
                          _("There is no such page of the matrix."));
    v.page = page;
    v.per_page = per_page;
    v.mission = m.slug;
    return res_respond(rq, &portfolio_res, &v);
}
