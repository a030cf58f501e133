/*
 * page_mission.c — `/missions/{slug}`: the mission's public page.
 *
 * Goal statement, deadline and years left; the mission's progress status
 * and the goal tree with each objective's and indicator's status, latest value
 * against baseline and target, trend and the reason; initiatives split
 * top-down / bottom-up; the actors taking part by sector; the SDG goals and
 * targets the mission spans; the team and its contacts; then the
 * accountability block.
 */
#include <string.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/learning.h"
#include "domain/mission.h"
#include "domain/person.h"
#include "domain/sdg.h"
#include "web/auth.h"
#include "web/commitview.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/progress_view.h"
#include "web/route.h"
#include "web/svg.h"
#include "web/url.h"

/* Lists on the mission page show this many items and link to the full list. */
#define PAGE_LIST 25

struct mission_page {
    struct req *rq;
    struct html *h;
    struct mission m;
    struct mission_tree t;
    /* what the page offers who asks (req_offers: nothing for a visitor, whose page stays
     * the shared copy); the scope is the mission as stored */
    bool may_edit, may_archive, may_obj_create, may_obj_edit, may_obj_archive;
    bool may_ind_create, may_ind_edit, may_ind_settings, may_ind_archive, may_team, may_sdg;
    /* each indicator's trend line as drawn the first time (the state of play and the goal
     * tree show the same one), parallel to t.inds; spark_state: 0 not yet, 1 drawn, 2 none */
    struct html_part *spark;
    unsigned char *spark_state;
};

/* An editing link: text, and for screen readers the thing it acts on. */
static void
edit_link(struct html *h, const char *href, const char *text, const char *what)
{
    html_open(h, "a", "href", href, NULL);
    html_text(h, text);
    if (what != NULL) {
        html_open(h, "span", "class", "visually-hidden", NULL);
        html_text(h, ": ");
        html_text(h, what);
        html_close(h, "span");
    }
    html_close(h, "a");
}

static void
offers_load(struct mission_page *p)
{
    struct authz_scope scope = {0};
    struct req *rq = p->rq;

    scope.mission_id = p->m.id;
    p->may_edit = req_offers(rq, AUTHZ_MISSION_EDIT, &scope);
    p->may_archive = req_offers(rq, AUTHZ_MISSION_ARCHIVE, &scope);
    p->may_obj_create = req_offers(rq, AUTHZ_OBJECTIVE_CREATE, &scope);
    p->may_obj_edit = req_offers(rq, AUTHZ_OBJECTIVE_EDIT, &scope);
    p->may_obj_archive = req_offers(rq, AUTHZ_OBJECTIVE_ARCHIVE, &scope);
    p->may_ind_create = req_offers(rq, AUTHZ_INDICATOR_CREATE, &scope);
    p->may_ind_edit = req_offers(rq, AUTHZ_INDICATOR_EDIT, &scope);
    p->may_ind_settings = req_offers(rq, AUTHZ_INDICATOR_SETTINGS, &scope);
    p->may_ind_archive = req_offers(rq, AUTHZ_INDICATOR_ARCHIVE, &scope);
    p->may_team = req_offers(rq, AUTHZ_TEAM_EDIT, &scope);
    p->may_sdg = req_offers(rq, AUTHZ_MISSION_SDG, &scope);
}

/* The mission's editing links, under its title. */
static void
offers(struct mission_page *p)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    const char *slug = p->m.slug;

    if (!(p->may_edit || p->may_archive || p->may_obj_create || p->may_ind_create || p->may_team ||
          p->may_sdg))
        return;
    html_open(h, "nav", "class", "edit-links", "aria-label", _("Edit this mission"), NULL);
    html_open(h, "ul", NULL);
#define OFFER(cond, href, text)                                                                    \
    if (cond) {                                                                                    \
        html_open(h, "li", NULL);                                                                  \
        edit_link(h, href, text, NULL);                                                            \
        html_close(h, "li");                                                                       \
    }
    OFFER(p->may_edit, url_mission_edit(rq, slug), _("Edit"));
    OFFER(p->may_obj_create, url_objective_new(rq, slug), _("Add an objective"));
    OFFER(p->may_ind_create && p->t.n_objs > 0, url_indicator_new(rq, slug), _("Add an indicator"));
    OFFER(p->may_team, url_team(rq, slug), _("Team"));
    OFFER(p->may_sdg, url_mission_sdg(rq, slug), _("SDG targets"));
    OFFER(p->may_archive && p->m.archived_at == 0, url_mission_archive(rq, slug), _("Archive"));
