package dev.holdfast.platform.backups;

import dev.holdfast.platform.shared.web.BuiltInApplication;
import dev.holdfast.platform.shared.web.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The module's place in the shell: its navigation entry and landing page. */
@Configuration(proxyBeanMethods = false)
class BackupsNavigation {

    @Bean
    NavigationItem backupsNavigationItem() {
        return new NavigationItem("Backups", "/backups", 30, false);
    }

    /** The backups pages sign in through Holdfast's OpenID Connect provider. */
    @Bean
    BuiltInApplication backupsApplication() {
        return new BuiltInApplication("holdfast-backups", "Backups", "/backups");
    }

    @Controller
    static class Landing {

        @GetMapping("/backups")
        String landing(Model model) {
            model.addAttribute("title", "Backups");
            model.addAttribute("summary", "Backups of the whole platform, their history and restore drills.");
            return "module";
        }
    }
}
