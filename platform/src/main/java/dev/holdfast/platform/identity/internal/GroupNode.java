package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.Group;

/** A group in the tree at some depth (0 for top level), for the admin pages. */
public record GroupNode(Group group, int depth) {}
