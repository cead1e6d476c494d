package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restic's {@code --limit-upload} and {@code --limit-download} (KiB/s; 0 unlimited): the data comes through whole
 * under limits low enough to make the backup and the restore wait (how long is {@code TokenBucketUnitTests}'
 * business, on a clock of its own), and a negative limit is refused before anything is opened.
 */
class RateLimitFlagsIntegrationTests {

    @TempDir
    Path temp;

    private Cli cli() {
        return Cli.forRepository(temp.resolve("repo").toString());
    }

    @Test
    void backsUpAndRestoresWholeUnderRateLimits() throws Exception {
        Path source = SampleTree.create(temp.resolve("src")); // about 3 MiB of packs: a second's wait each way
        String[] limits = {"--limit-upload", "2048", "--limit-download", "2048"};

        cli().run("--limit-upload", "0", "--limit-download", "0", "init").assertSuccess();
        cli().run(with(limits, "backup", source.toString())).assertSuccess();
        cli().run(with(limits, "restore", "latest", "--target", temp.resolve("out").toString())).assertSuccess();

        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
        assertThat(cli().run(with(limits, "check", "--read-data")).assertSuccess().stdout())
                .contains("no errors were found");
    }

    @Test
    void refusesANegativeOrMalformedLimit() {
        cli().run("init").assertSuccess();

        Cli.Result negative = cli().run("--limit-upload", "-1", "snapshots");
        Cli.Result malformed = cli().run("--limit-download", "fast", "snapshots");

        assertThat(negative.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(negative.stderr()).contains("--limit-upload must be 0 (unlimited) or a number of KiB/s, was -1")
                .doesNotContain("Exception");
        assertThat(malformed.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(malformed.stderr()).contains("--limit-download").contains("'fast'").doesNotContain("Exception");
    }

    private static String[] with(String[] options, String... args) {
        String[] all = new String[options.length + args.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(args, 0, all, options.length, args.length);
        return all;
    }
}
