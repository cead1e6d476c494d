package dev.holdfast.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.objectstore.azure.AzureObjectStoreFactory;
import dev.holdfast.objectstore.azure.AzureSettings;
import dev.holdfast.objectstore.local.LocalObjectStoreFactory;
import dev.holdfast.objectstore.memory.MemoryObjectStoreFactory;
import dev.holdfast.objectstore.s3.S3ObjectStoreFactory;
import dev.holdfast.objectstore.s3.S3Settings;
import org.junit.jupiter.api.Test;

class ObjectStoreRegistryUnitTests {

    private final ObjectStoreRegistry registry = ObjectStoreRegistry.of(new LocalObjectStoreFactory(),
            new MemoryObjectStoreFactory(), new S3ObjectStoreFactory(S3Settings.DEFAULTS),
            new AzureObjectStoreFactory(AzureSettings.accountKey("account", "a2V5")));

    @Test
    void opensAStoreByTheLocationsScheme() {
        try (ObjectStore store = registry.open("memory:attachments")) {
            store.put("k", Content.of(new byte[] {1}));
            assertThat(store.location()).isEqualTo("memory:attachments");
            assertThat(registry.open("memory:attachments").exists("k")).isTrue();
        }
    }

    @Test
    void rejectsTwoFactoriesForOneScheme() {
        assertThatThrownBy(() -> ObjectStoreRegistry.of(new MemoryObjectStoreFactory(), new MemoryObjectStoreFactory()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme 'memory' is registered twice");
    }

    @Test
    void namesAMissingOrUnknownScheme() {
        assertThatThrownBy(() -> registry.open("/srv/objects"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("has no scheme");
        assertThatThrownBy(() -> registry.open("gcs:bucket/prefix"))
                .isInstanceOf(InvalidLocationException.class)
                .hasMessageContaining("unknown scheme 'gcs'")
                .hasMessageContaining("[azure, file, memory, s3]");
    }

    @Test
    void namesTheBadPartOfAMemoryLocation() {
        assertThatThrownBy(() -> registry.open("memory:a/b"))
                .isInstanceOf(InvalidLocationException.class).hasMessageContaining("name 'a/b'");
    }
}
