package dev.holdfast.backup.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.objectstore.AzureBackendFactory;
import dev.holdfast.backup.backend.objectstore.Azurite;
import dev.holdfast.backup.backend.objectstore.S3BackendFactory;
import dev.holdfast.backup.backend.objectstore.S3rver;
import dev.holdfast.backup.backend.rest.RcloneRestServer;
import dev.holdfast.backup.backend.rest.RestBackendFactory;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.s3.S3Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS backends with restic's TLS settings, against real servers with the test CA's certificates: rclone's
 * restic REST server (which can also ask for a client certificate), s3rver and Azurite. A certificate refused is a
 * {@link TlsException} at once, not five retries.
 */
class TlsBackendsIntegrationTests {

    @TempDir
    Path temp;

    private final TestCertificates certificates = TestCertificates.shared();
    private final TlsSettings trustingCa = TlsSettings.fromPemFiles(List.of(certificates.ca()), null, false);
    private final TlsSettings insecure = TlsSettings.fromPemFiles(List.of(), null, true);

    private static BackendRegistry rest(TlsSettings tls) {
        return BackendRegistry.of(new RestBackendFactory(2, Duration.ofSeconds(30), tls));
    }

    /** Creates the repository layout and writes and reads back one file. */
    private static void roundTrip(Backend backend) {
        Handle handle = new Handle(FileType.DATA, Id.hash("tls".getBytes(StandardCharsets.UTF_8)).hex());
        backend.create();
        backend.save(handle, "over TLS".getBytes(StandardCharsets.UTF_8));
        assertThat(backend.load(handle, 0, 0)).asString().isEqualTo("over TLS");
        assertThat(backend.list(FileType.DATA)).extracting(FileInfo::name).contains(handle.name());
    }

    @Test
    void trustsARestServerSignedByTheGivenCaOnly() {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("rest"), certificates, false)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> rest(TlsSettings.SYSTEM).open(server.location()).create())
                    .isInstanceOf(TlsException.class).hasMessageContaining("the server's certificate is not trusted")
                    .hasMessageContaining("--cacert");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not retried").isLessThan(BackendRegistry
                    .INITIAL_BACKOFF.multipliedBy(7));

            roundTrip(rest(trustingCa).open(server.location()));
            assertThat(rest(insecure).open(server.location()).exists(Handle.config())).isFalse();
        }
    }

    @Test
    void checksTheHostNameUnlessInsecure() {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("rest"), certificates.otherHost(),
                certificates.otherHostKey(), null)) {
            assertThatThrownBy(() -> rest(trustingCa).open(server.location()).create())
                    .isInstanceOf(TlsException.class).hasMessageContaining("127.0.0.1");

            roundTrip(rest(insecure).open(server.location()));
        }
    }

    @Test
    void showsTheClientCertificateToAServerThatAsksForOne() {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("rest"), certificates, true)) {
            assertThatThrownBy(() -> rest(trustingCa).open(server.location()).create())
                    .isInstanceOf(TlsException.class).hasMessageContaining("--tls-client-cert");

            roundTrip(rest(TlsSettings.fromPemFiles(List.of(certificates.ca()), certificates.client(), false))
                    .open(server.location()));
        }
    }

    @Test
    void reachesS3OverHttpsWithTheCaOrInsecurely() {
        try (S3rver s3rver = S3rver.start(certificates)) {
            S3Settings settings = S3Settings.fromEnvironment(s3rver.environment());
            BackendRegistry system = BackendRegistry.of(new S3BackendFactory(settings,
                    S3BackendFactory.BucketLookup.AUTO, 2, TlsSettings.SYSTEM));

            assertThatThrownBy(() -> system.open(s3rver.location("untrusted")).exists(Handle.config()))
                    .isInstanceOf(TlsException.class).hasMessageContaining("--cacert");
            roundTrip(BackendRegistry.of(new S3BackendFactory(settings, S3BackendFactory.BucketLookup.AUTO, 2,
                    trustingCa)).open(s3rver.location("trusted")));
            roundTrip(BackendRegistry.of(new S3BackendFactory(settings, S3BackendFactory.BucketLookup.AUTO, 2,
                    insecure)).open(s3rver.location("insecure")));
        }
    }

    @Test
    void reachesAzureOverHttpsWithTheCaOrInsecurely() {
        try (Azurite azurite = Azurite.start(certificates)) {
            AzureSettings settings = AzureSettings.accountKey(Azurite.ACCOUNT, Azurite.KEY)
                    .withEndpoint(azurite.endpoint());

            roundTrip(BackendRegistry.of(new AzureBackendFactory(settings, 2, trustingCa))
                    .open("azure:trusted:/repo"));
            roundTrip(BackendRegistry.of(new AzureBackendFactory(settings, 2, insecure)).open("azure:insecure:/repo"));
        }
    }
}
