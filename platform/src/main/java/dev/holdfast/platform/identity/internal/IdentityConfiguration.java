package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.database.ModuleSchema;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.shared.web.BuiltInApplication;
import dev.holdfast.platform.shared.web.NavigationItem;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The identity module's schema, password hashing, navigation and housekeeping. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    ModuleSchema identityModuleSchema() {
        return new ModuleSchema("identity", 10);
    }

    /** Argon2id with the parameters of {@link PasswordPolicySettings} (default 7 MiB, 5 passes, 1 lane: one of OWASP's listed minimums and Keycloak's default). */
    @Bean
    PasswordEncoder passwordEncoder(PasswordPolicySettings settings) {
        return new HoldfastPasswordEncoder(settings);
    }

    @Bean
    NavigationItem identityNavigation() {
        return new NavigationItem("Identity", "/admin/identity", 40, true);
    }

    /** The administration pages ({@code /admin/**}) sign in through Holdfast's own OpenID Connect provider. */
    @Bean
    BuiltInApplication adminApplication() {
        return new BuiltInApplication("holdfast-admin", "Administration", "/admin");
    }

    /** The self-service portal, for everyone signed in. */
    @Bean
    NavigationItem accountNavigation() {
        return new NavigationItem("Account", AccountController.BASE, 90, false);
    }

    /** Housekeeping: removes expired password reset and invitation links. */
    @Bean
    RecurringJob identityPasswordLinkCleanup(PasswordLinks links, JobsSettings jobs) {
        return new RecurringJob("identity.password-link-cleanup", jobs.housekeepingCron(), links::removeExpired);
    }

    /** Housekeeping: removes expired first-run setup tokens. */
    @Bean
    RecurringJob identitySetupTokenCleanup(SetupTokens tokens, JobsSettings jobs) {
        return new RecurringJob("identity.setup-token-cleanup", jobs.housekeepingCron(), tokens::removeExpired);
    }

    /** Removes expired sign-in sessions every minute (Spring Session's own per-node cron is off). */
    @Bean
    RecurringJob identitySessionCleanup(JdbcIndexedSessionRepository sessions, org.jooq.DSLContext db,
            org.springframework.context.ApplicationEventPublisher events, java.time.Clock clock) {
        ExpiredSessions expired = new ExpiredSessions(db, sessions, events, clock);
        return new RecurringJob("identity.session-cleanup", "0 * * * * *", expired::remove);
    }

    /** Housekeeping: forgets failed sign-ins older than a day, and audit events past their retention. */
    @Bean
    RecurringJob identityRetention(LoginFailures failures, JooqAuditLog audit, IdentitySettings settings, Clock clock,
            JobsSettings jobs) {
        return new RecurringJob("identity.retention", jobs.housekeepingCron(), () -> {
            failures.prune(clock.instant().minus(Duration.ofDays(1)));
            audit.prune(clock.instant().minus(settings.auditRetention()));
        });
    }
}
