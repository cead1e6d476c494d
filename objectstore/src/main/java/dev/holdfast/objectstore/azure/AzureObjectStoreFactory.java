package dev.holdfast.objectstore.azure;

import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreFactory;

/** Opens {@code azure:container/prefix} with one set of {@link AzureSettings} (account, credentials, tier). */
public final class AzureObjectStoreFactory implements ObjectStoreFactory {

    private final AzureSettings settings;

    public AzureObjectStoreFactory(AzureSettings settings) {
        this.settings = settings;
    }

    @Override
    public String scheme() {
        return AzureLocation.SCHEME;
    }

    @Override
    public ObjectStore open(String location) {
        return AzureObjectStore.open(AzureLocation.parse(location), settings);
    }
}
