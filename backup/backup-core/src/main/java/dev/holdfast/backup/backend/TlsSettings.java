package dev.holdfast.backup.backend;

import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * How the HTTPS backends (REST, S3, Azure) check servers and show themselves, as restic's {@code --cacert},
 * {@code --tls-client-cert} and {@code --insecure-tls}: root certificates to trust instead of the JDK's, a client
 * certificate with its private key, or no check at all (neither the chain nor the host name). Immutable; what it
 * hands out is thread-safe.
 *
 * @param roots the only root certificates trusted; empty means the JDK's own
 * @param clientKey the client certificate's private key; {@code null} for none
 * @param clientChain the client certificate, then any intermediates; empty exactly when there is no key
 * @param insecure accept any server certificate for any host name
 */
public record TlsSettings(List<X509Certificate> roots, @Nullable PrivateKey clientKey,
        List<X509Certificate> clientChain, boolean insecure) {

    /** The JDK's roots, no client certificate, full checks. */
    public static final TlsSettings SYSTEM = new TlsSettings(List.of(), null, List.of(), false);

    public TlsSettings {
        roots = List.copyOf(roots);
        clientChain = List.copyOf(clientChain);
        if ((clientKey == null) != clientChain.isEmpty()) {
            throw new IllegalArgumentException("a client key goes with its certificate: give both or neither");
        }
    }

    /**
     * Settings from restic's flags: PEM files of root certificates (each must hold at least one), and one PEM file
     * holding the client certificate and its unencrypted private key ({@code null} for none). The files are read now.
     *
     * @throws TlsException a file cannot be read or used, saying which and why
     */
    public static TlsSettings fromPemFiles(List<Path> rootFiles, @Nullable Path clientCertificateAndKey,
            boolean insecure) {
        List<X509Certificate> roots = new ArrayList<>();
        rootFiles.forEach(file -> roots.addAll(Pem.roots(file)));
        if (clientCertificateAndKey == null) {
            return new TlsSettings(roots, null, List.of(), insecure);
        }
        Pem.ClientCertificate client = Pem.clientCertificate(clientCertificateAndKey);
        return new TlsSettings(roots, client.key(), client.chain(), insecure);
    }

    /** Whether these are the JDK's defaults, so a backend may keep its client's own TLS set-up. */
    public boolean isSystemDefault() {
        return roots.isEmpty() && clientKey == null && !insecure;
    }

    /** The server check to use: {@code null} for the JDK's default, else our roots' or, if insecure, none. */
    public @Nullable X509ExtendedTrustManager trustManager() {
        if (insecure) {
            return new TrustingEveryone();
        }
        if (roots.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < roots.size(); i++) {
                store.setCertificateEntry("root-" + i, roots.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new TlsException("cannot use the root certificates: " + e.getMessage(), e);
        }
    }

    /** The client certificate to show, or {@code null} for none. */
    public @Nullable X509ExtendedKeyManager keyManager() {
        return clientKey == null ? null : new OneClientCertificate(clientKey, clientChain);
    }

    /** An SSL context with {@link #trustManager()} and {@link #keyManager()}, for clients that take one. */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            X509ExtendedKeyManager key = keyManager();
            X509ExtendedTrustManager trust = trustManager();
            context.init(key == null ? null : new X509ExtendedKeyManager[] {key},
                    trust == null ? null : new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsSettings[roots=" + roots.size() + ", clientCertificate="
                + (clientChain.isEmpty() ? "none" : clientChain.getFirst().getSubjectX500Principal()) + ", insecure="
                + insecure + "]";
    }

    /**
     * Accepts every server, as Go's {@code InsecureSkipVerify}. An extended trust manager, so the JDK leaves the
     * host name check to it too (it would add one around a plain {@code X509TrustManager}).
     */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /**
     * Shows the one client certificate to every server that asks, as Go does, whichever CAs the server names (the
     * JDK's own key manager would send nothing to a server naming other CAs).
     */
    private static final class OneClientCertificate extends X509ExtendedKeyManager {

        private static final String ALIAS = "client";
        private final PrivateKey key;
        private final X509Certificate[] chain;

        OneClientCertificate(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(X509Certificate[]::new);
        }

        /** Our alias when the key is of a type the handshake asks for (the JDK asks once per type). */
        private @Nullable String alias(String[] keyTypes) {
            for (String type : keyTypes) {
                if (type.equals(key.getAlgorithm()) || type.equals("EdDSA") && key.getAlgorithm().startsWith("Ed")) {
                    return ALIAS;
                }
            }
            return null;
        }

        @Override
        public @Nullable String chooseClientAlias(String[] keyTypes, Principal @Nullable [] issuers,
                @Nullable Socket socket) {
            return alias(keyTypes);
        }

        @Override
        public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal @Nullable [] issuers,
                @Nullable SSLEngine engine) {
            return alias(keyTypes);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal @Nullable [] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String @Nullable [] getServerAliases(String keyType, Principal @Nullable [] issuers) {
            return null;
        }

        @Override
        public @Nullable String chooseServerAlias(String keyType, Principal @Nullable [] issuers,
                @Nullable Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
