/*
 * page_commitment.c — actors' commitments to a mission in the browser: the mission's list
 * (/missions/{slug}/commitments: the commitment gap of each indicator with a target, then
 * every commitment by the actor's sector), one commitment (/commitments/{id}: what it
 * says, its contribution, its steps, and the form of its next status move for who may
 * make one), the form to commit (/missions/{slug}/commitments/new) and to edit one
 * (/commitments/{id}/edit).
 *
 * Who may (authz.h): a confirmed representative commits its actor and edits and moves on
 * its commitments, and so do the mission's coordinators; only they (and admins) confirm.
 * The scope is the stored commitment's mission and actor; for a new one, the mission of
 * the address and the actor chosen (a representative is offered its own actors only).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "domain/actor.h"
#include "domain/assess.h"
#include "domain/codes.h"
#include "domain/commitment.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "web/auth.h"
#include "web/commitview.h"
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

#define COMMITMENTS_PER_PAGE 50
#define FORM_ACTORS          1000 /* actors a coordinator's select offers (live, by name) */

static const char *
id_text(struct req *rq, int64_t id)
{
    return id > 0 ? arena_printf(rq->arena, "%lld", (long long)id) : "";
}

/* "12 500 portioner" / "12,500 meals": an amount in its indicator's unit. */
static const char *
amount_text(struct req *rq, double v, int decimals, const char *unit_sv, const char *unit_en)
{
    const char *unit = unit_sv != NULL ? L(rq, unit_sv, unit_en) : "";

    if (decimals < 0 || decimals > 6)
        decimals = 2;
    /* an amount with more decimals than the indicator shows (2,5 of a whole unit) keeps
     * them, up to four; a difference of two values (0,79999...) is rounded */
    while (decimals < 4 && fabs(v * pow(10, decimals) - round(v * pow(10, decimals))) >
                               1e-6 * fmax(1, fabs(v * pow(10, decimals))))
        decimals++;
    return str_empty(unit) ? fmt_num(rq, v, decimals)
                           : arena_printf(rq->arena, "%s %s", fmt_num(rq, v, decimals), unit);
}

/* "62 %": a share as a whole per cent. */
static const char *
share_text(struct req *rq, double share)
{
    return arena_printf(rq->arena, "%s %%", fmt_num(rq, round(share * 100), 0));
}

/* The sentence of an indicator's gap, NULL when it has none to tell. */
static const char *
gap_text(struct req *rq, const struct commitment_gap *g, int decimals, const char *unit_sv,
         const char *unit_en)
{
    const char *s;

    if (g->reached)
        return _("The target is reached.");
    if (!g->has_gap)
        return NULL;
    if (g->covered <= 0)
        s = arena_printf(rq->arena,
                         _("No confirmed commitment covers the remaining distance of %s yet."),
                         amount_text(rq, g->remaining, decimals, unit_sv, unit_en));
    else
        s = arena_printf(rq->arena, _("Commitments cover %s of the remaining distance (%s of %s)."),
                         share_text(rq, g->coverage),
                         amount_text(rq, g->covered, decimals, unit_sv, unit_en),
                         amount_text(rq, g->remaining, decimals, unit_sv, unit_en));
    if (g->pledged > 0)
        s = arena_printf(rq->arena, _("%s A further %s is pledged, not yet confirmed."), s,
                         amount_text(rq, g->pledged, decimals, unit_sv, unit_en));
    return s;
}

/* ------------------------------------------------------------ the mission's list */