#undef OFFER
    html_close(h, "ul");
    html_close(h, "nav");
}

/* "37 % (2022)" style value with the indicator's unit. */
static char *
value_text(struct req *rq, const struct indicator *ind, double v)
{
    const char *unit = L(rq, ind->unit_sv, ind->unit_en);
    char *num = fmt_num(rq, v, ind->decimals);

    if (unit == NULL || *unit == '\0')
        return num;
    if (strcmp(unit, "%") == 0)
        return arena_printf(rq->arena, "%s\xc2\xa0%%", num);
    return arena_printf(rq->arena, "%s %s", num, unit);
}

/* The headline series of indicator k as a small trend line (nothing below two points), with
 * "↑ better" or "↓ better" beside it: a falling line is good news for waste and bad news for an
 * organic share, and the reader cannot tell which from the line. The same words end the line's
 * accessible name. In a table the row's reason says why there is no line. Returns whether
 * it drew the line. */
static bool spark_draw(struct mission_page *p, int k);

static bool
sparkline(struct mission_page *p, int k, bool in_table)
{
    const struct indicator_progress *ip = &p->t.prog.inds[k];
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct html_mark m;
    const char *why;
    bool drawn;

    /* an indicator that cannot be assessed gets no trend line: a line would suggest a
     * trend the assessment does not find; say why instead */
    if (ip->status == PS_NOT_AVAILABLE) {
        why = in_table ? NULL : progress_reason(rq, ip);
        if (why != NULL)
            html_elem_attr(h, "span", why, "class", "reason small", NULL);
        return false;
    }
    if (p->spark_state[k] != 0) {
        html_put(h, p->spark[k]);
        return p->spark_state[k] == 1;
    }
    m = html_mark(h);
    drawn = spark_draw(p, k);
    p->spark[k] = html_take(h, m);
    p->spark_state[k] = drawn ? 1 : 2;
    return drawn;
}

/* sparkline's line and its "↑ better", drawn */
static bool
spark_draw(struct mission_page *p, int k)
{
    const struct indicator *ind = &p->t.inds[k];
    const struct indicator_progress *ip = &p->t.prog.inds[k];
    const struct series_progress *sp;
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct chart_point *pts;
    bool up = ip->cfg.direction > 0;
    int i;

    if (ip->n_series == 0 || ip->series[0].n_pts < 2)
        return false;
    sp = &ip->series[0];
    pts = arena_alloc(rq->arena, (size_t)sp->n_pts * sizeof(*pts));
    for (i = 0; i < sp->n_pts; i++) {
        pts[i].year = sp->pts[i].year;
        pts[i].value = sp->pts[i].value;
    }
    if (!svg_sparkline(rq, h, pts, sp->n_pts,
                       arena_printf(rq->arena, _("Trend %d–%d: from %s to %s; %s"), sp->pts[0].year,
                                    sp->pts[sp->n_pts - 1].year,
                                    value_text(rq, ind, sp->pts[0].value),
                                    value_text(rq, ind, sp->pts[sp->n_pts - 1].value),
                                    up ? _("higher is better") : _("lower is better"))))
        return false;
    /* the line's name says it in words; the arrow is for the eye, read once */
    html_text(h, " ");
    html_elem_attr(h, "span", up ? _("↑ better") : _("↓ better"), "class", "better", "aria-hidden",
                   "true", NULL);
    return true;
}

