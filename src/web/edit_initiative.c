/*
 * edit_initiative.c — top-down initiatives (calls, demonstrators, policy labs) in the
 * browser: add one to a mission (/missions/{slug}/initiatives/new; /initiatives/new offers
 * the missions the caller may add to), edit one
 * (/initiatives/{id}/edit) and archive one after a confirmation (/initiatives/{id}/archive).
 * Bottom-up initiatives come from proposals (another flow); their edit form here keeps
 * their origin.
 *
 * Who may (authz.h): add and archive, admins and the coordinators of the initiative's
 * mission; edit, those and the representatives of its lead actor. The scope is the stored
 * initiative's mission and lead actor; for a new one, the mission of the address (what the
 * caller asks to add to), which the form cannot change.
 *
 * The participants are a repeated group of rows (an actor and its role). Without
 * JavaScript the form offers PART_ROWS_MIN empty rows beyond those filled, and "Add more
 * rows", a submit button that shows the form again with PART_ROWS_MORE more rows and
 * everything entered kept, writing nothing. The objectives are the mission's, as
 * checkboxes; the SDG targets are codes in one field ("12.3, 2.1").
 */
#include <stdio.h>
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
#include "domain/registry.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/regform.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

#define PART_ROWS_MIN  3               /* empty participant rows offered */
#define PART_ROWS_MORE 3               /* rows "Add more rows" adds */
#define PART_ROWS_MAX  WRITE_MAX_ITEMS /* rows at most (the domain's limit of participants) */
#define FORM_ACTORS    1000            /* actors in the selects (live ones, by name) */

/* What the form shows: the input, as entered, and the rows of participants. */
struct initiative_form {
    struct initiative_new in;
    const char *budget; /* as entered */
    const char *sdg;    /* the targets as one text */
    int rows;           /* participant rows shown */
    struct {
        const char *actor, *role; /* as entered ("" none) */
    } row[PART_ROWS_MAX];
    int part_row[PART_ROWS_MAX]; /* the row of in.parts[i] */
    const char **objectives;     /* checked ids, as text */
    int n_objectives;
};

/* What the form offers: the mission and its objectives, the actors. */
struct initiative_choices {
    struct mission m;
    struct objective *objectives;
    int n_objectives;
    struct form_option *actors;
    int n_actors;
};

static enum err
choices_load(struct req *rq, struct db *db, int64_t mission_id, struct initiative_choices *c)
{
    struct page pg = {FORM_ACTORS, 0};
    struct actor *xs;
    int64_t total;
    enum err rc;
    int i;

    rc = mission_get_id(db, rq->arena, mission_id, &c->m);
    if (rc == ERR_OK)
        rc = mission_objectives(db, rq->arena, mission_id, &c->objectives, &c->n_objectives);
    if (rc == ERR_OK)
        rc = actor_list(db, rq->arena, NULL, &pg, &xs, &c->n_actors, &total);
    if (rc)
        return rc;
    c->actors =
        arena_alloc(rq->arena, (size_t)(c->n_actors > 0 ? c->n_actors : 1) * sizeof(*c->actors));
    for (i = 0; i < c->n_actors; i++) {
        c->actors[i].value = arena_printf(rq->arena, "%lld", (long long)xs[i].id);
        c->actors[i].label = xs[i].name;
    }
    return ERR_OK;
}

static const char *
id_text(struct req *rq, int64_t id)
{
    return id > 0 ? arena_printf(rq->arena, "%lld", (long long)id) : "";
}

/* A posted id: 0 when empty or not a positive number (the domain refuses an unknown one). */
static int64_t
id_of(const char *s)
{
    int64_t v = 0;

    return str_to_i64(s, &v) == ERR_OK && v > 0 ? v : 0;
}

/* The SDG target codes of a text: separated by commas, semicolons or white space. */
static const char **
split_codes(struct req *rq, const char *s, int *out_n)
{
    const char **v = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*v));
    size_t len;
    int n = 0;

    while (*s && n <= WRITE_MAX_ITEMS) {
        s += strspn(s, ",; \t\r\n");
        len = strcspn(s, ",; \t\r\n");
        if (len > 0)
            v[n++] = arena_strndup(rq->arena, s, len);
        s += len;
    }
    *out_n = n;
    return v;
}

/* The posted form into f; the mission and origin are the caller's (from the address or
 * what is stored), never the body's. */
