-- 0012-contact-public.sql — a person's e-mail and phone are public only when marked so
-- (issue 10: "contact details of people are public only when marked public"). Every public
-- page and API response reads them through this flag; an account's own person starts
-- private. Until now a mission team's contact people had theirs shown: they keep that, so
-- nothing that was public disappears and nothing private appears.
ALTER TABLE person ADD COLUMN contact_public INTEGER NOT NULL DEFAULT 0;
UPDATE person SET contact_public = 1
    WHERE EXISTS (SELECT 1 FROM team_member tm WHERE tm.person_id = person.id AND tm.is_contact = 1);
