package dev.holdfast.backup.repository;

import java.nio.file.Path;
import dev.holdfast.backup.Compression;

/**
 * How a repository is opened or created.
 *
 * @param compression how data blobs are compressed (version 2 only)
 * @param packSize target size of a pack file in bytes (restic: 4 MiB to 128 MiB, default 16 MiB)
 * @param kdf scrypt costs for new key files
 * @param version format version for a new repository (2 by default)
 * @param tempDirectory where packs are built before they are saved (restic: {@code TMPDIR}); on the repository's
 *     filesystem a local repository links them in instead of copying
 * @param readLocks whether operations that only read (restore, check) lock the repository; restic's
 *     {@code --no-lock} turns it off for them, so that a read-only repository can be restored from and checked
 *     (operations that write always lock)
 */
public record RepositoryOptions(Compression compression, long packSize, KdfParams kdf, int version,
        Path tempDirectory, boolean readLocks) {

    public static final long DEFAULT_PACK_SIZE = 16L * 1024 * 1024;

    /** The options with packs built in the JVM's temporary directory ({@code java.io.tmpdir}). */
    public RepositoryOptions(Compression compression, long packSize, KdfParams kdf, int version) {
        this(compression, packSize, kdf, version, defaultTempDirectory(), true);
    }

    public RepositoryOptions(Compression compression, long packSize, KdfParams kdf, int version, Path tempDirectory) {
        this(compression, packSize, kdf, version, tempDirectory, true);
    }

    private static Path defaultTempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    public RepositoryOptions {
        if (packSize < 4L * 1024 * 1024 || packSize > 128L * 1024 * 1024) {
            throw new IllegalArgumentException("pack size must be between 4 MiB and 128 MiB, not " + packSize);
        }
    }

    /** restic's defaults: auto compression, 16 MiB packs, calibrated scrypt, version 2. */
    public static RepositoryOptions defaults() {
        return new RepositoryOptions(Compression.AUTO, DEFAULT_PACK_SIZE, KdfParams.calibrated(), 2);
    }

    public RepositoryOptions withCompression(Compression newCompression) {
        return new RepositoryOptions(newCompression, packSize, kdf, version, tempDirectory, readLocks);
    }

    public RepositoryOptions withKdf(KdfParams newKdf) {
        return new RepositoryOptions(compression, packSize, newKdf, version, tempDirectory, readLocks);
    }

    public RepositoryOptions withVersion(int newVersion) {
        return new RepositoryOptions(compression, packSize, kdf, newVersion, tempDirectory, readLocks);
    }

    /** Reading operations take no lock ({@code --no-lock}). */
    public RepositoryOptions withoutReadLocks() {
        return new RepositoryOptions(compression, packSize, kdf, version, tempDirectory, false);
    }

    public RepositoryOptions withTempDirectory(Path newTempDirectory) {
        return new RepositoryOptions(compression, packSize, kdf, version, newTempDirectory, readLocks);
    }
}
