/*
 * page_proposal.c — bottom-up proposals in the browser (domain/proposal.h): an actor's
 * representative proposes an initiative to a mission (/missions/{slug}/propose), follows
 * it and its comments (/account/proposals) and edits and sends it again when changes are
 * asked for (/initiatives/{id}/resubmit); the mission's coordinators and admins work
 * through the review queue (/missions/{slug}/review): ask for changes with a comment, or
 * accept or decline (with a reason) after a confirmation page, since both end the
 * proposal.
 *
 * Every handler finds the mission or proposal from its path, builds the authorization
 * scope from what is stored (the proposal's mission, lead actor and proposer; for a new
 * proposal, the lead actor the form names, which the table checks the caller represents)
 * and asks req_allow before it answers. Nothing here is public: every page is personal.
 * The e-mails' words are made here, translated in the language of the request.
 *
 * Never: show a proposer's address or a comment to anyone but the proposer and the
 * mission's reviewers; take the mission, the state or the proposer from a form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/str.h"
#include "domain/actor.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/initiative.h"
#include "domain/mission.h"
#include "domain/proposal.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

#define PROPOSAL_PARTS    4   /* participant rows on the form (besides the lead) */
#define PROPOSAL_ACTORS   500 /* actors a participant select offers, by name */
#define QUEUE_PER_PAGE    10
#define MINE_PER_PAGE     20
#define SUBJECT_TITLE_MAX 100 /* bytes of a title in an e-mail subject */

static const char *
opt(const char *s)
{
    return s != NULL && *s != '\0' ? s : NULL;
}

static char *
i64s(struct req *rq, int64_t v)
{
    return arena_printf(rq->arena, "%lld", (long long)v);
}

/* A whole decimal number of at most 15 digits (a budget, an id), or -1. */
static int64_t
parse_count(const char *s)
{
    int64_t v = 0;
    int n = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s == ' ')
            continue; /* "250 000" as Swedes write it */
        if (*s < '0' || *s > '9' || ++n > 15)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* ------------------------------------------------------------------ the form's values */

/* What the proposal form shows: as entered, or as stored. */
struct pform {
    const char *title_sv, *title_en, *summary_sv, *summary_en;
    const char *start_date, *end_date, *budget, *sdg;
    const char *lead;
    const char **objectives; /* ids as text, checked */
    int n_objectives;
    const char *part_actor[PROPOSAL_PARTS], *part_role[PROPOSAL_PARTS];
};

static void
pform_from_request(struct req *rq, struct pform *f)
{
    int i;

    memset(f, 0, sizeof(*f));
    f->title_sv = edit_field(rq, "title_sv");
    f->title_en = edit_field(rq, "title_en");
    f->summary_sv = edit_field(rq, "summary_sv");
    f->summary_en = edit_field(rq, "summary_en");
    f->start_date = edit_field(rq, "start_date");
    f->end_date = edit_field(rq, "end_date");
    f->budget = edit_field(rq, "budget");
    f->sdg = edit_field(rq, "sdg_targets");
    f->lead = edit_field(rq, "lead");
    f->objectives = arena_alloc(rq->arena, WRITE_MAX_ITEMS * sizeof(*f->objectives));
    f->n_objectives =
        rq->form ? form_get_all(rq->form, "objectives", f->objectives, WRITE_MAX_ITEMS) : 0;
    for (i = 0; i < PROPOSAL_PARTS; i++) {
        f->part_actor[i] = edit_field(rq, arena_printf(rq->arena, "part_actor_%d", i + 1));
        f->part_role[i] = edit_field(rq, arena_printf(rq->arena, "part_role_%d", i + 1));
    }
}

