/*
 * authz.h — the one authorization table: which role may do which kind of write on
 * which resource (issue 10; SECURITY.md item 20). Every write route, form and API,
 * asks authz_allows before it changes anything; the web layer loads the caller's facts
 * (struct who) once per request and names the resource (struct authz_scope) from the
 * route's parameters, read from the database, never from the request body.
 *
 * The roles, as bits of a rule:
 *   AUTHZ_ADMIN            an account whose global role is admin (or a legacy admin token)
 *   AUTHZ_COORDINATOR      a coordinator of the scope's mission
 *   AUTHZ_ANY_COORDINATOR  a coordinator of any mission (the actor and person registry
 *                          is shared by the missions; its curators are their coordinators)
 *   AUTHZ_REPRESENTATIVE   a confirmed representative of the scope's actor
 *   AUTHZ_OWNER            the account the scope belongs to (scope.owner_user_id)
 *   AUTHZ_SIGNED_IN        any signed-in account
 *   AUTHZ_PUBLIC           anyone, signed in or not
 * A rule allows an action when the caller holds any one of its bits for the scope.
 *
 * Decisions, and why:
 *   - Mission create and archive: admin only. A mission is an agency's commitment;
 *     an admin creates it and assigns its coordinators, who then run it (edit it,
 *     its objectives, indicators, data, team and SDG links).
 *   - Actor create, edit, archive: admin and any coordinator (they curate the registry
 *     the missions share); an actor's representatives edit it too (it is theirs to
 *     describe), but neither create nor archive one.
 *   - Person create: admin, any coordinator, and a representative of the person's actor
 *     (the contacts of their organisation). Person edit: admin, any coordinator, and the
 *     person's own account (owner: the account of that person). Archive: admin and any
 *     coordinator.
 *   - Initiative create (top-down) and archive: admin and the coordinators of its
 *     mission. Edit: those, and a representative of its lead actor (scope.actor_id).
 *   - Proposals: submitted by a representative of the actor that leads the proposed
 *     initiative; edited and resubmitted by its proposer (owner) only; reviewed by the
 *     coordinators of the mission (and admins).
 *   - Roles: coordinators are assigned and removed by an admin; a signed-in account
 *     asks to represent an actor for itself (owner); a request is confirmed by an admin
 *     or any coordinator, and revoked by those or by the representative itself
 *     (owner: withdrawing is never a privilege). Admin is granted and revoked by an
 *     admin. Two rules the table cannot say are roles.c's: a coordinator does not
 *     confirm its own request (someone else vouches for it), and the last admin stays.
 *   - Accounts: sign-up, sign-in and password reset are open to the public; sign-out
 *     needs a session; disabling an account is an admin's; an account's own settings
 *     (password, two-factor, e-mail) and its API tokens are its owner's alone (an admin
 *     disables an account, and so its tokens, but never acts as it).
 *   - Commitments (commitment.h): an actor's confirmed representative commits it to any
 *     mission (scope: the mission and the actor), edits its commitments and moves them on
 *     (in progress, delivered, withdrawn); so do the mission's coordinators, who also
 *     commit an actor they spoke with on its behalf. Only they (and admins) confirm one:
 *     a confirmed contribution counts against the indicator's gap, so the mission's own
 *     team vouches for it.
 *   - The learning log and the portfolio reviews (learning.h): admins and the mission's
 *     coordinators write and edit them; they are the mission team's own record, public
 *     only where an entry or a review says so.
 *   - The site's own settings (the "About missions" text, the general contact, the site
 *     owner): admins only. They speak for the whole site, not for one mission.
 *   - Dialogues (create, edit, follow-ups done): admin and the coordinators of the
 *     dialogue's mission; they log the team's own work, and their notes are theirs until
 *     marked public. They touch every page (ALL): an actor's page lists its dialogues.
 *   - Seminars (seminar.h): announced, edited, called off and their registrations seen and
 *     exported by admins and the seminar's mission's coordinators, who also mark attendance
 *     (which shows on the actors' pages: ALL). Anyone registers, without an account, and
 *     cancels through the secret link mailed to them (the link is the credential); both
 *     change the places left on the mission's seminar pages (MIS).
 *   - An admin may do whatever a coordinator may, on every mission; an admin never
 *     speaks for an actor or an owner (proposal submit and edit, own settings, tokens).
 *
 * A legacy API token (token.h: admin, or coordinator of one mission, made by the CLI)
 * holds the same facts as such an account would, with no user id: it is never an owner
 * and never signed in.
 *
 * Never: decide from anything but the caller's facts and the scope; cache a struct who
 * past its request (a role lost is lost at the next request).
 */