static void
indicator_row(struct mission_page *p, int k)
{
    const struct indicator *ind = &p->t.inds[k];
    const struct indicator_progress *ip = &p->t.prog.inds[k];
    struct req *rq = p->rq;
    struct html *h = p->h;
    const char *reason;
    double target;
    int tyear = ind->target_year ? ind->target_year : p->m.deadline_year;

    html_open(h, "tr", NULL);
    html_open(h, "th", "scope", "row", NULL);
    html_open(h, "a", "href", url_indicator(rq, ind->id), "lang", L_lang(rq, ind->title_en), NULL);
    html_text(h, L(rq, ind->title_sv, ind->title_en));
    html_close(h, "a");
    html_open(h, "span", "class", "small", NULL);
    html_text(h, " (");
    html_text(h, label_code(&code_direction, ind->direction));
    html_text(h, ")");
    html_close(h, "span");
    if (p->may_ind_edit || p->may_ind_settings || p->may_ind_archive) {
        const char *what = L(rq, ind->title_sv, ind->title_en);

        html_open(h, "span", "class", "edit-links small", NULL);
        if (p->may_ind_edit) {
            html_text(h, " ");
            edit_link(h, url_indicator_edit(rq, ind->id), _("Edit"), what);
        }
        if (p->may_ind_settings) {
            html_text(h, " ");
            edit_link(h, url_indicator_settings(rq, ind->id), _("Progress settings"), what);
        }
        if (p->may_ind_archive) {
            html_text(h, " ");
            edit_link(h, url_indicator_archive(rq, ind->id), _("Archive"), what);
        }
        html_close(h, "span");
    }
    html_close(h, "th");

    html_open(h, "td", "class", "num", "data-label", _("Baseline"), NULL);
    if (ind->has_base)
        html_printf(h, "%s (%s)", value_text(rq, ind, ind->base_value),
                    ind->base_period != NULL ? ind->base_period
                                             : arena_printf(rq->arena, "%d", ind->base_year));
    else
        html_text(h, "–");
    html_close(h, "td");

    html_open(h, "td", "class", "num", "data-label", _("Latest value"), NULL);
    if (ind->has_latest)
        html_printf(h, "%s (%s)", value_text(rq, ind, ind->latest_value), ind->latest_period);
    else
        html_text(h, _("No data yet"));
    html_close(h, "td");

    html_open(h, "td", "class", "num", "data-label", _("Target"), NULL);
    if (indicator_target_abs(ind, &target))
        html_printf(h, "%s (%d)", value_text(rq, ind, target), tyear);
    else
        html_text(h, _("No target set"));
    html_close(h, "td");

    html_open(h, "td", "data-label", _("Progress"), NULL);
    view_status(rq, h, ip->status);
    reason = progress_reason(rq, ip);
    if (reason != NULL)
        html_elem_attr(h, "span", reason, "class", "reason", NULL);
    html_close(h, "td");

    html_open(h, "td", "data-label", _("Trend"), NULL);
    /* a dash for no line, as for a missing baseline: an empty cell would vanish on a phone */
    if (!sparkline(p, k, true))
        html_text(h, "–");
    html_close(h, "td");
    html_close(h, "tr");
}

static void
objective_block(struct mission_page *p, int oi, int level)
{
    const struct objective *o = &p->t.objs[oi];
    const struct objective_progress *op = &p->t.prog.objs[oi];
    struct req *rq = p->rq;
    struct html *h = p->h;
    const char *tag = level == 0 ? "h3" : "h4";
    int i, n = 0;

    html_open(h, "li", NULL);
    html_elem_attr(h, tag, L(rq, o->title_sv, o->title_en), "lang", L_lang(rq, o->title_en), NULL);
    html_open(h, "p", "class", "meta", NULL);
    view_status(rq, h, op->status);
    if (op->has_score) {
        html_text(h, " · ");
        html_printf(h, _("score %s"), fmt_score(rq, op->score));
    }
    if (o->weight != 1) {
        html_text(h, " · ");
        html_printf(h, _("weight %s"), fmt_num(rq, o->weight, 1));
    }
    html_close(h, "p");
    if (p->may_obj_edit || p->may_obj_archive) {
        const char *what = L(rq, o->title_sv, o->title_en);

        html_open(h, "p", "class", "edit-links small", NULL);
        if (p->may_obj_edit)
            edit_link(h, url_objective_edit(rq, o->id), _("Edit"), what);
        if (p->may_obj_edit && p->may_obj_archive)
            html_text(h, " ");
        if (p->may_obj_archive)
            edit_link(h, url_objective_archive(rq, o->id), _("Archive"), what);
        html_close(h, "p");
    }
    if (*L(rq, o->description_sv, o->description_en) != '\0')
        html_elem_attr(h, "p", L(rq, o->description_sv, o->description_en), "lang",
                       L_lang(rq, o->description_en), NULL);
    for (i = 0; i < p->t.n_inds; i++)
        n += p->t.inds[i].objective_id == o->id;
    if (n > 0) {
        html_open(h, "div", "class", "tablewrap", NULL);
        html_open(h, "table", "class", "stack", NULL);
        html_open(h, "caption", NULL);
        html_printf(h, _("Indicators for: %s"), L(rq, o->title_sv, o->title_en));
        html_close(h, "caption");
        html_open(h, "thead", NULL);
        html_open(h, "tr", NULL);
        html_elem_attr(h, "th", _("Indicator"), "scope", "col", NULL);
        html_elem_attr(h, "th", _("Baseline"), "scope", "col", "class", "num", NULL);
        html_elem_attr(h, "th", _("Latest value"), "scope", "col", "class", "num", NULL);
        html_elem_attr(h, "th", _("Target"), "scope", "col", "class", "num", NULL);
        html_elem_attr(h, "th", _("Progress"), "scope", "col", NULL);
        html_elem_attr(h, "th", _("Trend"), "scope", "col", NULL);
        html_close(h, "tr");
        html_close(h, "thead");
        html_open(h, "tbody", NULL);
        for (i = 0; i < p->t.n_inds; i++)
            if (p->t.inds[i].objective_id == o->id)
                indicator_row(p, i);
        html_close(h, "tbody");
        html_close(h, "table");
        html_close(h, "div");
    }
    /* sub-objectives, nested (the tree is shallow; depth is bounded by the data) */
    n = 0;
    for (i = 0; i < p->t.n_objs; i++)
        n += p->t.objs[i].parent_id == o->id;
    if (n > 0 && level < 4) {
        html_open(h, "ul", "class", "tree", NULL);
        for (i = 0; i < p->t.n_objs; i++)
            if (p->t.objs[i].parent_id == o->id)
                objective_block(p, i, level + 1);
        html_close(h, "ul");
    }
    html_close(h, "li");
}

