-- Password policy: when each password was set (for expiry), the hashes of earlier passwords (history), and
-- single-use links that let someone set a password (reset by email, admin invitation). Only SHA-256 hashes of
-- link tokens are stored. Instants are epoch milliseconds.
ALTER TABLE identity_user ADD COLUMN password_changed_at BIGINT;
UPDATE identity_user SET password_changed_at = created_at WHERE password_hash IS NOT NULL;

CREATE TABLE identity_password_history (
    user_id       VARCHAR(36)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    set_at        BIGINT       NOT NULL
);
CREATE INDEX identity_password_history_user ON identity_password_history (user_id, set_at);

CREATE TABLE identity_password_token (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id    VARCHAR(36)  NOT NULL,
    purpose    VARCHAR(20)  NOT NULL,
    created_by VARCHAR(100),
    created_at BIGINT       NOT NULL,
    expires_at BIGINT       NOT NULL
);
CREATE INDEX identity_password_token_user ON identity_password_token (user_id, purpose, created_at);
