-- 0004-observation-key.sql — observations are identified by what they are:
-- (indicator, series, unit, disaggregation, year). That key becomes the
-- primary key of a clustered table (WITHOUT ROWID on SQLite), so an import
-- maintains one B-tree instead of a table and a unique index, and reading an
-- indicator's series is one range scan.
CREATE TABLE observation_new (
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    series TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    disagg TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL,
    period TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator_id, series, unit, disagg, year)
) @WITHOUT_ROWID@;
INSERT INTO observation_new (indicator_id, series, unit, disagg, year, period, value, source, note)
    SELECT indicator_id, series, unit, disagg, year, period, value, source, note FROM observation;
DROP TABLE observation;
ALTER TABLE observation_new RENAME TO observation;
