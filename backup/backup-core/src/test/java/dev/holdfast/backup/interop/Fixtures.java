package dev.holdfast.backup.interop;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.repository.KdfParams;
import dev.holdfast.backup.repository.RepositoryOptions;

/** Repository options for tests: cheap scrypt (restic reads any N, r, p), otherwise restic's defaults. */
public final class Fixtures {

    private Fixtures() {}

    public static RepositoryOptions options(Compression compression) {
        return new RepositoryOptions(compression, RepositoryOptions.DEFAULT_PACK_SIZE, new KdfParams(1024, 8, 1), 2);
    }
}
