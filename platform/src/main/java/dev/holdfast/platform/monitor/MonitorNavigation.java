package dev.holdfast.platform.monitor;

import dev.holdfast.platform.shared.web.BuiltInApplication;
import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The module's place in the shell: its navigation entry (the dashboard is {@code monitor.web.MonitorPages}). */
@Configuration(proxyBeanMethods = false)
class MonitorNavigation {

    @Bean
    NavigationItem monitorNavigationItem() {
        return new NavigationItem("Monitoring", "/monitor", 20, false);
    }

    /** Monitoring's pages sign in through Holdfast's OpenID Connect provider. */
    @Bean
    BuiltInApplication monitorApplication() {
        return new BuiltInApplication("holdfast-monitor", "Monitoring", "/monitor");
    }
}
