package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.identity.Group;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserManagement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each user's effective CRM access (combined roles and teams, from their identity groups with every ancestor, and
 * the roles their teams carry),
 * computed once and kept until something that could change it happens: a directory event, a change to roles,
 * teams or mappings, or the user signing in. Other nodes' changes arrive through {@code crm_access_revision},
 * read at most once per {@link CrmAccessSettings#revisionCheck}. Thread-safe.
 */
@Component
class AccessCache {

    /** What a user may do in the CRM, as of the last computation. */
    record Entry(String userId, AccessTable table, Set<String> teamIds) {}

    /** A username resolved to the identity user behind it. */
    record Identity(String userId, String displayName) {}

    private final UserManagement users;
    private final AccessStore store;
    private final long checkEveryNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Names seen in authentications (usernames, or user ids); an unknown name is not remembered. */
    private final ConcurrentHashMap<String, Identity> identities = new ConcurrentHashMap<>();
    /**
     * The groups the {@code groups} claim named when the user last signed in to the CRM (on this node), used instead
     * of asking the directory until anything in the directory or CRM access changes (then the directory, fresher, wins).
     */
    private final ConcurrentHashMap<String, List<String>> claimedGroups = new ConcurrentHashMap<>();
    private volatile long revision = Long.MIN_VALUE;
    private volatile long checkedAt;

    AccessCache(UserManagement users, AccessStore store, CrmAccessSettings settings) {
        this.users = users;
        this.store = store;
        this.checkEveryNanos = settings.revisionCheck().toNanos();
    }

    Entry get(String userId) {
        checkRevision();
        return entries.computeIfAbsent(userId, this::load);
    }

    /** The identity user with that username, or (for tokens that name the user by id) that id. */
    Optional<Identity> identify(String name) {
        checkRevision();
        Identity known = identities.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Identity> found = lookUp(name);
        found.ifPresent(identity -> identities.put(name, identity));
        return found;
    }

    /** The user signed in to the CRM: their roles and teams follow the groups of the ID token from now on. */
    void signedIn(String userId, List<String> groups) {
        claimedGroups.put(userId, List.copyOf(groups));
        entries.remove(userId);
        identities.clear();
    }

    void forget(String userId) {
        claimedGroups.remove(userId);
        entries.remove(userId);
        identities.clear();
    }

    void forgetAll() {
        claimedGroups.clear();
        entries.clear();
        identities.clear();
    }

    /** Forgets everything once the current transaction commits (at once without one). */
    void forgetAllAfterCommit() {
        afterCommit(this::forgetAll);
    }

    /** Forgets the user once the current transaction commits (at once without one). */
    void forgetAfterCommit(String userId) {
        afterCommit(() -> forget(userId));
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private void checkRevision() {
        long now = System.nanoTime();
        if (revision != Long.MIN_VALUE && now - checkedAt < checkEveryNanos) {
            return;
        }
        long current = store.revision();
        if (current != revision) {
            forgetAll();
            revision = current;
        }
        checkedAt = now;
    }

    private Entry load(String userId) {
        Optional<UserAccount> account = parse(userId).flatMap(id -> users.findById(new UserId(id)));
        if (account.isEmpty() || !account.get().enabled()) {
            return new Entry(userId, AccessTable.NONE, Set.of());
        }
        List<String> claimed = claimedGroups.get(userId);
        List<String> groups = claimed != null ? claimed : users.groupsOf(account.get().id()).stream().map(Group::name).toList();
        Set<String> teams = Set.copyOf(store.teamIdsOf(userId, groups));
        return new Entry(userId, AccessTable.combine(store.rolesOf(groups, teams)), teams);
    }

    private Optional<Identity> lookUp(String name) {
        return users.findByUsername(name).or(() -> parse(name).flatMap(id -> users.findById(new UserId(id))))
                .map(account -> new Identity(account.id().toString(), account.name()));
    }

    private static Optional<UUID> parse(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
