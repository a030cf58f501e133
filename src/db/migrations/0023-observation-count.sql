-- 0023-observation-count.sql — an indicator's count of observations, stored (issue 12;
-- docs/internals/db.md).
--
-- An indicator's page and API resource say how many observations it holds. Counting them
-- walks every row of the indicator's part of observation (a WITHOUT ROWID table on
-- SQLite, so every row whole): 69,600 rows for the largest indicator of bench/scale.sh's
-- database, 5-7 ms with warm caches and 25 ms cold on SQLite, and on PostgreSQL most of
-- an indicator's first render after a start (18 ms against 5 ms without it).
--
--   observation_count   one row per indicator counted: n, its observations
--
-- Kept in step by deletion, one indicator at a time: any insert or deletion of an
-- observation (and an update that moves one to another indicator) deletes the row of its
-- indicator in the same statement, through the triggers below, whoever writes (psql too);
-- a reader that finds no row counts afresh (Q_INDICATOR_GET's COALESCE), and every samverka
-- write of observations refills the rows it emptied before it commits
-- (indicator_counts_refresh, called by mission_counts_refresh too). So a count is never
-- stale: at worst it is counted at the read, as before.
-- On SQLite a row trigger (one probe of the primary key a row written); on PostgreSQL
-- statement triggers over the statement's transition tables, each taking an EXCLUSIVE lock
-- on observation_count (readers are not blocked), as 0018's and 0019's do: two writers of
-- one indicator cannot each keep a count the other outdated.
CREATE TABLE observation_count (
    indicator_id BIGINT PRIMARY KEY,
    n BIGINT NOT NULL
);
--sqlite: CREATE TRIGGER observation_count_ins AFTER INSERT ON observation BEGIN DELETE FROM observation_count WHERE indicator_id = NEW.indicator_id; END;
--sqlite: CREATE TRIGGER observation_count_del AFTER DELETE ON observation BEGIN DELETE FROM observation_count WHERE indicator_id = OLD.indicator_id; END;
--sqlite: CREATE TRIGGER observation_count_upd AFTER UPDATE OF indicator_id ON observation WHEN OLD.indicator_id <> NEW.indicator_id BEGIN DELETE FROM observation_count WHERE indicator_id IN (OLD.indicator_id, NEW.indicator_id); END;
--pg: CREATE FUNCTION observation_count_clear_new() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE observation_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM observation_count WHERE indicator_id IN (SELECT DISTINCT indicator_id FROM changed);
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION observation_count_clear_row() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE observation_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM observation_count WHERE indicator_id IN (OLD.indicator_id, NEW.indicator_id);
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION observation_count_clear_all() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE observation_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM observation_count;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER observation_count_ins AFTER INSERT ON observation REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observation_count_clear_new();
--pg: CREATE TRIGGER observation_count_del AFTER DELETE ON observation REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION observation_count_clear_new();
--pg: CREATE TRIGGER observation_count_upd AFTER UPDATE OF indicator_id ON observation FOR EACH ROW WHEN (OLD.indicator_id IS DISTINCT FROM NEW.indicator_id) EXECUTE FUNCTION observation_count_clear_row();
--pg: CREATE TRIGGER observation_count_truncate AFTER TRUNCATE ON observation FOR EACH STATEMENT EXECUTE FUNCTION observation_count_clear_all();
-- the backfill: the statement of indicator_counts_refresh (Q_OBSERVATION_COUNTS_FILL)
INSERT INTO observation_count (indicator_id, n)
SELECT i.id, (SELECT COUNT(*) FROM observation o WHERE o.indicator_id = i.id) FROM indicator i;