static void
pform_from_initiative(struct req *rq, const struct initiative *n, struct pform *f)
{
    struct buf b;
    int i, k = 0;

    memset(f, 0, sizeof(*f));
    f->title_sv = n->title_sv;
    f->title_en = n->title_en;
    f->summary_sv = n->summary_sv;
    f->summary_en = n->summary_en;
    f->start_date = n->start_date;
    f->end_date = n->end_date;
    f->budget = n->has_budget ? i64s(rq, n->budget_sek) : "";
    f->lead = i64s(rq, n->lead_actor_id);
    f->objectives = arena_alloc(rq->arena, (size_t)(n->n_objectives + 1) * sizeof(char *));
    for (i = 0; i < n->n_objectives; i++)
        f->objectives[i] = i64s(rq, n->objective_ids[i]);
    f->n_objectives = n->n_objectives;
    for (i = 0; i < n->n_actors && k < PROPOSAL_PARTS; i++) {
        if (n->actors[i].actor_id == n->lead_actor_id && strcmp(n->actors[i].role, "lead") == 0)
            continue;
        f->part_actor[k] = i64s(rq, n->actors[i].actor_id);
        f->part_role[k] = n->actors[i].role;
        k++;
    }
    buf_init(&b, 0);
    for (i = 0; i < n->n_sdg_targets; i++) {
        if (i > 0)
            buf_adds(&b, ", ");
        buf_adds(&b, n->sdg_targets[i]);
    }
    f->sdg = arena_strndup(rq->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
}

/*
 * The form's values as an initiative_new for mission_id; a value that cannot be read at
 * all (a budget in words, an unknown participant row) is an error of its field in e. The
 * domain checks the rest.
 */
static void
pform_to_new(struct req *rq, const struct pform *f, int64_t mission_id, struct initiative_new *in,
             struct form_errors *e)
{
    struct initiative_part *parts;
    int64_t *objectives, v;
    const char **targets;
    char *sdg, *tok, *save = NULL;
    int i, n;

    memset(in, 0, sizeof(*in));
    in->mission_id = mission_id;
    in->title_sv = f->title_sv;
    in->title_en = opt(f->title_en);
    in->summary_sv = opt(f->summary_sv);
    in->summary_en = opt(f->summary_en);
    in->start_date = opt(f->start_date);
    in->end_date = opt(f->end_date);
    in->lead_actor_id = parse_count(f->lead) > 0 ? parse_count(f->lead) : 0;
    if (!str_empty(f->budget)) {
        v = parse_count(f->budget);
        if (v < 0)
            form_error(e, "budget",
                       _("Enter the budget in whole kronor, digits only, such as 250000."));
        in->has_budget = v >= 0;
        in->budget_sek = v;
    }
    objectives = arena_alloc(rq->arena, WRITE_MAX_ITEMS * sizeof(*objectives));
    for (i = 0, n = 0; i < f->n_objectives && n < WRITE_MAX_ITEMS; i++) {
        v = parse_count(f->objectives[i]);
        if (v <= 0) {
            form_error(e, "objectives", _("Choose objectives of this mission."));
            continue;
        }
        objectives[n++] = v;
    }
    in->objective_ids = objectives;
    in->n_objectives = n;

    parts = arena_alloc(rq->arena, PROPOSAL_PARTS * sizeof(*parts));
    for (i = 0, n = 0; i < PROPOSAL_PARTS; i++) {
        const char *name = arena_printf(rq->arena, "part_actor_%d", i + 1);

        if (str_empty(f->part_actor[i]))
            continue;
        v = parse_count(f->part_actor[i]);
        if (v <= 0 || str_empty(f->part_role[i]) ||
            !code_is(&code_initiative_role, f->part_role[i]) ||
            strcmp(f->part_role[i], "lead") == 0) {
            form_error(e, name,
                       _("Choose an actor and its role (partner, funder or co-financier)."));
            continue;
        }
        parts[n].actor_id = v;
        parts[n].role = f->part_role[i];
        n++;
    }
    /* the lead takes part as lead, as the top-down initiatives list theirs */
    if (in->lead_actor_id > 0) {
        struct initiative_part *all = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof(*all));

        all[0].actor_id = in->lead_actor_id;
        all[0].role = "lead";
        memcpy(all + 1, parts, (size_t)n * sizeof(*parts));
        parts = all;
        n++;
    }
    in->parts = parts;
    in->n_parts = n;

    targets = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*targets));
    sdg = arena_strdup(rq->arena, f->sdg != NULL ? f->sdg : "");
    n = 0;
    for (tok = strtok_r(sdg, ", \t\r\n", &save); tok != NULL;
         tok = strtok_r(NULL, ", \t\r\n", &save)) {
        if (n == WRITE_MAX_ITEMS) {
            form_error(e, "sdg_targets", _("Name at most 64 SDG targets."));
            break;
        }
        targets[n++] = tok;
    }
    in->sdg_targets = targets;
    in->n_sdg_targets = n;
}

/* The form field a domain refusal names, and what to tell the person filling it in. */
static void
refusal_to_form(struct req *rq, const struct write_error *we, struct form_errors *e)
{
    const char *f = we->field != NULL ? we->field : "";

    if (strcmp(f, "title_sv") == 0)
        form_error(e, "title_sv", _("Enter a title of at most 300 characters, on one line."));
    else if (strcmp(f, "title_en") == 0)
        form_error(e, "title_en", _("Enter an English title of at most 300 characters, or none."));
    else if (strcmp(f, "summary_sv") == 0)
        form_error(e, "summary_sv", _("Enter a description of at most 20000 characters."));
    else if (strcmp(f, "summary_en") == 0)
        form_error(e, "summary_en", _("Enter an English description of at most 20000 characters."));
    else if (strcmp(f, "start_date") == 0)
        form_error(e, "start_date", _("Enter the start as a date, such as 2026-01-31."));
    else if (strcmp(f, "end_date") == 0)
        form_error(e, "end_date",
                   _("Enter the end as a date, such as 2027-12-31, not before the start."));
    else if (strcmp(f, "budget_sek") == 0)
        form_error(e, "budget",
                   _("Enter the budget in whole kronor, digits only, such as 250000."));
    else if (strcmp(f, "objective_ids") == 0)
        form_error(e, "objectives", _("Choose objectives of this mission."));
    else if (strcmp(f, "sdg_targets") == 0)
        form_error(e, "sdg_targets",
                   _("Name SDG targets by their numbers, such as 2.1, 12.3, each once."));
    else if (strcmp(f, "parts") == 0)
        form_error(e, we->item >= 1 ? arena_printf(rq->arena, "part_actor_%d", we->item) : "lead",
                   _("Name each actor once: the lead, and each participant with its role."));
    else if (strcmp(f, "comment") == 0)
        form_error(e, "comment", _("Write the comment: at most 4000 characters."));
    else
        form_error(e, "lead", _("Choose the actor you propose for."));
}

