-- Tags (as in Uptime Kuma): a tag has a name and a colour; a monitor carries tags, each with an optional value
-- ('' for none), e.g. env=prod. The API filters by ?tag=name or ?tag=name:value. Monitor ids belong to
-- monitor_monitor; deleting a monitor deletes its tag rows, deleting a tag deletes its monitor rows.
CREATE TABLE monitor_tag (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    name       VARCHAR(60)  NOT NULL,
    name_key   VARCHAR(60)  NOT NULL,
    color      VARCHAR(7)   NOT NULL,
    created_at BIGINT       NOT NULL
);
CREATE UNIQUE INDEX monitor_tag_name ON monitor_tag (name_key);

CREATE TABLE monitor_monitor_tag (
    monitor_id VARCHAR(36)  NOT NULL,
    tag_id     VARCHAR(36)  NOT NULL REFERENCES monitor_tag (id) ON DELETE CASCADE,
    value      VARCHAR(200) NOT NULL DEFAULT '',
    CONSTRAINT monitor_monitor_tag_pk PRIMARY KEY (monitor_id, tag_id, value)
);
CREATE INDEX monitor_monitor_tag_tag ON monitor_monitor_tag (tag_id, value);
