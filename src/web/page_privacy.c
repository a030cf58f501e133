/*
 * page_privacy.c — the user's personal data: what samverka holds about them (/account/data)
 * and its download as JSON (/account/data.json, an attachment), a request to delete it
 * (recorded and e-mailed to the admins in the platform's default language), and an
 * admin carrying such a request out (/admin/users/{id}/erase, after a confirmation page).
 *
 * Never: show one account's data to another (the page is its owner's; the erase pages an
 * admin's), delete anything others point to (domain/privacy.c anonymises instead).
 */
#include <string.h>
#include <time.h>

#include "core/json.h"
#include "domain/privacy.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* The name an erased person is given: in the platform's default language, as the public
 * pages show it to everyone. */
static const char *
anon_name(struct req *rq)
{
    const char *s;

    i18n_use(LANG_SV);
    s = _("Deleted user");
    i18n_use(rq->lang);
    return s;
}

static void
dl_item(struct html *h, const char *term, const char *value)
{
    html_elem(h, "dt", term);
    html_elem(h, "dd", value != NULL && *value ? value : "–");
}

/* ------------------------------------------------------------------ the page */

enum err
page_account_data(struct req *rq)
{
    const struct principal *u = account_user(rq, "/account/data");
    const char *title = _("Your personal data");
    struct privacy_data d;
    struct html h;
    int i;
    enum err rc;

    if (u == NULL)
        return ERR_OK;
    rc = privacy_load(rq->db, rq->arena, u->user_id, (int64_t)time(NULL), &d);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p", _("This is everything samverka holds about you."));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Download it as JSON"), "href", url_account_data(rq, ".json"),
                   "download", "", NULL);
    html_close(&h, "p");

    html_elem(&h, "h2", _("Account"));
    html_open(&h, "dl", NULL);
    dl_item(&h, _("E-mail address"), d.email);
    dl_item(&h, _("Created"), fmt_date_unix(rq, d.created_at));
    dl_item(&h, _("Role"), strcmp(d.role, "admin") == 0 ? _("Administrator") : _("Signed-in user"));
    dl_item(&h, _("Sessions signed in now"),
            arena_printf(rq->arena, "%lld", (long long)d.sessions));
    html_close(&h, "dl");

    html_elem(&h, "h2", _("Person"));
    html_open(&h, "dl", NULL);
    dl_item(&h, _("Name"), d.name);
    dl_item(&h, _("Title"), L(rq, d.title_sv, d.title_en));
    dl_item(&h, _("Organisation"), d.actor);
    dl_item(&h, _("Contact e-mail"), d.person_email);
    dl_item(&h, _("Phone"), d.phone);
    html_close(&h, "dl");

    rc = account_roles_section(rq, &h, u);
    if (rc)
        return rc;

    html_elem(&h, "h2", _("API tokens"));
    if (d.n_tokens == 0)
        html_elem(&h, "p", _("You have no API tokens."));
    html_open(&h, "ul", NULL);
    for (i = 0; i < d.n_tokens; i++) {
        html_open(&h, "li", NULL);
        html_text(&h, d.tokens[i].name);
        html_text(&h, " (");
        html_text(&h, fmt_date_unix(rq, d.tokens[i].created_at));
        html_text(&h, ")");
        html_close(&h, "li");
    }
    html_close(&h, "ul");

    html_elem(&h, "h2", _("Changes you made"));
    html_elem_attr(
        &h, "p",
        arena_printf(rq->arena, _("%lld entries in the history."), (long long)d.audit_total), "id",
        "audit-total", NULL);
    if (d.n_audit > 0) {
        html_open(&h, "table", NULL);
        html_open(&h, "thead", NULL);
        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", _("When"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("What"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Of"), "scope", "col", NULL);
        html_close(&h, "tr");
        html_close(&h, "thead");
        html_open(&h, "tbody", NULL);
        for (i = 0; i < d.n_audit && i < 100; i++) {
            html_open(&h, "tr", NULL);
            html_elem(&h, "td", fmt_date_unix(rq, d.audit[i].at));
            html_elem(&h, "td", d.audit[i].action);
            html_elem(&h, "td",
                      d.audit[i].entity_id ? arena_printf(rq->arena, "%s %lld", d.audit[i].entity,
                                                          (long long)d.audit[i].entity_id)
                                           : d.audit[i].entity);
            html_close(&h, "tr");
        }
        html_close(&h, "tbody");
        html_close(&h, "table");
        if (d.n_audit > 100)
            html_elem(&h, "p", _("The newest 100 are shown here; the download holds more."));
    }

    html_elem(&h, "h2", _("Your proposals"));
    html_elem_attr(
        &h, "p",
        arena_printf(rq->arena,
                     ngettext("You have made %lld proposal.", "You have made %lld proposals.",
                              (unsigned long)d.proposals_total),
                     (long long)d.proposals_total),
        "id", "proposals-total", NULL);
    if (d.n_proposals > 0) {
        html_open(&h, "table", NULL);
        html_open(&h, "thead", NULL);
        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", _("Initiative"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Mission"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Status"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Last change"), "scope", "col", NULL);
        html_close(&h, "tr");
        html_close(&h, "thead");
        html_open(&h, "tbody", NULL);
        for (i = 0; i < d.n_proposals && i < 100; i++) {
            const struct proposal *p = &d.proposals[i];

            html_open(&h, "tr", NULL);
            html_elem(&h, "td", L(rq, p->title_sv, p->title_en));
            html_elem(&h, "td", L(rq, p->mission_title_sv, p->mission_title_en));
            html_elem(&h, "td", label_code(&code_proposal_state, p->state));
            html_elem(&h, "td", fmt_date_unix(rq, p->updated_at));
            html_close(&h, "tr");
        }
        html_close(&h, "tbody");
        html_close(&h, "table");
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a", _("Your proposals, with their conversations"), "href",
                       url_my_proposals(rq), NULL);
        html_close(&h, "p");
    }

    html_elem(&h, "h2", _("Your steps on proposals"));
    html_elem_attr(&h, "p",
                   arena_printf(rq->arena,
                                ngettext("You have taken %lld step on proposals (yours, or "
                                         "as a reviewer), with your comments.",
                                         "You have taken %lld steps on proposals (yours, or "
                                         "as a reviewer), with your comments.",
                                         (unsigned long)d.steps_total),
                                (long long)d.steps_total),
                   "id", "steps-total", NULL);
    if (d.n_steps > 0) {
        html_open(&h, "table", NULL);
        html_open(&h, "thead", NULL);
        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", _("When"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Initiative"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("What"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Comment"), "scope", "col", NULL);
        html_close(&h, "tr");
        html_close(&h, "thead");
        html_open(&h, "tbody", NULL);
        for (i = 0; i < d.n_steps && i < 100; i++) {
            const struct privacy_step *st = &d.steps[i];

            html_open(&h, "tr", NULL);
            html_elem(&h, "td", fmt_date_unix(rq, st->at));
            html_elem(&h, "td", L(rq, st->title_sv, st->title_en));
            html_elem(&h, "td", label_code(&code_proposal_action, st->action));
            html_elem(&h, "td", st->comment);
            html_close(&h, "tr");
        }
        html_close(&h, "tbody");
        html_close(&h, "table");
    }
    if (d.n_proposals > 100 || d.n_steps > 100)
        html_elem(&h, "p", _("The newest 100 are shown here; the download holds more."));

    html_elem(&h, "h2", _("Ask for deletion"));
    if (d.deletion_asked_at) {
        html_elem_attr(&h, "p",
                       arena_printf(rq->arena,
                                    _("You asked for deletion on %s. An administrator will "
                                      "carry it out."),
                                    fmt_date_unix(rq, d.deletion_asked_at)),
                       "id", "deletion-asked", NULL);
    } else {
        html_elem(&h, "p",
                  _("An administrator removes your name and contact details and closes your "
                    "account. What you changed stays in the history, but no longer under your "
                    "name or e-mail address."));
        form_begin(rq, &h, url_account_data(rq, "/delete"));
        form_submit(&h, _("Ask for deletion"));
        form_end(&h);
    }
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------------ the download */

static void
json_role(struct json *j, const struct held_role *r, bool mission)
{
    json_obj_open(j);
    json_kint(j, "id", r->id);
    if (mission)
        json_kstr(j, "slug", r->slug);
    json_kstr(j, "name", r->name_sv);
    if (!mission)
        json_kbool(j, "confirmed", r->is_confirmed);
    json_obj_close(j);
}

enum err
file_account_data(struct req *rq)
{
    const struct principal *u = account_user(rq, "/account/data");
    struct privacy_data d;
    struct json j;
    int i;
    enum err rc;

    if (u == NULL)
        return ERR_OK;
    rc = privacy_load(rq->db, rq->arena, u->user_id, (int64_t)time(NULL), &d);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    json_key(&j, "account");
    json_obj_open(&j);
    json_kint(&j, "id", d.user_id);
    json_kstr(&j, "email", d.email);
    json_kstr(&j, "status", d.status);
    json_kstr(&j, "role", d.role);
    json_kint(&j, "created_at", d.created_at);
    json_kint(&j, "sessions", d.sessions);
    json_obj_close(&j);
    json_key(&j, "person");
    json_obj_open(&j);
    json_kint(&j, "id", d.person_id);
    json_kstr(&j, "name", d.name);
    json_kstr(&j, "title_sv", d.title_sv);
    json_kstr(&j, "title_en", d.title_en);
    json_kstr(&j, "organisation", d.actor);
    json_kstr(&j, "email", d.person_email);
    json_kstr(&j, "phone", d.phone);
    json_obj_close(&j);
    json_key(&j, "coordinator_of");
    json_arr_open(&j);
    for (i = 0; i < d.n_missions; i++)
        json_role(&j, &d.missions[i], true);
    json_arr_close(&j);
    json_key(&j, "representative_of");
    json_arr_open(&j);
    for (i = 0; i < d.n_actors; i++)
        json_role(&j, &d.actors[i], false);
    json_arr_close(&j);
    json_key(&j, "api_tokens");
    json_arr_open(&j);
    for (i = 0; i < d.n_tokens; i++) {
        json_obj_open(&j);
        json_kint(&j, "id", d.tokens[i].id);
        json_kstr(&j, "name", d.tokens[i].name);
        json_kint(&j, "created_at", d.tokens[i].created_at);
        if (d.tokens[i].last_used_at)
            json_kint(&j, "last_used_at", d.tokens[i].last_used_at);
        else
            json_knull(&j, "last_used_at");
        json_obj_close(&j);
    }
    json_arr_close(&j);
    json_kint(&j, "audit_total", d.audit_total);
    json_key(&j, "audit");
    json_arr_open(&j);
    for (i = 0; i < d.n_audit; i++) {
        json_obj_open(&j);
        json_kint(&j, "id", d.audit[i].id);
        json_kint(&j, "at", d.audit[i].at);
        json_kstr(&j, "action", d.audit[i].action);
        json_kstr(&j, "entity", d.audit[i].entity);
        if (d.audit[i].entity_id)
            json_kint(&j, "entity_id", d.audit[i].entity_id);
        else
            json_knull(&j, "entity_id");
        json_obj_close(&j);
    }
    json_arr_close(&j);
    json_kint(&j, "proposals_total", d.proposals_total);
    json_key(&j, "proposals");
    json_arr_open(&j);
    for (i = 0; i < d.n_proposals; i++) {
        const struct proposal *p = &d.proposals[i];

        json_obj_open(&j);
        json_kint(&j, "initiative_id", p->initiative_id);
        json_kstr(&j, "title_sv", p->title_sv);
        json_kstr(&j, "title_en", p->title_en);
        json_kstr(&j, "mission", p->mission_slug);
        json_kstr(&j, "state", p->state);
        json_kint(&j, "created_at", p->created_at);
        json_kint(&j, "updated_at", p->updated_at);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    json_kint(&j, "proposal_steps_total", d.steps_total);
    json_key(&j, "proposal_steps");
    json_arr_open(&j);
    for (i = 0; i < d.n_steps; i++) {
        json_obj_open(&j);
        json_kint(&j, "initiative_id", d.steps[i].initiative_id);
        json_kint(&j, "at", d.steps[i].at);
        json_kstr(&j, "action", d.steps[i].action);
        json_kstr(&j, "comment", d.steps[i].comment);
        json_obj_close(&j);
    }
    json_arr_close(&j);
    if (d.deletion_asked_at)
        json_kint(&j, "deletion_asked_at", d.deletion_asked_at);
    else
        json_knull(&j, "deletion_asked_at");
    json_obj_close(&j);
    rc = json_finish(&j);
    if (rc)
        return rc;
    rq->resp.content_type = "application/json; charset=utf-8";
    return resp_header(rq, "Content-Disposition",
                       "attachment; filename=\"samverka-personal-data.json\"; "
                       "filename*=UTF-8''samverka-personal-data.json");
}

/* ------------------------------------------------------------------ asking */

enum err
post_account_data_delete(struct req *rq)
{
    const struct principal *u;
    struct authz_scope scope = {0};
    const char *subject, *body;
    enum err rc;

    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    scope.owner_user_id = u->kind == PRINCIPAL_SESSION ? u->user_id : -1;
    rc = req_allow(rq, AUTHZ_ACCOUNT_SETTINGS, &scope);
    if (rc)
        return rc;
    /* the admins' message: in the platform's default language, naming no one (the
     * address is on the admins' page, behind their sign-in) */
    i18n_use(LANG_SV);
    subject = _("A request to delete personal data in samverka");
    body = _("A user has asked for their personal data to be deleted.\n\nSign in to samverka "
             "and open Requests under your account to carry it out.\n");
    i18n_use(rq->lang);
    rc = privacy_ask(rq->wdb, u->user_id, subject, body, (int64_t)time(NULL));
    if (rc && rc != ERR_CONFLICT) /* asked already: the page says so */
        return rc;
    resp_redirect(rq, url_account_data(rq, NULL));
    return ERR_OK;
}

/* ------------------------------------------------------------------ carrying it out */

enum err
page_admin_erase(struct req *rq)
{
    int64_t id = req_int(rq, "id", 0);
    struct deletion_request *v;
    const struct deletion_request *r = NULL;
    const char *title;
    struct html h;
    int n, i;
    enum err rc;

    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, url_admin_user(rq, id, "erase"));
        return ERR_OK;
    }
    rc = req_allow(rq, AUTHZ_ACCOUNT_DISABLE, NULL);
    if (rc == ERR_OK)
        rc = privacy_requests(rq->db, rq->arena, &v, &n);
    if (rc)
        return rc;
    for (i = 0; i < n; i++)
        if (v[i].user_id == id)
            r = &v[i];
    html_init(&h, &rq->resp.body, rq->arena);
    if (r == NULL) {
        title = _("No deletion was asked for");
        layout_begin(rq, &h, title);
        html_elem(&h, "h1", title);
        html_elem(&h, "p", _("This account has no open request to delete its personal data."));
    } else {
        title = arena_printf(rq->arena, _("Delete the personal data of %s?"), r->name);
        layout_begin(rq, &h, title);
        html_elem(&h, "h1", title);
        html_elem(&h, "p",
                  _("The person's name becomes \"Deleted user\" and their title and contact "
                    "details are removed; the account is closed and loses its e-mail address, "
                    "sessions, API tokens and roles. What they changed stays in the history "
                    "under no name. This cannot be undone."));
        form_begin(rq, &h, url_admin_user(rq, id, "erase"));
        form_submit(&h, _("Delete the personal data"));
        form_end(&h);
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Requests"), "href", url_admin_requests(rq), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
post_admin_erase(struct req *rq)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    const struct who *w;
    int64_t id = req_int(rq, "id", 0);
    enum err rc;

    scope.owner_user_id = id;
    rc = req_allow(rq, AUTHZ_ACCOUNT_DISABLE, &scope);
    if (rc)
        return rc;
    rc = req_who(rq, &w);
    if (rc)
        return rc;
    rc = privacy_carry_out(rq->wdb, w, id, anon_name(rq), (int64_t)time(NULL), &we);
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL, _("You may not make this change."));
    if (rc)
        return rc; /* ERR_NOTFOUND: no open request */
    resp_redirect(rq, url_admin_requests(rq));
    return ERR_OK;
}
