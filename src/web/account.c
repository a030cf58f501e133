/*
 * account.c — what the account's pages share (account.h): the signed-in user of a page for
 * signed-in users, a form page's title, the recovery codes' page, where a sign-in goes on
 * to, and the two sections more than one page shows (the roles, the deletion requests).
 * Kept apart from the pages so that none of them depends on another.
 */
#include "web/account.h"

#include <string.h>

#include "domain/privacy.h"
#include "domain/roles.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* The page after a sign-in: where the visitor was going, or their account. */
const char *
account_next(struct req *rq, const char *next)
{
    return next != NULL && *next && url_is_local_path(next) ? next : url_account(rq);
}

const struct principal *
account_user(struct req *rq, const char *back)
{
    const struct principal *u = req_user(rq);

    if (u == NULL || u->kind != PRINCIPAL_SESSION) {
        req_sign_in_first(rq, back);
        return NULL;
    }
    return u;
}

const char *
account_title(struct req *rq, const struct form_errors *e, const char *title)
{
    return e != NULL && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title;
}

/* The recovery codes of a new enrolment, shown once. */
enum err
account_recovery_page(struct req *rq, const struct mfa_recovery *codes, const char *next)
{
    struct html h;
    int i;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Your recovery codes"));
    html_elem(&h, "h1", _("Your recovery codes"));
    html_elem(&h, "p",
              _("Two-factor sign-in is set up. Keep these recovery codes somewhere safe: each "
                "signs you in once if you lose your authenticator. They are shown only now."));
    html_open(&h, "ul", "class", "codes", NULL);
    for (i = 0; i < MFA_RECOVERY_N; i++) {
        html_open(&h, "li", NULL);
        html_elem(&h, "code", codes->code[i]);
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Continue"), "href", account_next(rq, next), "class", "button", NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
account_roles_section(struct req *rq, struct html *h, const struct principal *u)
{
    struct held_role *m, *a;
    int nm, na, i;
    enum err rc;

    rc = roles_of(rq->db, rq->arena, u->user_id, &m, &nm, &a, &na);
    if (rc)
        return rc;
    html_open(h, "section", "id", "roles", NULL);
    html_elem(h, "h2", _("Your roles"));
    if (nm == 0 && na == 0)
        html_elem(h, "p",
                  _("You have no role in a mission yet. To take part for your organisation, "
                    "open its page under Actors and ask to represent it."));
    html_open(h, "ul", NULL);
    for (i = 0; i < nm; i++) {
        html_open(h, "li", NULL);
        html_text(h, _("Coordinator of"));
        html_text(h, " ");
        html_elem_attr(h, "a", L(rq, m[i].name_sv, m[i].name_en), "href",
                       url_mission(rq, m[i].slug), NULL);
        html_close(h, "li");
    }
    for (i = 0; i < na; i++) {
        html_open(h, "li", NULL);
        html_text(h, a[i].is_confirmed ? _("Representative of") : _("Asked to represent"));
        html_text(h, " ");
        html_elem_attr(h, "a", a[i].name_sv, "href", url_actor(rq, a[i].id), NULL);
        if (!a[i].is_confirmed) {
            html_text(h, " ");
            html_elem_attr(h, "span", _("(waiting for confirmation)"), "class", "pending", NULL);
        }
        html_close(h, "li");
    }
    html_close(h, "ul");
    html_close(h, "section");
    return ERR_OK;
}

/* The open requests, for the admins' queue (page_roles.c): nothing for anyone else. */
enum err
account_deletions_section(struct req *rq, struct html *h)
{
    struct deletion_request *v;
    int n, i;
    enum err rc;

    if (!req_may(rq, AUTHZ_ACCOUNT_DISABLE, NULL))
        return ERR_OK;
    rc = privacy_requests(rq->db, rq->arena, &v, &n);
    if (rc)
        return rc;
    html_elem(h, "h2", _("Requests to delete personal data"));
    if (n == 0) {
        html_elem(h, "p", _("No requests are waiting."));
        return ERR_OK;
    }
    html_open(h, "ul", "id", "deletions", NULL);
    for (i = 0; i < n; i++) {
        html_open(h, "li", NULL);
        html_text(h, v[i].name);
        html_text(h, " (");
        html_text(h, v[i].email);
        html_text(h, ", ");
        html_text(h, fmt_date_unix(rq, v[i].created_at));
        html_text(h, ") ");
        html_elem_attr(h, "a", _("Carry it out"), "href", url_admin_user(rq, v[i].user_id, "erase"),
                       NULL);
        html_close(h, "li");
    }
    html_close(h, "ul");
    return ERR_OK;
}