/* Every indicator's status at a glance, grouped by status, best first. */
static void
overview(struct mission_page *p)
{
    static const enum progress_status order[] = {PS_TARGET_ACHIEVED, PS_SUBSTANTIAL,
                                                 PS_MODERATE,        PS_LIMITED,
                                                 PS_DETERIORATION,   PS_NOT_AVAILABLE};
    struct req *rq = p->rq;
    struct html *h = p->h;
    size_t s;
    int i, k;

    if (p->t.n_inds == 0)
        return;
    html_open(h, "section", "aria-labelledby", "overview-h", NULL);
    html_elem_attr(h, "h2", _("State of play"), "id", "overview-h", NULL);
    html_open(h, "ul", "class", "overview", NULL);
    for (s = 0; s < sizeof(order) / sizeof(order[0]); s++) {
        k = 0;
        for (i = 0; i < p->t.n_inds; i++)
            k += p->t.prog.inds[i].status == order[s];
        if (k == 0)
            continue;
        html_open(h, "li", NULL);
        view_status(rq, h, order[s]);
        html_printf(h, " (%d)", k);
        html_open(h, "ul", NULL);
        for (i = 0; i < p->t.n_inds; i++) {
            if (p->t.prog.inds[i].status != order[s])
                continue;
            html_open(h, "li", NULL);
            html_open(h, "a", "href", url_indicator(rq, p->t.inds[i].id), "lang",
                      L_lang(rq, p->t.inds[i].title_en), NULL);
            html_text(h, L(rq, p->t.inds[i].title_sv, p->t.inds[i].title_en));
            html_close(h, "a");
            html_text(h, " ");
            /* the trend in a column of its own, so the lines line up whatever the title */
            html_open(h, "span", "class", "trend", NULL);
            sparkline(p, i, false);
            html_close(h, "span");
            html_close(h, "li");
        }
        html_close(h, "ul");
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
}

static void
goal_tree(struct mission_page *p)
{
    struct html *h = p->h;
    int i;

    html_open(h, "section", "aria-labelledby", "tree-h", NULL);
    html_elem_attr(h, "h2", _("Goal tree and progress"), "id", "tree-h", NULL);
    html_elem_attr(h, "p",
                   _("Each indicator is assessed with the rate-ratio method of Eurostat, "
                     "Statistics Canada and Open SDG: the pace since the base year against the "
                     "pace needed to reach the target by its year. Objectives and the mission "
                     "take the weighted mean of their parts' scores (from −5 to 5)."),
                   "class", "small", NULL);
    if (p->t.n_objs == 0) {
        html_elem(h, "p", _("No objectives have been set yet."));
    } else {
        html_open(h, "ul", "class", "tree", NULL);
        for (i = 0; i < p->t.n_objs; i++)
            if (p->t.objs[i].parent_id == 0)
                objective_block(p, i, 0);
        html_close(h, "ul");
    }
    html_close(h, "section");
}

static enum err
initiatives(struct mission_page *p, const char *origin, const char *heading, const char *id,
            const char *intro)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct initiative *list;
    int n, i;
    int64_t total;
    enum err rc;

    /* a page, not a catalogue: the latest PAGE_LIST, and a link to all of them */
    rc = initiative_latest(rq->db, rq->arena, p->m.id, origin, PAGE_LIST, &list, &n, &total);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", id, NULL);
    html_open(h, "h3", "id", id, NULL);
    html_text(h, heading);
    html_printf(h, " (%lld)", (long long)total);
    html_close(h, "h3");
    html_elem_attr(h, "p", intro, "class", "small", NULL);
    if (n == 0) {
        html_elem(h, "p", _("None yet."));
    } else {
        html_open(h, "ul", NULL);
        for (i = 0; i < n; i++) {
            html_open(h, "li", NULL);
            html_open(h, "a", "href", url_initiative(rq, list[i].id), "lang",
                      L_lang(rq, list[i].title_en), NULL);
            html_text(h, L(rq, list[i].title_sv, list[i].title_en));
            html_close(h, "a");
            html_text(h, " ");
            html_elem_attr(h, "span", initiative_status_text(rq, list[i].status, list[i].end_date),
                           "class", "badge", NULL);
            if (list[i].lead_actor_name != NULL) {
                html_open(h, "span", "class", "small", NULL);
                html_text(h, " ");
                html_printf(h, _("led by %s"), list[i].lead_actor_name);
                html_close(h, "span");
            }
            html_close(h, "li");
        }
        html_close(h, "ul");
        if (total > n) {
            html_open(h, "p", NULL);
            html_elem_attr(h, "a",
                           arena_printf(rq->arena, _("All %lld, with filters"), (long long)total),
                           "href", url_initiatives(rq, p->m.slug, origin), NULL);
            html_close(h, "p");
        }
    }
    html_close(h, "section");
    return ERR_OK;
}

