/*
 * codes.h — the enumerated text codes the database stores ("top_down",
 * "running", ...); their display names are the web layer's.
 */
#ifndef DOMAIN_CODES_H
#define DOMAIN_CODES_H

#include <stdbool.h>

extern const char *const mission_statuses[]; /* exploring, in_dialogue, active, concluded, NULL */
extern const char
    *const actor_sectors[]; /* public, private, academia, civil_society, other, NULL */
extern const char *const initiative_origins[]; /* top_down, bottom_up, NULL */
extern const char *const
    initiative_statuses[]; /* proposed, accepted, running, completed, stopped, declined, NULL */
extern const char
    *const initiative_roles[]; /* lead, partner, funder, financier, participant, NULL */
extern const char
    *const team_roles[]; /* mission_lead, coordinator, analyst, communications, member, NULL */
bool model_is_code(const char *const *codes, const char *s);

#endif
