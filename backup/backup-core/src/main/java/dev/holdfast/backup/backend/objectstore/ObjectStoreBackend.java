package dev.holdfast.backup.backend.objectstore;

import dev.holdfast.backup.Id;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.BackendException;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.backend.MissingFileException;
import dev.holdfast.backup.backend.TlsException;
import dev.holdfast.backup.backend.ConfigExistsException;
import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A repository in an {@link ObjectStore}, with the keys restic 0.14 uses on S3 and Azure: {@code config},
 * {@code keys/<id>}, {@code data/<first two hex digits>/<id>}, {@code index/<id>}, {@code snapshots/<id>},
 * {@code locks/<id>}, under the store's own prefix. Thread-safe as the store is.
 */
public final class ObjectStoreBackend implements Backend {

    private final ObjectStore store;
    private final ObjectStore lockStore;
    private final Runnable prepare;

    /**
     * @param prepare run by {@link #create()} before anything is written, e.g. to make the bucket or container;
     *     must be idempotent
     */
    public ObjectStoreBackend(ObjectStore store, Runnable prepare) {
        this(store, store, prepare);
    }

    /**
     * @param lockStore the same place as {@code store}, used to save lock files: e.g. with Azure's Hot tier, since
     *     locks live for minutes and the Cool and Cold tiers charge for 30 and 90 days at least
     */
    public ObjectStoreBackend(ObjectStore store, ObjectStore lockStore, Runnable prepare) {
        this.store = store;
        this.lockStore = lockStore;
        this.prepare = prepare;
    }

    static String key(Handle handle) {
        return switch (handle.type()) {
            case CONFIG -> "config";
            case DATA -> "data/" + handle.name().substring(0, 2) + "/" + handle.name();
            default -> handle.type().folder() + "/" + handle.name();
        };
    }

    private <T> T call(String what, Handle handle, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (NoSuchObjectException e) {
            throw new MissingFileException(handle + " does not exist in " + location(), e);
        } catch (ObjectStoreException e) {
            throw failure("cannot " + what + " " + handle + " in " + location(), e);
        }
    }

    /** A {@link TlsException} when certificates are the trouble (not worth retrying), else a backend failure. */
    private static BackendException failure(String what, ObjectStoreException e) {
        TlsException tls = TlsException.of(what, e);
        return tls != null ? tls : new BackendException(what + ": " + e.getMessage(), e);
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public void create() {
        try {
            prepare.run();
            if (store.exists("config")) {
                throw new ConfigExistsException(location());
            }
        } catch (ObjectStoreException e) {
            throw failure("cannot create a repository in " + location(), e);
        }
    }

    @Override
    public void save(Handle handle, byte[] data) {
        ObjectStore target = handle.type() == FileType.LOCK ? lockStore : store;
        call("save", handle, () -> target.put(key(handle),
                Content.repeatable(() -> new ByteArrayInputStream(data), data.length)));
    }

    /** Streams the file (re-opened for a retry), so a pack is never read into memory whole. */
    @Override
    public void save(Handle handle, Path source) {
        ObjectStore target = handle.type() == FileType.LOCK ? lockStore : store;
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw new BackendException("cannot read " + source + " to save it as " + handle, e);
        }
        call("save", handle, () -> target.put(key(handle), Content.repeatable(() -> Files.newInputStream(source),
                size)));
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) {
        ByteRange range = length == 0 ? ByteRange.from(offset) : ByteRange.of(offset, length);
        byte[] bytes = call("load", handle, () -> {
            try (InputStream in = store.get(key(handle), range)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new BackendException("cannot read " + handle + " in " + location() + ": " + e.getMessage(), e);
            }
        });
        if (length != 0 && bytes.length != length) {
            throw new BackendException("cannot read " + length + " bytes at " + offset + " of " + handle + ": got "
                    + bytes.length, null);
        }
        return bytes;
    }

    @Override
    public long size(Handle handle) {
        return call("stat", handle, () -> store.stat(key(handle)).size());
    }

    @Override
    public boolean exists(Handle handle) {
        return call("stat", handle, () -> store.exists(key(handle)));
    }

    @Override
    public void remove(Handle handle) {
        call("remove", handle, () -> {
            store.delete(key(handle));
            return null;
        });
    }

    @Override
    public List<FileInfo> list(FileType type) {
        if (type == FileType.CONFIG) {
            Handle config = Handle.config();
            return exists(config) ? List.of(new FileInfo("", size(config))) : List.of();
        }
        return call("list", new Handle(type, ""), () -> {
            try (Stream<ObjectInfo> objects = store.list(type.folder() + "/")) {
                return objects.map(o -> new FileInfo(o.key().substring(o.key().lastIndexOf('/') + 1), o.size()))
                        .filter(f -> Id.isId(f.name()))
                        .toList();
            }
        });
    }

    @Override
    public void close() {
        store.close();
        if (lockStore != store) {
            lockStore.close();
        }
    }
}
