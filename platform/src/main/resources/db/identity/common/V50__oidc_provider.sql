-- The OpenID Connect provider: registered client applications, authorizations (codes and refresh tokens stored
-- only as SHA-256 hashes in indexed columns), consents, and the signing keys (rotated; published before they sign).
CREATE TABLE identity_oidc_client (
    id                        VARCHAR(36)   NOT NULL PRIMARY KEY,
    client_id                 VARCHAR(100)  NOT NULL,
    name                      VARCHAR(200)  NOT NULL,
    secret_hash               VARCHAR(100),
    confidential              BOOLEAN       NOT NULL,
    redirect_uris             VARCHAR(4000) NOT NULL,
    post_logout_redirect_uris VARCHAR(4000) NOT NULL,
    scopes                    VARCHAR(1000) NOT NULL,
    grant_types               VARCHAR(1000) NOT NULL,
    require_consent           BOOLEAN       NOT NULL,
    access_token_ttl_seconds  BIGINT        NOT NULL,
    refresh_token_ttl_seconds BIGINT        NOT NULL,
    allowed_groups            VARCHAR(4000) NOT NULL,
    backchannel_logout_uri    VARCHAR(2000),
    home_uri                  VARCHAR(2000),
    created_at                BIGINT        NOT NULL,
    updated_at                BIGINT        NOT NULL
);
CREATE UNIQUE INDEX identity_oidc_client_client_id ON identity_oidc_client (client_id);

CREATE TABLE identity_oidc_authorization (
    id                  VARCHAR(100)  NOT NULL PRIMARY KEY,
    client_id           VARCHAR(100)  NOT NULL,
    principal_name      VARCHAR(200)  NOT NULL,
    grant_type          VARCHAR(100)  NOT NULL,
    scopes              VARCHAR(1000) NOT NULL,
    attributes          TEXT          NOT NULL,
    state_hash          VARCHAR(64),
    code_hash           VARCHAR(64),
    code_issued_at      BIGINT,
    code_expires_at     BIGINT,
    code_metadata       TEXT,
    access_hash         VARCHAR(64),
    access_issued_at    BIGINT,
    access_expires_at   BIGINT,
    access_scopes       VARCHAR(1000),
    access_metadata     TEXT,
    refresh_hash        VARCHAR(64),
    refresh_issued_at   BIGINT,
    refresh_expires_at  BIGINT,
    refresh_metadata    TEXT,
    id_token_hash       VARCHAR(64),
    id_token_issued_at  BIGINT,
    id_token_expires_at BIGINT,
    id_token_metadata   TEXT,
    device_code_hash    VARCHAR(64),
    device_code_issued_at  BIGINT,
    device_code_expires_at BIGINT,
    device_code_metadata   TEXT,
    user_code_hash      VARCHAR(64),
    user_code_issued_at    BIGINT,
    user_code_expires_at   BIGINT,
    user_code_metadata     TEXT,
    expires_at          BIGINT        NOT NULL
);
CREATE INDEX identity_oidc_authorization_state ON identity_oidc_authorization (state_hash);
CREATE INDEX identity_oidc_authorization_code ON identity_oidc_authorization (code_hash);
CREATE INDEX identity_oidc_authorization_access ON identity_oidc_authorization (access_hash);
CREATE INDEX identity_oidc_authorization_refresh ON identity_oidc_authorization (refresh_hash);
CREATE INDEX identity_oidc_authorization_id_token ON identity_oidc_authorization (id_token_hash);
CREATE INDEX identity_oidc_authorization_device ON identity_oidc_authorization (device_code_hash);
CREATE INDEX identity_oidc_authorization_user_code ON identity_oidc_authorization (user_code_hash);
CREATE INDEX identity_oidc_authorization_principal ON identity_oidc_authorization (principal_name);
CREATE INDEX identity_oidc_authorization_expires ON identity_oidc_authorization (expires_at);

-- Refresh tokens already exchanged: presenting one again revokes its whole family (the authorization).
CREATE TABLE identity_oidc_spent_refresh (
    token_hash       VARCHAR(64)  NOT NULL PRIMARY KEY,
    authorization_id VARCHAR(100) NOT NULL,
    spent_at         BIGINT       NOT NULL
);

CREATE TABLE identity_oidc_consent (
    client_id      VARCHAR(100)  NOT NULL,
    principal_name VARCHAR(200)  NOT NULL,
    authorities    VARCHAR(1000) NOT NULL,
    PRIMARY KEY (client_id, principal_name)
);

CREATE TABLE identity_oidc_key (
    kid         VARCHAR(64)   NOT NULL PRIMARY KEY,
    jwk         TEXT          NOT NULL,
    created_at  BIGINT        NOT NULL,
    signs_from  BIGINT        NOT NULL,
    retire_at   BIGINT
);