#ifndef DOMAIN_AUTHZ_H
#define DOMAIN_AUTHZ_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

struct api_client;

/* Limits of what authz_who_load reads: more links than these is refused with ERR_LIMIT
 * (a coordinator of 1,000 missions is a misconfiguration, not a role). */
#define AUTHZ_MAX_MISSIONS 1000
#define AUTHZ_MAX_ACTORS   1000

/* The caller's facts, loaded once per request. */
struct who {
    int64_t user_id;    /* 0: the public, or a legacy API token */
    int64_t token_id;   /* the API token the request came with (0: none; the web layer sets
                         * it for a user's token, authz_who_legacy for a legacy one) */
    int64_t session_id; /* the session the request came with (0: none); the web layer sets
                         * it, and a change of the caller's own roles keeps it (roles.h) */
    bool is_admin;
    const int64_t *missions; /* the missions coordinated, ascending */
    int n_missions;
    bool live_coordinator; /* one of them is not archived: the rights of AUTHZ_ANY_COORDINATOR */
    const int64_t *actors; /* the actors represented (confirmed only), ascending */
    int n_actors;
};

/* Which resource an action is on; 0 where the action has none. */
struct authz_scope {
    int64_t mission_id;    /* the mission it is within */
    int64_t actor_id;      /* the actor it concerns (an actor, a person's actor, the lead) */
    int64_t owner_user_id; /* the account it belongs to (a person's account, a proposer,
                            * the account whose settings, tokens or request it is) */
};

enum authz_role {
    AUTHZ_ADMIN = 1 << 0,
    AUTHZ_COORDINATOR = 1 << 1,
    AUTHZ_ANY_COORDINATOR = 1 << 2,
    AUTHZ_REPRESENTATIVE = 1 << 3,
    AUTHZ_OWNER = 1 << 4,
    AUTHZ_SIGNED_IN = 1 << 5,
    AUTHZ_PUBLIC = 1 << 6,
};

/* One per kind of write. Keep in the order of authz_rules (authz.c asserts it). */
enum authz_action {
    AUTHZ_MISSION_CREATE,
    AUTHZ_MISSION_EDIT,
    AUTHZ_MISSION_ARCHIVE,
    AUTHZ_MISSION_SDG, /* the mission's SDG target links */
    AUTHZ_OBJECTIVE_CREATE,
    AUTHZ_OBJECTIVE_EDIT,
    AUTHZ_OBJECTIVE_ARCHIVE,
    AUTHZ_INDICATOR_CREATE,
    AUTHZ_INDICATOR_EDIT,     /* metadata */
    AUTHZ_INDICATOR_SETTINGS, /* progress settings */
    AUTHZ_INDICATOR_ARCHIVE,
    AUTHZ_OBSERVATION_WRITE, /* an indicator's data: single values and imports */
    AUTHZ_TEAM_EDIT,
    AUTHZ_ACTOR_CREATE,
    AUTHZ_ACTOR_EDIT,
    AUTHZ_ACTOR_ARCHIVE,
    AUTHZ_PERSON_CREATE,
    AUTHZ_PERSON_EDIT,
    AUTHZ_PERSON_ARCHIVE,
    AUTHZ_INITIATIVE_CREATE, /* top-down */
    AUTHZ_INITIATIVE_EDIT,
    AUTHZ_INITIATIVE_ARCHIVE,
    AUTHZ_PROPOSAL_SUBMIT,
    AUTHZ_PROPOSAL_EDIT, /* edit and resubmit */
    AUTHZ_PROPOSAL_REVIEW,
    AUTHZ_COORDINATOR_ASSIGN,
    AUTHZ_COORDINATOR_REMOVE,
    AUTHZ_REPRESENTATIVE_REQUEST,
    AUTHZ_REPRESENTATIVE_CONFIRM,
    AUTHZ_REPRESENTATIVE_REVOKE,
    AUTHZ_ADMIN_GRANT,
    AUTHZ_ADMIN_REVOKE,
    AUTHZ_ACCOUNT_CREATE, /* sign-up */
    AUTHZ_ACCOUNT_RESET,  /* password reset by an e-mailed link */
    AUTHZ_ACCOUNT_DISABLE,
    AUTHZ_ACCOUNT_SETTINGS,
    AUTHZ_SESSION_CREATE, /* sign-in */
    AUTHZ_SESSION_END,    /* sign-out */
    AUTHZ_TOKEN_CREATE,
    AUTHZ_TOKEN_REVOKE,
    AUTHZ_SITE_EDIT, /* the site's settings: About, contact, owner (site.h) */
    AUTHZ_COMMITMENT_CREATE,
    AUTHZ_COMMITMENT_EDIT,    /* its statement, contribution, date and evidence */
    AUTHZ_COMMITMENT_STATUS,  /* a move: in progress, delivered, withdrawn */
    AUTHZ_COMMITMENT_CONFIRM, /* the move from pledged to confirmed */
    AUTHZ_DIALOGUE_CREATE,    /* a mission's dialogue (dialogue.h) */
    AUTHZ_DIALOGUE_EDIT,      /* its edit, and its follow-ups marked done or open */
    AUTHZ_LEARNING_CREATE,    /* a learning log entry (learning.h) */
    AUTHZ_LEARNING_EDIT,
    AUTHZ_REVIEW_CREATE, /* a portfolio review */
    AUTHZ_REVIEW_EDIT,
    AUTHZ_SEMINAR_CREATE,     /* announce a seminar (seminar.h) */
    AUTHZ_SEMINAR_EDIT,       /* edit or call it off; see and export its registrations */
    AUTHZ_SEMINAR_ATTENDANCE, /* mark who attended */
    AUTHZ_SEMINAR_REGISTER,   /* register, without an account */
    AUTHZ_SEMINAR_UNREGISTER, /* cancel a registration by its secret link */
    AUTHZ__MAX
};

