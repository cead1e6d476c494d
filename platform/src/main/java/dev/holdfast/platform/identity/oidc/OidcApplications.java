package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.ApplicationSource;
import dev.holdfast.platform.identity.UserAccount;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Registered applications with a home URI, as tiles in the user's application library: those with no group
 * restriction, and those restricted to a group the user is in.
 */
@Component
class OidcApplications implements ApplicationSource {

    private final OidcClients clients;
    private final OidcClaims claims;

    OidcApplications(OidcClients clients, OidcClaims claims) {
        this.clients = clients;
        this.claims = claims;
    }

    @Override
    public String id() {
        return "applications";
    }

    @Override
    public List<ApplicationTile> applicationsFor(UserAccount user) {
        List<String> groups = claims.groupsOf(user);
        return clients.list().stream()
                .filter(client -> client.homeUri() != null)
                .filter(client -> client.allowedGroups().isEmpty() || groups.stream().anyMatch(client.allowedGroups()::contains))
                .map(client -> new ApplicationTile(client.name(), client.homeUri().toString(), ""))
                .toList();
    }
}
