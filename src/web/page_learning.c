/*
 * page_learning.c — testing our way forward in the browser: a mission's learning log
 * (/missions/{slug}/learning: its entries, the latest decision first, each with its
 * decision, date, author and the initiatives and objectives it concerns; then the
 * portfolio reviews with their date, who took part and what was decided), one entry
 * (/learning/{id}), and the forms of an entry (new, edit) and of a review (new, edit).
 *
 * What is not public is shown to the mission's coordinators and admins alone, through
 * req_offers: a visitor's page reads nothing of who asks and stays the shared, cached
 * copy; to anyone else a non-public entry is not there (404). Who may write (authz.h):
 * admins and the mission's coordinators; the scope is the mission of the address or of
 * the stored entry or review.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/initiative.h"
#include "domain/learning.h"
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

#define ENTRIES_PER_PAGE 20
#define FORM_INITIATIVES 1000 /* initiatives an entry's form offers (the mission's, live) */

static const char *
id_text(struct req *rq, int64_t id)
{
    return id > 0 ? arena_printf(rq->arena, "%lld", (long long)id) : "";
}

static int64_t
id_of(const char *s)
{
    int64_t v = 0;

    return str_to_i64(s, &v) == ERR_OK && v > 0 ? v : 0;
}

/* Whether who asks sees what of mission_id is not public (and may write it). */
static bool
sees_all(struct req *rq, int64_t mission_id)
{
    struct authz_scope scope = {.mission_id = mission_id};

    return req_offers(rq, AUTHZ_LEARNING_EDIT, &scope);
}

/* ------------------------------------------------------------ the log */

static void
decision_badge(struct req *rq, struct html *h, const char *decision)
{
    html_elem_attr(h, "span", label_code(&code_learning_decision, decision), "class",
                   arena_printf(rq->arena, "badge decision-%s", decision), NULL);
}

/* A text with its label, when there is one to show. */
static void
labelled(struct req *rq, struct html *h, const char *label, const char *sv, const char *en)
{
    const char *t = L(rq, sv, en);

    if (str_empty(t))
        return;
    html_elem(h, "dt", label);
    html_open(h, "dd", "lang", L_lang(rq, en), NULL);
    html_text(h, t);
    html_close(h, "dd");
}

static void
entry_links(struct req *rq, struct html *h, const struct learning_entry *e)
{
    int i;

    if (e->n_initiatives > 0) {
        html_elem(h, "dt", _("Initiatives"));
        html_open(h, "dd", NULL);
        html_open(h, "ul", NULL);
        for (i = 0; i < e->n_initiatives; i++) {
            const struct learning_link *l = &e->initiatives[i];

            html_open(h, "li", NULL);
            html_elem_attr(h, "a", L(rq, l->title_sv, l->title_en), "href",
                           url_initiative(rq, l->id), "lang", L_lang(rq, l->title_en), NULL);
            html_close(h, "li");
        }
        html_close(h, "ul");
        html_close(h, "dd");
    }
    if (e->n_objectives > 0) {
        html_elem(h, "dt", _("Objectives"));
        html_open(h, "dd", NULL);
        html_open(h, "ul", NULL);
        for (i = 0; i < e->n_objectives; i++) {
            const struct learning_link *l = &e->objectives[i];

            html_open(h, "li", "lang", L_lang(rq, l->title_en), NULL);
            html_text(h, L(rq, l->title_sv, l->title_en));
            html_close(h, "li");
        }
        html_close(h, "ul");
        html_close(h, "dd");
    }
}

/* The line under an entry's or a review's heading: its badge (entries), date, author and
 * whether it is public. */
static void
byline(struct req *rq, struct html *h, const char *decision, const char *date, const char *by,
       bool is_public)
{
    html_open(h, "p", "class", "byline", NULL);
    if (decision != NULL) {
        decision_badge(rq, h, decision);
        html_text(h, " ");
    }
    html_text(h, fmt_date_iso(rq, date));
    if (by != NULL) {
        html_text(h, " – ");
        html_printf(h, _("written by %s"), by);
    }
    if (!is_public) {
        html_text(h, " – ");
        html_elem_attr(h, "strong", _("Not public"), "class", "not-public", NULL);
    }
    html_close(h, "p");
}