/* ------------------------------------------------------------------ the form's writers */

static void
field_error_p(struct html *h, const char *id, const char *err)
{
    html_open(h, "p", "class", "field-error", "id", arena_printf(h->a, "%s-error", id), NULL);
    html_elem_attr(h, "span", _("Error:"), "class", "visually-hidden", NULL);
    html_text(h, " ");
    html_text(h, err);
    html_close(h, "p");
}

static bool
is_checked(const struct pform *f, const char *value)
{
    int i;

    for (i = 0; i < f->n_objectives; i++)
        if (str_eq(f->objectives[i], value))
            return true;
    return false;
}

struct form_page {
    const struct mission *m;
    const char *title, *intro, *action, *submit;
    const struct form_option *leads; /* the actors the proposer speaks for */
    int n_leads;
    const struct objective *objectives;
    int n_objectives;
    const struct form_option *actors; /* every live actor */
    int n_actors;
    const char *const *comments; /* the reviewers' comments shown above (resubmission) */
    int n_comments;
};

static enum err
proposal_form(struct req *rq, const struct form_page *p, const struct pform *f,
              const struct form_errors *e)
{
    static const char *const role_values[] = {"partner", "funder", "financier"};
    struct form_option roles[3];
    const char *err;
    struct html h;
    int i;

    for (i = 0; i < 3; i++)
        roles[i] =
            (struct form_option){role_values[i], label_code(&code_initiative_role, role_values[i])};
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, p->title));
    html_elem(&h, "h1", p->title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, p->m->title_sv, p->m->title_en), "href",
                   url_mission(rq, p->m->slug), "lang", L_lang(rq, p->m->title_en), NULL);
    html_close(&h, "p");
    html_elem(&h, "p", p->intro);
    for (i = 0; i < p->n_comments; i++) {
        html_open(&h, "div", "class", "notice", "role", "status", NULL);
        html_elem(&h, "strong", _("The coordinators asked for changes:"));
        html_elem_attr(&h, "p", p->comments[i], "class", "comment", NULL);
        html_close(&h, "div");
    }
    form_summary(rq, &h, e);
    form_begin(rq, &h, p->action);
    form_select(&h, e, "lead", _("Lead actor"), NULL, p->leads, p->n_leads, f->lead,
                p->n_leads == 1 ? NULL : _("Choose the actor"));
    form_input(&h, e, "title_sv", C_("initiative", "Title"), NULL, FT_TEXT, f->title_sv, true,
               NULL);
    form_input(&h, e, "title_en", _("Title in English"), _("Optional."), FT_TEXT, f->title_en,
               false, NULL);
    form_textarea(&h, e, "summary_sv", _("Description"),
                  _("What you will do, with whom and why. Markdown is allowed."), f->summary_sv,
                  false, 8);
    form_textarea(&h, e, "summary_en", _("Description in English"), _("Optional."), f->summary_en,
                  false, 4);

    /* the objectives it serves: a group of checkboxes */
    err = form_error_of(e, "objectives");
    html_open(&h, "fieldset", "class", err ? "field field-with-error" : "field", NULL);
    html_elem(&h, "legend", _("Objectives it serves"));
    if (err != NULL)
        field_error_p(&h, "f-objectives", err);
    if (p->n_objectives == 0)
        html_elem(&h, "p", _("The mission has no objectives yet."));
    for (i = 0; i < p->n_objectives; i++) {
        const char *value = i64s(rq, p->objectives[i].id);
        const char *id =
            i == 0 ? "f-objectives" : arena_printf(rq->arena, "f-objectives-%d", i + 1);

        html_open(&h, "div", "class", "check", NULL);
        html_void(&h, "input", "type", "checkbox", "id", id, "name", "objectives", "value", value,
                  "checked", is_checked(f, value) ? "" : NULL, NULL);
        html_elem_attr(&h, "label", L(rq, p->objectives[i].title_sv, p->objectives[i].title_en),
                       "for", id, "lang", L_lang(rq, p->objectives[i].title_en), NULL);
        html_close(&h, "div");
    }
    html_close(&h, "fieldset");

    /* the other actors taking part, each with its role */
    html_open(&h, "fieldset", "class", "field", NULL);
    html_elem(&h, "legend", _("Participating actors"));
    html_elem_attr(&h, "p", _("Besides the lead: up to four actors and their roles."), "class",
                   "hint", NULL);
    for (i = 0; i < PROPOSAL_PARTS; i++) {
        const char *an = arena_printf(rq->arena, "part_actor_%d", i + 1);
        const char *rn = arena_printf(rq->arena, "part_role_%d", i + 1);

        html_open(&h, "div", "class", "part", NULL);
        form_select(&h, e, an, arena_printf(rq->arena, _("Actor %d"), i + 1), NULL, p->actors,
                    p->n_actors, f->part_actor[i], _("None"));
        form_select(&h, NULL, rn, arena_printf(rq->arena, _("Role of actor %d"), i + 1), NULL,
                    roles, 3, f->part_role[i], NULL);
        html_close(&h, "div");
    }
    html_close(&h, "fieldset");

    form_input(&h, e, "start_date", _("Start date"), _("A date, such as 2026-01-31. Optional."),
               FT_DATE, f->start_date, false, NULL);
    form_input(&h, e, "end_date", _("End date"), _("A date, such as 2027-12-31. Optional."),
               FT_DATE, f->end_date, false, NULL);
    form_input(&h, e, "budget", _("Budget (SEK)"), _("Whole kronor. Optional."), FT_TEXT, f->budget,
               false, NULL);
    form_input(&h, e, "sdg_targets", _("SDG targets"),
               _("Their numbers, separated by commas, such as 2.1, 12.3. Optional."), FT_TEXT,
               f->sdg, false, NULL);
    form_submit(&h, p->submit);
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------------ shared loading */

