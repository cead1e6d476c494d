package dev.holdfast.platform.monitor.status;

import static dev.holdfast.platform.monitor.status.StatusPagesIntegrationTests.await;
import static dev.holdfast.platform.monitor.status.StatusPagesIntegrationTests.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.monitor.Monitor;
import dev.holdfast.platform.monitor.MonitorDraft;
import dev.holdfast.platform.monitor.Monitors;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TcpProxy;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The monitors' Prometheus gauges come from the scheduler's memory: what a scraper sees of nodes and outages. */
class MonitorMetricsIntegrationTests {

    private static final Pattern UP = Pattern.compile("holdfast_monitor_up\\{[^}]*monitor=\"([^\"]+)\"[^}]*} (\\S+)");

    @Test
    void theMonitorsAreStillReportedWhileTheDatabaseIsAway() throws Exception {
        try (TestDatabase db = TestDatabase.postgres(getClass()); TcpProxy proxy = TcpProxy.to("127.0.0.1", postgresPort())) {
            Map<String, String> settings = new HashMap<>(StatusPagesIntegrationTests.FAST);
            settings.put("holdfast.database.url", db.urlThroughPort(proxy.port()));
            settings.put("holdfast.database.connect-timeout", "1s");
            try (TestNode node = db.startNode(settings)) {
                Monitors monitors = node.bean(Monitors.class);
                Monitor relay = monitors.create(new MonitorDraft("Relay", "push", Map.of(), 60L, 1L, 0, 60L, 0L, false, null));
                monitors.push(relay.pushToken());
                await(() -> "1.0".equals(up(node).get("Relay")), "Relay up in the scrape");

                proxy.cut();
                try {
                    // reading the monitors from the database made the whole scrape a 503 during an outage
                    HttpResponse<String> scrape = scrape(node);
                    assertThat(scrape.statusCode()).isEqualTo(200);
                    assertThat(up(scrape.body())).containsEntry("Relay", "1.0");
                } finally {
                    proxy.restore();
                }
            }
        }
    }

    @DatabaseTest
    void eachMonitorIsReportedByTheNodeCheckingItAndNoneByANodeThatChecksNothing(TestDatabase db) throws Exception {
        Map<String, String> settings = new HashMap<>(StatusPagesIntegrationTests.FAST);
        settings.put("holdfast.monitor.lease-duration", "3s");
        Map<String, String> quietSettings = new HashMap<>(settings);
        quietSettings.put("holdfast.monitor.enabled", "false");
        try (TestNode first = db.startNode(settings); TestNode second = db.startNode(settings);
                TestNode quiet = db.startNode(quietSettings)) {
            Monitors monitors = first.bean(Monitors.class);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                Monitor monitor = monitors.create(new MonitorDraft("Push " + i, "push", Map.of(), 60L, 1L, 0, 60L, 0L, false, null));
                monitors.push(monitor.pushToken());
                names.add(monitor.name());
            }
            await(() -> {
                Set<String> onFirst = up(first).keySet();
                Set<String> onSecond = up(second).keySet();
                Set<String> both = new HashSet<>(onFirst);
                both.addAll(onSecond);
                return both.equals(names) && onFirst.size() + onSecond.size() == names.size();
            }, "every monitor reported by exactly one checking node");
            assertThat(up(quiet)).as("a node running no checks reports no monitor").isEmpty();
        }
    }

    private static Map<String, String> up(TestNode node) {
        try {
            return up(scrape(node).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> up(String metrics) {
        Map<String, String> values = new HashMap<>();
        Matcher matcher = UP.matcher(metrics);
        while (matcher.find()) {
            values.put(matcher.group(1), matcher.group(2));
        }
        return values;
    }

    private static HttpResponse<String> scrape(TestNode node) throws Exception {
        return get("/actuator/prometheus", node, Map.of());
    }

    private static int postgresPort() {
        Matcher matcher = Pattern.compile("//[^:/]+:(\\d+)/").matcher(System.getenv("HOLDFAST_TEST_POSTGRES_URL"));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 5432;
    }
}
