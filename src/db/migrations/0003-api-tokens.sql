-- 0003-api-tokens.sql — bearer tokens for the JSON API's writes until user
-- accounts arrive. Only a hash of each token is stored (BLAKE2b-256, hex);
-- the token itself is shown once, when it is created.
CREATE TABLE api_token (
    id @PK@,
    name TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin','coordinator')),
    mission_id BIGINT REFERENCES mission(id) ON DELETE CASCADE,  -- coordinator: the one mission
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
