package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading restic's {@code --cacert} and {@code --tls-client-cert} PEM files, and saying what is wrong with them. */
class TlsSettingsIntegrationTests {

    @TempDir
    Path temp;

    private final TestCertificates certificates = TestCertificates.shared();

    private Path write(String name, String content) throws Exception {
        return Files.writeString(temp.resolve(name), content);
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    void readsRootsAndAClientCertificateWithItsKey() throws Exception {
        Path roots = write("roots.pem", "explanatory text is skipped\n" + read(certificates.ca()) + read(certificates.server()));

        TlsSettings tls = TlsSettings.fromPemFiles(List.of(roots), certificates.client(), false);

        assertThat(tls.roots()).hasSize(2);
        assertThat(tls.clientChain()).singleElement().satisfies(cert ->
                assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=client"));
        assertThat(tls.keyManager()).isNotNull();
        assertThat(tls.isSystemDefault()).isFalse();
        assertThat(tls.toString()).doesNotContain("PRIVATE");
        assertThat(TlsSettings.SYSTEM.isSystemDefault()).isTrue();
        assertThat(TlsSettings.SYSTEM.trustManager()).isNull();
    }

    @Test
    void readsAnEcKeyInSec1FormAsGoDoes() throws Exception {
        String pkcs8 = read(certificates.client()).replaceAll("(?s).*-----BEGIN PRIVATE KEY-----(.*?)-----END.*", "$1");
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(java.util.Base64.getMimeDecoder().decode(pkcs8));
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        byte[] sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(), // as openssl writes it: with the curve
                info.getPrivateKeyAlgorithm().getParameters()).getEncoded();
        Path client = write("client.pem", read(certificates.client()).replaceAll("(?s)-----BEGIN PRIVATE KEY.*", "")
                + TestCertificates.pem("EC PRIVATE KEY", sec1));

        assertThat(TlsSettings.fromPemFiles(List.of(), client, false).clientKey()).isNotNull();
    }

    @Test
    void refusesRootFilesWithoutACertificateWithResticsMessage() throws Exception {
        Path junk = write("junk.pem", "not a certificate\n");

        assertThatThrownBy(() -> TlsSettings.fromPemFiles(List.of(junk), null, false)).isInstanceOf(TlsException.class)
                .hasMessageContaining("cannot parse root certificate from \"" + junk + "\"");
        assertThatThrownBy(() -> TlsSettings.fromPemFiles(List.of(temp.resolve("missing.pem")), null, false))
                .isInstanceOf(TlsException.class).hasMessageContaining("unable to read root certificate")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void refusesClientFilesThatResticRefuses() throws Exception {
        String cert = read(certificates.server());
        String key = read(certificates.serverKey());
        Path noKey = write("no-key.pem", cert);
        Path noCert = write("no-cert.pem", key);
        Path twoKeys = write("two-keys.pem", cert + key + key);
        Path strange = write("strange.pem", cert + key + TestCertificates.pem("CERTIFICATE REQUEST", new byte[] {1}));
        Path otherKey = write("other-key.pem", cert + read(certificates.otherHostKey()));
        Path encrypted = write("encrypted.pem", cert + TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1}));

        assertThatThrownBy(() -> client(noKey)).hasMessageContaining("no PEM PRIVATE KEY");
        assertThatThrownBy(() -> client(noCert)).hasMessageContaining("no PEM CERTIFICATE");
        assertThatThrownBy(() -> client(twoKeys)).hasMessageContaining("more than one private key found");
        assertThatThrownBy(() -> client(strange)).hasMessageContaining("unknown block type CERTIFICATE REQUEST found");
        assertThatThrownBy(() -> client(otherKey)).hasMessageContaining("private key does not match public key");
        assertThatThrownBy(() -> client(encrypted)).hasMessageContaining("an encrypted key?");
        assertThatThrownBy(() -> client(noKey)).isInstanceOf(TlsException.class)
                .hasMessageContaining("error loading TLS cert and key from " + noKey);
    }

    private static TlsSettings client(Path file) {
        return TlsSettings.fromPemFiles(List.of(), file, false);
    }
}
