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
-- initiative_count: how many shown initiatives (live, and not a proposal under review:
-- q_all.def's INITIATIVE_SHOWN) each mission has; the list of initiatives without a
-- filter, or filtered by mission only, reads its total here (counting them probed the
-- proposals of every initiative: 5-10 ms on PostgreSQL). Kept exact by row triggers, as
-- actor_count: an initiative counts while it is live and has no proposal other than an
-- accepted one, so its insert, deletion and archival move its mission's row, and so does
-- its proposal's insert, deletion and change of state (a TRUNCATE, on PostgreSQL, counts
-- afresh). The list of every mission leaves
-- archived missions out at the read, as the count afresh does.
CREATE TABLE initiative_count (
    mission_id BIGINT PRIMARY KEY,
    n BIGINT NOT NULL
);
--sqlite: CREATE TRIGGER initiative_count_ins AFTER INSERT ON initiative WHEN NEW.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = NEW.id AND pr.state <> 'accepted') BEGIN INSERT INTO initiative_count (mission_id, n) VALUES (NEW.mission_id, 1) ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1; END;
--sqlite: CREATE TRIGGER initiative_count_del AFTER DELETE ON initiative WHEN OLD.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = OLD.id AND pr.state <> 'accepted') BEGIN UPDATE initiative_count SET n = n - 1 WHERE mission_id = OLD.mission_id; END;
--sqlite: CREATE TRIGGER initiative_count_upd AFTER UPDATE OF mission_id, archived_at ON initiative BEGIN UPDATE initiative_count SET n = n - 1 WHERE mission_id = OLD.mission_id AND OLD.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = OLD.id AND pr.state <> 'accepted'); INSERT INTO initiative_count (mission_id, n) SELECT NEW.mission_id, 1 WHERE NEW.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = NEW.id AND pr.state <> 'accepted') ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1; END;
--sqlite: CREATE TRIGGER initiative_count_proposal_ins AFTER INSERT ON proposal WHEN NEW.state <> 'accepted' BEGIN UPDATE initiative_count SET n = n - 1 WHERE mission_id = (SELECT i.mission_id FROM initiative i WHERE i.id = NEW.initiative_id AND i.archived_at IS NULL); END;
--sqlite: CREATE TRIGGER initiative_count_proposal_del AFTER DELETE ON proposal WHEN OLD.state <> 'accepted' BEGIN INSERT INTO initiative_count (mission_id, n) SELECT i.mission_id, 1 FROM initiative i WHERE i.id = OLD.initiative_id AND i.archived_at IS NULL ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1; END;
--sqlite: CREATE TRIGGER initiative_count_proposal_upd AFTER UPDATE OF initiative_id, state ON proposal BEGIN INSERT INTO initiative_count (mission_id, n) SELECT i.mission_id, 1 FROM initiative i WHERE OLD.state <> 'accepted' AND i.id = OLD.initiative_id AND i.archived_at IS NULL ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1; UPDATE initiative_count SET n = n - 1 WHERE NEW.state <> 'accepted' AND mission_id = (SELECT i.mission_id FROM initiative i WHERE i.id = NEW.initiative_id AND i.archived_at IS NULL); END;
--pg: CREATE FUNCTION initiative_count_keep() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     IF TG_OP <> 'INSERT' THEN
--pg:         IF OLD.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = OLD.id AND pr.state <> 'accepted') THEN
--pg:             UPDATE initiative_count SET n = n - 1 WHERE mission_id = OLD.mission_id;
--pg:         END IF;
--pg:     END IF;
--pg:     IF TG_OP <> 'DELETE' THEN
--pg:         IF NEW.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = NEW.id AND pr.state <> 'accepted') THEN
--pg:             INSERT INTO initiative_count (mission_id, n) VALUES (NEW.mission_id, 1)
--pg:             ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1;
--pg:         END IF;
--pg:     END IF;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION initiative_count_proposal() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     IF TG_OP <> 'INSERT' THEN
--pg:         IF OLD.state <> 'accepted' THEN
--pg:             INSERT INTO initiative_count (mission_id, n)
--pg:             SELECT i.mission_id, 1 FROM initiative i
--pg:             WHERE i.id = OLD.initiative_id AND i.archived_at IS NULL
--pg:             ON CONFLICT (mission_id) DO UPDATE SET n = initiative_count.n + 1;
--pg:         END IF;
--pg:     END IF;
--pg:     IF TG_OP <> 'DELETE' THEN
--pg:         IF NEW.state <> 'accepted' THEN
--pg:             UPDATE initiative_count SET n = n - 1 WHERE mission_id = (SELECT i.mission_id
--pg:                 FROM initiative i WHERE i.id = NEW.initiative_id AND i.archived_at IS NULL);
--pg:         END IF;
--pg:     END IF;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE FUNCTION initiative_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
--pg: BEGIN
--pg:     DELETE FROM initiative_count;
--pg:     INSERT INTO initiative_count (mission_id, n)
--pg:     SELECT n.mission_id, COUNT(*) FROM initiative n WHERE n.archived_at IS NULL AND NOT EXISTS (
--pg:         SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
--pg:     GROUP BY n.mission_id;
--pg:     RETURN NULL;
--pg: END $$;
--pg: CREATE TRIGGER initiative_count AFTER INSERT OR DELETE OR UPDATE OF mission_id, archived_at ON initiative FOR EACH ROW EXECUTE FUNCTION initiative_count_keep();
--pg: CREATE TRIGGER initiative_count_proposal AFTER INSERT OR DELETE OR UPDATE OF initiative_id, state ON proposal FOR EACH ROW EXECUTE FUNCTION initiative_count_proposal();
--pg: CREATE TRIGGER initiative_count_truncate AFTER TRUNCATE ON initiative FOR EACH STATEMENT EXECUTE FUNCTION initiative_count_truncate();
--pg: CREATE TRIGGER initiative_count_proposal_truncate AFTER TRUNCATE ON proposal FOR EACH STATEMENT EXECUTE FUNCTION initiative_count_truncate();
INSERT INTO initiative_count (mission_id, n)
SELECT n.mission_id, COUNT(*) FROM initiative n WHERE n.archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM proposal pr WHERE pr.initiative_id = n.id AND pr.state <> 'accepted')
GROUP BY n.mission_id;
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
