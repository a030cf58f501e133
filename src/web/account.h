/*
 * account.h — what the account's pages share (account.c; used by page_account.c, page_mfa.c,
 * page_tokens.c, page_roles.c, page_privacy.c): a posted field, the signed-in user of a page for
 * signed-in users, a form page's title and the recovery codes' page. Never: a handler of its own.
 */
#ifndef WEB_ACCOUNT_H
#define WEB_ACCOUNT_H

#include "core/form.h"
#include "domain/mfa.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/html.h"
#include "web/web.h"

/* A posted form field, "" when absent (never NULL). */
static inline const char *
account_field(const struct req *rq, const char *name)
{
    const char *v = rq->form ? form_get(rq->form, name) : NULL;

    return v != NULL ? v : "";
}

/*
 * The signed-in user (a session) of a page for signed-in users at path back: NULL when
 * there is none, and the visitor has been sent to sign in and back (the handler returns
 * ERR_OK). A request with an API token is no browser: it is sent to sign in too.
 */
const struct principal *account_user(struct req *rq, const char *back);

/* Where a sign-in goes on to: next when it is a path of this site, else the account. */
const char *account_next(struct req *rq, const char *next);
/* A form page's title: "Error: " and title when e has errors (in rq's arena). */
const char *account_title(struct req *rq, const struct form_errors *e, const char *title);

/* The recovery codes of a new enrolment or renewal, shown once, and a link on to next (a
 * local path; NULL or another: the account). */
enum err account_recovery_page(struct req *rq, const struct mfa_recovery *codes, const char *next);

/* On an actor's page: "I represent this organisation" for a signed-in user who may ask
 * (nothing, and nothing read, for a visitor without a session). */
void account_represent_offer(struct req *rq, struct html *h, int64_t actor_id);

/* On the account's page: the roles u holds and the requests it made. ERR_DB, ERR_BUSY. */
enum err account_roles_section(struct req *rq, struct html *h, const struct principal *u);

/* On the admins' queue: the open requests to delete personal data (nothing for anyone but
 * an admin). ERR_DB, ERR_BUSY. */
enum err account_deletions_section(struct req *rq, struct html *h);

#endif
