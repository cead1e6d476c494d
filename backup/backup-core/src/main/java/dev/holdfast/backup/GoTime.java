package dev.holdfast.backup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Go's RFC3339Nano: fractional zeros dropped, {@code Z} for UTC, the offset kept as stored. */
public final class GoTime {

    /** Go's zero time, which restic writes for times it does not know. */
    public static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private GoTime() {}

    public static String format(OffsetDateTime time) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
    }

    public static OffsetDateTime parse(String text) {
        return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
