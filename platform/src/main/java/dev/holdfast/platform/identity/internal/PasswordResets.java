package dev.holdfast.platform.identity.internal;

import static dev.holdfast.platform.identity.internal.UserTable.*;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.UserSessions;
import dev.holdfast.platform.identity.internal.PasswordLinks.Purpose;
import dev.holdfast.platform.identity.internal.PasswordPolicy.Verdict;
import dev.holdfast.platform.shared.mail.Email;
import dev.holdfast.platform.shared.mail.OutgoingMail;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password reset by email link. A request answers the same whether or not the address belongs to anyone (it is
 * handled on a thread of its own after the answer, so not even the time differs); each account gets at most
 * {@value #PER_ACCOUNT_PER_HOUR} links an hour (the client address is limited by {@link LoginThrottleFilter}).
 * Links are single use and live {@code RESET_TTL}; completing one ends every session of the user.
 */
@Service
class PasswordResets {

    static final Duration RESET_TTL = Duration.ofMinutes(30);
    static final int PER_ACCOUNT_PER_HOUR = 3;
    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final DSLContext db;
    private final JooqUsers users;
    private final PasswordLinks links;
    private final PasswordPolicy policy;
    private final Passwords passwords;
    private final UserSessions sessions;
    private final OutgoingMail mail;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionTemplate transactions;

    PasswordResets(DSLContext db, JooqUsers users, PasswordLinks links, PasswordPolicy policy, Passwords passwords,
            UserSessions sessions, OutgoingMail mail, AuditLog audit, Clock clock, PlatformTransactionManager transactions) {
        this.transactions = new TransactionTemplate(transactions);
        this.db = db;
        this.users = users;
        this.links = links;
        this.policy = policy;
        this.passwords = passwords;
        this.sessions = sessions;
        this.mail = mail;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether resets are offered at all: only with mail configured. */
    boolean available() {
        return mail.configured();
    }

    /**
     * Mails a reset link to each enabled user with this address, unless rate limited; returns at once and does the
     * work on a virtual thread.
     *
     * @param linkBase the start of the link, e.g. {@code https://holdfast.example.org}
     */
    void request(String address, @Nullable String clientIp, String linkBase) {
        if (!available() || address.isBlank() || address.length() > 320) {
            return;
        }
        Thread.ofVirtual().name("password-reset-request").start(() -> {
            try {
                requestNow(address, clientIp, linkBase);
            } catch (RuntimeException e) {
                log.warn("Could not handle a password reset request: {}", e.getMessage());
            }
        });
    }

    private void requestNow(String address, @Nullable String clientIp, String linkBase) {
        List<String> ids = db.select(ID).from(USER)
                .where(DSL.lower(EMAIL).eq(address.strip().toLowerCase(Locale.ROOT)).and(ENABLED.isTrue()))
                .fetch(ID);
        for (String id : ids) {
            UserAccount user = users.findById(new UserId(UUID.fromString(id))).orElseThrow();
            String token = issueUnlessLimited(id);
            if (token == null) {
                audit.record(AuditEvent.of(null, clientIp, "password.reset_requested", "user:" + user.username(),
                        Outcome.DENIED, Map.of("reason", "too many reset links this hour")));
                continue;
            }
            audit.record(AuditEvent.of(null, clientIp, "password.reset_requested", "user:" + user.username(),
                    Outcome.SUCCESS, Map.of()));
            Email message = new Email(user.email(), "Reset your Holdfast password", """
                    Hello %s,

                    someone (hopefully you) asked to reset the password of your Holdfast account "%s".
                    Open this link within %d minutes to choose a new password; it works once:

                    %s/login/reset?token=%s

                    If you did not ask for this, ignore this message; your password stays as it is.
                    """.formatted(user.name(), user.username(), RESET_TTL.toMinutes(), linkBase, token));
            send(message);
        }
    }

    /**
     * Counts this hour's links and issues one, as one step that holds across nodes: requests run on their own
     * virtual threads (and on any node), and four at once must not all see two links and all get one. The step is a
     * read-write transaction that first locks the user's row: {@code SELECT ... FOR UPDATE} on PostgreSQL; on SQLite
     * the transaction itself is {@code BEGIN IMMEDIATE} (the database's one write lock, {@code SqliteConnections}), so
     * a second counter waits until the first has inserted its link and committed.
     *
     * @return the new link's token, or null when the account had its links for this hour
     */
    private @Nullable String issueUnlessLimited(String userId) {
        return transactions.execute(status -> {
            var user = db.select(ID).from(USER).where(ID.eq(userId));
            if (db.dialect().family() == SQLDialect.POSTGRES) {
                user.forUpdate().fetch();
            } else {
                user.fetch();
            }
            if (links.issuedSince(userId, Purpose.RESET, clock.millis() - Duration.ofHours(1).toMillis()) >= PER_ACCOUNT_PER_HOUR) {
                return null;
            }
            return links.issue(userId, Purpose.RESET, RESET_TTL, null);
        });
    }

    private void send(Email message) {
        try {
            mail.send(message);
        } catch (RuntimeException e) {
            log.warn("Could not send a password reset mail: {}", e.getMessage());
        }
    }

    /** The user a still-valid reset token is for. */
    Optional<UserAccount> userOf(String token) {
        return links.userOf(token, Purpose.RESET).flatMap(id -> users.findById(new UserId(UUID.fromString(id))));
    }

    /**
     * Sets the new password if the token is valid and the policy accepts it, then ends all sessions of the user.
     *
     * @return the policy's verdict; empty if the token is unknown, used or expired
     */
    Optional<Verdict> complete(String token, String password, @Nullable String clientIp) {
        Optional<UserAccount> found = userOf(token);
        if (found.isEmpty()) {
            audit.record(AuditEvent.of(null, clientIp, "password.reset_failed", null, Outcome.DENIED,
                    Map.of("reason", "reset link invalid, used or expired")));
            return Optional.empty();
        }
        UserAccount user = found.get();
        Verdict verdict = policy.check(password, user.username(), user.email(), user.displayName(), user.id().toString());
        if (!verdict.acceptable()) {
            return Optional.of(verdict);
        }
        // sessions end after the commit: the session store writes in a transaction of its own
        Boolean redeemed = transactions.execute(status -> {
            if (!links.redeem(token, user.id().toString(), Purpose.RESET)) {
                return false;
            }
            passwords.set(user.id().toString(), password);
            return true;
        });
        if (!Boolean.TRUE.equals(redeemed)) {
            return Optional.empty();
        }
        int ended = sessions.revokeAll(user.username(), null, user.username(), clientIp);
        audit.record(AuditEvent.of(user.username(), clientIp, "password.reset_completed", "user:" + user.username(),
                Outcome.SUCCESS, Map.of("sessionsEnded", Integer.toString(ended))));
        return Optional.of(verdict);
    }
}
