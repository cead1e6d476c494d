package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.shared.database.ModuleSchema;
import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.shared.web.NavigationItem;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The identity module's schema, password hashing, navigation and housekeeping. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** Argon2id parameters: 16-byte salt, 32-byte hash, parallelism 1, 19 MiB memory, 2 iterations (OWASP's minimum). */
    static final int ARGON2_MEMORY_KIB = 19 * 1024;
    static final int ARGON2_ITERATIONS = 2;

    @Bean
    ModuleSchema identityModuleSchema() {
        return new ModuleSchema("identity", 10);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new Argon2PasswordEncoder(16, 32, 1, ARGON2_MEMORY_KIB, ARGON2_ITERATIONS);
    }

    @Bean
    NavigationItem identityNavigation() {
        return new NavigationItem("Identity", "/admin/identity", 40, true);
    }

    /** Housekeeping: removes expired first-run setup tokens. */
    @Bean
    RecurringJob identitySetupTokenCleanup(SetupTokens tokens, JobsSettings jobs) {
        return new RecurringJob("identity.setup-token-cleanup", jobs.housekeepingCron(), tokens::removeExpired);
    }

    /** Removes expired sign-in sessions every minute (Spring Session's own per-node cron is off). */
    @Bean
    RecurringJob identitySessionCleanup(JdbcIndexedSessionRepository sessions) {
        return new RecurringJob("identity.session-cleanup", "0 * * * * *", sessions::cleanUpExpiredSessions);
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
