package dev.holdfast.platform.shared.database;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Migrates every module's schema at start-up, in {@link ModuleSchema#order()}; then publishes {@link DatabaseReady}
 * (listeners must be idempotent: if the database goes away during their work, the event comes again later).
 * When the database cannot be reached, start-up goes on, one line says so, and migration is retried every few
 * seconds until it succeeds. A migration that fails for any other reason stops start-up.
 */
@Component
class SchemaMigrations implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final Duration RETRY = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Database database;
    private final List<ModuleSchema> schemas;
    private final ApplicationEventPublisher events;
    private final AtomicBoolean migrated = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread retrier;

    SchemaMigrations(DataSource dataSource, Database database, List<ModuleSchema> schemas, ApplicationEventPublisher events) {
        this.dataSource = dataSource;
        this.database = database;
        this.schemas = schemas.stream().sorted(Comparator.comparingInt(ModuleSchema::order).thenComparing(ModuleSchema::module)).toList();
        this.events = events;
    }

    /** Whether every module's schema is up to date. */
    boolean migrated() {
        return migrated.get();
    }

    @Override
    public void start() {
        running = true;
        if (!tryMigrate()) {
            log.warn("Database {} is unreachable; Holdfast reports itself unready and retries every {} s",
                    database.displayUrl(), RETRY.toSeconds());
            retrier = Thread.ofVirtual().name("schema-migrations-retry").start(this::retryUntilMigrated);
        }
    }

    private void retryUntilMigrated() {
        while (running && !migrated.get()) {
            try {
                Thread.sleep(RETRY);
            } catch (InterruptedException e) {
                return;
            }
            if (running && tryMigrate()) {
                log.info("Database {} is reachable again; schema migrated", database.displayUrl());
            }
        }
    }

    /** Migrates all schemas; false if the database could not be reached (anything else propagates). */
    private boolean tryMigrate() {
        try (var connection = dataSource.getConnection()) {
            connection.isValid(1);
        } catch (SQLException unreachable) {
            return false;
        }
        try {
            schemas.forEach(this::migrate);
        } catch (FlywayException e) {
            if (DatabaseFailures.isUnreachable(e)) {
                return false;
            }
            throw e;
        }
        try {
            events.publishEvent(new DatabaseReady(database));
        } catch (RuntimeException e) {
            if (!DatabaseFailures.isUnreachable(e)) {
                throw e;
            }
            log.warn("Database {} went away during start-up work; retrying", database.displayUrl());
            return false;
        }
        migrated.set(true);
        return true;
    }

    private void migrate(ModuleSchema schema) {
        var resolver = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
        String common = "db/" + schema.module() + "/common";
        String vendor = "db/" + schema.module() + "/" + database.kind().vendor();
        List<String> locations = List.of(common, vendor).stream()
                .filter(location -> hasMigrations(resolver, location))
                .map(location -> "classpath:" + location)
                .toList();
        if (locations.isEmpty()) {
            return;
        }
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .table("flyway_history_" + schema.module())
                .locations(locations.toArray(String[]::new))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Schema of module {} migrated to version {} ({} migrations)", schema.module(), result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }

    private static boolean hasMigrations(PathMatchingResourcePatternResolver resolver, String location) {
        try {
            return resolver.getResources("classpath*:" + location + "/*.sql").length > 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = retrier;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before web server start and the job daemon, after the data source. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
