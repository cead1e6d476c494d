package dev.holdfast.platform.monitor.internal;

import dev.holdfast.platform.monitor.check.Check;
import dev.holdfast.platform.monitor.check.CheckConfig;
import dev.holdfast.platform.monitor.check.CheckRequest;
import dev.holdfast.platform.monitor.check.CheckResult;
import dev.holdfast.platform.monitor.check.FieldErrors;
import dev.holdfast.platform.shared.database.Database;
import java.sql.Connection;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** Holdfast's own database (SQLite or PostgreSQL): a connection from the pool that answers as valid. */
@Component
class SelfDatabaseCheck implements Check {

    private final DataSource dataSource;
    private final Database database;

    SelfDatabaseCheck(DataSource dataSource, Database database) {
        this.dataSource = dataSource;
        this.database = database;
    }

    @Override
    public String type() {
        return "holdfast-database";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {}

    @Override
    public String target(CheckConfig config) {
        return database.displayUrl();
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid((int) Math.max(1, request.timeout().toSeconds()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            return valid ? CheckResult.up(millis, database.kind() + " answers") : CheckResult.down(millis, "database: connection not valid");
        }
    }
}
