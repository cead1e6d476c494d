-- Attachments: metadata here, content in the platform's object store under crm/attachments/<id> (chunks under
-- crm/attachment-chunks/<id>/<n> while a chunked upload is in progress). A record refers to its attachments by id in its
-- attachmentMultiple fields; parent_type/parent_id name that record once it is saved, and decide who may download.
CREATE TABLE crm_attachment (
    id            VARCHAR(17)  NOT NULL PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    type          VARCHAR(255) NOT NULL,
    size          BIGINT       NOT NULL,
    received      BIGINT       NOT NULL,
    chunks        INTEGER      NOT NULL,
    role          VARCHAR(32)  NOT NULL,
    related_type  VARCHAR(64),
    field         VARCHAR(64),
    parent_type   VARCHAR(64),
    parent_id     VARCHAR(17),
    complete      BOOLEAN      NOT NULL,
    created_by_id VARCHAR(36),
    created_at    BIGINT       NOT NULL
);
CREATE INDEX crm_attachment_parent ON crm_attachment (parent_type, parent_id);
CREATE INDEX crm_attachment_created ON crm_attachment (created_at);