static void
initiative_read(struct req *rq, int64_t mission_id, const char *origin, struct initiative_form *f)
{
    struct initiative_part *parts;
    const char *budget;
    int64_t v;
    int i, n = 0;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = mission_id;
    f->in.origin = origin;
    f->in.slug = edit_field(rq, "slug");
    f->in.title_sv = edit_field(rq, "title_sv");
    f->in.title_en = edit_field(rq, "title_en");
    f->in.summary_sv = edit_field(rq, "summary_sv");
    f->in.summary_en = edit_field(rq, "summary_en");
    f->in.status = edit_field(rq, "status");
    f->in.lead_actor_id = id_of(edit_field(rq, "lead_actor_id"));
    f->in.start_date = edit_opt(rq, "start_date");
    f->in.end_date = edit_opt(rq, "end_date");
    f->in.funding = edit_field(rq, "funding");
    f->in.hypotheses_sv = edit_field(rq, "hypotheses_sv");
    f->in.hypotheses_en = edit_field(rq, "hypotheses_en");
    f->in.learnings_sv = edit_field(rq, "learnings_sv");
    f->in.learnings_en = edit_field(rq, "learnings_en");
    f->sdg = edit_field(rq, "sdg_targets");
    f->in.sdg_targets = split_codes(rq, f->sdg, &f->in.n_sdg_targets);

    /* the budget: whole kronor, spaces allowed ("1 500 000"); anything else is refused
     * beside the field (budget_sek with has_budget and an impossible value) */
    f->budget = edit_field(rq, "budget_sek");
    if (*f->budget != '\0') {
        char digits[32];
        size_t k = 0;

        for (budget = f->budget; *budget && k < sizeof(digits) - 1; budget++)
            if (*budget != ' ')
                digits[k++] = *budget;
        digits[k] = '\0';
        f->in.has_budget = true;
        f->in.budget_sek = str_to_i64(digits, &v) == ERR_OK && *budget == '\0' ? v : -1;
    }

    /* the participant rows: part-N-actor and part-N-role, N from 1; a row without an actor
     * is empty (its role alone is ignored) */
    f->rows = (int)id_of(edit_field(rq, "rows"));
    if (f->rows < PART_ROWS_MIN)
        f->rows = PART_ROWS_MIN;
    if (f->rows > PART_ROWS_MAX)
        f->rows = PART_ROWS_MAX;
    parts = arena_alloc(rq->arena, PART_ROWS_MAX * sizeof(*parts));
    for (i = 0; i < f->rows; i++) {
        f->row[i].actor = edit_field(rq, arena_printf(rq->arena, "part-%d-actor", i + 1));
        f->row[i].role = edit_field(rq, arena_printf(rq->arena, "part-%d-role", i + 1));
        if (*f->row[i].actor == '\0')
            continue;
        parts[n].actor_id = id_of(f->row[i].actor);
        parts[n].role = *f->row[i].role ? f->row[i].role : "participant";
        f->part_row[n++] = i;
    }
    f->in.parts = parts;
    f->in.n_parts = n;

    f->objectives = arena_alloc(rq->arena, (WRITE_MAX_ITEMS + 1) * sizeof(*f->objectives));
    f->n_objectives =
        rq->form ? form_get_all(rq->form, "objective_ids", f->objectives, WRITE_MAX_ITEMS + 1) : 0;
    if (f->n_objectives > 0) {
        int64_t *ids = arena_alloc(rq->arena, (size_t)f->n_objectives * sizeof(*ids));

        for (i = 0; i < f->n_objectives; i++)
            ids[i] = id_of(f->objectives[i]);
        f->in.objective_ids = ids;
        f->in.n_objectives = f->n_objectives;
    }
}