/* The gap of every indicator of the mission that has a target: a table. */
static enum err
gap_table(struct req *rq, struct html *h, const struct mission *m)
{
    struct commitment_gap *gaps;
    struct mission_tree t;
    int i, shown = 0;
    enum err rc;

    rc = mission_tree_load(rq->db, rq->arena, m->id, &t);
    if (rc)
        return rc;
    gaps = arena_alloc(rq->arena, (size_t)(t.n_inds > 0 ? t.n_inds : 1) * sizeof(*gaps));
    rc = commitment_gaps(rq->db, rq->arena, m->id, t.inds, t.n_inds, gaps);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "gap-h", NULL);
    html_elem_attr(h, "h2", _("The commitment gap"), "id", "gap-h", NULL);
    html_elem(h, "p",
              _("For each indicator with a target: the distance left from the latest value to "
                "the target, and how much of it the confirmed contributions not yet delivered "
                "cover. Pledged contributions are shown apart until a coordinator confirms "
                "them."));
    for (i = 0; i < t.n_inds; i++) {
        const struct indicator *ind = &t.inds[i];
        const struct commitment_gap *g = &gaps[i];

        if (!g->has_gap && !g->reached)
            continue;
        if (shown++ == 0) {
            html_open(h, "div", "class", "tablewrap", NULL);
            html_open(h, "table", "class", "stack", NULL);
            html_elem(h, "caption", _("Commitment gap by indicator"));
            html_open(h, "thead", NULL);
            html_open(h, "tr", NULL);
            html_elem_attr(h, "th", _("Indicator"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Remaining distance"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Confirmed"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Pledged"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Covered"), "scope", "col", NULL);
            html_close(h, "tr");
            html_close(h, "thead");
            html_open(h, "tbody", NULL);
        }
        html_open(h, "tr", NULL);
        html_open(h, "td", "class", "lead", NULL);
        html_elem_attr(h, "a", L(rq, ind->title_sv, ind->title_en), "href",
                       url_indicator(rq, ind->id), "lang", L_lang(rq, ind->title_en), NULL);
        html_close(h, "td");
        if (g->reached) {
            html_elem_attr(h, "td", _("The target is reached."), "data-label",
                           _("Remaining distance"), NULL);
            html_elem_attr(h, "td", "–", "data-label", _("Confirmed"), NULL);
            html_elem_attr(h, "td", "–", "data-label", _("Pledged"), NULL);
            html_elem_attr(h, "td", "–", "data-label", _("Covered"), NULL);
        } else {
            html_elem_attr(h, "td",
                           amount_text(rq, g->remaining, ind->decimals, ind->unit_sv, ind->unit_en),
                           "data-label", _("Remaining distance"), NULL);
            html_elem_attr(h, "td",
                           amount_text(rq, g->covered, ind->decimals, ind->unit_sv, ind->unit_en),
                           "data-label", _("Confirmed"), NULL);
            html_elem_attr(h, "td",
                           amount_text(rq, g->pledged, ind->decimals, ind->unit_sv, ind->unit_en),
                           "data-label", _("Pledged"), NULL);
            html_elem_attr(h, "td", share_text(rq, g->coverage), "data-label", _("Covered"), NULL);
        }
        html_close(h, "tr");
    }
    if (shown > 0) {
        html_close(h, "tbody");
        html_close(h, "table");
        html_close(h, "div");
    } else {
        html_elem(h, "p", _("No indicator of the mission has both a target and a latest value."));
    }
    html_close(h, "section");
    return ERR_OK;
}

static void
contribution_cell(struct req *rq, struct html *h, const struct commitment *c)
{
    if (c->indicator_id == 0 || !c->has_amount) {
        html_text(h, _("Not quantified"));
        return;
    }
    html_text(h, amount_text(rq, c->amount, c->decimals, c->unit_sv, c->unit_en));
    html_text(h, " – ");
    html_elem_attr(h, "a", L(rq, c->indicator_title_sv, c->indicator_title_en), "href",
                   url_indicator(rq, c->indicator_id), "lang", L_lang(rq, c->indicator_title_en),
                   NULL);
}

