package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4: for the same tree and the same exclude flags, Holdfast backs up exactly the files restic 0.14 backs up
 * (both snapshots listed by restic itself). {@code ROOT} in a flag stands for the tree's absolute path.
 */
class ExcludeInteropIntegrationTests {

    private static final Map<String, String> ENV = Map.of("HF_EXCLUDED", "*.bin");

    @TempDir
    Path temp;

    Path root;

    static Stream<List<String>> flags() {
        return Stream.of(
                List.of("--exclude", "*.log"),
                List.of("--exclude", "foo"),
                List.of("--exclude", "ROOT/dir/sub"),
                List.of("--exclude", "dir/foo/*"),
                List.of("--exclude", "**/c/*.txt"),
                List.of("--exclude", "ROOT/**/bar"),
                List.of("--exclude", "*.txt", "--exclude", "!a.txt"),
                List.of("--exclude", "[wx]", "--exclude", "\\[weird\\]name", "--exclude", "[^a-m]*.bin"),
                List.of("--exclude", "st?r\\*name", "--exclude", "other/"),
                List.of("--iexclude", "*.LOG", "--iexclude", "A.txt"),
                List.of("--exclude-file", "EXCLUDES"),
                List.of("--exclude-caches"),
                List.of("--exclude-if-present", ".nobackup"),
                List.of("--exclude-if-present", "CACHEDIR.TAG:Signature: 8a477f"),
                List.of("--exclude-larger-than", "1k"),
                List.of("--exclude-larger-than", "2M", "--exclude", "deep"),
                List.of("--files-from", "FILES"));
    }

    @BeforeEach
    void makeTree() throws IOException {
        root = temp.resolve("tree");
        write("a.txt", "a");
        write("A.TXT", "A");
        write("b.log", "b");
        write("B.LOG", "B");
        write("big.bin", "x".repeat(1536 * 1024));
        write("huge.bin", "y".repeat(3 * 1024 * 1024));
        write("small.bin", "s");
        write("cache/CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# a cache");
        write("cache/x", "x");
        write("fakecache/CACHEDIR.TAG", "not a signature");
        write("fakecache/y", "y");
        write("skip/.nobackup", "");
        write("skip/z", "z");
        write("skip/sub/w", "w");
        write("dir/sub/foo", "f");
        write("dir/foo/bar", "b");
        write("dir/foo/baz", "b");
        write("dir/other/x", "o");
        write("[weird]name", "w");
        write("star*name", "s");
        write("deep/a/b/c/target.txt", "t");
        write("deep/a/b/c/keep.md", "k");
        Files.writeString(temp.resolve("EXCLUDES"), "# comment\n\n  *.log  \n$HF_EXCLUDED\n${HF_EXCLUDED}x\n");
        Files.writeString(temp.resolve("FILES"), "# what to back up\n" + root + "/*.txt\n" + root + "/dir/*/b*\n\n"
                + root + "/deep\n" + root + "/no-such-*\n");
    }

    private void write(String relative, String content) throws IOException {
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    private List<String> resolve(List<String> flags) {
        List<String> result = new ArrayList<>();
        for (String flag : flags) {
            result.add(flag.equals("EXCLUDES") || flag.equals("FILES") ? temp.resolve(flag).toString()
                    : flag.replace("ROOT", root.toString()));
        }
        if (!flags.contains("--files-from")) {
            result.add(root.toString());
        }
        return result;
    }

    @ParameterizedTest
    @MethodSource("flags")
    void backsUpWhatResticBacksUp(List<String> flags) throws Exception {
        List<String> args = resolve(flags);
        Restic restic = new Restic(temp.resolve("restic-repo").toString(), Restic.PASSWORD, ENV);
        new Restic(temp.resolve("restic-repo")).initWithCheapKey();
        List<String> resticArgs = new ArrayList<>(List.of("backup"));
        resticArgs.addAll(args);
        restic.run(resticArgs.toArray(String[]::new)).assertSuccess();

        Cli cli = Cli.forRepository(temp.resolve("holdfast-repo").toString());
        ENV.forEach(cli::env);
        cli.run("init").assertSuccess();
        cli.run(resticArgs.toArray(String[]::new)).assertSuccess();

        TreeSet<String> expected = restic.latestPaths();
        try (Stream<Path> files = Files.walk(root)) {
            long all = files.filter(Files::isRegularFile).count();
            assertThat(expected.stream().filter(p -> Files.isRegularFile(Path.of(p)))).as("the flags leave some out")
                    .isNotEmpty().hasSizeLessThan((int) all);
        }
        assertThat(new Restic(temp.resolve("holdfast-repo")).latestPaths()).isEqualTo(expected);
    }
}
