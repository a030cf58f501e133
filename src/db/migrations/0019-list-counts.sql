-- 0019-list-counts.sql — the lists of actors and initiatives without walking every row
-- (issue 12; docs/internals/db.md).
--
-- The totals of the two lists, stored as 0018 stores a mission's actor counts:
--   actor_count        live (not archived) actors: the row '' holds them all, and its
--                      presence says the table is complete; one row a sector that has any
--                      (the list of actors counted 100,000 actors at every render: 10 ms
--                      on SQLite, 15-20 ms on PostgreSQL on bench/scale.sh's database)
--   initiative_count   the shown initiatives (q_all.def's INITIATIVE_SHOWN: live, no
--                      proposal other than an accepted one) of each mission, one row for
--                      every mission that existed when it was filled (the count probed
--                      every initiative's proposal: 5-10 ms on PostgreSQL)
-- Kept in step by deletion: any change to what they count (an actor's insert, deletion,
-- sector or archival; an initiative's insert, deletion, mission or archival; a proposal's
-- insert, deletion, initiative or state) empties the table in the same statement, through
-- the triggers below, whoever writes (psql too); a reader that finds it empty counts
-- afresh (one statement, Q_ACTOR_COUNT and Q_INITIATIVE_COUNT_STORED), and every samverka
-- write that can empty it refills it before it commits (mission.c mission_counts_refresh).
-- Not kept by adding and taking away one in a row trigger: on PostgreSQL, a transaction
-- that updates one row many times (samverka copy inserts 100,000 actors in one) walks a
-- longer chain of its versions at every update (20,000 actors: 15 s).
-- On PostgreSQL the trigger takes an EXCLUSIVE lock on the table it empties (readers are
-- not blocked), as 0018's does: two writers cannot each keep a count the other outdated.
CREATE TABLE actor_count (
    sector TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
CREATE TABLE initiative_count (
    mission_id BIGINT PRIMARY KEY,
    n BIGINT NOT NULL
);
--sqlite: CREATE TRIGGER actor_count_ins AFTER INSERT ON actor WHEN EXISTS (SELECT 1 FROM actor_count) BEGIN DELETE FROM actor_count; END;
--sqlite: CREATE TRIGGER actor_count_upd AFTER UPDATE OF sector, archived_at ON actor WHEN EXISTS (SELECT 1 FROM actor_count) BEGIN DELETE FROM actor_count; END;
--sqlite: CREATE TRIGGER actor_count_del AFTER DELETE ON actor WHEN EXISTS (SELECT 1 FROM actor_count) BEGIN DELETE FROM actor_count; END;
--sqlite: CREATE TRIGGER initiative_count_ins AFTER INSERT ON initiative WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--sqlite: CREATE TRIGGER initiative_count_upd AFTER UPDATE OF mission_id, archived_at ON initiative WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--sqlite: CREATE TRIGGER initiative_count_del AFTER DELETE ON initiative WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--sqlite: CREATE TRIGGER initiative_count_proposal_ins AFTER INSERT ON proposal WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--sqlite: CREATE TRIGGER initiative_count_proposal_upd AFTER UPDATE OF initiative_id, state ON proposal WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--sqlite: CREATE TRIGGER initiative_count_proposal_del AFTER DELETE ON proposal WHEN EXISTS (SELECT 1 FROM initiative_count) BEGIN DELETE FROM initiative_count; END;
--pg: CREATE FUNCTION actor_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE actor_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM actor_count;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION initiative_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     LOCK TABLE initiative_count IN EXCLUSIVE MODE;
--pg:     DELETE FROM initiative_count;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER actor_count AFTER INSERT OR DELETE OR UPDATE OF sector, archived_at OR TRUNCATE ON actor FOR EACH STATEMENT EXECUTE FUNCTION actor_count_clear();
--pg: CREATE TRIGGER initiative_count AFTER INSERT OR DELETE OR UPDATE OF mission_id, archived_at OR TRUNCATE ON initiative FOR EACH STATEMENT EXECUTE FUNCTION initiative_count_clear();
--pg: CREATE TRIGGER initiative_count_proposal AFTER INSERT OR DELETE OR UPDATE OF initiative_id, state OR TRUNCATE ON proposal FOR EACH STATEMENT EXECUTE FUNCTION initiative_count_clear();
-- the backfill: the statements of mission_counts_refresh (Q_ACTOR_COUNTS_FILL,
-- Q_INITIATIVE_COUNTS_FILL)
INSERT INTO actor_count (sector, n)
SELECT '', COUNT(*) FROM actor WHERE archived_at IS NULL
UNION ALL SELECT sector, COUNT(*) FROM actor WHERE archived_at IS NULL GROUP BY sector;
INSERT INTO initiative_count (mission_id, n)
SELECT m.id, (SELECT COUNT(*) FROM initiative n WHERE n.mission_id = m.id
    AND n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted'))
FROM mission m;
--
-- The pages of the lists are cut from these indexes, in the lists' order and of live rows
-- only, before anything is joined: a deep page (/actors?page=500, /initiatives?page=150)
-- steps over the index entries before it and no longer reads, joins and sorts the rows it
-- skips (PostgreSQL sorted every shown initiative with all its text, 66 ms at page 150).
-- initiative_list's start_date DESC puts NULLs where each backend's ORDER BY ... DESC
-- does (first on PostgreSQL, last on SQLite), so the order of the pages is unchanged.
CREATE INDEX actor_live_name ON actor(name, id) WHERE archived_at IS NULL;
CREATE INDEX actor_live_sector_name ON actor(sector, name, id) WHERE archived_at IS NULL;
CREATE INDEX initiative_list ON initiative(mission_id, origin DESC, start_date DESC, id)
    WHERE archived_at IS NULL;
