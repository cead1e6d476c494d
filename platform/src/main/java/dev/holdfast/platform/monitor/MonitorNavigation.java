package dev.holdfast.platform.monitor;

import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's place in the shell: its navigation entry and landing page. */
@Configuration(proxyBeanMethods = false)
class MonitorNavigation {

    @Bean
    NavigationItem monitorNavigationItem() {
        return new NavigationItem("Monitoring", "/monitor", 20, false);
    }

    @Controller
    static class Landing {

        @GetMapping("/monitor")
        String landing(Model model) {
            model.addAttribute("title", "Monitoring");
            model.addAttribute("summary", "Checks of your services, incidents and status pages.");
            return "module";
        }
    }
}
