/*
 * page_index.c — `/`: the missions, each with its goal, deadline and a
 * one-line state of play.
 */
#include "domain/model.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/url.h"

static void
mission_card(struct req *rq, struct html *h, const struct mission *m)
{
    int left = years_left(m->deadline);

    html_open(h, "li", "class", "card", NULL);
    html_open(h, "h2", NULL);
    html_open(h, "a", "href", url_mission(rq, m->slug), "lang", L_lang(rq, m->title_en), NULL);
    html_text(h, L(rq, m->title_sv, m->title_en));
    html_close(h, "a");
    html_close(h, "h2");
    html_elem_attr(h, "p", L(rq, m->goal_sv, m->goal_en), "class", "lead", "lang",
                   L_lang(rq, m->goal_en), NULL);
    html_open(h, "p", "class", "meta", NULL);
    html_elem_attr(h, "span", label_mission_status(m->status), "class", "badge", NULL);
    html_text(h, " ");
    html_printf(h, _("Deadline %s"), fmt_date_iso(rq, m->deadline));
    html_text(h, " · ");
    html_printf(h, ngettext("%d year left", "%d years left", (unsigned long)left), left);
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
    layout_begin(rq, &h, _("Missions"));
    html_elem(&h, "h1", _("Missions"));
    html_elem_attr(&h, "p",
                   _("A mission gathers actors from different sectors, industries and disciplines "
                     "around one bold, measurable goal with a deadline. Follow each mission's "
                     "goals, progress, initiatives and the people behind them."),
                   "class", "lead", NULL);
    for (i = 0; i < n; i++)
        demo = demo || ms[i].is_demo;
    if (demo)
        layout_demo_note(rq, &h);
    if (n == 0) {
        html_elem(&h, "p", _("There are no missions yet."));
    } else {
        html_open(&h, "ul", "class", "cards", NULL);
        for (i = 0; i < n; i++)
            mission_card(rq, &h, &ms[i]);
        html_close(&h, "ul");
    }
    layout_end_for(rq, &h, NULL, 0, 0, NULL);
    return ERR_OK;
}
