package dev.holdfast.objectstore;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A peer program (Azurite, s3rver) run on loopback for one test class: started, waited for until its port answers,
 * and stopped with its child processes. Its output goes to a log file under {@code target/}, quoted when it fails.
 */
public final class Emulator implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private Emulator(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code command} and waits until something accepts connections on 127.0.0.1:{@code port}. */
    public static Emulator start(String name, List<String> command, int port) {
        return start(name, command, Map.of(), port);
    }

    /** As {@link #start(String, List, int)}, with {@code environment} added to the process's environment. */
    public static Emulator start(String name, List<String> command, Map<String, String> environment, int port) {
        try {
            Path log = Files.createDirectories(Path.of("target", "emulators")).resolve(name + "-" + port + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            Emulator emulator = new Emulator(name, process, log, port);
            emulator.awaitPort();
            return emulator;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + command, e);
        }
    }

    /** Deletes {@code dir} and everything under it (an emulator's data directory, after {@link #close()}). */
    public static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // leftovers in the temporary directory cost disk space only
        }
    }

    public int port() {
        return port;
    }

    /** Blocks until the port answers; fails with the emulator's log if it exits or does not answer in time. */
    private void awaitPort() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        close();
        throw new IllegalStateException(name + " did not answer on port " + port + " within " + START_TIMEOUT
                + ":\n" + logTail());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an emulator", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