/* One entry: in the log (heading level h3, linked) or on its own page (the facts only). */
static void
entry_view(struct req *rq, struct html *h, const struct learning_entry *e, bool in_log)
{
    if (in_log) {
        html_open(h, "article", "class", "learning-entry", NULL);
        html_open(h, "h3", "lang", L_lang(rq, e->hypothesis_en), NULL);
        html_elem_attr(h, "a", L(rq, e->hypothesis_sv, e->hypothesis_en), "href",
                       url_learning_entry(rq, e->id), NULL);
        html_close(h, "h3");
    }
    byline(rq, h, e->decision, e->decided_on, e->by, e->is_public);
    html_open(h, "dl", "class", "facts", NULL);
    if (!in_log)
        labelled(rq, h, _("Hypothesis"), e->hypothesis_sv, e->hypothesis_en);
    labelled(rq, h, _("What was done"), e->done_sv, e->done_en);
    labelled(rq, h, _("What was learned"), e->learned_sv, e->learned_en);
    html_elem(h, "dt", _("Decision"));
    html_elem(h, "dd", label_code(&code_learning_decision, e->decision));
    entry_links(rq, h, e);
    html_close(h, "dl");
    if (in_log)
        html_close(h, "article");
}

static void
review_view(struct req *rq, struct html *h, const struct portfolio_review *r, bool may_edit)
{
    int i;

    html_open(h, "article", "class", "portfolio-review", NULL);
    html_elem(h, "h3",
              arena_printf(rq->arena, _("Portfolio review, %s"), fmt_date_iso(rq, r->held_on)));
    byline(rq, h, NULL, r->held_on, r->by, r->is_public);
    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Taking part"));
    html_open(h, "dd", NULL);
    if (r->n_people == 0) {
        html_text(h, _("Not recorded"));
    } else {
        html_open(h, "ul", NULL);
        for (i = 0; i < r->n_people; i++) {
            html_open(h, "li", NULL);
            html_elem_attr(h, "a", r->people[i].name, "href", url_person(rq, r->people[i].id),
                           NULL);
            html_close(h, "li");
        }
        html_close(h, "ul");
    }
    html_close(h, "dd");
    labelled(rq, h, _("Decisions"), r->decisions_sv, r->decisions_en);
    html_close(h, "dl");
    if (may_edit) {
        html_open(h, "p", NULL);
        html_elem_attr(h, "a", _("Edit the review"), "href", url_review_edit(rq, r->id), NULL);
        html_close(h, "p");
    }
    html_close(h, "article");
}