/*
 * What an action's write can change of what the public sees: the one statement of it, read
 * by the server's response cache (docs/internals/http.md, "Scopes"). When unsure, a rule
 * says AUTHZ_TOUCHES_ALL: a needless re-render is safe, a stale page is not.
 *   AUTHZ_TOUCHES_NOTHING  nothing a public page shows (sessions, tokens, accounts' own
 *                          settings, sign-up, password resets, and the mail they queue)
 *   AUTHZ_TOUCHES_MISSION  the content of the scope's mission alone (its objectives,
 *                          indicators, data, team, SDG links, initiatives, proposals); a
 *                          scope without a mission counts as AUTHZ_TOUCHES_ALL
 *   AUTHZ_TOUCHES_ALL      anything: missions themselves (titles and slugs show on every
 *                          page), the shared registry of actors and people, roles, the site
 */
enum authz_touches {
    AUTHZ_TOUCHES_NOTHING,
    AUTHZ_TOUCHES_MISSION,
    AUTHZ_TOUCHES_ALL,
};

struct authz_rule {
    enum authz_action action;
    const char *name;           /* stable: "mission.edit"; for logs, tests and docs */
    unsigned roles;             /* enum authz_role bits */
    enum authz_touches touches; /* what its write can change of the public pages */
};

/* The table, in enum order: authz_rules[a].action == a. */
extern const struct authz_rule authz_rules[];
extern const int authz_n_rules;

/* Does the caller hold a role of the action's rule for the scope (NULL: no resource)? */
bool authz_allows(const struct who *w, enum authz_action action, const struct authz_scope *scope);

/* The rule's stable name ("mission.edit"); NULL for a value outside the enum. */
const char *authz_name(enum authz_action action);
/* The action named so; AUTHZ__MAX when none is. */
enum authz_action authz_by_name(const char *name);
/* What the action's write can change of the public pages; AUTHZ_TOUCHES_ALL outside the
 * enum. */
enum authz_touches authz_touches(enum authz_action action);

/* The public: no account, no role. */
void authz_who_public(struct who *out);

/*
 * The facts of account user_id (arrays in a): its global role, the missions it
 * coordinates and the actors it represents (confirmed). An unknown or disabled account
 * is the public (out filled so) and ERR_NOTFOUND. ERR_LIMIT past AUTHZ_MAX_MISSIONS or
 * AUTHZ_MAX_ACTORS links; ERR_DB, ERR_BUSY.
 */
enum err authz_who_load(struct db *db, struct arena *a, int64_t user_id, struct who *out);

/*
 * The facts of a legacy API token (token.h): admin, or coordinator of its one mission
 * (the array in a). No user id.
 */
void authz_who_legacy(struct arena *a, const struct api_client *c, struct who *out);

#endif
