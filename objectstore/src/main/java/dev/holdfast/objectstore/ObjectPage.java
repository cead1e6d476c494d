package dev.holdfast.objectstore;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 *
 * @param objects entries in ascending key order (for keys in the ASCII range; other keys are listed in the store's
 *     own order, each exactly once)
 * @param nextPageToken pass it to the next {@code list} call to continue, {@code null} after the last page
 */
public record ObjectPage(List<ObjectInfo> objects, @Nullable String nextPageToken) {

    public ObjectPage {
        objects = List.copyOf(objects);
    }

    public boolean hasNext() {
        return nextPageToken != null;
    }
}
