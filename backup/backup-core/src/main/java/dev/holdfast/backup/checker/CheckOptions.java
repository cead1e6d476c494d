package dev.holdfast.backup.checker;

import dev.holdfast.backup.Id;
import org.jspecify.annotations.Nullable;

/**
 * What {@code check} reads besides the structure.
 *
 * @param readData read and verify every selected pack
 * @param subset which packs to read: null for all (when {@code readData})
 */
public record CheckOptions(boolean readData, @Nullable Subset subset) {

    public static CheckOptions structure() {
        return new CheckOptions(false, null);
    }

    public static CheckOptions readAllData() {
        return new CheckOptions(true, null);
    }

    /** A subset of packs for {@code --read-data-subset}: bucket {@code n} of {@code t}, or a percentage. */
    public sealed interface Subset {

        boolean selects(Id pack, int index, int total);

        /** restic's {@code n/t}: packs whose first ID byte modulo t equals n-1. */
        record Bucket(int n, int t) implements Subset {

            public Bucket {
                if (t < 1 || n < 1 || n > t) {
                    throw new IllegalArgumentException("subset " + n + "/" + t + " is not valid");
                }
            }

            @Override
            public boolean selects(Id pack, int index, int total) {
                return pack.firstByte() % t == n - 1;
            }
        }

        /** restic's {@code x%}: a random choice of about that share of packs (at least one when there are any). */
        record Percentage(double percent) implements Subset {

            @Override
            public boolean selects(Id pack, int index, int total) {
                long wanted = Math.max(1, (long) (total * (percent / 100.0))); // restic truncates
                return index < wanted;
            }
        }

        /**
         * restic's size subset ({@code 50M}): a random choice of packs, as many as that size is a share of all pack
         * bytes (at least one).
         */
        record Size(long bytes) implements Subset {

            public Size {
                if (bytes < 1) {
                    throw new IllegalArgumentException("read data subset size must be above 0, was " + bytes);
                }
            }

            /** The percentage of {@code totalBytes} this size is, at most 100, as restic converts it. */
            public Percentage asPercentage(long totalBytes) {
                return new Percentage(totalBytes == 0 ? 100 : Math.min(100.0, 100.0 * bytes / totalBytes));
            }

            @Override
            public boolean selects(Id pack, int index, int total) {
                throw new IllegalStateException("a size subset selects through asPercentage");
            }
        }

        /** {@code n/t}, {@code x%} or a size such as {@code 50M} (units b, k, M, G, T; powers of 1024). */
        static Subset parse(String text) {
            if (text.endsWith("%")) {
                return new Percentage(Double.parseDouble(text.substring(0, text.length() - 1)));
            }
            String[] parts = text.split("/");
            if (parts.length == 1) {
                return new Size(dev.holdfast.backup.Sizes.parse(text));
            }
            if (parts.length != 2) {
                throw new IllegalArgumentException("read data subset must be n/t, x% or a size, not " + text);
            }
            return new Bucket(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
    }
}
