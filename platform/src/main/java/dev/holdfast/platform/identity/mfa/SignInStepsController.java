package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.UserAccount;
import dev.holdfast.platform.identity.mfa.OneTimeCodes.Channel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in steps after the identification page: the password page (the same for every username, so it tells
 * nobody which accounts exist), the second-factor page, and enrolment when a policy demands a factor the user does
 * not have. These paths are public; each handler checks who is there.
 */
@Controller
class SignInStepsController {

    private final RequestCache requestCache = new HttpSessionRequestCache();
    private final SecondFactors factors;
    private final TotpAuthenticators totp;
    private final RecoveryCodes recovery;
    private final OneTimeCodes codes;
    private final MfaAttempts attempts;
    private final SignIns signIns;
    private final MfaAudit audit;
    private final QrCodes qr;
    private final AuthenticationTrustResolverImpl trust = new AuthenticationTrustResolverImpl();

    SignInStepsController(SecondFactors factors, TotpAuthenticators totp, RecoveryCodes recovery, OneTimeCodes codes,
            MfaAttempts attempts, SignIns signIns, MfaAudit audit, QrCodes qr) {
        this.factors = factors;
        this.totp = totp;
        this.recovery = recovery;
        this.codes = codes;
        this.attempts = attempts;
        this.signIns = signIns;
        this.audit = audit;
        this.qr = qr;
    }

    @PostMapping("/login/identify")
    String identify(@RequestParam(defaultValue = "") String username, Model model) {
        if (username.isBlank() || username.length() > 100) {
            return "redirect:/login";
        }
        model.addAttribute("username", username.strip());
        return "identity/login-password";
    }

    @GetMapping(SecondFactorSecurity.FACTOR_PAGE)
    String secondFactor(@Nullable Authentication who, Model model) {
        Optional<UserAccount> user = signedIn(who);
        if (user.isEmpty()) {
            return "redirect:/login";
        }
        if (!factors.pending(who)) {
            return "redirect:/";
        }
        if (!factors.of(user.get()).any()) {
            return "redirect:/login/enrol";
        }
        return page(user.get(), model, null, null);
    }

    @PostMapping(SecondFactorSecurity.FACTOR_PAGE + "/send")
    String send(@RequestParam String channel, @Nullable Authentication who, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<UserAccount> user = signedIn(who);
        if (user.isEmpty() || !factors.pending(who)) {
            return "redirect:/login";
        }
        Channel chosen = "sms".equals(channel) ? Channel.SMS : Channel.EMAIL;
        SecondFactors.Enrolment enrolment = factors.of(user.get());
        boolean available = chosen == Channel.EMAIL ? enrolment.email() : enrolment.smsPhone().isPresent();
        if (!available) {
            response.setStatus(400);
            return page(user.get(), model, "That way of receiving a code is not set up.", null);
        }
        if (!attempts.allowed(user.get().id())) {
            return tooMany(user.get(), model, response);
        }
        try {
            codes.send(user.get(), chosen);
        } catch (OneTimeCodes.CodeRecentlySentException e) {
            response.setStatus(429);
            return page(user.get(), model, "A code was sent moments ago. Wait half a minute before asking for another.", null);
        } catch (RuntimeException e) {
            response.setStatus(503);
            return page(user.get(), model, "The code could not be sent. Try again or use another way.", null);
        }
        audit.record(user.get(), request, "mfa.code_sent", dev.holdfast.platform.identity.AuditEvent.Outcome.SUCCESS,
                java.util.Map.of("channel", chosen.key()));
        return page(user.get(), model, null, chosen == Channel.EMAIL ? "We sent a code to your email address."
                : "We sent a code by SMS.");
    }

