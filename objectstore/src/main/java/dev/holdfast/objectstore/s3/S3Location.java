package dev.holdfast.objectstore.s3;

import dev.holdfast.objectstore.InvalidKeyException;
import dev.holdfast.objectstore.InvalidLocationException;
import dev.holdfast.objectstore.ObjectKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where objects live in S3: {@code s3:https://host[:port]/bucket[/prefix]} for any endpoint, or
 * {@code s3:bucket[/prefix]} for AWS's own endpoint.
 *
 * @param endpoint the server, or {@code null} for AWS's default endpoint of the region
 * @param bucket the bucket name
 * @param prefix prepended to every key: empty, or ending with {@code /}
 */
public record S3Location(@Nullable URI endpoint, String bucket, String prefix) {

    public static final String SCHEME = "s3";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Parses {@code location}; a parse error names the part that is wrong. */
    public static S3Location parse(String location) {
        if (!location.startsWith(SCHEME + ":")) {
            throw new InvalidLocationException("location '" + location + "' does not start with 's3:'");
        }
        String rest = location.substring(SCHEME.length() + 1);
        int scheme = rest.indexOf("://");
        if (scheme < 0) {
            return bucketAndPrefix(location, null, rest);
        }
        String endpointScheme = rest.substring(0, scheme);
        if (!endpointScheme.equals("https") && !endpointScheme.equals("http")) {
            throw new InvalidLocationException("location '" + location + "' has endpoint scheme '" + endpointScheme
                    + "': expected https or http");
        }
        URI uri = uri(location, rest);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidLocationException("location '" + location + "' has no host: expected s3:https://host/bucket");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidLocationException("location '" + location + "' has user info '" + uri.getRawUserInfo()
                    + "@': credentials belong in the settings, not in the location");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidLocationException("location '" + location + "' has a query or fragment after the path: "
                    + "expected s3:https://host/bucket/prefix");
        }
        URI endpoint = URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        String path = uri.getPath() == null ? "" : uri.getPath();
        return bucketAndPrefix(location, endpoint, path.startsWith("/") ? path.substring(1) : path);
    }

    private static URI uri(String location, String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidLocationException("location '" + location + "' has an endpoint that is not a URL: "
                    + e.getReason() + " at index " + (e.getIndex() + SCHEME.length() + 1));
        }
    }

    private static S3Location bucketAndPrefix(String location, @Nullable URI endpoint, String path) {
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String prefix = slash < 0 ? "" : path.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new InvalidLocationException("location '" + location + "' has no bucket: expected "
                    + (endpoint == null ? "s3:bucket/prefix" : "s3:" + endpoint + "/bucket/prefix"));
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new InvalidLocationException("location '" + location + "' has invalid bucket '" + bucket
                    + "': 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        }
        return new S3Location(endpoint, bucket, normalizePrefix(location, prefix));
    }

    static String normalizePrefix(String location, String prefix) {
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
        String where = endpoint == null ? bucket : endpoint + "/" + bucket;
        return SCHEME + ":" + where + (prefix.isEmpty() ? "" : "/" + prefix.substring(0, prefix.length() - 1));
    }
}
