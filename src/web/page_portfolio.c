/*
 * page_portfolio.c — a mission's portfolio as a whole (/missions/{slug}/portfolio): its
 * balance (top-down against bottom-up, the sector mix and its diversity, the SDG targets
 * served), what covers each objective (initiatives, committed actors, sectors, the newest
 * data), the matrix of initiatives by objective a page at a time, and the gaps, each
 * linking to where it is fixed; and the two CSV files of the matrix and the gaps
 * (/missions/{slug}/portfolio/matrix.csv, gaps.csv), the whole of each.
 *
 * The follow-ups of dialogues that are not public are listed for who may edit the
 * mission's dialogues only (req_offers: nothing read for a visitor, whose page stays the
 * shared copy); the CSV files are public and list the public ones.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/buf.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/coverage.h"
#include "domain/export.h"
#include "domain/mission.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

#define MATRIX_PER_PAGE 50
#define CSV_GAPS_MAX    100000 /* gaps of one kind the CSV lists */

/* The request's stale_years (the route declares "stale", 1 .. COVERAGE_STALE_MAX). */
static int
stale_of(struct req *rq)
{
    return (int)req_int(rq, "stale", COVERAGE_STALE_DEFAULT);
}

/* The mission of the path, shown (its content alone), and its portfolio. */
static enum err
load(struct req *rq, bool private_notes, int gap_max, const struct page *matrix, struct mission *m,
     struct coverage *c)
{
    struct coverage_opts o = {0};
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), m);
    if (rc)
        return rc;
    req_shows_mission(rq, m->id);
    o.now = (int64_t)time(NULL);
    o.stale_years = stale_of(rq);
    o.private_notes = private_notes;
    o.gap_max = gap_max;
    o.matrix = *matrix;
    return coverage_load(rq->db, rq->arena, m->id, &o, c);
}

static const char *
objective_title(struct req *rq, const struct coverage *c, int64_t id)
{
    int i;

    for (i = 0; i < c->n_objs; i++)
        if (c->objs[i].id == id)
            return L(rq, c->objs[i].title_sv, c->objs[i].title_en);
    return "";
}

/* ------------------------------------------------------------ balance */

