package dev.holdfast.backup.backend.objectstore;

import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendContractTests;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.objectstore.s3.S3Settings;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The S3 backend, decorated as the CLI opens it, against s3rver: the backend contract (restic reading it back is in S3InteropIntegrationTests). */
class S3BackendContractTests extends BackendContractTests {

    static S3rver s3rver;
    static BackendRegistry registry;

    @BeforeAll
    static void start() {
        s3rver = S3rver.start();
        registry = BackendRegistry.of(new S3BackendFactory(S3Settings.fromEnvironment(s3rver.environment()),
                S3BackendFactory.BucketLookup.AUTO, 5));
    }

    @AfterAll
    static void stop() {
        if (s3rver != null) {
            s3rver.close();
        }
    }

    @Override
    protected Backend newBackend() {
        return registry.open(s3rver.location("repo-" + UUID.randomUUID()));
    }
}
