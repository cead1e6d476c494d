package dev.holdfast.platform.identity.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for what administrators enter into the directory, the same for the admin UI and the API. Each method
 * returns the cleaned value (stripped; blank optional values become null) or throws a 400 {@link DirectoryException}.
 */
final class DirectoryInput {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+");
    private static final Pattern PERMISSION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_*-]+)*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9._:-]{0,99}");
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_PERMISSIONS = 100;

    private DirectoryInput() {}

    static String username(@Nullable String value) {
        if (value == null || !USERNAME.matcher(value.strip()).matches()) {
            throw DirectoryException.invalid("A username is 3 to 100 letters, digits or . _ @ -");
        }
        return value.strip();
    }

    static @Nullable String email(@Nullable String value) {
        String email = optional(value, 320, "email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw DirectoryException.invalid("This is not an email address.");
        }
        return email;
    }

    static @Nullable String password(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > PasswordPolicySettings.MAX_LENGTH) {
            throw DirectoryException.invalid("A password is at most " + PasswordPolicySettings.MAX_LENGTH + " characters.");
        }
        return value; // the password policy decides the rest (UserAdministration.createPerson)
    }

    /** A group's or role's name: 1 to 100 characters, no control characters. */
    static String name(@Nullable String value) {
        String name = optional(value, 100, "name");
        if (name == null) {
            throw DirectoryException.invalid("A name is required.");
        }
        return name;
    }

    /** Free text of at most {@code max} characters, no control characters; blank is null. */
    static @Nullable String optional(@Nullable String value, int max, String what) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw DirectoryException.invalid("The " + what + " is at most " + max + " characters.");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw DirectoryException.invalid("The " + what + " must not contain control characters.");
        }
        return text;
    }

    static Set<String> permissions(@Nullable Collection<String> values) {
        Set<String> permissions = new TreeSet<>();
        for (String value : values == null ? Set.<String>of() : values) {
            String permission = value == null ? "" : value.strip();
            if (permission.length() > 100 || !PERMISSION.matcher(permission).matches()) {
                throw DirectoryException.invalid("A permission is dotted lower case, e.g. crm.account.read: " + abbreviate(permission));
            }
            permissions.add(permission);
        }
        if (permissions.size() > MAX_PERMISSIONS) {
            throw DirectoryException.invalid("A role holds at most " + MAX_PERMISSIONS + " permissions.");
        }
        return permissions;
    }

    static Map<String, String> attributes(@Nullable Map<String, String> values) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (values == null) {
            return attributes;
        }
        if (values.size() > MAX_ATTRIBUTES) {
            throw DirectoryException.invalid("At most " + MAX_ATTRIBUTES + " attributes.");
        }
        values.forEach((key, value) -> {
            if (key == null || !KEY.matcher(key.strip()).matches()) {
                throw DirectoryException.invalid("An attribute name is a letter and up to 99 letters, digits or . _ : -");
            }
            String text = value == null ? "" : value.strip();
            if (text.length() > 1000 || text.chars().anyMatch(Character::isISOControl)) {
                throw DirectoryException.invalid("An attribute value is at most 1000 characters, without control characters.");
            }
            attributes.put(key.strip(), text);
        });
        return attributes;
    }

    /** Attributes typed one per line as {@code name=value}, as the admin UI's text area sends them. */
    static Map<String, String> attributeLines(@Nullable String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (text == null) {
            return attributes;
        }
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw DirectoryException.invalid("Write each attribute as name=value on its own line.");
            }
            attributes.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return attributes(attributes);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
