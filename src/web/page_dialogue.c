/*
 * page_dialogue.c — a mission's dialogues in the browser (issue 13): the list with the
 * overdue follow-ups and the reach by sector, industry and county
 * (/missions/{slug}/dialogues), one dialogue (/dialogues/{id}), the forms to log one
 * (/missions/{slug}/dialogues/new) and edit it (/dialogues/{id}/edit), and a follow-up's
 * done / reopen form (/follow-ups/{id}/done); and the history on an actor's page
 * (page_dialogue_history).
 *
 * Who sees what: the notes (summary, outcomes, follow-ups) of a dialogue not marked public
 * are shown only to those who may edit it (the mission's coordinators and admins:
 * req_offers, so the public's page stays the one shared, cached copy). Who may write:
 * authz.h, dialogue.create and dialogue.edit, scoped to the mission of the address or of
 * the stored dialogue, never the body's.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/dialogue.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

#define DIALOGUES_PER_PAGE 20
#define ACTOR_ROWS_MIN     4               /* empty actor rows offered */
#define ROWS_MAX           WRITE_MAX_ITEMS /* rows at most (the domain's limit) */
#define FOLLOW_ROWS_MIN    2               /* empty follow-up rows offered */
#define FORM_ACTORS        1000            /* actors in the selects */

/* May the caller see the notes of the mission's dialogues that are not public? */
static bool
sees_notes(struct req *rq, int64_t mission_id)
{
    struct authz_scope scope = {.mission_id = mission_id};

    return req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope);
}

static const char *
id_text(struct req *rq, int64_t id)
{
    return id > 0 ? arena_printf(rq->arena, "%lld", (long long)id) : "";
}

static int64_t
id_of(const char *s)
{
    int64_t v = 0;

    return s != NULL && str_to_i64(s, &v) == ERR_OK && v > 0 ? v : 0;
}

/* ------------------------------------------------------------ the mission's list */

static void
reach_table(struct req *rq, struct html *h, const char *id, const char *caption,
            const struct dialogue_reach_row *r, int n, bool sectors)
{
    int i;

    html_elem_attr(h, "h3", caption, "id", id, NULL);
    if (n == 0) {
        html_elem(h, "p", _("None yet."));
        return;
    }
    html_open(h, "div", "class", "tablewrap", NULL);
    html_open(h, "table", "aria-labelledby", id, NULL);
    html_open(h, "thead", NULL);
    html_open(h, "tr", NULL);
    html_elem_attr(h, "th", caption, "scope", "col", NULL);
    html_elem_attr(h, "th", _("Actors of the mission"), "scope", "col", NULL);
    html_elem_attr(h, "th", _("Actors reached in dialogues"), "scope", "col", NULL);
    html_close(h, "tr");
    html_close(h, "thead");
    html_open(h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "tr", NULL);
        if (sectors)
            html_elem_attr(h, "th", label_code(&code_actor_sector, r[i].code), "scope", "row",
                           NULL);
        else if (str_empty(r[i].label))
            html_elem_attr(h, "th", r[i].code, "scope", "row", NULL);
        else /* SNI titles and county names are stored in Swedish only; lang last (NULL on
              * a Swedish page ends the list) */
            html_elem_attr(h, "th", r[i].label, "scope", "row", "lang", sv_only(rq, r[i].label),
                           NULL);
        html_elem(h, "td", arena_printf(rq->arena, "%lld", (long long)r[i].in_mission));
        html_elem(h, "td",
                  r[i].reached > 0 ? arena_printf(rq->arena, "%lld", (long long)r[i].reached)
                                   : _("Not reached"));
        html_close(h, "tr");
    }
    html_close(h, "tbody");
    html_close(h, "table");
    html_close(h, "div");
}

