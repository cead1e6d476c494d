package dev.holdfast.platform.identity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The server-side sign-in sessions of each user: listed for the user and for administrators, ended one by one or
 * all at once (on every node: sessions live in the database). Every revocation is audited.
 */
public interface UserSessions {

    /** The user's live sessions, most recently used first. */
    List<SessionInfo> list(String username);

    /**
     * Ends one session of the user.
     *
     * @param actor who does it (the user or an administrator), for the audit log
     * @return false if the user has no such session (already ended, or someone else's)
     */
    boolean revoke(String username, String handle, String actor, @Nullable String clientIp);

    /**
     * Ends every session of the user, except the one with handle {@code keep} if given (the caller's own).
     *
     * @return how many sessions ended
     */
    int revokeAll(String username, @Nullable String keep, @Nullable String actor, @Nullable String clientIp);

    /**
     * One session as its owner sees it.
     *
     * @param handle stands for the session in links and forms; not the session cookie, which never leaves the server
     * @param device browser and operating system, from the User-Agent at sign-in
     * @param clientIp the address the session signed in from
     */
    record SessionInfo(String handle, String device, @Nullable String clientIp, Instant createdAt, Instant lastSeenAt) {}
}
