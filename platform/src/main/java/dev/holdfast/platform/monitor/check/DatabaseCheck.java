package dev.holdfast.platform.monitor.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * PostgreSQL and MySQL/MariaDB: connect (host, port, database, user, password) and optionally run a query. The JDBC
 * URL is built here from validated parts, never taken from the user, so no driver option can be smuggled in.
 */
class DatabaseCheck implements Check {

    private final String type;
    private final String scheme;
    private final int defaultPort;

    DatabaseCheck(String type, String scheme, int defaultPort) {
        this.type = type;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    @Configuration(proxyBeanMethods = false)
    static class Types {

        @Bean
        Check postgresCheck() {
            return new DatabaseCheck("postgres", "postgresql", 5432);
        }

        @Bean
        Check mysqlCheck() {
            return new DatabaseCheck("mysql", "mariadb", 3306);
        }
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
        config.requirePort("port", defaultPort, errors);
        String database = config.string("database");
        if (database != null && !database.matches("[A-Za-z0-9_.$-]{1,63}")) {
            errors.add("config.database", "letters, digits and _ . $ - only");
        }
    }

    @Override
    public String target(CheckConfig config) {
        return scheme + "://" + config.string("host", "") + ":" + config.integer("port", defaultPort) + "/" + config.string("database", "");
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("host");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        CheckConfig config = request.config();
        long timeoutMillis = Math.max(1000, request.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("user", config.string("user", ""));
        properties.setProperty("password", config.string("password", ""));
        if (type.equals("postgres")) {
            properties.setProperty("connectTimeout", String.valueOf(timeoutMillis / 1000));
            properties.setProperty("socketTimeout", String.valueOf(timeoutMillis / 1000));
            properties.setProperty("loginTimeout", String.valueOf(timeoutMillis / 1000));
        } else {
            properties.setProperty("connectTimeout", String.valueOf(timeoutMillis));
            properties.setProperty("socketTimeout", String.valueOf(timeoutMillis));
        }
        String url = "jdbc:" + scheme + "://" + config.string("host", "") + ":" + config.integer("port", defaultPort) + "/"
                + config.string("database", "");
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            String query = config.string("query");
            String summary = "connected";
            if (query != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout((int) Math.max(1, timeoutMillis / 1000));
                    if (statement.execute(query)) {
                        try (ResultSet rows = statement.getResultSet()) {
                            summary = rows.next() ? "query returned " + Causes.firstLine(String.valueOf(rows.getObject(1))) : "query returned no rows";
                        }
                    } else {
                        summary = "query ran";
                    }
                }
            }
            return CheckResult.up((System.nanoTime() - start) / 1_000_000, summary);
        }
    }
}
