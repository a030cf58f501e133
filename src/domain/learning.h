/*
 * learning.h — testing our way forward (issue 13; migration 0024): a mission's learning
 * log, each entry a hypothesis tested, what was done, what was learned and the decision
 * taken (scale up, adjust, stop), dated, attributed to the account that wrote it and
 * linked to the initiatives and objectives of the mission it concerns; and the mission's
 * portfolio reviews: when, who took part (people of the registry) and what was decided.
 *
 * Both are public only when is_public says so: the loaders take `all` (true: the
 * non-public ones too, for the mission's coordinators and admins; false: the public only).
 * Who may write (authz.h): admins and the mission's coordinators.
 * Loader conventions: person.h; the create and update conventions: write.h.
 */
#ifndef DOMAIN_LEARNING_H
#define DOMAIN_LEARNING_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"
#include "domain/write.h"

/* An initiative or an objective an entry concerns. */
struct learning_link {
    int64_t entry_id, id;
    const char *slug; /* an initiative's; "" for an objective */
    const char *title_sv, *title_en;
};

struct learning_entry {
    int64_t id, mission_id;
    const char *mission_slug, *mission_title_sv, *mission_title_en;
    const char *decided_on; /* YYYY-MM-DD */
    const char *hypothesis_sv, *hypothesis_en, *done_sv, *done_en, *learned_sv, *learned_en;
    const char *decision; /* code_learning_decision */
    bool is_public;
    const char *by; /* the person of the account that wrote it; NULL: none (the demo) */
    int64_t created_at, updated_at;
    bool is_demo;
    struct learning_link *initiatives, *objectives;
    int n_initiatives, n_objectives;
};

/* A mission's entries (all: the non-public ones too), the latest decision first, each
 * with its initiatives and objectives (three reads a page). */
enum err learning_list(struct db *db, struct arena *a, int64_t mission_id, bool all,
                       const struct page *pg, struct learning_entry **out, int *out_n,
                       int64_t *out_total);
/* One entry, whether public or not (the caller decides who sees it). */
enum err learning_get(struct db *db, struct arena *a, int64_t id, struct learning_entry *out);

struct review_person {
    int64_t review_id, id;
    const char *name;
};

struct portfolio_review {
    int64_t id, mission_id;
    const char *mission_slug;
    const char *held_on; /* YYYY-MM-DD */
    const char *decisions_sv, *decisions_en;
    bool is_public;
    const char *by; /* as learning_entry's */
    int64_t created_at, updated_at;
    bool is_demo;
    struct review_person *people; /* by name */
    int n_people;
};

#define REVIEW_LIST_MAX 200 /* the reviews a mission's list reads, the latest first */

/* At most limit of a mission's reviews (all: the non-public ones too), the latest first,
 * each with who took part (two reads). */
enum err review_list(struct db *db, struct arena *a, int64_t mission_id, bool all, int limit,
                     struct portfolio_review **out, int *out_n);
enum err review_get(struct db *db, struct arena *a, int64_t id, struct portfolio_review *out);

/* ---- creating and changing (the conventions of every create function: write.h) ---- */

struct learning_new {
    int64_t mission_id;                        /* a live mission; protected on update */
    const char *decided_on;                    /* required, YYYY-MM-DD */
    const char *hypothesis_sv, *hypothesis_en; /* plain text; Swedish required */
    const char *done_sv, *done_en, *learned_sv, *learned_en; /* plain text, optional */
    const char *decision;                                    /* code_learning_decision */
    bool is_public;
    const int64_t *initiative_ids; /* initiatives of the mission, each once, that the
                                    * public sees (or the entry names already) */
    int n_initiatives;
    const int64_t *objective_ids; /* objectives of the mission, each once */
    int n_objectives;
    int64_t user_id; /* the account that writes (0: none); create only */
    bool is_demo;
};

enum err learning_create(struct db *db, const struct learning_new *in, const char *who,
                         int64_t *out_id, struct write_error *err);
/* Change an entry (the mission is protected); the audit entry names exactly the fields
 * that differ, the link sets as initiative_ids and objective_ids. */
enum err learning_update(struct db *db, int64_t id, const struct learning_new *in, const char *who,
                         int64_t now, bool *out_changed, struct write_error *err);
/* The mission of entry id (ERR_NOTFOUND: none). */
enum err learning_mission(struct db *db, int64_t id, int64_t *out);

struct review_new {
    int64_t mission_id;                      /* a live mission; protected on update */
    const char *held_on;                     /* required, YYYY-MM-DD */
    const char *decisions_sv, *decisions_en; /* plain text, optional */
    bool is_public;
    const int64_t *person_ids; /* people of the registry, each once */
    int n_people;
    int64_t user_id;
    bool is_demo;
};

enum err review_create(struct db *db, const struct review_new *in, const char *who, int64_t *out_id,
                       struct write_error *err);
/* As learning_update; the people as person_ids. */
enum err review_update(struct db *db, int64_t id, const struct review_new *in, const char *who,
                       int64_t now, bool *out_changed, struct write_error *err);
enum err review_mission(struct db *db, int64_t id, int64_t *out);

/* learning_create or (id != 0) learning_update in its own transaction, and the same for
 * reviews: what a form and an API write call. */
enum err learning_save(struct db *db, int64_t id, const struct learning_new *in, const char *who,
                       int64_t now, int64_t *out_id, struct write_error *err);
enum err review_save(struct db *db, int64_t id, const struct review_new *in, const char *who,
                     int64_t now, int64_t *out_id, struct write_error *err);

#endif
