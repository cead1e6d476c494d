package dev.holdfast.platform.crm;

import org.jspecify.annotations.Nullable;

/** A CRM record was deleted (soft: it stays in its table, invisible). */
public record RecordDeleted(String entityType, String id, @Nullable String userId) {}
