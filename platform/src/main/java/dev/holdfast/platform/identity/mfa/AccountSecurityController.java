package dev.holdfast.platform.identity.mfa;

import dev.holdfast.platform.identity.AuditEvent.Outcome;
import dev.holdfast.platform.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The account security page: the user's second factors, enrolling and removing them, recovery codes. Removing a
 * factor needs a sign-in within {@code recentSignIn} or the current password.
 */
@Controller
class AccountSecurityController {

    private static final String PAGE = "/account/security";

    private final SecondFactors factors;
    private final TotpAuthenticators totp;
    private final RecoveryCodes recovery;
    private final OneTimeCodes codes;
    private final JooqPasskeys passkeys;
    private final MfaAudit audit;
    private final QrCodes qr;
    private final MfaSettings settings;
    private final PasswordEncoder passwords;
    private final UserDetailsService userDetails;
    private final Clock clock;
    private final SignIns signIns;

    AccountSecurityController(SecondFactors factors, TotpAuthenticators totp, RecoveryCodes recovery, OneTimeCodes codes,
            JooqPasskeys passkeys, MfaAudit audit, QrCodes qr, MfaSettings settings, PasswordEncoder passwords,
            UserDetailsService userDetails, Clock clock, SignIns signIns) {
        this.signIns = signIns;
        this.factors = factors;
        this.totp = totp;
        this.recovery = recovery;
        this.codes = codes;
        this.passkeys = passkeys;
        this.audit = audit;
        this.qr = qr;
        this.settings = settings;
        this.passwords = passwords;
        this.userDetails = userDetails;
        this.clock = clock;
    }

    @GetMapping(PAGE)
    String page(Authentication who, Model model) {
        return render(user(who), model, null, null);
    }

    @PostMapping(PAGE + "/totp")
    String beginTotp(Authentication who) {
        UserAccount user = user(who);
        if (!totp.enrolled(user.id())) {
            totp.begin(user);
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/totp/confirm")
    String confirmTotp(@RequestParam(defaultValue = "") String code, Authentication who, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(who);
        if (!totp.confirm(user.id(), code)) {
            audit.failure(user, request, Factor.TOTP, "wrong code while enrolling");
            response.setStatus(400);
            return render(user, model, "That code is not right. Check the time on your phone and try again.", null);
        }
        audit.success(user, request, "mfa.enrolled", Factor.TOTP);
        signIns.addFactor(who, Factor.TOTP, request, response, false);
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/totp/remove")
    String removeTotp(@RequestParam(defaultValue = "") String password, Authentication who, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(who);
        if (!recentOrPassword(who, password)) {
            return needPassword(user, model, response);
        }
        if (totp.remove(user.id())) {
            audit.success(user, request, "mfa.removed", Factor.TOTP);
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/passkeys/{id}/remove")
    String removePasskey(@PathVariable String id, @RequestParam(defaultValue = "") String password, Authentication who,
            Model model, HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(who);
        if (!recentOrPassword(who, password)) {
            return needPassword(user, model, response);
        }
        if (passkeys.remove(user.username(), id)) {
            audit.success(user, request, "mfa.removed", Factor.PASSKEY);
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/recovery-codes")
    String regenerate(Authentication who, Model model, HttpServletRequest request) {
        UserAccount user = user(who);
        model.addAttribute("codes", recovery.regenerate(user.id()));
        model.addAttribute("next", PAGE);
        audit.success(user, request, "mfa.recovery_codes_regenerated", Factor.RECOVERY_CODE);
        return "identity/recovery-codes";
    }

    @PostMapping(PAGE + "/email")
    String email(@RequestParam(defaultValue = "false") boolean enabled, @RequestParam(defaultValue = "") String password,
            Authentication who, Model model, HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(who);
        if (enabled && (user.email() == null || !codes.mailAvailable())) {
            response.setStatus(400);
            return render(user, model, "Codes by email need an email address on your account and mail set up by an administrator.", null);
        }
        if (!enabled && !recentOrPassword(who, password)) {
            return needPassword(user, model, response);
        }
        codes.setEmailEnabled(user.id(), enabled);
        audit.success(user, request, enabled ? "mfa.enrolled" : "mfa.removed", Factor.EMAIL_CODE);
        if (enabled) {
            signIns.addFactor(who, Factor.EMAIL_CODE, request, response, false);
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/sms")
    String sms(@RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String password,
            Authentication who, Model model, HttpServletRequest request, HttpServletResponse response) {
        UserAccount user = user(who);
        String number = phone.replaceAll("[\\s()-]", "");
        if (number.isEmpty()) {
            if (!recentOrPassword(who, password)) {
                return needPassword(user, model, response);
            }
            codes.setSmsPhone(user.id(), null);
            audit.success(user, request, "mfa.removed", Factor.SMS_CODE);
            return "redirect:" + PAGE;
        }
        if (!number.matches("\\+[1-9][0-9]{6,14}") || !codes.smsAvailable()) {
            response.setStatus(400);
            return render(user, model, "Enter the number in international form, e.g. +4915112345678 (and SMS must be set up by an administrator).", null);
        }
        codes.setSmsPhone(user.id(), number);
        audit.record(user, request, "mfa.enrolled", Outcome.SUCCESS, Map.of("factor", Factor.SMS_CODE.id()));
        signIns.addFactor(who, Factor.SMS_CODE, request, response, false);
        return "redirect:" + PAGE;
    }

    private String needPassword(UserAccount user, Model model, HttpServletResponse response) {
        response.setStatus(403);
        return render(user, model, "Enter your current password to remove a way of signing in.", null);
    }

    private String render(UserAccount user, Model model, @Nullable String error, @Nullable String notice) {
        model.addAttribute("enrolment", factors.of(user));
        var pending = totp.pending(user);
        model.addAttribute("pendingSecret", pending.map(TotpAuthenticators.Enrolment::secret).orElse(null));
        model.addAttribute("pendingQr", pending.map(e -> qr.svgDataUri(e.uri())).orElse(null));
        model.addAttribute("passkeys", passkeys.list(user.username()));
        model.addAttribute("mailAvailable", codes.mailAvailable() && user.email() != null);
        model.addAttribute("smsAvailable", codes.smsAvailable());
        model.addAttribute("error", error);
        model.addAttribute("notice", notice);
        return "identity/account-security";
    }

    /** Whether the sign-in is recent enough, or the password given is the current one. */
    private boolean recentOrPassword(Authentication who, String password) {
        Instant recent = clock.instant().minus(settings.recentSignIn());
        boolean fresh = who.getAuthorities().stream().filter(FactorGrantedAuthority.class::isInstance)
                .map(a -> ((FactorGrantedAuthority) a).getIssuedAt()).anyMatch(at -> at.isAfter(recent));
        if (fresh) {
            return true;
        }
        if (password.isEmpty()) {
            return false;
        }
        String hash = userDetails.loadUserByUsername(who.getName()).getPassword();
        return hash != null && passwords.matches(password, hash);
    }

    private UserAccount user(Authentication who) {
        return factors.user(who).orElseThrow(() -> new IllegalStateException("signed-in user no longer exists"));
    }
}
