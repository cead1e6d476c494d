package dev.holdfast.platform.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.platform.testing.ConsoleTap;
import dev.holdfast.platform.testing.DatabaseTest;
import dev.holdfast.platform.testing.TcpProxy;
import dev.holdfast.platform.testing.TestDatabase;
import dev.holdfast.platform.testing.TestNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservabilityIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @DatabaseTest
    void probesReportTheDatabaseAndPrometheusServesMetricsToLoopback(TestDatabase db) throws Exception {
        TestNode node = db.startNode();

        var readiness = get(node, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"", "\"database\"");
        assertThat(get(node, "/actuator/health/liveness").statusCode()).isEqualTo(200);

        var metrics = get(node, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections_active", "application=\"holdfast\"");
    }

    @DatabaseTest
    void everyResponseCarriesARequestIdThatAlsoMarksItsLogLines(TestDatabase db) throws Exception {
        TestNode node = db.startNode(Map.of("logging.level.org.springframework.web.servlet.DispatcherServlet", "debug"));
        ConsoleTap tap = ConsoleTap.start();
        HttpResponse<String> given;
        try {
            given = http.send(HttpRequest.newBuilder(node.uri("/login")).header("X-Request-Id", "given-id-0001").build(),
                    HttpResponse.BodyHandlers.ofString());
        } finally {
            tap.stop();
        }
        var made = get(node, "/login");

        assertThat(given.headers().firstValue("X-Request-Id")).hasValue("given-id-0001");
        assertThat(made.headers().firstValue("X-Request-Id")).get().asString().hasSizeGreaterThanOrEqualTo(8);
        assertThat(tap.text().lines().filter(line -> line.contains("GET \"/login\""))).allMatch(line -> line.contains("[given-id-0001]"))
                .isNotEmpty();
    }

    @DatabaseTest
    void jsonLogsWhenAskedFor(TestDatabase db) {
        ConsoleTap tap = ConsoleTap.start();
        try {
            db.startNode(Map.of("HOLDFAST_LOG_FORMAT", "json")).close();
        } finally {
            tap.stop();
        }
        assertThat(tap.text().lines().filter(line -> line.contains("Tomcat started on port")))
                .singleElement().asString().startsWith("{").contains("\"message\":\"Tomcat started on port");
    }

    @Test
    void databaseThatIsAwayAtStartOrLaterShowsAsDownAndHoldfastRecoversWithoutStackTraces() throws Exception {
        try (TestDatabase db = TestDatabase.postgres(getClass());
                TcpProxy proxy = TcpProxy.to("127.0.0.1", postgresPort())) {
            proxy.cut();
            TestNode node = db.startNode(Map.of("holdfast.database.url", db.urlThroughPort(proxy.port()),
                    "holdfast.database.connect-timeout", "1s"));
            ConsoleTap tap = ConsoleTap.start();
            try {
                assertThat(get(node, "/actuator/health/readiness").statusCode()).isEqualTo(503);
                assertThat(get(node, "/actuator/health/liveness").statusCode()).isEqualTo(200);

                proxy.restore();
                awaitReadiness(node, 200);
                assertThat(node.session().get("/login").statusCode()).isEqualTo(200);

                proxy.cut();
                awaitReadiness(node, 503);
                var page = node.session().get("/login");
                assertThat(page.statusCode()).isEqualTo(503);
                assertThat(page.body()).contains("503 · Service Unavailable");

                proxy.restore();
                awaitReadiness(node, 200);
            } finally {
                tap.stop();
            }
            assertThat(tap.text()).contains("is down:").contains("is up");
            assertThat(tap.text().lines().filter(line -> line.startsWith("\tat "))).as("stack trace lines").isEmpty();
        }
    }

    private void awaitReadiness(TestNode node, int status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = get(node, "/actuator/health/readiness").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness stayed " + last + ", expected " + status);
    }

    private HttpResponse<String> get(TestNode node, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(node.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int postgresPort() {
        var matcher = java.util.regex.Pattern.compile("//[^:/]+:(\\d+)/").matcher(System.getenv("HOLDFAST_TEST_POSTGRES_URL"));
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 5432;
    }
}