enum err
page_learning(struct req *rq)
{
    struct authz_scope scope = {0};
    struct portfolio_review *rs;
    struct learning_entry *es;
    struct mission m;
    struct pager p;
    struct html h;
    const char *title;
    bool all, may_review;
    int n, n_reviews, i;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    req_shows_mission(rq, m.id);
    scope.mission_id = m.id;
    all = sees_all(rq, m.id);
    may_review = all && req_offers(rq, AUTHZ_REVIEW_EDIT, &scope);
    pager_read(rq, &p, ENTRIES_PER_PAGE);
    rc = learning_list(rq->db, rq->arena, m.id, all, &p.pg, &es, &n, &p.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &p);
    if (rc == ERR_OK)
        rc = review_list(rq->db, rq->arena, m.id, all, REVIEW_LIST_MAX, &rs, &n_reviews);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Learning log of %s"), L(rq, m.title_sv, m.title_en));
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p",
              _("The mission tests its way forward: each entry is a hypothesis tested, what was "
                "done, what was learned and the decision taken – to scale up, to adjust or to "
                "stop. Portfolio reviews look at the mission's initiatives together."));
    if (m.archived_at == 0 && req_offers(rq, AUTHZ_LEARNING_CREATE, &scope)) {
        if (req_offers(rq, AUTHZ_REVIEW_CREATE, &scope))
            regform_actions(&h, _("Add an entry"), url_learning_new(rq, m.slug),
                            _("Record a portfolio review"), url_review_new(rq, m.slug), NULL);
        else
            regform_actions(&h, _("Add an entry"), url_learning_new(rq, m.slug), NULL);
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Back to the mission"), "href", url_mission(rq, m.slug), NULL);
    html_close(&h, "p");
    html_open(&h, "section", "aria-labelledby", "entries-h", NULL);
    html_elem_attr(&h, "h2", _("Hypotheses tested"), "id", "entries-h", NULL);
    if (n == 0)
        html_elem(&h, "p", _("No entries yet."));
    for (i = 0; i < n; i++)
        entry_view(rq, &h, &es[i], true);
    layout_pager(rq, &h, p.page, p.pages,
                 p.page > 1 ? url_learning_page(rq, m.slug, p.page - 1) : NULL,
                 p.page < p.pages ? url_learning_page(rq, m.slug, p.page + 1) : NULL);
    html_close(&h, "section");
    html_open(&h, "section", "aria-labelledby", "reviews-h", NULL);
    html_elem_attr(&h, "h2", _("Portfolio reviews"), "id", "reviews-h", NULL);
    if (n_reviews == 0)
        html_elem(&h, "p", _("No portfolio reviews yet."));
    for (i = 0; i < n_reviews; i++)
        review_view(rq, &h, &rs[i], may_review);
    html_close(&h, "section");
    return layout_end_for(rq, &h, NULL, 0, m.id, m.owner_name);
}

enum err
page_learning_entry(struct req *rq)
{
    struct learning_entry e;
    struct html h;
    bool all;
    enum err rc;

    rc = learning_get(rq->db, rq->arena, req_int(rq, "id", 0), &e);
    if (rc)
        return rc;
    req_shows_mission(rq, e.mission_id);
    all = sees_all(rq, e.mission_id);
    if (!e.is_public && !all)
        return ERR_NOTFOUND;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, L(rq, e.hypothesis_sv, e.hypothesis_en));
    html_elem_attr(&h, "h1", L(rq, e.hypothesis_sv, e.hypothesis_en), "lang",
                   L_lang(rq, e.hypothesis_en), NULL);
    if (all)
        regform_actions(&h, _("Edit the entry"), url_learning_edit(rq, e.id), NULL);
    if (e.is_demo)
        layout_demo_note(rq, &h);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, e.mission_title_sv, e.mission_title_en), "href",
                   url_mission(rq, e.mission_slug), "lang", L_lang(rq, e.mission_title_en), NULL);
    html_close(&h, "p");
    entry_view(rq, &h, &e, false);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("The mission's whole learning log"), "href",
                   url_learning(rq, e.mission_slug), NULL);
    html_close(&h, "p");
    return layout_end_for(rq, &h, "learning_entry", e.id, e.mission_id, NULL);
}

/* ------------------------------------------------------------ the entry forms */

struct entry_form {
    struct learning_new in;
    const char **initiatives, **objectives; /* as posted */
    int n_initiatives, n_objectives;
};

struct entry_choices {
    struct mission m;
    struct form_option *initiatives, *objectives;
    int n_initiatives, n_objectives;
};

static enum err
entry_choices_load(struct req *rq, struct db *db, const struct mission *m, struct entry_choices *c)
{
    struct initiative_filter f = {.mission_id = m->id};
    struct page pg = {FORM_INITIATIVES, 0};
    struct initiative *xs;
    int64_t total;
    int n, i;
    enum err rc;

    memset(c, 0, sizeof(*c));
    c->m = *m;
    rc = initiative_list(db, rq->arena, &f, &pg, &xs, &n, &total);
    if (rc)
        return rc;
    c->initiatives = arena_alloc(rq->arena, (size_t)(n > 0 ? n : 1) * sizeof(*c->initiatives));
    for (i = 0; i < n; i++)
        c->initiatives[c->n_initiatives++] =
            (struct form_option){id_text(rq, xs[i].id), L(rq, xs[i].title_sv, xs[i].title_en)};
    c->objectives = edit_objectives(rq, m->id, 0, &c->n_objectives);
    return ERR_OK;
}

