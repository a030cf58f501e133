/*
 * model.c — the enumerated codes and small rules shared by every entity.
 */
#include "domain/model.h"

#include <math.h>
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

bool
indicator_target_abs(const struct indicator *ind, double *out)
{
    if (!ind->has_target || strcmp(ind->target_kind, "none") == 0)
        return false;
    if (strcmp(ind->target_kind, "relative") == 0) {
        if (!ind->has_base)
            return false;
        *out = ind->base_value * (1.0 + ind->target_value / 100.0);
        return isfinite(*out);
    }
    *out = ind->target_value;
    return true;
}
