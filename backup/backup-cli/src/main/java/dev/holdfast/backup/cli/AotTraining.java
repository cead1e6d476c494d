package dev.holdfast.backup.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The training run for the JDK's ahead-of-time cache (JEP 483/514), run once at package time with
 * {@code -XX:AOTCacheOutput}: the common verbs on a small generated tree in a local repository, so that the
 * classes, linked call sites and method profiles of a real run are in the cache the launcher then uses
 * ({@code -XX:AOTCache}). Not part of the command line; the data is deterministic and removed afterwards.
 */
final class AotTraining {

    private AotTraining() {}

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of("."), "aot-training");
        try {
            Path source = sampleTree(work.resolve("source"));
            String repo = work.resolve("repo").toString();
            Map<String, String> env = Map.of("RESTIC_PASSWORD", "training");
            run(env, "--help");
            run(env, "-r", repo, "init");
            run(env, "-r", repo, "backup", source.toString());
            Files.writeString(source.resolve("dir0/changed.txt"), "changed\n");
            run(env, "-r", repo, "backup", source.toString());
            run(env, "-r", repo, "backup", source.toString());
            run(env, "-r", repo, "snapshots");
            run(env, "-r", repo, "--json", "snapshots");
            run(env, "-r", repo, "ls", "latest");
            run(env, "-r", repo, "diff", "latest", "latest");
            run(env, "-r", repo, "stats");
            run(env, "-r", repo, "restore", "latest", "--target", work.resolve("restored").toString());
            run(env, "-r", repo, "check", "--read-data");
            run(env, "-r", repo, "forget", "--keep-last", "1", "--prune");
            run(env, "-r", repo, "check");
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void run(Map<String, String> env, String... args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int code = HoldfastBackup.run(args, env, new ByteArrayInputStream(new byte[0]), discard, System.err);
        if (code != HoldfastBackup.OK) {
            throw new IllegalStateException("training command " + String.join(" ", args) + " exited " + code);
        }
    }

    /** Small files in a few folders, a compressible and an incompressible file of a few chunks, a symlink. */
    private static Path sampleTree(Path root) throws IOException {
        Random random = new Random(4);
        for (int d = 0; d < 4; d++) {
            Path dir = Files.createDirectories(root.resolve("dir" + d));
            for (int f = 0; f < 25; f++) {
                byte[] small = new byte[random.nextInt(8192)];
                random.nextBytes(small);
                Files.write(dir.resolve("file" + f + ".bin"), small);
            }
        }
        StringBuilder log = new StringBuilder();
        for (int i = 0; log.length() < 6 << 20; i++) {
            log.append("2026-11-30T10:00:").append(i % 60).append(" INFO request ").append(random.nextInt(1000))
                    .append(" served in ").append(random.nextInt(500)).append(" ms\n");
        }
        Files.writeString(root.resolve("app.log"), log);
        byte[] noise = new byte[6 << 20];
        random.nextBytes(noise);
        Files.write(root.resolve("random.bin"), noise);
        Files.write(root.resolve("empty"), new byte[0]);
        Files.createSymbolicLink(root.resolve("link"), Path.of("app.log"));
        return root;
    }
}
