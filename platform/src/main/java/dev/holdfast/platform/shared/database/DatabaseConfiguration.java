package dev.holdfast.platform.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.jooq.autoconfigure.DefaultConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connections to the one database. SQLite: WAL, foreign keys on, a busy timeout, read-only transactions that never
 * wait for the writer and writers that queue for one write permit instead of failing (see {@link SqliteConnections});
 * PostgreSQL: a plain pool. The pool never
 * fails start-up: an unreachable database shows in health and is retried (see {@link SchemaMigrations}).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    Database database(DatabaseSettings settings, PlatformSettings platform) {
        String url = settings.url();
        if (url == null || url.isBlank()) {
            url = "jdbc:sqlite:" + platform.dataDir().resolve("holdfast.db");
        }
        return new Database(DatabaseKind.of(url.strip()), url.strip());
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(Database database, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("holdfast");
        config.setJdbcUrl(database.url());
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Math.max(250, settings.connectTimeout().toMillis()));
        switch (database.kind()) {
            case SQLITE -> configureSqlite(config, database, settings);
            case POSTGRESQL -> configurePostgres(config, settings);
        }
        return new HikariDataSource(config);
    }

    @Bean
    DefaultConfigurationCustomizer jooqDialect(Database database) {
        return configuration -> configuration.set(database.kind().dialect());
    }

    private static void configureSqlite(HikariConfig config, Database database, DatabaseSettings settings) {
        createParentDirectory(database.url().substring("jdbc:sqlite:".length()));
        config.setMaximumPoolSize(settings.poolSize() == null ? 4 : settings.poolSize());
        // WAL, synchronous NORMAL, foreign keys, busy timeout; BEGIN DEFERRED for read-only transactions and
        // BEGIN IMMEDIATE behind one write permit for the others, sent by the wrapper, never by the driver
        config.setDataSource(new SqliteConnections(database.url(), settings.busyTimeout()));
        config.setJdbcUrl(null);
    }

    private static void configurePostgres(HikariConfig config, DatabaseSettings settings) {
        config.setMaximumPoolSize(settings.poolSize() == null ? 10 : settings.poolSize());
        if (settings.username() != null) {
            config.setUsername(settings.username());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
    }

    private static void createParentDirectory(String file) {
        int query = file.indexOf('?');
        Path parent = Path.of(query < 0 ? file : file.substring(0, query)).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }
}
