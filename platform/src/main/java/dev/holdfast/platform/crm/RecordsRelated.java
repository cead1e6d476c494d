package dev.holdfast.platform.crm;

import org.jspecify.annotations.Nullable;

/** Two CRM records were linked: {@code entityType}/{@code id} to {@code foreignEntityType}/{@code foreignId} through {@code link}. */
public record RecordsRelated(String entityType, String id, String link, String foreignEntityType, String foreignId,
        @Nullable String userId) {}
