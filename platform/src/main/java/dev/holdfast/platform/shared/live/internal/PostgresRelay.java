package dev.holdfast.platform.shared.live.internal;

import dev.holdfast.platform.shared.database.Database;
import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.platform.shared.database.DatabaseReady;
import dev.holdfast.platform.shared.database.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries live events between nodes that share a PostgreSQL database: each event published here is sent with
 * {@code NOTIFY} on a channel named after the current schema (so schemas on one server never cross-talk), and a
 * dedicated connection per node {@code LISTEN}s and hands other nodes' events to the {@link LiveHub}. When that
 * connection is lost, one line says so, it is re-opened with growing pauses, and browsers are told to refresh
 * ({@code reset}) because NOTIFY keeps nothing for absent listeners. On SQLite it does nothing: delivery is
 * in-process only.
 */
@Component
class PostgresRelay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PostgresRelay.class);
    /** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
    static final int NOTIFY_LIMIT = 8000;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration LIVENESS_CHECK = Duration.ofSeconds(10);
    private static final int BACKLOG = 1000;

    private final Database database;
    private final DatabaseSettings databaseSettings;
    private final DataSource dataSource;
    private final LiveHub hub;
    private final LiveSettings settings;
    /** Most events sent in one statement (one round trip and one commit instead of one each). */
    private static final int PER_STATEMENT = 50;

    /** Events waiting to be sent, in publishing order; at most {@link #BACKLOG} while the database is slow or away, dropping newer ones. */
    private final ArrayBlockingQueue<String> outbox = new ArrayBlockingQueue<>(BACKLOG);
    /** Whether a drain of the outbox is queued or running on the notifier. */
    private final AtomicBoolean draining = new AtomicBoolean();
    /** Sends NOTIFYs in publishing order, a statement of up to {@link #PER_STATEMENT} at a time. */
    private final ThreadPoolExecutor notifier = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), Thread.ofVirtual().name("live-notify").factory(), new ThreadPoolExecutor.DiscardPolicy());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean notifyFailing = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private volatile @Nullable String channel;
    private volatile boolean running;
    private volatile boolean listening;
    private volatile @Nullable Thread listener;

    PostgresRelay(Database database, DatabaseSettings databaseSettings, DataSource dataSource, LiveHub hub, LiveSettings settings) {
        this.database = database;
        this.databaseSettings = databaseSettings;
        this.dataSource = dataSource;
        this.hub = hub;
        this.settings = settings;
    }

    @EventListener
    void on(DatabaseReady event) {
        if (database.kind() != DatabaseKind.POSTGRESQL || !started.compareAndSet(false, true)) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement();
                var schema = statement.executeQuery("SELECT current_schema()")) {
            schema.next();
            channel = channelFor(schema.getString(1));
        } catch (SQLException e) {
            started.set(false);
            log.warn("Live updates: cannot read the current schema, so events stay on this node for now: {}", e.getMessage());
            return;
        }
        running = true;
        listener = Thread.ofVirtual().name("live-listen").start(this::listen);
    }

    /** Whether this node is listening for other nodes' events now. */
    boolean listening() {
        return listening;
    }

    /** The NOTIFY channel; {@code holdfast_live_<schema>}, or a hash of the schema if it would not fit an identifier. */
    static String channelFor(String schema) {
        if (schema.matches("[a-z0-9_]{1,40}")) {
            return "holdfast_live_" + schema;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
            return "holdfast_live_" + HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends an event to the other nodes, in the background, in publishing order; does nothing on SQLite or before the
     * database is ready. Events published together (a monitoring batch makes hundreds a second) go out together: up to
     * {@link #PER_STATEMENT} NOTIFYs in one statement, so one commit. Events still queued at shutdown are sent before
     * the pool closes (for up to 2 s).
     */
    void send(LiveEvent event) {
        String target = channel;
        if (target == null) {
            return;
        }
        String payload = LiveProtocol.relay(hub.node(), event);
        if (payload.getBytes(StandardCharsets.UTF_8).length >= NOTIFY_LIMIT) {
            log.error("Live event on {} not relayed: {} bytes is over PostgreSQL's NOTIFY limit", event.topic(), payload.length());
            return;
        }
        if (!outbox.offer(payload)) {
            if (!notifier.isShutdown() && dropping.compareAndSet(false, true)) {
                log.warn("Live updates: {} events are waiting to be relayed to other nodes; newer ones are dropped until the database answers",
                        BACKLOG);
            }
            return;
        }
        if (draining.compareAndSet(false, true)) {
            notifier.execute(() -> drain(target));
        }
    }

    /** Sends what the outbox holds until it is empty, a statement at a time. */
    private void drain(String target) {
        List<String> batch = new ArrayList<>(PER_STATEMENT);
        while (true) {
            batch.clear();
            outbox.drainTo(batch, PER_STATEMENT);
            if (batch.isEmpty()) {
                draining.set(false);
                // an event offered after the drainTo but before the flag was cleared found it set: take it now
                if (outbox.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                notify(target, batch);
            } catch (RuntimeException e) {
                draining.set(false);
                throw e;
            }
        }
    }

    private void notify(String target, List<String> payloads) {
        // pg_notify calls in one select list run left to right, so the events keep their order
        String sql = "SELECT " + String.join(", ", java.util.Collections.nCopies(payloads.size(), "pg_notify(?, ?)"));
        try (Connection connection = dataSource.getConnection(); var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < payloads.size(); i++) {
                statement.setString(2 * i + 1, target);
                statement.setString(2 * i + 2, payloads.get(i));
            }
            statement.execute();
            dropping.set(false);
            if (notifyFailing.compareAndSet(true, false)) {
                log.info("Live updates: relaying events to other nodes again");
            }
        } catch (SQLException e) {
            if (notifyFailing.compareAndSet(false, true)) {
                log.warn("Live updates: cannot relay events to other nodes ({}); they reach this node's browsers only", e.getMessage());
            }
        }
    }

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        boolean lost = false;
        boolean first = true;
        while (running) {
            try (Connection connection = open()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                listening = true;
                if (lost) {
                    log.info("Live updates: listening for other nodes' events again; browsers are told to refresh");
                    hub.reset();
                    lost = false;
                } else if (first) {
                    hub.listening();
                }
                first = false;
                backoff = FIRST_BACKOFF;
                receive(connection);
            } catch (SQLException e) {
                listening = false;
                if (!running) {
                    return;
                }
                if (!lost) {
                    log.warn("Live updates: lost the connection listening for other nodes' events ({}); retrying, at most every {} s",
                            e.getMessage(), settings.listenerBackoffMax().toSeconds());
                    lost = true;
                }
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(settings.listenerBackoffMax()) > 0 ? settings.listenerBackoffMax() : backoff.multipliedBy(2);
            }
        }
        listening = false;
    }

    /** Hands notifications to the hub until stopped; throws when the connection breaks. */
    private void receive(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (running) {
            PGNotification[] notifications = postgres.getNotifications(500);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : notifications) {
                    received(notification.getParameter());
                }
            } else if (System.nanoTime() - lastHeard > LIVENESS_CHECK.toNanos()) {
                if (!connection.isValid(5)) {
                    throw new SQLException("the listener connection stopped answering");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private void received(String payload) {
        try {
            LiveProtocol.Relayed relayed = LiveProtocol.readRelay(payload);
            if (!relayed.origin().equals(hub.node())) {
                hub.deliver(relayed.event());
            }
        } catch (IllegalArgumentException e) {
            log.warn("Live updates: ignored a malformed relayed event: {}", e.getMessage());
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        if (databaseSettings.username() != null) {
            properties.setProperty("user", databaseSettings.username());
        }
        if (databaseSettings.password() != null) {
            properties.setProperty("password", databaseSettings.password());
        }
        properties.setProperty("ApplicationName", "holdfast-live-" + hub.node());
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, databaseSettings.connectTimeout().toSeconds())));
        return DriverManager.getConnection(database.url(), properties);
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration);
            return running;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            thread.join(Duration.ofSeconds(2));
        }
        notifier.shutdown();
        notifier.awaitTermination(2, TimeUnit.SECONDS);
    }
}