static void
list_table(struct req *rq, struct html *h, const struct commitment *cs, int n)
{
    const char *sector = NULL;
    int i;

    for (i = 0; i < n; i++) {
        const struct commitment *c = &cs[i];

        /* one table per sector, its heading the sector */
        if (sector == NULL || strcmp(sector, c->actor_sector) != 0) {
            if (sector != NULL) {
                html_close(h, "tbody");
                html_close(h, "table");
                html_close(h, "div");
            }
            sector = c->actor_sector;
            html_elem(h, "h3", label_code(&code_actor_sector, sector));
            html_open(h, "div", "class", "tablewrap", NULL);
            html_open(h, "table", "class", "stack", NULL);
            html_elem(h, "caption",
                      arena_printf(rq->arena, _("Commitments of actors in the sector %s"),
                                   label_code(&code_actor_sector, sector)));
            html_open(h, "thead", NULL);
            html_open(h, "tr", NULL);
            html_elem_attr(h, "th", _("Actor"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Commitment"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Contribution"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("By"), "scope", "col", NULL);
            html_elem_attr(h, "th", _("Status"), "scope", "col", NULL);
            html_close(h, "tr");
            html_close(h, "thead");
            html_open(h, "tbody", NULL);
        }
        html_open(h, "tr", NULL);
        html_open(h, "td", "class", "lead", NULL);
        html_elem_attr(h, "a", c->actor_name, "href", url_actor(rq, c->actor_id), NULL);
        html_close(h, "td");
        html_open(h, "td", "data-label", _("Commitment"), NULL);
        html_elem_attr(h, "a", L(rq, c->statement_sv, c->statement_en), "href",
                       url_commitment(rq, c->id), "lang", L_lang(rq, c->statement_en), NULL);
        html_close(h, "td");
        html_open(h, "td", "data-label", _("Contribution"), NULL);
        contribution_cell(rq, h, c);
        html_close(h, "td");
        html_elem_attr(h, "td", c->by_date != NULL ? fmt_date_iso(rq, c->by_date) : "–",
                       "data-label", _("By"), NULL);
        html_elem_attr(h, "td", label_code(&code_commitment_status, c->status), "data-label",
                       _("Status"), NULL);
        html_close(h, "tr");
    }
    if (sector != NULL) {
        html_close(h, "tbody");
        html_close(h, "table");
        html_close(h, "div");
    }
}

/* Whether the page offers who asks to commit (req_offers: nothing read for a visitor). */
static bool
offers_commit(struct req *rq, const struct mission *m)
{
    struct authz_scope scope = {.mission_id = m->id};

    if (m->archived_at != 0)
        return false;
    if (req_offers(rq, AUTHZ_COMMITMENT_CREATE, &scope))
        return true;
    /* a representative: the rule needs its actor */
    scope.actor_id =
        auth_has_session_cookie(rq) ? req_first_actor(rq, AUTHZ_COMMITMENT_CREATE, m->id) : 0;
    return scope.actor_id != 0 && req_offers(rq, AUTHZ_COMMITMENT_CREATE, &scope);
}

enum err
page_commitments(struct req *rq)
{
    const char *status = req_str(rq, "status");
    struct commitment *cs;
    struct mission m;
    struct pager p;
    struct html h;
    const char *title;
    int n;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    pager_read(rq, &p, COMMITMENTS_PER_PAGE);
    rc = commitment_list(rq->db, rq->arena, m.id, status, &p.pg, &cs, &n, &p.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &p);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Commitments to %s"), L(rq, m.title_sv, m.title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p",
              _("Actors commit their organisations to the mission's goal: what they will do, "
                "and where they can, a contribution to one of its indicators by a date. A "
                "coordinator of the mission confirms a commitment before it counts against the "
                "gap."));
    if (offers_commit(rq, &m))
        regform_actions(&h, _("Commit your organisation"), url_commitment_new(rq, m.slug), NULL);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the mission"), "href", url_mission(rq, m.slug), NULL);
    html_close(&h, "p");
    rc = gap_table(rq, &h, &m);
    if (rc)
        return rc;
    html_open(&h, "section", "aria-labelledby", "list-h", NULL);
    html_elem_attr(&h, "h2",
                   status != NULL ? arena_printf(rq->arena, _("Commitments: %s"),
                                                 label_code(&code_commitment_status, status))
                                  : _("All commitments, by sector"),
                   "id", "list-h", NULL);
    html_open(&h, "form", "method", "get", "action", url_commitments(rq, m.slug), "class",
              "filters", NULL);
    {
        const struct form_option *opts = edit_codes(rq, &code_commitment_status);

        form_select(&h, NULL, "status", _("Status"), NULL, opts, code_commitment_status.n, status,
                    _("Any status"));
    }
    if (rq->lang_in_query)
        form_hidden(&h, "lang", rq->lang == LANG_EN ? "en" : "sv");
    html_elem_attr(&h, "button", _("Show"), "type", "submit", NULL);
    html_close(&h, "form");
    if (n == 0)
        html_elem(&h, "p", _("No commitments yet."));
    else
        list_table(rq, &h, cs, n);
    layout_pager(rq, &h, p.page, p.pages,
                 p.page > 1 ? url_commitments_page(rq, m.slug, status, p.page - 1) : NULL,
                 p.page < p.pages ? url_commitments_page(rq, m.slug, status, p.page + 1) : NULL);
    html_close(&h, "section");
    return layout_end_for(rq, &h, NULL, 0, m.id, m.owner_name);
}

/* ------------------------------------------------------------ one commitment */

/* The moves the caller may make from c's status: codes into out, how many. */
static int
moves_offered(struct req *rq, const struct commitment *c, const char **out)
{
    struct authz_scope scope = {.mission_id = c->mission_id, .actor_id = c->actor_id};
    bool may_move = req_offers(rq, AUTHZ_COMMITMENT_STATUS, &scope);
    bool may_confirm = req_offers(rq, AUTHZ_COMMITMENT_CONFIRM, &scope);
    int i, n = 0;

    for (i = 0; i < code_commitment_status.n; i++) {
        const char *to = code_commitment_status.codes[i].code;

        if (!commitment_move_allowed(c->status, to))
            continue;
        if (strcmp(to, "confirmed") == 0 ? may_confirm : may_move)
            out[n++] = to;
    }
    return n;
}

static void
status_form(struct req *rq, struct html *h, const struct commitment *c,
            const struct form_errors *fe, const char *to, const char *note)
{
    const char *moves[CS__MAX];
    struct form_option opts[CS__MAX];
    int n = moves_offered(rq, c, moves), i;

    if (n == 0)
        return;
    for (i = 0; i < n; i++)
        opts[i] = (struct form_option){moves[i], label_code(&code_commitment_status, moves[i])};
    html_open(h, "section", "aria-labelledby", "move-h", NULL);
    html_elem_attr(h, "h2", _("Change the status"), "id", "move-h", NULL);
    form_summary(rq, h, fe);
    form_begin(rq, h, url_commitment_status(rq, c->id));
    form_select(h, fe, "status", _("New status"), NULL, opts, n, to, _("Choose a status"));
    form_textarea(h, fe, "note", _("Note"), _("What happened, for the record. Optional."), note,
                  false, 3);
    form_submit(h, _("Save the status"));
    form_end(h);
    html_close(h, "section");
}