/* The live actors, for the participant selects. */
static enum err
load_actors(struct req *rq, struct form_page *p)
{
    struct page pg = {.limit = PROPOSAL_ACTORS, .offset = 0};
    struct form_option *o;
    struct actor *list;
    int64_t total;
    enum err rc;
    int i, n;

    rc = actor_list(rq->db, rq->arena, NULL, &pg, &list, &n, &total);
    if (rc)
        return rc;
    o = arena_alloc(rq->arena, (size_t)(n + 1) * sizeof(*o));
    for (i = 0; i < n; i++)
        o[i] = (struct form_option){i64s(rq, list[i].id), list[i].name};
    p->actors = o;
    p->n_actors = n;
    return mission_objectives(rq->db, rq->arena, p->m->id, (struct objective **)&p->objectives,
                              &p->n_objectives);
}

/* The actors the caller may propose for to mission m (represented, per the table). */
static enum err
load_leads(struct req *rq, const struct mission *m, struct form_page *p)
{
    const struct who *w;
    struct form_option *o;
    struct actor a;
    enum err rc;
    int i, n = 0;

    rc = req_who(rq, &w);
    if (rc)
        return rc;
    o = arena_alloc(rq->arena, (size_t)(w->n_actors + 1) * sizeof(*o));
    for (i = 0; i < w->n_actors; i++) {
        struct authz_scope s = {.mission_id = m->id, .actor_id = w->actors[i]};

        if (!authz_allows(w, AUTHZ_PROPOSAL_SUBMIT, &s))
            continue;
        rc = actor_get(rq->db, rq->arena, w->actors[i], &a);
        if (rc == ERR_NOTFOUND || (rc == ERR_OK && a.archived_at != 0))
            continue;
        if (rc)
            return rc;
        o[n++] = (struct form_option){i64s(rq, a.id), a.name};
    }
    p->leads = o;
    p->n_leads = n;
    return ERR_OK;
}

/* A title short enough for an e-mail's subject (cut at a character boundary). */
static const char *
subject_title(struct req *rq, const char *t)
{
    size_t n = strlen(t);

    if (n <= SUBJECT_TITLE_MAX)
        return t;
    n = SUBJECT_TITLE_MAX;
    while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
        n--;
    return arena_printf(rq->arena, "%.*s…", (int)n, t);
}

/* The e-mail of a step (handlers.h): the form's and the API's (api_proposal.c). */
void
proposal_notice_for(struct req *rq, struct proposal_notice *n, const char *title,
                    const char *mission_title, const char *what, const char *comment)
{
    n->subject = arena_printf(rq->arena, _("Proposal “%s”: %s"), subject_title(rq, title), what);
    n->body = arena_printf(
        rq->arena, "%s\n\n%s %s\n%s %s\n%s%s%s\n%s\n", what, _("Proposal:"), title, _("Mission:"),
        mission_title, str_empty(comment) ? "" : _("Comment:"), str_empty(comment) ? "" : "\n",
        str_empty(comment) ? "" : comment,
        _("Sign in to samverka to see it: the proposer under My proposals, the coordinators in "
          "the mission's review queue."));
}

/* ------------------------------------------------------------------ propose */

static enum err
new_form(struct req *rq, const struct mission *m, const struct pform *f,
         const struct form_errors *e)
{
    struct form_page p = {.m = m};
    enum err rc;

    p.title = _("Propose an initiative");
    p.intro = _("Propose an initiative your organisation leads. The mission's coordinators "
                "review it: they accept it, ask for changes or decline it, and you get an "
                "e-mail at each step. It is public only once accepted.");
    p.action = url_propose(rq, m->slug);
    p.submit = _("Send the proposal");
    rc = load_leads(rq, m, &p);
    if (rc == ERR_OK && p.n_leads == 0)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL,
                          _("Only a confirmed representative of an actor may propose an "
                            "initiative. Ask to represent your organisation from your account."));
    if (rc == ERR_OK)
        rc = load_actors(rq, &p);
    if (rc)
        return rc;
    return proposal_form(rq, &p, f, e);
}

enum err
page_proposal_new(struct req *rq)
{
    struct mission m;
    struct pform f;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, url_propose(rq, m.slug));
        return ERR_OK;
    }
    if (m.archived_at != 0)
        return ERR_NOTFOUND; /* an archived mission takes no proposals */
    memset(&f, 0, sizeof(f));
    return new_form(rq, &m, &f, NULL);
}

