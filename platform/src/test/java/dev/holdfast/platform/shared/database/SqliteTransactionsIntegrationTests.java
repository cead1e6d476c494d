package dev.holdfast.platform.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQLite transactions through the pool exactly as the application configures it (Spring's transaction manager
 * over {@link DatabaseConfiguration}'s pool), while another process holds the database's write lock, as the
 * {@code sqlite3} shell or a second node would. SQLite only: the write lock and the driver's transaction handling
 * are what is tested (PostgreSQL has neither).
 */
class SqliteTransactionsIntegrationTests {

    @TempDir
    Path dir;
    private HikariDataSource pool;
    private JdbcTemplate jdbc;
    private TransactionTemplate writes;
    private TransactionTemplate reads;
    private String url;

    @BeforeEach
    void pool() {
        url = "jdbc:sqlite:" + dir.resolve("holdfast.db");
        DatabaseSettings settings = new DatabaseSettings(url, null, null, 4, Duration.ofMillis(300), Duration.ofSeconds(5));
        pool = new DatabaseConfiguration().dataSource(new Database(DatabaseKind.SQLITE, url), settings);
        jdbc = new JdbcTemplate(pool);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(pool);
        writes = new TransactionTemplate(transactions);
        reads = new TransactionTemplate(transactions);
        reads.setReadOnly(true);
        jdbc.execute("create table note (id integer primary key, text varchar(100) not null)");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aWriteThatTimedOutOnTheLockLeavesNoConnectionOutOfStepAndReadsNeverWait() throws Exception {
        try (Connection outside = DriverManager.getConnection(url); Statement statement = outside.createStatement()) {
            statement.execute("begin immediate");
            statement.execute("insert into note (text) values ('outside')");
            // every pooled connection in turn tries to write while the lock is held for longer than the busy timeout
            for (int i = 0; i < 6; i++) {
                assertThatThrownBy(() -> writes.executeWithoutResult(status -> jdbc.update("insert into note (text) values ('lost')")))
                        .isInstanceOf(TransactionException.class).hasStackTraceContaining("SQLITE_BUSY");
            }
            // readers are not held up by the writer (WAL), and see only what is committed
            Integer committed = reads.execute(status -> jdbc.queryForObject("select count(*) from note", Integer.class));
            assertThat(committed).isZero();
            statement.execute("commit");
        }
        // afterwards every connection of the pool works: no "cannot commit - no transaction is active"
        for (int i = 0; i < 20; i++) {
            int n = i;
            writes.executeWithoutResult(status -> jdbc.update("insert into note (text) values (?)", "after " + n));
        }
        assertThat(jdbc.queryForObject("select count(*) from note", Integer.class)).isEqualTo(21);
        // and a rollback still rolls back
        assertThatThrownBy(() -> writes.executeWithoutResult(status -> {
            jdbc.update("insert into note (text) values ('rolled back')");
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForObject("select count(*) from note where text = 'rolled back'", Integer.class)).isZero();
    }

    @Test
    void eightParallelWritersWithAnotherProcessTakingTheLockLoseNothingThatReportedSuccess() throws Exception {
        AtomicInteger committed = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            writers.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < 60; i++) {
                    String text = thread + "/" + i;
                    try {
                        writes.executeWithoutResult(status -> {
                            jdbc.update("insert into note (text) values (?)", text);
                            jdbc.queryForObject("select count(*) from note", Integer.class);
                        });
                        committed.incrementAndGet();
                    } catch (TransactionException e) {
                        // a busy database may refuse to begin; anything else (no transaction is active, ...) is a bug
                        if (!String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
                                && !(e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("SQLITE_BUSY"))) {
                            unexpected.add(e);
                        }
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                    }
                }
                return null;
            }));
        }
        start.countDown();
        try (Connection outside = DriverManager.getConnection(url); Statement statement = outside.createStatement()) {
            for (int i = 0; i < 3; i++) {
                statement.execute("begin immediate");
                Thread.sleep(450); // longer than the busy timeout: someone waiting gives up
                statement.execute("commit");
                Thread.sleep(50);
            }
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        threads.shutdown();
        assertThat(unexpected).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from note", Integer.class)).isEqualTo(committed.get());
        assertThat(committed.get()).isGreaterThan(0);
    }
}
