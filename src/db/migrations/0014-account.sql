-- 0014-account.sql — a user's request to have their personal data deleted (domain/privacy.c):
-- recorded when asked and e-mailed to the admins; an admin carries it out (the person
-- anonymised, the account disabled and stripped of its address) and the row says who and
-- when. At most one open request per account.
CREATE TABLE deletion_request (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    done_at BIGINT,
    done_by BIGINT REFERENCES user_account(id)
);
CREATE UNIQUE INDEX deletion_request_open ON deletion_request(user_id) WHERE done_at IS NULL;
