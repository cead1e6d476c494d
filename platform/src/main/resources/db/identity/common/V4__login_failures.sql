-- Brute-force defence: failed sign-ins counted per account and per client address. A row's failures fall on a
-- successful sign-in; an account whose failures reach the limit is locked until locked_until (epoch ms).
CREATE TABLE identity_login_failure (
    subject         VARCHAR(200) NOT NULL PRIMARY KEY,
    failures        INT          NOT NULL,
    last_failure_at BIGINT       NOT NULL,
    locked_until    BIGINT
);
CREATE INDEX identity_login_failure_last ON identity_login_failure (last_failure_at);
