package dev.holdfast.backup.backend;

import dev.holdfast.backup.backend.local.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The decorators keep the contract: retry around limit around local. */
class DecoratedBackendContractTests extends BackendContractTests {

    @TempDir
    Path temp;

    @Override
    protected Backend newBackend() {
        return new RetryBackend(new LimitingBackend(new LocalBackend(temp.resolve("repo")), 2), 3,
                Duration.ofMillis(1));
    }
}
