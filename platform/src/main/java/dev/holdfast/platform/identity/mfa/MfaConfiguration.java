package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.shared.jobs.JobsSettings;
import dev.holdfast.platform.shared.jobs.RecurringJob;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;

/**
 * Second factors on Spring Security's multi-factor support: its filters merge a further sign-in (a passkey after
 * the password) into the current one, and every authorization rule also asks {@link SecondFactorAuthorization}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMultiFactorAuthentication(authorities = {})
class MfaConfiguration {

    @Bean
    DefaultAuthorizationManagerFactory<Object> authorizationManagerFactory(SecondFactorAuthorization secondFactor) {
        DefaultAuthorizationManagerFactory<Object> factory = new DefaultAuthorizationManagerFactory<>();
        factory.setAdditionalAuthorization(secondFactor);
        return factory;
    }

    @Bean
    SecondFactorAuthorization secondFactorAuthorization(SecondFactors factors) {
        return new SecondFactorAuthorization(factors);
    }

    /** {@code HOLDFAST_IDENTITY_MFA_REQUIRED}: everyone needs a second factor. */
    @Bean
    SecondFactorPolicy globalSecondFactorPolicy(MfaSettings settings) {
        return new SecondFactorPolicy() {
            @Override
            public String id() {
                return "global";
            }

            @Override
            public boolean required(dev.holdfast.platform.identity.UserAccount.UserId user) {
                return settings.required();
            }
        };
    }

    /** Groups whose attribute {@code mfa.required} is {@code true}: their members (and sub-groups') need a second factor. */
    @Bean
    SecondFactorPolicy groupSecondFactorPolicy(dev.holdfast.platform.identity.UserManagement users) {
        return new GroupSecondFactorPolicy(users);
    }

    /** Housekeeping: expired codes, old failed attempts, enrolments never confirmed. */
    @Bean
    RecurringJob identityMfaCleanup(MfaHousekeeping housekeeping, JobsSettings jobs) {
        return new RecurringJob("identity.mfa-cleanup", jobs.housekeepingCron(), housekeeping::run);
    }

    @Bean
    SmsGateway httpSmsGateway(MfaSettings settings) {
        return new HttpSmsGateway(settings.sms());
    }

    @Bean
    SecondFactorSecurity secondFactorSecurity(SecondFactorAuthorization authorization, MfaSettings settings,
            PlatformSettings platform, @Value("${server.port:8080}") int port, SecondFactors factors, SignIns signIns,
            MfaAudit audit, java.time.Clock clock, dev.holdfast.platform.identity.AuditLog log) {
        URI base = platform.baseUrl() != null ? platform.baseUrl() : URI.create("http://localhost:" + port);
        return new SecondFactorSecurity(authorization, settings, base, new PasskeyAudit(PasskeyAudit.REGISTER, factors, signIns, audit, log),
                new PasskeyAudit(PasskeyAudit.SIGN_IN, factors, signIns, audit, log),
                new NodeLocalCreationOptions(clock));
    }
}
