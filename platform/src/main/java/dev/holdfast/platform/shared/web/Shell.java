package dev.holdfast.platform.shared.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the layout needs on every page: the navigation, who is signed in, and the CSRF token for forms and htmx.
 *
 * @param user display name of the signed-in user, or null on public pages
 */
public record Shell(List<NavigationItem> navigation, @Nullable String user, boolean admin, String currentPath,
        @Nullable String csrfHeader, @Nullable String csrfToken, @Nullable String csrfParameter) {

    public boolean signedIn() {
        return user != null;
    }

    public boolean isCurrent(NavigationItem item) {
        return currentPath.equals(item.path()) || currentPath.startsWith(item.path() + "/");
    }
}
