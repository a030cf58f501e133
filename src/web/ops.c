/*
 * ops.c — operational endpoints and static assets: /healthz, the style
 * sheet (compiled into the binary), robots.txt.
 */
#include "core/embed.h"
#include "web/handlers.h"
#include "web/route.h"

enum err
file_healthz(struct req *rq)
{
    struct db_stmt *st;
    bool row;
    enum err rc;

    rq->resp.content_type = "text/plain; charset=utf-8";
    /* a real round trip to the database: a server that cannot read is not healthy */
    st = db_stmt(rq->db, Q_SCHEMA_VERSION);
    if (st == NULL)
        return ERR_DB;
    rc = db_step(st, &row);
    db_done(st);
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
file_robots(struct req *rq)
{
    rq->resp.content_type = "text/plain; charset=utf-8";
    buf_adds(&rq->resp.body, "User-agent: *\nDisallow: /api/\n");
    return ERR_OK;
}
