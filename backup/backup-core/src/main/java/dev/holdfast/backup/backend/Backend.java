package dev.holdfast.backup.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stores a repository's files: dumb, content-agnostic, and safe to call from several threads. Files are written once
 * and whole; a saved file is either complete or absent. Decorators ({@code <Concern>Backend}) add retries, limits and
 * logging around any implementation.
 */
public interface Backend extends AutoCloseable {

    /** Where the backend points, for messages (e.g. a path or URL without credentials). */
    String location();

    /** Creates the layout (folders) for a new repository; fails if a config file already exists. */
    void create();

    /** Saves {@code data} under {@code handle}, atomically; an existing file is replaced only for locks. */
    void save(Handle handle, byte[] data);

    /**
     * Saves the concatenation of {@code parts} as {@link #save(Handle, byte[])} does. Backends that can write the
     * parts one after another override this, so a pack need not be copied into one large array first.
     */
    default void save(Handle handle, List<byte[]> parts) {
        int size = 0;
        for (byte[] part : parts) {
            size = Math.addExact(size, part.length);
        }
        byte[] data = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, data, at, part.length);
            at += part.length;
        }
        save(handle, data);
    }

    /**
     * Saves the content of the local file {@code source} as {@link #save(Handle, byte[])} does. The source stays
     * where it is and the caller removes it afterwards, but must not change it: a backend may link it. Packs are built in temporary files, as restic builds them, so that a
     * backup holds no pack in memory; backends that can copy or link a file override this, the default reads it.
     */
    default void save(Handle handle, Path source) {
        byte[] data;
        try {
            data = Files.readAllBytes(source);
        } catch (IOException e) {
            throw new BackendException("cannot read " + source + " to save it as " + handle, e);
        }
        save(handle, data);
    }

    /**
     * Reads {@code length} bytes from {@code offset}, or the rest of the file when {@code length} is 0.
     *
     * @throws MissingFileException if the file does not exist
     */
    byte[] load(Handle handle, long offset, int length);

    /**
     * Reads {@code length} (at least 1) bytes from {@code offset} into {@code into[0 .. length)}, so that a reader of
     * many ranges (restore, {@code check --read-data}) can reuse one buffer instead of a fresh array of up to a pack's
     * size per read. Backends that can read in place override this; the default copies from {@link #load}.
     *
     * @throws MissingFileException if the file does not exist
     */
    default void load(Handle handle, long offset, int length, byte[] into) {
        if (length < 1 || length > into.length) {
            throw new IllegalArgumentException("cannot read " + length + " bytes into " + into.length);
        }
        byte[] data = load(handle, offset, length);
        if (data.length != length) {
            throw new BackendException("read " + data.length + " instead of " + length + " bytes of " + handle, null);
        }
        System.arraycopy(data, 0, into, 0, length);
    }

    /** Size of the file in bytes. @throws MissingFileException if it does not exist */
    long size(Handle handle);

    boolean exists(Handle handle);

    /** Removes the file; removing a missing file is not an error. */
    void remove(Handle handle);

    /** The files of one type, in no particular order (the list may be unmodifiable); names that are not IDs are skipped. */
    List<FileInfo> list(FileType type);

    @Override
    default void close() {}
}
