/*
 * codes.h — the enumerated text codes, declared once: every value a column
 * with a CHECK (... IN (...)) list may hold, and the progress engine's
 * statuses, each with the msgid of its display name.
 *
 * The database stores the code ("top_down"); route validators, the OpenAPI
 * document, the settings checks and the CLI accept exactly the codes of a
 * set, and the web layer shows gettext(label). tests/unit/test_codes.c reads
 * the migrations and fails when a CHECK list and its set differ, so a code is
 * added here and in a migration, nowhere else.
 *
 * Never: translate here (labels are N_() msgids; the domain knows no
 * language), or change a label's text without po/ (its msgid is the key).
 */
#ifndef DOMAIN_CODES_H
#define DOMAIN_CODES_H

#include <stdbool.h>

struct code {
    const char *code;  /* as stored and as the API spells it */
    const char *label; /* English msgid of the display name; NULL in a set that is never
                        * shown by name (see code_target_kind, code_token_role) */
};

struct code_set {
    const char *table, *column; /* where the database stores it (NULL: not stored) */
    const struct code *codes;
    int n;
};

extern const struct code_set code_mission_status;    /* mission.status */
extern const struct code_set code_actor_sector;      /* actor.sector */
extern const struct code_set code_initiative_origin; /* initiative.origin */
extern const struct code_set code_initiative_status; /* initiative.status */
extern const struct code_set code_initiative_role;   /* initiative_actor.role */
extern const struct code_set code_team_role;         /* team_member.role */
extern const struct code_set code_direction;         /* indicator.direction */
/* indicator.target_kind; "none" is no target (the API writes null); unlabelled: a page
 * shows the target itself */
extern const struct code_set code_target_kind;
/* api_token.role; unlabelled: only the CLI shows it, by code */
extern const struct code_set code_token_role;
/* user_account.status, user_account.role (global: admin or none; a mission's coordinators
 * and an actor's representatives are links) and actor_representative.state; unlabelled
 * until the account pages show them */
extern const struct code_set code_user_status;
extern const struct code_set code_user_role;
extern const struct code_set code_representative_state;
/* the progress engine's statuses (not stored), best first: the order of the API's
 * enum; enum progress_status lists them worst first, so PS_x is codes[PS__MAX - 1 - x]
 * (progress.c) */
extern const struct code_set code_progress_status;

/* proposal.state and proposal_step.action (domain/proposal.h) */
extern const struct code_set code_proposal_state;
extern const struct code_set code_proposal_action;
/* issue 13 (migration 0024) */
extern const struct code_set code_commitment_status;  /* commitment.status */
extern const struct code_set code_commitment_step;    /* commitment_step.status (the same codes) */
extern const struct code_set code_dialogue_format;    /* dialogue.format */
extern const struct code_set code_learning_decision;  /* learning_entry.decision */
extern const struct code_set code_seminar_language;   /* seminar.language */
extern const struct code_set code_registration_state; /* seminar_registration.state */
extern const struct code_set code_registration_lang;  /* seminar_registration.lang */

/* Every set above, NULL-terminated (for the tests). */
extern const struct code_set *const code_sets[];

/* Whether s (NULL: no) is one of the set's codes. */
bool code_is(const struct code_set *set, const char *s);
/* The msgid of code's display name; NULL when code is not one of the set's or the set is
 * unlabelled. */
const char *code_label(const struct code_set *set, const char *code);

#endif
