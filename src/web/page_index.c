/*
 * page_index.c — `/`: the missions, each with its goal, deadline, its
 * progress status and a one-line state of play.
 */
#include "domain/assess.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/progress_view.h"
#include "web/url.h"

static void
mission_card(struct req *rq, struct html *h, const struct mission *m,
             const struct mission_progress *mp, int n_inds)
{
    int left = years_left(m->deadline), i, good = 0;

    html_open(h, "li", "class", "card", NULL);
    html_open(h, "h2", NULL);
    html_open(h, "a", "href", url_mission(rq, m->slug), "lang", L_lang(rq, m->title_en), NULL);
    html_text(h, L(rq, m->title_sv, m->title_en));
    html_close(h, "a");
    html_close(h, "h2");
    html_elem_attr(h, "p", L(rq, m->goal_sv, m->goal_en), "class", "lead", "lang",
                   L_lang(rq, m->goal_en), NULL);
    html_open(h, "p", "class", "meta", NULL);
    html_elem_attr(h, "span", label_code(&code_mission_status, m->status), "class", "badge", NULL);
    html_text(h, " ");
    html_printf(h, _("Deadline %s"), fmt_date_iso(rq, m->deadline));
    html_text(h, " · ");
    html_printf(h, ngettext("%d year left", "%d years left", (unsigned long)left), left);
    html_close(h, "p");
    html_open(h, "p", NULL);
    view_status(rq, h, mp->status);
    if (mp->has_score) {
        html_text(h, " · ");
        html_printf(h, _("score %s"), fmt_score(rq, mp->score));
    }
    for (i = 0; i < n_inds; i++)
        good += mp->inds[i].status == PS_SUBSTANTIAL || mp->inds[i].status == PS_TARGET_ACHIEVED;
    if (n_inds > 0) {
        html_text(h, " · ");
        html_printf(h,
                    ngettext("%d of %d indicator on track or achieved",
                             "%d of %d indicators on track or achieved", (unsigned long)n_inds),
                    good, n_inds);
    }
    html_close(h, "p");
    html_open(h, "p", NULL);
    html_printf(h, _("%d objectives, %d indicators, %d initiatives and %d actors taking part."),
                m->n_objectives, m->n_indicators, m->n_initiatives, m->n_actors);
    html_close(h, "p");
    html_close(h, "li");
}

enum err
page_index(struct req *rq)
{
    struct html h;
    struct mission *ms;
    int n, i;
    bool demo = false;
    enum err rc;

    rc = mission_list(rq->db, rq->arena, &ms, &n);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin_feed(rq, &h, _("Missions"), url_feed_subscribe(rq, NULL),
                      _("Missions: news (Atom)"));
    html_elem(&h, "h1", _("Missions"));
    html_open(&h, "p", "class", "lead", NULL);
    html_text(&h, _("A mission gathers actors from different sectors, industries and disciplines "
                    "around one bold, measurable goal with a deadline. Follow each mission's "
                    "goals, progress, initiatives and the people behind them."));
    html_text(&h, " ");
    html_elem_attr(&h, "a", _("Read more about missions."), "href", url_about(rq), NULL);
    html_close(&h, "p");
    for (i = 0; i < n; i++)
        demo = demo || ms[i].is_demo;
    if (demo)
        layout_demo_note(rq, &h);
    /* an admin's way forward, on a fresh install too (a visitor's page reads nothing) */
    if (req_offers(rq, AUTHZ_MISSION_CREATE, NULL)) {
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a", _("Create a mission"), "href", url_mission_new(rq), "class",
                       "button", NULL);
        html_close(&h, "p");
    }
    if (n == 0) {
        html_elem(&h, "p", _("There are no missions yet."));
    } else {
        html_open(&h, "ul", "class", "cards", NULL);
        for (i = 0; i < n; i++) {
            struct objective *objs;
            struct indicator *inds;
            struct mission_progress mp;
            int n_objs, n_inds;

            rc = mission_objectives(rq->db, rq->arena, ms[i].id, &objs, &n_objs);
            if (rc == ERR_OK)
                rc = mission_indicators(rq->db, rq->arena, ms[i].id, &inds, &n_inds);
            if (rc == ERR_OK)
                rc = mission_progress_load(rq->db, rq->arena, ms[i].id, objs, n_objs, inds, n_inds,
                                           &mp);
            if (rc)
                return rc;
            mission_card(rq, &h, &ms[i], &mp, n_inds);
        }
        html_close(&h, "ul");
    }
    /* every mission's news, for a feed reader (file_feed.c) */
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Follow every mission's news in a feed reader (Atom)"), "href",
                   url_feed_subscribe(rq, NULL), "type", "application/atom+xml", NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}
