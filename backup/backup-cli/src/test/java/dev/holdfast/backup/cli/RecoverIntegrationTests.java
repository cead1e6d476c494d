package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdfast.backup.interop.Restic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 (nothing is lost): a snapshot forgotten by mistake, before any prune, comes back with {@code recover} as
 * restic's {@code recover} brings it back: a snapshot of {@code /recover} tagged {@code recovered} holding the
 * forgotten tree under its short ID.
 */
class RecoverIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void recoversAForgottenSnapshotsTreeAsResticDoes() throws Exception {
        Path repository = temp.resolve("repo");
        Cli cli = Cli.forRepository(repository.toString());
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("only-in-the-first.txt"), "precious");
        cli.run("init").assertSuccess();
        cli.run("backup", source.toString()).assertSuccess();
        Files.delete(source.resolve("only-in-the-first.txt"));
        Files.writeString(source.resolve("later.txt"), "later");
        cli.run("backup", source.toString()).assertSuccess();
        cli.run("forget", "--keep-last", "1").assertSuccess();
        Path copy = temp.resolve("copy");
        copyTree(repository, copy);
        Restic restic = new Restic(copy);

        Cli.Result ours = cli.run("recover").assertSuccess();
        restic.run("recover").assertSuccess();

        assertThat(ours.stdout()).contains("found 1 unreferenced roots").contains("saved new snapshot");
        assertThat(recovered(new Restic(repository))).isEqualTo(recovered(restic)).hasSize(1);
        JsonNode snapshot = newest(new Restic(repository));
        assertThat(snapshot.get("paths").toString()).isEqualTo("[\"/recover\"]");
        assertThat(snapshot.get("tags").toString()).isEqualTo("[\"recovered\"]");
        new Restic(repository).run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();
        try (var files = Files.walk(temp.resolve("out"))) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("only-in-the-first.txt")).findFirst())
                    .hasValueSatisfying(p -> assertThat(p).hasContent("precious"));
        }
        new Restic(repository).run("check").assertSuccess();
        assertThat(cli.run("recover").assertSuccess().stdout()).contains("found 0 unreferenced roots");
    }

    /** The folder names (short tree IDs) at the root of the newest snapshot, as restic lists them. */
    private static TreeSet<String> recovered(Restic restic) {
        TreeSet<String> names = new TreeSet<>();
        restic.run("ls", "latest").assertSuccess().stdout().lines()
                .filter(line -> line.startsWith("/") && line.chars().filter(c -> c == '/').count() == 1)
                .forEach(names::add);
        return names;
    }

    private static JsonNode newest(Restic restic) {
        JsonNode all = restic.run("--json", "snapshots").assertSuccess().json();
        return all.get(all.size() - 1);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }
}
