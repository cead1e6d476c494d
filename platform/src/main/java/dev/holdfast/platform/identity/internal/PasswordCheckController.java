package dev.holdfast.platform.identity.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Live feedback while a password is typed (htmx, on every page where one is chosen). Checks every rule but the
 * history, which needs the user and is checked on submit; answers a fragment, never stores anything.
 */
@Controller
class PasswordCheckController {

    private final PasswordPolicy policy;

    PasswordCheckController(PasswordPolicy policy) {
        this.policy = policy;
    }

    @PostMapping("/password/check")
    String check(@RequestParam(required = false) @Nullable String password,
            @RequestParam(required = false) @Nullable String username, Model model) {
        if (password == null || password.isEmpty()) {
            model.addAttribute("problems", List.of());
            model.addAttribute("suggestions", List.of());
            model.addAttribute("empty", true);
            return "identity/password-feedback";
        }
        PasswordPolicy.Verdict verdict = policy.check(password, username, null, null, null);
        model.addAttribute("problems", verdict.problems());
        model.addAttribute("suggestions", verdict.suggestions());
        model.addAttribute("empty", false);
        return "identity/password-feedback";
    }
}
