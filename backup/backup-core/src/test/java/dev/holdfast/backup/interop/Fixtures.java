package dev.holdfast.backup.interop;

import dev.holdfast.backup.Compression;
import dev.holdfast.backup.repository.KdfParams;
import dev.holdfast.backup.repository.RepositoryOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Repository options for tests: cheap scrypt (restic reads any N, r, p), otherwise restic's defaults. */
public final class Fixtures {

    private Fixtures() {}

    public static RepositoryOptions options(Compression compression) {
        return new RepositoryOptions(compression, RepositoryOptions.DEFAULT_PACK_SIZE, new KdfParams(1024, 8, 1), 2);
    }

    /**
     * Creates {@code dir} with {@code count} files {@code <prefix>0, <prefix>1, ...} of {@code size} random bytes
     * from {@code seed} (incompressible: stored raw). @return {@code dir}
     */
    public static Path randomFiles(Path dir, String prefix, int count, int size, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            Files.write(dir.resolve(prefix + i), data);
        }
        return dir;
    }
}
