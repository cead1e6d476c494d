package dev.holdfast.platform.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What the first administrator enters on the setup page. */
public record SetupForm(@Nullable String username, @Nullable String email, @Nullable String displayName,
        @Nullable String password, @Nullable String passwordConfirmation) {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+");

    static SetupForm empty() {
        return new SetupForm("", "", "", null, null);
    }

    /** Field name to message for each invalid field (the password's policy is checked apart); empty when valid. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            errors.put("username", "Use 3 to 100 letters, digits or . _ @ -");
        }
        if (email != null && !email.isBlank() && (email.length() > 320 || !EMAIL.matcher(email.strip()).matches())) {
            errors.put("email", "This is not an email address");
        }
        if (displayName != null && displayName.length() > 200) {
            errors.put("displayName", "At most 200 characters");
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", "Choose a password");
        }
        if (password != null && !password.equals(passwordConfirmation)) {
            errors.put("passwordConfirmation", "The two passwords differ");
        }
        return errors;
    }

    /** The form as shown again after an error: passwords are never echoed back. */
    SetupForm withoutPasswords() {
        return new SetupForm(username, email, displayName, null, null);
    }

    String value(@Nullable String field) {
        return field == null ? "" : field;
    }
}
