package dev.holdfast.platform.crm.access;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A CRM team. Records belong to teams ({@code crm_entity_team}); a role's TEAM scope covers the records of the
 * user's teams. A user is in a team as a direct member or through a group mapped to it.
 *
 * @param members identity user ids (UUID strings) of the direct members
 */
record CrmTeam(String id, String name, @Nullable String description, Set<String> members) {

    CrmTeam {
        members = Set.copyOf(members);
    }
}
