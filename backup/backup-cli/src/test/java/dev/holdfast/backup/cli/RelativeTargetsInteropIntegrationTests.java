package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdfast.backup.interop.Restic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4 (drop-in): relative targets are saved where restic 0.14 saves them ({@code backup docs} as {@code /docs},
 * {@code backup .} as the directory's entries at the root), so a restore puts the files where a restic user expects
 * them. Holdfast runs as a process of its own in the same working directory as restic; both snapshots are listed by
 * restic.
 */
class RelativeTargetsInteropIntegrationTests {

    @TempDir
    Path temp;

    Path tree;

    @BeforeEach
    void makeTree() throws IOException {
        tree = temp.resolve("tree");
        write("many/a.txt", "a");
        write("many/sub/b.txt", "b");
        write("other/x/c.txt", "c");
        write("top.txt", "t");
    }

    private void write(String relative, String content) throws IOException {
        Path path = tree.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("", List.of("many")),
                Arguments.of("", List.of(".")),
                Arguments.of("other", List.of("..")),
                Arguments.of("other", List.of("../many/sub", "x")),
                Arguments.of("", List.of("many", "other/x/c.txt", "./top.txt")));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void savesRelativeTargetsWhereResticSavesThem(String cwd, List<String> targets) throws Exception {
        Path directory = tree.resolve(cwd);
        Restic restic = new Restic(temp.resolve("restic-repo")).initWithCheapKey().in(directory);
        List<String> args = new ArrayList<>(List.of("backup"));
        args.addAll(targets);
        restic.run(args.toArray(String[]::new)).assertSuccess();
        Path ours = temp.resolve("holdfast-repo");
        assertThat(holdfast(directory, ours, "init").exitCode()).isZero();

        Run backup = holdfast(directory, ours, args.toArray(String[]::new));

        assertThat(backup.exitCode()).as(backup.stderr()).isZero();
        Listing expected = listed(restic);
        assertThat(expected.paths()).as("restic saved some files").isNotEmpty();
        assertThat(listed(new Restic(ours))).isEqualTo(expected);
    }

    @Test
    void savesADirectoryNamedOnTheCommandLineAtTheRootOfTheSnapshot() throws Exception {
        Path repository = temp.resolve("holdfast-repo");
        assertThat(holdfast(tree, repository, "init").exitCode()).isZero();

        assertThat(holdfast(tree, repository, "backup", "many").exitCode()).isZero();

        Listing listing = listed(new Restic(repository));
        assertThat(listing.paths()).containsExactly("/many", "/many/a.txt", "/many/sub", "/many/sub/b.txt");
        assertThat(listing.snapshotPaths()).containsExactly(tree.resolve("many").toString());
    }

    @Test
    void refusesTwoTargetsThatWouldBeSavedAtOnePlace() throws Exception {
        String top = tree.getName(0).toString(); // "tmp": where the absolute target starts in the snapshot
        write(top + "/d.txt", "d");
        Path repository = temp.resolve("holdfast-repo");
        assertThat(holdfast(tree, repository, "init").exitCode()).isZero();

        Run backup = holdfast(tree, repository, "backup", tree.resolve("many").toString(), top);

        assertThat(backup.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(backup.stderr()).contains(tree.resolve(top) + " would both be saved as the same path");
        assertThat(new Restic(repository).run("snapshots", "--json").assertSuccess().json()).isEmpty();
    }

    private record Listing(TreeSet<String> paths, TreeSet<String> snapshotPaths) {}

    private static Listing listed(Restic restic) throws IOException {
        TreeSet<String> snapshotPaths = new TreeSet<>();
        new ObjectMapper().readTree(restic.run("snapshots", "--json", "latest").assertSuccess().stdout())
                .forEach(snapshot -> snapshot.get("paths").forEach(path -> snapshotPaths.add(path.asText())));
        return new Listing(restic.latestPaths(), snapshotPaths);
    }

    private record Run(int exitCode, String stderr) {}

    /** holdfast-backup as a process of its own in {@code directory} (a test's JVM cannot change its own). */
    private static Run holdfast(Path directory, Path repository, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                HoldfastBackup.class.getName(), "--insecure-kdf", "-r", repository.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        builder.environment().remove(HeapFit.HEAP_VARIABLE);
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), stderr);
    }
}