static enum err
actors_by_sector(struct mission_page *p)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct sector_actors *sa, *one;
    const struct code *sector;
    int n = 0, n_sa, i, s;
    enum err rc;

    /* counted by sector, then each sector's first PAGE_LIST by name: never every actor */
    rc = mission_actors_by_sector(rq->db, rq->arena, p->m.id, PAGE_LIST, &sa, &n_sa);
    if (rc)
        return rc;
    for (i = 0; i < n_sa; i++)
        n += sa[i].n;
    html_open(h, "section", "aria-labelledby", "actors-h", NULL);
    html_elem_attr(h, "h2", _("Actors taking part"), "id", "actors-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No actors take part yet."));
        html_close(h, "section");
        return ERR_OK;
    }
    html_open(h, "p", NULL);
    html_printf(h,
                ngettext("%d actor takes part in the mission's initiatives.",
                         "%d actors take part in the mission's initiatives.", (unsigned long)n),
                n);
    html_close(h, "p");
    html_open(h, "div", "class", "cols", NULL);
    for (s = 0; s < code_actor_sector.n; s++) {
        sector = &code_actor_sector.codes[s];
        one = NULL;
        for (i = 0; i < n_sa; i++)
            if (strcmp(sa[i].sector, sector->code) == 0)
                one = &sa[i];
        if (one == NULL || one->n == 0)
            continue;
        html_open(h, "div", NULL);
        html_open(h, "h3", NULL);
        /* a code set's label, a literal in codes.c's tables: through the memo */
        html_printf(h, "%s (%d)", i18n_lit(sector->label), one->n);
        html_close(h, "h3");
        html_open(h, "ul", NULL);
        for (i = 0; i < one->n_first; i++) {
            html_open(h, "li", NULL);
            html_elem_attr(h, "a", one->first[i].name, "href", url_actor(rq, one->first[i].id),
                           NULL);
            if (one->first[i].municipality_name != NULL) {
                html_open(h, "span", "class", "small", NULL);
                html_printf(h, " – %s", one->first[i].municipality_name);
                html_close(h, "span");
            }
            html_close(h, "li");
        }
        html_close(h, "ul");
        if (one->n > one->n_first) {
            html_open(h, "p", "class", "small", NULL);
            html_elem_attr(h, "a", arena_printf(rq->arena, _("All %d in this sector"), one->n),
                           "href", url_actors(rq, sector->code), NULL);
            html_close(h, "p");
        }
        html_close(h, "div");
    }
    html_close(h, "div");
    html_close(h, "section");
    return ERR_OK;
}

