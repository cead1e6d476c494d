package dev.holdfast.platform.identity.internal;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Decides whether a password may be chosen: length, character classes, not containing the username or the email's
 * local part, zxcvbn strength, the breached list and the user's history. Used wherever a person sets a password
 * (first-run setup, change, reset, invitation). Thread-safe.
 */
@Service
class PasswordPolicy implements DisposableBean {

    private final PasswordPolicySettings settings;
    private final PasswordHistory history;
    private final PasswordEncoder encoder;
    /**
     * zxcvbn's dictionaries, about 10 MiB of heap for a check that runs only while someone chooses a password:
     * loaded at the first check (a few hundred milliseconds) and held softly, so the collector drops them again
     * once no password has been checked for a while (about a second per free MiB of heap).
     */
    private volatile SoftReference<Zxcvbn> zxcvbn = new SoftReference<>(null);
    private final Object zxcvbnLoad = new Object();
    private final @Nullable BreachedPasswords breached;

    PasswordPolicy(PasswordPolicySettings settings, PasswordHistory history, PasswordEncoder encoder) {
        this.settings = settings;
        this.history = history;
        this.encoder = encoder;
        this.breached = settings.breachedList() == null ? null : BreachedPasswords.open(settings.breachedList());
    }

    /**
     * The verdict on a candidate password.
     *
     * @param problems what is wrong, one sentence each, in the order to show them; empty when acceptable
     * @param suggestions zxcvbn's advice for a stronger password (shown with a weak one)
     */
    record Verdict(List<String> problems, List<String> suggestions) {

        boolean acceptable() {
            return problems.isEmpty();
        }

        static Verdict ok() {
            return new Verdict(List.of(), List.of());
        }
    }

    /**
     * Checks the password for the person described.
     *
     * @param userId whose history to check, or null for someone who has none yet
     */
    Verdict check(String password, @Nullable String username, @Nullable String email, @Nullable String displayName,
            @Nullable String userId) {
        List<String> problems = new ArrayList<>();
        if (password.length() < settings.minLength()) {
            problems.add("Use at least " + settings.minLength() + " characters.");
        }
        if (password.length() > PasswordPolicySettings.MAX_LENGTH) {
            return new Verdict(List.of("Use at most " + PasswordPolicySettings.MAX_LENGTH + " characters."), List.of());
        }
        if (classes(password) < settings.characterClasses()) {
            problems.add("Mix at least " + settings.characterClasses()
                    + " of: lower-case letters, upper-case letters, digits, other characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            problems.add("The password must not contain the username.");
        }
        String local = localPart(email);
        if (local != null && local.length() >= 3 && lower.contains(local)) {
            problems.add("The password must not contain the name part of the email address.");
        }
        List<String> suggestions = List.of();
        if (password.length() >= Math.min(settings.minLength(), 8)) {
            Strength strength = zxcvbn().measure(password, Stream.of(username, local, displayName)
                    .filter(s -> s != null && !s.isBlank()).toList());
            if (strength.getScore() < settings.minScore()) {
                String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
                problems.add("This password is too easy to guess (strength " + strength.getScore() + " of 4, "
                        + settings.minScore() + " needed)" + (warning == null || warning.isBlank() ? "." : ": " + warning));
                suggestions = strength.getFeedback().getSuggestions(Locale.ENGLISH);
            }
            strength.wipe();
        }
        if (breached != null && breached.contains(password)) {
            problems.add("This password appears in a list of breached passwords; choose another.");
        }
        if (problems.isEmpty() && userId != null && settings.history() > 0
                && history.recent(userId, settings.history()).stream().anyMatch(hash -> encoder.matches(password, hash))) {
            problems.add("You used this password recently; choose one that is not among your last "
                    + settings.history() + ".");
        }
        return new Verdict(List.copyOf(problems), suggestions);
    }

    private Zxcvbn zxcvbn() {
        Zxcvbn loaded = zxcvbn.get();
        if (loaded == null) {
            synchronized (zxcvbnLoad) {
                loaded = zxcvbn.get();
                if (loaded == null) {
                    loaded = new Zxcvbn();
                    zxcvbn = new SoftReference<>(loaded);
                }
            }
        }
        return loaded;
    }

    /** The rules in one sentence, for the page where a password is chosen. */
    String summary() {
        return "At least " + settings.minLength() + " characters"
                + (settings.characterClasses() > 1 ? ", mixing " + settings.characterClasses()
                        + " of lower case, upper case, digits and other characters" : "")
                + "; not containing your username or email; hard to guess"
                + (settings.history() > 0 ? "; not one of your last " + settings.history() : "") + ".";
    }

    private static int classes(String password) {
        boolean lower = false, upper = false, digit = false, other = false;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static @Nullable String localPart(@Nullable String email) {
        if (email == null || email.indexOf('@') < 1) {
            return null;
        }
        return email.substring(0, email.indexOf('@')).strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void destroy() throws Exception {
        if (breached != null) {
            breached.close();
        }
    }
}
