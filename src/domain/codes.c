/*
 * codes.c — the code sets (see codes.h). Each list is in the order the
 * migration's CHECK list gives, which is the order the site and the OpenAPI
 * document show them in.
 */
#include "domain/codes.h"

#include <string.h>

/* xgettext extracts N_() here as in the web layer; the strings stay untranslated msgids */
#define N_(s) (s)
#define SET(t, c, a)                                                                               \
    {                                                                                              \
        t, c, a, (int)(sizeof(a) / sizeof((a)[0]))                                                 \
    }

static const struct code mission_status[] = {
    {"exploring", N_("Exploring")},
    {"in_dialogue", N_("In dialogue")},
    {"active", N_("Active")},
    {"concluded", N_("Concluded")},
};
const struct code_set code_mission_status = SET("mission", "status", mission_status);

static const struct code actor_sector[] = {
    {"public", N_("Public sector")},
    {"private", N_("Business")},
    {"academia", N_("Academia and research")},
    {"civil_society", N_("Civil society")},
    {"other", N_("Other")},
};
const struct code_set code_actor_sector = SET("actor", "sector", actor_sector);

static const struct code initiative_origin[] = {
    {"top_down", N_("Top-down")},
    {"bottom_up", N_("Bottom-up")},
};
const struct code_set code_initiative_origin = SET("initiative", "origin", initiative_origin);

static const struct code initiative_status[] = {
    {"proposed", N_("Proposed")},   {"accepted", N_("Accepted")}, {"running", N_("Running")},
    {"completed", N_("Completed")}, {"stopped", N_("Stopped")},   {"declined", N_("Declined")},
};
const struct code_set code_initiative_status = SET("initiative", "status", initiative_status);

static const struct code initiative_role[] = {
    {"lead", N_("Lead")},
    {"partner", N_("Partner")},
    {"funder", N_("Funder")},
    {"financier", N_("Co-financier")},
    {"participant", N_("Participant")},
};
const struct code_set code_initiative_role = SET("initiative_actor", "role", initiative_role);

static const struct code team_role[] = {
    {"mission_lead", N_("Mission lead")}, {"coordinator", N_("Coordinator")},
    {"analyst", N_("Analyst")},           {"communications", N_("Communications")},
    {"member", N_("Team member")},
};
const struct code_set code_team_role = SET("team_member", "role", team_role);

static const struct code direction[] = {
    {"increase", N_("Higher is better")},
    {"decrease", N_("Lower is better")},
};
const struct code_set code_direction = SET("indicator", "direction", direction);

static const struct code target_kind[] = {
    {"absolute", NULL},
    {"relative", NULL},
    {"none", NULL},
};
const struct code_set code_target_kind = SET("indicator", "target_kind", target_kind);

static const struct code token_role[] = {
    {"admin", NULL},
    {"coordinator", NULL},
};
const struct code_set code_token_role = SET("api_token", "role", token_role);

static const struct code user_status[] = {
    {"active", NULL},
    {"disabled", NULL},
};
const struct code_set code_user_status = SET("user_account", "status", user_status);

static const struct code user_role[] = {
    {"admin", NULL},
    {"none", NULL},
};
const struct code_set code_user_role = SET("user_account", "role", user_role);

static const struct code representative_state[] = {
    {"requested", NULL},
    {"confirmed", NULL},
};
const struct code_set code_representative_state =
    SET("actor_representative", "state", representative_state);

static const struct code progress_status[] = {
    {"target_achieved", N_("Target achieved")},
    {"substantial_progress", N_("On track")},
    {"moderate_progress", N_("Progress, acceleration needed")},
    {"limited_progress", N_("Limited progress")},
    {"deterioration", N_("Deterioration")},
    {"not_available", N_("Cannot be assessed")},
};
const struct code_set code_progress_status = SET(NULL, NULL, progress_status);

static const struct code proposal_state[] = {
    {"submitted", N_("Waiting for review")},
    {"changes_requested", N_("Changes asked for")},
    {"accepted", N_("Accepted")},
    {"declined", N_("Declined")},
};
const struct code_set code_proposal_state = SET("proposal", "state", proposal_state);

static const struct code proposal_action[] = {
    {"submitted", N_("Proposed")},
    {"changes_requested", N_("Asked for changes")},
    {"resubmitted", N_("Sent again")},
    {"accepted", N_("Accepted the proposal")},
    {"declined", N_("Declined the proposal")},
};
const struct code_set code_proposal_action = SET("proposal_step", "action", proposal_action);

/* issue 13 (migration 0024): a commitment's status, and each step of it */
static const struct code commitment_status[] = {
    {"pledged", N_("Pledged")},         {"confirmed", N_("Confirmed")},
    {"in_progress", N_("In progress")}, {"delivered", N_("Delivered")},
    {"withdrawn", N_("Withdrawn")},
};
const struct code_set code_commitment_status = SET("commitment", "status", commitment_status);
const struct code_set code_commitment_step = SET("commitment_step", "status", commitment_status);

static const struct code dialogue_format[] = {
    {"meeting", N_("Meeting")},         {"workshop", N_("Workshop")},
    {"interview", N_("Interview")},     {"conference", N_("Conference")},
    {"field_visit", N_("Field visit")},
};
const struct code_set code_dialogue_format = SET("dialogue", "format", dialogue_format);

static const struct code seminar_language[] = {
    {"sv", N_("In Swedish")},
    {"en", N_("In English")},
    {"sv_en", N_("In Swedish and English")},
};
const struct code_set code_seminar_language = SET("seminar", "language", seminar_language);

/* a registration: a place, the waiting list, or cancelled by its link */
static const struct code registration_state[] = {
    {"registered", N_("Has a place")},
    {"waiting", N_("Waiting")},
    {"cancelled", N_("Registration cancelled")},
};
const struct code_set code_registration_state =
    SET("seminar_registration", "state", registration_state);

/* the language of a registration's mails (the page's it was made on): never shown by name */
static const struct code registration_lang[] = {{"sv", NULL}, {"en", NULL}};
const struct code_set code_registration_lang =
    SET("seminar_registration", "lang", registration_lang);

static const struct code learning_decision[] = {
    {"scale_up", N_("Scale up")},
    {"adjust", N_("Adjust")},
    {"stop", N_("Stop")},
};
const struct code_set code_learning_decision = SET("learning_entry", "decision", learning_decision);

const struct code_set *const code_sets[] = {
    &code_mission_status,
    &code_actor_sector,
    &code_initiative_origin,
    &code_initiative_status,
    &code_initiative_role,
    &code_team_role,
    &code_direction,
    &code_target_kind,
    &code_token_role,
    &code_user_status,
    &code_user_role,
    &code_representative_state,
    &code_progress_status,
    &code_proposal_state,
    &code_proposal_action,
    &code_commitment_status,
    &code_commitment_step,
    &code_dialogue_format,
    &code_learning_decision,
    &code_seminar_language,
    &code_registration_state,
    &code_registration_lang,
    NULL,
};

static const struct code *
find(const struct code_set *set, const char *s)
{
    int i;

    if (s == NULL)
        return NULL;
    for (i = 0; i < set->n; i++)
        if (strcmp(set->codes[i].code, s) == 0)
            return &set->codes[i];
    return NULL;
}

bool
code_is(const struct code_set *set, const char *s)
{
    return find(set, s) != NULL;
}

const char *
code_label(const struct code_set *set, const char *code)
{
    const struct code *c = find(set, code);

    return c != NULL ? c->label : NULL;
}
