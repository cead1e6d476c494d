package dev.holdfast.backup.repository.internal.pack;

import dev.holdfast.backup.BackupException;
import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the encrypted blobs of one pack into a temporary file as they come, as restic does, then appends the
 * encrypted header. No pack is held in memory, so the heap sees no pack-sized arrays; the file is hashed once, when
 * finished, outside the repository's lock. Not thread-safe.
 *
 * <p>The writer holds a POSIX lock on its file until it is closed (or the backend has read it: closing any channel
 * of a file drops the process's locks on it). The first writer of a JVM in a directory removes the temporary packs
 * there that nobody holds: those of processes that were killed or halted mid-backup, which restic avoids by
 * removing its temporary files as soon as they are open (a backend here saves a pack by its path, the local one as
 * a hard link).
 */
public final class PackWriter implements AutoCloseable {

    /** Bytes per write: the JDK copies a heap array through a per-thread cached direct buffer only when small. */
    private static final int IO_SLICE = 256 * 1024;
    private static final String PREFIX = "holdfast-pack-";
    /** Directories this JVM has cleared of leftovers; guarded by itself. */
    private static final Set<Path> SWEPT = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private long size;
    private long headerSize;
    private final List<PackEntry> entries = new ArrayList<>();

    /** A finished pack: its temporary file, ID and length. The caller saves it and then {@link #close}s the writer. */
    public record Finished(Path file, Id id, long length) {}

    /** A new, empty pack in a temporary file in {@code directory}, readable only by this user. */
    public PackWriter(Path directory) {
        removeLeftoversOnce(directory);
        try {
            file = Files.createTempFile(directory, PREFIX, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lockQuietly(channel);
        } catch (IOException e) {
            throw new BackupException("cannot create a temporary pack file in " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Appends a blob sealed as IV, ciphertext {@code [offset .. offset+length)}, MAC (see
     * {@code Crypto.encryptInPlace}); {@code uncompressedLength} is 0 when it was not compressed.
     */
    public PackEntry add(BlobType type, Id id, byte[] iv, byte[] ciphertext, int offset, int length, byte[] mac,
            int uncompressedLength) {
        int sealed = iv.length + length + mac.length;
        if (size + sealed > Integer.MAX_VALUE - (1 << 24)) {
            throw new IllegalStateException("pack too large");
        }
        write(iv, 0, iv.length);
        write(ciphertext, offset, length);
        write(mac, 0, mac.length);
        PackEntry entry = new PackEntry(type, id, (int) size, sealed, uncompressedLength);
        size += sealed;
        headerSize += entry.headerSize();
        entries.add(entry);
        return entry;
    }

    private void write(byte[] data, int offset, int length) {
        try {
            for (int at = 0; at < length; at += IO_SLICE) {
                ByteBuffer buffer = ByteBuffer.wrap(data, offset + at, Math.min(IO_SLICE, length - at));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new BackupException("cannot write the temporary pack file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bytes of blobs plus the header written so far. */
    public long size() {
        return size + headerSize;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public List<PackEntry> entries() {
        return List.copyOf(entries);
    }

    /** Appends the encrypted header and its little-endian length, closes the file and hashes it. */
    public Finished finish(Crypto crypto) {
        byte[] header = crypto.encrypt(Packs.headerPlaintext(entries));
        byte[] length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length).array();
        write(header, 0, header.length);
        write(length, 0, length.length);
        try {
            MessageDigest digest = Id.sha256();
            byte[] buffer = new byte[64 * 1024];
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long position = 0;
            for (int n = channel.read(wrapped, position); n >= 0; n = channel.read(wrapped, position)) {
                digest.update(buffer, 0, wrapped.position());
                position += wrapped.position();
                wrapped.clear();
            }
            return new Finished(file, Id.of(digest.digest()), size + header.length + 4);
        } catch (IOException e) {
            throw new BackupException("cannot finish the temporary pack file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void lockQuietly(FileChannel channel) {
        try {
            channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            // a file system without locks: the file is removed by close() alone, as before
        }
    }

    /** Once per JVM and directory, before this JVM's first pack there (so none of its own is open). */
    private static void removeLeftoversOnce(Path directory) {
        synchronized (SWEPT) {
            if (SWEPT.add(directory.toAbsolutePath().normalize())) {
                removeLeftovers(directory);
            }
        }
    }

    /** Removes the temporary packs in {@code directory} that no process holds a lock on. */
    static void removeLeftovers(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.tmp")) {
            for (Path file : files) {
                try (FileChannel leftover = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS); FileLock unheld = leftover.tryLock()) {
                    if (unheld != null) {
                        Files.delete(file);
                    }
                } catch (IOException | OverlappingFileLockException e) {
                    // another user's, gone meanwhile, or held: not ours to remove
                }
            }
        } catch (IOException e) {
            // the directory cannot be listed: creating the pack will say so
        }
    }

    /** Closes and removes the temporary file (once the pack is saved, or when it is given up). */
    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover temporary pack is only wasted space outside the repository
        }
    }
}
