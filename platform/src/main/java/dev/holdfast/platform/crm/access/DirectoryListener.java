package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.identity.GroupChanged;
import dev.holdfast.platform.identity.GroupMembershipChanged;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserDisabled;
import dev.holdfast.platform.identity.UserEnabled;
import dev.holdfast.platform.identity.UserUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps CRM access in step with the directory: a user's roles and teams are recomputed after a change of their
 * group memberships, of a group (rename, move, delete: its whole subtree), of their account, and when they sign in.
 * Each directory change also bumps {@code crm_access_revision} so that other nodes recompute too.
 */
@Component
class DirectoryListener {

    private final AccessCache cache;
    private final AccessStore store;

    DirectoryListener(AccessCache cache, AccessStore store) {
        this.cache = cache;
        this.store = store;
    }

    @ApplicationModuleListener
    void on(GroupMembershipChanged event) {
        store.bump();
        cache.forget(event.user().toString());
    }

    @ApplicationModuleListener
    void on(GroupChanged event) {
        store.bump();
        cache.forgetAll();
    }

    @ApplicationModuleListener
    void on(UserDisabled event) {
        store.bump();
        cache.forget(event.user().toString());
    }

    @ApplicationModuleListener
    void on(UserEnabled event) {
        store.bump();
        cache.forget(event.user().toString());
    }

    @ApplicationModuleListener
    void on(UserUpdated event) {
        store.bump();
        cache.forget(event.user().toString());
    }

    /** A deleted user leaves every CRM team (their records keep their id as owner). */
    @ApplicationModuleListener
    void on(UserDeleted event) {
        store.forgetMember(event.user().toString());
        store.bump();
        cache.forget(event.user().toString());
    }

    /** Signing in recomputes the user's access from the directory as it is now. */
    @EventListener
    void on(AuthenticationSuccessEvent event) {
        cache.identify(event.getAuthentication().getName()).ifPresent(identity -> cache.forget(identity.userId()));
    }
}