enum err
post_proposal_new(struct req *rq)
{
    const struct principal *u;
    struct authz_scope scope = {0};
    struct form_errors e = {0};
    struct write_error we = {0};
    struct proposal_notice note;
    struct initiative_new in;
    struct mission m;
    struct pform f;
    int64_t id = 0, lead;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    pform_from_request(rq, &f);
    lead = parse_count(f.lead);
    scope.mission_id = m.id;
    scope.actor_id = lead > 0 ? lead : req_first_actor(rq, AUTHZ_PROPOSAL_SUBMIT, m.id);
    rc = req_allow(rq, AUTHZ_PROPOSAL_SUBMIT, &scope);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND; /* an archived mission takes no proposals */
    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (u->user_id == 0)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL,
                          _("Only a signed-in representative may propose an initiative."));
    pform_to_new(rq, &f, m.id, &in, &e);
    if (in.lead_actor_id == 0)
        form_error(&e, "lead", _("Choose the actor you propose for."));
    if (str_empty(f.title_sv))
        form_error(&e, "title_sv", _("Enter a title."));
    if (e.n == 0) {
        proposal_notice_for(rq, &note, f.title_sv, L(rq, m.title_sv, m.title_en),
                            _("A new proposal waits for review."), NULL);
        rc = proposal_submit(rq->wdb, &in, u->user_id, u->name, (int64_t)time(NULL), &note, &id,
                             &we);
        if (rc == ERR_INVALID)
            refusal_to_form(rq, &we, &e);
        else if (rc)
            return rc;
    }
    if (e.n) {
        rq->resp.status = 422;
        return new_form(rq, &m, &f, &e);
    }
    resp_redirect(rq, url_my_proposals(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ the steps as a list */

/* A proposal's steps: when, who (a name), what, and the comment. */
static void
steps_list(struct req *rq, struct html *h, const struct proposal *p, bool show_email)
{
    int i;

    if (p->n_steps == 0)
        return;
    html_open(h, "ol", "class", "steps", NULL);
    for (i = 0; i < p->n_steps; i++) {
        const struct proposal_step *s = &p->steps[i];

        html_open(h, "li", NULL);
        html_elem(h, "strong", label_code(&code_proposal_action, s->action));
        html_text(h, " ");
        html_text(h, fmt_date_unix(rq, s->at));
        html_text(h, ", ");
        html_text(h, s->name);
        if (show_email) {
            html_text(h, " (");
            html_text(h, s->email);
            html_text(h, ")");
        }
        if (!str_empty(s->comment))
            html_elem_attr(h, "p", s->comment, "class", "comment", NULL);
        html_close(h, "li");
    }
    html_close(h, "ol");
}

/* The facts of a proposal's initiative, as a reviewer reads them. */
static enum err
proposal_facts(struct req *rq, struct html *h, int64_t id)
{
    struct initiative n;
    enum err rc;
    int i;

    rc = initiative_get(rq->db, rq->arena, id, &n);
    if (rc)
        return rc;
    if (!str_empty(L(rq, n.summary_sv, n.summary_en))) {
        html_open(h, "div", "class", "description", "lang", L_lang(rq, n.summary_en), NULL);
        html_markdown(h, L(rq, n.summary_sv, n.summary_en));
        html_close(h, "div");
    }
    html_open(h, "dl", "class", "facts", NULL);
    html_elem(h, "dt", _("Participating actors"));
    html_open(h, "dd", NULL);
    for (i = 0; i < n.n_actors; i++) {
        if (i > 0)
            html_text(h, ", ");
        html_text(h, n.actors[i].actor_name);
        html_text(h, " (");
        html_text(h, label_code(&code_initiative_role, n.actors[i].role));
        html_text(h, ")");
    }
    html_close(h, "dd");
    html_elem(h, "dt", _("Period"));
    html_elem(h, "dd",
              arena_printf(rq->arena, "%s – %s", n.start_date ? fmt_date_iso(rq, n.start_date) : "",
                           n.end_date ? fmt_date_iso(rq, n.end_date) : ""));
    html_elem(h, "dt", _("Budget"));
    html_elem(h, "dd", n.has_budget ? fmt_sek(rq, n.budget_sek) : _("Not given"));
    html_elem(h, "dt", _("SDG targets"));
    html_open(h, "dd", NULL);
    for (i = 0; i < n.n_sdg_targets; i++) {
        if (i > 0)
            html_text(h, ", ");
        html_text(h, n.sdg_targets[i]);
    }
    html_close(h, "dd");
    html_close(h, "dl");
    return ERR_OK;
}

/* ------------------------------------------------------------------ my proposals */

enum err
page_proposals_mine(struct req *rq)
{
    const struct principal *u = req_user(rq);
    struct proposal *list, p;
    struct pager pg;
    struct html h;
    enum err rc;
    int i, n;

    if (u == NULL) {
        req_sign_in_first(rq, "/account/proposals");
        return ERR_OK;
    }
    pager_read(rq, &pg, MINE_PER_PAGE);
    rc = proposal_list_mine(rq->db, rq->arena, u->user_id, &pg.pg, &list, &n, &pg.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &pg);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("My proposals"));
    html_elem(&h, "h1", _("My proposals"));
    if (n == 0)
        html_elem(&h, "p",
                  _("You have proposed no initiative yet. A representative of an actor proposes "
                    "one from the mission's page."));
    for (i = 0; i < n; i++) {
        rc = proposal_get(rq->db, rq->arena, list[i].initiative_id, &p);
        if (rc)
            return rc;
        html_open(&h, "article", "class", "proposal", NULL);
        html_elem_attr(&h, "h2", L(rq, p.title_sv, p.title_en), "lang", L_lang(rq, p.title_en),
                       NULL);
        html_open(&h, "p", NULL);
        html_open(&h, "span", "class", "badge", NULL);
        html_text(&h, label_code(&code_proposal_state, p.state));
        html_close(&h, "span");
        html_text(&h, " ");
        html_text(&h, _("Mission:"));
        html_text(&h, " ");
        html_elem_attr(&h, "a", L(rq, p.mission_title_sv, p.mission_title_en), "href",
                       url_mission(rq, p.mission_slug), NULL);
        html_close(&h, "p");
        steps_list(rq, &h, &p, false);
        if (strcmp(p.state, "changes_requested") == 0) {
            html_open(&h, "p", NULL);
            html_elem_attr(&h, "a", _("Edit and send again"), "href",
                           url_resubmit(rq, p.initiative_id), NULL);
            html_close(&h, "p");
        } else if (strcmp(p.state, "accepted") == 0) {
            html_open(&h, "p", NULL);
            html_elem_attr(&h, "a", _("The initiative's page"), "href",
                           url_initiative(rq, p.initiative_id), NULL);
            html_close(&h, "p");
        }
        html_close(&h, "article");
    }
    layout_pager(rq, &h, pg.page, pg.pages,
                 pg.page > 1 ? url_paged(rq, "/account/proposals", pg.page - 1, NULL) : NULL,
                 pg.page < pg.pages ? url_paged(rq, "/account/proposals", pg.page + 1, NULL)
                                    : NULL);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------------ resubmit */

/*
 * The proposal of the path and its mission, after asking the table for action on the scope
 * stored with the path's initiative (its mission, its lead actor, and its proposer when it is
 * a proposal): a visitor is sent to sign in and someone without the right refused before
 * anything is said of the initiative; an initiative that is no proposal is then
 * ERR_NOTFOUND, as is an unknown id.
 */
static enum err
path_proposal(struct req *rq, enum authz_action action, struct proposal *p, struct mission *m)
{
    struct authz_scope scope = {0};
    struct initiative n;
    bool is_proposal = true;
    enum err rc;

    rc = initiative_get(rq->db, rq->arena, req_int(rq, "id", 0), &n);
    if (rc)
        return rc;
    rc = proposal_get(rq->db, rq->arena, n.id, p);
    if (rc == ERR_NOTFOUND) {
        is_proposal = false;
        rc = ERR_OK;
    }
    if (rc)
        return rc;
    scope.mission_id = n.mission_id;
    scope.actor_id = n.lead_actor_id;
    scope.owner_user_id = is_proposal ? p->proposer_id : 0;
    rc = req_allow(rq, action, &scope);
    if (rc)
        return rc;
    if (!is_proposal)
        return ERR_NOTFOUND;
    return mission_get_id(rq->db, rq->arena, p->mission_id, m);
}

/* A step the proposal's state does not allow now (it was decided, or it waits for the other
 * side): well-formed, allowed, but not to be done (422); nothing changes. */
static enum err
not_now(struct req *rq, bool edit)
{
    return req_refuse(rq, REFUSE_UNPROCESSABLE, NULL,
                      edit ? _("This proposal can be edited only when the coordinators ask for "
                               "changes.")
                           : _("This proposal does not wait for review: it was decided, or the "
                               "proposer has it."));
}

static enum err
resubmit_form(struct req *rq, const struct proposal *pr, const struct mission *m,
              const struct pform *f, const struct form_errors *e)
{
    struct form_page p = {.m = m};
    struct form_option *lead;
    const char **comments;
    enum err rc;
    int i;

    p.title = _("Edit and send the proposal again");
    p.intro = _("The coordinators asked for changes. Edit the proposal and send it again for "
                "review.");
    p.action = url_resubmit(rq, pr->initiative_id);
    p.submit = _("Send again");
    lead = arena_alloc(rq->arena, sizeof(*lead));
    *lead = (struct form_option){i64s(rq, pr->lead_actor_id),
                                 pr->lead_actor_name ? pr->lead_actor_name : ""};
    p.leads = lead;
    p.n_leads = 1;
    comments = arena_alloc(rq->arena, (size_t)(pr->n_steps + 1) * sizeof(*comments));
    /* the latest request for changes is the one to answer */
    for (i = pr->n_steps - 1; i >= 0; i--)
        if (strcmp(pr->steps[i].action, "changes_requested") == 0) {
            comments[p.n_comments++] = pr->steps[i].comment;
            break;
        }
    p.comments = comments;
    rc = load_actors(rq, &p);
    if (rc)
        return rc;
    return proposal_form(rq, &p, f, e);
}

enum err
page_proposal_resubmit(struct req *rq)
{
    struct initiative n;
    struct proposal p;
    struct mission m;
    struct pform f;
    enum err rc;

    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, url_resubmit(rq, req_int(rq, "id", 0)));
        return ERR_OK;
    }
    rc = path_proposal(rq, AUTHZ_PROPOSAL_EDIT, &p, &m);
    if (rc)
        return rc;
    if (strcmp(p.state, "changes_requested") != 0)
        return not_now(rq, true);
    rc = initiative_get(rq->db, rq->arena, p.initiative_id, &n);
    if (rc)
        return rc;
    pform_from_initiative(rq, &n, &f);
    return resubmit_form(rq, &p, &m, &f, NULL);
}