/* The posted ids of name into *out (the texts kept in *texts for the form again). */
static void
posted_ids(struct req *rq, const char *name, const char ***texts, int *n_texts, const int64_t **out,
           int *out_n)
{
    int64_t *ids;
    int i;

    *texts = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(**texts));
    *n_texts = rq->form ? form_get_all(rq->form, name, *texts, WRITE_MAX_ITEMS + 1) : 0;
    ids = arena_alloc(rq->arena, (size_t)(*n_texts + 1) * sizeof(*ids));
    for (i = 0; i < *n_texts; i++)
        ids[i] = id_of((*texts)[i]);
    *out = ids;
    *out_n = *n_texts;
}

static void
entry_read(struct req *rq, int64_t mission_id, struct entry_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->in.decided_on = edit_field(rq, "decided_on");
    f->in.hypothesis_sv = edit_field(rq, "hypothesis_sv");
    f->in.hypothesis_en = edit_field(rq, "hypothesis_en");
    f->in.done_sv = edit_field(rq, "done_sv");
    f->in.done_en = edit_field(rq, "done_en");
    f->in.learned_sv = edit_field(rq, "learned_sv");
    f->in.learned_en = edit_field(rq, "learned_en");
    f->in.decision = edit_field(rq, "decision");
    f->in.is_public = strcmp(edit_field(rq, "is_public"), "1") == 0;
    posted_ids(rq, "initiative_ids", &f->initiatives, &f->n_initiatives, &f->in.initiative_ids,
               &f->in.n_initiatives);
    posted_ids(rq, "objective_ids", &f->objectives, &f->n_objectives, &f->in.objective_ids,
               &f->in.n_objectives);
}

static void
entry_fill(struct req *rq, const struct learning_entry *e, struct entry_form *f)
{
    int i;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = e->mission_id;
    f->in.decided_on = e->decided_on;
    f->in.hypothesis_sv = e->hypothesis_sv;
    f->in.hypothesis_en = e->hypothesis_en;
    f->in.done_sv = e->done_sv;
    f->in.done_en = e->done_en;
    f->in.learned_sv = e->learned_sv;
    f->in.learned_en = e->learned_en;
    f->in.decision = e->decision;
    f->in.is_public = e->is_public;
    f->initiatives = arena_alloc(rq->arena, (size_t)(e->n_initiatives + 1) * sizeof(char *));
    f->objectives = arena_alloc(rq->arena, (size_t)(e->n_objectives + 1) * sizeof(char *));
    for (i = 0; i < e->n_initiatives; i++)
        f->initiatives[f->n_initiatives++] = id_text(rq, e->initiatives[i].id);
    for (i = 0; i < e->n_objectives; i++)
        f->objectives[f->n_objectives++] = id_text(rq, e->objectives[i].id);
}

static const char *
entry_refusal(const struct write_error *we)
{
    const char *x = we->field != NULL ? we->field : "";

    if (strcmp(x, "decided_on") == 0)
        return _("Enter the date of the decision as YYYY-MM-DD, such as 2026-03-31.");
    if (strcmp(x, "hypothesis_sv") == 0)
        return _("Enter the hypothesis in Swedish, at most 4,000 characters.");
    if (strncmp(x, "hypothesis_", 11) == 0 || strncmp(x, "done_", 5) == 0 ||
        strncmp(x, "learned_", 8) == 0)
        return _("Enter at most 4,000 characters, or leave it empty.");
    if (strcmp(x, "decision") == 0)
        return _("Choose the decision: scale up, adjust or stop.");
    if (strcmp(x, "initiative_ids") == 0)
        return _("Choose initiatives of this mission, each once.");
    if (strcmp(x, "objective_ids") == 0)
        return _("Choose objectives of this mission, each once.");
    return _("Check this value.");
}

