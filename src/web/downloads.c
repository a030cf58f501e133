/*
 * downloads.c — the list of an indicator's data files, as the indicator page and the data
 * page both show it (see downloads.h); the public open-data page (/data) and the bulk
 * package it offers (/data/samverka-data.zip, domain/bulk.c).
 */
#include "web/downloads.h"

#include <time.h>

#include "domain/audit.h"
#include "domain/bulk.h"
#include "domain/licence.h"
#include "web/auth.h"
#include "web/handlers.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/url.h"

void
data_download_items(struct req *rq, struct html *h, int64_t id)
{
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Observations as CSV"), "href", url_indicator_data(rq, id, "csv"),
                   "type", "text/csv", NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Observations as JSON"), "href", url_indicator_data(rq, id, "json"),
                   "type", "application/json", NULL);
    html_close(h, "li");
    html_open(h, "li", NULL);
    html_elem_attr(h, "a", _("Description of the CSV (Frictionless Data Package)"), "href",
                   url_indicator_datapackage(rq, id), "type", "application/json", NULL);
    html_close(h, "li");
}

enum err
page_open_data(struct req *rq)
{
    const struct licence *l = web_data_licence();
    struct html h;
    int i;

    html_init(&h, &rq->resp.body, rq->arena);
    layout_begin(rq, &h, _("Open data"));
    html_elem(&h, "h1", _("Open data"));
    html_open(&h, "p", "class", "lead", NULL);
    html_text(&h, _("Everything this site publishes may be downloaded and reused under the "
                    "licence"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", l->name, "href", l->url, "rel", "license", "lang", "en", NULL);
    html_text(&h, ".");
    html_close(&h, "p");

    html_elem(&h, "h2", _("All data in one file"));
    html_elem(&h, "p",
              _("A zip file with every public mission, objective, indicator with its "
                "observations, actor and initiative, and the tables that join them. Each table "
                "is in it as CSV and as JSON, described by a Frictionless Data Package "
                "(datapackage.json) with the licence and when the file was made. It follows the "
                "data: a new file after every change."));
    html_open(&h, "p", NULL);
    html_elem_attr(&h, "a", _("Download all data (zip)"), "href", DATA_BULK_PATH, "type",
                   "application/zip", NULL);
    html_close(&h, "p");
    html_open(&h, "details", NULL);
    html_elem(&h, "summary", _("The tables in the file"));
    html_open(&h, "ul", NULL);
    for (i = 0; i < bulk_n_tables; i++)
        html_elem_attr(&h, "li", bulk_table_names[i], "lang", "en", NULL);
    html_close(&h, "ul");
    html_close(&h, "details");

    html_elem(&h, "h2", _("The JSON API"));
    html_open(&h, "p", NULL);
    html_text(&h, _("The same data, resource by resource, with each indicator's assessment. Any "
                    "web page may read it (CORS), without signing in. The API is described in"));
    html_text(&h, " ");
    html_elem_attr(&h, "a", _("its OpenAPI document"), "href", "/api/v1/openapi.json", "type",
                   "application/json", NULL);
    html_text(&h, ".");
    html_close(&h, "p");
    html_elem(&h, "p",
              _("Each indicator's page also offers its observations as CSV and JSON, in the "
                "Open SDG format, with a description of the CSV."));
    return layout_end_for(rq, &h, NULL, 0, 0, NULL);
}

enum err
file_bulk_zip(struct req *rq)
{
    struct bulk_info in = {
        .licence = web_data_licence(),
        .site_url = auth_public_origin(),
    };
    struct accountability acc;
    enum err rc;

    /* "created" is the data's last change (the audit log's latest entry), not the clock:
     * the same data make the same bytes whenever the package is rendered again (a cache
     * entry evicted, a second instance), so its ETag still matches what a client holds */
    rc = accountability_get(rq->db, NULL, NULL, 0, 0, &acc);
    if (rc)
        return rc;
    in.now = acc.last_updated > 0 ? acc.last_updated : (int64_t)time(NULL);
    rc = bulk_write(rq->db, &in, &rq->resp.body);
    if (rc)
        return rc;
    rq->resp.content_type = "application/zip";
    return resp_header(rq, "Content-Disposition", "attachment; filename=\"samverka-data.zip\"");
}
