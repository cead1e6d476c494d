package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.crm.CrmNavigation;
import dev.holdfast.platform.identity.ApplicationSignedIn;
import dev.holdfast.platform.identity.GroupChanged;
import dev.holdfast.platform.identity.GroupMembershipChanged;
import dev.holdfast.platform.identity.UserDeleted;
import dev.holdfast.platform.identity.UserDisabled;
import dev.holdfast.platform.identity.UserEnabled;
import dev.holdfast.platform.identity.UserUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Keeps CRM access in step with the directory: a user's roles and teams are recomputed after a change of their
 * group memberships, of a group (rename, move, delete: its whole subtree), of their account, and when they sign in.
 *
 * <p>These listeners run inside the directory change's transaction (plain {@code @EventListener}, not Modulith's
 * {@code @ApplicationModuleListener}): they bump {@code crm_access_revision} in that same transaction, so other
 * nodes learn of the change exactly when it commits, and this node forgets the cached access after the commit.
 * An after-commit listener writing in a new transaction would wait on SQLite's write lock, which the committing
 * connection still holds at that point (seen as SQLITE_BUSY after the busy timeout).
 */
@Component
class DirectoryListener {

    private final AccessCache cache;
    private final AccessStore store;

    DirectoryListener(AccessCache cache, AccessStore store) {
        this.cache = cache;
        this.store = store;
    }

    @EventListener
    void on(GroupMembershipChanged event) {
        changed(event.user().toString());
    }

    @EventListener
    void on(GroupChanged event) {
        store.bump();
        cache.forgetAllAfterCommit();
    }

    @EventListener
    void on(UserDisabled event) {
        changed(event.user().toString());
    }

    @EventListener
    void on(UserEnabled event) {
        changed(event.user().toString());
    }

    @EventListener
    void on(UserUpdated event) {
        changed(event.user().toString());
    }

    /** A deleted user leaves every CRM team (records keep their id as owner). */
    @EventListener
    void on(UserDeleted event) {
        store.forgetMember(event.user().toString());
        changed(event.user().toString());
    }

    /** Signing in recomputes the user's access from the directory as it is now. */
    @EventListener
    void on(AuthenticationSuccessEvent event) {
        cache.identify(event.getAuthentication().getName()).ifPresent(identity -> cache.forget(identity.userId()));
    }

    /**
     * Signing in to the CRM (through Holdfast's OpenID Connect provider) sets the user's CRM roles and teams from the
     * groups claim of the ID token, through the group mappings: the CRM's permissions follow what the directory said
     * at that sign-in. API tokens and service accounts, which have no such sign-in, are looked up in the directory.
     */
    @EventListener
    void on(ApplicationSignedIn event) {
        if (CrmNavigation.CLIENT_ID.equals(event.clientId())) {
            cache.signedIn(event.user().value().toString(), event.groups());
        }
    }

    private void changed(String userId) {
        store.bump();
        cache.forgetAfterCommit(userId);
    }
}
