package dev.holdfast.backup.backend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendContractTests;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.backend.MissingFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The REST v2 client, decorated as the CLI opens it, against the in-test REST server. */
class RestBackendContractTests extends BackendContractTests {

    @TempDir
    Path temp;

    RestServer server;

    @Override
    protected Backend newBackend() {
        server = RestServer.start(temp.resolve("repo"), "holdfast", "s3cret:/@");
        return registry().open(server.location("holdfast", "s3cret%3A%2F%40"));
    }

    private static BackendRegistry registry() {
        return BackendRegistry.of(new RestBackendFactory(5, Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        backend.close();
        server.close();
    }

    @Test
    void keepsThePasswordOutOfTheLocation() {
        assertThat(backend.location()).doesNotContain("s3cret").startsWith("http://127.0.0.1:");
    }

    @Test
    void listsWithSizesFromAProtocolVersionOneServer() {
        Handle snapshot = new Handle(FileType.SNAPSHOT, dev.holdfast.backup.Id.hash(new byte[] {9}).hex());
        backend.save(snapshot, new byte[] {1, 2, 3});
        server.speakVersionOneOnly();

        assertThat(backend.list(FileType.SNAPSHOT)).containsExactly(new FileInfo(snapshot.name(), 3));
    }

    @Test
    void failsClearlyWithAWrongPassword() {
        try (Backend wrong = new RestBackendFactory(1, Duration.ofSeconds(5))
                .open(server.location("holdfast", "wrong"))) {
            assertThatThrownBy(() -> wrong.list(FileType.SNAPSHOT)).isInstanceOf(BackendException.class)
                    .isNotInstanceOf(MissingFileException.class).hasMessageContaining("HTTP 401");
        }
    }
}
