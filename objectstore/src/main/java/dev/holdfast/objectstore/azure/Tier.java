package dev.holdfast.objectstore.azure;

import com.azure.storage.blob.models.AccessTier;

/** The access tier a blob is stored in from its upload on; the cheaper to keep, the dearer to read. */
public enum Tier {
    HOT(AccessTier.HOT),
    COOL(AccessTier.COOL),
    COLD(AccessTier.COLD);

    private final AccessTier sdk;

    Tier(AccessTier sdk) {
        this.sdk = sdk;
    }

    AccessTier sdk() {
        return sdk;
    }
}