static void
overdue_list(struct req *rq, struct html *h, const struct follow_up *f, int n, bool notes)
{
    int i, shown = 0;

    html_open(h, "section", "aria-labelledby", "overdue-h", NULL);
    html_elem_attr(h, "h2", _("Overdue follow-ups"), "id", "overdue-h", NULL);
    html_open(h, "ul", NULL);
    for (i = 0; i < n; i++) {
        if (!notes && !f[i].dialogue_public)
            continue;
        shown++;
        html_open(h, "li", NULL);
        html_elem_attr(h, "span", L(rq, f[i].text_sv, f[i].text_en), "lang",
                       L_lang(rq, f[i].text_en), NULL);
        html_text(h, " — ");
        html_printf(h, _("due %s"), fmt_date_iso(rq, f[i].due_on));
        if (!str_empty(f[i].owner_name)) {
            html_text(h, ", ");
            html_text(h, f[i].owner_name);
        }
        html_text(h, " (");
        html_elem_attr(h, "a", L(rq, f[i].dialogue_title_sv, f[i].dialogue_title_en), "href",
                       url_dialogue(rq, f[i].dialogue_id), "lang",
                       L_lang(rq, f[i].dialogue_title_en), NULL);
        html_text(h, ")");
        html_close(h, "li");
    }
    html_close(h, "ul");
    if (shown == 0)
        html_elem(h, "p", _("No follow-up is overdue."));
    html_close(h, "section");
}

