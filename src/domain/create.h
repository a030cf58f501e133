/*
 * create.h — create the entities: actors, people, missions (with their SDG
 * targets), objectives, indicators (with their disaggregation columns and SDG
 * indicators), initiatives (with their taking-part actors and roles, objectives
 * and SDG targets) and team members. What the forms and the API's writes call,
 * and what the demo and generated data sets are loaded through.
 *
 * Each function checks its whole input first (codes, slugs, lengths within the
 * limits of write.h, references that must exist, uniqueness) and writes nothing
 * when it refuses: ERR_INVALID with *err naming the field (as the input struct
 * spells it; item, for a list) and why. Then it inserts with the prepared
 * statements of its entity's q_*.def, leaves an audit entry (action "create",
 * by `who`) and gives the new id. It runs inside the caller's write
 * transaction and never begins, commits or rolls back (write.h). Strings are
 * borrowed; NULL for an optional text means none (stored as NULL where the
 * column allows it, else ""). Other errors: ERR_DB, ERR_BUSY.
 */
#ifndef DOMAIN_CREATE_H
#define DOMAIN_CREATE_H

#include <stdbool.h>
#include <stdint.h>

#include "db/db.h"
#include "domain/settings.h"
#include "domain/write.h"

struct actor_new {
    const char *slug, *name;
    const char *orgnr;        /* optional; NNNNNN-NNNN or ten digits, stored as NNNNNN-NNNN */
    const char *sector;       /* code_actor_sector */
    const char *sni;          /* optional; an SNI 2007 code of the reference data */
    const char *municipality; /* optional; an SCB municipality code */
    const char *website;      /* optional; http or https */
    const char *description_sv, *description_en; /* optional */
    const char *const *disciplines;
    int n_disciplines;
    bool is_demo;
};

struct person_new {
    int64_t actor_id; /* 0: none */
    const char *name, *title_sv, *title_en;
    const char *email, *phone; /* optional */
    bool is_demo;
};

struct mission_new {
    const char *slug, *title_sv, *title_en, *goal_sv, *goal_en;
    const char *description_sv, *description_en; /* Markdown, optional */
    const char *deadline;                        /* YYYY-MM-DD */
    int start_year;                              /* not after the deadline's year */
    const char *status;                          /* code_mission_status */
    int64_t owner_id;                            /* 0: none; a person */
    const char *const *sdg_targets;              /* codes of SDG targets ("12.3") */
    int n_sdg_targets;
    bool is_demo;
};

struct objective_new {
    int64_t mission_id;
    int64_t parent_id; /* 0: top level; else an objective of the same mission */
    const char *title_sv, *title_en, *description_sv, *description_en;
    double weight; /* 0 to WRITE_MAX_WEIGHT */
};

struct indicator_new {
    int64_t objective_id; /* the indicator belongs to its objective's mission */
    const char *title_sv, *title_en, *description_sv, *description_en, *unit_sv, *unit_en;
    /* base, target, direction, limit and thresholds, checked as settings_apply checks
     * them; the headline is chosen once there is data, so it is "" (or NULL) here */
    struct indicator_settings progress;
    int decimals;                    /* 0 to 6 */
    const char *source, *source_url; /* the URL is optional */
    double weight;
    /* disaggregation columns of its data, in order: tidy-format column names other
     * than the reserved ones (Year, Series, Units, Source, Note, Progress, Value) */
    const char *const *dimensions;
    int n_dimensions;
    const char *const *sdg_indicators; /* UN indicator codes ("12.3.1") */
    int n_sdg_indicators;
};

struct initiative_part {
    int64_t actor_id;
    const char *role; /* code_initiative_role; "lead" only for the initiative's lead actor */
};

struct initiative_new {
    int64_t mission_id;
    const char *slug;                                          /* unique within the mission */
    const char *title_sv, *title_en, *summary_sv, *summary_en; /* summaries: Markdown */
    const char *origin;                                        /* code_initiative_origin */
    const char *status;                                        /* code_initiative_status */
    int64_t lead_actor_id;             /* 0: none; need not be among the parts */
    const char *start_date, *end_date; /* optional; YYYY-MM-DD, start <= end */
    bool has_budget;
    int64_t budget_sek; /* whole kronor, 0 to WRITE_MAX_MONEY */
    const char *funding;
    const char *hypotheses_sv, *hypotheses_en, *learnings_sv, *learnings_en; /* Markdown */
    const struct initiative_part *parts; /* the actors taking part, an actor at most once */
    int n_parts;
    const int64_t *objective_ids; /* objectives of the same mission */
    int n_objectives;
    const char *const *sdg_targets;
    int n_sdg_targets;
    bool is_demo;
};

struct team_member_new {
    int64_t mission_id, person_id; /* a person is in a mission's team at most once */
    const char *role;              /* code_team_role */
    bool is_contact;               /* the person's e-mail and phone are shown publicly */
};

enum err actor_create(struct db *db, const struct actor_new *in, const char *who, int64_t *out_id,
                      struct write_error *err);
enum err person_create(struct db *db, const struct person_new *in, const char *who, int64_t *out_id,
                       struct write_error *err);
/* The new mission comes after the others (its position). */
enum err mission_create(struct db *db, const struct mission_new *in, const char *who,
                        int64_t *out_id, struct write_error *err);
/* The new objective comes after its siblings (same mission and parent). */
enum err objective_create(struct db *db, const struct objective_new *in, const char *who,
                          int64_t *out_id, struct write_error *err);
/* The new indicator comes after the others of its objective. */
enum err indicator_create(struct db *db, const struct indicator_new *in, const char *who,
                          int64_t *out_id, struct write_error *err);
enum err initiative_create(struct db *db, const struct initiative_new *in, const char *who,
                           int64_t *out_id, struct write_error *err);
/* The new member comes after the others of the team. No id: the pair is the key. */
enum err team_member_create(struct db *db, const struct team_member_new *in, const char *who,
                            struct write_error *err);

#endif
