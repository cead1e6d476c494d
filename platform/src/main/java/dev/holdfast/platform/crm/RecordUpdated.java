package dev.holdfast.platform.crm;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A CRM record was changed. Published inside the transaction that changed it.
 *
 * @param changes the attributes that changed (by API name, e.g. {@code stage}, {@code accountId}), old → new
 */
public record RecordUpdated(String entityType, String id, @Nullable String userId, Map<String, Change> changes) {

    public RecordUpdated {
        changes = Map.copyOf(changes);
    }

    /** One attribute's value before and after, as the API shows them (strings, numbers, booleans, lists; null for none). */
    public record Change(@Nullable Object before, @Nullable Object after) {}
}
