/*
 * page_actor.c — one actor (/actors/{id}): facts, people, and its
 * initiatives across missions with its role in each; and the paged actor
 * list (/actors) with a sector filter.
 *
 * E-mail addresses are there only for people marked public (person.h) and become mailto:
 * links only when they look like exactly one address (url_mailto); anything else is shown
 * as plain, escaped text.
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/person.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/regform.h"
#include "web/route.h"
#include "web/url.h"

#define ACTORS_PER_PAGE       50
#define ACTOR_INITIATIVES_MAX 100

/* ------------------------------------------------------------ one actor */

static void
actor_facts(struct req *rq, struct html *h, const struct actor *x)
{
    int i;

    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Sector"));
    html_elem(h, "dd", label_code(&code_actor_sector, x->sector));
    if (!str_empty(x->orgnr)) {
        html_elem(h, "dt", _("Organisation number"));
        html_elem(h, "dd", x->orgnr);
    }
    if (!str_empty(x->sni)) {
        html_elem(h, "dt", _("Industry (SNI 2007)"));
        html_open(h, "dd", NULL);
        html_text(h, x->sni);
        if (!str_empty(x->sni_label)) {
            html_text(h, " – ");
            /* SCB publishes the SNI labels in Swedish only */
            html_text_lang(h, x->sni_label, sv_only(rq, x->sni_label));
        }
        html_close(h, "dd");
    }
    if (!str_empty(x->municipality_name)) {
        html_elem(h, "dt", _("Municipality"));
        html_open(h, "dd", "lang", sv_only(rq, x->municipality_name), NULL);
        html_text(h, x->municipality_name);
        if (!str_empty(x->county_name)) {
            html_text(h, ", ");
            html_text(h, x->county_name);
        }
        html_close(h, "dd");
    }
    if (url_is_http(x->website)) {
        html_elem(h, "dt", _("Website"));
        html_open(h, "dd", NULL);
        html_elem_attr(h, "a", x->website, "href", x->website, NULL);
        html_close(h, "dd");
    }
    if (x->n_disciplines > 0) {
        html_elem(h, "dt", _("Disciplines"));
        html_open(h, "dd", "lang", sv_only(rq, x->disciplines[0]), NULL);
        for (i = 0; i < x->n_disciplines; i++) {
            if (i > 0)
                html_text(h, ", ");
            html_text(h, x->disciplines[i]);
        }
        html_close(h, "dd");
    }
    html_close(h, "dl");
}

static void
actor_people_section(struct req *rq, struct html *h, const struct person *people, int n)
{
    const char *href, *title;
    int i;

    html_open(h, "section", "aria-labelledby", "people-h", NULL);
    html_elem_attr(h, "h2", _("People"), "id", "people-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No contact people are listed for this organisation."));
        html_close(h, "section");
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption", _("Contact people at the organisation"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Name"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Title"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("E-mail"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        const struct person *p = &people[i];

        html_open(h, "tr", NULL);
        html_open(h, "th", "scope", "row", NULL);
        html_elem_attr(h, "a", p->name, "href", url_person(rq, p->id), NULL);
        html_close(h, "th");
        title = L(rq, p->title_sv, p->title_en);
        html_elem_attr(h, "td", title, "data-label", _("Title"), "lang",
                       str_empty(title) ? NULL : L_lang(rq, p->title_en), NULL);
        html_open(h, "td", "data-label", _("E-mail"), NULL);
        href = url_mailto(rq, p->email);
        if (href != NULL)
            html_elem_attr(h, "a", p->email, "href", href, NULL);
        else
            html_text(h, p->email);
        html_close(h, "td");
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
    html_close(h, "section");
}

/* The actor's role in initiative n: its listed role, else lead if named so, else participant. */
static const char *
role_in(const struct initiative *n, int64_t actor_id, const struct actor_role *roles, int n_roles)
{
    int i;

    for (i = 0; i < n_roles; i++)
        if (roles[i].initiative_id == n->id)
            return roles[i].role;
    return n->lead_actor_id == actor_id ? "lead" : "participant";
}

