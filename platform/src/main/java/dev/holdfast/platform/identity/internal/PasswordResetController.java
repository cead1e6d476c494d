package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.internal.PasswordPolicy.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "Forgot password": ask for a link by email, then choose a new password through it. */
@Controller
class PasswordResetController {

    private final PasswordResets resets;
    private final PasswordPolicy policy;
    private final Links links;

    PasswordResetController(PasswordResets resets, PasswordPolicy policy, Links links) {
        this.resets = resets;
        this.policy = policy;
        this.links = links;
    }

    @GetMapping("/login/forgot")
    String forgot(Model model) {
        model.addAttribute("available", resets.available());
        model.addAttribute("sent", false);
        return "identity/login-forgot";
    }

    @PostMapping("/login/forgot")
    String requestLink(@RequestParam(required = false) @Nullable String email, Model model, HttpServletRequest request) {
        if (email != null && resets.available()) {
            resets.request(email, request.getRemoteAddr(), links.base(request));
        }
        model.addAttribute("available", resets.available());
        model.addAttribute("sent", resets.available());
        return "identity/login-forgot";
    }

    @GetMapping("/login/reset")
    String form(@RequestParam(required = false) @Nullable String token, Model model, HttpServletResponse response) {
        if (token == null || resets.userOf(token).isEmpty()) {
            return invalid(response);
        }
        return page(model, token, Map.of(), List.of());
    }

    @PostMapping("/login/reset")
    String reset(@ModelAttribute PasswordForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
        if (form.token() == null) {
            return invalid(response);
        }
        if (!form.confirmed()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return resets.userOf(form.token()).isEmpty() ? invalid(response)
                    : page(model, form.token(), Map.of("passwordConfirmation", "The two passwords differ."), List.of());
        }
        Optional<Verdict> verdict = resets.complete(form.token(), form.passwordValue(), request.getRemoteAddr());
        if (verdict.isEmpty()) {
            return invalid(response);
        }
        if (!verdict.get().acceptable()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form.token(), Map.of("password", String.join(" ", verdict.get().problems())),
                    verdict.get().suggestions());
        }
        return "redirect:/login?reset";
    }

    private String page(Model model, String token, Map<String, String> errors, List<String> suggestions) {
        model.addAttribute("token", token);
        model.addAttribute("rules", policy.summary());
        model.addAttribute("errors", errors);
        model.addAttribute("suggestions", suggestions);
        return "identity/login-reset";
    }

    private static String invalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "identity/link-invalid";
    }
}
