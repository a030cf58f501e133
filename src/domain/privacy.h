/*
 * privacy.h — what samverka holds about a user, and its deletion on request (GDPR
 * articles 15 and 17): privacy_load gathers it for the account's own page and download;
 * privacy_ask records a request to delete it and e-mails the admins; privacy_carry_out,
 * an admin's act, anonymises the person, disables the account and strips it of its
 * address, ends its sessions, tokens and roles, and rewrites the audit log's entries made
 * by it to name the account by id (they keep their ids: the history stays, but never the
 * e-mail address). Nothing that others point to is deleted: the person and the account
 * rows stay, under no name, and so do the account's proposals and the steps it took on
 * proposals (the record of a review the coordinators keep), their comments without the
 * account's or the person's address.
 *
 * The texts (the admins' message, the anonymous name) are the caller's, in the platform's
 * default language: the domain holds no UI strings. The clock is passed in.
 */
#ifndef DOMAIN_PRIVACY_H
#define DOMAIN_PRIVACY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/authz.h"
#include "domain/proposal.h"
#include "domain/roles.h"
#include "domain/token.h"
#include "domain/write.h"

#define PRIVACY_MAX_AUDIT     1000 /* audit entries privacy_load lists (the count is exact) */
#define PRIVACY_MAX_ADMINS    100  /* admins a deletion request is e-mailed to */
#define PRIVACY_MAX_REQUESTS  100  /* open requests privacy_requests lists */
#define PRIVACY_MAX_PROPOSALS 1000 /* own proposals privacy_load lists (the count is exact) */
#define PRIVACY_MAX_STEPS     1000 /* proposal steps taken that privacy_load lists (ditto) */

/* An audit entry made by the user. */
struct privacy_audit {
    int64_t id, at;
    const char *action, *entity;
    int64_t entity_id; /* 0: none */
};

/* A step the user took on a proposal (theirs, or one they reviewed), with its comment. */
struct privacy_step {
    int64_t initiative_id, at;
    const char *title_sv, *title_en; /* the proposal's */
    const char *action;              /* code_proposal_action */
    const char *comment;             /* "" if none */
};

/* What samverka holds about one account (strings in the caller's arena). */
struct privacy_data {
    int64_t user_id, person_id;
    const char *email, *status, *role; /* the account's */
    int64_t created_at;
    const char *name, *title_sv, *title_en; /* the person's */
    const char *person_email, *phone;       /* the person's contact details (NULL: none) */
    const char *actor;                      /* the person's organisation (NULL: none) */
    struct held_role *missions, *actors;    /* roles_of */
    int n_missions, n_actors;
    int64_t sessions; /* live sessions */
    struct user_token *tokens;
    int n_tokens;
    struct privacy_audit *audit; /* the newest PRIVACY_MAX_AUDIT */
    int n_audit;
    int64_t audit_total;
    struct proposal *proposals; /* the account's own, the latest change first (no steps) */
    int n_proposals;
    int64_t proposals_total;
    struct privacy_step *steps; /* the steps it took, the newest first */
    int n_steps;
    int64_t steps_total;
    int64_t deletion_asked_at; /* an open deletion request's time; 0: none */
};

/* Everything above about account user_id at now. ERR_NOTFOUND, ERR_DB, ERR_BUSY. */
enum err privacy_load(struct db *db, struct arena *a, int64_t user_id, int64_t now,
                      struct privacy_data *out);

/*
 * Record account user_id's request to delete its personal data and queue one message
 * (subject, body: nothing in them is interpreted) to each active admin, in one
 * transaction. ERR_CONFLICT when a request of the account is open already (nothing
 * sent again); ERR_INVALID when subject or body cannot be mailed; ERR_DB, ERR_BUSY.
 */
enum err privacy_ask(struct db *db, int64_t user_id, const char *subject, const char *body,
                     int64_t now);

/* An open deletion request. */
struct deletion_request {
    int64_t id, user_id, created_at;
    const char *email, *name; /* the account's and its person's */
};

/* The open requests, oldest first, at most PRIVACY_MAX_REQUESTS (in a). ERR_DB, ERR_BUSY. */
enum err privacy_requests(struct db *db, struct arena *a, struct deletion_request **out,
                          int *out_n);

/*
 * Carry out the open deletion request of account user_id (the caller by must be allowed
 * account.disable: an admin, never for its own account;
 * ERR_INVALID naming "by" otherwise), in one transaction: the person named anon_name
 * (a required line) with no title or contact details; the account disabled, its address
 * replaced by "deleted-ID@invalid" and its password unusable; its sessions, tokens, pending
 * sign-ins, reset links, second factor and roles ended; its sign-in failures and queued
 * mail deleted; the audit log's entries made by it name "user:ID" instead of the address,
 * which is also taken out of every entry's detail and changes. An audit entry and the
 * security event "account.erase". ERR_NOTFOUND when the account has no open request;
 * ERR_DB, ERR_BUSY.
 */
enum err privacy_carry_out(struct db *db, const struct who *by, int64_t user_id,
                           const char *anon_name, int64_t now, struct write_error *e);

#endif
