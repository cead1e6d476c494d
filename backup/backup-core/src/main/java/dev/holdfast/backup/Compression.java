package dev.holdfast.backup;

/** restic's {@code --compression} modes for data blobs; trees are always compressed in repository version 2. */
public enum Compression {
    /** zstd at a fast level; blobs that do not shrink are stored uncompressed. */
    AUTO,
    /** zstd at a high level. */
    MAX,
    /** Data blobs uncompressed. */
    OFF;

    public static Compression parse(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
