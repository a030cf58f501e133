/*
 * page_initiative.c — one initiative (/initiatives/{id}) and the filtered,
 * paged list of all initiatives (/initiatives).
 *
 * The list's filter is a plain GET form, so it works without JavaScript; the
 * chosen values come back only through the route table's validated params.
 * Content goes out only through the escaping writer and url.h builders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "domain/sdg.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/regform.h"
#include "web/route.h"
#include "web/url.h"

#define INITIATIVES_PER_PAGE 20

/* ------------------------------------------------------------ shared bits */

/* "1 december 2019 – 31 maj 2025", "from ...", "until ...", or NULL when neither date is set. */
static const char *
period_text(struct req *rq, const char *start, const char *end)
{
    bool has_start = !str_empty(start), has_end = !str_empty(end);

    if (has_start && has_end)
        return arena_printf(rq->arena, "%s – %s", fmt_date_iso(rq, start), fmt_date_iso(rq, end));
    if (has_start)
        return arena_printf(rq->arena, _("from %s"), fmt_date_iso(rq, start));
    if (has_end)
        return arena_printf(rq->arena, _("until %s"), fmt_date_iso(rq, end));
    return NULL;
}

/* The goal number of a target code ("12.3" -> 12); 0 if it has none in 1..17. */
static int
target_goal(const char *code)
{
    long g = strtol(code, NULL, 10);

    return g >= 1 && g <= 17 ? (int)g : 0;
}

static const struct sdg_goal *
find_goal(const struct sdg_goal *goals, int n, int code)
{
    int i;

    for (i = 0; i < n; i++)
        if (goals[i].code == code)
            return &goals[i];
    return NULL;
}

static void
actor_link(struct req *rq, struct html *h, int64_t id, const char *name)
{
    if (id > 0)
        html_elem_attr(h, "a", name, "href", url_actor(rq, id), NULL);
    else
        html_text(h, name);
}

/* ------------------------------------------------------------ one initiative */

static void
initiative_facts(struct req *rq, struct html *h, const struct initiative *n)
{
    const char *period = period_text(rq, n->start_date, n->end_date);

    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Mission"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "a", L(rq, n->mission_title_sv, n->mission_title_en), "href",
                   url_mission(rq, n->mission_slug), "lang", L_lang(rq, n->mission_title_en), NULL);
    html_close(h, "dd");
    html_elem(h, "dt", _("Lead actor"));
    html_open(h, "dd", NULL);
    if (n->lead_actor_id > 0 && n->lead_actor_name != NULL)
        actor_link(rq, h, n->lead_actor_id, n->lead_actor_name);
    else
        html_text(h, _("Not named"));
    html_close(h, "dd");
    html_elem(h, "dt", _("Period"));
    html_elem(h, "dd", period ? period : _("Not set"));
    html_elem(h, "dt", _("Budget"));
    html_elem(h, "dd", n->has_budget ? fmt_sek(rq, n->budget_sek) : _("Not given"));
    if (!str_empty(n->funding)) {
        html_elem(h, "dt", _("Funding"));
        html_elem_attr(h, "dd", n->funding, "lang", sv_only(rq, n->funding), NULL);
    }
    html_close(h, "dl");
}

