package dev.holdfast.platform.crm.access;

import java.util.Set;

/**
 * The signed-in person (or API client) as the CRM sees them. {@code userId} is the identity user's id (a UUID
 * string), the value stored in records' {@code assigned_user_id} and {@code created_by_id} columns.
 */
public record CrmUser(String userId, String displayName, boolean administrator, Set<String> teamIds) {

    public CrmUser {
        teamIds = Set.copyOf(teamIds);
    }
}
