-- Second factors (issue #5 point 2). Rows belong to identity_user ids; instants are epoch milliseconds (UTC).

-- One TOTP authenticator per user (RFC 6238, SHA-1, 6 digits, 30 s). confirmed_at is null until the user proved the
-- app works with a code; last_step is the time step of the last accepted code, so no code is accepted twice.
CREATE TABLE identity_mfa_totp (
    user_id      VARCHAR(36) NOT NULL PRIMARY KEY,
    secret       VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    confirmed_at BIGINT,
    last_step    BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT identity_mfa_totp_user FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
);

-- Recovery codes, stored as SHA-256 hashes (they are long random strings, so a fast hash is enough).
CREATE TABLE identity_mfa_recovery_code (
    user_id    VARCHAR(36) NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    created_at BIGINT      NOT NULL,
    used_at    BIGINT,
    CONSTRAINT identity_mfa_recovery_code_pk PRIMARY KEY (user_id, code_hash),
    CONSTRAINT identity_mfa_recovery_code_user FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
);

-- Which one-time-code channels a user chose: codes by email (to the user's address) and by SMS (to sms_phone).
CREATE TABLE identity_mfa_channel (
    user_id       VARCHAR(36) NOT NULL PRIMARY KEY,
    email_enabled BOOLEAN     NOT NULL DEFAULT FALSE,
    sms_phone     VARCHAR(32),
    CONSTRAINT identity_mfa_channel_user FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
);

-- The one pending one-time code per user and channel (email, sms): hashed, short-lived, single use.
CREATE TABLE identity_mfa_code (
    user_id    VARCHAR(36) NOT NULL,
    channel    VARCHAR(8)  NOT NULL,
    code_hash  CHAR(64)    NOT NULL,
    expires_at BIGINT      NOT NULL,
    CONSTRAINT identity_mfa_code_pk PRIMARY KEY (user_id, channel),
    CONSTRAINT identity_mfa_code_user FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
);

-- Failed second-factor attempts per account in the current window (rate limit of the factor step).
CREATE TABLE identity_mfa_attempt (
    user_id      VARCHAR(36) NOT NULL PRIMARY KEY,
    failures     INT         NOT NULL,
    window_start BIGINT      NOT NULL,
    CONSTRAINT identity_mfa_attempt_user FOREIGN KEY (user_id) REFERENCES identity_user (id) ON DELETE CASCADE
);

-- WebAuthn (passkeys), the columns Spring Security's repositories need. user_handle is the random WebAuthn user
-- id (base64url); username ties it to identity_user.
CREATE TABLE identity_webauthn_user (
    user_handle  VARCHAR(128) NOT NULL PRIMARY KEY,
    username_key VARCHAR(100) NOT NULL,
    display_name VARCHAR(200) NOT NULL
);
CREATE UNIQUE INDEX identity_webauthn_user_name ON identity_webauthn_user (username_key);

CREATE TABLE identity_webauthn_credential (
    credential_id       VARCHAR(1024) NOT NULL PRIMARY KEY,
    user_handle         VARCHAR(128)  NOT NULL,
    public_key          BYTEA         NOT NULL,
    signature_count     BIGINT        NOT NULL,
    uv_initialized      BOOLEAN       NOT NULL,
    backup_eligible     BOOLEAN       NOT NULL,
    backup_state        BOOLEAN       NOT NULL,
    transports          VARCHAR(200),
    attestation_object  BYTEA,
    attestation_client_data_json BYTEA,
    label               VARCHAR(200)  NOT NULL,
    created_at          BIGINT        NOT NULL,
    last_used_at        BIGINT        NOT NULL,
    CONSTRAINT identity_webauthn_credential_user FOREIGN KEY (user_handle)
        REFERENCES identity_webauthn_user (user_handle) ON DELETE CASCADE
);
CREATE INDEX identity_webauthn_credential_user_ix ON identity_webauthn_credential (user_handle);
