-- 0019-list-counts.sql — the lists of actors and initiatives without walking every row
-- (issue 12; docs/internals/db.md).
--
-- actor_count: how many live (not archived) actors each sector has; the list of actors
-- reads its total here (one row, or the sum of five) instead of counting 100,000 actors at
-- every render (10 ms on SQLite, 15-20 ms on PostgreSQL on bench/scale.sh's database).
-- Kept exact by row triggers on actor, in the statement that changes an actor, whoever
-- writes (psql too): an insert adds one to its sector, a deletion takes one away, an
-- update of the sector or of archived_at moves the actor between rows. A sector without
-- live actors may keep a row with n = 0, which a sum does not notice.
CREATE TABLE actor_count (
    sector TEXT PRIMARY KEY,
    n BIGINT NOT NULL
);
--sqlite: CREATE TRIGGER actor_count_ins AFTER INSERT ON actor WHEN NEW.archived_at IS NULL BEGIN INSERT INTO actor_count (sector, n) VALUES (NEW.sector, 1) ON CONFLICT (sector) DO UPDATE SET n = actor_count.n + 1; END;
--sqlite: CREATE TRIGGER actor_count_del AFTER DELETE ON actor WHEN OLD.archived_at IS NULL BEGIN UPDATE actor_count SET n = n - 1 WHERE sector = OLD.sector; END;
--sqlite: CREATE TRIGGER actor_count_upd AFTER UPDATE OF sector, archived_at ON actor BEGIN UPDATE actor_count SET n = n - 1 WHERE sector = OLD.sector AND OLD.archived_at IS NULL; INSERT INTO actor_count (sector, n) SELECT NEW.sector, 1 WHERE NEW.archived_at IS NULL ON CONFLICT (sector) DO UPDATE SET n = actor_count.n + 1; END;
--pg: CREATE FUNCTION actor_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     IF TG_OP <> 'INSERT' THEN
--pg:         IF OLD.archived_at IS NULL THEN
--pg:             UPDATE actor_count SET n = n - 1 WHERE sector = OLD.sector;
--pg:         END IF;
--pg:     END IF;
--pg:     IF TG_OP <> 'DELETE' THEN
--pg:         IF NEW.archived_at IS NULL THEN
--pg:             INSERT INTO actor_count (sector, n) VALUES (NEW.sector, 1)
--pg:             ON CONFLICT (sector) DO UPDATE SET n = actor_count.n + 1;
--pg:         END IF;
--pg:     END IF;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION actor_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     DELETE FROM actor_count;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER actor_count AFTER INSERT OR DELETE OR UPDATE OF sector, archived_at ON actor FOR EACH ROW EXECUTE FUNCTION actor_count_keep();
--pg: CREATE TRIGGER actor_count_truncate AFTER TRUNCATE ON actor FOR EACH STATEMENT EXECUTE FUNCTION actor_count_truncate();
INSERT INTO actor_count (sector, n)
SELECT sector, COUNT(*) FROM actor WHERE archived_at IS NULL GROUP BY sector;
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
