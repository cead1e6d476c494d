package dev.holdfast.backup.backend.local;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.backend.MissingFileException;
import dev.holdfast.backup.backend.ConfigExistsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A repository in a local folder, laid out as restic's default layout: {@code data/xx/<id>} with all 256 subfolders
 * made at creation. Files are written to a temporary name, synced, renamed and made read-only, as restic does.
 *
 * <p>Large ranges read into a caller's buffer (restore, {@code check --read-data}: each pack read once) bypass the
 * page cache ({@code O_DIRECT}) where the file system allows it: with cached reads a 2 GiB restore spent 4.6-4.8 s of
 * system time on a 2-core VM, without them 2.0-2.5 s, and the cache no longer fills with packs nobody reads again.
 * {@code -Dholdfast.backup.local.directIo=false} turns it off.
 */
public final class LocalBackend implements Backend {

    private static final int IO_SLICE = 256 * 1024; // the launcher's jdk.nio.maxCachedBufferSize
    /** Reads at least this long go around the page cache. */
    static final int DIRECT_MIN = 256 * 1024;
    /** What a direct read takes at most at a time: the size of each thread's aligned buffer. */
    private static final int DIRECT_CHUNK = 1 << 20;
    /** Larger file system blocks (ZFS records, say) are not worth aligning to. */
    private static final int DIRECT_MAX_ALIGNMENT = 64 * 1024;
    private static final boolean DIRECT_IO = Boolean.parseBoolean(
            System.getProperty("holdfast.backup.local.directIo", "true"));
    private static final ThreadLocal<ByteBuffer> DIRECT_BUFFER = new ThreadLocal<>();

    private final Path root;
    /** The file system's block size once known, or 0 while unknown; -1 where direct reads are not possible. */
    private volatile int alignment = DIRECT_IO ? 0 : -1;

    public LocalBackend(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public void create() {
        if (Files.exists(root.resolve("config"))) {
            throw new ConfigExistsException(root.toString());
        }
        try {
            for (FileType type : FileType.values()) {
                if (type != FileType.CONFIG) {
                    createDirectory(root.resolve(type.folder()));
                }
            }
            for (int i = 0; i < 256; i++) {
                createDirectory(root.resolve("data").resolve(HexFormat.of().toHexDigits((byte) i)));
            }
        } catch (IOException e) {
            throw new BackendException("cannot create repository folders in " + root, e);
        }
    }

    private static void createDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    Path path(Handle handle) {
        return switch (handle.type()) {
            case CONFIG -> root.resolve("config");
            case DATA -> root.resolve("data").resolve(handle.name().substring(0, 2)).resolve(handle.name());
            default -> root.resolve(handle.type().folder()).resolve(handle.name());
        };
    }

    @Override
    public void save(Handle handle, byte[] data) {
        save(handle, List.of(data));
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) {
        saveThrough(handle, temp -> {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                // in slices: the JDK copies a heap buffer through a temporary direct one, cached only when small
                for (byte[] data : parts) {
                    for (int at = 0; at < data.length; at += IO_SLICE) {
                        ByteBuffer buffer = ByteBuffer.wrap(data, at, Math.min(IO_SLICE, data.length - at));
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    }
                }
            }
        });
    }

    /**
     * Links the source into the repository under a temporary name when both are on one filesystem (nothing is
     * copied; the caller's removal of its name leaves the repository's), else copies it; then syncs and renames it
     * into place as every save does.
     */
    @Override
    public void save(Handle handle, Path source) {
        saveThrough(handle, temp -> {
            try {
                Files.createLink(temp, source);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(source, temp);
            }
        });
    }

    /** Writes the content to create a file of. */
    @FunctionalInterface
    private interface Content {
        void writeTo(Path temp) throws IOException;
    }

    /**
     * Has {@code content} create a temporary file next to the target, syncs it, makes it read-only and renames it into
     * place, then syncs the folder: a saved file is complete or absent.
     */
    private void saveThrough(Handle handle, Content content) {
        Path target = path(handle);
        Path temp = target.resolveSibling(target.getFileName() + "-tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(target.getParent());
            content.writeTo(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("r--------"));
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new BackendException("cannot save " + handle + " in " + root + ": " + e.getMessage(), e);
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every filesystem lets a directory be synced; the rename is still atomic
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a leftover temporary name is never listed
        }
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        try (FileChannel channel = FileChannel.open(path(handle), StandardOpenOption.READ)) {
            long available = channel.size() - offset;
            int toRead = length == 0 ? Math.toIntExact(Math.max(0, available)) : length;
            if (toRead > available) {
                throw new BackendException("cannot read " + toRead + " bytes at " + offset + " of " + handle
                        + ": the file has " + channel.size(), null);
            }
            byte[] data = new byte[toRead];
            read(channel, handle, offset, toRead, data);
            return data;
        } catch (NoSuchFileException e) {
            throw new MissingFileException(handle + " does not exist in " + root, e);
        } catch (IOException e) {
            throw new BackendException("cannot read " + handle + " in " + root, e);
        }
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into) {
        if (length < 1 || length > into.length) {
            throw new IllegalArgumentException("cannot read " + length + " bytes into " + into.length);
        }
        if (length >= DIRECT_MIN && alignment() > 0) {
            try {
                readDirect(handle, offset, length, into);
                return;
            } catch (NoSuchFileException e) {
                throw new MissingFileException(handle + " does not exist in " + root, e);
            } catch (IOException | UnsupportedOperationException e) {
                // refused (ramfs, tmpfs before Linux 6.6, some FUSE file systems) or failed: cached reads from now
                // on, where a real read error shows again
                alignment = -1;
            }
        }
        try (FileChannel channel = FileChannel.open(path(handle), StandardOpenOption.READ)) {
            read(channel, handle, offset, length, into);
        } catch (NoSuchFileException e) {
            throw new MissingFileException(handle + " does not exist in " + root, e);
        } catch (IOException e) {
            throw new BackendException("cannot read " + handle + " in " + root, e);
        }
    }

