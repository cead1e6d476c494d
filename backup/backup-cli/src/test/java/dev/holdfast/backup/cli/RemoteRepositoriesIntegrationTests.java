package dev.holdfast.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.backend.objectstore.Azurite;
import dev.holdfast.backup.backend.objectstore.S3rver;
import dev.holdfast.backup.backend.rest.RestServer;
import dev.holdfast.backup.interop.Restic;
import dev.holdfast.backup.interop.SampleTree;
import dev.holdfast.backup.interop.TreeComparison;
import dev.holdfast.objectstore.azure.AzureLocation;
import dev.holdfast.objectstore.azure.AzureObjectStore;
import dev.holdfast.objectstore.azure.AzureSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on S3, Azure and REST repositories, configured as restic is: location, credential variables, -o. */
class RemoteRepositoriesIntegrationTests {

    @TempDir
    Path temp;

    private void roundTrip(Cli cli, String... options) throws Exception {
        Path source = SampleTree.create(temp.resolve("src"));
        cli.run(with(options, "init")).assertSuccess();
        cli.run(with(options, "backup", source.toString())).assertSuccess();
        cli.run(with(options, "restore", "latest", "--target", temp.resolve("out").toString())).assertSuccess();
        TreeComparison.assertIdentical(source, temp.resolve("out").resolve(Path.of("/").relativize(source)));
        assertThat(cli.run(with(options, "check", "--read-data")).assertSuccess().stdout())
                .contains("no errors were found");
    }

    private static String[] with(String[] options, String... args) {
        String[] all = new String[options.length + args.length];
        System.arraycopy(options, 0, all, 0, options.length);
        System.arraycopy(args, 0, all, options.length, args.length);
        return all;
    }

    @Test
    void backsUpToS3WithResticsVariablesAndResticReadsIt() throws Exception {
        try (S3rver s3rver = S3rver.start()) {
            Cli cli = Cli.forRepository(s3rver.location("cli"));
            s3rver.environment().forEach(cli::env);
            roundTrip(cli, "-o", "s3.connections=3");

            assertThat(new Restic(s3rver.location("cli"), Restic.PASSWORD, s3rver.environment()).run("snapshots")
                    .assertSuccess().stdout()).contains("1 snapshots");
        }
    }

    @Test
    void backsUpToAzureInTheTierAskedFor() throws Exception {
        try (Azurite azurite = Azurite.start()) {
            Cli cli = Cli.forRepository("azure:backups:/holdfast")
                    .env("AZURE_ACCOUNT_NAME", Azurite.ACCOUNT).env("AZURE_ACCOUNT_KEY", Azurite.KEY)
                    .env("HOLDFAST_BACKUP_AZURE_ENDPOINT", azurite.endpoint().toString())
                    .env("HOLDFAST_BACKUP_AZURE_ACCESS_TIER", "Cold");
            roundTrip(cli, "-o", "azure.access-tier=Hot");

            AzureSettings settings = AzureSettings.accountKey(Azurite.ACCOUNT, Azurite.KEY)
                    .withEndpoint(azurite.endpoint());
            try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation("backups", ""), settings)) {
                var blob = store.container().getBlobClient("holdfast/config");
                assertThat(blob.getProperties().getAccessTier().toString()).isEqualTo("Hot");
            }
        }
    }

    @Test
    void explainsMissingAzureCredentials() {
        Cli.Result result = new Cli().env("RESTIC_PASSWORD", "x").run("-r", "azure:backups:/", "snapshots");

        assertThat(result.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(result.stderr()).contains("AZURE_ACCOUNT_NAME").doesNotContain("Exception");
    }

    @Test
    void backsUpToARestServer() throws Exception {
        try (RestServer server = RestServer.start(temp.resolve("served"), "u", "p")) {
            roundTrip(new Cli().env("RESTIC_PASSWORD", Restic.PASSWORD), "-r", server.location("u", "p"));
        }
    }

    @Test
    void rejectsAnUnknownSchemeWithTheKnownOnes() {
        Cli.Result result = new Cli().env("RESTIC_PASSWORD", "x").run("-r", "sftp:host:/repo", "snapshots");

        assertThat(result.exitCode()).isEqualTo(HoldfastBackup.FATAL);
        assertThat(result.stderr()).contains("sftp:host:/repo").contains("[azure, local, rest, s3]");
    }
}
