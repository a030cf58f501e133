/*
 * api_principal.c — GET /api/v1/me: who the request is authenticated as, for an API
 * client checking its token (its name and scope), or anonymous.
 *
 * Reads who asks only through req_principal, so its answer for a token is private (never
 * in the shared cache, never 304) and the anonymous one is the only one shared.
 */
#include "core/json.h"
#include "web/auth.h"
#include "web/handlers.h"

enum err
api_me(struct req *rq)
{
    const struct principal *p;
    struct json j;
    enum err rc;

    rc = req_principal(rq, &p);
    if (rc)
        return rc;
    json_init(&j, &rq->resp.body);
    json_obj_open(&j);
    if (p->kind == PRINCIPAL_ANONYMOUS) {
        json_kstr(&j, "kind", "anonymous");
        json_knull(&j, "id");
        json_knull(&j, "name");
        json_knull(&j, "role");
        json_knull(&j, "mission_id");
    } else {
        json_kstr(&j, "kind", "token");
        json_kint(&j, "id", p->id);
        json_kstr(&j, "name", p->name);
        json_kstr(&j, "role", p->role);
        if (p->mission_id != 0)
            json_kint(&j, "mission_id", p->mission_id);
        else
            json_knull(&j, "mission_id");
    }
    json_obj_close(&j);
    return json_finish(&j);
}
