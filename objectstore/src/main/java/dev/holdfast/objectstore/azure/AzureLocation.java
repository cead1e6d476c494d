package dev.holdfast.objectstore.azure;

import dev.holdfast.objectstore.InvalidKeyException;
import dev.holdfast.objectstore.InvalidLocationException;
import dev.holdfast.objectstore.ObjectKeys;
import java.util.regex.Pattern;

/**
 * Where objects live in Azure Blob Storage: {@code azure:container[/prefix]}. The account comes from the settings.
 *
 * @param container the container name
 * @param prefix prepended to every key: empty, or ending with {@code /}
 */
public record AzureLocation(String container, String prefix) {

    public static final String SCHEME = "azure";
    private static final Pattern CONTAINER = Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");

    /** Parses {@code location}; a parse error names the part that is wrong. */
    public static AzureLocation parse(String location) {
        if (!location.startsWith(SCHEME + ":")) {
            throw new InvalidLocationException("location '" + location + "' does not start with 'azure:'");
        }
        String rest = location.substring(SCHEME.length() + 1);
        if (rest.contains("://")) {
            throw new InvalidLocationException("location '" + location + "' has a URL '" + rest
                    + "': expected azure:container/prefix; the account and endpoint belong in the settings");
        }
        int slash = rest.indexOf('/');
        String container = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (container.isEmpty()) {
            throw new InvalidLocationException("location '" + location + "' has no container: expected "
                    + "azure:container/prefix");
        }
        if (!CONTAINER.matcher(container).matches()) {
            throw new InvalidLocationException("location '" + location + "' has invalid container '" + container
                    + "': 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit");
        }
        return new AzureLocation(container, normalizePrefix(location, prefix));
    }

    private static String normalizePrefix(String location, String prefix) {
        if (prefix.isEmpty()) {
            return "";
        }
        String withSlash = prefix.endsWith("/") ? prefix : prefix + "/";
        try {
            ObjectKeys.requireValidPrefix(withSlash);
        } catch (InvalidKeyException e) {
            throw new InvalidLocationException("location '" + location + "' has invalid prefix '" + prefix + "': "
                    + e.getMessage());
        }
        return withSlash;
    }

    @Override
    public String toString() {
        return SCHEME + ":" + container + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }
}
