package dev.holdfast.platform.shared.web;

import java.util.List;

/**
 * Paths a module serves without sign-in (e.g. a public status page). Everything else needs a signed-in user.
 * A module declares one as a bean; patterns are Spring path patterns like {@code /status/**}.
 */
public record PublicPaths(List<String> patterns) {

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
