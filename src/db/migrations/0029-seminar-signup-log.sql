-- 0029-seminar-signup-log.sql — the registrations for seminars made from each client
-- address in the last hour, for the throttle of the open registration form
-- (domain/seminar.c: SEMINAR_SIGNUP_MAX within SEMINAR_SIGNUP_WINDOW seconds; the form
-- needs no account and each registration mails the address typed in). address: the client's
-- IP address as text, stored as the sign-in throttle stores it (signin_failure.address,
-- 0007); at: Unix seconds. No seminar and no person: only how many from where and when.
-- Rows older than the window are deleted at the next registration (docs/security.md).
-- (0028 is taken by the Atom feed's migration on a parallel branch.)
CREATE TABLE seminar_signup_log (
    id @PK@,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX seminar_signup_log_address ON seminar_signup_log(address, at);
CREATE INDEX seminar_signup_log_at ON seminar_signup_log(at);  -- pruning what has aged out
