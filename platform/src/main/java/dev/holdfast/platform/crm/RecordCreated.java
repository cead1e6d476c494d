package dev.holdfast.platform.crm;

import org.jspecify.annotations.Nullable;

/** A CRM record was created. Published inside the transaction that created it. */
public record RecordCreated(String entityType, String id, @Nullable String userId) {}