/* The link to the mission's collaboration network (page_network.c). */
static void
network_link(struct mission_page *p)
{
    html_open(p->h, "p", NULL);
    html_elem_attr(p->h, "a", _("Who works with whom: the mission's collaboration network"), "href",
                   url_mission_network(p->rq, p->m.slug), NULL);
    html_close(p->h, "p");
}

static enum err
sdgs(struct mission_page *p)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct sdg_target *ts;
    int n, i;
    enum err rc;

    /* by goal, then the goal's order of targets, each with its goal's short names */
    rc = mission_sdg_targets(rq->db, rq->arena, p->m.id, &ts, &n);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "sdg-h", NULL);
    html_elem_attr(h, "h2", _("Agenda 2030: goals and targets"), "id", "sdg-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No SDG targets have been linked yet."));
        html_close(h, "section");
        return ERR_OK;
    }
    html_open(h, "ul", "class", "tree", NULL);
    for (i = 0; i < n; i++) {
        if (i == 0 || ts[i].goal != ts[i - 1].goal) {
            html_open(h, "li", NULL);
            html_open(h, "h3", NULL);
            html_open(h, "a", "href", url_sdg_goal(rq, ts[i].goal), NULL);
            html_open(h, "span", "class", arena_printf(rq->arena, "sdg sdg-%d", ts[i].goal), NULL);
            html_printf(h, "%d", ts[i].goal);
            html_close(h, "span");
            html_text(h, " ");
            html_text(h, rq->lang == LANG_EN ? ts[i].goal_short_en : ts[i].goal_short_sv);
            html_close(h, "a");
            html_close(h, "h3");
            html_open(h, "ul", NULL);
        }
        html_open(h, "li", NULL);
        html_elem(h, "strong", ts[i].code);
        html_text(h, " ");
        /* target texts exist in English only */
        html_elem_attr(h, "span", ts[i].title_en, "lang", en_only(rq), NULL);
        html_close(h, "li");
        if (i == n - 1 || ts[i + 1].goal != ts[i].goal) {
            html_close(h, "ul");
            html_close(h, "li");
        }
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

static enum err
team(struct mission_page *p)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    struct team_member *tm;
    const char *mail, *role, *title;
    int n, i;
    enum err rc;

    rc = mission_team(rq->db, rq->arena, p->m.id, &tm, &n);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "team-h", NULL);
    html_elem_attr(h, "h2", _("Mission team and contacts"), "id", "team-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("The team has not been published yet."));
        html_close(h, "section");
        return ERR_OK;
    }
    html_open(h, "ul", "class", "cards", NULL);
    for (i = 0; i < n; i++) {
        const struct person *ps = &tm[i].person;

        html_open(h, "li", "class", "card", NULL);
        html_elem(h, "h3", ps->name);
        html_open(h, "p", NULL);
        role = label_code(&code_team_role, tm[i].role);
        title = L(rq, ps->title_sv, ps->title_en);
        html_text(h, role);
        /* the title only when it says more than the role ("Missionsledare, Missionsledare") */
        if (!str_empty(title) && !i18n_same_words(title, role)) {
            html_text(h, ", ");
            html_text_lang(h, title, L_lang(rq, ps->title_en));
        }
        if (ps->actor_name != NULL) {
            html_text(h, ", ");
            html_elem_attr(h, "a", ps->actor_name, "href", url_actor(rq, ps->actor_id), NULL);
        }
        html_close(h, "p");
        /* the e-mail and phone are there only when the person marked them public */
        if (tm[i].is_contact && (ps->email != NULL || ps->phone != NULL)) {
            html_open(h, "p", NULL);
            html_elem_attr(h, "span", _("Contact:"), "class", "small", NULL);
            html_text(h, " ");
            mail = url_mailto(rq, ps->email);
            if (mail != NULL)
                html_elem_attr(h, "a", ps->email, "href", mail, NULL);
            if (ps->phone != NULL) {
                html_text(h, mail != NULL ? ", " : "");
                html_text(h, ps->phone);
            }
            html_close(h, "p");
        }
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

static void
header(struct mission_page *p)
{
    struct req *rq = p->rq;
    struct html *h = p->h;
    const struct mission *m = &p->m;
    int left = years_left(m->deadline);

    html_elem_attr(h, "h1", L(rq, m->title_sv, m->title_en), "lang", L_lang(rq, m->title_en), NULL);
    if (m->archived_at != 0)
        html_elem_attr(h, "p",
                       _("Archived: this mission has left the public lists. Its pages stay; "
                         "nothing is deleted."),
                       "class", "notice", "role", "status", NULL);
    offers(p);
    if (m->is_demo)
        layout_demo_note(rq, h);
    html_open(h, "p", "class", "lead", NULL);
    html_elem(h, "strong", _("Goal:"));
    html_text(h, " ");
    html_elem_attr(h, "span", L(rq, m->goal_sv, m->goal_en), "lang", L_lang(rq, m->goal_en), NULL);
    html_close(h, "p");
    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Deadline"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "time", fmt_date_iso(rq, m->deadline), "datetime", m->deadline, NULL);
    html_text(h, " – ");
    html_printf(h, ngettext("%d year left", "%d years left", (unsigned long)left), left);
    html_close(h, "dd");
    html_elem(h, "dt", _("Progress"));
    html_open(h, "dd", NULL);
    view_status(rq, h, p->t.prog.status);
    if (p->t.prog.has_score) {
        html_text(h, " · ");
        html_printf(h, _("score %s"), fmt_score(rq, p->t.prog.score));
    }
    html_close(h, "dd");
    html_elem(h, "dt", _("Status"));
    html_elem(h, "dd", label_code(&code_mission_status, m->status));
    html_elem(h, "dt", _("Started"));
    html_open(h, "dd", NULL);
    html_printf(h, "%d", m->start_year);
    html_close(h, "dd");
    html_elem(h, "dt", _("Page owner"));
    html_elem(h, "dd", m->owner_name ? m->owner_name : _("Not named"));
    html_elem(h, "dt", _("Open data"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "a", _("This mission in the JSON API"), "href", url_api_mission(rq, m->slug),
                   NULL);
    html_close(h, "dd");
    html_close(h, "dl");
    if (*L(rq, m->description_sv, m->description_en) != '\0') {
        html_open(h, "div", "class", "description", "lang", L_lang(rq, m->description_en), NULL);
        html_markdown(h, L(rq, m->description_sv, m->description_en));
        html_close(h, "div");
    }
}

/* What a signed-in reader may do with the mission's proposals (reads nothing for a visitor
 * without credentials), and its public history. */
static void
proposal_links(struct mission_page *p)
{
    struct authz_scope scope = {.mission_id = p->m.id};
    struct req *rq = p->rq;
    struct html *h = p->h;
    bool propose = p->m.archived_at == 0 && proposal_offers_submit(rq, p->m.id);
    bool review = req_offers(rq, AUTHZ_PROPOSAL_REVIEW, &scope);

    html_open(h, "ul", "class", "actions", NULL);
    if (propose) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", _("Propose an initiative"), "href", url_propose(rq, p->m.slug),
                       NULL);
        html_close(h, "li");
    }
    if (review) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", _("Proposals to review"), "href", url_review_queue(rq, p->m.slug),
                       NULL);
        html_close(h, "li");
    }
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("History of changes"), "href", url_mission_history(rq, p->m.slug),
                   NULL);
    html_close(h, "li");
    /* the news feed, for a feed reader (file_feed.c) */
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Follow the mission's news in a feed reader (Atom)"), "href",
                   url_feed_subscribe(rq, p->m.slug), "type", "application/atom+xml", NULL);
    html_close(h, "li");
    html_close(h, "ul");
}

