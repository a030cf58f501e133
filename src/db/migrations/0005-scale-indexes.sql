-- 0005-scale-indexes.sql — indexes for large deployments (100,000 actors,
-- 10,000 initiatives): lists ordered by name stop after a page instead of
-- sorting every row, and per-mission initiative lists find their rows.
CREATE INDEX actor_name ON actor(name, id);
CREATE INDEX actor_sector_name ON actor(sector, name, id);
CREATE INDEX initiative_mission ON initiative(mission_id, origin, start_date);