static void
commitment_facts(struct req *rq, struct html *h, const struct commitment *c)
{
    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Mission"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "a", L(rq, c->mission_title_sv, c->mission_title_en), "href",
                   url_mission(rq, c->mission_slug), "lang", L_lang(rq, c->mission_title_en), NULL);
    html_close(h, "dd");
    html_elem(h, "dt", _("Actor"));
    html_open(h, "dd", NULL);
    html_elem_attr(h, "a", c->actor_name, "href", url_actor(rq, c->actor_id), NULL);
    html_text(h, " (");
    html_text(h, label_code(&code_actor_sector, c->actor_sector));
    html_text(h, ")");
    html_close(h, "dd");
    html_elem(h, "dt", _("Status"));
    html_elem(h, "dd", label_code(&code_commitment_status, c->status));
    html_elem(h, "dt", _("Contribution"));
    html_open(h, "dd", NULL);
    contribution_cell(rq, h, c);
    html_close(h, "dd");
    html_elem(h, "dt", _("By"));
    html_elem(h, "dd", c->by_date != NULL ? fmt_date_iso(rq, c->by_date) : _("Not set"));
    html_elem(h, "dt", _("Evidence"));
    html_open(h, "dd", NULL);
    if (c->evidence_url != NULL && url_is_http(c->evidence_url))
        html_elem_attr(h, "a", c->evidence_url, "href", c->evidence_url, "rel", "nofollow noopener",
                       NULL);
    else
        html_text(h, _("None given"));
    html_close(h, "dd");
    html_close(h, "dl");
}

static void
commitment_steps(struct req *rq, struct html *h, const struct commitment *c)
{
    int i;

    html_open(h, "section", "aria-labelledby", "steps-h", NULL);
    html_elem_attr(h, "h2", _("Steps"), "id", "steps-h", NULL);
    html_open(h, "ol", "class", "steps", NULL);
    for (i = 0; i < c->n_steps; i++) {
        const struct commitment_step *s = &c->steps[i];

        html_open(h, "li", NULL);
        html_elem(h, "strong", label_code(&code_commitment_status, s->status));
        html_text(h, " – ");
        html_text(h, fmt_date_unix(rq, s->at));
        if (s->by != NULL) {
            html_text(h, ", ");
            html_text(h, s->by);
        }
        if (!str_empty(s->note)) {
            html_open(h, "p", "lang", sv_only(rq, s->note), NULL);
            html_text(h, s->note);
            html_close(h, "p");
        }
        html_close(h, "li");
    }
    html_close(h, "ol");
    html_close(h, "section");
}

static enum err
commitment_page(struct req *rq, const struct commitment *c, const struct form_errors *fe,
                const char *to, const char *note)
{
    struct authz_scope scope = {.mission_id = c->mission_id, .actor_id = c->actor_id};
    const char *title = arena_printf(rq->arena, _("Commitment by %s"), c->actor_name);
    const char *statement = L(rq, c->statement_sv, c->statement_en);
    bool open = strcmp(c->status, "delivered") != 0 && strcmp(c->status, "withdrawn") != 0;
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, fe, title));
    html_elem(&h, "h1", title);
    if (open && req_offers(rq, AUTHZ_COMMITMENT_EDIT, &scope))
        regform_actions(&h, _("Edit the commitment"), url_commitment_edit(rq, c->id), NULL);
    if (c->is_demo)
        layout_demo_note(rq, &h);
    html_open(&h, "blockquote", "class", "lead", "lang", L_lang(rq, c->statement_en), NULL);
    html_open(&h, "p", NULL);
    html_text(&h, statement);
    html_close(&h, "p");
    html_close(&h, "blockquote");
    commitment_facts(rq, &h, c);
    commitment_steps(rq, &h, c);
    status_form(rq, &h, c, fe, to, note);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("All commitments to the mission"), "href",
                   url_commitments(rq, c->mission_slug), NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, "commitment", c->id, c->mission_id, NULL);
}

enum err
page_commitment(struct req *rq)
{
    struct commitment c;
    enum err rc;

    rc = commitment_get(rq->db, rq->arena, req_int(rq, "id", 0), &c);
    if (rc)
        return rc;
    req_shows_mission(rq, c.mission_id);
    return commitment_page(rq, &c, NULL, NULL, NULL);
}

