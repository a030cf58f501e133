-- 0025-portfolio-counts.sql — a mission's portfolio counted once, not at every render
-- (issue 13; docs/internals/db.md), kept as 0018 keeps a mission's actor counts.
--
-- The portfolio page and its API resource (domain/coverage.c) show, for every objective,
-- how many shown initiatives serve it (and how many are active) and how many actors of each
-- sector take part in it (the lead and participants of its shown initiatives and the actors
-- committed to one of its indicators, each actor once); for the mission, its initiatives
-- by origin with their budgets, and the SDG targets they serve. Counting them walked every
-- initiative of the mission, its objectives, participants and targets, and looked up each
-- actor at every render: on bench/scale.sh's database (5,015 initiatives, 20,000
-- participations) 90 ms on SQLite and 60 ms on PostgreSQL, 80 and 50 of it the actors by
-- sector. They are kept here instead:
--   portfolio_counted            one row per mission counted; its presence says the
--                                mission's rows in the four tables below are complete
--   portfolio_objective_sector   per objective and sector: the live actors taking part
--   portfolio_objective          per objective served: shown initiatives, active ones
--                                (accepted or running)
--   portfolio_origin             per origin: shown initiatives, their budgets summed and
--                                how many give one
--   portfolio_sdg                the SDG targets the shown initiatives serve
-- (no row: none). Kept in step by deletion, as 0018's: any change to what they count (an
-- initiative, its objectives, participants or SDG targets, a proposal, a commitment, an
-- indicator's objective, an actor's sector or archival, an objective's or mission's removal)
-- empties all five tables in the same statement through the triggers below, whoever writes;
-- a reader that finds no portfolio_counted row counts afresh (each Q_COVERAGE_ statement has
-- both branches), and every samverka write refills them before it commits
-- (mission_counts_commit, mission_counts_refresh).
-- On PostgreSQL the trigger takes an EXCLUSIVE lock on portfolio_counted first (readers are
-- not blocked), as 0018's does.
-- initiative_past_end: the gap of initiatives past their end date still accepted or running
-- depends on the day, so it is not stored; the index holds only those live initiatives that
-- are accepted or running, in date order with their ids, so the list stops at its limit and
-- the count reads the index alone (1,247 of the 5,015 initiatives of a mission of
-- bench/scale.sh's database: 3.2 ms to 0.5 on SQLite, 10 ms to 0.3 on PostgreSQL, list and
-- count). Its condition is the statements' own, word for word: SQLite uses a partial index
-- only for terms it finds in the query.
CREATE INDEX initiative_past_end ON initiative(mission_id, end_date, id) WHERE status IN ('accepted', 'running') AND archived_at IS NULL;
CREATE TABLE portfolio_counted (
    mission_id BIGINT PRIMARY KEY
);
CREATE TABLE portfolio_objective_sector (
    mission_id BIGINT NOT NULL,
    objective_id BIGINT NOT NULL,
    sector TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (mission_id, objective_id, sector)
);
CREATE TABLE portfolio_objective (
    mission_id BIGINT NOT NULL,
    objective_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    n_active BIGINT NOT NULL,
    PRIMARY KEY (mission_id, objective_id)
);
CREATE TABLE portfolio_origin (
    mission_id BIGINT NOT NULL,
    origin TEXT NOT NULL,
    n BIGINT NOT NULL,
    budget BIGINT NOT NULL,
    n_budget BIGINT NOT NULL,
    PRIMARY KEY (mission_id, origin)
);
CREATE TABLE portfolio_sdg (
    mission_id BIGINT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (mission_id, target)
);
--sqlite: CREATE TRIGGER portfolio_count_initiative_ins AFTER INSERT ON initiative WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_initiative_upd AFTER UPDATE ON initiative WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_initiative_del AFTER DELETE ON initiative WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_served_ins AFTER INSERT ON initiative_objective WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_served_upd AFTER UPDATE ON initiative_objective WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_served_del AFTER DELETE ON initiative_objective WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_participant_ins AFTER INSERT ON initiative_actor WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_participant_upd AFTER UPDATE ON initiative_actor WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_participant_del AFTER DELETE ON initiative_actor WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_target_ins AFTER INSERT ON initiative_sdg_target WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_target_upd AFTER UPDATE ON initiative_sdg_target WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_target_del AFTER DELETE ON initiative_sdg_target WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_proposal_ins AFTER INSERT ON proposal WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_proposal_upd AFTER UPDATE ON proposal WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_proposal_del AFTER DELETE ON proposal WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_commitment_ins AFTER INSERT ON commitment WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_commitment_upd AFTER UPDATE OF mission_id, actor_id, indicator_id, status ON commitment WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_commitment_del AFTER DELETE ON commitment WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_indicator_upd AFTER UPDATE OF objective_id ON indicator WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_indicator_del AFTER DELETE ON indicator WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_actor_upd AFTER UPDATE OF sector, archived_at ON actor WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_actor_del AFTER DELETE ON actor WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_objective_del AFTER DELETE ON objective WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--sqlite: CREATE TRIGGER portfolio_count_mission_del AFTER DELETE ON mission WHEN EXISTS (SELECT 1 FROM portfolio_counted) OR EXISTS (SELECT 1 FROM portfolio_objective_sector) OR EXISTS (SELECT 1 FROM portfolio_objective) OR EXISTS (SELECT 1 FROM portfolio_origin) OR EXISTS (SELECT 1 FROM portfolio_sdg) BEGIN DELETE FROM portfolio_counted; DELETE FROM portfolio_objective_sector; DELETE FROM portfolio_objective; DELETE FROM portfolio_origin; DELETE FROM portfolio_sdg; END;
--pg: CREATE FUNCTION portfolio_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE portfolio_counted IN EXCLUSIVE MODE;
--pg:     DELETE FROM portfolio_counted;
--pg:     DELETE FROM portfolio_objective_sector;
--pg:     DELETE FROM portfolio_objective;
--pg:     DELETE FROM portfolio_origin;
--pg:     DELETE FROM portfolio_sdg;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER portfolio_count_initiative AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_served AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_objective FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_participant AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_actor FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_target AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON initiative_sdg_target FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_proposal AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_commitment AFTER INSERT OR DELETE OR UPDATE OF mission_id, actor_id, indicator_id, status OR TRUNCATE ON commitment FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_indicator AFTER DELETE OR UPDATE OF objective_id OR TRUNCATE ON indicator FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_actor AFTER UPDATE OF sector, archived_at OR DELETE OR TRUNCATE ON actor FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_objective AFTER DELETE OR TRUNCATE ON objective FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
--pg: CREATE TRIGGER portfolio_count_mission AFTER DELETE OR TRUNCATE ON mission FOR EACH STATEMENT EXECUTE FUNCTION portfolio_count_clear();
-- the backfill: the statements of mission_counts_refresh (Q_COVERAGE_COUNTS_FILL_* in
-- q_coverage.def)
INSERT INTO portfolio_objective_sector (mission_id, objective_id, sector, n)
SELECT x.mission_id, x.objective_id, a.sector, COUNT(*) FROM (
    SELECT n.mission_id, io.objective_id, ia.actor_id FROM initiative n
    JOIN initiative_objective io ON io.initiative_id = n.id
    JOIN initiative_actor ia ON ia.initiative_id = n.id
    WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
    UNION SELECT n.mission_id, io.objective_id, n.lead_actor_id FROM initiative n
    JOIN initiative_objective io ON io.initiative_id = n.id
    WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted') AND n.lead_actor_id IS NOT NULL
    UNION SELECT c.mission_id, i.objective_id, c.actor_id FROM commitment c
    JOIN indicator i ON i.id = c.indicator_id WHERE c.status <> 'withdrawn') x
JOIN actor a ON a.id = x.actor_id AND a.archived_at IS NULL
GROUP BY x.mission_id, x.objective_id, a.sector;
INSERT INTO portfolio_objective (mission_id, objective_id, n, n_active)
SELECT n.mission_id, io.objective_id, COUNT(*),
    SUM(CASE WHEN n.status IN ('accepted', 'running') THEN 1 ELSE 0 END)
FROM initiative n JOIN initiative_objective io ON io.initiative_id = n.id
WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
GROUP BY n.mission_id, io.objective_id;
INSERT INTO portfolio_origin (mission_id, origin, n, budget, n_budget)
SELECT n.mission_id, n.origin, COUNT(*), CAST(COALESCE(SUM(n.budget_sek), 0) AS BIGINT),
    COUNT(n.budget_sek)
FROM initiative n WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
GROUP BY n.mission_id, n.origin;
INSERT INTO portfolio_sdg (mission_id, target)
SELECT DISTINCT n.mission_id, st.target FROM initiative n
JOIN initiative_sdg_target st ON st.initiative_id = n.id
WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr
        WHERE pr.initiative_id = n.id AND pr.state <> 'accepted');
INSERT INTO portfolio_counted (mission_id) SELECT id FROM mission;
