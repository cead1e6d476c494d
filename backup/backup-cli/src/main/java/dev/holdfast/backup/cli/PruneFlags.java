package dev.holdfast.backup.cli;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.Sizes;
import dev.holdfast.backup.pruner.PruneOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** restic's prune flags, shared by {@code prune} and {@code forget --prune}. */
final class PruneFlags {

    @Option(names = "--max-unused", paramLabel = "LIMIT", defaultValue = "5%",
            description = "tolerated unused space: x%%, a size (e.g. 500M) or 'unlimited' (default: ${DEFAULT-VALUE})")
    String maxUnused = "5%";

    @Option(names = "--max-repack-size", paramLabel = "SIZE", description = "repack at most SIZE of packs (e.g. 1G)")
    @Nullable String maxRepackSize;

    @Option(names = "--repack-cacheable-only", description = "only repack packs which are cacheable (trees)")
    boolean repackCacheableOnly;

    @Option(names = "--repack-small", description = "repack pack files below 80%% of target pack size")
    boolean repackSmall;

    @Option(names = "--repack-uncompressed", description = "repack all uncompressed data")
    boolean repackUncompressed;

    PruneOptions options(boolean dryRun) {
        PruneOptions options = new PruneOptions(100, dryRun);
        if (maxUnused.equals("unlimited")) {
            return withRepackFlags(options);
        } else if (maxUnused.endsWith("%")) {
            try {
                options = new PruneOptions(Double.parseDouble(maxUnused.substring(0, maxUnused.length() - 1)), dryRun);
            } catch (IllegalArgumentException e) {
                throw new BackupException("invalid --max-unused '" + maxUnused + "': " + e.getMessage());
            }
        } else {
            options = options.withMaxUnusedBytes(Sizes.parse(maxUnused));
        }
        return withRepackFlags(options);
    }

    private PruneOptions withRepackFlags(PruneOptions options) {
        PruneOptions result = options;
        if (maxRepackSize != null) {
            result = result.withMaxRepackBytes(Sizes.parse(maxRepackSize));
        }
        return result.withRepackCacheableOnly(repackCacheableOnly).withRepackSmall(repackSmall)
                .withRepackUncompressed(repackUncompressed);
    }
}
