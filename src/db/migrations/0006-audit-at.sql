-- 0006-audit-at.sql — "last updated" of the site-wide pages reads MAX(at) of the audit
-- log on every uncached render; without an index that read the whole log, so renders
-- grew slower with every write (the soak: 1.85 ms per read at 40,000 entries on SQLite,
-- 5.5 ms on PostgreSQL; with the index 0.03-0.07 ms).
CREATE INDEX audit_at ON audit_log(at);
