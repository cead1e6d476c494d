package dev.holdfast.objectstore.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.models.AccessTier;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.Emulator;
import dev.holdfast.objectstore.GeneratedStream;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreContractTests;
import dev.holdfast.testkit.Peers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure store against Azurite (npm) on loopback: the shared contract plus access tiers. */
class AzureObjectStoreIntegrationTests extends ObjectStoreContractTests {

    /** Azurite's well-known development account; not a secret. */
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String CONTAINER = "holdfast-test";

    static Emulator azurite;
    static Path data;
    static AzureSettings settings;

    @BeforeAll
    static void startAzurite() throws Exception {
        Path executable = Peers.npmExecutable("azurite-blob");
        int port = Peers.freePort();
        data = Files.createTempDirectory("azurite-");
        azurite = Emulator.start("azurite", List.of(executable.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                Integer.toString(port), "--location", data.toString(), "--skipApiVersionCheck", "--disableTelemetry",
                "--silent"), port);
        settings = AzureSettings.accountKey(ACCOUNT, KEY)
                .withEndpoint(URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT))
                .withBlockSize(4L << 20);
        try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation(CONTAINER, ""), settings)) {
            store.container().createIfNotExists();
        }
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
            Emulator.deleteTree(data);
        }
    }

    static AzureLocation freshLocation() {
        return new AzureLocation(CONTAINER, "test-" + UUID.randomUUID() + "/");
    }

    @Override
    protected ObjectStore newStore() {
        return AzureObjectStore.open(freshLocation(), settings);
    }

    @Override
    protected ObjectStore storeWithWrongCredentials() {
        String wrongKey = java.util.Base64.getEncoder().encodeToString(new byte[64]);
        return AzureObjectStore.open(freshLocation(), AzureSettings.accountKey(ACCOUNT, wrongKey)
                .withEndpoint(settings.endpoint()));
    }

    @Test
    void uploadsToTheCoolTierByDefault() {
        AzureLocation where = freshLocation();
        try (AzureObjectStore azure = AzureObjectStore.open(where, settings)) {
            azure.put("small", Content.of(bytes("x")));
            azure.put("blocks", Content.of(GeneratedStream.of(9L << 20, 1)));

            assertThat(tier(azure, where, "small")).isEqualTo(AccessTier.COOL);
            assertThat(tier(azure, where, "blocks")).isEqualTo(AccessTier.COOL);
        }
    }

    @Test
    void uploadsToTheConfiguredTier() {
        AzureLocation where = freshLocation();
        try (AzureObjectStore azure = AzureObjectStore.open(where, settings.withTier(Tier.HOT))) {
            azure.put("hot", Content.of(bytes("x")));

            assertThat(tier(azure, where, "hot")).isEqualTo(AccessTier.HOT);
        }
    }

    private static AccessTier tier(AzureObjectStore azure, AzureLocation where, String key) {
        return azure.container().getBlobClient(where.prefix() + key).getProperties().getAccessTier();
    }
}
