/* page_mission.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
page_mission(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

