package dev.holdfast.platform.shared.jobs.internal;

import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;

/**
 * What db-scheduler 16.7.1 needs to run on SQLite (it only learned SQLite in 16.8): timestamps written and read
 * through a UTC calendar (the driver cannot read {@code OffsetDateTime}s; it stores epoch milliseconds), and
 * {@code LIMIT n} instead of the ANSI {@code OFFSET 0 ROWS FETCH FIRST n ROWS ONLY} SQLite does not parse.
 * SQLite has no {@code SELECT ... FOR UPDATE SKIP LOCKED}, so the daemon polls with fetch-then-lock: it reads due
 * rows, then claims each with an optimistic {@code UPDATE ... WHERE version = ?}; only one node's update wins.
 */
class SqliteJdbcCustomization extends DefaultJdbcCustomization {

    SqliteJdbcCustomization() {
        super(true);
    }

    @Override
    public String getName() {
        return "SQLite";
    }

    @Override
    public String getQueryLimitPart(int limit) {
        return " LIMIT " + limit;
    }
}
