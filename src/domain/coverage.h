/*
 * coverage.h — a mission's portfolio as a whole (issue 13; docs/internals/domain.md): what
 * its initiatives and commitments cover of its objectives and sectors (the coverage
 * matrices), its balance (top-down against bottom-up, the sector mix and its diversity, the
 * SDG targets its initiatives serve) and its gaps, each naming what is missing and where it
 * is fixed. Read in a fixed number of statements whatever the portfolio's size: counts are
 * made by the database, and only the page of the initiative matrix shown is listed.
 *
 * An active initiative is an accepted or running one; a committed actor one with a
 * commitment not withdrawn. Everything lives in the caller's arena.
 */
#ifndef DOMAIN_COVERAGE_H
#define DOMAIN_COVERAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "db/db.h"
#include "domain/paging.h"

#define COVERAGE_SECTORS       5   /* code_actor_sector's codes, in its order */
#define COVERAGE_GAP_MAX       200 /* items of one kind of gap a page lists (the count is of all) */
#define COVERAGE_STALE_DEFAULT 2   /* years without newer data that make an indicator stale */
#define COVERAGE_STALE_MAX     50
#define COVERAGE_SDG_MAX       169 /* the SDG targets there are */

/* An objective of the mission and what covers it. */
struct coverage_objective {
    int64_t id, parent_id;
    const char *title_sv, *title_en;
    int n_initiatives, n_active;   /* shown initiatives serving it; of them, active */
    int n_committed;               /* actors committed to one of its indicators */
    int sectors[COVERAGE_SECTORS]; /* actors per sector: of its initiatives, lead and
                                    * participants, and its commitments, each actor once */
    int n_indicators;
    int latest_year; /* the newest year of data of any of its indicators; 0: none */
};

/* An initiative of the matrix's page, and the objectives it serves. */
struct coverage_initiative {
    int64_t id;
    const char *title_sv, *title_en, *origin, *status;
    int64_t *objective_ids;
    int n_objective_ids;
};

enum coverage_gap_kind {
    GAP_NO_INITIATIVE,  /* an objective no active initiative serves */
    GAP_NO_COMMITMENT,  /* an objective no actor has committed to */
    GAP_STALE_DATA,     /* an indicator whose newest data is older than stale_years years */
    GAP_SECTOR_ABSENT,  /* a sector none of the mission's actors is in (parent_id 0), or
                         * none of an objective's while other sectors' are (parent_id the
                         * objective); "other" is never one */
    GAP_PAST_END,       /* an initiative past its end date still accepted or running */
    GAP_COMMITMENT_DUE, /* a commitment past its date, not delivered or withdrawn */
    GAP_FOLLOW_UP_DUE,  /* a dialogue's follow-up past its due date, not done */
    GAP__MAX
};

struct coverage_gap {
    enum coverage_gap_kind kind;
    const char *code;  /* coverage_gap_code(kind) */
    int64_t id;        /* the objective, indicator, initiative, commitment or follow-up */
    int64_t parent_id; /* a follow-up's dialogue; an indicator's or a sector gap's
                        * objective; else 0 */
    const char *title_sv, *title_en; /* what it is (an actor's name for a commitment, the
                                      * objective of a sector gap, "" for the mission) */
    const char *date;   /* the end, due or by date, or the year of the newest data ("" none) */
    const char *sector; /* GAP_SECTOR_ABSENT: the sector's code */
};

struct coverage {
    int64_t mission_id;
    struct coverage_objective *objs;
    int n_objs;
    /* balance */
    int n_origin[2];   /* shown initiatives: [0] top-down, [1] bottom-up */
    int64_t budget[2]; /* their budgets summed (kronor), of those that give one */
    int n_budget[2];   /* how many give one */
    long sector_actors[COVERAGE_SECTORS]; /* actors taking part in its initiatives */
    double diversity, evenness;           /* Shannon H (nats) and Pielou's J of sector_actors */
    bool has_evenness;
    const char **sdg_targets; /* the SDG targets its initiatives serve, in code order */
    int n_sdg_targets;
    int n_mission_targets, n_mission_targets_served; /* the mission's own and, of them,
                                                      * those an initiative serves */
    /* the initiative matrix's page (by origin, start date, id, as the lists order them) */
    struct coverage_initiative *inits;
    int n_inits;
    int64_t total_inits;
    /* gaps: up to COVERAGE_GAP_MAX listed of each kind, n_gap[kind] of all */
    struct coverage_gap *gaps;
    int n_gaps;
    int64_t n_gap[GAP__MAX];
    int stale_years;
};

/* What coverage_load reads. */
struct coverage_opts {
    int64_t now;        /* the date that makes an end, due or by date past (UTC) */
    int stale_years;    /* 1 .. COVERAGE_STALE_MAX: an indicator whose newest data is
                         * from before the year stale_years before now's is stale */
    bool private_notes; /* list the follow-ups of dialogues that are not public too (for
                         * the mission's coordinators) */
    int gap_max;        /* items listed of each kind of gap (1 .. 100000) */
    struct page matrix; /* the initiative matrix's page (limit 0: none listed) */
};

/* The portfolio of mission_id. */
enum err coverage_load(struct db *db, struct arena *a, int64_t mission_id,
                       const struct coverage_opts *o, struct coverage *out);

/* The code of a gap kind ("no_initiative", ...), as the API and the CSV write it. */
const char *coverage_gap_code(enum coverage_gap_kind kind);

/* The shown initiatives serving each objective of the mission: (objective, initiative)
 * pairs by objective, then initiative (the objectives API lists them). */
struct coverage_link {
    int64_t objective_id, initiative_id;
};
enum err coverage_objective_initiatives(struct db *db, struct arena *a, int64_t mission_id,
                                        struct coverage_link **out, int *out_n);

/* Every shown initiative of the mission and the objectives each serves, by id, for the
 * matrix's CSV: fn called once per initiative (ids ascending). */
typedef enum err (*coverage_row_fn)(void *ctx, const struct coverage_initiative *n);
enum err coverage_matrix_each(struct db *db, struct arena *a, int64_t mission_id,
                              coverage_row_fn fn, void *ctx);

#endif