static void
initiative_actors(struct req *rq, struct html *h, const struct initiative *n)
{
    int i;

    html_open(h, "section", "aria-labelledby", "actors-h", NULL);
    html_elem_attr(h, "h2", _("Actors taking part"), "id", "actors-h", NULL);
    if (n->n_actors == 0) {
        html_elem(h, "p", _("No actors are listed for this initiative yet."));
        html_close(h, "section");
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption", _("Actors taking part in the initiative and their roles"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Actor"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Sector"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Role"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < n->n_actors; i++) {
        html_open(h, "tr", NULL);
        html_open(h, "td", "class", "lead", NULL);
        actor_link(rq, h, n->actors[i].actor_id, n->actors[i].actor_name);
        html_close(h, "td");
        html_elem_attr(h, "td", label_code(&code_actor_sector, n->actors[i].sector), "data-label",
                       _("Sector"), NULL);
        html_elem_attr(h, "td", label_code(&code_initiative_role, n->actors[i].role), "data-label",
                       _("Role"), NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_close(h, "section");
}

static bool
has_id(const int64_t *ids, int n, int64_t id)
{
    int i;

    for (i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

static enum err
initiative_objectives(struct req *rq, struct html *h, const struct initiative *n)
{
    struct objective *objs;
    int n_objs, i, shown = 0;
    enum err rc;

    rc = mission_objectives(rq->db, rq->arena, n->mission_id, &objs, &n_objs);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "obj-h", NULL);
    html_elem_attr(h, "h2", _("Objectives it serves"), "id", "obj-h", NULL);
    for (i = 0; i < n_objs; i++) {
        if (!has_id(n->objective_ids, n->n_objectives, objs[i].id))
            continue;
        if (shown++ == 0)
            html_open(h, "ul", NULL);
        html_elem_attr(h, "li", L(rq, objs[i].title_sv, objs[i].title_en), "lang",
                       L_lang(rq, objs[i].title_en), NULL);
    }
    if (shown > 0)
        html_close(h, "ul");
    else
        html_elem(h, "p",
                  _("The initiative is not linked to any of the mission's objectives yet."));
    html_close(h, "section");
    return ERR_OK;
}

static enum err
initiative_sdgs(struct req *rq, struct html *h, const struct initiative *n)
{
    struct sdg_goal *goals;
    const struct sdg_goal *g;
    int n_goals, i, code;
    enum err rc;

    rc = sdg_goals(rq->db, rq->arena, &goals, &n_goals);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "sdg-h", NULL);
    html_elem_attr(h, "h2", _("Agenda 2030 targets"), "id", "sdg-h", NULL);
    if (n->n_sdg_targets == 0) {
        html_elem(h, "p", _("No Agenda 2030 targets are named for this initiative."));
        html_close(h, "section");
        return ERR_OK;
    }
    html_open(h, "ul", "class", "chips", NULL);
    for (i = 0; i < n->n_sdg_targets; i++) {
        code = target_goal(n->sdg_targets[i]);
        g = find_goal(goals, n_goals, code);
        html_open(h, "li", NULL);
        if (g == NULL) {
            html_text(h, n->sdg_targets[i]);
            html_close(h, "li");
            continue;
        }
        /* the chip shows the target code; the goal's name is spoken with it */
        html_open(h, "a", "class", arena_printf(rq->arena, "sdg sdg-%d", code), "href",
                  url_sdg_goal(rq, code), NULL);
        html_text(h, n->sdg_targets[i]);
        html_open(h, "span", "class", "visually-hidden", NULL);
        html_text(h, " – ");
        html_printf(h, _("Goal %d: %s"), code, rq->lang == LANG_EN ? g->short_en : g->short_sv);
        html_close(h, "span");
        html_close(h, "a");
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

/* A Markdown section, written only when the text in the page's language (or Swedish) is set. */
static void
md_section(struct req *rq, struct html *h, const char *id, const char *heading, const char *sv,
           const char *en)
{
    const char *md = L(rq, sv, en);

    if (str_empty(md))
        return;
    html_open(h, "section", "aria-labelledby", id, NULL);
    html_elem_attr(h, "h2", heading, "id", id, NULL);
    html_open(h, "div", "lang", L_lang(rq, en), NULL);
    html_markdown(h, md);
    html_close(h, "div");
    html_close(h, "section");
}

enum err
page_initiative(struct req *rq)
{
    struct initiative n;
    struct html h;
    const char *title, *summary;
    enum err rc;
    bool hidden;

    rc = initiative_get(rq->db, rq->arena, req_int(rq, "id", 0), &n);
    if (rc == ERR_OK)
        req_shows_mission(rq, n.mission_id);
    if (rc == ERR_OK)
        rc = proposal_is_hidden(rq->db, n.id, &hidden);
    if (rc)
        return rc;
    if (hidden)
        return ERR_NOTFOUND; /* a proposal under review or declined is on no public page */
    title = L(rq, n.title_sv, n.title_en);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem_attr(&h, "h1", title, "lang", L_lang(rq, n.title_en), NULL);
    regform_archived_note(rq, &h, n.archived_at);
    if (n.archived_at == 0) {
        struct authz_scope scope = {.mission_id = n.mission_id, .actor_id = n.lead_actor_id};

        regform_actions(
            &h, _("Edit the initiative"),
            req_offers(rq, AUTHZ_INITIATIVE_EDIT, &scope) ? url_initiative_edit(rq, n.id) : NULL,
            _("Archive the initiative"),
            req_offers(rq, AUTHZ_INITIATIVE_ARCHIVE, &scope) ? url_initiative_archive(rq, n.id)
                                                             : NULL,
            NULL);
    }
    html_open(&h, "p", NULL);
    html_open(&h, "span", "class", "badge", NULL);
    html_elem_attr(&h, "span", _("Origin:"), "class", "visually-hidden", NULL);
    html_text(&h, " ");
    html_text(&h, label_code(&code_initiative_origin, n.origin));
    html_close(&h, "span");
    html_text(&h, " ");
    html_open(&h, "span", "class", "badge", NULL);
    html_elem_attr(&h, "span", _("Status:"), "class", "visually-hidden", NULL);
    html_text(&h, " ");
    html_text(&h, initiative_status_text(rq, n.status, n.end_date));
    html_close(&h, "span");
    html_close(&h, "p");
    if (initiative_past_end(n.status, n.end_date, (int64_t)time(NULL))) {
        html_open(&h, "p", "class", "notice", "role", "status", NULL);
        html_printf(&h,
                    _("The end date, %s, has passed, but the status still says \"%s\". The "
                      "mission's coordinators keep the status up to date."),
                    fmt_date_iso(rq, n.end_date), label_code(&code_initiative_status, n.status));
        html_close(&h, "p");
    }
    if (n.is_demo)
        layout_demo_note(rq, &h);
    summary = L(rq, n.summary_sv, n.summary_en);
    if (!str_empty(summary)) {
        html_open(&h, "div", "class", "lead", "lang", L_lang(rq, n.summary_en), NULL);
        html_markdown(&h, summary);
        html_close(&h, "div");
    }
    initiative_facts(rq, &h, &n);
    initiative_actors(rq, &h, &n);
    rc = initiative_objectives(rq, &h, &n);
    if (rc)
        return rc;
    rc = initiative_sdgs(rq, &h, &n);
    if (rc)
        return rc;
    md_section(rq, &h, "hyp-h", _("Hypotheses"), n.hypotheses_sv, n.hypotheses_en);
    md_section(rq, &h, "learn-h", _("Learnings"), n.learnings_sv, n.learnings_en);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("History of changes"), "href", url_initiative_history(rq, n.id),
                   NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, "initiative", n.id, 0, NULL);
}

/* ------------------------------------------------------------ the list */

struct list_query {
    const char *mission, *origin, *status, *sector, *sdg; /* as given, NULL: any */
};

static void
select_open(struct html *h, const char *name, const char *label, const char *any)
{
    const char *id = name; /* one form per page: the parameter name is a unique id */

    html_open(h, "label", "for", id, NULL);
    html_text(h, label);
    html_open(h, "select", "id", id, "name", name, NULL);
    html_elem_attr(h, "option", any, "value", "", NULL);
}

static void
select_option(struct html *h, const char *value, const char *text, const char *current,
              const char *lang)
{
    html_elem_attr(h, "option", text, "value", value, "selected",
                   str_eq(value, current) ? "" : NULL, "lang", lang, NULL);
}

static void
select_close(struct html *h)
{
    html_close(h, "select");
    html_close(h, "label");
}

static void
code_select(struct html *h, const char *name, const char *label, const char *any,
            const struct code_set *set, const char *current)
{
    int i;

    select_open(h, name, label, any);
    for (i = 0; i < set->n; i++)
        select_option(h, set->codes[i].code, _(set->codes[i].label), current, NULL);
    select_close(h);
}

static void
filter_form(struct req *rq, struct html *h, const struct list_query *q, const struct mission *ms,
            int n_ms, const struct sdg_goal *goals, int n_goals)
{
    int i;
    char num[8];

    html_open(h, "form", "class", "filters", "method", "get", "action", "/initiatives", NULL);
    select_open(h, "mission", _("Mission"), _("All missions"));
    for (i = 0; i < n_ms; i++)
        select_option(h, ms[i].slug, L(rq, ms[i].title_sv, ms[i].title_en), q->mission,
                      L_lang(rq, ms[i].title_en));
    select_close(h);
    code_select(h, "origin", _("Origin"), _("Top-down and bottom-up"), &code_initiative_origin,
                q->origin);
    code_select(h, "status", _("Status"), _("Any status"), &code_initiative_status, q->status);
    code_select(h, "sector", _("Sector of the lead or of an actor taking part"), _("Any sector"),
                &code_actor_sector, q->sector);
    select_open(h, "sdg", _("Agenda 2030 goal"), _("Any goal"));
    for (i = 0; i < n_goals; i++) {
        snprintf(num, sizeof(num), "%d", goals[i].code);
        select_option(h, num,
                      arena_printf(rq->arena, "%d. %s", goals[i].code,
                                   rq->lang == LANG_EN ? goals[i].short_en : goals[i].short_sv),
                      q->sdg, NULL);
    }
    select_close(h);
    if (rq->lang_in_query)
        html_void(h, "input", "type", "hidden", "name", "lang", "value", lang_code(rq->lang), NULL);
    html_elem_attr(h, "button", _("Show"), "type", "submit", NULL);
    html_close(h, "form");
}

static char *
list_url(struct req *rq, const struct list_query *q, int64_t page)
{
    return url_paged(rq, "/initiatives", page, "mission", q->mission, "origin", q->origin, "status",
                     q->status, "sector", q->sector, "sdg", q->sdg, NULL);
}

static void
list_table(struct req *rq, struct html *h, const struct initiative *list, int n)
{
    const char *period;
    int i;

    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption", _("Initiatives matching the filter"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Initiative"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Mission"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Origin"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Status"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Lead actor"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Period"), "scope", "col", NULL);
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
        html_elem_attr(h, "td", initiative_status_text(rq, x->status, x->end_date), "data-label",
                       _("Status"), NULL);
        html_open(h, "td", "data-label", _("Lead actor"), NULL);
        if (x->lead_actor_id > 0 && x->lead_actor_name != NULL)
            actor_link(rq, h, x->lead_actor_id, x->lead_actor_name);
        html_close(h, "td");
        period = period_text(rq, x->start_date, x->end_date);
        html_elem_attr(h, "td", period ? period : "", "data-label", _("Period"), NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
}

enum err
page_initiatives(struct req *rq)
{
    struct initiative_filter f;
    struct list_query q;
    struct pager p;
    struct mission *ms;
    struct sdg_goal *goals;
    struct initiative *list;
    struct html h;
    int n_ms, n_goals, n, i;
    enum err rc;

    memset(&f, 0, sizeof(f));
    q.mission = req_str(rq, "mission");
    q.origin = req_str(rq, "origin");
    q.status = req_str(rq, "status");
    q.sector = req_str(rq, "sector");
    q.sdg = req_str(rq, "sdg");
    pager_read(rq, &p, INITIATIVES_PER_PAGE);

    rc = mission_list(rq->db, rq->arena, &ms, &n_ms);
    if (rc)
        return rc;
    if (q.mission != NULL) {
        for (i = 0; i < n_ms; i++)
            if (str_eq(ms[i].slug, q.mission))
                f.mission_id = ms[i].id;
        if (f.mission_id == 0)
            return req_invalid(rq, "mission", _("No mission has this name."));
    }
    rc = sdg_goals(rq->db, rq->arena, &goals, &n_goals);
    if (rc)
        return rc;
    f.origin = q.origin;
    f.status = q.status;
    f.sector = q.sector;
    f.sdg_goal = (int)req_int(rq, "sdg", 0);
    /* the validator's normal form, so a link never carries "07" where "7" was meant */
    if (f.sdg_goal > 0)
        q.sdg = arena_printf(rq->arena, "%d", f.sdg_goal);
    rc = initiative_list(rq->db, rq->arena, &f, &p.pg, &list, &n, &p.total);
    if (rc)
        return rc;
    rc = pager_check(rq, &p);
    if (rc)
        return rc;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Initiatives"));
    html_elem(&h, "h1", _("Initiatives"));
    if (f.mission_id != 0) {
        struct authz_scope scope = {.mission_id = f.mission_id};

        regform_actions(&h, _("Add an initiative"),
                        req_offers(rq, AUTHZ_INITIATIVE_CREATE, &scope)
                            ? url_initiative_new(rq, q.mission)
                            : NULL,
                        NULL);
    }
    html_elem_attr(&h, "p",
                   _("Top-down initiatives are commissioned by a mission team; bottom-up "
                     "initiatives are proposed by actors. Choose what to show:"),
                   "class", "lead", NULL);
    filter_form(rq, &h, &q, ms, n_ms, goals, n_goals);
    html_open(&h, "p", NULL);
    html_printf(&h, ngettext("%s initiative", "%s initiatives", (unsigned long)p.total),
                fmt_num(rq, (double)p.total, 0));
    html_close(&h, "p");
    if (n == 0)
        html_elem(&h, "p", _("No initiatives match these choices."));
    else
        list_table(rq, &h, list, n);
    layout_pager(rq, &h, p.page, p.pages, p.page > 1 ? list_url(rq, &q, p.page - 1) : NULL,
                 p.page < p.pages ? list_url(rq, &q, p.page + 1) : NULL);
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}