static enum err
entry_form_page(struct req *rq, const char *title, const char *action,
                const struct entry_choices *c, const struct entry_form *f,
                const struct form_errors *fe, const char *cancel)
{
    const struct form_option *decisions = edit_codes(rq, &code_learning_decision);
    struct html h;

    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, c->m.title_sv, c->m.title_en), "href", url_mission(rq, c->m.slug),
                   "lang", L_lang(rq, c->m.title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    form_textarea(&h, fe, "hypothesis_sv", _("Hypothesis in Swedish"),
                  _("What the mission believed and set out to test."), f->in.hypothesis_sv, true,
                  3);
    form_textarea(&h, fe, "hypothesis_en", _("Hypothesis in English"), _("Optional."),
                  f->in.hypothesis_en, false, 3);
    form_textarea(&h, fe, "done_sv", _("What was done, in Swedish"), _("Optional."), f->in.done_sv,
                  false, 4);
    form_textarea(&h, fe, "done_en", _("What was done, in English"), _("Optional."), f->in.done_en,
                  false, 4);
    form_textarea(&h, fe, "learned_sv", _("What was learned, in Swedish"), _("Optional."),
                  f->in.learned_sv, false, 4);
    form_textarea(&h, fe, "learned_en", _("What was learned, in English"), _("Optional."),
                  f->in.learned_en, false, 4);
    form_select(&h, fe, "decision", _("Decision"), NULL, decisions, code_learning_decision.n,
                f->in.decision, _("Choose a decision"));
    form_input(&h, fe, "decided_on", _("Decided on"), _("YYYY-MM-DD."), FT_DATE, f->in.decided_on,
               true, "off");
    form_checkboxes(&h, fe, "initiative_ids", _("Initiatives it concerns"), c->initiatives,
                    c->n_initiatives, f->initiatives, f->n_initiatives);
    form_checkboxes(&h, fe, "objective_ids", _("Objectives it concerns"), c->objectives,
                    c->n_objectives, f->objectives, f->n_objectives);
    form_flag(&h, "is_public", _("Public"),
              _("Shown on the mission's public pages. Otherwise only the mission's coordinators "
                "see it."),
              f->in.is_public);
    form_submit(&h, _("Save"));
    form_end(&h);
    edit_cancel(&h, cancel);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The mission of the address, live, the caller allowed action on it. */
static enum err
mission_allowed(struct req *rq, enum authz_action action, struct mission *m)
{
    enum err rc = edit_mission_allowed(rq, action, m);

    if (rc == ERR_OK && m->archived_at != 0)
        rc = ERR_NOTFOUND;
    return rc;
}

enum err
page_learning_new(struct req *rq)
{
    struct entry_choices c;
    struct entry_form f;
    struct mission m;
    enum err rc;

    memset(&f, 0, sizeof(f));
    rc = mission_allowed(rq, AUTHZ_LEARNING_CREATE, &m);
    if (rc == ERR_OK)
        rc = entry_choices_load(rq, rq->db, &m, &c);
    if (rc)
        return rc;
    return entry_form_page(rq, _("Add a learning log entry"), url_learning_new(rq, m.slug), &c, &f,
                           NULL, url_learning(rq, m.slug));
}

enum err
post_learning_new(struct req *rq)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const struct principal *u;
    struct entry_choices c;
    struct entry_form f;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    rc = mission_allowed(rq, AUTHZ_LEARNING_CREATE, &m);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    entry_read(rq, m.id, &f);
    f.in.user_id = u->user_id;
    rc = edit_refused(learning_save(rq->wdb, 0, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we),
                      &fe, &we, entry_refusal);
    if (rc)
        return rc;
    if (edit_failed(rq, &fe)) {
        rc = entry_choices_load(rq, rq->wdb, &m, &c);
        if (rc)
            return rc;
        return entry_form_page(rq, _("Add a learning log entry"), url_learning_new(rq, m.slug), &c,
                               &f, &fe, url_learning(rq, m.slug));
    }
    return edit_done(rq, url_learning_entry(rq, id));
}

