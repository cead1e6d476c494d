-- Scoped API keys for /api/monitor/v1 (hfm_...): shown once, stored as the SHA-256 of the key (a key is 32 random
-- bytes, so a fast hash suffices, as for identity's API tokens). scopes is a space-separated list such as
-- "monitors:read config:write". Revoked keys stay listed with revoked_at set. Instants are epoch milliseconds.
CREATE TABLE monitor_api_key (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    key_hash     VARCHAR(64)  NOT NULL,
    scopes       VARCHAR(500) NOT NULL,
    created_by   VARCHAR(200),
    created_at   BIGINT       NOT NULL,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE UNIQUE INDEX monitor_api_key_hash ON monitor_api_key (key_hash);
