package dev.holdfast.platform.crm;

import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The module's place in the shell: its navigation entry (the landing page, a dashboard, is crm.web's). */
@Configuration(proxyBeanMethods = false)
class CrmNavigation {

    @Bean
    NavigationItem crmNavigationItem() {
        return new NavigationItem("CRM", "/crm", 10, false);
    }

    @Bean
    NavigationItem crmEntityManagerNavigationItem() {
        return new NavigationItem("Entity Manager", "/admin/crm/entities", 85, true);
    }
}
