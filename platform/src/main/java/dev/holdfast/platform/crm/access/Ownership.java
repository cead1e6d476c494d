package dev.holdfast.platform.crm.access;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The facts about one record that decide access: who it is assigned to, who created it, which teams it belongs to. */
public record Ownership(@Nullable String assignedUserId, @Nullable String createdById, Set<String> teamIds) {

    public Ownership {
        teamIds = Set.copyOf(teamIds);
    }
}
