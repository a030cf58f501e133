/*
 * pager.h — a paged list's page, for the HTML list pages and the API alike.
 *
 * One rule for both: page counts from 1; a page past the last of a non-empty
 * list is 404 Not Found with the error naming the field "page"; page 1 of an
 * empty list is an ordinary (empty) page. The route declares page (and, for
 * the API, per_page) with their ranges (routes.c), so what arrives here is
 * already validated.
 */
#ifndef WEB_PAGER_H
#define WEB_PAGER_H

#include <stdint.h>

#include "domain/paging.h"
#include "web/web.h"

struct pager {
    int64_t page;     /* from 1 */
    int64_t per_page; /* items on a page */
    int64_t total;    /* items on all pages; set by the caller after loading */
    int64_t pages;    /* set by pager_check: 0 for an empty list */
    struct page pg;   /* what to load: limit per_page, offset (page - 1) * per_page */
};

/* The request's page, and per_page if the route declares it (else per_page). */
void pager_read(struct req *rq, struct pager *p, int64_t per_page);

/* With p->total set: count the pages and refuse a page past the last (ERR_INVALID with
 * REFUSE_NOT_FOUND naming "page": a 404 that web_handle renders in the route's kind);
 * ERR_OK otherwise. */
enum err pager_check(struct req *rq, struct pager *p);

#endif
