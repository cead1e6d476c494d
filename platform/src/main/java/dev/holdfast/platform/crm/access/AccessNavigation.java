package dev.holdfast.platform.crm.access;

import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Administrators find CRM roles, teams and group mappings in the shell's navigation. */
@Configuration(proxyBeanMethods = false)
class AccessNavigation {

    @Bean
    NavigationItem crmAccessNavigationItem() {
        return new NavigationItem("CRM access", "/admin/crm/roles", 45, true);
    }
}
