package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.TreeComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: a repository restic made before 0.14 (format version 1) keeps working with Holdfast and is upgraded by
 * {@code migrate upgrade_repo_v2} as restic 0.14's own migration upgrades it: same ID and chunker polynomial,
 * version 2, data compressed from then on, and restic reads everything.
 */
class MigrateIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli(Path repository) {
        return Cli.forRepository(repository.toString());
    }

    @Test
    void upgradesAVersionOneRepositoryAsResticDoes() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("log.txt"), "a compressible line of text\n".repeat(20_000));
        byte[] random = new byte[300_000];
        new Random(1).nextBytes(random);
        Files.write(source.resolve("random.bin"), random);
        Path ours = temp.resolve("ours");
        Path theirs = temp.resolve("theirs");
        for (Path repository : java.util.List.of(ours, theirs)) {
            Restic restic = new Restic(repository);
            restic.run("init", "--repository-version", "1").assertSuccess();
            restic.run("backup", source.toString()).assertSuccess();
        }
        String configBefore = new Restic(ours).run("cat", "config").assertSuccess().stdout();

        String listed = cli(ours).run("migrate").assertSuccess().stdout();
        Cli.Result applied = cli(ours).run("migrate", "upgrade_repo_v2").assertSuccess();
        new Restic(theirs).run("migrate", "upgrade_repo_v2").assertSuccess();
        Cli.Result again = cli(ours).run("migrate", "upgrade_repo_v2");
        Cli.Result unknown = cli(ours).run("migrate", "upgrade_repo_v3");
        Files.writeString(source.resolve("log.txt"), "another compressible line\n".repeat(40_000));
        cli(ours).run("backup", source.toString()).assertSuccess();

        assertThat(listed).contains("available migrations:").contains("upgrade_repo_v2");
        assertThat(applied.stdout()).contains("checking repository integrity...")
                .contains("migration upgrade_repo_v2: success");
        var upgraded = new Restic(ours).run("cat", "config").assertSuccess().json();
        assertThat(upgraded.get("version").asInt()).isEqualTo(2);
        var resticUpgraded = new Restic(theirs).run("cat", "config").assertSuccess().json();
        assertThat(resticUpgraded.get("version").asInt()).isEqualTo(2);
        var original = new com.fasterxml.jackson.databind.ObjectMapper().readTree(configBefore);
        assertThat(upgraded.get("id")).isEqualTo(original.get("id"));
        assertThat(upgraded.get("chunker_polynomial")).isEqualTo(original.get("chunker_polynomial"));
        assertThat(cli(ours).run("migrate").assertSuccess().stdout()).contains("no migrations found");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stderr()).contains("migration upgrade_repo_v2 cannot be applied: check failed");
        assertThat(unknown.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(unknown.stderr()).contains("unknown migration upgrade_repo_v3");

        Restic restic = new Restic(ours);
        restic.run("check", "--read-data").assertSuccess();
        var stats = restic.run("--json", "stats", "--mode", "raw-data", "latest").assertSuccess().json();
        assertThat(stats.get("total_size").asLong()).as("compressed since the upgrade")
                .isLessThan(random.length + 40_000L * 26 / 4);
        restic.run("restore", "latest", "--target", temp.resolve("restored").toString()).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("restored").resolve(Path.of("/").relativize(source)
                .toString()));
    }
}