enum err
post_proposal_resubmit(struct req *rq)
{
    const struct principal *u;
    struct form_errors e = {0};
    struct write_error we = {0};
    struct proposal_notice note;
    struct initiative_new in;
    struct proposal p;
    struct mission m;
    struct pform f;
    enum err rc;

    rc = path_proposal(rq, AUTHZ_PROPOSAL_EDIT, &p, &m);
    if (rc)
        return rc;
    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (strcmp(p.state, "changes_requested") != 0)
        return not_now(rq, true);
    pform_from_request(rq, &f);
    f.lead = i64s(rq, p.lead_actor_id); /* the stored lead, never the form's */
    pform_to_new(rq, &f, 0, &in, &e);
    if (str_empty(f.title_sv))
        form_error(&e, "title_sv", _("Enter a title."));
    if (e.n == 0) {
        proposal_notice_for(rq, &note, f.title_sv, L(rq, m.title_sv, m.title_en),
                            _("The proposal was edited and sent again for review."), NULL);
        rc = proposal_resubmit(rq->wdb, p.initiative_id, &in, u->user_id, u->name,
                               (int64_t)time(NULL), &note, &we);
        if (rc == ERR_INVALID)
            refusal_to_form(rq, &we, &e);
        else if (rc == ERR_CONFLICT)
            return not_now(rq, true);
        else if (rc)
            return rc;
    }
    if (e.n) {
        rq->resp.status = 422;
        return resubmit_form(rq, &p, &m, &f, &e);
    }
    resp_redirect(rq, url_my_proposals(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ the review queue */

/* A proposal's "ask for changes" form: one per proposal on the queue, so its field's id ends
 * in the proposal's id (one label each, and the summary's link reaches the refused one). */
static void
changes_form(struct req *rq, struct html *h, const struct proposal *p, const struct form_errors *e,
             const char *comment)
{
    form_begin(rq, h, url_review(rq, p->initiative_id, "changes"));
    form_textarea_of(h, e, "comment", i64s(rq, p->initiative_id), _("What should change"),
                     _("The proposer reads this and edits the proposal."), comment, true, 4);
    form_submit(h, _("Ask for changes"));
    form_end(h);
}

static enum err
queue_page(struct req *rq, const struct mission *m, int64_t err_id, const struct form_errors *e,
           const char *comment)
{
    struct proposal *list, p;
    struct pager pg;
    struct html h;
    const char *title = _("Proposals to review"), *path;
    enum err rc;
    int i, n;

    pager_read(rq, &pg, QUEUE_PER_PAGE);
    rc = proposal_list_mission(rq->db, rq->arena, m->id, "submitted", &pg.pg, &list, &n, &pg.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &pg);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   "lang", L_lang(rq, m->title_en), NULL);
    html_close(&h, "p");
    form_summary_of(rq, &h, e, err_id ? i64s(rq, err_id) : NULL);
    if (n == 0)
        html_elem(&h, "p", _("No proposal waits for review."));
    for (i = 0; i < n; i++) {
        rc = proposal_get(rq->db, rq->arena, list[i].initiative_id, &p);
        if (rc)
            return rc;
        html_open(&h, "article", "class", "proposal", NULL);
        html_elem_attr(&h, "h2", L(rq, p.title_sv, p.title_en), "lang", L_lang(rq, p.title_en),
                       NULL);
        html_open(&h, "p", NULL);
        html_text(&h, _("Proposed by"));
        html_text(&h, " ");
        html_text(&h, p.proposer_name);
        html_text(&h, " (");
        html_text(&h, p.proposer_email);
        html_text(&h, "), ");
        html_text(&h, p.lead_actor_name ? p.lead_actor_name : "");
        html_close(&h, "p");
        rc = proposal_facts(rq, &h, p.initiative_id);
        if (rc)
            return rc;
        steps_list(rq, &h, &p, true);
        changes_form(rq, &h, &p, p.initiative_id == err_id ? e : NULL,
                     p.initiative_id == err_id ? comment : NULL);
        html_open(&h, "ul", "class", "actions", NULL);
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", _("Accept…"), "href", url_review(rq, p.initiative_id, "accept"),
                       NULL);
        html_close(&h, "li");
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", _("Decline…"), "href", url_review(rq, p.initiative_id, "decline"),
                       NULL);
        html_close(&h, "li");
        html_close(&h, "ul");
        html_close(&h, "article");
    }
    path = arena_printf(rq->arena, "/missions/%s/review", m->slug);
    layout_pager(rq, &h, pg.page, pg.pages,
                 pg.page > 1 ? url_paged(rq, path, pg.page - 1, NULL) : NULL,
                 pg.page < pg.pages ? url_paged(rq, path, pg.page + 1, NULL) : NULL);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_review_queue(struct req *rq)
{
    struct authz_scope scope = {0};
    struct mission m;
    enum err rc;

    rc = mission_get(rq->db, rq->arena, req_str(rq, "slug"), &m);
    if (rc)
        return rc;
    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, url_review_queue(rq, m.slug));
        return ERR_OK;
    }
    scope.mission_id = m.id;
    rc = req_allow(rq, AUTHZ_PROPOSAL_REVIEW, &scope);
    if (rc)
        return rc;
    return queue_page(rq, &m, 0, NULL, NULL);
}

