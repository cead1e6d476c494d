package dev.holdfast.objectstore.s3;

import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreFactory;

/** Opens {@code s3:https://host/bucket/prefix} and {@code s3:bucket/prefix} with one set of {@link S3Settings}. */
public final class S3ObjectStoreFactory implements ObjectStoreFactory {

    private final S3Settings settings;

    public S3ObjectStoreFactory(S3Settings settings) {
        this.settings = settings;
    }

    @Override
    public String scheme() {
        return S3Location.SCHEME;
    }

    @Override
    public ObjectStore open(String location) {
        return S3ObjectStore.open(S3Location.parse(location), settings);
    }
}
