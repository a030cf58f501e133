-- 0009-edit.sql — editing: entities are archived, never deleted (other records point at
-- them: initiatives at actors, indicators at objectives, the audit log at everything), and
-- the audit log records what each write changed.
--
-- archived_at: Unix seconds of the archiving, NULL while the entity is live. The public
-- lists leave archived rows out; a direct page or API read still finds them (domain.md).
ALTER TABLE mission ADD COLUMN archived_at BIGINT;
ALTER TABLE objective ADD COLUMN archived_at BIGINT;
ALTER TABLE indicator ADD COLUMN archived_at BIGINT;
ALTER TABLE actor ADD COLUMN archived_at BIGINT;
ALTER TABLE person ADD COLUMN archived_at BIGINT;
ALTER TABLE initiative ADD COLUMN archived_at BIGINT;
-- changes: a JSON object {"field": [before, after], ...} of the fields one write changed
-- (null for absent; a create has null before every value). '' for entries that change no
-- field (sign-ins, imports) and for every entry written before this migration.
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '';