/* ------------------------------------------------------------------ decisions */

static enum err
decision_page(struct req *rq, const struct proposal *p, bool accept, const struct form_errors *e,
              const char *comment)
{
    const char *title = accept ? _("Accept the proposal?") : _("Decline the proposal?");
    struct html h;
    enum err rc;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_elem_attr(&h, "p", L(rq, p->title_sv, p->title_en), "class", "lead", "lang",
                   L_lang(rq, p->title_en), NULL);
    html_elem(&h, "p",
              accept ? _("It joins the mission's portfolio as a bottom-up initiative and becomes "
                         "public. The proposer and the coordinators get an e-mail.")
                     : _("The proposal ends here and stays private. The proposer gets your "
                         "reason by e-mail."));
    rc = proposal_facts(rq, &h, p->initiative_id);
    if (rc)
        return rc;
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_review(rq, p->initiative_id, accept ? "accept" : "decline"));
    if (accept)
        form_textarea(&h, e, "comment", _("Comment"), _("Optional. The proposer reads it."),
                      comment, false, 3);
    else
        form_textarea(&h, e, "comment", _("Reason"), _("The proposer reads it."), comment, true, 4);
    form_submit(&h, accept ? _("Accept") : _("Decline"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Cancel"), "href", url_review_queue(rq, p->mission_slug), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static enum err
decision_get(struct req *rq, bool accept)
{
    struct proposal p;
    struct mission m;
    enum err rc;

    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, url_review(rq, req_int(rq, "id", 0), accept ? "accept" : "decline"));
        return ERR_OK;
    }
    rc = path_proposal(rq, AUTHZ_PROPOSAL_REVIEW, &p, &m);
    if (rc)
        return rc;
    if (strcmp(p.state, "submitted") != 0)
        return not_now(rq, false);
    return decision_page(rq, &p, accept, NULL, NULL);
}