static void
balance(struct req *rq, struct html *h, const struct coverage *c)
{
    static const char *const origins[2] = {"top_down", "bottom_up"};
    long total = 0;
    int i;

    html_open(h, "section", "aria-labelledby", "bal-h", NULL);
    html_elem_attr(h, "h2", _("Balance"), "id", "bal-h", NULL);
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", NULL);
    html_elem(h, "caption", _("Initiatives top-down and bottom-up, and their budgets"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Origin"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Initiatives"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Budget"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < 2; i++) {
        html_open(h, "tr", NULL);
        html_elem_attr(h, "th", label_code(&code_initiative_origin, origins[i]), "scope", "row",
                       NULL);
        html_elem(h, "td", fmt_num(rq, c->n_origin[i], 0));
        html_open(h, "td", NULL);
        html_text(h, fmt_sek(rq, c->budget[i]));
        html_text(h, " ");
        html_printf(h, _("(%d of them give a budget)"), c->n_budget[i]);
        html_close(h, "td");
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");

    for (i = 0; i < COVERAGE_SECTORS; i++)
        total += c->sector_actors[i];
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", NULL);
    html_elem(h, "caption", _("Sector mix of the actors taking part in the initiatives"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Sector"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Actors"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Share"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < COVERAGE_SECTORS; i++) {
        html_open(h, "tr", NULL);
        html_elem_attr(h, "th", label_code(&code_actor_sector, code_actor_sector.codes[i].code),
                       "scope", "row", NULL);
        html_elem(h, "td", fmt_num(rq, (double)c->sector_actors[i], 0));
        html_elem(
            h, "td",
            total > 0
                ? arena_printf(rq->arena, "%s %%",
                               fmt_num(rq, 100.0 * (double)c->sector_actors[i] / (double)total, 0))
                : "–");
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_open(h, "p", NULL);
    if (c->has_evenness)
        html_printf(h,
                    _("Diversity of the sector mix: Shannon entropy %s, evenness %s (1 is an "
                      "even mix of the sectors present, near 0 one sector alone)."),
                    fmt_num(rq, c->diversity, 2), fmt_num(rq, c->evenness, 2));
    else
        html_text(h, _("The actors taking part are from one sector or none: the mix has no "
                       "diversity to measure."));
    html_close(h, "p");

    html_open(h, "p", NULL);
    html_printf(h,
                ngettext("The initiatives serve %d SDG target",
                         "The initiatives serve %d SDG "
                         "targets",
                         (unsigned long)c->n_sdg_targets),
                c->n_sdg_targets);
    html_text(h, " ");
    html_printf(h, _("(%d of the mission's %d)."), c->n_mission_targets_served,
                c->n_mission_targets);
    for (i = 0; i < c->n_sdg_targets; i++) {
        long goal = strtol(c->sdg_targets[i], NULL, 10); /* "12.3" -> 12 */

        html_text(h, i == 0 ? " " : ", ");
        if (goal >= 1 && goal <= 17)
            html_elem_attr(h, "a", c->sdg_targets[i], "href", url_sdg_goal(rq, (int)goal), NULL);
        else
            html_text(h, c->sdg_targets[i]);
    }
    html_close(h, "p");
    html_close(h, "section");
}

/* ------------------------------------------------------------ coverage */

static void
objectives_table(struct req *rq, struct html *h, const struct coverage *c)
{
    int i, k;

    html_open(h, "section", "aria-labelledby", "cov-h", NULL);
    html_elem_attr(h, "h2", _("What covers each objective"), "id", "cov-h", NULL);
    html_elem(h, "p",
              _("Actors count once per objective in each sector, whether they lead or take part "
                "in one of its initiatives or have committed to one of its indicators."));
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", NULL);
    html_elem(h, "caption", _("Objectives by initiatives, committed actors and sectors"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Objective"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Initiatives (active)"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Committed actors"), "scope", "col", NULL);
    for (k = 0; k < COVERAGE_SECTORS; k++)
        html_elem_attr(h, "th", label_code(&code_actor_sector, code_actor_sector.codes[k].code),
                       "scope", "col", NULL);
    html_elem_attr(h, "th", _("Newest data"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < c->n_objs; i++) {
        const struct coverage_objective *o = &c->objs[i];

        html_open(h, "tr", NULL);
        html_elem_attr(h, "th", L(rq, o->title_sv, o->title_en), "scope", "row", "lang",
                       L_lang(rq, o->title_en), NULL);
        html_elem(h, "td", arena_printf(rq->arena, "%d (%d)", o->n_initiatives, o->n_active));
        html_elem(h, "td", arena_printf(rq->arena, "%d", o->n_committed));
        for (k = 0; k < COVERAGE_SECTORS; k++)
            html_elem(h, "td", arena_printf(rq->arena, "%d", o->sectors[k]));
        html_elem(h, "td",
                  o->n_indicators == 0  ? _("No indicator")
                  : o->latest_year == 0 ? _("No data")
                                        : arena_printf(rq->arena, "%d", o->latest_year));
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_close(h, "section");
}

static bool
serves(const struct coverage_initiative *n, int64_t objective)
{
    int i;

    for (i = 0; i < n->n_objective_ids; i++)
        if (n->objective_ids[i] == objective)
            return true;
    return false;
}

static void
matrix(struct req *rq, struct html *h, const struct coverage *c, const struct mission *m,
       const struct pager *p)
{
    int i, k;

    html_open(h, "section", "aria-labelledby", "mat-h", NULL);
    html_elem_attr(h, "h2", _("Initiatives by objective"), "id", "mat-h", NULL);
    if (c->n_inits == 0) {
        html_elem(h, "p", _("The mission has no initiatives yet."));
        html_close(h, "section");
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "matrix", NULL);
    html_elem(h, "caption",
              arena_printf(rq->arena, _("Which objectives each initiative serves (%s of %s)"),
                           fmt_num(rq, (double)c->n_inits, 0),
                           fmt_num(rq, (double)c->total_inits, 0)));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Initiative"), "scope", "col", NULL);
    for (k = 0; k < c->n_objs; k++)
        html_elem_attr(h, "th", L(rq, c->objs[k].title_sv, c->objs[k].title_en), "scope", "col",
                       "lang", L_lang(rq, c->objs[k].title_en), NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < c->n_inits; i++) {
        const struct coverage_initiative *n = &c->inits[i];

        html_open(h, "tr", NULL);
        html_open(h, "th", "scope", "row", NULL);
        html_elem_attr(h, "a", L(rq, n->title_sv, n->title_en), "href", url_initiative(rq, n->id),
                       "lang", L_lang(rq, n->title_en), NULL);
        html_close(h, "th");
        for (k = 0; k < c->n_objs; k++) {
            if (serves(n, c->objs[k].id)) {
                html_open(h, "td", NULL);
                html_elem_attr(h, "span", "●", "aria-hidden", "true", NULL);
                html_elem_attr(h, "span", _("serves it"), "class", "visually-hidden", NULL);
                html_close(h, "td");
            } else {
                html_open(h, "td", NULL);
                html_elem_attr(h, "span", _("no"), "class", "visually-hidden", NULL);
                html_close(h, "td");
            }
        }
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    {
        const char *path = url_portfolio(rq, m->slug);
        const char *stale = arena_printf(rq->arena, "%d", c->stale_years);

        layout_pager(rq, h, p->page, p->pages,
                     p->page > 1 ? url_paged(rq, path, p->page - 1, "stale", stale, NULL) : NULL,
                     p->page < p->pages ? url_paged(rq, path, p->page + 1, "stale", stale, NULL)
                                        : NULL);
    }
    html_close(h, "section");
}

/* ------------------------------------------------------------ gaps */

static const char *
gap_heading(const struct coverage *c, enum coverage_gap_kind kind)
{
    switch (kind) {
    case GAP_NO_INITIATIVE:
        return _("Objectives no active initiative serves");
    case GAP_NO_COMMITMENT:
        return _("Objectives no actor has committed to");
    case GAP_STALE_DATA: /* its heading names the years: gaps() writes it */
        return "";
    case GAP_SECTOR_ABSENT:
        return _("Sectors absent from the mission or from one of its objectives");
    case GAP_PAST_END:
        return _("Initiatives past their end date still marked accepted or running");
    case GAP_COMMITMENT_DUE:
        return _("Commitments past their date, not delivered");
    case GAP_FOLLOW_UP_DUE:
        return _("Follow-ups of dialogues past their due date");
    default:
        (void)c;
        return "";
    }
}

/* Where a gap is fixed, and what the link says. */
static const char *
gap_fix(struct req *rq, const struct mission *m, const struct coverage_gap *g, const char **label)
{
    switch (g->kind) {
    case GAP_NO_INITIATIVE:
        *label = _("add an initiative");
        return url_initiative_new(rq, m->slug);
    case GAP_NO_COMMITMENT:
        *label = _("see the commitments");
        return url_commitments(rq, m->slug);
    case GAP_STALE_DATA:
        *label = _("add data");
        return url_indicator_data_edit(rq, g->id);
    case GAP_SECTOR_ABSENT:
        *label = _("find actors of the sector");
        return url_actors(rq, g->sector);
    case GAP_PAST_END:
        *label = _("update the status");
        return url_initiative_edit(rq, g->id);
    case GAP_COMMITMENT_DUE:
        *label = _("update the commitment");
        return url_commitment(rq, g->id);
    case GAP_FOLLOW_UP_DUE:
        *label = _("open the dialogue");
        return url_dialogue(rq, g->parent_id);
    default:
        *label = "";
        return url_mission(rq, m->slug);
    }
}

/* What a gap is about, as the page names it. */
static const char *
gap_what(struct req *rq, const struct coverage_gap *g)
{
    if (g->kind == GAP_SECTOR_ABSENT && g->parent_id == 0)
        return arena_printf(rq->arena, _("%s: absent from the whole mission"),
                            label_code(&code_actor_sector, g->sector));
    if (g->kind == GAP_SECTOR_ABSENT)
        return arena_printf(rq->arena, _("%s, in the objective %s"),
                            label_code(&code_actor_sector, g->sector),
                            L(rq, g->title_sv, g->title_en));
    return L(rq, g->title_sv, g->title_en);
}

static const char *
gap_date(struct req *rq, const struct coverage_gap *g)
{
    if (str_empty(g->date))
        return g->kind == GAP_STALE_DATA ? _("no data") : NULL;
    if (g->kind == GAP_STALE_DATA)
        return arena_printf(rq->arena, _("newest data %s"), g->date);
    return arena_printf(rq->arena, _("due %s"), fmt_date_iso(rq, g->date));
}

static void
gaps(struct req *rq, struct html *h, const struct coverage *c, const struct mission *m)
{
    int kind, i, shown;
    int64_t all = 0;

    html_open(h, "section", "aria-labelledby", "gap-h", NULL);
    html_elem_attr(h, "h2", _("Gaps"), "id", "gap-h", NULL);
    html_open(h, "form", "method", "get", "action", url_portfolio(rq, m->slug), "class", "filters",
              NULL);
    html_open(h, "div", "class", "field", NULL);
    html_elem_attr(h, "label",
                   _("Data is stale when its newest value is older than this many years"), "for",
                   "f-stale", NULL);
    html_void(h, "input", "type", "number", "id", "f-stale", "name", "stale", "min", "1", "max",
              "50", "value", arena_printf(rq->arena, "%d", c->stale_years), NULL);
    html_close(h, "div");
    if (rq->lang_in_query)
        html_void(h, "input", "type", "hidden", "name", "lang", "value",
                  rq->lang == LANG_EN ? "en" : "sv", NULL);
    html_elem_attr(h, "button", _("Show"), "type", "submit", NULL);
    html_close(h, "form");
    for (kind = 0; kind < GAP__MAX; kind++)
        all += c->n_gap[kind];
    if (all == 0)
        html_elem(h, "p",
                  _("No gaps: every objective is served and committed to, every sector "
                    "takes part, and nothing is past its date."));
    for (kind = 0; kind < GAP__MAX; kind++) {
        if (c->n_gap[kind] == 0)
            continue;
        html_open(h, "h3", NULL);
        html_text(h,
                  kind == GAP_STALE_DATA
                      ? arena_printf(rq->arena,
                                     ngettext("Indicators whose newest data is older than %d year",
                                              "Indicators whose newest data is older than %d years",
                                              (unsigned long)c->stale_years),
                                     c->stale_years)
                      : gap_heading(c, (enum coverage_gap_kind)kind));
        html_printf(h, " (%lld)", (long long)c->n_gap[kind]);
        html_close(h, "h3");
        html_open(h, "ul", NULL);
        for (i = 0, shown = 0; i < c->n_gaps; i++) {
            const struct coverage_gap *g = &c->gaps[i];
            const char *label, *href, *date;

            if ((int)g->kind != kind)
                continue;
            shown++;
            href = gap_fix(rq, m, g, &label);
            date = gap_date(rq, g);
            html_open(h, "li", NULL);
            if (g->kind == GAP_STALE_DATA)
                html_elem_attr(h, "a", gap_what(rq, g), "href", url_indicator(rq, g->id), NULL);
            else
                html_text(h, gap_what(rq, g));
            if (g->kind == GAP_STALE_DATA)
                html_printf(h, " (%s)", objective_title(rq, c, g->parent_id));
            if (date != NULL)
                html_printf(h, " – %s", date);
            html_text(h, ": ");
            html_elem_attr(h, "a", label, "href", href, NULL);
            html_close(h, "li");
        }
        html_close(h, "ul");
        if (shown < c->n_gap[kind])
            html_elem(h, "p",
                      arena_printf(rq->arena, _("%s more in the CSV file of the gaps."),
                                   fmt_num(rq, (double)(c->n_gap[kind] - shown), 0)));
    }
    html_close(h, "section");
}

enum err
page_portfolio(struct req *rq)
{
    struct authz_scope scope = {0};
    struct coverage c;
    struct mission m;
    struct pager p;
    struct html h;
    const char *title;
    bool notes;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    scope.mission_id = m.id;
    notes = req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    pager_read(rq, &p, MATRIX_PER_PAGE);
    rc = load(rq, notes, COVERAGE_GAP_MAX, &p.pg, &m, &c);
    if (rc)
        return rc;
    p.total = c.total_inits;
    rc = pager_check(rq, &p);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Portfolio of %s"), L(rq, m.title_sv, m.title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p",
              _("The mission's portfolio as a whole: how its initiatives balance, what covers "
                "each objective and what is missing. Each gap links to where it is fixed."));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the mission"), "href", url_mission(rq, m.slug), NULL);
    html_close(&h, "p");
    balance(rq, &h, &c);
    objectives_table(rq, &h, &c);
    gaps(rq, &h, &c, &m);
    matrix(rq, &h, &c, &m, &p);
    html_open(&h, "section", "aria-labelledby", "dl-h", NULL);
    html_elem_attr(&h, "h2", _("Download"), "id", "dl-h", NULL);
    html_open(&h, "ul", NULL);
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("The matrix of initiatives by objective (CSV)"), "href",
                   url_portfolio_matrix_csv(rq, m.slug), "type", "text/csv", NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("The gaps (CSV)"), "href", url_portfolio_gaps_csv(rq, m.slug), "type",
                   "text/csv", NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("The portfolio in the JSON API"), "href",
                   url_api_portfolio(rq, m.slug), "type", "application/json", NULL);
    html_close(&h, "li");
    html_close(&h, "ul");
    html_close(&h, "section");
    return layout_end_for(rq, &h, NULL, 0, m.id, m.owner_name);
}

/* ------------------------------------------------------------ the CSV files */

static enum err
csv_headers(struct req *rq, const char *slug, const char *what)
{
    rq->resp.content_type = "text/csv; charset=utf-8";
    return resp_header(rq, "Content-Disposition",
                       arena_printf(rq->arena,
                                    "attachment; filename=\"portfolio-%s-%s.csv\"; "
                                    "filename*=UTF-8''portfolio-%s-%s.csv",
                                    slug, what, slug, what));
}

struct matrix_csv {
    struct req *rq;
    const struct coverage *c;
};

static enum err
matrix_row(void *ctx, const struct coverage_initiative *n)
{
    struct matrix_csv *x = ctx;
    struct buf *b = &x->rq->resp.body;
    int k;

    buf_printf(b, "%lld,", (long long)n->id);
    export_csv_cell(b, n->title_sv, true);
    buf_addc(b, ',');
    export_csv_cell(b, n->title_en, true);
    buf_printf(b, ",%s,%s", n->origin, n->status);
    for (k = 0; k < x->c->n_objs; k++)
        buf_adds(b, serves(n, x->c->objs[k].id) ? ",1" : ",0");
    buf_adds(b, "\r\n");
    return buf_err(b) ? ERR_LIMIT : ERR_OK;
}

enum err
file_portfolio_matrix(struct req *rq)
{
    struct page none = {0, 0};
    struct matrix_csv x;
    struct coverage c;
    struct mission m;
    struct buf *b = &rq->resp.body;
    enum err rc;
    int k;

    rc = load(rq, false, 1, &none, &m, &c);
    if (rc)
        return rc;
    /* the header: the initiative's columns, then one per objective named by its id and its
     * Swedish title (a column a spreadsheet and a script can both tell apart) */
    buf_adds(b, "initiative_id,title_sv,title_en,origin,status");
    for (k = 0; k < c.n_objs; k++) {
        buf_addc(b, ',');
        export_csv_cell(b,
                        arena_printf(rq->arena, "objective %lld: %s", (long long)c.objs[k].id,
                                     c.objs[k].title_sv),
                        true);
    }
    buf_adds(b, "\r\n");
    x.rq = rq;
    x.c = &c;
    rc = coverage_matrix_each(rq->db, rq->arena, m.id, matrix_row, &x);
    if (rc)
        return rc;
    return csv_headers(rq, m.slug, "matrix");
}

enum err
file_portfolio_gaps(struct req *rq)
{
    struct page none = {0, 0};
    struct coverage c;
    struct mission m;
    struct buf *b = &rq->resp.body;
    enum err rc;
    int i;

    rc = load(rq, false, CSV_GAPS_MAX, &none, &m, &c);
    if (rc)
        return rc;
    buf_adds(b, "gap,id,title_sv,title_en,date,objective_id,dialogue_id\r\n");
    for (i = 0; i < c.n_gaps; i++) {
        const struct coverage_gap *g = &c.gaps[i];

        buf_printf(b, "%s,", coverage_gap_code(g->kind));
        if (g->kind == GAP_SECTOR_ABSENT)
            buf_adds(b, g->sector);
        else
            buf_printf(b, "%lld", (long long)g->id);
        buf_addc(b, ',');
        export_csv_cell(b, g->title_sv, true);
        buf_addc(b, ',');
        export_csv_cell(b, g->title_en, true);
        buf_printf(b, ",%s,", g->date);
        if ((g->kind == GAP_STALE_DATA || g->kind == GAP_SECTOR_ABSENT) && g->parent_id != 0)
            buf_printf(b, "%lld", (long long)g->parent_id);
        buf_addc(b, ',');
        if (g->kind == GAP_FOLLOW_UP_DUE)
            buf_printf(b, "%lld", (long long)g->parent_id);
        buf_adds(b, "\r\n");
    }
    if (buf_err(b))
        return ERR_LIMIT;
    return csv_headers(rq, m.slug, "gaps");
}
