/*
 * page_mfa.c — two-factor sign-in managed from the account (/account/two-factor): its
 * status (on or off, recovery codes left), setting it up (a new key as text and as an
 * otpauth:// link, then its first code, then the recovery codes shown once), replacing the
 * key, new recovery codes and turning it off. Everything but a first set-up needs the
 * current password (SECURITY.md item 13); admins and coordinators cannot turn it off
 * (item 6: domain/mfa.c refuses, and the page says why).
 *
 * The forms on the status page each have their own password field (password_replace,
 * password_recovery, password_off), so that an error is shown beside the form it belongs
 * to and the field ids stay unique. Never: show a key or recovery codes again after the
 * response that made them.
 */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "core/totp.h"
#include "domain/mfa.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* The status and the forms that fit it. */
static enum err
status_page(struct req *rq, const struct principal *u, const struct form_errors *e)
{
    const char *title = _("Two-factor sign-in");
    bool on = false, required = false, waiting = false;
    int64_t left = 0;
    struct html h;
    enum err rc;

    rc = mfa_enabled(rq->db, u->user_id, &on);
    if (rc == ERR_OK)
        rc = mfa_required(rq->db, u->user_id, &required);
    if (rc == ERR_OK)
        rc = mfa_unconfirmed(rq->db, u->user_id, &waiting);
    if (rc == ERR_OK && on)
        rc = mfa_recovery_left(rq->db, u->user_id, &left);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, account_title(rq, e, title));
    html_elem(&h, "h1", title);
    form_summary(rq, &h, e);
    html_open(&h, "dl", NULL);
    html_elem(&h, "dt", _("Status"));
    html_elem_attr(&h, "dd", on ? _("On") : _("Off"), "id", "mfa-status", NULL);
    if (on) {
        html_elem(&h, "dt", _("Recovery codes left"));
        html_elem_attr(&h, "dd", arena_printf(rq->arena, "%lld", (long long)left), "id", "mfa-left",
                       NULL);
    }
    html_close(&h, "dl");
    if (!on) {
        html_elem(&h, "p",
                  _("With two-factor sign-in, a sign-in needs a code from an authenticator app "
                    "on your phone as well as your password."));
        if (waiting) {
            html_elem(&h, "h2", _("Finish the set-up"));
            html_elem(&h, "p", _("Enter the code your authenticator app shows for the key."));
            form_begin(rq, &h, url_two_factor(rq, "confirm"));
            form_input(&h, e, "code", _("Code"), NULL, FT_TEXT, NULL, true, "one-time-code");
            form_submit(&h, _("Turn on"));
            form_end(&h);
        }
        form_begin(rq, &h, url_two_factor(rq, "begin"));
        form_submit(&h, waiting ? _("Set up a new key") : _("Set up two-factor sign-in"));
        form_end(&h);
    } else {
        if (form_error_of(e, "code") != NULL) {
            /* a replacement's first code was wrong: its form again (the key is not shown) */
            html_elem(&h, "h2", _("Finish the set-up"));
            form_begin(rq, &h, url_two_factor(rq, "confirm"));
            form_input(&h, e, "code", _("Code"), NULL, FT_TEXT, NULL, true, "one-time-code");
            form_submit(&h, _("Turn on"));
            form_end(&h);
        }
        html_elem(&h, "h2", _("Replace the key"));
        html_elem(&h, "p",
                  _("For a new phone or app. The old key works until the new one's first "
                    "code."));
        form_begin(rq, &h, url_two_factor(rq, "begin"));
        form_input(&h, e, "password_replace", _("Current password"), NULL, FT_PASSWORD, NULL, true,
                   "current-password");
        form_submit(&h, _("Replace the key"));
        form_end(&h);
        html_elem(&h, "h2", _("New recovery codes"));
        html_elem(&h, "p", _("The old recovery codes stop working, used or not."));
        form_begin(rq, &h, url_two_factor(rq, "recovery"));
        form_input(&h, e, "password_recovery", _("Current password"), NULL, FT_PASSWORD, NULL, true,
                   "current-password");
        form_submit(&h, _("Make new recovery codes"));
        form_end(&h);
        html_elem(&h, "h2", _("Turn off"));
        if (required) {
            html_elem_attr(&h, "p",
                           _("Administrators and coordinators must sign in with two factors: "
                             "it cannot be turned off while you have that role."),
                           "id", "f-password_off", NULL); /* where a refusal's summary links */
        } else {
            form_begin(rq, &h, url_two_factor(rq, "disable"));
            form_input(&h, e, "password_off", _("Current password"), NULL, FT_PASSWORD, NULL, true,
                       "current-password");
            form_submit(&h, _("Turn off two-factor sign-in"));
            form_end(&h);
        }
    }
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Your account"), "href", url_account(rq), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The new key (as text and as a link) and the form for its first code: shown once. */
static enum err
key_page(struct req *rq, const struct principal *u, const char *secret)
{
    const char *title = _("Set up two-factor sign-in");
    struct html h;
    struct buf uri;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, title);
    html_elem(&h, "h1", title);
    html_elem(&h, "p",
              _("Add this key to your authenticator app (for example FreeOTP, Aegis or "
                "Google Authenticator): open the link on the device that has the app, or "
                "type the key in."));
    buf_init(&uri, 1024);
    totp_uri(&uri, MFA_ISSUER, u->name, secret);
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
    form_begin(rq, &h, url_two_factor(rq, "confirm"));
    form_input(&h, NULL, "code", _("Code"), _("The six digits the app shows for the key."), FT_TEXT,
               NULL, true, "one-time-code");
    form_submit(&h, _("Turn on"));
    form_end(&h);
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The signed-in user of a post, allowed to change their own settings. */
static enum err
settings_user(struct req *rq, const struct principal **out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = req_principal(rq, out);
    if (rc)
        return rc;
    if ((*out)->kind != PRINCIPAL_SESSION)
        scope.owner_user_id = -1; /* not an account's own: the table refuses */
    else
        scope.owner_user_id = (*out)->user_id;
    return req_allow(rq, AUTHZ_ACCOUNT_SETTINGS, &scope);
}

