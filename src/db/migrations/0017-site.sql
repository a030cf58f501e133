-- 0017-site.sql — the site's own settings (issue 12; domain/site.c): the "About missions"
-- text in Swedish and English (Markdown), the general contact (a functional mailbox, an
-- optional phone and postal address, a short text in both languages) shown on /contact and
-- in every page's footer, and the site owner that the accountability block names on pages
-- that are neither a mission's nor an indicator's (before this, the fixed "The samverka
-- administrators", which stays the text while owner_sv is empty).
--
-- One row, id 1, made here so that an update is always an UPDATE; the CHECK keeps it one.
-- Empty texts and NULL contact fields mean "not given": the pages say so or leave them out.
-- is_demo is the demo loader's (the pages mark demo text as such); when the row last
-- changed is the audit log's (entity "site"), as for every other page.
CREATE TABLE site (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    about_sv TEXT NOT NULL DEFAULT '',
    about_en TEXT NOT NULL DEFAULT '',
    contact_email TEXT,
    contact_phone TEXT,
    contact_address TEXT,
    contact_text_sv TEXT NOT NULL DEFAULT '',
    contact_text_en TEXT NOT NULL DEFAULT '',
    owner_sv TEXT NOT NULL DEFAULT '',
    owner_en TEXT NOT NULL DEFAULT '',
    owner_url TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0
);
INSERT INTO site (id) VALUES (1);
