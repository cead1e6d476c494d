package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import java.util.Map;
import dev.holdfast.platform.shared.database.DatabaseReady;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First run: while there is no user, each start issues a one-time link (single use, expiring) and prints it;
 * whoever opens it creates the first administrator. There is no default password.
 */
@Service
class FirstRunSetup {

    private final JooqUsers users;
    private final SetupTokens tokens;
    private final Passwords passwords;
    private final PlatformSettings platform;
    private final IdentitySettings settings;
    private final AuditLog audit;
    private volatile @Nullable String pendingToken;
    private volatile boolean ready;
    private volatile int port = 8080;
    /** Once a user exists, one always does (the last administrator cannot be removed): no count per sign-in page. */
    private volatile boolean done;

    FirstRunSetup(JooqUsers users, SetupTokens tokens, Passwords passwords, PlatformSettings platform,
            IdentitySettings settings, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.passwords = passwords;
        this.platform = platform;
        this.settings = settings;
        this.audit = audit;
    }

    /** Whether the first administrator still has to be created. */
    boolean needed() {
        if (done) {
            return false;
        }
        boolean needed = users.count() == 0;
        done = !needed;
        return needed;
    }

    @EventListener
    void on(DatabaseReady event) {
        if (needed()) {
            pendingToken = tokens.issue();
            if (ready) {
                print();
            }
        }
    }

    @EventListener
    void on(WebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    @EventListener
    void on(ApplicationReadyEvent event) {
        ready = true;
        print();
    }

    private synchronized void print() {
        String token = pendingToken;
        if (token == null) {
            return;
        }
        pendingToken = null;
        URI base = platform.baseUrl() != null ? platform.baseUrl() : URI.create("http://localhost:" + port);
        String link = base.toString().replaceAll("/+$", "") + "/setup?token=" + token;
        long minutes = settings.setupLinkTtl().toMinutes();
        System.out.println("""

                ==============================================================================
                 Holdfast has no administrator yet. Open this link to create one
                 (it works once and expires in %d minutes; restart Holdfast for a new one):

                 %s
                ==============================================================================
                """.formatted(minutes, link));
        System.out.flush();
    }

    /**
     * Creates the first administrator if the token is valid and still unused.
     *
     * @throws InvalidSetupLinkException if the token is unknown, used or expired, or setup was already done
     */
    @Transactional
    UserAccount complete(String token, SetupForm form, @Nullable String clientIp) {
        if (!tokens.redeem(token) || !needed()) {
            audit.record(AuditEvent.of(null, clientIp, "setup.failed", null, Outcome.DENIED,
                    Map.of("reason", "setup link invalid, used or expired")));
            throw new InvalidSetupLinkException();
        }
        UserAccount admin = users.create(form.username().strip(), blankToNull(form.email()), blankToNull(form.displayName()),
                null, true);
        passwords.set(admin.id().toString(), form.password());
        audit.record(AuditEvent.of(admin.username(), clientIp, "setup.completed", "user:" + admin.id(), Outcome.SUCCESS,
                Map.of("administrator", admin.username())));
        return admin;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