/* The status form's post: the move, or the page again with the refusal beside the field. */
enum err
post_commitment_status(struct req *rq)
{
    struct authz_scope scope = {0};
    struct form_errors fe = {0};
    struct write_error we = {0};
    const struct principal *u;
    const char *to = edit_field(rq, "status"), *note = edit_field(rq, "note");
    struct commitment c;
    enum err rc;

    rc = commitment_get(rq->wdb, rq->arena, req_int(rq, "id", 0), &c);
    if (rc)
        return rc;
    scope.mission_id = c.mission_id;
    scope.actor_id = c.actor_id;
    /* confirming is the coordinators' too; the route's own rule is asked last, as the
     * route layer checks that the last rule allowed is the route's */
    rc = strcmp(to, "confirmed") == 0 ? req_allow(rq, AUTHZ_COMMITMENT_CONFIRM, &scope) : ERR_OK;
    if (rc == ERR_OK)
        rc = req_allow(rq, AUTHZ_COMMITMENT_STATUS, &scope);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (*to == '\0')
        form_error(&fe, "status", _("Choose the new status."));
    if (fe.n == 0) {
        rc = commitment_save_move(rq->wdb, c.id, to, note, u->user_id, edit_who(rq),
                                  (int64_t)time(NULL), &we);
        if (rc == ERR_INVALID)
            form_error(&fe, strcmp(we.field, "note") == 0 ? "note" : "status",
                       strcmp(we.field, "note") == 0
                           ? _("Enter a note of at most 4,000 characters.")
                           : _("The commitment cannot move to this status from its present "
                               "one."));
        else if (rc)
            return rc;
    }
    if (edit_failed(rq, &fe))
        return commitment_page(rq, &c, &fe, to, note);
    return edit_done(rq, url_commitment(rq, c.id));
}

/* ------------------------------------------------------------ the forms */

struct commitment_form {
    struct commitment_new in;
    const char *actor, *indicator, *amount; /* as entered */
};

struct commitment_choices {
    struct mission m;
    struct form_option *actors;
    int n_actors;
    struct form_option *indicators;
    int n_indicators;
};

/* The actors the caller may commit: every live one for who may commit any (a coordinator
 * of the mission, an admin), else those it represents. */
static enum err
choices_load(struct req *rq, struct db *db, const struct mission *m, struct commitment_choices *c)
{
    struct authz_scope scope = {.mission_id = m->id};
    struct indicator *inds;
    const struct who *w;
    int n_inds, i;
    enum err rc;

    c->m = *m;
    rc = mission_indicators(db, rq->arena, m->id, &inds, &n_inds);
    if (rc)
        return rc;
    c->indicators =
        arena_alloc(rq->arena, (size_t)(n_inds > 0 ? n_inds : 1) * sizeof(*c->indicators));
    for (i = 0; i < n_inds; i++) {
        const char *unit = L(rq, inds[i].unit_sv, inds[i].unit_en);

        c->indicators[c->n_indicators++] = (struct form_option){
            id_text(rq, inds[i].id),
            str_empty(unit) ? L(rq, inds[i].title_sv, inds[i].title_en)
                            : arena_printf(rq->arena, "%s (%s)",
                                           L(rq, inds[i].title_sv, inds[i].title_en), unit)};
    }
    rc = req_who(rq, &w);
    if (rc)
        return rc;
    if (req_may(rq, AUTHZ_COMMITMENT_CREATE, &scope)) {
        struct page pg = {FORM_ACTORS, 0};
        struct actor *xs;
        int64_t total;
        int n;

        rc = actor_list(db, rq->arena, NULL, &pg, &xs, &n, &total);
        if (rc)
            return rc;
        c->actors = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*c->actors));
        for (i = 0; i < n; i++)
            c->actors[c->n_actors++] = (struct form_option){id_text(rq, xs[i].id), xs[i].name};
        return ERR_OK;
    }
    c->actors =
        arena_alloc(rq->arena, (size_t)(w->n_actors > 0 ? w->n_actors : 1) * sizeof(*c->actors));
    for (i = 0; i < w->n_actors; i++) {
        struct actor a;

        rc = actor_get(db, rq->arena, w->actors[i], &a);
        if (rc == ERR_NOTFOUND || (rc == ERR_OK && a.archived_at != 0))
            continue;
        if (rc)
            return rc;
        c->actors[c->n_actors++] = (struct form_option){id_text(rq, a.id), a.name};
    }
    return ERR_OK;
}

static int64_t
id_of(const char *s)
{
    int64_t v = 0;

    return str_to_i64(s, &v) == ERR_OK && v > 0 ? v : 0;
}

/* The posted form into f (the mission is the address's, never the body's); an amount
 * that is not a number is refused beside its field in fe. */
static void
form_read(struct req *rq, int64_t mission_id, struct commitment_form *f, struct form_errors *fe)
{
    double v;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->actor = edit_field(rq, "actor_id");
    f->in.actor_id = id_of(f->actor);
    f->in.statement_sv = edit_field(rq, "statement_sv");
    f->in.statement_en = edit_field(rq, "statement_en");
    f->indicator = edit_field(rq, "indicator_id");
    f->in.indicator_id = id_of(f->indicator);
    f->amount = edit_field(rq, "amount");
    if (*f->amount != '\0') {
        if (edit_num(rq->arena, f->amount, &v)) {
            f->in.has_amount = true;
            f->in.amount = v;
        } else {
            form_error(fe, "amount", _("Enter the contribution as a number, such as 1500 or 2,5."));
        }
    }
    f->in.by_date = edit_opt(rq, "by_date");
    f->in.evidence_url = edit_opt(rq, "evidence_url");
}

