package dev.holdfast.platform.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The identity module's landing page for administrators. */
@Controller
class IdentityHomeController {

    private final JooqUsers users;

    IdentityHomeController(JooqUsers users) {
        this.users = users;
    }

    @GetMapping("/identity")
    String home(Model model) {
        model.addAttribute("userCount", users.count());
        return "identity/home";
    }
}
