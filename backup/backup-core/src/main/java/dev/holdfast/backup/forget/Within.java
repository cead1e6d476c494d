package dev.holdfast.backup.forget;

import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** restic's duration for {@code --keep-within}: calendar years, months, days and hours, e.g. {@code 1y2m3d4h}. */
public record Within(int years, int months, int days, int hours) {

    private static final Pattern PART = Pattern.compile("(\\d+)([ymdh])");

    public static final Within ZERO = new Within(0, 0, 0, 0);

    public static Within parse(String text) {
        int y = 0, m = 0, d = 0, h = 0;
        Matcher matcher = PART.matcher(text);
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) {
                break;
            }
            int n = Integer.parseInt(matcher.group(1));
            switch (matcher.group(2)) {
                case "y" -> y += n;
                case "m" -> m += n;
                case "d" -> d += n;
                default -> h += n;
            }
            end = matcher.end();
        }
        if (end != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (expected e.g. 1y2m3d4h)");
        }
        return new Within(y, m, d, h);
    }

    /** restic's text: {@code 1y2m3d4h}, zero parts left out. */
    @Override
    public String toString() {
        return (years != 0 ? years + "y" : "") + (months != 0 ? months + "m" : "") + (days != 0 ? days + "d" : "")
                + (hours != 0 ? hours + "h" : "");
    }

    public boolean zero() {
        return equals(ZERO);
    }

    /** {@code latest} minus this duration, as Go's {@code AddDate(-y,-m,-d).Add(-h hours)}. */
    public OffsetDateTime before(OffsetDateTime latest) {
        return GoDates.addDate(latest, -years, -months, -days).minusHours(hours);
    }
}
