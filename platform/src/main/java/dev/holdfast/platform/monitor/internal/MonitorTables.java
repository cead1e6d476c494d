package dev.holdfast.platform.monitor.internal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Column names of the monitor tables (V10__monitors.sql) for jOOQ. */
final class MonitorTables {

    private MonitorTables() {}

    static final Table<Record> MONITOR = table(name("monitor_monitor"));
    static final Field<String> M_ID = field(name("monitor_monitor", "id"), String.class);
    static final Field<String> M_NAME = field(name("monitor_monitor", "name"), String.class);
    static final Field<String> M_NAME_KEY = field(name("monitor_monitor", "name_key"), String.class);
    static final Field<String> M_TYPE = field(name("monitor_monitor", "type"), String.class);
    static final Field<String> M_TARGET = field(name("monitor_monitor", "target"), String.class);
    static final Field<String> M_CONFIG = field(name("monitor_monitor", "config"), String.class);
    static final Field<Long> M_INTERVAL = field(name("monitor_monitor", "interval_ms"), Long.class);
    static final Field<Long> M_TIMEOUT = field(name("monitor_monitor", "timeout_ms"), Long.class);
    static final Field<Integer> M_RETRIES = field(name("monitor_monitor", "retries"), Integer.class);
    static final Field<Long> M_RETRY_INTERVAL = field(name("monitor_monitor", "retry_interval_ms"), Long.class);
    static final Field<Long> M_RESEND_INTERVAL = field(name("monitor_monitor", "resend_interval_ms"), Long.class);
    static final Field<Boolean> M_UPSIDE_DOWN = field(name("monitor_monitor", "upside_down"), Boolean.class);
    static final Field<Boolean> M_ACTIVE = field(name("monitor_monitor", "active"), Boolean.class);
    static final Field<String> M_PARENT = field(name("monitor_monitor", "parent_id"), String.class);
    static final Field<String> M_PUSH_TOKEN = field(name("monitor_monitor", "push_token"), String.class);
    static final Field<Long> M_CREATED_AT = field(name("monitor_monitor", "created_at"), Long.class);
    static final Field<Long> M_UPDATED_AT = field(name("monitor_monitor", "updated_at"), Long.class);

    static final Table<Record> STATUS = table(name("monitor_status"));
    static final Field<String> S_MONITOR = field(name("monitor_status", "monitor_id"), String.class);
    static final Field<String> S_STATE = field(name("monitor_status", "state"), String.class);
    static final Field<Long> S_SINCE = field(name("monitor_status", "since"), Long.class);
    static final Field<Integer> S_FAILURES = field(name("monitor_status", "failures"), Integer.class);
    static final Field<Long> S_DOWN_SINCE = field(name("monitor_status", "down_since"), Long.class);
    static final Field<Long> S_LAST_NOTIFIED = field(name("monitor_status", "last_notified_at"), Long.class);
    static final Field<String> S_INCIDENT = field(name("monitor_status", "incident_id"), String.class);
    static final Field<Long> S_LAST_CHECK = field(name("monitor_status", "last_check_at"), Long.class);
    static final Field<Long> S_RESPONSE = field(name("monitor_status", "last_response_ms"), Long.class);
    static final Field<String> S_MESSAGE = field(name("monitor_status", "last_message"), String.class);
    static final Field<Long> S_LAST_PUSH = field(name("monitor_status", "last_push_at"), Long.class);
    static final Field<Boolean> S_LAST_PUSH_UP = field(name("monitor_status", "last_push_up"), Boolean.class);
    static final Field<String> S_LAST_PUSH_MESSAGE = field(name("monitor_status", "last_push_message"), String.class);
    static final Field<Long> S_LAST_PUSH_PING = field(name("monitor_status", "last_push_ping"), Long.class);

    static final Table<Record> RESULT = table(name("monitor_result"));
    static final Field<String> R_MONITOR = field(name("monitor_result", "monitor_id"), String.class);
    static final Field<Long> R_AT = field(name("monitor_result", "checked_at"), Long.class);
    static final Field<String> R_STATUS = field(name("monitor_result", "status"), String.class);
    static final Field<Integer> R_RESPONSE = field(name("monitor_result", "response_ms"), Integer.class);
    static final Field<String> R_MESSAGE = field(name("monitor_result", "message"), String.class);

