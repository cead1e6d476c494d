package dev.holdfast.objectstore.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.Emulator;
import dev.holdfast.objectstore.GeneratedStream;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreContractTests;
import dev.holdfast.testkit.Peers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The S3 store against s3rver (npm) on loopback: the shared contract plus S3's own request details. */
class S3ObjectStoreIntegrationTests extends ObjectStoreContractTests {

    static final String BUCKET = "holdfast-test";
    static final String KEY = "S3RVER";
    static final String SECRET = "S3RVER";

    static Emulator s3rver;
    static Path data;
    static S3Settings settings;
    static URI endpoint;

    @BeforeAll
    static void startS3rver() throws Exception {
        Path executable = Peers.npmExecutable("s3rver");
        int port = Peers.freePort();
        data = Files.createTempDirectory("s3rver-");
        s3rver = Emulator.start("s3rver", List.of(executable.toString(), "--address", "127.0.0.1", "--port",
                Integer.toString(port), "--directory", data.toString(), "--configure-bucket", BUCKET),
                // s3rver encrypts list continuation tokens with DES, which Node.js 17+ only has in its legacy provider
                Map.of("NODE_OPTIONS", "--openssl-legacy-provider"), port);
        endpoint = URI.create("http://127.0.0.1:" + port);
        settings = S3Settings.DEFAULTS.withRegion("us-east-1").withPathStyle(true).withKeys(KEY, SECRET)
                .withPartSize(S3Settings.MIN_PART_SIZE);
    }

    @AfterAll
    static void stopS3rver() {
        if (s3rver != null) {
            s3rver.close();
            Emulator.deleteTree(data);
        }
    }

    /** What s3rver needs to store objects intact; production clients keep the SDK's defaults. */
    static UnaryOperator<S3ClientBuilder> emulatorQuirks() {
        return builder -> builder
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    static S3Location freshLocation() {
        return new S3Location(endpoint, BUCKET, "test-" + UUID.randomUUID() + "/");
    }

    @Override
    protected ObjectStore newStore() {
        return S3ObjectStore.open(freshLocation(), settings, emulatorQuirks());
    }

    /** An unknown access key: s3rver checks the key id but not SigV4 signatures, so a wrong secret alone passes. */
    @Override
    protected ObjectStore storeWithWrongCredentials() {
        return S3ObjectStore.open(freshLocation(), settings.withKeys("WRONGKEY", "wrong-secret"), emulatorQuirks());
    }

    @Override
    protected Optional<String> atomicReplaceUnsupported() {
        return Optional.of("s3rver 3.7 writes an object's file in place as the bytes arrive, so concurrent PUTs of one key "
                + "can interleave (seen in CI); S3 itself replaces objects atomically");
    }

    @Override
    protected Optional<String> createOnlyUnsupported() {
        return Optional.of("s3rver 3.7 ignores If-None-Match on PutObject and CompleteMultipartUpload "
                + "(S3 itself honours it; sendsIfNoneMatchOnCreateOnlyPuts checks the request)");
    }

    @Test
    void sendsIfNoneMatchOnCreateOnlyPuts() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put) {
                    seen.put("PutObject " + put.key(), String.valueOf(put.ifNoneMatch()));
                } else if (context.request() instanceof CompleteMultipartUploadRequest complete) {
                    seen.put("Complete " + complete.key(), String.valueOf(complete.ifNoneMatch()));
                }
            }
        };
        S3Location where = freshLocation();
        try (ObjectStore recorded = S3ObjectStore.open(where, settings,
                b -> emulatorQuirks().apply(b).overrideConfiguration(c -> c.addExecutionInterceptor(recorder)))) {
            recorded.create("small", Content.of(bytes("x")));
            recorded.create("large", Content.of(GeneratedStream.of(12L << 20, 1)));
            recorded.put("plain", Content.of(bytes("x")));
        }

        assertThat(seen).containsEntry("PutObject " + where.prefix() + "small", "*")
                .containsEntry("Complete " + where.prefix() + "large", "*")
                .containsEntry("PutObject " + where.prefix() + "plain", "null");
    }

    @Test
    void abortsTheMultipartUploadWhenTheContentFails() {
        Map<String, String> seen = new ConcurrentHashMap<>();
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof AbortMultipartUploadRequest abort) {
                    seen.put("aborted", abort.uploadId());
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.response() instanceof CreateMultipartUploadResponse created) {
                    seen.put("created", created.uploadId());
                }
            }
        };
        // s3rver answers AbortMultipartUpload with 405, so the request itself is what can be checked here.
        try (ObjectStore s3 = S3ObjectStore.open(freshLocation(), settings,
                b -> emulatorQuirks().apply(b).overrideConfiguration(c -> c.addExecutionInterceptor(recorder)))) {
            assertThatThrownBy(() -> s3.put("aborted", Content.of(GeneratedStream.failingAfter(30L << 20, 1, 16L << 20))))
                    .isInstanceOf(ContentReadException.class);
            assertThat(s3.exists("aborted")).isFalse();
        }

        assertThat(seen.get("created")).isNotBlank();
        assertThat(seen).containsEntry("aborted", seen.get("created"));
    }
}
