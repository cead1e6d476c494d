package dev.holdfast.objectstore.local;

import dev.holdfast.objectstore.ObjectInfo;
import dev.holdfast.objectstore.ObjectStoreException;
import dev.holdfast.objectstore.internal.KeyOrder;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * One walk of the directory tree that collects the first {@code limit} keys after {@code after} under {@code prefix},
 * in code point order. Symbolic links are neither followed nor listed; files vanishing during the walk are skipped.
 */
final class Listing extends SimpleFileVisitor<Path> {

    private static final Comparator<String> KEY_ORDER = KeyOrder.CODE_POINTS;

    private final Path root;
    private final String prefix;
    private final @Nullable String after;
    private final int limit;
    /** The {@code limit} smallest keys seen so far, largest on top. */
    private final PriorityQueue<ObjectInfo> best;

    Listing(Path root, String prefix, @Nullable String after, int limit) {
        this.root = root;
        this.prefix = prefix;
        this.after = after;
        this.limit = limit;
        this.best = new PriorityQueue<>(Comparator.comparing(ObjectInfo::key, KEY_ORDER).reversed());
    }

    List<ObjectInfo> run() {
        Path start = startDirectory();
        try {
            if (Files.isDirectory(start)) {
                Files.walkFileTree(start, this);
            }
        } catch (IOException e) {
            throw new ObjectStoreException("cannot list prefix '" + prefix + "' under " + root + ": " + e, e);
        }
        List<ObjectInfo> sorted = new ArrayList<>(best);
        sorted.sort(Comparator.comparing(ObjectInfo::key, KEY_ORDER));
        return sorted;
    }

    private Path startDirectory() {
        int slash = prefix.lastIndexOf('/');
        return slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) {
            return FileVisitResult.CONTINUE;
        }
        String key = key(dir) + "/";
        if (key.equals(LocalObjectStore.TEMP_DIR + "/")) {
            return FileVisitResult.SKIP_SUBTREE;
        }
        boolean related = key.startsWith(prefix) || prefix.startsWith(key);
        return related ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
            return FileVisitResult.CONTINUE;
        }
        String key = key(file);
        if (!key.startsWith(prefix) || after != null && KEY_ORDER.compare(key, after) <= 0) {
            return FileVisitResult.CONTINUE;
        }
        if (best.size() == limit && KEY_ORDER.compare(key, best.peek().key()) >= 0) {
            return FileVisitResult.CONTINUE;
        }
        best.add(ObjectInfo.listed(key, attrs.size(), Etags.of(file, attrs), attrs.lastModifiedTime().toInstant()));
        if (best.size() > limit) {
            best.poll();
        }
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE;
        }
        throw e;
    }

    private String key(Path path) {
        return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }
}
