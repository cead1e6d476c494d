package dev.holdfast.objectstore.internal;

import dev.holdfast.objectstore.ObjectStore;

/** Argument checks every implementation applies the same way. */
public final class Checks {

    private Checks() {}

    /** Returns {@code pageSize} if it is within 1 and {@link ObjectStore#MAX_PAGE_SIZE}. */
    public static int requirePageSize(int pageSize) {
        if (pageSize < 1 || pageSize > ObjectStore.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException(
                    "page size must be 1 to " + ObjectStore.MAX_PAGE_SIZE + ", was " + pageSize);
        }
        return pageSize;
    }
}
