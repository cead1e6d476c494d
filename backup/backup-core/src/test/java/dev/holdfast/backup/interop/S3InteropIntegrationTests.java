package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.objectstore.S3BackendFactory;
import dev.holdfast.backup.backend.objectstore.S3rver;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.objectstore.s3.S3Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, S3 backend: Holdfast backs up into s3rver, and restic 0.14 reads the same bucket and prefix (its minio
 * client addresses a loopback endpoint path-style, as Holdfast's {@code auto} bucket lookup does).
 */
class S3InteropIntegrationTests {

    static S3rver s3rver;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        s3rver = S3rver.start();
    }

    @AfterAll
    static void stop() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    @Test
    void resticRestoresWhatHoldfastBackedUpToS3() throws Exception {
        String location = s3rver.location("interop");
        Path source = SampleTree.create(temp.resolve("src"));
        BackendRegistry registry = BackendRegistry.of(new S3BackendFactory(
                S3Settings.fromEnvironment(s3rver.environment()), S3BackendFactory.BucketLookup.AUTO, 5));
        try (Repository repository = Repository.init(registry.open(location), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            assertThat(new Archiver(repository).backup(List.of(source), BackupOptions.of("holdfast")).errors())
                    .isEmpty();
        }

        Restic restic = new Restic(location, Restic.PASSWORD, s3rver.environment());
        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }
}
