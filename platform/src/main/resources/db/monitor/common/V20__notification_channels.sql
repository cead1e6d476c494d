-- Notification channels (monitor.notify): each configured channel has a provider type and its settings as a JSON
-- object of strings, secrets included (never shown again: the API and UI mask them). Default channels notify for
-- every monitor that has no explicit subscription. Monitor ids belong to the monitors' own tables: no foreign key.
-- Each delivery attempt is recorded. Instants are epoch milliseconds.
CREATE TABLE monitor_notification_channel (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    type       VARCHAR(40)  NOT NULL,
    settings   TEXT         NOT NULL,
    is_default BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX monitor_notification_channel_name ON monitor_notification_channel (name);

CREATE TABLE monitor_channel_subscription (
    monitor_id VARCHAR(100) NOT NULL,
    channel_id VARCHAR(36)  NOT NULL REFERENCES monitor_notification_channel (id) ON DELETE CASCADE,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (monitor_id, channel_id)
);
CREATE INDEX monitor_channel_subscription_channel ON monitor_channel_subscription (channel_id);

-- one row per attempt; outcome SENT, RETRYING (failed, will be tried again) or FAILED (given up); the channel may
-- have been deleted since, so no foreign key
CREATE TABLE monitor_notification_delivery (
    delivery_id VARCHAR(36)   NOT NULL,
    attempt     INTEGER       NOT NULL,
    channel_id  VARCHAR(36)   NOT NULL,
    monitor_id  VARCHAR(100)  NOT NULL,
    kind        VARCHAR(10)   NOT NULL,
    outcome     VARCHAR(10)   NOT NULL,
    status      INTEGER,
    error       VARCHAR(1000),
    at          BIGINT        NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE INDEX monitor_notification_delivery_channel ON monitor_notification_delivery (channel_id, at);
CREATE INDEX monitor_notification_delivery_monitor ON monitor_notification_delivery (monitor_id, at);