static enum err
actor_initiatives_section(struct req *rq, struct html *h, const struct actor *x)
{
    struct initiative_filter f;
    struct page pg = {ACTOR_INITIATIVES_MAX, 0};
    struct initiative *list;
    struct actor_role *roles;
    int n, n_roles, i;
    int64_t total;
    enum err rc;

    memset(&f, 0, sizeof(f));
    f.actor_id = x->id;
    rc = initiative_list(rq->db, rq->arena, &f, &pg, &list, &n, &total);
    if (rc)
        return rc;
    rc = actor_initiative_roles(rq->db, rq->arena, x->id, &roles, &n_roles);
    if (rc)
        return rc;

    html_open(h, "section", "aria-labelledby", "init-h", NULL);
    html_elem_attr(h, "h2", _("Initiatives"), "id", "init-h", NULL);
    if (n == 0) {
        html_elem(h, "p", _("The organisation takes part in no initiative yet."));
        html_close(h, "section");
        return ERR_OK;
    }
    if (total > n) {
        html_open(h, "p", NULL);
        html_printf(h, _("Showing the first %s of %s initiatives."), fmt_num(rq, n, 0),
                    fmt_num(rq, (double)total, 0));
        html_close(h, "p");
    }
    /* the list comes ordered by mission: one heading and list per mission */
    for (i = 0; i < n; i++) {
        const struct initiative *it = &list[i];

        if (i == 0 || list[i - 1].mission_id != it->mission_id) {
            if (i > 0)
                html_close(h, "ul");
            html_open(h, "h3", NULL);
            html_elem_attr(h, "a", L(rq, it->mission_title_sv, it->mission_title_en), "href",
                           url_mission(rq, it->mission_slug), "lang",
                           L_lang(rq, it->mission_title_en), NULL);
            html_close(h, "h3");
            html_open(h, "ul", NULL);
        }
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", L(rq, it->title_sv, it->title_en), "href",
                       url_initiative(rq, it->id), "lang", L_lang(rq, it->title_en), NULL);
        html_open(h, "span", "class", "meta", NULL);
        html_text(h, " – ");
        html_printf(h, _("Role: %s; status: %s"),
                    label_code(&code_initiative_role, role_in(it, x->id, roles, n_roles)),
                    initiative_status_text(rq, it->status, it->end_date));
        html_close(h, "span");
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

enum err
page_actor(struct req *rq)
{
    struct actor x;
    struct person *people;
    struct html h;
    const char *desc;
    int n_people;
    enum err rc;

    rc = actor_get(rq->db, rq->arena, req_int(rq, "id", 0), &x);
    if (rc)
        return rc;
    rc = actor_people(rq->db, rq->arena, x.id, &people, &n_people);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, x.name);
    html_elem(&h, "h1", x.name);
    regform_archived_note(rq, &h, x.archived_at);
    if (x.archived_at == 0) {
        struct authz_scope scope = {.actor_id = x.id};

        regform_actions(
            &h, _("Edit the actor"),
            req_offers(rq, AUTHZ_ACTOR_EDIT, &scope) ? url_actor_edit(rq, x.id) : NULL,
            _("Archive the actor"),
            req_offers(rq, AUTHZ_ACTOR_ARCHIVE, &scope) ? url_actor_archive(rq, x.id) : NULL,
            _("Add a person"),
            req_offers(rq, AUTHZ_PERSON_CREATE, &scope) ? url_person_new(rq, x.id) : NULL, NULL);
    }
    if (x.is_demo)
        layout_demo_note(rq, &h);
    desc = L(rq, x.description_sv, x.description_en);
    if (!str_empty(desc)) {
        html_open(&h, "div", "class", "description", "lang", L_lang(rq, x.description_en), NULL);
        html_markdown(&h, desc);
        html_close(&h, "div");
    }
    actor_facts(rq, &h, &x);
    actor_people_section(rq, &h, people, n_people);
    rc = actor_initiatives_section(rq, &h, &x);
    if (rc == ERR_OK)
        page_dialogue_history(rq, &h, x.id);
    if (rc == ERR_OK)
        page_seminar_history(rq, &h, x.id);
    if (rc)
        return rc;
    if (x.archived_at == 0) /* an archived actor takes no new representatives */
        account_represent_offer(rq, &h, x.id);
    return layout_end_for(rq, &h, "actor", x.id, 0, NULL);
}

