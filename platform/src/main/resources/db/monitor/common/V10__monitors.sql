-- Monitors, their current status, raw check results (kept briefly), incidents, rollups, maintenance windows and
-- the node leases that split checking between nodes. Instants are epoch milliseconds (BIGINT).
CREATE TABLE monitor_monitor (
    id                 VARCHAR(36)   NOT NULL PRIMARY KEY,
    name               VARCHAR(200)  NOT NULL,
    name_key           VARCHAR(200)  NOT NULL,
    type               VARCHAR(32)   NOT NULL,
    target             VARCHAR(2000) NOT NULL,
    config             TEXT          NOT NULL,
    interval_ms        BIGINT        NOT NULL,
    timeout_ms         BIGINT        NOT NULL,
    retries            INTEGER       NOT NULL,
    retry_interval_ms  BIGINT        NOT NULL,
    resend_interval_ms BIGINT        NOT NULL,
    upside_down        BOOLEAN       NOT NULL,
    active             BOOLEAN       NOT NULL,
    parent_id          VARCHAR(36),
    push_token         VARCHAR(64),
    created_at         BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL
);
CREATE INDEX monitor_monitor_name ON monitor_monitor (name_key);
CREATE INDEX monitor_monitor_parent ON monitor_monitor (parent_id);
CREATE UNIQUE INDEX monitor_monitor_push_token ON monitor_monitor (push_token);

-- one row per monitor: what the state machine needs to resume after a restart or on another node
CREATE TABLE monitor_status (
    monitor_id       VARCHAR(36)  NOT NULL PRIMARY KEY,
    state            VARCHAR(12)  NOT NULL,
    since            BIGINT,
    failures         INTEGER      NOT NULL,
    down_since       BIGINT,
    last_notified_at BIGINT,
    incident_id      VARCHAR(36),
    last_check_at    BIGINT,
    last_response_ms BIGINT,
    last_message     VARCHAR(500),
    last_push_at     BIGINT
);

-- raw results: one row per check, deleted after HOLDFAST_MONITOR_RAW_RETENTION
CREATE TABLE monitor_result (
    monitor_id  VARCHAR(36)  NOT NULL,
    checked_at  BIGINT       NOT NULL,
    status      VARCHAR(12)  NOT NULL,
    response_ms INTEGER      NOT NULL,
    message     VARCHAR(500) NOT NULL
);
CREATE INDEX monitor_result_monitor ON monitor_result (monitor_id, checked_at);
CREATE INDEX monitor_result_time ON monitor_result (checked_at);

CREATE TABLE monitor_incident (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    monitor_id VARCHAR(36)  NOT NULL,
    started_at BIGINT       NOT NULL,
    ended_at   BIGINT,
    cause      VARCHAR(500) NOT NULL
);
CREATE INDEX monitor_incident_monitor ON monitor_incident (monitor_id, started_at);

-- resolution: m (minute), h (hour), d (day); bucket is the start of the period
CREATE TABLE monitor_rollup (
    monitor_id VARCHAR(36) NOT NULL,
    resolution VARCHAR(1)  NOT NULL,
    bucket     BIGINT      NOT NULL,
    up         INTEGER     NOT NULL,
    down       INTEGER     NOT NULL,
    avg_ms     INTEGER     NOT NULL,
    min_ms     INTEGER     NOT NULL,
    max_ms     INTEGER     NOT NULL,
    p95_ms     INTEGER     NOT NULL,
    CONSTRAINT monitor_rollup_pk PRIMARY KEY (monitor_id, resolution, bucket)
);
CREATE INDEX monitor_rollup_time ON monitor_rollup (resolution, bucket);

-- per resolution, the end of the last bucket rolled up
CREATE TABLE monitor_rollup_mark (
    resolution VARCHAR(1) NOT NULL PRIMARY KEY,
    done_until BIGINT     NOT NULL
);

CREATE TABLE monitor_maintenance (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    monitor_id  VARCHAR(36),
    title       VARCHAR(200) NOT NULL,
    starts_at   BIGINT,
    ends_at     BIGINT,
    weekdays    VARCHAR(20),
    at_minute   INTEGER,
    length_ms   BIGINT,
    zone        VARCHAR(64)  NOT NULL
);

-- a row per live node; a node checks the monitors whose rendezvous hash it wins among the unexpired rows
CREATE TABLE monitor_node (
    node_id    VARCHAR(36) NOT NULL PRIMARY KEY,
    expires_at BIGINT      NOT NULL
);

-- one-time start-up work done (self-monitoring)
CREATE TABLE monitor_bootstrap (
    name    VARCHAR(100) NOT NULL PRIMARY KEY,
    done_at BIGINT       NOT NULL
);
