package dev.holdfast.backup.backend.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendContractTests;
import dev.holdfast.backup.backend.BackendRegistry;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.objectstore.azure.AzureLocation;
import dev.holdfast.objectstore.azure.AzureObjectStore;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.azure.Tier;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Azure backend, decorated as the CLI opens it, against Azurite: the contract, restic's keys, access tiers. */
class AzureBackendContractTests extends BackendContractTests {

    static Azurite azurite;
    static AzureSettings settings;

    @BeforeAll
    static void start() {
        azurite = Azurite.start();
        settings = AzureSettings.fromEnvironment(Map.of("AZURE_ACCOUNT_NAME", Azurite.ACCOUNT,
                "AZURE_ACCOUNT_KEY", Azurite.KEY)).withEndpoint(azurite.endpoint());
    }

    @AfterAll
    static void stop() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected Backend newBackend() {
        return BackendRegistry.of(new AzureBackendFactory(settings, 5))
                .open("azure:container-" + UUID.randomUUID().toString().substring(0, 8) + ":/repo");
    }

    @Test
    void storesPacksUnderResticsKeysInTheConfiguredTier() {
        String container = "tiers-" + UUID.randomUUID().toString().substring(0, 8);
        Handle pack = new Handle(FileType.DATA, Id.hash(new byte[] {1}).hex());
        for (Tier tier : Tier.values()) {
            try (Backend backend = new AzureBackendFactory(settings.withTier(tier), 1)
                    .open("azure:" + container + ":/" + tier)) {
                backend.create();
                backend.save(pack, new byte[] {1});
            }
            try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation(container, tier + "/"), settings)) {
                var blob = store.container().getBlobClient(tier + "/data/" + pack.name().substring(0, 2) + "/"
                        + pack.name());
                assertThat(blob.getProperties().getAccessTier().toString()).isEqualToIgnoringCase(tier.name());
            }
        }
    }

    @Test
    void keepsLockFilesInTheHotTier() {
        String container = "locks-" + UUID.randomUUID().toString().substring(0, 8);
        Handle lock = new Handle(FileType.LOCK, Id.hash(new byte[] {2}).hex());
        try (Backend backend = new AzureBackendFactory(settings.withTier(Tier.COLD), 1)
                .open("azure:" + container + ":/repo")) {
            backend.create();
            backend.save(lock, new byte[] {2});
            assertThat(backend.list(FileType.LOCK)).extracting(f -> f.name()).containsExactly(lock.name());
        }
        try (AzureObjectStore store = AzureObjectStore.open(new AzureLocation(container, "repo/"), settings)) {
            var blob = store.container().getBlobClient("repo/locks/" + lock.name());
            assertThat(blob.getProperties().getAccessTier().toString()).isEqualToIgnoringCase("Hot");
        }
    }

    @Test
    void defaultsToTheCoolTier() {
        assertThat(AzureSettings.fromEnvironment(Map.of("AZURE_ACCOUNT_NAME", "a", "AZURE_ACCOUNT_KEY", "k")).tier())
                .isEqualTo(Tier.COOL);
        assertThat(AzureBackendFactory.tier("hot")).isEqualTo(Tier.HOT);
        assertThat(AzureBackendFactory.tier("Cold")).isEqualTo(Tier.COLD);
    }
}