/* The entry of the address, the caller allowed to edit it, and its mission. */
static enum err
entry_allowed(struct req *rq, struct db *db, struct learning_entry *e, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = learning_get(db, rq->arena, req_int(rq, "id", 0), e);
    if (rc)
        return rc;
    /* one who may not read it is told it is not there, as its page and the API tell them */
    if (!e->is_public && !sees_all(rq, e->mission_id))
        return ERR_NOTFOUND;
    scope.mission_id = e->mission_id;
    rc = req_allow(rq, AUTHZ_LEARNING_EDIT, &scope);
    if (rc == ERR_OK)
        rc = mission_get_id(db, rq->arena, e->mission_id, m);
    return rc;
}

enum err
page_learning_edit(struct req *rq)
{
    struct learning_entry e;
    struct entry_choices c;
    struct entry_form f;
    struct mission m;
    enum err rc;

    rc = entry_allowed(rq, rq->db, &e, &m);
    if (rc == ERR_OK)
        rc = entry_choices_load(rq, rq->db, &m, &c);
    if (rc)
        return rc;
    entry_fill(rq, &e, &f);
    return entry_form_page(rq, _("Edit the learning log entry"), url_learning_edit(rq, e.id), &c,
                           &f, NULL, url_learning_entry(rq, e.id));
}

enum err
post_learning_edit(struct req *rq)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    struct learning_entry e;
    struct entry_choices c;
    struct entry_form f;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    rc = entry_allowed(rq, rq->wdb, &e, &m);
    if (rc)
        return rc;
    entry_read(rq, e.mission_id, &f);
    rc = edit_refused(
        learning_save(rq->wdb, e.id, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we), &fe, &we,
        entry_refusal);
    if (rc)
        return rc;
    if (edit_failed(rq, &fe)) {
        rc = entry_choices_load(rq, rq->wdb, &m, &c);
        if (rc)
            return rc;
        return entry_form_page(rq, _("Edit the learning log entry"), url_learning_edit(rq, e.id),
                               &c, &f, &fe, url_learning_entry(rq, e.id));
    }
    return edit_done(rq, url_learning_entry(rq, e.id));
}

/* ------------------------------------------------------------ the review forms */

struct review_form {
    struct review_new in;
    const char **people; /* as posted */
    int n_people;
};

static const char *
review_refusal(const struct write_error *we)
{
    const char *x = we->field != NULL ? we->field : "";

    if (strcmp(x, "held_on") == 0)
        return _("Enter the date of the review as YYYY-MM-DD, such as 2026-03-31.");
    if (strncmp(x, "decisions_", 10) == 0)
        return _("Enter at most 4,000 characters, or leave it empty.");
    if (strcmp(x, "person_ids") == 0)
        return _("Choose people of the registry, each once.");
    return _("Check this value.");
}

static void
review_read(struct req *rq, int64_t mission_id, struct review_form *f)
{
    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->in.held_on = edit_field(rq, "held_on");
    f->in.decisions_sv = edit_field(rq, "decisions_sv");
    f->in.decisions_en = edit_field(rq, "decisions_en");
    f->in.is_public = strcmp(edit_field(rq, "is_public"), "1") == 0;
    posted_ids(rq, "person_ids", &f->people, &f->n_people, &f->in.person_ids, &f->in.n_people);
}

