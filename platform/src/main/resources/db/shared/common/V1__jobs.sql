-- The job daemon's tables, the same on SQLite and PostgreSQL.
--
-- scheduled_tasks is db-scheduler's table (column names and meaning are the library's). Its column types are
-- chosen to be valid on both databases: PostgreSQL stores TIMESTAMP WITH TIME ZONE and BYTEA; SQLite accepts any
-- type name, stores the timestamps as epoch milliseconds (the driver's default, written in UTC) and BYTEA values as
-- blobs, since SQLite converts only text values by column affinity.
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100)             NOT NULL,
    task_instance        VARCHAR(100)             NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN                  NOT NULL,
    picked_by            VARCHAR(50),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INT,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT                   NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

-- One row per run of a job, kept for HOLDFAST_JOBS_HISTORY_RETENTION: db-scheduler itself keeps no error text.
-- Instants are epoch milliseconds (UTC). outcome: SUCCEEDED, FAILED (will be retried) or GAVE_UP (no more attempts).
CREATE TABLE shared_job_run (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    job           VARCHAR(100)  NOT NULL,
    instance      VARCHAR(100)  NOT NULL,
    node          VARCHAR(50)   NOT NULL,
    scheduled_for BIGINT        NOT NULL,
    started_at    BIGINT        NOT NULL,
    finished_at   BIGINT        NOT NULL,
    attempt       INT           NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    error         VARCHAR(2000)
);
CREATE INDEX shared_job_run_job_instance ON shared_job_run (job, instance, finished_at);
CREATE INDEX shared_job_run_finished_at ON shared_job_run (finished_at);
