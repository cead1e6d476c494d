-- The record store's own tables. Entity tables themselves (crm_account, crm_contact, ..., custom crm_c_*) and
-- many-to-many relation tables (crm_rel_*) are created from the metadata at start and at runtime by
-- SchemaSync, not here, so built-in and custom entities follow one path. Instants are epoch milliseconds.

-- bumped on every metadata change; every node compares it with the revision of its cached metadata
CREATE TABLE crm_metadata_revision (
    id       INTEGER NOT NULL PRIMARY KEY,
    revision BIGINT  NOT NULL
);
INSERT INTO crm_metadata_revision (id, revision) VALUES (1, 0);

-- entity types: built-ins are seeded from code, custom ones added by administrators
CREATE TABLE crm_entity_def (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    table_name  VARCHAR(80)  NOT NULL,
    custom      BOOLEAN      NOT NULL,
    definition  TEXT         NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- fields of entity types, in display order; options (required, maxLength, enum options, ...) as JSON
CREATE TABLE crm_field_def (
    entity      VARCHAR(64)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    type        VARCHAR(32)  NOT NULL,
    custom      BOOLEAN      NOT NULL,
    position    INTEGER      NOT NULL,
    definition  TEXT         NOT NULL,
    PRIMARY KEY (entity, name)
);

-- relationships: belongsTo (link column), hasMany (the other side's link column), manyMany (relation table with
-- relation columns), belongsToParent (polymorphic type + id columns), hasChildren (the other side's parent)
CREATE TABLE crm_link_def (
    entity      VARCHAR(64)  NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    custom      BOOLEAN      NOT NULL,
    definition  TEXT         NOT NULL,
    PRIMARY KEY (entity, name)
);

-- the teams a record belongs to (RecordAccess puts conditions on it)
CREATE TABLE crm_entity_team (
    entity_type VARCHAR(64)  NOT NULL,
    entity_id   VARCHAR(24)  NOT NULL,
    team_id     VARCHAR(64)  NOT NULL,
    PRIMARY KEY (entity_type, entity_id, team_id)
);
CREATE INDEX crm_entity_team_team ON crm_entity_team (team_id, entity_type, entity_id);

-- the next value of each autoincrement field
CREATE TABLE crm_autoincrement (
    entity      VARCHAR(64)  NOT NULL,
    field       VARCHAR(64)  NOT NULL,
    next_value  BIGINT       NOT NULL,
    PRIMARY KEY (entity, field)
);