enum err
page_two_factor(struct req *rq)
{
    const struct principal *u = account_user(rq, "/account/two-factor");

    return u != NULL ? status_page(rq, u, NULL) : ERR_OK;
}

enum err
post_two_factor_begin(struct req *rq)
{
    const struct principal *u;
    const char *password = account_field(rq, "password_replace");
    char secret[TOTP_SECRET_LEN];
    struct form_errors e = {0};
    struct write_error we = {0};
    enum err rc;

    rc = settings_user(rq, &u);
    if (rc)
        return rc;
    rc = mfa_enrol_begin(rq->wdb, u->user_id, *password ? password : NULL, (int64_t)time(NULL),
                         secret, &we);
    if (rc == ERR_INVALID) {
        form_error(&e, "password_replace",
                   *password ? _("The current password is not right.")
                             : _("Enter your current password."));
        rq->resp.status = 422;
        return status_page(rq, u, &e);
    }
    if (rc)
        return rc;
    rc = key_page(rq, u, secret);
    sodium_memzero(secret, sizeof(secret));
    return rc;
}

enum err
post_two_factor_confirm(struct req *rq)
{
    const struct principal *u;
    const char *code = account_field(rq, "code");
    struct mfa_recovery codes;
    struct form_errors e = {0};
    struct write_error we = {0};
    enum err rc;

    rc = settings_user(rq, &u);
    if (rc)
        return rc;
    if (*code == '\0') {
        form_error(&e, "code", _("Enter the code."));
        rq->resp.status = 422;
        return status_page(rq, u, &e);
    }
    rc = mfa_enrol_confirm(rq->wdb, u->user_id, code, (int64_t)time(NULL), &codes, &we);
    if (rc == ERR_INVALID) {
        form_error(&e, "code", _("The code is not right. Check the time on your device."));
        rq->resp.status = 422;
        return status_page(rq, u, &e);
    }
    if (rc == ERR_NOTFOUND) {
        resp_redirect(rq, url_two_factor(rq, NULL)); /* nothing in progress: the status */
        return ERR_OK;
    }
    if (rc)
        return rc;
    rc = account_recovery_page(rq, &codes, "/account/two-factor");
    sodium_memzero(&codes, sizeof(codes));
    return rc;
}

enum err
post_two_factor_recovery(struct req *rq)
{
    const struct principal *u;
    struct mfa_recovery codes;
    struct form_errors e = {0};
    struct write_error we = {0};
    enum err rc;

    rc = settings_user(rq, &u);
    if (rc)
        return rc;
    rc = mfa_recovery_new(rq->wdb, u->user_id, account_field(rq, "password_recovery"),
                          (int64_t)time(NULL), &codes, &we);
    if (rc == ERR_INVALID) {
        form_error(&e, "password_recovery", _("The current password is not right."));
        rq->resp.status = 422;
        return status_page(rq, u, &e);
    }
    if (rc == ERR_NOTFOUND) {
        resp_redirect(rq, url_two_factor(rq, NULL)); /* turned off meanwhile */
        return ERR_OK;
    }
    if (rc)
        return rc;
    rc = account_recovery_page(rq, &codes, "/account/two-factor");
    sodium_memzero(&codes, sizeof(codes));
    return rc;
}

enum err
post_two_factor_disable(struct req *rq)
{
    const struct principal *u;
    struct form_errors e = {0};
    struct write_error we = {0};
    enum err rc;

    rc = settings_user(rq, &u);
    if (rc)
        return rc;
    rc = mfa_disable(rq->wdb, u->user_id, account_field(rq, "password_off"), (int64_t)time(NULL),
                     &we);
    if (rc == ERR_CONFLICT || rc == ERR_INVALID) {
        form_error(&e, "password_off",
                   rc == ERR_CONFLICT
                       ? _("Administrators and coordinators must sign in with two factors: it "
                           "cannot be turned off while you have that role.")
                       : _("The current password is not right."));
        rq->resp.status = 422;
        return status_page(rq, u, &e);
    }
    if (rc)
        return rc;
    resp_redirect(rq, url_two_factor(rq, NULL));
    return ERR_OK;
}
