package dev.holdfast.platform.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.holdfast.platform.Holdfast;
import dev.holdfast.platform.shared.database.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A database of its own for one test run: an SQLite file in a temporary folder, or a fresh schema on the test
 * PostgreSQL server. Starts Holdfast nodes on it ({@link #startNode}); everything is closed and dropped after the
 * test. Not thread-safe.
 */
public final class TestDatabase implements AutoCloseable {

    private final DatabaseKind kind;
    private final String url;
    private final Path directory;
    private final String serverUrl;
    private final String schema;
    private final List<TestNode> nodes = new ArrayList<>();
    /** The nodes on one database share the key of secrets at rest, as the nodes of a real cluster must. */
    private final String secretKey = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }
    private HikariDataSource dataSource;

    private TestDatabase(DatabaseKind kind, String url, Path directory, String serverUrl, String schema) {
        this.kind = kind;
        this.url = url;
        this.directory = directory;
        this.serverUrl = serverUrl;
        this.schema = schema;
    }

    static TestDatabase create(DatabaseKind kind, Class<?> testClass, String postgresUrl) {
        try {
            Path directory = Files.createTempDirectory("holdfast-" + testClass.getSimpleName() + "-");
            if (kind == DatabaseKind.SQLITE) {
                return new TestDatabase(kind, "jdbc:sqlite:" + directory.resolve("holdfast.db"), directory, null, null);
            }
            String schema = ("t_" + testClass.getSimpleName() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt()))
                    .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            try (var connection = DriverManager.getConnection(postgresUrl)) {
                connection.createStatement().execute("CREATE SCHEMA " + schema);
            }
            String url = postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new TestDatabase(kind, url, directory, postgresUrl, schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema on the test PostgreSQL " + postgresUrl, e);
        }
    }

    /** A PostgreSQL database for a test that needs PostgreSQL only; skips or fails without one. Close it after. */
    public static TestDatabase postgres(Class<?> testClass) {
        dev.holdfast.testkit.Peers.assume(TestDatabases.postgresUrl() != null, "PostgreSQL",
                "set HOLDFAST_TEST_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        return create(DatabaseKind.POSTGRESQL, testClass, TestDatabases.postgresUrl());
    }

    /** This PostgreSQL database's URL, but reached through another port on loopback (a {@link TcpProxy}). */
    public String urlThroughPort(int port) {
        return url.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The JDBC URL of this class's database. */
    public String url() {
        return url;
    }

    /** A private folder for this class's files (data directories of nodes live under it). */
    public Path directory() {
        return directory;
    }

    /** Direct access for assertions, outside any node. */
    public DSLContext dsl() {
        if (dataSource == null) {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(url);
            dataSource.setMaximumPoolSize(2);
        }
        return DSL.using(dataSource, kind.dialect());
    }

    /**
     * Starts a whole Holdfast on this database, on a free port, with its own data directory.
     *
     * @param properties extra settings, e.g. {@code holdfast.jobs.poll-interval=200ms}
     */
    public TestNode startNode(Map<String, String> properties) {
        Path dataDir = directory.resolve("node-" + nodes.size());
        Map<String, Object> all = new HashMap<>();
        all.put("holdfast.database.url", url);
        all.put("holdfast.data-dir", dataDir.toString());
        all.put("server.port", "0");
        all.put("server.servlet.session.cookie.secure", "false");
        all.put("holdfast.secret-key", secretKey);
        all.putAll(properties);
        ConsoleTap tap = ConsoleTap.start();
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(Holdfast.class).run(all.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        } finally {
            tap.stop();
        }
        TestNode node = new TestNode(context, tap.setupLink());
        nodes.add(node);
        return node;
    }

    public TestNode startNode() {
        return startNode(Map.of());
    }

    @Override
    public void close() {
        nodes.forEach(TestNode::close);
        if (dataSource != null) {
            dataSource.close();
        }
        if (schema != null) {
            try (var connection = DriverManager.getConnection(serverUrl)) {
                connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + schema, e);
            }
        }
        FileSystemUtils.deleteRecursively(directory.toFile());
    }
}
