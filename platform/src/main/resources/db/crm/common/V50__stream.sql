-- The stream: its items are Note records (crm_note, made from the metadata like every entity); who follows which
-- record, and each user's notifications (a note on a followed record, or a mention in a post).
CREATE TABLE crm_stream_subscription (
    entity_type VARCHAR(64) NOT NULL,
    entity_id   VARCHAR(17) NOT NULL,
    user_id     VARCHAR(36) NOT NULL,
    created_at  BIGINT      NOT NULL,
    PRIMARY KEY (entity_type, entity_id, user_id)
);
CREATE INDEX crm_stream_subscription_user ON crm_stream_subscription (user_id);

CREATE TABLE crm_notification (
    id           VARCHAR(17) NOT NULL PRIMARY KEY,
    user_id      VARCHAR(36) NOT NULL,
    type         VARCHAR(32) NOT NULL,
    note_id      VARCHAR(17) NOT NULL,
    related_type VARCHAR(64) NOT NULL,
    related_id   VARCHAR(17) NOT NULL,
    is_read      BOOLEAN     NOT NULL,
    created_at   BIGINT      NOT NULL
);
CREATE INDEX crm_notification_user ON crm_notification (user_id, created_at);
