package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.interop.Restic;
import dev.holdfast.testkit.Peers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4, 6d: an unreadable file is reported, the backup exits with 3 and everything else is saved. */
class UnreadableFilesIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void reportsUnreadableFilesWithExitCode3AndBacksUpTheRest() throws Exception {
        Path source = Files.createDirectories(temp.resolve("src"));
        Files.writeString(source.resolve("readable.txt"), "fine");
        Path secret = Files.writeString(source.resolve("secret.txt"), "no");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Cli.forRepository(temp.resolve("repo").toString())
                .run("init").assertSuccess();

        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            // root reads everything; without these capabilities it obeys file modes like anyone else
            command.addAll(List.of(Peers.executable("setpriv", "apt-get install util-linux").toString(),
                    "--bounding-set=-dac_override,-dac_read_search"));
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), HoldfastBackup.class.getName(), "backup", source.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(temp.resolve("out").toFile())
                .redirectError(temp.resolve("err").toFile());
        builder.environment().put("RESTIC_REPOSITORY", temp.resolve("repo").toString());
        builder.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(HoldfastBackup.INCOMPLETE);
        assertThat(Files.readString(temp.resolve("err"), StandardCharsets.UTF_8)).contains("secret.txt");
        String listing = new Restic(temp.resolve("repo")).run("ls", "latest").assertSuccess().stdout();
        assertThat(listing).contains(source + "/readable.txt").doesNotContain("secret.txt");
    }
}