static enum err
review_form_page(struct req *rq, const char *title, const char *action, const struct mission *m,
                 const struct review_form *f, const struct form_errors *fe)
{
    struct form_option *people;
    struct html h;
    int n_people;

    people = edit_people(rq, &n_people);
    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   "lang", L_lang(rq, m->title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    form_input(&h, fe, "held_on", _("Held on"), _("YYYY-MM-DD."), FT_DATE, f->in.held_on, true,
               "off");
    form_checkboxes(&h, fe, "person_ids", _("Taking part"), people, n_people, f->people,
                    f->n_people);
    form_textarea(&h, fe, "decisions_sv", _("Decisions, in Swedish"),
                  _("What the review decided about the portfolio."), f->in.decisions_sv, false, 5);
    form_textarea(&h, fe, "decisions_en", _("Decisions, in English"), _("Optional."),
                  f->in.decisions_en, false, 5);
    form_flag(&h, "is_public", _("Public"),
              _("Shown on the mission's public pages. Otherwise only the mission's coordinators "
                "see it."),
              f->in.is_public);
    form_submit(&h, _("Save"));
    form_end(&h);
    edit_cancel(&h, url_learning(rq, m->slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_review_new(struct req *rq)
{
    struct review_form f;
    struct mission m;
    enum err rc;

    memset(&f, 0, sizeof(f));
    rc = mission_allowed(rq, AUTHZ_REVIEW_CREATE, &m);
    if (rc)
        return rc;
    return review_form_page(rq, _("Record a portfolio review"), url_review_new(rq, m.slug), &m, &f,
                            NULL);
}

enum err
post_review_new(struct req *rq)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    const struct principal *u;
    struct review_form f;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    rc = mission_allowed(rq, AUTHZ_REVIEW_CREATE, &m);
    if (rc == ERR_OK)
        rc = req_principal(rq, &u);
    if (rc)
        return rc;
    review_read(rq, m.id, &f);
    f.in.user_id = u->user_id;
    rc = edit_refused(review_save(rq->wdb, 0, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we),
                      &fe, &we, review_refusal);
    if (rc)
        return rc;
    if (edit_failed(rq, &fe))
        return review_form_page(rq, _("Record a portfolio review"), url_review_new(rq, m.slug), &m,
                                &f, &fe);
    return edit_done(rq, url_learning(rq, m.slug));
}

/* The review of the address, the caller allowed to edit it, and its mission. */
static enum err
review_allowed(struct req *rq, struct db *db, struct portfolio_review *r, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = review_get(db, rq->arena, req_int(rq, "id", 0), r);
    if (rc)
        return rc;
    if (!r->is_public && !sees_all(rq, r->mission_id))
        return ERR_NOTFOUND;
    scope.mission_id = r->mission_id;
    rc = req_allow(rq, AUTHZ_REVIEW_EDIT, &scope);
    if (rc == ERR_OK)
        rc = mission_get_id(db, rq->arena, r->mission_id, m);
    return rc;
}

enum err
page_review_edit(struct req *rq)
{
    struct portfolio_review r;
    struct review_form f;
    struct mission m;
    enum err rc;
    int i;

    rc = review_allowed(rq, rq->db, &r, &m);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    f.in.held_on = r.held_on;
    f.in.decisions_sv = r.decisions_sv;
    f.in.decisions_en = r.decisions_en;
    f.in.is_public = r.is_public;
    f.people = arena_alloc(rq->arena, (size_t)(r.n_people + 1) * sizeof(*f.people));
    for (i = 0; i < r.n_people; i++)
        f.people[f.n_people++] = id_text(rq, r.people[i].id);
    return review_form_page(rq, _("Edit the portfolio review"), url_review_edit(rq, r.id), &m, &f,
                            NULL);
}

enum err
post_review_edit(struct req *rq)
{
    struct form_errors fe = {0};
    struct write_error we = {0};
    struct portfolio_review r;
    struct review_form f;
    struct mission m;
    int64_t id = 0;
    enum err rc;

    rc = review_allowed(rq, rq->wdb, &r, &m);
    if (rc)
        return rc;
    review_read(rq, r.mission_id, &f);
    rc =
        edit_refused(review_save(rq->wdb, r.id, &f.in, edit_who(rq), (int64_t)time(NULL), &id, &we),
                     &fe, &we, review_refusal);
    if (rc)
        return rc;
    if (edit_failed(rq, &fe))
        return review_form_page(rq, _("Edit the portfolio review"), url_review_edit(rq, r.id), &m,
                                &f, &fe);
    return edit_done(rq, url_learning(rq, m.slug));
}
