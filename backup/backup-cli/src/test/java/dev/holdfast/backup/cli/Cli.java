package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs holdfast-backup in-process with its own environment, as a shell would run the binary. */
final class Cli {

    private final Map<String, String> env = new HashMap<>();
    private byte[] stdin = new byte[0];

    /** The CLI on {@code location} with the interop tests' password, both given as restic's variables. */
    static Cli forRepository(String location) {
        return new Cli().env("RESTIC_REPOSITORY", location).env("RESTIC_PASSWORD", Restic.PASSWORD);
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli stdin(byte[] data) {
        stdin = data;
        return this;
    }

    record Result(int exitCode, String stdout, String stderr, byte[] stdoutBytes) {

        Result assertSuccess() {
            assertThat(exitCode).as("holdfast-backup failed: %s%n%s", stderr, stdout).isZero();
            return this;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] withKdf = new String[args.length + 1];
        withKdf[0] = "--insecure-kdf";
        System.arraycopy(args, 0, withKdf, 1, args.length);
        int code = HoldfastBackup.run(withKdf, env, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }
}