    /** Whether large reads go around the page cache here (as far as known: before the first, the file system's say). */
    public boolean readsDirectly() {
        return alignment() > 0;
    }

    private int alignment() {
        int known = alignment;
        if (known == 0) {
            try {
                long block = Files.getFileStore(root).getBlockSize();
                known = block > 0 && block <= DIRECT_MAX_ALIGNMENT && Long.bitCount(block) == 1 ? (int) block : -1;
            } catch (NoSuchFileException notYetCreated) {
                return -1; // asked again once the repository exists
            } catch (IOException | UnsupportedOperationException e) {
                known = -1;
            }
            alignment = known;
        }
        return known;
    }

    /**
     * Reads exactly {@code length} bytes at {@code offset} with {@code O_DIRECT}: whole aligned blocks, up to
     * {@link #DIRECT_CHUNK} at a time, into this thread's aligned buffer, copied on into {@code into}.
     */
    private void readDirect(Handle handle, long offset, int length, byte[] into) throws IOException {
        int align = alignment;
        ByteBuffer buffer = DIRECT_BUFFER.get();
        if (buffer == null || buffer.capacity() < DIRECT_CHUNK + 2 * align || buffer.alignmentOffset(0, align) != 0) {
            buffer = ByteBuffer.allocateDirect(DIRECT_CHUNK + 3 * align).alignedSlice(align);
            DIRECT_BUFFER.set(buffer);
        }
        try (FileChannel channel = FileChannel.open(path(handle), StandardOpenOption.READ,
                com.sun.nio.file.ExtendedOpenOption.DIRECT)) {
            long size = channel.size();
            if (offset + length > size) {
                throw new BackendException("cannot read " + length + " bytes at " + offset + " of " + handle
                        + ": the file has " + size, null);
            }
            long mask = -(long) align;
            for (int done = 0; done < length; ) {
                long at = offset + done;
                long start = at & mask;
                int take = Math.min(length - done, DIRECT_CHUNK);
                long end = (at + take + align - 1) & mask;
                buffer.clear().limit(Math.toIntExact(end - start));
                // the last block of the file comes back short: stop there, the next read would be unaligned
                while (buffer.hasRemaining() && start + buffer.position() < size) {
                    if (channel.read(buffer, start + buffer.position()) <= 0) {
                        throw new BackendException("unexpected end of " + handle, null);
                    }
                }
                buffer.get(Math.toIntExact(at - start), into, done, take);
                done += take;
            }
        }
    }

    /** Reads exactly {@code length} bytes at {@code offset} into {@code data}, in slices (see {@link #IO_SLICE}). */
    private static void read(FileChannel channel, Handle handle, long offset, int length, byte[] data)
            throws IOException {
        for (int at = 0; at < length; at += IO_SLICE) {
            ByteBuffer buffer = ByteBuffer.wrap(data, at, Math.min(IO_SLICE, length - at));
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new BackendException("unexpected end of " + handle, null);
                }
            }
        }
    }

    @Override
    public long size(Handle handle) {
        try {
            return Files.size(path(handle));
        } catch (NoSuchFileException e) {
            throw new MissingFileException(handle + " does not exist in " + root, e);
        } catch (IOException e) {
            throw new BackendException("cannot stat " + handle + " in " + root, e);
        }
    }

    @Override
    public boolean exists(Handle handle) {
        return Files.exists(path(handle));
    }

    @Override
    public void remove(Handle handle) {
        Path path = path(handle);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new BackendException("cannot remove " + handle + " in " + root, e);
        }
    }

    @Override
    public List<FileInfo> list(FileType type) {
        if (type == FileType.CONFIG) {
            return exists(Handle.config()) ? List.of(new FileInfo("", size(Handle.config()))) : List.of();
        }
        Path dir = root.resolve(type.folder());
        List<FileInfo> result = new ArrayList<>();
        try {
            if (type == FileType.DATA) {
                for (Path sub : children(dir)) {
                    if (Files.isDirectory(sub)) {
                        addFiles(sub, result);
                    }
                }
            } else {
                addFiles(dir, result);
            }
        } catch (IOException e) {
            throw new BackendException("cannot list " + type.folder() + " in " + root, e);
        }
        return result;
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> stream = Files.list(dir)) {
            return stream.toList();
        }
    }

    private static void addFiles(Path dir, List<FileInfo> result) throws IOException {
        for (Path file : children(dir)) {
            String name = file.getFileName().toString();
            if (Id.isId(name) && Files.isRegularFile(file)) {
                try {
                    result.add(new FileInfo(name, Files.size(file)));
                } catch (NoSuchFileException removedMeanwhile) {
                    // listing races with removal; a removed file is simply not listed
                }
            }
        }
    }
}
