package dev.holdfast.platform.identity.internal;

import java.util.List;

/**
 * Sign-in sessions of a user ended other than by the user signing out: revoked by the user or an administrator, the
 * user disabled or deleted, an absolute timeout reached, or expired when idle. Published inside the transaction that
 * ends them; the OpenID Connect provider tells the applications signed in during those sessions (back-channel logout).
 * Sign-out itself is seen by {@code oidc.SessionEndFilter}.
 *
 * @param username whose sessions
 * @param sessionIds Spring Session ids of the ended sessions (never shown to anyone; the provider derives {@code sid})
 */
public record SessionsEnded(String username, List<String> sessionIds) {

    public SessionsEnded {
        sessionIds = List.copyOf(sessionIds);
    }
}
