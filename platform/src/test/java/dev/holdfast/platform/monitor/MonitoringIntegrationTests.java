package dev.holdfast.platform.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.LiveClient;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class MonitoringIntegrationTests {

    /** Short intervals and quick writes, so a test sees several checks in a few seconds. */
    static final Map<String, String> FAST = Map.of("holdfast.monitor.min-interval", "1s", "holdfast.monitor.flush-interval", "100ms",
            "holdfast.monitor.sync-interval", "500ms", "holdfast.monitor.self-monitoring", "false");

    @DatabaseTest
    void anHttpMonitorGoesDownAfterItsRetriesWithOneEventAndAnIncidentThenRecovers(TestDatabase db) throws Exception {
        try (TestTarget target = new TestTarget()) {
            TestNode node = db.startNode(FAST);
            List<MonitorStateChanged> events = new CopyOnWriteArrayList<>();
            node.context().addApplicationListener(event -> {
                if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof MonitorStateChanged changed) {
                    events.add(changed);
                }
            });
            Monitors monitors = node.bean(Monitors.class);
            Monitor web = monitors.create(new MonitorDraft("Shop", "http", Map.of("url", target.url("/health"), "jsonPath", "$.status",
                    "jsonExpected", "UP"), 1L, 1L, 2, 1L, 0L, false, null));
            Monitor hanging = monitors.create(new MonitorDraft("Hanging", "http", Map.of("url", target.url("/hang").replace("127.0.0.1", "localhost")),
                    1L, 1L, 0, 1L, 0L, false, null));

            await(() -> monitors.status(web.id()).state() == MonitorState.UP, "the shop to be UP");
            Instant failingFrom = Instant.now();
            target.status.set(500);
            await(() -> monitors.status(web.id()).state() == MonitorState.DOWN, "the shop to be DOWN");
            List<CheckRecord> failing = monitors.results(web.id(), failingFrom).stream().filter(r -> r.status() != MonitorState.UP).toList();
            assertThat(failing).extracting(CheckRecord::status).as("two retries while PENDING, then DOWN")
                    .startsWith(MonitorState.PENDING, MonitorState.PENDING, MonitorState.DOWN);
            assertThat(failing.get(2).message()).isEqualTo("HTTP 500 (accepted: 200-299)");
            Thread.sleep(1500);
            List<MonitorStateChanged> downs = events.stream().filter(e -> e.monitorId().equals(web.id().value())).toList();
            assertThat(downs).hasSize(1);
            assertThat(downs.getFirst().state()).isEqualTo(MonitorState.DOWN);
            assertThat(downs.getFirst().previous()).isEqualTo(MonitorState.PENDING);
            assertThat(downs.getFirst().cause()).isEqualTo("HTTP 500 (accepted: 200-299)");
            assertThat(downs.getFirst().target()).isEqualTo(target.url("/health"));
            assertThat(downs.getFirst().downFor()).isNull();
            assertThat(monitors.incidents(web.id(), 10)).singleElement().satisfies(incident -> {
                assertThat(incident.end()).isNull();
                assertThat(incident.cause()).isEqualTo("HTTP 500 (accepted: 200-299)");
            });

            target.status.set(200);
            await(() -> monitors.status(web.id()).state() == MonitorState.UP, "the shop to recover");
            await(() -> events.stream().anyMatch(e -> e.state() == MonitorState.UP), "the recovery event");
            MonitorStateChanged up = events.stream().filter(e -> e.state() == MonitorState.UP).findFirst().orElseThrow();
            assertThat(up.previous()).isEqualTo(MonitorState.DOWN);
            assertThat(up.downFor()).isGreaterThan(Duration.ofMillis(1000));
            Incident closed = monitors.incidents(web.id(), 10).getFirst();
            assertThat(closed.end()).isNotNull();
            assertThat(closed.duration(Instant.now())).isEqualTo(Duration.between(closed.start(), closed.end()));

            assertThat(monitors.status(hanging.id()).state()).isEqualTo(MonitorState.DOWN);
            assertThat(monitors.status(hanging.id()).message()).isEqualTo("timeout after 1 s");
            List<CheckRecord> shopChecks = monitors.results(web.id(), Instant.EPOCH);
            Duration span = Duration.between(shopChecks.getFirst().at(), shopChecks.getLast().at());
            assertThat(shopChecks.size() - 1).as("a hanging target (1 s timeout) delays no other monitor's 1 s checks")
                    .isGreaterThanOrEqualTo((int) (span.toMillis() / 1000 * 0.8));
            for (int i = 1; i < shopChecks.size(); i++) {
                assertThat(Duration.between(shopChecks.get(i - 1).at(), shopChecks.get(i).at())).isLessThan(Duration.ofMillis(2500));
            }
            assertThat(events.stream().filter(e -> e.monitorId().equals(hanging.id().value()))).singleElement()
                    .satisfies(e -> assertThat(e.cause()).isEqualTo("timeout after 1 s"));
        }
    }

    @DatabaseTest
    void pushGoesDownWhenSilentAndMaintenanceSuppressesDown(TestDatabase db) throws Exception {
        TestNode node = db.startNode(FAST);
        List<MonitorStateChanged> events = new CopyOnWriteArrayList<>();
        node.context().addApplicationListener(event -> {
            if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof MonitorStateChanged changed) {
                events.add(changed);
            }
        });
        Monitors monitors = node.bean(Monitors.class);
        Monitor pushMonitor;
        try (LiveClient live = LiveClient.connect(node, node.session().setUp("admin", "correct horse battery staple"))) {
            Monitor push = monitors.create(new MonitorDraft("Nightly job", "push", Map.of(), 3L, 1L, 0, 3L, 0L, false, null));
            assertThat(push.pushToken()).hasSizeGreaterThan(20);
            monitors.push(push.pushToken());
            String topic = "monitor/" + push.id();
            live.subscribe(null, topic);
            assertThat(live.awaitType("subscribed").path("topics").toString()).isEqualTo("[\"" + topic + "\"]");
            await(() -> monitors.status(push.id()).state() == MonitorState.UP, "the push monitor to be UP");
            assertThat(live.awaitEvent(topic, "checked").path("data").path("state").asString())
                    .as("a signed-in browser hears of each check").isIn("UP", "PENDING", "DOWN");
            pushMonitor = push;
        }
        Monitor push = pushMonitor;
        await(() -> monitors.status(push.id()).state() == MonitorState.DOWN, "the silent push monitor to be DOWN");
        assertThat(monitors.status(push.id()).message()).startsWith("no push for");
        assertThat(events).singleElement().satisfies(e -> assertThat(e.cause()).startsWith("no push for"));
        monitors.push(push.pushToken());
        await(() -> monitors.status(push.id()).state() == MonitorState.UP, "the push monitor to recover on a push");

        // monitors and window in one transaction: the scheduler sees them after commit, so no check runs before the window
        TransactionTemplate transaction = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
        List<Monitor> closedPorts = transaction.execute(status -> {
            List<Monitor> made = List.of(
                    monitors.create(new MonitorDraft("Closed port", "tcp", Map.of("host", "127.0.0.1", "port", 9), 1L, 1L, 0, 1L, 0L, false, null)),
                    monitors.create(new MonitorDraft("Also closed", "tcp", Map.of("host", "127.0.0.1", "port", 9), 1L, 1L, 0, 1L, 0L, false, null)));
            monitors.addMaintenance(new MaintenanceWindow("", made.stream().map(Monitor::id).toList(), "Upgrade", Instant.now().minusSeconds(60),
                    Instant.now().plusSeconds(3600), java.util.Set.of(), null, null, java.time.ZoneOffset.UTC));
            return made;
        });
        Monitor closed = closedPorts.get(0);
        Monitor alsoClosed = closedPorts.get(1);
        Monitor outside = monitors.create(new MonitorDraft("Outside", "tcp", Map.of("host", "127.0.0.1", "port", 9), 1L, 1L, 0, 1L, 0L, false, null));
        await(() -> monitors.results(closed.id(), Instant.EPOCH).size() >= 3, "three checks in maintenance");
        assertThat(monitors.status(closed.id()).state()).isEqualTo(MonitorState.MAINTENANCE);
        assertThat(monitors.status(alsoClosed.id()).state()).as("one window covers both monitors it lists").isEqualTo(MonitorState.MAINTENANCE);
        await(() -> monitors.status(outside.id()).state() == MonitorState.DOWN, "the monitor the window does not list to be DOWN");
        assertThat(monitors.results(closed.id(), Instant.EPOCH)).extracting(CheckRecord::status).containsOnly(MonitorState.MAINTENANCE);
        assertThat(events.stream().filter(e -> e.monitorId().equals(closed.id().value()))).as("no DOWN during maintenance").isEmpty();
        assertThat(monitors.incidents(closed.id(), 10)).isEmpty();
    }

    @DatabaseTest
    void upsideDownPauseResumeAndRetriesAtTheRetryInterval(TestDatabase db) throws Exception {
        TestNode node = db.startNode(FAST);
        Monitors monitors = node.bean(Monitors.class);
        Map<String, Object> closedPort = Map.of("host", "127.0.0.1", "port", 9);
        Monitor inverted = monitors.create(new MonitorDraft("Must stay closed", "tcp", closedPort, 1L, 1L, 0, 1L, 0L, true, null));
        await(() -> monitors.status(inverted.id()).state() == MonitorState.UP, "an upside-down monitor of a closed port to be UP");
        assertThat(monitors.status(inverted.id()).message()).startsWith("upside down: ");

        monitors.pause(inverted.id());
        Thread.sleep(1500); // a check already running when paused may still land
        int paused = monitors.results(inverted.id(), Instant.EPOCH).size();
        Thread.sleep(2500);
        assertThat(monitors.results(inverted.id(), Instant.EPOCH)).as("no checks while paused").hasSize(paused);
        assertThat(monitors.get(inverted.id()).active()).isFalse();
        monitors.resume(inverted.id());
        await(() -> monitors.results(inverted.id(), Instant.EPOCH).size() > paused, "checks again after resume");

        // checked every 30 s while well, but retried every second while PENDING: DOWN within seconds, not a minute
        Monitor retried = monitors.create(new MonitorDraft("Retried", "tcp", closedPort, 30L, 1L, 2, 1L, 0L, false, null));
        await(() -> monitors.status(retried.id()).state() == MonitorState.DOWN, "two retries a second apart, then DOWN");
        List<CheckRecord> checks = monitors.results(retried.id(), Instant.EPOCH);
        assertThat(checks).extracting(CheckRecord::status).startsWith(MonitorState.PENDING, MonitorState.PENDING, MonitorState.DOWN);
        assertThat(Duration.between(checks.get(0).at(), checks.get(2).at())).isLessThan(Duration.ofSeconds(10));
    }

    @DatabaseTest
    void atMostThePerHostLimitOfChecksTalkToOneHostAtOnceAndOtherHostsDoNotWait(TestDatabase db) throws Exception {
        try (TestTarget target = new TestTarget()) {
            java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
            target.server().createContext("/slow", exchange -> {
                most.accumulateAndGet(open.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    open.decrementAndGet();
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            Map<String, String> settings = new java.util.HashMap<>(FAST);
            settings.put("holdfast.monitor.per-host-concurrency", "2");
            TestNode node = db.startNode(settings);
            Monitors monitors = node.bean(Monitors.class);
            // six new monitors are all checked at once; each check takes 1 s, well inside the 10 s timeout
            List<Monitor> slow = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                slow.add(monitors.create(new MonitorDraft("Slow " + i, "http", Map.of("url", target.url("/slow/" + i)),
                        10L, 10L, 0, 10L, 0L, false, null)));
            }
            // the same server under another host name is a host of its own, with its own permits
            Monitor other = monitors.create(new MonitorDraft("Other host", "http",
                    Map.of("url", target.url("/health").replace("127.0.0.1", "localhost")), 1L, 1L, 0, 1L, 0L, false, null));

            await(() -> slow.stream().allMatch(m -> !monitors.results(m.id(), Instant.EPOCH).isEmpty()), "the first check of each slow monitor");
            assertThat(most.get()).as("checks talking to 127.0.0.1 at once (HOLDFAST_MONITOR_PER_HOST_CONCURRENCY=2)").isEqualTo(2);
            assertThat(slow).as("each waited for a permit, none timed out")
                    .allSatisfy(m -> assertThat(monitors.results(m.id(), Instant.EPOCH).getFirst().status()).isEqualTo(MonitorState.UP));
            assertThat(monitors.results(other.id(), Instant.EPOCH)).as("the other host's checks meanwhile").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(MonitorState.UP));
        }
    }

    static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            Thread.sleep(50);
        }
    }
}