enum err
page_mission_dialogues(struct req *rq)
{
    struct authz_scope scope = {0};
    struct dialogue_reach reach;
    struct follow_up *overdue;
    struct dialogue *ds;
    struct mission m;
    struct pager p;
    struct html h;
    const char *title;
    int n, n_overdue, i;
    bool notes;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND;
    req_shows_mission(rq, m.id);
    pager_read(rq, &p, DIALOGUES_PER_PAGE);
    rc = dialogue_list(rq->db, rq->arena, m.id, &p.pg, &ds, &n, &p.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &p);
    if (rc == ERR_OK)
        rc = dialogue_overdue(rq->db, rq->arena, m.id, (int64_t)time(NULL), &overdue, &n_overdue);
    if (rc == ERR_OK)
        rc = dialogue_reach(rq->db, rq->arena, m.id, &reach);
    if (rc)
        return rc;
    notes = sees_notes(rq, m.id);
    title = arena_printf(rq->arena, _("Dialogues: %s"), L(rq, m.title_sv, m.title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the mission"), "href", url_mission(rq, m.slug), NULL);
    html_close(&h, "p");
    scope.mission_id = m.id;
    regform_actions(
        &h, _("Log a dialogue"),
        req_offers(rq, AUTHZ_DIALOGUE_CREATE, &scope) ? url_dialogue_new(rq, m.slug) : NULL, NULL);
    html_elem(&h, "p",
              _("The mission's team holds dialogues with every part of society. The notes of "
                "a dialogue are public only when the team has marked them so."));
    html_open(&h, "section", "aria-labelledby", "list-h", NULL);
    html_elem_attr(&h, "h2", _("Dialogues held"), "id", "list-h", NULL);
    if (n == 0)
        html_elem(&h, "p", _("No dialogues are logged yet."));
    else
        html_open(&h, "ul", "class", "dialogues", NULL);
    for (i = 0; i < n; i++) {
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", L(rq, ds[i].title_sv, ds[i].title_en), "href",
                       url_dialogue(rq, ds[i].id), "lang", L_lang(rq, ds[i].title_en), NULL);
        html_text(&h, " — ");
        html_text(&h, fmt_date_iso(rq, ds[i].held_on));
        html_text(&h, ", ");
        html_text(&h, label_code(&code_dialogue_format, ds[i].format));
        html_text(&h, ", ");
        html_printf(&h, ngettext("%lld actor", "%lld actors", (unsigned long)ds[i].n_actors),
                    (long long)ds[i].n_actors);
        if (!ds[i].is_public) {
            html_text(&h, " ");
            html_elem_attr(&h, "span", _("Notes not public"), "class", "badge", NULL);
        }
        html_close(&h, "li");
    }
    if (n > 0)
        html_close(&h, "ul");
    layout_pager(
        rq, &h, p.page, p.pages,
        p.page > 1 ? url_paged(rq, url_mission_dialogues(rq, m.slug), p.page - 1, NULL) : NULL,
        p.page < p.pages ? url_paged(rq, url_mission_dialogues(rq, m.slug), p.page + 1, NULL)
                         : NULL);
    html_close(&h, "section");
    overdue_list(rq, &h, overdue, n_overdue, notes);
    html_open(&h, "section", "aria-labelledby", "reach-h", NULL);
    html_elem_attr(&h, "h2", _("Reach"), "id", "reach-h", NULL);
    html_elem(&h, "p",
              _("Which sectors, industries and counties the dialogues have reached, against "
                "those of the actors in the mission's initiatives."));
    reach_table(rq, &h, "reach-sector-h", _("Sector"), reach.sectors, reach.n_sectors, true);
    reach_table(rq, &h, "reach-industry-h", _("Industry"), reach.industries, reach.n_industries,
                false);
    reach_table(rq, &h, "reach-county-h", _("County"), reach.counties, reach.n_counties, false);
    html_close(&h, "section");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------ one dialogue */

static void
notes_section(struct req *rq, struct html *h, const char *id, const char *heading, const char *sv,
              const char *en)
{
    const char *text = L(rq, sv, en);

    if (str_empty(text))
        return;
    html_open(h, "section", "aria-labelledby", id, NULL);
    html_elem_attr(h, "h2", heading, "id", id, NULL);
    html_open(h, "div", "lang", L_lang(rq, en), NULL);
    html_markdown(h, text);
    html_close(h, "div");
    html_close(h, "section");
}

static void
follow_ups_section(struct req *rq, struct html *h, const struct dialogue *d, bool may_edit)
{
    int i;

    html_open(h, "section", "aria-labelledby", "fu-h", NULL);
    html_elem_attr(h, "h2", _("Follow-ups"), "id", "fu-h", NULL);
    if (d->n_follow_ups == 0)
        html_elem(h, "p", _("No follow-ups."));
    else
        html_open(h, "ul", NULL);
    for (i = 0; i < d->n_follow_ups; i++) {
        const struct follow_up *f = &d->follow_ups[i];

        html_open(h, "li", NULL);
        html_elem_attr(h, "span", L(rq, f->text_sv, f->text_en), "lang", L_lang(rq, f->text_en),
                       NULL);
        html_text(h, " — ");
        html_printf(h, _("due %s"), fmt_date_iso(rq, f->due_on));
        if (!str_empty(f->owner_name)) {
            html_text(h, ", ");
            html_text(h, f->owner_name);
        }
        html_text(h, ". ");
        html_text(h, f->done ? _("Done.") : _("Open."));
        if (may_edit) {
            form_begin(rq, h, url_follow_up_done(rq, f->id));
            form_hidden(h, "done", f->done ? "0" : "1");
            form_submit(h, f->done ? _("Reopen") : _("Mark as done"));
            form_end(h);
        }
        html_close(h, "li");
    }
    if (d->n_follow_ups > 0)
        html_close(h, "ul");
    html_close(h, "section");
}

enum err
page_dialogue(struct req *rq)
{
    struct authz_scope scope = {0};
    struct dialogue d;
    struct html h;
    const char *title;
    bool may_edit;
    enum err rc;
    int i;

    rc = dialogue_get(rq->db, rq->arena, req_int(rq, "id", 0), &d);
    if (rc)
        return rc;
    req_shows_mission(rq, d.mission_id);
    scope.mission_id = d.mission_id;
    may_edit = req_offers(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    dialogue_hide_notes(&d, may_edit);
    title = L(rq, d.title_sv, d.title_en);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem_attr(&h, "h1", title, "lang", L_lang(rq, d.title_en), NULL);
    regform_actions(&h, _("Edit the dialogue"), may_edit ? url_dialogue_edit(rq, d.id) : NULL,
                    NULL);
    if (d.is_demo)
        layout_demo_note(rq, &h);
    html_open(&h, "dl", "class", "facts", NULL);
    html_elem(&h, "dt", _("Mission"));
    html_open(&h, "dd", NULL);
    html_elem_attr(&h, "a", L(rq, d.mission_title_sv, d.mission_title_en), "href",
                   url_mission_dialogues(rq, d.mission_slug), "lang",
                   L_lang(rq, d.mission_title_en), NULL);
    html_close(&h, "dd");
    html_elem(&h, "dt", _("Held on"));
    html_elem(&h, "dd", fmt_date_iso(rq, d.held_on));
    html_elem(&h, "dt", _("Format"));
    html_elem(&h, "dd", label_code(&code_dialogue_format, d.format));
    html_elem(&h, "dt", _("Notes"));
    html_elem(&h, "dd", d.is_public ? _("Public") : _("For the mission's coordinators only"));
    html_close(&h, "dl");
    html_open(&h, "section", "aria-labelledby", "actors-h", NULL);
    html_elem_attr(&h, "h2", _("Actors taking part"), "id", "actors-h", NULL);
    if (d.n_actors_loaded == 0)
        html_elem(&h, "p", _("No actors are listed."));
    else
        html_open(&h, "ul", NULL);
    for (i = 0; i < d.n_actors_loaded; i++) {
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", d.actors[i].name, "href", url_actor(rq, d.actors[i].id), NULL);
        html_text(&h, " (");
        html_text(&h, label_code(&code_actor_sector, d.actors[i].sector));
        html_text(&h, ")");
        html_close(&h, "li");
    }
    if (d.n_actors_loaded > 0)
        html_close(&h, "ul");
    html_close(&h, "section");
    if (d.n_objectives > 0) {
        html_open(&h, "section", "aria-labelledby", "obj-h", NULL);
        html_elem_attr(&h, "h2", _("Objectives touched"), "id", "obj-h", NULL);
        html_open(&h, "ul", NULL);
        for (i = 0; i < d.n_objectives; i++)
            html_elem_attr(&h, "li", L(rq, d.objectives[i].title_sv, d.objectives[i].title_en),
                           "lang", L_lang(rq, d.objectives[i].title_en), NULL);
        html_close(&h, "ul");
        html_close(&h, "section");
    }
    if (d.is_public || may_edit) {
        notes_section(rq, &h, "summary-h", _("Summary"), d.summary_sv, d.summary_en);
        notes_section(rq, &h, "outcomes-h", _("Outcomes"), d.outcomes_sv, d.outcomes_en);
        follow_ups_section(rq, &h, &d, may_edit);
    } else {
        html_elem(&h, "p",
                  _("The notes of this dialogue are for the mission's coordinators: they are "
                    "not marked public."));
    }
    return layout_end_for(rq, &h, "dialogue", d.id, 0, NULL);
}

/* ------------------------------------------------------------ an actor's history */

void
page_dialogue_history(struct req *rq, struct html *h, int64_t actor_id)
{
    struct dialogue *ds;
    int n = 0, i;

    if (dialogue_of_actor(rq->db, rq->arena, actor_id, &ds, &n) != ERR_OK)
        n = 0;
    html_open(h, "section", "aria-labelledby", "dialogues-h", NULL);
    html_elem_attr(h, "h2", _("Dialogues"), "id", "dialogues-h", NULL);
    /* every one, as the mission's list shows them: a dialogue's title, date and actors are
     * public, its notes only when marked so (the dialogue's page) */
    if (n > 0)
        html_open(h, "ul", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", L(rq, ds[i].title_sv, ds[i].title_en), "href",
                       url_dialogue(rq, ds[i].id), "lang", L_lang(rq, ds[i].title_en), NULL);
        html_text(h, " — ");
        html_text(h, fmt_date_iso(rq, ds[i].held_on));
        html_text(h, ", ");
        html_elem_attr(h, "span", L(rq, ds[i].mission_title_sv, ds[i].mission_title_en), "lang",
                       L_lang(rq, ds[i].mission_title_en), NULL);
        if (!ds[i].is_public) {
            html_text(h, " ");
            html_elem_attr(h, "span", _("Notes not public"), "class", "badge", NULL);
        }
        html_close(h, "li");
    }
    if (n > 0)
        html_close(h, "ul");
    else
        html_elem(h, "p", _("No dialogues with this actor are logged."));
    html_close(h, "section");
}

/* ------------------------------------------------------------ the forms */

struct dialogue_form {
    struct dialogue_new in;
    int actor_rows, fu_rows;
    const char *actor[ROWS_MAX];
    int actor_row[ROWS_MAX]; /* the row of in.actor_ids[i] */
    struct {
        const char *id, *text_sv, *text_en, *owner, *due_on;
    } fu[ROWS_MAX];
    int fu_row[ROWS_MAX]; /* the row of in.follow_ups[i] */
    const char **objectives;
    int n_objectives;
};

struct dialogue_choices {
    struct mission m;
    struct form_option *actors, *people, *objectives;
    int n_actors, n_people, n_objectives;
};

static enum err
choices_load(struct req *rq, struct db *db, int64_t mission_id, struct dialogue_choices *c)
{
    struct page pg = {FORM_ACTORS, 0};
    struct objective *os;
    struct actor *xs;
    int64_t total;
    enum err rc;
    int i;

    rc = mission_get_id(db, rq->arena, mission_id, &c->m);
    if (rc == ERR_OK)
        rc = mission_objectives(db, rq->arena, mission_id, &os, &c->n_objectives);
    if (rc == ERR_OK)
        rc = actor_list(db, rq->arena, NULL, &pg, &xs, &c->n_actors, &total);
    if (rc)
        return rc;
    c->actors =
        arena_alloc(rq->arena, (size_t)(c->n_actors > 0 ? c->n_actors : 1) * sizeof(*c->actors));
    for (i = 0; i < c->n_actors; i++) {
        c->actors[i].value = id_text(rq, xs[i].id);
        c->actors[i].label = xs[i].name;
    }
    c->objectives = arena_alloc(rq->arena, (size_t)(c->n_objectives > 0 ? c->n_objectives : 1) *
                                               sizeof(*c->objectives));
    for (i = 0; i < c->n_objectives; i++) {
        c->objectives[i].value = id_text(rq, os[i].id);
        c->objectives[i].label = L(rq, os[i].title_sv, os[i].title_en);
    }
    c->people = edit_people(rq, &c->n_people);
    return ERR_OK;
}

static int
rows_of(struct req *rq, const char *name, int min)
{
    int r = (int)id_of(edit_field(rq, name));

    return r < min ? min : r > ROWS_MAX ? ROWS_MAX : r;
}

static void
dialogue_read(struct req *rq, int64_t mission_id, struct dialogue_form *f)
{
    struct follow_up_new *fus;
    int64_t *ids;
    int i, n = 0;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->in.held_on = edit_opt(rq, "held_on");
    f->in.format = edit_field(rq, "format");
    f->in.title_sv = edit_field(rq, "title_sv");
    f->in.title_en = edit_field(rq, "title_en");
    f->in.summary_sv = edit_field(rq, "summary_sv");
    f->in.summary_en = edit_field(rq, "summary_en");
    f->in.outcomes_sv = edit_field(rq, "outcomes_sv");
    f->in.outcomes_en = edit_field(rq, "outcomes_en");
    f->in.is_public = strcmp(edit_field(rq, "is_public"), "1") == 0;
    f->actor_rows = rows_of(rq, "actor_rows", ACTOR_ROWS_MIN);
    ids = arena_alloc(rq->arena, ROWS_MAX * sizeof(*ids));
    for (i = 0; i < f->actor_rows; i++) {
        f->actor[i] = edit_field(rq, arena_printf(rq->arena, "actor-%d", i + 1));
        if (*f->actor[i] == '\0')
            continue;
        ids[n] = id_of(f->actor[i]);
        f->actor_row[n++] = i;
    }
    f->in.actor_ids = ids;
    f->in.n_actors = n;
    f->fu_rows = rows_of(rq, "fu_rows", FOLLOW_ROWS_MIN);
    fus = arena_alloc(rq->arena, ROWS_MAX * sizeof(*fus));
    n = 0;
    for (i = 0; i < f->fu_rows; i++) {
        f->fu[i].id = edit_field(rq, arena_printf(rq->arena, "fu-%d-id", i + 1));
        f->fu[i].text_sv = edit_field(rq, arena_printf(rq->arena, "fu-%d-text_sv", i + 1));
        f->fu[i].text_en = edit_field(rq, arena_printf(rq->arena, "fu-%d-text_en", i + 1));
        f->fu[i].owner = edit_field(rq, arena_printf(rq->arena, "fu-%d-owner", i + 1));
        f->fu[i].due_on = edit_field(rq, arena_printf(rq->arena, "fu-%d-due_on", i + 1));
        if (*f->fu[i].text_sv == '\0' && *f->fu[i].text_en == '\0' && *f->fu[i].owner == '\0' &&
            *f->fu[i].due_on == '\0')
            continue; /* an empty row */
        fus[n].id = id_of(f->fu[i].id);
        fus[n].text_sv = f->fu[i].text_sv;
        fus[n].text_en = f->fu[i].text_en;
        fus[n].owner_id = id_of(f->fu[i].owner);
        fus[n].due_on = f->fu[i].due_on;
        f->fu_row[n++] = i;
    }
    f->in.follow_ups = fus;
    f->in.n_follow_ups = n;
    f->objectives = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*f->objectives));
    f->n_objectives =
        rq->form ? form_get_all(rq->form, "objective_ids", f->objectives, WRITE_MAX_ITEMS + 1) : 0;
    ids = arena_alloc(rq->arena, (size_t)(f->n_objectives + 1) * sizeof(*ids));
    for (i = 0; i < f->n_objectives; i++)
        ids[i] = id_of(f->objectives[i]);
    f->in.objective_ids = ids;
    f->in.n_objectives = f->n_objectives;
}

