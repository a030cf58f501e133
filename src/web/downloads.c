/*
 * downloads.c — the list of an indicator's data files, as the indicator page and the data
 * page both show it (see downloads.h).
 */
#include "web/downloads.h"

#include "web/i18n.h"
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
