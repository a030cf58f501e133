-- 0022-import-stage-record.sql — an import's staged rows keyed by their place in the file,
-- not by their line (domain/import.c; docs/internals/db.md).
--
-- A JSON file may hold all its records on one line: keyed by line, the second record of one
-- observation's key collided with the first in import_stage's primary key, and the import
-- was refused as a database conflict, with no place and no reason (found by fuzz_import).
-- seq is the row's place in the file (a CSV line, a JSON record's number), unique in an
-- import; line and col say where it starts, for the messages. The table holds no row
-- between imports (each empties its own before it ends), so it is made anew.
DROP TABLE import_stage;
CREATE TABLE import_stage (
    stage_id BIGINT NOT NULL,
    series TEXT NOT NULL,
    unit TEXT NOT NULL,
    disagg TEXT NOT NULL,
    period TEXT NOT NULL,
    seq BIGINT NOT NULL,
    line BIGINT NOT NULL,
    col INTEGER NOT NULL,
    period_key BIGINT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL,
    note TEXT NOT NULL,
    attrs TEXT NOT NULL,
    progress DOUBLE PRECISION NULL,
    keep INTEGER NOT NULL, -- 1: the row had no Source cell, 2: no Note cell (keep the stored)
    PRIMARY KEY (stage_id, series, unit, disagg, period, seq)
) @WITHOUT_ROWID@;
