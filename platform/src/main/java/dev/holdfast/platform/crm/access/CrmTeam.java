package dev.holdfast.platform.crm.access;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A CRM team. Records belong to teams ({@code crm_entity_team}); a role's TEAM scope covers the records of the
 * user's teams. A user is in a team as a direct member or through a group mapped to it.
 *
 * A team may carry roles (EspoCRM's team roles): its members get them on top of the roles of their groups.
 *
 * @param members identity user ids (UUID strings) of the direct members
 * @param roleIds the roles every member of the team gets
 */
record CrmTeam(String id, String name, @Nullable String description, Set<String> members, Set<String> roleIds) {

    CrmTeam {
        members = Set.copyOf(members);
        roleIds = Set.copyOf(roleIds);
    }
}
