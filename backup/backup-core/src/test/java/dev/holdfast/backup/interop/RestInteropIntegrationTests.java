package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.rest.RestBackendFactory;
import dev.holdfast.backup.backend.rest.RestServer;
import dev.holdfast.backup.checker.CheckOptions;
import dev.holdfast.backup.checker.Checker;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.Restorer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, REST backend: Holdfast and restic 0.14 share one repository behind a REST v2 server, both ways. */
class RestInteropIntegrationTests {

    @TempDir
    Path temp;

    RestServer server;
    String location;

    @BeforeEach
    void start() {
        server = RestServer.start(temp.resolve("served"), "backup", "pw");
        location = server.location("backup", "pw");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Repository open() {
        return Repository.open(registry().open(location), Restic.PASSWORD, Fixtures.options(Compression.AUTO));
    }

    private static BackendRegistry registry() {
        return BackendRegistry.of(new RestBackendFactory(5, Duration.ofSeconds(30)));
    }

    @Test
    void resticRestoresWhatHoldfastBackedUpOverRest() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        try (Repository repository = Repository.init(registry().open(location), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null)) {
            assertThat(new Archiver(repository).backup(List.of(source), BackupOptions.of("holdfast")).errors())
                    .isEmpty();
        }

        Restic restic = new Restic(location, Restic.PASSWORD, Map.of());
        assertThat(restic.run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }

    @Test
    void holdfastRestoresWhatResticBackedUpOverRest() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        Restic restic = new Restic(location, Restic.PASSWORD, Map.of());
        restic.run("init").assertSuccess();
        restic.run("backup", source.toString()).assertSuccess();

        try (Repository repository = open()) {
            assertThat(new Checker(repository).check(CheckOptions.readAllData()).errors()).isEmpty();
            assertThat(new Restorer(repository).restore(repository.findSnapshot("latest"), temp.resolve("out"),
                    RestoreOptions.all().withVerify(true)).errors()).isEmpty();
        }

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }
}
