-- 0028-progress-change.sql — what the Atom feeds say of an indicator's assessed progress
-- (issue 14; domain/progress_log.c, docs/internals/db.md). Assessments are computed from the
-- data at each render and were kept nowhere, so a feed could say that data came in but not
-- that an indicator went from "substantial progress" to "limited progress". Every write
-- that can move an assessment (an import, one value written or removed, the indicator's
-- progress settings, the mission's start year or deadline) now assesses the indicator again
-- in its own transaction and compares.
--
-- indicator_assessed: the indicator's assessment after the last such write (status: a
-- PROGRESS.md name, "moderate_progress"; score NULL when there is none). An indicator
-- without a row has had no such write since 0028: its first one assesses it before writing.
CREATE TABLE indicator_assessed (
    indicator_id BIGINT PRIMARY KEY REFERENCES indicator(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    score DOUBLE PRECISION,
    at BIGINT NOT NULL
);
--
-- progress_change: one row for each write that changed an indicator's status (a score that
-- moves within its band is not news), with the status and score before and after. Never
-- updated; deleted with the indicator.
CREATE TABLE progress_change (
    id @PK@,
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    status_before TEXT NOT NULL,
    status_after TEXT NOT NULL,
    score_before DOUBLE PRECISION,
    score_after DOUBLE PRECISION,
    CHECK (status_before <> status_after)
);
CREATE INDEX progress_change_indicator ON progress_change(indicator_id, at);
CREATE INDEX progress_change_at ON progress_change(at);
