-- Public status pages: which monitors they show in which groups, and the incidents administrators post on them
-- with their updates. An uploaded logo lives in the object store (logo_type set) at monitor/status-pages/<id>/logo;
-- logo_url is a logo elsewhere. Instants are epoch milliseconds (BIGINT).
CREATE TABLE monitor_status_page (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    slug        VARCHAR(64)   NOT NULL,
    title       VARCHAR(200)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    logo_url    VARCHAR(2000),
    logo_type   VARCHAR(100),
    domain      VARCHAR(253),
    updated_at  BIGINT        NOT NULL
);
CREATE UNIQUE INDEX monitor_status_page_slug ON monitor_status_page (slug);
CREATE UNIQUE INDEX monitor_status_page_domain ON monitor_status_page (domain);

-- one row per monitor shown: its group (by position and name) and its place in the group
CREATE TABLE monitor_status_page_monitor (
    page_id        VARCHAR(36)  NOT NULL,
    group_position INTEGER      NOT NULL,
    group_name     VARCHAR(200) NOT NULL,
    position       INTEGER      NOT NULL,
    monitor_id     VARCHAR(36)  NOT NULL,
    CONSTRAINT monitor_status_page_monitor_pk PRIMARY KEY (page_id, group_position, position)
);
CREATE INDEX monitor_status_page_monitor_monitor ON monitor_status_page_monitor (monitor_id);

CREATE TABLE monitor_status_incident (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    page_id    VARCHAR(36)  NOT NULL,
    title      VARCHAR(200) NOT NULL,
    state      VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
CREATE INDEX monitor_status_incident_page ON monitor_status_incident (page_id, created_at);

CREATE TABLE monitor_status_incident_update (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    incident_id VARCHAR(36)   NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    body        VARCHAR(5000) NOT NULL,
    created_at  BIGINT        NOT NULL
);
CREATE INDEX monitor_status_incident_update_incident ON monitor_status_incident_update (incident_id, created_at);
