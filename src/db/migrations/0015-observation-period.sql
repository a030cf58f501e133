-- 0015-observation-period.sql — an observation is identified by its period as published
-- (issue 11): "2013 Q1" and "2013 Q2" are two observations of one series, where the key
-- (indicator, series, unit, disagg, year) made the second "a second value for 2013".
-- The key becomes (indicator, series, unit, disagg, period); year stays (the year the
-- period starts in, which the assessment counts it in) and period_key sorts the periods
-- of a series in time (domain/period.h: YYYYMMDD of its start). Rows stored before were
-- keyed by year, their label starting with it ("2015", "2015-16"): both start on the
-- first of January, so their key is year * 10000 + 101, what period_parse gives them.
-- attrs: Open SDG's attribute cells (GeoCode, Observation status, Unit multiplier ...)
-- as "Name=Value" pairs joined by 0x1f in column order, like disagg; said of one value,
-- no part of the key. progress: the Progress column as published (NULL: none), which the
-- assessment uses instead of the value, as Open SDG's does.
CREATE TABLE observation_new (
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    series TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    disagg TEXT NOT NULL DEFAULT '',
    period TEXT NOT NULL,
    period_key BIGINT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    attrs TEXT NOT NULL DEFAULT '',
    progress DOUBLE PRECISION NULL,
    PRIMARY KEY (indicator_id, series, unit, disagg, period)
) @WITHOUT_ROWID@;
INSERT INTO observation_new (indicator_id, series, unit, disagg, period, period_key, year, value,
                             source, note)
    SELECT indicator_id, series, unit, disagg, period, year * 10000 + 101, year, value, source,
           note FROM observation;
DROP TABLE observation;
ALTER TABLE observation_new RENAME TO observation;

-- An import's rows before they are applied (domain/import.c): streamed in with their line
-- numbers, then checked and applied by SQL in the import's one transaction, which empties
-- them again before it ends, so no row here outlives it. stage_id is a random number per
-- import: two imports at once (PostgreSQL has no database-wide write lock) never see each
-- other's rows. The key orders each observation's rows by line, for the duplicate checks.
CREATE TABLE import_stage (
    stage_id BIGINT NOT NULL,
    series TEXT NOT NULL,
    unit TEXT NOT NULL,
    disagg TEXT NOT NULL,
    period TEXT NOT NULL,
    line BIGINT NOT NULL,
    period_key BIGINT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    attrs TEXT NOT NULL,
    progress DOUBLE PRECISION NULL,
    keep INTEGER NOT NULL, -- 1: the row had no Source cell, 2: no Note cell (keep the stored)
    PRIMARY KEY (stage_id, series, unit, disagg, period, line)
) @WITHOUT_ROWID@;
