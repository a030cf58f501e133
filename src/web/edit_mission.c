/*
 * edit_mission.c — the forms that edit a mission and its goal tree's objectives: create,
 * edit and archive a mission (its slug chosen at create, shown but not editable after),
 * create, edit and archive an objective, the mission's team (add, change, remove) and its
 * SDG target links (a checkbox list per goal, replaced as a set). The indicator forms are
 * edit_indicator.c's.
 *
 * Every handler resolves the resource from the path, builds the authorization scope from
 * what is stored (the mission's id, never anything from the body) and asks req_allow for
 * its route's rule before anything else. A post converts the fields into the domain's
 * input struct and calls one write of domain/mission_edit.h (its own transaction): a
 * refusal is shown beside its field, with the values kept, status 422, and nothing
 * written; a success redirects to the mission's page (POST-redirect-GET).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/str.h"
#include "domain/codes.h"
#include "domain/indicator.h"
#include "domain/mission.h"
#include "domain/mission_edit.h"
#include "domain/person.h"
#include "domain/sdg.h"
#include "web/auth.h"
#include "web/edit.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* The most people a select offers (the registry is one agency's contacts). */
#define EDIT_MAX_PEOPLE 2000

/* ------------------------------------------------------------ shared (edit.h) */

const char *
edit_field(const struct req *rq, const char *name)
{
    const char *v = rq->form ? form_get(rq->form, name) : NULL;

    return v != NULL ? v : "";
}

const char *
edit_opt(const struct req *rq, const char *name)
{
    const char *v = edit_field(rq, name);

    return *v ? v : NULL;
}

