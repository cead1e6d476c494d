-- What the backups module last reported per plan (events BackupCompleted / BackupFailed), read by the
-- holdfast-backup monitor type (backup freshness).
CREATE TABLE monitor_backup_run (
    plan            VARCHAR(200) NOT NULL PRIMARY KEY,
    last_success_at BIGINT,
    last_failure_at BIGINT,
    last_failure    VARCHAR(250)
);
