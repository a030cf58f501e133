-- 0016-display.sql — what an indicator's page needs to tell the truth (docs/progress.md):
--
-- Bounds: the values an indicator can take (0 and 100 for a share in per cent), which
-- projections, "rate needed" and the chart's axis respect. bounds_set = 0: the default,
-- 0 to 100 when the unit reads as a percentage, else none (assess.c indicator_bounds);
-- bounds_set = 1: lower_bound and upper_bound as stored, each NULL for no bound.
--
-- The headline series: headline stays the disaggregation the assessment reads (every
-- query that selects headline rows compares with it); headline_chosen says whether a
-- coordinator chose it (1) or samverka did (0), by the rule of docs/progress.md: a
-- series with two periods or more before one without, then the rows with every
-- breakdown empty, then the fewest breakdowns filled, then the most periods, then the
-- first in byte order (settings.c settings_headline_pick). samverka
-- keeps an unchosen headline up to date whenever the observations change
-- (settings.c settings_refresh_headline); here it is set once for the data already stored.
ALTER TABLE indicator ADD COLUMN bounds_set INTEGER NOT NULL DEFAULT 0;
ALTER TABLE indicator ADD COLUMN lower_bound DOUBLE PRECISION;
ALTER TABLE indicator ADD COLUMN upper_bound DOUBLE PRECISION;
ALTER TABLE indicator ADD COLUMN headline_chosen INTEGER NOT NULL DEFAULT 0;
UPDATE indicator SET headline_chosen = 1 WHERE headline <> '';
UPDATE indicator SET headline = COALESCE((
    SELECT o.disagg FROM observation o WHERE o.indicator_id = indicator.id
    GROUP BY o.disagg
    ORDER BY CASE WHEN COUNT(DISTINCT o.period) >= 2 THEN 0 ELSE 1 END,
             CASE WHEN o.disagg = '' THEN 0 ELSE 1 END,
             length(o.disagg) - length(replace(o.disagg, @US@, '')),
             COUNT(DISTINCT o.period) DESC, o.disagg @BINARY@
    LIMIT 1), '')
WHERE headline_chosen = 0;
