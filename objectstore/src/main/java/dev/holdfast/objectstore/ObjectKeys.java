package dev.holdfast.objectstore;

import java.nio.charset.StandardCharsets;

/**
 * The rules every key and prefix obeys, checked by every implementation before it touches storage.
 *
 * <p>A key is 1 to {@value #MAX_KEY_BYTES} bytes of UTF-8, made of {@code /}-separated segments. No segment is empty,
 * {@code .} or {@code ..}; the key does not start or end with {@code /}; it holds no backslash, no control character
 * and no unpaired surrogate. A prefix obeys the same rules but may be empty and may end with {@code /}.
 */
public final class ObjectKeys {

    /** The longest key in UTF-8 bytes; S3 and Azure both allow 1,024. */
    public static final int MAX_KEY_BYTES = 1024;

    private ObjectKeys() {}

    /** Returns {@code key} unchanged, or throws {@link InvalidKeyException} naming the rule it breaks. */
    public static String requireValidKey(String key) {
        if (key.isEmpty()) {
            throw new InvalidKeyException("key is empty");
        }
        if (key.endsWith("/")) {
            throw invalid("key", key, "it ends with '/'");
        }
        check("key", key);
        return key;
    }

    /** Returns {@code prefix} unchanged, or throws {@link InvalidKeyException}; the empty prefix matches every key. */
    public static String requireValidPrefix(String prefix) {
        if (!prefix.isEmpty()) {
            check("prefix", prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        }
        return prefix;
    }

    private static void check(String what, String key) {
        if (key.startsWith("/")) {
            throw invalid(what, key, "it is absolute (starts with '/')");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(what, key, "it is longer than " + MAX_KEY_BYTES + " bytes in UTF-8");
        }
        for (int i = 0; i < key.length(); i++) {
            checkChar(what, key, i);
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(what, key, "segment '" + segment + "' is not allowed");
            }
        }
    }

    private static void checkChar(String what, String key, int i) {
        char c = key.charAt(i);
        if (c == '\\') {
            throw invalid(what, key, "it contains a backslash at index " + i);
        }
        if (Character.isISOControl(c)) {
            throw invalid(what, key, "it contains control character U+%04X at index %d".formatted((int) c, i));
        }
        boolean paired = Character.isHighSurrogate(c)
                ? i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))
                : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(key.charAt(i - 1));
        if (!paired) {
            throw invalid(what, key, "it contains an unpaired surrogate at index " + i);
        }
    }

    private static InvalidKeyException invalid(String what, String key, String reason) {
        return new InvalidKeyException(what + " '" + printable(key) + "' is not valid: " + reason);
    }

    /**
     * Returns {@code prefix + key}, the name a store with a location prefix uses, or throws {@link InvalidKeyException}
     * if together they pass {@value #MAX_KEY_BYTES} bytes.
     */
    public static String prefixed(String prefix, String key) {
        String name = prefix + requireValidKey(key);
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid("key", key, "with the store's prefix '" + prefix + "' it is longer than " + MAX_KEY_BYTES
                    + " bytes in UTF-8");
        }
        return name;
    }

    /** {@code key} shortened to 200 characters with control characters escaped, for messages. */
    public static String printable(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(200).forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append("\\u%04x".formatted(cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return key.codePointCount(0, key.length()) > 200 ? out + "..." : out.toString();
    }
}