/* The link to the mission's portfolio (page_portfolio.c): balance, coverage and gaps. */
static void
portfolio_link(struct mission_page *p)
{
    html_open(p->h, "p", NULL);
    html_elem_attr(p->h, "a", _("The portfolio: balance, coverage of the objectives and gaps"),
                   "href", url_portfolio(p->rq, p->m.slug), NULL);
    html_close(p->h, "p");
}

/* The dialogues of the mission (issue 13): a link to their page, where the list, the
 * overdue follow-ups and the reach are. */
static void
dialogues_link(struct mission_page *p)
{
    struct req *rq = p->rq;

    html_open(p->h, "section", "aria-labelledby", "dlg-h", NULL);
    html_elem_attr(p->h, "h2", _("Dialogues"), "id", "dlg-h", NULL);
    html_open(p->h, "p", NULL);
    html_elem_attr(p->h, "a", _("The mission's dialogues, follow-ups and reach"), "href",
                   url_mission_dialogues(rq, p->m.slug), NULL);
    html_close(p->h, "p");
    html_close(p->h, "section");
}

#define SECTION_LEARNING 3 /* the latest public learning log entries the page shows */

/* The latest public entries of the learning log (the public ones only, whoever asks: the
 * page stays the shared copy) and a link to the whole log. */
