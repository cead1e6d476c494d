package dev.holdfast.backup.backend.objectstore;

import dev.holdfast.backup.backend.TestCertificates;
import dev.holdfast.objectstore.Emulator;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** s3rver (npm, test-peers) on loopback with one bucket, for one test class. */
public final class S3rver implements AutoCloseable {

    public static final String BUCKET = "holdfast-backup";
    /** s3rver's fixed development credentials; not secrets. */
    public static final String KEY = "S3RVER";
    public static final String SECRET = "S3RVER";

    private final Emulator emulator;
    private final Path data;
    private final String scheme;

    private S3rver(Emulator emulator, Path data, String scheme) {
        this.emulator = emulator;
        this.data = data;
        this.scheme = scheme;
    }

    public static S3rver start() {
        return start(null);
    }

    /** s3rver over HTTPS with the test CA's certificate for 127.0.0.1 when {@code tls} is given, else HTTP. */
    public static S3rver start(@Nullable TestCertificates tls) {
        Path executable = Peers.npmExecutable("s3rver");
        int port = Peers.freePort();
        try {
            Path data = Files.createTempDirectory("s3rver-");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--address", "127.0.0.1",
                    "--port", Integer.toString(port), "--directory", data.toString(), "--configure-bucket", BUCKET));
            if (tls != null) {
                command.addAll(List.of("--cert", tls.server().toString(), "--key", tls.serverKey().toString()));
            }
            return new S3rver(Emulator.start("s3rver", command,
                    // s3rver encrypts list continuation tokens with DES, which Node.js 17+ only has in its legacy provider
                    Map.of("NODE_OPTIONS", "--openssl-legacy-provider"), port), data, tls == null ? "http" : "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The restic spelling of a repository under {@code prefix} in the bucket. */
    public String location(String prefix) {
        return "s3:" + scheme + "://127.0.0.1:" + emulator.port() + "/" + BUCKET + "/" + prefix;
    }

    /** The environment restic and the CLI read the credentials from. */
    public Map<String, String> environment() {
        return Map.of("AWS_ACCESS_KEY_ID", KEY, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_DEFAULT_REGION", "us-east-1");
    }

    @Override
    public void close() {
        emulator.close();
        Emulator.deleteTree(data);
    }
}
