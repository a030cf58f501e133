/*
 * page_admin.c — the admins' account pages: every account in a paged list (name, e-mail,
 * role, status, two-factor), one account's roles with the forms that change them (admin
 * granted or taken, coordinators of missions assigned and removed) and disabling an
 * account after a confirmation page.
 *
 * Every change goes through domain/roles.h, which checks the caller against the
 * authorization table once more, ends the sessions of the account whose rights changed
 * (SECURITY.md item 9) and keeps the last admin. The account and the mission come from
 * the path, except the mission to assign, which the form chooses and the domain checks.
 * Never: show these pages (they list e-mail addresses) to anyone but an admin.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/mission.h"
#include "domain/roles.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pager.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

#define ADMIN_PER_PAGE 50

/* Whether the caller is an admin (the admins' own rule, account.disable, asked with no
 * resource); else *out is what the handler returns: ERR_OK once a visitor has been sent to
 * sign in and back, or the refusal (403). */
static bool
admin_page(struct req *rq, const char *back, enum err *out)
{
    *out = ERR_OK;
    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, back);
        return false;
    }
    *out = req_allow(rq, AUTHZ_ACCOUNT_DISABLE, NULL);
    return *out == ERR_OK;
}

static const char *
role_text(struct req *rq, const struct account_row *r)
{
    if (r->is_admin)
        return _("Administrator");
    if (r->n_missions > 0)
        return arena_printf(rq->arena, _("Coordinator (%lld missions)"), (long long)r->n_missions);
    return _("Signed-in user");
}

/* ------------------------------------------------------------------ the list */

