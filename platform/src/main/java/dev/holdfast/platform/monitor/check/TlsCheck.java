package dev.holdfast.platform.monitor.check;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * TLS certificate: handshakes with {@code host:port}, then down when the certificate expired, expires within the
 * warning days (default 14), or is not trusted by the JVM's trust store.
 */
@Component
class TlsCheck implements Check {

    @Override
    public String type() {
        return "tls";
    }

    @Override
    public void validate(CheckConfig config, FieldErrors errors) {
        config.requireHost("host", errors);
        config.requirePort("port", 443, errors);
        config.requireRange("certExpiryDays", 0, 365, errors);
    }

    @Override
    public String target(CheckConfig config) {
        return config.string("host", "") + ":" + config.integer("port", 443);
    }

    @Override
    public @Nullable String host(CheckConfig config) {
        return config.string("host");
    }

    @Override
    public CheckResult check(CheckRequest request) throws Exception {
        CheckConfig config = request.config();
        String host = config.string("host", "");
        int timeout = (int) Math.max(1, request.timeout().toMillis());
        long start = System.nanoTime();
        X509Certificate[] chain = handshake(host, config.integer("port", 443), timeout);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String expiry = HttpCheck.certificateFailure(chain, config.integer("certExpiryDays", 14), request.now());
        if (expiry != null) {
            return CheckResult.down(millis, expiry);
        }
        try {
            trustManager().checkServerTrusted(chain, "UNKNOWN");
        } catch (java.security.cert.CertificateException e) {
            return CheckResult.down(millis, "TLS: certificate not trusted (" + Causes.firstLine(e.getMessage()) + ")");
        }
        String until = chain[0].getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return CheckResult.up(millis, "certificate valid until " + until);
    }

    /** The certificate chain a server presents, read with a handshake that trusts anything. */
    static X509Certificate[] handshake(String host, int port, int timeoutMillis) throws java.io.IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            try (SSLSocket socket = (SSLSocket) TrustAll.context().getSocketFactory().createSocket(plain, host, port, false)) {
                socket.startHandshake();
                return java.util.Arrays.stream(socket.getSession().getPeerCertificates())
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            }
        }
    }

    private static X509TrustManager trustManager() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}