/* A stored initiative into f. */
static void
initiative_fill(struct req *rq, const struct initiative *n, struct initiative_form *f)
{
    struct initiative_part *parts;
    struct buf b;
    int i;

    memset(f, 0, sizeof(*f));
    f->in.mission_id = n->mission_id;
    f->in.slug = n->slug;
    f->in.title_sv = n->title_sv;
    f->in.title_en = n->title_en;
    f->in.summary_sv = n->summary_sv;
    f->in.summary_en = n->summary_en;
    f->in.origin = n->origin;
    f->in.status = n->status;
    f->in.lead_actor_id = n->lead_actor_id;
    f->in.start_date = n->start_date;
    f->in.end_date = n->end_date;
    f->in.has_budget = n->has_budget;
    f->in.budget_sek = n->budget_sek;
    f->budget = n->has_budget ? arena_printf(rq->arena, "%lld", (long long)n->budget_sek) : "";
    f->in.funding = n->funding;
    f->in.hypotheses_sv = n->hypotheses_sv;
    f->in.hypotheses_en = n->hypotheses_en;
    f->in.learnings_sv = n->learnings_sv;
    f->in.learnings_en = n->learnings_en;
    parts = arena_alloc(rq->arena, PART_ROWS_MAX * sizeof(*parts));
    for (i = 0; i < n->n_actors && i < PART_ROWS_MAX; i++) {
        parts[i].actor_id = n->actors[i].actor_id;
        parts[i].role = n->actors[i].role;
        f->row[i].actor = id_text(rq, n->actors[i].actor_id);
        f->row[i].role = n->actors[i].role;
        f->part_row[i] = i;
    }
    f->in.parts = parts;
    f->in.n_parts = i;
    f->rows = i + PART_ROWS_MIN < PART_ROWS_MAX ? i + PART_ROWS_MIN : PART_ROWS_MAX;
    f->objectives = arena_alloc(rq->arena, (size_t)(n->n_objectives + 1) * sizeof(char *));
    for (i = 0; i < n->n_objectives; i++)
        f->objectives[i] = id_text(rq, n->objective_ids[i]);
    f->n_objectives = n->n_objectives;
    buf_init(&b, WRITE_MAX_ITEMS * 8);
    for (i = 0; i < n->n_sdg_targets; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", n->sdg_targets[i]);
    f->sdg = arena_strndup(rq->arena, b.data ? b.data : "", b.len);
    buf_free(&b);
}

/* What to do about a refused field (the form's field name into *out_field). */
static const char *
initiative_refusal(const struct initiative_form *f, const struct write_error *we, struct req *rq,
                   const char **out_field)
{
    const char *x = we->field != NULL ? we->field : "";

    *out_field = x;
    if (strcmp(x, "slug") == 0)
        return strstr(we->msg, "taken")
                   ? _("Another initiative of the mission has this web address name. Enter "
                       "another one.")
                   : _("Enter a web address name of 1 to 64 lower-case letters, digits and "
                       "hyphens.");
    if (strcmp(x, "title_sv") == 0)
        return _("Enter a title in Swedish of at most 300 characters.");
    if (strcmp(x, "title_en") == 0)
        return _("Enter a title in English of at most 300 characters, or leave it empty.");
    if (strcmp(x, "status") == 0)
        return _("Choose the status.");
    if (strcmp(x, "lead_actor_id") == 0)
        return strstr(we->msg, "coordinators")
                   ? _("Only the mission's coordinators may hand the initiative to another "
                       "lead actor.")
                   : _("Choose the lead actor from the list, or none.");
    if (strcmp(x, "start_date") == 0 || strcmp(x, "end_date") == 0)
        return strstr(we->msg, "before") ? _("Enter an end date on or after the start date.")
                                         : _("Enter a date as YYYY-MM-DD, such as 2027-03-31.");
    if (strcmp(x, "budget_sek") == 0)
        return _("Enter the budget in whole kronor, such as 1 500 000, or leave it empty.");
    if (strcmp(x, "funding") == 0)
        return _("Enter the funding in at most 300 characters.");
    if (strcmp(x, "parts") == 0) {
        if (we->item >= 0 && we->item < f->in.n_parts)
            *out_field = arena_printf(rq->arena, "part-%d-actor", f->part_row[we->item] + 1);
        else
            *out_field = "part-1-actor";
        if (strstr(we->msg, "twice"))
            return _("Each actor takes part once: remove the second row of this actor.");
        if (strstr(we->msg, "coordinators"))
            return _("You may name only organisations already taking part: the mission's "
                     "coordinators add others.");
        if (strstr(we->msg, "lead"))
            return _("Only the lead actor takes part as lead: choose another role.");
        return _("Choose an actor from the list and its role.");
    }
    if (strcmp(x, "objective_ids") == 0) {
        *out_field = "objective_ids";
        return _("Choose objectives of this mission.");
    }
    if (strcmp(x, "sdg_targets") == 0)
        return _("Enter SDG target codes such as 12.3, separated by commas, each once.");
    if (strncmp(x, "summary", 7) == 0 || strncmp(x, "hypotheses", 10) == 0 ||
        strncmp(x, "learnings", 9) == 0)
        return _("Enter at most 20,000 characters.");
    return _("Check this value.");
}

static enum err
initiative_form_page(struct req *rq, const char *title, const char *action,
                     const struct initiative_choices *c, const struct initiative_form *f,
                     const struct form_errors *fe)
{
    struct form_option *opts, *roles;
    struct html h;
    int n, n_roles, i;

    regform_begin(rq, &h, title, fe);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, c->m.title_sv, c->m.title_en), "href", url_mission(rq, c->m.slug),
                   "lang", L_lang(rq, c->m.title_en), NULL);
    html_close(&h, "p");
    form_begin(rq, &h, action);
    form_hidden(&h, "rows", arena_printf(rq->arena, "%d", f->rows));
    form_input(&h, fe, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, f->in.title_sv, true,
               "off");
    form_input(&h, fe, "title_en", _("Title in English"), _("Optional."), FT_TEXT, f->in.title_en,
               false, "off");
    form_input(&h, fe, "slug", _("Web address name"),
               _("Lower-case letters, digits and hyphens. Leave it empty to make one from the "
                 "Swedish title."),
               FT_TEXT, f->in.slug, false, "off");
    opts = edit_codes(rq, &code_initiative_status);
    n = code_initiative_status.n;
    form_select(&h, fe, "status", _("Status"), NULL, opts, n, f->in.status, _("Choose a status"));
    form_textarea(&h, fe, "summary_sv", _("Description in Swedish"), _("Markdown."),
                  f->in.summary_sv, false, 5);
    form_textarea(&h, fe, "summary_en", _("Description in English"), _("Markdown. Optional."),
                  f->in.summary_en, false, 5);
    form_select(&h, fe, "lead_actor_id", _("Lead actor"), NULL, c->actors, c->n_actors,
                id_text(rq, f->in.lead_actor_id), _("None"));

    /* the participants: a fieldset of rows */
    roles = edit_codes(rq, &code_initiative_role);
    n_roles = code_initiative_role.n;
    html_open(&h, "fieldset", "class", "field", NULL);
    html_elem(&h, "legend", _("Participating actors and their roles"));
    html_elem_attr(&h, "p", _("One actor per row. Empty rows are left out."), "class", "hint",
                   NULL);
    for (i = 0; i < f->rows; i++) {
        const char *an = arena_printf(rq->arena, "part-%d-actor", i + 1),
                   *rn = arena_printf(rq->arena, "part-%d-role", i + 1);

        html_open(&h, "div", "class", "part-row", NULL);
        form_select(&h, fe, an, arena_printf(rq->arena, _("Actor %d"), i + 1), NULL, c->actors,
                    c->n_actors, f->row[i].actor, _("None"));
        form_select(
            &h, fe, rn, arena_printf(rq->arena, _("Role of actor %d"), i + 1), NULL, roles, n_roles,
            f->row[i].role != NULL && *f->row[i].role ? f->row[i].role : "participant", NULL);
        html_close(&h, "div");
    }
    if (f->rows < PART_ROWS_MAX)
        form_submit_as(&h, _("Add more rows"), "more", "1");
    html_close(&h, "fieldset");

    if (c->n_objectives > 0) {
        opts = arena_alloc(rq->arena, (size_t)c->n_objectives * sizeof(*opts));
        for (i = 0; i < c->n_objectives; i++) {
            opts[i].value = id_text(rq, c->objectives[i].id);
            opts[i].label = L(rq, c->objectives[i].title_sv, c->objectives[i].title_en);
        }
        form_checkboxes(&h, fe, "objective_ids", _("Objectives it serves"), opts, c->n_objectives,
                        f->objectives, f->n_objectives);
    }
    form_input(&h, fe, "sdg_targets", _("SDG targets"),
               _("Target codes separated by commas, such as 2.1, 12.3."), FT_TEXT, f->sdg, false,
               "off");
    form_input(&h, fe, "start_date", _("Start date"), _("YYYY-MM-DD. Optional."), FT_DATE,
               f->in.start_date, false, "off");
    form_input(&h, fe, "end_date", _("End date"), _("YYYY-MM-DD. Optional."), FT_DATE,
               f->in.end_date, false, "off");
    form_input(&h, fe, "budget_sek", _("Budget (SEK)"), _("Whole kronor. Optional."), FT_TEXT,
               f->budget, false, "off");
    form_input(&h, fe, "funding", _("Funding"), _("Who funds it. Optional."), FT_TEXT,
               f->in.funding, false, "off");
    form_textarea(&h, fe, "hypotheses_sv", _("Hypotheses in Swedish"), _("Markdown. Optional."),
                  f->in.hypotheses_sv, false, 4);
    form_textarea(&h, fe, "hypotheses_en", _("Hypotheses in English"), _("Markdown. Optional."),
                  f->in.hypotheses_en, false, 4);
    form_textarea(&h, fe, "learnings_sv", _("Learnings in Swedish"), _("Markdown. Optional."),
                  f->in.learnings_sv, false, 4);
    form_textarea(&h, fe, "learnings_en", _("Learnings in English"), _("Markdown. Optional."),
                  f->in.learnings_en, false, 4);
    form_submit(&h, _("Save"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The initiative of the path as stored, the caller allowed action on it (its mission and
 * lead actor). */
static enum err
initiative_of_path(struct req *rq, struct db *db, enum authz_action action, struct initiative *out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = initiative_get(db, rq->arena, req_int(rq, "id", 0), out);
    if (rc)
        return rc;
    scope.mission_id = out->mission_id;
    scope.actor_id = out->lead_actor_id;
    rc = req_allow(rq, action, &scope);
    if (rc)
        return rc;
    return out->archived_at != 0 ? ERR_NOTFOUND : ERR_OK;
}

/* Save the posted form (stored NULL: a new initiative), or show it again: with more rows
 * when "Add more rows" was pressed (nothing written), with the refusal otherwise. */
static enum err
initiative_save(struct req *rq, const struct initiative *stored, const struct initiative_choices *c,
                struct initiative_form *f, const char *title, const char *action)
{
    int64_t id = stored != NULL ? stored->id : 0;
    struct form_errors fe = {0};
    struct write_error we = {0};
    const char *who, *field, *msg;
    int64_t out_id = 0;
    enum err rc;

    if (*edit_field(rq, "more") != '\0') {
        f->rows =
            f->rows + PART_ROWS_MORE < PART_ROWS_MAX ? f->rows + PART_ROWS_MORE : PART_ROWS_MAX;
        return initiative_form_page(rq, title, action, c, f, NULL);
    }
    rc = regform_who(rq, &who);
    if (rc)
        return rc;
    if (*f->in.slug == '\0' && id == 0)
        f->in.slug = registry_slug(rq->arena, f->in.title_sv);
    if (stored != NULL && !regform_may_change_initiative(rq, stored, &f->in, &we))
        rc = ERR_INVALID;
    else
        rc = registry_initiative_save(rq->wdb, id, &f->in, who, (int64_t)time(NULL), &out_id, &we);
    if (rc == ERR_INVALID) {
        msg = initiative_refusal(f, &we, rq, &field);
        form_error(&fe, field, msg);
        rq->resp.status = 422;
        return initiative_form_page(rq, title, action, c, f, &fe);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_initiative(rq, out_id));
}

/* The mission of /missions/{slug}/initiatives/new, the caller allowed to add to it. */
static enum err
new_in_mission(struct req *rq, struct db *db, struct initiative_choices *c)
{
    struct mission m;
    enum err rc;

    memset(c, 0, sizeof(*c));
    rc = edit_mission_allowed(rq, AUTHZ_INITIATIVE_CREATE, &m);
    if (rc)
        return rc;
    if (m.archived_at != 0)
        return ERR_NOTFOUND;
    return choices_load(rq, db, m.id, c);
}

/* /initiatives/new: the missions the caller may add an initiative to. */
enum err
page_initiative_choose(struct req *rq)
{
    struct authz_scope scope = {0};
    struct mission *ms;
    struct html h;
    int n, i, offered = 0;
    enum err rc;

    rc = mission_list(rq->db, rq->arena, &ms, &n);
    if (rc)
        return rc;
    for (i = 0; i < n && offered == 0; i++) {
        scope.mission_id = ms[i].id;
        offered += req_may(rq, AUTHZ_INITIATIVE_CREATE, &scope);
    }
    if (offered == 0) {
        /* the refusal the table gives: sign in first, or 403 */
        scope.mission_id = n > 0 ? ms[0].id : 0;
        rc = req_allow(rq, AUTHZ_INITIATIVE_CREATE, &scope);
        return rc ? rc : ERR_NOTFOUND;
    }
    regform_begin(rq, &h, _("Add an initiative"), NULL);
    html_elem(&h, "p", _("Choose the mission the initiative belongs to:"));
    html_open(&h, "ul", NULL);
    for (i = 0; i < n; i++) {
        scope.mission_id = ms[i].id;
        if (!req_may(rq, AUTHZ_INITIATIVE_CREATE, &scope))
            continue;
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", L(rq, ms[i].title_sv, ms[i].title_en), "href",
                       url_initiative_new(rq, ms[i].slug), "lang", L_lang(rq, ms[i].title_en),
                       NULL);
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_initiative_new(struct req *rq)
{
    struct initiative_choices c;
    struct initiative_form f;
    enum err rc;

    rc = new_in_mission(rq, rq->db, &c);
    if (rc)
        return rc;
    memset(&f, 0, sizeof(f));
    f.in.status = "accepted";
    f.rows = PART_ROWS_MIN;
    return initiative_form_page(rq, _("Add an initiative"), url_initiative_new(rq, c.m.slug), &c,
                                &f, NULL);
}

enum err
post_initiative_new(struct req *rq)
{
    struct initiative_choices c;
    struct initiative_form f;
    enum err rc;

    rc = new_in_mission(rq, rq->wdb, &c);
    if (rc)
        return rc;
    /* top-down: a coordinator's own initiative (bottom-up ones are proposals) */
    initiative_read(rq, c.m.id, "top_down", &f);
    return initiative_save(rq, NULL, &c, &f, _("Add an initiative"),
                           url_initiative_new(rq, c.m.slug));
}

enum err
page_initiative_edit(struct req *rq)
{
    struct initiative_choices c;
    struct initiative_form f;
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, rq->db, AUTHZ_INITIATIVE_EDIT, &n);
    if (rc == ERR_OK)
        rc = regform_not_pending(rq, rq->db, n.id);
    if (rc)
        return rc;
    rc = choices_load(rq, rq->db, n.mission_id, &c);
    if (rc)
        return rc;
    initiative_fill(rq, &n, &f);
    return initiative_form_page(
        rq, arena_printf(rq->arena, _("Edit %s"), L(rq, n.title_sv, n.title_en)),
        url_initiative_edit(rq, n.id), &c, &f, NULL);
}

enum err
post_initiative_edit(struct req *rq)
{
    struct initiative_choices c;
    struct initiative_form f;
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, rq->wdb, AUTHZ_INITIATIVE_EDIT, &n);
    if (rc == ERR_OK)
        rc = regform_not_pending(rq, rq->wdb, n.id);
    if (rc)
        return rc;
    rc = choices_load(rq, rq->wdb, n.mission_id, &c);
    if (rc)
        return rc;
    /* the mission and origin stay as stored */
    initiative_read(rq, n.mission_id, n.origin, &f);
    if (*f.in.slug == '\0')
        f.in.slug = n.slug; /* left empty: the address stays */
    return initiative_save(rq, &n, &c, &f,
                           arena_printf(rq->arena, _("Edit %s"), L(rq, n.title_sv, n.title_en)),
                           url_initiative_edit(rq, n.id));
}

enum err
page_initiative_archive(struct req *rq)
{
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, rq->db, AUTHZ_INITIATIVE_ARCHIVE, &n);
    if (rc == ERR_OK)
        rc = regform_not_pending(rq, rq->db, n.id);
    if (rc)
        return rc;
    return regform_archive_page(rq, L(rq, n.title_sv, n.title_en), url_initiative_archive(rq, n.id),
                                url_initiative(rq, n.id));
}

enum err
post_initiative_archive(struct req *rq)
{
    struct initiative n;
    enum err rc;

    rc = initiative_of_path(rq, rq->wdb, AUTHZ_INITIATIVE_ARCHIVE, &n);
    if (rc == ERR_OK)
        rc = regform_not_pending(rq, rq->wdb, n.id);
    if (rc)
        return rc;
    return regform_archive(rq, registry_initiative_archive, n.id, url_initiative(rq, n.id));
}
