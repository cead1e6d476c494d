package dev.holdfast.platform.crm;

import org.jspecify.annotations.Nullable;

/** Two CRM records were unlinked: {@code entityType}/{@code id} from {@code foreignEntityType}/{@code foreignId} through {@code link}. */
public record RecordsUnrelated(String entityType, String id, String link, String foreignEntityType, String foreignId,
        @Nullable String userId) {}
