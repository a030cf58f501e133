-- 0024-mobilisation.sql — joint mobilisation (issue 13; docs/internals/db.md): actors'
-- commitments to a mission, the team's dialogues with their follow-ups, the learning log
-- and the portfolio reviews, written by domain/commitment.c, dialogue.c and learning.c
-- (read too by collab.c and coverage.c).
--
-- commitment: an actor commits to a mission with a statement, and optionally a quantified
-- contribution to one of the mission's indicators (amount in the indicator's unit, toward
-- its target, by a date) and a link to evidence. Its status moves pledged -> confirmed (by
-- a coordinator) -> in_progress -> delivered, or withdrawn; every move is a
-- commitment_step (who, when, a note). The commitment gap counts confirmed and in_progress
-- amounts (domain/portfolio.c).
CREATE TABLE commitment (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actor(id),
    statement_sv TEXT NOT NULL,
    statement_en TEXT NOT NULL DEFAULT '',
    indicator_id BIGINT REFERENCES indicator(id),
    amount DOUBLE PRECISION,
    by_date TEXT,
    evidence_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('pledged','confirmed','in_progress','delivered','withdrawn')),
    created_by BIGINT REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    CHECK ((indicator_id IS NULL) = (amount IS NULL)),
    CHECK (amount IS NULL OR amount >= 0)
);
CREATE INDEX commitment_mission ON commitment(mission_id, status);
CREATE INDEX commitment_actor ON commitment(actor_id);
CREATE INDEX commitment_indicator ON commitment(indicator_id) WHERE indicator_id IS NOT NULL;
CREATE TABLE commitment_step (
    id @PK@,
    commitment_id BIGINT NOT NULL REFERENCES commitment(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES user_account(id),
    status TEXT NOT NULL CHECK (status IN ('pledged','confirmed','in_progress','delivered','withdrawn')),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX commitment_step_commitment ON commitment_step(commitment_id, id);
--
-- dialogue: a meeting, workshop, interview, conference or field visit the team held, with
-- the actors taking part (linked, never free text) and the objectives it touched; its
-- summary and outcomes are public only when is_public says so. follow_up: what was agreed
-- to do after it, by whom (a person) and by when; done_at when done (an open one past its
-- due date is overdue).
CREATE TABLE dialogue (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('meeting','workshop','interview','conference','field_visit')),
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary_sv TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    outcomes_sv TEXT NOT NULL DEFAULT '',
    outcomes_en TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dialogue_mission ON dialogue(mission_id, held_on);
CREATE TABLE dialogue_actor (
    dialogue_id BIGINT NOT NULL REFERENCES dialogue(id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actor(id),
    PRIMARY KEY (dialogue_id, actor_id)
);
CREATE INDEX dialogue_actor_actor ON dialogue_actor(actor_id);
CREATE TABLE dialogue_objective (
    dialogue_id BIGINT NOT NULL REFERENCES dialogue(id) ON DELETE CASCADE,
    objective_id BIGINT NOT NULL REFERENCES objective(id),
    PRIMARY KEY (dialogue_id, objective_id)
);
CREATE INDEX dialogue_objective_objective ON dialogue_objective(objective_id);
CREATE TABLE follow_up (
    id @PK@,
    dialogue_id BIGINT NOT NULL REFERENCES dialogue(id) ON DELETE CASCADE,
    text_sv TEXT NOT NULL,
    text_en TEXT NOT NULL DEFAULT '',
    owner_id BIGINT REFERENCES person(id),
    due_on TEXT NOT NULL,
    done_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_up_dialogue ON follow_up(dialogue_id, id);
CREATE INDEX follow_up_open ON follow_up(due_on) WHERE done_at IS NULL;
--
-- learning_entry: testing our way forward — a hypothesis tested, what was done, what was
-- learned and the decision (scale up, adjust, stop), dated and attributed, linked to the
-- initiatives and objectives it concerns; public only when is_public says so.
-- portfolio_review: a review of the mission's portfolio, when, who took part (people of
-- the registry) and the decisions.
CREATE TABLE learning_entry (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    hypothesis_sv TEXT NOT NULL,
    hypothesis_en TEXT NOT NULL DEFAULT '',
    done_sv TEXT NOT NULL DEFAULT '',
    done_en TEXT NOT NULL DEFAULT '',
    learned_sv TEXT NOT NULL DEFAULT '',
    learned_en TEXT NOT NULL DEFAULT '',
    decision TEXT NOT NULL CHECK (decision IN ('scale_up','adjust','stop')),
    is_public INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX learning_entry_mission ON learning_entry(mission_id, decided_on);
CREATE TABLE learning_initiative (
    entry_id BIGINT NOT NULL REFERENCES learning_entry(id) ON DELETE CASCADE,
    initiative_id BIGINT NOT NULL REFERENCES initiative(id),
    PRIMARY KEY (entry_id, initiative_id)
);
CREATE TABLE learning_objective (
    entry_id BIGINT NOT NULL REFERENCES learning_entry(id) ON DELETE CASCADE,
    objective_id BIGINT NOT NULL REFERENCES objective(id),
    PRIMARY KEY (entry_id, objective_id)
);
CREATE TABLE portfolio_review (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    held_on TEXT NOT NULL,
    decisions_sv TEXT NOT NULL DEFAULT '',
    decisions_en TEXT NOT NULL DEFAULT '',
    is_public INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX portfolio_review_mission ON portfolio_review(mission_id, held_on);
CREATE TABLE portfolio_review_person (
    review_id BIGINT NOT NULL REFERENCES portfolio_review(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES person(id),
    PRIMARY KEY (review_id, person_id)
);
