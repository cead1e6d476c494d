package dev.holdfast.objectstore.local;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.InvalidKeyException;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectAlreadyExistsException;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreAccessException;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.internal.BoundedInputStream;
import dev.holdfast.objectstore.internal.Checks;
import dev.holdfast.objectstore.internal.SourceStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Objects as files under a root directory; a key's segments are directories.
 *
 * <p>A put writes a temporary file in {@value #TEMP_DIR} under the root, fsyncs it, then renames it into place (or
 * hard-links it, for create-only, which fails atomically if the key exists) and fsyncs the directory: readers see the
 * old or the new file, and a crash leaves at most a stray temporary file. Concurrent writers of one key are safe: the
 * last rename wins. Nothing outside the root is reachable: keys cannot climb out, and a key whose path runs through a
 * symbolic link, or is one, is refused. Content type and metadata are kept in user extended attributes where the file
 * system has them, and are dropped where it has not ({@link #keepsMetadata()}). Thread-safe.
 *
 * <p>A key cannot be both an object and a directory of others: with {@code a} stored, putting {@code a/b} fails.
 */
public final class LocalObjectStore implements ObjectStore {

    /** Directory under the root for temporary files; keys may not start with it. */
    public static final String TEMP_DIR = ".holdfast-tmp";

    private static final int BUFFER_BYTES = 1 << 20;
    private static final int PUBLISH_ATTEMPTS = 5;

    private final Path root;
    private final Path temp;
    private final Attributes attributes;

    private LocalObjectStore(Path root, Path temp, Attributes attributes) {
        this.root = root;
        this.temp = temp;
        this.attributes = attributes;
    }

    /** Opens the store at {@code root}, creating the directory if needed. */
    public static LocalObjectStore open(Path root) {
        try {
            Path real = Files.createDirectories(root.toAbsolutePath()).toRealPath();
            Path temp = Files.createDirectories(real.resolve(TEMP_DIR));
            return new LocalObjectStore(real, temp, Attributes.probe(temp));
        } catch (IOException e) {
            throw failure("cannot open store at " + root, e);
        }
    }

    @Override
    public String location() {
        return "file:" + root;
    }

    /** Whether content type and metadata survive a put on this file system. */
    public boolean keepsMetadata() {
        return attributes.supported();
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        Path target = resolve(key);
        Path file = null;
        SourceStream in = SourceStream.open(key, content);
        try (in) {
            file = Files.createTempFile(temp, "put-", ".tmp");
            long size = write(in, file);
            attributes.write(file, options);
            String etag = Etags.of(file);
            publish(key, file, target, options.createOnly());
            return new PutResult(key, size, etag);
        } catch (IOException e) {
            throw in.failureOr(failure("cannot store key '" + ObjectKeys.printable(key) + "'", e));
        } finally {
            deleteQuietly(file);
        }
    }

    private static long write(SourceStream in, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long size = 0;
            for (int n; (n = in.readFully(buffer)) > 0; size += n) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
            return size;
        }
    }

    /** Moves {@code file} to {@code target}; retries when a concurrent delete removed an empty parent directory. */
    private void publish(String key, Path file, Path target, boolean createOnly) throws IOException {
        for (int attempt = 1; ; attempt++) {
            createParents(key, target.getParent());
            try {
                if (createOnly) {
                    Files.createLink(target, file);
                } else {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                }
                Durability.fsyncDirectory(target.getParent());
                return;
            } catch (FileAlreadyExistsException e) {
                if (createOnly) {
                    throw new ObjectAlreadyExistsException(key, e);
                }
                throw e;
            } catch (NoSuchFileException e) {
                if (attempt == PUBLISH_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Creates the directories from the root to {@code dir}, refusing symbolic links and fsyncing each new entry. */
    private void createParents(String key, Path dir) throws IOException {
        Path current = root;
        for (Path name : root.relativize(dir)) {
            Path next = current.resolve(name);
            try {
                Files.createDirectory(next);
                Durability.fsyncDirectory(current);
            } catch (FileAlreadyExistsException e) {
                requireDirectory(key, next);
            }
            current = next;
        }
    }

    private void requireDirectory(String key, Path dir) {
        if (Files.isSymbolicLink(dir)) {
            throw symlink(key, dir);
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new ObjectStoreException("key '" + ObjectKeys.printable(key) + "' cannot be stored: '"
                    + root.relativize(dir) + "' is an object, not a directory");
        }
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        Path target = resolve(key);
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchObjectException(key, null);
        }
        try {
            FileChannel channel = FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            long size = channel.size();
            channel.position(Math.min(range.offset(), size));
            return new BoundedInputStream(Channels.newInputStream(channel), range.lengthWithin(size));
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new NoSuchObjectException(key, e);
        } catch (IOException e) {
            throw failure("cannot read key '" + ObjectKeys.printable(key) + "'", e);
        }
    }

    @Override
    public ObjectInfo stat(String key) {
        Path target = resolve(key);
        try {
            BasicFileAttributes basic = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!basic.isRegularFile()) {
                throw new NoSuchObjectException(key, null);
            }
            Attributes.Stored stored = attributes.read(target);
            return new ObjectInfo(key, basic.size(), Etags.of(target, basic), basic.lastModifiedTime().toInstant(),
                    stored.contentType(), stored.metadata());
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new NoSuchObjectException(key, e);
        } catch (IOException e) {
            throw failure("cannot stat key '" + ObjectKeys.printable(key) + "'", e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        ObjectKeys.requireValidPrefix(prefix);
        Checks.requirePageSize(pageSize);
        if (prefix.equals(TEMP_DIR) || prefix.startsWith(TEMP_DIR + "/")) {
            return new ObjectPage(List.of(), null);
        }
        List<ObjectInfo> found = new Listing(root, prefix, pageToken, pageSize + 1).run();
        if (found.size() <= pageSize) {
            return new ObjectPage(found, null);
        }
        List<ObjectInfo> page = new ArrayList<>(found.subList(0, pageSize));
        return new ObjectPage(page, page.getLast().key());
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (Files.deleteIfExists(target)) {
                Durability.fsyncDirectory(target.getParent());
                pruneEmptyParents(target.getParent());
            }
        } catch (NotDirectoryException e) {
            // a parent is a file, so the key names nothing: deleting nothing succeeds
        } catch (IOException e) {
            throw failure("cannot delete key '" + ObjectKeys.printable(key) + "'", e);
        }
    }

    private void pruneEmptyParents(Path dir) {
        for (Path current = dir; !current.equals(root); current = current.getParent()) {
            try {
                Files.delete(current);
            } catch (IOException e) {
                return; // not empty, or a concurrent put is using it: leave it
            }
        }
    }

    /** The file for {@code key}, after checking that it stays under the root and runs through no symbolic link. */
    private Path resolve(String key) {
        ObjectKeys.requireValidKey(key);
        if (key.equals(TEMP_DIR) || key.startsWith(TEMP_DIR + "/")) {
            throw new InvalidKeyException("key '" + ObjectKeys.printable(key) + "' is not valid: '" + TEMP_DIR
                    + "' is reserved by the local store");
        }
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new InvalidKeyException("key '" + ObjectKeys.printable(key) + "' is not valid: it leaves the root");
        }
        for (Path current = target; !current.equals(root); current = current.getParent()) {
            if (Files.isSymbolicLink(current)) {
                throw symlink(key, current);
            }
        }
        return target;
    }

    private ObjectStoreAccessException symlink(String key, Path link) {
        return new ObjectStoreAccessException("key '" + ObjectKeys.printable(key) + "' runs through symbolic link '"
                + root.relativize(link) + "', which the local store does not follow", null);
    }

    private static ObjectStoreException failure(String message, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new ObjectStoreAccessException(message + ": permission denied on " + e.getMessage(), e);
        }
        return new ObjectStoreException(message + ": " + e, e);
    }

    private static void deleteQuietly(@Nullable Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a stray temporary file costs space only; the next put does not depend on it
            }
        }
    }
}
