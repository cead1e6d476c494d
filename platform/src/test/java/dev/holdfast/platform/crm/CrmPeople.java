package dev.holdfast.platform.crm;

import dev.holdfast.platform.testing.JsonClient;
import dev.holdfast.platform.testing.TestNode;
import dev.holdfast.platform.testing.WebSession;

/** People for CRM tests, made the way an administrator makes them: an identity user in a group mapped to a CRM role. */
final class CrmPeople {

    static final String PASSWORD = "correct horse battery staple";

    private CrmPeople() {}

    /**
     * Creates {@code username} in a group of the same name mapped to a CRM role with these permissions (EspoCRM's
     * role JSON, e.g. {@code {"Account": {"read": "all", "stream": "all"}}}); returns the user's id.
     */
    static String withRole(TestNode node, WebSession admin, String username, String permissions) {
        JsonClient identity = JsonClient.session(node, admin).under("/api/identity/v1");
        JsonClient crm = JsonClient.session(node, admin).under("/api/crm/v1");
        String userId = identity.create("/users", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")
                .get("id").asString();
        String group = identity.create("/groups", "{\"name\":\"" + username + "-group\"}").get("id").asString();
        if (identity.put("/groups/" + group + "/members/" + userId, null).statusCode() != 204) {
            throw new AssertionError("could not add " + username + " to their group");
        }
        crm.create("/roles", "{\"name\":\"" + username + "-role\",\"permissions\":" + permissions + "}");
        var mapping = crm.put("/group-mappings/" + username + "-group", "{\"roles\":[\"" + username + "-role\"]}");
        if (mapping.statusCode() / 100 != 2) {
            throw new AssertionError("group mapping answered " + mapping.statusCode() + ": " + mapping.body());
        }
        return userId;
    }
}
