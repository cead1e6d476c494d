package dev.holdfast.platform.shared.jobs;

import java.util.regex.Pattern;

/** The rule for job names: they are database keys and show on the admin page. */
final class JobNames {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");

    private JobNames() {}

    static void check(String name) {
        if (name.length() > 100 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job name must be at most 100 lower-case letters and digits, "
                    + "separated by . or -, e.g. identity.setup-token-cleanup: " + name);
        }
    }
}
