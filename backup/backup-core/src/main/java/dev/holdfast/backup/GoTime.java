package dev.holdfast.backup;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's RFC3339Nano: fractional zeros dropped, {@code Z} for UTC, the offset kept as stored. Every node of every tree
 * has three such times, so the common shape ({@code 2006-01-02T15:04:05.999999999+07:00}, years 0-9999, whole-minute
 * offsets) is read and written by hand; anything else goes through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME},
 * which defines the result either way.
 */
public final class GoTime {

    /** Go's zero time, which restic writes for times it does not know. */
    public static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private GoTime() {}

    public static String format(OffsetDateTime time) {
        int year = time.getYear();
        int offset = time.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        }
        StringBuilder out = new StringBuilder(35);
        digits(out, year, 4).append('-');
        digits(out, time.getMonthValue(), 2).append('-');
        digits(out, time.getDayOfMonth(), 2).append('T');
        digits(out, time.getHour(), 2).append(':');
        digits(out, time.getMinute(), 2).append(':');
        digits(out, time.getSecond(), 2);
        int nano = time.getNano();
        if (nano != 0) {
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            digits(out.append('.'), nano, width);
        }
        if (offset == 0) {
            return out.append('Z').toString();
        }
        out.append(offset < 0 ? '-' : '+');
        int minutes = Math.abs(offset) / 60;
        digits(out, minutes / 60, 2).append(':');
        return digits(out, minutes % 60, 2).toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    /** @throws java.time.format.DateTimeParseException if it is not an RFC 3339 date-time */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime fast = parseCommon(text);
        return fast != null ? fast : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** The common shape, or null for anything else (the formatter then decides, and names the error). */
    private static OffsetDateTime parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && Character.isDigit(s.charAt(at))) {
                nano = nano * 10 + (s.charAt(at) - '0');
                at++;
            }
            if (at == start || at < n && Character.isDigit(s.charAt(at))) {
                return null;
            }
            for (int i = at - start; i < 9; i++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int hours = number(s, at + 1, 2);
            int minutes = number(s, at + 4, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = s.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null; // e.g. February 30th: the formatter reports it
        }
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int number(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
