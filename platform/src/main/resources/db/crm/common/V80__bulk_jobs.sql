-- Exports and mass actions run on the job daemon (EspoCRM's runInIdleProcess / idle): one row per request, read by
-- the status endpoints. The export's file is a crm_attachment (role "Export File") of the requesting user.
CREATE TABLE crm_bulk_job (
    id            VARCHAR(17)  NOT NULL PRIMARY KEY,
    action        VARCHAR(16)  NOT NULL,
    entity_type   VARCHAR(100) NOT NULL,
    user_id       VARCHAR(36)  NOT NULL,
    username      VARCHAR(255) NOT NULL,
    administrator BOOLEAN      NOT NULL,
    request       TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    count         INTEGER,
    attachment_id VARCHAR(17),
    message       VARCHAR(1000),
    created_at    BIGINT       NOT NULL,
    finished_at   BIGINT
);
CREATE INDEX crm_bulk_job_created ON crm_bulk_job (created_at);
