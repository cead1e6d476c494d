package dev.holdfast.backup.backend;

import dev.holdfast.backup.backend.local.LocalBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** The decorators keep the contract: retry around limit around rate limit (too high to wait for) around local. */
class DecoratedBackendContractTests extends BackendContractTests {

    @TempDir
    Path temp;

    @Override
    protected Backend newBackend() {
        RateLimits fast = new RateLimits(1L << 30, 1L << 30);
        return new RetryBackend(new LimitingBackend(new RateLimitingBackend(new LocalBackend(temp.resolve("repo")),
                fast), 2), 3, Duration.ofMillis(1));
    }
}
