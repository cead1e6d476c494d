package dev.holdfast.platform.crm;

import dev.holdfast.platform.shared.web.BuiltInApplication;
import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The module's place in the shell: its navigation entry (the landing page, a dashboard, is crm.web's). */
@Configuration(proxyBeanMethods = false)
public class CrmNavigation {

    /** The CRM's client id at Holdfast's OpenID Connect provider. */
    public static final String CLIENT_ID = "holdfast-crm";

    @Bean
    NavigationItem crmNavigationItem() {
        return new NavigationItem("CRM", "/crm", 10, false);
    }

    /** The CRM's pages sign in through Holdfast's OpenID Connect provider; its ID token's groups drive CRM roles. */
    @Bean
    BuiltInApplication crmApplication() {
        return new BuiltInApplication(CLIENT_ID, "CRM", "/crm");
    }

    @Bean
    NavigationItem crmEntityManagerNavigationItem() {
        return new NavigationItem("Entity Manager", "/admin/crm/entities", 85, true);
    }
}
