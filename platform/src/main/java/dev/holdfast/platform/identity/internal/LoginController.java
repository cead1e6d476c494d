package dev.holdfast.platform.identity.internal;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (Spring Security checks the form it posts). */
@Controller
class LoginController {

    private final FirstRunSetup setup;

    LoginController(FirstRunSetup setup) {
        this.setup = setup;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String signedOut, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("signedOut", signedOut != null);
        model.addAttribute("setupPending", setup.needed());
        return "identity/login";
    }
}
