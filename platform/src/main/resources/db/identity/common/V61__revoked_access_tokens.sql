-- Access tokens of Holdfast's provider are self-contained (JWTs checked by signature). One revoked before it expires
-- (revocation endpoint, sign-out, a reused refresh token revoking its family, every authorization of a user removed)
-- is listed here, as the SHA-256 of the token, until it would have expired; every node keeps the list in memory.
CREATE TABLE identity_revoked_access_token (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX identity_revoked_access_token_expires ON identity_revoked_access_token (expires_at);

-- Bumped in the transaction of every change that can make a machine credential stop working (an API token revoked,
-- an access token revoked, a user disabled, roles changed): a node whose caches saw an older revision drops them.
CREATE TABLE identity_credential_revision (
    id       INT    NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO identity_credential_revision (id, revision) VALUES (1, 0);
