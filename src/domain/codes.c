/*
 * codes.c — the enumerated text codes the database stores (see codes.h).
 */
#include "domain/codes.h"

#include <string.h>

const char *const mission_statuses[] = {"exploring", "in_dialogue", "active", "concluded", NULL};
const char *const actor_sectors[] = {"public",        "private", "academia",
                                     "civil_society", "other",   NULL};
const char *const initiative_origins[] = {"top_down", "bottom_up", NULL};
const char *const initiative_statuses[] = {"proposed", "accepted", "running", "completed",
                                           "stopped",  "declined", NULL};
const char *const initiative_roles[] = {"lead",      "partner",     "funder",
                                        "financier", "participant", NULL};
const char *const team_roles[] = {"mission_lead",   "coordinator", "analyst",
                                  "communications", "member",      NULL};

bool
model_is_code(const char *const *codes, const char *s)
{
    if (codes == NULL || s == NULL)
        return false;
    for (; *codes != NULL; codes++)
        if (strcmp(*codes, s) == 0)
            return true;
    return false;
}
