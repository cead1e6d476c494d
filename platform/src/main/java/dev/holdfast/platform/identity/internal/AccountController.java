package dev.holdfast.platform.identity.internal;

import dev.holdfast.platform.identity.ApplicationSource;
import dev.holdfast.platform.identity.ApplicationSource.ApplicationTile;
import dev.holdfast.platform.identity.AuditEvent;
import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.AuditLog;
import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.UserSessions;
import dev.holdfast.platform.identity.internal.PasswordPolicy.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The self-service portal: profile, password, sessions and the application library of the signed-in user. */
@Controller
class AccountController {

    static final String BASE = "/account";

    private final JooqUsers users;
    private final Profiles profiles;
    private final PasswordPolicy policy;
    private final Passwords passwords;
    private final UserSessions sessions;
    private final List<ApplicationSource> applications;
    private final AuditLog audit;
    private final LoginFailures failures;
    private final Clock clock;

    AccountController(JooqUsers users, Profiles profiles, PasswordPolicy policy, Passwords passwords, UserSessions sessions,
            List<ApplicationSource> applications, AuditLog audit, LoginFailures failures, Clock clock) {
        this.failures = failures;
        this.clock = clock;
        this.users = users;
        this.profiles = profiles;
        this.policy = policy;
        this.passwords = passwords;
        this.sessions = sessions;
        this.applications = applications;
        this.audit = audit;
    }

    @GetMapping(BASE)
    String profile(Principal principal, Model model) {
        UserAccount user = user(principal);
        return profilePage(model, user, new ProfileForm(user.email(), user.displayName()), Map.of(), false);
    }

    @PostMapping(BASE + "/profile")
    String saveProfile(Principal principal, @ModelAttribute ProfileForm form, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        UserAccount user = user(principal);
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return profilePage(model, user, form, errors, false);
        }
        UserAccount saved = profiles.update(user, form.email(), form.displayName(), request.getRemoteAddr());
        return profilePage(model, saved, new ProfileForm(saved.email(), saved.displayName()), Map.of(), true);
    }

    private String profilePage(Model model, UserAccount user, ProfileForm form, Map<String, String> errors, boolean saved) {
        model.addAttribute("user", user);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        return "identity/account-profile";
    }

    @GetMapping(BASE + "/password")
    String password(HttpSession session, Model model) {
        return passwordPage(model, session, Map.of(), List.of(), false);
    }

    @PostMapping(BASE + "/password")
    String changePassword(Principal principal, @ModelAttribute PasswordForm form, HttpSession session, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(principal);
        String ip = request.getRemoteAddr();
        if (failures.lockedUntil(user.username()).isPresent()) {
            return tooManyGuesses(user, ip, model, session, response);
        }
        if (form.current() == null || !passwords.verify(user.id().toString(), form.current())) {
            audit.record(AuditEvent.of(user.username(), ip, "password.change_failed", "user:" + user.username(),
                    Outcome.FAILURE, Map.of("reason", "current password wrong")));
            if (failures.failed(user.username(), ip)) {
                return tooManyGuesses(user, ip, model, session, response);
            }
            return passwordProblem(model, session, response, Map.of("current", "This is not your current password."), List.of());
        }
        failures.succeeded(user.username());
        Verdict verdict = policy.check(form.passwordValue(), user.username(), user.email(), user.displayName(),
                user.id().toString());
        if (!verdict.acceptable()) {
            return passwordProblem(model, session, response, Map.of("password", String.join(" ", verdict.problems())),
                    verdict.suggestions());
        }
        if (!form.confirmed()) {
            return passwordProblem(model, session, response, Map.of("passwordConfirmation", "The two passwords differ."),
                    List.of());
        }
        passwords.set(user.id().toString(), form.passwordValue());
        boolean forced = session.getAttribute(SessionRulesFilter.MUST_CHANGE_PASSWORD) != null;
        session.removeAttribute(SessionRulesFilter.MUST_CHANGE_PASSWORD);
        int ended = sessions.revokeAll(user.username(), SpringUserSessions.handle(session.getId()), user.username(), ip);
        audit.record(AuditEvent.of(user.username(), ip, "password.changed", "user:" + user.username(), Outcome.SUCCESS,
                Map.of("forced", Boolean.toString(forced), "otherSessionsEnded", Integer.toString(ended))));
        return passwordPage(model, session, Map.of(), List.of(), true);
    }

    /** A locked account, as at sign-in: the current password is not even checked until the lockout ends. */
    private String tooManyGuesses(UserAccount user, String ip, Model model, HttpSession session, HttpServletResponse response) {
        Instant until = failures.lockedUntil(user.username()).orElseGet(clock::instant).truncatedTo(ChronoUnit.SECONDS);
        audit.record(AuditEvent.of(user.username(), ip, "password.change_failed", "user:" + user.username(),
                Outcome.DENIED, Map.of("reason", "account temporarily locked")));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader("Retry-After", Long.toString(Math.max(1, Duration.between(clock.instant(), until).toSeconds())));
        return passwordPage(model, session, Map.of("current", "Too many wrong current passwords: your account is locked until "
                + until + " (UTC). Try again then, or ask an administrator to unlock it."), List.of(), false);
    }

    private String passwordProblem(Model model, HttpSession session, HttpServletResponse response,
            Map<String, String> errors, List<String> suggestions) {
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return passwordPage(model, session, errors, suggestions, false);
    }

    private String passwordPage(Model model, HttpSession session, Map<String, String> errors, List<String> suggestions,
            boolean changed) {
        model.addAttribute("forced", session.getAttribute(SessionRulesFilter.MUST_CHANGE_PASSWORD) != null);
        model.addAttribute("rules", policy.summary());
        model.addAttribute("errors", errors);
        model.addAttribute("suggestions", suggestions);
        model.addAttribute("changed", changed);
        return "identity/account-password";
    }

    @GetMapping(BASE + "/sessions")
    String sessions(Principal principal, HttpSession session, Model model) {
        model.addAttribute("sessions", sessions.list(principal.getName()));
        model.addAttribute("current", SpringUserSessions.handle(session.getId()));
        return "identity/account-sessions";
    }

    @PostMapping(BASE + "/sessions/{handle}/revoke")
    String revoke(Principal principal, @PathVariable String handle, HttpServletRequest request) {
        sessions.revoke(principal.getName(), handle, principal.getName(), request.getRemoteAddr());
        return "redirect:" + BASE + "/sessions";
    }

    @PostMapping(BASE + "/sessions/revoke-others")
    String revokeOthers(Principal principal, HttpSession session, HttpServletRequest request) {
        sessions.revokeAll(principal.getName(), SpringUserSessions.handle(session.getId()), principal.getName(),
                request.getRemoteAddr());
        return "redirect:" + BASE + "/sessions";
    }

    @GetMapping(BASE + "/applications")
    String applications(Principal principal, Model model) {
        UserAccount user = user(principal);
        List<ApplicationTile> tiles = applications.stream().flatMap(source -> source.applicationsFor(user).stream()).toList();
        model.addAttribute("tiles", tiles);
        return "identity/account-applications";
    }

    private UserAccount user(Principal principal) {
        return users.findByUsername(principal.getName()).orElseThrow();
    }
}
