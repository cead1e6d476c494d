package dev.holdfast.backup.pruner;

/** What prune did (or, in a dry run, would do). Sizes are bytes in pack files. */
public record PruneSummary(int packsDeleted, int packsRepacked, int packsKept, long blobsRepacked, long usedBytes,
        long unusedBytesBefore, long unusedBytesAfter, long bytesFreed) {}
