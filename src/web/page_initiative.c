/* page_initiative.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_initiative(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
page_initiatives(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

