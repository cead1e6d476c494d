package dev.holdfast.platform.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The first-run page where the first administrator chooses a username and password. */
@Controller
class SetupController {

    private final FirstRunSetup setup;
    private final SetupTokens tokens;
    private final JooqUsers users;
    private final PasswordPolicy policy;
    private final SignIns signIns;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SetupController(FirstRunSetup setup, SetupTokens tokens, JooqUsers users, PasswordPolicy policy, SignIns signIns) {
        this.signIns = signIns;
        this.setup = setup;
        this.policy = policy;
        this.tokens = tokens;
        this.users = users;
    }

    @GetMapping("/setup")
    String form(@RequestParam(required = false) @Nullable String token, Model model, HttpServletResponse response) {
        if (token == null || !setup.needed() || !tokens.valid(token)) {
            response.setStatus(HttpStatus.GONE.value());
            return "identity/setup-invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("rules", policy.summary());
        model.addAttribute("form", SetupForm.empty());
        model.addAttribute("errors", Map.of());
        return "identity/setup";
    }

    @PostMapping("/setup")
    String complete(@RequestParam(required = false) @Nullable String token, @ModelAttribute SetupForm form, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (token == null || !setup.needed() || !tokens.valid(token)) {
            response.setStatus(HttpStatus.GONE.value());
            return "identity/setup-invalid";
        }
        Map<String, String> errors = new java.util.LinkedHashMap<>(form.errors());
        if (!errors.containsKey("password")) {
            PasswordPolicy.Verdict verdict = policy.check(form.value(form.password()), form.username(), form.email(),
                    form.displayName(), null);
            if (!verdict.acceptable()) {
                errors.put("password", String.join(" ", verdict.problems()));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("token", token);
            model.addAttribute("rules", policy.summary());
            model.addAttribute("form", form.withoutPasswords());
            model.addAttribute("errors", errors);
            return "identity/setup";
        }
        try {
            setup.complete(token, form, request.getRemoteAddr());
        } catch (InvalidSetupLinkException e) {
            response.setStatus(HttpStatus.GONE.value());
            return "identity/setup-invalid";
        }
        signIn(form.value(form.username()).strip(), request, response);
        return "redirect:/";
    }

    private void signIn(String username, HttpServletRequest request, HttpServletResponse response) {
        UserDetails user = users.loadUserByUsername(username);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        // The administrator just chose this password: a password factor, as form login would grant.
        var authorities = new java.util.ArrayList<org.springframework.security.core.GrantedAuthority>(user.getAuthorities());
        authorities.add(org.springframework.security.core.authority.FactorGrantedAuthority
                .fromAuthority(org.springframework.security.core.authority.FactorGrantedAuthority.PASSWORD_AUTHORITY));
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        signIns.record(username, request.getSession(), request);
        users.signedIn(username);
    }
}