    @PostMapping(SecondFactorSecurity.FACTOR_PAGE)
    String verify(@RequestParam String method, @RequestParam(defaultValue = "") String code, @Nullable Authentication who,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<UserAccount> user = signedIn(who);
        if (user.isEmpty() || !factors.pending(who)) {
            return "redirect:/login";
        }
        UserAccount account = user.get();
        Optional<Factor> factor = switch (method) {
            case "totp" -> Optional.of(Factor.TOTP);
            case "recovery_code" -> Optional.of(Factor.RECOVERY_CODE);
            case "email_code" -> Optional.of(Factor.EMAIL_CODE);
            case "sms_code" -> Optional.of(Factor.SMS_CODE);
            default -> Optional.empty();
        };
        if (factor.isEmpty() || code.length() > 64) {
            response.setStatus(400);
            return page(account, model, "Choose a way to confirm it is you.", null);
        }
        if (!attempts.allowed(account.id())) {
            audit.failure(account, request, factor.get(), "too many attempts");
            return tooMany(account, model, response);
        }
        boolean passed = switch (factor.get()) {
            case TOTP -> totp.verify(account.id(), code);
            case RECOVERY_CODE -> recovery.use(account.id(), code);
            case EMAIL_CODE -> codes.verify(account.id(), Channel.EMAIL, code);
            case SMS_CODE -> codes.verify(account.id(), Channel.SMS, code);
            case PASSKEY -> false;
        };
        if (!passed) {
            attempts.failed(account.id());
            audit.failure(account, request, factor.get(), "wrong, expired or already used code");
            response.setStatus(401);
            return page(account, model, "That code is not right, or was used already.", null);
        }
        attempts.succeeded(account.id());
        if (factor.get() == Factor.RECOVERY_CODE) {
            audit.success(account, request, "mfa.recovery_code_used", Factor.RECOVERY_CODE);
        }
        audit.signedIn(account, request, factor.get());
        signIns.addFactor(who, factor.get(), request, response);
        return "redirect:" + next(request, response);
    }

    @GetMapping("/login/enrol")
    String enrol(@Nullable Authentication who, Model model) {
        Optional<UserAccount> user = signedIn(who);
        if (user.isEmpty()) {
            return "redirect:/login";
        }
        if (SecondFactors.passed(who) || factors.of(user.get()).any()) {
            return "redirect:" + SecondFactorSecurity.FACTOR_PAGE;
        }
        return enrolPage(user.get(), model, null);
    }

    @PostMapping("/login/enrol/totp")
    String confirmEnrolment(@RequestParam(defaultValue = "") String code, @Nullable Authentication who, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<UserAccount> user = signedIn(who);
        if (user.isEmpty() || SecondFactors.passed(who) || factors.of(user.get()).any()) {
            return "redirect:/login";
        }
        if (!attempts.allowed(user.get().id())) {
            response.setStatus(429);
            return enrolPage(user.get(), model, "Too many wrong codes. Wait a few minutes and try again.");
        }
        if (!totp.confirm(user.get().id(), code)) {
            attempts.failed(user.get().id());
            audit.failure(user.get(), request, Factor.TOTP, "wrong code while enrolling");
            response.setStatus(400);
            return enrolPage(user.get(), model, "That code is not right. Check the time on your phone and try again.");
        }
        attempts.succeeded(user.get().id());
        audit.success(user.get(), request, "mfa.enrolled", Factor.TOTP);
        audit.signedIn(user.get(), request, Factor.TOTP);
        signIns.addFactor(who, Factor.TOTP, request, response);
        List<String> fresh = recovery.regenerate(user.get().id());
        audit.success(user.get(), request, "mfa.recovery_codes_regenerated", Factor.RECOVERY_CODE);
        model.addAttribute("codes", fresh);
        model.addAttribute("next", next(request, response));
        return "identity/recovery-codes";
    }

    /**
     * Where a finished sign-in goes: the request that was interrupted for the factor (an application's authorization
     * request, a page), else home.
     */
    private String next(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved == null) {
            return "/";
        }
        requestCache.removeRequest(request, response);
        return saved.getRedirectUrl();
    }

    private String enrolPage(UserAccount user, Model model, @Nullable String error) {
        TotpAuthenticators.Enrolment enrolment = totp.pending(user).orElseGet(() -> totp.begin(user));
        model.addAttribute("secret", enrolment.secret());
        model.addAttribute("qr", qr.svgDataUri(enrolment.uri()));
        model.addAttribute("error", error);
        return "identity/enrol";
    }

    private String tooMany(UserAccount user, Model model, HttpServletResponse response) {
        response.setStatus(429);
        response.setHeader("Retry-After", "300");
        return page(user, model, "Too many wrong codes. Wait a few minutes and try again.", null);
    }

    private String page(UserAccount user, Model model, @Nullable String error, @Nullable String notice) {
        SecondFactors.Enrolment enrolment = factors.of(user);
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("error", error);
        model.addAttribute("notice", notice);
        return "identity/second-factor";
    }

    private Optional<UserAccount> signedIn(@Nullable Authentication who) {
        return who == null || !trust.isAuthenticated(who) ? Optional.empty() : factors.user(who);
    }
}