static void
form_fill(struct req *rq, const struct commitment *c, struct commitment_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.mission_id = c->mission_id;
    f->in.actor_id = c->actor_id;
    f->actor = id_text(rq, c->actor_id);
    f->in.statement_sv = c->statement_sv;
    f->in.statement_en = c->statement_en;
    f->in.indicator_id = c->indicator_id;
    f->indicator = id_text(rq, c->indicator_id);
    f->in.has_amount = c->has_amount;
    f->in.amount = c->amount;
    f->amount = c->has_amount ? fmt_num(rq, c->amount, c->decimals > 0 ? c->decimals : 0) : "";
    if (c->has_amount && strchr(f->amount, ' ') == NULL && c->decimals <= 0)
        f->amount = arena_printf(rq->arena, "%.15g", c->amount);
    f->in.by_date = c->by_date;
    f->in.evidence_url = c->evidence_url;
}

static const char *
refusal(const struct write_error *we)
{
    const char *x = we->field != NULL ? we->field : "";

    if (strcmp(x, "actor_id") == 0)
        return _("Choose the organisation that commits.");
    if (strcmp(x, "statement_sv") == 0)
        return _("Enter the commitment in Swedish, at most 4,000 characters.");
    if (strcmp(x, "statement_en") == 0)
        return _("Enter the commitment in English in at most 4,000 characters, or leave it "
                 "empty.");
    if (strcmp(x, "indicator_id") == 0)
        return strstr(we->msg, "required")
                   ? _("Choose the indicator the contribution counts toward.")
                   : _("Choose one of the mission's indicators.");
    if (strcmp(x, "amount") == 0)
        return strstr(we->msg, "required")
                   ? _("Enter the contribution in the indicator's unit, or choose no indicator.")
                   : _("Enter a contribution from 0 upwards.");
    if (strcmp(x, "by_date") == 0)
        return _("Enter a date as YYYY-MM-DD, such as 2027-03-31.");
    if (strcmp(x, "evidence_url") == 0)
        return _("Enter an address that starts with http:// or https://.");
    if (strcmp(x, "status") == 0)
        return _("A delivered or withdrawn commitment is closed and cannot be edited.");
    return _("Check this value.");
}

