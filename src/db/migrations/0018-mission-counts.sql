-- 0018-mission-counts.sql — a mission's actor counts, stored (docs/internals/db.md), and
-- the headline rows of an indicator found by index on PostgreSQL.
--
-- observation_headline (PostgreSQL only): the reads of an indicator's headline rows (a
-- mission's assessment, the latest value, the base period: WHERE indicator_id = ... AND
-- disagg = headline, newest period first) scanned every observation there, in parallel,
-- and hashed them (180 ms for a mission, 230 ms for its indicator list on bench/scale.sh's
-- database; 550 ms for the list of missions); SQLite's plans for the same statements take
-- 1-3 ms from the primary key, so it does not pay for one more index on every import.
--pg: CREATE INDEX observation_headline ON observation(indicator_id, disagg, period_key, period);
--
-- A mission's page and the list of missions show how many actors take part in its
-- initiatives; counting them walks every initiative of the mission and its participants
-- (18,250 actors, 20–30 ms, on bench/scale.sh's database) at every render. They are kept
-- here instead:
--   mission_count          one row per mission counted: n_actors, the distinct participants
--                          of its shown initiatives (mission.n_actors); the row's presence
--                          says the mission's rows here are complete
--   mission_sector_count   how many actors (participants and leads, live ones) take part
--                          in each sector (the mission page's "Actors taking part")
--   mission_sector_actor   the first 25 of them in each sector by name, ranked from 1
--                          (the names the page lists; the page reads names and places
--                          from actor itself)
-- Kept in step by deletion: any change to what they count (an initiative, its
-- participants, a proposal, an actor's sector, name or archival, a mission's removal)
-- empties the three tables, in the same statement, through the triggers below; a reader that finds no
-- mission_count row counts afresh (the queries of before), and every samverka write that
-- can empty them refills them before it commits (mission.c mission_counts_refresh). So a
-- count is never stale, whoever writes (psql too): at worst it is counted at the read.
-- On SQLite a trigger does nothing while the tables are empty already (a bulk insert of
-- initiatives and participants, samverka init --generate, pays one probe a row).
-- On PostgreSQL the trigger takes an EXCLUSIVE lock on mission_count (readers are not
-- blocked): two writers, of two instances, cannot each keep a count the other outdated.
-- Backfilled here, in the migration.
CREATE TABLE mission_count (
    mission_id BIGINT PRIMARY KEY,
    n_actors BIGINT NOT NULL
);
CREATE TABLE mission_sector_count (
    mission_id BIGINT NOT NULL,
    sector TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (mission_id, sector)
);
CREATE TABLE mission_sector_actor (
    mission_id BIGINT NOT NULL,
    sector TEXT NOT NULL,
    position INTEGER NOT NULL,
    actor_id BIGINT NOT NULL,
    PRIMARY KEY (mission_id, sector, position)
);
--sqlite: CREATE TRIGGER mission_count_initiative_ins AFTER INSERT ON initiative WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_initiative_upd AFTER UPDATE ON initiative WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_initiative_del AFTER DELETE ON initiative WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_participant_ins AFTER INSERT ON initiative_actor WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_participant_upd AFTER UPDATE ON initiative_actor WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_participant_del AFTER DELETE ON initiative_actor WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_proposal_ins AFTER INSERT ON proposal WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_proposal_upd AFTER UPDATE ON proposal WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_proposal_del AFTER DELETE ON proposal WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_actor_upd AFTER UPDATE OF sector, archived_at, name ON actor WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_actor_del AFTER DELETE ON actor WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--sqlite: CREATE TRIGGER mission_count_mission_del AFTER DELETE ON mission WHEN EXISTS (SELECT 1 FROM mission_count) OR EXISTS (SELECT 1 FROM mission_sector_count) OR EXISTS (SELECT 1 FROM mission_sector_actor) BEGIN DELETE FROM mission_count; DELETE FROM mission_sector_count; DELETE FROM mission_sector_actor; END;
--pg: CREATE FUNCTION mission_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE mission_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM mission_count;
--pg:     DELETE FROM mission_sector_count;
--pg:     DELETE FROM mission_sector_actor;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER mission_count_initiative AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative FOR EACH STATEMENT EXECUTE FUNCTION mission_count_clear();
--pg: CREATE TRIGGER mission_count_participant AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_actor FOR EACH STATEMENT EXECUTE FUNCTION mission_count_clear();
--pg: CREATE TRIGGER mission_count_proposal AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal FOR EACH STATEMENT EXECUTE FUNCTION mission_count_clear();
--pg: CREATE TRIGGER mission_count_actor AFTER UPDATE OF sector, archived_at, name OR DELETE OR TRUNCATE ON actor FOR EACH STATEMENT EXECUTE FUNCTION mission_count_clear();
--pg: CREATE TRIGGER mission_count_mission AFTER DELETE OR TRUNCATE ON mission FOR EACH STATEMENT EXECUTE FUNCTION mission_count_clear();
-- the backfill: the same statements as mission_counts_refresh (q_mission.def; 25 is
-- MISSION_SECTOR_FIRST, mission.h)
INSERT INTO mission_sector_actor (mission_id, sector, position, actor_id)
SELECT w.mission_id, w.sector, w.r, w.id FROM (
    SELECT x.mission_id, a.sector, a.id,
           ROW_NUMBER() OVER (PARTITION BY x.mission_id, a.sector ORDER BY a.name, a.id) AS r
    FROM (SELECT n.mission_id, ia.actor_id AS id FROM initiative_actor ia
          JOIN initiative n ON n.id = ia.initiative_id
          WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
              WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
          UNION SELECT n.mission_id, n.lead_actor_id FROM initiative n
          WHERE n.lead_actor_id IS NOT NULL AND n.archived_at IS NULL AND NOT EXISTS (
              SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')) x
    JOIN actor a ON a.id = x.id AND a.archived_at IS NULL) w
WHERE w.r <= 25;
INSERT INTO mission_sector_count (mission_id, sector, n)
SELECT x.mission_id, a.sector, COUNT(*) FROM (
    SELECT n.mission_id, ia.actor_id AS id FROM initiative_actor ia
    JOIN initiative n ON n.id = ia.initiative_id
    WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
    UNION SELECT n.mission_id, n.lead_actor_id FROM initiative n
    WHERE n.lead_actor_id IS NOT NULL AND n.archived_at IS NULL AND NOT EXISTS (
        SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')) x
JOIN actor a ON a.id = x.id AND a.archived_at IS NULL
GROUP BY x.mission_id, a.sector;
INSERT INTO mission_count (mission_id, n_actors)
SELECT m.id, (SELECT COUNT(DISTINCT ia.actor_id) FROM initiative_actor ia
    JOIN initiative n ON n.id = ia.initiative_id WHERE n.mission_id = m.id
    AND n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted'))
FROM mission m;
