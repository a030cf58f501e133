/*
 * page_account.c — the account pages: sign in, sign up, sign out, the account overview and
 * the password change. Every form posts back to its own address (RF_FORM: the CSRF token
 * is checked before these handlers run); a form with errors is shown again with each
 * message beside its field and a summary at the top, the values kept (never a password),
 * status 422; a success redirects (POST-redirect-GET).
 *
 * Sign-in and sign-up are RF_OPEN: anyone may post them, on the worker's own connection,
 * so a password being hashed never holds the one writer connection the edits share.
 * The same message answers an unknown address, a wrong password and a disabled account
 * (domain/user.c does the same work for each); too many failures give 429 with
 * Retry-After.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/form.h"
#include "core/totp.h"
#include "domain/mfa.h"
#include "domain/proposal.h"
#include "domain/reset.h"
#include "domain/user.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* ------------------------------------------------------------------ sign in */

static enum err
sign_in_form(struct req *rq, const struct form_errors *e, const char *email, const char *next,
             bool ended, const char *notice)
{
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h,
                 e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), _("Sign in"))
                           : _("Sign in"));
    html_elem(&h, "h1", _("Sign in"));
    if (ended)
        html_elem_attr(&h, "p", _("Your session has ended. Please sign in again."), "class",
                       "notice", "role", "status", NULL);
    if (notice != NULL)
        html_elem_attr(&h, "p", notice, "class", "notice", "role", "status", NULL);
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_sign_in(rq, NULL, false));
    if (next != NULL && url_is_local_path(next))
        form_hidden(&h, "next", next);
    form_input(&h, e, "email", _("E-mail address"), NULL, FT_EMAIL, email, true, "username");
    form_input(&h, e, "password", _("Password"), NULL, FT_PASSWORD, NULL, true, "current-password");
    form_submit(&h, _("Sign in"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Forgot your password?"), "href", url_reset(rq, false), NULL);
    html_close(&h, "p");
    html_open(&h, "p", NULL);
    html_text(&h, _("No account yet?"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", _("Create an account"), "href", url_sign_up(rq), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_sign_in(struct req *rq)
{
    const struct principal *u = req_user(rq);

    if (u != NULL) {
        resp_redirect(rq, account_next(rq, req_str(rq, "next")));
        return ERR_OK;
    }
    return sign_in_form(rq, NULL, NULL, req_str(rq, "next"), req_int(rq, "ended", 0) == 1,
                        req_int(rq, "reset", 0) == 1
                            ? _("Your password has been changed. Sign in with the new one.")
                            : NULL);
}

/*
 * The second step's page: the code form (a TOTP code or a recovery code), or for an
 * account that must set up its authenticator first, the key to add (as text and as an
 * otpauth:// link; a QR image is never the only way) and the form for its first code.
 * secret is NULL when the account already holds an unconfirmed key (`samverka user add`
 * printed it): the page asks for its code and offers a new key.
 */
static enum err
code_form(struct req *rq, const struct form_errors *e, enum mfa_step step, const char *email,
          const char *secret, const char *next)
{
    struct html h;
    struct buf uri;
    const char *title =
        step == MFA_STEP_ENROL ? _("Set up two-factor sign-in") : _("Enter your code");

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title);
    html_elem(&h, "h1", title);
    form_summary(rq, &h, e);
    if (step == MFA_STEP_ENROL) {
        html_elem(&h, "p",
                  _("Administrators and coordinators sign in with a code from an authenticator "
                    "app as well as their password."));
        if (secret != NULL) {
            buf_init(&uri, 1024);
            totp_uri(&uri, MFA_ISSUER, email, secret);
            html_elem(&h, "p",
                      _("Add this key to your authenticator app (for example FreeOTP, Aegis or "
                        "Google Authenticator): open the link on the device that has the app, or "
                        "type the key in."));
            html_open(&h, "dl", NULL);
            html_elem(&h, "dt", _("Key"));
            html_open(&h, "dd", NULL);
            html_elem_attr(&h, "code", secret, "class", "secret", NULL);
            html_close(&h, "dd");
            html_elem(&h, "dt", _("Link"));
            html_open(&h, "dd", NULL);
            if (!buf_err(&uri) && uri.data != NULL)
                html_elem_attr(&h, "a", _("Add to authenticator app"), "href",
                               arena_strndup(rq->arena, uri.data, uri.len), NULL);
            html_close(&h, "dd");
            html_close(&h, "dl");
            buf_free(&uri);
        } else {
            html_elem(&h, "p",
                      _("Use the key you were given when the account was made. If you do not "
                        "have it, set up a new key."));
        }
    } else {
        html_elem(&h, "p",
                  _("Enter the six-digit code from your authenticator app, or one of your "
                    "recovery codes."));
    }
    form_begin(rq, &h, url_sign_in_code(rq));
    if (next != NULL && url_is_local_path(next))
        form_hidden(&h, "next", next);
    form_input(&h, e, "code", _("Code"), NULL, FT_TEXT, NULL, true, "one-time-code");
    form_submit(&h, _("Sign in"));
    form_end(&h);
    if (step == MFA_STEP_ENROL && secret == NULL) {
        form_begin(rq, &h, url_sign_in_new_key(rq));
        if (next != NULL && url_is_local_path(next))
            form_hidden(&h, "next", next);
        form_submit(&h, _("Set up a new key"));
        form_end(&h);
    }
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* Too many failures: 429 with Retry-After, the message beside field on page (a form). */
static void
throttled(struct req *rq, struct form_errors *e, const char *field, int64_t retry_after)
{
    char retry[24];

    snprintf(retry, sizeof(retry), "%lld", (long long)(retry_after > 0 ? retry_after : 1));
    form_error(e, field,
               arena_printf(rq->arena,
                            _("Too many failed attempts. Please wait %lld minutes and try again."),
                            (long long)((retry_after + 59) / 60)));
    rq->resp.status = 429;
    resp_header(rq, "Retry-After", arena_strdup(rq->arena, retry));
}

enum err
post_sign_in(struct req *rq)
{
    const char *email = account_field(rq, "email"), *password = account_field(rq, "password"),
               *next = account_field(rq, "next");
    struct form_errors e = {0};
    char token[USER_TOKEN_LEN], secret[TOTP_SECRET_LEN];
    int64_t user_id = 0, retry_after = 0, now = (int64_t)time(NULL);
    enum mfa_step step = MFA_STEP_DONE;
    bool has_key = false;
    enum err rc;

    rc = req_allow(rq, AUTHZ_SESSION_CREATE, NULL);
    if (rc)
        return rc;

    if (*email == '\0')
        form_error(&e, "email", _("Enter your e-mail address."));
    if (*password == '\0')
        form_error(&e, "password", _("Enter your password."));
    if (e.n) {
        rq->resp.status = 422;
        return sign_in_form(rq, &e, email, next, false, NULL);
    }
    rc = mfa_sign_in(rq->db, email, password, rq->client_ip, now, token, &user_id, &retry_after,
                     &step);
    if (rc == ERR_NOTFOUND) {
        form_error(&e, "email", _("The e-mail address or the password is not right."));
        rq->resp.status = 422;
        return sign_in_form(rq, &e, email, next, false, NULL);
    }
    if (rc == ERR_LIMIT) {
        throttled(rq, &e, "email", retry_after);
        return sign_in_form(rq, &e, email, next, false, NULL);
    }
    if (rc)
        return rc;
    if (step == MFA_STEP_DONE) {
        auth_session_start(rq, token);
        sodium_memzero(token, sizeof(token));
        resp_redirect(rq, account_next(rq, next));
        return ERR_OK;
    }
    /* the password was right: the second factor's page, the pending sign-in in a cookie */
    auth_pending_set(rq, token);
    if (step == MFA_STEP_ENROL) {
        rc = mfa_unconfirmed(rq->db, user_id, &has_key);
        if (rc == ERR_OK && !has_key)
            rc = mfa_pending_enrol(rq->db, token, now, secret);
        if (rc)
            return rc;
    }
    sodium_memzero(token, sizeof(token));
    return code_form(rq, NULL, step, email, step == MFA_STEP_ENROL && !has_key ? secret : NULL,
                     next);
}

/* The pending sign-in of the request, or a page saying it has ended (out NULL). */
static enum err
pending_of(struct req *rq, const char **out, int64_t *out_user, enum mfa_step *out_step)
{
    const char *p = auth_pending_get(rq);
    enum err rc = ERR_NOTFOUND;

    *out = NULL;
    if (p != NULL)
        rc = mfa_pending_get(rq->db, p, (int64_t)time(NULL), out_user, out_step);
    if (rc == ERR_NOTFOUND) {
        auth_pending_clear(rq);
        rq->resp.status = 422;
        return sign_in_form(rq, NULL, NULL, account_field(rq, "next"), false,
                            _("The sign-in took too long or had too many wrong codes. Please "
                              "sign in again."));
    }
    if (rc == ERR_OK)
        *out = p;
    return rc;
}

enum err
post_sign_in_code(struct req *rq)
{
    const char *pending, *next = account_field(rq, "next"), *code = account_field(rq, "code");
    struct form_errors e = {0};
    struct mfa_recovery codes;
    struct user u;
    char token[USER_TOKEN_LEN];
    int64_t user_id = 0, signed_in = 0, retry_after = 0;
    enum mfa_step step = MFA_STEP_CODE;
    bool enrolled = false;
    enum err rc;

    rc = req_allow(rq, AUTHZ_SESSION_CREATE, NULL);
    if (rc)
        return rc;

    rc = pending_of(rq, &pending, &user_id, &step);
    if (rc || pending == NULL)
        return rc;
    if (*code == '\0') {
        form_error(&e, "code", _("Enter the code."));
        rq->resp.status = 422;
    } else {
        rc = mfa_complete(rq->db, pending, code, rq->client_ip, (int64_t)time(NULL), token,
                          &signed_in, &retry_after, &enrolled, &codes);
        if (rc == ERR_NOTFOUND)
            return pending_of(rq, &pending, &user_id, &step);
        if (rc == ERR_INVALID) {
            form_error(&e, "code", _("The code is not right. Check the time on your device."));
            rq->resp.status = 422;
        } else if (rc == ERR_LIMIT) {
            throttled(rq, &e, "code", retry_after);
        } else if (rc) {
            return rc;
        }
    }
    if (e.n) {
        rc = user_get(rq->db, rq->arena, user_id, &u);
        if (rc)
            return rc;
        return code_form(rq, &e, step, u.email, NULL, next);
    }
    auth_pending_clear(rq);
    auth_session_start(rq, token);
    sodium_memzero(token, sizeof(token));
    if (enrolled)
        return account_recovery_page(rq, &codes, next);
    resp_redirect(rq, account_next(rq, next));
    return ERR_OK;
}

/* The second step's page again (a reload, the language switch): nothing is written; an
 * enrolment's key is not shown again (a new one can be set up). */
enum err
page_sign_in_code(struct req *rq)
{
    const char *pending;
    struct user u;
    int64_t user_id = 0;
    enum mfa_step step;
    enum err rc;

    rc = pending_of(rq, &pending, &user_id, &step);
    if (rc || pending == NULL) {
        rq->resp.status = 200;
        return rc;
    }
    rc = user_get(rq->db, rq->arena, user_id, &u);
    if (rc)
        return rc;
    return code_form(rq, NULL, step, u.email, NULL, req_str(rq, "next"));
}

enum err
post_sign_in_new_key(struct req *rq)
{
    const char *pending;
    char secret[TOTP_SECRET_LEN];
    struct user u;
    int64_t user_id = 0;
    enum mfa_step step;
    enum err rc;

    rc = req_allow(rq, AUTHZ_SESSION_CREATE, NULL);
    if (rc)
        return rc;

    rc = pending_of(rq, &pending, &user_id, &step);
    if (rc || pending == NULL)
        return rc;
    if (step != MFA_STEP_ENROL)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL,
                          _("A new key is set up from your account page, once signed in."));
    rc = mfa_pending_enrol(rq->db, pending, (int64_t)time(NULL), secret);
    if (rc == ERR_OK)
        rc = user_get(rq->db, rq->arena, user_id, &u);
    if (rc)
        return rc;
    return code_form(rq, NULL, step, u.email, secret, account_field(rq, "next"));
}

/* ------------------------------------------------------------------ sign up */

static enum err
sign_up_form(struct req *rq, const struct form_errors *e, const char *name, const char *email)
{
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h,
                 e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), _("Create an account"))
                           : _("Create an account"));
    html_elem(&h, "h1", _("Create an account"));
    html_elem(&h, "p",
              _("With an account you can take part in a mission: ask to represent your "
                "organisation and propose initiatives. Your e-mail address is not shown to "
                "others."));
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_sign_up(rq));
    form_input(&h, e, "name", _("Your name"), NULL, FT_TEXT, name, true, "name");
    form_input(&h, e, "email", _("E-mail address"), NULL, FT_EMAIL, email, true, "email");
    form_input(&h, e, "password", _("Password"),
               _("At least 12 characters. A few words of your own make a good one."),
               FT_NEW_PASSWORD, NULL, true, "new-password");
    form_submit(&h, _("Create the account"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_sign_up(struct req *rq)
{
    if (req_user(rq) != NULL) {
        resp_redirect(rq, url_account(rq));
        return ERR_OK;
    }
    return sign_up_form(rq, NULL, NULL, NULL);
}

/* A domain refusal of a new password (user_password_hash_for), said beside its field. */
static const char *
password_message(const struct write_error *we)
{
    if (we->msg != NULL && strcmp(we->msg, USER_PASSWORD_WEAK) == 0)
        return _("This password is too common or too easy to guess. A few words of your own "
                 "together make a good one.");
    return _("Choose a password of 12 to 128 characters.");
}

/* A domain refusal of a sign-up's field, said to the person filling in the form. */
static const char *
sign_up_message(const struct write_error *we)
{
    if (strcmp(we->field, "password") == 0)
        return password_message(we);
    if (strcmp(we->field, "email") == 0)
        return strstr(we->msg, "already") != NULL
                   ? _("There is already an account with this e-mail address. Sign in, or "
                       "ask for a new password.")
                   : _("Enter an e-mail address such as name@example.se.");
    return _("Enter your name (at most 300 characters).");
}

enum err
post_sign_up(struct req *rq)
{
    const char *name = account_field(rq, "name"), *email = account_field(rq, "email"),
               *password = account_field(rq, "password");
    struct form_errors e = {0};
    struct write_error we = {0};
    char hash[USER_HASH_LEN], token[USER_TOKEN_LEN];
    int64_t user_id, session_id, now = (int64_t)time(NULL);
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACCOUNT_CREATE, NULL);
    if (rc)
        return rc;

    if (*name == '\0')
        form_error(&e, "name", _("Enter your name."));
    if (*email == '\0')
        form_error(&e, "email", _("Enter your e-mail address."));
    if (user_password_hash_for(&we, "password", password, email, hash) == ERR_INVALID)
        form_error(&e, "password", sign_up_message(&we));
    if (e.n) {
        rq->resp.status = 422;
        return sign_up_form(rq, &e, name, email);
    }
    /* the person and the account together, or neither */
    rc = user_sign_up(rq->db, name, email, hash, now, &user_id, &we);
    if (rc) {
        if (rc != ERR_INVALID)
            return rc;
        form_error(&e, strcmp(we.field, "password_hash") == 0 ? "password" : we.field,
                   sign_up_message(&we));
        rq->resp.status = 422;
        return sign_up_form(rq, &e, name, email);
    }
    /* signed in at once (a session is a transaction of its own) */
    rc = user_session_create(rq->db, user_id, now, token, &session_id);
    if (rc)
        return rc;
    auth_session_start(rq, token);
    sodium_memzero(token, sizeof(token));
    resp_redirect(rq, url_account(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ password reset */

/*
 * "Forgot your password?": the e-mail form, and after a post the same answer whether the
 * address has an account or not (reset_request sends nothing for an unknown one). The
 * message is written in the platform's default language (Swedish), whatever the language
 * of the page it was asked from: it goes to the account, not to the browser.
 */
static enum err
reset_form(struct req *rq, const struct form_errors *e, const char *email, const char *notice)
{
    struct html h;
    const char *title = _("Reset your password");

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title);
    html_elem(&h, "h1", title);
    if (notice != NULL)
        html_elem_attr(&h, "p", notice, "class", "notice", "role", "status", NULL);
    html_elem(&h, "p",
              _("Enter the e-mail address of your account. We send a link to it that lets you "
                "choose a new password; it works once, for an hour."));
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_reset(rq, false));
    form_input(&h, e, "email", _("E-mail address"), NULL, FT_EMAIL, email, true, "username");
    form_submit(&h, _("Send the link"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Sign in"), "href", url_sign_in(rq, NULL, false), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_reset(struct req *rq)
{
    return reset_form(rq, NULL, NULL,
                      req_int(rq, "sent", 0) == 1
                          ? _("If an account has that address, a link is on its way to it. "
                              "Check your e-mail, and your spam folder.")
                          : NULL);
}

enum err
post_reset(struct req *rq)
{
    const char *email = account_field(rq, "email"), *base, *subject, *body;
    struct form_errors e = {0};
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACCOUNT_RESET, NULL);
    if (rc)
        return rc;
    if (*email == '\0' || strlen(email) > WRITE_MAX_LINE || strchr(email, '@') == NULL) {
        form_error(&e, "email", _("Enter an e-mail address such as name@example.se."));
        rq->resp.status = 422;
        return reset_form(rq, &e, email, NULL);
    }
    base = auth_site_url(rq);
    if (base == NULL)
        return req_invalid(rq, NULL, _("The request's Host header is not a host name."));
    i18n_use(LANG_SV);
    subject = _("Choose a new password for samverka");
    /* xgettext:c-format */
    body = _("Someone, probably you, asked to choose a new password for your samverka "
             "account.\n\nOpen this link within an hour to choose one:\n\n%s\n\nIf you did not "
             "ask for it, you need not do anything: your password stays as it is.\n");
    i18n_use(rq->lang);
    rc = reset_request(rq->db, email, base, subject, body, (int64_t)time(NULL));
    if (rc)
        return rc;
    resp_redirect(rq, url_reset(rq, true));
    return ERR_OK;
}

/* The link's page: the new password's form, or, for a link that no longer works, the
 * e-mail form to ask for a new one. */
static enum err
reset_link_form(struct req *rq, const struct form_errors *e, const char *token)
{
    struct html h;
    const char *title = _("Choose a new password");

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, e && e->n ? arena_printf(rq->arena, "%s: %s", _("Error"), title) : title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p", _("Every session of your account ends when the password changes."));
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_reset_link(rq, token));
    form_input(&h, e, "password", _("New password"), _("At least 12 characters."), FT_NEW_PASSWORD,
               NULL, true, "new-password");
    form_submit(&h, _("Save the password"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

static enum err
reset_link_dead(struct req *rq)
{
    return reset_form(rq, NULL, NULL,
                      _("This link no longer works: it has been used, or its hour has passed. "
                        "Ask for a new one below."));
}

enum err
page_reset_link(struct req *rq)
{
    const char *token = req_str(rq, "token");
    enum err rc = reset_check(rq->db, token, (int64_t)time(NULL));

    if (rc == ERR_NOTFOUND)
        return reset_link_dead(rq);
    if (rc)
        return rc;
    return reset_link_form(rq, NULL, token);
}

enum err
post_reset_link(struct req *rq)
{
    const char *token = req_str(rq, "token");
    struct form_errors e = {0};
    struct write_error we = {0};
    enum err rc;

    rc = req_allow(rq, AUTHZ_ACCOUNT_RESET, NULL);
    if (rc)
        return rc;
    rc = reset_complete(rq->db, token, account_field(rq, "password"), (int64_t)time(NULL), &we);
    if (rc == ERR_NOTFOUND) {
        rq->resp.status = 422;
        return reset_link_dead(rq);
    }
    if (rc == ERR_INVALID) {
        form_error(&e, "password", password_message(&we));
        rq->resp.status = 422;
        return reset_link_form(rq, &e, token);
    }
    if (rc)
        return rc;
    resp_redirect(rq, url_sign_in_reset(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ sign out */

enum err
post_sign_out(struct req *rq)
{
    enum err rc = req_allow(rq, AUTHZ_SESSION_END, NULL);

    if (rc == ERR_OK)
        rc = auth_session_end(rq);
    if (rc)
        return rc;
    resp_redirect(rq, url_home(rq));
    return ERR_OK;
}

/* ------------------------------------------------------------------ the account */

/* "Your proposals", for one who may propose (represents an actor) or has proposed. */
static enum err
proposals_item(struct req *rq, struct html *h, const struct principal *u)
{
    struct page pg = {1, 0};
    struct proposal *v;
    const struct who *w;
    int64_t total = 0;
    enum err rc;
    int n;

    rc = req_who(rq, &w);
    if (rc == ERR_OK && w->n_actors == 0)
        rc = proposal_list_mine(rq->db, rq->arena, u->user_id, &pg, &v, &n, &total);
    if (rc)
        return rc;
    if (w->n_actors == 0 && total == 0)
        return ERR_OK;
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Your proposals"), "href", url_my_proposals(rq), NULL);
    html_close(h, "li");
    return ERR_OK;
}

enum err
page_account(struct req *rq)
{
    const struct principal *u = req_user(rq);
    struct html h;
    enum err rc;

    if (u == NULL) {
        req_sign_in_first(rq, "/account");
        return ERR_OK;
    }
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Your account"));
    html_elem(&h, "h1", _("Your account"));
    html_open(&h, "dl", NULL);
    html_elem(&h, "dt", _("E-mail address"));
    html_elem(&h, "dd", u->name);
    html_elem(&h, "dt", _("Role"));
    html_elem(&h, "dd", u->role != NULL ? _("Administrator") : _("Signed-in user"));
    html_close(&h, "dl");
    rc = account_roles_section(rq, &h, u);
    if (rc)
        return rc;
    html_elem(&h, "h2", _("Settings"));
    html_open(&h, "ul", NULL);
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("Change your password"), "href", url_password(rq), NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("Two-factor sign-in"), "href", url_two_factor(rq, NULL), NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("API tokens"), "href", url_tokens(rq), NULL);
    html_close(&h, "li");
    html_open(&h, "li", NULL);
    html_elem_attr(&h, "a", _("Your personal data"), "href", url_account_data(rq, NULL), NULL);
    html_close(&h, "li");
    rc = proposals_item(rq, &h, u);
    if (rc)
        return rc;
    if (req_may(rq, AUTHZ_ACCOUNT_DISABLE, NULL)) {
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", _("Accounts"), "href", url_admin_users(rq, 1), NULL);
        html_close(&h, "li");
    }
    if (req_may(rq, AUTHZ_REPRESENTATIVE_CONFIRM, NULL)) {
        html_open(&h, "li", NULL);
        html_elem_attr(&h, "a", _("Requests"), "href", url_admin_requests(rq), NULL);
        html_close(&h, "li");
    }
    html_close(&h, "ul");
    form_begin(rq, &h, url_sign_out(rq));
    form_submit(&h, _("Sign out"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* ------------------------------------------------------------------ password */

static enum err
password_form(struct req *rq, const struct form_errors *e)
{
    struct html h;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h,
                 e && e->n
                     ? arena_printf(rq->arena, "%s: %s", _("Error"), _("Change your password"))
                     : _("Change your password"));
    html_elem(&h, "h1", _("Change your password"));
    html_elem(&h, "p", _("Every other session of your account ends when the password changes."));
    form_summary(rq, &h, e);
    form_begin(rq, &h, url_password(rq));
    form_input(&h, e, "current_password", _("Current password"), NULL, FT_PASSWORD, NULL, true,
               "current-password");
    form_input(&h, e, "password", _("New password"), _("At least 12 characters."), FT_NEW_PASSWORD,
               NULL, true, "new-password");
    form_submit(&h, _("Change the password"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

enum err
page_password(struct req *rq)
{
    if (req_user(rq) == NULL) {
        req_sign_in_first(rq, "/account/password");
        return ERR_OK;
    }
    return password_form(rq, NULL);
}

enum err
post_password(struct req *rq)
{
    const struct principal *u;
    struct authz_scope scope = {0};
    struct form_errors e = {0};
    struct write_error we = {0};
    char token[USER_TOKEN_LEN];
    int64_t session_id, now = (int64_t)time(NULL);
    enum err rc;

    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    if (u->kind != PRINCIPAL_SESSION)
        return req_refuse(rq, REFUSE_FORBIDDEN, NULL, _("Only a signed-in user has a password."));
    scope.owner_user_id = u->user_id;
    rc = req_allow(rq, AUTHZ_ACCOUNT_SETTINGS, &scope);
    if (rc)
        return rc;
    rc = user_password_change(rq->wdb, u->user_id, account_field(rq, "current_password"),
                              account_field(rq, "password"), now, &we);
    if (rc == ERR_LIMIT) {
        throttled(rq, &e, "current_password", USER_FAIL_WINDOW);
        return password_form(rq, &e);
    }
    if (rc == ERR_INVALID) {
        if (strcmp(we.field, "current_password") == 0)
            form_error(&e, "current_password", _("The current password is not right."));
        else
            form_error(&e, "password", password_message(&we));
        rq->resp.status = 422;
        return password_form(rq, &e);
    }
    if (rc)
        return rc;
    /* every session ended with the change, this one too: a new one, with a new id */
    rc = user_session_create(rq->wdb, u->user_id, now, token, &session_id);
    if (rc)
        return rc;
    auth_session_start(rq, token);
    sodium_memzero(token, sizeof(token));
    resp_redirect(rq, url_account(rq));
    return ERR_OK;
}
