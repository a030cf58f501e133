/*
 * pager.c — a paged list's page (see pager.h).
 */
#include "web/pager.h"

#include "web/i18n.h"
#include "web/route.h"

void
pager_read(struct req *rq, struct pager *p, int64_t per_page)
{
    p->page = req_int(rq, "page", 1);
    p->per_page = req_int(rq, "per_page", per_page);
    p->total = 0;
    p->pages = 0;
    p->pg.limit = p->per_page;
    p->pg.offset = (p->page - 1) * p->per_page;
}

enum err
pager_check(struct req *rq, struct pager *p)
{
    p->pages = (p->total + p->per_page - 1) / p->per_page;
    if (p->total > 0 && p->page > p->pages)
        return req_refuse(rq, REFUSE_NOT_FOUND, "page", _("There is no page at this address."));
    return ERR_OK;
}
