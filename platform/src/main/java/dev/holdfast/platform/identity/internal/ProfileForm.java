package dev.holdfast.platform.identity.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a user enters on their profile page. */
public record ProfileForm(@Nullable String email, @Nullable String displayName) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+");

    /** Field name to message for each invalid field; empty when the form is valid. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (email != null && !email.isBlank() && (email.length() > 320 || !EMAIL.matcher(email.strip()).matches())) {
            errors.put("email", "This is not an email address");
        }
        if (displayName != null && displayName.length() > 200) {
            errors.put("displayName", "At most 200 characters");
        }
        return errors;
    }

    public String emailValue() {
        return email == null ? "" : email;
    }

    public String displayNameValue() {
        return displayName == null ? "" : displayName;
    }
}
