package dev.holdfast.backup.pruner;

/**
 * How prune decides, with restic's flags.
 *
 * @param maxUnusedPercent {@code --max-unused x%}: unused bytes may be at most x % of all bytes (default 5); 100 means
 *     unlimited; ignored when {@code maxUnusedBytes} is set
 * @param maxUnusedBytes {@code --max-unused SIZE}: an absolute limit in bytes, or -1 to use the percentage
 * @param maxRepackBytes {@code --max-repack-size}: repack at most this many pack bytes ({@link Long#MAX_VALUE}: no limit)
 * @param repackCacheableOnly {@code --repack-cacheable-only}: repack only tree packs, never data packs
 * @param repackSmall {@code --repack-small}: repack fully used packs below 80 % of the target pack size (otherwise
 *     only below 4 %), when there are at least 10 of them
 * @param repackUncompressed {@code --repack-uncompressed}: repack packs with uncompressed blobs (version 2)
 * @param dryRun only compute what would be done
 * @param freeSpaceFirst delete before writing (see {@link #withFreeSpaceFirst()})
 */
public record PruneOptions(double maxUnusedPercent, long maxUnusedBytes, long maxRepackBytes,
        boolean repackCacheableOnly, boolean repackSmall, boolean repackUncompressed, boolean dryRun,
        boolean freeSpaceFirst) {

    public PruneOptions {
        if (maxUnusedPercent < 0 || maxUnusedPercent > 100) {
            throw new IllegalArgumentException("max unused must be between 0% and 100%, not " + maxUnusedPercent);
        }
        if (maxRepackBytes < 0) {
            throw new IllegalArgumentException("max repack size must not be negative, was " + maxRepackBytes);
        }
    }

    /** A percentage limit and restic's other defaults. */
    public PruneOptions(double maxUnusedPercent, boolean dryRun) {
        this(maxUnusedPercent, -1, Long.MAX_VALUE, false, false, false, dryRun, false);
    }

    public static PruneOptions defaults() {
        return new PruneOptions(5, false);
    }

    public PruneOptions withMaxUnusedBytes(long bytes) {
        return new PruneOptions(maxUnusedPercent, bytes, maxRepackBytes, repackCacheableOnly, repackSmall,
                repackUncompressed, dryRun, freeSpaceFirst);
    }

    public PruneOptions withMaxRepackBytes(long bytes) {
        return new PruneOptions(maxUnusedPercent, maxUnusedBytes, bytes, repackCacheableOnly, repackSmall,
                repackUncompressed, dryRun, freeSpaceFirst);
    }

    public PruneOptions withRepackCacheableOnly(boolean value) {
        return new PruneOptions(maxUnusedPercent, maxUnusedBytes, maxRepackBytes, value, repackSmall,
                repackUncompressed, dryRun, freeSpaceFirst);
    }

    public PruneOptions withRepackSmall(boolean value) {
        return new PruneOptions(maxUnusedPercent, maxUnusedBytes, maxRepackBytes, repackCacheableOnly, value,
                repackUncompressed, dryRun, freeSpaceFirst);
    }

    public PruneOptions withRepackUncompressed(boolean value) {
        return new PruneOptions(maxUnusedPercent, maxUnusedBytes, maxRepackBytes, repackCacheableOnly, repackSmall,
                value, dryRun, freeSpaceFirst);
    }

    /**
     * restic's {@code prune --unsafe-recover-no-free-space}: for a repository whose storage is full, nothing is
     * repacked and nothing written before space is freed: the index files are deleted, then the unused packs, and
     * only then is the new index written. A crash in between leaves a repository without index
     * ({@code rebuild-index} repairs it).
     */
    public PruneOptions withFreeSpaceFirst() {
        return new PruneOptions(maxUnusedPercent, maxUnusedBytes, 0, repackCacheableOnly, repackSmall,
                repackUncompressed, dryRun, true);
    }

    /** Bytes of unused data allowed next to {@code used} bytes, as restic computes it. */
    long maxUnusedBytes(long used) {
        if (maxUnusedBytes >= 0) {
            return maxUnusedBytes;
        }
        if (maxUnusedPercent >= 100) {
            return Long.MAX_VALUE;
        }
        return (long) (maxUnusedPercent / (100 - maxUnusedPercent) * used);
    }
}
