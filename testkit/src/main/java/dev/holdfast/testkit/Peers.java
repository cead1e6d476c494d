package dev.holdfast.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Peers are real programs a test talks to: PostgreSQL, the {@code restic} binary, Azurite, s3rver, Chromium.
 *
 * <p>On a developer laptop a missing peer skips the test with a message that says how to get it. In CI
 * ({@code HOLDFAST_REQUIRE_PEERS=1}) a missing peer fails the test, so nothing is silently not tested.
 */
public final class Peers {

    private Peers() {}

    /** Whether missing peers fail tests instead of skipping them. */
    public static boolean required() {
        String value = System.getenv("HOLDFAST_REQUIRE_PEERS");
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /**
     * Skips (or, when peers are required, fails) the calling test unless {@code available} holds.
     *
     * @param peer what is missing, e.g. "restic"
     * @param hint how to get it, e.g. "apt-get install restic"
     */
    public static void assume(boolean available, String peer, String hint) {
        if (available) {
            return;
        }
        String message = peer + " is not available (" + hint + ")";
        if (required()) {
            Assertions.fail(message + "; HOLDFAST_REQUIRE_PEERS=1 makes this a failure");
        }
        Assumptions.abort(message + "; test skipped");
    }

    /** The executable {@code name} on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The executable {@code name} on the PATH; skips or fails the test when absent. */
    public static Path executable(String name, String hint) {
        Optional<Path> found = onPath(name);
        assume(found.isPresent(), name, hint);
        return found.orElseThrow();
    }

    /**
     * A program installed from npm into the repository's {@code test-peers/} folder
     * ({@code npm ci --prefix test-peers}), found by walking up from the working directory.
     */
    public static Optional<Path> npmBin(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test-peers/node_modules/.bin").resolve(name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The npm program {@code name} from {@code test-peers/}; skips or fails the test when absent. */
    public static Path npmExecutable(String name) {
        Optional<Path> found = npmBin(name);
        assume(found.isPresent(), name, "run: npm ci --prefix test-peers");
        return found.orElseThrow();
    }

    /**
     * The repository's {@code test-peers/} folder, when the npm library {@code name} is installed there (for Node
     * scripts kept in that folder, which import it); skips or fails the test when it is absent or Node is missing.
     */
    public static Path npmLibrary(String name) {
        executable("node", "install Node.js 20 or newer");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-peers/node_modules").resolve(name))) {
                return dir.resolve("test-peers");
            }
        }
        assume(false, name, "run: npm ci --prefix test-peers");
        throw new IllegalStateException("unreachable");
    }

    /** A TCP port on loopback that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on loopback", e);
        }
    }
}
