package dev.holdfast.backup;

/** restic's size strings ({@code 500}, {@code 100k}, {@code 50M}, {@code 2G}, {@code 1T}, {@code 10b}): powers of 1024. */
public final class Sizes {

    private Sizes() {}

    /** Bytes of {@code text}; a bad size throws {@link BackupException} naming it. */
    public static long parse(String text) {
        if (text.isEmpty()) {
            throw new BackupException("expected size, got empty string");
        }
        char unit = text.charAt(text.length() - 1);
        long factor = switch (Character.toLowerCase(unit)) {
            case 'b' -> 1;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 0;
        };
        String number = factor == 0 ? text : text.substring(0, text.length() - 1);
        try {
            return Math.multiplyExact(Long.parseLong(number), factor == 0 ? 1 : factor);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BackupException("invalid size '" + text + "': expected a number with an optional unit "
                    + "b, k, M, G or T");
        }
    }
}
