/* page_indicator.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_indicator(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
file_indicator_csv(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
file_indicator_json(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

