package dev.holdfast.platform.identity;

import dev.holdfast.platform.identity.Role.RoleId;

/** A role was created, changed (name, application, permissions) or deleted ({@code deleted}). */
public record RoleChanged(RoleId role, boolean deleted) {}
