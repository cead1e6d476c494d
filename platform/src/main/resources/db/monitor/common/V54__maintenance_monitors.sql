-- A maintenance window lists any number of monitors (a group covers its members; none: every monitor). The single
-- monitor_maintenance.monitor_id of V10 moves here and is left empty.
CREATE TABLE monitor_maintenance_monitor (
    window_id  VARCHAR(36) NOT NULL REFERENCES monitor_maintenance (id) ON DELETE CASCADE,
    monitor_id VARCHAR(36) NOT NULL,
    position   INTEGER     NOT NULL,
    PRIMARY KEY (window_id, monitor_id)
);
CREATE INDEX monitor_maintenance_monitor_by_monitor ON monitor_maintenance_monitor (monitor_id);

INSERT INTO monitor_maintenance_monitor (window_id, monitor_id, position)
    SELECT id, monitor_id, 0 FROM monitor_maintenance WHERE monitor_id IS NOT NULL;
UPDATE monitor_maintenance SET monitor_id = NULL;
