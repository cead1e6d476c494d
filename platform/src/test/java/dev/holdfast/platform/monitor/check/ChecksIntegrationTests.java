package dev.holdfast.platform.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Every check type against real local peers: a JDK HTTP server, closed ports, a tiny DNS server, PostgreSQL, MariaDB, Redis. */
class ChecksIntegrationTests {

    private static HttpServer http;
    private static DatagramSocket dns;

    @BeforeAll
    static void startPeers() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/json", exchange -> send(exchange, 200, "{\"status\":\"UP\",\"data\":{\"items\":[{\"id\":7}]}}"));
        http.createContext("/text", exchange -> send(exchange, 200, "hello world"));
        http.createContext("/echo", exchange -> send(exchange, 200, exchange.getRequestMethod() + " auth=" + exchange.getRequestHeaders().getFirst("Authorization")
                + " probe=" + exchange.getRequestHeaders().getFirst("X-Probe") + " body=" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        http.createContext("/teapot", exchange -> send(exchange, 418, "short and stout"));
        http.createContext("/hop/", exchange -> {
            int left = Integer.parseInt(exchange.getRequestURI().getPath().substring(5));
            exchange.getResponseHeaders().add("Location", left == 0 ? "/text" : "/hop/" + (left - 1));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        http.createContext("/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "x".repeat(8192).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 100_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the check stopped reading, as it should
            }
        });
        http.start();
        dns = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        Thread.ofVirtual().start(ChecksIntegrationTests::answerDns);
    }

    @AfterAll
    static void stopPeers() {
        http.stop(0);
        dns.close();
    }

    @Test
    void httpJudgesStatusCodesKeywordsJsonPathsConditionsAndRedirects() throws Exception {
        assertThat(http(Map.of("url", url("/json"))).message()).isEqualTo("HTTP 200");
        assertThat(http(Map.of("url", url("/teapot")))).satisfies(r -> assertThat(r.up()).isFalse())
                .satisfies(r -> assertThat(r.message()).isEqualTo("HTTP 418 (accepted: 200-299)"));
        assertThat(http(Map.of("url", url("/teapot"), "acceptedStatus", "200-299, 418")).up()).isTrue();

        assertThat(http(Map.of("url", url("/text"), "keyword", "world")).up()).isTrue();
        assertThat(http(Map.of("url", url("/text"), "keyword", "planet")).message()).isEqualTo("keyword \"planet\" not found");
        assertThat(http(Map.of("url", url("/text"), "keyword", "world", "invertKeyword", true)).message())
                .isEqualTo("keyword \"world\" found, but must be absent");
        assertThat(http(Map.of("url", url("/text"), "keyword", "planet", "invertKeyword", "true")).up()).isTrue();

        assertThat(http(Map.of("url", url("/json"), "jsonPath", "$.data.items[0].id", "jsonExpected", "7")).up()).isTrue();
        assertThat(http(Map.of("url", url("/json"), "jsonPath", "/status", "jsonExpected", "UP")).up()).isTrue();
        assertThat(http(Map.of("url", url("/json"), "jsonPath", "$.status", "jsonExpected", "DOWN")).message())
                .isEqualTo("JSON: $.status is \"UP\", expected \"DOWN\"");
        assertThat(http(Map.of("url", url("/json"), "jsonPath", "$.missing")).message()).isEqualTo("JSON: nothing at $.missing");
        assertThat(http(Map.of("url", url("/text"), "jsonPath", "$.status")).message()).isEqualTo("JSON: the body is not JSON");

        assertThat(http(Map.of("url", url("/json"), "conditions", "[STATUS] == 200 && [RESPONSE_TIME] < 5000 && [BODY].status == \"UP\"")).up()).isTrue();
        assertThat(http(Map.of("url", url("/json"), "conditions", "[STATUS] == 200 && [BODY].data.items[0].id > 9")).message())
                .isEqualTo("condition failed: [BODY].data.items[0].id > 9 (was 7)");

        assertThat(http(Map.of("url", url("/hop/2"), "keyword", "hello")).up()).as("three redirects within the default ten").isTrue();
        assertThat(http(Map.of("url", url("/hop/2"), "maxRedirects", 2)).message()).isEqualTo("too many redirects (more than 2)");
        assertThat(http(Map.of("url", url("/hop/0"), "maxRedirects", 0, "acceptedStatus", "302")).up())
                .as("without redirects the 302 itself is judged").isTrue();

        long start = System.nanoTime();
        assertThat(http(Map.of("url", url("/endless"), "keyword", "never there")).message()).isEqualTo("keyword \"never there\" not found");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an endless body is read only up to the cap").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void httpSendsTheMethodHeadersBodyAndCredentialsItIsGiven() throws Exception {
        assertThat(http(Map.of("url", url("/echo"), "keyword", "GET auth=null probe=null body=")).up()).as("a plain GET").isTrue();
        assertThat(http(Map.of("url", url("/echo"), "method", "POST", "body", "{\"ping\":1}", "headers", Map.of("X-Probe", "holdfast"),
                "keyword", "POST auth=null probe=holdfast body={\"ping\":1}")).up()).isTrue();
        assertThat(http(Map.of("url", url("/echo"), "basicUser", "probe", "basicPassword", "s3cret",
                "keyword", "auth=Basic cHJvYmU6czNjcmV0 ")).up()).as("basic auth as RFC 7617 encodes it").isTrue();
        assertThat(http(Map.of("url", url("/echo"), "bearerToken", "tok-123", "keyword", "auth=Bearer tok-123 ")).up()).isTrue();
        FieldErrors errors = new FieldErrors();
        new HttpCheck().validate(CheckConfig.of(Map.of("url", url("/echo"), "method", "BREW", "headers", Map.of("Bad Header", "x"))), errors);
        assertThat(errors.asMap()).containsOnlyKeys("config.method", "config.headers");
    }

    @Test
    void pingSaysPlainlyWhenItCannotRun() throws Exception {
        CheckRequest request = request(Map.of("host", "127.0.0.1"));
        assertThat(new PingCheck("holdfast-no-such-ping").check(request).message())
                .isEqualTo("ping: the ping command is not installed on this machine");
        // a ping without the capability to send ICMP answers like this one; this machine's ping cannot be set up so
        java.nio.file.Path denied = java.nio.file.Files.createTempFile("ping-denied", ".sh");
        java.nio.file.Files.writeString(denied, "#!/bin/sh\necho 'ping: socket: Operation not permitted'\nexit 2\n");
        denied.toFile().setExecutable(true);
        try {
            CheckResult result = new PingCheck(denied.toString()).check(request);
            assertThat(result.up()).isFalse();
            assertThat(result.message()).isEqualTo("ping: not permitted here (ICMP needs raw sockets or the ping capability)");
        } finally {
            java.nio.file.Files.delete(denied);
        }
    }

    @Test
    void aGroupIsDownWhileAChildIsDown() {
        GroupCheck group = new GroupCheck();
        CheckRequest allUp = new CheckRequest("g", CheckConfig.of(Map.of()), Duration.ofSeconds(3), Duration.ofSeconds(30), Instant.now(),
                (Instant) null, Map.of("a", dev.holdfast.platform.monitor.MonitorState.UP, "b", dev.holdfast.platform.monitor.MonitorState.UP));
        assertThat(group.check(allUp).up()).isTrue();
        CheckRequest oneDown = new CheckRequest("g", CheckConfig.of(Map.of()), Duration.ofSeconds(3), Duration.ofSeconds(30), Instant.now(),
                (Instant) null, Map.of("a", dev.holdfast.platform.monitor.MonitorState.UP, "b", dev.holdfast.platform.monitor.MonitorState.DOWN));
        assertThat(group.check(oneDown).up()).isFalse();
        assertThat(group.check(oneDown).message()).isEqualTo("1 of 2 monitors down");
    }

    @Test
    void badSettingsAreNamedPerField() {
        FieldErrors errors = new FieldErrors();
        new HttpCheck().validate(CheckConfig.of(Map.of("url", "ftp://x", "acceptedStatus", "200-abc", "jsonPath", "$.a[*]",
                "conditions", "[STATUS] =~ 2", "maxRedirects", 99)), errors);
        assertThat(errors.asMap()).containsOnlyKeys("config.url", "config.acceptedStatus", "config.jsonPath", "config.conditions", "config.maxRedirects");
        assertThat(errors.asMap().get("config.url")).isEqualTo("the URL must start with http:// or https://");
        FieldErrors tcp = new FieldErrors();
        new TcpCheck().validate(CheckConfig.of(Map.of("host", "bad host!", "port", 70000)), tcp);
        assertThat(tcp.asMap()).containsOnlyKeys("config.host", "config.port");
        FieldErrors dnsErrors = new FieldErrors();
        new DnsCheck().validate(CheckConfig.of(Map.of("name", "example.org", "recordType", "BOGUS", "resolver", "1.1.1.1:x")), dnsErrors);
        assertThat(dnsErrors.asMap()).containsOnlyKeys("config.recordType", "config.resolver");
    }

    @Test
    void tcpDnsDatabasesAndRedisReportShortCauses() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> new TcpCheck().check(request(Map.of("host", "127.0.0.1", "port", port))))
                .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("connection refused"));
        assertThat(new TcpCheck().check(request(Map.of("host", "127.0.0.1", "port", http.getAddress().getPort()))).up()).isTrue();
        assertThat(http(Map.of("url", "http://no-such-host.invalid/")).message()).isEqualTo("DNS: cannot resolve no-such-host.invalid");

        String resolver = "127.0.0.1:" + dns.getLocalPort();
        assertThat(new DnsCheck().check(request(Map.of("name", "shop.test", "resolver", resolver, "expected", "10.0.0.7"))))
                .satisfies(r -> assertThat(r.up()).isTrue()).satisfies(r -> assertThat(r.message()).isEqualTo("10.0.0.7"));
        assertThat(new DnsCheck().check(request(Map.of("name", "shop.test", "resolver", resolver, "expected", "10.0.0.8"))).message())
                .isEqualTo("DNS: shop.test. A is 10.0.0.7, expected 10.0.0.8");
        assertThat(new DnsCheck().check(request(Map.of("name", "x.test", "resolver", resolver))).message()).isEqualTo("DNS: NXDOMAIN for x.test.");

        assertThat(new PushCheck().check(new CheckRequest("m", CheckConfig.of(Map.of()), Duration.ofSeconds(1), Duration.ofSeconds(30),
                Instant.parse("2026-01-01T00:01:00Z"), Instant.parse("2026-01-01T00:00:00Z"), Map.of())).message())
                .isEqualTo("no push for 60 s (expected every 30 s)");

        Peers.assume(open(5432), "PostgreSQL", "start PostgreSQL on 127.0.0.1:5432");
        DatabaseCheck postgres = new DatabaseCheck("postgres", "postgresql", 5432);
        assertThat(postgres.check(request(Map.of("host", "127.0.0.1", "database", "postgres", "user", "postgres", "query", "select 41 + 1"))).message())
                .isEqualTo("query returned 42");
        assertThatThrownBy(() -> postgres.check(request(Map.of("host", "127.0.0.1", "database", "no_such_db", "user", "postgres"))))
                .satisfies(e -> assertThat(Causes.of(e)).startsWith("database: ").contains("no_such_db").doesNotContain("\n"));
        Peers.assume(open(3306), "MariaDB", "start MariaDB on 127.0.0.1:3306");
        assertThat(new DatabaseCheck("mysql", "mariadb", 3306).check(request(Map.of("host", "127.0.0.1", "user", "root", "query", "select 6 * 7"))).message())
                .isEqualTo("query returned 42");
        Peers.assume(open(6379), "Redis", "start Redis on 127.0.0.1:6379");
        assertThat(new RedisCheck().check(request(Map.of("host", "127.0.0.1"))).message()).isEqualTo("PONG");
        redisQuery();
    }

    /** The optional read-only command with an expected answer (issue #8: "Redis (connect, optional query)"). */
    private static void redisQuery() throws Exception {
        String key = "holdfast:test:" + System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", 6379)) {
            socket.getOutputStream().write(("*3\r\n$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$11\r\ngreen light\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("+OK\r\n");
        }
        CheckResult green = new RedisCheck().check(request(Map.of("host", "127.0.0.1", "command", "GET " + key, "expected", "green light")));
        assertThat(green.up()).as(green.message()).isTrue();
        assertThat(green.message()).isEqualTo("GET returned green light");
        CheckResult red = new RedisCheck().check(request(Map.of("host", "127.0.0.1", "command", "GET " + key, "expected", "red")));
        assertThat(red.up()).isFalse();
        assertThat(red.message()).isEqualTo("redis: GET returned green light, expected red");
        CheckResult missing = new RedisCheck().check(request(Map.of("host", "127.0.0.1", "command", "GET " + key + ":none", "expected", "x")));
        assertThat(missing.message()).isEqualTo("redis: GET returned nil, expected x");
        CheckResult wrongType = new RedisCheck().check(request(Map.of("host", "127.0.0.1", "command", "LLEN " + key)));
        assertThat(wrongType.up()).isFalse();
        assertThat(wrongType.message()).startsWith("redis: WRONGTYPE");
        FieldErrors errors = new FieldErrors();
        new RedisCheck().validate(CheckConfig.of(Map.of("host", "127.0.0.1", "command", "FLUSHALL")), errors);
        assertThat(errors.asMap()).containsOnlyKeys("config.command");
        assertThat(RedisCheck.words("HGET \"my hash\" field")).containsExactly("HGET", "my hash", "field");
    }

    private static CheckResult http(Map<String, ?> config) throws Exception {
        return new HttpCheck().check(request(config));
    }

    private static CheckRequest request(Map<String, ?> config) {
        return new CheckRequest("m", CheckConfig.of(config), Duration.ofSeconds(3), Duration.ofSeconds(30), Instant.now(), (Instant) null, Map.of());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static boolean open(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A DNS server of one record: shop.test. A 10.0.0.7; everything else NXDOMAIN. */
    private static void answerDns() {
        byte[] buffer = new byte[512];
        while (!dns.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                dns.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.addRecord(query.getQuestion(), Section.QUESTION);
                Name name = query.getQuestion().getName();
                if (name.equals(Name.fromString("shop.test.")) && query.getQuestion().getType() == Type.A) {
                    answer.addRecord(new ARecord(name, DClass.IN, 60, InetAddress.getByName("10.0.0.7")), Section.ANSWER);
                } else {
                    answer.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = answer.toWire();
                dns.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed packet
            }
        }
    }
}