static enum err
form_page(struct req *rq, const char *title, const char *action, const struct commitment_choices *c,
          const struct commitment_form *f, const struct form_errors *fe, bool is_new)
{
    struct html h;

    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, c->m.title_sv, c->m.title_en), "href", url_mission(rq, c->m.slug),
                   "lang", L_lang(rq, c->m.title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    if (is_new)
        form_select(&h, fe, "actor_id", _("Organisation that commits"), NULL, c->actors,
                    c->n_actors, f->actor, _("Choose an organisation"));
    form_textarea(&h, fe, "statement_sv", _("Commitment in Swedish"),
                  _("What the organisation will do toward the mission's goal."), f->in.statement_sv,
                  true, 4);
    form_textarea(&h, fe, "statement_en", _("Commitment in English"), _("Optional."),
                  f->in.statement_en, false, 4);
    html_open(&h, "fieldset", "class", "field", NULL);
    html_elem(&h, "legend", _("Quantified contribution (optional)"));
    html_elem_attr(&h, "p",
                   _("An amount in the indicator's unit that the organisation will add toward "
                     "its target."),
                   "class", "hint", NULL);
    form_select(&h, fe, "indicator_id", _("Indicator"), NULL, c->indicators, c->n_indicators,
                f->indicator, _("None"));
    form_input(&h, fe, "amount", _("Contribution"), _("A number in the indicator's unit."), FT_TEXT,
               f->amount, false, "off");
    html_close(&h, "fieldset");
    form_input(&h, fe, "by_date", _("By date"), _("YYYY-MM-DD. Optional."), FT_DATE, f->in.by_date,
               false, "off");
    form_input(&h, fe, "evidence_url", _("Evidence"),
               _("A link to a decision, a plan or a report. Optional."), FT_URL, f->in.evidence_url,
               false, "url");
    form_submit(&h, is_new ? _("Commit") : _("Save"));
    form_end(&h);
    edit_cancel(&h, is_new ? url_commitments(rq, c->m.slug) : url_mission(rq, c->m.slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The mission of the address, live, and the caller allowed to commit to it (scope: the
 * actor posted, else the first it represents). */
static enum err
new_allowed(struct req *rq, struct db *db, int64_t actor_id, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = mission_get(db, rq->arena, req_str(rq, "slug"), m);
    if (rc)
        return rc;
    scope.mission_id = m->id;
    scope.actor_id = actor_id > 0 ? actor_id : req_first_actor(rq, AUTHZ_COMMITMENT_CREATE, m->id);
    rc = req_allow(rq, AUTHZ_COMMITMENT_CREATE, &scope);
    if (rc)
        return rc;
    return m->archived_at != 0 ? ERR_NOTFOUND : ERR_OK;
}

enum err
page_commitment_new(struct req *rq)
{
    struct commitment_choices c;
    struct commitment_form f;
    struct mission m;
    enum err rc;

    memset(&c, 0, sizeof(c));
    memset(&f, 0, sizeof(f));
    rc = new_allowed(rq, rq->db, 0, &m);
    if (rc == ERR_OK)
        rc = choices_load(rq, rq->db, &m, &c);
    if (rc)
        return rc;
    if (c.n_actors == 1)
        f.actor = c.actors[0].value;
    return form_page(rq, _("Commit to the mission"), url_commitment_new(rq, m.slug), &c, &f, NULL,
                     true);
}

enum err
post_commitment_new(struct req *rq)
{
    struct commitment_choices c;
    struct form_errors fe = {0};
    struct write_error we = {0};
    const struct principal *u;
    struct commitment_form f;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    memset(&c, 0, sizeof(c));
    rc = new_allowed(rq, rq->wdb, id_of(edit_field(rq, "actor_id")), &m);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    form_read(rq, m.id, &f, &fe);
    if (fe.n == 0) {
        f.in.user_id = u->user_id;
        rc = edit_refused(
            commitment_save(rq->wdb, 0, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we), &fe,
            &we, refusal);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &fe)) {
        rc = choices_load(rq, rq->wdb, &m, &c);
        if (rc)
            return rc;
        return form_page(rq, _("Commit to the mission"), url_commitment_new(rq, m.slug), &c, &f,
                         &fe, true);
    }
    return edit_done(rq, url_commitment(rq, id));
}

/* The commitment of the address, the caller allowed to edit it, and still open. */
static enum err
edit_allowed(struct req *rq, struct db *db, struct commitment *out, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = commitment_get(db, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    scope.mission_id = out->mission_id;
    scope.actor_id = out->actor_id;
    rc = req_allow(rq, AUTHZ_COMMITMENT_EDIT, &scope);
    if (rc == ERR_OK)
        rc = mission_get_id(db, rq->arena, out->mission_id, m);
    return rc;
}

enum err
page_commitment_edit(struct req *rq)
{
    struct commitment_choices ch;
    struct commitment_form f;
    struct commitment c;
    struct mission m;
    enum err rc;

    memset(&ch, 0, sizeof(ch));
    rc = edit_allowed(rq, rq->db, &c, &m);
    if (rc == ERR_OK)
        rc = choices_load(rq, rq->db, &m, &ch);
    if (rc)
        return rc;
    form_fill(rq, &c, &f);
    return form_page(rq, _("Edit the commitment"), url_commitment_edit(rq, c.id), &ch, &f, NULL,
                     false);
}

enum err
post_commitment_edit(struct req *rq)
{
    struct commitment_choices ch;
    struct form_errors fe = {0};
    struct write_error we = {0};
    struct commitment_form f;
    struct commitment c;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    memset(&ch, 0, sizeof(ch));
    rc = edit_allowed(rq, rq->wdb, &c, &m);
    if (rc)
        return rc;
    form_read(rq, c.mission_id, &f, &fe);
    f.in.actor_id = c.actor_id; /* not on the edit form: it cannot change */
    if (fe.n == 0) {
        rc = edit_refused(
            commitment_save(rq->wdb, c.id, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we), &fe,
            &we, refusal);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &fe)) {
        rc = choices_load(rq, rq->wdb, &m, &ch);
        if (rc)
            return rc;
        return form_page(rq, _("Edit the commitment"), url_commitment_edit(rq, c.id), &ch, &f, &fe,
                         false);
    }
    return edit_done(rq, url_commitment(rq, c.id));
}

/* ------------------------------------------------------------ other pages' sections */

#define SECTION_COMMITTERS 200 /* committers the mission page names (then: the full list) */

enum err
commitment_mission_section(struct req *rq, struct html *h, const struct mission *m,
                           const struct mission_tree *t)
{
    struct commitment_gap *gaps;
    struct committer *cs;
    const char *sector = NULL, *text;
    int n, i, told = 0;
    enum err rc;

    rc = commitment_committers(rq->db, rq->arena, m->id, SECTION_COMMITTERS, &cs, &n);
    if (rc)
        return rc;
    gaps = arena_alloc(rq->arena, (size_t)(t->n_inds > 0 ? t->n_inds : 1) * sizeof(*gaps));
    rc = commitment_gaps(rq->db, rq->arena, m->id, t->inds, t->n_inds, gaps);
    if (rc)
        return rc;
    html_open(h, "section", "aria-labelledby", "commit-h", NULL);
    html_elem_attr(h, "h2", _("Commitments"), "id", "commit-h", NULL);
    if (n == 0)
        html_elem(h, "p", _("No actor has committed to the mission yet."));
    else
        html_elem(h, "p", _("Who has committed to the mission, by sector:"));
    for (i = 0; i < n; i++) {
        if (sector == NULL || strcmp(sector, cs[i].sector) != 0) {
            if (sector != NULL) {
                html_close(h, "ul");
                html_close(h, "div");
            }
            sector = cs[i].sector;
            html_open(h, "div", "class", "sector-group", NULL);
            html_elem(h, "h3", label_code(&code_actor_sector, sector));
            html_open(h, "ul", NULL);
        }
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", cs[i].actor_name, "href", url_actor(rq, cs[i].actor_id), NULL);
        if (cs[i].n > 1)
            html_printf(
                h, " (%s)",
                arena_printf(rq->arena,
                             ngettext("%d commitment", "%d commitments", (unsigned long)cs[i].n),
                             cs[i].n));
        html_close(h, "li");
    }
    if (sector != NULL) {
        html_close(h, "ul");
        html_close(h, "div");
    }
    for (i = 0; i < t->n_inds; i++) {
        const struct indicator *ind = &t->inds[i];

        /* the mission page tells the gap of the indicators actors have committed to; the
         * list page tells every one */
        if (gaps[i].covered <= 0 && gaps[i].pledged <= 0)
            continue;
        text = gap_text(rq, &gaps[i], ind->decimals, ind->unit_sv, ind->unit_en);
        if (text == NULL)
            continue;
        if (told++ == 0) {
            html_elem(h, "h3", _("The commitment gap"));
            html_open(h, "ul", NULL);
        }
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", L(rq, ind->title_sv, ind->title_en), "href",
                       url_indicator(rq, ind->id), "lang", L_lang(rq, ind->title_en), NULL);
        html_text(h, ": ");
        html_text(h, text);
        html_close(h, "li");
    }
    if (told > 0)
        html_close(h, "ul");
    html_open(h, "ul", "class", "actions", NULL);
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("All commitments and the gap of each indicator"), "href",
                   url_commitments(rq, m->slug), NULL);
    html_close(h, "li");
    if (offers_commit(rq, m)) {
        html_open(h, "li", NULL);
        html_elem_attr(h, "a", _("Commit your organisation"), "href",
                       url_commitment_new(rq, m->slug), NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

#define SECTION_CONTRIBUTIONS 100 /* contributions an indicator page lists */

enum err
commitment_indicator_section(struct req *rq, struct html *h, const struct indicator *ind,
                             const struct mission *m)
{
    struct contribution *cn;
    struct commitment_gap g;
    struct commitment *cs;
    const char *text;
    int n, i, k = 0;
    enum err rc;

    rc = commitment_by_indicator(rq->db, rq->arena, ind->id, SECTION_CONTRIBUTIONS, &cs, &n);
    if (rc)
        return rc;
    cn = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*cn));
    for (i = 0; i < n; i++)
        if (cs[i].has_amount && commitment_state_of(cs[i].status) != CS__MAX)
            cn[k++] = (struct contribution){cs[i].amount, commitment_state_of(cs[i].status)};
    commitment_indicator_gap(ind, cn, k, &g);
    html_open(h, "section", "aria-labelledby", "commit-h", NULL);
    html_elem_attr(h, "h2", _("Commitments"), "id", "commit-h", NULL);
    text = gap_text(rq, &g, ind->decimals, ind->unit_sv, ind->unit_en);
    if (text != NULL)
        html_elem_attr(h, "p", text, "class", "lead", NULL);
    if (n == 0) {
        html_elem(h, "p", _("No actor has committed a contribution to this indicator yet."));
    } else {
        html_open(h, "ul", NULL);
        for (i = 0; i < n; i++) {
            html_open(h, "li", NULL);
            html_elem_attr(h, "a", cs[i].actor_name, "href", url_commitment(rq, cs[i].id), NULL);
            html_text(h, ": ");
            html_text(h,
                      amount_text(rq, cs[i].amount, cs[i].decimals, cs[i].unit_sv, cs[i].unit_en));
            if (cs[i].by_date != NULL) {
                html_text(h, " ");
                html_printf(h, _("by %s"), fmt_date_iso(rq, cs[i].by_date));
            }
            html_text(h, " (");
            html_text(h, label_code(&code_commitment_status, cs[i].status));
            html_text(h, ")");
            html_close(h, "li");
        }
        html_close(h, "ul");
    }
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("All commitments to the mission"), "href",
                   url_commitments(rq, m->slug), NULL);
    html_close(h, "p");
    html_close(h, "section");
    return ERR_OK;
}
