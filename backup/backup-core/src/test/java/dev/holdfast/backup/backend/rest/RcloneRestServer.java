package dev.holdfast.backup.backend.rest;

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

/**
 * {@code rclone serve restic}, a real restic REST server, over HTTPS on loopback with the test CA's certificates;
 * optionally asking every client for a certificate signed by that CA. Skips (or fails, with
 * {@code HOLDFAST_REQUIRE_PEERS=1}) when rclone is absent.
 */
public final class RcloneRestServer implements AutoCloseable {

    private final Emulator emulator;

    private RcloneRestServer(Emulator emulator) {
        this.emulator = emulator;
    }

    /** Serves {@code root} with the certificate for localhost and 127.0.0.1. */
    public static RcloneRestServer start(Path root, TestCertificates certificates, boolean requireClientCertificate) {
        return start(root, certificates.server(), certificates.serverKey(),
                requireClientCertificate ? certificates.ca() : null);
    }

    /** Serves {@code root} with the given certificate and key; {@code clientCa} non-null asks clients for one. */
    public static RcloneRestServer start(Path root, Path certificate, Path key, @org.jspecify.annotations.Nullable Path clientCa) {
        Path rclone = Peers.executable("rclone", "apt-get install -y rclone");
        int port = Peers.freePort();
        try {
            Files.createDirectories(root);
            Path config = Files.createTempFile("rclone", ".conf");
            List<String> command = new ArrayList<>(List.of(rclone.toString(), "serve", "restic", "--addr",
                    "127.0.0.1:" + port, "--cert", certificate.toString(), "--key", key.toString()));
            if (clientCa != null) {
                command.addAll(List.of("--client-ca", clientCa.toString()));
            }
            command.add(root.toString());
            return new RcloneRestServer(Emulator.start("rclone", command, Map.of("RCLONE_CONFIG", config.toString()),
                    port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code rest:https://127.0.0.1:port/}, as restic spells it. */
    public String location() {
        return "rest:https://127.0.0.1:" + emulator.port() + "/";
    }

    @Override
    public void close() {
        emulator.close();
    }
}
