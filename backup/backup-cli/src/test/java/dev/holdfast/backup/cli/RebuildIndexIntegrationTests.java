package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 (nothing is lost): with its index files gone, a repository is indexed again from its packs, as restic's
 * {@code rebuild-index} does, and restic then checks every byte of it.
 */
class RebuildIndexIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    @Test
    void indexesTheRepositoryAgainFromItsPacks() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Files.writeString(source.resolve("small.txt"), "changed");
        cli().run("backup", source.toString()).assertSuccess();
        TreeSet<String> blobs = lines(cli().run("list", "blobs").assertSuccess().stdout());
        try (Stream<Path> index = Files.list(temp.resolve("repo/index"))) {
            for (Path file : index.toList()) {
                Files.delete(file);
            }
        }
        assertThat(cli().run("check").exitCode()).as("a repository without its index").isNotZero();

        Cli.Result rebuilt = cli().run("rebuild-index");

        assertThat(rebuilt.exitCode()).as(rebuilt.stderr()).isZero();
        assertThat(lines(cli().run("list", "blobs").assertSuccess().stdout())).isEqualTo(blobs);
        assertThat(new Restic(temp.resolve("repo")).run("check", "--read-data").assertSuccess().stdout())
                .contains("no errors were found");
        cli().run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
        cli().run("rebuild-index", "--read-all-packs").assertSuccess();
        assertThat(lines(cli().run("list", "blobs").assertSuccess().stdout())).isEqualTo(blobs);
        try (Stream<Path> index = Files.list(temp.resolve("repo/index"))) {
            assertThat(index.toList()).as("the index of the first rebuild is replaced").hasSize(1);
        }
    }

    private static TreeSet<String> lines(String output) {
        return new TreeSet<>(List.of(output.split("\n")));
    }
}
