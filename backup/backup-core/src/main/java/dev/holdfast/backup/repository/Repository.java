package dev.holdfast.backup.repository;

import dev.holdfast.backup.BlobType;
import dev.holdfast.backup.Compression;
import dev.holdfast.backup.Id;
import dev.holdfast.backup.IntegrityException;
import dev.holdfast.backup.Json;
import dev.holdfast.backup.NoSuchSnapshotException;
import dev.holdfast.backup.RepositoryExistsException;
import dev.holdfast.backup.RepositoryNotFoundException;
import dev.holdfast.backup.Snapshot;
import dev.holdfast.backup.SnapshotJson;
import dev.holdfast.backup.Tree;
import dev.holdfast.backup.TreeJson;
import dev.holdfast.backup.WrongPasswordException;
import dev.holdfast.backup.backend.Backend;
import dev.holdfast.backup.backend.FileInfo;
import dev.holdfast.backup.backend.FileType;
import dev.holdfast.backup.backend.Handle;
import dev.holdfast.backup.chunker.Polynomial;
import dev.holdfast.backup.repository.internal.BlockBuffer;
import dev.holdfast.backup.repository.internal.Compressor;
import dev.holdfast.backup.repository.internal.crypto.Crypto;
import dev.holdfast.backup.repository.internal.crypto.KeyFile;
import dev.holdfast.backup.repository.internal.crypto.MasterKey;
import dev.holdfast.backup.repository.internal.index.IndexJson;
import dev.holdfast.backup.repository.internal.index.MasterIndex;
import dev.holdfast.backup.repository.internal.pack.PackEntry;
import dev.holdfast.backup.repository.internal.pack.PackWriter;
import dev.holdfast.backup.repository.internal.pack.Packs;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An open restic repository: encrypts, packs, indexes and stores blobs and files through a {@link Backend}. Write
 * order is packs, then the index that lists them ({@link #flush()}), then snapshots. Thread-safe.
 */
public final class Repository implements AutoCloseable {

    /** restic 0.14 tries at most this many key files when opening. */
    public static final int MAX_KEYS = 20;
    private static final int INDEX_BLOBS_PER_FILE = 150_000;

    private final Backend backend;
    private final Config config;
    private final Crypto crypto;
    private final MasterKey master;
    private final Id keyId;
    private final RepositoryOptions options;
    /** Null until first needed: see {@link #index()}. */
    private volatile @Nullable MasterIndex index;
    /** The names of the index files {@link #index} was loaded from. */
    private Set<String> indexFiles = Set.of();
    /** Index files listed by {@link #indexFileBytes()} before the index was loaded: its first load reads these. */
    private @Nullable List<FileInfo> listedIndexFiles;
    private final Map<BlobType, PackWriter> packers = new LinkedHashMap<>();
    private final Set<BlobKey> pending = new HashSet<>();
    private final Map<Id, List<PackedBlob>> unindexed = new LinkedHashMap<>();
    private int unindexedBlobs;
    private int uploads;
    /** Packs are saved on these threads while the callers go on packing (a local save waits for fsync). */
    private @Nullable ExecutorService uploaders;
    private @Nullable RuntimeException uploadFailure;
    /** Full packs waiting or being saved before a caller with another full pack waits: they are temporary files. */
    private static final int MAX_UPLOADS = 4;

    private record BlobKey(BlobType type, Id id) {}

    private Repository(Backend backend, Config config, MasterKey master, Id keyId, RepositoryOptions options) {
        this.backend = backend;
        this.config = config;
        this.master = master;
        this.crypto = new Crypto(master);
        this.keyId = keyId;
        this.options = options;
    }

    /** Creates a new repository; {@code polynomial} null means a random one. */
    public static Repository init(Backend backend, String password, RepositoryOptions options,
            @Nullable Polynomial polynomial) {
        if (backend.exists(Handle.config())) {
            throw new RepositoryExistsException("a repository already exists at " + backend.location());
        }
        backend.create();
        MasterKey master = MasterKey.random();
        Id keyId = saveKey(backend, password, master, options.kdf(), "", "");
        Config config = Config.create(options.version(), polynomial == null ? Polynomial.random() : polynomial);
        backend.save(Handle.config(), new Crypto(master).encrypt(config.toJson()));
        Repository repository = new Repository(backend, config, master, keyId, options);
        repository.index = new MasterIndex(); // nothing indexed yet
        return repository;
    }

    private static Id saveKey(Backend backend, String password, MasterKey master, KdfParams kdf, String username,
            String hostname) {
        KeyFile key = KeyFile.create(password, master, kdf, username.isEmpty() ? Host.username() : username,
                hostname.isEmpty() ? Host.hostname() : hostname, OffsetDateTime.now());
        byte[] json = key.toJson();
        Id id = Id.hash(json);
        backend.save(new Handle(FileType.KEY, id.hex()), json);
        return id;
    }

    /**
     * Opens a repository, trying up to {@link #MAX_KEYS} key files. Its index is loaded when first needed: listing
     * snapshots, managing keys or locks and forgetting snapshots never need it (restic's {@code snapshots} does not
     * load it either), and a large repository's index takes seconds and tens of MiB.
     */
    public static Repository open(Backend backend, String password, RepositoryOptions options) {
        if (!backend.exists(Handle.config())) {
            throw new RepositoryNotFoundException("there is no repository at " + backend.location());
        }
        List<FileInfo> keys = new java.util.ArrayList<>(backend.list(FileType.KEY));
        keys.sort(Comparator.comparing(FileInfo::name));
        for (FileInfo info : keys.subList(0, Math.min(MAX_KEYS, keys.size()))) {
            KeyFile keyFile = KeyFile.fromJson(backend.load(new Handle(FileType.KEY, info.name()), 0, 0));
            var master = keyFile.open(password);
            if (master.isPresent()) {
                byte[] plain = new Crypto(master.get()).decrypt(backend.load(Handle.config(), 0, 0));
                Repository repository = new Repository(backend, Config.fromJson(plain), master.get(),
                        Id.parse(info.name()), options);
                return repository;
            }
        }
        throw new WrongPasswordException("wrong password or no key found in " + backend.location());
    }

    public Config config() {
        return config;
    }

    public Backend backend() {
        return backend;
    }

    public RepositoryOptions options() {
        return options;
    }

    /** The key file this repository was opened with. */
    public Id keyId() {
        return keyId;
    }

    /**
     * restic's migration {@code upgrade_repo_v2}: rewrites the config as version 2 with the same ID and chunker
     * polynomial, so that compressed blobs may be written from then on (this object still writes version 1: open the
     * repository again). The old config file is removed first, as restic does where a backend cannot replace a file
     * atomically; if the new one cannot be saved, the old one is saved again (keep a copy of it beforehand, as restic
     * does, in case that fails too). Hold an exclusive lock.
     */
    public void upgradeToVersion2() {
        byte[] old = backend.load(Handle.config(), 0, 0);
        byte[] upgraded = new Crypto(master).encrypt(new Config(2, config.id(), config.polynomial()).toJson());
        backend.remove(Handle.config());
        try {
            backend.save(Handle.config(), upgraded);
        } catch (RuntimeException e) {
            try {
                backend.save(Handle.config(), old);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    // ---------------------------------------------------------------- keys

    /** Adds a key file for {@code password} that opens the same master key. */
    public Id addKey(String password, KdfParams kdf) {
        return addKey(password, kdf, "", "");
    }

    /**
     * Adds a key file for {@code password} that opens the same master key, recording {@code username} and
     * {@code hostname} (restic's {@code key add --user --host}; empty means this process's user and host).
     */
    public Id addKey(String password, KdfParams kdf, String username, String hostname) {
        return saveKey(backend, password, master, kdf, username, hostname);
    }

    /** The key files: ID, user, host and creation time. */
    public List<KeyInfo> keys() {
        List<KeyInfo> result = new ArrayList<>();
        for (FileInfo info : backend.list(FileType.KEY)) {
            KeyFile key = KeyFile.fromJson(backend.load(new Handle(FileType.KEY, info.name()), 0, 0));
            result.add(new KeyInfo(Id.parse(info.name()), key.username(), key.hostname(), key.created(),
                    info.name().equals(keyId.hex())));
        }
        result.sort(Comparator.comparing(KeyInfo::created));
        return result;
    }

    /** A key file as listed by {@code key list}. */
    public record KeyInfo(Id id, String username, String hostname, OffsetDateTime created, boolean current) {}

    public void removeKey(Id id) {
        if (id.equals(keyId)) {
            throw new IllegalArgumentException("refusing to remove the key this repository was opened with");
        }
        backend.remove(new Handle(FileType.KEY, id.hex()));
    }

    // ---------------------------------------------------------------- unpacked files

    /** Encrypts (and in version 2 compresses) a JSON document and stores it under the hash of the stored bytes. */
    public Id saveUnpacked(FileType type, byte[] json) {
        return saveUnpacked(type, out -> out.write(json));
    }

    /** Writes an index, snapshot or lock file's JSON to the stream it is given. */
    @FunctionalInterface
    public interface JsonWriting {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Saves an index, snapshot or lock file whose JSON {@code json} writes; for format v2 it is compressed as it is
     * written, so that only the compressed file is ever held whole (an index file of 150,000 blobs is 22 MB of JSON,
     * which as one array, with the copies of a growing buffer, did not fit the CLI's heap beside a backup).
     */
    public Id saveUnpacked(FileType type, JsonWriting json) {
        BlockBuffer plain = new BlockBuffer();
        try {
            if (config.version() >= 2) {
                plain.write(2);
                try (OutputStream compressing = Compressor.compressingStream(plain, Compressor.DEFAULT_LEVEL)) {
                    json.writeTo(compressing);
                }
            } else {
                json.writeTo(plain);
            }
        } catch (IOException e) { // nothing here does I/O but zstd, whose errors are reported as such
            throw new IllegalStateException("cannot encode " + type.folder() + " file: " + e.getMessage(), e);
        }
        byte[] sealed = new byte[plain.size() + Crypto.OVERHEAD];
        plain.copyTo(sealed, Crypto.PLAINTEXT_OFFSET);
        plain = null; // the compressed file is held once only from here on
        crypto.sealInPlace(sealed);
        Id id = Id.hash(sealed);
        backend.save(new Handle(type, id.hex()), sealed);
        return id;
    }

    /** Loads, verifies (name = hash), decrypts and decompresses an index, snapshot or lock file. */
    public byte[] loadUnpacked(FileType type, Id id) {
        try (InputStream json = openUnpacked(type, id)) {
            return json.readAllBytes();
        } catch (IOException e) {
            throw new IntegrityException(type.folder() + "/" + id + ": cannot decompress: " + e.getMessage(), e);
        }
    }

    /** The file's JSON, decompressed as the stream is read (an index file can be tens of MB of it). */
    private InputStream openUnpacked(FileType type, Id id) {
        byte[] plain = loadDecrypted(type, id);
        return switch (plain[0]) {
            case '{', '[' -> new ByteArrayInputStream(plain);
            case 2 -> Compressor.decompressingStream(plain, 1);
            default -> throw new IntegrityException(type.folder() + "/" + id + ": unknown encoding " + plain[0]);
        };
    }

    private byte[] loadDecrypted(FileType type, Id id) {
        byte[] sealed = backend.load(new Handle(type, id.hex()), 0, 0);
        if (!Id.hash(sealed).equals(id)) {
            throw new IntegrityException(type.folder() + "/" + id + ": content does not match its name");
        }
        byte[] plain = crypto.decrypt(sealed);
        if (plain.length == 0) {
            throw new IntegrityException(type.folder() + "/" + id + " is empty");
        }
        return plain;
    }

    // ---------------------------------------------------------------- index

    /** The index, loaded from the repository's index files the first time it is needed. */
    private MasterIndex index() {
        MasterIndex loaded = index;
        if (loaded == null) {
            synchronized (this) {
                if (index == null) {
                    loadIndex();
                }
                loaded = index;
            }
        }
        return loaded;
    }

    private void loadIndex() {
        loadIndex(listedIndexFiles != null ? listedIndexFiles : backend.list(FileType.INDEX));
    }

    /**
     * The total size of the index files, for judging the memory the index will take before loading it; the listing
     * is kept for that first load, so it is not listed twice.
     */
    public synchronized long indexFileBytes() {
        List<FileInfo> files = listedIndexFiles != null ? listedIndexFiles : backend.list(FileType.INDEX);
        if (index == null) {
            listedIndexFiles = files;
        }
        return files.stream().mapToLong(FileInfo::size).sum();
    }

    /** Loads the index from {@code files}; a listing kept by {@link #indexFileBytes()} is stale from here on. */
    private void loadIndex(List<FileInfo> files) {
        listedIndexFiles = null;
        MasterIndex fresh = new MasterIndex();
        for (FileInfo info : files) {
            try (InputStream json = openUnpacked(FileType.INDEX, Id.parse(info.name()))) {
                IndexJson.read(Json.parser(json), fresh::addPack);
            } catch (IOException e) {
                throw Json.invalid(e);
            }
        }
        index = fresh;
        indexFiles = names(files);
    }

    private static Set<String> names(List<FileInfo> files) {
        return files.stream().map(FileInfo::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Loads the index again if its files changed since it was loaded: an exclusive lock holder calls this once its
     * lock is written, as another process may have finished a backup after this repository was opened (its packs
     * would otherwise look unreferenced, its trees missing).
     */
    public synchronized void reloadIndexIfChanged() {
        if (!unindexed.isEmpty() || !packers.isEmpty()) {
            throw new IllegalStateException("packs are being written; flush first");
        }
        List<FileInfo> files = backend.list(FileType.INDEX);
        if (index == null || !names(files).equals(indexFiles)) {
            loadIndex(files);
        }
    }

    /**
     * Replaces all index files by new ones listing every indexed pack except {@code dropped}; the old files are
     * deleted only after the new ones are written. Call {@link #flush()} first.
     */
    public synchronized void rewriteIndex(Set<Id> dropped) {
        Map<Id, List<PackedBlob>> kept = new LinkedHashMap<>(index().packs());
        kept.keySet().removeAll(dropped);
        replaceIndex(kept);
    }

    /**
     * Replaces all index files by new ones listing exactly {@code packs}; the old files are deleted only after the
     * new ones are written. Call {@link #flush()} first.
     */
    public synchronized void replaceIndex(Map<Id, List<PackedBlob>> packs) {
        List<FileInfo> old = backend.list(FileType.INDEX);
        writeIndexFiles(packs);
        for (FileInfo info : old) {
            backend.remove(new Handle(FileType.INDEX, info.name()));
        }
        loadIndex();
    }

    /**
     * For a repository whose storage is full (restic's {@code prune --unsafe-recover-no-free-space}): deletes every
     * index file, then the {@code dropped} packs, and only then writes index files for the other indexed packs. Until
     * they are written the repository has no index; {@code rebuild-index} repairs a crash in between. Call
     * {@link #flush()} first.
     */
    public synchronized void rewriteIndexFreeingSpaceFirst(Set<Id> dropped) {
        Map<Id, List<PackedBlob>> kept = new LinkedHashMap<>(index().packs());
        kept.keySet().removeAll(dropped);
        for (FileInfo info : backend.list(FileType.INDEX)) {
            backend.remove(new Handle(FileType.INDEX, info.name()));
        }
        for (Id pack : dropped) {
            backend.remove(new Handle(FileType.DATA, pack.hex()));
        }
        writeIndexFiles(kept);
        loadIndex();
    }

    private void writeIndexFiles(Map<Id, List<PackedBlob>> packs) {
        Map<Id, List<PackedBlob>> batch = new LinkedHashMap<>();
        int blobs = 0;
        for (Map.Entry<Id, List<PackedBlob>> pack : packs.entrySet()) {
            batch.put(pack.getKey(), pack.getValue());
            blobs += pack.getValue().size();
            if (blobs >= INDEX_BLOBS_PER_FILE) {
                saveUnpacked(FileType.INDEX, out -> IndexJson.write(List.of(), batch, out));
                batch.clear();
                blobs = 0;
            }
        }
        if (!batch.isEmpty()) {
            saveUnpacked(FileType.INDEX, out -> IndexJson.write(List.of(), batch, out));
        }
    }

    /** Deletes a pack file; it must no longer be in the index. */
    public void removePack(Id pack) {
        if (index().containsPack(pack)) {
            throw new IllegalStateException("pack " + pack + " is still indexed");
        }
        backend.remove(new Handle(FileType.DATA, pack.hex()));
    }

    public @Nullable PackedBlob lookup(BlobType type, Id id) {
        return index().lookup(type, id);
    }

    /**
     * A number for the first indexed copy of (type, id), or -1: below {@link #indexEntryCount()}, unchanged until the
     * index changes. For marking many blobs in a bit set (a million in 125 KB) instead of a set of keys.
     */
    public int indexEntry(BlobType type, Id id) {
        return index().entryOf(type, id);
    }

    public int indexEntryCount() {
        return index().entryCount();
    }

    /** The indexed blob with entry number {@code entry}, from {@link #indexEntry}. */
    public PackedBlob indexEntry(int entry) {
        return index().entry(entry);
    }

    /** Every pack listed in an index, with its blobs in pack order. */
    public Map<Id, List<PackedBlob>> indexedPacks() {
        return index().packs();
    }

    /** Packs listed in more than one index file (a hint, not an error). */
    public Set<Id> packsInSeveralIndexes() {
        return index().packsInSeveralIndexes();
    }

    public List<PackedBlob> indexedBlobs(BlobType type) {
        return index().blobs(type);
    }

    // ---------------------------------------------------------------- blobs

    private synchronized boolean isPending(BlobType type, Id id) {
        return pending.contains(new BlobKey(type, id));
    }

    public synchronized boolean hasBlob(BlobType type, Id id) {
        return index().has(type, id) || pending.contains(new BlobKey(type, id));
    }

    /**
     * Stores a blob unless the repository has it already.
     *
     * @return whether the blob was new
     */
    public boolean saveBlob(BlobType type, Id id, byte[] plaintext) {
        return saveBlob(type, id, plaintext, 0, plaintext.length, false);
    }

    /**
     * Stores {@code data[offset .. offset+length)} as a blob unless the repository has it already. With
     * {@code scratch} the range may be overwritten (a blob stored uncompressed is encrypted where it lies: the
     * archiver's chunk buffers); otherwise it is left as it was.
     *
     * @return whether the blob was new
     */
    public boolean saveBlob(BlobType type, Id id, byte[] data, int offset, int length, boolean scratch) {
        if (hasBlob(type, id)) {
            return false;
        }
        return seal(type, data, offset, length, scratch, (iv, ciphertext, at, ciphertextLength, mac, uncompressed) ->
                addToPack(type, id, iv, ciphertext, at, ciphertextLength, mac, uncompressed, false));
    }

    /** Receives a sealed blob, in buffers that are reused after it returns. */
    @FunctionalInterface
    private interface SealedConsumer {
        boolean accept(byte[] iv, byte[] ciphertext, int offset, int length, byte[] mac, int uncompressedLength);
    }

    /** Copies of blobs that must be left as they were, for encrypting in place: reused, one per concurrent seal. */
    private final ConcurrentLinkedDeque<byte[][]> sealBuffers = new ConcurrentLinkedDeque<>();

    /**
     * Compresses (trees always, data per the options; data that does not shrink stays raw) and encrypts in place:
     * the compressed frame where zstd wrote it, raw data where it lies when {@code scratch} allows, else in a reused
     * copy. Hands IV, ciphertext and MAC to {@code consumer}.
     */
    private boolean seal(BlobType type, byte[] data, int offset, int length, boolean scratch,
            SealedConsumer consumer) {
        byte[] iv = new byte[16];
        byte[] mac = new byte[16];
        if (config.version() >= 2 && length > 0
                && (type == BlobType.TREE || options.compression() != Compression.OFF)) {
            int level = type == BlobType.TREE ? Compressor.DEFAULT_LEVEL
                    : options.compression() == Compression.MAX ? Compressor.MAX_LEVEL : Compressor.DATA_LEVEL;
            Boolean saved = Compressor.compress(data, offset, length, level, (frame, frameLength) -> {
                if (frameLength >= length && type != BlobType.TREE) {
                    return null;
                }
                crypto.encryptInPlace(frame, 0, frameLength, iv, mac);
                return consumer.accept(iv, frame, 0, frameLength, mac, length);
            });
            if (saved != null) {
                return saved;
            }
        }
        if (scratch) {
            crypto.encryptInPlace(data, offset, length, iv, mac);
            return consumer.accept(iv, data, offset, length, mac, 0);
        }
        byte[][] holder = sealBuffers.pollFirst();
        if (holder == null) {
            holder = new byte[][] {new byte[0]};
        }
        try {
            if (holder[0].length < length) {
                holder[0] = new byte[roundUpToMiB(length)];
            }
            System.arraycopy(data, offset, holder[0], 0, length);
            crypto.encryptInPlace(holder[0], 0, length, iv, mac);
            return consumer.accept(iv, holder[0], 0, length, mac, 0);
        } finally {
            sealBuffers.offerFirst(holder);
        }
    }

    private static int roundUpToMiB(int length) {
        int mib = 1024 * 1024;
        return (int) Math.min(Integer.MAX_VALUE - 8, ((long) length + mib - 1) / mib * mib);
    }

    /** Stores a blob again even though the index has it, e.g. to move it out of a pack that prune removes. */
    public void repackBlob(BlobType type, Id id, byte[] plaintext) {
        if (isPending(type, id)) {
            return;
        }
        seal(type, plaintext, 0, plaintext.length, false, (iv, ciphertext, at, ciphertextLength, mac, uncompressed) ->
                addToPack(type, id, iv, ciphertext, at, ciphertextLength, mac, uncompressed, true));
    }

    /**
     * Adds a sealed blob to its type's open pack (written to the pack's temporary file here, so the buffers may be
     * reused afterwards); returns whether it was new. A full pack is saved here.
     */
    private boolean addToPack(BlobType type, Id id, byte[] iv, byte[] ciphertext, int offset, int length, byte[] mac,
            int uncompressedLength, boolean evenIfIndexed) {
        PackWriter full;
        synchronized (this) {
            if (!evenIfIndexed && index().has(type, id) || !pending.add(new BlobKey(type, id))) {
                return false;
            }
            PackWriter packer = null;
            try {
                packer = packers.computeIfAbsent(type, t -> new PackWriter(options.tempDirectory()));
                packer.add(type, id, iv, ciphertext, offset, length, mac, uncompressedLength);
            } catch (RuntimeException e) {
                // no temporary file, or a write failed part way (the file no longer matches its entries): the pack
                // is given up with its blobs, and the operation fails
                pending.remove(new BlobKey(type, id));
                if (packer != null) {
                    packers.remove(type);
                    packer.entries().forEach(entry -> pending.remove(new BlobKey(entry.type(), entry.id())));
                    packer.close();
                }
                throw e;
            }
            if (packer.size() < options.packSize()) {
                return true;
            }
            packers.remove(type);
            try {
                awaitUploads(MAX_UPLOADS - 1);
            } catch (RuntimeException e) { // an earlier upload failed: this pack is given up too
                packer.entries().forEach(entry -> pending.remove(new BlobKey(entry.type(), entry.id())));
                packer.close();
                throw e;
            }
            uploads++;
            full = packer;
            if (uploaders == null) {
                uploaders = Executors.newFixedThreadPool(2,
                        Thread.ofPlatform().daemon().name("pack-upload-", 0).factory());
            }
            uploaders.execute(() -> {
                try {
                    upload(full);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        if (uploadFailure == null) {
                            uploadFailure = e;
                        }
                    }
                }
            });
        }
        return true;
    }

    /** Waits (holding this object's monitor) until at most {@code count} uploads are in flight; throws a failed one. */
    private void awaitUploads(int count) {
        while (uploads > count && uploadFailure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.holdfast.backup.BackupException("interrupted while waiting for uploads", e);
            }
        }
        if (uploadFailure != null) { // reported once: the operation that saw it fails, the repository goes on
            RuntimeException failure = uploadFailure;
            uploadFailure = null;
            throw failure;
        }
    }

    /** Hashes and stores a blob; returns its ID. */
    public Id saveBlob(BlobType type, byte[] plaintext) {
        Id id = Id.hash(plaintext);
        saveBlob(type, id, plaintext);
        return id;
    }

    /**
     * Finishes and stores a pack outside the lock (other threads keep packing), then indexes it. Its blobs stay
     * "pending" until indexed; if the upload fails they are forgotten, so a later save stores them again.
     */
    private void upload(PackWriter packer) {
        try (packer) {
            PackWriter.Finished pack = packer.finish(crypto);
            Id packId = pack.id();
            backend.save(new Handle(FileType.DATA, packId.hex()), pack.file());
            List<PackedBlob> blobs = new ArrayList<>();
            for (PackEntry entry : packer.entries()) {
                blobs.add(new PackedBlob(entry.type(), entry.id(), packId, entry.offset(), entry.length(),
                        entry.uncompressedLength()));
            }
            synchronized (this) {
                index().addPack(packId, blobs);
                blobs.forEach(blob -> pending.remove(new BlobKey(blob.type(), blob.id())));
                unindexed.put(packId, blobs);
                unindexedBlobs += blobs.size();
                if (unindexedBlobs >= INDEX_BLOBS_PER_FILE) {
                    writeIndex();
                }
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                packer.entries().forEach(entry -> pending.remove(new BlobKey(entry.type(), entry.id())));
            }
            throw e;
        } finally {
            synchronized (this) {
                uploads--;
                notifyAll();
            }
        }
    }

    private void writeIndex() {
        if (unindexed.isEmpty()) {
            return;
        }
        saveUnpacked(FileType.INDEX, out -> IndexJson.write(List.of(), unindexed, out));
        unindexed.clear();
        unindexedBlobs = 0;
    }

    /** Writes all open packs, waits for uploads in flight, then writes an index file for every new pack. */
    public void flush() {
        List<PackWriter> open;
        synchronized (this) {
            open = packers.values().stream().filter(p -> !p.isEmpty()).toList();
            packers.values().stream().filter(PackWriter::isEmpty).forEach(PackWriter::close);
            packers.clear();
            uploads += open.size();
        }
        RuntimeException failure = null;
        for (PackWriter packer : open) {
            if (failure == null) {
                try {
                    upload(packer);
                } catch (RuntimeException e) {
                    failure = e;
                }
                continue;
            }
            synchronized (this) { // given up after a failed one: forgotten as upload() forgets a failed pack
                packer.entries().forEach(entry -> pending.remove(new BlobKey(entry.type(), entry.id())));
                packer.close();
                uploads--;
                notifyAll();
            }
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (this) {
            awaitUploads(0);
            writeIndex();
        }
    }

    /** Loads, decrypts, decompresses and verifies a blob. */
    public byte[] loadBlob(BlobType type, Id id) {
        PackedBlob blob = index().lookup(type, id);
        if (blob == null) {
            throw new IntegrityException(type.json() + " blob " + id + " is not in the index");
        }
        byte[] sealed = backend.load(new Handle(FileType.DATA, blob.pack().hex()), blob.offset(), blob.length());
        return decodeBlob(blob, sealed);
    }

    /** Decrypts and decompresses a blob's stored bytes and checks that they hash to its ID. */
    public byte[] decodeBlob(PackedBlob blob, byte[] sealed) {
        byte[] plain;
        try {
            plain = crypto.decrypt(sealed);
        } catch (IntegrityException e) {
            throw new IntegrityException(blob.type().json() + " blob " + blob.id() + " in pack " + blob.pack()
                    + ": ciphertext verification failed", e);
        }
        if (blob.compressed()) {
            plain = Compressor.decompress(plain, blob.uncompressedLength());
        }
        if (!Id.hash(plain).equals(blob.id())) {
            throw new IntegrityException(blob.type().json() + " blob " + blob.id() + " in pack " + blob.pack()
                    + ": content does not match its ID");
        }
        return plain;
    }

    /** A decoder for one thread, reusing its buffers and zstd context from blob to blob. Close it when done. */
    public BlobDecoder blobDecoder() {
        return new BlobDecoder();
    }

    /**
     * Decrypts blobs where they lie in a pack's bytes (no copy of the ciphertext), decompresses them with one zstd
     * context and checks their IDs, into buffers reused from blob to blob: reading many packs allocates no per-blob
     * arrays. Not thread-safe; one per worker.
     */
    public final class BlobDecoder implements AutoCloseable {

        private final ZstdDecompressCtx zstd = new ZstdDecompressCtx();
        private byte[] decrypted = new byte[0];
        private byte[] decompressed = new byte[0];

        private BlobDecoder() {}

        /**
         * Decodes the blob stored at {@code bytes[offset .. offset + blob.length())}.
         *
         * @return its plaintext in the first {@link PackedBlob#plaintextLength()} bytes of an array that the next
         *     call overwrites
         * @throws IntegrityException if it does not decrypt, decompress or hash to its ID
         */
        public byte[] decode(PackedBlob blob, byte[] bytes, int offset) {
            return decode(blob, bytes, offset, bytes.length);
        }

        /**
         * As {@link #decode(PackedBlob, byte[], int)} for a buffer whose first {@code end} bytes hold data read (a
         * reused buffer may be longer).
         */
        public byte[] decode(PackedBlob blob, byte[] bytes, int offset, int end) {
            checkWithin(blob, bytes, offset, end);
            decrypted = atLeast(decrypted, blob.length() - Crypto.OVERHEAD);
            int length;
            try {
                length = crypto.decrypt(bytes, offset, blob.length(), decrypted, 0);
            } catch (IntegrityException e) {
                throw failure(blob, "ciphertext verification failed", e);
            }
            return plaintext(blob, decrypted, 0, length).bytes(); // from index 0, as documented
        }

        /** A decoded blob: its plaintext is {@code bytes[offset .. offset + length)}. */
        public record Plaintext(byte[] bytes, int offset, int length) {}

        /**
         * As {@link #decode(PackedBlob, byte[], int, int)}, but decrypts where the blob lies in {@code bytes}, which
         * it changes: no buffer of the blob's size besides the read one (a restore's two workers held up to 16 MiB of
         * decrypted copies). An uncompressed blob's plaintext stays in {@code bytes}; a compressed one's is
         * decompressed into a buffer that the next call overwrites. The blob's bytes can be decoded only once.
         */
        public Plaintext decodeInPlace(PackedBlob blob, byte[] bytes, int offset, int end) {
            checkWithin(blob, bytes, offset, end);
            int length;
            try {
                length = crypto.decryptInPlace(bytes, offset, blob.length());
            } catch (IntegrityException e) {
                throw failure(blob, "ciphertext verification failed", e);
            }
            return plaintext(blob, bytes, offset + Crypto.PLAINTEXT_OFFSET, length);
        }

        private static void checkWithin(PackedBlob blob, byte[] bytes, int offset, int end) {
            if (blob.length() < Crypto.OVERHEAD || offset < 0 || offset + blob.length() > Math.min(end, bytes.length)) {
                throw failure(blob, "outside the data read", null);
            }
        }

        /** The decrypted blob at {@code bytes[at .. at + length)}, decompressed if it is, its ID checked. */
        private Plaintext plaintext(PackedBlob blob, byte[] bytes, int at, int length) {
            byte[] plain = bytes;
            if (blob.compressed()) {
                decompressed = atLeast(decompressed, blob.uncompressedLength());
                length = Compressor.decompress(zstd, bytes, at, length, decompressed, blob.uncompressedLength());
                plain = decompressed;
                at = 0;
            }
            if (!Id.hash(plain, at, length).equals(blob.id())) {
                throw failure(blob, "content does not match its ID", null);
            }
            return new Plaintext(plain, at, length);
        }

        private static IntegrityException failure(PackedBlob blob, String what, @Nullable Throwable cause) {
            return new IntegrityException(blob.type().json() + " blob " + blob.id() + " in pack " + blob.pack()
                    + ": " + what, cause);
        }

        private static byte[] atLeast(byte[] buffer, int size) {
            return buffer.length >= size ? buffer : new byte[Math.max(size, Math.min(buffer.length * 2, 8 << 20))];
        }

        @Override
        public void close() {
            zstd.close();
        }
    }

    public Tree loadTree(Id id) {
        return TreeJson.decode(loadBlob(BlobType.TREE, id));
    }

    public Id saveTree(Tree tree) {
        return saveBlob(BlobType.TREE, TreeJson.encode(tree));
    }

    // ---------------------------------------------------------------- packs

    /** Pack files in the backend with their sizes. */
    public List<FileInfo> listPacks() {
        return backend.list(FileType.DATA);
    }

    /** A whole pack file's bytes. */
    public byte[] loadPack(Id pack) {
        return backend.load(new Handle(FileType.DATA, pack.hex()), 0, 0);
    }

    /**
     * Parses the header of a pack of {@code packSize} bytes from its last {@code tailLength} bytes, held in
     * {@code tail[0 .. tailLength)}, which must include the header and its length. @throws IntegrityException if it
     * is damaged (or the tail is too short to hold it)
     */
    public List<PackedBlob> packHeader(Id pack, byte[] tail, int tailLength, long packSize) {
        List<PackedBlob> result = new ArrayList<>();
        for (PackEntry entry : Packs.parseHeader(crypto, tail, tailLength, packSize)) {
            result.add(new PackedBlob(entry.type(), entry.id(), pack, entry.offset(), entry.length(),
                    entry.uncompressedLength()));
        }
        return result;
    }

    /**
     * Reads a pack's header from the end of its file (its last 64 KiB, more when the header is longer).
     * @throws dev.holdfast.backup.IntegrityException if the header is damaged
     */
    public List<PackedBlob> readPackHeader(Id pack, long packSize) {
        Handle handle = new Handle(FileType.DATA, pack.hex());
        int tailLength = (int) Math.min(packSize, 64 * 1024);
        byte[] tail = backend.load(handle, packSize - tailLength, tailLength);
        int needed = Packs.headerLength(tail, tail.length) + 4;
        if (needed > tail.length && needed <= packSize) {
            tail = backend.load(handle, packSize - needed, needed);
        }
        return packHeader(pack, tail, tail.length, packSize);
    }

    /** The size a pack holding exactly these blobs must have. */
    public static long expectedPackSize(List<PackedBlob> blobs) {
        long size = 4 + Crypto.OVERHEAD;
        for (PackedBlob blob : blobs) {
            size += blob.length() + blob.headerSize();
        }
        return size;
    }

    // ---------------------------------------------------------------- snapshots

    public Snapshot saveSnapshot(Snapshot snapshot) {
        Id id = saveUnpacked(FileType.SNAPSHOT, SnapshotJson.encode(snapshot));
        return snapshot.withId(id);
    }

    public Snapshot loadSnapshot(Id id) {
        return SnapshotJson.decode(id, loadUnpacked(FileType.SNAPSHOT, id));
    }

    /** All snapshots, oldest first. */
    public List<Snapshot> snapshots() {
        List<Snapshot> result = new ArrayList<>();
        for (FileInfo info : backend.list(FileType.SNAPSHOT)) {
            result.add(loadSnapshot(Id.parse(info.name())));
        }
        result.sort(Comparator.comparing(Snapshot::time).thenComparing(Snapshot::requireId));
        return result;
    }

    /** A snapshot by full ID, unique ID prefix, or {@code latest}. */
    public Snapshot findSnapshot(String selector) {
        if (selector.equals("latest")) {
            List<Snapshot> all = snapshots();
            if (all.isEmpty()) {
                throw new NoSuchSnapshotException("no snapshot found in " + backend.location());
            }
            return all.getLast();
        }
        List<String> matches = backend.list(FileType.SNAPSHOT).stream().map(FileInfo::name)
                .filter(name -> name.startsWith(selector.toLowerCase(java.util.Locale.ROOT))).toList();
        if (matches.size() != 1) {
            throw new NoSuchSnapshotException(matches.isEmpty() ? "no snapshot matches " + selector
                    : "snapshot prefix " + selector + " is ambiguous");
        }
        return loadSnapshot(Id.parse(matches.getFirst()));
    }

    public void removeSnapshot(Id id) {
        backend.remove(new Handle(FileType.SNAPSHOT, id.hex()));
    }

    // ---------------------------------------------------------------- locks

    /** Takes a shared or exclusive lock; close it to release. @throws dev.holdfast.backup.RepositoryLockedException */
    public RepositoryLock lock(boolean exclusive) {
        return RepositoryLock.acquire(this, exclusive);
    }

    /**
     * Takes a lock whose second conflict check (restic waits 200 ms for it) runs while the caller goes on reading;
     * the caller calls {@link RepositoryLock#confirm} before it commits anything: before it saves an index or a
     * snapshot, deletes, or writes what it read. Packs saved before are harmless if it then fails: nothing refers to
     * them. @throws dev.holdfast.backup.RepositoryLockedException when a conflicting lock is seen at once
     */
    public RepositoryLock beginLock(boolean exclusive) {
        return RepositoryLock.begin(this, exclusive);
    }

    /**
     * As {@link #beginLock}, for an operation that only reads (restore, check): no lock at all when the options say
     * so ({@code --no-lock}).
     */
    public RepositoryLock beginReadLock(boolean exclusive) {
        return options.readLocks() ? beginLock(exclusive) : RepositoryLock.none(this, exclusive);
    }

    /** Gives up packs still open (a backup that failed part way): their temporary files are removed. */
    @Override
    public void close() {
        List<PackWriter> open;
        ExecutorService pool;
        synchronized (this) {
            open = List.copyOf(packers.values());
            packers.clear();
            pool = uploaders;
            uploaders = null;
        }
        open.forEach(PackWriter::close);
        if (pool != null) {
            pool.close(); // waits for uploads in flight
        }
        backend.close();
    }
}
