package dev.holdfast.platform.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The identity module's page for administrators: users, lockouts, the audit log. */
@Controller
class IdentityHomeController {

    private final JooqUsers users;
    private final LoginFailures failures;

    IdentityHomeController(JooqUsers users, LoginFailures failures) {
        this.users = users;
        this.failures = failures;
    }

    @GetMapping("/admin/identity")
    String home(Model model) {
        model.addAttribute("userCount", users.count());
        model.addAttribute("lockouts", failures.lockouts());
        return "identity/home";
    }

    @PostMapping("/admin/identity/lockouts/{username}/unlock")
    String unlock(@PathVariable String username, Principal administrator, HttpServletRequest request) {
        failures.unlock(username, administrator.getName(), request.getRemoteAddr());
        return "redirect:/admin/identity";
    }
}