/* ------------------------------------------------------------ the list */

static void
sector_filter(struct req *rq, struct html *h, const char *current)
{
    const struct code *sector;
    int i;

    html_open(h, "nav", "aria-label", _("Filter by sector"), NULL);
    html_open(h, "ul", "class", "chips", NULL);
    html_open(h, "li", NULL);
    /* the current choice is plain bold text, not a link: clear without colour */
    if (current == NULL)
        html_elem(h, "strong", _("All sectors"));
    else
        html_elem_attr(h, "a", _("All sectors"), "href", url_actors(rq, NULL), NULL);
    html_close(h, "li");
    for (i = 0; i < code_actor_sector.n; i++) {
        sector = &code_actor_sector.codes[i];
        html_open(h, "li", NULL);
        if (str_eq(current, sector->code))
            html_elem(h, "strong", i18n_lit(sector->label));
        else
            html_elem_attr(h, "a", i18n_lit(sector->label), "href", url_actors(rq, sector->code),
                           NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "nav");
}

static void
actor_table(struct req *rq, struct html *h, const struct actor *list, int n)
{
    int i;

    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "class", "stack", NULL);
    html_elem(h, "caption", _("Actors, by name"));
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", _("Name"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Sector"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Municipality"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Initiatives"), "scope", "col", "class", "num", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "tr", NULL);
        html_open(h, "td", "class", "lead", NULL);
        html_elem_attr(h, "a", list[i].name, "href", url_actor(rq, list[i].id), NULL);
        html_close(h, "td");
        html_elem_attr(h, "td", label_code(&code_actor_sector, list[i].sector), "data-label",
                       _("Sector"), NULL);
        /* lang last: sv_only is NULL on Swedish pages, which ends the attribute list */
        html_elem_attr(h, "td", list[i].municipality_name ? list[i].municipality_name : "",
                       "data-label", _("Municipality"), "lang",
                       sv_only(rq, list[i].municipality_name), NULL);
        html_elem_attr(h, "td", fmt_num(rq, list[i].n_initiatives, 0), "class", "num", "data-label",
                       _("Initiatives"), NULL);
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
}

enum err
page_actors(struct req *rq)
{
    const char *sector = req_str(rq, "sector");
    struct actor *list;
    struct pager p;
    struct html h;
    int n;
    enum err rc;

    pager_read(rq, &p, ACTORS_PER_PAGE);
    rc = actor_list(rq->db, rq->arena, sector, &p.pg, &list, &n, &p.total);
    if (rc)
        return rc;
    rc = pager_check(rq, &p);
    if (rc)
        return rc;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Actors"));
    html_elem(&h, "h1", _("Actors"));
    html_elem_attr(&h, "p",
                   _("Organisations from every sector that take part in the missions: companies, "
                     "municipalities, regions, agencies, universities and civil society."),
                   "class", "lead", NULL);
    regform_actions(&h, _("Add an actor"),
                    req_offers(rq, AUTHZ_ACTOR_CREATE, NULL) ? url_actor_new(rq) : NULL, NULL);
    sector_filter(rq, &h, sector);
    html_open(&h, "p", NULL);
    html_printf(&h, ngettext("%s actor", "%s actors", (unsigned long)p.total),
                fmt_num(rq, (double)p.total, 0));
    html_close(&h, "p");
    if (n == 0)
        html_elem(&h, "p", _("No actors are registered in this sector yet."));
    else
        actor_table(rq, &h, list, n);
    layout_pager(rq, &h, p.page, p.pages,
                 p.page > 1 ? url_paged(rq, "/actors", p.page - 1, "sector", sector, NULL) : NULL,
                 p.page < p.pages ? url_paged(rq, "/actors", p.page + 1, "sector", sector, NULL)
                                  : NULL);
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}
