package dev.holdfast.platform.crm.access;

import java.util.List;

/**
 * Members of the identity group named {@code group} (and of every group inside it) hold these CRM roles and are in
 * these CRM teams, for as long as they are members.
 *
 * @param group the identity group's name (matched without regard to case)
 */
record GroupMapping(String group, List<CrmRole> roles, List<CrmTeam> teams) {

    GroupMapping {
        roles = List.copyOf(roles);
        teams = List.copyOf(teams);
    }
}
