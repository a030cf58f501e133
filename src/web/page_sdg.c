/*
 * page_sdg.c — the Agenda 2030 pages: the 17 goals (/sdg) and one goal
 * (/sdg/{goal}) with the missions and initiatives that work towards it and
 * all of its targets.
 *
 * The UN texts of goals and targets exist in English only (the short goal
 * names also in Swedish), so on Swedish pages they are marked lang="en".
 */
#include <string.h>

#include "core/str.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/sdg.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/url.h"

static const char *
goal_short(const struct req *rq, const struct sdg_goal *g)
{
    return rq->lang == LANG_EN ? g->short_en : g->short_sv;
}

static char *
chip_class(struct req *rq, int code)
{
    return arena_printf(rq->arena, "sdg sdg-%d", code);
}

enum err
page_sdg_index(struct req *rq)
{
    struct sdg_goal *goals;
    struct html h;
    int n, i;
    enum err rc;

    rc = sdg_goals(rq->db, rq->arena, &goals, &n);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Agenda 2030"));
    html_elem(&h, "h1", _("Agenda 2030"));
    html_elem_attr(&h, "p",
                   _("Agenda 2030 is the United Nations' plan for sustainable development, adopted "
                     "by all member states in 2015: 17 global goals with 169 targets, to be met by "
                     "2030. Every mission relates to some of them. Choose a goal to see the "
                     "missions and initiatives that work towards it."),
                   "class", "lead", NULL);
    html_open(&h, "ul", "class", "cards", NULL);
    for (i = 0; i < n; i++) {
        html_open(&h, "li", "class", "card", NULL);
        html_open(&h, "h2", NULL);
        html_open(&h, "a", "href", url_sdg_goal(rq, goals[i].code), NULL);
        html_open(&h, "span", "class", chip_class(rq, goals[i].code), NULL);
        html_elem_attr(&h, "span", arena_printf(rq->arena, "%s ", _("Goal")), "class",
                       "visually-hidden", NULL);
        html_printf(&h, "%d", goals[i].code);
        html_close(&h, "span");
        html_text(&h, " ");
        html_text(&h, goal_short(rq, &goals[i]));
        html_close(&h, "a");
        html_close(&h, "h2");
        html_elem_attr(&h, "p", goals[i].title_en, "class", "meta", "lang", en_only(rq), NULL);
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}

static void
goal_missions(struct req *rq, struct html *h, const struct mission *ms, int n)
{
    int i;

    html_open(h, "section", "aria-labelledby", "missions-h", NULL);
    html_elem_attr(h, "h2", _("Missions"), "id", "missions-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No mission relates to this goal yet."));
        html_close(h, "section");
        return;
    }
    html_open(h, "ul", "class", "cards", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", "class", "card", NULL);
        html_open(h, "h3", NULL);
        html_elem_attr(h, "a", L(rq, ms[i].title_sv, ms[i].title_en), "href",
                       url_mission(rq, ms[i].slug), "lang", L_lang(rq, ms[i].title_en), NULL);
        html_close(h, "h3");
        html_elem_attr(h, "p", L(rq, ms[i].goal_sv, ms[i].goal_en), "lang",
                       L_lang(rq, ms[i].goal_en), NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
}

static void
goal_initiatives(struct req *rq, struct html *h, const struct initiative *list, int n)
{
    int i;

    html_open(h, "section", "aria-labelledby", "init-h", NULL);
    html_elem_attr(h, "h2", _("Initiatives"), "id", "init-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No initiative names a target of this goal yet."));
        html_close(h, "section");
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption", _("Initiatives that contribute to a target of this goal"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Initiative"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Mission"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Origin"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        const struct initiative *x = &list[i];

        html_open(h, "tr", NULL);
        html_open(h, "td", "class", "lead", NULL);
        html_elem_attr(h, "a", L(rq, x->title_sv, x->title_en), "href", url_initiative(rq, x->id),
                       "lang", L_lang(rq, x->title_en), NULL);
        html_close(h, "td");
        html_open(h, "td", "data-label", _("Mission"), NULL);
        html_elem_attr(h, "a", L(rq, x->mission_title_sv, x->mission_title_en), "href",
                       url_mission(rq, x->mission_slug), "lang", L_lang(rq, x->mission_title_en),
                       NULL);
        html_close(h, "td");
        html_elem_attr(h, "td", label_code(&code_initiative_origin, x->origin), "data-label",
                       _("Origin"), NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_close(h, "section");
}

static void
goal_targets(struct req *rq, struct html *h, const struct sdg_target *ts, int n)
{
    int i;

    html_open(h, "section", "aria-labelledby", "targets-h", NULL);
    html_elem_attr(h, "h2", _("Targets"), "id", "targets-h", NULL);
    html_open(h, "ul", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", NULL);
        html_elem(h, "strong", ts[i].code);
        html_text(h, " ");
        html_elem_attr(h, "span", ts[i].title_en, "lang", en_only(rq), NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
}

enum err
page_sdg_goal(struct req *rq)
{
    struct sdg_goal g;
    struct mission *ms;
    struct initiative *inits;
    struct sdg_target *ts;
    struct html h;
    int code = (int)req_int(rq, "goal", 0), n_ms, n_inits, n_ts;
    const char *title;
    enum err rc;

    rc = sdg_goal_get(rq->db, rq->arena, code, &g);
    if (rc)
        return rc;
    rc = mission_list_by_goal(rq->db, rq->arena, code, &ms, &n_ms);
    if (rc)
        return rc;
    rc = initiative_list_by_goal(rq->db, rq->arena, code, &inits, &n_inits);
    if (rc)
        return rc;
    rc = sdg_goal_targets(rq->db, rq->arena, code, &ts, &n_ts);
    if (rc)
        return rc;

    title = arena_printf(rq->arena, _("Goal %d: %s"), g.code, goal_short(rq, &g));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_open(&h, "h1", NULL);
    /* the coloured chip repeats the number, so screen readers skip it */
    html_open(&h, "span", "class", chip_class(rq, g.code), "aria-hidden", "true", NULL);
    html_printf(&h, "%d", g.code);
    html_close(&h, "span");
    html_text(&h, " ");
    html_text(&h, title);
    html_close(&h, "h1");
    html_elem_attr(&h, "p", g.title_en, "class", "lead", "lang", en_only(rq), NULL);
    goal_missions(rq, &h, ms, n_ms);
    goal_initiatives(rq, &h, inits, n_inits);
    goal_targets(rq, &h, ts, n_ts);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("All 17 goals"), "href", url_sdg_index(rq), NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}