static void
dialogue_fill(struct req *rq, const struct dialogue *d, struct dialogue_form *f)
{
    struct follow_up_new *fus;
    int64_t *ids;
    int i;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = d->mission_id;
    f->in.held_on = d->held_on;
    f->in.format = d->format;
    f->in.title_sv = d->title_sv;
    f->in.title_en = d->title_en;
    f->in.summary_sv = d->summary_sv;
    f->in.summary_en = d->summary_en;
    f->in.outcomes_sv = d->outcomes_sv;
    f->in.outcomes_en = d->outcomes_en;
    f->in.is_public = d->is_public;
    ids = arena_alloc(rq->arena, ROWS_MAX * sizeof(*ids));
    for (i = 0; i < d->n_actors_loaded && i < ROWS_MAX; i++) {
        ids[i] = d->actors[i].id;
        f->actor[i] = id_text(rq, d->actors[i].id);
    }
    f->in.actor_ids = ids;
    f->in.n_actors = i;
    f->actor_rows = i + ACTOR_ROWS_MIN < ROWS_MAX ? i + ACTOR_ROWS_MIN : ROWS_MAX;
    fus = arena_alloc(rq->arena, ROWS_MAX * sizeof(*fus));
    for (i = 0; i < d->n_follow_ups && i < ROWS_MAX; i++) {
        const struct follow_up *s = &d->follow_ups[i];

        fus[i] = (struct follow_up_new){s->id, s->text_sv, s->text_en, s->owner_id, s->due_on};
        f->fu[i].id = id_text(rq, s->id);
        f->fu[i].text_sv = s->text_sv;
        f->fu[i].text_en = s->text_en;
        f->fu[i].owner = id_text(rq, s->owner_id);
        f->fu[i].due_on = s->due_on;
    }
    f->in.follow_ups = fus;
    f->in.n_follow_ups = i;
    f->fu_rows = i + FOLLOW_ROWS_MIN < ROWS_MAX ? i + FOLLOW_ROWS_MIN : ROWS_MAX;
    f->objectives = arena_alloc(rq->arena, (size_t)(d->n_objectives + 1) * sizeof(char *));
    for (i = 0; i < d->n_objectives; i++)
        f->objectives[i] = id_text(rq, d->objectives[i].id);
    f->n_objectives = d->n_objectives;
}