enum err
page_admin_users(struct req *rq)
{
    const char *title = _("Accounts");
    struct account_row *v;
    struct pager p;
    struct html h;
    int n, i;
    enum err rc;

    if (!admin_page(rq, "/admin/users", &rc))
        return rc;
    pager_read(rq, &p, ADMIN_PER_PAGE);
    rc = roles_accounts(rq->db, rq->arena, &p.pg, &v, &n, &p.total);
    if (rc == ERR_OK)
        rc = pager_check(rq, &p);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_open(&h, "table", NULL);
    html_open(&h, "thead", NULL);
    html_open(&h, "tr", NULL);
    html_elem_attr(&h, "th", _("Name"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("E-mail address"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Role"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Status"), "scope", "col", NULL);
    html_elem_attr(&h, "th", _("Two-factor sign-in"), "scope", "col", NULL);
    html_close(&h, "tr");
    html_close(&h, "thead");
    html_open(&h, "tbody", NULL);
    for (i = 0; i < n; i++) {
        html_open(&h, "tr", NULL);
        html_open(&h, "td", NULL);
        html_elem_attr(&h, "a", v[i].name, "href", url_admin_user(rq, v[i].id, NULL), NULL);
        html_close(&h, "td");
        html_elem(&h, "td", v[i].email);
        html_elem(&h, "td", role_text(rq, &v[i]));
        html_elem(&h, "td", v[i].is_active ? _("Active") : _("Disabled"));
        html_elem(&h, "td", v[i].has_mfa ? _("On") : _("Off"));
        html_close(&h, "tr");
    }
    html_close(&h, "tbody");
    html_close(&h, "table");
    layout_pager(rq, &h, p.page, p.pages, p.page > 1 ? url_admin_users(rq, p.page - 1) : NULL,
                 p.page < p.pages ? url_admin_users(rq, p.page + 1) : NULL);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------------ one account */

static enum err
user_page(struct req *rq, int64_t id, const struct form_errors *e)
{
    struct account_row r;
    struct held_role *m, *a;
    struct mission *all;
    struct html h;
    int nm, na, n_all, i;
    enum err rc;

    rc = roles_account(rq->db, rq->arena, id, &r);
    if (rc == ERR_OK)
        rc = roles_of(rq->db, rq->arena, id, &m, &nm, &a, &na);
    if (rc == ERR_OK)
        rc = mission_list(rq->db, rq->arena, &all, &n_all);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, account_title(rq, e, r.name));
    html_elem(&h, "h1", r.name);
    form_summary(rq, &h, e);
    html_open(&h, "dl", NULL);
    html_elem(&h, "dt", _("E-mail address"));
    html_elem(&h, "dd", r.email);
    html_elem(&h, "dt", _("Role"));
    html_elem(&h, "dd", role_text(rq, &r));
    html_elem(&h, "dt", _("Status"));
    html_elem_attr(&h, "dd", r.is_active ? _("Active") : _("Disabled"), "id", "account-status",
                   NULL);
    html_elem(&h, "dt", _("Two-factor sign-in"));
    html_elem(&h, "dd", r.has_mfa ? _("On") : _("Off"));
    html_close(&h, "dl");
    if (!r.is_active) {
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "a", _("All accounts"), "href", url_admin_users(rq, 1), NULL);
        html_close(&h, "p");
        layout_end(rq, &h, NULL);
        return ERR_OK;
    }

    html_elem_attr(&h, "h2", _("Administrator"), "id", "f-role", NULL); /* a refusal links here */
    html_elem(&h, "p",
              _("An administrator may do everything: create missions, assign coordinators and "
                "manage accounts. Any change of role ends the account's sessions."));
    form_begin(rq, &h, url_admin_user(rq, id, r.is_admin ? "admin/revoke" : "admin"));
    form_submit(&h, r.is_admin ? _("Take administrator away") : _("Make administrator"));
    form_end(&h);

    html_elem(&h, "h2", _("Coordinator of missions"));
    if (nm == 0)
        html_elem(&h, "p", _("None."));
    html_open(&h, "ul", NULL);
    for (i = 0; i < nm; i++) {
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", L(rq, m[i].name_sv, m[i].name_en), "href",
                       url_mission(rq, m[i].slug), NULL);
        form_begin(rq, &h, url_admin_coordinator_remove(rq, id, m[i].id));
        html_open(&h, "button", "type", "submit", "aria-label",
                  arena_printf(rq->arena, "%s: %s", _("Remove"), L(rq, m[i].name_sv, m[i].name_en)),
                  NULL);
        html_text(&h, _("Remove"));
        html_close(&h, "button");
        form_end(&h);
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    form_begin(rq, &h, url_admin_user(rq, id, "missions"));
    html_open(&h, "div", "class", "field", NULL);
    html_elem_attr(&h, "label", _("Mission"), "for", "f-mission", NULL);
    if (form_error_of(e, "mission") != NULL)
        html_elem_attr(&h, "p", form_error_of(e, "mission"), "class", "error", "id",
                       "f-mission-error", NULL);
    html_open(&h, "select", "id", "f-mission", "name", "mission", NULL);
    for (i = 0; i < n_all; i++) {
        html_elem_attr(&h, "option", L(rq, all[i].title_sv, all[i].title_en), "value",
                       arena_printf(rq->arena, "%lld", (long long)all[i].id), NULL);
    }
    html_close(&h, "select");
    html_close(&h, "div");
    form_submit(&h, _("Make coordinator"));
    form_end(&h);

    html_elem(&h, "h2", _("Disable the account"));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Disable the account"), "href", url_admin_user(rq, id, "disable"),
                   NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_admin_user(struct req *rq)
{
    int64_t id = req_int(rq, "id", 0);
    enum err rc;

    if (!admin_page(rq, url_admin_user(rq, id, NULL), &rc))
        return rc;
    return user_page(rq, id, NULL);
}

/* The message for a refusal of roles.h, for the form's field. */
static const char *
refusal(const struct write_error *we, enum err rc)
{
    if (rc == ERR_CONFLICT && strcmp(we->msg, "is the last admin") == 0)
        return _("This is the last administrator: make another one first.");
    if (rc == ERR_CONFLICT && strcmp(we->msg, "is the caller's own account") == 0)
        return _("You cannot disable your own account.");
    if (rc == ERR_CONFLICT)
        return _("The account has that role already.");
    return _("That mission does not exist.");
}

/* A change of user id's roles (from the path) by the caller: act, on mission (0: none). */
static enum err
role_change(struct req *rq, enum authz_action act, int64_t mission_id)
{
    struct authz_scope scope = {0};
    struct form_errors e = {0};
    struct write_error we = {0};
    const struct who *w;
    int64_t id = req_int(rq, "id", 0), now = (int64_t)time(NULL);
    enum err rc;

    scope.owner_user_id = id;
    scope.mission_id = mission_id;
    rc = req_allow(rq, act, &scope);
    if (rc)
        return rc;
    rc = req_who(rq, &w);
    if (rc)
        return rc;
    switch (act) {
    case AUTHZ_ADMIN_GRANT:
        rc = roles_admin_grant(rq->wdb, w, id, now, &we);
        break;
    case AUTHZ_ADMIN_REVOKE:
        rc = roles_admin_revoke(rq->wdb, w, id, now, &we);
        break;
    case AUTHZ_COORDINATOR_ASSIGN:
        rc = roles_coordinator_add(rq->wdb, w, id, mission_id, now, &we);
        break;
    default:
        rc = roles_coordinator_remove(rq->wdb, w, id, mission_id, now, &we);
        break;
    }
    if (rc == ERR_INVALID && strcmp(we.field, "user_id") == 0)
        return ERR_NOTFOUND; /* no such active account */
    if (rc == ERR_INVALID && strcmp(we.field, "by") == 0)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL, _("You may not make this change."));
    if (rc == ERR_INVALID || rc == ERR_CONFLICT) {
        form_error(&e, act == AUTHZ_COORDINATOR_ASSIGN ? "mission" : "role", refusal(&we, rc));
        rq->resp.status = 422;
        return user_page(rq, id, &e);
    }
    if (rc)
        return rc;
    resp_redirect(rq, url_admin_user(rq, id, NULL));
    return ERR_OK;
}

