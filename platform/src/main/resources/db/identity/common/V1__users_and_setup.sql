-- Users who can sign in, and the one-time link that creates the first administrator.
-- Instants are epoch milliseconds (UTC) in BIGINT columns, the same on SQLite and PostgreSQL.
CREATE TABLE identity_user (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    username_key  VARCHAR(100) NOT NULL,
    email         VARCHAR(320),
    display_name  VARCHAR(200),
    password_hash VARCHAR(255),
    administrator BOOLEAN      NOT NULL DEFAULT FALSE,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    BIGINT       NOT NULL,
    last_login_at BIGINT
);
CREATE UNIQUE INDEX identity_user_username_key ON identity_user (username_key);

CREATE TABLE identity_setup_token (
    token_hash VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
