package dev.holdfast.backup.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.archiver.Archiver;
import dev.holdfast.backup.archiver.BackupOptions;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.restorer.RestoreOptions;
import dev.holdfast.backup.restorer.Restorer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * restore's patterns select what restic 0.14's select, for the same snapshot: rooted and relative patterns, globs,
 * {@code **}, directories named by an include (with their contents and the folders leading to them, metadata
 * included), and the case-insensitive {@code --iinclude} and {@code --iexclude}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestorePatternsInteropIntegrationTests {

    private Path temp;
    private Restic restic;
    private Repository repository;
    private Snapshot snapshot;
    private String root;

    @BeforeAll
    void backUpATreeWithMixedCaseNames(@TempDir Path dir) throws IOException {
        temp = dir;
        Path source = temp.resolve("src");
        file(source.resolve("Docs/Report.TXT"), "report");
        file(source.resolve("Docs/notes.txt"), "notes");
        file(source.resolve("Docs/old/2019/Plan.md"), "plan");
        file(source.resolve("docs/lower.txt"), "lower");
        file(source.resolve("Photos/IMG_0001.JPG"), "jpeg");
        file(source.resolve("photos/img_0002.jpg"), "jpeg 2");
        file(source.resolve("cache/x.tmp"), "tmp");
        file(source.resolve("a/b/c/d/deep.TXT"), "deep");
        file(source.resolve("top.txt"), "top");
        Files.createDirectories(source.resolve("Empty"));
        int second = 0;
        try (var paths = Files.walk(source)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2024-03-01T10:00:00Z").plusSeconds(++second)));
            }
        }
        root = source.toString();
        restic = new Restic(temp.resolve("repo"));
        repository = Repository.init(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO), null);
        snapshot = new Archiver(repository).backup(List.of(source), BackupOptions.of("h")).snapshot();
    }

    @org.junit.jupiter.api.AfterAll
    void close() {
        repository.close();
    }

    private static void file(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    /** Each case: the flags, as restic takes them; {@code ROOT} stands for the backed-up folder's absolute path. */
    @ParameterizedTest
    @ValueSource(strings = {
        "--include *.txt",
        "--include ROOT/Docs",
        "--include ROOT/Docs/old/2019/Plan.md",
        "--include ROOT/*/old",
        "--include ROOT/**/deep.TXT",
        "--include **/c",
        "--include Docs/old --include top.txt",
        "--include ROOT/nothing-here",
        "--include *.{txt,md}",
        "--include ROOT/[a-c]/b",
        "--iinclude *.txt",
        "--iinclude ROOT/docs",
        "--iinclude photos --include ROOT/top.txt",
        "--exclude *.txt",
        "--exclude Docs",
        "--exclude ROOT/a/b --exclude cache",
        "--exclude **/old",
        "--exclude [Dd]ocs",
        "--iexclude docs",
        "--iexclude *.JPG --exclude Empty",
    })
    void selectsWhatResticSelects(String flags) throws IOException {
        List<String> args = new ArrayList<>(List.of(flags.replace("ROOT", root).split(" ")));
        RestoreOptions options = RestoreOptions.all();
        for (int i = 0; i < args.size(); i += 2) {
            List<String> pattern = List.of(args.get(i + 1));
            options = switch (args.get(i)) {
                case "--include" -> options.withIncludes(concat(options.includes(), pattern));
                case "--iinclude" -> options.withInsensitiveIncludes(concat(options.insensitiveIncludes(), pattern));
                case "--exclude" -> options.withExcludes(concat(options.excludes(), pattern));
                case "--iexclude" -> options.withInsensitiveExcludes(concat(options.insensitiveExcludes(), pattern));
                default -> throw new IllegalArgumentException(args.get(i));
            };
        }
        String name = Integer.toHexString(flags.hashCode());
        Path ours = temp.resolve("ours-" + name);
        Path theirs = temp.resolve("restic-" + name);
        assertThat(new Restorer(repository).restore(snapshot, ours, options).errors()).isEmpty();
        List<String> command = new ArrayList<>(List.of("restore", "latest", "--target", theirs.toString()));
        command.addAll(args);
        restic.run(command.toArray(String[]::new)).assertSuccess();

        assertThat(withoutTarget(ours)).as(flags).isEqualTo(withoutTarget(theirs));
    }

    @Test
    void refusesIncludesWithExcludesAsResticDoes() {
        assertThatThrownBy(() -> RestoreOptions.all().withInsensitiveIncludes(List.of("a")).withExcludes(List.of("b")))
                .isInstanceOf(BackupException.class).hasMessage("exclude and include patterns are mutually exclusive");
        Restic.Result theirs = restic.run("restore", "latest", "--target", temp.resolve("both").toString(),
                "--iinclude", "a", "--exclude", "b");
        assertThat(theirs.exitCode()).isEqualTo(1);
        assertThat(theirs.stderr()).contains("exclude and include patterns are mutually exclusive");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The restored tree without the target folder's own entry (each restore made its own, at its own time). */
    private static Map<String, String> withoutTarget(Path target) throws IOException {
        if (Files.notExists(target)) {
            return Map.of();
        }
        Map<String, String> tree = new TreeMap<>(TreeComparison.describe(target));
        tree.remove("");
        return tree;
    }
}
