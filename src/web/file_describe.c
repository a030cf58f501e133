/*
 * file_describe.c — GET /indicators/{id}/datapackage.json: the Frictionless Data Package
 * descriptor of the indicator's CSV download, built by domain/describe.c in the reader's
 * language, with the site's data licence (data-licence, web_data_licence). Cached and
 * given an ETag like the CSV it describes (RF_CACHE).
 *
 * Addresses in it are absolute only with public-url: a cached response is shared by every
 * client, so the Host header of one of them never goes into it.
 */
#include "domain/describe.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/route.h"

/* describe.c's texts in the request's language (web_handle set the thread's locale). */
static const char *
tr_request(const char *msgid)
{
    return gettext(msgid);
}

enum err
file_indicator_datapackage(struct req *rq)
{
    struct describe_opts o = {
        .english = rq->lang == LANG_EN,
        .tr = tr_request,
        .licence = web_data_licence(),
        .base = auth_public_origin(),
    };
    enum err rc;

    rc = shows_mission_of(rq, req_int(rq, "id", 0));
    if (rc)
        return rc;
    rc = describe_indicator(rq->db, rq->arena, req_int(rq, "id", 0), &o, &rq->resp.body);
    if (rc)
        return rc;
    rq->resp.content_type = "application/json; charset=utf-8";
    return ERR_OK;
}
