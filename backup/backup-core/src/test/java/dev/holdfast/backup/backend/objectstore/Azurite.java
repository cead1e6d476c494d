package dev.holdfast.backup.backend.objectstore;

import dev.holdfast.backup.backend.TestCertificates;
import dev.holdfast.objectstore.Emulator;
import org.jspecify.annotations.Nullable;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Azurite's blob service (npm, test-peers) on loopback, for one test class. */
public final class Azurite implements AutoCloseable {

    /** Azurite's well-known development account; not a secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Emulator emulator;
    private final Path data;
    private final String scheme;

    private Azurite(Emulator emulator, Path data, String scheme) {
        this.emulator = emulator;
        this.data = data;
        this.scheme = scheme;
    }

    public static Azurite start() {
        return start(null);
    }

    /** Azurite over HTTPS with the test CA's certificate for 127.0.0.1 when {@code tls} is given, else HTTP. */
    public static Azurite start(@Nullable TestCertificates tls) {
        Path executable = Peers.npmExecutable("azurite-blob");
        int port = Peers.freePort();
        try {
            Path data = Files.createTempDirectory("azurite-");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "--blobHost", "127.0.0.1",
                    "--blobPort", Integer.toString(port), "--location", data.toString(), "--skipApiVersionCheck",
                    "--disableTelemetry", "--silent"));
            if (tls != null) {
                command.addAll(List.of("--cert", tls.server().toString(), "--key", tls.serverKey().toString()));
            }
            return new Azurite(Emulator.start("azurite", command, port), data, tls == null ? "http" : "https");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create(scheme + "://127.0.0.1:" + emulator.port() + "/" + ACCOUNT);
    }

    @Override
    public void close() {
        emulator.close();
        Emulator.deleteTree(data);
    }
}
