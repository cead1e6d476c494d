package dev.holdfast.platform.shared.database;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health of the database, in the readiness group: DOWN while it cannot be reached or its schema is not migrated.
 * A change of state is logged once, as one line, never as a stack trace per probe.
 */
@Component("databaseHealthIndicator")
class DatabaseHealth implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);

    private final DataSource dataSource;
    private final Database database;
    private final SchemaMigrations migrations;
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    DatabaseHealth(DataSource dataSource, Database database, SchemaMigrations migrations) {
        this.dataSource = dataSource;
        this.database = database;
        this.migrations = migrations;
    }

    @Override
    public Health health() {
        String problem = problem();
        String previous = lastProblem.getAndSet(problem);
        if (!problem.equals(previous)) {
            if (problem.isEmpty()) {
                log.info("Database {} is up", database.displayUrl());
            } else {
                log.warn("Database {} is down: {}", database.displayUrl(), problem);
            }
        }
        Health.Builder health = problem.isEmpty() ? Health.up() : Health.down().withDetail("problem", problem);
        return health.withDetail("database", database.kind().vendor()).build();
    }

    private String problem() {
        try (var connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return "the connection did not answer within 2 s";
            }
        } catch (SQLException e) {
            return rootMessage(e);
        }
        return migrations.migrated() ? "" : "schema not migrated yet";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
