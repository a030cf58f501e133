-- 0011-authz.sql — users' own API tokens (domain/token.c). A user token acts as its
-- owner with the owner's rights at the time of use, never more; only its BLAKE2b-256
-- hash (hex) is stored, the token itself is shown once.
CREATE TABLE user_token (
    id @PK@,
    user_id BIGINT NOT NULL REFERENCES user_account(id),
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);
CREATE INDEX user_token_user ON user_token(user_id);
