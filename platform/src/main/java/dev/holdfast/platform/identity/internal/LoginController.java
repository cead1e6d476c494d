package dev.holdfast.platform.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (Spring Security checks the form it posts). */
@Controller
class LoginController {

    private final FirstRunSetup setup;
    private final PasswordResets resets;

    LoginController(FirstRunSetup setup, PasswordResets resets) {
        this.setup = setup;
        this.resets = resets;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut,
            @RequestParam(required = false) String reset, @RequestParam(required = false) String expired, Model model) {
        model.addAttribute("reset", reset != null);
        model.addAttribute("expired", expired != null);
        model.addAttribute("resetAvailable", resets.available());
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("setupPending", setup.needed());
        return "identity/login";
    }
}
