-- 0021-page-order.sql — a mission's objectives and indicators read in the order its page
-- shows them (issue 12; docs/internals/db.md).
--
-- Q_MISSION_OBJECTIVES and Q_MISSION_INDICATORS order a mission's rows by position (the
-- indicators within their objective); with only an index on mission_id both backends
-- sorted them at every render, all their columns with them (on SQLite 12 us of the demo
-- mission page's uncached render for its 15 indicators). These indexes hold that order.
-- objective_mission and indicator_mission stay: Q_MISSION_OBSERVATIONS reads the
-- indicators off indicator_mission in id order, as its ORDER BY asks.
CREATE INDEX objective_mission_order ON objective(mission_id, position, id);
CREATE INDEX indicator_mission_order ON indicator(mission_id, objective_id, position, id);
-- Whether a person is on any team (PERSON_COLS asks it of every person a page lists) read
-- team_member's whole key, which starts with the mission.
CREATE INDEX team_member_person ON team_member(person_id);
