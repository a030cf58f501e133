-- 0007-accounts.sql — user accounts, their roles, sessions and failed sign-ins
-- (domain/user.c). An account belongs to a person. Only hashes are stored:
-- the password as an argon2id PHC string, a session's token as BLAKE2b-256 hex.
CREATE TABLE user_account (
    id @PK@,
    person_id BIGINT NOT NULL REFERENCES person(id),
    email TEXT NOT NULL,                 -- as given
    email_key TEXT NOT NULL UNIQUE,      -- the same with A-Z lowered: one account per address
    password_hash TEXT NOT NULL,         -- $argon2id$v=19$m=19456,t=2,p=1$...
    status TEXT NOT NULL CHECK (status IN ('active','disabled')),
    role TEXT NOT NULL DEFAULT 'none' CHECK (role IN ('admin','none')),
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX user_account_person ON user_account(person_id);
-- The coordinators of a mission.
CREATE TABLE mission_coordinator (
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    mission_id BIGINT NOT NULL REFERENCES mission(id),
    PRIMARY KEY (user_id, mission_id)
);
CREATE INDEX mission_coordinator_mission ON mission_coordinator(mission_id);
-- The representatives of an actor: asked for by the user, confirmed by a coordinator or admin.
CREATE TABLE actor_representative (
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    actor_id BIGINT NOT NULL REFERENCES actor(id),
    state TEXT NOT NULL CHECK (state IN ('requested','confirmed')),
    confirmed_by BIGINT REFERENCES user_account(id),
    confirmed_at BIGINT,
    PRIMARY KEY (user_id, actor_id)
);
CREATE INDEX actor_representative_actor ON actor_representative(actor_id);
CREATE TABLE user_session (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    hash TEXT NOT NULL UNIQUE,           -- of the 128-bit token the cookie carries
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,        -- the idle limit counts from here
    expires_at BIGINT NOT NULL,          -- the absolute limit
    revoked_at BIGINT
);
CREATE INDEX user_session_user ON user_session(user_id);
-- Failed sign-ins, for throttling: the account tried (its email_key, whether or not it
-- exists) and the address it came from.
CREATE TABLE signin_failure (
    id @PK@,
    account TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX signin_failure_account ON signin_failure(account, at);
CREATE INDEX signin_failure_address ON signin_failure(address, at);
CREATE INDEX signin_failure_at ON signin_failure(at);           -- pruning what has aged out
