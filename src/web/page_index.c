/* page_index.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_index(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

