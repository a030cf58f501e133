/* api_openapi.c — placeholder until its issue-2 work is merged. */
#include "web/handlers.h"

enum err
api_openapi(struct req *rq)
{
    (void)rq;
    return ERR_NOTFOUND;
}

