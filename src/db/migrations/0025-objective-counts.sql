-- 0025-objective-counts.sql — the portfolio's actors of each objective by sector, stored
-- (issue 13; docs/internals/db.md), as 0018 stores a mission's.
--
-- The portfolio page (domain/coverage.c) shows, for every objective of a mission, how
-- many actors of each sector take part in it: the lead and participants of its shown
-- initiatives and the actors committed to one of its indicators, each actor once. Counting
-- them walks every initiative of the mission with its participants and looks up each
-- actor (20,000 rows, 80 ms on SQLite and 50 ms on PostgreSQL on bench/scale.sh's
-- database) at every render. They are kept here instead:
--   objective_count          one row per mission counted; its presence says the
--                            mission's rows in objective_sector_count are complete
--   objective_sector_count   per mission, objective and sector: how many live actors
--                            take part (no row: none)
-- Kept in step by deletion, as 0018's: any change to what they count (an initiative, its
-- objectives or participants, a proposal, a commitment, an indicator's objective, an
-- actor's sector or archival, a mission's or objective's removal) empties both tables in
-- the same statement through the triggers below, whoever writes; a reader that finds no
-- objective_count row counts afresh (Q_COVERAGE_OBJ_SECTORS: one statement, either branch),
-- and every samverka write refills them before it commits (mission_counts_refresh).
-- On PostgreSQL the trigger takes an EXCLUSIVE lock on objective_count first (readers are
-- not blocked), as 0018's does.
CREATE TABLE objective_count (
    mission_id BIGINT PRIMARY KEY
);
CREATE TABLE objective_sector_count (
    mission_id BIGINT NOT NULL,
    objective_id BIGINT NOT NULL,
    sector TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (mission_id, objective_id, sector)
);
--sqlite: CREATE TRIGGER objective_count_initiative_ins AFTER INSERT ON initiative WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_initiative_upd AFTER UPDATE ON initiative WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_initiative_del AFTER DELETE ON initiative WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_served_ins AFTER INSERT ON initiative_objective WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_served_upd AFTER UPDATE ON initiative_objective WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_served_del AFTER DELETE ON initiative_objective WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_participant_ins AFTER INSERT ON initiative_actor WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_participant_upd AFTER UPDATE ON initiative_actor WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_participant_del AFTER DELETE ON initiative_actor WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_proposal_ins AFTER INSERT ON proposal WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_proposal_upd AFTER UPDATE ON proposal WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_proposal_del AFTER DELETE ON proposal WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_commitment_ins AFTER INSERT ON commitment WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_commitment_upd AFTER UPDATE OF mission_id, actor_id, indicator_id, status ON commitment WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_commitment_del AFTER DELETE ON commitment WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_indicator_upd AFTER UPDATE OF objective_id ON indicator WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_indicator_del AFTER DELETE ON indicator WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_actor_upd AFTER UPDATE OF sector, archived_at ON actor WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_actor_del AFTER DELETE ON actor WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_objective_del AFTER DELETE ON objective WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--sqlite: CREATE TRIGGER objective_count_mission_del AFTER DELETE ON mission WHEN EXISTS (SELECT 1 FROM objective_count) OR EXISTS (SELECT 1 FROM objective_sector_count) BEGIN DELETE FROM objective_count; DELETE FROM objective_sector_count; END;
--pg: CREATE FUNCTION objective_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE objective_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM objective_count;
--pg:     DELETE FROM objective_sector_count;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER objective_count_initiative AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_served AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_objective FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_participant AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_actor FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_proposal AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_commitment AFTER INSERT OR DELETE OR UPDATE OF mission_id, actor_id, indicator_id, status OR TRUNCATE ON commitment FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_indicator AFTER DELETE OR UPDATE OF objective_id OR TRUNCATE ON indicator FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_actor AFTER UPDATE OF sector, archived_at OR DELETE OR TRUNCATE ON actor FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_objective AFTER DELETE OR TRUNCATE ON objective FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
--pg: CREATE TRIGGER objective_count_mission AFTER DELETE OR TRUNCATE ON mission FOR EACH STATEMENT EXECUTE FUNCTION objective_count_clear();
-- the backfill: the statements of mission_counts_refresh (Q_COVERAGE_COUNTS_FILL_SECTORS,
-- Q_COVERAGE_COUNTS_FILL in q_coverage.def)
INSERT INTO objective_sector_count (mission_id, objective_id, sector, n)
SELECT x.mission_id, x.objective_id, a.sector, COUNT(*) FROM (
    SELECT n.mission_id, io.objective_id, ia.actor_id FROM initiative n
    JOIN initiative_objective io ON io.initiative_id = n.id
    JOIN initiative_actor ia ON ia.initiative_id = n.id
    WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
    UNION SELECT n.mission_id, io.objective_id, n.lead_actor_id FROM initiative n
    JOIN initiative_objective io ON io.initiative_id = n.id
    WHERE n.lead_actor_id IS NOT NULL AND n.archived_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
    UNION SELECT c.mission_id, i.objective_id, c.actor_id FROM commitment c
    JOIN indicator i ON i.id = c.indicator_id WHERE c.status <> 'withdrawn') x
JOIN actor a ON a.id = x.actor_id AND a.archived_at IS NULL
GROUP BY x.mission_id, x.objective_id, a.sector;
INSERT INTO objective_count (mission_id) SELECT id FROM mission;
