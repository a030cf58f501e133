/* page_actor.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_actor(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

enum err
page_actors(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

