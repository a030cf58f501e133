/* demo.c — placeholder until its issue-2 work is merged. */
#include "domain/model.h"
#include "domain/demo.h"

enum err
demo_load(struct db *db)
{
    (void)db;
    return ERR_NOTFOUND;
}

