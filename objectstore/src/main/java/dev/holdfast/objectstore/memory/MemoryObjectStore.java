package dev.holdfast.objectstore.memory;

import dev.holdfast.objectstore.ByteRange;
import dev.holdfast.objectstore.Content;
import dev.holdfast.objectstore.ContentReadException;
import dev.holdfast.objectstore.NoSuchObjectException;
import dev.holdfast.objectstore.ObjectAlreadyExistsException;
import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectKeys;
import dev.holdfast.objectstore.ObjectPage;
import dev.holdfast.objectstore.ObjectStore;
import dev.holdfast.objectstore.PutOptions;
import dev.holdfast.objectstore.PutResult;
import dev.holdfast.objectstore.internal.Checks;
import dev.holdfast.objectstore.internal.KeyOrder;
import dev.holdfast.objectstore.internal.SourceStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Objects in a sorted concurrent map. Unlike the other stores it holds every object in the heap, so it suits tests and
 * small data only. Thread-safe; puts are atomic (the content is read whole before it becomes visible).
 */
public final class MemoryObjectStore implements ObjectStore {

    private record Stored(byte[] bytes, ObjectInfo info) {}

    private final String name;
    private final Clock clock;
    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>(KeyOrder.CODE_POINTS);
    private final AtomicLong versions = new AtomicLong();

    public MemoryObjectStore(String name) {
        this(name, Clock.systemUTC());
    }

    public MemoryObjectStore(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    @Override
    public String location() {
        return "memory:" + name;
    }

    @Override
    public PutResult put(String key, Content content, PutOptions options) {
        ObjectKeys.requireValidKey(key);
        byte[] bytes = readAll(key, content);
        String etag = HexFormat.of().toHexDigits(versions.incrementAndGet());
        ObjectInfo info = new ObjectInfo(key, bytes.length, etag, Instant.now(clock),
                options.effectiveContentType(), options.metadata());
        Stored stored = new Stored(bytes, info);
        if (options.createOnly()) {
            if (objects.putIfAbsent(key, stored) != null) {
                throw new ObjectAlreadyExistsException(key, null);
            }
        } else {
            objects.put(key, stored);
        }
        return new PutResult(key, bytes.length, etag);
    }

    private static byte[] readAll(String key, Content content) {
        SourceStream in = SourceStream.open(key, content);
        try (in) {
            if (content.knownLength() && content.length() <= Integer.MAX_VALUE - 8) {
                byte[] bytes = new byte[(int) content.length()];
                in.readNBytes(bytes, 0, bytes.length);
                in.requireEnd();
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw in.failureOr(new ContentReadException(
                    "reading content for key '" + ObjectKeys.printable(key) + "' failed", e));
        }
    }

    @Override
    public InputStream get(String key, ByteRange range) {
        byte[] bytes = find(key).bytes();
        int offset = (int) Math.min(range.offset(), bytes.length);
        return new ByteArrayInputStream(bytes, offset, (int) range.lengthWithin(bytes.length));
    }

    @Override
    public ObjectInfo stat(String key) {
        return find(key).info();
    }

    @Override
    public boolean exists(String key) {
        return objects.containsKey(ObjectKeys.requireValidKey(key));
    }

    private Stored find(String key) {
        Stored stored = objects.get(ObjectKeys.requireValidKey(key));
        if (stored == null) {
            throw new NoSuchObjectException(key, null);
        }
        return stored;
    }

    @Override
    public ObjectPage list(String prefix, @Nullable String pageToken, int pageSize) {
        ObjectKeys.requireValidPrefix(prefix);
        Checks.requirePageSize(pageSize);
        var tail = pageToken == null ? objects.tailMap(prefix, true) : objects.tailMap(pageToken, false);
        List<ObjectInfo> page = new ArrayList<>();
        for (Map.Entry<String, Stored> entry : tail.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            if (page.size() == pageSize) {
                return new ObjectPage(page, page.getLast().key());
            }
            ObjectInfo info = entry.getValue().info();
            page.add(ObjectInfo.listed(info.key(), info.size(), info.etag(), info.lastModified()));
        }
        return new ObjectPage(page, null);
    }

    @Override
    public void delete(String key) {
        objects.remove(ObjectKeys.requireValidKey(key));
    }
}
