package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.internal.SessionsEnded;
import dev.holdfast.platform.shared.jobs.Jobs;
import org.springframework.context.event.EventListener;

/**
 * Sessions ended by revocation, by disabling or deleting the user, or by a timeout: the applications signed in
 * during them get back-channel logout tokens, as they do on sign-out ({@link SessionEndFilter}).
 */
class SessionEnds {

    private final BackChannelLogout logout;
    private final Jobs jobs;

    SessionEnds(BackChannelLogout logout, Jobs jobs) {
        this.logout = logout;
        this.jobs = jobs;
    }

    @EventListener
    void on(SessionsEnded event) {
        event.sessionIds().forEach(id -> logout.sessionEnded(jobs, event.username(), id));
    }
}
