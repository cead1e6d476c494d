package dev.holdfast.platform.monitor;

import static dev.holdfast.platform.monitor.MonitoringIntegrationTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.backups.BackupCompleted;
import dev.holdfast.platform.backups.BackupFailed;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Holdfast watching itself: web, database, identity on the first start; each backup plan once it reports a run. */
class SelfMonitoringIntegrationTests {

    private static final Map<String, String> FAST = Map.of("holdfast.monitor.min-interval", "1s", "holdfast.monitor.flush-interval", "100ms",
            "holdfast.monitor.sync-interval", "500ms");

    @DatabaseTest
    void theFirstStartWatchesWebDatabaseAndIdentityAndEveryBackupPlanOnceItReportsARun(TestDatabase db) throws Exception {
        TestNode node = db.startNode(FAST);
        Monitors monitors = node.bean(Monitors.class);
        assertThat(monitors.list(null, 0, 100)).extracting(s -> s.monitor().name())
                .containsExactlyInAnyOrder("Holdfast web", "Holdfast database", "Holdfast identity");
        Monitor identity = named(monitors, "Holdfast identity").orElseThrow();
        assertThat(identity.target()).isEqualTo("http://localhost:" + node.port() + "/.well-known/openid-configuration");
        for (MonitorSummary own : monitors.list(null, 0, 100)) {
            Monitor fast = checkedEverySecond(monitors, own.monitor());
            await(() -> monitors.status(fast.id()).state() == MonitorState.UP, fast.name() + " to be UP: " + monitors.status(fast.id()));
        }
        assertThat(monitors.status(identity.id()).message()).as("the discovery document answered").startsWith("HTTP 200");

        ApplicationEventPublisher events = node.context();
        TransactionTemplate transactions = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
        transactions.executeWithoutResult(status -> {
            events.publishEvent(new BackupCompleted("weekly", Instant.now()));
            status.setRollbackOnly();
        });
        assertThat(named(monitors, "Holdfast backup: weekly")).as("a backup run rolled back reports nothing").isEmpty();

        Instant now = Instant.now();
        transactions.executeWithoutResult(status -> events.publishEvent(new BackupFailed("nightly", now, "repository is locked")));
        Monitor nightly = named(monitors, "Holdfast backup: nightly").orElseThrow();
        assertThat(nightly.type()).isEqualTo("holdfast-backup");
        assertThat(nightly.config().string("plan")).isEqualTo("nightly");
        assertThat(nightly.config().integer("maxAgeHours", null)).isEqualTo(26);
        Monitor watched = checkedEverySecond(monitors, nightly);
        await(() -> monitors.status(watched.id()).state() == MonitorState.DOWN, "a plan without a successful backup to be DOWN");
        assertThat(monitors.status(watched.id()).message()).isEqualTo("no successful backup of nightly yet; last failure: repository is locked");

        transactions.executeWithoutResult(status -> events.publishEvent(new BackupCompleted("nightly", now.minus(Duration.ofHours(30)))));
        await(() -> String.valueOf(monitors.status(watched.id()).message()).contains("older than 26 h"),
                "a 30 h old backup to be too old: " + monitors.status(watched.id()));
        assertThat(monitors.status(watched.id()).state()).isEqualTo(MonitorState.DOWN);

        transactions.executeWithoutResult(status -> events.publishEvent(new BackupCompleted("nightly", now.minus(Duration.ofMinutes(90)))));
        await(() -> monitors.status(watched.id()).state() == MonitorState.UP, "a fresh backup to make the plan UP");
        assertThat(monitors.status(watched.id()).message()).startsWith("newest successful backup ").endsWith("(1 h ago)");
        transactions.executeWithoutResult(status -> events.publishEvent(new BackupCompleted("nightly", now.minus(Duration.ofHours(40)))));
        transactions.executeWithoutResult(status -> events.publishEvent(new BackupCompleted("weekly", now)));
        Thread.sleep(2500);
        assertThat(monitors.status(watched.id()).state()).as("a late report of an older run replaces nothing").isEqualTo(MonitorState.UP);
        assertThat(named(monitors, "Holdfast backup: weekly")).as("every plan gets its own monitor").isPresent();

        monitors.delete(watched.id());
        transactions.executeWithoutResult(status -> events.publishEvent(new BackupCompleted("nightly", Instant.now())));
        assertThat(named(monitors, "Holdfast backup: nightly")).as("a monitor people deleted is not made again").isEmpty();
        assertThat(monitors.list(null, 0, 100)).hasSize(4);
    }

    private static Optional<Monitor> named(Monitors monitors, String name) {
        return monitors.list(null, 0, 100).stream().map(MonitorSummary::monitor).filter(m -> m.name().equals(name)).findFirst();
    }

    /** The same monitor checked every second, so the test need not wait for the minute the start made it with. */
    private static Monitor checkedEverySecond(Monitors monitors, Monitor monitor) {
        return monitors.update(monitor.id(), new MonitorDraft(monitor.name(), monitor.type(), monitor.config().values(), 1L, 1L,
                monitor.retries(), 1L, 0L, false, null));
    }
}
