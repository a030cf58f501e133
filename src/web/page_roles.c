/*
 * page_roles.c — roles in the browser: asking to represent an actor (from the actor's
 * page), the account's own roles and requests (on /account), and the queue of requests
 * that coordinators and admins confirm or refuse (/admin/requests).
 *
 * Every change goes through domain/roles.h, which checks the caller against the
 * authorization table once more and ends the sessions of the account whose rights changed
 * (SECURITY.md item 9). The actor and the account of a confirmation come from the path,
 * never from the form.
 */
#include <string.h>
#include <time.h>

#include "domain/roles.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* ------------------------------------------------------------------ the actor's page */

void
account_represent_offer(struct req *rq, struct html *h, int64_t actor_id)
{
    const struct principal *u;
    struct authz_scope scope = {.actor_id = actor_id};

    /* a visitor without a session reads nothing: the page stays the shared copy */
    if (!auth_has_session_cookie(rq))
        return;
    u = req_user(rq);
    if (u == NULL || u->kind != PRINCIPAL_SESSION)
        return;
    scope.owner_user_id = u->user_id;
    if (!req_offers(rq, AUTHZ_REPRESENTATIVE_REQUEST, &scope))
        return;
    html_open(h, "section", "class", "represent", NULL);
    html_elem(h, "h2", _("Do you work here?"));
    html_elem(h, "p",
              _("Ask to represent this organisation. A coordinator or an administrator confirms "
                "it; then you can describe the organisation and propose initiatives for it."));
    form_begin(rq, h, url_actor_represent(rq, actor_id));
    form_submit(h, _("I represent this organisation"));
    form_end(h);
    html_close(h, "section");
}

enum err
post_actor_represent(struct req *rq)
{
    const struct principal *u;
    const struct who *w;
    struct authz_scope scope = {0};
    struct write_error we = {0};
    enum err rc;

    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    scope.actor_id = req_int(rq, "id", 0);
    scope.owner_user_id = u->kind == PRINCIPAL_SESSION ? u->user_id : -1;
    rc = req_allow(rq, AUTHZ_REPRESENTATIVE_REQUEST, &scope);
    if (rc)
        return rc;
    rc = req_who(rq, &w);
    if (rc)
        return rc;
    rc = roles_representative_request(rq->wdb, w, scope.actor_id, (int64_t)time(NULL), &we);
    if (rc == ERR_INVALID && strcmp(we.field, "actor_id") == 0)
        return ERR_NOTFOUND;
    if (rc && rc != ERR_CONFLICT) /* asked already, or representing: the account says so */
        return rc;
    resp_redirect(rq, url_account(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ the account's roles */

/* ------------------------------------------------------------------ the queue */

enum err
page_admin_requests(struct req *rq)
{
    const char *title = _("Requests");
    struct representative_request *v;
    struct html h;
    int n, i;
    enum err rc;

    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, "/admin/requests");
        return ERR_OK;
    }
    rc = req_allow(rq, AUTHZ_REPRESENTATIVE_CONFIRM, NULL);
    if (rc)
        return rc;
    rc = roles_representative_requests(rq->db, rq->arena, &v, &n);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "h2", _("Requests to represent an organisation"));
    html_elem(&h, "p",
              _("Confirm a request when you know the person works for the organisation. A "
                "representative may edit the organisation's description and propose "
                "initiatives for it."));
    if (n == 0) {
        html_elem(&h, "p", _("No requests are waiting."));
    } else {
        html_open(&h, "table", NULL);
        html_open(&h, "thead", NULL);
        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", _("Organisation"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("E-mail address"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Decision"), "scope", "col", NULL);
        html_close(&h, "tr");
        html_close(&h, "thead");
        html_open(&h, "tbody", NULL);
        for (i = 0; i < n; i++) {
            html_open(&h, "tr", NULL);
            html_open(&h, "td", NULL);
            html_elem_attr(&h, "a", v[i].actor_name, "href", url_actor(rq, v[i].actor_id), NULL);
            html_close(&h, "td");
            html_elem(&h, "td", v[i].email);
            html_open(&h, "td", NULL);
            form_begin(rq, &h, url_representative(rq, v[i].actor_id, v[i].user_id, "confirm"));
            form_submit(&h, _("Confirm"));
            form_end(&h);
            form_begin(rq, &h, url_representative(rq, v[i].actor_id, v[i].user_id, "revoke"));
            form_submit(&h, _("Refuse"));
            form_end(&h);
            html_close(&h, "td");
            html_close(&h, "tr");
        }
        html_close(&h, "tbody");
        html_close(&h, "table");
    }
    rc = account_deletions_section(rq, &h);
    if (rc)
        return rc;
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* A decision on user's request to represent actor (both from the path). */
static enum err
decide(struct req *rq, bool confirm)
{
    struct authz_scope scope = {0};
    struct write_error we = {0};
    const struct who *w;
    int64_t user = req_int(rq, "user", 0);
    enum err rc;

    scope.actor_id = req_int(rq, "id", 0);
    if (!confirm)
        scope.owner_user_id = user;
    rc =
        req_allow(rq, confirm ? AUTHZ_REPRESENTATIVE_CONFIRM : AUTHZ_REPRESENTATIVE_REVOKE, &scope);
    if (rc)
        return rc;
    rc = req_who(rq, &w);
    if (rc)
        return rc;
    rc = confirm ? roles_representative_confirm(rq->wdb, w, user, scope.actor_id,
                                                (int64_t)time(NULL), &we)
                 : roles_representative_revoke(rq->wdb, w, user, scope.actor_id,
                                               (int64_t)time(NULL), &we);
    if (rc == ERR_INVALID && strcmp(we.field, "by") == 0)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL,
                          _("Someone else must confirm your own request."));
    if (rc == ERR_INVALID || rc == ERR_CONFLICT)
        return ERR_NOTFOUND; /* no such account, actor or request waiting */
    if (rc)
        return rc;
    resp_redirect(rq, w->user_id == user && !confirm ? url_account(rq) : url_admin_requests(rq));
    return ERR_OK;
}

enum err
post_representative_confirm(struct req *rq)
{
    return decide(rq, true);
}

enum err
post_representative_revoke(struct req *rq)
{
    return decide(rq, false);
}
