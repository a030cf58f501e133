/*
 * downloads.h — an indicator's data files as list items: the CSV, the JSON and the CSV's
 * Frictionless Data Package descriptor. Shared by page_indicator.c and page_data.c, below
 * both so neither page depends on the other.
 */
#ifndef WEB_DOWNLOADS_H
#define WEB_DOWNLOADS_H

#include <stdint.h>

#include "web/html.h"
#include "web/web.h"

/* <li> items (the caller opens the list) linking id's CSV, JSON and descriptor. */
void data_download_items(struct req *rq, struct html *h, int64_t id);

#endif