static enum err
learning_section(struct mission_page *p)
{
    struct page pg = {SECTION_LEARNING, 0};
    struct learning_entry *es;
    struct html *h = p->h;
    struct req *rq = p->rq;
    int64_t total;
    int n, i;
    enum err rc;

    rc = learning_list(rq->db, rq->arena, p->m.id, false, &pg, &es, &n, &total);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "learn-h", NULL);
    html_elem_attr(h, "h2", _("Testing our way forward"), "id", "learn-h", NULL);
    if (n == 0)
        html_elem(h, "p", _("No public entries in the learning log yet."));
    else
        html_open(h, "ul", "class", "learning-latest", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "span", label_code(&code_learning_decision, es[i].decision), "class",
                       arena_printf(rq->arena, "badge decision-%s", es[i].decision), NULL);
        html_text(h, " ");
        html_elem_attr(h, "a", L(rq, es[i].hypothesis_sv, es[i].hypothesis_en), "href",
                       url_learning_entry(rq, es[i].id), "lang", L_lang(rq, es[i].hypothesis_en),
                       NULL);
        html_text(h, " (");
        html_text(h, fmt_date_iso(rq, es[i].decided_on));
        html_text(h, ")");
        html_close(h, "li");
    }
    if (n > 0)
        html_close(h, "ul");
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("The learning log and the portfolio reviews"), "href",
                   url_learning(rq, p->m.slug), NULL);
    html_close(h, "p");
    html_close(h, "section");
    return ERR_OK;
}

enum err
page_mission(struct req *rq)
{
    struct mission_page p;
    struct html h;
    enum err rc;

    memset(&p, 0, sizeof(p));
    p.rq = rq;
    p.h = &h;
    rc = mission_get_uncounted(rq->db, rq->arena, req_str(rq, "slug"), &p.m);
    if (rc == ERR_OK)
        req_shows_mission(rq, p.m.id);
    if (rc == ERR_OK)
        rc = mission_tree_load(rq->db, rq->arena, p.m.id, &p.t);
    if (rc)
        return rc;

    offers_load(&p);
    p.spark = arena_alloc(rq->arena, ((size_t)p.t.n_inds + 1) * sizeof(*p.spark));
    p.spark_state = arena_alloc(rq->arena, (size_t)p.t.n_inds + 1);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin_feed(
        rq, &h, L(rq, p.m.title_sv, p.m.title_en), url_feed_subscribe(rq, p.m.slug),
        arena_printf(rq->arena, _("%s: news (Atom)"), L(rq, p.m.title_sv, p.m.title_en)));
    header(&p);
    overview(&p);
    /* the team meets the actors: the first thing the mission offers a visitor to join */
    page_seminar_current(rq, &h, p.m.id, p.m.slug);
    goal_tree(&p);

    html_open(&h, "section", "aria-labelledby", "init-h", NULL);
    html_elem_attr(&h, "h2", _("Initiatives"), "id", "init-h", NULL);
    html_open(&h, "div", "class", "cols", NULL);
    rc = initiatives(&p, "top_down", _("Top-down"), "init-td",
                     _("Commissioned by the mission team: calls, demonstrators, policy labs."));
    if (rc == ERR_OK)
        rc = initiatives(&p, "bottom_up", _("Bottom-up"), "init-bu",
                         _("Proposed by actors who share the mission's direction."));
    html_close(&h, "div");
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("All initiatives of this mission, with filters"), "href",
                   url_initiatives(rq, p.m.slug, NULL), NULL);
    html_close(&h, "p");
    proposal_links(&p);
    portfolio_link(&p);
    html_close(&h, "section");
    if (rc == ERR_OK)
        rc = commitment_mission_section(rq, &h, &p.m, &p.t);
    if (rc == ERR_OK)
        dialogues_link(&p);
    if (rc == ERR_OK)
        rc = learning_section(&p);
    if (rc == ERR_OK)
        rc = actors_by_sector(&p);
    if (rc == ERR_OK)
        network_link(&p);
    if (rc == ERR_OK)
        rc = sdgs(&p);
    if (rc == ERR_OK)
        rc = team(&p);
    if (rc)
        return rc;
    return layout_end_for(rq, &h, "mission", p.m.id, p.m.id, p.m.owner_name);
}
