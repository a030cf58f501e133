/*
 * ops.c — operational endpoints and static assets: /healthz, the style
 * sheet (compiled into the binary), robots.txt.
 */
#include "core/embed.h"
#include "db/db.h"
#include "web/handlers.h"
#include "web/route.h"

enum err
ops_health_probe(struct req *rq)
{
    enum err rc;

    rq->resp.content_type = "text/plain; charset=utf-8";
    /* a real round trip to the database: a server that cannot read is not healthy */
    rc = db_ping(rq->db);
    if (rc)
        return rc;
    buf_adds(&rq->resp.body, "ok\n");
    return ERR_OK;
}

enum err
file_style_css(struct req *rq)
{
    const struct embed_file *f = embed_get("static/style.css");

    if (f == NULL)
        return ERR_NOTFOUND;
    rq->resp.content_type = "text/css; charset=utf-8";
    buf_add(&rq->resp.body, f->data, f->len);
    return ERR_OK;
}

enum err
ops_robots_txt(struct req *rq)
{
    rq->resp.content_type = "text/plain; charset=utf-8";
    buf_adds(&rq->resp.body, "User-agent: *\nDisallow: /api/\n");
    return ERR_OK;
}
