package dev.holdfast.platform.shared.database;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite connections whose transactions Holdfast begins and ends itself, for the pool to hand out.
 *
 * <p>sqlite-jdbc, with auto-commit off, begins the next transaction straight after every commit or rollback, and
 * with {@code BEGIN IMMEDIATE} that takes the write lock again; when that second {@code BEGIN} (or the one in
 * {@code setAutoCommit(false)}) times out, the driver already believes it is inside a transaction and is not:
 * the commit that did succeed is reported as failed, and later borrowers of the connection get
 * "cannot commit/rollback - no transaction is active". So the driver stays in auto-commit mode for good and this
 * wrapper sends {@code BEGIN}/{@code COMMIT}/{@code ROLLBACK} itself, exactly once each, changing its own state
 * only after the database accepted the statement:
 * <ul>
 *   <li>a read-only transaction (Spring's {@code readOnly = true} sets the connection read-only first) begins
 *       {@code DEFERRED}: in WAL mode readers never wait for the writer, nor for each other;</li>
 *   <li>any other transaction begins {@code IMMEDIATE}, after taking this process's single write permit (fair,
 *       waiting at most the busy timeout), so writers queue in order here instead of polling SQLite's lock with
 *       its sleeping busy handler; the busy timeout still covers other processes (the {@code sqlite3} shell,
 *       a backup);</li>
 *   <li>after a commit or rollback nothing is begun until the next statement is prepared.</li>
 * </ul>
 */
final class SqliteConnections implements DataSource {

    /** SQLState "connection does not exist": HikariCP evicts a connection that reports it. */
    private static final String BROKEN = "08003";

    private final SQLiteDataSource driver;
    private final Semaphore writer = new Semaphore(1, true);
    private final long busyTimeoutMillis;

    SqliteConnections(String url, Duration busyTimeout) {
        this.busyTimeoutMillis = busyTimeout.toMillis();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeoutMillis));
        driver = new SQLiteDataSource(config);
        driver.setUrl(url);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = driver.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Transactions(connection));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** One connection's transaction state; the driver underneath is always in auto-commit mode. */
    private final class Transactions implements InvocationHandler {

        private final Connection connection;
        private boolean autoCommit = true;
        private boolean readOnly;
        private boolean inTransaction;
        private boolean holdsWritePermit;
        private boolean broken;

        Transactions(Connection connection) {
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (broken && !method.getName().equals("close") && !method.getName().equals("isClosed")) {
                throw new SQLException("connection closed after a failed rollback", BROKEN);
            }
            switch (method.getName()) {
                case "getAutoCommit":
                    return autoCommit;
                case "setAutoCommit":
                    setAutoCommit((Boolean) args[0]);
                    return null;
                case "commit":
                    end(true);
                    return null;
                case "rollback":
                    if (args == null) {
                        end(false);
                        return null;
                    }
                    throw new SQLFeatureNotSupportedException("savepoints are not used with SQLite");
                case "setSavepoint", "releaseSavepoint":
                    throw new SQLFeatureNotSupportedException("savepoints are not used with SQLite");
                case "isReadOnly":
                    return readOnly;
                case "setReadOnly":
                    readOnly = (Boolean) args[0];
                    return null;
                case "createStatement", "prepareStatement", "prepareCall":
                    if (!autoCommit && !inTransaction) {
                        begin();
                    }
                    break;
                case "close":
                    if (inTransaction) {
                        try {
                            end(false);
                        } catch (SQLException ignored) {
                            // closing anyway
                        }
                    }
                    break;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "isWrapperFor":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                    break;
                case "toString":
                    return "SqliteConnections[" + connection + "]";
                default:
                    break;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        private void setAutoCommit(boolean on) throws SQLException {
            if (on == autoCommit) {
                return;
            }
            if (on) {
                if (inTransaction) {
                    end(true); // JDBC: switching auto-commit on commits the transaction
                }
                autoCommit = true;
            } else {
                begin();
                autoCommit = false;
            }
        }

        private void begin() throws SQLException {
            if (readOnly) {
                execute("BEGIN DEFERRED");
            } else {
                acquireWritePermit();
                try {
                    execute("BEGIN IMMEDIATE");
                } catch (SQLException | RuntimeException e) {
                    releaseWritePermit();
                    throw e;
                }
            }
            inTransaction = true;
        }

        private void end(boolean commit) throws SQLException {
            if (autoCommit) {
                throw new SQLException("database in auto-commit mode");
            }
            if (!inTransaction) {
                return; // nothing begun since the last commit or rollback
            }
            if (commit) {
                execute("COMMIT"); // when COMMIT fails the transaction stays open for the rollback that follows
                inTransaction = false;
                releaseWritePermit();
                return;
            }
            try {
                execute("ROLLBACK");
            } catch (SQLException e) {
                // SQLite rolls back by itself after some errors (a full disk, an interrupt): then nothing is open
                if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
                    // state unknown: closing rolls back whatever is open, and "08003" makes the pool drop the connection
                    broken = true;
                    connection.close();
                    throw new SQLException("rollback failed, connection closed: " + e.getMessage(), BROKEN, e);
                }
            } finally {
                inTransaction = false;
                releaseWritePermit();
            }
        }

        private void acquireWritePermit() throws SQLException {
            try {
                if (!writer.tryAcquire(busyTimeoutMillis, TimeUnit.MILLISECONDS)) {
                    throw new SQLiteException("[SQLITE_BUSY] The database file is locked (waited " + busyTimeoutMillis
                            + " ms for this node's other writer)", SQLiteErrorCode.SQLITE_BUSY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting to write", e);
            }
            holdsWritePermit = true;
        }

        private void releaseWritePermit() {
            if (holdsWritePermit) {
                holdsWritePermit = false;
                writer.release();
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
