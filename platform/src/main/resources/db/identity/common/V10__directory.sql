-- The directory: custom attributes, service accounts (users of kind 'service' that cannot sign in interactively) and
-- their API tokens, hierarchical groups, roles holding permissions, and role assignments to users and groups.
-- The built-in administrator role replaces identity_user.administrator. Instants are epoch milliseconds (BIGINT).
ALTER TABLE identity_user ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'person';
CREATE INDEX identity_user_kind ON identity_user (kind, username_key);

CREATE TABLE identity_user_attribute (
    user_id VARCHAR(36)   NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
    name    VARCHAR(100)  NOT NULL,
    value   VARCHAR(1000) NOT NULL,
    CONSTRAINT identity_user_attribute_pk PRIMARY KEY (user_id, name)
);

CREATE TABLE identity_group (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    parent_id   VARCHAR(36)  REFERENCES identity_group (id),
    description VARCHAR(500),
    created_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX identity_group_name_key ON identity_group (name_key);
CREATE INDEX identity_group_parent ON identity_group (parent_id);

CREATE TABLE identity_group_attribute (
    group_id VARCHAR(36)   NOT NULL REFERENCES identity_group (id) ON DELETE CASCADE,
    name     VARCHAR(100)  NOT NULL,
    value    VARCHAR(1000) NOT NULL,
    CONSTRAINT identity_group_attribute_pk PRIMARY KEY (group_id, name)
);

CREATE TABLE identity_group_member (
    group_id VARCHAR(36) NOT NULL REFERENCES identity_group (id) ON DELETE CASCADE,
    user_id  VARCHAR(36) NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
    CONSTRAINT identity_group_member_pk PRIMARY KEY (group_id, user_id)
);
CREATE INDEX identity_group_member_user ON identity_group_member (user_id);

-- application: null for a global role, else the id of the application the role's permissions apply to
CREATE TABLE identity_role (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    application VARCHAR(100),
    description VARCHAR(500),
    built_in    BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX identity_role_name_key ON identity_role (name_key);

CREATE TABLE identity_role_permission (
    role_id    VARCHAR(36)  NOT NULL REFERENCES identity_role (id) ON DELETE CASCADE,
    permission VARCHAR(100) NOT NULL,
    CONSTRAINT identity_role_permission_pk PRIMARY KEY (role_id, permission)
);

-- subject_kind 'user' (people and service accounts) or 'group'
CREATE TABLE identity_role_assignment (
    role_id      VARCHAR(36) NOT NULL REFERENCES identity_role (id) ON DELETE CASCADE,
    subject_kind VARCHAR(16) NOT NULL,
    subject_id   VARCHAR(36) NOT NULL,
    CONSTRAINT identity_role_assignment_pk PRIMARY KEY (role_id, subject_kind, subject_id)
);
CREATE INDEX identity_role_assignment_subject ON identity_role_assignment (subject_kind, subject_id);

-- token_hash: SHA-256 (hex) of the whole token; prefix: its first characters, to recognise it
CREATE TABLE identity_api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36)  NOT NULL REFERENCES identity_user (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT,
    last_used_at BIGINT,
    revoked_at   BIGINT
);
CREATE UNIQUE INDEX identity_api_token_hash ON identity_api_token (token_hash);
CREATE INDEX identity_api_token_user ON identity_api_token (user_id);

INSERT INTO identity_role (id, name, name_key, application, description, built_in, created_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'Administrator', 'administrator', NULL,
        'Administers Holdfast: directory, jobs, audit log, every module.', TRUE, 0);
INSERT INTO identity_role_permission (role_id, permission) VALUES ('00000000-0000-0000-0000-000000000001', 'holdfast.admin');
INSERT INTO identity_role_assignment (role_id, subject_kind, subject_id)
SELECT '00000000-0000-0000-0000-000000000001', 'user', id FROM identity_user WHERE administrator = TRUE;
ALTER TABLE identity_user DROP COLUMN administrator;

-- Bumped by every change that can alter someone's effective roles; signed-in sessions recompute their authorities
-- when it moved, so taking a role away holds at the next request rather than the next sign-in.
CREATE TABLE identity_directory_revision (
    id       INT    NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO identity_directory_revision (id, revision) VALUES (1, 0);
