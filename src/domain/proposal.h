/*
 * proposal.h — bottom-up proposals (issue 10): an actor's representative proposes an
 * initiative to a mission; the mission's coordinators (and admins) accept it, ask for
 * changes with a comment, or decline it with a reason; the proposer edits and sends it
 * again while changes are asked for.
 *
 * A proposal is an initiative (initiative.h; origin bottom_up, status proposed) with a
 * row in table proposal (its review state and proposer) and its steps in proposal_step
 * (who did what when, with the comment). Until it is accepted the initiative is on no
 * public page (q_all.def's INITIATIVE_SHOWN); accepting sets its status to accepted, so
 * it joins the mission's portfolio as bottom-up; declining sets it to declined.
 *
 * Each function runs its own transaction (its caller is a form or an API write, which
 * may not), writes the step, an audit entry, and queues one e-mail to the proposer and
 * to each coordinator of the mission, all or nothing. The words of the e-mail are the
 * caller's (the web layer's, translated; struct proposal_notice): the domain holds no UI
 * strings. Who may act is the caller's check (authz.h: proposal.submit, proposal.edit,
 * proposal.review); what the state allows is checked here.
 *
 * Never: show a comment or the proposer's address on a public page (the web layer's
 * care); let a proposal change state from a state other than the one read (two reviewers
 * at once: the second gets ERR_CONFLICT).
 */
#ifndef DOMAIN_PROPOSAL_H
#define DOMAIN_PROPOSAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/initiative.h"
#include "domain/paging.h"
#include "domain/write.h"

/* The step of a proposal: who did what, when, and why (comment; "" if none). */
struct proposal_step {
    int64_t id, at, user_id;
    const char *name;   /* the person of the account */
    const char *email;  /* the account's address: for the proposer and the reviewers only */
    const char *action; /* code_proposal_action */
    const char *comment;
};

struct proposal {
    int64_t initiative_id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    int64_t proposer_id;
    const char *proposer_email, *proposer_name;
    const char *state; /* code_proposal_state */
    int64_t created_at, updated_at;
    const char *title_sv, *title_en;
    int64_t lead_actor_id;
    const char *lead_actor_name; /* NULL: none */
    /* filled by proposal_get only: every step, oldest first */
    struct proposal_step *steps;
    int n_steps;
};

/* The e-mail of one step, sent alike to the proposer and to the mission's coordinators
 * (active accounts, each once): mail_enqueue's limits apply (a bad one is ERR_INVALID and
 * nothing of the step is written). */
struct proposal_notice {
    const char *subject, *body;
};

/* What a reviewer decides. */
enum proposal_decision {
    PROPOSAL_ACCEPT,  /* it joins the portfolio: status accepted */
    PROPOSAL_CHANGES, /* back to the proposer, with a comment (required) */
    PROPOSAL_DECLINE, /* final, with a reason (required) */
};

#define PROPOSAL_MAX_COMMENT WRITE_MAX_TEXT

/*
 * Propose in as an initiative to in->mission_id, as account proposer (who: its audit
 * name) at now. The origin, status and is_demo of in are set here (bottom_up, proposed,
 * false); a slug is made from the title when in->slug is NULL; a lead actor is required
 * (in->lead_actor_id: the actor whose representative proposes). initiative_create's
 * checks (ERR_INVALID, err naming the field); ERR_NOTFOUND for an archived mission.
 * *out_id is the initiative's id. ERR_DB, ERR_BUSY.
 */
enum err proposal_submit(struct db *db, const struct initiative_new *in, int64_t proposer,
                         const char *who, int64_t now, const struct proposal_notice *notice,
                         int64_t *out_id, struct write_error *err);

/*
 * The proposer's edit of proposal id, sent again for review: only while changes are asked
 * for (else ERR_CONFLICT), only by its proposer (else ERR_NOTFOUND, as for an unknown id).
 * in as for initiative_update; its mission, origin, status and slug are the stored ones,
 * and the lead actor cannot change (ERR_INVALID naming "lead_actor_id": the proposer
 * speaks for that actor). ERR_DB, ERR_BUSY.
 */
enum err proposal_resubmit(struct db *db, int64_t id, const struct initiative_new *in,
                           int64_t proposer, const char *who, int64_t now,
                           const struct proposal_notice *notice, struct write_error *err);

/*
 * A reviewer's (account reviewer) decision on proposal id at now: only while it waits for
 * review (ERR_CONFLICT otherwise). comment: required for PROPOSAL_CHANGES and
 * PROPOSAL_DECLINE, optional for PROPOSAL_ACCEPT (NULL or ""); at most
 * PROPOSAL_MAX_COMMENT bytes, several lines allowed (ERR_INVALID naming "comment").
 * ERR_NOTFOUND for an unknown id. ERR_DB, ERR_BUSY.
 */
enum err proposal_review(struct db *db, int64_t id, enum proposal_decision d, const char *comment,
                         int64_t reviewer, const char *who, int64_t now,
                         const struct proposal_notice *notice, struct write_error *err);

/* Proposal id with its steps, in a. ERR_NOTFOUND, ERR_DB, ERR_BUSY. */
enum err proposal_get(struct db *db, struct arena *a, int64_t id, struct proposal *out);

/* A mission's proposals in state (NULL: every state), oldest change first: the review
 * queue. One page, the number of all in *out_total (without steps). */
enum err proposal_list_mission(struct db *db, struct arena *a, int64_t mission_id,
                               const char *state, const struct page *pg, struct proposal **out,
                               int *out_n, int64_t *out_total);

/* An account's own proposals, the latest change first (without steps). */
enum err proposal_list_mine(struct db *db, struct arena *a, int64_t proposer, const struct page *pg,
                            struct proposal **out, int *out_n, int64_t *out_total);

/* Whether initiative id is on no public page (a proposal not accepted): *out. */
enum err proposal_is_hidden(struct db *db, int64_t id, bool *out);

#endif
