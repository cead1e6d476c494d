package dev.holdfast.backup.pruner;

/**
 * How much unused space prune may leave.
 *
 * @param maxUnusedPercent restic's {@code --max-unused x%}: unused bytes may be at most x % of all bytes (default 5);
 *     100 means unlimited (only fully unused packs are deleted)
 * @param dryRun only compute what would be done
 */
public record PruneOptions(double maxUnusedPercent, boolean dryRun) {

    public PruneOptions {
        if (maxUnusedPercent < 0 || maxUnusedPercent > 100) {
            throw new IllegalArgumentException("max unused must be between 0% and 100%, not " + maxUnusedPercent);
        }
    }

    public static PruneOptions defaults() {
        return new PruneOptions(5, false);
    }

    /** Bytes of unused data allowed next to {@code used} bytes, as restic computes it. */
    long maxUnusedBytes(long used) {
        if (maxUnusedPercent >= 100) {
            return Long.MAX_VALUE;
        }
        return (long) (maxUnusedPercent / (100 - maxUnusedPercent) * used);
    }
}