/* The message for a refused field, and the form field it belongs beside. */
static const char *
dialogue_refusal(struct req *rq, const struct dialogue_form *f, const struct write_error *we,
                 const char **out_field)
{
    const char *x = we->field != NULL ? we->field : "";
    int item = we->item;

    *out_field = x;
    if (strcmp(x, "held_on") == 0)
        return _("Enter the date it was held as YYYY-MM-DD, such as 2025-03-31.");
    if (strcmp(x, "format") == 0)
        return _("Choose the format.");
    if (strcmp(x, "title_sv") == 0)
        return _("Enter a title in Swedish of at most 300 characters.");
    if (strcmp(x, "title_en") == 0)
        return _("Enter a title in English of at most 300 characters, or leave it empty.");
    if (strcmp(x, "actor_ids") == 0) {
        *out_field = arena_printf(rq->arena, "actor-%d",
                                  item >= 0 && item < f->in.n_actors ? f->actor_row[item] + 1 : 1);
        return strstr(we->msg, "twice") ? _("Each actor takes part once: remove the second row.")
                                        : _("Choose an actor from the list.");
    }
    if (strcmp(x, "objective_ids") == 0)
        return _("Choose objectives of this mission.");
    if (strcmp(x, "follow_ups") == 0) {
        int row = item >= 0 && item < f->in.n_follow_ups ? f->fu_row[item] + 1 : 1;

        if (strstr(we->msg, "owner")) {
            *out_field = arena_printf(rq->arena, "fu-%d-owner", row);
            return _("Choose who owns the follow-up.");
        }
        if (strstr(we->msg, "date")) {
            *out_field = arena_printf(rq->arena, "fu-%d-due_on", row);
            return _("Enter the due date as YYYY-MM-DD.");
        }
        *out_field = arena_printf(rq->arena, "fu-%d-text_sv", row);
        return _("Enter what is to be done in Swedish, in at most 300 characters.");
    }
    if (strncmp(x, "summary", 7) == 0 || strncmp(x, "outcomes", 8) == 0)
        return _("Enter at most 20,000 characters.");
    return _("Check this value.");
}