enum err
post_admin_grant(struct req *rq)
{
    return role_change(rq, AUTHZ_ADMIN_GRANT, 0);
}

enum err
post_admin_revoke(struct req *rq)
{
    return role_change(rq, AUTHZ_ADMIN_REVOKE, 0);
}

enum err
post_coordinator_assign(struct req *rq)
{
    const char *v = account_field(rq, "mission");
    char *end = NULL;
    long long m = strtoll(v, &end, 10);

    /* not a number: no mission (the domain names the field for an unknown one) */
    return role_change(rq, AUTHZ_COORDINATOR_ASSIGN, *v && *end == '\0' && m > 0 ? m : -1);
}

enum err
post_coordinator_remove(struct req *rq)
{
    return role_change(rq, AUTHZ_COORDINATOR_REMOVE, req_int(rq, "mission", 0));
}

/* ------------------------------------------------------------------ disabling */

static enum err
disable_page(struct req *rq, int64_t id, const struct form_errors *e)
{
    struct account_row r;
    struct html h;
    const char *title;
    enum err rc;

    rc = roles_account(rq->db, rq->arena, id, &r);
    if (rc)
        return rc;
    title = arena_printf(rq->arena, _("Disable the account of %s?"), r.name);
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, account_title(rq, e, title));
    html_elem(&h, "h1", title);
    form_summary(rq, &h, e);
    html_elem_attr(&h, "p",
                   _("The account can no longer sign in, its sessions end and its API tokens "
                     "stop working. Nothing is deleted: what it did stays in the history."),
                   "id", "f-account", NULL); /* a refusal links here */
    form_begin(rq, &h, url_admin_user(rq, id, "disable"));
    form_submit(&h, _("Disable the account"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Cancel"), "href", url_admin_user(rq, id, NULL), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_admin_disable(struct req *rq)
{
    int64_t id = req_int(rq, "id", 0);
    enum err rc;

    if (!admin_page(rq, url_admin_user(rq, id, "disable"), &rc))
        return rc;
    return disable_page(rq, id, NULL);
}

enum err
post_admin_disable(struct req *rq)
{
    struct authz_scope scope = {0};
    struct form_errors e = {0};
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
    rc = roles_account_disable(rq->wdb, w, id, (int64_t)time(NULL), &we);
    if (rc == ERR_CONFLICT) {
        form_error(&e, "account", refusal(&we, rc));
        rq->resp.status = 422;
        return disable_page(rq, id, &e);
    }
    if (rc == ERR_INVALID)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL, _("You may not make this change."));
    if (rc)
        return rc;
    resp_redirect(rq, url_admin_user(rq, id, NULL));
    return ERR_OK;
}
