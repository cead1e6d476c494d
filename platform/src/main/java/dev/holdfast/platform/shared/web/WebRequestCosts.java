package dev.holdfast.platform.shared.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * What a request costs besides its own work: one observation per HTTP request ({@code http.server.requests}, Spring's
 * {@code ServerHttpObservationFilter}, feeding the Prometheus request metrics) and none inside Spring Security, whose
 * observations would wrap every filter of every chain, every authentication and every authorization, each with events
 * that look up counters (measured in bench/crm: about a tenth of the CPU of an API list request, for metrics nothing
 * reads; sign-in failures are audited and counted by identity itself). The record API's controller methods are
 * found among their own few mappings first ({@link ApiHandlerMapping}).
 */
@Configuration(proxyBeanMethods = false)
class WebRequestCosts {

    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ApiHandlerMapping recordApiHandlerMapping() {
        return new ApiHandlerMapping("/api/v1/");
    }
}
