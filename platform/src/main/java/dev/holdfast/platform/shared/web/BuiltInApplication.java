package dev.holdfast.platform.shared.web;

import java.util.Objects;

/**
 * A part of Holdfast whose pages sign people in through Holdfast's own OpenID Connect provider, like any other
 * application: a module declares one as a bean. Identity registers it with the provider at start-up (if missing)
 * and asks every signed-in session to complete an authorization code flow for it before its pages open.
 *
 * @param clientId the OpenID Connect {@code client_id}, e.g. {@code holdfast-crm}
 * @param name what administrators and the access-denied page call it, e.g. {@code CRM}
 * @param basePath the pages it guards: this path and everything under it, e.g. {@code /crm}; its sign-in comes back
 *     to {@code <basePath>/sso/callback}
 */
public record BuiltInApplication(String clientId, String name, String basePath) {

    public BuiltInApplication {
        Objects.requireNonNull(name, "name");
        if (!clientId.matches("holdfast-[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("a built-in application's client id is holdfast-<name>: " + clientId);
        }
        if (!basePath.matches("/[a-z0-9-]+")) {
            throw new IllegalArgumentException("a built-in application's base path is one segment, e.g. /crm: " + basePath);
        }
    }

    /** Where the provider sends the browser back with the code, relative to Holdfast's base URL. */
    public String callbackPath() {
        return basePath + "/sso/callback";
    }
}