bool
edit_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    int64_t v;

    if (str_to_i64(s, &v) != ERR_OK || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

bool
edit_num(struct arena *a, const char *s, double *out)
{
    char *t = arena_strdup(a, s), *c;

    /* a Swedish decimal comma is a point */
    for (c = t; *c; c++)
        if (*c == ',')
            *c = '.';
    return str_to_double(t, out) == ERR_OK;
}

const char *
edit_title(struct req *rq, const struct form_errors *e, const char *title)
{
    return e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title;
}

const char *
edit_who(struct req *rq)
{
    const struct principal *p;

    return req_principal(rq, &p) == ERR_OK && p->name != NULL ? p->name : "web";
}

void
edit_cancel(struct html *h, const char *href)
{
    html_open(h, "p", NULL);
    html_elem_attr(h, "a", _("Cancel"), "href", href, NULL);
    html_close(h, "p");
}

enum err
edit_done(struct req *rq, const char *href)
{
    resp_redirect(rq, href);
    return ERR_OK;
}

enum err
edit_refused(enum err rc, struct form_errors *e, const struct write_error *we,
             const char *(*message)(const struct write_error *))
{
    if (rc != ERR_INVALID)
        return rc;
    form_error(e, we->field, message(we));
    return ERR_OK;
}

bool
edit_failed(struct req *rq, const struct form_errors *e)
{
    if (e->n == 0)
        return false;
    rq->resp.status = 422;
    return true;
}

enum err
edit_archive(struct req *rq, enum err (*archive)(struct db *, int64_t, const char *, int64_t),
             int64_t id, const char *who, const char *done)
{
    enum err rc;

    rc = archive(rq->wdb, id, who, (int64_t)time(NULL));
    if (rc)
        return rc;
    return edit_done(rq, done);
}

struct form_option *
edit_people(struct req *rq, int *out_n)
{
    struct page pg = {EDIT_MAX_PEOPLE, 0};
    struct form_option *o;
    struct person *ps;
    int64_t total;
    int n, i;

    *out_n = 0;
    if (person_list(rq->db, rq->arena, &pg, &ps, &n, &total) != ERR_OK)
        return NULL;
    o = arena_alloc(rq->arena, sizeof(*o) * (size_t)(n ? n : 1));
    for (i = 0; i < n; i++) {
        o[i].value = arena_printf(rq->arena, "%lld", (long long)ps[i].id);
        o[i].label = ps[i].actor_name != NULL && *ps[i].actor_name
                         ? arena_printf(rq->arena, "%s (%s)", ps[i].name, ps[i].actor_name)
                         : ps[i].name;
    }
    *out_n = n;
    return o;
}

struct form_option *
edit_codes(struct req *rq, const struct code_set *set)
{
    struct form_option *o = arena_alloc(rq->arena, sizeof(*o) * (size_t)set->n);
    int i;

    for (i = 0; i < set->n; i++) {
        o[i].value = set->codes[i].code;
        o[i].label = label_code(set, set->codes[i].code);
    }
    return o;
}

enum err
edit_mission_allowed(struct req *rq, enum authz_action action, struct mission *out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = mission_get(edit_db(rq), rq->arena, req_str(rq, "slug"), out);
    if (rc)
        return rc;
    scope.mission_id = out->id;
    return req_allow(rq, action, &scope);
}

/* --------------------------------------------------------------- the mission */

/* A mission form's values as text: from the store (edit) or as posted (after an error). */
struct mission_vals {
    const char *slug, *title_sv, *title_en, *goal_sv, *goal_en, *description_sv, *description_en;
    const char *deadline, *start_year, *status, *owner_id;
};

static void
mission_vals_posted(struct req *rq, struct mission_vals *v)
{
    v->slug = edit_field(rq, "slug");
    v->title_sv = edit_field(rq, "title_sv");
    v->title_en = edit_field(rq, "title_en");
    v->goal_sv = edit_field(rq, "goal_sv");
    v->goal_en = edit_field(rq, "goal_en");
    v->description_sv = edit_field(rq, "description_sv");
    v->description_en = edit_field(rq, "description_en");
    v->deadline = edit_field(rq, "deadline");
    v->start_year = edit_field(rq, "start_year");
    v->status = edit_field(rq, "status");
    v->owner_id = edit_field(rq, "owner_id");
}

static void
mission_vals_stored(struct req *rq, const struct mission *m, struct mission_vals *v)
{
    v->slug = m->slug;
    v->title_sv = m->title_sv;
    v->title_en = m->title_en;
    v->goal_sv = m->goal_sv;
    v->goal_en = m->goal_en;
    v->description_sv = m->description_sv;
    v->description_en = m->description_en;
    v->deadline = m->deadline;
    v->start_year = arena_printf(rq->arena, "%d", m->start_year);
    v->status = m->status;
    v->owner_id = m->owner_id ? arena_printf(rq->arena, "%lld", (long long)m->owner_id) : "";
}

/* m NULL: the create form. */
static enum err
mission_form(struct req *rq, const struct form_errors *e, const struct mission *m,
             const struct mission_vals *v)
{
    const char *title = m == NULL ? _("Create a mission") : _("Edit the mission");
    struct form_option *people;
    struct html h;
    int n_people;

    people = edit_people(rq, &n_people);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    form_summary(rq, &h, e);
    form_begin(rq, &h, m == NULL ? url_mission_new(rq) : url_mission_edit(rq, m->slug));
    if (m == NULL) {
        form_input(&h, e, "slug", _("Address name"),
                   _("The mission's address: lowercase letters, digits and hyphens, for example "
                     "skolmat. It cannot be changed later."),
                   FT_TEXT, v->slug, true, "off");
    } else {
        html_open(&h, "div", "class", "field", NULL);
        html_elem(&h, "p", _("Address name"));
        html_open(&h, "p", NULL);
        html_elem(&h, "code", m->slug);
        html_close(&h, "p");
        html_elem_attr(&h, "p",
                       _("The address of the mission's pages and of its API resource cannot be "
                         "changed: links and bookmarks to it would break."),
                       "class", "hint", NULL);
        html_close(&h, "div");
    }
    form_input(&h, e, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, v->title_sv, true, NULL);
    form_input(&h, e, "title_en", _("Title in English"), _("Optional."), FT_TEXT, v->title_en,
               false, NULL);
    form_input(&h, e, "goal_sv", _("Goal in Swedish"),
               _("One bold, measurable goal in a sentence."), FT_TEXT, v->goal_sv, true, NULL);
    form_input(&h, e, "goal_en", _("Goal in English"), _("Optional."), FT_TEXT, v->goal_en, false,
               NULL);
    form_textarea(&h, e, "description_sv", _("Description in Swedish"),
                  _("Optional. Markdown: **bold**, *italics*, lists and links."), v->description_sv,
                  false, 8);
    form_textarea(&h, e, "description_en", _("Description in English"), _("Optional."),
                  v->description_en, false, 8);
    form_input(&h, e, "deadline", _("Deadline"), _("A date, for example 2030-12-31."), FT_DATE,
               v->deadline, true, NULL);
    form_input(&h, e, "start_year", _("Start year"),
               _("The year the mission started, for example 2024."), FT_NUMBER, v->start_year, true,
               NULL);
    form_select(&h, e, "status", _("Status"), NULL, edit_codes(rq, &code_mission_status),
                code_mission_status.n, v->status, NULL);
    form_select(&h, e, "owner_id", _("Page owner"),
                _("Optional: the person responsible for this page."), people, n_people, v->owner_id,
                _("Not named"));
    form_submit(&h, m == NULL ? _("Create") : _("Save"));
    form_end(&h);
    edit_cancel(&h, m == NULL ? url_home(rq) : url_mission(rq, m->slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* What to do about a refused field of a mission (the domain's field, the form's too). */
static const char *
mission_message(const struct write_error *we)
{
    static const struct {
        const char *field, *msg;
    } t[] = {
        {"slug", N_("Enter an address name of lowercase letters, digits and hyphens, at most 64 "
                    "characters, that no other mission has.")},
        {"title_sv", N_("Enter a title in Swedish of at most 300 characters, on one line.")},
        {"title_en", N_("Enter a title in English of at most 300 characters, on one line, or "
                        "leave it empty.")},
        {"goal_sv", N_("Enter the goal in Swedish in at most 300 characters, on one line.")},
        {"goal_en", N_("Enter the goal in English in at most 300 characters, on one line, or "
                       "leave it empty.")},
        {"description_sv", N_("Shorten the description to at most 20,000 characters.")},
        {"description_en", N_("Shorten the description to at most 20,000 characters.")},
        {"deadline", N_("Enter the deadline as a date from 1900 to 2200, for example 2030-12-31.")},
        {"start_year", N_("Enter the start year (1900 to 2200), not after the deadline's year.")},
        {"status", N_("Choose a status from the list.")},
        {"owner_id", N_("Choose the page owner from the list.")},
        {"sdg_targets", N_("Choose SDG targets from the list.")},
    };
    size_t i;

    if (strcmp(we->field, "slug") == 0 && strstr(we->msg, "taken") != NULL)
        return _("Another mission has this address name: choose another.");
    for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        if (strcmp(t[i].field, we->field) == 0)
            return _(t[i].msg);
    return _("Check this value.");
}

/* The posted mission into in; false with e filled when a number is not one. */
static bool
mission_in(struct req *rq, const struct mission_vals *v, struct mission_new *in,
           struct form_errors *e)
{
    int64_t y = 0, owner = 0;

    memset(in, 0, sizeof(*in));
    in->slug = v->slug;
    in->title_sv = v->title_sv;
    in->title_en = edit_opt(rq, "title_en");
    in->goal_sv = v->goal_sv;
    in->goal_en = edit_opt(rq, "goal_en");
    in->description_sv = edit_opt(rq, "description_sv");
    in->description_en = edit_opt(rq, "description_en");
    in->deadline = edit_opt(rq, "deadline");
    in->status = v->status;
    if (!edit_int(v->start_year, 1900, 2200, &y))
        form_error(e, "start_year",
                   _("Enter the start year (1900 to 2200), not after the "
                     "deadline's year."));
    if (*v->owner_id && !edit_int(v->owner_id, 1, INT64_MAX, &owner))
        form_error(e, "owner_id", _("Choose the page owner from the list."));
    if (in->deadline == NULL)
        form_error(e, "deadline",
                   _("Enter the deadline as a date from 1900 to 2200, for "
                     "example 2030-12-31."));
    in->start_year = (int)y;
    in->owner_id = owner;
    return e->n == 0;
}

enum err
page_mission_new(struct req *rq)
{
    struct mission_vals v = {.status = "active", .start_year = ""};
    enum err rc;

    rc = req_allow(rq, AUTHZ_MISSION_CREATE, NULL);
    if (rc)
        return rc;
    v.slug = v.title_sv = v.title_en = v.goal_sv = v.goal_en = "";
    v.description_sv = v.description_en = v.deadline = v.owner_id = "";
    return mission_form(rq, NULL, NULL, &v);
}

enum err
post_mission_new(struct req *rq)
{
    struct form_errors e = {0};
    struct write_error we;
    struct mission_new in;
    struct mission_vals v;
    int64_t id;
    enum err rc;

    rc = req_allow(rq, AUTHZ_MISSION_CREATE, NULL);
    if (rc)
        return rc;
    mission_vals_posted(rq, &v);
    if (mission_in(rq, &v, &in, &e)) {
        rc = edit_refused(medit_mission_create(rq->wdb, &in, edit_who(rq), &id, &we), &e, &we,
                          mission_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return mission_form(rq, &e, NULL, &v);
    return edit_done(rq, url_mission(rq, in.slug));
}

enum err
page_mission_edit(struct req *rq)
{
    struct mission_vals v;
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_EDIT, &m);
    if (rc)
        return rc;
    mission_vals_stored(rq, &m, &v);
    return mission_form(rq, NULL, &m, &v);
}

/* The codes of the mission's SDG targets (an update replaces them: they go back as they are). */
static enum err
sdg_codes(struct req *rq, int64_t mission_id, const char ***out, int *out_n)
{
    struct sdg_target *t;
    const char **c;
    int n, i;
    enum err rc;

    rc = mission_sdg_targets(edit_db(rq), rq->arena, mission_id, &t, &n);
    if (rc)
        return rc;
    c = arena_alloc(rq->arena, sizeof(*c) * (size_t)(n ? n : 1));
    for (i = 0; i < n; i++)
        c[i] = t[i].code;
    *out = c;
    *out_n = n;
    return ERR_OK;
}

enum err
post_mission_edit(struct req *rq)
{
    struct form_errors e = {0};
    struct write_error we;
    struct mission_new in;
    struct mission_vals v;
    struct mission m;
    const char **sdg;
    int n_sdg;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_EDIT, &m);
    if (rc)
        return rc;
    mission_vals_posted(rq, &v);
    v.slug = m.slug; /* not a field of the edit form: the slug cannot change */
    if (mission_in(rq, &v, &in, &e)) {
        rc = sdg_codes(rq, m.id, &sdg, &n_sdg);
        if (rc)
            return rc;
        in.sdg_targets = sdg;
        in.n_sdg_targets = n_sdg;
        rc = edit_refused(
            medit_mission_update(rq->wdb, m.id, &in, edit_who(rq), (int64_t)time(NULL), &we), &e,
            &we, mission_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return mission_form(rq, &e, &m, &v);
    return edit_done(rq, url_mission(rq, m.slug));
}

/* An archive confirmation: question, what follows, a post form (never archive on a GET). */
void
edit_confirm(struct req *rq, const char *title, const char *what, const char *action,
             const char *problem, const char *back)
{
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, problem ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title);
    html_elem(&h, "h1", title);
    if (problem != NULL) {
        html_open(&h, "div", "class", "error-summary", "role", "alert", NULL);
        html_elem(&h, "p", problem);
        html_close(&h, "div");
    }
    html_elem(&h, "p", what);
    html_elem(&h, "p", _("It leaves the public lists; nothing is deleted."));
    form_begin(rq, &h, action);
    form_submit(&h, _("Archive"));
    form_end(&h);
    edit_cancel(&h, back);
    layout_end(rq, &h, NULL);
}

enum err
page_mission_archive(struct req *rq)
{
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_ARCHIVE, &m);
    if (rc)
        return rc;
    edit_confirm(rq, _("Archive the mission?"), L(rq, m.title_sv, m.title_en),
                 url_mission_archive(rq, m.slug), NULL, url_mission(rq, m.slug));
    return ERR_OK;
}

enum err
post_mission_archive(struct req *rq)
{
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_ARCHIVE, &m);
    if (rc)
        return rc;
    return edit_archive(rq, medit_mission_archive, m.id, edit_who(rq), url_mission(rq, m.slug));
}

/* ------------------------------------------------------------- objectives */

struct objective_vals {
    const char *parent_id, *title_sv, *title_en, *description_sv, *description_en, *weight;
};

static void
objective_vals_posted(struct req *rq, struct objective_vals *v)
{
    v->parent_id = edit_field(rq, "parent_id");
    v->title_sv = edit_field(rq, "title_sv");
    v->title_en = edit_field(rq, "title_en");
    v->description_sv = edit_field(rq, "description_sv");
    v->description_en = edit_field(rq, "description_en");
    v->weight = edit_field(rq, "weight");
}

/* The live objectives of the mission as choices, indented by level; skip (0: none) and
 * the objectives under it are left out (an objective is never its own ancestor). */
struct form_option *
edit_objectives(struct req *rq, int64_t mission_id, int64_t skip, int *out_n)
{
    struct objective *o;
    struct form_option *opt;
    int64_t *left;
    int n, i, k = 0, j, n_left = 0;
    bool out;

    *out_n = 0;
    if (mission_objectives(edit_db(rq), rq->arena, mission_id, &o, &n) != ERR_OK)
        return NULL;
    opt = arena_alloc(rq->arena, sizeof(*opt) * (size_t)(n ? n : 1));
    left = arena_alloc(rq->arena, sizeof(*left) * (size_t)(n ? n : 1));
    for (i = 0; i < n; i++) {
        /* the tree comes parents first: a row whose parent was left out is left out too */
        out = skip != 0 && o[i].id == skip;
        for (j = 0; j < n_left && !out; j++)
            out = o[i].parent_id == left[j];
        if (out) {
            left[n_left++] = o[i].id;
            continue;
        }
        opt[k].value = arena_printf(rq->arena, "%lld", (long long)o[i].id);
        opt[k].label = L(rq, o[i].title_sv, o[i].title_en);
        k++;
    }
    *out_n = k;
    return opt;
}

/* o NULL: the create form. */
static enum err
objective_form(struct req *rq, const struct form_errors *e, const struct mission *m,
               const struct objective *o, const struct objective_vals *v)
{
    const char *title = o == NULL ? _("Add an objective") : _("Edit the objective");
    struct form_option *parents;
    struct html h;
    int n;

    parents = edit_objectives(rq, m->id, o ? o->id : 0, &n);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   NULL);
    html_close(&h, "p");
    form_summary(rq, &h, e);
    form_begin(rq, &h, o == NULL ? url_objective_new(rq, m->slug) : url_objective_edit(rq, o->id));
    form_select(&h, e, "parent_id", _("Under"),
                _("An objective of the mission, or none for the top of the goal tree."), parents, n,
                v->parent_id, _("None (top level)"));
    form_input(&h, e, "title_sv", _("Title in Swedish"), NULL, FT_TEXT, v->title_sv, true, NULL);
    form_input(&h, e, "title_en", _("Title in English"), _("Optional."), FT_TEXT, v->title_en,
               false, NULL);
    form_textarea(&h, e, "description_sv", _("Description in Swedish"), _("Optional."),
                  v->description_sv, false, 5);
    form_textarea(&h, e, "description_en", _("Description in English"), _("Optional."),
                  v->description_en, false, 5);
    form_input(&h, e, "weight", _("Weight"),
               _("Its share in the progress of the level above, for example 1."), FT_NUMBER,
               v->weight, true, NULL);
    form_submit(&h, o == NULL ? _("Create") : _("Save"));
    form_end(&h);
    edit_cancel(&h, url_mission(rq, m->slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static const char *
objective_message(const struct write_error *we)
{
    if (strcmp(we->field, "parent_id") == 0)
        return _("Choose an objective of this mission that is not this one or one under it.");
    if (strcmp(we->field, "title_sv") == 0)
        return _("Enter a title in Swedish of at most 300 characters, on one line.");
    if (strcmp(we->field, "title_en") == 0)
        return _("Enter a title in English of at most 300 characters, on one line, or leave it "
                 "empty.");
    if (strcmp(we->field, "description_sv") == 0 || strcmp(we->field, "description_en") == 0)
        return _("Shorten the description to at most 4,000 characters.");
    if (strcmp(we->field, "weight") == 0)
        return _("Enter a weight from 0 to 1,000,000, for example 1.");
    return _("Check this value.");
}

static bool
objective_in(struct req *rq, int64_t mission_id, const struct objective_vals *v,
             struct objective_new *in, struct form_errors *e)
{
    int64_t parent = 0;

    memset(in, 0, sizeof(*in));
    in->mission_id = mission_id;
    in->title_sv = v->title_sv;
    in->title_en = edit_opt(rq, "title_en");
    in->description_sv = edit_opt(rq, "description_sv");
    in->description_en = edit_opt(rq, "description_en");
    if (*v->parent_id && !edit_int(v->parent_id, 1, INT64_MAX, &parent))
        form_error(e, "parent_id",
                   _("Choose an objective of this mission that is not this one or one under it."));
    if (!edit_num(rq->arena, v->weight, &in->weight))
        form_error(e, "weight", _("Enter a weight from 0 to 1,000,000, for example 1."));
    in->parent_id = parent;
    return e->n == 0;
}

enum err
page_objective_new(struct req *rq)
{
    struct objective_vals v = {"", "", "", "", "", "1"};
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_OBJECTIVE_CREATE, &m);
    if (rc)
        return rc;
    v.parent_id = req_str(rq, "parent") ? req_str(rq, "parent") : "";
    return objective_form(rq, NULL, &m, NULL, &v);
}

enum err
post_objective_new(struct req *rq)
{
    struct form_errors e = {0};
    struct write_error we;
    struct objective_new in;
    struct objective_vals v;
    struct mission m;
    int64_t id;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_OBJECTIVE_CREATE, &m);
    if (rc)
        return rc;
    objective_vals_posted(rq, &v);
    if (objective_in(rq, m.id, &v, &in, &e)) {
        rc = edit_refused(medit_objective_create(rq->wdb, &in, edit_who(rq), &id, &we), &e, &we,
                          objective_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return objective_form(rq, &e, &m, NULL, &v);
    return edit_done(rq, url_mission(rq, m.slug));
}

/* The objective of the path ("id") and its mission, once req_allow lets the request do action
 * on it (the scope: the mission as stored); a missing one is ERR_NOTFOUND before any check. */
static enum err
objective_allowed(struct req *rq, enum authz_action action, struct objective *o, struct mission *m)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = objective_get(edit_db(rq), rq->arena, req_int(rq, "id", 0), o);
    if (rc == ERR_OK)
        rc = mission_get_id(edit_db(rq), rq->arena, o->mission_id, m);
    if (rc)
        return rc;
    scope.mission_id = o->mission_id;
    return req_allow(rq, action, &scope);
}

enum err
page_objective_edit(struct req *rq)
{
    struct objective_vals v;
    struct objective o;
    struct mission m;
    enum err rc;

    rc = objective_allowed(rq, AUTHZ_OBJECTIVE_EDIT, &o, &m);
    if (rc)
        return rc;
    v.parent_id = o.parent_id ? arena_printf(rq->arena, "%lld", (long long)o.parent_id) : "";
    v.title_sv = o.title_sv;
    v.title_en = o.title_en;
    v.description_sv = o.description_sv;
    v.description_en = o.description_en;
    v.weight = arena_printf(rq->arena, "%g", o.weight);
    return objective_form(rq, NULL, &m, &o, &v);
}

enum err
post_objective_edit(struct req *rq)
{
    struct form_errors e = {0};
    struct write_error we;
    struct objective_new in;
    struct objective_vals v;
    struct objective o;
    struct mission m;
    enum err rc;

    rc = objective_allowed(rq, AUTHZ_OBJECTIVE_EDIT, &o, &m);
    if (rc)
        return rc;
    objective_vals_posted(rq, &v);
    if (objective_in(rq, m.id, &v, &in, &e)) {
        rc = edit_refused(
            medit_objective_update(rq->wdb, o.id, &in, edit_who(rq), (int64_t)time(NULL), &we), &e,
            &we, objective_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return objective_form(rq, &e, &m, &o, &v);
    return edit_done(rq, url_mission(rq, m.slug));
}

enum err
page_objective_archive(struct req *rq)
{
    struct objective o;
    struct mission m;
    enum err rc;

    rc = objective_allowed(rq, AUTHZ_OBJECTIVE_ARCHIVE, &o, &m);
    if (rc)
        return rc;
    edit_confirm(rq, _("Archive the objective?"), L(rq, o.title_sv, o.title_en),
                 url_objective_archive(rq, o.id), NULL, url_mission(rq, m.slug));
    return ERR_OK;
}

enum err
post_objective_archive(struct req *rq)
{
    struct objective o;
    struct mission m;
    enum err rc;

    rc = objective_allowed(rq, AUTHZ_OBJECTIVE_ARCHIVE, &o, &m);
    if (rc)
        return rc;
    rc = medit_objective_archive(rq->wdb, o.id, edit_who(rq), (int64_t)time(NULL));
    if (rc == ERR_CONFLICT) {
        rq->resp.status = 409;
        edit_confirm(rq, _("Archive the objective?"), L(rq, o.title_sv, o.title_en),
                     url_objective_archive(rq, o.id),
                     _("This objective still has objectives or indicators under it. Archive "
                       "or move them first."),
                     url_mission(rq, m.slug));
        return ERR_OK;
    }
    if (rc)
        return rc;
    return edit_done(rq, url_mission(rq, m.slug));
}

/* ------------------------------------------------------------------- team */

static enum err
team_page(struct req *rq, const struct form_errors *e, const struct mission *m,
          const char *person_id, const char *role, bool is_contact)
{
    struct form_option *people, *roles = edit_codes(rq, &code_team_role);
    struct team_member *t;
    const char *title = _("Mission team");
    struct html h;
    int n_people, n, i;
    enum err rc;

    rc = mission_team(edit_db(rq), rq->arena, m->id, &t, &n);
    if (rc)
        return rc;
    people = edit_people(rq, &n_people);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   NULL);
    html_close(&h, "p");
    form_summary(rq, &h, e);
    html_open(&h, "section", "aria-labelledby", "members-h", NULL);
    html_elem_attr(&h, "h2", _("Members"), "id", "members-h", NULL);
    if (n == 0)
        html_elem(&h, "p", _("The team has no members yet."));
    for (i = 0; i < n; i++) {
        const char *pid = arena_printf(rq->arena, "%lld", (long long)t[i].person.id);
        const char *fid = arena_printf(rq->arena, "role-%s", pid);

        html_open(&h, "div", "class", "member", NULL);
        html_elem(&h, "h3", t[i].person.name);
        form_begin(rq, &h, url_team_member(rq, m->slug, t[i].person.id));
        html_open(&h, "div", "class", "field", NULL);
        html_elem_attr(&h, "label", _("Role"), "for", arena_printf(rq->arena, "f-%s", fid), NULL);
        html_open(&h, "select", "id", arena_printf(rq->arena, "f-%s", fid), "name", "role", NULL);
        for (int k = 0; k < code_team_role.n; k++)
            html_elem_attr(&h, "option", roles[k].label, "value", roles[k].value, "selected",
                           strcmp(roles[k].value, t[i].role) == 0 ? "" : NULL, NULL);
        html_close(&h, "select");
        html_close(&h, "div");
        form_checkbox(&h, "is_contact", pid, _("Contact: e-mail and phone shown publicly"),
                      t[i].is_contact);
        form_submit(&h, _("Save"));
        form_end(&h);
        form_begin(rq, &h, url_team_remove(rq, m->slug, t[i].person.id));
        form_submit(&h, _("Remove from the team"));
        form_end(&h);
        html_close(&h, "div");
    }
    html_close(&h, "section");
    html_open(&h, "section", "aria-labelledby", "add-h", NULL);
    html_elem_attr(&h, "h2", _("Add a member"), "id", "add-h", NULL);
    form_begin(rq, &h, url_team(rq, m->slug));
    form_select(&h, e, "person_id", _("Person"),
                _("People of the registry. Someone missing is added to the registry first."),
                people, n_people, person_id, _("Choose a person"));
    form_select(&h, e, "role", _("Role"), NULL, roles, code_team_role.n, role, NULL);
    form_checkbox(&h, "is_contact", "new", _("Contact: e-mail and phone shown publicly"),
                  is_contact);
    form_submit(&h, _("Add"));
    form_end(&h);
    html_close(&h, "section");
    edit_cancel(&h, url_mission(rq, m->slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_team(struct req *rq)
{
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc)
        return rc;
    return team_page(rq, NULL, &m, "", code_team_role.codes[0].code, false);
}

static const char *
team_message(const struct write_error *we)
{
    if (strcmp(we->field, "person_id") == 0 && strstr(we->msg, "already") != NULL)
        return _("This person is already in the team: change their role in the list above.");
    if (strcmp(we->field, "person_id") == 0)
        return _("Choose a person from the list.");
    if (strcmp(we->field, "role") == 0)
        return _("Choose a role from the list.");
    return _("Check this value.");
}

enum err
post_team_add(struct req *rq)
{
    struct team_member_new in = {0};
    struct form_errors e = {0};
    struct write_error we;
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc)
        return rc;
    in.mission_id = m.id;
    in.role = edit_field(rq, "role");
    in.is_contact = *edit_field(rq, "is_contact") != '\0';
    if (!edit_int(edit_field(rq, "person_id"), 1, INT64_MAX, &in.person_id)) {
        form_error(&e, "person_id", _("Choose a person from the list."));
    } else {
        rc = edit_refused(medit_team_add(rq->wdb, &in, edit_who(rq), &we), &e, &we, team_message);
        if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return team_page(rq, &e, &m, edit_field(rq, "person_id"), in.role, in.is_contact);
    return edit_done(rq, url_team(rq, m.slug));
}

enum err
post_team_update(struct req *rq)
{
    struct team_member_new in = {0};
    struct form_errors e = {0};
    struct write_error we;
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc)
        return rc;
    in.mission_id = m.id;
    in.person_id = req_int(rq, "person", 0);
    in.role = edit_field(rq, "role");
    in.is_contact = *edit_field(rq, "is_contact") != '\0';
    rc = medit_team_update(rq->wdb, &in, edit_who(rq), (int64_t)time(NULL), &we);
    if (rc == ERR_INVALID) {
        form_error(&e, "role", team_message(&we));
        rq->resp.status = 422;
        return team_page(rq, &e, &m, "", code_team_role.codes[0].code, false);
    }
    if (rc)
        return rc;
    return edit_done(rq, url_team(rq, m.slug));
}

enum err
post_team_remove(struct req *rq)
{
    struct mission m;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_TEAM_EDIT, &m);
    if (rc)
        return rc;
    rc = medit_team_remove(rq->wdb, m.id, req_int(rq, "person", 0), edit_who(rq),
                           (int64_t)time(NULL));
    if (rc)
        return rc;
    return edit_done(rq, url_team(rq, m.slug));
}

/* -------------------------------------------------------------- SDG links */

/* The SDG targets, all of them (169), in framework order. */
#define EDIT_MAX_TARGETS 400

static bool
has_code(const char *const *codes, int n, const char *c)
{
    int i;

    for (i = 0; i < n; i++)
        if (strcmp(codes[i], c) == 0)
            return true;
    return false;
}

static enum err
sdg_form(struct req *rq, const struct form_errors *e, const struct mission *m,
         const char *const *chosen, int n_chosen)
{
    struct page pg = {EDIT_MAX_TARGETS, 0};
    const char *title = _("SDG targets of the mission");
    struct sdg_target *t;
    struct sdg_goal *g;
    struct html h;
    int n, n_goals, i, k = 0;
    int64_t total;
    enum err rc;

    rc = sdg_goals(edit_db(rq), rq->arena, &g, &n_goals);
    if (rc == ERR_OK)
        rc = sdg_target_list(edit_db(rq), rq->arena, 0, &pg, &t, &n, &total);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, edit_title(rq, e, title));
    html_elem(&h, "h1", title);
    html_open(&h, "p", NULL);
    html_text(&h, _("Mission:"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", L(rq, m->title_sv, m->title_en), "href", url_mission(rq, m->slug),
                   NULL);
    html_close(&h, "p");
    html_elem(&h, "p",
              _("Choose the Agenda 2030 targets the mission contributes to. Saving "
                "replaces the mission's links by the ones chosen here."));
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_mission_sdg(rq, m->slug));
    if (form_error_of(e, "sdg_targets") != NULL)
        form_fieldset_begin(&h, e, "sdg_targets", _("SDG targets"));
    for (i = 0; i < n_goals; i++) {
        form_fieldset_begin(&h, NULL, arena_printf(rq->arena, "goal-%d", g[i].code),
                            arena_printf(rq->arena, _("Goal %d: %s"), g[i].code,
                                         rq->lang == LANG_EN ? g[i].short_en : g[i].short_sv));
        for (; k < n && t[k].goal == g[i].code; k++)
            form_checkbox(&h, "sdg", t[k].code,
                          arena_printf(rq->arena, "%s %s", t[k].code, t[k].title_en),
                          has_code(chosen, n_chosen, t[k].code));
        form_fieldset_end(&h);
    }
    if (form_error_of(e, "sdg_targets") != NULL)
        form_fieldset_end(&h);
    form_submit(&h, _("Save"));
    form_end(&h);
    edit_cancel(&h, url_mission(rq, m->slug));
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_mission_sdg(struct req *rq)
{
    struct mission m;
    const char **c;
    int n;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_SDG, &m);
    if (rc)
        return rc;
    rc = sdg_codes(rq, m.id, &c, &n);
    if (rc)
        return rc;
    return sdg_form(rq, NULL, &m, c, n);
}

enum err
post_mission_sdg(struct req *rq)
{
    const char *c[WRITE_MAX_ITEMS + 1];
    struct form_errors e = {0};
    struct write_error we;
    struct mission m;
    int n;
    enum err rc;

    rc = edit_mission_allowed(rq, AUTHZ_MISSION_SDG, &m);
    if (rc)
        return rc;
    n = form_get_all(rq->form, "sdg", c, WRITE_MAX_ITEMS + 1);
    if (n > WRITE_MAX_ITEMS) {
        form_error(&e, "sdg_targets",
                   arena_printf(rq->arena, _("Choose at most %d targets."), WRITE_MAX_ITEMS));
    } else {
        rc = medit_mission_sdg(rq->wdb, m.id, c, n, edit_who(rq), (int64_t)time(NULL), &we);
        if (rc == ERR_INVALID)
            form_error(&e, "sdg_targets", _("Choose SDG targets from the list."));
        else if (rc)
            return rc;
    }
    if (edit_failed(rq, &e))
        return sdg_form(rq, &e, &m, c, n < WRITE_MAX_ITEMS ? n : WRITE_MAX_ITEMS);
    return edit_done(rq, url_mission(rq, m.slug));
}
