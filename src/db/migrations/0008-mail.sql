-- 0008-mail.sql — outgoing email (password reset links, review notifications), queued
-- so a request never waits on an SMTP server and a failed send is retried. A row is due
-- while sent_at is NULL and next_at is set; next_at NULL means it was given up after
-- the last allowed attempt. last_error is short and holds no secrets (no credentials,
-- no message text). (0007 is taken by the accounts migration on a parallel branch.)
CREATE TABLE mail_queue (
    id @PK@,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,                       -- text/plain, UTF-8
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at BIGINT,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX mail_queue_due ON mail_queue(next_at) WHERE sent_at IS NULL;
