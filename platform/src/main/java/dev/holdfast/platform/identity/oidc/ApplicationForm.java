package dev.holdfast.platform.identity.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An application as an administrator submits it (the admin page's form or the API's JSON): plain strings and lists,
 * checked field by field into an {@link OidcClients.Registration}. Null lists mean empty; null lifetimes mean the
 * defaults (5 minutes for access tokens, 30 days for refresh tokens); a null ID token algorithm means RS256.
 */
public record ApplicationForm(@Nullable String clientId, @Nullable String name, boolean confidential,
        @Nullable List<String> redirectUris, @Nullable List<String> postLogoutRedirectUris, @Nullable List<String> scopes,
        @Nullable List<String> grantTypes, boolean requireConsent, @Nullable Long accessTokenTtlSeconds,
        @Nullable Long refreshTokenTtlSeconds, @Nullable List<String> allowedGroups, @Nullable String backchannelLogoutUri,
        @Nullable String homeUri, @Nullable Boolean requireSecondFactor, @Nullable String idTokenSignedResponseAlg) {

    static final long DEFAULT_ACCESS_TTL = 300;
    static final long DEFAULT_REFRESH_TTL = 30L * 24 * 3600;

    /** The form's fields were wrong; {@code errors} maps each field name to what is wrong with it. */
    static final class InvalidApplicationException extends IllegalArgumentException {
        final Map<String, String> errors;

        InvalidApplicationException(Map<String, String> errors) {
            super("invalid application: " + errors);
            this.errors = Map.copyOf(errors);
        }
    }

    static ApplicationForm of(OidcClient client) {
        return new ApplicationForm(client.clientId(), client.name(), client.confidential(),
                client.redirectUris().stream().map(URI::toString).toList(),
                client.postLogoutRedirectUris().stream().map(URI::toString).toList(), List.copyOf(client.scopes()),
                List.copyOf(client.grantTypes()), client.requireConsent(), client.accessTokenTtl().toSeconds(),
                client.refreshTokenTtl().toSeconds(), List.copyOf(client.allowedGroups()),
                client.backchannelLogoutUri() == null ? null : client.backchannelLogoutUri().toString(),
                client.homeUri() == null ? null : client.homeUri().toString(), client.requireSecondFactor(),
                client.idTokenSigningAlgorithm());
    }

    /** @throws InvalidApplicationException naming every wrong field */
    OidcClients.Registration toRegistration() {
        Map<String, String> errors = new LinkedHashMap<>();
        List<URI> redirects = uris("redirectUris", redirectUris, errors);
        List<URI> postLogout = uris("postLogoutRedirectUris", postLogoutRedirectUris, errors);
        URI backchannel = uri("backchannelLogoutUri", backchannelLogoutUri, errors);
        URI home = uri("homeUri", homeUri, errors);
        check("clientId", errors, () -> new OidcClients.Registration(text(clientId), "x", true, List.of(), List.of(),
                Set.of(), Set.of(), false, Duration.ofMinutes(5), Duration.ofDays(1), Set.of(), null, null));
        check("name", errors, () -> new OidcClients.Registration("x", text(name), true, List.of(), List.of(),
                Set.of(), Set.of(), false, Duration.ofMinutes(5), Duration.ofDays(1), Set.of(), null, null));
        Duration access = Duration.ofSeconds(accessTokenTtlSeconds == null ? DEFAULT_ACCESS_TTL : accessTokenTtlSeconds);
        Duration refresh = Duration.ofSeconds(refreshTokenTtlSeconds == null ? DEFAULT_REFRESH_TTL : refreshTokenTtlSeconds);
        check("accessTokenTtlSeconds", errors, () -> new OidcClients.Registration("x", "x", true, List.of(), List.of(),
                Set.of(), Set.of(), false, access, Duration.ofDays(1), Set.of(), null, null));
        check("refreshTokenTtlSeconds", errors, () -> new OidcClients.Registration("x", "x", true, List.of(), List.of(),
                Set.of(), Set.of(), false, Duration.ofMinutes(5), refresh, Set.of(), null, null));
        String algorithm = idTokenSignedResponseAlg == null || idTokenSignedResponseAlg.isBlank()
                ? OidcClients.DEFAULT_ID_TOKEN_ALGORITHM : idTokenSignedResponseAlg.strip();
        if (!OidcClients.ID_TOKEN_ALGORITHMS.contains(algorithm)) {
            errors.put("idTokenSignedResponseAlg", "one of " + String.join(", ", OidcClients.ID_TOKEN_ALGORITHMS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidApplicationException(errors);
        }
        try {
            return new OidcClients.Registration(text(clientId), text(name), confidential, redirects, postLogout,
                    set(scopes), set(grantTypes), requireConsent, access, refresh, set(allowedGroups), backchannel, home,
                    Boolean.TRUE.equals(requireSecondFactor), algorithm);
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains("redirect URI") ? "redirectUris"
                    : e.getMessage().contains("back-channel") ? "backchannelLogoutUri" : "grantTypes";
            throw new InvalidApplicationException(Map.of(field, e.getMessage()));
        }
    }

    private static void check(String field, Map<String, String> errors, Runnable attempt) {
        try {
            attempt.run();
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
        }
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value.strip();
    }

    private static Set<String> set(@Nullable List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        if (values != null) {
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(set::add);
        }
        return set;
    }

    private static List<URI> uris(String field, @Nullable List<String> values, Map<String, String> errors) {
        List<URI> uris = new ArrayList<>();
        for (String value : set(values)) {
            URI uri = uri(field, value, errors);
            if (uri != null) {
                uris.add(uri);
            }
        }
        return uris;
    }

    private static @Nullable URI uri(String field, @Nullable String value, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getFragment() != null
                    || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                errors.put(field, "must be an absolute http(s) URI without a fragment: " + value.strip());
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            errors.put(field, "not a URI: " + value.strip());
            return null;
        }
    }
}
