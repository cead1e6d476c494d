-- CRM access control: roles (scope per entity type and action, field-level read/edit), teams with members
-- (identity user ids), and the mapping from identity groups (by name) to CRM roles and teams. Record tables and
-- crm_entity_team belong to the record store. Instants are epoch milliseconds (BIGINT).
CREATE TABLE crm_role (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    name_key   VARCHAR(100) NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX crm_role_name_key ON crm_role (name_key);

-- action: create, read, edit, delete, stream; scope: all, team, own, no
CREATE TABLE crm_role_permission (
    role_id     VARCHAR(36)  NOT NULL REFERENCES crm_role (id) ON DELETE CASCADE,
    entity_type VARCHAR(100) NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    scope       VARCHAR(16)  NOT NULL,
    CONSTRAINT crm_role_permission_pk PRIMARY KEY (role_id, entity_type, action)
);

-- a field without a row may be read and edited
CREATE TABLE crm_role_field (
    role_id     VARCHAR(36)  NOT NULL REFERENCES crm_role (id) ON DELETE CASCADE,
    entity_type VARCHAR(100) NOT NULL,
    field       VARCHAR(100) NOT NULL,
    can_read    BOOLEAN      NOT NULL,
    can_edit    BOOLEAN      NOT NULL,
    CONSTRAINT crm_role_field_pk PRIMARY KEY (role_id, entity_type, field)
);

CREATE TABLE crm_team (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    name_key    VARCHAR(100) NOT NULL,
    description VARCHAR(500),
    created_at  BIGINT       NOT NULL
);
CREATE UNIQUE INDEX crm_team_name_key ON crm_team (name_key);

-- user_id: an identity user's id (no foreign key across modules; identity's UserDeleted removes the rows)
CREATE TABLE crm_team_member (
    team_id VARCHAR(36) NOT NULL REFERENCES crm_team (id) ON DELETE CASCADE,
    user_id VARCHAR(36) NOT NULL,
    CONSTRAINT crm_team_member_pk PRIMARY KEY (team_id, user_id)
);
CREATE INDEX crm_team_member_user ON crm_team_member (user_id);

-- group_key: the identity group's name in lower case (a member of a subgroup counts as a member)
CREATE TABLE crm_group_mapping (
    group_key  VARCHAR(100) NOT NULL PRIMARY KEY,
    group_name VARCHAR(100) NOT NULL,
    updated_at BIGINT       NOT NULL
);

CREATE TABLE crm_group_role (
    group_key VARCHAR(100) NOT NULL REFERENCES crm_group_mapping (group_key) ON DELETE CASCADE,
    role_id   VARCHAR(36)  NOT NULL REFERENCES crm_role (id) ON DELETE CASCADE,
    CONSTRAINT crm_group_role_pk PRIMARY KEY (group_key, role_id)
);

CREATE TABLE crm_group_team (
    group_key VARCHAR(100) NOT NULL REFERENCES crm_group_mapping (group_key) ON DELETE CASCADE,
    team_id   VARCHAR(36)  NOT NULL REFERENCES crm_team (id) ON DELETE CASCADE,
    CONSTRAINT crm_group_team_pk PRIMARY KEY (group_key, team_id)
);

-- Bumped by every change that can alter someone's CRM access (roles, teams, mappings, and directory changes heard
-- on any node); every node drops its cached decisions when it sees the number move.
CREATE TABLE crm_access_revision (
    id       INT    NOT NULL PRIMARY KEY,
    revision BIGINT NOT NULL
);
INSERT INTO crm_access_revision (id, revision) VALUES (1, 0);
