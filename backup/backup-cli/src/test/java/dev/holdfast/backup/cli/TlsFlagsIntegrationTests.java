package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.backend.TestCertificates;
import dev.holdfast.backup.backend.objectstore.S3rver;
import dev.holdfast.backup.backend.rest.RcloneRestServer;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * restic's {@code --cacert}, {@code --insecure-tls} and {@code --tls-client-cert}, against rclone's restic REST server
 * over HTTPS with a test CA (and s3rver for S3), side by side with restic 0.14 given the same flags.
 */
class TlsFlagsIntegrationTests {

    @TempDir
    Path temp;

    private final TestCertificates certificates = TestCertificates.shared();

    private static Cli cli(String location) {
        return Cli.forRepository(location);
    }

    private static Restic restic(String location) {
        return new Restic(location, Restic.PASSWORD, Map.of());
    }

    private void backUpAndRestore(Cli cli, String... flags) throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli.run(with(flags, "init")).assertSuccess();
        cli.run(with(flags, "backup", source.toString())).assertSuccess();
        cli.run(with(flags, "restore", "latest", "--target", temp.resolve("out").toString())).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
    }

    @Test
    void refusesAServerSignedByAnUnknownCaAsResticDoes() {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("served"), certificates, false)) {
            Cli.Result holdfast = cli(server.location()).run("init");
            Restic.Result restic = restic(server.location()).run("init");

            assertThat(holdfast.exitCode()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(holdfast.stderr()).contains("the server's certificate is not trusted").contains("--cacert")
                    .doesNotContain("Exception in").doesNotContain("\tat ");
            assertThat(restic.exitCode()).isEqualTo(1);
            assertThat(restic.stderr()).contains("certificate signed by unknown authority");
        }
    }

    @Test
    void backsUpAndRestoresOverHttpsWithTheCaAndResticReadsIt() throws Exception {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("served"), certificates, false)) {
            backUpAndRestore(cli(server.location()), "--cacert", certificates.ca().toString());

            assertThat(restic(server.location()).run("--cacert", certificates.ca().toString(), "snapshots")
                    .assertSuccess().stdout()).contains("1 snapshots");
            assertThat(restic(server.location()).run("snapshots").exitCode()).isEqualTo(1);
        }
    }

    @Test
    void skipsVerificationWithInsecureTlsAsResticDoes() throws Exception {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("served"), certificates.otherHost(),
                certificates.otherHostKey(), null)) {
            Cli.Result wrongHost = cli(server.location()).run("--cacert", certificates.ca().toString(), "init");
            assertThat(wrongHost.exitCode()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(wrongHost.stderr()).contains("not trusted").contains("127.0.0.1");
            assertThat(restic(server.location()).run("--cacert", certificates.ca().toString(), "init").exitCode())
                    .isEqualTo(1);

            backUpAndRestore(cli(server.location()), "--insecure-tls");

            assertThat(restic(server.location()).run("--insecure-tls", "snapshots").assertSuccess().stdout())
                    .contains("1 snapshots");
        }
    }

    @Test
    void showsAClientCertificateToAServerThatAsksAsResticDoes() throws Exception {
        try (RcloneRestServer server = RcloneRestServer.start(temp.resolve("served"), certificates, true)) {
            String ca = certificates.ca().toString();
            String client = certificates.client().toString();

            Cli.Result without = cli(server.location()).run("--cacert", ca, "init");
            assertThat(without.exitCode()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(without.stderr()).contains("--tls-client-cert").doesNotContain("\tat ");
            assertThat(restic(server.location()).run("--cacert", ca, "init").exitCode()).isEqualTo(1);

            backUpAndRestore(cli(server.location()), "--cacert", ca, "--tls-client-cert", client);

            assertThat(restic(server.location()).run("--cacert", ca, "--tls-client-cert", client, "snapshots")
                    .assertSuccess().stdout()).contains("1 snapshots");
        }
    }

    @Test
    void backsUpToS3OverHttpsWithTheCa() throws Exception {
        try (S3rver s3rver = S3rver.start(certificates)) {
            Cli cli = cli(s3rver.location("tls"));
            s3rver.environment().forEach(cli::env);

            Cli.Result untrusted = cli.run("init");
            assertThat(untrusted.exitCode()).isEqualTo(HoldfastBackup.FATAL);
            assertThat(untrusted.stderr()).contains("--cacert");

            backUpAndRestore(cli, "--cacert", certificates.ca().toString());
        }
    }

    @Test
    void refusesUnusableCertificateFilesForAnyRepositoryAsResticDoes() throws Exception {
        Path junk = Files.writeString(temp.resolve("junk.pem"), "not PEM\n");
        String repository = temp.resolve("repo").toString();
        cli(repository).run("init").assertSuccess();

        for (String[] flags : new String[][] {{"--cacert", junk.toString()}, {"--cacert", temp + "/missing.pem"},
                {"--tls-client-cert", junk.toString()}, {"--tls-client-cert", certificates.ca().toString()}}) {
            Cli.Result holdfast = cli(repository).run(with(flags, "snapshots"));
            assertThat(holdfast.exitCode()).as("%s", String.join(" ", flags)).isEqualTo(HoldfastBackup.FATAL);
            assertThat(holdfast.stderr()).contains(flags[1]).doesNotContain("\tat ");
            assertThat(restic(repository).run(with(flags, "snapshots")).exitCode()).isEqualTo(1);
        }
        assertThat(cli(repository).run("--cacert", junk.toString(), "snapshots").stderr())
                .contains("cannot parse root certificate from \"" + junk + "\"");
        assertThat(cli(repository).run("--cacert", "", "snapshots").stderr())
                .contains("empty filename for root certificate supplied");
    }

    private static String[] with(String[] options, String... args) {
        String[] all = new String[options.length + args.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(args, 0, all, options.length, args.length);
        return all;
    }
}
