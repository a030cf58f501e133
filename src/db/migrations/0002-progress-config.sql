-- 0002-progress-config.sql — per-indicator settings of the progress method
-- (PROGRESS.md Part B.4): custom status thresholds and which disaggregation
-- is the headline series (canonical 'Field=Value' pairs joined by 0x1f; ''
-- means the rows with every disaggregation cell empty).
ALTER TABLE indicator ADD COLUMN progress_high DOUBLE PRECISION;
ALTER TABLE indicator ADD COLUMN progress_med DOUBLE PRECISION;
ALTER TABLE indicator ADD COLUMN progress_low DOUBLE PRECISION;
ALTER TABLE indicator ADD COLUMN headline TEXT NOT NULL DEFAULT '';
