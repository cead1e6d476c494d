package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.testkit.Peers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The real {@code restic} binary run against one repository, without a cache; skips or fails when it is absent. */
public final class Restic {

    public static final String PASSWORD = "interop-password";

    private final Path binary;
    private final String repository;
    private final String password;
    private final Map<String, String> environment;
    private final @Nullable Path directory;

    public Restic(Path repository) {
        this(repository, PASSWORD);
    }

    public Restic(Path repository, String password) {
        this(repository.toString(), password, Map.of());
    }

    /** restic on any repository location ({@code s3:...}, {@code rest:...}) with {@code environment} added. */
    public Restic(String repository, String password, Map<String, String> environment) {
        this(Peers.executable("restic", "apt-get install -y restic"), repository, password, environment, null);
    }

    private Restic(Path binary, String repository, String password, Map<String, String> environment,
            @Nullable Path directory) {
        this.binary = binary;
        this.repository = repository;
        this.password = password;
        this.environment = Map.copyOf(environment);
        this.directory = directory;
    }

    /** The same restic, run with {@code directory} as its working directory (for relative paths). */
    public Restic in(Path directory) {
        return new Restic(binary, repository, password, environment, directory);
    }

    /**
     * Creates the repository with a cheap key (restic reads any scrypt costs), for tests where restic writes data but
     * need not have created the repository; saves restic's ~0.5 s scrypt on every later command.
     */
    public Restic initWithCheapKey() {
        dev.holdfast.backup.repository.Repository.init(
                new dev.holdfast.backup.backend.local.LocalBackend(Path.of(repository)), password,
                Fixtures.options(dev.holdfast.backup.Compression.AUTO), null).close();
        return this;
    }

    /** The outcome of one run. */
    public record Result(int exitCode, String stdout, String stderr) {

        public Result assertSuccess() {
            assertThat(exitCode).as("restic failed: %s%n%s", stderr, stdout).isZero();
            return this;
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(stdout);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The paths {@code restic ls --json latest} lists, sorted. */
    public TreeSet<String> latestPaths() {
        TreeSet<String> paths = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : run("ls", "--json", "latest").assertSuccess().stdout().lines().toList()) {
            try {
                JsonNode node = json.readTree(line);
                if (node.has("path")) {
                    paths.add(node.get("path").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return paths;
    }

    /** Starts restic with stdin left open (so e.g. {@code backup --stdin} holds its lock); output is discarded. */
    public Process start(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-cache", "-r", repository));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        builder.environment().put("RESTIC_PASSWORD", password);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(String... args) {
        return run(null, args);
    }

    public Result run(byte @Nullable [] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--no-cache", "-r", repository));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory == null ? null : directory.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("RESTIC_PASSWORD", password);
        builder.environment().remove("RESTIC_REPOSITORY");
        try {
            Path out = Files.createTempFile("restic-out", ".txt");
            Path err = Files.createTempFile("restic-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin);
            }
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("restic timed out: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
