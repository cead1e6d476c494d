package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.internal.Invitations.Invitation;
import dev.holdfast.platform.identity.internal.PasswordPolicy.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * Invitations: an administrator invites someone ({@code /admin/identity/invitations}); the invited person opens
 * the link ({@code /invitation}), chooses a password and is signed in.
 */
@Controller
class InvitationController {

    private final Invitations invitations;
    private final PasswordPolicy policy;
    private final JooqUsers users;
    private final Links links;
    private final SignIns signIns;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    InvitationController(Invitations invitations, PasswordPolicy policy, JooqUsers users, Links links, SignIns signIns) {
        this.signIns = signIns;
        this.invitations = invitations;
        this.policy = policy;
        this.users = users;
        this.links = links;
    }

    @GetMapping("/admin/identity/invitations/new")
    String newInvitation(Model model) {
        model.addAttribute("problem", null);
        return "identity/invitation-new";
    }

    @PostMapping("/admin/identity/invitations")
    String invite(@RequestParam(required = false) @Nullable String username, @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String displayName, Principal administrator, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        ProfileForm profile = new ProfileForm(email, displayName);
        String problem = profile.errors().values().stream().findFirst().orElse(null);
        if (problem == null) {
            try {
                Invitation invitation = invitations.invite(username == null ? "" : username, email, displayName,
                        administrator.getName(), request.getRemoteAddr(), links.base(request));
                model.addAttribute("user", invitation.user());
                model.addAttribute("link", invitation.link());
                model.addAttribute("mailed", invitation.mailed());
                return "identity/invitation-created";
            } catch (InvitationNotPossibleException e) {
                problem = e.getMessage();
            }
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("problem", problem);
        return "identity/invitation-new";
    }

    @GetMapping("/invitation")
    String form(@RequestParam(required = false) @Nullable String token, Model model, HttpServletResponse response) {
        if (token == null || invitations.userOf(token).isEmpty()) {
            return invalid(response);
        }
        return page(model, token, invitations.userOf(token).get().username(), Map.of(), List.of());
    }

    @PostMapping("/invitation")
    String accept(@ModelAttribute PasswordForm form, Model model, HttpServletRequest request, HttpServletResponse response) {
        var user = form.token() == null ? Optional.<dev.holdfast.platform.identity.UserAccount>empty()
                : invitations.userOf(form.token());
        if (user.isEmpty()) {
            return invalid(response);
        }
        if (!form.confirmed()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form.token(), user.get().username(),
                    Map.of("passwordConfirmation", "The two passwords differ."), List.of());
        }
        Optional<Verdict> verdict = invitations.accept(form.token(), form.passwordValue(), request.getRemoteAddr());
        if (verdict.isEmpty()) {
            return invalid(response);
        }
        if (!verdict.get().acceptable()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form.token(), user.get().username(),
                    Map.of("password", String.join(" ", verdict.get().problems())), verdict.get().suggestions());
        }
        signIn(user.get().username(), request, response);
        return "redirect:/account";
    }

    private void signIn(String username, HttpServletRequest request, HttpServletResponse response) {
        UserDetails user = users.loadUserByUsername(username);
        request.getSession();
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        signIns.record(username, request.getSession(), request);
        users.signedIn(username);
    }

    private String page(Model model, String token, String username, Map<String, String> errors, List<String> suggestions) {
        model.addAttribute("token", token);
        model.addAttribute("username", username);
        model.addAttribute("rules", policy.summary());
        model.addAttribute("errors", errors);
        model.addAttribute("suggestions", suggestions);
        return "identity/invitation";
    }

    private static String invalid(HttpServletResponse response) {
        response.setStatus(HttpStatus.GONE.value());
        return "identity/link-invalid";
    }
}
