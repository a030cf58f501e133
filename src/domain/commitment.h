/*
 * commitment.h — actors' commitments to a mission (issue 13; migration 0024): a statement,
 * optionally a quantified contribution to one of the mission's indicators (an amount in the
 * indicator's unit toward its target, by a date), a link to evidence, and a status that
 * moves pledged -> confirmed -> in progress -> delivered, or to withdrawn; each move is a
 * step (when, who, a note). And the commitment gap of each indicator (portfolio.h's
 * arithmetic over the stored contributions).
 *
 * Who may (authz.h): a confirmed representative of the actor commits it and edits its
 * commitments, and so do the mission's coordinators; only a coordinator (or an admin)
 * confirms one. The moves allowed are commitment_move_allowed's, whoever asks.
 * Loader conventions: person.h; the create and update conventions: write.h.
 */
#ifndef DOMAIN_COMMITMENT_H
#define DOMAIN_COMMITMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/portfolio.h"
#include "domain/write.h"

struct indicator;

struct commitment_step {
    int64_t id, at;
    const char *status; /* code_commitment_step */
    const char *note;
    const char *by; /* the person of the account that took it; NULL: none (the demo) */
};

struct commitment {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    int64_t actor_id;
    const char *actor_slug, *actor_name, *actor_sector;
    const char *statement_sv, *statement_en;
    int64_t indicator_id; /* 0: no quantified contribution */
    const char *indicator_title_sv, *indicator_title_en, *unit_sv, *unit_en;
    int decimals;
    bool has_amount;
    double amount;
    const char *by_date, *evidence_url; /* NULL if unset */
    const char *status;                 /* code_commitment_status */
    int64_t created_at, updated_at;
    bool is_demo;
    /* filled by commitment_get only */
    struct commitment_step *steps;
    int n_steps;
};

/* A mission's commitments of one status (NULL: any), by the actor's sector and name. */
enum err commitment_list(struct db *db, struct arena *a, int64_t mission_id, const char *status,
                         const struct page *pg, struct commitment **out, int *out_n,
                         int64_t *out_total);
/* At most limit of an actor's commitments (to live missions), the latest first. */
enum err commitment_by_actor(struct db *db, struct arena *a, int64_t actor_id, int limit,
                             struct commitment **out, int *out_n);
/* At most limit of an indicator's quantified commitments, the largest first. */
enum err commitment_by_indicator(struct db *db, struct arena *a, int64_t indicator_id, int limit,
                                 struct commitment **out, int *out_n);
enum err commitment_get(struct db *db, struct arena *a, int64_t id, struct commitment *out);

/* Who has committed to a mission (a withdrawn commitment does not count). */
struct committer {
    const char *sector; /* code_actor_sector */
    int64_t actor_id;
    const char *actor_slug, *actor_name;
    int n; /* the actor's commitments */
};
/* At most limit committers, by sector (the codes' text order) and name. */
enum err commitment_committers(struct db *db, struct arena *a, int64_t mission_id, int limit,
                               struct committer **out, int *out_n);

/*
 * The commitment gap of each of n indicators of one mission (inds as mission_progress_load
 * completes them, with their latest value): out[i] for inds[i], from the quantified
 * contributions stored for them. An indicator without a target (absolute, or relative to a
 * base value it has) has no gap.
 */
enum err commitment_gaps(struct db *db, struct arena *a, int64_t mission_id,
                         const struct indicator *inds, int n, struct commitment_gap *out);
/* The gap of one indicator from its contributions (c, n): commitment_gaps's arithmetic. */
void commitment_indicator_gap(const struct indicator *ind, const struct contribution *c, int n,
                              struct commitment_gap *out);
/* The state of a status code (CS__MAX for none of them). */
enum commitment_state commitment_state_of(const char *status);

/* ---- creating and changing (the conventions of every create function: write.h) ---- */

struct commitment_new {
    int64_t mission_id;                      /* a live mission */
    int64_t actor_id;                        /* a live actor */
    const char *statement_sv, *statement_en; /* plain text; Swedish required */
    int64_t indicator_id; /* 0: none; else an indicator of the mission, with has_amount */
    bool has_amount;
    double amount;                      /* in the indicator's unit, 0 to WRITE_MAX_MONEY */
    const char *by_date, *evidence_url; /* optional */
    const char *status;                 /* create only: pledged, or any when is_demo */
    int64_t user_id;                    /* the account that writes (0: none) */
    bool is_demo;
};

/* A new commitment, its first step (its status) by in->user_id. A commitment is made
 * pledged; only the demo loader gives another status (with is_demo). */
enum err commitment_create(struct db *db, const struct commitment_new *in, const char *who,
                           int64_t *out_id, struct write_error *err);
/*
 * Change the statement, the contribution, the date and the evidence. The mission and the
 * actor are protected (0 or the stored ones), and so is the status (NULL or the stored
 * one: it moves by commitment_move). A withdrawn or delivered commitment is closed:
 * ERR_INVALID ("status").
 */
enum err commitment_update(struct db *db, int64_t id, const struct commitment_new *in,
                           const char *who, int64_t now, bool *out_changed,
                           struct write_error *err);
/*
 * Whether a commitment may move from status `from` to `to`: pledged to confirmed or
 * withdrawn; confirmed to in progress, delivered or withdrawn; in progress to delivered or
 * withdrawn. Delivered and withdrawn are where it ends.
 */
bool commitment_move_allowed(const char *from, const char *to);
/* Move commitment id to status `to` with a note (plain text, at most WRITE_MAX_TEXT),
 * a step by user_id and an audit entry; a move not allowed is ERR_INVALID ("status"). */
enum err commitment_move(struct db *db, int64_t id, const char *to, const char *note,
                         int64_t user_id, const char *who, int64_t now, struct write_error *err);
/* The status, mission and actor of commitment id (ERR_NOTFOUND: none). */
enum err commitment_state(struct db *db, struct arena *a, int64_t id, const char **status,
                          int64_t *mission_id, int64_t *actor_id);

/* commitment_create or (id != 0) commitment_update, and commitment_move, each in its own
 * transaction: what a form and an API write call. */
enum err commitment_save(struct db *db, int64_t id, const struct commitment_new *in,
                         const char *who, int64_t now, int64_t *out_id, struct write_error *err);
enum err commitment_save_move(struct db *db, int64_t id, const char *to, const char *note,
                              int64_t user_id, const char *who, int64_t now,
                              struct write_error *err);

#endif
