/*
 * page_tokens.c — the signed-in user's own API tokens (/account/tokens): the list (name,
 * created, last used), a new token (shown once, with how to use it) and revoking one.
 * A token acts as its owner with the owner's rights at each use (domain/token.h).
 *
 * Never: show a token after the response that made it (only its hash is stored), act on
 * another account's token (refused with 403 before the domain, which would change nothing).
 */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "domain/token.h"
#include "web/account.h"
#include "web/auth.h"
#include "web/formview.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/resp.h"
#include "web/route.h"
#include "web/url.h"

/* The list and the form for a new one; fresh (NULL: none) is a token just made. */
static enum err
tokens_page(struct req *rq, const struct principal *u, const struct form_errors *e,
            const char *name, const char *fresh)
{
    const char *title = _("API tokens");
    struct user_token *v = NULL;
    struct html h;
    int n = 0, i;
    enum err rc;

    rc = user_token_list(rq->db, rq->arena, u->user_id, &v, &n);
    if (rc)
        return rc;
    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, account_title(rq, e, title));
    html_elem(&h, "h1", title);
    form_summary(rq, &h, e);
    if (fresh != NULL) {
        html_open(&h, "div", "class", "notice", "role", "status", NULL);
        html_elem(&h, "h2", _("Your new token"));
        html_elem(&h, "p",
                  _("Copy it now: it is shown only this once. Keep it as secret as a "
                    "password."));
        html_open(&h, "p", NULL);
        html_elem_attr(&h, "code", fresh, "class", "secret", "id", "new-token", NULL);
        html_close(&h, "p");
        html_elem(&h, "p",
                  _("Send it with each API request in the Authorization header, with your "
                    "rights at the time of the request:"));
        html_open(&h, "pre", NULL);
        html_elem(&h, "code", arena_printf(rq->arena, "Authorization: Bearer %s", fresh));
        html_close(&h, "pre");
        html_close(&h, "div");
    }
    html_elem(&h, "p",
              _("A token lets a program use the API as you, with your rights. Revoke a token "
                "you no longer use."));
    if (n == 0) {
        html_elem(&h, "p", _("You have no API tokens."));
    } else {
        html_open(&h, "table", NULL);
        html_open(&h, "thead", NULL);
        html_open(&h, "tr", NULL);
        html_elem_attr(&h, "th", _("Name"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Created"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Last used"), "scope", "col", NULL);
        html_elem_attr(&h, "th", _("Revoke"), "scope", "col", NULL);
        html_close(&h, "tr");
        html_close(&h, "thead");
        html_open(&h, "tbody", NULL);
        for (i = 0; i < n; i++) {
            html_open(&h, "tr", NULL);
            html_elem(&h, "td", v[i].name);
            html_elem(&h, "td", fmt_date_unix(rq, v[i].created_at));
            html_elem(&h, "td",
                      v[i].last_used_at ? fmt_date_unix(rq, v[i].last_used_at) : _("Never"));
            html_open(&h, "td", NULL);
            form_begin(rq, &h, url_token_revoke(rq, v[i].id));
            html_open(&h, "button", "type", "submit", "aria-label",
                      arena_printf(rq->arena, "%s: %s", _("Revoke"), v[i].name), NULL);
            html_text(&h, _("Revoke"));
            html_close(&h, "button");
            form_end(&h);
            html_close(&h, "td");
            html_close(&h, "tr");
        }
        html_close(&h, "tbody");
        html_close(&h, "table");
    }
    html_elem(&h, "h2", _("New token"));
    form_begin(rq, &h, url_tokens(rq));
    form_input(&h, e, "name", _("Name"), _("What the token is for, such as \"reporting script\"."),
               FT_TEXT, name, true, "off");
    form_submit(&h, _("Create a token"));
    form_end(&h);
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Your account"), "href", url_account(rq), NULL);
    html_close(&h, "p");
    layout_end(rq, &h, NULL);
    return ERR_OK;
}

/* The signed-in user of a post, allowed action on their own tokens. */
static enum err
owner(struct req *rq, enum authz_action action, const struct principal **out)
{
    struct authz_scope scope = {0};
    enum err rc;

    rc = req_principal(rq, out);
    if (rc)
        return rc;
    /* only a signed-in user's own: a token does not make tokens */
    scope.owner_user_id = (*out)->kind == PRINCIPAL_SESSION ? (*out)->user_id : -1;
    return req_allow(rq, action, &scope);
}

enum err
page_tokens(struct req *rq)
{
    const struct principal *u = account_user(rq, "/account/tokens");

    return u != NULL ? tokens_page(rq, u, NULL, NULL, NULL) : ERR_OK;
}

enum err
post_tokens(struct req *rq)
{
    const struct principal *u;
    const char *name = account_field(rq, "name");
    char token[TOKEN_LEN];
    struct form_errors e = {0};
    struct write_error we = {0};
    int64_t id = 0;
    enum err rc;

    rc = owner(rq, AUTHZ_TOKEN_CREATE, &u);
    if (rc)
        return rc;
    rc = user_token_create(rq->wdb, u->user_id, name, (int64_t)time(NULL), token, &id, &we);
    if (rc == ERR_INVALID || rc == ERR_LIMIT) {
        form_error(&e, "name",
                   rc == ERR_LIMIT
                       ? arena_printf(rq->arena,
                                      _("You have %d tokens, the most an account may have. "
                                        "Revoke one first."),
                                      TOKEN_USER_MAX)
                       : _("Enter a name of at most 300 characters."));
        rq->resp.status = 422;
        return tokens_page(rq, u, &e, name, NULL);
    }
    if (rc)
        return rc;
    rc = tokens_page(rq, u, NULL, NULL, arena_strdup(rq->arena, token));
    sodium_memzero(token, sizeof(token));
    return rc;
}

enum err
post_token_revoke(struct req *rq)
{
    const struct principal *u;
    struct authz_scope scope = {0};
    struct user_token *v = NULL;
    int64_t id = req_int(rq, "id", 0);
    int n = 0, i;
    enum err rc;

    rc = req_principal(rq, &u);
    if (rc)
        return rc;
    /* the token's owner as stored: the caller, when it is one of the caller's live tokens;
     * anyone else's (or none's) is not the caller's to revoke (403, saying nothing of
     * whether it exists) */
    if (u->kind == PRINCIPAL_SESSION) {
        rc = user_token_list(rq->db, rq->arena, u->user_id, &v, &n);
        if (rc)
            return rc;
        for (i = 0; i < n; i++)
            if (v[i].id == id)
                scope.owner_user_id = u->user_id;
    }
    rc = req_allow(rq, AUTHZ_TOKEN_REVOKE, &scope);
    if (rc)
        return rc;
    rc = user_token_revoke(rq->wdb, u->user_id, id, (int64_t)time(NULL));
    if (rc)
        return rc; /* ERR_NOTFOUND: revoked meanwhile */
    resp_redirect(rq, url_tokens(rq));
    return ERR_OK;
}