    static final Table<Record> INCIDENT = table(name("monitor_incident"));
    static final Field<String> I_ID = field(name("monitor_incident", "id"), String.class);
    static final Field<String> I_MONITOR = field(name("monitor_incident", "monitor_id"), String.class);
    static final Field<Long> I_START = field(name("monitor_incident", "started_at"), Long.class);
    static final Field<Long> I_END = field(name("monitor_incident", "ended_at"), Long.class);
    static final Field<String> I_CAUSE = field(name("monitor_incident", "cause"), String.class);

    static final Table<Record> ROLLUP = table(name("monitor_rollup"));
    static final Field<String> U_MONITOR = field(name("monitor_rollup", "monitor_id"), String.class);
    static final Field<String> U_RESOLUTION = field(name("monitor_rollup", "resolution"), String.class);
    static final Field<Long> U_BUCKET = field(name("monitor_rollup", "bucket"), Long.class);
    static final Field<Integer> U_UP = field(name("monitor_rollup", "up"), Integer.class);
    static final Field<Integer> U_DOWN = field(name("monitor_rollup", "down"), Integer.class);
    static final Field<Integer> U_AVG = field(name("monitor_rollup", "avg_ms"), Integer.class);
    static final Field<Integer> U_MIN = field(name("monitor_rollup", "min_ms"), Integer.class);
    static final Field<Integer> U_MAX = field(name("monitor_rollup", "max_ms"), Integer.class);
    static final Field<Integer> U_P95 = field(name("monitor_rollup", "p95_ms"), Integer.class);

    static final Table<Record> MARK = table(name("monitor_rollup_mark"));
    static final Field<String> K_RESOLUTION = field(name("monitor_rollup_mark", "resolution"), String.class);
    static final Field<Long> K_DONE_UNTIL = field(name("monitor_rollup_mark", "done_until"), Long.class);

    static final Table<Record> MAINTENANCE = table(name("monitor_maintenance"));
    static final Field<String> W_ID = field(name("monitor_maintenance", "id"), String.class);
    static final Field<String> W_MONITOR = field(name("monitor_maintenance", "monitor_id"), String.class);
    static final Field<String> W_TITLE = field(name("monitor_maintenance", "title"), String.class);
    static final Field<Long> W_START = field(name("monitor_maintenance", "starts_at"), Long.class);
    static final Field<Long> W_END = field(name("monitor_maintenance", "ends_at"), Long.class);
    static final Field<String> W_DAYS = field(name("monitor_maintenance", "weekdays"), String.class);
    static final Field<Integer> W_AT = field(name("monitor_maintenance", "at_minute"), Integer.class);
    static final Field<Long> W_LENGTH = field(name("monitor_maintenance", "length_ms"), Long.class);
    static final Field<String> W_ZONE = field(name("monitor_maintenance", "zone"), String.class);

    /** The monitors a window lists (V54); none: every monitor. {@code monitor_maintenance.monitor_id} is unused since. */
    static final Table<Record> MAINTENANCE_MONITOR = table(name("monitor_maintenance_monitor"));
    static final Field<String> WM_WINDOW = field(name("monitor_maintenance_monitor", "window_id"), String.class);
    static final Field<String> WM_MONITOR = field(name("monitor_maintenance_monitor", "monitor_id"), String.class);
    static final Field<Integer> WM_POSITION = field(name("monitor_maintenance_monitor", "position"), Integer.class);

    static final Table<Record> NODE = table(name("monitor_node"));
    static final Field<String> N_ID = field(name("monitor_node", "node_id"), String.class);
    static final Field<Long> N_EXPIRES = field(name("monitor_node", "expires_at"), Long.class);

    static final Table<Record> BOOTSTRAP = table(name("monitor_bootstrap"));
    static final Field<String> B_NAME = field(name("monitor_bootstrap", "name"), String.class);
    static final Field<Long> B_DONE_AT = field(name("monitor_bootstrap", "done_at"), Long.class);

    static final Table<Record> BACKUP_RUN = table(name("monitor_backup_run"));
    static final Field<String> BR_PLAN = field(name("monitor_backup_run", "plan"), String.class);
    static final Field<Long> BR_SUCCESS_AT = field(name("monitor_backup_run", "last_success_at"), Long.class);
    static final Field<Long> BR_FAILURE_AT = field(name("monitor_backup_run", "last_failure_at"), Long.class);
    static final Field<String> BR_FAILURE = field(name("monitor_backup_run", "last_failure"), String.class);
}
