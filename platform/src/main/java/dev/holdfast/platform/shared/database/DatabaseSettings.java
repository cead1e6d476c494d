package dev.holdfast.platform.shared.database;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is and how to talk to it.
 *
 * @param url JDBC URL ({@code HOLDFAST_DATABASE_URL}); {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...};
 *     default: SQLite file {@code holdfast.db} in the data directory
 * @param username database user for PostgreSQL ({@code HOLDFAST_DATABASE_USERNAME}); unused by SQLite
 * @param password database password for PostgreSQL ({@code HOLDFAST_DATABASE_PASSWORD}); never logged
 * @param poolSize most connections held open ({@code HOLDFAST_DATABASE_POOL_SIZE}); default 10 for PostgreSQL,
 *     4 for SQLite (whose writers are serialised by the database itself)
 * @param busyTimeout how long an SQLite writer waits for another to finish ({@code HOLDFAST_DATABASE_BUSY_TIMEOUT},
 *     default 10s)
 * @param connectTimeout how long to wait for a connection before reporting the database unavailable
 *     ({@code HOLDFAST_DATABASE_CONNECT_TIMEOUT}, default 5s)
 */
@ConfigurationProperties("holdfast.database")
public record DatabaseSettings(
        @Nullable String url,
        @Nullable String username,
        @Nullable String password,
        @Nullable Integer poolSize,
        @Nullable Duration busyTimeout,
        @Nullable Duration connectTimeout) {

    public DatabaseSettings {
        busyTimeout = busyTimeout == null ? Duration.ofSeconds(10) : busyTimeout;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + DatabaseKind.redact(url) + ", username=" + username + ", poolSize=" + poolSize + "]";
    }
}
