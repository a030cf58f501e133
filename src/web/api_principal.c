/*
 * api_principal.c — GET /api/v1/me: who the request is authenticated as, for an API
 * client checking its token (its name and scope), a signed-in browser (its session), or
 * anonymous.
 *
 * Reads who asks only through req_principal, so its answer for a token is private (never
 * in the shared cache, never 304) and the anonymous one is the only one shared. The
 * shape is declared once, as a field table over struct principal (resource.h): an
 * anonymous principal is all zeros, so each of its members is null.
 */
#include "domain/codes.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/handlers.h"

/* enum principal_kind as the API spells it */
static const struct code kind_codes[] = {
    [PRINCIPAL_ANONYMOUS] = {"anonymous", NULL},
    [PRINCIPAL_TOKEN] = {"token", NULL},
    [PRINCIPAL_SESSION] = {"session", NULL},
};
static const struct code_set kinds = {.codes = kind_codes, .n = 3};

static const char *
kind_name(int kind)
{
    return kind >= 0 && kind <= PRINCIPAL_SESSION ? kind_codes[kind].code : kind_codes[0].code;
}

/* clang-format off */
static const struct res_field principal_fields[] = {
    R_CODE("kind", struct principal, kind, &kinds, kind_name, 0,
           "anonymous: no credentials, or none samverka takes; token: an API token; "
           "session: a signed-in user's session cookie"),
    R_ID_OR_NULL("id", struct principal, id,
                 "The token's or the session's id; null when anonymous"),
    R_STR("name", struct principal, name, RES_NULL,
          "The token's name, or the signed-in account's e-mail address, as the audit log "
          "records its changes"),
    R_ENUM("role", struct principal, role, &code_token_role, RES_NULL,
           "admin: every mission; coordinator: one mission (a legacy token's); an account's "
           "own rights (a user's token or a session) are its roles, not given here, but admin "
           "for an admin"),
    R_ID_OR_NULL("mission_id", struct principal, mission_id,
                 "A coordinator's mission; null for an admin"),
    R_END,
};
/* clang-format on */

static const struct resource principal_res = {
    .name = "Principal",
    .desc = "Who a request is authenticated as (GET /api/v1/me)",
    .fields = principal_fields,
    .size = sizeof(struct principal),
};

const struct resource *const api_principal_resources[] = {&principal_res, NULL};

enum err
api_me(struct req *rq)
{
    const struct principal *p;
    enum err rc;

    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    return res_respond(rq, &principal_res, p);
}
