package dev.holdfast.platform.identity.oidc;

import dev.holdfast.platform.identity.UserManagement;
import dev.holdfast.platform.shared.settings.PlatformSettings;
import dev.holdfast.platform.shared.web.BuiltInApplication;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** Holdfast's own applications sign in through the provider: their registrations and the gate on their pages. */
@Configuration(proxyBeanMethods = false)
class BuiltInSignInConfiguration {

    @Bean
    BuiltInApplications builtInApplications(List<BuiltInApplication> applications, OidcClients clients,
            PlatformSettings platform, Environment environment) {
        return new BuiltInApplications(applications, clients, platform, environment);
    }

    /** Right after Spring Security's filter chain: only requests the platform's rules let through reach the gate. */
    @Bean
    FilterRegistrationBean<ModuleSignInGate> moduleSignInGate(BuiltInApplications applications,
            AuthorizationServerSettings server, UserManagement users, ApplicationEventPublisher events, Clock clock) {
        var registration = new FilterRegistrationBean<>(new ModuleSignInGate(applications, server, users, events, clock));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        for (BuiltInApplication application : applications.list()) {
            registration.addUrlPatterns(application.basePath(), application.basePath() + "/*");
        }
        return registration;
    }
}
