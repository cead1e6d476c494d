package dev.holdfast.platform.monitor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS certificate checks against a local HTTPS server whose self-signed certificate (made by keytool) expired long ago. */
class TlsChecksIntegrationTests {

    @Test
    void anExpiredCertificateIsNamedWithItsDateAndIgnoringTlsErrorsStillReachesTheServer(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("expired.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "target", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-startdate", "-2y", "-validity", "30", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        String expired = ((X509Certificate) keys.getCertificate("target")).getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertThat(new TlsCheck().check(request(Map.of("host", "localhost", "port", port))).message())
                    .isEqualTo("TLS: certificate expired on " + expired);
            String url = "https://localhost:" + port + "/";
            assertThatThrownBy(() -> new HttpCheck().check(request(Map.of("url", url))))
                    .satisfies(e -> assertThat(Causes.of(e)).isEqualTo("TLS: certificate not trusted (unknown issuer or self-signed)"));
            assertThat(new HttpCheck().check(request(Map.of("url", url, "ignoreTls", true)))).satisfies(r -> assertThat(r.up()).isTrue());
            assertThat(new HttpCheck().check(request(Map.of("url", url, "ignoreTls", true, "certExpiryDays", 14))).message())
                    .isEqualTo("TLS: certificate expired on " + expired);
        } finally {
            server.stop(0);
        }
    }

    private static CheckRequest request(Map<String, ?> config) {
        return new CheckRequest("m", CheckConfig.of(config), Duration.ofSeconds(5), Duration.ofSeconds(30), Instant.now(), (Instant) null, Map.of());
    }
}
