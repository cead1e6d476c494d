package dev.holdfast.platform.identity.internal;

import org.jspecify.annotations.Nullable;

/**
 * Names a device from its User-Agent, coarsely ("Firefox on Linux"): enough for a person to recognise their own
 * sessions; not a parser of every User-Agent ever sent.
 */
final class Devices {

    private Devices() {}

    static String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = browser(userAgent);
        String system = system(userAgent);
        return system == null ? browser : browser + " on " + system;
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/")) {
            return "Edge";
        } else if (ua.contains("Firefox/")) {
            return "Firefox";
        } else if (ua.contains("Chrome/") || ua.contains("Chromium/")) {
            return "Chrome";
        } else if (ua.contains("Safari/")) {
            return "Safari";
        } else if (ua.startsWith("curl/")) {
            return "curl";
        } else if (ua.startsWith("Java-http-client") || ua.startsWith("Java/")) {
            return "Java HTTP client";
        }
        String first = ua.split("[ /]", 2)[0];
        return first.length() > 40 ? first.substring(0, 40) : first;
    }

    private static @Nullable String system(String ua) {
        if (ua.contains("Android")) {
            return "Android";
        } else if (ua.contains("iPhone") || ua.contains("iPad")) {
            return "iOS";
        } else if (ua.contains("Windows")) {
            return "Windows";
        } else if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        } else if (ua.contains("CrOS")) {
            return "ChromeOS";
        } else if (ua.contains("Linux")) {
            return "Linux";
        }
        return null;
    }
}
