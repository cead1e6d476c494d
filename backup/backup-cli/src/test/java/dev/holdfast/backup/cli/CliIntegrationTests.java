package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.backend.local.LocalBackend;
import dev.holdfast.backup.interop.Fixtures;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import dev.holdfast.backup.repository.Repository;
import dev.holdfast.backup.repository.RepositoryLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as scripts use it: restic's environment variables, verbs, flags and exit codes. */
class CliIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    @Test
    void backsUpAndRestoresWithResticsEnvironmentVariables() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        assertThat(cli().run("backup", source.toString()).assertSuccess().stdout()).contains("snapshot");
        assertThat(cli().run("--json", "snapshots").assertSuccess().stdout()).contains("\"short_id\"");
        assertThat(cli().run("ls", "latest").assertSuccess().stdout()).contains(source + "/dir with space/nested");
        cli().run("restore", "latest", "--target", temp.resolve("out").toString(), "--verify").assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));

        assertThat(cli().run("check", "--read-data").assertSuccess().stdout()).contains("no errors were found");
        assertThat(new Restic(temp.resolve("repo")).run("check", "--read-data").assertSuccess().stdout())
                .contains("no errors were found");
    }

    @Test
    void listsTheExitCodesInItsUsage() {
        String usage = new Cli().run("--help").stdout();

        assertThat(usage).contains("Exit codes:").contains("3").contains("some source files could not be read")
                .contains("10").contains("11").contains("12").contains("wrong password").contains("RESTIC_PASSWORD");
    }

    @Test
    void listsEveryVerbAndHelpsWithEach() {
        String usage = new Cli().run("--help").stdout();
        assertThat(usage).contains("init", "backup", "snapshots", "ls", "cat", "restore", "check", "forget", "prune",
                "key", "unlock", "diff", "stats", "copy", "help");

        assertThat(new Cli().run("help", "restore").stdout()).contains("Usage: holdfast-backup restore")
                .contains("--target");
        for (String verb : HoldfastBackup.VERBS.keySet()) { // as restic's: help on standard output, exit 0
            for (String flag : List.of("--help", "-h")) {
                Cli.Result help = new Cli().run(verb, flag);
                assertThat(help.exitCode()).as(verb + " " + flag).isZero();
                assertThat(help.stdout()).as(verb).startsWith("Usage: holdfast-backup " + verb);
                assertThat(help.stderr()).as(verb).isEmpty();
            }
        }
        Cli.Result unknown = new Cli().run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(unknown.stderr()).contains("frobnicate").contains("restore").contains("prune");
    }

    @Test
    void refusesAVerbAsAnOptionValue() {
        // as picocli does when it knows every verb: not a restore without --target, nor snapshots read with a
        // password file named restore
        Cli.Result result = cli().run("-p", "restore", "snapshots");

        assertThat(result.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(result.stderr()).contains("Expected parameter for option '--password-file' but found 'restore'")
                .doesNotContain("--target");
    }

    @Test
    void exitsWithTheDocumentedCodes() throws Exception {
        assertThat(cli().run("snapshots").exitCode()).isEqualTo(HoldfastBackup.NO_REPOSITORY);
        cli().run("init").assertSuccess();
        assertThat(cli().env("RESTIC_PASSWORD", "wrong").run("snapshots").exitCode())
                .isEqualTo(HoldfastBackup.WRONG_PASSWORD);
        try (Repository repository = Repository.open(new LocalBackend(temp.resolve("repo")), Restic.PASSWORD,
                Fixtures.options(Compression.AUTO)); RepositoryLock lock = repository.lock(true)) {
            Cli.Result locked = cli().run("backup", temp.resolve("repo/config").toString());
            assertThat(locked.exitCode()).isEqualTo(HoldfastBackup.LOCKED);
            assertThat(locked.stderr()).contains("locked");
        }
        assertThat(cli().run("restore", "latest").exitCode()).isEqualTo(HoldfastBackup.FATAL);
    }

    @Test
    void prefersHoldfastVariablesAndPasswordFiles() throws Exception {
        Path passwordFile = Files.writeString(temp.resolve("pw"), "from file\n");
        cli().env("HOLDFAST_BACKUP_PASSWORD_FILE", passwordFile.toString()).run("init").assertSuccess();

        assertThat(cli().run("snapshots").exitCode()).isEqualTo(HoldfastBackup.WRONG_PASSWORD);
        new Cli().env("HOLDFAST_BACKUP_REPOSITORY", temp.resolve("repo").toString())
                .env("RESTIC_PASSWORD_FILE", passwordFile.toString()).run("snapshots").assertSuccess();
        new Cli().run("-r", temp.resolve("repo").toString(), "-p", passwordFile.toString(), "snapshots")
                .assertSuccess();
    }

    /** As with restic, --quiet silences messages, not the answers scripts read: `restic -q snapshots` lists them. */
    @Test
    void quietStillPrintsSnapshotsListingsStatisticsAndDiffs() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        assertThat(cli().run("-q", "backup", source.toString()).assertSuccess().stdout()).isEmpty();
        Files.writeString(source.resolve("small.txt"), "changed");
        assertThat(cli().run("-q", "backup", source.toString()).assertSuccess().stdout()).isEmpty();
        String[] ids = new Restic(temp.resolve("repo")).run("snapshots", "--json").assertSuccess().json()
                .findValuesAsText("short_id").toArray(String[]::new);

        assertThat(cli().run("-q", "snapshots").assertSuccess().stdout()).contains(ids[0]).contains(ids[1]);
        assertThat(cli().run("-q", "ls", ids[1]).assertSuccess().stdout()).contains(source + "/small.txt")
                .doesNotContain("snapshot " + ids[1]);
        assertThat(cli().run("-q", "stats").assertSuccess().stdout()).contains("Total Size");
        assertThat(cli().run("-q", "diff", ids[0], ids[1]).assertSuccess().stdout())
                .contains("M    " + source + "/small.txt").doesNotContain("comparing snapshot");
        assertThat(cli().run("-q", "forget", "--keep-last", "1", "--dry-run").assertSuccess().stdout())
                .contains("Would have removed the following snapshots:\n{" + ids[0] + "}");
        assertThat(cli().run("-q", "forget", "--keep-last", "1").assertSuccess().stdout()).isEmpty();
    }

    @Test
    void backsUpStandardInputThatResticCanDump() {
        cli().run("init").assertSuccess();
        byte[] data = "database dump\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        cli().stdin(data).run("backup", "--stdin", "--stdin-filename", "db.sql", "--tag", "db").assertSuccess();

        Restic.Result dump = new Restic(temp.resolve("repo")).run("dump", "latest", "/db.sql").assertSuccess();
        assertThat(dump.stdout()).isEqualTo(new String(data, StandardCharsets.UTF_8));
    }

    @Test
    void forgetsPrunesDiffsAndCountsLikeRestic() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Files.writeString(source.resolve("small.txt"), "changed");
        Files.delete(source.resolve("random.bin"));
        cli().run("backup", source.toString()).assertSuccess();

        String[] ids = new Restic(temp.resolve("repo")).run("snapshots", "--json").assertSuccess().json()
                .findValuesAsText("short_id").toArray(String[]::new);
        String diff = cli().run("diff", ids[0], ids[1]).assertSuccess().stdout();
        assertThat(diff).contains("M    " + source + "/small.txt").contains("-    " + source + "/random.bin");
        assertThat(cli().run("stats").assertSuccess().stdout()).contains("Total Size");

        assertThat(cli().run("forget", "--keep-last", "1", "--prune", "--max-unused", "0%").assertSuccess().stdout())
                .contains("removed 1 snapshots").contains("freed");
        assertThat(new Restic(temp.resolve("repo")).run("check", "--read-data").assertSuccess().stdout())
                .contains("no errors were found");
    }

    @Test
    void copiesSnapshotsIntoARepositoryWithTheSameChunkerParameters() throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli().run("init").assertSuccess();
        cli().run("backup", source.toString()).assertSuccess();
        Cli second = new Cli().env("RESTIC_REPOSITORY", temp.resolve("second").toString())
                .env("RESTIC_PASSWORD", "second").env("RESTIC_FROM_PASSWORD", Restic.PASSWORD);

        second.run("init", "--copy-chunker-params", "--from-repo", temp.resolve("repo").toString()).assertSuccess();
        assertThat(second.run("copy", "--from-repo", temp.resolve("repo").toString()).assertSuccess().stdout())
                .contains("copied 1 of 1");
        assertThat(second.run("copy", "--from-repo", temp.resolve("repo").toString()).assertSuccess().stdout())
                .contains("copied 0 of 1");

        Restic restic = new Restic(temp.resolve("second"), "second");
        assertThat(restic.run("cat", "config").assertSuccess().json().get("chunker_polynomial"))
                .isEqualTo(new Restic(temp.resolve("repo")).run("cat", "config").assertSuccess().json()
                        .get("chunker_polynomial"));
        restic.run("check", "--read-data").assertSuccess();
        restic.run("restore", "latest", "--target", temp.resolve("out").toString()).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }

    @Test
    void managesKeys() throws Exception {
        cli().run("init").assertSuccess();
        Path newPassword = Files.writeString(temp.resolve("new"), "new password");
        cli().run("key", "add", "--new-password-file", newPassword.toString()).assertSuccess();
        assertThat(cli().run("--json", "key", "list").assertSuccess().stdout()).contains("\"current\":true")
                .contains("\"current\":false");

        cli().run("key", "passwd", "--new-password-file", newPassword.toString()).assertSuccess();

        assertThat(cli().run("snapshots").exitCode()).isEqualTo(HoldfastBackup.WRONG_PASSWORD);
        assertThat(new Restic(temp.resolve("repo"), "new password").run("key", "list", "--json").assertSuccess()
                .json()).hasSize(2);
    }
}
