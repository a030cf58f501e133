-- 0013-proposals.sql — bottom-up proposals (domain/proposal.c). A proposal is an
-- initiative (origin bottom_up, status proposed) with a review state and a conversation.
-- Until it is accepted it is on no public page: every public list of initiatives leaves
-- out an initiative whose proposal is not accepted (q_all.def's INITIATIVE_SHOWN).
--
-- state: submitted (waiting for a coordinator; also after a resubmission),
-- changes_requested (waiting for the proposer), accepted, declined (both final).
CREATE TABLE proposal (
    initiative_id BIGINT PRIMARY KEY REFERENCES initiative(id),
    mission_id BIGINT NOT NULL REFERENCES mission(id),
    proposer_id BIGINT NOT NULL REFERENCES user_account(id),
    state TEXT NOT NULL CHECK (state IN ('submitted','changes_requested','accepted','declined')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX proposal_mission ON proposal(mission_id, state);
CREATE INDEX proposal_proposer ON proposal(proposer_id);
-- Every step of a proposal, who took it and the comment (the reason of a decline, the
-- changes asked for); shown to the proposer and the mission's coordinators, never public.
CREATE TABLE proposal_step (
    id @PK@,
    initiative_id BIGINT NOT NULL REFERENCES proposal(initiative_id),
    at BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    action TEXT NOT NULL CHECK (action IN ('submitted','changes_requested','resubmitted','accepted','declined')),
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_step_initiative ON proposal_step(initiative_id, id);
