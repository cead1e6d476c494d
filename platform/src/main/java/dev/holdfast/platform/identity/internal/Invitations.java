package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserAccount.UserId;
import dev.holdfast.platform.identity.internal.PasswordLinks.Purpose;
import dev.holdfast.platform.identity.internal.PasswordPolicy.Verdict;
import dev.holdfast.platform.shared.mail.Email;
import dev.holdfast.platform.shared.mail.OutgoingMail;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Enrolment by invitation: an administrator invites a new user, or an existing one without a password; the
 * one-time link (valid {@code INVITATION_TTL}) is shown to the administrator and mailed when mail is configured; the
 * invited person chooses a password under the policy and is signed in.
 */
@Service
class Invitations {

    static final Duration INVITATION_TTL = Duration.ofDays(7);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");
    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    private final JooqUsers users;
    private final PasswordLinks links;
    private final PasswordPolicy policy;
    private final Passwords passwords;
    private final OutgoingMail mail;
    private final AuditLog audit;

    Invitations(JooqUsers users, PasswordLinks links, PasswordPolicy policy, Passwords passwords, OutgoingMail mail,
            AuditLog audit) {
        this.users = users;
        this.links = links;
        this.policy = policy;
        this.passwords = passwords;
        this.mail = mail;
        this.audit = audit;
    }

    /**
     * The invitation made.
     *
     * @param link the one-time link, to pass on if it was not mailed
     * @param mailed whether it went out by mail
     */
    record Invitation(UserAccount user, String link, boolean mailed) {}

    /**
     * Invites the user with this username, creating them first if there is none.
     *
     * @throws InvitationNotPossibleException if the user exists and already has a password, or the username is invalid
     */
    @Transactional
    Invitation invite(String username, @Nullable String email, @Nullable String displayName, String administrator,
            @Nullable String clientIp, String linkBase) {
        String name = username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new InvitationNotPossibleException("A username has 3 to 100 letters, digits or . _ @ -");
        }
        boolean created = false;
        UserAccount user = users.findByUsername(name).orElse(null);
        if (user == null) {
            user = users.create(name, blankToNull(email), blankToNull(displayName), null, false);
            created = true;
        } else if (passwords.hasPassword(user.id().toString())) {
            throw new InvitationNotPossibleException("User " + name + " already has a password; they can reset it.");
        }
        String token = links.issue(user.id().toString(), Purpose.INVITATION, INVITATION_TTL, administrator);
        String link = linkBase + "/invitation?token=" + token;
        boolean mailed = false;
        if (mail.configured() && user.email() != null) {
            try {
                mail.send(new Email(user.email(), "You are invited to Holdfast", """
                        Hello %s,

                        %s invited you to Holdfast as "%s". Open this link within %d days to choose your password;
                        it works once:

                        %s
                        """.formatted(user.name(), administrator, user.username(), INVITATION_TTL.toDays(), link)));
                mailed = true;
            } catch (RuntimeException e) {
                log.warn("Could not mail the invitation of {}: {}", user.username(), e.getMessage());
            }
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("userCreated", Boolean.toString(created));
        details.put("mailed", Boolean.toString(mailed));
        audit.record(AuditEvent.of(administrator, clientIp, "invitation.created", "user:" + user.username(),
                Outcome.SUCCESS, details));
        return new Invitation(user, link, mailed);
    }

    /** The user a still-valid invitation is for. */
    Optional<UserAccount> userOf(String token) {
        return links.userOf(token, Purpose.INVITATION).flatMap(id -> users.findById(new UserId(UUID.fromString(id))));
    }

    /**
     * Sets the invited user's first password if the token is valid and the policy accepts it.
     *
     * @return the policy's verdict; empty if the token is unknown, used or expired
     */
    @Transactional
    Optional<Verdict> accept(String token, String password, @Nullable String clientIp) {
        Optional<UserAccount> found = userOf(token);
        if (found.isEmpty()) {
            audit.record(AuditEvent.of(null, clientIp, "invitation.failed", null, Outcome.DENIED,
                    Map.of("reason", "invitation link invalid, used or expired")));
            return Optional.empty();
        }
        UserAccount user = found.get();
        Verdict verdict = policy.check(password, user.username(), user.email(), user.displayName(), user.id().toString());
        if (!verdict.acceptable()) {
            return Optional.of(verdict);
        }
        if (!links.redeem(token, user.id().toString(), Purpose.INVITATION)) {
            return Optional.empty();
        }
        passwords.set(user.id().toString(), password);
        audit.record(AuditEvent.of(user.username(), clientIp, "invitation.accepted", "user:" + user.username(),
                Outcome.SUCCESS, Map.of()));
        return Optional.of(verdict);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