static enum err
dialogue_form_page(struct req *rq, const char *title, const char *action,
                   const struct dialogue_choices *c, const struct dialogue_form *f,
                   const struct form_errors *fe)
{
    struct html h;
    int i;

    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, c->m.title_sv, c->m.title_en), "href",
                   url_mission_dialogues(rq, c->m.slug), "lang", L_lang(rq, c->m.title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    form_hidden(&h, "actor_rows", arena_printf(rq->arena, "%d", f->actor_rows));
    form_hidden(&h, "fu_rows", arena_printf(rq->arena, "%d", f->fu_rows));
    form_input(&h, fe, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, f->in.title_sv, true,
               "off");
    form_input(&h, fe, "title_en", _("Title in English"), _("Optional."), FT_TEXT, f->in.title_en,
               false, "off");
    form_input(&h, fe, "held_on", _("Held on"), _("YYYY-MM-DD."), FT_DATE, f->in.held_on, true,
               "off");
    form_select(&h, fe, "format", _("Format"), NULL, edit_codes(rq, &code_dialogue_format),
                code_dialogue_format.n, f->in.format, _("Choose a format"));
    html_open(&h, "fieldset", "class", "field", NULL);
    html_elem(&h, "legend", _("Actors taking part"));
    html_elem_attr(&h, "p", _("One actor per row. Empty rows are left out."), "class", "hint",
                   NULL);
    for (i = 0; i < f->actor_rows; i++)
        form_select(&h, fe, arena_printf(rq->arena, "actor-%d", i + 1),
                    arena_printf(rq->arena, _("Actor %d"), i + 1), NULL, c->actors, c->n_actors,
                    f->actor[i], _("None"));
    html_close(&h, "fieldset");
    if (c->n_objectives > 0)
        form_checkboxes(&h, fe, "objective_ids", _("Objectives touched"), c->objectives,
                        c->n_objectives, f->objectives, f->n_objectives);
    form_textarea(&h, fe, "summary_sv", _("Summary in Swedish"), _("Markdown. Optional."),
                  f->in.summary_sv, false, 5);
    form_textarea(&h, fe, "summary_en", _("Summary in English"), _("Markdown. Optional."),
                  f->in.summary_en, false, 5);
    form_textarea(&h, fe, "outcomes_sv", _("Outcomes in Swedish"), _("Markdown. Optional."),
                  f->in.outcomes_sv, false, 4);
    form_textarea(&h, fe, "outcomes_en", _("Outcomes in English"), _("Markdown. Optional."),
                  f->in.outcomes_en, false, 4);
    form_flag(&h, "is_public", _("The notes are public"),
              _("Otherwise the summary, outcomes and follow-ups are shown only to the mission's "
                "coordinators."),
              f->in.is_public);
    for (i = 0; i < f->fu_rows; i++) {
        html_open(&h, "fieldset", "class", "field", NULL);
        html_elem(&h, "legend", arena_printf(rq->arena, _("Follow-up %d"), i + 1));
        form_hidden(&h, arena_printf(rq->arena, "fu-%d-id", i + 1), f->fu[i].id);
        form_input(&h, fe, arena_printf(rq->arena, "fu-%d-text_sv", i + 1),
                   _("What is to be done, in Swedish"), NULL, FT_TEXT, f->fu[i].text_sv, false,
                   "off");
        form_input(&h, fe, arena_printf(rq->arena, "fu-%d-text_en", i + 1),
                   _("What is to be done, in English"), _("Optional."), FT_TEXT, f->fu[i].text_en,
                   false, "off");
        form_select(&h, fe, arena_printf(rq->arena, "fu-%d-owner", i + 1), _("Owner"), NULL,
                    c->people, c->n_people, f->fu[i].owner, _("Choose a person"));
        form_input(&h, fe, arena_printf(rq->arena, "fu-%d-due_on", i + 1), _("Due date"),
                   _("YYYY-MM-DD."), FT_DATE, f->fu[i].due_on, false, "off");
        html_close(&h, "fieldset");
    }
    form_submit(&h, _("Save"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static enum err
form_save(struct req *rq, int64_t id, const struct dialogue_choices *c, struct dialogue_form *f,
          const char *title, const char *action)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const char *who, *field, *msg;
    int64_t out_id = id, now = (int64_t)time(NULL);
    enum err rc;

    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = dialogue_save(rq->wdb, id, &f->in, who, now, &out_id, &we);
    if (rc == ERR_INVALID) {
        msg = dialogue_refusal(rq, f, &we, &field);
        form_error(&fe, field, msg);
        rq->resp.status = 422;
        return dialogue_form_page(rq, title, action, c, f, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_dialogue(rq, out_id));
}

static enum err
new_in_mission(struct req *rq, struct db *db, struct dialogue_choices *c)
{
    struct mission m;
    enum err rc;

    memset(c, 0, sizeof(*c));
    rc = edit_mission_allowed(rq, AUTHZ_DIALOGUE_CREATE, &m);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND;
    return choices_load(rq, db, m.id, c);
}

enum err
page_dialogue_new(struct req *rq)
{
    struct dialogue_choices c;
    struct dialogue_form f;
    enum err rc;

    rc = new_in_mission(rq, rq->db, &c);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    f.actor_rows = ACTOR_ROWS_MIN;
    f.fu_rows = FOLLOW_ROWS_MIN;
    return dialogue_form_page(rq, _("Log a dialogue"), url_dialogue_new(rq, c.m.slug), &c, &f,
                              NULL);
}

enum err
post_dialogue_new(struct req *rq)
{
    struct dialogue_choices c;
    struct dialogue_form f;
    enum err rc;

    rc = new_in_mission(rq, rq->wdb, &c);
    if (rc)
        return rc;
    dialogue_read(rq, c.m.id, &f);
    return form_save(rq, 0, &c, &f, _("Log a dialogue"), url_dialogue_new(rq, c.m.slug));
}

/* The dialogue of the path, the caller allowed to edit it. */
static enum err
dialogue_of_path(struct req *rq, struct db *db, struct dialogue *out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = dialogue_get(db, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    scope.mission_id = out->mission_id;
    return req_allow(rq, AUTHZ_DIALOGUE_EDIT, &scope);
}

enum err
page_dialogue_edit(struct req *rq)
{
    struct dialogue_choices c;
    struct dialogue_form f;
    struct dialogue d;
    enum err rc;

    rc = dialogue_of_path(rq, rq->db, &d);
    if (rc == ERR_OK)
        rc = choices_load(rq, rq->db, d.mission_id, &c);
    if (rc)
        return rc;
    dialogue_fill(rq, &d, &f);
    return dialogue_form_page(rq,
                              arena_printf(rq->arena, _("Edit %s"), L(rq, d.title_sv, d.title_en)),
                              url_dialogue_edit(rq, d.id), &c, &f, NULL);
}

enum err
post_dialogue_edit(struct req *rq)
{
    struct dialogue_choices c;
    struct dialogue_form f;
    struct dialogue d;
    enum err rc;

    rc = dialogue_of_path(rq, rq->wdb, &d);
    if (rc == ERR_OK)
        rc = choices_load(rq, rq->wdb, d.mission_id, &c);
    if (rc)
        return rc;
    dialogue_read(rq, d.mission_id, &f);
    return form_save(rq, d.id, &c, &f,
                     arena_printf(rq->arena, _("Edit %s"), L(rq, d.title_sv, d.title_en)),
                     url_dialogue_edit(rq, d.id));
}

enum err
post_follow_up_done(struct req *rq)
{
    struct authz_scope scope = {0};
    int64_t id = req_int(rq, "id", 0), dialogue = 0;
    const char *who;
    enum err rc;

    rc = follow_up_owner(rq->wdb, id, &dialogue, &scope.mission_id);
    if (rc == ERR_OK)
        rc = req_allow(rq, AUTHZ_DIALOGUE_EDIT, &scope);
    if (rc == ERR_OK)
        rc = regform_who(rq, &who);
    if (rc)
        return rc;
    rc = follow_up_save_done(rq->wdb, id, strcmp(edit_field(rq, "done"), "0") != 0, who,
                             (int64_t)time(NULL));
    return rc ? rc : edit_done(rq, url_dialogue(rq, dialogue));
}
