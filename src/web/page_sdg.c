/* page_sdg.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_sdg_index(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
page_sdg_goal(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

