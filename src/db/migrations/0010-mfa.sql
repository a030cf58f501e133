-- 0010-mfa.sql — the second factor of a sign-in (domain/mfa.c): TOTP secrets, recovery
-- codes and the sign-ins waiting for a code; and password reset tokens (domain/reset.c).
-- Only hashes of tokens and recovery codes are stored. A TOTP secret must be stored as
-- it is: the server computes the same codes as the authenticator app.
CREATE TABLE user_totp (
    user_id BIGINT PRIMARY KEY REFERENCES user_account(id),
    secret TEXT NOT NULL,                -- base32 of 20 random bytes
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,                 -- NULL until the first correct code
    last_step BIGINT NOT NULL DEFAULT 0, -- the last step used: a code of a step at or before it is refused
    new_secret TEXT,                     -- a re-enrolment waiting for its first code; secret stays in force
    new_created_at BIGINT
);
-- Shown once at enrolment (10 codes); each works once in place of a TOTP code.
CREATE TABLE user_recovery_code (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    hash TEXT NOT NULL,                  -- BLAKE2b-256 hex of the code, upper case, without its dash
    used_at BIGINT
);
CREATE INDEX user_recovery_code_user ON user_recovery_code(user_id);
-- A sign-in whose password was right, waiting for its second factor (or, for an account
-- that must have one and has none, for its enrolment). Gone after 5 wrong codes.
CREATE TABLE signin_pending (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    hash TEXT NOT NULL UNIQUE,           -- of the 128-bit token the browser carries meanwhile
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,          -- 5 minutes after the password
    attempts INTEGER NOT NULL DEFAULT 0, -- wrong codes so far
    address TEXT NOT NULL                -- where the password came from
);
CREATE INDEX signin_pending_user ON signin_pending(user_id);
CREATE INDEX signin_pending_expires ON signin_pending(expires_at);
-- A password reset link: single use, one hour.
CREATE TABLE password_reset (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    hash TEXT NOT NULL UNIQUE,           -- of the 128-bit token in the link
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX password_reset_user ON password_reset(user_id);
