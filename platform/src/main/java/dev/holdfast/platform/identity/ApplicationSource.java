package dev.holdfast.platform.identity;

import java.util.List;

/**
 * Where the tiles of a user's application library come from (on {@code /account/applications}). Holdfast's own
 * modules are one source; OpenID Connect client applications will be another. Implement as a Spring bean.
 */
public interface ApplicationSource {

    /** A short stable name of the source, e.g. {@code modules}; unique among sources. */
    String id();

    /** The applications this user may open, in the order to show them. */
    List<ApplicationTile> applicationsFor(UserAccount user);

    /**
     * One tile.
     *
     * @param name what the tile says
     * @param url where it leads: a path within Holdfast or an absolute http(s) URL
     * @param description one line under the name, may be empty
     */
    record ApplicationTile(String name, String url, String description) {

        public ApplicationTile {
            if (!(url.startsWith("/") || url.startsWith("https://") || url.startsWith("http://"))) {
                throw new IllegalArgumentException("an application's URL is a path or an http(s) URL: " + url);
            }
        }
    }
}
