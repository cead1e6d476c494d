package dev.holdfast.platform.crm;

import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's place in the shell: its navigation entry and landing page. */
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

    @Controller
    static class Landing {

        @GetMapping("/crm")
        String landing(Model model) {
            model.addAttribute("title", "CRM");
            model.addAttribute("summary", "Accounts, contacts, leads, opportunities and cases.");
            return "module";
        }
    }
}
