/*
 * api.h — the JSON API's resources (resource.h), for the OpenAPI document and
 * for the resources that nest one another.
 *
 * Each api_<entity>.c declares its resources (field tables) next to its
 * handlers and lists them in one NULL-terminated array below; api_openapi.c
 * puts every listed resource into components/schemas, and the route table
 * names a route's response schema by the resource's name. A resource another
 * file nests (a person in an actor, a progress summary in an objective) is
 * declared here by itself.
 */
#ifndef WEB_API_H
#define WEB_API_H

#include "db/db.h"
#include "domain/assess.h"
#include "web/resource.h"
#include "web/web.h"

/* api_network.c: Network, NetworkActor, NetworkTie */
extern const struct resource *const api_network_resources[];
/* api_mission.c: Mission, MissionList, TeamMember, TeamList */
extern const struct resource *const api_mission_resources[];
/* api_indicator.c: Objective, ObjectiveList, Indicator, IndicatorList, Observation,
 * ObservationList, IndicatorProgress, IndicatorWriteResult, IndicatorSettings,
 * IndicatorData */
extern const struct resource *const api_indicator_resources[];
/* api_actor.c: Actor, ActorList */
extern const struct resource *const api_actor_resources[];
/* api_person.c: Person, PersonList */
extern const struct resource *const api_person_resources[];
/* api_initiative.c: Initiative, InitiativeList */
extern const struct resource *const api_initiative_resources[];
/* api_dialogue.c: Dialogue, DialogueList, DialogueWrite */
extern const struct resource *const api_dialogue_resources[];
/* api_seminar.c: Seminar, SeminarList, SeminarWrite */
extern const struct resource *const api_seminar_resources[];
/* api_sdg.c: SdgGoal, SdgGoalList, SdgTarget, SdgTargetList, SdgIndicator, SdgIndicatorList */
extern const struct resource *const api_sdg_resources[];
/* api_principal.c: Principal (GET /api/v1/me) */
extern const struct resource *const api_principal_resources[];
/* api_edit_mission.c: MissionInput, MissionSdgTargets, TeamMemberInput, ObjectiveInput,
 * IndicatorInput, ArchiveRequest (the bodies of the goal tree's writes) */
extern const struct resource *const api_edit_mission_resources[];
/* api_openapi.c: Text, PageLinks, Error, and every list above (and api_edit_resources,
 * below), in the document's order */
extern const struct resource *const *const api_resources[];

/* A person (api_person.c): a contact, and the fields of a mission's team member. */
extern const struct resource api_person_res;

/* The single actor, person or initiative id as read from db (the writer connection after a
 * write), as the GET of its resource answers it (api_actor.c, api_person.c,
 * api_initiative.c); the registry's writes (api_edit.c) answer with it. ERR_NOTFOUND. */
enum err api_actor_respond(struct req *rq, struct db *db, int64_t id);
enum err api_person_respond(struct req *rq, struct db *db, int64_t id);
enum err api_initiative_respond(struct req *rq, struct db *db, int64_t id);

/* The bodies of those writes (api_edit.c): ActorWrite, PersonWrite, InitiativeWrite. */
extern const struct resource *const api_edit_resources[];

/* api_commitment.c: Commitment, CommitmentList, CommitmentGap, CommitmentGapList,
 * CommitmentWrite, CommitmentStatusWrite */
extern const struct resource *const api_commitment_resources[];
/* api_learning.c: LearningEntry, LearningEntryList, PortfolioReview, PortfolioReviewList,
 * LearningEntryWrite, PortfolioReviewWrite */
extern const struct resource *const api_learning_resources[];

/* api_portfolio.c: Portfolio */
extern const struct resource *const api_portfolio_resources[];

/* api_site.c: Site, SiteWrite (GET and PATCH /api/v1/site) */
extern const struct resource *const api_site_resources[];

/* api_proposal.c: Proposal, ProposalList, ProposalWrite, ReviewRequest */
extern const struct resource *const api_proposal_resources[];

/* An indicator's assessment (api_indicator.c), written by the domain (assess.h). */
extern const struct resource api_progress_res;

/* What a write answers (api_write.c): the indicator, the observations an import stored,
 * and the new assessment (api_indicator.c). */
/* One notice of an import, as the API writes it. */
struct write_notice {
    int64_t line, column; /* 0: the whole file, not one field */
    const char *message;
};

struct indicator_write_result {
    int64_t indicator_id;
    bool has_rows; /* an import: rows is what it stored, and the counts and notices below */
    int64_t rows;
    int64_t inserted, changed, removed, unchanged;
    const struct write_notice *notices;
    int n_notices;
    const struct indicator_progress *progress;
};
extern const struct resource api_write_result_res;

/* The roll-up of an objective or a mission: {"status", "score"} (api_indicator.c). */
struct progress_summary {
    enum progress_status status;
    bool has_score;
    double score;
};
extern const struct res_field api_progress_summary_fields[];

/* The single resource read from db, as GET answers it: for a write's answer, read on the
 * writer connection it wrote on (api_mission.c, api_indicator.c). */
enum err api_mission_respond(struct req *rq, struct db *db, const char *slug);
/* archived: an archived objective too (the answer to its archive; GET answers 404) */
enum err api_objective_respond(struct req *rq, struct db *db, int64_t id, bool archived);
enum err api_indicator_respond(struct req *rq, struct db *db, int64_t id);

#endif