enum err
page_review_accept(struct req *rq)
{
    return decision_get(rq, true);
}

enum err
page_review_decline(struct req *rq)
{
    return decision_get(rq, false);
}

/* A decision posted: the e-mail's words, the domain's step, the form again on a refusal. */
static enum err
decide(struct req *rq, enum proposal_decision d)
{
    const char *comment = edit_field(rq, "comment"), *said;
    const struct principal *u;
    struct form_errors e = {0};
    struct write_error we = {0};
    struct proposal_notice note;
    struct proposal p;
    struct mission m;
    enum err rc;

    rc = path_proposal(rq, AUTHZ_PROPOSAL_REVIEW, &p, &m);
    if (rc)
        return rc;
    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (strcmp(p.state, "submitted") != 0)
        return not_now(rq, false);
    said = d == PROPOSAL_ACCEPT    ? _("The proposal was accepted.")
           : d == PROPOSAL_CHANGES ? _("Changes were asked for.")
                                   : _("The proposal was declined.");
    proposal_notice_for(rq, &note, L(rq, p.title_sv, p.title_en), L(rq, m.title_sv, m.title_en),
                        said, comment);
    rc = proposal_review(rq->wdb, p.initiative_id, d, comment, u->user_id, u->name,
                         (int64_t)time(NULL), &note, &we);
    if (rc == ERR_CONFLICT)
        return not_now(rq, false);
    if (rc == ERR_INVALID) {
        if (*comment == '\0')
            form_error(&e, "comment",
                       d == PROPOSAL_DECLINE ? _("Give the reason for declining.")
                                             : _("Say what should change."));
        else
            refusal_to_form(rq, &we, &e);
        rq->resp.status = 422;
        if (d == PROPOSAL_CHANGES)
            return queue_page(rq, &m, p.initiative_id, &e, comment);
        return decision_page(rq, &p, d == PROPOSAL_ACCEPT, &e, comment);
    }
    if (rc)
        return rc;
    resp_redirect(rq, d == PROPOSAL_ACCEPT ? url_initiative(rq, p.initiative_id)
                                           : url_review_queue(rq, m.slug));
    return ERR_OK;
}

enum err
post_review_changes(struct req *rq)
{
    return decide(rq, PROPOSAL_CHANGES);
}

enum err
post_review_accept(struct req *rq)
{
    return decide(rq, PROPOSAL_ACCEPT);
}

enum err
post_review_decline(struct req *rq)
{
    return decide(rq, PROPOSAL_DECLINE);
}

/* ------------------------------------------------------------------ offers on public pages */

bool
proposal_offers_submit(struct req *rq, int64_t mission_id)
{
    const struct who *w;
    int i;

    /* a visitor without a session is offered nothing and reads nothing: their page stays the
     * shared copy */
    if (!auth_has_session_cookie(rq) || req_who(rq, &w) != ERR_OK)
        return false;
    for (i = 0; i < w->n_actors; i++) {
        struct authz_scope s = {.mission_id = mission_id, .actor_id = w->actors[i]};

        if (authz_allows(w, AUTHZ_PROPOSAL_SUBMIT, &s))
            return true;
    }
    return false;
}
